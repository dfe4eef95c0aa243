//! Signing and verifying against a real SQLite file, with a minted NCA-like RSA PKI whose
//! certificates carry the shop's own BIN (crates/eds/tests/fixtures/mint-test-pki.sh).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use eds::cms::Layout;
use zeroize::Zeroizing;

use crate::signatures::DocumentToSign;
use crate::*;

const BIN: &str = "971240001315";
const IIN: &str = "880101300090";

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn minted() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../eds/tests/fixtures/mint-test-pki.sh");
        let out = Command::new("bash")
            .arg(script)
            .arg(dir.path())
            .env("IIN", IIN)
            .env("BIN", BIN)
            .output()
            .expect("bash and openssl run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        dir
    })
    .path()
}

fn file(name: &str) -> Vec<u8> {
    std::fs::read(minted().join(name)).unwrap()
}

fn minted_named(prefix: &str) -> PathBuf {
    std::fs::read_dir(minted())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

fn shop(dir: &tempfile::TempDir, tax_id: &str, form: club::profile::LegalForm) -> Desk {
    // The real time: the minted CRLs are current from the moment they are made.
    let mut desk = Desk::open(dir.path(), SystemClock).unwrap();
    desk.create_shop(crate::dto::NewShopDto {
        legal_form: form,
        tax_id: tax_id.into(),
        name: "Dala LLP".into(),
        outlet: club::profile::OutletDraft { name: "A".into(), city: "Almaty".into(), address: "1".into() },
        joined_on: d("2026-01-10"),
        owner: crate::people::NewOwnerDto { name: "Әсем".into(), pin: "482915".into() },
    })
    .unwrap();
    desk
}

fn pw() -> Zeroizing<String> {
    Zeroizing::new("Qwerty12".into())
}

fn letter() -> DocumentToSign<'static> {
    DocumentToSign {
        content: b"%PDF-1.7 dispute letter",
        file_name: "letter.pdf",
        title: "Dispute letter",
        kind: "dispute_letter",
    }
}

#[test]
fn the_heads_key_signs_for_the_llp_and_the_archive_keeps_the_verified_signature() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = shop(&dir, BIN, club::profile::LegalForm::LegalEntity);
    // Before the CA is trusted the signature is made but not trusted.
    let head = std::fs::read(minted_named("RSA256_")).unwrap();
    let info = desk.key_info(&head, pw()).unwrap();
    assert_eq!((info.purpose.as_str(), info.bin.as_deref(), info.role.as_str()), ("sign", Some(BIN), "head"));
    let first = desk.sign_document(&letter(), &head, pw(), Layout::Detached).unwrap();
    assert_eq!(first.verification.signers[0].outcome, "untrusted_chain");

    desk.trust_add(&file("root.pem"), false).unwrap();
    desk.trust_add(&file("ca.pem"), true).unwrap();
    assert_eq!(desk.trust_crl_add(&file("ca.crl")).unwrap(), "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) LOCAL TEST");
    let signed = desk.sign_document(&letter(), &head, pw(), Layout::Attached).unwrap();
    assert!(signed.verification.valid, "{:?}", signed.verification);
    let again = desk.verify_signature(&signed.cms, None, None).unwrap();
    assert!(again.valid && again.attached);
    assert_eq!(again.signers[0].signer.as_ref().unwrap().bin.as_deref(), Some(BIN));

    let docs = desk.store.read().documents().unwrap();
    assert_eq!(docs.len(), 1, "the same letter signed twice is one document");
    let sigs = desk.store.read().signatures(signed.document_id).unwrap();
    let outcomes: Vec<&str> = sigs.iter().map(|s| s.outcome.as_str()).collect();
    assert_eq!(outcomes, vec!["untrusted_chain", "valid"], "each signature with its verdict when made");
    // Changed bytes are another document; the first stays as it was.
    let v2 = DocumentToSign { content: b"%PDF-1.7 dispute letter, corrected", ..letter() };
    let second = desk.sign_document(&v2, &head, pw(), Layout::Detached).unwrap();
    assert_ne!(second.document_id, signed.document_id);
    assert_eq!(desk.store.read().documents().unwrap().len(), 2);
}

