//! `seller-desk statement` on the demo shop, each file read back by an independent reader:
//! openpyxl for the XLSX, Python's csv module for the CSV, pdftotext for the PDF, Python's
//! cp1251 codec for the 1C file (tests/readers/read_statement.py).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    common::run_with(dir, args, &[])
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `$SELLER_DESK_PYTHON` (the venv `cargo xtask test` prepares with openpyxl), else python3.
fn python(args: &[&str]) -> Value {
    let python = std::env::var("SELLER_DESK_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/readers/read_statement.py");
    let out = Command::new(&python).arg(&script).args(args).output().expect("python runs");
    assert!(
        out.status.success(),
        "{python} {args:?} failed (run through `cargo xtask test`, which installs openpyxl): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

struct Shop {
    dir: tempfile::TempDir,
    from: String,
    to: String,
}

impl Shop {
    fn demo() -> Shop {
        let dir = tempfile::tempdir().unwrap();
        ok(run(dir.path(), &["demo", "--init"]));
        // The demo's fines lie within the last year; the period ends today.
        let today = chrono::Local::now().date_naive();
        let from = today.checked_sub_months(chrono::Months::new(12)).unwrap();
        Shop { dir, from: from.to_string(), to: today.to_string() }
    }

    fn statement(&self, format: &str, lang: &str, extra: &[&str]) -> PathBuf {
        let out = self.dir.path().join(format!("statement-{lang}.{format}"));
        let mut args = vec!["statement", "--from", &self.from, "--to", &self.to, "--format", format, "--lang", lang];
        args.extend_from_slice(extra);
        let out_text = out.display().to_string();
        args.extend(["--out", &out_text]);
        ok(run(self.dir.path(), &args));
        out
    }

    /// What `fines list` says is still owed: the statement's closing balance on its last day.
    fn owed(&self) -> String {
        let list: Value = serde_json::from_str(&ok(run(self.dir.path(), &["fines", "list", "--json"]))).unwrap();
        list["totals"]["balance"].as_str().unwrap().to_string()
    }
}

fn dec(v: &Value) -> rust_decimal::Decimal {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn openpyxl_opens_the_xlsx_and_its_sums_equal_the_statements() {
    let shop = Shop::demo();
    let x = python(&["xlsx", &shop.statement("xlsx", "kk", &[]).display().to_string()]);
    assert_eq!(x["sheets"], serde_json::json!(["Жиынтық", "Операциялар", "Нүктелер бойынша", "Тармақтар бойынша"]));
    let s = &x["summary"];
    let l = &x["lines"];
    assert_eq!(
        dec(&s["opening"]) + dec(&s["charged"]) - dec(&s["cancelled"]) - dec(&s["paid"]) - dec(&s["offset"]),
        dec(&s["closing"])
    );
    for k in ["charged", "cancelled", "paid", "offset"] {
        assert_eq!(dec(&l["sums"][k]), dec(&s[k]), "the entries' {k} column adds up to the summary");
    }
    assert_eq!(dec(&l["last_balance"]), dec(&s["closing"]));
    assert_eq!(dec(&s["closing"]), shop.owed().parse().unwrap());
    assert!(l["count"].as_u64().unwrap() > 12);
    assert_eq!(l["dates_are_dates"], true);
    assert_eq!(l["header"][0], "Күні");
    assert_eq!(l["freeze"], "A2");
    assert!(l["autofilter"].as_str().unwrap().starts_with("A1:L"));
    assert!(l["money_format"].as_str().unwrap().contains('₸'));
    assert_eq!(l["date_format"], "dd.mm.yyyy");
    for b in ["by_outlet", "by_clause"] {
        assert_eq!(dec(&x[b]["closing_sum"]), dec(&s["closing"]), "{b}");
        assert_eq!(dec(&x[b]["total"][5]), dec(&s["closing"]), "{b}");
        assert_eq!(x[b]["freeze"], "A2");
    }
    assert_eq!(x["by_outlet"]["rows"], 2, "both demo outlets");
}

#[test]
fn pythons_csv_module_reads_both_csv_styles_back_and_they_reconcile() {
    let shop = Shop::demo();
    let excel = python(&["csv", &shop.statement("csv", "ru", &[]).display().to_string(), ";"]);
    let plain = python(&["csv", &shop.statement("csv", "en", &["--plain"]).display().to_string(), ","]);
    for c in [&excel, &plain] {
        assert_eq!(c["columns"], serde_json::json!([12]), "every row has every column");
        let s = &c["sums"];
        assert_eq!(
            dec(&c["opening"]) + dec(&s["charged"]) - dec(&s["cancelled"]) - dec(&s["paid"]) - dec(&s["offset"]),
            dec(&c["closing"])
        );
        assert_eq!(dec(&c["closing"]), shop.owed().parse().unwrap());
    }
    assert_eq!(excel["header"][0], "Дата");
    assert_eq!(plain["header"][0], "Date");
    assert_eq!(excel["sums"], plain["sums"]);
    let dmy = excel["first_date"].as_str().unwrap();
    assert!(dmy.len() == 10 && &dmy[2..3] == ".", "{dmy}");
    assert_eq!(plain["first_date"].as_str().unwrap().len(), 10);
    assert!(plain["first_date"].as_str().unwrap().contains('-'));
    assert!(excel["outlets"].as_array().unwrap().iter().any(|o| o == "Дала — Абай"));
}

#[test]
fn pdftotext_finds_the_kazakh_headings_and_the_closing_balance() {
    let shop = Shop::demo();
    let pdf = shop.statement("pdf", "kk", &[]);
    let out = Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    assert!(text.contains("Айыппұлдар бойынша үзінді-көшірме"));
    assert!(text.contains("Кезең соңындағы қалдық"));
    assert!(text.contains("«Дала Сауда» ЖШС"));
    let closing = club::money::Tenge::parse(&shop.owed()).unwrap().format(club::Lang::Kk).replace('\u{a0}', " ");
    assert!(text.contains(&closing), "the closing balance {closing}");
    // The footer of the first page, "1 / N" (pdftotext may close up the spaces).
    assert!(text.replace(' ', "").contains("1/"), "page numbers");
}

#[test]
fn the_1c_file_decodes_as_windows_1251_with_every_documents_keys() {
    let shop = Shop::demo();
    let file = shop.statement("1c", "kk", &[]);
    let script = r#"
import sys, json
raw = open(sys.argv[1], 'rb').read()
text = raw.decode('cp1251')
assert '\n' not in text.replace('\r\n', ''), 'CRLF only'
docs, doc = [], None
for line in text.split('\r\n'):
    if line.startswith('СекцияДокумент='): doc = {}
    elif line == 'КонецДокумента': docs.append(doc); doc = None
    elif doc is not None and '=' in line:
        k, v = line.split('=', 1); doc[k] = v
print(json.dumps({'first': text.split('\r\n')[0], 'docs': docs}, ensure_ascii=False))
"#;
    let python = std::env::var("SELLER_DESK_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(python).args(["-c", script]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["first"], "1CClientBankExchange");
    let docs = v["docs"].as_array().unwrap();
    assert!(!docs.is_empty());
    for d in docs {
        for key in [
            "НомерДокумента",
            "ДатаДокумента",
            "Сумма",
            "ПлательщикБИН_ИИН",
            "ПлательщикИИК",
            "ПлательщикБанкБИК",
            "ПолучательБИН_ИИН",
            "ПолучательИИК",
            "ПолучательБанкБИК",
            "ПолучательКБЕ",
            "КодНазначенияПлатежа",
            "НазначениеПлатежа",
        ] {
            assert!(d[key].as_str().is_some_and(|s| !s.is_empty()), "{key} in {d}");
        }
        let amount = d["Сумма"].as_str().unwrap();
        assert!(amount.split_once('.').is_some_and(|(_, f)| f.len() == 2) && !amount.contains(','), "{amount}");
        assert_eq!(d["ПлательщикИИК"], "KZ47601A871000123456");
        assert_eq!(d["ПлательщикБИН_ИИН"].as_str().unwrap().len(), 12);
    }
}

#[test]
fn a_bad_request_exits_with_1_and_names_the_problem() {
    let shop = Shop::demo();
    let out = run(
        shop.dir.path(),
        &["statement", "--from", "2026-03-01", "--to", "2026-01-01", "--format", "pdf", "--out", "x.pdf"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("statement.period_reversed"));
    let out = run(
        shop.dir.path(),
        &["statement", "--from", "2026-01-01", "--to", "2026-03-01", "--format", "docx", "--out", "x"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!shop.dir.path().join("x").exists());
}
