//! Benchmarks of the planner: the integer program against the reference dynamic program on the
//! embedded schedule and on generated conferences of growing size (`agenda bench`).
//!
//! Everything here is plain library code: [`run`] takes a list of [`Case`]s and [`Settings`] and
//! returns one [`Row`] per case; the command adds the progress bar and chooses the writer
//! ([`write_table`], [`write_json`], [`write_csv`], [`plot::svg`]). Only the measured times
//! differ between two runs with the same arguments.

pub mod plot;
pub mod together;

use crate::generate::{self, Params};
use crate::plan::{self, Plan};
use crate::prefs;
use crate::prefs::{Interests, Limits, Request, Weighted};
use crate::schedule::{Schedule, ron_format};
use crate::solve::ilp::Backend;
use crate::solve::{self, Instance};
use crate::timing::{self, Stage, Stages};
use serde::Serialize;
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
    /// Also solve with this second integer-program backend and compare (e.g. HiGHS).
    pub second: Option<Backend>,
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

/// The measurements of one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Case name.
    pub case: String,
    /// Plannable sessions in the schedule.
    pub talks: usize,
    /// Rooms.
    pub rooms: usize,
    /// Days with sessions.
    pub days: usize,
    /// Candidate sessions the solvers see (after breaks and avoided talks are taken out).
    pub candidates: usize,
    /// Integer-program variables.
    pub variables: usize,
    /// Integer-program constraints.
    pub constraints: usize,
    /// Candidate sessions the integer program's bound left out of the model (they cannot be
    /// in a best agenda).
    pub left_out: usize,
    /// Reading the file into sessions, topic derivation excluded (median over the runs).
    #[serde(rename = "read_ms", serialize_with = "millis")]
    pub read: Duration,
    /// Deriving imported talks' topics (median; zero for RON, whose topics are written out).
    #[serde(rename = "topics_ms", serialize_with = "millis")]
    pub topics: Duration,
    /// Checking the interests and scoring every session (median).
    #[serde(rename = "score_ms", serialize_with = "millis")]
    pub score: Duration,
    /// Building the integer program from the solver instance (median over the runs).
    #[serde(rename = "build_ms", serialize_with = "millis")]
    pub build: Duration,
    /// The build stage: the solver instance (scores to candidates per day) and the integer
    /// program (median).
    #[serde(rename = "build_stage_ms", serialize_with = "millis")]
    pub build_stage: Duration,
    /// Solve time of the integer program: fastest run.
    #[serde(rename = "solve_min_ms", serialize_with = "millis")]
    pub solve_min: Duration,
    /// Solve time of the integer program: median run.
    #[serde(rename = "solve_median_ms", serialize_with = "millis")]
    pub solve_median: Duration,
    /// Solve time of the integer program: slowest run.
    #[serde(rename = "solve_max_ms", serialize_with = "millis")]
    pub solve_max: Duration,
    /// Checking the agenda against the instance, apart from the model (median).
    #[serde(rename = "verify_ms", serialize_with = "millis")]
    pub verify: Duration,
    /// Writing the agenda as JSON into memory (median).
    #[serde(rename = "write_ms", serialize_with = "millis")]
    pub write: Duration,
    /// Read to write, one whole run (median of the runs' totals).
    #[serde(rename = "total_ms", serialize_with = "millis")]
    pub total: Duration,
    /// Time of the reference dynamic program (median run).
    #[serde(rename = "dp_ms", serialize_with = "millis")]
    pub dp: Duration,
    /// Optimum found by the integer program (half points).
    pub ilp_total: i64,
    /// Optimum found by the dynamic program (half points).
    pub dp_total: i64,
    /// Solve time of the second backend (median run), when one was asked for.
    #[serde(rename = "second_solve_median_ms", serialize_with = "millis_opt")]
    pub second_solve: Option<Duration>,
    /// Optimum found by the second backend, when one was asked for.
    pub second_total: Option<i64>,
    /// Whether every method found the same (score, switches) optimum.
    pub same_optimum: bool,
}

