use desk::dto::{NewEventDto, OverviewDto};
use desk::membership::VoidEventDto;
use desk::ApiError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn get_overview(state: State<'_, AppState>) -> Result<OverviewDto, ApiError> {
    state.with(|desk| desk.overview()).await
}

#[tauri::command]
pub async fn record_event(state: State<'_, AppState>, input: NewEventDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.record_event(input)).await
}

/// Takes back a membership event recorded by mistake (the latest in effect), with a reason.
#[tauri::command]
pub async fn void_event(state: State<'_, AppState>, input: VoidEventDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.void_event(input)).await
}
