//! Shared pieces of the writers: the table style, the JSON view of a session, time formatting,
//! display time zones ([`tz`]) and atomic file output ([`atomic`]).

pub mod atomic;
pub mod sanitize;
pub mod target;
pub mod tz;
pub mod width;

pub use atomic::{WriteOptions, write_atomic, write_atomic_by, write_atomic_with};
pub use sanitize::{clean, clean_row};
pub use target::Target;
pub use tz::DisplayZone;

pub mod progress;

use crate::schedule::Session;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

/// Width tables are laid out for when nothing else says (see [`width`]).
pub const TABLE_WIDTH: u16 = width::DEFAULT_WIDTH;

/// Whether colour is allowed: never when `NO_COLOR` is set (to anything non-empty) or `TERM=dumb`.
pub(crate) fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// A table in the house style: UTF-8 borders, wrapped to the width [`width::resolve`] finds
/// (`COLUMNS`, the terminal, else [`TABLE_WIDTH`]).
pub(crate) fn new_table(header: &[&str]) -> Table {
    new_table_width(header, width::resolve(None))
}

/// A line of notes under a table, wrapped at spaces to the width the tables get (an 80-column
/// terminal shows a friends' legend on two lines instead of running it off the edge).
pub(crate) fn note(line: &str, width: u16) -> String {
    crate::text::wrap(line, usize::from(width), 0)
}

/// A table in the house style, wrapped to `width` columns.
pub(crate) fn new_table_width(header: &[&str], width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(
            header
                .iter()
                .map(|h| clean(h).into_owned())
                .collect::<Vec<_>>(),
        );
    if !color_enabled() {
        table.force_no_tty();
    }
    table
}

/// `HH:MM–HH:MM` for a session in local time (its end on the wall clock: start + minutes).
pub(crate) fn time_range(s: &Session) -> String {
    format!(
        "{}–{}",
        s.start.format("%H:%M"),
        s.end_at().time().format("%H:%M")
    )
}

/// `HH:MM–HH:MM` for a session in local time of zone `tz`, the end exactly its length after the
/// start (see [`tz::local_end`]), also on a night the clocks change.
pub(crate) fn exact_time_range(s: &Session, tz: chrono_tz::Tz) -> String {
    format!(
        "{}–{}",
        s.start.format("%H:%M"),
        tz::local_end(tz, s).time().format("%H:%M")
    )
}

/// `HH:MM–HH:MM` for a session within its conference day, in the display zone: a time on a
/// later date than the day's start (in that zone) is marked `(+1)`, so a night reads
/// `23:55–00:35 (+1)` and a talk wholly after midnight `01:00–02:00 (+1)`.
pub(crate) fn day_time_range(
    day: &crate::schedule::ConferenceDay,
    s: &Session,
    zone: DisplayZone,
    tz: chrono_tz::Tz,
) -> String {
    let (start, end) = zone.span(tz, s);
    day_clock_range(day, start, end, zone, tz)
}

/// `HH:MM–HH:MM` for `start` and `end` already in the display zone, each marked `(+1)` (or
/// `+2`, `-1` …) when it falls on another date than the conference day's morning there.
pub(crate) fn day_clock_range(
    day: &crate::schedule::ConferenceDay,
    start: chrono::NaiveDateTime,
    end: chrono::NaiveDateTime,
    zone: DisplayZone,
    tz: chrono_tz::Tz,
) -> String {
    // The day's date as seen in the display zone (its noon, which no zone moves by a day).
    let noon = day.date.and_hms_opt(12, 0, 0).unwrap_or_default();
    let morning = zone.convert(tz, noon).date();
    let later = |at: chrono::NaiveDateTime| (at.date() - morning).num_days();
    let mark = |n: i64| match n {
        0 => String::new(),
        n if n > 0 => format!(" (+{n})"),
        n => format!(" ({n})"),
    };
    let (a, b) = (later(start), later(end));
    if a == b {
        format!(
            "{}–{}{}",
            start.format("%H:%M"),
            end.format("%H:%M"),
            mark(a)
        )
    } else {
        format!(
            "{}{}–{}{}",
            start.format("%H:%M"),
            mark(a),
            end.format("%H:%M"),
            mark(b)
        )
    }
}

