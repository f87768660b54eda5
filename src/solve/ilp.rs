//! The integer program: a time-expanded network per conference day, solved with good_lp + microlp.
//!
//! The rules are those of [`super`]: one clock for the whole conference, switches counted along
//! each conference day's own sequence. Per day, only talks that can raise the score (score > 0)
//! or must be attended are modelled: leaving out a talk never adds a room switch or breaks a
//! gap, so this is exact for the score and the switches. A day solved on its own is then
//! modelled over only the talks a Lagrangian bound cannot rule out (`bound`,
//! `src/solve/ilp/bound.rs`: longest paths with a price on switches prove that the others
//! cannot be in a best agenda), first over the core whose bound is near the best possible and,
//! if the bound cannot show that core's answer is the best, once more over every talk left. In
//! groups of several days, without a switch limit or switch minutes, talks whose time holds
//! talks of the same day worth strictly more are left out (see `drop_dominated`).
//!
//! Days are solved in groups ([`Instance::components`]): days whose modelled talks lie at least
//! the switch minutes apart from every other group's share no rule and are solved on their own
//! (every real conference: a night ends hours before the next morning). A group of several days
//! (days overlapping in time, a session listed under a day it does not fall in) is one model:
//! one network per day, plus the rows that keep talks of different days apart (below).
//!
//! A group of one day — every day of a real conference — is solved with the leaner network of
//! `lean` (`src/solve/ilp/lean.rs`): room nodes only at talk ends, and an "arrive and attend"
//! arc z_i from the hallway into each talk, so talk i is attended when x_i + z_i = 1 and Σ z
//! counts the switches. It has about half the room rows of the network below, and microlp's
//! time is its root LP's simplex (its model, inequalities and proof are in that module).
//! Groups of several days, and the joint model of [`super::joint`], use the network below,
//! whose single x_i per talk the rows between days read.
//!
//! Per conference day, the attendee is one unit of flow through time:
//!
//! ```text
//! nodes   (r, t) for each room r and each start/end time t of its talks (plus the day's first
//!         and last time); hallway nodes h_b(s) of each building b at the starts s of its talks
//! arcs    x_i ∈ {0,1}   talk i: (r_i, s_i) → (r_i, e_i)
//!         w ≥ 0         wait in a room: (r, t) → (r, t')  for consecutive times t < t'
//!         l ≥ 0         leave after a talk, walk to building b: (r, e) → h_b(s), s the first
//!                       start in b ≥ e + M(B_r, b)          (one arc per building)
//!         v ≥ 0         wait in a hallway: h_b(s) → h_b(s')  for consecutive starts in b
//!         a ≥ 0         arrive for a talk: h_b(s) → (r, s)   (r in building b)
//!         y_r ≥ 0       start the day in room r
//!
//! M(B, b) is the walking time between buildings B and b (M(b, b): between two rooms of one
//! building), closed under detours so it obeys the triangle inequality; without walking times
//! every room is in one building and M is the switch minutes.
//!
//! maximise   Σ_i P·score_i·x_i − Σ a                  P = 1 + most switches possible
//! subject to Σ_r y_r = 1                              (start somewhere)
//!            inflow(n) = outflow(n)                   for every node but the rooms' last ones
//!            Σ a ≤ K                                  (at most K room switches; omitted if unlimited)
//!            x_i = 1                                  for every must-see talk
//! ```
//!
//! There is no constraint per pair of talks: non-overlap follows from the single unit of flow,
//! so the model grows linearly with the number of talks (times the number of buildings, a small
//! constant). Any path from one room to another runs through a leave arc and an arrival arc,
//! which together span at least the walking time, so switches ≤ Σ a and gaps hold; the
//! penalty term makes Σ a equal to the true number of switches at the optimum, and as it is
//! smaller than one score unit (P exceeds the most switches an agenda can make: K times the days
//! of the group, or one less than the most talks that fit in it) it never trades away interest. Only x is integer:
//! the flow arcs are continuous.
//!
//! Between the networks of days d ≠ d' in one group ([`cross_day_rows`]):
//!
//! ```text
//! Σ_{i ∈ C(t)} x_i ≤ 1     for each talk start t whose covering set C(t) = {i : s_i ≤ t < e_i}
//!                          holds talks of two or more days   (no two talks share a minute)
//! x_i + x_j ≤ 1            for talks i, j of different days in different rooms with
//!                          0 ≤ s_j − e_i < M(i, j)       (the walking minutes across days)
//! ```
//!
//! Intervals that pairwise overlap share a point, and that point can be taken to be the latest
//! start among them, so the first family forbids exactly the overlapping pairs. The second is
//! exact too: two attended talks in different rooms closer than M cannot both be in an agenda,
//! whatever lies between them (some consecutive pair between them changes room with even less
//! time). Within one day the network already enforces both, so together the rows allow exactly
//! the agendas of the rules.

pub(super) mod bound;
mod lean;
pub(super) mod paths;

use super::{Day, Instance, Item, Solution, Stats, model_file};
use crate::error::{Error, bad_input};
use good_lp::{Expression, ProblemVariables, ResolutionError, SolverModel, Variable, variable};
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::time::Instant;

/// The solver behind the integer program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// microlp: pure Rust, the default.
    #[default]
    Microlp,
    /// HiGHS, compiled from source (Cargo feature `highs`).
    #[cfg(feature = "highs")]
    Highs,
    /// CBC, the system's library (Cargo feature `cbc`).
    #[cfg(feature = "cbc")]
    Cbc,
}

