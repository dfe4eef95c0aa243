//! What the command-line tests share: the real binary over a data folder, headless.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `seller-desk ARGS` over `dir` with no display, with `envs` added.
pub fn run_with(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_seller-desk"));
    cmd.args(args).env("SELLER_DESK_DATA_DIR", dir).env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}
