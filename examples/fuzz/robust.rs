//! What every reader promises on any input, as code the fuzzer (`examples/fuzz/main.rs`) and
//! the regression test of its fixtures (`tests/fuzz_regressions.rs`, which includes this file)
//! both call. It is no library API: a test oracle, not something `agenda` offers.
//!
//! A reader may refuse an input (an `Err` is a fine answer), but it must not panic, and what it
//! accepts must be usable: a schedule that loads passes `check`, keeps its own rules (positive
//! lengths, known rooms, unique ids, a real time zone, canonical order) and survives a RON
//! round trip; a plan made on it is feasible (no overlaps by real instants, the switch limit
//! kept) and as good as the independent dynamic program says is possible.

// Each of the two programs that include this file uses only part of it.
#![allow(dead_code)]

use agenda::schedule::{self, Schedule, Severity, validate};
use std::collections::BTreeSet;

/// Which reader an input is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A schedule: RON, pretalx/frab JSON or XML (chosen by content).
    Schedule,
    /// A profile (RON).
    Profile,
    /// A saved plan (RON or JSON).
    SavedPlan,
    /// A schedule of a generated shape (`shapes.rs`): the schedule's promises, and the commands
    /// run on it as a user would ([`exercise_commands`]).
    Commands,
}

impl Reader {
    /// Every reader.
    pub const ALL: [Reader; 4] = [
        Reader::Schedule,
        Reader::Profile,
        Reader::SavedPlan,
        Reader::Commands,
    ];

    /// A short name, used as the prefix of fixture files.
    pub fn name(self) -> &'static str {
        match self {
            Reader::Schedule => "schedule",
            Reader::Profile => "profile",
            Reader::SavedPlan => "saved",
            Reader::Commands => "commands",
        }
    }

    /// The reader a fixture file name (`schedule-….txt`) belongs to.
    pub fn from_file_name(name: &str) -> Option<Reader> {
        Reader::ALL
            .into_iter()
            .find(|r| name.starts_with(&format!("{}-", r.name())))
    }
}

/// Schedules with more sessions than this are read and checked but not planned (planning is
/// the slow part; the invariant is the same at every size).
pub const PLAN_AT_MOST: usize = 400;

/// Runs `reader` on `bytes` and checks every promise above. `Err` names the broken invariant;
/// a panic inside is the caller's to catch (it is a finding too).
pub fn exercise(reader: Reader, bytes: &[u8]) -> Result<(), String> {
    exercise_timed(reader, bytes, &mut Timings::default())
}

/// [`exercise`], adding how long each step took to `timings` (the fuzzer judges each against
/// its own budget, [`Step::budget`]).
pub fn exercise_timed(reader: Reader, bytes: &[u8], timings: &mut Timings) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    match reader {
        Reader::Schedule => exercise_schedule(&text, timings),
        Reader::Commands => {
            exercise_schedule(&text, timings)?;
            exercise_commands(bytes, timings)
        }
        Reader::Profile => {
            if let Ok(settings) = agenda::prefs::profile::parse(&text, "fuzz.ron") {
                // A parsed profile is turned into a request as `plan --profile` would.
                let schedule = Schedule::embedded().map_err(|e| e.to_string())?;
                let _ = settings.to_request(&schedule);
            }
            Ok(())
        }
        Reader::SavedPlan => {
            if let Ok(saved) = agenda::saved::SavedPlan::parse(&text, "fuzz.ron") {
                let schedule = Schedule::embedded().map_err(|e| e.to_string())?;
                let _ = saved.resolve(&schedule, "fuzz.ron");
            }
            Ok(())
        }
    }
}

