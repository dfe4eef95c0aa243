//! Rule changes (2.3.4, 4.1–4.4, 6.11): published versions of the club's rules imported by the
//! owner, compared clause by clause, acknowledged, and what they change in the shop — the
//! notice period the status page counts, the lessons and certificates that cite a changed
//! clause (refreshers for the cashiers concerned), new obligations as next actions.
//!
//! The version shipped with Seller Desk is version 0 and is not stored; imported versions are
//! in force from the day they were published (4.3), the latest one so published on a day being
//! the one in force that day.

pub mod ack;
pub mod pdf;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use club::rules::{ChangeKind, ClauseChange, Gap, ParseError, Rules};
use club::status::NextAction;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use store::rules::{NewRulesVersion, RulesVersionRow};
use store::Db;
use ts_rs::TS;

use crate::people::{Need, Role};
use crate::{ApiError, Desk, ErrorCode};

/// The id of the version shipped with Seller Desk.
pub const SHIPPED: i64 = 0;

/// The largest file taken as a version of the rules (the published PDF is well under 1 MB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Sections whose added clauses are new obligations of the seller: what it must do (2.5) and
/// must not (2.6).
const OBLIGATION_SECTIONS: [&str; 2] = ["2.5.", "2.6."];

fn err(code: ErrorCode, message: impl Into<String>) -> ApiError {
    ApiError::new(code, message)
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The name certificates and attempts record a version by: the text's digest.
pub fn key_of(text: &str) -> String {
    format!("kk-{}", &hex(text.as_bytes())[..8])
}

impl From<ParseError> for ApiError {
    fn from(e: ParseError) -> Self {
        let code = match e {
            ParseError::Repeated { .. } => ErrorCode::RulesNumberRepeated,
            ParseError::Backwards { .. } => ErrorCode::RulesNumberBackwards,
            ParseError::NoClauses => ErrorCode::RulesNoClauses,
        };
        err(code, e.to_string())
    }
}

/// A version as the app knows it: its text parsed.
struct Version {
    id: i64,
    published_on: Option<NaiveDate>,
    key: String,
    rules: Rules,
    row: Option<RulesVersionRow>,
}

/// Every version, the shipped one first, then the imported ones by publication day.
fn versions(db: &Db<'_>) -> Result<Vec<Version>, ApiError> {
    let mut out = vec![Version {
        id: SHIPPED,
        published_on: None,
        key: key_of(club::rules::RULES_KK),
        rules: club::rules::shipped().clone(),
        row: None,
    }];
    for row in db.rules_versions()? {
        let rules = club::rules::parse(&row.text).map_err(|e| {
            err(ErrorCode::StoreBadData, format!("the stored version {} no longer parses: {e}", row.id))
        })?;
        out.push(Version {
            id: row.id,
            published_on: Some(row.published_on),
            key: key_of(&row.text),
            rules,
            row: Some(row),
        });
    }
    Ok(out)
}

/// The index of the version in force on `day`.
fn in_force(versions: &[Version], day: NaiveDate) -> usize {
    versions.iter().rposition(|v| v.published_on.is_none_or(|p| p <= day)).unwrap_or(0)
}

/// The version training records on `day`: the key of the rules in force.
pub(crate) fn key_in_force(db: &Db<'_>, day: NaiveDate) -> Result<String, ApiError> {
    if !db.has_rules_versions()? {
        return Ok(key_of(club::rules::RULES_KK));
    }
    let all = versions(db)?;
    Ok(all[in_force(&all, day)].key.clone())
}

/// The notice days of 4.4 by the day each imported version came into force (a version whose
/// 4.4 names no number keeps the one before).
pub(crate) fn notice_periods(db: &Db<'_>) -> Result<Vec<(NaiveDate, u32)>, ApiError> {
    if !db.has_rules_versions()? {
        return Ok(Vec::new());
    }
    Ok(versions(db)?.iter().filter_map(|v| Some((v.published_on?, club::rules::notice_days(&v.rules)?))).collect())
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AcknowledgedDto {
    pub at: DateTime<Utc>,
    pub by: Option<String>,
    /// The acknowledgement PDF in the document archive.
    pub document_id: i64,
    /// Signed with the EDS key (else confirmed with the owner's PIN).
    pub signed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RulesVersionDto {
    /// 0: the version shipped with Seller Desk.
    pub id: i64,
    /// `None` for the shipped version.
    pub published_on: Option<NaiveDate>,
    pub source_name: Option<String>,
    pub source_sha256: Option<String>,
    pub imported_at: Option<DateTime<Utc>>,
    pub imported_by: Option<String>,
    pub key: String,
    pub clauses: u32,
    /// Numbers skipped (a clause removed without renumbering).
    pub gaps: Vec<Gap>,
    pub in_force: bool,
    /// Against the version before it.
    pub substantive: u32,
    pub editorial: u32,
    pub notice_days: Option<u32>,
    pub acknowledged: Option<AcknowledgedDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LessonRefDto {
    pub rule: String,
    pub title: String,
}

/// What a change touches in the shop.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ImpactDto {
    /// Lessons citing the clause (its old number or its new one).
    pub lessons: Vec<LessonRefDto>,
    /// People whose certificate in force covers the clause, when its words changed.
    pub certificates: Vec<String>,
    /// The notice days of 4.4, before and after, when they changed.
    pub notice_days: Option<(u32, u32)>,
    /// A new clause among the seller's obligations (2.5, 2.6).
    pub new_obligation: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ChangeDto {
    pub change: ClauseChange,
    pub impact: ImpactDto,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RulesDiffDto {
    pub from: RulesVersionDto,
    pub to: RulesVersionDto,
    /// Every clause that is not unchanged, in the new text's order.
    pub changes: Vec<ChangeDto>,
    pub unchanged: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportedDto {
    pub version: RulesVersionDto,
    /// The same text (however wrapped) was known already: nothing was stored.
    pub already_known: bool,
    /// Against the version before it.
    pub diff: Option<RulesDiffDto>,
    /// Refreshers assigned to cashiers whose certificate covers a changed clause.
    pub refreshers: u32,
}

/// What waits for the owner's acknowledgement: the version in force against the one
/// acknowledged last (or the shipped one).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PendingDto {
    pub from_id: i64,
    pub to_id: i64,
    pub published_on: NaiveDate,
    /// The substantively changed clauses, by number.
    pub clauses: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RulesPageDto {
    /// Newest first.
    pub versions: Vec<RulesVersionDto>,
    pub pending: Option<PendingDto>,
    pub may_import: bool,
}

/// What was acknowledged: the archived PDF to sign.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AcknowledgementDto {
    pub document_id: i64,
    pub file_name: String,
    pub version_id: i64,
}

fn count(changes: &[ClauseChange]) -> (u32, u32) {
    let substantive = changes.iter().filter(|c| c.substantive()).count() as u32;
    let editorial = changes.iter().filter(|c| c.kind == ChangeKind::Editorial).count() as u32;
    (substantive, editorial)
}

/// The version acknowledged last (its index), 0 when none was.
fn last_acknowledged(db: &Db<'_>, all: &[Version]) -> Result<usize, ApiError> {
    let acked: Vec<i64> = db.acknowledgements()?.iter().map(|a| a.version_id).collect();
    Ok(all.iter().rposition(|v| acked.contains(&v.id)).unwrap_or(0))
}

/// The acknowledgement the version in force on `day` waits for: its substantive changes
/// against the version acknowledged last; `None` when there are none.
fn pending(
    db: &Db<'_>,
    all: &[Version],
    day: NaiveDate,
) -> Result<Option<(usize, usize, Vec<ClauseChange>)>, ApiError> {
    let to = in_force(all, day);
    let from = last_acknowledged(db, all)?;
    if to == 0 || from >= to {
        return Ok(None);
    }
    let changes: Vec<ClauseChange> =
        club::rules::diff(&all[from].rules, &all[to].rules).into_iter().filter(ClauseChange::substantive).collect();
    Ok((!changes.is_empty()).then_some((from, to, changes)))
}

fn is_obligation(c: &ClauseChange) -> bool {
    c.kind == ChangeKind::Added && OBLIGATION_SECTIONS.iter().any(|s| c.number().starts_with(s))
}

/// The status page's steps: acknowledge the rules in force, and each new obligation they add.
pub(crate) fn rules_actions(db: &Db<'_>, today: NaiveDate) -> Result<Vec<NextAction>, ApiError> {
    if !db.has_rules_versions()? {
        return Ok(Vec::new());
    }
    let all = versions(db)?;
    let Some((_, to, changes)) = pending(db, &all, today)? else { return Ok(Vec::new()) };
    let published = all[to].published_on.unwrap_or(today);
    let mut out = vec![NextAction::AcknowledgeRules {
        published,
        clauses: changes.iter().map(|c| c.number().to_string()).collect(),
    }];
    for c in changes.iter().filter(|c| is_obligation(c)) {
        out.push(NextAction::NewObligation { clause: c.number().to_string(), published });
    }
    Ok(out)
}

/// A date typed as `2026-11-20` or `20.11.2026`.
fn parse_day(text: &str) -> Result<NaiveDate, ApiError> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .map_err(|_| err(ErrorCode::RulesDateInvalid, format!("{t:?} is not a date (dd.mm.yyyy)")))
}

/// The words of a file: a PDF's text layer, or text in UTF-8 (with or without its mark) or
/// UTF-16 with its mark.
fn text_of(bytes: &[u8]) -> Result<String, ApiError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(err(ErrorCode::RulesTooLarge, format!("{} bytes: not a version of the rules", bytes.len())));
    }
    if bytes.starts_with(b"%PDF-") {
        return pdf::text(bytes);
    }
    let not_text = || err(ErrorCode::RulesNotText, "the file is neither text (UTF-8) nor a PDF");
    let text = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        String::from_utf8(rest.to_vec()).map_err(|_| not_text())?
    } else if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        let le = bytes[0] == 0xff;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).map_err(|_| not_text())?
    } else {
        String::from_utf8(bytes.to_vec()).map_err(|_| not_text())?
    };
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
        return Err(not_text());
    }
    Ok(text)
}

