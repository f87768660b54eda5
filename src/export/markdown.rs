//! Markdown writer: a heading, one section per conference day, one bullet per chosen session
//! with time, room, title, its links (page, video, chat), speakers and why it was chosen. Times are in the chosen display
//! zone, which the document names; a time after the day's date is marked `(+1)`.

use super::{Agenda, ExportOptions, Exporter};
use std::io::Write;

/// The Markdown writer: times in the options' zone, the settings that shaped the plan
/// (`Label: value`) as a list under the heading.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl Exporter<Agenda<'_>> for Markdown {
    fn write(
        &self,
        agenda: &Agenda,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let schedule = agenda.schedule;
        let tz = schedule.time_zone()?;
        writeln!(out, "# My agenda: {}", escape(&schedule.conference.name))?;
        if !options.settings.is_empty() {
            writeln!(out)?;
            for line in &options.settings {
                match line.split_once(": ") {
                    Some((label, value)) => {
                        writeln!(out, "- **{}:** {}", escape(label), escape(value))?
                    }
                    None => writeln!(out, "- {}", escape(line))?,
                }
            }
        }
        let Some(first) = agenda.entries.first() else {
            writeln!(out, "\nNo session chosen.")?;
            return Ok(());
        };
        writeln!(
            out,
            "\n{}, times in {}.",
            crate::text::plural(agenda.entries.len(), "session", "sessions"),
            options.zone.label(tz, first.session.start_at())
        )?;
        let mut day = None;
        for entry in &agenda.entries {
            let s = entry.session;
            let Some(conference_day) = schedule.day_of(s) else {
                continue;
            };
            if day != Some(s.day) {
                day = Some(s.day);
                writeln!(
                    out,
                    "\n## {}\n",
                    crate::export::times::day_heading_in(
                        schedule,
                        conference_day,
                        options.zone,
                        tz
                    )
                )?;
            }
            write!(
                out,
                "- **{}** · {} · {}",
                crate::export::times::day_time_range(conference_day, s, options.zone, tz),
                escape(&s.room),
                escape(&s.title)
            )?;
            if !s.links.is_empty() {
                write!(out, " ({})", links(&s.links))?;
            }
            if !s.speakers.is_empty() {
                write!(out, " — {}", escape(&s.speakers.join(", ")))?;
            }
            writeln!(out)?;
            if !entry.reasons.is_empty() {
                writeln!(
                    out,
                    "  *why:* {} (score {})",
                    escape(&entry.reason()),
                    // As the table shows it: 3, 2.5 (scores are whole or half points).
                    entry.score
                )?;
            }
        }
        Ok(())
    }
}

/// `[page](<https://…>), [video](<https://…>)`: each link the talk has. The address goes
/// between angle brackets, so that a `)` in it does not end the link; a checked web address
/// holds no angle bracket, space or backslash (see [`crate::schedule::links`]).
fn links(links: &crate::schedule::Links) -> String {
    links
        .labelled()
        .map(|(label, url)| format!("[{label}](<{url}>)"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Escapes the characters Markdown would read as formatting.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}
