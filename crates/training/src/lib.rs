//! The cashiers' training on the club's payment rules (2.5.2, 6.11): lessons and scenario
//! questions as data, quizzes and their pass rule, the daily review by spaced repetition,
//! certificates with a verification code, and the roster. Pure: no database, no clock; the
//! caller passes today and a random source.

pub mod certificate;
pub mod code;
pub mod content;
pub mod quiz;
pub mod review;
pub mod roster;
pub mod words;

#[cfg(test)]
mod tests;

pub use content::{content, rules_version, Content, ContentError, Question, Rule};

#[derive(Debug, thiserror::Error)]
pub enum TrainingError {
    #[error("the PDF cannot be drawn: {0}")]
    Print(#[from] print::PrintError),
    #[error("the spreadsheet cannot be written: {0}")]
    Xlsx(String),
    #[error("the QR code cannot be drawn")]
    Qr,
}

/// `text` without the characters the PDF's fonts cannot draw (an emoji in a name would print
/// as an empty box).
pub fn printable(text: &str) -> String {
    let out: String = text.chars().filter(|c| print::undrawable(&c.to_string()).is_none()).collect();
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.is_empty() {
        "—".to_string()
    } else {
        out
    }
}
