//! The window's powers, reviewed in one place: every command is declared, handled and granted,
//! and the capability grants nothing else. A widening shows up here in review.

use super::COMMANDS;

fn kebab(name: &str) -> String {
    format!("allow-{}", name.replace('_', "-"))
}

#[test]
fn the_capability_grants_exactly_the_declared_commands() {
    let text = include_str!("../../capabilities/default.json");
    let json: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(json["windows"], serde_json::json!(["main"]));
    let mut granted: Vec<String> = json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("permissions are plain identifiers").to_string())
        .collect();
    granted.sort();
    let mut expected: Vec<String> = COMMANDS.iter().map(|c| kebab(c)).collect();
    expected.sort();
    assert_eq!(granted, expected);
}

#[test]
fn every_declared_command_has_a_handler() {
    let main = include_str!("../main.rs");
    for name in COMMANDS {
        assert!(main.contains(&format!("::{name},")), "{name} is declared but not handled");
    }
}

#[test]
fn the_csp_is_strict() {
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"].as_str().unwrap();
    assert!(csp.contains("default-src 'self'"));
    assert!(!csp.contains("unsafe-eval"));
    assert!(!csp.contains("unsafe-inline"));
    assert!(!csp.contains("http://") || csp.contains("http://ipc.localhost"));
    assert!(!csp.contains("https:"), "no remote origins");
    assert_eq!(conf["app"]["withGlobalTauri"], false);
}

/// The gate's table and the window's commands are the same list.
#[test]
fn every_command_has_its_need_in_the_role_table() {
    let mut table: Vec<&str> = desk::people::access::WINDOW_COMMANDS.iter().map(|(n, _)| *n).collect();
    let mut declared: Vec<&str> = COMMANDS.to_vec();
    table.sort_unstable();
    declared.sort_unstable();
    assert_eq!(table, declared);
}
