//! Where and when to meet: per conference day, one list of meeting options, which every writer
//! (table, text, JSON, HTML) prints as it is.
//!
//! The options, of five [`Kind`]s:
//! - **agreed meetings** ([`super::agreed`]) and **busy windows everyone shares** (the same
//!   day and times in each person's busy windows: a lunch they keep free together is a meeting);
//! - **breaks** everyone has: a time everyone is free that overlaps a break or social event of
//!   the schedule (lunch, coffee), named after it; a break or social event before the first or
//!   after the last talk of the day (the evening's social event) when nobody is busy then;
//! - **free windows** of at least [`MIN_MINUTES`] minutes in which every friend is out of talks
//!   and out of their busy windows;
//! - **talks everyone sits in**: a run of at least [`MIN_MINUTES`] minutes in which all of
//!   them are in one room.
//!
//! A talk keeps a person only when it matters to them: they score it above 0, must see it, or
//! sit in it with a friend. Talks that only fill free time (the planner's last tie-break: score
//! 0, alone) can be left for a meeting, so at a conference without breaks (FOSDEM) there are
//! still windows. A free window runs between the first and the last such talk of anyone that
//! day (nobody is asked to come early or stay late).
//!
//! **The place** is the room most of them leave from (the talk each attends just before); with
//! a venue file or `--walk`, the building most of them leave from, at its room most of them
//! are in. On a tie, the one whose talk ends last, so the others come to the one who cannot
//! leave earlier; then the conference's room order. With nobody in a room just before, the
//! room where most of them go next. For each person the option gives **the walking time** from
//! the room they leave to the place, by their own walking times (a venue file's, `--walk`'s,
//! else `--switch-minutes`; 0 in the same room).

use super::Attendee;
use crate::prefs::Busy;
use crate::prefs::venue::RoomMinutes;
use crate::schedule::{ConferenceDay, Kind as SessionKind, Schedule};
use chrono::NaiveDateTime;
use std::collections::BTreeMap;

/// The shortest free window worth proposing, in minutes.
pub const MIN_MINUTES: i64 = 15;

/// A time interval, local.
type Span = (NaiveDateTime, NaiveDateTime);

/// What kind of meeting option it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A meeting everyone agreed on (`--meet`, `meet` in a profile or saved plan).
    Agreed,
    /// A busy window every person has (the same day and times): read as a meeting.
    SharedBusy,
    /// Everyone is free during a break or social event of the schedule.
    Break,
    /// Everyone is out of talks.
    Free,
    /// Everyone sits in one room (talks they attend together).
    Together,
}

impl Kind {
    /// The word JSON and the HTML page's classes use.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Agreed => "agreed",
            Kind::SharedBusy => "shared-busy",
            Kind::Break => "break",
            Kind::Free => "free",
            Kind::Together => "together",
        }
    }

    /// How people read it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Agreed => "agreed meeting",
            Kind::SharedBusy => "everyone's busy window: a meeting",
            Kind::Break => "break, everyone free",
            Kind::Free => "everyone free",
            Kind::Together => "in a talk together",
        }
    }
}

/// Where to meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The room.
    pub room: String,
    /// Its building, when walking times group rooms into buildings.
    pub building: Option<String>,
}

impl std::fmt::Display for Place {
    /// `K.4.401`, or `building K (K.4.401)` with buildings.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.building {
            Some(b) if *b != self.room => write!(f, "building {b} ({})", self.room),
            _ => write!(f, "{}", self.room),
        }
    }
}

/// One meeting option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// What kind of option.
    pub kind: Kind,
    /// The conference day (1-based index).
    pub day: u32,
    /// From (local time).
    pub from: NaiveDateTime,
    /// Until (local time).
    pub until: NaiveDateTime,
    /// Per person, the session they attend just before (schedule index), if any that day.
    pub before: Vec<Option<usize>>,
    /// Per person, minutes from the room they leave to the place (`None`: arriving, with no
    /// talk before it that day, or no walking times known: no venue, `--walk` nor
    /// `--switch-minutes`).
    pub walk: Vec<Option<i64>>,
    /// The suggested place, if any of them is in a room that day.
    pub place: Option<Place>,
    /// The breaks and social events in it (titles, in time order), or for talks everyone sits
    /// in, those talks.
    pub what: Vec<String>,
}

