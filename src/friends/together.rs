//! Planning together: one integer program for everyone.
//!
//! Each person p gets their own network per day (the planner's, [`crate::solve::ilp::network`]):
//! their talk choices x_{p,t}, their switch limit, switch minutes, busy windows and must/avoid
//! lists, scored by their own interests. The networks are linked by company:
//!
//! ```text
//! s_{p,t} ≤ x_{p,t}                      p shares talk t only if p attends it
//! s_{p,t} ≤ Σ_{q≠p} x_{q,t}               … and a friend attends it too
//! 2·z_t  ≤ Σ_p x_{p,t},  z_t ∈ {0,1}      t is attended together   (only with --min-shared;
//!                                        see `min_shared` for the tightening rows)
//! Σ_t z_t ≥ N                            at least N talks together (only with --min-shared)
//!
//! maximise  Σ_{p,t} P·(score_{p,t}·x_{p,t} + W·s_{p,t}) − Σ_p Σ a_p
//! ```
//!
//! Scores and W are in half points (W is given in points, halves allowed: `--bonus 1.5`);
//! s is continuous (at an optimum it equals min(x_{p,t}, Σ x_{q,t}), which is 0 or 1). The
//! arrival arcs a count room switches; P = (all modelled talks) + 1 makes the switch penalty
//! smaller than one score unit, so ties go to the fewest switches in total, as in the planner.
//!
//! Talks modelled for p: every must-see, and every talk scoring more than −n·W (n people) not
//! overlapping a must-see: leaving p out of a talk scoring ≤ −n·W loses at most W for p and W
//! for each friend, so some optimum never needs it. With `--min-shared` every talk p may attend
//! is modelled. With W = 0 this is exactly each person's own planner model.
//!
//! After solving, each person's free time is filled as in the planner (never changing a score).
//! The model is built in a fixed order (people, days, talks; BTreeMaps only), so the same input
//! gives the same agenda.

use super::Attendee;
use crate::error::UserError;
use crate::plan::{self, Request, fill};
use crate::schedule::Schedule;
use crate::solve::{Instance, ilp};
use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution as _, SolverModel, Variable, variable,
};
use std::collections::BTreeMap;

/// How much company counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    /// Bonus per person-talk shared with at least one friend, in half points (≥ 0).
    pub bonus: i64,
    /// At least this many talks attended by two or more people together.
    pub min_shared: u32,
}

