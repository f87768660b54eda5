//! The structure of an iCalendar file: its content lines, unfolded and parsed, and the
//! components they make (`BEGIN:…` … `END:…`), with every line that cannot be read as an error.

use super::super::build::Skipped;
use crate::schedule::{Problem, Severity};
use std::collections::BTreeMap;

/// Text properties a line without `NAME:` may continue (see [`structure`]).
const TEXT_PROPERTIES: &[&str] = &["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"];

/// Components inside a calendar that hold no sessions and are passed over quietly.
const QUIET_COMPONENTS: &[&str] = &["VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM"];

/// One unfolded content line: its text and the line of the file it starts on.
pub(super) struct Line {
    pub(super) number: usize,
    pub(super) text: String,
}

/// The content lines of `text`, unfolded: a line starting with a space or tab continues the one
/// before it (the space or tab itself removed). Line ends may be CRLF, LF or carry extra CRs.
fn unfold(text: &str) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.trim_end_matches('\r');
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.text.push_str(rest),
            _ => lines.push(Line {
                number: i + 1,
                text: raw.to_string(),
            }),
        }
    }
    lines
}

/// A property as read: upper-case name, parameters (upper-case keys) and value.
#[derive(Debug, Clone)]
pub(super) struct Prop {
    pub(super) name: String,
    pub(super) params: Vec<(String, String)>,
    pub(super) value: String,
}

