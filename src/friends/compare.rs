//! Comparing agendas: where everyone is at each moment of each day, what they share, where they
//! can meet, and where they split up.
//!
//! [`Comparison::new`] lays the agendas out once; the writers of
//! [`crate::export::comparison`] (table, text, JSON, HTML) all print that one layout.
//!
//! Rows: per day, one per distinct start time of an attended talk or of a break (a break held
//! in several rooms at once is one row). A person is *free* at a row when no attended talk
//! covers its start; at a break they can meet unless a busy window of theirs overlaps it.

use super::Attendee;
use crate::schedule::clock::RealClock;
use crate::schedule::{ConferenceDay, Kind, Schedule, Session};
use chrono::NaiveDateTime;

/// What one person does at one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Starts this session (schedule index).
    Starts(usize),
    /// Still in this session, started earlier.
    Continues(usize),
    /// In no talk.
    Free,
    /// At the break (free to meet).
    Break,
    /// Busy (own busy window) during the break.
    Busy,
}

impl Cell {
    /// The session the person sits in, if any.
    pub fn session(self) -> Option<usize> {
        match self {
            Cell::Starts(i) | Cell::Continues(i) => Some(i),
            _ => None,
        }
    }
}

/// One time slot of a day.
#[derive(Debug, Clone)]
pub struct Row {
    /// When the slot starts.
    pub at: NaiveDateTime,
    /// The break or social event of this row, if it is one (schedule index).
    pub break_session: Option<usize>,
    /// One cell per person.
    pub cells: Vec<Cell>,
    /// Sessions starting here attended by two or more people, with who (person indices).
    pub shared: Vec<(usize, Vec<usize>)>,
    /// Who can meet: at a break, everyone not busy; elsewhere, everyone free (two or more).
    pub meet: Vec<usize>,
}

/// One day of the comparison.
#[derive(Debug, Clone)]
pub struct DayView {
    /// The conference day.
    pub day: ConferenceDay,
    /// Its rows in time order.
    pub rows: Vec<Row>,
}

/// A slot where two people sit in different talks.
#[derive(Debug, Clone)]
pub struct Split {
    /// When.
    pub at: NaiveDateTime,
    /// The first person's session and the second's.
    pub sessions: (usize, usize),
}

/// What a pair of people share and where they part.
#[derive(Debug, Clone)]
pub struct Pair {
    /// Person indices, first < second.
    pub people: (usize, usize),
    /// Sessions both attend, in time order.
    pub together: Vec<usize>,
    /// Slots where both are in talks, in different rooms.
    pub apart: Vec<Split>,
}

/// Everyone's agendas laid out side by side.
#[derive(Debug, Clone)]
pub struct Comparison<'s> {
    /// The schedule.
    pub schedule: &'s Schedule,
    /// The people, in command-line order.
    pub people: Vec<Attendee>,
    /// The days.
    pub days: Vec<DayView>,
    /// Every pair, in command-line order.
    pub pairs: Vec<Pair>,
    /// When and where everyone can meet ([`super::meet`]).
    pub windows: Vec<super::meet::Window>,
}

/// Whether a person's busy windows overlap a session, in real time on `clock`.
fn busy_during(clock: RealClock, person: &Attendee, s: &Session) -> bool {
    person
        .request
        .limits
        .busy
        .iter()
        .any(|b| b.overlaps_session(clock, s))
}

/// Whether a person's busy windows cover a moment.
fn busy_at(person: &Attendee, at: NaiveDateTime) -> bool {
    person.request.limits.busy.iter().any(|b| b.covers(at))
}

impl<'s> Comparison<'s> {
    /// Lays out the agendas.
    pub fn new(schedule: &'s Schedule, people: Vec<Attendee>) -> Self {
        let days: Vec<DayView> = schedule
            .days()
            .iter()
            .map(|day| day_view(schedule, &people, day))
            .collect();
        let mut pairs = Vec::new();
        for a in 0..people.len() {
            for b in a + 1..people.len() {
                pairs.push(pair(schedule, &people, &days, a, b));
            }
        }
        let windows = super::meet::windows(schedule, &people);
        Comparison {
            schedule,
            people,
            days,
            pairs,
            windows,
        }
    }

