//! Talks that cannot be in a best agenda, found before the model of a day is built: variable
//! fixing by a Lagrangian bound, the way MIP solvers fix variables by reduced costs.
//!
//! microlp's time is the root LP's simplex, which grows with the square of the model's rows
//! (`docs/benchmarks/runs/2026-11-26-1619-shared-2core`). Most talks of a large day are nowhere near a best agenda,
//! and a cheap exact bound proves it, so the model is built over the talks left.
//!
//! For a day solved on its own, an agenda is a sequence of talks, and the model maximises
//! f = Σ P′·score − switches (P′ above the most switches, so this is "score first, then fewer
//! switches") over agendas with at most K switches that attend every must-see. Pricing each
//! switch at μ ≥ 0 more gives, for every such agenda through talk t,
//!
//! ```text
//! f  ≤  f − μ·(switches − K)  ≤  max over all agendas through t of (Σ P′·score − (1+μ)·switches) + μ·K
//! ```
//!
//! and the right-hand side is a longest path: one sweep forward in time (the best agenda ending
//! with each talk) and one backward (the best starting with it). A talk whose bound is below
//! the f of an agenda that obeys every rule cannot be in a best agenda, whatever the other
//! talks, and is left out: exact for the score and the switches. The agendas are found on the
//! way: μ = 0 gives the best agenda ignoring K (the optimum itself when it has at most K
//! switches); otherwise μ is moved to where the best agenda with too many switches and the best
//! with few enough cost the same (the Lagrangian dual, whose bound equals the LP relaxation's),
//! a handful of sweeps. Must-see talks carry a bonus Q worth more than any agenda's score, so
//! the agendas found attend them; one that does not is never used as the bar.
//!
//! All arithmetic is in whole numbers: μ = a/b is applied as the switch price a + b on weights
//! scaled by b, so no rounding can drop a talk it should keep.
//!
//! The rules of the sweeps are those of [`crate::solve`] for one day: two consecutive talks in
//! one room must not overlap; in different rooms they are at least the walking minutes apart.
//! Nothing here is shared with the reference DP (`dp.rs`), which checks the result.

use crate::solve::{Day, Instance, Item};

/// How far below the dual bound (in units of f, before scaling) a talk's bound may lie and still
/// be in the first, smaller model: two half points of score.
const CORE_MARGIN_POINTS: i128 = 2;

/// The bound of each of a day's candidate talks, and the bar it must reach to stay.
pub(in crate::solve) struct Bound {
    sweeps: Sweeps,
    /// The candidate talks (indices into the day's items, increasing).
    talks: Vec<usize>,
    /// Per talk: the most f·b any agenda through it that obeys every rule can have.
    most: Vec<i128>,
    /// The price's denominator b, by which `most` and `dual` are scaled.
    scale: i128,
    /// The dual bound, scaled: no agenda obeying every rule has more f·b.
    dual: i128,
    /// The best f of an agenda known to obey every rule (`None`: none known yet).
    bar: Option<i128>,
}

impl Bound {
    /// The bound of every talk of `talks` (indices into `day.items`, increasing) for `day`
    /// solved on its own under `instance`'s rules.
    pub fn new(instance: &Instance, day: &Day, talks: Vec<usize>) -> Bound {
        let sweeps = Sweeps::new(instance, day, &talks);
        let (bar, price) = sweeps.bar_and_price(instance.max_switches);
        let k = i128::from(instance.max_switches.unwrap_or(0));
        let most: Vec<i128> = sweeps
            .through(price)
            .into_iter()
            .map(|v| v + price.a * k)
            .collect();
        let dual = most.iter().copied().max().unwrap_or(0).max(price.a * k);
        Bound {
            sweeps,
            talks,
            most,
            scale: price.b,
            dual,
            bar,
        }
    }

    /// The talks that may be in a best agenda: every talk whose bound reaches the bar (all of
    /// them while no agenda obeying every rule is known).
    pub fn kept(&self) -> Vec<usize> {
        match self.bar {
            Some(bar) => self.above(bar * self.scale),
            None => self.talks.clone(),
        }
    }

