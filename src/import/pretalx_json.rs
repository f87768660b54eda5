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
struct OrderedRooms(Vec<(String, Vec<Entry>)>);

/// One item of a room's list, kept as small as the reader needs it: an event's fields are read
/// while the file is parsed, so no tree of the whole file is built (a 64 MB export made one of
/// some 400 MB). Anything that is not an object is [`Entry::Other`].
enum Entry {
    Event(Box<EventJson>),
    Other,
}

/// The fields of an event the reader uses: those read as text ([`TEXT_FIELDS`], in that order)
/// already as text, `track`, `persons` and `links` as they are; every other field is skipped
/// unread.
#[derive(Default)]
struct EventJson {
    /// The texts of the fields read as text, one after another in one buffer: one allocation
    /// an event, not one a field (a 64 MB export of 316,000 events is held while it is turned
    /// into sessions, and a string each field made that some 100 MB more).
    texts: String,
    /// Where the text of field `TEXT_FIELDS[i]` lies in `texts` (`None`: absent, or not
    /// text); a key given twice counts as its last value.
    spans: [Option<(u32, u32)>; TEXT_FIELDS.len()],
    /// Bit i: field `TEXT_FIELDS[i]` is a list or object (counted as skipped when it is one
    /// of [`SCALARS`]).
    containers: u32,
    track: Option<Value>,
    persons: Option<PersonsJson>,
    links: Option<Value>,
}

/// An event's `persons` as the reader needs it: each person's name, read while parsing (a
/// person's other fields are skipped unread).
enum PersonsJson {
    /// A list: each item's name, `None` for an item without one.
    List(Vec<Option<String>>),
    /// A plain string instead of a list.
    Text,
    /// `null`.
    Null,
    /// Anything else.
    Other,
}

/// A person's name: an object's `public_name`, else `name`, else `full_public_name` (the
/// first of them present, as text), or the item itself when it is text or a number.
struct PersonName(Option<String>);

impl<'de> Deserialize<'de> for PersonName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(NamesOnly(deserializer))?;
        let name = match &value {
            Value::Object(o) => o
                .get("public_name")
                .or_else(|| o.get("name"))
                .or_else(|| o.get("full_public_name"))
                .and_then(text_of),
            other => text_of(other),
        };
        Ok(PersonName(name))
    }
}

/// A deserializer that reads an object keeping only a person's name fields (the rest are
/// skipped unread); any other value as it is.
struct NamesOnly<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for NamesOnly<D> {
    type Error = D::Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(NamesVisitor(visitor))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// [`NamesOnly`]'s visitor: a map loses every key but the name fields; the rest passes on.
struct NamesVisitor<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for NamesVisitor<V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(NameFields(map))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(seq)
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.0.visit_bool(v)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.0.visit_i64(v)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.0.visit_u64(v)
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.0.visit_f64(v)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.0.visit_str(v)
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<V::Value, E> {
        self.0.visit_string(v)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }
}

/// The entries of a person object whose key is a name field; the others are skipped.
struct NameFields<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for NameFields<A> {
    type Error = A::Error;
    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.0.next_key::<String>()? {
            if matches!(key.as_str(), "public_name" | "name" | "full_public_name") {
                use serde::de::IntoDeserializer;
                return seed.deserialize(key.into_deserializer()).map(Some);
            }
            self.0.next_value::<serde::de::IgnoredAny>()?;
        }
        Ok(None)
    }
    fn next_value_seed<S: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, A::Error> {
        self.0.next_value_seed(seed)
    }
}

impl<'de> Deserialize<'de> for PersonsJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Option::<OneOrList>::deserialize(deserializer)? {
            None => Ok(PersonsJson::Null),
            Some(OneOrList::List(names)) => Ok(PersonsJson::List(
                names.into_iter().map(|PersonName(n)| n).collect(),
            )),
            Some(OneOrList::Text) => Ok(PersonsJson::Text),
            Some(OneOrList::Other) => Ok(PersonsJson::Other),
        }
    }
}

/// `persons` when it is not null.
enum OneOrList {
    List(Vec<PersonName>),
    Text,
    Other,
}

