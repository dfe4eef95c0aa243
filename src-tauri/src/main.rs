//! Seller Desk's binary. With no arguments it opens the window; with a subcommand it runs
//! headless (no window, no display needed): `seller-desk status --json`, `seller-desk demo --init`.
//!
//! The shell is thin: commands take the state and a DTO, call `desk`, and return its answer.
//! It must never hold business rules.

// A release build on Windows must not open a console window behind the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod commands;
mod print;
mod state;

fn main() {
    match cli::parse() {
        Some(invocation) => std::process::exit(cli::run(invocation)),
        None => run_window(),
    }
}

fn run_window() {
    use tauri::Manager;
    let handler: Box<dyn Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync> =
        Box::new(tauri::generate_handler![
            commands::startup::open_desk,
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
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::default())
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
