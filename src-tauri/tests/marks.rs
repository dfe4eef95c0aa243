//! The command line's branding items and website check, on the real binary.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    common::run_with(dir, args, &[])
}

/// Serves one page that names the club, and another that does not, on 127.0.0.1.
fn site() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).into_owned();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let body = match path.as_str() {
                "/marked/" => {
                    r#"<html><body><p>Alatau City Club қабылдаймыз</p><a href="/marked/more">more</a></body></html>"#
                }
                "/marked/more" => r#"<html><body><img src="x.png" alt="Алатау Сити Клаб"></body></html>"#,
                "/clean/" => "<html><body><p>Карталар мен QR</p></body></html>",
                _ => "",
            };
            let status = if body.is_empty() { "404 Not Found" } else { "200 OK" };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes()));
        }
    });
    port
}

#[test]
fn check_site_exits_1_while_marks_remain_0_when_clean_and_2_when_it_cannot_check() {
    let dir = tempfile::tempdir().unwrap();
    let port = site();
    let marked = run(
        dir.path(),
        &["exit", "check-site", &format!("http://127.0.0.1:{port}/marked/"), "--delay-ms", "10", "--json"],
    );
    assert_eq!(marked.status.code(), Some(1), "{}", String::from_utf8_lossy(&marked.stderr));
    let report: serde_json::Value = serde_json::from_slice(&marked.stdout).unwrap();
    let places: Vec<&str> =
        report["findings"].as_array().unwrap().iter().map(|f| f["place"].as_str().unwrap()).collect();
    assert_eq!(places, ["text", "alt"], "{report}");
    assert!(report["findings"][1]["page"].as_str().unwrap().ends_with("/marked/more"));
    let clean =
        run(dir.path(), &["exit", "check-site", &format!("http://127.0.0.1:{port}/clean/"), "--delay-ms", "10"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&clean.stdout).contains("no club mark remains"));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err = run(dir.path(), &["exit", "check-site", &format!("http://127.0.0.1:{closed}/")]);
    assert_eq!(err.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&err.stderr).contains("could not be read"));
}

#[test]
fn branding_render_writes_the_outlets_poster_with_its_qr_code_and_the_badge() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo", "--init"]).status.success());
    let out = dir.path().join("poster.pdf");
    let rendered = run(
        dir.path(),
        &["branding", "render", "--item", "poster-a4", "--outlet", "1", "--lang", "ru", "--out", out.to_str().unwrap()],
    );
    assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));
    // A4 exactly, as the trimmed page: 210 × 297 mm.
    let info = std::process::Command::new("pdfinfo").arg("-box").arg(&out).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let trim: Vec<f64> = info.lines().find(|l| l.starts_with("TrimBox:")).unwrap()["TrimBox:".len()..]
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    assert!(((trim[2] - trim[0]) - 595.276).abs() < 0.05 && ((trim[3] - trim[1]) - 841.89).abs() < 0.05, "{info}");
    let text = std::process::Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Принимаем Alatau City Club") && text.contains("Дала — Абай"), "{text}");
    // The demo's Almaty outlet has a bank QR code: zbar reads it back from the page.
    std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-singlefile"])
        .arg(&out)
        .arg(dir.path().join("p"))
        .output()
        .unwrap();
    let qr = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(dir.path().join("p.png"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&qr.stdout).trim(), "QR 5501-2231");
    let badge = dir.path().join("badge.png");
    let rendered =
        run(dir.path(), &["branding", "render", "--item", "badge", "--scale", "2", "--out", badge.to_str().unwrap()]);
    assert!(rendered.status.success());
    let png = std::fs::read(&badge).unwrap();
    assert_eq!(u32::from_be_bytes([png[16], png[17], png[18], png[19]]), 480);
    let wrong = run(dir.path(), &["branding", "render", "--item", "poster-a5", "--out", "x.pdf"]);
    assert_eq!(wrong.status.code(), Some(1));
    // A value the command does not take is the user's mistake with its own code, not `internal`.
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(said.contains("cli.bad_argument") && said.contains("poster-a4"), "{said}");
    // Where the options name their values, the parser refuses and lists them.
    let state = run(dir.path(), &["fines", "list", "--state", "lost"]);
    assert_eq!(state.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&state.stderr).contains("possible values: any, open"));
}
