//! The planner's integer program against the independent dynamic program, on the embedded
//! schedule with every example profile and on random schedules; and the agenda's properties.

use crate::common;
use agenda::plan;
use agenda::prefs;
use agenda::prefs::{Busy, Interests, Limits, Request, Weighted, interests, profile};
use agenda::schedule::{Conference, Kind, Schedule, Session};
use agenda::solve::{self, dp, ilp};
use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;

fn w(term: &str, weight: i64) -> Weighted {
    Weighted {
        term: term.into(),
        weight,
    }
}

/// Checks everything an agenda must satisfy, and that the ILP and the DP agree on its optimum.
fn check_plan(schedule: &Schedule, request: &Request) -> Result<(), TestCaseError> {
    let instance = match plan::prepare(schedule, request) {
        Ok(i) => i,
        Err(e) => {
            prop_assert!(
                matches!(
                    agenda::error::kind(&e),
                    Some(agenda::error::Error::Contradiction(_))
                ),
                "only contradictions are refused before solving: {e:#}"
            );
            return Ok(());
        }
    };
    let Some(optimum) = check_solvers(&instance)? else {
        return Ok(());
    };
    check_planned(schedule, request, optimum)
}

/// The ILP and the DP agree (both find an agenda or neither does, with the same optimum and
/// switches), each choice is feasible and its score adds up; the optimum, or `None` when
/// there is no agenda.
fn check_solvers(instance: &solve::Instance) -> Result<Option<i64>, TestCaseError> {
    let by_ilp = ilp::solve(instance);
    let by_dp = dp::solve(instance);
    let (by_ilp, by_dp) = match (by_ilp, by_dp) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) if common::is_infeasible(&a) && common::is_infeasible(&b) => return Ok(None),
        (a, b) => {
            return Err(TestCaseError::fail(format!(
                "one solver found an agenda, the other did not: ilp {a:?} dp {b:?}"
            )));
        }
    };
    prop_assert_eq!(by_ilp.total, by_dp.total, "ILP and DP optimum differ");
    prop_assert_eq!(
        by_ilp.switches.iter().sum::<u32>(),
        by_dp.switches.iter().sum::<u32>(),
        "switches differ"
    );
    // The whole choice is feasible, and the score adds up.
    let used = solve::check(instance, &by_ilp.chosen).map_err(TestCaseError::fail)?;
    prop_assert_eq!(&used, &by_ilp.switches);
    let dp_used = solve::check(instance, &by_dp.chosen).map_err(TestCaseError::fail)?;
    prop_assert_eq!(&dp_used, &by_dp.switches);
    let total: i64 = instance
        .days
        .iter()
        .flat_map(|d| &d.items)
        .filter(|i| by_ilp.chosen.contains(&i.session))
        .map(|i| i.score)
        .sum();
    prop_assert_eq!(total, by_ilp.total);
    Ok(Some(by_dp.total))
}

/// The full plan: the optimum's score and the same switches after filling, and every rule
/// kept.
fn check_planned(
    schedule: &Schedule,
    request: &Request,
    optimum: i64,
) -> Result<(), TestCaseError> {
    let planned =
        plan::plan(schedule, request).map_err(|e| TestCaseError::fail(format!("{e:#}")))?;
    prop_assert_eq!(planned.total, optimum);
    let scores = interests::score_all(schedule, &request.interests);
    let chosen: Vec<&Session> = planned
        .chosen
        .iter()
        .map(|&i| &schedule.sessions[i])
        .collect();
    prop_assert_eq!(
        planned
            .chosen
            .iter()
            .map(|&i| scores[i].half_points)
            .sum::<i64>(),
        optimum
    );
    for &f in &planned.filled {
        prop_assert_eq!(scores[f].half_points, 0, "only zero-score talks fill gaps");
    }
    if request.limits.gaps {
        prop_assert!(planned.filled.is_empty());
    }
    check_days(schedule, request, &planned, &chosen)?;
    check_rules(schedule, request, &chosen)
}