/// Whether a text is the club's rules at all (and not another document picked by mistake).
fn names_the_club(text: &str) -> bool {
    let folded: String = club::rules::text::editorial_key(&text.chars().take(5000).collect::<String>());
    folded.contains(&club::rules::text::editorial_key("Alatau City Club"))
}

impl Desk {
    fn version_dto(
        &self,
        db: &Db<'_>,
        all: &[Version],
        i: usize,
        today: NaiveDate,
    ) -> Result<RulesVersionDto, ApiError> {
        let v = &all[i];
        let (substantive, editorial) =
            if i == 0 { (0, 0) } else { count(&club::rules::diff(&all[i - 1].rules, &v.rules)) };
        let ack = db.acknowledgement_of(v.id)?;
        let acknowledged = match ack {
            Some(a) => {
                let by = match a.person_id {
                    Some(p) => db.person(p)?.map(|p| p.name),
                    None => None,
                };
                Some(AcknowledgedDto {
                    at: DateTime::parse_from_rfc3339(&a.acknowledged_at)
                        .map(|d| d.with_timezone(&Utc))
                        .unwrap_or_default(),
                    by,
                    document_id: a.document_id,
                    signed: !db.signatures(a.document_id)?.is_empty(),
                })
            }
            None => None,
        };
        let imported_by = match &v.row {
            Some(r) => match db.inserted_by("rules_version", &[r.id])?.remove(&r.id) {
                Some(profile) => Some(self.people_names()?.remove(&profile).unwrap_or(profile)),
                None => None,
            },
            None => None,
        };
        Ok(RulesVersionDto {
            id: v.id,
            published_on: v.published_on,
            source_name: v.row.as_ref().map(|r| r.source_name.clone()),
            source_sha256: v.row.as_ref().map(|r| r.source_sha256.clone()),
            imported_at: v
                .row
                .as_ref()
                .and_then(|r| DateTime::parse_from_rfc3339(&r.imported_at).ok())
                .map(|d| d.with_timezone(&Utc)),
            imported_by,
            key: v.key.clone(),
            clauses: v.rules.clauses.len() as u32,
            gaps: v.rules.gaps.clone(),
            in_force: in_force(all, today) == i,
            substantive,
            editorial,
            notice_days: club::rules::notice_days(&v.rules),
            acknowledged,
        })
    }

