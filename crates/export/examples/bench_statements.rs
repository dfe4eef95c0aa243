//! `cargo xtask bench`: a statement of 100,000 entries (or N) written as XLSX, CSV, PDF and 1C,
//! timed on a release build, beside openpyxl writing the same rows and reportlab drawing the
//! same table in the same run (tests/readers/bench_statement.py, with `$SELLER_DESK_PYTHON`).
//! Targets: XLSX and PDF at least 5× faster than those.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use club::bank::{BankAccount, Payee};
use club::fines::{Fine, FineEvent, PaymentKind, Violation};
use club::ident::TaxId;
use club::money::Tenge;
use club::profile::{LegalForm, Outlet, Seller};
use club::statement::{build, LedgerFine, Period};
use club::Lang;
use export::{Context, CsvStyle, Payments};

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let value = f();
    (start.elapsed(), value)
}

/// Fines over a year, two entries each on average (notice, then a payment, an offset, a
/// dispute or nothing), until the statement has `lines` entries.
fn ledger(lines: usize) -> Vec<LedgerFine> {
    let start: NaiveDate = "2026-01-01".parse().expect("a date");
    let mut out = Vec::new();
    let mut count = 0;
    let mut i = 0usize;
    while count < lines {
        let notice = start + Days::new((i % 330) as u64);
        let amount = Tenge::from_tiyn(1_000_000 + (i as i64 * 37_519) % 9_000_000);
        let fine = Fine {
            notice_number: format!("JM-2026/{i:06}"),
            notice_date: notice,
            fact_date: notice,
            outlet_id: 1 + (i % 3) as i64,
            violation: Violation::ALL[i % 7],
            amount,
            due_date: notice + Days::new(10),
            notes: String::new(),
        };
        let on = notice + Days::new(7);
        let events = match i % 4 {
            0 => vec![FineEvent::Paid { on, amount, kind: PaymentKind::Transfer, reference: format!("ПП № {i}") }],
            1 => vec![FineEvent::Paid { on, amount, kind: PaymentKind::Offset, reference: format!("OFF-{i}") }],
            2 => vec![FineEvent::Disputed { on, deadline: on + Days::new(30) }],
            _ => vec![],
        };
        count += 1 + events.len();
        out.push(LedgerFine { id: i as i64 + 1, fine, events });
        i += 1;
    }
    out
}

fn main() {
    let lines: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let period = Period { from: "2026-01-01".parse().expect("a date"), to: "2026-12-31".parse().expect("a date") };
    let fines = ledger(lines);
    let (t_build, statement) = time(|| build(&fines, period, None).expect("the statement"));
    let seller = Seller::new(LegalForm::LegalEntity, "971240001315", "«Дала Сауда» ЖШС").expect("a seller");
    let outlets: Vec<Outlet> = (1..=3)
        .map(|id| Outlet {
            id, name: format!("Дала — {id}"), city: "Алматы".into(), address: "Абай 150".into()
        })
        .collect();
    let ctx = Context {
        statement: &statement,
        seller: &seller,
        outlets: &outlets,
        lang: Lang::Kk,
        prepared_on: period.to,
        progress: &export::quiet,
    };
    let account = BankAccount::new("KZ47601A871000123456", "HSBKKZKX", "Halyk Bank").expect("an account");
    let payee_account = BankAccount::new("KZ18722S000012345678", "CASPKZKA", "Kaspi Bank").expect("an account");
    let payee =
        Payee::new("JMart", TaxId::parse("190740001238").expect("a BIN"), payee_account, "17", "859").expect("a payee");

    println!("Statement of {} entries ({} fines), built in {:.0} ms", statement.lines.len(), fines.len(), ms(t_build));
    let (t_xlsx, xlsx) = time(|| export::xlsx(&ctx).expect("xlsx"));
    let (t_csv, csv) = time(|| export::csv(&ctx, CsvStyle::Excel).expect("csv"));
    let (t_pdf, pdf) = time(|| export::pdf(&ctx).expect("pdf"));
    let (t_1c, one_c) = time(|| export::one_c(&ctx, &Payments { account: &account, payee: &payee }).expect("1c"));
    for (name, t, size) in
        [("XLSX", t_xlsx, xlsx.len()), ("CSV", t_csv, csv.len()), ("PDF", t_pdf, pdf.len()), ("1C", t_1c, one_c.len())]
    {
        println!("  Seller Desk {name:<5} {:>8.0} ms  {:>6.1} MB", ms(t), size as f64 / 1e6);
    }

    // The same rows for the Python yardsticks, as tab-separated text (no reading time is counted).
    let dir = tempfile::tempdir().expect("a temporary folder");
    let rows = dir.path().join("rows.tsv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&rows).expect("rows file"));
    for l in &statement.lines {
        let money = |t: Tenge| if t == Tenge::ZERO { String::new() } else { t.value().to_string() };
        writeln!(
            f,
            "{}\t{}\tДала — {}\t{}\t{}\t{:?}\t{}\t{}\t{}\t{}\t{}\t{}",
            l.date,
            l.notice_number,
            l.outlet_id,
            l.violation.clause(),
            l.violation.title(Lang::Kk),
            l.movement,
            money(l.charged),
            money(l.cancelled),
            money(l.paid),
            money(l.offset),
            l.balance.value(),
            l.reference
        )
        .expect("a row");
    }
    drop(f);
    let python = std::env::var("SELLER_DESK_PYTHON").unwrap_or_else(|_| "python3".into());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let font = root.join("crates/print/fonts/DejaVuSans.ttf");
    let out = Command::new(&python)
        .arg(root.join("tests/readers/bench_statement.py"))
        .arg(&rows)
        .arg(dir.path())
        .arg(&font)
        .output()
        .expect("python runs");
    if !out.status.success() {
        eprintln!("the Python yardsticks failed: {}", String::from_utf8_lossy(&out.stderr));
        std::process::exit(1);
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let seconds = |key: &str| -> f64 {
        text.lines().find_map(|l| l.strip_prefix(key)).and_then(|v| v.trim().parse().ok()).expect("a timing")
    };
    let (openpyxl, reportlab) = (seconds("openpyxl "), seconds("reportlab "));
    println!(
        "  openpyxl  XLSX {:>8.0} ms   ratio {:>5.1}×  (target ≥ 5×)",
        openpyxl * 1e3,
        openpyxl / t_xlsx.as_secs_f64()
    );
    println!(
        "  reportlab PDF  {:>8.0} ms   ratio {:>5.1}×  (target ≥ 5×)",
        reportlab * 1e3,
        reportlab / t_pdf.as_secs_f64()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
