//! The placement register, advertising materials, the exit checklist and website checks.

use chrono::NaiveDate;
use club::marks::{AdMaterial, ExitItemDraft, ExitSource, MarkItem, Placement, PlacementDraft};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use crate::shop::date;
use crate::{Db, StoreError};

/// An exit checklist item as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitItemRow {
    pub id: i64,
    pub source: ExitSource,
    pub source_id: i64,
    pub item: String,
    pub outlet_id: Option<i64>,
    pub label: String,
    pub done_on: Option<NaiveDate>,
    pub done_by: Option<String>,
    pub evidence_note: Option<String>,
    pub has_photo: bool,
}

/// The open (or last) exit: the event it belongs to, when it began, its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitPlanRow {
    pub exit_seq: i64,
    pub started_on: NaiveDate,
    pub deadline: NaiveDate,
    pub statement_document_id: Option<i64>,
}

/// A run of the website check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCheckRow {
    pub id: i64,
    pub exit_item_id: Option<i64>,
    pub url: String,
    pub checked_at: String,
    pub pages: i64,
    pub findings: String,
    pub clean: bool,
}

/// The evidence of a tick.
pub struct Tick<'a> {
    pub done_on: NaiveDate,
    pub done_by: &'a str,
    pub note: &'a str,
    pub photo: Option<(&'a str, &'a [u8])>,
}

fn bad(what: &str, value: &str) -> StoreError {
    StoreError::BadData(format!("{what} {value:?}"))
}

