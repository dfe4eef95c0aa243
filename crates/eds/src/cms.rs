//! CMS SignedData as NCALayer makes it (CAdES-BES): signed attributes contentType, signingTime,
//! messageDigest and signingCertificateV2; detached or attached. Signing with RSA keys
//! (sha256WithRSAEncryption) and GOST 34.10-2015 keys (with GOST 34.11-2015, Streebog-512);
//! verifying any number of signers of either kind: the message digest, the signature, the chain
//! to a trusted certificate, validity at signing time, the key's purpose, and revocation from
//! CRLs. Signers of algorithms Seller Desk does not implement (GOST 34.310-2004) are reported as
//! not supported — never as valid, never as tampered.

use chrono::{DateTime, Utc};
use rsa::pkcs8::DecodePublicKey;
use rsa::Pkcs1v15Sign;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::ber::{self, Node, OCTET_STRING, SEQUENCE, SET};
use crate::cert::{self, CertProfile, KeyPurpose};
use crate::der;
use crate::gost::{self, GOST_2015_512_KEY, GOST_2015_512_SIGNATURE, GOST_34_11_2015_512};
use crate::revocation::{Revocation, Sources, Status};
use crate::tsp::{self, Timestamp};
use crate::{EdsError, KeyContainer, PrivateKey};

const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
const DATA: &str = "1.2.840.113549.1.7.1";
const CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
const MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
const SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
const SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";
const SHA256: &str = "2.16.840.1.101.3.4.2.1";
const SHA1: &str = "1.3.14.3.2.26";
const RSA: &str = "1.2.840.113549.1.1.1";
const SHA256_RSA: &str = "1.2.840.113549.1.1.11";
const SHA1_RSA: &str = "1.2.840.113549.1.1.5";
/// id-aa-signatureTimeStampToken: the unsigned attribute of CAdES-T.
const SIGNATURE_TIME_STAMP: &str = "1.2.840.113549.1.9.16.2.14";

/// Where the signed content goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The signature alone (`.cms` beside the file).
    Detached,
    /// The content inside the signature.
    Attached,
}

/// What Seller Desk trusts: the certificates a chain may end at (roots; or a CA whose root is
/// not published, like NCA's RSA test CA), the intermediate CA certificates chains may pass
/// through, and CRLs.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    pub anchors: Vec<Vec<u8>>,
    pub intermediates: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
    /// OCSP answers kept (DER OCSPResponse), each checked again when used.
    pub ocsp: Vec<Vec<u8>>,
    /// The moment of the verification (the current time when `None`): CRLs and OCSP answers
    /// are current or stale relative to it.
    pub now: Option<DateTime<Utc>>,
}

/// When the certificates' validity is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// At each signer's signing time (CAdES-BES has no better evidence of it); `fallback` for a
    /// signer without one.
    SigningTime { fallback: DateTime<Utc> },
    /// At a moment the user chose ("was it valid on that day?").
    At(DateTime<Utc>),
}

