//! The headless command line of the real binary, over real data folders.

mod common;

use std::path::Path;
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    common::run_with(dir, args, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn status_of_an_empty_folder_is_not_joined() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["status", "--json"]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["status"]["state"], "not_joined");
    assert_eq!(report["seller"], serde_json::Value::Null);
    assert_eq!(report["status"]["next_actions"][0]["type"], "record_joining");
}

#[test]
fn demo_init_creates_the_demo_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["demo", "--init"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&run(dir.path(), &["status", "--json"]).stdout).unwrap();
    assert_eq!(report["status"]["state"], "club_suspension_announced");
    assert_eq!(report["status"]["announcement"]["calendar_days_left"], 18);

    let again = run(dir.path(), &["demo", "--init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("shop.exists"));
}

#[test]
fn a_database_its_key_does_not_open_is_refused_by_the_command_line_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["status"]).status.success());
    let file = dir.path().join("seller-desk.sqlite3");
    // Another file put in its place: its first bytes (SQLCipher's salt) are not this file's.
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[0] ^= 0x5a;
    std::fs::write(&file, &bytes).unwrap();
    let out = run(dir.path(), &["status", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("store.key_refused"), "{err}");
    assert!(!err.contains("ERROR CORE"), "SQLCipher's own log reached the user: {err}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "the refused file was changed");
}

#[test]
fn the_file_shows_nothing_of_the_shop_and_an_edit_to_its_bytes_is_refused_as_damage() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo", "--init"]).status.success());
    let file = dir.path().join("seller-desk.sqlite3");
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        all.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    assert!(!all.starts_with(b"SQLite format 3"));
    for needle in ["Айыппұл төленді", "180640000016", "Дала Сауда", "Әсем"] {
        assert!(!all.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle} is readable in the data folder");
    }
    // A byte changed as a hex editor would: the page's authentication fails, the file is
    // called damaged and left as it is.
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes.len() - 100;
    bytes[at] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    let out = run(dir.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("store.corrupt"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

/// The D-Bus address of a session that is not there: no keyring for this run.
const NO_KEYRING: (&str, &str) = ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/seller-desk-test-bus");

#[test]
fn without_a_keyring_the_data_is_kept_under_a_passphrase_and_its_recovery_sheet_opens_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run_as = |args: &[&str], envs: &[(&str, &str)]| {
        let mut all = vec![NO_KEYRING];
        all.extend_from_slice(envs);
        common::run_with(&data, args, &all)
    };
    let err = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();
    // No keyring, no passphrase: refused plainly, nothing written.
    let o = run_as(&["demo", "--init"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("vault.no_keyring") && err(&o).contains("SELLER_DESK_PASSPHRASE"), "{}", err(&o));
    assert!(!data.join("seller-desk.sqlite3").exists());
    let o = run_as(&["demo", "--init"], &[("SELLER_DESK_PASSPHRASE", "short")]);
    assert!(err(&o).contains("vault.passphrase_weak"), "{}", err(&o));

    let good = ("SELLER_DESK_PASSPHRASE", "Алатау таулары биік 2026");
    assert!(run_as(&["demo", "--init"], &[good]).status.success());
    assert!(stdout(&run_as(&["status"], &[good])).contains("Club suspension announced"));
    assert!(err(&run_as(&["status"], &[])).contains("vault.passphrase_needed"));
    let o = run_as(&["--lang", "ru", "status"], &[("SELLER_DESK_PASSPHRASE", "Алатау таулары биік 2025")]);
    assert!(err(&o).contains("Неверная парольная фраза") && err(&o).contains("vault.passphrase_wrong"), "{}", err(&o));

    // The sheet, as the owner (the PIN is the command line's confirmation), read as a person
    // reads it from paper.
    let sheet = dir.path().join("sheet.pdf");
    let o = run_as(&["recovery-sheet", "--out", sheet.to_str().unwrap()], &[good]);
    assert!(o.status.success(), "{}", err(&o));
    let text = std::process::Command::new("pdftotext").arg(&sheet).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8(text.stdout).unwrap();
    let after = text.split("Recovery code").nth(1).expect("the code's heading");
    let code: String = after.lines().filter(|l| !l.trim().is_empty()).take(2).collect::<Vec<_>>().join(" ");
    assert_eq!(code.chars().filter(|c| c.is_ascii_alphanumeric()).count(), 56, "{code}");
    let o = run_as(&["recovery-sheet", "--out", sheet.to_str().unwrap()], &[good, ("SELLER_DESK_PIN", "111111")]);
    assert!(!o.status.success(), "a wrong PIN got the sheet");

    // The computer changes: the keys file is not copied along.
    std::fs::remove_file(data.join("seller-desk.keys.json")).unwrap();
    assert!(err(&run_as(&["status"], &[good])).contains("vault.key_missing"));
    let recover = |code: &str, envs: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_seller-desk"));
        cmd.arg("recover").env("SELLER_DESK_DATA_DIR", &data).env("SELLER_DESK_LANG", "en").env_remove("DISPLAY");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        use std::io::Write;
        let mut child = cmd
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(format!("{code}\n").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let mut mistyped: Vec<char> = code.chars().collect();
    let i = mistyped.iter().position(|c| c.is_ascii_alphanumeric()).unwrap();
    mistyped[i] = if mistyped[i] == 'A' { 'B' } else { 'A' };
    let o = recover(&mistyped.into_iter().collect::<String>(), &[NO_KEYRING]);
    assert!(err(&o).contains("vault.recovery_code_mistyped"), "{}", err(&o));
    let o = recover(&code.to_lowercase(), &[NO_KEYRING]);
    assert!(err(&o).contains("vault.no_keyring"), "without a keyring a new passphrase is needed: {}", err(&o));
    let new = ("SELLER_DESK_PASSPHRASE", "a new passphrase for the new computer");
    let o = recover(&code.to_lowercase(), &[NO_KEYRING, new]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(stdout(&o).contains("new passphrase"), "{}", stdout(&o));
    assert!(stdout(&run_as(&["status"], &[new])).contains("Club suspension announced"));

    // Where there is a keyring (`cargo xtask test` runs in a session with one), the code puts
    // the key there and nothing is asked again.
    if std::env::var("SELLER_DESK_KEYRING").as_deref() == Ok("required") {
        let o = recover(&code, &[]);
        assert!(o.status.success(), "{}", err(&o));
        assert!(stdout(&o).contains("system keyring"), "{}", stdout(&o));
        let o = common::run_with(&data, &["status"], &[]);
        assert!(stdout(&o).contains("Club suspension announced"), "{}", err(&o));
    }
}

/// What the command line prints follows the language picked in the window (Kazakh until one is
/// picked), `SELLER_DESK_LANG`, or `--lang` anywhere on the line; its errors are the window's
/// messages in that language with the same codes.
#[test]
fn the_command_line_speaks_the_language_picked_in_the_window_or_the_one_asked() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo", "--init"]).status.success());
    let window = |args: &[&str]| common::run_with(dir.path(), args, &[("SELLER_DESK_LANG", "")]);

    // Nothing picked yet: Kazakh, as the window opens.
    let kk = stdout(&window(&["status"]));
    assert!(kk.contains("Күйі: Клубты тоқтата тұру жарияланды"), "{kk}");
    assert!(kk.contains("Келесі қадамдар, ең шұғылы бірінші:"), "{kk}");
    assert!(!kk.contains("Next steps"), "{kk}");

    // Asked for Russian, before or after the command.
    for args in [&["--lang", "ru", "status"][..], &["status", "--lang", "ru"][..]] {
        let ru = stdout(&window(args));
        assert!(ru.contains("Статус: Объявлена приостановка клуба"), "{ru}");
        assert!(ru.contains("Следующие шаги"), "{ru}");
    }
    let ru = stdout(&common::run_with(dir.path(), &["fines", "list"], &[("SELLER_DESK_LANG", "ru")]));
    assert!(ru.contains("Штрафов: ") && ru.contains("начислено"), "{ru}");
    assert!(ru.contains("Оплачен") || ru.contains("Получен"), "{ru}");

    // An error: the window's message in the language, the same code, the detail after it.
    let missing = dir.path().join("нет-такого.csv");
    let out = window(&["--lang", "ru", "fines", "import", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("(\"file.not_read\")"), "{err}");
    assert!(err.contains("подробнее") && err.contains("нет-такого.csv"), "{err}");
    let out = common::run_with(dir.path(), &["status"], &[("SELLER_DESK_LANG", ""), ("SELLER_DESK_PIN", "000000")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("(\"pin.wrong\")"), "{err}");
    assert!(err.chars().any(|c| ('а'..='я').contains(&c)), "the PIN's refusal is in Kazakh: {err}");

    // A language that does not exist is refused by name, and nothing runs.
    let out = window(&["--lang", "de", "status"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cli.bad_argument"));
    assert!(out.stdout.is_empty());

    // A statement comes in the language asked, as the window's "Language" choice makes it.
    let csv = dir.path().join("q4.csv");
    let args = ["statement", "--from", "2026-10-01", "--to", "2026-12-31", "--format", "csv", "--lang", "ru"];
    let out = window(&[&args[..], &["--out", csv.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("на начало"), "{}", stdout(&out));
    let bytes = std::fs::read(&csv).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("Штраф") || text.contains("штраф"), "a Russian statement: {text}");
}

#[test]
fn a_backup_is_made_checked_pruned_shown_and_put_back_with_the_data_kept_first() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo", "--init"]).status.success());
    let err = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();
    let o = run(dir.path(), &["backup"]);
    assert!(err(&o).contains("backup.no_folder"), "{}", err(&o));
    let stick = tempfile::tempdir().unwrap();
    let to = stick.path().to_str().unwrap();
    let mut made = Vec::new();
    for _ in 0..3 {
        let o = run(dir.path(), &["backup", "--to", to, "--keep", "2"]);
        assert!(o.status.success(), "{}", err(&o));
        let out = stdout(&o);
        assert!(out.contains("written and checked") && out.contains("Дала Сауда"), "{out}");
        made.push(out.lines().next().unwrap().rsplit(": ").next().unwrap().to_string());
    }
    let left: Vec<_> = std::fs::read_dir(stick.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "the last two kept");
    // Remembered: the next backup needs no folder.
    assert!(run(dir.path(), &["backup"]).status.success());

    let fines = |dir: &Path| -> usize {
        let o = run(dir, &["fines", "list", "--json"]);
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["rows"].as_array().map_or(0, Vec::len)
    };
    let before = fines(dir.path());
    let csv = dir.path().join("one.csv");
    std::fs::write(&csv, "notice_number;notice_date;fact_date;outlet;clause;amount;due_date;notes\nNEW-1;20.11.2026;18.11.2026;1;2.6.3;30000;20.12.2026;\n").unwrap();
    assert!(run(dir.path(), &["fines", "import", csv.to_str().unwrap()]).status.success());
    assert_eq!(fines(dir.path()), before + 1);

    let last = made.last().unwrap();
    let shown = run(dir.path(), &["restore", last]);
    assert!(shown.status.success(), "{}", err(&shown));
    assert!(stdout(&shown).contains("Add --yes"), "{}", stdout(&shown));
    assert_eq!(fines(dir.path()), before + 1, "shown only, nothing changed");
    let o = run(dir.path(), &["restore", last, "--yes"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(stdout(&o).contains("restored"), "{}", stdout(&o));
    assert_eq!(fines(dir.path()), before, "the backup's state");
    let safety: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("seller-desk.before-restore-"))
        .collect();
    assert_eq!(safety.len(), 1, "one safety copy");

    // Another shop's backup is refused.
    let other = tempfile::tempdir().unwrap();
    assert!(run(other.path(), &["demo", "--init"]).status.success());
    let other_stick = tempfile::tempdir().unwrap();
    assert!(run(other.path(), &["backup", "--to", other_stick.path().to_str().unwrap()]).status.success());
    let foreign = std::fs::read_dir(other_stick.path()).unwrap().next().unwrap().unwrap().path();
    let o = run(dir.path(), &["restore", foreign.to_str().unwrap(), "--yes"]);
    assert!(err(&o).contains("backup.not_this_shops"), "{}", err(&o));
    assert_eq!(fines(dir.path()), before);
}