impl Meeting {
    /// Its length in minutes.
    pub fn minutes(&self) -> i64 {
        (self.until - self.from).num_minutes()
    }
}

/// Every meeting option of every conference day, in time order. `agreed` are the agreed
/// meetings (already in everyone's busy windows).
pub fn meetings(schedule: &Schedule, people: &[Attendee], agreed: &[Busy]) -> Vec<Meeting> {
    let keeps: Vec<Vec<usize>> = (0..people.len())
        .map(|p| keeping(schedule, people, p))
        .collect();
    let everyone: Vec<usize> = (0..people.len()).collect();
    let mut list = Vec::new();
    for day in schedule.days() {
        let at = Around {
            schedule,
            people,
            keeps: &keeps,
            day,
        };
        for b in shared_busy(people, day) {
            let kind = if agreed.contains(&b) {
                Kind::Agreed
            } else {
                Kind::SharedBusy
            };
            list.push(at.meeting(kind, b.from, b.until));
        }
        for (from, until) in free_spans(schedule, people, &keeps, &everyone, day) {
            let mut m = at.meeting(Kind::Free, from, until);
            m.what = break_titles(schedule, from, until);
            if !m.what.is_empty() {
                m.kind = Kind::Break;
            }
            list.push(m);
        }
        let windows: Vec<Span> = list
            .iter()
            .filter(|m| m.day == day.index)
            .map(|m| (m.from, m.until))
            .collect();
        for (from, until, title) in breaks_everyone_has(schedule, people, &keeps, day, &windows) {
            let mut m = at.meeting(Kind::Break, from, until);
            m.what = vec![title];
            list.push(m);
        }
        list.extend(same_room(&at));
    }
    list.sort_by_key(|m| (m.from, m.until, m.kind));
    list
}

/// The breaks and social events of `day` that everyone has but no free window holds: those
/// before the first or after the last talk that keeps somebody (the evening's social event),
/// when nobody is in a talk or busy during them. Each once, in time order.
fn breaks_everyone_has(
    schedule: &Schedule,
    people: &[Attendee],
    keeps: &[Vec<usize>],
    day: &ConferenceDay,
    windows: &[Span],
) -> Vec<(NaiveDateTime, NaiveDateTime, String)> {
    let taken: Vec<Span> = (0..people.len())
        .flat_map(|p| taken(schedule, &people[p], &keeps[p], day))
        .collect();
    let overlaps = |list: &[Span], (a, b): Span| list.iter().any(|&(x, y)| x < b && a < y);
    let mut found: Vec<(NaiveDateTime, NaiveDateTime, String)> = Vec::new();
    for s in schedule.sessions.iter().filter(|s| {
        s.day == day.index && matches!(s.kind, SessionKind::Break | SessionKind::Social)
    }) {
        let span = (s.start_at(), s.end_at());
        let seen = found
            .iter()
            .any(|(a, b, t)| (*a, *b) == span && *t == s.title);
        let long = (span.1 - span.0).num_minutes() >= 5;
        if long && !seen && !overlaps(windows, span) && !overlaps(&taken, span) {
            found.push((span.0, span.1, s.title.clone()));
        }
    }
    found.sort();
    found
}