/// The verdict on one signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Valid,
    /// The content is not what was signed.
    Tampered,
    /// The signature does not match the signed attributes.
    BrokenSignature,
    /// No chain from the signer's certificate to a trusted certificate.
    UntrustedChain,
    /// A certificate of the chain was not valid at signing time.
    Expired,
    /// The signer's certificate (or a CA's of its chain) is revoked, by a CRL or an OCSP answer.
    Revoked {
        on: DateTime<Utc>,
    },
    /// Everything else holds, but no current CRL or OCSP answer covers a certificate of the
    /// chain: the signature may have been made with a revoked key.
    RevocationNotChecked,
    /// The signature carries a timestamp token that does not hold (another signature's stamp,
    /// an untrusted TSA, a broken token).
    TimestampInvalid(String),
    /// The signer's key is for authentication, not for signing.
    WrongPurpose,
    /// An algorithm of this signer (GOST 34.10/34.11) is not supported yet.
    NotSupportedYet(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerReport {
    pub profile: Option<CertProfile>,
    pub signing_time: Option<DateTime<Utc>>,
    pub outcome: Outcome,
    /// How revocation was established (for the signer's certificate, or the first certificate
    /// of the chain for which it was not); `None` when the verdict came before the chain.
    pub revocation: Option<Revocation>,
    /// The signature's timestamp (CAdES-T), checked.
    pub timestamp: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub attached: bool,
    pub signers: Vec<SignerReport>,
}

impl Report {
    pub fn all_valid(&self) -> bool {
        !self.signers.is_empty() && self.signers.iter().all(|s| s.outcome == Outcome::Valid)
    }
}

fn bad(what: &str) -> EdsError {
    EdsError::NotASignature(what.to_string())
}

/// A certificate's parts the signature needs: issuer Name and serialNumber (DER), and the
/// whole certificate.
pub(crate) struct CertParts {
    pub(crate) der: Vec<u8>,
    pub(crate) tbs: Vec<u8>,
    pub(crate) issuer: Vec<u8>,
    pub(crate) subject: Vec<u8>,
    pub(crate) serial: Vec<u8>,
    pub(crate) signature_algorithm: String,
    pub(crate) signature: Vec<u8>,
}

impl CertParts {
    pub(crate) fn of(der: &[u8]) -> Result<CertParts, EdsError> {
        cert_parts(der)
    }
}

fn cert_parts(der: &[u8]) -> Result<CertParts, EdsError> {
    let bc = |w: &str| EdsError::BadCertificate(w.to_string());
    let node = ber::parse(der).map_err(|e| bc(&e.to_string()))?;
    let tbs = node.child(0).filter(|n| n.universal(SEQUENCE)).ok_or_else(|| bc("tbsCertificate"))?;
    let at = usize::from(tbs.child(0).is_some_and(|n| n.is(2, 0)));
    let field = |i: usize| tbs.child(at + i).ok_or_else(|| bc("a field"));
    let signature = node.child(2).ok_or_else(|| bc("a signature"))?.octets();
    Ok(CertParts {
        der: der.to_vec(),
        tbs: tbs.to_der(),
        issuer: field(2)?.to_der(),
        subject: field(4)?.to_der(),
        serial: field(0)?.to_der(),
        signature_algorithm: node
            .child(1)
            .and_then(|a| a.child(0))
            .and_then(Node::oid)
            .ok_or_else(|| bc("an algorithm"))?,
        // BIT STRING: the first byte counts unused bits.
        signature: signature.get(1..).map(<[u8]>::to_vec).unwrap_or_default(),
    })
}

/// Signs `content` with the container's key (RSA or GOST 34.10-2015, SIGN purpose) at `at`.
pub fn sign(c: &KeyContainer, content: &[u8], layout: Layout, at: DateTime<Utc>) -> Result<Vec<u8>, EdsError> {
    let (digest_alg, signature_alg) = match &c.key {
        PrivateKey::Rsa(_) => (SHA256, der::algorithm(SHA256_RSA, true)),
        // With NULL parameters, as Kalkan writes it.
        PrivateKey::Gost2015(_) => (GOST_34_11_2015_512, der::algorithm(GOST_2015_512_SIGNATURE, true)),
        PrivateKey::NotSupportedYet(oid) => return Err(EdsError::KeyNotSupportedYet(oid.clone())),
    };
    if c.profile.purpose != KeyPurpose::Sign {
        return Err(EdsError::AuthKey);
    }
    let digest_of = |data: &[u8]| hash(digest_alg, data).unwrap_or_default();
    let cert = cert_parts(&c.certificate)?;
    let issuer_serial = der::seq(&[der::seq(&[der::tlv(0xa4, &cert.issuer)]), cert.serial.clone()]);
    let ess_cert_id = match &c.key {
        // hashAlgorithm is SHA-256, the DEFAULT, so DER leaves it out.
        PrivateKey::Rsa(_) => der::seq(&[der::octets(&digest_of(&cert.der)), issuer_serial]),
        _ => der::seq(&[der::algorithm(digest_alg, false), der::octets(&digest_of(&cert.der)), issuer_serial]),
    };
    let attrs = [
        der::seq(&[der::oid(CONTENT_TYPE), der::set(&[der::oid(DATA)])]),
        der::seq(&[der::oid(SIGNING_TIME), der::set(&[der::utc_time(at)])]),
        der::seq(&[der::oid(MESSAGE_DIGEST), der::set(&[der::octets(&digest_of(content))])]),
        der::seq(&[der::oid(SIGNING_CERTIFICATE_V2), der::set(&[der::seq(&[der::seq(&[ess_cert_id])])])]),
    ];
    let attrs_content = der::set_content(&attrs);
    let signed_attrs = der::tlv(0x31, &attrs_content);
    let signature = match &c.key {
        PrivateKey::Rsa(key) => key
            .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(&signed_attrs))
            .map_err(|e| EdsError::BadKey(e.to_string()))?,
        PrivateKey::Gost2015(key) => key
            .sign_digest(&gost::streebog512(&signed_attrs))
            .map_err(|e| EdsError::BadKey(format!("the system's random generator: {e}")))?,
        PrivateKey::NotSupportedYet(oid) => return Err(EdsError::KeyNotSupportedYet(oid.clone())),
    };
    let signer_info = der::seq(&[
        der::int(1),
        der::seq(&[cert.issuer.clone(), cert.serial.clone()]),
        der::algorithm(digest_alg, false),
        // [0] IMPLICIT: the SET's content under the context tag.
        der::context(0, &attrs_content),
        signature_alg,
        der::octets(&signature),
    ]);
    let encap = match layout {
        Layout::Detached => der::seq(&[der::oid(DATA)]),
        Layout::Attached => der::seq(&[der::oid(DATA), der::context(0, &der::octets(content))]),
    };
    let signed_data = der::seq(&[
        der::int(1),
        der::set(&[der::algorithm(digest_alg, false)]),
        encap,
        der::context(0, &cert.der),
        der::set(&[signer_info]),
    ]);
    Ok(der::seq(&[der::oid(SIGNED_DATA), der::context(0, &signed_data)]))
}

