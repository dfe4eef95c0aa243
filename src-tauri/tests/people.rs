//! People on the command line (6.8): every command as every role of the demo shop, checked
//! against the one role table; acting as someone, their PIN, and `people`.

mod common;

use std::path::Path;
use std::process::Output;

use desk::people::access::{may, CLI_COMMANDS};
use desk::people::Role;

/// The demo's people (README): owner, accountant, a cashier.
const AS: [(Role, &str, &str); 3] = [
    (Role::Owner, "Әсем Нұрланқызы", "482915"),
    (Role::Accountant, "Гүлнар Серікова", "731264"),
    (Role::Cashier, "Дамир Оспанов", "518374"),
];

fn as_person(dir: &Path, args: &[&str], name: &str, pin: &str) -> Output {
    common::run_with(
        dir,
        &[&["--as", name], args].concat(),
        &[("SELLER_DESK_PIN", pin), ("SELLER_DESK_NEW_PIN", "583920")],
    )
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(common::run_with(dir.path(), &["demo", "--init"], &[]).status.success());
    dir
}

/// Every command of the command line, run as the owner, the accountant and a cashier, is
/// refused exactly where the role table says (`role.refused`, nothing written) and otherwise
/// gets past the role check (it may still fail on its arguments, which are nonsense here).
#[test]
fn every_command_as_every_role_follows_the_role_table() {
    let dir = demo();
    let tmp = tempfile::tempdir().unwrap();
    let out = |name: &str| tmp.path().join(name).display().to_string();
    let (x, s, b) = (out("x"), out("s.csv"), out("b.pdf"));
    let argv: Vec<(&str, Vec<&str>)> = vec![
        ("status", vec!["status"]),
        ("audit verify", vec!["audit", "verify"]),
        ("audit list", vec!["audit", "list", "--limit", "1"]),
        ("fines import", vec!["fines", "import", "/nonexistent.csv"]),
        ("fines attach", vec!["fines", "attach", "--fine", "1", "/nonexistent"]),
        ("fines file", vec!["fines", "file", "--id", "999", "--out", &x]),
        ("fines list", vec!["fines", "list"]),
        ("statement", vec!["statement", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv", "--out", &s]),
        ("branding render", vec!["branding", "render", "--item", "sticker", "--out", &b]),
        ("exit check-site", vec!["exit", "check-site", "http://127.0.0.1:9/", "--max-pages", "1", "--delay-ms", "0"]),
        (
            "sign",
            vec!["sign", "/nonexistent", "--key", "/nonexistent.p12", "--out", &x, "--password-env", "NO_SUCH_VAR"],
        ),
        ("verify", vec!["verify", "/nonexistent"]),
        ("trust add", vec!["trust", "add", "/nonexistent.cer"]),
        ("trust crl add", vec!["trust", "crl", "add", "/nonexistent.crl"]),
        ("trust crl update", vec!["trust", "crl", "update"]),
        ("trust test-mode", vec!["trust", "test-mode", "off"]),
        ("trust ocsp", vec!["trust", "ocsp"]),
        ("trust tsa", vec!["trust", "tsa", "on"]),
        ("trust list", vec!["trust", "list"]),
        ("documents list", vec!["documents", "list"]),
        ("documents add", vec!["documents", "add", "/nonexistent.cms"]),
        ("demo", vec!["demo", "--init"]),
        ("people list", vec!["people", "list"]),
        ("people add", vec!["people", "add", "--name", "Жаңа кассир", "--role", "cashier", "--outlet", "1"]),
        ("people set-role", vec!["people", "set-role", "999", "cashier"]),
        ("people set-pin", vec!["people", "set-pin", "999"]),
        ("people unlock", vec!["people", "unlock", "999"]),
        ("training roster", vec!["training", "roster"]),
        ("training verify", vec!["training", "verify", "ZZZZZ-ZZZZZ"]),
        ("rules import", vec!["rules", "import", "/nonexistent.txt", "--published", "2026-11-20"]),
        ("rules list", vec!["rules", "list"]),
        ("rules diff", vec!["rules", "diff"]),
        ("rules acknowledge", vec!["rules", "acknowledge", "--out", &x]),
        ("recover", vec!["recover"]),
        ("backup", vec!["backup", "--to", "/nonexistent-folder"]),
        ("restore", vec!["restore", "/nonexistent.sqlite3"]),
        ("recovery-sheet", vec!["recovery-sheet", "--out", &x]),
    ];
    let mut listed: Vec<&str> = argv.iter().map(|(n, _)| *n).collect();
    let mut table: Vec<&str> = CLI_COMMANDS.iter().map(|(n, _)| *n).collect();
    listed.sort_unstable();
    table.sort_unstable();
    assert_eq!(listed, table, "every command of the role table is run here");

    for (role, name, pin) in AS {
        for (command, args) in &argv {
            let need = desk::people::access::cli_need(command).unwrap();
            let audit_before = common::run_with(dir.path(), &["audit", "verify"], &[]);
            let o = as_person(dir.path(), args, name, pin);
            let refused = stderr(&o).contains("\"role.refused\"");
            assert_eq!(refused, !may(role, need), "{command} as {role:?}: {}", stderr(&o));
            if refused {
                assert!(!o.status.success());
                // Nothing written: the audit trail has as many rows as before.
                let audit_after = common::run_with(dir.path(), &["audit", "verify"], &[]);
                assert_eq!(audit_before.stdout, audit_after.stdout, "{command} as {role:?} wrote something");
            }
        }
    }
}

#[test]
fn the_command_line_acts_as_a_named_person_with_their_pin_or_refuses() {
    let dir = demo();
    let code = |o: &Output| {
        let e = stderr(o);
        e.rsplit('(').next().unwrap_or("").trim().trim_end_matches(')').to_string()
    };
    // Without --as: the owner, with the owner's PIN.
    assert!(common::run_with(dir.path(), &["fines", "list"], &[]).status.success());
    let o = common::run_with(dir.path(), &["fines", "list"], &[("SELLER_DESK_PIN", "")]);
    assert_eq!(code(&o), "\"pin.needed\"");
    let o = common::run_with(dir.path(), &["fines", "list"], &[("SELLER_DESK_PIN", "999111")]);
    assert_eq!(code(&o), "\"pin.wrong\"");
    let o = as_person(dir.path(), &["status"], "Nobody Here", "482915");
    assert_eq!(code(&o), "\"person.not_found\"");
    // Names are matched whatever their case.
    assert!(as_person(dir.path(), &["status"], "гүлнар серікова", "731264").status.success());
}

#[test]
fn the_owner_manages_people_from_the_command_line() {
    let dir = demo();
    let o = common::run_with(
        dir.path(),
        &["people", "add", "--name", "Сәуле", "--role", "accountant"],
        &[("SELLER_DESK_NEW_PIN", "123456")],
    );
    assert!(stderr(&o).contains("\"pin.weak\""), "{}", stderr(&o));
    let o = common::run_with(
        dir.path(),
        &["people", "add", "--name", "Сәуле", "--role", "accountant"],
        &[("SELLER_DESK_NEW_PIN", "583920")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let list = common::run_with(dir.path(), &["people", "list", "--json"], &[]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let people = list["people"].as_array().unwrap();
    assert_eq!(people.len(), 7);
    let saule = people.iter().find(|p| p["name"] == "Сәуле").unwrap();
    assert_eq!(saule["role"], "accountant");
    assert_eq!(saule["has_pin"], true);
    let id = saule["id"].to_string();
    // Three wrong PINs as her, then the owner unlocks (clearing the count) and makes her a
    // cashier; she then cannot list fines.
    for _ in 0..3 {
        assert!(!as_person(dir.path(), &["status"], "Сәуле", "999111").status.success());
    }
    assert!(common::run_with(dir.path(), &["people", "unlock", &id], &[]).status.success());
    assert!(common::run_with(dir.path(), &["people", "set-role", &id, "cashier"], &[]).status.success());
    let o = as_person(dir.path(), &["fines", "list"], "Сәуле", "583920");
    assert!(stderr(&o).contains("\"role.refused\""), "{}", stderr(&o));
    // The audit trail stays intact and the file holds no PIN.
    assert!(common::run_with(dir.path(), &["audit", "verify"], &[]).status.success());
    let db = std::fs::read(dir.path().join("seller-desk.sqlite3")).unwrap();
    assert!(!db.windows(6).any(|w| w == b"583920"), "a PIN in plain in the file");
}
