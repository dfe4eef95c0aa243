//! CMS signatures: Kalkan-made ones verify for their RSA signer (their GOST signer is "not
//! supported yet"); Seller Desk's own are accepted by `openssl cms -verify -cades`, and
//! OpenSSL's by Seller Desk; tampering, revocation and an AUTH key are caught.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use eds::cms::{self, AsOf, Layout, Outcome, Trust};
use eds::revocation::{NotChecked, Revocation};
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
        ..Default::default()
    }
}

fn container(name: &str) -> eds::KeyContainer {
    eds::open(&read(&minted().join(name)), Zeroizing::new("Qwerty12".into())).unwrap()
}

#[test]
fn kalkans_signatures_verify_for_both_signers_rsa_and_gost() {
    // NCA's RSA test root is not published with these files: its test CA is the anchor. The
    // GOST signer's certificate chains to NCA's GOST test root through its 2022 test CA.
    let trust = Trust {
        anchors: [&fixtures().join("ca/nca_rsa_test.crt"), &fixtures().join("ca/root_test_gost_2022.cer")]
            .iter()
            .flat_map(|p| eds::der_values(&read(p)))
            .collect(),
        intermediates: eds::der_values(&read(&fixtures().join("ca/nca_gost2022_test.cer"))),
        crls: [&fixtures().join("crl/nca_rsa_test.crl"), &fixtures().join("crl/nca_gost2022_test.crl")]
            .iter()
            .flat_map(|p| eds::der_values(&read(p)))
            .collect(),
        // While the RSA test CA's CRL was current (it was issued 2022-03-29, next update
        // 2022-09-25); the GOST CA's CRL runs 2026-08-11 to 2027-02-07.
        now: Some(Utc.with_ymd_and_hms(2022, 9, 20, 0, 0, 0).unwrap()),
        ..Default::default()
    };
    let one_signer = read(&fixtures().join("cms/signed_cms_one_signer.der"));
    // Kalkan made these on 2022-09-28, after the RSA signer's certificate ended (2022-01-18):
    // judged at the signing time they carry, that certificate had expired, and that is said.
    let at_signing = cms::verify(&one_signer, None, &trust, AsOf::SigningTime { fallback: Utc::now() }).unwrap();
    assert_eq!(at_signing.signers[0].outcome, Outcome::Expired);
    assert_eq!(at_signing.signers[0].signing_time, Some(Utc.with_ymd_and_hms(2022, 9, 28, 14, 40, 30).unwrap()));
    // As of a day the certificate was valid, everything checks: digest, signature, chain, CRL.
    let then = AsOf::At(Utc.with_ymd_and_hms(2021, 6, 1, 0, 0, 0).unwrap());
    let one = cms::verify(&one_signer, None, &trust, then).unwrap();
    assert!(one.attached);
    assert_eq!(one.signers.len(), 1);
    assert_eq!(one.signers[0].outcome, Outcome::Valid);
    match &one.signers[0].revocation {
        Some(Revocation::Crl { next_update, delta: None, .. }) => {
            assert_eq!(*next_update, Some(Utc.with_ymd_and_hms(2022, 9, 25, 4, 18, 29).unwrap()))
        }
        other => panic!("checked by the RSA CA's CRL: {other:?}"),
    }
    // Today that CRL is long past its next update: revocation is not checked, and that is said.
    let today = Trust { now: Some(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()), ..trust.clone() };
    let stale = cms::verify(&one_signer, None, &today, then).unwrap();
    assert_eq!(stale.signers[0].outcome, Outcome::RevocationNotChecked);
    assert!(
        matches!(&stale.signers[0].revocation, Some(Revocation::NotChecked { reason: NotChecked::Stale { .. }, .. })),
        "{:?}",
        stale.signers[0].revocation
    );
    // Without any CRL of the signer's CA: not checked either, for want of a source.
    let no_crl = Trust { crls: Vec::new(), ..trust.clone() };
    let bare = cms::verify(&one_signer, None, &no_crl, then).unwrap();
    assert_eq!(bare.signers[0].outcome, Outcome::RevocationNotChecked);
    assert!(matches!(&bare.signers[0].revocation, Some(Revocation::NotChecked { reason: NotChecked::NoSource, .. })));
    assert_eq!(one.signers[0].profile.as_ref().unwrap().iin.as_deref(), Some("123456789011"));

    // The two-signer files: the GOST signer (certificate 2022-07-28 to 2023-07-28) is valid at its
    // signing time; the RSA signer as of a day within its certificate.
    let at_signing = AsOf::SigningTime { fallback: Utc::now() };
    for (file, content) in [("cms/signed_cms.der", None), ("cms/signed_detached_cms.der", Some(&b"test123"[..]))] {
        let cms_bytes = read(&fixtures().join(file));
        for (as_of, expected, trust) in
            [(at_signing, KeyAlgorithm::Gost2015, &today), (then, KeyAlgorithm::Rsa, &trust)]
        {
            let report = cms::verify(&cms_bytes, content, trust, as_of).unwrap();
            assert_eq!(report.signers.len(), 2, "{file}");
            let signer = report
                .signers
                .iter()
                .find(|s| s.profile.as_ref().map(|p| p.key_algorithm.clone()) == Some(expected.clone()))
                .unwrap();
            assert_eq!(signer.outcome, Outcome::Valid, "{file} {expected:?}");
        }
        // Flipping any byte of the GOST signer's signed attributes or signature value breaks it.
        let gost_at = |bytes: &[u8]| {
            let report = cms::verify(bytes, content, &today, at_signing).unwrap();
            let s = report
                .signers
                .iter()
                .find(|s| s.profile.as_ref().map(|p| p.key_algorithm.clone()) == Some(KeyAlgorithm::Gost2015));
            s.unwrap().outcome.clone()
        };
        // The GOST signer's signature value follows its algorithm (GOST 34.10-2015 512, NULL) as a
        // 128-byte OCTET STRING; its messageDigest is the one 64 bytes long; it is the first signer,
        // so the first signingTime attribute is its own.
        let signature =
            find(&cms_bytes, &hex("060A2A830E030A01010203020500048180")).expect("the GOST signature value") + 17;
        let digest_attr = find(&cms_bytes, &hex("06092A864886F70D010904314204")).expect("the GOST message digest") + 14;
        let time_attr = find(&cms_bytes, &hex("06092A864886F70D010905310F170D")).expect("the GOST signing time") + 15;
        for (at, what) in
            [(signature, "signature"), (signature + 127, "signature's last byte"), (time_attr + 3, "signing time")]
        {
            let mut bad = cms_bytes.clone();
            bad[at] ^= 0x01;
            assert_eq!(gost_at(&bad), Outcome::BrokenSignature, "{file}: {what}");
        }
        let mut bad = cms_bytes.clone();
        bad[digest_attr + 5] ^= 0x01;
        assert_eq!(gost_at(&bad), Outcome::Tampered, "{file}: message digest attribute");
    }
    // Other content under the detached signature: both signers say tampered.
    let report =
        cms::verify(&read(&fixtures().join("cms/signed_detached_cms.der")), Some(b"test124"), &trust, then).unwrap();
    assert!(report.signers.iter().all(|s| s.outcome == Outcome::Tampered), "{:?}", report.signers);
    // A flipped byte of the attached content: both signers say tampered.
    let mut attached = read(&fixtures().join("cms/signed_cms.der"));
    let at = find(&attached, b"test123").unwrap();
    attached[at + 6] ^= 0x01;
    let report = cms::verify(&attached, None, &trust, then).unwrap();
    assert!(report.signers.iter().all(|s| s.outcome == Outcome::Tampered), "{:?}", report.signers);
    assert_eq!(
        cms::verify(&read(&fixtures().join("cms/signed_detached_cms.der")), None, &trust, then).unwrap_err(),
        EdsError::DetachedWithoutContent
    );
    // Without the test CAs trusted, the same signatures are not trusted.
    let untrusted = cms::verify(&one_signer, None, &Trust::default(), then);
    assert_eq!(untrusted.unwrap().signers[0].outcome, Outcome::UntrustedChain);
}