/// Per day: no two chosen talks overlap, every room switch leaves the switch time, and the
/// switches counted match the plan's and the limit.
fn check_days(
    schedule: &Schedule,
    request: &Request,
    planned: &plan::Plan,
    chosen: &[&Session],
) -> Result<(), TestCaseError> {
    for conference_day in schedule.days() {
        let mut day: Vec<&&Session> = chosen
            .iter()
            .filter(|s| s.day == conference_day.index)
            .collect();
        day.sort_by_key(|s| s.start_at());
        let mut switches = 0;
        for pair in day.windows(2) {
            prop_assert!(
                pair[0].end_at() <= pair[1].start_at(),
                "overlap: {} {}",
                pair[0].id,
                pair[1].id
            );
            if pair[0].room != pair[1].room {
                switches += 1;
                prop_assert!(
                    (pair[1].start_at() - pair[0].end_at()).num_minutes()
                        >= i64::from(request.limits.switch_minutes)
                );
            }
        }
        prop_assert_eq!(
            switches,
            planned.switches[&conference_day.index] + planned.fill_switches[&conference_day.index],
            "the switches of the talks that score, plus those spent on filling"
        );
        if let Some(k) = request.limits.max_switches {
            prop_assert!(switches <= k);
        }
    }
    Ok(())
}

/// Every chosen talk is plannable, misses the breaks, the busy windows and the avoided talks;
/// every must-see talk is chosen.
fn check_rules(
    schedule: &Schedule,
    request: &Request,
    chosen: &[&Session],
) -> Result<(), TestCaseError> {
    // Must-see and avoided talks as written (ids or titles), as schedule indices.
    let (must, avoid) = plan::resolve_lists(schedule, &request.interests).unwrap();
    for s in chosen {
        prop_assert!(s.kind.is_plannable());
        for other in &schedule.sessions {
            if matches!(other.kind, Kind::Break | Kind::Social) {
                prop_assert!(!s.overlaps(other), "{} over the break {}", s.id, other.id);
            }
        }
        for b in &request.limits.busy {
            let (from, until) = (b.from, b.until);
            prop_assert!(
                !(s.start_at() < until && from < s.end_at()),
                "{} in a busy window",
                s.id
            );
        }
        prop_assert!(
            !avoid.iter().any(|&a| schedule.sessions[a].id == s.id),
            "{} is avoided",
            s.id
        );
    }
    for &m in &must {
        let id = &schedule.sessions[m].id;
        prop_assert!(chosen.iter().any(|s| &s.id == id), "must-see {id} missing");
    }
    Ok(())
}

/// The request of an example profile, made as `plan --profile` makes it: every field, busy
/// windows and tracks included (a copy built by hand here once dropped bob's busy window).
fn profile_request(name: &str) -> Request {
    let schedule = Schedule::embedded().unwrap();
    let loaded = profile::load(name).unwrap();
    let settings = loaded.settings.clone();
    settings.to_request(&schedule).unwrap().0
}

#[test]
fn the_example_profiles_requests_keep_their_busy_windows() {
    let bob = profile_request("bob");
    assert_eq!(bob.limits.busy.len(), 1);
    assert_eq!(bob.limits.busy[0].to_arg(), "1 09:00-10:45");
}

#[test]
fn every_example_profile_gets_the_reference_optimum_on_all_systems_go() {
    let schedule = Schedule::embedded().unwrap();
    for (name, _) in profile::EXAMPLES {
        let mut request = profile_request(name);
        for k in [Some(0), Some(1), Some(2), Some(5), None] {
            request.limits.max_switches = k;
            if let Err(e) = check_plan(&schedule, &request) {
                panic!("profile {name}, K = {k:?}: {e}");
            }
        }
    }
}

