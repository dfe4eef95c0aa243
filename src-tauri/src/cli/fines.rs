//! `fines` and `statement`: the notice list imported, files kept with fines, the list with totals, the accountant's statement.

use desk::Desk;

use super::*;

pub(super) fn fines(desk: &mut Desk, action: FinesAction) -> Result<(), desk::ApiError> {
    match action {
        FinesAction::Import { file } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                desk::ApiError::new(desk::ErrorCode::StoreIo, format!("cannot read {}: {e}", file.display()))
            })?;
            let report = desk.import_fines(&bytes)?;
            if report.errors.is_empty() {
                println!("Imported {} fines from {}.", report.imported, file.display());
            } else {
                println!("Nothing was imported; rows with errors: {}.", report.errors.len());
                for e in &report.errors {
                    let column = if e.column.is_empty() { String::new() } else { format!(" [{}]", e.column) };
                    println!("line {}{column}: {}", e.line, e.message);
                }
                return Err(desk::ApiError::new(desk::ErrorCode::ImportBadRow, "the file has errors"));
            }
        }
        FinesAction::Attach { fine, role, file } => {
            let role = match role.as_str() {
                "notice" => desk::fines::FileRole::Notice,
                "evidence" => desk::fines::FileRole::Evidence,
                other => {
                    return Err(desk::ApiError::new(
                        desk::ErrorCode::CliBadArgument,
                        format!("unknown role {other:?}: notice or evidence"),
                    ))
                }
            };
            let bytes = std::fs::read(&file).map_err(|e| {
                desk::ApiError::new(desk::ErrorCode::FileNotRead, format!("cannot read {}: {e}", file.display()))
            })?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let detail = desk.attach_fine_file(fine, role, &name, &bytes)?;
            if let Some(kept) = detail.files.last() {
                println!("Kept {} with fine {} as file {} (SHA-256 {}).", kept.name, fine, kept.id, kept.sha256);
            }
        }
        FinesAction::File { id, out } => {
            let (name, bytes) = desk.fine_file(id)?;
            std::fs::write(&out, bytes).map_err(|e| {
                desk::ApiError::new(desk::ErrorCode::FileNotSaved, format!("cannot write {}: {e}", out.display()))
            })?;
            println!("Wrote {name} to {}.", out.display());
        }
        FinesAction::List { json, state, outlet, clause, from, to, search, sort, ascending, limit } => {
            let mut query = fines_query(&state, outlet, clause.as_deref(), from, to, limit)?;
            query.search = search;
            query.ascending = ascending;
            query.sort = match sort.as_str() {
                "amount" => desk::fines::FineSort::Amount,
                "due-date" => desk::fines::FineSort::DueDate,
                "balance" => desk::fines::FineSort::Balance,
                "state" => desk::fines::FineSort::State,
                _ => desk::fines::FineSort::NoticeDate,
            };
            let page = desk.list_fines(&query)?;
            let totals = desk.fine_totals(&query)?;
            if json {
                let both = serde_json::json!({ "rows": page.rows, "next": page.next, "totals": totals });
                let text = serde_json::to_string_pretty(&both)
                    .map_err(|e| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string()))?;
                println!("{text}");
            } else {
                for row in &page.rows {
                    println!(
                        "{}  {}  {:>6}  {:>12}  owed {:>12}  {}",
                        row.fine.notice_date,
                        row.fine.notice_number,
                        row.clause,
                        row.fine.amount.format(club::Lang::En),
                        row.balance.format(club::Lang::En),
                        serde_json::to_value(row.state)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    );
                }
                println!(
                    "{} fines; charged {}, paid {}, offset {}, owed {}",
                    totals.count,
                    totals.charged.format(club::Lang::En),
                    totals.paid.format(club::Lang::En),
                    totals.offset.format(club::Lang::En),
                    totals.balance.format(club::Lang::En)
                );
            }
        }
    }
    Ok(())
}

pub(super) fn statement(desk: &mut Desk, args: StatementArgs) -> Result<(), desk::ApiError> {
    let StatementArgs { from, to, outlet, format, plain, lang, prepared_on, out } = args;
    use desk::statements::{StatementFormat, StatementRequest};
    let bad = |what: String| desk::ApiError::new(desk::ErrorCode::CliBadArgument, what);
    let format = match (StatementFormat::parse(&format), plain) {
        (Some(StatementFormat::Csv), true) => StatementFormat::CsvPlain,
        (Some(_), true) => return Err(bad("--plain is for --format csv".into())),
        (Some(f), false) => f,
        (None, _) => return Err(bad(format!("unknown format {format:?}: xlsx, csv, pdf or 1c"))),
    };
    let lang = club::Lang::from_code(&lang).ok_or_else(|| bad(format!("unknown language {lang:?}: kk, ru or en")))?;
    let request = StatementRequest { from, to, outlet_id: outlet, format, lang };
    let file = desk.statement_file(&request, prepared_on)?;
    desk::statements::save(&out, &file.bytes)?;
    let preview = desk.statement_preview(&request)?;
    let t = &preview.totals;
    println!(
        "Wrote {} ({} entries) to {}: opening {}, charged {}, cancelled {}, paid {}, offset {}, closing {}.",
        file.name,
        preview.lines,
        out.display(),
        t.opening.format(club::Lang::En),
        t.charged.format(club::Lang::En),
        t.cancelled.format(club::Lang::En),
        t.paid.format(club::Lang::En),
        t.offset.format(club::Lang::En),
        t.closing.format(club::Lang::En),
    );
    Ok(())
}

fn fines_query(
    state: &str,
    outlet: Option<i64>,
    clause: Option<&str>,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    limit: u32,
) -> Result<desk::fines::FineQuery, desk::ApiError> {
    use desk::fines::FineStateFilter as S;
    let state = match state {
        "any" => S::Any,
        "open" => S::Open,
        "overdue" => S::Overdue,
        "disputed" => S::Disputed,
        "paid" => S::Paid,
        "cancelled" => S::Cancelled,
        other => {
            return Err(desk::ApiError::new(
                desk::ErrorCode::CliBadArgument,
                format!("unknown state {other:?}: any, open, overdue, disputed, paid or cancelled"),
            ))
        }
    };
    let violation = match clause {
        Some(c) => Some(club::fines::Violation::from_clause(c).ok_or_else(|| {
            desk::ApiError::new(
                desk::ErrorCode::ImportUnknownClause,
                format!("{c:?} is not a clause fines are charged under"),
            )
        })?),
        None => None,
    };
    Ok(desk::fines::FineQuery {
        state,
        outlet_id: outlet,
        violation,
        from,
        to,
        after: None,
        limit,
        ..Default::default()
    })
}
