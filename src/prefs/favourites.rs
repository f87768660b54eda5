//! Favourites from elsewhere: `--favourites FILE`, the talks someone already starred.
//!
//! The file is either **iCalendar** (it starts with `BEGIN:VCALENDAR`: FOSDEM's and pretalx's
//! bookmark exports, most calendar apps) or a **plain list**, one session id or title per line
//! (blank lines and lines starting with `#` skipped).
//!
//! An iCalendar event matches the session whose id is its `UID`, the part of it before `@`, or
//! one of its pieces split at everything but letters and digits (FOSDEM-style UIDs that hold
//! the event id), or whose title its
//! `SUMMARY` is (ignoring case; pretalx appends ` - Speaker`, which is allowed); when its
//! `DTSTART` is readable, the session must also start then. A plain line matches a session id,
//! else a title exactly (ignoring case), else a fragment of exactly one title. An entry that
//! matches no session, or several, is listed as unmatched, never dropped silently.

use crate::error::bad_input;
use crate::schedule::Schedule;
use chrono::{NaiveDateTime, TimeZone};
use std::path::Path;

/// What a favourites file matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Favourites {
    /// Matched sessions (schedule indices), in file order, without repeats.
    pub matched: Vec<usize>,
    /// Entries that matched no single session, with the reason.
    pub unmatched: Vec<String>,
}

/// Reads and matches a favourites file.
pub(crate) fn read_file(
    schedule: &Schedule,
    path: &Path,
    limit: crate::input::ReadLimit,
) -> anyhow::Result<Favourites> {
    let name = path.display().to_string();
    let text = crate::input::read_text_within(path, "the favourites file", limit)?;
    read(schedule, &text, &name)
}

/// Matches favourites text (iCalendar or a plain list); `name` is for messages.
pub fn read(schedule: &Schedule, text: &str, name: &str) -> anyhow::Result<Favourites> {
    let text = text.trim_start_matches('\u{feff}');
    let mut found = if text.trim_start().starts_with("BEGIN:VCALENDAR") {
        from_calendar(schedule, text, name)?
    } else {
        from_list(schedule, text)
    };
    if found.matched.is_empty() && found.unmatched.is_empty() {
        return Err(bad_input(format!(
            "the favourites file {name} names no talk; give an iCalendar export or one id or title per line"
        )));
    }
    let mut seen = std::collections::BTreeSet::new();
    found.matched.retain(|i| seen.insert(*i));
    Ok(found)
}

fn from_list(schedule: &Schedule, text: &str) -> Favourites {
    let mut out = Favourites::default();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let exact: Vec<usize> = schedule
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.id == line || s.title.trim().eq_ignore_ascii_case(line))
            .map(|(i, _)| i)
            .collect();
        let hits = if exact.is_empty() {
            let needle = line.to_lowercase();
            schedule
                .sessions
                .iter()
                .enumerate()
                .filter(|(_, s)| s.title.to_lowercase().contains(&needle))
                .map(|(i, _)| i)
                .collect()
        } else {
            exact
        };
        push(schedule, &mut out, hits, line);
    }
    out
}

fn push(schedule: &Schedule, out: &mut Favourites, hits: Vec<usize>, entry: &str) {
    let plannable: Vec<usize> = hits
        .into_iter()
        .filter(|&i| schedule.sessions[i].kind.is_plannable())
        .collect();
    match plannable.as_slice() {
        [one] => out.matched.push(*one),
        [] => out.unmatched.push(format!("`{entry}`: no such talk")),
        many => out
            .unmatched
            .push(format!("`{entry}`: fits {} talks", many.len())),
    }
}

fn from_calendar(schedule: &Schedule, text: &str, name: &str) -> anyhow::Result<Favourites> {
    let unfolded = icalendar::parser::unfold(text);
    let calendar = icalendar::parser::read_calendar(&unfolded).map_err(|e| {
        bad_input(format!(
            "{name}: not a readable iCalendar file ({}); export the bookmarks again or give a plain list of ids",
            e.lines().next().unwrap_or("")
        ))
    })?;
    let zone = schedule.time_zone()?;
    let mut out = Favourites::default();
    let mut events = Vec::new();
    collect_events(&calendar.components, &mut events);
    for event in events {
        let prop = |key: &str| {
            event
                .find_prop(key)
                .map(|p| p.val.as_str().trim().to_string())
        };
        let uid = prop("UID").unwrap_or_default();
        let summary = prop("SUMMARY")
            .map(|s| s.replace("\\,", ",").replace("\\;", ";"))
            .unwrap_or_default();
        let start = event.find_prop("DTSTART").and_then(|p| {
            let tzid = p
                .params
                .iter()
                .find(|q| q.key.as_str() == "TZID")
                .and_then(|q| q.val.as_ref())
                .map(|v| v.as_str().to_string());
            local_start(p.val.as_str().trim(), tzid.as_deref(), zone)
        });
        let pieces: Vec<&str> = uid
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        let summary_lower = summary.to_lowercase();
        let hits: Vec<usize> = schedule
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let title = s.title.trim().to_lowercase();
                let by_title = !title.is_empty()
                    && (summary_lower == title
                        || summary_lower.strip_prefix(&title).is_some_and(|rest| {
                            rest.starts_with(" - ") || rest.starts_with(" – ")
                        }));
                let by_uid = uid == s.id
                    || uid.split('@').next() == Some(s.id.as_str())
                    || pieces.contains(&s.id.as_str());
                (by_uid || by_title) && start.is_none_or(|at| s.start_at() == at)
            })
            .map(|(i, _)| i)
            .collect();
        let entry = if summary.is_empty() { uid } else { summary };
        push(schedule, &mut out, hits, &entry);
    }
    Ok(out)
}

fn collect_events<'a>(
    components: &'a [icalendar::parser::Component<'a>],
    out: &mut Vec<&'a icalendar::parser::Component<'a>>,
) {
    for c in components {
        if c.name.as_str() == "VEVENT" {
            out.push(c);
        }
        collect_events(&c.components, out);
    }
}

/// A `DTSTART` value as the conference's local time: UTC (`…Z`), in a `TZID` zone, or floating
/// (taken as the conference's). A date without a time gives `None` (no time to check).
fn local_start(value: &str, tzid: Option<&str>, zone: chrono_tz::Tz) -> Option<NaiveDateTime> {
    let (text, utc) = match value.strip_suffix('Z') {
        Some(t) => (t, true),
        None => (value, false),
    };
    let naive = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").ok()?;
    if utc {
        return Some(
            chrono::Utc
                .from_utc_datetime(&naive)
                .with_timezone(&zone)
                .naive_local(),
        );
    }
    match tzid.and_then(|t| t.trim_matches('"').parse::<chrono_tz::Tz>().ok()) {
        Some(tz) => tz
            .from_local_datetime(&naive)
            .earliest()
            .map(|d| d.with_timezone(&zone).naive_local()),
        None => Some(naive),
    }
}
