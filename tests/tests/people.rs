//! People and roles in the real window (6.8): the owner adds an accountant and a cashier; the
//! accountant records a payment (the fine's history and the audit trail name her) and is refused
//! signing; the cashier signs in with a PIN and sees only her training;
//! every window command as each role meets the role table; the window locks when idle.

use e2e::{cli, App, DEMO_OWNER};

const ACCOUNTANT: (&str, &str) = ("Сәуле Ахметова", "583920");
const CASHIER: (&str, &str) = ("Бауыржан Әлиев", "694028");

/// Calls a window command through the page's own IPC, as the page would; the error's code, or
/// "ok".
async fn invoke(app: &App, command: &str) -> String {
    let script = r#"
        const [cmd, done] = arguments;
        window.__TAURI_INTERNALS__.invoke(cmd, {})
            .then(() => done('ok'))
            .catch((e) => done(typeof e === 'object' && e && e.code ? e.code : String(e)));
    "#;
    let answer = app.client.execute_async(script, vec![serde_json::json!(command)]).await.unwrap();
    answer.as_str().unwrap_or_default().to_string()
}

/// Every window command, as the person signed in: refused (`role.refused`) exactly where the
/// role table says; otherwise past the gate (its arguments, empty here, are then refused or it
/// answers). Left out where allowed: the five that open a native picker with no argument to
/// refuse first (`import_fines`, `add_received_document`, `pick_key_file`, `pick_rules_file`,
/// `verify_certificate_file`), `update_crls` (it
/// would go online), and `sign_out` (it would end the session under test).
async fn commands_follow_the_table(app: &App, role: desk::people::Role) {
    for (command, need) in desk::people::access::WINDOW_COMMANDS {
        let allowed = desk::people::access::may(role, *need);
        if allowed
            && matches!(
                *command,
                "import_fines"
                    | "add_received_document"
                    | "pick_key_file"
                    | "pick_rules_file"
                    | "sign_out"
                    | "update_crls"
                    | "verify_certificate_file"
            )
        {
            continue;
        }
        let code = invoke(app, command).await;
        assert_eq!(code == "role.refused", !allowed, "{command} as {role:?}: {code}");
    }
}

