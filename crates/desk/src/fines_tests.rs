//! Fines use-cases against a real SQLite file.

use chrono::NaiveDate;
use club::fines::{FineState, PaymentKind, Violation};
use club::money::Tenge;

use crate::fines::*;
use crate::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> Tenge {
    Tenge::parse(s).unwrap()
}

/// A shop with two outlets and no fines yet.
fn demo(dir: &tempfile::TempDir) -> (Desk, i64, i64) {
    let mut desk = Desk::open(dir.path(), FixedClock(d("2026-11-25"))).unwrap();
    let outlet = |name: &str, city: &str| club::profile::OutletDraft {
        name: name.into(),
        city: city.into(),
        address: "1".into(),
    };
    desk.create_shop(crate::dto::NewShopDto {
        legal_form: club::profile::LegalForm::LegalEntity,
        tax_id: "971240001315".into(),
        name: "Dala LLP".into(),
        outlet: outlet("Дала — Абай", "Алматы"),
        joined_on: d("2026-01-10"),
        owner: crate::people::NewOwnerDto { name: "Әсем".into(), pin: "482915".into() },
    })
    .unwrap();
    let o = desk.add_outlet(outlet("Дала — Есіл", "Астана")).unwrap();
    (desk, o.outlets[0].outlet.id, o.outlets[1].outlet.id)
}

fn new_fine(notice: &str, outlet: i64, violation: Violation, amount: &str, notice_date: &str, due: &str) -> NewFineDto {
    NewFineDto {
        notice_number: notice.into(),
        notice_date: d(notice_date),
        fact_date: d(notice_date),
        outlet_id: outlet,
        violation,
        amount: amount.into(),
        due_date: d(due),
        notes: String::new(),
    }
}

fn pay(fine_id: i64, amount: &str) -> PaymentDto {
    PaymentDto {
        fine_id,
        on: d("2026-11-20"),
        amount: amount.into(),
        kind: PaymentKind::Transfer,
        reference: "pp 1".into(),
    }
}

#[test]
fn a_fine_is_checked_against_the_schedule_on_its_fact_date() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    desk.add_schedule_entry(NewScheduleEntryDto {
        violation: Violation::Surcharge,
        amount: "30 000".into(),
        effective_from: d("2026-01-01"),
    })
    .unwrap();
    let ok =
        desk.record_fine(new_fine("N-1", almaty, Violation::Surcharge, "30000", "2026-10-01", "2026-10-31")).unwrap();
    assert_eq!(ok.fine.mismatch, None);
    let off = desk
        .record_fine(new_fine("N-2", almaty, Violation::Surcharge, "45 000,50", "2026-10-02", "2026-11-01"))
        .unwrap();
    assert_eq!(off.fine.mismatch, Some(t("15000.50")));
    assert_eq!(off.schedule_check.unwrap().agreed, t("30000"));
    // No corrective action for a surcharge.
    assert!(off.corrective_action.is_none());
}

#[test]
fn a_refusal_opens_a_corrective_action_and_two_warn_of_exclusion() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, astana) = demo(&dir);
    let first = desk
        .record_fine(new_fine("R-1", astana, Violation::RefusalToAccept, "50000", "2026-06-01", "2026-07-01"))
        .unwrap();
    let action = first.corrective_action.expect("a corrective action");
    assert_eq!(action.outlet_id, astana);
    assert!(desk.fines_summary().unwrap().refusal_warning.is_none());
    desk.record_fine(new_fine("R-2", almaty, Violation::RefusalToAccept, "50000", "2026-11-01", "2026-12-01")).unwrap();
    let summary = desk.fines_summary().unwrap();
    assert_eq!(summary.refusal_warning.unwrap().count, 2);
    assert_eq!(summary.open_corrective_actions.len(), 2);
    let step = |text: &str| CorrectiveStepDto { id: action.id, on: d("2026-06-05"), text: text.into() };
    assert_eq!(desk.add_corrective_step(step(" ")).unwrap_err().code, ErrorCode::CorrectiveStepEmpty);
    let summary = desk.add_corrective_step(step("Cashiers briefed on 2.5.4")).unwrap();
    let steps = &summary.open_corrective_actions.iter().find(|a| a.id == action.id).unwrap().steps;
    assert_eq!(steps, "05.06.2026 Cashiers briefed on 2.5.4");
    let summary = desk.add_corrective_step(step("Poster at the till")).unwrap();
    let steps = &summary.open_corrective_actions.iter().find(|a| a.id == action.id).unwrap().steps;
    assert_eq!(steps, "05.06.2026 Cashiers briefed on 2.5.4\n05.06.2026 Poster at the till");
    let summary = desk
        .complete_corrective_action(CompleteActionDto { id: action.id, on: d("2026-06-10"), note: "trained".into() })
        .unwrap();
    assert_eq!(summary.open_corrective_actions.len(), 1);
    let again =
        desk.complete_corrective_action(CompleteActionDto { id: action.id, on: d("2026-06-10"), note: String::new() });
    assert_eq!(again.unwrap_err().code, ErrorCode::CorrectiveNotFound);
    assert_eq!(desk.add_corrective_step(step("late")).unwrap_err().code, ErrorCode::CorrectiveNotFound);
}