impl<'de> Deserialize<'de> for OneOrList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of persons")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrList, A::Error> {
                let mut list = Vec::new();
                while let Some(p) = seq.next_element::<PersonName>()? {
                    list.push(p);
                }
                // Held until the event is built: one name each, not room for four.
                list.shrink_to_fit();
                Ok(OneOrList::List(list))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OneOrList, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(OneOrList::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<OneOrList, E> {
                Ok(OneOrList::Text)
            }
            fn visit_bool<E>(self, _: bool) -> Result<OneOrList, E> {
                Ok(OneOrList::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<OneOrList, E> {
                Ok(OneOrList::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<OneOrList, E> {
                Ok(OneOrList::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<OneOrList, E> {
                Ok(OneOrList::Other)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Event fields read as text: the [`SCALARS`] first, then the others.
const TEXT_FIELDS: [&str; 15] = [
    "id",
    "guid",
    "date",
    "start",
    "duration",
    "room",
    "title",
    "subtitle",
    "type",
    "abstract",
    "description",
    "url",
    "state",
    "status",
    "video_download_url",
];

impl EventJson {
    /// The text of field `key` (one of [`TEXT_FIELDS`]), taken out.
    fn take(&mut self, key: &str) -> Option<String> {
        let i = TEXT_FIELDS.iter().position(|k| *k == key)?;
        let (from, to) = self.spans[i].take()?;
        self.texts
            .get(from as usize..to as usize)
            .map(str::to_string)
    }

    /// The text field `key`, left in place.
    fn get(&self, key: &str) -> Option<&str> {
        let i = TEXT_FIELDS.iter().position(|k| *k == key)?;
        let (from, to) = self.spans[i]?;
        self.texts.get(from as usize..to as usize)
    }

    /// Field `TEXT_FIELDS[i]` is `value`: its text as [`text_of`] gives it is added to the
    /// buffer. `false` when the buffer would pass 4 GiB (which no file within the input bound
    /// comes near).
    fn set(&mut self, i: usize, value: &Value) -> bool {
        use std::fmt::Write;
        let from = self.texts.len();
        // Each case writes what `text_of` would return, without a copy of its own.
        let text = match value {
            Value::String(s) => self.texts.write_str(s),
            Value::Number(n) => write!(self.texts, "{n}"),
            Value::Bool(b) => write!(self.texts, "{b}"),
            _ => {
                self.spans[i] = None;
                return true;
            }
        };
        let span = (u32::try_from(from), u32::try_from(self.texts.len()));
        match (text, span) {
            (Ok(()), (Ok(from), Ok(to))) => {
                self.spans[i] = Some((from, to));
                true
            }
            _ => false,
        }
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an event")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
                let mut event = EventJson::default();
                // A key given twice counts as its last value, as in a JSON object read whole.
                while let Some(key) = map.next_key::<String>()? {
                    if let Some(i) = TEXT_FIELDS.iter().position(|k| *k == key) {
                        let value: Value = map.next_value()?;
                        let container = matches!(value, Value::Array(_) | Value::Object(_));
                        event.containers &= !(1 << i);
                        event.containers |= u32::from(container) << i;
                        if !event.set(i, &value) {
                            return Err(serde::de::Error::custom(
                                "an event's text fields are longer than 4 GiB together",
                            ));
                        }
                        continue;
                    }
                    if key == "persons" {
                        event.persons = Some(map.next_value()?);
                        continue;
                    }
                    let slot = match key.as_str() {
                        "track" => &mut event.track,
                        "links" => &mut event.links,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = Some(map.next_value()?);
                }
                event.texts.shrink_to_fit();
                Ok(Entry::Event(Box::new(event)))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Entry, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Entry::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_unit<E>(self) -> Result<Entry, E> {
                Ok(Entry::Other)
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

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
                while let Some((name, events)) = map.next_entry::<String, Option<Vec<Entry>>>()? {
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
    // The common case in one pass; anything else (schedule2, other shapes, errors) as before.
    if let Some(plain) = read_plain(text) {
        return Ok(from_plain(plain, source));
    }
    read_general(text, source)
}

/// [`read_versioned`] of text the caller has no more use for: in the common case the text is
/// let go of as soon as it is parsed, so it is not held beside the schedule built from it.
pub fn read_versioned_owned(
    text: String,
    source: &str,
) -> anyhow::Result<(Schedule, Vec<Problem>, Option<String>)> {
    match read_plain(text.trim_start_matches('\u{feff}')) {
        Some(plain) => {
            drop(text);
            Ok(from_plain(plain, source))
        }
        None => read_versioned(&text, source),
    }
}

/// The schedule, warnings and published version of a plain schedule.json.
fn from_plain(plain: Plain, source: &str) -> (Schedule, Vec<Problem>, Option<String>) {
    let version = published(plain.schedule.version.as_ref());
    let (schedule, problems) = from_conference(plain.schedule.conference, source);
    (schedule, problems, version)
}

/// The version an export publishes: a non-empty string, else none.
fn published(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
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
) -> anyhow::Result<(Schedule, Vec<Problem>, Option<String>)> {
    let mut version = None;
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        version = published(value.get("schedule").and_then(|s| s.get("version")));
        if super::schedule2::is_schedule2(&value) {
            let (schedule, problems) = super::schedule2::read(&value, source)?;
            return Ok((schedule, problems, version));
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
    Ok((schedule, problems, version))
}

/// The schedule of a pretalx/frab `schedule.conference`. Each event is handed on as it is
/// read, so the parsed file and the events are not held twice.
fn from_conference(conference: ConferenceJson, source: &str) -> (Schedule, Vec<Problem>) {
    let (raw, days) = raw_conference(conference);
    let entries = || days.iter().flat_map(|d| &d.rooms.0).flat_map(|(_, e)| e);
    let dates = entries().filter_map(|entry| match entry {
        Entry::Event(event) => event.get("date"),
        Entry::Other => None,
    });
    let zone = build::time_zone(&raw, dates);
    let mut builder = build::Builder::new(&raw, zone, entries().count(), source);
    let mut skipped = Skipped::default();
    // Each event is built as it is taken from the parsed file: a list of every raw event
    // beside the parsed ones would hold the file twice at the peak of reading.
    each_event(days, &raw.days, &mut skipped, |mut event| {
        let prepared = build::Prepared::of(&mut event);
        builder.add(event, prepared);
    });
    builder.finish(&raw, skipped)
}

/// The conference's header, rooms and days as the builder needs them before any event, and
/// its days with their events.
fn raw_conference(conference: ConferenceJson) -> (RawConference, Vec<DayJson>) {
    let days = conference.days;
    let raw = RawConference {
        title: conference.title.unwrap_or_default(),
        acronym: conference.acronym.unwrap_or_default(),
        time_zone: conference.time_zone_name,
        venue: String::new(),
        city: String::new(),
        url: conference.base_url,
        rooms: days
            .iter()
            .flat_map(|d| d.rooms.0.iter().map(|(room, _)| room.clone()))
            .collect(),
        days: days
            .iter()
            .map(|day| build::RawDay {
                date: day.date.clone(),
                start: day.day_start.clone(),
                end: day.day_end.clone(),
            })
            .collect(),
    };
    (raw, days)
}

/// Hands each event of `days` (whose raw days are `raw_days`) to `each`, in file order, and
/// counts what is skipped; each parsed event is let go of as soon as it is handed over.
fn each_event(
    days: Vec<DayJson>,
    raw_days: &[build::RawDay],
    skipped: &mut Skipped,
    mut each: impl FnMut(RawEvent),
) {
    for ((position, day), raw_day) in days.into_iter().enumerate().zip(raw_days) {
        for (room, entries) in day.rooms.0 {
            for entry in entries {
                let Entry::Event(mut event) = entry else {
                    skipped.add("entries that are not events");
                    continue;
                };
                // A list or object where text belongs is counted, not dropped silently.
                for (i, key) in SCALARS.iter().enumerate() {
                    if event.containers & (1 << i) != 0 {
                        skipped.add(format!(
                            "`{key}` fields that are a list or object, not text"
                        ));
                    }
                }
                each(event_of(&mut event, position, raw_day, &room, skipped));
            }
        }
    }
}

/// The raw event of one entry of `room` on the day at `position`.
fn event_of(
    event: &mut EventJson,
    position: usize,
    day: &build::RawDay,
    room: &str,
    skipped: &mut Skipped,
) -> RawEvent {
    let video = event.take("video_download_url");
    let links = links(event.links.as_ref(), video);
    let status = event.take("state").or_else(|| event.take("status"));
    RawEvent {
        id: event.take("id"),
        guid: event.take("guid"),
        date: event.take("date"),
        day: Some(position),
        day_date: day.date.clone(),
        day_start: day.start.clone(),
        start: event.take("start"),
        duration: event.take("duration"),
        room: event.take("room").unwrap_or_else(|| room.to_string()),
        title: event.take("title").unwrap_or_default(),
        subtitle: event.take("subtitle").unwrap_or_default(),
        track: event.track.as_ref().and_then(track_name),
        kind: event.take("type"),
        persons: persons(event.persons.as_ref(), skipped),
        abstract_text: event.take("abstract").unwrap_or_default(),
        description: event.take("description").unwrap_or_default(),
        status,
        line: None,
        url: event.take("url"),
        links,
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
fn links(list: Option<&Value>, video_download_url: Option<String>) -> Vec<build::RawLink> {
    let found: Vec<build::RawLink> = list
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
    build::with_video_download(found, video_download_url)
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
    "subtitle",
    "type",
    "abstract",
    "description",
    "url",
];

/// Speakers from `persons`: a list of objects with `public_name` (pretalx, frab) or `name`, or
/// of strings. Anything else (a plain string instead of a list, a person without a name) is
/// counted as skipped.
fn persons(value: Option<&PersonsJson>, skipped: &mut Skipped) -> Vec<String> {
    let list = match value {
        None | Some(PersonsJson::Null) => return Vec::new(),
        Some(PersonsJson::List(list)) => list,
        Some(PersonsJson::Text) => {
            skipped.add("`persons` given as a plain string, not a list");
            return Vec::new();
        }
        Some(PersonsJson::Other) => {
            skipped.add("`persons` that are not a list");
            return Vec::new();
        }
    };
    let mut names = Vec::new();
    for name in list {
        match name {
            Some(n) => names.push(n.clone()),
            None => skipped.add("persons without a name"),
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::{RawEvent, Value};

    /// The one-pass reading (of borrowed and of owned text) and the general one give the same
    /// schedule, the same warnings and the same version for `text`, which the one-pass reading
    /// takes.
    fn one_pass_reads_as_the_general_reader(text: &str, name: &str) {
        let plain = super::read_plain(text).unwrap_or_else(|| panic!("{name}: not plain"));
        let (schedule, problems, published) = super::from_plain(plain, name);
        let general = super::read_general(text, name).unwrap();
        assert_eq!(schedule, general.0, "{name}");
        assert_eq!(problems, general.1, "{name}");
        assert_eq!(published, general.2, "{name}");
        let owned = super::read_versioned_owned(text.to_string(), name).unwrap();
        assert_eq!(schedule, owned.0, "{name}");
        assert_eq!(problems, owned.1, "{name}");
        assert_eq!(published, owned.2, "{name}");
    }

    /// An event's `subtitle` is kept with the session, in the one-pass reading as in the
    /// general one; an empty or null one is none.
    #[test]
    fn a_subtitle_is_kept_with_its_session() {
        let event = |id: u32, subtitle: &str| {
            format!(
                r#"{{"id": {id}, "guid": "g{id}", "date": "2025-03-01T1{id}:00:00+01:00",
                    "start": "1{id}:00", "duration": "00:30", "room": "A", "title": "Talk {id}",
                    "subtitle": {subtitle}, "type": "Talk", "abstract": "About resolvers.",
                    "persons": []}}"#
            )
        };
        let text = format!(
            r#"{{"schedule": {{"version": "1", "conference": {{"acronym": "t", "title": "T",
                "time_zone_name": "Europe/Berlin", "days": [{{"index": 1, "date": "2025-03-01",
                "day_start": "2025-03-01T09:00:00+01:00", "day_end": "2025-03-02T03:00:00+01:00",
                "rooms": {{"A": [{}, {}, {}]}}}}]}}}}}}"#,
            event(1, r#""Encrypted DNS at scale""#),
            event(2, r#""""#),
            event(3, "null"),
        );
        one_pass_reads_as_the_general_reader(&text, "subtitle.json");
        let (schedule, _) = super::read(&text, "subtitle.json").unwrap();
        let subtitle = |id: &str| schedule.get(id).unwrap().subtitle.clone();
        assert_eq!(subtitle("1"), "Encrypted DNS at scale");
        assert_eq!(subtitle("2"), "");
        assert_eq!(subtitle("3"), "");
        assert_eq!(schedule.get("1").unwrap().title, "Talk 1");
        assert_eq!(schedule.get("1").unwrap().abstract_text, "About resolvers.");
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

    /// What the reader takes from one event, read from the file parsed whole as a tree: the
    /// reference the reading while parsing is held to.
    fn reference_event(obj: &serde_json::Map<String, Value>, room: &str) -> Vec<Option<String>> {
        let text = |k: &str| obj.get(k).and_then(super::text_of);
        let persons = obj.get("persons").and_then(Value::as_array).map(|list| {
            list.iter()
                .filter_map(|p| match p {
                    Value::Object(o) => o
                        .get("public_name")
                        .or_else(|| o.get("name"))
                        .or_else(|| o.get("full_public_name")),
                    other => Some(other),
                })
                .filter_map(super::text_of)
                .collect::<Vec<_>>()
                .join("|")
        });
        let links = obj.get("links").and_then(Value::as_array).map(|l| l.len());
        vec![
            text("id"),
            text("guid"),
            text("date"),
            text("start"),
            text("duration"),
            Some(text("room").unwrap_or_else(|| room.to_string())),
            Some(text("title").unwrap_or_default()),
            Some(text("subtitle").unwrap_or_default()),
            obj.get("track").and_then(super::track_name),
            text("type"),
            Some(persons.unwrap_or_default()),
            Some(text("abstract").unwrap_or_default()),
            text("state").or_else(|| text("status")),
            text("url"),
            Some(format!(
                "{} {:?}",
                links.unwrap_or(0),
                text("video_download_url")
            )),
        ]
    }

    /// The same fields of a raw event.
    fn read_event(e: &RawEvent) -> Vec<Option<String>> {
        let video = e
            .links
            .iter()
            .find(|l| l.title == "Video recording" && l.kind.as_deref() == Some("MEDIA"));
        let listed = e.links.len() - usize::from(video.is_some());
        vec![
            e.id.clone(),
            e.guid.clone(),
            e.date.clone(),
            e.start.clone(),
            e.duration.clone(),
            Some(e.room.clone()),
            Some(e.title.clone()),
            Some(e.subtitle.clone()),
            e.track.clone(),
            e.kind.clone(),
            Some(e.persons.join("|")),
            Some(e.abstract_text.clone()),
            e.status.clone(),
            e.url.clone(),
            Some(format!("{listed} {:?}", video.map(|v| v.url.clone()))),
        ]
    }

    #[test]
    fn events_read_while_parsing_are_what_the_whole_tree_holds() {
        // Odd entries: not objects, fields as numbers, lists and objects, a key given twice
        // (the last counts), deep fields nobody reads, persons and links in every form.
        let text = r#"{"schedule": {"conference": {"title": "T", "days": [
          {"date": "2025-09-30", "rooms": {
            "A": [7, "x", null, [1, [2]], true,
              {"id": 1, "guid": "g", "date": "2025-09-30T10:00:00+02:00", "start": "10:00",
               "duration": "00:30", "title": ["a"], "type": "Talk", "deep": {"x": [1, {"y": 2}]},
               "persons": [{"public_name": "P", "x": {"deep": [1]}}, "Q", {"name": "R"}, {"id": 3},
                 {"public_name": null, "name": "S"}, {"full_public_name": "F"}, 12, [1], null],
               "links": [{"url": "https://a.example/", "title": "a"}, "https://b.example/", 5],
               "video_download_url": "https://v.example/v.mp4", "state": null, "status": "confirmed"},
              {"id": "2", "title": "first", "title": "second", "room": {"name": "B"},
               "track": {"name": "Tr"}, "abstract": 3.5, "url": true, "persons": "P"},
              {"id": 3, "title": "x", "title": ["list"], "start": "11:00", "duration": "00:10",
               "guid": "first", "guid": null, "url": "https://c.example/", "url": 4e3}
            ],
            "B": null}}
        ]}}}"#;
        let plain = super::read_plain(text).expect("a plain schedule.json");
        let (raw, days) = super::raw_conference(plain.schedule.conference);
        let (mut events, mut skipped) = (Vec::new(), super::Skipped::default());
        super::each_event(days, &raw.days, &mut skipped, |event| events.push(event));
        let tree: Value = serde_json::from_str(text).unwrap();
        let expected: Vec<Vec<Option<String>>> = tree["schedule"]["conference"]["days"][0]["rooms"]
            ["A"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_object)
            .map(|o| reference_event(o, "A"))
            .collect();
        let read: Vec<_> = events.iter().map(read_event).collect();
        assert_eq!(read, expected);
        assert_eq!(events.len(), 3);
        let reasons = format!("{skipped:?}");
        // Five entries that are not events; `title` a list twice (the second event's last
        // title is text), `room` an object once.
        assert!(
            reasons.contains("\"entries that are not events\": 5"),
            "{reasons}"
        );
        assert!(
            reasons.contains("\"`title` fields that are a list or object, not text\": 2"),
            "{reasons}"
        );
        assert!(
            reasons.contains("\"`room` fields that are a list or object, not text\": 1"),
            "{reasons}"
        );
        assert!(
            reasons.contains("\"`persons` given as a plain string, not a list\": 1"),
            "{reasons}"
        );
        // `{"id": 3}`, a null `public_name` (a `name` beside it does not count), `[1]`, null.
        assert!(
            reasons.contains("\"persons without a name\": 4"),
            "{reasons}"
        );
        assert_eq!(events[0].persons, ["P", "Q", "R", "F", "12"]);
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
