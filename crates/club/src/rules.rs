//! The club's rules as shipped (`rules/club-rules.kk.txt`, see `rules/SOURCE.md`): the text of
//! a clause by its number, for the help the window shows where it cites one.
//!
//! A clause starts at a line that begins with its number and a dot (`2.5.4. егер Клиент…`,
//! `6. Жауапкершілік`) and runs to the next such line; its lines, wrapped mid-sentence in the
//! published text, are joined.

/// The published Kazakh text.
pub const RULES_KK: &str = include_str!("../rules/club-rules.kk.txt");

/// Every clause Seller Desk cites in its window, letters and reports.
pub const CITED: [&str; 21] = [
    "1.3", "2.4.2", "2.5.1", "2.5.2", "2.5.4", "2.6.1", "2.6.2", "2.6.3", "2.6.4", "2.6.5", "4.4", "5.1", "5.3", "6.1",
    "6.2", "6.3", "6.4", "6.5", "6.6", "6.8", "6.11",
];

/// The number a line starts a clause with: `2.5.4` of `2.5.4. егер…`, `6` of `6. Жауап…`.
fn clause_number(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let end = line.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let head = &line[..end];
    let rest = &line[end..];
    let number = head.strip_suffix('.')?;
    let well_formed = !number.is_empty() && number.split('.').all(|p| !p.is_empty());
    (well_formed && rest.starts_with(char::is_whitespace)).then_some(number)
}

/// The text of clause `number` (its number included, lines joined, spaces collapsed), or
/// `None` when the rules have no such clause.
pub fn clause_text(number: &str) -> Option<String> {
    let mut text: Option<Vec<&str>> = None;
    for line in RULES_KK.lines() {
        match (clause_number(line), &mut text) {
            (Some(n), None) if n == number => text = Some(vec![line]),
            (Some(_), Some(_)) => break,
            (None, Some(lines)) => lines.push(line),
            _ => {}
        }
    }
    let joined = text?.join(" ");
    Some(joined.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
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
        assert_eq!(clause_number("2.5.4. егер Клиент"), Some("2.5.4"));
        assert_eq!(clause_number("6. Жауапкершілік "), Some("6"));
        assert_eq!(clause_number("10 (он) күн бұрын"), None);
        assert_eq!(clause_number("6.6-тармағында"), None);
        assert_eq!(clause_number("1..2. x"), None);
        assert_eq!(clause_number(""), None);
    }
}
