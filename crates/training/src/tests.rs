use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::code::{find_code, new_code, parse_code, CodeError, MARK};
use crate::content::{content, parse, MIN_QUESTIONS};
use crate::quiz::{self, Answer, PER_RULE};
use crate::review::{self, Seen};
use crate::roster::{standing, valid_until, Standing};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A rule file written here, with `n` questions whose right option is `answer`.
fn rule_toml(id: &str, order: u32, clause: &str, critical: bool, n: usize) -> String {
    let mut s = format!("id = \"{id}\"\norder = {order}\nclauses = [\"{clause}\"]\ncritical = {critical}\n");
    for lang in ["kk", "ru", "en"] {
        s += &format!("[lesson.{lang}]\ntitle = \"T {lang}\"\nbody = \"See {clause} ({lang}).\"\n");
    }
    for i in 1..=n {
        s += &format!("[[question]]\nid = \"{id}-{i:02}\"\nanswer = 2\n");
        for lang in ["kk", "ru", "en"] {
            s += &format!(
                "[question.{lang}]\ntext = \"Q{i} {lang}\"\noptions = [\"wrong {i}\", \"right {i}\", \"also wrong {i}\"]\nexplanation = \"Because {clause}.\"\n"
            );
        }
    }
    s
}

fn small() -> crate::Content {
    let a = rule_toml("a", 1, "2.5.4", false, 8);
    let b = rule_toml("b", 2, "2.6.3", true, 8);
    let c = rule_toml("c", 3, "2.6.1", false, 9);
    parse(&[("a", &a), ("b", &b), ("c", &c)]).unwrap()
}

#[test]
fn the_shipped_lessons_and_questions_are_complete_in_three_languages() {
    let c = content().unwrap_or_else(|e| panic!("content: {e}"));
    let cited: std::collections::BTreeSet<&str> =
        c.rules.iter().flat_map(|r| r.clauses.iter().map(String::as_str)).collect();
    for clause in ["2.5.1", "2.5.4", "2.6.1", "2.6.2", "2.6.3", "2.6.4", "2.6.5", "6.3", "6.4", "6.11"] {
        assert!(cited.contains(clause), "no lesson cites {clause}");
    }
    assert!(c.rules.len() >= 9, "one lesson per rule a cashier lives by, the outage included");
    for r in &c.rules {
        assert!(r.questions.len() >= MIN_QUESTIONS, "{}: {} questions", r.id, r.questions.len());
        let critical = r.clauses.iter().any(|c| ["2.6.3", "2.6.4", "2.6.5"].contains(&c.as_str()));
        assert_eq!(r.critical, critical, "{}: critical exactly when it teaches 2.6.3, 2.6.4 or 2.6.5", r.id);
        // The right answer is not always in one place, or a cashier learns the place.
        let places: std::collections::BTreeSet<usize> = r.questions.iter().map(|q| q.answer).collect();
        assert!(places.len() >= 2, "{}: every right answer is option {places:?}", r.id);
        for lang in club::Lang::ALL {
            // Kazakh text is Kazakh: it uses letters Russian lacks.
            if lang == club::Lang::Kk {
                let kk = r.lesson.kk.body.chars().any(|ch| "әғқңөұүһі".contains(ch));
                assert!(kk, "{}: the kk lesson has no Kazakh letter", r.id);
            }
            if lang != club::Lang::En {
                assert_ne!(r.lesson.get(lang).body, r.lesson.en.body, "{}: {} is not translated", r.id, lang.code());
            }
        }
    }
}

