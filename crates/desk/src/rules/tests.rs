use chrono::{TimeZone, Utc};
use club::rules::{ChangeKind, RULES_KK};
use club::status::NextAction;

use super::*;
use crate::demo::DEMO_PEOPLE;
use crate::people::SignInDto;
use crate::training::{AnswerQuestionDto, QuizKind, StartQuizDto};
use crate::ManualClock;

fn demo(dir: &tempfile::TempDir) -> Desk {
    demo_with_clock(dir).0
}

fn demo_with_clock(dir: &tempfile::TempDir) -> (Desk, ManualClock) {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    let mut desk = Desk::open(dir.path(), clock.clone()).unwrap();
    desk.init_demo().unwrap();
    desk.sign_out().unwrap();
    sign_in(&mut desk, 0);
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

/// The shipped text as the platform would change it: cash for goods (2.6.4) reworded, 4.4's
/// notice from 10 to 14 days, a new obligation 2.5.6.
fn changed_version() -> String {
    let replace = |text: String, from: &str, to: &str| {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        text.replace(from, to)
    };
    let mut t = RULES_KK.to_string();
    t = replace(
        t,
        "2.6.4. Клиентке Тауардың орнына ақша беру;",
        "2.6.4. Клиентке Тауардың орнына қолма-қол ақша немесе аударым беру;",
    );
    t = replace(t, "күнтізбелік 10 (он) күн бұрын", "күнтізбелік 14 (он төрт) күн бұрын");
    t = replace(
        t,
        "2.6. Сатушыға тыйым салынады:",
        "2.5.6. әр сату орнында Клиенттерге Банктің төлем құралдары қабылданатынын хабарлайды;\n\n2.6. Сатушыға тыйым салынады:",
    );
    t
}

fn rules_citing(number: &str) -> Vec<String> {
    training::content()
        .unwrap()
        .rules
        .iter()
        .filter(|r| r.clauses.iter().any(|c| c == number))
        .map(|r| r.id.clone())
        .collect()
}

#[test]
fn the_shipped_version_is_the_one_training_has_recorded() {
    assert_eq!(key_of(RULES_KK), training::rules_version());
}

#[test]
fn a_new_version_shows_its_changes_and_what_they_touch_assigns_refreshers_and_waits_for_acknowledgement() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, clock) = demo_with_clock(&dir);
    let page = desk.rules_page().unwrap();
    assert_eq!(page.versions.len(), 1);
    assert!(page.versions[0].in_force && page.versions[0].published_on.is_none() && page.pending.is_none());
    assert_eq!(page.versions[0].clauses, 77);

    let imported = desk.import_rules(changed_version().as_bytes(), "ережелер-2026-11.txt", "20.11.2026").unwrap();
    assert!(!imported.already_known);
    assert_eq!(imported.version.published_on, Some(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()));
    assert_eq!(imported.version.imported_by.as_deref(), Some(DEMO_PEOPLE[0].0));
    assert!(imported.version.in_force);
    let diff = imported.diff.unwrap();
    let changed: Vec<(ChangeKind, &str)> = diff.changes.iter().map(|c| (c.change.kind, c.change.number())).collect();
    assert_eq!(changed, [(ChangeKind::Added, "2.5.6"), (ChangeKind::Changed, "2.6.4"), (ChangeKind::Changed, "4.4")]);
    assert_eq!(diff.unchanged, 77 - 2);
    let impact = |n: &str| &diff.changes.iter().find(|c| c.change.number() == n).unwrap().impact;
    // The fine clause names its lesson and the certificates in force (not Ерлан's, expired).
    let lessons: Vec<&str> = impact("2.6.4").lessons.iter().map(|l| l.rule.as_str()).collect();
    assert_eq!(lessons, rules_citing("2.6.4"));
    assert!(lessons.contains(&"no-cash-out"));
    let mut certified = impact("2.6.4").certificates.clone();
    certified.sort();
    let mut expected = vec![DEMO_PEOPLE[2].0.to_string(), DEMO_PEOPLE[3].0.to_string()];
    expected.sort();
    assert_eq!(certified, expected);
    assert_eq!(impact("4.4").notice_days, Some((10, 14)));
    assert!(impact("2.5.6").new_obligation && !impact("2.6.4").new_obligation);
    assert_eq!(imported.refreshers, 2 * rules_citing("2.6.4").len() as u32);

    // The status page asks for the acknowledgement and names the new obligation.
    let steps = desk.overview().unwrap().status.next_actions;
    let ack = steps.iter().find_map(|a| match a {
        NextAction::AcknowledgeRules { clauses, .. } => Some(clauses.clone()),
        _ => None,
    });
    assert_eq!(ack, Some(vec!["2.5.6".to_string(), "2.6.4".to_string(), "4.4".to_string()]));
    assert!(steps.iter().any(|a| matches!(a, NextAction::NewObligation { clause, .. } if clause == "2.5.6")));

    // The same text wrapped another way is known already.
    let rewrapped = changed_version().replace("Сатушы: ", "Сатушы:\n\n");
    let again = desk.import_rules(rewrapped.as_bytes(), "copy.txt", "2026-11-20").unwrap();
    assert!(again.already_known);
    assert_eq!(desk.rules_page().unwrap().versions.len(), 2);

    // The roster says who has a refresher; the cashier's certificate is stale until it is done.
    let roster = desk.training_roster().unwrap();
    let line = |r: &crate::training::RosterDto, name: &str| r.lines.iter().find(|l| l.person == name).unwrap().clone();
    assert_eq!(line(&roster, DEMO_PEOPLE[2].0).refreshers.len(), rules_citing("2.6.4").len());
    assert!(line(&roster, DEMO_PEOPLE[4].0).refreshers.is_empty(), "an expired certificate needs the full course");
    desk.sign_out().unwrap();
    sign_in(&mut desk, 2);
    let mine = desk.my_training().unwrap();
    assert!(mine.certificate.as_ref().unwrap().stale);
    let refresher = mine.assignments.iter().find(|a| a.rule == "no-cash-out" && !a.done).unwrap();
    assert_eq!(refresher.rules_published, Some(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()));
    for rule in rules_citing("2.6.4") {
        let quiz = desk.start_quiz(StartQuizDto { kind: QuizKind::Rule, rule: Some(rule) }).unwrap();
        let content = training::content().unwrap();
        for q in &quiz.questions {
            let option = content.question(&q.question_id).unwrap().1.answer as u32;
            desk.answer_question(AnswerQuestionDto { attempt_id: quiz.attempt_id, position: q.position, option })
                .unwrap();
        }
        desk.finish_quiz(quiz.attempt_id).unwrap();
    }
    let mine = desk.my_training().unwrap();
    assert!(!mine.certificate.unwrap().stale);
    assert!(mine.attempts.iter().all(|a| !a.finished || a.passed || a.kind != QuizKind::Rule));
    desk.sign_out().unwrap();
    sign_in(&mut desk, 0);
    assert!(line(&desk.training_roster().unwrap(), DEMO_PEOPLE[2].0).refreshers.is_empty());

    // Acknowledging: the owner's PIN again, a PDF in the archive, a fact in the history.
    clock.advance(chrono::Duration::minutes(3));
    assert_eq!(code(desk.acknowledge_rules()), ErrorCode::PinConfirmNeeded);
    desk.confirm_pin(DEMO_PEOPLE[0].3.into()).unwrap();
    let done = desk.acknowledge_rules().unwrap();
    let (name, pdf) = desk.acknowledgement_pdf(done.document_id).unwrap();
    assert_eq!(name, "rules-acknowledgement-2026-11-20.pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let docs = desk.documents().unwrap();
    assert!(docs.iter().any(|d| d.id == done.document_id && d.kind == "rules_acknowledgement"));
    let overview = desk.overview().unwrap();
    assert!(matches!(
        overview.history.last().unwrap().kind,
        club::membership::EventKind::RulesAcknowledged { published } if published == NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    ));
    assert!(!overview
        .status
        .next_actions
        .iter()
        .any(|a| matches!(a, NextAction::AcknowledgeRules { .. } | NextAction::NewObligation { .. })));
    let page = desk.rules_page().unwrap();
    assert!(page.pending.is_none());
    let ack = page.versions[0].acknowledged.as_ref().unwrap();
    assert_eq!((ack.by.as_deref(), ack.signed), (Some(DEMO_PEOPLE[0].0), false));
    assert_eq!(code(desk.acknowledge_rules()), ErrorCode::RulesNothingToAcknowledge);
    // Typed in as a membership event, it is refused.
    let typed = crate::dto::NewEventDto {
        occurred_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        kind: club::membership::EventKind::RulesAcknowledged {
            published: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        },
        note: String::new(),
    };
    assert_eq!(code(desk.record_event(typed)), ErrorCode::RulesAcknowledgedHere);
}

