//! Benchmarks of the planner: the integer program against the reference dynamic program on the
//! embedded schedule and on generated conferences of growing size (`agenda bench`).
//!
//! Everything here is plain library code: [`run`] takes a list of [`Case`]s and [`Settings`] and
//! returns one [`Row`] per case; the command adds the progress bar and chooses the writer
//! (`crate::export`: the table, JSON, CSV and the SVG plot). Only the measured times
//! differ between two runs with the same arguments.

pub mod run_folder;
pub mod solvers;
pub mod together;

pub use crate::export::bench::{Row, ms};

use crate::generate::{self, Params};
use crate::plan::{self, Plan};
use crate::prefs;
use crate::prefs::{Interests, Limits, Request, Weighted};
use crate::schedule::{Schedule, ron_format};
use crate::solve::{self, Instance};
use crate::timing::{Stage, Stages};
use std::time::{Duration, Instant};

/// Talk counts of the default ladder of generated conferences.
pub const DEFAULT_SIZES: [usize; 6] = [100, 250, 500, 1000, 2000, 4000];
/// Days of every generated conference.
pub const DEFAULT_DAYS: usize = 2;
/// Talks per room and day of a generated conference when `--rooms` is not given: FOSDEM 2025
/// has 1,105 events in 35 rooms over 2 days, about 16 per room and day.
pub const TALKS_PER_ROOM_DAY: usize = 16;
/// The interests used when none are given: popular topics of both the embedded schedule and the
/// generated vocabulary, with mixed weights.
pub const DEFAULT_LIKES: &str = "security=3,kernel=2,containers=2,systemd=2,rust,boot,networking";

/// One schedule to benchmark.
#[derive(Debug, Clone)]
pub struct Case {
    /// Its name in the table: `embedded`, a file name, or `gen-1000`.
    pub name: String,
    /// The schedule's text as a file holds it (RON, JSON or XML): every timed run reads it.
    pub text: String,
}

impl Case {
    /// A case of a schedule held in memory, read back from its RON text on every run.
    pub fn from_schedule(name: impl Into<String>, schedule: &Schedule) -> anyhow::Result<Case> {
        Ok(Case {
            name: name.into(),
            text: ron_format::write(schedule)?,
        })
    }

    /// The schedule, read once (warnings dropped, errors kept).
    pub fn schedule(&self) -> anyhow::Result<Schedule> {
        let (schedule, problems) = crate::import::read(&self.text, &self.name)?;
        crate::schedule::validate::fail_on_errors(&problems)?;
        Ok(schedule)
    }
}

/// How to benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Interests to plan for.
    pub likes: Vec<Weighted>,
    /// Room-switch limit per day (`None`: no limit).
    pub max_switches: Option<u32>,
    /// Timed runs per method and case (at least 1).
    pub repeat: usize,
    /// Solvers to compare in one table (`--solver`; empty: the ladder table of microlp
    /// against the DP).
    pub solvers: Vec<solvers::Solver>,
    /// Walking times between buildings (`--walk`); `None`: changing rooms takes no time.
    pub walking: Option<crate::prefs::venue::Venue>,
}

impl Settings {
    /// The planning request the settings stand for.
    pub fn request(&self) -> Request {
        Request {
            interests: Interests {
                likes: self.likes.clone(),
                ..Interests::default()
            },
            limits: Limits {
                max_switches: self.max_switches,
                walking: self.walking.clone(),
                ..Limits::default()
            },
        }
    }
}

/// The interests of [`DEFAULT_LIKES`], or of the `--likes` given.
pub fn likes(given: &[String]) -> anyhow::Result<Vec<Weighted>> {
    if given.is_empty() {
        prefs::interests::parse_weighted(&[DEFAULT_LIKES.to_string()], 1, true, "like")
    } else {
        prefs::interests::parse_weighted(given, 1, true, "like")
    }
}

/// Rooms of a generated conference of `talks` talks when none are asked for.
pub fn default_rooms(talks: usize) -> usize {
    talks.div_ceil(TALKS_PER_ROOM_DAY * DEFAULT_DAYS).max(2)
}

/// The ladder of generated conferences: one per size, `rooms` rooms (or [`default_rooms`]).
pub fn ladder(sizes: &[usize], rooms: Option<usize>, seed: u64) -> anyhow::Result<Vec<Case>> {
    ladder_with(sizes, rooms, seed, false)
}

/// [`ladder`], with days that run past midnight when `nights` (`generate --nights`); the cases
/// are then named `gen-N-nights`.
pub fn ladder_with(
    sizes: &[usize],
    rooms: Option<usize>,
    seed: u64,
    nights: bool,
) -> anyhow::Result<Vec<Case>> {
    sizes
        .iter()
        .map(|&talks| {
            let params = Params {
                talks,
                rooms: rooms.unwrap_or_else(|| default_rooms(talks)),
                days: DEFAULT_DAYS,
                seed,
                nights,
            };
            let schedule = generate::generate(&params).map_err(|e| {
                if rooms.is_some() {
                    return e;
                }
                crate::error::bad_input(format!(
                    "--sizes {talks}: the generated conference gets {} rooms (about {TALKS_PER_ROOM_DAY} talks per room and day over {DEFAULT_DAYS} days, as --rooms was not given), and that fails: {e:#}; give --rooms, or a smaller size",
                    params.rooms
                ))
            })?;
            Case::from_schedule(
                format!("gen-{talks}{}", if nights { "-nights" } else { "" }),
                &schedule,
            )
        })
        .collect()
}