    /// A first, smaller set of talks to model: the must-sees and the talks whose bound is
    /// within [`CORE_MARGIN_POINTS`] of the dual bound (and reaches the bar). A best agenda
    /// usually lies among them; [`Bound::raise`] with the model's agenda then tells whether
    /// one must.
    pub fn core(&self) -> Vec<usize> {
        let margin = CORE_MARGIN_POINTS * self.sweeps.points * self.scale;
        let floor = self.dual - margin;
        self.above(self.bar.map_or(floor, |bar| floor.max(bar * self.scale)))
    }

    /// Raises the bar to the f of `agenda` (indices into the day's items: the model's answer,
    /// an agenda that obeys every rule) if it attends every must-see and is higher.
    pub fn raise(&mut self, agenda: &[usize]) {
        let dense: Vec<usize> = agenda
            .iter()
            .filter_map(|i| self.talks.binary_search(i).ok())
            .collect();
        let musts = dense.iter().filter(|&&t| self.sweeps.must[t]).count();
        if dense.len() == agenda.len() && musts == self.sweeps.musts {
            let f = self.sweeps.f_of(&dense);
            self.bar = Some(self.bar.map_or(f, |bar| bar.max(f)));
        }
    }

    /// The must-sees and the talks through which an agenda that obeys every rule and scores at
    /// least `least` half points may pass: the others are in no such agenda. Such an agenda
    /// attends every must-see and makes at most P′ − 1 switches, so its f is at least
    /// P′·`least` + Q·must-sees − (P′ − 1), and every talk it passes through has a bound that
    /// high ([`Bound::new`]). Used by the joint model ([`crate::solve::joint`]), where `least`
    /// is a person's floor.
    pub fn reaching(&self, least: i64) -> Vec<usize> {
        let p = self.sweeps.points;
        let musts = self.sweeps.musts as i128;
        let f = p * i128::from(least) + self.sweeps.must_bonus * musts - (p - 1);
        self.above(f * self.scale)
    }

    /// The candidate talks (indices into the day's items, increasing).
    pub fn talks(&self) -> &[usize] {
        &self.talks
    }

    /// Whether the dual bound — the linear relaxation's — lies above the f of `agenda`
    /// (indices into the day's items, all candidates): then, `agenda` being a best one, the
    /// relaxation is loose and branch and bound has a gap to close.
    pub fn is_loose_above(&self, agenda: &[usize]) -> bool {
        let dense: Vec<usize> = agenda
            .iter()
            .filter_map(|i| self.talks.binary_search(i).ok())
            .collect();
        self.dual > self.sweeps.f_of(&dense) * self.scale
    }

    /// The must-sees and the talks whose bound is at least `floor` (scaled).
    fn above(&self, floor: i128) -> Vec<usize> {
        (0..self.talks.len())
            .filter(|&t| self.sweeps.must[t] || self.most[t] >= floor)
            .map(|t| self.talks[t])
            .collect()
    }
}

/// A switch price μ = a / b, applied as weights scaled by b and a switch cost of a + b.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Price {
    a: i128,
    b: i128,
}

impl Price {
    const ZERO: Price = Price { a: 0, b: 1 };

    /// The cost of one switch on the scaled weights: b·(1 + μ).
    fn switch(self) -> i128 {
        self.a + self.b
    }
}

/// A best agenda found by a forward sweep: its f (unscaled), switches and whether it attends
/// every must-see.
#[derive(Debug, Clone, Copy)]
struct Found {
    f: i128,
    switches: i128,
    all_musts: bool,
}

/// The day's talks, dense-indexed, with the orders the sweeps walk them in, and their weights.
struct Sweeps {
    at: Layout,
    must: Vec<bool>,
    /// P′·score + Q·must, before scaling by the price.
    weight: Vec<i128>,
    musts: usize,
    /// P′: the weight of one half point of score.
    points: i128,
    /// Q: the weight of attending a must-see (it is in `weight`).
    must_bonus: i128,
}

