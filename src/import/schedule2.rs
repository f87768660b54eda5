//! Reader for the c3voc "schedule2" JSON (the CCC hub's newer format, schema version alpha-3):
//! `schedule.conference` with its `rooms`, `tracks` and `days`, and one flat `schedule.events`
//! list.
//!
//! | schedule2 | session |
//! |---|---|
//! | `code`, else `guid` | id |
//! | `start`, `end` (or the deprecated `duration`, ISO 8601) | start and length |
//! | `room.name` (or the conference room with its `guid`) | room |
//! | `track.slug` (the conference track's `name`) | track |
//! | `title` (with `subtitle` when the title ends in `:`) | title |
//! | `subtitle` (when the title does not end in `:`) | subtitle |
//! | `abstract`, `description` (text or `{language: text}`) | abstract |
//! | `participants[].name` | speakers |
//! | `type` (`BREAK`, `LIGHTNING_TALK`, …) | kind |
//! | `state` (`CANCELED`, `WITHDRAWN`, …) | cancelled |
//!
//! Events name no day: each goes to the listed day whose `start`–`end` holds its start (a
//! night session stays with the evening before, as the days say), else to the last day that
//! began before it (and [`build`] warns that it lies outside). Fields the planner does not use
//! (links, logos, languages, colours) are ignored, as JSON consumers do; entries that are not
//! objects are counted as skipped.

use super::build::{self, RawConference, RawDay, RawEvent, Skipped};
use crate::schedule::{Problem, Schedule};
use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

/// Whether parsed JSON is a schedule2 file: `schedule.events` is a list (a frab/pretalx
/// schedule.json lists its events under `conference.days[].rooms`).
pub fn is_schedule2(value: &Value) -> bool {
    value
        .get("schedule")
        .and_then(|s| s.get("events"))
        .is_some_and(Value::is_array)
}

/// Reads a schedule2 document already parsed as JSON.
pub fn read(value: &Value, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    let schedule = &value["schedule"];
    let conference = schedule.get("conference").and_then(Value::as_object);
    let empty = Map::new();
    let conference = conference.unwrap_or(&empty);
    let field = |key: &str| conference.get(key).and_then(text_of);
    let language = conference
        .get("defaults")
        .and_then(|d| d.get("language"))
        .and_then(text_of)
        .unwrap_or_else(|| "en".to_string());
    let rooms: Vec<(String, String)> = list(conference.get("rooms"))
        .filter_map(|r| Some((r.get("name").and_then(text_of)?, key_of(r, "guid"))))
        .collect();
    let tracks: Vec<(String, String)> = list(conference.get("tracks"))
        .filter_map(|t| Some((key_of(t, "slug"), t.get("name").and_then(text_of)?)))
        .collect();
    let days: Vec<RawDay> = list(conference.get("days"))
        .map(|d| RawDay {
            date: d.get("date").and_then(text_of),
            start: d.get("start").and_then(text_of),
            end: d.get("end").and_then(text_of),
        })
        .collect();
    let spans: Vec<(Option<Instant>, Option<Instant>)> = days
        .iter()
        .map(|d| (instant(d.start.as_deref()), instant(d.end.as_deref())))
        .collect();
    let header = Header {
        language,
        rooms,
        tracks,
        spans,
    };
    let mut skipped = Skipped::default();
    let mut events = Vec::new();
    for entry in list(schedule.get("events")) {
        let Value::Object(event) = entry else {
            skipped.add("entries of `events` that are not events");
            continue;
        };
        events.push(header.event(event));
    }
    let raw = RawConference {
        title: field("title").unwrap_or_default(),
        acronym: field("acronym").unwrap_or_default(),
        time_zone: field("time_zone_name"),
        venue: String::new(),
        city: String::new(),
        url: schedule
            .get("base_url")
            .and_then(text_of)
            .or_else(|| field("url")),
        rooms: header.rooms.into_iter().map(|(name, _)| name).collect(),
        days,
    };
    Ok(build::build(raw, events, skipped, source))
}

/// What every event is read with: the conference's rooms, tracks, days and language.
struct Header {
    language: String,
    /// (name, guid) of each room.
    rooms: Vec<(String, String)>,
    /// (slug, name) of each track.
    tracks: Vec<(String, String)>,
    /// Each listed day's start and end.
    spans: Vec<(Option<Instant>, Option<Instant>)>,
}