#[test]
fn signing_is_refused_for_a_revoked_an_auth_a_strangers_key_and_a_wrong_password() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = shop(&dir, BIN, club::profile::LegalForm::LegalEntity);
    desk.trust_add(&file("root.pem"), false).unwrap();
    desk.trust_add(&file("ca.pem"), true).unwrap();
    desk.trust_crl_add(&file("ca.crl")).unwrap();
    let code = |r: Result<signatures::Signed, ApiError>| r.unwrap_err().code;
    assert_eq!(
        code(desk.sign_document(&letter(), &file("revoked.p12"), pw(), Layout::Attached)),
        ErrorCode::EdsKeyRevoked
    );
    let auth = std::fs::read(minted_named("AUTH_RSA256_")).unwrap();
    assert_eq!(code(desk.sign_document(&letter(), &auth, pw(), Layout::Attached)), ErrorCode::EdsAuthKey);
    let head = std::fs::read(minted_named("RSA256_")).unwrap();
    assert_eq!(
        code(desk.sign_document(&letter(), &head, Zeroizing::new("qwerty12".into()), Layout::Attached)),
        ErrorCode::EdsWrongPassword
    );
    assert!(desk.store.read().documents().unwrap().is_empty(), "nothing kept from a refused signing");

    // An entrepreneur with another IIN: the head's key is not this seller's.
    let other = tempfile::tempdir().unwrap();
    let mut entrepreneur = shop(&other, "880101300090", club::profile::LegalForm::IndividualEntrepreneur);
    assert_eq!(code(entrepreneur.sign_document(&letter(), &head, pw(), Layout::Attached)), ErrorCode::EdsNotSellersKey);
}

#[test]
fn the_trust_store_takes_only_ca_certificates_and_test_cas_count_only_in_test_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = shop(&dir, BIN, club::profile::LegalForm::LegalEntity);
    assert_eq!(desk.trust_add(&file("head.pem"), false).unwrap_err().code, ErrorCode::TrustNotACa);
    // The CA before its root: it chains to nothing trusted, and that is said.
    let unchained = desk.trust_add(&file("ca.pem"), false).unwrap_err();
    assert_eq!(unchained.code, ErrorCode::TrustUnchained);
    assert!(unchained.message.contains("НЕГІЗГІ"), "names the issuer to add first: {}", unchained.message);
    assert_eq!(desk.trust_add(b"hello", false).unwrap_err().code, ErrorCode::TrustNotACertificate);
    assert_eq!(desk.trust_crl_add(&file("root.pem")).unwrap_err().code, ErrorCode::TrustCrlIsCertificate);
    assert_eq!(desk.trust_crl_add(b"not a list at all").unwrap_err().code, ErrorCode::TrustNotACrl);
    // A CRL of a CA not trusted is refused; so is a forged one (a revoked serial altered).
    assert_eq!(desk.trust_crl_add(&file("ca.crl")).unwrap_err().code, ErrorCode::TrustCrlIssuerUnknown);
    assert!(desk.trust_list().unwrap().is_empty());
    // A root given as an intermediate: the certificate says what it is.
    assert_eq!(desk.trust_add(&file("root.pem"), true).unwrap_err().code, ErrorCode::TrustRootNotSelfSigned);
    assert_eq!(desk.trust_add(&file("root.pem"), false).unwrap().role, "root");
    assert_eq!(desk.trust_add(&file("ca.pem"), false).unwrap().role, "intermediate", "told apart by itself");
    let crl = eds::der_values(&file("ca.crl")).remove(0);
    let serial = eds::crl::parse(&crl).unwrap().entries[0].serial.clone();
    let at = crl.windows(serial.len()).position(|w| w == serial.as_slice()).unwrap();
    let mut forged = crl.clone();
    forged[at + serial.len() - 1] ^= 0x01;
    assert_eq!(desk.trust_crl_add(&forged).unwrap_err().code, ErrorCode::TrustCrlForged);
    assert!(desk.store.read().trust_crls().unwrap().is_empty(), "nothing of a refused CRL is kept");
    desk.trust_crl_add(&file("ca.crl")).unwrap();
    assert_eq!(desk.store.read().trust_crls().unwrap(), vec![crl]);
    let desk_trust = desk.trust_list().unwrap();
    assert_eq!(desk_trust.len(), 2);
    // The window lists the CRL kept: its CA, days and how many it revokes (the minted CA revokes one).
    desk.trust_crl_add(&file("ca.crl")).unwrap();
    let crls = desk.trust_overview().unwrap().crls;
    assert_eq!(crls.len(), 1, "the same CRL twice is listed once: {crls:?}");
    assert_eq!(crls[0].issuer, "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) LOCAL TEST");
    assert!(crls[0].current && !crls[0].delta && crls[0].revoked >= 1, "{crls:?}");
    assert!(crls[0].next_update.as_deref() > Some(crls[0].this_update.as_str()));
    // Start again without them for what follows.
    let dir = tempfile::tempdir().unwrap();
    let mut desk = shop(&dir, BIN, club::profile::LegalForm::LegalEntity);

    let kalkan = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../eds/tests/fixtures/nca-test/cms/signed_cms_one_signer.der"),
    )
    .unwrap();
    let valid_day = Some(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2021, 6, 1, 0, 0, 0).unwrap());
    assert_eq!(desk.verify_signature(&kalkan, None, valid_day).unwrap().signers[0].outcome, "untrusted_chain");
    assert!(desk.set_test_mode(true).unwrap());
    // Trusted in test mode; but NCA's test CRL for that CA ended on 2022-09-25: revocation is
    // not checked, and said so rather than "valid".
    let in_test_mode = desk.verify_signature(&kalkan, None, valid_day).unwrap();
    assert!(!in_test_mode.valid);
    assert_eq!(in_test_mode.signers[0].outcome, "revocation_not_checked");
    assert_eq!(in_test_mode.signers[0].revocation.as_ref().unwrap().reason.as_deref(), Some("stale"));
    desk.set_test_mode(false).unwrap();
    assert!(!desk.test_mode().unwrap());
    // Each change of the test-keys mode and of the timestamps is in the audit trail; saving the
    // same value again is not a change.
    desk.set_timestamps(false, "https://tsa.example.kz/tsp").unwrap();
    desk.set_timestamps(false, "https://tsa.example.kz/tsp").unwrap();
    let changes: Vec<(String, Option<String>)> = desk
        .store
        .read()
        .audit_log()
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == "setting")
        .map(|e| {
            let after = e.after.map(|a| serde_json::from_str::<serde_json::Value>(&a).unwrap()["value"].to_string());
            (e.entity_id, after)
        })
        .collect();
    let value = |v: &str| Some(format!("{v:?}"));
    assert_eq!(
        changes,
        [
            ("test_keys_mode".to_string(), value("on")),
            ("test_keys_mode".to_string(), value("off")),
            ("timestamps".to_string(), value("off")),
            ("tsa_url".to_string(), value("https://tsa.example.kz/tsp")),
        ]
    );
    assert!(desk.store.read().verify_audit().unwrap().is_ok());
}

