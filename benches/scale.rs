//! How the cost of the shapes that once exploded grows with their size: each case runs the
//! release binary on its shape at size `n` and `2n` (interleaved, a few rounds) and reports the
//! growth factors of wall time (measured around the process, to the microsecond) and of peak
//! memory (RSS, from `/usr/bin/time -f %M`). The aim is at most 2.5× per doubling, time and
//! memory.
//!
//! ```text
//! cargo bench --bench scale [-- --rounds 3] [--csv FILE] [--only NAME,NAME]
//!     [--bin LABEL=PATH ...] [--n N] [--keep DIR]
//! ```
//!
//! `--n N` runs the cases chosen at N and 2N instead of their own base size. `--keep DIR` writes
//! each case's files (the schedule at both sizes and the profiles) into DIR and keeps them, to
//! run a case by hand. Each run is killed
//! after `--timeout S` seconds (120 by default, through coreutils' `timeout`): its exit code is
//! then 137 and its time the limit, so a case that explodes shows as such without stopping
//! the bench.
//!
//! `--bin` (repeatable) measures other builds of `agenda` beside each other, interleaved in
//! each round (say, `before=/tmp/agenda-main after=target/release/agenda`); without it, the
//! binary this bench was built with.
//!
//! The shapes are `tests/common/shapes.rs` (the regression tests in `tests/scale.rs` use them on
//! small sizes). Without `/usr/bin/time` the bench says so and ends.

#[path = "../tests/common/shapes.rs"]
mod shapes;

use std::path::{Path, PathBuf};
use std::process::Command;

/// One scale case: a shape, the command run on it, and its base size.
struct Case {
    name: &'static str,
    /// The shape's schedule text at size `n`.
    shape: fn(usize) -> String,
    /// The arguments after the binary; `{s}` is the schedule's path, `{p}` a profile folder.
    args: &'static [&'static str],
    n: usize,
}

const PLAN: &[&str] = &["plan", "--schedule", "{s}", "--likes", "talk"];
/// Two friends under different rules (at most two switches, and none).
const RULES: &[&str] = &["--schedule", "{s}", "together", "{p}/a.ron", "{p}/free.ron"];
/// Three friends under different rules (at most two switches, none, at most one).
const THREE: &[&str] = &[
    "--schedule",
    "{s}",
    "together",
    "{p}/a.ron",
    "{p}/free.ron",
    "{p}/one.ron",
];
const CHECK: &[&str] = &["check", "{s}"];

fn cases() -> Vec<Case> {
    let case = |name, shape, args, n| Case {
        name,
        shape,
        args,
        n,
    };
    vec![
        case("slot-check", shapes::same_slot, CHECK, 16_000),
        case("slot-plan", shapes::same_slot, PLAN, 8_000),
        case("ids-check", shapes::duplicate_ids, CHECK, 16_000),
        case("rooms-check", shapes::empty_rooms, CHECK, 80_000),
        case("days-check", shapes::overlapping_days, CHECK, 32),
        case("days-plan", shapes::overlapping_days, PLAN, 2),
        case("days-plan-8", shapes::overlapping_days, PLAN, 8),
        case("word-plan", shapes::long_word, PLAN, 32_000),
        case(
            "room-name-plan",
            shapes::long_room_and_speaker,
            PLAN,
            32_000,
        ),
        case(
            "days-together",
            shapes::overlapping_days,
            &["--schedule", "{s}", "together", "{p}/a.ron", "{p}/b.ron"],
            2,
        ),
        case(
            "ties-together",
            shapes::equal_talks,
            &["--schedule", "{s}", "together", "{p}/a.ron", "{p}/b.ron"],
            20,
        ),
        case("ties-rules-together", shapes::equal_talks, RULES, 20),
        // Three friends, one without a switch limit and one with a limit of 1: the group's
        // sweep in time (`best_group`) settles it; the joint model's branch and bound, which
        // met every tie, took 0.24 s → 17 s for n = 5 → 10 before it (2026-12-07).
        case("ties-rules-together-3", shapes::equal_talks, THREE, 5),
        // Friends under different rules on days listed at the same time: over a minute at 4
        // days before they were read as one day (2026-12-07), a sweep of one day since.
        case("days-rules-together", shapes::overlapping_days, RULES, 2),
        // Days kept open at once by sessions listed under them on another date: each day still
        // counts its own switches, so the joint model takes them.
        case("open-days-rules-together", shapes::misfiled_days, RULES, 2),
        case("open-days-plan", shapes::misfiled_days, PLAN, 2),
        // Three friends under different rules in many rooms: the group's sweep is cubic in the
        // rooms, over its cap at 80, and the model meets the ties (40 → 80 rooms: 0.09 s →
        // over 100 s on 2026-12-07).
        case("rooms-rules-together-3", shapes::equal_rooms, THREE, 40),
        // Two friends under different rules in many rooms: the program over pairs of talks
        // settles it, quadratic in the talks (80 → 160 rooms: 0.06 → 0.29 s on 2026-12-07);
        // at 320 rooms its state is over its limit and the model meets the ties (over ten
        // minutes).
        case("rooms-rules-together", shapes::equal_rooms, RULES, 80),
        case("ties-plan", shapes::equal_talks, PLAN, 20),
        case(
            "days-compare",
            shapes::overlapping_days,
            &["--schedule", "{s}", "compare", "{p}/a.ron", "{p}/b.ron"],
            2,
        ),
        case(
            "name-compare",
            |n| shapes::overlapping_days(n.min(1)),
            &["--schedule", "{s}", "compare", "{p}/long.ron", "{p}/b.ron"],
            64_000,
        ),
    ]
}

