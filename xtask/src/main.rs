//! `cargo xtask <command>`: the developer commands of Seller Desk.
//!
//! - `run [--no-demo]`: install what is missing, build the UI and the app, open the window
//!   (seeding the demo shop when the data folder has no shop, unless `--no-demo`).
//! - `test`: install what is missing, then every test: Rust unit and integration tests, the UI's
//!   type check and component tests, the end-to-end tests in the real window, and the `.deb`
//!   installed, used and removed in a throwaway Debian root.
//! - `e2e [FILE]`: only the end-to-end tests (or those of `tests/tests/FILE.rs`).
//! - `codegen [--check]`: regenerate the TypeScript types of the IPC (or check they are fresh).
//! - `ci`: formatting check, clippy `-D warnings`, generated-types check, then `test`.
//! - `package [--test]`: the `.deb` (Tauri's bundler, `Depends` from what the binary links), in
//!   `target/release/bundle/deb/`; with `--test`, installed in a throwaway Debian root, run
//!   headless and in a window, removed, the user's data checked untouched (`test` does this too).
//! - `bench [N | startup]`: speed targets, timed on a release build (never in tests): start-up
//!   and memory against an empty Tauri window (`startup` alone: only that); fines lists and
//!   totals over N fines (1,000,000 by default); a statement of 100,000 entries as XLSX, CSV,
//!   PDF and 1C beside openpyxl and reportlab writing the same rows (ratios printed); GOST
//!   34.10-2015 signatures and verifications per second on one core, and a 10 MB document
//!   signed, beside `openssl dgst -sha256` for scale; two versions of the rules parsed and
//!   diffed (≤ 50 ms).
//! - `fuzz [SECONDS]`: every parser of outside input (BER, PKCS#12, X.509, CRLs, CMS, OCSP and
//!   timestamp answers, the fines CSV, the kit manifest, the website check's HTML and robots.txt,
//!   the rules text and PDF, the recovery code) fed mutated and random inputs for SECONDS in all
//!   (600 by default); the tests run a short fixed budget of the same.
//!
//! Each command installs what it needs: Debian packages (as root, or through `sudo`; otherwise
//! it stops and prints the exact `apt-get` line), the UI's npm packages (`npm ci` from the
//! committed lock file) and `tauri-driver`.

