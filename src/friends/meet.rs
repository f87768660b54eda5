//! Meeting help: per conference day, the windows of at least [`MIN_MINUTES`] minutes in which
//! every friend is out of talks and out of their busy windows, or all of them sit in one room
//! (a run of talks they attend together there), where each of them is just before, and a
//! suggested place (for a window in one room, that room).
//!
//! A talk keeps a person only when it matters to them: they score it above 0, must see it, or
//! sit in it with a friend. Talks that only fill free time (the planner's last tie-break: score
//! 0, alone) can be left for a meeting, so at a conference without breaks (FOSDEM) there are
//! still windows.
//!
//! A window runs between the first and the last such talk of anyone that day (nobody is asked
//! to come early or stay late). The place is the room most of them are in just before (they
//! need not walk; on a tie, the one whose talk ends last, so the others come to the one who
//! cannot leave earlier; then the conference's room order); with nobody in a room just before,
//! the room where most of them go next. Breaks and social events of the schedule (lunch,
//! coffee) that overlap a window are named with it: those are the meals and breaks together.

use super::Attendee;
use crate::schedule::{ConferenceDay, Kind, Schedule};
use chrono::NaiveDateTime;
use std::collections::BTreeMap;

/// The shortest window worth proposing, in minutes.
pub const MIN_MINUTES: i64 = 15;

/// A time everyone is free, or everyone is in one room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// `true`: everyone sits in [`Window::place`] all through it (talks they attend together);
    /// `false`: everyone is out of talks that keep them.
    pub together: bool,
    /// The conference day (1-based index).
    pub day: u32,
    /// From (local time).
    pub from: NaiveDateTime,
    /// Until (local time).
    pub until: NaiveDateTime,
    /// Per person, the session they attend just before (schedule index), if any that day.
    pub before: Vec<Option<usize>>,
    /// The suggested room, if any of them is in a room just before or after.
    pub place: Option<String>,
    /// Titles of the breaks and social events overlapping the window, in time order.
    pub breaks: Vec<String>,
}

impl Window {
    /// Its length in minutes.
    pub fn minutes(&self) -> i64 {
        (self.until - self.from).num_minutes()
    }
}

/// Every meeting window of every conference day, in time order.
pub fn windows(schedule: &Schedule, people: &[Attendee]) -> Vec<Window> {
    schedule
        .days()
        .iter()
        .flat_map(|day| day_windows(schedule, people, day))
        .collect()
}

/// The talks of person `p` that keep them (see the module docs), on any day.
pub fn keeping(schedule: &Schedule, people: &[Attendee], p: usize) -> Vec<usize> {
    let person = &people[p];
    let must = crate::plan::resolve_lists(schedule, &person.request.interests)
        .map(|(must, _)| must)
        .unwrap_or_default();
    person
        .chosen
        .iter()
        .copied()
        .filter(|&i| {
            person.scores[i].half_points > 0
                || must.contains(&i)
                || people
                    .iter()
                    .enumerate()
                    .any(|(q, other)| q != p && other.attends(i))
        })
        .collect()
}

/// The intervals a person is taken (talks that keep them, busy windows) on a day, sorted.
fn taken(
    schedule: &Schedule,
    person: &Attendee,
    keeping: &[usize],
    day: &ConferenceDay,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut list: Vec<(NaiveDateTime, NaiveDateTime)> = keeping
        .iter()
        .map(|&i| &schedule.sessions[i])
        .filter(|s| s.day == day.index)
        .map(|s| (s.start_at(), s.end_at()))
        .collect();
    list.extend(
        person
            .request
            .limits
            .busy
            .iter()
            .filter(|b| b.overlaps(day.start, day.end))
            .map(|b| (b.from, b.until)),
    );
    list.sort();
    list
}

fn day_windows(schedule: &Schedule, people: &[Attendee], day: &ConferenceDay) -> Vec<Window> {
    let keeps: Vec<Vec<usize>> = (0..people.len())
        .map(|p| keeping(schedule, people, p))
        .collect();
    let attended: Vec<(usize, &crate::schedule::Session)> = keeps
        .iter()
        .flat_map(|k| k.iter().copied())
        .map(|i| (i, &schedule.sessions[i]))
        .filter(|(_, s)| s.day == day.index)
        .collect();
    let (Some(first), Some(last)) = (
        attended.iter().map(|(_, s)| s.start_at()).min(),
        attended.iter().map(|(_, s)| s.end_at()).max(),
    ) else {
        return Vec::new();
    };
    let mut busy: Vec<(NaiveDateTime, NaiveDateTime)> = people
        .iter()
        .zip(&keeps)
        .flat_map(|(p, k)| taken(schedule, p, k, day))
        .collect();
    busy.sort();
    // Sweep the union of everyone's taken intervals; the holes are the windows.
    let mut holes = Vec::new();
    let mut free_from = first;
    for (from, until) in busy {
        if from > free_from {
            holes.push((free_from, from.min(last)));
        }
        free_from = free_from.max(until);
        if free_from >= last {
            break;
        }
    }
    let mut windows: Vec<Window> = holes
        .into_iter()
        .filter(|(a, b)| (*b - *a).num_minutes() >= MIN_MINUTES)
        .map(|(from, until)| window(schedule, &keeps, day, from, until))
        .collect();
    windows.extend(same_room(schedule, &keeps, day));
    windows.sort_by_key(|w| (w.from, w.until, w.together));
    windows
}

