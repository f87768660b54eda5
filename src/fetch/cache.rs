//! The download cache: one body and one small JSON record per URL under
//! `$XDG_CACHE_HOME/agenda/schedules/` (`~/.cache/agenda/schedules/` when the variable is unset).
//!
//! Files are named by the FNV-1a hash of the URL (`<16 hex digits>.body` and `.json`); the record
//! repeats the URL, so a hash collision reads as "not cached" instead of the wrong schedule. Both
//! files are written with the project's atomic writer, body first: a record never names a body
//! that is not complete, and a reader sees the old copy or the new one, never half of either.

use crate::output::write_atomic;
use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the cache knows about one URL besides its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The URL the body was downloaded from.
    pub url: String,
    /// The server's `ETag`, for `If-None-Match`.
    #[serde(default)]
    pub etag: Option<String>,
    /// The server's `Last-Modified`, for `If-Modified-Since`.
    #[serde(default)]
    pub last_modified: Option<String>,
    /// When the body was downloaded (RFC 3339, UTC).
    pub fetched_at: DateTime<Utc>,
    /// When the server last confirmed the body (a download or a `304 Not Modified`).
    pub checked_at: DateTime<Utc>,
}

/// A cached copy: its record and its body.
#[derive(Debug, Clone)]
pub struct Cached {
    /// The record.
    pub record: Record,
    /// The body, as downloaded (after gzip decoding).
    pub body: Vec<u8>,
}

/// The cache folder: `$XDG_CACHE_HOME/agenda`, else `$HOME/.cache/agenda` (see
/// [`crate::folders`]).
pub fn default_dir() -> Option<PathBuf> {
    crate::folders::cache()
}

/// The cache of downloaded schedules in one folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache under `root` (the `agenda` cache folder); schedules live in `root/schedules`.
    pub fn new(root: &Path) -> Self {
        Cache {
            dir: root.join("schedules"),
        }
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = format!("{:016x}", crate::schedule::hash::fnv1a64(url.as_bytes()));
        (
            self.dir.join(format!("{key}.body")),
            self.dir.join(format!("{key}.json")),
        )
    }

    /// The cached copy of `url`, if there is a complete one.
    pub fn get(&self, url: &str) -> Option<Cached> {
        let (body_path, record_path) = self.paths(url);
        let record: Record = serde_json::from_slice(&std::fs::read(record_path).ok()?).ok()?;
        if record.url != url {
            return None;
        }
        let body = std::fs::read(body_path).ok()?;
        Some(Cached { record, body })
    }

    /// Stores a body that was checked to be a schedule, with its record.
    pub fn put(&self, record: &Record, body: &[u8]) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create the cache folder {}", self.dir.display()))?;
        let (body_path, record_path) = self.paths(&record.url);
        write_atomic(&body_path, body)?;
        write_atomic(&record_path, &serde_json::to_vec_pretty(record)?)
    }

    /// Records that the server confirmed the cached body (`304 Not Modified`).
    pub fn touch(&self, record: &Record) -> anyhow::Result<()> {
        let (_, record_path) = self.paths(&record.url);
        write_atomic(&record_path, &serde_json::to_vec_pretty(record)?)
    }
}

/// A duration for people: `40 seconds`, `5 minutes`, `3 hours`, `2 days`.
pub fn age(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - since).num_seconds().max(0);
    let (n, unit) = match secs {
        0..60 => (secs, "second"),
        60..3600 => (secs / 60, "minute"),
        3600..86400 => (secs / 3600, "hour"),
        _ => (secs / 86400, "day"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_copy_reads_back_and_another_url_misses() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let now = Utc::now();
        let record = Record {
            url: "http://127.0.0.1/a.json".into(),
            etag: Some("\"v1\"".into()),
            last_modified: None,
            fetched_at: now,
            checked_at: now,
        };
        cache.put(&record, b"{}").unwrap();
        let got = cache.get("http://127.0.0.1/a.json").unwrap();
        assert_eq!(got.record, record);
        assert_eq!(got.body, b"{}");
        assert!(cache.get("http://127.0.0.1/b.json").is_none());
    }

    #[test]
    fn ages_read_in_the_largest_whole_unit() {
        let t = Utc::now();
        assert_eq!(age(t, t + chrono::Duration::seconds(1)), "1 second");
        assert_eq!(age(t, t + chrono::Duration::minutes(5)), "5 minutes");
        assert_eq!(age(t, t + chrono::Duration::hours(3)), "3 hours");
        assert_eq!(age(t, t + chrono::Duration::days(2)), "2 days");
    }
}
