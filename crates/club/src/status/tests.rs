//! Data-driven tests of the status derivation: a history, a day, and what must come out.

use super::*;
use crate::acceptance::MeansKind;
use crate::membership::EventKind;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn history(events: &[(&str, EventKind)]) -> Vec<MembershipEvent> {
    events
        .iter()
        .enumerate()
        .map(|(i, (day, kind))| MembershipEvent {
            seq: i as i64 + 1,
            occurred_on: d(day),
            kind: kind.clone(),
            note: String::new(),
        })
        .collect()
}

fn contracts() -> Vec<Contract> {
    ContractKind::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| Contract {
            id: i as i64 + 1,
            kind: *kind,
            number: format!("C-{i}"),
            signed_on: d("2026-01-05"),
            state: ContractState::Active,
        })
        .collect()
}

fn outlets() -> Vec<OutletRef> {
    vec![OutletRef { id: 1, name: "Almaty".into() }, OutletRef { id: 2, name: "Astana".into() }]
}

fn pos(id: i64, outlet: i64, disconnected: Option<&str>) -> AcceptanceMeans {
    AcceptanceMeans {
        id,
        outlet_id: outlet,
        kind: MeansKind::PosTerminal,
        identifier: format!("T-{id}"),
        since: d("2026-01-10"),
        disconnected_on: disconnected.map(d),
    }
}

