//! Planning: from a schedule and an attendee's interests and limits to a proven-optimal agenda.
//!
//! [`prepare`] turns the request into a solver [`Instance`] (scores, breaks and busy windows
//! taken out, must-see and avoid applied) after checking it for contradictions that can be
//! named; [`plan`] solves it with the integer program and fills free time (the tie-break below).
//!
//! Ties, in order: the highest total score; then the fewest room switches (both inside the
//! integer program); remaining ties go to the solver's first optimum on a model built in a fixed
//! order, so the same input always gives the same agenda. Then, unless `gaps` is set, the whole
//! day is filled around those talks with talks that score 0 ([`fill`]): this never changes the
//! score nor the talks chosen, and only spends room switches the limit leaves spare.

pub mod fill;
pub mod keep;
pub mod stars;
pub mod verify;
pub mod why;

use crate::error::{Error, bad_input};
use crate::prefs::interests::{self, Interests, Scored};
use crate::prefs::{Limits, Request};
use crate::schedule::clock::RealClock;
use crate::schedule::{Kind, Schedule, spans_overlap};
use crate::solve::{self, Day, Instance, Item};
use crate::timing::{Stage, Stages};
use chrono::{NaiveDateTime, NaiveTime};
use std::collections::BTreeMap;

/// A planned agenda.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Score and reasons of every session of the schedule (parallel to `schedule.sessions`).
    pub scores: Vec<Scored>,
    /// Chosen sessions (schedule indices), in time order, filled talks included.
    pub chosen: Vec<usize>,
    /// Of those, the ones added to fill free time (score 0).
    pub filled: Vec<usize>,
    /// Total score in half points.
    pub total: i64,
    /// Room switches per conference day between the talks that score (the optimum's; filling
    /// excluded), keyed by its 1-based index (every day of the schedule).
    pub switches: BTreeMap<u32, u32>,
    /// Room switches per conference day spent on filling free time (within the spare of the
    /// limit), keyed like `switches`.
    pub fill_switches: BTreeMap<u32, u32>,
    /// Model size and timing.
    pub stats: solve::Stats,
    /// The solver instance the agenda was chosen from.
    pub instance: Instance,
    /// What the independent check after solving verified, and how long it took.
    pub verified: verify::Verified,
    /// Time spent per stage: scoring (when [`plan`] scored), building, solving (filling free
    /// time included) and verifying.
    pub stages: Stages,
}

/// The solver's clock: minutes since midnight before the first conference day (one clock for
/// the whole conference).
pub(crate) fn epoch(schedule: &Schedule) -> NaiveDateTime {
    let first = schedule
        .days()
        .iter()
        .map(|d| d.date.min(d.start.date()))
        .chain(schedule.sessions.iter().map(|s| s.date))
        .min()
        .unwrap_or_default();
    first.and_time(NaiveTime::MIN)
}

/// Minutes after `epoch` of `at`.
fn minutes_from(epoch: NaiveDateTime, at: NaiveDateTime) -> i64 {
    (at - epoch).num_minutes()
}

/// Resolved must-see and avoid sets, as schedule indices. A must-see the organiser cancelled
/// is not one: it cannot be attended (see [`crate::prefs::cancelled_musts`] for the note that says so).
pub fn resolve_lists(
    schedule: &Schedule,
    interests: &Interests,
) -> anyhow::Result<(Vec<usize>, Vec<usize>)> {
    let mut must = Vec::new();
    for m in &interests.must {
        let i = interests::resolve_session(schedule, m, "must-see")?;
        if !must.contains(&i) && !schedule.sessions[i].cancelled {
            must.push(i);
        }
    }
    let mut avoid = Vec::new();
    for a in &interests.avoid {
        let i = interests::resolve_session(schedule, a, "avoid")?;
        if must.contains(&i) {
            return Err(Error::Contradiction(format!(
                "`{}` is both a must-see and avoided; drop it from one of the lists",
                schedule.sessions[i].id
            ))
            .into());
        }
        if !avoid.contains(&i) {
            avoid.push(i);
        }
    }
    must.sort_unstable();
    avoid.sort_unstable();
    Ok((must, avoid))
}

/// A window the attendee keeps free: a break, the social event or a busy window.
struct Blocker {
    from: chrono::NaiveDateTime,
    until: chrono::NaiveDateTime,
    what: String,
}

