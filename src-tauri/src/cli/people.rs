//! `people`: who may do what (6.8).

use desk::Desk;

use super::words::say;
use super::*;

pub(super) fn people(desk: &mut Desk, action: PeopleAction) -> Result<(), desk::ApiError> {
    let show = |p: &desk::people::PersonDto| {
        let state = match (p.active, p.locked) {
            (false, _) => say!("белсенді емес", "неактивен", "inactive"),
            (true, true) => say!("бұғатталған", "заблокирован", "locked"),
            (true, false) => say!("белсенді", "активен", "active"),
        };
        let role = match p.role {
            desk::people::Role::Owner => say!("иесі", "владелец", "owner"),
            desk::people::Role::Accountant => say!("бухгалтер", "бухгалтер", "accountant"),
            desk::people::Role::Cashier => say!("кассир", "кассир", "cashier"),
        };
        let outlet = p.outlet_id.map(|o| say!("{o}-нүкте", "точка {o}", "outlet {o}")).unwrap_or_default();
        println!("{:>3}  {role:<10}  {state:<13}  {outlet:<9}  {}", p.id, p.name);
    };
    match action {
        PeopleAction::List { json } => {
            let list = desk.list_people()?;
            if json {
                print_json(&list)?;
            } else {
                list.people.iter().for_each(show);
            }
        }
        PeopleAction::Add { name, role: code, outlet } => {
            let role = role(&code)?;
            if !desk.has_people()? {
                if role != desk::people::Role::Owner {
                    return Err(desk::ApiError::new(
                        desk::ErrorCode::PersonOwnerMissing,
                        "the shop has nobody yet: add its owner first (--role owner)",
                    ));
                }
                let session = desk.add_first_owner(desk::people::NewOwnerDto { name, pin: new_pin()? })?;
                let (name, id) = (&session.name, session.person_id);
                println!(
                    "{}",
                    say!(
                        "{name} иесі ретінде қосылды ({id}).",
                        "{name} добавлен(а) как владелец ({id}).",
                        "Added {name} as the owner ({id})."
                    )
                );
                return Ok(());
            }
            let pin = std::env::var(NEW_PIN_ENV).ok().filter(|p| !p.is_empty());
            let added = desk.add_person(desk::people::NewPersonDto { name, role, outlet_id: outlet, pin })?;
            show(&added);
        }
        PeopleAction::SetRole { id, role: code } => {
            show(&desk.set_person_role(desk::people::SetRoleDto { person_id: id, role: role(&code)? })?);
        }
        PeopleAction::SetPin { id } => {
            show(&desk.set_person_pin(desk::people::SetPinDto { person_id: id, pin: new_pin()? })?);
        }
        PeopleAction::Unlock { id } => show(&desk.unlock_person(id)?),
    }
    Ok(())
}

fn new_pin() -> Result<String, desk::ApiError> {
    std::env::var(NEW_PIN_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| desk::ApiError::new(desk::ErrorCode::PinNeeded, format!("put the new PIN in {NEW_PIN_ENV}")))
}

fn role(code: &str) -> Result<desk::people::Role, desk::ApiError> {
    desk::people::Role::from_code(code).ok_or_else(|| {
        desk::ApiError::new(desk::ErrorCode::RoleRefused, format!("{code:?}: owner, accountant or cashier"))
    })
}