#[test]
fn a_faulty_content_file_is_named_and_refused() {
    let ok = rule_toml("a", 1, "2.5.4", false, 8);
    let err = |text: &str| parse(&[("a", text)]).unwrap_err().to_string();
    assert!(err(&rule_toml("a", 1, "2.5.4", false, 7)).contains("7 questions"));
    assert!(err(&ok.replacen("answer = 2", "answer = 4", 1)).contains("answer 4"));
    assert!(err(&ok.replacen("id = \"a-02\"", "id = \"a-01\"", 1)).contains("used twice"));
    assert!(err(&ok.replacen("[lesson.ru]", "[lesson.xx]", 1)).contains("a.toml"));
    assert!(
        err(&ok.replacen("[question.ru]", "[question.xx]", 1)).contains("a.toml"),
        "a question's language mistyped"
    );
    assert!(err(&ok.replacen("explanation = ", "explaination = ", 1)).contains("a.toml"), "a field mistyped");
    assert!(err(&rule_toml("a", 1, "9.9.9", false, 8)).contains("9.9.9"));
    let fewer = ok.replacen(
        "options = [\"wrong 1\", \"right 1\", \"also wrong 1\"]\nexplanation = \"Because 2.5.4.\"\n[question.en]",
        "options = [\"wrong 1\", \"right 1\"]\nexplanation = \"Because 2.5.4.\"\n[question.en]",
        1,
    );
    assert!(err(&fewer).contains("options"), "{}", err(&fewer));
    assert!(err(&ok.replacen("explanation = \"Because 2.5.4.\"", "explanation = \" \"", 1)).contains("explanation"));
    assert!(err(&ok.replace("See 2.5.4 (kk).", "No clause.")).contains("cite"));
    assert!(parse(&[("a", &ok)]).is_ok());
}

#[test]
fn a_certification_quiz_covers_every_rule_in_random_order_with_shuffled_answers() {
    let c = small();
    let mut rng = StdRng::seed_from_u64(7);
    let q = quiz::draw_certification(&c, &mut rng);
    assert_eq!(q.len(), PER_RULE * 3);
    for rule in ["a", "b", "c"] {
        assert_eq!(q.iter().filter(|x| x.rule == rule).count(), PER_RULE);
    }
    let ids: std::collections::BTreeSet<_> = q.iter().map(|x| &x.question_id).collect();
    assert_eq!(ids.len(), q.len(), "no question twice");
    for x in &q {
        let mut o = x.order.clone();
        o.sort();
        assert_eq!(o, vec![1, 2, 3]);
    }
    let again: Vec<_> = (0..20).map(|s| quiz::draw_certification(&c, &mut StdRng::seed_from_u64(s))).collect();
    assert!(again.iter().any(|x| x[0].rule != again[0][0].rule), "the order of rules varies");
    assert!(again.iter().any(|x| x[0].order != again[0][0].order), "the options' order varies");
    let sets: std::collections::BTreeSet<Vec<String>> = again
        .iter()
        .map(|x| {
            let mut v: Vec<_> = x.iter().map(|y| y.question_id.clone()).collect();
            v.sort();
            v
        })
        .collect();
    assert!(sets.len() > 1, "the questions drawn vary");
    assert!(quiz::draw_rule(&c, "nope", &mut rng).is_none());
    assert!(quiz::draw_rule(&c, "a", &mut rng).unwrap().iter().all(|x| x.rule == "a"));
}

fn answers(c: &crate::Content, right: &[&str], wrong: &[&str]) -> Vec<Answer> {
    let mut v: Vec<Answer> = right.iter().map(|id| Answer { question_id: id.to_string(), chosen: Some(2) }).collect();
    v.extend(wrong.iter().map(|id| Answer { question_id: id.to_string(), chosen: Some(1) }));
    assert!(v.iter().all(|a| c.question(&a.question_id).is_some()));
    v
}

