use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Violation;
use crate::money::Tenge;

/// A fine as the platform's notice states it (6.5: one fine per fact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fine {
    pub notice_number: String,
    pub notice_date: NaiveDate,
    pub fact_date: NaiveDate,
    pub outlet_id: i64,
    pub violation: Violation,
    pub amount: Tenge,
    pub due_date: NaiveDate,
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// Paid by transfer.
    Transfer,
    /// Withheld by the platform from a payout to the seller.
    Offset,
}

/// What happened to a fine after the notice, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FineEvent {
    /// The seller disputed the fine; the platform answers by `deadline`.
    Disputed {
        on: NaiveDate,
        deadline: NaiveDate,
    },
    /// The dispute was rejected: the fine stands and is to be paid.
    DisputeRejected {
        on: NaiveDate,
    },
    /// The dispute was won, or the platform withdrew the fine: nothing is owed.
    Cancelled {
        on: NaiveDate,
    },
    Paid {
        on: NaiveDate,
        amount: Tenge,
        kind: PaymentKind,
        reference: String,
    },
    /// A payment recorded by mistake (a wrong amount, a wrong day, another fine's) is voided:
    /// the payment stays in the history, this entry reverses it on `on`. `payment` is the
    /// voided payment's place among the fine's events (1 is the first event).
    PaymentVoided {
        on: NaiveDate,
        payment: u32,
        amount: Tenge,
        kind: PaymentKind,
        reason: String,
    },
    /// The fine's amount or due date was recorded wrongly: on `on` the charge of `before` is
    /// reversed and `amount` charged instead; the due date becomes `due_date`.
    Corrected {
        on: NaiveDate,
        before: Tenge,
        amount: Tenge,
        due_before: NaiveDate,
        due_date: NaiveDate,
        reason: String,
    },
}

