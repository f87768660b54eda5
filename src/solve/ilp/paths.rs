//! One person's day solved exactly under their switch limit, by longest paths with the switches
//! used in the state: for the joint model's value bound and its proof with company free
//! (`joint/reduce.rs`, `joint/proof.rs`), and for the planner's answer on a day whose linear
//! relaxation is loose ([`Paths::fewest_switches`]).
//!
//! The value bound (`joint/reduce.rs`) needs, at each multiplier step, the best weight of an
//! agenda of one person's day and, per talk, the best weight of an agenda through it. Bounding
//! those by longest paths with a price on switches (the planner's bound) relaxes the switch
//! limit K a second time; here the switches used are part of the state instead, so both are
//! exact for the day's rules:
//!
//! ```text
//! forward[k][t]  = w_t + max( 0,  forward[k][u]    for u in t's room ending by t's start,
//!                                 forward[k−1][u]  for u in building b ending by start_t − walk(b, t) )
//! backward[k][t] = the same, in reverse time order
//! through[t]     = max_{k ≤ K} forward[k][t] + backward[K − k][t] − w_t
//! ```
//!
//! forward[k][t] is the most weight of an agenda ending with t that makes at most k switches
//! (a step from another room costs one; counting one for a step within a room only lowers a
//! value another path reaches), backward[k][t] of one starting with t; an agenda through t with
//! s ≤ K switches makes some k before t and at most K − k after. Each of the three maxima is
//! kept as a running best over talks sorted by end (by start backwards) per room and per pair of
//! buildings, as the planner's sweeps do, so a sweep costs O(n·(K + 1)·buildings²).
//!
//! Must-see talks carry a bonus Q above the summed |weight| of the day, so an agenda missing
//! one never outweighs one attending them all; Q·must-sees is subtracted from every value
//! again. The values are then exact over the agendas attending every must-see when there are
//! any (through a talk: when one passes through it), and upper bounds on them in every case.
//! Nothing here is shared with the reference DP (`dp.rs`), which checks the joint model.

use crate::solve::ilp::bound::{Layout, Running};
use crate::solve::{Day, Instance, ilp};

/// A person's day: their candidate talks (dense), their rooms, buildings and times, and the
/// orders the sweeps walk them in.
pub(in crate::solve) struct Paths {
    at: Layout,
    must: Vec<bool>,
    musts: i64,
    /// K + 1 with a switch limit K that can bind, else 1 (switches are free).
    layers: usize,
    limited: bool,
}

/// The best agendas of a day at some weights: the overall best, the best through each talk
/// (parallel to the talks), and one best agenda (dense talk positions).
pub(in crate::solve) struct Best {
    pub total: i64,
    pub through: Vec<i64>,
    pub agenda: Vec<usize>,
}

/// Per layer (switches used) and talk: a best value, and where it came from (layer, talk).
type Layers = (Vec<Vec<i64>>, Vec<Vec<Option<(usize, usize)>>>);

impl Paths {
    /// The day's `talks` (indices into `day.items`, increasing) under `instance`'s rules.
    pub fn new(instance: &Instance, day: &Day, talks: &[usize]) -> Paths {
        let items: Vec<_> = talks.iter().map(|&i| &day.items[i]).collect();
        // No agenda makes more switches than it has talks after the first: a limit at least
        // that high never binds, and then the sweeps need no layer per switch.
        let most = ilp::most_disjoint(&day.items, talks).saturating_sub(1);
        let limit = instance.max_switches.filter(|&k| (k as usize) < most);
        Paths {
            at: Layout::new(instance, day, talks),
            must: items.iter().map(|it| it.must).collect(),
            musts: items.iter().filter(|it| it.must).count() as i64,
            layers: limit.map_or(1, |k| k as usize + 1),
            limited: limit.is_some(),
        }
    }

    /// The best agendas at `weights` (parallel to the talks).
    pub fn best(&self, weights: &[i64]) -> Best {
        let bonus = weights.iter().map(|w| w.abs()).sum::<i64>() + 1;
        let w = self.with_musts(weights, bonus);
        let offset = bonus * self.musts;
        let (forward, before) = self.sweep(&w, true, 0);
        let (backward, _) = self.sweep(&w, false, 0);
        let top = self.layers - 1;
        let through = (0..w.len())
            .map(|t| {
                (0..self.layers)
                    .map(|k| forward[k][t] + backward[top - k][t] - w[t])
                    .max()
                    .unwrap_or(i64::MIN)
                    - offset
            })
            .collect();
        let (total, agenda) = self.best_agenda(&(forward, before));
        Best {
            total: total - offset,
            through,
            agenda,
        }
    }

