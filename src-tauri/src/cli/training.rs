//! `training`: the roster and certificates checked.

use desk::Desk;

use super::*;

pub(super) fn training(desk: &Desk, action: TrainingAction) -> Result<(), desk::ApiError> {
    let day = |d: &chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    use ::training::roster::Standing;
    use desk::training::{RosterFormat, VerifyOutcome};
    let internal = |e: serde_json::Error| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string());
    match action {
        TrainingAction::Roster { json, xlsx, pdf } => {
            let target = xlsx.map(|f| (RosterFormat::Xlsx, f)).or(pdf.map(|f| (RosterFormat::Pdf, f)));
            if let Some((format, out)) = target {
                let (_, bytes) = desk.roster_file(format)?;
                desk::statements::save(&out, &bytes)?;
                println!("Wrote the training roster to {}.", out.display());
                return Ok(());
            }
            let roster = desk.training_roster()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&roster).map_err(internal)?);
                return Ok(());
            }
            for l in &roster.lines {
                let standing = match l.standing {
                    Standing::Certified => "certified",
                    Standing::DueSoon => "due within 30 days",
                    Standing::Overdue => "overdue",
                    Standing::Never => "never trained",
                };
                let word = if l.standing == Standing::Overdue { "expired" } else { "until" };
                let until = l.valid_until.map(|d| format!(" {word} {}", day(&d))).unwrap_or_default();
                let weakest = l.weakest_title.as_deref().map(|w| format!("; weakest: {w}")).unwrap_or_default();
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
                    format!(
                        "{}, {}, issued {}, valid until {}",
                        c.person,
                        c.shop,
                        day(&c.issued_on),
                        day(&c.valid_until)
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
                    println!("Genuine: certificate {} — {about}.", v.code);
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
