//! The TypeScript side of every type that crosses IPC, generated with ts-rs.

use std::path::Path;

use ts_rs::{Config, ExportError, TS};

use crate::dto::*;
use crate::error::ApiError;

/// The cited clauses and their text from the shipped rules, for the window's help.
fn rules_typescript() -> String {
    use club::rules::{clause_text, CITED};
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let union: Vec<String> = CITED.iter().map(|n| format!("'{n}'")).collect();
    let mut out = String::from(
        "// Generated from crates/club/rules/club-rules.kk.txt by `cargo xtask codegen`; do not edit.\n\n",
    );
    out.push_str(&format!("/** A clause Seller Desk cites. */\nexport type CitedClause = {};\n\n", union.join(" | ")));
    out.push_str(&format!("export const CITED: readonly CitedClause[] = [{}];\n\n", union.join(", ")));
    out.push_str("/** Each cited clause as the published (Kazakh) rules word it. */\n");
    out.push_str("export const RULES_TEXT: Record<CitedClause, string> = {\n");
    for n in CITED {
        out.push_str(&format!("  '{n}': {},\n", quoted(&clause_text(n).unwrap_or_default())));
    }
    out.push_str("};\n");
    out
}

/// Writes one `.ts` file per type (and the types they use) into `dir`.
pub fn export(dir: &Path) -> Result<(), ExportError> {
    // Ids are SQLite rowids, far below 2^53: plain numbers on the TypeScript side.
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    StartupDto::export_all(&cfg)?;
    crate::vault::UnlockDto::export_all(&cfg)?;
    crate::backups::BackupSettingsDto::export_all(&cfg)?;
    crate::backups::BackupDto::export_all(&cfg)?;
    crate::backups::RestoreDto::export_all(&cfg)?;
    crate::vault::Custody::export_all(&cfg)?;
    crate::vault::sheet::RecoveryStateDto::export_all(&cfg)?;
    crate::printing::PrintRequest::export_all(&cfg)?;
    crate::printing::PrintOutcome::export_all(&cfg)?;
    crate::signatures::OpenedFileDto::export_all(&cfg)?;
    crate::reminders::ReminderDto::export_all(&cfg)?;
    crate::reminders::ReminderSettingsDto::export_all(&cfg)?;
    crate::reminders::NotificationDto::export_all(&cfg)?;
    OverviewDto::export_all(&cfg)?;
    StatusReport::export_all(&cfg)?;
    NewShopDto::export_all(&cfg)?;
    TaxIdAnswer::export_all(&cfg)?;
    NewEventDto::export_all(&cfg)?;
    crate::membership::VoidEventDto::export_all(&cfg)?;
    NewMeansDto::export_all(&cfg)?;
    DisconnectMeansDto::export_all(&cfg)?;
    NewContractDto::export_all(&cfg)?;
    TaxIdCheckDto::export_all(&cfg)?;
    ApiError::export_all(&cfg)?;
    crate::audit::AuditReport::export_all(&cfg)?;
    crate::audit::AuditRowDto::export_all(&cfg)?;
    {
        use crate::people::*;
        Role::export_all(&cfg)?;
        Need::export_all(&cfg)?;
        PinPolicy::export_all(&cfg)?;
        PersonDto::export_all(&cfg)?;
        SignInChoiceDto::export_all(&cfg)?;
        SessionDto::export_all(&cfg)?;
        SignInDto::export_all(&cfg)?;
        NewPersonDto::export_all(&cfg)?;
        NewOwnerDto::export_all(&cfg)?;
        SetRoleDto::export_all(&cfg)?;
        SetPinDto::export_all(&cfg)?;
        ChangePinDto::export_all(&cfg)?;
        PeopleSettingsDto::export_all(&cfg)?;
        PeopleDto::export_all(&cfg)?;
    }
    {
        use crate::fines::*;
        FineQuery::export_all(&cfg)?;
        FineSort::export_all(&cfg)?;
        FinePageDto::export_all(&cfg)?;
        TotalsDto::export_all(&cfg)?;
        FileRole::export_all(&cfg)?;
        FineDetailDto::export_all(&cfg)?;
        FinesSummaryDto::export_all(&cfg)?;
        NewFineDto::export_all(&cfg)?;
        NewScheduleEntryDto::export_all(&cfg)?;
        ScheduleLineDto::export_all(&cfg)?;
        DisputeDto::export_all(&cfg)?;
        OutcomeDto::export_all(&cfg)?;
        PaymentDto::export_all(&cfg)?;
        CompleteActionDto::export_all(&cfg)?;
        VoidPaymentDto::export_all(&cfg)?;
        CorrectFineDto::export_all(&cfg)?;
        CorrectiveStepDto::export_all(&cfg)?;
        crate::fines_import::ImportReport::export_all(&cfg)?;
        club::fines::Violation::export_all(&cfg)?;
        club::fines::PaymentKind::export_all(&cfg)?;
    }
    {
        use crate::training::*;
        MyTrainingDto::export_all(&cfg)?;
        LessonDto::export_all(&cfg)?;
        QuizDto::export_all(&cfg)?;
        StartQuizDto::export_all(&cfg)?;
        AnswerQuestionDto::export_all(&cfg)?;
        FeedbackDto::export_all(&cfg)?;
        QuizResultDto::export_all(&cfg)?;
        RosterDto::export_all(&cfg)?;
        RosterFormat::export_all(&cfg)?;
        VerifyDto::export_all(&cfg)?;
    }
    {
        use crate::rules::*;
        RulesPageDto::export_all(&cfg)?;
        RulesDiffDto::export_all(&cfg)?;
        ImportedDto::export_all(&cfg)?;
        AcknowledgementDto::export_all(&cfg)?;
    }
    {
        use crate::statements::*;
        StatementFormat::export_all(&cfg)?;
        StatementRequest::export_all(&cfg)?;
        StatementPreview::export_all(&cfg)?;
        BankDetailsDto::export_all(&cfg)?;
        AccountDraft::export_all(&cfg)?;
        PayeeDraft::export_all(&cfg)?;
        StatementProgress::export_all(&cfg)?;
    }
    {
        use crate::signatures::*;
        SignerDto::export_all(&cfg)?;
        VerificationDto::export_all(&cfg)?;
        TrustDto::export_all(&cfg)?;
        SignedDto::export_all(&cfg)?;
        SignLayout::export_all(&cfg)?;
        DocumentDto::export_all(&cfg)?;
    }
    crate::crls::CrlUpdateDto::export_all(&cfg)?;
    crate::marks::StartExitDto::export_all(&cfg)?;
    crate::kit::KitStatusDto::export_all(&cfg)?;
    crate::kit::KitUpdateDto::export_all(&cfg)?;
    crate::kit::KitProgress::export_all(&cfg)?;
    crate::marks::TickDto::export_all(&cfg)?;
    crate::marks::MarkCorrectionDto::export_all(&cfg)?;
    crate::marks::ExitChecklistDto::export_all(&cfg)?;
    crate::site_check::SiteReport::export_all(&cfg)?;
    club::marks::PlacementDraft::export_all(&cfg)?;
    club::profile::WebPresenceKind::export_all(&cfg)?;
    club::ident::TaxId::export_all(&cfg)?;
    club::membership::Measure::export_all(&cfg)?;
    club::membership::ExitReason::export_all(&cfg)?;
    club::membership::ClubStop::export_all(&cfg)?;
    crate::limits::Limits::export_all(&cfg)?;
    std::fs::write(dir.join("textLimits.ts"), crate::limits::typescript())?;
    std::fs::write(dir.join("rulesText.ts"), rules_typescript())?;
    Ok(())
}
