//! The file's encryption: SQLCipher 4 with a raw 256-bit key (no passphrase stretching here:
//! the key is random, and where it comes from — the OS keyring, a passphrase, a recovery code —
//! is the `desk`'s business). Without the key the file is indistinguishable from noise: its
//! first bytes are a random salt, not SQLite's header.
//!
//! A plain database from an earlier version is encrypted by [`encrypt_plain`]: a safety copy
//! first, the encrypted copy written beside the file and checked table by table against it, and
//! only then put in its place by one rename, so a crash at any step leaves either the plain
//! file or the encrypted one, whole.

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::{migrations, StoreError};

/// The first 16 bytes of every plain SQLite file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The key of one database file. Zeroed when dropped; never printed.
#[derive(Clone)]
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    pub fn from_bytes(bytes: [u8; 32]) -> DbKey {
        DbKey(Zeroizing::new(bytes))
    }

    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// SQLCipher's raw-key form, `x'…'`: used as the key as it is, with no derivation.
    fn raw(&self) -> Zeroizing<String> {
        let mut raw = Zeroizing::new(String::with_capacity(67));
        raw.push_str("x'");
        for b in self.0.iter() {
            raw.push_str(&format!("{b:02x}"));
        }
        raw.push('\'');
        raw
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

/// What lies at a database path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one: a new database is made there.
    Absent,
    /// A plain SQLite file (from before encryption, or put there by another program).
    Plain,
    /// Anything else: an encrypted database, or a damaged file — only a key tells which.
    Encrypted,
}

pub fn file_kind(path: &Path) -> Result<FileKind, StoreError> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Absent),
        Err(e) => return Err(e.into()),
    };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(match read {
        0 => FileKind::Absent,
        16 if &head == SQLITE_HEADER => FileKind::Plain,
        _ => FileKind::Encrypted,
    })
}

/// Gives `conn` the key and proves it opens the file: a wrong key, or a file damaged in its
/// first page, is refused here before anything else is read.
pub(crate) fn unlock(conn: &Connection, key: &DbKey) -> Result<(), StoreError> {
    conn.execute_batch(&Zeroizing::new(format!("PRAGMA key = \"{}\";", key.raw().as_str())))?;
    // SQLCipher writes its own refusals to stderr (its logging is set up when the key first
    // activates it, hence after the key); ours are told as errors, in the user's language.
    conn.execute_batch("PRAGMA cipher_log = off; PRAGMA cipher_log_level = NONE;")?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(()),
        Err(e) if matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase)) => {
            Err(StoreError::KeyRefused)
        }
        Err(e) => Err(e.into()),
    }
}

/// Makes the data folder readable by its owner alone (on Unix; on Windows a user's profile
/// folder already is): a folder made here, or one that already holds the database. A folder of
/// the user's own that merely receives a new database (`SELLER_DESK_DATA_DIR` pointed at it)
/// keeps its permissions; the database's files are the user's alone either way.
pub(crate) fn private_folder(dir: &Path, db: &Path) -> Result<(), StoreError> {
    let ours = !dir.exists() || db.exists();
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    if ours {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    let _ = ours;
    Ok(())
}

/// Creates `path` empty with owner-only permissions when absent (SQLite gives its journal
/// files the database file's permissions), and narrows an existing file's.
pub(crate) fn private_file(path: &Path) -> Result<(), StoreError> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    drop(options.open(path)?);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// Where the plain file's safety copy lies while it is being encrypted.
pub fn safety_copy_path(path: &Path) -> PathBuf {
    sibling(path, "before-encryption")
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    with_suffix(path, &format!(".{suffix}"))
}

/// Encrypts the plain database at `path` with `key`, in place. The plain file is checked and
/// copied first (the safety copy, readable by the owner alone); the encrypted file is written
/// beside it, checked (integrity, schema version, and every table's rows hashed the same as the
/// plain file's), synced, and renamed over the plain file. The safety copy is removed only then.
/// A newer version's file, or a damaged one, is refused untouched.
pub fn encrypt_plain(path: &Path, key: &DbKey) -> Result<(), StoreError> {
    let copy = safety_copy_path(path);
    let tmp = sibling(path, "encrypting");
    for stale in [&copy, &tmp] {
        remove_if_present(stale)?;
    }
    let plain = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let check: String = plain.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt(check));
    }
    let version: i64 = plain.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let supported = migrations::latest(migrations::MIGRATIONS);
    if version > supported {
        return Err(StoreError::NewerVersion { found: version, supported });
    }
    // Everything in the write-ahead log goes into the file, so the copies see all of it.
    plain.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;

    // Both made empty first, the user's alone: SQLite fills an empty file as it would a new one.
    private_file(&copy)?;
    plain.execute("VACUUM INTO ?1", [copy.to_string_lossy()])?;

    private_file(&tmp)?;
    plain.execute("ATTACH DATABASE ?1 AS encrypted KEY ?2", [tmp.to_string_lossy().as_ref(), key.raw().as_str()])?;
    let written = (|| -> Result<(), StoreError> {
        plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        plain.pragma_update(Some("encrypted"), "user_version", version)?;
        Ok(())
    })();
    plain.execute_batch("DETACH DATABASE encrypted;")?;
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }

    let verified = verify_copy(&plain, &tmp, key, version);
    drop(plain);
    if let Err(e) = verified {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    File::open(&tmp)?.sync_all()?;
    // The plain file's journal files go with it: the encrypted file starts without any.
    for journal in ["-wal", "-shm"] {
        remove_if_present(&with_suffix(path, journal))?;
    }
    fs::rename(&tmp, path)?;
    sync_folder(path)?;
    remove_if_present(&copy)?;
    Ok(())
}

