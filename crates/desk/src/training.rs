//! The cashiers' training (2.5.2, 6.3, 6.11): lessons, quizzes and the daily review for the
//! person signed in; certificates issued on passing and checked against the shop's records;
//! the roster; the lesson a refusal's corrective action assigns, and the action closing itself
//! when the outlet's cashiers have passed.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use club::Lang;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use store::training::{AnswerRow, AttemptRow, CertificateRow};
use store::Db;
use training::quiz::{self, Drawn};
use training::roster::Standing;
use training::Content;
use ts_rs::TS;

use crate::people::{Need, Role};
use crate::{ApiError, Desk, ErrorCode};

/// The rule a refusal's corrective action assigns (2.5.4: accept the bank's instruments).
pub const REFUSAL_RULE: &str = "accept";

fn err(code: ErrorCode, message: impl Into<String>) -> ApiError {
    ApiError::new(code, message)
}

fn content() -> Result<&'static Content, ApiError> {
    training::content().map_err(|e| err(ErrorCode::TrainingContentBroken, format!("the lessons cannot be read: {e}")))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuizKind {
    /// Every rule: passing gives a certificate.
    Certification,
    /// One rule's questions (an assignment after a refusal).
    Rule,
    /// The daily review, picked by spaced repetition.
    Review,
}

