//! Importing the platform's notice list from a CSV file, all or nothing.
//!
//! Columns (header row required, in this order; `;` or `,` separated; UTF-8, a BOM is fine):
//! `notice_number, notice_date, fact_date, outlet, clause, amount, due_date, notes`.
//! Dates are `2026-03-10` or `10.03.2026`; `outlet` is the outlet's number or its exact name;
//! `clause` is the rules' clause (2.5.4, 2.6.1 … 2.6.5, 6.1; 6.3 and 6.4 mean 2.5.4); amounts are
//! `50000`, `50000.00` or `50 000,00`; `notes` may be empty.

use std::collections::HashMap;

use chrono::NaiveDate;
use club::fines::{Fine, Violation};
use club::money::Tenge;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::fines::insert_fine;
use crate::limits::LIMITS;
use crate::{ApiError, Desk, ErrorCode};

pub const COLUMNS: [&str; 8] =
    ["notice_number", "notice_date", "fact_date", "outlet", "clause", "amount", "due_date", "notes"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRowError {
    /// The line in the file (the header is line 1).
    pub line: u32,
    pub column: String,
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// Fines written: every row, or none when any row has an error.
    pub imported: u32,
    pub errors: Vec<ImportRowError>,
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y")).ok()
}

fn row_error(line: u32, column: &str, code: ErrorCode, message: String) -> ImportRowError {
    ImportRowError { line, column: column.into(), code, message }
}

/// The column a rule of the fine is about, for the report.
fn column_of(e: club::fines::FineError) -> &'static str {
    use club::fines::FineError as F;
    match e {
        F::EmptyNotice => "notice_number",
        F::AmountNotPositive => "amount",
        F::FactAfterNotice => "fact_date",
        F::DueBeforeNotice => "due_date",
        _ => "",
    }
}

/// One row as a fine, or every error in it: what cannot be read, and every rule the fine
/// breaks (its own, the dates against today, a notice already recorded or earlier in the file).
fn read_row(
    record: &csv::StringRecord,
    line: u32,
    ctx: &RowContext<'_>,
    seen: &mut HashMap<String, u32>,
) -> Result<Fine, Vec<ImportRowError>> {
    let mut errors = Vec::new();
    if record.len() != COLUMNS.len() {
        let message = format!("{} columns instead of {}", record.len(), COLUMNS.len());
        return Err(vec![row_error(line, "", ErrorCode::ImportBadRow, message)]);
    }
    let field = |i: usize| record.get(i).unwrap_or("").to_string();
    let date = |col: usize, errors: &mut Vec<ImportRowError>| {
        let value = field(col);
        let parsed = parse_date(&value);
        if parsed.is_none() {
            errors.push(row_error(line, COLUMNS[col], ErrorCode::ImportBadDate, format!("{value:?} is not a date")));
        }
        parsed
    };
    let notice_number = field(0);
    let notes = field(7);
    for (column, value, max) in [("notice_number", &notice_number, LIMITS.number), ("notes", &notes, LIMITS.text)] {
        if let Err(e) = crate::limits::check(&[(column, value, max)]) {
            errors.push(row_error(line, column, e.code, e.message));
        }
    }
    if let Err(e) = crate::limits::check_printable(&[("notice_number", &notice_number)]) {
        errors.push(row_error(line, "notice_number", e.code, e.message));
    }
    if !notice_number.is_empty() {
        if let Some(first) = seen.get(&notice_number) {
            let message = format!("notice {notice_number} is also on line {first} of this file");
            errors.push(row_error(line, "notice_number", ErrorCode::ImportDuplicateInFile, message));
        } else {
            seen.insert(notice_number.clone(), line);
            let recorded = ctx.db.fine_id_by_notice(&notice_number);
            if let Err(e) = &recorded {
                errors.push(row_error(line, "notice_number", ErrorCode::StoreIo, e.to_string()));
            }
            if recorded.is_ok_and(|id| id.is_some()) {
                let message =
                    format!("a fine with notice {notice_number} is already recorded (6.5: one fine per fact)");
                errors.push(row_error(line, "notice_number", ErrorCode::FineDuplicateNotice, message));
            }
        }
    }
    let notice_date = date(1, &mut errors);
    if let Some(day) = notice_date.filter(|d| *d > ctx.today) {
        errors.push(row_error(line, "notice_date", ErrorCode::DateInFuture, format!("{day} is in the future")));
    }
    let fact_date = date(2, &mut errors);
    let due_date = date(6, &mut errors);
    let outlet_text = field(3);
    let outlet = ctx.outlets.iter().find(|o| o.id.to_string() == outlet_text || o.name == outlet_text);
    if outlet.is_none() {
        errors.push(row_error(line, "outlet", ErrorCode::OutletNotFound, format!("no outlet {outlet_text:?}")));
    }
    let clause = field(4);
    let violation = Violation::from_clause(&clause);
    if violation.is_none() {
        let message = format!("{clause:?} is not a clause fines are charged under");
        errors.push(row_error(line, "clause", ErrorCode::ImportUnknownClause, message));
    }
    let amount = match Tenge::parse(&field(5)) {
        Ok(a) => Some(a),
        Err(e) => {
            let e = ApiError::from(e);
            errors.push(row_error(line, "amount", e.code, format!("{:?}: {}", field(5), e.message)));
            None
        }
    };
    // The fine's own rules, with whatever could be read: a bad amount does not hide a due date
    // before the notice.
    let probe = Fine {
        notice_number: notice_number.clone(),
        notice_date: notice_date.unwrap_or(NaiveDate::MIN),
        fact_date: fact_date.unwrap_or(NaiveDate::MIN),
        outlet_id: outlet.map_or(0, |o| o.id),
        violation: violation.unwrap_or(Violation::RefusalToAccept),
        amount: amount.unwrap_or(Tenge::from_tiyn(1)),
        due_date: due_date.unwrap_or(NaiveDate::MAX),
        notes: notes.clone(),
    };
    for problem in probe.problems() {
        let column = column_of(problem);
        let known = match column {
            "amount" => amount.is_some(),
            "fact_date" => fact_date.is_some() && notice_date.is_some(),
            "due_date" => due_date.is_some() && notice_date.is_some(),
            _ => true,
        };
        if known {
            let e = ApiError::from(problem);
            errors.push(row_error(line, column, e.code, e.message));
        }
    }
    match (notice_date, fact_date, due_date, outlet, violation, amount) {
        (Some(notice_date), Some(fact_date), Some(due_date), Some(outlet), Some(violation), Some(amount))
            if errors.is_empty() =>
        {
            Ok(Fine { notice_number, notice_date, fact_date, outlet_id: outlet.id, violation, amount, due_date, notes })
        }
        _ => Err(errors),
    }
}

