//! Re-planning that keeps earlier choices: among the agendas with the best score, the one that
//! keeps the most of the talks chosen before, then the one with the fewest room switches.
//!
//! The integer program is not changed: the lexicographic objective is folded into the per-talk
//! scores it already takes. Per day, with `n` the number of previously chosen talks that day,
//! `S = n + 1`, `kept_i ∈ {0, 1}` and `w` the keep weight in half points:
//!
//! ```text
//! score'_i = S · (score_i + w · kept_i) + kept_i
//! ```
//!
//! An agenda's scaled total is `S · (score + w · kept) + kept`, and `0 ≤ kept ≤ n < S`, so one
//! unit of `score + w · kept` outweighs any difference in `kept`: maximising the scaled total
//! maximises `score + w · kept` first and `kept` second. The integer program then multiplies each
//! scaled score by `P` (more than the most switches a day can have) and subtracts the switches
//! (see `crate::solve::ilp`), so switches stay the last tie-break. With `w = 0` (the default) the
//! order is: the best score, then the most kept talks, then the fewest switches. Talks with a
//! scaled score ≤ 0 are still never modelled: they are exactly the talks that cannot raise
//! `score + w · kept` or `kept`. The reference DP (`crate::solve::dp::solve_keeping`) computes
//! the same objective without any scaling, and the tests compare the two.

use super::{Plan, Request, fill, interests, prepare_scored};
use crate::schedule::Schedule;
use crate::solve::{self, Instance};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The scaled instance: each item of a day scored `S · (score + w · kept) + kept`.
pub fn scaled(instance: &Instance, keep: &BTreeSet<usize>, weight: i64) -> Instance {
    let mut scaled = instance.clone();
    for day in &mut scaled.days {
        let n = day
            .items
            .iter()
            .filter(|i| keep.contains(&i.session))
            .count() as i64;
        let s = n + 1;
        for item in &mut day.items {
            let kept = i64::from(keep.contains(&item.session));
            item.score = s * (item.score + weight * kept) + kept;
        }
    }
    scaled
}

/// Plans the agenda for `request` that keeps as many of `keep` (schedule indices) as the best
/// score allows (or, with `weight` > 0 half points per kept talk, trades score for them).
pub fn plan_keeping(
    schedule: &Schedule,
    request: &Request,
    keep: &BTreeSet<usize>,
    weight: i64,
) -> anyhow::Result<Plan> {
    interests::check_known(schedule, &request.interests)?;
    let scores = interests::score_all(schedule, &request.interests);
    let instance = prepare_scored(schedule, request, &scores)?;
    let solution = solve::ilp::solve(&scaled(&instance, keep, weight))?;
    let mut switches: BTreeMap<NaiveDate, u32> =
        schedule.days().into_iter().map(|d| (d, 0)).collect();
    for (day, &n) in instance.days.iter().zip(&solution.switches) {
        switches.insert(day.date, n);
    }
    let total = solution.chosen.iter().map(|&i| scores[i].half_points).sum();
    let mut chosen = solution.chosen.clone();
    // Kept talks that score nothing were free time filled in the earlier plan: they are shown
    // as such again.
    let mut filled: Vec<usize> = instance
        .days
        .iter()
        .flat_map(|d| &d.items)
        .filter(|it| it.score == 0 && !it.must && solution.chosen.contains(&it.session))
        .map(|it| it.session)
        .collect();
    if !request.limits.gaps {
        filled.extend(fill::fill_gaps(&instance, &solution.chosen));
        chosen = solution.chosen.clone();
        chosen.extend(filled.iter().filter(|i| !solution.chosen.contains(i)));
        chosen.sort_by_key(|&i| (schedule.sessions[i].start_at(), i));
    }
    filled.sort_unstable();
    filled.dedup();
    Ok(Plan {
        scores,
        chosen,
        filled,
        total,
        switches,
        stats: solution.stats,
        instance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::{Day, Item, dp};

    fn item(session: usize, room: usize, start: i64, end: i64, score: i64) -> Item {
        Item {
            session,
            room,
            start,
            end,
            score,
            must: false,
        }
    }

    #[test]
    fn scaling_prefers_score_then_kept_then_fewer_switches() {
        // Two equally good pairs at 10:00 and 11:00; the kept talks are in different rooms.
        let instance = Instance {
            days: vec![Day {
                date: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                items: vec![
                    item(0, 0, 600, 660, 2),
                    item(1, 1, 600, 660, 2),
                    item(2, 0, 660, 720, 2),
                    item(3, 1, 660, 720, 2),
                    item(4, 0, 720, 780, 1),
                    item(5, 1, 720, 780, 0),
                ],
            }],
            rooms: 2,
            max_switches: None,
            switch_minutes: 0,
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
