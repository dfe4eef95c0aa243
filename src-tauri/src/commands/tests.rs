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

/// A CSP as directive → sources.
fn directives(csp: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    csp.split(';')
        .filter_map(|part| {
            let mut words = part.split_whitespace().map(str::to_string);
            words.next().map(|name| (name.to_lowercase(), words.collect()))
        })
        .collect()
}

/// The fetch directives, which fall back to `default-src` when absent.
const FETCH: &[&str] = &[
    "script-src",
    "style-src",
    "img-src",
    "font-src",
    "connect-src",
    "media-src",
    "object-src",
    "frame-src",
    "child-src",
    "worker-src",
    "manifest-src",
    "script-src-elem",
    "script-src-attr",
    "style-src-elem",
    "style-src-attr",
];

/// Whether the CSP `now` lets the page do anything `reviewed` did not: a source added to a
/// directive, a directive dropped (a fetch directive falls back to `default-src`; any other
/// then stops restricting), or a fetch directive added with sources beyond the `default-src` it
/// replaced. Each widening is named.
fn csp_widenings(reviewed: &str, now: &str) -> Vec<String> {
    let (reviewed, now) = (directives(reviewed), directives(now));
    let effective = |csp: &std::collections::BTreeMap<String, Vec<String>>, name: &str| -> Option<Vec<String>> {
        csp.get(name).cloned().or_else(|| FETCH.contains(&name).then(|| csp.get("default-src").cloned()).flatten())
    };
    let mut names: Vec<&String> = reviewed.keys().chain(now.keys()).collect();
    names.sort();
    names.dedup();
    let mut found = Vec::new();
    for name in names {
        match (effective(&reviewed, name), effective(&now, name)) {
            (Some(_), None) => found.push(format!("{name} no longer restricts anything")),
            (Some(before), Some(after)) => {
                for source in after.iter().filter(|s| !before.contains(s)) {
                    found.push(format!("{name} allows {source}"));
                }
            }
            (None, _) => {}
        }
    }
    found
}

#[test]
fn the_windows_walls_are_no_wider_than_reviewed() {
    let reviewed: serde_json::Value = serde_json::from_str(include_str!("../../walls.snapshot.json")).unwrap();
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    let capability: serde_json::Value = serde_json::from_str(include_str!("../../capabilities/default.json")).unwrap();

    let reviewed_csp: String = reviewed["csp"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, sources)| {
            let sources: Vec<&str> = sources.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
            format!("{name} {}", sources.join(" "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let widenings = csp_widenings(&reviewed_csp, conf["app"]["security"]["csp"].as_str().unwrap());
    assert!(widenings.is_empty(), "the CSP is wider than reviewed: {widenings:?}");

    // Every other security setting exactly as reviewed (no asset protocol, no dangerous switch).
    let mut security = conf["app"]["security"].clone();
    security.as_object_mut().unwrap().remove("csp");
    assert_eq!(security, reviewed["security"], "the security settings changed");
    assert_eq!(conf["app"]["withGlobalTauri"], reviewed["withGlobalTauri"]);
    for window in conf["app"]["windows"].as_array().unwrap() {
        assert!(window.get("url").is_none_or(|u| !u.as_str().unwrap_or_default().contains("://")), "a remote page");
    }

    // The capability: the reviewed windows and permissions at most, never a remote origin.
    let keys: Vec<&String> = capability.as_object().unwrap().keys().collect();
    for key in &keys {
        assert!(
            ["$schema", "identifier", "description", "windows", "permissions"].contains(&key.as_str()),
            "the capability gained {key}"
        );
    }
    for window in capability["windows"].as_array().unwrap() {
        assert!(reviewed["capability"]["windows"].as_array().unwrap().contains(window), "window {window} was added");
    }
    let allowed: Vec<&serde_json::Value> = reviewed["capability"]["permissions"].as_array().unwrap().iter().collect();
    let added: Vec<&serde_json::Value> =
        capability["permissions"].as_array().unwrap().iter().filter(|p| !allowed.contains(p)).collect();
    assert!(added.is_empty(), "permissions added since the review: {added:?}");
}

#[test]
fn the_walls_test_sees_each_kind_of_widening() {
    let reviewed = "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
    assert!(csp_widenings(reviewed, reviewed).is_empty());
    // Narrower: free.
    assert!(csp_widenings(
        reviewed,
        "default-src 'self'; script-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'"
    )
    .is_empty());
    for (wider, why) in [
        ("default-src 'self'; script-src 'self' 'unsafe-eval'; img-src 'self' data:; object-src 'none'; base-uri 'none'", "script-src allows 'unsafe-eval'"),
        ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'", ""),
        ("default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'", "base-uri no longer restricts anything"),
        ("default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; connect-src https://example.kz", "connect-src allows https://example.kz"),
        ("default-src *; script-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'", "default-src allows *"),
    ] {
        let found = csp_widenings(reviewed, wider);
        if why.is_empty() {
            // script-src dropped falls back to default-src 'self': no wider.
            assert!(found.is_empty(), "{found:?}");
        } else {
            assert!(found.iter().any(|f| f == why), "{wider}: {found:?}");
        }
    }
}
