//! Use-case tests against a real SQLite file in a temporary folder.

use chrono::NaiveDate;
use club::acceptance::MeansKind;
use club::contracts::ContractKind;
use club::membership::{EventKind, Measure};
use club::profile::{LegalForm, OutletDraft};
use club::status::{NextAction, State};
use club::Lang;

use crate::dto::*;
use crate::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn desk(dir: &tempfile::TempDir) -> Desk {
    Desk::open(dir.path(), FixedClock(d("2026-11-25"))).unwrap()
}

fn new_shop(tax_id: &str) -> NewShopDto {
    NewShopDto {
        legal_form: LegalForm::LegalEntity,
        tax_id: tax_id.into(),
        name: "Dala LLP".into(),
        outlet: OutletDraft { name: "Main".into(), city: "Almaty".into(), address: "Abay 1".into() },
        joined_on: d("2026-11-01"),
        owner: crate::people::NewOwnerDto { name: "Әсем".into(), pin: "482915".into() },
    }
}

#[test]
fn a_new_folder_has_no_shop_and_speaks_kazakh() {
    let dir = tempfile::tempdir().unwrap();
    let s = desk(&dir).startup().unwrap();
    assert!(!s.has_shop);
    assert_eq!(s.language, Lang::Kk);
}

#[test]
fn the_language_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    desk(&dir).set_language(Lang::Ru).unwrap();
    assert_eq!(desk(&dir).startup().unwrap().language, Lang::Ru);
}

#[test]
fn the_demo_shop_is_realistic() {
    let dir = tempfile::tempdir().unwrap();
    let o = desk(&dir).init_demo().unwrap();
    assert!(o.seller.tax_id.is_bin());
    assert_eq!(o.outlets.len(), 2);
    assert_eq!(o.contracts.len(), 3);
    assert!(o.outlets.iter().all(|x| !x.means.is_empty()));
    assert!(o.outlets.iter().flat_map(|x| &x.means).any(|m| m.kind == MeansKind::QrCode));
    assert_eq!(o.history.len(), 4);
    assert_eq!(o.status.state, State::ClubSuspensionAnnounced);
    let a = o.status.announcement.unwrap();
    assert_eq!(a.calendar_days_left, 18);
    assert!(a.notice_days >= 10);
    // A second demo in the same folder is refused.
    assert_eq!(desk(&dir).init_demo().unwrap_err().code, ErrorCode::ShopExists);
}

#[test]
fn a_wrong_bin_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let err = desk.create_shop(new_shop("971240001316")).unwrap_err();
    assert_eq!(err.code, ErrorCode::TaxIdCheckDigit);
    let err = desk.create_shop(new_shop("900101300126")).unwrap_err();
    assert_eq!(err.code, ErrorCode::TaxIdExpectedBin);
    let mut empty_outlet = new_shop("971240001315");
    empty_outlet.outlet.city = " ".into();
    assert_eq!(desk.create_shop(empty_outlet).unwrap_err().code, ErrorCode::OutletCityEmpty);
    assert!(!desk.has_shop().unwrap());
    let o = desk.create_shop(new_shop("971240001315")).unwrap();
    assert_eq!(o.status.state, State::Active);
    assert_eq!(o.status.since, Some(d("2026-11-01")));
    // A fresh shop has no terminal and no contracts yet: the status says so.
    assert!(o.status.next_actions.iter().any(|a| matches!(a, NextAction::EquipOutlet { .. })));
    assert!(o
        .status
        .next_actions
        .iter()
        .any(|a| matches!(a, NextAction::RestoreContract { kind: ContractKind::Bank })));
}

#[test]
fn disconnecting_the_only_terminal_of_an_outlet_is_a_next_action() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let o = desk.init_demo().unwrap();
    let astana = &o.outlets[1];
    assert_eq!(astana.means.len(), 1);
    assert!(!o.status.next_actions.iter().any(|a| matches!(a, NextAction::EquipOutlet { .. })));
    let o = desk.disconnect_means(DisconnectMeansDto { means_id: astana.means[0].id, on: d("2026-11-25") }).unwrap();
    let equip: Vec<_> = o
        .status
        .next_actions
        .iter()
        .filter_map(|a| match a {
            NextAction::EquipOutlet { outlet_id, .. } => Some(*outlet_id),
            _ => None,
        })
        .collect();
    assert_eq!(equip, vec![astana.outlet.id]);
    let again = desk.disconnect_means(DisconnectMeansDto { means_id: astana.means[0].id, on: d("2026-11-25") });
    assert_eq!(again.unwrap_err().code, ErrorCode::MeansAlreadyDisconnected);
    let o = desk
        .add_means(NewMeansDto {
            outlet_id: astana.outlet.id,
            kind: MeansKind::QrCode,
            identifier: "QR 1".into(),
            since: d("2026-11-25"),
        })
        .unwrap();
    assert!(!o.status.next_actions.iter().any(|a| matches!(a, NextAction::EquipOutlet { .. })));
}

