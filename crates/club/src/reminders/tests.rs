//! What is due on a given day, date by date.

use chrono::NaiveDate;

use super::*;
use crate::membership::ClubStop;
use crate::money::Tenge;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn fine(due: &str) -> NextAction {
    NextAction::PayFineSoon {
        fine_id: 7,
        notice_number: "C-1".into(),
        due: d(due),
        balance: Tenge::parse("5000").unwrap(),
    }
}

fn stop(effective: &str) -> NextAction {
    NextAction::PrepareForClubStop {
        stop: ClubStop::Suspension,
        effective: d(effective),
        calendar_days_left: 0,
        working_days_left: 0,
    }
}

/// The threshold due on each day, or `None`.
fn on(action: &NextAction, today: &str) -> Option<Threshold> {
    let due = due(std::slice::from_ref(action), d(today));
    assert!(due.len() <= 1, "{due:?}");
    due.first().map(|r| r.threshold)
}

#[test]
fn a_fine_is_reminded_three_days_before_on_its_last_day_and_once_overdue() {
    let f = fine("2026-12-10");
    let table = [
        ("2026-12-01", None),
        ("2026-12-06", None),
        ("2026-12-07", Some(Threshold::Soon)),
        ("2026-12-08", Some(Threshold::Soon)),
        ("2026-12-09", Some(Threshold::LastDay)),
        ("2026-12-10", Some(Threshold::LastDay)),
        ("2026-12-11", Some(Threshold::Passed)),
        ("2027-01-15", Some(Threshold::Passed)),
    ];
    for (today, expected) in table {
        assert_eq!(on(&f, today), expected, "{today}");
    }
    let r = &due(std::slice::from_ref(&f), d("2026-12-09"))[0];
    assert_eq!((r.kind, r.key().as_str()), (ReminderKind::FineDue, "fine_due:fine:7:last_day"));
    // Overdue fines come from the other next step with the same subject.
    let overdue = NextAction::PayOverdueFine {
        fine_id: 7,
        notice_number: "C-1".into(),
        due: d("2026-12-10"),
        balance: Tenge::parse("5000").unwrap(),
    };
    assert_eq!(due(&[overdue], d("2026-12-12"))[0].key(), "fine_due:fine:7:passed");
}

#[test]
fn the_clubs_stop_counts_kazakhstans_working_days() {
    // Effective Monday 2026-12-21; Wednesday 16 December is Independence Day (a day off).
    let s = stop("2026-12-21");
    let table = [
        ("2026-12-01", Some(Threshold::Announced)),
        ("2026-12-14", Some(Threshold::Announced)), // Mon: 14, 15, 17, 18 = 4 working days left
        ("2026-12-15", Some(Threshold::Soon)),      // Tue: 15, 17, 18 (16 is a holiday)
        ("2026-12-16", Some(Threshold::Soon)),      // the holiday itself: 17, 18 left
        ("2026-12-17", Some(Threshold::Soon)),      // Thu: 17, 18
        ("2026-12-18", Some(Threshold::LastDay)),   // Fri: the last working day before Monday
        ("2026-12-19", Some(Threshold::LastDay)),   // the weekend: no working day is left
        ("2026-12-20", Some(Threshold::LastDay)),
        ("2026-12-21", None), // in force: the status page says so
    ];
    for (today, expected) in table {
        assert_eq!(on(&s, today), expected, "{today}");
    }
    // Nauryz (21–23 March 2027, Sun–Tue, with the Sunday moved to Wednesday 24): a stop on
    // Thursday 25 March is "tomorrow" from Friday 19 March.
    let nauryz = stop("2027-03-25");
    assert_eq!(on(&nauryz, "2027-03-18"), Some(Threshold::Soon));
    assert_eq!(on(&nauryz, "2027-03-19"), Some(Threshold::LastDay));
    assert_eq!(on(&nauryz, "2027-03-22"), Some(Threshold::LastDay));
    assert!(due(&[nauryz], d("2027-03-19"))[0].key().starts_with("club_stop:club_stop:suspension:2027-03-25"));
}

#[test]
fn certificates_disputes_and_corrective_actions_have_their_own_thresholds() {
    let cert = NextAction::TrainingDueSoon { person_id: 3, person: "Дамир".into(), until: d("2026-12-31") };
    assert_eq!(on(&cert, "2026-12-16"), None);
    assert_eq!(on(&cert, "2026-12-17"), Some(Threshold::Soon));
    assert_eq!(on(&cert, "2026-12-31"), Some(Threshold::LastDay));
    let expired = NextAction::TrainingOverdue { person_id: 3, person: "Дамир".into(), until: d("2026-12-31") };
    assert_eq!(on(&expired, "2027-01-02"), Some(Threshold::Passed));

    let dispute = NextAction::AwaitDisputeAnswer { fine_id: 9, notice_number: "C-9".into(), deadline: d("2026-12-10") };
    assert_eq!(on(&dispute, "2026-12-08"), None);
    assert_eq!(on(&dispute, "2026-12-09"), Some(Threshold::LastDay));
    assert_eq!(on(&dispute, "2026-12-11"), Some(Threshold::Passed));

    // Opened on Monday 7 December 2026: ten working days, the 16th a holiday, end on the 21st.
    let action =
        NextAction::CompleteCorrectiveAction { action_id: 4, outlet_name: "Абай".into(), since: d("2026-12-07") };
    assert_eq!(on(&action, "2026-12-18"), None);
    assert_eq!(on(&action, "2026-12-21"), None);
    assert_eq!(on(&action, "2026-12-22"), Some(Threshold::Passed));

    // Steps without a date are never reminders.
    assert!(due(&[NextAction::RecordJoining, NextAction::MoreFines { count: 3 }], d("2026-12-01")).is_empty());
}

#[test]
fn kinds_read_back_from_their_codes() {
    for kind in ReminderKind::ALL {
        assert_eq!(ReminderKind::from_code(kind.code()), Some(kind));
    }
    assert_eq!(ReminderKind::from_code("fine"), None);
}
