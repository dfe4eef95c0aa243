//! The accountant's statement of fines for a period: the opening balance owed, what was charged,
//! cancelled, paid by transfer and withheld by offset, the closing balance, one line per fine
//! event in date order, and breakdowns per outlet and per clause.
//!
//! For the whole statement and for every breakdown row,
//! `opening + charged − cancelled − paid − offset = closing`, to the tiyn: the amounts are
//! exact `Tenge` and each movement is counted once, where it happened.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fines::{Fine, FineEvent, PaymentKind, Violation};
use crate::money::Tenge;

/// A fine with its recorded events, as the store keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFine {
    pub id: i64,
    pub fine: Fine,
    pub events: Vec<FineEvent>,
}

/// What a statement covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    #[error("the period ends before it starts")]
    PeriodReversed,
    #[error("the events of fine {0} do not follow the fine's rules")]
    BadLedger(i64),
    #[error("the sums are too large")]
    Overflow,
}

/// What a statement line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// The notice: the fine is owed from its notice date.
    Charged,
    /// A dispute was sent (nothing changes in what is owed).
    Disputed,
    /// The dispute was rejected (nothing changes in what is owed).
    DisputeRejected,
    /// What was still owed is cancelled.
    Cancelled,
    /// Paid by transfer.
    Paid,
    /// Withheld from a payout.
    Offset,
    /// A charge recorded wrongly, reversed on the day of its correction (a negative charge).
    Reversed,
    /// The corrected charge, on the same day as its reversal.
    Recharged,
    /// A transfer recorded by mistake, reversed (a negative payment).
    PaymentVoided,
    /// An offset recorded by mistake, reversed (a negative offset).
    OffsetVoided,
}

/// One event of one fine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub date: NaiveDate,
    pub fine_id: i64,
    pub notice_number: String,
    pub outlet_id: i64,
    pub violation: Violation,
    pub movement: Movement,
    pub charged: Tenge,
    pub cancelled: Tenge,
    pub paid: Tenge,
    pub offset: Tenge,
    /// The payment order number or offset reference, where there is one.
    pub reference: String,
    /// What the statement's scope owes after this line.
    pub balance: Tenge,
    /// A payment that was voided later (its reversal is another line); the 1C file leaves it out.
    pub voided: bool,
}

/// The sums of one scope: the whole statement, an outlet, or a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Sums {
    pub opening: Tenge,
    pub charged: Tenge,
    pub cancelled: Tenge,
    pub paid: Tenge,
    pub offset: Tenge,
    pub closing: Tenge,
    /// Fines charged in the period.
    pub count_charged: u32,
}

impl Sums {
    /// `opening + charged − cancelled − paid − offset`, to compare with `closing`.
    pub fn expected_closing(&self) -> Option<Tenge> {
        self.opening
            .checked_add(self.charged)?
            .checked_sub(self.cancelled)?
            .checked_sub(self.paid)?
            .checked_sub(self.offset)
    }

    pub fn reconciles(&self) -> bool {
        self.expected_closing() == Some(self.closing)
    }
}

/// A statement: the figures and the lines behind them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub period: Period,
    pub outlet: Option<i64>,
    pub totals: Sums,
    /// Of the closing balance, what is under a dispute not yet answered at the end of the period.
    pub disputed_at_close: Tenge,
    pub lines: Vec<Line>,
    /// Every outlet with a balance or a movement, by outlet id.
    pub by_outlet: Vec<(i64, Sums)>,
    /// Every clause with a balance or a movement, in the order of the rules.
    pub by_violation: Vec<(Violation, Sums)>,
}

fn add(a: &mut Tenge, b: Tenge) -> Result<(), StatementError> {
    *a = a.checked_add(b).ok_or(StatementError::Overflow)?;
    Ok(())
}

fn sub(a: Tenge, b: Tenge) -> Result<Tenge, StatementError> {
    a.checked_sub(b).ok_or(StatementError::Overflow)
}