/// The digest of `data` by the algorithm `alg` (SHA-256, SHA-1, GOST 34.11-2015 512).
pub(crate) fn digest(alg: &str, data: &[u8]) -> Option<Vec<u8>> {
    hash(alg, data)
}

fn hash(alg: &str, data: &[u8]) -> Option<Vec<u8>> {
    match alg {
        SHA256 => Some(Sha256::digest(data).to_vec()),
        SHA1 => Some(Sha1::digest(data).to_vec()),
        GOST_34_11_2015_512 => Some(gost::streebog512(data).to_vec()),
        _ => None,
    }
}

fn rsa_verify(spki: &[u8], digest_alg: &str, digest: &[u8], signature: &[u8]) -> Result<bool, EdsError> {
    let key = rsa::RsaPublicKey::from_public_key_der(spki).map_err(|e| EdsError::BadCertificate(e.to_string()))?;
    let scheme = match digest_alg {
        SHA256 => Pkcs1v15Sign::new::<Sha256>(),
        SHA1 => Pkcs1v15Sign::new::<Sha1>(),
        other => return Err(EdsError::KeyNotSupportedYet(other.to_string())),
    };
    Ok(key.verify(scheme, digest, signature).is_ok())
}

/// Whether `signature` over `digest` checks with the signer's key (GOST 34.10-2015 or RSA).
fn signature_checks(
    gost: bool,
    spki: &[u8],
    digest_alg: &str,
    digest: &[u8],
    signature: &[u8],
) -> Result<bool, EdsError> {
    if gost {
        let key = gost::spki_key_bytes(spki).ok_or_else(|| EdsError::BadCertificate("a GOST public key".into()))?;
        Ok(gost::verify_digest(&key, digest, signature))
    } else {
        rsa_verify(spki, digest_alg, digest, signature)
    }
}

