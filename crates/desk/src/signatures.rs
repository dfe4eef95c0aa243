//! Digital signature (4.5): the trust store, signing a document with the seller's NCA key, and
//! verifying signatures; the document archive keeps every signed document and its signatures.
//!
//! The key container's password is never stored: it arrives in a `Zeroizing` string and is
//! dropped (zeroed) as soon as the container is opened.

use chrono::{DateTime, Utc};
use eds::cms::{self, AsOf, Layout, Outcome, Trust};
use eds::{CertProfile, EdsError, KeyPurpose};
use serde::{Deserialize, Serialize};
use store::documents::NewSignature;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::revocation::{revocation_dto, timestamp_dto, RevocationDto, TimestampDto};
use crate::{ApiError, Desk, ErrorCode};

const TEST_MODE_KEY: &str = "test_keys_mode";

/// A signer as the app shows it before and after signing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignerDto {
    pub holder: String,
    pub iin: Option<String>,
    pub organisation: Option<String>,
    pub bin: Option<String>,
    /// individual, head, signing_right, employee, treasury_client, information_system, other.
    pub role: String,
    /// sign or auth.
    pub purpose: String,
    /// rsa, gost2015, gost2004, other.
    pub algorithm: String,
    pub issuer: String,
    pub not_before: String,
    pub not_after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignerReportDto {
    pub signer: Option<SignerDto>,
    pub signing_time: Option<String>,
    /// valid, tampered, broken_signature, untrusted_chain, expired, revoked, wrong_purpose,
    /// not_supported_yet, revocation_not_checked, timestamp_invalid.
    pub outcome: String,
    /// The revocation date, the algorithm not supported yet, or what is wrong with the timestamp.
    pub detail: Option<String>,
    /// How revocation was established (or why it was not).
    pub revocation: Option<RevocationDto>,
    /// The signature's timestamp, checked.
    pub timestamp: Option<TimestampDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerificationDto {
    pub attached: bool,
    pub valid: bool,
    pub signers: Vec<SignerReportDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrustCertDto {
    pub id: i64,
    pub role: String,
    pub subject: String,
    pub added_on: String,
}

/// A file handed to the window from outside (its command line, a second start): what became
/// of it in the archive.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OpenedFileDto {
    pub path: String,
    /// The document added, with its verdict.
    pub document: Option<DocumentDto>,
    /// Why it was not added.
    pub error: Option<crate::ApiError>,
}

/// A document of the archive with its signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentDto {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub added_on: String,
    pub version_of: Option<i64>,
    pub signatures: Vec<SignatureDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignatureDto {
    pub id: i64,
    pub attached: bool,
    pub signer: String,
    pub iin: Option<String>,
    pub bin: Option<String>,
    pub signing_time: Option<String>,
    pub outcome: String,
    pub added_on: String,
    /// The signer's key algorithm: rsa, gost2015, gost2004, other.
    pub algorithm: String,
    /// The person who signed it or added it in Seller Desk (6.8).
    pub recorded_by: Option<String>,
    /// The verdict's detail (the revocation date, what is wrong with the timestamp).
    pub detail: Option<String>,
    /// How revocation was established now (or why it was not).
    pub revocation: Option<RevocationDto>,
    pub timestamp: Option<TimestampDto>,
}

/// What the window shows of the trust store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrustDto {
    pub test_mode: bool,
    pub certs: Vec<TrustCertDto>,
    /// The file names of NCA RK's certificates Seller Desk needs (published at pki.gov.kz).
    pub needed: Vec<String>,
    pub timestamps: crate::revocation::TimestampSettingsDto,
    /// The newest CRL kept of each CA (and its newest delta CRL), by issuer.
    pub crls: Vec<TrustCrlDto>,
}

/// A CRL the trust store keeps, as the window lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrustCrlDto {
    pub issuer: String,
    /// Days, ISO.
    pub this_update: String,
    pub next_update: Option<String>,
    pub delta: bool,
    /// Its next update has not passed: it counts for revocation now.
    pub current: bool,
    /// How many certificates it lists as revoked.
    pub revoked: usize,
}

