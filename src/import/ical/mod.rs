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
//! at its line (all of them are listed); a line without any `:` right after an event's text
//! continues that text (a fold without its space), with a warning. What a session cannot hold is skipped and counted in
//! the one `skipped` warning: other components (`VTODO`, …), all-day events, repetitions
//! (`RRULE`), further categories, unknown properties. Properties a calendar
//! writer adds for calendars (`DTSTAMP`, `SEQUENCE`, `X-…`) are ignored quietly; `URL` is the
//! talk's page.

mod lines;
pub(super) mod values;

use super::build::{self, RawConference, RawEvent, Skipped};
use crate::schedule::{Problem, Schedule, Severity};
use chrono_tz::Tz;
use lines::{Prop, structure};
use std::collections::BTreeMap;
use values::{
    When, Zones, duration_minutes, pretalx_summary, speaker_line, text_list, text_value, when,
};

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
    if let Some(&first) = calendar.unfolded.first() {
        problems.push(Problem {
            severity: Severity::Warning,
            code: "ical-fold",
            source: source.to_string(),
            line: Some(first),
            entry: None,
            message: format!(
                "{} without `NAME:` (from this one on) taken as the continuation of the event text before {}: a fold without its leading space",
                crate::text::plural(calendar.unfolded.len(), "line", "lines"),
                if calendar.unfolded.len() == 1 { "it" } else { "them" }
            ),
            fix: "nothing to do if the text reads right; a line that continues the one before should start with a space".into(),
        });
    }
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
                    .into(),
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
        if self.pretalx {
            (title, persons) = pretalx_summary(&title);
        }
        if let Some((names, rest)) = speaker_line(&description) {
            if persons.is_empty() {
                persons = names;
            }
            description = rest;
        }
        let track = track(props, skipped);
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
            url: prop("URL").map(|p| p.value.trim().to_string()),
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

/// The first of the `CATEGORIES`: the track (the others are counted as skipped).
fn track(props: &[Prop], skipped: &mut Skipped) -> Option<String> {
    let categories: Vec<String> = props
        .iter()
        .filter(|p| p.name == "CATEGORIES")
        .filter_map(|p| text_value(p, skipped))
        .flat_map(|v| text_list(&v))
        .collect();
    for _ in categories.iter().skip(1) {
        skipped.add("categories after the first (the first is the track)");
    }
    categories.into_iter().next()
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
                | "URL"
                | "RRULE"
                | "RDATE"
        );
        if !read && !QUIET.contains(&name) && !name.starts_with("X-") {
            skipped.add(format!("{name} properties"));
        }
    }
}
