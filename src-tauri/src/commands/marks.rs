//! Branding items, the placement register and the exit checklist in the window. Files (the
//! rendered items, photos) are chosen and written through native dialogs called from Rust.

use club::marks::PlacementDraft;
use club::profile::WebPresenceKind;
use club::Lang;
use desk::dto::OverviewDto;
use desk::kit::{KitProgress, KitStatusDto, KitUpdateDto};
use desk::marks::{MarkCorrectionDto, Photo, StartExitDto, TickDto};
use desk::{ApiError, ErrorCode};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{pick, read};
use crate::state::AppState;

fn item(code: &str) -> Result<branding::Item, ApiError> {
    branding::Item::from_code(code).ok_or_else(|| ApiError::new(ErrorCode::Internal, format!("unknown item {code:?}")))
}

/// The photo a form asked for: `Some(None)` when it asked for none, `Some(photo)` when one was
/// chosen with the native picker, `None` when the picker was cancelled.
fn wanted_photo(app: &AppHandle, wanted: bool) -> Result<Option<Option<Photo>>, ApiError> {
    if !wanted {
        return Ok(Some(None));
    }
    let Some(path) = pick(app, "Photo", &["jpg", "jpeg", "png", "heic", "webp"])? else { return Ok(None) };
    let bytes = read(&path)?;
    let name = std::path::Path::new(&path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Some(Some(Photo { name, bytes })))
}

/// "Save as…" for a branding item; the saved path, or `None` when cancelled.
#[tauri::command]
pub async fn save_branding(
    app: AppHandle,
    state: State<'_, AppState>,
    item_code: String,
    outlet_id: Option<i64>,
    lang: Lang,
    scale: Option<u32>,
) -> Result<Option<String>, ApiError> {
    let item = item(&item_code)?;
    let (name, bytes) = state.with(move |desk| desk.render_branding(item, outlet_id, lang, scale)).await?;
    let Some(chosen) = app.dialog().file().set_file_name(&name).blocking_save_file() else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotSaved, format!("the chosen place is not a file path: {e}")))?;
    desk::statements::save(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// "Open for printing": the item written to the data folder's `print` folder and opened in the
/// system's viewer; the path it was written to.
#[tauri::command]
pub async fn open_branding(
    state: State<'_, AppState>,
    item_code: String,
    outlet_id: Option<i64>,
    lang: Lang,
) -> Result<String, ApiError> {
    let item = item(&item_code)?;
    let (name, bytes) = state.with(move |desk| desk.render_branding(item, outlet_id, lang, None)).await?;
    let path = state.with(move |desk| desk.keep_for_printing(&name, &bytes)).await?;
    open::that_detached(&path)
        .map_err(|e| ApiError::new(ErrorCode::FileNotSaved, format!("no viewer opened {}: {e}", path.display())))?;
    Ok(path.display().to_string())
}

/// Records a placed item; with `photo`, the native picker asks for its photo first (cancelling
/// it records nothing).
#[tauri::command]
pub async fn add_placement(
    app: AppHandle,
    state: State<'_, AppState>,
    draft: PlacementDraft,
    photo: bool,
) -> Result<Option<OverviewDto>, ApiError> {
    let Some(photo) = wanted_photo(&app, photo)? else { return Ok(None) };
    state.with(move |desk| desk.add_placement(draft, photo)).await.map(Some)
}

#[tauri::command]
pub async fn add_web_presence(
    state: State<'_, AppState>,
    kind: WebPresenceKind,
    url: String,
) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.add_web_presence(kind, &url)).await
}

#[tauri::command]
pub async fn add_ad_material(
    state: State<'_, AppState>,
    description: String,
    since: chrono::NaiveDate,
) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.add_ad_material(&description, since)).await
}

#[tauri::command]
pub async fn start_exit(state: State<'_, AppState>, input: StartExitDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.start_exit(input)).await
}

/// Ticks a checklist item; with `photo`, the native picker asks for the evidence photo first.
#[tauri::command]
pub async fn tick_exit_item(
    app: AppHandle,
    state: State<'_, AppState>,
    input: TickDto,
    photo: bool,
) -> Result<Option<OverviewDto>, ApiError> {
    let Some(photo) = wanted_photo(&app, photo)? else { return Ok(None) };
    state.with(move |desk| desk.tick_exit_item(input, photo)).await.map(Some)
}

/// The website check of a checklist item, run without holding the desk, then kept with it.
#[tauri::command]
pub async fn check_exit_site(state: State<'_, AppState>, item_id: i64) -> Result<OverviewDto, ApiError> {
    let (address, known) = state.with(move |desk| Ok((desk.exit_item_address(item_id)?, desk.club_images()?))).await?;
    let options = desk::site_check::CheckOptions { known_images: known, ..Default::default() };
    let report = tauri::async_runtime::spawn_blocking(move || desk::site_check::check_site(&[address], &options))
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("the check stopped: {e}")))??;
    state.with(move |desk| desk.keep_site_check(Some(item_id), &report)).await
}

/// Completes the exit: the statement into the archive and the exit into the history; the
/// statement's document id, to sign it next.
#[tauri::command]
pub async fn complete_exit(state: State<'_, AppState>, lang: Lang) -> Result<i64, ApiError> {
    state.with(move |desk| desk.complete_exit(lang)).await
}

#[tauri::command]
pub async fn get_kit(state: State<'_, AppState>) -> Result<KitStatusDto, ApiError> {
    state.with(|desk| desk.kit_status()).await
}

#[tauri::command]
pub async fn set_kit_url(state: State<'_, AppState>, url: String) -> Result<KitStatusDto, ApiError> {
    state.with(move |desk| desk.set_kit_url(&url)).await
}

/// "Update the kit": the manifest and the new or changed files downloaded without holding the
/// desk, each byte's progress through the channel; the old kit stays until the new one is whole.
#[tauri::command]
pub async fn update_kit(state: State<'_, AppState>, progress: Channel<KitProgress>) -> Result<KitUpdateDto, ApiError> {
    let (dir, url) = state.with(|desk| Ok((desk.data_folder(), desk.kit_url()?))).await?;
    let url = url.ok_or_else(|| ApiError::new(ErrorCode::KitBadManifest, "no kit address is set"))?;
    tauri::async_runtime::spawn_blocking(move || {
        // One message per 64 KiB at most is plenty for a progress bar.
        desk::kit::update(&dir, &url, &mut |p| {
            let _ = progress.send(p);
        })
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("the update stopped: {e}")))?
    .map_err(ApiError::from)
}

#[tauri::command]
pub async fn void_placement(state: State<'_, AppState>, input: MarkCorrectionDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.void_placement(input)).await
}

#[tauri::command]
pub async fn take_back_tick(state: State<'_, AppState>, input: MarkCorrectionDto) -> Result<OverviewDto, ApiError> {
    state.with(move |desk| desk.take_back_tick(input)).await
}