/// A signature just made, for the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignedDto {
    pub document_id: i64,
    pub verification: VerificationDto,
    /// Why the signature carries no timestamp although timestamps are on: unreachable (offline),
    /// refused or untrusted; `None` when stamped or when timestamps are off.
    pub timestamp_problem: Option<String>,
}

/// How the signed result is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignLayout {
    /// The file and its `.cms` beside it.
    Detached,
    /// One `.cms` holding the file.
    Attached,
}

impl From<SignLayout> for Layout {
    fn from(l: SignLayout) -> Self {
        match l {
            SignLayout::Detached => Layout::Detached,
            SignLayout::Attached => Layout::Attached,
        }
    }
}

/// A document to sign: its bytes and how the archive names it.
pub struct DocumentToSign<'a> {
    pub content: &'a [u8],
    pub file_name: &'a str,
    pub title: &'a str,
    /// dispute_letter, acknowledgement, statement, exit_statement, received_notice, other.
    pub kind: &'a str,
}

/// A signature made and kept in the archive.
#[derive(Debug)]
pub struct Signed {
    pub document_id: i64,
    pub timestamp_problem: Option<String>,
    pub cms: Vec<u8>,
    pub verification: VerificationDto,
}

impl From<EdsError> for ApiError {
    fn from(e: EdsError) -> Self {
        let code = match &e {
            EdsError::WrongPassword => ErrorCode::EdsWrongPassword,
            EdsError::Damaged => ErrorCode::EdsKeyDamaged,
            EdsError::NotAContainer(_) | EdsError::NoCertificate | EdsError::NoKey | EdsError::KeyMismatch => {
                ErrorCode::EdsNotAContainer
            }
            EdsError::UnsupportedEncryption(_) | EdsError::KeyNotSupportedYet(_) => ErrorCode::EdsKeyNotSupportedYet,
            EdsError::BadCertificate(_) | EdsError::BadKey(_) => ErrorCode::EdsBadCertificate,
            EdsError::AuthKey => ErrorCode::EdsAuthKey,
            EdsError::NotASignature(_) => ErrorCode::EdsNotASignature,
            EdsError::DetachedWithoutContent => ErrorCode::EdsDetachedWithoutContent,
        };
        ApiError::new(code, e.to_string())
    }
}

fn signer_dto(p: &CertProfile) -> SignerDto {
    use eds::Role as R;
    SignerDto {
        holder: p.holder.clone(),
        iin: p.iin.clone(),
        organisation: p.organisation.clone(),
        bin: p.bin.clone(),
        role: match p.role {
            R::Individual => "individual",
            R::Head => "head",
            R::SigningRight => "signing_right",
            R::Employee => "employee",
            R::TreasuryClient => "treasury_client",
            R::InformationSystem => "information_system",
            R::OtherEmployee(_) | R::Unknown => "other",
        }
        .into(),
        purpose: if p.purpose == KeyPurpose::Sign { "sign" } else { "auth" }.into(),
        algorithm: algorithm_code(&p.key_algorithm).into(),
        issuer: p.issuer.clone(),
        not_before: p.not_before.to_rfc3339(),
        not_after: p.not_after.to_rfc3339(),
    }
}

fn algorithm_code(a: &eds::KeyAlgorithm) -> &'static str {
    use eds::KeyAlgorithm as A;
    match a {
        A::Rsa => "rsa",
        A::Gost2015 => "gost2015",
        A::Gost2004 => "gost2004",
        A::Other(_) => "other",
    }
}

fn outcome_code(o: &Outcome) -> (&'static str, Option<String>) {
    match o {
        Outcome::Valid => ("valid", None),
        Outcome::Tampered => ("tampered", None),
        Outcome::BrokenSignature => ("broken_signature", None),
        Outcome::UntrustedChain => ("untrusted_chain", None),
        Outcome::Expired => ("expired", None),
        Outcome::Revoked { on } => ("revoked", Some(on.to_rfc3339())),
        Outcome::WrongPurpose => ("wrong_purpose", None),
        Outcome::NotSupportedYet(alg) => ("not_supported_yet", Some(alg.clone())),
        Outcome::RevocationNotChecked => ("revocation_not_checked", None),
        Outcome::TimestampInvalid(why) => ("timestamp_invalid", Some(why.clone())),
    }
}

