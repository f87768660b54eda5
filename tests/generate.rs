//! `agenda generate`: generated conferences are valid, exact in size, realistic and repeatable.

use agenda::generate::{self, Params};
use agenda::schedule::{Kind, Schedule, ron_format};
use assert_cmd::Command;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn agenda() -> Command {
    Command::cargo_bin("agenda").expect("the agenda binary is built")
}

/// Generates, writes as RON and reads back through the checking parser.
fn round_trip(params: Params) -> Schedule {
    let schedule = generate::generate(&params).expect("parameters fit");
    let text = ron_format::write(&schedule).expect("writes");
    ron_format::parse(&text, "generated.ron").expect("passes validation")
}

fn plannable(schedule: &Schedule) -> usize {
    schedule
        .sessions
        .iter()
        .filter(|s| s.kind.is_plannable())
        .count()
}

#[test]
fn same_arguments_give_byte_identical_files() {
    let args = [
        "generate", "--talks", "300", "--rooms", "7", "--days", "2", "--seed", "42",
    ];
    let first = agenda().args(args).output().expect("runs");
    let second = agenda().args(args).output().expect("runs");
    assert!(first.status.success());
    assert!(!first.stdout.is_empty());
    assert_eq!(first.stdout, second.stdout);

    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("conf.ron");
    agenda()
        .args(args)
        .arg("-o")
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read(&file).expect("file written"), first.stdout);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("lists").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn different_seeds_give_different_conferences() {
    let a = ron_format::write(&round_trip(Params {
        talks: 50,
        rooms: 3,
        days: 1,
        seed: 1,
        nights: false,
    }));
    let b = ron_format::write(&round_trip(Params {
        talks: 50,
        rooms: 3,
        days: 1,
        seed: 2,
        nights: false,
    }));
    assert_ne!(a.expect("writes"), b.expect("writes"));
}

#[test]
fn generated_file_passes_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("fosdem-like.ron");
    agenda()
        .args([
            "generate", "--talks", "1105", "--rooms", "35", "--days", "2", "-o",
        ])
        .arg(&file)
        .assert()
        .success();
    agenda()
        .arg("check")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("2 days, 35 rooms, 1105 talks"));
}

#[test]
fn generated_conference_has_exactly_the_talks_rooms_and_days_asked_for() {
    let s = round_trip(Params {
        talks: 1105,
        rooms: 35,
        days: 2,
        seed: 3,
        nights: false,
    });
    assert_eq!(plannable(&s), 1105);
    assert_eq!(s.conference.rooms.len(), 35);
    assert_eq!(s.days().len(), 2);
    let used: BTreeSet<&str> = s.sessions.iter().map(|x| x.room.as_str()).collect();
    assert_eq!(used.len(), 35);
}

#[test]
fn talk_lengths_and_starts_lie_on_the_five_minute_grid() {
    let s = round_trip(Params {
        talks: 2000,
        rooms: 20,
        days: 3,
        seed: 9,
        nights: false,
    });
    let mut lengths = BTreeSet::new();
    for x in s.sessions.iter().filter(|x| x.kind.is_plannable()) {
        assert!(
            [5, 25, 40, 50].contains(&x.minutes),
            "{} lasts {}",
            x.id,
            x.minutes
        );
        assert_eq!(x.kind == Kind::Lightning, x.minutes == 5, "{}", x.id);
        assert_eq!(chrono::Timelike::minute(&x.start) % 5, 0, "{}", x.id);
        lengths.insert(x.minutes);
    }
    assert_eq!(
        lengths,
        BTreeSet::from([5, 25, 40, 50]),
        "every length occurs"
    );
}

#[test]
fn every_room_has_coffee_and_lunch_breaks_at_the_same_times() {
    let s = round_trip(Params {
        talks: 400,
        rooms: 9,
        days: 2,
        seed: 5,
        nights: false,
    });
    type Breaks<'a> = Vec<(chrono::NaiveTime, u32, &'a str)>;
    let mut per_room_day: BTreeMap<(chrono::NaiveDate, &str), Breaks> = BTreeMap::new();
    for x in s.sessions.iter().filter(|x| x.kind == Kind::Break) {
        per_room_day
            .entry((x.date, x.room.as_str()))
            .or_default()
            .push((x.start, x.minutes, x.title.as_str()));
    }
    assert_eq!(
        per_room_day.len(),
        9 * 2,
        "breaks in every room on every day"
    );
    let first = per_room_day.values().next().expect("some breaks").clone();
    assert!(first.iter().any(|b| b.2 == "Lunch"));
    assert_eq!(first.iter().filter(|b| b.2 == "Coffee break").count(), 2);
    for breaks in per_room_day.values() {
        assert_eq!(*breaks, first);
    }
}

