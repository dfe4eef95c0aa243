//! `sign`, `verify`, `trust` and `documents`: NCA keys, verdicts, the trust store and the archive.

use desk::Desk;

use super::*;

pub(super) fn sign(desk: &mut Desk, args: SignArgs) -> Result<(), desk::ApiError> {
    let SignArgs { file, key, detached: _, attached, out, password_env, title } = args;
    let content = read_file(&file)?;
    let p12 = read_file(&key)?;
    let password = password(password_env.as_deref())?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let layout = if attached { eds::cms::Layout::Attached } else { eds::cms::Layout::Detached };
    let doc = desk::signatures::DocumentToSign {
        content: &content,
        file_name: &name,
        title: title.as_deref().unwrap_or(&name),
        kind: if name.starts_with("dispute-letter") { "dispute_letter" } else { "other" },
    };
    let signed = desk.sign_document(&doc, &p12, password, layout)?;
    desk::statements::save(&out, &signed.cms)?;
    let s = &signed.verification.signers[0];
    println!(
        "Signed {} by {} ({}); kept as document {}; verification: {}. Wrote {}.",
        file.display(),
        s.signer.as_ref().map(|p| p.holder.as_str()).unwrap_or("?"),
        s.signer.as_ref().and_then(|p| p.bin.clone().or(p.iin.clone())).unwrap_or_default(),
        signed.document_id,
        s.outcome,
        out.display()
    );
    Ok(())
}

pub(super) fn verify(desk: &mut Desk, args: VerifyArgs) -> Result<(), desk::ApiError> {
    let VerifyArgs { file, cms, as_of, json, accept_unchecked_revocation } = args;
    let first = read_file(&file)?;
    let report = match cms {
        Some(sig) => desk.verify_signature(&read_file(&sig)?, Some(&first), as_of.map(day_start))?,
        None => desk.verify_signature(&first, None, as_of.map(day_start))?,
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        for s in &report.signers {
            let who = s.signer.as_ref().map(|p| format!("{} [{}]", p.holder, p.algorithm)).unwrap_or_default();
            let detail = s.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            println!("{who}: {}{detail}; signed {}", s.outcome, s.signing_time.as_deref().unwrap_or("?"));
            if let Some(t) = &s.timestamp {
                println!("    timestamp: {} by {}", t.time, t.tsa);
            }
            match &s.revocation {
                    Some(r) if r.method == "not_checked" => println!(
                        "    revocation not checked for {} ({}): update the CRLs or check online (trust crl update, trust ocsp)",
                        r.source,
                        r.reason.as_deref().unwrap_or("")
                    ),
                    Some(r) => println!(
                        "    revocation checked by {} of {} ({}{})",
                        r.method,
                        r.source,
                        r.issued.as_deref().unwrap_or("?"),
                        r.next_update.as_deref().map(|n| format!(", next update {n}")).unwrap_or_default()
                    ),
                    None => {}
                }
        }
    }
    let passes = |o: &str| o == "valid" || (accept_unchecked_revocation && o == "revocation_not_checked");
    if report.signers.is_empty() || !report.signers.iter().all(|s| passes(&s.outcome)) {
        return Err(desk::ApiError::new(
            desk::ErrorCode::EdsSignatureInvalid,
            "not every signer is valid with its revocation checked",
        ));
    }
    Ok(())
}

