use desk::reminders::ReminderSettingsDto;
use desk::ApiError;
use tauri::{AppHandle, State};

use crate::state::AppState;

/// Shows what is due now as one desktop notification and remembers it as shown; how many
/// reminders it held (0: nothing due). Not shown (no notification service) stays due.
#[tauri::command]
pub async fn notify_due(app: AppHandle, state: State<'_, AppState>) -> Result<u32, ApiError> {
    let Some(note) = state.with(|desk| desk.due_notification()).await? else { return Ok(0) };
    crate::notify::show(&app, &note)?;
    let keys = note.keys.clone();
    state.with(move |desk| desk.reminders_shown(&keys)).await?;
    Ok(note.count)
}

#[tauri::command]
pub async fn get_reminder_settings(state: State<'_, AppState>) -> Result<ReminderSettingsDto, ApiError> {
    state.with(|desk| desk.reminder_settings()).await
}

#[tauri::command]
pub async fn set_reminder_settings(
    state: State<'_, AppState>,
    input: ReminderSettingsDto,
) -> Result<ReminderSettingsDto, ApiError> {
    state.with(move |desk| desk.set_reminder_settings(input)).await
}

/// The page's channel for clicks on a notification: told the page to open.
#[tauri::command]
pub fn watch_reminder_clicks(state: State<'_, AppState>, channel: tauri::ipc::Channel<String>) {
    state.watch_reminder_clicks(channel);
}
