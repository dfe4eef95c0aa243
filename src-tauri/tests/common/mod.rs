//! What the command-line tests share: the real binary over a data folder, headless.

use std::path::Path;
use std::process::{Command, Output};

/// The demo shop owner's PIN (README): the command line acts as the owner with it.
pub const DEMO_OWNER_PIN: &str = "482915";

/// Runs `seller-desk ARGS` over `dir` with no display, as the demo shop's owner, in English
/// (the language the tests read; the window's Kazakh default is tested on its own), with `envs`
/// added (a `SELLER_DESK_PIN` or `SELLER_DESK_LANG` there replaces the default).
pub fn run_with(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_seller-desk"));
    cmd.args(args)
        .env("SELLER_DESK_DATA_DIR", dir)
        .env("SELLER_DESK_PIN", DEMO_OWNER_PIN)
        .env("SELLER_DESK_LANG", "en")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}