#[test]
fn passing_needs_eighty_percent_and_every_critical_question_right() {
    let c = small();
    let all: Vec<String> = c.rules.iter().flat_map(|r| r.questions.iter().take(5).map(|q| q.id.clone())).collect();
    let ids: Vec<&str> = all.iter().map(String::as_str).collect(); // 15: a-01..05, b-01..05, c-01..05
    let s = quiz::score(&c, &answers(&c, &ids, &[]));
    assert_eq!((s.right, s.total, s.percent, s.passed), (15, 15, 100, true));
    // 12 of 15 is exactly 80 %: a pass; 11 of 15 (73 %) is not.
    let s = quiz::score(&c, &answers(&c, &ids[..12], &ids[12..]));
    assert_eq!((s.right, s.percent, s.passed), (12, 80, true), "{s:?}");
    let s = quiz::score(&c, &answers(&c, &ids[..11], &ids[11..]));
    assert_eq!((s.right, s.percent, s.passed), (11, 73, false));
    // 14 of 15 right, the one wrong on the critical rule b: a fail, and it is named.
    let wrong = ["b-03"];
    let right: Vec<&str> = ids.iter().copied().filter(|i| *i != "b-03").collect();
    let s = quiz::score(&c, &answers(&c, &right, &wrong));
    assert_eq!((s.right, s.passed), (14, false));
    assert_eq!(s.critical_missed, vec!["b-03".to_string()]);
    // An unanswered question fails the quiz and counts as wrong.
    let mut a = answers(&c, &ids, &[]);
    a[0].chosen = None;
    let s = quiz::score(&c, &a);
    assert_eq!((s.right, s.unanswered, s.passed), (14, 1, false));
    assert!(!quiz::score(&c, &[]).passed, "nothing answered is not a pass");
    assert_eq!(quiz::is_right(&c, "a-01", 2), Some(true));
    assert_eq!(quiz::is_right(&c, "a-01", 3), Some(false));
}

#[test]
fn a_certificate_is_valid_twelve_months_and_due_thirty_days_before() {
    assert_eq!(valid_until(d("2026-12-01")), d("2027-11-30"));
    assert_eq!(valid_until(d("2028-02-29")), d("2029-02-27"), "Feb 29 + 12 months is Feb 28, less a day");
    let until = d("2027-11-30");
    assert_eq!(standing(None, d("2026-12-01")), Standing::Never);
    assert_eq!(standing(Some(until), d("2027-10-31")), Standing::Certified);
    assert_eq!(standing(Some(until), d("2027-11-01")), Standing::DueSoon);
    assert_eq!(standing(Some(until), d("2027-11-30")), Standing::DueSoon, "valid on its last day");
    assert_eq!(standing(Some(until), d("2027-12-01")), Standing::Overdue);
}

#[test]
fn the_review_asks_first_what_the_person_is_forgetting() {
    let c = small();
    let today = d("2026-12-01");
    let seen = |id: &str, on: &str, right: bool| Seen { question_id: id.into(), on: d(on), right };
    let history = vec![
        seen("a-01", "2026-11-30", true),  // right yesterday: remembered
        seen("a-02", "2026-11-30", false), // wrong yesterday: due
        seen("c-01", "2026-01-10", true),  // right long ago: forgotten since
        seen("c-02", "2026-11-01", true),
        seen("c-02", "2026-11-20", true),
    ];
    let m = review::memories(&c, &history, today);
    let r = |id: &str| m.iter().find(|x| x.question_id == id).unwrap().retrievability;
    assert!(r("a-01") > 0.9 && r("a-02") < r("a-01") && r("c-01") < 0.9, "{m:?}");
    assert!(!m.iter().find(|x| x.question_id == "a-01").unwrap().due);
    let pick = review::choose(&c, &history, today, 5);
    assert_eq!(pick.len(), 5);
    let first: std::collections::BTreeSet<&str> = pick[..2].iter().map(String::as_str).collect();
    assert_eq!(first, ["a-02", "c-01"].into(), "the due ones first: {pick:?}");
    assert!(r(&pick[0]) <= r(&pick[1]), "the most forgotten first: {pick:?}");
    assert!(!pick.contains(&"a-01".to_string()), "what was just answered right waits: {pick:?}");
    assert!(pick.iter().any(|q| q.starts_with("b-")), "an unseen rule is brought in: {pick:?}");
    assert_eq!(review::due_count(&c, &history, today), 2);
    let shaky =
        vec![seen("a-01", "2026-11-30", false), seen("a-02", "2026-11-30", false), seen("c-01", "2026-11-30", true)];
    assert_eq!(review::weakest_rule(&c, &shaky, today).as_deref(), Some("a"));
    assert_eq!(review::weakest_rule(&c, &history, today).as_deref(), Some("c"), "one long-forgotten answer weighs");
    assert_eq!(review::weakest_rule(&c, &[], today), None);
    // A new person reviews across rules, not one rule's questions only.
    let fresh = review::choose(&c, &[], today, 3);
    let rules: std::collections::BTreeSet<char> = fresh.iter().map(|q| q.chars().next().unwrap()).collect();
    assert_eq!(rules.len(), 3, "{fresh:?}");
}

