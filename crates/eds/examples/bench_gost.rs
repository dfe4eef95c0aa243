//! `cargo xtask bench`: GOST 34.10-2015 on NCA's 512-bit curve, on one core (this process runs
//! one thread): signatures made and verified per second with NCA's test head key, and the time to
//! sign a 10 MB document in CMS (hashing it with Streebog-512 is most of it), beside
//! `openssl dgst -sha256` over the same bytes for scale. The figures are printed; there is no
//! target to meet yet.

use std::time::{Duration, Instant};

use eds::cms::{self, Layout};
use eds::gost;
use zeroize::Zeroizing;

fn per_second(runs: u32, elapsed: Duration) -> f64 {
    f64::from(runs) / elapsed.as_secs_f64()
}

fn main() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nca-test/gost2015/legal-valid-head.p12");
    let container = eds::open(&std::fs::read(&path).expect("NCA's test container"), Zeroizing::new("Qwerty12".into()))
        .expect("the container opens");
    let eds::PrivateKey::Gost2015(key) = &container.key else { panic!("a GOST key") };
    let public = key.public_key_bytes();
    let digest = gost::streebog512(b"Seller Desk");

    // Warm up, then time.
    let signature = key.sign_digest(&digest).expect("a signature");
    assert!(gost::verify_digest(&public, &digest, &signature));
    let runs = 40;
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(key.sign_digest(&digest).expect("a signature"));
    }
    let sign = start.elapsed();
    let start = Instant::now();
    for _ in 0..runs {
        assert!(std::hint::black_box(gost::verify_digest(&public, &digest, &signature)));
    }
    let verify = start.elapsed();
    println!(
        "GOST 34.10-2015 (512-bit), one core: sign {:.0}/s ({:.2} ms each), verify {:.0}/s ({:.2} ms each)",
        per_second(runs, sign),
        sign.as_secs_f64() * 1000.0 / f64::from(runs),
        per_second(runs, verify),
        verify.as_secs_f64() * 1000.0 / f64::from(runs)
    );

    let document: Vec<u8> = (0..10 * 1024 * 1024u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    let at = chrono::Utc::now();
    // The best of three runs each, the first having brought the bytes into the caches.
    let best = |f: &dyn Fn()| {
        (0..3)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let hash_only = best(&|| {
        std::hint::black_box(gost::streebog512(&document));
    });
    let sign_10mb = best(&|| {
        std::hint::black_box(cms::sign(&container, &document, Layout::Detached, at).expect("signed"));
    });
    println!(
        "10 MB document: CMS signature (detached) {:.0} ms, of which Streebog-512 over it {:.0} ms ({:.0} MB/s)",
        sign_10mb.as_secs_f64() * 1000.0,
        hash_only.as_secs_f64() * 1000.0,
        10.0 / hash_only.as_secs_f64()
    );

    let file = std::env::temp_dir().join(format!("seller-desk-bench-{}.bin", std::process::id()));
    std::fs::write(&file, &document).expect("a temporary file");
    let out = std::process::Command::new("openssl").args(["dgst", "-sha256"]).arg(&file).output();
    let openssl = best(&|| {
        let _ = std::process::Command::new("openssl").args(["dgst", "-sha256"]).arg(&file).output();
    });
    let _ = std::fs::remove_file(&file);
    match out {
        Ok(o) if o.status.success() => println!(
            "For scale: `openssl dgst -sha256` over the same 10 MB (a process, reading the file) {:.0} ms",
            openssl.as_secs_f64() * 1000.0
        ),
        _ => println!("For scale: openssl is not available here"),
    }
}
