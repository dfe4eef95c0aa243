//! The window's state: the seller's desk, opened on first use off the main thread so that the
//! window paints before the database is touched.

use std::sync::{Arc, Mutex};

use desk::{ApiError, Desk, ErrorCode, SystemClock};

#[derive(Default)]
pub struct AppState {
    desk: Arc<Mutex<Option<Desk>>>,
}

impl AppState {
    /// Runs `f` with the desk on a blocking thread (SQLite work never runs on the main
    /// thread). A failed open is not remembered: the next call tries again, so closing the
    /// program that locked the file is enough.
    pub async fn with<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Desk) -> Result<T, ApiError> + Send + 'static,
    {
        let slot = Arc::clone(&self.desk);
        let joined = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = slot.lock().map_err(|_| internal("the desk state was poisoned by an earlier failure"))?;
            if guard.is_none() {
                let dir = desk::data_dir()?;
                *guard = Some(Desk::open(&dir, SystemClock)?);
            }
            match guard.as_mut() {
                Some(desk) => f(desk),
                None => Err(internal("the desk is not open")),
            }
        })
        .await;
        joined.map_err(|e| internal(&format!("a background task failed: {e}")))?
    }
}

fn internal(message: &str) -> ApiError {
    ApiError::new(ErrorCode::Internal, message)
}
