//! The element-tree reader the one-pass reader replaced, kept for tests only: it reads the
//! whole document into a tree of elements, then walks it. Being written the obvious way, it is
//! the reference the one-pass reader is compared with (same raw events, same skipped counts,
//! same errors) on every shared export and on generated documents.

use super::{KNOWN, Raw};
use crate::error::bad_input;
use crate::import::build::{self, RawConference, RawEvent, Skipped, line_col};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

/// One element: its name, attributes, text and children, and the line it starts on.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
    line: usize,
}

impl Element {
    fn attr(&self, name: &str) -> Option<String> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    fn child_text(&self, name: &str) -> Option<String> {
        self.child(name).map(|c| c.text.clone())
    }
}

/// Reads a frab/Pentabarf/pretalx XML schedule; malformed XML is an error with line and column.
pub(super) fn read_raw(text: &str, source: &str) -> anyhow::Result<Raw> {
    let root = parse_tree(text, source)?;
    if root.name != "schedule" {
        let (line, col) = (root.line, 1);
        return Err(bad_input(format!(
            "{source}:{line}:{col}: the root element is <{}>, not <schedule>: this is not a frab/pretalx schedule.xml",
            root.name
        )));
    }
    let mut skipped = Skipped::default();
    let mut raw = RawConference::default();
    let mut events = Vec::new();
    for child in &root.children {
        match child.name.as_str() {
            "conference" => {
                raw.title = child.child_text("title").unwrap_or_default();
                raw.acronym = child.child_text("acronym").unwrap_or_default();
                raw.time_zone = child.child_text("time_zone_name");
                raw.venue = child.child_text("venue").unwrap_or_default();
                raw.city = child.child_text("city").unwrap_or_default();
                raw.url = child.child_text("base_url");
                count_unknown(child, &mut skipped);
            }
            "day" => {
                let position = raw.days.len();
                raw.days.push(build::RawDay {
                    date: child.attr("date"),
                    start: child.attr("start"),
                    end: child.attr("end"),
                });
                read_day(child, position, &mut raw.rooms, &mut events, &mut skipped)
            }
            "event" => skipped.add("events outside a <day> and <room>"),
            name if KNOWN.contains(&name) => {}
            name => skipped.add(format!("unknown <{name}> elements")),
        }
    }
    Ok(Raw {
        conference: raw,
        events,
        skipped,
    })
}

/// The names of an event's `<persons>`, counting what is skipped.
fn read_persons(event: &Element, skipped: &mut Skipped) -> Vec<String> {
    let mut persons = Vec::new();
    if let Some(list) = event.child("persons") {
        if list.children.is_empty() && !list.text.trim().is_empty() {
            skipped.add("<persons> given as plain text, not <person> elements");
        }
        for c in &list.children {
            if c.name != "person" {
                skipped.add(format!("<{}> elements inside <persons>", c.name));
            } else if c.text.trim().is_empty() {
                skipped.add("persons without a name");
            } else {
                persons.push(c.text.clone());
            }
        }
    }
    persons
}

fn read_day(
    day: &Element,
    position: usize,
    rooms: &mut Vec<String>,
    events: &mut Vec<RawEvent>,
    skipped: &mut Skipped,
) {
    for room in &day.children {
        if room.name != "room" {
            if room.name == "event" {
                // Old Pentabarf exports (FOSDEM before 2013) list events straight under the
                // day, each naming its room.
                let event = read_event(room, day, position, "", skipped);
                if event.room.trim().is_empty() {
                    skipped.add(super::ROOMLESS);
                } else {
                    events.push(event);
                }
            } else if !KNOWN.contains(&room.name.as_str()) {
                skipped.add(format!("unknown <{}> elements", room.name));
            }
            continue;
        }
        let room_name = room.attr("name").unwrap_or_default();
        rooms.push(room_name.clone());
        for event in &room.children {
            if event.name != "event" {
                if !KNOWN.contains(&event.name.as_str()) {
                    skipped.add(format!("unknown <{}> elements", event.name));
                }
                continue;
            }
            events.push(read_event(event, day, position, &room_name, skipped));
        }
    }
}

