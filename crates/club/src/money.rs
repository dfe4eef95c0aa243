//! Tenge amounts, exact to the tiyn, and their formatting in kk, ru and en.
//!
//! Money is a `rust_decimal::Decimal` with exactly two places; floating point never appears.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::Lang;

/// The group separator and the space before the ₸ sign in kk and ru: a no-break space, so that
/// an amount never wraps across two lines in a table or a printed letter.
pub const NBSP: char = '\u{a0}';

/// An amount of tenge with exactly two decimal places (tiyn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
#[serde(try_from = "String", into = "String")]
pub struct Tenge(Decimal);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("the amount is empty")]
    Empty,
    #[error("the amount is not a number")]
    NotANumber,
    #[error("the amount has more than two decimal places (tiyn)")]
    TooPrecise,
    #[error("the amount is larger than Seller Desk keeps (at most 9 999 999 999.99 tenge)")]
    TooLarge,
}

impl Tenge {
    pub const ZERO: Tenge = Tenge(Decimal::ZERO);

    /// The largest amount a person may type: just under ten billion tenge. Far above any fine
    /// or payment, and low enough that a million of them still add up inside SQL's 64-bit tiyn.
    pub const MAX_TYPED: Tenge = Tenge(Decimal::from_parts(3_567_587_327, 232, 0, false, 2));

    /// Takes an exact decimal; more than two decimal places is an error, never a silent rounding.
    pub fn new(value: Decimal) -> Result<Tenge, MoneyError> {
        let normal = value.normalize();
        if normal.scale() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        let mut v = value;
        v.rescale(2);
        Ok(Tenge(v))
    }

    /// Amount in whole tiyn (1/100 of a tenge).
    pub fn from_tiyn(tiyn: i64) -> Tenge {
        Tenge(Decimal::new(tiyn, 2))
    }

    /// Reads an amount as a person types it: `1234.56`, `1 234,56`, `1234`, `-5,5`.
    pub fn parse(text: &str) -> Result<Tenge, MoneyError> {
        let cleaned: String = text
            .trim()
            .trim_end_matches('₸')
            .trim_start_matches('₸')
            .chars()
            .filter(|c| !c.is_whitespace() && *c != NBSP && *c != '\u{202f}')
            .collect();
        if cleaned.is_empty() {
            return Err(MoneyError::Empty);
        }
        let cleaned = decimal_point(&cleaned)?;
        let ok = cleaned.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && c == '-'));
        if !ok || cleaned.matches('.').count() > 1 {
            return Err(MoneyError::NotANumber);
        }
        let digits = cleaned.trim_start_matches('-').split('.').next().unwrap_or("").trim_start_matches('0');
        if digits.len() > 10 {
            return Err(MoneyError::TooLarge);
        }
        let value = Decimal::from_str(&cleaned).map_err(|_| MoneyError::NotANumber)?;
        let amount = Tenge::new(value)?;
        if amount.0.abs() > Tenge::MAX_TYPED.0 {
            return Err(MoneyError::TooLarge);
        }
        Ok(amount)
    }

    /// The amount in whole tiyn, for storage and sums in SQL; `None` past ±9.2·10^16 tiyn.
    pub fn to_tiyn(self) -> Option<i64> {
        use rust_decimal::prelude::ToPrimitive;
        (self.0 * Decimal::ONE_HUNDRED).to_i64()
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn checked_add(self, other: Tenge) -> Option<Tenge> {
        self.0.checked_add(other.0).map(Tenge)
    }

    pub fn checked_sub(self, other: Tenge) -> Option<Tenge> {
        self.0.checked_sub(other.0).map(Tenge)
    }

    /// `1 234 567,89 ₸` in kk and ru (no-break spaces), `₸1,234,567.89` in en.
    pub fn format(self, lang: Lang) -> String {
        let v = self.0.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let negative = v.is_sign_negative() && !v.is_zero();
        let text = v.abs().to_string();
        let (int_part, frac_part) = match text.split_once('.') {
            Some((i, f)) => (i.to_string(), format!("{f:0<2}")),
            None => (text.clone(), "00".to_string()),
        };
        let (group, decimal) = match lang {
            Lang::Kk | Lang::Ru => (NBSP, ','),
            Lang::En => (',', '.'),
        };
        let mut grouped = String::new();
        for (i, c) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let sign = if negative { "-" } else { "" };
        match lang {
            Lang::Kk | Lang::Ru => format!("{sign}{grouped}{decimal}{frac_part}{NBSP}₸"),
            Lang::En => format!("{sign}₸{grouped}{decimal}{frac_part}"),
        }
    }
}

