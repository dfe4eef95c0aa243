//! Revocation and timestamps when online (4.5): OCSP answers asked for the signers of the
//! archive's signatures and kept with their documents once checked; timestamps (CAdES-T) from a
//! TSA — NCA's by default — put into the signatures Seller Desk makes. Offline is normal: each
//! address that cannot be reached is reported, signing goes on without a timestamp, and
//! verdicts fall back to CRLs.
//!
//! As with CRLs, OCSP questions are asked without the desk ([`ask_ocsp`]) and what came back is
//! checked and kept in one step; the TSA is asked while signing (the desk held, at most 10 s),
//! since the signature is kept only once it is stamped or known unstamped.

use std::time::Duration;

use eds::revocation::{NotChecked, Revocation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, Desk, ErrorCode};

/// NCA RK's time-stamp service.
pub const NCA_TSA: &str = "http://tsp.pki.gov.kz:80";
const TSA_KEY: &str = "tsa_url";
const TIMESTAMPS_KEY: &str = "timestamps";
/// How long a responder or a TSA may take before it counts as unreachable.
const TIMEOUT: Duration = Duration::from_secs(10);
const LIMIT: u64 = 1024 * 1024;

/// How revocation was established for a signer, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RevocationDto {
    /// crl, ocsp or not_checked.
    pub method: String,
    /// The CRL's issuer, the OCSP responder, or (not checked) the certificate's holder.
    pub source: String,
    /// When the CRL was issued, or the OCSP answer produced.
    pub issued: Option<String>,
    /// The CRL's next update (the delta's, when one applied).
    pub next_update: Option<String>,
    /// When the delta CRL applied was issued.
    pub delta: Option<String>,
    /// Not checked: no_source, stale or unknown_to_responder.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimestampDto {
    pub time: String,
    pub tsa: String,
}

pub(crate) fn revocation_dto(r: &Revocation) -> RevocationDto {
    let t = |t: &chrono::DateTime<chrono::Utc>| t.to_rfc3339();
    match r {
        Revocation::Crl { issuer, this_update, next_update, delta } => RevocationDto {
            method: "crl".into(),
            source: issuer.clone(),
            issued: Some(t(this_update)),
            next_update: next_update.as_ref().map(t),
            delta: delta.as_ref().map(t),
            reason: None,
        },
        Revocation::Ocsp { responder, produced_at } => RevocationDto {
            method: "ocsp".into(),
            source: responder.clone(),
            issued: Some(t(produced_at)),
            next_update: None,
            delta: None,
            reason: None,
        },
        Revocation::NotChecked { certificate, reason } => {
            let (code, next) = match reason {
                NotChecked::NoSource => ("no_source", None),
                NotChecked::Stale { next_update } => ("stale", next_update.as_ref().map(t)),
                NotChecked::UnknownToResponder => ("unknown_to_responder", None),
            };
            RevocationDto {
                method: "not_checked".into(),
                source: certificate.clone(),
                issued: None,
                next_update: next,
                delta: None,
                reason: Some(code.into()),
            }
        }
    }
}

pub(crate) fn timestamp_dto(t: &eds::tsp::Timestamp) -> TimestampDto {
    TimestampDto { time: t.time.to_rfc3339(), tsa: t.tsa.clone() }
}

/// One OCSP question: about a signer's certificate of an archived document.
#[derive(Debug, Clone)]
pub struct OcspAsk {
    pub document_id: i64,
    pub holder: String,
    pub url: String,
    cert: Vec<u8>,
    issuer: Vec<u8>,
    nonce: Vec<u8>,
    request: Vec<u8>,
}

/// What became of one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OcspCheckDto {
    pub holder: String,
    pub url: String,
    /// good, revoked or unknown when an answer was kept.
    pub status: Option<String>,
    /// unreachable, refused, forged or stale; `None` when kept.
    pub problem: Option<String>,
    /// What went wrong, in English, for the log.
    pub detail: Option<String>,
}

/// Asks each responder (http, as NCA's answers). No desk is held.
pub fn ask_ocsp(asks: Vec<OcspAsk>) -> Vec<(OcspAsk, Result<Vec<u8>, String>)> {
    asks.into_iter()
        .map(|a| {
            let got = post(&a.url, "application/ocsp-request", &a.request);
            (a, got)
        })
        .collect()
}

fn post(url: &str, content_type: &str, body: &[u8]) -> Result<Vec<u8>, String> {
    if !url.starts_with("http://") && !url.starts_with("https://") {
        return Err("only http and https addresses are asked".into());
    }
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).build().into();
    agent
        .post(url)
        .header("Content-Type", content_type)
        .send(body)
        .and_then(|mut r| r.body_mut().with_config().limit(LIMIT).read_to_vec())
        .map_err(|e| e.to_string())
}

/// Asks the TSA at `url` for a timestamp over the first signer's signature value and puts the
/// token into the signature, once it is seen to stamp that value and to come from a TSA the
/// trust store trusts. No desk is held.
pub fn stamp(url: &str, cms: &[u8], trust: &eds::cms::Trust) -> Result<Vec<u8>, (String, String)> {
    let value = eds::cms::signature_values(cms).into_iter().next().ok_or(("refused".into(), "no signer".into()))?;
    let nonce = rand::random::<u64>() >> 1;
    let reply = post(url, "application/timestamp-query", &eds::tsp::request(&value, nonce))
        .map_err(|e| ("unreachable".to_string(), e))?;
    let token =
        eds::tsp::token_from_reply(&reply, &value, nonce).map_err(|e| ("refused".to_string(), e.to_string()))?;
    eds::tsp::verify(&token, &value, trust).map_err(|e| ("untrusted".to_string(), e.to_string()))?;
    eds::cms::add_timestamp(cms, 0, &token).map_err(|e| ("refused".to_string(), e.to_string()))
}

