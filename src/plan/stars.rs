//! Starred talks the agenda leaves out, and what each lost to: stars (favourites and `--star`)
//! are weighted, so when two clash the optimiser picks one, and the user is told which.

use super::{Plan, Request};
use crate::prefs::interests::format_points;
use crate::schedule::Schedule;

/// One line per starred talk the plan leaves out, in schedule order: `★ X lost to ★ Y (scores
/// 13 against 12)` when a chosen starred talk overlaps it, `★ X lost to Y (…)` when another
/// chosen talk does, else that the limits left no room for it.
pub fn lost_stars(schedule: &Schedule, request: &Request, plan: &Plan) -> Vec<String> {
    let starred = |i: usize| {
        let id = &schedule.sessions[i].id;
        request.interests.favourites.iter().any(|f| &f.term == id)
    };
    let s = &schedule.sessions;
    let named = |i: usize| format!("`{}` [{}]", s[i].title, s[i].id);
    let points = |i: usize| format_points(plan.scores[i].half_points);
    let against = |winners: &[usize], i: usize| {
        let total: i64 = winners.iter().map(|&c| plan.scores[c].half_points).sum();
        let theirs = winners.iter().map(|&c| points(c)).collect::<Vec<_>>();
        if total == plan.scores[i].half_points {
            format!(
                "scores {} against {}: a tie, broken by fewer room switches, then a fixed order",
                theirs.join(" + "),
                points(i)
            )
        } else {
            format!("scores {} against {}", theirs.join(" + "), points(i))
        }
    };
    let mut lines = Vec::new();
    for i in (0..s.len()).filter(|&i| starred(i) && !plan.chosen.contains(&i)) {
        if s[i].cancelled {
            lines.push(format!("★ {} is cancelled by the organiser", named(i)));
            continue;
        }
        let over: Vec<usize> = plan
            .chosen
            .iter()
            .copied()
            .filter(|&c| s[c].overlaps(&s[i]))
            .collect();
        let winners: Vec<usize> = over.iter().copied().filter(|&c| starred(c)).collect();
        let line = match (winners.as_slice(), over.as_slice()) {
            ([], []) => format!(
                "★ {} is left out: with the room switches and other limits it fits no better agenda",
                named(i)
            ),
            ([], others) => format!(
                "★ {} lost to {} ({})",
                named(i),
                others
                    .iter()
                    .map(|&c| named(c))
                    .collect::<Vec<_>>()
                    .join(" and "),
                against(others, i)
            ),
            (stars, _) => format!(
                "★ {} lost to {} ({})",
                named(i),
                stars
                    .iter()
                    .map(|&c| format!("★ {}", named(c)))
                    .collect::<Vec<_>>()
                    .join(" and "),
                against(stars, i)
            ),
        };
        lines.push(line);
    }
    lines
}
