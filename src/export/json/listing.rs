//! `talks` and `topics` as JSON.
//!
//! `talks --format json` is an array of sessions (`SessionJson` in [`super`]).
//! `topics --format json` is always one object, whatever the schedule:
//! `{"topics": [{"topic": …, "talks": …}, …], "tracks": [{"track": …, "talks": …}, …]}`, both
//! sorted by name; `tracks` is empty for a schedule without tracks (the embedded one).

use super::{SessionJson, write_json};
use crate::output::DisplayZone;
use crate::schedule::Session;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Serialize)]
struct TopicJson<'a> {
    topic: &'a str,
    talks: usize,
}

#[derive(Serialize)]
struct TrackJson<'a> {
    track: &'a str,
    talks: usize,
}

#[derive(Serialize)]
struct ListingJson<'a> {
    topics: Vec<TopicJson<'a>>,
    tracks: Vec<TrackJson<'a>>,
}

/// Writes the chosen sessions as a JSON array, their times in `zone`.
pub fn write_talks(
    out: &mut dyn Write,
    chosen: &[&Session],
    zone: DisplayZone,
    tz: chrono_tz::Tz,
) -> anyhow::Result<()> {
    let list: Vec<SessionJson> = chosen
        .iter()
        .map(|s| SessionJson::shown(s, zone, tz))
        .collect();
    write_json(out, &list)
}

/// Writes the topics and tracks with their numbers of talks as one object.
pub fn write_topics(
    out: &mut dyn Write,
    topics: &BTreeMap<String, usize>,
    tracks: &BTreeMap<String, usize>,
) -> anyhow::Result<()> {
    write_json(
        out,
        &ListingJson {
            topics: topics
                .iter()
                .map(|(topic, &talks)| TopicJson { topic, talks })
                .collect(),
            tracks: tracks
                .iter()
                .map(|(track, &talks)| TrackJson { track, talks })
                .collect(),
        },
    )
}