/// A day's talks, dense-indexed: their times, rooms and buildings (dense too), the walks
/// between buildings, and the orders a forward and a backward sweep walk them in. Shared by the
/// planner's bound (here) and the exact per-person paths (`paths`).
pub(in crate::solve) struct Layout {
    pub start: Vec<i64>,
    pub end: Vec<i64>,
    pub room: Vec<usize>,
    pub building: Vec<usize>,
    /// Minutes from a talk's end in building x to a talk's start in another room of building y.
    pub walk: Vec<Vec<i64>>,
    /// Talks by start (forward sweep order) and by end, latest first (backward sweep order).
    pub by_start: Vec<usize>,
    pub by_end_desc: Vec<usize>,
    /// Per room and per building: talks by end (forward lookups), by start latest first
    /// (backward lookups).
    pub room_by_end: Vec<Vec<usize>>,
    pub room_by_start_desc: Vec<Vec<usize>>,
    pub building_by_end: Vec<Vec<usize>>,
    pub building_by_start_desc: Vec<Vec<usize>>,
}

impl Layout {
    /// The day's `talks` (indices into `day.items`, increasing) under `instance`'s venue.
    pub fn new(instance: &Instance, day: &Day, talks: &[usize]) -> Layout {
        let items: Vec<&Item> = talks.iter().map(|&i| &day.items[i]).collect();
        let rooms = dense(items.iter().map(|it| it.room));
        let buildings = dense(items.iter().map(|it| instance.building(it.room)));
        let room: Vec<usize> = items.iter().map(|it| rank(&rooms, it.room)).collect();
        let building: Vec<usize> = items
            .iter()
            .map(|it| rank(&buildings, instance.building(it.room)))
            .collect();
        let walk: Vec<Vec<i64>> = buildings
            .iter()
            .map(|&x| {
                buildings
                    .iter()
                    .map(|&y| instance.building_gap(x, y))
                    .collect()
            })
            .collect();
        let start: Vec<i64> = items.iter().map(|it| it.start).collect();
        let end: Vec<i64> = items.iter().map(|it| it.end).collect();
        let mut by_start: Vec<usize> = (0..items.len()).collect();
        by_start.sort_by_key(|&t| (start[t], end[t], t));
        let mut by_end_desc: Vec<usize> = (0..items.len()).collect();
        by_end_desc.sort_by_key(|&t| std::cmp::Reverse((end[t], start[t], t)));
        let group = |of: &[usize], count: usize, order: &[usize]| {
            let mut lists = vec![Vec::new(); count];
            for &t in order {
                lists[of[t]].push(t);
            }
            lists
        };
        let mut by_end: Vec<usize> = (0..items.len()).collect();
        by_end.sort_by_key(|&t| (end[t], t));
        let mut by_start_desc: Vec<usize> = (0..items.len()).collect();
        by_start_desc.sort_by_key(|&t| std::cmp::Reverse((start[t], t)));
        Layout {
            room_by_end: group(&room, rooms.len(), &by_end),
            room_by_start_desc: group(&room, rooms.len(), &by_start_desc),
            building_by_end: group(&building, buildings.len(), &by_end),
            building_by_start_desc: group(&building, buildings.len(), &by_start_desc),
            start,
            end,
            room,
            building,
            walk,
            by_start,
            by_end_desc,
        }
    }
}

/// The best value (and its talk) among those passed so far by a pointer into a sorted list.
#[derive(Clone, Copy)]
pub(in crate::solve) struct Running<V> {
    next: usize,
    pub best: Option<(V, usize)>,
}

impl<V: Copy + PartialOrd> Running<V> {
    pub const EMPTY: Running<V> = Running {
        next: 0,
        best: None,
    };

    /// Takes in the talks of `list` from the pointer on while `passed` holds, valued by `value`.
    pub fn advance(&mut self, list: &[usize], value: &[V], passed: impl Fn(usize) -> bool) {
        while let Some(&t) = list.get(self.next) {
            if !passed(t) {
                break;
            }
            if self.best.is_none_or(|(v, _)| value[t] > v) {
                self.best = Some((value[t], t));
            }
            self.next += 1;
        }
    }
}