impl Row {
    /// The integer program's time (build + solve, medians) over the dynamic program's.
    pub fn ilp_over_dp(&self) -> f64 {
        let dp = self.dp.as_secs_f64();
        if dp > 0.0 {
            (self.build + self.solve_median).as_secs_f64() / dp
        } else {
            f64::INFINITY
        }
    }
}

fn millis_opt<S: serde::Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&ms(*d)),
        None => s.serialize_none(),
    }
}

pub(crate) fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(ms(*d))
}

/// A duration in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
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
    timing::take();
    let (schedule, problems) = timing::time_excluding(Stage::Read, Stage::Topics, || {
        crate::import::read(&case.text, &case.name)
    })?;
    crate::schedule::validate::fail_on_errors(&problems)?;
    let scores = timing::time(Stage::Score, || {
        // As `plan` does: on the texts the import tokenised, check the interests and score.
        let _known = prefs::interests::check_known(&schedule, &request.interests);
        prefs::interests::score_all(&schedule, &request.interests)
    });
    // Built, solved and verified (each stage timed in there).
    let plan = plan::plan_scored(&schedule, request, scores)?;
    let mut json = Vec::new();
    timing::time(Stage::Write, || {
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
        stages: timing::take(),
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
    let mut second = None;
    if let Some(backend) = settings.second {
        let mut times = Vec::with_capacity(repeat);
        let mut found = solve::Solution::default();
        for _ in 0..repeat {
            found = solve::ilp::solve_with(instance, backend)?;
            times.push(found.stats.solve);
            tick();
        }
        second = Some((median(&mut times), found));
    }
    let same = (plan.total, ilp_switches) == (dp.total, switches(&dp.switches))
        && second.as_ref().is_none_or(|(_, s)| {
            (s.total, switches(&s.switches)) == (dp.total, switches(&dp.switches))
        });
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
        second_solve: second.as_ref().map(|(t, _)| *t),
        second_total: second.as_ref().map(|(_, s)| s.total),
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

/// Milliseconds with about four significant digits, so that columns stay narrow.
fn fmt_ms(d: Duration) -> String {
    let v = ms(d);
    match v {
        v if v < 10.0 => format!("{v:.3}"),
        v if v < 100.0 => format!("{v:.2}"),
        v if v < 1000.0 => format!("{v:.1}"),
        v => format!("{v:.0}"),
    }
}

/// Writes the rows as two tables, times in milliseconds: the solvers side by side, then where
/// the time of one whole run goes, stage by stage.
pub fn write_table(
    out: &mut dyn std::io::Write,
    rows: &[Row],
    settings: &Settings,
) -> anyhow::Result<()> {
    writeln!(out, "{}", solver_table(rows, settings))?;
    writeln!(out, "{}", stage_table(rows))?;
    write_notes(out, settings)
}

/// The solvers side by side: the model's size, build and solve times, the DP's time, the second
/// backend's (when one was measured) and whether they found the same optimum.
fn solver_table(rows: &[Row], settings: &Settings) -> comfy_table::Table {
    let second = rows.iter().any(|r| r.second_solve.is_some());
    let second_header = format!("{} med", settings.second.map_or("", Backend::name));
    let mut header = vec![
        "Case",
        "Talks",
        "Rooms",
        "Vars",
        "Cons",
        "Build",
        "Solve min",
        "Solve med",
        "Solve max",
        "DP",
    ];
    if second {
        header.push(&second_header);
    }
    header.push("Same");
    let mut table = crate::output::new_table(&header);
    for r in rows {
        let mut cells = vec![
            r.case.clone(),
            r.talks.to_string(),
            r.rooms.to_string(),
            r.variables.to_string(),
            r.constraints.to_string(),
            fmt_ms(r.build),
            fmt_ms(r.solve_min),
            fmt_ms(r.solve_median),
            fmt_ms(r.solve_max),
            fmt_ms(r.dp),
        ];
        if second {
            cells.push(r.second_solve.map_or(String::new(), fmt_ms));
        }
        cells.push(if r.same_optimum { "yes" } else { "NO" }.to_string());
        table.add_row(cells);
    }
    table
}

/// Where the time of one whole run goes, stage by stage.
fn stage_table(rows: &[Row]) -> comfy_table::Table {
    let mut stages = crate::output::new_table(&[
        "Case", "Read", "Topics", "Score", "Build", "Solve", "Verify", "Write", "Total", "ILP/DP",
    ]);
    for r in rows {
        stages.add_row(vec![
            r.case.clone(),
            fmt_ms(r.read),
            fmt_ms(r.topics),
            fmt_ms(r.score),
            fmt_ms(r.build_stage),
            fmt_ms(r.solve_median),
            fmt_ms(r.verify),
            fmt_ms(r.write),
            fmt_ms(r.total),
            format!("{:.1}", r.ilp_over_dp()),
        ]);
    }
    stages
}

/// The notes under the tables: units, runs, what the columns mean and the settings measured.
fn write_notes(out: &mut dyn std::io::Write, settings: &Settings) -> anyhow::Result<()> {
    writeln!(
        out,
        "times in ms; {} run{} per method (medians); ILP/DP = integer program (build + solve) / DP; the stages' Build includes making the instance; Total = read to write in one run; switch limit {}; likes {}",
        settings.repeat,
        if settings.repeat == 1 { "" } else { "s" },
        settings
            .max_switches
            .map_or("none".to_string(), |k| k.to_string()),
        settings
            .likes
            .iter()
            .map(|w| format!("{}={}", w.term, w.weight))
            .collect::<Vec<_>>()
            .join(",")
    )?;
    if let Some(v) = &settings.walking {
        writeln!(
            out,
            "walking {} min within a building, {} min between buildings",
            v.within, v.between
        )?;
    }
    Ok(())
}

/// Writes the rows as JSON, times in milliseconds.
pub fn write_json(out: &mut dyn std::io::Write, rows: &[Row]) -> anyhow::Result<()> {
    // Serialised first, so that a closed pipe surfaces as an io::Error (not hidden in serde's).
    let mut text = serde_json::to_vec_pretty(rows)?;
    text.push(b'\n');
    out.write_all(&text)?;
    Ok(())
}

/// Writes the rows as CSV with a header line, times in milliseconds.
pub fn write_csv(out: &mut dyn std::io::Write, rows: &[Row]) -> anyhow::Result<()> {
    writeln!(
        out,
        "case,talks,rooms,days,candidates,variables,constraints,left_out,read_ms,topics_ms,score_ms,build_ms,build_stage_ms,solve_min_ms,solve_median_ms,solve_max_ms,verify_ms,write_ms,total_ms,dp_ms,ilp_total,dp_total,second_solve_median_ms,second_total,same_optimum"
    )?;
    for r in rows {
        let times = [
            r.read,
            r.topics,
            r.score,
            r.build,
            r.build_stage,
            r.solve_min,
            r.solve_median,
            r.solve_max,
            r.verify,
            r.write,
            r.total,
            r.dp,
        ]
        .map(|d| format!("{:.4}", ms(d)))
        .join(",");
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{times},{},{},{},{},{}",
            csv_field(&r.case),
            r.talks,
            r.rooms,
            r.days,
            r.candidates,
            r.variables,
            r.constraints,
            r.left_out,
            r.ilp_total,
            r.dp_total,
            r.second_solve
                .map_or(String::new(), |d| format!("{:.4}", ms(d))),
            r.second_total.map_or(String::new(), |t| t.to_string()),
            r.same_optimum
        )?;
    }
    Ok(())
}

/// Quotes a CSV field when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
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
    fn times_keep_about_four_significant_digits() {
        let us = Duration::from_micros;
        assert_eq!(fmt_ms(us(312)), "0.312");
        assert_eq!(fmt_ms(us(44_846)), "44.85");
        assert_eq!(fmt_ms(us(292_884)), "292.9");
        assert_eq!(fmt_ms(us(1_824_882)), "1825");
    }

    #[test]
    fn csv_fields_with_commas_are_quoted() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("gen-100"), "gen-100");
    }

    #[test]
    fn default_rooms_follow_fosdem_density() {
        assert_eq!(default_rooms(1105), 35);
        assert_eq!(default_rooms(10), 2);
        assert_eq!(default_rooms(4000), 125);
    }
}
