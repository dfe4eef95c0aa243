use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::demo::DEMO_PEOPLE;
use crate::{ErrorCode, ManualClock};

fn demo(dir: &tempfile::TempDir) -> (Desk, ManualClock) {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    let mut desk = Desk::open(dir.path(), clock.clone()).unwrap();
    desk.init_demo().unwrap();
    desk.sign_out().unwrap();
    (desk, clock)
}

fn id_of(desk: &Desk, name: &str) -> i64 {
    desk.sign_in_choices().unwrap().into_iter().find(|c| c.name == name).unwrap().id
}

fn sign_in(desk: &mut Desk, index: usize) -> Result<SessionDto, ApiError> {
    let (name, _, _, pin) = DEMO_PEOPLE[index];
    let id = id_of(desk, name);
    desk.sign_in(SignInDto { person_id: id, pin: Some(pin.into()) })
}

fn code<T: std::fmt::Debug>(r: Result<T, ApiError>) -> ErrorCode {
    r.unwrap_err().code
}

#[test]
fn the_demo_shop_has_an_owner_an_accountant_and_four_cashiers_across_two_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    let choices = desk.sign_in_choices().unwrap();
    let roles: Vec<Role> = choices.iter().map(|c| c.role).collect();
    assert_eq!(roles.iter().filter(|r| **r == Role::Owner).count(), 1);
    assert_eq!(roles.iter().filter(|r| **r == Role::Accountant).count(), 1);
    assert_eq!(roles.iter().filter(|r| **r == Role::Cashier).count(), 4);
    sign_in(&mut desk, 0).unwrap();
    let people = desk.list_people().unwrap().people;
    let outlets: std::collections::BTreeSet<Option<i64>> =
        people.iter().filter(|p| p.role == Role::Cashier).map(|p| p.outlet_id).collect();
    assert_eq!(outlets.len(), 2, "cashiers at both outlets");
    assert!(people.iter().all(|p| p.has_pin));
}

#[test]
fn nobody_signed_in_reads_nothing_and_a_wrong_pin_does_not_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    assert_eq!(code(desk.overview()), ErrorCode::SessionNone);
    let owner = id_of(&desk, DEMO_PEOPLE[0].0);
    assert_eq!(code(desk.sign_in(SignInDto { person_id: owner, pin: Some("111111".into()) })), ErrorCode::PinWrong);
    assert_eq!(code(desk.sign_in(SignInDto { person_id: owner, pin: None })), ErrorCode::PinNeeded);
    assert_eq!(code(desk.overview()), ErrorCode::SessionNone);
    assert_eq!(code(desk.sign_in(SignInDto { person_id: 999, pin: Some("482915".into()) })), ErrorCode::PersonNotFound);
    let s = sign_in(&mut desk, 0).unwrap();
    assert_eq!(s.role, Role::Owner);
    assert!(desk.overview().is_ok());
}

