//! The shipped text's clauses, and versions of it changed as the platform would change them.

use super::*;

fn numbers(rules: &Rules) -> Vec<&str> {
    rules.clauses.iter().map(|c| c.number.as_str()).collect()
}

/// The shipped text with `from` replaced by `to` (which must be there exactly once).
fn edited(from: &str, to: &str) -> String {
    assert_eq!(RULES_KK.matches(from).count(), 1, "{from:?} is not in the text exactly once");
    RULES_KK.replace(from, to)
}

fn changes(new: &str) -> Vec<ClauseChange> {
    diff(shipped(), &parse(new).unwrap()).into_iter().filter(|c| c.kind != ChangeKind::Unchanged).collect()
}

#[test]
fn the_shipped_text_parses_into_exactly_its_clauses() {
    let mut expected: Vec<String> = Vec::new();
    let section = |expected: &mut Vec<String>, head: &str, subs: &[(&str, u32)]| {
        expected.push(head.to_string());
        for (sub, count) in subs {
            expected.push(sub.to_string());
            for k in 1..=*count {
                expected.push(format!("{sub}.{k}"));
            }
        }
    };
    // Section 1 is a flat list of 18 definitions; 2 has 2.3–2.6 with their own lists.
    section(&mut expected, "1", &[]);
    for k in 1..=18 {
        expected.push(format!("1.{k}"));
    }
    section(&mut expected, "2", &[("2.1", 0), ("2.2", 0), ("2.3", 10), ("2.4", 5), ("2.5", 5), ("2.6", 5)]);
    section(&mut expected, "3", &[("3.1", 0), ("3.2", 0)]);
    section(&mut expected, "4", &[("4.1", 0), ("4.2", 0), ("4.3", 0), ("4.4", 0), ("4.5", 0)]);
    section(&mut expected, "5", &[("5.1", 0), ("5.2", 0), ("5.3", 0), ("5.4", 0)]);
    section(&mut expected, "6", &[]);
    for k in 1..=11 {
        expected.push(format!("6.{k}"));
    }
    let rules = shipped();
    assert_eq!(numbers(rules), expected);
    assert_eq!(rules.clauses.len(), 77);
    assert!(rules.gaps.is_empty(), "{:?}", rules.gaps);
    assert!(rules.preamble.starts_with("Alatau City Club ережелері"), "{}", rules.preamble);
    // Headings are clauses with their title; a line wrapped after a hyphen is one word.
    assert_eq!(rules.clause("6").unwrap().text, "Жауапкершілік");
    assert!(rules.clause("2.3.2").unwrap().text.contains("іс-шараларды"));
    assert!(rules.clause("5.1").unwrap().text.contains("6.6-тармағында көзделген"));
    // 6.6's lettered measures, typed as А) б) В) г).
    let measures = &rules.clause("6.6").unwrap().items;
    let letters: Vec<&str> = measures.iter().map(|i| i.letter.as_str()).collect();
    assert_eq!(letters, ["а", "б", "в", "г"]);
    assert_eq!(measures[0].text, "Сайттан ажырату;");
    assert_eq!(measures[3].text, "POS-терминалдарды, QR кодты ажырату.");
    assert!(rules.clauses.iter().filter(|c| c.number != "6.6").all(|c| c.items.is_empty()));
    // Nothing of the text is lost: every word of the source is in the parsed text.
    let source_words = text::squeeze(RULES_KK).split(' ').count();
    let parsed: usize = rules.clauses.iter().map(|c| c.full_text().split(' ').count()).sum::<usize>()
        + rules.preamble.split(' ').count();
    assert!(source_words - parsed < 20, "{source_words} words in the source, {parsed} parsed");
    assert_eq!(notice_days(rules), Some(10));
}