#[test]
fn one_fine_per_notice_and_bad_input_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    desk.record_fine(new_fine("N-1", almaty, Violation::HigherPrice, "10000", "2026-10-01", "2026-10-31")).unwrap();
    let dup = desk.record_fine(new_fine("N-1", almaty, Violation::HigherPrice, "10000", "2026-10-02", "2026-10-31"));
    assert_eq!(dup.unwrap_err().code, ErrorCode::FineDuplicateNotice);
    let bad = desk.record_fine(new_fine("N-2", almaty, Violation::HigherPrice, "10,01.5", "2026-10-02", "2026-10-31"));
    assert_eq!(bad.unwrap_err().code, ErrorCode::AmountNotANumber);
    let due = desk.record_fine(new_fine("N-3", almaty, Violation::HigherPrice, "100", "2026-10-02", "2026-10-01"));
    assert_eq!(due.unwrap_err().code, ErrorCode::FineDueBeforeNotice);
    let outlet = desk.record_fine(new_fine("N-4", 999, Violation::HigherPrice, "100", "2026-10-02", "2026-10-31"));
    assert_eq!(outlet.unwrap_err().code, ErrorCode::OutletNotFound);
    assert_eq!(desk.fine_totals(&FineQuery::default()).unwrap().count, 1);
}

#[test]
fn a_fine_lives_through_dispute_and_payments() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    let f =
        desk.record_fine(new_fine("N-1", almaty, Violation::Surcharge, "40000", "2026-10-01", "2026-11-30")).unwrap();
    let id = f.fine.id;
    let empty = desk.dispute_fine(DisputeDto {
        fine_id: id,
        on: d("2026-10-02"),
        deadline: d("2026-10-20"),
        grounds: " ".into(),
        letter_lang: club::Lang::Kk,
    });
    assert_eq!(empty.unwrap_err().code, ErrorCode::FineGroundsEmpty);
    let disputed = desk
        .dispute_fine(DisputeDto {
            fine_id: id,
            on: d("2026-10-02"),
            deadline: d("2026-10-20"),
            grounds: "The client paid by card; the receipt is attached.".into(),
            letter_lang: club::Lang::Kk,
        })
        .unwrap();
    assert_eq!(disputed.fine.state, FineState::Disputed);
    assert_eq!(disputed.dispute_deadline, Some(d("2026-10-20")));
    assert_eq!(desk.pay_fine(pay(id, "1")).unwrap_err().code, ErrorCode::FineUnderDispute);
    let upheld = desk.record_outcome(OutcomeDto { fine_id: id, on: d("2026-10-15"), won: false }).unwrap();
    assert_eq!(upheld.fine.state, FineState::Upheld);
    let part = desk.pay_fine(pay(id, "15 000")).unwrap();
    assert_eq!(part.fine.balance, t("25000"));
    assert_eq!(desk.pay_fine(pay(id, "25000.01")).unwrap_err().code, ErrorCode::FineOverpayment);
    let offset = PaymentDto { kind: PaymentKind::Offset, amount: "25000".into(), ..pay(id, "0") };
    let paid = desk.pay_fine(offset).unwrap();
    assert_eq!(paid.fine.state, FineState::Paid);
    assert_eq!((paid.fine.paid, paid.fine.offset, paid.fine.balance), (t("15000"), t("25000"), Tenge::ZERO));
    assert_eq!(paid.events.len(), 4);
    assert_eq!(desk.pay_fine(pay(id, "1")).unwrap_err().code, ErrorCode::FineAlreadyPaid);
    // Every step is in the audit trail, and the trail verifies.
    let report = desk.verify_audit().unwrap();
    assert_eq!(report.problem, None);
}

