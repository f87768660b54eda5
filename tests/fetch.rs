//! `--schedule URL` against a small HTTP server these tests start on 127.0.0.1: downloads,
//! conditional requests, the cache, `--offline`, and every way a download can go wrong. The
//! cache must come through each failure unchanged.

use crate::common;

use common::agenda;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server does with the next requests.
#[derive(Clone)]
enum Mode {
    /// 200 with an ETag, or 304 when the request's If-None-Match matches.
    Serve { body: Vec<u8>, etag: String },
    /// 500 Internal Server Error.
    Error500,
    /// Announces the whole body but sends only half of it, then closes.
    Truncated(Vec<u8>),
    /// An HTML page with this status.
    Html(u16),
    /// Waits this long before answering.
    Slow(Duration),
    /// Redirects to itself.
    RedirectLoop,
    /// 200 without a Content-Length: the body ends when the connection closes.
    Unsized(Vec<u8>),
    /// 200 with the body gzip-compressed, when the request accepts gzip (else 406).
    Gzip(Vec<u8>),
}

/// Every request's first line and its If-None-Match header, in order.
type Log = Arc<Mutex<Vec<(String, Option<String>)>>>;

struct Server {
    url: String,
    mode: Arc<Mutex<Mode>>,
    /// Every request's first line and its If-None-Match header, in order.
    log: Log,
    stop: Arc<Mutex<bool>>,
}

impl Server {
    fn start(mode: Mode) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!(
            "http://127.0.0.1:{}/democon/schedule.json",
            listener.local_addr().unwrap().port()
        );
        let mode = Arc::new(Mutex::new(mode));
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(Mutex::new(false));
        let (m, l, s) = (mode.clone(), log.clone(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if *s.lock().unwrap() {
                    break; // the listener is dropped: connections are refused from now on
                }
                let Ok(stream) = stream else { continue };
                let (m, l) = (m.lock().unwrap().clone(), l.clone());
                std::thread::spawn(move || answer(stream, m, l));
            }
        });
        Server {
            url,
            mode,
            log,
            stop,
        }
    }

    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    /// Stops the server: the listening socket is closed.
    fn stop(&self) {
        *self.stop.lock().unwrap() = true;
        // Wake the accept loop so that it sees the flag and drops the listener.
        let _ = TcpStream::connect(
            self.url
                .trim_start_matches("http://")
                .split('/')
                .next()
                .unwrap(),
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    fn requests(&self) -> Vec<(String, Option<String>)> {
        self.log.lock().unwrap().clone()
    }
}

/// The request's head (up to the blank line), or `None` when the client hung up first.
fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&head).to_string())
}

/// A whole reply with a length, so the client reads it to the end.
fn reply(stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
        body.len()
    );
    let _ = stream.write_all(body);
}

fn answer(mut stream: TcpStream, mode: Mode, log: Log) {
    let Some(head) = read_head(&mut stream) else {
        return;
    };
    let first = head.lines().next().unwrap_or_default().to_string();
    let accepts_gzip = head.lines().any(|l| {
        l.split_once(':').is_some_and(|(name, value)| {
            name.eq_ignore_ascii_case("accept-encoding") && value.contains("gzip")
        })
    });
    let if_none_match = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("if-none-match")
            .then(|| value.trim().to_string())
    });
    log.lock().unwrap().push((first, if_none_match.clone()));
    match mode {
        Mode::Serve { body, etag } => {
            if if_none_match.as_deref() == Some(etag.as_str()) {
                let _ = write!(
                    stream,
                    "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n"
                );
            } else {
                let headers = format!("ETag: {etag}\r\nContent-Type: application/json\r\n");
                reply(&mut stream, "200 OK", &headers, &body);
            }
        }
        Mode::Error500 => reply(
            &mut stream,
            "500 Internal Server Error",
            "",
            b"something broke",
        ),
        Mode::Truncated(body) => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body[..body.len() / 2]);
        }
        Mode::Html(status) => {
            let page = b"<!DOCTYPE html>\n<html><head><title>DemoCon - Page not found</title></head><body>Sorry</body></html>";
            let line = format!("{status} Whatever");
            reply(&mut stream, &line, "Content-Type: text/html\r\n", page);
        }
        Mode::Slow(wait) => {
            std::thread::sleep(wait);
            reply(&mut stream, "200 OK", "", b"{}");
        }
        Mode::Unsized(body) => {
            let _ = write!(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            let _ = stream.write_all(&body);
        }
        Mode::Gzip(body) => {
            if accepts_gzip {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(&body).unwrap();
                let packed = encoder.finish().unwrap();
                reply(&mut stream, "200 OK", "Content-Encoding: gzip\r\n", &packed);
            } else {
                reply(&mut stream, "406 Not Acceptable", "", b"gzip only");
            }
        }
        Mode::RedirectLoop => {
            let _ = write!(
                stream,
                "HTTP/1.1 302 Found\r\nLocation: /democon/schedule.json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    }
}

/// The shared DemoCon pretalx export, or `None` (skipped) without `../shared/`.
fn democon() -> Option<Vec<u8>> {
    Some(
        std::fs::read(common::shared_file(
            "data/democon-2022-pretalx-schedule.json",
        )?)
        .unwrap(),
    )
}

/// `agenda` with its cache in `cache` (XDG_CACHE_HOME).
fn with_cache(cache: &Path) -> assert_cmd::Command {
    let mut cmd = agenda();
    cmd.env("XDG_CACHE_HOME", cache);
    cmd
}

/// Every file in the cache with its bytes.
fn snapshot(cache: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let dir = cache.join("agenda").join("schedules");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            files.insert(e.path(), std::fs::read(e.path()).unwrap());
        }
    }
    files
}

