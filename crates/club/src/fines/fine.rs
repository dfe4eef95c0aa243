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
}

impl FineEvent {
    pub fn on(&self) -> NaiveDate {
        match self {
            FineEvent::Disputed { on, .. }
            | FineEvent::DisputeRejected { on }
            | FineEvent::Cancelled { on }
            | FineEvent::Paid { on, .. } => *on,
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
}

/// Where a fine stands after its events, on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FineView {
    pub state: FineState,
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
        let mut ledger = Ledger::new(self);
        for (i, event) in events.iter().enumerate() {
            ledger.apply(event).map_err(|e| (i, e))?;
        }
        Ok(ledger.view(self, today))
    }

    /// Whether `event` may follow `events`.
    pub fn check_next(&self, events: &[FineEvent], event: &FineEvent) -> Result<(), FineError> {
        let mut ledger = Ledger::new(self);
        for e in events {
            ledger.apply(e)?;
        }
        ledger.apply(event)
    }
}

struct Ledger {
    state: FineState,
    amount: Tenge,
    transferred: Tenge,
    offset: Tenge,
    disputed_once: bool,
    deadline: Option<NaiveDate>,
    last: NaiveDate,
}

impl Ledger {
    fn new(fine: &Fine) -> Ledger {
        Ledger {
            state: FineState::Received,
            amount: fine.amount,
            transferred: Tenge::ZERO,
            offset: Tenge::ZERO,
            disputed_once: false,
            deadline: None,
            last: fine.notice_date,
        }
    }

    fn balance(&self) -> Tenge {
        let paid = self.transferred.checked_add(self.offset).unwrap_or(self.amount);
        self.amount.checked_sub(paid).unwrap_or(Tenge::ZERO)
    }

    fn apply(&mut self, event: &FineEvent) -> Result<(), FineError> {
        if event.on() < self.last {
            return Err(FineError::OutOfOrder);
        }
        match (self.state, event) {
            (FineState::Cancelled, _) => return Err(FineError::FineCancelled),
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

    fn view(&self, fine: &Fine, today: NaiveDate) -> FineView {
        let balance = if self.state == FineState::Cancelled { Tenge::ZERO } else { self.balance() };
        let overdue = matches!(self.state, FineState::Received | FineState::Upheld)
            && balance > Tenge::ZERO
            && today > fine.due_date;
        FineView {
            state: self.state,
            paid: self.transferred,
            offset: self.offset,
            balance,
            overdue,
            dispute_deadline: self.deadline,
        }
    }
}
