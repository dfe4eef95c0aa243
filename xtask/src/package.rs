//! `cargo xtask package`: the `.deb` a seller installs, built by the Tauri bundler from the
//! release binary (UI embedded), with its `Depends` derived from what the binary links
//! (`dpkg-shlibdeps`). AppImage is left out: its tooling downloads binaries at build time.
//!
//! `cargo xtask package --test` (and `cargo xtask test`) then installs it where nothing of the
//! build is on the path: a throwaway Debian root made by `debootstrap` from Debian's packages
//! (kept as a tarball in the user's cache between runs), `apt-get install ./seller-desk_….deb`
//! pulling what the package says it needs; runs the installed binary headless (`demo --init`,
//! `status`), opens its window on an Xvfb display of the host until its first screen is painted,
//! removes the package and checks that the user's data folder is untouched.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{root, sh, step, Result};

const SUITE: &str = "bookworm";
const MIRROR: &str = "http://deb.debian.org/debian";

/// Builds the package; returns its path.
pub fn build() -> Result<PathBuf> {
    crate::build_ui()?;
    step("Building the release binary");
    crate::cargo(&["build", "--release", "--package", "seller-desk"], &[])?;
    let bin = root().join("target/release/seller-desk");
    let mut depends = shlib_depends(&bin)?;
    // Not linked but run: "Open for printing" and opening a saved file hand them to xdg-open.
    depends.push("xdg-utils".into());
    step(&format!("Bundling the .deb (Depends: {})", depends.join(", ")));
    let config = format!(
        r#"{{"bundle":{{"active":true,"targets":["deb"],"linux":{{"deb":{{"depends":[{}]}}}}}}}}"#,
        depends.iter().map(|d| format!("\"{}\"", d.replace('"', ""))).collect::<Vec<_>>().join(",")
    );
    let out_dir = root().join("target/release/bundle/deb");
    let _ = std::fs::remove_dir_all(&out_dir);
    let tauri = root().join("ui/node_modules/.bin/tauri");
    sh(
        &root().join("src-tauri"),
        &tauri.display().to_string(),
        &["bundle", "--bundles", "deb", "--config", &config],
        &[("CI", "true")],
    )?;
    let made = std::fs::read_dir(&out_dir)
        .map_err(|e| format!("no bundle folder {}: {e}", out_dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "deb"))
        .ok_or("the bundler made no .deb")?;
    // The bundler names the file after the product ("Seller Desk_0.1.0_amd64.deb"); Debian's
    // own form is package_version_architecture.deb, read from the package itself.
    let field = |name: &str| -> Result<String> {
        let out = Command::new("dpkg-deb").arg("-f").arg(&made).arg(name).output().map_err(|e| e.to_string())?;
        let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if value.is_empty() || value.contains(['/', ' ']) {
            return Err(format!("the package's {name} field is {value:?}"));
        }
        Ok(value)
    };
    let deb = out_dir.join(format!("{}_{}_{}.deb", field("Package")?, field("Version")?, field("Architecture")?));
    std::fs::rename(&made, &deb).map_err(|e| e.to_string())?;
    println!("{}", deb.display());
    Ok(deb)
}

