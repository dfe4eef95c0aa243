//! The cashiers' training: thin commands over `desk::training`.

use club::Lang;
use desk::training::{
    AnswerQuestionDto, FeedbackDto, LessonDto, MyTrainingDto, QuizDto, QuizResultDto, RosterDto, RosterFormat,
    StartQuizDto, VerifyDto,
};
use desk::{ApiError, ErrorCode};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

#[tauri::command]
pub async fn my_training(state: State<'_, AppState>) -> Result<MyTrainingDto, ApiError> {
    state.with(|desk| desk.my_training()).await
}

#[tauri::command]
pub async fn get_lesson(state: State<'_, AppState>, rule: String) -> Result<LessonDto, ApiError> {
    state.with(move |desk| desk.lesson(&rule)).await
}

#[tauri::command]
pub async fn start_quiz(state: State<'_, AppState>, input: StartQuizDto) -> Result<QuizDto, ApiError> {
    state.with(move |desk| desk.start_quiz(input)).await
}

#[tauri::command]
pub async fn answer_question(state: State<'_, AppState>, input: AnswerQuestionDto) -> Result<FeedbackDto, ApiError> {
    state.with(move |desk| desk.answer_question(input)).await
}

#[tauri::command]
pub async fn finish_quiz(state: State<'_, AppState>, attempt_id: i64) -> Result<QuizResultDto, ApiError> {
    state.with(move |desk| desk.finish_quiz(attempt_id)).await
}

/// The certificate written to the data folder's `certificates` folder and opened in the
/// system's viewer; the path. A viewer that cannot be started is not an error: the file is there.
#[tauri::command]
pub async fn open_certificate(state: State<'_, AppState>, code: String, lang: Lang) -> Result<String, ApiError> {
    let path = state.with(move |desk| desk.keep_certificate(&code, lang)).await?;
    let _ = open::that_detached(&path);
    Ok(path.display().to_string())
}

#[tauri::command]
pub async fn training_roster(state: State<'_, AppState>) -> Result<RosterDto, ApiError> {
    state.with(|desk| desk.training_roster()).await
}

/// "Save as…" for the roster (XLSX or PDF). `None` when the user cancels.
#[tauri::command]
pub async fn save_roster(
    app: AppHandle,
    state: State<'_, AppState>,
    format: RosterFormat,
) -> Result<Option<String>, ApiError> {
    let (name, bytes) = state.with(move |desk| desk.roster_file(format)).await?;
    let (label, ext) = match format {
        RosterFormat::Xlsx => ("Excel", "xlsx"),
        RosterFormat::Pdf => ("PDF", "pdf"),
    };
    let chosen = app.dialog().file().set_file_name(&name).add_filter(label, &[ext]).blocking_save_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotSaved, format!("the chosen place is not a file path: {e}")))?;
    desk::statements::save(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn verify_certificate_code(state: State<'_, AppState>, code: String) -> Result<VerifyDto, ApiError> {
    state.with(move |desk| desk.verify_certificate_code(&code)).await
}

/// "Check a PDF…": the native picker, then the file checked. `None` when the user cancels.
#[tauri::command]
pub async fn verify_certificate_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<VerifyDto>, ApiError> {
    let Some(chosen) = app.dialog().file().add_filter("PDF", &["pdf"]).blocking_pick_file() else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("the chosen file is not a path: {e}")))?;
    let bytes = std::fs::read(&path)
        .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("cannot read {}: {e}", path.display())))?;
    state.with(move |desk| desk.verify_certificate_file(&bytes)).await.map(Some)
}