#[test]
fn lists_page_through_everything_and_totals_cover_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, astana) = demo(&dir);
    for i in 0..25 {
        let outlet = if i % 2 == 0 { almaty } else { astana };
        let notice_date = format!("2026-10-{:02}", 1 + i % 28);
        // Ten fines fall due before today; their balance is overdue.
        let due = if i < 10 { "2026-11-01" } else { "2026-12-01" };
        desk.record_fine(new_fine(&format!("N-{i}"), outlet, Violation::HigherPrice, "1000.10", &notice_date, due))
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut query = FineQuery { limit: 10, ..FineQuery::default() };
    loop {
        let page = desk.list_fines(&query).unwrap();
        // Totals cover the whole selection, whatever page the query is on.
        let totals = desk.fine_totals(&query).unwrap();
        assert_eq!(totals.count, 25);
        assert_eq!(totals.charged, t("25002.50"));
        seen.extend(page.rows.iter().map(|r| r.id));
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (25, 25), "every fine exactly once");

    let astana_only = FineQuery { outlet_id: Some(astana), limit: 50, ..FineQuery::default() };
    assert_eq!(desk.fine_totals(&astana_only).unwrap().count, 12);
    assert_eq!(desk.list_fines(&astana_only).unwrap().rows.len(), 12);
    let overdue_query = FineQuery { state: FineStateFilter::Overdue, limit: 50, ..FineQuery::default() };
    assert_eq!(desk.fine_totals(&overdue_query).unwrap().count, 10);
    let overdue = desk.list_fines(&overdue_query).unwrap();
    assert!(overdue.rows.iter().all(|r| r.overdue));
    let summary = desk.fines_summary().unwrap();
    assert_eq!(summary.open.count, 25);
    assert_eq!(summary.overdue.balance, t("10001.00"));
    // The other fifteen fall due on 1 December, within seven days of 25 November.
    assert_eq!(summary.due_soon.count, 15);
    assert_eq!(summary.due_soon.balance, t("15001.50"));
}

mod import {
    use super::*;
    use crate::fines_import::ImportReport;

    const GOOD: &str = "\u{feff}notice_number;notice_date;fact_date;outlet;clause;amount;due_date;notes\n\
        JM-501;01.10.2026;28.09.2026;Дала — Абай;2.6.3;30 000,00;31.10.2026;\n\
        JM-502;2026-10-05;2026-10-01;2;6.4;50000;2026-11-05;\"Клиент; QR\"\n";

    fn count(desk: &Desk) -> i64 {
        desk.fine_totals(&FineQuery::default()).unwrap().count
    }

