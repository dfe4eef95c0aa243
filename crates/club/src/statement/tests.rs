use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn fine(n: &str, notice: NaiveDate, outlet: i64, v: Violation, tiyn: i64) -> Fine {
    Fine {
        notice_number: n.into(),
        notice_date: notice,
        fact_date: notice,
        outlet_id: outlet,
        violation: v,
        amount: Tenge::from_tiyn(tiyn),
        due_date: notice + Days::new(10),
        notes: String::new(),
    }
}

fn paid(on: NaiveDate, tiyn: i64, kind: PaymentKind) -> FineEvent {
    FineEvent::Paid { on, amount: Tenge::from_tiyn(tiyn), kind, reference: "PP-1".into() }
}

#[test]
fn a_quarter_with_a_fine_from_before_a_dispute_and_a_partial_payment() {
    let q = Period { from: d(2026, 1, 1), to: d(2026, 3, 31) };
    let fines = vec![
        // Charged in December, half paid in December, the rest offset in February.
        LedgerFine {
            id: 1,
            fine: fine("N-1", d(2025, 12, 10), 1, Violation::RefusalToAccept, 5_000_000),
            events: vec![
                paid(d(2025, 12, 20), 2_500_000, PaymentKind::Transfer),
                paid(d(2026, 2, 3), 2_500_000, PaymentKind::Offset),
            ],
        },
        // Charged in January, disputed, partly paid before the dispute, cancelled in March.
        LedgerFine {
            id: 2,
            fine: fine("N-2", d(2026, 1, 15), 2, Violation::Surcharge, 10_000_000),
            events: vec![
                paid(d(2026, 1, 16), 1_000_000, PaymentKind::Transfer),
                FineEvent::Disputed { on: d(2026, 1, 20), deadline: d(2026, 2, 20) },
                FineEvent::Cancelled { on: d(2026, 3, 2) },
            ],
        },
        // Charged in March and disputed: still owed, under dispute at the close.
        LedgerFine {
            id: 3,
            fine: fine("N-3", d(2026, 3, 10), 1, Violation::RefusalToAccept, 3_000_000),
            events: vec![FineEvent::Disputed { on: d(2026, 3, 12), deadline: d(2026, 4, 12) }],
        },
        // After the period: left out, and so is fine 3's answer in April.
        LedgerFine { id: 4, fine: fine("N-4", d(2026, 4, 2), 1, Violation::HigherPrice, 7_000_000), events: vec![] },
    ];
    let s = build(&fines, q, None).unwrap();
    let t = s.totals;
    assert_eq!(t.opening, Tenge::from_tiyn(2_500_000));
    assert_eq!(t.charged, Tenge::from_tiyn(13_000_000));
    assert_eq!(t.count_charged, 2);
    assert_eq!(t.cancelled, Tenge::from_tiyn(9_000_000), "what was still owed when cancelled");
    assert_eq!(t.paid, Tenge::from_tiyn(1_000_000));
    assert_eq!(t.offset, Tenge::from_tiyn(2_500_000));
    assert_eq!(t.closing, Tenge::from_tiyn(3_000_000));
    assert!(t.reconciles());
    assert_eq!(s.disputed_at_close, Tenge::from_tiyn(3_000_000));

    let kinds: Vec<(NaiveDate, Movement)> = s.lines.iter().map(|l| (l.date, l.movement)).collect();
    assert_eq!(
        kinds,
        vec![
            (d(2026, 1, 15), Movement::Charged),
            (d(2026, 1, 16), Movement::Paid),
            (d(2026, 1, 20), Movement::Disputed),
            (d(2026, 2, 3), Movement::Offset),
            (d(2026, 3, 2), Movement::Cancelled),
            (d(2026, 3, 10), Movement::Charged),
            (d(2026, 3, 12), Movement::Disputed),
        ]
    );
    let balances: Vec<i64> = s.lines.iter().map(|l| l.balance.to_tiyn().unwrap()).collect();
    assert_eq!(balances, vec![12_500_000, 11_500_000, 11_500_000, 9_000_000, 0, 3_000_000, 3_000_000]);
    assert_eq!(s.lines[1].reference, "PP-1");

    let outlets: Vec<i64> = s.by_outlet.iter().map(|(id, _)| *id).collect();
    assert_eq!(outlets, vec![1, 2]);
    assert_eq!(s.by_outlet[0].1.closing, Tenge::from_tiyn(3_000_000));
    let clauses: Vec<Violation> = s.by_violation.iter().map(|(v, _)| *v).collect();
    assert_eq!(clauses, vec![Violation::RefusalToAccept, Violation::Surcharge]);

    let outlet2 = build(&fines, q, Some(2)).unwrap();
    assert_eq!(outlet2.totals, s.by_outlet[1].1);
    assert!(outlet2.lines.iter().all(|l| l.outlet_id == 2));
}

#[test]
fn a_reversed_period_and_a_broken_ledger_are_refused() {
    let p = Period { from: d(2026, 2, 1), to: d(2026, 1, 1) };
    assert_eq!(build(&[], p, None), Err(StatementError::PeriodReversed));
    let broken = LedgerFine {
        id: 9,
        fine: fine("N-9", d(2026, 1, 5), 1, Violation::BadFaith, 100),
        events: vec![paid(d(2026, 1, 6), 200, PaymentKind::Transfer)],
    };
    let p = Period { from: d(2026, 1, 1), to: d(2026, 1, 31) };
    assert_eq!(build(&[broken], p, None), Err(StatementError::BadLedger(9)));
}

