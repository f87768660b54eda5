//! Settings: every flag is checked before a schedule is read or a solver runs, and the files
//! written before `prefs::Settings` existed (profiles, saved plans) still load and give the same
//! output (`tests/fixtures/before/`).

use crate::common;

use common::{agenda, stdout};
use predicates::prelude::*;
use predicates::str::contains;

/// `plan … --schedule /nonexistent.json` fails on `flags` (exit 2) with a message containing
/// `message`, and says nothing about the missing schedule: the flags were checked first.
fn refused_before_the_schedule(command: &str, flags: &[&str], message: &str) {
    let out = agenda()
        .args([command, "--schedule", "/nonexistent/schedule.json"])
        .args(flags)
        .assert()
        .code(2)
        .stderr(contains(message))
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(!err.contains("nonexistent"), "{flags:?}: {err}");
}

#[test]
fn a_typo_in_the_time_zone_is_reported_before_the_schedule_is_read() {
    refused_before_the_schedule(
        "plan",
        &["--likes", "bpf", "--tz", "Mars/Olympus"],
        "Mars/Olympus",
    );
}

#[test]
fn a_bad_reminder_is_reported_before_the_schedule_is_read() {
    refused_before_the_schedule(
        "plan",
        &["--likes", "bpf", "--format", "ics", "--remind", "soon"],
        "soon",
    );
    refused_before_the_schedule(
        "plan",
        &["--likes", "bpf", "--remind", "5m"],
        "--remind only applies to calendar output",
    );
}

#[test]
fn a_bad_reminder_fails_fast_on_a_huge_schedule_too() {
    let Some(fosdem) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    agenda()
        .args(["plan", "--schedule"])
        .arg(&fosdem)
        .args(["--likes", "rust", "--format", "ics", "--remind", "soon"])
        .assert()
        .code(2)
        .stderr(contains("`soon` is not a reminder time"))
        // Neither the schedule's warnings nor the planner's progress: nothing was loaded.
        .stderr(contains("warning").not());
}

#[test]
fn bad_limits_are_reported_before_the_schedule_is_read() {
    for (flags, message) in [
        (&["--max-switches", "many"][..], "--max-switches `many`"),
        (&["--max-switches", "-1"][..], "--max-switches `-1`"),
        (
            &["--busy", "1", "14:00"][..],
            "busy window `14:00` is not HH:MM-HH:MM",
        ),
        (
            &["--busy", "fri day", "14:00-15:00"][..],
            "busy window day `fri day`",
        ),
        (
            &["--busy", "1", "15:00-14:00"][..],
            "busy window `15:00-14:00` on day 1 ends before it starts",
        ),
        (&["--walk", "2"][..], "--walk `2`"),
        (&["--favourites-weight", "11"][..], "--favourites-weight 11"),
        (&["--likes", "rust=99"][..], "weights go from 1 to 10"),
        (
            &["--walk", "2,6", "--switch-minutes", "3"][..],
            "give one or the other",
        ),
        (
            &["--format", "json", "--width", "90"][..],
            "--width only applies",
        ),
    ] {
        let mut all = vec!["--likes", "bpf"];
        all.extend(flags);
        refused_before_the_schedule("plan", &all, message);
    }
}

#[test]
fn a_missing_profile_is_reported_before_the_schedule_is_read() {
    refused_before_the_schedule(
        "plan",
        &["--profile", "nobody-here"],
        "no profile `nobody-here`",
    );
}

#[test]
fn replan_checks_its_flags_before_reading_the_plan_or_the_schedule() {
    agenda()
        .args(["replan", "/nonexistent/plan.ron", "--tz", "Mars/Olympus"])
        .assert()
        .code(2)
        .stderr(contains("Mars/Olympus"));
}

