//! Digital signature (ЭЦҚ/ЭЦП) with NCA RK keys — the only crate of Seller Desk that touches key
//! material.
//!
//! This part reads key containers as NCA RK issues them (PKCS#12 in BER, with the legacy
//! password-based encryption Kalkan writes), tells a wrong password apart from a file that is not
//! a container, and reads the certificate's NCA profile. RSA keys are loaded and checked against
//! their certificate; so are GOST 34.10-2015 keys on NCA's 512-bit curve (`gost`), the keys NCA
//! issues today. Older GOST 34.310-2004 keys are recognised and reported as not supported.
//!
//! ```no_run
//! let bytes = std::fs::read("legal-valid-head.p12")?;
//! let container = eds::open(&bytes, zeroize::Zeroizing::new("Qwerty12".to_string()))?;
//! println!("{} {:?}", container.profile.holder, container.profile.bin);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod ber;
pub mod cert;
pub mod cms;
pub mod crl;
mod der;
pub mod gost;
pub mod ocsp;
mod pkcs12;
pub mod revocation;
pub mod tsp;

use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use zeroize::Zeroizing;

pub use cert::{valid_on, CertProfile, KeyAlgorithm, KeyPurpose, Role};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EdsError {
    #[error("the file is not a key container: {0}")]
    NotAContainer(String),
    #[error("wrong password")]
    WrongPassword,
    #[error("the key container is damaged: the password opens it, but its check value does not match its contents")]
    Damaged,
    #[error("the container is encrypted with {0}, which Seller Desk does not read")]
    UnsupportedEncryption(String),
    #[error("the container holds no certificate")]
    NoCertificate,
    #[error("the container holds no private key")]
    NoKey,
    #[error("the private key does not belong to the certificate")]
    KeyMismatch,
    #[error("the certificate cannot be read: {0}")]
    BadCertificate(String),
    #[error("the private key cannot be read: {0}")]
    BadKey(String),
    #[error("this key's algorithm ({0}) cannot sign yet")]
    KeyNotSupportedYet(String),
    #[error("this is an authentication (AUTH) key: documents are signed with the SIGN key")]
    AuthKey,
    #[error("the file is not a CMS signature: {0}")]
    NotASignature(String),
    #[error("the signature is detached: give the signed file with it")]
    DetachedWithoutContent,
}

/// The private key of an opened container.
pub enum PrivateKey {
    Rsa(Box<rsa::RsaPrivateKey>),
    /// GOST 34.10-2015 on NCA's 512-bit curve: the keys NCA RK issues today.
    Gost2015(Box<gost::SecretKey>),
    /// A key this version cannot sign with (GOST 34.310-2004, other curves), by OID.
    NotSupportedYet(String),
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrivateKey::Rsa(_) => f.write_str("PrivateKey::Rsa(..)"),
            PrivateKey::Gost2015(_) => f.write_str("PrivateKey::Gost2015(..)"),
            PrivateKey::NotSupportedYet(oid) => write!(f, "PrivateKey::NotSupportedYet({oid})"),
        }
    }
}

/// An opened key container: the end-entity certificate, its profile, and the key.
#[derive(Debug)]
pub struct KeyContainer {
    pub certificate: Vec<u8>,
    pub profile: CertProfile,
    pub key: PrivateKey,
}

const RSA_KEY: &str = "1.2.840.113549.1.1.1";

fn key_algorithm_oid(pkcs8: &[u8]) -> Option<String> {
    let node = ber::parse(pkcs8).ok()?;
    node.child(1)?.child(0)?.oid()
}

/// A GOST 34.10-2015 key from NCA's PKCS#8: on NCA's 512-bit curve, the private key an OCTET
/// STRING inside the privateKey OCTET STRING; `NotSupportedYet` for other parameters.
fn gost_key(pkcs8: &[u8]) -> Result<PrivateKey, EdsError> {
    let bad = || EdsError::BadKey("a GOST 34.10-2015 key".into());
    let node = ber::parse(pkcs8).map_err(|_| bad())?;
    let params = node.child(1).and_then(gost::key_parameters).unwrap_or_default();
    if params != gost::NCA_PARAMSET_512 {
        return Ok(PrivateKey::NotSupportedYet(format!("{} ({params})", gost::GOST_2015_512_KEY)));
    }
    let outer = Zeroizing::new(node.child(2).ok_or_else(bad)?.octets());
    let inner = ber::parse(&outer).map_err(|_| bad())?;
    let bytes = Zeroizing::new(if inner.universal(ber::OCTET_STRING) { inner.octets() } else { outer.to_vec() });
    let key = gost::SecretKey::from_nca_bytes(&bytes).ok_or_else(bad)?;
    Ok(PrivateKey::Gost2015(Box::new(key)))
}