#[test]
fn bpf_and_sysext_day_one_reads_as_planned_by_hand() {
    let schedule = Schedule::embedded().unwrap();
    let request = Request {
        interests: Interests {
            likes: vec![w("bpf", 1), w("sysext", 1)],
            ..Interests::default()
        },
        limits: Limits::default(),
    };
    let planned = plan::plan(&schedule, &request).unwrap();
    let ids: Vec<&str> = planned
        .chosen
        .iter()
        .map(|&i| schedule.sessions[i].id.as_str())
        .collect();
    for wanted in [
        "netkit-bpf-network-device",
        "bpf-tokens",
        "confext-two-years-on",
        "sysext-fedora-atomic",
        "sysext-update-stack",
        "bpfilter",
    ] {
        assert!(ids.contains(&wanted), "{wanted} missing from {ids:?}");
    }
    // Two switches are needed (Galerie → Loft → Galerie) and no more are used.
    assert_eq!(planned.switches[&1], 2);
    // The reference agrees that 6 points is the best possible.
    let instance = plan::prepare(&schedule, &request).unwrap();
    assert_eq!(dp::solve(&instance).unwrap().total, planned.total);
    assert_eq!(
        planned.total, 12,
        "six talks at one point each, in half points"
    );
}

#[test]
fn a_zero_switch_limit_keeps_each_day_in_one_room() {
    let schedule = Schedule::embedded().unwrap();
    let request = Request {
        interests: Interests {
            likes: vec![w("bpf", 3), w("sysext", 2)],
            ..Interests::default()
        },
        limits: Limits {
            max_switches: Some(0),
            ..Limits::default()
        },
    };
    let planned = plan::plan(&schedule, &request).unwrap();
    for day in schedule.days() {
        let rooms: std::collections::BTreeSet<&str> = planned
            .chosen
            .iter()
            .map(|&i| &schedule.sessions[i])
            .filter(|s| s.day == day.index)
            .map(|s| s.room.as_str())
            .collect();
        assert!(rooms.len() <= 1, "day {}: {rooms:?}", day.index);
    }
    check_plan(&schedule, &request).unwrap();
}

// ---------- random schedules ----------

const TOPICS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

#[derive(Debug, Clone)]
struct Case {
    schedule: Schedule,
    request: Request,
}

/// A talk: (gap before it in 5-minute slots, length in slots, topic mask, speaker).
type TalkSpec = (u8, u8, u8, u8);

#[allow(clippy::too_many_arguments)] // one argument per random dimension, named
fn build_case(
    rooms: Vec<Vec<TalkSpec>>,
    break_slot: Option<(u8, u8)>,
    weights: [i64; 4],
    k: Option<u32>,
    switch_minutes: u32,
    picks: (Vec<usize>, Vec<usize>),
    busy: Option<(u8, u8)>,
    gaps: bool,
) -> Case {
    let schedule = random_schedule(&rooms, break_slot);
    let (likes, dislikes, speakers) = random_interests(&schedule, weights, &picks);
    let (must, avoid) = random_picks(&schedule, &picks);
    let busy = busy
        .map(|(s, l)| Busy {
            day: 1,
            from: DAY_ONE.and_time(at(u32::from(s))),
            until: DAY_ONE.and_time(at(u32::from(s) + u32::from(l) + 1)),
        })
        .into_iter()
        .collect();
    Case {
        schedule,
        request: Request {
            interests: Interests {
                likes,
                dislikes,
                speakers,
                must,
                avoid,
                ..Interests::default()
            },
            limits: Limits {
                max_switches: k,
                switch_minutes,
                busy,
                gaps,
                walking: None,
            },
        },
    }
}

/// The random schedule's first day; the second is the day after.
const DAY_ONE: NaiveDate = NaiveDate::from_ymd_opt(2030, 5, 6).unwrap();

/// The time of 5-minute slot `slot` of a day, counted from 09:00.
fn at(slot: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).unwrap() + chrono::Duration::minutes(5 * i64::from(slot))
}

/// Two days of talks in one room per entry of `rooms` (talks overlapping the break left
/// out), and the break in every room.
/// The topics whose bits are set in `mask`.
fn topics_of(mask: u8) -> Vec<String> {
    TOPICS
        .iter()
        .enumerate()
        .filter(|(b, _)| mask & (1 << b) != 0)
        .map(|(_, t)| t.to_string())
        .collect()
}

