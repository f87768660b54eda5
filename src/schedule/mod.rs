//! The schedule: a conference's sessions (talks, breaks, social events) in its rooms and days.
//!
//! [`Schedule`] is the checked, typed form every other module works with. It is read from the
//! hand-kept RON format ([`ron_format`]) or from an organiser's export (see `crate::import`), and
//! checked by [`validate`]. The All Systems Go! 2025 schedule is embedded in the binary
//! ([`Schedule::embedded`]).
//!
//! Sessions belong to **conference days** ([`ConferenceDay`]): the organiser's days, which may run
//! past midnight (a congress day from 10:00 until 04:00 the next morning is one day). An export
//! says which day each session is listed under; the RON format derives it from a day change
//! ([`DEFAULT_DAY_CHANGE`] unless the file sets `day_change`). Everything that speaks of days —
//! switch limits, tables, `--busy DAY`, JSON — uses conference days; `Session::date` stays the
//! calendar date the session starts on.

pub mod cancelled;
pub mod clock;
pub mod hash;
pub mod links;
pub mod ron_format;
pub mod validate;
pub mod when;

use crate::words::{Heads, TextCache, Texts};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

pub use links::Links;
pub use validate::{Problem, Severity};

/// The embedded All Systems Go! 2025 schedule, as RON text.
pub const EMBEDDED_RON: &str = include_str!("../../schedule.ron");
/// The name the embedded schedule goes by in messages.
pub(crate) const EMBEDDED_NAME: &str = "schedule.ron (embedded)";
/// When a schedule does not say which conference day a session belongs to, a session starting
/// before this local time belongs to the day before (a talk at 01:30 on Saturday is Friday's).
pub const DEFAULT_DAY_CHANGE: NaiveTime = match NaiveTime::from_hms_opt(4, 0, 0) {
    Some(t) => t,
    None => panic!("04:00 is a time"),
};

/// One conference day: the organiser's day, which may run past midnight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceDay {
    /// 1-based position among the schedule's days.
    pub index: u32,
    /// The date of its morning (the date it starts on).
    pub date: NaiveDate,
    /// Its start, local time.
    pub start: NaiveDateTime,
    /// Its end, local time (after `start`; may be on a later date).
    pub end: NaiveDateTime,
}

impl ConferenceDay {
    /// `Day 2 · Saturday 28 Dec`, with `, runs until 04:10` when `last_end` (the end of the
    /// day's last session) is after midnight. The organiser's own day boundary is not used: FOSDEM
    /// lists days until 08:59 the next morning although nothing runs past the evening.
    pub(crate) fn heading(&self, last_end: Option<NaiveDateTime>) -> String {
        let mut text = format!("Day {} · {}", self.index, self.date.format("%A %-d %b"));
        if let Some(end) = last_end.filter(|end| end.date() > self.date) {
            text.push_str(&format!(", runs until {}", end.format("%H:%M")));
        }
        text
    }

    /// `Day 2 (Sat 28 Dec)`, for lists in messages.
    pub fn short(&self) -> String {
        format!("Day {} ({})", self.index, self.date.format("%a %-d %b"))
    }

    /// A local time on this day as `HH:MM`, with ` (+1)` (or `+2` …) when it falls on a later
    /// date than the day's morning.
    pub fn clock(&self, at: NaiveDateTime) -> String {
        let later = (at.date() - self.date).num_days();
        if later > 0 {
            format!("{} (+{later})", at.format("%H:%M"))
        } else {
            at.format("%H:%M").to_string()
        }
    }

    /// The instant of this day whose local clock reads `time`: on the day's date, or in the
    /// night after it when the day runs past midnight and `time` is before its end's clock (on
    /// a day from 10:00 until 04:00, 23:00 is the evening and 01:00 the night after it).
    pub fn at(&self, time: NaiveTime) -> NaiveDateTime {
        let nights = (self.end.date() - self.date).num_days();
        if nights > 0 && time < self.end.time() {
            (self.date + Duration::days(nights)).and_time(time)
        } else {
            self.date.and_time(time)
        }
    }
}