    /// One agenda of the day that obeys the person's rules (switch limit included) and, among
    /// those with the most weight at `weights` (parallel to the talks), makes the fewest
    /// switches, as dense talk positions in time order; `None` when no agenda attends every
    /// must-see.
    ///
    /// The sweep runs at `scale`·weight with each switch costing 1, where `scale` exceeds the
    /// most switches any agenda can make, so the best value is the most weight first and the
    /// fewest switches second (the planner's tie-break, and the joint model's).
    pub fn fewest_switches(&self, weights: &[i64]) -> Option<Vec<usize>> {
        let scale = weights.len() as i64 + 1;
        let scaled: Vec<i64> = weights.iter().map(|&w| w * scale).collect();
        let bonus = scaled.iter().map(|w| w.abs()).sum::<i64>() + scale;
        let w = self.with_musts(&scaled, bonus);
        let (_, agenda) = self.best_agenda(&self.sweep(&w, true, 1));
        let attended = agenda.iter().filter(|&&t| self.must[t]).count() as i64;
        (attended == self.musts).then_some(agenda)
    }

    /// Forward (by start) or backward (by end, latest first): per layer k and talk t, the most
    /// weight of an agenda ending (starting) with t that makes at most k switches, each switch
    /// costing `penalty`.
    /// `weights` with `bonus` added to each must-see talk's.
    fn with_musts(&self, weights: &[i64], bonus: i64) -> Vec<i64> {
        weights
            .iter()
            .zip(&self.must)
            .map(|(&w, &m)| if m { w + bonus } else { w })
            .collect()
    }

    /// The best total of a forward sweep over every switch count (its top layer; 0 for the
    /// empty agenda) and one agenda that reaches it, as dense talk positions in time order.
    fn best_agenda(&self, (forward, before): &Layers) -> (i64, Vec<usize>) {
        let top = self.layers - 1;
        let mut last = None;
        let mut total = 0;
        for &t in &self.at.by_start {
            if forward[top][t] > total {
                (total, last) = (forward[top][t], Some((top, t)));
            }
        }
        let mut agenda = Vec::new();
        while let Some((k, t)) = last {
            agenda.push(t);
            last = before[k][t];
        }
        agenda.reverse();
        (total, agenda)
    }

    fn sweep(&self, w: &[i64], forward: bool, penalty: i64) -> Layers {
        let n = w.len();
        let nb = self.at.walk.len();
        let mut value = vec![vec![0i64; n]; self.layers];
        let mut from = vec![vec![None; n]; self.layers];
        let (order, same_lists, other_lists) = if forward {
            (
                &self.at.by_start,
                &self.at.room_by_end,
                &self.at.building_by_end,
            )
        } else {
            (
                &self.at.by_end_desc,
                &self.at.room_by_start_desc,
                &self.at.building_by_start_desc,
            )
        };
        let mut same = vec![vec![Running::EMPTY; same_lists.len()]; self.layers];
        let mut other = vec![vec![Running::EMPTY; nb * nb]; self.layers];
        for &t in order {
            let (r, b) = (self.at.room[t], self.at.building[t]);
            for k in 0..self.layers {
                let mut best: (i64, Option<(usize, usize)>) = (0, None);
                let (values, rest) = value.split_at_mut(k);
                let here = &rest[0];
                let running = &mut same[k][r];
                if forward {
                    let s = self.at.start[t];
                    running.advance(&same_lists[r], here, |u| self.at.end[u] <= s);
                } else {
                    let e = self.at.end[t];
                    running.advance(&same_lists[r], here, |u| self.at.start[u] >= e);
                }
                if let Some((v, u)) = running.best
                    && v > best.0
                {
                    best = (v, Some((k, u)));
                }
                // A switch comes from the layer below (from the same layer without a limit).
                let (layer, previous) = match (self.limited, k) {
                    (false, _) => (k, here.as_slice()),
                    (true, 0) => (k, &[][..]),
                    (true, _) => (k - 1, values[k - 1].as_slice()),
                };
                if !previous.is_empty() {
                    for (x, list) in other_lists.iter().enumerate() {
                        let (pair, walk) = if forward {
                            (x * nb + b, self.at.walk[x][b])
                        } else {
                            (b * nb + x, self.at.walk[b][x])
                        };
                        let running = &mut other[k][pair];
                        if forward {
                            let s = self.at.start[t];
                            running.advance(list, previous, |u| self.at.end[u] + walk <= s);
                        } else {
                            let e = self.at.end[t];
                            running.advance(list, previous, |u| self.at.start[u] >= e + walk);
                        }
                        if let Some((v, u)) = running.best
                            && v - penalty > best.0
                        {
                            best = (v - penalty, Some((layer, u)));
                        }
                    }
                }
                value[k][t] = w[t] + best.0;
                from[k][t] = best.1;
            }
        }
        (value, from)
    }
}

