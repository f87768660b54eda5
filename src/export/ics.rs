//! iCalendar (RFC 5545) writer.
//!
//! Written by hand rather than with a builder crate so that every byte is under control: CRLF
//! line ends; content lines folded at 75 octets without splitting a UTF-8 character; `\`, `;`,
//! `,` and newlines escaped in text; DTSTART/DTEND as UTC instants (`…Z`) computed from the
//! conference's time zone; a stable UID per talk (`<session id>@<conference slug>.agenda`) so
//! that importing an updated plan replaces events; DTSTAMP derived from the schedule (its first
//! session's start), never from the clock, so the same plan gives the same file. For a
//! re-planned agenda (`agenda replan`), a talk that changed carries a higher SEQUENCE and a
//! LAST-MODIFIED (the time the new schedule was downloaded, or its file's modification time), and
//! a talk that left the agenda or the schedule is written with its old times and
//! STATUS:CANCELLED, so that a calendar importing the new file updates its events in place. The tests
//! read the output back with an independent parser (the `icalendar` crate).

use super::{Agenda, AgendaEntry, Cancelled, ExportOptions, Exporter, conference_slug};
use crate::output::tz::{instants, to_utc};
use crate::schedule::Session;
use chrono::{DateTime, Utc};
use std::io::Write;

/// The iCalendar writer; `--remind` adds a VALARM to every event.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ics;

impl Exporter<Agenda<'_>> for Ics {
    fn write(
        &self,
        agenda: &Agenda,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let schedule = agenda.schedule;
        let tz = schedule.time_zone()?;
        let stamp = schedule
            .sessions
            .first()
            .map_or(DateTime::<Utc>::UNIX_EPOCH, |s| to_utc(tz, s.start_at()));
        let head = EventHead {
            slug: conference_slug(schedule),
            stamp,
            tz,
        };
        let mut lines: Vec<String> = vec![
            "BEGIN:VCALENDAR".into(),
            "VERSION:2.0".into(),
            format!("PRODID:-//agenda//agenda {}//EN", env!("CARGO_PKG_VERSION")),
            "CALSCALE:GREGORIAN".into(),
            "METHOD:PUBLISH".into(),
            format!("X-WR-CALNAME:{}", escape(&schedule.conference.name)),
        ];
        for entry in &agenda.entries {
            event(&mut lines, &head, entry, options.remind_minutes);
        }
        for gone in &agenda.cancelled {
            cancelled_event(&mut lines, &head, gone);
        }
        lines.push("END:VCALENDAR".into());
        for line in &lines {
            out.write_all(fold(line).as_bytes())?;
        }
        Ok(())
    }
}

/// What the opening lines of every event need besides the session.
struct EventHead {
    /// The conference slug the UIDs end with.
    slug: String,
    /// DTSTAMP: the schedule's first start, never the clock.
    stamp: DateTime<Utc>,
    /// The conference's time zone.
    tz: chrono_tz::Tz,
}

impl EventHead {
    /// `BEGIN:VEVENT` and the lines every event has: UID, DTSTAMP, DTSTART, DTEND, SUMMARY and
    /// LOCATION.
    fn push(&self, lines: &mut Vec<String>, s: &Session) {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!(
            "UID:{}",
            escape(&format!("{}@{}.agenda", s.id, self.slug))
        ));
        lines.push(format!("DTSTAMP:{}", utc(self.stamp)));
        // The end is the start plus the length, exactly: never before the start, whatever
        // the clocks do in between.
        let (start, end) = instants(self.tz, s);
        lines.push(format!("DTSTART:{}", utc(start)));
        lines.push(format!("DTEND:{}", utc(end)));
        lines.push(format!("SUMMARY:{}", escape(&s.title)));
        lines.push(format!("LOCATION:{}", escape(&s.room)));
    }
}

