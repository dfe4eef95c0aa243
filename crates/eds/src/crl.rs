//! Certificate revocation lists (RFC 5280 §5): read, checked against their issuer's key, and
//! delta CRLs (which NCA publishes beside the full ones) read with the base they apply to.
//!
//! A CRL counts only when a CA's key checks its signature: [`issuer_among`] finds that CA by
//! name *and* key (NCA reissues its CAs under the same name with new keys), and the trust store
//! keeps nothing that fails.

use chrono::{DateTime, Utc};

use crate::ber::{self, Node, OCTET_STRING, SEQUENCE};
use crate::cert;
use crate::cms;

const CRL_NUMBER: &str = "2.5.29.20";
const DELTA_CRL_INDICATOR: &str = "2.5.29.27";
const REASON_CODE: &str = "2.5.29.21";
/// CRLReason removeFromCRL: in a delta CRL, a certificate on hold is no longer.
const REMOVE_FROM_CRL: u8 = 8;

/// Why a file is not a CRL Seller Desk can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CrlError {
    #[error("the file is not a certificate revocation list")]
    NotACrl,
    #[error("no certification authority in the trust store is named as the CRL's issuer ({0})")]
    UnknownIssuer(String),
    #[error("the CRL's signature does not check with the key of {0}: it was altered or forged")]
    BadSignature(String),
    #[error("the CRL is signed with an algorithm Seller Desk does not check ({0})")]
    NotSupported(String),
}

/// One revoked certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The serialNumber, DER (tag and length included), as certificates carry it.
    pub serial: Vec<u8>,
    pub revoked_on: DateTime<Utc>,
    /// A delta CRL's "remove from CRL": the certificate was on hold and is no longer.
    pub removed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crl {
    pub der: Vec<u8>,
    /// The issuer's Name, DER.
    pub issuer_name: Vec<u8>,
    /// The issuer's CN.
    pub issuer: String,
    pub this_update: DateTime<Utc>,
    pub next_update: Option<DateTime<Utc>>,
    /// The CRL number, big-endian without leading zeros.
    pub number: Option<Vec<u8>>,
    /// A delta CRL: the number of the full CRL it builds on.
    pub delta_base: Option<Vec<u8>>,
    pub entries: Vec<Entry>,
    tbs: Vec<u8>,
    signature_algorithm: String,
    signature: Vec<u8>,
}

fn number_of(node: &Node) -> Option<Vec<u8>> {
    if !node.universal(ber::INTEGER) || node.value.first().is_some_and(|b| b & 0x80 != 0) {
        return None;
    }
    let first = node.value.iter().position(|b| *b != 0).unwrap_or(node.value.len());
    Some(node.value[first..].to_vec())
}

