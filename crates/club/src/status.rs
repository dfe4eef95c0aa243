//! The seller's status, derived from the membership history and the facts around it (outlets,
//! acceptance means, contracts) on a given day. Never stored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::acceptance::AcceptanceMeans;
use crate::calendar::working_days_between;
use crate::contracts::{Contract, ContractKind, ContractState};
use crate::membership::{ClubStop, ExitReason, Measure, MembershipEvent, Participation, Standing, TransitionError};
use crate::money::Tenge;

/// Calendar days of notice clause 4.4 requires before the club is suspended or terminated.
pub const CLUB_STOP_NOTICE_DAYS: i64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// No shop history yet: the seller has not joined.
    NotJoined,
    Active,
    /// One or more measures of 6.6 are in force.
    UnderMeasure,
    /// The club's suspension or termination is announced and not yet in effect (4.4).
    ClubSuspensionAnnounced,
    /// The announced suspension or termination is in effect.
    ClubSuspended,
    /// Leaving the club: marks must be removed (5.1).
    Exiting,
    Exited,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureView {
    pub measure: Measure,
    pub since: NaiveDate,
    pub seq: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnnouncementView {
    pub stop: ClubStop,
    pub announced_on: NaiveDate,
    pub effective: NaiveDate,
    /// Calendar days from today to the effective day (0 or less once it is in effect).
    pub calendar_days_left: i32,
    /// Kazakhstan working days from today (included) to the effective day (excluded).
    pub working_days_left: u32,
    /// Calendar days between the announcement and the effective day.
    pub notice_days: i32,
    /// The days of notice 4.4 required in the version of the rules in force on the day of the
    /// announcement.
    pub required_days: i32,
}

/// What the seller should do next, most urgent first. The UI words each one in kk/ru/en.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NextAction {
    /// No joining is recorded yet.
    RecordJoining,
    /// Leaving: remove every mark, poster and flyer, clean the website (5.1), by the exit's
    /// deadline when one was set.
    CompleteExitChecklist { reason: ExitReason, deadline: Option<NaiveDate> },
    /// Participation was terminated under 6.6 b): the exit of 5.1 has to start.
    StartExitChecklist,
    /// A 6.6 measure is in force: settle with the platform to have it lifted.
    ResolveMeasure { measure: Measure },
    /// The club stops on `effective`: prepare the shop and staff (4.4).
    PrepareForClubStop { stop: ClubStop, effective: NaiveDate, calendar_days_left: i32, working_days_left: u32 },
    /// The announcement came with less notice than the 10 calendar days of 4.4.
    ShortNotice { notice_days: i32, required_days: i32 },
    /// An outlet has no active POS terminal or QR code, so it cannot accept the bank's
    /// instruments it must accept (2.4.2, 2.5.4).
    EquipOutlet { outlet_id: i64, outlet_name: String },
    /// No club mark is registered at an outlet: the seller must display them there (2.5.1).
    DisplayMarks { outlet_id: i64, outlet_name: String },
    /// A contract of 1.3 is missing or not active.
    RestoreContract { kind: ContractKind },
    /// A fine's due date has passed and `balance` is still owed.
    PayOverdueFine { fine_id: i64, notice_number: String, due: NaiveDate, balance: Tenge },
    /// A fine falls due within the week.
    PayFineSoon { fine_id: i64, notice_number: String, due: NaiveDate, balance: Tenge },
    /// A disputed fine: the platform's answer is expected by `deadline`; after it, ask.
    AwaitDisputeAnswer { fine_id: i64, notice_number: String, deadline: NaiveDate },
    /// A corrective action of 6.3 after a refusal is open: retrain the outlet's staff on 2.5.4.
    CompleteCorrectiveAction { action_id: i64, outlet_name: String, since: NaiveDate },
    /// Refusals repeat within 12 months (6.4): one more can cost the participation.
    RepeatedRefusals { count: u32, last: NaiveDate },
    /// More fines need paying than the list shows; the fines page lists them all.
    MoreFines { count: u32 },
    /// A person's training certificate expired on `until` (2.5.2: staff informed of the rules).
    TrainingOverdue { person_id: i64, person: String, until: NaiveDate },
    /// A person's training certificate expires within 30 days.
    TrainingDueSoon { person_id: i64, person: String, until: NaiveDate },
    /// A cashier has never been trained.
    TrainingNever { person_id: i64, person: String },
    /// A version of the rules published on `published` changed `clauses` in substance: read
    /// and acknowledge it (4.2, 4.3, 6.11).
    AcknowledgeRules { published: NaiveDate, clauses: Vec<String> },
    /// The version published on `published` adds an obligation of the seller (2.5, 2.6).
    NewObligation { clause: String, published: NaiveDate },
}

