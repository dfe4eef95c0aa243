//! Preferences kept with the seller's data.

use rusqlite::{params, OptionalExtension};

use crate::{Db, StoreError};

impl Db<'_> {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Sets a setting that changes what a verdict or a signature means (test keys, timestamps),
    /// with an audit row when its value changes.
    pub fn set_audited_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let before = self.setting(key)?;
        if before.as_deref() == Some(value) {
            return Ok(());
        }
        self.set_setting(key, value)?;
        self.audit(
            "setting",
            key,
            "update",
            before.map(|b| serde_json::json!({ "value": b })).as_ref(),
            Some(&serde_json::json!({ "value": value })),
        )
    }

    /// Which of `keys` were shown before.
    pub fn reminders_sent(&self, keys: &[String]) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT 1 FROM reminder_sent WHERE key = ?1")?;
        let mut seen = Vec::new();
        for key in keys {
            if stmt.exists([key])? {
                seen.push(key.clone());
            }
        }
        Ok(seen)
    }

    /// Remembers that `keys` were shown at `at`.
    pub fn mark_reminders_sent(&self, keys: &[String], at: &str) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("INSERT OR IGNORE INTO reminder_sent (key, sent_at) VALUES (?1, ?2)")?;
        for key in keys {
            stmt.execute(params![key, at])?;
        }
        Ok(())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}
