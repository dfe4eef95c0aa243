//! XLSX (rust_xlsxwriter): typed cells — dates as dates, amounts as numbers in a ₸ format — a
//! frozen header row and an autofilter on each table, one sheet for the summary, one for the
//! entries and one per breakdown; sheet and column names in the statement's language.

use chrono::{Datelike, NaiveDate};
use club::money::Tenge;
use club::statement::Sums;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::words::{movement, words, Words};
use crate::{Context, ExportError};

/// Excel shows the amount with grouping as the reader's regional settings want, and the ₸ sign.
const MONEY: &str = "#,##0.00\\ \"₸\"";
const DATE: &str = "dd.mm.yyyy";

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    // Dates of fines are 1900..9999 and valid, as chrono guarantees.
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// The amount as the cell's number. A spreadsheet number is a binary double, which holds every
/// amount of two decimals up to 10^13 tenge exactly enough that it reads back as the same
/// `dd.dd`; the statement itself is computed in exact decimals before this point.
fn number(t: Tenge) -> f64 {
    t.value().to_f64().unwrap_or(f64::NAN)
}

struct Formats {
    plain: Format,
    bold: Format,
    header: Format,
    money: Format,
    money_bold: Format,
    date: Format,
}

fn formats() -> Formats {
    Formats {
        plain: Format::new(),
        bold: Format::new().set_bold(),
        header: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top),
        money: Format::new().set_num_format(MONEY),
        money_bold: Format::new().set_num_format(MONEY).set_bold(),
        date: Format::new().set_num_format(DATE).set_align(FormatAlign::Left),
    }
}

fn x(e: XlsxError) -> ExportError {
    ExportError::Xlsx(e.to_string())
}

fn header(sheet: &mut Worksheet, f: &Formats, titles: &[(&str, f64)]) -> Result<(), XlsxError> {
    for (col, (title, width)) in titles.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *title, &f.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn summary(sheet: &mut Worksheet, ctx: &Context<'_>, w: &Words, f: &Formats) -> Result<(), XlsxError> {
    let s = ctx.statement;
    sheet.set_name(w.summary_sheet)?;
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 40)?;
    sheet.write_string_with_format(0, 0, w.title, &f.bold)?;
    sheet.write_string(1, 0, w.seller)?;
    sheet.write_string(1, 1, &ctx.seller.name)?;
    sheet.write_string(2, 0, ctx.tax_id_label())?;
    sheet.write_string(2, 1, ctx.seller.tax_id.number())?;
    sheet.write_string(3, 0, w.period)?;
    sheet.write_string(3, 1, ctx.period_text())?;
    sheet.write_string(4, 0, w.outlet)?;
    sheet.write_string(4, 1, ctx.scope())?;
    sheet.write_string(5, 0, w.prepared_on)?;
    sheet.write_date_with_format(5, 1, &excel_date(ctx.prepared_on)?, &f.date)?;
    let t = s.totals;
    let rows = [
        (w.opening, t.opening),
        (w.charged, t.charged),
        (w.cancelled, t.cancelled),
        (w.paid, t.paid),
        (w.offset, t.offset),
        (w.closing, t.closing),
        (w.disputed, s.disputed_at_close),
    ];
    for (i, (label, value)) in rows.into_iter().enumerate() {
        let row = 7 + i as u32;
        let bold = i == 0 || i == 5;
        sheet.write_string_with_format(row, 0, label, if bold { &f.bold } else { &f.plain })?;
        sheet.write_number_with_format(row, 1, number(value), if bold { &f.money_bold } else { &f.money })?;
    }
    sheet.write_string(14, 0, w.count)?;
    sheet.write_number(14, 1, f64::from(t.count_charged))?;
    Ok(())
}

