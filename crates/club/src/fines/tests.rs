//! Every transition of a fine, the schedule check and the repeat-refusal window, as tables.

use chrono::NaiveDate;

use super::*;
use crate::money::Tenge;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> Tenge {
    Tenge::parse(s).unwrap()
}

fn fine(amount: &str) -> Fine {
    Fine {
        notice_number: "N-1".into(),
        notice_date: d("2026-03-10"),
        fact_date: d("2026-03-01"),
        outlet_id: 1,
        violation: Violation::RefusalToAccept,
        amount: t(amount),
        due_date: d("2026-04-10"),
        notes: String::new(),
    }
}

fn pay(on: &str, amount: &str) -> FineEvent {
    FineEvent::Paid { on: d(on), amount: t(amount), kind: PaymentKind::Transfer, reference: "p".into() }
}

fn offset(on: &str, amount: &str) -> FineEvent {
    FineEvent::Paid { on: d(on), amount: t(amount), kind: PaymentKind::Offset, reference: "payout".into() }
}

fn dispute(on: &str) -> FineEvent {
    FineEvent::Disputed { on: d(on), deadline: d("2026-04-20") }
}

fn rejected(on: &str) -> FineEvent {
    FineEvent::DisputeRejected { on: d(on) }
}

fn cancelled(on: &str) -> FineEvent {
    FineEvent::Cancelled { on: d(on) }
}