impl NextAction {
    /// The day the step is about: a due date, a deadline, an effective day. `None`: now (an
    /// open corrective action says in its words since when it is open).
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            NextAction::CompleteExitChecklist { deadline, .. } => *deadline,
            NextAction::PrepareForClubStop { effective, .. } => Some(*effective),
            NextAction::PayOverdueFine { due, .. } | NextAction::PayFineSoon { due, .. } => Some(*due),
            NextAction::AwaitDisputeAnswer { deadline, .. } => Some(*deadline),
            NextAction::TrainingOverdue { until, .. } | NextAction::TrainingDueSoon { until, .. } => Some(*until),
            _ => None,
        }
    }

    /// How grave the step is on its day, lower first: what already costs the participation,
    /// then money owed, then what keeps the shop within the rules.
    fn rank(&self) -> u8 {
        match self {
            NextAction::RecordJoining => 0,
            NextAction::StartExitChecklist | NextAction::ResolveMeasure { .. } => 1,
            NextAction::CompleteExitChecklist { .. } => 2,
            NextAction::PayOverdueFine { .. } => 3,
            NextAction::RepeatedRefusals { .. } => 4,
            NextAction::PrepareForClubStop { .. } | NextAction::ShortNotice { .. } => 5,
            NextAction::PayFineSoon { .. } | NextAction::MoreFines { .. } => 6,
            NextAction::AwaitDisputeAnswer { .. } => 7,
            NextAction::CompleteCorrectiveAction { .. } => 8,
            NextAction::TrainingOverdue { .. }
            | NextAction::TrainingNever { .. }
            | NextAction::TrainingDueSoon { .. } => 8,
            NextAction::AcknowledgeRules { .. } | NextAction::NewObligation { .. } => 8,
            NextAction::EquipOutlet { .. } => 9,
            NextAction::DisplayMarks { .. } => 10,
            NextAction::RestoreContract { .. } => 11,
        }
    }
}

/// One list, most urgent first: by the day each step is about (a step of no particular day is
/// due today; a past day comes before today), then by how grave it is; ties keep their order.
pub fn order_next_actions(actions: &mut [NextAction], today: NaiveDate) {
    actions.sort_by_key(|a| (a.date().unwrap_or(today), a.rank()));
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Status {
    pub state: State,
    pub since: Option<NaiveDate>,
    /// The events (by `seq`) that explain the state.
    pub because: Vec<i64>,
    pub measures: Vec<MeasureView>,
    pub announcement: Option<AnnouncementView>,
    pub exit_reason: Option<ExitReason>,
    pub next_actions: Vec<NextAction>,
}

/// An outlet as the status needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletRef {
    pub id: i64,
    pub name: String,
}

pub struct StatusInput<'a> {
    pub events: &'a [MembershipEvent],
    pub outlets: &'a [OutletRef],
    pub means: &'a [AcceptanceMeans],
    pub contracts: &'a [Contract],
    /// Outlets (by id) where the placement register has no club mark.
    pub unmarked_outlets: &'a [i64],
    /// The deadline of the exit's checklist, when an exit has started.
    pub exit_deadline: Option<NaiveDate>,
    /// The notice days of 4.4 by the day the version of the rules giving them came into force,
    /// earliest first; before the first (or when empty), [`CLUB_STOP_NOTICE_DAYS`].
    pub notice_periods: &'a [(NaiveDate, u32)],
    pub today: NaiveDate,
}

/// The days of notice 4.4 requires for an announcement made on `day`: those of the version of
/// the rules in force that day.
pub fn required_notice(periods: &[(NaiveDate, u32)], day: NaiveDate) -> i64 {
    periods.iter().rev().find(|(from, _)| *from <= day).map_or(CLUB_STOP_NOTICE_DAYS, |(_, d)| i64::from(*d))
}

fn headline(standing: &Standing, at: NaiveDate) -> State {
    match standing.participation {
        Participation::NotJoined => State::NotJoined,
        Participation::Exited { .. } => State::Exited,
        Participation::Exiting { .. } => State::Exiting,
        Participation::Member { .. } => {
            if !standing.measures.is_empty() {
                State::UnderMeasure
            } else if let Some(a) = standing.announcement {
                if at >= a.effective {
                    State::ClubSuspended
                } else {
                    State::ClubSuspensionAnnounced
                }
            } else {
                State::Active
            }
        }
    }
}

