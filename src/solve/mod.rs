//! The optimisation problem in plain numbers, and two independent ways to solve it exactly.
//!
//! An [`Instance`] holds, per day, the sessions an attendee *may* attend (breaks, busy windows and
//! avoided talks are already taken out) with their score in half points, their room and their
//! times in minutes. Both solvers return the lexicographic optimum: the highest total score, then
//! the fewest room switches.
//!
//! - [`ilp`]: the integer program (good_lp + microlp) the product uses;
//! - [`dp`]: a dynamic program over talks in time order, the independent reference for tests and
//!   benchmarks.

pub mod dp;
pub mod ilp;
pub mod joint;

use chrono::NaiveDate;
use std::time::Duration;

/// One session that may be attended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Index of the session in the schedule.
    pub session: usize,
    /// Room index (0-based, in the conference's room order).
    pub room: usize,
    /// Start, minutes after midnight of the day.
    pub start: i64,
    /// End, minutes after midnight of the day (after `start`).
    pub end: i64,
    /// Score in half points (may be zero or negative).
    pub score: i64,
    /// Must be attended.
    pub must: bool,
}

/// One day's candidate sessions, sorted by (start, room, session).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The date.
    pub date: NaiveDate,
    /// The sessions that may be attended that day.
    pub items: Vec<Item>,
}

/// A whole planning problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// The days; they are independent of each other.
    pub days: Vec<Day>,
    /// Number of rooms.
    pub rooms: usize,
    /// At most this many room switches per day (`None`: no limit).
    pub max_switches: Option<u32>,
    /// Minutes needed between two consecutive attended talks in different rooms.
    pub switch_minutes: i64,
}

/// Size and timing of a solve, for `--verbose` and benchmarks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Model variables (summed over days).
    pub variables: usize,
    /// Model constraints (summed over days).
    pub constraints: usize,
    /// Time spent building the model.
    pub build: Duration,
    /// Time spent solving it.
    pub solve: Duration,
}

/// An optimal agenda.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Solution {
    /// Total score in half points.
    pub total: i64,
    /// Chosen sessions (schedule indices), in time order.
    pub chosen: Vec<usize>,
    /// Room switches used per day, in the order of [`Instance::days`].
    pub switches: Vec<u32>,
    /// Model size and timing.
    pub stats: Stats,
}

/// Counts the room switches of a sequence of items in time order.
pub fn count_switches(items: &[&Item]) -> u32 {
    items.windows(2).filter(|w| w[0].room != w[1].room).count() as u32
}

/// Checks that a choice of items is a feasible agenda for a day: no overlaps, enough time
/// between rooms, within the switch limit, every must-see present. Returns the switches used.
pub fn check_day(instance: &Instance, day: &Day, chosen: &[&Item]) -> Result<u32, String> {
    for w in chosen.windows(2) {
        if w[1].start < w[0].end {
            return Err(format!(
                "sessions {} and {} overlap",
                w[0].session, w[1].session
            ));
        }
        if w[0].room != w[1].room && w[1].start - w[0].end < instance.switch_minutes {
            return Err(format!(
                "only {} minutes to change rooms between {} and {}",
                w[1].start - w[0].end,
                w[0].session,
                w[1].session
            ));
        }
    }
    let switches = count_switches(chosen);
    if let Some(k) = instance.max_switches
        && switches > k
    {
        return Err(format!("{switches} switches, more than {k}"));
    }
    for item in day.items.iter().filter(|i| i.must) {
        if !chosen.iter().any(|c| c.session == item.session) {
            return Err(format!("must-see session {} is missing", item.session));
        }
    }
    Ok(switches)
}
