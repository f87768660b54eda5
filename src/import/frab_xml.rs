//! Reader for frab/Pentabarf/pretalx `schedule.xml` (FOSDEM's Pentabarf export included):
//! `<schedule><conference/><day><room><event/></room></day></schedule>`.
//!
//! The file is read in one pass with quick-xml, straight into raw events (no element tree):
//! only the texts the planner uses are collected. Elements of the frab schema (and FOSDEM's
//! additions) that the planner does not use are ignored quietly; any other element is counted
//! in the one "skipped" warning, as are events without a start.

use super::build::{self, RawConference, RawEvent, Skipped, line_col};
use crate::error::UserError;
use crate::schedule::{Problem, Schedule};
use quick_xml::XmlVersion;
use quick_xml::events::Event;

/// Elements known from the frab schema and real exports, read or deliberately ignored.
const KNOWN: &[&str] = &[
    "schedule",
    "generator",
    "version",
    "conference",
    "acronym",
    "title",
    "subtitle",
    "venue",
    "city",
    "start",
    "end",
    "days",
    "day_change",
    "timeslot_duration",
    "base_url",
    "time_zone_name",
    "tracks",
    "track",
    "rooms",
    "room",
    "day",
    "event",
    "date",
    "duration",
    "slug",
    "url",
    "recording",
    "license",
    "optout",
    "type",
    "language",
    "abstract",
    "description",
    "logo",
    "persons",
    "person",
    "links",
    "link",
    "attachments",
    "attachment",
    "feedback_url",
    "origin_url",
    "video_download_url",
    "answers",
    "color",
    "uuid",
];

/// A field whose text is collected: the conference's and an event's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Acronym,
    TimeZone,
    Venue,
    BaseUrl,
    Date,
    Start,
    Duration,
    Room,
    Track,
    Type,
    Abstract,
    Description,
    Person,
}

impl Field {
    /// The conference's fields, by element name.
    fn of_conference(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::Title,
            "acronym" => Field::Acronym,
            "time_zone_name" => Field::TimeZone,
            "venue" => Field::Venue,
            "base_url" => Field::BaseUrl,
            _ => return None,
        })
    }

    /// An event's fields, by element name.
    fn of_event(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::Title,
            "date" => Field::Date,
            "start" => Field::Start,
            "duration" => Field::Duration,
            "room" => Field::Room,
            "track" => Field::Track,
            "type" => Field::Type,
            "abstract" => Field::Abstract,
            "description" => Field::Description,
            _ => return None,
        })
    }
}

/// The texts of one element's fields: the first element of each name counts, as written.
#[derive(Debug, Default)]
struct Fields {
    values: Vec<(Field, String)>,
}

impl Fields {
    fn set(&mut self, field: Field, text: String) {
        if !self.has(field) {
            self.values.push((field, text));
        }
    }

    fn has(&self, field: Field) -> bool {
        self.values.iter().any(|(f, _)| *f == field)
    }

    fn take(&mut self, field: Field) -> Option<String> {
        let at = self.values.iter().position(|(f, _)| *f == field)?;
        Some(self.values.swap_remove(at).1)
    }
}

/// What an open element is to the reader.
#[derive(Debug)]
enum Frame {
    /// The `<schedule>` root.
    Schedule,
    /// `<conference>`, its fields so far.
    Conference(Fields),
    /// A `<day>` under the root: its position in the conference's days, its `date` and
    /// `start` attributes.
    Day {
        position: usize,
        date: Option<String>,
        start: Option<String>,
    },
    /// A `<room>` of a day, with its name.
    Room(String),
    /// An `<event>` of a room.
    Event(Box<EventDraft>),
    /// An event's `<persons>`: only the first one is read.
    Persons { read: bool },
    /// An element whose text is collected.
    Text(Field),
    /// Anything else: read for well-formedness, otherwise unused.
    Ignored,
}

/// An event being read.
#[derive(Debug, Default)]
struct EventDraft {
    id: Option<String>,
    guid: Option<String>,
    line: usize,
    fields: Fields,
    persons: Option<Vec<String>>,
}

/// An open element: what it is, its name (for messages) and its line.
#[derive(Debug)]
struct Open {
    frame: Frame,
    name: String,
    line: usize,
}

/// Reads a frab/Pentabarf/pretalx XML schedule; malformed XML is an error with line and column.
///
/// The file is read in one pass, straight into raw events: only the texts the planner uses are
/// collected, every other element is checked for well-formedness and skipped.
pub fn read(text: &str, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    let mut reader = Reader::new(text, source);
    reader.run()?;
    if let Some((name, line)) = reader.wrong_root {
        return Err(UserError::err(format!(
            "{source}:{line}:1: the root element is <{name}>, not <schedule>: this is not a frab/pretalx schedule.xml"
        )));
    }
    Ok(build::build(
        reader.raw,
        reader.events,
        reader.skipped,
        source,
    ))
}