fn exercise_schedule(text: &str, timings: &mut Timings) -> Result<(), String> {
    let started = std::time::Instant::now();
    let read = agenda::import::read(text, "fuzz");
    timings.add(Step::Read, started.elapsed());
    let Ok((schedule, problems)) = read else {
        return Ok(());
    };
    if validate::fail_on_errors(&problems).is_err() {
        return Ok(());
    }
    schedule_keeps_its_rules(&schedule, &problems)?;
    let ron = schedule::ron_format::write(&schedule)
        .map_err(|e| format!("a loaded schedule cannot be written as RON: {e:#}"))?;
    if let Ok((again, problems)) = schedule::ron_format::read(&ron, "round-trip.ron")
        && problems.iter().all(|p| p.severity != Severity::Error)
    {
        let ids = |s: &Schedule| s.sessions.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
        if ids(&again) != ids(&schedule) {
            return Err("the RON round trip changed the sessions".into());
        }
    }
    if schedule.sessions.len() <= PLAN_AT_MOST {
        let started = std::time::Instant::now();
        let result = plan_is_feasible_and_optimal(&schedule);
        timings.add(Step::Plan, started.elapsed());
        result?;
    }
    Ok(())
}

/// The rules every loaded schedule keeps, checked directly on the sessions.
///
/// A zero-length session may come from an import (real exports have them) but must then carry
/// a `zero-length` warning in `problems`.
pub fn schedule_keeps_its_rules(
    schedule: &Schedule,
    problems: &[schedule::Problem],
) -> Result<(), String> {
    schedule
        .time_zone()
        .map_err(|e| format!("loaded with an unknown time zone: {e:#}"))?;
    let rooms: BTreeSet<&str> = schedule
        .conference
        .rooms
        .iter()
        .map(String::as_str)
        .collect();
    let mut ids = BTreeSet::new();
    for s in &schedule.sessions {
        if s.minutes == 0
            && !problems
                .iter()
                .any(|p| p.code == "zero-length" && p.entry.as_deref() == Some(s.id.as_str()))
        {
            return Err(format!(
                "session `{}` has length 0 and no warning says so",
                s.id
            ));
        }
        if !rooms.contains(s.room.as_str()) {
            return Err(format!(
                "session `{}` is in unknown room `{}`",
                s.id, s.room
            ));
        }
        if !ids.insert(s.id.as_str()) {
            return Err(format!("id `{}` is used twice", s.id));
        }
    }
    let mut sorted = schedule.clone();
    sorted.sort();
    if sorted.sessions != schedule.sessions {
        return Err("sessions are not in canonical order".into());
    }
    Ok(())
}

/// Plans with a few liked topics and the default limits; checks the agenda independently.
fn plan_is_feasible_and_optimal(schedule: &Schedule) -> Result<(), String> {
    let likes: Vec<String> = schedule.topic_counts().into_keys().take(3).collect();
    let request = agenda::prefs::Request {
        interests: agenda::prefs::Interests {
            likes: likes
                .iter()
                .map(|t| agenda::prefs::Weighted {
                    term: t.clone(),
                    weight: 2,
                })
                .collect(),
            ..Default::default()
        },
        limits: agenda::prefs::Limits::default(),
    };
    let Ok(plan) = agenda::plan::plan(schedule, &request) else {
        return Ok(());
    };
    let chosen: Vec<&schedule::Session> =
        plan.chosen.iter().map(|&i| &schedule.sessions[i]).collect();
    for (n, a) in chosen.iter().enumerate() {
        if !a.kind.is_plannable() {
            return Err(format!(
                "the plan attends `{}`, a {}",
                a.id,
                a.kind.as_str()
            ));
        }
        for b in &chosen[n + 1..] {
            if a.overlaps(b) {
                return Err(format!(
                    "the plan attends `{}` and `{}`, which overlap",
                    a.id, b.id
                ));
            }
        }
    }
    // The conference-days verifier, from the schedule's own times (no overlap across midnight,
    // switches per conference day, breaks kept).
    let failures = agenda::plan::verify::check_agenda(schedule, &request, &plan.chosen);
    if !failures.is_empty() {
        return Err(format!(
            "the plan verifier refuses it: {}",
            failures.join("; ")
        ));
    }
    let limit = request.limits.max_switches.unwrap_or(u32::MAX);
    if let Some((day, n)) = plan.switches.iter().find(|(_, n)| **n > limit) {
        return Err(format!("{n} room switches on {day}, more than {limit}"));
    }
    // The reference's state holds every open day's room: over its budget (days that overlap
    // in time, a day of thousands of talks) the rules above are the check, as after `plan`.
    let work = agenda::plan::verify::reference_work(&plan.instance);
    if work > agenda::plan::verify::REFERENCE_BUDGET {
        return Ok(());
    }
    let reference = agenda::solve::dp::solve(&plan.instance)
        .map_err(|e| format!("the reference DP failed where the ILP succeeded: {e:#}"))?;
    if reference.total != plan.total {
        return Err(format!(
            "the plan scores {} half points, the DP {}",
            plan.total, reference.total
        ));
    }
    Ok(())
}