    #[test]
    fn a_good_file_imports_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let (mut desk, _, astana) = demo(&dir);
        let report = desk.import_fines(GOOD.as_bytes()).unwrap();
        assert_eq!(report, ImportReport { imported: 2, errors: vec![] });
        let page = desk.list_fines(&FineQuery { limit: 10, ..FineQuery::default() }).unwrap();
        assert_eq!(desk.fine_totals(&FineQuery::default()).unwrap().charged, t("80000"));
        let refusal = page.rows.iter().find(|r| r.fine.notice_number == "JM-502").unwrap();
        assert_eq!(refusal.fine.violation, Violation::RefusalToAccept);
        assert_eq!(refusal.fine.outlet_id, astana);
        assert_eq!(refusal.fine.notes, "Клиент; QR");
        // The refusal opened its corrective action, as a fine from the form does.
        assert_eq!(desk.fines_summary().unwrap().open_corrective_actions.len(), 1);
    }

    #[test]
    fn one_bad_row_rejects_the_whole_file_with_every_error_listed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut desk, _, _) = demo(&dir);
        let bad = "notice_number,notice_date,fact_date,outlet,clause,amount,due_date,notes\n\
            A-1,2026-10-01,2026-09-28,1,2.6.3,30000,2026-10-31,\n\
            A-2,2026-10-01,2026-09-28,1,2.7,30000,2026-10-31,\n\
            A-3,2026-10-01,2026-09-28,1,2.6.1,30 000.5.0,2026-10-31,\n\
            A-4,2026-13-01,2026-09-28,1,2.6.1,100,2026-10-31,\n\
            A-1,2026-10-02,2026-09-28,1,2.6.2,100,2026-10-31,\n\
            A-6,2026-10-02,2026-09-28,Nowhere,2.6.2,100,2026-10-31,\n";
        let report = desk.import_fines(bad.as_bytes()).unwrap();
        assert_eq!(report.imported, 0);
        let found: Vec<(u32, &str, ErrorCode)> =
            report.errors.iter().map(|e| (e.line, e.column.as_str(), e.code)).collect();
        assert_eq!(
            found,
            vec![
                (3, "clause", ErrorCode::ImportUnknownClause),
                (4, "amount", ErrorCode::AmountNotANumber),
                (5, "notice_date", ErrorCode::ImportBadDate),
                (6, "notice_number", ErrorCode::ImportDuplicateInFile),
                (7, "outlet", ErrorCode::OutletNotFound),
            ]
        );
        let twice = report.errors.iter().find(|e| e.line == 6).unwrap();
        assert!(twice.message.contains("line 2"), "names the first line: {}", twice.message);
        assert_eq!(count(&desk), 0, "nothing was written");
    }

    #[test]
    fn every_kind_of_error_in_a_file_is_reported_not_only_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let (mut desk, almaty, _) = demo(&dir);
        desk.record_fine(new_fine("OLD-1", almaty, Violation::Surcharge, "100", "2026-09-01", "2026-10-01")).unwrap();
        let long = "N".repeat(crate::limits::LIMITS.number + 1);
        let bad = format!(
            "notice_number;notice_date;fact_date;outlet;clause;amount;due_date;notes
            B-1;01.10.2026;28.09.2026;1;2.6.3;abc;31.10.2026;
            B-2;01.10.2026;05.10.2026;1;2.6.3;100;31.10.2026;
            B-3;01.10.2026;28.09.2026;1;2.6.3;100;20.09.2026;
            OLD-1;01.10.2026;28.09.2026;1;2.6.3;100;31.10.2026;
            B-5;01.10.2026;28.09.2026;1;2.6.3;99999999999999999;31.10.2026;
            B-6;01.12.2026;28.09.2026;1;2.6.3;0;31.12.2026;
            {long};01.10.2026;28.09.2026;1;2.6.3;100;31.10.2026;
            B-8 🛒;01.10.2026;28.09.2026;1;2.6.3;100;31.10.2026;
"
        );
        let report = desk.import_fines(bad.as_bytes()).unwrap();
        let found: Vec<(u32, &str, ErrorCode)> =
            report.errors.iter().map(|e| (e.line, e.column.as_str(), e.code)).collect();
        assert_eq!(
            found,
            vec![
                (2, "amount", ErrorCode::AmountNotANumber),
                (3, "fact_date", ErrorCode::FineFactAfterNotice),
                (4, "due_date", ErrorCode::FineDueBeforeNotice),
                (5, "notice_number", ErrorCode::FineDuplicateNotice),
                (6, "amount", ErrorCode::AmountTooLarge),
                (7, "notice_date", ErrorCode::DateInFuture),
                (7, "amount", ErrorCode::FineAmountNotPositive),
                (8, "notice_number", ErrorCode::TextTooLong),
                (9, "notice_number", ErrorCode::TextCannotPrint),
            ]
        );
        // No message repeats its line: the report and the command line add it once.
        assert!(report.errors.iter().all(|e| !e.message.starts_with("line ")));
        assert_eq!(count(&desk), 1, "nothing was written");
    }

    #[test]
    fn a_notice_already_recorded_stops_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let (mut desk, almaty, _) = demo(&dir);
        desk.record_fine(new_fine("JM-502", almaty, Violation::Surcharge, "100", "2026-09-01", "2026-10-01")).unwrap();
        let report = desk.import_fines(GOOD.as_bytes()).unwrap();
        assert_eq!(report.imported, 0);
        assert_eq!(report.errors.len(), 1);
        assert_eq!((report.errors[0].line, report.errors[0].code), (3, ErrorCode::FineDuplicateNotice));
        assert_eq!(count(&desk), 1, "JM-501 of line 2 was not written either");
    }

    #[test]
    fn files_that_are_not_a_notice_list_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (mut desk, _, _) = demo(&dir);
        assert_eq!(desk.import_fines(b"\xff\xfe\x00garbage").unwrap_err().code, ErrorCode::ImportNotUtf8);
        assert_eq!(desk.import_fines(b"a;b;c\n1;2;3\n").unwrap_err().code, ErrorCode::ImportBadHeader);
        let header_only = "notice_number;notice_date;fact_date;outlet;clause;amount;due_date;notes\n";
        assert_eq!(desk.import_fines(header_only.as_bytes()).unwrap_err().code, ErrorCode::ImportEmpty);
    }
}