/// Opens an NCA key container with its password. The password is zeroized when this returns.
pub fn open(bytes: &[u8], password: Zeroizing<String>) -> Result<KeyContainer, EdsError> {
    let contents = pkcs12::open(bytes, &password)?;
    drop(password);
    // NCA containers hold the end-entity certificate only; with a chain, it is the one whose key
    // is in the container (checked below for RSA), else the first that is not a CA.
    let mut profiles = Vec::new();
    for der in &contents.certificates {
        profiles.push((der.clone(), cert::profile(der)?));
    }
    let pkcs8 = contents.keys.first().ok_or(EdsError::NoKey)?;
    let algorithm = key_algorithm_oid(pkcs8).ok_or_else(|| EdsError::BadKey("no algorithm".into()))?;
    if algorithm == RSA_KEY {
        let key = rsa::RsaPrivateKey::from_pkcs8_der(pkcs8).map_err(|e| EdsError::BadKey(e.to_string()))?;
        let public = rsa::RsaPublicKey::from(&key);
        let (certificate, profile) = profiles
            .into_iter()
            .find(|(_, p)| rsa::RsaPublicKey::from_public_key_der(&p.public_key_info).ok().as_ref() == Some(&public))
            .ok_or(EdsError::KeyMismatch)?;
        return Ok(KeyContainer { certificate, profile, key: PrivateKey::Rsa(Box::new(key)) });
    }
    if algorithm == gost::GOST_2015_512_KEY {
        let key = gost_key(pkcs8)?;
        if let PrivateKey::Gost2015(secret) = &key {
            let public = secret.public_key_bytes();
            let (certificate, profile) = profiles
                .into_iter()
                .find(|(_, p)| gost::spki_key_bytes(&p.public_key_info).as_ref() == Some(&public))
                .ok_or(EdsError::KeyMismatch)?;
            return Ok(KeyContainer { certificate, profile, key });
        }
        let (certificate, profile) = profiles.into_iter().next().ok_or(EdsError::NoCertificate)?;
        return Ok(KeyContainer { certificate, profile, key });
    }
    let (certificate, profile) = profiles.into_iter().next().ok_or(EdsError::NoCertificate)?;
    Ok(KeyContainer { certificate, profile, key: PrivateKey::NotSupportedYet(algorithm) })
}

/// The DER values of a certificate or CRL file, in DER or in PEM (one or several blocks).
/// NCA RK's *test* certification authorities and CRL (the files of tests/fixtures/nca-test, see
/// its README for their source), trusted only while the user has turned test-keys mode on.
pub fn nca_test_trust() -> cms::Trust {
    cms::Trust {
        anchors: [
            &include_bytes!("../tests/fixtures/nca-test/ca/root_test_gost_2022.cer")[..],
            // NCA's RSA test root is not published with these files: its CA is the anchor.
            &include_bytes!("../tests/fixtures/nca-test/ca/nca_rsa_test.crt")[..],
        ]
        .iter()
        .flat_map(|b| der_values(b))
        .collect(),
        intermediates: [
            &include_bytes!("../tests/fixtures/nca-test/ca/nca_gost2022_test.cer")[..],
            &include_bytes!("../tests/fixtures/nca-test/ca/nca_gost2015_test.cer")[..],
        ]
        .iter()
        .flat_map(|b| der_values(b))
        .collect(),
        crls: [
            &include_bytes!("../tests/fixtures/nca-test/crl/nca_gost2022_test.crl")[..],
            &include_bytes!("../tests/fixtures/nca-test/crl/nca_rsa_test.crl")[..],
        ]
        .iter()
        .flat_map(|b| der_values(b))
        .collect(),
        ..Default::default()
    }
}

/// The certificates NCA RK publishes at pki.gov.kz that Seller Desk needs in its trust store.
pub const NCA_CERTIFICATES: [&str; 4] =
    ["root_gost_2022.cer", "nca_gost_2022.cer", "root_rsa_2020.cer", "nca_rsa_2022.cer"];

pub fn der_values(bytes: &[u8]) -> Vec<Vec<u8>> {
    let Ok(text) = std::str::from_utf8(bytes) else { return vec![bytes.to_vec()] };
    if !text.contains("-----BEGIN ") {
        return vec![bytes.to_vec()];
    }
    let mut out = Vec::new();
    let mut body: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("-----BEGIN ") {
            body = Some(String::new());
        } else if line.starts_with("-----END ") {
            if let Some(b) = body.take().and_then(|b| base64(&b)) {
                out.push(b);
            }
        } else if let Some(b) = body.as_mut() {
            if !line.contains(':') {
                b.push_str(line);
            }
        }
    }
    out
}

fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pem_blocks_decode_and_der_passes_through() {
        let pem = b"-----BEGIN X509 CRL-----\nAAEC/w==\n-----END X509 CRL-----\n-----BEGIN X\nAwQ=\n-----END X\n";
        assert_eq!(super::der_values(pem), vec![vec![0, 1, 2, 255], vec![3, 4]]);
        assert_eq!(super::der_values(&[0x30, 0x00]), vec![vec![0x30, 0x00]]);
    }
}
