//! Seller Desk's binary. With no arguments it opens the window; with a subcommand it runs
//! headless (no window, no display needed): `seller-desk status --json`, `seller-desk demo --init`.
//!
//! The shell is thin: commands take the state and a DTO, call `desk`, and return its answer.
//! It must never hold business rules.

// A release build on Windows must not open a console window behind the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod commands;
mod notify;
mod print;
mod state;

fn main() {
    match cli::parse() {
        cli::Parsed::Command(invocation) => std::process::exit(cli::run(invocation)),
        cli::Parsed::Window { files } => run_window(files),
    }
}

/// The D-Bus name of the running window for this data folder: one window per shop's data; a
/// window on another folder (another shop, a test's) is another instance. FNV-1a, stable
/// across builds, so that every version finds the window of another.
fn instance_id(dir: &std::path::Path) -> String {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let hash = dir
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("kz.sellerdesk.d{hash:016x}")
}

/// When the window last moved or changed size, while a writer waits for it to keep still.
#[derive(Default)]
struct WindowSaver(std::sync::Mutex<Option<std::time::Instant>>);

/// How long the window keeps still before its size and place are written.
const WINDOW_STILL: std::time::Duration = std::time::Duration::from_millis(500);

/// A drag sends dozens of events a second: one writer, off the window's thread, waits until
/// they stop and writes the window's state once.
fn window_changed(app: &tauri::AppHandle) {
    use tauri::Manager;
    let saver = app.state::<WindowSaver>();
    let Ok(mut last) = saver.0.lock() else { return };
    let waiting = last.is_some();
    *last = Some(std::time::Instant::now());
    if waiting {
        return;
    }
    let app = app.clone();
    std::thread::spawn(move || loop {
        std::thread::sleep(WINDOW_STILL);
        let saver = app.state::<WindowSaver>();
        let Ok(mut last) = saver.0.lock() else { return };
        if last.is_none_or(|t| t.elapsed() >= WINDOW_STILL) {
            *last = None;
            drop(last);
            use tauri_plugin_window_state::AppHandleExt;
            let _ = app.save_window_state(tauri_plugin_window_state::StateFlags::all());
            return;
        }
    });
}

