//! `agenda diff --format json`: the counts and every change, for scripts.

use crate::changes::rows::{Row, rows_for};
use crate::changes::yours::{Verdict, Yours};
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
    /// With `--plan`: whether it is one of the plan's talks.
    #[serde(skip_serializing_if = "Option::is_none")]
    yours: Option<bool>,
}

/// An added or removed session.
#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    slot: Slot,
    /// With `--plan`: whether it is one of the plan's talks.
    #[serde(skip_serializing_if = "Option::is_none")]
    yours: Option<bool>,
}

/// The verdict of `--plan` or interests: the sentence and its counts.
#[derive(Serialize)]
struct VerdictOut {
    text: String,
    /// `plan` (a saved plan's talks) or `interests` (the talks that scored for you).
    your_talks_from: &'static str,
    #[serde(flatten)]
    counts: Verdict,
}

#[derive(Serialize)]
struct Report {
    old: Version,
    new: Version,
    counts: Counts,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<VerdictOut>,
    changed: Vec<Changed>,
    added: Vec<Listed>,
    removed: Vec<Listed>,
}

fn version(schedule: &Schedule, identity: &Identity) -> anyhow::Result<Version> {
    Ok(Version {
        conference: schedule.conference.name.clone(),
        source: identity.source.clone(),
        version: identity.version.clone(),
        hash: crate::schedule::hash::schedule_hash(schedule)?,
    })
}

/// Writes the diff as one JSON object; with `yours`, the verdict and only the changes that
/// touch your talks or talks that score for you (each marked `yours` with a plan).
pub fn write(
    out: &mut dyn Write,
    old: (&Schedule, &Identity),
    new: (&Schedule, &Identity),
    diff: &Diff,
    yours: Option<&Yours>,
) -> anyhow::Result<()> {
    let mut report = Report {
        old: version(old.0, old.1)?,
        new: version(new.0, new.1)?,
        counts: diff.counts(),
        verdict: yours.map(|y| {
            let counts = y.verdict(diff, old.0.sessions.len());
            VerdictOut {
                text: counts.sentence(),
                your_talks_from: if counts.from_plan {
                    "plan"
                } else {
                    "interests"
                },
                counts,
            }
        }),
        changed: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
    };
    let marked = yours.is_some_and(|y| y.plan.is_some());
    for (row, mine) in rows_for(diff, old.0, new.0, yours) {
        let yours = marked.then_some(mine);
        match row {
            Row::Changed { pair, old, new } => report.changed.push(Changed {
                changes: pair.what.words(),
                matched_by: pair.matched_by.as_str(),
                old: Slot::of(old),
                new: Slot::of(new),
                yours,
            }),
            Row::Added(new) => report.added.push(Listed {
                slot: Slot::of(new),
                yours,
            }),
            Row::Removed(old) => report.removed.push(Listed {
                slot: Slot::of(old),
                yours,
            }),
        }
    }
    super::write_json(out, &report)
}
