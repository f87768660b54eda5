//! Reader for conference schedules published as iCalendar (RFC 5545): one `VEVENT` per session.
//!
//! | iCalendar | session |
//! |---|---|
//! | `UID` | id (the part before `@` when that keeps every id apart) |
//! | `SUMMARY` | title (pretalx's ` - Speaker, Speaker` suffix becomes the speakers) |
//! | `DTSTART`, `DTEND` or `DURATION` | start and length: in a `TZID` zone, UTC (`…Z`) or floating (the conference's local time) |
//! | `LOCATION` | room |
//! | `CATEGORIES` | track (the first category) |
//! | `DESCRIPTION` | abstract (HTML stripped; a first line `Speaker: …` gives the speakers) |
//! | `STATUS:CANCELLED` | cancelled (listed, never planned) |
//!
//! The conference's zone is `X-WR-TIMEZONE`, else the zone most `DTSTART`s name; its name is
//! `X-WR-CALNAME`, else `X-WR-CALDESC`. Days change at 04:00 local time, as for any export that
//! does not list its days, so a night session stays with the evening before.
//!
//! Lines are unfolded first (a character cut by a fold was already put back together on the
//! bytes: see [`crate::input`]); each content line is then parsed by the `icalendar` crate. A
//! line that is not `NAME;PARAMS:VALUE`, or a `BEGIN`/`END` that does not pair up, is an error
//! at its line (all of them are listed). What a session cannot hold is skipped and counted in
//! the one `skipped` warning: other components (`VTODO`, …), all-day events, repetitions
//! (`RRULE`), further categories, unknown properties. Properties a calendar
//! writer adds for calendars (`DTSTAMP`, `SEQUENCE`, `URL`, `X-…`) are ignored quietly.

use super::build::{self, RawConference, RawEvent, Skipped};
use crate::schedule::{Problem, Schedule, Severity};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// Properties of a `VEVENT` that a session has no place for and that are ignored quietly:
/// calendar bookkeeping, links, people and places a planner does not use.
const QUIET: &[&str] = &[
    "DTSTAMP",
    "SEQUENCE",
    "CREATED",
    "LAST-MODIFIED",
    "CLASS",
    "TRANSP",
    "PRIORITY",
    "URL",
    "GEO",
    "ORGANIZER",
    "ATTENDEE",
    "CONTACT",
    "COMMENT",
    "ATTACH",
    "RELATED-TO",
    "RESOURCES",
    "EXDATE",
    "RECURRENCE-ID",
    "REQUEST-STATUS",
    "IMAGE",
    "COLOR",
    "CONFERENCE",
];

/// Components inside a calendar that hold no sessions and are passed over quietly.
const QUIET_COMPONENTS: &[&str] = &["VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM"];

