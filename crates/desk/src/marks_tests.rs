//! The placement register, the exit checklist and the website check, on a real SQLite file;
//! websites served by the test on 127.0.0.1.

use std::collections::HashMap;
use std::time::Duration;

use club::marks::{ExitSource, MarkItem, PlacementDraft};
use club::membership::{EventKind, ExitReason};
use club::status::{NextAction, State};
use club::Lang;

use crate::marks::{Photo, StartExitDto, TickDto};
use crate::site_check::{check_site, CheckOptions};
use crate::test_server::{html, Server};
use crate::*;

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-25";

fn demo(dir: &tempfile::TempDir) -> Desk {
    let mut desk = Desk::open(dir.path(), FixedClock(d(TODAY))).unwrap();
    desk.init_demo().unwrap();
    desk
}

fn fast(known: Vec<([u8; 32], String)>) -> CheckOptions {
    CheckOptions { max_pages: 20, delay: Duration::from_millis(20), known_images: known }
}

#[test]
fn the_demo_shop_has_marks_at_both_outlets_and_a_new_outlet_without_marks_is_an_action() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let o = desk.overview().unwrap();
    assert_eq!(o.placements.len(), 5);
    for outlet in &o.outlets {
        assert!(o.placements.iter().any(|p| p.outlet_id == Some(outlet.outlet.id)), "{}", outlet.outlet.name);
    }
    assert!(!o.status.next_actions.iter().any(|a| matches!(a, NextAction::DisplayMarks { .. })));
    let o = desk
        .add_outlet(club::profile::OutletDraft {
            name: "Дала — Шымкент".into(),
            city: "Шымкент".into(),
            address: "Тәуке хан, 5".into(),
        })
        .unwrap();
    let new_id = o.outlets.last().unwrap().outlet.id;
    assert!(o
        .status
        .next_actions
        .contains(&NextAction::DisplayMarks { outlet_id: new_id, outlet_name: "Дала — Шымкент".into() }));

    // Registering a sticker there (with its photo) answers it; refusals write nothing.
    let draft = PlacementDraft {
        item: MarkItem::Sticker,
        outlet_id: Some(new_id),
        spot: "Кіреберіс".into(),
        placed_on: d(TODAY),
        placed_by: "Нұрлан".into(),
    };
    let bad = desk.add_placement(PlacementDraft { spot: " ".into(), ..draft.clone() }, None);
    assert_eq!(bad.unwrap_err().code, ErrorCode::MarksEmptySpot);
    let unknown = desk.add_placement(PlacementDraft { outlet_id: Some(999), ..draft.clone() }, None);
    assert_eq!(unknown.unwrap_err().code, ErrorCode::OutletNotFound);
    let photo = Photo { name: "door.jpg".into(), bytes: vec![0xff, 0xd8, 0xff, 0xe0, 1, 2, 3] };
    let o = desk.add_placement(draft, Some(photo)).unwrap();
    assert_eq!(o.placements.len(), 6);
    assert!(!o.status.next_actions.iter().any(|a| matches!(a, NextAction::DisplayMarks { .. })));
    let placed = o.placements.last().unwrap();
    assert!(placed.has_photo);
    assert_eq!(
        desk.photo("placement", placed.id).unwrap(),
        ("door.jpg".to_string(), vec![0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
    );
}

/// The whole exit: the checklist from the register, ticks with evidence, the website check until
/// the site is clean, the completion statement in the archive, and the status "exited".
#[test]
fn an_exit_runs_from_the_checklist_to_the_statement_and_the_status_exited() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let start = StartExitDto { reason: ExitReason::Voluntary, started_on: d(TODAY), deadline: d("2026-12-20") };
    let early = desk.start_exit(StartExitDto { deadline: d("2026-11-24"), ..start.clone() });
    assert_eq!(early.unwrap_err().code, ErrorCode::ExitDeadlineBeforeStart);
    let o = desk.start_exit(start.clone()).unwrap();
    assert_eq!(o.status.state, State::Exiting);
    let exit = o.exit.clone().unwrap();
    // Five placements, the website and the social page, the leaflet.
    assert_eq!(exit.items.len(), 8);
    let sources: Vec<ExitSource> = exit.items.iter().map(|i| i.source).collect();
    assert_eq!(sources.iter().filter(|s| **s == ExitSource::Placement).count(), 5);
    assert!(sources.contains(&ExitSource::Website) && sources.contains(&ExitSource::SocialPage));
    assert!(sources.contains(&ExitSource::Advertising));
    assert_eq!((exit.progress.done, exit.progress.total, exit.progress.days_left), (0, 8, 25));
    assert_eq!(desk.start_exit(start).unwrap_err().code, ErrorCode::AlreadyExiting);

    // Completing now is refused, from the checklist and from the history form alike.
    assert_eq!(desk.complete_exit(Lang::Kk).unwrap_err().code, ErrorCode::ExitNotAllDone);
    let from_history = desk.record_event(crate::dto::NewEventDto {
        occurred_on: d(TODAY),
        kind: EventKind::ExitCompleted,
        note: String::new(),
    });
    assert_eq!(from_history.unwrap_err().code, ErrorCode::ExitNotAllDone);

    // A tick needs evidence and a day within the exit.
    let first = exit.items[0].id;
    let tick =
        |id: i64, note: &str| TickDto {
            item_id: id, done_on: d(TODAY), done_by: "Әйгерім".into(), note: note.into()
        };
    assert_eq!(desk.tick_exit_item(tick(first, " "), None).unwrap_err().code, ErrorCode::ExitNoEvidence);
    let before = TickDto { done_on: d("2026-11-24"), ..tick(first, "removed") };
    assert_eq!(desk.tick_exit_item(before, None).unwrap_err().code, ErrorCode::ExitBeforeStart);
    assert_eq!(desk.tick_exit_item(tick(9999, "x"), None).unwrap_err().code, ErrorCode::ExitNoSuchItem);

    // The website still shows the club: the check finds it; after cleaning, it is clean.
    let website = exit.items.iter().find(|i| i.source == ExitSource::Website).unwrap().id;
    let mut site = HashMap::new();
    site.insert(
        "/".to_string(),
        html(r#"<h1>Дала Сауда</h1><p>Біз Alatau City Club қабылдаймыз</p><a href="/pay">Төлем</a>"#),
    );
    site.insert("/pay".to_string(), html(r#"<img src="/img/a.png" alt="Алатау Сити Клаб">"#));
    let server = Server::start(site);
    let report = check_site(&[server.url("/")], &fast(desk.club_images().unwrap())).unwrap();
    assert!(!report.clean);
    let o = desk.keep_site_check(Some(website), &report).unwrap();
    let kept = o.exit.unwrap().items.into_iter().find(|i| i.id == website).unwrap().site_check.unwrap();
    assert!(!kept.clean && kept.findings.len() == 2, "{kept:?}");
    let mut clean_site = HashMap::new();
    clean_site.insert("/".to_string(), html(r#"<h1>Дала Сауда</h1><p>Карталар мен QR қабылдаймыз</p>"#));
    let clean_server = Server::start(clean_site);
    let report = check_site(&[clean_server.url("/")], &fast(Vec::new())).unwrap();
    assert!(report.clean);
    desk.keep_site_check(Some(website), &report).unwrap();

    let photo = Photo { name: "after.jpg".into(), bytes: b"\xff\xd8photo".to_vec() };
    for (i, item) in exit.items.iter().enumerate() {
        let o = if i == 0 {
            desk.tick_exit_item(tick(item.id, ""), Some(photo.clone())).unwrap()
        } else {
            desk.tick_exit_item(tick(item.id, "Алынды / удалено"), None).unwrap()
        };
        assert_eq!(o.exit.unwrap().progress.done, i as u32 + 1);
    }
    let id = desk.complete_exit(Lang::Kk).unwrap();
    let o = desk.overview().unwrap();
    assert_eq!(o.status.state, State::Exited);
    assert!(matches!(o.history.last().unwrap().kind, EventKind::ExitCompleted));
    let exit = o.exit.unwrap();
    assert!(exit.completed && exit.statement_document_id == Some(id));
    // Each tick names who recorded it (6.8): the demo's owner, signed in; the person typed as
    // having done it stays as typed.
    assert!(
        exit.items.iter().all(|i| i.ticked_by.as_deref() == Some(crate::demo::DEMO_PEOPLE[0].0)),
        "{:?}",
        exit.items
    );
    assert!(exit.items.iter().all(|i| i.done_by.as_deref() == Some("Әйгерім")));
    let doc = desk.documents().unwrap().into_iter().find(|doc| doc.id == id).unwrap();
    assert_eq!(doc.kind, "exit_statement");
    // The statement names the seller, the items and the evidence (pdftotext reads it).
    let (_, pdf) = (doc.file_name.clone(), desk.store.read().document_bytes(id).unwrap().unwrap());
    let path = dir.path().join("statement.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("«Дала Сауда» ЖШС") && text.contains("https://dala-sauda.kz"), "{text}");
    assert!(text.contains("Алынды / удалено") && text.contains("25.11.2026"), "{text}");
    assert!(
        text.contains("Стикер: Дала — Абай, Кіреберіс есік") && text.contains("БСН") && text.contains("180640000016"),
        "{text}"
    );
    assert_eq!(desk.complete_exit(Lang::Kk).unwrap_err().code, ErrorCode::NotExiting);
}

/// A site with the club's marks hidden in each of the ways a site carries them, and a page
/// robots.txt keeps the check out of.
#[test]
fn the_website_check_finds_every_kind_of_mark_and_keeps_out_of_disallowed_pages() {
    let dir = tempfile::tempdir().unwrap();
    let desk = demo(&dir);
    let known = desk.club_images().unwrap();
    let badge = branding::badge_png(
        &branding::Subject {
            seller: "«Дала Сауда» ЖШС".into(), outlet: None, qr_payload: None, artwork: None
        },
        Lang::Ru,
        2,
    )
    .unwrap();
    let mut site: HashMap<String, (&'static str, Vec<u8>)> = HashMap::new();
    site.insert("/robots.txt".into(), ("text/plain", b"User-agent: *\nDisallow: /private\n".to_vec()));
    site.insert(
        "/".into(),
        html(concat!(
            r#"<p>Біз <b>Алатау Сити Клаб</b> арқылы төлем қабылдаймыз</p>"#,
            r#"<a href="/about">Біз туралы</a> <a href="/shop#top">Дүкен</a> <a href="/private/promo">Акция</a>"#,
            r#"<a href="https://elsewhere.example/alatau">Серіктес</a><script>var n = "Alatau City Club";</script>"#
        )),
    );
    site.insert(
        "/about".into(),
        html(r#"<img src="/img/front.jpg" alt="Alatau City Club стикері" title="Alatau City Club">"#),
    );
    site.insert(
        "/shop".into(),
        html(concat!(
            r#"<a href="/promo/alatau-city-club" aria-label="Alatau City Club бөліп төлеу">Бөліп төлеу</a>"#,
            r#"<img src="/img/alatau_siti_klab_logo.png"><img src="/img/badge.png">"#
        )),
    );
    site.insert("/promo/alatau-city-club".into(), html("<p>Акция аяқталды</p>"));
    site.insert("/private/promo".into(), html("<p>Alatau City Club жасырын бет</p>"));
    site.insert("/img/badge.png".into(), ("image/png", badge));
    site.insert("/img/front.jpg".into(), ("image/jpeg", b"\xff\xd8not the club".to_vec()));
    site.insert("/img/alatau_siti_klab_logo.png".into(), ("image/png", b"\x89PNGsomething".to_vec()));
    let server = Server::start(site);
    let report = check_site(&[server.url("/")], &fast(known)).unwrap();
    let places: Vec<(String, String)> = report
        .findings
        .iter()
        .map(|f| (f.page.trim_start_matches(&server.url("")).to_string(), f.place.clone()))
        .collect();
    for expected in [
        ("/", "text"),
        ("/about", "alt"),
        ("/about", "title"),
        ("/shop", "link"),
        ("/shop", "aria_label"),
        ("/shop", "image_name"),
        ("/shop", "image"),
    ] {
        assert!(places.contains(&(expected.0.to_string(), expected.1.to_string())), "{expected:?} in {places:?}");
    }
    let image = report.findings.iter().find(|f| f.place == "image").unwrap();
    assert_eq!(image.matched, "badge-ru@2x.png");
    assert!(!report.clean);
    // The script's text is code, not a mark; robots.txt kept the check out of /private; no
    // other site was visited.
    assert!(!report.findings.iter().any(|f| f.excerpt.contains("var n")));
    assert_eq!(report.disallowed, vec![server.url("/private/promo")]);
    assert!(!server.asked().iter().any(|p| p.starts_with("/private")), "{:?}", server.asked());
    assert_eq!(report.pages.len(), 4, "{:?}", report.pages);

    // The page limit holds.
    let limited = check_site(&[server.url("/")], &CheckOptions { max_pages: 2, ..fast(Vec::new()) }).unwrap();
    assert_eq!(limited.pages.len(), 2);
    // Nothing answers: an error, not "clean".
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err = check_site(&[format!("http://127.0.0.1:{closed}/")], &fast(Vec::new())).unwrap_err();
    assert!(matches!(err, crate::site_check::SiteCheckError::Unreachable { .. }));
    assert!(matches!(
        check_site(&["ftp://x".into()], &fast(Vec::new())),
        Err(crate::site_check::SiteCheckError::BadAddress(_))
    ));
}

fn sha(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn manifest(version: &str, files: &[(&str, &[u8])]) -> Vec<u8> {
    let files: Vec<serde_json::Value> = files
        .iter()
        .map(|(name, bytes)| serde_json::json!({"name": name, "size": bytes.len(), "sha256": sha(bytes), "url": format!("files/{version}/{name}")}))
        .collect();
    serde_json::to_vec(&serde_json::json!({"version": version, "files": files})).unwrap()
}

fn images_in(pdf: &[u8], dir: &std::path::Path) -> usize {
    let path = dir.join("item.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdfimages").arg("-list").arg(&path).output().expect("poppler's pdfimages");
    // Columns: page, num, type (image, smask for the alpha channel, …).
    let list = String::from_utf8_lossy(&out.stdout).into_owned();
    list.lines().skip(2).filter(|l| l.split_whitespace().nth(2) == Some("image")).count()
}

/// Kit updates against a real HTTP server: a connection dropped half way is resumed with a
/// Range request, the verified kit is installed and its official mark replaces the drawn one; a
/// corrupted file is rejected and the installed kit stays as it was; offline says so.
#[test]
fn the_kit_downloads_resumes_rejects_a_corrupted_file_and_installs_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let subject = branding::Subject { seller: "x".into(), outlet: None, qr_payload: None, artwork: None };
    // Any real PNG will do as the "official" mark; the badge is one.
    let mark = branding::badge_png(&subject, Lang::En, 2).unwrap();
    let readme = b"Alatau City Club brand kit v1".repeat(40);
    let server = Server::start(HashMap::new());
    server.set(
        "/kit/manifest.json",
        "application/json",
        manifest("1", &[("mark.png", &mark), ("readme.txt", &readme)]),
    );
    server.set("/kit/files/1/mark.png", "image/png", mark.clone());
    server.set("/kit/files/1/readme.txt", "text/plain", readme.clone());
    desk.set_kit_url(&server.url("/kit/manifest.json")).unwrap();
    let url = desk.kit_url().unwrap().unwrap();

    let (_, before) = desk.render_branding(branding::Item::Sticker, None, Lang::Kk, None).unwrap();
    assert_eq!(images_in(&before, dir.path()), 0, "Seller Desk's own drawing is vector");

    // The connection drops half way through the mark: nothing is installed yet.
    server.drop_next("/kit/files/1/mark.png");
    let mut seen = Vec::new();
    let err = crate::kit::update(&desk.data_folder(), &url, &mut |p| seen.push(p)).unwrap_err();
    assert!(matches!(err, crate::kit::KitError::Interrupted { .. }), "{err:?}");
    assert_eq!(desk.kit_status().unwrap().version, None);
    // Again: the download resumes where it stopped, with a Range request.
    let report = crate::kit::update(&desk.data_folder(), &url, &mut |p| seen.push(p)).unwrap();
    assert_eq!(report.downloaded, vec!["mark.png".to_string(), "readme.txt".to_string()]);
    let ranges = server.ranges("/kit/files/1/mark.png");
    assert_eq!(ranges.len(), 2);
    assert_eq!(ranges[0], None);
    assert_eq!(ranges[1], Some(format!("bytes={}-", mark.len() / 2)));
    let last = seen.iter().rfind(|p| p.file == "mark.png").unwrap();
    assert_eq!((last.done_bytes, last.total_bytes), (mark.len() as u64, mark.len() as u64));
    let status = desk.kit_status().unwrap();
    assert_eq!(status.version.as_deref(), Some("1"));
    assert!(status.official_mark);
    let (_, after) = desk.render_branding(branding::Item::Sticker, None, Lang::Kk, None).unwrap();
    assert_eq!(images_in(&after, dir.path()), 1, "the kit's mark is drawn");
    // The site check knows the kit's files by their bytes.
    assert!(desk.club_images().unwrap().iter().any(|(_, n)| n == "kit: mark.png"));

    // The same manifest again: nothing to do.
    assert!(crate::kit::update(&desk.data_folder(), &url, &mut |_| {}).unwrap().unchanged);

    // Version 2 changes the mark, but the file served is corrupted: rejected, v1 stays.
    let mark2 = branding::badge_png(&subject, Lang::Ru, 1).unwrap();
    server.set(
        "/kit/manifest.json",
        "application/json",
        manifest("2", &[("mark.png", &mark2), ("readme.txt", &readme)]),
    );
    let mut corrupted = mark2.clone();
    corrupted[40] ^= 0xff;
    server.set("/kit/files/2/mark.png", "image/png", corrupted);
    server.set("/kit/files/2/readme.txt", "text/plain", readme.clone());
    let err = crate::kit::update(&desk.data_folder(), &url, &mut |_| {}).unwrap_err();
    assert_eq!(err, crate::kit::KitError::HashMismatch { name: "mark.png".into() });
    assert_eq!(desk.kit_status().unwrap().version.as_deref(), Some("1"));
    let kit = crate::kit::KitDirs::new(&desk.data_folder());
    assert_eq!(std::fs::read(kit.current.join("mark.png")).unwrap(), mark);
    // Served right, version 2 installs, keeping the unchanged file without downloading it.
    server.set("/kit/files/2/mark.png", "image/png", mark2.clone());
    let report = crate::kit::update(&desk.data_folder(), &url, &mut |_| {}).unwrap();
    assert_eq!((report.downloaded, report.kept), (vec!["mark.png".to_string()], vec!["readme.txt".to_string()]));
    assert!(server.ranges("/kit/files/2/readme.txt").is_empty());
    assert_eq!(std::fs::read(kit.current.join("mark.png")).unwrap(), mark2);

    // Offline: said so, nothing changed.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err =
        crate::kit::update(&desk.data_folder(), &format!("http://127.0.0.1:{closed}/kit/manifest.json"), &mut |_| {});
    assert!(matches!(err, Err(crate::kit::KitError::Offline(_))), "{err:?}");
    assert_eq!(desk.kit_status().unwrap().version.as_deref(), Some("2"));
    assert_eq!(ApiError::from(err.unwrap_err()).code, ErrorCode::KitOffline);
}

/// A process killed between the two renames of an install leaves `current` missing: the next
/// look at the kit finishes the swap.
#[test]
fn a_half_done_install_is_finished_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let kit = crate::kit::KitDirs::new(dir.path());
    let next = dir.path().join("kit/next");
    std::fs::create_dir_all(&next).unwrap();
    std::fs::write(next.join("manifest.json"), r#"{"version":"3","files":[]}"#).unwrap();
    kit.recover().unwrap();
    assert_eq!(kit.installed().unwrap().version, "3");
}

#[test]
fn a_website_already_listed_is_refused_by_its_own_code_however_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let before = desk.overview().unwrap().web_presence.len();
    for typed in ["https://dala-sauda.kz", "HTTPS://www.Dala-Sauda.kz/", "http://dala-sauda.kz#top"] {
        let e = desk.add_web_presence(club::profile::WebPresenceKind::Website, typed).unwrap_err();
        assert_eq!(e.code, ErrorCode::WebAlreadyListed, "{typed}");
    }
    let long = format!("https://dala.kz/{}", "a".repeat(3000));
    assert_eq!(
        desk.add_web_presence(club::profile::WebPresenceKind::Website, &long).unwrap_err().code,
        ErrorCode::TextTooLong
    );
    assert_eq!(desk.overview().unwrap().web_presence.len(), before, "nothing was written");
    desk.add_web_presence(club::profile::WebPresenceKind::Website, "https://dala-sauda.kz/shop").unwrap();
}

#[test]
fn open_for_printing_makes_its_folder_in_a_fresh_data_folder_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let desk = demo(&dir);
    assert!(!dir.path().join("print").exists());
    let path = desk.keep_for_printing("poster-a4-kk.pdf", b"%PDF-1.7 test").unwrap();
    assert_eq!(path, dir.path().join("print").join("poster-a4-kk.pdf"));
    assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7 test");
    // A name with folders in it stays inside the print folder.
    let inside = desk.keep_for_printing("../../escape.pdf", b"x").unwrap();
    assert_eq!(inside.parent().unwrap(), dir.path().join("print"));
}

#[test]
fn the_exit_step_carries_its_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let o = desk
        .start_exit(StartExitDto { reason: ExitReason::Voluntary, started_on: d(TODAY), deadline: d("2026-12-20") })
        .unwrap();
    let step = o.status.next_actions.iter().find(|a| matches!(a, NextAction::CompleteExitChecklist { .. })).unwrap();
    assert_eq!(step.date(), Some(d("2026-12-20")));
    assert_eq!(desk.status_report().unwrap().status.next_actions, o.status.next_actions);
}

#[test]
fn a_placement_recorded_by_mistake_is_voided_and_a_tick_taken_back_each_with_its_reason() {
    use crate::marks::MarkCorrectionDto;
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let o = desk.overview().unwrap();
    let astana = o.outlets[1].outlet.id;
    let at_astana: Vec<i64> = o.placements.iter().filter(|p| p.outlet_id == Some(astana)).map(|p| p.id).collect();
    let fix = |id: i64, reason: &str| MarkCorrectionDto { id, on: d(TODAY), reason: reason.into() };
    assert_eq!(desk.void_placement(fix(at_astana[0], "  ")).unwrap_err().code, ErrorCode::CorrectionReasonEmpty);
    // Voiding every mark at an outlet makes it an outlet without marks again.
    for id in &at_astana {
        desk.void_placement(fix(*id, "recorded at the wrong outlet")).unwrap();
    }
    let o = desk.overview().unwrap();
    assert!(o
        .status
        .next_actions
        .iter()
        .any(|a| matches!(a, NextAction::DisplayMarks { outlet_id, .. } if *outlet_id == astana)));
    let voided = o.placements.iter().find(|p| p.id == at_astana[0]).unwrap();
    assert_eq!((voided.voided_on, voided.void_reason.as_str()), (Some(d(TODAY)), "recorded at the wrong outlet"));
    assert_eq!(desk.void_placement(fix(at_astana[0], "again")).unwrap_err().code, ErrorCode::MarksNoSuchPlacement);
    // An exit started now leaves the voided placements out of its checklist.
    let o = desk
        .start_exit(StartExitDto { reason: ExitReason::Voluntary, started_on: d(TODAY), deadline: d("2026-12-20") })
        .unwrap();
    let exit = o.exit.unwrap();
    assert!(exit.items.iter().all(|i| !(i.source == ExitSource::Placement && at_astana.contains(&i.source_id))));
    // A tick recorded by mistake is taken back: the item is open again, the tick kept.
    let item = exit.items[0].id;
    let tick = TickDto { item_id: item, done_on: d(TODAY), done_by: "Әлия".into(), note: "алынды".into() };
    desk.tick_exit_item(tick, None).unwrap();
    assert_eq!(desk.take_back_tick(fix(exit.items[1].id, "x")).unwrap_err().code, ErrorCode::ExitNotTicked);
    let o = desk.take_back_tick(fix(item, "the sticker is still on the door")).unwrap();
    let back = o.exit.unwrap().items.into_iter().find(|i| i.id == item).unwrap();
    assert_eq!(back.done_on, None);
    assert_eq!(back.taken_back.len(), 1);
    assert_eq!(back.taken_back[0].done_by, "Әлия");
    assert_eq!(back.taken_back[0].reason, "the sticker is still on the door");
    assert!(desk.verify_audit().unwrap().problem.is_none());
}