/// One fine's movements, each with its date and effect, from its notice on. A correction is
/// two movements on its day, the reversal of the wrong charge and the right one; a voided
/// payment is a negative payment on the day it was voided. Amounts of reversals are negative.
fn movements(l: &LedgerFine) -> Result<Vec<(NaiveDate, Movement, Tenge, String)>, StatementError> {
    let noticed = l.fine.as_noticed(&l.events);
    let mut out = vec![(l.fine.notice_date, Movement::Charged, noticed.amount, String::new())];
    let mut owed = noticed.amount;
    let negative = |t: Tenge| Tenge::ZERO.checked_sub(t).ok_or(StatementError::Overflow);
    for e in &l.events {
        let m = match e {
            FineEvent::Disputed { on, .. } => (*on, Movement::Disputed, Tenge::ZERO, String::new()),
            FineEvent::DisputeRejected { on } => (*on, Movement::DisputeRejected, Tenge::ZERO, String::new()),
            FineEvent::Cancelled { on } => {
                let cancelled = owed;
                owed = Tenge::ZERO;
                (*on, Movement::Cancelled, cancelled, String::new())
            }
            FineEvent::Paid { on, amount, kind, reference } => {
                owed = sub(owed, *amount)?;
                let movement = match kind {
                    PaymentKind::Transfer => Movement::Paid,
                    PaymentKind::Offset => Movement::Offset,
                };
                (*on, movement, *amount, reference.clone())
            }
            FineEvent::PaymentVoided { on, amount, kind, reason, .. } => {
                add(&mut owed, *amount)?;
                let movement = match kind {
                    PaymentKind::Transfer => Movement::PaymentVoided,
                    PaymentKind::Offset => Movement::OffsetVoided,
                };
                (*on, movement, negative(*amount)?, reason.clone())
            }
            FineEvent::Corrected { on, before, amount, reason, .. } => {
                owed = sub(owed, *before)?;
                add(&mut owed, *amount)?;
                out.push((*on, Movement::Reversed, negative(*before)?, reason.clone()));
                (*on, Movement::Recharged, *amount, reason.clone())
            }
        };
        out.push(m);
    }
    Ok(out)
}

#[derive(Default)]
struct Acc {
    sums: Sums,
    /// Something happened within the period (a dispute counts, though it moves no money).
    moved: bool,
}

impl Acc {
    fn before(&mut self, movement: Movement, amount: Tenge) -> Result<(), StatementError> {
        match movement {
            Movement::Charged | Movement::Reversed | Movement::Recharged => add(&mut self.sums.opening, amount),
            Movement::Disputed | Movement::DisputeRejected => Ok(()),
            Movement::Cancelled
            | Movement::Paid
            | Movement::Offset
            | Movement::PaymentVoided
            | Movement::OffsetVoided => {
                self.sums.opening = sub(self.sums.opening, amount)?;
                Ok(())
            }
        }
    }

    fn within(&mut self, movement: Movement, amount: Tenge) -> Result<(), StatementError> {
        self.moved = true;
        let s = &mut self.sums;
        match movement {
            Movement::Charged => {
                s.count_charged += 1;
                add(&mut s.charged, amount)
            }
            Movement::Reversed | Movement::Recharged => add(&mut s.charged, amount),
            Movement::Disputed | Movement::DisputeRejected => Ok(()),
            Movement::Cancelled => add(&mut s.cancelled, amount),
            Movement::Paid | Movement::PaymentVoided => add(&mut s.paid, amount),
            Movement::Offset | Movement::OffsetVoided => add(&mut s.offset, amount),
        }
    }

    fn close(&mut self) -> Result<Sums, StatementError> {
        self.sums.closing = self.sums.expected_closing().ok_or(StatementError::Overflow)?;
        Ok(self.sums)
    }

    /// A breakdown row is shown when something is owed or something happened.
    fn shown(&self) -> bool {
        self.moved || self.sums.opening != Tenge::ZERO
    }
}

