//! Each format from one sample statement: reproducible bytes, and what each reader needs.

use chrono::{Days, NaiveDate};
use club::bank::{BankAccount, Payee};
use club::fines::{Fine, FineEvent, PaymentKind, Violation};
use club::ident::TaxId;
use club::money::Tenge;
use club::profile::{LegalForm, Outlet, Seller};
use club::statement::{build, LedgerFine, Period, Statement};
use club::Lang;

use super::*;

pub(crate) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(crate) fn seller() -> Seller {
    Seller::new(LegalForm::LegalEntity, "971240001315", "«Дала Сауда» ЖШС — Әйгерім").unwrap()
}

pub(crate) fn outlets() -> Vec<Outlet> {
    vec![
        Outlet {
            id: 1, name: "Абай даңғылы; 10".into(), city: "Алматы".into(), address: "Абай 10".into()
        },
        Outlet {
            id: 2, name: "Сарыарқа \"Мега\"".into(), city: "Астана".into(), address: "Тұран 1".into()
        },
    ]
}

fn fine(n: usize, notice: NaiveDate, outlet: i64, v: Violation, tiyn: i64) -> Fine {
    Fine {
        notice_number: format!("JM-{n:05}"),
        notice_date: notice,
        fact_date: notice,
        outlet_id: outlet,
        violation: v,
        amount: Tenge::from_tiyn(tiyn),
        due_date: notice + Days::new(10),
        notes: String::new(),
    }
}

/// `n` fines from late 2025 on, with payments, offsets, disputes and cancellations among them.
pub(crate) fn ledger(n: usize) -> Vec<LedgerFine> {
    (0..n)
        .map(|i| {
            let notice = d("2025-12-01") + Days::new((i as u64 * 3) % 150);
            let amount = 1_000_000 + (i as i64 * 37_519) % 9_000_000;
            let f = fine(i, notice, 1 + (i as i64 % 2), Violation::ALL[i % 7], amount);
            let on = notice + Days::new(5);
            let events = match i % 5 {
                0 => vec![FineEvent::Paid {
                    on,
                    amount: f.amount,
                    kind: PaymentKind::Transfer,
                    reference: format!("ПП-{i}"),
                }],
                1 => vec![FineEvent::Paid {
                    on,
                    amount: Tenge::from_tiyn(amount / 2),
                    kind: PaymentKind::Offset,
                    reference: format!("OFF-{i}"),
                }],
                2 => vec![
                    FineEvent::Disputed { on, deadline: on + Days::new(30) },
                    FineEvent::Cancelled { on: on + Days::new(20) },
                ],
                3 => vec![FineEvent::Disputed { on, deadline: on + Days::new(30) }],
                _ => vec![],
            };
            LedgerFine { id: i as i64 + 1, fine: f, events }
        })
        .collect()
}

pub(crate) fn quarter() -> Period {
    Period { from: d("2026-01-01"), to: d("2026-03-31") }
}

pub(crate) fn statement(n: usize) -> Statement {
    build(&ledger(n), quarter(), None).unwrap()
}

pub(crate) fn payments() -> (BankAccount, Payee) {
    let own = BankAccount::new("KZ476010131000179714", "HSBKKZKX", "Қазақстан Халық банкі").unwrap();
    let theirs = BankAccount::new("KZ79722S000001674774", "CASPKZKA", "Kaspi Bank").unwrap();
    let payee = Payee::new("«JMart» ЖШС", TaxId::parse("971240001315").unwrap(), theirs, "17", "859").unwrap();
    (own, payee)
}

fn ctx<'a>(s: &'a Statement, seller: &'a Seller, outlets: &'a [Outlet], lang: Lang) -> Context<'a> {
    Context { statement: s, seller, outlets, lang, prepared_on: d("2026-04-02"), progress: &quiet }
}

