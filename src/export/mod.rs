//! Every writer of every command, one file or folder per format family, so that a new format is
//! one new file and a new document one file in each family it is written in:
//!
//! - [`table`]: the plan's tables and their compact text view, `compare`/`together`, `talks`
//!   and `topics`, `diff`, `bench` (and the house table style);
//! - [`json`]: the plan, comparisons, `talks`/`topics`, `diff` (and the JSON view of a session);
//! - [`text`]: comparisons as chat text, and `replan`'s report of what changed for you;
//! - [`markdown`], [`csv`] (the plan, and `bench`'s rows by serde), [`ics`], [`html`] (the
//!   friends page, and the agenda's phone page, [`html::agenda`]) and [`svg`] (`bench --plot`);
//! - beside them: the one [`Format`] enum with each command's formats ([`format`](mod@format)), the
//!   documents that are not a domain type ([`Agenda`] here, [`comparison::Shown`],
//!   [`bench::Row`]), the settings header ([`settings`]), how times are shown ([`times`]) and
//!   how a joint plan is worded ([`joint`]).
//!
//! Writers take a document and [`ExportOptions`] and write bytes; they never see the command
//! line. The plumbing they write through (the target, atomic files, sanitizing, widths, zones)
//! is [`crate::output`].
//!
//! The agenda's writers sit behind the [`Exporter`] trait: the table and plain text
//! ([`table`]), JSON ([`json`]), iCalendar ([`ics`]), Markdown ([`markdown`]), CSV
//! ([`csv`]) and the phone page ([`html::agenda`]); `compare` and `together` write HTML and
//! their own table, text and JSON ([`comparison`]). `--format` and `-o FILE`'s extension choose one ([`format::choose`]); one
//! options struct ([`ExportOptions`]: time zone, reminder, name, width, …) carries what the
//! flags say; the bytes go to one [`crate::output::Target`] (standard output, or a file written
//! atomically). A writer of an agenda takes an [`Agenda`] (the schedule plus the chosen
//! sessions, each with its score and the reasons it was chosen, and for the table and JSON the
//! plan behind it) and writes bytes. Output depends only on the inputs, never on the clock, so
//! the same plan always gives byte-identical files.
//!
//! ```no_run
//! # fn demo(schedule: &agenda::schedule::Schedule) -> anyhow::Result<()> {
//! use agenda::export::{Agenda, AgendaEntry, ExportOptions, Format};
//! use agenda::points::Points;
//! let score = Points::from_half(6);
//! let entries = vec![AgendaEntry::new(&schedule.sessions[0], score, vec!["likes rust".into()])];
//! let agenda = Agenda::new(schedule, entries);
//! let bytes = Format::Ics.render(&agenda, &ExportOptions::default())?;
//! agenda::output::write_atomic("my-agenda.ics".as_ref(), &bytes)?;
//! # Ok(()) }
//! ```

pub mod bench;
pub mod comparison;
pub mod csv;
pub mod format;
pub mod html;
pub mod ics;
pub mod joint;
pub mod json;
pub mod markdown;
pub mod meetings;
pub mod settings;
pub mod svg;
pub mod table;
pub mod text;
pub mod times;

pub use format::Format;

use crate::output::DisplayZone;
use crate::plan::Plan;
use crate::points::Points;
use crate::prefs::Request;
use crate::schedule::{Schedule, Session};
use std::io::Write;

/// One chosen session, with its score and why it was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaEntry<'a> {
    /// The session.
    pub session: &'a Session,
    /// Its score in the plan.
    pub score: Points,
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
    pub fn new(session: &'a Session, score: Points, reasons: Vec<String>) -> Self {
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
    /// The plan the entries were chosen by (the table and JSON need it; `None` for an agenda
    /// put together by hand).
    pub plan: Option<PlanView<'a>>,
}

/// The plan behind an agenda: what the table and JSON show besides the chosen talks.
#[derive(Debug, Clone)]
pub struct PlanView<'a> {
    /// The request it was planned for.
    pub request: &'a Request,
    /// The plan: every session's score, the chosen ones, switches, what was verified.
    pub plan: &'a Plan,
    /// What was proven and checked, instead of the planner's own statement (`replan`).
    pub proof: Option<String>,
}

impl<'a> Agenda<'a> {
    /// An agenda; the entries are put in schedule order.
    pub fn new(schedule: &'a Schedule, mut entries: Vec<AgendaEntry<'a>>) -> Self {
        // Each entry's place: the first session of the schedule with its id (a search per
        // comparison took a second at 100,000 talks).
        if entries.len() > 1 {
            let first = schedule.id_index();
            entries.sort_by_cached_key(|e| {
                first
                    .get(e.session.id.as_str())
                    .copied()
                    .unwrap_or(usize::MAX)
            });
        }
        Agenda {
            schedule,
            entries,
            cancelled: Vec::new(),
            plan: None,
        }
    }