/// Derives the status. Fails only when the stored history does not fold (edited outside the
/// app), naming the first event that does not fit.
pub fn derive(input: &StatusInput<'_>) -> Result<Status, (i64, TransitionError)> {
    let mut standing = Standing::default();
    let mut state = State::NotJoined;
    let mut since = None;
    let mut changed_by = None;
    for event in crate::membership::in_effect(input.events) {
        standing.apply(event).map_err(|e| (event.seq, e))?;
        let now = headline(&standing, event.occurred_on);
        if now != state {
            state = now;
            since = Some(event.occurred_on);
            changed_by = Some(event.seq);
        }
    }
    // Time alone moves an announced stop into effect.
    let today_state = headline(&standing, input.today);
    if today_state != state {
        state = today_state;
        since = standing.announcement.map(|a| a.effective);
        changed_by = standing.announcement.map(|a| a.seq);
    }

    let mut because = Vec::new();
    let mut exit_reason = None;
    match standing.participation {
        Participation::NotJoined => {}
        Participation::Member { seq, .. } => because.push(seq),
        Participation::Exiting { seq, reason, .. } => {
            because.push(seq);
            exit_reason = Some(reason);
        }
        Participation::Exited { seq, .. } => because.push(seq),
    }
    match state {
        State::UnderMeasure => because.extend(standing.measures.iter().map(|m| m.seq)),
        State::ClubSuspensionAnnounced | State::ClubSuspended => because.extend(standing.announcement.map(|a| a.seq)),
        _ => because.extend(changed_by),
    }
    because.sort_unstable();
    because.dedup();

    let announcement = standing.announcement.map(|a| AnnouncementView {
        stop: a.stop,
        announced_on: a.announced_on,
        effective: a.effective,
        calendar_days_left: days(input.today, a.effective),
        working_days_left: working_days_between(input.today, a.effective),
        notice_days: days(a.announced_on, a.effective),
        required_days: required_notice(input.notice_periods, a.announced_on) as i32,
    });

    let mut next = Vec::new();
    let member = matches!(standing.participation, Participation::Member { .. });
    match standing.participation {
        Participation::NotJoined => next.push(NextAction::RecordJoining),
        Participation::Exiting { reason, .. } => {
            next.push(NextAction::CompleteExitChecklist { reason, deadline: input.exit_deadline })
        }
        _ => {}
    }
    if member {
        if standing.measures.iter().any(|m| m.measure == Measure::ParticipationTerminated) {
            next.push(NextAction::StartExitChecklist);
        }
        for m in &standing.measures {
            next.push(NextAction::ResolveMeasure { measure: m.measure });
        }
    }
    if let Some(a) = &announcement {
        if a.calendar_days_left > 0 && member {
            next.push(NextAction::PrepareForClubStop {
                stop: a.stop,
                effective: a.effective,
                calendar_days_left: a.calendar_days_left,
                working_days_left: a.working_days_left,
            });
        }
        if a.notice_days < a.required_days && a.calendar_days_left > 0 {
            next.push(NextAction::ShortNotice { notice_days: a.notice_days, required_days: a.required_days });
        }
    }
    if member {
        for outlet in input.outlets {
            let equipped = input.means.iter().any(|m| m.outlet_id == outlet.id && m.is_active_on(input.today));
            if !equipped {
                next.push(NextAction::EquipOutlet { outlet_id: outlet.id, outlet_name: outlet.name.clone() });
            }
        }
        for outlet in input.outlets.iter().filter(|o| input.unmarked_outlets.contains(&o.id)) {
            next.push(NextAction::DisplayMarks { outlet_id: outlet.id, outlet_name: outlet.name.clone() });
        }
        for kind in ContractKind::ALL {
            let active = input.contracts.iter().any(|c| c.kind == kind && c.state == ContractState::Active);
            if !active {
                next.push(NextAction::RestoreContract { kind });
            }
        }
    }

    Ok(Status {
        state,
        since,
        because,
        measures: standing
            .measures
            .iter()
            .map(|m| MeasureView { measure: m.measure, since: m.since, seq: m.seq })
            .collect(),
        announcement,
        exit_reason,
        next_actions: next,
    })
}

fn days(from: NaiveDate, to: NaiveDate) -> i32 {
    i32::try_from((to - from).num_days()).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests;
