//! The independent check every plan passes before it is printed.
//!
//! [`check_agenda`] reads the chosen sessions' times from the schedule itself (its local start
//! and end instants, not the solver's minutes) and checks the rules an agenda must keep: no two
//! chosen sessions share a minute, none falls in a break, the social event or a busy window,
//! every must-see is attended and nothing avoided, the switch minutes hold between consecutive
//! talks in different rooms (across a day boundary too), and each conference day keeps to the
//! switch limit. [`verify`] adds what makes a plan *optimal*: its score and switches are those
//! it reports, and the reference dynamic program (`solve::dp`, which shares no code with the
//! integer program) finds the same score and the same number of switches — when its quadratic
//! work fits [`REFERENCE_BUDGET`] (every real conference; not a generated day of thousands of
//! talks, where it would take longer than planning; the footer then does not claim it).
//!
//! A failure is a bug, never bad input: the caller gets an error that says what failed (exit 1)
//! instead of an agenda nobody can back.

use super::{Plan, resolve_lists};
use crate::prefs::Request;
use crate::schedule::clock::RealClock;
use crate::schedule::{Kind, Schedule, Session};
use crate::solve;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// What the check after solving established.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verified {
    /// Sessions of the agenda checked against the schedule.
    pub sessions: usize,
    /// Whether the reference dynamic program was run and agreed.
    pub reference: bool,
    /// Time spent checking (the dynamic program included).
    pub elapsed: Duration,
}

impl Verified {
    /// The footer's lines: what was checked (no timing: output stays the same run after run;
    /// `--verbose` shows it).
    pub fn summary(&self) -> String {
        let reference = if self.reference {
            " and the\nreference dynamic program (same score, same switches)"
        } else {
            ""
        };
        format!(
            "Verified after solving, from the schedule's own times (no overlaps, breaks and busy\nwindows kept, must-see and avoid, switches per conference day, switch minutes){reference}."
        )
    }
}

/// Every rule the agenda `chosen` (schedule indices) breaks, as sentences; empty when it keeps
/// them all. Uses the schedule's own session times.
pub fn check_agenda(schedule: &Schedule, request: &Request, chosen: &[usize]) -> Vec<String> {
    let mut failures = Vec::new();
    let sessions = &schedule.sessions;
    if let Some(&bad) = chosen.iter().find(|&&i| i >= sessions.len()) {
        failures.push(format!("session number {bad} is not in the schedule"));
        return failures;
    }
    // Times in real time: on the night the clocks change, a talk lasts its length.
    let clock = RealClock::of(schedule);
    let order = in_time_order(sessions, clock, chosen, &mut failures);
    check_plannable(sessions, &order, &mut failures);
    check_no_overlaps(sessions, clock, &order, &mut failures);
    check_switch_minutes(schedule, clock, request, &order, &mut failures);
    check_free_times(sessions, clock, request, &order, &mut failures);
    check_must_and_avoid(schedule, request, &order, &mut failures);
    check_switches_per_day(schedule, request, &order, &mut failures);
    failures
}

/// A session for messages: `` `id` (date HH:MM–HH:MM, room) ``.
fn describe(sessions: &[Session], i: usize) -> String {
    let s = &sessions[i];
    format!(
        "`{}` ({} {}–{}, {})",
        s.id,
        s.date,
        s.start_at().format("%H:%M"),
        s.end_at().format("%H:%M"),
        s.room
    )
}

/// The chosen sessions by start, end and index, each once; a session chosen twice is a failure.
fn in_time_order(
    sessions: &[Session],
    clock: RealClock,
    chosen: &[usize],
    failures: &mut Vec<String>,
) -> Vec<usize> {
    let mut order: Vec<usize> = chosen.to_vec();
    order.sort_by_key(|&i| (clock.span(&sessions[i]), i));
    for w in order.windows(2) {
        if w[0] == w[1] {
            failures.push(format!("{} is chosen twice", describe(sessions, w[0])));
        }
    }
    order.dedup();
    order
}

/// Only talks and workshops are chosen, never a break or other unplannable session, and never
/// a cancelled one.
fn check_plannable(sessions: &[Session], order: &[usize], failures: &mut Vec<String>) {
    for &i in order {
        if !sessions[i].kind.is_plannable() {
            failures.push(format!(
                "{} is a {}",
                describe(sessions, i),
                sessions[i].kind.as_str()
            ));
        }
        if sessions[i].cancelled {
            failures.push(format!("{} is cancelled", describe(sessions, i)));
        }
    }
}

/// No two share a minute: in start order, each must start at or after every earlier end.
fn check_no_overlaps(
    sessions: &[Session],
    clock: RealClock,
    order: &[usize],
    failures: &mut Vec<String>,
) {
    let mut latest: Option<usize> = None;
    let end = |i: usize| clock.span(&sessions[i]).1;
    for &i in order {
        if let Some(l) = latest
            && clock.span(&sessions[i]).0 < end(l)
        {
            failures.push(format!(
                "{} and {} overlap",
                describe(sessions, l),
                describe(sessions, i)
            ));
        }
        if latest.is_none_or(|l| end(i) > end(l)) {
            latest = Some(i);
        }
    }
}

