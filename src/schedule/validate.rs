//! Checks a schedule for every problem at once: unknown rooms, overlaps in a room, talks over
//! breaks, duplicate ids, non-positive lengths, an unknown time zone.
//!
//! Each [`Problem`] has a stable code, its place (file, line, entry), what is wrong and what to do.
//! The hand-kept RON format treats every problem as an error; importers of real exports downgrade
//! the ones real data is known to contain to warnings.

use super::{Kind, Schedule};
use crate::error::Error;
use chrono::NaiveDateTime;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
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
    /// What to do about it (most fixes are fixed text, kept without a copy per problem).
    pub fix: Cow<'static, str>,
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

/// Every consistency problem of a typed schedule, as errors: the conference header's, then
/// each entry's, then daylight saving's, in that order (the order `agenda check` lists them).
pub fn check(schedule: &Schedule) -> Vec<Problem> {
    let mut problems = Vec::new();
    problems.extend(unknown_time_zone(schedule));
    problems.extend(no_rooms(schedule));
    problems.extend(duplicate_rooms(schedule));
    // The checks that can find a problem per entry add to the list itself: a list of their
    // own copied into it would hold every problem twice at the peak.
    duplicate_ids(schedule, &mut problems);
    room_overlaps(schedule, &mut problems);
    entries(schedule, &mut problems);
    problems.extend(no_sessions(schedule));
    problems.extend(daylight_saving(schedule));
    problems
}

/// An error of `schedule` (its file), at `line` and `entry` when it belongs to one.
fn error(
    schedule: &Schedule,
    code: &'static str,
    at: Option<&super::Session>,
    message: String,
    fix: &'static str,
) -> Problem {
    Problem {
        severity: Severity::Error,
        code,
        source: schedule.source.clone(),
        line: at.and_then(|s| s.line),
        entry: at.map(|s| s.id.clone()),
        message,
        fix: fix.into(),
    }
}

/// `time-zone`: the header's time zone is not an IANA name.
fn unknown_time_zone(schedule: &Schedule) -> Option<Problem> {
    let zone = &schedule.conference.time_zone;
    zone.parse::<chrono_tz::Tz>().is_err().then(|| {
        error(
            schedule,
            "time-zone",
            None,
            format!("the conference header's time zone `{zone}` is unknown"),
            "use an IANA time zone name such as \"Europe/Berlin\"",
        )
    })
}

/// `no-rooms`: the header lists no rooms.
fn no_rooms(schedule: &Schedule) -> Option<Problem> {
    schedule.conference.rooms.is_empty().then(|| {
        error(
            schedule,
            "no-rooms",
            None,
            "the conference lists no rooms".into(),
            "list every room in `rooms: [...]`",
        )
    })
}

/// `duplicate-room`: a room listed twice, or two that differ only in case.
fn duplicate_rooms(schedule: &Schedule) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for room in &schedule.conference.rooms {
        if let Some(first) = seen.insert(room.to_lowercase(), room) {
            let how = if first == room {
                format!("the room `{room}` is listed twice")
            } else {
                format!("the rooms `{first}` and `{room}` differ only in case")
            };
            problems.push(error(
                schedule,
                "duplicate-room",
                None,
                how,
                "list every room once, spelled one way, and use that spelling in every entry",
            ));
        }
    }
    problems
}

/// `duplicate-id`: an id used by an earlier entry.
fn duplicate_ids(schedule: &Schedule, problems: &mut Vec<Problem>) {
    let mut seen: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    for s in &schedule.sessions {
        if let Some(first) = seen.get(s.id.as_str()) {
            problems.push(error(
                schedule,
                "duplicate-id",
                Some(s),
                format!(
                    "the id is used twice (first at line {})",
                    first.map_or("?".into(), |l| l.to_string())
                ),
                "give every entry its own id",
            ));
        } else {
            seen.insert(&s.id, s.line);
        }
    }
}

/// How many clashes of one kind (`room-overlap`, `talk-over-break`) a room lists one by one;
/// the rest are counted in one warning of that kind. Real exports have a
/// handful; a file of 316,000 talks in one slot gave 316,000 lines and held each in memory.
pub const LISTED_PER_ROOM: usize = 100;

/// The clashes of one kind in one room past [`LISTED_PER_ROOM`]: how many, and the first and
/// last entry (as session indices) among them.
#[derive(Default)]
struct Folded {
    listed: usize,
    count: usize,
    first: usize,
    last: usize,
}