#[test]
fn the_same_statement_gives_the_same_bytes_in_every_format() {
    let (s, seller, outlets) = (statement(40), seller(), outlets());
    let (account, payee) = payments();
    let pay = Payments { account: &account, payee: &payee };
    for lang in Lang::ALL {
        let c = ctx(&s, &seller, &outlets, lang);
        assert_eq!(xlsx(&c).unwrap(), xlsx(&c).unwrap(), "xlsx {lang:?}");
        assert_eq!(pdf(&c).unwrap(), pdf(&c).unwrap(), "pdf {lang:?}");
        assert_eq!(csv(&c, CsvStyle::Excel).unwrap(), csv(&c, CsvStyle::Excel).unwrap());
        assert_eq!(one_c(&c, &pay).unwrap(), one_c(&c, &pay).unwrap());
    }
    // ...and a different day of preparation is a different file.
    let c = ctx(&s, &seller, &outlets, Lang::Kk);
    let later = Context { prepared_on: d("2026-04-03"), ..ctx(&s, &seller, &outlets, Lang::Kk) };
    assert_ne!(xlsx(&c).unwrap(), xlsx(&later).unwrap());
}

#[test]
fn csv_for_excel_has_a_bom_semicolons_decimal_commas_and_quotes_where_needed() {
    let (s, seller, outlets) = (statement(12), seller(), outlets());
    let bytes = csv(&ctx(&s, &seller, &outlets, Lang::Kk), CsvStyle::Excel).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "Күні;Хабарлама №;Сауда нүктесі;Тармақ;Бұзушылық;Операция;Есептелді;Жойылды;Аударыммен төленді;Төлемнен ұсталды;Қалдық;Құжат");
    assert!(lines[1].starts_with("01.01.2026;;;;;Кезең басындағы қалдық;"), "{}", lines[1]);
    assert!(text.contains("\"Абай даңғылы; 10\""), "a field with ; is quoted");
    assert!(text.contains("\"Сарыарқа \"\"Мега\"\"\""), "quotes are doubled");
    let opening = s.totals.opening.value().to_string().replace('.', ",");
    assert!(lines[1].ends_with(&format!(";{opening};")), "{} / {opening}", lines[1]);
    assert!(!text.contains('₸') && !text.contains('\u{a0}'), "amounts are plain numbers");
    assert_eq!(lines.len(), s.lines.len() + 4, "header, opening, entries, closing and the final CRLF");

    let plain = csv(&ctx(&s, &seller, &outlets, Lang::En), CsvStyle::Plain).unwrap();
    let plain = String::from_utf8(plain).unwrap();
    assert!(plain.starts_with("Date,Notice No.,Outlet,"));
    assert!(plain.contains("2026-01-01,,,,,Opening balance,,,,,"), "{plain}");
    assert!(plain.contains(&format!(",{},", s.totals.opening.value())));
}

fn blocks(text: &str) -> Vec<Vec<(&str, &str)>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<(&str, &str)>> = None;
    for line in text.split("\r\n") {
        if line.starts_with("СекцияДокумент=") {
            current = Some(Vec::new());
        } else if line == "КонецДокумента" {
            out.push(current.take().expect("a document ends after it starts"));
        } else if let (Some(doc), Some((k, v))) = (current.as_mut(), line.split_once('=')) {
            doc.push((k, v));
        }
    }
    out
}

