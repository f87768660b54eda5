//! Reader for pretalx/frab `schedule.json`: `schedule.conference.days[].rooms{name: [event]}`.
//!
//! The reader is tolerant: ids may be numbers or strings, persons objects (`public_name` or
//! `name`) or strings, any field may be missing or null. Extra fields are ignored (JSON
//! consumers are expected to ignore them); entries that are not events are counted as skipped.
//! Rooms keep the order in which they first appear in the file.

use super::build::{self, RawConference, RawEvent, Skipped};
use crate::error::bad_input;
use crate::schedule::{Problem, Schedule};
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;

#[derive(Deserialize)]
struct File {
    schedule: ScheduleJson,
}

#[derive(Deserialize)]
struct ScheduleJson {
    conference: ConferenceJson,
}

#[derive(Deserialize)]
struct ConferenceJson {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    acronym: Option<String>,
    #[serde(default)]
    time_zone_name: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    days: Vec<DayJson>,
}

#[derive(Deserialize)]
struct DayJson {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    day_start: Option<String>,
    #[serde(default)]
    day_end: Option<String>,
    #[serde(default)]
    rooms: OrderedRooms,
}

/// `{room: [events]}` with the rooms in file order (serde_json's own map would sort them).
#[derive(Default)]
struct OrderedRooms(Vec<(String, Vec<Value>)>);

impl<'de> Deserialize<'de> for OrderedRooms {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RoomsVisitor;
        impl<'de> Visitor<'de> for RoomsVisitor {
            type Value = OrderedRooms;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object mapping room names to lists of events")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedRooms, A::Error> {
                let mut rooms = Vec::new();
                while let Some((name, events)) = map.next_entry::<String, Option<Vec<Value>>>()? {
                    rooms.push((name, events.unwrap_or_default()));
                }
                Ok(OrderedRooms(rooms))
            }
        }
        deserializer.deserialize_map(RoomsVisitor)
    }
}

/// Names JSON that is valid but not a schedule.json: a bare value (`null`, a number, a list),
/// or another format (pretalx's schedule widget data, version 2, with `talks` at the top).
fn refuse_other_shapes(value: &Value, source: &str) -> anyhow::Result<()> {
    let what = match value {
        Value::Object(map) if map.contains_key("schedule") => return Ok(()),
        Value::Object(map) => {
            let version = map.get("version").map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            if map.contains_key("talks") || version.is_some() {
                return Err(bad_input(format!(
                    "{source} is a schedule in a format agenda does not read{} (such as pretalx's schedule widget data, not its schedule.json); export the frab-compatible schedule.json or schedule.xml instead (pretalx: …/schedule/export/schedule.json)",
                    version
                        .map(|v| format!(" (version {v})"))
                        .unwrap_or_default()
                )));
            }
            return Ok(());
        }
        Value::Null => "`null`".to_string(),
        Value::Array(_) => "a list".to_string(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => "a string".to_string(),
    };
    Err(bad_input(format!(
        "{source} is JSON holding {what}, not a schedule: a pretalx/frab schedule.json is an object with `schedule.conference.days`; give the conference's schedule.json"
    )))
}

/// Reads a pretalx/frab JSON schedule; malformed JSON is an error with line and column.
pub fn read(text: &str, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    let text = text.trim_start_matches('\u{feff}');
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        if super::schedule2::is_schedule2(&value) {
            return super::schedule2::read(&value, source);
        }
        refuse_other_shapes(&value, source)?;
    }
    let file: File = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_syntax() || e.is_eof() {
            "is not valid JSON"
        } else {
            "is not a pretalx/frab schedule.json (expected `schedule.conference.days[].rooms`)"
        };
        bad_input(format!(
            "{source}:{}:{}: the file {what}: {e}; fix it there or export the schedule again",
            e.line(),
            e.column()
        ))
    })?;
    let conference = file.schedule.conference;
    let mut skipped = Skipped::default();
    let mut events = Vec::new();
    let mut rooms = Vec::new();
    let mut days = Vec::new();
    for (position, day) in conference.days.iter().enumerate() {
        days.push(build::RawDay {
            date: day.date.clone(),
            start: day.day_start.clone(),
            end: day.day_end.clone(),
        });
        for (room, entries) in &day.rooms.0 {
            rooms.push(room.clone());
            for entry in entries {
                let Value::Object(obj) = entry else {
                    skipped.add("entries that are not events");
                    continue;
                };
                // A list or object where text belongs is counted, not dropped silently.
                for (key, value) in obj {
                    if SCALARS.contains(&key.as_str())
                        && matches!(value, Value::Array(_) | Value::Object(_))
                    {
                        skipped.add(format!(
                            "`{key}` fields that are a list or object, not text"
                        ));
                    }
                }
                events.push(event_of(obj, position, day, room, &mut skipped));
            }
        }
    }
    let raw = RawConference {
        title: conference.title.unwrap_or_default(),
        acronym: conference.acronym.unwrap_or_default(),
        time_zone: conference.time_zone_name,
        venue: String::new(),
        url: conference.base_url,
        rooms,
        days,
    };
    Ok(build::build(raw, events, skipped, source))
}

