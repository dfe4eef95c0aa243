//! Revocation and timestamps against OpenSSL as the other side: CRLs it issues (a forged one,
//! a stale one, a delta one), answers of its OCSP responder (`openssl ocsp` over an index file)
//! for good, revoked and unknown certificates, and tokens of its TSA (`openssl ts -reply`),
//! which `openssl ts -verify` then reads back out of our signatures.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use eds::cms::{self, AsOf, Layout, Outcome, Trust};
use eds::crl::{self, CrlError};
use eds::ocsp::{self, OcspError, Status};
use eds::revocation::{NotChecked, Revocation};
use eds::tsp::{self, TspError};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

fn openssl_in(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// One minted NCA-like RSA PKI (root → CA → head, person, revoked, TSA) for this file.
fn minted() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mint-test-pki.sh");
        let out = Command::new("bash").arg(&script).arg(dir.path()).output().expect("bash runs the minting script");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        // The OCSP responder's index: what the CA's database says (the revoked key), plus the
        // head's key as valid; the person's key is not in it (unknown to the responder).
        let d = dir.path();
        std::fs::create_dir_all(d.join("db_ocsp")).unwrap();
        std::fs::copy(d.join("db_ca/index.txt"), d.join("db_ocsp/index.txt")).unwrap();
        std::fs::copy(d.join("db_ca/crlnumber"), d.join("db_ocsp/crlnumber")).unwrap();
        let cnf = std::fs::read_to_string(d.join("db_ca/ca.cnf")).unwrap().replace("db_ca", "db_ocsp");
        std::fs::write(d.join("db_ocsp/ca.cnf"), cnf).unwrap();
        openssl_in(
            d,
            &["ca", "-config", "db_ocsp/ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-valid", "head.pem"],
        );
        dir
    })
    .path()
}

fn der(kind: &str, name: &str) -> Vec<u8> {
    openssl_in(minted(), &[kind, "-in", name, "-outform", "DER"])
}

fn trust(crls: &[&str]) -> Trust {
    Trust {
        anchors: vec![der("x509", "root.pem")],
        intermediates: vec![der("x509", "ca.pem")],
        crls: crls.iter().map(|c| der("crl", c)).collect(),
        ..Default::default()
    }
}

fn container(name: &str) -> eds::KeyContainer {
    eds::open(&std::fs::read(minted().join(name)).unwrap(), Zeroizing::new("Qwerty12".into())).unwrap()
}

fn signed_by(name: &str) -> Vec<u8> {
    let at = Utc.timestamp_opt(Utc::now().timestamp(), 0).unwrap();
    cms::sign(&container(name), b"dispute letter", Layout::Attached, at).unwrap()
}

