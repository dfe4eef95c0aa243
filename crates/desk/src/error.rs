//! Errors as they cross to the UI and the command line: a stable `code` the UI translates into
//! kk/ru/en, and an English `message` for logs and the terminal.

use club::acceptance::AcceptanceError;
use club::ident::TaxIdError;
use club::membership::TransitionError;
use club::profile::ProfileError;
use serde::{Deserialize, Serialize};
use store::StoreError;
use ts_rs::TS;

/// Every error the UI may have to explain. The UI's dictionaries are typed by this union, so a
/// code without a kk, ru or en text fails the type check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ErrorCode {
    #[serde(rename = "tax_id.length")]
    TaxIdLength,
    #[serde(rename = "tax_id.not_digits")]
    TaxIdNotDigits,
    #[serde(rename = "tax_id.check_digit")]
    TaxIdCheckDigit,
    #[serde(rename = "tax_id.unknown_kind")]
    TaxIdUnknownKind,
    #[serde(rename = "tax_id.expected_iin")]
    TaxIdExpectedIin,
    #[serde(rename = "tax_id.expected_bin")]
    TaxIdExpectedBin,
    #[serde(rename = "seller.name_empty")]
    SellerNameEmpty,
    #[serde(rename = "outlet.name_empty")]
    OutletNameEmpty,
    #[serde(rename = "outlet.city_empty")]
    OutletCityEmpty,
    #[serde(rename = "outlet.address_empty")]
    OutletAddressEmpty,
    #[serde(rename = "outlet.not_found")]
    OutletNotFound,
    #[serde(rename = "web.bad_url")]
    WebBadUrl,
    #[serde(rename = "contract.number_empty")]
    ContractNumberEmpty,
    #[serde(rename = "means.empty_identifier")]
    MeansEmptyIdentifier,
    #[serde(rename = "means.already_disconnected")]
    MeansAlreadyDisconnected,
    #[serde(rename = "means.before_connected")]
    MeansBeforeConnected,
    #[serde(rename = "means.not_found")]
    MeansNotFound,
    #[serde(rename = "means.duplicate")]
    MeansDuplicate,
    #[serde(rename = "date.in_future")]
    DateInFuture,
    #[serde(rename = "date.invalid")]
    DateInvalid,
    #[serde(rename = "text.too_long")]
    TextTooLong,
    #[serde(rename = "text.cannot_print")]
    TextCannotPrint,
    #[serde(rename = "web.already_listed")]
    WebAlreadyListed,
    #[serde(rename = "membership.already_member")]
    AlreadyMember,
    #[serde(rename = "membership.not_member")]
    NotMember,
    #[serde(rename = "membership.measure_already_applied")]
    MeasureAlreadyApplied,
    #[serde(rename = "membership.measure_not_applied")]
    MeasureNotApplied,
    #[serde(rename = "membership.no_club_stop")]
    NoClubStop,
    #[serde(rename = "membership.already_exiting")]
    AlreadyExiting,
    #[serde(rename = "membership.not_exiting")]
    NotExiting,
    #[serde(rename = "membership.before_last_event")]
    BeforeLastEvent,
    #[serde(rename = "membership.effective_before_announced")]
    EffectiveBeforeAnnounced,
    #[serde(rename = "membership.no_such_event")]
    NoSuchEvent,
    #[serde(rename = "membership.already_voided")]
    EventAlreadyVoided,
    #[serde(rename = "membership.void_not_latest")]
    VoidNotLatest,
    #[serde(rename = "membership.not_voidable")]
    NotVoidable,
    #[serde(rename = "membership.void_reason_empty")]
    VoidReasonEmpty,
    #[serde(rename = "history.broken")]
    HistoryBroken,
    #[serde(rename = "audit.broken")]
    AuditBroken,
    #[serde(rename = "shop.exists")]
    ShopExists,
    #[serde(rename = "shop.missing")]
    ShopMissing,
    #[serde(rename = "store.newer_version")]
    StoreNewerVersion,
    #[serde(rename = "store.corrupt")]
    StoreCorrupt,
    #[serde(rename = "store.locked")]
    StoreLocked,
    #[serde(rename = "store.full")]
    StoreFull,
    #[serde(rename = "store.migration_failed")]
    StoreMigrationFailed,
    #[serde(rename = "store.io")]
    StoreIo,
    #[serde(rename = "store.bad_data")]
    StoreBadData,
    #[serde(rename = "amount.empty")]
    AmountEmpty,
    #[serde(rename = "amount.not_a_number")]
    AmountNotANumber,
    #[serde(rename = "amount.too_precise")]
    AmountTooPrecise,
    #[serde(rename = "amount.too_large")]
    AmountTooLarge,
    #[serde(rename = "fine.not_found")]
    FineNotFound,
    #[serde(rename = "fine.cursor_stale")]
    FineCursorStale,
    #[serde(rename = "fine.duplicate_notice")]
    FineDuplicateNotice,
    #[serde(rename = "fine.empty_notice")]
    FineEmptyNotice,
    #[serde(rename = "fine.amount_not_positive")]
    FineAmountNotPositive,
    #[serde(rename = "fine.fact_after_notice")]
    FineFactAfterNotice,
    #[serde(rename = "fine.due_before_notice")]
    FineDueBeforeNotice,
    #[serde(rename = "fine.payment_not_positive")]
    FinePaymentNotPositive,
    #[serde(rename = "fine.overpayment")]
    FineOverpayment,
    #[serde(rename = "fine.already_paid")]
    FineAlreadyPaid,
    #[serde(rename = "fine.cancelled")]
    FineCancelled,
    #[serde(rename = "fine.dispute_on_paid")]
    FineDisputeOnPaid,
    #[serde(rename = "fine.already_disputed")]
    FineAlreadyDisputed,
    #[serde(rename = "fine.under_dispute")]
    FineUnderDispute,
    #[serde(rename = "fine.not_disputed")]
    FineNotDisputed,
    #[serde(rename = "fine.deadline_before_dispute")]
    FineDeadlineBeforeDispute,
    #[serde(rename = "fine.out_of_order")]
    FineOutOfOrder,
    #[serde(rename = "fine.grounds_empty")]
    FineGroundsEmpty,
    #[serde(rename = "fine.no_such_payment")]
    FineNoSuchPayment,
    #[serde(rename = "fine.correction_below_paid")]
    FineCorrectionBelowPaid,
    #[serde(rename = "correction.reason_empty")]
    CorrectionReasonEmpty,
    #[serde(rename = "correction.changes_nothing")]
    CorrectionChangesNothing,
    #[serde(rename = "corrective.not_found")]
    CorrectiveNotFound,
    #[serde(rename = "corrective.step_empty")]
    CorrectiveStepEmpty,
    #[serde(rename = "file.not_found")]
    FileNotFound,
    #[serde(rename = "file.not_saved")]
    FileNotSaved,
    #[serde(rename = "file.too_large")]
    FileTooLarge,
    #[serde(rename = "file.not_read")]
    FileNotRead,
    #[serde(rename = "print.not_pdf")]
    PrintNotPdf,
    #[serde(rename = "print.printer_takes_no_pdf")]
    PrintPrinterTakesNoPdf,
    #[serde(rename = "print.failed")]
    PrintFailed,
    #[serde(rename = "notification.unavailable")]
    NotificationUnavailable,
    #[serde(rename = "documents.already_archived")]
    DocumentAlreadyArchived,
    #[serde(rename = "documents.signed_file_not_chosen")]
    SignedFileNotChosen,
    #[serde(rename = "import.not_utf8")]
    ImportNotUtf8,
    #[serde(rename = "import.bad_header")]
    ImportBadHeader,
    #[serde(rename = "import.bad_row")]
    ImportBadRow,
    #[serde(rename = "import.bad_date")]
    ImportBadDate,
    #[serde(rename = "import.unknown_clause")]
    ImportUnknownClause,
    #[serde(rename = "import.empty")]
    ImportEmpty,
    #[serde(rename = "import.duplicate_in_file")]
    ImportDuplicateInFile,
    #[serde(rename = "bank.iik_shape")]
    BankIikShape,
    #[serde(rename = "bank.iik_check")]
    BankIikCheck,
    #[serde(rename = "bank.bic_shape")]
    BankBicShape,
    #[serde(rename = "bank.name_empty")]
    BankNameEmpty,
    #[serde(rename = "bank.kbe_shape")]
    BankKbeShape,
    #[serde(rename = "bank.knp_shape")]
    BankKnpShape,
    #[serde(rename = "bank.payee_name_empty")]
    BankPayeeNameEmpty,
    #[serde(rename = "statement.period_reversed")]
    StatementPeriodReversed,
    #[serde(rename = "statement.no_account")]
    StatementNoAccount,
    #[serde(rename = "statement.no_payee")]
    StatementNoPayee,
    #[serde(rename = "statement.not_written")]
    StatementNotWritten,
    #[serde(rename = "eds.wrong_password")]
    EdsWrongPassword,
    #[serde(rename = "eds.not_a_container")]
    EdsNotAContainer,
    #[serde(rename = "eds.key_damaged")]
    EdsKeyDamaged,
    #[serde(rename = "eds.key_not_supported_yet")]
    EdsKeyNotSupportedYet,
    #[serde(rename = "eds.bad_certificate")]
    EdsBadCertificate,
    #[serde(rename = "eds.auth_key")]
    EdsAuthKey,
    #[serde(rename = "eds.key_expired")]
    EdsKeyExpired,
    #[serde(rename = "eds.key_revoked")]
    EdsKeyRevoked,
    #[serde(rename = "eds.not_sellers_key")]
    EdsNotSellersKey,
    #[serde(rename = "eds.not_a_signature")]
    EdsNotASignature,
    #[serde(rename = "eds.detached_without_content")]
    EdsDetachedWithoutContent,
    #[serde(rename = "eds.signature_invalid")]
    EdsSignatureInvalid,
    #[serde(rename = "keyring.unavailable")]
    KeyringUnavailable,
    #[serde(rename = "backup.no_folder")]
    BackupNoFolder,
    #[serde(rename = "backup.not_written")]
    BackupNotWritten,
    #[serde(rename = "backup.not_this_shops")]
    BackupNotThisShops,
    #[serde(rename = "backup.damaged")]
    BackupDamaged,
    #[serde(rename = "backup.newer")]
    BackupNewer,
    #[serde(rename = "backup.keep_range")]
    BackupKeepRange,
    #[serde(rename = "vault.no_keyring")]
    VaultNoKeyring,
    #[serde(rename = "vault.key_missing")]
    VaultKeyMissing,
    #[serde(rename = "vault.keyring_unreachable")]
    VaultKeyringUnreachable,
    #[serde(rename = "vault.passphrase_needed")]
    VaultPassphraseNeeded,
    #[serde(rename = "vault.passphrase_wrong")]
    VaultPassphraseWrong,
    #[serde(rename = "vault.passphrase_weak")]
    VaultPassphraseWeak,
    #[serde(rename = "vault.passphrase_too_long")]
    VaultPassphraseTooLong,
    #[serde(rename = "vault.passphrases_differ")]
    VaultPassphrasesDiffer,
    #[serde(rename = "vault.recovery_code_malformed")]
    VaultRecoveryCodeMalformed,
    #[serde(rename = "vault.recovery_code_mistyped")]
    VaultRecoveryCodeMistyped,
    #[serde(rename = "vault.recovery_code_wrong")]
    VaultRecoveryCodeWrong,
    #[serde(rename = "vault.keys_damaged")]
    VaultKeysDamaged,
    #[serde(rename = "store.key_refused")]
    StoreKeyRefused,
    #[serde(rename = "store.not_encrypted")]
    StoreNotEncrypted,
    #[serde(rename = "trust.not_a_certificate")]
    TrustNotACertificate,
    #[serde(rename = "trust.not_a_ca")]
    TrustNotACa,
    #[serde(rename = "trust.root_not_self_signed")]
    TrustRootNotSelfSigned,
    #[serde(rename = "trust.not_a_crl")]
    TrustNotACrl,
    #[serde(rename = "trust.crl_is_certificate")]
    TrustCrlIsCertificate,
    #[serde(rename = "trust.crl_forged")]
    TrustCrlForged,
    #[serde(rename = "trust.crl_issuer_unknown")]
    TrustCrlIssuerUnknown,
    #[serde(rename = "trust.unchained")]
    TrustUnchained,
    #[serde(rename = "tsa.address_invalid")]
    TsaAddressInvalid,
    #[serde(rename = "marks.empty_spot")]
    MarksEmptySpot,
    #[serde(rename = "marks.empty_person")]
    MarksEmptyPerson,
    #[serde(rename = "marks.empty_description")]
    MarksEmptyDescription,
    #[serde(rename = "exit.none_open")]
    ExitNoneOpen,
    #[serde(rename = "exit.deadline_before_start")]
    ExitDeadlineBeforeStart,
    #[serde(rename = "exit.no_such_item")]
    ExitNoSuchItem,
    #[serde(rename = "exit.no_evidence")]
    ExitNoEvidence,
    #[serde(rename = "exit.not_all_done")]
    ExitNotAllDone,
    #[serde(rename = "exit.not_ticked")]
    ExitNotTicked,
    #[serde(rename = "marks.no_such_placement")]
    MarksNoSuchPlacement,
    #[serde(rename = "correction.out_of_order")]
    CorrectionOutOfOrder,
    #[serde(rename = "exit.before_start")]
    ExitBeforeStart,
    #[serde(rename = "site_check.bad_address")]
    SiteCheckBadAddress,
    #[serde(rename = "site_check.unreachable")]
    SiteCheckUnreachable,
    #[serde(rename = "kit.offline")]
    KitOffline,
    #[serde(rename = "kit.bad_manifest")]
    KitBadManifest,
    #[serde(rename = "kit.hash_mismatch")]
    KitHashMismatch,
    #[serde(rename = "kit.interrupted")]
    KitInterrupted,
    #[serde(rename = "role.refused")]
    RoleRefused,
    #[serde(rename = "session.none")]
    SessionNone,
    #[serde(rename = "session.locked")]
    SessionLocked,
    #[serde(rename = "pin.format")]
    PinFormat,
    #[serde(rename = "pin.weak")]
    PinWeak,
    #[serde(rename = "pin.wrong")]
    PinWrong,
    #[serde(rename = "pin.wait")]
    PinWait,
    #[serde(rename = "pin.locked")]
    PinLocked,
    #[serde(rename = "pin.needed")]
    PinNeeded,
    #[serde(rename = "pin.not_set")]
    PinNotSet,
    #[serde(rename = "pin.confirm_needed")]
    PinConfirmNeeded,
    #[serde(rename = "person.name_empty")]
    PersonNameEmpty,
    #[serde(rename = "person.name_taken")]
    PersonNameTaken,
    #[serde(rename = "person.not_found")]
    PersonNotFound,
    #[serde(rename = "person.last_owner")]
    PersonLastOwner,
    #[serde(rename = "person.own_role")]
    PersonOwnRole,
    #[serde(rename = "person.owner_missing")]
    PersonOwnerMissing,
    #[serde(rename = "people.idle_out_of_range")]
    PeopleIdleOutOfRange,
    #[serde(rename = "training.content_broken")]
    TrainingContentBroken,
    #[serde(rename = "training.unknown_rule")]
    TrainingUnknownRule,
    #[serde(rename = "training.attempt_not_found")]
    TrainingAttemptNotFound,
    #[serde(rename = "training.finished")]
    TrainingFinished,
    #[serde(rename = "training.option_invalid")]
    TrainingOptionInvalid,
    #[serde(rename = "training.already_answered")]
    TrainingAlreadyAnswered,
    #[serde(rename = "training.unanswered")]
    TrainingUnanswered,
    #[serde(rename = "training.code_invalid")]
    TrainingCodeInvalid,
    #[serde(rename = "training.not_certificate")]
    TrainingNotCertificate,
    #[serde(rename = "training.certificate_not_found")]
    TrainingCertificateNotFound,
    #[serde(rename = "training.certificate_altered")]
    TrainingCertificateAltered,
    #[serde(rename = "training.certificate_unknown")]
    TrainingCertificateUnknown,
    #[serde(rename = "training.certificate_expired")]
    TrainingCertificateExpired,
    #[serde(rename = "rules.date_invalid")]
    RulesDateInvalid,
    #[serde(rename = "rules.published_in_future")]
    RulesPublishedInFuture,
    #[serde(rename = "rules.too_large")]
    RulesTooLarge,
    #[serde(rename = "rules.not_text")]
    RulesNotText,
    #[serde(rename = "rules.not_the_rules")]
    RulesNotTheRules,
    #[serde(rename = "rules.number_repeated")]
    RulesNumberRepeated,
    #[serde(rename = "rules.number_backwards")]
    RulesNumberBackwards,
    #[serde(rename = "rules.no_clauses")]
    RulesNoClauses,
    #[serde(rename = "rules.pdf_damaged")]
    RulesPdfDamaged,
    #[serde(rename = "rules.pdf_no_text")]
    RulesPdfNoText,
    #[serde(rename = "rules.version_not_found")]
    RulesVersionNotFound,
    #[serde(rename = "rules.nothing_to_acknowledge")]
    RulesNothingToAcknowledge,
    #[serde(rename = "rules.acknowledged_here")]
    RulesAcknowledgedHere,
    /// The command line was given a value it does not take (an unknown state, item, role, a
    /// wrong combination of options).
    #[serde(rename = "cli.bad_argument")]
    CliBadArgument,
    /// The command line was told to read a secret from an environment variable that is not set.
    #[serde(rename = "cli.variable_missing")]
    CliVariableMissing,
    /// What the window sent cannot be read as the command's input (a date that does not exist
    /// sent by hand, a number where text belongs): Tauri refuses it before the command runs, and
    /// the window reads its refusal as this code.
    #[serde(rename = "input.unreadable")]
    InputUnreadable,
    #[serde(rename = "internal")]
    Internal,
}

