//! A published text of the rules as a tree of numbered clauses.
//!
//! A clause starts at a line that begins with its number and a dot (`2.5.4. егер Клиент…`,
//! `6. Жауапкершілік`, or `2.5.4.` alone with its text on the next line) and runs to the next
//! such line. Lines wrapped mid-sentence are joined (a word broken at a hyphen is joined without
//! the space), blank lines and page numbers left by page breaks are dropped, spaces squeezed.
//! Numbers must go forward: a clause removed without renumbering leaves a gap, reported and
//! accepted; a number repeated or going backwards is refused with the line it is on, never
//! merged into its neighbour.

use serde::{Deserialize, Serialize};

use super::text::{fold_lookalike, is_page_artefact, squeeze};

/// A lettered sub-item of a clause (6.6: `а) Сайттан ажырату; б) …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Item {
    /// The letter, lower case Cyrillic (`а`, `б`…), whatever case or alphabet it was typed in.
    pub letter: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Clause {
    /// `2.5.4`, `6`.
    pub number: String,
    /// The clause's words without its number (sub-items included), spaces squeezed.
    pub text: String,
    pub items: Vec<Item>,
    /// The line of the source text it starts on, from 1.
    pub line: u32,
}

impl Clause {
    /// The number's parts: `[2, 5, 4]`.
    pub fn path(&self) -> Vec<u32> {
        path_of(&self.number)
    }

    /// The number and the text, as the clause reads.
    pub fn full_text(&self) -> String {
        format!("{}. {}", self.number, self.text)
    }
}

/// Numbers skipped between two clauses: a clause removed without renumbering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Gap {
    /// The clause before the gap (`None` at the start).
    pub after: Option<String>,
    /// The clause after it.
    pub next: String,
    /// The numbers that are missing, when they can be told (`2.6.3` between 2.6.2 and 2.6.4).
    pub missing: Vec<String>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// What comes before clause 1 (the title and the rules' purpose).
    pub preamble: String,
    pub clauses: Vec<Clause>,
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("line {line}: clause {number} is numbered again (it first appears on line {first})")]
    Repeated { number: String, line: u32, first: u32 },
    #[error("line {line}: clause {number} comes after clause {previous}: the numbering goes backwards")]
    Backwards { number: String, line: u32, previous: String },
    #[error("no numbered clauses were found in the text")]
    NoClauses,
}

impl ParseError {
    /// The line the error is on, when it has one.
    pub fn line(&self) -> Option<u32> {
        match self {
            ParseError::Repeated { line, .. } | ParseError::Backwards { line, .. } => Some(*line),
            ParseError::NoClauses => None,
        }
    }
}

impl Rules {
    pub fn clause(&self, number: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.number == number)
    }

    /// The text in one canonical form (a clause a line): two texts that differ only in
    /// wrapping, blank lines or page numbers have the same canonical form.
    pub fn canonical(&self) -> String {
        let mut out = self.preamble.clone();
        for c in &self.clauses {
            out.push('\n');
            out.push_str(&c.full_text());
        }
        out
    }
}

fn path_of(number: &str) -> Vec<u32> {
    number.split('.').filter_map(|p| p.parse().ok()).collect()
}

fn number_of(path: &[u32]) -> String {
    path.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
}

/// The number a line starts a clause with, and the rest of the line: `2.5.4` and `егер…` of
/// `2.5.4. егер…`. The number ends with a dot and is followed by a space or the line's end;
/// each part has at most 3 digits, and a number of one part at most 2 (so a year or an amount
/// that starts a wrapped line is not taken for a section).
pub fn clause_start(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let end = line.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(line.len());
    let (head, rest) = line.split_at(end);
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let number = head.strip_suffix('.')?;
    let parts: Vec<&str> = number.split('.').collect();
    let well_formed = !number.is_empty() && parts.iter().all(|p| !p.is_empty() && p.len() <= 3);
    let plausible = parts.len() > 1 || parts[0].len() <= 2;
    (well_formed && plausible).then_some((number, rest.trim()))
}

/// The numbers that may follow `previous` with nothing skipped.
fn successors(previous: &[u32]) -> Vec<Vec<u32>> {
    let mut out = vec![[previous, &[1]].concat()];
    for k in (1..=previous.len()).rev() {
        let mut next = previous[..k].to_vec();
        next[k - 1] += 1;
        out.push(next);
    }
    out
}

