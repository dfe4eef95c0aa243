//! CSV: for Excel in Kazakhstan (UTF-8 with BOM, `;`, decimal comma, dates `dd.mm.yyyy`), or
//! plain (`,`, decimal point, ISO dates) for programs.

use club::money::Tenge;
use club::statement::Line;

use crate::words::{movement, words};
use crate::{date, plain, Context, ExportError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvStyle {
    /// What Excel with Kazakh or Russian regional settings opens by double-click.
    Excel,
    /// `,` between fields and `.` in numbers.
    Plain,
}

/// The entries of the statement, between an opening-balance row and a closing-balance row, so
/// that the file reconciles on its own.
pub fn csv(ctx: &Context<'_>, style: CsvStyle) -> Result<Vec<u8>, ExportError> {
    let w = words(ctx.lang);
    let (sep, mark) = match style {
        CsvStyle::Excel => (b';', ','),
        CsvStyle::Plain => (b',', '.'),
    };
    let day = |d: chrono::NaiveDate| match style {
        CsvStyle::Excel => date(d),
        CsvStyle::Plain => d.to_string(),
    };
    let money = |t: Tenge| if t == Tenge::ZERO { String::new() } else { plain(t, mark) };
    let mut out = Vec::with_capacity(64 + ctx.statement.lines.len() * 120);
    if style == CsvStyle::Excel {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut writer = csv::WriterBuilder::new().delimiter(sep).terminator(csv::Terminator::CRLF).from_writer(out);
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    writer
        .write_record([
            w.date,
            w.notice,
            w.outlet,
            w.clause,
            w.violation,
            w.entry,
            w.charged,
            w.cancelled,
            w.paid,
            w.offset,
            w.balance,
            w.reference,
        ])
        .map_err(err)?;
    let s = ctx.statement;
    let edge = |d, label: &str, balance: Tenge| -> [String; 12] {
        let mut row: [String; 12] = Default::default();
        row[0] = day(d);
        row[5] = label.to_string();
        row[10] = plain(balance, mark);
        row
    };
    writer.write_record(edge(s.period.from, w.opening, s.totals.opening)).map_err(err)?;
    for (i, l) in s.lines.iter().enumerate() {
        ctx.tick(i);
        let Line {
            date: d, notice_number, outlet_id, violation, movement: m, charged, cancelled, paid, offset, ..
        } = l;
        writer
            .write_record([
                day(*d),
                notice_number.clone(),
                ctx.outlet_name(*outlet_id),
                violation.clause().to_string(),
                violation.title(ctx.lang).to_string(),
                movement(*m, ctx.lang).to_string(),
                money(*charged),
                money(*cancelled),
                money(*paid),
                money(*offset),
                plain(l.balance, mark),
                l.reference.clone(),
            ])
            .map_err(err)?;
    }
    writer.write_record(edge(s.period.to, w.closing, s.totals.closing)).map_err(err)?;
    writer.into_inner().map_err(|e| ExportError::Csv(e.to_string()))
}
