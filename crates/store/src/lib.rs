//! The seller's data on its own machine: one SQLite file encrypted with SQLCipher, opened
//! safely, migrated in one transaction, read and written through repositories.
//!
//! This is the only crate that imports rusqlite. It does not decide anything about the club's
//! rules: it stores and returns the domain values of `club`.
//!
//! ```no_run
//! let key = store::DbKey::from_bytes([7; 32]);
//! let mut store = store::Store::open(std::path::Path::new("/tmp/shop/seller-desk.sqlite3"), &key)?;
//! let seller = store.read().seller()?;
//! # Ok::<(), store::StoreError>(())
//! ```

pub mod audit;
pub mod backup;
mod bank;
pub mod cipher;
pub mod documents;
mod error;
pub mod fines;
mod history;
pub mod marks;
pub mod migrations;
mod open;
mod people;
pub mod rules;
mod settings;
mod shop;
pub mod training;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

pub use audit::{AuditBreak, AuditEntry};
pub use cipher::{DbKey, FileKind};
pub use error::StoreError;
pub use people::PersonRow;
pub use shop::NewMeans;

/// The file name of the seller's database inside its data folder.
pub const DB_FILE: &str = "seller-desk.sqlite3";

/// How long a write waits for another process holding the file before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The profile changes are recorded under when no person is signed in: onboarding, and
/// databases from before the shop had people.
pub const DEFAULT_PROFILE: &str = "owner";

pub struct Store {
    conn: Connection,
    path: PathBuf,
    profile: String,
}

/// Repositories over one connection, or over the transaction of [`Store::write`].
/// Every write through it is recorded in the audit trail under `profile`.
pub struct Db<'a> {
    conn: &'a Connection,
    profile: &'a str,
}

impl Store {
    /// Opens (creating when absent) the encrypted database at `path` with its key and brings
    /// its schema up to date. A plain file is refused ([`StoreError::NotEncrypted`]): encrypt it
    /// first with [`cipher::encrypt_plain`].
    pub fn open(path: &Path, key: &DbKey) -> Result<Store, StoreError> {
        Store::open_with(path, key, DEFAULT_BUSY_TIMEOUT, migrations::MIGRATIONS)
    }

    /// As [`Store::open`], with a chosen busy timeout and migration list (for tests).
    pub fn open_with(
        path: &Path,
        key: &DbKey,
        busy_timeout: Duration,
        migrations: &[migrations::Migration],
    ) -> Result<Store, StoreError> {
        let conn = open::open_connection(path, key, busy_timeout, migrations)?;
        Ok(Store { conn, path: path.to_path_buf(), profile: DEFAULT_PROFILE.to_string() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn read(&self) -> Db<'_> {
        Db { conn: &self.conn, profile: &self.profile }
    }

    /// The profile later writes are recorded under in the audit trail: `person:<id>` for a
    /// signed-in person.
    pub fn set_profile(&mut self, profile: &str) {
        self.profile = profile.to_string();
    }

    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// Runs `f` in one IMMEDIATE transaction: everything it writes lands, or nothing does.
    pub fn write<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Db<'_>) -> Result<T, E>) -> Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let value = f(&Db { conn: &tx, profile: &self.profile })?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}
