use desk::dto::{NewShopDto, OverviewDto, TaxIdAnswer, TaxIdCheckDto};
use desk::ApiError;
use tauri::State;

use crate::state::AppState;

/// Answers as the user types; NCA's test identifiers pass only in test-keys mode.
#[tauri::command]
pub async fn check_tax_id(state: State<'_, AppState>, input: TaxIdCheckDto) -> Result<TaxIdAnswer, ApiError> {
    state.with(move |desk| desk.check_tax_id(&input)).await
}

#[tauri::command]
pub async fn create_shop(state: State<'_, AppState>, input: NewShopDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.create_shop(input)).await
}

#[tauri::command]
pub async fn open_demo(state: State<'_, AppState>) -> Result<OverviewDto, ApiError> {
    state.with(|desk| desk.init_demo()).await
}
