//! A joint agenda proven best without the integer program: everyone's best agenda when company
//! is free.
//!
//! Pretend that each person p has company in every talk t worth meeting in (t ∈ I) that some
//! friend may attend. p's value is then a sum over p's own agenda alone:
//!
//! ```text
//! u_{p,t} = 60·score_{p,t} + W·m_t·[t ∈ I and some q ≠ p has t among their modelled talks]
//! ```
//!
//! and no joint agenda gives p more than U_p, the most Σ_t u_{p,t} any agenda of p's rules has
//! (a friend at t needs t among their talks; the floors, the rows keeping days apart and the
//! other people only remove agendas). So the joint value is at most Σ_p U_p. Each person's U_p
//! is found exactly, with the fewest switches among the agendas reaching it — per conference
//! day by the longest paths of [`crate::solve::ilp::paths`], with the switches used in the state; for a
//! part of several days (days overlapping in time) by the planner's own integer program over
//! the person's days, whose tie-break is the same. If those agendas, put together, give every
//! person company wherever u counted it (their joint value is Σ_p U_p) and keep every floor,
//! they are a best joint agenda: any other has a lower value, or the same value with each
//! person's agenda reaching U_p, hence no fewer switches. That is the joint model's objective
//! (value first, switches second), so the answer is one of its optima.
//!
//! This is what settles, in time linear in the talks, the days where people like the same
//! talks equally: the joint integer program's relaxation is loose there (the switch limit
//! allows fractional routes) and its branch and bound meets countless equal agendas. When the
//! proof fails (people who like different talks: every real conference), the joint model is
//! solved as before.

use super::{Person, Settings, Talks, floor};
use crate::solve::{Day, Instance, ilp};
use std::collections::{BTreeMap, BTreeSet};

/// Everyone's chosen sessions (sorted) on the part's `dates`, when the agendas of free company
/// are proven a best joint agenda (see the module docs); `None` when the proof does not hold.
pub(super) fn best_if_free_company_is_met(
    people: &[Person],
    dates: &[u32],
    (meet, meet_all): (&BTreeMap<u32, BTreeSet<usize>>, &BTreeSet<usize>),
    talks: &Talks,
    settings: Settings,
) -> Option<Vec<Vec<usize>>> {
    // Per day: session → how many people have it among their modelled talks.
    let mut holders: BTreeMap<(u32, usize), usize> = BTreeMap::new();
    for (person, days) in people.iter().zip(talks) {
        for (&d, list) in days {
            let day = day_of(person, d)?;
            for &k in list {
                *holders.entry((d, day.items[k].session)).or_default() += 1;
            }
        }
    }
    let free = |d: u32, day: &Day, k: usize| {
        let it = &day.items[k];
        let company = meet.get(&d).is_some_and(|m| m.contains(&it.session))
            && holders.get(&(d, it.session)).copied().unwrap_or(0) > 1;
        60 * it.score
            + if company {
                settings.bonus * (it.end - it.start)
            } else {
                0
            }
    };
    let mut chosen = Vec::with_capacity(people.len());
    let mut most = 0i64;
    for (person, days) in people.iter().zip(talks) {
        let (mut mine, value) = if dates.len() == 1 {
            one_day(person, days, &free)?
        } else {
            several_days(person, dates, days, &free)?
        };
        // Every floor holds.
        for &d in dates {
            let Some(day) = person.instance.days.iter().find(|x| x.index == d) else {
                continue;
            };
            let own: i64 = day
                .items
                .iter()
                .filter(|i| mine.contains(&i.session))
                .map(|i| i.score)
                .sum();
            if own < floor(super::best_alone_on(person, day), settings.min_own) {
                return None;
            }
        }
        mine.sort_unstable();
        chosen.push(mine);
        most += value;
    }
    (super::value_of(people, &chosen, dates, meet_all, settings.bonus) == most).then_some(chosen)
}

/// The person's day `d`.
fn day_of<'a>(person: &Person<'a>, d: u32) -> Option<&'a Day> {
    person.instance.days.iter().find(|x| x.index == d)
}

/// On a part of one day: the person's agenda of most free-company value with the fewest
/// switches, by longest paths (sessions, value).
fn one_day(
    person: &Person,
    days: &BTreeMap<u32, Vec<usize>>,
    free: &impl Fn(u32, &Day, usize) -> i64,
) -> Option<(Vec<usize>, i64)> {
    let mut sessions = Vec::new();
    let mut value = 0;
    for (&d, list) in days {
        if list.is_empty() {
            continue;
        }
        let day = day_of(person, d)?;
        let weights: Vec<i64> = list.iter().map(|&k| free(d, day, k)).collect();
        let paths = ilp::paths::Paths::new(person.instance, day, list);
        for t in paths.fewest_switches(&weights)? {
            sessions.push(day.items[list[t]].session);
            value += weights[t];
        }
    }
    Some((sessions, value))
}

/// On a part of several days (overlapping in time): the same by the planner's integer program
/// over the person's modelled talks of those days, scored by their free-company value.
fn several_days(
    person: &Person,
    dates: &[u32],
    days: &BTreeMap<u32, Vec<usize>>,
    free: &impl Fn(u32, &Day, usize) -> i64,
) -> Option<(Vec<usize>, i64)> {
    let instance = Instance {
        days: person
            .instance
            .days
            .iter()
            .filter(|d| dates.contains(&d.index))
            .map(|day| {
                let list = days.get(&day.index).map_or(&[][..], Vec::as_slice);
                let mut items: Vec<_> = list
                    .iter()
                    .map(|&k| {
                        let mut it = day.items[k].clone();
                        it.score = free(day.index, day, k);
                        it
                    })
                    .collect();
                items.sort_by_key(|it| (it.start, it.room, it.session));
                Day {
                    index: day.index,
                    date: day.date,
                    items,
                }
            })
            .collect(),
        rooms: person.instance.rooms,
        max_switches: person.instance.max_switches,
        switch_minutes: person.instance.switch_minutes,
        walking: person.instance.walking.clone(),
    };
    let solution = ilp::solve(&instance).ok()?;
    Some((solution.chosen, solution.total))
}