fn verdict(sig: &[u8], trust: &Trust) -> cms::SignerReport {
    let report = cms::verify(sig, None, trust, AsOf::SigningTime { fallback: Utc::now() }).unwrap();
    report.signers.into_iter().next().unwrap()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn work() -> PathBuf {
    let dir = minted().join(format!("work-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_crl_counts_only_when_its_issuer_signed_it() {
    let ca_crl = der("crl", "ca.crl");
    let parsed = crl::parse(&ca_crl).unwrap();
    let cas = [der("x509", "root.pem"), der("x509", "ca.pem")];
    assert_eq!(crl::issuer_among(&parsed, &cas).unwrap(), &cas[1]);
    assert_eq!(parsed.entries.len(), 1, "the revoked key");

    // The revoked certificate's serial altered: the signature no longer checks.
    let serial = parsed.entries[0].serial.clone();
    let at = ca_crl.windows(serial.len()).position(|w| w == serial.as_slice()).unwrap();
    let mut forged = ca_crl.clone();
    forged[at + serial.len() - 1] ^= 0x01;
    let forged_crl = crl::parse(&forged).unwrap();
    assert!(matches!(crl::issuer_among(&forged_crl, &cas), Err(CrlError::BadSignature(_))));
    // A CRL of a CA not in the trust store: its issuer is unknown.
    assert!(matches!(crl::issuer_among(&parsed, &cas[..1]), Err(CrlError::UnknownIssuer(_))));
    assert_eq!(crl::parse(b"not a crl").unwrap_err(), CrlError::NotACrl);

    // Given only the forged CRL, the revoked key's signature is not "valid": revocation is not
    // checked (the forged list does not count) — and with the genuine one it is revoked.
    let sig = signed_by("revoked.p12");
    let forged_trust = Trust { crls: vec![forged, der("crl", "root.crl")], ..trust(&[]) };
    assert_eq!(verdict(&sig, &forged_trust).outcome, Outcome::RevocationNotChecked);
    assert!(matches!(verdict(&sig, &trust(&["ca.crl", "root.crl"])).outcome, Outcome::Revoked { .. }));
    // The head's key with the genuine CRLs: valid, checked by the CA's CRL.
    let head = verdict(&signed_by("head.p12"), &trust(&["ca.crl", "root.crl"]));
    assert_eq!(head.outcome, Outcome::Valid);
    assert!(matches!(head.revocation, Some(Revocation::Crl { delta: None, .. })), "{:?}", head.revocation);
    // No CRL at all: not checked, for want of a source; past the CRL's next update: stale.
    let bare = verdict(&signed_by("head.p12"), &trust(&[]));
    assert_eq!(bare.outcome, Outcome::RevocationNotChecked);
    assert!(matches!(bare.revocation, Some(Revocation::NotChecked { reason: NotChecked::NoSource, .. })));
    let later = Trust { now: Some(Utc::now() + Duration::days(45)), ..trust(&["ca.crl", "root.crl"]) };
    let stale = verdict(&signed_by("head.p12"), &later);
    assert_eq!(stale.outcome, Outcome::RevocationNotChecked);
    assert!(matches!(stale.revocation, Some(Revocation::NotChecked { reason: NotChecked::Stale { .. }, .. })));
}

#[test]
fn a_delta_crl_revokes_on_top_of_its_base() {
    let d = minted();
    // A CA database of its own: a full CRL listing nothing, then the key revoked and a delta.
    let db = d.join("db_delta");
    std::fs::create_dir_all(&db).unwrap();
    std::fs::write(db.join("index.txt"), "").unwrap();
    std::fs::write(db.join("crlnumber"), "2000\n").unwrap();
    let cnf = std::fs::read_to_string(d.join("db_ca/ca.cnf")).unwrap().replace("db_ca", "db_delta");
    std::fs::write(db.join("ca.cnf"), cnf).unwrap();
    let ca = ["-config", "db_delta/ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem"];
    openssl_in(d, &[&["ca"][..], &ca, &["-gencrl", "-out", "base.crl"]].concat());
    openssl_in(d, &[&["ca"][..], &ca, &["-revoke", "revoked.pem", "-crl_reason", "keyCompromise"]].concat());
    openssl_in(d, &[&["ca"][..], &ca, &["-gencrl", "-out", "full2.crl"]].concat());
    openssl_in(d, &["crl", "-in", "base.crl", "-gendelta", "full2.crl", "-key", "ca.key", "-out", "delta.crl"]);

    let delta = crl::parse(&der("crl", "delta.crl")).unwrap();
    assert_eq!(delta.delta_base.as_deref(), Some(&[0x20, 0x00][..]), "builds on CRL 2000");
    assert_eq!(delta.entries.len(), 1);

    let sig = signed_by("revoked.p12");
    // The base alone does not list the key: valid, checked by that CRL.
    assert_eq!(verdict(&sig, &trust(&["base.crl", "root.crl"])).outcome, Outcome::Valid);
    // With the delta: revoked, established by the delta.
    let with_delta = verdict(&sig, &trust(&["base.crl", "delta.crl", "root.crl"]));
    assert!(matches!(with_delta.outcome, Outcome::Revoked { .. }), "{with_delta:?}");
    assert!(matches!(with_delta.revocation, Some(Revocation::Crl { delta: Some(_), .. })));
    // The base past its next update, the delta current: the head's key is checked by both.
    let base_stale = Trust {
        now: Some(Utc::now() + Duration::days(45)),
        crls: vec![der("crl", "base.crl"), make_delta_lasting(d, 90)],
        ..trust(&[])
    };
    let head = verdict(&signed_by("head.p12"), &base_stale);
    assert_eq!(head.outcome, Outcome::Valid, "{head:?}");
    assert!(matches!(head.revocation, Some(Revocation::Crl { delta: Some(_), .. })));
}

/// A delta CRL over base.crl whose next update is `days` away.
fn make_delta_lasting(d: &Path, days: u32) -> Vec<u8> {
    let cnf = std::fs::read_to_string(d.join("db_delta/ca.cnf")).unwrap().replace("default_crl_days=30", "");
    std::fs::write(d.join("db_delta/long.cnf"), cnf).unwrap();
    let days = days.to_string();
    let ca = ["-config", "db_delta/long.cnf", "-keyfile", "ca.key", "-cert", "ca.pem"];
    openssl_in(d, &[&["ca"][..], &ca, &["-gencrl", "-crldays", &days, "-out", "full3.crl"]].concat());
    openssl_in(d, &["crl", "-in", "base.crl", "-gendelta", "full3.crl", "-key", "ca.key", "-out", "delta3.crl"]);
    der("crl", "delta3.crl")
}

/// The answer of OpenSSL's OCSP responder to our request for `cert`, signed by `signer`.
fn ocsp_answer(cert: &str, signer: (&str, &str), extra: &[&str]) -> (Vec<u8>, Vec<u8>) {
    ocsp_answer_from("db_ocsp/index.txt", cert, signer, extra)
}

fn ocsp_answer_from(index: &str, cert: &str, signer: (&str, &str), extra: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let dir = work();
    let nonce: [u8; 16] =
        Sha256::digest(format!("{index}{cert}{}{extra:?}", signer.0)).as_slice()[..16].try_into().unwrap();
    let request = ocsp::request(&der("x509", cert), &der("x509", "ca.pem"), &nonce).unwrap();
    let req = dir.join(format!("{cert}.req"));
    let resp = dir.join(format!("{}.resp", hex(&nonce)));
    std::fs::write(&req, request).unwrap();
    let args = [
        &[
            "ocsp",
            "-index",
            index,
            "-CA",
            "ca.pem",
            "-rsigner",
            signer.0,
            "-rkey",
            signer.1,
            "-reqin",
            req.to_str().unwrap(),
            "-respout",
            resp.to_str().unwrap(),
        ][..],
        extra,
    ]
    .concat();
    openssl_in(minted(), &args);
    (std::fs::read(resp).unwrap(), nonce.to_vec())
}

#[test]
fn ocsp_answers_of_a_real_responder_for_good_revoked_and_unknown_keys() {
    let (ca, now) = (der("x509", "ca.pem"), Utc::now());
    let check = |cert: &str, answer: &[u8], nonce: &[u8], at: DateTime<Utc>| {
        ocsp::check(answer, &der("x509", cert), &ca, nonce, at)
    };
    let (good, nonce) = ocsp_answer("head.pem", ("ca.pem", "ca.key"), &["-ndays", "1"]);
    let (response, responder) = check("head.pem", &good, &nonce, now).unwrap();
    assert_eq!(response.status, Status::Good);
    assert!(responder.contains("ҰЛТТЫҚ"), "{responder}");
    let (revoked, rnonce) = ocsp_answer("revoked.pem", ("ca.pem", "ca.key"), &["-ndays", "1"]);
    assert!(matches!(check("revoked.pem", &revoked, &rnonce, now).unwrap().0.status, Status::Revoked(_)));
    let (unknown, unonce) = ocsp_answer("person.pem", ("ca.pem", "ca.key"), &["-ndays", "1"]);
    assert_eq!(check("person.pem", &unknown, &unonce, now).unwrap().0.status, Status::Unknown);

    // Refusals: about another key, another nonce (a replay), stale, tampered, not authorised.
    assert_eq!(check("revoked.pem", &good, &nonce, now).err().unwrap(), OcspError::NotAbout);
    assert_eq!(check("head.pem", &good, b"another nonce", now).err(), Some(OcspError::NonceMismatch));
    assert!(matches!(check("head.pem", &good, &nonce, now + Duration::days(2)), Err(OcspError::Stale { .. })));
    let (bare, bnonce) = ocsp_answer("head.pem", ("ca.pem", "ca.key"), &["-ndays", "1", "-resp_no_certs"]);
    let mut tampered = bare.clone();
    *tampered.last_mut().unwrap() ^= 0x01;
    assert_eq!(check("head.pem", &tampered, &bnonce, now).err().unwrap(), OcspError::BadSignature);
    // Signed by the head's key: issued by the CA, but not for OCSP signing.
    let (stranger, snonce) = ocsp_answer("head.pem", ("head.pem", "head.key"), &["-ndays", "1"]);
    assert_eq!(check("head.pem", &stranger, &snonce, now).err().unwrap(), OcspError::UntrustedResponder);

    // Kept answers decide the verdict, without any CRL.
    let with = |answer: &[u8]| Trust { ocsp: vec![answer.to_vec()], ..trust(&["root.crl"]) };
    let head = verdict(&signed_by("head.p12"), &with(&good));
    assert_eq!(head.outcome, Outcome::Valid);
    assert!(matches!(head.revocation, Some(Revocation::Ocsp { .. })), "{:?}", head.revocation);
    assert!(matches!(verdict(&signed_by("revoked.p12"), &with(&revoked)).outcome, Outcome::Revoked { .. }));
    // An answer about another key says nothing of this one; "unknown" about this one is said.
    let about_other = verdict(&signed_by("head.p12"), &with(&unknown));
    assert!(matches!(about_other.revocation, Some(Revocation::NotChecked { reason: NotChecked::NoSource, .. })));
    let (head_unknown, _) = ocsp_answer_from("db_ca/index.txt", "head.pem", ("ca.pem", "ca.key"), &["-ndays", "1"]);
    let unknown_for_head = verdict(&signed_by("head.p12"), &with(&head_unknown));
    assert_eq!(unknown_for_head.outcome, Outcome::RevocationNotChecked);
    assert!(matches!(
        unknown_for_head.revocation,
        Some(Revocation::NotChecked { reason: NotChecked::UnknownToResponder, .. })
    ));
    // A kept answer that was tampered with counts for nothing.
    let tampered_kept = verdict(&signed_by("head.p12"), &with(&tampered));
    assert_eq!(tampered_kept.outcome, Outcome::RevocationNotChecked);
}

/// A TSA configuration for `openssl ts -reply` signing with `cert`/`key`.
fn ts_config(dir: &Path, cert: &Path, key: &Path) -> PathBuf {
    let cnf = dir.join(format!("ts-{}.cnf", cert.file_stem().unwrap().to_string_lossy()));
    std::fs::write(dir.join("tsaserial"), "01\n").unwrap();
    std::fs::write(
        &cnf,
        format!(
            "[tsa]\ndefault_tsa = tsa1\n[tsa1]\nserial = {serial}\nsigner_cert = {cert}\nsigner_key = {key}\n\
             signer_digest = sha256\ndefault_policy = 1.2.398.3.3.2.6\ndigests = sha256\naccuracy = secs:1\n\
             ordering = no\ntsa_name = no\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
            serial = dir.join("tsaserial").display(),
            cert = cert.display(),
            key = key.display(),
        ),
    )
    .unwrap();
    cnf
}

/// OpenSSL's TSA's reply to our request over `signature_value`.
fn stamp(signature_value: &[u8], nonce: u64, config: &Path) -> Vec<u8> {
    let dir = work();
    let (q, r) = (dir.join(format!("{nonce}.tsq")), dir.join(format!("{nonce}.tsr")));
    std::fs::write(&q, tsp::request(signature_value, nonce)).unwrap();
    openssl_in(
        &dir,
        &[
            "ts",
            "-reply",
            "-config",
            config.to_str().unwrap(),
            "-queryfile",
            q.to_str().unwrap(),
            "-out",
            r.to_str().unwrap(),
        ],
    );
    std::fs::read(r).unwrap()
}

#[test]
fn timestamps_from_a_real_tsa_are_put_into_signatures_and_checked() {
    let d = minted();
    let dir = work();
    let config = ts_config(&dir, &d.join("tsa.pem"), &d.join("tsa.key"));
    let trust = trust(&["ca.crl", "root.crl"]);
    // Signed "an hour ago" by the signer's own clock; stamped now.
    let claimed = Utc.timestamp_opt(Utc::now().timestamp() - 3600, 0).unwrap();
    let sig = cms::sign(&container("head.p12"), b"dispute letter", Layout::Attached, claimed).unwrap();
    let value = cms::signature_values(&sig).remove(0);
    let token = tsp::token_from_reply(&stamp(&value, 77, &config), &value, 77).unwrap();
    assert_eq!(tsp::token_from_reply(&stamp(&value, 78, &config), &value, 79).unwrap_err(), TspError::NonceMismatch);
    let stamped = cms::add_timestamp(&sig, 0, &token).unwrap();
    let report = verdict(&stamped, &trust);
    assert_eq!(report.outcome, Outcome::Valid, "{report:?}");
    let ts = report.timestamp.expect("the timestamp is read");
    assert_eq!(ts.tsa, "TSA LOCAL TEST");
    assert!((ts.time - Utc::now()).num_seconds().abs() < 120 && ts.time > claimed + Duration::minutes(50));
    assert_eq!(report.signing_time, Some(claimed));
    // Stamping twice is refused; the stamped signature otherwise keeps its bytes.
    assert!(cms::add_timestamp(&stamped, 0, &token).is_err());
    assert!(stamped.len() > sig.len() + token.len());

    // OpenSSL reads the token out of our signature and verifies it over the signature value.
    let token_file = dir.join("token.der");
    std::fs::write(&token_file, &token).unwrap();
    let chain = dir.join("chain.pem");
    std::fs::write(
        &chain,
        [std::fs::read(d.join("root.pem")).unwrap(), std::fs::read(d.join("ca.pem")).unwrap()].concat(),
    )
    .unwrap();
    let hex = hex(&Sha256::digest(&value));
    openssl_in(
        &dir,
        &[
            "ts",
            "-verify",
            "-token_in",
            "-in",
            token_file.to_str().unwrap(),
            "-digest",
            &hex,
            "-CAfile",
            chain.to_str().unwrap(),
            "-untrusted",
            d.join("tsa.pem").to_str().unwrap(),
        ],
    );

    // A token over another signature's value, put into this one: refused.
    let other = signed_by("head.p12");
    let other_value = cms::signature_values(&other).remove(0);
    let other_token = tsp::token_from_reply(&stamp(&other_value, 80, &config), &other_value, 80).unwrap();
    let swapped = verdict(&cms::add_timestamp(&sig, 0, &other_token).unwrap(), &trust);
    assert!(matches!(swapped.outcome, Outcome::TimestampInvalid(_)), "{swapped:?}");
    // A TSA no one trusts (its own root): refused.
    let stranger_key = dir.join("stranger.key");
    let stranger = dir.join("stranger.pem");
    openssl_in(
        &dir,
        &["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", stranger_key.to_str().unwrap()],
    );
    openssl_in(
        &dir,
        &[
            "req",
            "-new",
            "-x509",
            "-key",
            stranger_key.to_str().unwrap(),
            "-subj",
            "/CN=STRANGER TSA",
            "-days",
            "30",
            "-addext",
            "extendedKeyUsage=critical,timeStamping",
            "-out",
            stranger.to_str().unwrap(),
        ],
    );
    let stranger_config = ts_config(&dir, &stranger, &stranger_key);
    let untrusted = tsp::token_from_reply(&stamp(&value, 81, &stranger_config), &value, 81).unwrap();
    let refused = verdict(&cms::add_timestamp(&sig, 0, &untrusted).unwrap(), &trust);
    assert!(matches!(&refused.outcome, Outcome::TimestampInvalid(why) if why.contains("not trusted")), "{refused:?}");
}
