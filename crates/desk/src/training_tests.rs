use chrono::{Duration, TimeZone, Utc};
use club::fines::Violation;
use training::roster::Standing;

use crate::demo::DEMO_PEOPLE;
use crate::fines::NewFineDto;
use crate::people::SignInDto;
use crate::training::*;
use crate::{ApiError, Desk, ErrorCode, ManualClock};

fn demo(dir: &tempfile::TempDir) -> (Desk, ManualClock) {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    let mut desk = Desk::open(dir.path(), clock.clone()).unwrap();
    desk.init_demo().unwrap();
    desk.sign_out().unwrap();
    (desk, clock)
}

fn sign_in(desk: &mut Desk, index: usize) {
    let (name, _, _, pin) = DEMO_PEOPLE[index];
    let id = desk.sign_in_choices().unwrap().into_iter().find(|c| c.name == name).unwrap().id;
    desk.sign_in(SignInDto { person_id: id, pin: Some(pin.into()) }).unwrap();
}

fn code<T: std::fmt::Debug>(r: Result<T, ApiError>) -> ErrorCode {
    r.unwrap_err().code
}

/// Answers every question of `quiz`: right, or wrong where `wrong(position)` says so.
fn answer_all(desk: &mut Desk, quiz: &QuizDto, wrong: impl Fn(&QuizQuestionDto) -> bool) {
    let content = training::content().unwrap();
    for q in &quiz.questions {
        let (_, question) = content.question(&q.question_id).unwrap();
        let option = if wrong(q) {
            q.options.iter().map(|o| o.number).find(|n| *n as usize != question.answer).unwrap()
        } else {
            question.answer as u32
        };
        let f = desk
            .answer_question(AnswerQuestionDto { attempt_id: quiz.attempt_id, position: q.position, option })
            .unwrap();
        assert_eq!(f.correct, !wrong(q));
        assert!(!f.explanation.is_empty());
    }
}

#[test]
fn the_demo_cashiers_stand_certified_due_overdue_and_never_trained() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    sign_in(&mut desk, 0);
    let roster = desk.training_roster().unwrap();
    let standing = |name: &str| roster.lines.iter().find(|l| l.person == name).unwrap().standing;
    assert_eq!(standing(DEMO_PEOPLE[2].0), Standing::Certified);
    assert_eq!(standing(DEMO_PEOPLE[3].0), Standing::DueSoon);
    assert_eq!(standing(DEMO_PEOPLE[4].0), Standing::Overdue);
    assert_eq!(standing(DEMO_PEOPLE[5].0), Standing::Never);
    assert!(roster.lines.iter().all(|l| l.role == crate::people::Role::Cashier), "the owner has not trained");
    let damir = roster.lines.iter().find(|l| l.person == DEMO_PEOPLE[2].0).unwrap();
    assert!(damir.weakest_rule.is_some() && damir.weakest_title.is_some());
    // The status page names them.
    let actions = desk.overview().unwrap().status.next_actions;
    use club::status::NextAction as A;
    assert!(actions.iter().any(|a| matches!(a, A::TrainingDueSoon { person, .. } if person == DEMO_PEOPLE[3].0)));
    assert!(actions.iter().any(|a| matches!(a, A::TrainingOverdue { person, .. } if person == DEMO_PEOPLE[4].0)));
    assert!(actions.iter().any(|a| matches!(a, A::TrainingNever { person, .. } if person == DEMO_PEOPLE[5].0)));
    assert!(!actions.iter().any(|a| matches!(a, A::TrainingNever { person, .. } if person == DEMO_PEOPLE[0].0)));
    // The roster as files.
    let (name, xlsx) = desk.roster_file(RosterFormat::Xlsx).unwrap();
    assert!(name.ends_with(".xlsx") && xlsx.starts_with(b"PK"));
    assert!(desk.roster_file(RosterFormat::Pdf).unwrap().1.starts_with(b"%PDF"));
    // The demo's certificates verify; a cashier with one sees it.
    let code_of_damir = damir.code.clone().unwrap();
    assert_eq!(desk.verify_certificate_code(&code_of_damir).unwrap().outcome, VerifyOutcome::Genuine);
    desk.sign_out().unwrap();
    sign_in(&mut desk, 2);
    let mine = desk.my_training().unwrap();
    assert_eq!(mine.standing, Standing::Certified);
    assert_eq!(mine.certificate.unwrap().code, code_of_damir);
    assert!(mine.attempts.len() >= 4, "attempts and reviews behind the certificate");
}

