//! Planning together: one integer program for several people, fair by construction.
//!
//! Each person p brings their own [`Instance`] (their scores, breaks, busy windows, must-see and
//! avoid lists, switch limit and switch minutes) and their best agenda alone. The floors below
//! hold per conference day, so days that no person's rules link (no talk of one within the
//! switch minutes of another's, see [`Instance::components`]) are separate models: every real
//! conference is one model per day. With `min_shared` all days are one model.
//!
//! Per conference day, person p gets the planner's network ([`super::ilp::network`]) over the
//! talks modelled for p (below), with choice variables x_{p,t}, and within a model of several
//! days the planner's rows keeping their days apart ([`super::ilp::cross_day_rows`]). Company
//! is valued by its length:
//!
//! ```text
//! s_{p,t} ≤ x_{p,t}                   p spends t with a friend only if p attends t
//! s_{p,t} ≤ Σ_{q≠p} x_{q,t}            … and a friend attends t too      (0 ≤ s ≤ 1, continuous)
//! Σ_t score_{p,t}·x_{p,t} ≥ F_{p,d}    the floor: p keeps their share of the day (every p, d)
//!
//! maximise  P·( 60·Σ_{p,t} score_{p,t}·x_{p,t}  +  W·Σ_{p,t∈I} minutes_t·s_{p,t} )  −  Σ_p Σ a_p
//! ```
//!
//! - Scores are in half points; W is the value of one hour together in half points
//!   (`--bonus 2` is 4), so the objective is counted in 1/60 half point and stays whole.
//! - I, the talks *worth meeting in*: those some person of the group scores above 0 or must see.
//!   Sitting together through a talk nobody has a reason to be in is not counted as time
//!   together (and is what keeps the model small: FOSDEM has a thousand talks a day).
//! - The floor F of best-alone score b (p's optimum alone that day, half points) at share m
//!   (`--min-own`, in percent): F = b − ⌊(100 − m)·|b| / 100⌋. For b > 0 this is ⌈m·b⌉: p keeps at
//!   least m of their best. For b = 0 it is 0: p may join talks they score 0, never ones they
//!   dislike. For b < 0 (disliked must-see talks) p may sink by at most (1 − m)·|b| more.
//!   The best plans alone always meet every floor, so the floors never make a plan impossible.
//! - a are the arrival arcs (room switches); P = 1 + the most switches all agendas of the day can
//!   have together, so the switch penalty only breaks ties, as in the planner.
//!
//! Talks modelled for p on a day (the rest can be left out of every optimum): must-see talks;
//! talks p scores above 0; and talks of I that p scores ≤ 0 with 60·score + 2·W·minutes > 0,
//! not overlapping p's must-see talks. Joining t adds at most W·minutes for p and W·minutes for
//! one friend who was alone there, so a talk below that bar never pays, and leaving a talk out
//! never adds a switch or breaks a floor. With `min_shared` every talk p may attend is modelled.
//!
//! Before building the model, `proof` (`src/solve/joint/proof.rs`) tries everyone's best
//! agenda with company free: when it meets every floor and gives company wherever it was
//! counted, it is a best joint agenda and no model is solved. Else, for two to eight people on
//! one day, `pair` (`src/solve/joint/pair.rs`) solves the day by a joint dynamic program, with
//! the floors it finds broken in its state; its best agendas, once they keep every floor, are a
//! best joint agenda and no model is solved either (unless the program's state would be too
//! large).
//!
//! The solver starts from the best plans alone (a feasible agenda meeting every floor), stops at
//! the time limit with the best agenda found, and the gap is proven from microlp's best bound:
//! value ≤ (bound + most switches) / P; when microlp has none, from Σ_p (60·best alone
//! + W·the most minutes p can sit in talks of I).

mod pair;
mod proof;
mod reduce;

use super::{Day, Instance, Item, Solution, Stats, ilp, model_file};
use crate::error::Error;
use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution as _, SolverModel, Variable,
    WithInitialSolution, WithTimeLimit, variable,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};

/// How company counts and how long to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Value of one hour spent with a friend, half points per person (≥ 0).
    pub bonus: i64,
    /// Each person keeps at least this share of their best score alone each day, in percent.
    pub min_own: u32,
    /// At least this many talks attended by two or more people together (0: no such rule).
    pub min_shared: u32,
    /// Stop after this long with the best agenda found (`None`: prove optimality).
    pub time_limit: Option<Duration>,
    /// Keep every model whose answer is used in the answer's [`Stats::models`], with the
    /// optimum found (for `--write-model`).
    pub keep_models: bool,
    /// The reductions' soundness: always [`Bounds::Sound`] but in the test that shows the
    /// cross-checks catch a wrong one.
    #[doc(hidden)]
    pub bounds: Bounds,
    /// Which two-person program settles a day of two friends: always
    /// [`PairProgram::Cheaper`] but in tests that check each.
    #[doc(hidden)]
    pub pair: PairProgram,
}

/// Which of the two-person programs (`src/solve/joint/pair.rs`) runs ([`Settings::pair`]).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PairProgram {
    /// The one whose work is smaller for the day.
    #[default]
    Cheaper,
    /// Test-only: the program over pairs of talks.
    Positions,
    /// Test-only: the sweep in time (the program over pairs of talks when it cannot prove).
    Timed,
}