mod package;
mod setup;
mod startup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(),
        Some("e2e") => e2e_only(args.get(1).map(String::as_str)),
        Some("codegen") => codegen(args.get(1).map(String::as_str) == Some("--check")),
        Some("ci") => ci(),
        Some("package") => package(args.get(1).map(String::as_str) == Some("--test")),
        Some("bench") => bench(&args[1..]),
        Some("fuzz") => fuzz(args.get(1).map(String::as_str)),
        // The start-up measurement itself, inside the D-Bus session `bench` starts for it.
        Some("bench-startup") => startup::measure_all(),
        _ => {
            eprintln!("usage: cargo xtask <run [--no-demo] | test | e2e [FILE] | codegen [--check] | ci | package [--test] | bench [N | startup] | fuzz [SECONDS]>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

pub fn step(title: &str) {
    eprintln!("\n==> {title}");
}

/// Runs a command in `dir`, failing with its name when it fails.
pub fn sh(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(dir);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let status = cmd.status().map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

pub(crate) fn cargo(args: &[&str], envs: &[(&str, &str)]) -> Result {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    sh(&root(), &cargo, args, envs)
}

pub(crate) fn build_ui() -> Result {
    step("Building the UI");
    sh(&root().join("ui"), "npm", &["run", "build"], &[])
}

fn build_app() -> Result {
    build_ui()?;
    step("Building the app");
    cargo(&["build", "--package", "seller-desk"], &[])
}

fn app_binary() -> PathBuf {
    root().join("target/debug/seller-desk")
}

fn run(args: &[String]) -> Result {
    setup::debian(setup::Need::Run)?;
    setup::npm()?;
    build_app()?;
    let bin = app_binary();
    if !args.iter().any(|a| a == "--no-demo") {
        let out = Command::new(&bin)
            .args(["status", "--json"])
            .output()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        if out.status.success() && String::from_utf8_lossy(&out.stdout).contains("\"seller\": null") {
            step("No shop yet: creating the demo shop");
            sh(&root(), &bin.display().to_string(), &["demo", "--init"], &[])?;
        } else if said.contains("\"vault.") {
            // No keyring here (or the data is under a passphrase, or its key is elsewhere): the
            // window asks for what it needs first; its welcome screen offers the demo shop.
            step("The data's key needs a passphrase or the recovery code: the window asks for it");
        } else if !out.status.success() && !said.contains("\"pin.") && !said.contains("\"session.") {
            return Err(format!("the data folder cannot be read: {said}"));
        }
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err("no display: run this in a desktop session (or under `xvfb-run -a cargo xtask run`)".into());
    }
    step("Opening Seller Desk");
    sh(&root(), &bin.display().to_string(), &[], &[])
}

fn test() -> Result {
    setup::debian(setup::Need::Test)?;
    setup::npm()?;
    setup::tauri_driver()?;
    build_app()?;
    step("UI: type check and component tests");
    let ui = root().join("ui");
    sh(&ui, "npm", &["run", "check"], &[])?;
    sh(&ui, "npm", &["test"], &[])?;
    let python = setup::readers()?.display().to_string();
    step("Rust: unit, integration and doc tests (in a D-Bus session with an unlocked gnome-keyring)");
    with_keyring(
        &["test", "--workspace", "--exclude", "e2e", "--exclude", "empty-window"],
        &[("SELLER_DESK_PYTHON", python.as_str())],
    )?;
    e2e()?;
    step("The package: built, installed in a throwaway Debian root, used, removed");
    let deb = package::build()?;
    package::test(&deb)
}

/// Runs `cargo ARGS` inside a private D-Bus session whose gnome-keyring is unlocked, so that
/// the OS-keyring tests use a real Secret Service (and fail if there is none:
/// SELLER_DESK_KEYRING=required).
fn with_keyring(args: &[&str], envs: &[(&str, &str)]) -> Result {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut all = vec![cargo.as_str()];
    all.extend(args);
    in_keyring_session(&all, envs)
}

/// Runs PROGRAM ARGS in a private D-Bus session with an unlocked gnome-keyring whose keyrings
/// live in a folder made afresh for the run (every shop a test makes puts its database key
/// there; a developer's own keyring is never touched and never grows).
pub fn in_keyring_session(command: &[&str], envs: &[(&str, &str)]) -> Result {
    let quoted: Vec<String> = command.iter().map(|a| format!("'{}'", a.replace('\'', "'\\''"))).collect();
    let inner = format!(
        "echo -n seller-desk-tests | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec {}",
        quoted.join(" ")
    );
    let mut all: Vec<(&str, &str)> = envs.to_vec();
    all.push(("SELLER_DESK_KEYRING", "required"));
    let keyrings = root().join("target/test-keyrings");
    let _ = std::fs::remove_dir_all(&keyrings);
    std::fs::create_dir_all(&keyrings).map_err(|e| format!("{}: {e}", keyrings.display()))?;
    let keyrings_text = keyrings.display().to_string();
    all.push(("XDG_DATA_HOME", keyrings_text.as_str()));
    // gnome-keyring needs a runtime folder of its own (mode 700) when the session has none.
    let runtime = root().join("target/xdg-runtime");
    let runtime_text = runtime.display().to_string();
    if std::env::var_os("XDG_RUNTIME_DIR").is_none() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(&runtime).map_err(|e| format!("{}: {e}", runtime.display()))?;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| format!("{}: {e}", runtime.display()))?;
        all.push(("XDG_RUNTIME_DIR", runtime_text.as_str()));
    }
    sh(&root(), "dbus-run-session", &["--", "sh", "-c", &inner], &all)
}

/// The parsers' fuzz targets (crates/desk/tests/hostile.rs) for SECONDS in all: two run at a
/// time (two cores), each for its share.
fn fuzz(seconds: Option<&str>) -> Result {
    const TARGETS: u64 = 11;
    let seconds: u64 = match seconds {
        Some(s) => s.parse().map_err(|_| format!("fuzz takes a number of seconds, not {s:?}"))?,
        None => 600,
    };
    let each = (seconds * 2 / TARGETS).max(1).to_string();
    step(&format!("Fuzzing every parser of outside input for {seconds} s ({each} s each, two at a time)"));
    cargo(
        &["test", "--package", "desk", "--test", "hostile", "--", "--nocapture", "--test-threads=2"],
        &[("SELLER_DESK_FUZZ_SECONDS", each.as_str())],
    )
}

fn e2e() -> Result {
    e2e_of(None)
}

/// The end-to-end tests, or those of one file of `tests/tests/` (`window`, `rules`…).
fn e2e_of(file: Option<&str>) -> Result {
    step("End-to-end tests in the real window");
    let bin = app_binary().display().to_string();
    let mut args = vec!["test", "--package", "e2e"];
    if let Some(f) = file {
        args.extend(["--test", f]);
    }
    // One window at a time: two cores, and each test starts its own WebKit.
    args.extend(["--", "--test-threads=1"]);
    // In a private D-Bus session of their own: the app finds its running window there (one
    // window per data folder), the tests' notification server takes the name there, and the
    // session's keyring keeps each shop's database key.
    with_keyring(&args, &[("SELLER_DESK_BIN", bin.as_str())])
}

fn e2e_only(file: Option<&str>) -> Result {
    setup::debian(setup::Need::Test)?;
    setup::npm()?;
    setup::tauri_driver()?;
    build_app()?;
    e2e_of(file)
}

const BINDINGS: &str = "ui/src/lib/ipc/bindings";

fn codegen(check: bool) -> Result {
    let target = root().join(BINDINGS);
    if !check {
        step("Generating TypeScript types");
        let _ = std::fs::remove_dir_all(&target);
        return cargo(
            &["run", "--quiet", "--package", "desk", "--bin", "export-bindings", "--", &target.display().to_string()],
            &[],
        );
    }
    step("Checking the generated TypeScript types are fresh");
    let fresh = std::env::temp_dir().join(format!("seller-desk-bindings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    cargo(
        &["run", "--quiet", "--package", "desk", "--bin", "export-bindings", "--", &fresh.display().to_string()],
        &[],
    )?;
    let stale = compare_dirs(&fresh, &target);
    let _ = std::fs::remove_dir_all(&fresh);
    match stale {
        Ok(()) => Ok(()),
        Err(e) => Err(format!("{e}; run `cargo xtask codegen` and commit {BINDINGS}")),
    }
}

fn compare_dirs(fresh: &Path, committed: &Path) -> Result {
    let list = |dir: &Path| -> Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Ok(names)
    };
    let (a, b) = (list(fresh)?, list(committed)?);
    if a != b {
        return Err(format!("the generated type files differ: expected {a:?}, found {b:?}"));
    }
    for name in a {
        let x = std::fs::read(fresh.join(&name)).map_err(|e| e.to_string())?;
        let y = std::fs::read(committed.join(&name)).map_err(|e| e.to_string())?;
        if x != y {
            return Err(format!("{BINDINGS}/{name} is stale"));
        }
    }
    Ok(())
}

fn ci() -> Result {
    step("Formatting");
    cargo(&["fmt", "--all", "--check"], &[])?;
    setup::debian(setup::Need::Test)?;
    setup::npm()?;
    // The app embeds ui/dist at compile time, so clippy needs the UI built.
    build_ui()?;
    step("Clippy");
    cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])?;
    codegen(true)?;
    test()
}

