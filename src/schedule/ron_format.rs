//! The native, hand-kept schedule format: RON, as in the top-level `schedule.ron`.
//!
//! Dates and times are strings (`"2025-09-30"`, `"09:25"`) so that a bad one is reported with its
//! entry and line together with every other problem, instead of stopping the parser.
//!
//! Conference days: a session starting before the day change (`day_change: "04:00"` at the top
//! level of the file, 04:00 when left out) belongs to the conference day before, so a talk at
//! 01:30 on Saturday is part of Friday's night.

use super::validate::{self, Problem, Severity};
use super::{Conference, Kind, Schedule, Session};
use crate::error::bad_input;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The file as read: the conference header and the sessions. Unknown fields are errors (a
/// typo such as `speaker:` would otherwise be dropped without a word). Each entry is typed as
/// soon as it is read ([`Entries`]), so the file's entries are never held twice. Read through
/// [`ScheduleSeed`], which knows how many entries to make room for.
#[derive(Debug)]
pub(crate) struct RawSchedule {
    /// The conference header.
    pub conference: Conference,
    /// Local time at which one conference day ends and the next begins, `HH:MM`; sessions
    /// starting earlier belong to the day before. [`super::DEFAULT_DAY_CHANGE`] when left out.
    pub day_change: Option<String>,
    /// Every entry, in any order.
    pub sessions: Entries,
}

/// The file as written by [`write`]: the fields of [`RawSchedule`], in its order, each
/// session written as it is made, borrowing its text.
#[derive(Serialize)]
struct WrittenSchedule<'a> {
    conference: &'a Conference,
    #[serde(skip_serializing_if = "Option::is_none")]
    day_change: Option<String>,
    sessions: WrittenSessions<'a>,
}

/// The sessions of a [`WrittenSchedule`].
struct WrittenSessions<'a>(&'a [Session]);

impl Serialize for WrittenSessions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|s| WrittenSession {
            id: &s.id,
            date: s.date.format("%Y-%m-%d").to_string(),
            start: s.start.format("%H:%M").to_string(),
            minutes: i64::from(s.minutes),
            room: &s.room,
            kind: s.kind,
            title: &s.title,
            subtitle: &s.subtitle,
            speakers: &s.speakers,
            track: s.track.as_deref().unwrap_or_default(),
            topics: &s.topics,
            abstract_text: &s.abstract_text,
            cancelled: s.cancelled,
            url: s.links.page.as_deref(),
            video: s.links.video.as_deref(),
            chat: s.links.chat.as_deref(),
        }))
    }
}

/// One entry as [`write`] writes it: [`RawSession`]'s fields, in its order, with its rules.
#[derive(Serialize)]
struct WrittenSession<'a> {
    id: &'a str,
    date: String,
    start: String,
    minutes: i64,
    room: &'a str,
    kind: Kind,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    subtitle: &'a str,
    speakers: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    track: &'a str,
    topics: &'a [String],
    #[serde(rename = "abstract")]
    abstract_text: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cancelled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    video: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chat: Option<&'a str>,
}

/// One entry as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSession {
    /// Stable identifier, unique in the file.
    pub id: String,
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Local start, `HH:MM`.
    pub start: String,
    /// Length in minutes.
    pub minutes: i64,
    /// One of the conference's rooms.
    pub room: String,
    /// Talk, Lightning, Opening, Closing, Break or Social.
    pub kind: Kind,
    /// Title exactly as published.
    pub title: String,
    /// The subtitle, when published: matched as the title is, not shown with it. Left out:
    /// none.
    #[serde(default)]
    pub subtitle: String,
    /// Speakers, in published order.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// The track (devroom), when the conference has tracks: `track: "Rust"`.
    #[serde(default)]
    pub track: String,
    /// Lowercase topic tags.
    #[serde(default)]
    pub topics: Vec<String>,
    /// The abstract, whole.
    #[serde(default, rename = "abstract")]
    pub abstract_text: String,
    /// The organiser cancelled it: `cancelled: true` (shown, never planned). Left out: false,
    /// unless the title carries a marker such as "[CANCELED]".
    #[serde(default)]
    pub cancelled: bool,
    /// The talk's page: `url: Some("https://…")`.
    #[serde(default)]
    pub url: Option<WebAddress>,
    /// Its video (recording or stream): `video: Some("https://…")`.
    #[serde(default)]
    pub video: Option<WebAddress>,
    /// Its chat room: `chat: Some("https://…")`.
    #[serde(default)]
    pub chat: Option<WebAddress>,
}