/// Whether the joint model's reductions are the sound ones ([`Settings::bounds`]).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bounds {
    /// The proven reductions (see `docs/design/model.md`).
    #[default]
    Sound,
    /// Test-only: the floors' bound also drops, per person and day, the highest-scoring talk
    /// it keeps, and the value bound the talk with the highest bound it keeps (must-sees
    /// excepted). A deliberately wrong reduction, so that tests can show the cross-checks
    /// catch one.
    BrokenForTests,
    /// Test-only: the two-person program (`pair`) forgets the second person's switch limit,
    /// the group's sweep everyone's.
    WrongPairForTests,
    /// Test-only: the two-person program and the group's sweep keep a floor they track one
    /// score unit too high.
    HighFloorForTests,
    /// Test-only: the sweep in time (two people or a group) frees a person when their talk
    /// ends, as if no walk to another room or building were needed.
    NoWalkForTests,
    /// Test-only: the sweep in time (two people or a group) takes its floor's relaxation as
    /// proven when the best path found is above the floor (not on it).
    LooseFloorForTests,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bonus: 4,
            min_own: 80,
            min_shared: 0,
            time_limit: None,
            keep_models: false,
            bounds: Bounds::Sound,
            pair: PairProgram::Cheaper,
        }
    }
}

/// One person: their instance and their best agenda alone (the planner's, before filling).
#[derive(Debug, Clone, Copy)]
pub struct Person<'a> {
    /// What they may attend and how much each talk is worth to them.
    pub instance: &'a Instance,
    /// Their optimum alone.
    pub alone: &'a Solution,
}

/// What the solver reports while it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The model being solved (0-based) …
    pub part: usize,
    /// … of this many (one per conference day, or one with `min_shared`).
    pub parts: usize,
}

/// The joint plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Joint {
    /// Per person, the chosen sessions (schedule indices), in time order.
    pub chosen: Vec<Vec<usize>>,
    /// Per person, their floor summed over the days, half points.
    pub floors: Vec<i64>,
    /// The joint value: 60·Σ scores + W·Σ minutes together (1/60 half points).
    pub value: i64,
    /// A proven upper bound on the joint value (equal to `value` when optimal).
    pub bound: i64,
    /// Whether every part was solved to proven optimality.
    pub optimal: bool,
    /// Model size and timing.
    pub stats: Stats,
}

impl Joint {
    /// The proven relative gap, (bound − value) / |bound|, 0 when optimal.
    pub fn gap(&self) -> f64 {
        if self.bound <= self.value {
            0.0
        } else {
            (self.bound - self.value) as f64 / (self.bound.abs().max(1)) as f64
        }
    }
}

/// The floor of a best-alone score `best` at `share` percent (see the module docs).
pub fn floor(best: i64, share: u32) -> i64 {
    let loss = (i64::from(100 - share.min(100)) * best.abs()) / 100;
    best - loss
}

/// Several people planning together, as [`super::run`] takes it.
pub struct Together<'a> {
    /// Everyone, with their instance and their best agenda alone.
    pub people: &'a [Person<'a>],
    /// How company counts and how long to search.
    pub settings: Settings,
    /// Told which part of the model is being solved.
    pub progress: &'a mut dyn FnMut(Progress),
}

impl super::Problem for Together<'_> {
    type Answer = Joint;

    fn solve_with(self, backend: super::Backend) -> anyhow::Result<Joint> {
        match backend {
            super::Backend::Microlp => solve(self.people, self.settings, self.progress),
            // The joint model starts from the plans alone, stops at a time limit and proves its
            // gap from the solver's best bound: microlp's interface, not yet HiGHS's.
            #[cfg(feature = "highs")]
            super::Backend::Highs => Err(crate::error::bad_input(
                "planning together uses microlp; HiGHS plans one person at a time only",
            )),
            #[cfg(feature = "cbc")]
            super::Backend::Cbc => Err(crate::error::bad_input(
                "planning together uses microlp; CBC plans one person at a time only",
            )),
        }
    }

    fn stats(answer: &Joint) -> &Stats {
        &answer.stats
    }
}

/// Plans everyone together with microlp; `progress` is told which part is being solved.
/// The product calls it through [`super::run`] with a [`Together`].
pub fn solve(
    people: &[Person],
    settings: Settings,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Joint> {
    let started = Instant::now();
    let deadline = settings.time_limit.map(|t| started + t);
    let parts = parts(people, settings.min_shared > 0);
    let mut joint = Joint {
        chosen: vec![Vec::new(); people.len()],
        floors: vec![0; people.len()],
        optimal: true,
        ..Joint::default()
    };
    let solved: Vec<anyhow::Result<Part>> = if deadline.is_none() {
        // Without a time limit the parts are independent: solved side by side on the cores,
        // each exactly as alone, and added up in order below.
        super::side_by_side(
            parts.len(),
            |k| solve_part(people, &parts[k], settings, None),
            |k| {
                progress(Progress {
                    part: k,
                    parts: parts.len(),
                });
            },
        )
    } else {
        // With one, each part gets its share of the time the earlier parts left.
        let mut solved = Vec::new();
        for (k, dates) in parts.iter().enumerate() {
            progress(Progress {
                part: k,
                parts: parts.len(),
            });
            let budget = deadline
                .map(|d| d.saturating_duration_since(Instant::now()) / (parts.len() - k) as u32);
            let part = solve_part(people, dates, settings, budget);
            let failed = part.is_err();
            solved.push(part);
            if failed {
                break;
            }
        }
        solved
    };
    for part in solved {
        let part = part?;
        for (p, chosen) in part.chosen.into_iter().enumerate() {
            joint.chosen[p].extend(chosen);
        }
        for (p, f) in part.floors.into_iter().enumerate() {
            joint.floors[p] += f;
        }
        joint.value += part.value;
        joint.bound += part.bound;
        joint.optimal &= part.optimal;
        joint.stats.add(&part.stats);
    }
    Ok(joint)
}

/// The models to solve, as sets of conference-day indices: days linked by some person's rules
/// (their [`Instance::components`]) share a model; `one` puts every day in one model.
fn parts(people: &[Person], one: bool) -> Vec<Vec<u32>> {
    let all: BTreeSet<u32> = people
        .iter()
        .flat_map(|p| p.instance.days.iter().map(|d| d.index))
        .collect();
    if one {
        return vec![all.into_iter().collect()];
    }
    // Union of everyone's groups: merge until no person's group spans two parts.
    let mut parts: Vec<BTreeSet<u32>> = all.into_iter().map(|d| BTreeSet::from([d])).collect();
    for p in people {
        for group in p.instance.components(|_| true) {
            let days: BTreeSet<u32> = group.iter().map(|&d| p.instance.days[d].index).collect();
            let (hit, mut rest): (Vec<_>, Vec<_>) =
                parts.into_iter().partition(|part| !part.is_disjoint(&days));
            rest.push(hit.into_iter().flatten().collect());
            parts = rest;
        }
    }
    let mut parts: Vec<Vec<u32>> = parts.into_iter().map(|p| p.into_iter().collect()).collect();
    parts.sort();
    parts
}

/// One person's part of a model: their day, modelled talks and choice variables.
struct Mine<'a> {
    day: &'a Day,
    /// Indices into `day.items`, parallel to `x`.
    talks: Vec<usize>,
    x: Vec<Variable>,
}

