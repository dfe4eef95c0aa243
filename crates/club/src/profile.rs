//! The seller: its legal form, identification number, name, outlets and web presence.

use serde::{Deserialize, Serialize};

use crate::ident::{TaxId, TaxIdError};

/// Sellers are individual entrepreneurs (identified by IIN) or legal entities (by BIN) (1.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    IndividualEntrepreneur,
    LegalEntity,
}

impl LegalForm {
    pub fn code(self) -> &'static str {
        match self {
            LegalForm::IndividualEntrepreneur => "individual_entrepreneur",
            LegalForm::LegalEntity => "legal_entity",
        }
    }

    pub fn from_code(code: &str) -> Option<LegalForm> {
        match code {
            "individual_entrepreneur" => Some(LegalForm::IndividualEntrepreneur),
            "legal_entity" => Some(LegalForm::LegalEntity),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error(transparent)]
    TaxId(#[from] TaxIdError),
    #[error("an individual entrepreneur is identified by an IIN, not a BIN")]
    ExpectedIin,
    #[error("a legal entity is identified by a BIN, not an IIN")]
    ExpectedBin,
    #[error("the seller's name is empty")]
    EmptyName,
    #[error("the outlet's name is empty")]
    EmptyOutletName,
    #[error("the outlet's city is empty")]
    EmptyOutletCity,
    #[error("the outlet's address is empty")]
    EmptyOutletAddress,
    #[error("the address must start with http:// or https://")]
    BadUrl,
}

/// The seller as the club knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Seller {
    pub legal_form: LegalForm,
    pub tax_id: TaxId,
    pub name: String,
}

impl Seller {
    /// Checks the number against the legal form: an individual entrepreneur needs an IIN, a
    /// legal entity a BIN.
    pub fn new(legal_form: LegalForm, tax_id: &str, name: &str) -> Result<Seller, ProfileError> {
        Seller::with_test_keys(legal_form, tax_id, name, false)
    }

    /// As [`Seller::new`]; with `test_keys` (test-keys mode on) the number may also be one of
    /// NCA's test identifiers, which fail the check digit.
    pub fn with_test_keys(
        legal_form: LegalForm,
        tax_id: &str,
        name: &str,
        test_keys: bool,
    ) -> Result<Seller, ProfileError> {
        let tax_id = check_tax_id_with_test_keys(legal_form, tax_id, test_keys)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(ProfileError::EmptyName);
        }
        Ok(Seller { legal_form, tax_id, name: name.to_string() })
    }
}

/// The as-you-type check of the onboarding form.
pub fn check_tax_id(legal_form: LegalForm, text: &str) -> Result<TaxId, ProfileError> {
    let id = TaxId::parse(text)?;
    match (legal_form, &id) {
        (LegalForm::IndividualEntrepreneur, TaxId::Bin(_)) => Err(ProfileError::ExpectedIin),
        (LegalForm::LegalEntity, TaxId::Iin(_)) => Err(ProfileError::ExpectedBin),
        _ => Ok(id),
    }
}

/// As [`check_tax_id`]; with `test_keys`, NCA's test identifiers are taken too, as the IIN or
/// BIN the legal form needs (their fifth digit says nothing).
pub fn check_tax_id_with_test_keys(legal_form: LegalForm, text: &str, test_keys: bool) -> Result<TaxId, ProfileError> {
    match check_tax_id(legal_form, text) {
        Err(ProfileError::TaxId(TaxIdError::CheckDigit)) if test_keys && crate::ident::is_nca_test(text) => {
            Ok(match legal_form {
                LegalForm::IndividualEntrepreneur => TaxId::Iin(text.trim().to_string()),
                LegalForm::LegalEntity => TaxId::Bin(text.trim().to_string()),
            })
        }
        other => other,
    }
}

/// A point of sale or service: a shop, a counter, a showroom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutletDraft {
    pub name: String,
    pub city: String,
    pub address: String,
}

impl OutletDraft {
    pub fn validated(&self) -> Result<OutletDraft, ProfileError> {
        let name = self.name.trim();
        let city = self.city.trim();
        let address = self.address.trim();
        if name.is_empty() {
            return Err(ProfileError::EmptyOutletName);
        }
        if city.is_empty() {
            return Err(ProfileError::EmptyOutletCity);
        }
        if address.is_empty() {
            return Err(ProfileError::EmptyOutletAddress);
        }
        Ok(OutletDraft { name: name.into(), city: city.into(), address: address.into() })
    }
}

/// A recorded outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Outlet {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub address: String,
}

/// A website or social page of the seller's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WebPresence {
    pub id: i64,
    pub kind: WebPresenceKind,
    pub url: String,
}

/// Where the seller shows itself online; the club's marks go there too (2.5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WebPresenceKind {
    Website,
    SocialPage,
}

impl WebPresenceKind {
    pub fn code(self) -> &'static str {
        match self {
            WebPresenceKind::Website => "website",
            WebPresenceKind::SocialPage => "social_page",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "website" => Some(Self::Website),
            "social_page" => Some(Self::SocialPage),
            _ => None,
        }
    }
}