/// The runs of at least [`MIN_MINUTES`] in which every person sits in one room: per room, the
/// intersection over people of the times their talks there (that day) cover.
fn same_room(schedule: &Schedule, keeps: &[Vec<usize>], day: &ConferenceDay) -> Vec<Window> {
    let mut found = Vec::new();
    for room in &schedule.conference.rooms {
        let mut common: Option<Vec<(NaiveDateTime, NaiveDateTime)>> = None;
        for k in keeps {
            let mut mine: Vec<(NaiveDateTime, NaiveDateTime)> = k
                .iter()
                .map(|&i| &schedule.sessions[i])
                .filter(|s| s.day == day.index && &s.room == room)
                .map(|s| (s.start_at(), s.end_at()))
                .collect();
            mine.sort();
            // Back-to-back talks in the room are one stay.
            let mut merged: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new();
            for (a, b) in mine {
                match merged.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            common = Some(match common {
                None => merged,
                Some(sofar) => intersect(&sofar, &merged),
            });
        }
        for (from, until) in common.unwrap_or_default() {
            if (until - from).num_minutes() >= MIN_MINUTES {
                let mut w = window(schedule, keeps, day, from, until);
                w.together = true;
                w.place = Some(room.clone());
                found.push(w);
            }
        }
    }
    found
}

/// The intersection of two sorted lists of disjoint intervals.
fn intersect(
    a: &[(NaiveDateTime, NaiveDateTime)],
    b: &[(NaiveDateTime, NaiveDateTime)],
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        let (from, until) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
        if from < until {
            out.push((from, until));
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The free window `from..until` on `day`: each person's talk before it, where to meet (the
/// room most of them are in before, else after), and the breaks in it.
fn window(
    schedule: &Schedule,
    keeps: &[Vec<usize>],
    day: &ConferenceDay,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Window {
    let on_day = |k: &Vec<usize>| -> Vec<usize> {
        k.iter()
            .copied()
            .filter(|&i| schedule.sessions[i].day == day.index)
            .collect()
    };
    let before: Vec<Option<usize>> = keeps
        .iter()
        .map(|p| {
            on_day(p)
                .into_iter()
                .filter(|&i| schedule.sessions[i].end_at() <= from)
                .max_by_key(|&i| (schedule.sessions[i].end_at(), i))
        })
        .collect();
    let after: Vec<Option<usize>> = keeps
        .iter()
        .map(|p| {
            on_day(p)
                .into_iter()
                .filter(|&i| schedule.sessions[i].start_at() >= until)
                .min_by_key(|&i| (schedule.sessions[i].start_at(), i))
        })
        .collect();
    let place = most_voted_room(schedule, &before, true)
        .or_else(|| most_voted_room(schedule, &after, false));
    Window {
        together: false,
        day: day.index,
        from,
        until,
        before,
        place,
        breaks: break_titles(schedule, from, until),
    }
}

/// The room most of `list` (one talk or none per person) are in; ties go to the latest end
/// (`before`: the talks before the window) or the earliest start (after it), then to the
/// conference's room order.
fn most_voted_room(schedule: &Schedule, list: &[Option<usize>], before: bool) -> Option<String> {
    let rooms = schedule.room_index();
    let mut votes: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    for &i in list.iter().flatten() {
        let s = &schedule.sessions[i];
        let when = if before {
            s.end_at().and_utc().timestamp()
        } else {
            -s.start_at().and_utc().timestamp()
        };
        let e = votes.entry(s.room.as_str()).or_insert((0, when));
        e.0 += 1;
        e.1 = e.1.max(when);
    }
    votes
        .into_iter()
        .max_by_key(|(room, (count, when))| {
            let order = rooms.get(room).copied().unwrap_or(usize::MAX);
            (*count, *when, std::cmp::Reverse(order))
        })
        .map(|(room, _)| room.to_string())
}

/// The titles of the breaks and social events during `from..until`, in time order, each once.
fn break_titles(schedule: &Schedule, from: NaiveDateTime, until: NaiveDateTime) -> Vec<String> {
    let mut breaks: Vec<(NaiveDateTime, String)> = schedule
        .sessions
        .iter()
        .filter(|s| {
            matches!(s.kind, Kind::Break | Kind::Social)
                && s.start_at() < until
                && from < s.end_at()
        })
        .map(|s| (s.start_at(), s.title.clone()))
        .collect();
    breaks.sort();
    breaks.dedup();
    let mut titles: Vec<String> = Vec::new();
    for (_, t) in breaks {
        if !titles.contains(&t) {
            titles.push(t);
        }
    }
    titles
}