/// Switch minutes between consecutive talks in different rooms, whatever their days.
fn check_switch_minutes(
    schedule: &Schedule,
    clock: RealClock,
    request: &Request,
    order: &[usize],
    failures: &mut Vec<String>,
) {
    let sessions = &schedule.sessions;
    match crate::prefs::venue::RoomMinutes::new(schedule, &request.limits) {
        Ok(walk) => {
            for w in order.windows(2) {
                let (a, b) = (&sessions[w[0]], &sessions[w[1]]);
                let gap = (clock.span(b).0 - clock.span(a).1).num_minutes();
                let minutes = walk.between(&a.room, &b.room);
                if a.room != b.room && gap >= 0 && gap < minutes {
                    failures.push(format!(
                        "only {gap} minutes to change rooms from {} to {} (it takes {minutes})",
                        describe(sessions, w[0]),
                        describe(sessions, w[1])
                    ));
                }
            }
        }
        Err(e) => failures.push(format!("the walking times cannot be read: {e}")),
    }
}

/// Breaks and the social event (in any room) and busy windows are kept free.
fn check_free_times(
    sessions: &[Session],
    clock: RealClock,
    request: &Request,
    order: &[usize],
    failures: &mut Vec<String>,
) {
    let breaks: Vec<&Session> = sessions
        .iter()
        .filter(|o| matches!(o.kind, Kind::Break | Kind::Social))
        .collect();
    for &i in order {
        let s = &sessions[i];
        for other in breaks.iter().copied() {
            if clock.overlap(s, other) {
                failures.push(format!(
                    "{} falls in the {} `{}`",
                    describe(sessions, i),
                    other.kind.as_str(),
                    other.title
                ));
            }
        }
        for b in &request.limits.busy {
            if b.overlaps_session(clock, s) {
                failures.push(format!(
                    "{} falls in the busy window {b}",
                    describe(sessions, i)
                ));
            }
        }
    }
}

/// Must-see attended, avoided not.
fn check_must_and_avoid(
    schedule: &Schedule,
    request: &Request,
    order: &[usize],
    failures: &mut Vec<String>,
) {
    let sessions = &schedule.sessions;
    match resolve_lists(schedule, &request.interests) {
        Ok((must, avoid)) => {
            for m in must.iter().filter(|m| !order.contains(m)) {
                failures.push(format!(
                    "the must-see {} is missing",
                    describe(sessions, *m)
                ));
            }
            for a in avoid.iter().filter(|a| order.contains(a)) {
                failures.push(format!("the avoided {} is chosen", describe(sessions, *a)));
            }
        }
        Err(e) => failures.push(format!("the must-see and avoid lists do not resolve: {e}")),
    }
}

/// Switches per conference day, along each day's own sequence, within `--max-switches`.
fn check_switches_per_day(
    schedule: &Schedule,
    request: &Request,
    order: &[usize],
    failures: &mut Vec<String>,
) {
    if let Some(k) = request.limits.max_switches {
        for (day, n) in switches_per_day(schedule, order) {
            if n > k {
                failures.push(format!(
                    "{n} room switches on day {day}, more than --max-switches {k}"
                ));
            }
        }
    }
}

/// The days whose room switches, counted from the schedule, differ from what the plan reports
/// (the switches between the talks that score plus those spent on filling free time).
pub fn switch_count_failures(schedule: &Schedule, plan: &Plan) -> Vec<String> {
    let counted = switches_per_day(schedule, &plan.chosen);
    let mut failures = Vec::new();
    for (&day, &reported) in &plan.switches {
        let reported = reported + plan.fill_switches.get(&day).copied().unwrap_or(0);
        let actual = counted.get(&day).copied().unwrap_or(0);
        if actual != reported {
            failures.push(format!(
                "day {day} has {actual} room switches, the plan says {reported}"
            ));
        }
    }
    failures
}

/// Room changes between consecutive chosen sessions of each conference day (its own sequence),
/// keyed by day index; from the schedule's times.
pub fn switches_per_day(schedule: &Schedule, chosen: &[usize]) -> BTreeMap<u32, u32> {
    let sessions = &schedule.sessions;
    let mut by_day: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &i in chosen {
        by_day.entry(sessions[i].day).or_default().push(i);
    }
    by_day
        .into_iter()
        .map(|(day, mut list)| {
            list.sort_by_key(|&i| (sessions[i].start_at(), i));
            let n = list
                .windows(2)
                .filter(|w| sessions[w[0]].room != sessions[w[1]].room)
                .count() as u32;
            (day, n)
        })
        .collect()
}

/// Most work (pairs of candidates times switch counts, see [`reference_work`]) the reference
/// dynamic program may take after a plan: about 0.1 s on this machine class. Every real
/// conference stays far below (FOSDEM 2025: under 10⁶); a generated day of thousands of talks
/// would spend seconds to minutes on it, so there the rules are checked without it.
pub const REFERENCE_BUDGET: u64 = 4_000_000;

