//! Conference days that run past midnight and overlap in time: the integer program, the
//! reference dynamic program and an exhaustive search written here agree, and every plan keeps
//! the rules (no two talks at once whatever their days, switch minutes across days, the switch
//! limit per conference day).

use crate::common;
use agenda::plan::{self, verify};
use agenda::prefs;
use agenda::prefs::{Busy, Interests, Limits, Request, Weighted};
use agenda::schedule::{Conference, ConferenceDay, Kind, Schedule, Session};
use agenda::solve::{self, dp, ilp};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use std::collections::BTreeMap;

const TOPICS: [&str; 3] = ["alpha", "beta", "gamma"];

fn base() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2030, 12, 27)
        .unwrap()
        .and_hms_opt(21, 0, 0)
        .unwrap()
}

fn conference(rooms: usize) -> Conference {
    Conference {
        name: "Nights".into(),
        time_zone: "Europe/Berlin".into(),
        venue: String::new(),
        rooms: (0..rooms).map(|r| format!("R{r}")).collect(),
        url: None,
    }
}

fn talk(
    id: &str,
    day: u32,
    at: NaiveDateTime,
    minutes: u32,
    room: &str,
    topics: &[&str],
) -> Session {
    Session {
        id: id.into(),
        date: at.date(),
        day,
        start: at.time(),
        minutes,
        room: room.into(),
        kind: Kind::Talk,
        title: format!("Talk {id}"),
        subtitle: String::new(),
        speakers: vec![],
        track: None,
        topics: topics.iter().map(|t| t.to_string()).collect(),
        abstract_text: String::new(),
        line: None,
        cancelled: false,
        links: agenda::schedule::Links::default(),
    }
}

/// A talk: (listed day 0..3, start in 5-minute slots from 21:00, length in slots, room, topics).
type Spec = (u8, u8, u8, u8, u8);

#[derive(Debug, Clone)]
struct Case {
    schedule: Schedule,
    request: Request,
}

/// `days` days of six hours, each starting `day_shift` 5-minute slots after the one before,
/// with the talks of `specs` in `rooms` rooms.
fn night_schedule(specs: &[Spec], days: u8, day_shift: u8, rooms: usize) -> Schedule {
    let slot = |n: u32| base() + Duration::minutes(5 * i64::from(n));
    // Day d starts `day_shift` slots after day d-1 (0: they start together), each runs 6 hours:
    // every day crosses midnight and the days overlap in time.
    let conference_days: Vec<ConferenceDay> = (0..u32::from(days))
        .map(|d| {
            let start = slot(d * u32::from(day_shift));
            ConferenceDay {
                index: d + 1,
                date: start.date(),
                start,
                end: start + Duration::hours(6),
            }
        })
        .collect();
    let sessions: Vec<Session> = specs
        .iter()
        .enumerate()
        .map(|(n, &(day, start, len, room, mask))| {
            let topics: Vec<&str> = TOPICS
                .iter()
                .enumerate()
                .filter(|(b, _)| mask & (1 << b) != 0)
                .map(|(_, t)| *t)
                .collect();
            // Listed under any day, wherever it falls: also outside that day's window.
            talk(
                &format!("t{n}"),
                u32::from(day % days) + 1,
                slot(u32::from(start)),
                5 * (u32::from(len) + 1),
                &format!("R{}", usize::from(room) % rooms),
                &topics,
            )
        })
        .collect();
    Schedule::with_days(conference(rooms), conference_days, sessions, "nights")
}

