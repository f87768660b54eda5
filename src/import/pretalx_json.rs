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

/// The file as the common case reads it, in one pass: a pretalx/frab schedule with its
/// published version. A `schedule.events` key (a schedule2 document, or something else that
/// needs a closer look) stops it, and the file is then read as [`read`] always did.
#[derive(Deserialize)]
struct Plain {
    schedule: PlainSchedule,
}

#[derive(Deserialize)]
struct PlainSchedule {
    #[serde(default)]
    version: Option<Value>,
    conference: ConferenceJson,
    /// Never read: its presence alone stops the one-pass reading.
    #[serde(default, rename = "events")]
    _events: Option<NotPlain>,
}

/// A key whose presence makes [`Plain`] fail.
struct NotPlain;

impl<'de> Deserialize<'de> for NotPlain {
    fn deserialize<D: Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom(
            "`schedule.events`: not a plain schedule.json",
        ))
    }
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
    read_versioned(text, source).map(|(schedule, problems, _)| (schedule, problems))
}

/// [`read`], with the version the export publishes (`schedule.version`, when it is non-empty
/// text), taken from the same parse: the file is parsed once.
pub fn read_versioned(
    text: &str,
    source: &str,
) -> anyhow::Result<(Schedule, Vec<Problem>, Option<String>)> {
    let text = text.trim_start_matches('\u{feff}');
    let version = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    // The common case in one pass; anything else (schedule2, other shapes, errors) as before.
    if let Some(plain) = read_plain(text) {
        let published = version(plain.schedule.version.as_ref());
        let (schedule, problems) = from_conference(plain.schedule.conference, source);
        return Ok((schedule, problems, published));
    }
    read_general(text, source, version)
}

/// `text` as a plain pretalx/frab schedule.json in one pass, if it is one.
fn read_plain(text: &str) -> Option<Plain> {
    // A struct also reads from a JSON list; a list is refused in `read_general`.
    text.trim_start()
        .starts_with('{')
        .then(|| serde_json::from_str::<Plain>(text).ok())?
}

/// Any JSON the reader takes (schedule2 too), with its errors: parsed as a value first.
fn read_general(
    text: &str,
    source: &str,
    version: impl Fn(Option<&Value>) -> Option<String>,
) -> anyhow::Result<(Schedule, Vec<Problem>, Option<String>)> {
    let mut published = None;
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        published = version(value.get("schedule").and_then(|s| s.get("version")));
        if super::schedule2::is_schedule2(&value) {
            let (schedule, problems) = super::schedule2::read(&value, source)?;
            return Ok((schedule, problems, published));
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
    let (schedule, problems) = from_conference(file.schedule.conference, source);
    Ok((schedule, problems, published))
}

/// The schedule of a pretalx/frab `schedule.conference`.
fn from_conference(conference: ConferenceJson, source: &str) -> (Schedule, Vec<Problem>) {
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
    build::build(raw, events, skipped, source)
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

#[cfg(test)]
mod tests {
    /// The one-pass reading and the general one give the same schedule, the same warnings and
    /// the same version for `text`, which the one-pass reading takes.
    fn one_pass_reads_as_the_general_reader(text: &str, name: &str) {
        let version = |v: Option<&serde_json::Value>| {
            v.and_then(serde_json::Value::as_str)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let plain = super::read_plain(text).unwrap_or_else(|| panic!("{name}: not plain"));
        let published = version(plain.schedule.version.as_ref());
        let (schedule, problems) = super::from_conference(plain.schedule.conference, name);
        let general = super::read_general(text, name, version).unwrap();
        assert_eq!(schedule, general.0, "{name}");
        assert_eq!(problems, general.1, "{name}");
        assert_eq!(published, general.2, "{name}");
    }

    #[test]
    fn the_one_pass_reading_reads_every_plain_file_as_the_general_reader() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(root.join("tests/fixtures/import/doubtful.json"));
        one_pass_reads_as_the_general_reader(&text.unwrap(), "doubtful.json");
        // Every plain pretalx/frab JSON export (a c3voc schedule2 file has its own reader).
        let exports = crate::import::shared_exports(&["json"]);
        let mut plain = 0;
        for (name, text) in &exports {
            if super::read_plain(text).is_some() {
                one_pass_reads_as_the_general_reader(text, name);
                plain += 1;
            }
        }
        assert!(
            exports.is_empty() || plain > 0,
            "no plain pretalx/frab JSON export in ../shared/data"
        );
        let schedule2 = std::fs::read_to_string(root.join("tests/fixtures/import/schedule2.json"));
        assert!(
            super::read_plain(&schedule2.unwrap()).is_none(),
            "schedule2 is not plain"
        );
        assert!(super::read_plain("[{\"schedule\": {\"conference\": {}}}]").is_none());
    }

    #[test]
    fn the_published_version_comes_with_the_schedule() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (name, expected) in [("doubtful.json", "1"), ("schedule2.json", "test-1")] {
            let text = std::fs::read_to_string(root.join("tests/fixtures/import").join(name));
            let text = text.unwrap();
            let (_, _, version) = super::read_versioned(&text, name).unwrap();
            assert_eq!(version.as_deref(), Some(expected), "{name}");
            let marked = format!("\u{feff}{text}");
            let (_, _, version) = super::read_versioned(&marked, name).unwrap();
            assert_eq!(
                version.as_deref(),
                Some(expected),
                "{name} with a byte order mark"
            );
            let empty = text.replacen(&format!("\"{expected}\""), "\"\"", 1);
            let (_, _, version) = super::read_versioned(&empty, name).unwrap();
            assert_eq!(version, None, "{name} with an empty version");
        }
    }
}