/// A day heading: `Day 2 · Wednesday 28 Dec 2016, runs until 04:00`.
pub(crate) fn day_heading(
    schedule: &crate::schedule::Schedule,
    day: &crate::schedule::ConferenceDay,
) -> String {
    schedule.day_heading(day)
}

/// A day heading whose `runs until` is on the clock the rows are shown in (`--tz`): the
/// organiser's day keeps its name and date, its last session's end is converted like the rows
/// (so a Berlin night ending at 01:15 runs until 19:15 in New York, which needs no mention).
pub(crate) fn day_heading_in(
    schedule: &crate::schedule::Schedule,
    day: &crate::schedule::ConferenceDay,
    zone: DisplayZone,
    tz: chrono_tz::Tz,
) -> String {
    if zone == DisplayZone::Conference {
        return schedule.day_heading(day);
    }
    schedule.day_heading_ending(day, |s| zone.span(tz, s).1)
}

/// The JSON view of one session.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SessionJson {
    /// Stable id.
    pub id: String,
    /// The conference day (1-based) it is listed under.
    pub day: u32,
    /// Local date of its start, YYYY-MM-DD.
    pub date: String,
    /// Local start, HH:MM.
    pub start: String,
    /// Local end, HH:MM.
    pub end: String,
    /// Start as an RFC 3339 time with the offset of the zone the times are shown in.
    pub start_at: String,
    /// End as an RFC 3339 time with the offset of the zone the times are shown in.
    pub end_at: String,
    /// Length in minutes.
    pub minutes: u32,
    /// Room.
    pub room: String,
    /// Title.
    pub title: String,
    /// Speakers.
    pub speakers: Vec<String>,
    /// talk, lightning, opening, closing, break or social.
    pub kind: &'static str,
    /// Topic tags.
    pub topics: Vec<String>,
    /// The organiser cancelled it (left out when false).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

impl SessionJson {
    /// A session of a schedule in zone `tz`, its times shown in `zone`.
    pub fn shown(s: &Session, zone: DisplayZone, tz: chrono_tz::Tz) -> Self {
        let (start, end) = zone.span(tz, s);
        let (from, until) = tz::instants(tz, s);
        SessionJson {
            id: s.id.clone(),
            day: s.day,
            date: start.format("%Y-%m-%d").to_string(),
            start: start.format("%H:%M").to_string(),
            end: end.format("%H:%M").to_string(),
            start_at: zone.at(tz, from).to_rfc3339(),
            end_at: zone.at(tz, until).to_rfc3339(),
            minutes: s.minutes,
            room: s.room.clone(),
            title: s.title.clone(),
            speakers: s.speakers.clone(),
            kind: s.kind.as_str(),
            topics: s.topics.clone(),
            cancelled: s.cancelled,
        }
    }
}

/// Writes a value as pretty JSON followed by a newline.
pub(crate) fn write_json(
    out: &mut dyn std::io::Write,
    value: &impl Serialize,
) -> anyhow::Result<()> {
    // As an io::Error, so that a closed pipe is recognised as one (`agenda talks --format json | head`).
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// A writer whose errors say what was being written (`cannot write standard output: No space
/// left on device`), keeping the error kind (a closed pipe is still recognised as one).
pub struct Named<W> {
    inner: W,
    name: &'static str,
}

impl<W> Named<W> {
    /// Wraps `inner`, called `name` in messages.
    pub fn new(inner: W, name: &'static str) -> Self {
        Named { inner, name }
    }

    fn label(&self, e: std::io::Error) -> std::io::Error {
        std::io::Error::new(e.kind(), format!("cannot write {}: {e}", self.name))
    }
}

impl<W: std::io::Write> std::io::Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.label(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().map_err(|e| self.label(e))
    }
}
