use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{FineState, Violation};

/// Clause 6.4 lets the platform exclude a seller that refuses the bank's instrument; two or more
/// refusals within this many months put a warning on the status page.
pub const REPEAT_WINDOW_MONTHS: u32 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefusalWarning {
    pub count: u32,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Refusal fines (not cancelled) whose fact falls in the last 12 months up to `today`.
pub fn refusal_warning<'a>(
    fines: impl IntoIterator<Item = (&'a super::Fine, FineState)>,
    today: NaiveDate,
) -> Option<RefusalWarning> {
    let facts = fines
        .into_iter()
        .filter(|(f, state)| f.violation == Violation::RefusalToAccept && *state != FineState::Cancelled)
        .map(|(f, _)| f.fact_date);
    refusal_warning_on(facts, today)
}

/// The same rule over the fact dates of refusal fines that are not cancelled (as the store
/// selects them, so that a shop with many fines does not load them all).
pub fn refusal_warning_on(facts: impl IntoIterator<Item = NaiveDate>, today: NaiveDate) -> Option<RefusalWarning> {
    let (after, until) = repeat_window(today);
    let mut facts: Vec<NaiveDate> = facts.into_iter().filter(|f| *f > after && *f <= until).collect();
    facts.sort_unstable();
    refusal_warning_of(u32::try_from(facts.len()).unwrap_or(u32::MAX), facts.first().copied(), facts.last().copied())
}

/// The window the rule counts refusals in: fact dates after the first day and up to the second.
pub fn repeat_window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today.checked_sub_months(Months::new(REPEAT_WINDOW_MONTHS)).unwrap_or(NaiveDate::MIN), today)
}

/// The same rule over what a store counts in [`repeat_window`]: how many refusals, the first and
/// the last fact date (an index read, however many fines).
pub fn refusal_warning_of(count: u32, first: Option<NaiveDate>, last: Option<NaiveDate>) -> Option<RefusalWarning> {
    match (first, last) {
        (Some(first), Some(last)) if count >= 2 => Some(RefusalWarning { count, first, last }),
        _ => None,
    }
}