struct Case {
    name: &'static str,
    events: Vec<(&'static str, EventKind)>,
    today: &'static str,
    means: Vec<AcceptanceMeans>,
    state: State,
    since: Option<&'static str>,
    because: Vec<i64>,
    actions: Vec<&'static str>,
}

fn action_code(a: &NextAction) -> String {
    match a {
        NextAction::RecordJoining => "record_joining".into(),
        NextAction::CompleteExitChecklist { reason, .. } => format!("complete_exit:{reason:?}"),
        NextAction::StartExitChecklist => "start_exit".into(),
        NextAction::ResolveMeasure { measure } => format!("resolve:{}", measure.letter()),
        NextAction::PrepareForClubStop { calendar_days_left, working_days_left, .. } => {
            format!("prepare:{calendar_days_left}/{working_days_left}")
        }
        NextAction::ShortNotice { notice_days, .. } => format!("short_notice:{notice_days}"),
        NextAction::EquipOutlet { outlet_id, .. } => format!("equip:{outlet_id}"),
        NextAction::DisplayMarks { outlet_id, .. } => format!("marks:{outlet_id}"),
        NextAction::RestoreContract { kind } => format!("contract:{}", kind.code()),
        other => format!("{other:?}"),
    }
}

fn cases() -> Vec<Case> {
    use crate::membership::{ClubStop::*, EventKind::*, ExitReason::*, Measure::*};
    let both = || vec![pos(1, 1, None), pos(2, 2, None)];
    vec![
        Case {
            name: "nothing recorded",
            events: vec![],
            today: "2026-11-25",
            means: vec![],
            state: State::NotJoined,
            since: None,
            because: vec![],
            actions: vec!["record_joining"],
        },
        Case {
            name: "joined, both outlets equipped",
            events: vec![("2026-01-10", Joined)],
            today: "2026-11-25",
            means: both(),
            state: State::Active,
            since: Some("2026-01-10"),
            because: vec![1],
            actions: vec![],
        },
        Case {
            name: "a terminal disconnected leaves Astana without means",
            events: vec![("2026-01-10", Joined)],
            today: "2026-11-25",
            means: vec![pos(1, 1, None), pos(2, 2, Some("2026-11-20"))],
            state: State::Active,
            since: Some("2026-01-10"),
            because: vec![1],
            actions: vec!["equip:2"],
        },
        Case {
            name: "a disconnection dated tomorrow does not count yet",
            events: vec![("2026-01-10", Joined)],
            today: "2026-11-25",
            means: vec![pos(1, 1, None), pos(2, 2, Some("2026-11-26"))],
            state: State::Active,
            since: Some("2026-01-10"),
            because: vec![1],
            actions: vec![],
        },
        Case {
            name: "measure applied",
            events: vec![("2026-01-10", Joined), ("2026-05-04", MeasureApplied { measure: PosQrDisconnected })],
            today: "2026-11-25",
            means: both(),
            state: State::UnderMeasure,
            since: Some("2026-05-04"),
            because: vec![1, 2],
            actions: vec!["resolve:d"],
        },
        Case {
            name: "measure applied then lifted: active since the lift",
            events: vec![
                ("2026-01-10", Joined),
                ("2026-05-04", MeasureApplied { measure: SiteDisconnection }),
                ("2026-05-20", MeasureLifted { measure: SiteDisconnection }),
            ],
            today: "2026-11-25",
            means: both(),
            state: State::Active,
            since: Some("2026-05-20"),
            because: vec![1, 3],
            actions: vec![],
        },
        Case {
            name: "two measures, one lifted: still under the other, since the first",
            events: vec![
                ("2026-01-10", Joined),
                ("2026-05-04", MeasureApplied { measure: SiteDisconnection }),
                ("2026-05-06", MeasureApplied { measure: EarlyDebtRepayment }),
                ("2026-05-20", MeasureLifted { measure: SiteDisconnection }),
            ],
            today: "2026-11-25",
            means: both(),
            state: State::UnderMeasure,
            since: Some("2026-05-04"),
            because: vec![1, 3],
            actions: vec!["resolve:c"],
        },
        Case {
            name: "participation terminated under 6.6 b asks for the exit checklist",
            events: vec![("2026-01-10", Joined), ("2026-06-01", MeasureApplied { measure: ParticipationTerminated })],
            today: "2026-11-25",
            means: both(),
            state: State::UnderMeasure,
            since: Some("2026-06-01"),
            because: vec![1, 2],
            actions: vec!["start_exit", "resolve:b"],
        },
        Case {
            // Wednesday 25 November to Friday 18 December: 23 calendar days; working days
            // 25–27 Nov (3), 30 Nov–4 Dec (5), 7–11 Dec (5), 14,15,17 Dec (3; 16th off) = 16.
            name: "suspension announced with full notice",
            events: vec![
                ("2026-01-10", Joined),
                ("2026-11-20", ClubStopAnnounced { stop: Suspension, effective: d("2026-12-18") }),
            ],
            today: "2026-11-25",
            means: both(),
            state: State::ClubSuspensionAnnounced,
            since: Some("2026-11-20"),
            because: vec![1, 2],
            actions: vec!["prepare:23/16"],
        },
        Case {
            name: "termination announced with only 5 days of notice",
            events: vec![
                ("2026-01-10", Joined),
                ("2026-11-24", ClubStopAnnounced { stop: Termination, effective: d("2026-11-29") }),
            ],
            today: "2026-11-25",
            means: both(),
            state: State::ClubSuspensionAnnounced,
            since: Some("2026-11-24"),
            because: vec![1, 2],
            actions: vec!["prepare:4/3", "short_notice:5"],
        },
        Case {
            name: "the announced suspension is in effect by time alone",
            events: vec![
                ("2026-01-10", Joined),
                ("2026-10-01", ClubStopAnnounced { stop: Suspension, effective: d("2026-11-01") }),
            ],
            today: "2026-11-25",
            means: both(),
            state: State::ClubSuspended,
            since: Some("2026-11-01"),
            because: vec![1, 2],
            actions: vec![],
        },
        Case {
            name: "club resumed",
            events: vec![
                ("2026-01-10", Joined),
                ("2026-10-01", ClubStopAnnounced { stop: Suspension, effective: d("2026-11-01") }),
                ("2026-11-10", ClubResumed),
            ],
            today: "2026-11-25",
            means: both(),
            state: State::Active,
            since: Some("2026-11-10"),
            because: vec![1, 3],
            actions: vec![],
        },
        Case {
            name: "excluded under 6.4: exiting",
            events: vec![("2026-01-10", Joined), ("2026-09-09", Excluded)],
            today: "2026-11-25",
            means: both(),
            state: State::Exiting,
            since: Some("2026-09-09"),
            because: vec![2],
            actions: vec!["complete_exit:Exclusion"],
        },
        Case {
            name: "contract terminated under 5.3: exiting",
            events: vec![("2026-01-10", Joined), ("2026-09-09", ContractTerminated { contract: ContractKind::Bank })],
            today: "2026-11-25",
            means: vec![],
            state: State::Exiting,
            since: Some("2026-09-09"),
            because: vec![2],
            actions: vec!["complete_exit:ContractEnded"],
        },
        Case {
            name: "exit completed",
            events: vec![
                ("2026-01-10", Joined),
                ("2026-09-01", ExitStarted { reason: Voluntary }),
                ("2026-09-20", ExitCompleted),
            ],
            today: "2026-11-25",
            means: vec![],
            state: State::Exited,
            since: Some("2026-09-20"),
            because: vec![3],
            actions: vec![],
        },
        Case {
            name: "rejoined after an exit",
            events: vec![
                ("2026-01-10", Joined),
                ("2026-02-01", ExitStarted { reason: Voluntary }),
                ("2026-02-10", ExitCompleted),
                ("2026-03-01", Joined),
            ],
            today: "2026-11-25",
            means: both(),
            state: State::Active,
            since: Some("2026-03-01"),
            because: vec![4],
            actions: vec![],
        },
    ]
}

#[test]
fn derivation_table() {
    let contracts = contracts();
    let outlets = outlets();
    for case in cases() {
        let events = history(&case.events);
        let input = StatusInput {
            events: &events,
            outlets: &outlets,
            means: &case.means,
            contracts: &contracts,
            unmarked_outlets: &[],
            exit_deadline: None,
            notice_periods: &[],
            today: d(case.today),
        };
        let status = derive(&input).unwrap_or_else(|e| panic!("{}: {e:?}", case.name));
        assert_eq!(status.state, case.state, "{}: state", case.name);
        assert_eq!(status.since, case.since.map(d), "{}: since", case.name);
        assert_eq!(status.because, case.because, "{}: because", case.name);
        let actions: Vec<String> = status.next_actions.iter().map(action_code).collect();
        assert_eq!(actions, case.actions, "{}: next actions", case.name);
    }
}

#[test]
fn a_missing_or_suspended_contract_is_an_action() {
    let mut contracts = contracts();
    contracts.retain(|c| c.kind != ContractKind::Accession);
    contracts[0].state = ContractState::Suspended;
    let events = history(&[("2026-01-10", EventKind::Joined)]);
    let means = vec![pos(1, 1, None), pos(2, 2, None)];
    let outlets = outlets();
    let status = derive(&StatusInput {
        events: &events,
        outlets: &outlets,
        means: &means,
        contracts: &contracts,
        unmarked_outlets: &[],
        exit_deadline: None,
        notice_periods: &[],
        today: d("2026-11-25"),
    })
    .unwrap();
    let actions: Vec<String> = status.next_actions.iter().map(action_code).collect();
    assert_eq!(actions, vec!["contract:platform_services", "contract:accession"]);
}

#[test]
fn a_history_edited_outside_the_app_names_the_bad_event() {
    let events = history(&[("2026-01-10", EventKind::Joined), ("2026-01-11", EventKind::ExitCompleted)]);
    let err = derive(&StatusInput {
        events: &events,
        outlets: &[],
        means: &[],
        contracts: &[],
        unmarked_outlets: &[],
        exit_deadline: None,
        notice_periods: &[],
        today: d("2026-11-25"),
    })
    .unwrap_err();
    assert_eq!(err, (2, TransitionError::NotExiting));
}

#[test]
fn an_outlet_without_club_marks_is_an_action_while_a_member_only() {
    let events = history(&[("2026-01-10", EventKind::Joined)]);
    let means = vec![pos(1, 1, None), pos(2, 2, None)];
    let (outlets, contracts) = (outlets(), contracts());
    let input = |events| StatusInput {
        events,
        outlets: &outlets,
        means: &means,
        contracts: &contracts,
        unmarked_outlets: &[2],
        exit_deadline: None,
        notice_periods: &[],
        today: d("2026-11-25"),
    };
    let status = derive(&input(&events)).unwrap();
    let actions: Vec<String> = status.next_actions.iter().map(action_code).collect();
    assert_eq!(actions, vec!["marks:2"]);
    let leaving = history(&[
        ("2026-01-10", EventKind::Joined),
        ("2026-11-01", EventKind::ExitStarted { reason: crate::membership::ExitReason::Voluntary }),
    ]);
    let status = derive(&input(&leaving)).unwrap();
    let actions: Vec<String> = status.next_actions.iter().map(action_code).collect();
    assert_eq!(actions, vec!["complete_exit:Voluntary"], "a leaving seller puts up no marks");
}

#[test]
fn next_actions_are_ordered_by_their_day_then_by_how_grave_they_are() {
    let today = d("2026-12-01");
    let fine = |id, due: &str, overdue: bool| {
        let (fine_id, notice_number, due, balance) =
            (id, format!("N-{id}"), d(due), crate::money::Tenge::from_tiyn(100));
        if overdue {
            NextAction::PayOverdueFine { fine_id, notice_number, due, balance }
        } else {
            NextAction::PayFineSoon { fine_id, notice_number, due, balance }
        }
    };
    let mut actions = vec![
        NextAction::RestoreContract { kind: crate::contracts::ContractKind::Bank },
        fine(3, "2026-12-05", false),
        NextAction::CompleteCorrectiveAction { action_id: 1, outlet_name: "A".into(), since: d("2026-01-10") },
        fine(2, "2026-11-20", true),
        NextAction::PrepareForClubStop {
            stop: crate::membership::ClubStop::Suspension,
            effective: d("2026-12-04"),
            calendar_days_left: 3,
            working_days_left: 3,
        },
        NextAction::ResolveMeasure { measure: crate::membership::Measure::SiteDisconnection },
        fine(1, "2026-11-01", true),
        NextAction::CompleteExitChecklist {
            reason: crate::membership::ExitReason::Voluntary,
            deadline: Some(d("2026-12-31")),
        },
    ];
    order_next_actions(&mut actions, today);
    let order: Vec<String> = actions
        .iter()
        .map(|a| match a {
            NextAction::PayOverdueFine { fine_id, .. } => format!("overdue {fine_id}"),
            NextAction::PayFineSoon { fine_id, .. } => format!("soon {fine_id}"),
            other => action_code(other).split([':', ' ', '{']).next().unwrap_or("").to_string(),
        })
        .collect();
    assert_eq!(
        order,
        [
            "overdue 1",
            "overdue 2",
            "resolve",
            "CompleteCorrectiveAction",
            "contract",
            "prepare",
            "soon 3",
            "complete_exit"
        ]
    );
    assert_eq!(actions[0].date(), Some(d("2026-11-01")));
    assert_eq!(actions[3].date(), None, "due now; its words say since when it is open");
}

#[test]
fn the_notice_4_4_requires_is_that_of_the_rules_in_force_on_the_announcement_day() {
    // Announced on 20 November with 12 days' notice: enough under 10 days, short under 14.
    let events = history(&[
        ("2026-01-10", EventKind::Joined),
        (
            "2026-11-20",
            EventKind::ClubStopAnnounced { stop: crate::membership::ClubStop::Suspension, effective: d("2026-12-02") },
        ),
    ]);
    let means = vec![pos(1, 1, None), pos(2, 2, None)];
    let (outlets, contracts) = (outlets(), contracts());
    let short = |periods: &[(chrono::NaiveDate, u32)]| {
        let status = derive(&StatusInput {
            events: &events,
            outlets: &outlets,
            means: &means,
            contracts: &contracts,
            unmarked_outlets: &[],
            exit_deadline: None,
            notice_periods: periods,
            today: d("2026-11-25"),
        })
        .unwrap();
        assert_eq!(status.announcement.as_ref().unwrap().notice_days, 12);
        status.next_actions.iter().find_map(|a| match a {
            NextAction::ShortNotice { notice_days, required_days } => Some((*notice_days, *required_days)),
            _ => None,
        })
    };
    assert_eq!(short(&[]), None);
    assert_eq!(short(&[(d("2026-11-01"), 14)]), Some((12, 14)));
    // A version published after the announcement does not reach back to it.
    assert_eq!(short(&[(d("2026-11-21"), 14)]), None);
    assert_eq!(short(&[(d("2026-06-01"), 14), (d("2026-11-01"), 10)]), None);
    assert_eq!(required_notice(&[(d("2026-06-01"), 14)], d("2026-05-31")), CLUB_STOP_NOTICE_DAYS);
}
