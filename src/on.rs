//! What is on in every room at a moment, and what comes next there (`agenda on`): the hallway
//! view of Giggity and FOSDEM Companion, with each talk's score for you and why, rooms best for
//! you first. The writers are in `crate::export::{table,text,json}::on`.

use crate::prefs::interests::Scored;
use crate::schedule::clock::RealClock;
use crate::schedule::{ConferenceDay, Kind, Schedule, Session};
use chrono::NaiveDateTime;
use std::collections::BTreeSet;

/// One session shown: where it is in the schedule, and what it is worth to you.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its index in the schedule's sessions.
    pub session: usize,
    /// Its score for you, in half points (0 without interests).
    pub half_points: i64,
    /// Why it scores (`bpf +1`, `must-see`); empty when it does not.
    pub why: Vec<String>,
    /// Whether it is on your saved plan.
    pub in_plan: bool,
    /// Minutes left (on now) or until it starts (next), in real time.
    pub minutes: i64,
}

/// A room at the moment: the session on now and the next one that day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    /// The room's name.
    pub room: String,
    /// Its building (from the venue file, else from its code; see `crate::prefs::venue`).
    pub building: String,
    /// The session on now, if any.
    pub now: Option<Entry>,
    /// The next session that starts in the room the same conference day, if any.
    pub next: Option<Entry>,
}

impl Room {
    /// The better score of its two sessions: the room's rank.
    fn best(&self) -> i64 {
        [&self.now, &self.next]
            .into_iter()
            .flatten()
            .map(|e| e.half_points)
            .max()
            .unwrap_or(i64::MIN)
    }

    /// Whether either session is on your plan.
    fn planned(&self) -> bool {
        [&self.now, &self.next]
            .into_iter()
            .flatten()
            .any(|e| e.in_plan)
    }
}

/// What is on at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct On {
    /// The moment, the conference's local time.
    pub at: NaiveDateTime,
    /// The conference day looked at: the one under way, else the next to start (`None`: the
    /// conference is over).
    pub day: Option<ConferenceDay>,
    /// The breaks on now (schedule indices).
    pub breaks: Vec<usize>,
    /// The rooms with a session now or next, best for you first: by the better score of their
    /// two sessions, then the score of the one on now (a good talk now beats one as good
    /// later), then rooms with a talk of your plan, then the schedule's room order.
    pub rooms: Vec<Room>,
}

/// What to look at and how to weigh it.
#[derive(Debug, Clone, Default)]
pub struct Ask<'a> {
    /// Every session's score for you (parallel to the schedule's sessions); `None`: no interests.
    pub scores: Option<&'a [Scored]>,
    /// Must-see sessions (schedule indices), said as such.
    pub must: &'a [usize],
    /// The sessions of your saved plan (schedule indices).
    pub plan: &'a [usize],
    /// Only sessions of this track (the schedule's spelling).
    pub track: Option<&'a str>,
    /// Only this room (the schedule's spelling).
    pub room: Option<&'a str>,
    /// Each room's building, parallel to the schedule's rooms.
    pub buildings: &'a [String],
    /// Only rooms in this building.
    pub building: Option<&'a str>,
}

/// What is on at `at` (the conference's local time), as `ask` narrows and weighs it.
pub fn on(schedule: &Schedule, at: NaiveDateTime, ask: &Ask) -> On {
    let clock = RealClock::of(schedule);
    let instant = clock.at(at);
    let day = schedule
        .days()
        .iter()
        .find(|d| clock.at(d.start) <= instant && instant < clock.at(d.end))
        .or_else(|| schedule.days().iter().find(|d| clock.at(d.start) > instant))
        .cloned();
    let Some(day) = day else {
        return On {
            at,
            day: None,
            breaks: Vec::new(),
            rooms: Vec::new(),
        };
    };
    let moment = Moment {
        schedule,
        ask,
        clock,
        instant,
        day: day.index,
        plan: ask.plan.iter().copied().collect(),
    };
    let mut rooms: Vec<Room> = schedule
        .conference
        .rooms
        .iter()
        .enumerate()
        .filter_map(|(r, name)| moment.room(r, name))
        .collect();
    // Stable: equal rooms keep the schedule's room order.
    rooms.sort_by_key(|r| {
        let now = r.now.as_ref().map_or(i64::MIN, |e| e.half_points);
        (
            std::cmp::Reverse(r.best()),
            std::cmp::Reverse(now),
            !r.planned(),
        )
    });
    On {
        at,
        day: Some(day),
        breaks: moment.breaks(),
        rooms,
    }
}

/// The moment looked at, on the conference day in view.
struct Moment<'a> {
    schedule: &'a Schedule,
    ask: &'a Ask<'a>,
    clock: RealClock,
    /// The moment, as naive UTC (see [`RealClock`]).
    instant: NaiveDateTime,
    /// The conference day in view.
    day: u32,
    /// The saved plan's sessions.
    plan: BTreeSet<usize>,
}

