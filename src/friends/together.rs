//! Planning together: everyone's agendas chosen jointly by [`crate::solve::joint`] (the model,
//! its inequalities and the floors are documented there), then each person's free time filled as
//! the planner does, and the price of company reported.
//!
//! `--bonus W` is the value of one hour spent in a talk with a friend, per person, in points;
//! `--min-own m` is the share of their best score alone each person keeps on every day.

use super::Attendee;
use crate::error::bad_input;
use crate::plan::{self, fill};
use crate::prefs::{Request, Scored};
use crate::schedule::Schedule;
use crate::solve::joint::{self, Person};
use crate::solve::{Instance, Solution};
use std::time::Duration;

pub use crate::solve::joint::{Progress, Settings};

/// Parses `--bonus`: points per hour ≥ 0, whole or with a half (`2`, `1.5`); returns half points.
pub(crate) fn parse_bonus(text: &str) -> anyhow::Result<i64> {
    let bad = || {
        bad_input(format!(
            "--bonus `{text}` is not a number of points per hour ≥ 0 in steps of 0.5, e.g. `--bonus 2` or `--bonus 1.5`"
        ))
    };
    let t = text.trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let half = match frac.trim_end_matches('0') {
        "" => 0,
        "5" => 1,
        _ => return Err(bad()),
    };
    if !(0..=100).contains(&whole) || t.starts_with('-') {
        return Err(bad());
    }
    Ok(whole * crate::points::HALF_POINTS_PER_POINT + half)
}

/// Parses `--min-own`: a share from 0 to 1 in hundredths (`0.8`, `0.75`, `1`) or a percentage
/// (`80%`); returns percent.
pub(crate) fn parse_min_own(text: &str) -> anyhow::Result<u32> {
    let bad = || {
        bad_input(format!(
            "--min-own `{text}` is not a share from 0 to 1 (e.g. `--min-own 0.8`, or `80%`): the part of their best score alone each person keeps"
        ))
    };
    let t = text.trim();
    let percent = if let Some(p) = t.strip_suffix('%') {
        p.trim().parse::<u32>().map_err(|_| bad())?
    } else {
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let whole: u32 = whole.parse().map_err(|_| bad())?;
        let frac: u32 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
        whole.checked_mul(100).ok_or_else(bad)? + frac
    };
    if percent > 100 {
        return Err(bad());
    }
    Ok(percent)
}

/// Parses `--time-limit`: seconds > 0 (`10`, `2.5`).
pub(crate) fn parse_time_limit(text: &str) -> anyhow::Result<Duration> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 86_400.0)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| {
            bad_input(format!(
                "--time-limit `{text}` is not a number of seconds above 0, e.g. `--time-limit 10`"
            ))
        })
}

/// One person's part of the joint plan.
#[derive(Debug, Clone)]
pub struct Member {
    /// The agenda (filled talks included) and score together.
    pub attendee: Attendee,
    /// Their best score planning alone, half points.
    pub best_alone: i64,
    /// The least score the floors allowed them, half points.
    pub floor: i64,
    /// Minutes spent with at least one friend in sessions worth meeting in (someone in the
    /// group scores them above 0 or must see them): the time together the joint value counts.
    pub minutes_together: i64,
}

/// The joint plan.
#[derive(Debug, Clone)]
pub struct Joint {
    /// Everyone, in the given order.
    pub members: Vec<Member>,
    /// The settings used.
    pub settings: Settings,
    /// The joint value the model maximised, in 1/60 half point: 60·Σ scores + W·minutes
    /// together in talks worth meeting in (see [`crate::solve::joint`]).
    pub value: i64,
    /// The proven relative gap to the optimum (0 when optimal).
    pub gap: f64,
    /// Whether the plan is proven optimal.
    pub optimal: bool,
    /// Talks attended by two or more people.
    pub shared_talks: usize,
    /// Model size and timing.
    pub stats: crate::solve::Stats,
    /// Time spent per stage: everyone's plan alone (score, build, solve, verify), then the
    /// joint model's build and solve.
    pub stages: crate::timing::Stages,
}

/// Plans everyone together. `people` are (name, source, request), in command-line order.
pub fn plan_together(
    schedule: &Schedule,
    people: &[(String, String, Request)],
    settings: Settings,
) -> anyhow::Result<Joint> {
    plan_together_with(schedule, people, settings, &mut |_| {})
}