#[test]
fn the_demo_shop_has_a_year_of_fines() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path(), FixedClock(d("2026-11-25"))).unwrap();
    let o = desk.init_demo().unwrap();
    assert_eq!(desk.schedule().unwrap().len(), 7);
    let all = desk.list_fines(&FineQuery { limit: 100, ..FineQuery::default() }).unwrap();
    assert_eq!(all.rows.len(), 12);
    let states = |s: FineState| all.rows.iter().filter(|r| r.state == s).count();
    assert_eq!(states(FineState::Cancelled), 1, "one dispute won");
    assert!(states(FineState::Paid) >= 4, "full payments");
    assert!(all.rows.iter().any(|r| r.state == FineState::Received && r.paid > Tenge::ZERO), "a partial payment");
    assert!(all.rows.iter().any(|r| r.offset > Tenge::ZERO), "an offset");
    assert_eq!(all.rows.iter().filter(|r| r.mismatch.is_some()).count(), 1, "one schedule mismatch");
    assert_eq!(all.rows.iter().filter(|r| r.overdue).count(), 1, "one overdue fine");
    let outlets: std::collections::HashSet<i64> = all.rows.iter().map(|r| r.fine.outlet_id).collect();
    assert_eq!(outlets.len(), 2);
    assert_eq!(o.fines.open_corrective_actions.len(), 1);
    assert!(o.fines.refusal_warning.is_none());
    assert_eq!(o.fines.overdue.count, 1);
    let lost = all.rows.iter().find(|r| r.fine.notice_number == "JM-2026/0231").unwrap();
    assert_eq!(lost.state, FineState::Paid);
    assert_eq!(desk.verify_audit().unwrap().problem, None);
}

#[test]
fn disputing_keeps_the_letter_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    let f = desk
        .record_fine(new_fine("JM-77/1", almaty, Violation::Surcharge, "35000", "2026-10-01", "2026-11-30"))
        .unwrap();
    let grounds = "Клиент оплатил картой без доплаты; чек № 4411 прилагается.";
    let detail = desk
        .dispute_fine(DisputeDto {
            fine_id: f.fine.id,
            on: d("2026-10-03"),
            deadline: d("2026-10-20"),
            grounds: grounds.into(),
            letter_lang: club::Lang::Ru,
        })
        .unwrap();
    let letter = detail.files.iter().find(|f| f.role == "letter").expect("the letter is kept");
    assert_eq!(letter.name, "dispute-letter-JM-77-1-ru.pdf");
    let (name, bytes) = desk.fine_file(letter.id).unwrap();
    assert_eq!(name, letter.name);
    assert!(bytes.starts_with(b"%PDF"));
    let path = dir.path().join(&name);
    std::fs::write(&path, &bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Возражение на штраф (уведомление № JM-77/1)",
        "Dala LLP, БИН 971240001315",
        "35 000,00 ₸",
        "чек № 4411",
        "20.10.2026",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert_eq!(desk.fine_file(9999).unwrap_err().code, ErrorCode::FileNotFound);
}

#[test]
fn files_are_kept_with_a_fine_and_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    let f = desk.record_fine(new_fine("N-1", almaty, Violation::Surcharge, "100", "2026-10-01", "2026-10-31")).unwrap();
    let notice = b"%PDF-1.4 the platform's notice";
    let d1 = desk.attach_fine_file(f.fine.id, FileRole::Notice, "notice.pdf", notice).unwrap();
    let d2 = desk.attach_fine_file(f.fine.id, FileRole::Evidence, "receipt.jpg", b"jpeg bytes").unwrap();
    let d3 = desk.attach_fine_file(f.fine.id, FileRole::Notice, "notice.pdf", b"a second version").unwrap();
    assert_eq!((d1.files.len(), d2.files.len(), d3.files.len()), (1, 2, 3));
    let first = &d3.files[0];
    assert_eq!((first.role.as_str(), first.name.as_str(), first.size), ("notice", "notice.pdf", notice.len() as i64));
    assert_eq!(first.sha256.len(), 64);
    assert!(first.sha256.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(first.sha256, d3.files[2].sha256, "another version, another hash");
    assert_eq!(desk.fine_file(first.id).unwrap().1, notice.to_vec(), "the first version is still there");
    let big = vec![0u8; MAX_ATTACHMENT + 1];
    assert_eq!(
        desk.attach_fine_file(f.fine.id, FileRole::Evidence, "big", &big).unwrap_err().code,
        ErrorCode::FileTooLarge
    );
    assert_eq!(desk.attach_fine_file(999, FileRole::Evidence, "x", b"x").unwrap_err().code, ErrorCode::FineNotFound);
}