#[test]
fn an_editorial_only_version_needs_no_acknowledgement_and_assigns_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let editorial = RULES_KK.replace("2.6. Сатушыға тыйым салынады:", "2.6. Cатушыға тыйым  салынады");
    let imported = desk.import_rules(editorial.as_bytes(), "r.txt", "2026-11-02").unwrap();
    let diff = imported.diff.unwrap();
    assert_eq!(diff.changes.len(), 1);
    assert_eq!(diff.changes[0].change.kind, ChangeKind::Editorial);
    assert_eq!((imported.refreshers, imported.version.substantive, imported.version.editorial), (0, 0, 1));
    assert!(desk.rules_page().unwrap().pending.is_none());
    desk.confirm_pin(DEMO_PEOPLE[0].3.into()).unwrap();
    assert_eq!(code(desk.acknowledge_rules()), ErrorCode::RulesNothingToAcknowledge);
}

#[test]
fn the_notice_period_the_status_page_counts_follows_the_version_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    // 12 days' notice, announced on 29 November: enough under the shipped 10 days.
    let announce = crate::dto::NewEventDto {
        occurred_on: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        kind: club::membership::EventKind::ClubStopAnnounced {
            stop: club::membership::ClubStop::Suspension,
            effective: NaiveDate::from_ymd_opt(2026, 12, 11).unwrap(),
        },
        note: String::new(),
    };
    desk.record_event(announce).unwrap();
    let short = |desk: &Desk| {
        desk.overview().unwrap().status.next_actions.iter().find_map(|a| match a {
            NextAction::ShortNotice { notice_days, required_days } => Some((*notice_days, *required_days)),
            _ => None,
        })
    };
    assert_eq!(short(&desk), None);
    // A version with 14 days published after the announcement does not reach back to it…
    desk.import_rules(changed_version().as_bytes(), "later.txt", "2026-11-30").unwrap();
    assert_eq!(short(&desk), None);
    assert_eq!(desk.overview().unwrap().status.announcement.unwrap().required_days, 10);
    // …one published before it does.
    let earlier = changed_version().replace("2.5.6. ", "2.5.6. Сатушы ");
    desk.import_rules(earlier.as_bytes(), "earlier.txt", "2026-11-01").unwrap();
    assert_eq!(short(&desk), Some((12, 14)));
}