impl Backend {
    /// Every backend this build has.
    pub fn available() -> Vec<Backend> {
        vec![
            Backend::Microlp,
            #[cfg(feature = "highs")]
            Backend::Highs,
            #[cfg(feature = "cbc")]
            Backend::Cbc,
        ]
    }

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Microlp => "microlp",
            #[cfg(feature = "highs")]
            Backend::Highs => "highs",
            #[cfg(feature = "cbc")]
            Backend::Cbc => "cbc",
        }
    }

    /// Parses a name; a backend this build lacks is an error saying how to get it.
    pub fn parse(name: &str) -> anyhow::Result<Backend> {
        match name.to_ascii_lowercase().as_str() {
            "microlp" => Ok(Backend::Microlp),
            #[cfg(feature = "highs")]
            "highs" => Ok(Backend::Highs),
            #[cfg(not(feature = "highs"))]
            "highs" => Err(bad_input(
                "this build has no HiGHS: rebuild with `cargo build --release --features highs` (needs cmake and libclang-dev), or use a highs binary through the LP file: --solver file:highs",
            )),
            #[cfg(feature = "cbc")]
            "cbc" => Ok(Backend::Cbc),
            #[cfg(not(feature = "cbc"))]
            "cbc" => Err(bad_input(
                "this build has no CBC library: rebuild with `cargo build --release --features cbc` (needs coinor-libcbc-dev), or use the cbc binary through the LP file: --solver file:cbc",
            )),
            other => Err(bad_input(format!(
                "unknown solver `{other}`; choose microlp, highs, cbc, dp, file:cbc, file:highs, file:glpsol, file:scip or all"
            ))),
        }
    }
}

/// Solves every day of the instance with the integer program and microlp.
pub fn solve(instance: &Instance) -> anyhow::Result<Solution> {
    solve_with(instance, Backend::Microlp)
}

/// Solves every day of the instance with the integer program and the given solver.
pub fn solve_with(instance: &Instance, backend: Backend) -> anyhow::Result<Solution> {
    solve_days(instance, backend, false)
}

/// [`solve`], keeping every model whose answer is used in the solution's [`Stats::models`]
/// (for `--write-model`), with the optimum the solver found.
pub fn solve_keeping_models(instance: &Instance) -> anyhow::Result<Solution> {
    solve_days(instance, Backend::Microlp, true)
}

/// Solves every day with `backend`; `keep` keeps the models (see [`solve_keeping_models`]).
fn solve_days(instance: &Instance, backend: Backend, keep: bool) -> anyhow::Result<Solution> {
    let mut solution = Solution {
        switches: vec![0; instance.days.len()],
        ..Solution::default()
    };
    let mut chosen: Vec<&Item> = Vec::new();
    for group in instance.components(|it| it.must || it.score > 0) {
        let (picked, stats) = solve_model(instance, &group, (backend, keep))?;
        for (d, list) in group.iter().zip(picked) {
            let day = &instance.days[*d];
            let items: Vec<&Item> = list.iter().map(|&i| &day.items[i]).collect();
            solution.switches[*d] = super::count_switches(&items);
            solution.total += items.iter().map(|i| i.score).sum::<i64>();
            chosen.extend(items);
        }
        solution.stats.add(&stats);
    }
    chosen.sort_by_key(|it| (it.start, it.room, it.session));
    solution.chosen = chosen.iter().map(|it| it.session).collect();
    Ok(solution)
}

/// The talks of a day worth modelling for one attendee: every must-see, and every talk scoring
/// more than `above` (half points) that does not overlap a must-see. `None` keeps every talk that
/// does not overlap a must-see. Returns indices into `day.items`.
///
/// The planner uses `Some(0)`: a talk that cannot raise the score is never needed. A joint model
/// with a company bonus lowers the bar by what company can add.
pub fn worth_modelling(day: &Day, above: Option<i64>) -> Vec<usize> {
    let musts: Vec<&Item> = day.items.iter().filter(|i| i.must).collect();
    (0..day.items.len())
        .filter(|&i| {
            let it = &day.items[i];
            it.must
                || (above.is_none_or(|a| it.score > a)
                    && musts.iter().all(|m| m.end <= it.start || it.end <= m.start))
        })
        .collect()
}

/// One attendee's network for one day, built into a shared set of variables: the talk choice
/// variables, the arrival arcs (one per room switch) and the rows that make them an agenda.
/// The caller adds the objective (and may link several attendees' networks).
pub struct Network {
    /// Indices (into the day's items) of the modelled talks.
    pub talks: Vec<usize>,
    /// Talk choice variables x_i, parallel to `talks`.
    pub x: Vec<Variable>,
    /// Arrive-and-attend arcs z_i of the planner's lean network (`lean`), parallel to
    /// `talks`: there talk i is attended when x_i + z_i = 1. Always `None` from [`network`].
    pub direct: Vec<Option<Variable>>,
    /// Arrival arcs a; Σ a is the number of room switches at an optimum that penalises them.
    pub arrivals: Vec<Variable>,
    /// Flow balance, start and switch-limit rows.
    pub constraints: Vec<good_lp::Constraint>,
}

/// Builds one attendee's network for `day` over the given `talks` (see [`worth_modelling`]),
/// adding its variables to `vars`. With no talks it adds nothing.
pub fn network(
    vars: &mut ProblemVariables,
    instance: &Instance,
    day: &Day,
    talks: Vec<usize>,
) -> Network {
    let mut model = DayModel {
        instance,
        talks,
        items: &day.items,
        vars,
        x: Vec::new(),
        room_nodes: BTreeMap::new(),
        corridor_nodes: BTreeMap::new(),
        arrivals: Vec::new(),
        sinks: Vec::new(),
        constraints: Vec::new(),
    };
    if !model.talks.is_empty() {
        model.talk_arcs();
        model.room_chains();
        model.room_switches();
        model.switch_limit();
        model.flow_balance();
    }
    Network {
        direct: vec![None; model.talks.len()],
        talks: model.talks,
        x: model.x,
        arrivals: model.arrivals,
        constraints: model.constraints,
    }
}