/// Every window that keeps the attendee from talks: breaks and the social event (in any room:
/// a break is a break for the attendee) and the personal busy windows.
fn blockers(schedule: &Schedule, limits: &Limits, clock: RealClock) -> Vec<Blocker> {
    let mut list: Vec<Blocker> = schedule
        .sessions
        .iter()
        .filter(|s| matches!(s.kind, Kind::Break | Kind::Social))
        .map(|s| {
            let (from, until) = clock.span(s);
            Blocker {
                from,
                until,
                what: format!(
                    "the {} `{}` ({} {}–{})",
                    s.kind.as_str(),
                    s.title,
                    s.room,
                    s.start.format("%H:%M"),
                    s.end_at().format("%H:%M")
                ),
            }
        })
        .collect();
    list.extend(limits.busy.iter().map(|b| Blocker {
        from: clock.at(b.from),
        until: clock.at(b.until),
        what: format!("your busy window {b}"),
    }));
    list
}

/// What keeps the attendee from a session, if anything does (blockers and session in real
/// time on `clock`).
fn blocked_by<'b>(
    blockers: &'b [Blocker],
    clock: RealClock,
    s: &crate::schedule::Session,
) -> Option<&'b str> {
    blockers
        .iter()
        .find(|b| spans_overlap((b.from, b.until), clock.span(s)))
        .map(|b| b.what.as_str())
}

/// The blockers sorted by start, with the latest end of every prefix: whether any blocker
/// overlaps a time span in O(log n), so that preparing a day of thousands of talks and breaks
/// does not compare every talk with every break.
struct BlockerIndex {
    from: Vec<chrono::NaiveDateTime>,
    latest_until: Vec<chrono::NaiveDateTime>,
}

impl BlockerIndex {
    fn new(blockers: &[Blocker]) -> Self {
        let mut spans: Vec<_> = blockers.iter().map(|b| (b.from, b.until)).collect();
        spans.sort_unstable();
        let mut latest = chrono::NaiveDateTime::MIN;
        let latest_until = spans
            .iter()
            .map(|&(_, until)| {
                latest = latest.max(until);
                latest
            })
            .collect();
        BlockerIndex {
            from: spans.into_iter().map(|(from, _)| from).collect(),
            latest_until,
        }
    }

    /// Whether some blocker shares time with `from..until`: among the blockers that start
    /// before `until`, the one ending last ends after `from`.
    fn blocks(&self, from: chrono::NaiveDateTime, until: chrono::NaiveDateTime) -> bool {
        let starting_before = self.from.partition_point(|&f| f < until);
        starting_before > 0 && self.latest_until[starting_before - 1] > from
    }
}

/// Builds the solver instance, after checking for contradictions that can be explained.
pub fn prepare(schedule: &Schedule, request: &Request) -> anyhow::Result<Instance> {
    let scores = interests::score_all(schedule, &request.interests);
    prepare_scored(schedule, request, &scores)
}

pub(crate) fn prepare_scored(
    schedule: &Schedule,
    request: &Request,
    scores: &[Scored],
) -> anyhow::Result<Instance> {
    let limits = &request.limits;
    for b in &limits.busy {
        if b.until <= b.from {
            return Err(bad_input(format!(
                "busy window {b} ends before it starts; write it as HH:MM-HH:MM"
            )));
        }
    }
    let (must, avoid) = resolve_lists(schedule, &request.interests)?;
    // Times on the real clock: on the night the clocks change, a talk lasts its length.
    let clock = RealClock::of(schedule);
    let blockers = blockers(schedule, limits, clock);
    explain_must_conflicts(schedule, limits, clock, &blockers, &must)?;
    let index = BlockerIndex::new(&blockers);
    let room_index = schedule.room_index();
    let epoch = clock.at(epoch(schedule));
    let mut days: Vec<Day> = schedule
        .days()
        .iter()
        .map(|d| Day {
            index: d.index,
            date: d.date,
            items: Vec::new(),
        })
        .collect();
    for (i, s) in schedule.sessions.iter().enumerate() {
        if !s.kind.is_plannable() || s.cancelled || s.minutes == 0 || avoid.contains(&i) {
            continue;
        }
        let (start, end) = clock.span(s);
        if index.blocks(start, end) {
            continue;
        }
        let Some(day) = days.iter_mut().find(|d| d.index == s.day) else {
            continue;
        };
        day.items.push(Item {
            session: i,
            room: room_index.get(s.room.as_str()).copied().unwrap_or(0),
            start: minutes_from(epoch, start),
            end: minutes_from(epoch, end),
            score: scores[i].half_points,
            must: must.contains(&i),
        });
    }
    for day in &mut days {
        day.items.sort_by(|a, b| {
            (a.start, a.room, &schedule.sessions[a.session].id).cmp(&(
                b.start,
                b.room,
                &schedule.sessions[b.session].id,
            ))
        });
    }
    days.retain(|d| !d.items.is_empty());
    refuse_deep_overlap(&days)?;
    Ok(Instance {
        days,
        rooms: schedule.conference.rooms.len().max(1),
        max_switches: limits.max_switches,
        switch_minutes: i64::from(limits.switch_minutes),
        walking: limits
            .walking
            .as_ref()
            .map(|v| v.walking(&schedule.conference.rooms))
            .transpose()?,
    })
}

