//! OCSP (RFC 6960): the request Seller Desk sends a certificate's responder, and the answer it
//! keeps — only after its signature (by the issuing CA, or by a responder the CA authorised for
//! OCSP signing), its subject (the certificate asked about) and its freshness are checked.

use chrono::{DateTime, Duration, Utc};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::ber::{self, Node, OCTET_STRING, SEQUENCE};
use crate::cert;
use crate::cms::{self, CertParts};
use crate::der;

const SHA1: &str = "1.3.14.3.2.26";
const SHA256: &str = "2.16.840.1.101.3.4.2.1";
const BASIC: &str = "1.3.6.1.5.5.7.48.1.1";
const NONCE: &str = "1.3.6.1.5.5.7.48.1.2";
const OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";
/// Clocks of responders and shops differ; an answer "from the future" by less is fine.
const SKEW: i64 = 15;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcspError {
    #[error("the answer is not an OCSP response")]
    NotAResponse,
    #[error("the responder refused the request (status {0})")]
    Refused(u8),
    #[error("the answer is about another certificate")]
    NotAbout,
    #[error("the answer's signature does not check with the CA's key or an authorised responder's")]
    BadSignature,
    #[error("the answer is signed by a responder the CA did not authorise")]
    UntrustedResponder,
    #[error("the answer is stale (issued {this_update}, next update {next_update:?})")]
    Stale { this_update: DateTime<Utc>, next_update: Option<DateTime<Utc>> },
    #[error("the answer does not repeat the request's nonce: it may be replayed")]
    NonceMismatch,
    #[error("{0}")]
    Certificate(String),
}

/// What the responder says of the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Good,
    Revoked(DateTime<Utc>),
    /// The responder does not know the certificate.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub der: Vec<u8>,
    pub status: Status,
    pub produced_at: DateTime<Utc>,
    pub this_update: DateTime<Utc>,
    pub next_update: Option<DateTime<Utc>>,
    pub nonce: Option<Vec<u8>>,
    hash_algorithm: String,
    name_hash: Vec<u8>,
    key_hash: Vec<u8>,
    serial: Vec<u8>,
    tbs: Vec<u8>,
    signature_algorithm: String,
    signature: Vec<u8>,
    certs: Vec<Vec<u8>>,
}

/// The subjectPublicKey bits of a certificate (what the key hash covers).
fn key_bits(issuer: &[u8]) -> Option<Vec<u8>> {
    let node = ber::parse(issuer).ok()?;
    let tbs = node.child(0)?;
    let at = usize::from(tbs.child(0).is_some_and(|n| n.is(2, 0)));
    let bits = tbs.child(at + 5)?.child(1)?.octets();
    bits.get(1..).map(<[u8]>::to_vec)
}

fn digest(alg: &str, data: &[u8]) -> Option<Vec<u8>> {
    match alg {
        SHA1 => Some(Sha1::digest(data).to_vec()),
        SHA256 => Some(Sha256::digest(data).to_vec()),
        _ => None,
    }
}

fn parts(der: &[u8]) -> Result<CertParts, OcspError> {
    CertParts::of(der).map_err(|e| OcspError::Certificate(e.to_string()))
}

/// An OCSP request for `cert` issued by `issuer` (CertID with SHA-1, as NCA's responder and
/// OpenSSL's expect), with a nonce.
pub fn request(cert: &[u8], issuer: &[u8], nonce: &[u8]) -> Result<Vec<u8>, OcspError> {
    let (c, i) = (parts(cert)?, parts(issuer)?);
    let key = key_bits(issuer).ok_or_else(|| OcspError::Certificate("the CA's key".into()))?;
    let cert_id = der::seq(&[
        der::algorithm(SHA1, true),
        der::octets(&Sha1::digest(&i.subject)),
        der::octets(&Sha1::digest(&key)),
        c.serial,
    ]);
    let nonce_ext = der::seq(&[der::oid(NONCE), der::octets(&der::octets(nonce))]);
    let tbs = der::seq(&[der::seq(&[der::seq(&[cert_id])]), der::context(2, &der::seq(&[nonce_ext]))]);
    Ok(der::seq(&[tbs]))
}

fn generalized(node: Option<&Node>) -> Result<DateTime<Utc>, OcspError> {
    node.and_then(|n| cert::time_of(n).ok()).ok_or(OcspError::NotAResponse)
}

