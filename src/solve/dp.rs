//! The exact reference solver: a dynamic program over talks in time order.
//!
//! It shares no code with the integer program. Per day, with the items sorted by start:
//!
//! ```text
//! best[i][k] = score_i + max( start value            if no must-see ends before i starts and k = 0,
//!                             best[j][k - d(j,i)]     for every j with end_j + gap(j,i) <= start_i
//!                                                     and no must-see lying between j and i )
//! d(j,i) = 1 if room_j != room_i else 0,   gap(j,i) = switch_minutes * d(j,i)
//! ```
//!
//! where values are compared as (score, −switches). For re-planning, [`solve_keeping`] compares
//! (score + w·kept, kept, −switches) instead, `kept` counting the chosen talks that belong to a
//! given set (the talks chosen before): the lexicographic objective of `agenda replan`, computed
//! directly rather than through the scaled scores the integer program is given. Items overlapping a must-see are left out;
//! the answer is the best state after which no must-see starts. Without a switch limit the
//! switches dimension collapses to one and switches are carried in the value. Time O(n²·K) per
//! day: slow for big instances, but obviously right, which is its job.

use super::{Day, Instance, Item, Solution};
use crate::error::UserError;
use std::collections::BTreeSet;
use std::time::Instant;

/// The best final state: its value and where it is.
type Answer = Option<((i64, i64, i64), Option<(usize, usize)>)>;

/// A value: (score + w·kept, kept, −switches), compared lexicographically, with the state it
/// came from.
#[derive(Debug, Clone, Copy)]
struct Cell {
    value: (i64, i64, i64),
    parent: Option<(usize, usize)>,
}

/// Solves the instance exactly; `Err` when some day has no feasible agenda.
pub fn solve(instance: &Instance) -> anyhow::Result<Solution> {
    solve_keeping(instance, &BTreeSet::new(), 0)
}

/// Solves the instance exactly for (score + `weight`·kept, kept, −switches), where kept counts
/// the chosen sessions (schedule indices) in `keep`; `weight` is in half points like the scores.
/// The solution's `total` is the plain score.
pub fn solve_keeping(
    instance: &Instance,
    keep: &BTreeSet<usize>,
    weight: i64,
) -> anyhow::Result<Solution> {
    let started = Instant::now();
    let mut solution = Solution::default();
    for day in &instance.days {
        let (total, chosen) = solve_day_keeping(instance, day, keep, weight).ok_or_else(|| {
            UserError::err(format!(
                "no agenda on {} satisfies every must-see and limit",
                day.date
            ))
        })?;
        let items: Vec<&Item> = chosen.iter().map(|&i| &day.items[i]).collect();
        solution.switches.push(super::count_switches(&items));
        solution.total += total;
        solution.chosen.extend(items.iter().map(|i| i.session));
    }
    solution.stats.solve = started.elapsed();
    Ok(solution)
}

/// The best (score, chosen item indices) for one day, or `None` when infeasible.
pub fn solve_day(instance: &Instance, day: &Day) -> Option<(i64, Vec<usize>)> {
    solve_day_keeping(instance, day, &BTreeSet::new(), 0)
}

/// [`solve_day`] for the objective of [`solve_keeping`].
fn solve_day_keeping(
    instance: &Instance,
    day: &Day,
    keep: &BTreeSet<usize>,
    weight: i64,
) -> Option<(i64, Vec<usize>)> {
    let musts: Vec<&Item> = day.items.iter().filter(|i| i.must).collect();
    let overlaps = |a: &Item, b: &Item| a.start < b.end && b.start < a.end;
    // Items that may appear in an agenda at all.
    let usable: Vec<usize> = (0..day.items.len())
        .filter(|&i| {
            let it = &day.items[i];
            musts
                .iter()
                .all(|m| m.session == it.session || !overlaps(m, it))
        })
        .collect();
    let items: Vec<&Item> = usable.iter().map(|&i| &day.items[i]).collect();
    let n = items.len();
    // A must-see lies strictly between "after time a" and "before time b".
    let must_between =
        |after: i64, before: i64| musts.iter().any(|m| m.start >= after && m.end <= before);
    let limited = instance.max_switches.is_some();
    let kdim = match instance.max_switches {
        Some(k) => (k as usize).min(n) + 1,
        None => 1,
    };
    let mut best: Vec<Vec<Option<Cell>>> = vec![vec![None; kdim]; n];
    // Value of an item on its own: (score + w·kept, kept).
    let gain = |it: &Item| {
        let kept = i64::from(keep.contains(&it.session));
        (it.score + weight * kept, kept)
    };
    for i in 0..n {
        let it = items[i];
        let (g, kept) = gain(it);
        if !must_between(i64::MIN, it.start) {
            best[i][0] = Some(Cell {
                value: (g, kept, 0),
                parent: None,
            });
        }
        for j in 0..n {
            let prev = items[j];
            let d = usize::from(prev.room != it.room);
            let gap = if d == 1 { instance.switch_minutes } else { 0 };
            if prev.end + gap > it.start || must_between(prev.end, it.start) {
                continue;
            }
            for k in 0..kdim {
                let Some(cell) = best[j][k] else { continue };
                let value = (
                    cell.value.0 + g,
                    cell.value.1 + kept,
                    cell.value.2 - d as i64,
                );
                let kk = if limited { k + d } else { 0 };
                if kk >= kdim {
                    continue;
                }
                if best[i][kk].is_none_or(|c| value > c.value) {
                    best[i][kk] = Some(Cell {
                        value,
                        parent: Some((j, k)),
                    });
                }
            }
        }
    }
    let mut answer: Answer = if musts.is_empty() {
        Some(((0, 0, 0), None))
    } else {
        None
    };
    for (i, row) in best.iter().enumerate() {
        if must_between(items[i].end, i64::MAX) {
            continue;
        }
        for (k, cell) in row.iter().enumerate() {
            if let Some(c) = cell
                && answer.is_none_or(|(v, _)| c.value > v)
            {
                answer = Some((c.value, Some((i, k))));
            }
        }
    }
    let (_, mut at) = answer?;
    let mut chosen = Vec::new();
    while let Some((i, k)) = at {
        chosen.push(usable[i]);
        at = best[i][k].and_then(|c| c.parent);
    }
    chosen.reverse();
    let score = chosen.iter().map(|&i| day.items[i].score).sum();
    Some((score, chosen))
}
