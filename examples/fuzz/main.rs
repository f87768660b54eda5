//! A mutation fuzzer on stable Rust: mutates the shared exports, `schedule.ron`, the profiles
//! and a saved plan (byte flips, lines deleted or duplicated, truncations, inserted tags and
//! numbers), feeds every reader and `plan` (through `robust::exercise`, beside this file), and keeps any
//! input that panics, hangs or breaks an invariant as a regression fixture.
//!
//! One run in three is a generated shape instead (`shapes.rs`: floods of talks in one slot,
//! days listed on one date, days kept open at once by sessions listed under them on another
//! date, start times with seconds, long words and names, control and
//! direction characters), run through the commands as a user would (`check`, `plan` in every
//! format, `together` of two and of three under different rules, `compare`, `plan -o
//! /dev/fd/N` onto the open input; `robust::exercise_commands`). A step that takes longer than
//! its budget is a finding too (cost that explodes): each kind of step has its own
//! (`robust::Step::budget`), counted from `--slow-seconds`, the budget of planning one person —
//! reading and `check` a quarter of it, `compare` twice, `together` four times, three people's
//! six times.
//!
//! ```text
//! cargo run --release --example fuzz -- --minutes 30 [--seed N] [--out tests/fixtures/fuzz]
//!     [--hang-seconds 120] [--slow-seconds 5]
//! ```
//!
//! Exit code: 0 when nothing was found, 1 when findings were saved (their paths are printed; at
//! most 20 of each kind). Fixtures are named `<reader>-<fnv64>.txt`; `tests/fuzz_regressions.rs`
//! replays them all.

mod robust;
mod shapes;

use robust::{Reader, Rng};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Options {
    minutes: f64,
    seed: u64,
    out: PathBuf,
    hang: Duration,
    slow: Duration,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        minutes: 1.0,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs()),
        out: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz"),
        hang: Duration::from_secs(120),
        // "In seconds" (#26): three people may take six times this, `together` four times. A
        // 30-minute run on a quiet 2-core machine was clean at 5 on 2026-12-07 (47,114 runs).
        slow: Duration::from_secs(5),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--minutes" => o.minutes = value()?.parse().map_err(|_| "--minutes: a number")?,
            "--seed" => o.seed = value()?.parse().map_err(|_| "--seed: a whole number")?,
            "--out" => o.out = PathBuf::from(value()?),
            "--hang-seconds" => {
                o.hang = Duration::from_secs(
                    value()?
                        .parse()
                        .map_err(|_| "--hang-seconds: a whole number")?,
                )
            }
            "--slow-seconds" => {
                o.slow = Duration::from_secs(
                    value()?
                        .parse()
                        .map_err(|_| "--slow-seconds: a whole number")?,
                )
            }
            _ => return Err(format!("unknown flag {flag}; see the file's header")),
        }
    }
    Ok(o)
}

/// The inputs to mutate: every shared export that exists, the embedded schedule, the test
/// fixtures, the profiles and a saved plan.
fn corpus() -> Vec<(Reader, String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    let mut add_dir = |reader: Reader, dir: &Path, exts: &[&str]| {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if exts.contains(&ext)
                && let Ok(bytes) = std::fs::read(&p)
            {
                seeds.push((reader, p.display().to_string(), bytes));
            }
        }
    };
    add_dir(
        Reader::Schedule,
        &root.join("../shared/data"),
        &["json", "xml", "ics"],
    );
    add_dir(
        Reader::Schedule,
        &root.join("tests/fixtures/import"),
        &["json", "xml", "ron", "ics"],
    );
    add_dir(
        Reader::Schedule,
        &root.join("tests/fixtures/bad"),
        &["ron", "xml"],
    );
    add_dir(Reader::Profile, &root.join("profiles"), &["ron"]);
    seeds.push((
        Reader::Schedule,
        "schedule.ron".into(),
        agenda::schedule::EMBEDDED_RON.as_bytes().to_vec(),
    ));
    seeds.push((Reader::SavedPlan, "saved plan".into(), saved_plan_seed()));
    seeds
}

/// A real saved plan of the embedded schedule, made the way `plan --save` makes one.
fn saved_plan_seed() -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("agenda-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("alice.ron");
    let cli = <agenda::cli::Cli as clap::Parser>::parse_from([
        "agenda",
        "plan",
        "--profile",
        concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/alice.ron"),
        "--save",
        path.to_str().unwrap_or("alice.ron"),
        "--quiet",
    ]);
    let _ = agenda::run(cli, &mut std::io::sink());
    let bytes = std::fs::read(&path).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    bytes
}

fn save(out: &Path, reader: Reader, bytes: &[u8], why: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(out);
    let hash = agenda::schedule::hash::fnv1a64(bytes);
    let path = out.join(format!("{}-{hash:016x}.txt", reader.name()));
    let _ = std::fs::write(&path, bytes);
    eprintln!("FINDING ({why}): {}", path.display());
    path
}

