//! The file encrypted at rest: what another program sees of it, a wrong key, and a plain file
//! from an earlier version encrypted in place.

use std::path::Path;

use club::profile::{LegalForm, Seller};
use rusqlite::Connection;
use store::cipher::{encrypt_plain, file_kind, safety_copy_path};
use store::migrations::{apply, latest, MIGRATIONS};
use store::{DbKey, FileKind, Store, StoreError, DB_FILE};

const NAME: &str = "Дала Сауда ЖШС";
const BIN: &str = "971240001315";

fn shop(store: &mut Store) {
    store
        .write(|db| -> Result<(), StoreError> {
            db.insert_seller(&Seller::new(LegalForm::LegalEntity, BIN, NAME).unwrap(), "2026-01-10".parse().unwrap())?;
            db.insert_outlet("Орталық дүкен", "Алматы", "Абай даңғылы 150")?;
            Ok(())
        })
        .unwrap();
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every byte the database left in its folder: the file and its journal files.
fn folder_bytes(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            all.extend(std::fs::read(path).unwrap());
        }
    }
    all
}

#[test]
fn the_file_shows_nothing_of_the_shop_to_another_program() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path, &crate::key()).unwrap();
    shop(&mut store);
    // While open (the write-ahead log holds the latest pages) and after closing.
    for moment in ["open", "closed"] {
        let bytes = folder_bytes(dir.path());
        assert!(!bytes.starts_with(b"SQLite format 3"), "{moment}: the header is SQLite's");
        for needle in [NAME.as_bytes(), BIN.as_bytes(), "Абай".as_bytes(), b"seller", b"CREATE TABLE"] {
            assert!(!contains(&bytes, needle), "{moment}: {:?} found in the files", String::from_utf8_lossy(needle));
        }
        if moment == "open" {
            drop(std::mem::replace(&mut store, Store::open(&path, &crate::key()).unwrap()));
        }
    }
    assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
    // SQLite without the key sees no database at all.
    let plain = Connection::open(&path).unwrap();
    let err = plain.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).unwrap_err();
    assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase), "{err}");
    // With the key, the tool reads it.
    let name: String = crate::keyed(&path).unwrap().query_row("SELECT name FROM seller", [], |r| r.get(0)).unwrap();
    assert_eq!(name, NAME);
}

#[cfg(unix)]
#[test]
fn the_folder_and_files_are_the_users_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    let path = folder.join(DB_FILE);
    let mut store = Store::open(&path, &crate::key()).unwrap();
    shop(&mut store);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&folder), 0o700);
    for entry in std::fs::read_dir(&folder).unwrap() {
        let p = entry.unwrap().path();
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
    assert!(folder.join(format!("{DB_FILE}-wal")).exists(), "the journal was looked at too");
    drop(store);

    // A folder from an earlier version, open to others: narrowed on the next open.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    drop(Store::open(&path, &crate::key()).unwrap());
    assert_eq!(mode(&folder), 0o700);
    // A folder of the user's own given as the data folder keeps its permissions; the database's
    // files are the user's alone all the same.
    let own = dir.path().join("own");
    std::fs::create_dir(&own).unwrap();
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o755)).unwrap();
    drop(Store::open(&own.join(DB_FILE), &crate::key()).unwrap());
    assert_eq!(mode(&own), 0o755);
    assert_eq!(mode(&own.join(DB_FILE)), 0o600);
}

#[test]
fn another_key_is_refused_and_the_file_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    shop(&mut Store::open(&path, &crate::key()).unwrap());
    let before = std::fs::read(&path).unwrap();
    let mut other = crate::KEY;
    other[31] ^= 1;
    match Store::open(&path, &DbKey::from_bytes(other)) {
        Err(StoreError::KeyRefused) => {}
        Err(e) => panic!("expected the key refused, got {e:?}"),
        Ok(_) => panic!("opened with another key"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(Store::open(&path, &crate::key()).unwrap().read().seller().unwrap().unwrap().name, NAME);
}

/// A shop's file from before encryption, at schema `version`, with a seller, an outlet and fines
/// (the search index and the tally are kept by triggers: the copy must not fire them twice).
fn plain_shop(path: &Path, version: i64) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    apply(&mut conn, MIGRATIONS, version).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO seller (id, legal_form, tax_id, name, created_on) VALUES (1, 'legal_entity', '{BIN}', '{NAME}', '2026-01-10');
         INSERT INTO outlet (id, name, city, address) VALUES (1, 'Main', 'Almaty', 'Abay 1');
         INSERT INTO fine (notice_number, notice_date, fact_date, outlet_id, violation, amount_tiyn, due_date, state, paid_tiyn, balance_tiyn)
         VALUES ('ҚЕ-0912', '2026-10-01', '2026-09-30', 1, 'surcharge', 500000, '2026-10-31', 'received', 0, 500000),
                ('ҚЕ-0913', '2026-10-02', '2026-09-30', 1, 'surcharge', 300000, '2026-10-31', 'received', 100000, 200000);"
    ))
    .unwrap();
}

