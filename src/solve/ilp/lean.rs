//! The planner's network for a day solved on its own: one room node per talk end instead of
//! one per start and one per end, so about half the rows of [`super::network`].
//!
//! microlp's time on this model is the root LP's simplex (branch and bound visits at most a
//! couple of nodes): about one pivot per row, each costing time proportional to the rows. So
//! halving the rows of the room chains — two thirds of the model's rows — cuts the solve by
//! more than half (measured in `docs/benchmarks/runs/2026-11-26-1619-shared-2core`).
//!
//! ```text
//! nodes   (r, t) for each room r at the day's first time, at each end t of its talks and at
//!         the day's last time; hallway nodes h_b(s) of each building b at the starts s of its
//!         talks (those not before the first end of the day)
//! arcs    x_i ∈ ℤ≥0    attend talk i from its room: (r_i, p_i) → (r_i, e_i), p_i the latest
//!                      node of r_i at or before s_i (free in the room by then)
//!         z_i ∈ ℤ≥0    arrive for talk i and attend it: h_b(s_i) → (r_i, e_i), b = B(r_i)
//!         w ≥ 0        wait in a room: (r, t) → (r, t')      consecutive nodes of r
//!         l ≥ 0        leave after a talk, walk to building b: (r, e) → h_b(s), s the first
//!                      start in b ≥ e + M(B_r, b)       (one arc per building, at talk ends)
//!         v ≥ 0        wait in a hallway: h_b(s) → h_b(s')  consecutive starts in b
//!         y_r ≥ 0      start the day in room r: into (r, first)
//!
//! maximise   Σ_i P·score_i·(x_i + z_i) − Σ_i z_i
//! subject to Σ_r y_r = 1
//!            inflow(n) = outflow(n)      every node but the rooms' last ones (the sinks)
//!            Σ_i z_i ≤ K                 (at most K room switches; omitted if unlimited)
//!            x_i + z_i = 1               for every must-see talk
//! ```
//!
//! Talk i is attended when x_i + z_i = 1. Every arc runs forward in time (a talk arc from a
//! node at or before its start to its end; a leave from an end to a start at least the walking
//! minutes later; an arrival from a start to the end of the talk it attends), so a unit of flow
//! is a path through time. Along it, two consecutive attended talks in one room follow each
//! other through room nodes (no overlap: the second leaves from a node at or after the first's
//! end), and in different rooms through a leave arc, the hallway and an arrival, which together
//! span at least M(B, b) ≥ the minutes the rules ask. So every path is an agenda with at most
//! Σ z switches. Conversely an agenda is the path that starts in its first talk's room, waits
//! to each talk of a room and takes its x arc, and at each change of room leaves at the end of
//! the talk before, waits in the target building's hallway until the next talk starts (that
//! start is a hallway node: it lies after an end) and takes its z arc: Σ z = its switches. As
//! in [`super::network`], the penalty makes Σ z the true number of switches at the optimum
//! (re-entering the room just left costs one and can always be replaced by waiting in it),
//! P > the most switches keeps it from trading away score, and for fixed talk arcs the rest is
//! a unit flow with integral data, whose optimum is whole. Without a second room there is no
//! hallway and no z.

use super::Network;
use crate::solve::{Day, Instance, Item};
use good_lp::{Constraint, Expression, ProblemVariables, Variable, VariableDefinition, variable};
use std::collections::{BTreeMap, BTreeSet};

/// The lean network of `day` over `talks` (indices into `day.items`), built into `vars`. Its
/// `direct` arcs are the z_i (also listed as its `arrivals`); a talk is attended when x_i + z_i
/// is 1. With no talks it adds nothing.
pub(super) fn network(
    vars: &mut ProblemVariables,
    instance: &Instance,
    day: &Day,
    talks: Vec<usize>,
) -> Network {
    let mut net = Network {
        x: Vec::with_capacity(talks.len()),
        direct: vec![None; talks.len()],
        arrivals: Vec::new(),
        constraints: Vec::new(),
        talks,
    };
    let items: Vec<&Item> = net.talks.iter().map(|&i| &day.items[i]).collect();
    let (Some(first), Some(last)) = (
        items.iter().map(|it| it.start).min(),
        items.iter().map(|it| it.end).max(),
    ) else {
        return net;
    };
    let limited = instance.max_switches.is_some();
    let times = room_times(&items, first, last);
    let mut nodes = Nodes::default();
    net.constraints
        .push(room_chains(vars, &times, first, &mut nodes));
    talk_arcs(vars, &items, &times, limited, &mut nodes, &mut net);
    if times.len() >= 2 {
        hallways(vars, instance, &items, limited, &mut nodes, &mut net);
    }
    must_rows(&items, &mut net);
    switch_limit_row(instance, &mut net);
    // inflow(n) = outflow(n) for every node but the rooms' last ones (the sinks).
    for ((_, t), balance) in nodes.room {
        if t != last {
            net.constraints.push(balance.eq(0.0));
        }
    }
    for balance in nodes.hall.into_values() {
        net.constraints.push(balance.eq(0.0));
    }
    net
}

