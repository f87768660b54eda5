//! The native, hand-kept schedule format: RON, as in the top-level `schedule.ron`.
//!
//! Dates and times are strings (`"2025-09-30"`, `"09:25"`) so that a bad one is reported with its
//! entry and line together with every other problem, instead of stopping the parser.

use super::validate::{self, Problem, Severity};
use super::{Conference, Kind, Schedule, Session};
use crate::error::UserError;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The file as written: the conference header and the sessions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawSchedule {
    /// The conference header.
    pub conference: Conference,
    /// Every entry, in any order.
    pub sessions: Vec<RawSession>,
}

/// One entry as written in the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawSession {
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
    /// Speakers, in published order.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Lowercase topic tags.
    #[serde(default)]
    pub topics: Vec<String>,
    /// The abstract, whole.
    #[serde(default, rename = "abstract")]
    pub abstract_text: String,
}

/// Reads a RON schedule, returning the schedule and every problem found (errors and warnings).
///
/// Only a file that cannot be parsed at all is an `Err`; entries with a bad date or time are
/// left out of the schedule and reported as problems.
pub fn read(text: &str, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    let raw: RawSchedule = ron::from_str(text).map_err(|e| {
        UserError::err(format!(
            "{source}:{}:{}: not a valid RON schedule: {}. Compare with the embedded schedule (`agenda talks --format ron` is not needed: see schedule.ron in the project) and fix the syntax there",
            e.span.start.line, e.span.start.col, e.code
        ))
    })?;
    let lines = entry_lines(text);
    let mut problems = Vec::new();
    let mut sessions = Vec::with_capacity(raw.sessions.len());
    for (index, s) in raw.sessions.into_iter().enumerate() {
        let line = lines.get(index).copied();
        let mut bad = |what: String, fix: &str| {
            problems.push(Problem {
                severity: Severity::Error,
                code: "bad-value",
                source: source.to_string(),
                line,
                entry: Some(s.id.clone()),
                message: what,
                fix: fix.to_string(),
            });
        };
        let date = NaiveDate::parse_from_str(&s.date, "%Y-%m-%d");
        let start = NaiveTime::parse_from_str(&s.start, "%H:%M");
        if date.is_err() {
            bad(
                format!("date `{}` is not a date", s.date),
                "write the date as YYYY-MM-DD, e.g. \"2025-09-30\"",
            );
        }
        if start.is_err() {
            bad(
                format!("start `{}` is not a time", s.start),
                "write the start as HH:MM in 24-hour local time, e.g. \"09:30\"",
            );
        }
        if s.minutes <= 0 {
            bad(
                format!("length {} minutes is not positive", s.minutes),
                "give the length in minutes as a number above 0",
            );
        }
        if let (Ok(date), Ok(start)) = (date, start) {
            sessions.push(Session {
                id: s.id,
                date,
                start,
                minutes: u32::try_from(s.minutes.max(0)).unwrap_or(u32::MAX),
                room: s.room,
                kind: s.kind,
                title: s.title,
                speakers: s.speakers,
                topics: s.topics,
                abstract_text: s.abstract_text,
                line,
            });
        }
    }
    let schedule = Schedule::new(raw.conference, sessions, source);
    problems.extend(validate::check(&schedule));
    problems.sort_by_key(|p| (p.line.unwrap_or(0), p.code));
    Ok((schedule, problems))
}

/// Reads a RON schedule and fails, listing every error, if there is any.
pub fn parse(text: &str, source: &str) -> anyhow::Result<Schedule> {
    let (schedule, problems) = read(text, source)?;
    validate::fail_on_errors(&problems)?;
    Ok(schedule)
}

/// Writes a schedule as RON text, in the layout of the embedded `schedule.ron`.
pub fn write(schedule: &Schedule) -> anyhow::Result<String> {
    let raw = RawSchedule {
        conference: schedule.conference.clone(),
        sessions: schedule
            .sessions
            .iter()
            .map(|s| RawSession {
                id: s.id.clone(),
                date: s.date.format("%Y-%m-%d").to_string(),
                start: s.start.format("%H:%M").to_string(),
                minutes: i64::from(s.minutes),
                room: s.room.clone(),
                kind: s.kind,
                title: s.title.clone(),
                speakers: s.speakers.clone(),
                topics: s.topics.clone(),
                abstract_text: s.abstract_text.clone(),
            })
            .collect(),
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false);
    let mut text = ron::ser::to_string_pretty(&raw, config)?;
    text.push('\n');
    Ok(text)
}

/// The 1-based line of each entry's `id:` field, in file order: the n-th `id:` that starts a
/// line belongs to the n-th session.
fn entry_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start();
            t.starts_with("id:") || t.starts_with("id :")
        })
        .map(|(i, _)| i + 1)
        .collect()
}