struct Options {
    rounds: usize,
    csv: Option<PathBuf>,
    only: Vec<String>,
    /// (label, path) of each binary measured.
    bins: Vec<(String, PathBuf)>,
    /// The base size of every case run, instead of its own.
    n: Option<usize>,
    /// Seconds a run may take before it is killed.
    timeout: u64,
    /// A folder to write the cases' files into and keep, instead of a temporary one.
    keep: Option<PathBuf>,
}

fn options() -> Options {
    let mut o = Options {
        rounds: 3,
        csv: None,
        only: Vec::new(),
        bins: Vec::new(),
        n: None,
        timeout: 120,
        keep: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => o.rounds = args.next().and_then(|v| v.parse().ok()).unwrap_or(3),
            "--csv" => o.csv = args.next().map(PathBuf::from),
            "--keep" => o.keep = args.next().map(PathBuf::from),
            "--n" => o.n = args.next().and_then(|v| v.parse().ok()),
            "--timeout" => o.timeout = args.next().and_then(|v| v.parse().ok()).unwrap_or(120),
            "--only" => {
                o.only = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(String::from)
                    .collect();
            }
            "--bin" => {
                let v = args.next().unwrap_or_default();
                let (label, path) = v.split_once('=').unwrap_or(("agenda", &v));
                o.bins.push((label.to_string(), PathBuf::from(path)));
            }
            // `cargo bench` passes `--bench`; anything else is ignored the same way.
            _ => {}
        }
    }
    o
}

/// Writes the case's files for size `n` into `dir`: the schedule and the profiles.
fn prepare(case: &Case, n: usize, dir: &Path) -> PathBuf {
    let schedule = dir.join(format!("{}-{n}.json", case.name));
    std::fs::write(&schedule, (case.shape)(n)).expect("writes the schedule");
    let profiles = dir.join(format!("{}-{n}-profiles", case.name));
    std::fs::create_dir_all(&profiles).expect("makes the profile folder");
    for (file, name_len) in [("a.ron", 1), ("b.ron", 2), ("long.ron", n)] {
        std::fs::write(profiles.join(file), shapes::long_name_profile(name_len))
            .expect("writes a profile");
    }
    // A friend under other rules: the same likes, no switch limit.
    let free = shapes::long_name_profile(1)
        .replace("\"N\"", "\"F\"")
        .replace("max_switches: 2", "max_switches: None");
    std::fs::write(profiles.join("free.ron"), free).expect("writes a profile");
    // A third friend under yet other rules: at most one switch.
    let one = shapes::long_name_profile(1)
        .replace("\"N\"", "\"O\"")
        .replace("max_switches: 2", "max_switches: 1");
    std::fs::write(profiles.join("one.ron"), one).expect("writes a profile");
    schedule
}

