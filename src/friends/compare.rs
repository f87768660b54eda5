//! Comparing agendas: where everyone is at each moment of each day, what they share, where they
//! can meet, and where they split up.
//!
//! [`Comparison::new`] lays the agendas out once; the writers of
//! [`crate::export::comparison`] (table, text, JSON, HTML) all print that one layout.
//!
//! Rows: per day, one per distinct start time of an attended talk or of a break (a break held
//! in several rooms at once is one row), and one per meeting option (see [`super::meet`]) that
//! starts at no such time; at a meeting everyone keeps free (an agreed meeting, or a busy
//! window everyone has) they are at the meeting, not "busy". A person is *free*
//! at a row when no attended talk covers its start; at a break they can meet unless a busy
//! window of their own overlaps it.

use super::Attendee;
use super::meet::{self, Meeting};
use crate::prefs::Busy;
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
    /// At a meeting everyone keeps free (agreed, or a busy window everyone shares).
    Meeting,
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
    /// The meeting option starting here (index into [`Comparison::meetings`]), if any.
    pub meeting: Option<usize>,
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
    /// Per conference day, the windows both are free ([`super::meet::pair_windows`]).
    pub free: Vec<(u32, (NaiveDateTime, NaiveDateTime))>,
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
    /// When and where everyone can meet, per day ([`super::meet`]): one list every writer
    /// prints.
    pub meetings: Vec<Meeting>,
}

/// A person's own busy windows: those not everyone has (a window everyone has is a meeting).
fn own_busy<'a>(people: &'a [Attendee], p: usize) -> impl Iterator<Item = &'a Busy> + 'a {
    people[p]
        .request
        .limits
        .busy
        .iter()
        .filter(move |b| !people.iter().all(|q| q.request.limits.busy.contains(b)))
}

/// Whether a person's own busy windows overlap a session, in real time on `clock`.
fn busy_during(clock: RealClock, people: &[Attendee], p: usize, s: &Session) -> bool {
    own_busy(people, p).any(|b| b.overlaps_session(clock, s))
}

/// Whether a person's own busy windows cover a moment.
fn busy_at(people: &[Attendee], p: usize, at: NaiveDateTime) -> bool {
    own_busy(people, p).any(|b| b.covers(at))
}

impl<'s> Comparison<'s> {
    /// Lays out the agendas. `agreed` are the agreed meetings ([`super::agreed`]), already in
    /// everyone's busy windows, in the zone the schedule is shown in.
    pub fn new(schedule: &'s Schedule, people: Vec<Attendee>, agreed: &[Busy]) -> Self {
        let meetings = meet::meetings(schedule, &people, agreed);
        let days: Vec<DayView> = schedule
            .days()
            .iter()
            .map(|day| day_view(schedule, &people, &meetings, day))
            .collect();
        let mut pairs = Vec::new();
        for a in 0..people.len() {
            for b in a + 1..people.len() {
                pairs.push(pair(schedule, &people, &days, a, b));
            }
        }
        Comparison {
            schedule,
            people,
            days,
            pairs,
            meetings,
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

fn day_view(
    schedule: &Schedule,
    people: &[Attendee],
    meetings: &[Meeting],
    day: &ConferenceDay,
) -> DayView {
    let clock = RealClock::of(schedule);
    let starts = row_starts(schedule, people, day);
    let mut rows: Vec<Row> = starts
        .into_iter()
        .map(|(at, break_session)| {
            let cells: Vec<Cell> = (0..people.len())
                .map(|p| cell(schedule, clock, people, p, at, break_session))
                .collect();
            row(people, at, break_session, None, cells)
        })
        .collect();
    // Each meeting option but talks sat in together (rows already) starts a row, or names the
    // row starting then; at a meeting everyone keeps free (agreed, or a busy window they all
    // have) everyone is at the meeting, not busy.
    for (m, meeting) in meetings.iter().enumerate() {
        if meeting.day != day.index || meeting.kind == meet::Kind::Together {
            continue;
        }
        let at = meeting.from;
        if let Some(r) = rows.iter_mut().find(|r| r.at == at) {
            r.meeting = r.meeting.or(Some(m));
            continue;
        }
        let kept = matches!(meeting.kind, meet::Kind::Agreed | meet::Kind::SharedBusy);
        let cells = (0..people.len())
            .map(|p| match cell(schedule, clock, people, p, at, None) {
                Cell::Free | Cell::Busy if kept => Cell::Meeting,
                other => other,
            })
            .collect();
        rows.push(row(people, at, None, Some(m), cells));
    }
    rows.sort_by_key(|r| r.at);
    DayView {
        day: day.clone(),
        rows,
    }
}

/// What person `p` does at the row starting `at` (a break row when `break_session`).
fn cell(
    schedule: &Schedule,
    clock: RealClock,
    people: &[Attendee],
    p: usize,
    at: NaiveDateTime,
    break_session: Option<usize>,
) -> Cell {
    let current = people[p].chosen.iter().copied().find(|&i| {
        let s = &schedule.sessions[i];
        s.start_at() <= at && at < s.end_at()
    });
    match (current, break_session) {
        (Some(i), _) if schedule.sessions[i].start_at() == at => Cell::Starts(i),
        (Some(i), _) => Cell::Continues(i),
        (None, Some(b)) if busy_during(clock, people, p, &schedule.sessions[b]) => Cell::Busy,
        (None, Some(_)) => Cell::Break,
        (None, None) if busy_at(people, p, at) => Cell::Busy,
        (None, None) => Cell::Free,
    }
}

/// A row from its cells: the talks shared there and who can meet.
fn row(
    people: &[Attendee],
    at: NaiveDateTime,
    break_session: Option<usize>,
    meeting: Option<usize>,
    cells: Vec<Cell>,
) -> Row {
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
        .filter(|&p| matches!(cells[p], Cell::Free | Cell::Break | Cell::Meeting))
        .collect();
    let meet = if meet.len() > 1 { meet } else { Vec::new() };
    Row {
        at,
        break_session,
        meeting,
        cells,
        shared,
        meet,
    }
}

/// The start of every row of a day: each distinct start of an attended talk, and each break
/// (a break held in several rooms at once once), in time order.
fn row_starts(
    schedule: &Schedule,
    people: &[Attendee],
    day: &ConferenceDay,
) -> Vec<(NaiveDateTime, Option<usize>)> {
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
    starts
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
        free: meet::pair_windows(schedule, people, a, b),
    }
}
