//! Filling the whole day: on All Systems Go! for several interest sets, and against exhaustive
//! enumeration of every possible filling on small random days.

use agenda::plan::{self, fill};

use agenda::prefs::{Interests, Limits, Request, Weighted};
use agenda::schedule::Schedule;
use agenda::solve::{self, Day, Instance, Item, dp};
use proptest::prelude::*;

fn likes(terms: &[&str]) -> Interests {
    Interests {
        likes: terms
            .iter()
            .map(|t| Weighted {
                term: (*t).into(),
                weight: 1,
            })
            .collect(),
        ..Interests::default()
    }
}

fn ids(schedule: &Schedule, planned: &plan::Plan) -> Vec<String> {
    planned
        .chosen
        .iter()
        .map(|&i| schedule.sessions[i].id.clone())
        .collect()
}

fn title_of_first(schedule: &Schedule, planned: &plan::Plan, day: usize) -> String {
    let index = schedule.days()[day].index;
    let first = planned
        .chosen
        .iter()
        .map(|&i| &schedule.sessions[i])
        .filter(|s| s.day == index)
        .min_by_key(|s| s.start_at())
        .expect("a talk that day");
    first.title.clone()
}

#[test]
fn the_opening_is_attended_when_nothing_competes_with_it() {
    let schedule = Schedule::embedded().unwrap();
    for terms in [
        &["bpf", "sysext"][..],
        &["rust"],
        &["security"],
        &["boot", "tpm"],
    ] {
        let request = Request {
            interests: likes(terms),
            limits: Limits::default(),
        };
        let planned = plan::plan(&schedule, &request).unwrap();
        assert!(
            title_of_first(&schedule, &planned, 0).starts_with("Opening Session"),
            "{terms:?}: the day starts with {}",
            title_of_first(&schedule, &planned, 0)
        );
    }
}

/// More switches allowed: the morning is only given up for a strictly higher score (with two
/// switches, bpf and sysext need both to score 6, so the opening in Loft would be a third).
#[test]
fn more_switches_allowed_never_drops_the_morning_for_nothing() {
    let schedule = Schedule::embedded().unwrap();
    let mut previous: Option<i64> = None;
    for k in [Some(0), Some(1), Some(2), Some(3), Some(4), None] {
        let request = Request {
            interests: likes(&["bpf", "sysext"]),
            limits: Limits {
                max_switches: k,
                ..Limits::default()
            },
        };
        let planned = plan::plan(&schedule, &request).unwrap();
        let opening = title_of_first(&schedule, &planned, 0).starts_with("Opening Session");
        assert!(
            opening || previous.is_some_and(|p| planned.total > p),
            "K = {k:?} gives up the opening without scoring more: {:?}",
            ids(&schedule, &planned)
        );
        previous = Some(planned.total);
    }
}

#[test]
fn a_day_without_a_match_runs_from_the_first_session_to_the_closing() {
    let schedule = Schedule::embedded().unwrap();
    let request = Request {
        interests: likes(&["bpf", "sysext"]),
        limits: Limits::default(),
    };
    let planned = plan::plan(&schedule, &request).unwrap();
    let day2 = schedule.days()[1].index;
    let talks: Vec<_> = planned
        .chosen
        .iter()
        .map(|&i| &schedule.sessions[i])
        .filter(|s| s.day == day2)
        .collect();
    assert!(talks.len() >= 8, "a filled day, got {}", talks.len());
    assert!(talks.last().unwrap().title.starts_with("Closing session"));
    let first_of_day = schedule
        .sessions
        .iter()
        .filter(|s| s.day == day2 && s.kind.is_plannable())
        .map(|s| s.start_at())
        .min()
        .unwrap();
    assert_eq!(talks[0].start_at(), first_of_day);
    assert_eq!(planned.switches[&day2], 0);
}

