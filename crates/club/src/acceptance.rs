//! Payment acceptance means the bank issues to the seller (2.4.2): POS terminals and QR codes,
//! per outlet. Without one, an outlet cannot take the bank's instruments that 2.5.4 obliges it to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MeansKind {
    PosTerminal,
    QrCode,
}

impl MeansKind {
    pub fn code(self) -> &'static str {
        match self {
            MeansKind::PosTerminal => "pos_terminal",
            MeansKind::QrCode => "qr_code",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "pos_terminal" => Some(Self::PosTerminal),
            "qr_code" => Some(Self::QrCode),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AcceptanceMeans {
    pub id: i64,
    pub outlet_id: i64,
    pub kind: MeansKind,
    /// The terminal id or the QR code's merchant id as the bank issued it.
    pub identifier: String,
    pub since: NaiveDate,
    pub disconnected_on: Option<NaiveDate>,
}

impl AcceptanceMeans {
    /// Active on `day`: connected by then and not yet disconnected.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.since <= day && self.disconnected_on.is_none_or(|d| d > day)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AcceptanceError {
    #[error("the identifier is empty")]
    EmptyIdentifier,
    #[error("this means is already disconnected")]
    AlreadyDisconnected,
    #[error("a means cannot be disconnected before it was connected")]
    BeforeConnected,
}

impl AcceptanceMeans {
    pub fn disconnect(&self, on: NaiveDate) -> Result<AcceptanceMeans, AcceptanceError> {
        if self.disconnected_on.is_some() {
            return Err(AcceptanceError::AlreadyDisconnected);
        }
        if on < self.since {
            return Err(AcceptanceError::BeforeConnected);
        }
        Ok(AcceptanceMeans { disconnected_on: Some(on), ..self.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn active_window() {
        let m = AcceptanceMeans {
            id: 1,
            outlet_id: 1,
            kind: MeansKind::PosTerminal,
            identifier: "T-1".into(),
            since: d("2026-01-10"),
            disconnected_on: None,
        };
        assert!(!m.is_active_on(d("2026-01-09")));
        assert!(m.is_active_on(d("2026-01-10")));
        let off = m.disconnect(d("2026-03-01")).unwrap();
        assert!(off.is_active_on(d("2026-02-28")));
        assert!(!off.is_active_on(d("2026-03-01")));
        assert_eq!(off.disconnect(d("2026-03-02")), Err(AcceptanceError::AlreadyDisconnected));
        assert_eq!(m.disconnect(d("2026-01-01")), Err(AcceptanceError::BeforeConnected));
    }
}
