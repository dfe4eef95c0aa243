//! The shop's people (6.8): name, role, outlet, the PIN's Argon2id hash and its wrong tries.

use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

use crate::{Db, StoreError};

/// A person as stored. `role` is `owner`, `accountant` or `cashier`; the meaning of roles is
/// `desk`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub outlet_id: Option<i64>,
    pub pin_hash: Option<String>,
    pub failed_tries: u32,
    /// RFC 3339, UTC.
    pub last_failed_at: Option<String>,
    pub locked: bool,
    pub active: bool,
    pub created_on: String,
}

const COLUMNS: &str = "id, name, role, outlet_id, pin_hash, failed_tries, last_failed_at, locked, active, created_on";

fn person(r: &Row<'_>) -> rusqlite::Result<PersonRow> {
    Ok(PersonRow {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        outlet_id: r.get(3)?,
        pin_hash: r.get(4)?,
        failed_tries: r.get(5)?,
        last_failed_at: r.get(6)?,
        locked: r.get::<_, i64>(7)? != 0,
        active: r.get::<_, i64>(8)? != 0,
        created_on: r.get(9)?,
    })
}

/// What the audit trail keeps of a person: never the PIN's hash.
fn public(p: &PersonRow) -> serde_json::Value {
    json!({
        "name": p.name, "role": p.role, "outlet_id": p.outlet_id, "has_pin": p.pin_hash.is_some(),
        "failed_tries": p.failed_tries, "locked": p.locked, "active": p.active,
    })
}

impl Db<'_> {
    /// Everyone, active first, then by id.
    pub fn people(&self) -> Result<Vec<PersonRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("SELECT {COLUMNS} FROM person ORDER BY active DESC, id"))?;
        let rows = stmt.query_map([], person)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn person(&self, id: i64) -> Result<Option<PersonRow>, StoreError> {
        Ok(self.conn.query_row(&format!("SELECT {COLUMNS} FROM person WHERE id = ?1"), [id], person).optional()?)
    }

    pub fn insert_person(
        &self,
        name: &str,
        role: &str,
        outlet_id: Option<i64>,
        pin_hash: Option<&str>,
        created_on: &str,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO person (name, role, outlet_id, pin_hash, created_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, role, outlet_id, pin_hash, created_on],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = self.person(id)?.ok_or(StoreError::NotFound("person"))?;
        self.audit("person", id, "insert", None, Some(&public(&after)))?;
        Ok(id)
    }

    /// Rewrites a person's row; `action` names the change in the audit row's `after`
    /// (`set_role`, `set_pin`, `unlock`, `wrong_pin`, ...).
    pub fn update_person(&self, updated: &PersonRow, action: &str) -> Result<(), StoreError> {
        let before = self.person(updated.id)?.ok_or(StoreError::NotFound("person"))?;
        self.conn.execute(
            "UPDATE person SET name = ?2, role = ?3, outlet_id = ?4, pin_hash = ?5, failed_tries = ?6,
                    last_failed_at = ?7, locked = ?8, active = ?9 WHERE id = ?1",
            params![
                updated.id,
                updated.name,
                updated.role,
                updated.outlet_id,
                updated.pin_hash,
                updated.failed_tries,
                updated.last_failed_at,
                i64::from(updated.locked),
                i64::from(updated.active)
            ],
        )?;
        let mut after = public(updated);
        after["change"] = json!(action);
        self.audit("person", updated.id, "update", Some(&public(&before)), Some(&after))?;
        Ok(())
    }
}

impl Db<'_> {
    /// The profile each of `ids` of `entity` was inserted under, from the audit trail.
    pub fn inserted_by(&self, entity: &str, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT profile FROM audit_log WHERE entity = ?1 AND entity_id = ?2 AND action = 'insert' ORDER BY seq LIMIT 1",
        )?;
        let mut out = std::collections::HashMap::new();
        for id in ids {
            if let Some(profile) =
                stmt.query_row(params![entity, id.to_string()], |r| r.get::<_, String>(0)).optional()?
            {
                out.insert(*id, profile);
            }
        }
        Ok(out)
    }
}

impl Db<'_> {
    /// The profile of the newest audit row that changed `entity` `id` (an insert or an update).
    pub fn last_changed_by(&self, entity: &str, id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT profile FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq DESC LIMIT 1",
                params![entity, id.to_string()],
                |r| r.get(0),
            )
            .optional()?)
    }
}