#[test]
fn rooms_open_and_close_at_different_times() {
    let s = round_trip(Params {
        talks: 1000,
        rooms: 20,
        days: 1,
        seed: 11,
        nights: false,
    });
    let mut first = BTreeMap::new();
    let mut last = BTreeMap::new();
    for x in s.sessions.iter().filter(|x| x.kind.is_plannable()) {
        first.entry(x.room.as_str()).or_insert(x.start);
        last.insert(x.room.as_str(), x.end_at().time());
    }
    let opens: BTreeSet<_> = first.values().collect();
    let closes: BTreeSet<_> = last.values().collect();
    assert!(opens.len() >= 5, "opening times {opens:?}");
    assert!(closes.len() >= 5, "closing times {closes:?}");
}

#[test]
fn a_few_topics_are_popular_and_most_are_rare() {
    let s = round_trip(Params {
        talks: 2000,
        rooms: 20,
        days: 2,
        seed: 1,
        nights: false,
    });
    let mut counts: Vec<usize> = s.topic_counts().into_values().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    assert!(counts.len() >= 60, "a wide vocabulary: {}", counts.len());
    let median = counts[counts.len() / 2];
    assert!(
        counts[0] >= 10 * median,
        "top {} vs median {median}",
        counts[0]
    );
}

#[test]
fn nonsense_arguments_are_refused_with_what_fits() {
    for (args, says) in [
        (
            ["--talks", "10", "--rooms", "0", "--days", "1"],
            "between 1 and",
        ),
        (
            ["--talks", "10", "--rooms", "2", "--days", "0"],
            "between 1 and",
        ),
        (
            ["--talks", "0", "--rooms", "2", "--days", "1"],
            "at least 1 talk",
        ),
        (
            ["--talks", "100000", "--rooms", "3", "--days", "1"],
            "at most",
        ),
    ] {
        agenda()
            .arg("generate")
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicates::str::contains(says));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn any_fitting_request_gives_a_valid_conference_of_that_size(
        seed in any::<u64>(),
        rooms in 1usize..40,
        days in 1usize..4,
        per_room_day in 1usize..40,
        nights in any::<bool>(),
    ) {
        let talks = rooms * days * per_room_day / 2 + 1;
        let s = round_trip(Params { talks, rooms, days, seed, nights });
        prop_assert_eq!(plannable(&s), talks);
        prop_assert_eq!(s.conference.rooms.len(), rooms);
        prop_assert!(s.days().len() <= days);
        prop_assert!(s.sessions.iter().all(|x| x.minutes % 5 == 0));
    }
}

#[test]
fn nights_run_past_midnight_and_belong_to_the_day_before() {
    let s = round_trip(Params {
        talks: 400,
        rooms: 4,
        days: 3,
        seed: 5,
        nights: true,
    });
    assert_eq!(s.days().len(), 3);
    let after_midnight: Vec<_> = s
        .sessions
        .iter()
        .filter(|x| x.date > s.day(x.day).unwrap().date)
        .collect();
    assert!(!after_midnight.is_empty(), "talks after midnight");
    assert!(
        after_midnight
            .iter()
            .all(|x| x.start < chrono::NaiveTime::from_hms_opt(4, 0, 0).unwrap()),
        "every night ends by the 04:00 day change"
    );
    let crossing = s
        .sessions
        .iter()
        .filter(|x| x.date == s.day(x.day).unwrap().date && x.end_at().date() > x.date)
        .count();
    assert!(crossing > 0, "some talks cross midnight");
    for day in s.days() {
        assert!(
            day.end.date() > day.date,
            "day {} runs past midnight",
            day.index
        );
    }
}
