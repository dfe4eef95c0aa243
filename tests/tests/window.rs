//! The real app window, driven through WebDriver. Each test has its own data folder.

use e2e::{cli, App};

#[tokio::test]
async fn the_demo_shop_opens_on_its_status() {
    let app = App::start().await;
    app.get("welcome").await;
    app.click("open-demo").await;
    app.wait_attr("status-state", "data-state", "club_suspension_announced").await;
    assert_eq!(app.all("outlet").await.len(), 2);
    assert_eq!(app.all("timeline-event").await.len(), 4);
    assert_eq!(app.all("contract").await.len(), 3);
    // One list of next steps, most urgent first, each with its day: the cashier whose training
    // expired, the overdue fine, the open corrective action, the cashier never trained, the fine
    // due this week, the club's announced suspension, the certificate expiring within 30 days.
    let mut types = Vec::new();
    for action in app.all("next-action").await {
        types.push(action.attr("data-type").await.unwrap().unwrap_or_default());
    }
    assert_eq!(
        types,
        [
            "training_overdue",
            "pay_overdue_fine",
            "complete_corrective_action",
            "training_never",
            "pay_fine_soon",
            "prepare_for_club_stop",
            "training_due_soon"
        ]
    );
    let first_day = app.all("next-action-date").await[0].text().await.unwrap();
    assert_eq!(first_day.len(), 10, "dd.mm.yyyy: {first_day}");
    // The clause a step rests on opens in place: a plain line and the rules' own words.
    app.wait_css("[data-testid='clause-ref'][data-clause='4.4']").await.click().await.unwrap();
    let original = app.text("clause-original").await;
    assert!(original.contains("күнтізбелік 10 (он) күн бұрын"), "{original}");
    let summary = app.text("clause-summary").await;
    assert!(summary.contains("10 күнтізбелік күн"), "{summary}");

    // At the window's smallest width (900 px, tauri.conf.json) no page scrolls sideways, in
    // Russian, whose words are the longest.
    app.click("lang-ru").await;
    app.resize(900, 700).await;
    for page in [
        "nav-status",
        "nav-fines",
        "nav-statements",
        "nav-branding",
        "nav-documents",
        "nav-training",
        "nav-rules",
        "nav-people",
    ] {
        app.click(page).await;
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        let widths = app
            .client
            .execute("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];", vec![])
            .await
            .unwrap();
        let (scroll, client) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
        assert!(client <= 900, "the window was resized: {client}");
        assert!(scroll <= client, "{page} scrolls sideways at 900 px: {scroll} > {client}");
    }
    let dir = app.close().await;

    // The headless command line reads the same file and derives the same status.
    let out = cli(dir.path(), &["status", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["status"]["state"], "club_suspension_announced");
    assert_eq!(report["seller"]["tax_id"]["kind"], "bin");
}

#[tokio::test]
async fn the_language_switches_at_run_time_and_is_remembered() {
    let app = App::start().await;
    app.click("open-demo").await;
    app.get("status-state").await;
    // Kazakh is the default.
    assert_eq!(app.text("status-title").await, "Қатысу мәртебесі");
    app.click("lang-en").await;
    app.wait_text("status-title", |t| t == "Membership status").await;
    assert_eq!(app.text("status-state").await, "Club suspension announced");
    app.click("lang-kk").await;
    app.wait_text("status-title", |t| t == "Қатысу мәртебесі").await;
    assert_eq!(app.text("status-state").await, "Клубты тоқтата тұру жарияланды");
    app.click("lang-ru").await;
    app.wait_text("status-title", |t| t == "Статус участия").await;
    let dir = app.close().await;

    let app = App::start_in(dir).await;
    // The sign-in screen speaks the remembered language too.
    app.wait_text("sign-in", |t| t.contains("Кто за компьютером?")).await;
    app.sign_in_as_owner().await;
    app.wait_text("status-title", |t| t == "Статус участия").await;
    let dir = app.close().await;

    // The command line speaks the language picked in the window, unless asked for another.
    let out = e2e::cli_with(dir.path(), &["status"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Статус: Объявлена приостановка клуба"), "{text}");
    assert!(text.contains("Следующие шаги"), "{text}");
    let out = e2e::cli_with(dir.path(), &["--lang", "kk", "status"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Күйі: Клубты тоқтата тұру жарияланды"));
}

#[tokio::test]
async fn onboarding_refuses_a_wrong_bin_and_accepts_a_right_one() {
    let app = App::start().await;
    app.click("create-shop").await;
    app.get("onboarding").await;
    app.type_into("tax-id", "971240001316").await;
    let error = app.wait_text("tax-id-error", |t| !t.is_empty()).await;
    assert_eq!(error, "Бақылау саны сәйкес келмейді: нөмір қате терілген.");
    assert_eq!(app.attr("tax-id-error", "data-code").await.as_deref(), Some("tax_id.check_digit"));

    // Submitting anyway is refused the same way and creates nothing.
    app.type_into("seller-name-input", "Тест Сауда ЖШС").await;
    app.type_into("outlet-name", "Бас дүкен").await;
    app.type_into("outlet-city", "Алматы").await;
    app.type_into("outlet-address", "Төле би көшесі, 1").await;
    app.fill_owner().await;
    app.click("onboarding-submit").await;
    app.get("tax-id-error").await;
    let out = cli(app.data_dir.path(), &["status", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["seller"], serde_json::Value::Null, "a shop was created with a wrong BIN");

    app.type_into("tax-id", "971240001315").await;
    app.get("tax-id-ok").await;
    app.fill_owner().await;
    app.click("onboarding-submit").await;
    app.wait_attr("status-state", "data-state", "active").await;
    assert_eq!(app.text("seller-name").await, "Тест Сауда ЖШС");
    // The new outlet has no terminal yet: that is the first thing to do.
    app.wait_css("[data-testid='next-action'][data-type='equip_outlet']").await;
    assert!(app.data_dir.path().join("seller-desk.sqlite3").exists());

    // A second outlet, added from the status page, needs its own terminal too.
    app.click("add-outlet").await;
    app.type_into("new-outlet-name", "Екінші дүкен").await;
    app.type_into("new-outlet-city", "Шымкент").await;
    app.type_into("new-outlet-address", "Тәуке хан даңғылы, 5").await;
    app.click("new-outlet-save").await;
    let deadline = std::time::Instant::now() + e2e::PATIENCE;
    while app.all("outlet").await.len() < 2 {
        assert!(std::time::Instant::now() < deadline, "the new outlet did not appear");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let equip = app.client.find_all(fantoccini::Locator::Css("[data-type='equip_outlet']")).await.unwrap();
    assert_eq!(equip.len(), 2);
    app.close().await;
}

#[tokio::test]
async fn recording_a_terminal_disconnection_shows_the_next_action() {
    let app = App::start().await;
    app.click("open-demo").await;
    app.get("status-state").await;
    assert!(app.client.find(fantoccini::Locator::Css("[data-type='equip_outlet']")).await.is_err());

    // The Astana outlet has a single POS terminal; disconnect it.
    let astana = app.all("outlet").await.pop().expect("two outlets");
    let button = astana
        .find(fantoccini::Locator::Css("[data-testid='disconnect-means']"))
        .await
        .expect("the terminal has a disconnect button");
    button.click().await.unwrap();
    app.click("disconnect-confirm").await;
    let action = app.wait_css("[data-testid='next-action'][data-type='equip_outlet']").await;
    let text = action.text().await.unwrap();
    assert!(text.contains("Дала — Есіл"), "{text}");
    assert!(text.contains("POS-терминал немесе QR код жоқ"), "{text}");

    // A membership event recorded from the form changes the state.
    app.click("record-event").await;
    app.get("record-event-form").await;
    app.click("event-submit").await;
    // The history is append-only: the first press asks, the second records.
    app.get("confirm-text").await;
    app.click("confirm-yes").await;
    app.wait_attr("status-state", "data-state", "under_measure").await;
    assert_eq!(app.all("timeline-event").await.len(), 5);

    // Recorded by mistake: taken back with a reason (asked, then confirmed); the status is as
    // before it, and the entry stays in the history, struck through.
    app.click("void-event").await;
    app.type_into("void-event-reason", "Хабарлама басқа сатушыға арналған").await;
    app.click("void-event-submit").await;
    app.click("confirm-yes").await;
    app.wait_attr("status-state", "data-state", "club_suspension_announced").await;
    assert_eq!(app.all("timeline-event").await.len(), 6);
    let struck = app.wait_css("[data-testid='timeline-event'][data-voided='true']").await;
    assert_eq!(struck.attr("data-kind").await.unwrap().as_deref(), Some("measure_applied"));

    // A date that does not exist, sent by hand past the form: Tauri refuses the arguments before
    // the command runs, in the form the window reads as `input.unreadable` (ipc/backend.ts).
    let refused = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('record_fine', { input: {
               notice_number: 'BY-HAND/1', notice_date: '2026-02-31', fact_date: '2026-02-01',
               outlet_id: 1, violation: 'refusal_to_accept', amount: '1000', due_date: '2026-03-31', notes: '' } })
             .then(() => done('recorded'), (e) => done(typeof e === 'string' ? e : JSON.stringify(e)));",
            vec![],
        )
        .await
        .unwrap();
    let refused = refused.as_str().unwrap_or_default().to_string();
    assert!(refused.starts_with("invalid args `input` for command `record_fine`"), "{refused}");
    let dir = app.close().await;
    let out = cli(dir.path(), &["fines", "list", "--search", "BY-HAND"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("BY-HAND/1"), "nothing was recorded");
}

#[tokio::test]
async fn a_damaged_database_is_explained_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    // The data folder made (its key kept in the session's keyring), then its file replaced.
    assert!(cli(dir.path(), &["status"]).status.success());
    let file = dir.path().join("seller-desk.sqlite3");
    let garbage = "Бұл дерекқор емес — this is not a database\n".repeat(300);
    std::fs::write(&file, &garbage).unwrap();

    let app = App::start_in(dir).await;
    app.wait_attr("startup-error", "data-code", "store.key_refused").await;
    let text = app.text("startup-error").await;
    assert!(text.contains("Деректер файлы өз кілтімен ашылмайды"), "{text}");
    assert!(text.contains("Деректер файлы өзгертілген жоқ."), "{text}");
    // Retrying does not touch it either.
    app.click("startup-retry").await;
    app.wait_attr("startup-error", "data-code", "store.key_refused").await;
    let dir = app.close().await;
    assert_eq!(std::fs::read_to_string(dir.path().join("seller-desk.sqlite3")).unwrap(), garbage);
}

#[tokio::test]
async fn a_fine_is_recorded_disputed_with_a_letter_and_partly_paid() {
    let app = App::start().await;
    app.click("open-demo").await;
    app.wait_attr("fines-open", "data-count", "6").await;
    assert_eq!(app.attr("fines-open", "data-balance").await.as_deref(), Some("320000.00"));

    // Record a refusal fine of 45 000 ₸ where the agreed schedule says 50 000 ₸.
    app.click("nav-fines").await;
    app.wait_attr("fine-totals", "data-count", "12").await;
    app.click("record-fine").await;
    app.type_into("fine-notice", "JM-E2E/1").await;
    app.type_into("fine-amount", "45 000").await;
    // Dates retyped over today, key by key: what was typed is what is saved.
    app.type_into("fine-notice-date", "20.11.2026").await;
    app.type_into("fine-fact-date", "19.11.2026").await;
    // A date that does not exist stops the form with the app's own words.
    app.type_into("fine-due-date", "31.02.2100").await;
    app.click("fine-submit").await;
    let said = app.text("fine-due-date-error").await;
    assert!(said.contains("Күнтізбеде мұндай күн жоқ"), "{said}");
    assert_eq!(app.attr("fine-form", "data-tried").await.as_deref(), Some("true"));
    app.type_into("fine-due-date", "31.12.2099").await;
    app.click("fine-submit").await;
    app.wait_attr("fine-state", "data-state", "received").await;
    let out = cli(app.data_dir.path(), &["fines", "list", "--json", "--search", "e2e/1"]);
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found["rows"].as_array().map(Vec::len), Some(1), "{found}");
    assert_eq!(found["rows"][0]["fine"]["notice_date"], "2026-11-20");
    assert_eq!(found["rows"][0]["fine"]["fact_date"], "2026-11-19");
    assert_eq!(app.attr("fine-mismatch", "data-difference").await.as_deref(), Some("-5000.00"));
    let mismatch = app.text("fine-mismatch").await;
    assert!(mismatch.contains("5 000,00 ₸") && mismatch.contains("50 000,00 ₸"), "{mismatch}");

    // Dispute it: the letter is kept with the fine.
    app.click("open-dispute").await;
    app.type_into("dispute-deadline", "31.12.2099").await;
    app.type_into("dispute-grounds", "Кассир QR төлемін қабылдады, чек № 5521 қоса беріледі.").await;
    app.click("dispute-submit").await;
    app.wait_attr("fine-state", "data-state", "disputed").await;
    let letter = app.wait_css("[data-testid='fine-file'][data-role='letter']").await;
    let file_id = letter.attr("data-file-id").await.unwrap().expect("the letter has an id");
    let pdf = app.data_dir.path().join("letter.pdf");
    let out = cli(app.data_dir.path(), &["fines", "file", "--id", &file_id, "--out", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Айыппұлға қарсылық (№ JM-E2E/1 хабарлама)"), "{text}");
    assert!(text.contains("чек № 5521"), "{text}");

    // The platform rejects the dispute; a partial payment leaves 25 000 ₸ owed.
    app.click("open-outcome").await;
    app.click("outcome-lost").await;
    app.wait_attr("fine-state", "data-state", "upheld").await;
    app.click("open-payment").await;
    app.type_into("payment-amount", "20000").await;
    app.click("payment-submit").await;
    app.wait_attr("fine-balance", "data-balance", "25000.00").await;
    assert_eq!(app.all("fine-event").await.len(), 3);

    // Back in the list, the search finds it by a part of its number, and the amount column
    // sorts the page largest first.
    app.click("back-to-list").await;
    app.wait_attr("fine-totals", "data-count", "13").await;
    app.type_into("fine-search", "e2e").await;
    app.wait_attr("fine-totals", "data-count", "1").await;
    app.type_into("fine-search", " ").await;
    app.wait_attr("fine-totals", "data-count", "13").await;
    app.click("sort-amount").await;
    let sorted = app.wait_css("th[aria-sort='descending'] [data-testid='sort-amount']").await;
    assert!(sorted.text().await.unwrap().contains('▼'));

    // The status page counts it.
    app.click("nav-status").await;
    app.wait_attr("fines-open", "data-balance", "345000.00").await;
    assert_eq!(app.attr("fines-open", "data-count").await.as_deref(), Some("7"));
    // A second corrective action (refusal, 6.3) is now open; a step taken is recorded on it.
    assert_eq!(app.all("corrective-action").await.len(), 2);
    app.click("corrective-add-step").await;
    app.type_into("corrective-step-text", "Кассирлерге 2.5.4-тармақ түсіндірілді").await;
    app.click("corrective-step-save").await;
    let steps = app.wait_text("corrective-steps", |t| t.contains("Кассирлерге")).await;
    assert!(steps.contains("2.5.4-тармақ түсіндірілді"), "{steps}");
    app.close().await;
}

/// What `fines list` says is owed, as the Kazakh window prints it (no-break spaces as spaces).
fn owed_kk(dir: &std::path::Path) -> String {
    let out = cli(dir, &["fines", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let owed = club::money::Tenge::parse(list["totals"]["balance"].as_str().unwrap()).unwrap();
    owed.format(club::Lang::Kk).replace('\u{a0}', " ")
}

#[tokio::test]
async fn the_accountant_saves_this_quarters_statement_as_pdf_and_1c_through_the_native_dialog_and_prints_it() {
    // The user's documents folder (where "Print to File" writes) is one of the test's own.
    let config = tempfile::tempdir().unwrap();
    let documents = tempfile::tempdir().unwrap();
    let dirs = format!("XDG_DOCUMENTS_DIR=\"{}\"\n", documents.path().display());
    std::fs::write(config.path().join("user-dirs.dirs"), dirs).unwrap();
    let app = App::start_with(tempfile::tempdir().unwrap(), &[("XDG_CONFIG_HOME", config.path())]).await;
    app.click("open-demo").await;
    app.wait_attr("status-state", "data-state", "club_suspension_announced").await;
    app.click("nav-statements").await;
    app.get("statement-preview").await;
    // This quarter runs to its end: everything recorded is in it, and the closing balance is
    // what the fines list says is owed.
    let owed = owed_kk(app.data_dir.path());
    let closing = app.wait_text("statement-closing", |t| !t.is_empty()).await.replace('\u{a0}', " ");
    assert_eq!(closing, owed);

    // PDF, in Kazakh, through Save as…
    app.get("statement-format").await.select_by_value("pdf").await.unwrap();
    app.click("save-statement").await;
    let pdf = app.data_dir.path().join("quarter.pdf");
    app.save_as(&pdf).await;
    let saved = app.wait_text("statement-saved", |t| !t.is_empty()).await;
    assert!(saved.contains("quarter.pdf"), "{saved}");
    // The writing told its progress through the channel, up to the last entry.
    let entries = app.attr("statement-preview", "data-lines").await;
    assert_eq!(app.attr("statement-saved", "data-progress").await, entries);
    let text = std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace('\u{a0}', " ");
    assert!(text.contains("Айыппұлдар бойынша үзінді-көшірме"), "{text}");
    assert!(text.contains(&owed), "the closing balance {owed} in {text}");

    // The 1C file: the demo shop's bank details are entered; Windows-1251 with CRLF.
    app.get("statement-format").await.select_by_value("1c").await.unwrap();
    app.click("save-statement").await;
    let one_c = app.data_dir.path().join("1c.txt");
    app.save_as(&one_c).await;
    app.wait_text("statement-saved", |t| t.contains("1c.txt")).await;
    let bytes = std::fs::read(&one_c).unwrap();
    assert!(bytes.starts_with(b"1CClientBankExchange\r\n\xc2\xe5\xf0\xf1\xe8\xff"), "ВерсияФормата in 1251");
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");

    // Printed from inside the app: the system's print dialog over the window, the PDF statement
    // (whatever format is chosen for saving) sent to "Print to File", as the PDF saved above.
    app.click("print-statement").await;
    app.print_in_dialog().await;
    let done = app.wait_text("print-statement-done", |t| !t.is_empty()).await;
    let printed: Vec<_> = std::fs::read_dir(documents.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert_eq!(std::fs::read(&printed[0]).unwrap(), std::fs::read(&pdf).unwrap(), "{:?}", printed[0]);
    // The window says where "Print to File" wrote it; the data folder keeps no copy.
    let file = printed[0].display().to_string();
    assert_eq!(app.attr("print-statement-done", "data-file").await.as_deref(), Some(file.as_str()));
    assert!(done.contains(&file), "{done}");
    let kept = std::fs::read_dir(app.data_dir.path().join("print")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(kept, 0, "copies left in the data folder's print folder");
    // Printed again: a second file beside the first, not a question whether to replace it.
    app.click("print-statement").await;
    app.print_in_dialog().await;
    app.wait_attr("print-statement-done", "data-file", &file.replace(".pdf", " (2).pdf")).await;

    // A mistyped IIK is refused in Kazakh and nothing changes.
    app.click("edit-account").await;
    app.type_into("bank-iik", "KZ47601A871000123457").await;
    app.click("bank-save").await;
    let error = app.wait_text("bank-error", |t| !t.is_empty()).await;
    assert!(error.contains("бақылау цифрлары"), "{error}");
    assert!(app.text("bank-account").await.contains("KZ47601A871000123456"));
    app.close().await;
}

/// The owner signs in and signs the demo's disputed fine's letter with the minted head's `key`
/// (its SIGN certificate carries the demo shop's BIN), confirming with the PIN.
async fn sign_the_demo_dispute_letter(app: &App, key: &std::path::Path) {
    app.sign_in_as_owner().await;
    app.wait_attr("status-state", "data-state", "club_suspension_announced").await;
    app.click("nav-fines").await;
    app.wait_css("[data-testid='fine-row'][data-fine-id='3'] td").await.click().await.unwrap();
    app.click("sign-file").await;
    app.click("choose-key").await;
    app.choose_file(key).await;
    app.wait_text("key-path", |t| t.contains("RSA256_")).await;
    app.type_into("key-password", "Qwerty12").await;
    app.click("show-key").await;
    assert_eq!(app.wait_text("signer-bin", |t| !t.is_empty()).await, "180640000016");
    assert_eq!(app.attr("signer", "data-purpose").await.as_deref(), Some("sign"));
    app.click("confirm-sign").await;
    app.confirm_pin(e2e::DEMO_OWNER.1).await;
}

#[tokio::test]
async fn the_dispute_letter_is_signed_with_the_heads_key_and_the_archive_shows_it_verified() {
    // A minted NCA-like RSA PKI whose head certificate carries the demo shop's BIN, trusted
    // through the command line, in test-keys mode.
    let (data, pki, key) = e2e::demo_with_minted_pki();

    let app = App::start_in(data).await;
    sign_the_demo_dispute_letter(&app, &key).await;
    app.wait_attr("sign-result", "data-outcome", "valid").await;

    // Save as…: the letter and its .cms beside it; OpenSSL accepts them with the minted chain.
    app.click("save-signed").await;
    let saved = app.data_dir.path().join("letter.pdf");
    app.save_as(&saved).await;
    app.wait_text("signed-saved", |t| t.contains("letter.pdf.cms")).await;
    let bundle = app.data_dir.path().join("trust.pem");
    let parts: Vec<Vec<u8>> =
        ["chain.pem", "ca.crl", "root.crl"].iter().map(|n| std::fs::read(pki.path().join(n)).unwrap()).collect();
    std::fs::write(&bundle, parts.concat()).unwrap();
    let verified = std::process::Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-cades", "-inform", "DER", "-purpose", "any", "-crl_check_all"])
        .arg("-in")
        .arg(app.data_dir.path().join("letter.pdf.cms"))
        .arg("-content")
        .arg(&saved)
        .arg("-CAfile")
        .arg(&bundle)
        .args(["-out", "/dev/null"])
        .output()
        .unwrap();
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stderr));
    assert!(std::fs::read(&saved).unwrap().starts_with(b"%PDF"));

    app.click("nav-documents").await;
    app.wait_attr("document-signature", "data-outcome", "valid").await;
    let text = app.text("document-signature").await;
    assert!(text.contains("ТЕСТОВ ТЕСТ") && text.contains("180640000016"), "{text}");
    assert!(app.text("test-mode-on").await.contains("ТЕСТ КІЛТТЕРІ"));
    app.close().await;
}

/// Revocation as a verdict of its own, in the window: with no CRL of the CA in the trust store,
/// the dispute letter signed with the head's key is valid but its revocation not checked, and
/// the archive says what to do (kk, then ru); offline, it was made without a timestamp and the
/// dialog says why. A copy of the CA's CRL with one byte of its signature changed is refused and
/// nothing changes; the CA's own CRL, added through the picker, turns the verdict to valid,
/// checked by that CRL. The timestamp settings refuse an address that is not http(s).
#[tokio::test]
async fn revocation_stays_unchecked_until_the_cas_own_crl_is_added_and_a_forged_one_is_refused() {
    let (data, pki, key) = e2e::demo_with_minted_pki_and_no_crl();
    // The CA's CRL as DER with the last byte of its signature changed.
    let forged = data.path().join("forged.crl");
    let der = std::process::Command::new("openssl")
        .args(["crl", "-outform", "DER", "-in"])
        .arg(pki.path().join("ca.crl"))
        .output()
        .unwrap();
    assert!(der.status.success(), "{}", String::from_utf8_lossy(&der.stderr));
    let mut crl = der.stdout;
    let last = crl.len() - 1;
    crl[last] ^= 0x01;
    std::fs::write(&forged, crl).unwrap();

    let app = App::start_in(data).await;
    sign_the_demo_dispute_letter(&app, &key).await;
    app.wait_attr("sign-result", "data-outcome", "revocation_not_checked").await;
    let said = app.text("sign-result").await;
    assert!(said.ends_with("— Жарамды, бірақ кері қайтарылуы тексерілмеген"), "{said}");
    // No network here: NCA's TSA is not reached, and the dialog says the signature has no timestamp.
    assert_eq!(app.attr("sign-no-timestamp", "data-problem").await.as_deref(), Some("unreachable"));

    app.click("nav-documents").await;
    app.wait_attr("document-signature", "data-outcome", "revocation_not_checked").await;
    assert_eq!(app.attr("signature-revocation", "data-method").await.as_deref(), Some("not_checked"));
    assert_eq!(app.attr("signature-revocation", "data-reason").await.as_deref(), Some("no_source"));
    let said = app.text("signature-revocation").await;
    assert!(
        said.starts_with("Кері қайтарылуы тексерілмеген") && said.contains("«Кері қайтарылуын онлайн тексеру»"),
        "{said}"
    );
    app.shot("revocation-not-checked-kk").await;

    // The forged CRL: refused with its own message, the verdict unchanged.
    app.click("add-crl").await;
    app.choose_file(&forged).await;
    let refused = app.wait_text("trust-error", |t| !t.is_empty()).await;
    assert!(refused.starts_with("Бұл CRL қолтаңбасы оның КО кілтімен сәйкес келмейді"), "{refused}");
    assert_eq!(app.attr("document-signature", "data-outcome").await.as_deref(), Some("revocation_not_checked"));

    // Russian, the same verdict in its words.
    app.click("lang-ru").await;
    let said = app.wait_text("signature-revocation", |t| t.starts_with("Отзыв не проверен")).await;
    assert!(said.contains("«Проверить отзыв онлайн»"), "{said}");
    assert!(app.text("trust-error").await.starts_with("Подпись этого CRL не сходится"));
    app.shot("revocation-not-checked-ru").await;

    // The CA's own CRL: the verdict turns valid, checked by that CRL.
    app.click("add-crl").await;
    app.choose_file(&pki.path().join("ca.crl")).await;
    app.wait_attr("document-signature", "data-outcome", "valid").await;
    assert_eq!(app.attr("signature-revocation", "data-method").await.as_deref(), Some("crl"));
    assert!(app.text("signature-revocation").await.starts_with("Отзыв проверен по CRL"));
    assert!(app.all("trust-error").await.is_empty(), "the old refusal is gone");
    app.shot("revocation-checked-ru").await;

    // Timestamps: an address that is not http(s) is refused, the message goes once it is retyped.
    app.type_into("tsa-url", "tsp.pki.gov.kz").await;
    app.click("save-tsa").await;
    let refused = app.wait_text("tsa-error", |t| !t.is_empty()).await;
    assert_eq!(refused, "Введите адрес службы меток времени в виде http://… или https://…");
    app.type_into("tsa-url", "http://tsp.pki.gov.kz:80").await;
    assert!(app.all("tsa-error").await.is_empty(), "the old message went with the retyped address");
    app.click("save-tsa").await;
    app.get("tsa-saved").await;
    let dir = app.close().await;

    // The command line reads the same archive: the one signer valid, revocation checked by the CRL.
    let out = cli(dir.path(), &["documents", "list", "--json"]);
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let signature = &docs[0]["signatures"][0];
    assert_eq!(signature["outcome"], "valid", "{docs}");
    assert_eq!(signature["revocation"]["method"], "crl", "{docs}");
}

/// NCA's own GOST 34.10-2015 test containers (what NCA issues today) in test-keys mode: a
/// profile made with NCA's test BIN (marked as test data), the dispute letter signed with the
/// head's key and verified in the archive; an individual's key is refused for this LLP.
#[tokio::test]
async fn the_dispute_letter_is_signed_with_ncas_gost_head_key_and_an_individuals_key_is_refused() {
    let gost = e2e::workspace_root().join("crates/eds/tests/fixtures/nca-test/gost2015");
    let data = tempfile::tempdir().unwrap();
    let out = cli(data.path(), &["trust", "test-mode", "on"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let app = App::start_in(data).await;
    app.click("create-shop").await;
    app.type_into("tax-id", "123456789021").await;
    app.wait_attr("tax-id-ok", "data-test-identifier", "true").await;
    app.type_into("seller-name-input", "АО \"ТЕСТ\"").await;
    app.type_into("outlet-name", "Бас дүкен").await;
    app.type_into("outlet-city", "Астана").await;
    app.type_into("outlet-address", "Мәңгілік Ел, 1").await;
    app.fill_owner().await;
    app.click("onboarding-submit").await;
    app.wait_attr("status-state", "data-state", "active").await;
    let badge = app.text("test-identifier").await;
    assert!(badge.contains("ТЕСТ ДЕРЕКТЕРІ") && badge.contains("123456789021"), "{badge}");

    // A fine, disputed: the letter is kept with it.
    app.click("nav-fines").await;
    app.click("record-fine").await;
    app.type_into("fine-notice", "JM-GOST/1").await;
    app.type_into("fine-amount", "35 000").await;
    app.type_into("fine-due-date", "31.12.2099").await;
    app.click("fine-submit").await;
    app.wait_attr("fine-state", "data-state", "received").await;
    app.click("open-dispute").await;
    app.type_into("dispute-deadline", "31.12.2099").await;
    app.type_into("dispute-grounds", "Терминал жұмыс істеп тұрды, чек қоса беріледі.").await;
    app.click("dispute-submit").await;
    app.wait_attr("fine-state", "data-state", "disputed").await;

    // The individual's key: shown, then refused, since its IIN is not this LLP's BIN.
    app.click("sign-file").await;
    app.click("choose-key").await;
    app.choose_file(&gost.join("individual-valid.p12")).await;
    app.wait_text("key-path", |t| t.contains("individual-valid.p12")).await;
    app.type_into("key-password", "Qwerty12").await;
    app.click("show-key").await;
    app.wait_attr("signer-algorithm", "data-algorithm", "gost2015").await;
    app.click("confirm-sign").await;
    app.confirm_pin(e2e::DEMO_OWNER.1).await;
    let refused = app.wait_text("sign-error", |t| !t.is_empty()).await;
    assert_eq!(refused, "Кілт сатушыға тиесілі емес: ондағы ЖСН/БСН сатушының емес.");

    // The head's key: GOST, the test BIN, signed and valid.
    app.click("choose-key").await;
    app.choose_file(&gost.join("legal-valid-head.p12")).await;
    app.wait_text("key-path", |t| t.contains("legal-valid-head.p12")).await;
    app.type_into("key-password", "Qwerty12").await;
    app.click("show-key").await;
    assert_eq!(app.wait_text("signer-bin", |t| t == "123456789021").await, "123456789021");
    assert!(app.text("signer-algorithm").await.contains("ГОСТ 34.10-2015"));
    app.click("confirm-sign").await;
    app.confirm_pin(e2e::DEMO_OWNER.1).await;
    app.wait_attr("sign-result", "data-outcome", "valid").await;

    app.click("nav-documents").await;
    app.wait_attr("document-signature", "data-outcome", "valid").await;
    assert_eq!(app.attr("document-signature", "data-algorithm").await.as_deref(), Some("gost2015"));
    let text = app.text("document-signature").await;
    assert!(text.contains("123456789021") && text.contains("ГОСТ 34.10-2015"), "{text}");
    assert_eq!(app.all("document-signature").await.len(), 1, "the refusal kept nothing");

    // A signed document received from elsewhere: Kalkan's detached signature of `test123` by a
    // GOST and an RSA signer, added through the native pickers (the signature, then the file).
    let received = app.data_dir.path().join("test123.txt");
    std::fs::write(&received, b"test123").unwrap();
    let kalkan = e2e::workspace_root().join("crates/eds/tests/fixtures/nca-test/cms/signed_detached_cms.der");
    app.click("add-received").await;
    app.choose_file(&kalkan).await;
    app.choose_file(&received).await;
    let deadline = std::time::Instant::now() + e2e::PATIENCE;
    while app.all("document-signature").await.len() < 3 {
        assert!(std::time::Instant::now() < deadline, "the received document did not appear");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let kalkans = app
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid='document'][data-kind='received_notice'] [data-testid='document-signature']",
        ))
        .await
        .unwrap();
    let mut seen = Vec::new();
    for s in kalkans {
        seen.push((s.attr("data-algorithm").await.unwrap().unwrap(), s.attr("data-outcome").await.unwrap().unwrap()));
    }
    seen.sort();
    // At its signing time (2022-09-27) the GOST signer's certificate was valid; the RSA signer's
    // had ended in January 2022.
    assert_eq!(seen, [("gost2015".to_string(), "valid".to_string()), ("rsa".to_string(), "expired".to_string())]);
    let dir = app.close().await;

    // The command line reads the same archive and marks the profile as test data.
    let out = cli(dir.path(), &["status"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("NCA test identifier"));
}

/// Serves the seller's website on 127.0.0.1: while `cleaned` is false its front page still names
/// the club in an image's alt text; afterwards it does not.
fn seller_site(cleaned: std::sync::Arc<std::sync::atomic::AtomicBool>) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let path = String::from_utf8_lossy(&buf[..n]).split_whitespace().nth(1).unwrap_or("/").to_string();
            let body = match (path.as_str(), cleaned.load(std::sync::atomic::Ordering::SeqCst)) {
                ("/", false) => {
                    r#"<html><body><h1>Тест Сауда</h1><img src="/s.png" alt="Alatau City Club стикері"></body></html>"#
                }
                ("/", true) => "<html><body><h1>Тест Сауда</h1><p>Карталар мен QR қабылдаймыз</p></body></html>",
                _ => "",
            };
            let status = if body.is_empty() { "404 Not Found" } else { "200 OK" };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes()));
        }
    });
    port
}

/// Branding and leaving the club, in the window: a poster saved through the native dialog, its
/// placement registered, the seller's website recorded; the exit started, the website check
/// finding the club's mark until the site is cleaned, every item ticked, the exit completed and
/// the status "exited".
#[tokio::test]
async fn a_poster_is_placed_then_the_exit_checklist_runs_to_the_status_exited() {
    let cleaned = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let port = seller_site(cleaned.clone());
    let app = App::start().await;
    app.click("create-shop").await;
    app.type_into("tax-id", "971240001315").await;
    app.get("tax-id-ok").await;
    app.type_into("seller-name-input", "Тест Сауда ЖШС").await;
    app.type_into("outlet-name", "Бас дүкен").await;
    app.type_into("outlet-city", "Алматы").await;
    app.type_into("outlet-address", "Төле би көшесі, 1").await;
    app.fill_owner().await;
    app.click("onboarding-submit").await;
    app.wait_attr("status-state", "data-state", "active").await;
    // No mark at the outlet yet: that is a next action.
    app.wait_css("[data-testid='next-action'][data-type='display_marks']").await;

    // An A4 poster for the outlet, saved through the native dialog.
    app.click("nav-branding").await;
    let outlet = app.get("branding-outlet").await;
    outlet.select_by_index(1).await.unwrap();
    let item = app.get("branding-item").await;
    item.select_by_value("poster-a4").await.unwrap();
    app.click("branding-save").await;
    let poster = app.data_dir.path().join("poster.pdf");
    app.save_as(&poster).await;
    app.wait_text("branding-result", |t| t.contains("poster.pdf")).await;
    let info = std::process::Command::new("pdfinfo").arg("-box").arg(&poster).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    // A4 exactly, as the trimmed page (the media box adds the bleed and the crop marks' room).
    let trim: Vec<f64> = info.lines().find(|l| l.starts_with("TrimBox:")).unwrap()["TrimBox:".len()..]
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    assert!(((trim[2] - trim[0]) - 595.28).abs() < 0.1 && ((trim[3] - trim[1]) - 841.89).abs() < 0.1, "{info}");

    // Its placement, and the website.
    app.type_into("placement-spot", "Кіреберіс есік").await;
    app.type_into("placement-by", "Әйгерім").await;
    app.click("placement-add").await;
    app.wait_css("[data-testid='placement'][data-item='sticker']").await;
    let site = format!("http://127.0.0.1:{port}/");
    app.type_into("web-url", &site).await;
    app.click("web-add").await;
    app.wait_text("web-site", |t| t.contains(&site)).await;

    // The status page no longer asks for marks; the exit starts.
    app.click("nav-status").await;
    app.wait_attr("status-state", "data-state", "active").await;
    assert!(app.client.find(fantoccini::Locator::Css("[data-type='display_marks']")).await.is_err());
    app.click("exit-start-open").await;
    app.click("exit-start").await;
    // Starting the exit cannot be undone: the first press says so and changes nothing.
    let warning = app.get("confirm-text").await.text().await.unwrap();
    assert!(warning.contains("5.1"), "{warning}");
    app.wait_attr("status-state", "data-state", "active").await;
    app.click("confirm-yes").await;
    app.wait_attr("status-state", "data-state", "exiting").await;
    // The next step has the exit's deadline.
    let step = app.wait_css("[data-testid='next-action'][data-type='complete_exit_checklist']").await;
    let date = step.find(fantoccini::Locator::Css("[data-testid='next-action-date']")).await.unwrap();
    assert!(date.text().await.unwrap().contains('.'), "the exit's step is dated");
    app.wait_attr("exit-progress", "data-total", "2").await;

    // The website check finds the mark; cleaned, the site passes.
    app.click("exit-site-check").await;
    app.wait_attr("site-check-result", "data-clean", "false").await;
    assert_eq!(app.attr("site-finding", "data-place").await.as_deref(), Some("alt"));
    cleaned.store(true, std::sync::atomic::Ordering::SeqCst);
    app.click("exit-site-check").await;
    app.wait_attr("site-check-result", "data-clean", "true").await;

    // Each item ticked with its evidence.
    for done in 1..=2 {
        app.click("tick-open").await;
        app.type_into("tick-by", "Әйгерім").await;
        app.type_into("tick-note", "Алынды").await;
        app.click("tick-save").await;
        app.wait_attr("exit-progress", "data-done", &done.to_string()).await;
    }
    app.click("exit-complete").await;
    app.click("confirm-yes").await;
    app.wait_attr("status-state", "data-state", "exited").await;
    app.get("exit-completed").await;
    // The statement is offered for signing right away.
    app.get("sign-dialog").await;
    let dir = app.close().await;
    let docs = cli(dir.path(), &["documents", "list", "--json"]);
    let docs: serde_json::Value = serde_json::from_slice(&docs.stdout).unwrap();
    assert!(docs.as_array().unwrap().iter().any(|d| d["kind"] == "exit_statement"), "{docs}");
    let status = cli(dir.path(), &["status", "--json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["status"]["state"], "exited");
}
