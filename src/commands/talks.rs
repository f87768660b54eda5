//! `agenda talks`: the schedule as a table per day, with filters.

use super::Global;
use crate::cli::TalksArgs;
use crate::error::bad_input;
use crate::export::{Format, json::listing, table};
use crate::schedule::{ConferenceDay, Schedule, Session};
use std::io::Write;

/// Resolves `--day`: a date (`2025-09-30`) or a 1-based day number.
pub fn parse_day(schedule: &Schedule, day: &str) -> anyhow::Result<ConferenceDay> {
    schedule.find_day(day)
}

/// Resolves `--room` case-insensitively to the schedule's spelling.
pub fn parse_room(schedule: &Schedule, room: &str) -> anyhow::Result<String> {
    let rooms = &schedule.conference.rooms;
    if let Some(r) = rooms.iter().find(|r| r.eq_ignore_ascii_case(room)) {
        return Ok(r.clone());
    }
    let hint = crate::text::closest(room, rooms.iter().map(String::as_str))
        .map(|c| format!("did you mean `{c}`? "))
        .unwrap_or_default();
    Err(bad_input(format!(
        "unknown room `{room}`; {hint}the rooms are {}",
        rooms.join(", ")
    )))
}

/// Checks that a topic exists, suggesting the closest one when it does not.
pub fn check_topic(schedule: &Schedule, topic: &str) -> anyhow::Result<String> {
    let topic = topic.to_lowercase();
    let counts = schedule.topic_counts();
    if counts.contains_key(&topic) {
        return Ok(topic);
    }
    let hint = crate::text::closest(&topic, counts.keys().map(String::as_str))
        .map(|c| format!("did you mean `{c}`? "))
        .unwrap_or_default();
    Err(bad_input(format!(
        "no session has the topic `{topic}`; {hint}`agenda topics` lists them all"
    )))
}

/// Resolves a track case-insensitively to the schedule's spelling, suggesting the closest one
/// when there is no such track.
pub fn check_track(schedule: &Schedule, track: &str) -> anyhow::Result<String> {
    let counts = schedule.track_counts();
    if let Some(t) = counts.keys().find(|t| t.eq_ignore_ascii_case(track.trim())) {
        return Ok(t.clone());
    }
    if counts.is_empty() {
        return Err(bad_input(format!(
            "no session is in the track `{track}`: {} has no tracks",
            schedule.conference.name
        )));
    }
    let hint = crate::text::closest(track, counts.keys().map(String::as_str))
        .map(|c| format!("did you mean `{c}`? "))
        .unwrap_or_default();
    Err(bad_input(format!(
        "no session is in the track `{track}`; {hint}`agenda topics` lists the tracks"
    )))
}

/// What `talks` writes.
const WRITES: super::Writes = super::Writes {
    command: "talks",
    formats: crate::export::format::LISTING,
    times: true,
    widths: &[Format::Table],
};

/// Runs `talks`.
pub fn run(global: &Global, args: &TalksArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    // The flags first, before any schedule is read.
    global.refuse_clashes(&[("-o", args.out.output.as_deref())], &[])?;
    let how = super::Output::from_flags(global, &args.out, &WRITES)?;
    let (width, zone) = (how.options.width, how.options.zone);
    let schedule = global.load_schedule()?;
    let filters = Filters::resolve(&schedule, args)?;
    let tz = schedule.time_zone()?;
    let chosen: Vec<&Session> = schedule
        .sessions
        .iter()
        .filter(|s| filters.keep(s))
        .collect();
    how.emit_by(global, out, |to| match how.format {
        Format::Json => listing::write_talks(to, &chosen, zone, tz),
        _ => table::listing::write_talks(to, &schedule, &chosen, width, zone, tz),
    })
}

/// The `--day`, `--room`, `--track`, `--topic` and `--search` filters, checked against the schedule.
struct Filters {
    /// Only sessions on this day.
    day: Option<ConferenceDay>,
    /// Only sessions in this room (the schedule's spelling).
    room: Option<String>,
    /// Only sessions of this track (the schedule's spelling).
    track: Option<String>,
    /// Only sessions with this topic.
    topic: Option<String>,
    /// Only sessions whose title, abstract or speakers contain this (lower-cased) word.
    word: Option<String>,
}

impl Filters {
    /// Resolves the filters in flag order: day, room, track, topic, then the search word.
    fn resolve(schedule: &Schedule, args: &TalksArgs) -> anyhow::Result<Filters> {
        let day = args
            .day
            .as_deref()
            .map(|d| parse_day(schedule, d))
            .transpose()?;
        let room = args
            .room
            .as_deref()
            .map(|r| parse_room(schedule, r))
            .transpose()?;
        let track = args
            .track
            .as_deref()
            .map(|t| check_track(schedule, t))
            .transpose()?;
        let topic = args
            .topic
            .as_deref()
            .map(|t| check_topic(schedule, t))
            .transpose()?;
        let word = args.search.as_deref().map(str::to_lowercase);
        Ok(Filters {
            day,
            room,
            track,
            topic,
            word,
        })
    }

    /// Whether a session passes every filter given.
    fn keep(&self, s: &Session) -> bool {
        self.day.as_ref().is_none_or(|d| s.day == d.index)
            && self.room.as_ref().is_none_or(|r| &s.room == r)
            && self
                .track
                .as_ref()
                .is_none_or(|t| s.track.as_ref() == Some(t))
            && self.topic.as_ref().is_none_or(|t| s.topics.contains(t))
            && self.word.as_ref().is_none_or(|w| {
                s.title.to_lowercase().contains(w)
                    || s.subtitle.to_lowercase().contains(w)
                    || s.abstract_text.to_lowercase().contains(w)
                    || s.speakers.iter().any(|p| p.to_lowercase().contains(w))
            })
    }
}
