//! `sign`, `verify`, `trust` and `documents`: NCA keys, verdicts, the trust store and the archive.

use desk::Desk;

use super::words::{self, say};
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
    let (file, path, doc) = (file.display(), out.display(), signed.document_id);
    let who = s.signer.as_ref().map(|p| p.holder.as_str()).unwrap_or("?");
    let id = s.signer.as_ref().and_then(|p| p.bin.clone().or(p.iin.clone())).unwrap_or_default();
    let verdict = words::outcome(&s.outcome);
    println!(
        "{}",
        say!(
            "{file} файлына {who} ({id}) қол қойды; {doc} құжаты ретінде сақталды; тексеру: {verdict}. {path} жазылды.",
            "{file} подписан: {who} ({id}); сохранён как документ {doc}; проверка: {verdict}. Записан {path}.",
            "Signed {file} by {who} ({id}); kept as document {doc}; verification: {verdict}. Wrote {path}."
        )
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
        print_json(&report)?;
    } else {
        for s in &report.signers {
            let who = s.signer.as_ref().map(|p| format!("{} [{}]", p.holder, p.algorithm)).unwrap_or_default();
            let detail = s.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            let (verdict, at) = (words::outcome(&s.outcome), s.signing_time.as_deref().unwrap_or("?"));
            println!(
                "{}",
                say!(
                    "{who}: {verdict}{detail}; қол қойылды {at}",
                    "{who}: {verdict}{detail}; подписано {at}",
                    "{who}: {verdict}{detail}; signed {at}"
                )
            );
            if let Some(t) = &s.timestamp {
                let (time, tsa) = (&t.time, &t.tsa);
                println!(
                    "{}",
                    say!(
                        "    уақыт белгісі: {time}, {tsa}",
                        "    метка времени: {time}, {tsa}",
                        "    timestamp: {time} by {tsa}"
                    )
                );
            }
            match &s.revocation {
                Some(r) if r.method == "not_checked" => {
                    let (source, why) = (&r.source, r.reason.as_deref().unwrap_or(""));
                    println!("{}", say!(
                            "    {source} үшін кері қайтарылу тексерілмеді ({why}): CRL жаңартыңыз немесе онлайн тексеріңіз (trust crl update, trust ocsp)",
                            "    отзыв не проверен для {source} ({why}): обновите CRL или проверьте онлайн (trust crl update, trust ocsp)",
                            "    revocation not checked for {source} ({why}): update the CRLs or check online (trust crl update, trust ocsp)"
                        ))
                }
                Some(r) => {
                    let (method, source, issued) = (&r.method, &r.source, r.issued.as_deref().unwrap_or("?"));
                    let next = r
                        .next_update
                        .as_deref()
                        .map(|n| say!(", келесі жаңарту {n}", ", следующее обновление {n}", ", next update {n}"))
                        .unwrap_or_default();
                    println!(
                        "{}",
                        say!(
                            "    кері қайтарылу тексерілді: {method}, {source} ({issued}{next})",
                            "    отзыв проверен: {method}, {source} ({issued}{next})",
                            "    revocation checked by {method} of {source} ({issued}{next})"
                        )
                    )
                }
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
            let (subject, role) = (&added.subject, &added.role);
            println!(
                "{}",
                say!(
                    "Сенімді: {subject} ({role}).",
                    "Добавлен в доверенные: {subject} ({role}).",
                    "Trusted {subject} ({role})."
                )
            );
        }
        TrustAction::Crl { action: CrlAction::Add { crl } } => {
            let issuer = desk.trust_crl_add(&read_file(&crl)?)?;
            println!("{}", say!("{issuer} CRL-і қосылды.", "Добавлен CRL {issuer}.", "Added the CRL of {issuer}."));
        }
        TrustAction::Crl { action: CrlAction::Update } => {
            let addresses = desk.crl_addresses()?;
            if addresses.is_empty() {
                println!(
                    "{}",
                    say!(
                        "Белгілі сертификаттардың ешқайсысында CRL мекенжайы жоқ.",
                        "Ни один известный сертификат не указывает адрес CRL.",
                        "No known certificate names a CRL address."
                    )
                );
            }
            let report = desk.keep_fetched_crls(desk::crls::fetch(&addresses))?;
            for r in &report.results {
                match (&r.issuer, &r.detail) {
                    (Some(issuer), _) => {
                        println!("{}: {}", r.url, say!("{issuer} CRL-і", "CRL {issuer}", "the CRL of {issuer}"))
                    }
                    (None, detail) => {
                        let detail = detail.as_deref().unwrap_or("");
                        println!(
                            "{}: {}",
                            r.url,
                            say!("жаңартылмады ({detail})", "не обновлён ({detail})", "not updated ({detail})")
                        )
                    }
                }
            }
            let (kept, unreachable) = (report.kept, report.unreachable);
            println!("{}", say!(
                "{kept} CRL сақталды, {unreachable} мекенжай қолжетімсіз (желісіз де болады: бұрын сақталған CRL-дер есептеледі).",
                "Сохранено CRL: {kept}, недоступно адресов: {unreachable} (без сети тоже можно: уже сохранённые CRL учитываются).",
                "{kept} CRL(s) kept, {unreachable} address(es) unreachable (offline is fine: the CRLs already kept still count)."
            ));
        }
        TrustAction::Ocsp => {
            let asks = desk.ocsp_asks()?;
            if asks.is_empty() {
                println!(
                    "{}",
                    say!(
                        "Мұрағаттағы қол қоюшылардың ешқайсысында Seller Desk сұрай алатын OCSP сервисі жоқ.",
                        "Ни один подписант архива не указывает OCSP-сервис, который Seller Desk может спросить.",
                        "No signer of the archive names an OCSP responder Seller Desk can ask."
                    )
                );
            }
            for r in desk.keep_ocsp_answers(desk::revocation::ask_ocsp(asks))? {
                match (&r.status, &r.problem) {
                    (Some(status), _) => println!("{} ({}): {status}", r.holder, r.url),
                    (None, problem) => {
                        let (problem, detail) = (problem.as_deref().unwrap_or(""), r.detail.as_deref().unwrap_or(""));
                        let none = say!("жауап сақталмады", "ответ не сохранён", "no answer kept");
                        println!("{} ({}): {none} — {problem} ({detail})", r.holder, r.url)
                    }
                }
            }
        }
        TrustAction::Tsa { state, url } => {
            let on = state == "on";
            let current = desk.timestamp_settings()?;
            let set = desk.set_timestamps(on, url.as_deref().unwrap_or(&current.url))?;
            let (state, url) = (words::on_off(set.on), &set.url);
            println!(
                "{}",
                say!(
                    "Уақыт белгілері: {state} (TSA {url}).",
                    "Метки времени: {state} (TSA {url}).",
                    "Timestamps are {state} (TSA {url})."
                )
            );
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
            let state = words::on_off(on);
            println!(
                "{}",
                say!(
                    "Сынақ кілттері режимі: {state}.",
                    "Режим тестовых ключей: {state}.",
                    "Test keys mode is {state}."
                )
            );
        }
        TrustAction::List => {
            let state = words::on_off(desk.test_mode()?);
            println!(
                "{}",
                say!("Сынақ кілттері режимі: {state}", "Режим тестовых ключей: {state}", "Test keys mode: {state}")
            );
            let trust = desk.trust_overview()?;
            for c in &trust.certs {
                println!("{}  {:<12}  {}", c.id, c.role, c.subject);
            }
            for c in &trust.crls {
                let kind = if c.delta { "delta CRL" } else { "CRL" };
                let (issuer, issued, revoked) = (&c.issuer, &c.this_update, c.revoked);
                let none = say!("жоқ", "нет", "none");
                let next = c.next_update.as_deref().unwrap_or(&none);
                let stale = if c.current {
                    String::new()
                } else {
                    say!(" (ескірген)", " (устарел)", " (stale)")
                };
                println!(
                    "{}",
                    say!(
                        "{kind}, {issuer}: шыққаны {issued}, келесі жаңарту {next}{stale}, кері қайтарылғаны {revoked}",
                        "{kind}, {issuer}: выпущен {issued}, следующее обновление {next}{stale}, отозвано {revoked}",
                        "{kind} of {issuer}: issued {issued}, next update {next}{stale}, {revoked} revoked"
                    )
                );
            }
            let ts = &trust.timestamps;
            let (state, url) = (words::on_off(ts.on), &ts.url);
            println!(
                "{}",
                say!(
                    "Уақыт белгілері: {state} (TSA {url})",
                    "Метки времени: {state} (TSA {url})",
                    "Timestamps: {state} (TSA {url})"
                )
            );
            let list = eds::NCA_CERTIFICATES.join(", ");
            println!(
                "{}",
                say!(
                    "ҚР ҰКО pki.gov.kz сайтында жариялайды: {list}",
                    "НУЦ РК публикует на pki.gov.kz: {list}",
                    "NCA RK publishes at pki.gov.kz: {list}"
                )
            );
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
            let (id, title) = (doc.id, &doc.title);
            println!(
                "{}",
                say!(
                    "{id} құжаты ретінде сақталды: {title}",
                    "Сохранён как документ {id}: {title}",
                    "Kept as document {id}: {title}"
                )
            );
            for s in &doc.signatures {
                let verdict = words::outcome(&s.outcome);
                println!("    {} {}  {verdict}", s.signer, s.bin.as_deref().or(s.iin.as_deref()).unwrap_or(""));
            }
        }
        DocumentsAction::List { json } => {
            let list = desk.documents()?;
            if json {
                print_json(&list)?;
            } else {
                for d in &list {
                    println!("{}  {}  {}  {}", d.id, d.added_on, d.kind, d.title);
                    for s in &d.signatures {
                        let stamp = match &s.timestamp {
                            Some(t) => {
                                let (time, tsa) = (&t.time, &t.tsa);
                                say!(
                                    "; уақыт белгісі {time}, {tsa}",
                                    "; метка времени {time}, {tsa}",
                                    "; timestamp {time} by {tsa}"
                                )
                            }
                            None => say!("; уақыт белгісі жоқ", "; без метки времени", "; no timestamp"),
                        };
                        println!(
                            "    {} {}  {}{stamp}",
                            s.signer,
                            s.bin.as_deref().or(s.iin.as_deref()).unwrap_or(""),
                            words::outcome(&s.outcome)
                        );
                        if let Some(r) = &s.revocation {
                            let how = r.reason.as_deref().map_or(String::new(), |why| format!(" ({why})"));
                            let (method, source) = (&r.method, &r.source);
                            println!(
                                "{}",
                                say!(
                                    "      кері қайтарылу: {method} {source}{how}",
                                    "      отзыв: {method} {source}{how}",
                                    "      revocation: {method} {source}{how}"
                                )
                            );
                        }
                    }
                }
            }
        }
    }
    Ok(())
}
