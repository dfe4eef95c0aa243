//! IIN (individual identification number) and BIN (business identification number).
//!
//! Both are 12 digits; the twelfth is a check digit. The first pass weighs digits 1..11 by
//! 1..11 and takes the sum mod 11; when that gives 10, a second pass weighs them by
//! 3,4,5,6,7,8,9,10,11,1,2; when that also gives 10, the number is invalid.
//! The fifth digit tells them apart: in an IIN it is the first digit of the birth day (0–3), in a
//! BIN it is the kind of registrant (4 resident legal entity, 5 non-resident, 6 joint
//! individual entrepreneurship).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "number", rename_all = "lowercase")]
pub enum TaxId {
    Iin(String),
    Bin(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TaxIdError {
    #[error("an IIN or BIN has exactly 12 digits")]
    Length,
    #[error("an IIN or BIN has digits only")]
    NotDigits,
    #[error("the check digit does not match: the number is mistyped")]
    CheckDigit,
    #[error("the fifth digit fits neither an IIN nor a BIN")]
    UnknownKind,
}

const FIRST_WEIGHTS: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit for the first eleven digits, or `None` when both passes give 10.
pub fn check_digit(first_eleven: &[u32; 11]) -> Option<u32> {
    let weighted =
        |weights: &[u32; 11]| -> u32 { first_eleven.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11 };
    match weighted(&FIRST_WEIGHTS) {
        10 => match weighted(&SECOND_WEIGHTS) {
            10 => None,
            d => Some(d),
        },
        d => Some(d),
    }
}

/// The identifiers in NCA RK's *test* certificates (`IIN123456789011`, `BIN123456789021`, the
/// older `IIN123456789012`): they fail the check digit, and a seller profile may hold one only
/// while test-keys mode is on, marked as test data wherever it shows.
pub const NCA_TEST_IDENTIFIERS: [&str; 3] = ["123456789011", "123456789012", "123456789021"];

/// Whether `number` is one of NCA RK's test identifiers.
pub fn is_nca_test(number: &str) -> bool {
    NCA_TEST_IDENTIFIERS.contains(&number.trim())
}

impl TaxId {
    /// Validates a 12-digit IIN or BIN and tells which it is. Spaces around are ignored.
    pub fn parse(text: &str) -> Result<TaxId, TaxIdError> {
        let text = text.trim();
        if !text.chars().all(|c| c.is_ascii_digit()) {
            return Err(TaxIdError::NotDigits);
        }
        if text.len() != 12 {
            return Err(TaxIdError::Length);
        }
        let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
        let mut first = [0u32; 11];
        first.copy_from_slice(&digits[..11]);
        if check_digit(&first) != Some(digits[11]) {
            return Err(TaxIdError::CheckDigit);
        }
        match digits[4] {
            0..=3 => Ok(TaxId::Iin(text.to_string())),
            4..=6 => Ok(TaxId::Bin(text.to_string())),
            _ => Err(TaxIdError::UnknownKind),
        }
    }

    pub fn number(&self) -> &str {
        match self {
            TaxId::Iin(n) | TaxId::Bin(n) => n,
        }
    }

    pub fn is_bin(&self) -> bool {
        matches!(self, TaxId::Bin(_))
    }

    pub fn is_iin(&self) -> bool {
        matches!(self, TaxId::Iin(_))
    }

    /// An NCA test identifier (see [`NCA_TEST_IDENTIFIERS`]).
    pub fn is_test(&self) -> bool {
        is_nca_test(self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    enum Expect {
        Iin,
        Bin,
        Err(TaxIdError),
    }

    #[test]
    fn table() {
        use Expect::*;
        let cases = [
            // A born-1990 IIN: 9·1+4·1+6·1+7·3+10·1+11·2 = 72, 72 mod 11 = 6.
            ("900101300126", Iin),
            ("850715400565", Iin),
            // A real bank's BIN (published on its site): first pass gives 5.
            ("971240001315", Bin),
            ("050540001232", Bin),
            ("180640000016", Bin),
            // First pass gives 10, the second pass gives 6.
            ("900101000906", Iin),
            (" 900101300126 ", Iin),
            ("900101300127", Err(TaxIdError::CheckDigit)),
            ("971240001316", Err(TaxIdError::CheckDigit)),
            // Both passes give 10: no check digit can make it valid.
            ("100000000280", Err(TaxIdError::CheckDigit)),
            ("100000000288", Err(TaxIdError::CheckDigit)),
            // The NCA's test BIN is not check-digit valid (the second pass gives 5).
            ("123456789021", Err(TaxIdError::CheckDigit)),
            ("12345678902", Err(TaxIdError::Length)),
            ("1234567890211", Err(TaxIdError::Length)),
            ("", Err(TaxIdError::Length)),
            ("9001013001a6", Err(TaxIdError::NotDigits)),
            ("900101-30012", Err(TaxIdError::NotDigits)),
            // Valid check digit, but a fifth digit of 7: neither a day nor a registrant kind.
            ("000070000002", Err(TaxIdError::UnknownKind)),
        ];
        for (input, expect) in cases {
            let got = TaxId::parse(input);
            match expect {
                Iin => assert!(matches!(got, Ok(TaxId::Iin(_))), "{input}: {got:?}"),
                Bin => assert!(matches!(got, Ok(TaxId::Bin(_))), "{input}: {got:?}"),
                Err(e) => assert_eq!(got, Result::Err(e), "{input}"),
            }
        }
    }

    #[test]
    fn second_pass_weights() {
        // 9,0,0,1,0,1,0,0,0,9,0: first pass 9+4+6+90 = 109 = 10 mod 11;
        // second pass 3·9+6·1+8·1+1·9 = 50, 50 mod 11 = 6.
        assert_eq!(check_digit(&[9, 0, 0, 1, 0, 1, 0, 0, 0, 9, 0]), Some(6));
        assert_eq!(check_digit(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 8]), None);
    }
}