/// The network model of one day, built one family of constraints at a time.
struct DayModel<'a, 'v> {
    instance: &'a Instance,
    /// Indices (into the day's items) of the modelled talks.
    talks: Vec<usize>,
    items: &'a [Item],
    vars: &'v mut ProblemVariables,
    /// Talk choice variables, parallel to `talks`.
    x: Vec<Variable>,
    /// Flow balance of every node: room nodes keyed (room, time), corridor nodes keyed time.
    room_nodes: BTreeMap<(usize, i64), Expression>,
    corridor_nodes: BTreeMap<(usize, i64), Expression>,
    /// Arrival arcs a.
    arrivals: Vec<Variable>,
    /// The rooms' last nodes, which drain the flow.
    sinks: Vec<(usize, i64)>,
    constraints: Vec<good_lp::Constraint>,
}

impl DayModel<'_, '_> {
    fn item(&self, k: usize) -> &Item {
        &self.items[self.talks[k]]
    }

    /// Adds `coef · var` to the balance (inflow − outflow) of a room node.
    fn room_flow(&mut self, room: usize, time: i64, coef: f64, var: Variable) {
        self.room_nodes
            .entry((room, time))
            .or_default()
            .add_mul(coef, var);
    }

    /// Adds `coef · var` to the balance of a hallway node of a building.
    fn corridor_flow(&mut self, building: usize, time: i64, coef: f64, var: Variable) {
        self.corridor_nodes
            .entry((building, time))
            .or_default()
            .add_mul(coef, var);
    }

    /// x_i ∈ {0,1}, fixed to 1 for must-see talks: one arc (r_i, s_i) → (r_i, e_i) per talk.
    ///
    /// With a switch limit, x_i is declared an integer ≥ 0 without the upper bound: the single
    /// unit of flow already keeps it at most 1 (no cycle runs through a talk, which takes time),
    /// and without the bound microlp starts its dual simplex from the empty agenda instead of
    /// from every talk chosen: measured 1.6–2.8× faster on FOSDEM 2025 and generated schedules
    /// with K = 2, while without a limit the binary declaration is the faster one.
    fn talk_arcs(&mut self) {
        let limited = self.instance.max_switches.is_some();
        for k in 0..self.talks.len() {
            let it = self.item(k).clone();
            let def = if it.must {
                variable().binary().min(1)
            } else if limited {
                variable().integer().min(0)
            } else {
                variable().binary()
            };
            let x = self.vars.add(def);
            self.room_flow(it.room, it.start, -1.0, x);
            self.room_flow(it.room, it.end, 1.0, x);
            self.x.push(x);
        }
    }

    /// Wait arcs (r, t) → (r, t') between consecutive times of each room, from the day's first
    /// to its last time, and Σ_r y_r = 1 at the start.
    fn room_chains(&mut self) {
        let first = (0..self.talks.len()).map(|k| self.item(k).start).min();
        let last = (0..self.talks.len()).map(|k| self.item(k).end).max();
        let (Some(first), Some(last)) = (first, last) else {
            return;
        };
        let mut times: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        for k in 0..self.talks.len() {
            let it = self.item(k);
            times.entry(it.room).or_default().extend([it.start, it.end]);
        }
        let mut start_sum = Expression::with_capacity(times.len());
        for (room, mut ts) in times {
            ts.extend([first, last]);
            ts.sort_unstable();
            ts.dedup();
            let y = self.vars.add(variable().min(0));
            self.room_flow(room, first, 1.0, y);
            start_sum.add_mul(1.0, y);
            for pair in ts.windows(2) {
                let w = self.vars.add(variable().min(0));
                self.room_flow(room, pair[0], -1.0, w);
                self.room_flow(room, pair[1], 1.0, w);
            }
            // The room's last node is the sink: it is left out of the balance rows.
            self.room_nodes.entry((room, last)).or_default();
            self.sinks.push((room, last));
        }
        self.constraints.push(start_sum.eq(1.0));
    }

    /// The hallways between rooms: leave after a talk, walk to a building, arrive for a talk.
    ///
    /// Each building b has a hallway chain of nodes h_b(s) at the starts s of its talks (a node
    /// at time s means "ready to enter a room of b at s"). Leaving room r (building B) at e
    /// joins, for every building b, h_b at the first start ≥ e + minutes(B, b) (walking there
    /// at once and waiting in its hallway is as good as any later walk); the arrival arc
    /// h_b(s) → (r', s) enters a room of b. So every path from one room to another spends at
    /// least the walking minutes, and per talk end there is one arc per building: the model
    /// stays linear in the number of talks. Without walking times there is one building and
    /// the uniform switch minutes.
    fn room_switches(&mut self) {
        let rooms: std::collections::BTreeSet<usize> =
            (0..self.talks.len()).map(|k| self.item(k).room).collect();
        if rooms.len() < 2 {
            return;
        }
        let mut leaves: Vec<(usize, i64)> = (0..self.talks.len())
            .map(|k| (self.item(k).room, self.item(k).end))
            .collect();
        let mut arrives: Vec<(usize, i64)> = (0..self.talks.len())
            .map(|k| (self.item(k).room, self.item(k).start))
            .collect();
        leaves.sort_unstable();
        leaves.dedup();
        arrives.sort_unstable();
        arrives.dedup();
        // Arriving for a talk that starts before anyone could have left is impossible.
        let earliest_leave = leaves.iter().map(|l| l.1).min().unwrap_or(i64::MAX);
        arrives.retain(|&(_, s)| s >= earliest_leave);
        let mut hallways: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        for &(room, s) in &arrives {
            hallways
                .entry(self.instance.building(room))
                .or_default()
                .push(s);
        }
        for times in hallways.values_mut() {
            times.sort_unstable();
            times.dedup();
        }
        for (room, e) in leaves {
            let from = self.instance.building(room);
            for (&b, times) in &hallways {
                let ready = e.saturating_add(self.instance.building_gap(from, b));
                let Some(&joins) = times.get(times.partition_point(|&c| c < ready)) else {
                    continue;
                };
                let l = self.vars.add(variable().min(0));
                self.room_flow(room, e, -1.0, l);
                self.corridor_flow(b, joins, 1.0, l);
            }
        }
        for (&b, times) in &hallways {
            for pair in times.windows(2) {
                let v = self.vars.add(variable().min(0));
                self.corridor_flow(b, pair[0], -1.0, v);
                self.corridor_flow(b, pair[1], 1.0, v);
            }
        }
        for (room, s) in arrives {
            let a = self.vars.add(variable().min(0));
            self.corridor_flow(self.instance.building(room), s, -1.0, a);
            self.room_flow(room, s, 1.0, a);
            self.arrivals.push(a);
        }
    }

