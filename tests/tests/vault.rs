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

#[tokio::test]
async fn a_backup_made_from_the_status_page_is_put_back_from_it_and_what_came_after_is_gone() {
    let app = App::start().await;
    app.click("open-demo").await;
    app.wait_attr("backups", "data-overdue", "true").await;
    // A folder as a USB stick's is named (not hidden, as temporary folders are).
    let stick = tempfile::Builder::new().prefix("usb-stick-").tempdir().unwrap();
    // The folder chosen in the system's folder picker: a path typed into its location field.
    app.click("backup-choose-folder").await;
    app.pick_folder(stick.path()).await;
    app.wait_text("backup-folder", |t| t == stick.path().display().to_string()).await;
    app.click("backup-now").await;
    let made = app.wait_text("backup-made", |t| t.contains("seller-desk-")).await;
    app.wait_attr("backups", "data-overdue", "false").await;
    let backup = std::fs::read_dir(stick.path()).unwrap().next().unwrap().unwrap().path();
    assert!(made.contains(&backup.display().to_string()), "{made}");
    assert!(!std::fs::read(&backup).unwrap().starts_with(SQLITE_HEADER));

    // A fine recorded after the backup (from the command line, beside the window).
    let fines = |dir: &Path| -> usize {
        let o = cli(dir, &["fines", "list", "--json"]);
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["rows"].as_array().map_or(0, Vec::len)
    };
    let before = fines(app.data_dir.path());
    let csv = stick.path().join("one.csv");
    std::fs::write(&csv, "notice_number;notice_date;fact_date;outlet;clause;amount;due_date;notes\nAFTER-1;20.11.2026;18.11.2026;1;2.6.3;30000;20.12.2026;\n").unwrap();
    let o = cli(app.data_dir.path(), &["fines", "import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fines(app.data_dir.path()), before + 1);

    app.click("backup-restore").await;
    app.choose_file(&backup).await;
    let holds = app.text("backup-chosen").await;
    assert!(holds.contains("Дала Сауда"), "{holds}");
    app.click("backup-restore-chosen").await;
    app.click("confirm-yes").await;
    // The window starts again: everyone signs in.
    app.get("sign-in-person").await;
    app.sign_in(DEMO_OWNER.0, DEMO_OWNER.1).await;
    app.get("status-state").await;
    let dir = app.close().await;
    assert_eq!(fines(dir.path()), before, "the fine recorded after the backup is gone");
    let safety = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("seller-desk.before-restore-"))
        .count();
    assert_eq!(safety, 1, "the data as it was is kept beside");
}
