//! Values that cross IPC and the command line. Their TypeScript declarations are generated
//! (`cargo xtask codegen`) into `ui/src/lib/ipc/bindings/`.

use chrono::NaiveDate;
use club::acceptance::{AcceptanceMeans, MeansKind};
use club::contracts::{Contract, ContractKind, ContractState};
use club::membership::{EventKind, MembershipEvent};
use club::profile::{LegalForm, Outlet, OutletDraft, Seller, WebPresence};
use club::status::Status;
use club::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the window needs before it paints anything.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StartupDto {
    pub language: Lang,
    pub has_shop: bool,
    /// Whether the shop has people (a data folder from before people has none: the owner is
    /// set first).
    pub has_people: bool,
    /// The person signed in, when the window is reloaded.
    pub session: Option<crate::people::SessionDto>,
    /// The folder holding the seller's database, shown in the footer.
    pub data_dir: String,
    /// How the database's key is kept (the OS keyring, or a passphrase asked at each start).
    pub custody: crate::vault::Custody,
    /// The names for the sign-in screen when it comes first (people, nobody signed in): sent
    /// with the start so that the first screen needs no second call. Empty otherwise.
    pub sign_in_choices: Vec<crate::people::SignInChoiceDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OutletDto {
    pub outlet: Outlet,
    pub means: Vec<AcceptanceMeans>,
}

/// Everything the status page shows.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OverviewDto {
    pub today: NaiveDate,
    pub seller: Seller,
    /// The seller's IIN/BIN is one of NCA's test identifiers (test-keys mode): test data.
    pub test_identifier: bool,
    pub outlets: Vec<OutletDto>,
    pub contracts: Vec<Contract>,
    pub web_presence: Vec<WebPresence>,
    /// The placement register: where the club's marks are (2.5.1).
    pub placements: Vec<club::marks::Placement>,
    pub ad_materials: Vec<club::marks::AdMaterial>,
    /// The exit checklist of 5.1 while leaving (and after).
    pub exit: Option<crate::marks::ExitChecklistDto>,
    /// The membership history, oldest first.
    pub history: Vec<MembershipEvent>,
    pub status: Status,
    /// Open, overdue and soon-due fines, the repeat-refusal warning and open corrective actions.
    pub fines: crate::fines::FinesSummaryDto,
}

/// What `seller-desk status --json` prints.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StatusReport {
    pub today: NaiveDate,
    pub seller: Option<Seller>,
    /// The seller's IIN/BIN is one of NCA's test identifiers: test data.
    pub test_identifier: bool,
    pub status: Status,
}

/// The onboarding form.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewShopDto {
    pub legal_form: LegalForm,
    pub tax_id: String,
    pub name: String,
    pub outlet: OutletDraft,
    /// The day the seller joined the club (concluded the contracts of 1.3).
    pub joined_on: NaiveDate,
    /// The shop's first person: the owner, with a PIN.
    pub owner: crate::people::NewOwnerDto,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewEventDto {
    pub occurred_on: NaiveDate,
    pub kind: EventKind,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewMeansDto {
    pub outlet_id: i64,
    pub kind: MeansKind,
    pub identifier: String,
    pub since: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DisconnectMeansDto {
    pub means_id: i64,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewContractDto {
    pub kind: ContractKind,
    pub number: String,
    pub signed_on: NaiveDate,
    pub state: ContractState,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TaxIdCheckDto {
    pub legal_form: LegalForm,
    pub tax_id: String,
}

/// The answer of the as-you-type check: the number, and whether it is one of NCA's test
/// identifiers (taken only in test-keys mode; test data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxIdAnswer {
    pub tax_id: club::ident::TaxId,
    pub test_identifier: bool,
}