/// (name, history, today, the state or the last event's error, balance, overdue)
type TransitionCase = (&'static str, Vec<FineEvent>, &'static str, Result<FineState, FineError>, &'static str, bool);
type Change = Box<dyn Fn(&mut Fine)>;
/// (name, fines with their states, the warning's count)
type RepeatCase = (&'static str, Vec<(Fine, FineState)>, Option<u32>);

#[test]
fn transitions() {
    use FineError as E;
    use FineState as S;
    // (history, today, expected state or the error of the last event, balance, overdue)
    let cases: Vec<TransitionCase> = vec![
        ("new", vec![], "2026-03-15", Ok(S::Received), "50000", false),
        ("new, past due", vec![], "2026-04-11", Ok(S::Received), "50000", true),
        ("due day itself is not overdue", vec![], "2026-04-10", Ok(S::Received), "50000", false),
        ("partial", vec![pay("2026-03-12", "20000")], "2026-03-15", Ok(S::Received), "30000", false),
        ("partial, past due", vec![pay("2026-03-12", "20000")], "2026-05-01", Ok(S::Received), "30000", true),
        (
            "transfer and offset make it paid",
            vec![pay("2026-03-12", "20000"), offset("2026-03-20", "30000")],
            "2026-05-01",
            Ok(S::Paid),
            "0",
            false,
        ),
        (
            "paid to the tiyn",
            vec![pay("2026-03-12", "49999.99"), pay("2026-03-13", "0.01")],
            "2026-05-01",
            Ok(S::Paid),
            "0",
            false,
        ),
        ("overpaid", vec![pay("2026-03-12", "50000.01")], "2026-03-15", Err(E::Overpayment), "", false),
        (
            "overpaid by a second payment",
            vec![pay("2026-03-12", "30000"), pay("2026-03-13", "20000.01")],
            "2026-03-15",
            Err(E::Overpayment),
            "",
            false,
        ),
        ("zero payment", vec![pay("2026-03-12", "0")], "2026-03-15", Err(E::PaymentNotPositive), "", false),
        (
            "pay after paid",
            vec![pay("2026-03-12", "50000"), pay("2026-03-13", "1")],
            "2026-03-15",
            Err(E::AlreadyPaid),
            "",
            false,
        ),
        (
            "dispute a paid fine",
            vec![pay("2026-03-12", "50000"), dispute("2026-03-13")],
            "2026-03-15",
            Err(E::DisputeOnPaid),
            "",
            false,
        ),
        ("disputed", vec![dispute("2026-03-12")], "2026-03-15", Ok(S::Disputed), "50000", false),
        (
            "disputed is not overdue while pending",
            vec![dispute("2026-03-12")],
            "2026-05-01",
            Ok(S::Disputed),
            "50000",
            false,
        ),
        (
            "pay during a dispute",
            vec![dispute("2026-03-12"), pay("2026-03-13", "1")],
            "2026-03-15",
            Err(E::UnderDispute),
            "",
            false,
        ),
        (
            "dispute twice",
            vec![dispute("2026-03-12"), dispute("2026-03-13")],
            "2026-03-15",
            Err(E::AlreadyDisputed),
            "",
            false,
        ),
        (
            "dispute lost",
            vec![dispute("2026-03-12"), rejected("2026-03-20")],
            "2026-03-25",
            Ok(S::Upheld),
            "50000",
            false,
        ),
        (
            "dispute lost, past due",
            vec![dispute("2026-03-12"), rejected("2026-03-20")],
            "2026-04-25",
            Ok(S::Upheld),
            "50000",
            true,
        ),
        (
            "dispute lost, then paid",
            vec![dispute("2026-03-12"), rejected("2026-03-20"), pay("2026-03-21", "50000")],
            "2026-04-25",
            Ok(S::Paid),
            "0",
            false,
        ),
        (
            "dispute again after losing",
            vec![dispute("2026-03-12"), rejected("2026-03-20"), dispute("2026-03-21")],
            "2026-03-25",
            Err(E::AlreadyDisputed),
            "",
            false,
        ),
        (
            "dispute won",
            vec![dispute("2026-03-12"), cancelled("2026-03-20")],
            "2026-05-01",
            Ok(S::Cancelled),
            "0",
            false,
        ),
        (
            "pay a cancelled fine",
            vec![cancelled("2026-03-12"), pay("2026-03-13", "1")],
            "2026-03-15",
            Err(E::FineCancelled),
            "",
            false,
        ),
        (
            "dispute a cancelled fine",
            vec![cancelled("2026-03-12"), dispute("2026-03-13")],
            "2026-03-15",
            Err(E::FineCancelled),
            "",
            false,
        ),
        ("reject without a dispute", vec![rejected("2026-03-12")], "2026-03-15", Err(E::NotDisputed), "", false),
        (
            "partly paid, then disputed",
            vec![pay("2026-03-11", "10000"), dispute("2026-03-12")],
            "2026-03-15",
            Ok(S::Disputed),
            "40000",
            false,
        ),
        ("dated before the notice", vec![pay("2026-03-09", "1")], "2026-03-15", Err(E::OutOfOrder), "", false),
        (
            "dated before the previous event",
            vec![pay("2026-03-12", "1"), pay("2026-03-11", "1")],
            "2026-03-15",
            Err(E::OutOfOrder),
            "",
            false,
        ),
        (
            "answer deadline before the dispute",
            vec![FineEvent::Disputed { on: d("2026-03-12"), deadline: d("2026-03-11") }],
            "2026-03-15",
            Err(E::DeadlineBeforeDispute),
            "",
            false,
        ),
    ];
    let f = fine("50000");
    for (name, events, today, expect, balance, overdue) in cases {
        let got = f.view(&events, d(today));
        match expect {
            Ok(state) => {
                let view = got.unwrap_or_else(|e| panic!("{name}: {e:?}"));
                assert_eq!(view.state, state, "{name}: state");
                assert_eq!(view.balance, t(balance), "{name}: balance");
                assert_eq!(view.overdue, overdue, "{name}: overdue");
            }
            Err(error) => {
                assert_eq!(got.map(|v| v.state), Err((events.len() - 1, error)), "{name}");
                // check_next refuses the same last event against the history before it.
                let (last, before) = events.split_last().unwrap();
                assert_eq!(f.check_next(before, last), Err(error), "{name}: check_next");
            }
        }
    }
}

#[test]
fn payments_and_offsets_are_kept_apart() {
    let view =
        fine("50000").view(&[pay("2026-03-12", "20000"), offset("2026-03-20", "5000.50")], d("2026-03-25")).unwrap();
    assert_eq!(view.paid, t("20000"));
    assert_eq!(view.offset, t("5000.50"));
    assert_eq!(view.balance, t("24999.50"));
}

#[test]
fn the_notice_itself_is_checked() {
    let good = fine("50000");
    assert_eq!(good.validate(), Ok(()));
    let cases: Vec<(Change, FineError)> = vec![
        (Box::new(|f| f.notice_number = "  ".into()), FineError::EmptyNotice),
        (Box::new(|f| f.amount = Tenge::ZERO), FineError::AmountNotPositive),
        (Box::new(|f| f.amount = t("-5")), FineError::AmountNotPositive),
        (Box::new(|f| f.fact_date = d("2026-03-11")), FineError::FactAfterNotice),
        (Box::new(|f| f.due_date = d("2026-03-09")), FineError::DueBeforeNotice),
    ];
    for (change, error) in cases {
        let mut f = good.clone();
        change(&mut f);
        assert_eq!(f.validate(), Err(error));
    }
}

#[test]
fn schedule_check() {
    let entry =
        |v, amount: &str, from: &str| ScheduleEntry { violation: v, amount: t(amount), effective_from: d(from) };
    let schedule = Schedule::new(vec![
        entry(Violation::RefusalToAccept, "50000", "2026-01-01"),
        entry(Violation::Surcharge, "30000", "2026-01-01"),
        // The agreement changed on 1 July.
        entry(Violation::RefusalToAccept, "75000", "2026-07-01"),
    ]);
    let cases = [
        (Violation::RefusalToAccept, "2026-03-01", "50000", None),
        (Violation::RefusalToAccept, "2026-06-30", "75000", Some(("50000", "25000"))),
        (Violation::RefusalToAccept, "2026-07-01", "75000", None),
        (Violation::RefusalToAccept, "2026-08-01", "70000.50", Some(("75000", "-4999.50"))),
        (Violation::Surcharge, "2026-08-01", "30000", None),
        // No schedule line for the violation, or none yet on the fact's date: nothing to compare.
        (Violation::HigherPrice, "2026-08-01", "99999", None),
        (Violation::RefusalToAccept, "2025-12-31", "1", None),
    ];
    for (violation, fact, charged, expect) in cases {
        let got = schedule.check(violation, d(fact), t(charged));
        let expect = expect.map(|(agreed, diff)| ScheduleMismatch {
            agreed: t(agreed),
            charged: t(charged),
            difference: t(diff),
        });
        assert_eq!(got, expect, "{violation:?} on {fact} charged {charged}");
    }
    assert_eq!(schedule.agreed(Violation::RefusalToAccept, d("2026-07-15")), Some(t("75000")));
}

#[test]
fn same_day_schedule_changes_take_the_later_entry() {
    let entry = |amount: &str| ScheduleEntry {
        violation: Violation::Surcharge,
        amount: t(amount),
        effective_from: d("2026-01-01"),
    };
    let schedule = Schedule::new(vec![entry("10000"), entry("12000")]);
    assert_eq!(schedule.agreed(Violation::Surcharge, d("2026-02-01")), Some(t("12000")));
}

#[test]
fn clauses_round_trip() {
    for v in Violation::ALL {
        assert_eq!(Violation::from_clause(v.clause()), Some(v));
        assert_eq!(Violation::from_code(v.code()), Some(v));
    }
    assert_eq!(Violation::from_clause("6.4"), Some(Violation::RefusalToAccept));
    assert_eq!(Violation::from_clause("6.3."), Some(Violation::RefusalToAccept));
    assert_eq!(Violation::from_clause("2.7"), None);
    assert!(Violation::RefusalToAccept.needs_corrective_action());
    assert!(!Violation::Surcharge.needs_corrective_action());
}

#[test]
fn repeat_refusals_within_twelve_months() {
    let refusal = |fact: &str| Fine { fact_date: d(fact), ..fine("50000") };
    let surcharge = |fact: &str| Fine { fact_date: d(fact), violation: Violation::Surcharge, ..fine("50000") };
    let today = d("2026-11-25");
    let cases: Vec<RepeatCase> = vec![
        ("one refusal", vec![(refusal("2026-06-01"), FineState::Paid)], None),
        (
            "two refusals",
            vec![(refusal("2026-06-01"), FineState::Paid), (refusal("2026-10-01"), FineState::Received)],
            Some(2),
        ),
        (
            "one is older than 12 months",
            vec![(refusal("2025-11-25"), FineState::Paid), (refusal("2026-10-01"), FineState::Received)],
            None,
        ),
        (
            "just inside 12 months",
            vec![(refusal("2025-11-26"), FineState::Paid), (refusal("2026-10-01"), FineState::Received)],
            Some(2),
        ),
        (
            "a cancelled refusal does not count",
            vec![(refusal("2026-06-01"), FineState::Cancelled), (refusal("2026-10-01"), FineState::Received)],
            None,
        ),
        (
            "other violations do not count",
            vec![(surcharge("2026-06-01"), FineState::Paid), (refusal("2026-10-01"), FineState::Received)],
            None,
        ),
        (
            "three",
            vec![
                (refusal("2026-02-01"), FineState::Paid),
                (refusal("2026-06-01"), FineState::Upheld),
                (refusal("2026-10-01"), FineState::Disputed),
            ],
            Some(3),
        ),
    ];
    for (name, fines, expect) in cases {
        let got = refusal_warning(fines.iter().map(|(f, s)| (f, *s)), today);
        assert_eq!(got.as_ref().map(|w| w.count), expect, "{name}");
    }
    let w =
        refusal_warning([(&refusal("2026-06-01"), FineState::Paid), (&refusal("2026-02-01"), FineState::Paid)], today)
            .unwrap();
    assert_eq!((w.first, w.last), (d("2026-02-01"), d("2026-06-01")));
}
