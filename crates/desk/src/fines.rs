//! Fines: the agreed schedule, recording fines, disputes, payments, corrective actions, lists
//! and totals. Every write goes through `Store::write`, which records it in the audit trail.

use chrono::{Days, NaiveDate};
use club::fines::{
    Fine, FineEvent, FineState, PaymentKind, RefusalWarning, Schedule, ScheduleEntry, ScheduleMismatch, Violation,
};
use club::money::Tenge;
use serde::{Deserialize, Serialize};
use store::fines::{Cursor, FineDerived, FineFilter, FineOrder, FineRow, FineTotals, SortColumn, SortKey, StateFilter};
use store::Db;
use ts_rs::TS;

use crate::limits::LIMITS;
use crate::{ApiError, Desk, ErrorCode};

/// The largest file kept with a fine.
pub const MAX_ATTACHMENT: usize = 25 * 1024 * 1024;

/// What an attached file is to the fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileRole {
    /// The platform's notice of the fine.
    Notice,
    /// Evidence for the dispute (a receipt, a photo, a video).
    Evidence,
}

/// How many days ahead "due soon" looks.
pub const DUE_SOON_DAYS: u64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum FineStateFilter {
    #[default]
    Any,
    Open,
    Overdue,
    Disputed,
    Paid,
    Cancelled,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, Default)]
pub struct FineQuery {
    pub state: FineStateFilter,
    pub outlet_id: Option<i64>,
    pub violation: Option<Violation>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Any part of the notice number or the notes (see `store::fines::FineFilter::search`).
    #[serde(default)]
    pub search: String,
    #[serde(default)]
    pub sort: FineSort,
    /// Newest, latest or largest first unless set.
    #[serde(default)]
    pub ascending: bool,
    /// Continue after this fine (from the previous page's `next`, with the same sort).
    pub after: Option<FineCursor>,
    pub limit: u32,
}

/// What a list of fines is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum FineSort {
    #[default]
    NoticeDate,
    Amount,
    DueDate,
    Balance,
    State,
}

/// Where the next page starts: the last row's value in the sort column (a date, a state, or an
/// amount in tiyn, as text) and its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FineCursor {
    pub key: String,
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TotalsDto {
    pub count: i64,
    pub charged: Tenge,
    /// Written off by cancellation: charged − cancelled − paid − offset = balance.
    pub cancelled: Tenge,
    pub paid: Tenge,
    pub offset: Tenge,
    pub balance: Tenge,
}

