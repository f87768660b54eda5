//! Comparing agendas: where everyone is at each moment of each day, what they share, where they
//! can meet, and where they split up.
//!
//! [`Comparison::new`] lays the agendas out once; the table ([`write_table`]), the JSON
//! (`super::json`) and the HTML page (`super::html`) all print that one layout.
//!
//! Rows: per day, one per distinct start time of an attended talk or of a break (a break held
//! in several rooms at once is one row). A person is *free* at a row when no attended talk
//! covers its start; at a break they can meet unless a busy window of theirs overlaps it.

use super::Attendee;
use crate::output::{day_heading, new_table_width};
use crate::prefs::interests::format_points;
use crate::schedule::clock::RealClock;
use crate::schedule::{ConferenceDay, Kind, Schedule, Session};
use chrono::NaiveDateTime;
use std::io::Write;

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

/// At most `max` characters of `text`, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The marker of a talk attended together.
pub const TOGETHER: &str = "★";

fn cell_text(c: &Comparison, row: &Row, p: usize) -> String {
    let schedule = c.schedule;
    match row.cells[p] {
        Cell::Starts(i) => {
            let s = &schedule.sessions[i];
            let with = row
                .shared
                .iter()
                .any(|(t, who)| *t == i && who.contains(&p));
            // Fit the title on one line of the person's column (the table is 100 wide).
            let width = (70 / c.people.len()).clamp(14, 60);
            let mark = if with { "★ " } else { "" };
            format!(
                "{mark}{}\n{} · {}",
                shorten(&s.title, width - mark.chars().count() - 3),
                s.room,
                schedule
                    .time_zone()
                    .map_or(s.end_at(), |tz| crate::output::tz::local_end(tz, s))
                    .format("–%H:%M")
            )
        }
        Cell::Continues(i) => format!("⋮ {}", shorten(&schedule.sessions[i].title, 20)),
        Cell::Free => "free".to_string(),
        Cell::Break => match row.break_session {
            Some(b) => format!("— {} —", schedule.sessions[b].title),
            None => String::new(),
        },
        Cell::Busy => "busy".to_string(),
    }
}

fn together_text(c: &Comparison, row: &Row) -> String {
    let mut parts: Vec<String> = row
        .shared
        .iter()
        .map(|(_, who)| format!("★ {}", c.names(who)))
        .collect();
    if !row.meet.is_empty() {
        let word = if row.break_session.is_some() {
            "meet"
        } else {
            "free"
        };
        parts.push(format!("{word}: {}", c.names(&row.meet)));
    }
    parts.join("\n")
}

/// Writes the comparison as one table per day and a summary.
pub fn write_table(
    out: &mut dyn Write,
    c: &Comparison,
    title: &str,
    width: u16,
) -> anyhow::Result<()> {
    let schedule = c.schedule;
    writeln!(out, "{} — {title}", schedule.conference.name)?;
    for person in &c.people {
        writeln!(out, "{}: {}", person.name, person.source)?;
    }
    for day in &c.days {
        writeln!(out, "\n{}", day_heading(schedule, &day.day))?;
        let mut header = vec!["Time"];
        header.extend(c.people.iter().map(|p| p.name.as_str()));
        header.push("Together");
        let mut table = new_table_width(&header, width);
        for row in &day.rows {
            let mut cells = vec![day.day.clock(row.at)];
            cells.extend((0..c.people.len()).map(|p| cell_text(c, row, p)));
            cells.push(together_text(c, row));
            table.add_row(crate::output::clean_row(cells));
        }
        writeln!(out, "{table}")?;
    }
    writeln!(out)?;
    let mut summary = new_table_width(&["Person", "Score", "Talks"], width);
    for p in &c.people {
        summary.add_row(crate::output::clean_row(vec![
            p.name.clone(),
            format_points(p.total),
            p.chosen.len().to_string(),
        ]));
    }
    writeln!(out, "{summary}")?;
    let mut pairs = new_table_width(&["Pair", "Talks together", "In different rooms"], width);
    for pair in &c.pairs {
        let (a, b) = pair.people;
        let together: Vec<String> = pair
            .together
            .iter()
            .map(|&i| shorten(&schedule.sessions[i].title, 30))
            .collect();
        let apart: Vec<String> = pair
            .apart
            .iter()
            .map(|s| {
                let day = schedule.day_of(&schedule.sessions[s.sessions.0]);
                format!(
                    "day {} {} ({} / {})",
                    day.map_or(0, |d| d.index),
                    day.map_or_else(|| s.at.format("%H:%M").to_string(), |d| d.clock(s.at)),
                    schedule.sessions[s.sessions.0].room,
                    schedule.sessions[s.sessions.1].room
                )
            })
            .collect();
        pairs.add_row(crate::output::clean_row(vec![
            format!("{} & {}", c.people[a].name, c.people[b].name),
            counted_list(&together),
            counted_list(&apart),
        ]));
    }
    writeln!(out, "{pairs}")?;
    let legend = format!(
        "★ a talk you sit in together · meet: who is free at a break · free: who is between talks · ⋮ still in the talk above · times in {}",
        schedule.conference.time_zone
    );
    writeln!(out, "{}", crate::output::note(&legend, width))?;
    Ok(())
}

/// How many lines a pair's list shows in the table before it is cut (JSON and HTML list all).
const PAIR_LIST_LINES: usize = 12;

/// A count, then the items, at most [`PAIR_LIST_LINES`] of them and a line saying how many
/// more there are: at FOSDEM two friends are in different rooms for some 70 slots.
fn counted_list(items: &[String]) -> String {
    let mut lines = vec![items.len().to_string()];
    if items.len() > PAIR_LIST_LINES {
        lines.extend(items[..PAIR_LIST_LINES - 1].iter().cloned());
        lines.push(format!(
            "… {} more (--format json or html lists all)",
            items.len() - (PAIR_LIST_LINES - 1)
        ));
    } else {
        lines.extend(items.iter().cloned());
    }
    lines.join("\n")
}

#[cfg(test)]
mod pair_list_tests {
    use super::*;

    #[test]
    fn a_long_pair_list_is_cut_with_a_count_of_what_is_left() {
        let items: Vec<String> = (1..=20).map(|n| format!("slot {n}")).collect();
        let text = counted_list(&items);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + PAIR_LIST_LINES);
        assert_eq!(lines[0], "20");
        assert_eq!(lines[1], "slot 1");
        assert_eq!(
            lines[PAIR_LIST_LINES],
            "… 9 more (--format json or html lists all)"
        );
        let short: Vec<String> = items[..PAIR_LIST_LINES].to_vec();
        assert_eq!(counted_list(&short).lines().count(), 1 + PAIR_LIST_LINES);
        assert!(!counted_list(&short).contains("more"));
    }
}
