//! Where the time of one run goes: per-stage stopwatches for `agenda bench` and `--verbose`.
//!
//! The pipeline's stages ([`Stage`]) are timed where they run — the importer times topic
//! derivation, the planner times scoring and verification — by wrapping the work in [`time`].
//! Durations add up per thread until [`take`] returns and clears them, so a caller brackets one
//! run with `take()` (to clear) … `take()` (to read). Timing costs two clock reads per call, so
//! it is always on; nothing in the results depends on it.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// One stage of planning, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Reading the file and parsing it into sessions (topic derivation excluded).
    Read,
    /// Deriving imported talks' topics from their track, title and abstract.
    Topics,
    /// Checking the interests against the schedule and scoring every session.
    Score,
    /// Building the solver's instance and the integer program.
    Build,
    /// Solving the integer program.
    Solve,
    /// Checking the chosen agenda independently of the model.
    Verify,
    /// Rendering the agenda.
    Write,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 7] = [
        Stage::Read,
        Stage::Topics,
        Stage::Score,
        Stage::Build,
        Stage::Solve,
        Stage::Verify,
        Stage::Write,
    ];

    /// Its lowercase name in tables, JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Topics => "topics",
            Stage::Score => "score",
            Stage::Build => "build",
            Stage::Solve => "solve",
            Stage::Verify => "verify",
            Stage::Write => "write",
        }
    }
}

/// Time spent per stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stages([Duration; 7]);

impl Stages {
    /// Time spent in `stage`.
    pub fn get(&self, stage: Stage) -> Duration {
        self.0[stage as usize]
    }

    /// Adds `d` to `stage`.
    pub fn add(&mut self, stage: Stage, d: Duration) {
        self.0[stage as usize] += d;
    }

    /// Sets `stage` to `d`.
    pub fn set(&mut self, stage: Stage, d: Duration) {
        self.0[stage as usize] = d;
    }

    /// The time of every stage together.
    pub fn total(&self) -> Duration {
        self.0.iter().sum()
    }

    /// `read 12.1 ms, topics 3.0 ms, …` for `--verbose`, stages that took no time left out.
    pub fn summary(&self) -> String {
        Stage::ALL
            .iter()
            .filter(|&&s| !self.get(s).is_zero())
            .map(|&s| format!("{} {:.1} ms", s.name(), self.get(s).as_secs_f64() * 1e3))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

thread_local! {
    static SPENT: Cell<Stages> = Cell::new(Stages::default());
}

/// Runs `work`, adding its duration to `stage` on this thread.
pub fn time<T>(stage: Stage, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    record(stage, started.elapsed());
    result
}

/// Runs `work`, adding its duration to `stage` on this thread, less the time it spent in the
/// stage `inner` (which `work` times itself): reading a file counts as `Read` without the topic
/// derivation done while reading.
pub(crate) fn time_excluding<T>(stage: Stage, inner: Stage, work: impl FnOnce() -> T) -> T {
    let before = SPENT.with(|spent| spent.get().get(inner));
    let started = Instant::now();
    let result = work();
    let elapsed = started.elapsed();
    let in_inner = SPENT
        .with(|spent| spent.get().get(inner))
        .saturating_sub(before);
    record(stage, elapsed.saturating_sub(in_inner));
    result
}

/// Adds `d` to `stage` on this thread (for work timed elsewhere, such as the solver's build).
pub fn record(stage: Stage, d: Duration) {
    SPENT.with(|spent| {
        let mut s = spent.get();
        s.add(stage, d);
        spent.set(s);
    });
}

/// The time recorded per stage on this thread since the last call, and clears it.
pub fn take() -> Stages {
    SPENT.with(|spent| spent.replace(Stages::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_time_adds_up_per_stage_until_taken() {
        take();
        record(Stage::Solve, Duration::from_millis(2));
        record(Stage::Solve, Duration::from_millis(3));
        record(Stage::Read, Duration::from_millis(1));
        let spent = take();
        assert_eq!(spent.get(Stage::Solve), Duration::from_millis(5));
        assert_eq!(spent.get(Stage::Read), Duration::from_millis(1));
        assert_eq!(spent.get(Stage::Write), Duration::ZERO);
        assert_eq!(spent.total(), Duration::from_millis(6));
        assert_eq!(take(), Stages::default(), "taking clears");
    }

    #[test]
    fn the_summary_names_only_stages_that_took_time() {
        let mut s = Stages::default();
        s.set(Stage::Read, Duration::from_micros(12_340));
        s.set(Stage::Write, Duration::from_micros(500));
        assert_eq!(s.summary(), "read 12.3 ms, write 0.5 ms");
    }

    #[test]
    fn an_inner_stage_is_not_counted_twice() {
        take();
        time_excluding(Stage::Read, Stage::Topics, || {
            record(Stage::Topics, Duration::from_secs(3600));
        });
        let spent = take();
        assert_eq!(spent.get(Stage::Topics), Duration::from_secs(3600));
        assert!(spent.get(Stage::Read) < Duration::from_secs(60));
    }

    #[test]
    fn a_timed_closure_returns_its_value() {
        take();
        assert_eq!(time(Stage::Verify, || 41 + 1), 42);
        assert_eq!(take().get(Stage::Score), Duration::ZERO);
    }
}