/// The formats `plan` is run with on a shape, and whether each is checked as JSON.
const FORMATS: [&str; 6] = ["table", "json", "text", "markdown", "csv", "ics"];

/// Runs the commands a user would on the schedule `bytes` (written to a file): `check`, and
/// `plan --likes talk` in every format, both to standard output (through the binary's
/// cleaning stream) and with `-o` to a file, `together` and `compare` for two people liking
/// talks, then `plan -o /dev/fd/N` with N the file open for reading. Each must end without a panic and without the internal-bug error ("This is a bug in
/// agenda"); what it prints or writes must hold no raw C0 control but newline and tab (CR only
/// before a newline), no DEL, no C1 control and no direction override or isolate; JSON must
/// parse; and the input file must be byte for byte what it was (an `-o` onto an open input is
/// refused).
pub fn exercise_commands(bytes: &[u8], timings: &mut Timings) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("no temporary folder: {e}"))?;
    let path = dir.path().join("shape.json");
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write the input: {e}"))?;
    let file = path.to_string_lossy().into_owned();
    let mut command = |step: Step, args: &[&str]| {
        let started = std::time::Instant::now();
        let out = command(args);
        timings.add(step, started.elapsed());
        out
    };
    let out = command(Step::Check, &["check", &file])?;
    clean("check", &out)?;
    for format in FORMATS {
        let plan = [
            "plan",
            "--schedule",
            &file,
            "--likes",
            "talk",
            "--format",
            format,
        ];
        let out = command(Step::Plan, &plan)?;
        clean(format, &out)?;
        let target = dir.path().join(format!("out.{format}"));
        let target_name = target.to_string_lossy().into_owned();
        let mut to_file = plan.to_vec();
        to_file.extend(["-o", &target_name, "--force"]);
        command(Step::Plan, &to_file)?;
        let written = std::fs::read(&target).unwrap_or_default();
        clean(&format!("plan --format {format} -o FILE"), &written)?;
        for text in [&out, &written] {
            if format == "json" && !text.is_empty() {
                serde_json::from_slice::<serde_json::Value>(text)
                    .map_err(|e| format!("plan --format json wrote no JSON: {e}"))?;
            }
        }
    }
    let people = three_people(dir.path())?;
    for (step, name) in [(Step::Together, "together"), (Step::Compare, "compare")] {
        let out = command(step, &["--schedule", &file, name, &people[0], &people[1]])?;
        clean(name, &out)?;
    }
    let group = [
        "--schedule",
        &file,
        "together",
        &people[0],
        &people[1],
        &people[2],
    ];
    let out = command(Step::Group, &group)?;
    clean("together (three)", &out)?;
    onto_open_input(&path, bytes, &mut command)
}