fn nca_test_key(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../eds/tests/fixtures/nca-test/gost2015").join(name))
        .unwrap()
}

fn new_llp(desk: &mut Desk, tax_id: &str) -> Result<crate::dto::OverviewDto, ApiError> {
    desk.create_shop(crate::dto::NewShopDto {
        legal_form: club::profile::LegalForm::LegalEntity,
        tax_id: tax_id.into(),
        name: "АО ТЕСТ".into(),
        outlet: club::profile::OutletDraft { name: "A".into(), city: "Almaty".into(), address: "1".into() },
        joined_on: d("2026-01-10"),
        owner: crate::people::NewOwnerDto { name: "Әсем".into(), pin: "482915".into() },
    })
}

/// NCA's own GOST test containers as the seller's keys: only in test-keys mode may the profile
/// hold NCA's test BIN, it is marked as test data, the head's key signs (GOST, valid), and an
/// individual's key (no BIN) is refused for this LLP.
#[test]
fn in_test_keys_mode_ncas_gost_head_key_signs_for_a_profile_with_ncas_test_bin() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::Local::now().date_naive();
    let mut desk = Desk::open(dir.path(), FixedClock(today)).unwrap();
    let input =
        crate::dto::TaxIdCheckDto { legal_form: club::profile::LegalForm::LegalEntity, tax_id: "123456789021".into() };
    assert_eq!(desk.check_tax_id(&input).unwrap_err().code, ErrorCode::TaxIdCheckDigit);
    assert_eq!(new_llp(&mut desk, "123456789021").unwrap_err().code, ErrorCode::TaxIdCheckDigit);
    assert!(!desk.has_shop().unwrap(), "nothing written");

    desk.set_test_mode(true).unwrap();
    let answer = desk.check_tax_id(&input).unwrap();
    assert_eq!(answer.tax_id, club::ident::TaxId::Bin("123456789021".into()));
    assert!(answer.test_identifier);
    let overview = new_llp(&mut desk, "123456789021").unwrap();
    assert!(overview.test_identifier);
    assert!(desk.status_report().unwrap().test_identifier);

    let signed = desk.sign_document(&letter(), &nca_test_key("legal-valid-head.p12"), pw(), Layout::Detached).unwrap();
    assert!(signed.verification.valid, "{:?}", signed.verification);
    let signer = signed.verification.signers[0].signer.as_ref().unwrap();
    assert_eq!((signer.algorithm.as_str(), signer.bin.as_deref()), ("gost2015", Some("123456789021")));
    let docs = desk.documents().unwrap();
    assert_eq!(docs[0].signatures[0].algorithm, "gost2015");
    assert_eq!(docs[0].signatures[0].outcome, "valid");
    // OpenSSL cannot check GOST; Seller Desk checks the kept signature again from the archive.
    let (_, bytes, cms, _) = desk.signed_files(signed.document_id).unwrap();
    assert!(desk.verify_signature(&cms, Some(&bytes), None).unwrap().valid);

    let refused = desk.sign_document(&letter(), &nca_test_key("individual-valid.p12"), pw(), Layout::Detached);
    assert_eq!(refused.unwrap_err().code, ErrorCode::EdsNotSellersKey);
    let revoked = desk.sign_document(&letter(), &nca_test_key("legal-revoked-head.p12"), pw(), Layout::Attached);
    assert_eq!(revoked.unwrap_err().code, ErrorCode::EdsKeyRevoked);
    assert_eq!(desk.documents().unwrap()[0].signatures.len(), 1, "refusals keep nothing");

    // Turned off again, the profile stays readable and still marked; NCA's test CAs no longer
    // count, so the same signature is not trusted.
    desk.set_test_mode(false).unwrap();
    assert!(desk.overview().unwrap().test_identifier);
    let report = desk.verify_signature(&cms, Some(&bytes), None).unwrap();
    assert_eq!(report.signers[0].outcome, "untrusted_chain");
}

