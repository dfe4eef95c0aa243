//! Every NCA test container opens with its password and lists its certificate's profile; a wrong
//! password, a file that is not a container and a damaged one are told apart. Fixtures:
//! tests/fixtures (see SOURCE.md); minted ones come from tests/fixtures/mint-test-pki.sh.

use std::path::{Path, PathBuf};

use eds::{EdsError, KeyAlgorithm, KeyPurpose, PrivateKey, Role};
use zeroize::Zeroizing;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nca-test")
}

/// The certificate's subject as OpenSSL reads it from the container (one `key=value` per line).
fn openssl_subject(path: &Path, password: &str) -> String {
    let pem = std::process::Command::new("openssl")
        .args(["pkcs12", "-nokeys", "-legacy", "-passin", &format!("pass:{password}"), "-in"])
        .arg(path)
        .output()
        .expect("openssl runs (installed by `cargo xtask test`)");
    let mut x509 = std::process::Command::new("openssl")
        .args(["x509", "-noout", "-subject", "-startdate", "-enddate", "-nameopt", "sep_multiline,utf8,-esc_msb"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    x509.stdin.take().unwrap().write_all(&pem.stdout).unwrap();
    String::from_utf8_lossy(&x509.wait_with_output().unwrap().stdout).into_owned()
}

fn field(subject: &str, key: &str) -> Option<String> {
    subject.lines().find_map(|l| l.trim().strip_prefix(&format!("{key}="))).map(str::to_string)
}

fn open(path: &Path, password: &str) -> Result<eds::KeyContainer, EdsError> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    eds::open(&bytes, Zeroizing::new(password.to_string()))
}

#[test]
fn every_current_gost_container_opens_and_lists_its_certificate() {
    let dir = fixtures().join("gost2015");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let c = open(&path, "Qwerty12").unwrap_or_else(|e| panic!("{name}: {e}"));
        let p = &c.profile;
        assert_eq!(p.key_algorithm, KeyAlgorithm::Gost2015, "{name}");
        // The key loads, and open() matched it to the certificate's public key.
        assert!(matches!(&c.key, PrivateKey::Gost2015(_)), "{name}");
        // What OpenSSL reads from the same certificate.
        let subject = openssl_subject(&path, "Qwerty12");
        assert_eq!(
            p.iin,
            field(&subject, "serialNumber").and_then(|s| s.strip_prefix("IIN").map(str::to_string)),
            "{name}"
        );
        // A treasury client's certificate is an information system's: no person, no IIN.
        assert_eq!(p.iin.is_none(), name.contains("treasury_client"), "{name}: {:?}", p.iin);
        assert_eq!(Some(p.holder.clone()), field(&subject, "CN"), "{name}");
        assert_eq!(p.purpose, KeyPurpose::Sign, "{name}: digitalSignature + nonRepudiation");
        assert!(p.issuer.contains("(GOST) TEST 2022"), "{name}: {}", p.issuer);
        let openssl_time = |t: chrono::DateTime<chrono::Utc>| t.format("%b %e %H:%M:%S %Y GMT").to_string();
        assert_eq!(Some(openssl_time(p.not_before)), field(&subject, "notBefore"), "{name}");
        assert_eq!(Some(openssl_time(p.not_after)), field(&subject, "notAfter"), "{name}");
        assert!(!p.holder.is_empty());
        let expected_role = match name.trim_end_matches(".p12").rsplit_once('-').map(|(_, r)| r) {
            Some("valid" | "revoked") if name.starts_with("individual") => Role::Individual,
            Some("head") => Role::Head,
            Some("employee_signright") => Role::SigningRight,
            Some("employee") => Role::Employee,
            Some("treasury_client") => Role::TreasuryClient,
            Some("infosystem") => Role::InformationSystem,
            other => panic!("unexpected fixture {name} ({other:?})"),
        };
        assert_eq!(p.role, expected_role, "{name}");
        if name.starts_with("legal") {
            assert_eq!(p.bin.as_deref(), Some("123456789021"), "{name}");
            assert_eq!(p.organisation, field(&subject, "O"), "{name}");
            assert_eq!(p.organisation.as_deref(), Some("АО \"ТЕСТ\""), "{name}");
        } else {
            assert_eq!(p.bin, None, "{name}");
        }
        seen += 1;
    }
    assert_eq!(seen, 12);
}

