//! Planning together against exhaustive enumeration, `--bonus 0` against planning alone, and
//! saved plans (round trip, another schedule, atomic writes).

use agenda::friends::saved::{SavedPlan, schedule_hash};
use agenda::friends::together::{self, Settings};
use agenda::plan::{self, Busy, Interests, Limits, Request, Weighted, profile};
use agenda::schedule::{Conference, Kind, Schedule, Session};
use agenda::solve::{self, Item};
use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;

const TOPICS: [&str; 3] = ["alpha", "beta", "gamma"];

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2030, 5, 6).unwrap()
}

fn at(slot: u8) -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).unwrap() + chrono::Duration::minutes(10 * i64::from(slot))
}

/// A talk: (room, start slot of 10 minutes, length in slots, topic).
type TalkSpec = (usize, u8, u8, usize);
/// A person: (weights of the three topics, negative = dislike; switch limit; switch minutes;
/// busy window (slot, length); must-see talk; avoided talk).
type PersonSpec = (
    [i64; 3],
    Option<u32>,
    u32,
    Option<(u8, u8)>,
    Option<usize>,
    Option<usize>,
);

fn schedule(rooms: usize, talks: &[TalkSpec], coffee: Option<u8>) -> Schedule {
    let names: Vec<String> = (0..rooms).map(|r| format!("R{r}")).collect();
    let mut sessions: Vec<Session> = talks
        .iter()
        .enumerate()
        .map(|(n, &(room, start, len, topic))| Session {
            id: format!("t{n}"),
            date: day(),
            day: 0,
            start: at(start),
            minutes: 10 * u32::from(len),
            room: names[room % rooms].clone(),
            kind: Kind::Talk,
            title: format!("Talk {n}"),
            speakers: vec![],
            track: None,
            topics: vec![TOPICS[topic].to_string()],
            abstract_text: String::new(),
            line: None,
        })
        .collect();
    if let Some(slot) = coffee {
        for (r, room) in names.iter().enumerate() {
            sessions.push(Session {
                id: format!("coffee-{r}"),
                date: day(),
                day: 0,
                start: at(slot),
                minutes: 10,
                room: room.clone(),
                kind: Kind::Break,
                title: "Coffee".into(),
                speakers: vec![],
                track: None,
                topics: vec![],
                abstract_text: String::new(),
                line: None,
            });
        }
    }
    let conference = Conference {
        name: "Test".into(),
        time_zone: "Europe/Berlin".into(),
        venue: String::new(),
        rooms: names,
        url: None,
    };
    Schedule::new(conference, sessions, "test")
}

/// The request of a person; interests only in topics the schedule has (others are refused).
fn request(schedule: &Schedule, talks: usize, spec: &PersonSpec) -> Request {
    let (weights, k, minutes, busy, must, avoid) = spec;
    let mut interests = Interests::default();
    for (t, &w) in weights.iter().enumerate() {
        let term = TOPICS[t].to_string();
        if !schedule.sessions.iter().any(|s| s.topics.contains(&term)) {
            continue;
        }
        if w > 0 {
            interests.likes.push(Weighted { term, weight: w });
        } else if w < 0 {
            interests.dislikes.push(Weighted { term, weight: -w });
        }
    }
    interests.must = must.iter().map(|m| format!("t{}", m % talks)).collect();
    interests.avoid = avoid.iter().map(|a| format!("t{}", a % talks)).collect();
    Request {
        interests,
        limits: Limits {
            max_switches: *k,
            switch_minutes: *minutes,
            busy: busy
                .iter()
                .map(|&(s, l)| Busy {
                    day: 1,
                    from: day().and_time(at(s)),
                    until: day().and_time(at(s + l)),
                })
                .collect(),
            gaps: false,
            walking: None,
        },
    }
}