/// pyHanko's verdict (tests/readers/pyhanko_check.py) on a signature made with the minted PKI:
/// (intact, trusted, revoked, bottom line).
fn pyhanko(sig: &Path, content: Option<&Path>) -> (bool, bool, bool, bool) {
    let d = minted();
    let python = std::env::var("SELLER_DESK_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut cmd = std::process::Command::new(python);
    cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/readers/pyhanko_check.py")).arg(sig);
    if let Some(c) = content {
        cmd.arg("--content").arg(c);
    }
    cmd.arg("--trust").arg(d.join("root.pem")).arg("--other").arg(d.join("ca.pem"));
    cmd.arg("--crl").arg(d.join("ca.crl")).arg("--crl").arg(d.join("root.crl"));
    let out = cmd.output().expect("python with pyHanko (cargo xtask test installs it)");
    assert!(out.status.success(), "pyhanko_check.py: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let b = |k: &str| v[k].as_bool().unwrap_or_else(|| panic!("{k} in {v}"));
    (b("intact"), b("trusted"), b("revoked"), b("bottom_line"))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
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
        // pyHanko, the second independent verifier, with the same roots, CA and CRLs.
        let detached = (layout == Layout::Detached).then_some(file.as_path());
        assert_eq!(pyhanko(&sig_path, detached), (true, true, false, true), "pyHanko on {layout:?}");

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
            let (intact, _, _, bottom_line) = pyhanko(&sig_path, Some(&other));
            assert!(!intact && !bottom_line, "pyHanko sees the changed byte");
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
    // pyHanko, with the same CRLs, calls it revoked as well.
    let (intact, trusted, revoked, bottom_line) = pyhanko(&sig_path, None);
    assert!(intact && revoked && !trusted && !bottom_line, "pyHanko on the revoked key's signature");

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