#[cfg(test)]
mod tests {
    use super::Paths;
    use crate::solve::{self, Day, Instance, Item, Walking};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    /// One day of up to ten talks in four rooms (two buildings when walking times are given),
    /// some must-see, with a weight per talk.
    fn day_and_weights() -> impl Strategy<Value = (Instance, Vec<i64>)> {
        let talk = (0usize..4, 0i64..24, 1i64..7, -40i64..90, 0u8..10);
        (
            prop::collection::vec(talk, 1..11),
            prop::option::of(0u32..4),
            prop::sample::select(vec![0i64, 5, 10]),
            any::<bool>(),
        )
            .prop_map(|(talks, max_switches, switch_minutes, buildings)| {
                let mut items: Vec<(Item, i64)> = talks
                    .into_iter()
                    .enumerate()
                    .map(|(session, (room, at, len, weight, must))| {
                        let item = Item {
                            session,
                            room,
                            start: 600 + 5 * at,
                            end: 600 + 5 * (at + len),
                            score: 0,
                            must: must == 0,
                        };
                        (item, weight)
                    })
                    .collect();
                items.sort_by_key(|(it, _)| (it.start, it.room, it.session));
                let weights = items.iter().map(|(_, w)| *w).collect();
                let instance = Instance {
                    days: vec![Day {
                        index: 1,
                        date: NaiveDate::from_ymd_opt(2030, 5, 6).unwrap(),
                        items: items.into_iter().map(|(it, _)| it).collect(),
                    }],
                    rooms: 4,
                    max_switches,
                    switch_minutes,
                    walking: buildings
                        .then(|| Walking::new(vec![0, 0, 1, 1], vec![vec![5, 15], vec![15, 0]])),
                };
                (instance, weights)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 800, ..ProptestConfig::default() })]

        /// Against every subset of the day's talks that [`solve::check`] accepts (no overlap,
        /// walking minutes, the switch limit, every must-see): the best weight overall and
        /// through each talk are exactly the best of those agendas, the agenda returned is one
        /// of the best, and with no agenda at all the values are still no lower than nothing.
        #[test]
        fn the_best_agendas_are_exactly_those_of_exhaustive_enumeration((instance, weights) in day_and_weights()) {
            let day = &instance.days[0];
            let n = day.items.len();
            let talks: Vec<usize> = (0..n).collect();
            let paths = Paths::new(&instance, day, &talks);
            let best = paths.best(&weights);
            let mut overall: Option<i64> = None;
            let mut through: Vec<Option<i64>> = vec![None; n];
            for set in 0u32..1 << n {
                let chosen: Vec<usize> = (0..n).filter(|b| set & (1 << b) != 0).collect();
                let sessions: Vec<usize> = chosen.iter().map(|&t| day.items[t].session).collect();
                if solve::check(&instance, &sessions).is_err() {
                    continue;
                }
                let value: i64 = chosen.iter().map(|&t| weights[t]).sum();
                overall = overall.max(Some(value));
                for &t in &chosen {
                    through[t] = through[t].max(Some(value));
                }
            }
            if let Some(top) = overall {
                prop_assert_eq!(best.total, top, "the best agenda of the day");
                let agenda: i64 = best.agenda.iter().map(|&t| weights[t]).sum();
                prop_assert_eq!(agenda, top, "the agenda returned is a best one");
            }
            for (t, most) in through.iter().enumerate() {
                if let Some(top) = *most {
                    prop_assert_eq!(best.through[t], top, "the best agenda through talk {}", t);
                }
            }
        }

        /// Against every subset of the day's talks that [`solve::check`] accepts: the agenda
        /// of [`Paths::fewest_switches`] is one of them, has the most weight, and among the
        /// agendas with that weight the fewest switches; with none, it says so.
        #[test]
        fn the_agenda_of_fewest_switches_is_the_lexicographic_best_of_exhaustive_enumeration((instance, weights) in day_and_weights()) {
            let day = &instance.days[0];
            let n = day.items.len();
            let talks: Vec<usize> = (0..n).collect();
            let found = Paths::new(&instance, day, &talks).fewest_switches(&weights);
            let mut best: Option<(i64, i64)> = None;
            for set in 0u32..1 << n {
                let chosen: Vec<usize> = (0..n).filter(|b| set & (1 << b) != 0).collect();
                let sessions: Vec<usize> = chosen.iter().map(|&t| day.items[t].session).collect();
                if let Ok(switches) = solve::check(&instance, &sessions) {
                    let value: i64 = chosen.iter().map(|&t| weights[t]).sum();
                    best = best.max(Some((value, -i64::from(switches[0]))));
                }
            }
            match (found, best) {
                (Some(agenda), Some(top)) => {
                    let sessions: Vec<usize> = agenda.iter().map(|&t| day.items[t].session).collect();
                    let switches = solve::check(&instance, &sessions);
                    prop_assert!(switches.is_ok(), "{:?}", switches);
                    let value: i64 = agenda.iter().map(|&t| weights[t]).sum();
                    prop_assert_eq!((value, -i64::from(switches.unwrap()[0])), top);
                }
                (None, None) => {}
                (found, best) => prop_assert!(false, "found {:?}, enumeration {:?}", found, best),
            }
        }
    }
}
