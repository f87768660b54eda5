//! Re-planning that keeps earlier choices. By default ([`Keeping::All`]) every talk chosen
//! before that still fits stays: the agenda keeps as many of them as can be attended together,
//! then scores as high as it can in the time that is left, then has the fewest room switches.
//! Its optimality is *given the kept talks*; the swaps that would score more are found by
//! [`swaps`] and offered as suggestions. With [`Keeping::Weighted`] (`--reshuffle`, weight 0,
//! or `--keep-weight W`) the optimiser trades them for score: among the agendas with the best
//! score + w·kept, the one that keeps the most, then the one with the fewest room switches.
//!
//! The integer program is not changed: the lexicographic objective is folded into the per-talk
//! scores it already takes. With `n` the number of previously chosen talks among the candidates
//! (over the whole conference), `S = n + 1`, `kept_i ∈ {0, 1}` and `w` the keep weight in half
//! points:
//!
//! ```text
//! score'_i = S · (score_i + w · kept_i) + kept_i
//! ```
//!
//! An agenda's scaled total is `S · (score + w · kept) + kept`, and `0 ≤ kept ≤ n < S`, so one
//! unit of `score + w · kept` outweighs any difference in `kept`: maximising the scaled total
//! maximises `score + w · kept` first and `kept` second. One `S` for the whole conference keeps
//! this true however the integer program splits the days into separate models. The integer
//! program then multiplies each scaled score by `P` (more than the most switches an agenda can
//! have) and subtracts the switches (see `crate::solve::ilp`), so switches stay the last
//! tie-break. With `w = 0` (`--reshuffle`) the order is: the best score, then the most kept
//! talks, then the fewest switches. Keeping every talk that fits is the same objective with `w`
//! larger than any score a day can gain ([`lexicographic_weight`]): one more kept talk then
//! outweighs any score, so the order is the most kept talks, then the best score, then the
//! fewest switches. Talks with a scaled score ≤ 0 are still never modelled: they are
//! exactly the talks that cannot raise `score + w · kept` or `kept`. Every re-planned agenda is
//! checked like a plan (see `super::verify`), and against the reference DP
//! (`crate::solve::dp::solve_keeping`), which computes the same objective without any scaling.

use super::{Plan, fill, prepare_scored, verify};
use crate::prefs::{Request, interests};
use crate::schedule::Schedule;
use crate::solve::{self, Instance};
use std::collections::BTreeSet;

/// How `replan` treats the talks of the saved plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// Every earlier talk that still fits stays (as many as can be attended together); only the
    /// time left is planned for score. The default.
    All,
    /// The best score + `w`·kept (`w` in half points), then the most kept: `--reshuffle` is
    /// `w = 0`, `--keep-weight W` is `w = 2W`.
    Weighted(i64),
}

/// A weight (half points per kept talk) that makes one more kept talk worth more than any
/// score: more than the sum of the absolute scores of the candidates of any one conference day
/// (the most by which two agendas of a day can differ in score). Days are independent in the
/// objective, so it need not exceed a whole conference's.
pub fn lexicographic_weight(instance: &Instance) -> i64 {
    1 + instance
        .days
        .iter()
        .map(|d| d.items.iter().map(|it| it.score.abs()).sum::<i64>())
        .max()
        .unwrap_or(0)
}

/// The scaled instance: each item scored `S · (score + w · kept) + kept`, `S` one more than the
/// number of kept candidates.
pub fn scaled(instance: &Instance, keep: &BTreeSet<usize>, weight: i64) -> Instance {
    let n = instance
        .days
        .iter()
        .flat_map(|d| &d.items)
        .filter(|i| keep.contains(&i.session))
        .count() as i64;
    let s = n + 1;
    let mut scaled = instance.clone();
    for day in &mut scaled.days {
        for item in &mut day.items {
            let kept = i64::from(keep.contains(&item.session));
            item.score = s * (item.score + weight * kept) + kept;
        }
    }
    scaled
}

