//! How long each kind of typed text may be, in characters. Enforced here, before anything is
//! written, for every door (the window, the command line, an import); the window's fields take
//! the same numbers from the generated `textLimits.ts`, so that a field stops at its limit.
//!
//! The limits fit their use: a name prints on one line of a letter or a badge, a notice or
//! contract number is an identifier, a note is a paragraph.

use serde::Serialize;
use ts_rs::TS;

use crate::{ApiError, ErrorCode};

/// The limits as the window reads them (`ui/src/lib/ipc/bindings/textLimits.ts`).
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct Limits {
    /// A seller's, outlet's, bank's or payee's name.
    pub name: usize,
    pub city: usize,
    pub address: usize,
    /// A notice, contract, terminal or QR number; a payment reference.
    pub number: usize,
    /// Who did something: the person who placed an item or ticked a checklist item.
    pub person: usize,
    /// One line: where an item hangs, a document's title, a corrective step.
    pub line: usize,
    /// A paragraph: notes, the grounds of a dispute, a description.
    pub text: usize,
    pub url: usize,
}

pub const LIMITS: Limits =
    Limits { name: 200, city: 100, address: 300, number: 64, person: 120, line: 300, text: 4000, url: 500 };

/// Refuses the first field longer than its limit, naming it: `(field, value, limit)`.
pub(crate) fn check(fields: &[(&str, &str, usize)]) -> Result<(), ApiError> {
    for &(field, value, max) in fields {
        let len = value.trim().chars().count();
        if len > max {
            return Err(ApiError::new(
                ErrorCode::TextTooLong,
                format!("the {field} is {len} characters long; at most {max} are kept"),
            ));
        }
    }
    Ok(())
}

/// Refuses the first field, of those that go into a formal document (a letter, a statement, a
/// badge), holding a character the embedded fonts cannot draw: it would print as an empty box.
pub(crate) fn check_printable(fields: &[(&str, &str)]) -> Result<(), ApiError> {
    for &(field, value) in fields {
        if let Some(c) = print::undrawable(value) {
            return Err(ApiError::new(
                ErrorCode::TextCannotPrint,
                format!("the {field} holds {c:?} (U+{:04X}), which a printed document cannot show", u32::from(c)),
            ));
        }
    }
    Ok(())
}

/// The TypeScript module the window's fields read their `maxlength` from.
pub fn typescript() -> String {
    let l = LIMITS;
    format!(
        "// Generated from crates/desk/src/limits.rs by `cargo xtask codegen`; do not edit.\n\
         import type {{ Limits }} from './Limits';\n\n\
         export const LIMITS: Limits = {{\n  name: {},\n  city: {},\n  address: {},\n  number: {},\n  person: {},\n  line: {},\n  text: {},\n  url: {},\n}};\n",
        l.name, l.city, l.address, l.number, l.person, l.line, l.text, l.url
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes_and_names_the_field() {
        let kazakh = "ә".repeat(LIMITS.name);
        assert!(check(&[("seller's name", &kazakh, LIMITS.name)]).is_ok(), "400 bytes, 200 characters");
        let long = "ә".repeat(LIMITS.name + 1);
        let e = check(&[("outlet", "ok", LIMITS.name), ("seller's name", &long, LIMITS.name)]).unwrap_err();
        assert_eq!(e.code, ErrorCode::TextTooLong);
        assert!(e.message.contains("seller's name") && e.message.contains("201"), "{}", e.message);
        // Spaces around the text are trimmed before it is kept, so they do not count.
        let padded = format!("  {}  ", "a".repeat(LIMITS.number));
        assert!(check(&[("notice", &padded, LIMITS.number)]).is_ok());
    }

    #[test]
    fn an_emoji_in_a_formal_field_is_refused_by_name() {
        assert!(check_printable(&[("grounds", "Уведомление №5 от 01.02.2026: «касса» — 1 234,56 ₸")]).is_ok());
        let e = check_printable(&[("seller's name", "Dala"), ("grounds", "мы не виноваты 🙏")]).unwrap_err();
        assert_eq!(e.code, ErrorCode::TextCannotPrint);
        assert!(e.message.contains("grounds") && e.message.contains("U+1F64F"), "{}", e.message);
    }
}
