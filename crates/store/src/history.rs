//! The append-only membership history.

use chrono::{NaiveDate, Utc};
use club::membership::{EventKind, MembershipEvent};
use rusqlite::params;

use crate::shop::date;
use crate::{Db, StoreError};

impl Db<'_> {
    /// The whole history in order.
    pub fn events(&self) -> Result<Vec<MembershipEvent>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT seq, occurred_on, payload, note FROM membership_event ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let payload: String = r.get(2)?;
            let kind: EventKind =
                serde_json::from_str(&payload).map_err(|e| StoreError::BadData(format!("event {payload:?}: {e}")))?;
            out.push(MembershipEvent { seq: r.get(0)?, occurred_on: date(r, 1)?, kind, note: r.get(3)? });
        }
        Ok(out)
    }

    /// Appends an event; returns its `seq`.
    pub fn append_event(&self, occurred_on: NaiveDate, kind: &EventKind, note: &str) -> Result<i64, StoreError> {
        let payload = serde_json::to_string(kind).map_err(|e| StoreError::BadData(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO membership_event (occurred_on, kind, payload, note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![occurred_on.to_string(), kind.code(), payload, note, Utc::now().to_rfc3339()],
        )?;
        let seq = self.conn.last_insert_rowid();
        let after = serde_json::json!({"occurred_on": occurred_on, "kind": kind, "note": note});
        self.audit("membership_event", seq, "insert", None, Some(&after))?;
        Ok(seq)
    }
}
