//! Backups through the online backup, and putting one back.

use club::profile::{LegalForm, Seller};
use store::backup::{inspect, restore, RestoreRefusal};
use store::{DbKey, Store, StoreError, DB_FILE};

const NAME: &str = "Дала Сауда ЖШС";

fn shop(path: &std::path::Path) -> Store {
    let mut store = Store::open(path, &crate::key()).unwrap();
    store
        .write(|db| -> Result<(), StoreError> {
            db.insert_seller(
                &Seller::new(LegalForm::LegalEntity, "971240001315", NAME).unwrap(),
                "2026-01-10".parse().unwrap(),
            )?;
            db.insert_outlet("Орталық", "Алматы", "Абай 1")?;
            Ok(())
        })
        .unwrap();
    store
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut n: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    n.sort();
    n
}

#[test]
fn a_backup_is_encrypted_checked_and_holds_what_the_live_file_held() {
    let dir = tempfile::tempdir().unwrap();
    let store = shop(&dir.path().join(DB_FILE));
    let out = tempfile::tempdir().unwrap();
    let to = out.path().join("backup-1.sqlite3");
    let facts = store.backup_to(&to, &crate::key()).unwrap();
    assert_eq!(facts, store.facts().unwrap());
    assert_eq!(facts.seller.as_ref().map(|(n, _)| n.as_str()), Some(NAME));
    assert!(facts.last_change.is_some());
    assert_eq!(names(out.path()), ["backup-1.sqlite3"], "one file, no journal, nothing half-made");
    let bytes = std::fs::read(&to).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!bytes.windows(NAME.len()).any(|w| w == NAME.as_bytes()));
    assert_eq!(inspect(&to, &crate::key()).unwrap().unwrap(), facts);
    // While the store goes on being written, another backup can be made beside.
    drop(store.backup_to(&out.path().join("backup-2.sqlite3"), &crate::key()).unwrap());
}

#[test]
fn a_backup_that_cannot_be_written_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = shop(&dir.path().join(DB_FILE));
    let missing = dir.path().join("no-such-folder").join("backup.sqlite3");
    assert!(matches!(store.backup_to(&missing, &crate::key()), Err(StoreError::Io(_))));
    assert!(!missing.exists());
}

#[test]
fn a_backup_is_put_back_after_a_safety_copy_and_the_live_changes_since_are_in_that_copy() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join(DB_FILE);
    let mut store = shop(&live);
    let backup = dir.path().join("backup.sqlite3");
    store.backup_to(&backup, &crate::key()).unwrap();
    store.write(|db| db.insert_outlet("Екінші", "Астана", "Мәңгілік ел 5")).unwrap();
    assert_eq!(store.read().outlets().unwrap().len(), 2);
    drop(store);

    let safety = dir.path().join("before-restore.sqlite3");
    let facts = restore(&live, &backup, &crate::key(), &safety).unwrap().unwrap();
    assert_eq!(facts.seller.unwrap().0, NAME);
    assert_eq!(Store::open(&live, &crate::key()).unwrap().read().outlets().unwrap().len(), 1, "the backup's state");
    assert_eq!(
        Store::open(&safety, &crate::key()).unwrap().read().outlets().unwrap().len(),
        2,
        "the safety copy has today's"
    );
    assert!(!names(dir.path()).iter().any(|n| n.ends_with(".restoring")), "{:?}", names(dir.path()));
}

#[test]
fn another_shops_a_damaged_or_a_plain_backup_is_refused_and_the_live_file_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join(DB_FILE);
    let store = shop(&live);
    let good = dir.path().join("good.sqlite3");
    store.backup_to(&good, &crate::key()).unwrap();
    drop(store);
    let before = std::fs::read(&live).unwrap();
    let safety = dir.path().join("safety.sqlite3");

    // Another shop's: made under another key.
    let other_dir = tempfile::tempdir().unwrap();
    let other_key = DbKey::from_bytes([0x11; 32]);
    let other = Store::open(&other_dir.path().join(DB_FILE), &other_key).unwrap();
    let foreign = dir.path().join("foreign.sqlite3");
    other.backup_to(&foreign, &other_key).unwrap();
    assert!(matches!(restore(&live, &foreign, &crate::key(), &safety).unwrap(), Err(RestoreRefusal::NotThisShops)));

    // Damaged in the middle: its pages no longer authenticate.
    let mut bytes = std::fs::read(&good).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x40;
    let damaged = dir.path().join("damaged.sqlite3");
    std::fs::write(&damaged, &bytes).unwrap();
    let refusal = restore(&live, &damaged, &crate::key(), &safety).unwrap();
    assert!(matches!(refusal, Err(RestoreRefusal::Damaged(_))), "{refusal:?}");

    // Cut short, empty, or a plain SQLite file.
    let cut = dir.path().join("cut.sqlite3");
    std::fs::write(&cut, &std::fs::read(&good).unwrap()[..3000]).unwrap();
    assert!(restore(&live, &cut, &crate::key(), &safety).unwrap().is_err());
    let empty = dir.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(restore(&live, &empty, &crate::key(), &safety).unwrap(), Err(RestoreRefusal::Damaged(_))));
    let plain = dir.path().join("plain.sqlite3");
    rusqlite::Connection::open(&plain).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    assert!(matches!(restore(&live, &plain, &crate::key(), &safety).unwrap(), Err(RestoreRefusal::NotThisShops)));

    assert_eq!(std::fs::read(&live).unwrap(), before, "a refused backup changed the live file");
    assert!(!safety.exists(), "no safety copy is made for a refused backup");
}

#[test]
fn a_backup_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join(DB_FILE);
    drop(shop(&live));
    let newer = dir.path().join("newer.sqlite3");
    {
        let conn = crate::keyed(&newer).unwrap();
        conn.execute_batch("CREATE TABLE from_the_future (x); PRAGMA user_version = 999;").unwrap();
    }
    let refusal = restore(&live, &newer, &crate::key(), &dir.path().join("s")).unwrap();
    assert!(matches!(refusal, Err(RestoreRefusal::Newer { found: 999, .. })), "{refusal:?}");
}
