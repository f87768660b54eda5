//! The last step: fill the whole day, from its first session to its last, around your talks.
//!
//! The optimal agenda (the talks that score, chosen by the integer program) is fixed; filling only
//! adds talks that score exactly 0, so the score never changes. Disliked talks (score below 0),
//! avoided talks, breaks and busy windows are never added. The rule, per day:
//!
//! - every fill is a path through the day in time order that attends all of your talks, keeps
//!   the switch minutes between rooms and stays within the switch limit (`--max-switches`);
//!   the switches your talks need are counted first, so filling may only spend the *spare*
//!   switches, never one your talks need. With no limit, any number may be spent;
//! - of those paths, the one with the most minutes in talks wins, where each room switch beyond
//!   those your talks need costs [`SWITCH_COST_MINUTES`]: a switch is only made to fill time when
//!   it wins more than that many minutes of talks (so the 09:25 opening and the 09:30 talk in
//!   another room are attended before your first talk, but nobody hops rooms for five minutes);
//! - remaining ties: fewer switches, then a fixed order (the day's talks by start, room and
//!   session), so the same input always gives the same filling.
//!
//! It is solved exactly by a dynamic program over the day's talks in time order (state: the last
//! talk attended and the switches used so far).
//!
//! Each conference day is filled on its own; a filler that would clash with a talk of another
//! day (days overlapping in time) or come closer than the switch minutes to one in another
//! room is then dropped, which never adds a switch.

use crate::solve::{Day, Instance, Item};

/// Minutes of talks a room switch made only to fill free time has to win.
pub const SWITCH_COST_MINUTES: i64 = 20;

/// The sessions (schedule indices) to add to `chosen` to fill its free time.
pub fn fill_gaps(instance: &Instance, chosen: &[usize]) -> Vec<usize> {
    let mut added = Vec::new();
    for day in &instance.days {
        added.extend(fill_day(instance, day, chosen));
    }
    added.sort_unstable();
    added.dedup();
    // Keep only fillers clear of every attended talk and earlier filler, whatever its day.
    let item = |session: usize| {
        instance
            .days
            .iter()
            .flat_map(|d| &d.items)
            .find(|i| i.session == session)
    };
    let clear = |a: &Item, b: &Item| {
        a.end + instance.gap(a.room, b.room) <= b.start
            || b.end + instance.gap(b.room, a.room) <= a.start
    };
    let mut kept: Vec<&Item> = chosen.iter().filter_map(|&c| item(c)).collect();
    let mut fillers: Vec<&Item> = added.iter().filter_map(|&f| item(f)).collect();
    fillers.sort_by_key(|i| (i.start, i.room, i.session));
    let mut result = Vec::new();
    for f in fillers {
        if kept.iter().all(|k| clear(f, k)) {
            kept.push(f);
            result.push(f.session);
        }
    }
    result.sort_unstable();
    result
}

/// A path's value: (minutes − cost·switches, −switches); higher is better. The switches your
/// talks need are the same on every path, so their cost shifts every value alike.
type Value = (i64, i64);

/// The best path ending at an item with a given switch count (one state when unlimited): its
/// value, its switches and the (item, state) it came from.
type Cell = Option<(Value, i64, Option<(usize, usize)>)>;

/// The fill of one day.
fn fill_day(instance: &Instance, day: &Day, chosen: &[usize]) -> Vec<usize> {
    let items = candidates(day, chosen);
    if items.is_empty() {
        return Vec::new();
    }
    let core: Vec<bool> = items.iter().map(|i| chosen.contains(&i.session)).collect();
    let states = SwitchStates::new(instance, &items, &core);
    let next_core = next_core(&core);
    let best = best_paths(instance, &items, &core, &next_core, &states);
    let end = best_end(&best, &next_core);
    trace_back(&best, &items, &core, end)
}

/// The day's items that can be on the filled day (your talks and the unscored sessions), by
/// start, room and session.
fn candidates<'a>(day: &'a Day, chosen: &[usize]) -> Vec<&'a Item> {
    let mut items: Vec<&Item> = day
        .items
        .iter()
        .filter(|i| chosen.contains(&i.session) || i.score == 0)
        .collect();
    items.sort_by_key(|i| (i.start, i.room, i.session));
    items
}

/// How switch counts are tracked: up to the limit (at least your talks' own switches), or in
/// one state when there is no limit.
struct SwitchStates {
    /// The highest count tracked (`None`: no limit, one state).
    cap: Option<i64>,
}

impl SwitchStates {
    /// The states for `items`, whose `core` ones are your talks.
    fn new(instance: &Instance, items: &[&Item], core: &[bool]) -> Self {
        let core_list: Vec<&Item> = items
            .iter()
            .zip(core)
            .filter(|(_, c)| **c)
            .map(|(i, _)| *i)
            .collect();
        let core_switches = i64::from(crate::solve::count_switches(&core_list));
        SwitchStates {
            cap: instance
                .max_switches
                .map(|k| i64::from(k).max(core_switches)),
        }
    }

    /// The number of states.
    fn count(&self) -> usize {
        self.cap.map_or(1, |k| (k + 1) as usize)
    }

    /// The state of a path with `s` switches, or `None` when `s` is over the limit.
    fn of(&self, s: i64) -> Option<usize> {
        match self.cap {
            None => Some(0),
            Some(k) if s <= k => Some(s as usize),
            Some(_) => None,
        }
    }
}

/// `next_core[j]`: the position of the first core item at or after `j` (`core.len()`: none).
fn next_core(core: &[bool]) -> Vec<usize> {
    let n = core.len();
    let mut next_core = vec![n; n + 1];
    for j in (0..n).rev() {
        next_core[j] = if core[j] { j } else { next_core[j + 1] };
    }
    next_core
}