/// Whether the key `spki` made `signature` (by `algorithm`) over `tbs`; `Err` names an
/// algorithm not supported.
pub(crate) fn signature_over(tbs: &[u8], algorithm: &str, signature: &[u8], spki: &[u8]) -> Result<bool, String> {
    let digest_alg = match algorithm {
        SHA256_RSA => SHA256,
        SHA1_RSA => SHA1,
        GOST_2015_512_SIGNATURE => {
            let key = gost::spki_key_bytes(spki).unwrap_or_default();
            return Ok(gost::verify_digest(&key, &gost::streebog512(tbs), signature));
        }
        other => return Err(other.to_string()),
    };
    let digest = hash(digest_alg, tbs).ok_or_else(|| digest_alg.to_string())?;
    rsa_verify(spki, digest_alg, &digest, signature).map_err(|e| e.to_string())
}

/// Whether `issuer` signed `subject` (RSA or GOST 34.10-2015); `Err` names an algorithm not
/// supported.
pub(crate) fn signed_by(subject: &CertParts, issuer_spki: &[u8]) -> Result<bool, String> {
    signature_over(&subject.tbs, &subject.signature_algorithm, &subject.signature, issuer_spki)
}

/// Walks from the signer's certificate to a trusted one through `pool`; each certificate must
/// be valid at `at` and not revoked before `revocations_before`; the signer's own certificate
/// must be covered by a current CRL or an OCSP answer (a CA's, as Kalkan does, is checked where
/// its issuer's CRL is at hand). Returns the outcome and how the signer's revocation was
/// established.
fn chain(
    signer: &CertParts,
    pool: &[CertParts],
    trust: &Trust,
    sources: &Sources,
    at: DateTime<Utc>,
    revocations_before: DateTime<Utc>,
) -> (Outcome, Option<Revocation>) {
    let anchors: Vec<CertParts> = trust.anchors.iter().filter_map(|a| cert_parts(a).ok()).collect();
    let intermediates: Vec<CertParts> = trust.intermediates.iter().filter_map(|a| cert_parts(a).ok()).collect();
    let mut current = signer;
    let mut established: Option<Revocation> = None;
    let mut unchecked: Option<Revocation> = None;
    for _ in 0..8 {
        let Ok(profile) = cert::profile(&current.der) else { return (Outcome::UntrustedChain, None) };
        if at < profile.not_before || at > profile.not_after {
            return (Outcome::Expired, None);
        }
        if anchors.iter().any(|a| a.der == current.der) {
            return match unchecked {
                Some(not) => (Outcome::RevocationNotChecked, Some(not)),
                None => (Outcome::Valid, established),
            };
        }
        // Several CAs may share a name (NCA reissues its CAs under the same name with new keys):
        // the issuer is the one whose key checks the signature.
        let mut unsupported = None;
        let mut found = None;
        for candidate in anchors
            .iter()
            .chain(intermediates.iter())
            .chain(pool.iter())
            .filter(|c| c.subject == current.issuer && c.der != current.der)
        {
            let Ok(candidate_profile) = cert::profile(&candidate.der) else { continue };
            match signed_by(current, &candidate_profile.public_key_info) {
                Ok(true) => {
                    found = Some((candidate, candidate_profile));
                    break;
                }
                Ok(false) => {}
                Err(alg) => unsupported = Some(alg),
            }
        }
        let Some((issuer, issuer_profile)) = found else {
            return (unsupported.map_or(Outcome::UntrustedChain, Outcome::NotSupportedYet), None);
        };
        let evidence = match sources.status(current, &profile.holder, issuer, &issuer_profile.public_key_info, at) {
            Status::Revoked { on, by } if on <= revocations_before => return (Outcome::Revoked { on }, Some(by)),
            Status::Revoked { by, .. } | Status::Good(by) => by,
            Status::Unchecked(not) if current.der == signer.der => {
                unchecked = Some(not.clone());
                not
            }
            Status::Unchecked(not) => not,
        };
        established.get_or_insert(evidence);
        current = issuer;
    }
    (Outcome::UntrustedChain, None)
}

fn unsigned_attribute<'a>(signer_info: &'a Node, oid: &str) -> Option<&'a Node> {
    signer_info.children.iter().find(|n| n.is(2, 1)).and_then(|attrs| attribute(attrs, oid))
}