    /// The people (indices) who attend session `i`.
    pub(crate) fn attendees_of(&self, i: usize) -> Vec<usize> {
        (0..self.people.len())
            .filter(|&p| self.people[p].attends(i))
            .collect()
    }

    /// Names of people, joined with `, `.
    pub fn names(&self, who: &[usize]) -> String {
        who.iter()
            .map(|&p| self.people[p].name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn day_view(schedule: &Schedule, people: &[Attendee], day: &ConferenceDay) -> DayView {
    let clock = RealClock::of(schedule);
    let mut starts: Vec<(NaiveDateTime, Option<usize>)> = Vec::new();
    for (i, s) in schedule.sessions.iter().enumerate() {
        if s.day != day.index {
            continue;
        }
        if matches!(s.kind, Kind::Break | Kind::Social) {
            if !starts.iter().any(|(at, b)| {
                *at == s.start_at() && b.is_some_and(|b| schedule.sessions[b].title == s.title)
            }) {
                starts.push((s.start_at(), Some(i)));
            }
        } else if people.iter().any(|p| p.attends(i)) {
            starts.push((s.start_at(), None));
        }
    }
    starts.sort();
    starts.dedup();
    // A talk row at the same time as a break row adds nothing: keep the break.
    let break_times: Vec<NaiveDateTime> = starts
        .iter()
        .filter(|(_, b)| b.is_some())
        .map(|(at, _)| *at)
        .collect();
    starts.retain(|(at, b)| b.is_some() || !break_times.contains(at));
    let rows = starts
        .into_iter()
        .map(|(at, break_session)| {
            let cells: Vec<Cell> = people
                .iter()
                .map(|p| {
                    let current = p.chosen.iter().copied().find(|&i| {
                        let s = &schedule.sessions[i];
                        s.start_at() <= at && at < s.end_at()
                    });
                    match (current, break_session) {
                        (Some(i), _) if schedule.sessions[i].start_at() == at => Cell::Starts(i),
                        (Some(i), _) => Cell::Continues(i),
                        (None, Some(b)) if busy_during(clock, p, &schedule.sessions[b]) => {
                            Cell::Busy
                        }
                        (None, Some(_)) => Cell::Break,
                        (None, None) if busy_at(p, at) => Cell::Busy,
                        (None, None) => Cell::Free,
                    }
                })
                .collect();
            let mut shared: Vec<(usize, Vec<usize>)> = Vec::new();
            for cell in &cells {
                if let Cell::Starts(i) = *cell
                    && !shared.iter().any(|(s, _)| *s == i)
                {
                    let who: Vec<usize> = (0..people.len())
                        .filter(|&p| cells[p] == Cell::Starts(i))
                        .collect();
                    if who.len() > 1 {
                        shared.push((i, who));
                    }
                }
            }
            let meet: Vec<usize> = (0..people.len())
                .filter(|&p| matches!(cells[p], Cell::Free | Cell::Break))
                .collect();
            let meet = if meet.len() > 1 { meet } else { Vec::new() };
            Row {
                at,
                break_session,
                cells,
                shared,
                meet,
            }
        })
        .collect();
    DayView {
        day: day.clone(),
        rows,
    }
}

fn pair(schedule: &Schedule, people: &[Attendee], days: &[DayView], a: usize, b: usize) -> Pair {
    let together: Vec<usize> = people[a]
        .chosen
        .iter()
        .copied()
        .filter(|i| people[b].attends(*i))
        .collect();
    let mut apart = Vec::new();
    for day in days {
        for row in &day.rows {
            if let (Some(x), Some(y)) = (row.cells[a].session(), row.cells[b].session())
                && schedule.sessions[x].room != schedule.sessions[y].room
            {
                apart.push(Split {
                    at: row.at,
                    sessions: (x, y),
                });
            }
        }
    }
    Pair {
        people: (a, b),
        together,
        apart,
    }
}