impl QuizKind {
    fn code(self) -> &'static str {
        match self {
            QuizKind::Certification => "certification",
            QuizKind::Rule => "rule",
            QuizKind::Review => "review",
        }
    }

    fn from_code(code: &str) -> QuizKind {
        match code {
            "certification" => QuizKind::Certification,
            "rule" => QuizKind::Rule,
            _ => QuizKind::Review,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LessonSummaryDto {
    pub rule: String,
    pub clauses: Vec<String>,
    pub title: String,
    pub critical: bool,
    pub read_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LessonDto {
    pub rule: String,
    pub clauses: Vec<String>,
    pub title: String,
    pub body: String,
    pub critical: bool,
    /// The next lesson in order, if any.
    pub next: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AssignmentDto {
    pub id: i64,
    pub rule: String,
    pub title: String,
    pub clauses: Vec<String>,
    pub assigned_on: NaiveDate,
    pub done: bool,
    /// A refresher: the publication day of the version of the rules that changed a clause the
    /// lesson teaches.
    pub rules_published: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CertificateDto {
    pub code: String,
    pub person: String,
    pub shop: String,
    pub outlet: Option<String>,
    pub rules_version: String,
    pub right: u32,
    pub total: u32,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    /// On the day asked.
    pub standing: Standing,
    /// The rules changed a clause it covers since it was issued: refreshers are open.
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AttemptSummaryDto {
    pub id: i64,
    pub kind: QuizKind,
    pub rule: Option<String>,
    pub started_at: DateTime<Utc>,
    pub finished: bool,
    pub right: u32,
    pub total: u32,
    pub passed: bool,
}

/// What the person signed in sees on the training page.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MyTrainingDto {
    pub person: String,
    pub outlet: Option<String>,
    pub standing: Standing,
    pub certificate: Option<CertificateDto>,
    /// Answered questions due for review today.
    pub review_due: u32,
    pub reviewed_today: bool,
    pub weakest_rule: Option<String>,
    pub lessons: Vec<LessonSummaryDto>,
    pub assignments: Vec<AssignmentDto>,
    /// An unfinished quiz, to go on with.
    pub open_quiz: Option<QuizDto>,
    pub attempts: Vec<AttemptSummaryDto>,
    pub pass_percent: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QuizOptionDto {
    /// The option's number in the content (what is sent back), not its place on screen.
    pub number: u32,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FeedbackDto {
    pub position: u32,
    pub chosen: u32,
    pub correct: bool,
    pub right_option: u32,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QuizQuestionDto {
    pub position: u32,
    pub question_id: String,
    pub rule: String,
    pub clauses: Vec<String>,
    pub text: String,
    pub options: Vec<QuizOptionDto>,
    pub feedback: Option<FeedbackDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QuizDto {
    pub attempt_id: i64,
    pub kind: QuizKind,
    pub rule: Option<String>,
    pub questions: Vec<QuizQuestionDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StartQuizDto {
    pub kind: QuizKind,
    pub rule: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AnswerQuestionDto {
    pub attempt_id: i64,
    pub position: u32,
    pub option: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QuizResultDto {
    pub attempt_id: i64,
    pub kind: QuizKind,
    pub right: u32,
    pub total: u32,
    pub percent: u32,
    pub passed: bool,
    pub pass_percent: u32,
    /// The clauses of critical questions answered wrong (2.6.3, 2.6.4, 2.6.5).
    pub critical_missed: Vec<String>,
    pub certificate: Option<CertificateDto>,
    /// Corrective actions this pass closed.
    pub closed_actions: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RosterLineDto {
    pub person_id: i64,
    pub person: String,
    pub role: Role,
    pub outlet_id: Option<i64>,
    pub outlet: Option<String>,
    pub standing: Standing,
    pub valid_until: Option<NaiveDate>,
    pub code: Option<String>,
    pub weakest_rule: Option<String>,
    pub weakest_title: Option<String>,
    pub open_assignments: u32,
    /// The lessons (titles) due as refreshers after the rules changed.
    pub refreshers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RosterDto {
    pub lines: Vec<RosterLineDto>,
    pub as_of: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerifyOutcome {
    /// The code is in the shop's records (and the file, if one was given, is the one issued).
    Genuine,
    /// The file names a certificate of the shop's records but is not the file issued.
    Altered,
    /// No certificate with this code in the shop's records: forged, or another shop's.
    Unknown,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VerifyDto {
    pub outcome: VerifyOutcome,
    pub code: String,
    pub certificate: Option<CertificateDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RosterFormat {
    Xlsx,
    Pdf,
}

/// A stored drawn question: the question and the options' order shown.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredQuestion {
    q: String,
    r: String,
    o: Vec<usize>,
}

fn now_text(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_time(t: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(t).map(|d| d.with_timezone(&Utc)).unwrap_or_default()
}

fn drawn_of(a: &AttemptRow) -> Result<Vec<StoredQuestion>, ApiError> {
    serde_json::from_str(&a.questions)
        .map_err(|e| err(ErrorCode::StoreBadData, format!("attempt {}'s questions cannot be read: {e}", a.id)))
}

fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn certificate_dto(c: &CertificateRow, today: NaiveDate) -> CertificateDto {
    CertificateDto {
        code: c.code.clone(),
        person: c.person_name.clone(),
        shop: c.shop_name.clone(),
        outlet: c.outlet_name.clone(),
        rules_version: c.rules_version.clone(),
        right: c.right as u32,
        total: c.total as u32,
        issued_on: c.issued_on,
        valid_until: c.valid_until,
        standing: training::roster::standing(Some(c.valid_until), today),
        stale: false,
    }
}

fn facts_of(c: &CertificateRow) -> training::certificate::Facts {
    training::certificate::Facts {
        code: c.code.clone(),
        person: c.person_name.clone(),
        shop: c.shop_name.clone(),
        outlet: c.outlet_name.clone(),
        rules_version: c.rules_version.clone(),
        clauses: c.clauses.split(',').map(str::to_string).filter(|s| !s.is_empty()).collect(),
        right: c.right as usize,
        total: c.total as usize,
        issued_on: c.issued_on,
        valid_until: c.valid_until,
    }
}

/// The person's answers as the review scheduler reads them.
fn history(db: &Db<'_>, person_id: i64) -> Result<Vec<training::review::Seen>, ApiError> {
    Ok(db
        .answers_of(person_id)?
        .into_iter()
        .map(|a| training::review::Seen {
            question_id: a.question_id,
            on: parse_time(&a.answered_at).date_naive(),
            right: a.correct,
        })
        .collect())
}

/// The latest certificate of each person.
pub(crate) fn latest_certificates(db: &Db<'_>) -> Result<std::collections::HashMap<i64, CertificateRow>, ApiError> {
    let mut out = std::collections::HashMap::new();
    for c in db.certificates()? {
        out.insert(c.person_id, c);
    }
    Ok(out)
}

/// Assigns the 2.5.4 lesson and quiz to the cashiers of a refusal's outlet, inside the caller's
/// transaction (recording the fine).
pub(crate) fn assign_after_refusal(db: &Db<'_>, action_id: i64, outlet_id: i64, on: NaiveDate) -> Result<(), ApiError> {
    for p in db.people()? {
        if p.active && p.role == Role::Cashier.code() && p.outlet_id == Some(outlet_id) {
            db.insert_assignment(p.id, REFUSAL_RULE, Some(action_id), on)?;
        }
    }
    Ok(())
}

impl Desk {
    fn trainee(&self) -> Result<(i64, Role), ApiError> {
        self.session_person().ok_or_else(|| err(ErrorCode::SessionNone, "nobody is signed in"))
    }

    /// The training page of the person signed in.
    pub fn my_training(&self) -> Result<MyTrainingDto, ApiError> {
        self.need(Need::Training)?;
        let (person_id, _) = self.trainee()?;
        let content = content()?;
        let lang = self.language()?;
        let today = self.today();
        let db = self.store.read();
        let person = db.person(person_id)?.ok_or_else(|| err(ErrorCode::SessionNone, "nobody is signed in"))?;
        let outlets = db.outlets()?;
        let outlet = person.outlet_id.and_then(|id| outlets.iter().find(|o| o.id == id)).map(|o| o.name.clone());
        let certificate = latest_certificates(&db)?.remove(&person_id);
        let read: std::collections::HashMap<String, NaiveDate> = db.lessons_read(person_id)?.into_iter().collect();
        let seen = history(&db, person_id)?;
        let attempts: Vec<AttemptRow> = db.attempts()?.into_iter().filter(|a| a.person_id == person_id).collect();
        let open = attempts.iter().rev().find(|a| a.finished_at.is_none());
        let open_quiz = match open {
            Some(a) => Some(self.quiz_dto(&db, content, a, lang)?),
            None => None,
        };
        let reviewed_today = attempts.iter().any(|a| {
            a.kind == "review" && a.finished_at.as_deref().is_some_and(|f| parse_time(f).date_naive() == today)
        });
        let published: std::collections::HashMap<i64, NaiveDate> =
            db.rules_versions()?.into_iter().map(|v| (v.id, v.published_on)).collect();
        let assignments: Vec<AssignmentDto> = db
            .assignments()?
            .into_iter()
            .filter(|a| a.person_id == person_id)
            .filter_map(|a| {
                let rule = content.rule(&a.rule)?;
                Some(AssignmentDto {
                    id: a.id,
                    rule: a.rule.clone(),
                    title: rule.lesson.get(lang).title.clone(),
                    clauses: rule.clauses.clone(),
                    assigned_on: a.assigned_on,
                    done: a.done_attempt_id.is_some(),
                    rules_published: a.rules_version_id.and_then(|v| published.get(&v).copied()),
                })
            })
            .collect();
        let stale = assignments.iter().any(|a| !a.done && a.rules_published.is_some());
        Ok(MyTrainingDto {
            person: person.name.clone(),
            outlet,
            standing: training::roster::standing(certificate.as_ref().map(|c| c.valid_until), today),
            certificate: certificate.as_ref().map(|c| CertificateDto { stale, ..certificate_dto(c, today) }),
            review_due: training::review::due_count(content, &seen, today) as u32,
            reviewed_today,
            weakest_rule: training::review::weakest_rule(content, &seen, today),
            lessons: content
                .rules
                .iter()
                .map(|r| LessonSummaryDto {
                    rule: r.id.clone(),
                    clauses: r.clauses.clone(),
                    title: r.lesson.get(lang).title.clone(),
                    critical: r.critical,
                    read_on: read.get(&r.id).copied(),
                })
                .collect(),
            assignments,
            open_quiz,
            attempts: attempts
                .iter()
                .rev()
                .map(|a| AttemptSummaryDto {
                    id: a.id,
                    kind: QuizKind::from_code(&a.kind),
                    rule: a.rule.clone(),
                    started_at: parse_time(&a.started_at),
                    finished: a.finished_at.is_some(),
                    right: a.right.unwrap_or(0) as u32,
                    total: a.total.unwrap_or(0) as u32,
                    passed: a.passed.unwrap_or(false),
                })
                .collect(),
            pass_percent: quiz::PASS_PERCENT as u32,
        })
    }

    /// A lesson in the window's language; opening it is recorded for the person signed in.
    pub fn lesson(&mut self, rule: &str) -> Result<LessonDto, ApiError> {
        self.need(Need::Training)?;
        let (person_id, _) = self.trainee()?;
        let content = content()?;
        let r = content.rule(rule).ok_or_else(|| err(ErrorCode::TrainingUnknownRule, format!("no lesson {rule:?}")))?;
        let lang = self.language()?;
        let today = self.today();
        self.store.write(|db| db.record_lesson_read(person_id, &r.id, today))?;
        let next = content.rules.iter().find(|x| x.order > r.order).map(|x| x.id.clone());
        let text = r.lesson.get(lang);
        Ok(LessonDto {
            rule: r.id.clone(),
            clauses: r.clauses.clone(),
            title: text.title.clone(),
            body: text.body.clone(),
            critical: r.critical,
            next,
        })
    }

    fn quiz_dto(&self, db: &Db<'_>, content: &Content, a: &AttemptRow, lang: Lang) -> Result<QuizDto, ApiError> {
        let drawn = drawn_of(a)?;
        let answers: std::collections::HashMap<i64, AnswerRow> =
            db.answers(a.id)?.into_iter().map(|x| (x.position, x)).collect();
        let mut questions = Vec::new();
        for (i, d) in drawn.iter().enumerate() {
            let Some((rule, q)) = content.question(&d.q) else { continue };
            let text = q.text(lang);
            let feedback = answers.get(&(i as i64)).map(|x| FeedbackDto {
                position: i as u32,
                chosen: x.chosen as u32,
                correct: x.correct,
                right_option: q.answer as u32,
                explanation: text.explanation.clone(),
            });
            questions.push(QuizQuestionDto {
                position: i as u32,
                question_id: q.id.clone(),
                rule: rule.id.clone(),
                clauses: rule.clauses.clone(),
                text: text.text.clone(),
                options: d
                    .o
                    .iter()
                    .filter_map(|n| {
                        text.options.get(n - 1).map(|t| QuizOptionDto { number: *n as u32, text: t.clone() })
                    })
                    .collect(),
                feedback,
            });
        }
        Ok(QuizDto { attempt_id: a.id, kind: QuizKind::from_code(&a.kind), rule: a.rule.clone(), questions })
    }

    /// Starts a quiz for the person signed in, or goes on with the one left unfinished (a
    /// double click, or the window closed in the middle, starts nothing new).
    pub fn start_quiz(&mut self, input: StartQuizDto) -> Result<QuizDto, ApiError> {
        self.need(Need::Training)?;
        let (person_id, _) = self.trainee()?;
        let content = content()?;
        let lang = self.language()?;
        let today = self.today();
        let now = self.clock.now();
        let open = self
            .store
            .read()
            .attempts()?
            .into_iter()
            .rev()
            .find(|a| a.person_id == person_id && a.finished_at.is_none());
        if let Some(a) = open {
            return self.quiz_dto(&self.store.read(), content, &a, lang);
        }
        let mut rng = rand::rng();
        let (drawn, rule): (Vec<Drawn>, Option<String>) = match input.kind {
            QuizKind::Certification => (quiz::draw_certification(content, &mut rng), None),
            QuizKind::Rule => {
                let rule = input.rule.clone().unwrap_or_default();
                let d = quiz::draw_rule(content, &rule, &mut rng)
                    .ok_or_else(|| err(ErrorCode::TrainingUnknownRule, format!("no rule {rule:?}")))?;
                (d, Some(rule))
            }
            QuizKind::Review => {
                let seen = history(&self.store.read(), person_id)?;
                let ids = training::review::choose(content, &seen, today, training::review::DAILY);
                (quiz::draw_questions(content, &ids, &mut rng), None)
            }
        };
        let stored: Vec<StoredQuestion> = drawn
            .iter()
            .map(|d| StoredQuestion { q: d.question_id.clone(), r: d.rule.clone(), o: d.order.clone() })
            .collect();
        let json = serde_json::to_string(&stored).map_err(|e| err(ErrorCode::Internal, e.to_string()))?;
        let version = crate::rules::key_in_force(&self.store.read(), today)?;
        let id = self.store.write(|db| {
            db.insert_attempt(
                person_id,
                input.kind.code(),
                rule.as_deref(),
                lang.code(),
                &version,
                &json,
                &now_text(now),
            )
        })?;
        let a = self
            .store
            .read()
            .attempt(id)?
            .ok_or_else(|| err(ErrorCode::Internal, "the attempt just made is missing"))?;
        self.quiz_dto(&self.store.read(), content, &a, lang)
    }

    fn own_open_attempt(&self, attempt_id: i64) -> Result<AttemptRow, ApiError> {
        let (person_id, _) = self.trainee()?;
        let a = self
            .store
            .read()
            .attempt(attempt_id)?
            .filter(|a| a.person_id == person_id)
            .ok_or_else(|| err(ErrorCode::TrainingAttemptNotFound, "no such quiz of yours"))?;
        if a.finished_at.is_some() {
            return Err(err(ErrorCode::TrainingFinished, "this quiz is finished"));
        }
        Ok(a)
    }

    /// Records one answer and tells whether it was right, with the explanation. The same answer
    /// sent twice (a double click) is told again; another answer to an answered question is
    /// refused: the first one counts.
    pub fn answer_question(&mut self, input: AnswerQuestionDto) -> Result<FeedbackDto, ApiError> {
        self.need(Need::Training)?;
        let content = content()?;
        let lang = self.language()?;
        let a = self.own_open_attempt(input.attempt_id)?;
        let drawn = drawn_of(&a)?;
        let d = drawn
            .get(input.position as usize)
            .ok_or_else(|| err(ErrorCode::TrainingAttemptNotFound, "no such question in this quiz"))?;
        let (rule, q) = content.question(&d.q).ok_or_else(|| {
            err(ErrorCode::TrainingContentBroken, format!("question {} is no longer in the lessons", d.q))
        })?;
        if !d.o.contains(&(input.option as usize)) {
            return Err(err(ErrorCode::TrainingOptionInvalid, "no such answer to this question"));
        }
        let explanation = q.text(lang).explanation.clone();
        let feedback = |chosen: u32, correct: bool| FeedbackDto {
            position: input.position,
            chosen,
            correct,
            right_option: q.answer as u32,
            explanation: explanation.clone(),
        };
        if let Some(given) =
            self.store.read().answers(a.id)?.into_iter().find(|x| x.position == i64::from(input.position))
        {
            if given.chosen == i64::from(input.option) {
                return Ok(feedback(given.chosen as u32, given.correct));
            }
            return Err(err(ErrorCode::TrainingAlreadyAnswered, "this question is answered; the first answer counts"));
        }
        let correct = q.answer == input.option as usize;
        let row = AnswerRow {
            attempt_id: a.id,
            position: i64::from(input.position),
            question_id: q.id.clone(),
            rule: rule.id.clone(),
            chosen: i64::from(input.option),
            correct,
            answered_at: now_text(self.clock.now()),
        };
        self.store.write(|db| db.insert_answer(&row))?;
        Ok(feedback(input.option, correct))
    }

    /// Scores a quiz whose every question is answered. A passed certification issues a
    /// certificate; a pass (certification or the rule's quiz) completes the person's open
    /// assignments, and a corrective action whose cashiers have all passed is done.
    pub fn finish_quiz(&mut self, attempt_id: i64) -> Result<QuizResultDto, ApiError> {
        self.need(Need::Training)?;
        let content = content()?;
        let lang = self.language()?;
        let a = self.own_open_attempt(attempt_id)?;
        let drawn = drawn_of(&a)?;
        let given = self.store.read().answers(a.id)?;
        let answers: Vec<quiz::Answer> = drawn
            .iter()
            .enumerate()
            .map(|(i, d)| quiz::Answer {
                question_id: d.q.clone(),
                chosen: given.iter().find(|x| x.position == i as i64).map(|x| x.chosen as usize),
            })
            .collect();
        let score = quiz::score(content, &answers);
        if score.unanswered > 0 {
            return Err(err(
                ErrorCode::TrainingUnanswered,
                format!("{} of {} questions are not answered yet", score.unanswered, score.total),
            ));
        }
        let kind = QuizKind::from_code(&a.kind);
        let today = self.today();
        let now = self.clock.now();
        let person_id = a.person_id;
        let mut critical_missed: Vec<String> = score
            .critical_missed
            .iter()
            .filter_map(|id| content.question(id))
            .flat_map(|(r, _)| r.clauses.clone())
            .collect();
        critical_missed.sort();
        critical_missed.dedup();
        let passes = score.passed && kind != QuizKind::Review;
        let issued = if passes && kind == QuizKind::Certification {
            Some(self.certificate_row(person_id, a.id, &score, today)?)
        } else {
            None
        };
        let done_note = self.words_for_actions(lang);
        let (certificate, closed) = self.store.write(|db| -> Result<_, ApiError> {
            db.finish_attempt(a.id, &now_text(now), score.right as i64, score.total as i64, score.passed)?;
            let certificate = match &issued {
                Some(c) => {
                    db.insert_certificate(c)?;
                    Some(c.clone())
                }
                None => None,
            };
            let mut closed = Vec::new();
            if passes {
                let covered = |rule: &str| kind == QuizKind::Certification || a.rule.as_deref() == Some(rule);
                let mut actions = Vec::new();
                for asg in db.assignments()? {
                    if asg.person_id == person_id && asg.done_attempt_id.is_none() && covered(&asg.rule) {
                        db.complete_assignment(asg.id, a.id)?;
                        actions.extend(asg.corrective_action_id);
                    }
                }
                actions.sort();
                actions.dedup();
                for action in actions {
                    if close_if_trained(db, action, today, &done_note)? {
                        closed.push(action);
                    }
                }
            }
            Ok((certificate, closed))
        })?;
        Ok(QuizResultDto {
            attempt_id: a.id,
            kind,
            right: score.right as u32,
            total: score.total as u32,
            percent: score.percent as u32,
            passed: score.passed,
            pass_percent: quiz::PASS_PERCENT as u32,
            critical_missed,
            certificate: certificate.as_ref().map(|c| certificate_dto(c, today)),
            closed_actions: closed,
        })
    }

    fn words_for_actions(&self, lang: Lang) -> (String, String) {
        match lang {
            Lang::Kk => ("Кассирлер 2.5.4-тармақ бойынша қайта оқыды".into(), "тест".into()),
            Lang::Ru => ("Кассиры переобучены по п. 2.5.4".into(), "тест".into()),
            Lang::En => ("Cashiers retrained on clause 2.5.4".into(), "quiz".into()),
        }
    }

    fn certificate_row(
        &self,
        person_id: i64,
        attempt_id: i64,
        score: &quiz::Score,
        today: NaiveDate,
    ) -> Result<CertificateRow, ApiError> {
        let db = self.store.read();
        let person = db.person(person_id)?.ok_or_else(|| err(ErrorCode::SessionNone, "nobody is signed in"))?;
        let shop = db.seller()?.map(|s| s.name).unwrap_or_default();
        let outlet =
            person.outlet_id.and_then(|id| db.outlets().ok()?.into_iter().find(|o| o.id == id)).map(|o| o.name);
        let taken: std::collections::HashSet<String> = db.certificates()?.into_iter().map(|c| c.code).collect();
        let mut rng = rand::rng();
        let mut code = training::code::new_code(&mut rng);
        while taken.contains(&code) {
            code = training::code::new_code(&mut rng);
        }
        let mut clauses: Vec<String> = content()?.rules.iter().flat_map(|r| r.clauses.clone()).collect();
        clauses.sort_by_key(|c| clause_key(c));
        clauses.dedup();
        let mut row = CertificateRow {
            id: 0,
            code,
            person_id,
            attempt_id,
            person_name: person.name,
            shop_name: shop,
            outlet_name: outlet,
            rules_version: crate::rules::key_in_force(&db, today)?,
            clauses: clauses.join(","),
            right: score.right as i64,
            total: score.total as i64,
            issued_on: today,
            valid_until: training::roster::valid_until(today),
            sha256_kk: String::new(),
            sha256_ru: String::new(),
            sha256_en: String::new(),
        };
        let facts = facts_of(&row);
        let pdf = |lang| {
            training::certificate::certificate_pdf(&facts, lang).map_err(|e| err(ErrorCode::Internal, e.to_string()))
        };
        row.sha256_kk = sha_hex(&pdf(Lang::Kk)?);
        row.sha256_ru = sha_hex(&pdf(Lang::Ru)?);
        row.sha256_en = sha_hex(&pdf(Lang::En)?);
        Ok(row)
    }

    /// A certificate's PDF in `lang` (the file issued: its bytes match the digest kept). A
    /// cashier gets only their own.
    pub fn certificate_pdf(&self, code: &str, lang: Lang) -> Result<(String, Vec<u8>), ApiError> {
        self.need(Need::Training)?;
        let (person_id, role) = self.trainee()?;
        let code = parse_code(code)?;
        let c = self
            .store
            .read()
            .certificate_by_code(&code)?
            .filter(|c| role != Role::Cashier || c.person_id == person_id)
            .ok_or_else(|| err(ErrorCode::TrainingCertificateNotFound, "no such certificate"))?;
        let bytes = training::certificate::certificate_pdf(&facts_of(&c), lang)
            .map_err(|e| err(ErrorCode::Internal, e.to_string()))?;
        Ok((format!("certificate-{}-{}.pdf", c.code, lang.code()), bytes))
    }

    /// Writes a certificate into the data folder's `certificates` folder; the path.
    pub fn keep_certificate(&self, code: &str, lang: Lang) -> Result<std::path::PathBuf, ApiError> {
        self.need(Need::Training)?;
        let (name, bytes) = self.certificate_pdf(code, lang)?;
        let dir = self.data_folder().join("certificates");
        std::fs::create_dir_all(&dir)
            .map_err(|e| err(ErrorCode::FileNotSaved, format!("cannot make the folder {}: {e}", dir.display())))?;
        let path = dir.join(name);
        crate::statements::save(&path, &bytes)?;
        Ok(path)
    }

    /// Everyone's standing, per outlet (cashiers always; others once they have trained).
    pub fn training_roster(&self) -> Result<RosterDto, ApiError> {
        self.need(Need::Roster)?;
        let content = content()?;
        let lang = self.language()?;
        let today = self.today();
        let db = self.store.read();
        let outlets = db.outlets()?;
        let certs = latest_certificates(&db)?;
        let attempts = db.attempts()?;
        let assignments = db.assignments()?;
        let mut lines = Vec::new();
        for p in db.people()? {
            let Some(role) = Role::from_code(&p.role) else { continue };
            let trained = attempts.iter().any(|a| a.person_id == p.id);
            if !p.active || (role != Role::Cashier && !trained) {
                continue;
            }
            let cert = certs.get(&p.id);
            let seen = history(&db, p.id)?;
            let weakest = training::review::weakest_rule(content, &seen, today);
            lines.push(RosterLineDto {
                person_id: p.id,
                person: p.name.clone(),
                role,
                outlet_id: p.outlet_id,
                outlet: p.outlet_id.and_then(|id| outlets.iter().find(|o| o.id == id)).map(|o| o.name.clone()),
                standing: training::roster::standing(cert.map(|c| c.valid_until), today),
                valid_until: cert.map(|c| c.valid_until),
                code: cert.map(|c| c.code.clone()),
                weakest_title: weakest
                    .as_deref()
                    .and_then(|w| content.rule(w))
                    .map(|r| r.lesson.get(lang).title.clone()),
                weakest_rule: weakest,
                open_assignments: assignments
                    .iter()
                    .filter(|a| a.person_id == p.id && a.done_attempt_id.is_none())
                    .count() as u32,
                refreshers: assignments
                    .iter()
                    .filter(|a| a.person_id == p.id && a.done_attempt_id.is_none() && a.rules_version_id.is_some())
                    .filter_map(|a| content.rule(&a.rule))
                    .map(|r| r.lesson.get(lang).title.clone())
                    .collect(),
            });
        }
        lines.sort_by(|a, b| {
            (a.outlet_id.is_none(), a.outlet_id, a.standing, &a.person).cmp(&(
                b.outlet_id.is_none(),
                b.outlet_id,
                b.standing,
                &b.person,
            ))
        });
        Ok(RosterDto { lines, as_of: today })
    }

    /// The roster as a file for the platform's check: (file name, bytes).
    pub fn roster_file(&self, format: RosterFormat) -> Result<(String, Vec<u8>), ApiError> {
        self.need(Need::Roster)?;
        let roster = self.training_roster()?;
        let lang = self.language()?;
        let shop = self.store.read().seller()?.map(|s| s.name).unwrap_or_default();
        let lines: Vec<training::roster::Line> = roster
            .lines
            .iter()
            .map(|l| training::roster::Line {
                outlet: l.outlet.clone(),
                person: l.person.clone(),
                role: l.role.code().to_string(),
                standing: l.standing,
                valid_until: l.valid_until,
                code: l.code.clone(),
                weakest: l.weakest_title.clone(),
            })
            .collect();
        let today = roster.as_of;
        let (ext, bytes) = match format {
            RosterFormat::Xlsx => ("xlsx", training::roster::roster_xlsx(&shop, &lines, today, lang)),
            RosterFormat::Pdf => ("pdf", training::roster::roster_pdf(&shop, &lines, today, lang)),
        };
        let bytes = bytes.map_err(|e| err(ErrorCode::Internal, e.to_string()))?;
        Ok((format!("training-roster-{today}.{ext}"), bytes))
    }

    /// Checks a certificate code (typed, or read from its QR code) against the shop's records.
    pub fn verify_certificate_code(&self, typed: &str) -> Result<VerifyDto, ApiError> {
        self.need(Need::Roster)?;
        let code = match training::code::find_code(typed.as_bytes()) {
            Some(c) => c,
            None => parse_code(typed)?,
        };
        let today = self.today();
        let found = self.store.read().certificate_by_code(&code)?;
        Ok(VerifyDto {
            outcome: if found.is_some() { VerifyOutcome::Genuine } else { VerifyOutcome::Unknown },
            certificate: found.as_ref().map(|c| certificate_dto(c, today)),
            code,
        })
    }

    /// Checks a certificate's PDF: its code must be in the records and the file must be the one
    /// issued, byte for byte (in any of the three languages).
    pub fn verify_certificate_file(&self, bytes: &[u8]) -> Result<VerifyDto, ApiError> {
        self.need(Need::Roster)?;
        let code = training::code::find_code(bytes)
            .ok_or_else(|| err(ErrorCode::TrainingNotCertificate, "this file carries no certificate code"))?;
        let today = self.today();
        let found = self.store.read().certificate_by_code(&code)?;
        let digest = sha_hex(bytes);
        let outcome = match &found {
            None => VerifyOutcome::Unknown,
            Some(c) if [&c.sha256_kk, &c.sha256_ru, &c.sha256_en].contains(&&digest) => VerifyOutcome::Genuine,
            Some(_) => VerifyOutcome::Altered,
        };
        Ok(VerifyDto { outcome, certificate: found.as_ref().map(|c| certificate_dto(c, today)), code })
    }
}

/// The status page's training steps: who is overdue, due within 30 days, or (a cashier) never
/// trained.
pub(crate) fn training_actions(db: &Db<'_>, today: NaiveDate) -> Result<Vec<club::status::NextAction>, ApiError> {
    use club::status::NextAction as A;
    let certs = latest_certificates(db)?;
    let mut out = Vec::new();
    for p in db.people()? {
        if !p.active {
            continue;
        }
        let cert = certs.get(&p.id);
        let (person_id, person) = (p.id, p.name.clone());
        match (training::roster::standing(cert.map(|c| c.valid_until), today), cert) {
            (Standing::Overdue, Some(c)) => out.push(A::TrainingOverdue { person_id, person, until: c.valid_until }),
            (Standing::DueSoon, Some(c)) => out.push(A::TrainingDueSoon { person_id, person, until: c.valid_until }),
            (Standing::Never, _) if p.role == Role::Cashier.code() => out.push(A::TrainingNever { person_id, person }),
            _ => {}
        }
    }
    Ok(out)
}

fn clause_key(c: &str) -> Vec<u32> {
    c.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

fn parse_code(typed: &str) -> Result<String, ApiError> {
    training::code::parse_code(typed).map_err(|e| err(ErrorCode::TrainingCodeInvalid, e.to_string()))
}

/// Closes a corrective action when every assignment it made is done, naming each person's
/// passing quiz as evidence. True when it closed.
fn close_if_trained(db: &Db<'_>, action_id: i64, today: NaiveDate, words: &(String, String)) -> Result<bool, ApiError> {
    let mine: Vec<_> = db.assignments()?.into_iter().filter(|a| a.corrective_action_id == Some(action_id)).collect();
    if mine.is_empty() || mine.iter().any(|a| a.done_attempt_id.is_none()) {
        return Ok(false);
    }
    if db.corrective_actions()?.iter().find(|a| a.id == action_id).is_none_or(|a| a.done_on.is_some()) {
        return Ok(false);
    }
    let people = db.people()?;
    let mut evidence = Vec::new();
    for a in &mine {
        let name = people.iter().find(|p| p.id == a.person_id).map_or("?", |p| p.name.as_str());
        let attempt = a.done_attempt_id.and_then(|id| db.attempt(id).ok().flatten());
        let score = attempt.as_ref().map_or(String::new(), |t| {
            format!("{} #{} {}/{}", words.1, t.id, t.right.unwrap_or(0), t.total.unwrap_or(0))
        });
        evidence.push(format!("{name} ({score})"));
    }
    let note = format!("{}: {}", words.0, evidence.join("; "));
    db.add_corrective_step(action_id, &format!("{} {}", today.format("%d.%m.%Y"), note))?;
    db.complete_corrective_action(action_id, today, &note)?;
    Ok(true)
}

/// The demo's training history: (cashier's place in the demo's list of cashiers, days ago,
/// kind, questions to get wrong, the rule they fall on).
const DEMO_ATTEMPTS: &[(usize, u64, QuizKind, usize, &str)] = &[
    // Certified, 100 days ago after a failed first try; reviewed since.
    (0, 102, QuizKind::Certification, 5, "no-surcharge"),
    (0, 100, QuizKind::Certification, 1, "privacy"),
    (0, 60, QuizKind::Review, 1, "privacy"),
    (0, 20, QuizKind::Review, 0, "privacy"),
    // Certified 345 days ago: due within 30 days.
    (1, 345, QuizKind::Certification, 2, "marks"),
    (1, 200, QuizKind::Review, 2, "marks"),
    // Certified 400 days ago: overdue.
    (2, 400, QuizKind::Certification, 3, "same-price"),
    (2, 380, QuizKind::Review, 2, "when-down"),
    // Never certified: one failed try this week.
    (3, 4, QuizKind::Certification, 6, "no-cash-out"),
];

impl Desk {
    /// Fills the demo's training: its four cashiers certified, due within 30 days, overdue and
    /// never trained, with the attempts and reviews behind them.
    pub(crate) fn demo_training(&mut self) -> Result<(), ApiError> {
        use rand::SeedableRng;
        let content = content()?;
        let today = self.today();
        let cashiers: Vec<i64> =
            self.store.read().people()?.into_iter().filter(|p| p.role == Role::Cashier.code()).map(|p| p.id).collect();
        let mut rng = rand::rngs::StdRng::seed_from_u64(2_512);
        for (who, days, kind, wrong, weak) in DEMO_ATTEMPTS {
            let Some(&person_id) = cashiers.get(*who) else { continue };
            let day = today.checked_sub_days(chrono::Days::new(*days)).unwrap_or(today);
            let start = day.and_hms_opt(10, 0, 0).unwrap_or_default().and_utc();
            let drawn = match kind {
                QuizKind::Review => {
                    let seen = history(&self.store.read(), person_id)?;
                    let ids = training::review::choose(content, &seen, day, training::review::DAILY);
                    quiz::draw_questions(content, &ids, &mut rng)
                }
                _ => quiz::draw_certification(content, &mut rng),
            };
            // Wrong answers fall first on the weak rule, then on rules that do not fail a quiz.
            let mut wrong_at: Vec<usize> = (0..drawn.len()).filter(|i| drawn[*i].rule == *weak).collect();
            wrong_at.extend(
                (0..drawn.len())
                    .filter(|i| drawn[*i].rule != *weak && !content.rule(&drawn[*i].rule).is_some_and(|r| r.critical)),
            );
            wrong_at.truncate(*wrong);
            let stored: Vec<StoredQuestion> = drawn
                .iter()
                .map(|d| StoredQuestion { q: d.question_id.clone(), r: d.rule.clone(), o: d.order.clone() })
                .collect();
            let json = serde_json::to_string(&stored).map_err(|e| err(ErrorCode::Internal, e.to_string()))?;
            let mut answers = Vec::new();
            for (i, d) in drawn.iter().enumerate() {
                let Some((_, q)) = content.question(&d.question_id) else { continue };
                let chosen = if wrong_at.contains(&i) {
                    d.order.iter().copied().find(|o| *o != q.answer).unwrap_or(q.answer)
                } else {
                    q.answer
                };
                answers.push((i, d.question_id.clone(), d.rule.clone(), chosen, chosen == q.answer));
            }
            let scored: Vec<quiz::Answer> =
                answers.iter().map(|a| quiz::Answer { question_id: a.1.clone(), chosen: Some(a.3) }).collect();
            let score = quiz::score(content, &scored);
            let at = |i: usize| now_text(start + chrono::Duration::seconds(20 * i as i64));
            let attempt_id = self.store.write(|db| -> Result<i64, ApiError> {
                let id =
                    db.insert_attempt(person_id, kind.code(), None, "kk", &training::rules_version(), &json, &at(0))?;
                for (i, q, r, chosen, correct) in &answers {
                    db.insert_answer(&AnswerRow {
                        attempt_id: id,
                        position: *i as i64,
                        question_id: q.clone(),
                        rule: r.clone(),
                        chosen: *chosen as i64,
                        correct: *correct,
                        answered_at: at(i + 1),
                    })?;
                }
                db.finish_attempt(id, &at(answers.len() + 1), score.right as i64, score.total as i64, score.passed)?;
                Ok(id)
            })?;
            if *kind == QuizKind::Certification && score.passed {
                let row = self.certificate_row(person_id, attempt_id, &score, day)?;
                self.store.write(|db| db.insert_certificate(&row))?;
            }
        }
        Ok(())
    }
}
