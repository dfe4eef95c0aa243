//! An empty Tauri window: the page says when it is painted, as Seller Desk's first screen does,
//! so that `cargo xtask bench` compares the two by the same signal.

// A window app on Windows has no console, as Seller Desk's release build.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[tauri::command]
fn first_paint(screen: String) {
    if std::env::var_os("SELLER_DESK_REPORT_PAINT").is_some() {
        let screen: String = screen.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(32).collect();
        eprintln!("seller-desk: first paint: {screen}");
    }
}

fn main() {
    if let Err(e) =
        tauri::Builder::default().invoke_handler(tauri::generate_handler![first_paint]).run(tauri::generate_context!())
    {
        eprintln!("empty-window: {e}");
        std::process::exit(1);
    }
}
