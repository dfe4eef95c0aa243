//! Numbered migrations. A shipped migration is never edited: a change is a new file.

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

pub struct Migration {
    /// The schema version this migration brings the database to (1, 2, ...).
    pub version: i64,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, sql: include_str!("../migrations/0001_init.sql") },
    Migration { version: 2, sql: include_str!("../migrations/0002_settings.sql") },
    Migration { version: 3, sql: include_str!("../migrations/0003_audit.sql") },
    Migration { version: 4, sql: include_str!("../migrations/0004_fines.sql") },
    Migration { version: 5, sql: include_str!("../migrations/0005_bank.sql") },
    Migration { version: 6, sql: include_str!("../migrations/0006_signatures.sql") },
    Migration { version: 7, sql: include_str!("../migrations/0007_marks.sql") },
    Migration { version: 8, sql: include_str!("../migrations/0008_fine_search.sql") },
    Migration { version: 9, sql: include_str!("../migrations/0009_mark_corrections.sql") },
    Migration { version: 10, sql: include_str!("../migrations/0010_people.sql") },
    Migration { version: 11, sql: include_str!("../migrations/0011_training.sql") },
    Migration { version: 12, sql: include_str!("../migrations/0012_rules.sql") },
    Migration { version: 13, sql: include_str!("../migrations/0013_ocsp.sql") },
    Migration { version: 14, sql: include_str!("../migrations/0014_reminders.sql") },
    Migration { version: 15, sql: include_str!("../migrations/0015_fine_tally.sql") },
];

/// The newest schema this build knows.
pub fn latest(migrations: &[Migration]) -> i64 {
    migrations.last().map_or(0, |m| m.version)
}

/// Applies every migration above the file's `user_version`, up to `target`, in one IMMEDIATE
/// transaction: on any failure the file is left exactly as it was.
pub fn apply(conn: &mut Connection, migrations: &[Migration], target: i64) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read the version inside the transaction so that two processes opening the same new file
    // cannot both migrate it.
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let supported = latest(migrations);
    if current > supported {
        return Err(StoreError::NewerVersion { found: current, supported });
    }
    for m in migrations.iter().filter(|m| m.version > current && m.version <= target) {
        tx.execute_batch(m.sql).map_err(|e| StoreError::Migration { version: m.version, message: e.to_string() })?;
        tx.pragma_update(None, "user_version", m.version)?;
    }
    tx.commit()?;
    Ok(())
}
