//! How a certificate's revocation is established for a verdict: a kept OCSP answer about it, or
//! a current CRL of its issuer (with the delta CRL that applies to it), each counting only when
//! the issuer's key checks its signature. Without one the verdict says "not checked" and why —
//! never plain "valid".

use chrono::{DateTime, Duration, Utc};

use crate::cms::{CertParts, Trust};
use crate::crl::{self, Crl};
use crate::ocsp::{self, Status as OcspStatus};

/// How revocation was established for a certificate, or why it was not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// By a CRL of the issuer, current when checked; `delta` is the issue time of the delta CRL
    /// applied to it.
    Crl { issuer: String, this_update: DateTime<Utc>, next_update: Option<DateTime<Utc>>, delta: Option<DateTime<Utc>> },
    /// By an OCSP answer of the issuer's responder.
    Ocsp { responder: String, produced_at: DateTime<Utc> },
    /// Not established for `certificate` (the holder's name).
    NotChecked { certificate: String, reason: NotChecked },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotChecked {
    /// No CRL of the issuer and no OCSP answer.
    NoSource,
    /// The issuer's CRLs are all past their next update (the latest of which is given).
    Stale { next_update: Option<DateTime<Utc>> },
    /// The responder answered that it does not know the certificate, and no CRL covers it.
    UnknownToResponder,
}

pub(crate) enum Status {
    Good(Revocation),
    /// Revoked on `on`, established `by` a CRL or an OCSP answer.
    Revoked {
        on: DateTime<Utc>,
        by: Revocation,
    },
    Unchecked(Revocation),
}

/// The CRLs and OCSP answers a verification may use, read once.
pub(crate) struct Sources {
    crls: Vec<Crl>,
    ocsp: Vec<ocsp::Response>,
    now: DateTime<Utc>,
}

impl Sources {
    pub(crate) fn new(trust: &Trust, inside: &[Vec<u8>], now: DateTime<Utc>) -> Sources {
        Sources {
            crls: trust.crls.iter().chain(inside).filter_map(|c| crl::parse(c).ok()).collect(),
            ocsp: trust.ocsp.iter().filter_map(|o| ocsp::parse(o).ok()).collect(),
            now,
        }
    }

    /// The revocation status of `cert` (issued by `issuer`, whose key is `issuer_spki`) for a
    /// verdict about `matters` (the time the signature is judged at).
    pub(crate) fn status(
        &self,
        cert: &CertParts,
        holder: &str,
        issuer: &CertParts,
        issuer_spki: &[u8],
        matters: DateTime<Utc>,
    ) -> Status {
        let mine: Vec<&Crl> = self
            .crls
            .iter()
            .filter(|c| c.issuer_name == issuer.subject && c.signed_by(issuer_spki) == Ok(true))
            .collect();
        // A revocation is final whatever the age of the list that says so; a later delta CRL's
        // "remove from CRL" lifts a hold.
        for listing in &mine {
            let Some(entry) = listing.entry(&cert.serial).filter(|e| !e.removed) else { continue };
            let lifted = mine.iter().any(|d| {
                d.delta_base.is_some()
                    && d.this_update > listing.this_update
                    && d.entry(&cert.serial).is_some_and(|e| e.removed)
            });
            if !lifted {
                let by = Revocation::Crl {
                    issuer: listing.issuer.clone(),
                    this_update: listing.this_update,
                    next_update: listing.next_update,
                    delta: listing.delta_base.as_ref().map(|_| listing.this_update),
                };
                return Status::Revoked { on: entry.revoked_on, by };
            }
        }
        let answers: Vec<(&ocsp::Response, String)> = self
            .ocsp
            .iter()
            .filter(|r| r.about(&cert.der, &issuer.der))
            .filter_map(|r| Some((r, r.verify_signature(&issuer.der).ok()?)))
            .collect();
        if let Some((on, by)) = answers.iter().find_map(|(r, responder)| match r.status {
            OcspStatus::Revoked(on) => {
                Some((on, Revocation::Ocsp { responder: responder.clone(), produced_at: r.produced_at }))
            }
            _ => None,
        }) {
            return Status::Revoked { on, by };
        }
        // An answer counts when made after the time that matters, or while still current.
        let usable = |r: &ocsp::Response| r.this_update >= matters - Duration::minutes(15) || r.fresh(self.now);
        if let Some((r, responder)) =
            answers.iter().filter(|(r, _)| r.status == OcspStatus::Good && usable(r)).max_by_key(|(r, _)| r.produced_at)
        {
            return Status::Good(Revocation::Ocsp { responder: responder.clone(), produced_at: r.produced_at });
        }
        let full = mine.iter().filter(|c| c.delta_base.is_none()).max_by_key(|c| c.this_update);
        if let Some(full) = full.filter(|c| c.current(self.now)) {
            return Status::Good(Revocation::Crl {
                issuer: full.issuer.clone(),
                this_update: full.this_update,
                next_update: full.next_update,
                delta: None,
            });
        }
        // A current delta CRL completes a full one whose number is at least its base.
        if let Some(full) = full {
            let delta = mine
                .iter()
                .filter(|d| d.current(self.now))
                .filter(|d| match (&d.delta_base, &full.number) {
                    (Some(base), Some(number)) => crl::cmp_numbers(number, base) != std::cmp::Ordering::Less,
                    _ => false,
                })
                .max_by_key(|d| d.this_update);
            if let Some(delta) = delta {
                return Status::Good(Revocation::Crl {
                    issuer: full.issuer.clone(),
                    this_update: full.this_update,
                    next_update: delta.next_update,
                    delta: Some(delta.this_update),
                });
            }
        }
        let reason = if answers.iter().any(|(r, _)| r.status == OcspStatus::Unknown && usable(r)) {
            NotChecked::UnknownToResponder
        } else if mine.is_empty() {
            NotChecked::NoSource
        } else {
            NotChecked::Stale { next_update: mine.iter().filter_map(|c| c.next_update).max() }
        };
        Status::Unchecked(Revocation::NotChecked { certificate: holder.to_string(), reason })
    }
}
