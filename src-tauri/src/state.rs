//! The window's state: the seller's desk, opened off the main thread as the window starts (and
//! again on first use when that failed), so that the window paints before the database is touched.

use std::sync::{Arc, Mutex};

use desk::people::{access, Need, Role};
use desk::vault::Unlock;
use desk::{ApiError, Desk, ErrorCode, SystemClock};

#[derive(Default)]
pub struct AppState {
    desk: Arc<Mutex<Option<Desk>>>,
    /// The role of the person signed in, as of the last command: what the gate refuses by
    /// before a command starts (and before any dialog opens). The desk checks again, fully.
    role: Arc<Mutex<Guard>>,
    /// Files handed to the window (on its command line, or by a second start) and not yet
    /// taken by the page, and the page's channel to be told of new ones.
    opened: Mutex<Opened>,
    /// The page's channel for clicks on a notification.
    reminder_clicks: Mutex<Option<tauri::ipc::Channel<String>>>,
}

#[derive(Default)]
struct Opened {
    files: Vec<String>,
    watcher: Option<tauri::ipc::Channel<()>>,
}

/// What the gate knows after each command.
#[derive(Default, Clone, Copy)]
struct Guard {
    role: Option<Role>,
    /// The shop has people: nothing but signing in is done without one of them.
    has_people: bool,
}

impl AppState {
    /// The state of a window started with `files` to open.
    pub fn with_files(files: Vec<String>) -> AppState {
        let state = AppState::default();
        state.files_opened(files);
        state
    }

    /// Files handed to the window: kept until the page takes them, and the page told.
    pub fn files_opened(&self, files: Vec<String>) {
        if let Ok(mut opened) = self.opened.lock() {
            opened.files.extend(files);
            if let Some(watcher) = &opened.watcher {
                let _ = watcher.send(());
            }
        }
    }

    /// The page's channel for news of opened files; told at once when some are waiting.
    pub fn watch_opened(&self, channel: tauri::ipc::Channel<()>) {
        if let Ok(mut opened) = self.opened.lock() {
            if !opened.files.is_empty() {
                let _ = channel.send(());
            }
            opened.watcher = Some(channel);
        }
    }

    pub fn watch_reminder_clicks(&self, channel: tauri::ipc::Channel<String>) {
        if let Ok(mut clicks) = self.reminder_clicks.lock() {
            *clicks = Some(channel);
        }
    }

    /// A notification was clicked: the page is told which page to open.
    pub fn reminder_clicked(&self, page: String) {
        if let Ok(clicks) = self.reminder_clicks.lock() {
            if let Some(channel) = clicks.as_ref() {
                let _ = channel.send(page);
            }
        }
    }

    /// The files waiting, taken.
    pub fn take_opened(&self) -> Vec<String> {
        self.opened.lock().map(|mut o| std::mem::take(&mut o.files)).unwrap_or_default()
    }

    /// Opens the desk on a thread of its own as the window starts, so that the database is
    /// ready (opened, migrated, checked) by the time the page asks for it, while WebKit is
    /// still starting. The first command waits for it; a failure is left for that command to
    /// meet again and report.
    pub fn open_early(&self) {
        let slot = Arc::clone(&self.desk);
        let _ = std::thread::Builder::new().name("desk-open".into()).spawn(move || {
            if let Ok(mut guard) = slot.lock() {
                if guard.is_none() {
                    if let Ok(desk) =
                        desk::data_dir().and_then(|dir| Desk::open_with(&dir, SystemClock, Unlock::from_env()))
                    {
                        *guard = Some(desk);
                    }
                }
            }
        });
    }

