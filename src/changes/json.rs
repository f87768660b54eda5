//! `agenda diff --format json`: the counts and every change, for scripts.

use super::{Counts, Diff};
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
    let report = Report {
        old: version(old.0, old.1)?,
        new: version(new.0, new.1)?,
        counts: diff.counts(),
        changed: diff
            .pairs
            .iter()
            .filter(|p| p.what.any() || p.by_title)
            .map(|p| Changed {
                changes: p.what.words(),
                matched_by: if p.by_title {
                    "title and speakers"
                } else {
                    "id"
                },
                old: Slot::of(&old.0.sessions[p.old]),
                new: Slot::of(&new.0.sessions[p.new]),
            })
            .collect(),
        added: diff
            .added
            .iter()
            .map(|&j| Slot::of(&new.0.sessions[j]))
            .collect(),
        removed: diff
            .removed
            .iter()
            .map(|&i| Slot::of(&old.0.sessions[i]))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)?;
    Ok(())
}