    /// The rules page: every version, newest first, and what waits for acknowledgement.
    pub fn rules_page(&self) -> Result<RulesPageDto, ApiError> {
        self.need(Need::Status)?;
        let today = self.today();
        let db = self.store.read();
        let all = versions(&db)?;
        let mut list = Vec::new();
        for i in (0..all.len()).rev() {
            list.push(self.version_dto(&db, &all, i, today)?);
        }
        let pending = pending(&db, &all, today)?.map(|(from, to, changes)| PendingDto {
            from_id: all[from].id,
            to_id: all[to].id,
            published_on: all[to].published_on.unwrap_or(today),
            clauses: changes.iter().map(|c| c.number().to_string()).collect(),
        });
        Ok(RulesPageDto { versions: list, pending, may_import: self.session_role().is_none_or(|r| r == Role::Owner) })
    }

    fn diff_dto(&self, db: &Db<'_>, all: &[Version], from: usize, to: usize) -> Result<RulesDiffDto, ApiError> {
        let today = self.today();
        let changes = club::rules::diff(&all[from].rules, &all[to].rules);
        let unchanged = changes.iter().filter(|c| c.kind == ChangeKind::Unchanged).count() as u32;
        let certificates = crate::training::latest_certificates(db)?;
        let lang = self.language()?;
        let mut out = Vec::new();
        for c in changes.into_iter().filter(|c| c.kind != ChangeKind::Unchanged) {
            let impact = impact(all, (from, to), &c, &certificates, lang, today);
            out.push(ChangeDto { change: c, impact });
        }
        Ok(RulesDiffDto {
            from: self.version_dto(db, all, from, today)?,
            to: self.version_dto(db, all, to, today)?,
            changes: out,
            unchanged,
        })
    }

