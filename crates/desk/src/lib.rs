//! Seller Desk's use-cases: what the window (through Tauri commands) and the command line ask
//! for. Each use-case reads or writes the store through one transaction and answers with a DTO
//! or an [`ApiError`] `{code, message}`.
//!
//! This crate holds no UI and no SQL: rules come from `club`, persistence from `store`.
//!
//! ```no_run
//! let dir = desk::data_dir()?;
//! let mut desk = desk::Desk::open(&dir, desk::SystemClock)?;
//! if !desk.startup()?.has_shop {
//!     desk.init_demo()?;
//! }
//! println!("{:?}", desk.status_report()?.status.state);
//! # Ok::<(), desk::ApiError>(())
//! ```

mod acceptance;
pub mod audit;
pub mod backups;
pub mod bindings;
pub mod crls;
mod demo;
pub mod dto;
mod error;
pub mod fines;
pub mod fines_import;
mod keys;
pub mod kit;
pub mod letters;
pub mod limits;
pub mod marks;
pub mod membership;
mod overview;
pub mod people;
pub mod printing;
pub mod reminders;
pub mod revocation;
pub mod rules;
mod shop;
pub mod signatures;
pub mod site_check;
pub mod statements;
pub mod training;
pub mod vault;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use club::Lang;
use store::Store;

pub use error::{ApiError, ErrorCode};

/// The environment variable that points Seller Desk at another data folder (tests, or several
/// shops on one machine).
pub const DATA_DIR_ENV: &str = "SELLER_DESK_DATA_DIR";

const LANGUAGE_KEY: &str = "language";

/// Today's date and the time, injected so that use-cases can be tested on any day and any
/// wait (a PIN's delays, the idle lock) without sleeping.
pub trait Clock: Send + Sync {
    fn today(&self) -> NaiveDate;
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's local calendar date.
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }

    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped on one day (at 09:00 UTC), for tests.
pub struct FixedClock(pub NaiveDate);

impl Clock for FixedClock {
    fn today(&self) -> NaiveDate {
        self.0
    }

    fn now(&self) -> DateTime<Utc> {
        self.0.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
    }
}

/// A clock tests move forward by hand; clones share the time.
#[derive(Clone)]
pub struct ManualClock(std::sync::Arc<std::sync::Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> ManualClock {
        ManualClock(std::sync::Arc::new(std::sync::Mutex::new(start)))
    }

    pub fn advance(&self, by: chrono::Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now += by;
        }
    }
}

impl Clock for ManualClock {
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    fn now(&self) -> DateTime<Utc> {
        self.0.lock().map(|t| *t).unwrap_or_default()
    }
}

/// The seller's data folder: `$SELLER_DESK_DATA_DIR`, else the user's data folder.
pub fn data_dir() -> Result<PathBuf, ApiError> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join("seller-desk"))
        .ok_or_else(|| ApiError::new(ErrorCode::StoreIo, "the user's data folder is unknown; set SELLER_DESK_DATA_DIR"))
}

pub struct Desk {
    store: Store,
    clock: Box<dyn Clock>,
    data_dir: PathBuf,
    /// The person signed in; every write is recorded under them.
    session: std::sync::Mutex<Option<people::Session>>,
    /// The database's key (for its recovery sheet) and how it is kept.
    key: store::DbKey,
    custody: vault::Custody,
}

impl Desk {
    /// Opens (or creates) the seller's database in `dir`, its key from the OS keyring.
    pub fn open(dir: &Path, clock: impl Clock + 'static) -> Result<Desk, ApiError> {
        Desk::open_with(dir, clock, vault::Unlock::Keyring)
    }

    /// Opens (or creates) the seller's database in `dir`, its key obtained as `unlock` says
    /// (`vault`); a plain database from an earlier version is encrypted first.
    pub fn open_with(dir: &Path, clock: impl Clock + 'static, unlock: vault::Unlock) -> Result<Desk, ApiError> {
        let opened = vault::open_key(dir, unlock)?;
        let store = Store::open(&dir.join(store::DB_FILE), &opened.key)?;
        Ok(Desk {
            store,
            clock: Box::new(clock),
            data_dir: dir.to_path_buf(),
            session: std::sync::Mutex::new(None),
            key: opened.key,
            custody: opened.custody,
        })
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn startup(&self) -> Result<dto::StartupDto, ApiError> {
        let has_people = !self.store.read().people()?.is_empty();
        let session = self.session()?;
        let sign_in_choices = if has_people && session.is_none() { self.sign_in_choices()? } else { Vec::new() };
        Ok(dto::StartupDto {
            language: self.language()?,
            has_shop: self.store.read().seller()?.is_some(),
            has_people,
            session,
            data_dir: self.data_dir.display().to_string(),
            custody: self.custody,
            sign_in_choices,
        })
    }

    /// The interface language; Kazakh until the user picks another.
    /// The language of the person signed in (a cashier learns in the language they chose),
    /// else the shop's.
    pub fn language(&self) -> Result<Lang, ApiError> {
        let db = self.store.read();
        if let Some((person, _)) = self.session_person() {
            if let Some(lang) =
                db.setting(&format!("{LANGUAGE_KEY}.person.{person}"))?.as_deref().and_then(Lang::from_code)
            {
                return Ok(lang);
            }
        }
        let stored = db.setting(LANGUAGE_KEY)?;
        Ok(stored.as_deref().and_then(Lang::from_code).unwrap_or_default())
    }

    /// The shop's language (the sign-in screen's) and, signed in, the person's own, which
    /// comes back when they sign in again.
    pub fn set_language(&mut self, lang: Lang) -> Result<Lang, ApiError> {
        let person = self.session_person().map(|(id, _)| format!("{LANGUAGE_KEY}.person.{id}"));
        self.store.write(|db| -> Result<(), store::StoreError> {
            db.set_setting(LANGUAGE_KEY, lang.code())?;
            if let Some(key) = &person {
                db.set_setting(key, lang.code())?;
            }
            Ok(())
        })?;
        Ok(lang)
    }
}

#[cfg(test)]
mod fines_tests;
#[cfg(test)]
mod marks_tests;
#[cfg(test)]
mod signatures_tests;
#[cfg(test)]
mod statements_tests;
#[cfg(test)]
mod test_server;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod training_tests;