/// After 5 wrong tries each next try waits 30 s, then 60 s, ...; a try during the wait is not
/// even checked; after 10 the person is locked, even with the right PIN, until the owner unlocks.
#[test]
fn wrong_pins_wait_doubling_then_lock_until_the_owner_unlocks() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, clock) = demo(&dir);
    let (name, _, _, right) = DEMO_PEOPLE[1];
    let id = id_of(&desk, name);
    let wrong = || SignInDto { person_id: id, pin: Some("999111".into()) };
    for _ in 0..4 {
        assert_eq!(code(desk.sign_in(wrong())), ErrorCode::PinWrong);
    }
    assert_eq!(code(desk.sign_in(wrong())), ErrorCode::PinWrong, "the fifth");
    for wait in [30, 60, 120, 240] {
        // Even the right PIN waits; the try is not counted.
        assert_eq!(code(desk.sign_in(SignInDto { person_id: id, pin: Some(right.into()) })), ErrorCode::PinWait);
        let choice = desk.sign_in_choices().unwrap().into_iter().find(|c| c.id == id).unwrap();
        assert_eq!(choice.wait_seconds, wait);
        clock.advance(Duration::seconds(i64::from(wait) - 1));
        assert_eq!(code(desk.sign_in(wrong())), ErrorCode::PinWait);
        clock.advance(Duration::seconds(1));
        assert_eq!(code(desk.sign_in(wrong())), ErrorCode::PinWrong);
    }
    // Nine wrong so far; the wait is 480 s; the tenth locks.
    clock.advance(Duration::seconds(480));
    assert_eq!(code(desk.sign_in(wrong())), ErrorCode::PinLocked);
    clock.advance(Duration::days(1));
    assert_eq!(code(desk.sign_in(SignInDto { person_id: id, pin: Some(right.into()) })), ErrorCode::PinLocked);
    assert!(desk.sign_in_choices().unwrap().iter().find(|c| c.id == id).unwrap().locked);

    // Closing the window does not reset the count: it is in the file.
    drop(desk);
    let mut desk = Desk::open(dir.path(), clock.clone()).unwrap();
    assert_eq!(code(desk.sign_in(SignInDto { person_id: id, pin: Some(right.into()) })), ErrorCode::PinLocked);
    sign_in(&mut desk, 0).unwrap();
    desk.unlock_person(id).unwrap();
    desk.sign_out().unwrap();
    assert_eq!(sign_in(&mut desk, 1).unwrap().role, Role::Accountant);
}

#[test]
fn the_desk_locks_after_the_idle_time_the_owner_sets() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, clock) = demo(&dir);
    sign_in(&mut desk, 0).unwrap();
    assert_eq!(
        code(desk.set_people_settings(PeopleSettingsDto { pin_policy: PinPolicy::Everyone, idle_minutes: 1 })),
        ErrorCode::PeopleIdleOutOfRange
    );
    assert_eq!(
        code(desk.set_people_settings(PeopleSettingsDto { pin_policy: PinPolicy::Everyone, idle_minutes: 31 })),
        ErrorCode::PeopleIdleOutOfRange
    );
    desk.set_people_settings(PeopleSettingsDto { pin_policy: PinPolicy::Everyone, idle_minutes: 2 }).unwrap();
    clock.advance(Duration::seconds(110));
    assert!(desk.overview().is_ok(), "activity within the idle time");
    clock.advance(Duration::seconds(110));
    assert!(desk.overview().is_ok(), "the idle time counts from the last act");
    clock.advance(Duration::seconds(121));
    assert_eq!(code(desk.overview()), ErrorCode::SessionLocked);
    assert_eq!(code(desk.overview()), ErrorCode::SessionNone, "signed out");
    // A new sign-in takes the setting too.
    sign_in(&mut desk, 1).unwrap();
    assert_eq!(desk.session().unwrap().unwrap().idle_minutes, 2);
}

#[test]
fn signing_and_managing_people_need_the_pin_typed_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, clock) = demo(&dir);
    sign_in(&mut desk, 0).unwrap();
    assert!(desk.list_people().is_ok(), "right after signing in");
    clock.advance(Duration::seconds(CONFIRM_SECONDS + 1));
    assert_eq!(code(desk.list_people()), ErrorCode::PinConfirmNeeded);
    assert_eq!(code(desk.need(Need::Sign)), ErrorCode::PinConfirmNeeded);
    assert_eq!(code(desk.confirm_pin("000001".into())), ErrorCode::PinWrong);
    desk.confirm_pin(DEMO_PEOPLE[0].3.into()).unwrap();
    assert!(desk.list_people().is_ok());
    assert!(desk.need(Need::Sign).is_ok());
}

