//! GOST 34.10-2015 with NCA's real files: the byte order of keys, signatures and digests is the
//! one NCA's own CAs used (`eds::gost::NCA_ORDER`), and no other order verifies them.

use std::path::PathBuf;

use eds::ber::{self, Node};
use eds::gost::{self, ByteOrder, Curve, NCA_ORDER};
use zeroize::Zeroizing;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nca-test")
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// (to-be-signed bytes, signature value) of a certificate or CRL.
fn signed(der: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let node = ber::parse(der).unwrap();
    let sig = node.child(2).unwrap().octets()[1..].to_vec();
    (node.child(0).unwrap().to_der(), sig)
}

fn key_of(cert: &[u8]) -> Vec<u8> {
    let node = ber::parse(cert).unwrap();
    let tbs = node.child(0).unwrap();
    let spki: &Node = tbs.child(6).unwrap();
    gost::spki_key_bytes(&spki.to_der()).unwrap()
}

fn checks(order: ByteOrder, issuer_key: &[u8], signed_der: &[u8]) -> bool {
    let (tbs, sig) = signed(signed_der);
    let (Some((x, y)), Some((r, s))) = (order.key(issuer_key), order.signature(&sig)) else { return false };
    Curve::nca_512().verify((&x, &y), &order.alpha(&gost::streebog512(&tbs)), &r, &s)
}

/// Every signature NCA's GOST test PKI made: the root's on itself and on the CA, the CA's on
/// each of the twelve current containers' certificates and on its CRL.
fn ncas_signatures() -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let root = read("ca/root_test_gost_2022.cer");
    let ca = read("ca/nca_gost2022_test.cer");
    let mut out = vec![
        ("root self-signature".to_string(), key_of(&root), root.clone()),
        ("root on the CA".to_string(), key_of(&root), ca.clone()),
        ("CA's CRL".to_string(), key_of(&ca), read("crl/nca_gost2022_test.crl")),
    ];
    let mut names: Vec<_> =
        std::fs::read_dir(fixtures().join("gost2015")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names {
        let c = eds::open(&std::fs::read(&path).unwrap(), Zeroizing::new("Qwerty12".into())).unwrap();
        out.push((path.file_name().unwrap().to_string_lossy().into_owned(), key_of(&ca), c.certificate));
    }
    out
}

#[test]
fn ncas_byte_order_verifies_every_signature_of_its_test_pki_and_no_other_order_does() {
    let signatures = ncas_signatures();
    assert_eq!(signatures.len(), 15);
    for (what, key, der) in &signatures {
        assert!(checks(NCA_ORDER, key, der), "{what} with NCA's order");
    }
    for order in ByteOrder::all().into_iter().filter(|o| *o != NCA_ORDER) {
        for (what, key, der) in &signatures {
            assert!(!checks(order, key, der), "{what} verifies with {order:?} too");
        }
    }
}

#[test]
fn every_gost_containers_private_key_is_its_certificates_key() {
    let mut containers: Vec<(PathBuf, &str)> =
        std::fs::read_dir(fixtures().join("gost2015")).unwrap().map(|e| (e.unwrap().path(), "Qwerty12")).collect();
    containers.push((fixtures().join("legacy-2004/individual_valid_2015.p12"), "Aa123456"));
    containers.push((fixtures().join("legacy-2004/ceo_revoked_2015.p12"), "Aa123456"));
    for (path, password) in containers {
        let c = eds::open(&std::fs::read(&path).unwrap(), Zeroizing::new(password.into())).unwrap();
        let eds::PrivateKey::Gost2015(key) = &c.key else { panic!("{}: {:?}", path.display(), c.key) };
        // d·G is the public key in the certificate, byte for byte.
        assert_eq!(key.public_key_bytes(), key_of(&c.certificate), "{}", path.display());
        // And a signature made with it verifies with the certificate's key.
        let digest = gost::streebog512(path.to_string_lossy().as_bytes());
        let signature = key.sign_digest(&digest).unwrap();
        assert!(gost::verify_digest(&key_of(&c.certificate), &digest, &signature));
    }
}

#[test]
fn the_certificates_name_the_curve_and_hash_nca_uses() {
    let root = read("ca/root_test_gost_2022.cer");
    let node = ber::parse(&root).unwrap();
    let alg = node.child(0).unwrap().child(6).unwrap().child(0).unwrap();
    assert_eq!(alg.child(0).unwrap().oid().as_deref(), Some(gost::GOST_2015_512_KEY));
    assert_eq!(gost::key_parameters(alg).as_deref(), Some(gost::NCA_PARAMSET_512));
    assert_eq!(alg.child(1).unwrap().child(1).unwrap().oid().as_deref(), Some(gost::GOST_34_11_2015_512));
    let sig_alg = node.child(1).unwrap().child(0).unwrap().oid();
    assert_eq!(sig_alg.as_deref(), Some(gost::GOST_2015_512_SIGNATURE));
}

