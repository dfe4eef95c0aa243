//! The data's key in the real window: a passphrase where there is no keyring, and the recovery
//! sheet that opens the data again when its key is not on the computer.

use std::path::Path;
use std::time::Duration;

use e2e::{cli, App, DEMO_OWNER};
use fantoccini::Locator;

/// The first 16 bytes of a plain SQLite file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

async fn exists(app: &App, testid: &str) -> bool {
    app.client.find(Locator::Css(&format!("[data-testid='{testid}']"))).await.is_ok()
}

#[tokio::test]
async fn without_a_keyring_the_owner_chooses_a_passphrase_and_is_asked_for_it_at_each_start() {
    let no_keyring: &[(&str, &Path)] = &[("SELLER_DESK_NO_KEYRING", Path::new("1"))];
    let app = App::start_with(tempfile::tempdir().unwrap(), no_keyring).await;
    app.wait_attr("unlock", "data-mode", "choose").await;
    // Switched to Russian before anything exists: the screen follows, and so does the shop.
    app.click("lang-ru").await;
    let lead = app.text("unlock").await;
    assert!(lead.contains("Защитите данные парольной фразой"), "{lead}");
    // Too short: said under the field, nothing made.
    app.type_into("passphrase", "коротко").await;
    app.type_into("passphrase-again", "коротко").await;
    app.click("unlock-submit").await;
    let short = app.text("passphrase-short").await;
    assert!(short.contains("не короче 12"), "{short}");
    assert!(!app.data_dir.path().join("seller-desk.sqlite3").exists());
    // Long enough, typed differently: said, not sent.
    app.type_into("passphrase", "весна в Алматы 2026").await;
    app.type_into("passphrase-again", "весна в Алматы 2025").await;
    app.click("unlock-submit").await;
    assert!(app.text("passphrase-mismatch").await.contains("не совпадают"));
    assert!(!app.data_dir.path().join("seller-desk.sqlite3").exists());
    app.type_into("passphrase-again", "весна в Алматы 2026").await;
    app.click("unlock-submit").await;
    app.get("welcome").await;
    assert!(app.text("welcome").await.contains("Seller Desk"));
    assert_eq!(app.attr("lang-ru", "aria-pressed").await.as_deref(), Some("true"), "the language picked was kept");
    app.click("open-demo").await;
    app.get("recovery").await;
    let card = app.text("recovery").await;
    assert!(card.contains("парольной фразой") && card.contains("ещё не получен"), "{card}");
    let dir = app.close().await;

    let bytes = std::fs::read(dir.path().join("seller-desk.sqlite3")).unwrap();
    assert!(!bytes.starts_with(SQLITE_HEADER), "the file is plain SQLite");
    assert!(!bytes.windows("Дала Сауда".len()).any(|w| w == "Дала Сауда".as_bytes()));

    // The next start asks for it, in the shop's language once the data is open.
    let app = App::start_with(dir, no_keyring).await;
    app.wait_attr("unlock", "data-mode", "passphrase").await;
    app.type_into("passphrase", "весна в Алматы 2025").await;
    app.click("unlock-submit").await;
    app.wait_attr("form-error", "data-code", "vault.passphrase_wrong").await;
    assert_eq!(app.attr("passphrase", "value").await.as_deref(), Some(""), "the wrong passphrase stays typed");
    app.type_into("passphrase", "весна в Алматы 2026").await;
    app.click("unlock-submit").await;
    app.get("sign-in-person").await;
    assert_eq!(app.attr("lang-ru", "aria-pressed").await.as_deref(), Some("true"));
    app.close().await;
}

#[tokio::test]
async fn the_recovery_sheet_saved_from_the_status_page_opens_the_data_when_its_key_is_not_on_the_computer() {
    let app = App::start().await;
    app.click("open-demo").await;
    app.wait_attr("recovery", "data-taken", "").await;
    assert!(exists(&app, "recovery-never").await);
    app.click("save-recovery-sheet").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    if exists(&app, "pin-confirm").await {
        app.confirm_pin(DEMO_OWNER.1).await;
    }
    let sheet = app
        .data_dir
        .path()
        .join("..")
        .join(format!("{}-recovery.pdf", app.data_dir.path().file_name().unwrap().to_string_lossy()));
    app.save_as(&sheet).await;
    let saved = app.text("recovery-saved").await;
    assert!(saved.contains(&sheet.display().to_string()) || saved.contains("recovery.pdf"), "{saved}");
    app.get("recovery-taken").await;
    let dir = app.close().await;

    let text = std::process::Command::new("pdftotext").arg(&sheet).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8(text.stdout).unwrap();
    let _ = std::fs::remove_file(&sheet);
    let after = text.split("Қалпына келтіру коды").nth(1).expect("the sheet in Kazakh, as the window was");
    let code: String = after.lines().filter(|l| !l.trim().is_empty()).take(2).collect::<Vec<_>>().join(" ");

    // A new computer: the data folder comes without its keys file.
    std::fs::remove_file(dir.path().join("seller-desk.keys.json")).unwrap();
    let app = App::start_in(dir).await;
    app.wait_attr("unlock", "data-mode", "recover").await;
    app.wait_attr("form-error", "data-code", "vault.key_missing").await;
    app.type_into("recovery-code", &code[..20]).await;
    app.click("unlock-submit").await;
    app.wait_attr("form-error", "data-code", "vault.recovery_code_malformed").await;
    // Typed from paper, in lower case.
    app.type_into("recovery-code", &code.to_lowercase()).await;
    app.click("unlock-submit").await;
    app.get("sign-in-person").await;
    let dir = app.close().await;
    // Kept in the keyring again: the next start asks nothing, and the command line reads it.
    let app = App::start_in(dir).await;
    app.get("sign-in-person").await;
    let dir = app.close().await;
    let out = cli(dir.path(), &["status"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