/// [`plan_together`], telling `progress` which part of the model is being solved.
pub(crate) fn plan_together_with(
    schedule: &Schedule,
    people: &[(String, String, Request)],
    settings: Settings,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Joint> {
    // The time limit counts from here: the plans alone are part of it.
    let started = std::time::Instant::now();
    let (instances, solutions, mut scores, mut stages) = plan_each_alone(schedule, people)?;
    let persons: Vec<Person> = instances
        .iter()
        .zip(&solutions)
        .map(|(instance, alone)| Person { instance, alone })
        .collect();
    let mut joint_settings = settings;
    joint_settings.time_limit = settings.time_limit.map(|t| {
        t.saturating_sub(started.elapsed())
            .max(Duration::from_millis(100))
    });
    let solved = crate::solve::run(
        joint::Together {
            people: &persons,
            settings: joint_settings,
            progress,
        },
        crate::solve::Backend::default(),
    )?;
    let mut members = Vec::new();
    for (p, person) in people.iter().enumerate() {
        let alone = solutions[p].total;
        members.push(checked_member(
            schedule,
            person,
            &instances[p],
            (&solved, p),
            alone,
            std::mem::take(&mut scores[p]),
        )?);
    }
    count_minutes_together(schedule, &mut members)?;
    let shared_talks = count_shared_talks(schedule, &members);
    stages.add_all(&solved.stats.stages());
    Ok(Joint {
        members,
        settings,
        value: solved.value,
        gap: solved.gap(),
        optimal: solved.optimal,
        shared_talks,
        stats: solved.stats,
        stages,
    })
}

/// Each person's own checks and best agenda alone (filled talks left out), their sessions'
/// scores, with their name on any error, and the time planning them took (summed over
/// everyone). The plans are independent, so they are made side by side on the machine's cores;
/// the first error in command-line order is the one returned, as when planning one by one.
#[allow(clippy::type_complexity)] // the four parts, named in the doc
fn plan_each_alone(
    schedule: &Schedule,
    people: &[(String, String, Request)],
) -> anyhow::Result<(
    Vec<Instance>,
    Vec<Solution>,
    Vec<Vec<Scored>>,
    crate::timing::Stages,
)> {
    let mut stages = crate::timing::Stages::default();
    // The schedule's texts are tokenised once, here, rather than by whichever plan asks first
    // while the others wait (and count the wait as their scoring).
    stages.time(crate::timing::Stage::Score, || schedule.texts());
    let planned =
        crate::solve::side_by_side(people.len(), |p| plan::plan(schedule, &people[p].2), |_| {});
    let mut instances: Vec<Instance> = Vec::new();
    let mut solutions: Vec<Solution> = Vec::new();
    let mut scores: Vec<Vec<Scored>> = Vec::new();
    for ((name, _, _), planned) in people.iter().zip(planned) {
        let planned = planned.map_err(|e| super::tag(e, name))?;
        stages.add_all(&planned.stages);
        let raw: Vec<usize> = planned
            .chosen
            .iter()
            .copied()
            .filter(|i| !planned.filled.contains(i))
            .collect();
        solutions.push(Solution {
            total: planned.total,
            chosen: raw,
            ..Solution::default()
        });
        instances.push(planned.instance);
        scores.push(planned.scores);
    }
    Ok((instances, solutions, scores, stages))
}

/// Person `p`'s joint agenda, their free time filled unless they keep gaps, after it passes the
/// same independent check as a plan (each person's plan alone was compared with the reference
/// program inside `plan::plan`).
fn checked_member(
    schedule: &Schedule,
    (name, source, request): &(String, String, Request),
    instance: &Instance,
    (solved, p): (&joint::Joint, usize),
    best_alone: i64,
    scores: Vec<Scored>,
) -> anyhow::Result<Member> {
    let mut chosen = solved.chosen[p].clone();
    if !request.limits.gaps {
        chosen.extend(fill::fill_gaps(instance, &solved.chosen[p]));
    }
    let failures = crate::plan::verify::check_agenda(schedule, request, &chosen);
    if !failures.is_empty() {
        anyhow::bail!(
            "{name}'s joint agenda failed its check after solving, so it is not printed. This is a bug in agenda; please report it with the command line:\n  - {}",
            failures.join("\n  - ")
        );
    }
    Ok(Member {
        attendee: Attendee::scored(
            schedule,
            name.clone(),
            source.clone(),
            request.clone(),
            chosen,
            scores,
        ),
        best_alone,
        floor: solved.floors[p],
        minutes_together: 0,
    })
}

/// Sets each member's minutes with at least one friend in sessions worth meeting in (someone
/// scores them above 0 or must see them), as the joint value counts them: a talk that only
/// fills free time for everyone in it is no time together.
fn count_minutes_together(schedule: &Schedule, members: &mut [Member]) -> anyhow::Result<()> {
    let mut worth = vec![false; schedule.sessions.len()];
    for m in members.iter() {
        let (must, _) = crate::plan::resolve_lists(schedule, &m.attendee.request.interests)?;
        for i in must {
            worth[i] = true;
        }
        for (i, scored) in m.attendee.scores.iter().enumerate() {
            worth[i] |= scored.half_points > 0;
        }
    }
    for p in 0..members.len() {
        members[p].minutes_together = members[p]
            .attendee
            .chosen
            .iter()
            .filter(|&&i| worth[i])
            .filter(|&&i| (0..members.len()).any(|q| q != p && members[q].attendee.attends(i)))
            .map(|&i| i64::from(schedule.sessions[i].minutes))
            .sum();
    }
    Ok(())
}

/// The number of talks attended by two or more people.
fn count_shared_talks(schedule: &Schedule, members: &[Member]) -> usize {
    schedule
        .sessions
        .iter()
        .enumerate()
        .filter(|(i, _)| members.iter().filter(|m| m.attendee.attends(*i)).count() > 1)
        .count()
}

#[cfg(test)]
mod tests {
    use super::parse_bonus;

    #[test]
    fn bonus_takes_whole_and_half_points_only() {
        assert_eq!(parse_bonus("2").unwrap(), 4);
        assert_eq!(parse_bonus("1.5").unwrap(), 3);
        assert_eq!(parse_bonus("0").unwrap(), 0);
        for bad in ["-1", "1.25", "x", "", "1000"] {
            assert!(parse_bonus(bad).is_err(), "{bad}");
        }
    }
}
