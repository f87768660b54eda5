//! Listed days that run at the same time, read as one conference day.
//!
//! An export may list several days whose talks run at once: days 1–4 all under one date with
//! the same hours (a date written four times, or a daylight-saving edit gone wrong). Each
//! conference day counts its own room switches, so four such days would let an attendee switch
//! rooms four times as often on that date, and planning them is exponential in the days open at
//! once. They are one day to whoever attends them, so they are read as one: their sessions are
//! listed under the first of them, the days after are renumbered, and one `days-at-once`
//! warning names each group.
//!
//! Two days run at the same time when the spans of their talks (the sessions inside the day's
//! listed start and end, or all of them when it lists none) overlap by at least half of the
//! shorter span. A night that runs into the next morning overlaps that morning by an hour or
//! two of a whole day, and a session listed under the wrong day lies outside its day's listed
//! hours: both keep their days apart, as the rules of overlapping days plan them exactly.

use crate::schedule::ConferenceDay;
use chrono::NaiveDateTime;

/// The days of an export after merging those that run at the same time.
#[derive(Debug, Clone, PartialEq)]
pub struct AtOnce {
    /// The conference days, `index` = position + 1, in the order of their first listed day.
    pub days: Vec<ConferenceDay>,
    /// For each listed day (by position), the index of the conference day it became.
    pub index_of: Vec<u32>,
    /// Every group of two or more listed days read as one.
    pub groups: Vec<Group>,
}

/// Listed days read as one conference day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The conference day they became (its `index`).
    pub index: u32,
    /// The listed days, 1-based positions in file order.
    pub listed: Vec<u32>,
}

/// Merges the listed `days` (in file order, `index` = position + 1) whose talks' `spans` (by
/// position; `None` for a day without talks inside its hours) run at the same time.
pub fn merge(days: Vec<ConferenceDay>, spans: &[Option<(NaiveDateTime, NaiveDateTime)>]) -> AtOnce {
    // Days with talks in their hours, by their span; every other day stays a day of its own.
    let mut order: Vec<(NaiveDateTime, NaiveDateTime, usize)> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (p, span) in spans.iter().enumerate() {
        match *span {
            Some((from, until)) if until > from => order.push((from, until, p)),
            _ => members.push(vec![p]),
        }
    }
    order.sort_unstable();
    // Groups of positions, each with the span of its talks so far.
    let mut groups: Vec<(NaiveDateTime, NaiveDateTime, Vec<usize>)> = Vec::new();
    for (from, until, p) in order {
        match groups.last_mut() {
            Some((g_from, g_until, group)) if at_once((*g_from, *g_until), (from, until)) => {
                *g_until = (*g_until).max(until);
                group.push(p);
            }
            _ => groups.push((from, until, vec![p])),
        }
    }
    members.extend(groups.into_iter().map(|(_, _, m)| m));
    for m in &mut members {
        m.sort_unstable();
    }
    members.sort_unstable_by_key(|m| m[0]);
    let mut index_of = vec![0; days.len()];
    let mut merged = Vec::with_capacity(members.len());
    for (g, m) in members.iter().enumerate() {
        let index = g as u32 + 1;
        m.iter().for_each(|&p| index_of[p] = index);
        let of = || m.iter().map(|&p| &days[p]);
        merged.push(ConferenceDay {
            index,
            date: of().map(|d| d.date).min().unwrap_or(days[m[0]].date),
            start: of().map(|d| d.start).min().unwrap_or(days[m[0]].start),
            end: of().map(|d| d.end).max().unwrap_or(days[m[0]].end),
        });
    }
    let groups = members
        .into_iter()
        .filter(|m| m.len() > 1)
        .map(|m| Group {
            index: index_of[m[0]],
            listed: m.into_iter().map(|p| p as u32 + 1).collect(),
        })
        .collect();
    AtOnce {
        days: merged,
        index_of,
        groups,
    }
}

/// Whether a day whose talks span `day` (starting no earlier than `group`'s) runs at the same
/// time as `group`: they overlap by at least half of the shorter span.
fn at_once(group: (NaiveDateTime, NaiveDateTime), day: (NaiveDateTime, NaiveDateTime)) -> bool {
    let overlap = (group.1.min(day.1) - group.0.max(day.0)).num_minutes();
    let shorter = (group.1 - group.0).min(day.1 - day.0).num_minutes();
    overlap > 0 && 2 * overlap >= shorter
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 9, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn listed(
        spans: &[(u32, u32, u32, u32)],
    ) -> (
        Vec<ConferenceDay>,
        Vec<Option<(NaiveDateTime, NaiveDateTime)>>,
    ) {
        let days = spans
            .iter()
            .enumerate()
            .map(|(p, &(d, from, d2, until))| ConferenceDay {
                index: p as u32 + 1,
                date: at(d, 0).date(),
                start: at(d, from),
                end: at(d2, until),
            })
            .collect();
        let talks = spans
            .iter()
            .map(|&(d, from, d2, until)| Some((at(d, from), at(d2, until))))
            .collect();
        (days, talks)
    }

    #[test]
    fn days_listed_on_one_date_with_the_same_hours_become_one() {
        let (days, spans) = listed(&[(1, 9, 1, 17), (1, 9, 1, 18), (2, 9, 2, 17), (1, 10, 1, 16)]);
        let merged = merge(days, &spans);
        assert_eq!(
            merged.groups,
            vec![Group {
                index: 1,
                listed: vec![1, 2, 4]
            }]
        );
        assert_eq!(merged.index_of, vec![1, 1, 2, 1]);
        assert_eq!(merged.days.len(), 2);
        assert_eq!(
            (merged.days[0].start, merged.days[0].end),
            (at(1, 9), at(1, 18))
        );
        assert_eq!((merged.days[1].index, merged.days[1].start), (2, at(2, 9)));
    }

    #[test]
    fn a_night_running_into_the_next_morning_keeps_both_days() {
        // Day 1 from 10:00 until 06:00 the next morning; day 2 from 04:00: two hours of twenty.
        let (days, spans) = listed(&[(1, 10, 2, 6), (2, 4, 2, 23)]);
        let merged = merge(days.clone(), &spans);
        assert!(merged.groups.is_empty());
        assert_eq!(merged.days, days);
        assert_eq!(merged.index_of, vec![1, 2]);
    }

    #[test]
    fn a_day_without_talks_in_its_hours_stays_a_day() {
        let (days, mut spans) = listed(&[(1, 9, 1, 17), (1, 9, 1, 17)]);
        spans[1] = None;
        let merged = merge(days.clone(), &spans);
        assert!(merged.groups.is_empty());
        assert_eq!(merged.days, days);
    }
}
