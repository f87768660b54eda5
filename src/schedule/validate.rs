//! Checks a schedule for every problem at once: unknown rooms, overlaps in a room, talks over
//! breaks, duplicate ids, non-positive lengths, an unknown time zone.
//!
//! Each [`Problem`] has a stable code, its place (file, line, entry), what is wrong and what to do.
//! The hand-kept RON format treats every problem as an error; importers of real exports downgrade
//! the ones real data is known to contain to warnings.

use super::{Kind, Schedule};
use crate::error::UserError;
use std::collections::BTreeMap;
use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Doubtful data that the planner copes with.
    Warning,
    /// The schedule cannot be used as it is.
    Error,
}

/// One problem found in a schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Stable short code, e.g. `room-overlap`.
    pub code: &'static str,
    /// The file it was found in.
    pub source: String,
    /// The line of the entry, when known.
    pub line: Option<usize>,
    /// The entry's id, when the problem belongs to one.
    pub entry: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {level}[{}]", self.code)?;
        if let Some(entry) = &self.entry {
            write!(f, " entry `{entry}`")?;
        }
        write!(f, ": {}; {}", self.message, self.fix)
    }
}

/// Every consistency problem of a typed schedule, as errors.
pub fn check(schedule: &Schedule) -> Vec<Problem> {
    let mut problems = Vec::new();
    let source = schedule.source.as_str();
    let mut push = |code, line, entry: Option<&str>, message: String, fix: String| {
        problems.push(Problem {
            severity: Severity::Error,
            code,
            source: source.to_string(),
            line,
            entry: entry.map(str::to_string),
            message,
            fix,
        })
    };
    if schedule
        .conference
        .time_zone
        .parse::<chrono_tz::Tz>()
        .is_err()
    {
        push(
            "time-zone",
            None,
            None,
            format!(
                "the conference header's time zone `{}` is unknown",
                schedule.conference.time_zone
            ),
            "use an IANA time zone name such as \"Europe/Berlin\"".into(),
        );
    }
    if schedule.conference.rooms.is_empty() {
        push(
            "no-rooms",
            None,
            None,
            "the conference lists no rooms".into(),
            "list every room in `rooms: [...]`".into(),
        );
    }
    let mut seen: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    for s in &schedule.sessions {
        if let Some(first) = seen.get(s.id.as_str()) {
            push(
                "duplicate-id",
                s.line,
                Some(&s.id),
                format!(
                    "the id is used twice (first at line {})",
                    first.map_or("?".into(), |l| l.to_string())
                ),
                "give every entry its own id".into(),
            );
        } else {
            seen.insert(&s.id, s.line);
        }
        if s.minutes == 0 {
            push(
                "zero-length",
                s.line,
                Some(&s.id),
                "the length is 0 minutes".into(),
                "give the length in minutes as a number above 0".into(),
            );
        }
        if !schedule.conference.rooms.contains(&s.room) {
            push(
                "unknown-room",
                s.line,
                Some(&s.id),
                format!(
                    "room `{}` is not one of the conference's rooms ({})",
                    s.room,
                    schedule.conference.rooms.join(", ")
                ),
                "correct the room, or add it to `rooms` in the conference header".into(),
            );
        }
    }
    // Overlaps within a room: sessions are sorted by start, so compare each with the later ones
    // that start before it ends.
    let mut by_room: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in schedule.sessions.iter().enumerate() {
        by_room.entry(&s.room).or_default().push(i);
    }
    for indices in by_room.values() {
        for (a, &i) in indices.iter().enumerate() {
            let first = &schedule.sessions[i];
            for &j in &indices[a + 1..] {
                let second = &schedule.sessions[j];
                if second.start_at() >= first.end_at() {
                    break;
                }
                if !first.overlaps(second) {
                    continue;
                }
                let (code, what) = match (first.kind, second.kind) {
                    (Kind::Break, Kind::Break) => ("room-overlap", "two breaks"),
                    (Kind::Break, _) | (_, Kind::Break) => {
                        ("talk-over-break", "a talk and a break")
                    }
                    _ => ("room-overlap", "two entries"),
                };
                push(
                    code,
                    second.line,
                    Some(&second.id),
                    format!(
                        "room {} holds {what} at once: `{}` ({} {}–{}) and `{}` ({} {}–{})",
                        second.room,
                        first.id,
                        first.date,
                        first.start.format("%H:%M"),
                        first.end_at().format("%H:%M"),
                        second.id,
                        second.date,
                        second.start.format("%H:%M"),
                        second.end_at().format("%H:%M"),
                    ),
                    "move one of them to another time or room, or shorten the first".into(),
                );
            }
        }
    }
    problems
}

/// Fails with every error listed when any problem is an error.
pub fn fail_on_errors(problems: &[Problem]) -> anyhow::Result<()> {
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(Problem::to_string)
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    Err(UserError::err(format!(
        "the schedule has {} error{}:\n{}\n(run `agenda check FILE` to see every problem)",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        errors.join("\n")
    )))
}