/// The path with `suffix` added to its file name (`x.sqlite3` → `x.sqlite3-wal`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

pub(crate) fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Makes a rename in `path`'s folder durable.
pub(crate) fn sync_folder(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        File::open(dir)?.sync_all()?;
    }
    let _ = path;
    Ok(())
}

/// Opens the encrypted copy with `key` and holds it to the plain file: integrity, version, and
/// each table's row count and content digest.
fn verify_copy(plain: &Connection, copy: &Path, key: &DbKey, version: i64) -> Result<(), StoreError> {
    let encrypted =
        Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    unlock(&encrypted, key)?;
    let check: String = encrypted.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt(format!("the encrypted copy does not check: {check}")));
    }
    let copied: i64 = encrypted.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if copied != version {
        return Err(StoreError::Corrupt(format!("the encrypted copy is at schema {copied}, not {version}")));
    }
    same_content(plain, &encrypted)
}

/// Holds a copy to its original: the same tables, each with the same rows (count and digest).
pub(crate) fn same_content(original: &Connection, copy: &Connection) -> Result<(), StoreError> {
    let tables = tables(original)?;
    if tables != self::tables(copy)? {
        return Err(StoreError::Corrupt("the copy's tables differ from the original's".into()));
    }
    for (table, without_rowid) in &tables {
        let a = table_digest(original, table, *without_rowid)?;
        let b = table_digest(copy, table, *without_rowid)?;
        if a != b {
            return Err(StoreError::Corrupt(format!("the copy of table {table} differs from the original")));
        }
    }
    Ok(())
}

/// The ordinary tables (virtual tables are checked through the tables that hold their data).
fn tables(conn: &Connection) -> Result<Vec<(String, bool)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT name, wr FROM pragma_table_list
          WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? != 0)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// SHA-256 over a table's rows in a fixed order, each value typed and length-prefixed.
fn table_digest(conn: &Connection, table: &str, without_rowid: bool) -> Result<(i64, Vec<u8>), StoreError> {
    let quoted = format!("\"{}\"", table.replace('"', "\"\""));
    let columns: i64 =
        conn.query_row(&format!("SELECT count(*) FROM pragma_table_info('{}')", table.replace('\'', "''")), [], |r| {
            r.get(0)
        })?;
    let order = if without_rowid {
        (1..=columns.max(1)).map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
    } else {
        "rowid".to_string()
    };
    let mut stmt = conn.prepare(&format!("SELECT * FROM {quoted} ORDER BY {order}"))?;
    let width = stmt.column_count();
    let mut rows = stmt.query([])?;
    let mut h = Sha256::new();
    let mut count = 0i64;
    while let Some(row) = rows.next()? {
        count += 1;
        for i in 0..width {
            use rusqlite::types::ValueRef;
            let (tag, bytes): (u8, Vec<u8>) = match row.get_ref(i)? {
                ValueRef::Null => (0, Vec::new()),
                ValueRef::Integer(n) => (1, n.to_le_bytes().to_vec()),
                ValueRef::Real(x) => (2, x.to_le_bytes().to_vec()),
                ValueRef::Text(t) => (3, t.to_vec()),
                ValueRef::Blob(b) => (4, b.to_vec()),
            };
            h.update([tag]);
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
    }
    Ok((count, h.finalize().to_vec()))
}

/// Whether `key` opens the encrypted file at `path`, read only: nothing is written.
pub fn opens_with(path: &Path, key: &DbKey) -> Result<bool, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    match unlock(&conn, key) {
        Ok(()) => Ok(true),
        Err(StoreError::KeyRefused) => Ok(false),
        Err(e) => Err(e),
    }
}