pub(super) fn trust(desk: &mut Desk, action: TrustAction) -> Result<(), desk::ApiError> {
    match action {
        TrustAction::Add { cert, intermediate } => {
            let added = desk.trust_add(&read_file(&cert)?, intermediate)?;
            println!("Trusted {} ({}).", added.subject, added.role);
        }
        TrustAction::Crl { action: CrlAction::Add { crl } } => {
            println!("Added the CRL of {}.", desk.trust_crl_add(&read_file(&crl)?)?);
        }
        TrustAction::Crl { action: CrlAction::Update } => {
            let addresses = desk.crl_addresses()?;
            if addresses.is_empty() {
                println!("No known certificate names a CRL address.");
            }
            let report = desk.keep_fetched_crls(desk::crls::fetch(&addresses))?;
            for r in &report.results {
                match (&r.issuer, &r.detail) {
                    (Some(issuer), _) => println!("{}: the CRL of {issuer}", r.url),
                    (None, detail) => println!("{}: not updated ({})", r.url, detail.as_deref().unwrap_or("")),
                }
            }
            println!(
                "{} CRL(s) kept, {} address(es) unreachable (offline is fine: the CRLs already kept still count).",
                report.kept, report.unreachable
            );
        }
        TrustAction::Ocsp => {
            let asks = desk.ocsp_asks()?;
            if asks.is_empty() {
                println!("No signer of the archive names an OCSP responder Seller Desk can ask.");
            }
            for r in desk.keep_ocsp_answers(desk::revocation::ask_ocsp(asks))? {
                match (&r.status, &r.problem) {
                    (Some(status), _) => println!("{} ({}): {status}", r.holder, r.url),
                    (None, problem) => println!(
                        "{} ({}): no answer kept — {} ({})",
                        r.holder,
                        r.url,
                        problem.as_deref().unwrap_or(""),
                        r.detail.as_deref().unwrap_or("")
                    ),
                }
            }
        }
        TrustAction::Tsa { state, url } => {
            let on = state == "on";
            let current = desk.timestamp_settings()?;
            let set = desk.set_timestamps(on, url.as_deref().unwrap_or(&current.url))?;
            println!("Timestamps are {} (TSA {}).", if set.on { "on" } else { "off" }, set.url);
        }
        TrustAction::TestMode { state } => {
            let on = match state.as_str() {
                "on" => true,
                "off" => false,
                other => {
                    return Err(desk::ApiError::new(desk::ErrorCode::CliBadArgument, format!("{other:?}: on or off")))
                }
            };
            desk.set_test_mode(on)?;
            println!("Test keys mode is {state}.");
        }
        TrustAction::List => {
            println!("Test keys mode: {}", if desk.test_mode()? { "on" } else { "off" });
            let trust = desk.trust_overview()?;
            for c in &trust.certs {
                println!("{}  {:<12}  {}", c.id, c.role, c.subject);
            }
            for c in &trust.crls {
                println!(
                    "{} of {}: issued {}, next update {}{}, {} revoked",
                    if c.delta { "delta CRL" } else { "CRL" },
                    c.issuer,
                    c.this_update,
                    c.next_update.as_deref().unwrap_or("none"),
                    if c.current { "" } else { " (stale)" },
                    c.revoked
                );
            }
            let ts = &trust.timestamps;
            println!("Timestamps: {} (TSA {})", if ts.on { "on" } else { "off" }, ts.url);
            println!("NCA RK publishes at pki.gov.kz: {}", eds::NCA_CERTIFICATES.join(", "));
        }
    }
    Ok(())
}

pub(super) fn documents(desk: &mut Desk, action: DocumentsAction) -> Result<(), desk::ApiError> {
    match action {
        DocumentsAction::Add { file, cms, title, kind } => {
            let first = read_file(&file)?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let title = title.unwrap_or_else(|| name.clone());
            let doc = match cms {
                Some(sig) => desk.add_received(&read_file(&sig)?, Some(&first), &name, &title, &kind)?,
                None => desk.add_received(&first, None, &name, &title, &kind)?,
            };
            println!("Kept as document {}: {}", doc.id, doc.title);
            for s in &doc.signatures {
                println!("    {} {}  {}", s.signer, s.bin.as_deref().or(s.iin.as_deref()).unwrap_or(""), s.outcome);
            }
        }
        DocumentsAction::List { json } => {
            let list = desk.documents()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
            } else {
                for d in &list {
                    println!("{}  {}  {}  {}", d.id, d.added_on, d.kind, d.title);
                    for s in &d.signatures {
                        println!(
                            "    {} {}  {}{}",
                            s.signer,
                            s.bin.as_deref().or(s.iin.as_deref()).unwrap_or(""),
                            s.outcome,
                            match &s.timestamp {
                                Some(t) => format!("; timestamp {} by {}", t.time, t.tsa),
                                None => "; no timestamp".to_string(),
                            }
                        );
                        if let Some(r) = &s.revocation {
                            let how = r.reason.as_deref().map_or(String::new(), |why| format!(" ({why})"));
                            println!("      revocation: {} {}{how}", r.method, r.source);
                        }
                    }
                }
            }
        }
    }
    Ok(())
}