#[test]
fn recording_events_updates_the_status_and_refuses_what_cannot_happen() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    desk.create_shop(new_shop("971240001315")).unwrap();
    let lift = NewEventDto {
        occurred_on: d("2026-11-20"),
        kind: EventKind::MeasureLifted { measure: Measure::PosQrDisconnected },
        note: String::new(),
    };
    assert_eq!(desk.record_event(lift).unwrap_err().code, ErrorCode::MeasureNotApplied);
    let future = NewEventDto { occurred_on: d("2026-12-20"), kind: EventKind::Excluded, note: String::new() };
    assert_eq!(desk.record_event(future).unwrap_err().code, ErrorCode::DateInFuture);
    let before = desk.overview().unwrap().history.len();
    let apply = NewEventDto {
        occurred_on: d("2026-11-20"),
        kind: EventKind::MeasureApplied { measure: Measure::PosQrDisconnected },
        note: " notice 7 ".into(),
    };
    let o = desk.record_event(apply).unwrap();
    assert_eq!(o.history.len(), before + 1);
    assert_eq!(o.history.last().unwrap().note, "notice 7");
    assert_eq!(o.status.state, State::UnderMeasure);
    assert_eq!(o.status.since, Some(d("2026-11-20")));

    // Recorded by mistake: taken back with a reason, the status is as before it; both entries
    // stay in the history and the audit trail.
    let measure_seq = o.history.last().unwrap().seq;
    let void = |event: i64, reason: &str| membership::VoidEventDto { event, reason: reason.into() };
    assert_eq!(desk.void_event(void(measure_seq, "  ")).unwrap_err().code, ErrorCode::VoidReasonEmpty);
    let joined_seq = o.history[0].seq;
    assert_eq!(desk.void_event(void(joined_seq, "wrong")).unwrap_err().code, ErrorCode::VoidNotLatest);
    let o = desk.void_event(void(measure_seq, "the notice was for another seller")).unwrap();
    assert_eq!(o.status.state, State::Active);
    assert_eq!(o.history.len(), before + 2);
    assert!(matches!(
        &o.history.last().unwrap().kind,
        EventKind::Voided { event, reason } if *event == measure_seq && reason == "the notice was for another seller"
    ));
    assert_eq!(desk.void_event(void(measure_seq, "again")).unwrap_err().code, ErrorCode::EventAlreadyVoided);
    // The same through the event form's command, and the measure recorded again afresh.
    let again = NewEventDto {
        occurred_on: d("2026-11-25"),
        kind: EventKind::Voided { event: measure_seq, reason: "again".into() },
        note: String::new(),
    };
    assert_eq!(desk.record_event(again).unwrap_err().code, ErrorCode::EventAlreadyVoided);
    let reapply = NewEventDto {
        occurred_on: d("2026-11-25"),
        kind: EventKind::MeasureApplied { measure: Measure::PosQrDisconnected },
        note: String::new(),
    };
    assert_eq!(desk.record_event(reapply).unwrap().status.state, State::UnderMeasure);
    let audit = desk.store.read().audit_log().unwrap();
    assert_eq!(audit.iter().filter(|e| e.entity == "membership_event").count(), o.history.len() + 1);
    assert!(desk.store.read().verify_audit().unwrap().is_ok());
}

#[test]
fn status_report_without_a_shop_is_not_joined() {
    let dir = tempfile::tempdir().unwrap();
    let r = desk(&dir).status_report().unwrap();
    assert!(r.seller.is_none());
    assert_eq!(r.status.state, State::NotJoined);
}

#[test]
fn a_corrupt_database_is_a_translated_error_and_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(store::DB_FILE);
    drop(desk(&dir));
    // The database replaced by somebody's file: its key does not open it.
    std::fs::write(&path, b"not a database at all, but it is somebody's file".repeat(100)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Desk::open(dir.path(), FixedClock(d("2026-11-25"))).err().unwrap();
    assert_eq!(err.code, ErrorCode::StoreKeyRefused);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // The same file in a folder without its keys file: only a recovery code could open it.
    let bare = tempfile::tempdir().unwrap();
    std::fs::write(bare.path().join(store::DB_FILE), &before).unwrap();
    let err = Desk::open(bare.path(), FixedClock(d("2026-11-25"))).err().unwrap();
    assert_eq!(err.code, ErrorCode::VaultKeyMissing);
    assert_eq!(std::fs::read(bare.path().join(store::DB_FILE)).unwrap(), before);
}

#[test]
fn errors_serialize_as_code_and_message() {
    let e = ApiError::new(ErrorCode::TaxIdCheckDigit, "x");
    assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"code":"tax_id.check_digit","message":"x"}"#);
}

#[test]
fn bindings_export_every_type() {
    let dir = tempfile::tempdir().unwrap();
    bindings::export(dir.path()).unwrap();
    let overview = std::fs::read_to_string(dir.path().join("OverviewDto.ts")).unwrap();
    assert!(overview.contains("status: Status"), "{overview}");
    let code = std::fs::read_to_string(dir.path().join("ErrorCode.ts")).unwrap();
    assert!(code.contains("\"tax_id.check_digit\""), "{code}");
    let means = std::fs::read_to_string(dir.path().join("AcceptanceMeans.ts")).unwrap();
    assert!(means.contains("id: number"), "ids are numbers, not bigint: {means}");
}