/// One unfolded content line: its text and the line of the file it starts on.
struct Line {
    number: usize,
    text: String,
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
struct Prop {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Prop {
    fn param(&self, key: &str) -> Option<&str> {
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
struct Calendar {
    /// `VCALENDAR` properties.
    header: Vec<Prop>,
    /// `VEVENT`s: the line of their `BEGIN` and their properties.
    events: Vec<(usize, Vec<Prop>)>,
    /// Each `VTIMEZONE`'s `TZID` and `X-LIC-LOCATION` (the IANA name some writers add).
    zones: BTreeMap<String, String>,
    /// Lines that cannot be read, as errors.
    errors: Vec<Problem>,
    skipped: Skipped,
}

fn error(source: &str, line: usize, message: String, fix: &str) -> Problem {
    Problem {
        severity: Severity::Error,
        code: "ical-syntax",
        source: source.to_string(),
        line: Some(line),
        entry: None,
        message,
        fix: fix.to_string(),
    }
}

/// Reads the calendar's structure: components, their properties, and every malformed line.
fn structure(text: &str, source: &str) -> Calendar {
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
                let Some(depth) = open.iter().rposition(|(begun, _)| *begun == name) else {
                    calendar.errors.push(error(
                        source,
                        line.number,
                        format!("END:{name} ends a component that was never begun"),
                        "remove the line, or add the BEGIN it belongs to",
                    ));
                    continue;
                };
                // Components begun inside this one and not ended are ended here, each an error.
                for (inner, at) in open.drain(depth + 1..).rev() {
                    calendar.errors.push(error(
                        source,
                        at,
                        format!(
                            "BEGIN:{inner} is not ended before END:{name} on line {}",
                            line.number
                        ),
                        &format!("add END:{inner} where it ends"),
                    ));
                }
                let (_, at) = open.pop().expect("found above");
                if name == "VEVENT" {
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
            &format!("add END:{name} where it ends; is the file cut short?"),
        ));
    }
    calendar
}

/// At most 60 characters of a line, for messages.
fn clip(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Reads an iCalendar schedule; malformed lines are errors at their line, the rest as for any
/// export (see [`build`]).
pub fn read(text: &str, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    let text = text.trim_start_matches('\u{feff}');
    let mut calendar = structure(text, source);
    let header = |name: &str| {
        calendar
            .header
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let zones = Zones::new(&calendar);
    let time_zone = header("X-WR-TIMEZONE")
        .filter(|z| z.parse::<Tz>().is_ok())
        .or_else(|| zones.most_named(&calendar.events));
    let context = Context {
        source,
        pretalx: header("PRODID").is_some_and(|p| p.to_lowercase().contains("pretalx")),
        home: time_zone.as_deref().and_then(|z| z.parse().ok()),
        zones,
    };
    let ids = short_ids(&calendar.events);
    let mut notes = Vec::new();
    let mut events = Vec::with_capacity(calendar.events.len());
    for ((line, props), id) in calendar.events.iter().zip(ids) {
        let event = context.event_of(*line, props, id, &mut calendar.skipped, &mut notes);
        events.extend(event);
    }
    let conference = RawConference {
        title: header("X-WR-CALNAME")
            .or_else(|| header("X-WR-CALDESC"))
            .unwrap_or_default(),
        acronym: std::path::Path::new(source)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default(),
        time_zone,
        ..RawConference::default()
    };
    let (schedule, mut problems) = build::build(conference, events, calendar.skipped, source);
    problems.extend(notes);
    problems.extend(calendar.errors);
    problems.sort_by_key(|p| (p.line.unwrap_or(0), p.code));
    Ok((schedule, problems))
}

/// Ids from `UID`s: the part before the last `@` (`201@lca2020.linux.org.au` is `201`) when
/// that gives every distinct `UID` its own id, else the whole `UID`. Events without one get
/// none (and [`build`] numbers them). A `UID` used twice keeps both events, the second renamed
/// with a `duplicate-id` warning.
fn short_ids(events: &[(usize, Vec<Prop>)]) -> Vec<Option<String>> {
    let uids: Vec<Option<String>> = events
        .iter()
        .map(|(_, props)| {
            props
                .iter()
                .find(|p| p.name == "UID")
                .map(|p| p.value.trim().to_string())
                .filter(|v| !v.is_empty())
        })
        .collect();
    let short = |uid: &str| -> String {
        match uid.rsplit_once('@') {
            Some((local, _)) if !local.is_empty() => local.to_string(),
            _ => uid.to_string(),
        }
    };
    let mut by_short: BTreeMap<String, &str> = BTreeMap::new();
    let clash = uids.iter().flatten().any(|uid| {
        let first = by_short.entry(short(uid)).or_insert(uid);
        *first != uid.as_str()
    });
    uids.into_iter()
        .map(|uid| uid.map(|u| if clash { u } else { short(&u) }))
        .collect()
}

/// The time zones `TZID` parameters name.
struct Zones {
    /// `TZID` (as written) → the IANA zone it stands for.
    known: BTreeMap<String, Tz>,
}

impl Zones {
    fn new(calendar: &Calendar) -> Self {
        let mut known = BTreeMap::new();
        let names = calendar
            .events
            .iter()
            .flat_map(|(_, props)| props)
            .filter_map(|p| p.param("TZID"))
            .chain(calendar.zones.keys().map(String::as_str));
        for name in names {
            if known.contains_key(name) {
                continue;
            }
            let zone = zone_named(name).or_else(|| {
                calendar
                    .zones
                    .get(name)
                    .and_then(|location| zone_named(location))
            });
            if let Some(zone) = zone {
                known.insert(name.to_string(), zone);
            }
        }
        Zones { known }
    }

    /// The zone most `DTSTART`s are given in (the first in file order on a tie).
    fn most_named(&self, events: &[(usize, Vec<Prop>)]) -> Option<String> {
        let mut counts: Vec<(Tz, usize)> = Vec::new();
        for (_, props) in events {
            let zone = props
                .iter()
                .find(|p| p.name == "DTSTART")
                .and_then(|p| p.param("TZID"))
                .and_then(|name| self.known.get(name));
            if let Some(&zone) = zone {
                match counts.iter_mut().find(|(z, _)| *z == zone) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((zone, 1)),
                }
            }
        }
        let most = counts.iter().map(|(_, n)| *n).max()?;
        counts
            .into_iter()
            .find(|(_, n)| *n == most)
            .map(|(z, _)| z.name().to_string())
    }
}

/// The IANA zone a `TZID` names: as written (without quotes), or its last two `/` parts
/// (`/mozilla.org/20050126_1/Europe/Berlin`), or its last part (`/citadel.org/…/UTC`).
fn zone_named(name: &str) -> Option<Tz> {
    let name = name.trim().trim_matches('"');
    if let Ok(zone) = name.parse() {
        return Some(zone);
    }
    let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
    [
        parts.len().saturating_sub(3),
        parts.len().saturating_sub(2),
        parts.len().saturating_sub(1),
    ]
    .into_iter()
    .filter_map(|from| parts.get(from..).map(|p| p.join("/")))
    .find_map(|candidate| candidate.parse().ok())
}

/// A `DTSTART` or `DTEND` as read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    /// An instant (UTC, or in a known zone).
    Instant(DateTime<Utc>),
    /// A local time of no zone: the conference's (floating, or a zone not known).
    Floating(NaiveDateTime),
    /// A date without a time (an all-day event).
    Date(NaiveDate),
}

/// Reads a date-time property; `None` when its value cannot be read.
fn when(prop: &Prop, zones: &Zones, unknown_zone: &mut Option<String>) -> Option<When> {
    let value = prop.value.trim();
    let is_date = prop
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()));
    if is_date {
        return NaiveDate::parse_from_str(value, "%Y%m%d")
            .ok()
            .map(When::Date);
    }
    let (local, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(v) => (v, true),
        None => (value, false),
    };
    let naive = NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S")
        .or_else(|_| NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M"))
        .ok()?;
    if utc {
        return Some(When::Instant(Utc.from_utc_datetime(&naive)));
    }
    let Some(name) = prop.param("TZID") else {
        return Some(When::Floating(naive));
    };
    match zones.known.get(name) {
        // A time the clocks skip is taken as if they had not yet changed (RFC 5545, 3.3.5).
        Some(zone) => zone
            .from_local_datetime(&naive)
            .earliest()
            .or_else(|| {
                zone.from_local_datetime(&(naive + Duration::hours(1)))
                    .earliest()
            })
            .map(|t| When::Instant(t.with_timezone(&Utc))),
        None => {
            unknown_zone.get_or_insert_with(|| name.to_string());
            Some(When::Floating(naive))
        }
    }
}

/// Minutes of an RFC 5545 duration (`PT45M`, `PT1H30M`, `P1D`, `P1W`, `P1DT2H`); seconds are
/// rounded up. `None` when it is negative or unreadable.
fn duration_minutes(text: &str) -> Option<i64> {
    let text = text.trim().strip_prefix('+').unwrap_or(text.trim());
    let rest = text.strip_prefix(['P', 'p'])?;
    let mut seconds: i64 = 0;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            'T' if number.is_empty() => in_time = true,
            d if d.is_ascii_digit() => number.push(d),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                any = true;
                seconds += n * match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
            }
        }
    }
    (any && number.is_empty()).then_some((seconds + 59) / 60)
}

