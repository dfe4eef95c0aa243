//! Statements use-cases against a real SQLite file: the demo shop's year, every format, and
//! what is refused.

use chrono::NaiveDate;
use club::Lang;

use crate::statements::*;
use crate::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn demo(dir: &tempfile::TempDir) -> Desk {
    let mut desk = Desk::open(dir.path(), FixedClock(d("2026-11-25"))).unwrap();
    desk.init_demo().unwrap();
    desk
}

fn req(format: StatementFormat) -> StatementRequest {
    StatementRequest { from: d("2026-01-01"), to: d("2026-11-25"), outlet_id: None, format, lang: Lang::Kk }
}

#[test]
fn the_demo_shops_year_reconciles_with_what_the_fines_page_says_is_owed() {
    let dir = tempfile::tempdir().unwrap();
    let desk = demo(&dir);
    let p = desk.statement_preview(&req(StatementFormat::Xlsx)).unwrap();
    let t = &p.totals;
    let expected = t
        .opening
        .checked_add(t.charged)
        .and_then(|x| x.checked_sub(t.cancelled))
        .and_then(|x| x.checked_sub(t.paid))
        .and_then(|x| x.checked_sub(t.offset));
    assert_eq!(expected, Some(t.closing));
    assert!(p.lines > 12 && p.transfers > 0 && t.count_charged > 0, "{p:?}");
    // On the last day of the period, what is owed is what the fines list's open total says.
    let open = desk.fines_summary().unwrap().open;
    assert_eq!(t.closing, open.balance);

    // Each outlet's statement adds up to the whole.
    let outlets = desk.overview().unwrap().outlets;
    let mut closing = club::money::Tenge::ZERO;
    for o in &outlets {
        let one = StatementRequest { outlet_id: Some(o.outlet.id), ..req(StatementFormat::Pdf) };
        closing = closing.checked_add(desk.statement_preview(&one).unwrap().totals.closing).unwrap();
    }
    assert_eq!(closing, t.closing);
}

#[test]
fn every_format_is_written_and_named_for_its_period_and_language() {
    let dir = tempfile::tempdir().unwrap();
    let desk = demo(&dir);
    let files: Vec<(StatementFormat, &[u8], &str)> = vec![
        (StatementFormat::Xlsx, b"PK\x03\x04", "statement-2026-01-01-2026-11-25-kk.xlsx"),
        (StatementFormat::Csv, b"\xEF\xBB\xBF", "statement-2026-01-01-2026-11-25-kk.csv"),
        (StatementFormat::CsvPlain, "Күні,".as_bytes(), "statement-2026-01-01-2026-11-25-kk.csv"),
        (StatementFormat::Pdf, b"%PDF", "statement-2026-01-01-2026-11-25-kk.pdf"),
        (StatementFormat::OneC, b"1CClientBankExchange\r\n", "statement-2026-01-01-2026-11-25-1c-kk.txt"),
    ];
    for (format, magic, name) in files {
        let f = desk.statement_file(&req(format), Some(d("2026-11-25"))).unwrap();
        assert!(f.bytes.starts_with(magic), "{format:?}");
        assert_eq!(f.name, name);
        // Prepared on the same day from the same data: the same bytes.
        assert_eq!(f.bytes, desk.statement_file(&req(format), Some(d("2026-11-25"))).unwrap().bytes);
    }
    let one_c = desk.statement_file(&req(StatementFormat::OneC), None).unwrap().bytes;
    let documents = one_c
        .windows(b"\r\n\xCA\xEE\xED\xE5\xF6\xC4\xEE\xEA\xF3\xEC\xE5\xED\xF2\xE0".len())
        .filter(|w| w == b"\r\n\xCA\xEE\xED\xE5\xF6\xC4\xEE\xEA\xF3\xEC\xE5\xED\xF2\xE0") // "КонецДокумента" in 1251
        .count();
    assert_eq!(documents as u32, desk.statement_preview(&req(StatementFormat::OneC)).unwrap().transfers);
}

