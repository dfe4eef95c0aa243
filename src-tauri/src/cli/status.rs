//! `status` and `audit`: the membership status with its next steps, the audit trail.

use desk::Desk;

use super::words::{self, say};
use super::*;

pub(super) fn status(desk: &mut Desk, json: bool) -> Result<(), desk::ApiError> {
    let report = desk.status_report()?;
    if json {
        print_json(&report)?;
    } else {
        print_status(&report);
    }
    Ok(())
}

pub(super) fn audit(desk: &mut Desk, action: AuditAction) -> Result<(), desk::ApiError> {
    match action {
        AuditAction::Verify => {
            let report = desk.verify_audit()?;
            match report.problem {
                None => {
                    let rows = report.rows;
                    println!(
                        "{}",
                        say!(
                            "Аудит журналы бүтін: {rows} жол тексерілді.",
                            "Журнал аудита цел: проверено строк — {rows}.",
                            "The audit trail is intact: {rows} rows checked."
                        )
                    )
                }
                Some(problem) => {
                    println!(
                        "{}",
                        say!(
                            "Аудит журналы бұзылған: {problem}.",
                            "Журнал аудита нарушен: {problem}.",
                            "The audit trail is broken: {problem}."
                        )
                    );
                    return Err(desk::ApiError::new(desk::ErrorCode::AuditBroken, problem));
                }
            }
        }
        AuditAction::List { json, limit } => {
            let rows = desk.audit_trail(limit)?;
            if json {
                print_json(&rows)?;
            } else {
                for r in &rows {
                    let who = r.person.clone().unwrap_or_else(|| format!("({})", r.profile));
                    println!("{:>6}  {}  {:<24}  {} {} #{}", r.seq, r.at, who, r.action, r.entity, r.entity_id);
                }
            }
        }
    }
    Ok(())
}

fn print_status(report: &desk::dto::StatusReport) {
    match &report.seller {
        Some(s) if report.test_identifier => {
            let (name, id) = (&s.name, s.tax_id.number());
            println!(
                "{}",
                say!(
                    "{name} ({id}, NCA сынақ сәйкестендіргіші: сынақ деректері)",
                    "{name} ({id}, тестовый идентификатор НУЦ: тестовые данные)",
                    "{name} ({id}, NCA test identifier: test data)"
                )
            )
        }
        Some(s) => println!("{} ({})", s.name, s.tax_id.number()),
        None => println!("{}", say!("Дүкен әлі жоқ", "Магазина ещё нет", "No shop yet")),
    }
    let state = words::state(report.status.state);
    match report.status.since {
        Some(since) => {
            let since = words::day(&since);
            println!(
                "{}",
                say!("Күйі: {state}, {since} бастап", "Статус: {state} с {since}", "State: {state} since {since}")
            )
        }
        None => println!("{}", say!("Күйі: {state}", "Статус: {state}", "State: {state}")),
    }
    if !report.status.next_actions.is_empty() {
        println!(
            "{}",
            say!(
                "Келесі қадамдар, ең шұғылы бірінші:",
                "Следующие шаги, самые срочные первыми:",
                "Next steps, most urgent first:"
            )
        );
    }
    // Each step names its own date where it has one, in its sentence.
    for action in &report.status.next_actions {
        println!("  - {}", words::next_step(action));
    }
}
