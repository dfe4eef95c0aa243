//! The key's custody against the real OS keyring (`cargo xtask test` runs these in a D-Bus
//! session with an unlocked gnome-keyring), and the passphrase mode and the recovery code.

use super::*;
use crate::dto::NewShopDto;
use crate::{Desk, FixedClock};
use club::profile::{LegalForm, OutletDraft};

fn clock() -> FixedClock {
    FixedClock("2026-11-25".parse().unwrap())
}

fn code_of(e: Result<Desk, ApiError>) -> ErrorCode {
    match e {
        Ok(_) => panic!("the data opened"),
        Err(e) => e.code,
    }
}

fn passphrase(p: &str) -> Unlock {
    Unlock::Passphrase(Zeroizing::new(p.into()))
}

fn recover(code: &str, p: Option<&str>) -> Unlock {
    Unlock::Recover { code: Zeroizing::new(code.into()), passphrase: p.map(|p| Zeroizing::new(p.into())) }
}

const NAME: &str = "Дала Сауда ЖШС";

/// A shop with its owner signed in, and the owner's recovery code.
fn shop(dir: &Path, unlock: Unlock) -> String {
    let mut desk = Desk::open_with(dir, clock(), unlock).unwrap();
    desk.create_shop(NewShopDto {
        legal_form: LegalForm::LegalEntity,
        tax_id: crate::demo::DEMO_BIN.into(),
        name: NAME.into(),
        outlet: OutletDraft { name: "Main".into(), city: "Almaty".into(), address: "Abay 1".into() },
        joined_on: "2026-11-01".parse().unwrap(),
        owner: crate::people::NewOwnerDto { name: "Әсем".into(), pin: "482915".into() },
    })
    .unwrap();
    desk.confirm_pin("482915".into()).unwrap();
    desk.recovery_code().unwrap().to_string()
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    n.sort();
    n
}

/// Whether this run has a keyring; under `cargo xtask test` (SELLER_DESK_KEYRING=required) it
/// must have one.
fn keyring_here() -> bool {
    let probe = keyring_put(&new_id(), &[1; 32]);
    let required = std::env::var("SELLER_DESK_KEYRING").as_deref() == Ok("required");
    match probe {
        Ok(()) => true,
        Err(e) if !required => {
            eprintln!("no system keyring here ({e}); run through `cargo xtask test`");
            false
        }
        Err(e) => panic!("no keyring: {e}"),
    }
}

#[test]
fn a_new_shops_key_goes_to_the_keyring_and_never_into_its_folder() {
    if !keyring_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let code = shop(dir.path(), Unlock::Keyring);
    let files: Vec<String> =
        names(dir.path()).into_iter().filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm")).collect();
    assert_eq!(files, [KEYS_FILE, store::DB_FILE]);
    let key = code::decode(&code).unwrap();
    let keys_text = std::fs::read_to_string(dir.path().join(KEYS_FILE)).unwrap();
    assert!(!keys_text.contains(&hex(key.as_ref())), "the key is in the keys file");
    assert!(keys_text.contains("\"custody\": \"keyring\""), "{keys_text}");
    // Opens again without asking.
    let desk = Desk::open(dir.path(), clock()).unwrap();
    assert_eq!(desk.custody().unwrap(), Custody::Keyring);
    assert_eq!(desk.store.read().seller().unwrap().unwrap().name, NAME);
}

#[test]
fn on_a_new_computer_the_recovery_code_opens_the_data_and_puts_its_key_in_the_keyring() {
    if !keyring_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let code = shop(dir.path(), Unlock::Keyring);
    // The keyring lost the entry (a new computer, a reset keyring).
    let keys = read_keys(dir.path()).unwrap().unwrap();
    keyring_entry(&keys.id).unwrap().delete_credential().unwrap();
    assert_eq!(code_of(Desk::open(dir.path(), clock())), ErrorCode::VaultKeyMissing);

    // Mistakes first: each is told by its own code, and nothing changes.
    let before = std::fs::read(dir.path().join(KEYS_FILE)).unwrap();
    assert_eq!(
        code_of(Desk::open_with(dir.path(), clock(), recover(&code[..40], None))),
        ErrorCode::VaultRecoveryCodeMalformed
    );
    let mut mistyped: Vec<char> = code.chars().collect();
    mistyped[7] = if mistyped[7] == 'A' { 'B' } else { 'A' };
    let mistyped: String = mistyped.into_iter().collect();
    assert_eq!(
        code_of(Desk::open_with(dir.path(), clock(), recover(&mistyped, None))),
        ErrorCode::VaultRecoveryCodeMistyped
    );
    let another = code::encode(&[3; 32]);
    assert_eq!(
        code_of(Desk::open_with(dir.path(), clock(), recover(&another, None))),
        ErrorCode::VaultRecoveryCodeWrong
    );
    assert_eq!(std::fs::read(dir.path().join(KEYS_FILE)).unwrap(), before);

    // Typed from paper: lower case, spaces.
    let typed = code.to_lowercase().replace('-', " ");
    let desk = Desk::open_with(dir.path(), clock(), recover(&typed, None)).unwrap();
    assert_eq!(desk.store.read().seller().unwrap().unwrap().name, NAME);
    drop(desk);
    // Kept again: the next start asks nothing.
    assert_eq!(Desk::open(dir.path(), clock()).unwrap().custody().unwrap(), Custody::Keyring);
}

