//! `training`: the roster and certificates checked.

use desk::Desk;

use super::words::say;
use super::*;

pub(super) fn training(desk: &Desk, action: TrainingAction) -> Result<(), desk::ApiError> {
    let day = |d: &chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    use ::training::roster::Standing;
    use desk::training::{RosterFormat, VerifyOutcome};
    match action {
        TrainingAction::Roster { json, xlsx, pdf } => {
            let target = xlsx.map(|f| (RosterFormat::Xlsx, f)).or(pdf.map(|f| (RosterFormat::Pdf, f)));
            if let Some((format, out)) = target {
                let (_, bytes) = desk.roster_file(format)?;
                desk::statements::save(&out, &bytes)?;
                let path = out.display();
                println!(
                    "{}",
                    say!(
                        "Оқу тізімі {path} ішіне жазылды.",
                        "Список обучения записан в {path}.",
                        "Wrote the training roster to {path}."
                    )
                );
                return Ok(());
            }
            let roster = desk.training_roster()?;
            if json {
                print_json(&roster)?;
                return Ok(());
            }
            for l in &roster.lines {
                let standing = match l.standing {
                    Standing::Certified => say!("сертификатталған", "сертифицирован(а)", "certified"),
                    Standing::DueSoon => {
                        say!("30 күн ішінде мерзімі бітеді", "срок истекает в течение 30 дней", "due within 30 days")
                    }
                    Standing::Overdue => say!("мерзімі өтті", "просрочено", "overdue"),
                    Standing::Never => say!("оқымаған", "не обучен(а)", "never trained"),
                };
                let until = l
                    .valid_until
                    .map(|d| {
                        let d = day(&d);
                        if l.standing == Standing::Overdue {
                            say!(", {d} аяқталды", ", истёк {d}", " expired {d}")
                        } else {
                            say!(", {d} дейін", " до {d}", " until {d}")
                        }
                    })
                    .unwrap_or_default();
                let weakest = l
                    .weakest_title
                    .as_deref()
                    .map(|w| say!("; ең әлсізі: {w}", "; слабее всего: {w}", "; weakest: {w}"))
                    .unwrap_or_default();
                println!(
                    "{:<22}  {:<24}  {standing}{until}{}{weakest}",
                    l.outlet.as_deref().unwrap_or("-"),
                    l.person,
                    l.code.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default()
                );
            }
        }
        TrainingAction::Verify { code_or_pdf } => {
            let path = std::path::Path::new(&code_or_pdf);
            let v = if path.is_file() {
                desk.verify_certificate_file(&read_file(path)?)?
            } else {
                desk.verify_certificate_code(&code_or_pdf)?
            };
            let about = v
                .certificate
                .as_ref()
                .map(|c| {
                    let (person, shop, issued, until) = (&c.person, &c.shop, day(&c.issued_on), day(&c.valid_until));
                    say!(
                        "{person}, {shop}, {issued} берілді, {until} дейін жарамды",
                        "{person}, {shop}, выдан {issued}, действует до {until}",
                        "{person}, {shop}, issued {issued}, valid until {until}"
                    )
                })
                .unwrap_or_default();
            match v.outcome {
                VerifyOutcome::Genuine => {
                    let expired = v.certificate.as_ref().is_some_and(|c| c.standing == Standing::Overdue);
                    if expired {
                        return Err(desk::ApiError::new(
                            desk::ErrorCode::TrainingCertificateExpired,
                            format!("certificate {} was issued by this shop but has expired: {about}", v.code),
                        ));
                    }
                    let code = &v.code;
                    println!(
                        "{}",
                        say!(
                            "Түпнұсқа: {code} сертификаты — {about}.",
                            "Подлинный: сертификат {code} — {about}.",
                            "Genuine: certificate {code} — {about}."
                        )
                    );
                }
                VerifyOutcome::Altered => {
                    return Err(desk::ApiError::new(
                        desk::ErrorCode::TrainingCertificateAltered,
                        format!(
                            "this file is not the certificate {} the shop issued ({about}): it was altered",
                            v.code
                        ),
                    ))
                }
                VerifyOutcome::Unknown => {
                    return Err(desk::ApiError::new(
                        desk::ErrorCode::TrainingCertificateUnknown,
                        format!("no certificate {} in this shop's records: forged, or another shop's", v.code),
                    ))
                }
            }
        }
    }
    Ok(())
}
