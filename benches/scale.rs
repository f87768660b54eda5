//! How the cost of the input shapes that once exploded grows: each case is run on size n and
//! on 2n by the built `agenda` binary, and the growth factors (time and peak memory at 2n over
//! n) are printed as CSV. Linear work gives about 2; the promise is at most 2.5. Peak memory is
//! read through `/usr/bin/time` when it is there (empty otherwise).
//!
//! ```sh
//! cargo bench --bench scale            # every case
//! cargo bench --bench scale -- slot    # the cases whose name contains `slot`
//! ```

#[path = "../tests/common/shapes.rs"]
mod shapes;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One case: its name, the command's arguments after the schedule (`{s}` is the schedule file,
/// `{p}` a profile with a long name, `{q}` a plain one), the input for a size, and its n.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    input: fn(usize) -> String,
    n: usize,
}

const CASES: &[Case] = &[
    Case {
        name: "slot-check",
        args: &["check", "{s}"],
        input: shapes::same_slot,
        n: 4_000,
    },
    Case {
        name: "slot-plan",
        args: &["plan", "--schedule", "{s}", "--likes", "talk"],
        input: shapes::same_slot,
        n: 4_000,
    },
    Case {
        name: "days-plan",
        args: &["plan", "--schedule", "{s}", "--likes", "talk"],
        input: shapes::overlapping_days,
        n: 4,
    },
    Case {
        name: "days-compare",
        args: &["--schedule", "{s}", "compare", "{q}", "{q}"],
        input: shapes::overlapping_days,
        n: 4,
    },
    Case {
        name: "days-together",
        args: &["--schedule", "{s}", "together", "{q}", "{q}"],
        input: shapes::overlapping_days,
        n: 4,
    },
    Case {
        name: "word-plan",
        args: &["plan", "--schedule", "{s}", "--likes", "talk"],
        input: shapes::long_word,
        n: 32_000,
    },
    Case {
        name: "name-compare",
        args: &["--schedule", "{s}", "compare", "{p}", "{q}"],
        input: |_| shapes::overlapping_days(1),
        n: 64_000,
    },
    Case {
        name: "rooms-check",
        args: &["check", "{s}"],
        input: shapes::empty_rooms,
        n: 80_000,
    },
    Case {
        name: "ids-check",
        args: &["check", "{s}"],
        input: shapes::duplicate_ids,
        n: 16_000,
    },
];

/// Seconds and peak kilobytes of one run.
fn run(dir: &Path, case: &Case, n: usize) -> (f64, Option<u64>) {
    let schedule = dir.join(format!("{}-{n}.json", case.name));
    std::fs::write(&schedule, (case.input)(n)).unwrap();
    let long = dir.join(format!("long-{n}.ron"));
    std::fs::write(&long, shapes::long_name_profile(n)).unwrap();
    let plain = dir.join("plain.ron");
    std::fs::write(&plain, shapes::long_name_profile(5)).unwrap();
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| match *a {
            "{s}" => schedule.display().to_string(),
            "{p}" => long.display().to_string(),
            "{q}" => plain.display().to_string(),
            other => other.to_string(),
        })
        .collect();
    let report = dir.join("time.txt");
    let timed = Path::new("/usr/bin/time").exists();
    let mut command = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M", "-o"])
            .arg(&report)
            .arg(env!("CARGO_BIN_EXE_agenda"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_agenda"))
    };
    command
        .args(&args)
        .env("XDG_CACHE_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let started = Instant::now();
    let status = command.status().unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert!(status.success(), "{} at n = {n}: {status}", case.name);
    let kb = timed
        .then(|| std::fs::read_to_string(&report).ok())
        .flatten()
        .and_then(|t| t.trim().lines().last()?.trim().parse().ok());
    (seconds, kb)
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let dir = tempfile::tempdir().unwrap();
    let dir: PathBuf = dir.path().to_path_buf();
    println!("case,n,seconds_n,seconds_2n,time_growth,peak_kb_n,peak_kb_2n,memory_growth");
    for case in CASES
        .iter()
        .filter(|c| filter.as_deref().is_none_or(|f| c.name.contains(f)))
    {
        let (t1, m1) = run(&dir, case, case.n);
        let (t2, m2) = run(&dir, case, 2 * case.n);
        let kb = |m: Option<u64>| m.map_or(String::new(), |m| m.to_string());
        let memory = match (m1, m2) {
            (Some(a), Some(b)) if a > 0 => format!("{:.2}", b as f64 / a as f64),
            _ => String::new(),
        };
        println!(
            "{},{},{t1:.3},{t2:.3},{:.2},{},{},{memory}",
            case.name,
            case.n,
            t2 / t1,
            kb(m1),
            kb(m2)
        );
    }
}