/// The most conference days one plan takes while they overlap in time. Each day counts its
/// own room switches, so days that overlap are one problem whose exact check (the reference
/// dynamic program) holds the room and switches of every open day, and whose integer program
/// slows down as fast: a night running into the next morning makes two, a few more are still
/// quick. (Days listed at the same time are already one day: see `days-at-once` in
/// `src/import/build/at_once.rs`.) What is left are sessions listed under a day they do not fall
/// in, each keeping its day open; many of them are refused instead of taking minutes.
pub const MAX_OPEN_DAYS: usize = 4;

/// Refuses days of candidates more than [`MAX_OPEN_DAYS`] of which overlap in time, naming
/// them.
fn refuse_deep_overlap(days: &[Day]) -> anyhow::Result<()> {
    let open = verify::deepest_overlap(days);
    if open.len() <= MAX_OPEN_DAYS {
        return Ok(());
    }
    let mut names: Vec<String> = open.iter().map(|&d| days[d].index.to_string()).collect();
    // A long list is cut: the first few days, then how many in all, then the last.
    if names.len() > 8 {
        let last = names.pop().unwrap_or_default();
        let total = names.len() + 1;
        names.truncate(5);
        names.push(format!("… ({total} days in all)"));
        names.push(last);
    }
    let dates: std::collections::BTreeSet<chrono::NaiveDate> =
        open.iter().map(|&d| days[d].date).collect();
    let listed = match (dates.first(), dates.last()) {
        (Some(first), Some(last)) if first != last => format!("listed from {first} to {last}"),
        (Some(first), _) => format!("listed on {first}"),
        _ => String::new(),
    };
    Err(bad_input(format!(
        "conference days {} ({listed}) all overlap in time; agenda plans at most {MAX_OPEN_DAYS} overlapping days at once (each counts its own room switches, and the work grows exponentially with them). Sessions listed under a day they do not fall in keep that day open: `agenda check` names them (outside-day); move them to their own days in the export, or export the schedule again",
        crate::text::and_list(&names),
    )))
}

/// Names the must-see talks and limits that contradict each other, if any do: each is an
/// [`Error::Contradiction`] naming the talks and what to change.
fn explain_must_conflicts(
    schedule: &Schedule,
    limits: &Limits,
    clock: RealClock,
    blockers: &[Blocker],
    must: &[usize],
) -> anyhow::Result<()> {
    must_without_length(schedule, must)?;
    must_in_a_blocker(schedule, clock, blockers, must)?;
    musts_overlapping(schedule, clock, must)?;
    musts_too_close(schedule, limits, clock, must)?;
    musts_over_the_switch_limit(schedule, limits, must)
}

/// A session for messages: `` `Title` (2025-09-30 Loft 10:45–11:10) ``.
fn describe(schedule: &Schedule, i: usize) -> String {
    let s = &schedule.sessions[i];
    format!(
        "`{}` ({} {} {}–{})",
        s.title,
        s.date,
        s.room,
        s.start.format("%H:%M"),
        s.end_at().format("%H:%M")
    )
}