#[allow(clippy::too_many_arguments)] // one argument per random dimension, named
fn build(
    specs: Vec<Spec>,
    days: u8,
    day_shift: u8,
    rooms: u8,
    weights: [i64; 3],
    k: Option<u32>,
    m: u32,
    must: Option<usize>,
    busy: Option<(u8, u8)>,
) -> Case {
    let schedule = night_schedule(&specs, days, day_shift, usize::from(rooms));
    let likes: Vec<Weighted> = TOPICS
        .iter()
        .zip(weights)
        .filter(|(_, w)| *w > 0)
        .map(|(t, w)| Weighted {
            term: t.to_string(),
            weight: w,
        })
        .collect();
    let dislikes: Vec<Weighted> = TOPICS
        .iter()
        .zip(weights)
        .filter(|(_, w)| *w < 0)
        .map(|(t, w)| Weighted {
            term: t.to_string(),
            weight: -w,
        })
        .collect();
    let present = schedule.topic_counts();
    let keep = |list: Vec<Weighted>| -> Vec<Weighted> {
        list.into_iter()
            .filter(|w| present.contains_key(&w.term))
            .collect()
    };
    let must = must
        .map(|i| vec![schedule.sessions[i % schedule.sessions.len()].id.clone()])
        .unwrap_or_default();
    // A busy window on day 1 from its start plus some slots, possibly across midnight.
    let busy = busy
        .map(|(from, len)| {
            let day = &schedule.days()[0];
            let from_at = day.start + Duration::minutes(5 * i64::from(from));
            Busy {
                day: 1,
                from: from_at,
                until: from_at + Duration::minutes(5 * (i64::from(len) + 1)),
            }
        })
        .into_iter()
        .collect();
    Case {
        request: Request {
            interests: Interests {
                likes: keep(likes),
                dislikes: keep(dislikes),
                speakers: vec![],
                must,
                avoid: vec![],
                ..Interests::default()
            },
            limits: Limits {
                max_switches: k,
                switch_minutes: m,
                busy,
                gaps: false,
                walking: None,
            },
        },
        schedule,
    }
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec((0u8..3, 0u8..72, 0u8..12, 0u8..3, 1u8..8), 1..12),
        1u8..4,
        prop::sample::select(vec![0u8, 6, 18, 48]),
        1u8..4,
        [-2i64..5, -2i64..5, -2i64..5],
        prop::option::of(0u32..3),
        prop::sample::select(vec![0u32, 5, 15]),
        prop::option::weighted(0.2, 0usize..12),
        prop::option::weighted(0.3, (24u8..48, 0u8..24)),
    )
        .prop_map(|(specs, days, shift, rooms, weights, k, m, must, busy)| {
            build(specs, days, shift, rooms, weights, k, m, must, busy)
        })
}

/// Whether a set of sessions keeps the rules, from the sessions' own times: no two share a
/// minute, sessions in different rooms are at least `m` minutes apart, each conference day's own
/// sequence changes room at most `k` times. Returns the switches in all, or `None`.
fn feasible(
    schedule: &Schedule,
    chosen: &[usize],
    k: Option<u32>,
    need: &dyn Fn(&str, &str) -> i64,
) -> Option<u32> {
    let s = &schedule.sessions;
    for (a, &i) in chosen.iter().enumerate() {
        for &j in &chosen[a + 1..] {
            let (x, y) = (&s[i], &s[j]);
            if x.start_at() < y.end_at() && y.start_at() < x.end_at() {
                return None;
            }
            let gap = if x.end_at() <= y.start_at() {
                y.start_at() - x.end_at()
            } else {
                x.start_at() - y.end_at()
            };
            if x.room != y.room && gap.num_minutes() < need(&x.room, &y.room) {
                return None;
            }
        }
    }
    let mut by_day: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &i in chosen {
        by_day.entry(s[i].day).or_default().push(i);
    }
    let mut total = 0;
    for (_, mut list) in by_day {
        list.sort_by_key(|&i| s[i].start_at());
        let n = list
            .windows(2)
            .filter(|w| s[w[0]].room != s[w[1]].room)
            .count() as u32;
        if k.is_some_and(|k| n > k) {
            return None;
        }
        total += n;
    }
    Some(total)
}