/// Text values split at unescaped commas (`CATEGORIES`), each unescaped.
fn text_list(value: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => items.last_mut().unwrap().push('\n'),
                Some(other) => items.last_mut().unwrap().push(other),
                None => {}
            },
            ',' => items.push(String::new()),
            other => items.last_mut().unwrap().push(other),
        }
    }
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

/// A text value, decoded when its `ENCODING` is `QUOTED-PRINTABLE` (vCalendar 1.0 writers);
/// `None` (counted as skipped) for an encoding that is not text (`BASE64`).
fn text_value(prop: &Prop, skipped: &mut Skipped) -> Option<String> {
    match prop
        .param("ENCODING")
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None | Some("8BIT") => Some(prop.value.clone()),
        Some("QUOTED-PRINTABLE") => Some(quoted_printable(&prop.value)),
        Some(other) => {
            skipped.add(format!("{} values in {other} encoding", prop.name));
            None
        }
    }
}

/// Decodes quoted-printable text (`=C3=A9` is é; a `=` at a line's end joins lines).
fn quoted_printable(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'=', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What every event of a calendar is read with.
struct Context<'a> {
    source: &'a str,
    /// pretalx appends ` - Speaker, Speaker` to every `SUMMARY`.
    pretalx: bool,
    zones: Zones,
    /// The conference's zone, when known.
    home: Option<Tz>,
}