fn run_window(files: Vec<String>) {
    use tauri::Manager;
    let handler: Box<dyn Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync> =
        Box::new(tauri::generate_handler![
            commands::startup::open_desk,
            commands::startup::unlock_data,
            commands::startup::recovery_state,
            commands::startup::save_recovery_sheet,
            commands::backups::backup_settings,
            commands::backups::choose_backup_folder,
            commands::backups::set_backup_numbers,
            commands::backups::backup_now,
            commands::backups::backup_if_due,
            commands::backups::choose_backup_to_restore,
            commands::backups::restore_backup,
            commands::startup::first_paint,
            commands::startup::set_language,
            commands::shop::check_tax_id,
            commands::shop::create_shop,
            commands::shop::open_demo,
            commands::membership::get_overview,
            commands::people::sign_in_choices,
            commands::people::sign_in,
            commands::people::sign_out,
            commands::people::get_session,
            commands::people::add_first_owner,
            commands::people::confirm_pin,
            commands::people::change_own_pin,
            commands::people::list_people,
            commands::people::add_person,
            commands::people::set_person_role,
            commands::people::set_person_pin,
            commands::people::unlock_person,
            commands::people::deactivate_person,
            commands::people::set_people_settings,
            commands::membership::record_event,
            commands::membership::void_event,
            commands::files::print_document,
            commands::signatures::watch_opened_files,
            commands::signatures::receive_opened_files,
            commands::reminders::notify_due,
            commands::reminders::get_reminder_settings,
            commands::reminders::set_reminder_settings,
            commands::reminders::watch_reminder_clicks,
            commands::acceptance::add_means,
            commands::acceptance::disconnect_means,
            commands::acceptance::add_contract,
            commands::acceptance::add_outlet,
            commands::fines::list_fines,
            commands::fines::fine_totals,
            commands::fines::get_fine,
            commands::fines::record_fine,
            commands::fines::dispute_fine,
            commands::fines::record_outcome,
            commands::fines::pay_fine,
            commands::fines::void_payment,
            commands::fines::correct_fine,
            commands::marks::void_placement,
            commands::marks::take_back_tick,
            commands::fines::get_schedule,
            commands::fines::add_schedule_entry,
            commands::fines::complete_corrective_action,
            commands::fines::add_corrective_step,
            commands::files::save_fine_file,
            commands::files::attach_fine_file,
            commands::files::import_fines,
            commands::statements::statement_preview,
            commands::statements::save_statement,
            commands::statements::get_bank_details,
            commands::statements::set_seller_account,
            commands::statements::set_payee,
            commands::signatures::pick_key_file,
            commands::signatures::key_info,
            commands::signatures::sign_fine_file,
            commands::signatures::list_documents,
            commands::signatures::save_signed,
            commands::signatures::get_trust,
            commands::signatures::set_test_mode,
            commands::signatures::set_timestamps,
            commands::signatures::add_trust_file,
            commands::signatures::key_remembered,
            commands::signatures::forget_key_password,
            commands::signatures::add_received_document,
            commands::signatures::update_crls,
            commands::marks::save_branding,
            commands::marks::open_branding,
            commands::marks::add_placement,
            commands::marks::add_web_presence,
            commands::marks::add_ad_material,
            commands::marks::start_exit,
            commands::marks::tick_exit_item,
            commands::marks::check_exit_site,
            commands::marks::complete_exit,
            commands::signatures::sign_document,
            commands::marks::get_kit,
            commands::marks::set_kit_url,
            commands::marks::update_kit,
            commands::training::my_training,
            commands::training::get_lesson,
            commands::training::start_quiz,
            commands::training::answer_question,
            commands::training::finish_quiz,
            commands::training::open_certificate,
            commands::training::training_roster,
            commands::training::save_roster,
            commands::training::verify_certificate_code,
            commands::training::verify_certificate_file,
            commands::rules::rules_page,
            commands::rules::rules_diff,
            commands::rules::pick_rules_file,
            commands::rules::import_rules,
            commands::rules::acknowledge_rules,
            commands::rules::open_acknowledgement,
        ]);
    let data_dir = desk::data_dir().ok();
    let mut single = tauri_plugin_single_instance::Builder::new().callback(|app, argv, cwd| {
        // A second start: this window comes forward and takes the files it was given.
        let files = cli::window_files(&argv, &cwd);
        app.state::<state::AppState>().files_opened(files);
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    });
    if let Some(dir) = &data_dir {
        single = single.dbus_id(instance_id(dir));
    }
    let mut window_state = tauri_plugin_window_state::Builder::new().with_state_flags(
        tauri_plugin_window_state::StateFlags::SIZE
            | tauri_plugin_window_state::StateFlags::POSITION
            | tauri_plugin_window_state::StateFlags::MAXIMIZED,
    );
    if let Some(dir) = &data_dir {
        // Kept with the shop's data (an absolute name is used as it is), so that every data
        // folder opens as it was left.
        window_state = window_state.with_filename(dir.join("window-state.json").display().to_string());
    }
    let result = tauri::Builder::default()
        // First: a second start must stop before anything else opens.
        .plugin(single.build())
        .plugin(window_state.build())
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::with_files(files))
        // After the plugins: a second start has handed its files over and ended by now.
        .setup(|app| {
            app.state::<state::AppState>().open_early();
            Ok(())
        })
        // The window's size and place are written once it stops changing, not only on exit: a
        // shop's computer is often switched off rather than the app closed.
        .manage(WindowSaver::default())
        .on_window_event(|window, event| {
            if matches!(event, tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)) {
                window_changed(window.app_handle());
            }
        })
        // Every command passes the role gate first (6.8): refused before its arguments are read
        // and before any dialog opens.
        .invoke_handler(move |invoke| {
            let command = invoke.message.command().to_string();
            let gate = invoke.message.webview().state::<state::AppState>().gate(&command);
            match gate {
                Ok(()) => handler(invoke),
                Err(e) => {
                    invoke.resolver.reject(e);
                    true
                }
            }
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Seller Desk could not start its window: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn one_window_per_data_folder_however_the_folder_is_named() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let link = b.path().join("link");
        std::os::unix::fs::symlink(a.path(), &link).unwrap();
        let id = super::instance_id(a.path());
        assert_eq!(super::instance_id(&link), id);
        assert_ne!(super::instance_id(b.path()), id);
        // A D-Bus name's element may not start with a digit; each is 1–255 characters.
        assert!(id.starts_with("kz.sellerdesk.d") && id.len() == "kz.sellerdesk.d".len() + 16, "{id}");
    }
}
