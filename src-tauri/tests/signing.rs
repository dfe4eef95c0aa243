//! `seller-desk sign | verify | trust | documents` on the demo shop with a minted NCA-like RSA
//! PKI carrying the demo shop's BIN; OpenSSL checks the signatures independently.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const DEMO_BIN: &str = "180640000016";

fn run(dir: &Path, args: &[&str]) -> Output {
    common::run_with(dir, args, &[("KEY_PASSWORD", "Qwerty12"), ("BAD_PASSWORD", "qwerty12")])
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fails_with(o: Output, code: &str) {
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(code), "{code} in {err}");
}

struct Pki(tempfile::TempDir);

impl Pki {
    fn mint() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/eds/tests/fixtures/mint-test-pki.sh");
        let out = Command::new("bash").arg(script).arg(dir.path()).env("BIN", DEMO_BIN).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        Pki(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.path().join(name).display().to_string()
    }

    fn named(&self, prefix: &str) -> String {
        let found: PathBuf = std::fs::read_dir(self.0.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        found.display().to_string()
    }
}

fn openssl_verify(pki: &Pki, work: &Path, cms: &Path, content: Option<&Path>) -> bool {
    let bundle = work.join("trust.pem");
    let parts: Vec<Vec<u8>> =
        ["chain.pem", "ca.crl", "root.crl"].iter().map(|n| std::fs::read(pki.0.path().join(n)).unwrap()).collect();
    std::fs::write(&bundle, parts.concat()).unwrap();
    let mut cmd = Command::new("openssl");
    cmd.args(["cms", "-verify", "-binary", "-cades", "-inform", "DER", "-purpose", "any", "-crl_check_all", "-out"])
        .arg("/dev/null")
        .arg("-in")
        .arg(cms)
        .arg("-CAfile")
        .arg(&bundle);
    if let Some(c) = content {
        cmd.arg("-content").arg(c);
    }
    cmd.output().expect("openssl runs").status.success()
}

#[test]
fn the_command_line_signs_for_the_shop_and_openssl_agrees_with_its_verification() {
    let pki = Pki::mint();
    let shop = tempfile::tempdir().unwrap();
    let dir = shop.path();
    ok(run(dir, &["demo", "--init"]));
    ok(run(dir, &["trust", "add", &pki.path("root.pem")]));
    ok(run(dir, &["trust", "add", &pki.path("ca.pem"), "--intermediate"]));
    ok(run(dir, &["trust", "crl", "add", &pki.path("ca.crl")]));
    // The certificate says what it is: the CA again without the flag is the same intermediate;
    // the root given as an intermediate is refused.
    assert!(ok(run(dir, &["trust", "add", &pki.path("ca.pem")])).contains("(intermediate)"));
    fails_with(run(dir, &["trust", "add", &pki.path("root.pem"), "--intermediate"]), "trust.root_not_self_signed");

    let letter = dir.join("dispute-letter.pdf");
    std::fs::write(&letter, b"%PDF-1.7 the dispute letter").unwrap();
    let letter_s = letter.display().to_string();
    let cms = dir.join("dispute-letter.pdf.cms");
    let cms_s = cms.display().to_string();
    let head = pki.named("RSA256_");
    let said = ok(run(dir, &["sign", &letter_s, "--key", &head, "--out", &cms_s, "--password-env", "KEY_PASSWORD"]));
    assert!(said.contains("verification: Valid [valid]"), "{said}");
    assert!(openssl_verify(&pki, dir, &cms, Some(&letter)), "OpenSSL accepts the detached signature");

    let report: Value = serde_json::from_str(&ok(run(dir, &["verify", &letter_s, "--cms", &cms_s, "--json"]))).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["signers"][0]["signer"]["bin"], DEMO_BIN);
    assert_eq!(report["signers"][0]["signer"]["purpose"], "sign");

