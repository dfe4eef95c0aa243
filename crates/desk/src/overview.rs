//! Reading the shop and deriving its status.

use chrono::NaiveDate;
use club::acceptance::AcceptanceMeans;
use club::contracts::Contract;
use club::marks::Placement;
use club::membership::MembershipEvent;
use club::profile::Outlet;
use club::status::{self, NextAction, OutletRef, Status, StatusInput};

use crate::dto::{OutletDto, OverviewDto, StatusReport};
use crate::{ApiError, Desk, ErrorCode};

/// What the status is derived from, read in one go.
struct Facts {
    outlets: Vec<Outlet>,
    means: Vec<AcceptanceMeans>,
    contracts: Vec<Contract>,
    history: Vec<MembershipEvent>,
    placements: Vec<Placement>,
    exit_deadline: Option<NaiveDate>,
    /// What the fines ask for: to pay, to follow a dispute, to retrain, the 6.4 warning.
    fine_actions: Vec<NextAction>,
    /// The notice days of 4.4 by the version of the rules in force.
    notice_periods: Vec<(NaiveDate, u32)>,
}

/// How many fines of each kind (overdue, due within the week, disputed) the next steps name one
/// by one; past that, one step says how many more there are.
const FINES_NAMED: u32 = 10;

fn fine_actions(db: &store::Db<'_>, today: NaiveDate) -> Result<Vec<NextAction>, ApiError> {
    let mut actions = Vec::new();
    let yesterday = today.pred_opt().unwrap_or(today);
    let soon = today.checked_add_days(chrono::Days::new(crate::fines::DUE_SOON_DAYS)).unwrap_or(today);
    let overdue = db.owed_fines_due(None, yesterday, FINES_NAMED + 1)?;
    let due_soon = db.owed_fines_due(Some(today), soon, FINES_NAMED + 1)?;
    let mut more = 0;
    for (list, overdue) in [(overdue, true), (due_soon, false)] {
        more += list.len().saturating_sub(FINES_NAMED as usize);
        for (fine_id, notice_number, due, balance) in list.into_iter().take(FINES_NAMED as usize) {
            actions.push(if overdue {
                NextAction::PayOverdueFine { fine_id, notice_number, due, balance }
            } else {
                NextAction::PayFineSoon { fine_id, notice_number, due, balance }
            });
        }
    }
    if more > 0 {
        let overdue = db.fine_totals(
            &store::fines::FineFilter { state: store::fines::StateFilter::Overdue, ..Default::default() },
            today,
        )?;
        let soon_total = db.due_between(today, soon)?;
        let named = actions.len() as i64;
        let count = (overdue.count + soon_total.count - named).max(0);
        actions.push(NextAction::MoreFines { count: u32::try_from(count).unwrap_or(u32::MAX) });
    }
    for (fine_id, notice_number) in db.disputed_fines(FINES_NAMED)? {
        let events: Vec<_> = db.fine_events(fine_id)?.into_iter().map(|e| e.event).collect();
        let Some(row) = db.fine(fine_id)? else { continue };
        if let Ok(view) = row.fine.view(&events, today) {
            if let Some(deadline) = view.dispute_deadline {
                actions.push(NextAction::AwaitDisputeAnswer { fine_id, notice_number, deadline });
            }
        }
    }
    let outlets = db.outlets()?;
    for action in db.corrective_actions()?.into_iter().filter(|a| a.done_on.is_none()) {
        let outlet_name = outlets.iter().find(|o| o.id == action.outlet_id).map(|o| o.name.clone()).unwrap_or_default();
        actions.push(NextAction::CompleteCorrectiveAction {
            action_id: action.id,
            outlet_name,
            since: action.opened_on,
        });
    }
    if let Some(w) = crate::fines::refusal_warning_in(db, today)? {
        actions.push(NextAction::RepeatedRefusals { count: w.count, last: w.last });
    }
    Ok(actions)
}

impl Facts {
    fn read(db: &store::Db<'_>, today: NaiveDate) -> Result<Facts, ApiError> {
        Ok(Facts {
            outlets: db.outlets()?,
            means: db.means()?,
            contracts: db.contracts()?,
            history: db.events()?,
            placements: db.placements()?,
            exit_deadline: db.exit_plan()?.map(|p| p.deadline),
            notice_periods: crate::rules::notice_periods(db)?,
            fine_actions: {
                let mut a = fine_actions(db, today)?;
                a.extend(crate::training::training_actions(db, today)?);
                a.extend(crate::rules::rules_actions(db, today)?);
                a
            },
        })
    }

    fn status(&self, today: NaiveDate) -> Result<Status, ApiError> {
        let refs: Vec<OutletRef> = self.outlets.iter().map(|o| OutletRef { id: o.id, name: o.name.clone() }).collect();
        let ids: Vec<i64> = self.outlets.iter().map(|o| o.id).collect();
        let unmarked = club::marks::outlets_without_marks(&ids, &self.placements);
        let mut status = status::derive(&StatusInput {
            events: &self.history,
            outlets: &refs,
            means: &self.means,
            contracts: &self.contracts,
            unmarked_outlets: &unmarked,
            exit_deadline: self.exit_deadline,
            notice_periods: &self.notice_periods,
            today,
        })
        .map_err(broken_history)?;
        status.next_actions.extend(self.fine_actions.iter().cloned());
        status::order_next_actions(&mut status.next_actions, today);
        Ok(status)
    }
}

impl Desk {
    /// The status page's next steps as of today (for the reminders).
    pub(crate) fn next_actions(&self) -> Result<Vec<club::status::NextAction>, ApiError> {
        let db = self.store.read();
        let today = self.today();
        Ok(Facts::read(&db, today)?.status(today)?.next_actions)
    }

    pub fn overview(&self) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Status)?;
        let db = self.store.read();
        let seller =
            db.seller()?.ok_or_else(|| ApiError::new(ErrorCode::ShopMissing, "no shop has been created yet"))?;
        let today = self.today();
        let facts = Facts::read(&db, today)?;
        let status = facts.status(today)?;
        let Facts { outlets, means, contracts, history, placements, .. } = facts;
        let outlets = outlets
            .into_iter()
            .map(|outlet| {
                let means = means.iter().filter(|m| m.outlet_id == outlet.id).cloned().collect();
                OutletDto { outlet, means }
            })
            .collect();
        let web_presence = db.web_presence()?;
        let fines = self.fines_summary()?;
        let test_identifier = seller.tax_id.is_test();
        let ad_materials = db.ad_materials()?;
        let exit = self.exit_checklist_in(&db)?;
        Ok(OverviewDto {
            today,
            seller,
            test_identifier,
            outlets,
            contracts,
            web_presence,
            placements,
            ad_materials,
            exit,
            history,
            status,
            fines,
        })
    }

    /// The derived status, also when no shop exists yet (then: not joined).
    pub fn status_report(&self) -> Result<StatusReport, ApiError> {
        self.need(crate::people::Need::Status)?;
        let db = self.store.read();
        let today = self.today();
        let status = Facts::read(&db, today)?.status(today)?;
        let seller = db.seller()?;
        let test_identifier = seller.as_ref().is_some_and(|s| s.tax_id.is_test());
        Ok(StatusReport { today, seller, test_identifier, status })
    }
}

fn broken_history((seq, e): (i64, club::membership::TransitionError)) -> ApiError {
    ApiError::new(
        ErrorCode::HistoryBroken,
        format!("the membership history was changed outside Seller Desk: event {seq} does not fit ({e})"),
    )
}