#[test]
fn without_its_keys_file_or_with_a_damaged_one_the_data_opens_with_the_recovery_code_only() {
    if !keyring_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let code = shop(dir.path(), Unlock::Keyring);
    let keys_path = dir.path().join(KEYS_FILE);
    for damage in [&b"{\"format\": 1, \"id\": "[..], b"", b"\x00\xff garbage", b"{\"format\": 7}"] {
        std::fs::write(&keys_path, damage).unwrap();
        assert_eq!(code_of(Desk::open(dir.path(), clock())), ErrorCode::VaultKeysDamaged);
        assert_eq!(
            code_of(Desk::open_with(dir.path(), clock(), passphrase("whatever passphrase"))),
            ErrorCode::VaultKeysDamaged
        );
    }
    std::fs::remove_file(&keys_path).unwrap();
    assert_eq!(code_of(Desk::open(dir.path(), clock())), ErrorCode::VaultKeyMissing);
    // Without the keys file the code is proven against the file itself.
    assert_eq!(
        code_of(Desk::open_with(dir.path(), clock(), recover(&code::encode(&[4; 32]), None))),
        ErrorCode::VaultRecoveryCodeWrong
    );
    assert!(!keys_path.exists(), "a wrong code wrote a keys file");
    let desk = Desk::open_with(dir.path(), clock(), recover(&code, None)).unwrap();
    assert_eq!(desk.store.read().seller().unwrap().unwrap().name, NAME);
    drop(desk);
    assert_eq!(Desk::open(dir.path(), clock()).unwrap().store.read().seller().unwrap().unwrap().name, NAME);
}

#[test]
fn a_passphrase_protects_the_data_where_there_is_no_keyring() {
    let dir = tempfile::tempdir().unwrap();
    // Weak or too long: refused, and nothing is made.
    for weak in ["", "short", "            ", "eleven char"] {
        assert_eq!(
            code_of(Desk::open_with(dir.path(), clock(), passphrase(weak))),
            ErrorCode::VaultPassphraseWeak,
            "{weak:?}"
        );
    }
    let long = "ә".repeat(PASSPHRASE_MAX_CHARS + 1);
    assert_eq!(code_of(Desk::open_with(dir.path(), clock(), passphrase(&long))), ErrorCode::VaultPassphraseTooLong);
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));

    let good = "Көктем келді, 2026!";
    let code = shop(dir.path(), passphrase(good));
    let keys_text = std::fs::read_to_string(dir.path().join(KEYS_FILE)).unwrap();
    assert!(keys_text.contains("\"custody\": \"passphrase\""), "{keys_text}");
    assert!(!keys_text.contains(&hex(code::decode(&code).unwrap().as_ref())));
    assert_eq!(code_of(Desk::open(dir.path(), clock())), ErrorCode::VaultPassphraseNeeded);
    assert_eq!(
        code_of(Desk::open_with(dir.path(), clock(), passphrase("Көктем келді, 2026"))),
        ErrorCode::VaultPassphraseWrong
    );
    let desk = Desk::open_with(dir.path(), clock(), passphrase(good)).unwrap();
    assert_eq!(desk.custody().unwrap(), Custody::Passphrase);
    assert_eq!(desk.store.read().seller().unwrap().unwrap().name, NAME);
    drop(desk);

    // The passphrase forgotten: the recovery code opens the data, and a new passphrase keeps it.
    assert_eq!(
        code_of(Desk::open_with(dir.path(), clock(), recover(&code, Some("short")))),
        ErrorCode::VaultPassphraseWeak
    );
    let desk = Desk::open_with(dir.path(), clock(), recover(&code, Some("a new passphrase, longer"))).unwrap();
    drop(desk);
    assert_eq!(code_of(Desk::open_with(dir.path(), clock(), passphrase(good))), ErrorCode::VaultPassphraseWrong);
    Desk::open_with(dir.path(), clock(), passphrase("a new passphrase, longer")).unwrap();
}