    // Attached, then one byte of the letter changed: both verifiers refuse.
    let attached = dir.join("attached.cms");
    ok(run(
        dir,
        &[
            "sign",
            &letter_s,
            "--key",
            &head,
            "--attached",
            "--out",
            attached.to_str().unwrap(),
            "--password-env",
            "KEY_PASSWORD",
        ],
    ));
    assert!(openssl_verify(&pki, dir, &attached, None));
    ok(run(dir, &["verify", attached.to_str().unwrap()]));
    std::fs::write(&letter, b"%PDF-1.7 the dispute letteR").unwrap();
    let out = run(dir, &["verify", &letter_s, "--cms", &cms_s, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["signers"][0]["outcome"], "tampered");
    assert!(!openssl_verify(&pki, dir, &cms, Some(&letter)));

    // Refusals, each with its code, and nothing signed.
    let out_s = dir.join("x.cms").display().to_string();
    let sign_with =
        |key: &str, env: &str| run(dir, &["sign", &letter_s, "--key", key, "--out", &out_s, "--password-env", env]);
    fails_with(sign_with(&pki.named("AUTH_RSA256_"), "KEY_PASSWORD"), "eds.auth_key");
    fails_with(sign_with(&pki.path("revoked.p12"), "KEY_PASSWORD"), "eds.key_revoked");
    fails_with(sign_with(&head, "BAD_PASSWORD"), "eds.wrong_password");
    fails_with(sign_with(&pki.path("root.pem"), "KEY_PASSWORD"), "eds.not_a_container");
    assert!(!dir.join("x.cms").exists());

    // A signed document received from elsewhere: kept with its verdict (here: OpenSSL-made).
    let notice = dir.join("notice.txt");
    std::fs::write(&notice, "Уведомление № JM-2026/0400").unwrap();
    let notice_cms = dir.join("notice.cms");
    let made = Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-cades", "-md", "sha256", "-outform", "DER", "-nodetach"])
        .arg("-in")
        .arg(&notice)
        .arg("-signer")
        .arg(pki.path("head.pem"))
        .arg("-inkey")
        .arg(pki.path("head.key"))
        .arg("-out")
        .arg(&notice_cms)
        .output()
        .unwrap();
    assert!(made.status.success());
    let said = ok(run(dir, &["documents", "add", notice_cms.to_str().unwrap(), "--title", "Notice JM-2026/0400"]));
    assert!(said.contains("valid"), "{said}");

    let docs: Value = serde_json::from_str(&ok(run(dir, &["documents", "list", "--json"]))).unwrap();
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 2, "the letter (signed twice) and the received notice");
    assert_eq!(docs[0]["signatures"].as_array().unwrap().len(), 2);
    assert_eq!(docs[1]["kind"], "received_notice");
    assert_eq!(docs[1]["size"], "Уведомление № JM-2026/0400".len(), "the content taken from inside the signature");
    assert_eq!(docs[1]["signatures"][0]["outcome"], "valid");
    assert_eq!(docs[0]["kind"], "dispute_letter");
    assert_eq!(docs[0]["signatures"][0]["outcome"], "valid");
    assert_eq!(docs[0]["signatures"][0]["bin"], DEMO_BIN);
}

#[test]
fn kalkans_signature_verifies_in_test_mode_as_of_a_day_its_certificate_was_valid() {
    let shop = tempfile::tempdir().unwrap();
    let dir = shop.path();
    ok(run(dir, &["demo", "--init"]));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/eds/tests/fixtures/nca-test/cms");
    let one = fixture.join("signed_cms_one_signer.der").display().to_string();
    fails_with(run(dir, &["verify", &one, "--as-of", "2021-06-01"]), "eds.signature_invalid");
    ok(run(dir, &["trust", "test-mode", "on"]));
    // Trusted in test mode, but NCA's test CRL for that CA ended on 2022-09-25: revocation is not
    // checked, so verify fails unless the weaker acceptance is asked for.
    let strict = run(dir, &["verify", &one, "--as-of", "2021-06-01"]);
    assert!(String::from_utf8_lossy(&strict.stdout).contains("revocation not checked for ТЕСТОВ ТЕСТ (stale)"));
    fails_with(strict, "eds.signature_invalid");
    let said = ok(run(dir, &["verify", &one, "--as-of", "2021-06-01", "--accept-unchecked-revocation"]));
    assert!(said.contains("revocation_not_checked") && said.contains("[rsa]"), "{said}");
    // Two signers, GOST and RSA, each valid on its own days only: as of 2021 the GOST signer's
    // certificate had not begun; at the signing time (2022-09-27) the RSA signer's had ended.
    let two = fixture.join("signed_cms.der").display().to_string();
    // (The GOST CA's test CRL runs to 2027-02-07: until then its signer is valid with revocation
    // checked.)
    for args in [vec!["verify", &two, "--as-of", "2021-06-01", "--json"], vec!["verify", &two, "--json"]] {
        let out = run(dir, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut outcomes: Vec<String> = report["signers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| format!("{} {}", s["signer"]["algorithm"].as_str().unwrap(), s["outcome"].as_str().unwrap()))
            .collect();
        outcomes.sort();
        let expected = if args.len() == 5 {
            ["gost2015 expired", "rsa revocation_not_checked"]
        } else {
            ["gost2015 valid", "rsa expired"]
        };
        assert_eq!(outcomes, expected, "{args:?}");
    }
}

/// Offline (as this machine is), updating the CRLs reports each address NCA's test CAs name as
/// unreachable, succeeds, and the CRLs kept before still count.
#[test]
fn updating_crls_offline_says_which_addresses_were_not_reached_and_keeps_working() {
    let shop = tempfile::tempdir().unwrap();
    let dir = shop.path();
    ok(run(dir, &["demo", "--init"]));
    ok(run(dir, &["trust", "test-mode", "on"]));
    let said = ok(run(dir, &["trust", "crl", "update"]));
    assert!(said.contains("http://crl.root.gov.kz/gost_test_2022.crl: not updated"), "{said}");
    assert!(said.contains("0 CRL(s) kept"), "{said}");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/eds/tests/fixtures/nca-test/cms");
    let one = fixture.join("signed_cms_one_signer.der").display().to_string();
    let said = ok(run(dir, &["verify", &one, "--as-of", "2021-06-01", "--accept-unchecked-revocation"]));
    assert!(said.contains("rsa]: Valid, but revocation not checked [revocation_not_checked]"), "{said}");
}
