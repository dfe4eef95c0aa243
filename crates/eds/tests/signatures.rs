//! CMS signatures: Kalkan-made ones verify for their RSA signer (their GOST signer is "not
//! supported yet"); Seller Desk's own are accepted by `openssl cms -verify -cades`, and
//! OpenSSL's by Seller Desk; tampering, revocation and an AUTH key are caught.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use eds::cms::{self, AsOf, Layout, Outcome, Trust};
use eds::{EdsError, KeyAlgorithm};
use zeroize::Zeroizing;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nca-test")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn openssl(args: &[&str]) -> std::process::Output {
    Command::new("openssl").args(args).output().expect("openssl runs (installed by `cargo xtask test`)")
}

/// A PEM certificate or CRL as DER, converted by OpenSSL.
fn der(kind: &str, pem: &Path) -> Vec<u8> {
    let out = openssl(&[kind, "-in", pem.to_str().unwrap(), "-outform", "DER"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// One minted NCA-like RSA PKI for every test of this file (4096-bit CA keys take a while).
fn minted() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mint-test-pki.sh");
        let out = Command::new("bash")
            .arg(&script)
            .arg(dir.path())
            .env("IIN", "880101300092")
            .env("BIN", "971240001315")
            .output()
            .expect("bash runs the minting script");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        dir
    })
    .path()
}

fn minted_trust() -> Trust {
    let d = minted();
    Trust {
        anchors: vec![der("x509", &d.join("root.pem"))],
        intermediates: vec![der("x509", &d.join("ca.pem"))],
        crls: vec![der("crl", &d.join("ca.crl")), der("crl", &d.join("root.crl"))],
    }
}

fn container(name: &str) -> eds::KeyContainer {
    eds::open(&read(&minted().join(name)), Zeroizing::new("Qwerty12".into())).unwrap()
}

#[test]
fn kalkans_signatures_verify_for_the_rsa_signer_and_say_gost_is_not_supported_yet() {
    // NCA's RSA test root is not published with these files: its test CA is the anchor.
    let trust = Trust {
        anchors: eds::der_values(&read(&fixtures().join("ca/nca_rsa_test.crt"))),
        intermediates: vec![],
        crls: eds::der_values(&read(&fixtures().join("crl/nca_rsa_test.crl"))),
    };
    let one_signer = read(&fixtures().join("cms/signed_cms_one_signer.der"));
    // Kalkan made these on 2022-09-28, after the signer's certificate ended (2022-01-18): judged
    // at the signing time they carry, the certificate had expired, and that is what is said.
    let at_signing = cms::verify(&one_signer, None, &trust, AsOf::SigningTime { fallback: Utc::now() }).unwrap();
    assert_eq!(at_signing.signers[0].outcome, Outcome::Expired);
    assert_eq!(at_signing.signers[0].signing_time, Some(Utc.with_ymd_and_hms(2022, 9, 28, 14, 40, 30).unwrap()));
    // As of a day the certificate was valid, everything checks: digest, signature, chain, CRL.
    let now = AsOf::At(Utc.with_ymd_and_hms(2021, 6, 1, 0, 0, 0).unwrap());
    let one = cms::verify(&one_signer, None, &trust, now).unwrap();
    assert!(one.attached);
    assert_eq!(one.signers.len(), 1);
    assert_eq!(one.signers[0].outcome, Outcome::Valid);
    assert_eq!(one.signers[0].profile.as_ref().unwrap().iin.as_deref(), Some("123456789011"));

    for (file, content) in [("cms/signed_cms.der", None), ("cms/signed_detached_cms.der", Some(&b"test123"[..]))] {
        let report = cms::verify(&read(&fixtures().join(file)), content, &trust, now).unwrap();
        assert_eq!(report.signers.len(), 2, "{file}");
        for s in &report.signers {
            match s.profile.as_ref().map(|p| p.key_algorithm.clone()) {
                Some(KeyAlgorithm::Rsa) => assert_eq!(s.outcome, Outcome::Valid, "{file}"),
                _ => assert!(matches!(s.outcome, Outcome::NotSupportedYet(_)), "{file}: {:?}", s.outcome),
            }
        }
    }
    // The detached signature over other content: the RSA signer sees it; GOST stays unjudged.
    let report =
        cms::verify(&read(&fixtures().join("cms/signed_detached_cms.der")), Some(b"test124"), &trust, now).unwrap();
    let outcomes: Vec<&Outcome> = report.signers.iter().map(|s| &s.outcome).collect();
    assert!(outcomes.contains(&&Outcome::Tampered), "{outcomes:?}");
    assert!(outcomes.iter().any(|o| matches!(o, Outcome::NotSupportedYet(_))), "{outcomes:?}");
    assert_eq!(
        cms::verify(&read(&fixtures().join("cms/signed_detached_cms.der")), None, &trust, now).unwrap_err(),
        EdsError::DetachedWithoutContent
    );
    // Without the test CA trusted, the same signature is not trusted.
    let untrusted = cms::verify(&one_signer, None, &Trust::default(), now);
    assert_eq!(untrusted.unwrap().signers[0].outcome, Outcome::UntrustedChain);
}

