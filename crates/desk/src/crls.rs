//! CRLs downloaded from their distribution points when online (4.5). The addresses come from the
//! certificates Seller Desk knows: the trust store's CAs (which name their root's CRL), NCA's
//! test CAs while test-keys mode is on, and the signers' certificates in the archive (which name
//! their CA's CRL). Offline is normal: an address that cannot be reached is reported as such and
//! nothing else changes; the CRLs imported from files keep working.
//!
//! The download runs without the desk ([`fetch`]), so the window stays usable while it waits;
//! what came back is then checked and kept in one step ([`Desk::keep_fetched_crls`]).

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, Desk};

/// How long one address may take before it counts as unreachable.
const TIMEOUT: Duration = Duration::from_secs(15);
/// NCA's largest CRLs are a few megabytes; anything far larger is not a CRL.
const LIMIT: u64 = 64 * 1024 * 1024;

/// What became of one address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrlFetchDto {
    pub url: String,
    /// The CRL's issuer when one was downloaded and kept.
    pub issuer: Option<String>,
    /// unreachable (offline, no answer, an HTTP error), not_a_crl, crl_forged or
    /// crl_issuer_unknown; `None` when kept.
    pub problem: Option<String>,
    /// What went wrong, in English, for the log.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrlUpdateDto {
    pub kept: u32,
    pub unreachable: u32,
    pub results: Vec<CrlFetchDto>,
    /// The OCSP questions asked for the archive's signers, with what became of each.
    pub ocsp: Vec<crate::revocation::OcspCheckDto>,
}

/// Downloads each address (http only: NCA publishes its CRLs over http). No desk is held.
pub fn fetch(urls: &[String]) -> Vec<(String, Result<Vec<u8>, String>)> {
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).build().into();
    urls.iter()
        .map(|url| {
            let got = if url.starts_with("http://") {
                agent
                    .get(url)
                    .call()
                    .and_then(|mut r| r.body_mut().with_config().limit(LIMIT).read_to_vec())
                    .map_err(|e| e.to_string())
            } else {
                Err("only http addresses are downloaded".to_string())
            };
            (url.clone(), got)
        })
        .collect()
}

impl Desk {
    /// The CRL distribution points of the certificates Seller Desk knows, each once.
    pub fn crl_addresses(&self) -> Result<Vec<String>, ApiError> {
        self.need(crate::people::Need::Documents)?;
        let db = self.store.read();
        let mut certs: Vec<Vec<u8>> = db.trust_certs()?.into_iter().map(|c| c.der).collect();
        if self.test_mode()? {
            let test = eds::nca_test_trust();
            certs.extend(test.anchors);
            certs.extend(test.intermediates);
        }
        for doc in db.documents()? {
            for s in db.signatures(doc.id)? {
                certs.extend(eds::cms::certificates(&s.cms));
            }
        }
        let mut out: Vec<String> = Vec::new();
        for url in certs.iter().flat_map(|c| eds::cert::crl_distribution_points(c)) {
            if !out.contains(&url) {
                out.push(url);
            }
        }
        Ok(out)
    }

    /// Keeps every downloaded CRL in the trust store (a file that is not a CRL is reported and
    /// left out) and reports the unreachable addresses.
    pub fn keep_fetched_crls(
        &mut self,
        fetched: Vec<(String, Result<Vec<u8>, String>)>,
    ) -> Result<CrlUpdateDto, ApiError> {
        self.need(crate::people::Need::Documents)?;
        let mut report = CrlUpdateDto { kept: 0, unreachable: 0, results: Vec::new(), ocsp: Vec::new() };
        for (url, got) in fetched {
            let result = match got {
                Ok(bytes) => match self.trust_crl_add(&bytes) {
                    Ok(issuer) => {
                        report.kept += 1;
                        CrlFetchDto { url, issuer: Some(issuer), problem: None, detail: None }
                    }
                    // Not a CRL, or one no trusted CA's key checks (forged on the way, or of a CA
                    // not trusted): refused and not kept.
                    Err(e) => {
                        let problem = match e.code {
                            crate::ErrorCode::TrustCrlForged => "crl_forged",
                            crate::ErrorCode::TrustCrlIssuerUnknown => "crl_issuer_unknown",
                            _ => "not_a_crl",
                        };
                        CrlFetchDto { url, issuer: None, problem: Some(problem.into()), detail: Some(e.message) }
                    }
                },
                Err(detail) => {
                    report.unreachable += 1;
                    CrlFetchDto { url, issuer: None, problem: Some("unreachable".into()), detail: Some(detail) }
                }
            };
            report.results.push(result);
        }
        Ok(report)
    }
}