impl Sweeps {
    fn new(instance: &Instance, day: &Day, talks: &[usize]) -> Sweeps {
        let items: Vec<&Item> = talks.iter().map(|&i| &day.items[i]).collect();
        let n = items.len() as i128;
        // P′ exceeds the most switches an agenda can make; Q exceeds twice any agenda's
        // |P′·score| plus its switches, so an agenda missing a must-see never outweighs one
        // attending them all.
        let p = instance.max_switches.map_or(n, |k| i128::from(k) + 1);
        let score_sum: i128 = items.iter().map(|it| i128::from(it.score.abs())).sum();
        let q = 2 * p * score_sum + n + 1;
        let weight = items
            .iter()
            .map(|it| p * i128::from(it.score) + if it.must { q } else { 0 })
            .collect();
        Sweeps {
            at: Layout::new(instance, day, talks),
            musts: items.iter().filter(|it| it.must).count(),
            points: p,
            must_bonus: q,
            must: items.iter().map(|it| it.must).collect(),
            weight,
        }
    }

    /// The value of the best agenda ending with each talk at `price` (scaled), and the talk
    /// before it there.
    fn forward(&self, price: Price) -> (Vec<i128>, Vec<Option<usize>>) {
        let n = self.at.start.len();
        let (mut value, mut before) = (vec![0i128; n], vec![None; n]);
        let nb = self.at.walk.len();
        let mut in_room = vec![Running::EMPTY; self.at.room_by_end.len()];
        // (from building, to building): talks of `from` that end early enough for `to`.
        let mut between = vec![Running::EMPTY; nb * nb];
        for &t in &self.at.by_start {
            let (r, to, s) = (self.at.room[t], self.at.building[t], self.at.start[t]);
            let mut best: (i128, Option<usize>) = (0, None);
            let same = &mut in_room[r];
            same.advance(&self.at.room_by_end[r], &value, |u| self.at.end[u] <= s);
            if let Some((v, u)) = same.best
                && v > best.0
            {
                best = (v, Some(u));
            }
            for from in 0..nb {
                let walk = self.at.walk[from][to];
                let other = &mut between[from * nb + to];
                other.advance(&self.at.building_by_end[from], &value, |u| {
                    self.at.end[u] + walk <= s
                });
                if let Some((v, u)) = other.best
                    && v - price.switch() > best.0
                {
                    best = (v - price.switch(), Some(u));
                }
            }
            value[t] = price.b * self.weight[t] + best.0;
            before[t] = best.1;
        }
        (value, before)
    }

    /// The value of the best agenda starting with each talk at `price` (scaled).
    fn backward(&self, price: Price) -> Vec<i128> {
        let n = self.at.start.len();
        let mut value = vec![0i128; n];
        let nb = self.at.walk.len();
        let mut in_room = vec![Running::EMPTY; self.at.room_by_start_desc.len()];
        let mut between = vec![Running::EMPTY; nb * nb];
        for &t in &self.at.by_end_desc {
            let (r, from, e) = (self.at.room[t], self.at.building[t], self.at.end[t]);
            let mut best = 0i128;
            let same = &mut in_room[r];
            same.advance(&self.at.room_by_start_desc[r], &value, |u| {
                self.at.start[u] >= e
            });
            if let Some((v, _)) = same.best {
                best = best.max(v);
            }
            for to in 0..nb {
                let walk = self.at.walk[from][to];
                let other = &mut between[from * nb + to];
                other.advance(&self.at.building_by_start_desc[to], &value, |u| {
                    self.at.start[u] >= e + walk
                });
                if let Some((v, _)) = other.best {
                    best = best.max(v - price.switch());
                }
            }
            value[t] = price.b * self.weight[t] + best;
        }
        value
    }