#[test]
fn wrapping_blank_lines_page_numbers_and_a_split_number_are_the_same_text() {
    let mut messy = edited(
        "2.5.4. егер Клиент Банк шығарған төлем құралдарының бірін пайдаланғысы келсе, ",
        "2.5.4.\n\nегер  Клиент Банк шығарған\u{a0}төлем\nқұралдарының бірін пайдаланғысы келсе, ",
    );
    messy = messy.replace("3. Төлем құралы", "\u{c}- 7 -\n\nБет 7\n3. Төлем құралы");
    let parsed = parse(&messy).unwrap();
    assert_eq!(parsed.canonical(), shipped().canonical());
    assert!(changes(&messy).is_empty());
}

#[test]
fn a_changed_clause_shows_its_words_and_changes_the_notice_period() {
    let new = edited("күнтізбелік 10 (он) күн бұрын", "күнтізбелік 14 (он төрт) күн бұрын");
    let c = changes(&new);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].kind, c[0].number()), (ChangeKind::Changed, "4.4"));
    assert!(c[0].substantive() && c[0].words_changed);
    let removed: String = c[0].words.iter().filter(|w| w.kind == WordKind::Removed).map(|w| w.text.as_str()).collect();
    let added: String = c[0].words.iter().filter(|w| w.kind == WordKind::Added).map(|w| w.text.as_str()).collect();
    // One replacement: the words removed together, then the words added together.
    assert_eq!(removed, "10 (он)");
    assert_eq!(added, "14 (он төрт)");
    assert_eq!(c[0].words.iter().filter(|w| w.kind != WordKind::Same).count(), 2);
    assert!(!added.contains("күнтізбелік"), "only the words that changed are marked: {added:?}");
    // The words, put together, are the old text and the new one.
    let side = |k: WordKind| c[0].words.iter().filter(|w| w.kind != k).map(|w| w.text.as_str()).collect::<String>();
    assert_eq!(side(WordKind::Added), c[0].old_text.clone().unwrap());
    assert_eq!(side(WordKind::Removed), c[0].new_text.clone().unwrap());
    assert_eq!(notice_days(&parse(&new).unwrap()), Some(14));
}

#[test]
fn an_added_clause_is_added() {
    let new = edited(
        "2.6. Сатушыға тыйым салынады:",
        "2.5.6. касса жанында Alatau City Club төлем құралдарымен төлеу тәртібі туралы хабарландыру \
         орналастырады.\n\n2.6. Сатушыға тыйым салынады:",
    );
    let c = changes(&new);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(
        (c[0].kind, c[0].new_number.as_deref(), c[0].old_number.as_deref()),
        (ChangeKind::Added, Some("2.5.6"), None)
    );
    assert!(c[0].substantive());
}

#[test]
fn a_clause_removed_without_renumbering_leaves_a_reported_gap() {
    let start = RULES_KK.find("2.6.3. ").unwrap();
    let end = RULES_KK.find("2.6.4. ").unwrap();
    let new = format!("{}{}", &RULES_KK[..start], &RULES_KK[end..]);
    let parsed = parse(&new).unwrap();
    assert_eq!(parsed.gaps.len(), 1);
    let g = &parsed.gaps[0];
    assert_eq!(
        (g.after.as_deref(), g.next.as_str(), g.missing.clone()),
        (Some("2.6.2"), "2.6.4", vec!["2.6.3".to_string()])
    );
    let c = changes(&new);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].kind, c[0].old_number.as_deref()), (ChangeKind::Removed, Some("2.6.3")));
    // In its place: after 2.6.2 in the list.
    let all = diff(shipped(), &parsed);
    let at = all.iter().position(|x| x.kind == ChangeKind::Removed).unwrap();
    assert_eq!(all[at - 1].number(), "2.6.2");
}