    /// Σ a ≤ K: at most K room switches (no row when unlimited).
    fn switch_limit(&mut self) {
        if let Some(k) = self.instance.max_switches
            && !self.arrivals.is_empty()
        {
            let mut sum = Expression::with_capacity(self.arrivals.len());
            for &a in &self.arrivals {
                sum.add_mul(1.0, a);
            }
            self.constraints.push(sum.leq(f64::from(k)));
        }
    }

    /// inflow = outflow at every node except the rooms' last ones (the sink).
    fn flow_balance(&mut self) {
        let sinks: std::collections::BTreeSet<(usize, i64)> = self.sinks.iter().copied().collect();
        let room_nodes = std::mem::take(&mut self.room_nodes);
        for (key, balance) in room_nodes {
            if !sinks.contains(&key) {
                self.constraints.push(balance.eq(0.0));
            }
        }
        let corridor = std::mem::take(&mut self.corridor_nodes);
        for (_, balance) in corridor {
            self.constraints.push(balance.eq(0.0));
        }
    }
}

/// The talks of `talks` that no twin replaces: of talks of one day in one room with the same start
/// and end, only the best scoring (the first of equals, in the day's order) is kept, or — when
/// one of them is a must-see — only the must-sees. Swapping a talk of an agenda for its twin
/// keeps every rule (same room, same minutes, same day's sequence) and never lowers the score,
/// so some best agenda uses only kept talks; a must-see's twins can never be attended beside
/// it. Without this, a slot of thousands of talks in one room gave the model thousands of
/// interchangeable columns (microlp's time grew with their square).
fn drop_twins(items: &[Item], talks: Vec<usize>) -> Vec<usize> {
    let mut best: HashMap<(usize, i64, i64), (bool, i64, usize)> = HashMap::new();
    for &i in &talks {
        let it = &items[i];
        let rank = (it.must, it.score);
        best.entry((it.room, it.start, it.end))
            .and_modify(|b| {
                if rank > (b.0, b.1) {
                    *b = (it.must, it.score, i);
                }
            })
            .or_insert((it.must, it.score, i));
    }
    talks
        .into_iter()
        .filter(|&i| {
            let it = &items[i];
            let b = best[&(it.room, it.start, it.end)];
            it.must || (!b.0 && b.2 == i)
        })
        .collect()
}

/// Talks whose time holds talks worth strictly more: with no switch limit and no switch
/// minutes, attending the best non-overlapping set of talks within a talk's start and end
/// instead of it is always possible (it only widens the gaps around) and scores more, so no
/// optimal agenda contains such a talk. Must-see talks are kept.
///
/// Only talks starting within a talk's time can lie inside it, found by binary search in start
/// order, and the weighted interval scheduling over them sorts by end and looks the best
/// earlier value up by binary search: O(k log k) per talk for k talks inside, instead of
/// scanning every talk of the day for every talk (the cliff of a day of 20,000 talks).
fn drop_dominated(items: &[Item], talks: Vec<usize>) -> Vec<usize> {
    let mut by_start = talks.clone();
    by_start.sort_by_key(|&i| (items[i].start, items[i].end));
    let mut inside: Vec<&Item> = Vec::new();
    // best[k]: the most the first k talks of `inside` (by end) can score without overlap.
    let mut best: Vec<i64> = Vec::new();
    talks
        .iter()
        .copied()
        .filter(|&i| {
            let it = &items[i];
            if it.must {
                return true;
            }
            let from = by_start.partition_point(|&j| items[j].start < it.start);
            let to = by_start.partition_point(|&j| items[j].start < it.end);
            inside.clear();
            inside.extend(
                by_start[from..to]
                    .iter()
                    .filter(|&&j| j != i && items[j].end <= it.end)
                    .map(|&j| &items[j]),
            );
            inside.sort_by_key(|t| (t.end, t.start));
            best.clear();
            best.push(0);
            for (k, talk) in inside.iter().enumerate() {
                let before = inside[..k].partition_point(|t| t.end <= talk.start);
                best.push(best[k].max(best[before] + talk.score));
            }
            best[inside.len()] <= it.score
        })
        .collect()
}