/// (seconds, peak KiB, exit code) of one run of the binary on `schedule`.
fn measure(bin: &Path, case: &Case, schedule: &Path, timeout: u64) -> (f64, u64, i32) {
    let profiles = PathBuf::from(format!(
        "{}-profiles",
        schedule.with_extension("").display()
    ));
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| {
            a.replace("{s}", &schedule.display().to_string())
                .replace("{p}", &profiles.display().to_string())
        })
        .collect();
    let started = std::time::Instant::now();
    let limit = timeout.to_string();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "TIME %M", "timeout", "-s", "KILL", &limit])
        .arg(bin)
        .args(&args)
        .env("XDG_CONFIG_HOME", schedule.parent().expect("in a folder"))
        .env("XDG_CACHE_HOME", schedule.parent().expect("in a folder"))
        .env("XDG_DATA_HOME", schedule.parent().expect("in a folder"))
        .env("NO_COLOR", "1")
        .output()
        .expect("runs /usr/bin/time");
    let secs = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("TIME "))
        .unwrap_or("TIME 0 0");
    let kib = line
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    (secs, kib, out.status.code().unwrap_or(-1))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut o = options();
    if !Path::new("/usr/bin/time").exists() {
        eprintln!("skipped: /usr/bin/time not found (it measures peak memory)");
        return;
    }
    if Command::new("timeout").arg("--version").output().is_err() {
        eprintln!("skipped: coreutils' timeout not found (it stops a run that explodes)");
        return;
    }
    if o.bins.is_empty() {
        o.bins
            .push(("agenda".into(), env!("CARGO_BIN_EXE_agenda").into()));
    }
    let temporary = tempfile::tempdir().expect("a temporary folder");
    let dir = match &o.keep {
        Some(keep) => {
            std::fs::create_dir_all(keep).expect("makes the folder to keep");
            keep.as_path()
        }
        None => temporary.path(),
    };
    let mut csv = String::from("binary,case,n,bytes,round,seconds,peak_kib,exit\n");
    let mut summary = String::from(
        "binary,case,n,seconds_n,seconds_2n,time_factor,kib_n,kib_2n,rss_factor,exit_2n\n",
    );
    for case in cases() {
        if !o.only.is_empty() && !o.only.iter().any(|x| x == case.name) {
            continue;
        }
        let n = o.n.unwrap_or(case.n);
        let sizes = [n, 2 * n];
        let files: Vec<PathBuf> = sizes.iter().map(|&n| prepare(&case, n, dir)).collect();
        // rows[bin][size]: (seconds, KiB, exit) of each round.
        let mut rows = vec![[Vec::new(), Vec::new()]; o.bins.len()];
        for round in 0..o.rounds {
            for (b, (label, bin)) in o.bins.iter().enumerate() {
                for (i, file) in files.iter().enumerate() {
                    let (s, k, code) = measure(bin, &case, file, o.timeout);
                    let bytes = std::fs::metadata(file).map_or(0, |m| m.len());
                    csv.push_str(&format!(
                        "{label},{},{},{bytes},{round},{s},{k},{code}\n",
                        case.name, sizes[i]
                    ));
                    rows[b][i].push((s, k as f64, code));
                }
            }
        }
        for ((label, _), sized) in o.bins.iter().zip(&rows) {
            let line = factors(label, (&case, n), sized);
            eprintln!("{line}");
            summary.push_str(&line);
            summary.push('\n');
        }
    }
    match &o.csv {
        Some(path) => {
            std::fs::write(path, &csv).expect("writes the CSV");
            std::fs::write(path.with_extension("factors.csv"), &summary).expect("writes factors");
        }
        None => print!("{csv}{summary}"),
    }
}

/// One summary row: medians at n and 2n and their ratios.
fn factors(label: &str, (case, n): (&Case, usize), sized: &[Vec<(f64, f64, i32)>; 2]) -> String {
    let secs = |i: usize| median(sized[i].iter().map(|r| r.0).collect());
    let kib = |i: usize| median(sized[i].iter().map(|r| r.1).collect());
    let exit = sized[1].last().map_or(-1, |r| r.2);
    format!(
        "{label},{},{n},{:.4},{:.4},{:.2},{:.0},{:.0},{:.2},{exit}",
        case.name,
        secs(0),
        secs(1),
        secs(1) / secs(0),
        kib(0),
        kib(1),
        kib(1) / kib(0).max(1.0),
    )
}