    /// What changed from version `from` to version `to` (ids; by default the version in force
    /// against the one before it).
    pub fn rules_diff(&self, from: Option<i64>, to: Option<i64>) -> Result<RulesDiffDto, ApiError> {
        self.need(Need::Status)?;
        let today = self.today();
        let db = self.store.read();
        let all = versions(&db)?;
        let index = |id: i64| {
            all.iter()
                .position(|v| v.id == id)
                .ok_or_else(|| err(ErrorCode::RulesVersionNotFound, format!("there is no version {id}")))
        };
        let to = match to {
            Some(id) => index(id)?,
            None => in_force(&all, today),
        };
        let from = match from {
            Some(id) => index(id)?,
            None => to.saturating_sub(1),
        };
        self.diff_dto(&db, &all, from, to)
    }

    /// Imports a published version (text or PDF) with the day it was published. The same text
    /// again, however wrapped, is recognised and not stored twice. When it is the version in
    /// force today, the cashiers whose certificate covers a clause whose words changed get
    /// that clause's lesson as a refresher.
    pub fn import_rules(&mut self, bytes: &[u8], file_name: &str, published_on: &str) -> Result<ImportedDto, ApiError> {
        self.need(Need::Rules)?;
        let today = self.today();
        let published = parse_day(published_on)?;
        if published > today {
            return Err(err(ErrorCode::RulesPublishedInFuture, format!("{published} is after today")));
        }
        let text = text_of(bytes)?;
        if !names_the_club(&text) {
            return Err(err(ErrorCode::RulesNotTheRules, "the text does not name Alatau City Club: not its rules"));
        }
        let rules = club::rules::parse(&text)?;
        let canonical = hex(rules.canonical().as_bytes());
        let name: String = file_name.chars().take(200).collect();
        {
            let db = self.store.read();
            let all = versions(&db)?;
            let known = all.iter().position(|v| hex(v.rules.canonical().as_bytes()) == canonical);
            if let Some(i) = known {
                return Ok(ImportedDto {
                    version: self.version_dto(&db, &all, i, today)?,
                    already_known: true,
                    diff: None,
                    refreshers: 0,
                });
            }
        }
        let now = self.clock.now().to_rfc3339();
        let source = hex(bytes);
        let (id, refreshers) = self.store.write(|db| -> Result<(i64, u32), ApiError> {
            let id = db.insert_rules_version(&NewRulesVersion {
                published_on: published,
                text: &text,
                canonical_sha256: &canonical,
                source_name: &name,
                source_sha256: &source,
                imported_at: &now,
            })?;
            let all = versions(db)?;
            let at = all.iter().position(|v| v.id == id).unwrap_or(0);
            let refreshers = if at == in_force(&all, today) && at > 0 {
                assign_refreshers(db, &all[at - 1].rules, &all[at].rules, id, today)?
            } else {
                0
            };
            Ok((id, refreshers))
        })?;
        let db = self.store.read();
        let all = versions(&db)?;
        let at = all
            .iter()
            .position(|v| v.id == id)
            .ok_or_else(|| err(ErrorCode::Internal, "the version just imported is missing"))?;
        Ok(ImportedDto {
            version: self.version_dto(&db, &all, at, today)?,
            already_known: false,
            diff: Some(self.diff_dto(&db, &all, at - 1, at)?),
            refreshers,
        })
    }