/// The one overlap rule for spans of time (sessions, breaks, busy windows, days): the half-open
/// spans `[from, until)` share time when each starts before the other ends; touching is not
/// overlapping. The times are local date-times, not clock times, so a session or window that
/// crosses midnight is compared on the right date.
pub fn spans_overlap(a: (NaiveDateTime, NaiveDateTime), b: (NaiveDateTime, NaiveDateTime)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Moves `items` into the order `sorted` gives (`sorted[k]` is the position of the item that
/// goes to place `k`; a permutation), in place: each cycle of the permutation is followed once.
fn place<T>(items: &mut [T], mut sorted: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..sorted.len() {
        let mut at = start;
        loop {
            let from = std::mem::replace(&mut sorted[at], DONE);
            if from == DONE || from == start {
                break;
            }
            // Place `at` takes its item; what was there moves on to `from`, the next place
            // in this cycle that still waits for its item.
            items.swap(at, from);
            at = from;
        }
    }
}

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
    /// Local (calendar) date the session starts on.
    pub date: NaiveDate,
    /// The conference day it is listed under, 1-based ([`Schedule::days`]). [`Schedule::new`]
    /// derives it from the start; importers set it from the export.
    pub day: u32,
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
    /// The subtitle as published (frab, pretalx, schedule2), empty when there is none or the
    /// title holds it. Not shown with the title, but matched as the title is: interests and
    /// topics find its words ([`Schedule::heads`]).
    pub subtitle: String,
    /// Speakers, in published order.
    pub speakers: Vec<String>,
    /// The track (devroom) as published, when the schedule has tracks.
    pub track: Option<String>,
    /// Curated lowercase topic tags.
    pub topics: Vec<String>,
    /// The abstract, whole.
    pub abstract_text: String,
    /// Line of the entry in its source file, when known.
    pub line: Option<usize>,
    /// The organiser cancelled it: it is shown and listed as cancelled but never planned. Set
    /// from an export's status field by its reader, from `cancelled: true` in RON, and from a
    /// marker in the title ("\[CANCELED\] …") by [`Schedule::with_days`] for every reader (see
    /// [`cancelled`]).
    pub cancelled: bool,
    /// Its page, video and chat links, when the export gives them (see [`links`]).
    pub links: Links,
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
        spans_overlap(
            (self.start_at(), self.end_at()),
            (other.start_at(), other.end_at()),
        )
    }
}

/// A whole schedule: the conference and its sessions, sorted by (date, start, room order, id).
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The conference header.
    pub conference: Conference,
    /// The conference days, in order; `conference_days[i].index == i + 1`.
    pub conference_days: Vec<ConferenceDay>,
    /// Every entry, sorted by date, start, room (in the header's order) and id.
    pub sessions: Vec<Session>,
    /// Where the schedule came from (a path, `-`, or the embedded name), for messages.
    pub source: String,
    /// Every session's title, abstract and track as words, tokenised once: by the importer
    /// (which derives topics from them) or on first use. See [`Schedule::texts`].
    pub texts: TextCache,
}

impl Schedule {
    /// The embedded All Systems Go! 2025 schedule.
    pub fn embedded() -> anyhow::Result<Schedule> {
        ron_format::parse(EMBEDDED_RON, EMBEDDED_NAME)
    }

    /// Builds a schedule whose conference days change at [`DEFAULT_DAY_CHANGE`] (see
    /// [`Schedule::with_day_change`]); every session's `day` is derived.
    pub fn new(conference: Conference, sessions: Vec<Session>, source: impl Into<String>) -> Self {
        Schedule::with_day_change(conference, sessions, DEFAULT_DAY_CHANGE, source)
    }

    /// Builds a schedule whose conference days change at `change`: a session starting before
    /// that local time belongs to the day before. Each day runs from its first session's start
    /// to its last session's end; every session's `day` is derived.
    pub fn with_day_change(
        conference: Conference,
        mut sessions: Vec<Session>,
        change: NaiveTime,
        source: impl Into<String>,
    ) -> Self {
        let morning = |s: &Session| {
            if s.start < change {
                s.date - Duration::days(1)
            } else {
                s.date
            }
        };
        let mut dates: Vec<NaiveDate> = sessions.iter().map(morning).collect();
        dates.sort();
        dates.dedup();
        let mut days: Vec<ConferenceDay> = Vec::with_capacity(dates.len());
        for (i, &date) in dates.iter().enumerate() {
            let of_day = sessions.iter().filter(|s| morning(s) == date);
            let start = of_day.clone().map(Session::start_at).min();
            let end = of_day.map(Session::end_at).max();
            if let (Some(start), Some(end)) = (start, end) {
                days.push(ConferenceDay {
                    index: i as u32 + 1,
                    date,
                    start,
                    end,
                });
            }
        }
        for s in &mut sessions {
            let date = morning(s);
            s.day = dates
                .iter()
                .position(|&d| d == date)
                .map_or(0, |i| i as u32 + 1);
        }
        Schedule::with_days(conference, days, sessions, source)
    }

