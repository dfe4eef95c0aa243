//! Fines, their events and files, the agreed schedule and corrective actions.

use chrono::NaiveDate;
use club::fines::{Fine, FineEvent, FineState, ScheduleEntry, Violation};
use club::money::Tenge;
use club::statement::LedgerFine;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::shop::date;
use crate::{Db, StoreError};

/// A fine with what its events made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FineRow {
    pub id: i64,
    pub fine: Fine,
    pub state: FineState,
    pub paid: Tenge,
    pub offset: Tenge,
    pub balance: Tenge,
    pub mismatch: Option<Tenge>,
}

/// The derived columns written after each event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FineDerived {
    pub state: FineState,
    pub paid: Tenge,
    pub offset: Tenge,
    pub balance: Tenge,
    pub mismatch: Option<Tenge>,
}

/// Which fines a list or total covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    #[default]
    Any,
    /// Something is still owed or the dispute is pending.
    Open,
    /// Owed and past its due date on `today`.
    Overdue,
    Disputed,
    Paid,
    Cancelled,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FineFilter {
    pub state: StateFilter,
    pub outlet_id: Option<i64>,
    pub violation: Option<Violation>,
    /// Notice date from (inclusive).
    pub from: Option<NaiveDate>,
    /// Notice date to (inclusive).
    pub to: Option<NaiveDate>,
    /// Any part of the notice number or the notes: three characters or more through the
    /// trigram index, whatever the case; one or two, the start of the notice number.
    pub search: Option<String>,
}

/// The columns a list of fines sorts by; ties go by id, in the same direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    NoticeDate,
    Amount,
    DueDate,
    Balance,
    State,
}

impl SortColumn {
    fn sql(self) -> &'static str {
        match self {
            SortColumn::NoticeDate => "notice_date",
            SortColumn::Amount => "amount_tiyn",
            SortColumn::DueDate => "due_date",
            SortColumn::Balance => "balance_tiyn",
            SortColumn::State => "state",
        }
    }

    /// The row's value in this column, as the cursor carries it.
    pub fn key(self, row: &FineRow) -> SortKey {
        match self {
            SortColumn::NoticeDate => SortKey::Text(row.fine.notice_date.to_string()),
            SortColumn::Amount => SortKey::Int(row.fine.amount.to_tiyn().unwrap_or(i64::MAX)),
            SortColumn::DueDate => SortKey::Text(row.fine.due_date.to_string()),
            SortColumn::Balance => SortKey::Int(row.balance.to_tiyn().unwrap_or(i64::MAX)),
            SortColumn::State => SortKey::Text(state_code(row.state).to_string()),
        }
    }
}

/// A list's order: a column, newest or largest first unless `ascending`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FineOrder {
    pub column: SortColumn,
    pub ascending: bool,
}

/// A sort column's value: dates and states as text, money as integer tiyn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    Text(String),
    Int(i64),
}

/// Sums over the fines a filter selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FineTotals {
    pub count: i64,
    pub charged: Tenge,
    /// What cancelled fines no longer ask for: charged − paid − offset of each cancelled one, so
    /// that charged − cancelled − paid − offset = balance.
    pub cancelled: Tenge,
    pub paid: Tenge,
    pub offset: Tenge,
    pub balance: Tenge,
}

