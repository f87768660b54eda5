//! The exact reference solver: a dynamic program over talks in time order.
//!
//! It shares no code with the integer program, nor its grouping of days: it runs over the
//! candidates of the whole conference on the one clock of [`Instance`], sorted by start, cut
//! only where provably nothing links the two sides (`quiet_parts`: every earlier talk ends at
//! least the switch minutes before, and every earlier talk's day is over).
//! A state is "the last talk attended was `i`", together with what the rules still need to know
//! about each conference day that may get another talk: the room of its last talk so far and
//! the switches it has used (see the rules in [`super`]).
//!
//! ```text
//! best[i][σ] = score_i + max( start value                 if no must-see ends before i starts,
//!                             best[j][σ'] then i           for every j with end_j + gap(j,i) <= start_i,
//!                                                          no must-see lying between j and i,
//!                                                          σ = σ' with day(i) moved to room_i )
//! gap(j,i) = 0 in the same room, else the walking minutes from room_j to room_i (the switch
//!            minutes when all rooms are alike)
//! moving day d to room r: (r, 0) if d had no talk yet; (r, k + [r != r_d]) from (r_d, k), ≤ K
//! ```
//!
//! Values are compared as (score, −switches); for re-planning, [`solve_keeping`] compares
//! (score + w·kept, kept, −switches) instead, `kept` counting the chosen talks that belong to a
//! given set (the talks chosen before): the lexicographic objective of `agenda replan`, computed
//! directly rather than through the scaled scores the integer program is given. A day is dropped from σ once none of its talks can
//! still come (all start before talk i ends), so in a conference whose days do not overlap σ is
//! just the current day's (room, switches) and the program is O(n²·K). Items overlapping a
//! must-see are left out; the answer is the best state after which no must-see starts.
//!
//! Talks that cannot raise the value are left out too (not must-see, and scoring ≤ 0 — when
//! re-planning: a gain score + w·kept below 0, or 0 and not kept): taking one out of any agenda
//! keeps it an agenda (gaps only widen; a day's room sequence loses one element, which never
//! adds a change: A B A becomes A A) and never lowers its value, so the optimum is the same. The
//! exhaustive search in `tests/nights.rs` enumerates every subset, these talks included, and
//! finds the same optimum. Slow for big instances, but obviously right, which is its job.

use super::{Instance, Item, Solution};
use crate::error::Error;
use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

/// What the rules need to know of each day that may still get a talk: (day position, room of
/// its last talk, switches used), sorted by day.
type Open = Vec<(usize, usize, u32)>;

/// The best final state: its value and where it is (`None`: the empty agenda).
type Answer = Option<((i64, i64, i64), Option<(usize, usize)>)>;

/// A value (score + w·kept, kept, −switches), compared lexicographically, and the state it came
/// from.
#[derive(Debug, Clone)]
struct Cell {
    value: (i64, i64, i64),
    parent: Option<(usize, usize)>,
}

/// Solves the instance exactly; [`Error::Infeasible`] when no agenda satisfies every must-see
/// talk and limit.
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
    let all = instance.all_items();
    let mut total = 0;
    let mut chosen = Vec::new();
    for part in quiet_parts(instance, &all) {
        let (score, picked) = solve_items(instance, &all[part.clone()], keep, weight)
            .ok_or_else(|| infeasible(instance, &all[part.clone()]))?;
        total += score;
        chosen.extend(picked.into_iter().map(|k| part.start + k));
    }
    let mut solution = Solution {
        total,
        switches: vec![0; instance.days.len()],
        ..Solution::default()
    };
    // Switches per day: room changes along each day's own sequence.
    let mut last_room: Vec<Option<usize>> = vec![None; instance.days.len()];
    for &k in &chosen {
        let (d, it) = all[k];
        if last_room[d].is_some_and(|r| r != it.room) {
            solution.switches[d] += 1;
        }
        last_room[d] = Some(it.room);
        solution.chosen.push(it.session);
    }
    solution.stats.solve = started.elapsed();
    Ok(solution)
}

/// The typed infeasible for a part (items in time order): the days it spans, by name.
fn infeasible(instance: &Instance, part: &[(usize, &Item)]) -> Error {
    let mut days: Vec<usize> = part.iter().map(|&(d, _)| d).collect();
    days.sort_unstable();
    days.dedup();
    Error::Infeasible {
        days: days.iter().map(|&d| instance.days[d].name()).collect(),
    }
}