#[test]
fn a_cashier_signs_in_without_a_pin_only_where_the_owner_allows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    let cashier = id_of(&desk, DEMO_PEOPLE[2].0);
    assert_eq!(code(desk.sign_in(SignInDto { person_id: cashier, pin: None })), ErrorCode::PinNeeded);
    sign_in(&mut desk, 0).unwrap();
    desk.set_people_settings(PeopleSettingsDto { pin_policy: PinPolicy::OwnerAndAccountant, idle_minutes: 10 })
        .unwrap();
    let new = desk
        .add_person(NewPersonDto { name: "Нұрлан".into(), role: Role::Cashier, outlet_id: Some(1), pin: None })
        .unwrap();
    assert!(!new.has_pin);
    assert_eq!(
        code(desk.add_person(NewPersonDto {
            name: "Бухгалтер".into(),
            role: Role::Accountant,
            outlet_id: None,
            pin: None
        })),
        ErrorCode::PinNeeded
    );
    // A cashier without a PIN cannot be made an accountant, nor may the policy go back to
    // "everyone" until every person has one.
    assert_eq!(
        code(desk.set_person_role(SetRoleDto { person_id: new.id, role: Role::Accountant })),
        ErrorCode::PinNotSet
    );
    assert_eq!(
        code(desk.set_people_settings(PeopleSettingsDto { pin_policy: PinPolicy::Everyone, idle_minutes: 10 })),
        ErrorCode::PinNotSet
    );
    desk.sign_out().unwrap();
    let s = desk.sign_in(SignInDto { person_id: cashier, pin: None }).unwrap();
    assert_eq!(s.role, Role::Cashier);
    assert_eq!(s.may, vec![Need::SignedIn, Need::Training]);
    // Owners and accountants still need theirs.
    let owner = id_of(&desk, DEMO_PEOPLE[0].0);
    assert_eq!(code(desk.sign_in(SignInDto { person_id: owner, pin: None })), ErrorCode::PinNeeded);
}

#[test]
fn people_are_added_with_strong_pins_unique_names_and_the_last_owner_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    let me = sign_in(&mut desk, 0).unwrap();
    let add = |desk: &mut Desk, name: &str, pin: &str| {
        desk.add_person(NewPersonDto {
            name: name.into(),
            role: Role::Accountant,
            outlet_id: None,
            pin: Some(pin.into()),
        })
    };
    assert_eq!(code(add(&mut desk, "Жаңа", "123456")), ErrorCode::PinWeak);
    assert_eq!(code(add(&mut desk, "Жаңа", "150390")), ErrorCode::PinWeak);
    assert_eq!(code(add(&mut desk, "Жаңа", "12345")), ErrorCode::PinFormat);
    assert_eq!(code(add(&mut desk, "  ", "583920")), ErrorCode::PersonNameEmpty);
    assert_eq!(code(add(&mut desk, &"Ә".repeat(2000), "583920")), ErrorCode::TextTooLong);
    assert_eq!(
        code(add(&mut desk, "ГҮЛНАР СЕРІКОВА", "583920")),
        ErrorCode::PersonNameTaken,
        "case does not make another person"
    );
    assert_eq!(
        code(desk.add_person(NewPersonDto {
            name: "Жаңа".into(),
            role: Role::Cashier,
            outlet_id: Some(99),
            pin: Some("583920".into())
        })),
        ErrorCode::OutletNotFound
    );
    let added = add(&mut desk, "Жаңа", "583920").unwrap();
    assert_eq!(added.role, Role::Accountant);
    assert_eq!(
        code(desk.set_person_role(SetRoleDto { person_id: me.person_id, role: Role::Cashier })),
        ErrorCode::PersonOwnRole
    );
    assert_eq!(code(desk.deactivate_person(me.person_id)), ErrorCode::PersonOwnRole);
    // Made an owner, then the first owner is demoted by the second: one owner always remains.
    desk.set_person_role(SetRoleDto { person_id: added.id, role: Role::Owner }).unwrap();
    desk.sign_out().unwrap();
    desk.sign_in(SignInDto { person_id: added.id, pin: Some("583920".into()) }).unwrap();
    desk.set_person_role(SetRoleDto { person_id: me.person_id, role: Role::Cashier }).unwrap();
    assert_eq!(
        code(desk.set_person_role(SetRoleDto { person_id: added.id, role: Role::Cashier })),
        ErrorCode::PersonOwnRole
    );
    // An inactive person no longer signs in, and the name may be used again.
    let gulnar = id_of(&desk, DEMO_PEOPLE[1].0);
    desk.deactivate_person(gulnar).unwrap();
    assert!(desk.sign_in_choices().unwrap().iter().all(|c| c.id != gulnar));
    assert_eq!(
        code(desk.sign_in(SignInDto { person_id: gulnar, pin: Some(DEMO_PEOPLE[1].3.into()) })),
        ErrorCode::PersonNotFound
    );
}

