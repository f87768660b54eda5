//! The last tie-break: fill free time with talks in the room you are already in.
//!
//! Given an optimal agenda, each stretch of free time of a day is filled with as many zero-score
//! talks as fit, in the room of the neighbouring attended talk: before the first talk in its room,
//! after the last in its room, between two talks in the same room in that room. Between talks in
//! two different rooms the switch may happen at any point of the gap, so both rooms are filled,
//! the split chosen to fit the most talks (on a tie, the one that stays longest in the first room),
//! keeping the switch minutes. This never adds a room switch and never changes the score.
//! Within a room the most talks that fit are found greedily by earliest end, which is optimal
//! for interval scheduling.
//!
//! Each conference day is filled on its own; a filler that would clash with a talk of another
//! day (days overlapping in time) or come closer than the switch minutes to one in another
//! room is dropped, which never adds a switch either.

use crate::solve::{Instance, Item};

/// The sessions (schedule indices) to add to `chosen` to fill its free time.
pub fn fill_gaps(instance: &Instance, chosen: &[usize]) -> Vec<usize> {
    let mut added = Vec::new();
    for day in &instance.days {
        let mut attended: Vec<&Item> = day
            .items
            .iter()
            .filter(|i| chosen.contains(&i.session))
            .collect();
        if attended.is_empty() {
            continue;
        }
        attended.sort_by_key(|i| (i.start, i.room));
        let spare: Vec<&Item> = day
            .items
            .iter()
            .filter(|i| i.score == 0 && !chosen.contains(&i.session))
            .collect();
        let first = attended[0];
        let last = attended[attended.len() - 1];
        added.extend(greedy(&spare, first.room, i64::MIN, first.start));
        added.extend(greedy(&spare, last.room, last.end, i64::MAX));
        for pair in attended.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.room == b.room {
                added.extend(greedy(&spare, a.room, a.end, b.start));
                continue;
            }
            let m = instance.switch_minutes;
            let mut splits: Vec<i64> = spare
                .iter()
                .filter(|i| i.room == a.room && i.start >= a.end && i.end + m <= b.start)
                .map(|i| i.end)
                .collect();
            splits.push(a.end);
            splits.sort_unstable();
            splits.dedup();
            let mut best: Option<Vec<usize>> = None;
            for &t in splits.iter().rev() {
                let mut here = greedy(&spare, a.room, a.end, t);
                here.extend(greedy(&spare, b.room, t + m, b.start));
                if best.as_ref().is_none_or(|b| here.len() > b.len()) {
                    best = Some(here);
                }
            }
            added.extend(best.unwrap_or_default());
        }
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
        let m = if a.room == b.room {
            0
        } else {
            instance.switch_minutes
        };
        a.end + m <= b.start || b.end + m <= a.start
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

/// The most talks of `room` that fit within `[from, until]`, by earliest end.
fn greedy(spare: &[&Item], room: usize, from: i64, until: i64) -> Vec<usize> {
    let mut fitting: Vec<&&Item> = spare
        .iter()
        .filter(|i| i.room == room && i.start >= from && i.end <= until)
        .collect();
    fitting.sort_by_key(|i| (i.end, i.start, i.session));
    let mut taken = Vec::new();
    let mut free_from = from;
    for item in fitting {
        if item.start >= free_from {
            taken.push(item.session);
            free_from = item.end;
        }
    }
    taken
}