/// A document of the archive and its bytes, or `file.not_found`.
fn archived(db: &store::Db<'_>, document_id: i64) -> Result<(store::documents::DocumentRow, Vec<u8>), ApiError> {
    let doc = db
        .documents()?
        .into_iter()
        .find(|d| d.id == document_id)
        .ok_or_else(|| ApiError::new(ErrorCode::FileNotFound, "no such document"))?;
    let bytes = db.document_bytes(document_id)?.unwrap_or_default();
    Ok((doc, bytes))
}

fn verification_dto(r: &cms::Report) -> VerificationDto {
    VerificationDto {
        attached: r.attached,
        valid: r.all_valid(),
        signers: r
            .signers
            .iter()
            .map(|s| {
                let (outcome, detail) = outcome_code(&s.outcome);
                SignerReportDto {
                    signer: s.profile.as_ref().map(signer_dto),
                    signing_time: s.signing_time.map(|t| t.to_rfc3339()),
                    outcome: outcome.into(),
                    detail,
                    revocation: s.revocation.as_ref().map(revocation_dto),
                    timestamp: s.timestamp.as_ref().map(timestamp_dto),
                }
            })
            .collect(),
    }
}

/// Whether a CMS signature holds its content (attached), or needs the signed file beside it;
/// a file that is not a CMS signature is refused with its own code.
pub fn signature_is_attached(cms: &[u8]) -> Result<bool, ApiError> {
    let not_cms = || ApiError::from(EdsError::NotASignature("not CMS SignedData".into()));
    let node = eds::ber::parse(cms).map_err(|_| not_cms())?;
    if node.child(0).and_then(eds::ber::Node::oid).as_deref() != Some("1.2.840.113549.1.7.2") {
        return Err(not_cms());
    }
    Ok(cms::attached_content(cms).is_some())
}

impl Desk {
    /// Whether NCA's test certificates count (a visible "test keys" mode).
    pub fn test_mode(&self) -> Result<bool, ApiError> {
        Ok(self.store.read().setting(TEST_MODE_KEY)?.as_deref() == Some("on"))
    }

    pub fn set_test_mode(&mut self, on: bool) -> Result<bool, ApiError> {
        self.need(crate::people::Need::Shop)?;
        self.store.write(|db| db.set_audited_setting(TEST_MODE_KEY, if on { "on" } else { "off" }))?;
        Ok(on)
    }

