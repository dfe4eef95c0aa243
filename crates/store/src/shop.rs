//! The seller, outlets, web presence, contracts and acceptance means.

use chrono::NaiveDate;
use club::acceptance::{AcceptanceMeans, MeansKind};
use club::contracts::{Contract, ContractKind, ContractState};
use club::profile::{LegalForm, Outlet, Seller, WebPresence, WebPresenceKind};
use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

use crate::{Db, StoreError};

pub(crate) fn date(row: &Row<'_>, idx: usize) -> Result<NaiveDate, StoreError> {
    let text: String = row.get(idx)?;
    text.parse().map_err(|_| StoreError::BadData(format!("date {text:?}")))
}

pub(crate) fn opt_date(row: &Row<'_>, idx: usize) -> Result<Option<NaiveDate>, StoreError> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| t.parse().map_err(|_| StoreError::BadData(format!("date {t:?}")))).transpose()
}

fn bad(what: &str, value: &str) -> StoreError {
    StoreError::BadData(format!("{what} {value:?}"))
}

/// A POS terminal or QR code to record.
pub struct NewMeans<'a> {
    pub outlet_id: i64,
    pub kind: MeansKind,
    pub identifier: &'a str,
    pub since: NaiveDate,
}

impl Db<'_> {
    pub fn seller(&self) -> Result<Option<Seller>, StoreError> {
        let row = self
            .conn
            .query_row("SELECT legal_form, tax_id, name FROM seller WHERE id = 1", [], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })
            .optional()?;
        let Some((form, tax_id, name)) = row else { return Ok(None) };
        let legal_form = LegalForm::from_code(&form).ok_or_else(|| bad("legal form", &form))?;
        // A profile made in test-keys mode may hold one of NCA's test identifiers; it stays
        // readable (and marked as test data) after the mode is turned off.
        let tax_id = club::profile::check_tax_id_with_test_keys(legal_form, &tax_id, true)
            .map_err(|_| bad("IIN/BIN", &tax_id))?;
        Ok(Some(Seller { legal_form, tax_id, name }))
    }

    pub fn insert_seller(&self, seller: &Seller, created_on: NaiveDate) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO seller (id, legal_form, tax_id, name, created_on) VALUES (1, ?1, ?2, ?3, ?4)",
            params![seller.legal_form.code(), seller.tax_id.number(), seller.name, created_on.to_string()],
        )?;
        self.audit("seller", 1, "insert", None, Some(&json!(seller)))?;
        Ok(())
    }

    pub fn outlets(&self) -> Result<Vec<Outlet>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, name, city, address FROM outlet ORDER BY id")?;
        let rows =
            stmt.query_map([], |r| Ok(Outlet { id: r.get(0)?, name: r.get(1)?, city: r.get(2)?, address: r.get(3)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn insert_outlet(&self, name: &str, city: &str, address: &str) -> Result<i64, StoreError> {
        self.conn
            .execute("INSERT INTO outlet (name, city, address) VALUES (?1, ?2, ?3)", params![name, city, address])?;
        let id = self.conn.last_insert_rowid();
        self.audit("outlet", id, "insert", None, Some(&json!({"name": name, "city": city, "address": address})))?;
        Ok(id)
    }

    pub fn web_presence(&self) -> Result<Vec<WebPresence>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, kind, url FROM web_presence ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(1)?;
            out.push(WebPresence {
                id: r.get(0)?,
                kind: WebPresenceKind::from_code(&kind).ok_or_else(|| bad("web presence kind", &kind))?,
                url: r.get(2)?,
            });
        }
        Ok(out)
    }

    pub fn insert_web_presence(&self, kind: WebPresenceKind, url: &str) -> Result<i64, StoreError> {
        self.conn.execute("INSERT INTO web_presence (kind, url) VALUES (?1, ?2)", params![kind.code(), url])?;
        let id = self.conn.last_insert_rowid();
        self.audit("web_presence", id, "insert", None, Some(&json!({"kind": kind, "url": url})))?;
        Ok(id)
    }

    pub fn contracts(&self) -> Result<Vec<Contract>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, kind, number, signed_on, state FROM contract ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(1)?;
            let state: String = r.get(4)?;
            out.push(Contract {
                id: r.get(0)?,
                kind: ContractKind::from_code(&kind).ok_or_else(|| bad("contract kind", &kind))?,
                number: r.get(2)?,
                signed_on: date(r, 3)?,
                state: ContractState::from_code(&state).ok_or_else(|| bad("contract state", &state))?,
            });
        }
        Ok(out)
    }

    pub fn insert_contract(
        &self,
        kind: ContractKind,
        number: &str,
        signed_on: NaiveDate,
        state: ContractState,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO contract (kind, number, signed_on, state) VALUES (?1, ?2, ?3, ?4)",
            params![kind.code(), number, signed_on.to_string(), state.code()],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"kind": kind, "number": number, "signed_on": signed_on, "state": state});
        self.audit("contract", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    /// Sets the state of every contract of `kind`; returns how many there were.
    pub fn set_contract_state(&self, kind: ContractKind, state: ContractState) -> Result<usize, StoreError> {
        let changed: Vec<Contract> =
            self.contracts()?.into_iter().filter(|c| c.kind == kind && c.state != state).collect();
        for c in &changed {
            self.conn.execute("UPDATE contract SET state = ?1 WHERE id = ?2", params![state.code(), c.id])?;
            self.audit("contract", c.id, "update", Some(&json!({"state": c.state})), Some(&json!({"state": state})))?;
        }
        Ok(changed.len())
    }

    pub fn means(&self) -> Result<Vec<AcceptanceMeans>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, outlet_id, kind, identifier, since, disconnected_on FROM acceptance_means ORDER BY outlet_id, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(2)?;
            out.push(AcceptanceMeans {
                id: r.get(0)?,
                outlet_id: r.get(1)?,
                kind: MeansKind::from_code(&kind).ok_or_else(|| bad("means kind", &kind))?,
                identifier: r.get(3)?,
                since: date(r, 4)?,
                disconnected_on: opt_date(r, 5)?,
            });
        }
        Ok(out)
    }

    pub fn insert_means(&self, means: &NewMeans<'_>) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO acceptance_means (outlet_id, kind, identifier, since) VALUES (?1, ?2, ?3, ?4)",
            params![means.outlet_id, means.kind.code(), means.identifier, means.since.to_string()],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"outlet_id": means.outlet_id, "kind": means.kind, "identifier": means.identifier, "since": means.since});
        self.audit("acceptance_means", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    pub fn set_means_disconnected(&self, id: i64, on: NaiveDate) -> Result<(), StoreError> {
        let before: Option<Option<String>> = self
            .conn
            .query_row("SELECT disconnected_on FROM acceptance_means WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let Some(before) = before else { return Err(StoreError::NotFound("the acceptance means")) };
        self.conn
            .execute("UPDATE acceptance_means SET disconnected_on = ?1 WHERE id = ?2", params![on.to_string(), id])?;
        let (before, after) = (json!({ "disconnected_on": before }), json!({ "disconnected_on": on }));
        self.audit("acceptance_means", id, "update", Some(&before), Some(&after))?;
        Ok(())
    }
}
