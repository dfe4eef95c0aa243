//! What the seller is told in time: from the dated next steps of the status page, which
//! reminders are due on a given day, each at a threshold the seller is told of once.
//!
//! A reminder names the thing it is about (`subject`: a fine, the club's stop, a person's
//! certificate…) and the threshold reached; the desk remembers which it has sent, so each is
//! sent once however often the app opens, and a day the app was closed is caught up on the next
//! start with the threshold reached by then (not every one passed meanwhile).
//!
//! Thresholds:
//! - a fine: due in 3 days or fewer, due tomorrow or today, overdue (calendar days: a due date
//!   is a calendar date);
//! - the club's suspension or stop (4.4): when it is announced, when 3 working days or fewer
//!   are left to prepare, and on the last working day before it (Kazakhstan's working days: a
//!   stop on a Monday is announced as "tomorrow" on the Friday before);
//! - a dispute: the platform's answer due by tomorrow or today, then late;
//! - a person's training certificate: expiring within 14 days, then expired;
//! - a corrective action (6.3) still open 10 working days after it was opened.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{is_working_day, working_days_between};
use crate::status::NextAction;

/// A kind of reminder; the owner switches each off or on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    FineDue,
    ClubStop,
    DisputeAnswer,
    CertificateExpiring,
    CorrectiveAction,
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 5] = [
        ReminderKind::FineDue,
        ReminderKind::ClubStop,
        ReminderKind::DisputeAnswer,
        ReminderKind::CertificateExpiring,
        ReminderKind::CorrectiveAction,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::FineDue => "fine_due",
            ReminderKind::ClubStop => "club_stop",
            ReminderKind::DisputeAnswer => "dispute_answer",
            ReminderKind::CertificateExpiring => "certificate_expiring",
            ReminderKind::CorrectiveAction => "corrective_action",
        }
    }

    pub fn from_code(code: &str) -> Option<ReminderKind> {
        ReminderKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// How near the date is, as the seller is told of it once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Threshold {
    /// Just announced (the club's stop).
    Announced,
    /// A few days left (3 for a fine and the club's stop, 14 for a certificate).
    Soon,
    /// The last day to act: tomorrow or today.
    LastDay,
    /// The date has passed.
    Passed,
}

impl Threshold {
    pub fn code(self) -> &'static str {
        match self {
            Threshold::Announced => "announced",
            Threshold::Soon => "soon",
            Threshold::LastDay => "last_day",
            Threshold::Passed => "passed",
        }
    }
}

/// Working days a corrective action (6.3) has before it is reminded of.
pub const CORRECTIVE_ACTION_WORKING_DAYS: u32 = 10;
/// Calendar days before a fine's due date that the first reminder comes.
pub const FINE_SOON_DAYS: i64 = 3;
/// Working days before the club's stop that the "soon" reminder comes.
pub const CLUB_STOP_SOON_WORKING_DAYS: u32 = 3;
/// Calendar days before a certificate expires that it is reminded of.
pub const CERTIFICATE_SOON_DAYS: i64 = 14;

/// One reminder due on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub kind: ReminderKind,
    /// What it is about, stable across days: `fine:12`, `club_stop:2026-12-10`, …
    pub subject: String,
    pub threshold: Threshold,
    /// The date it is about (the due date, the stop's day, the certificate's end…).
    pub date: NaiveDate,
    /// The next step it comes from, for its words.
    pub action: NextAction,
}

impl Reminder {
    /// The key it is remembered by once sent: one per subject and threshold.
    pub fn key(&self) -> String {
        format!("{}:{}:{}", self.kind.code(), self.subject, self.threshold.code())
    }
}

/// The reminders due on `today` from the status page's next steps.
pub fn due(actions: &[NextAction], today: NaiveDate) -> Vec<Reminder> {
    let mut out = Vec::new();
    for action in actions {
        let found = match action {
            NextAction::PayOverdueFine { fine_id, due, .. } | NextAction::PayFineSoon { fine_id, due, .. } => {
                by_calendar(*due, today, FINE_SOON_DAYS)
                    .map(|t| (ReminderKind::FineDue, format!("fine:{fine_id}"), t, *due))
            }
            NextAction::PrepareForClubStop { stop, effective, .. } => club_stop(*effective, today).map(|t| {
                (ReminderKind::ClubStop, format!("club_stop:{}:{effective}", stop_code(*stop)), t, *effective)
            }),
            NextAction::AwaitDisputeAnswer { fine_id, deadline, .. } => by_calendar(*deadline, today, 1)
                .map(|t| (ReminderKind::DisputeAnswer, format!("dispute:{fine_id}"), t, *deadline)),
            NextAction::TrainingDueSoon { person_id, until, .. }
            | NextAction::TrainingOverdue { person_id, until, .. } => by_calendar(*until, today, CERTIFICATE_SOON_DAYS)
                .map(|t| (ReminderKind::CertificateExpiring, format!("certificate:{person_id}:{until}"), t, *until)),
            NextAction::CompleteCorrectiveAction { action_id, since, .. } => {
                (working_days_between(*since, today) >= CORRECTIVE_ACTION_WORKING_DAYS).then(|| {
                    (ReminderKind::CorrectiveAction, format!("corrective:{action_id}"), Threshold::Passed, *since)
                })
            }
            _ => None,
        };
        if let Some((kind, subject, threshold, date)) = found {
            out.push(Reminder { kind, subject, threshold, date, action: action.clone() });
        }
    }
    out
}

fn stop_code(stop: crate::membership::ClubStop) -> &'static str {
    match stop {
        crate::membership::ClubStop::Suspension => "suspension",
        crate::membership::ClubStop::Termination => "termination",
    }
}

/// A calendar date: `soon_days` or fewer left, the last day (tomorrow or today), passed.
fn by_calendar(date: NaiveDate, today: NaiveDate, soon_days: i64) -> Option<Threshold> {
    let left = (date - today).num_days();
    match left {
        l if l < 0 => Some(Threshold::Passed),
        0 | 1 => Some(Threshold::LastDay),
        l if l <= soon_days => Some(Threshold::Soon),
        _ => None,
    }
}

/// The club's stop on `effective`: announced, a few working days left, the last working day.
fn club_stop(effective: NaiveDate, today: NaiveDate) -> Option<Threshold> {
    if effective <= today {
        // In force: the status page says so; nothing more to prepare for.
        return None;
    }
    let left = working_days_between(today, effective);
    if left <= 1 && (is_working_day(today) || left == 0) {
        Some(Threshold::LastDay)
    } else if left <= CLUB_STOP_SOON_WORKING_DAYS {
        Some(Threshold::Soon)
    } else {
        Some(Threshold::Announced)
    }
}

#[cfg(test)]
mod tests;