/// The signature value of each signer (what a CAdES-T timestamp stamps).
pub fn signature_values(cms: &[u8]) -> Vec<Vec<u8>> {
    let Ok(info) = ber::parse(cms) else { return Vec::new() };
    let Some(sd) = info.child(1).and_then(|n| n.child(0)) else { return Vec::new() };
    let Some(signer_infos) = sd.children.iter().rev().find(|n| n.universal(SET)) else { return Vec::new() };
    signer_infos
        .children
        .iter()
        .filter_map(|si| si.children.iter().rev().find(|n| n.universal(OCTET_STRING)).map(Node::octets))
        .collect()
}

/// Whether `issuer`'s key made the signature on `cert` (and `issuer` is named as its issuer).
pub fn issued_by(cert: &[u8], issuer: &[u8]) -> bool {
    let (Ok(c), Ok(i), Ok(p)) = (cert_parts(cert), cert_parts(issuer), cert::profile(issuer)) else { return false };
    c.issuer == i.subject && signed_by(&c, &p.public_key_info) == Ok(true)
}

/// The certificate of each signer of a signature that carries it (DER).
pub fn signer_certificates(cms: &[u8]) -> Vec<Vec<u8>> {
    let Ok(info) = ber::parse(cms) else { return Vec::new() };
    let Some(sd) = info.child(1).and_then(|n| n.child(0)) else { return Vec::new() };
    let certs = certificates(cms);
    let Some(signer_infos) = sd.children.iter().rev().find(|n| n.universal(SET)) else { return Vec::new() };
    signer_infos
        .children
        .iter()
        .filter_map(|si| {
            let sid = si.child(1)?;
            let (issuer, serial) = (sid.child(0)?.to_der(), sid.child(1)?.to_der());
            certs.iter().find(|c| cert_parts(c).is_ok_and(|p| p.issuer == issuer && p.serial == serial)).cloned()
        })
        .collect()
}

/// The CRLs a signature carries (DER).
pub fn crls(cms: &[u8]) -> Vec<Vec<u8>> {
    let Ok(info) = ber::parse(cms) else { return Vec::new() };
    let Some(sd) = info.child(1).and_then(|n| n.child(0)) else { return Vec::new() };
    sd.children.iter().find(|n| n.is(2, 1)).map(|n| n.children.iter().map(Node::to_der).collect()).unwrap_or_default()
}

/// Puts a timestamp token (CAdES-T) into the signer's unsigned attributes; the signature
/// otherwise stays byte for byte what it was. A signer stamped already is refused.
pub fn add_timestamp(cms: &[u8], signer: usize, token: &[u8]) -> Result<Vec<u8>, EdsError> {
    let mut info = ber::parse(cms).map_err(|e| bad(&e.to_string()))?;
    let token = ber::parse(token).map_err(|_| bad("a timestamp token"))?;
    let sd = info.children.get_mut(1).and_then(|n| n.children.get_mut(0)).ok_or_else(|| bad("SignedData"))?;
    let signer_infos = sd.children.iter_mut().rev().find(|n| n.universal(SET)).ok_or_else(|| bad("signer infos"))?;
    let si = signer_infos.children.get_mut(signer).ok_or_else(|| bad("a signer"))?;
    if si.children.iter().any(|n| n.is(2, 1)) {
        return Err(bad("a signer without unsigned attributes"));
    }
    let attribute = Node {
        class: 0,
        constructed: true,
        number: SEQUENCE,
        value: Vec::new(),
        children: vec![
            ber::parse(&der::oid(SIGNATURE_TIME_STAMP)).map_err(|_| bad("an OID"))?,
            Node { class: 0, constructed: true, number: SET, value: Vec::new(), children: vec![token] },
        ],
    };
    si.children.push(Node { class: 2, constructed: true, number: 1, value: Vec::new(), children: vec![attribute] });
    Ok(info.to_der())
}

fn attribute<'a>(attrs: &'a Node, oid: &str) -> Option<&'a Node> {
    attrs
        .children
        .iter()
        .find(|a| a.child(0).and_then(Node::oid).as_deref() == Some(oid))
        .and_then(|a| a.child(1)?.child(0))
}

