use desk::fines::{FileRole, FineDetailDto};
use desk::fines_import::ImportReport;
use desk::printing::{PrintOutcome, PrintRequest};
use desk::{ApiError, ErrorCode};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

/// "Save as…" for a file kept with a fine: the native dialog, then the bytes to the chosen
/// place. `None` when the user cancels.
#[tauri::command]
pub async fn save_fine_file(app: AppHandle, state: State<'_, AppState>, id: i64) -> Result<Option<String>, ApiError> {
    let (name, bytes) = state.with(move |desk| desk.fine_file(id)).await?;
    let chosen = app.dialog().file().set_file_name(&name).add_filter("PDF", &["pdf"]).blocking_save_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotSaved, format!("the chosen place is not a file path: {e}")))?;
    std::fs::write(&path, bytes)
        .map_err(|e| ApiError::new(ErrorCode::FileNotSaved, format!("cannot write {}: {e}", path.display())))?;
    Ok(Some(path.display().to_string()))
}

/// "Print…": the document made into its PDF, then the system's print dialog over the window.
/// `title` is the dialog's title in the window's language.
#[tauri::command]
pub async fn print_document(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PrintRequest,
    title: String,
) -> Result<PrintOutcome, ApiError> {
    let path = state.with(move |desk| desk.printable(request)).await?;
    crate::print::print_pdf(&app, &path, &title).await
}

/// "Attach…": the native file picker, then the chosen file kept with the fine. `None` when the
/// user cancels.
#[tauri::command]
pub async fn attach_fine_file(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    role: FileRole,
) -> Result<Option<FineDetailDto>, ApiError> {
    let Some(chosen) = app.dialog().file().blocking_pick_file() else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("the chosen file is not a path: {e}")))?;
    let bytes = std::fs::read(&path)
        .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("cannot read {}: {e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    state.with(move |desk| desk.attach_fine_file(id, role, &name, &bytes)).await.map(Some)
}

/// "Import CSV…": the native file picker, then the platform's notice list imported all or
/// nothing. `None` when the user cancels.
#[tauri::command]
pub async fn import_fines(app: AppHandle, state: State<'_, AppState>) -> Result<Option<ImportReport>, ApiError> {
    let picked = app.dialog().file().add_filter("CSV", &["csv", "txt"]).blocking_pick_file();
    let Some(chosen) = picked else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("the chosen file is not a path: {e}")))?;
    let bytes = std::fs::read(&path)
        .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("cannot read {}: {e}", path.display())))?;
    state.with(move |desk| desk.import_fines(&bytes)).await.map(Some)
}