/// The rows that keep talks of different days of one model apart in real time: a clique row per
/// talk start whose covering talks span two or more days, and a pair row per two talks of
/// different days in different rooms less than the switch minutes apart (see the module
/// documentation). `networks` pairs each day's network with its day; with one day it is empty.
pub fn cross_day_rows(
    instance: &Instance,
    networks: &[(&Day, &Network)],
) -> Vec<good_lp::Constraint> {
    let mut talks: Vec<(usize, &Item, Variable)> = Vec::new();
    for (d, (day, net)) in networks.iter().enumerate() {
        for (&k, &x) in net.talks.iter().zip(&net.x) {
            talks.push((d, &day.items[k], x));
        }
    }
    if networks.len() < 2 {
        return Vec::new();
    }
    talks.sort_by_key(|(d, it, _)| (it.start, it.end, it.room, *d));
    let mut rows = Vec::new();
    let mut cliques: std::collections::BTreeSet<Vec<usize>> = std::collections::BTreeSet::new();
    let mut starts: Vec<i64> = talks.iter().map(|t| t.1.start).collect();
    starts.dedup();
    for t in starts {
        let covering: Vec<usize> = (0..talks.len())
            .filter(|&k| talks[k].1.start <= t && t < talks[k].1.end)
            .collect();
        let first_day = talks[covering[0]].0;
        if covering.iter().all(|&k| talks[k].0 == first_day) || !cliques.insert(covering.clone()) {
            continue;
        }
        let mut sum = Expression::with_capacity(covering.len());
        for &k in &covering {
            sum.add_mul(1.0, talks[k].2);
        }
        rows.push(sum.leq(1.0));
    }
    for &(da, a, xa) in &talks {
        for &(db, b, xb) in &talks {
            let gap = b.start - a.end;
            if da != db && a.room != b.room && (0..instance.gap(a.room, b.room)).contains(&gap) {
                rows.push((Expression::from(xa) + xb).leq(1.0));
            }
        }
    }
    rows
}

/// Builds and solves the model of a group of days (positions in `instance.days`, see
/// [`Instance::components`]); returns the chosen item indices of each day of the group.
///
/// A day solved on its own is modelled over the talks its bound (`bound`) cannot rule out, in
/// two steps: first over the core of talks whose bound is near the best possible, whose answer
/// raises the bar; if the talks still reaching the bar all lie in that core, the core's answer
/// is the day's best agenda (every best agenda is made of such talks); else the model is solved
/// once more over every talk reaching the bar.
fn solve_model(
    instance: &Instance,
    group: &[usize],
    solver: (Backend, bool),
) -> anyhow::Result<(Vec<Vec<usize>>, Stats)> {
    let built = Instant::now();
    let &[d] = group else {
        return solve_networks(
            instance,
            group,
            day_networks(instance, group),
            built,
            solver,
        );
    };
    let day = &instance.days[d];
    let scoring = worth_modelling(day, Some(0));
    let all = scoring.len();
    let mut bound = bound::Bound::new(instance, day, drop_twins(&day.items, scoring));
    let left = bound.kept().len();
    if let Some(picked) = exact_by_paths(instance, day, (&bound, left), solver) {
        let stats = Stats {
            build: built.elapsed(),
            scoring: all,
            left_out: all - left,
            ..Stats::default()
        };
        return Ok((vec![picked], stats));
    }
    let core = bound.core();
    let first = solve_networks(instance, group, alone(instance, day, &core), built, solver);
    if let Ok((picked, _)) = &first {
        bound.raise(&picked[0]);
    }
    let kept = bound.kept();
    let (picked, mut stats) = if first.is_ok() && kept.iter().all(|i| core.binary_search(i).is_ok())
    {
        first?
    } else {
        let again = Instant::now();
        let (picked, mut stats) =
            solve_networks(instance, group, alone(instance, day, &kept), again, solver)?;
        if let Ok((_, before)) = first {
            stats.add_unused(&before);
        }
        (picked, stats)
    };
    stats.scoring = all;
    stats.left_out = all - kept.len();
    Ok((picked, stats))
}

/// The most talks a day solved on its own is modelled over. microlp's time is its root LP's
/// simplex, which grows with the square of the model's rows: 160 talks take 4 ms, 480 take
/// 36 ms (a day of 30-minute talks starting every 5 minutes in four rooms, all liked equally:
/// none can be ruled out). Real conferences stay far below: the largest day of the shared
/// exports keeps 74 talks after the bound, with every interest tried.
const MODEL_TALKS_MAX: usize = 256;

/// A best agenda of a day solved on its own (indices into its items, in time order), found by
/// longest paths with the switches used in the state ([`paths`]: exact for the score, then the
/// fewest switches, under every rule of the day, in time linear in the talks), when the model
/// would not pay:
/// - the linear relaxation lies above it: microlp's branch and bound has a gap to close, and on
///   a day of equally liked talks it meets countless equal agendas (exponential time);
/// - the bound leaves more than [`MODEL_TALKS_MAX`] talks (`left`, those [`bound::Bound::kept`]
///   gives): the model's simplex would take time growing with their square.
///
/// `None` otherwise (microlp solves the model as before), with another backend than microlp,
/// when the model is to be written out, or when no agenda attends every must-see (the model
/// says so).
fn exact_by_paths(
    instance: &Instance,
    day: &Day,
    (bound, left): (&bound::Bound, usize),
    (backend, keep): (Backend, bool),
) -> Option<Vec<usize>> {
    if backend != Backend::Microlp || keep || bound.talks().is_empty() {
        return None;
    }
    let talks = bound.talks();
    let weights: Vec<i64> = talks.iter().map(|&i| day.items[i].score).collect();
    let paths = paths::Paths::new(instance, day, talks);
    let agenda: Vec<usize> = paths
        .fewest_switches(&weights)?
        .into_iter()
        .map(|t| talks[t])
        .collect();
    (bound.is_loose_above(&agenda) || left > MODEL_TALKS_MAX).then_some(agenda)
}