/// A must-see the schedule gives no length: it takes no time, so it is never planned (the
/// schedule's check warns about it).
fn must_without_length(schedule: &Schedule, must: &[usize]) -> anyhow::Result<()> {
    match must.iter().find(|&&m| schedule.sessions[m].minutes == 0) {
        Some(&m) => Err(Error::Contradiction(format!(
            "the must-see {} lasts 0 minutes in the schedule, and sessions without a length are never planned; drop it from your must-see list (--must, --favourites or the profile) or fix its length in the schedule",
            describe(schedule, m)
        ))
        .into()),
        None => Ok(()),
    }
}

/// A must-see inside a break, the social event or a busy window.
fn must_in_a_blocker(
    schedule: &Schedule,
    clock: RealClock,
    blockers: &[Blocker],
    must: &[usize],
) -> anyhow::Result<()> {
    for &m in must {
        if let Some(why) = blocked_by(blockers, clock, &schedule.sessions[m]) {
            return Err(Error::Contradiction(format!(
                "the must-see {} falls in {why}; drop it from --must or change the window",
                describe(schedule, m)
            ))
            .into());
        }
    }
    Ok(())
}

/// Must-see talks at the same time: every such pair, named at once.
fn musts_overlapping(schedule: &Schedule, clock: RealClock, must: &[usize]) -> anyhow::Result<()> {
    let mut pairs = Vec::new();
    for (a, &i) in must.iter().enumerate() {
        for &j in &must[a + 1..] {
            if clock.overlap(&schedule.sessions[i], &schedule.sessions[j]) {
                pairs.push(format!(
                    "{} and {}",
                    describe(schedule, i),
                    describe(schedule, j)
                ));
            }
        }
    }
    match pairs.as_slice() {
        [] => Ok(()),
        [one] => Err(Error::Contradiction(format!(
            "the must-see talks {one} overlap; keep only one of them as must-see (--must, the profile's must list, or favourites with --favourites-weight must), or star them instead (--star, --favourites) and let the plan choose"
        ))
        .into()),
        many => Err(Error::Contradiction(format!(
            "{} pairs of must-see talks overlap:\n  {}\nkeep only one of each pair as must-see (--must, the profile's must list, or favourites with --favourites-weight must), or star them instead (--star, --favourites) and let the plan choose",
            many.len(),
            many.join("\n  ")
        ))
        .into()),
    }
}

/// Consecutive must-see talks in different rooms with less time between them than walking
/// (or `--switch-minutes`) takes.
fn musts_too_close(
    schedule: &Schedule,
    limits: &Limits,
    clock: RealClock,
    must: &[usize],
) -> anyhow::Result<()> {
    let mut all: Vec<usize> = must.to_vec();
    all.sort_by_key(|&i| clock.span(&schedule.sessions[i]));
    let walk = crate::prefs::venue::RoomMinutes::new(schedule, limits)?;
    for w in all.windows(2) {
        let (a, b) = (&schedule.sessions[w[0]], &schedule.sessions[w[1]]);
        let gap = (clock.span(b).0 - clock.span(a).1).num_minutes();
        let need = walk.between(&a.room, &b.room);
        if a.room != b.room && gap < need {
            let what = if limits.walking.is_some() {
                format!("walking from {} to {} takes {need}", a.room, b.room)
            } else {
                format!("--switch-minutes is {need}")
            };
            return Err(Error::Contradiction(format!(
                "the must-see talks {} and {} are {} apart in different rooms, but {what}; lower it or drop one of them",
                describe(schedule, w[0]),
                describe(schedule, w[1]),
                crate::text::plural(gap, "minute", "minutes"),
            )).into());
        }
    }
    Ok(())
}

/// A day whose must-see talks alone need more room switches than `--max-switches`.
fn musts_over_the_switch_limit(
    schedule: &Schedule,
    limits: &Limits,
    must: &[usize],
) -> anyhow::Result<()> {
    let Some(k) = limits.max_switches else {
        return Ok(());
    };
    let mut by_day: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &m in must {
        by_day.entry(schedule.sessions[m].day).or_default().push(m);
    }
    for (day, mut list) in by_day {
        let date = schedule
            .day(day)
            .map_or_else(|| format!("day {day}"), |d| d.short());
        list.sort_by_key(|&i| schedule.sessions[i].start_at());
        let switches = list
            .windows(2)
            .filter(|w| schedule.sessions[w[0]].room != schedule.sessions[w[1]].room)
            .count() as u32;
        if switches > k {
            let names: Vec<String> = list.iter().map(|&i| describe(schedule, i)).collect();
            return Err(Error::Contradiction(format!(
                "on {date} the must-see talks need {switches} room switches, but --max-switches is {k}: {}; raise --max-switches or drop a must-see",
                names.join(", ")
            )).into());
        }
    }
    Ok(())
}