/// Minutes between two rooms as this test computes them from the request: the uniform switch
/// minutes, or with a venue its direct minutes closed under detours (shortest paths).
fn minutes_between(c: &Case) -> impl Fn(&str, &str) -> i64 {
    let limits = c.request.limits.clone();
    let rooms = c.schedule.conference.rooms.clone();
    let n = rooms.len();
    let mut m = vec![vec![i64::from(limits.switch_minutes); n]; n];
    if let Some(v) = &limits.walking {
        let building = |r: &String| v.buildings.get(r).cloned().unwrap_or_else(|| r.clone());
        for a in 0..n {
            for b in 0..n {
                m[a][b] = if building(&rooms[a]) == building(&rooms[b]) {
                    i64::from(v.within)
                } else {
                    i64::from(v.between)
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
    }
    move |a: &str, b: &str| {
        let i = rooms.iter().position(|r| r == a).unwrap();
        let j = rooms.iter().position(|r| r == b).unwrap();
        if i == j { 0 } else { m[i][j] }
    }
}

fn check(c: &Case) -> Result<(), TestCaseError> {
    let Ok(instance) = plan::prepare(&c.schedule, &c.request) else {
        return Ok(());
    };
    let need = minutes_between(c);
    let by_ilp = ilp::solve(&instance);
    let by_dp = dp::solve(&instance);
    // Exhaustive: every subset of the candidates.
    let items: Vec<&solve::Item> = instance.days.iter().flat_map(|d| &d.items).collect();
    let must: Vec<usize> = items.iter().filter(|i| i.must).map(|i| i.session).collect();
    let mut best: Option<(i64, i64)> = None;
    for subset in 0u32..(1 << items.len()) {
        let chosen: Vec<usize> = (0..items.len())
            .filter(|b| subset & (1 << b) != 0)
            .map(|b| items[b].session)
            .collect();
        if !must.iter().all(|m| chosen.contains(m)) {
            continue;
        }
        let limits = &c.request.limits;
        if let Some(sw) = feasible(&c.schedule, &chosen, limits.max_switches, &need) {
            let score: i64 = (0..items.len())
                .filter(|b| subset & (1 << b) != 0)
                .map(|b| items[b].score)
                .sum();
            let value = (score, -i64::from(sw));
            if best.is_none_or(|b| value > b) {
                best = Some(value);
            }
        }
    }
    let (by_ilp, by_dp) = match (by_ilp, by_dp, best) {
        (Ok(a), Ok(b), Some(_)) => (a, b),
        (a, b, None) if common::is_infeasible(&a) && common::is_infeasible(&b) => return Ok(()),
        (a, b, best) => {
            return Err(TestCaseError::fail(format!(
                "the solvers disagree on feasibility: ilp {a:?} dp {b:?} exhaustive {best:?}"
            )));
        }
    };
    let best = best.unwrap();
    let value = |s: &solve::Solution| (s.total, -i64::from(s.switches.iter().sum::<u32>()));
    prop_assert_eq!(
        value(&by_dp),
        best,
        "the dynamic program is not the optimum"
    );
    prop_assert_eq!(
        value(&by_ilp),
        best,
        "the integer program is not the optimum"
    );
    for solution in [&by_ilp, &by_dp] {
        let limits = &c.request.limits;
        prop_assert!(
            feasible(&c.schedule, &solution.chosen, limits.max_switches, &need).is_some(),
            "an agenda breaks the rules: {:?}",
            solution.chosen
        );
    }
    // The whole plan (free time filled) passes the independent check after solving.
    let planned =
        plan::plan(&c.schedule, &c.request).map_err(|e| TestCaseError::fail(format!("{e:#}")))?;
    prop_assert!(planned.verified.reference);
    let failures = verify::check_agenda(&c.schedule, &c.request, &planned.chosen);
    prop_assert!(failures.is_empty(), "{failures:?}");
    prop_assert_eq!(planned.total, best.0);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_conferences_with_nights_plan_to_the_reference_optimum(
        seed in any::<u64>(),
        rooms in 2usize..5,
        k in prop::option::of(0u32..3),
        m in prop::sample::select(vec![0u32, 10]),
    ) {
        let schedule = agenda::generate::generate(&agenda::generate::Params {
            talks: 60 * rooms,
            rooms,
            days: 2,
            seed,
            nights: true,
        })
        .unwrap();
        let topics: Vec<String> = schedule.topic_counts().into_keys().take(4).collect();
        let request = Request {
            interests: Interests {
                likes: topics
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Weighted { term: t.clone(), weight: i as i64 + 1 })
                    .collect(),
                ..Interests::default()
            },
            limits: Limits { max_switches: k, switch_minutes: m, ..Limits::default() },
        };
        // plan::plan compares with the reference program and checks the agenda itself.
        let planned = plan::plan(&schedule, &request)
            .map_err(|e| TestCaseError::fail(format!("{e:#}")))?;
        prop_assert!(planned.verified.reference);
        let instance = plan::prepare(&schedule, &request).unwrap();
        prop_assert_eq!(dp::solve(&instance).unwrap().total, planned.total);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1200, ..ProptestConfig::default() })]

    #[test]
    fn overlapping_nights_never_double_book_and_all_three_methods_agree(c in case()) {
        check(&c)?;
    }
}