/// Every feasible agenda of one person as (bit mask of schedule indices, score), by trying
/// every subset of the talks they may attend.
fn every_agenda(schedule: &Schedule, request: &Request) -> Option<Vec<(u64, i64)>> {
    let instance = plan::prepare(schedule, request).ok()?;
    let items: Vec<&Item> = instance.days.iter().flat_map(|d| &d.items).collect();
    let mut out = Vec::new();
    for subset in 0u64..(1 << items.len()) {
        let chosen: Vec<usize> = (0..items.len())
            .filter(|k| subset & (1 << k) != 0)
            .map(|k| items[k].session)
            .collect();
        if solve::check(&instance, &chosen).is_ok() {
            let mask = chosen.iter().fold(0u64, |m, &s| m | 1 << s);
            let score = (0..items.len())
                .filter(|k| subset & (1 << k) != 0)
                .map(|k| items[k].score)
                .sum();
            out.push((mask, score));
        }
    }
    Some(out)
}

/// The joint optimum by brute force over every combination of feasible agendas.
fn brute_force(agendas: &[Vec<(u64, i64)>], bonus: i64, min_shared: u32) -> Option<i64> {
    let mut best: Option<i64> = None;
    let mut pick = vec![0usize; agendas.len()];
    loop {
        let masks: Vec<u64> = pick.iter().zip(agendas).map(|(&i, a)| a[i].0).collect();
        let mut together = 0u64;
        for a in 0..masks.len() {
            for b in a + 1..masks.len() {
                together |= masks[a] & masks[b];
            }
        }
        if together.count_ones() >= min_shared {
            let mut value = 0;
            for (p, (&i, a)) in pick.iter().zip(agendas).enumerate() {
                let others = masks
                    .iter()
                    .enumerate()
                    .filter(|(q, _)| *q != p)
                    .fold(0, |acc, (_, m)| acc | m);
                value += a[i].1 + bonus * i64::from((masks[p] & others).count_ones());
            }
            best = Some(best.map_or(value, |b: i64| b.max(value)));
        }
        // Next combination.
        let mut p = 0;
        loop {
            if p == pick.len() {
                return best;
            }
            pick[p] += 1;
            if pick[p] < agendas[p].len() {
                break;
            }
            pick[p] = 0;
            p += 1;
        }
    }
}

/// Checks the joint plan against brute force and checks every agenda's rules.
fn check_together(
    schedule: &Schedule,
    people: &[Request],
    settings: Settings,
) -> Result<(), TestCaseError> {
    let named: Vec<(String, String, Request)> = people
        .iter()
        .enumerate()
        .map(|(p, r)| (format!("P{p}"), "test".to_string(), r.clone()))
        .collect();
    let joint = together::plan_together(schedule, &named, settings);
    let agendas: Option<Vec<Vec<(u64, i64)>>> =
        people.iter().map(|r| every_agenda(schedule, r)).collect();
    let best = agendas
        .as_ref()
        .and_then(|a| brute_force(a, settings.bonus, settings.min_shared));
    let (joint, best) = match (joint, best) {
        (Ok(j), Some(b)) => (j, b),
        (Err(e), None) => {
            prop_assert_eq!(agenda::error::exit_code(&e), 2, "{:#}", e);
            return Ok(());
        }
        (j, b) => {
            return Err(TestCaseError::fail(format!(
                "joint plan {:?} but brute force {b:?}",
                j.map(|j| j.objective)
            )));
        }
    };
    prop_assert_eq!(joint.objective, best, "not the joint optimum");
    // Every person's agenda (free time filled) keeps their own rules, and the objective adds up.
    let mut picked = Vec::new();
    let mut scores = Vec::new();
    for (member, request) in joint.members.iter().zip(people) {
        let instance = plan::prepare(schedule, request).unwrap();
        let chosen: Vec<usize> = instance
            .days
            .iter()
            .flat_map(|d| &d.items)
            .filter(|i| member.attendee.attends(i.session))
            .map(|i| i.session)
            .collect();
        solve::check(&instance, &chosen).map_err(TestCaseError::fail)?;
        for &i in &member.attendee.chosen {
            prop_assert!(
                instance
                    .days
                    .iter()
                    .any(|d| d.items.iter().any(|it| it.session == i)),
                "{} attends a session they may not",
                member.attendee.name
            );
        }
        picked.push(member.attendee.chosen.clone());
        scores.push(
            instance
                .days
                .iter()
                .flat_map(|d| &d.items)
                .map(|i| (i.session, i.score))
                .collect(),
        );
        let alone = plan::plan(schedule, request).unwrap().total;
        prop_assert_eq!(member.best_alone, alone);
        if settings.bonus == 0 && settings.min_shared == 0 {
            prop_assert_eq!(member.attendee.total, alone, "bonus 0 is planning alone");
        }
    }
    prop_assert_eq!(
        together::joint_objective(&picked, &scores, settings.bonus),
        joint.objective
    );
    prop_assert!(joint.shared_talks >= settings.min_shared as usize);
    Ok(())
}