/// The certificates a signature carries (DER).
pub fn certificates(cms: &[u8]) -> Vec<Vec<u8>> {
    let Ok(info) = ber::parse(cms) else { return Vec::new() };
    let Some(sd) = info.child(1).and_then(|n| n.child(0)) else { return Vec::new() };
    sd.children.iter().find(|n| n.is(2, 0)).map(|n| n.children.iter().map(Node::to_der).collect()).unwrap_or_default()
}

/// The key algorithm of each signer of a signature, by the holder's name (CN) of the signer's
/// certificate; signers whose certificate is not inside are left out.
pub fn signer_algorithms(cms: &[u8]) -> Vec<(String, cert::KeyAlgorithm)> {
    signer_certificates(cms)
        .iter()
        .filter_map(|der| cert::profile(der).ok())
        .map(|p| (p.holder, p.key_algorithm))
        .collect()
}

/// The content inside an attached signature (`None` when detached or not a signature).
pub fn attached_content(cms: &[u8]) -> Option<Vec<u8>> {
    let info = ber::parse(cms).ok()?;
    let sd = info.child(1)?.child(0)?;
    sd.child(2)?.child(1).filter(|n| n.is(2, 0))?.child(0).map(Node::octets)
}

/// Verifies a CMS signature; `content` is needed when it is detached.
pub fn verify(cms: &[u8], content: Option<&[u8]>, trust: &Trust, as_of: AsOf) -> Result<Report, EdsError> {
    verify_at_depth(cms, content, trust, as_of, true)
}

/// Verifies a timestamp token (itself a signature over its TSTInfo), without looking for a
/// timestamp inside it.
pub(crate) fn verify_token(token: &[u8], trust: &Trust, as_of: AsOf) -> Result<Report, EdsError> {
    verify_at_depth(token, None, trust, as_of, false)
}

