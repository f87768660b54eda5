//! Re-planning that keeps earlier choices: among the agendas with the best score, the one that
//! keeps the most of the talks chosen before, then the one with the fewest room switches.
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
//! tie-break. With `w = 0` (the default) the order is: the best score, then the most kept talks,
//! then the fewest switches. Talks with a scaled score ≤ 0 are still never modelled: they are
//! exactly the talks that cannot raise `score + w · kept` or `kept`. Every re-planned agenda is
//! checked like a plan (see `super::verify`), and against the reference DP
//! (`crate::solve::dp::solve_keeping`), which computes the same objective without any scaling.

use super::{Plan, fill, prepare_scored, verify};
use crate::prefs::{Request, interests};
use crate::schedule::Schedule;
use crate::solve::{self, Instance};
use std::collections::BTreeSet;

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

/// Plans the agenda for `request` that keeps as many of `keep` (schedule indices) as the best
/// score allows (or, with `weight` > 0 half points per kept talk, trades score for them).
pub(crate) fn plan_keeping(
    schedule: &Schedule,
    request: &Request,
    keep: &BTreeSet<usize>,
    weight: i64,
) -> anyhow::Result<Plan> {
    interests::check_known(schedule, &request.interests)?;
    let scores = interests::score_all(schedule, &request.interests);
    let instance = prepare_scored(schedule, request, &scores)?;
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
        stats: solution.stats,
        instance,
        verified: verify::Verified::default(),
    };
    plan.verified = verify_keeping(schedule, request, &plan, keep, weight)?;
    Ok(plan)
}

/// The check every re-planned agenda passes before it is printed: the rules of an agenda
/// ([`verify::check_agenda`]), its reported score and switches, and the reference DP's optimum
/// of (score + w·kept, kept, −switches). A failure is a bug (exit 1).
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
    match solve::dp::solve_keeping(&plan.instance, keep, weight) {
        Ok(r) => {
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
        Err(e) => failures.push(format!(
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
        reference: true,
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