impl From<FineTotals> for TotalsDto {
    fn from(t: FineTotals) -> Self {
        TotalsDto {
            count: t.count,
            charged: t.charged,
            cancelled: t.cancelled,
            paid: t.paid,
            offset: t.offset,
            balance: t.balance,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FineDto {
    pub id: i64,
    pub fine: Fine,
    pub clause: String,
    pub state: FineState,
    pub paid: Tenge,
    pub offset: Tenge,
    pub balance: Tenge,
    pub overdue: bool,
    /// Charged minus agreed on the fact's date, when they differ.
    pub mismatch: Option<Tenge>,
}

/// One page of the list. Totals over the whole selection come from [`Desk::fine_totals`],
/// asked for separately, so that paging stays quick however many fines there are.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FinePageDto {
    pub rows: Vec<FineDto>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<FineCursor>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FineEventDto {
    pub id: i64,
    pub event: FineEvent,
    pub grounds: String,
    /// A payment voided by a later entry (it stays in the history, struck through).
    pub voided: bool,
    /// Who recorded it (6.8); `None` for entries from before the shop had people.
    pub by: Option<String>,
}

/// Voids a payment recorded by mistake (`event_id` is the payment's entry); with `payment`,
/// the right payment is recorded in the same step, on the same day.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VoidPaymentDto {
    pub fine_id: i64,
    pub event_id: i64,
    pub on: NaiveDate,
    pub reason: String,
    pub payment: Option<CorrectPaymentDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CorrectPaymentDto {
    /// As typed: `50 000`, `50000,00`.
    pub amount: String,
    pub kind: PaymentKind,
    pub reference: String,
}

/// Corrects a fine's amount or due date recorded wrongly.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CorrectFineDto {
    pub fine_id: i64,
    pub on: NaiveDate,
    pub amount: String,
    pub due_date: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FineFileDto {
    pub id: i64,
    pub role: String,
    pub name: String,
    pub sha256: String,
    pub size: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CorrectiveActionDto {
    pub id: i64,
    pub fine_id: i64,
    pub outlet_id: i64,
    pub opened_on: NaiveDate,
    pub steps: String,
    pub done_on: Option<NaiveDate>,
    pub done_note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FineDetailDto {
    pub fine: FineDto,
    pub schedule_check: Option<ScheduleMismatch>,
    pub events: Vec<FineEventDto>,
    pub files: Vec<FineFileDto>,
    pub corrective_action: Option<CorrectiveActionDto>,
    pub dispute_deadline: Option<NaiveDate>,
    /// Who recorded the fine (6.8); `None` for fines from before the shop had people.
    pub recorded_by: Option<String>,
}

/// The fines part of the status page.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FinesSummaryDto {
    pub open: TotalsDto,
    pub overdue: TotalsDto,
    pub due_soon: TotalsDto,
    pub refusal_warning: Option<RefusalWarning>,
    pub open_corrective_actions: Vec<CorrectiveActionDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewFineDto {
    pub notice_number: String,
    pub notice_date: NaiveDate,
    pub fact_date: NaiveDate,
    pub outlet_id: i64,
    pub violation: Violation,
    /// As typed: `50 000`, `50000,00`.
    pub amount: String,
    pub due_date: NaiveDate,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewScheduleEntryDto {
    pub violation: Violation,
    pub amount: String,
    pub effective_from: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ScheduleLineDto {
    pub id: i64,
    pub entry: ScheduleEntry,
    pub clause: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DisputeDto {
    pub fine_id: i64,
    pub on: NaiveDate,
    pub deadline: NaiveDate,
    pub grounds: String,
    /// The language of the dispute letter.
    pub letter_lang: club::Lang,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OutcomeDto {
    pub fine_id: i64,
    pub on: NaiveDate,
    /// true: the dispute was won (the fine is cancelled); false: rejected (the fine stands).
    pub won: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PaymentDto {
    pub fine_id: i64,
    pub on: NaiveDate,
    pub amount: String,
    pub kind: PaymentKind,
    pub reference: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CorrectiveStepDto {
    pub id: i64,
    pub on: NaiveDate,
    /// What was done, e.g. "cashiers of the Astana outlet briefed on 2.5.4".
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CompleteActionDto {
    pub id: i64,
    pub on: NaiveDate,
    pub note: String,
}

fn order_of(q: &FineQuery) -> FineOrder {
    let column = match q.sort {
        FineSort::NoticeDate => SortColumn::NoticeDate,
        FineSort::Amount => SortColumn::Amount,
        FineSort::DueDate => SortColumn::DueDate,
        FineSort::Balance => SortColumn::Balance,
        FineSort::State => SortColumn::State,
    };
    FineOrder { column, ascending: q.ascending }
}

/// A page cursor read back for the sort column; one that does not fit it (sent with another
/// sort) is refused rather than silently starting over.
fn cursor_key(column: SortColumn, key: &str) -> Result<SortKey, ApiError> {
    let bad = || ApiError::new(ErrorCode::FineCursorStale, format!("the page cursor {key:?} belongs to another order"));
    match column {
        SortColumn::Amount | SortColumn::Balance => key.parse().map(SortKey::Int).map_err(|_| bad()),
        SortColumn::NoticeDate | SortColumn::DueDate => {
            key.parse::<NaiveDate>().map(|d| SortKey::Text(d.to_string())).map_err(|_| bad())
        }
        SortColumn::State => Ok(SortKey::Text(key.to_string())),
    }
}

fn filter_of(q: &FineQuery) -> FineFilter {
    FineFilter {
        state: match q.state {
            FineStateFilter::Any => StateFilter::Any,
            FineStateFilter::Open => StateFilter::Open,
            FineStateFilter::Overdue => StateFilter::Overdue,
            FineStateFilter::Disputed => StateFilter::Disputed,
            FineStateFilter::Paid => StateFilter::Paid,
            FineStateFilter::Cancelled => StateFilter::Cancelled,
        },
        outlet_id: q.outlet_id,
        violation: q.violation,
        from: q.from,
        to: q.to,
        search: Some(q.search.clone()).filter(|s| !s.trim().is_empty()),
    }
}

fn dto(row: FineRow, today: NaiveDate) -> FineDto {
    let overdue = matches!(row.state, FineState::Received | FineState::Upheld)
        && row.balance > Tenge::ZERO
        && today > row.fine.due_date;
    FineDto {
        id: row.id,
        clause: row.fine.violation.clause().to_string(),
        fine: row.fine,
        state: row.state,
        paid: row.paid,
        offset: row.offset,
        balance: row.balance,
        overdue,
        mismatch: row.mismatch,
    }
}

fn not_found() -> ApiError {
    ApiError::new(ErrorCode::FineNotFound, "no such fine")
}

/// A fine's notice number and notes within their limits (the form and the import).
pub(crate) fn check_fine_texts(notice_number: &str, notes: &str) -> Result<(), ApiError> {
    crate::limits::check(&[("notice number", notice_number, LIMITS.number), ("notes", notes, LIMITS.text)])?;
    // The notice number is quoted in the dispute letter.
    crate::limits::check_printable(&[("notice number", notice_number)])
}

fn check_not_future(day: NaiveDate, today: NaiveDate) -> Result<(), ApiError> {
    if day > today {
        return Err(ApiError::new(ErrorCode::DateInFuture, "the date is in the future"));
    }
    Ok(())
}

/// Records a fine, its schedule check and (for a refusal) its corrective action. Shared by
/// the form and the CSV import, inside the caller's transaction.
pub(crate) fn insert_fine(db: &Db<'_>, fine: &Fine, today: NaiveDate) -> Result<i64, ApiError> {
    fine.validate()?;
    check_not_future(fine.notice_date, today)?;
    if !db.outlets()?.iter().any(|o| o.id == fine.outlet_id) {
        return Err(ApiError::new(ErrorCode::OutletNotFound, "no such outlet"));
    }
    if db.fine_id_by_notice(&fine.notice_number)?.is_some() {
        return Err(ApiError::new(
            ErrorCode::FineDuplicateNotice,
            format!("a fine with notice {} is already recorded (6.5: one fine per fact)", fine.notice_number),
        ));
    }
    let schedule = Schedule::new(db.schedule()?.into_iter().map(|(_, e)| e).collect());
    let mismatch = schedule.check(fine.violation, fine.fact_date, fine.amount).map(|m| m.difference);
    let derived = FineDerived {
        state: FineState::Received,
        paid: Tenge::ZERO,
        offset: Tenge::ZERO,
        balance: fine.amount,
        mismatch,
    };
    let id = db.insert_fine(fine, &derived)?;
    if fine.violation.needs_corrective_action() {
        // The action's aim is fixed by 6.3 (retrain the outlet's staff on 2.5.4); steps are added as taken.
        let action = db.insert_corrective_action(id, fine.outlet_id, fine.notice_date, "")?;
        // 6.3: the outlet's cashiers are assigned the 2.5.4 lesson and its quiz.
        crate::training::assign_after_refusal(db, action, fine.outlet_id, today)?;
    }
    Ok(id)
}

impl Desk {
    pub fn schedule(&self) -> Result<Vec<ScheduleLineDto>, ApiError> {
        self.need(crate::people::Need::Fines)?;
        Ok(self
            .store
            .read()
            .schedule()?
            .into_iter()
            .map(|(id, entry)| ScheduleLineDto { id, clause: entry.violation.clause().into(), entry })
            .collect())
    }

    /// Adds a line to the agreed schedule. Fines already recorded keep the check they got.
    pub fn add_schedule_entry(&mut self, input: NewScheduleEntryDto) -> Result<Vec<ScheduleLineDto>, ApiError> {
        self.need(crate::people::Need::Fines)?;
        let amount = Tenge::parse(&input.amount)?;
        if amount <= Tenge::ZERO {
            return Err(ApiError::new(ErrorCode::FineAmountNotPositive, "the amount must be more than zero"));
        }
        let entry = ScheduleEntry { violation: input.violation, amount, effective_from: input.effective_from };
        self.store.write(|db| db.insert_schedule_entry(&entry))?;
        self.schedule()
    }

    pub fn record_fine(&mut self, input: NewFineDto) -> Result<FineDetailDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        check_fine_texts(&input.notice_number, &input.notes)?;
        let amount = Tenge::parse(&input.amount)?;
        let fine = Fine {
            notice_number: input.notice_number.trim().to_string(),
            notice_date: input.notice_date,
            fact_date: input.fact_date,
            outlet_id: input.outlet_id,
            violation: input.violation,
            amount,
            due_date: input.due_date,
            notes: input.notes.trim().to_string(),
        };
        let today = self.today();
        let id = self.store.write(|db| insert_fine(db, &fine, today))?;
        self.fine_detail(id)
    }

    pub fn fine_detail(&self, id: i64) -> Result<FineDetailDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        let db = self.store.read();
        let row = db.fine(id)?.ok_or_else(not_found)?;
        let today = self.today();
        let events = db.fine_events(id)?;
        let plain: Vec<FineEvent> = events.iter().map(|e| e.event.clone()).collect();
        let view = row.fine.view(&plain, today).map_err(|(i, e)| {
            ApiError::new(ErrorCode::HistoryBroken, format!("event {} of fine {id} does not fit: {e}", i + 1))
        })?;
        // Who recorded the fine and each entry (6.8), read once.
        let names = self.people_names()?;
        let schedule = Schedule::new(db.schedule()?.into_iter().map(|(_, e)| e).collect());
        let schedule_check = schedule.check(row.fine.violation, row.fine.fact_date, row.fine.amount);
        let corrective_action = db.corrective_actions()?.into_iter().find(|a| a.fine_id == id).map(corrective_dto);
        let files = db
            .fine_files(id)?
            .into_iter()
            .map(|f| FineFileDto { id: f.id, role: f.role, name: f.name, sha256: f.sha256, size: f.size })
            .collect();
        Ok(FineDetailDto {
            fine: dto(row, today),
            schedule_check,
            events: {
                let voided: Vec<usize> = plain
                    .iter()
                    .filter_map(|e| match e {
                        FineEvent::PaymentVoided { payment, .. } => (*payment as usize).checked_sub(1),
                        _ => None,
                    })
                    .collect();
                let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
                let by = db.inserted_by("fine_event", &ids)?;
                events
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| FineEventDto {
                        id: e.id,
                        by: by.get(&e.id).and_then(|p| names.get(p)).cloned(),
                        event: e.event,
                        grounds: e.grounds,
                        voided: voided.contains(&i),
                    })
                    .collect()
            },
            files,
            corrective_action,
            dispute_deadline: view.dispute_deadline,
            recorded_by: db.inserted_by("fine", &[id])?.get(&id).and_then(|p| names.get(p)).cloned(),
        })
    }

    /// Appends an event after checking it against the fine's life so far, and rewrites the
    /// fine's derived columns in the same transaction.
    fn fine_event(&mut self, fine_id: i64, event: FineEvent, grounds: &str) -> Result<FineDetailDto, ApiError> {
        let today = self.today();
        check_not_future(event.on(), today)?;
        self.store.write(|db| append_event(db, fine_id, &event, grounds, today).map(|_| ()))?;
        self.fine_detail(fine_id)
    }

    /// Records the dispute and, in the same transaction, renders the dispute letter in the
    /// chosen language and keeps it with the fine (ready to be signed once signing exists).
    pub fn dispute_fine(&mut self, input: DisputeDto) -> Result<FineDetailDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        let grounds = input.grounds.trim().to_string();
        crate::limits::check(&[("grounds", &grounds, LIMITS.text)])?;
        crate::limits::check_printable(&[("grounds", &grounds)])?;
        if grounds.is_empty() {
            return Err(ApiError::new(ErrorCode::FineGroundsEmpty, "the grounds of the dispute are empty"));
        }
        let today = self.today();
        check_not_future(input.on, today)?;
        let event = FineEvent::Disputed { on: input.on, deadline: input.deadline };
        let fine_id = input.fine_id;
        self.store.write(|db| -> Result<(), ApiError> {
            let (row, event_id) = append_event(db, fine_id, &event, &grounds, today)?;
            let seller = db.seller()?.ok_or_else(|| ApiError::new(ErrorCode::ShopMissing, "no shop"))?;
            let outlets = db.outlets()?;
            let outlet = outlets
                .iter()
                .find(|o| o.id == row.fine.outlet_id)
                .ok_or_else(|| ApiError::new(ErrorCode::OutletNotFound, "the fine's outlet is missing"))?;
            let facts = crate::letters::LetterFacts {
                seller: &seller,
                outlet,
                fine: &row.fine,
                written_on: input.on,
                deadline: input.deadline,
                grounds: &grounds,
            };
            let doc = crate::letters::dispute_letter(&facts, input.letter_lang);
            let pdf = print::render(&doc).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
            let name = crate::letters::file_name(&row.fine, input.letter_lang);
            db.insert_fine_file(fine_id, Some(event_id), "letter", &name, &pdf)?;
            Ok(())
        })?;
        self.fine_detail(fine_id)
    }

    /// Keeps a file with a fine: the platform's notice, or evidence for its dispute. Files are
    /// stored in the database (with their SHA-256), never replaced: a new file is a new row.
    pub fn attach_fine_file(
        &mut self,
        fine_id: i64,
        role: FileRole,
        name: &str,
        bytes: &[u8],
    ) -> Result<FineDetailDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        if bytes.len() > MAX_ATTACHMENT {
            return Err(ApiError::new(ErrorCode::FileTooLarge, "the file is larger than 25 MB"));
        }
        let name = name.trim();
        let name = if name.is_empty() { "file" } else { name };
        let role = match role {
            FileRole::Notice => "notice",
            FileRole::Evidence => "evidence",
        };
        self.store.write(|db| -> Result<(), ApiError> {
            db.fine(fine_id)?.ok_or_else(not_found)?;
            db.insert_fine_file(fine_id, None, role, name, bytes)?;
            Ok(())
        })?;
        self.fine_detail(fine_id)
    }

    /// A file kept with a fine (the dispute letter, the notice, evidence): its name and bytes.
    pub fn fine_file(&self, file_id: i64) -> Result<(String, Vec<u8>), ApiError> {
        self.need(crate::people::Need::Fines)?;
        self.store
            .read()
            .fine_file_bytes(file_id)?
            .ok_or_else(|| ApiError::new(ErrorCode::FileNotFound, "no such file"))
    }

    pub fn record_outcome(&mut self, input: OutcomeDto) -> Result<FineDetailDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        let event =
            if input.won { FineEvent::Cancelled { on: input.on } } else { FineEvent::DisputeRejected { on: input.on } };
        self.fine_event(input.fine_id, event, "")
    }

    pub fn pay_fine(&mut self, input: PaymentDto) -> Result<FineDetailDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        crate::limits::check(&[("payment reference", &input.reference, LIMITS.number)])?;
        let amount = Tenge::parse(&input.amount)?;
        let event =
            FineEvent::Paid { on: input.on, amount, kind: input.kind, reference: input.reference.trim().into() };
        self.fine_event(input.fine_id, event, "")
    }

    /// Voids a payment recorded by mistake and, when given, records the right one on the same
    /// day, in one transaction: both stay in the history and the statement.
    pub fn void_payment(&mut self, input: VoidPaymentDto) -> Result<FineDetailDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        let reason = input.reason.trim().to_string();
        crate::limits::check(&[("reason", &reason, LIMITS.text)])?;
        let today = self.today();
        check_not_future(input.on, today)?;
        let right = match &input.payment {
            Some(p) => {
                crate::limits::check(&[("payment reference", &p.reference, LIMITS.number)])?;
                let amount = Tenge::parse(&p.amount)?;
                Some(FineEvent::Paid { on: input.on, amount, kind: p.kind, reference: p.reference.trim().into() })
            }
            None => None,
        };
        let fine_id = input.fine_id;
        self.store.write(|db| -> Result<(), ApiError> {
            let events = db.fine_events(fine_id)?;
            let place = events.iter().position(|e| e.id == input.event_id);
            let (payment, amount, kind) = match place.map(|i| (i, &events[i].event)) {
                Some((i, FineEvent::Paid { amount, kind, .. })) => (i as u32 + 1, *amount, *kind),
                _ => return Err(club::fines::FineError::NoSuchPayment.into()),
            };
            let void = FineEvent::PaymentVoided { on: input.on, payment, amount, kind, reason: reason.clone() };
            append_event(db, fine_id, &void, "", today)?;
            if let Some(right) = &right {
                append_event(db, fine_id, right, "", today)?;
            }
            Ok(())
        })?;
        self.fine_detail(fine_id)
    }

    /// Corrects a fine's amount or due date: the wrong charge is reversed and the right one
    /// charged on `on`; the payments so far stay.
    pub fn correct_fine(&mut self, input: CorrectFineDto) -> Result<FineDetailDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        let reason = input.reason.trim().to_string();
        crate::limits::check(&[("reason", &reason, LIMITS.text)])?;
        let amount = Tenge::parse(&input.amount)?;
        let today = self.today();
        check_not_future(input.on, today)?;
        self.store.write(|db| -> Result<(), ApiError> {
            let row = db.fine(input.fine_id)?.ok_or_else(not_found)?;
            if input.due_date < row.fine.notice_date {
                return Err(club::fines::FineError::DueBeforeNotice.into());
            }
            let event = FineEvent::Corrected {
                on: input.on,
                before: row.fine.amount,
                amount,
                due_before: row.fine.due_date,
                due_date: input.due_date,
                reason: reason.clone(),
            };
            append_event(db, input.fine_id, &event, "", today)?;
            Ok(())
        })?;
        self.fine_detail(input.fine_id)
    }

    /// Records a step taken in an open corrective action, dated.
    pub fn add_corrective_step(&mut self, input: CorrectiveStepDto) -> Result<FinesSummaryDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        check_not_future(input.on, self.today())?;
        let text = input.text.trim();
        crate::limits::check(&[("corrective step", text, LIMITS.line)])?;
        if text.is_empty() {
            return Err(ApiError::new(ErrorCode::CorrectiveStepEmpty, "the step is empty"));
        }
        let step = format!("{} {}", input.on.format("%d.%m.%Y"), text.replace('\n', " "));
        self.store.write(|db| -> Result<(), ApiError> {
            db.add_corrective_step(input.id, &step).map_err(|e| match e {
                store::StoreError::NotFound(_) => {
                    ApiError::new(ErrorCode::CorrectiveNotFound, "no open corrective action with this number")
                }
                other => other.into(),
            })
        })?;
        self.fines_summary()
    }

    pub fn complete_corrective_action(&mut self, input: CompleteActionDto) -> Result<FinesSummaryDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        crate::limits::check(&[("note", &input.note, LIMITS.text)])?;
        check_not_future(input.on, self.today())?;
        self.store.write(|db| -> Result<(), ApiError> {
            db.complete_corrective_action(input.id, input.on, input.note.trim()).map_err(|e| match e {
                store::StoreError::NotFound(_) => {
                    ApiError::new(ErrorCode::CorrectiveNotFound, "no open corrective action with this number")
                }
                other => other.into(),
            })
        })?;
        self.fines_summary()
    }

    /// Count and sums over every fine the query's filters select (its cursor and limit aside).
    pub fn fine_totals(&self, query: &FineQuery) -> Result<TotalsDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        Ok(self.store.read().fine_totals(&filter_of(query), self.today())?.into())
    }

