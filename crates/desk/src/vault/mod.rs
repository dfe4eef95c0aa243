//! Where the database's key is kept. The key is 256 random bits, made once for a data folder;
//! the file is encrypted with it (`store::cipher`). It is kept in one of two ways:
//!
//! - **the OS keyring** (Secret Service, Credential Manager, Keychain), under the data folder's
//!   own id: Seller Desk opens without asking anything;
//! - **a passphrase**, where no keyring is available: the key sealed (XChaCha20-Poly1305) under a
//!   key derived from the passphrase with Argon2id, asked at every start.
//!
//! Either way the data folder holds `seller-desk.keys.json`: the id, the way the key is kept, a
//! check value (a digest of the key, so a wrong key is told apart from a damaged file), and the
//! sealed key in passphrase mode. The key itself is never in a file of the data folder.
//!
//! The recovery code is the key itself written for people (`code.rs`), printed on the recovery
//! sheet: with the database file and the code the data opens anywhere, even without the keys
//! file; without the keyring (or passphrase) and the code it is gone.

pub mod code;
pub mod sheet;

use std::path::{Path, PathBuf};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use store::{DbKey, FileKind};
use zeroize::Zeroizing;

use crate::{ApiError, ErrorCode};

/// The file beside the database that says how its key is kept.
pub const KEYS_FILE: &str = "seller-desk.keys.json";
/// The keyring's service name for Seller Desk's entries.
const SERVICE: &str = "seller-desk";
/// A passphrase is at least this long (in characters): it is all that protects the data.
pub const PASSPHRASE_MIN_CHARS: usize = 12;
/// …and at most this long (it is typed, not pasted from a file).
pub const PASSPHRASE_MAX_CHARS: usize = 256;
/// The environment variable a headless run (a scheduled export, a server) gives the passphrase in.
pub const PASSPHRASE_ENV: &str = "SELLER_DESK_PASSPHRASE";
/// Set to `1`, the OS keyring is never used (a computer account several people share): the
/// data is kept under a passphrase, as on a computer without a keyring.
pub const NO_KEYRING_ENV: &str = "SELLER_DESK_NO_KEYRING";

/// How the key is obtained when the data opens.
pub enum Unlock {
    /// From the OS keyring; a new data folder's key is put there.
    Keyring,
    /// With the passphrase; a new data folder (where the window found no keyring) is protected
    /// by it.
    Passphrase(Zeroizing<String>),
    /// With the recovery code; the key is then kept again — in the keyring, or under `passphrase`
    /// when one is given (where there is no keyring).
    Recover { code: Zeroizing<String>, passphrase: Option<Zeroizing<String>> },
}

/// What the window's unlock screen sends: the passphrase (typed twice when it is being chosen),
/// or the recovery code (with a new passphrase where there is no keyring).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct UnlockDto {
    pub passphrase: Option<String>,
    /// The passphrase again, when one is being chosen.
    pub passphrase_again: Option<String>,
    pub recovery_code: Option<String>,
}

impl Unlock {
    /// What the window sent, checked: two typed passphrases must agree.
    pub fn from_dto(dto: UnlockDto) -> Result<Unlock, ApiError> {
        let passphrase = dto.passphrase.map(Zeroizing::new);
        let again = dto.passphrase_again.map(Zeroizing::new);
        if let (Some(p), Some(a)) = (&passphrase, &again) {
            if p.as_str() != a.as_str() {
                return Err(err(ErrorCode::VaultPassphrasesDiffer, "the two passphrases differ"));
            }
        }
        Ok(match (dto.recovery_code.map(Zeroizing::new), passphrase) {
            (Some(code), passphrase) => Unlock::Recover { code, passphrase },
            (None, Some(p)) => Unlock::Passphrase(p),
            (None, None) => Unlock::Keyring,
        })
    }

