//! Reading the shop and deriving its status.

use chrono::NaiveDate;
use club::acceptance::AcceptanceMeans;
use club::contracts::Contract;
use club::marks::Placement;
use club::membership::MembershipEvent;
use club::profile::Outlet;
use club::status::{self, OutletRef, Status, StatusInput};

use crate::dto::{OutletDto, OverviewDto, StatusReport};
use crate::{ApiError, Desk, ErrorCode};

/// What the status is derived from, read in one go.
struct Facts {
    outlets: Vec<Outlet>,
    means: Vec<AcceptanceMeans>,
    contracts: Vec<Contract>,
    history: Vec<MembershipEvent>,
    placements: Vec<Placement>,
}

impl Facts {
    fn read(db: &store::Db<'_>) -> Result<Facts, ApiError> {
        Ok(Facts {
            outlets: db.outlets()?,
            means: db.means()?,
            contracts: db.contracts()?,
            history: db.events()?,
            placements: db.placements()?,
        })
    }

    fn status(&self, today: NaiveDate) -> Result<Status, ApiError> {
        let refs: Vec<OutletRef> = self.outlets.iter().map(|o| OutletRef { id: o.id, name: o.name.clone() }).collect();
        let ids: Vec<i64> = self.outlets.iter().map(|o| o.id).collect();
        let unmarked = club::marks::outlets_without_marks(&ids, &self.placements);
        status::derive(&StatusInput {
            events: &self.history,
            outlets: &refs,
            means: &self.means,
            contracts: &self.contracts,
            unmarked_outlets: &unmarked,
            today,
        })
        .map_err(broken_history)
    }
}

impl Desk {
    pub fn overview(&self) -> Result<OverviewDto, ApiError> {
        let db = self.store.read();
        let seller =
            db.seller()?.ok_or_else(|| ApiError::new(ErrorCode::ShopMissing, "no shop has been created yet"))?;
        let today = self.today();
        let facts = Facts::read(&db)?;
        let status = facts.status(today)?;
        let Facts { outlets, means, contracts, history, placements } = facts;
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
        let db = self.store.read();
        let today = self.today();
        let status = Facts::read(&db)?.status(today)?;
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
