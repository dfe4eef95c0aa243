use chrono::NaiveDate;
use club::acceptance::MeansKind;
use club::contracts::{ContractKind, ContractState};
use club::membership::{EventKind, Measure};
use club::profile::{LegalForm, Seller, WebPresenceKind};
use store::{NewMeans, Store, StoreError, DB_FILE};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_shop_round_trips_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut store = Store::open(&path, &crate::key()).unwrap();
        store
            .write(|db| -> Result<(), StoreError> {
                let seller = Seller::new(LegalForm::LegalEntity, "971240001315", "Dala LLP").unwrap();
                db.insert_seller(&seller, d("2026-01-10"))?;
                let o = db.insert_outlet("Main", "Almaty", "Abay 1")?;
                db.insert_means(&NewMeans {
                    outlet_id: o,
                    kind: MeansKind::PosTerminal,
                    identifier: "T-1",
                    since: d("2026-01-10"),
                })?;
                db.insert_contract(ContractKind::Bank, "B-1", d("2026-01-05"), ContractState::Active)?;
                db.insert_web_presence(WebPresenceKind::Website, "https://dala.kz")?;
                db.append_event(d("2026-01-10"), &EventKind::Joined, "")?;
                db.append_event(
                    d("2026-02-01"),
                    &EventKind::MeasureApplied { measure: Measure::SiteDisconnection },
                    "notice 12",
                )?;
                Ok(())
            })
            .unwrap();
    }
    let store = Store::open(&path, &crate::key()).unwrap();
    let db = store.read();
    assert_eq!(db.seller().unwrap().unwrap().tax_id.number(), "971240001315");
    let means = db.means().unwrap();
    assert_eq!(means.len(), 1);
    assert_eq!(means[0].identifier, "T-1");
    assert_eq!(db.contracts().unwrap()[0].kind, ContractKind::Bank);
    assert_eq!(db.web_presence().unwrap()[0].url, "https://dala.kz");
    let events = db.events().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].kind, EventKind::MeasureApplied { measure: Measure::SiteDisconnection });
    assert_eq!(events[1].note, "notice 12");
    assert!(events[0].seq < events[1].seq);
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path, &crate::key()).unwrap();
    let result = store.write(|db| -> Result<(), StoreError> {
        db.insert_outlet("Main", "Almaty", "Abay 1")?;
        db.set_means_disconnected(999, d("2026-01-01"))?;
        Ok(())
    });
    assert!(matches!(result, Err(StoreError::NotFound(_))));
    assert!(store.read().outlets().unwrap().is_empty());
}

#[test]
fn the_history_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path, &crate::key()).unwrap();
    store.write(|db| db.append_event(d("2026-01-10"), &EventKind::Joined, "")).unwrap();
    drop(store);
    let conn = crate::keyed(&path).unwrap();
    let update = conn.execute("UPDATE membership_event SET occurred_on = '2020-01-01'", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM membership_event", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[test]
fn settings_upsert() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE), &crate::key()).unwrap();
    assert_eq!(store.read().setting("language").unwrap(), None);
    store.write(|db| db.set_setting("language", "en")).unwrap();
    store.write(|db| db.set_setting("language", "kk")).unwrap();
    assert_eq!(store.read().setting("language").unwrap().as_deref(), Some("kk"));
}

#[test]
fn bank_details_are_kept_and_replaced_with_an_audit_trail() {
    use club::bank::{BankAccount, Payee};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE), &crate::key()).unwrap();
    assert_eq!(store.read().seller_account().unwrap(), None);
    assert_eq!(store.read().payee().unwrap(), None);
    let first = BankAccount::new("KZ476010131000179714", "HSBKKZKX", "Halyk Bank").unwrap();
    let second = BankAccount::new("KZ79722S000001674774", "CASPKZKA", "Kaspi Bank").unwrap();
    store.write(|db| db.set_seller_account(&first)).unwrap();
    store.write(|db| db.set_seller_account(&second)).unwrap();
    assert_eq!(store.read().seller_account().unwrap(), Some(second));
    let payee =
        Payee::new("JMart", club::ident::TaxId::parse("971240001315").unwrap(), first.clone(), "17", "859").unwrap();
    store.write(|db| db.set_payee(&payee)).unwrap();
    assert_eq!(store.read().payee().unwrap(), Some(payee));
    let trail = store.read().audit_log().unwrap();
    let bank: Vec<&str> = trail.iter().filter(|e| e.entity == "bank_details").map(|e| e.action.as_str()).collect();
    assert_eq!(bank, vec!["insert", "update", "insert"]);
}

#[test]
fn the_document_archive_is_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path, &crate::key()).unwrap();
    let id = store
        .write(|db| db.insert_document("Letter", "dispute_letter", "l.pdf", b"%PDF", d("2026-11-25"), None))
        .unwrap();
    let v2 = store
        .write(|db| db.insert_document("Letter", "dispute_letter", "l.pdf", b"%PDF v2", d("2026-11-26"), Some(id)))
        .unwrap();
    store
        .write(|db| {
            db.insert_signature(&store::documents::NewSignature {
                document_id: v2,
                cms: b"cms",
                attached: false,
                signer: "T",
                iin: None,
                bin: Some("971240001315"),
                signing_time: None,
                outcome: "valid",
                added_on: d("2026-11-26"),
            })
        })
        .unwrap();
    let docs = store.read().documents().unwrap();
    assert_eq!(docs.iter().map(|d| d.version_of).collect::<Vec<_>>(), vec![None, Some(id)]);
    drop(store);
    let conn = crate::keyed(&path).unwrap();
    for sql in [
        "UPDATE document SET bytes = x'00'",
        "DELETE FROM document",
        "UPDATE document_signature SET outcome = 'valid'",
        "DELETE FROM document_signature",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

/// A disk that fills up in the middle of a write (here SQLite's own size limit, which answers
/// as a full disk does): the store says so by its own error, the transaction leaves nothing,
/// and once there is room again the same write goes through.
#[test]
fn a_full_disk_is_said_as_such_and_the_write_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    drop(Store::open(&path, &crate::key()).unwrap());
    let mut conn = crate::keyed(&path).unwrap();
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    conn.execute_batch(&format!("PRAGMA max_page_count = {};", pages + 2)).unwrap();
    let tx = conn.transaction().unwrap();
    let big = "ә".repeat(4000);
    let mut failed = None;
    for i in 0..200 {
        if let Err(e) =
            tx.execute("INSERT INTO setting (key, value) VALUES (?1, ?2)", rusqlite::params![format!("k{i}"), big])
        {
            failed = Some(e);
            break;
        }
    }
    let err = StoreError::from(failed.expect("the size limit was reached"));
    assert!(matches!(err, StoreError::Full), "{err:?}");
    drop(tx);
    let left: i64 = conn.query_row("SELECT count(*) FROM setting WHERE key LIKE 'k%'", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0, "the failed transaction left rows");
    conn.execute_batch(&format!("PRAGMA max_page_count = {};", pages + 1000)).unwrap();
    conn.execute("INSERT INTO setting (key, value) VALUES ('k0', ?1)", [big]).unwrap();
    drop(conn);
    assert_eq!(
        Store::open(&path, &crate::key()).unwrap().read().setting("k0").unwrap().map(|v| v.chars().count()),
        Some(4000)
    );
}