/// A minted PKI whose certificates name CRL addresses on a local HTTP server (the test rewrites
/// the minting script's addresses to 127.0.0.1:PORT), and that server, serving `ca.crl` and
/// `root.crl` by their published names; other names answer 404.
fn pki_with_crl_server() -> (tempfile::TempDir, u16) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let script =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../eds/tests/fixtures/mint-test-pki.sh"))
            .unwrap()
            .replace("http://crl.example.invalid/", &format!("http://127.0.0.1:{port}/"));
    let script_path = dir.path().join("mint.sh");
    std::fs::write(&script_path, script).unwrap();
    let out = Command::new("bash").arg(&script_path).arg(dir.path().join("pki")).env("BIN", BIN).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pki = dir.path().join("pki");
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 2048];
            let n = stream.read(&mut request).unwrap_or(0);
            let request = String::from_utf8_lossy(&request[..n]).into_owned();
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let file = match path {
                "/nca_rsa_local.crl" => Some("ca.crl"),
                "/root_rsa_local.crl" => Some("root.crl"),
                _ => None,
            };
            match file.and_then(|f| std::fs::read(pki.join(f)).ok()) {
                Some(body) => {
                    let head =
                        format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
                }
                None => {
                    let _ =
                        stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                }
            }
        }
    });
    (dir, port)
}