    /// Per talk, the best scaled value at `price` of an agenda through it.
    fn through(&self, price: Price) -> Vec<i128> {
        let (forward, _) = self.forward(price);
        let backward = self.backward(price);
        (0..forward.len())
            .map(|t| forward[t] + backward[t] - price.b * self.weight[t])
            .collect()
    }

    /// The best agenda at `price`: its scaled value and what it is.
    fn best(&self, price: Price) -> (i128, Found) {
        let (value, before) = self.forward(price);
        let mut last = None;
        let mut top = 0i128;
        for &t in &self.at.by_start {
            if value[t] > top {
                (top, last) = (value[t], Some(t));
            }
        }
        let (mut f, mut switches, mut musts) = (0i128, 0i128, 0usize);
        while let Some(t) = last {
            f += self.weight[t];
            musts += usize::from(self.must[t]);
            last = before[t];
            if let Some(u) = last
                && self.at.room[u] != self.at.room[t]
            {
                switches += 1;
            }
        }
        let found = Found {
            f: f - switches,
            switches,
            all_musts: musts == self.musts,
        };
        (top, found)
    }

    /// The bar (the best f of an agenda found that obeys every rule, if any) and the price
    /// whose bound is the tightest found: the Lagrangian dual for at most `limit` switches.
    fn bar_and_price(&self, limit: Option<u32>) -> (Option<i128>, Price) {
        let (_, free) = self.best(Price::ZERO);
        let k = match limit {
            Some(k) if free.switches > i128::from(k) => i128::from(k),
            _ => return (free.all_musts.then_some(free.f), Price::ZERO),
        };
        let obeys = |p: &Found| p.switches <= k && p.all_musts;
        // A price above every weight makes any switch cost more than all talks: no switches.
        let total: i128 = self.weight.iter().map(|w| w.abs()).sum();
        let (_, mut few) = self.best(Price { a: total + 1, b: 1 });
        if few.switches > k {
            return (None, Price::ZERO);
        }
        let mut many = free;
        let mut bar = [free, few].iter().filter(|p| obeys(p)).map(|p| p.f).max();
        // Kelley's cutting planes in one dimension: μ where the two agendas' lines cross.
        let mut price = Price::ZERO;
        for _ in 0..64 {
            price = Price {
                a: many.f - few.f,
                b: many.switches - few.switches,
            };
            let (top, found) = self.best(price);
            if obeys(&found) {
                bar = bar.max(Some(found.f));
            }
            if top <= price.b * many.f - price.a * many.switches {
                break;
            }
            if found.switches > k {
                many = found;
            } else {
                few = found;
            }
        }
        (bar, price)
    }

    /// The f of an agenda given as dense talk indices.
    fn f_of(&self, agenda: &[usize]) -> i128 {
        let mut in_order = agenda.to_vec();
        in_order.sort_by_key(|&t| (self.at.start[t], self.at.end[t]));
        let switches = in_order
            .windows(2)
            .filter(|w| self.at.room[w[0]] != self.at.room[w[1]])
            .count() as i128;
        in_order.iter().map(|&t| self.weight[t]).sum::<i128>() - switches
    }
}

