//! Fines of clause 6.2: the agreed schedule, the fine and its life (dispute, payments, offset),
//! and the rules around it (6.3 corrective action, 6.4 repeat refusals, 6.5 one fine per fact).
//!
//! Pure values and checks: the store keeps them and the desk applies them.

mod fine;
mod repeat;
mod schedule;
mod violation;

pub use fine::{Fine, FineError, FineEvent, FineState, FineView, PaymentKind};
pub use repeat::{
    refusal_warning, refusal_warning_of, refusal_warning_on, repeat_window, RefusalWarning, REPEAT_WINDOW_MONTHS,
};
pub use schedule::{Schedule, ScheduleEntry, ScheduleMismatch};
pub use violation::Violation;

#[cfg(test)]
mod tests;