/// The raw event of one entry of `room` on the day at `position`.
fn event_of(
    obj: &serde_json::Map<String, Value>,
    position: usize,
    day: &DayJson,
    room: &str,
    skipped: &mut Skipped,
) -> RawEvent {
    let field = |k: &str| obj.get(k).and_then(text_of);
    RawEvent {
        id: field("id"),
        guid: field("guid"),
        date: field("date"),
        day: Some(position),
        day_date: day.date.clone(),
        day_start: day.day_start.clone(),
        start: field("start"),
        duration: field("duration"),
        room: field("room").unwrap_or_else(|| room.to_string()),
        title: field("title").unwrap_or_default(),
        track: obj.get("track").and_then(track_name),
        kind: field("type"),
        persons: persons(obj.get("persons"), skipped),
        abstract_text: field("abstract").unwrap_or_default(),
        description: field("description").unwrap_or_default(),
        status: field("state").or_else(|| field("status")),
        line: None,
        url: field("url"),
        links: links(obj),
    }
}

/// A scalar as text (strings as they are, numbers printed); null and containers are `None`.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A track given as a name or as an object with a `name`.
fn track_name(value: &Value) -> Option<String> {
    match value {
        Value::Object(o) => o.get("name").and_then(text_of),
        other => text_of(other),
    }
}

/// An event's `links` (`{url, title}` objects, or plain addresses) and its
/// `video_download_url`, as raw links.
fn links(obj: &serde_json::Map<String, Value>) -> Vec<build::RawLink> {
    let found: Vec<build::RawLink> = obj
        .get("links")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| match l {
            Value::Object(o) => Some(build::RawLink {
                url: o.get("url").or_else(|| o.get("href")).and_then(text_of)?,
                title: o.get("title").and_then(text_of).unwrap_or_default(),
                kind: o.get("type").and_then(text_of),
            }),
            other => text_of(other).map(|url| build::RawLink {
                url,
                ..build::RawLink::default()
            }),
        })
        .collect();
    build::with_video_download(found, obj.get("video_download_url").and_then(text_of))
}

/// Event fields read as text: a list or object there is counted as skipped.
const SCALARS: &[&str] = &[
    "id",
    "guid",
    "date",
    "start",
    "duration",
    "room",
    "title",
    "type",
    "abstract",
    "description",
    "url",
];

/// Speakers from `persons`: a list of objects with `public_name` (pretalx, frab) or `name`, or
/// of strings. Anything else (a plain string instead of a list, a person without a name) is
/// counted as skipped.
fn persons(value: Option<&Value>, skipped: &mut Skipped) -> Vec<String> {
    let list = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(list)) => list,
        Some(Value::String(_)) => {
            skipped.add("`persons` given as a plain string, not a list");
            return Vec::new();
        }
        Some(_) => {
            skipped.add("`persons` that are not a list");
            return Vec::new();
        }
    };
    let mut names = Vec::new();
    for p in list {
        let name = match p {
            Value::Object(o) => o
                .get("public_name")
                .or_else(|| o.get("name"))
                .or_else(|| o.get("full_public_name"))
                .and_then(text_of),
            other => text_of(other),
        };
        match name {
            Some(n) => names.push(n),
            None => skipped.add("persons without a name"),
        }
    }
    names
}
