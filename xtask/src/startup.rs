//! `cargo xtask bench`, start-up and memory: Seller Desk on the demo shop against an empty Tauri
//! window of the same Tauri version and release flags (`benches/empty-window`), on a private
//! Xvfb, alternating, `RUNS` times each. Measured from the exec of each binary: the window mapped
//! (a MapNotify on the root window, read from `xev`), the first screen with data painted (the page
//! says so through the `first_paint` command; Seller Desk's first screen on the demo shop is the
//! sign-in listing the shop's people, read from the store), and 5 s after start the proportional
//! memory (PSS) of the app and every process it started (WebKitWebProcess, WebKitNetworkProcess).
//! Medians and ratios are printed; the targets are ratios to the empty window.
//!
//! Standard library only, as the rest of xtask: processes, `/proc` and the tools `xev` (x11-utils)
//! and `Xvfb` that `setup` installs.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use crate::{root, step, Result};

/// How many times each app is started, alternating.
const RUNS: usize = 7;
/// When memory is read after the exec.
const SETTLE: Duration = Duration::from_secs(5);
/// The targets, as ratios to the empty window.
const PAINT_TARGET: f64 = 1.2;
const MEMORY_TARGET: f64 = 1.15;

struct Sample {
    mapped: Duration,
    painted: Duration,
    pss_kib: u64,
}

/// Kills the process (and what it started) when dropped.
pub(crate) struct Running {
    child: Child,
}

impl Drop for Running {
    fn drop(&mut self) {
        let tree = descendants(self.child.id());
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        for pid in tree {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).stderr(Stdio::null()).status();
        }
    }
}

pub fn bench() -> Result {
    step("Benchmark: start-up and memory against an empty Tauri window (release builds, Xvfb)");
    crate::build_ui()?;
    crate::cargo(&["build", "--release", "--package", "seller-desk", "--package", "empty-window"], &[])?;
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        // Both apps in a D-Bus session of their own, as on a desktop (the single-instance
        // plugin and notifications use it), with its keyring (the database's key is there).
        let me = std::env::current_exe().map_err(|e| e.to_string())?;
        return crate::in_keyring_session(&[&me.display().to_string(), "bench-startup"], &[]);
    }
    measure_all()
}

/// The measuring itself, inside the D-Bus session (`cargo xtask bench-startup`).
pub fn measure_all() -> Result {
    let release = root().join("target/release");
    let desk = release.join("seller-desk");
    let empty = release.join("empty-window");
    let work = root().join("target/bench-startup");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot make {}: {e}", work.display()))?;
    let demo = work.join("demo");
    let out = Command::new(&desk)
        .args(["demo", "--init"])
        .env("SELLER_DESK_DATA_DIR", &demo)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", desk.display()))?;
    if !out.status.success() {
        return Err(format!("the demo shop was not made: {}", String::from_utf8_lossy(&out.stderr)));
    }

    let (_xvfb, display) = xvfb()?;
    let maps = map_events(&display)?;
    let mut empty_runs = Vec::new();
    let mut desk_runs = Vec::new();
    for run in 0..RUNS {
        empty_runs.push(sample(&empty, None, &display, &maps)?);
        // A fresh copy of the demo's folder each time, as a seller's is between starts.
        let folder = work.join(format!("run-{run}"));
        copy_dir(&demo, &folder)?;
        desk_runs.push(sample(&desk, Some(&folder), &display, &maps)?);
        eprint!(".");
    }
    eprintln!();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = |xs: &mut Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    let figures = |runs: &[Sample]| {
        let mut mapped: Vec<f64> = runs.iter().map(|s| ms(s.mapped)).collect();
        let mut painted: Vec<f64> = runs.iter().map(|s| ms(s.painted)).collect();
        let mut pss: Vec<f64> = runs.iter().map(|s| s.pss_kib as f64 / 1024.0).collect();
        (median(&mut mapped), median(&mut painted), median(&mut pss))
    };
    let (e_map, e_paint, e_mem) = figures(&empty_runs);
    let (d_map, d_paint, d_mem) = figures(&desk_runs);
    println!("Medians of {RUNS} alternating starts each (Xvfb, release builds):");
    println!("{:<44} {:>12} {:>12} {:>8}", "", "empty window", "Seller Desk", "ratio");
    let row = |what: &str, e: f64, d: f64, unit: &str, target: Option<f64>| {
        let ratio = d / e;
        let verdict = match target {
            Some(t) if ratio <= t => format!("target ≤ {t:.2} ×  ok"),
            Some(t) => format!("target ≤ {t:.2} ×  MISSED"),
            None => String::new(),
        };
        println!("{what:<44} {e:>9.0} {unit} {d:>9.0} {unit} {ratio:>7.2} ×  {verdict}");
        target.is_some_and(|t| ratio > t)
    };
    let mut missed = false;
    missed |= row("exec → window mapped", e_map, d_map, "ms", None);
    missed |= row("exec → first screen with data painted", e_paint, d_paint, "ms", Some(PAINT_TARGET));
    missed |= row("memory 5 s after start (PSS, all processes)", e_mem, d_mem, "MB", Some(MEMORY_TARGET));
    println!("(Seller Desk's first screen on the demo shop: the sign-in listing its people, read from the store.)");
    if missed {
        return Err("a start-up or memory target was missed".into());
    }
    Ok(())
}

