use club::profile::OutletDraft;
use desk::dto::{DisconnectMeansDto, NewContractDto, NewMeansDto, OverviewDto};
use desk::ApiError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn add_means(state: State<'_, AppState>, input: NewMeansDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.add_means(input)).await
}

#[tauri::command]
pub async fn disconnect_means(state: State<'_, AppState>, input: DisconnectMeansDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.disconnect_means(input)).await
}

#[tauri::command]
pub async fn add_outlet(state: State<'_, AppState>, input: OutletDraft) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.add_outlet(input)).await
}

#[tauri::command]
pub async fn add_contract(state: State<'_, AppState>, input: NewContractDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.add_contract(input)).await
}
