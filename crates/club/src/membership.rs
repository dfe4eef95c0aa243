//! The membership history: an append-only list of events from which the status is derived.
//!
//! Nothing about the seller's standing is stored as a state; it is always the fold of these
//! events, so every state can be explained by the events that led to it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::contracts::ContractKind;

/// The measures of clause 6.6 the platform may apply besides a fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 6.6 a) disconnection from the site.
    SiteDisconnection,
    /// 6.6 b) participation in the club terminated.
    ParticipationTerminated,
    /// 6.6 c) early repayment of debt demanded.
    EarlyDebtRepayment,
    /// 6.6 d) POS terminals / QR codes disconnected.
    PosQrDisconnected,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::SiteDisconnection,
        Measure::ParticipationTerminated,
        Measure::EarlyDebtRepayment,
        Measure::PosQrDisconnected,
    ];

    /// The letter of 6.6 the measure comes from.
    pub fn letter(self) -> char {
        match self {
            Measure::SiteDisconnection => 'a',
            Measure::ParticipationTerminated => 'b',
            Measure::EarlyDebtRepayment => 'c',
            Measure::PosQrDisconnected => 'd',
        }
    }
}

/// The club stopping its work, announced under 4.4 (and 5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClubStop {
    Suspension,
    Termination,
}

/// Why a seller leaves the club.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    /// The seller's own decision (5.1).
    Voluntary,
    /// After a measure under 6.6 (5.1).
    Measure,
    /// The contract ended (5.3).
    ContractEnded,
    /// Excluded by the platform for unjustified refusals (6.4).
    Exclusion,
}

/// One fact in the membership history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The seller joined the club by concluding the contracts (2.2).
    Joined,
    MeasureApplied {
        measure: Measure,
    },
    MeasureLifted {
        measure: Measure,
    },
    /// Excluded from the club for an unjustified refusal (6.4).
    Excluded,
    /// The platform or the bank announced that the club stops on `effective` (4.4, 5.2).
    ClubStopAnnounced {
        stop: ClubStop,
        effective: NaiveDate,
    },
    /// The announced stop was withdrawn, or the club resumed after a suspension.
    ClubResumed,
    ExitStarted {
        reason: ExitReason,
    },
    /// Every mark removed (5.1): the seller is out of the club.
    ExitCompleted,
    /// A contract of 1.3 ended, and participation with it (5.3).
    ContractTerminated {
        contract: ContractKind,
    },
    /// The owner acknowledged a published version of the rules (4.2, 4.3): it changes nothing in
    /// the standing, and is recorded by Seller Desk itself, never typed in.
    RulesAcknowledged {
        /// The version's publication day.
        published: NaiveDate,
    },
    /// An event recorded by mistake, taken back: it stays in the history, and the standing is
    /// folded as if it had not happened. Only the latest event still in effect can be taken
    /// back, so that every later event keeps fitting; the exit's own steps, a contract's end and
    /// an acknowledgement of the rules cannot (they carry a checklist, a contract's state or a
    /// signature of their own).
    Voided {
        /// The `seq` of the event taken back.
        event: i64,
        reason: String,
    },
}

impl EventKind {
    /// A short stable code for storage and logs.
    pub fn code(&self) -> &'static str {
        match self {
            EventKind::Joined => "joined",
            EventKind::MeasureApplied { .. } => "measure_applied",
            EventKind::MeasureLifted { .. } => "measure_lifted",
            EventKind::Excluded => "excluded",
            EventKind::ClubStopAnnounced { .. } => "club_stop_announced",
            EventKind::ClubResumed => "club_resumed",
            EventKind::ExitStarted { .. } => "exit_started",
            EventKind::ExitCompleted => "exit_completed",
            EventKind::ContractTerminated { .. } => "contract_terminated",
            EventKind::RulesAcknowledged { .. } => "rules_acknowledged",
            EventKind::Voided { .. } => "voided",
        }
    }

    /// Whether an event of this kind can be taken back by a later `Voided`.
    pub fn can_be_voided(&self) -> bool {
        matches!(
            self,
            EventKind::Joined
                | EventKind::MeasureApplied { .. }
                | EventKind::MeasureLifted { .. }
                | EventKind::Excluded
                | EventKind::ClubStopAnnounced { .. }
                | EventKind::ClubResumed
        )
    }
}