#[test]
fn files_that_are_not_a_version_of_the_rules_are_refused_and_nothing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let text = changed_version();
    let refused = |desk: &mut Desk, bytes: &[u8], day: &str| code(desk.import_rules(bytes, "f", day));
    assert_eq!(refused(&mut desk, text.as_bytes(), "31.02.2026"), ErrorCode::RulesDateInvalid);
    assert_eq!(refused(&mut desk, text.as_bytes(), ""), ErrorCode::RulesDateInvalid);
    assert_eq!(refused(&mut desk, text.as_bytes(), "02.12.2026"), ErrorCode::RulesPublishedInFuture);
    assert_eq!(
        refused(&mut desk, b"notice;date;amount\nJM-1;2026-11-01;50000\n", "2026-11-20"),
        ErrorCode::RulesNotTheRules
    );
    assert_eq!(refused(&mut desk, &[0xff, 0x00, 0x13, 0x80, 0x81], "2026-11-20"), ErrorCode::RulesNotText);
    let repeated = text.replace("2.6.5. Алаяқтық", "2.6.4. Алаяқтық");
    let e = desk.import_rules(repeated.as_bytes(), "f", "2026-11-20").unwrap_err();
    assert_eq!(e.code, ErrorCode::RulesNumberRepeated);
    let line = repeated.lines().position(|l| l.starts_with("2.6.4. Алаяқтық")).unwrap() + 1;
    assert!(e.message.starts_with(&format!("line {line}:")), "{}", e.message);
    let backwards = text.replace("6.11. Alatau", "5.5. Alatau");
    assert_eq!(refused(&mut desk, backwards.as_bytes(), "2026-11-20"), ErrorCode::RulesNumberBackwards);
    // A scan: a PDF with a picture and no text.
    let scan = print::render(&print::Document {
        title: String::new(),
        blocks: vec![print::Block::Matrix { modules: 21, dark: vec![true; 21 * 21], side: 150 }],
        landscape: false,
        running_head: String::new(),
    })
    .unwrap();
    assert_eq!(refused(&mut desk, &scan, "2026-11-20"), ErrorCode::RulesPdfNoText);
    let pdf = rules_pdf(&text);
    assert_eq!(refused(&mut desk, &pdf[..pdf.len() / 3], "2026-11-20"), ErrorCode::RulesPdfDamaged);
    assert_eq!(refused(&mut desk, &vec![b'a'; MAX_FILE_BYTES + 1], "2026-11-20"), ErrorCode::RulesTooLarge);
    assert_eq!(desk.rules_page().unwrap().versions.len(), 1, "nothing was kept");

    // Who may: the accountant reads, the owner imports, a cashier sees nothing.
    desk.sign_out().unwrap();
    sign_in(&mut desk, 1);
    assert!(desk.rules_page().is_ok() && desk.rules_diff(None, None).is_ok());
    assert_eq!(refused(&mut desk, text.as_bytes(), "2026-11-20"), ErrorCode::RoleRefused);
    desk.sign_out().unwrap();
    sign_in(&mut desk, 2);
    assert_eq!(code(desk.rules_page()), ErrorCode::RoleRefused);
}

/// The text as a PDF, a paragraph per line of the text (as a published PDF has it).
fn rules_pdf(text: &str) -> Vec<u8> {
    let blocks =
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| print::Block::Paragraph(l.to_string())).collect();
    print::render(&print::Document {
        title: "Alatau City Club ережелері".into(),
        blocks,
        landscape: false,
        running_head: String::new(),
    })
    .unwrap()
}

#[test]
fn a_published_pdf_imports_as_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    // The shipped text as a PDF is the shipped version.
    let shipped = desk.import_rules(&rules_pdf(RULES_KK), "ережелер.pdf", "2026-11-20").unwrap();
    assert!(shipped.already_known && shipped.version.id == SHIPPED);
    let imported = desk.import_rules(&rules_pdf(&changed_version()), "ережелер-2026.pdf", "2026-11-20").unwrap();
    assert!(!imported.already_known);
    let changed: Vec<&str> = imported.diff.as_ref().unwrap().changes.iter().map(|c| c.change.number()).collect();
    assert_eq!(changed, ["2.5.6", "2.6.4", "4.4"]);
    // Its text and the .txt are the same version.
    assert!(desk.import_rules(changed_version().as_bytes(), "r.txt", "2026-11-20").unwrap().already_known);
}