/// Three profiles liking talks, written in `dir`: their paths. The first two plan under the
/// same rules (at most two switches); the third under others (no switch limit, five minutes a
/// switch), so that the three of them are the group the sweep in time settles.
fn three_people(dir: &std::path::Path) -> Result<[String; 3], String> {
    let write = |name: &str, switches: &str, minutes: u32| {
        let path = dir.join(format!("{name}.ron"));
        let profile = format!(
            "(name: \"{name}\", likes: [\"talk\"], dislikes: [], speakers: [], must: [], avoid: [], max_switches: {switches}, switch_minutes: {minutes}, busy: [])"
        );
        std::fs::write(&path, profile).map_err(|e| format!("cannot write a profile: {e}"))?;
        Ok::<_, String>(path.to_string_lossy().into_owned())
    };
    Ok([
        write("Ann", "2", 0)?,
        write("Bo", "2", 0)?,
        write("Cy", "None", 5)?,
    ])
}

/// `plan -o /dev/fd/N` and `-o /proc/self/fd/N`, N the input open for reading: the input stays
/// as it was.
#[cfg(unix)]
fn onto_open_input(
    path: &std::path::Path,
    bytes: &[u8],
    command: &mut impl FnMut(Step, &[&str]) -> Result<Vec<u8>, String>,
) -> Result<(), String> {
    use std::os::fd::AsRawFd;
    let open = std::fs::File::open(path).map_err(|e| format!("cannot open the input: {e}"))?;
    let fd = open.as_raw_fd();
    let file = path.to_string_lossy().into_owned();
    for target in [format!("/dev/fd/{fd}"), format!("/proc/self/fd/{fd}")] {
        command(
            Step::Plan,
            &[
                "plan",
                "--schedule",
                &file,
                "--likes",
                "talk",
                "-o",
                &target,
            ],
        )?;
        let now = std::fs::read(path).map_err(|e| format!("cannot read the input: {e}"))?;
        if now != bytes {
            return Err(format!(
                "plan -o {target} (the open input) changed the input"
            ));
        }
    }
    drop(open);
    Ok(())
}

#[cfg(not(unix))]
fn onto_open_input(
    _: &std::path::Path,
    _: &[u8],
    _: &mut impl FnMut(Step, &[&str]) -> Result<Vec<u8>, String>,
) -> Result<(), String> {
    Ok(())
}

/// What `agenda ARGS --quiet` wrote on its standard output, through the cleaning stream the
/// binary puts there; an error is fine unless it is the internal-bug error.
fn command(args: &[&str]) -> Result<Vec<u8>, String> {
    let mut line = vec!["agenda", "--quiet"];
    line.extend_from_slice(args);
    let cli = <agenda::cli::Cli as clap::Parser>::try_parse_from(&line)
        .map_err(|e| format!("the fuzzer's command line is wrong: {e}"))?;
    let mut out = Vec::new();
    let mut stream = agenda::output::sanitize::Sanitizing::new(&mut out);
    let result = agenda::run(cli, &mut stream);
    let _ = std::io::Write::flush(&mut stream);
    drop(stream);
    match result {
        Err(e) if format!("{e:#}").contains("bug in agenda") => Err(format!(
            "`{}` ended in the internal-bug error: {e:#}",
            args.join(" ")
        )),
        _ => Ok(out),
    }
}

/// What the fuzzer times, each against its own budget: the kinds of work differ in what they
/// may cost (reading is linear; planning solves an integer program; planning together solves
/// one for several people at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Reading a schedule and checking its rules (in the library).
    Read,
    /// `agenda check`.
    Check,
    /// Planning one person: `agenda plan` in one format, or the library's plan and its
    /// independent checks.
    Plan,
    /// `agenda compare` of two people.
    Compare,
    /// `agenda together` of two people.
    Together,
    /// `agenda together` of three people under different rules.
    Group,
}

impl Step {
    /// The step's name in a finding.
    pub fn name(self) -> &'static str {
        match self {
            Step::Read => "read",
            Step::Check => "check",
            Step::Plan => "plan",
            Step::Compare => "compare",
            Step::Together => "together",
            Step::Group => "together (three)",
        }
    }

    /// How long one run of the step may take before it is a finding, when planning one person
    /// may take `plan` (the fuzzer's `--slow-seconds`): reading and `check` a quarter of it,
    /// `compare` (two plans alone) twice, `together` (two plans alone and the joint program)
    /// four times, three people's six times.
    pub fn budget(self, plan: std::time::Duration) -> std::time::Duration {
        match self {
            Step::Read | Step::Check => plan / 4,
            Step::Plan => plan,
            Step::Compare => plan * 2,
            Step::Together => plan * 4,
            Step::Group => plan * 6,
        }
    }
}