impl Moment<'_> {
    /// The day's sessions that take place (cancelled ones left out), with their indices.
    fn of_day(&self) -> impl Iterator<Item = (usize, &Session)> {
        self.schedule
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.day == self.day && !s.cancelled)
    }

    /// Whether a session is on at the moment.
    fn is_now(&self, s: &Session) -> bool {
        let (from, until) = self.clock.span(s);
        from <= self.instant && self.instant < until
    }

    /// The breaks on now; a break listed in every room is said once.
    fn breaks(&self) -> Vec<usize> {
        let mut breaks: Vec<usize> = Vec::new();
        for (i, s) in self
            .of_day()
            .filter(|(_, s)| s.kind == Kind::Break && self.is_now(s))
        {
            let same = |&j: &usize| {
                let b = &self.schedule.sessions[j];
                b.title == s.title && b.start_at() == s.start_at() && b.minutes == s.minutes
            };
            if !breaks.iter().any(same) {
                breaks.push(i);
            }
        }
        breaks
    }

    /// Session `i` with its score, why, and whether it is on the plan.
    fn entry(&self, i: usize, minutes: i64) -> Entry {
        let scored = self.ask.scores.map(|s| &s[i]);
        let mut why = scored.map(|s| s.reasons.clone()).unwrap_or_default();
        if self.ask.must.contains(&i) && why.is_empty() {
            why.push("must-see".into());
        }
        Entry {
            session: i,
            half_points: scored.map_or(0, |s| s.half_points),
            why,
            in_plan: self.plan.contains(&i),
            minutes,
        }
    }

    /// Room `r` (named `name`) now and next, unless it is filtered out or has neither.
    fn room(&self, r: usize, name: &str) -> Option<Room> {
        let ask = self.ask;
        let building = ask.buildings.get(r).cloned().unwrap_or_default();
        if ask.room.is_some_and(|x| x != name) || ask.building.is_some_and(|b| b != building) {
            return None;
        }
        let here: Vec<(usize, &Session)> = self
            .of_day()
            .filter(|(_, s)| s.room == name && s.kind != Kind::Break)
            .filter(|(_, s)| ask.track.is_none_or(|t| s.track.as_deref() == Some(t)))
            .collect();
        let now = here.iter().find(|(_, s)| self.is_now(s)).map(|&(i, s)| {
            let left = (self.clock.span(s).1 - self.instant).num_minutes();
            self.entry(i, left)
        });
        let next = here
            .iter()
            .find(|(_, s)| self.clock.span(s).0 > self.instant)
            .map(|&(i, s)| self.entry(i, (self.clock.span(s).0 - self.instant).num_minutes()));
        (now.is_some() || next.is_some()).then(|| Room {
            room: name.to_string(),
            building,
            now,
            next,
        })
    }
}

/// What the writers are given: the moment's rooms and how to show them.
#[derive(Debug, Clone)]
pub struct View<'a> {
    /// The schedule.
    pub schedule: &'a Schedule,
    /// What is on.
    pub on: &'a On,
    /// The zone times are shown in (`--tz`).
    pub zone: crate::output::DisplayZone,
    /// The conference's zone.
    pub tz: chrono_tz::Tz,
    /// Whether interests were given (else no score is shown).
    pub scored: bool,
    /// The settings the scores come from, as header lines (`Likes: rust=1`).
    pub settings: Vec<String>,
    /// The filters, as words for the header (`track Rust`).
    pub narrowed: Vec<String>,
    /// The table's width.
    pub width: u16,
}

impl View<'_> {
    /// A session's start and end in the zone shown: `11:00–11:25`.
    pub fn times(&self, i: usize) -> String {
        let (start, end) = self.zone.span(self.tz, &self.schedule.sessions[i]);
        format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
    }

    /// `FOSDEM 2025 — on at Sat 1 Feb 11:05 (Europe/Brussels)`.
    pub fn title(&self) -> String {
        let shown = self.zone.convert(self.tz, self.on.at);
        format!(
            "{} — on at {} ({})",
            self.schedule.conference.name,
            shown.format("%a %-d %b %H:%M"),
            self.zone.label(self.tz, self.on.at)
        )
    }

    /// `3 · rust +2, go +1`: an entry's score and why, empty when it scores nothing and has
    /// no reason.
    pub fn for_you(&self, e: &Entry) -> String {
        if !self.scored || (e.half_points == 0 && e.why.is_empty()) {
            return String::new();
        }
        let points = crate::prefs::interests::format_points(e.half_points);
        if e.why.is_empty() {
            points
        } else {
            format!("{points} · {}", e.why.join(", "))
        }
    }

    /// The line said when no room has anything now or next.
    pub fn nothing(&self) -> String {
        let narrowed = if self.narrowed.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.narrowed.join(", "))
        };
        match &self.on.day {
            Some(d) => format!("Nothing is on now or later on day {}{narrowed}.", d.index),
            None => format!(
                "Nothing more is on: {} is over.",
                self.schedule.conference.name
            ),
        }
    }

    /// `Coffee break until 11:25`, one per break on now.
    pub fn breaks(&self) -> Vec<String> {
        self.on
            .breaks
            .iter()
            .map(|&i| {
                let (_, end) = self.zone.span(self.tz, &self.schedule.sessions[i]);
                format!(
                    "{} until {}",
                    self.schedule.sessions[i].title,
                    end.format("%H:%M")
                )
            })
            .collect()
    }
}