/// `room-overlap` and `talk-over-break`: two entries at once in one room. Sessions are sorted
/// by start; each entry is reported once per kind of clash, against the earlier entry of that
/// kind (breaks, or everything else) that runs longest, with how many more it clashes with:
/// N entries in one slot give N − 1 clashes, not N²/2, and the sweep keeps only the entries
/// still running (O(n log n)). A room lists [`LISTED_PER_ROOM`] clashes of each code; the rest
/// are one warning that counts them.
fn room_overlaps(schedule: &Schedule, problems: &mut Vec<Problem>) {
    let mut by_room: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in schedule.sessions.iter().enumerate() {
        by_room.entry(&s.room).or_default().push(i);
    }
    for indices in by_room.values() {
        // Entries still running, breaks [0] and the others [1], by (end, index).
        let mut running: [BTreeSet<(NaiveDateTime, usize)>; 2] = Default::default();
        // The room's clashes past the listed ones, `room-overlap` [0] and `talk-over-break` [1].
        let mut folded: [Folded; 2] = Default::default();
        for &j in indices {
            let second = &schedule.sessions[j];
            for set in &mut running {
                while set
                    .first()
                    .is_some_and(|(end, _)| *end <= second.start_at())
                {
                    set.pop_first();
                }
            }
            // A zero-length entry has its own warning (`zero-length`) and takes no room time.
            if second.end_at() > second.start_at() {
                for set in &running {
                    // The clashing entry that runs longest (the last listed among equals).
                    if let Some(&(_, i)) = set.last() {
                        let (code, _) = clash(schedule.sessions[i].kind, second.kind);
                        let fold = &mut folded[usize::from(code == "talk-over-break")];
                        if fold.listed < LISTED_PER_ROOM {
                            fold.listed += 1;
                            problems.push(overlap_problem(schedule, i, j, set.len() - 1));
                        } else {
                            fold.first = if fold.count == 0 { j } else { fold.first };
                            fold.count += 1;
                            fold.last = j;
                        }
                    }
                }
                let slot = usize::from(second.kind != Kind::Break);
                running[slot].insert((second.end_at(), j));
            }
        }
        for (fold, code) in folded.iter().zip(["room-overlap", "talk-over-break"]) {
            if fold.count > 0 {
                problems.push(folded_problem(schedule, code, fold));
            }
        }
    }
}

/// The code and wording of a clash between an earlier entry of kind `first` and a later one of
/// kind `second` in one room.
fn clash(first: Kind, second: Kind) -> (&'static str, &'static str) {
    match (first, second) {
        (Kind::Break, Kind::Break) => ("room-overlap", "two breaks"),
        (Kind::Break, _) | (_, Kind::Break) => ("talk-over-break", "a talk and a break"),
        _ => ("room-overlap", "two entries"),
    }
}

/// The problem of entry `j` clashing with the earlier entry `i` in its room, and with `more`
/// further entries of `i`'s kind.
fn overlap_problem(schedule: &Schedule, i: usize, j: usize, more: usize) -> Problem {
    let (first, second) = (&schedule.sessions[i], &schedule.sessions[j]);
    let (code, what) = clash(first.kind, second.kind);
    let others = match more {
        0 => String::new(),
        1 => " (and 1 more earlier entry)".to_string(),
        n => format!(" (and {n} more earlier entries)"),
    };
    error(
        schedule,
        code,
        Some(second),
        format!(
            "room {} holds {what} at once: `{}` ({}) and `{}` ({}){others}",
            second.room,
            first.id,
            span(first),
            second.id,
            span(second),
        ),
        "move one of them to another time or room, or shorten the first",
    )
}

/// The one problem standing for a room's clashes of `code` past the listed ones (`fold`), at
/// the first of them.
fn folded_problem(schedule: &Schedule, code: &'static str, fold: &Folded) -> Problem {
    let (first, last) = (
        &schedule.sessions[fold.first],
        &schedule.sessions[fold.last],
    );
    let what = if code == "talk-over-break" {
        "talks and breaks that clash"
    } else {
        "entries that clash"
    };
    let count = fold.count;
    error(
        schedule,
        code,
        Some(first),
        format!(
            "room {} holds {count} more {what} with earlier ones, from `{}` ({}) to `{}` ({}); counted in this one line, not listed one by one after the first {LISTED_PER_ROOM}",
            first.room,
            first.id,
            span(first),
            last.id,
            span(last),
        ),
        "move them to other times or rooms, or shorten the earlier entries",
    )
}

/// Each entry's own problems ([`entry_problems`]), with the rooms looked up in a set so that
/// thousands of entries in hundreds of rooms are not compared with each room.
fn entries(schedule: &Schedule, problems: &mut Vec<Problem>) {
    let rooms: std::collections::HashSet<&str> = schedule
        .conference
        .rooms
        .iter()
        .map(String::as_str)
        .collect();
    problems.extend(schedule.sessions.iter().flat_map(|s| {
        entry_problems_in(
            &schedule.conference,
            &|room| rooms.contains(room),
            &schedule.source,
            EntryFields {
                id: &s.id,
                room: &s.room,
                title: &s.title,
                minutes: i64::from(s.minutes),
                line: s.line,
            },
        )
    }));
}

/// `no-sessions`: the schedule is empty.
fn no_sessions(schedule: &Schedule) -> Option<Problem> {
    schedule.sessions.is_empty().then(|| {
        error(
            schedule,
            "no-sessions",
            None,
            "the schedule has no sessions".into(),
            "add sessions, or check that this is the file you meant",
        )
    })
}

