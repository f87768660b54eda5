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
}

impl Reader {
    /// Every reader.
    pub const ALL: [Reader; 3] = [Reader::Schedule, Reader::Profile, Reader::SavedPlan];

    /// A short name, used as the prefix of fixture files.
    pub fn name(self) -> &'static str {
        match self {
            Reader::Schedule => "schedule",
            Reader::Profile => "profile",
            Reader::SavedPlan => "saved",
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
    let text = String::from_utf8_lossy(bytes);
    match reader {
        Reader::Schedule => exercise_schedule(&text),
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

fn exercise_schedule(text: &str) -> Result<(), String> {
    let Ok((schedule, problems)) = agenda::import::read(text, "fuzz") else {
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
        plan_is_feasible_and_optimal(&schedule)?;
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