/// `{code, message}`: what every command returns on failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into() }
    }
}

impl From<TaxIdError> for ApiError {
    fn from(e: TaxIdError) -> Self {
        let code = match e {
            TaxIdError::Length => ErrorCode::TaxIdLength,
            TaxIdError::NotDigits => ErrorCode::TaxIdNotDigits,
            TaxIdError::CheckDigit => ErrorCode::TaxIdCheckDigit,
            TaxIdError::UnknownKind => ErrorCode::TaxIdUnknownKind,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<ProfileError> for ApiError {
    fn from(e: ProfileError) -> Self {
        let code = match e {
            ProfileError::TaxId(inner) => return inner.into(),
            ProfileError::ExpectedIin => ErrorCode::TaxIdExpectedIin,
            ProfileError::ExpectedBin => ErrorCode::TaxIdExpectedBin,
            ProfileError::EmptyName => ErrorCode::SellerNameEmpty,
            ProfileError::EmptyOutletName => ErrorCode::OutletNameEmpty,
            ProfileError::EmptyOutletCity => ErrorCode::OutletCityEmpty,
            ProfileError::EmptyOutletAddress => ErrorCode::OutletAddressEmpty,
            ProfileError::BadUrl => ErrorCode::WebBadUrl,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<club::membership::VoidError> for ApiError {
    fn from(e: club::membership::VoidError) -> Self {
        use club::membership::VoidError as V;
        let code = match e {
            V::NoSuchEvent => ErrorCode::NoSuchEvent,
            V::AlreadyVoided => ErrorCode::EventAlreadyVoided,
            V::NotTheLatest => ErrorCode::VoidNotLatest,
            V::NotVoidable => ErrorCode::NotVoidable,
            V::ReasonEmpty => ErrorCode::VoidReasonEmpty,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<TransitionError> for ApiError {
    fn from(e: TransitionError) -> Self {
        let code = match e {
            TransitionError::AlreadyMember => ErrorCode::AlreadyMember,
            TransitionError::NotMember => ErrorCode::NotMember,
            TransitionError::MeasureAlreadyApplied => ErrorCode::MeasureAlreadyApplied,
            TransitionError::MeasureNotApplied => ErrorCode::MeasureNotApplied,
            TransitionError::NoClubStop => ErrorCode::NoClubStop,
            TransitionError::AlreadyExiting => ErrorCode::AlreadyExiting,
            TransitionError::NotExiting => ErrorCode::NotExiting,
            TransitionError::InTheFuture => ErrorCode::DateInFuture,
            TransitionError::BeforeLastEvent => ErrorCode::BeforeLastEvent,
            TransitionError::EffectiveBeforeAnnounced => ErrorCode::EffectiveBeforeAnnounced,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<club::marks::MarksError> for ApiError {
    fn from(e: club::marks::MarksError) -> Self {
        use club::marks::MarksError as M;
        let code = match e {
            M::EmptySpot => ErrorCode::MarksEmptySpot,
            M::EmptyPerson => ErrorCode::MarksEmptyPerson,
            M::DateInFuture => ErrorCode::DateInFuture,
            M::EmptyDescription => ErrorCode::MarksEmptyDescription,
            M::DeadlineBeforeStart => ErrorCode::ExitDeadlineBeforeStart,
            M::NoSuchItem => ErrorCode::ExitNoSuchItem,
            M::NoEvidence => ErrorCode::ExitNoEvidence,
            M::NotAllDone => ErrorCode::ExitNotAllDone,
            M::BeforeExit => ErrorCode::ExitBeforeStart,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<AcceptanceError> for ApiError {
    fn from(e: AcceptanceError) -> Self {
        let code = match e {
            AcceptanceError::EmptyIdentifier => ErrorCode::MeansEmptyIdentifier,
            AcceptanceError::AlreadyDisconnected => ErrorCode::MeansAlreadyDisconnected,
            AcceptanceError::BeforeConnected => ErrorCode::MeansBeforeConnected,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<club::money::MoneyError> for ApiError {
    fn from(e: club::money::MoneyError) -> Self {
        use club::money::MoneyError;
        let code = match e {
            MoneyError::Empty => ErrorCode::AmountEmpty,
            MoneyError::NotANumber => ErrorCode::AmountNotANumber,
            MoneyError::TooPrecise => ErrorCode::AmountTooPrecise,
            MoneyError::TooLarge => ErrorCode::AmountTooLarge,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<club::fines::FineError> for ApiError {
    fn from(e: club::fines::FineError) -> Self {
        use club::fines::FineError as F;
        let code = match e {
            F::EmptyNotice => ErrorCode::FineEmptyNotice,
            F::AmountNotPositive => ErrorCode::FineAmountNotPositive,
            F::FactAfterNotice => ErrorCode::FineFactAfterNotice,
            F::DueBeforeNotice => ErrorCode::FineDueBeforeNotice,
            F::PaymentNotPositive => ErrorCode::FinePaymentNotPositive,
            F::Overpayment => ErrorCode::FineOverpayment,
            F::AlreadyPaid => ErrorCode::FineAlreadyPaid,
            F::FineCancelled => ErrorCode::FineCancelled,
            F::DisputeOnPaid => ErrorCode::FineDisputeOnPaid,
            F::AlreadyDisputed => ErrorCode::FineAlreadyDisputed,
            F::UnderDispute => ErrorCode::FineUnderDispute,
            F::NotDisputed => ErrorCode::FineNotDisputed,
            F::DeadlineBeforeDispute => ErrorCode::FineDeadlineBeforeDispute,
            F::OutOfOrder => ErrorCode::FineOutOfOrder,
            F::NoSuchPayment => ErrorCode::FineNoSuchPayment,
            F::ReasonEmpty => ErrorCode::CorrectionReasonEmpty,
            F::CorrectionBelowPaid => ErrorCode::FineCorrectionBelowPaid,
            F::CorrectionChangesNothing => ErrorCode::CorrectionChangesNothing,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NewerVersion { .. } => ErrorCode::StoreNewerVersion,
            StoreError::Corrupt(_) => ErrorCode::StoreCorrupt,
            StoreError::Locked => ErrorCode::StoreLocked,
            StoreError::Full => ErrorCode::StoreFull,
            StoreError::Migration { .. } => ErrorCode::StoreMigrationFailed,
            // A file the store writes beside the database (a safety copy, a backup) on a full disk.
            StoreError::Io(io) if io.kind() == std::io::ErrorKind::StorageFull => ErrorCode::StoreFull,
            StoreError::Io(_) => ErrorCode::StoreIo,
            StoreError::BadData(_) => ErrorCode::StoreBadData,
            StoreError::KeyRefused => ErrorCode::StoreKeyRefused,
            StoreError::NotEncrypted => ErrorCode::StoreNotEncrypted,
            StoreError::NotFound(_) | StoreError::Sqlite(_) => ErrorCode::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}
