use desk::fines::{
    CompleteActionDto, CorrectFineDto, CorrectiveStepDto, DisputeDto, FineDetailDto, FinePageDto, FineQuery,
    FinesSummaryDto, NewFineDto, NewScheduleEntryDto, OutcomeDto, PaymentDto, ScheduleLineDto, TotalsDto,
    VoidPaymentDto,
};
use desk::ApiError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn list_fines(state: State<'_, AppState>, query: FineQuery) -> Result<FinePageDto, ApiError> {
    state.with(move |desk| desk.list_fines(&query)).await
}

#[tauri::command]
pub async fn fine_totals(state: State<'_, AppState>, query: FineQuery) -> Result<TotalsDto, ApiError> {
    state.with(move |desk| desk.fine_totals(&query)).await
}

#[tauri::command]
pub async fn get_fine(state: State<'_, AppState>, id: i64) -> Result<FineDetailDto, ApiError> {
    state.with(move |desk| desk.fine_detail(id)).await
}

#[tauri::command]
pub async fn record_fine(state: State<'_, AppState>, input: NewFineDto) -> Result<FineDetailDto, ApiError> {
    state.with(move |desk| desk.record_fine(input)).await
}

#[tauri::command]
pub async fn dispute_fine(state: State<'_, AppState>, input: DisputeDto) -> Result<FineDetailDto, ApiError> {
    state.with(move |desk| desk.dispute_fine(input)).await
}

#[tauri::command]
pub async fn record_outcome(state: State<'_, AppState>, input: OutcomeDto) -> Result<FineDetailDto, ApiError> {
    state.with(move |desk| desk.record_outcome(input)).await
}

#[tauri::command]
pub async fn pay_fine(state: State<'_, AppState>, input: PaymentDto) -> Result<FineDetailDto, ApiError> {
    state.with(move |desk| desk.pay_fine(input)).await
}

#[tauri::command]
pub async fn void_payment(state: State<'_, AppState>, input: VoidPaymentDto) -> Result<FineDetailDto, ApiError> {
    state.with(move |desk| desk.void_payment(input)).await
}

#[tauri::command]
pub async fn correct_fine(state: State<'_, AppState>, input: CorrectFineDto) -> Result<FineDetailDto, ApiError> {
    state.with(move |desk| desk.correct_fine(input)).await
}

#[tauri::command]
pub async fn get_schedule(state: State<'_, AppState>) -> Result<Vec<ScheduleLineDto>, ApiError> {
    state.with(|desk| desk.schedule()).await
}

#[tauri::command]
pub async fn add_schedule_entry(
    state: State<'_, AppState>,
    input: NewScheduleEntryDto,
) -> Result<Vec<ScheduleLineDto>, ApiError> {
    state.with(move |desk| desk.add_schedule_entry(input)).await
}

#[tauri::command]
pub async fn add_corrective_step(
    state: State<'_, AppState>,
    input: CorrectiveStepDto,
) -> Result<FinesSummaryDto, ApiError> {
    state.with(move |desk| desk.add_corrective_step(input)).await
}

#[tauri::command]
pub async fn complete_corrective_action(
    state: State<'_, AppState>,
    input: CompleteActionDto,
) -> Result<FinesSummaryDto, ApiError> {
    state.with(move |desk| desk.complete_corrective_action(input)).await
}
