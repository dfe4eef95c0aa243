//! Bank details as Kazakhstan's payment orders carry them: the account (IIK, an IBAN of 20
//! characters), the bank's BIC, the beneficiary code (KBe) and the payment purpose code (KNP).
//!
//! The seller's account pays the fines by transfer; the payee is the platform that charged them
//! (its requisites are printed on its notice). The 1C exchange file names both.

use serde::{Deserialize, Serialize};

use crate::ident::TaxId;
use crate::profile::LegalForm;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BankError {
    #[error("an IIK is 20 characters: KZ, two check digits, the bank's three-digit code and 13 letters or digits")]
    IikShape,
    #[error("the IIK's check digits do not match (ISO 13616)")]
    IikCheck,
    #[error("a BIC is 8 Latin letters or digits, the 5th and 6th being KZ")]
    BicShape,
    #[error("the bank's name is empty")]
    EmptyBankName,
    #[error("the KBe is two digits: residency (1 or 2) and the economic sector")]
    KbeShape,
    #[error("the KNP is three digits")]
    KnpShape,
    #[error("the payee's name is empty")]
    EmptyPayeeName,
}

/// An individual identification code of an account (Kazakhstan's IBAN), kept without spaces
/// in capitals.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ts", ts(type = "string"))]
pub struct Iik(String);

impl Iik {
    pub fn parse(text: &str) -> Result<Iik, BankError> {
        let s: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        let shape = s.len() == 20
            && s.starts_with("KZ")
            && s[2..7].bytes().all(|b| b.is_ascii_digit())
            && s[7..].bytes().all(|b| b.is_ascii_alphanumeric());
        if !shape {
            return Err(BankError::IikShape);
        }
        // ISO 13616: move the first four characters to the end, letters become 10..35, mod 97 = 1.
        let rotated = s[4..].bytes().chain(s[..4].bytes());
        let mut rem: u32 = 0;
        for b in rotated {
            let v = if b.is_ascii_digit() { u32::from(b - b'0') } else { u32::from(b - b'A') + 10 };
            rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
        }
        if rem != 1 {
            return Err(BankError::IikCheck);
        }
        Ok(Iik(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Iik {
    type Error = BankError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Iik::parse(&value)
    }
}

impl From<Iik> for String {
    fn from(value: Iik) -> Self {
        value.0
    }
}

/// A bank's identifier code (SWIFT form, e.g. `HSBKKZKX`).
pub fn check_bic(text: &str) -> Result<String, BankError> {
    let s = text.trim().to_ascii_uppercase();
    let ok = s.len() == 8 && s.bytes().all(|b| b.is_ascii_alphanumeric()) && &s[4..6] == "KZ";
    if ok {
        Ok(s)
    } else {
        Err(BankError::BicShape)
    }
}

/// The beneficiary (or payer) code: residency and economic sector, two digits.
pub fn check_kbe(text: &str) -> Result<String, BankError> {
    let s = text.trim();
    let ok = s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && matches!(&s[..1], "1" | "2");
    if ok {
        Ok(s.to_string())
    } else {
        Err(BankError::KbeShape)
    }
}

/// The payment purpose code, three digits.
pub fn check_knp(text: &str) -> Result<String, BankError> {
    let s = text.trim();
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err(BankError::KnpShape)
    }
}

/// The code a resident seller puts in its own KBe: a private non-financial company (7) or a
/// household — an individual entrepreneur (9).
pub fn resident_code(form: LegalForm) -> &'static str {
    match form {
        LegalForm::LegalEntity => "17",
        LegalForm::IndividualEntrepreneur => "19",
    }
}

/// An account at a bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BankAccount {
    pub iik: Iik,
    pub bic: String,
    pub bank_name: String,
}

impl BankAccount {
    pub fn new(iik: &str, bic: &str, bank_name: &str) -> Result<BankAccount, BankError> {
        let bank_name = bank_name.trim();
        if bank_name.is_empty() {
            return Err(BankError::EmptyBankName);
        }
        Ok(BankAccount { iik: Iik::parse(iik)?, bic: check_bic(bic)?, bank_name: bank_name.to_string() })
    }
}

/// Whom fines are paid to, as the platform's notice names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Payee {
    pub name: String,
    pub tax_id: TaxId,
    pub account: BankAccount,
    pub kbe: String,
    pub knp: String,
}

impl Payee {
    pub fn new(name: &str, tax_id: TaxId, account: BankAccount, kbe: &str, knp: &str) -> Result<Payee, BankError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(BankError::EmptyPayeeName);
        }
        Ok(Payee { name: name.to_string(), tax_id, account, kbe: check_kbe(kbe)?, knp: check_knp(knp)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iik_check_digits_follow_iso_13616() {
        // Published account numbers of Kazakh organisations (bank statements, invoices).
        for good in ["KZ476010131000179714", "KZ79722S000001674774", "kz72 998L TB00 0149 7589"] {
            assert!(Iik::parse(good).is_ok(), "{good}");
        }
        assert_eq!(Iik::parse("kz72 998L TB00 0149 7589").unwrap().as_str(), "KZ72998LTB0001497589");
        // One digit changed, two swapped: the check catches both.
        assert_eq!(Iik::parse("KZ476010131000179715"), Err(BankError::IikCheck));
        assert_eq!(Iik::parse("KZ746010131000179714"), Err(BankError::IikCheck));
        assert_eq!(Iik::parse("KZ4760101310001797"), Err(BankError::IikShape));
        assert_eq!(Iik::parse("RU476010131000179714"), Err(BankError::IikShape));
    }

    #[test]
    fn bic_kbe_and_knp_have_their_shapes() {
        assert_eq!(check_bic(" hsbkkzkx ").unwrap(), "HSBKKZKX");
        assert_eq!(check_bic("HSBKRUKX"), Err(BankError::BicShape));
        assert_eq!(check_bic("HSBKKZK"), Err(BankError::BicShape));
        assert_eq!(check_kbe("17").unwrap(), "17");
        assert_eq!(check_kbe("37"), Err(BankError::KbeShape));
        assert_eq!(check_kbe("7"), Err(BankError::KbeShape));
        assert_eq!(check_knp("859").unwrap(), "859");
        assert_eq!(check_knp("85a"), Err(BankError::KnpShape));
        assert_eq!(resident_code(LegalForm::LegalEntity), "17");
        assert_eq!(resident_code(LegalForm::IndividualEntrepreneur), "19");
    }

    #[test]
    fn an_account_needs_every_part() {
        assert_eq!(BankAccount::new("KZ476010131000179714", "HSBKKZKX", " "), Err(BankError::EmptyBankName));
        let acc = BankAccount::new("KZ476010131000179714", "hsbkkzkx", "Halyk Bank").unwrap();
        assert_eq!(acc.bic, "HSBKKZKX");
        let json = serde_json::to_string(&acc).unwrap();
        assert!(json.contains("\"KZ476010131000179714\""), "{json}");
        let bad = json.replace("179714", "179715");
        assert!(serde_json::from_str::<BankAccount>(&bad).is_err());
    }
}
