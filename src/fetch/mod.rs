//! Schedules from the web: `--schedule https://…` downloads, caches and re-checks an export.
//!
//! The rest of the program calls [`load`] with a URL, the [`Net`] settings and a function that
//! turns the body into whatever it needs (a checked schedule). That function runs *before*
//! anything is cached, so a download that is not a schedule never replaces a good cached copy.
//!
//! - HTTP client: `ureq` (blocking, rustls, gzip; no OpenSSL, no async runtime), with a connect
//!   time-out, a total time-out ([`Net::timeout`]), at most [`MAX_REDIRECTS`] redirects and a
//!   body size cap ([`Net::max_bytes`]).
//! - Cache ([`cache`]): keyed by URL; requests carry `If-None-Match` / `If-Modified-Since`, so an
//!   unchanged schedule costs one small `304 Not Modified`.
//! - `--offline` reads the cache only. When the server cannot be reached (connection refused, time
//!   out, a cut-off body, a redirect loop, a 5xx answer), a cached copy is used with a one-line
//!   warning naming its age; without one the command fails with exit code 1, the URL and the
//!   reason. An answer that is not a schedule (a 4xx, an HTML page, text that does not parse)
//!   exits with code 2 and says what came back; but one that came without a length (ended by
//!   the server closing the connection) may have been cut short, so a cached copy is used
//!   instead, with a warning. The body is read as text by the same rule as a file
//!   (`crate::input::decode`: a NUL byte is refused).
//! - A progress bar on stderr appears for downloads still running after half a second, on a
//!   terminal only.

pub mod cache;
pub mod identity;

use crate::error::bad_input;
use anyhow::Context;
use cache::{Cache, Record};
use chrono::{DateTime, Utc};
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;
/// The default total time-out of a download.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The default size cap of a download: 64 MiB (FOSDEM's whole XML is about 6 MB).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Network settings, checked.
#[derive(Debug, Clone)]
pub struct Net {
    /// Use the cache only.
    pub offline: bool,
    /// Total time allowed for one download (connecting takes at most 10 s of it).
    pub timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
    /// The `agenda` cache folder (`None`: no cache could be found, nothing is cached).
    pub cache_dir: Option<PathBuf>,
    /// Show a progress bar for slow downloads (stderr on a terminal, not `--quiet`).
    pub progress: bool,
    /// Print warnings on stderr (not `--quiet`).
    pub warn: bool,
}

impl Default for Net {
    fn default() -> Self {
        Net {
            offline: false,
            timeout: DEFAULT_TIMEOUT,
            max_bytes: DEFAULT_MAX_BYTES,
            cache_dir: cache::default_dir(),
            progress: false,
            warn: true,
        }
    }
}

/// Whether a schedule argument is a URL (`http://` or `https://`) rather than a file.
pub fn is_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Where the text of a downloaded schedule came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// Downloaded now (`200 OK`).
    Downloaded,
    /// The server said the cached copy is current (`304 Not Modified`).
    NotModified,
    /// The cached copy, because of `--offline` or because the server could not be reached.
    Cache,
}

/// A schedule's origin: its URL, when its text was downloaded, and how it was obtained now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The URL.
    pub url: String,
    /// When the text was downloaded from the server.
    pub fetched_at: DateTime<Utc>,
    /// How it was obtained this time.
    pub via: Via,
}

/// Why a download gave nothing usable.
enum Failure {
    /// The server could not be reached or broke off: fall back to the cache.
    Unreachable(String),
    /// The server answered with something that is not a schedule (exit 2).
    NotASchedule(String),
    /// The answer is larger than the cap (exit 1).
    TooLarge(String),
}