impl Db<'_> {
    pub fn placements(&self) -> Result<Vec<Placement>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, item, outlet_id, spot, placed_on, placed_by, photo IS NOT NULL, voided_on, void_reason
             FROM placement ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let item: String = r.get(1)?;
            out.push(Placement {
                id: r.get(0)?,
                item: MarkItem::from_code(&item).ok_or_else(|| bad("placed item", &item))?,
                outlet_id: r.get(2)?,
                spot: r.get(3)?,
                placed_on: date(r, 4)?,
                placed_by: r.get(5)?,
                has_photo: r.get(6)?,
                voided_on: {
                    let v: Option<String> = r.get(7)?;
                    v.map(|d| d.parse().map_err(|_| bad("date", &d))).transpose()?
                },
                void_reason: r.get(8)?,
            });
        }
        Ok(out)
    }

    pub fn insert_placement(&self, p: &PlacementDraft, photo: Option<(&str, &[u8])>) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO placement (item, outlet_id, spot, placed_on, placed_by, photo, photo_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                p.item.code(),
                p.outlet_id,
                p.spot,
                p.placed_on.to_string(),
                p.placed_by,
                photo.map(|(_, b)| b),
                photo.map(|(n, _)| n)
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"item": p.item, "outlet_id": p.outlet_id, "spot": p.spot, "placed_on": p.placed_on,
            "placed_by": p.placed_by, "photo": photo.map(|(n, b)| json!({"name": n, "bytes": b.len()}))});
        self.audit("placement", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    /// A placement's or a checklist item's photo: (file name, bytes).
    pub fn photo(&self, table: &str, id: i64) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        let sql = match table {
            "placement" => "SELECT photo_name, photo FROM placement WHERE id = ?1 AND photo IS NOT NULL",
            "exit_item" => {
                "SELECT evidence_name, evidence_photo FROM exit_item WHERE id = ?1 AND evidence_photo IS NOT NULL"
            }
            _ => return Ok(None),
        };
        Ok(self
            .conn
            .query_row(sql, [id], |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get(1)?)))
            .optional()?)
    }

    pub fn ad_materials(&self) -> Result<Vec<AdMaterial>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, description, since FROM ad_material ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(AdMaterial { id: r.get(0)?, description: r.get(1)?, since: date(r, 2)? });
        }
        Ok(out)
    }

    pub fn insert_ad_material(&self, description: &str, since: NaiveDate) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO ad_material (description, since) VALUES (?1, ?2)",
            params![description, since.to_string()],
        )?;
        let id = self.conn.last_insert_rowid();
        self.audit("ad_material", id, "insert", None, Some(&json!({"description": description, "since": since})))?;
        Ok(id)
    }

    /// Opens an exit: its plan and its checklist items.
    pub fn insert_exit_plan(
        &self,
        exit_seq: i64,
        started_on: NaiveDate,
        deadline: NaiveDate,
        items: &[ExitItemDraft],
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO exit_plan (exit_seq, started_on, deadline) VALUES (?1, ?2, ?3)",
            params![exit_seq, started_on.to_string(), deadline.to_string()],
        )?;
        self.audit(
            "exit_plan",
            exit_seq,
            "insert",
            None,
            Some(&json!({"started_on": started_on, "deadline": deadline})),
        )?;
        for i in items {
            self.conn.execute(
                "INSERT INTO exit_item (exit_seq, source, source_id, item, outlet_id, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![exit_seq, i.source.code(), i.source_id, i.item, i.outlet_id, i.label],
            )?;
            let id = self.conn.last_insert_rowid();
            let after = json!({"exit_seq": exit_seq, "source": i.source, "source_id": i.source_id, "item": i.item,
                "outlet_id": i.outlet_id, "label": i.label});
            self.audit("exit_item", id, "insert", None, Some(&after))?;
        }
        Ok(())
    }

    /// The newest exit plan, if any.
    pub fn exit_plan(&self) -> Result<Option<ExitPlanRow>, StoreError> {
        self.conn
            .query_row(
                "SELECT exit_seq, started_on, deadline, statement_document_id FROM exit_plan ORDER BY exit_seq DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<i64>>(3)?)),
            )
            .optional()?
            .map(|(exit_seq, started, deadline, statement_document_id)| -> Result<ExitPlanRow, StoreError> {
                Ok(ExitPlanRow {
                    exit_seq,
                    started_on: started.parse().map_err(|_| bad("date", &started))?,
                    deadline: deadline.parse().map_err(|_| bad("date", &deadline))?,
                    statement_document_id,
                })
            })
            .transpose()
    }

    pub fn set_exit_statement(&self, exit_seq: i64, document_id: i64) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE exit_plan SET statement_document_id = ?2 WHERE exit_seq = ?1",
            params![exit_seq, document_id],
        )?;
        self.audit("exit_plan", exit_seq, "update", None, Some(&json!({"statement_document_id": document_id})))?;
        Ok(())
    }

    pub fn exit_items(&self, exit_seq: i64) -> Result<Vec<ExitItemRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, source, source_id, item, outlet_id, label, done_on, done_by, evidence_note, evidence_photo IS NOT NULL
             FROM exit_item WHERE exit_seq = ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([exit_seq])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let source: String = r.get(1)?;
            let done_on: Option<String> = r.get(6)?;
            out.push(ExitItemRow {
                id: r.get(0)?,
                source: ExitSource::from_code(&source).ok_or_else(|| bad("exit item source", &source))?,
                source_id: r.get(2)?,
                item: r.get(3)?,
                outlet_id: r.get(4)?,
                label: r.get(5)?,
                done_on: done_on.map(|d| d.parse().map_err(|_| bad("date", &d))).transpose()?,
                done_by: r.get(7)?,
                evidence_note: r.get(8)?,
                has_photo: r.get(9)?,
            });
        }
        Ok(out)
    }

    /// Ticks a checklist item with its evidence (or changes the evidence of a ticked one).
    /// Voids a placement recorded by mistake; `false` when there is no such placement or it is
    /// voided already.
    pub fn void_placement(&self, id: i64, on: NaiveDate, reason: &str) -> Result<bool, StoreError> {
        let changed = self.conn.execute(
            "UPDATE placement SET voided_on = ?2, void_reason = ?3 WHERE id = ?1 AND voided_on IS NULL",
            params![id, on.to_string(), reason],
        )?;
        if changed == 0 {
            return Ok(false);
        }
        self.audit(
            "placement",
            id,
            "update",
            Some(&json!({"voided_on": null})),
            Some(&json!({"voided_on": on, "void_reason": reason})),
        )?;
        Ok(true)
    }

    /// Takes back a tick recorded by mistake: the tick is kept in `exit_item_taken_back` and the
    /// item is open again. `false` when the item is not ticked.
    pub fn take_back_tick(&self, id: i64, on: NaiveDate, reason: &str) -> Result<bool, StoreError> {
        let tick: Option<(Option<String>, Option<String>, Option<String>)> = self
            .conn
            .query_row("SELECT done_on, done_by, evidence_note FROM exit_item WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((Some(done_on), done_by, note)) = tick else { return Ok(false) };
        let (done_by, note) = (done_by.unwrap_or_default(), note.unwrap_or_default());
        self.conn.execute(
            "INSERT INTO exit_item_taken_back (exit_item_id, taken_back_on, reason, done_on, done_by, evidence_note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, on.to_string(), reason, done_on, done_by, note],
        )?;
        let back = self.conn.last_insert_rowid();
        self.audit(
            "exit_item_taken_back",
            back,
            "insert",
            None,
            Some(&json!({"exit_item_id": id, "on": on, "reason": reason, "done_on": done_on, "done_by": done_by})),
        )?;
        self.conn.execute(
            "UPDATE exit_item SET done_on = NULL, done_by = NULL, evidence_note = NULL, evidence_photo = NULL,
                 evidence_name = NULL WHERE id = ?1",
            [id],
        )?;
        self.audit(
            "exit_item",
            id,
            "update",
            Some(&json!({"done_on": done_on, "done_by": done_by})),
            Some(&json!({"done_on": null})),
        )?;
        Ok(true)
    }

    /// The ticks taken back from an item, oldest first: (taken back on, reason, done on, done by).
    pub fn ticks_taken_back(&self, id: i64) -> Result<Vec<(NaiveDate, String, NaiveDate, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT taken_back_on, reason, done_on, done_by FROM exit_item_taken_back WHERE exit_item_id = ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push((date(r, 0)?, r.get(1)?, date(r, 2)?, r.get(3)?));
        }
        Ok(out)
    }

    pub fn tick_exit_item(&self, id: i64, tick: &Tick<'_>) -> Result<bool, StoreError> {
        let before: Option<(Option<String>, Option<String>)> = self
            .conn
            .query_row("SELECT done_on, done_by FROM exit_item WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some(before) = before else { return Ok(false) };
        self.conn.execute(
            "UPDATE exit_item SET done_on = ?2, done_by = ?3, evidence_note = ?4,
                 evidence_photo = coalesce(?5, evidence_photo), evidence_name = coalesce(?6, evidence_name)
             WHERE id = ?1",
            params![
                id,
                tick.done_on.to_string(),
                tick.done_by,
                tick.note,
                tick.photo.map(|(_, b)| b),
                tick.photo.map(|(n, _)| n)
            ],
        )?;
        let after = json!({"done_on": tick.done_on, "done_by": tick.done_by, "note": tick.note,
            "photo": tick.photo.map(|(n, b)| json!({"name": n, "bytes": b.len()}))});
        self.audit("exit_item", id, "update", Some(&json!({"done_on": before.0, "done_by": before.1})), Some(&after))?;
        Ok(true)
    }

    pub fn insert_site_check(
        &self,
        exit_item_id: Option<i64>,
        url: &str,
        checked_at: &str,
        pages: i64,
        findings: &str,
        clean: bool,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO site_check (exit_item_id, url, checked_at, pages, findings, clean) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![exit_item_id, url, checked_at, pages, findings, clean],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"exit_item_id": exit_item_id, "url": url, "pages": pages, "clean": clean});
        self.audit("site_check", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    /// The latest website check of a checklist item.
    pub fn last_site_check(&self, exit_item_id: i64) -> Result<Option<SiteCheckRow>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, exit_item_id, url, checked_at, pages, findings, clean FROM site_check
                 WHERE exit_item_id = ?1 ORDER BY id DESC LIMIT 1",
                [exit_item_id],
                |r| {
                    Ok(SiteCheckRow {
                        id: r.get(0)?,
                        exit_item_id: r.get(1)?,
                        url: r.get(2)?,
                        checked_at: r.get(3)?,
                        pages: r.get(4)?,
                        findings: r.get(5)?,
                        clean: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }
}
