//! Checking the audit trail of 6.8.

use serde::{Deserialize, Serialize};
use store::AuditBreak;
use ts_rs::TS;

use crate::{ApiError, Desk};

/// The outcome of `seller-desk audit verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditReport {
    /// Rows checked.
    pub rows: u32,
    /// The first problem found, in English, naming the row; `None` when the chain is intact.
    pub problem: Option<String>,
    /// The audit row (or, for a missing record, the membership event) the problem is at.
    pub first_bad: Option<i64>,
}

/// One row of the audit trail as people read it: who (the person's name), when, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditRowDto {
    pub seq: i64,
    pub at: String,
    /// The person who made the change; `None` for rows from before the shop had people, or
    /// made while setting it up.
    pub person: Option<String>,
    pub profile: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub after: Option<String>,
}

impl Desk {
    /// The newest `limit` rows of the audit trail, newest first, each naming its person (6.8).
    pub fn audit_trail(&self, limit: usize) -> Result<Vec<AuditRowDto>, ApiError> {
        self.need(crate::people::Need::Audit)?;
        let names = self.people_names()?;
        let log = self.store.read().audit_log()?;
        Ok(log
            .into_iter()
            .rev()
            .take(limit)
            .map(|r| AuditRowDto {
                seq: r.seq,
                at: r.at,
                person: names.get(&r.profile).cloned(),
                profile: r.profile,
                entity: r.entity,
                entity_id: r.entity_id,
                action: r.action,
                after: r.after,
            })
            .collect())
    }

    pub fn verify_audit(&self) -> Result<AuditReport, ApiError> {
        self.need(crate::people::Need::Audit)?;
        let rows = self.store.read().audit_log()?.len();
        let rows = u32::try_from(rows).unwrap_or(u32::MAX);
        Ok(match self.store.read().verify_audit()? {
            Ok(_) => AuditReport { rows, problem: None, first_bad: None },
            Err(e) => {
                let at = match e {
                    AuditBreak::Altered { seq } | AuditBreak::Missing { seq } | AuditBreak::Unchained { seq } => seq,
                    AuditBreak::Unrecorded { event } => event,
                };
                AuditReport { rows, problem: Some(e.to_string()), first_bad: Some(at) }
            }
        })
    }
}