/// A link of an entry: a web address, checked as it is read (see
/// [`super::links::web_address`]); anything else stops the reading with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WebAddress(String);

impl<'de> Deserialize<'de> for WebAddress {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::links::web_address(&text).map(WebAddress).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a web address: a link must start with https:// or http:// and hold no spaces, quotes or angle brackets"
            ))
        })
    }
}

/// Reads a RON schedule, returning the schedule and every problem found (errors and warnings).
///
/// Only a file that cannot be parsed at all is an `Err`; entries with a bad date, time or length
/// are left out of the schedule and reported as problems.
pub fn read(text: &str, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    let (raw, lines) = parse_raw(text, source)?;
    Ok(typed(raw, &lines, source))
}

/// [`read`], letting go of the text as soon as it is parsed: a schedule of 100,000 talks is
/// about 60 MB of text, which need not stay in memory while the schedule is sorted and checked.
pub(crate) fn read_owned(text: String, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    let (raw, lines) = parse_raw(&text, source)?;
    drop(text);
    Ok(typed(raw, &lines, source))
}

/// How every RON file of the tool is read (schedules, profiles, saved plans, venue files): the
/// `Some(…)` around an optional value may be left out.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// The file parsed, with the lines its problems point at.
fn parse_raw(text: &str, source: &str) -> anyhow::Result<(RawSchedule, FileLines)> {
    let lines = FileLines::of(text);
    let seed = ScheduleSeed {
        expected: room_for(lines.entries.len(), text.len()),
    };
    let raw = ron_options()
        .from_str_seed(text, seed)
        .map_err(|e| not_ron(&e, &field_lines(text), source))?;
    Ok((raw, lines))
}

/// The schedule and every problem of a parsed file (see [`read`]).
fn typed(raw: RawSchedule, lines: &FileLines, source: &str) -> (Schedule, Vec<Problem>) {
    let Entries {
        mut sessions,
        unreadable,
    } = raw.sessions;
    let written = sessions.len() + unreadable.len();
    let mut problems = Vec::new();
    for (index, s) in &unreadable {
        let line = lines.entries.get(*index).copied();
        problems.extend(unreadable_problems(s, line, &raw.conference, source));
    }
    // Each session's line: the line of its entry, counting the entries left out.
    let mut left_out = unreadable.iter().map(|(index, _)| *index).peekable();
    let mut index = 0;
    for s in &mut sessions {
        while left_out.next_if_eq(&index).is_some() {
            index += 1;
        }
        s.line = lines.entries.get(index).copied();
        index += 1;
    }
    let change = day_change(raw.day_change.as_deref(), lines, source, &mut problems);
    let schedule = Schedule::with_day_change(raw.conference, sessions, change, source);
    problems.extend(located_check(&schedule, lines, written));
    problems.sort_by_key(|p| (p.line.unwrap_or(0), p.code));
    (schedule, problems)
}

/// How many sessions to reserve room for when `ids` entries were counted in a text of `bytes`:
/// never more than the text's own size in sessions, so that a file of nothing but `id:`s
/// cannot make it reserve gigabytes (a real entry is far longer than a [`Session`]'s size).
fn room_for(ids: usize, bytes: usize) -> usize {
    ids.min(bytes / std::mem::size_of::<Session>())
}

/// The file's entries, each typed as it is read: the sessions (their `line` is set afterwards),
/// and by position among the entries, those whose date, start or length cannot be read.
#[derive(Debug, Default)]
pub(crate) struct Entries {
    sessions: Vec<Session>,
    unreadable: Vec<(usize, Box<RawSession>)>,
}

/// Reads a [`RawSchedule`] as `#[derive(Deserialize)]` with `deny_unknown_fields` would (the
/// same messages), its [`Entries`] into room for `expected` sessions (0 when unknown), counted
/// by [`FileLines::of`] before parsing.
struct ScheduleSeed {
    expected: usize,
}

/// The fields of a [`RawSchedule`], in the file's order.
const FIELDS: &[&str] = &["conference", "day_change", "sessions"];

