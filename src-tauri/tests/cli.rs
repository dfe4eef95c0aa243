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
fn a_newer_database_is_refused_by_the_command_line_too() {
    let dir = tempfile::tempdir().unwrap();
    // A SQLite header with user_version (offset 60) set to 999, as a newer Seller Desk would
    // leave it: built by hand so this test needs no SQLite library of its own.
    assert!(run(dir.path(), &["status"]).status.success());
    let file = dir.path().join("seller-desk.sqlite3");
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&file, &bytes).unwrap();
    let out = run(dir.path(), &["status", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("store.newer_version"));
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "the newer file was changed");
}

#[test]
fn audit_verify_finds_a_row_edited_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo", "--init"]).status.success());
    let out = run(dir.path(), &["audit", "verify"]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("intact"), "{}", stdout(&out));

    // Edit the file's bytes as a hex editor would: the note of the lifted measure becomes a
    // different text of the same length, in the history and in its audit row alike.
    let file = dir.path().join("seller-desk.sqlite3");
    let bytes = std::fs::read(&file).unwrap();
    let from = "Айыппұл төленді".as_bytes();
    let to = "Айыппұл кешірді".as_bytes();
    assert_eq!(from.len(), to.len());
    let mut edited = bytes.clone();
    let mut found = 0;
    let mut i = 0;
    while i + from.len() <= edited.len() {
        if &edited[i..i + from.len()] == from {
            edited[i..i + from.len()].copy_from_slice(to);
            found += 1;
        }
        i += 1;
    }
    assert!(found >= 2, "the note should be in the history and in the audit trail ({found} found)");
    std::fs::write(&file, &edited).unwrap();

    let out = run(dir.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("audit row"), "{}", stdout(&out));
    assert!(stdout(&out).contains("was changed after it was written"), "{}", stdout(&out));
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