/// Starts that daylight saving makes doubtful: a local time that does not exist (the hour
/// skipped when clocks go forward) is an error; one that exists twice (the hour repeated when
/// they go back) is a warning saying which instant is taken (the first, see
/// [`super::clock::to_utc`]).
fn daylight_saving(schedule: &Schedule) -> Vec<Problem> {
    use chrono::{LocalResult, TimeZone};
    let Ok(tz) = schedule.conference.time_zone.parse::<chrono_tz::Tz>() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for s in &schedule.sessions {
        let at = s.start_at();
        let (severity, code, message, fix) = match tz.from_local_datetime(&at) {
            LocalResult::Single(_) => {
                // The clocks change during the session: its real end is not start + minutes
                // on the wall clock. Exports show the real end; say so once here.
                // (A session over a day is an error of its own.)
                let end = super::clock::local_end(tz, s);
                if end == s.end_at() || s.minutes > 24 * 60 {
                    continue;
                }
                (
                    Severity::Warning,
                    "dst-change",
                    format!(
                        "the clocks change during it: it runs {} minutes from {} to {} on the clock, not to {}",
                        s.minutes,
                        s.start.format("%H:%M"),
                        end.format("%H:%M"),
                        s.end_at().format("%H:%M")
                    ),
                    "nothing to do if the length is right; planning counts its real end",
                )
            }
            LocalResult::None => (
                Severity::Error,
                "dst-gap",
                format!(
                    "it starts at {} on {}, a time that does not exist in {}: the clocks skip that hour",
                    s.start.format("%H:%M"),
                    s.date,
                    tz.name()
                ),
                "give the time the session really starts, before or after the skipped hour",
            ),
            LocalResult::Ambiguous(first, second) => (
                Severity::Warning,
                "dst-fold",
                format!(
                    "it starts at {} on {}, which happens twice in {} (clocks go back); the first is taken: {} ({} UTC), not {} ({} UTC)",
                    s.start.format("%H:%M"),
                    s.date,
                    tz.name(),
                    first.format("%H:%M %Z"),
                    first.with_timezone(&chrono::Utc).format("%H:%M"),
                    second.format("%H:%M %Z"),
                    second.with_timezone(&chrono::Utc).format("%H:%M"),
                ),
                "nothing to do if that is right; otherwise check the time with the organisers",
            ),
        };
        problems.push(Problem {
            severity,
            code,
            source: schedule.source.clone(),
            line: s.line,
            entry: Some(s.id.clone()),
            message,
            fix: fix.into(),
        });
    }
    problems
}

/// The fields of one entry that can be checked on their own.
pub(crate) struct EntryFields<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its room.
    pub room: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its length in minutes, as written.
    pub minutes: i64,
    /// Its line, when known.
    pub line: Option<usize>,
}

/// Longest a session may last.
pub(crate) const MAX_MINUTES: i64 = 24 * 60;

/// Problems of one entry on its own: an empty id or title, a length that is zero or over a day,
/// an unknown room. Also used for entries whose date or time could not be read, so that
/// `check` still reports everything else about them.
pub(crate) fn entry_problems(
    conference: &super::Conference,
    source: &str,
    entry: EntryFields<'_>,
) -> Vec<Problem> {
    entry_problems_in(
        conference,
        &|room| conference.rooms.iter().any(|r| r == room),
        source,
        entry,
    )
}

/// [`entry_problems`] with the conference's rooms looked up by `known_room`.
fn entry_problems_in(
    conference: &super::Conference,
    known_room: &dyn Fn(&str) -> bool,
    source: &str,
    entry: EntryFields<'_>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |code, message: String, fix: &'static str| {
        problems.push(Problem {
            severity: Severity::Error,
            code,
            source: source.to_string(),
            line: entry.line,
            entry: Some(entry.id.to_string()),
            message,
            fix: fix.into(),
        })
    };
    if entry.id.trim().is_empty() {
        push(
            "empty-id",
            "the id is empty".into(),
            "give the entry a short unique id, e.g. \"bpf-tokens\"",
        );
    }
    if entry.title.trim().is_empty() {
        push(
            "empty-title",
            "the title is empty".into(),
            "write the title as published",
        );
    }
    if entry.minutes == 0 {
        push(
            "zero-length",
            "the length is 0 minutes, so it is listed but never planned".into(),
            "give the length in minutes as a number above 0",
        );
    } else if entry.minutes > MAX_MINUTES {
        push(
            "too-long",
            format!("the length {} minutes is over a day", entry.minutes),
            "give the length in minutes (a day is 1440)",
        );
    }
    if !known_room(entry.room) {
        push(
            "unknown-room",
            format!(
                "room `{}` is not one of the conference's rooms ({})",
                entry.room,
                conference.rooms.join(", ")
            ),
            "correct the room, or add it to `rooms` in the conference header",
        );
    }
    problems
}

/// `2025-03-01 10:00–10:45`, or with both dates when the session ends on a later day:
/// `2025-03-01 23:30–2025-03-02 00:30`.
pub(crate) fn span(s: &super::Session) -> String {
    let end = s.end_at();
    if end.date() == s.date {
        format!(
            "{} {}–{}",
            s.date,
            s.start.format("%H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} {}–{}",
            s.date,
            s.start.format("%H:%M"),
            end.format("%Y-%m-%d %H:%M")
        )
    }
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
    Err(Error::Schedule { errors }.into())
}
