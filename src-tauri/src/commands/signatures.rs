//! Signing in the window: the key container is chosen with the native picker and read by Rust;
//! its password arrives once per call and is zeroized after use; the page reads no files.

use desk::crls::CrlUpdateDto;
use desk::signatures::{DocumentDto, OpenedFileDto, SignLayout, SignedDto, SignerDto, TrustDto};
use desk::{ApiError, ErrorCode};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroizing;

use super::{pick, read};
use crate::state::AppState;

/// "Choose key…": the native picker for a key container; the chosen path, or `None`.
#[tauri::command]
pub async fn pick_key_file(app: AppHandle) -> Result<Option<String>, ApiError> {
    pick(&app, "NCA key container", &["p12", "pfx"])
}

/// Who the key belongs to and what it is for, shown before the user confirms. An empty
/// password means the remembered one; `remember` keeps a typed one in the system keyring.
#[tauri::command]
pub async fn key_info(
    state: State<'_, AppState>,
    key_path: String,
    password: String,
    remember: bool,
) -> Result<SignerDto, ApiError> {
    let password = Zeroizing::new(password);
    let p12 = read(&key_path)?;
    state
        .with(move |desk| {
            let password = desk.key_password(&p12, password)?;
            let info = desk.key_info(&p12, password.clone())?;
            if remember {
                desk.remember_key_password(&p12, &password)?;
            }
            Ok(info)
        })
        .await
}

/// Whether a password is remembered for this key container.
#[tauri::command]
pub async fn key_remembered(state: State<'_, AppState>, key_path: String) -> Result<bool, ApiError> {
    let p12 = read(&key_path)?;
    state.with(move |desk| Ok(desk.remembered_key_password(&p12).ok().flatten().is_some())).await
}

#[tauri::command]
pub async fn forget_key_password(state: State<'_, AppState>, key_path: String) -> Result<bool, ApiError> {
    let p12 = read(&key_path)?;
    state.with(move |desk| desk.forget_key_password(&p12).map(|()| false)).await
}

#[tauri::command]
pub async fn sign_fine_file(
    state: State<'_, AppState>,
    file_id: i64,
    key_path: String,
    password: String,
    layout: SignLayout,
) -> Result<SignedDto, ApiError> {
    let password = Zeroizing::new(password);
    let p12 = read(&key_path)?;
    state
        .with(move |desk| {
            let password = desk.key_password(&p12, password)?;
            desk.sign_fine_file(file_id, &p12, password, layout.into())
        })
        .await
}

/// Signs a document of the archive (the exit completion statement).
#[tauri::command]
pub async fn sign_document(
    state: State<'_, AppState>,
    document_id: i64,
    key_path: String,
    password: String,
    layout: SignLayout,
) -> Result<SignedDto, ApiError> {
    let password = Zeroizing::new(password);
    let p12 = read(&key_path)?;
    state
        .with(move |desk| {
            let password = desk.key_password(&p12, password)?;
            desk.sign_archived_document(document_id, &p12, password, layout.into())
        })
        .await
}

#[tauri::command]
pub async fn list_documents(state: State<'_, AppState>) -> Result<Vec<DocumentDto>, ApiError> {
    state.with(|desk| desk.documents()).await
}

/// "Save as…" for a signed document: the document and its `.cms` beside it, or the one attached
/// `.cms`. The saved path of the signature, or `None` when cancelled.
#[tauri::command]
pub async fn save_signed(
    app: AppHandle,
    state: State<'_, AppState>,
    document_id: i64,
) -> Result<Option<String>, ApiError> {
    let (name, bytes, cms, attached) = state.with(move |desk| desk.signed_files(document_id)).await?;
    let suggested = if attached { format!("{name}.cms") } else { name.clone() };
    let Some(chosen) = app.dialog().file().set_file_name(&suggested).blocking_save_file() else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::FileNotSaved, format!("the chosen place is not a file path: {e}")))?;
    if attached {
        desk::statements::save(&path, &cms)?;
        return Ok(Some(path.display().to_string()));
    }
    desk::statements::save(&path, &bytes)?;
    let sig = std::path::PathBuf::from(format!("{}.cms", path.display()));
    desk::statements::save(&sig, &cms)?;
    Ok(Some(sig.display().to_string()))
}

/// "Add a received signed document…": the native picker for the signature; when it is detached,
/// the signed file beside it (see `receive_opened_files`) or a second picker. The document joins the archive with every signer's
/// verdict, whatever it is. `None` when either picker is cancelled.
#[tauri::command]
pub async fn add_received_document(
    app: AppHandle,
    state: State<'_, AppState>,
    signed_file_title: String,
) -> Result<Option<DocumentDto>, ApiError> {
    let Some(sig_path) = pick(&app, "CMS signature", &["cms", "p7s", "sig", "p7m", "der"])? else { return Ok(None) };
    receive(&app, &state, &sig_path, &signed_file_title).await
}

