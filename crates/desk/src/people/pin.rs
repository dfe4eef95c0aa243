//! PINs: six digits, not guessable, kept as Argon2id hashes; wrong tries slow down, then lock.

use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::NaiveDate;

/// Wrong tries before each further try waits.
pub const FREE_TRIES: u32 = 5;
/// Wrong tries after which the person is locked until the owner unlocks.
pub const LOCK_AFTER: u32 = 10;
/// The wait after the fifth wrong try; it doubles with each one after.
pub const FIRST_WAIT: Duration = Duration::from_secs(30);

/// Why a PIN is refused before it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("a PIN is exactly 6 digits")]
    Format,
    #[error("the PIN is one digit repeated")]
    Repeated,
    #[error("the PIN is a run of digits up or down")]
    Run,
    #[error("the PIN repeats a short pattern")]
    Pattern,
    #[error("the PIN reads as a date (a date of birth is easy to guess)")]
    Date,
    #[error("the PIN is one of the most common PINs")]
    Common,
}

/// PINs people choose most often that the other rules do not already catch.
const COMMON: &[&str] = &["111222", "123321", "147258", "159753", "789456", "258456", "102030", "696969"];

/// Checks a new PIN: 6 ASCII digits and not easy to guess.
pub fn check_new(pin: &str) -> Result<(), PinError> {
    let digits: Vec<u8> = pin.bytes().collect();
    if digits.len() != 6 || !digits.iter().all(u8::is_ascii_digit) {
        return Err(PinError::Format);
    }
    let d: Vec<i16> = digits.iter().map(|b| i16::from(b - b'0')).collect();
    if d.iter().all(|x| *x == d[0]) {
        return Err(PinError::Repeated);
    }
    for step in [1, -1] {
        if d.windows(2).all(|w| w[1] - w[0] == step) {
            return Err(PinError::Run);
        }
    }
    if [2, 3].iter().any(|&period| (period..6).all(|i| d[i] == d[i - period])) {
        return Err(PinError::Pattern);
    }
    if reads_as_date(pin) {
        return Err(PinError::Date);
    }
    if COMMON.contains(&pin) {
        return Err(PinError::Common);
    }
    Ok(())
}

/// Whether six digits read as a real day written DDMMYY, YYMMDD or MMDDYY, in either century.
fn reads_as_date(pin: &str) -> bool {
    let part = |i: usize| pin[i..i + 2].parse::<u32>().unwrap_or(99);
    let (a, b, c) = (part(0), part(2), part(4));
    let real = |year2: u32, month: u32, day: u32| {
        [1900, 2000].iter().any(|century| NaiveDate::from_ymd_opt((century + year2) as i32, month, day).is_some())
    };
    real(c, b, a) || real(a, b, c) || real(c, a, b)
}

fn hasher() -> Argon2<'static> {
    // OWASP's first Argon2id choice: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string of a PIN's Argon2id hash, with a random salt.
pub fn hash(pin: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(pin.as_bytes(), &salt)?.to_string())
}

/// Whether `pin` matches a stored hash (in constant time). A hash that cannot be read matches
/// nothing.
pub fn matches(pin: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) if parsed.algorithm == argon2::ARGON2ID_IDENT => {
            hasher().verify_password(pin.as_bytes(), &parsed).is_ok()
        }
        _ => false,
    }
}

/// What `failed_tries` wrong tries in a row mean for the next try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TryRule {
    /// The next try may come at once.
    Free,
    /// The next try waits this long after the last wrong one.
    Wait(Duration),
    /// Locked until the owner unlocks.
    Locked,
}

pub fn after_failures(failed_tries: u32) -> TryRule {
    if failed_tries >= LOCK_AFTER {
        TryRule::Locked
    } else if failed_tries >= FREE_TRIES {
        TryRule::Wait(FIRST_WAIT * 2u32.pow(failed_tries - FREE_TRIES))
    } else {
        TryRule::Free
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_pins_are_refused_with_their_reason() {
        let cases = [
            ("12345", Err(PinError::Format)),
            ("1234567", Err(PinError::Format)),
            ("12 456", Err(PinError::Format)),
            ("١٢٣٤٥٦", Err(PinError::Format)),
            ("000000", Err(PinError::Repeated)),
            ("777777", Err(PinError::Repeated)),
            ("123456", Err(PinError::Run)),
            ("654321", Err(PinError::Run)),
            ("345678", Err(PinError::Run)),
            ("121212", Err(PinError::Pattern)),
            ("123123", Err(PinError::Pattern)),
            ("150390", Err(PinError::Date)), // 15.03.1990
            ("900315", Err(PinError::Date)), // 1990-03-15
            ("031590", Err(PinError::Date)), // 03/15/90
            ("290200", Err(PinError::Date)), // 29.02.2000
            ("112233", Err(PinError::Date)), // 11/22/33
            ("147258", Err(PinError::Common)),
            ("482915", Ok(())),
            ("731264", Ok(())),
            ("290231", Ok(())), // no 29.02.31, no 31st of a 29th month
            ("993177", Ok(())),
        ];
        for (pin, expected) in cases {
            assert_eq!(check_new(pin), expected, "{pin}");
        }
    }

    #[test]
    fn a_hash_is_argon2id_never_the_pin_and_verifies_only_the_pin() {
        let stored = hash("482915").unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(!stored.contains("482915"));
        assert!(matches("482915", &stored));
        assert!(!matches("482916", &stored));
        assert!(!matches("482915", "not a hash"));
        // Two hashes of one PIN differ: the salt is random.
        assert_ne!(stored, hash("482915").unwrap());
    }

    #[test]
    fn waits_double_after_five_wrong_tries_and_ten_lock() {
        let s = Duration::from_secs;
        let expected = [
            (0, TryRule::Free),
            (4, TryRule::Free),
            (5, TryRule::Wait(s(30))),
            (6, TryRule::Wait(s(60))),
            (7, TryRule::Wait(s(120))),
            (9, TryRule::Wait(s(480))),
            (10, TryRule::Locked),
            (11, TryRule::Locked),
        ];
        for (tries, rule) in expected {
            assert_eq!(after_failures(tries), rule, "{tries}");
        }
    }
}