/// The talks of I on a conference day: scored above 0 or must-see by someone.
fn worth_meeting(people: &[Person], day: u32) -> BTreeSet<usize> {
    people
        .iter()
        .filter_map(|p| p.instance.days.iter().find(|d| d.index == day))
        .flat_map(|d| d.items.iter().filter(|i| i.must || i.score > 0))
        .map(|i| i.session)
        .collect()
}

/// Indices (into `day.items`) of the talks modelled for one person (see the module docs).
fn modelled(day: &Day, meet: &BTreeSet<usize>, settings: Settings) -> Vec<usize> {
    if settings.min_shared > 0 {
        return ilp::worth_modelling(day, None);
    }
    let mut talks = ilp::worth_modelling(day, Some(0));
    if settings.bonus > 0 {
        let keep: BTreeSet<usize> = ilp::worth_modelling(day, None).into_iter().collect();
        talks.extend((0..day.items.len()).filter(|&k| {
            let it = &day.items[k];
            !it.must
                && it.score <= 0
                && meet.contains(&it.session)
                && 60 * it.score + 2 * settings.bonus * (it.end - it.start) > 0
                && keep.contains(&k)
        }));
        talks.sort_unstable();
        talks.dedup();
    }
    talks
}

/// The talks of `talks` (indices into `day.items`, increasing) through which some agenda of
/// the person's day that obeys their rules scores at least `least` half points: the others
/// cannot be in any agenda keeping their floor (see `docs/design/model.md`, "Planning
/// together: the floors' bound"). Must-sees are always kept.
fn within_floor(
    instance: &Instance,
    day: &Day,
    talks: Vec<usize>,
    least: i64,
    bounds: Bounds,
) -> Vec<usize> {
    if talks.is_empty() {
        return talks;
    }
    let bound = ilp::bound::Bound::new(instance, day, talks);
    let mut kept = bound.reaching(least);
    if bounds == Bounds::BrokenForTests {
        // Test-only: drop the best-scoring talk that is not a must-see, which the bound keeps.
        if let Some(k) = kept
            .iter()
            .copied()
            .filter(|&k| !day.items[k].must)
            .max_by_key(|&k| (day.items[k].score, std::cmp::Reverse(k)))
        {
            kept.retain(|&i| i != k);
        }
    }
    kept
}

/// A company variable s_{p,t}: (person, session, s).
type Company = (usize, usize, Variable);

/// The result of one model.
struct Part {
    chosen: Vec<Vec<usize>>,
    floors: Vec<i64>,
    value: i64,
    bound: i64,
    optimal: bool,
    stats: Stats,
}

/// Talks per person and conference day (indices into the day's items), as the model takes them.
type Talks = Vec<BTreeMap<u32, Vec<usize>>>;

/// Builds and solves the model of one part (the conference days `dates`) within `budget`.
///
/// Every person's talks are first cut to those that can keep their floor ([`within_floor`]).
/// Without a time limit or `min_shared`, the value bound ([`reduce`]) then cuts them further,
/// in two steps as the planner does: the model is solved over the core of talks whose bound is
/// near the best possible (and the plans alone); its joint value is a bar no best joint agenda
/// is below, so if every talk whose bound reaches it is in the core, the core's answer is the
/// best; else the model is solved once more over every talk reaching the bar.
fn solve_part(
    people: &[Person],
    dates: &[u32],
    settings: Settings,
    budget: Option<Duration>,
) -> anyhow::Result<Part> {
    let built = Instant::now();
    let meet: BTreeMap<u32, BTreeSet<usize>> = dates
        .iter()
        .map(|&d| (d, worth_meeting(people, d)))
        .collect();
    let meet_all: BTreeSet<usize> = meet.values().flatten().copied().collect();
    let (candidates, scoring) = candidates(people, dates, &meet, settings);
    if let Some(part) = proven(
        people,
        dates,
        (&meet, &meet_all),
        (&candidates, scoring),
        settings,
        built,
    ) {
        return Ok(part);
    }
    if let Some(part) = paired(
        people,
        dates,
        (&meet, &meet_all),
        (&candidates, scoring),
        settings,
        built,
    ) {
        return Ok(part);
    }
    let plain = |talks: &Talks, built: Instant| {
        solve_over(
            people,
            dates,
            (&meet, &meet_all),
            talks,
            settings,
            budget,
            built,
        )
    };
    if settings.time_limit.is_some() || settings.min_shared > 0 || settings.bonus == 0 {
        let mut part = plain(&candidates, built)?;
        part.stats.scoring = scoring;
        part.stats.left_out = scoring - count(&candidates);
        return Ok(part);
    }
    let alone = best_alone(people, dates);
    let target = value_of(people, &alone, dates, &meet_all, settings.bonus);
    let reduction = reduce::relax(people, &candidates, &meet, settings.bonus, target);
    let margin = (reduction.total - target).max(0) / 16;
    let core = with_alone(
        people,
        dates,
        reduction.reaching(reduction.total - margin, people, settings.bounds),
    );
    let first = plain(&core, built)?;
    let kept = reduction.reaching(first.value, people, settings.bounds);
    let mut part = if is_within(&kept, &core) {
        first
    } else {
        let mut second = plain(&with_alone(people, dates, kept.clone()), Instant::now())?;
        second.stats.add_unused(&first.stats);
        second
    };
    part.stats.scoring = scoring;
    part.stats.left_out = scoring - count(&kept);
    Ok(part)
}