#[tokio::test]
async fn the_owner_adds_people_each_does_what_their_role_allows_and_the_window_locks_when_idle() {
    let app = App::start().await;
    app.click("open-demo").await;
    app.get("status-state").await;
    assert_eq!(app.attr("signed-in-as", "data-role").await.as_deref(), Some("owner"));

    // The owner adds an accountant (a weak PIN first) and a cashier, and sets the idle time.
    app.click("nav-people").await;
    app.get("people-table").await;
    let overflow = app
        .client
        .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth", vec![])
        .await
        .unwrap();
    assert_eq!(overflow, serde_json::json!(0), "the page is wider than the window");
    assert_eq!(app.all("person-row").await.len(), 6, "the demo's owner, accountant and four cashiers");
    app.type_into("person-name", ACCOUNTANT.0).await;
    app.get("person-new-role").await.select_by_value("accountant").await.unwrap();
    app.type_into("person-pin", "123456").await;
    app.type_into("person-pin-again", "123456").await;
    app.click("person-add").await;
    app.wait_attr("people-error", "data-code", "pin.weak").await;
    let said = app.text("people-error").await;
    assert!(said.contains("Бұл PIN-ді табу оңай"), "{said}");
    app.type_into("person-pin", ACCOUNTANT.1).await;
    app.type_into("person-pin-again", ACCOUNTANT.1).await;
    app.click("person-add").await;
    app.wait_text("people-done", |t| t.contains(ACCOUNTANT.0)).await;
    app.type_into("person-name", CASHIER.0).await;
    app.get("person-new-role").await.select_by_value("cashier").await.unwrap();
    app.get("person-outlet").await.select_by_index(1).await.unwrap();
    app.type_into("person-pin", CASHIER.1).await;
    app.type_into("person-pin-again", CASHIER.1).await;
    app.click("person-add").await;
    app.wait_text("people-done", |t| t.contains(CASHIER.0)).await;
    assert_eq!(app.all("person-row").await.len(), 8);
    app.type_into("idle-minutes", "2").await;
    app.click("people-settings-save").await;
    app.wait_text("people-done", |t| t == "Сақталды.").await;
    commands_follow_the_table(&app, desk::people::Role::Owner).await;

    // The accountant: fines yes, people no; records a payment, which names her.
    app.click("lock").await;
    app.sign_in(ACCOUNTANT.0, "000111").await;
    app.wait_attr("sign-in-error", "data-code", "pin.wrong").await;
    app.sign_in(ACCOUNTANT.0, ACCOUNTANT.1).await;
    app.wait_attr("signed-in-as", "data-role", "accountant").await;
    assert!(app.client.find_all(fantoccini::Locator::Css("[data-testid='nav-people']")).await.unwrap().is_empty());
    app.click("nav-fines").await;
    app.wait_css("[data-testid='fine-row'][data-fine-id='7'] td").await.click().await.unwrap();
    app.get("fine-timeline").await;
    let before = app.all("fine-event").await.len();
    app.click("open-payment").await;
    app.type_into("payment-amount", "1000").await;
    app.click("payment-submit").await;
    let deadline = std::time::Instant::now() + e2e::PATIENCE;
    while app.all("fine-event").await.len() <= before {
        assert!(std::time::Instant::now() < deadline, "the payment did not appear");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let events = app.all("fine-event").await;
    let by = events.last().unwrap().text().await.unwrap();
    assert!(by.contains(ACCOUNTANT.0), "{by}");
    let out = cli(app.data_dir.path(), &["audit", "list", "--json", "--limit", "5"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let payment = rows.as_array().unwrap().iter().find(|r| r["entity"] == "fine_event").expect("the payment's row");
    assert_eq!(payment["person"], ACCOUNTANT.0);
    // Signing is the owner's: refused with the translated reason, before any file is picked.
    app.click("back-to-list").await;
    app.wait_css("[data-testid='fine-row'][data-fine-id='3'] td").await.click().await.unwrap();
    app.click("sign-file").await;
    app.click("choose-key").await;
    app.wait_attr("sign-error", "data-code", "role.refused").await;
    let refused = app.text("sign-error").await;
    assert!(refused.contains("Рөліңіз мұны істеуге рұқсат бермейді"), "{refused}");
    commands_follow_the_table(&app, desk::people::Role::Accountant).await;

    // The cashier signs in with her PIN: her training only, no money, fines or documents.
    app.click("lock").await;
    app.sign_in(CASHIER.0, CASHIER.1).await;
    app.wait_attr("signed-in-as", "data-role", "cashier").await;
    app.get("my-standing").await;
    for hidden in [
        "nav-status",
        "nav-fines",
        "nav-statements",
        "nav-documents",
        "nav-branding",
        "nav-people",
        "status-state",
        "training-tab-roster",
    ] {
        let found = app.client.find_all(fantoccini::Locator::Css(&format!("[data-testid='{hidden}']"))).await.unwrap();
        assert!(found.is_empty(), "a cashier sees {hidden}");
    }
    commands_follow_the_table(&app, desk::people::Role::Cashier).await;

    // Left alone for the two minutes the owner set, the window locks itself.
    tokio::time::sleep(std::time::Duration::from_secs(125)).await;
    let notice = app.wait_text("sign-in-notice", |t| !t.is_empty()).await;
    assert!(notice.contains("әрекетсіздіктен кейін құлыпталды"), "{notice}");
    assert_eq!(invoke(&app, "get_overview").await, "session.none");
    app.sign_in(DEMO_OWNER.0, DEMO_OWNER.1).await;
    app.wait_attr("signed-in-as", "data-role", "owner").await;
    app.close().await;
}