/// The reference dynamic program's work on an instance: O(n²·(K + 1)) per conference day of
/// n candidates (see `solve::dp`), summed — when no two days overlap in time. Days that do
/// overlap are one problem to it, and its state holds the room and switches of every day still
/// open: (rooms·(K + 1)) more states for each further day open at once. So with `depth` days
/// open together, the work is n²·(K + 1)·(rooms·(K + 1))^(depth − 1) over all their n
/// candidates: exponential in the depth, which the budget then refuses (saturating, never
/// wrapping).
pub fn reference_work(instance: &solve::Instance) -> u64 {
    let kdim = instance.max_switches.map_or(1, |k| u64::from(k) + 1);
    let depth = overlap_depth(instance);
    if depth <= 1 {
        return instance
            .days
            .iter()
            .map(|d| {
                (d.items.len() as u64)
                    .saturating_pow(2)
                    .saturating_mul(kdim)
            })
            .fold(0, u64::saturating_add);
    }
    let n: u64 = instance.days.iter().map(|d| d.items.len() as u64).sum();
    let rooms = instance
        .days
        .iter()
        .flat_map(|d| d.items.iter().map(|it| it.room))
        .collect::<std::collections::BTreeSet<_>>()
        .len() as u64;
    let per_day = rooms.max(1).saturating_mul(kdim);
    let exponent = u32::try_from(depth - 1).unwrap_or(u32::MAX);
    n.saturating_pow(2)
        .saturating_mul(kdim)
        .saturating_mul(per_day.saturating_pow(exponent))
}

/// The most conference days open at once: a day is open from its first candidate's start to
/// its last candidate's start (the reference dynamic program keeps a day's room and switches in
/// its state while another of its talks can still come). 1 when no two days overlap.
pub fn overlap_depth(instance: &solve::Instance) -> usize {
    deepest_overlap(&instance.days).len().max(1)
}

/// The days (positions in `days`) open together at the moment most are (see
/// [`overlap_depth`]); empty without candidates. O(n + d log d) for n candidates of d days.
pub fn deepest_overlap(days: &[solve::Day]) -> Vec<usize> {
    let mut events: Vec<(i64, i32, usize)> = Vec::new();
    for (d, day) in days.iter().enumerate() {
        let first = day.items.iter().map(|it| it.start).min();
        let last = day.items.iter().map(|it| it.start).max();
        if let (Some(first), Some(last)) = (first, last) {
            // (minute, 0) sorts before (minute, 1): a day opening at the minute another's last
            // talk starts is open together with it.
            events.push((first, 0, d));
            events.push((last, 1, d));
        }
    }
    events.sort_unstable();
    let mut open = std::collections::BTreeSet::new();
    let mut deepest = Vec::new();
    for (_, kind, d) in events {
        if kind == 0 {
            open.insert(d);
            if open.len() > deepest.len() {
                deepest = open.iter().copied().collect();
            }
        } else {
            open.remove(&d);
        }
    }
    deepest
}

/// Checks a planned agenda: the rules of [`check_agenda`], the reported score and switches,
/// and — when its work is within [`REFERENCE_BUDGET`] — the same optimum as the reference
/// dynamic program. `Err` (a bug, exit 1) says what failed.
pub fn verify(schedule: &Schedule, request: &Request, plan: &Plan) -> anyhow::Result<Verified> {
    let started = Instant::now();
    let mut failures = check_agenda(schedule, request, &plan.chosen);
    let score: i64 = plan
        .chosen
        .iter()
        .map(|&i| plan.scores[i].half_points)
        .sum();
    if score != plan.total {
        failures.push(format!(
            "the chosen sessions score {} half points, the plan says {}",
            score, plan.total
        ));
    }
    failures.extend(switch_count_failures(schedule, plan));
    let reported_switches: u32 = plan.switches.values().sum();
    let reference = reference_work(&plan.instance) <= REFERENCE_BUDGET;
    match reference.then(|| solve::dp::solve(&plan.instance)) {
        None => {}
        Some(Ok(reference)) => {
            let switches: u32 = reference.switches.iter().sum();
            if (reference.total, switches) != (plan.total, reported_switches) {
                failures.push(format!(
                    "the reference dynamic program finds score {} with {} switches, the integer program {} with {}",
                    reference.total, switches, plan.total, reported_switches
                ));
            }
        }
        Some(Err(e)) => failures.push(format!(
            "the reference dynamic program finds no agenda ({e}), the integer program does"
        )),
    }
    if !failures.is_empty() {
        anyhow::bail!(
            "the agenda failed its check after solving, so it is not printed. This is a bug in agenda; please report it with the command line and schedule:\n  - {}",
            failures.join("\n  - ")
        );
    }
    Ok(Verified {
        sessions: plan.chosen.len(),
        reference,
        elapsed: started.elapsed(),
    })
}