/// The lean network of a day solved on its own over `talks`, with its variables.
fn alone<'a>(
    instance: &Instance,
    day: &'a Day,
    talks: &[usize],
) -> (ProblemVariables, Vec<(&'a Day, Network)>) {
    let mut vars = ProblemVariables::new();
    let net = lean::network(&mut vars, instance, day, talks.to_vec());
    (vars, vec![(day, net)])
}

/// Solves the networks of a group's days (built into `vars`, timed from `built`) with the rows
/// between days; returns the chosen item indices of each day.
fn solve_networks(
    instance: &Instance,
    group: &[usize],
    (vars, mut networks): (ProblemVariables, Vec<(&Day, Network)>),
    built: Instant,
    (backend, keep): (Backend, bool),
) -> anyhow::Result<(Vec<Vec<usize>>, Stats)> {
    if networks.iter().all(|(_, n)| n.talks.is_empty()) {
        return Ok((vec![Vec::new(); group.len()], Stats::default()));
    }
    let pairs: Vec<(&Day, &Network)> = networks.iter().map(|(d, n)| (*d, n)).collect();
    let mut constraints = cross_day_rows(instance, &pairs);
    let p = switch_weight(instance, group, &networks);
    let (objective, x_all) = objective(&networks, p);
    for (_, net) in &mut networks {
        constraints.append(&mut net.constraints);
    }
    let mut stats = Stats {
        variables: vars.len(),
        constraints: constraints.len(),
        ..Stats::default()
    };
    let names: Vec<String> = networks.iter().map(|(d, _)| d.name()).collect();
    let key = model_file::key_of(&networks.iter().map(|(d, _)| d.index).collect::<Vec<_>>());
    let mut kept = keep.then(|| kept_model(&vars, &networks, &objective, &constraints, p, &key));
    let unsolved = vars.maximise(objective);
    let result = match backend {
        Backend::Microlp => run(
            unsolved.using(good_lp::microlp),
            constraints,
            &x_all,
            built,
            &mut stats,
        ),
        #[cfg(feature = "highs")]
        Backend::Highs => {
            // Distinct agendas differ by at least 1 in the scaled objective, so an absolute gap
            // below 1 proves optimality; the default relative gap would not.
            let problem = unsolved
                .using(good_lp::highs)
                .set_mip_rel_gap(0.0)
                .and_then(|p| p.set_mip_abs_gap(0.5))
                .map_err(|e| anyhow::anyhow!("HiGHS refused its gap settings: {e}"))?
                .set_threads(1);
            run(problem, constraints, &x_all, built, &mut stats)
        }
        #[cfg(feature = "cbc")]
        Backend::Cbc => {
            let mut problem = unsolved.using(good_lp::coin_cbc);
            problem.set_parameter("log", "0");
            problem.set_parameter("threads", "1");
            // As for HiGHS: an absolute gap below 1 proves the optimum.
            problem.set_parameter("allowableGap", "0.5");
            problem.set_parameter("ratioGap", "0");
            run(problem, constraints, &x_all, built, &mut stats)
        }
    };
    let values = match result {
        Ok(v) => v,
        Err(ResolutionError::Infeasible) => {
            return Err(Error::Infeasible { days: names }.into());
        }
        Err(e) => {
            return Err(Error::Solver {
                on: names.join(" and "),
                reason: e.to_string(),
            }
            .into());
        }
    };
    let picked = picked(&networks, &values);
    if let Some(mut model) = kept.take() {
        let mut optimum = 0.0;
        for ((day, _), list) in networks.iter().zip(&picked) {
            let items: Vec<&Item> = list.iter().map(|&i| &day.items[i]).collect();
            let score: i64 = items.iter().map(|i| i.score).sum();
            optimum += p * score as f64 - f64::from(super::count_switches(&items));
        }
        model.optimum = Some(optimum);
        stats.models.push(model);
    }
    Ok((picked, stats))
}

/// The model of a group's networks as it is about to be solved, with readable names (see
/// [`model_file`]), for `--write-model`.
fn kept_model(
    vars: &ProblemVariables,
    networks: &[(&Day, Network)],
    objective: &Expression,
    constraints: &[good_lp::Constraint],
    p: f64,
    key: &str,
) -> model_file::Model {
    let mut names: HashMap<Variable, model_file::Name> = HashMap::new();
    for (day, net) in networks {
        let d = day.index;
        for ((&k, &x), z) in net.talks.iter().zip(&net.x).zip(&net.direct) {
            let session = day.items[k].session;
            let name = |kind: char| model_file::Name::Session {
                prefix: format!("{kind}_d{d}_"),
                session,
            };
            names.insert(x, name('x'));
            if let Some(z) = z {
                names.insert(*z, name('z'));
            }
        }
        for (n, &a) in net.arrivals.iter().enumerate() {
            names
                .entry(a)
                .or_insert_with(|| model_file::Name::Plain(format!("a_d{d}_{}", n + 1)));
        }
    }
    let mut model = model_file::Model::of(vars, &names, objective, constraints);
    model.key = key.to_string();
    model.title = networks
        .iter()
        .map(|(d, _)| d.name())
        .collect::<Vec<_>>()
        .join(" and ");
    model.switch_weight = p;
    model.notes = vec![
        format!(
            "Maximise P x (score in half points) - room switches, P = {}.",
            p
        ),
        "Score in points = ceil(optimum / P) / 2; room switches = P x ceil(optimum / P) - optimum."
            .to_string(),
        "x_d<day>_<session>: attend the session from its room; z_d<day>_<session>: arrive from"
            .to_string(),
        "another room and attend it (x + z = 1 when attended); a_: arrivals; f<n>: other arcs."
            .to_string(),
    ];
    model
}

/// The classic network of each day of a group of several days over its modelled talks (whose
/// x_i the rows between days read), with their variables.
fn day_networks<'a>(
    instance: &'a Instance,
    group: &[usize],
) -> (ProblemVariables, Vec<(&'a Day, Network)>) {
    let mut vars = ProblemVariables::new();
    let mut networks: Vec<(&Day, Network)> = Vec::new();
    for &d in group {
        let day = &instance.days[d];
        let mut talks = drop_twins(&day.items, worth_modelling(day, Some(0)));
        if instance.max_switches.is_none() && instance.max_gap() == 0 {
            talks = drop_dominated(&day.items, talks);
        }
        let net = network(&mut vars, instance, day, talks);
        networks.push((day, net));
    }
    (vars, networks)
}

/// P of the objective: it exceeds the most switches an agenda can have: one fewer than the
/// most talks that fit in the group without overlapping, and at most K a day.
fn switch_weight(instance: &Instance, group: &[usize], networks: &[(&Day, Network)]) -> f64 {
    let all_talks: Vec<Item> = networks
        .iter()
        .flat_map(|(day, n)| n.talks.iter().map(|&k| day.items[k].clone()))
        .collect();
    let every: Vec<usize> = (0..all_talks.len()).collect();
    let most_switches = most_disjoint(&all_talks, &every).saturating_sub(1);
    instance.max_switches.map_or(most_switches, |k| {
        most_switches.min(k as usize * group.len())
    }) as f64
        + 1.0
}

/// The objective Σ P·score_i·x_i − Σ a (with P·score_i·z_i for the lean network's arcs too), and
/// the variables to read back: every x_i, then every z_i there is.
fn objective(networks: &[(&Day, Network)], p: f64) -> (Expression, Vec<Variable>) {
    let size: usize = networks
        .iter()
        .map(|(_, n)| n.x.len() + n.arrivals.len())
        .sum();
    let mut objective = Expression::with_capacity(size);
    let mut x_all: Vec<Variable> = Vec::new();
    for (day, net) in networks {
        for ((&k, &v), z) in net.talks.iter().zip(&net.x).zip(&net.direct) {
            objective.add_mul(p * day.items[k].score as f64, v);
            if let Some(z) = z {
                objective.add_mul(p * day.items[k].score as f64, *z);
            }
        }
        for &a in &net.arrivals {
            objective.add_mul(-1.0, a);
        }
        x_all.extend(&net.x);
    }
    x_all.extend(networks.iter().flat_map(|(_, n)| n.direct.iter().flatten()));
    (objective, x_all)
}

/// The chosen item indices of each day, from `values` (every x_i, then every z_i, as read back
/// by [`objective`]'s order): talk i is attended when x_i + z_i = 1. Each day's in time order.
fn picked(networks: &[(&Day, Network)], values: &[f64]) -> Vec<Vec<usize>> {
    let mut picked = Vec::with_capacity(networks.len());
    let talks: usize = networks.iter().map(|(_, n)| n.talks.len()).sum();
    let (xs, zs) = values.split_at(talks);
    let (mut xs, mut zs) = (xs.iter(), zs.iter());
    for (day, net) in networks {
        let mut chosen: Vec<usize> = net
            .talks
            .iter()
            .zip(&net.direct)
            .filter(|&(_, z)| {
                let x = xs.next().copied().unwrap_or(0.0);
                let z = z.and_then(|_| zs.next().copied()).unwrap_or(0.0);
                x + z > 0.5
            })
            .map(|(&i, _)| i)
            .collect();
        chosen.sort_by_key(|&i| (day.items[i].start, day.items[i].room));
        picked.push(chosen);
    }
    picked
}

/// The most talks among `talks` that can be attended without overlap (earliest end first).
pub(crate) fn most_disjoint(items: &[Item], talks: &[usize]) -> usize {
    let mut by_end: Vec<&Item> = talks.iter().map(|&i| &items[i]).collect();
    by_end.sort_by_key(|it| (it.end, it.start));
    let mut count = 0;
    let mut free_from = i64::MIN;
    for it in by_end {
        if it.start >= free_from {
            count += 1;
            free_from = it.end;
        }
    }
    count
}

/// Adds the constraints, solves, and returns the values of `x`; times build and solve.
fn run<M: SolverModel<Error = ResolutionError>>(
    mut problem: M,
    constraints: Vec<good_lp::Constraint>,
    x: &[Variable],
    built: Instant,
    stats: &mut Stats,
) -> Result<Vec<f64>, ResolutionError> {
    for c in constraints {
        problem.add_constraint(c);
    }
    stats.build = built.elapsed();
    let solving = Instant::now();
    let result = problem
        .solve()
        .map(|s| x.iter().map(|&v| good_lp::Solution::value(&s, v)).collect());
    stats.solve = solving.elapsed();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether some set of pairwise disjoint talks inside `it`'s time (other than `it`) scores
    /// more than it, by trying every subset: the definition, with no cleverness.
    fn dominated_by_enumeration(items: &[Item], i: usize) -> bool {
        let it = &items[i];
        let inside: Vec<&Item> = (0..items.len())
            .filter(|&j| j != i && items[j].start >= it.start && items[j].end <= it.end)
            .map(|j| &items[j])
            .collect();
        (0u32..1 << inside.len()).any(|set| {
            let chosen: Vec<&Item> = (0..inside.len())
                .filter(|&k| set & (1 << k) != 0)
                .map(|k| inside[k])
                .collect();
            let disjoint = chosen.iter().enumerate().all(|(a, x)| {
                chosen[a + 1..]
                    .iter()
                    .all(|y| x.end <= y.start || y.end <= x.start)
            });
            disjoint && chosen.iter().map(|t| t.score).sum::<i64>() > it.score
        })
    }

    #[test]
    fn dominated_talks_are_exactly_those_some_disjoint_talks_inside_outscore() {
        // A fixed pseudo-random stream: many small days of nested and overlapping talks.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as i64
        };
        for _ in 0..300 {
            let items: Vec<Item> = (0..10)
                .map(|session| {
                    let start = next(12) * 5;
                    Item {
                        session,
                        room: next(3) as usize,
                        start,
                        end: start + 5 + next(8) * 5,
                        score: 1 + next(6),
                        must: next(10) == 0,
                    }
                })
                .collect();
            let kept = drop_dominated(&items, (0..items.len()).collect());
            for i in 0..items.len() {
                let expected = items[i].must || !dominated_by_enumeration(&items, i);
                assert_eq!(kept.contains(&i), expected, "talk {i} of {items:?}");
            }
        }
    }

    /// An instance of one day: `slots` times `twins` talks, each slot one room and one time,
    /// with scores and must-sees from a fixed stream, `max_switches` 1.
    fn twin_day(slots: usize, twins: usize, seed: u64) -> Instance {
        let mut state = seed;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as i64
        };
        let mut items: Vec<Item> = Vec::new();
        for slot in 0..slots {
            let (room, start) = (next(3) as usize, next(6) * 10);
            for _ in 0..twins {
                items.push(Item {
                    session: items.len(),
                    room,
                    start,
                    end: start + 10 + 10 * (slot as i64 % 2),
                    score: next(4),
                    must: next(40) == 0,
                });
            }
        }
        one_day(items, 3, Some(1))
    }

    /// An instance of one day on 2025-09-30 with `items` (sorted here by start, room and
    /// session) in `rooms` rooms, at most `max_switches` switches and no switch minutes.
    fn one_day(mut items: Vec<Item>, rooms: usize, max_switches: Option<u32>) -> Instance {
        items.sort_by_key(|it| (it.start, it.room, it.session));
        Instance {
            days: vec![Day {
                index: 1,
                date: chrono::NaiveDate::from_ymd_opt(2025, 9, 30).unwrap(),
                items,
            }],
            rooms,
            max_switches,
            switch_minutes: 0,
            walking: None,
        }
    }

    #[test]
    fn of_twin_talks_only_the_best_or_the_must_sees_are_modelled() {
        let instance = twin_day(1, 5, 7);
        let items = &instance.days[0].items;
        let kept = drop_twins(items, (0..items.len()).collect());
        if items.iter().any(|it| it.must) {
            assert!(kept.iter().all(|&i| items[i].must), "{kept:?} of {items:?}");
        } else {
            assert_eq!(kept.len(), 1, "{items:?}");
            let best = items.iter().map(|it| it.score).max().unwrap();
            assert_eq!(items[kept[0]].score, best);
        }
    }

    #[test]
    fn leaving_out_twins_keeps_the_optimum_of_the_reference_program() {
        for seed in 1..=60 {
            let instance = twin_day(4, 3, 0x9e37_79b9 + seed);
            let ilp = solve(&instance);
            let dp = super::super::dp::solve(&instance);
            match (ilp, dp) {
                (Ok(a), Ok(b)) => {
                    assert_eq!((a.total, a.switches), (b.total, b.switches), "seed {seed}");
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!("seed {seed}: ILP {a:?}, DP {b:?}"),
            }
        }
    }

    /// One day of four rooms with `per_room` 30-minute talks each, starting every 5 minutes
    /// from 09:00, all scoring 2 (with a multiple of 6 per room, every talk is in some best
    /// agenda); a must-see `must` when given, and at most `max_switches` switches.
    fn crowded_day(per_room: usize, must: Option<usize>, max_switches: Option<u32>) -> Instance {
        let items: Vec<Item> = (0..4 * per_room)
            .map(|k| {
                let (room, slot) = (k % 4, (k / 4) as i64);
                let start = 540 + 5 * slot;
                Item {
                    session: k,
                    room,
                    start,
                    end: start + 30,
                    score: 2,
                    must: must == Some(k),
                }
            })
            .collect();
        one_day(items, 4, max_switches)
    }

    #[test]
    fn a_day_with_more_talks_left_than_the_model_takes_is_solved_by_paths_to_the_same_optimum() {
        // 4 × 120 equal talks: without a must-see every one of them is in some best agenda, so
        // the bound leaves them all, over MODEL_TALKS_MAX; a must-see can rule most out.
        let mut by_paths = 0;
        for (must, limit) in [
            (None, Some(3)),
            (None, None),
            (Some(101), Some(0)),
            (Some(202), Some(2)),
            (Some(7), Some(1)),
        ] {
            let instance = crowded_day(120, must, limit);
            let ours = solve(&instance).unwrap();
            let left = ours.stats.scoring - ours.stats.left_out;
            assert_eq!(
                ours.stats.variables == 0,
                left > MODEL_TALKS_MAX,
                "{must:?}, {limit:?}: {left} talks left, {} variables",
                ours.stats.variables
            );
            by_paths += usize::from(left > MODEL_TALKS_MAX);
            let reference = super::super::dp::solve(&instance).unwrap();
            assert_eq!(
                (ours.total, &ours.switches),
                (reference.total, &reference.switches),
                "{must:?}, {limit:?}"
            );
            if let Some(m) = must {
                assert!(
                    ours.chosen.contains(&m),
                    "the must-see {m}: {:?}",
                    ours.chosen
                );
            }
        }
        assert!(by_paths >= 2, "only {by_paths} cases over the model's size");
        // The same day with a quarter of the talks is modelled.
        let small = solve(&crowded_day(18, None, Some(3))).unwrap();
        assert!(small.stats.variables > 0);
        let reference = super::super::dp::solve(&crowded_day(18, None, Some(3))).unwrap();
        assert_eq!(small.total, reference.total);
    }
}
