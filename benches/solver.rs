//! Criterion benchmarks of the planner's solvers: the integer program (`ilp`, model build and
//! solve) and the reference dynamic program (`dp`) on
//!
//! - All Systems Go! 2025 (embedded) with a few interest sets,
//! - generated conferences of 500, 1,000, 2,000 and 4,000 talks,
//! - FOSDEM 2025 from `../shared/data/fosdem-2025-schedule.xml` when that file exists and the
//!   importer reads it, else a generated schedule of the same size (1,105 talks, 35 rooms, 2 days);
//!   which one was used is printed on stderr,
//!
//! each without a switch limit and with K = 2; and planning together (`together`, see there). The solver instance is built outside the timed
//! loop; kept short (10 samples) so that `cargo bench` ends in a few minutes on 2 cores.

#[path = "../tests/common/mod.rs"]
mod common;

use agenda::bench::{self, Settings};
use agenda::generate::{self, Params};
use agenda::schedule::Schedule;
use agenda::solve::{Instance, dp, ilp};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// Switch limits benchmarked: none, and 2 per day.
const LIMITS: [Option<u32>; 2] = [None, Some(2)];

fn label(k: Option<u32>) -> String {
    k.map_or("K=none".to_string(), |k| format!("K={k}"))
}

fn instance(schedule: &Schedule, likes: &str, k: Option<u32>) -> Instance {
    let settings = Settings {
        likes: bench::likes(&[likes.to_string()]).expect("likes parse"),
        max_switches: k,
        repeat: 1,
        solvers: Vec::new(),
        walking: None,
    };
    bench::instance(schedule, &settings).expect("the instance builds")
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

/// Benchmarks both solvers on one instance.
fn both(c: &mut Criterion, group: &str, id: &str, instance: &Instance) {
    let mut g = c.benchmark_group(group);
    g.bench_with_input(BenchmarkId::new("ilp", id), instance, |b, i| {
        b.iter(|| ilp::solve(black_box(i)).expect("solves"))
    });
    g.bench_with_input(BenchmarkId::new("dp", id), instance, |b, i| {
        b.iter(|| dp::solve(black_box(i)).expect("solves"))
    });
    g.finish();
}

fn asg(c: &mut Criterion) {
    let schedule = Schedule::embedded().expect("the embedded schedule loads");
    let sets = [
        ("default", bench::DEFAULT_LIKES),
        ("bpf-networking", "bpf=3,networking=2,kernel"),
        ("desktop", "desktop=3,gnome=2,rust=2,updates"),
        ("image-based", "image-based=5,sysext=3,tpm=2,boot"),
    ];
    for (name, likes) in sets {
        for k in LIMITS {
            both(
                c,
                "asg",
                &format!("{name}/{}", label(k)),
                &instance(&schedule, likes, k),
            );
        }
    }
}

fn generated(c: &mut Criterion) {
    for talks in [500, 1000, 2000, 4000] {
        let params = Params {
            talks,
            rooms: bench::default_rooms(talks),
            days: bench::DEFAULT_DAYS,
            seed: 1,
            nights: false,
        };
        let schedule = generate::generate(&params).expect("generates");
        for k in LIMITS {
            let id = format!("{talks}/{}", label(k));
            both(
                c,
                "generated",
                &id,
                &instance(&schedule, bench::DEFAULT_LIKES, k),
            );
        }
    }
}

/// FOSDEM 2025 as published, or a generated schedule of the same size.
fn fosdem_schedule() -> (&'static str, Schedule) {
    if let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") {
        let read = std::fs::read_to_string(&path)
            .map_err(anyhow::Error::from)
            .and_then(|text| agenda::import::read(&text, &path.display().to_string()));
        match read {
            Ok((schedule, _warnings)) => return ("fosdem-2025", schedule),
            Err(e) => eprintln!("FOSDEM 2025 XML not readable ({e:#})"),
        }
    }
    let params = Params {
        talks: 1105,
        rooms: 35,
        days: 2,
        seed: 1,
        nights: false,
    };
    let schedule = generate::generate(&params).expect("generates");
    ("fosdem-sized-generated", schedule)
}

fn fosdem(c: &mut Criterion) {
    let (name, schedule) = fosdem_schedule();
    eprintln!("fosdem benchmarks use: {name} ({})", schedule.summary());
    for k in LIMITS {
        let id = format!("{name}/{}", label(k));
        both(
            c,
            "fosdem",
            &id,
            &instance(&schedule, bench::DEFAULT_LIKES, k),
        );
    }
}

/// Planning together (`agenda bench --together`): two and three friends with distinct interests
/// on FOSDEM 2025 (or its generated stand-in), K = 2, default bonus and floors, the whole joint
/// plan per iteration. Five friends take too long for criterion's repeated samples; measure them
/// with `agenda bench --together 5 --repeat 1`.
fn together(c: &mut Criterion) {
    let (name, schedule) = fosdem_schedule();
    let mut g = c.benchmark_group("together");
    g.sample_size(10);
    for n in [2usize, 3] {
        let people = bench::together::friends(&schedule, n);
        g.bench_with_input(BenchmarkId::new(name, n), &people, |b, p| {
            b.iter(|| {
                agenda::friends::together::plan_together(
                    black_box(&schedule),
                    black_box(p),
                    agenda::friends::together::Settings::default(),
                )
                .expect("plans together")
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = asg, fosdem, generated, together
}
criterion_main!(benches);
