use club::Lang;
use desk::dto::StartupDto;
use desk::vault::sheet::RecoveryStateDto;
use desk::vault::{Unlock, UnlockDto};
use desk::{ApiError, ErrorCode};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

#[tauri::command]
pub async fn open_desk(state: State<'_, AppState>) -> Result<StartupDto, ApiError> {
    state.with(|desk| desk.startup()).await
}

/// The unlock screen's answer: the data opened with the passphrase or the recovery code.
#[tauri::command]
pub async fn unlock_data(state: State<'_, AppState>, input: UnlockDto) -> Result<StartupDto, ApiError> {
    let unlock = Unlock::from_dto(input)?;
    state.unlock(unlock).await
}

#[tauri::command]
pub async fn recovery_state(state: State<'_, AppState>) -> Result<RecoveryStateDto, ApiError> {
    state.with(|desk| desk.recovery_state()).await
}

/// "Save the recovery sheet…": the sheet in the window's language, then the native dialog.
/// `None` when the user cancels (the sheet then counts as not taken).
#[tauri::command]
pub async fn save_recovery_sheet(
    app: AppHandle,
    state: State<'_, AppState>,
    lang: Lang,
) -> Result<Option<String>, ApiError> {
    let (pdf, name) = state.with(move |desk| desk.recovery_sheet_pdf(lang)).await?;
    let chosen = app.dialog().file().set_file_name(name).add_filter("PDF", &["pdf"]).blocking_save_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotSaved, format!("the chosen place is not a file path: {e}")))?;
    desk::statements::save(&path, &pdf)?;
    state.with(|desk| desk.recovery_sheet_taken()).await?;
    Ok(Some(path.display().to_string()))
}

/// The page's first screen with the shop's data is on screen. With SELLER_DESK_REPORT_PAINT
/// set (`cargo xtask bench` sets it) a line says so on stderr, where the bench times it;
/// otherwise nothing is done.
#[tauri::command]
pub fn first_paint(screen: String) {
    if std::env::var_os(REPORT_PAINT_ENV).is_some() {
        let screen: String = screen.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(32).collect();
        eprintln!("seller-desk: first paint: {screen}");
    }
}

/// The environment variable that asks for the first paint to be reported.
pub const REPORT_PAINT_ENV: &str = "SELLER_DESK_REPORT_PAINT";

#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, lang: Lang) -> Result<Lang, ApiError> {
    state.with(move |desk| desk.set_language(lang)).await
}
