//! POS terminals and QR codes per outlet (2.4.2), and contracts (1.3).

use club::acceptance::AcceptanceError;
use store::{NewMeans, StoreError};

use crate::dto::{DisconnectMeansDto, NewContractDto, NewMeansDto, OverviewDto};
use crate::limits::LIMITS;
use crate::{ApiError, Desk, ErrorCode};

/// An outlet's name, city and address within their limits.
/// They are printed in letters, the exit statement and on the club's items.
pub(crate) fn check_outlet(draft: &club::profile::OutletDraft) -> Result<(), ApiError> {
    crate::limits::check(&[
        ("outlet's name", &draft.name, LIMITS.name),
        ("outlet's city", &draft.city, LIMITS.city),
        ("outlet's address", &draft.address, LIMITS.address),
    ])?;
    crate::limits::check_printable(&[
        ("outlet's name", &draft.name),
        ("outlet's city", &draft.city),
        ("outlet's address", &draft.address),
    ])
}

impl Desk {
    pub fn add_means(&mut self, input: NewMeansDto) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        let identifier = input.identifier.trim();
        crate::limits::check(&[("terminal or QR number", identifier, LIMITS.number)])?;
        if identifier.is_empty() {
            return Err(AcceptanceError::EmptyIdentifier.into());
        }
        if input.since > self.today() {
            return Err(ApiError::new(ErrorCode::DateInFuture, "the connection date is in the future"));
        }
        self.store.write(|db| -> Result<(), ApiError> {
            if !db.outlets()?.iter().any(|o| o.id == input.outlet_id) {
                return Err(ApiError::new(ErrorCode::OutletNotFound, "no such outlet"));
            }
            if db.means()?.iter().any(|m| m.kind == input.kind && m.identifier == identifier) {
                return Err(ApiError::new(ErrorCode::MeansDuplicate, "this terminal or QR code is already recorded"));
            }
            db.insert_means(&NewMeans {
                outlet_id: input.outlet_id,
                kind: input.kind,
                identifier,
                since: input.since,
            })?;
            Ok(())
        })?;
        self.overview()
    }

    /// Marks a POS terminal or QR code disconnected from `on`.
    pub fn disconnect_means(&mut self, input: DisconnectMeansDto) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        if input.on > self.today() {
            return Err(ApiError::new(ErrorCode::DateInFuture, "the disconnection date is in the future"));
        }
        self.store.write(|db| -> Result<(), ApiError> {
            let means = db.means()?;
            let current = means
                .iter()
                .find(|m| m.id == input.means_id)
                .ok_or_else(|| ApiError::new(ErrorCode::MeansNotFound, "no such terminal or QR code"))?;
            let changed = current.disconnect(input.on)?;
            if let Some(on) = changed.disconnected_on {
                db.set_means_disconnected(changed.id, on).map_err(|e| match e {
                    StoreError::NotFound(_) => ApiError::new(ErrorCode::MeansNotFound, "no such terminal or QR code"),
                    other => other.into(),
                })?;
            }
            Ok(())
        })?;
        self.overview()
    }

    /// Adds an outlet (2.5.1: the club's marks and acceptance means go there too).
    pub fn add_outlet(&mut self, input: club::profile::OutletDraft) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        check_outlet(&input)?;
        let outlet = input.validated()?;
        self.store.write(|db| -> Result<(), ApiError> {
            if db.seller()?.is_none() {
                return Err(ApiError::new(ErrorCode::ShopMissing, "no shop has been created yet"));
            }
            db.insert_outlet(&outlet.name, &outlet.city, &outlet.address)?;
            Ok(())
        })?;
        self.overview()
    }

    pub fn add_contract(&mut self, input: NewContractDto) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        let number = input.number.trim();
        crate::limits::check(&[("contract number", number, LIMITS.number)])?;
        if number.is_empty() {
            return Err(ApiError::new(ErrorCode::ContractNumberEmpty, "the contract number is empty"));
        }
        if input.signed_on > self.today() {
            return Err(ApiError::new(ErrorCode::DateInFuture, "the contract date is in the future"));
        }
        self.store.write(|db| db.insert_contract(input.kind, number, input.signed_on, input.state))?;
        self.overview()
    }
}