impl Prop {
    pub(super) fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses one content line with the `icalendar` crate. `None` when it is not
/// `NAME *(;PARAM=VALUE) : VALUE` with a name of letters, digits and dashes.
fn parse_line(line: &Line) -> Option<Prop> {
    let text = line.text.as_str();
    let name_end = text.find([';', ':'])?;
    let name = &text[..name_end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    // BEGIN and END delimit components: the crate's property parser refuses them.
    if name.eq_ignore_ascii_case("BEGIN") || name.eq_ignore_ascii_case("END") {
        let value = text[name_end..].strip_prefix(':')?;
        return Some(Prop {
            name: name.to_ascii_uppercase(),
            params: Vec::new(),
            value: value.to_string(),
        });
    }
    // The crate unescapes text values only under upper-case names (names are case-insensitive).
    let upper = format!("{}{}", name.to_ascii_uppercase(), &text[name_end..]);
    let parsed = icalendar::parser::Property::try_from(upper.as_str()).ok()?;
    // A property without a `:` parses as one without a value; RFC 5545 requires the colon.
    if !text[name_end..].contains(':') {
        return None;
    }
    Some(Prop {
        name: parsed.name.as_str().to_string(),
        params: parsed
            .params
            .iter()
            .map(|p| {
                (
                    p.key.as_str().to_ascii_uppercase(),
                    p.val.as_ref().map_or("", |v| v.as_str()).to_string(),
                )
            })
            .collect(),
        value: parsed.val.as_str().to_string(),
    })
}

/// What the calendar holds, before it is turned into sessions.
#[derive(Default)]
pub(super) struct Calendar {
    /// `VCALENDAR` properties.
    pub(super) header: Vec<Prop>,
    /// `VEVENT`s: the line of their `BEGIN` and their properties.
    pub(super) events: Vec<(usize, Vec<Prop>)>,
    /// Each `VTIMEZONE`'s `TZID` and `X-LIC-LOCATION` (the IANA name some writers add).
    pub(super) zones: BTreeMap<String, String>,
    /// Lines that cannot be read, as errors.
    pub(super) errors: Vec<Problem>,
    pub(super) skipped: Skipped,
    /// Lines without `NAME:` taken as the continuation of an event's text (a fold without its
    /// leading space): their line numbers.
    pub(super) unfolded: Vec<usize>,
}

fn error(
    source: &str,
    line: usize,
    message: String,
    fix: impl Into<std::borrow::Cow<'static, str>>,
) -> Problem {
    Problem {
        severity: Severity::Error,
        code: "ical-syntax",
        source: source.to_string(),
        line: Some(line),
        entry: None,
        message,
        fix: fix.into(),
    }
}

/// Reads the calendar's structure: components, their properties, and every malformed line.
pub(super) fn structure(text: &str, source: &str) -> Calendar {
    let mut calendar = Calendar::default();
    // Open components: name and the line of their BEGIN.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut event: Vec<Prop> = Vec::new();
    let mut zone_id: Option<String> = None;
    for line in unfold(text) {
        if line.text.trim().is_empty() {
            continue;
        }
        let Some(prop) = parse_line(&line) else {
            // A writer that forgot the space of a fold: a line without any `:` right after an
            // event's text continues that text.
            let in_event = open.last().is_some_and(|(n, _)| n == "VEVENT");
            if let Some(text) = event.last_mut().filter(|p| {
                in_event && !line.text.contains(':') && TEXT_PROPERTIES.contains(&p.name.as_str())
            }) {
                text.value.push('\n');
                text.value.push_str(line.text.trim());
                calendar.unfolded.push(line.number);
                continue;
            }
            calendar.errors.push(error(
                source,
                line.number,
                format!(
                    "`{}` is not an iCalendar content line (NAME:VALUE, or NAME;PARAMETER=VALUE:VALUE)",
                    clip(&line.text)
                ),
                "fix or remove the line; a line that continues the one before starts with a space",
            ));
            continue;
        };
        match prop.name.as_str() {
            "BEGIN" => {
                let name = prop.value.trim().to_ascii_uppercase();
                match name.as_str() {
                    "VEVENT" => event.clear(),
                    "VCALENDAR" | "VTIMEZONE" => {}
                    other if QUIET_COMPONENTS.contains(&other) => {}
                    other => calendar
                        .skipped
                        .add(format!("{other} components (not events)")),
                }
                open.push((name, line.number));
            }
            "END" => {
                let name = prop.value.trim().to_ascii_uppercase();
                let closed = close(&mut open, &name, line.number, source, &mut calendar.errors);
                if let Some(at) = closed.filter(|_| name == "VEVENT") {
                    calendar.events.push((at, std::mem::take(&mut event)));
                }
            }
            _ => match open.last().map(|(n, _)| n.as_str()) {
                Some("VEVENT") => event.push(prop),
                Some("VCALENDAR") => calendar.header.push(prop),
                Some("VTIMEZONE") => match prop.name.as_str() {
                    "TZID" => zone_id = Some(prop.value.trim().to_string()),
                    "X-LIC-LOCATION" => {
                        if let Some(id) = zone_id.clone() {
                            calendar.zones.insert(id, prop.value.trim().to_string());
                        }
                    }
                    _ => {}
                },
                _ => {}
            },
        }
    }
    for (name, at) in open {
        calendar.errors.push(error(
            source,
            at,
            format!("BEGIN:{name} is never ended"),
            format!("add END:{name} where it ends; is the file cut short?"),
        ));
    }
    calendar
}

/// Ends the open component `name` at `line`: the line of its BEGIN, or `None` (an error) when
/// none is open. Components begun inside it and not ended are ended with it, each an error.
fn close(
    open: &mut Vec<(String, usize)>,
    name: &str,
    line: usize,
    source: &str,
    errors: &mut Vec<Problem>,
) -> Option<usize> {
    let Some(depth) = open.iter().rposition(|(begun, _)| begun == name) else {
        errors.push(error(
            source,
            line,
            format!("END:{name} ends a component that was never begun"),
            "remove the line, or add the BEGIN it belongs to",
        ));
        return None;
    };
    for (inner, at) in open.drain(depth + 1..).rev() {
        errors.push(error(
            source,
            at,
            format!("BEGIN:{inner} is not ended before END:{name} on line {line}"),
            format!("add END:{inner} where it ends"),
        ));
    }
    open.pop().map(|(_, at)| at)
}

/// At most 60 characters of a line, for messages.
fn clip(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