/// A refused act writes nothing: not a row, not an audit entry.
#[test]
fn a_refused_act_is_translated_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    sign_in(&mut desk, 2).unwrap();
    let rows = desk.store.read().audit_log().unwrap().len();
    let event = crate::dto::NewEventDto {
        occurred_on: desk.today(),
        kind: club::membership::EventKind::Excluded,
        note: String::new(),
    };
    let e = desk.record_event(event).unwrap_err();
    assert_eq!(e.code, ErrorCode::RoleRefused);
    assert_eq!(serde_json::to_value(&e).unwrap()["code"], "role.refused");
    assert_eq!(code(desk.list_fines(&crate::fines::FineQuery::default())), ErrorCode::RoleRefused);
    assert_eq!(desk.store.read().audit_log().unwrap().len(), rows);
    assert_eq!(code(desk.overview()), ErrorCode::RoleRefused, "a cashier sees no money: training only");
    assert!(desk.my_training().is_ok(), "a cashier trains");
}

/// The accountant records a payment: the audit trail and the fine's history name her.
#[test]
fn every_write_names_the_person_who_made_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    let accountant = sign_in(&mut desk, 1).unwrap();
    let open = desk
        .list_fines(&crate::fines::FineQuery { state: crate::fines::FineStateFilter::Open, ..Default::default() })
        .unwrap();
    let fine = &open.rows[0];
    let detail = desk
        .pay_fine(crate::fines::PaymentDto {
            fine_id: fine.id,
            on: desk.today(),
            amount: "1000".into(),
            kind: club::fines::PaymentKind::Transfer,
            reference: "п/п 77".into(),
        })
        .unwrap();
    let last = detail.events.last().unwrap();
    assert_eq!(last.by.as_deref(), Some(DEMO_PEOPLE[1].0));
    let log = desk.store.read().audit_log().unwrap();
    let row = log.iter().rev().find(|r| r.entity == "fine_event").unwrap();
    assert_eq!(row.profile, profile_of(accountant.person_id));
    // The demo's own entries were made as its owner.
    assert_eq!(detail.recorded_by.as_deref(), Some(DEMO_PEOPLE[0].0));
    assert!(log.iter().all(|r| r.profile.starts_with("person:")
        || r.entity == "seller"
        || r.entity == "outlet"
        || r.entity == "person"
        || r.profile == store::DEFAULT_PROFILE));
    assert!(desk.verify_audit().unwrap().problem.is_none());
}

/// A data folder from before people: nothing opens until the owner is set, with a PIN.
#[test]
fn a_shop_from_before_people_sets_its_owner_first() {
    let dir = tempfile::tempdir().unwrap();
    {
        let key = Desk::open(dir.path(), crate::FixedClock(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()))
            .unwrap()
            .key
            .clone();
        let mut store = store::Store::open(&dir.path().join(store::DB_FILE), &key).unwrap();
        let seller =
            club::profile::Seller::new(club::profile::LegalForm::LegalEntity, crate::demo::DEMO_BIN, "Дала").unwrap();
        store.write(|db| db.insert_seller(&seller, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())).unwrap();
    }
    let mut desk =
        Desk::open(dir.path(), crate::FixedClock(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())).unwrap();
    assert!(!desk.startup().unwrap().has_people);
    assert_eq!(code(desk.overview()), ErrorCode::PersonOwnerMissing);
    assert_eq!(
        code(desk.add_first_owner(NewOwnerDto { name: "Әсем".into(), pin: "111111".into() })),
        ErrorCode::PinWeak
    );
    let s = desk.add_first_owner(NewOwnerDto { name: "Әсем".into(), pin: "482915".into() }).unwrap();
    assert_eq!(s.role, Role::Owner);
    assert!(desk.overview().is_ok());
    assert_eq!(
        code(desk.add_first_owner(NewOwnerDto { name: "Another".into(), pin: "583920".into() })),
        ErrorCode::RoleRefused
    );
}

