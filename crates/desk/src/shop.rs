//! Creating the seller's shop: the onboarding form.

use club::membership::EventKind;
use club::profile::{self, Seller};

use crate::dto::{NewShopDto, OverviewDto, TaxIdAnswer, TaxIdCheckDto};
use crate::people::Role;
use crate::{ApiError, Desk, ErrorCode};

impl Desk {
    /// The as-you-type check, knowing whether test-keys mode is on: then NCA's test identifiers
    /// are taken too (the answer's `is_test` marks them).
    pub fn check_tax_id(&self, input: &TaxIdCheckDto) -> Result<TaxIdAnswer, ApiError> {
        let tax_id = profile::check_tax_id_with_test_keys(input.legal_form, &input.tax_id, self.test_mode()?)?;
        Ok(TaxIdAnswer { test_identifier: tax_id.is_test(), tax_id })
    }

    /// Records the seller, its first outlet and its joining of the club. Refused when a shop
    /// already exists; nothing is written when any field is wrong.
    pub fn create_shop(&mut self, input: NewShopDto) -> Result<OverviewDto, ApiError> {
        crate::limits::check(&[("seller's name", &input.name, crate::limits::LIMITS.name)])?;
        crate::limits::check_printable(&[("seller's name", &input.name)])?;
        crate::acceptance::check_outlet(&input.outlet)?;
        let owner_name = crate::people::check_name(&input.owner.name)?;
        let owner_pin = zeroize::Zeroizing::new(input.owner.pin);
        crate::people::check_pin(&owner_pin)?;
        let seller = Seller::with_test_keys(input.legal_form, &input.tax_id, &input.name, self.test_mode()?)?;
        let outlet = input.outlet.validated()?;
        let today = self.today();
        if input.joined_on > today {
            return Err(ApiError::new(ErrorCode::DateInFuture, "the joining date is in the future"));
        }
        if self.store.read().seller()?.is_some() {
            return Err(ApiError::new(ErrorCode::ShopExists, "this data folder already holds a shop"));
        }
        let hash = crate::people::hash_pin(&owner_pin)?;
        let owner = self.store.write(|db| -> Result<i64, ApiError> {
            if db.seller()?.is_some() {
                return Err(ApiError::new(ErrorCode::ShopExists, "this data folder already holds a shop"));
            }
            db.insert_seller(&seller, today)?;
            db.insert_outlet(&outlet.name, &outlet.city, &outlet.address)?;
            db.append_event(input.joined_on, &EventKind::Joined, "")?;
            Ok(db.insert_person(&owner_name, Role::Owner.code(), None, Some(&hash), &today.to_string())?)
        })?;
        // The owner who just chose the PIN is signed in.
        self.start_session(owner, true)?;
        self.overview()
    }

    pub fn has_shop(&self) -> Result<bool, ApiError> {
        Ok(self.store.read().seller()?.is_some())
    }
}
