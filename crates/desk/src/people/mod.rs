//! People on the shop's computer (6.8): each with a role and a PIN; the person signed in is who
//! every write is recorded under; each use-case states what it needs and [`Desk::need`] checks
//! it against [`access::may`].

pub mod access;
pub mod pin;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use store::PersonRow;
use ts_rs::TS;
use zeroize::Zeroizing;

pub use access::{may, Need, Role};

use crate::{ApiError, Desk, ErrorCode};

const PIN_POLICY_KEY: &str = "pin_policy";
const IDLE_KEY: &str = "idle_lock_minutes";
/// The window locks after this many idle minutes until the owner sets another time.
pub const DEFAULT_IDLE_MINUTES: u32 = 5;
pub const IDLE_MINUTES: std::ops::RangeInclusive<u32> = 2..=30;
/// How long a PIN typed again counts for signing or managing people.
pub const CONFIRM_SECONDS: i64 = 120;

/// Who must type a PIN to sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PinPolicy {
    Everyone,
    /// Cashiers sign in by choosing their name.
    OwnerAndAccountant,
}

impl PinPolicy {
    fn code(self) -> &'static str {
        match self {
            PinPolicy::Everyone => "everyone",
            PinPolicy::OwnerAndAccountant => "owner_and_accountant",
        }
    }

    fn requires(self, role: Role) -> bool {
        role != Role::Cashier || self == PinPolicy::Everyone
    }
}

/// The person signed in.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub person_id: i64,
    pub name: String,
    pub role: Role,
    pub idle_minutes: u32,
    pub last_active: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PersonDto {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub outlet_id: Option<i64>,
    pub has_pin: bool,
    pub failed_tries: u32,
    pub locked: bool,
    pub active: bool,
}