fn verify_at_depth(
    cms: &[u8],
    content: Option<&[u8]>,
    trust: &Trust,
    as_of: AsOf,
    stamps: bool,
) -> Result<Report, EdsError> {
    let now = trust.now.unwrap_or_else(Utc::now);
    let info = ber::parse(cms).map_err(|e| bad(&e.to_string()))?;
    if info.child(0).and_then(Node::oid).as_deref() != Some(SIGNED_DATA) {
        return Err(bad("CMS SignedData"));
    }
    let sd = info.child(1).and_then(|n| n.child(0)).ok_or_else(|| bad("SignedData"))?;
    let encap = sd.child(2).ok_or_else(|| bad("encapsulated content"))?;
    let inside = encap.child(1).filter(|n| n.is(2, 0)).and_then(|n| n.child(0)).map(Node::octets);
    let attached = inside.is_some();
    let data: Vec<u8> = match (inside, content) {
        (Some(inside), _) => inside,
        (None, Some(external)) => external.to_vec(),
        (None, None) => return Err(EdsError::DetachedWithoutContent),
    };
    let certs: Vec<CertParts> = sd
        .children
        .iter()
        .find(|n| n.is(2, 0))
        .map(|n| n.children.iter().filter_map(|c| cert_parts(&c.to_der()).ok()).collect())
        .unwrap_or_default();
    let inside_crls: Vec<Vec<u8>> = sd
        .children
        .iter()
        .find(|n| n.is(2, 1))
        .map(|n| n.children.iter().map(Node::to_der).collect())
        .unwrap_or_default();
    let sources = Sources::new(trust, &inside_crls, now);
    let signer_infos = sd.children.iter().rev().find(|n| n.universal(SET)).ok_or_else(|| bad("signer infos"))?;
    let mut signers = Vec::new();
    for si in &signer_infos.children {
        let sid = si.child(1).ok_or_else(|| bad("a signer identifier"))?;
        let cert = if sid.universal(SEQUENCE) {
            let (issuer, serial) = (sid.child(0).map(Node::to_der), sid.child(1).map(Node::to_der));
            certs.iter().find(|c| Some(&c.issuer) == issuer.as_ref() && Some(&c.serial) == serial.as_ref())
        } else {
            None
        };
        let profile = cert.and_then(|c| cert::profile(&c.der).ok());
        let digest_alg = si.child(2).and_then(|a| a.child(0)).and_then(Node::oid).unwrap_or_default();
        let signed_attrs = si.children.iter().find(|n| n.is(2, 0));
        let signing_time = signed_attrs.and_then(|a| attribute(a, SIGNING_TIME)).and_then(|t| cert::time_of(t).ok());
        let report = |outcome| SignerReport {
            profile: profile.clone(),
            signing_time,
            outcome,
            revocation: None,
            timestamp: None,
        };
        let Some(cert) = cert else {
            signers.push(report(Outcome::UntrustedChain));
            continue;
        };
        let Some(digest) = hash(&digest_alg, &data) else {
            signers.push(report(Outcome::NotSupportedYet(digest_alg)));
            continue;
        };
        // signatureAlgorithm, then signature, then perhaps [1] unsigned attributes.
        let at_signature = si.children.iter().rposition(|n| n.universal(OCTET_STRING)).unwrap_or_default();
        let sig_alg = at_signature
            .checked_sub(1)
            .and_then(|i| si.child(i))
            .and_then(|a| a.child(0))
            .and_then(Node::oid)
            .unwrap_or_default();
        let gost = sig_alg == GOST_2015_512_SIGNATURE || sig_alg == GOST_2015_512_KEY;
        if !gost && sig_alg != RSA && sig_alg != SHA256_RSA && sig_alg != SHA1_RSA {
            signers.push(report(Outcome::NotSupportedYet(sig_alg)));
            continue;
        }
        if gost != (digest_alg == GOST_34_11_2015_512) {
            signers.push(report(Outcome::NotSupportedYet(format!("{sig_alg} with {digest_alg}"))));
            continue;
        }
        let signature =
            si.children.iter().rev().find(|n| n.universal(OCTET_STRING)).map(Node::octets).unwrap_or_default();
        let spki = profile.as_ref().map(|p| p.public_key_info.clone()).unwrap_or_default();
        let verified = match signed_attrs {
            Some(attrs) => {
                let md = attribute(attrs, MESSAGE_DIGEST).map(Node::octets);
                if md.as_deref() != Some(digest.as_slice()) {
                    signers.push(report(Outcome::Tampered));
                    continue;
                }
                let mut encoded = attrs.to_der();
                encoded[0] = 0x31;
                let attrs_digest = hash(&digest_alg, &encoded).unwrap_or_default();
                signature_checks(gost, &spki, &digest_alg, &attrs_digest, &signature)?
            }
            None => signature_checks(gost, &spki, &digest_alg, &digest, &signature)?,
        };
        if !verified {
            signers.push(report(Outcome::BrokenSignature));
            continue;
        }
        if profile.as_ref().is_some_and(|p| p.purpose != KeyPurpose::Sign) {
            signers.push(report(Outcome::WrongPurpose));
            continue;
        }
        let token = if stamps { unsigned_attribute(si, SIGNATURE_TIME_STAMP).map(Node::to_der) } else { None };
        let timestamp = match token.map(|t| tsp::verify(&t, &signature, trust)) {
            None => None,
            Some(Ok(stamp)) => Some(stamp),
            Some(Err(e)) => {
                signers.push(report(Outcome::TimestampInvalid(e.to_string())));
                continue;
            }
        };
        // The timestamp's time, not the signer's claim, is when the signature existed; a
        // revocation counts unless it came after that time (or after the moment asked about).
        let (at, revocations_before) = match (as_of, &timestamp) {
            (AsOf::At(at), _) => (at, at),
            (AsOf::SigningTime { .. }, Some(stamp)) => (stamp.time, stamp.time),
            // Without a timestamp the claimed time proves nothing: any revocation counts.
            (AsOf::SigningTime { fallback }, None) => (signing_time.unwrap_or(fallback), DateTime::<Utc>::MAX_UTC),
        };
        let (outcome, revocation) = chain(cert, &certs, trust, &sources, at, revocations_before);
        signers.push(SignerReport { revocation, timestamp, ..report(outcome) });
    }
    Ok(Report { attached, signers })
}