/// Online, the CRLs are downloaded from the addresses the certificates name (the root's from the
/// CA certificate, the CA's from the signer's certificate in the archive): afterwards the revoked
/// key's signature is reported revoked. An address that does not answer is reported as
/// unreachable and changes nothing.
#[test]
fn crls_are_downloaded_from_their_distribution_points_and_an_unreachable_one_changes_nothing() {
    let (pki_dir, port) = pki_with_crl_server();
    let pki = pki_dir.path().join("pki");
    let dir = tempfile::tempdir().unwrap();
    let mut desk = shop(&dir, BIN, club::profile::LegalForm::LegalEntity);
    desk.trust_add(&std::fs::read(pki.join("root.pem")).unwrap(), false).unwrap();
    desk.trust_add(&std::fs::read(pki.join("ca.pem")).unwrap(), true).unwrap();
    let head = std::fs::read_dir(&pki)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("RSA256_"));
    desk.sign_document(&letter(), &std::fs::read(head.unwrap()).unwrap(), pw(), Layout::Detached).unwrap();
    // The revoked key signs a received document: without the CA's CRL nothing says revoked.
    let revoked = eds::open(&std::fs::read(pki.join("revoked.p12")).unwrap(), pw()).unwrap();
    let sig = eds::cms::sign(&revoked, b"notice", Layout::Attached, chrono::Utc::now()).unwrap();
    let before = desk.verify_signature(&sig, None, None).unwrap();
    assert_eq!(before.signers[0].outcome, "revocation_not_checked", "no CRL yet");
    let revocation = before.signers[0].revocation.as_ref().unwrap();
    assert_eq!((revocation.method.as_str(), revocation.reason.as_deref()), ("not_checked", Some("no_source")));

    let addresses = desk.crl_addresses().unwrap();
    let ca_crl = format!("http://127.0.0.1:{port}/nca_rsa_local.crl");
    let root_crl = format!("http://127.0.0.1:{port}/root_rsa_local.crl");
    assert!(addresses.contains(&ca_crl) && addresses.contains(&root_crl), "{addresses:?}");
    let mut asked = addresses.clone();
    // Offline for one address: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    asked.push(format!("http://127.0.0.1:{closed}/nca_gost_2022.crl"));
    asked.push(format!("http://127.0.0.1:{port}/missing.crl"));
    let report = desk.keep_fetched_crls(crate::crls::fetch(&asked)).unwrap();
    assert_eq!(report.kept, 2, "{report:?}");
    assert_eq!(report.unreachable, 2, "{report:?}");
    let unreachable: Vec<&str> =
        report.results.iter().filter(|r| r.problem.as_deref() == Some("unreachable")).map(|r| r.url.as_str()).collect();
    assert!(
        unreachable.iter().all(|u| u.ends_with("nca_gost_2022.crl") || u.ends_with("missing.crl")),
        "{unreachable:?}"
    );

    let after = desk.verify_signature(&sig, None, None).unwrap();
    assert_eq!(after.signers[0].outcome, "revoked");
    // Fetching again is harmless.
    let again = desk.keep_fetched_crls(crate::crls::fetch(&[ca_crl])).unwrap();
    assert_eq!(again.kept, 1);
}

/// The exit completion statement is signed where it lies in the archive: its signature joins it.
#[test]
fn the_exit_completion_statement_is_signed_in_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = shop(&dir, BIN, club::profile::LegalForm::LegalEntity);
    let today = chrono::Local::now().date_naive();
    let start = crate::marks::StartExitDto {
        reason: club::membership::ExitReason::Voluntary,
        started_on: today,
        deadline: today + chrono::Days::new(10),
    };
    let o = desk.start_exit(start).unwrap();
    assert!(o.exit.unwrap().progress.complete, "nothing registered, nothing to take down");
    let id = desk.complete_exit(club::Lang::Ru).unwrap();
    let head = std::fs::read(minted_named("RSA256_")).unwrap();
    let signed = desk.sign_archived_document(id, &head, pw(), Layout::Detached).unwrap();
    assert_eq!(signed.document_id, id, "the same document, now signed");
    let doc = desk.documents().unwrap().into_iter().find(|d| d.id == id).unwrap();
    assert_eq!(doc.kind, "exit_statement");
    assert_eq!(doc.signatures.len(), 1);
    assert_eq!(doc.signatures[0].bin.as_deref(), Some(BIN));
    // Who signed it in Seller Desk (6.8): the owner signed in.
    assert_eq!(doc.signatures[0].recorded_by.as_deref(), Some("Әсем"));
}