/// Where the next page starts: after the row with this sort key and id, in the list's order.
pub type Cursor = (SortKey, i64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFineEvent {
    pub id: i64,
    pub event: FineEvent,
    pub grounds: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMeta {
    pub id: i64,
    pub fine_id: i64,
    pub event_id: Option<i64>,
    pub role: String,
    pub name: String,
    pub sha256: String,
    pub size: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectiveActionRow {
    pub id: i64,
    pub fine_id: i64,
    pub outlet_id: i64,
    pub opened_on: NaiveDate,
    pub steps: String,
    pub done_on: Option<NaiveDate>,
    pub done_note: String,
}

fn tiyn(t: Tenge) -> Result<i64, StoreError> {
    t.to_tiyn().ok_or_else(|| StoreError::BadData(format!("amount {t} is too large")))
}

fn state_code(s: FineState) -> &'static str {
    match s {
        FineState::Received => "received",
        FineState::Disputed => "disputed",
        FineState::Upheld => "upheld",
        FineState::Cancelled => "cancelled",
        FineState::Paid => "paid",
    }
}

fn state_from(code: &str) -> Result<FineState, StoreError> {
    Ok(match code {
        "received" => FineState::Received,
        "disputed" => FineState::Disputed,
        "upheld" => FineState::Upheld,
        "cancelled" => FineState::Cancelled,
        "paid" => FineState::Paid,
        other => return Err(StoreError::BadData(format!("fine state {other:?}"))),
    })
}

const FINE_COLUMNS: &str =
    "id, notice_number, notice_date, fact_date, outlet_id, violation, amount_tiyn, due_date, notes, \
                            state, paid_tiyn, offset_tiyn, balance_tiyn, mismatch_tiyn";

fn fine_row(r: &Row<'_>) -> Result<FineRow, StoreError> {
    let violation: String = r.get(5)?;
    let state: String = r.get(9)?;
    Ok(FineRow {
        id: r.get(0)?,
        fine: Fine {
            notice_number: r.get(1)?,
            notice_date: date(r, 2)?,
            fact_date: date(r, 3)?,
            outlet_id: r.get(4)?,
            violation: Violation::from_code(&violation)
                .ok_or_else(|| StoreError::BadData(format!("violation {violation:?}")))?,
            amount: Tenge::from_tiyn(r.get(6)?),
            due_date: date(r, 7)?,
            notes: r.get(8)?,
        },
        state: state_from(&state)?,
        paid: Tenge::from_tiyn(r.get(10)?),
        offset: Tenge::from_tiyn(r.get(11)?),
        balance: Tenge::from_tiyn(r.get(12)?),
        mismatch: r.get::<_, Option<i64>>(13)?.map(Tenge::from_tiyn),
    })
}

/// The WHERE clause and its parameters for a filter.
fn where_clause(filter: &FineFilter, today: NaiveDate) -> (String, Vec<SqlValue>) {
    let mut parts: Vec<String> = Vec::new();
    let mut values: Vec<SqlValue> = Vec::new();
    match filter.state {
        StateFilter::Any => {}
        StateFilter::Open => parts.push("state IN ('received', 'disputed', 'upheld')".into()),
        StateFilter::Overdue => {
            parts.push("state IN ('received', 'upheld') AND balance_tiyn > 0 AND due_date < ?".into());
            values.push(SqlValue::Text(today.to_string()));
        }
        StateFilter::Disputed => parts.push("state = 'disputed'".into()),
        StateFilter::Paid => parts.push("state = 'paid'".into()),
        StateFilter::Cancelled => parts.push("state = 'cancelled'".into()),
    }
    if let Some(outlet) = filter.outlet_id {
        parts.push("outlet_id = ?".into());
        values.push(SqlValue::Integer(outlet));
    }
    if let Some(v) = filter.violation {
        parts.push("violation = ?".into());
        values.push(SqlValue::Text(v.code().into()));
    }
    if let Some(from) = filter.from {
        parts.push("notice_date >= ?".into());
        values.push(SqlValue::Text(from.to_string()));
    }
    if let Some(to) = filter.to {
        parts.push("notice_date <= ?".into());
        values.push(SqlValue::Text(to.to_string()));
    }
    if let Some(text) = filter.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        if text.chars().count() >= 3 {
            // One FTS5 phrase: the text as typed, quotes doubled, never read as query syntax.
            parts.push("id IN (SELECT rowid FROM fine_search WHERE fine_search MATCH ?)".into());
            values.push(SqlValue::Text(format!("\"{}\"", text.replace('"', "\"\""))));
        } else {
            // Too short for trigrams: the start of the notice number, as typed or in capitals,
            // through its unique index.
            parts.push(
                "((notice_number >= ? AND notice_number < ?) OR (notice_number >= ? AND notice_number < ?))".into(),
            );
            for prefix in [text.to_string(), text.to_uppercase()] {
                values.push(SqlValue::Text(prefix.clone()));
                values.push(SqlValue::Text(format!("{prefix}\u{10FFFF}")));
            }
        }
    }
    let clause = if parts.is_empty() { "1".to_string() } else { parts.join(" AND ") };
    (clause, values)
}

impl Db<'_> {
    pub fn schedule(&self) -> Result<Vec<(i64, ScheduleEntry)>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT id, violation, amount_tiyn, effective_from FROM fine_schedule ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let v: String = r.get(1)?;
            out.push((
                r.get(0)?,
                ScheduleEntry {
                    violation: Violation::from_code(&v)
                        .ok_or_else(|| StoreError::BadData(format!("violation {v:?}")))?,
                    amount: Tenge::from_tiyn(r.get(2)?),
                    effective_from: date(r, 3)?,
                },
            ));
        }
        Ok(out)
    }

    pub fn insert_schedule_entry(&self, entry: &ScheduleEntry) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO fine_schedule (violation, amount_tiyn, effective_from) VALUES (?1, ?2, ?3)",
            params![entry.violation.code(), tiyn(entry.amount)?, entry.effective_from.to_string()],
        )?;
        let id = self.conn.last_insert_rowid();
        self.audit("fine_schedule", id, "insert", None, Some(&json!(entry)))?;
        Ok(id)
    }

    pub fn insert_fine(&self, fine: &Fine, derived: &FineDerived) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO fine (notice_number, notice_date, fact_date, outlet_id, violation, amount_tiyn, due_date, notes,
                               state, paid_tiyn, offset_tiyn, balance_tiyn, mismatch_tiyn)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                fine.notice_number,
                fine.notice_date.to_string(),
                fine.fact_date.to_string(),
                fine.outlet_id,
                fine.violation.code(),
                tiyn(fine.amount)?,
                fine.due_date.to_string(),
                fine.notes,
                state_code(derived.state),
                tiyn(derived.paid)?,
                tiyn(derived.offset)?,
                tiyn(derived.balance)?,
                derived.mismatch.map(tiyn).transpose()?,
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.audit("fine", id, "insert", None, Some(&json!(fine)))?;
        Ok(id)
    }

    /// Rewrites the derived columns after an event (the event itself is audited on its own).
    pub fn set_fine_derived(&self, id: i64, derived: &FineDerived) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE fine SET state = ?1, paid_tiyn = ?2, offset_tiyn = ?3, balance_tiyn = ?4, mismatch_tiyn = ?5 WHERE id = ?6",
            params![
                state_code(derived.state),
                tiyn(derived.paid)?,
                tiyn(derived.offset)?,
                tiyn(derived.balance)?,
                derived.mismatch.map(tiyn).transpose()?,
                id
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("the fine"));
        }
        Ok(())
    }

    pub fn fine(&self, id: i64) -> Result<Option<FineRow>, StoreError> {
        let sql = format!("SELECT {FINE_COLUMNS} FROM fine WHERE id = ?1");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([id])?;
        rows.next()?.map(fine_row).transpose()
    }

    pub fn fine_id_by_notice(&self, notice_number: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT id FROM fine WHERE notice_number = ?1", [notice_number], |r| r.get(0))
            .optional()?)
    }

    /// One page of fines, newest notice first, after `cursor`.
    pub fn list_fines(
        &self,
        filter: &FineFilter,
        order: FineOrder,
        today: NaiveDate,
        cursor: Option<Cursor>,
        limit: u32,
    ) -> Result<Vec<FineRow>, StoreError> {
        let (clause, mut values) = where_clause(filter, today);
        let mut sql = format!("SELECT {FINE_COLUMNS} FROM fine WHERE {clause}");
        let column = order.column.sql();
        let (after, direction) = if order.ascending { (">", "ASC") } else { ("<", "DESC") };
        if let Some((key, id)) = cursor {
            // A row-value comparison, so that SQLite walks the (column, id) index.
            sql.push_str(&format!(" AND ({column}, id) {after} (?, ?)"));
            values.push(match key {
                SortKey::Text(t) => SqlValue::Text(t),
                SortKey::Int(i) => SqlValue::Integer(i),
            });
            values.push(SqlValue::Integer(id));
        }
        sql.push_str(&format!(" ORDER BY {column} {direction}, id {direction} LIMIT ?"));
        values.push(SqlValue::Integer(i64::from(limit)));
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(values))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(fine_row(r)?);
        }
        Ok(out)
    }

    pub fn fine_totals(&self, filter: &FineFilter, today: NaiveDate) -> Result<FineTotals, StoreError> {
        let by_state_only = FineFilter { state: filter.state, ..FineFilter::default() } == *filter;
        if by_state_only {
            return self.tallied_totals(filter.state, today);
        }
        let (clause, values) = where_clause(filter, today);
        let sql = format!(
            "SELECT count(*), coalesce(sum(amount_tiyn), 0), coalesce(sum(paid_tiyn), 0), coalesce(sum(offset_tiyn), 0),
                    coalesce(sum(CASE WHEN state = 'cancelled' THEN 0 ELSE balance_tiyn END), 0),
                    coalesce(sum(CASE WHEN state = 'cancelled' THEN amount_tiyn - paid_tiyn - offset_tiyn ELSE 0 END), 0)
             FROM fine WHERE {clause}"
        );
        self.totals_row(&sql, params_from_iter(values))
    }

    /// The totals of every fine in a state, read from the tally the triggers of migration 15
    /// keep (a few thousand rows, however many fines): what the status page and the unfiltered
    /// list show. Equal to summing the fines themselves; a test holds them to it.
    fn tallied_totals(&self, state: StateFilter, today: NaiveDate) -> Result<FineTotals, StoreError> {
        let (clause, values): (&str, Vec<SqlValue>) = match state {
            StateFilter::Any => ("1", vec![]),
            StateFilter::Open => ("state IN ('received', 'disputed', 'upheld')", vec![]),
            StateFilter::Overdue => (
                "state IN ('received', 'upheld') AND owed = 1 AND due_date < ?",
                vec![SqlValue::Text(today.to_string())],
            ),
            StateFilter::Disputed => ("state = 'disputed'", vec![]),
            StateFilter::Paid => ("state = 'paid'", vec![]),
            StateFilter::Cancelled => ("state = 'cancelled'", vec![]),
        };
        let sql = format!(
            "SELECT coalesce(sum(fines), 0), coalesce(sum(amount_tiyn), 0), coalesce(sum(paid_tiyn), 0),
                    coalesce(sum(offset_tiyn), 0),
                    coalesce(sum(CASE WHEN state = 'cancelled' THEN 0 ELSE balance_tiyn END), 0),
                    coalesce(sum(CASE WHEN state = 'cancelled' THEN amount_tiyn - paid_tiyn - offset_tiyn ELSE 0 END), 0)
             FROM fine_tally WHERE {clause}"
        );
        self.totals_row(&sql, params_from_iter(values))
    }

    fn totals_row(&self, sql: &str, params: impl rusqlite::Params) -> Result<FineTotals, StoreError> {
        Ok(self.conn.query_row(sql, params, |r| {
            Ok(FineTotals {
                count: r.get(0)?,
                charged: Tenge::from_tiyn(r.get(1)?),
                paid: Tenge::from_tiyn(r.get(2)?),
                offset: Tenge::from_tiyn(r.get(3)?),
                balance: Tenge::from_tiyn(r.get(4)?),
                cancelled: Tenge::from_tiyn(r.get(5)?),
            })
        })?)
    }

    /// Owed fines due in `[from, until]`, for "due within 7 days".
    pub fn due_between(&self, from: NaiveDate, until: NaiveDate) -> Result<FineTotals, StoreError> {
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(fines), 0), coalesce(sum(amount_tiyn), 0), coalesce(sum(paid_tiyn), 0),
                    coalesce(sum(offset_tiyn), 0), coalesce(sum(balance_tiyn), 0)
             FROM fine_tally WHERE state IN ('received', 'upheld') AND owed = 1 AND due_date >= ?1 AND due_date <= ?2",
            params![from.to_string(), until.to_string()],
            |r| {
                Ok(FineTotals {
                    count: r.get(0)?,
                    charged: Tenge::from_tiyn(r.get(1)?),
                    paid: Tenge::from_tiyn(r.get(2)?),
                    offset: Tenge::from_tiyn(r.get(3)?),
                    balance: Tenge::from_tiyn(r.get(4)?),
                    cancelled: Tenge::ZERO,
                })
            },
        )?)
    }

    /// Fines still owed whose due date falls in `from..=until` (`from` `None`: any day before),
    /// earliest due first, at most `limit`: `(id, notice number, due date, balance)`.
    pub fn owed_fines_due(
        &self,
        from: Option<NaiveDate>,
        until: NaiveDate,
        limit: u32,
    ) -> Result<Vec<(i64, String, NaiveDate, Tenge)>, StoreError> {
        let mut stmt = self.conn.prepare(
            // The partial index of migration 15, named so that the earliest few are read from
            // its front rather than every owed fine sorted.
            "SELECT id, notice_number, due_date, balance_tiyn FROM fine INDEXED BY fine_owed_due
             WHERE state IN ('received', 'upheld') AND balance_tiyn > 0 AND due_date <= ?2
               AND due_date >= coalesce(?1, '')
             ORDER BY due_date, id LIMIT ?3",
        )?;
        let mut rows = stmt.query(params![from.map(|d| d.to_string()), until.to_string(), limit])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push((r.get(0)?, r.get(1)?, date(r, 2)?, Tenge::from_tiyn(r.get(3)?)));
        }
        Ok(out)
    }

    /// Fines under dispute, oldest notice first, at most `limit`: `(id, notice number)`.
    pub fn disputed_fines(&self, limit: u32) -> Result<Vec<(i64, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, notice_number FROM fine WHERE state = 'disputed' ORDER BY notice_date, id LIMIT ?1")?;
        let rows = stmt.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The refusal fines (2.5.4) not cancelled whose fact falls after `after` and by `until`,
    /// for the repeat warning of 6.4: how many, the first and the last fact date.
    pub fn refusal_facts(
        &self,
        after: NaiveDate,
        until: NaiveDate,
    ) -> Result<(u32, Option<NaiveDate>, Option<NaiveDate>), StoreError> {
        let (count, first, last) = self.conn.query_row(
            "SELECT count(*), min(fact_date), max(fact_date) FROM fine
             WHERE violation = 'refusal_to_accept' AND fact_date > ?1 AND fact_date <= ?2 AND state <> 'cancelled'",
            [after.to_string(), until.to_string()],
            |r| Ok((r.get::<_, i64>(0)?, crate::shop::opt_date(r, 1), crate::shop::opt_date(r, 2))),
        )?;
        let (first, last) = (first?, last?);
        Ok((u32::try_from(count).unwrap_or(u32::MAX), first, last))
    }

    /// Every fine noticed by `to` (of one outlet, or all) with all its events, in notice order:
    /// what a statement is built from (it leaves out what happened after its period, and reads
    /// from a later correction what the notice first said). Two queries, however many fines.
    pub fn ledger(&self, outlet: Option<i64>, to: NaiveDate) -> Result<Vec<LedgerFine>, StoreError> {
        let to = to.to_string();
        let sql = format!(
            "SELECT {FINE_COLUMNS} FROM fine WHERE notice_date <= ?1 AND (?2 IS NULL OR outlet_id = ?2)
             ORDER BY notice_date, id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![to, outlet])?;
        let mut out: Vec<LedgerFine> = Vec::new();
        let mut index = std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            let row = fine_row(r)?;
            index.insert(row.id, out.len());
            out.push(LedgerFine { id: row.id, fine: row.fine, events: Vec::new() });
        }
        let mut stmt = self.conn.prepare(
            "SELECT e.fine_id, e.payload FROM fine_event e JOIN fine f ON f.id = e.fine_id
             WHERE f.notice_date <= ?1 AND (?2 IS NULL OR f.outlet_id = ?2)
             ORDER BY e.fine_id, e.id",
        )?;
        let mut rows = stmt.query(params![to, outlet])?;
        while let Some(r) = rows.next()? {
            let fine_id: i64 = r.get(0)?;
            let payload: String = r.get(1)?;
            let event: FineEvent = serde_json::from_str(&payload)
                .map_err(|e| StoreError::BadData(format!("fine event {payload:?}: {e}")))?;
            let &i = index.get(&fine_id).ok_or_else(|| StoreError::BadData(format!("event of fine {fine_id}")))?;
            out[i].events.push(event);
        }
        Ok(out)
    }

    pub fn fine_events(&self, fine_id: i64) -> Result<Vec<StoredFineEvent>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT id, payload, grounds FROM fine_event WHERE fine_id = ?1 ORDER BY id")?;
        let mut rows = stmt.query([fine_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let payload: String = r.get(1)?;
            let event: FineEvent = serde_json::from_str(&payload)
                .map_err(|e| StoreError::BadData(format!("fine event {payload:?}: {e}")))?;
            out.push(StoredFineEvent { id: r.get(0)?, event, grounds: r.get(2)? });
        }
        Ok(out)
    }

    /// A correction's new amount and due date, written over the fine's columns so that lists,
    /// sorts and totals follow it (the first correction keeps what the notice said).
    pub fn set_fine_amount_due(&self, id: i64, amount: Tenge, due_date: NaiveDate) -> Result<(), StoreError> {
        let before: Option<(i64, String)> = self
            .conn
            .query_row("SELECT amount_tiyn, due_date FROM fine WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((before_amount, before_due)) = before else {
            return Err(StoreError::NotFound("fine"));
        };
        self.conn.execute(
            "UPDATE fine SET amount_tiyn = ?1, due_date = ?2 WHERE id = ?3",
            params![tiyn(amount)?, due_date.to_string(), id],
        )?;
        self.audit(
            "fine",
            id,
            "update",
            Some(&json!({"amount_tiyn": before_amount, "due_date": before_due})),
            Some(&json!({"amount_tiyn": tiyn(amount)?, "due_date": due_date.to_string()})),
        )?;
        Ok(())
    }

    pub fn append_fine_event(&self, fine_id: i64, event: &FineEvent, grounds: &str) -> Result<i64, StoreError> {
        let payload = serde_json::to_string(event).map_err(|e| StoreError::BadData(e.to_string()))?;
        let (kind, amount) = match event {
            FineEvent::PaymentVoided { amount, .. } => ("payment_voided", Some(-tiyn(*amount)?)),
            FineEvent::Corrected { amount, before, .. } => ("corrected", Some(tiyn(*amount)? - tiyn(*before)?)),
            FineEvent::Disputed { .. } => ("disputed", None),
            FineEvent::DisputeRejected { .. } => ("dispute_rejected", None),
            FineEvent::Cancelled { .. } => ("cancelled", None),
            FineEvent::Paid { amount, kind, .. } => (
                match kind {
                    club::fines::PaymentKind::Transfer => "paid",
                    club::fines::PaymentKind::Offset => "offset",
                },
                Some(tiyn(*amount)?),
            ),
        };
        self.conn.execute(
            "INSERT INTO fine_event (fine_id, occurred_on, kind, payload, amount_tiyn, grounds) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![fine_id, event.on().to_string(), kind, payload, amount, grounds],
        )?;
        let id = self.conn.last_insert_rowid();
        self.audit(
            "fine_event",
            id,
            "insert",
            None,
            Some(&json!({"fine_id": fine_id, "event": event, "grounds": grounds})),
        )?;
        Ok(id)
    }

    pub fn insert_fine_file(
        &self,
        fine_id: i64,
        event_id: Option<i64>,
        role: &str,
        name: &str,
        bytes: &[u8],
    ) -> Result<i64, StoreError> {
        let sha256: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        self.conn.execute(
            "INSERT INTO fine_file (fine_id, event_id, role, name, sha256, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![fine_id, event_id, role, name, sha256, bytes],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"fine_id": fine_id, "event_id": event_id, "role": role, "name": name, "sha256": sha256, "size": bytes.len()});
        self.audit("fine_file", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    pub fn fine_files(&self, fine_id: i64) -> Result<Vec<FileMeta>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, fine_id, event_id, role, name, sha256, length(bytes) FROM fine_file WHERE fine_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([fine_id], |r| {
            Ok(FileMeta {
                id: r.get(0)?,
                fine_id: r.get(1)?,
                event_id: r.get(2)?,
                role: r.get(3)?,
                name: r.get(4)?,
                sha256: r.get(5)?,
                size: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn fine_file_bytes(&self, file_id: i64) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT name, bytes FROM fine_file WHERE id = ?1", [file_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    pub fn insert_corrective_action(
        &self,
        fine_id: i64,
        outlet_id: i64,
        opened_on: NaiveDate,
        steps: &str,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO corrective_action (fine_id, outlet_id, opened_on, steps) VALUES (?1, ?2, ?3, ?4)",
            params![fine_id, outlet_id, opened_on.to_string(), steps],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"fine_id": fine_id, "outlet_id": outlet_id, "opened_on": opened_on, "steps": steps});
        self.audit("corrective_action", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    pub fn corrective_actions(&self) -> Result<Vec<CorrectiveActionRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, fine_id, outlet_id, opened_on, steps, done_on, done_note FROM corrective_action ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let done: Option<String> = r.get(5)?;
            out.push(CorrectiveActionRow {
                id: r.get(0)?,
                fine_id: r.get(1)?,
                outlet_id: r.get(2)?,
                opened_on: date(r, 3)?,
                steps: r.get(4)?,
                done_on: done.map(|t| t.parse().map_err(|_| StoreError::BadData(format!("date {t:?}")))).transpose()?,
                done_note: r.get(6)?,
            });
        }
        Ok(out)
    }

    /// Adds a step taken (a line of text) to an open corrective action.
    pub fn add_corrective_step(&self, id: i64, step: &str) -> Result<(), StoreError> {
        let before: Option<String> = self
            .conn
            .query_row("SELECT steps FROM corrective_action WHERE id = ?1 AND done_on IS NULL", [id], |r| r.get(0))
            .optional()?;
        let Some(before) = before else { return Err(StoreError::NotFound("an open corrective action")) };
        let after = if before.is_empty() { step.to_string() } else { format!("{before}\n{step}") };
        self.conn.execute("UPDATE corrective_action SET steps = ?1 WHERE id = ?2", params![after, id])?;
        self.audit(
            "corrective_action",
            id,
            "update",
            Some(&json!({ "steps": before })),
            Some(&json!({ "steps": after })),
        )?;
        Ok(())
    }

    pub fn complete_corrective_action(&self, id: i64, on: NaiveDate, note: &str) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE corrective_action SET done_on = ?1, done_note = ?2 WHERE id = ?3 AND done_on IS NULL",
            params![on.to_string(), note, id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("an open corrective action"));
        }
        let (before, after) = (json!({"done_on": null}), json!({"done_on": on, "done_note": note}));
        self.audit("corrective_action", id, "update", Some(&before), Some(&after))?;
        Ok(())
    }
}
