//! The accountant's statement of fines as files: XLSX, CSV, PDF and the 1C:Accounting
//! bank-exchange text. Each takes a built [`club::statement::Statement`] and the words of one
//! language, and never reads the clock: the same statement gives the same bytes (the day it is
//! prepared on is a parameter).
//!
//! ```
//! use club::statement::{build, Period};
//! let period = Period { from: "2026-01-01".parse().unwrap(), to: "2026-03-31".parse().unwrap() };
//! let statement = build(&[], period, None).unwrap();
//! let seller = club::profile::Seller::new(club::profile::LegalForm::LegalEntity, "971240001315", "Dala").unwrap();
//! let ctx = export::Context {
//!     statement: &statement,
//!     seller: &seller,
//!     outlets: &[],
//!     lang: club::Lang::Ru,
//!     prepared_on: period.to,
//!     progress: &export::quiet,
//! };
//! let csv = export::csv(&ctx, export::CsvStyle::Excel).unwrap();
//! assert!(csv.starts_with(b"\xEF\xBB\xBF"));
//! ```

mod csv_file;
mod onec;
mod pdf;
mod words;
mod xlsx;

use chrono::NaiveDate;
use club::money::Tenge;
use club::profile::{Outlet, Seller};
use club::statement::Statement;
use club::Lang;

pub use csv_file::{csv, CsvStyle};
pub use onec::{one_c, Payments};
pub use pdf::pdf;
pub use xlsx::xlsx;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the spreadsheet cannot be written: {0}")]
    Xlsx(String),
    #[error("the PDF cannot be drawn: {0}")]
    Pdf(String),
    #[error("the CSV cannot be written: {0}")]
    Csv(String),
}

/// Told how many of the statement's entries are written, now and then, and once at the end.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// For callers that show no progress.
pub fn quiet(_done: usize, _total: usize) {}

/// How often, in entries, progress is told.
const PROGRESS_EVERY: usize = 2_000;

/// What a file is made from.
pub struct Context<'a> {
    pub statement: &'a Statement,
    pub seller: &'a Seller,
    /// The seller's outlets, for their names.
    pub outlets: &'a [Outlet],
    pub lang: Lang,
    pub prepared_on: NaiveDate,
    pub progress: Progress<'a>,
}

impl Context<'_> {
    fn outlet_name(&self, id: i64) -> String {
        self.outlets.iter().find(|o| o.id == id).map_or_else(|| format!("#{id}"), |o| o.name.clone())
    }

    fn scope(&self) -> String {
        match self.statement.outlet {
            Some(id) => self.outlet_name(id),
            None => words::words(self.lang).all_outlets.to_string(),
        }
    }

    fn tax_id_label(&self) -> &'static str {
        let w = words::words(self.lang);
        if self.seller.tax_id.is_bin() {
            w.bin
        } else {
            w.iin
        }
    }

    /// Tells progress after entry `i` (0-based) when it is time to.
    fn tick(&self, i: usize) {
        let total = self.statement.lines.len();
        if (i + 1).is_multiple_of(PROGRESS_EVERY) || i + 1 == total {
            (self.progress)(i + 1, total);
        }
    }

    fn period_text(&self) -> String {
        format!("{} – {}", date(self.statement.period.from), date(self.statement.period.to))
    }
}

/// Dates as people in Kazakhstan write them, in every language.
fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// An amount as a plain number with a chosen decimal mark, no grouping: `1234,56`.
fn plain(t: Tenge, mark: char) -> String {
    let text = format!("{:.2}", t.value());
    if mark == '.' {
        text
    } else {
        text.replace('.', &mark.to_string())
    }
}

#[cfg(test)]
mod tests;