    /// Acknowledges the version in force: the acknowledgement PDF (versions, changed clauses)
    /// goes into the document archive, the membership history records it. The owner's PIN,
    /// typed again just before, confirms it; signing the PDF with the EDS key follows where a
    /// key is at hand.
    pub fn acknowledge_rules(&mut self) -> Result<AcknowledgementDto, ApiError> {
        self.need(Need::Acknowledge)?;
        let today = self.today();
        let lang = self.language()?;
        let now = self.clock.now();
        let person = self.session_person().map(|(id, _)| id);
        let (pdf, file_name, version_id, from_id, published, title) = {
            let db = self.store.read();
            let all = versions(&db)?;
            let Some((from, to, changes)) = pending(&db, &all, today)? else {
                return Err(err(ErrorCode::RulesNothingToAcknowledge, "the rules in force are acknowledged already"));
            };
            let seller = db.seller()?.ok_or_else(|| err(ErrorCode::ShopMissing, "there is no shop yet"))?;
            let person_name = match person {
                Some(p) => db.person(p)?.map(|p| p.name).unwrap_or_default(),
                None => String::new(),
            };
            let published = all[to].published_on.unwrap_or(today);
            let facts = ack::Facts {
                seller: &seller,
                person: &person_name,
                from_published: all[from].published_on,
                to_published: published,
                to_source: all[to].row.as_ref().map(|r| r.source_name.as_str()).unwrap_or_default(),
                to_sha256: all[to].row.as_ref().map(|r| r.source_sha256.as_str()).unwrap_or_default(),
                changes: &changes,
                at: now,
            };
            let pdf = ack::pdf(&facts, lang)?;
            let file_name = format!("rules-acknowledgement-{published}.pdf");
            let title = ack::title(lang, published);
            (pdf, file_name, all[to].id, all[from].id, published, title)
        };
        let at = now.to_rfc3339();
        let document_id = self.store.write(|db| -> Result<i64, ApiError> {
            let doc = db.insert_document(&title, "rules_acknowledgement", &file_name, &pdf, today, None)?;
            let from = (from_id != SHIPPED).then_some(from_id);
            db.insert_acknowledgement(version_id, from, person, &at, doc)?;
            db.append_event(today, &club::membership::EventKind::RulesAcknowledged { published }, "")?;
            Ok(doc)
        })?;
        Ok(AcknowledgementDto { document_id, file_name, version_id })
    }

    /// The acknowledgement PDF written to the data folder's `documents` folder: its path.
    pub fn keep_acknowledgement(&self, document_id: i64) -> Result<std::path::PathBuf, ApiError> {
        self.need(Need::Status)?;
        let (name, bytes) = self.acknowledgement_pdf(document_id)?;
        let dir = self.data_folder().join("documents");
        std::fs::create_dir_all(&dir)
            .map_err(|e| err(ErrorCode::FileNotSaved, format!("cannot make the folder {}: {e}", dir.display())))?;
        let path = dir.join(name);
        crate::statements::save(&path, &bytes)?;
        Ok(path)
    }