/// The solver instance of a schedule under the settings.
pub fn instance(schedule: &Schedule, settings: &Settings) -> anyhow::Result<Instance> {
    plan::prepare(schedule, &settings.request())
}

/// The request every case is planned for (see [`Settings::request`]).
pub fn request(settings: &Settings) -> Request {
    settings.request()
}

/// The median of some durations (the lower middle one for an even count).
pub fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times
        .get((times.len().max(1) - 1) / 2)
        .copied()
        .unwrap_or_default()
}

/// What one run of the whole pipeline measured and found.
#[derive(Debug, Clone)]
pub struct Run {
    /// Time per stage.
    pub stages: Stages,
    /// The agenda.
    pub plan: Plan,
    /// The schedule as read.
    pub schedule: Schedule,
}

/// One run of what `agenda plan --format json` does, read to write, timed per stage.
///
/// An interest that matches nothing in the schedule is checked (and timed) like in `plan`, but
/// is no reason to stop a benchmark.
pub fn pipeline(case: &Case, request: &Request) -> anyhow::Result<Run> {
    let (schedule, problems, mut stages) = crate::import::read_timed(&case.text, &case.name)?;
    crate::schedule::validate::fail_on_errors(&problems)?;
    let scores = stages.time(Stage::Score, || {
        // As `plan` does: on the texts the import tokenised, check the interests and score.
        let _known = prefs::interests::check_known(&schedule, &request.interests);
        prefs::interests::score_all(&schedule, &request.interests)
    });
    // Built, solved and verified (each stage timed in there).
    let plan = plan::plan_scored(&schedule, request, scores, false)?;
    stages.add_all(&plan.stages);
    let mut json = Vec::new();
    stages.time(Stage::Write, || {
        crate::export::json::plan::write(
            &mut json,
            &schedule,
            request,
            &plan,
            None,
            crate::output::DisplayZone::Conference,
        )
    })?;
    Ok(Run {
        stages,
        plan,
        schedule,
    })
}

/// Benchmarks one case: `repeat` runs of the whole pipeline (the integer program included) and
/// of the dynamic program. `tick` is called after every run.
pub fn run_case(case: &Case, settings: &Settings, tick: &mut dyn FnMut()) -> anyhow::Result<Row> {
    let request = settings.request();
    let repeat = settings.repeat.max(1);
    let mut runs: Vec<Stages> = Vec::with_capacity(repeat);
    let mut solves = Vec::with_capacity(repeat);
    let mut builds = Vec::with_capacity(repeat);
    let mut last = None;
    for _ in 0..repeat {
        let run = pipeline(case, &request)?;
        runs.push(run.stages);
        solves.push(run.plan.stats.solve);
        builds.push(run.plan.stats.build);
        last = Some(run);
        tick();
    }
    let Run { plan, schedule, .. } = last.ok_or_else(|| anyhow::anyhow!("no run"))?;
    let instance = &plan.instance;
    let mut dps = Vec::with_capacity(repeat);
    let mut dp = solve::Solution::default();
    for _ in 0..repeat {
        let started = Instant::now();
        dp = solve::dp::solve(instance)?;
        dps.push(started.elapsed());
        tick();
    }
    let switches = |s: &[u32]| s.iter().map(|&n| u64::from(n)).sum::<u64>();
    let ilp_switches: u64 = plan.switches.values().map(|&n| u64::from(n)).sum();
    let same = (plan.total, ilp_switches) == (dp.total, switches(&dp.switches));
    let stage = |stage: Stage| median(&mut runs.iter().map(|r| r.get(stage)).collect::<Vec<_>>());
    Ok(Row {
        case: case.name.clone(),
        talks: schedule
            .sessions
            .iter()
            .filter(|x| x.kind.is_plannable())
            .count(),
        rooms: schedule.conference.rooms.len(),
        days: schedule.days().len(),
        candidates: instance.days.iter().map(|d| d.items.len()).sum(),
        variables: plan.stats.variables,
        constraints: plan.stats.constraints,
        left_out: plan.stats.left_out,
        read: stage(Stage::Read),
        topics: stage(Stage::Topics),
        score: stage(Stage::Score),
        build: median(&mut builds),
        build_stage: stage(Stage::Build),
        solve_min: solves.iter().copied().min().unwrap_or_default(),
        solve_max: solves.iter().copied().max().unwrap_or_default(),
        solve_median: median(&mut solves),
        verify: stage(Stage::Verify),
        write: stage(Stage::Write),
        total: median(&mut runs.iter().map(Stages::total).collect::<Vec<_>>()),
        dp: median(&mut dps),
        ilp_total: plan.total,
        dp_total: dp.total,
        same_optimum: same,
    })
}

/// Benchmarks every case in order.
pub fn run(
    cases: &[Case],
    settings: &Settings,
    tick: &mut dyn FnMut(),
) -> anyhow::Result<Vec<Row>> {
    cases.iter().map(|c| run_case(c, settings, tick)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_takes_the_lower_middle() {
        let d = Duration::from_millis;
        assert_eq!(median(&mut [d(3), d(1), d(2)]), d(2));
        assert_eq!(median(&mut [d(4), d(1), d(3), d(2)]), d(2));
        assert_eq!(median(&mut []), Duration::ZERO);
    }

    #[test]
    fn default_rooms_follow_fosdem_density() {
        assert_eq!(default_rooms(1105), 35);
        assert_eq!(default_rooms(10), 2);
        assert_eq!(default_rooms(4000), 125);
    }
}