/// The part solved without a model, when everyone's best agenda with company free is proven a
/// best joint agenda ([`proof`]); never with `min_shared` or when the models are kept.
fn proven(
    people: &[Person],
    dates: &[u32],
    meet: (&BTreeMap<u32, BTreeSet<usize>>, &BTreeSet<usize>),
    (candidates, scoring): (&Talks, usize),
    settings: Settings,
    built: Instant,
) -> Option<Part> {
    if settings.keep_models || settings.min_shared > 0 {
        return None;
    }
    let chosen = proof::best_if_free_company_is_met(people, dates, meet, candidates, settings)?;
    let value = value_of(people, &chosen, dates, meet.1, settings.bonus);
    let floors = people
        .iter()
        .map(|p| {
            p.instance
                .days
                .iter()
                .filter(|d| dates.contains(&d.index))
                .map(|d| floor(best_alone_on(p, d), settings.min_own))
                .sum()
        })
        .collect();
    let stats = Stats {
        build: built.elapsed(),
        scoring,
        left_out: scoring - count(candidates),
        ..Stats::default()
    };
    Some(Part {
        chosen,
        floors,
        value,
        bound: value,
        optimal: true,
        stats,
    })
}

/// For two people or more on one day, the part from their joint dynamic program ([`pair`]: for
/// two its program over pairs of talks or its sweep in time, for a group of three to eight its
/// sweep in time). Run first with no floor in its state, its optimum is a true upper bound on
/// the joint value; when its best agendas keep every floor they reach that bound, so they are a
/// best joint agenda. Else it is run again with the broken floors in its state (a relaxation
/// still: the other floors are left out), until its best agendas keep them all. Never for
/// parts of several days, `min_shared`, kept models, larger groups or a state too large (then
/// `None`, and the model decides).
fn paired(
    people: &[Person],
    dates: &[u32],
    (meet, meet_all): (&BTreeMap<u32, BTreeSet<usize>>, &BTreeSet<usize>),
    (candidates, scoring): (&Talks, usize),
    settings: Settings,
    built: Instant,
) -> Option<Part> {
    fn day_of<'a>(p: &Person<'a>, d: u32) -> Option<&'a Day> {
        p.instance.days.iter().find(|x| x.index == d)
    }
    let &[d] = dates else { return None };
    if people.len() < 2 || settings.keep_models || settings.min_shared > 0 {
        return None;
    }
    let floors: Vec<i64> = people
        .iter()
        .map(|p| day_of(p, d).map_or(0, |day| floor(best_alone_on(p, day), settings.min_own)))
        .collect();
    let mut tracked = vec![None; people.len()];
    let budget = pair::Budget::new(group_budget(people.len(), settings.time_limit));
    let chosen = loop {
        let best = match tracked[..] {
            [a, b] => pair::best_pair(
                people,
                d,
                &meet[&d],
                candidates,
                (settings.bonus, [a, b]),
                (settings.bounds, settings.pair),
            ),
            _ => pair::best_group(
                people,
                d,
                &meet[&d],
                candidates,
                (settings.bonus, &tracked),
                (settings.bounds, &budget),
            ),
        }?;
        let mut kept = true;
        for (p, person) in people.iter().enumerate() {
            let own: i64 = day_of(person, d)
                .iter()
                .flat_map(|day| &day.items)
                .filter(|i| best.chosen[p].binary_search(&i.session).is_ok())
                .map(|i| i.score)
                .sum();
            if own < floors[p] {
                // Tracked floors are kept by the program's state: a broken one is a bug.
                debug_assert!(tracked[p].is_none(), "a tracked floor broken");
                if tracked[p].is_some() {
                    return None;
                }
                tracked[p] = Some(floors[p]);
                kept = false;
            }
        }
        if kept {
            break best.chosen;
        }
    };
    // The value of the agendas themselves (the program's own optimum is not trusted for it).
    let value = value_of(people, &chosen, dates, meet_all, settings.bonus);
    let stats = Stats {
        build: built.elapsed(),
        scoring,
        left_out: scoring - count(candidates),
        ..Stats::default()
    };
    Some(Part {
        chosen,
        floors,
        value,
        bound: value,
        optimal: true,
        stats,
    })
}

/// The state-steps a group's sweeps in time may take on one day in all ([`pair::Budget`]):
/// [`GROUP_RUNS`] times the cap of one run of three ([`pair::GROUP_CAP`], a sixteenth for each
/// person more), and with a time limit no more than sweep in half of it (about 20 million
/// state-steps a second), so that the model has the rest.
fn group_budget(people: usize, time_limit: Option<Duration>) -> usize {
    let budget = (GROUP_RUNS * pair::GROUP_CAP) >> (4 * people.saturating_sub(3).min(8));
    match time_limit {
        Some(limit) => budget.min((limit.as_secs_f64() * 10_000_000.0) as usize),
        None => budget,
    }
}

