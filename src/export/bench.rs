//! The document of `agenda bench`: the measurements of each case ([`Row`]) and of each
//! `--together N` case ([`TogetherRow`]), with what the run measured ([`Notes`]), which the
//! table ([`super::table::bench`]), JSON, CSV ([`super::csv::write_rows`]) and the SVG plot
//! ([`super::svg`]) print. JSON and CSV carry the same field names; times are in milliseconds.

use serde::Serialize;
use std::time::Duration;

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
    /// Whether both methods found the same (score, switches) optimum.
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

/// One solver on one case of `bench --solver` (see `crate::bench::solvers`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolverRow {
    /// The case: a file name, `embedded`, `gen-1000`.
    pub case: String,
    /// Candidate sessions of the instance (all days).
    pub candidates: usize,
    /// The solver: `microlp`, `highs`, `cbc`, `cbc (file)`, `dp`.
    pub solver: String,
    /// Building the model (median run); for a binary, building it and writing its LP files.
    #[serde(rename = "build_ms", serialize_with = "millis")]
    pub build: Duration,
    /// Solving it (median run); for a binary, its whole processes.
    #[serde(rename = "solve_ms", serialize_with = "millis")]
    pub solve: Duration,
    /// Branch-and-bound nodes, summed over the days, where the solver reports them.
    pub nodes: Option<u64>,
    /// Simplex iterations, summed over the days, where the solver reports them.
    pub iterations: Option<u64>,
    /// The optimum's score, in points.
    pub score: f64,
    /// The optimum's room switches, over all days.
    pub switches: u64,
    /// Whether (score, switches) is the dynamic program's.
    pub agrees: bool,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(ms(*d))
}

/// A duration in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The measurements of one `bench --together N` case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TogetherRow {
    /// Number of friends.
    pub people: usize,
    /// Joint model variables (all days).
    pub variables: usize,
    /// Joint model constraints (all days).
    pub constraints: usize,
    /// Whole joint plan, fastest run.
    #[serde(rename = "min_ms", serialize_with = "millis")]
    pub min: Duration,
    /// Whole joint plan, median run.
    #[serde(rename = "median_ms", serialize_with = "millis")]
    pub median: Duration,
    /// Whether the plan was proven optimal.
    pub optimal: bool,
    /// Proven relative gap of the last run (0 when optimal).
    pub gap: f64,
}

/// What a run measured under, for the notes under the table.
#[derive(Debug, Clone, Copy)]
pub struct Notes<'a> {
    /// Timed runs per method and case.
    pub repeat: usize,
    /// Room-switch limit per day (`None`: no limit).
    pub max_switches: Option<u32>,
    /// The interests planned for.
    pub likes: &'a [crate::prefs::Weighted],
    /// Walking times between buildings, if any.
    pub walking: Option<&'a crate::prefs::venue::Venue>,
}
