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

impl Desk {
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