    /// Builds a schedule from days and sessions that already name their day (importers).
    /// Puts the sessions in the canonical order.
    pub fn with_days(
        conference: Conference,
        days: Vec<ConferenceDay>,
        mut sessions: Vec<Session>,
        source: impl Into<String>,
    ) -> Self {
        for s in &mut sessions {
            s.cancelled = s.cancelled || cancelled::title_says_cancelled(&s.title);
        }
        let mut schedule = Schedule {
            conference,
            conference_days: days,
            sessions,
            source: source.into(),
            texts: TextCache::default(),
        };
        schedule.sort();
        schedule
    }

    /// Every session's title (with its subtitle) and track as tokens, by session index (see
    /// [`crate::words`]):
    /// made once and kept, for topic derivation and, extended by the abstracts, for
    /// [`Schedule::texts`]. Sessions' texts are not edited after a schedule is made; should the
    /// sessions no longer be the ones tokenised (another count), they are tokenised afresh.
    pub fn heads(&self) -> Arc<Heads> {
        let make = || {
            Heads::new(
                self.sessions
                    .iter()
                    .map(|s| (s.title.as_str(), s.subtitle.as_str(), s.track.as_deref())),
            )
        };
        let kept = self.texts.heads(make);
        if kept.len() == self.sessions.len() {
            Arc::clone(kept)
        } else {
            Arc::new(make())
        }
    }

    /// Every session's title, track and abstract as tokens, by session index: the
    /// [`Schedule::heads`] with the abstracts tokenised (once, on first use), shared by
    /// interest checks and scores.
    pub fn texts(&self) -> Arc<Texts> {
        let make = || {
            Texts::from_heads(
                &self.heads(),
                self.sessions.iter().map(|s| s.abstract_text.as_str()),
            )
        };
        // Abstracts the importer tokenised already ([`Schedule::keep_tokenised`]) get their
        // ids here, on first use.
        let kept = self.texts.texts(|| match self.texts.take_tokenised() {
            Some(tokenised) => Texts::from_tokenised(&self.heads(), tokenised),
            None => make(),
        });
        if kept.len() == self.sessions.len() {
            Arc::clone(kept)
        } else {
            Arc::new(make())
        }
    }

    /// Keeps `texts`, made from this schedule's sessions as they are, as its
    /// [`Schedule::texts`] (unless some are kept already).
    pub fn keep_texts(&self, texts: Texts) {
        self.texts.texts(|| texts);
    }

    /// Keeps the abstracts of this schedule's sessions as they are, tokenised already in
    /// session order, for [`Schedule::texts`] to be made from on first use.
    pub fn keep_tokenised(&self, tokenised: crate::words::Tokenised) {
        self.texts.keep_tokenised(tokenised);
    }

    /// Each id's session (its position), the first one with that id as [`Schedule::get`] finds
    /// it: one pass, for callers that look up many ids (a search each was a second at 100,000
    /// talks).
    pub(crate) fn id_index(&self) -> rustc_hash::FxHashMap<&str, usize> {
        let mut first = rustc_hash::FxHashMap::default();
        first.reserve(self.sessions.len());
        for (i, s) in self.sessions.iter().enumerate() {
            first.entry(s.id.as_str()).or_insert(i);
        }
        first
    }