#[test]
fn a_plain_file_is_refused_as_it_is_then_encrypted_in_place_with_everything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    plain_shop(&path, latest(MIGRATIONS));
    assert_eq!(file_kind(&path).unwrap(), FileKind::Plain);
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(Store::open(&path, &crate::key()), Err(StoreError::NotEncrypted)));
    assert_eq!(std::fs::read(&path).unwrap(), before, "refusing it changed it");

    encrypt_plain(&path, &crate::key()).unwrap();
    assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
    assert!(!safety_copy_path(&path).exists(), "the safety copy is removed once the encrypted file is in place");
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    assert_eq!(names, [DB_FILE], "nothing plain is left beside it");
    let bytes = folder_bytes(dir.path());
    assert!(!contains(&bytes, BIN.as_bytes()) && !contains(&bytes, NAME.as_bytes()));

    let store = Store::open(&path, &crate::key()).unwrap();
    let db = store.read();
    assert_eq!(db.seller().unwrap().unwrap().tax_id.number(), BIN);
    let today = "2026-11-25".parse().unwrap();
    let all = db.fine_totals(&store::fines::FineFilter::default(), today).unwrap();
    assert_eq!((all.count, all.balance.to_tiyn()), (2, Some(700_000)), "the tally was copied once");
    let found =
        db.fine_totals(&store::fines::FineFilter { search: Some("0913".into()), ..Default::default() }, today).unwrap();
    assert_eq!(found.count, 1, "the search index came along");
}

#[test]
fn an_older_schemas_plain_file_is_encrypted_then_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    plain_shop(&path, 14);
    encrypt_plain(&path, &crate::key()).unwrap();
    let store = Store::open(&path, &crate::key()).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest(MIGRATIONS));
    let totals = store.read().fine_totals(&store::fines::FineFilter::default(), "2026-11-25".parse().unwrap()).unwrap();
    assert_eq!(totals.count, 2);
}

#[test]
fn a_plain_file_from_a_newer_version_or_damaged_is_not_encrypted_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE from_the_future (x INTEGER); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(encrypt_plain(&path, &crate::key()), Err(StoreError::NewerVersion { found: 99, .. })));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!safety_copy_path(&path).exists());

    let damaged = dir.path().join("damaged.sqlite3");
    plain_shop(&damaged, latest(MIGRATIONS));
    let mut bytes = std::fs::read(&damaged).unwrap();
    // The second page onwards overwritten: the header is SQLite's, the tables are not there.
    for b in bytes.iter_mut().skip(4096).take(4096 * 3) {
        *b = 0x55;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let err = encrypt_plain(&damaged, &crate::key()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");
    assert_eq!(std::fs::read(&damaged).unwrap(), bytes);
    assert_eq!(file_kind(&damaged).unwrap(), FileKind::Plain);
}

#[test]
fn an_encryption_cut_short_is_started_again_from_the_plain_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    plain_shop(&path, latest(MIGRATIONS));
    // What a killed process leaves: a half-written encrypted copy and a safety copy.
    std::fs::write(dir.path().join(format!("{DB_FILE}.encrypting")), b"half written").unwrap();
    std::fs::write(safety_copy_path(&path), b"half copied").unwrap();
    encrypt_plain(&path, &crate::key()).unwrap();
    let store = Store::open(&path, &crate::key()).unwrap();
    assert_eq!(store.read().seller().unwrap().unwrap().name, NAME);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".encrypting") || n.ends_with(".before-encryption")), "{names:?}");
}