/// The packages the binary's shared libraries come from, with their minimum versions, as
/// `dpkg-shlibdeps` finds them (it wants a `debian/control` to stand in: a throwaway one).
fn shlib_depends(bin: &Path) -> Result<Vec<String>> {
    let dir = root().join("target/shlibdeps");
    std::fs::create_dir_all(dir.join("debian")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("debian/control"), "Source: seller-desk\n\nPackage: seller-desk\nArchitecture: any\n")
        .map_err(|e| e.to_string())?;
    let out = Command::new("dpkg-shlibdeps")
        .args(["-O", "--ignore-missing-info"])
        .arg(bin)
        .current_dir(&dir)
        .output()
        .map_err(|e| format!("dpkg-shlibdeps did not run ({e}): it comes with dpkg-dev"))?;
    if !out.status.success() {
        return Err(format!("dpkg-shlibdeps failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("shlibs:Depends="))
        .ok_or_else(|| format!("dpkg-shlibdeps said no Depends: {text}"))?;
    let depends: Vec<String> = line.split(',').map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect();
    if !depends.iter().any(|d| d.starts_with("libwebkit2gtk-4.1-0")) {
        return Err(format!("the binary does not seem to link WebKitGTK: {line}"));
    }
    Ok(depends)
}

/// Mounts undone and the root removed when dropped, whatever happened in between.
struct Throwaway {
    root: PathBuf,
    mounts: Vec<PathBuf>,
}

impl Throwaway {
    fn mount(&mut self, args: &[&str], at: &Path) -> Result {
        std::fs::create_dir_all(at).map_err(|e| e.to_string())?;
        let ok = Command::new("mount").args(args).arg(at).status().map_err(|e| e.to_string())?.success();
        if !ok {
            return Err(format!("cannot mount {} ({args:?})", at.display()));
        }
        self.mounts.push(at.to_path_buf());
        Ok(())
    }

    /// Runs `command` (through `sh -c`) inside the root, with a clean environment plus `envs`.
    fn run(&self, command: &str, envs: &[(&str, &str)]) -> Result<String> {
        let mut cmd = Command::new("chroot");
        cmd.arg(&self.root)
            .args(["/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/home/shop", "LANG=C.UTF-8"])
            .args(envs.iter().map(|(k, v)| format!("{k}={v}")))
            .args(["/bin/sh", "-c", command]);
        let out = cmd.output().map_err(|e| format!("chroot did not run: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "in the throwaway root, `{command}` failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for Throwaway {
    fn drop(&mut self) {
        for at in self.mounts.iter().rev() {
            let _ = Command::new("umount").arg("--lazy").arg(at).status();
        }
        // Never delete through a mount that stayed: /dev, the X sockets and the package cache
        // are the host's own.
        let left = mounted_under(&self.root);
        if left.is_empty() {
            let _ = std::fs::remove_dir_all(&self.root);
        } else {
            eprintln!("xtask: {} is left in place: still mounted there: {left:?}", self.root.display());
        }
    }
}

/// A minimal Debian root from Debian's own packages, unpacked fresh from the cached tarball.
fn throwaway_root() -> Result<Throwaway> {
    let cache = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
        .join(".cache/seller-desk");
    std::fs::create_dir_all(&cache).map_err(|e| e.to_string())?;
    let tarball = cache.join(format!("{SUITE}-minbase.tar"));
    if !tarball.exists() {
        step(&format!("Making a minimal Debian {SUITE} root with debootstrap (once; kept in {})", cache.display()));
        let fresh = cache.join("root.new");
        let _ = std::fs::remove_dir_all(&fresh);
        let fresh_s = fresh.display().to_string();
        sh(&cache, "debootstrap", &["--variant=minbase", SUITE, &fresh_s, MIRROR], &[])?;
        let part = tarball.with_extension("tar.part");
        sh(&cache, "tar", &["-C", &fresh_s, "-cf", &part.display().to_string(), "."], &[])?;
        std::fs::rename(&part, &tarball).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_dir_all(&fresh);
    }
    let dir = root().join("target/package-root");
    if dir.exists() {
        // A root left by a killed run: its mounts first.
        drop(Throwaway { root: dir.clone(), mounts: mounted_under(&dir) });
        if dir.exists() {
            return Err(format!("{} is left from an earlier run and cannot be removed", dir.display()));
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut root_fs = Throwaway { root: dir.clone(), mounts: Vec::new() };
    sh(&dir, "tar", &["-C", &dir.display().to_string(), "-xf", &tarball.display().to_string()], &[])?;
    root_fs.mount(&["-t", "proc", "proc"], &dir.join("proc"))?;
    root_fs.mount(&["--bind", "/dev"], &dir.join("dev"))?;
    root_fs.mount(&["--bind", "/tmp/.X11-unix"], &dir.join("tmp/.X11-unix"))?;
    // The downloaded packages are kept on the host between runs.
    let archives = cache.join("apt-archives");
    std::fs::create_dir_all(archives.join("partial")).map_err(|e| e.to_string())?;
    root_fs.mount(&["--bind", &archives.display().to_string()], &dir.join("var/cache/apt/archives"))?;
    std::fs::copy("/etc/resolv.conf", dir.join("etc/resolv.conf")).map_err(|e| e.to_string())?;
    Ok(root_fs)
}

fn mounted_under(dir: &Path) -> Vec<PathBuf> {
    let prefix = dir.display().to_string();
    std::fs::read_to_string("/proc/mounts")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|m| m.starts_with(&prefix))
        .map(PathBuf::from)
        .collect()
}

/// Installs `deb` in a throwaway root, uses it headless and in a window, removes it.
pub fn test(deb: &Path) -> Result {
    step("Installing the package in a throwaway Debian root");
    if std::env::var_os("SELLER_DESK_SKIP_PACKAGE_TEST").is_some() {
        eprintln!("xtask: SELLER_DESK_SKIP_PACKAGE_TEST is set: the package's install test is skipped");
        return Ok(());
    }
    let is_root = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false);
    if !is_root {
        return Err("the package's install test makes a chroot: run it as root".into());
    }
    let xvfb_dir = Path::new("/tmp/.X11-unix");
    std::fs::create_dir_all(xvfb_dir).map_err(|e| e.to_string())?;
    let fs = throwaway_root()?;
    let name = deb.file_name().and_then(|n| n.to_str()).ok_or("the package's name")?;
    std::fs::copy(deb, fs.root.join("tmp").join(name)).map_err(|e| e.to_string())?;
    let before = fs.run("command -v seller-desk || echo absent", &[])?;
    if before.trim() != "absent" {
        return Err(format!("the throwaway root already has seller-desk: {before}"));
    }
    fs.run("apt-get update -qq", &[("DEBIAN_FRONTEND", "noninteractive")])?;
    fs.run(
        &format!("apt-get install -y -qq --no-install-recommends /tmp/{name} dbus-daemon"),
        &[("DEBIAN_FRONTEND", "noninteractive")],
    )?;
    let installed = fs.run("command -v seller-desk && dpkg-query -W -f='${Version}' seller-desk", &[])?;
    if !installed.contains("/usr/bin/seller-desk") {
        return Err(format!("the package did not install /usr/bin/seller-desk: {installed}"));
    }
    let desktop = fs.run("cat /usr/share/applications/*.desktop", &[])?;
    for line in ["Name=Seller Desk", "GenericName[kk]=", "GenericName[ru]=", "Categories=Office"] {
        if !desktop.contains(line) {
            return Err(format!("the desktop entry has no {line:?}:\n{desktop}"));
        }
    }

    // Headless, as a user would first try it: the root has no keyring, so the data's key is
    // kept under a passphrase, given as a script gives it.
    let data = "/home/shop/.local/share/seller-desk";
    fs.run("mkdir -p /home/shop", &[])?;
    let refused = fs.run("seller-desk --lang en demo --init 2>&1 || true", &[])?;
    if !refused.contains("vault.no_keyring")
        || fs.root.join(data.trim_start_matches('/')).join("seller-desk.sqlite3").exists()
    {
        return Err(format!("without a keyring or a passphrase the data was not refused:\n{refused}"));
    }
    let made = fs.run("seller-desk --lang en demo --init", &[PASSPHRASE])?;
    // As the demo shop's owner (README's PIN).
    let status = fs.run("seller-desk --lang en status", &[("SELLER_DESK_PIN", "482915"), PASSPHRASE])?;
    if !made.contains("demo shop") || !status.contains("State: Club suspension announced") {
        return Err(format!("the installed binary did not work headless:\n{made}\n{status}"));
    }
    if !fs.root.join(data.trim_start_matches('/')).join("seller-desk.sqlite3").exists() {
        return Err(format!("the demo shop is not in the user's data folder {data}"));
    }

    // Its window, on an Xvfb of the host (the socket is shared with the root).
    let (xvfb, display) = crate::startup::xvfb()?;
    let window = open_window(&fs, &display);
    drop(xvfb);
    window?;

    // Removed: the program goes, the user's data stays as it was.
    let data_before = fs.run(&format!("cd {data} && find . -type f | sort | xargs sha256sum"), &[])?;
    fs.run("apt-get remove -y -qq seller-desk", &[("DEBIAN_FRONTEND", "noninteractive")])?;
    let gone = fs.run("command -v seller-desk || echo absent", &[])?;
    if gone.trim() != "absent" {
        return Err(format!("seller-desk is still installed after apt-get remove: {gone}"));
    }
    let data_after = fs.run(&format!("cd {data} && find . -type f | sort | xargs sha256sum"), &[])?;
    if data_before != data_after || !data_after.contains("seller-desk.sqlite3") {
        return Err(format!("removing the package changed the user's data:\n{data_before}\n---\n{data_after}"));
    }
    println!("The package installs, runs headless and in a window, and leaves the user's data when removed.");
    Ok(())
}

/// The passphrase the throwaway root's data is kept under (it has no keyring).
const PASSPHRASE: (&str, &str) = ("SELLER_DESK_PASSPHRASE", "a passphrase for the package test");

/// Starts the installed app in the root on `display` (in a D-Bus session, as on a desktop) and
/// waits until its first screen is painted with the demo shop's people.
fn open_window(fs: &Throwaway, display: &str) -> Result {
    let mut child = Command::new("chroot")
        .arg(&fs.root)
        .args(["/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "HOME=/home/shop", "LANG=C.UTF-8"])
        .arg(format!("DISPLAY={display}"))
        .arg(format!("{}={}", PASSPHRASE.0, PASSPHRASE.1))
        .args(["SELLER_DESK_REPORT_PAINT=1", "dbus-run-session", "--", "seller-desk"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("the installed app did not start: {e}"))?;
    let stderr = child.stderr.take().ok_or("stderr")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(std::result::Result::ok) {
            let painted = line.contains("first paint: sign-in");
            seen.push(line);
            if painted {
                let _ = tx.send(Ok(()));
                return;
            }
        }
        let _ = tx.send(Err(seen.join("\n")));
    });
    let started = Instant::now();
    let result = match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(said)) => Err(format!("the installed app's window ended before its first screen:\n{said}")),
        Err(_) => Err("the installed app's window painted nothing in 60 s".to_string()),
    };
    if result.is_ok() {
        println!(
            "The installed app's window painted its sign-in screen {:.1} s after start.",
            started.elapsed().as_secs_f64()
        );
    }
    // Closing it: the app, the session it runs in and what they started; only this tree (the
    // root shares the host's processes: nothing is looked up by name).
    let tree = crate::startup::descendants(child.id());
    for pid in tree.iter().rev() {
        let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).stderr(Stdio::null()).status();
    }
    std::thread::sleep(Duration::from_millis(500));
    for pid in &tree {
        let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).stderr(Stdio::null()).status();
    }
    let _ = child.kill();
    let _ = child.wait();
    result
}