/// Serves RFC 3161 requests on 127.0.0.1 with OpenSSL's TSA (`openssl ts -reply`) behind a small
/// HTTP front; returns its port.
fn tsa_front(pki: &Path) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let pki = pki.to_path_buf();
    std::fs::write(pki.join("tsaserial"), "01\n").unwrap();
    let cnf = pki.join("ts.cnf");
    std::fs::write(
        &cnf,
        "[tsa]\ndefault_tsa = tsa1\n[tsa1]\nserial = ./tsaserial\nsigner_cert = ./tsa.pem\nsigner_key = ./tsa.key\n\
         signer_digest = sha256\ndefault_policy = 1.2.398.3.3.2.6\ndigests = sha256\naccuracy = secs:1\n\
         ordering = no\ntsa_name = no\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
    )
    .unwrap();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            let mut got = Vec::new();
            let mut buf = [0u8; 4096];
            let body_at = loop {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break None,
                    Ok(k) => got.extend_from_slice(&buf[..k]),
                }
                if let Some(i) = got.windows(4).position(|w| w == b"\r\n\r\n") {
                    break Some(i + 4);
                }
            };
            let Some(body_at) = body_at else { continue };
            let head = String::from_utf8_lossy(&got[..body_at]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                .unwrap_or(0);
            while got.len() < body_at + length {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => got.extend_from_slice(&buf[..k]),
                }
            }
            let (query, reply) = (pki.join(format!("q{n}.tsq")), pki.join(format!("r{n}.tsr")));
            std::fs::write(&query, &got[body_at..]).unwrap();
            let ok = Command::new("openssl")
                .current_dir(&pki)
                .args(["ts", "-reply", "-config", "ts.cnf", "-queryfile"])
                .arg(&query)
                .arg("-out")
                .arg(&reply)
                .status()
                .is_ok_and(|s| s.success());
            let body = if ok { std::fs::read(&reply).unwrap_or_default() } else { Vec::new() };
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
        }
    });
    port
}

/// OpenSSL's OCSP responder (`openssl ocsp -port`) over the minted CA's index, stopped on drop.
struct Responder(std::process::Child);