/// Splits `all` (every item in time order) where nothing links the two sides: before item k when
/// every earlier item ends at least the longest room change (switch minutes or walk) before k starts (so no pair across the
/// cut overlaps or is too close to change rooms) and no earlier item's day has an item starting
/// at or after k (so no day's switches run across it). An agenda is then any agenda of each
/// part side by side, and its value the sum: the parts are solved on their own. In a real
/// conference the cuts fall in the hours between a night and the next morning.
fn quiet_parts(instance: &Instance, all: &[(usize, &Item)]) -> Vec<std::ops::Range<usize>> {
    let mut last_start = vec![i64::MIN; instance.days.len()];
    for &(d, it) in all {
        last_start[d] = last_start[d].max(it.start);
    }
    let mut parts = Vec::new();
    let (mut from, mut reach, mut open_until) = (0, i64::MIN, i64::MIN);
    for (k, &(d, it)) in all.iter().enumerate() {
        if k > from && it.start >= reach && it.start > open_until {
            parts.push(from..k);
            from = k;
        }
        reach = reach.max(it.end + instance.max_gap());
        open_until = open_until.max(last_start[d]);
    }
    if from < all.len() {
        parts.push(from..all.len());
    }
    parts
}

/// Keeps the better cell for a state (copying the state only when it is new); `index` finds a
/// state's place in `cells` in constant time, however many states days that overlap make.
fn offer(
    cells: &mut Vec<(Open, Cell)>,
    index: &mut HashMap<Open, usize>,
    open: &[(usize, usize, u32)],
    cell: Cell,
) {
    match index.get(open) {
        Some(&at) if cell.value > cells[at].1.value => cells[at].1 = cell,
        Some(_) => {}
        None => {
            index.insert(open.to_vec(), cells.len());
            cells.push((open.to_vec(), cell));
        }
    }
}

/// The best (score, chosen positions in `all`) or `None` when infeasible. `all` is every item
/// with its day position, in time order.
fn solve_items(
    instance: &Instance,
    all: &[(usize, &Item)],
    keep: &BTreeSet<usize>,
    weight: i64,
) -> Option<(i64, Vec<usize>)> {
    let musts: Vec<&Item> = all
        .iter()
        .filter(|(_, i)| i.must)
        .map(|(_, i)| *i)
        .collect();
    let usable = usable(all, &musts, keep, weight);
    let items: Vec<(usize, &Item)> = usable.iter().map(|&k| all[k]).collect();
    // The latest start of each day's usable items: a day is closed once nothing can follow.
    let mut last_start = vec![i64::MIN; instance.days.len()];
    for &(d, it) in &items {
        last_start[d] = last_start[d].max(it.start);
    }
    let table = Table {
        instance,
        items: &items,
        musts: &musts,
        keep,
        weight,
        last_start,
    };
    let best = table.fill();
    let (_, mut at) = table.best_end(&best)?;
    let mut chosen = Vec::new();
    while let Some((i, s)) = at {
        chosen.push(usable[i]);
        at = best[i][s].1.parent;
    }
    chosen.reverse();
    let score = chosen.iter().map(|&k| all[k].1.score).sum();
    Some((score, chosen))
}

/// Whether two items share a minute.
fn overlaps(a: &Item, b: &Item) -> bool {
    a.start < b.end && b.start < a.end
}

/// Positions in `all` of the items that may appear in an optimal agenda: must-see, or raising
/// the value (a positive gain, or a kept talk that gains 0 but counts as kept); and clear of
/// every other must-see (two must-see talks that overlap leave no agenda at all).
fn usable(
    all: &[(usize, &Item)],
    musts: &[&Item],
    keep: &BTreeSet<usize>,
    weight: i64,
) -> Vec<usize> {
    (0..all.len())
        .filter(|&k| {
            let it = all[k].1;
            let (g, kept) = gain(it, keep, weight);
            (it.must || g > 0 || (g == 0 && kept > 0))
                && musts
                    .iter()
                    .all(|m| m.session == it.session || !overlaps(m, it))
        })
        .collect()
}