/// The one-pass reader's state.
struct Reader<'a> {
    text: &'a str,
    source: &'a str,
    stack: Vec<Open>,
    /// Text of the innermost collected field.
    collected: String,
    /// Whether a first element was seen, and the root's name and line when it is not `schedule`.
    seen_root: bool,
    wrong_root: Option<(String, usize)>,
    raw: RawConference,
    events: Vec<RawEvent>,
    skipped: Skipped,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, source: &'a str) -> Self {
        Reader {
            text,
            source,
            stack: Vec::new(),
            collected: String::new(),
            seen_root: false,
            wrong_root: None,
            raw: RawConference::default(),
            events: Vec::new(),
            skipped: Skipped::default(),
        }
    }

    /// An error at byte `offset`, with line and column.
    fn fail(&self, offset: u64, what: String) -> anyhow::Error {
        let (line, col) = line_col(self.text, usize::try_from(offset).unwrap_or(usize::MAX));
        UserError::err(format!(
            "{}:{line}:{col}: the file is not well-formed XML: {what}; fix it there or export the schedule again",
            self.source
        ))
    }

    /// Whether text is being collected: the innermost open element is a field.
    fn collecting(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Open {
                frame: Frame::Text(_),
                ..
            })
        )
    }

    fn run(&mut self) -> anyhow::Result<()> {
        let mut reader = quick_xml::Reader::from_str(self.text);
        reader.config_mut().check_end_names = true;
        // Lines are counted incrementally: positions only grow while reading.
        let (mut counted_to, mut line) = (0usize, 1usize);
        loop {
            let position = reader.buffer_position();
            let event = reader
                .read_event()
                .map_err(|e| self.fail(reader.error_position(), e.to_string()))?;
            match event {
                Event::Start(ref start) | Event::Empty(ref start) => {
                    let offset = usize::try_from(position).unwrap_or(0).min(self.text.len());
                    // `matches` with a char searches with memchr; offsets are at a `<`.
                    line += self
                        .text
                        .get(counted_to..offset)
                        .map_or(0, |s| s.matches('\n').count());
                    counted_to = offset;
                    self.open(start, position, line)?;
                    if matches!(event, Event::Empty(_)) {
                        self.close();
                    }
                }
                Event::End(_) => self.close(),
                Event::Text(t) if self.collecting() => {
                    self.collected.push_str(&t.xml10_content());
                }
                Event::CData(c) if self.collecting() => {
                    self.collected.push_str(&c.into_inner());
                }
                Event::GeneralRef(r) => {
                    // Resolved everywhere, so that an unknown entity is an error wherever it is.
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        Ok(None) => None,
                        Err(e) => return Err(self.fail(position, e.to_string())),
                    };
                    let name = r.xml10_content();
                    let entity = match resolved {
                        Some(_) => None,
                        None => Some(
                            quick_xml::escape::resolve_predefined_entity(&name).ok_or_else(
                                || self.fail(position, format!("unknown entity &{name};")),
                            )?,
                        ),
                    };
                    if self.collecting() {
                        match (resolved, entity) {
                            (Some(c), _) => self.collected.push(c),
                            (None, Some(e)) => self.collected.push_str(e),
                            (None, None) => {}
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if let Some(open) = self.stack.last() {
            return Err(self.fail(
                self.text.len() as u64,
                format!(
                    "<{}> opened on line {} is never closed",
                    open.name, open.line
                ),
            ));
        }
        if !self.seen_root {
            return Err(self.fail(0, "there is no element at all".into()));
        }
        Ok(())
    }

    /// An element opens: decides what it is from its parent, and reads the attributes.
    fn open(
        &mut self,
        start: &quick_xml::events::BytesStart<'_>,
        position: u64,
        line: usize,
    ) -> anyhow::Result<()> {
        let local = start.local_name();
        let name = local.as_ref();
        // Every attribute is checked; the few the planner uses are kept.
        let mut wanted: [Option<String>; 3] = [None, None, None];
        let keys: &[&str] = match name {
            "day" => &["date", "start", "end"],
            "room" => &["name"],
            "event" => &["id", "guid"],
            _ => &[],
        };
        for attr in start.attributes() {
            let attr = attr.map_err(|e| self.fail(position, e.to_string()))?;
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| self.fail(position, e.to_string()))?;
            let key = attr.key.local_name();
            if let Some(k) = keys.iter().position(|k| *k == key.as_ref())
                && wanted[k].is_none()
            {
                wanted[k] = Some(value.into_owned());
            }
        }
        let [first, second, third] = wanted;
        let known = || KNOWN.contains(&name);
        let frame = match self.stack.last_mut().map(|o| &mut o.frame) {
            None if self.seen_root => Frame::Ignored,
            None => {
                self.seen_root = true;
                if name == "schedule" {
                    Frame::Schedule
                } else {
                    self.wrong_root = Some((name.to_string(), line));
                    Frame::Ignored
                }
            }
            Some(Frame::Schedule) => match name {
                "conference" => Frame::Conference(Fields::default()),
                "day" => {
                    let position = self.raw.days.len();
                    self.raw.days.push(build::RawDay {
                        date: first.clone(),
                        start: second.clone(),
                        end: third,
                    });
                    Frame::Day {
                        position,
                        date: first,
                        start: second,
                    }
                }
                _ => {
                    if !known() {
                        self.skip(name);
                    }
                    Frame::Ignored
                }
            },
            Some(Frame::Conference(fields)) => match Field::of_conference(name) {
                Some(f) if !fields.has(f) => Frame::Text(f),
                Some(_) => Frame::Ignored,
                None => {
                    if !known() {
                        self.skip(name);
                    }
                    Frame::Ignored
                }
            },
            Some(Frame::Day { .. }) => {
                if name == "room" {
                    let room = first.unwrap_or_default();
                    self.raw.rooms.push(room.clone());
                    Frame::Room(room)
                } else {
                    if !known() {
                        self.skip(name);
                    }
                    Frame::Ignored
                }
            }
            Some(Frame::Room(_)) => {
                if name == "event" {
                    Frame::Event(Box::new(EventDraft {
                        id: first,
                        guid: second,
                        line,
                        ..EventDraft::default()
                    }))
                } else {
                    if !known() {
                        self.skip(name);
                    }
                    Frame::Ignored
                }
            }
            Some(Frame::Event(draft)) => match Field::of_event(name) {
                Some(f) if !draft.fields.has(f) => Frame::Text(f),
                Some(_) => Frame::Ignored,
                None if name == "persons" => {
                    let read = draft.persons.is_none();
                    if read {
                        draft.persons = Some(Vec::new());
                    }
                    Frame::Persons { read }
                }
                None => {
                    if !known() {
                        self.skip(name);
                    }
                    Frame::Ignored
                }
            },
            Some(Frame::Persons { read: true }) if name == "person" => Frame::Text(Field::Person),
            Some(_) => Frame::Ignored,
        };
        if matches!(frame, Frame::Text(_)) {
            self.collected.clear();
        }
        self.stack.push(Open {
            frame,
            name: name.to_string(),
            line,
        });
        Ok(())
    }

    /// Counts an element no known export uses.
    fn skip(&mut self, name: &str) {
        self.skipped.add(format!("unknown <{name}> elements"));
    }

    /// The innermost open element closes: its text or event goes to its parent.
    fn close(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        match open.frame {
            Frame::Text(field) => {
                let text = std::mem::take(&mut self.collected);
                match self.stack.last_mut().map(|o| &mut o.frame) {
                    Some(Frame::Conference(fields)) => fields.set(field, text),
                    Some(Frame::Event(draft)) => draft.fields.set(field, text),
                    Some(Frame::Persons { .. }) => {
                        if let Some(Open {
                            frame: Frame::Event(draft),
                            ..
                        }) = self.stack.iter_mut().rev().nth(1)
                            && let Some(persons) = &mut draft.persons
                        {
                            persons.push(text);
                        }
                    }
                    _ => {}
                }
            }
            Frame::Conference(mut fields) => {
                self.raw.title = fields.take(Field::Title).unwrap_or_default();
                self.raw.acronym = fields.take(Field::Acronym).unwrap_or_default();
                self.raw.time_zone = fields.take(Field::TimeZone);
                self.raw.venue = fields.take(Field::Venue).unwrap_or_default();
                self.raw.url = fields.take(Field::BaseUrl);
            }
            Frame::Event(draft) => {
                let EventDraft {
                    id,
                    guid,
                    line,
                    mut fields,
                    persons,
                } = *draft;
                let (room_name, day, day_date, day_start) = match &self.stack[..] {
                    [
                        ..,
                        Open {
                            frame:
                                Frame::Day {
                                    position,
                                    date,
                                    start,
                                },
                            ..
                        },
                        Open {
                            frame: Frame::Room(room),
                            ..
                        },
                    ] => (room.clone(), Some(*position), date.clone(), start.clone()),
                    _ => (String::new(), None, None, None),
                };
                self.events.push(RawEvent {
                    id,
                    guid,
                    date: fields.take(Field::Date),
                    day,
                    day_date,
                    day_start,
                    start: fields.take(Field::Start),
                    duration: fields.take(Field::Duration),
                    room: fields
                        .take(Field::Room)
                        .filter(|r| !r.trim().is_empty())
                        .unwrap_or(room_name),
                    title: fields.take(Field::Title).unwrap_or_default(),
                    track: fields.take(Field::Track).filter(|t| !t.trim().is_empty()),
                    kind: fields.take(Field::Type),
                    persons: persons.unwrap_or_default(),
                    abstract_text: fields.take(Field::Abstract).unwrap_or_default(),
                    description: fields.take(Field::Description).unwrap_or_default(),
                    line: Some(line),
                });
            }
            _ => {}
        }
    }
}