impl Header {
    /// The raw event of one `events` entry.
    fn event(&self, event: &Map<String, Value>) -> RawEvent {
        let get = |key: &str| event.get(key).and_then(text_of);
        let start = get("start");
        let minutes = match (instant(start.as_deref()), instant(get("end").as_deref())) {
            (Some(from), Some(until)) if until >= from => {
                Some(((until - from).num_seconds() + 59) / 60)
            }
            _ => get("duration")
                .as_deref()
                .and_then(super::ical::values::duration_minutes),
        };
        let room = event.get("room");
        let room_name = room
            .and_then(|r| r.get("name"))
            .and_then(text_of)
            .or_else(|| {
                let guid = key_of(room?, "guid");
                self.rooms
                    .iter()
                    .find(|(_, g)| *g == guid)
                    .map(|(n, _)| n.clone())
            })
            .unwrap_or_default();
        let track = match event.get("track") {
            Some(Value::Object(t)) => t.get("name").and_then(text_of).or_else(|| {
                let slug = t.get("slug").and_then(text_of).unwrap_or_default();
                self.tracks
                    .iter()
                    .find(|(s, _)| *s == slug)
                    .map(|(_, n)| n.clone())
                    .or(Some(slug).filter(|s| !s.is_empty()))
            }),
            other => other.and_then(text_of),
        };
        let mut title = get("title").unwrap_or_default();
        let mut subtitle = get("subtitle").unwrap_or_default();
        if !subtitle.trim().is_empty() && title.trim_end().ends_with(':') {
            title = format!("{} {}", title.trim_end(), subtitle.trim());
            subtitle.clear();
        }
        let persons = list(event.get("participants"))
            .filter_map(|p| match p {
                Value::Object(p) => p.get("name").and_then(text_of),
                other => text_of(other),
            })
            .collect();
        RawEvent {
            id: get("code"),
            guid: get("guid"),
            day: day_of(instant(start.as_deref()), &self.spans),
            date: start,
            duration: minutes.map(|m| m.to_string()),
            room: room_name,
            title,
            subtitle,
            track,
            kind: get("type"),
            persons,
            abstract_text: localized(event.get("abstract"), &self.language),
            description: localized(event.get("description"), &self.language),
            status: get("state"),
            url: get("url"),
            links: list(event.get("links"))
                .chain(list(event.get("attachments")))
                .filter_map(|l| {
                    Some(super::links::RawLink {
                        url: l.get("url").and_then(text_of)?,
                        title: key_of(l, "title"),
                        kind: l
                            .get("service")
                            .and_then(text_of)
                            .or_else(|| l.get("type").and_then(text_of)),
                    })
                })
                .collect(),
            ..RawEvent::default()
        }
    }
}

type Instant = DateTime<FixedOffset>;

fn instant(text: Option<&str>) -> Option<Instant> {
    DateTime::parse_from_rfc3339(text?.trim()).ok()
}

/// The position of the listed day whose span holds `start`, else of the last day that began
/// before it, else the first day.
fn day_of(start: Option<Instant>, spans: &[(Option<Instant>, Option<Instant>)]) -> Option<usize> {
    if spans.is_empty() {
        return None;
    }
    let Some(start) = start else {
        return Some(0);
    };
    let holds = spans.iter().position(|(from, until)| {
        from.is_some_and(|f| f <= start) && until.is_some_and(|u| start < u)
    });
    holds
        .or_else(|| {
            spans
                .iter()
                .rposition(|(from, _)| from.is_some_and(|f| f <= start))
        })
        .or(Some(0))
}

/// The items of a JSON list (none when it is missing or not a list).
fn list(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value
        .and_then(Value::as_array)
        .map(|a| a.iter())
        .into_iter()
        .flatten()
}

/// A scalar as text; null and containers are `None`.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An object's `key` as text ("" when it has none).
fn key_of(value: &Value, key: &str) -> String {
    value.get(key).and_then(text_of).unwrap_or_default()
}

/// A LocalizableString: text, or `{language: text}` read in `language`, else English, else
/// the first language given.
fn localized(value: Option<&Value>, language: &str) -> String {
    match value {
        Some(Value::Object(map)) => [language, "en"]
            .iter()
            .find_map(|l| map.get(*l).and_then(text_of))
            .or_else(|| map.values().find_map(text_of))
            .unwrap_or_default(),
        Some(other) => text_of(other).unwrap_or_default(),
        None => String::new(),
    }
}