/// How long each step of one input's run took, in the order they ran.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings(pub Vec<(Step, std::time::Duration)>);

impl Timings {
    /// Adds one run of `step`.
    pub fn add(&mut self, step: Step, took: std::time::Duration) {
        self.0.push((step, took));
    }

    /// The step furthest over its budget (by the ratio of its time to the budget), as a
    /// finding's words, when planning one person may take `plan`; `None` when every step kept
    /// its budget.
    pub fn over_budget(&self, plan: std::time::Duration) -> Option<String> {
        self.0
            .iter()
            .map(|&(step, took)| {
                (
                    took.as_secs_f64() / step.budget(plan).as_secs_f64(),
                    step,
                    took,
                )
            })
            .filter(|&(ratio, _, _)| ratio > 1.0)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, step, took)| {
                format!(
                    "{} took {took:.1?}, over its budget of {:.0?}",
                    step.name(),
                    step.budget(plan)
                )
            })
    }
}

/// Whether a character is one a terminal, a spreadsheet or a bidi renderer would act on.
pub fn is_raw_control(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t' && c != '\r')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `out` (of `what`) holds no raw control character (see [`exercise_commands`]).
fn clean(what: &str, out: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(out);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let bare_cr = c == '\r' && chars.peek() != Some(&'\n');
        if is_raw_control(c) || bare_cr {
            return Err(format!(
                "{what} printed a raw control character U+{:04X}",
                u32::from(c)
            ));
        }
    }
    Ok(())
}

/// A small deterministic pseudo-random generator (SplitMix64), so fuzzing needs no crate and a
/// seed reproduces a run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Snippets worth inserting: tags and fields the readers know, numbers at the edges.
const INSERTS: &[&str] = &[
    "<event id=\"1\">",
    "</event>",
    "<room name=\"X\">",
    "</room>",
    "<day date=\"2025-03-30\" index=\"1\">",
    "<start>02:30</start>",
    "<duration>99:99</duration>",
    "<persons><person>A</person></persons>",
    "\"persons\": \"A\",",
    "\"duration\": \"-00:30\",",
    "\"start\": \"25:00\",",
    "\"date\": \"2025-10-26T02:30:00+01:00\",",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    ",",
    "null",
    "0",
    "-1",
    "4294967296",
    "18446744073709551616",
    "1e309",
    "NaN",
    "\u{1b}[31m",
    "\u{feff}",
    "\0",
    "&amp;",
    "&#0;",
    "minutes: 0,",
    "start: \"02:30\",",
    "date: \"2025-03-30\",",
    "time_zone: \"Europe/Berlin\",",
    "time_zone: \"\",",
];

/// One random mutation of `input`: a byte flip, a line deleted or duplicated, a truncation, or
/// an inserted tag or number.
pub fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let lines = line_starts(&out);
                let l = rng.below(lines.len());
                let (a, b) = (lines[l], lines.get(l + 1).copied().unwrap_or(out.len()));
                if rng.below(2) == 0 {
                    out.drain(a..b);
                } else {
                    let copy = out[a..b].to_vec();
                    out.splice(b..b, copy);
                }
            }
            3 if !out.is_empty() => {
                let at = rng.below(out.len());
                out.truncate(at);
            }
            _ => {
                let snippet = INSERTS[rng.below(INSERTS.len())].as_bytes();
                let at = rng.below(out.len() + 1);
                out.splice(at..at, snippet.iter().copied());
            }
        }
    }
    out
}

fn line_starts(bytes: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1)
            .filter(|&i| i < bytes.len()),
    );
    starts
}
