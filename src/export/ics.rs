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

use super::{Agenda, ExportOptions, Exporter, conference_slug};
use crate::output::tz::{instants, to_utc};
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
        let slug = conference_slug(schedule);
        let stamp = schedule
            .sessions
            .first()
            .map_or(DateTime::<Utc>::UNIX_EPOCH, |s| to_utc(tz, s.start_at()));
        let mut lines: Vec<String> = vec![
            "BEGIN:VCALENDAR".into(),
            "VERSION:2.0".into(),
            format!("PRODID:-//agenda//agenda {}//EN", env!("CARGO_PKG_VERSION")),
            "CALSCALE:GREGORIAN".into(),
            "METHOD:PUBLISH".into(),
            format!("X-WR-CALNAME:{}", escape(&schedule.conference.name)),
        ];
        for entry in &agenda.entries {
            let s = entry.session;
            let mut description = String::new();
            if !s.speakers.is_empty() {
                description.push_str(&format!("Speakers: {}\n", s.speakers.join(", ")));
            }
            if !entry.reasons.is_empty() {
                description.push_str(&format!("Why: {}\n", entry.reason()));
            }
            if !s.abstract_text.is_empty() {
                description.push('\n');
                description.push_str(&s.abstract_text);
            }
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!(
                "UID:{}",
                escape(&format!("{}@{slug}.agenda", s.id))
            ));
            lines.push(format!("DTSTAMP:{}", utc(stamp)));
            // The end is the start plus the length, exactly: never before the start, whatever
            // the clocks do in between.
            let (start, end) = instants(tz, s);
            lines.push(format!("DTSTART:{}", utc(start)));
            lines.push(format!("DTEND:{}", utc(end)));
            lines.push(format!("SUMMARY:{}", escape(&s.title)));
            lines.push(format!("LOCATION:{}", escape(&s.room)));
            lines.push(format!(
                "DESCRIPTION:{}",
                escape(description.trim_end_matches('\n'))
            ));
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
            if let Some(minutes) = options.remind_minutes {
                lines.push("BEGIN:VALARM".into());
                lines.push("ACTION:DISPLAY".into());
                lines.push(format!("DESCRIPTION:{}", escape(&s.title)));
                lines.push(format!("TRIGGER:-PT{minutes}M"));
                lines.push("END:VALARM".into());
            }
            lines.push("END:VEVENT".into());
        }
        for gone in &agenda.cancelled {
            let s = &gone.session;
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!(
                "UID:{}",
                escape(&format!("{}@{slug}.agenda", s.id))
            ));
            lines.push(format!("DTSTAMP:{}", utc(stamp)));
            let (start, end) = instants(tz, s);
            lines.push(format!("DTSTART:{}", utc(start)));
            lines.push(format!("DTEND:{}", utc(end)));
            lines.push(format!("SUMMARY:{}", escape(&s.title)));
            lines.push(format!("LOCATION:{}", escape(&s.room)));
            lines.push("STATUS:CANCELLED".into());
            lines.push(format!("SEQUENCE:{}", gone.sequence));
            if let Some(t) = gone.last_modified {
                lines.push(format!("LAST-MODIFIED:{}", utc(t)));
            }
            lines.push("END:VEVENT".into());
        }
        lines.push("END:VCALENDAR".into());
        for line in &lines {
            out.write_all(fold(line).as_bytes())?;
        }
        Ok(())
    }
}

/// A UTC instant in iCalendar form: `20250930T072500Z`.
fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value: `\` `;` `,` and newlines (RFC 5545 §3.3.11); carriage returns dropped;
/// other control characters, which TEXT may not hold (§3.3.11: no CTLs but HTAB), become U+FFFD.
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
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
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
    fn text_escapes() {
        assert_eq!(escape("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