    /// One page of fines, newest notice first.
    pub fn list_fines(&self, query: &FineQuery) -> Result<FinePageDto, ApiError> {
        self.need(crate::people::Need::Fines)?;
        let today = self.today();
        let filter = filter_of(query);
        let limit = query.limit.clamp(1, 500);
        let db = self.store.read();
        let order = order_of(query);
        let after: Option<Cursor> = match &query.after {
            None => None,
            Some(c) => Some((cursor_key(order.column, &c.key)?, c.id)),
        };
        // One extra row tells whether another page follows.
        let mut rows = db.list_fines(&filter, order, today, after, limit + 1)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next = if more {
            rows.last().map(|r| FineCursor {
                key: match order.column.key(r) {
                    SortKey::Text(t) => t,
                    SortKey::Int(i) => i.to_string(),
                },
                id: r.id,
            })
        } else {
            None
        };
        Ok(FinePageDto { rows: rows.into_iter().map(|r| dto(r, today)).collect(), next })
    }

    pub fn fines_summary(&self) -> Result<FinesSummaryDto, ApiError> {
        self.need(crate::people::Need::Status)?;
        let today = self.today();
        let db = self.store.read();
        let open = db.fine_totals(&FineFilter { state: StateFilter::Open, ..FineFilter::default() }, today)?;
        let overdue = db.fine_totals(&FineFilter { state: StateFilter::Overdue, ..FineFilter::default() }, today)?;
        let until = today.checked_add_days(Days::new(DUE_SOON_DAYS)).unwrap_or(today);
        let due_soon = db.due_between(today, until)?;
        let warning = refusal_warning_in(&db, today)?;
        let open_corrective_actions =
            db.corrective_actions()?.into_iter().filter(|a| a.done_on.is_none()).map(corrective_dto).collect();
        Ok(FinesSummaryDto {
            open: open.into(),
            overdue: overdue.into(),
            due_soon: due_soon.into(),
            refusal_warning: warning,
            open_corrective_actions,
        })
    }
}