/// A ledger as the app could have recorded it: random intents turned into the events the
/// fines' rules accept (an impossible intent is skipped, as the app would refuse it).
fn ledger() -> impl Strategy<Value = Vec<LedgerFine>> {
    let intent = (0u8..5, 0u64..40, 1i64..=100);
    let one = (0u64..400, 1i64..=3, 0usize..7, 1i64..=50_000_000, prop::collection::vec(intent, 0..6));
    prop::collection::vec(one, 0..25).prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (day, outlet, v, tiyn, intents))| {
                let notice = d(2025, 10, 1) + Days::new(day);
                let f = fine(&format!("N-{i}"), notice, outlet, Violation::ALL[v], tiyn);
                let mut events: Vec<FineEvent> = Vec::new();
                let mut on = notice;
                for (kind, gap, percent) in intents {
                    on = on + Days::new(gap);
                    let owed = f.view(&events, on).map(|v| v.balance).unwrap_or(Tenge::ZERO);
                    let part = (owed.to_tiyn().unwrap() * percent / 100).max(1);
                    let e = match kind {
                        0 => FineEvent::Disputed { on, deadline: on + Days::new(30) },
                        1 => FineEvent::DisputeRejected { on },
                        2 => FineEvent::Cancelled { on },
                        3 => paid(on, part, PaymentKind::Transfer),
                        _ => paid(on, part, PaymentKind::Offset),
                    };
                    if f.check_next(&events, &e).is_ok() {
                        events.push(e);
                    }
                }
                LedgerFine { id: i as i64 + 1, fine: f, events }
            })
            .collect()
    })
}

fn sum(values: impl Iterator<Item = Tenge>) -> Tenge {
    values.fold(Tenge::ZERO, |a, b| a.checked_add(b).unwrap())
}

/// What is owed on `day` (after its events, or before them when `before`), fine by fine from
/// the fines' own rules: an independent account of the balances.
fn owed(fines: &[LedgerFine], outlet: Option<i64>, day: NaiveDate, before: bool) -> Tenge {
    sum(fines
        .iter()
        .filter(|l| outlet.is_none_or(|o| o == l.fine.outlet_id))
        .filter(|l| if before { l.fine.notice_date < day } else { l.fine.notice_date <= day })
        .map(|l| {
            let events: Vec<FineEvent> =
                l.events.iter().filter(|e| if before { e.on() < day } else { e.on() <= day }).cloned().collect();
            l.fine.view(&events, day).unwrap().balance
        }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_statement_reconciles_to_the_tiyn(
        fines in ledger(),
        start in 0u64..450,
        len in 0u64..200,
        outlet in prop::option::of(1i64..=3),
    ) {
        let from = d(2025, 10, 1) + Days::new(start);
        let period = Period { from, to: from + Days::new(len) };
        let s = build(&fines, period, outlet).unwrap();
        let t = s.totals;
        prop_assert!(t.reconciles(), "{t:?}");
        prop_assert_eq!(t.opening, owed(&fines, outlet, period.from, true));
        prop_assert_eq!(t.closing, owed(&fines, outlet, period.to, false));

        // The lines add up to the totals, in date order, ending on the closing balance.
        prop_assert_eq!(sum(s.lines.iter().map(|l| l.charged)), t.charged);
        prop_assert_eq!(sum(s.lines.iter().map(|l| l.cancelled)), t.cancelled);
        prop_assert_eq!(sum(s.lines.iter().map(|l| l.paid)), t.paid);
        prop_assert_eq!(sum(s.lines.iter().map(|l| l.offset)), t.offset);
        prop_assert!(s.lines.windows(2).all(|w| w[0].date <= w[1].date));
        prop_assert!(s.lines.iter().all(|l| l.date >= period.from && l.date <= period.to));
        prop_assert_eq!(s.lines.last().map_or(t.closing, |l| l.balance), t.closing);

        // Every breakdown row reconciles, and the rows add up to the totals.
        for breakdown in [
            s.by_outlet.iter().map(|(_, x)| *x).collect::<Vec<Sums>>(),
            s.by_violation.iter().map(|(_, x)| *x).collect::<Vec<Sums>>(),
        ] {
            prop_assert!(breakdown.iter().all(Sums::reconciles));
            prop_assert_eq!(sum(breakdown.iter().map(|x| x.opening)), t.opening);
            prop_assert_eq!(sum(breakdown.iter().map(|x| x.charged)), t.charged);
            prop_assert_eq!(sum(breakdown.iter().map(|x| x.cancelled)), t.cancelled);
            prop_assert_eq!(sum(breakdown.iter().map(|x| x.paid)), t.paid);
            prop_assert_eq!(sum(breakdown.iter().map(|x| x.offset)), t.offset);
            prop_assert_eq!(sum(breakdown.iter().map(|x| x.closing)), t.closing);
        }

        // One outlet's statement is that outlet's row of the whole statement.
        if outlet.is_none() {
            for (id, row) in &s.by_outlet {
                prop_assert_eq!(build(&fines, period, Some(*id)).unwrap().totals, *row);
            }
        }
    }
}
