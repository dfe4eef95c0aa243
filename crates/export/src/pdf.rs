//! PDF (print): A4 landscape, the seller and period at the top, the totals, the entries in a
//! table whose header repeats on every page, the breakdowns, "N / M" on every page.

use club::money::Tenge;
use club::statement::Sums;
use print::{Block, Column, Document, Row, Table};

use crate::words::{movement, words, Words};
use crate::{date, Context, ExportError};

fn col(title: &str, width: f32, right: bool) -> Column {
    Column { title: title.to_string(), width, right }
}

fn sums_table(first: &str, rows: &[(String, Sums)], total: &Sums, ctx: &Context<'_>, w: &Words) -> Table {
    let money = |t: Tenge| t.format(ctx.lang);
    let cells = |label: &str, s: &Sums| {
        let mut out = vec![label.to_string()];
        out.extend([s.opening, s.charged, s.cancelled, s.paid, s.offset, s.closing].map(money));
        out.push(s.count_charged.to_string());
        out
    };
    let mut table = Table {
        columns: vec![
            col(first, 90.0, false),
            col(w.opening, 30.0, true),
            col(w.charged, 26.0, true),
            col(w.cancelled, 26.0, true),
            col(w.paid, 26.0, true),
            col(w.offset, 26.0, true),
            col(w.closing, 30.0, true),
            col(w.count, 19.0, true),
        ],
        rows: rows.iter().map(|(label, s)| Row { cells: cells(label, s), bold: false }).collect(),
    };
    table.rows.push(Row { cells: cells(w.total, total), bold: true });
    table
}

pub fn pdf(ctx: &Context<'_>) -> Result<Vec<u8>, ExportError> {
    let w = words(ctx.lang);
    let s = ctx.statement;
    let t = s.totals;
    let money = |t: Tenge| t.format(ctx.lang);
    let blank = |t: Tenge| if t == Tenge::ZERO { String::new() } else { money(t) };
    let mut blocks = vec![
        Block::Heading(w.title.to_string()),
        Block::Fields(vec![
            (w.seller.into(), ctx.seller.name.clone()),
            (ctx.tax_id_label().into(), ctx.seller.tax_id.number().to_string()),
            (w.period.into(), ctx.period_text()),
            (w.outlet.into(), ctx.scope()),
            (w.prepared_on.into(), date(ctx.prepared_on)),
        ]),
        Block::Space(3),
        Block::Fields(vec![
            (w.opening.into(), money(t.opening)),
            (w.charged.into(), format!("{} ({} — {})", money(t.charged), w.count, t.count_charged)),
            (w.cancelled.into(), money(t.cancelled)),
            (w.paid.into(), money(t.paid)),
            (w.offset.into(), money(t.offset)),
            (w.closing.into(), money(t.closing)),
            (w.disputed.into(), money(s.disputed_at_close)),
        ]),
        Block::Space(3),
    ];
    let lines = Table {
        columns: vec![
            col(w.date, 19.0, false),
            col(w.notice, 26.0, false),
            col(w.outlet, 30.0, false),
            col(w.clause, 15.0, false),
            // Wide enough for the longest entry name (Russian "Оспаривание отклонено").
            col(w.entry, 41.0, false),
            col(w.charged, 24.0, true),
            col(w.cancelled, 24.0, true),
            col(w.paid, 24.0, true),
            col(w.offset, 24.0, true),
            col(w.balance, 26.0, true),
            col(w.reference, 20.0, false),
        ],
        rows: s
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                ctx.tick(i);
                l
            })
            .map(|l| Row {
                cells: vec![
                    date(l.date),
                    l.notice_number.clone(),
                    ctx.outlet_name(l.outlet_id),
                    l.violation.clause().to_string(),
                    movement(l.movement, ctx.lang).to_string(),
                    blank(l.charged),
                    blank(l.cancelled),
                    blank(l.paid),
                    blank(l.offset),
                    money(l.balance),
                    l.reference.clone(),
                ],
                bold: false,
            })
            .collect(),
    };
    blocks.push(Block::Heading(w.lines_sheet.to_string()));
    blocks.push(Block::Table(lines));
    let outlets: Vec<(String, Sums)> = s.by_outlet.iter().map(|(id, x)| (ctx.outlet_name(*id), *x)).collect();
    blocks.push(Block::Heading(w.by_outlet.to_string()));
    blocks.push(Block::Table(sums_table(w.outlet, &outlets, &t, ctx, w)));
    let clauses: Vec<(String, Sums)> =
        s.by_violation.iter().map(|(v, x)| (format!("{} {}", v.clause(), v.title(ctx.lang)), *x)).collect();
    blocks.push(Block::Heading(w.by_clause.to_string()));
    blocks.push(Block::Table(sums_table(w.clause, &clauses, &t, ctx, w)));
    let doc = Document {
        title: format!("{} — {}", w.title, ctx.period_text()),
        blocks,
        landscape: true,
        running_head: format!(
            "{} · {} {} · {} · {}",
            w.title,
            ctx.tax_id_label(),
            ctx.seller.tax_id.number(),
            ctx.seller.name,
            ctx.period_text()
        ),
    };
    print::render(&doc).map_err(|e| ExportError::Pdf(e.to_string()))
}
