//! `export-bindings DIR`: writes the TypeScript declarations of every IPC type into DIR.

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: export-bindings DIR");
        std::process::exit(2);
    };
    if let Err(e) = desk::bindings::export(std::path::Path::new(&dir)) {
        eprintln!("export-bindings: {e}");
        std::process::exit(1);
    }
}
