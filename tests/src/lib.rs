//! A harness for end-to-end tests of the real Seller Desk window.
//!
//! Each [`App`] gets its own data folder, its own X display (a private Xvfb when `DISPLAY` is
//! not set) and its own tauri-driver on free ports; tauri-driver starts WebKitWebDriver, which
//! starts the app binary. Elements are found by `data-testid`.
//!
//! The binary is `$SELLER_DESK_BIN`, else `target/debug/seller-desk` of this workspace
//! (`cargo xtask test` builds it before the tests run).

pub mod notifications;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use tempfile::TempDir;

/// How long a test waits for something to appear before it fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A child process stopped with SIGTERM when dropped (tauri-driver then stops WebKitWebDriver
/// and the app; SIGKILL would orphan them).
struct Guard(Option<Child>);

impl Guard {
    fn stop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("SELLER_DESK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/seller-desk"));
    assert!(
        path.exists(),
        "the app binary {} does not exist: run the end-to-end tests through `cargo xtask test`",
        path.display()
    );
    path
}

fn tauri_driver() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        let candidate = home.join("bin/tauri-driver");
        if candidate.exists() {
            return candidate;
        }
    }
    PathBuf::from("tauri-driver")
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("no free port on 127.0.0.1");
    listener.local_addr().expect("a bound socket has an address").port()
}

/// Starts a private X server and returns it with its display name.
fn start_xvfb() -> (Guard, String) {
    let mut child = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb is not installed: run `cargo xtask test`, which installs it");
    let stdout = child.stdout.take().expect("Xvfb's stdout is piped");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("Xvfb printed no display number");
    let display = format!(":{}", line.trim());
    (Guard(Some(child)), display)
}

pub struct App {
    pub client: Client,
    pub data_dir: TempDir,
    /// The X display the window is on (for the native dialogs, driven with xdotool).
    pub display: String,
    driver: Guard,
    _xvfb: Guard,
}

impl App {
    /// Starts the app over a new, empty data folder.
    pub async fn start() -> App {
        App::start_in(tempfile::tempdir().expect("a temporary folder")).await
    }

    /// Starts the app over `data_dir`.
    pub async fn start_in(data_dir: TempDir) -> App {
        App::start_with(data_dir, &[]).await
    }

