//! Recording facts in the membership history.

use club::contracts::ContractState;
use club::membership::{EventKind, MembershipEvent, Standing};

use crate::dto::{NewEventDto, OverviewDto};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, Desk, ErrorCode};

impl Desk {
    /// Appends an event after checking it fits the history (no lifting a measure that is not in
    /// force, no event dated in the future or before the last one...). A terminated contract
    /// (5.3) is marked terminated in the same transaction.
    pub fn record_event(&mut self, input: NewEventDto) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Membership)?;
        if let EventKind::Voided { event, reason } = &input.kind {
            return self.void_event(VoidEventDto { event: *event, reason: reason.clone() });
        }
        if matches!(input.kind, club::membership::EventKind::RulesAcknowledged { .. }) {
            return Err(ApiError::new(
                ErrorCode::RulesAcknowledgedHere,
                "an acknowledgement of the rules is made on the rules page, not typed in",
            ));
        }
        let today = self.today();
        let note = input.note.trim().to_string();
        crate::limits::check(&[("note", &note, crate::limits::LIMITS.text)])?;
        self.store.write(|db| -> Result<(), ApiError> {
            if db.seller()?.is_none() {
                return Err(ApiError::new(ErrorCode::ShopMissing, "no shop has been created yet"));
            }
            let history = db.events()?;
            let standing = Standing::fold(&history).map_err(|(seq, e)| {
                ApiError::new(ErrorCode::HistoryBroken, format!("event {seq} does not fit the history: {e}"))
            })?;
            let next_seq = history.last().map_or(1, |e| e.seq + 1);
            let candidate = MembershipEvent {
                seq: next_seq,
                occurred_on: input.occurred_on,
                kind: input.kind.clone(),
                note: note.clone(),
            };
            standing.check_next(&candidate, today)?;
            // Leaving goes through the checklist of 5.1: it is built when the exit starts, and
            // the exit completes only when every item of it is done.
            if input.kind == EventKind::ExitCompleted {
                if let Some(plan) = db.exit_plan()? {
                    if db.exit_items(plan.exit_seq)?.iter().any(|i| i.done_on.is_none()) {
                        return Err(club::marks::MarksError::NotAllDone.into());
                    }
                }
            }
            let seq = db.append_event(input.occurred_on, &input.kind, &note)?;
            if let EventKind::ExitStarted { .. } = input.kind {
                let deadline = input.occurred_on + chrono::Days::new(crate::marks::DEFAULT_EXIT_DAYS);
                let items = club::marks::checklist(&db.placements()?, &db.web_presence()?, &db.ad_materials()?);
                db.insert_exit_plan(seq, input.occurred_on, deadline, &items)?;
            }
            if let EventKind::ContractTerminated { contract } = input.kind {
                db.set_contract_state(contract, ContractState::Terminated)?;
            }
            Ok(())
        })?;
        self.overview()
    }

    /// Takes back an event recorded by mistake (the latest still in effect): a `Voided` entry
    /// dated today names it and says why; both stay in the history and the audit trail.
    pub fn void_event(&mut self, input: VoidEventDto) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Membership)?;
        let today = self.today();
        let reason = input.reason.trim().to_string();
        crate::limits::check(&[("reason", &reason, crate::limits::LIMITS.text)])?;
        self.store.write(|db| -> Result<(), ApiError> {
            let history = db.events()?;
            club::membership::check_void(&history, input.event, &reason)?;
            db.append_event(today, &EventKind::Voided { event: input.event, reason: reason.clone() }, &reason)?;
            Ok(())
        })?;
        self.overview()
    }
}

/// An event to take back, and why.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VoidEventDto {
    pub event: i64,
    pub reason: String,
}