/// How many runs at the cap a group's sweeps of one day may take in all: the relaxation of a
/// floor takes a few runs, each far under the cap on the days the sweep suits.
const GROUP_RUNS: usize = 2;

/// Everyone's talks to model on `dates` (see [`modelled`]) cut by their floors
/// ([`within_floor`]), and how many there were before the cut.
fn candidates(
    people: &[Person],
    dates: &[u32],
    meet: &BTreeMap<u32, BTreeSet<usize>>,
    settings: Settings,
) -> (Talks, usize) {
    let mut scoring = 0;
    let talks = people
        .iter()
        .map(|person| {
            person
                .instance
                .days
                .iter()
                .filter(|d| dates.contains(&d.index))
                .map(|day| {
                    let all = modelled(day, &meet[&day.index], settings);
                    scoring += all.len();
                    let f = floor(best_alone_on(person, day), settings.min_own);
                    (
                        day.index,
                        within_floor(person.instance, day, all, f, settings.bounds),
                    )
                })
                .collect()
        })
        .collect();
    (talks, scoring)
}

/// Person's best score alone on `day`, half points.
fn best_alone_on(person: &Person, day: &Day) -> i64 {
    day.items
        .iter()
        .filter(|i| person.alone.chosen.contains(&i.session))
        .map(|i| i.score)
        .sum()
}

/// How many talks `talks` holds over everyone and every day.
fn count(talks: &Talks) -> usize {
    talks.iter().flat_map(|d| d.values()).map(Vec::len).sum()
}

/// Whether every talk of `inner` is in `outer`.
fn is_within(inner: &Talks, outer: &Talks) -> bool {
    inner.iter().zip(outer).all(|(a, b)| {
        a.iter().all(|(d, list)| {
            let other = b.get(d).map_or(&[][..], Vec::as_slice);
            list.iter().all(|k| other.binary_search(k).is_ok())
        })
    })
}

/// `talks` with everyone's best plan alone added (the model starts from it), each list sorted.
fn with_alone(people: &[Person], dates: &[u32], mut talks: Talks) -> Talks {
    for (person, days) in people.iter().zip(&mut talks) {
        for day in person
            .instance
            .days
            .iter()
            .filter(|d| dates.contains(&d.index))
        {
            let list = days.entry(day.index).or_default();
            list.extend(
                (0..day.items.len())
                    .filter(|&k| person.alone.chosen.contains(&day.items[k].session)),
            );
            list.sort_unstable();
            list.dedup();
        }
    }
    talks
}

/// Builds and solves the model over `talks` (per person and day) within `budget`, timed from
/// `built`.
fn solve_over(
    people: &[Person],
    dates: &[u32],
    (meet, meet_all): (&BTreeMap<u32, BTreeSet<usize>>, &BTreeSet<usize>),
    talks: &Talks,
    settings: Settings,
    budget: Option<Duration>,
    built: Instant,
) -> anyhow::Result<Part> {
    let (model, objective, company) = build_model(people, dates, meet, meet_all, talks, settings)?;
    let anything = !model.hint.is_empty() || !company.is_empty();
    let key = model_file::key_of(dates);
    let recorded = (anything && settings.keep_models).then(|| {
        (
            kept_model(&model, &objective, &company, &key, settings),
            objective.clone(),
        )
    });
    let mut stats = Stats {
        variables: model.vars.len(),
        constraints: model.constraints.len(),
        ..Stats::default()
    };
    if !anything {
        stats.build = built.elapsed();
        return Ok(Part {
            chosen: vec![Vec::new(); people.len()],
            floors: model.floors,
            value: 0,
            bound: 0,
            optimal: true,
            stats,
        });
    }
    let Model {
        vars,
        constraints,
        mine,
        floors,
        most_switches,
        hint,
        fallback_bound,
        ..
    } = model;
    let result = solve_microlp(
        vars,
        constraints,
        objective,
        hint,
        budget,
        built,
        &mut stats,
    );
    if let (Some((mut kept, objective)), Ok(solution)) = (recorded, &result) {
        kept.optimum = Some(objective.eval_with(solution));
        stats.models.push(kept);
    }
    let (chosen, optimal, solver_bound) = read_result(
        result,
        &mine,
        people,
        dates,
        settings,
        budget,
        most_switches,
    )?;
    let value = value_of(people, &chosen, dates, meet_all, settings.bonus);
    let bound = if optimal {
        value
    } else {
        solver_bound
            .map_or(fallback_bound, |b| b.min(fallback_bound))
            .max(value)
    };
    Ok(Part {
        chosen,
        floors,
        value,
        bound,
        optimal,
        stats,
    })
}

/// Builds the model of a part: everyone's networks and floors, the objective with company
/// (when `--bonus` values it) and the `min_shared` rows. Returns it with its objective and
/// its company variables (person, session, s).
fn build_model<'a>(
    people: &[Person<'a>],
    dates: &[u32],
    meet: &BTreeMap<u32, BTreeSet<usize>>,
    meet_all: &BTreeSet<usize>,
    talks: &Talks,
    settings: Settings,
) -> anyhow::Result<(Model<'a>, Expression, Vec<Company>)> {
    let mut model = Model::new(people.len());
    for (p, person) in people.iter().enumerate() {
        model.add_person(p, person, dates, meet, &talks[p], settings);
    }
    let big_p = model.most_switches as f64 + 1.0;
    let mut objective = model.scores_and_switches(big_p);
    let (by_session, minutes) = who_may_attend(&model.mine);
    let company = if settings.bonus > 0 {
        model.add_company(
            &mut objective,
            &by_session,
            &minutes,
            meet_all,
            big_p,
            settings,
        )
    } else {
        Vec::new()
    };
    min_shared(
        &mut model.vars,
        &mut model.constraints,
        &by_session,
        people.len(),
        settings.min_shared,
        &model.mine,
    )?;
    Ok((model, objective, company))
}