/// One `<event>` of `day` (the conference's day `position`), in the room `room_name` unless
/// it names its own; what it holds that is not used is counted in `skipped`.
fn read_event(
    event: &Element,
    day: &Element,
    position: usize,
    room_name: &str,
    skipped: &mut Skipped,
) -> RawEvent {
    count_unknown(event, skipped);
    let persons = read_persons(event, skipped);
    RawEvent {
        id: event.attr("id"),
        guid: event.attr("guid"),
        date: event.child_text("date"),
        day: Some(position),
        day_date: day.attr("date"),
        day_start: day.attr("start"),
        start: event.child_text("start"),
        duration: event.child_text("duration"),
        room: event
            .child_text("room")
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| room_name.to_string()),
        title: event.child_text("title").unwrap_or_default(),
        subtitle: event.child_text("subtitle").unwrap_or_default(),
        track: event.child_text("track").filter(|t| !t.trim().is_empty()),
        kind: event.child_text("type"),
        persons,
        abstract_text: event.child_text("abstract").unwrap_or_default(),
        description: event.child_text("description").unwrap_or_default(),
        line: Some(event.line),
        status: event
            .child_text("state")
            .or_else(|| event.child_text("status")),
        url: event.child_text("url"),
        links: build::with_video_download(
            event
                .child("links")
                .map(|list| {
                    list.children
                        .iter()
                        .filter(|c| c.name == "link")
                        .filter_map(|c| {
                            Some(build::RawLink {
                                url: c.attr("href")?,
                                title: c.text.clone(),
                                kind: None,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default(),
            event.child_text("video_download_url"),
        ),
    }
}

/// Counts the direct children of `element` that no known export uses.
fn count_unknown(element: &Element, skipped: &mut Skipped) {
    for c in &element.children {
        if !KNOWN.contains(&c.name.as_str()) {
            skipped.add(format!("unknown <{}> elements", c.name));
        }
    }
}

/// Parses the whole document into a tree of elements, or fails with line and column.
fn parse_tree(text: &str, source: &str) -> anyhow::Result<Element> {
    let fail = |offset: u64, what: String| {
        let (line, col) = line_col(text, usize::try_from(offset).unwrap_or(usize::MAX));
        bad_input(format!(
            "{source}:{line}:{col}: the file is not well-formed XML: {what}; fix it there or export the schedule again"
        ))
    };
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    // Lines are counted incrementally: positions only grow while reading.
    let (mut counted_to, mut line) = (0usize, 1usize);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| fail(reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let empty = matches!(event, Event::Empty(_));
                let name = start.local_name().as_ref().to_string();
                let attributes = attributes(start, position, &fail)?;
                let offset = usize::try_from(position).unwrap_or(0).min(text.len());
                line += text.as_bytes()[counted_to..offset]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                counted_to = offset;
                let element = Element {
                    name,
                    attributes,
                    line,
                    ..Element::default()
                };
                if empty {
                    attach(&mut stack, &mut root, element);
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) => {
                if let Some(element) = stack.pop() {
                    attach(&mut stack, &mut root, element);
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = resolve_reference(&r, position, &fail)?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(fail(
            text.len() as u64,
            format!(
                "<{}> opened on line {} is never closed",
                open.name, open.line
            ),
        ));
    }
    root.ok_or_else(|| fail(0, "there is no element at all".into()))
}

/// The attributes of a start tag at byte `position`, by local name, values normalised.
fn attributes(
    start: &BytesStart,
    position: u64,
    fail: &dyn Fn(u64, String) -> anyhow::Error,
) -> anyhow::Result<Vec<(String, String)>> {
    let mut attributes = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| fail(position, e.to_string()))?;
        let key = attr.key.local_name().as_ref().to_string();
        let value = attr
            .normalized_value_with(XmlVersion::Implicit1_0, 1, resolve_xml_entity)
            .map_err(|e| fail(position, e.to_string()))?;
        attributes.push((key, value.into_owned()));
    }
    Ok(attributes)
}

/// The text of a character or predefined entity reference at byte `position`.
fn resolve_reference(
    r: &BytesRef,
    position: u64,
    fail: &dyn Fn(u64, String) -> anyhow::Error,
) -> anyhow::Result<String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => {
            let name = r.xml10_content();
            resolve_xml_entity(&name)
                .map(str::to_string)
                .ok_or_else(|| fail(position, format!("unknown entity &{name};")))
        }
        Err(e) => Err(fail(position, e.to_string())),
    }
}

fn attach(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => {
            if root.is_none() {
                *root = Some(element);
            }
        }
    }
}
