use desk::statements::{
    file_name, AccountDraft, BankDetailsDto, PayeeDraft, StatementFormat, StatementPreview, StatementProgress,
    StatementRequest,
};
use desk::{ApiError, ErrorCode};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

#[tauri::command]
pub async fn statement_preview(
    state: State<'_, AppState>,
    request: StatementRequest,
) -> Result<StatementPreview, ApiError> {
    state.with(move |desk| desk.statement_preview(&request)).await
}

/// "Save as…" for a statement: the native dialog first, then the file written off the main
/// thread, telling `progress` how many entries are done. `None` when the user cancels.
#[tauri::command]
pub async fn save_statement(
    app: AppHandle,
    state: State<'_, AppState>,
    request: StatementRequest,
    progress: Channel<StatementProgress>,
) -> Result<Option<String>, ApiError> {
    let (label, ext) = match request.format {
        StatementFormat::Xlsx => ("Excel", "xlsx"),
        StatementFormat::Csv | StatementFormat::CsvPlain => ("CSV", "csv"),
        StatementFormat::Pdf => ("PDF", "pdf"),
        StatementFormat::OneC => ("1C", "txt"),
    };
    let chosen = app.dialog().file().set_file_name(file_name(&request)).add_filter(label, &[ext]).blocking_save_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotSaved, format!("the chosen place is not a file path: {e}")))?;
    // Read under the desk (quick); render and write without it, so that the other pages stay
    // usable while a large statement is written.
    let job = state.with(move |desk| desk.statement_job(&request, None)).await?;
    let target = path.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let tell = |done: usize, total: usize| {
            let _ = progress.send(StatementProgress { done: done as u32, total: total as u32 });
        };
        let file = job.render(&tell)?;
        desk::statements::save(&target, &file.bytes)
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("a background task failed: {e}")))??;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn get_bank_details(state: State<'_, AppState>) -> Result<BankDetailsDto, ApiError> {
    state.with(|desk| desk.bank_details()).await
}

#[tauri::command]
pub async fn set_seller_account(state: State<'_, AppState>, input: AccountDraft) -> Result<BankDetailsDto, ApiError> {
    state.with(move |desk| desk.set_seller_account(&input)).await
}

#[tauri::command]
pub async fn set_payee(state: State<'_, AppState>, input: PayeeDraft) -> Result<BankDetailsDto, ApiError> {
    state.with(move |desk| desk.set_payee(&input)).await
}
