//! What published text looks like, made comparable: spaces, page-break artefacts, and the Latin
//! letters that look like Cyrillic ones (a text typed on two keyboards mixes them).

/// The Cyrillic letter a Latin one looks like (`a` and `а`), or the letter itself. Used for
/// comparing, never for showing.
pub fn fold_lookalike(c: char) -> char {
    match c {
        'a' => 'а',
        'A' => 'А',
        'B' => 'В',
        'c' => 'с',
        'C' => 'С',
        'e' => 'е',
        'E' => 'Е',
        'H' => 'Н',
        'h' => 'һ',
        'i' => 'і',
        'I' => 'І',
        'K' => 'К',
        'k' => 'к',
        'M' => 'М',
        'o' => 'о',
        'O' => 'О',
        'p' => 'р',
        'P' => 'Р',
        'T' => 'Т',
        'x' => 'х',
        'X' => 'Х',
        'y' => 'у',
        'Y' => 'Ү',
        _ => c,
    }
}

/// Spaces of every kind made one plain space, the ends trimmed.
pub fn squeeze(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The form two texts are compared in to tell an editorial change from a substantive one:
/// letter case, look-alike letters, punctuation and spacing do not count; words and numbers do.
pub fn editorial_key(s: &str) -> String {
    let folded: String = s
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| fold_lookalike(c).to_lowercase().next().unwrap_or(c))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    squeeze(&folded)
}

/// A line that is only a page-break artefact: a form feed, a page number (`7`, `- 7 -`,
/// `7 / 12`, `Бет 7`, `Стр. 7 из 12`, `Page 7 of 12`).
pub fn is_page_artefact(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || (t.contains('.') && t.chars().all(|c| c.is_ascii_digit() || c == '.')) {
        // `1.2.` alone is a clause's number split from its text.
        return false;
    }
    let words: Vec<String> = t
        .split_whitespace()
        .flat_map(|w| w.split('/'))
        .map(|w| w.trim_matches(|c| matches!(c, '-' | '–' | '—')).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit());
    let page_word =
        |w: &str| matches!(w.trim_end_matches('.'), "бет" | "беті" | "стр" | "страница" | "page" | "из" | "of");
    let digits = words.iter().filter(|w| number(w)).count();
    (1..=2).contains(&digits) && words.iter().all(|w| number(w) || page_word(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editorial_key_ignores_case_spacing_punctuation_and_lookalikes() {
        // "Сатушы" typed with a Latin "C" and "a", a doubled space and a comma dropped.
        assert_eq!(editorial_key("Cатушы  міндетті, егер"), editorial_key("сатушы міндетті егер"));
        assert_ne!(editorial_key("10 (он) күн"), editorial_key("14 (он төрт) күн"));
        assert_ne!(editorial_key("тыйым салынады"), editorial_key("рұқсат етіледі"));
    }

    #[test]
    fn page_numbers_are_artefacts_and_clause_lines_are_not() {
        for a in ["7", "- 7 -", "7 / 12", "Бет 7", "Стр. 7 из 12", "Page 7 of 12", "\u{c}12"] {
            assert!(is_page_artefact(a.trim_start_matches('\u{c}')), "{a:?}");
        }
        for t in ["2.5.4. егер", "6. Жауапкершілік", "10 (он) күн", "тармағында 7 күн", "1.2.", ""]
        {
            assert!(!is_page_artefact(t), "{t:?}");
        }
    }
}
