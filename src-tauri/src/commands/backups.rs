//! Backups from the window: the folder chosen with the system's picker, a backup now or the
//! daily one, and a backup put back.

use desk::backups::{BackupDto, BackupFactsDto, BackupSettingsDto, RestoreDto};
use desk::{ApiError, ErrorCode};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

#[tauri::command]
pub async fn backup_settings(state: State<'_, AppState>) -> Result<BackupSettingsDto, ApiError> {
    state.with(|desk| desk.backup_settings()).await
}

/// "Choose folder…": the system's folder picker titled in the window's language. `None` when
/// cancelled.
#[tauri::command]
pub async fn choose_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<BackupSettingsDto>, ApiError> {
    // Only the owner gets as far as the picker, which opens on the folder chosen before (or the
    // user's home), not on "Recent".
    let current = state.with(|desk| desk.backup_settings()).await?.folder.map(std::path::PathBuf::from);
    let start = current.filter(|f| f.is_dir()).or_else(|| std::env::var_os("HOME").map(std::path::PathBuf::from));
    let mut picker = app.dialog().file().set_title(&title);
    if let Some(start) = start {
        picker = picker.set_directory(start);
    }
    let Some(chosen) = picker.blocking_pick_folder() else { return Ok(None) };
    let folder = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::BackupNoFolder, format!("the chosen place is not a folder path: {e}")))?;
    state.with(move |desk| desk.set_backup_settings(Some(&folder), None)).await.map(Some)
}

#[tauri::command]
pub async fn set_backup_numbers(
    state: State<'_, AppState>,
    keep: u32,
    warn_days: u32,
) -> Result<BackupSettingsDto, ApiError> {
    state.with(move |desk| desk.set_backup_numbers(keep, warn_days)).await
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupDto, ApiError> {
    state.with(|desk| desk.backup_now()).await
}

#[tauri::command]
pub async fn backup_if_due(state: State<'_, AppState>) -> Result<Option<BackupDto>, ApiError> {
    state.with(|desk| desk.backup_if_due()).await
}

/// "Restore from a backup…": the system's file picker, then what the chosen backup holds (it is
/// not put back yet). `None` when cancelled.
#[tauri::command]
pub async fn choose_backup_to_restore(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<BackupFactsDto>, ApiError> {
    let folder = state.with(|desk| desk.backup_settings()).await?.folder;
    let mut picker = app.dialog().file().set_title(&title).add_filter("Seller Desk", &["sqlite3"]);
    if let Some(f) = folder {
        picker = picker.set_directory(f);
    }
    let Some(chosen) = picker.blocking_pick_file() else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("the chosen file is not a path: {e}")))?;
    state.with(move |desk| desk.backup_facts(&path)).await.map(Some)
}

/// Puts the backup the person chose and saw back in place of the data; the window starts again
/// (signing in first).
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: String) -> Result<RestoreDto, ApiError> {
    state.restore(std::path::PathBuf::from(path)).await
}
