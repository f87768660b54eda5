//! The joint model's value bound: which talks can be in a best joint agenda, proven before the
//! model is built (the argument is in `docs/design/model.md`, "Planning together: the value
//! bound").
//!
//! Company couples the people: s_{p,t} ≤ Σ_{q≠p} x_{q,t}. Pricing each of those rows at
//! λ_{p,t} ∈ [0, W·m_t] (Lagrangian relaxation) splits the joint value into one problem per
//! person and day, each the planner's own with the weights
//!
//! ```text
//! w_{p,t} = 60·score_{p,t} + max(0, W·m_t − λ_{p,t}) + Σ_{q≠p may attend t} λ_{q,t}
//! ```
//!
//! (only 60·score_{p,t} for a talk nobody else may attend or nobody has a reason to be in).
//! Each of those is solved exactly under the person's rules, switch limit included
//! ([`crate::solve::ilp::paths`]), which gives L_{p,d}, the most any agenda of p on day d weighs, and
//! B_{p,t}, the most any agenda through t weighs. For every λ and every joint agenda obeying
//! every rule, value ≤ Σ L = L, and when p attends t, value ≤ L − L_{p,d} + B_{p,t}. So a talk
//! whose bound is below the value of a joint agenda the model found is in no best joint agenda.
//! The floors, the switch tie-break, the rows keeping days apart and every other hard rule
//! only remove agendas, which keeps the bound valid.
//!
//! λ is chosen by a short subgradient descent (Polyak steps towards the value of the plans
//! alone), in whole numbers, so no rounding can make a bound too low.

use super::Person;
use crate::solve::Day;
use crate::solve::ilp::paths::Paths;
use std::collections::{BTreeMap, BTreeSet};

/// Subgradient steps at most.
const STEPS: usize = 60;

/// One person's talks on one day in the relaxation.
struct Slot<'a> {
    person: usize,
    day: &'a Day,
    /// Candidate talks (indices into `day.items`, increasing).
    talks: Vec<usize>,
    /// Per talk: its entry in a company row (row, entry), if any.
    row: Vec<Option<(usize, usize)>>,
    /// The day's best agendas under the person's rules.
    paths: Paths,
}

/// A company row of one talk: W·m_t, its entries (slot, talk position) and their λ.
struct Row {
    value: i64,
    entries: Vec<(usize, usize)>,
    lambda: Vec<i64>,
}

/// The bound of every candidate talk of every person, at the best λ found.
pub(super) struct Reduction {
    /// L: no joint agenda has a higher value.
    pub total: i64,
    /// Per person, per conference day: (talk, the most value a joint agenda with p at t has).
    pub bounds: Vec<BTreeMap<u32, Vec<(usize, i64)>>>,
}

impl Reduction {
    /// Per person and day, the talks whose bound reaches `bar` (and every must-see).
    pub fn reaching(
        &self,
        bar: i64,
        people: &[Person],
        bounds: super::Bounds,
    ) -> Vec<BTreeMap<u32, Vec<usize>>> {
        self.bounds
            .iter()
            .zip(people)
            .map(|(days, person)| {
                days.iter()
                    .map(|(&d, talks)| {
                        let day = person.instance.days.iter().find(|x| x.index == d);
                        let must = |k: usize| day.is_some_and(|x| x.items[k].must);
                        let mut kept: Vec<usize> = talks
                            .iter()
                            .filter(|&&(k, b)| b >= bar || must(k))
                            .map(|&(k, _)| k)
                            .collect();
                        if bounds == super::Bounds::BrokenForTests {
                            // Test-only: also drop the kept talk with the highest bound.
                            let top = talks
                                .iter()
                                .filter(|&&(k, b)| b >= bar && !must(k))
                                .max_by_key(|&&(k, b)| (b, std::cmp::Reverse(k)));
                            if let Some(&(k, _)) = top {
                                kept.retain(|&i| i != k);
                            }
                        }
                        (d, kept)
                    })
                    .collect()
            })
            .collect()
    }
}

/// Per slot: its bound and the bound of each of its talks, half points.
type PerSlot = Vec<(i64, Vec<i64>)>;

/// The bound of every talk of `talks` (per person, per conference day, indices into that day's
/// items) under the company valued at `bonus` in talks of `meet` (per day), descending from
/// λ = 0 towards `target`, the value of a joint agenda known to exist.
pub(super) fn relax(
    people: &[Person],
    talks: &[BTreeMap<u32, Vec<usize>>],
    meet: &BTreeMap<u32, BTreeSet<usize>>,
    bonus: i64,
    target: i64,
) -> Reduction {
    let (slots, mut rows) = slots(people, talks, meet, bonus);
    let mut best: Option<(i64, PerSlot)> = None;
    let mut theta = 2.0f64;
    let mut since_better = 0;
    for _ in 0..STEPS {
        let solved: Vec<(i64, Vec<i64>, Vec<bool>)> =
            slots.iter().map(|s| solve_slot(s, &rows)).collect();
        let total: i64 = solved.iter().map(|(l, _, _)| l).sum();
        if best.as_ref().is_none_or(|(b, _)| total < *b) {
            best = Some((
                total,
                solved.iter().map(|(l, m, _)| (*l, m.clone())).collect(),
            ));
            since_better = 0;
        } else {
            since_better += 1;
            if since_better >= 3 {
                theta /= 2.0;
                since_better = 0;
            }
        }
        if total <= target || theta < 0.02 {
            break;
        }
        if !step(&mut rows, &solved, theta, total - target) {
            break;
        }
    }
    let (total, per_slot) = best.unwrap_or_default();
    let mut bounds = vec![BTreeMap::new(); people.len()];
    for (slot, (own, most)) in slots.iter().zip(per_slot) {
        let rest = total - own;
        let list: Vec<(usize, i64)> = slot
            .talks
            .iter()
            .zip(most)
            .map(|(&k, m)| (k, rest.saturating_add(m)))
            .collect();
        bounds[slot.person].insert(slot.day.index, list);
    }
    Reduction { total, bounds }
}