/// A field name of a [`RawSchedule`], as its index in [`FIELDS`].
struct Field(usize);

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Field;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Field, E> {
                FIELDS
                    .iter()
                    .position(|f| *f == name)
                    .map(Field)
                    .ok_or_else(|| E::unknown_field(name, FIELDS))
            }
        }
        deserializer.deserialize_identifier(Visit)
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for ScheduleSeed {
    type Value = RawSchedule;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<RawSchedule, D::Error> {
        deserializer.deserialize_struct("RawSchedule", FIELDS, self)
    }
}

impl<'de> serde::de::Visitor<'de> for ScheduleSeed {
    type Value = RawSchedule;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("struct RawSchedule")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawSchedule, A::Error> {
        let missing =
            |n| serde::de::Error::invalid_length(n, &"struct RawSchedule with 3 elements");
        let conference = seq.next_element()?.ok_or_else(|| missing(0))?;
        let day_change = seq.next_element()?.unwrap_or_default();
        let sessions = seq
            .next_element_seed(EntriesSeed(self.expected))?
            .ok_or_else(|| missing(2))?;
        Ok(RawSchedule {
            conference,
            day_change,
            sessions,
        })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawSchedule, A::Error> {
        let (mut conference, mut day_change, mut sessions) = (None, None, None);
        while let Some(Field(field)) = map.next_key()? {
            let twice = || serde::de::Error::duplicate_field(FIELDS[field]);
            match field {
                0 if conference.is_some() => return Err(twice()),
                0 => conference = Some(map.next_value()?),
                1 if day_change.is_some() => return Err(twice()),
                1 => day_change = Some(map.next_value()?),
                _ if sessions.is_some() => return Err(twice()),
                _ => sessions = Some(map.next_value_seed(EntriesSeed(self.expected))?),
            }
        }
        Ok(RawSchedule {
            conference: conference.ok_or_else(|| serde::de::Error::missing_field("conference"))?,
            day_change: day_change.unwrap_or_default(),
            sessions: sessions.ok_or_else(|| serde::de::Error::missing_field("sessions"))?,
        })
    }
}

/// Reads [`Entries`] into room for this many sessions.
struct EntriesSeed(usize);

impl<'de> serde::de::DeserializeSeed<'de> for EntriesSeed {
    type Value = Entries;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Entries, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for EntriesSeed {
    type Value = Entries;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Entries, A::Error> {
        let mut entries = Entries {
            sessions: Vec::with_capacity(self.0),
            unreadable: Vec::new(),
        };
        let mut index = 0;
        while let Some(raw) = seq.next_element::<RawSession>()? {
            match typed_session(raw) {
                Ok(session) => entries.sessions.push(session),
                Err(raw) => entries.unreadable.push((index, raw)),
            }
            index += 1;
        }
        Ok(entries)
    }
}

/// The error for a file RON cannot parse: its place, the entry it is in or after, a likely
/// field name for a typo, and what an entry looks like.
fn not_ron(e: &ron::error::SpannedError, fields: &[FieldLine<'_>], source: &str) -> anyhow::Error {
    if fields
        .iter()
        .any(|f| f.depth == 1 && f.name == "agenda_plan")
    {
        return bad_input(format!(
            "{source} is a saved plan (`agenda plan --save`), not a schedule; give it to \
             `compare`, `together` or `replan`, and the schedule with --schedule"
        ));
    }
    let (line, col) = (e.span.start.line, e.span.start.col);
    let near = fields
        .iter()
        .rfind(|f| f.depth == 3 && f.name == "id" && f.line <= line)
        .and_then(|f| {
            f.value()
                .map(|id| format!(" (in or after entry `{id}` of line {})", f.line))
        })
        .unwrap_or_default();
    let suggestion = match &e.code {
        ron::Error::NoSuchStructField {
            expected, found, ..
        } => crate::text::closest(found, expected.iter().copied())
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default(),
        _ => String::new(),
    };
    bad_input(format!(
        "{source}:{line}:{col}: the file is not a valid RON schedule{near}: {}{suggestion}; \
             correct it at or just before that place. Each entry reads \
             `(id: \"…\", date: \"YYYY-MM-DD\", start: \"HH:MM\", minutes: N, room: \"…\", kind: Talk, \
             title: \"…\", speakers: [\"…\"], topics: [\"…\"], abstract: \"…\"),` as in the project's schedule.ron",
        // Name the file's parts, not this module's types.
        [
            ("RawSchedule", "the schedule"),
            ("RawSession", "a session"),
            ("Conference", "the conference header"),
        ]
        .iter()
        .fold(e.code.to_string(), |m, (ty, part)| {
            m.replace(&format!("struct `{ty}`"), part)
                .replace(&format!("`{ty}`"), part)
        })
    ))
}

/// One entry as a typed session (without its line), or the entry back when its date, start or
/// length cannot be read. Speakers and topics are kept without spare room (a list read from
/// the file has room for four).
fn typed_session(s: RawSession) -> Result<Session, Box<RawSession>> {
    let (Some(date), Some(start), Ok(minutes)) = (
        strict_date(&s.date),
        strict_time(&s.start),
        u32::try_from(s.minutes),
    ) else {
        return Err(Box::new(s));
    };
    let (mut speakers, mut topics) = (s.speakers, s.topics);
    speakers.shrink_to_fit();
    topics.shrink_to_fit();
    Ok(Session {
        id: s.id,
        date,
        day: 0,
        start,
        minutes,
        room: s.room,
        kind: s.kind,
        title: s.title,
        subtitle: s.subtitle.trim().to_string(),
        speakers,
        track: Some(s.track.trim().to_string()).filter(|t| !t.is_empty()),
        topics,
        abstract_text: s.abstract_text,
        line: None,
        cancelled: s.cancelled,
        links: super::Links {
            page: s.url.map(|u| u.0),
            video: s.video.map(|u| u.0),
            chat: s.chat.map(|u| u.0),
        },
    })
}

/// `YYYY-MM-DD` only: chrono alone would also take "2025-9-30".
fn strict_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
}

/// `HH:MM` only: chrono alone would also take "9:5".
fn strict_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .ok()
        .filter(|_| text.len() == 5)
}

/// The problems of an entry left out of the schedule because its date, start or length cannot
/// be read: those, and whatever else can be checked of it on its own.
fn unreadable_problems(
    s: &RawSession,
    line: Option<usize>,
    conference: &Conference,
    source: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut bad = |code: &'static str, what: String, fix: &'static str| {
        problems.push(Problem {
            severity: Severity::Error,
            code,
            source: source.to_string(),
            line,
            entry: Some(s.id.clone()),
            message: what,
            fix: fix.into(),
        });
    };
    if strict_date(&s.date).is_none() {
        bad(
            "bad-date",
            format!("date `{}` is not a date", s.date),
            "write the date as YYYY-MM-DD, e.g. \"2025-09-30\"",
        );
    }
    if strict_time(&s.start).is_none() {
        bad(
            "bad-time",
            format!("start `{}` is not a time", s.start),
            "write the start as HH:MM in 24-hour local time, e.g. \"09:30\"",
        );
    }
    // A zero length is reported by `validate::check`, which sees the typed session.
    let minutes = u32::try_from(s.minutes);
    if minutes.is_err() {
        let what = if s.minutes < 0 {
            "is not a positive number"
        } else {
            "is too long for one session"
        };
        bad(
            "bad-length",
            format!("length {} minutes {what}", s.minutes),
            "give the length in minutes as a number above 0",
        );
    }
    problems.extend(
        validate::entry_problems(
            conference,
            source,
            validate::EntryFields {
                id: &s.id,
                room: &s.room,
                title: &s.title,
                minutes: s.minutes,
                line,
            },
        )
        .into_iter()
        .filter(|p| p.code != "too-long" || minutes.is_ok()),
    );
    problems
}

/// The day's change time (`day_change`), 04:00 when left out or when unreadable (reported).
fn day_change(
    text: Option<&str>,
    lines: &FileLines,
    source: &str,
    problems: &mut Vec<Problem>,
) -> NaiveTime {
    match text {
        None => super::DEFAULT_DAY_CHANGE,
        Some(text) => match NaiveTime::parse_from_str(text, "%H:%M")
            .ok()
            .filter(|_| text.len() == 5)
        {
            Some(t) => t,
            None => {
                problems.push(Problem {
                    severity: Severity::Error,
                    code: "bad-day-change",
                    source: source.to_string(),
                    line: lines.field(1, "day_change"),
                    entry: None,
                    message: format!("day_change `{text}` is not a time"),
                    fix: "write it as HH:MM, e.g. day_change: Some(\"04:00\"), or leave it out for 04:00"
                        .into(),
                });
                super::DEFAULT_DAY_CHANGE
            }
        },
    }
}

/// [`validate::check`]'s problems, the header's pointing at the header's field; `no-sessions`
/// is dropped when `written` entries were all left out for problems already reported.
fn located_check(schedule: &Schedule, lines: &FileLines, written: usize) -> Vec<Problem> {
    let mut problems = Vec::new();
    for mut problem in validate::check(schedule) {
        if problem.code == "no-sessions" && written > 0 {
            // Every entry was left out for a problem already reported.
            continue;
        }
        // Problems of the conference header point at the header's field.
        if problem.line.is_none() {
            let field = match problem.code {
                "time-zone" => "time_zone",
                _ => "rooms",
            };
            problem.line = lines.field(2, field);
        }
        problems.push(problem);
    }
    problems
}

/// Reads a RON schedule and fails, listing every error, if there is any.
pub fn parse(text: &str, source: &str) -> anyhow::Result<Schedule> {
    let (schedule, problems) = read(text, source)?;
    validate::fail_on_errors(&problems)?;
    Ok(schedule)
}

/// Writes a schedule as RON text, in the layout of the embedded `schedule.ron`.
pub fn write(schedule: &Schedule) -> anyhow::Result<String> {
    let mut text = String::new();
    write_into(schedule, &mut text)?;
    Ok(text)
}

/// [`write`] into `out` piece by piece, never holding the whole text (for the schedule's hash).
pub(crate) fn write_into(schedule: &Schedule, mut out: impl std::fmt::Write) -> anyhow::Result<()> {
    let raw = WrittenSchedule {
        conference: &schedule.conference,
        day_change: day_change_for(schedule)
            .and_then(|t| (t != super::DEFAULT_DAY_CHANGE).then(|| t.format("%H:%M").to_string())),
        sessions: WrittenSessions(&schedule.sessions),
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false);
    ron::ser::to_writer_pretty(&mut out, &raw, config)?;
    out.write_char('\n')?;
    Ok(())
}

/// A day change that puts every session of `schedule` on the conference day (by its date) it
/// is on now: the default if it does, else the start time of one of its days. `None` when no
/// single day change can (an export whose days overlap); then the default is written and the
/// days are derived anew when the file is read.
pub(crate) fn day_change_for(schedule: &Schedule) -> Option<NaiveTime> {
    let mut candidates = vec![super::DEFAULT_DAY_CHANGE];
    candidates.extend(schedule.days().iter().map(|d| d.start.time()));
    candidates.into_iter().find(|&change| {
        schedule.sessions.iter().all(|s| {
            let morning = if s.start < change {
                s.date - chrono::Duration::days(1)
            } else {
                s.date
            };
            schedule.day_of(s).is_some_and(|d| d.date == morning)
        })
    })
}

/// A field name followed by `:` in the RON text, with its nesting depth and 1-based line.
#[derive(Debug, Clone, PartialEq)]
struct FieldLine<'a> {
    /// Open brackets around it: 1 for the top-level fields, 2 for the conference header's
    /// fields, 3 for each session's fields.
    depth: usize,
    name: &'a str,
    line: usize,
    /// The text after the `:`.
    rest: &'a str,
}

