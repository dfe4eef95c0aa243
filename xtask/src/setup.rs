//! Installs what the commands need, once, on a fresh Debian machine.

use std::path::Path;
use std::process::Command;

use crate::{root, sh, step, Result};

/// What the packages are for.
#[derive(Clone, Copy, PartialEq)]
pub enum Need {
    Run,
    Test,
}

/// Building and showing the window (WebKitGTK), with fonts that carry Kazakh letters.
const BUILD: &[&str] = &["build-essential", "pkg-config", "libwebkit2gtk-4.1-dev", "fonts-dejavu-core"];

/// The tests: a virtual display, WebKit's WebDriver and xdotool for the native file dialogs;
/// poppler to read PDFs back and zbar to decode their QR codes; Python's venv for the independent
/// readers of tests/readers; OpenSSL to check signatures; a D-Bus session with gnome-keyring for
/// the system keyring.
const TEST: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "xdotool",
    // xev: the start-up benchmark reads the window's map event with it.
    "x11-utils",
    // The package's install test: a throwaway Debian root from Debian's packages.
    "debootstrap",
    "poppler-utils",
    "zbar-tools",
    "python3",
    "python3-venv",
    "openssl",
    "dbus-daemon",
    "gnome-keyring",
];

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

fn sudo_works() -> bool {
    Command::new("sudo").args(["-n", "true"]).status().map(|s| s.success()).unwrap_or(false)
}

pub fn debian(need: Need) -> Result {
    if !Path::new("/usr/bin/dpkg-query").exists() {
        eprintln!("xtask: not a Debian system; make sure the equivalents of {BUILD:?} and {TEST:?} are installed");
        return Ok(());
    }
    let mut wanted: Vec<&str> = BUILD.to_vec();
    if need == Need::Test {
        wanted.extend_from_slice(TEST);
    }
    let missing: Vec<&str> = wanted.into_iter().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!("Installing Debian packages: {}", missing.join(" ")));
    let install: Vec<&str> =
        ["install", "-y", "--no-install-recommends"].into_iter().chain(missing.iter().copied()).collect();
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    if is_root() {
        sh(&root(), "apt-get", &["update"], &env)?;
        sh(&root(), "apt-get", &install, &env)
    } else if sudo_works() {
        sh(&root(), "sudo", &["apt-get", "update"], &env)?;
        let mut args = vec!["DEBIAN_FRONTEND=noninteractive", "apt-get"];
        args.extend(install);
        sh(&root(), "sudo", &args, &[])
    } else {
        Err(format!(
            "these Debian packages are missing and neither root nor sudo is available; run:\n\n    sudo apt-get update && sudo apt-get install -y {}\n",
            missing.join(" ")
        ))
    }
}

/// `npm ci` from the committed lock file, when node_modules is missing or older than the lock.
pub fn npm() -> Result {
    let ui = root().join("ui");
    if Command::new("npm").arg("--version").output().is_err() {
        return Err("npm is not installed: install Node.js 20 or newer".into());
    }
    let lock = ui.join("package-lock.json");
    let stamp = ui.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&lock), modified(&stamp)) {
        (Some(l), Some(s)) => s >= l,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    step("Installing the UI's npm packages (npm ci)");
    sh(&ui, "npm", &["ci", "--no-audit", "--no-fund"], &[])
}

/// tauri-driver, the WebDriver bridge of the end-to-end tests, from crates.io.
pub fn tauri_driver() -> Result {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cargo")));
    if let Some(home) = home {
        if home.join("bin/tauri-driver").exists() {
            return Ok(());
        }
    }
    if Command::new("tauri-driver").arg("--help").output().map(|o| o.status.success()).unwrap_or(false) {
        return Ok(());
    }
    step("Installing tauri-driver");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    sh(&root(), &cargo, &["install", "tauri-driver", "--version", "^2", "--locked"], &[])
}

/// The Python of `target/readers-venv`, with tests/readers/requirements.txt installed from PyPI
/// (openpyxl reads statements back in tests; reportlab is a benchmark yardstick).
pub fn readers() -> Result<std::path::PathBuf> {
    let venv = root().join("target/readers-venv");
    let python = venv.join("bin/python");
    let requirements = root().join("tests/readers/requirements.txt");
    let stamp = venv.join(".requirements.txt");
    let wanted = std::fs::read(&requirements).map_err(|e| format!("{}: {e}", requirements.display()))?;
    if python.exists() && std::fs::read(&stamp).ok().as_deref() == Some(wanted.as_slice()) {
        return Ok(python);
    }
    step("Installing the Python readers (openpyxl, reportlab, gostcrypto, pyHanko) into target/readers-venv");
    sh(&root(), "python3", &["-m", "venv", "--clear", &venv.display().to_string()], &[])?;
    let req = requirements.display().to_string();
    sh(
        &root(),
        &python.display().to_string(),
        &["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", &req],
        &[],
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(python)
}