    /// The passphrase from [`PASSPHRASE_ENV`] when set, else the keyring.
    pub fn from_env() -> Unlock {
        match std::env::var(PASSPHRASE_ENV) {
            Ok(p) if !p.is_empty() => Unlock::Passphrase(Zeroizing::new(p)),
            _ => Unlock::Keyring,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Custody {
    Keyring,
    Passphrase,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct KeysFile {
    format: u32,
    /// The keyring entry's name; random, so that two data folders never share an entry.
    id: String,
    custody: Custody,
    /// Hex of the first 16 bytes of SHA-256 over a label and the key.
    check: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed: Option<Sealed>,
    /// Made for a plain database from an earlier version that is being encrypted: until it is,
    /// a plain file here is that database. Afterwards a plain file in its place is refused (it
    /// was put there), never encrypted and adopted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    upgrading: bool,
}

/// The key sealed under a passphrase.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Sealed {
    /// Argon2id's memory (KiB), passes and lanes.
    m_kib: u32,
    t: u32,
    p: u32,
    salt: String,
    nonce: String,
    /// The key and Poly1305's tag, with the id as associated data.
    ciphertext: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

fn check_of(key: &[u8; 32]) -> String {
    hex(&Sha256::new().chain_update(b"seller-desk key check").chain_update(key).finalize()[..16])
}

fn err(code: ErrorCode, message: impl Into<String>) -> ApiError {
    ApiError::new(code, message)
}

fn keys_path(dir: &Path) -> PathBuf {
    dir.join(KEYS_FILE)
}

fn read_keys(dir: &Path) -> Result<Option<KeysFile>, ApiError> {
    let bytes = match std::fs::read(keys_path(dir)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(err(ErrorCode::StoreIo, format!("{KEYS_FILE}: {e}"))),
    };
    let damaged = |why: String| err(ErrorCode::VaultKeysDamaged, format!("{KEYS_FILE} cannot be read: {why}"));
    let keys: KeysFile = serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
    if keys.format != 1 {
        return Err(damaged(format!("format {} is not known to this version", keys.format)));
    }
    if keys.id.len() != 32 || unhex(&keys.id).is_none() || unhex(&keys.check).map(|c| c.len()) != Some(16) {
        return Err(damaged("its id or check value is not well formed".into()));
    }
    if keys.custody == Custody::Passphrase && keys.sealed.is_none() {
        return Err(damaged("passphrase mode without the sealed key".into()));
    }
    Ok(Some(keys))
}

/// Writes the keys file whole or not at all: to a temporary name, synced, then renamed.
fn write_keys(dir: &Path, keys: &KeysFile) -> Result<(), ApiError> {
    let io = |e: std::io::Error| err(ErrorCode::StoreIo, format!("{KEYS_FILE}: {e}"));
    std::fs::create_dir_all(dir).map_err(io)?;
    let tmp = dir.join(format!("{KEYS_FILE}.writing"));
    let text = serde_json::to_vec_pretty(keys).map_err(|e| err(ErrorCode::Internal, e.to_string()))?;
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp).map_err(io)?;
        file.write_all(&text).map_err(io)?;
        file.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, keys_path(dir)).map_err(io)?;
    Ok(())
}

fn keyring_entry(id: &str) -> Result<keyring::Entry, keyring::Error> {
    if std::env::var(NO_KEYRING_ENV).as_deref() == Ok("1") {
        return Err(keyring::Error::NoStorageAccess(format!("{NO_KEYRING_ENV} is set").into()));
    }
    keyring::Entry::new(SERVICE, &format!("database:{id}"))
}

fn keyring_put(id: &str, key: &[u8; 32]) -> Result<(), keyring::Error> {
    let text = Zeroizing::new(hex(key));
    keyring_entry(id)?.set_password(&text)?;
    // Read back: a keyring that accepts and forgets (a locked collection, a broken daemon)
    // must not be trusted with the only everyday copy of the key.
    let back = Zeroizing::new(keyring_entry(id)?.get_password()?);
    if back.as_str() != text.as_str() {
        return Err(keyring::Error::Invalid("read back".into(), "the keyring returned another value".into()));
    }
    Ok(())
}

fn keyring_get(id: &str) -> Result<Zeroizing<[u8; 32]>, keyring::Error> {
    let text = Zeroizing::new(keyring_entry(id)?.get_password()?);
    let bytes = Zeroizing::new(unhex(&text).unwrap_or_default());
    let mut key = Zeroizing::new([0u8; 32]);
    if bytes.len() != 32 {
        return Err(keyring::Error::BadEncoding(Vec::new()));
    }
    key.copy_from_slice(&bytes);
    Ok(key)
}

const ARGON_M_KIB: u32 = 65_536;
const ARGON_T: u32 = 3;
const ARGON_P: u32 = 1;

fn derive(passphrase: &str, salt: &[u8], m_kib: u32, t: u32, p: u32) -> Result<Zeroizing<[u8; 32]>, ApiError> {
    // Bounds on what a keys file may ask for: a hostile file must not make the open take
    // minutes or gigabytes.
    if !(8_192..=1_048_576).contains(&m_kib) || !(1..=10).contains(&t) || !(1..=8).contains(&p) {
        return Err(err(ErrorCode::VaultKeysDamaged, "the passphrase's parameters are out of bounds"));
    }
    let params = Params::new(m_kib, t, p, Some(32)).map_err(|e| err(ErrorCode::VaultKeysDamaged, e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| err(ErrorCode::VaultKeysDamaged, e.to_string()))?;
    Ok(out)
}

fn seal(id: &str, key: &[u8; 32], passphrase: &str) -> Result<Sealed, ApiError> {
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    let kek = derive(passphrase, &salt, ARGON_M_KIB, ARGON_T, ARGON_P)?;
    let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
    let ciphertext = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: key, aad: id.as_bytes() })
        .map_err(|_| err(ErrorCode::Internal, "sealing the key failed"))?;
    Ok(Sealed {
        m_kib: ARGON_M_KIB,
        t: ARGON_T,
        p: ARGON_P,
        salt: hex(&salt),
        nonce: hex(&nonce),
        ciphertext: hex(&ciphertext),
    })
}

fn unseal(keys: &KeysFile, passphrase: &str) -> Result<Zeroizing<[u8; 32]>, ApiError> {
    let sealed = keys.sealed.as_ref().ok_or_else(|| err(ErrorCode::VaultKeysDamaged, "no sealed key"))?;
    let damaged = || err(ErrorCode::VaultKeysDamaged, "the sealed key is not well formed");
    let salt = unhex(&sealed.salt).filter(|s| (8..=64).contains(&s.len())).ok_or_else(damaged)?;
    let nonce = unhex(&sealed.nonce).filter(|n| n.len() == 24).ok_or_else(damaged)?;
    let ciphertext = unhex(&sealed.ciphertext).filter(|c| c.len() == 48).ok_or_else(damaged)?;
    let kek = derive(passphrase, &salt, sealed.m_kib, sealed.t, sealed.p)?;
    let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
    let plain = Zeroizing::new(
        cipher
            .decrypt(XNonce::from_slice(&nonce), Payload { msg: &ciphertext, aad: keys.id.as_bytes() })
            .map_err(|_| err(ErrorCode::VaultPassphraseWrong, "the passphrase does not open this data"))?,
    );
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&plain);
    if check_of(&key) != keys.check {
        return Err(err(ErrorCode::VaultKeysDamaged, "the sealed key is not this data's key"));
    }
    Ok(key)
}

