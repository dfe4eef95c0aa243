//! The cashiers' training: attempts and their answers, certificates, assignments after a
//! refusal and lessons read. The meaning of each (scores, pass rule, validity) is `training`'s
//! and `desk`'s; here they are kept, each write audited.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

use crate::shop::date;
use crate::{Db, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptRow {
    pub id: i64,
    pub person_id: i64,
    /// `certification`, `rule` or `review`.
    pub kind: String,
    pub rule: Option<String>,
    pub lang: String,
    pub rules_version: String,
    /// The questions drawn, JSON.
    pub questions: String,
    /// RFC 3339, UTC.
    pub started_at: String,
    pub finished_at: Option<String>,
    pub right: Option<i64>,
    pub total: Option<i64>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub attempt_id: i64,
    pub position: i64,
    pub question_id: String,
    pub rule: String,
    pub chosen: i64,
    pub correct: bool,
    pub answered_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRow {
    pub id: i64,
    pub code: String,
    pub person_id: i64,
    pub attempt_id: i64,
    pub person_name: String,
    pub shop_name: String,
    pub outlet_name: Option<String>,
    pub rules_version: String,
    /// Comma-separated clause numbers.
    pub clauses: String,
    pub right: i64,
    pub total: i64,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub sha256_kk: String,
    pub sha256_ru: String,
    pub sha256_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentRow {
    pub id: i64,
    pub person_id: i64,
    pub rule: String,
    pub corrective_action_id: Option<i64>,
    pub assigned_on: NaiveDate,
    pub done_attempt_id: Option<i64>,
    /// The version of the rules whose change made this refresher due; `None` for others.
    pub rules_version_id: Option<i64>,
}

const ATTEMPT: &str =
    "id, person_id, kind, rule, lang, rules_version, questions, started_at, finished_at, right_count, total, passed";

fn attempt(r: &Row<'_>) -> rusqlite::Result<AttemptRow> {
    Ok(AttemptRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        kind: r.get(2)?,
        rule: r.get(3)?,
        lang: r.get(4)?,
        rules_version: r.get(5)?,
        questions: r.get(6)?,
        started_at: r.get(7)?,
        finished_at: r.get(8)?,
        right: r.get(9)?,
        total: r.get(10)?,
        passed: r.get::<_, Option<i64>>(11)?.map(|p| p != 0),
    })
}

const ANSWER: &str = "attempt_id, position, question_id, rule, chosen, correct, answered_at";

fn answer(r: &Row<'_>) -> rusqlite::Result<AnswerRow> {
    Ok(AnswerRow {
        attempt_id: r.get(0)?,
        position: r.get(1)?,
        question_id: r.get(2)?,
        rule: r.get(3)?,
        chosen: r.get(4)?,
        correct: r.get::<_, i64>(5)? != 0,
        answered_at: r.get(6)?,
    })
}

const CERTIFICATE: &str =
    "id, code, person_id, attempt_id, person_name, shop_name, outlet_name, rules_version, clauses,
    right_count, total, issued_on, valid_until, sha256_kk, sha256_ru, sha256_en";

fn certificate(r: &Row<'_>) -> Result<CertificateRow, StoreError> {
    Ok(CertificateRow {
        id: r.get(0)?,
        code: r.get(1)?,
        person_id: r.get(2)?,
        attempt_id: r.get(3)?,
        person_name: r.get(4)?,
        shop_name: r.get(5)?,
        outlet_name: r.get(6)?,
        rules_version: r.get(7)?,
        clauses: r.get(8)?,
        right: r.get(9)?,
        total: r.get(10)?,
        issued_on: date(r, 11)?,
        valid_until: date(r, 12)?,
        sha256_kk: r.get(13)?,
        sha256_ru: r.get(14)?,
        sha256_en: r.get(15)?,
    })
}

fn assignment(r: &Row<'_>) -> Result<AssignmentRow, StoreError> {
    Ok(AssignmentRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        rule: r.get(2)?,
        corrective_action_id: r.get(3)?,
        assigned_on: date(r, 4)?,
        done_attempt_id: r.get(5)?,
        rules_version_id: r.get(6)?,
    })
}

impl Db<'_> {
    #[allow(clippy::too_many_arguments)]
    pub fn insert_attempt(
        &self,
        person_id: i64,
        kind: &str,
        rule: Option<&str>,
        lang: &str,
        rules_version: &str,
        questions: &str,
        started_at: &str,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO training_attempt (person_id, kind, rule, lang, rules_version, questions, started_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![person_id, kind, rule, lang, rules_version, questions, started_at],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"person_id": person_id, "kind": kind, "rule": rule, "lang": lang,
            "rules_version": rules_version, "questions": questions, "started_at": started_at});
        self.audit("training_attempt", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    pub fn attempt(&self, id: i64) -> Result<Option<AttemptRow>, StoreError> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {ATTEMPT} FROM training_attempt WHERE id = ?1"), [id], attempt)
            .optional()?)
    }

    /// Every attempt, oldest first.
    pub fn attempts(&self) -> Result<Vec<AttemptRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("SELECT {ATTEMPT} FROM training_attempt ORDER BY id"))?;
        let rows = stmt.query_map([], attempt)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn finish_attempt(
        &self,
        id: i64,
        finished_at: &str,
        right: i64,
        total: i64,
        passed: bool,
    ) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE training_attempt SET finished_at = ?2, right_count = ?3, total = ?4, passed = ?5
             WHERE id = ?1 AND finished_at IS NULL",
            params![id, finished_at, right, total, i64::from(passed)],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("an unfinished attempt"));
        }
        let after = json!({"finished_at": finished_at, "right": right, "total": total, "passed": passed});
        self.audit("training_attempt", id, "update", Some(&json!({"finished_at": null})), Some(&after))?;
        Ok(())
    }

    pub fn insert_answer(&self, a: &AnswerRow) -> Result<(), StoreError> {
        self.conn.execute(
            &format!("INSERT INTO training_answer ({ANSWER}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
            params![a.attempt_id, a.position, a.question_id, a.rule, a.chosen, i64::from(a.correct), a.answered_at],
        )?;
        let after =
            json!({"position": a.position, "question_id": a.question_id, "chosen": a.chosen, "correct": a.correct});
        self.audit("training_answer", a.attempt_id, "insert", None, Some(&after))?;
        Ok(())
    }

    pub fn answers(&self, attempt_id: i64) -> Result<Vec<AnswerRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {ANSWER} FROM training_answer WHERE attempt_id = ?1 ORDER BY position"))?;
        let rows = stmt.query_map([attempt_id], answer)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every answer a person gave, in every attempt, oldest first.
    pub fn answers_of(&self, person_id: i64) -> Result<Vec<AnswerRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.attempt_id, a.position, a.question_id, a.rule, a.chosen, a.correct, a.answered_at
             FROM training_answer a JOIN training_attempt t ON t.id = a.attempt_id
             WHERE t.person_id = ?1 ORDER BY a.answered_at, a.attempt_id, a.position",
        )?;
        let rows = stmt.query_map([person_id], answer)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn insert_certificate(&self, c: &CertificateRow) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO training_certificate (code, person_id, attempt_id, person_name, shop_name, outlet_name,
                rules_version, clauses, right_count, total, issued_on, valid_until, sha256_kk, sha256_ru, sha256_en)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                c.code,
                c.person_id,
                c.attempt_id,
                c.person_name,
                c.shop_name,
                c.outlet_name,
                c.rules_version,
                c.clauses,
                c.right,
                c.total,
                c.issued_on.to_string(),
                c.valid_until.to_string(),
                c.sha256_kk,
                c.sha256_ru,
                c.sha256_en
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"code": c.code, "person_id": c.person_id, "attempt_id": c.attempt_id,
            "person_name": c.person_name, "issued_on": c.issued_on, "valid_until": c.valid_until,
            "rules_version": c.rules_version, "sha256_kk": c.sha256_kk, "sha256_ru": c.sha256_ru, "sha256_en": c.sha256_en});
        self.audit("training_certificate", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    /// Every certificate, oldest first.
    pub fn certificates(&self) -> Result<Vec<CertificateRow>, StoreError> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {CERTIFICATE} FROM training_certificate ORDER BY issued_on, id"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(certificate(r)?);
        }
        Ok(out)
    }

    pub fn certificate_by_code(&self, code: &str) -> Result<Option<CertificateRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("SELECT {CERTIFICATE} FROM training_certificate WHERE code = ?1"))?;
        let mut rows = stmt.query([code])?;
        rows.next()?.map(certificate).transpose()
    }

    pub fn insert_assignment(
        &self,
        person_id: i64,
        rule: &str,
        corrective_action_id: Option<i64>,
        assigned_on: NaiveDate,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO training_assignment (person_id, rule, corrective_action_id, assigned_on) VALUES (?1, ?2, ?3, ?4)",
            params![person_id, rule, corrective_action_id, assigned_on.to_string()],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"person_id": person_id, "rule": rule, "corrective_action_id": corrective_action_id, "assigned_on": assigned_on});
        self.audit("training_assignment", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    /// A refresher of `rule` after version `rules_version_id` of the rules changed a clause it
    /// teaches.
    pub fn insert_refresher(
        &self,
        person_id: i64,
        rule: &str,
        rules_version_id: i64,
        assigned_on: NaiveDate,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO training_assignment (person_id, rule, assigned_on, rules_version_id) VALUES (?1, ?2, ?3, ?4)",
            params![person_id, rule, assigned_on.to_string(), rules_version_id],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"person_id": person_id, "rule": rule, "rules_version_id": rules_version_id, "assigned_on": assigned_on});
        self.audit("training_assignment", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    pub fn assignments(&self) -> Result<Vec<AssignmentRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, person_id, rule, corrective_action_id, assigned_on, done_attempt_id, rules_version_id
             FROM training_assignment ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(assignment(r)?);
        }
        Ok(out)
    }

    pub fn complete_assignment(&self, id: i64, attempt_id: i64) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE training_assignment SET done_attempt_id = ?2 WHERE id = ?1 AND done_attempt_id IS NULL",
            params![id, attempt_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("an open assignment"));
        }
        self.audit(
            "training_assignment",
            id,
            "update",
            Some(&json!({"done_attempt_id": null})),
            Some(&json!({"done_attempt_id": attempt_id})),
        )?;
        Ok(())
    }

    /// Records that a person opened a rule's lesson on a day (once a day is enough).
    pub fn record_lesson_read(&self, person_id: i64, rule: &str, on: NaiveDate) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO training_lesson_read (person_id, rule, read_on) VALUES (?1, ?2, ?3)",
            params![person_id, rule, on.to_string()],
        )?;
        if n > 0 {
            self.audit("training_lesson_read", person_id, "insert", None, Some(&json!({"rule": rule, "read_on": on})))?;
        }
        Ok(())
    }

    /// The rules whose lesson a person has opened, with the last day.
    pub fn lessons_read(&self, person_id: i64) -> Result<Vec<(String, NaiveDate)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT rule, MAX(read_on) FROM training_lesson_read WHERE person_id = ?1 GROUP BY rule ORDER BY rule",
        )?;
        let mut rows = stmt.query([person_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push((r.get(0)?, date(r, 1)?));
        }
        Ok(out)
    }
}