/// The balances (inflow − outflow) of the network's nodes, as they are built.
#[derive(Default)]
struct Nodes {
    /// Room nodes (r, t).
    room: BTreeMap<(usize, i64), Expression>,
    /// Hallway nodes h_b(s), keyed (b, s).
    hall: BTreeMap<(usize, i64), Expression>,
}

/// A talk arc's variable: x_i or z_i ∈ ℤ≥0 under a switch limit, else binary.
fn choice(limited: bool) -> VariableDefinition {
    if limited {
        variable().integer().min(0)
    } else {
        variable().binary()
    }
}

/// Each room's node times: the day's first time, its talks' ends, the day's last time.
fn room_times(items: &[&Item], first: i64, last: i64) -> BTreeMap<usize, Vec<i64>> {
    let mut times: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
    for it in items {
        times
            .entry(it.room)
            .or_insert_with(|| vec![first, last])
            .push(it.end);
    }
    for ts in times.values_mut() {
        ts.sort_unstable();
        ts.dedup();
    }
    times
}

/// The arcs y_r (start the day in room r) and w (wait in a room); returns the row Σ_r y_r = 1.
fn room_chains(
    vars: &mut ProblemVariables,
    times: &BTreeMap<usize, Vec<i64>>,
    first: i64,
    nodes: &mut Nodes,
) -> Constraint {
    let mut start = Expression::with_capacity(times.len());
    for (&room, ts) in times {
        let y = vars.add(variable().min(0));
        start.add_mul(1.0, y);
        flow(&mut nodes.room, (room, first), 1.0, y);
        for pair in ts.windows(2) {
            let w = vars.add(variable().min(0));
            flow(&mut nodes.room, (room, pair[0]), -1.0, w);
            flow(&mut nodes.room, (room, pair[1]), 1.0, w);
        }
    }
    start.eq(1.0)
}

/// The talk arcs x_i: (r_i, p_i) → (r_i, e_i), p_i the latest node of r_i at or before s_i
/// (binary for a must-see talk).
fn talk_arcs(
    vars: &mut ProblemVariables,
    items: &[&Item],
    times: &BTreeMap<usize, Vec<i64>>,
    limited: bool,
    nodes: &mut Nodes,
    net: &mut Network,
) {
    for it in items {
        let ts = &times[&it.room];
        let from = ts[ts.partition_point(|&t| t <= it.start) - 1];
        let x = vars.add(if it.must {
            variable().binary()
        } else {
            choice(limited)
        });
        flow(&mut nodes.room, (it.room, from), -1.0, x);
        flow(&mut nodes.room, (it.room, it.end), 1.0, x);
        net.x.push(x);
    }
}

/// With two rooms or more: the leave arcs l, the hallway waits v and the arrive-and-attend arcs
/// z_i (the network's `direct` arcs and `arrivals`), over hallway nodes at the talk starts not
/// before the day's first end.
fn hallways(
    vars: &mut ProblemVariables,
    instance: &Instance,
    items: &[&Item],
    limited: bool,
    nodes: &mut Nodes,
    net: &mut Network,
) {
    let earliest_leave = items.iter().map(|it| it.end).min().unwrap_or(i64::MAX);
    let mut halls: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
    for it in items.iter().filter(|it| it.start >= earliest_leave) {
        halls
            .entry(instance.building(it.room))
            .or_default()
            .push(it.start);
    }
    for ts in halls.values_mut() {
        ts.sort_unstable();
        ts.dedup();
    }
    leave_arcs(vars, instance, items, &halls, nodes);
    for (&b, ts) in &halls {
        for pair in ts.windows(2) {
            let v = vars.add(variable().min(0));
            flow(&mut nodes.hall, (b, pair[0]), -1.0, v);
            flow(&mut nodes.hall, (b, pair[1]), 1.0, v);
        }
    }
    for (k, it) in items.iter().enumerate() {
        if it.start < earliest_leave {
            continue;
        }
        let z = vars.add(choice(limited));
        flow(
            &mut nodes.hall,
            (instance.building(it.room), it.start),
            -1.0,
            z,
        );
        flow(&mut nodes.room, (it.room, it.end), 1.0, z);
        net.direct[k] = Some(z);
        net.arrivals.push(z);
    }
}

