//! `status` and `audit`: the membership status with its next steps, the audit trail.

use desk::Desk;

use super::*;

pub(super) fn status(desk: &mut Desk, json: bool) -> Result<(), desk::ApiError> {
    let report = desk.status_report()?;
    if json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string()))?;
        println!("{text}");
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
                None => println!("The audit trail is intact: {} rows checked.", report.rows),
                Some(problem) => {
                    println!("The audit trail is broken: {problem}.");
                    return Err(desk::ApiError::new(desk::ErrorCode::AuditBroken, problem));
                }
            }
        }
        AuditAction::List { json, limit } => {
            let rows = desk.audit_trail(limit)?;
            if json {
                let text = serde_json::to_string_pretty(&rows)
                    .map_err(|e| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string()))?;
                println!("{text}");
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
    let state = serde_json::to_value(report.status.state).unwrap_or_default();
    match &report.seller {
        Some(s) if report.test_identifier => {
            println!("{} ({}, NCA test identifier: test data)", s.name, s.tax_id.number())
        }
        Some(s) => println!("{} ({})", s.name, s.tax_id.number()),
        None => println!("No shop yet"),
    }
    print!("State: {}", state.as_str().unwrap_or("?"));
    match report.status.since {
        Some(since) => println!(" since {since}"),
        None => println!(),
    }
    if !report.status.next_actions.is_empty() {
        println!("Next steps, most urgent first:");
    }
    for action in &report.status.next_actions {
        let day = action.date().map(|d| format!("{} ", d.format("%d.%m.%Y"))).unwrap_or_default();
        println!("  - {day}{}", next_step_text(action));
    }
}

/// A next step in words, as the window's English screen says it.
fn next_step_text(action: &club::status::NextAction) -> String {
    use club::status::NextAction as A;
    let code = |v: &dyn erased::Code| v.code_text();
    let money = |t: &club::money::Tenge| t.format(club::Lang::En);
    let day = |d: &chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    match action {
        A::RecordJoining => "Record the day the shop joined the club.".into(),
        A::CompleteExitChecklist { reason, deadline } => format!(
            "Finish leaving the club ({}): remove every club mark, poster and flyer, and clean the website and ads (5.1){}.",
            code(reason),
            deadline.map(|d| format!(", by {}", day(&d))).unwrap_or_default()
        ),
        A::StartExitChecklist => "Participation is terminated: start the exit and remove the club's marks (5.1).".into(),
        A::ResolveMeasure { measure } => {
            format!("Settle with the platform to have this measure lifted: 6.6 {}) {}.", measure.letter(), code(measure))
        }
        A::PrepareForClubStop { stop, effective, calendar_days_left, working_days_left } => format!(
            "The club's {} takes effect on {}: {calendar_days_left} calendar days, {working_days_left} working days left (4.4).",
            code(stop),
            day(effective)
        ),
        A::ShortNotice { notice_days, required_days } => format!(
            "The announcement gave {notice_days} calendar days of notice; clause 4.4 requires at least {required_days}."
        ),
        A::EquipOutlet { outlet_name, .. } => {
            format!("\"{outlet_name}\" has no active POS terminal or QR code (2.4.2, 2.5.4): ask the bank to connect one.")
        }
        A::DisplayMarks { outlet_name, .. } => {
            format!("No club mark is recorded at \"{outlet_name}\": display them there (2.5.1) and record them.")
        }
        A::RestoreContract { kind } => format!("Contract {}: not recorded or not in force (1.3).", kind.code()),
        A::PayOverdueFine { notice_number, balance, .. } => {
            format!("Fine {notice_number} is overdue: pay {} or dispute it.", money(balance))
        }
        A::PayFineSoon { notice_number, balance, .. } => format!("Fine {notice_number} falls due: pay {}.", money(balance)),
        A::AwaitDisputeAnswer { notice_number, deadline, .. } => {
            format!("Fine {notice_number} is disputed: the platform's answer is expected by {}.", day(deadline))
        }
        A::CompleteCorrectiveAction { outlet_name, since, .. } => format!(
            "Corrective action at \"{outlet_name}\" open since {} (6.3): retrain the staff on accepting the bank's cards and QR codes (2.5.4).",
            day(since)
        ),
        A::RepeatedRefusals { count, last } => format!(
            "{count} refusals to accept the bank's instruments in 12 months, the last on {} (6.4): another can end the participation.",
            day(last)
        ),
        A::MoreFines { count } => format!("{count} more fines are overdue or due this week: see `seller-desk fines list --state open`."),
        A::TrainingOverdue { person, until, .. } => {
            format!("{person}'s training certificate expired on {} (2.5.2): the quiz is to be taken again.", day(until))
        }
        A::TrainingDueSoon { person, until, .. } => {
            format!("{person}'s training certificate expires on {} (2.5.2): time for the quiz.", day(until))
        }
        A::TrainingNever { person, .. } => format!("{person} has not been trained on the payment rules yet (2.5.2, 6.11)."),
        A::AcknowledgeRules { published, clauses } => format!(
            "The rules published on {} changed clause(s) {} (4.2, 4.3): read them (`seller-desk rules diff`) and acknowledge.",
            day(published),
            clauses.join(", ")
        ),
        A::NewObligation { clause, published } => {
            format!("New obligation in clause {clause} of the rules published on {}: brief the staff.", day(published))
        }
    }
}

/// The snake_case name serde gives an enum value, for the command line's text.
mod erased {
    pub trait Code {
        fn code_text(&self) -> String;
    }
    impl<T: serde::Serialize> Code for T {
        fn code_text(&self) -> String {
            serde_json::to_value(self).ok().and_then(|v| v.as_str().map(|s| s.replace('_', " "))).unwrap_or_default()
        }
    }
}