#[test]
fn bad_input_gets_its_own_code_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    let huge = new_fine("N-1", almaty, Violation::Surcharge, "99999999999999999", "2026-10-01", "2026-10-31");
    assert_eq!(desk.record_fine(huge).unwrap_err().code, ErrorCode::AmountTooLarge);
    let long = new_fine(&"7".repeat(2000), almaty, Violation::Surcharge, "100", "2026-10-01", "2026-10-31");
    let e = desk.record_fine(long).unwrap_err();
    assert_eq!(e.code, ErrorCode::TextTooLong);
    assert!(e.message.contains("notice number"), "{}", e.message);
    // The English screen's own way of writing an amount is read.
    let en = desk.record_fine(new_fine("N-2", almaty, Violation::Surcharge, "1,234.56", "2026-10-01", "2026-10-31"));
    assert_eq!(en.unwrap().fine.fine.amount, t("1234.56"));
    let long_outlet =
        club::profile::OutletDraft { name: "Д".repeat(2000), city: "Алматы".into(), address: "1".into() };
    assert_eq!(desk.add_outlet(long_outlet).unwrap_err().code, ErrorCode::TextTooLong);
    let emoji_outlet =
        club::profile::OutletDraft { name: "Дала 🛒".into(), city: "Алматы".into(), address: "1".into() };
    assert_eq!(desk.add_outlet(emoji_outlet).unwrap_err().code, ErrorCode::TextCannotPrint);
    assert_eq!(desk.fine_totals(&FineQuery::default()).unwrap().count, 1);
    assert_eq!(desk.overview().unwrap().outlets.len(), 2);
}

#[test]
fn emoji_in_the_grounds_of_a_dispute_are_refused_before_the_letter_prints_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    let f = desk.record_fine(new_fine("E-1", almaty, Violation::Surcharge, "100", "2026-10-01", "2026-11-30")).unwrap();
    let dispute = |grounds: &str| DisputeDto {
        fine_id: f.fine.id,
        on: d("2026-10-03"),
        deadline: d("2026-10-20"),
        grounds: grounds.into(),
        letter_lang: club::Lang::Kk,
    };
    let e = desk.dispute_fine(dispute("Біз кінәлі емеспіз 🙏")).unwrap_err();
    assert_eq!(e.code, ErrorCode::TextCannotPrint);
    assert_eq!(desk.fine_detail(f.fine.id).unwrap().fine.state, FineState::Received, "nothing was recorded");
    assert!(desk.dispute_fine(dispute("Біз кінәлі емеспіз: чек № 4411")).is_ok());
}

#[test]
fn totals_reconcile_with_every_term_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path(), FixedClock(d("2026-11-25"))).unwrap();
    desk.init_demo().unwrap();
    let totals = desk.fine_totals(&FineQuery::default()).unwrap();
    assert!(totals.cancelled > Tenge::ZERO, "the demo shop has a cancelled fine");
    let sum = totals
        .charged
        .checked_sub(totals.cancelled)
        .and_then(|x| x.checked_sub(totals.paid))
        .and_then(|x| x.checked_sub(totals.offset))
        .unwrap();
    assert_eq!(sum, totals.balance, "charged − cancelled − paid − offset = owed");
}

#[test]
fn next_steps_name_every_fine_to_pay_the_open_action_and_the_warning_most_urgent_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    use club::status::NextAction as A;
    // Overdue since 1 November; due on 28 November (within the week); due in January (not yet).
    desk.record_fine(new_fine("LATE", almaty, Violation::Surcharge, "5000", "2026-10-01", "2026-11-01")).unwrap();
    desk.record_fine(new_fine("SOON", almaty, Violation::Surcharge, "7000", "2026-11-20", "2026-11-28")).unwrap();
    desk.record_fine(new_fine("LATER", almaty, Violation::Surcharge, "9000", "2026-11-21", "2027-01-10")).unwrap();
    // Two refusals in 12 months: a corrective action each and the 6.4 warning.
    desk.record_fine(new_fine("R-1", almaty, Violation::RefusalToAccept, "50000", "2026-06-01", "2027-01-01")).unwrap();
    desk.record_fine(new_fine("R-2", almaty, Violation::RefusalToAccept, "50000", "2026-11-02", "2027-01-01")).unwrap();
    let steps = desk.status_report().unwrap().status.next_actions;
    let named: Vec<String> = steps
        .iter()
        .filter_map(|a| match a {
            A::PayOverdueFine { notice_number, .. } => Some(format!("overdue {notice_number}")),
            A::PayFineSoon { notice_number, .. } => Some(format!("soon {notice_number}")),
            A::CompleteCorrectiveAction { .. } => Some("corrective".into()),
            A::RepeatedRefusals { count, .. } => Some(format!("6.4 x{count}")),
            _ => None,
        })
        .collect();
    assert_eq!(named, ["overdue LATE", "6.4 x2", "corrective", "corrective", "soon SOON"]);
    let late = steps.iter().find(|a| matches!(a, A::PayOverdueFine { .. })).unwrap();
    assert_eq!(late.date(), Some(d("2026-11-01")));
    // The same list reaches the overview the window shows.
    assert_eq!(desk.overview().unwrap().status.next_actions, steps);
}