/// `best[j][s]`: the best path ending at item `j` with switch state `s`; a path keeps every
/// core item and leaves enough time to walk between rooms.
fn best_paths(
    instance: &Instance,
    items: &[&Item],
    core: &[bool],
    next_core: &[usize],
    states: &SwitchStates,
) -> Vec<Vec<Cell>> {
    let n = items.len();
    let mut best: Vec<Vec<Cell>> = vec![vec![None; states.count()]; n];
    for j in 0..n {
        let minutes = items[j].end - items[j].start;
        // Start the day at j: allowed only if no core item comes before it.
        if next_core[0] >= j {
            best[j][0] = Some(((minutes, 0), 0, None));
        }
        // Come from i: no core item strictly between them.
        for i in (0..j).rev() {
            if i + 1 < j && core[i + 1] {
                break;
            }
            let (a, b) = (items[i], items[j]);
            let switch = a.room != b.room;
            let gap = instance.gap(a.room, b.room);
            if b.start < a.end + gap {
                continue;
            }
            for s in 0..states.count() {
                let Some(((value, _), used, _)) = best[i][s] else {
                    continue;
                };
                let used_now = used + i64::from(switch);
                let Some(t) = states.of(used_now) else {
                    continue;
                };
                let cost = if switch { SWITCH_COST_MINUTES } else { 0 };
                let candidate = (value + minutes - cost, -used_now);
                let better = best[j][t].is_none_or(|(v, _, _)| candidate > v);
                if better {
                    best[j][t] = Some((candidate, used_now, Some((i, s))));
                }
            }
        }
    }
    best
}

/// The best path's end: its value, item and state, at any item with no core item after it (the
/// value counts the extra switches).
fn best_end(best: &[Vec<Cell>], next_core: &[usize]) -> Option<(Value, usize, usize)> {
    let n = best.len();
    let mut end: Option<(Value, usize, usize)> = None;
    for (j, row) in best.iter().enumerate() {
        if next_core[j + 1] < n {
            continue;
        }
        for (s, cell) in row.iter().enumerate() {
            if let Some((value, _, _)) = *cell
                && end.is_none_or(|(v, _, _)| value > v)
            {
                end = Some((value, j, s));
            }
        }
    }
    end
}

/// The sessions the path ending at `end` adds to your talks, from its end back to its start.
fn trace_back(
    best: &[Vec<Cell>],
    items: &[&Item],
    core: &[bool],
    end: Option<(Value, usize, usize)>,
) -> Vec<usize> {
    let mut added = Vec::new();
    let mut at = end.map(|(_, j, s)| (j, s));
    while let Some((j, s)) = at {
        if !core[j] {
            added.push(items[j].session);
        }
        at = best[j][s].and_then(|(_, _, back)| back);
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn instance(items: Vec<Item>, max_switches: Option<u32>) -> Instance {
        Instance {
            days: vec![Day {
                index: 1,
                date: NaiveDate::from_ymd_opt(2025, 9, 30).unwrap(),
                items,
            }],
            rooms: 2,
            max_switches,
            switch_minutes: 0,
            walking: None,
        }
    }

    #[test]
    fn staying_in_the_room_fills_before_between_and_after() {
        let inst = instance(
            vec![
                Item::test(0, 0, 0, 30, 0),
                Item::test(1, 0, 30, 60, 2),
                Item::test(2, 0, 60, 90, 0),
                Item::test(3, 0, 90, 120, 2),
                Item::test(4, 0, 120, 150, 0),
            ],
            Some(0),
        );
        assert_eq!(fill_gaps(&inst, &[1, 3]), vec![0, 2, 4]);
    }

    #[test]
    fn the_opening_in_another_room_is_attended_with_a_spare_switch() {
        // Opening and a 40-minute talk in room 0, your talk in room 1 afterwards.
        let items = vec![
            Item::test(0, 0, 0, 5, 0),
            Item::test(1, 0, 5, 45, 0),
            Item::test(2, 1, 50, 75, 2),
        ];
        assert_eq!(
            fill_gaps(&instance(items.clone(), Some(1)), &[2]),
            vec![0, 1]
        );
        // No spare switch: nothing is added, and your talk stays.
        assert!(fill_gaps(&instance(items, Some(0)), &[2]).is_empty());
    }

    #[test]
    fn no_switch_is_made_for_a_few_minutes() {
        // Between two talks in room 0: a 20-minute talk in room 0, a 25-minute one in room 1.
        let items = vec![
            Item::test(0, 0, 0, 30, 2),
            Item::test(1, 0, 30, 50, 0),
            Item::test(2, 1, 30, 55, 0),
            Item::test(3, 0, 60, 90, 2),
        ];
        assert_eq!(fill_gaps(&instance(items, None), &[0, 3]), vec![1]);
    }

    #[test]
    fn disliked_talks_are_never_added() {
        let items = vec![Item::test(0, 0, 0, 30, 2), Item::test(1, 0, 30, 60, -2)];
        assert!(fill_gaps(&instance(items, None), &[0]).is_empty());
    }

    #[test]
    fn a_day_without_your_talks_is_filled_in_one_room() {
        let items = vec![
            Item::test(0, 0, 0, 30, 0),
            Item::test(1, 1, 0, 30, 0),
            Item::test(2, 0, 30, 60, 0),
            Item::test(3, 1, 40, 60, 0),
        ];
        assert_eq!(fill_gaps(&instance(items, Some(3)), &[]), vec![0, 2]);
    }
}