/// Loads `url` as a `T`: downloads it (or confirms the cached copy), checks it with `parse`, and
/// caches it only once `parse` accepted it.
pub fn load<T>(
    url: &str,
    net: &Net,
    parse: impl Fn(&[u8]) -> anyhow::Result<T>,
) -> anyhow::Result<(T, Origin)> {
    let cache = net.cache_dir.as_deref().map(Cache::new);
    let cached = cache.as_ref().and_then(|c| c.get(url));
    if net.offline {
        return match &cached {
            Some(c) => from_cache(url, c, &parse),
            None => Err(crate::error::Error::NotCached {
                url: url.to_string(),
                cache: net.cache_dir.as_ref().map(|d| d.display().to_string()),
            }
            .into()),
        };
    }
    let now = Utc::now();
    match download(url, net, cached.as_ref().map(|c| &c.record)) {
        Ok(Answer::NotModified) => {
            let c =
                cached.expect("a 304 answers a conditional request, sent only with a cached copy");
            confirmed(url, net, cache.as_ref(), &c, now, &parse)
        }
        Ok(Answer::Body {
            body,
            etag,
            last_modified,
            open_ended,
        }) => {
            let record = Record {
                url: url.to_string(),
                etag,
                last_modified,
                fetched_at: now,
                checked_at: now,
            };
            let kept = cached.is_some();
            let got = downloaded(
                net,
                cache.as_ref(),
                &record,
                &body,
                open_ended,
                kept,
                &parse,
            );
            match (got, &cached) {
                // Without a length, a connection that closed early looks like the end: an
                // answer that does not read as a schedule may be one cut short.
                (Err(_), Some(c)) if open_ended => {
                    warn(
                        net,
                        &format!(
                            "warning: the answer from {url} came without a length and is not a schedule (cut short?); using the cached copy downloaded {} ago",
                            cache::age(c.record.fetched_at, now)
                        ),
                    );
                    from_cache(url, c, &parse)
                }
                (got, _) => got,
            }
        }
        Err(failure) => failed(url, net, failure, cached.as_ref(), now, &parse),
    }
}

/// The cached copy of `url`, read with `parse`.
fn from_cache<T>(
    url: &str,
    c: &cache::Cached,
    parse: &impl Fn(&[u8]) -> anyhow::Result<T>,
) -> anyhow::Result<(T, Origin)> {
    let value = parse(&c.body).with_context(|| {
        format!("the cached copy of {url} is no schedule; run again online to replace it")
    })?;
    Ok((
        value,
        Origin {
            url: url.to_string(),
            fetched_at: c.record.fetched_at,
            via: Via::Cache,
        },
    ))
}

/// The server confirmed the cached copy (304): read it, and note when it was last confirmed.
fn confirmed<T>(
    url: &str,
    net: &Net,
    cache: Option<&Cache>,
    c: &cache::Cached,
    now: DateTime<Utc>,
    parse: &impl Fn(&[u8]) -> anyhow::Result<T>,
) -> anyhow::Result<(T, Origin)> {
    let (value, mut origin) = from_cache(url, c, parse)?;
    origin.via = Via::NotModified;
    if let Some(cache) = cache {
        let record = Record {
            checked_at: now,
            ..c.record.clone()
        };
        if let Err(e) = cache.touch(&record) {
            warn(net, &format!("warning: could not update the cache: {e:#}"));
        }
    }
    Ok((value, origin))
}

/// A new body: read it with `parse`, and cache it only when that accepted it (a bad answer never
/// replaces a good cached copy; `kept` says there is one).
fn downloaded<T>(
    net: &Net,
    cache: Option<&Cache>,
    record: &Record,
    body: &[u8],
    open_ended: bool,
    kept: bool,
    parse: &impl Fn(&[u8]) -> anyhow::Result<T>,
) -> anyhow::Result<(T, Origin)> {
    let url = &record.url;
    let value = parse(body).map_err(|e| {
        let kept = if kept {
            "; the cached copy was kept"
        } else {
            ""
        };
        let cut = if open_ended {
            " (it came without a length, so it may have been cut short: try again)"
        } else {
            ""
        };
        bad_input(format!(
            "{url} sent {} that is not a schedule{cut}{kept}: {e:#}",
            describe(body)
        ))
    })?;
    if let Some(cache) = cache
        && let Err(e) = cache.put(record, body)
    {
        warn(net, &format!("warning: could not cache {url}: {e:#}"));
    }
    Ok((
        value,
        Origin {
            url: url.clone(),
            fetched_at: record.fetched_at,
            via: Via::Downloaded,
        },
    ))
}