/// The busy windows on `day` that every person has, identical (each once, in time order).
pub fn shared_busy(people: &[Attendee], day: &ConferenceDay) -> Vec<Busy> {
    let Some((first, rest)) = people.split_first() else {
        return Vec::new();
    };
    let mut shared: Vec<Busy> = first
        .request
        .limits
        .busy
        .iter()
        .filter(|b| b.overlaps(day.start, day.end) && b.from >= day.start)
        .filter(|b| rest.iter().all(|p| p.request.limits.busy.contains(b)))
        .cloned()
        .collect();
    shared.sort_by_key(|b| (b.from, b.until));
    shared.dedup();
    shared
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
) -> Vec<Span> {
    let mut list: Vec<Span> = keeping
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

/// The free windows on `day` of the people `who` (indices into `people`): the holes of at
/// least [`MIN_MINUTES`] (or holding a break) in the union of the times they are taken, between
/// the first and the last talk that keeps one of them.
pub fn free_spans(
    schedule: &Schedule,
    people: &[Attendee],
    keeps: &[Vec<usize>],
    who: &[usize],
    day: &ConferenceDay,
) -> Vec<Span> {
    let on_day = |p: usize| {
        keeps[p]
            .iter()
            .map(|&i| &schedule.sessions[i])
            .filter(|s| s.day == day.index)
    };
    let (Some(first), Some(last)) = (
        who.iter()
            .flat_map(|&p| on_day(p))
            .map(|s| s.start_at())
            .min(),
        who.iter()
            .flat_map(|&p| on_day(p))
            .map(|s| s.end_at())
            .max(),
    ) else {
        return Vec::new();
    };
    let mut busy: Vec<Span> = who
        .iter()
        .flat_map(|&p| taken(schedule, &people[p], &keeps[p], day))
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
    holes.retain(|&(a, b)| {
        let minutes = (b - a).num_minutes();
        minutes >= MIN_MINUTES || (minutes >= 5 && !break_titles(schedule, a, b).is_empty())
    });
    holes
}

/// Everything needed to describe an option on one day.
struct Around<'a> {
    schedule: &'a Schedule,
    people: &'a [Attendee],
    keeps: &'a [Vec<usize>],
    day: &'a ConferenceDay,
}

impl Around<'_> {
    /// Each person's talks that keep them on this day.
    fn on_day(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        self.keeps[p]
            .iter()
            .copied()
            .filter(|&i| self.schedule.sessions[i].day == self.day.index)
    }

    /// The option `from..until` of `kind`: each person's talk before it, the place, the walks.
    fn meeting(&self, kind: Kind, from: NaiveDateTime, until: NaiveDateTime) -> Meeting {
        let s = &self.schedule.sessions;
        let before: Vec<Option<usize>> = (0..self.people.len())
            .map(|p| {
                self.on_day(p)
                    .filter(|&i| s[i].end_at() <= from)
                    .max_by_key(|&i| (s[i].end_at(), i))
            })
            .collect();
        let after: Vec<Option<usize>> = (0..self.people.len())
            .map(|p| {
                self.on_day(p)
                    .filter(|&i| s[i].start_at() >= until)
                    .min_by_key(|&i| (s[i].start_at(), i))
            })
            .collect();
        let buildings = self.buildings();
        let place = most_voted(self.schedule, &before, true, buildings.as_ref())
            .or_else(|| most_voted(self.schedule, &after, false, buildings.as_ref()));
        let walk = self.walks(&before, place.as_ref());
        Meeting {
            kind,
            day: self.day.index,
            from,
            until,
            before,
            walk,
            place,
            what: Vec::new(),
        }
    }

    /// Each room's building (conference room order) by the first person's venue that has one.
    fn buildings(&self) -> Option<Vec<String>> {
        let rooms = &self.schedule.conference.rooms;
        let venue = self
            .people
            .iter()
            .find_map(|p| p.request.limits.walking.as_ref())?;
        let (of_room, names) = venue.buildings(rooms).ok()?;
        Some(of_room.into_iter().map(|b| names[b].clone()).collect())
    }

    /// Per person, minutes from the room they leave to `place` by their own walking times.
    fn walks(&self, before: &[Option<usize>], place: Option<&Place>) -> Vec<Option<i64>> {
        before
            .iter()
            .zip(self.people)
            .map(|(b, person)| {
                let from = &self.schedule.sessions[(*b)?].room;
                let to = place.map_or(from, |p| &p.room);
                let limits = &person.request.limits;
                if from != to && limits.walking.is_none() && limits.switch_minutes == 0 {
                    return None;
                }
                RoomMinutes::new(self.schedule, limits)
                    .ok()
                    .map(|m| m.between(from, to))
            })
            .collect()
    }
}