/// The model of a part as it is about to be solved, with readable names (see [`model_file`]),
/// for `--write-model`.
fn kept_model(
    model: &Model,
    objective: &Expression,
    company: &[(usize, usize, Variable)],
    key: &str,
    settings: Settings,
) -> model_file::Model {
    let mut names: HashMap<Variable, model_file::Name> = HashMap::new();
    for (p, parts) in model.mine.iter().enumerate() {
        for m in parts {
            for (&k, &x) in m.talks.iter().zip(&m.x) {
                let prefix = format!("x_p{}_d{}_", p + 1, m.day.index);
                let session = m.day.items[k].session;
                names.insert(x, model_file::Name::Session { prefix, session });
            }
        }
    }
    for (n, &a) in model.arrivals.iter().enumerate() {
        names.insert(a, model_file::Name::Plain(format!("a{}", n + 1)));
    }
    for &(p, session, s) in company {
        let prefix = format!("s_p{}_", p + 1);
        names.insert(s, model_file::Name::Session { prefix, session });
    }
    let big_p = model.most_switches as f64 + 1.0;
    let mut kept = model_file::Model::of(&model.vars, &names, objective, &model.constraints);
    kept.key = key.to_string();
    kept.joint = true;
    kept.title = format!("planning together, {}", key.replace("day", "day "));
    kept.switch_weight = big_p;
    kept.notes = vec![
        format!(
            "Maximise P x (60 x score in half points + W x minutes together) - room switches, P = {big_p}, W = {}.",
            settings.bonus
        ),
        "x_p<person>_d<day>_<session>: the person attends it; s_p<person>_<session>: with a friend;"
            .to_string(),
        "a<n>: arrivals (room switches); f<n>: other arcs. Persons in the order given.".to_string(),
    ];
    kept
}

/// Solves with microlp from the `hint` (the best plans alone) within `budget`, recording the
/// build and solve times in `stats`.
fn solve_microlp(
    vars: ProblemVariables,
    constraints: Vec<good_lp::Constraint>,
    objective: Expression,
    hint: Vec<(Variable, f64)>,
    budget: Option<Duration>,
    built: Instant,
    stats: &mut Stats,
) -> Result<good_lp::solvers::microlp::MicroLpSolution, ResolutionError> {
    let mut problem = vars
        .maximise(objective)
        .using(good_lp::microlp)
        .with_initial_solution(hint);
    if let Some(b) = budget {
        problem = problem.with_time_limit(b.as_secs_f64());
    }
    for c in constraints {
        problem.add_constraint(c);
    }
    stats.build = built.elapsed();
    let solving = Instant::now();
    let result = problem.solve();
    stats.solve = solving.elapsed();
    result
}

/// One part's model as it is built: its variables and rows, each person's networks, and what
/// the objective, the starting agenda and the bounds need.
struct Model<'a> {
    vars: ProblemVariables,
    constraints: Vec<good_lp::Constraint>,
    /// Per person, their modelled days.
    mine: Vec<Vec<Mine<'a>>>,
    /// The arrival arcs a of everyone's networks.
    arrivals: Vec<Variable>,
    /// Per person, the sum of their floors F_{p,d} over the part's days.
    floors: Vec<i64>,
    /// The most switches all agendas of the part can have together (P − 1).
    most_switches: usize,
    /// The best plans alone, as a starting solution.
    hint: Vec<(Variable, f64)>,
    /// Σ_p (60·best alone + W·the most minutes p can sit in talks of I): the bound when
    /// microlp has none.
    fallback_bound: i64,
}

impl<'a> Model<'a> {
    /// An empty model for `people` persons.
    fn new(people: usize) -> Self {
        Model {
            vars: ProblemVariables::new(),
            constraints: Vec::new(),
            mine: Vec::new(),
            arrivals: Vec::new(),
            floors: vec![0; people],
            most_switches: 0,
            hint: Vec::new(),
            fallback_bound: 0,
        }
    }

    /// Adds person `p`'s network and floor for each of their days in `dates`, and the rows
    /// keeping those days apart.
    fn add_person(
        &mut self,
        p: usize,
        person: &Person<'a>,
        dates: &[u32],
        meet: &BTreeMap<u32, BTreeSet<usize>>,
        talks: &BTreeMap<u32, Vec<usize>>,
        settings: Settings,
    ) {
        let mut parts = Vec::new();
        let mut nets = Vec::new();
        for day in person
            .instance
            .days
            .iter()
            .filter(|d| dates.contains(&d.index))
        {
            let mine = talks.get(&day.index).cloned().unwrap_or_default();
            let net = self.add_day(p, person, day, &meet[&day.index], mine, settings);
            nets.push((day, net));
        }
        // One person is in one place: talks of different conference days apart in real time.
        let pairs: Vec<_> = nets.iter().map(|(d, n)| (*d, n)).collect();
        self.constraints
            .extend(ilp::cross_day_rows(person.instance, &pairs));
        for (day, net) in nets {
            self.arrivals.extend(net.arrivals);
            self.constraints.extend(net.constraints);
            parts.push(Mine {
                day,
                talks: net.talks,
                x: net.x,
            });
        }
        self.mine.push(parts);
    }

