use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::cipher::{self, DbKey, FileKind};
use crate::migrations::{self, Migration};
use crate::StoreError;

pub(crate) fn open_connection(
    path: &Path,
    key: &DbKey,
    busy_timeout: Duration,
    list: &[Migration],
) -> Result<Connection, StoreError> {
    if let Some(dir) = path.parent() {
        cipher::private_folder(dir, path)?;
    }
    // A plain file is never opened as it is (nor written to): the caller encrypts it first.
    if cipher::file_kind(path)? == FileKind::Plain {
        return Err(StoreError::NotEncrypted);
    }
    cipher::private_file(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(busy_timeout)?;
    cipher::unlock(&conn, key)?;

    // Everything before the version check only reads, so a file from a newer version, or a
    // damaged one, is refused without a byte of it changing.
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt(check));
    }
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let supported = migrations::latest(list);
    if found > supported {
        return Err(StoreError::NewerVersion { found, supported });
    }

    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!("journal mode {mode} instead of WAL")));
    }
    // Money lives here: a committed write must survive a power cut.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrations::apply(&mut conn, list, supported)?;
    Ok(conn)
}
