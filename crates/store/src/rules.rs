//! Published versions of the club's rules and the owner's acknowledgements: kept as imported
//! and as made, each write audited. What a version says is `club::rules`'.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

use crate::shop::date;
use crate::{Db, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesVersionRow {
    pub id: i64,
    pub published_on: NaiveDate,
    pub text: String,
    pub canonical_sha256: String,
    pub source_name: String,
    pub source_sha256: String,
    /// RFC 3339, UTC.
    pub imported_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcknowledgementRow {
    pub id: i64,
    pub version_id: i64,
    pub from_version_id: Option<i64>,
    pub person_id: Option<i64>,
    pub acknowledged_at: String,
    pub document_id: i64,
}

/// A version about to be kept.
pub struct NewRulesVersion<'a> {
    pub published_on: NaiveDate,
    pub text: &'a str,
    pub canonical_sha256: &'a str,
    pub source_name: &'a str,
    pub source_sha256: &'a str,
    pub imported_at: &'a str,
}

const VERSION: &str = "id, published_on, text, canonical_sha256, source_name, source_sha256, imported_at";

fn version(r: &Row<'_>) -> Result<RulesVersionRow, StoreError> {
    Ok(RulesVersionRow {
        id: r.get(0)?,
        published_on: date(r, 1)?,
        text: r.get(2)?,
        canonical_sha256: r.get(3)?,
        source_name: r.get(4)?,
        source_sha256: r.get(5)?,
        imported_at: r.get(6)?,
    })
}

impl Db<'_> {
    pub fn insert_rules_version(&self, v: &NewRulesVersion<'_>) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO rules_version (published_on, text, canonical_sha256, source_name, source_sha256, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                v.published_on.to_string(),
                v.text,
                v.canonical_sha256,
                v.source_name,
                v.source_sha256,
                v.imported_at
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({
            "published_on": v.published_on, "canonical_sha256": v.canonical_sha256,
            "source_name": v.source_name, "source_sha256": v.source_sha256,
        });
        self.audit("rules_version", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    /// Every imported version, by publication day (then by import).
    pub fn rules_versions(&self) -> Result<Vec<RulesVersionRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("SELECT {VERSION} FROM rules_version ORDER BY published_on, id"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(version(r)?);
        }
        Ok(out)
    }

    pub fn rules_version_by_canonical(&self, sha256: &str) -> Result<Option<RulesVersionRow>, StoreError> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {VERSION} FROM rules_version WHERE canonical_sha256 = ?1"))?;
        let mut rows = stmt.query([sha256])?;
        rows.next()?.map(version).transpose()
    }

    pub fn insert_acknowledgement(
        &self,
        version_id: i64,
        from_version_id: Option<i64>,
        person_id: Option<i64>,
        acknowledged_at: &str,
        document_id: i64,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO rules_acknowledgement (version_id, from_version_id, person_id, acknowledged_at, document_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![version_id, from_version_id, person_id, acknowledged_at, document_id],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({
            "version_id": version_id, "from_version_id": from_version_id, "person_id": person_id,
            "acknowledged_at": acknowledged_at, "document_id": document_id,
        });
        self.audit("rules_acknowledgement", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    pub fn acknowledgements(&self) -> Result<Vec<AcknowledgementRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, version_id, from_version_id, person_id, acknowledged_at, document_id
             FROM rules_acknowledgement ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AcknowledgementRow {
                id: r.get(0)?,
                version_id: r.get(1)?,
                from_version_id: r.get(2)?,
                person_id: r.get(3)?,
                acknowledged_at: r.get(4)?,
                document_id: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The acknowledgement of `version_id`, if made.
    pub fn acknowledgement_of(&self, version_id: i64) -> Result<Option<AcknowledgementRow>, StoreError> {
        Ok(self.acknowledgements()?.into_iter().find(|a| a.version_id == version_id))
    }

    /// Whether any version was imported (cheap: the status page asks on every open).
    pub fn has_rules_versions(&self) -> Result<bool, StoreError> {
        Ok(self.conn.query_row("SELECT 1 FROM rules_version LIMIT 1", [], |_| Ok(())).optional()?.is_some())
    }
}
