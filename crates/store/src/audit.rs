//! The audit trail of clause 6.8: every change, when, by which profile, before and after.
//!
//! Rows are chained: each row's hash is SHA-256 over the previous row's hash and the row's own
//! fields, so changing, removing or reordering a row outside Seller Desk breaks the chain at
//! that row. Rows are also cross-checked against the append-only membership history, so a
//! removed last row is found too.

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::{Db, StoreError};

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub profile: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// Why the audit trail does not verify, naming the first row that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditBreak {
    #[error("audit row {seq} was changed after it was written")]
    Altered { seq: i64 },
    #[error("audit rows are missing before row {seq}")]
    Missing { seq: i64 },
    #[error("audit row {seq} does not follow the row before it (rows removed or reordered)")]
    Unchained { seq: i64 },
    #[error("membership event {event} has no audit row (audit rows removed)")]
    Unrecorded { event: i64 },
}

/// The hash of one row: SHA-256 over the previous row's hash and every field.
#[allow(clippy::too_many_arguments)]
pub fn row_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    profile: &str,
    entity: &str,
    entity_id: &str,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    // Every field is length-prefixed, so that no two different rows hash the same bytes.
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(prev_hash.as_bytes());
    field(&seq.to_le_bytes());
    for text in [at, profile, entity, entity_id, action] {
        field(text.as_bytes());
    }
    for optional in [before, after] {
        match optional {
            Some(text) => {
                field(&[1]);
                field(text.as_bytes());
            }
            None => field(&[0]),
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Db<'_> {
    /// Appends one audit row for a change made in the same transaction.
    pub(crate) fn audit(
        &self,
        entity: &str,
        entity_id: impl ToString,
        action: &str,
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> Result<(), StoreError> {
        let last: Option<(i64, String)> = self
            .conn
            .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (seq, prev_hash) = match last {
            Some((seq, hash)) => (seq + 1, hash),
            None => (1, GENESIS.to_string()),
        };
        let at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
        let entity_id = entity_id.to_string();
        let before = before.map(Value::to_string);
        let after = after.map(Value::to_string);
        let hash = row_hash(
            &prev_hash,
            seq,
            &at,
            self.profile,
            entity,
            &entity_id,
            action,
            before.as_deref(),
            after.as_deref(),
        );
        self.conn.execute(
            "INSERT INTO audit_log (seq, at, profile, entity, entity_id, action, before, after, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![seq, at, self.profile, entity, entity_id, action, before, after, prev_hash, hash],
        )?;
        Ok(())
    }

    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, profile, entity, entity_id, action, before, after, prev_hash, hash FROM audit_log ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                profile: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                action: r.get(5)?,
                before: r.get(6)?,
                after: r.get(7)?,
                prev_hash: r.get(8)?,
                hash: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Checks the whole chain; returns the number of rows, or the first row that is wrong.
    pub fn verify_audit(&self) -> Result<Result<usize, AuditBreak>, StoreError> {
        let rows = self.audit_log()?;
        let mut prev_hash = GENESIS.to_string();
        for (expected_seq, row) in (1..).zip(&rows) {
            if row.seq != expected_seq {
                return Ok(Err(AuditBreak::Missing { seq: row.seq }));
            }
            let computed = row_hash(
                &row.prev_hash,
                row.seq,
                &row.at,
                &row.profile,
                &row.entity,
                &row.entity_id,
                &row.action,
                row.before.as_deref(),
                row.after.as_deref(),
            );
            if computed != row.hash {
                return Ok(Err(AuditBreak::Altered { seq: row.seq }));
            }
            if row.prev_hash != prev_hash {
                return Ok(Err(AuditBreak::Unchained { seq: row.seq }));
            }
            prev_hash = row.hash.clone();
        }
        // The membership history is append-only: each of its events was audited when written.
        let mut stmt = self.conn.prepare("SELECT seq FROM membership_event ORDER BY seq")?;
        let events: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        for event in events {
            let id = event.to_string();
            if !rows.iter().any(|r| r.entity == "membership_event" && r.entity_id == id && r.action == "insert") {
                return Ok(Err(AuditBreak::Unrecorded { event }));
            }
        }
        Ok(Ok(rows.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_covers_every_field() {
        let base = row_hash(GENESIS, 1, "t", "owner", "outlet", "1", "insert", None, Some("{}"));
        let variants = [
            row_hash("1", 1, "t", "owner", "outlet", "1", "insert", None, Some("{}")),
            row_hash(GENESIS, 2, "t", "owner", "outlet", "1", "insert", None, Some("{}")),
            row_hash(GENESIS, 1, "u", "owner", "outlet", "1", "insert", None, Some("{}")),
            row_hash(GENESIS, 1, "t", "staff", "outlet", "1", "insert", None, Some("{}")),
            row_hash(GENESIS, 1, "t", "owner", "seller", "1", "insert", None, Some("{}")),
            row_hash(GENESIS, 1, "t", "owner", "outlet", "2", "insert", None, Some("{}")),
            row_hash(GENESIS, 1, "t", "owner", "outlet", "1", "update", None, Some("{}")),
            row_hash(GENESIS, 1, "t", "owner", "outlet", "1", "insert", Some("{}"), Some("{}")),
            row_hash(GENESIS, 1, "t", "owner", "outlet", "1", "insert", None, None),
            // Moving bytes between fields must change the hash too.
            row_hash(GENESIS, 1, "t", "owner", "outle", "t1", "insert", None, Some("{}")),
        ];
        for (i, v) in variants.iter().enumerate() {
            assert_ne!(&base, v, "variant {i}");
        }
        assert_eq!(base.len(), 64);
    }
}
