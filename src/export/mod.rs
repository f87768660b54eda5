//! Writers of a chosen agenda: iCalendar ([`ics`]), Markdown ([`markdown`]) and CSV ([`csv`]).
//!
//! Each format is one file behind the [`Exporter`] trait; [`ExportFormat`] picks one. A writer
//! takes an [`Agenda`] (the schedule plus the chosen sessions, each with its score and the
//! reasons it was chosen) and writes bytes; the caller decides where they go (stdout, or a file
//! through [`crate::output::write_atomic`]). Output depends only on the inputs, never on the
//! clock, so the same plan always gives byte-identical files.
//!
//! ```no_run
//! # fn demo(schedule: &agenda::schedule::Schedule) -> anyhow::Result<()> {
//! use agenda::export::{Agenda, AgendaEntry, ExportFormat, ExportOptions};
//! let entries = vec![AgendaEntry::new(&schedule.sessions[0], 3.0, vec!["likes rust".into()])];
//! let agenda = Agenda::new(schedule, entries);
//! let bytes = ExportFormat::Ics.render(&agenda, &ExportOptions::default())?;
//! agenda::output::write_atomic("my-agenda.ics".as_ref(), &bytes)?;
//! # Ok(()) }
//! ```

pub mod csv;
pub mod ics;
pub mod markdown;

use crate::output::DisplayZone;
use crate::schedule::{Schedule, Session};
use std::io::Write;

/// One chosen session, with its score and why it was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaEntry<'a> {
    /// The session.
    pub session: &'a Session,
    /// Its score in the plan.
    pub score: f64,
    /// Why it was chosen, e.g. `likes rust`, `must-see`.
    pub reasons: Vec<String>,
    /// Revision of its calendar event (iCalendar SEQUENCE): 0 first, one more per change.
    pub sequence: u32,
    /// When it last changed (iCalendar LAST-MODIFIED), for a talk that changed.
    pub last_modified: Option<chrono::DateTime<chrono::Utc>>,
}

/// A talk that left the agenda or the schedule, as it was: written as a cancelled event so that
/// a calendar which imported the earlier file removes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cancelled {
    /// The session as it was (its id gives the event's UID).
    pub session: Session,
    /// Revision of the cancellation: one more than the event's last.
    pub sequence: u32,
    /// When it was cancelled.
    pub last_modified: Option<chrono::DateTime<chrono::Utc>>,
}

impl<'a> AgendaEntry<'a> {
    /// An entry for `session`.
    pub fn new(session: &'a Session, score: f64, reasons: Vec<String>) -> Self {
        AgendaEntry {
            session,
            score,
            reasons,
            sequence: 0,
            last_modified: None,
        }
    }

    /// The reasons as one line: `likes rust; must-see`.
    pub fn reason(&self) -> String {
        self.reasons.join("; ")
    }
}

/// A schedule and the sessions chosen from it, in schedule order.
#[derive(Debug, Clone)]
pub struct Agenda<'a> {
    /// The whole schedule (conference name, time zone, rooms).
    pub schedule: &'a Schedule,
    /// The chosen sessions, sorted like the schedule (date, start, room, id).
    pub entries: Vec<AgendaEntry<'a>>,
    /// Talks of an earlier version of the agenda that are no longer in it (iCalendar only).
    pub cancelled: Vec<Cancelled>,
}

impl<'a> Agenda<'a> {
    /// An agenda; the entries are put in schedule order.
    pub fn new(schedule: &'a Schedule, mut entries: Vec<AgendaEntry<'a>>) -> Self {
        let position = |s: &Session| {
            schedule
                .sessions
                .iter()
                .position(|x| std::ptr::eq(x, s) || x.id == s.id)
                .unwrap_or(usize::MAX)
        };
        entries.sort_by_key(|e| position(e.session));
        Agenda {
            schedule,
            entries,
            cancelled: Vec::new(),
        }
    }
}

/// Settings every writer may use.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Minutes before a talk to remind (`--remind 5m`); iCalendar adds a VALARM.
    pub remind_minutes: Option<u32>,
    /// The zone Markdown and CSV show times in (iCalendar always carries the real instant).
    pub zone: DisplayZone,
    /// The settings that shaped the plan, one `Label: value` line each, for the Markdown header.
    pub settings: Vec<String>,
}

/// A writer of one format.
pub trait Exporter {
    /// Writes the whole agenda to `out`.
    fn write(&self, agenda: &Agenda, out: &mut dyn Write) -> anyhow::Result<()>;
}

/// The formats an agenda can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// RFC 5545 iCalendar (`.ics`).
    Ics,
    /// A Markdown document, one section per day.
    Markdown,
    /// CSV with a header row.
    Csv,
}

impl ExportFormat {
    /// The writer for this format.
    pub fn exporter(self, options: &ExportOptions) -> Box<dyn Exporter> {
        match self {
            ExportFormat::Ics => Box::new(ics::Ics {
                remind_minutes: options.remind_minutes,
            }),
            ExportFormat::Markdown => Box::new(markdown::Markdown {
                zone: options.zone,
                settings: options.settings.clone(),
            }),
            ExportFormat::Csv => Box::new(csv::Csv { zone: options.zone }),
        }
    }

    /// The agenda written in this format, as bytes.
    pub fn render(self, agenda: &Agenda, options: &ExportOptions) -> anyhow::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.exporter(options).write(agenda, &mut bytes)?;
        Ok(match self {
            // Text for people: untrusted titles and names cleaned (see `output::sanitize`).
            ExportFormat::Markdown | ExportFormat::Csv => {
                crate::output::sanitize::clean_bytes(bytes)
            }
            // iCalendar escapes per its spec (`ics::escape`).
            ExportFormat::Ics => bytes,
        })
    }
}

/// Parses `--remind`: `5m`, `10min`, `1h`, `90` (minutes).
pub fn parse_remind(text: &str) -> anyhow::Result<u32> {
    let t = text.trim().to_ascii_lowercase();
    let (digits, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: u32 = digits.parse().map_err(|_| bad_remind(text))?;
    let minutes = match unit.trim() {
        "" | "m" | "min" | "mins" | "minute" | "minutes" => Some(n),
        "h" | "hour" | "hours" => n.checked_mul(60),
        _ => None,
    };
    minutes.ok_or_else(|| bad_remind(text))
}

fn bad_remind(text: &str) -> anyhow::Error {
    crate::error::UserError::err(format!(
        "`{text}` is not a reminder time; write minutes or hours, e.g. `5m`, `15m`, `1h`"
    ))
}

/// The conference name as a slug for ids: `All Systems Go! 2025` → `all-systems-go-2025`.
pub fn conference_slug(schedule: &Schedule) -> String {
    let slug = crate::text::slug(&schedule.conference.name);
    if slug.is_empty() {
        "conference".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::parse_remind;

    #[test]
    fn reminders_in_minutes_and_hours() {
        assert_eq!(parse_remind("5m").unwrap(), 5);
        assert_eq!(parse_remind("15 min").unwrap(), 15);
        assert_eq!(parse_remind("1h").unwrap(), 60);
        assert_eq!(parse_remind("90").unwrap(), 90);
        assert!(parse_remind("soon").is_err());
        assert!(parse_remind("5 days").is_err());
    }
}
