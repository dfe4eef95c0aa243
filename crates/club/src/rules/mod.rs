//! The club's rules: the version shipped (`rules/club-rules.kk.txt`, see `rules/SOURCE.md`) and
//! any published text, as a tree of numbered clauses (`parse`), compared clause by clause and
//! word by word (`diff`), with what the app reads from them (the notice days of 4.4). A
//! clause's text by its number is the help the window shows where it cites one.

pub mod diff;
pub mod parse;
#[cfg(test)]
mod tests;
pub mod text;

pub use diff::{diff, ChangeKind, ClauseChange, Word, WordKind};
pub use parse::{parse, Clause, Gap, Item, ParseError, Rules};

/// The published Kazakh text.
pub const RULES_KK: &str = include_str!("../../rules/club-rules.kk.txt");

/// Every clause Seller Desk cites in its window, letters and reports.
pub const CITED: [&str; 25] = [
    "1.3", "2.3.4", "2.4.2", "2.5.1", "2.5.2", "2.5.4", "2.6.1", "2.6.2", "2.6.3", "2.6.4", "2.6.5", "4.1", "4.2",
    "4.3", "4.4", "5.1", "5.3", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.8", "6.11",
];

/// The shipped text as clauses, parsed once.
pub fn shipped() -> &'static Rules {
    static SHIPPED: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| parse(RULES_KK).expect("the shipped rules parse (a test keeps them so)"))
}

/// The text of clause `number` of the shipped rules (its number included, lines joined, spaces
/// collapsed), or `None` when the rules have no such clause.
pub fn clause_text(number: &str) -> Option<String> {
    shipped().clause(number).map(Clause::full_text)
}

/// The calendar days of notice clause 4.4 of `rules` gives before the club stops: the first
/// number in the clause (`күнтізбелік 10 (он) күн бұрын`); `None` when the clause is missing
/// or names no number.
pub fn notice_days(rules: &Rules) -> Option<u32> {
    let clause = rules.clause(NOTICE_CLAUSE)?;
    clause
        .text
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty() && w.len() <= 3)
        .and_then(|w| w.parse().ok())
}

/// The clause whose notice period the status page counts.
pub const NOTICE_CLAUSE: &str = "4.4";

#[cfg(test)]
mod shipped_tests {
    use super::*;

    #[test]
    fn every_cited_clause_is_in_the_shipped_rules_with_its_own_words() {
        for number in CITED {
            let text = clause_text(number).unwrap_or_else(|| panic!("{number} is not in the rules"));
            assert!(text.starts_with(&format!("{number}. ")), "{number}: {text}");
            assert!(text.chars().count() > 30, "{number}: {text}");
        }
        let refusal = clause_text("2.5.4").unwrap();
        assert!(refusal.contains("төлеуге қабылдауға міндетті"), "{refusal}");
        assert!(refusal.contains("POS терминал не QR код болмаған"), "{refusal}");
        assert!(refusal.ends_with("жол берілмейді;"), "lines joined up to the next clause: {refusal}");
        let notice = clause_text("4.4").unwrap();
        assert!(notice.contains("күнтізбелік 10 (он) күн бұрын"), "{notice}");
        // 6.6's lettered measures stay inside it; 6.7 does not leak in.
        let measures = clause_text("6.6").unwrap();
        assert!(measures.contains("Сайттан ажырату") && measures.contains("QR кодты ажырату"), "{measures}");
        assert!(!measures.contains("6.7"), "{measures}");
        assert_eq!(clause_text("9.9"), None);
        assert_eq!(clause_text("2.5.44"), None);
    }

    #[test]
    fn a_clause_starts_only_where_a_number_and_a_dot_begin_a_line() {
        let number = |l| parse::clause_start(l).map(|(n, _)| n);
        assert_eq!(number("2.5.4. егер Клиент"), Some("2.5.4"));
        assert_eq!(number("6. Жауапкершілік "), Some("6"));
        assert_eq!(number("2.5.4."), Some("2.5.4"));
        assert_eq!(number("10 (он) күн бұрын"), None);
        assert_eq!(number("6.6-тармағында"), None);
        assert_eq!(number("1..2. x"), None);
        assert_eq!(number("2026. жылғы"), None);
        assert_eq!(number(""), None);
    }
}
