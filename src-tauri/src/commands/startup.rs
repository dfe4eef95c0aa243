use club::Lang;
use desk::dto::StartupDto;
use desk::ApiError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn open_desk(state: State<'_, AppState>) -> Result<StartupDto, ApiError> {
    state.with(|desk| desk.startup()).await
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
