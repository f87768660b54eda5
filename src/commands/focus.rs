//! `replan --from TIME --without ROOM|TALK`: a full room (or a talk skipped) in the middle of a
//! day. The rest of that day, from TIME on, is planned again without the room or talk; what
//! came before it and the other days stay as the plan has them.
//!
//! It is expressed as the sessions the re-plan may use ([`Focus::allows`]), so that the
//! re-planning itself (and its proof against the reference dynamic program) is `replan`'s:
//!
//! - on other days, only the plan's own talks;
//! - on that day before TIME, only the plan's own talks, less one still under way at TIME in a
//!   room or talk left out (you could not get in);
//! - on that day from TIME on, every session but those left out.
//!
//! With every earlier talk kept first (`replan`'s default), the plan's talks on other days and
//! before TIME all stay, those from TIME on stay where they still fit, and the time freed is
//! planned for the best score.

use crate::error::bad_input;
use crate::schedule::{Schedule, Session};
use chrono::NaiveDateTime;
use std::collections::{BTreeMap, BTreeSet};

/// What `--from` and `--without` ask, resolved on the schedule.
#[derive(Debug, Clone)]
pub(crate) struct Focus {
    /// The moment from which the day is planned again, conference local time.
    pub from: NaiveDateTime,
    /// The conference day planned again.
    pub day: u32,
    /// Rooms left out, as the schedule names them.
    pub rooms: BTreeSet<String>,
    /// Talks left out (schedule indices).
    pub talks: BTreeSet<usize>,
}

/// The room `wanted` names: the room of that name in any case; else the one room whose
/// name, its part before ` (…)` or its part in the brackets is `wanted` up to case, spaces and
/// punctuation (`K4401` is `K.4.401`, `Lameere` is `UB2.252A (Lameere)`). `None` when no room
/// is named; an error naming them when several are.
fn room_named(schedule: &Schedule, wanted: &str) -> anyhow::Result<Option<String>> {
    let rooms = &schedule.conference.rooms;
    if let Some(room) = rooms.iter().find(|r| r.eq_ignore_ascii_case(wanted)) {
        return Ok(Some(room.clone()));
    }
    let key = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted_key = key(wanted);
    if wanted_key.is_empty() {
        return Ok(None);
    }
    let names = |room: &str| -> bool {
        let (head, bracket) = match room.split_once(" (") {
            Some((head, rest)) => (head, rest.trim_end_matches(')')),
            None => (room, ""),
        };
        [room, head, bracket]
            .iter()
            .any(|part| key(part) == wanted_key)
    };
    let found: Vec<&String> = rooms.iter().filter(|r| names(r)).collect();
    match found[..] {
        [] => Ok(None),
        [room] => Ok(Some(room.clone())),
        _ => Err(bad_input(format!(
            "--without `{}` names {} rooms ({}); give one by its whole name",
            crate::output::clean(wanted),
            found.len(),
            found
                .iter()
                .map(|r| format!("`{}`", crate::output::clean(r)))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

impl Focus {
    /// Reads `--from` (default: the clock; a bare time falls on `fallback_day` when the
    /// conference is not on) and each `--without` (a room's name, see [`room_named`]; else a
    /// talk by id, whole title or a fragment of one title), and refuses a talk left out on
    /// another day.
    pub fn resolve(
        schedule: &Schedule,
        from: Option<&str>,
        without: &[String],
        fallback_day: Option<u32>,
    ) -> anyhow::Result<Focus> {
        let from = crate::schedule::when::at_or_clock(
            schedule.days(),
            schedule.time_zone()?,
            "--from",
            from,
            fallback_day,
        )?;
        let days = schedule.days();
        let day = days
            .iter()
            .find(|d| d.start <= from && from < d.end)
            .or_else(|| days.iter().find(|d| d.date == from.date()))
            .ok_or_else(|| {
                bad_input(format!(
                    "--from {} is on none of the conference's days ({}); give a time on one of them, e.g. `--from \"day 1 11:05\"`",
                    from.format("%a %Y-%m-%d %H:%M"),
                    crate::schedule::when::listing(days)
                ))
            })?
            .index;
        let mut focus = Focus {
            from,
            day,
            rooms: BTreeSet::new(),
            talks: BTreeSet::new(),
        };
        for text in without {
            let wanted = text.trim();
            if let Some(room) = room_named(schedule, wanted)? {
                focus.rooms.insert(room);
                continue;
            }
            let i = crate::prefs::interests::resolve_session(schedule, wanted, "--without")
                .map_err(|e| {
                    let hint = crate::text::closest(
                        wanted,
                        schedule.conference.rooms.iter().map(String::as_str),
                    )
                    .map(|r| format!("; the closest is `{}`", crate::output::clean(r)))
                    .unwrap_or_default();
                    e.context(format!(
                        "--without `{wanted}` is not a room (`agenda talks --day {day}` lists them{hint}) and not one talk"
                    ))
                })?;
            let s = &schedule.sessions[i];
            if s.day != day {
                return Err(bad_input(format!(
                    "--without `{wanted}` is `{}` [{}] on day {}, but --from re-plans day {day} from {}; leave out talks of that day",
                    s.title,
                    s.id,
                    s.day,
                    from.format("%H:%M")
                )));
            }
            focus.talks.insert(i);
        }
        Ok(focus)
    }

    /// Whether session `i` is left out by `--without`.
    fn left_out(&self, i: usize, s: &Session) -> bool {
        self.talks.contains(&i) || self.rooms.contains(&s.room)
    }

    /// Whether the re-plan may use session `i`; `mine` is the plan's talks (schedule indices).
    pub fn allows(&self, schedule: &Schedule, mine: &BTreeSet<usize>, i: usize) -> bool {
        let s = &schedule.sessions[i];
        if s.day != self.day {
            return mine.contains(&i);
        }
        if s.start_at() < self.from {
            return mine.contains(&i) && !(self.left_out(i, s) && s.end_at() > self.from);
        }
        !self.left_out(i, s)
    }

    /// Why each of the plan's talks is left out (schedule index → reason), for the report.
    pub fn reasons(&self, schedule: &Schedule, mine: &BTreeSet<usize>) -> BTreeMap<usize, String> {
        mine.iter()
            .copied()
            .filter(|&i| !self.allows(schedule, mine, i))
            .map(|i| {
                let s = &schedule.sessions[i];
                let why = if self.rooms.contains(&s.room) {
                    format!("you left out its room, {}, from {}", s.room, self.at())
                } else {
                    format!("you left it out from {}", self.at())
                };
                (i, why)
            })
            .collect()
    }

    /// `Sat 11:05`.
    pub fn at(&self) -> String {
        self.from.format("%a %H:%M").to_string()
    }

    /// ` from Sat 11:05 without UD2.218A and [talk-id]`, for the report's first line.
    pub fn describe(&self, schedule: &Schedule) -> String {
        let left: Vec<String> = self
            .rooms
            .iter()
            .cloned()
            .chain(
                self.talks
                    .iter()
                    .map(|&i| format!("[{}]", schedule.sessions[i].id)),
            )
            .collect();
        if left.is_empty() {
            format!(" from {}", self.at())
        } else {
            format!(" from {} without {}", self.at(), left.join(", "))
        }
    }
}