/// Plans the agenda for `request` that keeps `keep` (schedule indices) as `keeping` says,
/// among the sessions `only` allows (all when `None`; `replan --from … --without …` allows
/// fewer). Returns the plan and the weight per kept talk (half points) it was optimised and
/// verified with.
pub(crate) fn plan_keeping(
    schedule: &Schedule,
    request: &Request,
    keep: &BTreeSet<usize>,
    keeping: Keeping,
    only: Option<&dyn Fn(usize) -> bool>,
) -> anyhow::Result<(Plan, i64)> {
    interests::check_known(schedule, &request.interests)?;
    let scores = interests::score_all(schedule, &request.interests);
    let mut instance = prepare_scored(schedule, request, &scores)?;
    if let Some(only) = only {
        // The instance is all the solver, the filling of free time and the reference check
        // see: a session left out here is never planned.
        for day in &mut instance.days {
            day.items.retain(|it| only(it.session));
        }
        instance.days.retain(|d| !d.items.is_empty());
    }
    let weight = match keeping {
        Keeping::All => lexicographic_weight(&instance),
        Keeping::Weighted(w) => w,
    };
    let solution = solve::run(&scaled(&instance, keep, weight), solve::Backend::default())?;
    let switches = super::switches_by_day(schedule, &instance, &solution.switches);
    let total = solution.chosen.iter().map(|&i| scores[i].half_points).sum();
    // Free time is filled as for a plan (never a talk that scores, never a kept one: the
    // integer program would have taken those).
    let added = if request.limits.gaps {
        Vec::new()
    } else {
        fill::fill_gaps(&instance, &solution.chosen)
    };
    let mut chosen = solution.chosen.clone();
    chosen.extend(&added);
    chosen.sort_by_key(|&i| (schedule.sessions[i].start_at(), i));
    // Kept talks that score nothing were free time filled in the earlier plan: they are shown
    // as such again.
    let mut filled: Vec<usize> = instance
        .days
        .iter()
        .flat_map(|d| &d.items)
        .filter(|it| it.score == 0 && !it.must && solution.chosen.contains(&it.session))
        .map(|it| it.session)
        .chain(added.iter().copied())
        .collect();
    filled.sort_unstable();
    filled.dedup();
    let fill_switches = super::fill_switches_by_day(schedule, &instance, &chosen, &switches);
    let mut plan = Plan {
        scores,
        chosen,
        filled,
        total,
        switches,
        fill_switches,
        stages: solution.stats.stages(),
        stats: solution.stats,
        instance,
        verified: verify::Verified::default(),
    };
    plan.verified = verify_keeping(schedule, request, &plan, keep, weight)?;
    Ok((plan, weight))
}

/// A change to a re-planned agenda that would score more: attend `take` (a talk the agenda
/// leaves out, and whatever else then fits best) and give up `instead_of` (earlier talks, and
/// the talks that no longer fit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swap {
    /// How much the score rises, in half points (> 0).
    pub gain: i64,
    /// The talks to attend instead (schedule indices, in time order).
    pub take: Vec<usize>,
    /// The talks given up (schedule indices, in time order); free time that was filled is not
    /// listed.
    pub instead_of: Vec<usize>,
}

/// The swaps that would raise the score of `plan` (made by `plan_keeping` with `weight`):
/// for each talk that scores and is left out, the best agenda of its day that attends it and
/// otherwise keeps as many earlier talks as it can (the reference dynamic program, on the same
/// objective with that talk made a must-see); a [`Swap`] when that scores more. Sorted by gain
/// (highest first), then by what is taken; the same swap found from two talks is listed once.
/// Days whose reference work is over [`verify::REFERENCE_BUDGET`] are not looked at.
pub fn swaps(plan: &Plan, keep: &BTreeSet<usize>, weight: i64) -> Vec<Swap> {
    let chosen: BTreeSet<usize> = plan.chosen.iter().copied().collect();
    let score_of = |i: usize| plan.scores[i].half_points;
    let mut found: Vec<(Swap, i64)> = Vec::new();
    for day in &plan.instance.days {
        let mut one_day = Instance {
            days: vec![day.clone()],
            ..plan.instance.clone()
        };
        if verify::reference_work(&one_day) > verify::REFERENCE_BUDGET {
            continue;
        }
        let start_of = |i: usize| {
            day.items
                .iter()
                .find(|it| it.session == i)
                .map(|it| it.start)
        };
        let in_time = |mut v: Vec<usize>| {
            v.sort_by_key(|&i| (start_of(i), i));
            v
        };
        let attended: BTreeSet<usize> = day
            .items
            .iter()
            .map(|it| it.session)
            .filter(|i| chosen.contains(i))
            .collect();
        let now: i64 = attended.iter().map(|&i| score_of(i)).sum();
        for k in 0..day.items.len() {
            let wanted = day.items[k].session;
            if score_of(wanted) <= 0 || attended.contains(&wanted) || day.items[k].must {
                continue;
            }
            one_day.days[0].items[k].must = true;
            let better = solve::dp::solve_keeping(&one_day, keep, weight);
            one_day.days[0].items[k].must = false;
            let Ok(better) = better else { continue };
            let gain = better.total - now;
            if gain <= 0 {
                continue;
            }
            let then: BTreeSet<usize> = better.chosen.iter().copied().collect();
            let take = in_time(then.difference(&attended).copied().collect());
            let instead_of = in_time(
                attended
                    .difference(&then)
                    .copied()
                    .filter(|&i| score_of(i) != 0 || keep.contains(&i))
                    .collect(),
            );
            let at = start_of(take[0]).unwrap_or(0);
            found.push((
                Swap {
                    gain,
                    take,
                    instead_of,
                },
                at,
            ));
        }
    }
    found.sort_by(|(a, at), (b, bt)| {
        (-a.gain, at, &a.take, &a.instead_of).cmp(&(-b.gain, bt, &b.take, &b.instead_of))
    });
    found.dedup_by(|a, b| a.0.take == b.0.take && a.0.instead_of == b.0.instead_of);
    found.into_iter().map(|(s, _)| s).collect()
}

