//! `agenda talks` and `agenda topics`: filters, JSON, typo suggestions, the embedded schedule
//! from any directory, and `--schedule FILE`.

use crate::common::stdout;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// `agenda` run from a directory that holds no schedule, so only the embedded one can be used.
fn agenda() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("agenda");
    cmd.current_dir(std::env::temp_dir()).env("NO_COLOR", "1");
    cmd
}

/// Runs `agenda ARGS --format json` successfully and parses what it prints.
fn json(args: &[&str]) -> Vec<Value> {
    let output = agenda()
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice::<Value>(&output)
        .expect("valid JSON")
        .as_array()
        .expect("a JSON array")
        .clone()
}

fn ids(list: &[Value]) -> Vec<&str> {
    list.iter().map(|s| s["id"].as_str().unwrap()).collect()
}

fn field<'a>(s: &'a Value, name: &str) -> &'a str {
    s[name].as_str().unwrap()
}

#[test]
fn talks_lists_all_57_entries_from_any_directory() {
    let all = json(&["talks"]);
    assert_eq!(all.len(), 57);
    assert_eq!(ids(&all)[0], "opening");
    assert_eq!(ids(&all)[56], "closing");
}

#[test]
fn talks_json_has_every_documented_field() {
    let all = json(&["talks"]);
    for s in &all {
        let mut keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "date", "day", "end", "end_at", "id", "kind", "minutes", "room", "speakers",
                "start", "start_at", "title", "topics"
            ]
        );
    }
    let opening = &all[0];
    assert_eq!(field(opening, "date"), "2025-09-30");
    assert_eq!(field(opening, "start"), "09:25");
    assert_eq!(field(opening, "end"), "09:30");
    assert_eq!(opening["minutes"], 5);
    assert_eq!(field(opening, "room"), "Loft");
    assert_eq!(field(opening, "kind"), "opening");
    let social = all.iter().find(|s| field(s, "kind") == "social").unwrap();
    assert_eq!(
        (field(social, "start"), field(social, "end")),
        ("19:00", "23:00")
    );
    let tokens = all.iter().find(|s| field(s, "id") == "bpf-tokens").unwrap();
    assert_eq!(tokens["speakers"], serde_json::json!(["Matteo Croce"]));
    assert_eq!(field(tokens, "kind"), "talk");
}

#[test]
fn topic_filter_finds_every_bpf_talk() {
    let bpf = json(&["talks", "--topic", "bpf"]);
    assert_eq!(
        ids(&bpf),
        ["netkit-bpf-network-device", "bpf-tokens", "bpfilter"]
    );
}

#[test]
fn topic_filter_is_case_insensitive_and_finds_sysext_talks() {
    let sysext = json(&["talks", "--topic", "SYSEXT"]);
    assert_eq!(
        ids(&sysext),
        [
            "confext-two-years-on",
            "sysext-fedora-atomic",
            "sysext-update-stack"
        ]
    );
}

#[test]
fn day_and_room_filters_combine() {
    for (day, date) in [
        ("2", "2025-10-01"),
        ("2025-10-01", "2025-10-01"),
        ("1", "2025-09-30"),
    ] {
        let list = json(&["talks", "--day", day, "--room", "galerie"]);
        assert!(!list.is_empty());
        for s in &list {
            assert_eq!((field(s, "date"), field(s, "room")), (date, "Galerie"));
        }
    }
    let day1 = json(&["talks", "--day", "1"]).len();
    let day2 = json(&["talks", "--day", "2"]).len();
    assert_eq!(day1 + day2, 57);
}

#[test]
fn search_matches_title_speakers_and_abstract_case_insensitively() {
    let schedule = agenda::schedule::Schedule::embedded().unwrap();
    let expected: Vec<&str> = schedule
        .sessions
        .iter()
        .filter(|s| {
            let text = format!("{} {} {}", s.title, s.speakers.join(" "), s.abstract_text);
            text.to_lowercase().contains("poettering")
        })
        .map(|s| s.id.as_str())
        .collect();
    // Lennart's talks by speaker, and the talks that mention him in their abstracts.
    for id in ["security-model", "particleos", "zlink-varlink-rust"] {
        assert!(expected.contains(&id), "{id}");
    }
    assert_eq!(ids(&json(&["talks", "--search", "PoetTering"])), expected);
    // "fscrypt" appears only in the Dirlock abstract.
    assert_eq!(ids(&json(&["talks", "--search", "FSCRYPT"])), ["dirlock"]);
}