#[test]
fn the_1c_file_is_windows_1251_with_crlf_and_a_document_per_transfer() {
    let (s, seller, outlets) = (statement(30), seller(), outlets());
    let (account, payee) = payments();
    let bytes = one_c(&ctx(&s, &seller, &outlets, Lang::Kk), &Payments { account: &account, payee: &payee }).unwrap();
    let text = encoding_rs::WINDOWS_1251
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .expect("every byte is Windows-1251");
    assert!(text.starts_with("1CClientBankExchange\r\n"), "{:?}", &text[..60]);
    assert!(text.ends_with("КонецФайла\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n') && !text.replace("\r\n", "").contains('\r'));
    assert!(text.contains("РасчСчет=KZ476010131000179714\r\n"));
    assert!(text.contains("ДатаНачала=01.01.2026\r\nДатаКонца=31.03.2026\r\n"));
    let docs = blocks(&text);
    let transfers: Vec<_> = s.lines.iter().filter(|l| l.movement == club::statement::Movement::Paid).collect();
    assert!(!transfers.is_empty());
    assert_eq!(docs.len(), transfers.len());
    let required = [
        "НомерДокумента",
        "ДатаДокумента",
        "Сумма",
        "ПлательщикНаименование",
        "ПлательщикБИН_ИИН",
        "ПлательщикИИК",
        "ПлательщикБанкБИК",
        "ПлательщикКБЕ",
        "ПолучательНаименование",
        "ПолучательБИН_ИИН",
        "ПолучательИИК",
        "ПолучательБанкБИК",
        "ПолучательКБЕ",
        "КодНазначенияПлатежа",
        "НазначениеПлатежа",
    ];
    for (doc, line) in docs.iter().zip(&transfers) {
        for key in required {
            let value = doc.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
            assert!(value.is_some_and(|v| !v.is_empty()), "{key} in {doc:?}");
        }
        let get = |key: &str| doc.iter().find(|(k, _)| *k == key).unwrap().1;
        assert_eq!(get("Сумма"), format!("{:.2}", line.paid.value()));
        assert_eq!(get("ДатаДокумента"), line.date.format("%d.%m.%Y").to_string());
        assert_eq!(get("ПлательщикКБЕ"), "17");
        assert_eq!(get("КодНазначенияПлатежа"), "859");
        assert_eq!(get("НомерДокумента"), line.reference);
    }
    // Kazakh letters that 1251 lacks are written with the nearest Russian ones.
    assert!(text.contains("ПлательщикНаименование=«Дала Сауда» ЖШС — Айгерим\r\n"), "{text}");
    assert!(text.contains("ПлательщикБанкНаименование=Казакстан Халык банки\r\n"));
}

fn poppler(tool: &str, args: &[&str], pdf: &std::path::Path) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils, installed by `cargo xtask test`) does not run: {e}"));
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ")
}

#[test]
fn the_pdf_is_landscape_a4_with_kazakh_headings_the_closing_balance_and_page_numbers() {
    let (s, seller, outlets) = (statement(600), seller(), outlets());
    let bytes = pdf(&ctx(&s, &seller, &outlets, Lang::Kk)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statement.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let info = std::process::Command::new("pdfinfo").arg(&path).output().expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(info.contains("841.89 x 595.276") || info.contains("841.89 x 595.28"), "A4 landscape: {info}");
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).unwrap();
    assert!(pages >= 5, "{pages} pages for {} entries", s.lines.len());

    let fonts = std::process::Command::new("pdffonts").arg(&path).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    assert!(fonts.lines().skip(2).all(|l| l.split_whitespace().rev().nth(4) == Some("yes")), "{fonts}");

    let all = poppler("pdftotext", &["-layout"], &path);
    assert!(all.contains("Айыппұлдар бойынша үзінді-көшірме"));
    assert!(all.contains("Кезең соңындағы қалдық"));
    let closing = s.totals.closing.format(Lang::Kk).replace('\u{a0}', " ");
    assert!(all.contains(&closing), "the closing balance {closing}");
    assert!(all.contains("Нүктелер бойынша") && all.contains("Тармақтар бойынша"));
    // Every page: its number of the total, and the entries' header on every page they run onto.
    for page in 1..=pages {
        let p = page.to_string();
        let text = poppler("pdftotext", &["-layout", "-f", &p, "-l", &p], &path);
        assert!(text.contains(&format!("{page} / {pages}")), "page {page}");
        if page > 1 && page < pages - 1 {
            assert!(text.contains("Хабарлама №"), "the header row repeats on page {page}");
            assert!(text.contains("«Дала Сауда» ЖШС"), "the running head on page {page}");
        }
    }
}

#[test]
fn progress_is_told_as_entries_are_written_and_once_at_the_end() {
    let (s, seller, outlets) = (statement(4_000), seller(), outlets());
    let total = s.lines.len();
    assert!(total > 4_000);
    let seen = std::sync::Mutex::new(Vec::new());
    let record = |done: usize, of: usize| seen.lock().unwrap().push((done, of));
    let c = Context { progress: &record, ..ctx(&s, &seller, &outlets, Lang::En) };
    csv(&c, CsvStyle::Excel).unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.first(), Some(&(2_000, total)));
    assert_eq!(seen.last(), Some(&(total, total)));
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
}