impl<'a> FieldLine<'a> {
    /// The value when it is a plain string on the same line (used for ids), as written; found
    /// only when asked for, so that scanning a file with no line breaks stays linear.
    fn value(&self) -> Option<&'a str> {
        let rest = self.rest;
        let rest = rest.split_once('\n').map_or(rest, |(l, _)| l);
        rest.trim_start()
            .strip_prefix('"')
            .and_then(|v| v.split_once('"'))
            .map(|(v, _)| v)
    }
}

/// The lines the problems of a parsed file point at: each entry's (the line of its `id`
/// field) and the header's fields', kept without the text.
#[derive(Debug, Default)]
struct FileLines {
    /// The line of the n-th entry's `id`.
    entries: Vec<usize>,
    /// (depth, name, line) of each field at depth 2 or less (see [`FieldLine`]).
    header: Vec<(usize, String, usize)>,
}

impl FileLines {
    fn of(text: &str) -> FileLines {
        let mut lines = FileLines::default();
        scan_fields(text, |f| {
            if f.depth == 3 && f.name == "id" {
                lines.entries.push(f.line);
            } else if f.depth <= 2 {
                lines.header.push((f.depth, f.name.to_string(), f.line));
            }
        });
        lines
    }

    /// The line of the first field `name` at `depth`.
    fn field(&self, depth: usize, name: &str) -> Option<usize> {
        self.header
            .iter()
            .find(|(d, n, _)| *d == depth && n == name)
            .map(|&(_, _, line)| line)
    }
}