/// Plans the optimal agenda for a request.
///
/// The plan keeps the time each stage took (score, build, solve, verify) in [`Plan::stages`].
pub fn plan(schedule: &Schedule, request: &Request) -> anyhow::Result<Plan> {
    plan_keeping_models(schedule, request, false)
}

/// [`plan`]; with `keep` the integer programs whose answers the plan uses are kept in its
/// [`solve::Stats::models`] (for `--write-model`).
pub fn plan_keeping_models(
    schedule: &Schedule,
    request: &Request,
    keep: bool,
) -> anyhow::Result<Plan> {
    // Titles and abstracts are tokenised once (kept with the schedule), for checking and
    // scoring alike.
    let mut scoring = Stages::default();
    let scores = scoring.time(Stage::Score, || {
        interests::check_known(schedule, &request.interests)?;
        anyhow::Ok(interests::score_all(schedule, &request.interests))
    })?;
    let mut plan = plan_scored(schedule, request, scores, keep)?;
    plan.stages.add_all(&scoring);
    Ok(plan)
}

/// The room switches of the talks that score, per conference day (0 on a day without
/// candidates), from the solver's per-day counts in the order of `instance.days`.
pub(crate) fn switches_by_day(
    schedule: &Schedule,
    instance: &solve::Instance,
    solved: &[u32],
) -> BTreeMap<u32, u32> {
    let mut switches: BTreeMap<u32, u32> = schedule.days().iter().map(|d| (d.index, 0)).collect();
    for (day, &n) in instance.days.iter().zip(solved) {
        switches.insert(day.index, n);
    }
    switches
}

/// The switches that filling free time added, per conference day: those of the whole agenda
/// `chosen` less `switches`, the ones the talks that score need.
pub(crate) fn fill_switches_by_day(
    schedule: &Schedule,
    instance: &solve::Instance,
    chosen: &[usize],
    switches: &BTreeMap<u32, u32>,
) -> BTreeMap<u32, u32> {
    let mut fill_switches: BTreeMap<u32, u32> =
        schedule.days().iter().map(|d| (d.index, 0)).collect();
    for day in &instance.days {
        let mut attended: Vec<&Item> = day
            .items
            .iter()
            .filter(|it| chosen.contains(&it.session))
            .collect();
        attended.sort_by_key(|it| (it.start, it.room, it.session));
        let all = solve::count_switches(&attended);
        let core = switches.get(&day.index).copied().unwrap_or(0);
        fill_switches.insert(day.index, all.saturating_sub(core));
    }
    fill_switches
}

