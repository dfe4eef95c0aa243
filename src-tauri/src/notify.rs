//! Desktop notifications: shown through the system's notification service (a D-Bus server on
//! Linux, toasts on Windows); a click on one (its default action) brings the window forward and
//! opens the page it is about.

use desk::reminders::NotificationDto;
use desk::{ApiError, ErrorCode};
use tauri::{AppHandle, Manager};

/// Shows `n`; `Ok` once the notification service has it.
pub fn show(app: &AppHandle, n: &NotificationDto) -> Result<(), ApiError> {
    let mut note = notify_rust::Notification::new();
    note.appname("Seller Desk").summary(&n.title).body(&n.body);
    #[cfg(not(target_os = "macos"))]
    note.action("default", &n.title);
    let handle = note
        .show()
        .map_err(|e| ApiError::new(ErrorCode::NotificationUnavailable, format!("no notification was shown: {e}")))?;
    #[cfg(not(target_os = "macos"))]
    {
        let app = app.clone();
        let page = n.page.clone();
        // Waits for the click (or the notification's closing) off every other thread.
        std::thread::spawn(move || {
            handle.wait_for_action(|action| {
                if action == "default" {
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                    app.state::<crate::state::AppState>().reminder_clicked(page);
                }
            });
        });
    }
    #[cfg(target_os = "macos")]
    let _ = (app, handle);
    Ok(())
}