/// One attended talk: the shared lines, its description and topics, its revision (SEQUENCE,
/// LAST-MODIFIED) and a reminder when asked.
fn event(lines: &mut Vec<String>, head: &EventHead, entry: &AgendaEntry, remind: Option<u32>) {
    let s = entry.session;
    head.push(lines, s);
    lines.push(format!(
        "DESCRIPTION:{}",
        escape(description(entry).trim_end_matches('\n'))
    ));
    if let Some(page) = &s.links.page {
        // A URI value, not TEXT: a checked web address (see `schedule::links`: no control
        // character, space or quote) is written as it is, not escaped; a direction override
        // or mark becomes U+FFFD, as in TEXT.
        lines.push(format!("URL:{}", uri(page)));
    }
    if !s.topics.is_empty() {
        let topics: Vec<String> = s.topics.iter().map(|t| escape(t)).collect();
        lines.push(format!("CATEGORIES:{}", topics.join(",")));
    }
    if entry.sequence > 0 {
        lines.push(format!("SEQUENCE:{}", entry.sequence));
    }
    if let Some(t) = entry.last_modified {
        lines.push(format!("LAST-MODIFIED:{}", utc(t)));
    }
    if let Some(minutes) = remind {
        lines.push("BEGIN:VALARM".into());
        lines.push("ACTION:DISPLAY".into());
        lines.push(format!("DESCRIPTION:{}", escape(&s.title)));
        lines.push(format!("TRIGGER:-PT{minutes}M"));
        lines.push("END:VALARM".into());
    }
    lines.push("END:VEVENT".into());
}

/// The event's description: speakers, why it is attended, its video and chat links (the page
/// is the event's URL), and the abstract.
fn description(entry: &AgendaEntry) -> String {
    let s = entry.session;
    let mut description = String::new();
    if !s.speakers.is_empty() {
        description.push_str(&format!("Speakers: {}\n", s.speakers.join(", ")));
    }
    if !entry.reasons.is_empty() {
        description.push_str(&format!("Why: {}\n", entry.reason()));
    }
    for (label, url) in s.links.labelled() {
        let label = match label {
            "page" => "Page",
            "video" => "Video",
            _ => "Chat",
        };
        description.push_str(&format!("{label}: {url}\n"));
    }
    if !s.abstract_text.is_empty() {
        description.push('\n');
        description.push_str(&s.abstract_text);
    }
    description
}

/// A talk that left the agenda: the shared lines with its old times, STATUS:CANCELLED and its
/// revision.
fn cancelled_event(lines: &mut Vec<String>, head: &EventHead, gone: &Cancelled) {
    head.push(lines, &gone.session);
    lines.push("STATUS:CANCELLED".into());
    lines.push(format!("SEQUENCE:{}", gone.sequence));
    if let Some(t) = gone.last_modified {
        lines.push(format!("LAST-MODIFIED:{}", utc(t)));
    }
    lines.push("END:VEVENT".into());
}

/// A UTC instant in iCalendar form: `20250930T072500Z`.
fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value: `\` `;` `,` and newlines (RFC 5545 §3.3.11); carriage returns dropped;
/// other control characters, which TEXT may not hold (§3.3.11: no CTLs but HTAB), and the
/// direction overrides `output::sanitize` names become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(c),
            c if crate::output::sanitize::is_unsafe(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A URI value: as it is, but for the characters the one cleaning rule names (a web address
/// the readers kept has no control character; a direction override or mark may remain), which
/// become U+FFFD as in TEXT.
fn uri(text: &str) -> String {
    text.chars()
        .map(|c| {
            if crate::output::sanitize::is_unsafe(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// One content line folded to lines of at most 75 octets (continuations start with a space,
/// which counts), never splitting a UTF-8 character, each ended by CRLF (RFC 5545 §3.1).
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for physical in folded.split_terminator("\r\n") {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn a_uri_is_kept_as_it_is_but_for_direction_characters() {
        assert_eq!(
            uri("https://e.org/a,b;c?d=1&e=2#f"),
            "https://e.org/a,b;c?d=1&e=2#f"
        );
        assert_eq!(
            uri("https://e.org/\u{202e}gpj"),
            "https://e.org/\u{fffd}gpj"
        );
    }

    #[test]
    fn text_escapes() {
        assert_eq!(escape("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
