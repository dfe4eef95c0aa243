//! Rule changes: thin commands over `desk::rules`.

use desk::rules::{AcknowledgementDto, ImportedDto, RulesDiffDto, RulesPageDto};
use desk::ApiError;
use tauri::{AppHandle, State};

use super::{pick, read};
use crate::state::AppState;

#[tauri::command]
pub async fn rules_page(state: State<'_, AppState>) -> Result<RulesPageDto, ApiError> {
    state.with(|desk| desk.rules_page()).await
}

#[tauri::command]
pub async fn rules_diff(
    state: State<'_, AppState>,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<RulesDiffDto, ApiError> {
    state.with(move |desk| desk.rules_diff(from, to)).await
}

/// The native picker for a published version (text or PDF); its path, or `None` when cancelled.
#[tauri::command]
pub async fn pick_rules_file(app: AppHandle) -> Result<Option<String>, ApiError> {
    pick(&app, "Alatau City Club rules (text or PDF)", &["txt", "pdf"])
}

/// Imports the chosen file with the day it was published (as typed: `dd.mm.yyyy` or ISO).
#[tauri::command]
pub async fn import_rules(
    state: State<'_, AppState>,
    path: String,
    published_on: String,
) -> Result<ImportedDto, ApiError> {
    let bytes = read(&path)?;
    let name = std::path::Path::new(&path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    state.with(move |desk| desk.import_rules(&bytes, &name, &published_on)).await
}

#[tauri::command]
pub async fn acknowledge_rules(state: State<'_, AppState>) -> Result<AcknowledgementDto, ApiError> {
    state.with(|desk| desk.acknowledge_rules()).await
}

/// The acknowledgement PDF written to the data folder's `documents` folder and opened in the
/// system's viewer; the path. A viewer that cannot be started is not an error: the file is there.
#[tauri::command]
pub async fn open_acknowledgement(state: State<'_, AppState>, document_id: i64) -> Result<String, ApiError> {
    let path = state.with(move |desk| desk.keep_acknowledgement(document_id)).await?;
    let _ = open::that_detached(&path);
    Ok(path.display().to_string())
}