    /// The agenda of a plan: its chosen sessions (of conference day `day` only, when given),
    /// each with its score and [`crate::plan::why::why_chosen`].
    pub(crate) fn of_plan(
        schedule: &'a Schedule,
        request: &'a Request,
        plan: &'a Plan,
        day: Option<u32>,
    ) -> Self {
        let entries = plan
            .chosen
            .iter()
            .filter(|&&i| day.is_none_or(|d| schedule.sessions[i].day == d))
            .map(|&i| {
                AgendaEntry::new(
                    &schedule.sessions[i],
                    Points::from_half(plan.scores[i].half_points),
                    crate::plan::why::why_chosen(plan, i),
                )
            })
            .collect();
        let mut agenda = Agenda::new(schedule, entries);
        agenda.plan = Some(PlanView {
            request,
            plan,
            proof: None,
        });
        agenda
    }

    /// The plan behind the agenda, which `format` needs.
    pub(crate) fn plan_view(&self, format: Format) -> anyhow::Result<&PlanView<'a>> {
        self.plan.as_ref().ok_or_else(|| {
            anyhow::anyhow!(
                "{} needs the plan behind the agenda (Agenda::of_plan), not an agenda of entries alone",
                format.describe()
            )
        })
    }
}

/// What the flags say about how an agenda is written; each writer uses what applies to it.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Minutes before a talk to remind (`--remind 5m`); iCalendar adds a VALARM.
    pub remind_minutes: Option<u32>,
    /// The zone times are shown in (`--tz`); iCalendar always carries the real instant.
    pub zone: DisplayZone,
    /// The settings that shaped the plan, one `Label: value` line each, for the headers of the
    /// table and Markdown.
    pub settings: Vec<String>,
    /// Whose agenda it is (`your agenda for Pat`), for the table.
    pub name: Option<String>,
    /// Columns the table fits in (`--width`, else the terminal's; see [`crate::output::width`]).
    pub width: u16,
    /// One line per talk instead of a bordered table (`--compact`).
    pub compact: bool,
    /// Leave out the best talk missed under each talk (`--no-missed`).
    pub no_missed: bool,
    /// Show each talk's links in the table (`--links`); the other formats always carry them.
    pub links: bool,
    /// Only this conference day (1-based), for the table and JSON (the agenda's entries are
    /// already of that day).
    pub day: Option<u32>,
}

/// A writer of one format, for one kind of document: an [`Agenda`] for `plan` and `replan`,
/// a comparison for `compare` and `together`.
pub trait Exporter<D: ?Sized> {
    /// Writes the whole document to `out`.
    fn write(&self, doc: &D, options: &ExportOptions, out: &mut dyn Write) -> anyhow::Result<()>;
}

/// Runs an exporter into bytes, cleaned of control and direction characters when the format
/// asks for it (see [`Format::is_cleaned`]).
pub(crate) fn render_with<D: ?Sized>(
    exporter: &dyn Exporter<D>,
    format: Format,
    doc: &D,
    options: &ExportOptions,
) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    exporter.write(doc, options, &mut bytes)?;
    Ok(if format.is_cleaned() {
        crate::output::sanitize::clean_bytes(bytes)
    } else {
        bytes
    })
}

impl Format {
    /// The writer of an agenda in this format.
    pub(crate) fn agenda_exporter(self) -> anyhow::Result<Box<dyn for<'a> Exporter<Agenda<'a>>>> {
        Ok(match self {
            Format::Table => Box::new(table::Table),
            Format::Text => Box::new(table::Text),
            Format::Json => Box::new(json::Json),
            Format::Ics => Box::new(ics::Ics),
            Format::Markdown => Box::new(markdown::Markdown),
            Format::Csv => Box::new(csv::Csv),
            Format::Html => Box::new(html::agenda::Page),
        })
    }

    /// The agenda written in this format, as bytes.
    pub fn render(self, agenda: &Agenda, options: &ExportOptions) -> anyhow::Result<Vec<u8>> {
        render_with(self.agenda_exporter()?.as_ref(), self, agenda, options)
    }

    /// The agenda written in this format to `out`: what [`Format::render`] gives, but JSON goes
    /// to `out` as it is made, so that a plan of 100,000 talks (47 MB of JSON) is never held
    /// whole. Its writer fails only before its first byte or on a failed write. (JSON holds no
    /// raw control byte, so the buffer's arbitrary cuts never split what the standard output's
    /// sanitizing keeps, a CR before an LF, as they could in iCalendar.)
    pub fn write_to(
        self,
        agenda: &Agenda,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        match self {
            Format::Json => {
                let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
                json::Json.write(agenda, options, &mut buffered)?;
                buffered
                    .into_inner()
                    .map_err(std::io::IntoInnerError::into_error)?;
            }
            _ => out.write_all(&self.render(agenda, options)?)?,
        }
        Ok(())
    }
}

/// Parses `--remind`: `5m`, `10min`, `1h`, `90` (minutes).
pub(crate) fn parse_remind(text: &str) -> anyhow::Result<u32> {
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
    crate::error::bad_input(format!(
        "`{text}` is not a reminder time; write minutes or hours, e.g. `5m`, `15m`, `1h`"
    ))
}

/// The conference name as a slug for ids: `All Systems Go! 2025` → `all-systems-go-2025`.
pub(crate) fn conference_slug(schedule: &Schedule) -> String {
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