#[test]
fn wrong_requests_and_missing_bank_details_are_refused_with_their_codes() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path(), FixedClock(d("2026-11-25"))).unwrap();
    desk.create_shop(crate::dto::NewShopDto {
        legal_form: club::profile::LegalForm::LegalEntity,
        tax_id: "971240001315".into(),
        name: "Dala LLP".into(),
        outlet: club::profile::OutletDraft { name: "A".into(), city: "Almaty".into(), address: "1".into() },
        joined_on: d("2026-01-10"),
        owner: crate::people::NewOwnerDto { name: "Әсем".into(), pin: "482915".into() },
    })
    .unwrap();
    let reversed = StatementRequest { from: d("2026-03-01"), to: d("2026-01-01"), ..req(StatementFormat::Pdf) };
    assert_eq!(desk.statement_preview(&reversed).unwrap_err().code, ErrorCode::StatementPeriodReversed);
    let nowhere = StatementRequest { outlet_id: Some(99), ..req(StatementFormat::Pdf) };
    assert_eq!(desk.statement_file(&nowhere, None).unwrap_err().code, ErrorCode::OutletNotFound);

    // 1C needs the seller's account and the payee; both are checked when entered.
    let one_c = req(StatementFormat::OneC);
    assert_eq!(desk.statement_file(&one_c, None).unwrap_err().code, ErrorCode::StatementNoAccount);
    let bad = AccountDraft { iik: "KZ476010131000179715".into(), bic: "HSBKKZKX".into(), bank_name: "Halyk".into() };
    assert_eq!(desk.set_seller_account(&bad).unwrap_err().code, ErrorCode::BankIikCheck);
    assert_eq!(desk.bank_details().unwrap().account, None, "nothing kept from a refused entry");
    let good = AccountDraft { iik: "kz47 6010 1310 0017 9714".into(), ..bad };
    let saved = desk.set_seller_account(&good).unwrap();
    assert_eq!(saved.account.unwrap().iik.as_str(), "KZ476010131000179714");
    assert_eq!(desk.statement_file(&one_c, None).unwrap_err().code, ErrorCode::StatementNoPayee);
    let payee = PayeeDraft {
        name: "JMart".into(),
        tax_id: "190740001238".into(),
        iik: "KZ18722S000012345678".into(),
        bic: "CASPKZKA".into(),
        bank_name: "Kaspi Bank".into(),
        kbe: "17".into(),
        knp: "8590".into(),
    };
    assert_eq!(desk.set_payee(&payee).unwrap_err().code, ErrorCode::BankKnpShape);
    desk.set_payee(&PayeeDraft { knp: "859".into(), ..payee }).unwrap();
    let file = desk.statement_file(&one_c, None).unwrap();
    assert!(file.bytes.starts_with(b"1CClientBankExchange"));
}

#[test]
fn printing_makes_the_pdf_in_the_print_folder_refuses_what_is_not_a_pdf_and_follows_the_roles() {
    use crate::printing::PrintRequest;
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let print_dir = dir.path().join("print");

    // The statement prints as its PDF whatever format the page had chosen for saving.
    let path = desk.printable(PrintRequest::Statement { request: req(StatementFormat::OneC) }).unwrap();
    assert_eq!(path.parent(), Some(print_dir.as_path()));
    assert_eq!(path.extension().and_then(|e| e.to_str()), Some("pdf"), "{path:?}");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes, desk.statement_file(&req(StatementFormat::Pdf), None).unwrap().bytes);

    // A photo kept with a fine is not a PDF: refused, nothing written.
    let fine = desk.list_fines(&crate::fines::FineQuery { limit: 1, ..Default::default() }).unwrap().rows[0].id;
    let photo =
        desk.attach_fine_file(fine, crate::fines::FileRole::Evidence, "receipt.pdf", b"\xff\xd8\xff\xe0 JFIF").unwrap();
    let photo = photo.files.iter().find(|f| f.name == "receipt.pdf").unwrap().id;
    let before = std::fs::read_dir(&print_dir).unwrap().count();
    let refused = desk.printable(PrintRequest::FineFile { file_id: photo }).unwrap_err();
    assert_eq!(refused.code, ErrorCode::PrintNotPdf);
    assert_eq!(std::fs::read_dir(&print_dir).unwrap().count(), before);

    // A PDF whose kept name climbs out of the folder is written inside it, under its last part.
    let letter =
        desk.attach_fine_file(fine, crate::fines::FileRole::Notice, "../../letter.pdf", b"%PDF-1.7\n%%EOF\n").unwrap();
    let letter = letter.files.iter().find(|f| f.name.ends_with("letter.pdf")).unwrap().id;
    let path = desk.printable(PrintRequest::FineFile { file_id: letter }).unwrap();
    assert_eq!(path, print_dir.join("letter.pdf"));

    // An item that does not exist, and an archive document that does not.
    let unknown = PrintRequest::Branding { item_code: "poster-a9".into(), outlet_id: None, lang: Lang::Ru };
    assert_eq!(desk.printable(unknown).unwrap_err().code, ErrorCode::FileNotFound);
    assert_eq!(desk.printable(PrintRequest::Document { document_id: 9999 }).unwrap_err().code, ErrorCode::FileNotFound);

    // A cashier prints neither statements nor fines' letters.
    desk.sign_out().unwrap();
    let (name, _, _, pin) = crate::demo::DEMO_PEOPLE[2];
    let id = desk.sign_in_choices().unwrap().into_iter().find(|c| c.name == name).unwrap().id;
    desk.sign_in(crate::people::SignInDto { person_id: id, pin: Some(pin.into()) }).unwrap();
    let refused = desk.printable(PrintRequest::Statement { request: req(StatementFormat::Pdf) }).unwrap_err();
    assert_eq!(refused.code, ErrorCode::RoleRefused);
    assert_eq!(desk.printable(PrintRequest::FineFile { file_id: letter }).unwrap_err().code, ErrorCode::RoleRefused);
}
