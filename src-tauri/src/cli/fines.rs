//! `fines` and `statement`: the notice list imported, files kept with fines, the list with totals, the accountant's statement.

use desk::Desk;

use super::words::{self, say};
use super::*;

pub(super) fn fines(desk: &mut Desk, action: FinesAction) -> Result<(), desk::ApiError> {
    match action {
        FinesAction::Import { file } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                desk::ApiError::new(desk::ErrorCode::FileNotRead, format!("cannot read {}: {e}", file.display()))
            })?;
            let report = desk.import_fines(&bytes)?;
            if report.errors.is_empty() {
                let (n, f) = (report.imported, file.display());
                println!(
                    "{}",
                    say!(
                        "{f} файлынан {n} айыппұл импортталды.",
                        "Из {f} импортировано штрафов: {n}.",
                        "Imported {n} fines from {f}."
                    )
                );
            } else {
                let n = report.errors.len();
                println!(
                    "{}",
                    say!(
                        "Ештеңе импортталмады: {n} жерде қате бар. Файлды түзетіп, қайта импорттаңыз.",
                        "Ничего не импортировано: ошибок — {n}. Исправьте файл и импортируйте снова.",
                        "Nothing was imported; rows with errors: {n}."
                    )
                );
                for e in &report.errors {
                    let column = if e.column.is_empty() { String::new() } else { format!(" [{}]", e.column) };
                    let line = e.line;
                    let at = say!("{line}-жол", "строка {line}", "line {line}");
                    println!("{at}{column}: {}", words::error_text(e.code, &e.message));
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
                let (name, id, sha) = (&kept.name, kept.id, &kept.sha256);
                println!(
                    "{}",
                    say!(
                        "{name} {fine} айыппұлымен бірге {id} файлы ретінде сақталды (SHA-256 {sha}).",
                        "{name} сохранён со штрафом {fine} как файл {id} (SHA-256 {sha}).",
                        "Kept {name} with fine {fine} as file {id} (SHA-256 {sha})."
                    )
                );
            }
        }
        FinesAction::File { id, out } => {
            let (name, bytes) = desk.fine_file(id)?;
            std::fs::write(&out, bytes).map_err(|e| {
                desk::ApiError::new(desk::ErrorCode::FileNotSaved, format!("cannot write {}: {e}", out.display()))
            })?;
            println!("{}", wrote(&name, &out));
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
                print_json(&both)?;
            } else {
                let owed_word = say!("қалды", "долг", "owed");
                for row in &page.rows {
                    println!(
                        "{}  {}  {:>6}  {:>12}  {owed_word} {:>12}  {}",
                        words::day(&row.fine.notice_date),
                        row.fine.notice_number,
                        row.clause,
                        words::money(&row.fine.amount),
                        words::money(&row.balance),
                        words::fine_state(row.state)
                    );
                }
                let n = totals.count;
                let (charged, cancelled, paid) =
                    (words::money(&totals.charged), words::money(&totals.cancelled), words::money(&totals.paid));
                let (offset, owed) = (words::money(&totals.offset), words::money(&totals.balance));
                println!(
                    "{}",
                    say!(
                        "{n} айыппұл; салынғаны {charged}, жойылғаны {cancelled}, төленгені {paid}, ұсталғаны {offset}, қалғаны {owed}",
                        "Штрафов: {n}; начислено {charged}, отменено {cancelled}, оплачено {paid}, удержано {offset}, долг {owed}",
                        "{n} fines; charged {charged}, cancelled {cancelled}, paid {paid}, offset {offset}, owed {owed}"
                    )
                );
            }
        }
    }
    Ok(())
}

pub(super) fn statement(desk: &mut Desk, args: StatementArgs) -> Result<(), desk::ApiError> {
    let StatementArgs { from, to, outlet, format, plain, prepared_on, out } = args;
    use desk::statements::{StatementFormat, StatementRequest};
    let bad = |what: String| desk::ApiError::new(desk::ErrorCode::CliBadArgument, what);
    let format = match (StatementFormat::parse(&format), plain) {
        (Some(StatementFormat::Csv), true) => StatementFormat::CsvPlain,
        (Some(_), true) => return Err(bad("--plain is for --format csv".into())),
        (Some(f), false) => f,
        (None, _) => return Err(bad(format!("unknown format {format:?}: xlsx, csv, pdf or 1c"))),
    };
    let lang = words::lang();
    let request = StatementRequest { from, to, outlet_id: outlet, format, lang };
    let file = desk.statement_file(&request, prepared_on)?;
    desk::statements::save(&out, &file.bytes)?;
    let preview = desk.statement_preview(&request)?;
    let t = &preview.totals;
    let (name, lines, path) = (&file.name, preview.lines, out.display());
    let m = words::money;
    let (opening, charged, cancelled) = (m(&t.opening), m(&t.charged), m(&t.cancelled));
    let (paid, offset, closing) = (m(&t.paid), m(&t.offset), m(&t.closing));
    println!(
        "{}",
        say!(
            "{name} ({lines} жазба) {path} ішіне жазылды: кезең басында {opening}, салынғаны {charged}, жойылғаны {cancelled}, төленгені {paid}, ұсталғаны {offset}, кезең соңында {closing}.",
            "{name} ({lines} записей) записан в {path}: на начало {opening}, начислено {charged}, отменено {cancelled}, оплачено {paid}, удержано {offset}, на конец {closing}.",
            "Wrote {name} ({lines} entries) to {path}: opening {opening}, charged {charged}, cancelled {cancelled}, paid {paid}, offset {offset}, closing {closing}."
        )
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

/// "Wrote NAME to PATH." in the run's language.
pub(super) fn wrote(name: &str, out: &std::path::Path) -> String {
    let path = out.display();
    say!("{name} {path} ішіне жазылды.", "{name} записан в {path}.", "Wrote {name} to {path}.")
}