fn entries(sheet: &mut Worksheet, ctx: &Context<'_>, w: &Words, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(w.lines_sheet)?;
    header(
        sheet,
        f,
        &[
            (w.date, 11.0),
            (w.notice, 16.0),
            (w.outlet, 22.0),
            (w.clause, 8.0),
            (w.violation, 36.0),
            (w.entry, 22.0),
            (w.charged, 15.0),
            (w.cancelled, 15.0),
            (w.paid, 15.0),
            (w.offset, 15.0),
            (w.balance, 16.0),
            (w.reference, 16.0),
        ],
    )?;
    let names: Vec<(i64, String)> = ctx.outlets.iter().map(|o| (o.id, o.name.clone())).collect();
    let mut row = 0u32;
    for (i, l) in ctx.statement.lines.iter().enumerate() {
        ctx.tick(i);
        row += 1;
        sheet.write_date_with_format(row, 0, &excel_date(l.date)?, &f.date)?;
        sheet.write_string(row, 1, &l.notice_number)?;
        match names.iter().find(|(id, _)| *id == l.outlet_id) {
            Some((_, name)) => sheet.write_string(row, 2, name)?,
            None => sheet.write_string(row, 2, format!("#{}", l.outlet_id))?,
        };
        sheet.write_string(row, 3, l.violation.clause())?;
        sheet.write_string(row, 4, l.violation.title(ctx.lang))?;
        sheet.write_string(row, 5, movement(l.movement, ctx.lang))?;
        for (col, value) in [(6, l.charged), (7, l.cancelled), (8, l.paid), (9, l.offset)] {
            if value != Tenge::ZERO {
                sheet.write_number_with_format(row, col, number(value), &f.money)?;
            }
        }
        sheet.write_number_with_format(row, 10, number(l.balance), &f.money)?;
        if !l.reference.is_empty() {
            sheet.write_string(row, 11, &l.reference)?;
        }
    }
    sheet.autofilter(0, 0, row, 11)?;
    Ok(())
}

fn breakdown(
    sheet: &mut Worksheet,
    name: &str,
    first: &str,
    rows: &[(String, Sums)],
    total: &Sums,
    w: &Words,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    header(
        sheet,
        f,
        &[
            (first, 40.0),
            (w.opening, 16.0),
            (w.charged, 15.0),
            (w.cancelled, 15.0),
            (w.paid, 15.0),
            (w.offset, 15.0),
            (w.closing, 16.0),
            (w.count, 12.0),
        ],
    )?;
    let write = |sheet: &mut Worksheet, row: u32, label: &str, s: &Sums, bold: bool| -> Result<(), XlsxError> {
        let (text, money) = if bold { (&f.bold, &f.money_bold) } else { (&f.plain, &f.money) };
        sheet.write_string_with_format(row, 0, label, text)?;
        for (col, v) in [s.opening, s.charged, s.cancelled, s.paid, s.offset, s.closing].into_iter().enumerate() {
            sheet.write_number_with_format(row, col as u16 + 1, number(v), money)?;
        }
        sheet.write_number_with_format(row, 7, f64::from(s.count_charged), text)?;
        Ok(())
    };
    for (i, (label, s)) in rows.iter().enumerate() {
        write(sheet, i as u32 + 1, label, s, false)?;
    }
    sheet.autofilter(0, 0, rows.len() as u32, 7)?;
    // The total below the filtered range, so that filtering rows never hides it.
    write(sheet, rows.len() as u32 + 2, w.total, total, true)?;
    Ok(())
}

pub fn xlsx(ctx: &Context<'_>) -> Result<Vec<u8>, ExportError> {
    let w = words(ctx.lang);
    let f = formats();
    let mut book = Workbook::new();
    // The file's own creation time is the day the statement is prepared on, not the clock.
    let created = excel_date(ctx.prepared_on).map_err(x)?;
    book.set_properties(&DocProperties::new().set_title(w.title).set_creation_datetime(&created));
    summary(book.add_worksheet(), ctx, w, &f).map_err(x)?;
    entries(book.add_worksheet(), ctx, w, &f).map_err(x)?;
    let s = ctx.statement;
    let outlets: Vec<(String, Sums)> = s.by_outlet.iter().map(|(id, x)| (ctx.outlet_name(*id), *x)).collect();
    breakdown(book.add_worksheet(), w.by_outlet, w.outlet, &outlets, &s.totals, w, &f).map_err(x)?;
    let clauses: Vec<(String, Sums)> =
        s.by_violation.iter().map(|(v, x)| (format!("{} {}", v.clause(), v.title(ctx.lang)), *x)).collect();
    breakdown(book.add_worksheet(), w.by_clause, w.clause, &clauses, &s.totals, w, &f).map_err(x)?;
    book.save_to_buffer().map_err(x)
}
