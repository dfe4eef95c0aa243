//! The seller's bank account and the payee of fines.

use club::bank::{BankAccount, Payee};
use club::ident::TaxId;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use crate::{Db, StoreError};

type Row = (String, String, String, String, String, String, String);

impl Db<'_> {
    fn bank_row(&self, role: &str) -> Result<Option<Row>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, tax_id, iik, bic, bank_name, kbe, knp FROM bank_details WHERE role = ?1",
                [role],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )
            .optional()?)
    }

    fn upsert_bank(&self, role: &str, row: &Row, after: serde_json::Value) -> Result<(), StoreError> {
        let before = self.bank_row(role)?.map(
            |b| json!({"name": b.0, "tax_id": b.1, "iik": b.2, "bic": b.3, "bank_name": b.4, "kbe": b.5, "knp": b.6}),
        );
        self.conn.execute(
            "INSERT INTO bank_details (role, name, tax_id, iik, bic, bank_name, kbe, knp)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (role) DO UPDATE SET name = excluded.name, tax_id = excluded.tax_id, iik = excluded.iik,
                 bic = excluded.bic, bank_name = excluded.bank_name, kbe = excluded.kbe, knp = excluded.knp",
            params![role, row.0, row.1, row.2, row.3, row.4, row.5, row.6],
        )?;
        let action = if before.is_some() { "update" } else { "insert" };
        self.audit("bank_details", role, action, before.as_ref(), Some(&after))
    }

    /// The seller's account fines are paid from, once entered.
    pub fn seller_account(&self) -> Result<Option<BankAccount>, StoreError> {
        let Some(r) = self.bank_row("seller")? else { return Ok(None) };
        BankAccount::new(&r.2, &r.3, &r.4).map(Some).map_err(|e| StoreError::BadData(format!("seller's account: {e}")))
    }

    pub fn set_seller_account(&self, account: &BankAccount) -> Result<(), StoreError> {
        let row = (
            String::new(),
            String::new(),
            account.iik.as_str().to_string(),
            account.bic.clone(),
            account.bank_name.clone(),
            String::new(),
            String::new(),
        );
        self.upsert_bank("seller", &row, json!(account))
    }

    /// Whom fines are paid to, once entered.
    pub fn payee(&self) -> Result<Option<Payee>, StoreError> {
        let Some(r) = self.bank_row("payee")? else { return Ok(None) };
        let bad = |e: String| StoreError::BadData(format!("payee: {e}"));
        let tax_id = TaxId::parse(&r.1).map_err(|e| bad(e.to_string()))?;
        let account = BankAccount::new(&r.2, &r.3, &r.4).map_err(|e| bad(e.to_string()))?;
        Payee::new(&r.0, tax_id, account, &r.5, &r.6).map(Some).map_err(|e| bad(e.to_string()))
    }

    pub fn set_payee(&self, payee: &Payee) -> Result<(), StoreError> {
        let row = (
            payee.name.clone(),
            payee.tax_id.number().to_string(),
            payee.account.iik.as_str().to_string(),
            payee.account.bic.clone(),
            payee.account.bank_name.clone(),
            payee.kbe.clone(),
            payee.knp.clone(),
        );
        self.upsert_bank("payee", &row, json!(payee))
    }
}