/// Runs `agenda --schedule URL check` and returns (exit code, stdout, stderr).
fn check(cache: &Path, url: &str, extra: &[&str]) -> (i32, String, String) {
    let output = with_cache(cache)
        .args(["--schedule", url])
        .args(extra)
        .arg("check")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

/// A server that has served the DemoCon schedule once, and the cache that holds it.
fn primed() -> Option<(Server, tempfile::TempDir, Vec<u8>)> {
    let body = democon()?;
    let server = Server::start(Mode::Serve {
        body: body.clone(),
        etag: "\"v1\"".into(),
    });
    let cache = tempfile::tempdir().unwrap();
    let (code, out, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok: DemoCon"), "{out}");
    Some((server, cache, body))
}

#[test]
fn without_an_absolute_xdg_cache_home_the_cache_is_under_home() {
    let Some(body) = democon() else {
        return;
    };
    let server = Server::start(Mode::Serve {
        body: body.clone(),
        etag: "\"v1\"".into(),
    });
    let home = tempfile::tempdir().unwrap();
    // A relative value is ignored, as the XDG specification says (profiles too).
    agenda()
        .env("HOME", home.path())
        .env("XDG_CACHE_HOME", "agenda-relative")
        .args(["--schedule", &server.url, "check"])
        .assert()
        .success();
    let cached = snapshot(&home.path().join(".cache"));
    assert!(cached.values().any(|b| *b == body), "{cached:?}");
    assert!(
        !std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("agenda-relative")
            .exists()
    );
}

/// The cache still holds the DemoCon body, and `--offline` still plans from it.
fn assert_cache_intact(cache: &Path, before: &BTreeMap<PathBuf, Vec<u8>>, url: &str, body: &[u8]) {
    let after = snapshot(cache);
    assert_eq!(&after, before, "the cache changed");
    assert!(after.values().any(|b| b == body), "the cached body is gone");
    let (code, out, err) = check(cache, url, &["--offline"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok: DemoCon"), "{out}");
}

#[test]
fn the_first_download_is_cached_and_the_second_is_a_304() {
    let Some((server, cache, body)) = primed() else {
        return;
    };
    let before = snapshot(cache.path());
    assert_eq!(before.len(), 2, "a body and its record");
    assert!(before.values().any(|b| b == &body));
    let (code, out, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok: DemoCon"));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].1, None, "the first request is unconditional");
    assert_eq!(
        requests[1].1.as_deref(),
        Some("\"v1\""),
        "the second carries the ETag"
    );
    let after = snapshot(cache.path());
    assert!(after.values().any(|b| b == &body), "the body stays cached");
}

#[test]
fn offline_uses_the_cache_and_never_connects() {
    let Some((server, cache, _)) = primed() else {
        return;
    };
    let (code, out, err) = check(cache.path(), &server.url, &["--offline"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok: DemoCon"));
    assert_eq!(server.requests().len(), 1, "only the priming request");
}

/// A plan made from a schedule's address: `on --plan` (no `--schedule`) reads the schedule's
/// copy in the cache and never connects; with no copy cached it says so and gives the command
/// that downloads it.
#[test]
fn on_with_a_plan_made_from_an_address_reads_the_cached_copy_only() {
    let body = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/schedule.ron")).unwrap();
    let server = Server::start(Mode::Serve {
        body,
        etag: "\"v1\"".into(),
    });
    let (cache, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let plan = dir.path().join("me.ron");
    with_cache(cache.path())
        .env("XDG_DATA_HOME", dir.path())
        .args(["--schedule", &server.url, "-q", "plan", "--likes", "bpf"])
        .arg("--save")
        .arg(&plan)
        .assert()
        .success();
    assert_eq!(server.requests().len(), 1);
    let on = |cache: &Path| {
        with_cache(cache)
            .args(["on", "--at", "tue 10:20", "--plan"])
            .arg(&plan)
            .output()
            .unwrap()
    };
    let out = on(cache.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("▶ your plan"), "{text}");
    assert_eq!(server.requests().len(), 1, "`on` connected to the server");
    let empty = tempfile::tempdir().unwrap();
    let out = on(empty.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("there is none"), "{err}");
    assert!(
        err.contains(&format!("--schedule {}`", server.url)),
        "{err}"
    );
    assert_eq!(server.requests().len(), 1, "`on` connected to the server");
}

#[test]
fn offline_without_a_cached_copy_fails_with_the_url() {
    let cache = tempfile::tempdir().unwrap();
    let url = "http://127.0.0.1:9/never.json";
    let (code, _, err) = check(cache.path(), url, &["--offline"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(url) && err.contains("not in the cache"),
        "{err}"
    );
}

#[test]
fn a_stopped_server_falls_back_to_the_cache_with_a_warning_naming_its_age() {
    let Some((server, cache, body)) = primed() else {
        return;
    };
    let before = snapshot(cache.path());
    server.stop();
    let (code, out, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok: DemoCon"));
    let warning: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warning.len(), 1, "{err}");
    assert!(warning[0].contains(&server.url), "{err}");
    assert!(
        warning[0].contains("downloaded") && warning[0].contains("ago"),
        "{err}"
    );
    assert_cache_intact(cache.path(), &before, &server.url, &body);
}

#[test]
fn a_stopped_server_without_a_cache_exits_1_with_the_url_and_the_reason() {
    let server = Server::start(Mode::Error500);
    server.stop();
    let cache = tempfile::tempdir().unwrap();
    let (code, _, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&server.url) && err.contains("cannot download"),
        "{err}"
    );
    assert!(
        err.contains("refused") || err.contains("connection"),
        "{err}"
    );
}

#[test]
fn a_server_error_keeps_the_cache_and_uses_it() {
    let Some((server, cache, body)) = primed() else {
        return;
    };
    let before = snapshot(cache.path());
    server.set(Mode::Error500);
    let (code, _, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("500"), "{err}");
    assert_cache_intact(cache.path(), &before, &server.url, &body);
    let fresh = tempfile::tempdir().unwrap();
    let (code, _, err) = check(fresh.path(), &server.url, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("500") && err.contains(&server.url), "{err}");
}

#[test]
fn a_truncated_body_never_replaces_the_cache() {
    let Some((server, cache, body)) = primed() else {
        return;
    };
    let before = snapshot(cache.path());
    server.set(Mode::Truncated(body.clone()));
    let (code, _, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "falls back to the cache: {err}");
    assert!(err.contains("broke off"), "{err}");
    assert_cache_intact(cache.path(), &before, &server.url, &body);
    let fresh = tempfile::tempdir().unwrap();
    let (code, _, err) = check(fresh.path(), &server.url, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        snapshot(fresh.path()).is_empty(),
        "nothing half-downloaded is cached"
    );
}

#[test]
fn an_html_page_exits_2_saying_what_came_back_and_keeps_the_cache() {
    let Some((server, cache, body)) = primed() else {
        return;
    };
    let before = snapshot(cache.path());
    for status in [200, 404] {
        server.set(Mode::Html(status));
        let (code, _, err) = check(cache.path(), &server.url, &[]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("HTML page titled \"DemoCon - Page not found\""),
            "{err}"
        );
        assert!(err.contains(&server.url), "{err}");
        if status == 404 {
            assert!(err.contains("404"), "{err}");
        }
        assert_cache_intact(cache.path(), &before, &server.url, &body);
    }
}

#[test]
fn a_body_over_the_cap_is_refused_and_keeps_the_cache() {
    let Some((server, cache, body)) = primed() else {
        return;
    };
    let before = snapshot(cache.path());
    server.set(Mode::Serve {
        body: body.clone(),
        etag: "\"v2\"".into(),
    });
    let (code, _, err) = check(cache.path(), &server.url, &["--max-download", "0.001"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("download limit") && err.contains(&server.url),
        "{err}"
    );
    assert_cache_intact(cache.path(), &before, &server.url, &body);
    // Without a Content-Length the cap is found while reading.
    server.set(Mode::Unsized(body.clone()));
    let (code, _, err) = check(cache.path(), &server.url, &["--max-download", "0.001"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("download limit"), "{err}");
    assert_cache_intact(cache.path(), &before, &server.url, &body);
    // Under the cap the same answer is a schedule.
    let fresh = tempfile::tempdir().unwrap();
    let (code, _, err) = check(fresh.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_slow_server_hits_the_time_out_and_the_cache_is_used() {
    let Some((server, cache, body)) = primed() else {
        return;
    };
    let before = snapshot(cache.path());
    server.set(Mode::Slow(Duration::from_secs(5)));
    let (code, _, err) = check(cache.path(), &server.url, &["--timeout", "0.5"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("time-out"), "{err}");
    assert_cache_intact(cache.path(), &before, &server.url, &body);
    let fresh = tempfile::tempdir().unwrap();
    let (code, _, err) = check(fresh.path(), &server.url, &["--timeout", "0.5"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("time-out") && err.contains(&server.url),
        "{err}"
    );
}

#[test]
fn a_redirect_loop_stops_after_a_few_hops_and_keeps_the_cache() {
    let Some((server, cache, body)) = primed() else {
        return;
    };
    let before = snapshot(cache.path());
    server.set(Mode::RedirectLoop);
    let fresh = tempfile::tempdir().unwrap();
    let (code, _, err) = check(fresh.path(), &server.url, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("redirects") && err.contains(&server.url),
        "{err}"
    );
    let hops = server.requests().len() - 1;
    assert!((2..=10).contains(&hops), "{hops} requests");
    let (code, _, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
    assert_cache_intact(cache.path(), &before, &server.url, &body);
}

#[test]
fn a_new_version_replaces_the_cached_one() {
    let Some((server, cache, body)) = primed() else {
        return;
    };
    let text = String::from_utf8(body).unwrap();
    let changed = text.replacen("\"DemoCon\"", "\"DemoCon II\"", 1);
    assert_ne!(changed, text);
    server.set(Mode::Serve {
        body: changed.clone().into_bytes(),
        etag: "\"v2\"".into(),
    });
    let (code, out, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok: DemoCon II"), "{out}");
    assert!(
        snapshot(cache.path())
            .values()
            .any(|b| b == changed.as_bytes())
    );
}

#[test]
fn a_gzip_answer_is_unpacked_and_cached_unpacked() {
    let Some(body) = democon() else { return };
    let server = Server::start(Mode::Gzip(body.clone()));
    let cache = tempfile::tempdir().unwrap();
    let (code, out, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok: DemoCon"), "{out}");
    assert!(snapshot(cache.path()).values().any(|b| b == &body));
}

/// The good fixture, which needs nothing from `../shared`.
fn tiny() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good.ron"
    ))
    .unwrap()
}

#[test]
fn an_answer_without_a_length_cut_short_falls_back_to_the_cache() {
    let body = tiny();
    let server = Server::start(Mode::Serve {
        body: body.clone(),
        etag: "\"v1\"".into(),
    });
    let cache = tempfile::tempdir().unwrap();
    let (code, _, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
    let before = snapshot(cache.path());
    // The connection closes after a third of the body: without a Content-Length (and without
    // chunks) that looks like the end.
    server.set(Mode::Unsized(body[..body.len() / 3].to_vec()));
    let (code, out, err) = check(cache.path(), &server.url, &[]);
    assert_eq!(code, 0, "falls back to the cache: {err}");
    assert!(out.contains("ok: Tiny Conf"), "{out}");
    assert!(
        err.contains("came without a length") && err.contains("using the cached copy"),
        "{err}"
    );
    assert_eq!(snapshot(cache.path()), before, "the cache changed");
    // Without a cached copy it is not a schedule, and the message says it may be cut short.
    let fresh = tempfile::tempdir().unwrap();
    let (code, _, err) = check(fresh.path(), &server.url, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("may have been cut short"), "{err}");
    assert!(snapshot(fresh.path()).is_empty());
    // The whole body without a length is a schedule.
    server.set(Mode::Unsized(body.clone()));
    let (code, _, err) = check(fresh.path(), &server.url, &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_nul_byte_is_refused_in_a_download_as_in_a_file() {
    let body = tiny();
    let text = String::from_utf8(body.clone()).unwrap();
    let with_nul = text
        .replacen("Talk bpf-intro", "Talk\0bpf-intro", 1)
        .into_bytes();
    let at = with_nul.iter().position(|&b| b == 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nul.ron");
    std::fs::write(&file, &with_nul).unwrap();
    let from_file = agenda().arg("check").arg(&file).output().unwrap();
    let file_err = String::from_utf8_lossy(&from_file.stderr).to_string();
    assert_eq!(from_file.status.code(), Some(2), "{file_err}");
    let reason = format!("byte {at} is NUL: it is binary data, not UTF-8 text");
    assert!(file_err.contains(&reason), "{file_err}");
    let server = Server::start(Mode::Serve {
        body: with_nul,
        etag: "\"nul\"".into(),
    });
    let (code, _, err) = check(dir.path(), &server.url, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&reason) && err.contains(&server.url), "{err}");
    assert!(snapshot(dir.path()).is_empty(), "refused, not cached");
}
