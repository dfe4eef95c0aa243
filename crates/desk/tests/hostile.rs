//! Hostile files: every parser of outside input fed random and mutated inputs, seeded from real
//! files (NCA's test containers, certificates, CRLs and Kalkan-made signatures in
//! `crates/eds/tests/fixtures/nca-test`, from `../shared/fixtures/nca-test`; the shipped rules;
//! the app's own CSV, manifest and PDF). Each must answer (a value or a clear error) — no panic,
//! no hang (each input gets a few seconds on a thread of its own), and, for the fines import, no
//! `internal`.
//!
//! A short fixed budget of cases runs with the tests; `cargo xtask fuzz [SECONDS]` gives each
//! parser its share of the time in `SELLER_DESK_FUZZ_SECONDS`, and fresh random cases are drawn
//! until it is spent.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// How long one input may take before it counts as a hang (a debug build, two busy cores).
const PATIENCE: Duration = Duration::from_secs(10);

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../eds/tests/fixtures/nca-test")
}

fn files(dir: &str, ext: &str) -> Vec<Vec<u8>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(fixtures().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no .{ext} seeds in {dir}");
    found.into_iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// One change a careless tool or a hostile sender makes to a file.
#[derive(Debug, Clone)]
enum Mutation {
    Flip {
        at: u32,
        bit: u8,
    },
    Set {
        at: u32,
        byte: u8,
    },
    Truncate {
        at: u32,
    },
    Insert {
        at: u32,
        bytes: Vec<u8>,
    },
    Delete {
        at: u32,
        len: u16,
    },
    Repeat {
        at: u32,
        len: u16,
        times: u8,
    },
    /// A DER length made huge: `0x84 ff ff ff ff`.
    HugeLength {
        at: u32,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<u32>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (any::<u32>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Set { at, byte }),
        any::<u32>().prop_map(|at| Mutation::Truncate { at }),
        (any::<u32>(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<u32>(), 1u16..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<u32>(), 1u16..32, 2u8..40).prop_map(|(at, len, times)| Mutation::Repeat { at, len, times }),
        any::<u32>().prop_map(|at| Mutation::HugeLength { at }),
    ]
}

fn apply(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for m in mutations {
        let pos = |at: u32, len: usize| if len == 0 { 0 } else { at as usize % len };
        match m {
            Mutation::Flip { at, bit } if !b.is_empty() => {
                let i = pos(*at, b.len());
                b[i] ^= 1 << bit;
            }
            Mutation::Set { at, byte } if !b.is_empty() => {
                let i = pos(*at, b.len());
                b[i] = *byte;
            }
            Mutation::Truncate { at } => b.truncate(pos(*at, b.len() + 1)),
            Mutation::Insert { at, bytes } => {
                let i = pos(*at, b.len() + 1);
                b.splice(i..i, bytes.iter().copied());
            }
            Mutation::Delete { at, len } if !b.is_empty() => {
                let i = pos(*at, b.len());
                let end = (i + *len as usize).min(b.len());
                b.drain(i..end);
            }
            Mutation::Repeat { at, len, times } if !b.is_empty() => {
                let i = pos(*at, b.len());
                let end = (i + *len as usize).min(b.len());
                let piece = b[i..end].to_vec();
                for _ in 0..*times {
                    b.splice(end..end, piece.iter().copied());
                }
            }
            Mutation::HugeLength { at } if !b.is_empty() => {
                let i = pos(*at, b.len());
                b.splice(i..(i + 1).min(b.len()), [0x84, 0xff, 0xff, 0xff, 0xff]);
            }
            _ => {}
        }
    }
    b
}

/// Inputs made from the seeds: each mutated a few times, or entirely random bytes.
fn inputs(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let n = seeds.len();
    prop_oneof![
        8 => (0..n, proptest::collection::vec(mutation(), 1..6)).prop_map(move |(i, ms)| apply(&seeds[i], &ms)),
        1 => proptest::collection::vec(any::<u8>(), 0..512),
    ]
}

/// The budget: the fixed number of cases of a test run, or the seconds `cargo xtask fuzz` gives.
fn budget() -> (u32, Option<Duration>) {
    let seconds = std::env::var("SELLER_DESK_FUZZ_SECONDS").ok().and_then(|s| s.parse::<u64>().ok());
    match seconds {
        Some(s) if s > 0 => (64, Some(Duration::from_secs(s))),
        _ => (std::env::var("SELLER_DESK_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256), None),
    }
}

/// Runs `check` on each input on a thread of its own: a panic or an input that takes longer
/// than [`PATIENCE`] fails with the input (shrunk by proptest to a small one).
fn fuzz<S>(name: &str, strategy: S, check: impl Fn(&[u8]) -> Result<(), String> + Send + Sync + Clone + 'static)
where
    S: Strategy<Value = Vec<u8>>,
{
    let (cases, seconds) = budget();
    let started = Instant::now();
    let mut rounds = 0u32;
    loop {
        let config = Config { cases, failure_persistence: None, ..Config::default() };
        // The test run's cases are the same each time; a long run draws new ones each round.
        let rng = match seconds {
            None => TestRng::deterministic_rng(RngAlgorithm::ChaCha),
            Some(_) => TestRng::from_seed(RngAlgorithm::ChaCha, &rand_seed(rounds)),
        };
        let mut runner = TestRunner::new_with_rng(config, rng);
        let check = check.clone();
        let result = runner.run(&strategy, move |input| {
            let (tx, rx) = mpsc::channel();
            let check = check.clone();
            let bytes = input.clone();
            let worker = std::thread::spawn(move || {
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
                let _ = tx.send(outcome);
            });
            match rx.recv_timeout(PATIENCE) {
                Ok(Ok(Ok(()))) => {
                    let _ = worker.join();
                    Ok(())
                }
                Ok(Ok(Err(why))) => Err(TestCaseError::fail(why)),
                Ok(Err(_)) => Err(TestCaseError::fail("panicked")),
                Err(_) => Err(TestCaseError::fail(format!("no answer within {PATIENCE:?} (a hang)"))),
            }
        });
        if let Err(e) = result {
            panic!("{name}: {e}");
        }
        rounds += 1;
        match seconds {
            Some(s) if started.elapsed() < s => continue,
            _ => break,
        }
    }
    if seconds.is_some() {
        eprintln!("{name}: {} inputs in {:.0?}, no panic, no hang", rounds * cases, started.elapsed());
    }
}

fn rand_seed(round: u32) -> [u8; 32] {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    let mut seed = [0u8; 32];
    seed[..16].copy_from_slice(&nanos.to_le_bytes());
    seed[16..20].copy_from_slice(&round.to_le_bytes());
    seed
}

#[test]
fn ber_reader() {
    let mut seeds = files("ca", "cer");
    seeds.extend(files("crl", "crl"));
    seeds.extend(files("cms", "der"));
    fuzz("BER", inputs(seeds), |b| {
        let _ = eds::ber::parse(b);
        let _ = eds::der_values(b);
        Ok(())
    });
}

#[test]
fn key_containers() {
    let mut seeds = files("gost2015", "p12");
    seeds.extend(files("legacy-2004", "p12").into_iter().take(3));
    fuzz("PKCS#12", inputs(seeds), |b| {
        let _ = eds::open(b, zeroize::Zeroizing::new("Qwerty12".into()));
        Ok(())
    });
}

#[test]
fn certificates() {
    let mut seeds = files("ca", "cer");
    seeds.extend(files("ca", "crt"));
    seeds.extend(files("legacy-2004", "cer"));
    fuzz("X.509", inputs(seeds), |b| {
        let _ = eds::cert::profile(b);
        let _ = eds::cert::crl_distribution_points(b);
        let _ = eds::cert::ocsp_addresses(b);
        let _ = eds::cert::crl_issuer(b);
        Ok(())
    });
}

#[test]
fn revocation_lists() {
    fuzz("CRL", inputs(files("crl", "crl")), |b| {
        if let Ok(crl) = eds::crl::parse(b) {
            let cas = files("ca", "cer");
            let _ = eds::crl::issuer_among(&crl, cas.iter());
        }
        Ok(())
    });
}

#[test]
fn signatures() {
    let trust = eds::nca_test_trust();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z").unwrap().with_timezone(&chrono::Utc);
    fuzz("CMS", inputs(files("cms", "der")), move |b| {
        let _ = eds::cms::verify(b, None, &trust, eds::cms::AsOf::SigningTime { fallback: at });
        let _ = eds::cms::verify(b, Some(b"content"), &trust, eds::cms::AsOf::At(at));
        let _ = eds::cms::signer_certificates(b);
        let _ = eds::cms::attached_content(b);
        let _ = eds::ocsp::parse(b);
        let _ = eds::tsp::verify(b, b"signature", &trust);
        Ok(())
    });
}

const CSV: &str = "notice_number;notice_date;fact_date;outlet;clause;amount;due_date;notes\n\
    ҚЕ-0912;01.10.2026;28.09.2026;1;2.6.3;30 000,00;31.10.2026;\n\
    A-2;2026-10-01;2026-09-28;1;2.6.1;1234,56;2026-10-31;\"a; note\"\n";

/// The same two fines in the comma-separated form, numbered apart.
const CSV_COMMAS: &str = "notice_number,notice_date,fact_date,outlet,clause,amount,due_date,notes\n\
    ҚЕ-0913,2026-10-01,2026-09-28,1,2.6.3,30000.00,2026-10-31,\n\
    A-3,2026-10-01,2026-09-28,1,2.6.1,1234.56,2026-10-31,\"a, note\"\r\n";

#[test]
fn the_fines_import() {
    let dir = tempfile::tempdir().unwrap();
    // The demo shop, its key given here (no keyring needed), its owner signed in.
    let unlock = desk::vault::Unlock::Recover {
        code: desk::vault::code::encode(&[7; 32]),
        passphrase: Some(zeroize::Zeroizing::new("a passphrase for the fuzz test".into())),
    };
    let today: chrono::NaiveDate = "2026-11-25".parse().unwrap();
    let mut desk = desk::Desk::open_with(dir.path(), desk::FixedClock(today), unlock).unwrap();
    desk.init_demo().unwrap();
    // The seeds are files the import takes: the fuzzing starts from rows that reach the store
    // (and, imported once, every later copy of them meets "already recorded").
    for seed in [CSV, CSV_COMMAS] {
        let report = desk.import_fines(seed.as_bytes()).unwrap();
        assert_eq!((report.imported, report.errors.len()), (2, 0), "{report:?}");
    }
    let desk = std::sync::Arc::new(std::sync::Mutex::new(desk));
    let seeds = vec![CSV.as_bytes().to_vec(), CSV_COMMAS.as_bytes().to_vec(), CSV.replace('\n', "\r\n").into_bytes()];
    fuzz("fines CSV", inputs(seeds), move |b| {
        let mut desk = desk.lock().map_err(|_| "poisoned".to_string())?;
        match desk.import_fines(b) {
            Err(e) if e.code == desk::ErrorCode::Internal => Err(format!("internal: {}", e.message)),
            _ => Ok(()),
        }
    });
}

#[test]
fn the_kit_manifest() {
    let seed = br#"{"version":"2026-11","files":[{"name":"mark.png","url":"mark.png","size":1024,"sha256":"00"}]}"#;
    fuzz("kit manifest", inputs(vec![seed.to_vec()]), |b| {
        if let Ok(m) = desk::kit::parse_manifest(b) {
            if m.files.iter().any(|f| f.name.contains(['/', '\\']) || f.name == ".." || f.name.is_empty()) {
                return Err(format!("a manifest naming a path outside the kit was accepted: {m:?}"));
            }
        }
        Ok(())
    });
}

#[test]
fn the_website_check_pages() {
    let page = "<html><head><title>Alatau City Club</title><script>var x='Alatau City Club'</script></head>\
        <body><p>Біз Алатау Сити Клаб қабылдаймыз</p><a href='/about'>about</a><img src='/i/alatau-city-club.png' alt='ACC'>\
        <a href='javascript:alert(1)'>x</a><a href='//evil.example/'>y</a></body></html>";
    let robots = "User-agent: *\nDisallow: /private\nAllow: /private/open\n";
    let base = url::Url::parse("https://shop.kz/").unwrap();
    fuzz("site-check HTML", inputs(vec![page.as_bytes().to_vec(), robots.as_bytes().to_vec()]), move |b| {
        let scan = desk::site_check::scan_page(&base, b);
        let rules = desk::site_check::robots_rules(&String::from_utf8_lossy(b));
        let _ = desk::site_check::allowed(&rules, "/private/x");
        for link in &scan.links {
            let _ = link.as_str();
        }
        Ok(())
    });
}

#[test]
fn the_rules_text_and_its_pdf() {
    let text = include_str!("../../club/rules/club-rules.kk.txt");
    let doc = print::Document {
        title: "rules".into(),
        blocks: text.lines().take(40).map(|l| print::Block::Paragraph(l.to_string())).collect(),
        landscape: false,
        running_head: String::new(),
    };
    let pdf = print::render(&doc).unwrap();
    let head: String = text.chars().take(6000).collect();
    fuzz("rules text", inputs(vec![head.into_bytes()]), |b| {
        let _ = club::rules::parse(&String::from_utf8_lossy(b));
        Ok(())
    });
    fuzz("rules PDF", inputs(vec![pdf]), |b| {
        let _ = desk::rules::pdf::text(b);
        Ok(())
    });
}

#[test]
fn the_recovery_code() {
    let code = desk::vault::code::encode(&[0x5e; 32]).to_string();
    fuzz("recovery code", inputs(vec![code.into_bytes()]), |b| {
        let _ = desk::vault::code::decode(&String::from_utf8_lossy(b));
        Ok(())
    });
}