/// The same cases with the rooms in two or three buildings and walking times between them.
fn case_with_buildings() -> impl Strategy<Value = Case> {
    (case(), 2usize..=3, 0u32..10, 0u32..40, 0usize..3)
        .prop_map(|(mut c, buildings, within, between, offset)| {
            let rooms = c.schedule.conference.rooms.clone();
            c.request.limits.switch_minutes = 0;
            c.request.limits.walking = Some(prefs::venue::Venue {
                within,
                between,
                buildings: rooms
                    .iter()
                    .enumerate()
                    .map(|(r, room)| (room.clone(), format!("B{}", (r + offset) % buildings)))
                    .collect(),
                walks: Vec::new(),
            });
            c
        })
        .prop_filter("two or more rooms", |c| {
            c.schedule.conference.rooms.len() >= 2
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Across overlapping conference days too, walking times between buildings hold and the
    /// integer program, the dynamic program and every subset agree.
    #[test]
    fn overlapping_nights_with_walking_times_agree_with_every_subset(c in case_with_buildings()) {
        check(&c)?;
    }
}

/// Two liked talks either side of midnight in two rooms: 23:55–00:35 and 00:00–01:00.
fn midnight_pair(first_day: u32, second_day: u32) -> Schedule {
    let night = |h: u32, m: u32, next: bool| {
        NaiveDate::from_ymd_opt(2030, 12, if next { 28 } else { 27 })
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    };
    let days = vec![
        ConferenceDay {
            index: 1,
            date: NaiveDate::from_ymd_opt(2030, 12, 27).unwrap(),
            start: night(10, 0, false),
            end: night(4, 0, true),
        },
        ConferenceDay {
            index: 2,
            date: NaiveDate::from_ymd_opt(2030, 12, 28).unwrap(),
            start: night(0, 0, true),
            end: night(4, 0, true) + Duration::days(1),
        },
    ];
    Schedule::with_days(
        conference(2),
        days,
        vec![
            talk(
                "late",
                first_day,
                night(23, 55, false),
                40,
                "R0",
                &["alpha"],
            ),
            talk(
                "midnight",
                second_day,
                night(0, 0, true),
                60,
                "R1",
                &["alpha"],
            ),
        ],
        "midnight",
    )
}

#[test]
fn of_two_liked_talks_across_midnight_in_two_rooms_exactly_one_is_chosen() {
    let request = Request {
        interests: Interests {
            likes: vec![Weighted {
                term: "alpha".into(),
                weight: 1,
            }],
            ..Interests::default()
        },
        limits: Limits {
            max_switches: None,
            ..Limits::default()
        },
    };
    // Listed under the same day, and under two days (the case that double-booked before).
    for (a, b) in [(1, 1), (1, 2)] {
        let schedule = midnight_pair(a, b);
        let planned = plan::plan(&schedule, &request).unwrap();
        assert_eq!(
            planned.chosen.len(),
            1,
            "days {a}/{b}: {:?}",
            planned.chosen
        );
        assert_eq!(planned.total, 2);
    }
}

#[test]
fn the_switch_limit_counts_per_conference_day_not_per_date() {
    // One conference day from 20:00 to 03:00: talks alternate rooms across midnight. With at
    // most one switch a day, only two rooms' worth of the night can be had, although the
    // calendar date changes in the middle.
    let day = ConferenceDay {
        index: 1,
        date: NaiveDate::from_ymd_opt(2030, 12, 27).unwrap(),
        start: base() - Duration::hours(1),
        end: base() + Duration::hours(6),
    };
    let at = |minutes: i64| base() + Duration::minutes(minutes);
    let sessions = vec![
        talk("a", 1, at(120), 30, "R0", &["alpha"]), // 23:00
        talk("b", 1, at(150), 30, "R1", &["alpha"]), // 23:30
        talk("c", 1, at(180), 30, "R0", &["alpha"]), // 00:00
        talk("d", 1, at(210), 30, "R1", &["alpha"]), // 00:30
    ];
    let schedule = Schedule::with_days(conference(2), vec![day], sessions, "limit");
    let request = |k| Request {
        interests: Interests {
            likes: vec![Weighted {
                term: "alpha".into(),
                weight: 1,
            }],
            ..Interests::default()
        },
        limits: Limits {
            max_switches: Some(k),
            ..Limits::default()
        },
    };
    let one = plan::plan(&schedule, &request(1)).unwrap();
    assert_eq!(
        one.chosen.len(),
        3,
        "one switch: a b (then b's room) … {:?}",
        one.chosen
    );
    assert_eq!(one.switches[&1], 1);
    let three = plan::plan(&schedule, &request(3)).unwrap();
    assert_eq!(three.chosen.len(), 4);
    assert_eq!(three.switches[&1], 3);
}