/// A private Xvfb, stopped when the guard is dropped, and its display.
pub(crate) fn xvfb() -> Result<(Running, String)> {
    let mut child = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("Xvfb did not start ({e}): `cargo xtask test` installs it"))?;
    let stdout = child.stdout.take().ok_or("Xvfb's stdout")?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).map_err(|e| e.to_string())?;
    Ok((Running { child }, format!(":{}", line.trim())))
}

/// The root window's map events on `display`, each with the moment it was read.
fn map_events(display: &str) -> Result<Receiver<Instant>> {
    let mut xev = Command::new("xev")
        .args(["-display", display, "-root", "-event", "substructure"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("xev did not start ({e}): `cargo xtask test` installs x11-utils"))?;
    let stdout = xev.stdout.take().ok_or("xev's stdout")?;
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let _keep = xev;
        let mut mapping = false;
        for line in BufReader::new(stdout).lines().map_while(std::result::Result::ok) {
            if line.starts_with("MapNotify event") {
                mapping = true;
            } else if mapping && line.contains("override NO") {
                mapping = false;
                if tx.send(Instant::now()).is_err() {
                    break;
                }
            } else if mapping && line.contains("override YES") {
                mapping = false;
            }
        }
    });
    // xev selects its events as it starts; give it the moment to.
    std::thread::sleep(Duration::from_millis(300));
    Ok(rx)
}

fn sample(bin: &Path, data: Option<&Path>, display: &str, maps: &Receiver<Instant>) -> Result<Sample> {
    while maps.try_recv().is_ok() {}
    let mut cmd = Command::new(bin);
    cmd.env("DISPLAY", display)
        .env("SELLER_DESK_REPORT_PAINT", "1")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(data) = data {
        cmd.env("SELLER_DESK_DATA_DIR", data);
    }
    let start = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let stderr = child.stderr.take().ok_or("stderr")?;
    let running = Running { child };
    let (tx, painted_rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(std::result::Result::ok) {
            if line.contains("first paint:") {
                let _ = tx.send(Instant::now());
            }
        }
    });
    let deadline = Duration::from_secs(30);
    let mapped =
        maps.recv_timeout(deadline).map_err(|_| format!("{} mapped no window in {deadline:?}", bin.display()))?;
    let painted = painted_rx
        .recv_timeout(deadline)
        .map_err(|_| format!("{} reported no first paint in {deadline:?}", bin.display()))?;
    let settle = (start + SETTLE).saturating_duration_since(Instant::now());
    std::thread::sleep(settle);
    let pid = running.child.id();
    let pss_kib = std::iter::once(pid).chain(descendants(pid)).map(pss_kib).sum();
    drop(running);
    Ok(Sample { mapped: mapped - start, painted: painted - start, pss_kib })
}

/// Every process started, directly or not, by `pid`.
pub(crate) fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()))
        .filter_map(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
            // The command name is in parentheses and may hold spaces: the fields after it.
            let after = &stat[stat.rfind(')')? + 2..];
            let ppid = after.split_whitespace().nth(1)?.parse().ok()?;
            Some((p, ppid))
        })
        .collect();
    let mut found = Vec::new();
    let mut frontier = vec![pid];
    while let Some(p) = frontier.pop() {
        for (child, _) in parents.iter().filter(|(_, parent)| *parent == p) {
            found.push(*child);
            frontier.push(*child);
        }
    }
    found
}

fn pss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn copy_dir(from: &Path, to: &PathBuf) -> Result {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
