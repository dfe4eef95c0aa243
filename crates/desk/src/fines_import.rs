//! Importing the platform's notice list from a CSV file, all or nothing.
//!
//! Columns (header row required, in this order; `;` or `,` separated; UTF-8, a BOM is fine):
//! `notice_number, notice_date, fact_date, outlet, clause, amount, due_date, notes`.
//! Dates are `2026-03-10` or `10.03.2026`; `outlet` is the outlet's number or its exact name;
//! `clause` is the rules' clause (2.5.4, 2.6.1 … 2.6.5, 6.1; 6.3 and 6.4 mean 2.5.4); amounts are
//! `50000`, `50000.00` or `50 000,00`; `notes` may be empty.

use std::collections::HashSet;

use chrono::NaiveDate;
use club::fines::{Fine, Violation};
use club::money::Tenge;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::fines::insert_fine;
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

/// One row as a fine, or every error in it.
fn read_row(
    record: &csv::StringRecord,
    line: u32,
    outlets: &[club::profile::Outlet],
    seen: &mut HashSet<String>,
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
    let notice_date = date(1, &mut errors);
    let fact_date = date(2, &mut errors);
    let due_date = date(6, &mut errors);
    let outlet_text = field(3);
    let outlet = outlets.iter().find(|o| o.id.to_string() == outlet_text || o.name == outlet_text);
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
    let notice_number = field(0);
    if !notice_number.is_empty() && !seen.insert(notice_number.clone()) {
        let message = format!("{notice_number} appears twice in the file");
        errors.push(row_error(line, "notice_number", ErrorCode::FineDuplicateNotice, message));
    }
    match (notice_date, fact_date, due_date, outlet, violation, amount) {
        (Some(notice_date), Some(fact_date), Some(due_date), Some(outlet), Some(violation), Some(amount))
            if errors.is_empty() =>
        {
            let fine = Fine {
                notice_number,
                notice_date,
                fact_date,
                outlet_id: outlet.id,
                violation,
                amount,
                due_date,
                notes: field(7),
            };
            fine.validate().map_err(|e| {
                let e = ApiError::from(e);
                vec![row_error(line, "", e.code, e.message)]
            })?;
            Ok(fine)
        }
        _ => Err(errors),
    }
}

impl Desk {
    /// Reads every row, checks each against the rules, the outlets, the file itself and the
    /// fines already recorded; writes all of them in one transaction only when none has an error.
    pub fn import_fines(&mut self, bytes: &[u8]) -> Result<ImportReport, ApiError> {
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
        let outlets = self.store.read().outlets()?;
        let mut errors = Vec::new();
        let mut fines: Vec<(u32, Fine)> = Vec::new();
        let mut seen = HashSet::new();
        for (i, record) in reader.records().enumerate() {
            let line = u32::try_from(i + 2).unwrap_or(u32::MAX);
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    errors.push(row_error(line, "", ErrorCode::ImportBadRow, format!("the row cannot be read: {e}")));
                    continue;
                }
            };
            match read_row(&record, line, &outlets, &mut seen) {
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

        // Rules that need the store (duplicates of recorded fines, dates) are checked by the
        // same code as the form, inside one transaction: the first failure rolls everything back.
        let count = fines.len();
        let outcome = self.store.write(|db| -> Result<(), ApiError> {
            for (line, fine) in &fines {
                insert_fine(db, fine, today)
                    .map_err(|e| ApiError::new(e.code, format!("line {line}: {}", e.message)))?;
            }
            Ok(())
        });
        match outcome {
            Ok(()) => Ok(ImportReport { imported: u32::try_from(count).unwrap_or(u32::MAX), errors: vec![] }),
            Err(e) => {
                let line = e
                    .message
                    .strip_prefix("line ")
                    .and_then(|rest| rest.split(':').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                Ok(ImportReport {
                    imported: 0,
                    errors: vec![ImportRowError { line, column: String::new(), code: e.code, message: e.message }],
                })
            }
        }
    }
}