impl Drop for Responder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Online: signatures get a timestamp from the TSA (CAdES-T), the archive's signers are asked
/// at their OCSP responder, and the checked answers decide the verdicts — the head's key good
/// (valid, checked by OCSP), the revoked key revoked; without the TSA the signature is made
/// without a timestamp and says why.
#[test]
fn online_ocsp_answers_and_timestamps_come_from_real_openssl_services() {
    let ocsp_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let script =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../eds/tests/fixtures/mint-test-pki.sh"))
            .unwrap()
            .replace("http://ocsp.example.invalid/", &format!("http://127.0.0.1:{ocsp_port}/"));
    let script_path = dir.path().join("mint.sh");
    std::fs::write(&script_path, script).unwrap();
    let pki = dir.path().join("pki");
    let out = Command::new("bash").arg(&script_path).arg(&pki).env("BIN", BIN).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ca = ["-config", "db_ca/ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem"];
    let valid = Command::new("openssl").current_dir(&pki).arg("ca").args(ca).args(["-valid", "head.pem"]).output();
    assert!(valid.unwrap().status.success());
    let mut _responder = Responder(
        Command::new("openssl")
            .current_dir(&pki)
            .args(["ocsp", "-index", "db_ca/index.txt", "-port", &ocsp_port.to_string(), "-rsigner", "ca.pem"])
            .args(["-rkey", "ca.key", "-CA", "ca.pem", "-ndays", "1"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    // Ready once it says where it listens (a probe connection would hold the one-at-a-time
    // responder until it times out).
    let mut said = String::new();
    let stdout = _responder.0.stdout.take().unwrap();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut said).unwrap();
    assert!(said.starts_with("ACCEPT"), "{said}");
    let tsa_port = tsa_front(&pki);

    let data = tempfile::tempdir().unwrap();
    let mut desk = shop(&data, BIN, club::profile::LegalForm::LegalEntity);
    desk.trust_add(&std::fs::read(pki.join("root.pem")).unwrap(), false).unwrap();
    desk.trust_add(&std::fs::read(pki.join("ca.pem")).unwrap(), false).unwrap();
    desk.trust_crl_add(&std::fs::read(pki.join("root.crl")).unwrap()).unwrap();
    assert_eq!(desk.timestamp_settings().unwrap().url, crate::revocation::NCA_TSA, "NCA's TSA by default");
    assert_eq!(desk.set_timestamps(true, "tsp.pki.gov.kz").unwrap_err().code, ErrorCode::TsaAddressInvalid);
    desk.set_timestamps(true, &format!("http://127.0.0.1:{tsa_port}/")).unwrap();

    let head = std::fs::read_dir(&pki)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("RSA256_"))
        .unwrap();
    let head = std::fs::read(head).unwrap();
    let signed = desk.sign_document(&letter(), &head, pw(), Layout::Detached).unwrap();
    assert_eq!(signed.timestamp_problem, None);
    let s = &signed.verification.signers[0];
    assert_eq!(s.timestamp.as_ref().map(|t| t.tsa.as_str()), Some("TSA LOCAL TEST"));
    // No CRL of the CA and no OCSP answer yet: revocation not checked.
    assert_eq!(s.outcome, "revocation_not_checked");
    // The revoked key's signature on a received notice.
    let revoked = eds::open(&std::fs::read(pki.join("revoked.p12")).unwrap(), pw()).unwrap();
    let notice = eds::cms::sign(&revoked, b"notice", Layout::Attached, chrono::Utc::now()).unwrap();
    desk.add_received(&notice, None, "notice.cms", "Notice", "received_notice").unwrap();

    let asks = desk.ocsp_asks().unwrap();
    assert_eq!(asks.len(), 2, "the head's and the revoked key's certificates");
    let checked = desk.keep_ocsp_answers(crate::revocation::ask_ocsp(asks)).unwrap();
    let mut statuses: Vec<(String, Option<String>)> =
        checked.iter().map(|c| (c.holder.clone(), c.status.clone())).collect();
    statuses.sort();
    assert_eq!(
        checked.iter().filter_map(|c| c.detail.clone()).collect::<Vec<_>>(),
        Vec::<String>::new(),
        "every question answered"
    );
    assert_eq!(
        statuses,
        vec![("ОТОЗВАН ТЕСТ".to_string(), Some("revoked".to_string())), ("ТЕСТОВ ТЕСТ".into(), Some("good".into()))]
    );
    let docs = desk.documents().unwrap();
    let letter_sig = &docs.iter().find(|d| d.title == "Dispute letter").unwrap().signatures[0];
    assert_eq!(letter_sig.outcome, "valid");
    assert_eq!(letter_sig.revocation.as_ref().map(|r| r.method.as_str()), Some("ocsp"));
    assert!(letter_sig.timestamp.is_some());
    let notice_sig = &docs.iter().find(|d| d.title == "Notice").unwrap().signatures[0];
    assert_eq!(notice_sig.outcome, "revoked");

    // The TSA gone: signed all the same, without a timestamp, and the reason given.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    desk.set_timestamps(true, &format!("http://127.0.0.1:{closed}/")).unwrap();
    let v2 = DocumentToSign { content: b"%PDF-1.7 another letter", ..letter() };
    let unstamped = desk.sign_document(&v2, &head, pw(), Layout::Attached).unwrap();
    assert_eq!(unstamped.timestamp_problem.as_deref(), Some("unreachable"));
    assert!(unstamped.verification.signers[0].timestamp.is_none());
    // Off: not asked at all.
    desk.set_timestamps(false, "").unwrap();
    let v3 = DocumentToSign { content: b"%PDF-1.7 a third letter", ..letter() };
    assert_eq!(desk.sign_document(&v3, &head, pw(), Layout::Attached).unwrap().timestamp_problem, None);
}

#[test]
fn the_same_received_signature_with_the_same_file_is_archived_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path(), FixedClock(d("2026-11-25"))).unwrap();
    desk.init_demo().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../eds/tests/fixtures/nca-test/cms");
    // Kalkan's detached signature of `test123` (source: crates/eds/tests/fixtures/SOURCE.md).
    let cms = std::fs::read(fixtures.join("signed_detached_cms.der")).unwrap();
    let first = desk.add_received(&cms, Some(b"test123"), "test123.txt", "test123.txt", "received_notice").unwrap();
    let again = desk.add_received(&cms, Some(b"test123"), "copy.txt", "copy.txt", "received_notice").unwrap_err();
    assert_eq!(again.code, ErrorCode::DocumentAlreadyArchived);
    // Another file with the same signature is another document (its verdict says it does not match).
    let other = desk.add_received(&cms, Some(b"notes"), "notes.txt", "notes.txt", "received_notice").unwrap();
    assert_ne!(other.id, first.id);
    assert_eq!(desk.documents().unwrap().len(), 2);
}
