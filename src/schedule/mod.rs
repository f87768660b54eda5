//! The schedule: a conference's sessions (talks, breaks, social events) in its rooms and days.
//!
//! [`Schedule`] is the checked, typed form every other module works with. It is read from the
//! hand-kept RON format ([`ron_format`]) or from an organiser's export (see `crate::import`), and
//! checked by [`validate`]. The All Systems Go! 2025 schedule is embedded in the binary
//! ([`Schedule::embedded`]).

pub mod ron_format;
pub mod validate;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use validate::{Problem, Severity};

/// The embedded All Systems Go! 2025 schedule, as RON text.
pub const EMBEDDED_RON: &str = include_str!("../../schedule.ron");
/// The name the embedded schedule goes by in messages.
pub const EMBEDDED_NAME: &str = "schedule.ron (embedded)";

/// What kind of entry a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A regular talk.
    Talk,
    /// A short (lightning) talk.
    Lightning,
    /// The opening session.
    Opening,
    /// The closing session.
    Closing,
    /// A coffee or lunch break: kept free, never planned over.
    Break,
    /// The social event: shown, never planned over.
    Social,
}

impl Kind {
    /// Whether an attendee can choose this entry (talks, lightning talks, opening, closing).
    pub fn is_plannable(self) -> bool {
        !matches!(self, Kind::Break | Kind::Social)
    }

    /// The lowercase name used in tables and JSON (`talk`, `lightning`, `break`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Talk => "talk",
            Kind::Lightning => "lightning",
            Kind::Opening => "opening",
            Kind::Closing => "closing",
            Kind::Break => "break",
            Kind::Social => "social",
        }
    }
}

/// The conference as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conference {
    /// Its name, e.g. "All Systems Go! 2025".
    pub name: String,
    /// IANA time zone of every local time in the schedule, e.g. "Europe/Berlin".
    pub time_zone: String,
    /// Where it takes place.
    #[serde(default)]
    pub venue: String,
    /// The rooms, in display order.
    pub rooms: Vec<String>,
    /// The published schedule's address, if known.
    #[serde(default)]
    pub url: Option<String>,
}

/// One entry of the schedule, typed and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Stable identifier, unique in the schedule.
    pub id: String,
    /// Local date the session starts on.
    pub date: NaiveDate,
    /// Local start time.
    pub start: NaiveTime,
    /// Length in minutes (positive).
    pub minutes: u32,
    /// Room name, one of [`Conference::rooms`].
    pub room: String,
    /// What kind of entry this is.
    pub kind: Kind,
    /// Title exactly as published.
    pub title: String,
    /// Speakers, in published order.
    pub speakers: Vec<String>,
    /// Curated lowercase topic tags.
    pub topics: Vec<String>,
    /// The abstract, whole.
    pub abstract_text: String,
    /// Line of the entry in its source file, when known.
    pub line: Option<usize>,
}

impl Session {
    /// Local start as a date-time.
    pub fn start_at(&self) -> NaiveDateTime {
        self.date.and_time(self.start)
    }

    /// Local end as a date-time (may fall on the next day).
    pub fn end_at(&self) -> NaiveDateTime {
        self.start_at() + Duration::minutes(i64::from(self.minutes))
    }

    /// Whether two sessions share any time (touching is not overlapping).
    pub fn overlaps(&self, other: &Session) -> bool {
        self.start_at() < other.end_at() && other.start_at() < self.end_at()
    }
}

/// A whole schedule: the conference and its sessions, sorted by (date, start, room order, id).
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The conference header.
    pub conference: Conference,
    /// Every entry, sorted by date, start, room (in the header's order) and id.
    pub sessions: Vec<Session>,
    /// Where the schedule came from (a path, `-`, or the embedded name), for messages.
    pub source: String,
}

impl Schedule {
    /// The embedded All Systems Go! 2025 schedule.
    pub fn embedded() -> anyhow::Result<Schedule> {
        ron_format::parse(EMBEDDED_RON, EMBEDDED_NAME)
    }

    /// Builds a schedule and puts its sessions in the canonical order.
    pub fn new(conference: Conference, sessions: Vec<Session>, source: impl Into<String>) -> Self {
        let mut schedule = Schedule {
            conference,
            sessions,
            source: source.into(),
        };
        schedule.sort();
        schedule
    }

    /// Each room's position in the header's order.
    pub fn room_index(&self) -> BTreeMap<&str, usize> {
        self.conference
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_str(), i))
            .collect()
    }

    /// Sorts sessions by date, start, room (header order, unknown rooms last) and id.
    pub fn sort(&mut self) {
        let order: BTreeMap<String, usize> = self
            .room_index()
            .into_iter()
            .map(|(r, i)| (r.to_string(), i))
            .collect();
        let mut keyed: Vec<(NaiveDateTime, usize, String, Session)> = self
            .sessions
            .drain(..)
            .map(|s| {
                let room = order.get(s.room.as_str()).copied().unwrap_or(usize::MAX);
                (s.start_at(), room, s.id.clone(), s)
            })
            .collect();
        keyed.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
        self.sessions = keyed.into_iter().map(|k| k.3).collect();
    }

    /// The distinct dates with at least one session, in order.
    pub fn days(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.sessions.iter().map(|s| s.date).collect();
        days.sort();
        days.dedup();
        days
    }

    /// The session with this id.
    pub fn get(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// Every topic with the number of sessions carrying it, sorted by name.
    pub fn topic_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for s in &self.sessions {
            for t in &s.topics {
                *counts.entry(t.clone()).or_insert(0) += 1;
            }
        }
        counts
    }

    /// The conference time zone, parsed.
    pub fn time_zone(&self) -> anyhow::Result<chrono_tz::Tz> {
        self.conference.time_zone.parse().map_err(|_| {
            crate::error::UserError::err(format!(
                "{}: unknown time zone `{}`: use an IANA name such as Europe/Berlin",
                self.source, self.conference.time_zone
            ))
        })
    }

    /// A one-line summary: days, rooms, talks, breaks.
    pub fn summary(&self) -> String {
        let talks = self
            .sessions
            .iter()
            .filter(|s| s.kind.is_plannable())
            .count();
        let breaks = self
            .sessions
            .iter()
            .filter(|s| s.kind == Kind::Break)
            .count();
        let social = self
            .sessions
            .iter()
            .filter(|s| s.kind == Kind::Social)
            .count();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}: {}, {}, {}, {}, {}",
            self.conference.name,
            plural(self.days().len(), "day", "days"),
            plural(self.conference.rooms.len(), "room", "rooms"),
            plural(talks, "talk", "talks"),
            plural(breaks, "break", "breaks"),
            plural(social, "social event", "social events"),
        )
    }
}