impl Context<'_> {
    /// The event of a `VEVENT`, or `None` (counted as skipped) when it is not a session.
    fn event_of(
        &self,
        line: usize,
        props: &[Prop],
        id: Option<String>,
        skipped: &mut Skipped,
        notes: &mut Vec<Problem>,
    ) -> Option<RawEvent> {
        let prop = |name: &str| props.iter().find(|p| p.name == name);
        let mut unknown_zone = None;
        let Some(start) = prop("DTSTART").and_then(|p| when(p, &self.zones, &mut unknown_zone))
        else {
            skipped.add("events without a readable DTSTART");
            return None;
        };
        let (date, start_text) = match start {
            When::Instant(t) => (Some(t.to_rfc3339()), None),
            When::Floating(t) => (
                Some(t.date().format("%Y-%m-%d").to_string()),
                Some(t.format("%H:%M").to_string()),
            ),
            When::Date(_) => {
                skipped.add("all-day events (a date without a time)");
                return None;
            }
        };
        let end = prop("DTEND").map(|p| when(p, &self.zones, &mut unknown_zone));
        let Some(minutes) = self.minutes(start, end, prop("DURATION")) else {
            skipped.add("events without a readable end (DTEND or DURATION)");
            return None;
        };
        if let Some(zone) = unknown_zone {
            notes.push(Problem {
                severity: Severity::Warning,
                code: "time-zone",
                source: self.source.to_string(),
                line: Some(line),
                entry: id.clone(),
                message: format!(
                    "the time zone `{zone}` is not one agenda knows; its times are taken as the conference's local time"
                ),
                fix: "convert the schedule (`agenda convert`) and correct the time by hand if this is wrong"
                    .to_string(),
            });
        }
        count_unused(props, skipped);
        let text = |name: &str, skipped: &mut Skipped| {
            props
                .iter()
                .filter(|p| p.name == name)
                .find_map(|p| text_value(p, skipped))
                .unwrap_or_default()
        };
        let mut title = text("SUMMARY", skipped).trim().to_string();
        let mut description = text("DESCRIPTION", skipped);
        let mut persons = Vec::new();
        if self.pretalx
            && let Some((head, names)) = title.rsplit_once(" - ")
        {
            persons = split_names(names);
            title = head.trim().to_string();
        }
        if let Some((names, rest)) = speaker_line(&description) {
            if persons.is_empty() {
                persons = names;
            }
            description = rest;
        }
        let categories: Vec<String> = props
            .iter()
            .filter(|p| p.name == "CATEGORIES")
            .filter_map(|p| text_value(p, skipped))
            .flat_map(|v| text_list(&v))
            .collect();
        for _ in categories.iter().skip(1) {
            skipped.add("categories after the first (the first is the track)");
        }
        let track = categories.into_iter().next();
        Some(RawEvent {
            id,
            date,
            start: start_text,
            duration: Some(minutes.to_string()),
            room: text("LOCATION", skipped),
            title,
            track,
            persons,
            abstract_text: description,
            line: Some(line),
            status: prop("STATUS").map(|p| p.value.trim().to_string()),
            ..RawEvent::default()
        })
    }

    /// The length in minutes from `DTEND` (already read) or `DURATION`; `None` when neither
    /// can be read or the end is before the start.
    fn minutes(
        &self,
        start: When,
        end: Option<Option<When>>,
        duration: Option<&Prop>,
    ) -> Option<i64> {
        let seconds = match (end, duration) {
            (Some(end), _) => match (start, end?) {
                (When::Instant(a), When::Instant(b)) => (b - a).num_seconds(),
                (When::Floating(a), When::Floating(b)) => (b - a).num_seconds(),
                // One end floating, the other in a zone: both on the conference's clock.
                (When::Instant(a), When::Floating(b)) => {
                    (b - a.with_timezone(&self.home?).naive_local()).num_seconds()
                }
                (When::Floating(a), When::Instant(b)) => {
                    (b.with_timezone(&self.home?).naive_local() - a).num_seconds()
                }
                _ => return None,
            },
            (None, Some(d)) => return duration_minutes(&d.value),
            // RFC 5545, 3.6.1: a date-time start without an end or duration ends when it starts.
            (None, None) => 0,
        };
        (seconds >= 0).then_some((seconds + 59) / 60)
    }
}

