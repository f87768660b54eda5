//! Benchmarks of planning together (`agenda bench --together N`): N friends with distinct,
//! realistic interests ([`FRIENDS`]), K = 2 room switches a day, the default bonus and floors,
//! planned jointly on one schedule. Each run is the whole joint plan: every plan alone, the
//! joint model per conference day, filling free time.

use crate::friends::together::{self, Settings};
use crate::prefs::{Interests, Limits, Request, Weighted};
use crate::schedule::Schedule;
use serde::Serialize;
use std::time::{Duration, Instant};

/// Friends' interests (FOSDEM 2025 track and topic names; topics a schedule lacks are dropped).
pub const FRIENDS: [(&str, &str); 5] = [
    ("Pat", "rust=3,kernel=2,embedded,performance"),
    ("Quinn", "bpf=3,networking=2,security=2,containers"),
    ("Rosa", "database=3,postgresql=3,python=2,testing"),
    (
        "Sam",
        "distributions=3,packaging=2,nix-and-nixos=2,boot,updates",
    ),
    ("Tess", "community=2,legal=3,privacy=2,open-research"),
];

/// The measurements of one `--together N` case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Number of friends.
    pub people: usize,
    /// Joint model variables (all days).
    pub variables: usize,
    /// Joint model constraints (all days).
    pub constraints: usize,
    /// Whole joint plan, fastest run.
    #[serde(rename = "min_ms", serialize_with = "super::millis")]
    pub min: Duration,
    /// Whole joint plan, median run.
    #[serde(rename = "median_ms", serialize_with = "super::millis")]
    pub median: Duration,
    /// Whether the plan was proven optimal.
    pub optimal: bool,
    /// Proven relative gap of the last run (0 when optimal).
    pub gap: f64,
}

/// The first `n` friends (at most [`FRIENDS`]`.len()`) as requests for `schedule`, K = 2.
pub fn friends(schedule: &Schedule, n: usize) -> Vec<(String, String, Request)> {
    let known = schedule.topic_counts();
    FRIENDS
        .iter()
        .take(n)
        .map(|(name, likes)| {
            let likes: Vec<Weighted> = likes
                .split(',')
                .filter_map(|l| {
                    let (term, weight) = l.split_once('=').unwrap_or((l, "1"));
                    known.contains_key(term).then(|| Weighted {
                        term: term.to_string(),
                        weight: weight.parse().unwrap_or(1),
                    })
                })
                .collect();
            let request = Request {
                interests: Interests {
                    likes,
                    ..Interests::default()
                },
                limits: Limits {
                    max_switches: Some(2),
                    ..Limits::default()
                },
            };
            (name.to_string(), "bench".to_string(), request)
        })
        .collect()
}

/// Plans `n` friends together `repeat` times (at least once) and times it.
pub fn run(
    schedule: &Schedule,
    n: usize,
    repeat: usize,
    time_limit: Option<Duration>,
) -> anyhow::Result<Row> {
    let people = friends(schedule, n);
    let settings = Settings {
        time_limit,
        ..Settings::default()
    };
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let started = Instant::now();
        let joint = together::plan_together(schedule, &people, settings)?;
        times.push(started.elapsed());
        last = Some(joint);
    }
    times.sort();
    let joint = last.expect("ran at least once");
    Ok(Row {
        people: people.len(),
        variables: joint.stats.variables,
        constraints: joint.stats.constraints,
        min: times[0],
        median: times[times.len() / 2],
        optimal: joint.optimal,
        gap: joint.gap,
    })
}

/// Writes the rows as a table.
pub fn write_table(out: &mut dyn std::io::Write, rows: &[Row]) -> anyhow::Result<()> {
    let mut table = crate::output::new_table(&[
        "Friends",
        "Variables",
        "Constraints",
        "Fastest ms",
        "Median ms",
        "Result",
    ]);
    for r in rows {
        table.add_row(vec![
            r.people.to_string(),
            r.variables.to_string(),
            r.constraints.to_string(),
            format!("{:.0}", r.min.as_secs_f64() * 1000.0),
            format!("{:.0}", r.median.as_secs_f64() * 1000.0),
            if r.optimal {
                "optimal".to_string()
            } else {
                format!("within {:.1} %", r.gap * 100.0)
            },
        ]);
    }
    writeln!(out, "{table}")?;
    Ok(())
}