/// Reads an OCSPResponse; a responder's refusal is [`OcspError::Refused`].
pub fn parse(bytes: &[u8]) -> Result<Response, OcspError> {
    let bad = || OcspError::NotAResponse;
    let node = ber::parse(bytes).map_err(|_| bad())?;
    let status = node.child(0).filter(|n| n.universal(10)).and_then(|n| n.value.first().copied()).ok_or_else(bad)?;
    if status != 0 {
        return Err(OcspError::Refused(status));
    }
    let response_bytes = node.child(1).filter(|n| n.is(2, 0)).and_then(|n| n.child(0)).ok_or_else(bad)?;
    if response_bytes.child(0).and_then(Node::oid).as_deref() != Some(BASIC) {
        return Err(bad());
    }
    let basic = ber::parse(&response_bytes.child(1).ok_or_else(bad)?.octets()).map_err(|_| bad())?;
    let data = basic.child(0).filter(|n| n.universal(SEQUENCE)).ok_or_else(bad)?;
    let at = usize::from(data.child(0).is_some_and(|n| n.is(2, 0)));
    let produced_at = generalized(data.child(at + 1))?;
    let single = data.child(at + 2).and_then(|l| l.child(0)).ok_or_else(bad)?;
    let id = single.child(0).ok_or_else(bad)?;
    let status_node = single.child(1).ok_or_else(bad)?;
    let status = match (status_node.class, status_node.number) {
        (2, 0) => Status::Good,
        (2, 1) => Status::Revoked(generalized(status_node.child(0))?),
        (2, 2) => Status::Unknown,
        _ => return Err(bad()),
    };
    let this_update = generalized(single.child(2))?;
    let next_update = match single.child(3).filter(|n| n.is(2, 0)) {
        Some(n) => Some(generalized(n.child(0))?),
        None => None,
    };
    // responseExtensions [1] come after the responses (a responder named by name is [1] too).
    let nonce = data
        .children
        .iter()
        .skip(at + 3)
        .find(|n| n.is(2, 1))
        .and_then(|n| n.child(0))
        .map(|exts| exts.children.as_slice())
        .unwrap_or_default()
        .iter()
        .find(|e| e.child(0).and_then(Node::oid).as_deref() == Some(NONCE))
        .and_then(|e| e.children.iter().rev().find(|n| n.universal(OCTET_STRING)))
        .map(|v| {
            let inner = v.octets();
            // The nonce is an OCTET STRING inside the extension's value (some responders omit it).
            ber::parse(&inner).ok().filter(|n| n.universal(OCTET_STRING)).map(|n| n.octets()).unwrap_or(inner)
        });
    let signature = basic.child(2).filter(|n| n.universal(3)).ok_or_else(bad)?.octets();
    Ok(Response {
        der: bytes.to_vec(),
        status,
        produced_at,
        this_update,
        next_update,
        nonce,
        hash_algorithm: id.child(0).and_then(|a| a.child(0)).and_then(Node::oid).ok_or_else(bad)?,
        name_hash: id.child(1).ok_or_else(bad)?.octets(),
        key_hash: id.child(2).ok_or_else(bad)?.octets(),
        serial: id.child(3).ok_or_else(bad)?.to_der(),
        tbs: data.to_der(),
        signature_algorithm: basic.child(1).and_then(|a| a.child(0)).and_then(Node::oid).ok_or_else(bad)?,
        signature: signature.get(1..).map(<[u8]>::to_vec).unwrap_or_default(),
        certs: basic
            .children
            .iter()
            .find(|n| n.is(2, 0))
            .and_then(|n| n.child(0))
            .map(|l| l.children.iter().map(Node::to_der).collect())
            .unwrap_or_default(),
    })
}

impl Response {
    /// Whether the answer is about `cert` issued by `issuer`.
    pub fn about(&self, cert: &[u8], issuer: &[u8]) -> bool {
        let (Ok(c), Ok(i), Some(key)) = (CertParts::of(cert), CertParts::of(issuer), key_bits(issuer)) else {
            return false;
        };
        c.serial == self.serial
            && digest(&self.hash_algorithm, &i.subject).as_deref() == Some(self.name_hash.as_slice())
            && digest(&self.hash_algorithm, &key).as_deref() == Some(self.key_hash.as_slice())
    }

    /// Checks the signature: the CA's own key, or a responder certificate inside the answer
    /// that the CA issued for OCSP signing. Returns the responder's name.
    pub fn verify_signature(&self, issuer: &[u8]) -> Result<String, OcspError> {
        let ca = cert::profile(issuer).map_err(|e| OcspError::Certificate(e.to_string()))?;
        let ca_parts = parts(issuer)?;
        let checks =
            |spki: &[u8]| cms::signature_over(&self.tbs, &self.signature_algorithm, &self.signature, spki) == Ok(true);
        if checks(&ca.public_key_info) {
            return Ok(ca.holder);
        }
        let mut signed_by_other = false;
        for der in &self.certs {
            let (Ok(p), Ok(responder)) = (parts(der), cert::profile(der)) else { continue };
            if !checks(&responder.public_key_info) {
                continue;
            }
            signed_by_other = true;
            let authorised = p.issuer == ca_parts.subject
                && cms::signed_by(&p, &ca.public_key_info) == Ok(true)
                && responder.ekus.iter().any(|e| e == OCSP_SIGNING)
                && self.produced_at >= responder.not_before
                && self.produced_at <= responder.not_after;
            if authorised {
                return Ok(responder.holder);
            }
        }
        Err(if signed_by_other { OcspError::UntrustedResponder } else { OcspError::BadSignature })
    }

    /// Usable as evidence at `now`: issued (allowing for clock skew) and not past its next
    /// update; an answer without a next update is fresh only when just made.
    pub fn fresh(&self, now: DateTime<Utc>) -> bool {
        let skew = Duration::minutes(SKEW);
        self.this_update <= now + skew
            && match self.next_update {
                Some(next) => now <= next,
                None => self.this_update >= now - skew,
            }
    }
}

/// Checks an answer just received for `cert`: the responder's status, its subject, its
/// signature, the nonce sent, its freshness. What passes may be kept with the document.
pub fn check(
    bytes: &[u8],
    cert: &[u8],
    issuer: &[u8],
    nonce: &[u8],
    now: DateTime<Utc>,
) -> Result<(Response, String), OcspError> {
    let response = parse(bytes)?;
    if !response.about(cert, issuer) {
        return Err(OcspError::NotAbout);
    }
    let responder = response.verify_signature(issuer)?;
    if response.nonce.as_deref().is_some_and(|n| n != nonce) {
        return Err(OcspError::NonceMismatch);
    }
    if !response.fresh(now) {
        return Err(OcspError::Stale { this_update: response.this_update, next_update: response.next_update });
    }
    Ok((response, responder))
}
