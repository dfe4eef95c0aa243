//! Reading the shop and deriving its status.

use club::status::{self, OutletRef, StatusInput};

use crate::dto::{OutletDto, OverviewDto, StatusReport};
use crate::{ApiError, Desk, ErrorCode};

impl Desk {
    pub fn overview(&self) -> Result<OverviewDto, ApiError> {
        let db = self.store.read();
        let seller =
            db.seller()?.ok_or_else(|| ApiError::new(ErrorCode::ShopMissing, "no shop has been created yet"))?;
        let outlets = db.outlets()?;
        let means = db.means()?;
        let contracts = db.contracts()?;
        let history = db.events()?;
        let today = self.today();
        let refs: Vec<OutletRef> = outlets.iter().map(|o| OutletRef { id: o.id, name: o.name.clone() }).collect();
        let status = status::derive(&StatusInput {
            events: &history,
            outlets: &refs,
            means: &means,
            contracts: &contracts,
            today,
        })
        .map_err(broken_history)?;
        let outlets = outlets
            .into_iter()
            .map(|outlet| {
                let means = means.iter().filter(|m| m.outlet_id == outlet.id).cloned().collect();
                OutletDto { outlet, means }
            })
            .collect();
        let web_presence = db.web_presence()?;
        let fines = self.fines_summary()?;
        Ok(OverviewDto { today, seller, outlets, contracts, web_presence, history, status, fines })
    }

    /// The derived status, also when no shop exists yet (then: not joined).
    pub fn status_report(&self) -> Result<StatusReport, ApiError> {
        let db = self.store.read();
        let outlets = db.outlets()?;
        let refs: Vec<OutletRef> = outlets.iter().map(|o| OutletRef { id: o.id, name: o.name.clone() }).collect();
        let (means, contracts, history) = (db.means()?, db.contracts()?, db.events()?);
        let today = self.today();
        let status = status::derive(&StatusInput {
            events: &history,
            outlets: &refs,
            means: &means,
            contracts: &contracts,
            today,
        })
        .map_err(broken_history)?;
        Ok(StatusReport { today, seller: db.seller()?, status })
    }
}

fn broken_history((seq, e): (i64, club::membership::TransitionError)) -> ApiError {
    ApiError::new(
        ErrorCode::HistoryBroken,
        format!("the membership history was changed outside Seller Desk: event {seq} does not fit ({e})"),
    )
}