fn python() -> std::process::Command {
    let python = std::env::var("SELLER_DESK_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut cmd = std::process::Command::new(python);
    cmd.arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/readers/gost_check.py"));
    cmd
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// Seller Desk's signatures with NCA's real test keys, checked by gostcrypto (PyPI), and
/// gostcrypto's signatures checked by Seller Desk; the byte-order conversion between the two is
/// written out in tests/readers/gost_check.py.
#[test]
fn gostcrypto_accepts_our_signatures_and_we_accept_gostcryptos() {
    use std::io::Write;
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for (i, name) in
        ["legal-valid-head.p12", "individual-valid.p12", "legal-valid-employee_signright.p12"].iter().enumerate()
    {
        let c = eds::open(&read(&format!("gost2015/{name}")), Zeroizing::new("Qwerty12".into())).unwrap();
        let eds::PrivateKey::Gost2015(key) = &c.key else { panic!("{name}") };
        for j in 0..4 {
            let mut message = vec![0u8; 1 + (i * 131 + j * 977) % 2000];
            getrandom::getrandom(&mut message).unwrap();
            let signature = key.sign_digest(&gost::streebog512(&message)).unwrap();
            cases.push(serde_json::json!({"key": hex(&key.public_key_bytes()), "message": hex(&message), "signature": hex(&signature)}));
            expected.push(true);
            // The same signature over a message one bit different must fail there too.
            let mut other = message.clone();
            other[0] ^= 0x01;
            cases.push(serde_json::json!({"key": hex(&key.public_key_bytes()), "message": hex(&other), "signature": hex(&signature)}));
            expected.push(false);
        }
    }
    let mut child = python()
        .arg("verify")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python with gostcrypto (cargo xtask test installs it)");
    child.stdin.take().unwrap().write_all(serde_json::to_string(&cases).unwrap().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "gost_check.py verify failed");
    let verdicts: Vec<bool> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdicts, expected);

    let out = python().args(["sign", "12"]).output().unwrap();
    assert!(out.status.success(), "gost_check.py sign: {}", String::from_utf8_lossy(&out.stderr));
    let made: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(made.len(), 12);
    for case in made {
        let (key, message, signature) = (
            unhex(case["key"].as_str().unwrap()),
            unhex(case["message"].as_str().unwrap()),
            unhex(case["signature"].as_str().unwrap()),
        );
        assert!(gost::verify_digest(&key, &gost::streebog512(&message), &signature), "gostcrypto's signature");
        let mut broken = signature.clone();
        broken[70] ^= 0x80;
        assert!(!gost::verify_digest(&key, &gost::streebog512(&message), &broken));
    }
}

/// The revoked serials (upper-case hex) and their dates, as OpenSSL reads NCA's CRL.
fn openssl_revocations(crl: &str) -> Vec<(String, chrono::DateTime<chrono::Utc>)> {
    let out = std::process::Command::new("openssl")
        .args(["crl", "-inform", "DER", "-noout", "-text", "-in"])
        .arg(fixtures().join(crl))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut revoked = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if let Some(serial) = line.strip_prefix("Serial Number: ") {
            let date = lines.next().and_then(|l| l.strip_prefix("Revocation Date: ")).unwrap();
            let date =
                chrono::NaiveDateTime::parse_from_str(date.trim_end_matches(" GMT"), "%b %e %H:%M:%S %Y").unwrap();
            revoked.push((serial.to_uppercase(), date.and_utc()));
        }
    }
    revoked
}

/// Signing with every current NCA test container and verifying against NCA's test PKI (root,
/// CA and its CRL, built in for test-keys mode): a key whose certificate NCA's CRL lists is
/// reported revoked on the day OpenSSL reads from the same CRL — every `*-revoked` container, and
/// also some `*-valid` ones NCA revoked after naming the files (the CRL of August 2026 lists
/// `legal-valid-employee` as superseded on 2026-06-02) — and the others are valid.
#[test]
fn cms_signatures_of_the_valid_containers_verify_and_the_revoked_ones_are_revoked() {
    use eds::cms::{self, AsOf, Layout, Outcome};
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T10:00:00Z").unwrap().to_utc();
    // Verified on the signing day, while the CA's CRL (2026-08-11 to 2027-02-07) is current.
    let trust = cms::Trust { now: Some(at), ..eds::nca_test_trust() };
    let revocations = openssl_revocations("crl/nca_gost2022_test.crl");
    assert!(revocations.len() > 10, "OpenSSL read the CRL");
    let mut names: Vec<_> =
        std::fs::read_dir(fixtures().join("gost2015")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    let mut valid = 0;
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let c = eds::open(&std::fs::read(&path).unwrap(), Zeroizing::new("Qwerty12".into())).unwrap();
        let serial = c.profile.serial.trim_start_matches("00").to_uppercase();
        let expected = match revocations.iter().find(|(s, _)| *s == serial) {
            Some((_, on)) => Outcome::Revoked { on: *on },
            None => Outcome::Valid,
        };
        if name.contains("revoked") {
            assert!(matches!(expected, Outcome::Revoked { .. }), "{name} is in the CRL");
        }
        valid += usize::from(expected == Outcome::Valid);
        for layout in [Layout::Detached, Layout::Attached] {
            let signature = cms::sign(&c, b"dispute letter", layout, at).unwrap();
            // The signature algorithm with NULL parameters, then the 128-byte value: Kalkan's form.
            let kalkan_form = unhex("060a2a830e030a01010203020500048180");
            assert!(signature.windows(kalkan_form.len()).any(|w| w == kalkan_form), "{name}");
            let content = (layout == Layout::Detached).then_some(&b"dispute letter"[..]);
            let report = cms::verify(&signature, content, &trust, AsOf::SigningTime { fallback: at }).unwrap();
            assert_eq!(report.signers[0].outcome, expected, "{name}");
            if layout == Layout::Detached {
                let tampered = cms::verify(&signature, Some(b"dispute letteR"), &trust, AsOf::At(at)).unwrap();
                assert_eq!(tampered.signers[0].outcome, Outcome::Tampered, "{name}");
            }
        }
    }
    assert!(valid >= 2, "some containers are still valid: {valid}");
}