#[test]
fn reminders_are_shown_once_per_threshold_follow_the_owners_switches_and_are_not_a_cashiers() {
    use chrono::TimeZone;
    use club::reminders::{ReminderKind, Threshold};
    let dir = tempfile::tempdir().unwrap();
    let clock = crate::ManualClock::new(chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    let mut desk = Desk::open(dir.path(), clock.clone()).unwrap();
    desk.init_demo().unwrap();
    desk.set_language(club::Lang::Ru).unwrap();

    // The demo's first day: what is due is shown, in the owner's language, and only once.
    let first = desk.due_reminders().unwrap();
    assert!(!first.is_empty());
    let fines: Vec<_> = first.iter().filter(|r| r.kind == ReminderKind::FineDue).collect();
    assert!(!fines.is_empty(), "{first:?}");
    assert!(fines.iter().all(|r| r.page == "fines" && r.body.starts_with("Осталось оплатить")), "{fines:?}");
    assert!(
        first.iter().any(|r| r.kind == ReminderKind::ClubStop && r.title.contains("Приостановка клуба")),
        "{first:?}"
    );
    // Until shown (a desktop without a notification server shows nothing), they stay due.
    assert_eq!(desk.due_reminders().unwrap(), first);
    desk.reminders_shown(&first.iter().map(|r| r.key.clone()).collect::<Vec<_>>()).unwrap();
    assert!(desk.due_reminders().unwrap().is_empty(), "shown once");
    let n = first.len();
    let all = crate::reminders::together(&first, club::Lang::Ru).unwrap();
    assert_eq!((all.count as usize, all.page.as_str()), (n, "status"));
    assert!(all.title.contains(&n.to_string()) && all.body.lines().count() == n.min(5) + usize::from(n > 5), "{all:?}");
    let one = crate::reminders::together(&first[..1], club::Lang::Ru).unwrap();
    assert_eq!((one.title.as_str(), one.count), (first[0].title.as_str(), 1));
    assert_eq!(crate::reminders::together(&[], club::Lang::Kk), None);
    // Reopened (a new desk on the same file): still not shown again.
    drop(desk);
    let mut desk = Desk::open(dir.path(), clock.clone()).unwrap();
    let sign_in = |desk: &mut Desk, index: usize| {
        let _ = desk.sign_out();
        let (name, _, _, pin) = crate::demo::DEMO_PEOPLE[index];
        let id = desk.sign_in_choices().unwrap().into_iter().find(|c| c.name == name).unwrap().id;
        desk.sign_in(crate::people::SignInDto { person_id: id, pin: Some(pin.into()) }).unwrap();
    };
    sign_in(&mut desk, 0);
    assert!(desk.due_reminders().unwrap().is_empty());

    // Days later (the app closed meanwhile): the thresholds reached by then, each once, and the
    // ones passed meanwhile are not repeated.
    clock.advance(chrono::Duration::days(20));
    sign_in(&mut desk, 0);
    let later = desk.due_reminders().unwrap();
    assert!(!later.is_empty());
    let mut keys: Vec<_> = later.iter().map(|r| (r.kind, r.threshold, r.title.clone())).collect();
    keys.dedup();
    assert_eq!(keys.len(), later.len());
    assert!(later.iter().any(|r| r.kind == ReminderKind::FineDue && r.threshold == Threshold::Passed), "{later:?}");
    let shown = desk.due_notification().unwrap().unwrap();
    assert_eq!(shown.count as usize, later.len());
    desk.reminders_shown(&shown.keys).unwrap();
    assert!(desk.due_reminders().unwrap().is_empty());

    // Switched off by the owner (audited): that kind is not shown; the others are.
    let off = crate::reminders::ReminderSettingsDto { off: vec![ReminderKind::FineDue, ReminderKind::ClubStop] };
    assert_eq!(desk.set_reminder_settings(off.clone()).unwrap(), off);
    assert!(desk.audit_trail(5).unwrap().iter().any(|r| r.entity_id == "reminders.off"));
    clock.advance(chrono::Duration::days(40));
    sign_in(&mut desk, 0);
    assert!(desk.due_reminders().unwrap().iter().all(|r| r.kind != ReminderKind::FineDue));

    // A cashier is told nothing about money and deadlines, and switches nothing.
    sign_in(&mut desk, 2);
    assert_eq!(desk.due_reminders().unwrap_err().code, ErrorCode::RoleRefused);
    assert_eq!(desk.set_reminder_settings(off).unwrap_err().code, ErrorCode::RoleRefused);
}

#[test]
fn a_full_disk_has_its_own_code_never_internal() {
    assert_eq!(ApiError::from(store::StoreError::Full).code, ErrorCode::StoreFull);
    let io = std::io::Error::from(std::io::ErrorKind::StorageFull);
    assert_eq!(ApiError::from(store::StoreError::Io(io)).code, ErrorCode::StoreFull);
    let other = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    assert_eq!(ApiError::from(store::StoreError::Io(other)).code, ErrorCode::StoreIo);
}