    /// Starts the app over `data_dir` with these variables added to its environment.
    pub async fn start_with(data_dir: TempDir, env: &[(&str, &Path)]) -> App {
        let (xvfb, display) = match std::env::var("DISPLAY") {
            Ok(d) if !d.is_empty() => (Guard(None), d),
            _ => start_xvfb(),
        };
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .envs(env.iter().copied())
            .env("DISPLAY", &display)
            .env("SELLER_DESK_DATA_DIR", data_dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is not installed: run `cargo xtask test`, which installs it");
        let mut driver = Guard(Some(driver));

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app_binary().display().to_string() }));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + PATIENCE;
        let client = loop {
            let attempt = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await;
            match attempt {
                Ok(client) => break client,
                // tauri-driver needs a moment to listen; a session start can also fail once.
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => {
                    driver.stop();
                    panic!("no WebDriver session with the app: {e}");
                }
            }
        };
        App { client, data_dir, display, driver, _xvfb: xvfb }
    }

    /// Waits for the element with this `data-testid` to exist.
    pub async fn get(&self, testid: &str) -> Element {
        self.wait_css(&format!("[data-testid='{testid}']")).await
    }

    pub async fn wait_css(&self, css: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                return e;
            }
            assert!(Instant::now() < deadline, "nothing matched {css} within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn all(&self, testid: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(&format!("[data-testid='{testid}']"))).await.unwrap_or_default()
    }

    pub async fn click(&self, testid: &str) {
        self.get(testid).await.click().await.unwrap_or_else(|e| panic!("clicking {testid}: {e}"));
    }

    pub async fn type_into(&self, testid: &str, text: &str) {
        let e = self.get(testid).await;
        e.clear().await.unwrap_or_else(|err| panic!("clearing {testid}: {err}"));
        e.send_keys(text).await.unwrap_or_else(|err| panic!("typing into {testid}: {err}"));
    }

    /// Signs in on the sign-in screen as the person named `name`, with `pin`.
    pub async fn sign_in(&self, name: &str, pin: &str) {
        self.wait_css(&format!("[data-testid='sign-in-person'][data-name='{name}']"))
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("choosing {name}: {e}"));
        self.type_into("sign-in-pin", pin).await;
        self.click("sign-in-submit").await;
    }

    /// The demo shop's owner signs in (README lists the demo's people and PINs).
    pub async fn sign_in_as_owner(&self) {
        self.sign_in(DEMO_OWNER.0, DEMO_OWNER.1).await;
    }

    /// Types the owner's PIN again where the window asks for it (signing, managing people).
    pub async fn confirm_pin(&self, pin: &str) {
        self.type_into("pin-confirm-input", pin).await;
        self.click("pin-confirm-submit").await;
    }

    /// Fills the onboarding form's owner: a name and the PIN twice.
    pub async fn fill_owner(&self) {
        self.type_into("owner-name", DEMO_OWNER.0).await;
        self.type_into("owner-pin", DEMO_OWNER.1).await;
        self.type_into("owner-pin-again", DEMO_OWNER.1).await;
    }

    pub async fn text(&self, testid: &str) -> String {
        self.get(testid).await.text().await.unwrap_or_else(|e| panic!("reading {testid}: {e}"))
    }

    pub async fn attr(&self, testid: &str, name: &str) -> Option<String> {
        self.get(testid).await.attr(name).await.unwrap_or_else(|e| panic!("reading {testid}[{name}]: {e}"))
    }

    /// Waits until the element's text satisfies `pred`, and returns it.
    pub async fn wait_text(&self, testid: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text(testid).await;
            if pred(&text) {
                return text;
            }
            assert!(Instant::now() < deadline, "{testid} still reads {text:?} after {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until an attribute has the expected value.
    pub async fn wait_attr(&self, testid: &str, name: &str, expect: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let value = self.attr(testid, name).await;
            if value.as_deref() == Some(expect) {
                return;
            }
            assert!(Instant::now() < deadline, "{testid}[{name}] is {value:?}, expected {expect:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Answers a native "Open" dialog: waits for it, opens its location field (Ctrl+L), types
    /// `path`, presses Enter.
    pub async fn choose_file(&self, path: &Path) {
        let dialog = self.native_dialog().await;
        self.xdotool(&["windowfocus", "--sync", &dialog]);
        self.xdotool(&["key", "ctrl+l"]);
        tokio::time::sleep(Duration::from_millis(200)).await;
        // xdotool types a character outside the keymap (Cyrillic) by remapping a spare key; at a
        // short delay such a character is sometimes lost, so those paths are typed slower.
        let delay = if path.to_string_lossy().is_ascii() { "15" } else { "60" };
        self.xdotool(&["type", "--delay", delay, &path.display().to_string()]);
        // The location field may take the first Enter for its completion; press until it closes.
        for _ in 0..5 {
            tokio::time::sleep(Duration::from_millis(400)).await;
            let open = self.xdotool(&["search", "--onlyvisible", "--name", "."]);
            if !open.lines().any(|id| id.trim() == dialog) {
                return;
            }
            self.xdotool(&["key", "Return"]);
        }
    }

    /// Answers a native "Select Folder" dialog: its location field (Ctrl+L) given `path`, Enter
    /// (the chooser goes into the folder), then its Open button (Alt+O); waits until it closes.
    pub async fn pick_folder(&self, path: &Path) {
        let dialog = self.native_dialog().await;
        self.xdotool(&["windowfocus", "--sync", &dialog]);
        self.xdotool(&["key", "ctrl+l"]);
        tokio::time::sleep(Duration::from_millis(200)).await;
        let typed = path.display().to_string();
        let delay = if typed.is_ascii() { "15" } else { "60" };
        self.xdotool(&["type", "--delay", delay, &typed]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.xdotool(&["key", "Return"]);
        for _ in 0..6 {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let open = self.xdotool(&["search", "--onlyvisible", "--name", "."]);
            if !open.lines().any(|id| id.trim() == dialog) {
                return;
            }
            self.xdotool(&["key", "alt+o"]);
        }
    }

    /// Answers the system's print dialog as a person would: the first printer of its list
    /// ("Print to File" where no other is set up) chosen with the arrow key, then its Print
    /// button; waits until it closes.
    pub async fn print_in_dialog(&self) {
        let dialog = self.native_dialog().await;
        self.xdotool(&["windowfocus", "--sync", &dialog]);
        for _ in 0..10 {
            self.xdotool(&["key", "--window", &dialog, "Down"]);
            tokio::time::sleep(Duration::from_millis(300)).await;
            self.xdotool(&["key", "--window", &dialog, "alt+p"]);
            tokio::time::sleep(Duration::from_millis(500)).await;
            let open = self.xdotool(&["search", "--onlyvisible", "--name", "."]);
            if !open.lines().any(|id| id.trim() == dialog) {
                return;
            }
        }
        // The screen as it was, for the failure's report (ImageMagick's `import`, where installed).
        if let Some(dir) = std::env::var_os("SELLER_DESK_SHOTS") {
            let png = Path::new(&dir).join("print-dialog.png");
            let _ = Command::new("import").args(["-window", "root"]).arg(png).env("DISPLAY", &self.display).status();
        }
        panic!("the print dialog did not print");
    }

    /// Resizes the app's window (through the X server, as a person dragging its edge would).
    pub async fn resize(&self, width: u32, height: u32) {
        let ids = self.xdotool(&["search", "--onlyvisible", "--name", "^Seller Desk$"]);
        let id = ids.lines().next().expect("the app's window is on the display").trim().to_string();
        self.xdotool(&["windowsize", "--sync", &id, &width.to_string(), &height.to_string()]);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .expect("xdotool is not installed: run `cargo xtask test`, which installs it");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The window id of the native dialog that opened: the visible window that is not the app's.
    async fn native_dialog(&self) -> String {
        let deadline = Instant::now() + PATIENCE;
        let dialog = loop {
            let ids = self.xdotool(&["search", "--onlyvisible", "--name", "."]);
            let found = ids.lines().find(|id| {
                let name = self.xdotool(&["getwindowname", id]);
                let name = name.trim();
                !name.is_empty() && name != "Seller Desk"
            });
            if let Some(id) = found {
                break id.trim().to_string();
            }
            assert!(Instant::now() < deadline, "no native dialog appeared within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        tokio::time::sleep(Duration::from_millis(300)).await;
        dialog
    }

    /// Answers the native "Save as…" dialog (GTK's file chooser, outside the web view, so
    /// WebDriver cannot see it): waits for it, types `path` over the suggested name, presses
    /// Enter.
    pub async fn save_as(&self, path: &Path) {
        let dialog = self.native_dialog().await;
        // The name field has the focus and the suggested name; a full path typed over it is
        // where GTK saves.
        self.xdotool(&["windowfocus", "--sync", &dialog]);
        self.xdotool(&["key", "--window", &dialog, "ctrl+a"]);
        self.xdotool(&["type", "--delay", "15", &path.display().to_string()]);
        self.xdotool(&["key", "Return"]);
    }

    /// A screenshot for checking by eye, written as NAME.png when SELLER_DESK_SHOTS names a folder.
    pub async fn shot(&self, name: &str) {
        if let Some(dir) = std::env::var_os("SELLER_DESK_SHOTS") {
            let png = self.client.screenshot().await.unwrap();
            std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
        }
    }

    /// Ends the session and stops the app; returns the data folder for a restart once the app
    /// is gone (a window still alive on the folder would take the next start as its second).
    pub async fn close(mut self) -> TempDir {
        let _ = self.client.clone().close().await;
        self.driver.stop();
        let deadline = Instant::now() + PATIENCE;
        while !apps_on(self.data_dir.path()).is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        for pid in apps_on(self.data_dir.path()) {
            let _ = Command::new("kill").arg("-KILL").arg(pid.to_string()).status();
        }
        self.data_dir
    }
}

/// The app's processes (by their environment) working on `data_dir`.
fn apps_on(data_dir: &Path) -> Vec<u32> {
    let wanted = format!("SELLER_DESK_DATA_DIR={}", data_dir.display()).into_bytes();
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
            let ours = exe.and_then(|e| e.file_name().map(|n| n.to_string_lossy().starts_with("seller-desk")));
            ours == Some(true)
                && std::fs::read(format!("/proc/{pid}/environ"))
                    .map(|env| env.split(|b| *b == 0).any(|var| var == wanted.as_slice()))
                    .unwrap_or(false)
        })
        .collect()
}

/// The demo shop's owner and PIN; a shop made through onboarding in these tests has the same.
pub const DEMO_OWNER: (&str, &str) = ("Әсем Нұрланқызы", "482915");

/// The demo shop made by the command line, trusting a PKI minted for its BIN (root, CA, CRL) in
/// test-keys mode: (the data folder, the PKI's folder, the head's RSA key container).
pub fn demo_with_minted_pki() -> (TempDir, TempDir, PathBuf) {
    minted_pki(true)
}

/// As [`demo_with_minted_pki`], but the CA's CRL is left out of the trust store: what a shop
/// has before it adds one or goes online.
pub fn demo_with_minted_pki_and_no_crl() -> (TempDir, TempDir, PathBuf) {
    minted_pki(false)
}

fn minted_pki(with_crl: bool) -> (TempDir, TempDir, PathBuf) {
    let pki = tempfile::tempdir().expect("a temporary folder");
    let script = workspace_root().join("crates/eds/tests/fixtures/mint-test-pki.sh");
    let out = Command::new("bash").arg(script).arg(pki.path()).env("BIN", "180640000016").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let data = tempfile::tempdir().expect("a temporary folder");
    let file = |name: &str| pki.path().join(name).display().to_string();
    let (root, ca, crl) = (file("root.pem"), file("ca.pem"), file("ca.crl"));
    for args in [
        vec!["demo", "--init"],
        vec!["trust", "add", root.as_str()],
        vec!["trust", "add", ca.as_str(), "--intermediate"],
        vec!["trust", "crl", "add", crl.as_str()],
        vec!["trust", "test-mode", "on"],
    ]
    .into_iter()
    .filter(|args| with_crl || args[1] != "crl")
    {
        let out = cli(data.path(), &args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let key = std::fs::read_dir(pki.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("RSA256_"))
        .expect("the minted head key");
    (data, pki, key)
}

/// Runs the headless command line of the same binary over `data_dir`, as the owner, in English
/// (what the tests read).
pub fn cli(data_dir: &Path, args: &[&str]) -> std::process::Output {
    cli_with(data_dir, args, Some("en"))
}

/// The same in `lang`, or with none given: the language picked in the window.
pub fn cli_with(data_dir: &Path, args: &[&str], lang: Option<&str>) -> std::process::Output {
    Command::new(app_binary())
        .args(args)
        .env("SELLER_DESK_DATA_DIR", data_dir)
        .env("SELLER_DESK_PIN", DEMO_OWNER.1)
        .env("SELLER_DESK_LANG", lang.unwrap_or(""))
        .env_remove("DISPLAY")
        .output()
        .expect("the app binary runs")
}
