//! Rule changes in the real window (4.2, 4.3, 6.11): the owner imports a published version of
//! the rules through the native picker, sees the changed clauses with their words marked and
//! what they touch, is refused a damaged file and a day that does not exist, acknowledges the
//! version with the PIN and signs the acknowledgement with the EDS key; a cashier whose
//! certificate covers the changed clause finds it stale with a refresher, and the roster says so.

use std::time::{Duration, Instant};

use e2e::{cli, App};
use fantoccini::Locator;

const DAMIR: (&str, &str) = ("Дамир Оспанов", "518374");

/// The shipped rules as the platform would change them: cash for goods (2.6.4) reworded and the
/// notice of 4.4 from 10 to 14 days.
fn changed_version() -> String {
    let shipped = std::fs::read_to_string(e2e::workspace_root().join("crates/club/rules/club-rules.kk.txt")).unwrap();
    shipped
        .replace(
            "2.6.4. Клиентке Тауардың орнына ақша беру;",
            "2.6.4. Клиентке Тауардың орнына қолма-қол ақша немесе аударым беру;",
        )
        .replace("күнтізбелік 10 (он) күн бұрын", "күнтізбелік 14 (он төрт) күн бұрын")
}

/// Waits until one of `ids` is on the page; its test id.
async fn first_of(app: &App, ids: &[&str]) -> String {
    let deadline = Instant::now() + e2e::PATIENCE;
    loop {
        for id in ids {
            if app.client.find(Locator::Css(&format!("[data-testid='{id}']"))).await.is_ok() {
                return id.to_string();
            }
        }
        assert!(Instant::now() < deadline, "none of {ids:?} appeared");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_new_version_is_imported_compared_acknowledged_and_signed_and_makes_a_certificate_stale() {
    // The demo shop with a minted PKI whose head certificate carries its BIN (test-keys mode);
    // the PKI folder holds the key, so it lives to the end.
    let (data, _pki, key) = e2e::demo_with_minted_pki();
    let new_version = data.path().join("ережелер-2026-11.txt");
    std::fs::write(&new_version, changed_version()).unwrap();
    let damaged = data.path().join("damaged.pdf");
    std::fs::write(&damaged, b"%PDF-1.7\n1 0 obj << /Type /Catalog").unwrap();

    let app = App::start_in(data).await;
    app.sign_in_as_owner().await;
    app.get("status-state").await;
    app.click("nav-rules").await;
    app.wait_attr("rules-version", "data-in-force", "true").await;
    assert_eq!(app.all("rules-version").await.len(), 1, "only the shipped version at first");

    // A damaged PDF is refused with its own code, and nothing is kept.
    app.click("rules-choose").await;
    app.choose_file(&damaged).await;
    app.wait_text("rules-path", |t| t.contains("damaged.pdf")).await;
    app.type_into("rules-published", "20.11.2026").await;
    app.shot("rules-import-kk").await;
    app.click("rules-import").await;
    app.wait_attr("rules-import-error", "data-code", "rules.pdf_damaged").await;
    assert_eq!(app.all("rules-version").await.len(), 1);

    // The published text, with a day that does not exist first.
    app.click("rules-choose").await;
    app.choose_file(&new_version).await;
    app.wait_text("rules-path", |t| t.contains("ережелер-2026-11.txt")).await;
    let day = app.get("rules-published").await;
    day.clear().await.unwrap();
    app.type_into("rules-published", "31.02.2026").await;
    app.click("rules-import").await;
    app.wait_attr("rules-import-error", "data-code", "rules.date_invalid").await;
    let day = app.get("rules-published").await;
    day.clear().await.unwrap();
    app.type_into("rules-published", "20.11.2026").await;
    app.click("rules-import").await;
    app.wait_text("rules-notice", |t| !t.is_empty()).await;

    // The changed clauses with their words marked, and what they touch.
    let change = app.wait_css("[data-testid='rules-change'][data-number='2.6.4'][data-kind='changed']").await;
    let added = change.find(Locator::Css("[data-testid='rules-word-added']")).await.unwrap().text().await.unwrap();
    assert!(added.contains("қолма-қол"), "{added}");
    let touched = change.find(Locator::Css("[data-testid='impact-certificates']")).await.unwrap().text().await.unwrap();
    assert!(touched.contains(DAMIR.0), "{touched}");
    let notice = app.wait_css("[data-testid='rules-change'][data-number='4.4'] [data-testid='impact-notice']").await;
    assert!(notice.text().await.unwrap().contains("10 → 14"));
    let removed =
        app.wait_css("[data-testid='rules-change'][data-number='4.4'] [data-testid='rules-word-removed']").await;
    assert!(removed.text().await.unwrap().contains("10"));
    app.shot("rules-diff-kk").await;
    app.click("lang-ru").await;
    app.wait_text("rules-pending", |t| t.contains("Нужно подтвердить")).await;
    app.shot("rules-diff-ru").await;
    app.click("lang-kk").await;
    app.wait_text("rules-pending", |t| t.contains("Танысуды растау")).await;

    // The status page asks for the acknowledgement.
    app.click("nav-status").await;
    app.wait_css("[data-testid='next-action'][data-type='acknowledge_rules']").await;

    // Acknowledged with the PIN, then signed with the head's key.
    app.click("nav-rules").await;
    app.click("rules-acknowledge").await;
    if first_of(&app, &["pin-confirm", "rules-acknowledged"]).await == "pin-confirm" {
        app.confirm_pin(e2e::DEMO_OWNER.1).await;
    }
    app.get("rules-acknowledged").await;
    assert!(app.client.find(Locator::Css("[data-testid='rules-pending']")).await.is_err(), "nothing waits any more");
    app.click("rules-sign").await;
    app.click("choose-key").await;
    app.choose_file(&key).await;
    app.wait_text("key-path", |t| t.contains("RSA256_")).await;
    app.type_into("key-password", "Qwerty12").await;
    app.click("show-key").await;
    assert_eq!(app.wait_text("signer-bin", |t| !t.is_empty()).await, "180640000016");
    app.click("confirm-sign").await;
    app.confirm_pin(e2e::DEMO_OWNER.1).await;
    app.wait_attr("sign-result", "data-outcome", "valid").await;
    app.shot("rules-signed-kk").await;

    // The roster names the refresher; the cashier finds her certificate stale.
    app.click("nav-training").await;
    app.wait_css(&format!("[data-testid='roster-line'][data-person='{}'] [data-testid='roster-refresher']", DAMIR.0))
        .await;
    app.click("lock").await;
    app.sign_in(DAMIR.0, DAMIR.1).await;
    app.get("my-stale").await;
    app.wait_css("[data-testid='assignment'][data-rule='no-cash-out'][data-refresher='true'][data-done='false']").await;
    app.shot("cashier-stale-kk").await;
    let dir = app.close().await;

    // The command line sees the same: the version acknowledged and signed.
    let out = cli(dir.path(), &["rules", "list", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let newest = &page["versions"][0];
    assert_eq!(newest["published_on"], "2026-11-20");
    assert_eq!(newest["acknowledged"]["signed"], true);
}