fn random_schedule(rooms: &[Vec<TalkSpec>], break_slot: Option<(u8, u8)>) -> Schedule {
    let date = DAY_ONE;
    let day2 = DAY_ONE.succ_opt().unwrap();
    let room_names: Vec<String> = (0..rooms.len()).map(|r| format!("R{r}")).collect();
    let mut sessions = Vec::new();
    let break_span = break_slot.map(|(s, l)| (u32::from(s), u32::from(s) + u32::from(l) + 1));
    for (r, talks) in rooms.iter().enumerate() {
        for (d, day) in [date, day2].into_iter().enumerate() {
            let mut slot = u32::from(r as u8 % 3);
            for (n, &(gap, len, mask, speaker)) in talks.iter().enumerate() {
                if n % 2 != d && talks.len() > 3 {
                    continue;
                }
                slot += u32::from(gap);
                let len = u32::from(len) + 1;
                let overlaps_break =
                    break_span.is_some_and(|(bs, be)| slot < be && bs < slot + len);
                if !overlaps_break {
                    sessions.push(Session {
                        id: format!("t{r}-{d}-{n}"),
                        date: day,
                        day: 0,
                        start: at(slot),
                        minutes: 5 * len,
                        room: room_names[r].clone(),
                        kind: if len == 1 {
                            Kind::Lightning
                        } else {
                            Kind::Talk
                        },
                        title: format!("Talk {r} {d} {n}"),
                        subtitle: String::new(),
                        speakers: vec![format!("Speaker {speaker}")],
                        track: None,
                        topics: topics_of(mask),
                        abstract_text: String::new(),
                        line: None,
                        cancelled: false,
                        links: agenda::schedule::Links::default(),
                    });
                }
                slot += len;
            }
        }
    }
    if let Some((bs, be)) = break_span {
        for room in &room_names {
            for (d, day) in [date, day2].into_iter().enumerate() {
                sessions.push(Session {
                    id: format!("break-{room}-{d}"),
                    date: day,
                    day: 0,
                    start: at(bs),
                    minutes: 5 * (be - bs),
                    room: room.clone(),
                    kind: Kind::Break,
                    title: "Coffee break".into(),
                    subtitle: String::new(),
                    speakers: vec![],
                    track: None,
                    topics: vec![],
                    abstract_text: String::new(),
                    line: None,
                    cancelled: false,
                    links: agenda::schedule::Links::default(),
                });
            }
        }
    }
    Schedule::new(
        Conference {
            name: "Random".into(),
            time_zone: "Europe/Berlin".into(),
            venue: String::new(),
            rooms: room_names,
            url: None,
        },
        sessions,
        "random",
    )
}

/// Liked and disliked topics from `weights` (those present in the schedule), and the first
/// talk's speaker when nothing else would score.
fn random_interests(
    schedule: &Schedule,
    weights: [i64; 4],
    picks: &(Vec<usize>, Vec<usize>),
) -> (Vec<Weighted>, Vec<Weighted>, Vec<Weighted>) {
    let present = schedule.topic_counts();
    let mut likes = Vec::new();
    let mut dislikes = Vec::new();
    for (t, &wt) in TOPICS.iter().zip(&weights) {
        if !present.contains_key(*t) || wt == 0 {
            continue;
        }
        if wt > 0 {
            likes.push(w(t, wt));
        } else {
            dislikes.push(w(t, -wt));
        }
    }
    let (must, _) = random_picks(schedule, picks);
    let speakers = if likes.is_empty() && must.is_empty() {
        vec![w(
            &schedule
                .sessions
                .iter()
                .find(|s| s.kind.is_plannable())
                .map_or("Speaker 0".into(), |s| s.speakers[0].clone()),
            1,
        )]
    } else {
        vec![]
    };
    (likes, dislikes, speakers)
}