#[test]
fn older_containers_open_rsa_keys_match_their_certificates() {
    let dir = fixtures().join("legacy-2004");
    let sign = open(&dir.join("individual_valid_sign_2004.p12"), "Qwerty12").unwrap();
    assert!(matches!(sign.key, PrivateKey::Rsa(_)));
    assert_eq!(sign.profile.key_algorithm, KeyAlgorithm::Rsa);
    assert_eq!(sign.profile.purpose, KeyPurpose::Sign);
    assert_eq!(sign.profile.role, Role::Individual);
    assert!(!eds::valid_on(&sign.profile, "2026-11-25".parse().unwrap()), "expired in 2023");

    let auth = open(&dir.join("individual_auth_revoked_2004.p12"), "Qwerty12").unwrap();
    assert!(matches!(auth.key, PrivateKey::Rsa(_)));
    assert_eq!(auth.profile.purpose, KeyPurpose::Auth);

    let gost2004 = open(&dir.join("ceo_sign_revoked_2004.p12"), "Qwerty12").unwrap();
    assert_eq!(gost2004.profile.key_algorithm, KeyAlgorithm::Gost2004);
    assert!(matches!(gost2004.key, PrivateKey::NotSupportedYet(_)));

    for name in ["individual_valid_2015.p12", "ceo_revoked_2015.p12"] {
        let c = open(&dir.join(name), "Aa123456").unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(c.profile.key_algorithm, KeyAlgorithm::Gost2015, "{name}");
        assert!(matches!(&c.key, PrivateKey::Gost2015(_)), "{name}");
    }
}

#[test]
fn a_wrong_password_a_stranger_file_and_a_damaged_container_each_have_their_own_error() {
    let gost = fixtures().join("gost2015/legal-valid-head.p12");
    let rsa = fixtures().join("legacy-2004/individual_valid_sign_2004.p12");
    for path in [&gost, &rsa] {
        assert_eq!(open(path, "qwerty12").unwrap_err(), EdsError::WrongPassword);
        assert_eq!(open(path, "").unwrap_err(), EdsError::WrongPassword);
    }
    let cert = fixtures().join("ca/root_test_gost_2022.cer");
    assert!(matches!(open(&cert, "Qwerty12").unwrap_err(), EdsError::NotAContainer(_)));
    assert!(matches!(eds::open(b"%PDF-1.7", Zeroizing::new("x".into())).unwrap_err(), EdsError::NotAContainer(_)));
    let mut bytes = std::fs::read(&gost).unwrap();
    bytes.truncate(bytes.len() / 2);
    assert!(matches!(eds::open(&bytes, Zeroizing::new("Qwerty12".into())).unwrap_err(), EdsError::NotAContainer(_)));
    // Four bytes changed anywhere after the header: the MAC no longer matches, yet the right
    // password still opens a bag the damage missed, so the file is called damaged, never a wrong
    // password; a wrong password on the same damaged file is still a wrong password.
    for path in [&gost, &rsa] {
        let clean = std::fs::read(path).unwrap();
        let mut damaged_seen = 0;
        for at in [clean.len() / 4, clean.len() / 2, clean.len() * 3 / 4, clean.len() - 12] {
            let mut bytes = clean.clone();
            for b in &mut bytes[at..at + 4] {
                *b ^= 0x5a;
            }
            let right = eds::open(&bytes, Zeroizing::new("Qwerty12".into())).map(|_| ()).unwrap_err();
            assert!(
                matches!(right, EdsError::Damaged | EdsError::NotAContainer(_)),
                "{} changed at {at}: {right:?}",
                path.display()
            );
            damaged_seen += usize::from(right == EdsError::Damaged);
            let wrong = eds::open(&bytes, Zeroizing::new("qwerty12".into())).map(|_| ()).unwrap_err();
            assert_ne!(wrong, EdsError::Damaged, "{} changed at {at}", path.display());
        }
        assert!(damaged_seen >= 2, "{}: only {damaged_seen} damaged containers were called damaged", path.display());
        // The same file unchanged opens with that password.
        assert!(open(path, "Qwerty12").is_ok());
    }
}

#[test]
fn minted_rsa_containers_open_with_their_purposes_and_identifiers() {
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mint-test-pki.sh");
    let out = std::process::Command::new("bash")
        .arg(&script)
        .arg(dir.path())
        .env("IIN", "880101300092")
        .env("BIN", "971240001315")
        .output()
        .expect("bash runs the minting script (it needs openssl, installed by `cargo xtask test`)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut opened = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".p12") || !name.contains("RSA256_") {
            continue;
        }
        let c = open(&path, "Qwerty12").unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(matches!(c.key, PrivateKey::Rsa(_)), "{name}");
        assert_eq!(c.profile.iin.as_deref(), Some("880101300092"), "{name}");
        if name.starts_with("AUTH_") {
            assert_eq!(c.profile.purpose, KeyPurpose::Auth, "{name}");
            assert_eq!(c.profile.role, Role::Individual);
        } else {
            assert_eq!(c.profile.purpose, KeyPurpose::Sign, "{name}");
            assert_eq!(c.profile.role, Role::Head);
            assert_eq!(c.profile.bin.as_deref(), Some("971240001315"));
        }
        assert_eq!(open(&path, "Qwerty13").unwrap_err(), EdsError::WrongPassword);
        opened += 1;
    }
    assert_eq!(opened, 2);
}
