//! The contracts a seller's participation rests on (1.3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The three contracts of clause 1.3 that bind a seller to the club.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    /// The platform services contract with JMart.
    PlatformServices,
    /// The banking services contract with Alatau City Bank.
    Bank,
    /// Accession to the platform's offer.
    Accession,
}

impl ContractKind {
    pub const ALL: [ContractKind; 3] = [ContractKind::PlatformServices, ContractKind::Bank, ContractKind::Accession];

    pub fn code(self) -> &'static str {
        match self {
            ContractKind::PlatformServices => "platform_services",
            ContractKind::Bank => "bank",
            ContractKind::Accession => "accession",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ContractState {
    Active,
    Suspended,
    Terminated,
}

impl ContractState {
    pub fn code(self) -> &'static str {
        match self {
            ContractState::Active => "active",
            ContractState::Suspended => "suspended",
            ContractState::Terminated => "terminated",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [ContractState::Active, ContractState::Suspended, ContractState::Terminated]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Contract {
    pub id: i64,
    pub kind: ContractKind,
    pub number: String,
    pub signed_on: NaiveDate,
    pub state: ContractState,
}