/// `20 min left`, `1 h 05 min left`.
pub fn left(minutes: i64) -> String {
    format!("{} left", duration(minutes))
}

/// `in 25 min`, `in 1 h 05 min`.
pub fn until(minutes: i64) -> String {
    format!("in {}", duration(minutes))
}

/// `25 min`, `1 h 05 min`.
fn duration(minutes: i64) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// Rooms A (track Rust), B and C (track Go) on 1 February 2025, and a break at 11:00.
    fn schedule() -> Schedule {
        let session = |id: &str, room: &str, start: &str, minutes: u32, kind: &str| {
            let track = if room == "A" { "Rust" } else { "Go" };
            format!(
                "(id: \"{id}\", date: \"2025-02-01\", start: \"{start}\", minutes: {minutes}, room: \"{room}\", kind: {kind}, title: \"Talk {id}\", speakers: [], topics: [], abstract: \"\", track: \"{track}\"),"
            )
        };
        let text = format!(
            "(conference: (name: \"Test\", time_zone: \"Europe/Brussels\", venue: \"\", rooms: [\"A\", \"B\", \"C\"]), sessions: [{}])",
            [
                session("a1", "A", "10:00", 30, "Talk"),
                session("a2", "A", "10:30", 30, "Talk"),
                session("b1", "B", "10:00", 60, "Talk"),
                session("c1", "C", "09:00", 30, "Talk"),
                session("x", "A", "11:00", 15, "Break"),
            ]
            .concat()
        );
        crate::schedule::ron_format::parse(&text, "test").unwrap()
    }

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 2, 1)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn ids(schedule: &Schedule, on: &On) -> Vec<(String, Option<String>, Option<String>)> {
        let id = |e: &Option<Entry>| e.as_ref().map(|e| schedule.sessions[e.session].id.clone());
        on.rooms
            .iter()
            .map(|r| (r.room.clone(), id(&r.now), id(&r.next)))
            .collect()
    }

    #[test]
    fn each_room_shows_what_is_on_and_what_comes_next_that_day() {
        let s = schedule();
        let on = on(&s, at(10, 5), &Ask::default());
        let some = |x: &str| Some(x.to_string());
        assert_eq!(
            ids(&s, &on),
            vec![
                ("A".into(), some("a1"), some("a2")),
                ("B".into(), some("b1"), None)
            ],
            "room C's only talk is over"
        );
        assert_eq!(on.rooms[0].now.as_ref().unwrap().minutes, 25);
        assert_eq!(on.rooms[0].next.as_ref().unwrap().minutes, 25);
        // Before the day starts, every room's first session is next.
        let early = super::on(&s, at(8, 0), &Ask::default());
        assert!(early.rooms.iter().all(|r| r.now.is_none()));
        assert_eq!(early.rooms.len(), 3);
        // During the break it is said; after the day nothing is on and no day is left.
        assert_eq!(super::on(&s, at(11, 5), &Ask::default()).breaks.len(), 1);
        let late = super::on(&s, at(23, 0), &Ask::default());
        assert!(late.day.is_none() && late.rooms.is_empty());
    }

    #[test]
    fn the_best_room_for_you_comes_first_and_filters_narrow() {
        let s = schedule();
        let mut scores = vec![Scored::default(); s.sessions.len()];
        let b1 = s.sessions.iter().position(|x| x.id == "b1").unwrap();
        scores[b1] = Scored {
            half_points: 4,
            reasons: vec!["go +2".into()],
        };
        let ask = Ask {
            scores: Some(&scores),
            ..Ask::default()
        };
        let on = on(&s, at(10, 5), &ask);
        assert_eq!(on.rooms[0].room, "B");
        assert_eq!(on.rooms[0].now.as_ref().unwrap().why, vec!["go +2"]);
        let rust = Ask {
            track: Some("Rust"),
            ..Ask::default()
        };
        assert_eq!(super::on(&s, at(10, 5), &rust).rooms.len(), 1);
        let buildings = vec!["X".to_string(), "Y".to_string(), "X".to_string()];
        let in_y = Ask {
            buildings: &buildings,
            building: Some("Y"),
            ..Ask::default()
        };
        let rooms = super::on(&s, at(8, 0), &in_y).rooms;
        assert_eq!(rooms.len(), 1);
        assert_eq!(rooms[0].room, "B");
    }
}
