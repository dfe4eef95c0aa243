use club::ident::TaxId;
use desk::dto::{NewShopDto, OverviewDto, TaxIdCheckDto};
use desk::ApiError;
use tauri::State;

use crate::state::AppState;

/// Pure check, no database: answers as the user types.
#[tauri::command]
pub async fn check_tax_id(input: TaxIdCheckDto) -> Result<TaxId, ApiError> {
    desk::check_tax_id(&input)
}

#[tauri::command]
pub async fn create_shop(state: State<'_, AppState>, input: NewShopDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.create_shop(input)).await
}

#[tauri::command]
pub async fn open_demo(state: State<'_, AppState>) -> Result<OverviewDto, ApiError> {
    state.with(|desk| desk.init_demo()).await
}