#[test]
fn a_keys_file_that_asks_for_gigabytes_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    shop(dir.path(), passphrase("a passphrase of some length"));
    let path = dir.path().join(KEYS_FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    let hostile = text.replace(&format!("\"m_kib\": {ARGON_M_KIB}"), "\"m_kib\": 4294967295");
    assert_ne!(hostile, text);
    std::fs::write(&path, hostile).unwrap();
    assert_eq!(
        code_of(Desk::open_with(dir.path(), clock(), passphrase("a passphrase of some length"))),
        ErrorCode::VaultKeysDamaged
    );
}

#[test]
fn the_recovery_sheet_carries_the_code_that_opens_the_data_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    let p = "a passphrase of some length";
    let code = shop(dir.path(), passphrase(p));
    let mut desk = Desk::open_with(dir.path(), clock(), passphrase(p)).unwrap();
    assert_eq!(desk.recovery_sheet(club::Lang::Kk).unwrap_err().code, ErrorCode::SessionNone, "nobody signed in");
    let owner = desk.sign_in_choices().unwrap()[0].id;
    desk.sign_in(crate::people::SignInDto { person_id: owner, pin: Some("482915".into()) }).unwrap();
    assert_eq!(desk.recovery_sheet_taken_on().unwrap(), None);
    for (lang, heading) in [
        (club::Lang::Kk, "Қалпына келтіру коды"),
        (club::Lang::Ru, "Код восстановления"),
        (club::Lang::En, "Recovery code"),
    ] {
        let (pdf, name) = desk.recovery_sheet(lang).unwrap();
        assert!(name.ends_with(".pdf"));
        let path = dir.path().join(name);
        std::fs::write(&path, &pdf).unwrap();
        let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext runs");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(heading) && text.contains(NAME) && text.contains(crate::demo::DEMO_BIN), "{text}");
        // The code as a person copies it from the paper: the lines after the heading.
        let after = text.split(heading).nth(1).unwrap();
        let copied: String = after.lines().filter(|l| !l.trim().is_empty()).take(2).collect::<Vec<_>>().join(" ");
        assert_eq!(*code::decode(&copied).unwrap(), *code::decode(&code).unwrap(), "{copied}");
        std::fs::remove_file(&path).unwrap();
    }
    assert_eq!(desk.recovery_sheet_taken_on().unwrap(), Some("2026-11-25".parse().unwrap()));
}

/// A plain database as the previous version of Seller Desk left it: every migration applied by
/// SQLite itself (Python's sqlite3, as another program would), and a seller.
fn earlier_versions_file(path: &Path) {
    let migrations = Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/migrations");
    let script = format!(
        r#"
import sqlite3, pathlib
db = sqlite3.connect({path:?})
db.execute("PRAGMA journal_mode=WAL")
files = sorted(pathlib.Path({migrations:?}).glob("*.sql"))
for n, f in enumerate(files, 1):
    db.executescript(f.read_text())
    db.execute("PRAGMA user_version = %d" % n)
db.execute("INSERT INTO seller (id, legal_form, tax_id, name, created_on) VALUES (1, 'legal_entity', ?, ?, '2026-01-10')", ({bin:?}, {name:?}))
db.commit()
db.close()
"#,
        path = path.display().to_string(),
        migrations = migrations.display().to_string(),
        bin = crate::demo::DEMO_BIN,
        name = NAME,
    );
    let out = std::process::Command::new("python3").arg("-c").arg(&script).output().expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_earlier_versions_plain_file_is_encrypted_on_first_open_and_a_plain_file_put_there_later_is_refused() {
    if !keyring_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    earlier_versions_file(&db);
    let plain = std::fs::read(&db).unwrap();
    assert!(plain.starts_with(b"SQLite format 3\0"));

    let desk = Desk::open(dir.path(), clock()).unwrap();
    assert_eq!(desk.store.read().seller().unwrap().unwrap().name, NAME);
    drop(desk);
    assert_eq!(store::cipher::file_kind(&db).unwrap(), FileKind::Encrypted);
    let keys_text = std::fs::read_to_string(dir.path().join(KEYS_FILE)).unwrap();
    assert!(!keys_text.contains("upgrading"), "the upgrade is over: {keys_text}");
    let files: Vec<String> =
        names(dir.path()).into_iter().filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm")).collect();
    assert_eq!(files, [KEYS_FILE, store::DB_FILE], "no safety copy or half-made file is left");
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(NAME.len()).any(|w| w == NAME.as_bytes()), "the name is readable");
    }

    // Later, a plain file put in its place (by hand, or by another program) is not adopted.
    std::fs::write(&db, &plain).unwrap();
    let _ = std::fs::remove_file(dir.path().join(format!("{}-wal", store::DB_FILE)));
    assert_eq!(code_of(Desk::open(dir.path(), clock())), ErrorCode::StoreNotEncrypted);
    assert_eq!(std::fs::read(&db).unwrap(), plain, "the plain file was changed");
}