/// A passphrase that is to protect data: long enough, not too long, not only spaces.
pub fn check_new_passphrase(p: &str) -> Result<(), ApiError> {
    let chars = p.chars().count();
    if chars > PASSPHRASE_MAX_CHARS {
        return Err(err(
            ErrorCode::VaultPassphraseTooLong,
            format!("a passphrase is at most {PASSPHRASE_MAX_CHARS} characters"),
        ));
    }
    if chars < PASSPHRASE_MIN_CHARS || p.trim().chars().count() < PASSPHRASE_MIN_CHARS {
        return Err(err(
            ErrorCode::VaultPassphraseWeak,
            format!("a passphrase is at least {PASSPHRASE_MIN_CHARS} characters"),
        ));
    }
    Ok(())
}

fn new_id() -> String {
    let mut id = [0u8; 16];
    OsRng.fill_bytes(&mut id);
    hex(&id)
}

/// Keeps `key` for the data folder `dir` under a new id: in the keyring, or under `passphrase`.
fn keep(
    dir: &Path,
    key: &[u8; 32],
    passphrase: Option<&Zeroizing<String>>,
    upgrading: bool,
) -> Result<KeysFile, ApiError> {
    let id = new_id();
    let keys = match passphrase {
        Some(p) => {
            check_new_passphrase(p)?;
            KeysFile {
                format: 1,
                id: id.clone(),
                custody: Custody::Passphrase,
                check: check_of(key),
                sealed: Some(seal(&id, key, p)?),
                upgrading,
            }
        }
        None => {
            keyring_put(&id, key).map_err(|e| {
                err(ErrorCode::VaultNoKeyring, format!("the system keyring cannot keep the data's key: {e}"))
            })?;
            KeysFile { format: 1, id, custody: Custody::Keyring, check: check_of(key), sealed: None, upgrading }
        }
    };
    write_keys(dir, &keys)?;
    Ok(keys)
}

/// What opening the data folder found.
pub struct Opened {
    pub key: DbKey,
    pub custody: Custody,
}