/// The timestamp settings: whether signatures get one, and from which TSA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimestampSettingsDto {
    pub on: bool,
    pub url: String,
}

impl Desk {
    pub fn timestamp_settings(&self) -> Result<TimestampSettingsDto, ApiError> {
        self.need(crate::people::Need::Documents)?;
        let db = self.store.read();
        Ok(TimestampSettingsDto {
            on: db.setting(TIMESTAMPS_KEY)?.as_deref() != Some("off"),
            url: db.setting(TSA_KEY)?.unwrap_or_else(|| NCA_TSA.to_string()),
        })
    }

    /// Turns timestamps on or off and sets the TSA's address (http or https; empty: NCA's).
    pub fn set_timestamps(&mut self, on: bool, url: &str) -> Result<TimestampSettingsDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        let url = url.trim();
        let url = if url.is_empty() { NCA_TSA } else { url };
        crate::limits::check(&[("url", url, crate::limits::LIMITS.line)])?;
        let parsed = url::Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if parsed.is_none() {
            return Err(ApiError::new(ErrorCode::TsaAddressInvalid, format!("not an http(s) address: {url}")));
        }
        self.store.write(|db| -> Result<(), ApiError> {
            db.set_audited_setting(TIMESTAMPS_KEY, if on { "on" } else { "off" })?;
            db.set_audited_setting(TSA_KEY, url)?;
            Ok(())
        })?;
        self.timestamp_settings()
    }

    /// The TSA to ask when signing, if timestamps are on.
    pub(crate) fn tsa(&self) -> Result<Option<String>, ApiError> {
        let db = self.store.read();
        if db.setting(TIMESTAMPS_KEY)?.as_deref() == Some("off") {
            return Ok(None);
        }
        Ok(Some(db.setting(TSA_KEY)?.unwrap_or_else(|| NCA_TSA.to_string())))
    }

    /// One OCSP question for each signer of the archive whose certificate names a responder
    /// and whose issuer is known.
    pub fn ocsp_asks(&self) -> Result<Vec<OcspAsk>, ApiError> {
        self.need(crate::people::Need::Documents)?;
        let trust = self.trust()?;
        let db = self.store.read();
        let mut asks: Vec<OcspAsk> = Vec::new();
        for doc in db.documents()? {
            for s in db.signatures(doc.id)? {
                let pool: Vec<Vec<u8>> = trust
                    .anchors
                    .iter()
                    .chain(&trust.intermediates)
                    .cloned()
                    .chain(eds::cms::certificates(&s.cms))
                    .collect();
                for cert in eds::cms::signer_certificates(&s.cms) {
                    if asks.iter().any(|a| a.cert == cert) {
                        continue;
                    }
                    let Some(issuer) = pool.iter().find(|i| eds::cms::issued_by(&cert, i)) else { continue };
                    let Some(url) = eds::cert::ocsp_addresses(&cert).into_iter().next() else { continue };
                    let nonce: Vec<u8> = rand::random::<[u8; 16]>().to_vec();
                    let Ok(request) = eds::ocsp::request(&cert, issuer, &nonce) else { continue };
                    let holder = eds::cert::profile(&cert).map(|p| p.holder).unwrap_or_default();
                    asks.push(OcspAsk {
                        document_id: doc.id,
                        holder,
                        url,
                        cert,
                        issuer: issuer.clone(),
                        nonce,
                        request,
                    });
                }
            }
        }
        Ok(asks)
    }

    /// Checks each answer (subject, signature, nonce, freshness) and keeps those that pass with
    /// their document; reports the rest.
    pub fn keep_ocsp_answers(
        &mut self,
        answered: Vec<(OcspAsk, Result<Vec<u8>, String>)>,
    ) -> Result<Vec<OcspCheckDto>, ApiError> {
        self.need(crate::people::Need::Documents)?;
        let now = self.clock.now();
        let mut out = Vec::new();
        for (ask, got) in answered {
            let dto = |status: Option<&str>, problem: Option<&str>, detail: Option<String>| OcspCheckDto {
                holder: ask.holder.clone(),
                url: ask.url.clone(),
                status: status.map(str::to_string),
                problem: problem.map(str::to_string),
                detail,
            };
            let bytes = match got {
                Ok(bytes) => bytes,
                Err(e) => {
                    out.push(dto(None, Some("unreachable"), Some(e)));
                    continue;
                }
            };
            match eds::ocsp::check(&bytes, &ask.cert, &ask.issuer, &ask.nonce, now) {
                Ok((response, responder)) => {
                    let status = match response.status {
                        eds::ocsp::Status::Good => "good",
                        eds::ocsp::Status::Revoked(_) => "revoked",
                        eds::ocsp::Status::Unknown => "unknown",
                    };
                    self.store.write(|db| {
                        db.add_ocsp_answer(&store::documents::NewOcspAnswer {
                            document_id: Some(ask.document_id),
                            holder: &ask.holder,
                            status,
                            responder: &responder,
                            produced_at: &response.produced_at.to_rfc3339(),
                            der: &response.der,
                            fetched_at: &now.to_rfc3339(),
                        })
                    })?;
                    out.push(dto(Some(status), None, None));
                }
                Err(e) => {
                    let problem = match e {
                        eds::ocsp::OcspError::Stale { .. } => "stale",
                        eds::ocsp::OcspError::Refused(_) | eds::ocsp::OcspError::NotAResponse => "refused",
                        _ => "forged",
                    };
                    out.push(dto(None, Some(problem), Some(e.to_string())));
                }
            }
        }
        Ok(out)
    }
}