    /// The acknowledgement PDF of the archive, to save or print: (file name, bytes).
    pub fn acknowledgement_pdf(&self, document_id: i64) -> Result<(String, Vec<u8>), ApiError> {
        self.need(Need::Status)?;
        let db = self.store.read();
        let doc = db
            .documents()?
            .into_iter()
            .find(|d| d.id == document_id && d.kind == "rules_acknowledgement")
            .ok_or_else(|| err(ErrorCode::FileNotFound, "no such acknowledgement"))?;
        let bytes = db.document_bytes(document_id)?.unwrap_or_default();
        Ok((doc.file_name, bytes))
    }
}

/// What change `c` of the diff from version `pair.0` to `pair.1` touches in the shop.
fn impact(
    all: &[Version],
    pair: (usize, usize),
    c: &ClauseChange,
    certificates: &Certificates,
    lang: club::Lang,
    today: NaiveDate,
) -> ImpactDto {
    let numbers: Vec<&str> = [c.old_number.as_deref(), c.new_number.as_deref()].into_iter().flatten().collect();
    let mut impact = ImpactDto { new_obligation: is_obligation(c), ..ImpactDto::default() };
    if let Ok(content) = training::content() {
        for r in content.rules.iter().filter(|r| r.clauses.iter().any(|x| numbers.contains(&x.as_str()))) {
            impact.lessons.push(LessonRefDto { rule: r.id.clone(), title: r.lesson.get(lang).title.clone() });
        }
    }
    if let (true, Some(old)) = (c.words_changed, c.old_number.as_deref()) {
        impact.certificates = covered_by_certificates(certificates, old, today).into_iter().map(|(p, _)| p).collect();
    }
    if numbers.contains(&club::rules::NOTICE_CLAUSE) {
        let before = club::rules::notice_days(&all[pair.0].rules);
        let after = club::rules::notice_days(&all[pair.1].rules);
        if let (Some(b), Some(a)) = (before, after) {
            if a != b {
                impact.notice_days = Some((b, a));
            }
        }
    }
    impact
}

/// People (name, person id) whose certificate in force on `day`, of each person's `latest`,
/// covers clause `number`.
fn covered_by_certificates(latest: &Certificates, number: &str, day: NaiveDate) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = latest
        .values()
        .filter(|c| c.valid_until >= day && c.clauses.split(',').any(|x| x.trim() == number))
        .map(|c| (c.person_name.clone(), c.person_id))
        .collect();
    out.sort();
    out
}

/// The latest certificate of each person, by person id.
type Certificates = std::collections::HashMap<i64, store::training::CertificateRow>;

/// Refreshers after `new` replaced `old`: for each clause whose words changed (or which went),
/// the lessons citing it, to every active person whose certificate in force covers it and
/// who has no such refresher open. Returns how many were assigned.
fn assign_refreshers(db: &Db<'_>, old: &Rules, new: &Rules, version_id: i64, day: NaiveDate) -> Result<u32, ApiError> {
    let Ok(content) = training::content() else { return Ok(0) };
    let changes = club::rules::diff(old, new);
    let active: Vec<i64> = db.people()?.into_iter().filter(|p| p.active).map(|p| p.id).collect();
    let mut open: std::collections::HashSet<(i64, String)> = db
        .assignments()?
        .into_iter()
        .filter(|a| a.done_attempt_id.is_none() && a.rules_version_id.is_some())
        .map(|a| (a.person_id, a.rule))
        .collect();
    let certificates = crate::training::latest_certificates(db)?;
    let mut assigned = 0;
    for c in changes.iter().filter(|c| c.words_changed && c.old_number.is_some()) {
        let number = c.old_number.as_deref().unwrap_or_default();
        for rule in content.rules.iter().filter(|r| r.clauses.iter().any(|x| x == number)) {
            for (_, person) in covered_by_certificates(&certificates, number, day) {
                if active.contains(&person) && open.insert((person, rule.id.clone())) {
                    db.insert_refresher(person, &rule.id, version_id, day)?;
                    assigned += 1;
                }
            }
        }
    }
    Ok(assigned)
}