#[test]
fn a_code_survives_careless_typing_and_catches_typos() {
    let mut rng = StdRng::seed_from_u64(1);
    for _ in 0..200 {
        let code = new_code(&mut rng);
        assert_eq!(code.len(), 11);
        assert_eq!(parse_code(&code).unwrap(), code);
        assert_eq!(parse_code(&format!(" {} ", code.to_lowercase().replace('-', " "))).unwrap(), code);
        // One symbol changed is caught (the 1-in-1 024 miss aside).
        let mut chars: Vec<char> = code.chars().collect();
        chars[2] = if chars[2] == 'X' { 'Y' } else { 'X' };
        let typo: String = chars.into_iter().collect();
        assert!(matches!(parse_code(&typo), Err(CodeError::Check) | Ok(_)));
    }
    let code = new_code(&mut rng);
    let misses = (0..10)
        .filter(|i| {
            let mut chars: Vec<char> = code.chars().filter(|c| *c != '-').collect();
            chars[*i] = if chars[*i] == '7' { '8' } else { '7' };
            parse_code(&chars.into_iter().collect::<String>()).is_ok()
        })
        .count();
    assert!(misses <= 1, "{misses} typos passed");
    assert_eq!(parse_code("ABC"), Err(CodeError::Length));
    assert_eq!(parse_code("ABCDE-FGHJU"), Err(CodeError::Character));
    assert_eq!(parse_code("ЖЖЖЖЖ-ЖЖЖЖЖ"), Err(CodeError::Character));
    let o = code.replace('0', "O").replace('1', "I");
    assert_eq!(parse_code(&o).unwrap(), code);
    assert_eq!(find_code(format!("xx{MARK}{code} tail").as_bytes()), Some(code.clone()));
    assert_eq!(find_code(b"nothing here"), None);
}

#[test]
fn the_certificate_is_one_reproducible_page_carrying_its_code() {
    let facts = crate::certificate::Facts {
        code: new_code(&mut StdRng::seed_from_u64(3)),
        person: "Дамир Оспанов 🦄".into(),
        shop: "ЖК Асем".into(),
        outlet: Some("Абай 10".into()),
        rules_version: crate::rules_version(),
        clauses: vec!["2.5.4".into(), "2.6.3".into()],
        right: 17,
        total: 18,
        issued_on: d("2026-12-01"),
        valid_until: d("2027-11-30"),
    };
    let kk = crate::certificate::certificate_pdf(&facts, club::Lang::Kk).unwrap();
    assert!(kk.starts_with(b"%PDF"));
    assert_eq!(
        kk,
        crate::certificate::certificate_pdf(&facts, club::Lang::Kk).unwrap(),
        "the same facts, the same bytes"
    );
    assert_ne!(kk, crate::certificate::certificate_pdf(&facts, club::Lang::Ru).unwrap());
    assert_eq!(find_code(&kk), Some(facts.code.clone()), "the code is found in the file");
    let other = crate::certificate::Facts { person: "Дамир Оспанов".into(), ..facts.clone() };
    assert_ne!(kk, crate::certificate::certificate_pdf(&other, club::Lang::Kk).unwrap());
    assert_eq!(crate::printable("Дамир 🦄 Оспанов"), "Дамир Оспанов");
    assert!(crate::rules_version().starts_with("kk-"));
}

#[test]
fn the_roster_is_a_spreadsheet_and_a_pdf() {
    let lines = vec![crate::roster::Line {
        outlet: Some("Абай 10".into()),
        person: "Дамир".into(),
        role: "cashier".into(),
        standing: Standing::DueSoon,
        valid_until: Some(d("2026-12-20")),
        code: Some("ABCDE-FGHJK".into()),
        weakest: Some("Қосымша төлем".into()),
    }];
    let x = crate::roster::roster_xlsx("Shop", &lines, d("2026-12-01"), club::Lang::Ru).unwrap();
    assert!(x.starts_with(b"PK"));
    let p = crate::roster::roster_pdf("Shop", &lines, d("2026-12-01"), club::Lang::Kk).unwrap();
    assert!(p.starts_with(b"%PDF"));
}