/// Builds the statement of `period` for one outlet or all, from every fine the seller has
/// (events after the period are left out; the fines' rules are checked again on the way).
pub fn build(fines: &[LedgerFine], period: Period, outlet: Option<i64>) -> Result<Statement, StatementError> {
    if period.to < period.from {
        return Err(StatementError::PeriodReversed);
    }
    let mut total = Acc::default();
    let mut outlets: std::collections::BTreeMap<i64, Acc> = Default::default();
    let mut clauses: std::collections::BTreeMap<Violation, Acc> = Default::default();
    let mut disputed_at_close = Tenge::ZERO;
    let mut lines = Vec::new();
    let mut ordered: Vec<&LedgerFine> = fines.iter().collect();
    ordered.sort_by_key(|l| (l.fine.notice_date, l.id));
    for l in ordered {
        if outlet.is_some_and(|o| o != l.fine.outlet_id) || l.fine.notice_date > period.to {
            continue;
        }
        let upto: Vec<FineEvent> = l.events.iter().filter(|e| e.on() <= period.to).cloned().collect();
        // As the notice stated it: a correction after the period has not happened yet in it.
        let noticed = l.fine.as_noticed(&l.events);
        let view = noticed.view(&upto, period.to).map_err(|_| StatementError::BadLedger(l.id))?;
        if view.state == crate::fines::FineState::Disputed {
            add(&mut disputed_at_close, view.balance)?;
        }
        // Payments voided by the period's end, which the 1C file leaves out.
        let voided: Vec<usize> = upto
            .iter()
            .filter_map(|e| match e {
                FineEvent::PaymentVoided { payment, .. } => (*payment as usize).checked_sub(1),
                _ => None,
            })
            .collect();
        let paid_events: Vec<usize> =
            upto.iter().enumerate().filter(|(_, e)| matches!(e, FineEvent::Paid { .. })).map(|(i, _)| i).collect();
        let mut payments_seen = 0;
        let scoped = LedgerFine { id: l.id, fine: noticed, events: upto };
        for (date, movement, amount, reference) in movements(&scoped)? {
            let voided_payment = if matches!(movement, Movement::Paid | Movement::Offset) {
                payments_seen += 1;
                paid_events.get(payments_seen - 1).is_some_and(|i| voided.contains(i))
            } else {
                false
            };
            let accs = [
                &mut total,
                outlets.entry(l.fine.outlet_id).or_default(),
                clauses.entry(l.fine.violation).or_default(),
            ];
            if date < period.from {
                for acc in accs {
                    acc.before(movement, amount)?;
                }
                continue;
            }
            for acc in accs {
                acc.within(movement, amount)?;
            }
            let mut line = Line {
                date,
                fine_id: l.id,
                notice_number: l.fine.notice_number.clone(),
                outlet_id: l.fine.outlet_id,
                violation: l.fine.violation,
                movement,
                charged: Tenge::ZERO,
                cancelled: Tenge::ZERO,
                paid: Tenge::ZERO,
                offset: Tenge::ZERO,
                reference,
                balance: Tenge::ZERO,
                voided: voided_payment,
            };
            match movement {
                Movement::Charged | Movement::Reversed | Movement::Recharged => line.charged = amount,
                Movement::Cancelled => line.cancelled = amount,
                Movement::Paid | Movement::PaymentVoided => line.paid = amount,
                Movement::Offset | Movement::OffsetVoided => line.offset = amount,
                Movement::Disputed | Movement::DisputeRejected => {}
            }
            lines.push(line);
        }
    }
    // Date order; on one day, the fines in notice order and each fine's events as they happened
    // (the fines were taken in notice order and the sort is stable).
    lines.sort_by_key(|l| l.date);
    let totals = total.close()?;
    let mut running = totals.opening;
    for line in &mut lines {
        add(&mut running, line.charged)?;
        running = sub(running, line.cancelled)?;
        running = sub(running, line.paid)?;
        running = sub(running, line.offset)?;
        line.balance = running;
    }
    let mut by_outlet = Vec::new();
    for (id, mut acc) in outlets {
        if acc.shown() {
            by_outlet.push((id, acc.close()?));
        }
    }
    let mut by_violation = Vec::new();
    for v in Violation::ALL {
        if let Some(mut acc) = clauses.remove(&v) {
            if acc.shown() {
                by_violation.push((v, acc.close()?));
            }
        }
    }
    Ok(Statement { period, outlet, totals, disputed_at_close, lines, by_outlet, by_violation })
}

#[cfg(test)]
mod tests;
