//! The domain of Seller Desk: the Alatau City Club rules as types and pure functions.
//!
//! This crate must never do IO: no files, no SQLite, no clock, no Tauri. Everything it needs
//! (today's date, ids) is passed in, so every rule can be tested with plain values.
//!
//! ```
//! use club::{ident::TaxId, money::Tenge, Lang};
//! let bin = TaxId::parse("971240001315").unwrap();
//! assert!(bin.is_bin());
//! let sum = Tenge::parse("1234567.89").unwrap();
//! assert_eq!(sum.format(Lang::En), "₸1,234,567.89");
//! ```

pub mod acceptance;
pub mod bank;
pub mod calendar;
pub mod contracts;
pub mod fines;
pub mod ident;
pub mod marks;
pub mod membership;
pub mod money;
pub mod profile;
pub mod reminders;
pub mod rules;
pub mod statement;
pub mod status;

use serde::{Deserialize, Serialize};

/// The languages Seller Desk speaks. Kazakh first: it is the language of the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}
