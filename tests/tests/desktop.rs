//! Seller Desk as a desktop program: one window per shop's data, which a second start brings
//! forward and hands its files to, and which opens as it was left.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use e2e::App;

/// The window's inner size, as the page sees it.
async fn inner_size(app: &App) -> (u64, u64) {
    let size = app.client.execute("return [window.innerWidth, window.innerHeight]", vec![]).await.unwrap();
    (size[0].as_u64().unwrap(), size[1].as_u64().unwrap())
}

#[tokio::test]
async fn a_second_start_hands_its_signature_to_the_running_window_and_the_window_opens_as_it_was_left() {
    let app = App::start().await;
    app.click("open-demo").await;
    app.get("status-state").await;

    // The owner makes the window smaller; it is remembered as it changes.
    app.resize(1000, 700).await;
    assert_eq!(inner_size(&app).await, (1000, 700));

    // A received detached signature with its signed file beside it, opened from a file manager
    // (a second start of the program with the file): the running window takes it.
    let inbox = tempfile::tempdir().unwrap();
    let kalkan = e2e::workspace_root().join("crates/eds/tests/fixtures/nca-test/cms/signed_detached_cms.der");
    let signature = inbox.path().join("хат test123.txt.cms");
    std::fs::copy(&kalkan, &signature).unwrap();
    std::fs::write(inbox.path().join("хат test123.txt"), b"test123").unwrap();
    let mut second = Command::new(e2e::app_binary())
        .arg(signature.file_name().unwrap())
        .current_dir(inbox.path())
        .env("SELLER_DESK_DATA_DIR", app.data_dir.path())
        .env("DISPLAY", &app.display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + e2e::PATIENCE;
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second start did not hand over and stop (is there a D-Bus session? run `cargo xtask e2e`)");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "the second start: {status}");

    // The running window shows the Documents page with the file added and both signers checked.
    app.wait_attr("opened-file", "data-added", "yes").await;
    let said = app.text("opened-file").await;
    assert!(said.contains("хат test123.txt.cms"), "{said}");
    let deadline = Instant::now() + e2e::PATIENCE;
    while app.all("document-signature").await.len() < 2 {
        assert!(Instant::now() < deadline, "the received document's signers did not appear");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // A file that is not a signature is refused by name, and nothing more is added.
    let photo = inbox.path().join("photo.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff\xe0 not a signature").unwrap();
    let status = Command::new(e2e::app_binary())
        .arg(&photo)
        .env("SELLER_DESK_DATA_DIR", app.data_dir.path())
        .env("DISPLAY", &app.display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    app.wait_attr("opened-file", "data-added", "no").await;
    assert_eq!(app.attr("opened-file", "data-code").await.as_deref(), Some("eds.not_a_signature"));
    assert!(app.text("opened-file").await.contains("photo.jpg"));
    app.wait_css("[data-testid='document']").await;
    assert_eq!(app.all("document-signature").await.len(), 2);
    app.shot("opened-files").await;

    // Started again on the same data: the size it was left at.
    let dir = app.close().await;
    let app = App::start_in(dir).await;
    app.get("sign-in").await;
    assert_eq!(inner_size(&app).await, (1000, 700));
    app.close().await;
}

#[tokio::test]
async fn what_is_due_is_shown_on_the_desktop_once_together_and_a_click_opens_its_page() {
    let server = e2e::notifications::NotificationServer::start().await;
    let app = App::start().await;
    app.click("open-demo").await;
    app.get("status-state").await;

    // The demo's overdue fines and the club's announced suspension: one notification, in Kazakh.
    let deadline = Instant::now() + e2e::PATIENCE;
    while server.shown().is_empty() {
        assert!(Instant::now() < deadline, "no notification was shown");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let shown = server.shown();
    assert_eq!(shown.len(), 1, "{shown:?}");
    let note = &shown[0];
    assert_eq!(note.app_name, "Seller Desk");
    assert!(note.summary.starts_with("Seller Desk: ") && note.summary.ends_with("еске салу"), "{note:?}");
    assert!(note.body.contains("Клубтың тоқтатылуы"), "{note:?}");
    assert!(note.actions.iter().any(|a| a == "default"), "{note:?}");

    // Clicked while another page is open: the status page comes back.
    app.click("nav-documents").await;
    app.get("documents-page").await;
    server.click(note.id).await;
    app.wait_css("[data-testid='nav-status'].current").await;
    app.get("status-state").await;

    // The owner switches fine reminders off on the status page (kept: audited in the store).
    app.click("reminder-fine_due").await;
    app.get("reminders-saved").await;
    app.client.execute("document.querySelector(\"[data-testid='reminders']\").scrollIntoView()", vec![]).await.unwrap();
    app.shot("reminders").await;

    // Started again the same day and signed in: nothing is shown twice.
    let dir = app.close().await;
    let app = App::start_in(dir).await;
    app.sign_in_as_owner().await;
    app.get("status-state").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(server.shown().len(), 1, "{:?}", server.shown());
    let fine_due = app.get("reminder-fine_due").await;
    assert_eq!(fine_due.prop("checked").await.unwrap().as_deref(), Some("false"));
    app.close().await;
}