#[test]
fn renumbered_clauses_are_matched_by_their_words() {
    // 2.6.2 removed and the clauses after it moved up a number.
    let start = RULES_KK.find("2.6.2. ").unwrap();
    let end = RULES_KK.find("2.6.3. ").unwrap();
    let new = format!("{}{}", &RULES_KK[..start], &RULES_KK[end..])
        .replace("2.6.3. ", "2.6.2. ")
        .replace("2.6.4. ", "2.6.3. ")
        .replace("2.6.5. ", "2.6.4. ");
    let parsed = parse(&new).unwrap();
    assert!(parsed.gaps.is_empty());
    let c = changes(&new);
    let summary: Vec<(ChangeKind, Option<&str>, Option<&str>, bool)> =
        c.iter().map(|x| (x.kind, x.old_number.as_deref(), x.new_number.as_deref(), x.words_changed)).collect();
    assert_eq!(
        summary,
        [
            (ChangeKind::Removed, Some("2.6.2"), None, true),
            (ChangeKind::Renumbered, Some("2.6.3"), Some("2.6.2"), false),
            (ChangeKind::Renumbered, Some("2.6.4"), Some("2.6.3"), false),
            (ChangeKind::Renumbered, Some("2.6.5"), Some("2.6.4"), false),
        ]
    );
}

#[test]
fn a_renumbered_clause_with_changed_words_is_both() {
    let new = edited("2.6.5. Алаяқтық операциялар ретінде", "2.6.7. Алаяқтық немесе күмәнді операциялар ретінде");
    let c = changes(&new);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(
        (c[0].kind, c[0].old_number.as_deref(), c[0].new_number.as_deref()),
        (ChangeKind::Renumbered, Some("2.6.5"), Some("2.6.7"))
    );
    assert!(c[0].words_changed);
    assert!(c[0].words.iter().any(|w| w.kind == WordKind::Added && w.text.contains("күмәнді")));
}

#[test]
fn spacing_punctuation_case_and_lookalike_letters_are_editorial() {
    // A doubled space, a comma dropped, a capital letter, and "Сатушы" typed with a Latin C.
    let new = edited(
        "егер Клиент Банк шығарған төлем құралдарының бірін пайдаланғысы келсе, ",
        "Егер Клиент  Банк шығарған төлем құралдарының бірін пайдаланғысы келсе ",
    )
    .replace("2.6. Сатушыға тыйым салынады:", "2.6. Cатушыға тыйым салынады:");
    let c = changes(&new);
    let kinds: Vec<(ChangeKind, &str)> = c.iter().map(|x| (x.kind, x.number())).collect();
    assert_eq!(kinds, [(ChangeKind::Editorial, "2.5.4"), (ChangeKind::Editorial, "2.6")]);
    assert!(c.iter().all(|x| !x.substantive() && !x.words_changed));
}

#[test]
fn a_repeated_or_backward_number_is_refused_with_its_line() {
    let repeated = edited("2.6.4. Клиентке", "2.6.3. Клиентке");
    let line = repeated.lines().position(|l| l.starts_with("2.6.3. Клиентке")).unwrap() as u32 + 1;
    match parse(&repeated) {
        Err(ParseError::Repeated { number, line: at, first }) => {
            assert_eq!((number.as_str(), at), ("2.6.3", line));
            assert!(first < line);
        }
        other => panic!("{other:?}"),
    }
    let backwards = edited("3.2. Төлем құралдарын", "2.7. Төлем құралдарын");
    let err = parse(&backwards).unwrap_err();
    assert!(
        matches!(&err, ParseError::Backwards { number, previous, .. } if number == "2.7" && previous == "3.1"),
        "{err:?}"
    );
    assert!(err.to_string().starts_with(&format!("line {}", err.line().unwrap())));
    assert_eq!(parse("Бұл ережелер емес.\nМұнда нөмірлі тармақ жоқ."), Err(ParseError::NoClauses));
}

#[test]
fn lettered_items_follow_the_alphabet_or_are_no_list() {
    let r = parse("1. Тармақ\n1.1. мына шаралар: a) бірінші; б) екінші; в) үшінші.\n1.2. (он) күн, х) бұл тізім емес")
        .unwrap();
    let letters: Vec<&str> = r.clause("1.1").unwrap().items.iter().map(|i| i.letter.as_str()).collect();
    assert_eq!(letters, ["а", "б", "в"]);
    assert!(r.clause("1.2").unwrap().items.is_empty());
}