/// Parses `--bonus`: points ≥ 0, whole or with a half (`2`, `1.5`); returns half points.
pub fn parse_bonus(text: &str) -> anyhow::Result<i64> {
    let bad = || {
        UserError::err(format!(
            "--bonus `{text}` is not a number of points ≥ 0 in steps of 0.5, e.g. `--bonus 2` or `--bonus 1.5`"
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
    Ok(whole * 2 + half)
}

/// One person's part of the joint plan.
#[derive(Debug, Clone)]
pub struct Member {
    /// The agenda (filled talks included) and score together.
    pub attendee: Attendee,
    /// Their best score planning alone, half points.
    pub best_alone: i64,
}

/// The joint plan.
#[derive(Debug, Clone)]
pub struct Joint {
    /// Everyone, in the given order.
    pub members: Vec<Member>,
    /// The settings used.
    pub settings: Settings,
    /// Σ scores + W · (person-talks shared with a friend), half points, of the optimum.
    pub objective: i64,
    /// Talks attended by two or more people.
    pub shared_talks: usize,
}

/// Sessions' choice variables of one person, keyed by schedule index.
type Choices = BTreeMap<usize, Variable>;

/// Plans everyone together. `people` are (name, source, request), in command-line order.
pub fn plan_together(
    schedule: &Schedule,
    people: &[(String, String, Request)],
    settings: Settings,
) -> anyhow::Result<Joint> {
    // Each person's own checks and best agenda alone, with their name on any error.
    let mut alone = Vec::new();
    let mut instances: Vec<Instance> = Vec::new();
    for (name, _, request) in people {
        let planned = plan::plan(schedule, request).map_err(|e| super::tag(e, name))?;
        alone.push(planned.total);
        instances.push(planned.instance);
    }
    let n = people.len() as i64;
    let above = if settings.min_shared > 0 {
        None
    } else {
        Some(-n * settings.bonus)
    };
    // Everyone's networks, in order of people, then days.
    let mut vars = ProblemVariables::new();
    let mut constraints = Vec::new();
    let mut choices: Vec<Choices> = Vec::new();
    let mut scores: Vec<BTreeMap<usize, i64>> = Vec::new();
    let mut arrivals: Vec<Variable> = Vec::new();
    for instance in &instances {
        let mut mine = Choices::new();
        let mut score = BTreeMap::new();
        let mut nets = Vec::with_capacity(instance.days.len());
        for day in &instance.days {
            let talks = ilp::worth_modelling(day, above);
            nets.push((day, ilp::network(&mut vars, instance, day, talks)));
        }
        // One person is in one place: talks of different conference days apart in real time.
        let pairs: Vec<_> = nets.iter().map(|(d, n)| (*d, n)).collect();
        constraints.extend(ilp::cross_day_rows(instance, &pairs));
        for (day, net) in nets {
            for (&k, &x) in net.talks.iter().zip(&net.x) {
                mine.insert(day.items[k].session, x);
                score.insert(day.items[k].session, day.items[k].score);
            }
            arrivals.extend(net.arrivals);
            constraints.extend(net.constraints);
        }
        choices.push(mine);
        scores.push(score);
    }
    // Who may attend each session: session → [(person, x)].
    let mut by_session: BTreeMap<usize, Vec<(usize, Variable)>> = BTreeMap::new();
    for (p, mine) in choices.iter().enumerate() {
        for (&t, &x) in mine {
            by_session.entry(t).or_default().push((p, x));
        }
    }
    let modelled: usize = choices.iter().map(BTreeMap::len).sum();
    let big_p = modelled as f64 + 1.0;
    let mut objective = Expression::with_capacity(modelled * 2 + arrivals.len());
    for (p, mine) in choices.iter().enumerate() {
        for (t, &x) in mine {
            objective.add_mul(big_p * scores[p][t] as f64, x);
        }
    }
    for &a in &arrivals {
        objective.add_mul(-1.0, a);
    }
    company_bonus(
        &mut vars,
        &mut constraints,
        &mut objective,
        &by_session,
        big_p * settings.bonus as f64,
    );
    min_shared(
        schedule,
        people.len(),
        &mut vars,
        &mut constraints,
        &by_session,
        settings.min_shared,
    )?;
    let mut problem = vars.maximise(objective).using(good_lp::microlp);
    for c in constraints {
        problem.add_constraint(c);
    }
    let solution = match problem.solve() {
        Ok(s) => s,
        Err(ResolutionError::Infeasible) if settings.min_shared > 0 => {
            return Err(UserError::err(format!(
                "no joint agenda has {} attended together (--min-shared {}) within everyone's must-see talks and limits; lower --min-shared",
                crate::text::plural(settings.min_shared, "talk", "talks"),
                settings.min_shared
            )));
        }
        Err(ResolutionError::Infeasible) => {
            return Err(UserError::err(
                "no joint agenda satisfies everyone's must-see talks and limits",
            ));
        }
        Err(e) => anyhow::bail!("the solver failed on the joint plan: {e}"),
    };
    let picked: Vec<Vec<usize>> = choices
        .iter()
        .map(|mine| {
            mine.iter()
                .filter(|(_, x)| solution.value(**x) > 0.5)
                .map(|(&t, _)| t)
                .collect()
        })
        .collect();
    let objective = joint_objective(&picked, &scores, settings.bonus);
    let mut members = Vec::new();
    for (p, (name, source, request)) in people.iter().enumerate() {
        let mut chosen = picked[p].clone();
        if !request.limits.gaps {
            chosen.extend(fill::fill_gaps(&instances[p], &picked[p]));
        }
        // Everyone's joint agenda passes the same independent check as a plan (each person's
        // plan alone was compared with the reference program inside `plan::plan`).
        let failures = crate::plan::verify::check_agenda(schedule, request, &chosen);
        if !failures.is_empty() {
            anyhow::bail!(
                "{name}'s joint agenda failed its check after solving, so it is not printed. This is a bug in agenda; please report it with the command line:\n  - {}",
                failures.join("\n  - ")
            );
        }
        members.push(Member {
            attendee: Attendee::new(
                schedule,
                name.clone(),
                source.clone(),
                request.clone(),
                chosen,
            ),
            best_alone: alone[p],
        });
    }
    let shared_talks = by_session
        .keys()
        .filter(|t| members.iter().filter(|m| m.attendee.attends(**t)).count() > 1)
        .count();
    Ok(Joint {
        members,
        settings,
        objective,
        shared_talks,
    })
}

/// s_{p,t} ≤ x_{p,t}, s_{p,t} ≤ Σ_{q≠p} x_{q,t}; objective + weight·s (no rows when weight is 0).
fn company_bonus(
    vars: &mut ProblemVariables,
    constraints: &mut Vec<good_lp::Constraint>,
    objective: &mut Expression,
    by_session: &BTreeMap<usize, Vec<(usize, Variable)>>,
    weight: f64,
) {
    if weight <= 0.0 {
        return;
    }
    for who in by_session.values().filter(|w| w.len() > 1) {
        for &(p, x) in who {
            let s = vars.add(variable().min(0).max(1));
            constraints.push((Expression::from(s) - x).leq(0.0));
            let mut friends = Expression::from(s);
            for &(q, y) in who {
                if q != p {
                    friends.add_mul(-1.0, y);
                }
            }
            constraints.push(friends.leq(0.0));
            objective.add_mul(weight, s);
        }
    }
}

/// At least N talks together (nothing when N is 0), with z_t ∈ {0,1} "t is attended together":
///
/// ```text
/// 2·z_t ≤ Σ_p x_{p,t}                       two or more people attend t
/// z_t ≤ Σ_{q≠p} x_{q,t}        for every p   (the same, and tighter for the relaxation)
/// Σ_{t running at τ} z_t ≤ ⌊n/2⌋  for every start τ   (each shared talk needs two people)
/// Σ_t z_t ≥ N
/// ```
///
/// The last family is implied by the others for whole numbers; it closes most of the gap of
/// the linear relaxation, so an impossible N is proven impossible quickly.
fn min_shared(
    schedule: &Schedule,
    people: usize,
    vars: &mut ProblemVariables,
    constraints: &mut Vec<good_lp::Constraint>,
    by_session: &BTreeMap<usize, Vec<(usize, Variable)>>,
    n: u32,
) -> anyhow::Result<()> {
    if n == 0 {
        return Ok(());
    }
    let candidates: Vec<(usize, &Vec<(usize, Variable)>)> = by_session
        .iter()
        .filter(|(_, w)| w.len() > 1)
        .map(|(&t, w)| (t, w))
        .collect();
    if candidates.len() < n as usize {
        return Err(UserError::err(format!(
            "--min-shared {n} asks for more talks together than there are talks two of you may attend ({}); lower --min-shared",
            candidates.len()
        )));
    }
    let mut total = Expression::with_capacity(candidates.len());
    let mut z_of: Vec<(usize, Variable)> = Vec::new();
    for &(t, who) in &candidates {
        let z = vars.add(variable().binary());
        let mut row = Expression::from(z) * 2.0;
        for &(_, x) in who {
            row.add_mul(-1.0, x);
        }
        constraints.push(row.leq(0.0));
        for &(p, _) in who {
            let mut row = Expression::from(z);
            for &(q, y) in who {
                if q != p {
                    row.add_mul(-1.0, y);
                }
            }
            constraints.push(row.leq(0.0));
        }
        total.add_mul(1.0, z);
        z_of.push((t, z));
    }
    let pairs = (people / 2) as f64;
    let mut starts: Vec<chrono::NaiveDateTime> = candidates
        .iter()
        .map(|&(t, _)| schedule.sessions[t].start_at())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    for tau in starts {
        let running: Vec<Variable> = z_of
            .iter()
            .filter(|(t, _)| {
                let s = &schedule.sessions[*t];
                s.start_at() <= tau && tau < s.end_at()
            })
            .map(|&(_, z)| z)
            .collect();
        if running.len() as f64 > pairs {
            let mut row = Expression::with_capacity(running.len());
            for z in running {
                row.add_mul(1.0, z);
            }
            constraints.push(row.leq(pairs));
        }
    }
    constraints.push(total.geq(f64::from(n)));
    Ok(())
}

/// Σ scores of the picked talks + bonus per person-talk shared with a friend (half points).
pub fn joint_objective(picked: &[Vec<usize>], scores: &[BTreeMap<usize, i64>], bonus: i64) -> i64 {
    let mut total = 0;
    for (p, mine) in picked.iter().enumerate() {
        for t in mine {
            total += scores[p].get(t).copied().unwrap_or(0);
            let shared = picked
                .iter()
                .enumerate()
                .any(|(q, theirs)| q != p && theirs.contains(t));
            if shared {
                total += bonus;
            }
        }
    }
    total
}

/// Writes the price of company: each person's score together against their best alone.
pub fn write_price(out: &mut dyn std::io::Write, joint: &Joint) -> anyhow::Result<()> {
    use crate::plan::interests::format_points;
    let mut table =
        crate::output::new_table(&["Person", "Together", "Best alone", "Price of company"]);
    for m in &joint.members {
        let price = m.best_alone - m.attendee.total;
        table.add_row(vec![
            m.attendee.name.clone(),
            format_points(m.attendee.total),
            format_points(m.best_alone),
            if price == 0 {
                "nothing".to_string()
            } else {
                crate::text::points(price)
            },
        ]);
    }
    writeln!(out, "\n{table}")?;
    writeln!(
        out,
        "Bonus {} per talk shared with a friend · at least {} together asked, {} planned · joint score {} (proven optimal)",
        crate::text::points(joint.settings.bonus),
        crate::text::plural(joint.settings.min_shared, "talk", "talks"),
        joint.shared_talks,
        format_points(joint.objective)
    )?;
    writeln!(
        out,
        "Verified after solving: every agenda against the schedule's own times (no overlaps,\nbreaks and busy windows kept, must-see and avoid, switches per conference day, switch\nminutes), and each plan alone against the reference dynamic program."
    )?;
    Ok(())
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