#[test]
fn a_cashier_sees_only_training_and_a_quiz_is_failed_then_passed_for_a_certificate_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    sign_in(&mut desk, 5); // never trained
    assert_eq!(code(desk.overview()), ErrorCode::RoleRefused, "no money, fines or documents for a cashier");
    assert_eq!(code(desk.fines_summary()), ErrorCode::RoleRefused);
    assert_eq!(code(desk.training_roster()), ErrorCode::RoleRefused);
    let me = desk.my_training().unwrap();
    assert_eq!(me.standing, Standing::Never);
    assert!(me.lessons.len() >= 9);
    let lesson = desk.lesson("no-cash-out").unwrap();
    assert!(lesson.critical && lesson.body.contains("2.6.4"));
    assert_eq!(code(desk.lesson("nope")), ErrorCode::TrainingUnknownRule);
    let me = desk.my_training().unwrap();
    assert!(me.lessons.iter().find(|l| l.rule == "no-cash-out").unwrap().read_on.is_some());

    // A double click starts one quiz, not two.
    let quiz = desk.start_quiz(StartQuizDto { kind: QuizKind::Certification, rule: None }).unwrap();
    let again = desk.start_quiz(StartQuizDto { kind: QuizKind::Certification, rule: None }).unwrap();
    assert_eq!(quiz.attempt_id, again.attempt_id);
    assert_eq!(quiz.questions.len(), 2 * me.lessons.len());
    let rules: std::collections::BTreeSet<&str> = quiz.questions.iter().map(|q| q.rule.as_str()).collect();
    assert_eq!(rules.len(), me.lessons.len(), "every rule covered");
    assert_eq!(code(desk.finish_quiz(quiz.attempt_id)), ErrorCode::TrainingUnanswered);
    // One wrong answer on 2.6.4 fails the quiz though 17 of 18 are right.
    let critical = quiz.questions.iter().find(|q| q.rule == "no-cash-out").unwrap().position;
    answer_all(&mut desk, &quiz, |q| q.position == critical);
    let q0 = &quiz.questions[0];
    let chosen = desk.my_training().unwrap().open_quiz.unwrap().questions[0].feedback.clone().unwrap().chosen;
    let same = desk.answer_question(AnswerQuestionDto { attempt_id: quiz.attempt_id, position: 0, option: chosen });
    assert!(same.is_ok(), "the same answer sent twice is told again");
    let other = q0.options.iter().map(|o| o.number).find(|n| *n != chosen).unwrap();
    assert_eq!(
        code(desk.answer_question(AnswerQuestionDto { attempt_id: quiz.attempt_id, position: 0, option: other })),
        ErrorCode::TrainingAlreadyAnswered
    );
    assert_eq!(
        code(desk.answer_question(AnswerQuestionDto { attempt_id: quiz.attempt_id, position: 0, option: 99 })),
        ErrorCode::TrainingOptionInvalid
    );
    let failed = desk.finish_quiz(quiz.attempt_id).unwrap();
    assert!(!failed.passed);
    assert_eq!(failed.right, failed.total - 1);
    assert_eq!(failed.critical_missed, vec!["2.6.4".to_string()]);
    assert!(failed.certificate.is_none());
    assert_eq!(code(desk.finish_quiz(quiz.attempt_id)), ErrorCode::TrainingFinished);

    // The second try, all right but two non-critical: a pass, and a certificate.
    let quiz = desk.start_quiz(StartQuizDto { kind: QuizKind::Certification, rule: None }).unwrap();
    assert_ne!(quiz.attempt_id, failed.attempt_id);
    let soft: Vec<u32> = quiz.questions.iter().filter(|q| q.rule == "privacy").map(|q| q.position).collect();
    answer_all(&mut desk, &quiz, |q| soft.contains(&q.position));
    let passed = desk.finish_quiz(quiz.attempt_id).unwrap();
    assert!(passed.passed, "{passed:?}");
    let cert = passed.certificate.unwrap();
    assert_eq!(cert.person, DEMO_PEOPLE[5].0);
    assert_eq!(cert.valid_until, chrono::NaiveDate::from_ymd_opt(2027, 11, 30).unwrap());
    assert_eq!(desk.my_training().unwrap().standing, Standing::Certified);
    let (_, kk) = desk.certificate_pdf(&cert.code, club::Lang::Kk).unwrap();
    let (_, ru) = desk.certificate_pdf(&cert.code, club::Lang::Ru).unwrap();
    assert_eq!(
        code(desk.verify_certificate_file(&kk)),
        ErrorCode::RoleRefused,
        "checking is the owner's or accountant's"
    );
    let path = desk.keep_certificate(&cert.code, club::Lang::Ru).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), ru);

    // Another cashier cannot fetch it.
    desk.sign_out().unwrap();
    sign_in(&mut desk, 3);
    assert_eq!(code(desk.certificate_pdf(&cert.code, club::Lang::Kk)), ErrorCode::TrainingCertificateNotFound);
    desk.sign_out().unwrap();

    // The accountant checks it: the code, each language's file, an altered file, a forged code.
    sign_in(&mut desk, 1);
    assert_eq!(desk.verify_certificate_code(&cert.code.to_lowercase()).unwrap().outcome, VerifyOutcome::Genuine);
    assert_eq!(desk.verify_certificate_file(&kk).unwrap().outcome, VerifyOutcome::Genuine);
    assert_eq!(desk.verify_certificate_file(&ru).unwrap().outcome, VerifyOutcome::Genuine);
    let mut altered = kk.clone();
    let at = altered.len() / 2;
    altered[at] ^= 0x20;
    let v = desk.verify_certificate_file(&altered).unwrap();
    assert_eq!(v.outcome, VerifyOutcome::Altered);
    assert_eq!(v.certificate.unwrap().person, DEMO_PEOPLE[5].0);
    let mut rng = rand::rng();
    let forged = training::code::new_code(&mut rng);
    assert_eq!(desk.verify_certificate_code(&forged).unwrap().outcome, VerifyOutcome::Unknown);
    let mut typo: Vec<char> = cert.code.chars().collect();
    typo[1] = if typo[1] == '7' { '8' } else { '7' };
    let typo: String = typo.into_iter().collect();
    let r = desk.verify_certificate_code(&typo);
    assert!(
        matches!(r, Err(ref e) if e.code == ErrorCode::TrainingCodeInvalid)
            || r.unwrap().outcome == VerifyOutcome::Unknown
    );
    assert_eq!(code(desk.verify_certificate_file(b"%PDF-1.7 nothing")), ErrorCode::TrainingNotCertificate);
    // The attempts are kept, answers and all.
    let attempts = desk.store.read().attempts().unwrap();
    let mine: Vec<_> = attempts.iter().filter(|a| a.person_id == cert_person(&desk, DEMO_PEOPLE[5].0)).collect();
    assert_eq!(mine.len(), 3, "the demo's failed try, and this test's two");
    assert_eq!(desk.store.read().answers(mine[1].id).unwrap().len(), 18);
    assert_eq!(mine[1].passed, Some(false));
    assert_eq!(mine[2].passed, Some(true));
}

