//! Where each person stands: certified, due within 30 days, overdue, never trained; and the
//! roster per outlet as XLSX and PDF for the platform's check.

use chrono::{Datelike, Months, NaiveDate};
use club::Lang;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

use crate::words::words;
use crate::TrainingError;

/// A certificate is valid 12 months.
pub const VALID_MONTHS: u32 = 12;
/// "Due" this many days before a certificate expires.
pub const DUE_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Never,
    Overdue,
    DueSoon,
    Certified,
}

/// The last day a certificate issued on `issued` is valid: 12 months less a day.
pub fn valid_until(issued: NaiveDate) -> NaiveDate {
    let end = issued.checked_add_months(Months::new(VALID_MONTHS)).unwrap_or(NaiveDate::MAX);
    end.pred_opt().unwrap_or(end)
}

/// Where a person stands on `today` given their latest certificate's last valid day.
pub fn standing(valid_until: Option<NaiveDate>, today: NaiveDate) -> Standing {
    match valid_until {
        None => Standing::Never,
        Some(until) if until < today => Standing::Overdue,
        Some(until) if (until - today).num_days() < DUE_DAYS => Standing::DueSoon,
        Some(_) => Standing::Certified,
    }
}

/// One line of the roster, already worded (names and the weakest rule's title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub outlet: Option<String>,
    pub person: String,
    /// `owner`, `accountant` or `cashier`.
    pub role: String,
    pub standing: Standing,
    pub valid_until: Option<NaiveDate>,
    pub code: Option<String>,
    pub weakest: Option<String>,
}

fn role_word(role: &str, lang: Lang) -> &'static str {
    let w = words(lang);
    match role {
        "owner" => w.owner,
        "accountant" => w.accountant,
        _ => w.cashier,
    }
}

pub fn standing_word(s: Standing, lang: Lang) -> &'static str {
    let w = words(lang);
    match s {
        Standing::Certified => w.certified,
        Standing::DueSoon => w.due_soon,
        Standing::Overdue => w.overdue,
        Standing::Never => w.never,
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The roster as a spreadsheet: one sheet, dates as dates, a frozen header and a filter.
pub fn roster_xlsx(shop: &str, lines: &[Line], today: NaiveDate, lang: Lang) -> Result<Vec<u8>, TrainingError> {
    let x = |e: rust_xlsxwriter::XlsxError| TrainingError::Xlsx(e.to_string());
    let w = words(lang);
    let mut book = Workbook::new();
    let props =
        rust_xlsxwriter::DocProperties::new().set_title(format!("{} — {shop}", w.roster)).set_creation_datetime(
            &ExcelDateTime::from_ymd(today.year() as u16, today.month() as u8, today.day() as u8).map_err(x)?,
        );
    book.set_properties(&props);
    let sheet = book.add_worksheet();
    sheet.set_name(w.roster.chars().take(31).collect::<String>()).map_err(x)?;
    let header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let date_format = Format::new().set_num_format("dd.mm.yyyy").set_align(FormatAlign::Left);
    let titles = [
        (w.outlet, 24.0),
        (w.person, 28.0),
        (w.role, 12.0),
        (w.standing, 26.0),
        (w.valid_until, 14.0),
        (w.code, 14.0),
        (w.weakest, 36.0),
    ];
    for (col, (title, width)) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &header).map_err(x)?;
        sheet.set_column_width(col as u16, *width).map_err(x)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(x)?;
    for (i, l) in lines.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, l.outlet.as_deref().unwrap_or(w.no_outlet)).map_err(x)?;
        sheet.write_string(row, 1, &l.person).map_err(x)?;
        sheet.write_string(row, 2, role_word(&l.role, lang)).map_err(x)?;
        sheet.write_string(row, 3, standing_word(l.standing, lang)).map_err(x)?;
        if let Some(d) = l.valid_until {
            let d = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(x)?;
            sheet.write_datetime_with_format(row, 4, &d, &date_format).map_err(x)?;
        }
        if let Some(c) = &l.code {
            sheet.write_string(row, 5, c).map_err(x)?;
        }
        if let Some(r) = &l.weakest {
            sheet.write_string(row, 6, r).map_err(x)?;
        }
    }
    sheet.autofilter(0, 0, lines.len() as u32, (titles.len() - 1) as u16).map_err(x)?;
    book.save_to_buffer().map_err(x)
}

/// The roster as a landscape A4 PDF table.
pub fn roster_pdf(shop: &str, lines: &[Line], today: NaiveDate, lang: Lang) -> Result<Vec<u8>, TrainingError> {
    use print::{Block, Column, Document, Row, Table};
    let w = words(lang);
    let col = |title: &str, width: f32| Column { title: title.to_string(), width, right: false };
    let table = Table {
        columns: vec![
            col(w.outlet, 42.0),
            col(w.person, 52.0),
            col(w.role, 24.0),
            col(w.standing, 42.0),
            col(w.valid_until, 24.0),
            col(w.code, 26.0),
            col(w.weakest, 63.0),
        ],
        rows: lines
            .iter()
            .map(|l| Row {
                cells: vec![
                    l.outlet.as_deref().map_or_else(|| w.no_outlet.to_string(), crate::printable),
                    crate::printable(&l.person),
                    role_word(&l.role, lang).to_string(),
                    standing_word(l.standing, lang).to_string(),
                    l.valid_until.map(date).unwrap_or_default(),
                    l.code.clone().unwrap_or_default(),
                    l.weakest.clone().unwrap_or_default(),
                ],
                bold: false,
            })
            .collect(),
    };
    let doc = Document {
        title: format!("{} — {shop}", w.roster),
        blocks: vec![
            Block::Heading(format!("{} — {}", w.roster, crate::printable(shop))),
            Block::Paragraph(format!("{}: {}", w.as_of, date(today))),
            Block::Table(table),
        ],
        landscape: true,
        running_head: format!("{} — {} — {}", w.roster, crate::printable(shop), date(today)),
    };
    Ok(print::render(&doc)?)
}
