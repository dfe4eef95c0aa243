//! What the command-line tests share: the real binary over a data folder, headless.

use std::path::Path;
use std::process::{Command, Output};

/// The demo shop owner's PIN (README): the command line acts as the owner with it.
pub const DEMO_OWNER_PIN: &str = "482915";

/// Runs `seller-desk ARGS` over `dir` with no display, as the demo shop's owner, with `envs`
/// added (a `SELLER_DESK_PIN` there replaces the owner's).
pub fn run_with(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_seller-desk"));
    cmd.args(args)
        .env("SELLER_DESK_DATA_DIR", dir)
        .env("SELLER_DESK_PIN", DEMO_OWNER_PIN)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}