/// What every row is checked against: the day, the outlets and the notices already recorded.
struct RowContext<'a> {
    today: NaiveDate,
    outlets: &'a [club::profile::Outlet],
    db: &'a store::Db<'a>,
}

impl Desk {
    /// Reads every row, checks each against the rules, the outlets, the file itself and the
    /// fines already recorded; writes all of them in one transaction only when none has an error.
    pub fn import_fines(&mut self, bytes: &[u8]) -> Result<ImportReport, ApiError> {
        self.need(crate::people::Need::Fines)?;
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).map_err(|_| {
            ApiError::new(ErrorCode::ImportNotUtf8, "the file is not UTF-8 text (save it as CSV UTF-8)")
        })?;
        let first_line = text.lines().next().unwrap_or("");
        let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| ApiError::new(ErrorCode::ImportBadHeader, format!("the header row cannot be read: {e}")))?
            .iter()
            .map(|h| h.to_lowercase())
            .collect();
        if headers != COLUMNS {
            return Err(ApiError::new(
                ErrorCode::ImportBadHeader,
                format!("the header row must be: {}", COLUMNS.join(";")),
            ));
        }

        let today = self.today();
        let db = self.store.read();
        let outlets = db.outlets()?;
        let ctx = RowContext { today, outlets: &outlets, db: &db };
        let mut errors = Vec::new();
        let mut fines: Vec<(u32, Fine)> = Vec::new();
        let mut seen = HashMap::new();
        for (i, record) in reader.records().enumerate() {
            let line = u32::try_from(i + 2).unwrap_or(u32::MAX);
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    errors.push(row_error(line, "", ErrorCode::ImportBadRow, format!("the row cannot be read: {e}")));
                    continue;
                }
            };
            match read_row(&record, line, &ctx, &mut seen) {
                Ok(fine) => fines.push((line, fine)),
                Err(mut row_errors) => errors.append(&mut row_errors),
            }
        }
        if fines.is_empty() && errors.is_empty() {
            return Err(ApiError::new(ErrorCode::ImportEmpty, "the file has no fines"));
        }
        if !errors.is_empty() {
            return Ok(ImportReport { imported: 0, errors });
        }

        // Everything was checked above; the same checks run again inside the one transaction
        // (the form's code), so that a fine recorded meanwhile from another window still stops
        // the whole import. The first failure rolls everything back and names its line.
        let count = fines.len();
        let mut failed_line = 0;
        let outcome = self.store.write(|db| -> Result<(), ApiError> {
            for (line, fine) in &fines {
                failed_line = *line;
                insert_fine(db, fine, today)?;
            }
            Ok(())
        });
        match outcome {
            Ok(()) => Ok(ImportReport { imported: u32::try_from(count).unwrap_or(u32::MAX), errors: vec![] }),
            Err(e) => Ok(ImportReport {
                imported: 0,
                errors: vec![ImportRowError {
                    line: failed_line,
                    column: String::new(),
                    code: e.code,
                    message: e.message,
                }],
            }),
        }
    }
}