/// Value of an item on its own: (score + w·kept, kept).
fn gain(it: &Item, keep: &BTreeSet<usize>, weight: i64) -> (i64, i64) {
    let kept = i64::from(keep.contains(&it.session));
    (it.score + weight * kept, kept)
}

/// The dynamic program over the usable items (in time order): for each item, the best value of
/// an agenda ending with it, per state of the open days.
struct Table<'a> {
    instance: &'a Instance,
    /// The usable items with their day positions, in time order.
    items: &'a [(usize, &'a Item)],
    /// Every must-see item.
    musts: &'a [&'a Item],
    keep: &'a BTreeSet<usize>,
    weight: i64,
    /// The latest start of each day's usable items.
    last_start: Vec<i64>,
}

impl Table<'_> {
    /// Whether a must-see lies wholly between "after time a" and "before time b".
    fn must_between(&self, after: i64, before: i64) -> bool {
        self.musts
            .iter()
            .any(|m| m.start >= after && m.end <= before)
    }

    /// Writes into `next` the state after talk `it` (day `d`) follows state `open`; `None` when
    /// over the limit, else whether it switched rooms.
    fn step(
        &self,
        open: &[(usize, usize, u32)],
        next: &mut Open,
        d: usize,
        it: &Item,
    ) -> Option<bool> {
        let limit = self.instance.max_switches;
        next.clear();
        let mut switched = false;
        let mut seen = false;
        for &(day, room, used) in open {
            if day == d {
                seen = true;
                switched = room != it.room;
                let used = used + u32::from(switched && limit.is_some());
                if limit.is_some_and(|k| used > k) {
                    return None;
                }
                next.push((day, it.room, used));
            } else {
                next.push((day, room, used));
            }
        }
        if !seen {
            next.push((d, it.room, 0));
            next.sort_unstable();
        }
        // Forget days none of whose talks can still come.
        next.retain(|&(day, _, _)| self.last_start[day] >= it.end);
        Some(switched)
    }

    /// For each item i, the cells (state, best value, parent) of agendas ending with i: it
    /// starts an agenda when no must-see lies before it, or follows an earlier item j it can
    /// reach in time with no must-see between them.
    fn fill(&self) -> Vec<Vec<(Open, Cell)>> {
        let items = self.items;
        let n = items.len();
        let mut best: Vec<Vec<(Open, Cell)>> = vec![Vec::new(); n];
        let mut next: Open = Vec::new();
        for i in 0..n {
            let (d, it) = items[i];
            let (g, kept) = gain(it, self.keep, self.weight);
            let mut cells: Vec<(Open, Cell)> = Vec::new();
            let mut index: HashMap<Open, usize> = HashMap::new();
            if !self.must_between(i64::MIN, it.start) && self.step(&[], &mut next, d, it).is_some()
            {
                offer(
                    &mut cells,
                    &mut index,
                    &next,
                    Cell {
                        value: (g, kept, 0),
                        parent: None,
                    },
                );
            }
            for j in 0..i {
                let prev = items[j].1;
                let gap = self.instance.gap(prev.room, it.room);
                if prev.end + gap > it.start || self.must_between(prev.end, it.start) {
                    continue;
                }
                for (s, (open, cell)) in best[j].iter().enumerate() {
                    let Some(switched) = self.step(open, &mut next, d, it) else {
                        continue;
                    };
                    let value = (
                        cell.value.0 + g,
                        cell.value.1 + kept,
                        cell.value.2 - i64::from(switched),
                    );
                    offer(
                        &mut cells,
                        &mut index,
                        &next,
                        Cell {
                            value,
                            parent: Some((j, s)),
                        },
                    );
                }
            }
            best[i] = cells;
        }
        best
    }

    /// The best final state: the empty agenda when there is no must-see, else the best cell of
    /// an item with no must-see after it; `None` when there is none (infeasible).
    fn best_end(&self, best: &[Vec<(Open, Cell)>]) -> Answer {
        let mut answer: Answer = if self.musts.is_empty() {
            Some(((0, 0, 0), None))
        } else {
            None
        };
        for (i, cells) in best.iter().enumerate() {
            if self.must_between(self.items[i].1.end, i64::MAX) {
                continue;
            }
            for (s, (_, c)) in cells.iter().enumerate() {
                if answer.is_none_or(|(v, _)| c.value > v) {
                    answer = Some((c.value, Some((i, s))));
                }
            }
        }
        answer
    }
}