/// Every `name:` of the header and every session's `id:`, outside strings and comments, in
/// order, so that the n-th session's `id` field gives its line whatever the layout.
fn field_lines(text: &str) -> Vec<FieldLine<'_>> {
    let mut fields = Vec::new();
    scan_fields(text, |f| fields.push(f));
    fields
}

/// Calls `each` with every `name:` of the header and every session's `id:`, outside strings
/// and comments, in order (see [`field_lines`]).
///
/// Scans bytes: every character that matters is ASCII, and the bytes of other UTF-8
/// characters never are, so each index where one is found is a character boundary.
fn scan_fields<'a>(text: &'a str, mut each: impl FnMut(FieldLine<'a>)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let (mut i, mut line, mut depth) = (0, 1, 0usize);
    while i < n {
        match bytes[i] {
            b'\n' => line += 1,
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => {
                i += 1;
                while i < n && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    if bytes.get(i) == Some(&b'\n') {
                        line += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < n && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                while i < n && !(i > 0 && bytes[i - 1] == b'*' && bytes[i] == b'/') {
                    if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let from = i;
                while i < n && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let mut j = i;
                while j < n && bytes[j].is_ascii_whitespace() && bytes[j] != b'\n' {
                    j += 1;
                }
                let name = &text[from..i];
                // Kept: the header's fields and each session's `id` (all the readers of these
                // lines ask for); a session's other fields would make the list ten times longer.
                if bytes.get(j) == Some(&b':') && (depth <= 2 || name == "id") {
                    each(FieldLine {
                        depth,
                        name,
                        line,
                        rest: &text[j + 1..],
                    });
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `#[derive(Deserialize)]` with `deny_unknown_fields` reads, under the same name, to
    /// hold [`ScheduleSeed`] to the same answers and messages.
    mod derived {
        use super::super::{Conference, RawSession};
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct RawSchedule {
            pub conference: Conference,
            #[serde(default)]
            pub day_change: Option<String>,
            pub sessions: Vec<RawSession>,
        }
    }

    /// The seed and the derived reader agree on `text`: the same error, or the same parts.
    fn reads_as_derived(text: &str) {
        let options = super::ron_options();
        let seeded = options.from_str_seed(text, ScheduleSeed { expected: 3 });
        let derived = options.from_str::<derived::RawSchedule>(text);
        match (seeded, derived) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.conference, b.conference, "{text}");
                assert_eq!(a.day_change, b.day_change, "{text}");
                let n = a.sessions.sessions.len() + a.sessions.unreadable.len();
                assert_eq!(n, b.sessions.len(), "{text}");
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text}"),
            (a, b) => panic!("{text}: seed {:?}, derived {:?}", a.is_ok(), b.is_ok()),
        }
    }

    #[test]
    fn the_seed_reads_every_file_and_fails_every_file_as_the_derived_reader_does() {
        let good = crate::schedule::EMBEDDED_RON;
        let header = "conference: (name: \"C\", time_zone: \"Europe/Berlin\", rooms: [\"A\"])";
        let session = "(id: \"a\", date: \"2025-09-30\", start: \"09:00\", minutes: 30, room: \"A\", kind: Talk, title: \"T\")";
        let mut cases = vec![
            good.to_string(),
            format!("({header}, sessions: [{session}])"),
            format!("({header}, day_change: \"05:00\", sessions: [{session}, {session}])"),
            format!("(sessions: [], {header})"),
            format!("({header})"),
            format!("(sessions: [])"),
            format!("({header}, {header}, sessions: [])"),
            format!("({header}, sessions: [], sessions: [])"),
            format!("({header}, day_change: None, day_change: None, sessions: [])"),
            format!("({header}, sesions: [])"),
            format!("({header}, speaker: 1, sessions: [])"),
            format!("RawSchedule({header}, sessions: [])"),
            format!("Other({header}, sessions: [])"),
            format!("({header}, sessions: [(id: 1)])"),
            format!("({header}, sessions: 3)"),
            "[1, 2]".to_string(),
            "()".to_string(),
            "".to_string(),
            "3".to_string(),
            format!("({header}, sessions: [{session}],) trailing"),
        ];
        for dir in ["tests/fixtures/bad", "tests/fixtures/import"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                if entry.path().extension().is_some_and(|e| e == "ron") {
                    cases.push(std::fs::read_to_string(entry.path()).unwrap());
                }
            }
        }
        // And the embedded schedule cut short at many places.
        let cuts: Vec<String> = (1..200)
            .map(|k| k * good.len() / 200)
            .filter(|&at| good.is_char_boundary(at))
            .map(|at| good[..at].to_string())
            .collect();
        for text in cases.iter().chain(&cuts) {
            reads_as_derived(text);
        }
    }

    #[test]
    fn entry_lines_ignore_strings_and_comments_and_follow_any_layout() {
        let text = "// id: not a field\n(\n  conference: (time_zone: \"x\", rooms: []),\n  sessions: [\n    (title: \"id: in a string\", id: \"a\"),\n    /* (id: \"no\") */ (\n      id: \"b\"),\n  ],\n)\n";
        let ids: Vec<usize> = field_lines(text)
            .into_iter()
            .filter(|f| f.depth == 3 && f.name == "id")
            .map(|f| f.line)
            .collect();
        assert_eq!(ids, [5, 7]);
        let tz = field_lines(text)
            .into_iter()
            .find(|f| f.name == "time_zone");
        assert_eq!(tz.map(|f| (f.depth, f.line)), Some((2, 3)));
    }

    #[test]
    fn syntax_errors_name_the_place_and_the_files_parts_not_rust_types() {
        let text = "(conference: (name: \"x\", time_zone: \"UTC\", rooms: [\"A\"]),\n sessions: [\n  (id: \"a\")])";
        let message = format!("{:#}", read(text, "m.ron").unwrap_err());
        assert!(message.starts_with("m.ron:3:"), "{message}");
        assert!(
            message.contains("in or after entry `a` of line 3"),
            "{message}"
        );
        assert!(
            message.contains("missing field named `date` in a session"),
            "{message}"
        );
        assert!(!message.contains("Raw"), "{message}");
    }

    #[test]
    fn a_length_too_large_for_minutes_is_one_error_not_a_panic() {
        let text = "(conference: (name: \"x\", time_zone: \"UTC\", rooms: [\"A\"]), sessions: [\n(id: \"a\", date: \"2025-01-01\", start: \"09:00\", minutes: 99999999999, room: \"A\", kind: Talk, title: \"t\")])";
        let (schedule, problems) = read(text, "big.ron").unwrap();
        assert!(schedule.sessions.is_empty());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            (problems[0].code, problems[0].line),
            ("bad-length", Some(2))
        );
        assert!(problems[0].message.contains("too long"));
    }

    #[test]
    fn sessions_after_an_entry_left_out_keep_their_own_lines() {
        let text = "(conference: (name: \"x\", time_zone: \"UTC\", rooms: [\"A\"]), sessions: [\n\
            (id: \"a\", date: \"2025-01-01\", start: \"09:00\", minutes: 30, room: \"A\", kind: Talk, title: \"t\"),\n\
            (id: \"bad\", date: \"2025-1-1\", start: \"9\", minutes: 30, room: \"A\", kind: Talk, title: \"t\"),\n\
            (id: \"b\", date: \"2025-01-01\", start: \"10:00\", minutes: 30, room: \"A\", kind: Talk, title: \"t\"),\n\
            (id: \"c\", date: \"2025-01-01\", start: \"08:00\", minutes: 30, room: \"A\", kind: Talk, title: \"t\")])";
        let (schedule, problems) = read(text, "lines.ron").unwrap();
        let lines: Vec<(&str, Option<usize>)> = schedule
            .sessions
            .iter()
            .map(|s| (s.id.as_str(), s.line))
            .collect();
        assert_eq!(lines, [("c", Some(5)), ("a", Some(2)), ("b", Some(4))]);
        let found: Vec<(&str, Option<usize>)> = problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(found, [("bad-date", Some(3)), ("bad-time", Some(3))]);
        // Read from text it owns, the same schedule and problems.
        let (owned, again) = read_owned(text.to_string(), "lines.ron").unwrap();
        assert_eq!(owned, schedule);
        assert_eq!(again, problems);
    }

    #[test]
    fn the_room_reserved_for_entries_never_exceeds_the_texts_size() {
        let per_session = std::mem::size_of::<Session>();
        // The 100,000-talk file: 110,500 entries in 59 MB, all reserved.
        assert_eq!(room_for(110_500, 59_120_292), 110_500);
        // `id:id:id:…` at depth 3: 21 million "entries" in 64 MB get no more than 64 MB.
        let bytes = 64 << 20;
        assert!(room_for(bytes / 3, bytes) * per_session <= bytes);
        let text = format!(
            "(conference: (name: \"x\", time_zone: \"UTC\", rooms: []), sessions: [({})])",
            "id:".repeat(100_000)
        );
        assert!(read(&text, "ids.ron").is_err());
    }

    #[test]
    fn embedded_schedule_round_trips_through_write() {
        let schedule = crate::schedule::Schedule::embedded().unwrap();
        let again = parse(&write(&schedule).unwrap(), "written").unwrap();
        let strip = |s: &crate::schedule::Session| crate::schedule::Session {
            line: None,
            ..s.clone()
        };
        assert_eq!(
            schedule.sessions.iter().map(strip).collect::<Vec<_>>(),
            again.sessions.iter().map(strip).collect::<Vec<_>>()
        );
    }

    fn with_change(change: &str) -> String {
        format!(
            "(conference: (name: \"x\", time_zone: \"UTC\", rooms: [\"A\"]),{change}\n sessions: [\n  \
             (id: \"evening\", date: \"2030-01-01\", start: \"22:00\", minutes: 30, room: \"A\", kind: Talk, title: \"E\"),\n  \
             (id: \"late\", date: \"2030-01-02\", start: \"04:30\", minutes: 30, room: \"A\", kind: Talk, title: \"L\"),\n  \
             (id: \"morning\", date: \"2030-01-02\", start: \"10:00\", minutes: 30, room: \"A\", kind: Talk, title: \"M\")])"
        )
    }

    #[test]
    fn optional_fields_read_the_same_with_or_without_some() {
        let with = |url: &str, change: &str| {
            format!(
                "(conference: (name: \"x\", time_zone: \"UTC\", rooms: [\"A\"]),{change} sessions: [\
                 (id: \"a\", date: \"2030-01-01\", start: \"10:00\", minutes: 30, room: \"A\", \
                 kind: Talk, title: \"T\", url: {url}, video: {url}, chat: {url})])"
            )
        };
        let explicit = parse(
            &with(
                "Some(\"https://example.org/a\")",
                " day_change: Some(\"05:00\"),",
            ),
            "explicit.ron",
        )
        .unwrap();
        let implicit = parse(
            &with("\"https://example.org/a\"", " day_change: \"05:00\","),
            "implicit.ron",
        )
        .unwrap();
        assert_eq!(write(&explicit).unwrap(), write(&implicit).unwrap());
        let talk = implicit.get("a").unwrap();
        for link in [&talk.links.page, &talk.links.video, &talk.links.chat] {
            assert_eq!(link.as_deref(), Some("https://example.org/a"));
        }
    }

    #[test]
    fn a_day_change_in_the_file_moves_later_nights_to_the_day_before() {
        let default = parse(&with_change(""), "d.ron").unwrap();
        assert_eq!(
            default.get("late").unwrap().day,
            2,
            "04:30 is after the 04:00 default"
        );
        let later = parse(&with_change(" day_change: Some(\"05:00\"),"), "d.ron").unwrap();
        assert_eq!(later.get("evening").unwrap().day, 1);
        assert_eq!(later.get("late").unwrap().day, 1);
        assert_eq!(later.get("morning").unwrap().day, 2);
        // Written back, the file says a day change that keeps every session on its day.
        let text = write(&later).unwrap();
        assert!(text.contains("day_change: Some("), "{text}");
        // The hash writes the same text itself, day change included.
        assert_eq!(
            super::super::hash::schedule_hash(&later).unwrap(),
            format!(
                "fnv1a64:{:016x}",
                super::super::hash::fnv1a64(text.as_bytes())
            )
        );
        let again = parse(&text, "again.ron").unwrap();
        for s in &later.sessions {
            assert_eq!(again.get(&s.id).unwrap().day, s.day, "{}", s.id);
        }
        assert!(!write(&default).unwrap().contains("day_change"));
    }

    #[test]
    fn a_day_change_that_is_not_a_time_is_an_error_at_its_line() {
        let (_, problems) = read(&with_change(" day_change: Some(\"5am\"),"), "d.ron").unwrap();
        let bad: Vec<_> = problems
            .iter()
            .filter(|p| p.code == "bad-day-change")
            .collect();
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, Some(1));
    }
}
