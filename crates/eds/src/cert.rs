//! The NCA RK certificate profile: who holds the key (name, IIN), for which organisation (name,
//! BIN), in which role, for which purpose (signing or authentication), valid when, issued by whom.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::ber::{self, Node, OCTET_STRING, SEQUENCE, SET};
use crate::EdsError;

/// What the key may be used for, as NCA issues it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPurpose {
    /// Signing documents: key usage carries nonRepudiation.
    Sign,
    /// Logging in (TLS client): keyEncipherment or clientAuth, and no nonRepudiation.
    Auth,
}

/// Whose key it is, from the NCA role OIDs in the extended key usage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Individual,
    /// The first head of a legal entity.
    Head,
    /// An employee with the right to sign.
    SigningRight,
    Employee,
    TreasuryClient,
    InformationSystem,
    /// Another role of a legal entity's employee, by its OID.
    OtherEmployee(String),
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyAlgorithm {
    Rsa,
    /// GOST 34.10-2015, 512-bit: what NCA RK issues today.
    Gost2015,
    /// GOST 34.310-2004: older keys.
    Gost2004,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertProfile {
    /// The holder's full name (CN).
    pub holder: String,
    /// `SERIALNUMBER=IIN…`, the digits only.
    pub iin: Option<String>,
    /// `O=`.
    pub organisation: Option<String>,
    /// `OU=BIN…`, the digits only.
    pub bin: Option<String>,
    pub role: Role,
    pub purpose: KeyPurpose,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    /// The issuer's CN.
    pub issuer: String,
    /// The serial number, hex.
    pub serial: String,
    pub key_algorithm: KeyAlgorithm,
    /// The subjectPublicKeyInfo, DER.
    pub public_key_info: Vec<u8>,
    /// basicConstraints says this is a certification authority.
    pub is_ca: bool,
    /// Subject and issuer are the same name (a root, self-signed).
    pub self_issued: bool,
    /// The extended key usages, dotted OIDs.
    pub ekus: Vec<String>,
}

const CN: &str = "2.5.4.3";
const SERIAL_NUMBER: &str = "2.5.4.5";
const O: &str = "2.5.4.10";
const OU: &str = "2.5.4.11";
const KEY_USAGE: &str = "2.5.29.15";
const EXT_KEY_USAGE: &str = "2.5.29.37";
const CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
const BASIC_CONSTRAINTS: &str = "2.5.29.19";

fn bad(what: &str) -> EdsError {
    EdsError::BadCertificate(what.to_string())
}

/// The text of a directory string (UTF8String, PrintableString, IA5String or BMPString).
fn text(node: &Node) -> String {
    let bytes = node.octets();
    if node.universal(30) {
        let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// Every (type OID, value) of a distinguished name.
fn attributes(name: &Node) -> Vec<(String, String)> {
    name.children
        .iter()
        .filter(|rdn| rdn.universal(SET))
        .flat_map(|rdn| rdn.children.iter())
        .filter_map(|atv| Some((atv.child(0)?.oid()?, text(atv.child(1)?))))
        .collect()
}

/// The CN of a distinguished name (empty when it has none).
pub(crate) fn common_name(name: &Node) -> String {
    first(&attributes(name), CN).unwrap_or_default()
}

fn first(attrs: &[(String, String)], oid: &str) -> Option<String> {
    attrs.iter().find(|(o, _)| o == oid).map(|(_, v)| v.clone())
}

/// A UTCTime or GeneralizedTime.
pub(crate) fn time_of(node: &Node) -> Result<DateTime<Utc>, EdsError> {
    let s = String::from_utf8_lossy(&node.value).into_owned();
    let s = s.trim_end_matches('Z');
    let full = match node.number {
        23 if s.len() == 12 => {
            let yy: i32 = s[..2].parse().map_err(|_| bad("a time"))?;
            format!("{}{}", if yy >= 50 { 19 } else { 20 }, s)
        }
        24 if s.len() == 14 => s.to_string(),
        _ => return Err(bad("a time")),
    };
    NaiveDateTime::parse_from_str(&full, "%Y%m%d%H%M%S").map(|t| t.and_utc()).map_err(|_| bad("a time"))
}

fn role(ekus: &[String]) -> Role {
    let has = |oid: &str| ekus.iter().any(|e| e == oid);
    if has("1.2.398.3.3.4.1.1") {
        return Role::Individual;
    }
    if has("1.2.398.5.19.1.2.2.1") {
        return Role::InformationSystem;
    }
    let specific = ekus.iter().find(|e| e.starts_with("1.2.398.3.3.4.1.2."));
    match specific.map(String::as_str) {
        Some("1.2.398.3.3.4.1.2.1") => Role::Head,
        Some("1.2.398.3.3.4.1.2.2") => Role::SigningRight,
        Some("1.2.398.3.3.4.1.2.5") => Role::Employee,
        Some("1.2.398.3.3.4.1.2.6") => Role::TreasuryClient,
        Some(other) => Role::OtherEmployee(other.to_string()),
        None if has("1.2.398.3.3.4.1.2") => Role::OtherEmployee("1.2.398.3.3.4.1.2".into()),
        None => Role::Unknown,
    }
}

fn key_algorithm(oid: &str) -> KeyAlgorithm {
    match oid {
        "1.2.840.113549.1.1.1" => KeyAlgorithm::Rsa,
        o if o.starts_with("1.2.398.3.10.1.1.2.") => KeyAlgorithm::Gost2015,
        o if o.starts_with("1.2.398.3.10.1.1.1.") => KeyAlgorithm::Gost2004,
        other => KeyAlgorithm::Other(other.to_string()),
    }
}

/// Reads the profile of a DER (or BER) certificate.
pub fn profile(der: &[u8]) -> Result<CertProfile, EdsError> {
    let cert = ber::parse(der).map_err(|e| bad(&e.to_string()))?;
    let tbs = cert.child(0).filter(|n| n.universal(SEQUENCE)).ok_or_else(|| bad("tbsCertificate"))?;
    // The version is an explicit [0]; without it the fields start one earlier.
    let at = usize::from(tbs.child(0).is_some_and(|n| n.is(2, 0)));
    let field = |i: usize| tbs.child(at + i).ok_or_else(|| bad("a certificate field"));
    let serial: String = field(0)?.value.iter().map(|b| format!("{b:02x}")).collect();
    let issuer = attributes(field(2)?);
    let validity = field(3)?;
    let not_before = time_of(validity.child(0).ok_or_else(|| bad("notBefore"))?)?;
    let not_after = time_of(validity.child(1).ok_or_else(|| bad("notAfter"))?)?;
    let self_issued = field(2)?.to_der() == field(4)?.to_der();
    let subject = attributes(field(4)?);
    let spki = field(5)?;
    let alg = spki.child(0).and_then(|a| a.child(0)).and_then(Node::oid).ok_or_else(|| bad("a key algorithm"))?;

    let mut key_usage: Vec<u8> = Vec::new();
    let mut is_ca = false;
    let mut ekus: Vec<String> = Vec::new();
    let extensions = tbs.children.iter().find(|n| n.is(2, 3)).and_then(|n| n.child(0));
    for ext in extensions.map(|e| e.children.as_slice()).unwrap_or_default() {
        let Some(id) = ext.child(0).and_then(Node::oid) else { continue };
        let Some(value) = ext.children.iter().rev().find(|n| n.universal(OCTET_STRING)) else { continue };
        let Ok(inner) = ber::parse(&value.octets()) else { continue };
        match id.as_str() {
            // BIT STRING: the first byte counts unused bits.
            KEY_USAGE => key_usage = inner.octets().get(1..).map(<[u8]>::to_vec).unwrap_or_default(),
            EXT_KEY_USAGE => ekus = inner.children.iter().filter_map(Node::oid).collect(),
            // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, ... }
            BASIC_CONSTRAINTS => {
                is_ca = inner.child(0).is_some_and(|b| b.universal(1) && b.value.first().is_some_and(|&v| v != 0))
            }
            _ => {}
        }
    }
    let bit = |n: usize| key_usage.get(n / 8).is_some_and(|b| b & (0x80 >> (n % 8)) != 0);
    // digitalSignature 0, nonRepudiation 1, keyEncipherment 2.
    let purpose = if bit(1) {
        KeyPurpose::Sign
    } else if bit(2) || ekus.iter().any(|e| e == CLIENT_AUTH) {
        KeyPurpose::Auth
    } else {
        KeyPurpose::Sign
    };
    let digits = |v: Option<String>, prefix: &str| {
        v.and_then(|s| s.strip_prefix(prefix).map(str::to_string)).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
    };
    Ok(CertProfile {
        holder: first(&subject, CN).unwrap_or_default(),
        iin: digits(first(&subject, SERIAL_NUMBER), "IIN"),
        organisation: first(&subject, O),
        bin: digits(subject.iter().find(|(o, v)| o == OU && v.starts_with("BIN")).map(|(_, v)| v.clone()), "BIN"),
        role: role(&ekus),
        ekus: ekus.clone(),
        purpose,
        not_before,
        not_after,
        issuer: first(&issuer, CN).unwrap_or_default(),
        serial,
        key_algorithm: key_algorithm(&alg),
        public_key_info: spki.to_der(),
        is_ca,
        self_issued,
    })
}

/// The addresses (URIs) of the CRL distribution points a certificate names: where its issuer
/// publishes the CRL that would revoke it.
pub fn crl_distribution_points(der: &[u8]) -> Vec<String> {
    const CRL_DISTRIBUTION_POINTS: &str = "2.5.29.31";
    let Ok(cert) = ber::parse(der) else { return Vec::new() };
    let Some(tbs) = cert.child(0) else { return Vec::new() };
    let extensions = tbs.children.iter().find(|n| n.is(2, 3)).and_then(|n| n.child(0));
    let mut out = Vec::new();
    for ext in extensions.map(|e| e.children.as_slice()).unwrap_or_default() {
        if ext.child(0).and_then(Node::oid).as_deref() != Some(CRL_DISTRIBUTION_POINTS) {
            continue;
        }
        let Some(value) = ext.children.iter().rev().find(|n| n.universal(OCTET_STRING)) else { continue };
        let Ok(points) = ber::parse(&value.octets()) else { continue };
        // DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames } }; a URI is [6].
        for point in &points.children {
            let full_names = point.child(0).filter(|n| n.is(2, 0)).and_then(|n| n.child(0)).filter(|n| n.is(2, 0));
            for name in full_names.map(|n| n.children.as_slice()).unwrap_or_default() {
                if name.is(2, 6) && !name.constructed {
                    out.push(String::from_utf8_lossy(&name.value).into_owned());
                }
            }
        }
    }
    out
}

/// The addresses (URIs) of the OCSP responders a certificate names (authority information
/// access): where its issuer answers whether it is revoked.
pub fn ocsp_addresses(der: &[u8]) -> Vec<String> {
    const AUTHORITY_INFO_ACCESS: &str = "1.3.6.1.5.5.7.1.1";
    const OCSP: &str = "1.3.6.1.5.5.7.48.1";
    let Ok(cert) = ber::parse(der) else { return Vec::new() };
    let Some(tbs) = cert.child(0) else { return Vec::new() };
    let extensions = tbs.children.iter().find(|n| n.is(2, 3)).and_then(|n| n.child(0));
    let mut out = Vec::new();
    for ext in extensions.map(|e| e.children.as_slice()).unwrap_or_default() {
        if ext.child(0).and_then(Node::oid).as_deref() != Some(AUTHORITY_INFO_ACCESS) {
            continue;
        }
        let Some(value) = ext.children.iter().rev().find(|n| n.universal(OCTET_STRING)) else { continue };
        let Ok(access) = ber::parse(&value.octets()) else { continue };
        // AccessDescription { accessMethod OID, accessLocation GeneralName }; a URI is [6].
        for desc in &access.children {
            let location = desc.child(1).filter(|n| n.is(2, 6) && !n.constructed);
            if let (Some(OCSP), Some(uri)) = (desc.child(0).and_then(Node::oid).as_deref(), location) {
                out.push(String::from_utf8_lossy(&uri.value).into_owned());
            }
        }
    }
    out
}

/// Whether the certificate is within its validity on `day` (whole days, UTC).
pub fn valid_on(p: &CertProfile, day: NaiveDate) -> bool {
    p.not_before.date_naive() <= day && day <= p.not_after.date_naive()
}

/// The issuer's name (CN) of a CRL, or `None` when the bytes are not a CRL.
pub fn crl_issuer(der: &[u8]) -> Option<String> {
    let node = ber::parse(der).ok()?;
    let tbs = node.child(0).filter(|n| n.universal(SEQUENCE))?;
    let at = usize::from(tbs.child(0).is_some_and(|n| n.universal(ber::INTEGER)));
    // TBSCertList: [version] signature issuer thisUpdate ...; a certificate has a SEQUENCE where
    // thisUpdate's time is.
    let this_update = tbs.child(at + 2)?;
    if !(this_update.universal(23) || this_update.universal(24)) {
        return None;
    }
    let issuer = attributes(tbs.child(at + 1)?);
    Some(first(&issuer, CN).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_crl_distribution_points_of_ncas_certificates_are_read() {
        let ca = include_bytes!("../tests/fixtures/nca-test/ca/nca_gost2022_test.cer");
        // What `openssl x509 -ext crlDistributionPoints` prints for the same certificate.
        assert_eq!(super::crl_distribution_points(ca), ["http://crl.root.gov.kz/gost_test_2022.crl"]);
        let root = include_bytes!("../tests/fixtures/nca-test/ca/root_test_gost_2022.cer");
        assert!(super::crl_distribution_points(root).is_empty(), "a root names none");
    }
}
