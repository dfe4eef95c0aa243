//! Statements for accountants: the period's fines, payments and balances as XLSX, CSV, PDF or
//! the 1C bank-exchange text; and the bank details the 1C file needs (the seller's account and
//! the payee of fines).

use chrono::NaiveDate;
use club::bank::{BankAccount, BankError, Payee};
use club::ident::TaxId;
use club::money::Tenge;
use club::profile::{Outlet, Seller};
use club::statement::{build, Period, Statement, StatementError, Sums};
use club::Lang;
use export::{Context, CsvStyle, Payments};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits::LIMITS;
use crate::{ApiError, Desk, ErrorCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatementFormat {
    Xlsx,
    /// For Excel in Kazakhstan: UTF-8 with BOM, `;`, decimal comma.
    Csv,
    /// `,` and `.`, ISO dates: for programs.
    CsvPlain,
    Pdf,
    /// 1C:Accounting bank exchange (`1CClientBankExchange`, Windows-1251).
    #[serde(rename = "1c")]
    OneC,
}

impl StatementFormat {
    pub fn parse(code: &str) -> Option<StatementFormat> {
        Some(match code {
            "xlsx" => StatementFormat::Xlsx,
            "csv" => StatementFormat::Csv,
            "csv-plain" | "csv_plain" => StatementFormat::CsvPlain,
            "pdf" => StatementFormat::Pdf,
            "1c" => StatementFormat::OneC,
            _ => return None,
        })
    }

    fn extension(self) -> &'static str {
        match self {
            StatementFormat::Xlsx => "xlsx",
            StatementFormat::Csv | StatementFormat::CsvPlain => "csv",
            StatementFormat::Pdf => "pdf",
            StatementFormat::OneC => "txt",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StatementRequest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// One outlet, or all.
    pub outlet_id: Option<i64>,
    pub format: StatementFormat,
    pub lang: Lang,
}

/// What the Statements page shows before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatementPreview {
    pub totals: Sums,
    pub disputed_at_close: Tenge,
    /// Entries in the period.
    pub lines: u32,
    /// Payments by transfer: the documents of the 1C file.
    pub transfers: u32,
}

/// A statement read from the store, ready to be rendered in its format.
pub struct StatementJob {
    request: StatementRequest,
    statement: Statement,
    seller: Seller,
    outlets: Vec<Outlet>,
    payments: Option<(BankAccount, Payee)>,
    prepared_on: NaiveDate,
}

impl StatementJob {
    /// The file, telling `progress` (entries written, of all) along the way.
    pub fn render(&self, progress: export::Progress<'_>) -> Result<StatementFile, ApiError> {
        let req = &self.request;
        let ctx = Context {
            statement: &self.statement,
            seller: &self.seller,
            outlets: &self.outlets,
            lang: req.lang,
            prepared_on: self.prepared_on,
            progress,
        };
        let not_written = |e: export::ExportError| ApiError::new(ErrorCode::StatementNotWritten, e.to_string());
        let bytes = match (req.format, &self.payments) {
            (StatementFormat::Xlsx, _) => export::xlsx(&ctx).map_err(not_written)?,
            (StatementFormat::Csv, _) => export::csv(&ctx, CsvStyle::Excel).map_err(not_written)?,
            (StatementFormat::CsvPlain, _) => export::csv(&ctx, CsvStyle::Plain).map_err(not_written)?,
            (StatementFormat::Pdf, _) => export::pdf(&ctx).map_err(not_written)?,
            (StatementFormat::OneC, Some((account, payee))) => {
                export::one_c(&ctx, &Payments { account, payee }).map_err(not_written)?
            }
            (StatementFormat::OneC, None) => {
                return Err(ApiError::new(ErrorCode::StatementNoAccount, "the 1C file needs the bank details"))
            }
        };
        Ok(StatementFile { name: file_name(req), bytes })
    }
}

/// A statement file, ready to be written where the user chose.
#[derive(Debug)]
pub struct StatementFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BankDetailsDto {
    pub account: Option<BankAccount>,
    pub payee: Option<Payee>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AccountDraft {
    pub iik: String,
    pub bic: String,
    pub bank_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PayeeDraft {
    pub name: String,
    pub tax_id: String,
    pub iik: String,
    pub bic: String,
    pub bank_name: String,
    pub kbe: String,
    pub knp: String,
}

impl From<BankError> for ApiError {
    fn from(e: BankError) -> Self {
        let code = match e {
            BankError::IikShape => ErrorCode::BankIikShape,
            BankError::IikCheck => ErrorCode::BankIikCheck,
            BankError::BicShape => ErrorCode::BankBicShape,
            BankError::EmptyBankName => ErrorCode::BankNameEmpty,
            BankError::KbeShape => ErrorCode::BankKbeShape,
            BankError::KnpShape => ErrorCode::BankKnpShape,
            BankError::EmptyPayeeName => ErrorCode::BankPayeeNameEmpty,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<StatementError> for ApiError {
    fn from(e: StatementError) -> Self {
        let code = match e {
            StatementError::PeriodReversed => ErrorCode::StatementPeriodReversed,
            StatementError::BadLedger(_) => ErrorCode::StoreBadData,
            StatementError::Overflow => ErrorCode::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}

/// `statement-2026-01-01-2026-03-31-kk.xlsx`, with `-outlet-2` for one outlet.
pub fn file_name(req: &StatementRequest) -> String {
    let outlet = req.outlet_id.map(|id| format!("-outlet-{id}")).unwrap_or_default();
    let kind = if req.format == StatementFormat::OneC { "-1c" } else { "" };
    format!("statement-{}-{}{outlet}{kind}-{}.{}", req.from, req.to, req.lang.code(), req.format.extension())
}

impl Desk {
    fn statement(&self, req: &StatementRequest) -> Result<Statement, ApiError> {
        // Who may export (6.8): the owner and the accountant.
        self.need(crate::people::Need::Statements)?;
        if req.to < req.from {
            return Err(StatementError::PeriodReversed.into());
        }
        let db = self.store.read();
        if let Some(id) = req.outlet_id {
            if !db.outlets()?.iter().any(|o| o.id == id) {
                return Err(ApiError::new(ErrorCode::OutletNotFound, format!("there is no outlet {id}")));
            }
        }
        let ledger = db.ledger(req.outlet_id, req.to)?;
        Ok(build(&ledger, Period { from: req.from, to: req.to }, req.outlet_id)?)
    }

    pub fn statement_preview(&self, req: &StatementRequest) -> Result<StatementPreview, ApiError> {
        self.need(crate::people::Need::Statements)?;
        let s = self.statement(req)?;
        let transfers = s.lines.iter().filter(|l| l.movement == club::statement::Movement::Paid && !l.voided).count();
        Ok(StatementPreview {
            totals: s.totals,
            disputed_at_close: s.disputed_at_close,
            lines: s.lines.len() as u32,
            transfers: transfers as u32,
        })
    }

    /// The statement as a file in the requested format, prepared on `prepared_on` (the day
    /// printed in it; today unless given, so that the same data gives the same bytes).
    pub fn statement_file(
        &self,
        req: &StatementRequest,
        prepared_on: Option<NaiveDate>,
    ) -> Result<StatementFile, ApiError> {
        self.need(crate::people::Need::Statements)?;
        self.statement_job(req, prepared_on)?.render(&export::quiet)
    }

    /// Everything a statement file is made from, read from the store now; rendering it (the
    /// slow part for large periods) needs no store, so the window renders it without holding
    /// the desk.
    pub fn statement_job(
        &self,
        req: &StatementRequest,
        prepared_on: Option<NaiveDate>,
    ) -> Result<StatementJob, ApiError> {
        self.need(crate::people::Need::Statements)?;
        let statement = self.statement(req)?;
        let db = self.store.read();
        let seller = db.seller()?.ok_or_else(|| ApiError::new(ErrorCode::ShopMissing, "there is no shop yet"))?;
        let payments = if req.format == StatementFormat::OneC {
            let account = db.seller_account()?.ok_or_else(|| {
                ApiError::new(ErrorCode::StatementNoAccount, "the seller's bank account (IIK, BIC) is not entered")
            })?;
            let payee = db.payee()?.ok_or_else(|| {
                ApiError::new(
                    ErrorCode::StatementNoPayee,
                    "the payee of fines (name, BIN, IIK, BIC, KBe, KNP) is not entered",
                )
            })?;
            Some((account, payee))
        } else {
            None
        };
        Ok(StatementJob {
            request: req.clone(),
            statement,
            seller,
            outlets: db.outlets()?,
            payments,
            prepared_on: prepared_on.unwrap_or_else(|| self.today()),
        })
    }
    pub fn bank_details(&self) -> Result<BankDetailsDto, ApiError> {
        self.need(crate::people::Need::BankDetails)?;
        let db = self.store.read();
        Ok(BankDetailsDto { account: db.seller_account()?, payee: db.payee()? })
    }

    pub fn set_seller_account(&mut self, draft: &AccountDraft) -> Result<BankDetailsDto, ApiError> {
        self.need(crate::people::Need::BankDetails)?;
        check_bank_name(&draft.bank_name)?;
        let account = BankAccount::new(&draft.iik, &draft.bic, &draft.bank_name)?;
        self.store.write(|db| db.set_seller_account(&account))?;
        self.bank_details()
    }

    pub fn set_payee(&mut self, draft: &PayeeDraft) -> Result<BankDetailsDto, ApiError> {
        self.need(crate::people::Need::BankDetails)?;
        check_bank_name(&draft.bank_name)?;
        crate::limits::check(&[("payee's name", &draft.name, LIMITS.name)])?;
        crate::limits::check_printable(&[("payee's name", &draft.name)])?;
        let tax_id = TaxId::parse(&draft.tax_id)?;
        let account = BankAccount::new(&draft.iik, &draft.bic, &draft.bank_name)?;
        let payee = Payee::new(&draft.name, tax_id, account, &draft.kbe, &draft.knp)?;
        self.store.write(|db| db.set_payee(&payee))?;
        self.bank_details()
    }
}

/// A bank's name within its limit and printable: it goes into the statement and the 1C file.
fn check_bank_name(name: &str) -> Result<(), ApiError> {
    crate::limits::check(&[("bank's name", name, LIMITS.name)])?;
    crate::limits::check_printable(&[("bank's name", name)])
}

/// Writes `bytes` to `path` through a temporary file beside it and a rename, so that a killed
/// process or a full disk never leaves a half-written statement under the chosen name.
pub fn save(path: &std::path::Path, bytes: &[u8]) -> Result<(), ApiError> {
    use std::io::Write;
    let fail =
        |e: std::io::Error| ApiError::new(ErrorCode::FileNotSaved, format!("cannot write {}: {e}", path.display()));
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.part"));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

/// How far the writing of a statement file has got, for the window's progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatementProgress {
    pub done: u32,
    pub total: u32,
}