/// What `--reshuffle` would give instead of `plan` (made keeping `keep`): its score and how
/// many earlier talks it keeps, by the reference dynamic program (the best score, then the
/// most kept). `None` when the reference work is over [`verify::REFERENCE_BUDGET`].
pub fn reshuffled(plan: &Plan, keep: &BTreeSet<usize>) -> Option<(i64, usize)> {
    if verify::reference_work(&plan.instance) > verify::REFERENCE_BUDGET {
        return None;
    }
    let best = solve::dp::solve_keeping(&plan.instance, keep, 0).ok()?;
    let kept = best.chosen.iter().filter(|i| keep.contains(i)).count();
    Some((best.total, kept))
}

/// The check every re-planned agenda passes before it is printed: the rules of an agenda
/// ([`verify::check_agenda`]), its reported score and switches, and the reference DP's optimum
/// of (score + w·kept, kept, −switches) when its work is within [`verify::REFERENCE_BUDGET`]
/// (as after `plan`). A failure is a bug (exit 1).
fn verify_keeping(
    schedule: &Schedule,
    request: &Request,
    plan: &Plan,
    keep: &BTreeSet<usize>,
    weight: i64,
) -> anyhow::Result<verify::Verified> {
    let started = std::time::Instant::now();
    let mut failures = verify::check_agenda(schedule, request, &plan.chosen);
    failures.extend(verify::switch_count_failures(schedule, plan));
    let kept = |chosen: &[usize]| chosen.iter().filter(|i| keep.contains(i)).count() as i64;
    let switches: u32 = plan.switches.values().sum();
    let ours = (
        plan.total + weight * kept(&plan.chosen),
        kept(&plan.chosen),
        -i64::from(switches),
    );
    let reference = verify::reference_work(&plan.instance) <= verify::REFERENCE_BUDGET;
    match reference.then(|| solve::dp::solve_keeping(&plan.instance, keep, weight)) {
        None => {}
        Some(Ok(r)) => {
            let theirs = (
                r.total + weight * kept(&r.chosen),
                kept(&r.chosen),
                -i64::from(r.switches.iter().sum::<u32>()),
            );
            if theirs != ours {
                failures.push(format!(
                    "the reference dynamic program finds (score + w·kept, kept, −switches) = {theirs:?}, the integer program {ours:?}"
                ));
            }
        }
        Some(Err(e)) => failures.push(format!(
            "the reference dynamic program finds no agenda ({e}), the integer program does"
        )),
    }
    if !failures.is_empty() {
        anyhow::bail!(
            "the re-planned agenda failed its check after solving, so it is not printed. This is a bug in agenda; please report it with the command line, the saved plan and the schedule:\n  - {}",
            failures.join("\n  - ")
        );
    }
    Ok(verify::Verified {
        sessions: plan.chosen.len(),
        reference,
        elapsed: started.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::{Day, Item, dp};

    #[test]
    fn scaling_prefers_score_then_kept_then_fewer_switches() {
        // Two equally good pairs at 10:00 and 11:00; the kept talks are in different rooms.
        let instance = Instance {
            days: vec![Day {
                index: 1,
                date: chrono::NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                items: vec![
                    Item::test(0, 0, 600, 660, 2),
                    Item::test(1, 1, 600, 660, 2),
                    Item::test(2, 0, 660, 720, 2),
                    Item::test(3, 1, 660, 720, 2),
                    Item::test(4, 0, 720, 780, 1),
                    Item::test(5, 1, 720, 780, 0),
                ],
            }],
            rooms: 2,
            max_switches: None,
            switch_minutes: 0,
            walking: None,
        };
        let keep: BTreeSet<usize> = [1, 2, 5].into();
        let by_ilp = solve::ilp::solve(&scaled(&instance, &keep, 0)).unwrap();
        let by_dp = dp::solve_keeping(&instance, &keep, 0).unwrap();
        // Best score 5 (talk 4 beats the kept talk 5), keeping talks 1 and 2.
        assert_eq!(by_ilp.chosen, [1, 2, 4]);
        assert_eq!(by_dp.chosen, [1, 2, 4]);
        assert_eq!(by_dp.total, 5);
        // A keep weight of one point (2 half points) makes talk 5 worth keeping over talk 4.
        let by_ilp = solve::ilp::solve(&scaled(&instance, &keep, 2)).unwrap();
        let by_dp = dp::solve_keeping(&instance, &keep, 2).unwrap();
        assert_eq!(by_ilp.chosen, [1, 2, 5]);
        assert_eq!(by_dp.chosen, [1, 2, 5]);
    }
}
