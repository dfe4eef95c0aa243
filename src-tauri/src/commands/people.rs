use desk::people::{
    ChangePinDto, NewOwnerDto, NewPersonDto, PeopleDto, PeopleSettingsDto, PersonDto, SessionDto, SetPinDto,
    SetRoleDto, SignInChoiceDto, SignInDto,
};
use desk::ApiError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn sign_in_choices(state: State<'_, AppState>) -> Result<Vec<SignInChoiceDto>, ApiError> {
    state.with(|desk| desk.sign_in_choices()).await
}

#[tauri::command]
pub async fn sign_in(state: State<'_, AppState>, input: SignInDto) -> Result<SessionDto, ApiError> {
    state.with(move |desk| desk.sign_in(input)).await
}

#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.with(|desk| desk.sign_out()).await
}

/// The person signed in (`None` once the idle time has passed); calling it counts as activity.
#[tauri::command]
pub async fn get_session(state: State<'_, AppState>) -> Result<Option<SessionDto>, ApiError> {
    state.with(|desk| desk.session()).await
}

#[tauri::command]
pub async fn add_first_owner(state: State<'_, AppState>, input: NewOwnerDto) -> Result<SessionDto, ApiError> {
    state.with(move |desk| desk.add_first_owner(input)).await
}

#[tauri::command]
pub async fn confirm_pin(state: State<'_, AppState>, pin: String) -> Result<(), ApiError> {
    state.with(move |desk| desk.confirm_pin(pin)).await
}

#[tauri::command]
pub async fn change_own_pin(state: State<'_, AppState>, input: ChangePinDto) -> Result<(), ApiError> {
    state.with(move |desk| desk.change_own_pin(input)).await
}

#[tauri::command]
pub async fn list_people(state: State<'_, AppState>) -> Result<PeopleDto, ApiError> {
    state.with(|desk| desk.list_people()).await
}

#[tauri::command]
pub async fn add_person(state: State<'_, AppState>, input: NewPersonDto) -> Result<PersonDto, ApiError> {
    state.with(move |desk| desk.add_person(input)).await
}

#[tauri::command]
pub async fn set_person_role(state: State<'_, AppState>, input: SetRoleDto) -> Result<PersonDto, ApiError> {
    state.with(move |desk| desk.set_person_role(input)).await
}

#[tauri::command]
pub async fn set_person_pin(state: State<'_, AppState>, input: SetPinDto) -> Result<PersonDto, ApiError> {
    state.with(move |desk| desk.set_person_pin(input)).await
}

#[tauri::command]
pub async fn unlock_person(state: State<'_, AppState>, id: i64) -> Result<PersonDto, ApiError> {
    state.with(move |desk| desk.unlock_person(id)).await
}

#[tauri::command]
pub async fn deactivate_person(state: State<'_, AppState>, id: i64) -> Result<PersonDto, ApiError> {
    state.with(move |desk| desk.deactivate_person(id)).await
}

#[tauri::command]
pub async fn set_people_settings(
    state: State<'_, AppState>,
    input: PeopleSettingsDto,
) -> Result<PeopleSettingsDto, ApiError> {
    state.with(move |desk| desk.set_people_settings(input)).await
}