/// The key of the database in `dir`, obtained as `unlock` says; a new folder's key is made and
/// kept. A plain database from an earlier version is encrypted with it here (after a safety
/// copy, checked before the plain file goes).
pub fn open_key(dir: &Path, unlock: Unlock) -> Result<Opened, ApiError> {
    let db = dir.join(store::DB_FILE);
    let kind = store::cipher::file_kind(&db)?;
    let keys = read_keys(dir);
    let (key, keys) = match (unlock, keys) {
        (Unlock::Recover { code, passphrase }, keys) => {
            let key = code::decode(&code).map_err(|e| match e {
                code::CodeError::Malformed => err(
                    ErrorCode::VaultRecoveryCodeMalformed,
                    format!("a recovery code is {} letters and digits", code::CODE_CHARS),
                ),
                code::CodeError::Mistyped => {
                    err(ErrorCode::VaultRecoveryCodeMistyped, "a character of the recovery code is mistyped")
                }
            })?;
            // Told at once when the keys file says whose key it is; else the file says.
            if let Ok(Some(k)) = &keys {
                if k.check != check_of(&key) {
                    return Err(err(ErrorCode::VaultRecoveryCodeWrong, "this recovery code is not this data's"));
                }
            } else if kind == FileKind::Encrypted {
                prove(&db, &key)?;
            }
            // A plain file is an earlier version's only where no keys file says otherwise.
            let upgrading =
                kind == FileKind::Plain && matches!(&keys, Ok(None) | Ok(Some(KeysFile { upgrading: true, .. })));
            let kept = keep(dir, &key, passphrase.as_ref(), upgrading)?;
            // The entry the old keys file named is replaced by the new one: not left behind.
            if let Ok(Some(old)) = &keys {
                if old.custody == Custody::Keyring {
                    let _ = keyring_entry(&old.id).and_then(|e| e.delete_credential());
                }
            }
            (key, kept)
        }
        (unlock, Ok(Some(keys))) => {
            let key = match (keys.custody, unlock) {
                (Custody::Keyring, _) => keyring_get(&keys.id).map_err(|e| match e {
                    keyring::Error::NoEntry => err(
                        ErrorCode::VaultKeyMissing,
                        "this computer's keyring does not hold the data's key; open it with the recovery code",
                    ),
                    e => err(ErrorCode::VaultKeyringUnreachable, format!("the system keyring cannot be reached: {e}")),
                })?,
                (Custody::Passphrase, Unlock::Passphrase(p)) => unseal(&keys, &p)?,
                (Custody::Passphrase, _) => {
                    return Err(err(ErrorCode::VaultPassphraseNeeded, "the data is protected by a passphrase"))
                }
            };
            if check_of(&key) != keys.check {
                return Err(err(ErrorCode::VaultKeysDamaged, "the key found is not the one the keys file names"));
            }
            (key, keys)
        }
        (_, Err(e)) => return Err(e),
        (unlock, Ok(None)) => {
            if kind == FileKind::Encrypted {
                return Err(err(
                    ErrorCode::VaultKeyMissing,
                    format!("the data is encrypted and {KEYS_FILE} is missing; open it with the recovery code"),
                ));
            }
            // A new data folder, or a plain file from before encryption: a new key.
            let mut key = Zeroizing::new([0u8; 32]);
            OsRng.fill_bytes(key.as_mut());
            let passphrase = match &unlock {
                Unlock::Passphrase(p) => Some(p),
                _ => None,
            };
            let kept = keep(dir, &key, passphrase, kind == FileKind::Plain)?;
            (key, kept)
        }
    };
    let key = DbKey::from_bytes(*key);
    let mut keys = keys;
    if store::cipher::file_kind(&db)? == FileKind::Plain {
        if !keys.upgrading {
            return Err(err(
                ErrorCode::StoreNotEncrypted,
                "a plain database lies where the encrypted one was: it was put there, and is not adopted",
            ));
        }
        store::cipher::encrypt_plain(&db, &key)?;
    }
    if keys.upgrading {
        keys.upgrading = false;
        write_keys(dir, &keys)?;
    }
    Ok(Opened { key, custody: keys.custody })
}

/// Whether `key` opens the encrypted file at `db` (read only; nothing is written).
fn prove(db: &Path, key: &[u8; 32]) -> Result<(), ApiError> {
    match store::cipher::opens_with(db, &DbKey::from_bytes(*key)) {
        Ok(true) => Ok(()),
        Ok(false) => Err(err(ErrorCode::VaultRecoveryCodeWrong, "this recovery code does not open this data")),
        Err(e) => Err(e.into()),
    }
}

impl crate::Desk {
    /// The open data's recovery code: its key written for people (the owner, PIN again first).
    pub fn recovery_code(&self) -> Result<Zeroizing<String>, ApiError> {
        self.need(crate::people::Need::Recovery)?;
        Ok(code::encode(self.key.bytes()))
    }

    /// How the open data's key is kept.
    pub fn custody(&self) -> Result<Custody, ApiError> {
        self.need(crate::people::Need::Nothing)?;
        Ok(self.custody)
    }
}

#[cfg(test)]
mod tests;
