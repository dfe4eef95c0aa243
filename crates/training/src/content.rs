//! The lessons and questions: one TOML file per rule a cashier must live by, in
//! `crates/training/content/`, compiled in and checked when first read. A rule's file holds its
//! clauses, whether every question on it must be right to pass (2.6.3, 2.6.4, 2.6.5), its
//! lesson and its scenario questions, each in kk, ru and en.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use club::Lang;
use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/content_files.rs"));

/// At least this many questions per rule, so that a quiz draws differently each time.
pub const MIN_QUESTIONS: usize = 8;
/// A lesson fits one screen.
pub const MAX_LESSON_CHARS: usize = 1000;
pub const MAX_TITLE_CHARS: usize = 60;
pub const MAX_QUESTION_CHARS: usize = 320;
pub const MAX_OPTION_CHARS: usize = 180;
pub const MAX_EXPLANATION_CHARS: usize = 420;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Langs<T> {
    pub kk: T,
    pub ru: T,
    pub en: T,
}

impl<T> Langs<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonText {
    pub title: String,
    /// Paragraphs separated by a blank line; a line starting "- " is a bullet.
    pub body: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionText {
    pub text: String,
    pub options: Vec<String>,
    pub explanation: String,
}

/// A question's fields are checked by [`QuestionText`] (unknown ones refused there); serde cannot
/// refuse unknown fields beside a flattened table.
#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    /// `<rule>-NN`: stable, never reused, kept in every attempt.
    pub id: String,
    /// The right option's number (from 1), the same in every language.
    pub answer: usize,
    #[serde(flatten)]
    pub langs: Langs<QuestionText>,
}

impl Question {
    pub fn options(&self) -> usize {
        self.langs.kk.options.len()
    }

    pub fn text(&self, lang: Lang) -> &QuestionText {
        self.langs.get(lang)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub order: u32,
    pub clauses: Vec<String>,
    /// Every question on this rule must be answered right to pass.
    pub critical: bool,
    pub lesson: Langs<LessonText>,
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
}

/// Every rule, in lesson order.
#[derive(Debug, Clone)]
pub struct Content {
    pub rules: Vec<Rule>,
}

impl Content {
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The question and the rule it belongs to.
    pub fn question(&self, id: &str) -> Option<(&Rule, &Question)> {
        self.rules.iter().find_map(|r| r.questions.iter().find(|q| q.id == id).map(|q| (r, q)))
    }
}

/// A fault in a content file, named by file and item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {what}")]
pub struct ContentError {
    pub file: String,
    pub what: String,
}

/// The compiled-in content, parsed and checked once.
pub fn content() -> Result<&'static Content, ContentError> {
    static CONTENT: OnceLock<Result<Content, ContentError>> = OnceLock::new();
    CONTENT.get_or_init(|| parse(FILES)).as_ref().map_err(Clone::clone)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Parses and checks content files given as (name, text).
pub fn parse(files: &[(&str, &str)]) -> Result<Content, ContentError> {
    let mut rules = Vec::new();
    let mut question_ids = BTreeSet::new();
    for (name, text) in files {
        let err = |what: String| ContentError { file: format!("{name}.toml"), what };
        let rule: Rule = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        if rule.id != *name {
            return Err(err(format!("id {:?} is not the file's name", rule.id)));
        }
        if rule.clauses.is_empty() {
            return Err(err("no clause cited".into()));
        }
        for c in &rule.clauses {
            if club::rules::clause_text(c).is_none() {
                return Err(err(format!("clause {c} is not in the club's rules")));
            }
        }
        for lang in Lang::ALL {
            let l = rule.lesson.get(lang);
            let code = lang.code();
            if l.title.trim().is_empty() || chars(&l.title) > MAX_TITLE_CHARS {
                return Err(err(format!("lesson title ({code}) is empty or longer than {MAX_TITLE_CHARS}")));
            }
            if l.body.trim().is_empty() || chars(&l.body) > MAX_LESSON_CHARS {
                return Err(err(format!("lesson ({code}) is empty or longer than {MAX_LESSON_CHARS} characters")));
            }
            if !rule.clauses.iter().any(|c| l.body.contains(c.as_str())) {
                return Err(err(format!("lesson ({code}) does not cite its clause")));
            }
        }
        if rule.questions.len() < MIN_QUESTIONS {
            return Err(err(format!("{} questions, at least {MIN_QUESTIONS} needed", rule.questions.len())));
        }
        for q in &rule.questions {
            let qerr = |what: String| err(format!("question {}: {what}", q.id));
            let number = q.id.strip_prefix(&format!("{}-", rule.id));
            if !number.is_some_and(|n| n.len() == 2 && n.chars().all(|c| c.is_ascii_digit())) {
                return Err(qerr(format!("the id is not {}-NN", rule.id)));
            }
            if !question_ids.insert(q.id.clone()) {
                return Err(qerr("the id is used twice".into()));
            }
            let n = q.options();
            if !(2..=5).contains(&n) {
                return Err(qerr(format!("{n} options")));
            }
            if q.answer == 0 || q.answer > n {
                return Err(qerr(format!("answer {} is not one of the {n} options", q.answer)));
            }
            for lang in Lang::ALL {
                let t = q.text(lang);
                let code = lang.code();
                if t.options.len() != n {
                    return Err(qerr(format!("{code} has {} options, kk has {n}", t.options.len())));
                }
                if t.text.trim().is_empty() || chars(&t.text) > MAX_QUESTION_CHARS {
                    return Err(qerr(format!("text ({code}) is empty or too long")));
                }
                if t.explanation.trim().is_empty() || chars(&t.explanation) > MAX_EXPLANATION_CHARS {
                    return Err(qerr(format!("explanation ({code}) is empty or too long")));
                }
                if t.options.iter().any(|o| o.trim().is_empty() || chars(o) > MAX_OPTION_CHARS) {
                    return Err(qerr(format!("an option ({code}) is empty or too long")));
                }
                let distinct: BTreeSet<&str> = t.options.iter().map(|o| o.trim()).collect();
                if distinct.len() != n {
                    return Err(qerr(format!("two options ({code}) read the same")));
                }
            }
        }
        rules.push(rule);
    }
    if rules.is_empty() {
        return Err(ContentError { file: "content".into(), what: "no rules".into() });
    }
    rules.sort_by_key(|r| r.order);
    if let Some(w) = rules.windows(2).find(|w| w[0].order == w[1].order) {
        return Err(ContentError {
            file: format!("{}.toml", w[1].id),
            what: format!("order {} is used twice", w[1].order),
        });
    }
    Ok(Content { rules })
}

/// The rules version training covers: the shipped rules' text, by its digest, so that a later
/// version of the rules can tell which certificates it makes stale.
pub fn rules_version() -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(club::rules::RULES_KK.as_bytes());
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("kk-{hex}")
}
