//! Branding kit updates: the official artwork from a kit address. The address serves a manifest
//! (`manifest.json`: a version and its files, each with name, size, SHA-256 and address); new
//! or changed files are downloaded with progress into `kit/next`, an interrupted download
//! resumes where it stopped (HTTP Range), a file whose hash differs is rejected, and only a
//! complete, verified kit replaces `kit/current` — by renaming folders, so that the old kit
//! stays usable until the new one is whole. Offline, the update says so and changes nothing.
//!
//! The kit's `mark.png`, when there is one, replaces Seller Desk's own drawing of the club mark
//! in the items it renders.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::{ApiError, Desk, ErrorCode};

const KIT_URL_KEY: &str = "kit_url";
const TIMEOUT: Duration = Duration::from_secs(30);
const MANIFEST: &str = "manifest.json";
/// The official mark's file name in a kit.
pub const MARK_FILE: &str = "mark.png";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitFile {
    pub name: String,
    pub size: u64,
    /// Hex, lower or upper case.
    pub sha256: String,
    /// Absolute, or relative to the manifest's address.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: String,
    pub files: Vec<KitFile>,
}

/// How far an update has come, for the progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KitProgress {
    pub file: String,
    pub done_bytes: u64,
    pub total_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KitStatusDto {
    pub url: Option<String>,
    /// The installed kit's version.
    pub version: Option<String>,
    pub files: Vec<String>,
    /// The kit's official mark replaces Seller Desk's own drawing.
    pub official_mark: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KitUpdateDto {
    pub version: String,
    /// Files downloaded (new or changed); the others were kept.
    pub downloaded: Vec<String>,
    pub kept: Vec<String>,
    /// Nothing new: the installed kit is this version already.
    pub unchanged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KitError {
    #[error("the kit address cannot be reached (offline?): {0}")]
    Offline(String),
    #[error("the kit's manifest cannot be read: {0}")]
    BadManifest(String),
    #[error("{name} does not match the manifest's SHA-256 (or size): it was rejected")]
    HashMismatch { name: String },
    #[error("the download of {name} stopped: {reason}; updating again resumes it")]
    Interrupted { name: String, reason: String },
    #[error("the kit cannot be written: {0}")]
    Io(String),
}

impl From<KitError> for ApiError {
    fn from(e: KitError) -> Self {
        let code = match e {
            KitError::Offline(_) => ErrorCode::KitOffline,
            KitError::BadManifest(_) => ErrorCode::KitBadManifest,
            KitError::HashMismatch { .. } => ErrorCode::KitHashMismatch,
            KitError::Interrupted { .. } => ErrorCode::KitInterrupted,
            KitError::Io(_) => ErrorCode::StoreIo,
        };
        ApiError::new(code, e.to_string())
    }
}

fn io(e: std::io::Error) -> KitError {
    KitError::Io(e.to_string())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn safe_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != ".." && name != MANIFEST
}

/// The kit's folders under the data folder.
pub struct KitDirs {
    pub current: PathBuf,
    next: PathBuf,
    previous: PathBuf,
}

impl KitDirs {
    pub fn new(data_dir: &Path) -> KitDirs {
        let root = data_dir.join("kit");
        KitDirs { current: root.join("current"), next: root.join("next"), previous: root.join("previous") }
    }

    /// Finishes a swap a killed process left half done: `current` missing with a complete
    /// `next` (it has its manifest) becomes current; else `previous` comes back.
    pub fn recover(&self) -> Result<(), KitError> {
        if self.current.exists() {
            return Ok(());
        }
        if self.next.join(MANIFEST).exists() {
            std::fs::rename(&self.next, &self.current).map_err(io)?;
        } else if self.previous.exists() {
            std::fs::rename(&self.previous, &self.current).map_err(io)?;
        }
        Ok(())
    }

    pub fn installed(&self) -> Option<Manifest> {
        let text = std::fs::read_to_string(self.current.join(MANIFEST)).ok()?;
        serde_json::from_str(&text).ok()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).http_status_as_error(false).build().into()
}

fn fetch_manifest(agent: &ureq::Agent, url: &str) -> Result<Manifest, KitError> {
    let mut response = agent.get(url).call().map_err(|e| KitError::Offline(e.to_string()))?;
    if response.status() != 200 {
        return Err(KitError::BadManifest(format!("the address answered {}", response.status())));
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(1024 * 1024)
        .read_to_vec()
        .map_err(|e| KitError::Offline(e.to_string()))?;
    parse_manifest(&body)
}

/// The kit's manifest as published, checked: every file name a plain name in the kit's folder.
pub fn parse_manifest(body: &[u8]) -> Result<Manifest, KitError> {
    let manifest: Manifest = serde_json::from_slice(body).map_err(|e| KitError::BadManifest(e.to_string()))?;
    if let Some(f) = manifest.files.iter().find(|f| !safe_name(&f.name)) {
        return Err(KitError::BadManifest(format!("the file name {:?} is not allowed", f.name)));
    }
    Ok(manifest)
}

/// Downloads `file` to `part`, resuming what is there already; checks size and hash.
fn download(
    agent: &ureq::Agent,
    base: &url::Url,
    file: &KitFile,
    part: &Path,
    progress: &mut dyn FnMut(KitProgress),
) -> Result<(), KitError> {
    let address = base.join(&file.url).map_err(|e| KitError::BadManifest(e.to_string()))?;
    let mut have = std::fs::metadata(part).map(|m| m.len()).unwrap_or(0);
    if have > file.size {
        std::fs::remove_file(part).map_err(io)?;
        have = 0;
    }
    if have < file.size {
        let mut request = agent.get(address.as_str());
        if have > 0 {
            request = request.header("Range", &format!("bytes={have}-"));
        }
        let interrupted = |reason: String| KitError::Interrupted { name: file.name.clone(), reason };
        let response = request.call().map_err(|e| match have {
            0 => KitError::Offline(e.to_string()),
            _ => interrupted(e.to_string()),
        })?;
        let append = match response.status().as_u16() {
            206 => true,
            200 => false,
            other => return Err(interrupted(format!("the address answered {other}"))),
        };
        if !append {
            have = 0;
        }
        let mut out = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(part)
            .map_err(io)?;
        let mut reader = response.into_body().into_reader();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = reader.read(&mut buf).map_err(|e| interrupted(e.to_string()))?;
            if n == 0 {
                break;
            }
            out.write_all(&buf[..n]).map_err(io)?;
            have += n as u64;
            progress(KitProgress { file: file.name.clone(), done_bytes: have, total_bytes: file.size });
            if have > file.size {
                break;
            }
        }
        out.sync_all().map_err(io)?;
        if have < file.size {
            return Err(interrupted(format!("{have} of {} bytes arrived", file.size)));
        }
    }
    let bytes = std::fs::read(part).map_err(io)?;
    if bytes.len() as u64 != file.size || !hex(&Sha256::digest(&bytes)).eq_ignore_ascii_case(&file.sha256) {
        std::fs::remove_file(part).map_err(io)?;
        return Err(KitError::HashMismatch { name: file.name.clone() });
    }
    Ok(())
}

/// Updates the kit in `data_dir` from the manifest at `url`. Runs without the desk.
pub fn update(data_dir: &Path, url: &str, progress: &mut dyn FnMut(KitProgress)) -> Result<KitUpdateDto, KitError> {
    let dirs = KitDirs::new(data_dir);
    dirs.recover()?;
    let base = url::Url::parse(url).map_err(|e| KitError::BadManifest(format!("{url:?}: {e}")))?;
    let agent = agent();
    let manifest = fetch_manifest(&agent, url)?;
    let installed = dirs.installed();
    if installed.as_ref() == Some(&manifest) {
        let kept = manifest.files.iter().map(|f| f.name.clone()).collect();
        return Ok(KitUpdateDto { version: manifest.version, downloaded: Vec::new(), kept, unchanged: true });
    }
    std::fs::create_dir_all(&dirs.next).map_err(io)?;
    // A `next` left by another version starts again (but keeps the parts of files still wanted).
    if let Ok(entries) = std::fs::read_dir(&dirs.next) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let wanted = manifest.files.iter().any(|f| name == f.name || name == format!("{}.part", f.name));
            if !wanted {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let mut report =
        KitUpdateDto { version: manifest.version.clone(), downloaded: Vec::new(), kept: Vec::new(), unchanged: false };
    for file in &manifest.files {
        let target = dirs.next.join(&file.name);
        let same = installed
            .as_ref()
            .and_then(|m| m.files.iter().find(|f| f.name == file.name))
            .is_some_and(|f| f.sha256.eq_ignore_ascii_case(&file.sha256) && f.size == file.size);
        if same && dirs.current.join(&file.name).exists() {
            std::fs::copy(dirs.current.join(&file.name), &target).map_err(io)?;
            report.kept.push(file.name.clone());
            continue;
        }
        let part = dirs.next.join(format!("{}.part", file.name));
        download(&agent, &base, file, &part, progress)?;
        std::fs::rename(&part, &target).map_err(io)?;
        report.downloaded.push(file.name.clone());
    }
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| KitError::Io(e.to_string()))?;
    std::fs::write(dirs.next.join(MANIFEST), text).map_err(io)?;
    // The swap: the old kit stays whole under `previous` until the new one is `current`.
    if dirs.previous.exists() {
        std::fs::remove_dir_all(&dirs.previous).map_err(io)?;
    }
    if dirs.current.exists() {
        std::fs::rename(&dirs.current, &dirs.previous).map_err(io)?;
    }
    std::fs::rename(&dirs.next, &dirs.current).map_err(io)?;
    let _ = std::fs::remove_dir_all(&dirs.previous);
    Ok(report)
}

impl Desk {
    pub fn kit_url(&self) -> Result<Option<String>, ApiError> {
        self.need(crate::people::Need::Branding)?;
        Ok(self.store.read().setting(KIT_URL_KEY)?.filter(|u| !u.is_empty()))
    }

    pub fn set_kit_url(&mut self, url: &str) -> Result<KitStatusDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        let url = url.trim();
        if !url.is_empty() {
            let parsed = url::Url::parse(url).map_err(|_| ApiError::new(ErrorCode::WebBadUrl, "not a web address"))?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(ApiError::new(ErrorCode::WebBadUrl, "the kit address is http or https"));
            }
        }
        self.store.write(|db| db.set_setting(KIT_URL_KEY, url))?;
        self.kit_status()
    }

    pub fn kit_status(&self) -> Result<KitStatusDto, ApiError> {
        self.need(crate::people::Need::Branding)?;
        let dirs = KitDirs::new(&self.data_dir);
        let installed = dirs.installed();
        Ok(KitStatusDto {
            url: self.kit_url()?,
            version: installed.as_ref().map(|m| m.version.clone()),
            files: installed.map(|m| m.files.into_iter().map(|f| f.name).collect()).unwrap_or_default(),
            official_mark: self.kit_artwork().is_some(),
        })
    }

    /// The data folder, for updates that run without the desk.
    pub fn data_folder(&self) -> PathBuf {
        self.data_dir.clone()
    }

    /// The installed kit's official mark, when it has a readable one.
    pub fn kit_artwork(&self) -> Option<branding::Artwork> {
        let dirs = KitDirs::new(&self.data_dir);
        let _ = dirs.recover();
        let png = std::fs::read(dirs.current.join(MARK_FILE)).ok()?;
        branding::Artwork::from_png(&png).ok()
    }
}