/// The page's channel for news of files handed to the window (its command line, or a second
/// start of Seller Desk): told, it calls `receive_opened_files`.
#[tauri::command]
pub fn watch_opened_files(state: State<'_, AppState>, channel: tauri::ipc::Channel<()>) {
    state.watch_opened(channel);
}

/// The files handed to the window, each added to the archive as a received signature with its
/// verdict, or with the reason it was not. A detached signature's signed file is the file
/// beside it without the signature's extension (`letter.pdf.cms` → `letter.pdf`), or asked
/// for with the picker (titled `signed_file_title`, in the window's language) when there is none.
#[tauri::command]
pub async fn receive_opened_files(
    app: AppHandle,
    state: State<'_, AppState>,
    signed_file_title: String,
) -> Result<Vec<OpenedFileDto>, ApiError> {
    let mut out = Vec::new();
    for path in state.take_opened() {
        let received = receive(&app, &state, &path, &signed_file_title).await;
        let (document, error) = match received {
            Ok(Some(doc)) => (Some(doc), None),
            Ok(None) => (
                None,
                Some(ApiError::new(
                    ErrorCode::SignedFileNotChosen,
                    "the signed file was not chosen: nothing was added",
                )),
            ),
            Err(e) => (None, Some(e)),
        };
        out.push(OpenedFileDto { path, document, error });
    }
    Ok(out)
}

async fn receive(
    app: &AppHandle,
    state: &State<'_, AppState>,
    sig_path: &str,
    signed_file_title: &str,
) -> Result<Option<DocumentDto>, ApiError> {
    let cms = read(sig_path)?;
    let sig = std::path::Path::new(sig_path);
    let (content, name) = if desk::signatures::signature_is_attached(&cms)? {
        (None, sig.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
    } else {
        let beside = sig.with_extension("");
        let path = if beside != sig && beside.is_file() {
            beside
        } else {
            let Some(chosen) = app.dialog().file().set_title(signed_file_title).blocking_pick_file() else {
                return Ok(None);
            };
            chosen
                .into_path()
                .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("the chosen file is not a path: {e}")))?
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        (Some(read(&path.display().to_string())?), name)
    };
    state.with(move |desk| desk.add_received(&cms, content.as_deref(), &name, &name, "received_notice")).await.map(Some)
}

/// "Check revocation online": the CRLs the known certificates name, then the OCSP responders of
/// the archive's signers, asked without holding the desk, then checked and kept; what could not
/// be reached is reported (offline is normal).
#[tauri::command]
pub async fn update_crls(state: State<'_, AppState>) -> Result<CrlUpdateDto, ApiError> {
    let stopped = |e: tauri::Error| ApiError::new(ErrorCode::Internal, format!("the download stopped: {e}"));
    let addresses = state.with(|desk| desk.crl_addresses()).await?;
    let fetched = tauri::async_runtime::spawn_blocking(move || desk::crls::fetch(&addresses)).await.map_err(stopped)?;
    let mut report = state.with(move |desk| desk.keep_fetched_crls(fetched)).await?;
    let asks = state.with(|desk| desk.ocsp_asks()).await?;
    let answered =
        tauri::async_runtime::spawn_blocking(move || desk::revocation::ask_ocsp(asks)).await.map_err(stopped)?;
    report.ocsp = state.with(move |desk| desk.keep_ocsp_answers(answered)).await?;
    Ok(report)
}

/// Timestamps on or off, and the TSA's address.
#[tauri::command]
pub async fn set_timestamps(state: State<'_, AppState>, on: bool, url: String) -> Result<TrustDto, ApiError> {
    state.with(move |desk| desk.set_timestamps(on, &url).and_then(|_| desk.trust_overview())).await
}

#[tauri::command]
pub async fn get_trust(state: State<'_, AppState>) -> Result<TrustDto, ApiError> {
    state.with(|desk| desk.trust_overview()).await
}

#[tauri::command]
pub async fn set_test_mode(state: State<'_, AppState>, on: bool) -> Result<TrustDto, ApiError> {
    state.with(move |desk| desk.set_test_mode(on).and_then(|_| desk.trust_overview())).await
}

/// "Add certificate…" / "Add CRL…": the native picker, then the file into the trust store.
#[tauri::command]
pub async fn add_trust_file(
    app: AppHandle,
    state: State<'_, AppState>,
    what: String,
) -> Result<Option<TrustDto>, ApiError> {
    let (label, ext): (&str, &[&str]) =
        if what == "crl" { ("CRL", &["crl", "pem"]) } else { ("Certificate", &["cer", "crt", "pem", "der"]) };
    let Some(path) = pick(&app, label, ext)? else { return Ok(None) };
    let bytes = read(&path)?;
    state
        .with(move |desk| {
            match what.as_str() {
                "crl" => desk.trust_crl_add(&bytes).map(|_| ())?,
                "intermediate" => desk.trust_add(&bytes, true).map(|_| ())?,
                _ => desk.trust_add(&bytes, false).map(|_| ())?,
            }
            desk.trust_overview()
        })
        .await
        .map(Some)
}