/// The leave arcs l: from each talk end (r, e) to each building b's hallway at its first start
/// s ≥ e + M(B_r, b).
fn leave_arcs(
    vars: &mut ProblemVariables,
    instance: &Instance,
    items: &[&Item],
    halls: &BTreeMap<usize, Vec<i64>>,
    nodes: &mut Nodes,
) {
    let ends: BTreeSet<(usize, i64)> = items.iter().map(|it| (it.room, it.end)).collect();
    for &(room, e) in &ends {
        let from = instance.building(room);
        for (&b, ts) in halls {
            let ready = e.saturating_add(instance.building_gap(from, b));
            let Some(&joins) = ts.get(ts.partition_point(|&s| s < ready)) else {
                continue;
            };
            let l = vars.add(variable().min(0));
            flow(&mut nodes.room, (room, e), -1.0, l);
            flow(&mut nodes.hall, (b, joins), 1.0, l);
        }
    }
}

/// x_i + z_i = 1 for every must-see talk.
fn must_rows(items: &[&Item], net: &mut Network) {
    for (k, it) in items.iter().enumerate() {
        if it.must {
            let mut attend = Expression::from(net.x[k]);
            if let Some(z) = net.direct[k] {
                attend.add_mul(1.0, z);
            }
            net.constraints.push(attend.eq(1.0));
        }
    }
}

/// Σ_i z_i ≤ K, at most K room switches (omitted if unlimited or without z).
fn switch_limit_row(instance: &Instance, net: &mut Network) {
    if let Some(k) = instance.max_switches
        && !net.arrivals.is_empty()
    {
        let mut sum = Expression::with_capacity(net.arrivals.len());
        for &z in &net.arrivals {
            sum.add_mul(1.0, z);
        }
        net.constraints.push(sum.leq(f64::from(k)));
    }
}

/// Adds `coef · v` to the balance (inflow − outflow) of a node.
fn flow(nodes: &mut BTreeMap<(usize, i64), Expression>, key: (usize, i64), coef: f64, v: Variable) {
    nodes.entry(key).or_default().add_mul(coef, v);
}

#[cfg(test)]
pub(super) mod tests {
    use crate::solve::{self, Day, Instance, Item, Walking};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    /// One day of talks on a 5-minute grid in up to four rooms; talks of one room may overlap
    /// (the lean chain must then start each talk from the latest node before it).
    pub(in crate::solve::ilp) fn day_instance() -> impl Strategy<Value = Instance> {
        let talk = (0usize..4, 0i64..24, 1i64..7, -2i64..7, 0u8..12);
        (
            prop::collection::vec(talk, 1..11),
            prop::option::of(0u32..4),
            prop::sample::select(vec![0i64, 5, 10]),
            any::<bool>(),
        )
            .prop_map(|(talks, max_switches, switch_minutes, buildings)| {
                let mut items: Vec<Item> = talks
                    .into_iter()
                    .enumerate()
                    .map(|(session, (room, at, len, score, must))| Item {
                        session,
                        room,
                        start: 600 + 5 * at,
                        end: 600 + 5 * (at + len),
                        score,
                        must: must == 0,
                    })
                    .collect();
                items.sort_by_key(|it| (it.start, it.room, it.session));
                Instance {
                    days: vec![Day {
                        index: 1,
                        date: NaiveDate::from_ymd_opt(2030, 5, 6).unwrap(),
                        items,
                    }],
                    rooms: 4,
                    max_switches,
                    switch_minutes,
                    walking: buildings
                        .then(|| Walking::new(vec![0, 0, 1, 1], vec![vec![5, 15], vec![15, 0]])),
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

        /// The planner's lean network (a day on its own) against the reference dynamic
        /// program: same score and switches, or both find no agenda; and its agenda keeps
        /// the rules.
        #[test]
        fn the_lean_network_finds_the_reference_optimum_on_one_day(instance in day_instance()) {
            let by_ilp = solve::ilp::solve(&instance);
            let by_dp = solve::dp::solve(&instance);
            match (by_ilp, by_dp) {
                (Ok(ilp), Ok(dp)) => {
                    prop_assert_eq!((ilp.total, &ilp.switches), (dp.total, &dp.switches));
                    let checked = solve::check(&instance, &ilp.chosen);
                    prop_assert_eq!(checked, Ok(ilp.switches.clone()));
                }
                (Err(_), Err(_)) => {}
                (ilp, dp) => prop_assert!(false, "ilp {:?}, dp {:?}", ilp.is_ok(), dp.is_ok()),
            }
        }
    }
}