    /// Adds a CA certificate to the trust store: a root when it is self-signed, an intermediate
    /// when a CA already trusted issued it (told apart by the certificate itself; `intermediate`
    /// only says what the user expects, and a contradiction is refused). A CA that chains to
    /// nothing trusted is refused, naming what to add first.
    pub fn trust_add(&mut self, bytes: &[u8], intermediate: bool) -> Result<TrustCertDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        let der = eds::der_values(bytes).into_iter().next().unwrap_or_default();
        let p = eds::cert::profile(&der).map_err(|e| ApiError::new(ErrorCode::TrustNotACertificate, e.to_string()))?;
        if !p.is_ca {
            return Err(ApiError::new(ErrorCode::TrustNotACa, "the certificate is not a certification authority's"));
        }
        let role = if p.self_issued {
            if intermediate {
                return Err(ApiError::new(
                    ErrorCode::TrustRootNotSelfSigned,
                    "this certificate is issued by itself: it is a root, not an intermediate CA",
                ));
            }
            "root"
        } else {
            let trust = self.trust()?;
            let known = trust.anchors.iter().chain(&trust.intermediates);
            if !known.clone().any(|ca| eds::cms::issued_by(&der, ca)) {
                return Err(ApiError::new(
                    ErrorCode::TrustUnchained,
                    format!("{} is issued by {}, which is not trusted: add that certificate first", p.holder, p.issuer),
                ));
            }
            "intermediate"
        };
        let today = self.today();
        let id = self.store.write(|db| db.add_trust_cert(role, &p.holder, &der, today))?;
        Ok(TrustCertDto { id, role: role.into(), subject: p.holder, added_on: today.to_string() })
    }

    /// Adds a CRL (DER or PEM) to the trust store once a trusted CA's key checks its signature
    /// (a forged or altered list is refused and never stored); returns the issuer's name.
    pub fn trust_crl_add(&mut self, bytes: &[u8]) -> Result<String, ApiError> {
        self.need(crate::people::Need::Documents)?;
        let der = eds::der_values(bytes).into_iter().next().unwrap_or_default();
        let crl = eds::crl::parse(&der).map_err(|_| {
            // A certificate picked by mistake ("Add CRL…" beside "Add root certificate…") is
            // told apart, so that the owner knows which button it goes to.
            if eds::cert::profile(&der).is_ok() {
                ApiError::new(ErrorCode::TrustCrlIsCertificate, "the file is a certificate, not a revocation list")
            } else {
                ApiError::new(ErrorCode::TrustNotACrl, "the file is not a certificate revocation list")
            }
        })?;
        let trust = self.trust()?;
        eds::crl::issuer_among(&crl, trust.anchors.iter().chain(&trust.intermediates)).map_err(|e| {
            let code = match e {
                eds::crl::CrlError::NotACrl => ErrorCode::TrustNotACrl,
                eds::crl::CrlError::UnknownIssuer(_) => ErrorCode::TrustCrlIssuerUnknown,
                eds::crl::CrlError::BadSignature(_) => ErrorCode::TrustCrlForged,
                eds::crl::CrlError::NotSupported(_) => ErrorCode::EdsKeyNotSupportedYet,
            };
            ApiError::new(code, e.to_string())
        })?;
        let today = self.today();
        self.store.write(|db| db.add_trust_crl(&crl.issuer, &der, today))?;
        Ok(crl.issuer)
    }

    pub fn trust_list(&self) -> Result<Vec<TrustCertDto>, ApiError> {
        self.need(crate::people::Need::Documents)?;
        Ok(self
            .store
            .read()
            .trust_certs()?
            .into_iter()
            .map(|r| TrustCertDto { id: r.id, role: r.role, subject: r.subject, added_on: r.added_on })
            .collect())
    }

    pub(crate) fn trust(&self) -> Result<Trust, ApiError> {
        let db = self.store.read();
        let mut trust = if self.test_mode()? { eds::nca_test_trust() } else { Trust::default() };
        for c in db.trust_certs()? {
            if c.role == "root" {
                trust.anchors.push(c.der);
            } else {
                trust.intermediates.push(c.der);
            }
        }
        trust.crls.extend(db.trust_crls()?);
        trust.ocsp = db.ocsp_answers()?;
        trust.now = Some(self.clock.now());
        Ok(trust)
    }

    /// The archive, oldest first, each document with its signatures.
    pub fn documents(&self) -> Result<Vec<DocumentDto>, ApiError> {
        self.need(crate::people::Need::Documents)?;
        let db = self.store.read();
        let mut out = Vec::new();
        let names = self.people_names()?;
        let trust = self.trust()?;
        for d in db.documents()? {
            let rows = db.signatures(d.id)?;
            let content = db.document_bytes(d.id)?.unwrap_or_default();
            let ids: Vec<i64> = rows.iter().map(|s| s.id).collect();
            let by = db.inserted_by("document_signature", &ids)?;
            let signatures = rows
                .into_iter()
                .map(|s| {
                    // The verdict now, with the CRLs and OCSP answers at hand; the one recorded
                    // when the signature was added stands if the signature cannot be read.
                    let now = cms::verify(
                        &s.cms,
                        (!s.attached).then_some(content.as_slice()),
                        &trust,
                        AsOf::SigningTime { fallback: self.clock.now() },
                    )
                    .ok()
                    .and_then(|r| {
                        r.signers
                            .into_iter()
                            .find(|r| r.profile.as_ref().map(|p| p.holder.as_str()) == Some(s.signer.as_str()))
                    });
                    (s, now)
                })
                .map(|(s, now)| SignatureDto {
                    detail: now.as_ref().and_then(|r| outcome_code(&r.outcome).1),
                    revocation: now.as_ref().and_then(|r| r.revocation.as_ref()).map(revocation_dto),
                    timestamp: now.as_ref().and_then(|r| r.timestamp.as_ref()).map(timestamp_dto),
                    recorded_by: by.get(&s.id).and_then(|p| names.get(p)).cloned(),
                    algorithm: eds::cms::signer_algorithms(&s.cms)
                        .into_iter()
                        .find(|(holder, _)| *holder == s.signer)
                        .map_or("other", |(_, a)| algorithm_code(&a))
                        .into(),
                    id: s.id,
                    attached: s.attached,
                    signer: s.signer,
                    iin: s.iin,
                    bin: s.bin,
                    signing_time: s.signing_time,
                    outcome: now.as_ref().map_or(s.outcome, |r| outcome_code(&r.outcome).0.to_string()),
                    added_on: s.added_on,
                })
                .collect();
            out.push(DocumentDto {
                id: d.id,
                title: d.title,
                kind: d.kind,
                file_name: d.file_name,
                sha256: d.sha256,
                size: d.size,
                added_on: d.added_on,
                version_of: d.version_of,
                signatures,
            });
        }
        Ok(out)
    }

    pub fn trust_overview(&self) -> Result<TrustDto, ApiError> {
        self.need(crate::people::Need::Documents)?;
        Ok(TrustDto {
            test_mode: self.test_mode()?,
            certs: self.trust_list()?,
            needed: eds::NCA_CERTIFICATES.iter().map(|s| s.to_string()).collect(),
            timestamps: self.timestamp_settings()?,
            crls: self.trust_crl_list()?,
        })
    }

    /// The newest CRL kept of each issuer, full and delta apart.
    fn trust_crl_list(&self) -> Result<Vec<TrustCrlDto>, ApiError> {
        let now = self.clock.now();
        let mut newest: Vec<eds::crl::Crl> = Vec::new();
        // Every kept CRL was verified against its issuer when kept; one that no longer parses
        // (it cannot: the store is append-only) is left out of the list, not an error.
        for der in self.store.read().trust_crls()? {
            let Ok(crl) = eds::crl::parse(&der) else { continue };
            let same = |c: &eds::crl::Crl| {
                c.issuer_name == crl.issuer_name && c.delta_base.is_some() == crl.delta_base.is_some()
            };
            match newest.iter_mut().find(|c| same(c)) {
                Some(kept) if kept.this_update >= crl.this_update => {}
                Some(kept) => *kept = crl,
                None => newest.push(crl),
            }
        }
        Ok(newest
            .into_iter()
            .map(|c| TrustCrlDto {
                issuer: c.issuer,
                this_update: c.this_update.date_naive().to_string(),
                next_update: c.next_update.map(|t| t.date_naive().to_string()),
                delta: c.delta_base.is_some(),
                current: c.next_update.is_none_or(|t| t >= now),
                revoked: c.entries.len(),
            })
            .collect())
    }

    /// Adds a signed document received from elsewhere (a platform's notice, a signed
    /// acknowledgement): verified now, kept with every signer's verdict, whatever it is.
    pub fn add_received(
        &mut self,
        cms: &[u8],
        content: Option<&[u8]>,
        file_name: &str,
        title: &str,
        kind: &str,
    ) -> Result<DocumentDto, ApiError> {
        self.need(crate::people::Need::Documents)?;
        crate::limits::check(&[("title", title, crate::limits::LIMITS.line)])?;
        let trust = self.trust()?;
        let report = cms::verify(cms, content, &trust, AsOf::SigningTime { fallback: self.clock.now() })?;
        // CRLs inside the signature are kept when a trusted CA's key checks them.
        let inside: Vec<(String, Vec<u8>)> = cms::crls(cms)
            .into_iter()
            .filter_map(|der| {
                let crl = eds::crl::parse(&der).ok()?;
                eds::crl::issuer_among(&crl, trust.anchors.iter().chain(&trust.intermediates)).ok()?;
                Some((crl.issuer, der))
            })
            .collect();
        let bytes = match content {
            Some(c) => c.to_vec(),
            None => cms::attached_content(cms).unwrap_or_default(),
        };
        let today = self.today();
        let id = self.store.write(|db| -> Result<i64, ApiError> {
            // The same document with the same signature again (opened twice, picked twice).
            if db.archived_with(&bytes, cms)? {
                return Err(ApiError::new(
                    ErrorCode::DocumentAlreadyArchived,
                    "this signed document is in the archive",
                ));
            }
            let id = db.insert_document(title, kind, file_name, &bytes, today, None)?;
            for (issuer, der) in &inside {
                db.add_trust_crl(issuer, der, today)?;
            }
            for s in &report.signers {
                let (outcome, _) = outcome_code(&s.outcome);
                db.insert_signature(&NewSignature {
                    document_id: id,
                    cms,
                    attached: report.attached,
                    signer: s.profile.as_ref().map(|p| p.holder.as_str()).unwrap_or("?"),
                    iin: s.profile.as_ref().and_then(|p| p.iin.as_deref()),
                    bin: s.profile.as_ref().and_then(|p| p.bin.as_deref()),
                    signing_time: s.signing_time.map(|t| t.to_rfc3339()),
                    outcome,
                    added_on: today,
                })?;
            }
            Ok(id)
        })?;
        self.documents()?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the document just added is missing"))
    }

    /// Signs a file kept with a fine (the dispute letter) into the archive.
    pub fn sign_fine_file(
        &mut self,
        file_id: i64,
        p12: &[u8],
        password: Zeroizing<String>,
        layout: Layout,
    ) -> Result<SignedDto, ApiError> {
        self.need(crate::people::Need::Sign)?;
        let (name, bytes) = self.fine_file(file_id)?;
        let kind = if name.starts_with("dispute-letter") { "dispute_letter" } else { "other" };
        let doc = DocumentToSign { content: &bytes, file_name: &name, title: &name, kind };
        let signed = self.sign_document(&doc, p12, password, layout)?;
        Ok(SignedDto {
            document_id: signed.document_id,
            verification: signed.verification,
            timestamp_problem: signed.timestamp_problem,
        })
    }

    /// Signs a document of the archive (the exit completion statement): its signature joins it.
    pub fn sign_archived_document(
        &mut self,
        document_id: i64,
        p12: &[u8],
        password: Zeroizing<String>,
        layout: Layout,
    ) -> Result<SignedDto, ApiError> {
        self.need(crate::people::Need::Sign)?;
        let (doc, bytes) = archived(&self.store.read(), document_id)?;
        let to_sign = DocumentToSign { content: &bytes, file_name: &doc.file_name, title: &doc.title, kind: &doc.kind };
        let signed = self.sign_document(&to_sign, p12, password, layout)?;
        Ok(SignedDto {
            document_id: signed.document_id,
            verification: signed.verification,
            timestamp_problem: signed.timestamp_problem,
        })
    }

    /// A document of the archive as it was kept: (file name, bytes).
    pub fn archived_document(&self, document_id: i64) -> Result<(String, Vec<u8>), ApiError> {
        self.need(crate::people::Need::Documents)?;
        let (doc, bytes) = archived(&self.store.read(), document_id)?;
        Ok((doc.file_name, bytes))
    }

    /// The signed document's files as saved: (name, bytes) of the document and of its latest
    /// signature (`.cms`; when attached, the `.cms` alone holds everything).
    pub fn signed_files(&self, document_id: i64) -> Result<(String, Vec<u8>, Vec<u8>, bool), ApiError> {
        self.need(crate::people::Need::Documents)?;
        let db = self.store.read();
        let (doc, bytes) = archived(&db, document_id)?;
        let (cms, attached) = db
            .signature_cms(document_id)?
            .ok_or_else(|| ApiError::new(ErrorCode::FileNotFound, "the document is not signed"))?;
        Ok((doc.file_name, bytes, cms, attached))
    }

    /// Opens a key container to show who would sign, before the user confirms.
    pub fn key_info(&self, p12: &[u8], password: Zeroizing<String>) -> Result<SignerDto, ApiError> {
        self.need(crate::people::Need::Sign)?;
        let c = eds::open(p12, password)?;
        Ok(signer_dto(&c.profile))
    }

    /// Verifies a signature (with `content` when detached) against the trust store, each
    /// certificate judged at its signing time, or as of `as_of`.
    pub fn verify_signature(
        &self,
        cms: &[u8],
        content: Option<&[u8]>,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<VerificationDto, ApiError> {
        self.need(crate::people::Need::Documents)?;
        let when = match as_of {
            Some(at) => AsOf::At(at),
            None => AsOf::SigningTime { fallback: Utc::now() },
        };
        Ok(verification_dto(&cms::verify(cms, content, &self.trust()?, when)?))
    }

    /// Signs `content` with the container, after the checks of 4.5: a SIGN key, valid today, not
    /// revoked, and the seller's own (the entrepreneur's IIN, or the legal entity's BIN). The
    /// document (unless the archive has these bytes already) and its signature go into the
    /// archive; nothing is kept when signing is refused.
    pub fn sign_document(
        &mut self,
        doc: &DocumentToSign<'_>,
        p12: &[u8],
        password: Zeroizing<String>,
        layout: Layout,
    ) -> Result<Signed, ApiError> {
        self.need(crate::people::Need::Sign)?;
        let content = doc.content;
        let seller =
            self.store.read().seller()?.ok_or_else(|| ApiError::new(ErrorCode::ShopMissing, "there is no shop yet"))?;
        let container = eds::open(p12, password)?;
        let p = &container.profile;
        if p.purpose != KeyPurpose::Sign {
            return Err(EdsError::AuthKey.into());
        }
        let now = Utc::now();
        if now < p.not_before || now > p.not_after {
            return Err(ApiError::new(
                ErrorCode::EdsKeyExpired,
                format!("the certificate is valid until {}", p.not_after),
            ));
        }
        let own = match &seller.tax_id {
            club::ident::TaxId::Bin(bin) => p.bin.as_deref() == Some(bin.as_str()),
            club::ident::TaxId::Iin(iin) => p.iin.as_deref() == Some(iin.as_str()) && p.bin.is_none(),
        };
        if !own {
            return Err(ApiError::new(
                ErrorCode::EdsNotSellersKey,
                format!("the key is {}'s, not {}'s ({})", p.holder, seller.name, seller.tax_id.number()),
            ));
        }
        let signature = cms::sign(&container, content, layout, now)?;
        let trust = self.trust()?;
        // A timestamp when the TSA answers (CAdES-T); offline, the signature goes without one.
        let (signature, timestamp_problem) = match self.tsa()? {
            None => (signature, None),
            Some(url) => match crate::revocation::stamp(&url, &signature, &trust) {
                Ok(stamped) => (stamped, None),
                Err((problem, _detail)) => (signature, Some(problem)),
            },
        };
        let report = cms::verify(&signature, Some(content), &trust, AsOf::SigningTime { fallback: now })?;
        let first = report.signers.first().map(|s| s.outcome.clone()).unwrap_or(Outcome::UntrustedChain);
        if let Outcome::Revoked { on } = first {
            return Err(ApiError::new(ErrorCode::EdsKeyRevoked, format!("the certificate was revoked on {on}")));
        }
        let (outcome, _) = outcome_code(&first);
        let today = self.today();
        let attached = layout == Layout::Attached;
        let holder = p.holder.clone();
        let document_id = self.store.write(|db| -> Result<i64, ApiError> {
            // Signing a document already in the archive adds a signature to it; other bytes
            // are another document (nothing is ever replaced).
            let id = match db.document_by_content(content)? {
                Some(id) => id,
                None => db.insert_document(doc.title, doc.kind, doc.file_name, content, today, None)?,
            };
            db.insert_signature(&NewSignature {
                document_id: id,
                cms: &signature,
                attached,
                signer: &holder,
                iin: p.iin.as_deref(),
                bin: p.bin.as_deref(),
                signing_time: Some(now.to_rfc3339()),
                outcome,
                added_on: today,
            })?;
            Ok(id)
        })?;
        Ok(Signed { document_id, timestamp_problem, cms: signature, verification: verification_dto(&report) })
    }
}