/// A download that gave nothing usable: the cached copy when the server could not be reached
/// (with a warning), else the error.
fn failed<T>(
    url: &str,
    net: &Net,
    failure: Failure,
    cached: Option<&cache::Cached>,
    now: DateTime<Utc>,
    parse: &impl Fn(&[u8]) -> anyhow::Result<T>,
) -> anyhow::Result<(T, Origin)> {
    match failure {
        Failure::Unreachable(reason) => match cached {
            Some(c) => {
                warn(
                    net,
                    &format!(
                        "warning: cannot reach {url} ({reason}); using the cached copy downloaded {} ago",
                        cache::age(c.record.fetched_at, now)
                    ),
                );
                from_cache(url, c, parse)
            }
            None => Err(crate::error::Error::Network {
                url: url.to_string(),
                reason: format!(
                    "{reason}; check the address and your connection (nothing is cached for it yet)"
                ),
            }
            .into()),
        },
        Failure::NotASchedule(what) => Err(bad_input(format!(
            "{url} {what}; give the address of the conference's schedule.json or schedule.xml export{}",
            if cached.is_some() {
                " (a cached copy exists: --offline uses it)"
            } else {
                ""
            }
        ))),
        Failure::TooLarge(what) => Err(crate::error::Error::Network {
            url: url.to_string(),
            reason: format!("{what}; raise --max-download if it really is the schedule"),
        }
        .into()),
    }
}

fn warn(net: &Net, message: &str) {
    if net.warn {
        crate::output::say(message);
    }
}

/// What a successful request gave.
enum Answer {
    NotModified,
    Body {
        body: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        /// The answer had neither a length nor chunks: it ended when the connection closed,
        /// so a cut can not be told from the end.
        open_ended: bool,
    },
}

/// One conditional GET.
fn download(url: &str, net: &Net, cached: Option<&Record>) -> Result<Answer, Failure> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(net.timeout))
        .timeout_connect(Some(net.timeout.min(Duration::from_secs(10))))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("agenda/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(record) = cached {
        if let Some(etag) = &record.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &record.last_modified {
            request = request.header("If-Modified-Since", date);
        }
    }
    let mut response = request.call().map_err(|e| network_failure(&e, net))?;
    let status = response.status();
    if status == 304 && cached.is_some() {
        return Ok(Answer::NotModified);
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header("etag");
    let last_modified = header("last-modified");
    let length = header("content-length").and_then(|l| l.parse::<u64>().ok());
    let chunked = header("transfer-encoding").is_some_and(|t| t.contains("chunked"));
    let open_ended = length.is_none() && !chunked;
    if status.is_server_error() {
        return Err(Failure::Unreachable(format!(
            "the server answered {status}"
        )));
    }
    if let Some(n) = length
        && n > net.max_bytes
    {
        return Err(Failure::TooLarge(too_large(n, net.max_bytes)));
    }
    let body = read_body(response.body_mut(), length, net)?;
    if !status.is_success() {
        return Err(Failure::NotASchedule(format!(
            "answered {status} with {}",
            describe(&body)
        )));
    }
    Ok(Answer::Body {
        body,
        etag,
        last_modified,
        open_ended,
    })
}

fn too_large(n: u64, cap: u64) -> String {
    format!(
        "the answer is larger than the {} MB download limit ({}{} bytes)",
        cap as f64 / 1e6,
        if n > cap { "" } else { "over " },
        n.max(cap)
    )
}