fn cert_person(desk: &Desk, name: &str) -> i64 {
    desk.store.read().people().unwrap().into_iter().find(|p| p.name == name).unwrap().id
}

#[test]
fn a_refusal_assigns_the_lesson_and_its_action_closes_when_the_outlets_cashiers_pass() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, clock) = demo(&dir);
    sign_in(&mut desk, 0);
    let astana = desk.overview().unwrap().outlets[1].outlet.id;
    let fine = desk
        .record_fine(NewFineDto {
            notice_number: "R-77".into(),
            notice_date: desk.today(),
            fact_date: desk.today(),
            outlet_id: astana,
            violation: Violation::RefusalToAccept,
            amount: "50000".into(),
            due_date: desk.today() + Duration::days(30),
            notes: String::new(),
        })
        .unwrap();
    let action = fine.corrective_action.unwrap().id;
    desk.sign_out().unwrap();
    // The outlet's two cashiers (Ерлан, Мадина) have it assigned; the other outlet's do not.
    for (who, assigned) in [(2, false), (4, true), (5, true)] {
        sign_in(&mut desk, who);
        let a = desk.my_training().unwrap().assignments;
        assert_eq!(a.iter().any(|x| x.rule == REFUSAL_RULE && !x.done), assigned, "{}", DEMO_PEOPLE[who].0);
        desk.sign_out().unwrap();
    }
    let open = |desk: &mut Desk| {
        sign_in(desk, 0);
        let o = desk.fines_summary().unwrap().open_corrective_actions.iter().any(|a| a.id == action);
        desk.sign_out().unwrap();
        o
    };
    // Ерлан fails the rule's quiz, then passes it: the action stays open for Мадина.
    sign_in(&mut desk, 4);
    let quiz = desk.start_quiz(StartQuizDto { kind: QuizKind::Rule, rule: Some(REFUSAL_RULE.into()) }).unwrap();
    assert!(quiz.questions.iter().all(|q| q.rule == REFUSAL_RULE));
    answer_all(&mut desk, &quiz, |q| q.position < 3);
    assert!(!desk.finish_quiz(quiz.attempt_id).unwrap().passed);
    let quiz = desk.start_quiz(StartQuizDto { kind: QuizKind::Rule, rule: Some(REFUSAL_RULE.into()) }).unwrap();
    answer_all(&mut desk, &quiz, |_| false);
    let r = desk.finish_quiz(quiz.attempt_id).unwrap();
    assert!(r.passed && r.certificate.is_none() && r.closed_actions.is_empty());
    desk.sign_out().unwrap();
    assert!(open(&mut desk));
    // Мадина passes the certification quiz the next day: it covers 2.5.4, and the action closes.
    clock.advance(Duration::days(1));
    sign_in(&mut desk, 5);
    let quiz = desk.start_quiz(StartQuizDto { kind: QuizKind::Certification, rule: None }).unwrap();
    answer_all(&mut desk, &quiz, |_| false);
    let r = desk.finish_quiz(quiz.attempt_id).unwrap();
    // The demo's own refusal at this outlet closes too: the same two cashiers were assigned it.
    assert!(r.closed_actions.contains(&action), "{:?}", r.closed_actions);
    desk.sign_out().unwrap();
    assert!(!open(&mut desk));
    sign_in(&mut desk, 0);
    let detail = desk.fine_detail(fine.fine.id).unwrap();
    let done = detail.corrective_action.unwrap();
    assert_eq!(done.done_on, Some(desk.today()));
    assert!(
        done.done_note.contains(DEMO_PEOPLE[4].0) && done.done_note.contains(DEMO_PEOPLE[5].0),
        "{}",
        done.done_note
    );
    assert!(done.steps.contains("2.5.4"));
}

#[test]
fn the_daily_review_asks_a_few_questions_and_issues_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = demo(&dir);
    sign_in(&mut desk, 4); // overdue, with history
    let before = desk.my_training().unwrap();
    assert!(before.review_due > 0, "a year-old history is due");
    assert!(!before.reviewed_today);
    let quiz = desk.start_quiz(StartQuizDto { kind: QuizKind::Review, rule: None }).unwrap();
    assert_eq!(quiz.questions.len(), training::review::DAILY);
    answer_all(&mut desk, &quiz, |_| false);
    let r = desk.finish_quiz(quiz.attempt_id).unwrap();
    assert!(r.certificate.is_none());
    let after = desk.my_training().unwrap();
    assert!(after.reviewed_today);
    assert!(after.review_due < before.review_due, "answered right today, no longer due");
    assert_eq!(after.standing, Standing::Overdue, "a review is not a certificate");
}