    /// Runs `f` with the desk on a blocking thread (SQLite work never runs on the main
    /// thread). A failed open is not remembered: the next call tries again, so closing the
    /// program that locked the file is enough.
    pub async fn with<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Desk) -> Result<T, ApiError> + Send + 'static,
    {
        let slot = Arc::clone(&self.desk);
        let role = Arc::clone(&self.role);
        let joined = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = slot.lock().map_err(|_| internal("the desk state was poisoned by an earlier failure"))?;
            if guard.is_none() {
                let dir = desk::data_dir()?;
                *guard = Some(Desk::open_with(&dir, SystemClock, Unlock::from_env())?);
            }
            match guard.as_mut() {
                Some(desk) => {
                    let answer = f(desk);
                    if let Ok(mut guard) = role.lock() {
                        *guard = Guard { role: desk.session_role(), has_people: desk.has_people().unwrap_or(true) };
                    }
                    answer
                }
                None => Err(internal("the desk is not open")),
            }
        })
        .await;
        joined.map_err(|e| internal(&format!("a background task failed: {e}")))?
    }
}

impl AppState {
    /// Opens the desk with what the unlock screen was given (a passphrase, a recovery code);
    /// an open desk is kept as it is. Answers the start as `open_desk` would.
    pub async fn unlock(&self, unlock: Unlock) -> Result<desk::dto::StartupDto, ApiError> {
        let slot = Arc::clone(&self.desk);
        let role = Arc::clone(&self.role);
        let joined = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = slot.lock().map_err(|_| internal("the desk state was poisoned by an earlier failure"))?;
            if guard.is_none() {
                let dir = desk::data_dir()?;
                *guard = Some(Desk::open_with(&dir, SystemClock, unlock)?);
            }
            let desk = guard.as_mut().ok_or_else(|| internal("the desk is not open"))?;
            let startup = desk.startup();
            if let Ok(mut guard) = role.lock() {
                *guard = Guard { role: desk.session_role(), has_people: desk.has_people().unwrap_or(true) };
            }
            startup
        })
        .await;
        joined.map_err(|e| internal(&format!("a background task failed: {e}")))?
    }
}

impl AppState {
    /// Puts a backup back: checked with the desk open (the owner, a backup of this shop), then
    /// the desk closed, the file replaced, and the desk left closed for the next command to
    /// open again — nobody signed in.
    pub async fn restore(&self, path: std::path::PathBuf) -> Result<desk::backups::RestoreDto, ApiError> {
        let slot = Arc::clone(&self.desk);
        let role = Arc::clone(&self.role);
        let joined = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = slot.lock().map_err(|_| internal("the desk state was poisoned by an earlier failure"))?;
            let desk = guard.as_ref().ok_or_else(|| ApiError::new(ErrorCode::SessionNone, "nobody is signed in"))?;
            desk.backup_facts(&path)?;
            let desk = guard.take().ok_or_else(|| internal("the desk is not open"))?;
            if let Ok(mut role) = role.lock() {
                *role = Guard::default();
            }
            desk.restore(&path)
        })
        .await;
        joined.map_err(|e| internal(&format!("a background task failed: {e}")))?
    }
}

fn internal(message: &str) -> ApiError {
    ApiError::new(ErrorCode::Internal, message)
}

impl AppState {
    /// The gate every window command passes first: a command not in the table, or one the
    /// signed-in person's role may not use, is refused before its arguments are read.
    pub fn gate(&self, command: &str) -> Result<(), ApiError> {
        let Some(need) = access::window_need(command) else {
            return Err(ApiError::new(ErrorCode::RoleRefused, format!("{command} is not a command of the window")));
        };
        if need == Need::Nothing {
            return Ok(());
        }
        let guard = *self.role.lock().map_err(|_| internal("the role was poisoned"))?;
        match guard.role {
            Some(role) if access::may(role, need) => Ok(()),
            Some(role) => Err(ApiError::new(ErrorCode::RoleRefused, format!("{} may not use {command}", role.code()))),
            None if guard.has_people => Err(ApiError::new(ErrorCode::SessionNone, "nobody is signed in")),
            // Before the first command, or in a folder without people: the desk decides.
            None => Ok(()),
        }
    }
}