/// The runs of at least [`MIN_MINUTES`] in which every person sits in one room: per room, the
/// intersection over people of the times their talks there (that day) cover.
fn same_room(at: &Around) -> Vec<Meeting> {
    let schedule = at.schedule;
    let mut found = Vec::new();
    for room in &schedule.conference.rooms {
        let mut common: Option<Vec<Span>> = None;
        for p in 0..at.people.len() {
            let mut mine: Vec<Span> = at
                .on_day(p)
                .map(|i| &schedule.sessions[i])
                .filter(|s| &s.room == room)
                .map(|s| (s.start_at(), s.end_at()))
                .collect();
            mine.sort();
            // Back-to-back talks in the room are one stay.
            let mut merged: Vec<Span> = Vec::new();
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
                let mut m = at.meeting(Kind::Together, from, until);
                m.place = Some(Place {
                    room: room.clone(),
                    building: at.buildings().map(|b| {
                        let r = schedule.room_index().get(room.as_str()).copied();
                        r.map_or_else(|| room.clone(), |r| b[r].clone())
                    }),
                });
                m.walk = vec![Some(0); at.people.len()];
                m.what = talk_titles(schedule, at.people, room, from, until);
                found.push(m);
            }
        }
    }
    found
}

/// The titles of the talks everyone attends in `room` during `from..until`, in time order.
fn talk_titles(
    schedule: &Schedule,
    people: &[Attendee],
    room: &str,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Vec<String> {
    schedule
        .sessions
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            s.room == room
                && s.start_at() < until
                && from < s.end_at()
                && people.iter().all(|p| p.attends(*i))
        })
        .map(|(_, s)| s.title.clone())
        .collect()
}

/// The intersection of two sorted lists of disjoint intervals.
fn intersect(a: &[Span], b: &[Span]) -> Vec<Span> {
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

/// The place most of `list` (one talk or none per person) are in: by building when `buildings`
/// (per room, conference order) is given, then by room within it. Ties go to the latest end
/// (`before`: the talks before the option) or the earliest start (after it), then to the
/// conference's room order.
fn most_voted(
    schedule: &Schedule,
    list: &[Option<usize>],
    before: bool,
    buildings: Option<&Vec<String>>,
) -> Option<Place> {
    let rooms = schedule.room_index();
    let building_of = |room: &str| buildings.and_then(|b| rooms.get(room).map(|&r| b[r].clone()));
    let talks: Vec<usize> = list.iter().flatten().copied().collect();
    let vote = |talks: &[usize]| -> Option<String> {
        let mut votes: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
        for &i in talks {
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
    };
    if buildings.is_none() {
        return vote(&talks).map(|room| Place {
            room,
            building: None,
        });
    }
    // Buildings first: count per building, tie-broken like rooms by the best room in it.
    let mut by_building: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &talks {
        if let Some(b) = building_of(&schedule.sessions[i].room) {
            by_building.entry(b).or_default().push(i);
        }
    }
    let best = by_building
        .values()
        .max_by_key(|ts| {
            let room = vote(ts).unwrap_or_default();
            let order = rooms.get(room.as_str()).copied().unwrap_or(usize::MAX);
            (ts.len(), std::cmp::Reverse(order))
        })?
        .clone();
    let room = vote(&best)?;
    Some(Place {
        building: building_of(&room),
        room,
    })
}

/// The titles of the breaks and social events during `from..until`, in time order, each once.
fn break_titles(schedule: &Schedule, from: NaiveDateTime, until: NaiveDateTime) -> Vec<String> {
    let mut breaks: Vec<(NaiveDateTime, String)> = schedule
        .sessions
        .iter()
        .filter(|s| {
            matches!(s.kind, SessionKind::Break | SessionKind::Social)
                && s.start_at() < until
                && from < s.end_at()
        })
        .map(|s| (s.start_at(), s.title.clone()))
        .collect();
    breaks.sort();
    let mut titles: Vec<String> = Vec::new();
    for (_, t) in breaks {
        if !titles.contains(&t) {
            titles.push(t);
        }
    }
    titles
}

/// Per conference day, the free windows of two people (see [`free_spans`]), in time order.
pub fn pair_windows(
    schedule: &Schedule,
    people: &[Attendee],
    a: usize,
    b: usize,
) -> Vec<(u32, Span)> {
    let keeps: Vec<Vec<usize>> = (0..people.len())
        .map(|p| keeping(schedule, people, p))
        .collect();
    schedule
        .days()
        .iter()
        .flat_map(|day| {
            free_spans(schedule, people, &keeps, &[a, b], day)
                .into_iter()
                .map(|w| (day.index, w))
        })
        .collect()
}
