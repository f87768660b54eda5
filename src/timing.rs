//! Where the time of one run goes: per-stage stopwatches for `agenda bench` and `--verbose`.
//!
//! The pipeline's stages ([`Stage`]) are timed where they run — the importer times reading and
//! topic derivation, the planner scoring, building, solving and verification — and each returns
//! its [`Stages`] with its result (`import::read_timed`, `Plan::stages`, the solver's
//! `Stats`); `bench` and `plan --verbose` add them up with [`Stages::add_all`]. There is no
//! process-wide record: two plans made side by side keep their own times. Timing costs two
//! clock reads per stage, so it is always on; nothing in the results depends on it.

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

    /// Runs `work`, adding its duration to `stage`.
    pub fn time<T>(&mut self, stage: Stage, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.add(stage, started.elapsed());
        result
    }

    /// Adds every stage of `other` to this one's.
    pub fn add_all(&mut self, other: &Stages) {
        for stage in Stage::ALL {
            self.add(stage, other.get(stage));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_add_up_per_stage() {
        let mut spent = Stages::default();
        spent.add(Stage::Solve, Duration::from_millis(2));
        spent.add(Stage::Solve, Duration::from_millis(3));
        spent.add(Stage::Read, Duration::from_millis(1));
        assert_eq!(spent.get(Stage::Solve), Duration::from_millis(5));
        assert_eq!(spent.get(Stage::Read), Duration::from_millis(1));
        assert_eq!(spent.get(Stage::Write), Duration::ZERO);
        assert_eq!(spent.total(), Duration::from_millis(6));
        let mut sum = Stages::default();
        sum.add(Stage::Read, Duration::from_millis(4));
        sum.add_all(&spent);
        sum.add_all(&spent);
        assert_eq!(sum.get(Stage::Solve), Duration::from_millis(10));
        assert_eq!(sum.get(Stage::Read), Duration::from_millis(6));
        assert_eq!(sum.total(), Duration::from_millis(16));
    }

    #[test]
    fn the_summary_names_only_stages_that_took_time() {
        let mut s = Stages::default();
        s.set(Stage::Read, Duration::from_micros(12_340));
        s.set(Stage::Write, Duration::from_micros(500));
        assert_eq!(s.summary(), "read 12.3 ms, write 0.5 ms");
    }

    #[test]
    fn a_timed_closure_returns_its_value_and_counts_its_time_to_its_stage() {
        let mut spent = Stages::default();
        let value = spent.time(Stage::Verify, || {
            std::thread::sleep(Duration::from_millis(2));
            41 + 1
        });
        assert_eq!(value, 42);
        assert!(spent.get(Stage::Verify) >= Duration::from_millis(2));
        assert_eq!(spent.get(Stage::Score), Duration::ZERO);
    }
}
