//! What changed between two versions of the rules, clause by clause.
//!
//! Clauses are paired first by the same number and the same words, then by the same words under
//! another number (renumbered), then by similar words (changed, or renumbered and changed), in
//! the same section; what is left was removed or added. A change of spacing, punctuation,
//! letter case or look-alike letters only is editorial. Within a pair the words added and
//! removed are found by a word-level diff.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

use super::parse::{Clause, Rules};
use super::text::editorial_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Unchanged,
    /// Only spacing, punctuation, letter case or look-alike letters: no acknowledgement needed.
    Editorial,
    Changed,
    Added,
    Removed,
    /// The same clause under another number (its words may have changed too).
    Renumbered,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WordKind {
    Same,
    Added,
    Removed,
}

/// A run of words (with the spaces between them) the same, added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Word {
    pub kind: WordKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClauseChange {
    pub kind: ChangeKind,
    pub old_number: Option<String>,
    pub new_number: Option<String>,
    pub old_text: Option<String>,
    pub new_text: Option<String>,
    /// The words of a clause on both sides that differ; empty otherwise.
    pub words: Vec<Word>,
    /// Its words changed beyond editing (a renumbered clause may keep its words).
    pub words_changed: bool,
}

impl ClauseChange {
    /// Whether the owner has to acknowledge it: anything but unchanged and editorial.
    pub fn substantive(&self) -> bool {
        !matches!(self.kind, ChangeKind::Unchanged | ChangeKind::Editorial)
    }

    /// The number it has now, or had when removed.
    pub fn number(&self) -> &str {
        self.new_number.as_deref().or(self.old_number.as_deref()).unwrap_or_default()
    }
}

/// Word runs of two texts: the same, removed, added. Within a changed stretch the words removed
/// come as one run and the words added as another (a space kept between two changes belongs to
/// both), so `10 (он)` → `14 (он төрт)` reads as one replacement, not a patchwork.
pub fn words(old: &str, new: &str) -> Vec<Word> {
    let diff = TextDiff::from_words(old, new);
    let mut tokens: Vec<(WordKind, &str)> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => WordKind::Same,
            ChangeTag::Delete => WordKind::Removed,
            ChangeTag::Insert => WordKind::Added,
        };
        tokens.push((kind, change.value()));
    }
    let mut out: Vec<Word> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |out: &mut Vec<Word>, removed: &mut String, added: &mut String| {
        for (kind, text) in [(WordKind::Removed, removed), (WordKind::Added, added)] {
            if !text.is_empty() {
                out.push(Word { kind, text: std::mem::take(text) });
            }
        }
    };
    for (i, (kind, text)) in tokens.iter().enumerate() {
        match kind {
            WordKind::Removed => removed.push_str(text),
            WordKind::Added => added.push_str(text),
            WordKind::Same => {
                let in_change = !(removed.is_empty() && added.is_empty());
                let change_follows = tokens.get(i + 1).is_some_and(|(k, _)| *k != WordKind::Same);
                if in_change && change_follows && text.trim().is_empty() {
                    removed.push_str(text);
                    added.push_str(text);
                    continue;
                }
                flush(&mut out, &mut removed, &mut added);
                match out.last_mut() {
                    Some(last) if last.kind == WordKind::Same => last.text.push_str(text),
                    _ => out.push(Word { kind: WordKind::Same, text: text.to_string() }),
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// How alike two clauses' words are, 0 to 1.
fn likeness(a: &str, b: &str) -> f32 {
    TextDiff::from_words(a, b).ratio()
}

/// Below this two clauses are not the same clause changed.
const ALIKE: f32 = 0.5;

fn section(c: &Clause) -> &str {
    c.number.split('.').next().unwrap_or_default()
}

fn pair(o: &Clause, n: &Clause) -> ClauseChange {
    let same_words = editorial_key(&o.text) == editorial_key(&n.text);
    let kind = match (o.number == n.number, same_words, o.text == n.text) {
        (true, _, true) => ChangeKind::Unchanged,
        (true, true, false) => ChangeKind::Editorial,
        (true, false, _) => ChangeKind::Changed,
        (false, _, _) => ChangeKind::Renumbered,
    };
    ClauseChange {
        kind,
        old_number: Some(o.number.clone()),
        new_number: Some(n.number.clone()),
        old_text: Some(o.text.clone()),
        new_text: Some(n.text.clone()),
        words: if o.text == n.text { Vec::new() } else { words(&o.text, &n.text) },
        words_changed: !same_words,
    }
}

/// Every clause of `old` and `new`, paired, in the order of the new text (a removed clause
/// where it stood).
pub fn diff(old: &Rules, new: &Rules) -> Vec<ClauseChange> {
    let (o, n) = (&old.clauses, &new.clauses);
    let okeys: Vec<String> = o.iter().map(|c| editorial_key(&c.text)).collect();
    let nkeys: Vec<String> = n.iter().map(|c| editorial_key(&c.text)).collect();
    let mut of_new: Vec<Option<usize>> = vec![None; n.len()];
    let mut taken = vec![false; o.len()];
    // 1. The same number and the same words; 2. the same words under another number.
    for same_number in [true, false] {
        for j in 0..n.len() {
            if of_new[j].is_some() {
                continue;
            }
            let found = (0..o.len())
                .find(|&i| !taken[i] && okeys[i] == nkeys[j] && (!same_number || o[i].number == n[j].number));
            if let Some(i) = found {
                of_new[j] = Some(i);
                taken[i] = true;
            }
        }
    }
    // 3. Similar words in the same section, the same number first.
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for j in (0..n.len()).filter(|&j| of_new[j].is_none()) {
        for i in (0..o.len()).filter(|&i| !taken[i] && section(&o[i]) == section(&n[j])) {
            let alike = likeness(&okeys[i], &nkeys[j]);
            if alike >= ALIKE {
                let bonus = if o[i].number == n[j].number { 0.25 } else { 0.0 };
                candidates.push((alike + bonus, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in candidates {
        if !taken[i] && of_new[j].is_none() {
            taken[i] = true;
            of_new[j] = Some(i);
        }
    }
    // In the new text's order; a removed clause after the new place of the clause before it.
    let mut place_of_old: Vec<Option<usize>> = vec![None; o.len()];
    for (j, i) in of_new.iter().enumerate() {
        if let Some(i) = i {
            place_of_old[*i] = Some(j);
        }
    }
    let mut out: Vec<((i64, usize), ClauseChange)> = Vec::new();
    for (j, c) in n.iter().enumerate() {
        let change = match of_new[j] {
            Some(i) => pair(&o[i], c),
            None => ClauseChange {
                kind: ChangeKind::Added,
                old_number: None,
                new_number: Some(c.number.clone()),
                old_text: None,
                new_text: Some(c.text.clone()),
                words: Vec::new(),
                words_changed: true,
            },
        };
        out.push(((j as i64, 0), change));
    }
    for (i, c) in o.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        let anchor = (0..i).rev().find_map(|k| place_of_old[k]).map_or(-1, |j| j as i64);
        out.push((
            (anchor, 1 + i),
            ClauseChange {
                kind: ChangeKind::Removed,
                old_number: Some(c.number.clone()),
                new_number: None,
                old_text: Some(c.text.clone()),
                new_text: None,
                words: Vec::new(),
                words_changed: true,
            },
        ));
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, c)| c).collect()
}
