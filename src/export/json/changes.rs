//! `agenda diff --format json`: the counts and every change, for scripts.

use crate::changes::rows::{Row, rows};
use crate::changes::{Counts, Diff};
use crate::fetch::identity::Identity;
use crate::schedule::{Schedule, Session};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Version {
    conference: String,
    source: String,
    version: Option<String>,
    hash: String,
}

#[derive(Serialize)]
struct Slot {
    id: String,
    title: String,
    date: String,
    start: String,
    minutes: u32,
    room: String,
    speakers: Vec<String>,
}

impl Slot {
    fn of(s: &Session) -> Self {
        Slot {
            id: s.id.clone(),
            title: s.title.clone(),
            date: s.date.to_string(),
            start: s.start.format("%H:%M").to_string(),
            minutes: s.minutes,
            room: s.room.clone(),
            speakers: s.speakers.clone(),
        }
    }
}

#[derive(Serialize)]
struct Changed {
    changes: Vec<&'static str>,
    matched_by: &'static str,
    old: Slot,
    new: Slot,
}

#[derive(Serialize)]
struct Report {
    old: Version,
    new: Version,
    counts: Counts,
    changed: Vec<Changed>,
    added: Vec<Slot>,
    removed: Vec<Slot>,
}

fn version(schedule: &Schedule, identity: &Identity) -> anyhow::Result<Version> {
    Ok(Version {
        conference: schedule.conference.name.clone(),
        source: identity.source.clone(),
        version: identity.version.clone(),
        hash: crate::schedule::hash::schedule_hash(schedule)?,
    })
}

/// Writes the diff as one JSON object.
pub fn write(
    out: &mut dyn Write,
    old: (&Schedule, &Identity),
    new: (&Schedule, &Identity),
    diff: &Diff,
) -> anyhow::Result<()> {
    let mut report = Report {
        old: version(old.0, old.1)?,
        new: version(new.0, new.1)?,
        counts: diff.counts(),
        changed: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
    };
    for row in rows(diff, old.0, new.0) {
        match row {
            Row::Changed { pair, old, new } => report.changed.push(Changed {
                changes: pair.what.words(),
                matched_by: pair.matched_by.as_str(),
                old: Slot::of(old),
                new: Slot::of(new),
            }),
            Row::Added(new) => report.added.push(Slot::of(new)),
            Row::Removed(old) => report.removed.push(Slot::of(old)),
        }
    }
    super::write_json(out, &report)
}