/// Reads the body up to the cap, with a progress bar once it takes more than a moment.
fn read_body(body: &mut ureq::Body, length: Option<u64>, net: &Net) -> Result<Vec<u8>, Failure> {
    let mut reader = body
        .with_config()
        .limit(net.max_bytes.saturating_add(1))
        .reader();
    let started = Instant::now();
    let mut bar: Option<indicatif::ProgressBar> = None;
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                if let Some(b) = &bar {
                    b.finish_and_clear();
                }
                let text = e.to_string();
                return Err(if text.contains("limit") {
                    Failure::TooLarge(too_large(net.max_bytes + 1, net.max_bytes))
                } else {
                    Failure::Unreachable(format!("the download broke off: {text}"))
                });
            }
        };
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > net.max_bytes {
            return Err(Failure::TooLarge(too_large(
                bytes.len() as u64,
                net.max_bytes,
            )));
        }
        if net.progress && bar.is_none() && started.elapsed() > Duration::from_millis(500) {
            let b = match length {
                Some(total) => indicatif::ProgressBar::new(total),
                None => indicatif::ProgressBar::new_spinner(),
            };
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "downloading {bytes}/{total_bytes} {wide_bar} {eta}",
            ) && length.is_some()
            {
                b.set_style(style);
            }
            bar = Some(b);
        }
        if let Some(b) = &bar {
            b.set_position(bytes.len() as u64);
        }
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if let Some(n) = length
        && (bytes.len() as u64) < n
    {
        return Err(Failure::Unreachable(format!(
            "the download broke off after {} of {n} bytes",
            bytes.len()
        )));
    }
    Ok(bytes)
}

/// The reason of a failed request, for people.
fn network_failure(error: &ureq::Error, net: &Net) -> Failure {
    let reason = match error {
        ureq::Error::Timeout(_) => format!(
            "no complete answer within {} s (the time-out; raise --timeout on a slow connection)",
            net.timeout.as_secs_f64()
        ),
        ureq::Error::TooManyRedirects => {
            format!("more than {MAX_REDIRECTS} redirects (a redirect loop?)")
        }
        ureq::Error::HostNotFound => "the host name is not known".to_string(),
        ureq::Error::ConnectionFailed => "the connection failed".to_string(),
        ureq::Error::BodyExceedsLimit(_) => {
            return Failure::TooLarge(too_large(net.max_bytes + 1, net.max_bytes));
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_string()
        }
        other => other.to_string(),
    };
    Failure::Unreachable(reason)
}

/// What a body looks like, for messages: `an HTML page titled "Not Found"`, `an empty answer`,
/// or its first characters.
pub fn describe(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return "an empty answer".to_string();
    }
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        let title = lower
            .find("<title>")
            .and_then(|at| {
                let rest = &trimmed[at + 7..];
                rest.find('<').map(|end| rest[..end].trim().to_string())
            })
            .filter(|t| !t.is_empty());
        return match title {
            Some(t) => format!("an HTML page titled \"{}\"", first_chars(&t, 60)),
            None => "an HTML page".to_string(),
        };
    }
    format!("\"{}…\"", first_chars(trimmed, 60))
}

fn first_chars(text: &str, n: usize) -> String {
    text.chars()
        .take(n)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Whether a body is an HTML page (never a schedule).
pub fn is_html(body: &[u8]) -> bool {
    describe(body).starts_with("an HTML page")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_files() {
        assert!(is_url("https://fosdem.org/2025/schedule/xml"));
        assert!(is_url("HTTP://127.0.0.1:8080/s.json"));
        assert!(!is_url("schedule.xml"));
        assert!(!is_url("http"));
        assert!(!is_url("ftp://x/y"));
    }

    #[test]
    fn html_pages_are_named_by_their_title() {
        let page = b"<!DOCTYPE html>\n<html><head><title>Page not found</title></head></html>";
        assert_eq!(describe(page), "an HTML page titled \"Page not found\"");
        assert!(is_html(page));
        assert_eq!(describe(b"  "), "an empty answer");
        assert_eq!(describe(b"oops"), "\"oops…\"");
    }
}