/// The must-see and avoided talks picked by index (an avoided talk is never a must-see).
fn random_picks(
    schedule: &Schedule,
    picks: &(Vec<usize>, Vec<usize>),
) -> (Vec<String>, Vec<String>) {
    let talk_ids: Vec<String> = schedule
        .sessions
        .iter()
        .filter(|s| s.kind.is_plannable())
        .map(|s| s.id.clone())
        .collect();
    let pick = |list: &Vec<usize>| -> Vec<String> {
        let mut ids: Vec<String> = list
            .iter()
            .filter_map(|&i| talk_ids.get(i % talk_ids.len().max(1)).cloned())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let must = pick(&picks.0);
    let avoid: Vec<String> = pick(&picks.1)
        .into_iter()
        .filter(|a| !must.contains(a))
        .collect();
    (must, avoid)
}

fn case() -> impl Strategy<Value = Case> {
    let talk = (0u8..4, 0u8..10, 0u8..16, 0u8..4);
    (
        prop::collection::vec(prop::collection::vec(talk, 1..7), 1..5),
        prop::option::of((0u8..30, 0u8..4)),
        [-3i64..6, -3i64..6, -3i64..6, -3i64..6],
        prop::option::of(0u32..5),
        prop::sample::select(vec![0u32, 5, 10]),
        (
            prop::collection::vec(0usize..40, 0..3),
            prop::collection::vec(0usize..40, 0..3),
        ),
        prop::option::of((0u8..30, 0u8..6)),
        any::<bool>(),
    )
        .prop_map(|(rooms, brk, weights, k, m, picks, busy, gaps)| {
            build_case(rooms, brk, weights, k, m, picks, busy, gaps)
        })
        .prop_filter("needs at least one talk", |c| {
            c.schedule.sessions.iter().any(|s| s.kind.is_plannable())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1200, ..ProptestConfig::default() })]

    #[test]
    fn the_integer_program_finds_the_reference_optimum_on_random_schedules(c in case()) {
        check_plan(&c.schedule, &c.request)?;
    }
}

#[cfg(feature = "highs")]
proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn highs_finds_the_reference_optimum_on_random_schedules(c in case()) {
        if let Ok(instance) = plan::prepare(&c.schedule, &c.request) {
            let by_highs = ilp::solve_with(&instance, ilp::Backend::Highs);
            let by_dp = dp::solve(&instance);
            match (by_highs, by_dp) {
                (Ok(a), Ok(b)) => {
                    prop_assert_eq!(a.total, b.total);
                    prop_assert_eq!(a.switches, b.switches);
                }
                (a, b) if common::is_infeasible(&a) && common::is_infeasible(&b) => {}
                (a, b) => prop_assert!(false, "highs {:?} dp {:?}", a, b),
            }
        }
    }
}

/// Walking minutes between rooms as this test computes them, independently of the planner:
/// the venue's direct minutes, then shortest paths through other buildings.
fn walking_minutes(venue: &prefs::venue::Venue, rooms: &[String]) -> Vec<Vec<i64>> {
    let buildings: Vec<&str> = rooms.iter().map(|r| venue.buildings[r].as_str()).collect();
    let n = rooms.len();
    let mut m = vec![vec![0i64; n]; n];
    for a in 0..n {
        for b in 0..n {
            m[a][b] = if a == b {
                0
            } else if buildings[a] == buildings[b] {
                i64::from(venue.within)
            } else {
                venue
                    .walks
                    .iter()
                    .rev()
                    .find(|(x, y, _)| {
                        (x == buildings[a] && y == buildings[b])
                            || (x == buildings[b] && y == buildings[a])
                    })
                    .map_or(i64::from(venue.between), |w| i64::from(w.2))
            };
        }
    }
    for k in 0..n {
        for a in 0..n {
            for b in 0..n {
                m[a][b] = m[a][b].min(m[a][k] + m[k][b]);
            }
        }
    }
    m
}

