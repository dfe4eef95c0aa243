use club::Lang;
use desk::dto::StartupDto;
use desk::ApiError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn open_desk(state: State<'_, AppState>) -> Result<StartupDto, ApiError> {
    state.with(|desk| desk.startup()).await
}

#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, lang: Lang) -> Result<Lang, ApiError> {
    state.with(move |desk| desk.set_language(lang)).await
}