/// Every use-case states what it needs: each `pub fn` in an `impl Desk` block starts with
/// `self.need(...)`, unless it is one of the few listed here with the reason.
#[test]
fn every_use_case_states_its_need() {
    let exempt = [
        ("lib.rs", "open"),
        ("lib.rs", "open_with"), // opening the file
        ("lib.rs", "today"),     // the clock
        ("lib.rs", "startup"),   // what the window needs before signing in
        ("lib.rs", "language"),  // the interface language
        ("lib.rs", "set_language"),
        ("shop.rs", "check_tax_id"), // onboarding
        ("shop.rs", "create_shop"),  // onboarding: refused when a shop exists
        ("shop.rs", "has_shop"),
        ("demo.rs", "init_demo"),       // refused when a shop exists
        ("signatures.rs", "test_mode"), // read by onboarding's tax id check
        ("kit.rs", "data_folder"),      // a path, no data
        ("kit.rs", "kit_artwork"),      // a helper of rendering, which checks
        ("people/mod.rs", "need"),
        ("people/mod.rs", "session"),
        ("people/mod.rs", "sign_in_choices"),
        ("people/mod.rs", "sign_in"),
        ("people/mod.rs", "sign_out"),
        ("people/mod.rs", "add_first_owner"), // only where the shop has nobody
        ("people/mod.rs", "act_as"),
        ("people/mod.rs", "has_people"),
        ("people/mod.rs", "session_role"),
    ];
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Every source file, in every folder an area has grown into.
    let mut files = vec![];
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let name = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            if name.ends_with(".rs") && !name.contains("tests") {
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    assert!(files.iter().any(|(f, _)| f == "rules/mod.rs"), "the folders are read");
    let mut checked = 0;
    for (file, text) in &files {
        let lines: Vec<&str> = text.lines().collect();
        let mut in_desk = false;
        for (i, line) in lines.iter().enumerate() {
            if line.starts_with("impl Desk") {
                in_desk = true;
            } else if line.starts_with('}') {
                in_desk = false;
            }
            let Some(rest) = line.strip_prefix("    pub fn ") else { continue };
            if !in_desk {
                continue;
            }
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if exempt.contains(&(file.as_str(), name.as_str())) {
                continue;
            }
            let open = (i..lines.len()).find(|j| lines[*j].trim_end().ends_with('{')).unwrap();
            let first = lines[open + 1..].iter().find(|l| !l.trim().is_empty() && !l.trim().starts_with("//")).unwrap();
            let first = first.trim();
            assert!(
                first.starts_with("self.need(")
                    || first.starts_with("let ") && lines[open + 2].trim().starts_with("self.need("),
                "{file}: `{name}` does not start with self.need(...)"
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} use-cases found");
}

/// The start brings the sign-in screen's names when that screen comes first, so that the
/// window's first screen needs no second call; signed in, or with nobody yet, it brings none.
#[test]
fn the_start_brings_the_names_to_sign_in_with_only_when_someone_must_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    let start = desk.startup().unwrap();
    assert!(start.session.is_none());
    assert_eq!(start.sign_in_choices, desk.sign_in_choices().unwrap());
    assert_eq!(start.sign_in_choices.len(), DEMO_PEOPLE.len());
    sign_in(&mut desk, 0).unwrap();
    assert!(desk.startup().unwrap().sign_in_choices.is_empty());
    let empty = tempfile::tempdir().unwrap();
    assert!(Desk::open(empty.path(), crate::SystemClock).unwrap().startup().unwrap().sign_in_choices.is_empty());
}
