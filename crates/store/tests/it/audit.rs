//! The audit chain against edits made directly to the SQLite file, as someone with a database
//! tool could make them.

use std::path::Path;

use chrono::NaiveDate;
use club::acceptance::MeansKind;
use club::membership::{EventKind, Measure};
use club::profile::{LegalForm, Seller};
use store::{AuditBreak, NewMeans, Store, StoreError, DB_FILE};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A shop with a few changes: seller, outlet, a terminal, two events, a disconnection.
fn shop(path: &Path) -> usize {
    let mut store = Store::open(path, &crate::key()).unwrap();
    store
        .write(|db| -> Result<(), StoreError> {
            db.insert_seller(
                &Seller::new(LegalForm::LegalEntity, "971240001315", "Dala LLP").unwrap(),
                d("2026-01-10"),
            )?;
            let outlet = db.insert_outlet("Main", "Almaty", "Abay 1")?;
            let pos = db.insert_means(&NewMeans {
                outlet_id: outlet,
                kind: MeansKind::PosTerminal,
                identifier: "T-1",
                since: d("2026-01-10"),
            })?;
            db.append_event(d("2026-01-10"), &EventKind::Joined, "")?;
            db.append_event(
                d("2026-03-01"),
                &EventKind::MeasureApplied { measure: Measure::SiteDisconnection },
                "n 4",
            )?;
            db.set_means_disconnected(pos, d("2026-03-02"))?;
            Ok(())
        })
        .unwrap();
    store.read().verify_audit().unwrap().unwrap()
}

/// Opens the file as an outside tool would, with the append-only guards removed.
fn tamper(path: &Path, sql: &str) {
    let conn = crate::keyed(path).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    conn.execute_batch(sql).unwrap();
}

fn verify(path: &Path) -> Result<usize, AuditBreak> {
    Store::open(path, &crate::key()).unwrap().read().verify_audit().unwrap()
}

#[test]
fn every_change_is_recorded_with_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    assert_eq!(shop(&path), 6);
    let store = Store::open(&path, &crate::key()).unwrap();
    let log = store.read().audit_log().unwrap();
    let entities: Vec<&str> = log.iter().map(|r| r.entity.as_str()).collect();
    assert_eq!(
        entities,
        ["seller", "outlet", "acceptance_means", "membership_event", "membership_event", "acceptance_means"]
    );
    let last = log.last().unwrap();
    assert_eq!(last.action, "update");
    assert_eq!(last.before.as_deref(), Some(r#"{"disconnected_on":null}"#));
    assert_eq!(last.after.as_deref(), Some(r#"{"disconnected_on":"2026-03-02"}"#));
    assert_eq!(last.profile, "owner");
    assert_eq!(log[0].prev_hash, store::audit::GENESIS);
    assert!(log.windows(2).all(|w| w[1].prev_hash == w[0].hash));
}

#[test]
fn the_trail_cannot_be_changed_through_sql_while_its_guards_stand() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    shop(&path);
    let conn = crate::keyed(&path).unwrap();
    assert!(conn.execute("UPDATE audit_log SET profile = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM audit_log WHERE seq = 1", []).is_err());
}

#[test]
fn a_changed_row_is_found_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    shop(&path);
    tamper(&path, r#"UPDATE audit_log SET after = replace(after, 'n 4', 'nothing') WHERE seq = 5"#);
    assert_eq!(verify(&path), Err(AuditBreak::Altered { seq: 5 }));
}

#[test]
fn a_changed_row_whose_own_hash_is_recomputed_still_breaks_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    shop(&path);
    // Someone who knows the scheme rewrites row 2 and recomputes its hash correctly: row 2 now
    // checks out on its own, but row 3 was chained to the old hash.
    let row = Store::open(&path, &crate::key()).unwrap().read().audit_log().unwrap().remove(1);
    let forged_after = r#"{"address":"Elsewhere 9","city":"Almaty","name":"Main"}"#;
    let forged = store::audit::row_hash(
        &row.prev_hash,
        row.seq,
        &row.at,
        &row.profile,
        &row.entity,
        &row.entity_id,
        &row.action,
        row.before.as_deref(),
        Some(forged_after),
    );
    tamper(&path, &format!("UPDATE audit_log SET after = '{forged_after}', hash = '{forged}' WHERE seq = 2"));
    assert_eq!(verify(&path), Err(AuditBreak::Unchained { seq: 3 }));
}

#[test]
fn a_removed_row_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    shop(&path);
    tamper(&path, "DELETE FROM audit_log WHERE seq = 3");
    assert_eq!(verify(&path), Err(AuditBreak::Missing { seq: 4 }));
}

#[test]
fn removed_last_rows_are_found_through_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    shop(&path);
    tamper(&path, "DELETE FROM audit_log WHERE seq >= 5");
    assert_eq!(verify(&path), Err(AuditBreak::Unrecorded { event: 2 }));
}

#[test]
fn reordered_rows_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    shop(&path);
    // Swap rows 2 and 3 whole, hashes included, keeping the numbers in order.
    tamper(
        &path,
        "UPDATE audit_log SET seq = -2 WHERE seq = 2;
         UPDATE audit_log SET seq = 2 WHERE seq = 3;
         UPDATE audit_log SET seq = 3 WHERE seq = -2;",
    );
    assert_eq!(verify(&path), Err(AuditBreak::Altered { seq: 2 }));
}

#[test]
fn an_upgraded_database_starts_its_trail_empty_and_valid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut conn = crate::keyed(&path).unwrap();
    store::migrations::apply(&mut conn, store::migrations::MIGRATIONS, 2).unwrap();
    drop(conn);
    let store = Store::open(&path, &crate::key()).unwrap();
    assert_eq!(store.schema_version().unwrap(), store::migrations::latest(store::migrations::MIGRATIONS));
    assert_eq!(store.read().verify_audit().unwrap(), Ok(0));
}