fn case_with_buildings() -> impl Strategy<Value = Case> {
    (
        case(),
        2usize..=4,
        0u32..6,
        0u32..16,
        prop::collection::vec((0usize..4, 0usize..4, 0u32..16), 0..4),
    )
        .prop_map(|(mut c, buildings, within, between, walks)| {
            let rooms = c.schedule.conference.rooms.clone();
            let name = |b: usize| format!("B{}", b % buildings);
            c.request.limits.switch_minutes = 0;
            c.request.limits.walking = Some(prefs::venue::Venue {
                within,
                between,
                buildings: rooms
                    .iter()
                    .enumerate()
                    .map(|(r, room)| (room.clone(), name(r)))
                    .collect(),
                walks: walks
                    .into_iter()
                    .filter(|(a, b, _)| a % buildings != b % buildings)
                    .filter(|(a, b, _)| a % buildings < rooms.len() && b % buildings < rooms.len())
                    .map(|(a, b, m)| (name(a), name(b), m))
                    .collect(),
            });
            c
        })
        .prop_filter("two or more rooms", |c| {
            c.schedule.conference.rooms.len() >= 2
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1200, ..ProptestConfig::default() })]

    /// Rooms in 2–4 buildings with their own walking minutes: the integer program (one hallway
    /// per building) finds the reference optimum, and the plan walks no faster than allowed.
    #[test]
    fn the_integer_program_finds_the_reference_optimum_with_walking_times(c in case_with_buildings()) {
        check_plan(&c.schedule, &c.request)?;
        let venue = c.request.limits.walking.as_ref().unwrap();
        let rooms = &c.schedule.conference.rooms;
        let minutes = walking_minutes(venue, rooms);
        if let Ok(planned) = plan::plan(&c.schedule, &c.request) {
            let mut chosen: Vec<&Session> =
                planned.chosen.iter().map(|&i| &c.schedule.sessions[i]).collect();
            chosen.sort_by_key(|s| s.start_at());
            let index = |r: &str| rooms.iter().position(|x| x == r).unwrap();
            for pair in chosen.windows(2) {
                let need = minutes[index(&pair[0].room)][index(&pair[1].room)];
                prop_assert!(
                    (pair[1].start_at() - pair[0].end_at()).num_minutes() >= need,
                    "{} to {} faster than {need} minutes", pair[0].id, pair[1].id
                );
            }
        }
    }
}

#[test]
fn both_solvers_report_one_typed_infeasible_naming_the_day() {
    // Two must-see talks at the same time in different rooms: no agenda holds both. Built
    // directly, past `plan::prepare`'s explanations, so that the solvers themselves decide.
    let item = |session, room| solve::Item {
        session,
        room,
        start: 600,
        end: 660,
        score: 2,
        must: true,
    };
    let instance = solve::Instance {
        days: vec![solve::Day {
            index: 2,
            date: NaiveDate::from_ymd_opt(2025, 2, 2).unwrap(),
            items: vec![item(0, 0), item(1, 1)],
        }],
        rooms: 2,
        max_switches: None,
        switch_minutes: 0,
        walking: None,
    };
    let expected = agenda::error::Error::Infeasible {
        days: vec!["day 2 (2025-02-02)".to_string()],
    };
    for (solver, result) in [("ilp", ilp::solve(&instance)), ("dp", dp::solve(&instance))] {
        let error = result.expect_err(solver);
        assert_eq!(agenda::error::kind(&error), Some(&expected), "{solver}");
        assert_eq!(agenda::error::exit_code(&error), 2, "{solver}");
    }
}

#[test]
fn contradictory_settings_are_refused_as_contradictions_before_solving() {
    use agenda::error::{Error, kind};
    let schedule = Schedule::embedded().unwrap();
    let liked_and_disliked = prefs::Settings {
        likes: vec![w("bpf", 1)],
        dislikes: vec![w("bpf", 1)],
        ..Default::default()
    };
    let err = liked_and_disliked.to_request(&schedule).unwrap_err();
    assert!(
        matches!(kind(&err), Some(Error::Contradiction(_))),
        "{err:#}"
    );
    let id = schedule.sessions[0].id.clone();
    let must_and_avoided = prefs::Settings {
        likes: vec![w("bpf", 1)],
        must: vec![id.clone()],
        avoid: vec![id],
        ..Default::default()
    };
    let (request, _) = must_and_avoided.to_request(&schedule).unwrap();
    let err = plan::plan(&schedule, &request).unwrap_err();
    assert!(
        matches!(kind(&err), Some(Error::Contradiction(_))),
        "{err:#}"
    );
}