/// One subgradient step (Polyak's length for a distance `gap` to the target, times `theta`):
/// per company row entry, the friends the slots' agendas put there minus its own company.
/// False when the subgradient is 0 (λ is optimal).
fn step(rows: &mut [Row], solved: &[(i64, Vec<i64>, Vec<bool>)], theta: f64, gap: i64) -> bool {
    let attends = |j: usize, i: usize| solved[j].2[i];
    let mut grads: Vec<(usize, usize, i64)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let present = row.entries.iter().filter(|&&(j, i)| attends(j, i)).count() as i64;
        for (e, &(j, i)) in row.entries.iter().enumerate() {
            let own = attends(j, i);
            let company = i64::from(own && row.value > row.lambda[e]);
            let g = present - i64::from(own) - company;
            if g != 0 {
                grads.push((r, e, g));
            }
        }
    }
    let norm: i64 = grads.iter().map(|(_, _, g)| g * g).sum();
    if norm == 0 {
        return false;
    }
    let length = theta * gap as f64 / norm as f64;
    for (r, e, g) in grads {
        let row = &mut rows[r];
        let moved = row.lambda[e] as f64 - length * g as f64;
        row.lambda[e] = (moved.round() as i64).clamp(0, row.value);
    }
    true
}

/// The slots (one per person and day with talks) and the company rows linking them: one per
/// talk of `meet` two or more people may attend.
fn slots<'a>(
    people: &'a [Person],
    talks: &[BTreeMap<u32, Vec<usize>>],
    meet: &BTreeMap<u32, BTreeSet<usize>>,
    bonus: i64,
) -> (Vec<Slot<'a>>, Vec<Row>) {
    let mut slots = Vec::new();
    for (p, days) in talks.iter().enumerate() {
        for (&d, list) in days {
            let Some(day) = people[p].instance.days.iter().find(|x| x.index == d) else {
                continue;
            };
            if list.is_empty() {
                continue;
            }
            slots.push(Slot {
                person: p,
                day,
                talks: list.clone(),
                row: vec![None; list.len()],
                paths: Paths::new(people[p].instance, day, list),
            });
        }
    }
    // (day, session) → entries.
    let mut by_session: BTreeMap<(u32, usize), Vec<(usize, usize)>> = BTreeMap::new();
    for (j, slot) in slots.iter().enumerate() {
        let Some(worth) = meet.get(&slot.day.index) else {
            continue;
        };
        for (i, &k) in slot.talks.iter().enumerate() {
            let session = slot.day.items[k].session;
            if worth.contains(&session) {
                by_session
                    .entry((slot.day.index, session))
                    .or_default()
                    .push((j, i));
            }
        }
    }
    let mut rows = Vec::new();
    for (_, entries) in by_session.into_iter().filter(|(_, e)| e.len() > 1) {
        let (j, i) = entries[0];
        let it = &slots[j].day.items[slots[j].talks[i]];
        let value = bonus * (it.end - it.start);
        for (e, &(j, i)) in entries.iter().enumerate() {
            slots[j].row[i] = Some((rows.len(), e));
        }
        let lambda = vec![0; entries.len()];
        rows.push(Row {
            value,
            entries,
            lambda,
        });
    }
    (slots, rows)
}

/// One slot's problem at the current λ: its bound L_{p,d}, the bound through each talk, and
/// which talks (positions in the slot) a best agenda attends.
fn solve_slot(slot: &Slot, rows: &[Row]) -> (i64, Vec<i64>, Vec<bool>) {
    let weights: Vec<i64> = slot
        .talks
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let mut w = 60 * slot.day.items[k].score;
            if let Some((r, e)) = slot.row[i] {
                let row = &rows[r];
                w += (row.value - row.lambda[e]).max(0);
                w += row
                    .lambda
                    .iter()
                    .enumerate()
                    .filter(|&(f, _)| f != e)
                    .map(|(_, l)| l)
                    .sum::<i64>();
            }
            w
        })
        .collect();
    let best = slot.paths.best(&weights);
    let mut attends = vec![false; slot.talks.len()];
    for t in best.agenda {
        attends[t] = true;
    }
    (best.total, best.through, attends)
}