/// One decimal point and no group separators: `1,234.56` (as the English screen writes it) and
/// `1.234,56` become `1234.56`; `1 234,56` has lost its spaces already and becomes `1234.56`.
/// A separator that is neither the last one nor between groups of three digits is refused, so
/// `1,23,4` is not read as a number.
fn decimal_point(text: &str) -> Result<String, MoneyError> {
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let group = match (commas, dots) {
        (0, 0 | 1) | (1, 0) => None,
        (_, 0) => Some(','),
        (0, _) => Some('.'),
        _ if body.rfind('.') > body.rfind(',') => Some(','),
        _ => Some('.'),
    };
    let Some(group) = group else {
        return Ok(format!("{sign}{}", body.replace(',', ".")));
    };
    let decimal = if group == ',' { '.' } else { ',' };
    let (int_part, frac) = match body.rsplit_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut groups = int_part.split(group);
    let first = groups.next().unwrap_or("");
    let well_grouped = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
    if !well_grouped || frac.is_some_and(|f| f.contains(group)) {
        return Err(MoneyError::NotANumber);
    }
    let int_part = int_part.replace(group, "");
    Ok(match frac {
        Some(f) => format!("{sign}{int_part}.{f}"),
        None => format!("{sign}{int_part}"),
    })
}

impl fmt::Display for Tenge {
    /// The plain machine form, `1234.56`, used in files and JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl TryFrom<String> for Tenge {
    type Error = MoneyError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Tenge::parse(&value)
    }
}

impl From<Tenge> for String {
    fn from(value: Tenge) -> String {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        s.replace(NBSP, " ")
    }

    #[test]
    fn formats_per_locale() {
        let cases = [
            ("1234567.89", Lang::Kk, "1 234 567,89 ₸"),
            ("1234567.89", Lang::Ru, "1 234 567,89 ₸"),
            ("1234567.89", Lang::En, "₸1,234,567.89"),
            ("0", Lang::Kk, "0,00 ₸"),
            ("0.5", Lang::En, "₸0.50"),
            ("999", Lang::Ru, "999,00 ₸"),
            ("1000", Lang::Ru, "1 000,00 ₸"),
            ("100000", Lang::En, "₸100,000.00"),
            ("-2500.1", Lang::Kk, "-2 500,10 ₸"),
            ("-2500.1", Lang::En, "-₸2,500.10"),
        ];
        for (input, lang, expect) in cases {
            let t = Tenge::parse(input).unwrap();
            assert_eq!(plain(&t.format(lang)), expect, "{input} in {lang:?}");
        }
    }

    #[test]
    fn kk_and_ru_use_no_break_spaces() {
        let t = Tenge::parse("1234").unwrap();
        assert_eq!(t.format(Lang::Kk), "1\u{a0}234,00\u{a0}₸");
    }

    #[test]
    fn parses_what_people_type() {
        let cases: [(&str, Result<&str, MoneyError>); 24] = [
            ("1234.56", Ok("1234.56")),
            ("1 234,56", Ok("1234.56")),
            ("1\u{a0}234,5", Ok("1234.50")),
            ("5000 ₸", Ok("5000.00")),
            ("-7", Ok("-7.00")),
            ("", Err(MoneyError::Empty)),
            ("12,345,6", Err(MoneyError::NotANumber)),
            ("abc", Err(MoneyError::NotANumber)),
            ("1e5", Err(MoneyError::NotANumber)),
            ("0.001", Err(MoneyError::TooPrecise)),
            ("1,234.56", Ok("1234.56")),
            ("₸1,234,567.89", Ok("1234567.89")),
            ("1.234,56", Ok("1234.56")),
            ("1,234,567", Ok("1234567.00")),
            ("1.234.567", Ok("1234567.00")),
            ("1.23.4", Err(MoneyError::NotANumber)),
            ("1,23,456.00", Err(MoneyError::NotANumber)),
            ("1,234.5,6", Err(MoneyError::NotANumber)),
            ("9999999999.99", Ok("9999999999.99")),
            ("-9999999999.99", Ok("-9999999999.99")),
            ("10000000000", Err(MoneyError::TooLarge)),
            ("99999999999999999", Err(MoneyError::TooLarge)),
            ("000000000001", Ok("1.00")),
            ("-", Err(MoneyError::NotANumber)),
        ];
        for (input, expect) in cases {
            let got = Tenge::parse(input).map(|t| t.to_string());
            assert_eq!(got, expect.map(str::to_string), "input {input:?}");
        }
    }

    #[test]
    fn arithmetic_is_exact() {
        // 0.1 + 0.2 is the classic floating-point failure; here it is exactly 0.30.
        let a = Tenge::parse("0.10").unwrap();
        let b = Tenge::parse("0.20").unwrap();
        assert_eq!(a.checked_add(b).unwrap(), Tenge::parse("0.3").unwrap());
        assert_eq!(Tenge::from_tiyn(123456).to_string(), "1234.56");
        assert_eq!(Tenge::parse("1234.56").unwrap().to_tiyn(), Some(123456));
        assert_eq!(Tenge::parse("-0.01").unwrap().to_tiyn(), Some(-1));
    }

    #[test]
    fn serde_round_trip_is_a_string() {
        let t = Tenge::parse("1500.5").unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"1500.50\"");
        assert_eq!(serde_json::from_str::<Tenge>(&json).unwrap(), t);
        assert!(serde_json::from_str::<Tenge>("\"1.001\"").is_err());
    }
}