/// The input being run now, for the watchdog to save when it hangs.
type Current = Arc<Mutex<(Reader, Vec<u8>)>>;

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    // Panics are findings, caught per input: keep their messages short.
    std::panic::set_hook(Box::new(|info| eprintln!("panic: {info}")));
    let seeds = corpus();
    eprintln!(
        "fuzzing {} seeds for {} minutes, seed {}, findings to {}",
        seeds.len(),
        o.minutes,
        o.seed,
        o.out.display()
    );
    let current: Current = Arc::new(Mutex::new((Reader::Schedule, Vec::new())));
    let progress = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let worker = spawn_worker(&o, seeds, &current, &progress, started);
    watch(&o, &worker, &current, &progress, started);
    let (runs, findings) = worker.join().unwrap_or((0, 1));
    eprintln!(
        "done: {runs} runs in {:.0?}, {findings} findings",
        started.elapsed()
    );
    std::process::exit(if findings == 0 { 0 } else { 1 });
}

/// Mutates and runs seeds until the time is up, saving each finding; returns the number of
/// runs and of findings. `progress` is the time (ms since `started`) the last run ended.
fn spawn_worker(
    o: &Options,
    seeds: Vec<(Reader, String, Vec<u8>)>,
    current: &Current,
    progress: &Arc<AtomicU64>,
    started: Instant,
) -> std::thread::JoinHandle<(u64, u64)> {
    let current = Arc::clone(current);
    let progress = Arc::clone(progress);
    let (out, seed, slow) = (o.out.clone(), o.seed, o.slow);
    let deadline = Duration::from_secs_f64(o.minutes * 60.0);
    std::thread::spawn(move || {
        let mut rng = Rng::new(seed);
        let mut tally = Tally::default();
        while started.elapsed() < deadline {
            let (reader, shape, input) = next_input(&mut rng, &seeds);
            *current.lock().unwrap_or_else(|e| e.into_inner()) = (reader, input.clone());
            let began = Instant::now();
            let mut timings = robust::Timings::default();
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                robust::exercise_timed(reader, &input, &mut timings)
            }));
            let took = began.elapsed();
            let why = match outcome {
                Ok(Ok(())) => timings
                    .over_budget(slow)
                    .map(|over| format!("slow: {over} on a {shape}")),
                Ok(Err(why)) => Some(why),
                Err(_) => Some("panic".to_string()),
            };
            tally.record(&out, reader, shape, &input, why, took);
            progress.store(started.elapsed().as_millis() as u64, Ordering::Relaxed);
            if tally.runs.is_multiple_of(500) {
                eprintln!(
                    "{} runs, {} findings, {:.0?}",
                    tally.runs,
                    tally.findings,
                    started.elapsed()
                );
            }
        }
        tally.print();
        (tally.runs, tally.findings)
    })
}

/// The next input: one time in three a generated shape (run through the commands), else a
/// mutated seed. Returns its reader, what it is, and its bytes.
fn next_input(
    rng: &mut Rng,
    seeds: &[(Reader, String, Vec<u8>)],
) -> (Reader, &'static str, Vec<u8>) {
    if rng.below(3) == 0 {
        let (shape, bytes) = shapes::generate(rng);
        (Reader::Commands, shape, bytes)
    } else {
        let (reader, _, base) = &seeds[rng.below(seeds.len())];
        (*reader, reader.name(), robust::mutate(rng, base))
    }
}

/// Runs, findings, and the slowest run, per kind of input.
#[derive(Default)]
struct Tally {
    runs: u64,
    findings: u64,
    kinds: std::collections::BTreeMap<String, u64>,
    per_input: std::collections::BTreeMap<&'static str, (u64, Duration)>,
}

impl Tally {
    /// Counts one run; saves a finding (at most 20 of a kind, so a flood of one bug does not
    /// fill the disk).
    fn record(
        &mut self,
        out: &Path,
        reader: Reader,
        shape: &'static str,
        input: &[u8],
        why: Option<String>,
        took: Duration,
    ) {
        self.runs += 1;
        let entry = self.per_input.entry(shape).or_default();
        entry.0 += 1;
        entry.1 = entry.1.max(took);
        if let Some(why) = why {
            let seen = self.kinds.entry(kind_of(&why)).or_default();
            *seen += 1;
            if *seen <= 20 {
                save(out, reader, input, &why);
            }
            self.findings += 1;
        }
    }

    fn print(&self) {
        for (input, (n, slowest)) in &self.per_input {
            eprintln!("{n:>8} runs of {input:<18} slowest {slowest:.2?}");
        }
        for (kind, n) in &self.kinds {
            eprintln!("{n:>6} × {kind}");
        }
    }
}

/// Waits for the worker; when one input runs longer than `--hang-seconds`, saves it and exits.
fn watch(
    o: &Options,
    worker: &std::thread::JoinHandle<(u64, u64)>,
    current: &Current,
    progress: &AtomicU64,
    started: Instant,
) {
    loop {
        std::thread::sleep(Duration::from_millis(500));
        if worker.is_finished() {
            return;
        }
        let last = Duration::from_millis(progress.load(Ordering::Relaxed));
        if started.elapsed().saturating_sub(last) > o.hang {
            let (reader, input) = current.lock().unwrap_or_else(|e| e.into_inner()).clone();
            save(&o.out, reader, &input, "hang");
            eprintln!("stopped: one input ran for more than {:?}", o.hang);
            std::process::exit(1);
        }
    }
}

/// A finding's message with ids and numbers blanked, to count findings by kind.
fn kind_of(why: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in why.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                if quoted {
                    out.push_str("`…`");
                }
            }
            _ if quoted => {}
            '0'..='9' => {
                if !out.ends_with('N') {
                    out.push('N');
                }
            }
            _ => out.push(c),
        }
    }
    out
}