fn gap(previous: Option<&[u32]>, next: &[u32], line: u32) -> Option<Gap> {
    let prev = previous.unwrap_or(&[]);
    if successors(prev).iter().any(|s| s == next) {
        return None;
    }
    // Siblings with numbers skipped between them: name the missing ones.
    let k = next.len();
    let mut missing = Vec::new();
    if k <= prev.len() && prev[..k - 1] == next[..k - 1] && next[k - 1] > prev[k - 1] + 1 {
        for n in prev[k - 1] + 1..next[k - 1] {
            missing.push(number_of(&[&next[..k - 1], &[n]].concat()));
        }
    } else if k == prev.len() + 1 && next[..k - 1] == *prev && next[k - 1] > 1 {
        for n in 1..next[k - 1] {
            missing.push(number_of(&[prev, &[n]].concat()));
        }
    }
    Some(Gap { after: previous.map(number_of), next: number_of(next), missing, line })
}

/// The lettered sub-items in a clause's text: markers `а)`, `б)`… (any case, Latin look-alikes
/// too) at the start or after a space, in alphabetical order from `а`; fewer than two is no list.
fn items(text: &str) -> Vec<Item> {
    const ORDER: &str = "абвгдежзиклмнопрстуфхцчшщэюя";
    let order: Vec<char> = ORDER.chars().collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut markers: Vec<(usize, usize, char)> = Vec::new();
    for i in 0..chars.len() {
        let (at, c) = chars[i];
        let starts = i == 0 || chars[i - 1].1.is_whitespace();
        let closes = chars.get(i + 1).is_some_and(|(_, n)| *n == ')');
        let spaced = chars.get(i + 2).is_none_or(|(_, n)| n.is_whitespace());
        if !(starts && closes && spaced && c.is_alphabetic()) {
            continue;
        }
        let letter = fold_lookalike(c).to_lowercase().next().unwrap_or(c);
        if order.get(markers.len()) == Some(&letter) {
            markers.push((at, chars.get(i + 2).map_or(text.len(), |(p, _)| *p), letter));
        }
    }
    if markers.len() < 2 {
        return Vec::new();
    }
    markers
        .iter()
        .enumerate()
        .map(|(n, (_, body, letter))| {
            let end = markers.get(n + 1).map_or(text.len(), |m| m.0);
            Item { letter: letter.to_string(), text: squeeze(&text[*body..end]) }
        })
        .collect()
}

/// Lines joined into one text: a word broken at a hyphen at the end of a line is joined
/// without the space (`іс-` + `шараларды`).
fn join(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        let broken = out.ends_with('-') && out.chars().rev().nth(1).is_some_and(char::is_alphanumeric);
        if !out.is_empty() && !broken {
            out.push(' ');
        }
        out.push_str(p);
    }
    squeeze(&out)
}

struct Open<'a> {
    number: String,
    line: u32,
    parts: Vec<&'a str>,
}

impl Open<'_> {
    fn close(self) -> Clause {
        let text = join(&self.parts);
        Clause { items: items(&text), number: self.number, text, line: self.line }
    }
}

/// Splits a published text into its clauses.
pub fn parse(text: &str) -> Result<Rules, ParseError> {
    let mut preamble: Vec<&str> = Vec::new();
    let mut clauses: Vec<Clause> = Vec::new();
    let mut gaps = Vec::new();
    let mut open: Option<Open<'_>> = None;
    let mut seen: std::collections::HashMap<Vec<u32>, u32> = std::collections::HashMap::new();
    let mut previous: Option<Vec<u32>> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}' || c == '\u{feff}');
        if line.is_empty() {
            continue;
        }
        if let Some((number, rest)) = clause_start(line) {
            let path = path_of(number);
            if let Some(first) = seen.get(&path) {
                return Err(ParseError::Repeated { number: number.to_string(), line: line_no, first: *first });
            }
            if let Some(prev) = &previous {
                if path < *prev {
                    return Err(ParseError::Backwards {
                        number: number.to_string(),
                        line: line_no,
                        previous: number_of(prev),
                    });
                }
            }
            gaps.extend(gap(previous.as_deref(), &path, line_no));
            seen.insert(path.clone(), line_no);
            previous = Some(path);
            if let Some(o) = open.take() {
                clauses.push(o.close());
            }
            let parts = if rest.is_empty() { Vec::new() } else { vec![rest] };
            open = Some(Open { number: number.to_string(), line: line_no, parts });
            continue;
        }
        if is_page_artefact(line) {
            continue;
        }
        match &mut open {
            Some(o) => o.parts.push(line),
            None => preamble.push(line),
        }
    }
    if let Some(o) = open.take() {
        clauses.push(o.close());
    }
    if clauses.is_empty() {
        return Err(ParseError::NoClauses);
    }
    Ok(Rules { preamble: join(&preamble), clauses, gaps })
}