/// An address as typed, with its scheme (`http://` or `https://`, in any case) written in
/// lower case.
pub fn check_url(url: &str) -> Result<String, ProfileError> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://").ok_or(ProfileError::BadUrl)?;
    let scheme = scheme.to_ascii_lowercase();
    match rest {
        _ if scheme != "https" && scheme != "http" => Err(ProfileError::BadUrl),
        host if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(format!("{scheme}://{rest}")),
        _ => Err(ProfileError::BadUrl),
    }
}

/// Whether two addresses name the same page as a person means it: the scheme and the host in
/// any case, a `www.` prefix, a trailing slash and a `#fragment` make no difference.
pub fn same_address(a: &str, b: &str) -> bool {
    fn key(url: &str) -> String {
        let url = url.trim();
        let url = url.split('#').next().unwrap_or(url);
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.to_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        format!("{host}/{}", path.trim_end_matches('/'))
    }
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_form_must_match_the_number() {
        let cases = [
            (LegalForm::LegalEntity, "971240001315", "Shop", Ok(())),
            (LegalForm::IndividualEntrepreneur, "900101300126", "IP Shop", Ok(())),
            (LegalForm::LegalEntity, "900101300126", "Shop", Err(ProfileError::ExpectedBin)),
            (LegalForm::IndividualEntrepreneur, "971240001315", "Shop", Err(ProfileError::ExpectedIin)),
            (LegalForm::LegalEntity, "971240001316", "Shop", Err(ProfileError::TaxId(TaxIdError::CheckDigit))),
            // NCA's test BIN fails the check digit: refused unless test-keys mode is on.
            (LegalForm::LegalEntity, "123456789021", "Shop", Err(ProfileError::TaxId(TaxIdError::CheckDigit))),
            (LegalForm::LegalEntity, "971240001315", "   ", Err(ProfileError::EmptyName)),
        ];
        for (form, id, name, expect) in cases {
            assert_eq!(Seller::new(form, id, name).map(|_| ()), expect, "{form:?} {id} {name:?}");
        }
    }

    #[test]
    fn ncas_test_identifiers_are_taken_only_with_test_keys_and_as_the_form_needs() {
        let bin = Seller::with_test_keys(LegalForm::LegalEntity, "123456789021", "АО ТЕСТ", true).unwrap();
        assert_eq!(bin.tax_id, TaxId::Bin("123456789021".into()));
        assert!(bin.tax_id.is_test());
        let iin = Seller::with_test_keys(LegalForm::IndividualEntrepreneur, " 123456789011 ", "ИП", true).unwrap();
        assert_eq!(iin.tax_id, TaxId::Iin("123456789011".into()));
        // Off, the same numbers are mistyped ones; on, other mistyped numbers stay refused.
        let off = Seller::with_test_keys(LegalForm::LegalEntity, "123456789021", "АО ТЕСТ", false);
        assert_eq!(off.map(|_| ()), Err(ProfileError::TaxId(TaxIdError::CheckDigit)));
        let other = Seller::with_test_keys(LegalForm::LegalEntity, "123456789022", "АО ТЕСТ", true);
        assert_eq!(other.map(|_| ()), Err(ProfileError::TaxId(TaxIdError::CheckDigit)));
        // A real, valid BIN is never test data.
        assert!(!Seller::new(LegalForm::LegalEntity, "971240001315", "Dala").unwrap().tax_id.is_test());
    }

    #[test]
    fn names_are_trimmed() {
        let s = Seller::new(LegalForm::LegalEntity, "971240001315", "  Dala  ").unwrap();
        assert_eq!(s.name, "Dala");
    }

    #[test]
    fn outlet_needs_name_city_address() {
        let d = |n: &str, c: &str, a: &str| OutletDraft { name: n.into(), city: c.into(), address: a.into() };
        assert!(d("Main", "Almaty", "Abay 1").validated().is_ok());
        assert_eq!(d(" ", "Almaty", "Abay 1").validated(), Err(ProfileError::EmptyOutletName));
        assert_eq!(d("Main", "", "Abay 1").validated(), Err(ProfileError::EmptyOutletCity));
        assert_eq!(d("Main", "Almaty", "").validated(), Err(ProfileError::EmptyOutletAddress));
    }

    #[test]
    fn urls() {
        assert!(check_url("https://dala.kz").is_ok());
        assert!(check_url("http://instagram.com/dala").is_ok());
        assert_eq!(check_url("dala.kz"), Err(ProfileError::BadUrl));
        assert!(same_address("https://dala-sauda.kz", "HTTP://www.Dala-Sauda.kz/"));
        assert!(same_address("https://instagram.com/dala.sauda/", "https://instagram.com/dala.sauda#top"));
        assert!(!same_address("https://instagram.com/dala.sauda", "https://instagram.com/Dala.Sauda2"));
        assert!(!same_address("https://dala.kz/shop", "https://dala.kz/"));
        assert_eq!(check_url("https://"), Err(ProfileError::BadUrl));
    }
}