/// Plans the optimal agenda for a request whose sessions are already scored (`scores` parallel
/// to `schedule.sessions`, as [`interests::score_all`] gives them).
pub(crate) fn plan_scored(
    schedule: &Schedule,
    request: &Request,
    scores: Vec<Scored>,
    keep_models: bool,
) -> anyhow::Result<Plan> {
    let mut stages = Stages::default();
    let instance = stages.time(Stage::Build, || prepare_scored(schedule, request, &scores))?;
    let solution = if keep_models {
        solve::ilp::solve_keeping_models(&instance)?
    } else {
        solve::run(&instance, solve::Backend::default())?
    };
    stages.add_all(&solution.stats.stages());
    let filling = std::time::Instant::now();
    let switches = switches_by_day(schedule, &instance, &solution.switches);
    let mut chosen = solution.chosen.clone();
    let mut filled = Vec::new();
    if !request.limits.gaps {
        filled = fill::fill_gaps(&instance, &solution.chosen);
        chosen.extend(&filled);
        chosen.sort_by_key(|&i| (schedule.sessions[i].start_at(), i));
        filled.sort_unstable();
    }
    let fill_switches = fill_switches_by_day(schedule, &instance, &chosen, &switches);
    stages.add(Stage::Solve, filling.elapsed());
    let mut plan = Plan {
        scores,
        chosen,
        filled,
        total: solution.total,
        switches,
        fill_switches,
        stats: solution.stats,
        instance,
        verified: verify::Verified::default(),
        stages,
    };
    let started = std::time::Instant::now();
    plan.verified = verify::verify(schedule, request, &plan)?;
    plan.stages.add(Stage::Verify, started.elapsed());
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefs::Busy;

    /// A time on one fixed day, `m` minutes after 08:00.
    fn at(m: i64) -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2025, 2, 1)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .expect("a valid date")
            + chrono::Duration::minutes(m)
    }

    #[test]
    fn a_busy_window_across_midnight_overlaps_the_sessions_either_side_of_it() {
        // Day 1 from 10:00 until 02:00; the window 23:50–00:10 crosses midnight.
        let day = crate::schedule::ConferenceDay {
            index: 1,
            date: at(0).date(),
            start: at(120),
            end: at(18 * 60),
        };
        let clock = |t: &str| NaiveTime::parse_from_str(t, "%H:%M").unwrap();
        let busy = Busy::on(&day, clock("23:50"), clock("00:10")).unwrap();
        assert_eq!(busy.until - busy.from, chrono::Duration::minutes(20));
        let session = |start: i64, minutes: u32| crate::schedule::Session {
            id: format!("s{start}"),
            date: at(start).date(),
            day: 1,
            start: at(start).time(),
            minutes,
            room: "Hall".into(),
            kind: Kind::Talk,
            title: "Talk".into(),
            subtitle: String::new(),
            speakers: Vec::new(),
            track: None,
            topics: Vec::new(),
            abstract_text: String::new(),
            line: None,
            cancelled: false,
            links: crate::schedule::Links::default(),
        };
        // at(960) is 00:00 the next night.
        let wall = RealClock::wall();
        let late = session(955, 40); // 23:55–00:35
        let midnight = session(960, 60); // 00:00–01:00
        let before = session(900, 50); // 23:00–23:50: touches, no overlap
        let after = session(970, 30); // 00:10–00:40: touches, no overlap
        let next_day = session(960 + 24 * 60, 60); // 00:00 a day later
        assert!(busy.overlaps_session(wall, &late) && busy.overlaps_session(wall, &midnight));
        assert!(!busy.overlaps_session(wall, &before) && !busy.overlaps_session(wall, &after));
        assert!(!busy.overlaps_session(wall, &next_day));
        assert!(busy.covers(at(960)) && busy.covers(busy.from) && !busy.covers(busy.until));
        // The blockers and their index use the same rule.
        let blockers = [Blocker {
            from: busy.from,
            until: busy.until,
            what: "busy".into(),
        }];
        let index = BlockerIndex::new(&blockers);
        for s in [&late, &midnight, &before, &after, &next_day] {
            assert_eq!(
                index.blocks(s.start_at(), s.end_at()),
                busy.overlaps_session(wall, s),
                "{}",
                s.id
            );
            assert_eq!(
                blocked_by(&blockers, wall, s).is_some(),
                busy.overlaps_session(wall, s)
            );
        }
    }

    #[test]
    fn the_blocker_index_agrees_with_comparing_every_blocker() {
        // Windows of every length at every offset, nested and overlapping, against spans of
        // every length at every offset: the index must say what the plain scan says.
        let mut blockers = Vec::new();
        for (k, (from, len)) in [
            (30, 30),
            (40, 5),
            (100, 60),
            (110, 10),
            (300, 1),
            (200, 100),
        ]
        .into_iter()
        .enumerate()
        {
            blockers.push(Blocker {
                from: at(from),
                until: at(from + len),
                what: format!("window {k}"),
            });
        }
        let index = BlockerIndex::new(&blockers);
        for from in 0..420 {
            for len in [1, 5, 10, 45, 120] {
                let (f, u) = (at(from), at(from + len));
                let scan = blockers
                    .iter()
                    .any(|b| spans_overlap((b.from, b.until), (f, u)));
                assert_eq!(index.blocks(f, u), scan, "span {from}+{len}");
            }
        }
        assert!(!BlockerIndex::new(&[]).blocks(at(0), at(10)));
    }
}
