//! The daily two-minute review between certificates: questions picked by spaced repetition
//! (FSRS, default parameters, target retention 0.9) from the person's own answers. Every
//! question a person has answered is a card; a right answer is rated Good, a wrong one Again.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use fsrs::{current_retrievability, FSRSItem, FSRSReview, MemoryState, FSRS, FSRS6_DEFAULT_DECAY};

use crate::content::Content;

pub const TARGET_RETENTION: f32 = 0.9;
/// Questions in one day's review: about two minutes.
pub const DAILY: usize = 5;

/// One answer a person gave, on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub question_id: String,
    pub on: NaiveDate,
    pub right: bool,
}

/// What the scheduler makes of one question a person has answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Memory {
    pub question_id: String,
    pub rule: String,
    /// The probability of answering right today.
    pub retrievability: f32,
    pub due: bool,
}

fn state(fsrs: &FSRS, answers: &[&Seen]) -> Option<MemoryState> {
    let mut reviews = Vec::with_capacity(answers.len());
    let mut last: Option<NaiveDate> = None;
    for a in answers {
        let delta = last.map_or(0, |l| (a.on - l).num_days().max(0) as u32);
        reviews.push(FSRSReview { rating: if a.right { 3 } else { 1 }, delta_t: delta });
        last = Some(a.on);
    }
    fsrs.memory_state(FSRSItem { reviews }, None).ok()
}

/// The memory of every question in `history` that the content still has, most forgotten first.
pub fn memories(content: &Content, history: &[Seen], today: NaiveDate) -> Vec<Memory> {
    let fsrs = FSRS::default();
    let mut by_question: BTreeMap<&str, Vec<&Seen>> = BTreeMap::new();
    for s in history {
        by_question.entry(s.question_id.as_str()).or_default().push(s);
    }
    let mut out = Vec::new();
    for (id, mut answers) in by_question {
        let Some((rule, _)) = content.question(id) else { continue };
        answers.sort_by_key(|a| a.on);
        let last = answers.last().map_or(today, |a| a.on);
        let elapsed = (today - last).num_days().max(0) as f32;
        // A history FSRS cannot read is treated as forgotten: it is asked again.
        let retrievability = state(&fsrs, &answers)
            .map(|s| current_retrievability(s, elapsed, FSRS6_DEFAULT_DECAY))
            .filter(|r| r.is_finite())
            .unwrap_or(0.0);
        out.push(Memory {
            question_id: id.to_string(),
            rule: rule.id.clone(),
            retrievability,
            due: retrievability < TARGET_RETENTION,
        });
    }
    out.sort_by(|a, b| a.retrievability.total_cmp(&b.retrievability).then_with(|| a.question_id.cmp(&b.question_id)));
    out
}

/// The rule whose answered questions the person is least likely to get right today.
pub fn weakest_rule(content: &Content, history: &[Seen], today: NaiveDate) -> Option<String> {
    let mut sums: BTreeMap<String, (f32, usize)> = BTreeMap::new();
    for m in memories(content, history, today) {
        let e = sums.entry(m.rule).or_default();
        e.0 += m.retrievability;
        e.1 += 1;
    }
    let order = |id: &str| content.rule(id).map_or(u32::MAX, |r| r.order);
    sums.into_iter()
        .map(|(rule, (sum, n))| (sum / n as f32, rule))
        .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| order(&a.1).cmp(&order(&b.1))))
        .map(|(_, rule)| rule)
}

/// How many answered questions are due today.
pub fn due_count(content: &Content, history: &[Seen], today: NaiveDate) -> usize {
    memories(content, history, today).iter().filter(|m| m.due).count()
}

/// Today's review: the due questions, most forgotten first; then questions never answered,
/// one per rule in turn from the weakest rule; then the least remembered of the rest.
pub fn choose(content: &Content, history: &[Seen], today: NaiveDate, n: usize) -> Vec<String> {
    let memories = memories(content, history, today);
    let mut out: Vec<String> = memories.iter().filter(|m| m.due).map(|m| m.question_id.clone()).take(n).collect();
    if out.len() < n {
        let seen: std::collections::BTreeSet<&str> = memories.iter().map(|m| m.question_id.as_str()).collect();
        let weakest = weakest_rule(content, history, today);
        let mut rules: Vec<_> = content.rules.iter().collect();
        rules.sort_by_key(|r| (Some(&r.id) != weakest.as_ref(), r.order));
        let mut unseen: Vec<Vec<&str>> = rules
            .iter()
            .map(|r| r.questions.iter().map(|q| q.id.as_str()).filter(|id| !seen.contains(id)).collect())
            .collect();
        'fill: loop {
            let mut any = false;
            for list in unseen.iter_mut() {
                if out.len() >= n {
                    break 'fill;
                }
                if !list.is_empty() {
                    out.push(list.remove(0).to_string());
                    any = true;
                }
            }
            if !any {
                break;
            }
        }
    }
    for m in &memories {
        if out.len() >= n {
            break;
        }
        if !out.contains(&m.question_id) {
            out.push(m.question_id.clone());
        }
    }
    out
}
