//! A quiz: questions drawn at random so that every rule is covered, in random order, each
//! question's options shuffled; and its score and pass rule (at least 80 % right, and every
//! question on a critical rule — 2.6.3, 2.6.4, 2.6.5 — right).

use rand::seq::{IndexedRandom, SliceRandom};
use rand::Rng;

use crate::content::Content;

/// Questions drawn from each rule for a certification quiz.
pub const PER_RULE: usize = 2;
/// Questions in a quiz on one rule (an assignment after a refusal).
pub const RULE_QUIZ: usize = 6;
pub const PASS_PERCENT: usize = 80;

/// A question as drawn into a quiz: the options' numbers (from 1, as in the file) in the order
/// shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub question_id: String,
    pub rule: String,
    pub order: Vec<usize>,
}

fn drawn<R: Rng + ?Sized>(rule: &str, id: &str, options: usize, rng: &mut R) -> Drawn {
    let mut order: Vec<usize> = (1..=options).collect();
    order.shuffle(rng);
    Drawn { question_id: id.to_string(), rule: rule.to_string(), order }
}

/// A certification quiz: [`PER_RULE`] questions of every rule, shuffled together.
pub fn draw_certification<R: Rng + ?Sized>(content: &Content, rng: &mut R) -> Vec<Drawn> {
    let mut out = Vec::new();
    for rule in &content.rules {
        for q in rule.questions.sample(rng, PER_RULE) {
            out.push(drawn(&rule.id, &q.id, q.options(), rng));
        }
    }
    out.shuffle(rng);
    out
}

/// A quiz on one rule: [`RULE_QUIZ`] of its questions. `None` when there is no such rule.
pub fn draw_rule<R: Rng + ?Sized>(content: &Content, rule: &str, rng: &mut R) -> Option<Vec<Drawn>> {
    let rule = content.rule(rule)?;
    let mut out: Vec<Drawn> =
        rule.questions.sample(rng, RULE_QUIZ).map(|q| drawn(&rule.id, &q.id, q.options(), rng)).collect();
    out.shuffle(rng);
    Some(out)
}

/// A given question (a review's choice), its options shuffled.
pub fn draw_questions<R: Rng + ?Sized>(content: &Content, ids: &[String], rng: &mut R) -> Vec<Drawn> {
    ids.iter().filter_map(|id| content.question(id)).map(|(rule, q)| drawn(&rule.id, &q.id, q.options(), rng)).collect()
}

/// One question of an attempt and the option chosen (its number in the file), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub question_id: String,
    pub chosen: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub right: usize,
    pub total: usize,
    /// Rounded down: 14 of 18 is 77 %, not 78 %.
    pub percent: usize,
    /// Questions on a critical rule answered wrong or not at all.
    pub critical_missed: Vec<String>,
    pub unanswered: usize,
    pub passed: bool,
}

/// Is `chosen` the right option of question `id`? `None` when the question is unknown.
pub fn is_right(content: &Content, id: &str, chosen: usize) -> Option<bool> {
    content.question(id).map(|(_, q)| q.answer == chosen)
}

/// The score and the pass rule. An unknown question (removed from the content since) counts as
/// neither right nor asked.
pub fn score(content: &Content, answers: &[Answer]) -> Score {
    let mut right: usize = 0;
    let mut total = 0;
    let mut unanswered = 0;
    let mut critical_missed = Vec::new();
    for a in answers {
        let Some((rule, q)) = content.question(&a.question_id) else { continue };
        total += 1;
        let ok = a.chosen == Some(q.answer);
        if ok {
            right += 1;
        }
        if a.chosen.is_none() {
            unanswered += 1;
        }
        if rule.critical && !ok {
            critical_missed.push(q.id.clone());
        }
    }
    let percent = (right * 100).checked_div(total).unwrap_or(0_usize);
    let passed = total > 0 && unanswered == 0 && right * 100 >= PASS_PERCENT * total && critical_missed.is_empty();
    Score { right, total, percent, critical_missed, unanswered, passed }
}