/// A name on the sign-in screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignInChoiceDto {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub needs_pin: bool,
    pub locked: bool,
    /// Seconds before the next try is taken, after too many wrong ones.
    pub wait_seconds: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionDto {
    pub person_id: i64,
    pub name: String,
    pub role: Role,
    pub idle_minutes: u32,
    pub pin_policy: PinPolicy,
    /// What this person may do; the window shows only these areas.
    pub may: Vec<Need>,
    /// The language this person chose last (the shop's until they choose).
    pub language: club::Lang,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SignInDto {
    pub person_id: i64,
    pub pin: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewPersonDto {
    pub name: String,
    pub role: Role,
    pub outlet_id: Option<i64>,
    pub pin: Option<String>,
}

/// The shop's first person, made with the shop (or, in a data folder from before people, on its
/// first open): the owner, with a PIN.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewOwnerDto {
    pub name: String,
    pub pin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SetRoleDto {
    pub person_id: i64,
    pub role: Role,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SetPinDto {
    pub person_id: i64,
    pub pin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ChangePinDto {
    pub old_pin: String,
    pub new_pin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PeopleSettingsDto {
    pub pin_policy: PinPolicy,
    pub idle_minutes: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PeopleDto {
    pub people: Vec<PersonDto>,
    pub settings: PeopleSettingsDto,
}

fn err(code: ErrorCode, message: impl Into<String>) -> ApiError {
    ApiError::new(code, message)
}

fn role_of(row: &PersonRow) -> Result<Role, ApiError> {
    Role::from_code(&row.role).ok_or_else(|| err(ErrorCode::StoreBadData, format!("role {:?}", row.role)))
}

fn person_dto(row: &PersonRow) -> Result<PersonDto, ApiError> {
    Ok(PersonDto {
        id: row.id,
        name: row.name.clone(),
        role: role_of(row)?,
        outlet_id: row.outlet_id,
        has_pin: row.pin_hash.is_some(),
        failed_tries: row.failed_tries,
        locked: row.locked,
        active: row.active,
    })
}

pub(crate) fn check_pin(pin: &str) -> Result<(), ApiError> {
    pin::check_new(pin).map_err(|e| {
        let code = if e == pin::PinError::Format { ErrorCode::PinFormat } else { ErrorCode::PinWeak };
        err(code, e.to_string())
    })
}

pub(crate) fn hash_pin(pin: &str) -> Result<String, ApiError> {
    pin::hash(pin).map_err(|e| err(ErrorCode::Internal, format!("the PIN could not be hashed: {e}")))
}

/// The audit trail's profile of a person.
pub fn profile_of(person_id: i64) -> String {
    format!("person:{person_id}")
}

pub(crate) fn check_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(err(ErrorCode::PersonNameEmpty, "a person needs a name"));
    }
    crate::limits::check(&[("person's name", name, crate::limits::LIMITS.name)])?;
    crate::limits::check_printable(&[("person's name", name)])?;
    Ok(name.to_string())
}

impl Desk {
    /// Refuses, with nothing written, unless the person signed in may do what `need` names.
    /// An idle session ends here, as the window's lock does.
    pub fn need(&self, need: Need) -> Result<(), ApiError> {
        if need == Need::Nothing {
            return Ok(());
        }
        let now = self.clock.now();
        let mut slot = self.session.lock().map_err(|_| err(ErrorCode::Internal, "the session was poisoned"))?;
        let Some(session) = slot.as_mut() else {
            if self.store.read().people()?.is_empty() {
                if self.store.read().seller()?.is_none() {
                    // An empty data folder: nothing to protect yet; making the shop makes its
                    // owner.
                    return Ok(());
                }
                return Err(err(
                    ErrorCode::PersonOwnerMissing,
                    "the shop has no owner yet: set the owner and a PIN first",
                ));
            }
            return Err(err(ErrorCode::SessionNone, "nobody is signed in"));
        };
        if now - session.last_active > chrono::Duration::minutes(i64::from(session.idle_minutes)) {
            *slot = None;
            return Err(err(ErrorCode::SessionLocked, "the desk locked itself after being idle: sign in again"));
        }
        if !may(session.role, need) {
            return Err(err(
                ErrorCode::RoleRefused,
                format!("a person with the role {} may not do this ({need:?})", session.role.code()),
            ));
        }
        if access::needs_fresh_pin(need)
            && session.confirmed_at.is_none_or(|at| (now - at).num_seconds() > CONFIRM_SECONDS)
        {
            return Err(err(ErrorCode::PinConfirmNeeded, "type your PIN again first"));
        }
        session.last_active = now;
        Ok(())
    }

    /// The person signed in, if any (and still within the idle time).
    pub fn session(&self) -> Result<Option<SessionDto>, ApiError> {
        if self.need(Need::SignedIn).is_err() {
            return Ok(None);
        }
        let language = self.language()?;
        let slot = self.session.lock().map_err(|_| err(ErrorCode::Internal, "the session was poisoned"))?;
        let Some(s) = slot.as_ref() else { return Ok(None) };
        let settings = self.people_settings()?;
        let all = [
            Need::SignedIn,
            Need::Status,
            Need::Training,
            Need::Roster,
            Need::Fines,
            Need::Statements,
            Need::BankDetails,
            Need::Documents,
            Need::Branding,
            Need::Audit,
            Need::Shop,
            Need::Membership,
            Need::Sign,
            Need::People,
            Need::Recovery,
        ];
        Ok(Some(SessionDto {
            person_id: s.person_id,
            name: s.name.clone(),
            role: s.role,
            idle_minutes: s.idle_minutes,
            pin_policy: settings.pin_policy,
            may: all.into_iter().filter(|n| may(s.role, *n)).collect(),
            language,
        }))
    }

    /// Whether the shop has people, so that nothing is done without someone signed in.
    pub fn has_people(&self) -> Result<bool, ApiError> {
        Ok(!self.store.read().people()?.is_empty())
    }

    /// The role of the person signed in, if any.
    pub fn session_role(&self) -> Option<Role> {
        self.session_person().map(|(_, role)| role)
    }

    pub(crate) fn session_person(&self) -> Option<(i64, Role)> {
        self.session.lock().ok().and_then(|s| s.as_ref().map(|s| (s.person_id, s.role)))
    }

    fn people_settings(&self) -> Result<PeopleSettingsDto, ApiError> {
        let db = self.store.read();
        let pin_policy = match db.setting(PIN_POLICY_KEY)?.as_deref() {
            Some("owner_and_accountant") => PinPolicy::OwnerAndAccountant,
            _ => PinPolicy::Everyone,
        };
        let idle_minutes = db
            .setting(IDLE_KEY)?
            .and_then(|v| v.parse().ok())
            .filter(|m| IDLE_MINUTES.contains(m))
            .unwrap_or(DEFAULT_IDLE_MINUTES);
        Ok(PeopleSettingsDto { pin_policy, idle_minutes })
    }

    /// The names on the sign-in screen: active people.
    pub fn sign_in_choices(&self) -> Result<Vec<SignInChoiceDto>, ApiError> {
        let policy = self.people_settings()?.pin_policy;
        let now = self.clock.now();
        let mut out = Vec::new();
        for row in self.store.read().people()?.into_iter().filter(|p| p.active) {
            let role = role_of(&row)?;
            out.push(SignInChoiceDto {
                id: row.id,
                name: row.name.clone(),
                role,
                needs_pin: policy.requires(role),
                locked: row.locked,
                wait_seconds: wait_left(&row, now),
            });
        }
        Ok(out)
    }

    /// Signs a person in with their PIN. Wrong PINs are counted in the file: after 5 each
    /// further try waits, doubling; after 10 the person is locked until the owner unlocks.
    pub fn sign_in(&mut self, input: SignInDto) -> Result<SessionDto, ApiError> {
        let pin = input.pin.map(Zeroizing::new);
        let row = self.active_person(input.person_id)?;
        let role = role_of(&row)?;
        let settings = self.people_settings()?;
        if settings.pin_policy.requires(role) {
            let pin = pin.as_deref().map(String::as_str).unwrap_or("");
            self.try_pin(&row, pin)?;
        }
        self.start_session(row.id, settings.pin_policy.requires(role))
    }

    /// Starts the session of a person whose PIN (when `pin_typed`) was just checked or chosen.
    pub(crate) fn start_session(&mut self, person_id: i64, pin_typed: bool) -> Result<SessionDto, ApiError> {
        let row = self.active_person(person_id)?;
        let role = role_of(&row)?;
        let settings = self.people_settings()?;
        let now = self.clock.now();
        *self.session.lock().map_err(|_| err(ErrorCode::Internal, "the session was poisoned"))? = Some(Session {
            person_id: row.id,
            name: row.name.clone(),
            role,
            idle_minutes: settings.idle_minutes,
            last_active: now,
            // The PIN was just typed: it counts as typed again for the next two minutes.
            confirmed_at: pin_typed.then_some(now),
        });
        self.store.set_profile(&profile_of(row.id));
        self.session()?.ok_or_else(|| err(ErrorCode::Internal, "the session did not start"))
    }

    pub fn sign_out(&mut self) -> Result<(), ApiError> {
        *self.session.lock().map_err(|_| err(ErrorCode::Internal, "the session was poisoned"))? = None;
        self.store.set_profile(store::DEFAULT_PROFILE);
        Ok(())
    }

    /// The owner types the PIN again before signing or managing people.
    pub fn confirm_pin(&mut self, pin: String) -> Result<(), ApiError> {
        let pin = Zeroizing::new(pin);
        self.need(Need::SignedIn)?;
        let (id, _) = self.session_person().ok_or_else(|| err(ErrorCode::SessionNone, "nobody is signed in"))?;
        let row = self.active_person(id)?;
        if let Err(e) = self.try_pin(&row, &pin) {
            if e.code == ErrorCode::PinLocked {
                self.sign_out()?;
            }
            return Err(e);
        }
        if let Ok(mut slot) = self.session.lock() {
            if let Some(s) = slot.as_mut() {
                s.confirmed_at = Some(self.clock.now());
            }
        }
        Ok(())
    }

    /// Checks a typed PIN against the person's hash, counting a wrong one.
    fn try_pin(&mut self, row: &PersonRow, pin: &str) -> Result<(), ApiError> {
        if row.locked {
            return Err(err(ErrorCode::PinLocked, "too many wrong PINs: the owner must unlock this person"));
        }
        let now = self.clock.now();
        let wait = wait_left(row, now);
        if wait > 0 {
            return Err(err(ErrorCode::PinWait, format!("too many wrong PINs: try again in {wait} s")));
        }
        let Some(stored) = row.pin_hash.as_deref() else {
            return Err(err(ErrorCode::PinNotSet, "this person has no PIN yet: the owner sets one"));
        };
        if pin.is_empty() {
            return Err(err(ErrorCode::PinNeeded, "type the PIN"));
        }
        if pin::matches(pin, stored) {
            if row.failed_tries > 0 {
                let mut updated = row.clone();
                updated.failed_tries = 0;
                updated.last_failed_at = None;
                self.write_as(row.id, |db| db.update_person(&updated, "pin_accepted"))?;
            }
            return Ok(());
        }
        let mut updated = row.clone();
        updated.failed_tries += 1;
        updated.last_failed_at = Some(now.to_rfc3339());
        updated.locked = pin::after_failures(updated.failed_tries) == pin::TryRule::Locked;
        self.write_as(row.id, |db| db.update_person(&updated, "wrong_pin"))?;
        if updated.locked {
            return Err(err(ErrorCode::PinLocked, "too many wrong PINs: the owner must unlock this person"));
        }
        let left = pin::FREE_TRIES.saturating_sub(updated.failed_tries);
        Err(err(ErrorCode::PinWrong, format!("wrong PIN ({left} free tries left)")))
    }

    /// A write recorded under `person_id` whoever is signed in (a sign-in try is the person's).
    fn write_as<T>(
        &mut self,
        person_id: i64,
        f: impl FnOnce(&store::Db<'_>) -> Result<T, store::StoreError>,
    ) -> Result<T, ApiError> {
        let before = self.store.profile().to_string();
        self.store.set_profile(&profile_of(person_id));
        let result = self.store.write(|db| f(db).map_err(ApiError::from));
        self.store.set_profile(&before);
        result
    }

    fn active_person(&self, id: i64) -> Result<PersonRow, ApiError> {
        match self.store.read().person(id)? {
            Some(row) if row.active => Ok(row),
            _ => Err(err(ErrorCode::PersonNotFound, format!("there is no active person {id}"))),
        }
    }

    /// In a data folder from before people existed: the owner, with a PIN, before anything else.
    pub fn add_first_owner(&mut self, input: NewOwnerDto) -> Result<SessionDto, ApiError> {
        let pin = Zeroizing::new(input.pin);
        let name = check_name(&input.name)?;
        check_pin(&pin)?;
        if self.store.read().seller()?.is_none() {
            return Err(err(ErrorCode::ShopMissing, "there is no shop here yet"));
        }
        if !self.store.read().people()?.is_empty() {
            return Err(err(ErrorCode::RoleRefused, "the shop already has people: the owner adds others"));
        }
        let hash = hash_pin(&pin)?;
        let today = self.today().to_string();
        let id = self.store.write(|db| db.insert_person(&name, Role::Owner.code(), None, Some(&hash), &today))?;
        self.sign_in(SignInDto { person_id: id, pin: Some(pin.to_string()) })
    }

    pub fn list_people(&self) -> Result<PeopleDto, ApiError> {
        self.need(Need::People)?;
        let people = self.store.read().people()?.iter().map(person_dto).collect::<Result<_, _>>()?;
        Ok(PeopleDto { people, settings: self.people_settings()? })
    }

    pub fn add_person(&mut self, input: NewPersonDto) -> Result<PersonDto, ApiError> {
        self.need(Need::People)?;
        let name = check_name(&input.name)?;
        let pin = input.pin.map(Zeroizing::new).filter(|p| !p.is_empty());
        let policy = self.people_settings()?.pin_policy;
        if pin.is_none() && policy.requires(input.role) {
            return Err(err(ErrorCode::PinNeeded, "this person needs a PIN"));
        }
        if let Some(pin) = &pin {
            check_pin(pin)?;
        }
        self.check_unique(&name, None)?;
        if let Some(outlet) = input.outlet_id {
            if !self.store.read().outlets()?.iter().any(|o| o.id == outlet) {
                return Err(err(ErrorCode::OutletNotFound, format!("there is no outlet {outlet}")));
            }
        }
        let hash = pin.as_deref().map(|p| hash_pin(p)).transpose()?;
        let today = self.today().to_string();
        let id = self.store.write(|db| {
            db.insert_person(&name, input.role.code(), input.outlet_id, hash.as_deref(), &today).map_err(ApiError::from)
        })?;
        person_dto(&self.active_person(id)?)
    }

    fn check_unique(&self, name: &str, except: Option<i64>) -> Result<(), ApiError> {
        let folded = name.to_lowercase();
        let taken = self
            .store
            .read()
            .people()?
            .iter()
            .any(|p| p.active && Some(p.id) != except && p.name.trim().to_lowercase() == folded);
        if taken {
            return Err(err(ErrorCode::PersonNameTaken, "someone with this name is already here"));
        }
        Ok(())
    }

    /// Changes another person's role; the last owner stays an owner.
    pub fn set_person_role(&mut self, input: SetRoleDto) -> Result<PersonDto, ApiError> {
        self.need(Need::People)?;
        let mut row = self.active_person(input.person_id)?;
        if self.session_person().map(|(id, _)| id) == Some(row.id) {
            return Err(err(ErrorCode::PersonOwnRole, "another owner changes your own role"));
        }
        if role_of(&row)? == Role::Owner && input.role != Role::Owner {
            self.check_not_last_owner(row.id)?;
        }
        let policy = self.people_settings()?.pin_policy;
        if row.pin_hash.is_none() && policy.requires(input.role) {
            return Err(err(ErrorCode::PinNotSet, "set this person's PIN before giving this role"));
        }
        row.role = input.role.code().to_string();
        self.store.write(|db| db.update_person(&row, "set_role"))?;
        person_dto(&row)
    }

    fn check_not_last_owner(&self, id: i64) -> Result<(), ApiError> {
        let owners = self.store.read().people()?.iter().filter(|p| p.active && p.role == "owner" && p.id != id).count();
        if owners == 0 {
            return Err(err(ErrorCode::PersonLastOwner, "the shop keeps at least one owner"));
        }
        Ok(())
    }

    /// Sets or resets a person's PIN; wrong tries and a lock are cleared with it.
    pub fn set_person_pin(&mut self, input: SetPinDto) -> Result<PersonDto, ApiError> {
        let pin = Zeroizing::new(input.pin);
        self.need(Need::People)?;
        check_pin(&pin)?;
        let mut row = self.active_person(input.person_id)?;
        row.pin_hash = Some(hash_pin(&pin)?);
        row.failed_tries = 0;
        row.last_failed_at = None;
        row.locked = false;
        self.store.write(|db| db.update_person(&row, "set_pin"))?;
        person_dto(&row)
    }

    pub fn unlock_person(&mut self, person_id: i64) -> Result<PersonDto, ApiError> {
        self.need(Need::People)?;
        let mut row = self.active_person(person_id)?;
        row.failed_tries = 0;
        row.last_failed_at = None;
        row.locked = false;
        self.store.write(|db| db.update_person(&row, "unlock"))?;
        person_dto(&row)
    }

    /// A person who left: kept (the audit trail names them), no longer signs in.
    pub fn deactivate_person(&mut self, person_id: i64) -> Result<PersonDto, ApiError> {
        self.need(Need::People)?;
        let mut row = self.active_person(person_id)?;
        if self.session_person().map(|(id, _)| id) == Some(row.id) {
            return Err(err(ErrorCode::PersonOwnRole, "another owner makes you inactive"));
        }
        if row.role == "owner" {
            self.check_not_last_owner(row.id)?;
        }
        row.active = false;
        self.store.write(|db| db.update_person(&row, "deactivate"))?;
        person_dto(&row)
    }

    pub fn set_people_settings(&mut self, input: PeopleSettingsDto) -> Result<PeopleSettingsDto, ApiError> {
        self.need(Need::People)?;
        if !IDLE_MINUTES.contains(&input.idle_minutes) {
            return Err(err(ErrorCode::PeopleIdleOutOfRange, "the idle time is 2 to 30 minutes"));
        }
        if input.pin_policy == PinPolicy::Everyone {
            let without: Vec<String> = self
                .store
                .read()
                .people()?
                .into_iter()
                .filter(|p| p.active && p.pin_hash.is_none())
                .map(|p| p.name)
                .collect();
            if !without.is_empty() {
                return Err(err(ErrorCode::PinNotSet, format!("set a PIN first for: {}", without.join(", "))));
            }
        }
        self.store.write(|db| -> Result<(), ApiError> {
            db.set_setting(PIN_POLICY_KEY, input.pin_policy.code())?;
            db.set_setting(IDLE_KEY, &input.idle_minutes.to_string())?;
            Ok(())
        })?;
        if let Ok(mut slot) = self.session.lock() {
            if let Some(s) = slot.as_mut() {
                s.idle_minutes = input.idle_minutes;
            }
        }
        self.people_settings()
    }

    /// Anyone signed in changes their own PIN, typing the old one.
    pub fn change_own_pin(&mut self, input: ChangePinDto) -> Result<(), ApiError> {
        let (old, new) = (Zeroizing::new(input.old_pin), Zeroizing::new(input.new_pin));
        self.need(Need::SignedIn)?;
        let (id, _) = self.session_person().ok_or_else(|| err(ErrorCode::SessionNone, "nobody is signed in"))?;
        check_pin(&new)?;
        let row = self.active_person(id)?;
        if row.pin_hash.is_some() {
            self.try_pin(&row, &old)?;
        }
        let mut row = self.active_person(id)?;
        row.pin_hash = Some(hash_pin(&new)?);
        self.store.write(|db| db.update_person(&row, "set_pin"))?;
        Ok(())
    }

    /// The command line: acts as `name` (the shop's owner when `None`), with `pin`.
    pub fn act_as(&mut self, name: Option<&str>, pin: Option<String>) -> Result<SessionDto, ApiError> {
        let people: Vec<PersonRow> = self.store.read().people()?.into_iter().filter(|p| p.active).collect();
        let chosen: Vec<&PersonRow> = match name {
            Some(name) => {
                let folded = name.trim().to_lowercase();
                people.iter().filter(|p| p.name.trim().to_lowercase() == folded).collect()
            }
            None => people.iter().filter(|p| p.role == "owner").collect(),
        };
        match chosen.as_slice() {
            [one] => {
                let id = one.id;
                self.sign_in(SignInDto { person_id: id, pin })
            }
            [] if people.is_empty() && self.store.read().seller()?.is_some() => Err(err(
                ErrorCode::PersonOwnerMissing,
                "the shop has no owner yet: `seller-desk people add --role owner`",
            )),
            [] => Err(err(ErrorCode::PersonNotFound, format!("nobody named {:?} is here", name.unwrap_or("owner")))),
            _ => Err(err(ErrorCode::PersonNotFound, "the shop has several owners: name one with --as")),
        }
    }

    /// Names of the people the audit trail's profiles stand for (`person:3` → its name).
    pub(crate) fn people_names(&self) -> Result<HashMap<String, String>, ApiError> {
        Ok(self.store.read().people()?.into_iter().map(|p| (profile_of(p.id), p.name)).collect())
    }
}

/// Seconds before a person's next try is taken.
fn wait_left(row: &PersonRow, now: DateTime<Utc>) -> u32 {
    let pin::TryRule::Wait(wait) = pin::after_failures(row.failed_tries) else { return 0 };
    let Some(last) = row.last_failed_at.as_deref().and_then(|t| DateTime::parse_from_rfc3339(t).ok()) else {
        return 0;
    };
    let until = last.with_timezone(&Utc) + chrono::Duration::from_std(wait).unwrap_or_default();
    u32::try_from((until - now).num_seconds().max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