#[test]
fn fines_are_found_by_any_part_of_the_notice_or_the_notes_and_sorted_by_every_column_across_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    let amounts = ["5000", "12000", "700", "12000", "30000", "1500", "9000"];
    for (i, amount) in amounts.iter().enumerate() {
        let mut f =
            new_fine(&format!("JM-{}/A", 100 + i), almaty, Violation::Surcharge, amount, "2026-10-01", "2026-11-30");
        f.notice_date = d("2026-10-01") + chrono::Days::new(i as u64);
        f.due_date = d("2026-12-31") - chrono::Days::new((i * 3) as u64);
        f.notes = if i == 4 { "Касса №2, кассир Әлия".into() } else { String::new() };
        desk.record_fine(f).unwrap();
    }
    desk.pay_fine(pay(1, "5000")).unwrap();
    let all = |query: FineQuery| -> Vec<String> {
        let mut query = FineQuery { limit: 2, ..query };
        let mut seen = Vec::new();
        loop {
            let page = desk.list_fines(&query).unwrap();
            seen.extend(page.rows.iter().map(|r| r.fine.notice_number.clone()));
            match page.next {
                Some(next) => query.after = Some(next),
                None => return seen,
            }
        }
    };
    // Search: a part of the number, any case; a word of the notes; two characters: the start.
    assert_eq!(all(FineQuery { search: "m-10".into(), ..FineQuery::default() }).len(), 7);
    assert_eq!(all(FineQuery { search: "103/a".into(), ..FineQuery::default() }), ["JM-103/A"]);
    assert_eq!(all(FineQuery { search: "ӘЛИЯ".into(), ..FineQuery::default() }), ["JM-104/A"]);
    assert_eq!(all(FineQuery { search: "jm".into(), ..FineQuery::default() }).len(), 7);
    assert!(all(FineQuery { search: "zz\"* OR x".into(), ..FineQuery::default() }).is_empty(), "no query syntax");
    let found = desk.fine_totals(&FineQuery { search: "Касса".into(), ..FineQuery::default() }).unwrap();
    assert_eq!((found.count, found.charged), (1, t("30000")));
    // Sort: by amount, largest first, ties by the newer id; and the other way.
    assert_eq!(
        all(FineQuery { sort: FineSort::Amount, ..FineQuery::default() }),
        ["JM-104/A", "JM-103/A", "JM-101/A", "JM-106/A", "JM-100/A", "JM-105/A", "JM-102/A"]
    );
    let ascending = all(FineQuery { sort: FineSort::Amount, ascending: true, ..FineQuery::default() });
    assert_eq!(ascending.first().map(String::as_str), Some("JM-102/A"));
    assert_eq!(ascending.len(), 7);
    // Due date, earliest first; balance (the paid one owes nothing: last); state.
    assert_eq!(all(FineQuery { sort: FineSort::DueDate, ascending: true, ..FineQuery::default() })[0], "JM-106/A");
    assert_eq!(all(FineQuery { sort: FineSort::Balance, ..FineQuery::default() }).last().unwrap(), "JM-100/A");
    assert_eq!(all(FineQuery { sort: FineSort::State, ..FineQuery::default() })[0], "JM-106/A", "received after paid");
    // A cursor from another order is refused by its own code.
    let stale = FineQuery {
        sort: FineSort::Amount,
        after: Some(FineCursor { key: "2026-10-01".into(), id: 3 }),
        limit: 2,
        ..FineQuery::default()
    };
    assert_eq!(desk.list_fines(&stale).unwrap_err().code, ErrorCode::FineCursorStale);
}

