use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use store::migrations::{apply, latest, Migration, MIGRATIONS};
use store::{Store, StoreError, DB_FILE};

fn schema(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

fn version(path: &Path) -> i64 {
    crate::keyed(path).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

#[test]
fn fresh_schema_equals_schema_upgraded_step_by_step() {
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("fresh.sqlite3");
    drop(Store::open(&fresh_path, &crate::key()).unwrap());

    let stepped_path = dir.path().join("stepped.sqlite3");
    let mut stepped = crate::keyed(&stepped_path).unwrap();
    for m in MIGRATIONS {
        apply(&mut stepped, MIGRATIONS, m.version).unwrap();
        let v: i64 = stepped.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, m.version);
    }
    drop(stepped);
    // Opening the stepped file again must find nothing left to do.
    drop(Store::open(&stepped_path, &crate::key()).unwrap());

    let fresh = schema(&crate::keyed(&fresh_path).unwrap());
    let stepped = schema(&crate::keyed(&stepped_path).unwrap());
    assert!(fresh.iter().any(|(_, name, _)| name == "membership_event"));
    assert_eq!(fresh, stepped);
    assert_eq!(version(&fresh_path), MIGRATIONS.last().unwrap().version);
}

#[test]
fn an_old_database_with_data_upgrades_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut conn = crate::keyed(&path).unwrap();
    apply(&mut conn, MIGRATIONS, 1).unwrap();
    conn.execute_batch(
        "INSERT INTO seller (id, legal_form, tax_id, name, created_on) VALUES (1, 'legal_entity', '971240001315', 'Dala LLP', '2026-01-10');
         INSERT INTO outlet (name, city, address) VALUES ('Main', 'Almaty', 'Abay 1');",
    )
    .unwrap();
    drop(conn);

    let store = Store::open(&path, &crate::key()).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest(MIGRATIONS));
    let seller = store.read().seller().unwrap().unwrap();
    assert_eq!(seller.name, "Dala LLP");
    assert_eq!(store.read().outlets().unwrap().len(), 1);
    assert_eq!(store.read().setting("language").unwrap(), None);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let conn = crate::keyed(&path).unwrap();
        conn.execute_batch("CREATE TABLE from_the_future (x INTEGER); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path, &crate::key()) {
        Err(StoreError::NewerVersion { found: 99, supported }) if supported == latest(MIGRATIONS) => {}
        Err(other) => panic!("expected a newer-version refusal, got {other:?}"),
        Ok(_) => panic!("a newer database was opened"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file changed");
    assert!(!dir.path().join(format!("{DB_FILE}-wal")).exists(), "a WAL file was created");
}

#[test]
fn a_failed_migration_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut store = Store::open(&path, &crate::key()).unwrap();
        store.write(|db| db.set_setting("language", "ru")).unwrap();
    }
    let before_schema = schema(&crate::keyed(&path).unwrap());

    // A migration after the last one whose first statement works and whose second fails.
    let broken: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|m| Migration { version: m.version, sql: m.sql })
        .chain([Migration {
            version: latest(MIGRATIONS) + 1,
            sql: "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);",
        }])
        .collect();
    match Store::open_with(&path, &crate::key(), Duration::from_secs(1), &broken) {
        Err(StoreError::Migration { version, .. }) if version == latest(MIGRATIONS) + 1 => {}
        Err(other) => panic!("expected a migration error, got {other:?}"),
        Ok(_) => panic!("the broken migration succeeded"),
    }
    assert_eq!(version(&path), latest(MIGRATIONS));
    assert_eq!(schema(&crate::keyed(&path).unwrap()), before_schema);
    let store = Store::open(&path, &crate::key()).unwrap();
    assert_eq!(store.read().setting("language").unwrap().as_deref(), Some("ru"));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let garbage = b"this is a spreadsheet, not a database\n".repeat(200);
    std::fs::write(&path, &garbage).unwrap();
    match Store::open(&path, &crate::key()) {
        // Encrypted, a damaged file and a wrong key look alike: neither opens with the key.
        Err(StoreError::KeyRefused) => {}
        Err(other) => panic!("expected a refusal, got {other:?}"),
        Ok(_) => panic!("garbage opened as a database"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn a_database_locked_by_another_program_is_reported_as_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    // A brand-new file: the first open must write the schema, which the lock prevents.
    let other = crate::keyed(&path).unwrap();
    other
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE other_program (x INTEGER);")
        .unwrap();
    match Store::open_with(&path, &crate::key(), Duration::from_millis(100), MIGRATIONS) {
        Err(StoreError::Locked) => {}
        Err(other) => panic!("expected locked, got {other:?}"),
        Ok(_) => panic!("opened a locked database"),
    }
    drop(other);
}

#[test]
fn every_connection_gets_the_safety_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path, &crate::key()).unwrap();
    // foreign_keys is per connection: an acceptance means of a missing outlet is refused.
    let err = store
        .write(|db| {
            db.insert_means(&store::NewMeans {
                outlet_id: 42,
                kind: club::acceptance::MeansKind::QrCode,
                identifier: "QR-1",
                since: "2026-01-01".parse().unwrap(),
            })
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Sqlite(_)), "{err:?}");
    let conn = crate::keyed(&path).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

/// A shop that already has fines when the tally of migration 15 arrives: the tally starts from
/// them, so the status page's sums are right from the first open.
#[test]
fn the_fines_tally_starts_from_the_fines_already_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut conn = crate::keyed(&path).unwrap();
    apply(&mut conn, MIGRATIONS, 14).unwrap();
    conn.execute_batch(
        "INSERT INTO seller (id, legal_form, tax_id, name, created_on) VALUES (1, 'legal_entity', '971240001315', 'Dala LLP', '2026-01-10');
         INSERT INTO outlet (id, name, city, address) VALUES (1, 'Main', 'Almaty', 'Abay 1');
         INSERT INTO fine (notice_number, notice_date, fact_date, outlet_id, violation, amount_tiyn, due_date, state, paid_tiyn, balance_tiyn)
         VALUES ('A-1', '2026-10-01', '2026-09-30', 1, 'surcharge', 500000, '2026-10-31', 'received', 0, 500000),
                ('A-2', '2026-10-02', '2026-09-30', 1, 'surcharge', 300000, '2026-10-31', 'received', 100000, 200000),
                ('A-3', '2026-10-03', '2026-09-30', 1, 'surcharge', 700000, '2026-12-31', 'paid', 700000, 0),
                ('A-4', '2026-10-04', '2026-09-30', 1, 'surcharge', 900000, '2026-12-31', 'disputed', 0, 900000);",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path, &crate::key()).unwrap();
    let today = "2026-11-25".parse().unwrap();
    let db = store.read();
    let totals = |state| db.fine_totals(&store::fines::FineFilter { state, ..Default::default() }, today).unwrap();
    let overdue = totals(store::fines::StateFilter::Overdue);
    assert_eq!((overdue.count, overdue.balance.to_tiyn()), (2, Some(700_000)));
    let open = totals(store::fines::StateFilter::Open);
    assert_eq!((open.count, open.balance.to_tiyn()), (3, Some(1_600_000)));
    assert_eq!(totals(store::fines::StateFilter::Any).charged.to_tiyn(), Some(2_400_000));
}
