//! Tauri commands, one file per area. Each takes the state and a DTO and calls `desk`.

pub mod acceptance;
pub mod backups;
pub mod files;
pub mod fines;
pub mod marks;
pub mod membership;
pub mod people;
pub mod reminders;
pub mod rules;
pub mod shop;
pub mod signatures;
pub mod startup;
pub mod statements;
pub mod training;

use desk::{ApiError, ErrorCode};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// A file's bytes, or `file.not_read`.
pub(crate) fn read(path: &str) -> Result<Vec<u8>, ApiError> {
    std::fs::read(path).map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("cannot read {path}: {e}")))
}

/// The native "Open" picker with one filter; the chosen path, or `None` when cancelled.
pub(crate) fn pick(app: &AppHandle, label: &str, ext: &[&str]) -> Result<Option<String>, ApiError> {
    let Some(chosen) = app.dialog().file().add_filter(label, ext).blocking_pick_file() else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("the chosen file is not a path: {e}")))?;
    Ok(Some(path.display().to_string()))
}

#[cfg(test)]
include!("names.rs");

#[cfg(test)]
mod tests;