/// The distinct values, sorted.
fn dense(values: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = values.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The position of `value` in the sorted distinct `values`.
fn rank(values: &[usize], value: usize) -> usize {
    values.partition_point(|&v| v < value)
}

#[cfg(test)]
mod tests {
    use super::Bound;
    use crate::solve::{self, Instance, ilp::worth_modelling};
    use proptest::prelude::*;

    /// Every agenda of the instance's one day that keeps every rule (by enumerating the subsets
    /// of its candidate talks and asking [`solve::check`]), with its f = P′·score − switches
    /// + Q·must-sees (every such agenda attends all of them).
    fn every_agenda(
        instance: &Instance,
        talks: &[usize],
        bound: &Bound,
    ) -> Vec<(Vec<usize>, i128)> {
        let (points, bonus) = (bound.sweeps.points, bound.sweeps.must_bonus);
        let day = &instance.days[0];
        (0u32..1 << talks.len())
            .filter_map(|set| {
                let chosen: Vec<usize> = (0..talks.len())
                    .filter(|b| set & (1 << b) != 0)
                    .map(|b| talks[b])
                    .collect();
                let sessions: Vec<usize> = chosen.iter().map(|&i| day.items[i].session).collect();
                let switches = solve::check(instance, &sessions).ok()?[0];
                let score: i64 = chosen.iter().map(|&i| day.items[i].score).sum();
                let musts = chosen.iter().filter(|&&i| day.items[i].must).count() as i128;
                Some((
                    chosen,
                    points * i128::from(score) - i128::from(switches) + bonus * musts,
                ))
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

        /// Checked against every agenda there is: each talk's bound is at least the f of every
        /// agenda through it, the bar is the f of some agenda, and so every talk of a best
        /// agenda is kept (and is in the model's first core, or the model looks again).
        #[test]
        fn the_bound_never_leaves_out_a_talk_of_a_best_agenda(instance in super::super::lean::tests::day_instance()) {
            let day = &instance.days[0];
            let talks = worth_modelling(day, Some(0));
            let bound = Bound::new(&instance, day, talks.clone());
            let agendas = every_agenda(&instance, &talks, &bound);
            for (agenda, f) in &agendas {
                for i in agenda {
                    let t = talks.binary_search(i).unwrap();
                    prop_assert!(bound.most[t] >= f * bound.scale, "talk {i}'s bound is below an agenda through it");
                }
                prop_assert!(bound.dual >= f * bound.scale);
            }
            let best = agendas.iter().map(|(_, f)| *f).max();
            if let Some(bar) = bound.bar {
                prop_assert!(agendas.iter().any(|(_, f)| *f == bar), "the bar {bar} is no agenda's");
            }
            let kept = bound.kept();
            for (agenda, f) in &agendas {
                if Some(*f) == best {
                    prop_assert!(agenda.iter().all(|i| kept.contains(i)), "a talk of a best agenda was left out");
                }
            }
        }
    }

    /// A day of 1,200 talks in 60 rooms: 20 slots of 30 or 45 minutes per room, scores 0–5
    /// half points from a fixed pseudo-random sequence.
    fn large_day(max_switches: Option<u32>) -> Instance {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let mut items = Vec::new();
        for room in 0..60 {
            let mut at = 540 + 5 * next(6) as i64;
            for _ in 0..20 {
                let len = if next(2) == 0 { 30 } else { 45 };
                items.push(solve::Item {
                    session: items.len(),
                    room,
                    start: at,
                    end: at + len,
                    score: next(6) as i64,
                    must: false,
                });
                at += len + 5 * next(3) as i64;
            }
        }
        items.sort_by_key(|it| (it.start, it.room, it.session));
        Instance {
            days: vec![solve::Day {
                index: 1,
                date: chrono::NaiveDate::from_ymd_opt(2030, 5, 6).unwrap(),
                items,
            }],
            rooms: 60,
            max_switches,
            switch_minutes: 5,
            walking: None,
        }
    }

    /// On that large day, with and without a switch limit, the bound leaves most talks out of
    /// the model, and the model still finds the reference dynamic program's optimum.
    #[test]
    fn a_large_day_is_modelled_over_few_talks_and_still_solved_exactly() {
        for limit in [None, Some(0), Some(2), Some(5)] {
            let instance = large_day(limit);
            let candidates = worth_modelling(&instance.days[0], Some(0)).len();
            let ilp = solve::ilp::solve(&instance).unwrap();
            let dp = solve::dp::solve(&instance).unwrap();
            assert_eq!(
                (ilp.total, &ilp.switches),
                (dp.total, &dp.switches),
                "limit {limit:?}"
            );
            assert_eq!(
                solve::check(&instance, &ilp.chosen),
                Ok(ilp.switches.clone())
            );
            assert!(
                ilp.stats.left_out * 2 > candidates,
                "limit {limit:?}: only {} of {candidates} left out",
                ilp.stats.left_out
            );
        }
    }
}