#[test]
fn compare_and_together_check_the_time_zone_before_the_schedule_is_read() {
    for command in ["compare", "together"] {
        agenda()
            .args([
                command,
                "--schedule",
                "/nonexistent/schedule.json",
                "alice",
                "bob",
            ])
            .args(["--tz", "Mars/Olympus"])
            .assert()
            .code(2)
            .stderr(contains("Mars/Olympus"));
    }
}

const NIGHTS: &str = "tests/fixtures/nights.ron";

/// JSON output without the lines added after these files were written (the zone the times are
/// shown in, `times_in`; each session's `start_at`/`end_at` with its offset, its `track` and its
/// `links`); every other byte must be as it was. Each added line must be there.
fn without_zone_lines(json: &str) -> String {
    let added = [
        "\"times_in\": ",
        "\"start_at\": ",
        "\"end_at\": ",
        "\"track\": ",
        "\"links\": ",
    ];
    assert!(json.contains("\"times_in\": \"Europe/Berlin\""), "{json}");
    json.lines()
        .filter(|l| !added.iter().any(|a| l.trim_start().starts_with(a)))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A comparison's JSON against the one written before settings (`before/compare.json`): the
/// same, but for the zone lines and for the meeting options, which were reshaped on purpose
/// later (`meetings` in one list with place and walks, each pair's `free` windows): those are
/// checked to be there and left out of the comparison.
fn compares_as_before(now: &str) {
    let before = std::fs::read_to_string("tests/fixtures/before/compare.json").unwrap();
    let mut now: serde_json::Value = serde_json::from_str(&without_zone_lines(now)).unwrap();
    let mut before: serde_json::Value = serde_json::from_str(&before).unwrap();
    for v in [&mut now, &mut before] {
        let meetings = v.as_object_mut().unwrap().remove("meetings");
        assert!(meetings.is_some_and(|m| m.is_array()));
    }
    for pair in now["pairs"].as_array_mut().unwrap() {
        let free = pair.as_object_mut().unwrap().remove("free");
        assert!(free.is_some_and(|f| f.is_array()));
    }
    assert_eq!(now, before);
}

#[test]
fn a_profile_written_before_settings_plans_as_it_did() {
    let now = stdout(&[
        "plan",
        "--schedule",
        NIGHTS,
        "--profile",
        "tests/fixtures/before/profile.ron",
        "--format",
        "json",
    ]);
    let before = std::fs::read_to_string("tests/fixtures/before/profile-plan.json").unwrap();
    assert!(
        now.contains("\"start_at\": \"2030-12-27T23:55:00+01:00\""),
        "{now}"
    );
    assert_eq!(without_zone_lines(&now), before);
}

#[test]
fn saved_plans_written_before_settings_load_and_compare_as_they_did() {
    let now = stdout(&[
        "--schedule",
        NIGHTS,
        "compare",
        "tests/fixtures/before/night-plan.ron",
        "tests/fixtures/before/gaps-plan.json",
        "--format",
        "json",
    ]);
    compares_as_before(&now);
}

#[test]
fn a_saved_plans_settings_survive_a_round_trip_through_the_request() {
    use agenda::saved::SavedPlan;
    let schedule = agenda::import::load(Some(std::path::Path::new(NIGHTS)))
        .unwrap()
        .0;
    for file in ["night-plan.ron", "gaps-plan.json"] {
        let path = format!("tests/fixtures/before/{file}");
        let saved = SavedPlan::load(std::path::Path::new(&path)).unwrap();
        let (request, _) = saved.settings.to_request(&schedule).unwrap();
        let again = agenda::prefs::Settings::of_request(&request);
        assert_eq!(again, saved.settings, "{file}");
        assert_eq!(again.to_request(&schedule).unwrap().0, request, "{file}");
    }
}

#[test]
fn compare_and_together_read_every_person_before_the_schedule() {
    for command in ["compare", "together"] {
        refused_before_the_schedule(
            command,
            &["alice", "nobody-here"],
            "no profile `nobody-here`",
        );
        refused_before_the_schedule(command, &["alice", "alice"], "`alice` is named twice");
    }
}

/// The files under `dir` (and its folders) ending in `.ron` or `.json`, sorted.
fn settings_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ron" || e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Profiles and saved plans in the one shape of `prefs::Settings`: a file already in that shape
/// is written again byte for byte; a file in an older spelling is read as what it meant and
/// written in the new shape, which reads back to the same settings (so the same plan) and is
/// then written again byte for byte.
#[test]
fn every_profile_and_saved_plan_in_the_repository_loads_and_saves_as_it_was() {
    use agenda::prefs::profile;
    use agenda::saved::SavedPlan;
    let dir = tempfile::tempdir().unwrap();
    let (mut profiles, mut plans, mut old_shape) = (Vec::new(), Vec::new(), Vec::new());
    for path in ["profiles", "docs/friends", "tests/fixtures"]
        .iter()
        .flat_map(|d| settings_files(d))
    {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        if SavedPlan::looks_like(&text) {
            let plan = SavedPlan::parse(&text, &name).unwrap();
            let again = dir.path().join(path.file_name().unwrap());
            plan.save(&again).unwrap();
            let written = std::fs::read_to_string(&again).unwrap();
            let reread = SavedPlan::parse(&written, &name).unwrap();
            assert_eq!(reread, plan, "{name}: the new shape reads back the same");
            reread.save(&again).unwrap();
            assert_eq!(std::fs::read_to_string(&again).unwrap(), written, "{name}");
            if written != text {
                old_shape.push(name.clone());
            }
            plans.push(name);
        } else if path.starts_with("tests/fixtures") && !name.ends_with("profile.ron") {
            // A schedule, a venue or another input: not settings.
            continue;
        } else {
            let settings = profile::parse(&text, &name).unwrap_or_else(|e| panic!("{e:#}"));
            let written = ron::ser::to_string_pretty(&settings, Default::default()).unwrap();
            let reread = profile::parse(&written, &name).unwrap_or_else(|e| panic!("{e:#}"));
            assert_eq!(
                reread, settings,
                "{name}: the new shape reads back the same"
            );
            profiles.push(name);
        }
    }
    assert_eq!(
        plans,
        [
            "tests/fixtures/before/gaps-plan.json",
            "tests/fixtures/before/night-plan.ron"
        ]
    );
    // Both were written before the one shape (`max_switches: None`, `favourites: [...]`,
    // `walking`), and are kept so to prove old files load.
    assert_eq!(old_shape, plans);
    for expected in [
        "profiles/alice.ron",
        "profiles/bob.ron",
        "profiles/carol.ron",
        "profiles/dave.ron",
        "docs/friends/pat.ron",
        "docs/friends/quinn.ron",
        "tests/fixtures/before/profile.ron",
    ] {
        assert!(profiles.iter().any(|p| p == expected), "{profiles:?}");
    }
}

/// The saved plans written before the one settings shape, written again in it, still compare
/// as they did, byte for byte: the shape changed, not what it says.
#[test]
fn saved_plans_rewritten_in_the_one_shape_compare_as_they_did() {
    use agenda::saved::SavedPlan;
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for file in ["night-plan.ron", "gaps-plan.json"] {
        let plan = SavedPlan::load(std::path::Path::new(&format!(
            "tests/fixtures/before/{file}"
        )))
        .unwrap();
        let path = dir.path().join(file);
        plan.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("stars") || text.contains("\"max_switches\": 1"),
            "{text}"
        );
        paths.push(path.display().to_string());
    }
    let now = stdout(&[
        "--schedule",
        NIGHTS,
        "compare",
        &paths[0],
        &paths[1],
        "--format",
        "json",
    ]);
    // Only where the plans were read from differs.
    let now = now.replace(
        &format!("{}/", dir.path().display()),
        "tests/fixtures/before/",
    );
    compares_as_before(&now);
}