fn package(and_test: bool) -> Result {
    setup::debian(setup::Need::Test)?;
    setup::npm()?;
    let deb = package::build()?;
    if and_test {
        package::test(&deb)?;
    }
    Ok(())
}

fn bench(args: &[String]) -> Result {
    setup::debian(setup::Need::Test)?;
    setup::npm()?;
    let startup = startup::bench();
    if args.first().map(String::as_str) == Some("startup") {
        return startup;
    }
    step("Benchmark: fines lists and totals (release build)");
    let mut cmd = vec!["run", "--release", "--package", "desk", "--example", "bench_fines", "--"];
    cmd.extend(args.iter().map(String::as_str));
    cargo(&cmd, &[])?;
    setup::debian(setup::Need::Test)?;
    let python = setup::readers()?.display().to_string();
    step("Benchmark: a statement of 100,000 entries in every format, beside openpyxl and reportlab");
    cargo(
        &["run", "--release", "--package", "export", "--example", "bench_statements"],
        &[("SELLER_DESK_PYTHON", python.as_str())],
    )?;
    step("Benchmark: GOST 34.10-2015 signatures on one core, and a 10 MB document signed");
    cargo(&["run", "--release", "--package", "eds", "--example", "bench_gost"], &[])?;
    step("Benchmark: two versions of the club's rules parsed and diffed clause by clause");
    cargo(&["run", "--release", "--package", "club", "--example", "bench_rules"], &[])?;
    // The start-up figures were printed first; a missed target there fails the run too.
    startup
}