/// Compares two CRL numbers.
pub fn cmp_numbers(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Reads the extensions `[n]` of a TBS structure as (OID, inner value).
fn extensions(container: &Node) -> Vec<(String, Node)> {
    container
        .children
        .iter()
        .filter_map(|ext| {
            let id = ext.child(0)?.oid()?;
            let value = ext.children.iter().rev().find(|n| n.universal(OCTET_STRING))?;
            Some((id, ber::parse(&value.octets()).ok()?))
        })
        .collect()
}

/// Reads a DER CRL.
pub fn parse(der: &[u8]) -> Result<Crl, CrlError> {
    let node = ber::parse(der).map_err(|_| CrlError::NotACrl)?;
    let tbs = node.child(0).filter(|n| n.universal(SEQUENCE)).ok_or(CrlError::NotACrl)?;
    let at = usize::from(tbs.child(0).is_some_and(|n| n.universal(ber::INTEGER)));
    let issuer = tbs.child(at + 1).filter(|n| n.universal(SEQUENCE)).ok_or(CrlError::NotACrl)?;
    let time = |n: Option<&Node>| n.filter(|n| n.universal(23) || n.universal(24)).map(cert::time_of);
    let this_update = time(tbs.child(at + 2)).ok_or(CrlError::NotACrl)?.map_err(|_| CrlError::NotACrl)?;
    let mut next = at + 3;
    let next_update = match time(tbs.child(next)) {
        Some(t) => {
            next += 1;
            Some(t.map_err(|_| CrlError::NotACrl)?)
        }
        None => None,
    };
    let mut entries = Vec::new();
    if let Some(list) = tbs.child(next).filter(|n| n.universal(SEQUENCE)) {
        for entry in &list.children {
            let serial = entry.child(0).filter(|n| n.universal(ber::INTEGER)).ok_or(CrlError::NotACrl)?;
            let revoked_on = time(entry.child(1)).ok_or(CrlError::NotACrl)?.map_err(|_| CrlError::NotACrl)?;
            let reason = entry
                .child(2)
                .map(extensions)
                .unwrap_or_default()
                .into_iter()
                .find(|(id, _)| id == REASON_CODE)
                .and_then(|(_, v)| v.value.first().copied());
            entries.push(Entry { serial: serial.to_der(), revoked_on, removed: reason == Some(REMOVE_FROM_CRL) });
        }
    }
    let (mut number, mut delta_base) = (None, None);
    if let Some(exts) = tbs.children.iter().find(|n| n.is(2, 0)).and_then(|n| n.child(0)) {
        for (id, value) in extensions(exts) {
            match id.as_str() {
                CRL_NUMBER => number = number_of(&value),
                DELTA_CRL_INDICATOR => delta_base = Some(number_of(&value).ok_or(CrlError::NotACrl)?),
                _ => {}
            }
        }
    }
    let algorithm = node.child(1).and_then(|a| a.child(0)).and_then(Node::oid).ok_or(CrlError::NotACrl)?;
    let signature = node.child(2).filter(|n| n.universal(3)).ok_or(CrlError::NotACrl)?.octets();
    Ok(Crl {
        der: der.to_vec(),
        issuer_name: issuer.to_der(),
        issuer: cert::common_name(issuer),
        this_update,
        next_update,
        number,
        delta_base,
        entries,
        tbs: tbs.to_der(),
        signature_algorithm: algorithm,
        // BIT STRING: the first byte counts unused bits.
        signature: signature.get(1..).map(<[u8]>::to_vec).unwrap_or_default(),
    })
}

impl Crl {
    /// Whether the key (a subjectPublicKeyInfo, DER) made the CRL's signature.
    pub fn signed_by(&self, spki: &[u8]) -> Result<bool, String> {
        cms::signature_over(&self.tbs, &self.signature_algorithm, &self.signature, spki)
    }

    /// Current at `now`: issued, and not past its next update (a CRL without one never is).
    pub fn current(&self, now: DateTime<Utc>) -> bool {
        self.this_update <= now + chrono::Duration::minutes(15) && self.next_update.is_some_and(|n| now <= n)
    }

    /// The entry for a certificate's serial (DER), if listed.
    pub fn entry(&self, serial: &[u8]) -> Option<&Entry> {
        self.entries.iter().find(|e| e.serial == serial)
    }
}

/// The CA certificate (DER) among `cas` that issued the CRL: named as its issuer and whose key
/// checks the CRL's signature.
pub fn issuer_among<'a>(crl: &Crl, cas: impl IntoIterator<Item = &'a Vec<u8>>) -> Result<&'a Vec<u8>, CrlError> {
    let mut named = false;
    let mut unsupported = None;
    for ca in cas {
        let Ok(parts) = cms::CertParts::of(ca) else { continue };
        if parts.subject != crl.issuer_name {
            continue;
        }
        named = true;
        let Ok(profile) = cert::profile(ca) else { continue };
        match crl.signed_by(&profile.public_key_info) {
            Ok(true) => return Ok(ca),
            Ok(false) => {}
            Err(alg) => unsupported = Some(alg),
        }
    }
    match (named, unsupported) {
        (false, _) => Err(CrlError::UnknownIssuer(crl.issuer.clone())),
        (true, Some(alg)) => Err(CrlError::NotSupported(alg)),
        (true, None) => Err(CrlError::BadSignature(crl.issuer.clone())),
    }
}