#[test]
fn no_match_says_so_and_succeeds() {
    agenda()
        .args(["talks", "--search", "zbus", "--room", "Loft"])
        .assert()
        .success()
        .stdout("No session matches these filters.\n");
    assert!(json(&["talks", "--search", "zbus", "--room", "Loft"]).is_empty());
}

#[test]
fn unknown_topic_suggests_the_closest_one() {
    agenda()
        .args(["talks", "--topic", "bfp"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("no session has the topic `bfp`")
                .and(predicate::str::contains("did you mean `bpf`?"))
                .and(predicate::str::contains("`agenda topics` lists them all")),
        );
}

#[test]
fn unknown_room_lists_the_rooms_and_suggests_the_closest() {
    agenda()
        .args(["talks", "--room", "galery"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown room `galery`")
                .and(predicate::str::contains("did you mean `Galerie`?"))
                .and(predicate::str::contains("the rooms are Loft, Galerie")),
        );
}

#[test]
fn bad_day_lists_the_days() {
    for (day, says) in [
        ("3", "there is no day 3"),
        ("0", "there is no day 0"),
        ("friday", "no conference day is a Friday"),
        (
            "someday",
            "`someday` is not a day; name one by a day's number (`2` or `day 2`), its weekday (`wed` or `wednesday`) or the date of its morning (`2025-10-01`)",
        ),
        ("2025-10-02", "no conference day starts on 2025-10-02"),
    ] {
        agenda()
            .args(["talks", "--day", day])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says).and(predicate::str::contains(
                "the days are 1 (Tue 2025-09-30), 2 (Wed 2025-10-01)",
            )));
    }
}

#[test]
fn a_day_is_named_by_its_number_weekday_or_date_everywhere() {
    let day_two = stdout(&["talks", "--day", "2", "--format", "json"]);
    for day in ["day 2", "wed", "Wednesday", "2025-10-01"] {
        assert_eq!(
            stdout(&["talks", "--day", day, "--format", "json"]),
            day_two,
            "talks --day {day}"
        );
    }
    let plan_two = stdout(&["plan", "--likes", "bpf", "--day", "2", "-q"]);
    assert!(plan_two.contains("Day 2 · Wednesday 1 Oct"), "{plan_two}");
    assert_eq!(
        stdout(&["plan", "--likes", "bpf", "--day", "wednesday", "-q"]),
        plan_two
    );
    // `--busy` names its day the same ways: Tuesday 09:00-18:00 busy leaves day 1 empty.
    let busy = stdout(&[
        "plan",
        "--likes",
        "bpf",
        "--busy",
        "tue",
        "09:00-20:00",
        "-q",
    ]);
    assert!(
        busy.contains("busy window day 1 09:00–20:00") || busy.contains("Busy"),
        "{busy}"
    );
}

#[test]
fn talks_reads_another_schedule_with_the_schedule_flag() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good.ron");
    let list = json(&["--schedule", fixture, "talks"]);
    assert_eq!(
        ids(&list),
        [
            "opening",
            "bpf-intro",
            "sysext-intro",
            "coffee-loft",
            "coffee-galerie",
            "rust-deep-dive"
        ]
    );
    assert_eq!(field(&list[5], "date"), "2025-10-01");
}

#[test]
fn topics_json_counts_the_talks_of_every_topic() {
    let topics = json(&["topics"]);
    let count = |name: &str| {
        topics
            .iter()
            .find(|t| t["topic"] == name)
            .map(|t| t["talks"].as_u64().unwrap())
    };
    assert_eq!(count("bpf"), Some(3));
    assert_eq!(count("sysext"), Some(3));
    assert_eq!(count("confext"), Some(1));
    assert_eq!(count("no-such-topic"), None);
    let names: Vec<&str> = topics
        .iter()
        .map(|t| t["topic"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "topics are listed by name");
    // Every count agrees with `talks --topic`.
    for t in &topics {
        let name = t["topic"].as_str().unwrap();
        assert_eq!(
            json(&["talks", "--topic", name]).len() as u64,
            t["talks"].as_u64().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn topics_table_ends_with_a_count() {
    agenda()
        .arg("topics")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("│ bpf ").and(predicate::str::ends_with(
                "topics in All Systems Go! 2025\n",
            )),
        );
}

#[test]
fn talks_day_1_table() {
    let output = agenda()
        .args(["talks", "--day", "1"])
        .assert()
        .success()
        .get_output()
        .clone();
    let first_run = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!(first_run);
}

#[test]
fn talks_table_is_byte_identical_between_runs() {
    let run = || {
        agenda()
            .arg("talks")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run(), run());
}
