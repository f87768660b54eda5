//! Criterion benchmarks of everything around the solver: reading schedules (`import`: the XML,
//! JSON and RON readers with topic derivation), scoring every session for a set of interests
//! (`score`: the interest check and the scores), and one whole `plan --format json` run in
//! memory (`pipeline`: read, topics, score, build, solve, verify, write) on
//!
//! - All Systems Go! 2025 (embedded RON),
//! - FOSDEM 2025 (`../shared/data/fosdem-2025-schedule.xml`) and 33C3 (`../shared/data/33c3-schedule.xml`
//!   and `.json`) when those files exist (a skip line on stderr when not),
//! - a generated conference of 5,000 talks in one day (RON).
//!
//! Kept short (10 samples) so that `cargo bench --bench pipeline` ends in a minute or two.

#[path = "../tests/common/mod.rs"]
mod common;

use agenda::bench::{self, Case, Settings};
use agenda::generate::{self, Params};
use agenda::prefs;
use agenda::prefs::Interests;
use agenda::schedule::{self, Schedule};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

/// (name, text) of every schedule there is on this machine.
fn texts() -> Vec<(String, String)> {
    let mut texts = vec![("asg".to_string(), schedule::EMBEDDED_RON.to_string())];
    for (name, rel) in [
        ("fosdem-2025-xml", "data/fosdem-2025-schedule.xml"),
        ("33c3-xml", "data/33c3-schedule.xml"),
        ("33c3-json", "data/33c3-schedule.json"),
    ] {
        if let Some(path) = common::shared_file(rel) {
            texts.push((
                name.to_string(),
                std::fs::read_to_string(&path).expect("readable"),
            ));
        }
    }
    let one_day = Params {
        talks: 5000,
        rooms: 312,
        days: 1,
        seed: 1,
        nights: false,
    };
    let generated = generate::generate(&one_day).expect("generates");
    texts.push((
        "gen-5000-1day-ron".to_string(),
        schedule::ron_format::write(&generated).expect("writes"),
    ));
    texts
}

fn read(text: &str, name: &str) -> Schedule {
    agenda::import::read(text, name).expect("reads").0
}

fn import(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");
    for (name, text) in texts() {
        g.bench_with_input(BenchmarkId::from_parameter(&name), &text, |b, t| {
            b.iter(|| read(black_box(t), &name))
        });
    }
    g.finish();
}

fn score(c: &mut Criterion) {
    let interests = Interests {
        likes: bench::likes(&["security=3,kernel=2,containers=2,rust".to_string()])
            .expect("likes parse"),
        ..Interests::default()
    };
    let mut g = c.benchmark_group("score");
    for (name, text) in texts() {
        let schedule = read(&text, &name);
        g.bench_with_input(BenchmarkId::from_parameter(&name), &schedule, |b, s| {
            b.iter(|| {
                // As `plan` does: check the interests (matching nothing is fine here) and score,
                // on the texts the import tokenised (RON schedules: tokenised on first use).
                let _known = prefs::interests::check_known(black_box(s), &interests);
                prefs::interests::score_all(s, &interests)
            })
        });
    }
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    let mut g = c.benchmark_group("pipeline");
    for (name, text) in texts() {
        let case = Case { name, text };
        for k in [None, Some(2)] {
            let settings = Settings {
                likes: bench::likes(&["security=3,kernel=2,containers=2,rust".to_string()])
                    .expect("likes parse"),
                max_switches: k,
                repeat: 1,
                solvers: Vec::new(),
                walking: None,
            };
            let request = settings.request();
            let id = format!(
                "{}/{}",
                case.name,
                k.map_or("K=none".to_string(), |k| format!("K={k}"))
            );
            g.bench_with_input(BenchmarkId::from_parameter(id), &case, |b, case| {
                b.iter(|| bench::pipeline(black_box(case), &request).expect("plans"))
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = import, score, pipeline
}
criterion_main!(benches);