fn talk_spec(rooms: usize) -> impl Strategy<Value = TalkSpec> {
    (0..rooms, 0u8..10, 1u8..=3, 0usize..3)
}

fn person_spec() -> impl Strategy<Value = PersonSpec> {
    (
        [-2i64..=3, -2i64..=3, -2i64..=3],
        prop_oneof![Just(None), (0u32..=2).prop_map(Some)],
        prop_oneof![Just(0u32), Just(10u32)],
        proptest::option::weighted(0.3, (0u8..10, 1u8..=3)),
        proptest::option::weighted(0.3, 0usize..8),
        proptest::option::weighted(0.2, 0usize..8),
    )
}

fn case(
    people: usize,
    max_talks: usize,
) -> impl Strategy<Value = (Schedule, Vec<Request>, Settings)> {
    (2usize..=3)
        .prop_flat_map(move |rooms| {
            (
                Just(rooms),
                proptest::collection::vec(talk_spec(rooms), 2..=max_talks),
                proptest::option::weighted(0.4, 2u8..8),
                proptest::collection::vec(person_spec(), people),
                0i64..=4,
                prop_oneof![3 => Just(0u32), 1 => 1u32..=3],
            )
        })
        .prop_map(|(rooms, talks, coffee, specs, bonus, min_shared)| {
            let schedule = schedule(rooms, &talks, coffee);
            let requests = specs
                .iter()
                .map(|s| request(&schedule, talks.len(), s))
                .collect();
            (schedule, requests, Settings { bonus, min_shared })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn two_people_together_reach_the_exhaustive_joint_optimum((schedule, people, settings) in case(2, 9)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn three_people_together_reach_the_exhaustive_joint_optimum((schedule, people, settings) in case(3, 7)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn with_no_bonus_everyone_scores_what_they_would_alone((schedule, people, mut settings) in case(3, 8)) {
        settings.bonus = 0;
        settings.min_shared = 0;
        check_together(&schedule, &people, settings)?;
    }
}

fn example(name: &str) -> (String, String, Request) {
    let schedule = Schedule::embedded().unwrap();
    let args = agenda::cli::PlanArgs {
        profile: Some(name.into()),
        ..Default::default()
    };
    let (request, person) = agenda::commands::plan::build_request(&schedule, &args).unwrap();
    (person.unwrap(), name.into(), request)
}

#[test]
fn with_no_bonus_the_example_profiles_score_what_they_would_alone() {
    let schedule = Schedule::embedded().unwrap();
    let people: Vec<_> = profile::EXAMPLES.iter().map(|(n, _)| example(n)).collect();
    let joint = together::plan_together(&schedule, &people, Settings::default()).unwrap();
    for (m, (name, _, request)) in joint.members.iter().zip(&people) {
        let alone = plan::plan(&schedule, request).unwrap().total;
        assert_eq!(m.attendee.total, alone, "{name}");
        assert_eq!(m.best_alone, alone, "{name}");
    }
}

#[test]
fn a_bonus_brings_alice_and_bob_together_at_a_price_they_can_see() {
    let schedule = Schedule::embedded().unwrap();
    let people = vec![example("alice"), example("bob")];
    let apart = together::plan_together(&schedule, &people, Settings::default()).unwrap();
    let close = together::plan_together(
        &schedule,
        &people,
        Settings {
            bonus: 4,
            min_shared: 0,
        },
    )
    .unwrap();
    assert!(close.shared_talks > apart.shared_talks);
    let lost: i64 = close
        .members
        .iter()
        .map(|m| m.best_alone - m.attendee.total)
        .sum();
    assert!(lost > 0, "company costs interest here");
    // Yet the joint objective beats staying apart with the same bonus.
    let apart_value = apart.members.iter().map(|m| m.attendee.total).sum::<i64>()
        + 4 * 2 * apart.shared_talks as i64;
    assert!(close.objective >= apart_value);
}

#[test]
fn an_impossible_min_shared_says_so_and_names_n() {
    let schedule = Schedule::embedded().unwrap();
    let people = vec![example("alice"), example("bob")];
    let err = together::plan_together(
        &schedule,
        &people,
        Settings {
            bonus: 0,
            min_shared: 500,
        },
    )
    .unwrap_err();
    assert_eq!(agenda::error::exit_code(&err), 2);
    assert!(format!("{err:#}").contains("--min-shared 500"), "{err:#}");
}

#[test]
fn the_schedule_hash_is_stable_and_changes_with_the_schedule() {
    let a = Schedule::embedded().unwrap();
    let hash = schedule_hash(&a).unwrap();
    // Pinned: the hash must be the same on every run and platform for this schedule text.
    assert_eq!(hash, schedule_hash(&Schedule::embedded().unwrap()).unwrap());
    assert!(
        hash.starts_with("fnv1a64:") && hash.len() == 8 + 16,
        "{hash}"
    );
    let mut b = a.clone();
    b.sessions[0].title.push('!');
    assert_ne!(hash, schedule_hash(&b).unwrap());
    // Where it was read from does not count.
    let mut c = a.clone();
    c.source = "elsewhere.ron".into();
    assert_eq!(hash, schedule_hash(&c).unwrap());
}

#[test]
fn a_saved_plan_round_trips_in_ron_and_json() {
    let schedule = Schedule::embedded().unwrap();
    let (name, _, request) = example("carol");
    let planned = plan::plan(&schedule, &request).unwrap();
    let saved = SavedPlan::new(&schedule, &Default::default(), &name, &request, &planned).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for file in ["carol.ron", "carol.json"] {
        let path = dir.path().join(file);
        saved.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.trim_start().starts_with('{'), file.ends_with(".json"));
        let back = SavedPlan::load(&path).unwrap();
        assert_eq!(back, saved);
        assert_eq!(back.resolve(&schedule, file).unwrap(), planned.chosen);
        assert_eq!(back.settings.to_request(&schedule).unwrap(), request);
    }
}

#[test]
fn a_saved_plan_for_another_schedule_is_refused() {
    let schedule = Schedule::embedded().unwrap();
    let (name, _, request) = example("alice");
    let planned = plan::plan(&schedule, &request).unwrap();
    let saved = SavedPlan::new(&schedule, &Default::default(), &name, &request, &planned).unwrap();
    let mut other = schedule.clone();
    other.sessions[3].minutes += 5;
    let err = saved.resolve(&other, "alice.ron").unwrap_err();
    assert_eq!(agenda::error::exit_code(&err), 2);
    let text = format!("{err}");
    assert!(text.contains("another schedule"), "{text}");
}

#[test]
fn saving_replaces_a_file_only_with_a_complete_one_and_leaves_no_temporary() {
    let schedule = Schedule::embedded().unwrap();
    let (name, _, request) = example("bob");
    let planned = plan::plan(&schedule, &request).unwrap();
    let saved = SavedPlan::new(&schedule, &Default::default(), &name, &request, &planned).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bob.ron");
    std::fs::write(&path, "old contents").unwrap();
    saved.save(&path).unwrap();
    assert_eq!(SavedPlan::load(&path).unwrap(), saved);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["bob.ron".to_string()]);
    // A failed write (the directory is gone) leaves nothing behind and reports the path.
    let missing = dir.path().join("gone").join("bob.ron");
    let err = saved.save(&missing).unwrap_err();
    assert!(format!("{err:#}").contains("bob.ron"));
    assert!(!missing.exists());
}