#[test]
fn our_signatures_pass_openssl_cades_verification_detached_and_attached() {
    let d = minted();
    let head = container(
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("RSA256_"))
            .unwrap()
            .as_str(),
    );
    let content = "Айыппұлға қарсылық хат — dispute letter".as_bytes();
    // Whole seconds: signingTime is a UTCTime.
    let at = Utc.timestamp_opt(Utc::now().timestamp(), 0).unwrap();
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("letter.txt");
    std::fs::write(&file, content).unwrap();
    // OpenSSL takes the CRLs from the same file as the CA certificates.
    let chain = work.path().join("chain-and-crls.pem");
    std::fs::write(&chain, [read(&d.join("chain.pem")), read(&d.join("ca.crl")), read(&d.join("root.crl"))].concat())
        .unwrap();
    for layout in [Layout::Detached, Layout::Attached] {
        let sig = cms::sign(&head, content, layout, at).unwrap();
        let ours = cms::verify(
            &sig,
            (layout == Layout::Detached).then_some(content),
            &minted_trust(),
            AsOf::SigningTime { fallback: Utc::now() },
        )
        .unwrap();
        assert!(ours.all_valid(), "{layout:?}: {ours:?}");
        assert_eq!(ours.signers[0].signing_time, Some(at));

        let sig_path = work.path().join("letter.cms");
        std::fs::write(&sig_path, &sig).unwrap();
        let mut args = vec![
            "cms",
            "-verify",
            "-binary",
            "-cades",
            "-inform",
            "DER",
            "-in",
            sig_path.to_str().unwrap(),
            "-CAfile",
            chain.to_str().unwrap(),
            "-crl_check_all",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ];
        if layout == Layout::Detached {
            args.extend(["-content", file.to_str().unwrap()]);
        }
        let out = openssl(&args);
        assert!(out.status.success(), "openssl refused {layout:?}: {}", String::from_utf8_lossy(&out.stderr));

        // One byte of the content changed: OpenSSL and Seller Desk both refuse.
        if layout == Layout::Detached {
            let mut changed = content.to_vec();
            changed[0] ^= 1;
            let other = work.path().join("changed.txt");
            std::fs::write(&other, &changed).unwrap();
            let bad = args
                .iter()
                .map(|a| if *a == file.to_str().unwrap() { other.to_str().unwrap() } else { a })
                .collect::<Vec<_>>();
            assert!(!openssl(&bad).status.success());
            let ours =
                cms::verify(&sig, Some(&changed), &minted_trust(), AsOf::SigningTime { fallback: Utc::now() }).unwrap();
            assert_eq!(ours.signers[0].outcome, Outcome::Tampered);
        }
    }
}

#[test]
fn a_revoked_key_an_auth_key_and_a_broken_signature_are_each_named() {
    let revoked = container("revoked.p12");
    let at = Utc::now();
    let sig = cms::sign(&revoked, b"x", Layout::Attached, at).unwrap();
    let report = cms::verify(&sig, None, &minted_trust(), AsOf::SigningTime { fallback: at }).unwrap();
    assert!(matches!(report.signers[0].outcome, Outcome::Revoked { .. }), "{report:?}");
    // OpenSSL, given the same chain and CRLs, refuses it too, and says why.
    let work = tempfile::tempdir().unwrap();
    let d = minted();
    let bundle = work.path().join("trust.pem");
    std::fs::write(&bundle, [read(&d.join("chain.pem")), read(&d.join("ca.crl")), read(&d.join("root.crl"))].concat())
        .unwrap();
    let sig_path = work.path().join("revoked.cms");
    std::fs::write(&sig_path, &sig).unwrap();
    let out = openssl(&[
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-purpose",
        "any",
        "-crl_check_all",
        "-out",
        "/dev/null",
        "-in",
        sig_path.to_str().unwrap(),
        "-CAfile",
        bundle.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("revoked"), "{}", String::from_utf8_lossy(&out.stderr));

    let auth_name = std::fs::read_dir(minted())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("AUTH_RSA256_"))
        .unwrap();
    assert_eq!(cms::sign(&container(&auth_name), b"x", Layout::Attached, at).unwrap_err(), EdsError::AuthKey);

    // The last bytes of an attached signature are the RSA signature value: flip one.
    let head = container("head.p12");
    let mut sig = cms::sign(&head, b"x", Layout::Attached, at).unwrap();
    let last = sig.len() - 1;
    sig[last] ^= 1;
    let report = cms::verify(&sig, None, &minted_trust(), AsOf::SigningTime { fallback: at }).unwrap();
    assert_eq!(report.signers[0].outcome, Outcome::BrokenSignature);
}

#[test]
fn openssls_signatures_verify_with_seller_desk() {
    let d = minted();
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("doc.txt");
    std::fs::write(&file, b"statement Q4").unwrap();
    let sig = work.path().join("doc.cms");
    let out = openssl(&[
        "cms",
        "-sign",
        "-binary",
        "-cades",
        "-md",
        "sha256",
        "-outform",
        "DER",
        "-in",
        file.to_str().unwrap(),
        "-signer",
        d.join("head.pem").to_str().unwrap(),
        "-inkey",
        d.join("head.key").to_str().unwrap(),
        "-out",
        sig.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report =
        cms::verify(&read(&sig), Some(b"statement Q4"), &minted_trust(), AsOf::SigningTime { fallback: Utc::now() })
            .unwrap();
    assert!(report.all_valid(), "{report:?}");
    assert!(!report.attached);
}