    /// Person `p`'s network for `day` with its floor row Σ_t score_{p,t}·x_{p,t} ≥ F_{p,d},
    /// their best plan alone as the hint, and their share of P and of the fallback bound.
    fn add_day(
        &mut self,
        p: usize,
        person: &Person<'a>,
        day: &'a Day,
        meet: &BTreeSet<usize>,
        talks: Vec<usize>,
        settings: Settings,
    ) -> ilp::Network {
        let best = best_alone_on(person, day);
        let f = floor(best, settings.min_own);
        let net = ilp::network(&mut self.vars, person.instance, day, talks);
        self.floors[p] += f;
        if !net.x.is_empty() {
            let mut own = Expression::with_capacity(net.x.len());
            for (&k, &x) in net.talks.iter().zip(&net.x) {
                own.add_mul(day.items[k].score as f64, x);
                let alone = person.alone.chosen.contains(&day.items[k].session);
                self.hint.push((x, if alone { 1.0 } else { 0.0 }));
            }
            self.constraints.push(own.geq(f as f64));
        }
        let fit = ilp::most_disjoint(&day.items, &net.talks).saturating_sub(1);
        self.most_switches += person
            .instance
            .max_switches
            .map_or(fit, |k| fit.min(k as usize));
        let meeting_minutes = most_minutes(&day.items, &net.talks, meet);
        self.fallback_bound += 60 * best + settings.bonus * meeting_minutes;
        net
    }

    /// The objective without company: P·60·Σ_{p,t} score_{p,t}·x_{p,t} − Σ_p Σ a_p.
    fn scores_and_switches(&self, big_p: f64) -> Expression {
        let mut objective = Expression::with_capacity(self.hint.len() * 2 + self.arrivals.len());
        for parts in &self.mine {
            for m in parts {
                for (&k, &x) in m.talks.iter().zip(&m.x) {
                    objective.add_mul(big_p * 60.0 * m.day.items[k].score as f64, x);
                }
            }
        }
        for &a in &self.arrivals {
            objective.add_mul(-1.0, a);
        }
        objective
    }

    /// The company variables s_{p,t} for every talk t of I two or more people may attend, with
    /// s_{p,t} ≤ x_{p,t} and s_{p,t} ≤ Σ_{q≠p} x_{q,t}, each worth P·W·minutes_t in `objective`.
    /// Returns (person, session, s).
    fn add_company(
        &mut self,
        objective: &mut Expression,
        by_session: &BTreeMap<usize, Vec<(usize, Variable)>>,
        minutes: &BTreeMap<usize, i64>,
        meet_all: &BTreeSet<usize>,
        big_p: f64,
        settings: Settings,
    ) -> Vec<(usize, usize, Variable)> {
        let mut company = Vec::new();
        for (&t, who) in by_session
            .iter()
            .filter(|(t, w)| w.len() > 1 && meet_all.contains(t))
        {
            let weight = big_p * (settings.bonus * minutes[&t]) as f64;
            for &(p, x) in who {
                // No upper bound: s ≤ x keeps it at most 1, and without the bound microlp's
                // dual simplex needed 40 % fewer iterations (FOSDEM 2025, three people).
                let s = self.vars.add(variable().min(0));
                self.constraints.push((Expression::from(s) - x).leq(0.0));
                let mut friends = Expression::from(s);
                for &(q, y) in who {
                    if q != p {
                        friends.add_mul(-1.0, y);
                    }
                }
                self.constraints.push(friends.leq(0.0));
                objective.add_mul(weight, s);
                company.push((p, t, s));
            }
        }
        company
    }
}

/// Everyone's agenda from microlp's `result`, whether it is proven optimal, and microlp's bound
/// on the joint value: value ≤ (bound + most switches) / P. Out of time before microlp adopted
/// any agenda (without `min_shared`), everyone keeps their best plan alone.
fn read_result(
    result: Result<good_lp::solvers::microlp::MicroLpSolution, ResolutionError>,
    mine: &[Vec<Mine>],
    people: &[Person],
    dates: &[u32],
    settings: Settings,
    budget: Option<Duration>,
    most_switches: usize,
) -> anyhow::Result<(Vec<Vec<usize>>, bool, Option<i64>)> {
    let big_p = most_switches as f64 + 1.0;
    match result {
        Ok(solution) => {
            let chosen: Vec<Vec<usize>> = mine
                .iter()
                .map(|parts| {
                    let mut c: Vec<usize> = parts
                        .iter()
                        .flat_map(|m| {
                            m.talks
                                .iter()
                                .zip(&m.x)
                                .filter(|(_, x)| solution.value(**x) > 0.5)
                                .map(|(&k, _)| m.day.items[k].session)
                        })
                        .collect();
                    c.sort_unstable();
                    c
                })
                .collect();
            let inner = solution.into_inner();
            let optimal = inner.status() == microlp::SolutionStatus::Optimal;
            let bound = inner
                .stats()
                .best_bound
                .map(|b| ((b + most_switches as f64) / big_p + 1e-6).floor() as i64);
            Ok((chosen, optimal, bound))
        }
        Err(ResolutionError::Infeasible) => Err(Error::JointInfeasible {
            min_shared: settings.min_shared,
            shareable: None,
        }
        .into()),
        // Out of time before microlp adopted any agenda: keep everyone's best plan alone.
        Err(ResolutionError::Other(_)) if budget.is_some() && settings.min_shared == 0 => {
            Ok((best_alone(people, dates), false, None))
        }
        Err(e) => Err(Error::Solver {
            on: "the joint plan".to_string(),
            reason: e.to_string(),
        }
        .into()),
    }
}

