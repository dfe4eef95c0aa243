//! A small HTTP server on 127.0.0.1 for tests: serves files by path (changeable while it runs),
//! answers `Range: bytes=N-` with 206 and the rest, can drop the connection half way through a
//! file once, answers 404 otherwise, and remembers every request (path and Range). It stops
//! with the test process.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

type Files = Arc<Mutex<HashMap<String, (&'static str, Vec<u8>)>>>;
/// Each request: its path and its Range header.
type Requests = Arc<Mutex<Vec<(String, Option<String>)>>>;

pub struct Server {
    pub port: u16,
    files: Files,
    drop_once: Arc<Mutex<HashSet<String>>>,
    asked: Requests,
}

impl Server {
    /// Serves `files` (path → content type, body).
    pub fn start(files: HashMap<String, (&'static str, Vec<u8>)>) -> Server {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = Server {
            port,
            files: Arc::new(Mutex::new(files)),
            drop_once: Arc::new(Mutex::new(HashSet::new())),
            asked: Arc::new(Mutex::new(Vec::new())),
        };
        let (files, drop_once, log) = (server.files.clone(), server.drop_once.clone(), server.asked.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&request).into_owned();
                let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
                let range = text
                    .lines()
                    .find_map(|l| l.to_ascii_lowercase().strip_prefix("range:").map(|v| v.trim().to_string()));
                log.lock().unwrap().push((path.clone(), range.clone()));
                let found = files.lock().unwrap().get(&path).cloned();
                let Some((kind, body)) = found else {
                    let _ =
                        stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    continue;
                };
                let from = range
                    .as_deref()
                    .and_then(|r| r.strip_prefix("bytes="))
                    .and_then(|r| r.trim_end_matches('-').parse::<usize>().ok())
                    .filter(|&n| n < body.len());
                let (status, part) = match from {
                    Some(n) => ("206 Partial Content", &body[n..]),
                    None => ("200 OK", &body[..]),
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    part.len()
                );
                let _ = stream.write_all(head.as_bytes());
                if drop_once.lock().unwrap().remove(&path) {
                    // Half the body, then the connection goes.
                    let _ = stream.write_all(&part[..part.len() / 2]);
                    let _ = stream.flush();
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                    continue;
                }
                let _ = stream.write_all(part);
            }
        });
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The paths asked for.
    pub fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().iter().map(|(p, _)| p.clone()).collect()
    }

    /// The requests for `path`, each with its Range header.
    pub fn ranges(&self, path: &str) -> Vec<Option<String>> {
        self.asked.lock().unwrap().iter().filter(|(p, _)| p == path).map(|(_, r)| r.clone()).collect()
    }

    pub fn set(&self, path: &str, kind: &'static str, body: Vec<u8>) {
        self.files.lock().unwrap().insert(path.to_string(), (kind, body));
    }

    /// The next request for `path` gets half its body, then the connection is dropped.
    pub fn drop_next(&self, path: &str) {
        self.drop_once.lock().unwrap().insert(path.to_string());
    }
}

pub fn html(body: &str) -> (&'static str, Vec<u8>) {
    ("text/html; charset=utf-8", format!("<!doctype html><html><body>{body}</body></html>").into_bytes())
}