/// Checks `event` against the fine's life so far, appends it and rewrites the fine's derived
/// columns, inside the caller's transaction. Returns the fine as it was and the event's id.
fn append_event(
    db: &Db<'_>,
    fine_id: i64,
    event: &FineEvent,
    grounds: &str,
    today: NaiveDate,
) -> Result<(FineRow, i64), ApiError> {
    let row = db.fine(fine_id)?.ok_or_else(not_found)?;
    let mut events: Vec<FineEvent> = db.fine_events(fine_id)?.into_iter().map(|e| e.event).collect();
    row.fine.check_next(&events, event)?;
    let event_id = db.append_fine_event(fine_id, event, grounds)?;
    events.push(event.clone());
    let view = row.fine.view(&events, today).map_err(|(_, e)| ApiError::from(e))?;
    let mut mismatch = row.mismatch;
    if let FineEvent::Corrected { amount, due_date, .. } = event {
        db.set_fine_amount_due(fine_id, *amount, *due_date)?;
        let schedule = Schedule::new(db.schedule()?.into_iter().map(|(_, e)| e).collect());
        mismatch = schedule.check(row.fine.violation, row.fine.fact_date, *amount).map(|m| m.difference);
    }
    let derived =
        FineDerived { state: view.state, paid: view.paid, offset: view.offset, balance: view.balance, mismatch };
    db.set_fine_derived(fine_id, &derived)?;
    Ok((row, event_id))
}

/// The repeat warning of 6.4 as of `today`, counted by the store.
pub(crate) fn refusal_warning_in(db: &Db<'_>, today: NaiveDate) -> Result<Option<RefusalWarning>, ApiError> {
    let (after, until) = club::fines::repeat_window(today);
    let (count, first, last) = db.refusal_facts(after, until)?;
    Ok(club::fines::refusal_warning_of(count, first, last))
}

fn corrective_dto(a: store::fines::CorrectiveActionRow) -> CorrectiveActionDto {
    CorrectiveActionDto {
        id: a.id,
        fine_id: a.fine_id,
        outlet_id: a.outlet_id,
        opened_on: a.opened_on,
        steps: a.steps,
        done_on: a.done_on,
        done_note: a.done_note,
    }
}
