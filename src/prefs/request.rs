//! What a plan is made from, resolved on a schedule: the attendee's [`Interests`] and the hard
//! [`Limits`] (switches, walking, busy windows matched to conference days), together a
//! [`Request`]. [`super::Settings::to_request`] makes one; planning takes it.

use super::interests::{self, Interests};
use super::venue;
use crate::schedule::Schedule;
use crate::schedule::clock::RealClock;
use crate::schedule::spans_overlap;
use chrono::{NaiveDateTime, NaiveTime};
/// The default number of room switches allowed per conference day.
pub const DEFAULT_MAX_SWITCHES: u32 = 3;

/// A personal window to keep free, on a conference day; it may cross midnight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    /// The conference day (1-based index) it was given for.
    pub day: u32,
    /// From (local date and time).
    pub from: NaiveDateTime,
    /// Until (local date and time, after `from`).
    pub until: NaiveDateTime,
}

impl Busy {
    /// The window on conference day `day` from clock time `from` to `until`: each time is the
    /// first at or after the day's start with that clock reading, and `until` the first after
    /// `from`, so `23:00-01:00` crosses midnight and, on a day starting at 10:00, `01:00-02:00`
    /// is the night after it. `None` when the window would be empty or longer than 12 hours
    /// (as `15:00-14:00` would be: a slip, not a night).
    pub fn on(
        day: &crate::schedule::ConferenceDay,
        from: NaiveTime,
        until: NaiveTime,
    ) -> Option<Busy> {
        let from_at = day.at(from);
        let mut until_at = from_at.date().and_time(until);
        if until_at <= from_at {
            until_at += chrono::Duration::days(1);
        }
        let length = until_at - from_at;
        (from != until && length <= chrono::Duration::hours(12)).then_some(Busy {
            day: day.index,
            from: from_at,
            until: until_at,
        })
    }

    /// Whether the window shares time with `from..until` (see [`spans_overlap`]).
    pub fn overlaps(&self, from: NaiveDateTime, until: NaiveDateTime) -> bool {
        spans_overlap((self.from, self.until), (from, until))
    }

    /// Whether the window shares time with a session, in real time on `clock` (a session or a
    /// window across midnight, or across a change of the clocks, included).
    pub(crate) fn overlaps_session(
        &self,
        clock: RealClock,
        session: &crate::schedule::Session,
    ) -> bool {
        spans_overlap(
            (clock.at(self.from), clock.at(self.until)),
            clock.span(session),
        )
    }

    /// Whether the moment `at` falls in the window (its start included, its end not).
    pub fn covers(&self, at: NaiveDateTime) -> bool {
        self.from <= at && at < self.until
    }

    /// The window as `--busy` and profiles take it: `2 14:00-15:00` (day number, clock times).
    pub fn to_arg(&self) -> String {
        format!(
            "{} {}-{}",
            self.day,
            self.from.format("%H:%M"),
            self.until.format("%H:%M")
        )
    }
}

impl std::fmt::Display for Busy {
    /// `day 2 14:00–15:00`, or `day 2 23:00–01:00 (+1)` across midnight, for people.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "day {} {}–{}",
            self.day,
            self.from.format("%H:%M"),
            self.until.format("%H:%M")
        )?;
        let later = (self.until.date() - self.from.date()).num_days();
        if later > 0 {
            write!(f, " (+{later})")?;
        }
        Ok(())
    }
}

/// Hard limits on the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// At most this many room switches per conference day (`None`: no limit).
    pub max_switches: Option<u32>,
    /// Minutes needed between consecutive talks in different rooms.
    pub switch_minutes: u32,
    /// Windows to keep free.
    pub busy: Vec<Busy>,
    /// Leave free time free instead of filling it with talks in the current room.
    pub gaps: bool,
    /// Walking times between rooms grouped into buildings; `None`: every change of room takes
    /// `switch_minutes`.
    pub walking: Option<venue::Venue>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_switches: Some(DEFAULT_MAX_SWITCHES),
            switch_minutes: 0,
            busy: Vec::new(),
            gaps: false,
            walking: None,
        }
    }
}

/// Everything a plan is made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// What the attendee cares about.
    pub interests: Interests,
    /// The limits.
    pub limits: Limits,
}

/// The must-see talks of `interests` that the organiser cancelled (schedule indices, each
/// once, in schedule order): [`crate::plan::resolve_lists`] leaves them out, and the caller says so. Ids
/// that do not resolve are left to [`crate::plan::resolve_lists`] to report.
pub fn cancelled_musts(schedule: &Schedule, interests: &Interests) -> Vec<usize> {
    let mut cancelled: Vec<usize> = interests
        .must
        .iter()
        .filter_map(|m| interests::resolve_session(schedule, m, "must-see").ok())
        .filter(|&i| schedule.sessions[i].cancelled)
        .collect();
    cancelled.sort_unstable();
    cancelled.dedup();
    cancelled
}
