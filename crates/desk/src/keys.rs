//! The owner's opt-in "remember the password in the system keyring" for a key container: the
//! password lives in the operating system's keyring (Secret Service, Keychain, Credential
//! Manager) under the container's SHA-256, never in Seller Desk's files or logs. With no keyring
//! available, Seller Desk says so and keeps nothing.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::{ApiError, Desk, ErrorCode};

const SERVICE: &str = "seller-desk";

fn entry(p12: &[u8]) -> Result<keyring::Entry, ApiError> {
    let id: String = Sha256::digest(p12).iter().map(|b| format!("{b:02x}")).collect();
    keyring::Entry::new(SERVICE, &format!("key-container:{id}")).map_err(unavailable)
}

fn unavailable(e: keyring::Error) -> ApiError {
    ApiError::new(ErrorCode::KeyringUnavailable, format!("the system keyring cannot be used: {e}"))
}

impl Desk {
    /// Remembers the password of a key container, once it has opened the container.
    pub fn remember_key_password(&self, p12: &[u8], password: &Zeroizing<String>) -> Result<(), ApiError> {
        self.need(crate::people::Need::Sign)?;
        eds::open(p12, password.clone())?;
        entry(p12)?.set_password(password).map_err(unavailable)
    }

    /// The remembered password of this container, if the owner chose to remember one.
    pub fn remembered_key_password(&self, p12: &[u8]) -> Result<Option<Zeroizing<String>>, ApiError> {
        self.need(crate::people::Need::Sign)?;
        match entry(p12)?.get_password() {
            Ok(p) => Ok(Some(Zeroizing::new(p))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// The password to use: the one typed, or when none was typed the remembered one.
    pub fn key_password(&self, p12: &[u8], typed: Zeroizing<String>) -> Result<Zeroizing<String>, ApiError> {
        self.need(crate::people::Need::Sign)?;
        if !typed.is_empty() {
            return Ok(typed);
        }
        Ok(self.remembered_key_password(p12)?.unwrap_or(typed))
    }

    pub fn forget_key_password(&self, p12: &[u8]) -> Result<(), ApiError> {
        self.need(crate::people::Need::Sign)?;
        match entry(p12)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FixedClock;

    /// Needs a Secret Service: `cargo xtask test` runs the tests in a D-Bus session with an
    /// unlocked gnome-keyring and sets SELLER_DESK_KEYRING=required, so there a missing keyring
    /// fails this test; a plain `cargo test` without one says so and checks nothing more.
    #[test]
    fn a_remembered_password_round_trips_through_the_system_keyring_and_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::open(dir.path(), FixedClock("2026-11-25".parse().unwrap())).unwrap();
        let p12 = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../eds/tests/fixtures/nca-test/legacy-2004/individual_valid_sign_2004.p12"),
        )
        .unwrap();
        let wrong = desk.remember_key_password(&p12, &Zeroizing::new("nope".into()));
        assert_eq!(wrong.unwrap_err().code, ErrorCode::EdsWrongPassword, "a wrong password is not remembered");
        let required = std::env::var("SELLER_DESK_KEYRING").as_deref() == Ok("required");
        match desk.forget_key_password(&p12) {
            Err(e) if e.code == ErrorCode::KeyringUnavailable && !required => {
                eprintln!("no system keyring here ({}); run through `cargo xtask test`", e.message);
                return;
            }
            other => other.unwrap(),
        }
        assert_eq!(desk.remembered_key_password(&p12).unwrap(), None);
        desk.remember_key_password(&p12, &Zeroizing::new("Qwerty12".into())).unwrap();
        assert_eq!(desk.remembered_key_password(&p12).unwrap().as_deref().map(String::as_str), Some("Qwerty12"));
        desk.forget_key_password(&p12).unwrap();
        assert_eq!(desk.remembered_key_password(&p12).unwrap(), None);
    }
}