impl FineEvent {
    pub fn on(&self) -> NaiveDate {
        match self {
            FineEvent::Disputed { on, .. }
            | FineEvent::DisputeRejected { on }
            | FineEvent::Cancelled { on }
            | FineEvent::Paid { on, .. }
            | FineEvent::PaymentVoided { on, .. }
            | FineEvent::Corrected { on, .. } => *on,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FineState {
    /// Charged and not (fully) paid.
    Received,
    Disputed,
    /// The dispute was rejected; still to be paid.
    Upheld,
    Cancelled,
    /// Paid in full (transfers and offsets together).
    Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FineError {
    #[error("the notice number is empty")]
    EmptyNotice,
    #[error("a fine's amount must be more than zero")]
    AmountNotPositive,
    #[error("the violation cannot come after the notice about it")]
    FactAfterNotice,
    #[error("the due date cannot come before the notice")]
    DueBeforeNotice,
    #[error("a payment must be more than zero")]
    PaymentNotPositive,
    #[error("the payment is more than what is owed")]
    Overpayment,
    #[error("the fine is already paid in full")]
    AlreadyPaid,
    #[error("a cancelled fine cannot be paid or disputed")]
    FineCancelled,
    #[error("a fine paid in full cannot be disputed")]
    DisputeOnPaid,
    #[error("this fine has already been disputed")]
    AlreadyDisputed,
    #[error("the fine is under dispute: wait for the platform's answer")]
    UnderDispute,
    #[error("the fine is not under dispute")]
    NotDisputed,
    #[error("the answer deadline cannot come before the dispute")]
    DeadlineBeforeDispute,
    #[error("a fine's event cannot be dated before the notice or an earlier event")]
    OutOfOrder,
    #[error("only a payment of this fine that is not voided yet can be voided")]
    NoSuchPayment,
    #[error("a correction needs its reason")]
    ReasonEmpty,
    #[error("the corrected amount is less than what is already paid: void a payment first")]
    CorrectionBelowPaid,
    #[error("the correction changes nothing")]
    CorrectionChangesNothing,
}

/// Where a fine stands after its events, on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FineView {
    pub state: FineState,
    /// What is charged after corrections, and when it is due.
    pub amount: Tenge,
    pub due_date: NaiveDate,
    pub paid: Tenge,
    pub offset: Tenge,
    /// What is still owed (zero once cancelled or paid).
    pub balance: Tenge,
    pub overdue: bool,
    pub dispute_deadline: Option<NaiveDate>,
}

impl Fine {
    pub fn validate(&self) -> Result<(), FineError> {
        match self.problems().first() {
            Some(&e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every rule the fine breaks, in the order of the form's fields (an import reports them all).
    pub fn problems(&self) -> Vec<FineError> {
        let mut problems = Vec::new();
        if self.notice_number.trim().is_empty() {
            problems.push(FineError::EmptyNotice);
        }
        if self.amount <= Tenge::ZERO {
            problems.push(FineError::AmountNotPositive);
        }
        if self.fact_date > self.notice_date {
            problems.push(FineError::FactAfterNotice);
        }
        if self.due_date < self.notice_date {
            problems.push(FineError::DueBeforeNotice);
        }
        problems
    }

    /// Folds the events in order; the first impossible one is refused with its index.
    pub fn view(&self, events: &[FineEvent], today: NaiveDate) -> Result<FineView, (usize, FineError)> {
        let mut ledger = Ledger::new(&self.as_noticed(events));
        for (i, event) in events.iter().enumerate() {
            ledger.apply(event).map_err(|e| (i, e))?;
        }
        Ok(ledger.view(today))
    }

    /// The fine as the notice stated it, before any correction: a stored fine carries its
    /// corrected amount and due date, and its first correction names what they were.
    pub fn as_noticed(&self, events: &[FineEvent]) -> Fine {
        let first = events.iter().find_map(|e| match e {
            FineEvent::Corrected { before, due_before, .. } => Some((*before, *due_before)),
            _ => None,
        });
        match first {
            Some((amount, due_date)) => Fine { amount, due_date, ..self.clone() },
            None => self.clone(),
        }
    }

    /// Whether `event` may follow `events`.
    pub fn check_next(&self, events: &[FineEvent], event: &FineEvent) -> Result<(), FineError> {
        let mut ledger = Ledger::new(&self.as_noticed(events));
        for e in events {
            ledger.apply(e)?;
        }
        ledger.apply(event)
    }
}

struct Ledger {
    state: FineState,
    amount: Tenge,
    due_date: NaiveDate,
    transferred: Tenge,
    offset: Tenge,
    disputed_once: bool,
    /// The dispute was rejected: a payment voided later leaves the fine upheld, not received.
    upheld: bool,
    deadline: Option<NaiveDate>,
    last: NaiveDate,
    /// Every event so far (1-based places), to check what a void names.
    seen: Vec<FineEvent>,
    voided: Vec<u32>,
}

impl Ledger {
    fn new(fine: &Fine) -> Ledger {
        Ledger {
            state: FineState::Received,
            amount: fine.amount,
            due_date: fine.due_date,
            transferred: Tenge::ZERO,
            offset: Tenge::ZERO,
            disputed_once: false,
            upheld: false,
            deadline: None,
            last: fine.notice_date,
            seen: Vec::new(),
            voided: Vec::new(),
        }
    }

    fn balance(&self) -> Tenge {
        let paid = self.transferred.checked_add(self.offset).unwrap_or(self.amount);
        self.amount.checked_sub(paid).unwrap_or(Tenge::ZERO)
    }

    /// What is owed and not paid: received, or upheld after a rejected dispute.
    fn unpaid_state(&self) -> FineState {
        if self.upheld {
            FineState::Upheld
        } else {
            FineState::Received
        }
    }

    fn apply(&mut self, event: &FineEvent) -> Result<(), FineError> {
        self.apply_inner(event)?;
        self.seen.push(event.clone());
        Ok(())
    }

    fn apply_inner(&mut self, event: &FineEvent) -> Result<(), FineError> {
        if event.on() < self.last {
            return Err(FineError::OutOfOrder);
        }
        match (self.state, event) {
            (FineState::Cancelled, _) => return Err(FineError::FineCancelled),
            (FineState::Disputed, FineEvent::PaymentVoided { .. } | FineEvent::Corrected { .. }) => {
                return Err(FineError::UnderDispute)
            }
            (_, FineEvent::PaymentVoided { payment, amount, kind, reason, .. }) => {
                if reason.trim().is_empty() {
                    return Err(FineError::ReasonEmpty);
                }
                let index = (*payment as usize).checked_sub(1).ok_or(FineError::NoSuchPayment)?;
                let named = match self.seen.get(index) {
                    Some(FineEvent::Paid { amount: a, kind: k, .. }) => a == amount && k == kind,
                    _ => false,
                };
                if !named || self.voided.contains(payment) {
                    return Err(FineError::NoSuchPayment);
                }
                let sum = match kind {
                    PaymentKind::Transfer => &mut self.transferred,
                    PaymentKind::Offset => &mut self.offset,
                };
                *sum = sum.checked_sub(*amount).ok_or(FineError::NoSuchPayment)?;
                self.voided.push(*payment);
                self.state = self.unpaid_state();
            }
            (_, FineEvent::Corrected { before, amount, due_before, due_date, reason, .. }) => {
                if reason.trim().is_empty() {
                    return Err(FineError::ReasonEmpty);
                }
                if *before != self.amount || *due_before != self.due_date {
                    return Err(FineError::OutOfOrder);
                }
                if *amount <= Tenge::ZERO {
                    return Err(FineError::AmountNotPositive);
                }
                if before == amount && due_before == due_date {
                    return Err(FineError::CorrectionChangesNothing);
                }
                let paid = self.transferred.checked_add(self.offset).ok_or(FineError::Overpayment)?;
                if *amount < paid {
                    return Err(FineError::CorrectionBelowPaid);
                }
                self.amount = *amount;
                self.due_date = *due_date;
                self.state = if *amount == paid { FineState::Paid } else { self.unpaid_state() };
            }
            (FineState::Paid, FineEvent::Disputed { .. }) => return Err(FineError::DisputeOnPaid),
            (FineState::Paid, _) => return Err(FineError::AlreadyPaid),
            (FineState::Disputed, FineEvent::Paid { .. }) => return Err(FineError::UnderDispute),
            (FineState::Disputed, FineEvent::Disputed { .. }) => return Err(FineError::AlreadyDisputed),
            (FineState::Received | FineState::Upheld, FineEvent::Disputed { on, deadline }) => {
                if self.disputed_once {
                    return Err(FineError::AlreadyDisputed);
                }
                if deadline < on {
                    return Err(FineError::DeadlineBeforeDispute);
                }
                self.state = FineState::Disputed;
                self.disputed_once = true;
                self.deadline = Some(*deadline);
            }
            (FineState::Disputed, FineEvent::DisputeRejected { .. }) => {
                self.state = FineState::Upheld;
                self.upheld = true;
                self.deadline = None;
            }
            (_, FineEvent::DisputeRejected { .. }) => return Err(FineError::NotDisputed),
            (FineState::Received | FineState::Disputed | FineState::Upheld, FineEvent::Cancelled { .. }) => {
                self.state = FineState::Cancelled;
                self.deadline = None;
            }
            (FineState::Received | FineState::Upheld, FineEvent::Paid { amount, kind, .. }) => {
                if *amount <= Tenge::ZERO {
                    return Err(FineError::PaymentNotPositive);
                }
                if *amount > self.balance() {
                    return Err(FineError::Overpayment);
                }
                let sum = match kind {
                    PaymentKind::Transfer => &mut self.transferred,
                    PaymentKind::Offset => &mut self.offset,
                };
                *sum = sum.checked_add(*amount).ok_or(FineError::Overpayment)?;
                if self.balance() == Tenge::ZERO {
                    self.state = FineState::Paid;
                }
            }
        }
        self.last = event.on();
        Ok(())
    }

    fn view(&self, today: NaiveDate) -> FineView {
        let balance = if self.state == FineState::Cancelled { Tenge::ZERO } else { self.balance() };
        let overdue = matches!(self.state, FineState::Received | FineState::Upheld)
            && balance > Tenge::ZERO
            && today > self.due_date;
        FineView {
            state: self.state,
            amount: self.amount,
            due_date: self.due_date,
            paid: self.transferred,
            offset: self.offset,
            balance,
            overdue,
            dispute_deadline: self.deadline,
        }
    }
}
