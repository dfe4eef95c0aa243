// Every command the window may call is declared here; `tauri-build` turns each into an
// `allow-…` permission that `capabilities/default.json` must grant explicitly.
include!("src/commands/names.rs");

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
