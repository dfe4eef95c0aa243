use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Violation;
use crate::money::Tenge;

/// One line of the individual agreement (6.2): the amount for a violation from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduleEntry {
    pub violation: Violation,
    pub amount: Tenge,
    pub effective_from: NaiveDate,
}

/// The agreed schedule with its history: a change is a new entry, never an edit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    entries: Vec<ScheduleEntry>,
}

/// A charged amount that differs from the schedule on the fact's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduleMismatch {
    pub agreed: Tenge,
    pub charged: Tenge,
    /// charged − agreed: positive when the platform charged more than agreed.
    pub difference: Tenge,
}

impl Schedule {
    pub fn new(entries: Vec<ScheduleEntry>) -> Schedule {
        Schedule { entries }
    }

    pub fn entries(&self) -> &[ScheduleEntry] {
        &self.entries
    }

    /// The amount in force for `violation` on `day`: the latest entry that took effect by then.
    /// Two entries from the same day: the one recorded later wins.
    pub fn agreed(&self, violation: Violation, day: NaiveDate) -> Option<Tenge> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.violation == violation && e.effective_from <= day)
            .max_by_key(|(i, e)| (e.effective_from, *i))
            .map(|(_, e)| e.amount)
    }

    /// Compares a charged amount with the schedule on the fact's date. No agreed amount, no
    /// comparison: the seller has to record its schedule first.
    pub fn check(&self, violation: Violation, fact_date: NaiveDate, charged: Tenge) -> Option<ScheduleMismatch> {
        let agreed = self.agreed(violation, fact_date)?;
        if agreed == charged {
            return None;
        }
        let difference = charged.checked_sub(agreed)?;
        Some(ScheduleMismatch { agreed, charged, difference })
    }
}
