//! Backups: the live database copied through SQLite's online backup (readers and writers may
//! go on), encrypted under the same key, checked before it counts; and a backup put back in
//! place of the live file, after a safety copy, by one rename.

use std::fs::{self, File};
use std::path::Path;
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::cipher::{self, remove_if_present, sync_folder, with_suffix as sibling, DbKey, FileKind};
use crate::{migrations, Store, StoreError};

/// What a backup holds, read from it with its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFacts {
    pub schema_version: i64,
    /// The seller's name and IIN/BIN, when the shop had been set up.
    pub seller: Option<(String, String)>,
    pub fines: i64,
    pub fine_events: i64,
    pub documents: i64,
    pub people: i64,
    /// The time of the newest audit row: how recent the data in it is.
    pub last_change: Option<String>,
}

/// Copies `from` into a new encrypted file at `to` (which must not exist) with the online
/// backup, in steps, so that the app's own writes wait at most a moment.
fn copy_live(from: &Connection, to: &Path, key: &DbKey) -> Result<(), StoreError> {
    cipher::private_file(to)?;
    let mut dest =
        Connection::open_with_flags(to, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    cipher::unlock(&dest, key)?;
    {
        let backup = Backup::new(from, &mut dest)?;
        backup.run_to_completion(256, Duration::from_millis(0), None)?;
    }
    // A backup is one file: no journal beside it.
    dest.pragma_update(None, "journal_mode", "DELETE")?;
    drop(dest);
    File::open(to)?.sync_all()?;
    Ok(())
}

impl Store {
    /// Writes a verified backup of the live database to `to` (a new file; the caller picks the
    /// name): written beside it under a temporary name, opened with the key, its integrity
    /// checked, every table's rows held to the live file's, synced, and only then renamed to
    /// `to`. On any failure nothing is left under either name.
    pub fn backup_to(&self, to: &Path, key: &DbKey) -> Result<BackupFacts, StoreError> {
        let tmp = sibling(to, ".part");
        remove_if_present(&tmp)?;
        let written = (|| {
            copy_live(&self.conn, &tmp, key)?;
            let copy = open_read_only(&tmp, key)?;
            let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if check != "ok" {
                return Err(StoreError::Corrupt(format!("the backup does not check: {check}")));
            }
            cipher::same_content(&self.conn, &copy)?;
            let facts = facts_of(&copy)?;
            drop(copy);
            fs::rename(&tmp, to)?;
            sync_folder(to)?;
            Ok(facts)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written
    }

    /// What the live database holds, in the same terms as a backup's facts.
    pub fn facts(&self) -> Result<BackupFacts, StoreError> {
        facts_of(&self.conn)
    }
}

fn open_read_only(path: &Path, key: &DbKey) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    cipher::unlock(&conn, key)?;
    Ok(conn)
}

fn facts_of(conn: &Connection) -> Result<BackupFacts, StoreError> {
    let count = |table: &str| -> Result<i64, StoreError> {
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let seller = if count("seller")? > 0 {
        conn.query_row("SELECT name, tax_id FROM seller WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?
    } else {
        None
    };
    let last_change = if count("audit_log")? > 0 {
        conn.query_row("SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).optional()?
    } else {
        None
    };
    Ok(BackupFacts {
        schema_version,
        seller,
        fines: count("fine")?,
        fine_events: count("fine_event")?,
        documents: count("document")?,
        people: count("person")?,
        last_change,
    })
}

/// Why a backup is not put back.
#[derive(Debug, thiserror::Error)]
pub enum RestoreRefusal {
    #[error("the backup does not open with this data's key: another shop's backup, or damaged")]
    NotThisShops,
    #[error("the backup was written by a newer Seller Desk (schema {found}; this version knows up to {supported})")]
    Newer { found: i64, supported: i64 },
    #[error("the backup is damaged: {0}")]
    Damaged(String),
    #[error("the backup is another shop's ({found}, not {live})")]
    OtherShop { found: String, live: String },
}

/// Reads a backup's facts with the data's key, refusing what may not be put back.
pub fn inspect(backup: &Path, key: &DbKey) -> Result<Result<BackupFacts, RestoreRefusal>, StoreError> {
    match cipher::file_kind(backup)? {
        FileKind::Encrypted => {}
        FileKind::Absent => return Ok(Err(RestoreRefusal::Damaged("the file is empty or missing".into()))),
        FileKind::Plain => return Ok(Err(RestoreRefusal::NotThisShops)),
    }
    let conn = match open_read_only(backup, key) {
        Ok(c) => c,
        Err(StoreError::KeyRefused) => return Ok(Err(RestoreRefusal::NotThisShops)),
        Err(StoreError::Corrupt(why)) => return Ok(Err(RestoreRefusal::Damaged(why))),
        Err(e) => return Err(e),
    };
    let check: String = match conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)) {
        Ok(c) => c,
        Err(e) => return Ok(Err(RestoreRefusal::Damaged(e.to_string()))),
    };
    if check != "ok" {
        return Ok(Err(RestoreRefusal::Damaged(check)));
    }
    let facts = facts_of(&conn)?;
    let supported = migrations::latest(migrations::MIGRATIONS);
    if facts.schema_version > supported {
        return Ok(Err(RestoreRefusal::Newer { found: facts.schema_version, supported }));
    }
    Ok(Ok(facts))
}

/// Puts the verified backup at `backup` in place of the live database at `live`, which no
/// connection may hold open (the caller has closed its store). The live file is copied first
/// to the returned safety copy (through the online backup, so what its journal held is in it);
/// the backup is copied beside the live file, synced, and renamed over it. A failure at any
/// step leaves the live file as it was.
pub fn restore(
    live: &Path,
    backup: &Path,
    key: &DbKey,
    safety: &Path,
) -> Result<Result<BackupFacts, RestoreRefusal>, StoreError> {
    let facts = match inspect(backup, key)? {
        Ok(f) => f,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if cipher::file_kind(live)? == FileKind::Encrypted {
        // Everything the live file's journal holds goes into it first.
        let current =
            Connection::open_with_flags(live, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        cipher::unlock(&current, key)?;
        current.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        if let (Some((_, found)), Some((_, live_id))) = (&facts.seller, facts_of(&current)?.seller) {
            if *found != live_id {
                return Ok(Err(RestoreRefusal::OtherShop { found: found.clone(), live: live_id }));
            }
        }
        remove_if_present(safety)?;
        copy_live(&current, safety, key)?;
        drop(current);
    }
    let tmp = sibling(live, ".restoring");
    remove_if_present(&tmp)?;
    let placed = (|| {
        fs::copy(backup, &tmp)?;
        cipher::private_file(&tmp)?;
        File::open(&tmp)?.sync_all()?;
        // The live file's journal belongs to it: it goes before the backup takes its place.
        for journal in ["-wal", "-shm"] {
            remove_if_present(&sibling(live, journal))?;
        }
        fs::rename(&tmp, live)?;
        sync_folder(live)
    })();
    if let Err(e) = placed {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(Ok(facts))
}