/// The events in effect: the history less the events taken back and the `Voided` entries.
pub fn in_effect(history: &[MembershipEvent]) -> Vec<&MembershipEvent> {
    let voided: Vec<i64> = history
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Voided { event, .. } => Some(event),
            _ => None,
        })
        .collect();
    history.iter().filter(|e| !matches!(e.kind, EventKind::Voided { .. }) && !voided.contains(&e.seq)).collect()
}

/// Why an event cannot be taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VoidError {
    #[error("no such event in the history")]
    NoSuchEvent,
    #[error("this event was taken back already")]
    AlreadyVoided,
    #[error("only the latest event in effect can be taken back; take back the later ones first")]
    NotTheLatest,
    #[error(
        "this kind of event cannot be taken back here (the exit, a contract's end, an acknowledgement of the rules)"
    )]
    NotVoidable,
    #[error("say why the event is taken back")]
    ReasonEmpty,
}

/// Checks that `event` can be taken back from `history` with `reason`.
pub fn check_void(history: &[MembershipEvent], event: i64, reason: &str) -> Result<(), VoidError> {
    if reason.trim().is_empty() {
        return Err(VoidError::ReasonEmpty);
    }
    let target = history.iter().find(|e| e.seq == event).ok_or(VoidError::NoSuchEvent)?;
    if !target.kind.can_be_voided() {
        return Err(VoidError::NotVoidable);
    }
    let effective = in_effect(history);
    if !effective.iter().any(|e| e.seq == event) {
        return Err(VoidError::AlreadyVoided);
    }
    // Acknowledgements of the rules change nothing in the standing and are not in the way.
    let latest = effective.iter().rev().find(|e| !matches!(e.kind, EventKind::RulesAcknowledged { .. }));
    if latest.map(|e| e.seq) != Some(event) {
        return Err(VoidError::NotTheLatest);
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MembershipEvent {
    /// Position in the history; later events have larger numbers.
    pub seq: i64,
    /// The day the fact happened (not the day it was typed in).
    pub occurred_on: NaiveDate,
    pub kind: EventKind,
    pub note: String,
}

/// Why an event cannot be recorded at this point in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("the seller is already a member")]
    AlreadyMember,
    #[error("the seller is not a member of the club")]
    NotMember,
    #[error("this measure is already in force")]
    MeasureAlreadyApplied,
    #[error("this measure is not in force")]
    MeasureNotApplied,
    #[error("no stop of the club has been announced")]
    NoClubStop,
    #[error("the seller is already leaving the club")]
    AlreadyExiting,
    #[error("no exit has been started")]
    NotExiting,
    #[error("an event cannot be dated in the future")]
    InTheFuture,
    #[error("an event cannot be dated before the last recorded event")]
    BeforeLastEvent,
    #[error("the club's stop must take effect on or after the day it is announced")]
    EffectiveBeforeAnnounced,
}

/// Where the seller stands in its participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Participation {
    NotJoined,
    Member { since: NaiveDate, seq: i64 },
    Exiting { since: NaiveDate, seq: i64, reason: ExitReason },
    Exited { since: NaiveDate, seq: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureInForce {
    pub measure: Measure,
    pub since: NaiveDate,
    pub seq: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Announcement {
    pub stop: ClubStop,
    pub announced_on: NaiveDate,
    pub effective: NaiveDate,
    pub seq: i64,
}

/// The history folded up to some event: the facts the status is computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub participation: Participation,
    pub measures: Vec<MeasureInForce>,
    pub announcement: Option<Announcement>,
    /// The day of the last event; a new event may not be dated earlier.
    pub last_event_on: Option<NaiveDate>,
}

impl Default for Standing {
    fn default() -> Self {
        Standing {
            participation: Participation::NotJoined,
            measures: Vec::new(),
            announcement: None,
            last_event_on: None,
        }
    }
}

impl Standing {
    /// Folds a whole history. The history is stored in order and was checked event by event
    /// when recorded, so a stored history always folds; should it not (a file edited outside
    /// the app), the offending event is named.
    pub fn fold(events: &[MembershipEvent]) -> Result<Standing, (i64, TransitionError)> {
        let mut standing = Standing::default();
        for event in in_effect(events) {
            standing.apply(event).map_err(|e| (event.seq, e))?;
        }
        Ok(standing)
    }

    fn is_member_or_exiting(&self) -> bool {
        matches!(self.participation, Participation::Member { .. } | Participation::Exiting { .. })
    }

    /// Whether `event` may follow the history so far, and the standing after it.
    pub fn apply(&mut self, event: &MembershipEvent) -> Result<(), TransitionError> {
        let day = event.occurred_on;
        if self.last_event_on.is_some_and(|last| day < last) {
            return Err(TransitionError::BeforeLastEvent);
        }
        let seq = event.seq;
        match &event.kind {
            EventKind::Joined => {
                if matches!(self.participation, Participation::Member { .. } | Participation::Exiting { .. }) {
                    return Err(TransitionError::AlreadyMember);
                }
                self.participation = Participation::Member { since: day, seq };
                self.measures.clear();
            }
            EventKind::MeasureApplied { measure } => {
                if !self.is_member_or_exiting() {
                    return Err(TransitionError::NotMember);
                }
                if self.measures.iter().any(|m| m.measure == *measure) {
                    return Err(TransitionError::MeasureAlreadyApplied);
                }
                self.measures.push(MeasureInForce { measure: *measure, since: day, seq });
            }
            EventKind::MeasureLifted { measure } => {
                let before = self.measures.len();
                self.measures.retain(|m| m.measure != *measure);
                if self.measures.len() == before {
                    return Err(TransitionError::MeasureNotApplied);
                }
            }
            EventKind::Excluded => match self.participation {
                Participation::Member { .. } => {
                    self.participation = Participation::Exiting { since: day, seq, reason: ExitReason::Exclusion }
                }
                Participation::Exiting { .. } => return Err(TransitionError::AlreadyExiting),
                _ => return Err(TransitionError::NotMember),
            },
            EventKind::ClubStopAnnounced { stop, effective } => {
                if *effective < day {
                    return Err(TransitionError::EffectiveBeforeAnnounced);
                }
                self.announcement = Some(Announcement { stop: *stop, announced_on: day, effective: *effective, seq });
            }
            EventKind::ClubResumed => {
                if self.announcement.take().is_none() {
                    return Err(TransitionError::NoClubStop);
                }
            }
            EventKind::ExitStarted { reason } => match self.participation {
                Participation::Member { .. } => {
                    self.participation = Participation::Exiting { since: day, seq, reason: *reason }
                }
                Participation::Exiting { .. } => return Err(TransitionError::AlreadyExiting),
                _ => return Err(TransitionError::NotMember),
            },
            EventKind::ExitCompleted => match self.participation {
                Participation::Exiting { .. } => {
                    self.participation = Participation::Exited { since: day, seq };
                    self.measures.clear();
                }
                _ => return Err(TransitionError::NotExiting),
            },
            EventKind::ContractTerminated { .. } => match self.participation {
                Participation::Member { .. } => {
                    self.participation = Participation::Exiting { since: day, seq, reason: ExitReason::ContractEnded }
                }
                // A second contract ending while already leaving changes nothing but is a fact.
                Participation::Exiting { .. } => {}
                _ => return Err(TransitionError::NotMember),
            },
            // The rules bind whoever is in the club, or has been (6.11): a fact, whatever the
            // standing.
            EventKind::RulesAcknowledged { .. } => {}
            // Taking back is checked against the whole history (`check_void`) and folded by
            // leaving the event out (`in_effect`); it moves nothing by itself.
            EventKind::Voided { .. } => return Ok(()),
        }
        self.last_event_on = Some(day);
        Ok(())
    }

    /// Checks a new event against the history and today's date, without changing anything.
    pub fn check_next(&self, event: &MembershipEvent, today: NaiveDate) -> Result<(), TransitionError> {
        if event.occurred_on > today {
            return Err(TransitionError::InTheFuture);
        }
        self.clone().apply(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(seq: i64, day: &str, kind: EventKind) -> MembershipEvent {
        MembershipEvent { seq, occurred_on: day.parse().unwrap(), kind, note: String::new() }
    }

    #[test]
    fn refuses_impossible_moves() {
        use EventKind::*;
        use TransitionError as E;
        let joined = vec![ev(1, "2026-01-10", Joined)];
        let s = Standing::fold(&joined).unwrap();
        let today = "2026-11-25".parse().unwrap();
        let cases = [
            (ev(2, "2026-02-01", Joined), Err(E::AlreadyMember)),
            (ev(2, "2026-02-01", MeasureLifted { measure: Measure::SiteDisconnection }), Err(E::MeasureNotApplied)),
            (ev(2, "2026-02-01", ClubResumed), Err(E::NoClubStop)),
            (ev(2, "2026-02-01", ExitCompleted), Err(E::NotExiting)),
            (ev(2, "2025-12-31", Excluded), Err(E::BeforeLastEvent)),
            (ev(2, "2026-12-01", Excluded), Err(E::InTheFuture)),
            (
                ev(
                    2,
                    "2026-02-01",
                    ClubStopAnnounced { stop: ClubStop::Suspension, effective: "2026-01-31".parse().unwrap() },
                ),
                Err(E::EffectiveBeforeAnnounced),
            ),
            (ev(2, "2026-02-01", MeasureApplied { measure: Measure::SiteDisconnection }), Ok(())),
            (ev(2, "2026-01-10", ExitStarted { reason: ExitReason::Voluntary }), Ok(())),
        ];
        for (event, expect) in cases {
            assert_eq!(s.check_next(&event, today), expect, "{:?}", event.kind);
        }
        assert_eq!(
            Standing::default()
                .check_next(&ev(1, "2026-01-01", MeasureApplied { measure: Measure::SiteDisconnection }), today),
            Err(E::NotMember)
        );
    }

    #[test]
    fn fold_names_the_bad_event() {
        let events = vec![ev(1, "2026-01-10", EventKind::Joined), ev(7, "2026-01-11", EventKind::Joined)];
        assert_eq!(Standing::fold(&events), Err((7, TransitionError::AlreadyMember)));
    }

    #[test]
    fn event_json_shape() {
        let e = EventKind::MeasureApplied { measure: Measure::PosQrDisconnected };
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"type":"measure_applied","measure":"pos_qr_disconnected"}"#);
    }

    #[test]
    fn a_mistaken_event_taken_back_leaves_the_standing_as_before_it_and_stays_in_the_history() {
        use EventKind::*;
        let voided = |event: i64| Voided { event, reason: "typed on the wrong shop".into() };
        let mut history = vec![
            ev(1, "2026-01-10", Joined),
            ev(2, "2026-03-01", MeasureApplied { measure: Measure::SiteDisconnection }),
            ev(3, "2026-03-05", RulesAcknowledged { published: "2026-02-01".parse().unwrap() }),
        ];
        // Only the latest event in effect (an acknowledgement is not in the way), with a reason.
        assert_eq!(check_void(&history, 1, "x"), Err(VoidError::NotTheLatest));
        assert_eq!(check_void(&history, 3, "x"), Err(VoidError::NotVoidable));
        assert_eq!(check_void(&history, 9, "x"), Err(VoidError::NoSuchEvent));
        assert_eq!(check_void(&history, 2, "  "), Err(VoidError::ReasonEmpty));
        assert_eq!(check_void(&history, 2, "typed on the wrong shop"), Ok(()));
        history.push(ev(4, "2026-03-06", voided(2)));
        let standing = Standing::fold(&history).unwrap();
        assert!(standing.measures.is_empty(), "the measure taken back is not in force");
        assert_eq!(standing.last_event_on, Some("2026-03-05".parse().unwrap()));
        assert_eq!(in_effect(&history).iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(check_void(&history, 2, "again"), Err(VoidError::AlreadyVoided));
        assert_eq!(check_void(&history, 4, "a void of a void"), Err(VoidError::NotVoidable));
        // Then the joining itself, now the latest: the seller is as before joining, and the
        // measure can be recorded afresh after a new joining.
        assert_eq!(check_void(&history, 1, "wrong day"), Ok(()));
        history.push(ev(5, "2026-03-06", voided(1)));
        assert_eq!(Standing::fold(&history).unwrap().participation, Participation::NotJoined);
        let rejoined = ev(6, "2026-01-12", Joined);
        let today = "2026-11-25".parse().unwrap();
        assert_eq!(
            Standing::fold(&history).unwrap().check_next(&rejoined, today),
            Err(TransitionError::BeforeLastEvent)
        );
        let rejoined = ev(6, "2026-03-06", Joined);
        assert_eq!(Standing::fold(&history).unwrap().check_next(&rejoined, today), Ok(()));
        // The exit's start is not taken back here.
        let exiting =
            vec![ev(1, "2026-01-10", Joined), ev(2, "2026-02-01", ExitStarted { reason: ExitReason::Voluntary })];
        assert_eq!(check_void(&exiting, 2, "x"), Err(VoidError::NotVoidable));
    }
}