/// Everyone's best plan alone on `dates`, each sorted.
fn best_alone(people: &[Person], dates: &[u32]) -> Vec<Vec<usize>> {
    people
        .iter()
        .map(|p| {
            let mut c: Vec<usize> = p
                .instance
                .days
                .iter()
                .filter(|d| dates.contains(&d.index))
                .flat_map(|d| &d.items)
                .filter(|i| p.alone.chosen.contains(&i.session))
                .map(|i| i.session)
                .collect();
            c.sort_unstable();
            c
        })
        .collect()
}

/// Who may attend each session: session → [(person, x)], and each session's minutes.
#[allow(clippy::type_complexity)]
fn who_may_attend(
    mine: &[Vec<Mine>],
) -> (
    BTreeMap<usize, Vec<(usize, Variable)>>,
    BTreeMap<usize, i64>,
) {
    let mut by_session: BTreeMap<usize, Vec<(usize, Variable)>> = BTreeMap::new();
    let mut minutes: BTreeMap<usize, i64> = BTreeMap::new();
    for (p, parts) in mine.iter().enumerate() {
        for m in parts {
            for (&k, &x) in m.talks.iter().zip(&m.x) {
                let it = &m.day.items[k];
                by_session.entry(it.session).or_default().push((p, x));
                minutes.insert(it.session, it.end - it.start);
            }
        }
    }
    (by_session, minutes)
}

/// The joint value of chosen agendas on `dates`: 60·Σ scores + W·Σ_p minutes p spends in talks
/// of `meet` with a friend.
fn value_of(
    people: &[Person],
    chosen: &[Vec<usize>],
    dates: &[u32],
    meet: &BTreeSet<usize>,
    bonus: i64,
) -> i64 {
    let mut value = 0;
    for (p, person) in people.iter().enumerate() {
        for day in person
            .instance
            .days
            .iter()
            .filter(|d| dates.contains(&d.index))
        {
            for it in day.items.iter().filter(|i| chosen[p].contains(&i.session)) {
                value += 60 * it.score;
                let with_friend =
                    (0..people.len()).any(|q| q != p && chosen[q].contains(&it.session));
                if with_friend && meet.contains(&it.session) {
                    value += bonus * (it.end - it.start);
                }
            }
        }
    }
    value
}

/// The most minutes one can sit in talks of `meet` among `talks` without overlap (weighted
/// interval scheduling by length).
fn most_minutes(items: &[Item], talks: &[usize], meet: &BTreeSet<usize>) -> i64 {
    let mut by_end: Vec<&Item> = talks
        .iter()
        .map(|&k| &items[k])
        .filter(|i| meet.contains(&i.session))
        .collect();
    by_end.sort_by_key(|i| (i.end, i.start));
    let mut best: Vec<i64> = Vec::with_capacity(by_end.len());
    for (k, it) in by_end.iter().enumerate() {
        let before = by_end[..k].partition_point(|o| o.end <= it.start);
        let prev = if before == 0 { 0 } else { best[before - 1] };
        let take = prev + (it.end - it.start);
        let skip = if k == 0 { 0 } else { best[k - 1] };
        best.push(take.max(skip));
    }
    best.last().copied().unwrap_or(0)
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
/// The third family is implied by the others for whole numbers; it closes most of the gap of
/// the linear relaxation, so an impossible N is proven impossible quickly.
fn min_shared(
    vars: &mut ProblemVariables,
    constraints: &mut Vec<good_lp::Constraint>,
    by_session: &BTreeMap<usize, Vec<(usize, Variable)>>,
    people: usize,
    n: u32,
    mine: &[Vec<Mine>],
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
        return Err(Error::JointInfeasible {
            min_shared: n,
            shareable: Some(candidates.len()),
        }
        .into());
    }
    // Start and end of every session, in minutes of the conference's one clock.
    let mut when: BTreeMap<usize, (i64, i64)> = BTreeMap::new();
    for parts in mine {
        for m in parts {
            for &k in &m.talks {
                let it = &m.day.items[k];
                when.insert(it.session, (it.start, it.end));
            }
        }
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
    let mut starts: Vec<i64> = candidates.iter().map(|&(t, _)| when[&t].0).collect();
    starts.sort_unstable();
    starts.dedup();
    for tau in starts {
        let running: Vec<Variable> = z_of
            .iter()
            .filter(|(t, _)| {
                let (s, e) = when[t];
                s <= tau && tau < e
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

#[cfg(test)]
mod tests {
    use super::{Duration, GROUP_RUNS, floor, group_budget, pair};

    #[test]
    fn a_groups_sweeps_take_a_few_runs_caps_in_all_and_half_a_time_limit_at_most() {
        let all = GROUP_RUNS * pair::GROUP_CAP;
        assert_eq!(group_budget(3, None), all);
        assert_eq!(group_budget(4, None), all / 16);
        assert_eq!(group_budget(8, None), all >> 20);
        assert_eq!(group_budget(3, Some(Duration::from_secs(1))), 10_000_000);
        assert_eq!(group_budget(3, Some(Duration::from_millis(100))), 1_000_000);
        assert_eq!(group_budget(3, Some(Duration::from_secs(60))), all);
    }

    #[test]
    fn the_floor_keeps_a_share_of_a_positive_best_and_loses_little_of_a_negative_one() {
        assert_eq!(floor(10, 80), 8);
        assert_eq!(floor(11, 80), 9, "⌈0.8·11⌉");
        assert_eq!(floor(0, 80), 0);
        assert_eq!(floor(-10, 80), -12);
        assert_eq!(floor(7, 100), 7);
        assert_eq!(floor(7, 0), 0);
    }
}