    /// Each room's position in the header's order.
    pub(crate) fn room_index(&self) -> BTreeMap<&str, usize> {
        self.conference
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_str(), i))
            .collect()
    }

    /// Sorts sessions by date, start, room (header order, unknown rooms last) and id; sessions
    /// alike in all four keep their order.
    ///
    /// Sorts positions and then moves the sessions into place, so that the sessions are never
    /// held twice (a schedule of 100,000 talks is some 25 MB of them).
    pub fn sort(&mut self) {
        let order: BTreeMap<&str, usize> = self
            .conference
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_str(), i))
            .collect();
        let sessions = &mut self.sessions;
        let keys: Vec<(NaiveDateTime, usize)> = sessions
            .iter()
            .map(|s| {
                let room = order.get(s.room.as_str()).copied().unwrap_or(usize::MAX);
                (s.start_at(), room)
            })
            .collect();
        let mut sorted: Vec<usize> = (0..sessions.len()).collect();
        sorted.sort_by(|&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then_with(|| sessions[a].id.cmp(&sessions[b].id))
        });
        drop(keys);
        place(sessions, sorted);
    }

    /// The conference days, in order (index 1, 2, …).
    pub fn days(&self) -> &[ConferenceDay] {
        &self.conference_days
    }

    /// The conference day a user names: its number (`2`, `day 2`), its weekday (`sat`,
    /// `saturday`) or the date of its morning (`2025-09-30`); an error shows the forms and the
    /// days (see [`when::find_day`]).
    pub(crate) fn find_day(&self, day: &str) -> anyhow::Result<ConferenceDay> {
        when::find_day(self.days(), day)
    }

    /// The conference day with this 1-based index.
    pub fn day(&self, index: u32) -> Option<&ConferenceDay> {
        self.conference_days
            .get((index as usize).wrapping_sub(1))
            .filter(|d| d.index == index)
    }

    /// A day's heading for tables and pages (see [`ConferenceDay::heading`]), from the end of
    /// the last session listed under it, on the conference's clock (a talk across the change of
    /// the clocks ends exactly its length after it starts, as its row shows).
    pub(crate) fn day_heading(&self, day: &ConferenceDay) -> String {
        match self.time_zone() {
            Ok(tz) => self.day_heading_ending(day, |s| clock::local_end(tz, s)),
            Err(_) => self.day_heading_ending(day, Session::end_at),
        }
    }

    /// [`Schedule::day_heading`] with each session's end as `end_of` gives it (on the clock the
    /// rows are shown in).
    pub(crate) fn day_heading_ending(
        &self,
        day: &ConferenceDay,
        end_of: impl Fn(&Session) -> NaiveDateTime,
    ) -> String {
        let last_end = self
            .sessions
            .iter()
            .filter(|s| s.day == day.index)
            .map(end_of)
            .max();
        day.heading(last_end)
    }

    /// The conference day a session is listed under.
    pub fn day_of(&self, session: &Session) -> Option<&ConferenceDay> {
        self.day(session.day)
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

    /// Every track with the number of sessions in it, sorted by name (empty without tracks).
    pub(crate) fn track_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for s in &self.sessions {
            if let Some(t) = &s.track {
                *counts.entry(t.clone()).or_insert(0) += 1;
            }
        }
        counts
    }

    /// The conference time zone, parsed.
    pub fn time_zone(&self) -> anyhow::Result<chrono_tz::Tz> {
        self.conference.time_zone.parse().map_err(|_| {
            crate::error::bad_input(format!(
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
        let plural = crate::text::plural::<usize>;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> ConferenceDay {
        let date = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
        ConferenceDay {
            index: 1,
            date,
            start: date.and_hms_opt(9, 0, 0).unwrap(),
            // FOSDEM's export lists its days until 08:59 the next morning.
            end: date.succ_opt().unwrap().and_hms_opt(8, 59, 0).unwrap(),
        }
    }

    #[test]
    fn placing_follows_every_cycle_of_a_permutation() {
        // Fixed points, a 2-cycle, a 3-cycle and a long cycle, against indexing a copy.
        for sorted in [
            vec![],
            vec![0],
            vec![1, 0],
            vec![0, 2, 1],
            vec![2, 0, 1, 3, 5, 4],
            vec![3, 7, 0, 5, 1, 6, 2, 4],
            (0..50).map(|i| (i * 7) % 50).rev().collect(),
        ] {
            let items: Vec<String> = (0..sorted.len()).map(|i| format!("item {i}")).collect();
            let expected: Vec<String> = sorted.iter().map(|&i| items[i].clone()).collect();
            let mut placed = items.clone();
            place(&mut placed, sorted.clone());
            assert_eq!(placed, expected, "{sorted:?}");
        }
    }

    #[test]
    fn a_day_whose_sessions_end_before_midnight_has_no_runs_until() {
        let evening = day().date.and_hms_opt(19, 0, 0);
        assert_eq!(day().heading(evening), "Day 1 · Saturday 1 Feb");
        assert_eq!(day().heading(None), "Day 1 · Saturday 1 Feb");
    }

    #[test]
    fn a_day_whose_last_session_ends_after_midnight_says_until_when() {
        let night = day().date.succ_opt().unwrap().and_hms_opt(1, 15, 0);
        assert_eq!(
            day().heading(night),
            "Day 1 · Saturday 1 Feb, runs until 01:15"
        );
    }
}