/// Counts what a session has no place for: repetitions, and properties that are neither read
/// nor known as calendar bookkeeping (`X-…` extensions are ignored quietly).
fn count_unused(props: &[Prop], skipped: &mut Skipped) {
    if props.iter().any(|p| p.name == "RRULE" || p.name == "RDATE") {
        skipped.add("repetitions of recurring events (RRULE, RDATE): only the first is read");
    }
    for p in props {
        let name = p.name.as_str();
        let read = matches!(
            name,
            "UID"
                | "SUMMARY"
                | "DTSTART"
                | "DTEND"
                | "DURATION"
                | "LOCATION"
                | "CATEGORIES"
                | "DESCRIPTION"
                | "STATUS"
                | "RRULE"
                | "RDATE"
        );
        if !read && !QUIET.contains(&name) && !name.starts_with("X-") {
            skipped.add(format!("{name} properties"));
        }
    }
}

/// Names joined by `, `, ` and ` or ` & `.
fn split_names(names: &str) -> Vec<String> {
    names
        .split(", ")
        .flat_map(|n| n.split(" and "))
        .flat_map(|n| n.split(" & "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// Speakers from a description whose first line is `Speaker: A` or `Speakers: A, B` (as
/// linux.conf.au writes), and the description without that line.
fn speaker_line(description: &str) -> Option<(Vec<String>, String)> {
    let (first, rest) = description.split_once('\n').unwrap_or((description, ""));
    let (label, names) = first.split_once(':')?;
    let label = label.trim().to_lowercase();
    if !["speaker", "speakers", "presenter", "presenters"].contains(&label.as_str()) {
        return None;
    }
    let names = split_names(names);
    (!names.is_empty()).then(|| (names, rest.trim_start().to_string()))
}
