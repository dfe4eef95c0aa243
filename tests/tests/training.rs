//! The cashiers' training in the real window (2.5.2, 6.3, 6.11): a cashier never trained signs
//! in with her PIN, reads a lesson, fails the quiz once (a wrong answer on 2.6.4), passes it and
//! gets a certificate whose code verifies from the command line, while an altered copy of its
//! PDF does not; her colleague at the same outlet passes the 2.5.4 quiz a refusal assigned him,
//! and the refusal's corrective action closes itself; the owner sees the roster change.

use std::time::{Duration, Instant};

use e2e::{cli, App};
use fantoccini::Locator;

const MADINA: (&str, &str) = ("Мадина Жұмабаева", "385926");
const ERLAN: (&str, &str) = ("Ерлан Қасымов", "647281");

/// Answers the quiz on screen: right, except where `wrong(rule)` says so for the first question
/// of that rule; returns once the result shows.
async fn answer_quiz(app: &App, wrong_rule: Option<&str>) {
    let content = training::content().unwrap();
    let mut missed = false;
    loop {
        let q = app.get("quiz-question").await;
        let id = q.attr("data-question").await.unwrap().unwrap();
        let position = q.attr("data-position").await.unwrap().unwrap();
        let (rule, question) = content.question(&id).unwrap();
        let miss = !missed && wrong_rule == Some(rule.id.as_str());
        let option = if miss {
            missed = true;
            (1..=question.options()).find(|n| *n != question.answer).unwrap()
        } else {
            question.answer
        };
        app.wait_css(&format!("[data-testid='quiz-option'][data-option='{option}']")).await.click().await.unwrap();
        let feedback = app.get("quiz-feedback").await;
        assert_eq!(feedback.attr("data-correct").await.unwrap().as_deref(), Some(if miss { "false" } else { "true" }));
        assert!(!feedback.text().await.unwrap().trim().is_empty(), "an explanation after the answer");
        if let Ok(next) = app.client.find(Locator::Css("[data-testid='quiz-next']")).await {
            next.click().await.unwrap();
            // The next question replaces this one.
            let deadline = Instant::now() + Duration::from_secs(10);
            while app.attr("quiz-question", "data-position").await.as_deref() == Some(position.as_str()) {
                assert!(Instant::now() < deadline, "the next question did not come");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        } else {
            app.click("quiz-finish").await;
            app.get("quiz-result").await;
            return;
        }
    }
}

fn standing_of(roster: &serde_json::Value, person: &str) -> String {
    roster["lines"].as_array().unwrap().iter().find(|l| l["person"] == person).unwrap()["standing"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_cashier_learns_fails_passes_and_her_certificate_verifies_and_the_refusal_action_closes() {
    let app = App::start().await;
    app.click("open-demo").await;
    app.get("status-state").await;
    // The status page names who is to be trained.
    let steps: Vec<String> = {
        let mut out = Vec::new();
        for e in app.all("next-action").await {
            out.push(e.attr("data-type").await.unwrap().unwrap_or_default());
        }
        out
    };
    for t in ["training_overdue", "training_due_soon", "training_never", "complete_corrective_action"] {
        assert!(steps.iter().any(|s| s == t), "no {t} step in {steps:?}");
    }
    app.click("nav-training").await;
    app.wait_css(&format!("[data-testid='roster-line'][data-person='{}'][data-standing='never']", MADINA.0)).await;
    app.shot("roster-kk").await;

    // Мадина signs in: her training only, in Russian, as she chooses.
    app.click("lock").await;
    app.sign_in(MADINA.0, MADINA.1).await;
    app.wait_attr("my-standing", "data-standing", "never").await;
    assert!(
        app.client.find(Locator::Css("[data-testid='nav-status']")).await.is_err(),
        "a cashier sees no status page"
    );
    app.click("lang-ru").await;
    app.wait_text("my-standing", |t| t.contains("Ещё не обучен")).await;
    app.shot("cashier-ru").await;
    app.wait_css("[data-testid='lesson-item'][data-rule='no-cash-out'] [data-testid='open-lesson']")
        .await
        .click()
        .await
        .unwrap();
    let lesson = app.get("lesson").await;
    assert_eq!(lesson.attr("data-rule").await.unwrap().as_deref(), Some("no-cash-out"));
    assert!(lesson.text().await.unwrap().contains("2.6.4"));
    app.shot("lesson-ru").await;
    app.click("lesson-back").await;

    // The quiz: one wrong answer on 2.6.4 fails it however many are right.
    app.click("take-quiz").await;
    app.get("quiz").await;
    app.shot("quiz-ru").await;
    answer_quiz(&app, Some("no-cash-out")).await;
    app.wait_attr("quiz-result", "data-passed", "false").await;
    assert!(app.text("quiz-critical").await.contains("2.6.4"));
    app.shot("failed-ru").await;
    app.click("quiz-again").await;
    app.get("quiz").await;
    answer_quiz(&app, None).await;
    app.wait_attr("quiz-result", "data-passed", "true").await;
    let code = app.attr("quiz-certificate", "data-code").await.unwrap();
    app.click("open-certificate").await;
    let notice = app.wait_text("training-notice", |t| t.contains(".pdf")).await;
    app.shot("passed-ru").await;
    let pdf_path = std::path::PathBuf::from(notice.rsplit(": ").next().unwrap().trim());
    assert!(pdf_path.starts_with(app.data_dir.path()), "{notice}");
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF"));

    // The certificate verifies from the command line, by code and by file; an altered copy does not.
    let ok = cli(app.data_dir.path(), &["training", "verify", &code]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains(MADINA.0));
    let ok = cli(app.data_dir.path(), &["training", "verify", pdf_path.to_str().unwrap()]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let mut altered = pdf.clone();
    let at = altered.len() / 2;
    altered[at] ^= 0x01;
    let fake = app.data_dir.path().join("altered.pdf");
    std::fs::write(&fake, &altered).unwrap();
    let bad = cli(app.data_dir.path(), &["training", "verify", fake.to_str().unwrap()]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("training.certificate_altered"));
    let roster: serde_json::Value =
        serde_json::from_slice(&cli(app.data_dir.path(), &["training", "roster", "--json"]).stdout).unwrap();
    assert_eq!(standing_of(&roster, MADINA.0), "certified");

    // Ерлан, at the same outlet, takes the 2.5.4 quiz the refusal assigned him: the action closes.
    app.click("result-back").await;
    app.get("my-standing").await;
    app.click("lock").await;
    app.sign_in(ERLAN.0, ERLAN.1).await;
    app.wait_css("[data-testid='assignment'][data-rule='accept'][data-done='false'] button")
        .await
        .click()
        .await
        .unwrap();
    app.wait_attr("lesson", "data-rule", "accept").await;
    app.click("lesson-rule-quiz").await;
    app.wait_attr("quiz", "data-kind", "rule").await;
    answer_quiz(&app, None).await;
    app.wait_attr("quiz-result", "data-passed", "true").await;
    app.get("quiz-actions-closed").await;

    // The owner sees it: no corrective action left on the status page, the roster changed.
    app.click("lock").await;
    app.sign_in_as_owner().await;
    app.get("status-state").await;
    let mut types = Vec::new();
    for e in app.all("next-action").await {
        types.push(e.attr("data-type").await.unwrap().unwrap_or_default());
    }
    assert!(!types.iter().any(|t| t == "complete_corrective_action"), "{types:?}");
    assert!(!types.iter().any(|t| t == "training_never"), "{types:?}");
    app.click("nav-training").await;
    app.wait_css(&format!("[data-testid='roster-line'][data-person='{}'][data-standing='certified']", MADINA.0)).await;
    app.type_into("verify-code", &code.to_lowercase()).await;
    app.click("verify-submit").await;
    app.wait_attr("verify-outcome", "data-outcome", "genuine").await;
    app.shot("roster-after-ru").await;
    app.close().await;
}
