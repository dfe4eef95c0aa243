//! Timestamps (RFC 3161) for CAdES-T: the request for a token over a signature's value, the
//! token read from a TSA's reply, and a token inside a signature checked — its own signature,
//! the TSA's chain to a trusted certificate and its time-stamping purpose, and its imprint of
//! the signature value it claims to stamp.

use chrono::{DateTime, NaiveDateTime, Utc};
use sha2::{Digest, Sha256};

use crate::ber::{self, Node, SEQUENCE};
use crate::cms::{self, AsOf, Outcome, Trust};
use crate::der;

const SHA256: &str = "2.16.840.1.101.3.4.2.1";
const TST_INFO: &str = "1.2.840.113549.1.9.16.1.4";
const TIME_STAMPING: &str = "1.3.6.1.5.5.7.3.8";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TspError {
    #[error("the answer is not a time-stamp reply")]
    NotAReply,
    #[error("the time-stamp authority refused the request (status {0})")]
    Refused(u64),
    #[error("the token is not an RFC 3161 time-stamp token")]
    NotAToken,
    #[error("the token stamps another signature value")]
    WrongImprint,
    #[error("the token does not repeat the request's nonce")]
    NonceMismatch,
    #[error("the token's signature does not check")]
    BadSignature,
    #[error("the time-stamp authority is not trusted ({0})")]
    Untrusted(String),
    #[error("the token's signer is not a time-stamp authority (no timeStamping purpose)")]
    NotATsa,
}

/// A checked timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    pub time: DateTime<Utc>,
    /// The TSA certificate's holder (CN).
    pub tsa: String,
}

struct TstInfo {
    imprint_algorithm: String,
    imprint: Vec<u8>,
    time: DateTime<Utc>,
    nonce: Option<Vec<u8>>,
}

fn tst_info(token: &[u8]) -> Result<TstInfo, TspError> {
    let info = ber::parse(token).map_err(|_| TspError::NotAToken)?;
    let sd = info.child(1).and_then(|n| n.child(0)).ok_or(TspError::NotAToken)?;
    let encap = sd.child(2).ok_or(TspError::NotAToken)?;
    if encap.child(0).and_then(Node::oid).as_deref() != Some(TST_INFO) {
        return Err(TspError::NotAToken);
    }
    let content = cms::attached_content(token).ok_or(TspError::NotAToken)?;
    let tst = ber::parse(&content).map_err(|_| TspError::NotAToken)?;
    let imprint = tst.child(2).filter(|n| n.universal(SEQUENCE)).ok_or(TspError::NotAToken)?;
    let time = tst.child(4).filter(|n| n.universal(24)).ok_or(TspError::NotAToken)?;
    // GeneralizedTime, perhaps with fractions of a second: the whole seconds decide.
    let text = String::from_utf8_lossy(&time.value).into_owned();
    let whole = text.trim_end_matches('Z').split('.').next().unwrap_or_default().to_string();
    let time = NaiveDateTime::parse_from_str(&whole, "%Y%m%d%H%M%S").map_err(|_| TspError::NotAToken)?.and_utc();
    Ok(TstInfo {
        imprint_algorithm: imprint.child(0).and_then(|a| a.child(0)).and_then(Node::oid).ok_or(TspError::NotAToken)?,
        imprint: imprint.child(1).ok_or(TspError::NotAToken)?.octets(),
        time,
        nonce: tst.children.iter().skip(5).find(|n| n.universal(ber::INTEGER)).map(|n| n.to_der()),
    })
}

/// A TimeStampReq for a token over `signature_value` (SHA-256 imprint), asking for the TSA's
/// certificate in the token.
pub fn request(signature_value: &[u8], nonce: u64) -> Vec<u8> {
    der::seq(&[
        der::int(1),
        der::seq(&[der::algorithm(SHA256, true), der::octets(&Sha256::digest(signature_value))]),
        der::int(nonce),
        vec![0x01, 0x01, 0xff],
    ])
}

/// The token of a TSA's reply to [`request`], once it is seen to stamp `signature_value` with
/// the `nonce` sent.
pub fn token_from_reply(reply: &[u8], signature_value: &[u8], nonce: u64) -> Result<Vec<u8>, TspError> {
    let node = ber::parse(reply).map_err(|_| TspError::NotAReply)?;
    let status = node.child(0).and_then(|s| s.child(0)).and_then(Node::uint).ok_or(TspError::NotAReply)?;
    if status > 1 {
        return Err(TspError::Refused(status));
    }
    let token = node.child(1).ok_or(TspError::NotAReply)?.to_der();
    let info = tst_info(&token)?;
    if info.imprint_algorithm != SHA256 || info.imprint != Sha256::digest(signature_value).as_slice() {
        return Err(TspError::WrongImprint);
    }
    if info.nonce.as_deref() != Some(der::int(nonce).as_slice()) {
        return Err(TspError::NonceMismatch);
    }
    Ok(token)
}

/// Checks a token found in a signature against the signature value it should stamp.
pub fn verify(token: &[u8], signature_value: &[u8], trust: &Trust) -> Result<Timestamp, TspError> {
    let info = tst_info(token)?;
    let expected = cms::digest(&info.imprint_algorithm, signature_value).ok_or(TspError::WrongImprint)?;
    if info.imprint != expected {
        return Err(TspError::WrongImprint);
    }
    let report = cms::verify_token(token, trust, AsOf::At(info.time)).map_err(|_| TspError::NotAToken)?;
    let [signer] = report.signers.as_slice() else { return Err(TspError::NotAToken) };
    match &signer.outcome {
        Outcome::Valid | Outcome::RevocationNotChecked => {}
        Outcome::Tampered | Outcome::BrokenSignature => return Err(TspError::BadSignature),
        other => return Err(TspError::Untrusted(format!("{other:?}"))),
    }
    let profile = signer.profile.as_ref().ok_or(TspError::NotATsa)?;
    if !profile.ekus.iter().any(|e| e == TIME_STAMPING) {
        return Err(TspError::NotATsa);
    }
    Ok(Timestamp { time: info.time, tsa: profile.holder.clone() })
}
