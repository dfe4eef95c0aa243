//! Integration tests of the store against real SQLite files in temporary folders.

mod audit;
mod backup;
mod cipher;
mod fines;
mod migrations;
mod repositories;

use std::path::Path;

use rusqlite::Connection;
use store::DbKey;

/// The key the tests' databases are encrypted with.
pub const KEY: [u8; 32] = [0x5e; 32];

pub fn key() -> DbKey {
    DbKey::from_bytes(KEY)
}

/// SQLCipher's raw-key form of [`KEY`], as the `sqlcipher` tool takes it.
pub fn raw_key() -> String {
    format!("x'{}'", KEY.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// Opens a test database as an outside tool holding the key would.
pub fn keyed(path: impl AsRef<Path>) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.execute_batch(&format!("PRAGMA key = \"{}\";", raw_key()))?;
    Ok(conn)
}