#[test]
fn filling_never_changes_the_score_or_the_talks_that_score() {
    let schedule = Schedule::embedded().unwrap();
    for terms in [
        &["bpf", "sysext"][..],
        &["rust"],
        &["containers", "security"],
    ] {
        for k in [Some(0), Some(1), Some(3), None] {
            let request = Request {
                interests: likes(terms),
                limits: Limits {
                    max_switches: k,
                    ..Limits::default()
                },
            };
            let planned = plan::plan(&schedule, &request).unwrap();
            let reference = dp::solve(&planned.instance).unwrap();
            assert_eq!(planned.total, reference.total);
            let switches: Vec<u32> = planned
                .instance
                .days
                .iter()
                .map(|d| planned.switches[&d.index])
                .collect();
            assert_eq!(switches, reference.switches, "{terms:?} K = {k:?}");
            for &f in &planned.filled {
                assert_eq!(planned.scores[f].half_points, 0);
            }
            for (date, extra) in &planned.fill_switches {
                if let Some(k) = k {
                    assert!(planned.switches[date] + extra <= k);
                }
            }
        }
    }
}

/// The value the filling rule maximises, for a day's attended items in time order.
fn value(items: &[&Item]) -> (i64, i64) {
    let minutes: i64 = items.iter().map(|i| i.end - i.start).sum();
    let switches = i64::from(solve::count_switches(items));
    (minutes - fill::SWITCH_COST_MINUTES * switches, -switches)
}

fn arb_day() -> impl Strategy<Value = (Vec<Item>, Option<u32>, i64)> {
    (
        proptest::collection::vec((0usize..3, 0i64..24, 1i64..6, -1i64..3), 1..11),
        prop_oneof![Just(None), (0u32..3).prop_map(Some)],
        prop_oneof![Just(0i64), Just(5i64)],
    )
        .prop_map(|(raw, k, m)| {
            let mut items: Vec<Item> = raw
                .into_iter()
                .enumerate()
                .map(|(n, (room, slot, len, score))| Item {
                    session: n,
                    room,
                    start: slot * 10,
                    end: slot * 10 + len * 10,
                    score,
                    must: false,
                })
                .collect();
            items.sort_by_key(|i| (i.start, i.room, i.session));
            (items, k, m)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn filling_is_the_best_of_every_possible_filling((items, k, m) in arb_day()) {
        let instance = Instance {
            days: vec![Day { index: 1, date: chrono::NaiveDate::from_ymd_opt(2025, 9, 30).unwrap(), items: items.clone() }],
            rooms: 3,
            max_switches: k,
            switch_minutes: m,
            walking: None,
        };
        let core = dp::solve(&instance).unwrap();
        let added = fill::fill_gaps(&instance, &core.chosen);
        let with = |extra: &[usize]| -> Vec<&Item> {
            items.iter().filter(|i| core.chosen.contains(&i.session) || extra.contains(&i.session)).collect()
        };
        let sessions = |list: &[&Item]| -> Vec<usize> { list.iter().map(|i| i.session).collect() };
        let filled = with(&added);
        // What filling returns is a feasible agenda that keeps every talk that scores.
        solve::check(&instance, &sessions(&filled)).map_err(TestCaseError::fail)?;
        for &a in &added {
            prop_assert_eq!(items.iter().find(|i| i.session == a).unwrap().score, 0);
        }
        // And no subset of the zero-score talks does better.
        let spare: Vec<usize> = items
            .iter()
            .filter(|i| i.score == 0 && !core.chosen.contains(&i.session))
            .map(|i| i.session)
            .collect();
        let mut best = value(&with(&[]));
        for mask in 0u32..(1 << spare.len()) {
            let extra: Vec<usize> = (0..spare.len()).filter(|b| mask >> b & 1 == 1).map(|b| spare[b]).collect();
            let candidate = with(&extra);
            if solve::check(&instance, &sessions(&candidate)).is_ok() {
                best = best.max(value(&candidate));
            }
        }
        prop_assert_eq!(value(&filled), best);
    }
}
