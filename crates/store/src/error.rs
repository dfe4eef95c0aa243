use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database was written by a newer Seller Desk (schema {found}; this version knows up to {supported}); it was left untouched")]
    NewerVersion { found: i64, supported: i64 },
    #[error("the database file is damaged or is not a Seller Desk database: {0}")]
    Corrupt(String),
    #[error("the database is in use by another program")]
    Locked,
    #[error("the disk is full (or the database reached its size limit): the change was not saved")]
    Full,
    #[error("updating the database to schema {version} failed, and nothing was changed: {message}")]
    Migration { version: i64, message: String },
    #[error("the database file does not open with this key: the key is not this file's, or the file is damaged")]
    KeyRefused,
    #[error("the database file is not encrypted; it is encrypted before it is opened")]
    NotEncrypted,
    #[error("the data folder cannot be used: {0}")]
    Io(#[from] std::io::Error),
    #[error("a stored value cannot be read: {0}")]
    BadData(String),
    #[error("{0} was not found")]
    NotFound(&'static str),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked,
            Some(ErrorCode::DiskFull) => StoreError::Full,
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}