#[test]
fn a_wrong_amount_and_a_wrong_payment_are_corrected_and_both_stay_in_the_history_and_the_statement() {
    use crate::statements::{StatementFormat, StatementRequest};
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, almaty, _) = demo(&dir);
    let f =
        desk.record_fine(new_fine("C-1", almaty, Violation::Surcharge, "10000", "2026-10-01", "2026-10-31")).unwrap();
    let id = f.fine.id;
    let paid = desk.pay_fine(PaymentDto { on: d("2026-10-05"), ..pay(id, "3000") }).unwrap();
    let payment_entry = paid.events[0].id;

    // The notice said 12 000 ₸ due 15 December: corrected on 20 November, with its reason.
    let correct = |amount: &str, reason: &str| CorrectFineDto {
        fine_id: id,
        on: d("2026-11-20"),
        amount: amount.into(),
        due_date: d("2026-12-15"),
        reason: reason.into(),
    };
    assert_eq!(desk.correct_fine(correct("12000", " ")).unwrap_err().code, ErrorCode::CorrectionReasonEmpty);
    assert_eq!(desk.correct_fine(correct("2000", "typo")).unwrap_err().code, ErrorCode::FineCorrectionBelowPaid);
    let corrected = desk.correct_fine(correct("12000", "typed 10 000 instead of 12 000")).unwrap();
    assert_eq!(corrected.fine.fine.amount, t("12000"));
    assert_eq!(corrected.fine.fine.due_date, d("2026-12-15"));
    assert_eq!(corrected.fine.balance, t("9000"));
    assert!(!corrected.fine.overdue, "due in December now");
    assert_eq!(
        desk.correct_fine(CorrectFineDto { on: d("2026-11-21"), ..correct("12000", "again") }).unwrap_err().code,
        ErrorCode::CorrectionChangesNothing
    );

    // The payment was 4 000 ₸, not 3 000: voided and the right one recorded on 21 November.
    let void = |event_id: i64, payment: Option<CorrectPaymentDto>| VoidPaymentDto {
        fine_id: id,
        event_id,
        on: d("2026-11-21"),
        reason: "the order was for 4 000".into(),
        payment,
    };
    let right = CorrectPaymentDto { amount: "4000".into(), kind: PaymentKind::Transfer, reference: "pp 2".into() };
    let not_a_payment = corrected.events[1].id;
    assert_eq!(desk.void_payment(void(not_a_payment, None)).unwrap_err().code, ErrorCode::FineNoSuchPayment);
    let fixed = desk.void_payment(void(payment_entry, Some(right.clone()))).unwrap();
    assert_eq!(fixed.fine.paid, t("4000"));
    assert_eq!(fixed.fine.balance, t("8000"));
    let kinds: Vec<(&str, bool)> = fixed
        .events
        .iter()
        .map(|e| {
            let kind = match e.event {
                club::fines::FineEvent::Paid { .. } => "paid",
                club::fines::FineEvent::Corrected { .. } => "corrected",
                club::fines::FineEvent::PaymentVoided { .. } => "voided",
                _ => "other",
            };
            (kind, e.voided)
        })
        .collect();
    assert_eq!(kinds, [("paid", true), ("corrected", false), ("voided", false), ("paid", false)]);
    assert_eq!(desk.void_payment(void(payment_entry, None)).unwrap_err().code, ErrorCode::FineNoSuchPayment);

    // The fourth quarter shows the reversals and the right entries; totals follow.
    let req = |from: &str, to: &str| StatementRequest {
        from: d(from),
        to: d(to),
        outlet_id: None,
        format: StatementFormat::Csv,
        lang: club::Lang::En,
    };
    let q4 = desk.statement_preview(&req("2026-10-01", "2026-12-31")).unwrap();
    assert_eq!((q4.totals.charged, q4.totals.paid, q4.totals.closing), (t("12000"), t("4000"), t("8000")));
    assert!(q4.totals.reconciles());
    assert_eq!(q4.lines, 6, "charge, payment, reversal, right charge, payment reversed, right payment");
    assert_eq!(q4.transfers, 1, "the voided transfer is not a transfer for 1C");
    // October as it was then: the corrections had not happened.
    let october = desk.statement_preview(&req("2026-10-01", "2026-10-31")).unwrap();
    assert_eq!(
        (october.totals.charged, october.totals.paid, october.totals.closing),
        (t("10000"), t("3000"), t("7000"))
    );
    // November alone: opening 7 000, the corrections within it, closing 8 000.
    let november = desk.statement_preview(&req("2026-11-01", "2026-11-30")).unwrap();
    assert_eq!(november.totals.opening, t("7000"));
    assert_eq!((november.totals.charged, november.totals.paid), (t("2000"), t("1000")));
    assert_eq!(november.totals.closing, t("8000"));
    let csv = desk.statement_file(&req("2026-11-01", "2026-11-30"), Some(d("2026-11-25"))).unwrap();
    let text = String::from_utf8_lossy(&csv.bytes);
    assert!(text.contains("Wrong charge reversed") && text.contains("Corrected fine charged"), "{text}");
    assert!(text.contains("Transfer recorded by mistake reversed"), "{text}");
    let totals = desk.fine_totals(&FineQuery::default()).unwrap();
    assert_eq!((totals.charged, totals.paid, totals.balance), (t("12000"), t("4000"), t("8000")));
    assert!(desk.verify_audit().unwrap().problem.is_none());
}
