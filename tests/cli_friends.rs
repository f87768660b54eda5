//! `plan --save`, `compare` and `together` from the command line: output, formats, bad input.

use crate::common;

use common::{agenda, fails, stdout};
use serde_json::Value;
use std::path::Path;

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).expect("valid JSON")
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn compare_alice_and_bob_table() {
    insta::assert_snapshot!(stdout(&["compare", "alice", "bob"]));
}

#[test]
fn compare_shows_each_profile_as_planned_alone() {
    let v = json(&["compare", "alice", "bob", "--format", "json"]);
    for (n, profile) in ["alice", "bob"].iter().enumerate() {
        let alone = json(&["plan", "--profile", profile, "--format", "json"]);
        let chosen = common::chosen_ids(&alone);
        let person = &v["people"][n];
        assert_eq!(ids(&person["sessions"]), chosen, "{profile}");
        assert_eq!(person["score"], alone["total_score"], "{profile}");
    }
    assert_eq!(v["people"][0]["name"], "Alice");
    let pair = &v["pairs"][0];
    assert_eq!(pair["people"], serde_json::json!(["Alice", "Bob"]));
    for id in ids(&pair["together"]) {
        assert!(ids(&v["people"][0]["sessions"]).contains(&id));
        assert!(ids(&v["people"][1]["sessions"]).contains(&id));
    }
    assert!(
        v.get("settings").is_none(),
        "compare has no together settings"
    );
}

#[test]
fn a_saved_plan_compares_like_the_profile_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("alice.ron");
    let out = agenda()
        .args(["plan", "--profile", "alice", "--save"])
        .arg(&ron)
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("saved Alice's plan")
    );
    let text = std::fs::read_to_string(&ron).unwrap();
    assert!(
        text.contains("agenda_plan: 1") && text.contains("fnv1a64:"),
        "{text}"
    );
    let from_file = json(&["compare", ron.to_str().unwrap(), "bob", "--format", "json"]);
    let from_profile = json(&["compare", "alice", "bob", "--format", "json"]);
    assert_eq!(
        from_file["people"][0]["sessions"],
        from_profile["people"][0]["sessions"]
    );
    assert_eq!(
        from_file["people"][0]["score"],
        from_profile["people"][0]["score"]
    );
    assert_eq!(from_file["people"][0]["name"], "Alice");
    // Written atomically: only the plan is left in the directory.
    assert_eq!(files_in(dir.path()), vec!["alice.ron".to_string()]);
}

#[test]
fn plan_save_takes_a_name_and_json_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.json");
    std::fs::write(&path, "something old").unwrap();
    agenda()
        .args(["plan", "--likes", "bpf=3", "--name", "Zoe", "-q", "--save"])
        .arg(&path)
        .assert()
        .success();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["person"], "Zoe");
    assert_eq!(v["agenda_plan"], 1);
    assert!(!v["sessions"].as_array().unwrap().is_empty());
    assert_eq!(v["settings"]["likes"], serde_json::json!(["bpf=3"]));
    agenda()
        .args(["plan", "--likes", "bpf", "-q", "--save"])
        .arg(dir.path().join("anon.ron"))
        .assert()
        .success();
    let anon = std::fs::read_to_string(dir.path().join("anon.ron")).unwrap();
    assert!(
        anon.contains("person: \"anon\""),
        "the file name, not a shared default: {anon}"
    );
}

#[test]
fn a_plan_saved_for_another_schedule_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alice.ron");
    agenda()
        .args(["plan", "--profile", "alice", "-q", "--save"])
        .arg(&path)
        .assert()
        .success();
    let err = fails(&[
        "--schedule",
        "tests/fixtures/good.ron",
        "compare",
        path.to_str().unwrap(),
        "bob",
    ]);
    assert!(err.contains("another schedule"), "{err}");
    assert!(err.contains("All Systems Go! 2025"), "{err}");
}

#[test]
fn an_unknown_person_gets_a_suggestion_and_exit_2() {
    let err = fails(&["compare", "alice", "bbo"]);
    assert!(err.contains("no profile `bbo`"), "{err}");
    assert!(err.contains("did you mean `bob`"), "{err}");
    let err = fails(&["together", "alcie", "bob"]);
    assert!(err.contains("did you mean `alice`"), "{err}");
}

#[test]
fn one_person_named_twice_is_an_error() {
    let err = fails(&["compare", "alice", "bob", "alice"]);
    assert!(err.contains("`alice` is named twice"), "{err}");
    let err = fails(&["together", "alice", "profiles/alice.ron"]);
    assert!(err.contains("are both Alice"), "{err}");
}

#[test]
fn a_broken_saved_plan_is_reported_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\"agenda_plan\": 1, \"person\": ").unwrap();
    let err = fails(&["compare", path.to_str().unwrap(), "bob"]);
    assert!(err.contains("not a valid saved plan"), "{err}");
}

#[test]
fn together_prints_the_joint_agenda_and_the_price_of_company() {
    let out = stdout(&["together", "alice", "bob", "--bonus", "2"]);
    assert!(out.contains("planned together"), "{out}");
    assert!(out.contains("Price of company"), "{out}");
    assert!(out.contains("★ Alice, Bob"), "{out}");
    // Same input, same output.
    assert_eq!(out, stdout(&["together", "alice", "bob", "--bonus", "2"]));
}

#[test]
fn together_json_has_best_alone_and_the_settings() {
    let v = json(&[
        "together",
        "alice",
        "bob",
        "carol",
        "--bonus",
        "1.5",
        "--min-shared",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(v["settings"]["bonus_per_hour"], 1.5);
    assert_eq!(v["settings"]["min_own"], 0.8);
    assert_eq!(v["settings"]["min_shared"], 3);
    assert_eq!(v["settings"]["optimal"], true);
    assert!(v["settings"]["shared_talks"].as_u64().unwrap() >= 3);
    for person in v["people"].as_array().unwrap() {
        assert!(person["score"].as_f64().unwrap() <= person["best_alone"].as_f64().unwrap());
        assert!(person["score"].as_f64().unwrap() >= person["floor"].as_f64().unwrap());
        assert!(!ids(&person["sessions"]).is_empty());
    }
    let zero = json(&[
        "together", "alice", "bob", "--bonus", "0", "--format", "json",
    ]);
    for person in zero["people"].as_array().unwrap() {
        assert_eq!(
            person["score"], person["best_alone"],
            "bonus 0 is planning alone"
        );
    }
}

#[test]
fn together_refuses_bad_settings_with_exit_2() {
    let err = fails(&["together", "alice", "bob", "--bonus", "1.25"]);
    assert!(err.contains("--bonus `1.25`"), "{err}");
    for bad in ["1.5", "-0.1", "0.805", "x"] {
        let err = fails(&["together", "alice", "bob", "--min-own", bad]);
        assert!(err.contains(&format!("--min-own `{bad}`")), "{err}");
    }
    for bad in ["0", "-1", "soon"] {
        let err = fails(&["together", "alice", "bob", "--time-limit", bad]);
        assert!(err.contains(&format!("--time-limit `{bad}`")), "{err}");
    }
    let err = fails(&["together", "alice", "bob", "--min-shared", "400"]);
    assert!(err.contains("--min-shared 400"), "{err}");
    // Possible on paper (enough talks), impossible within their limits: proven by the solver.
    let err = fails(&["together", "alice", "bob", "carol", "--min-shared", "26"]);
    assert!(
        err.contains("no joint agenda has 26 talks attended together"),
        "{err}"
    );
}

#[test]
fn together_explains_a_person_s_contradiction_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eve.ron");
    std::fs::write(
        &path,
        "(name: \"Eve\", likes: [\"bpf\"], must: [\"bpf-tokens\"], busy: [\"1 10:00-11:00\"])",
    )
    .unwrap();
    let err = fails(&["together", path.to_str().unwrap(), "bob"]);
    assert!(err.contains("Eve: the must-see"), "{err}");
    assert!(err.contains("busy window"), "{err}");
}

#[test]
fn compare_html_is_one_self_contained_page_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.html");
    std::fs::write(&path, "old").unwrap();
    agenda()
        .args([
            "compare", "alice", "bob", "carol", "--format", "html", "-q", "-o",
        ])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<link"), "no external style sheet");
    for needle in [
        "Alice",
        "Bob",
        "Carol",
        "★ together",
        "meet:",
        "Loft",
        "Galerie",
        "grid-row:",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
    // Every day of the schedule has its timetable.
    assert_eq!(html.matches("<div class=\"grid\"").count(), 2);
    assert_eq!(files_in(dir.path()), vec!["agenda.html".to_string()]);
    let again = dir.path().join("again.html");
    agenda()
        .args([
            "compare", "alice", "bob", "carol", "--format", "html", "-q", "-o",
        ])
        .arg(&again)
        .assert()
        .success();
    assert_eq!(
        html,
        std::fs::read_to_string(&again).unwrap(),
        "byte-identical"
    );
}

/// The room names of each day section of an HTML page, in page order.
fn html_sections(html: &str) -> Vec<(String, Vec<String>)> {
    html.split("<section class=\"day\" id=\"")
        .skip(1)
        .map(|part| {
            let id = part.split('"').next().unwrap().to_string();
            let body = part.split("</section>").next().unwrap();
            let rooms = body
                .split("class=\"room\"")
                .skip(1)
                .map(|r| {
                    let after = r.split_once('>').unwrap().1;
                    after.split("</div>").next().unwrap().to_string()
                })
                .collect();
            (id, rooms)
        })
        .collect()
}

/// Per conference day (numbered by date: All Systems Go! days are calendar days), the rooms the
/// people of a `--format json` output attend, looked up in the schedule's own listing
/// (`talks --format json`), not in the page.
fn rooms_attended(
    people: &Value,
    sessions: &Value,
) -> std::collections::BTreeMap<u64, Vec<String>> {
    let mut dates: Vec<&str> = sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    dates.sort();
    dates.dedup();
    let mut by_day: std::collections::BTreeMap<u64, Vec<String>> = Default::default();
    for person in people.as_array().unwrap() {
        for id in ids(&person["sessions"]) {
            let s = sessions
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == id.as_str())
                .expect("every attended session is listed");
            let day = dates.iter().position(|d| s["date"] == *d).unwrap() as u64 + 1;
            let rooms = by_day.entry(day).or_default();
            let room = s["room"].as_str().unwrap().to_string();
            if !rooms.contains(&room) {
                rooms.push(room);
            }
        }
    }
    by_day
}

#[test]
fn the_together_page_has_one_section_per_day_showing_exactly_the_rooms_attended() {
    let args = ["together", "alice", "bob", "carol", "dave"];
    let html = stdout(&[&args[..], &["--format", "html"]].concat());
    let plan = json(&[&args[..], &["--format", "json"]].concat());
    let sessions = json(&["talks", "--format", "json"]);
    let sections = html_sections(&html);
    let days = rooms_attended(&plan["people"], &sessions);
    assert_eq!(sections.len(), 2, "All Systems Go! has two conference days");
    for (id, rooms) in &sections {
        let day: u64 = id.trim_start_matches("day-").parse().unwrap();
        let mut shown = rooms.clone();
        let mut attended = days.get(&day).cloned().unwrap_or_default();
        shown.sort();
        attended.sort();
        assert_eq!(shown, attended, "rooms of {id}");
    }
    assert!(
        html.contains("Price of company"),
        "the price of company is on the page"
    );
    assert!(
        html.contains("class=\"meetband\""),
        "meeting windows are marked"
    );
    assert!(!html.contains("<script"), "no scripts");
    let meet = html
        .find("<section class=\"meet\"")
        .expect("a meeting list");
    assert_eq!(
        html.find("<section"),
        Some(meet),
        "the meeting list comes first"
    );
    assert!(
        html.find("Price of company") < html.find("<section class=\"day\""),
        "the price is above the days"
    );
}

#[test]
fn together_as_text_is_one_line_per_talk_and_meeting_point() {
    let text = stdout(&["together", "alice", "bob", "--format", "text"]);
    let plan = json(&["together", "alice", "bob", "--format", "json"]);
    let mut ids_all: Vec<String> = plan["people"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| ids(&p["sessions"]))
        .collect();
    ids_all.sort();
    ids_all.dedup();
    let talk_lines = text
        .lines()
        .filter(|l| l.contains(" · ") && l.contains(" — ") && !l.contains(" meet: "))
        .count();
    assert_eq!(
        talk_lines,
        ids_all.len(),
        "one line per attended talk:\n{text}"
    );
    let meet_lines = text.lines().filter(|l| l.contains(" meet: ")).count();
    assert_eq!(
        meet_lines,
        plan["meetings"].as_array().unwrap().len(),
        "{text}"
    );
    assert!(text.contains("★ Alice, Bob"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() < 200), "{text}");
}

#[test]
fn plans_saved_without_a_name_take_the_file_name_and_compare() {
    let dir = tempfile::tempdir().unwrap();
    let pat = dir.path().join("pat.ron");
    let quinn = dir.path().join("quinn.json");
    for (likes, path) in [("rust", &pat), ("bpf", &quinn)] {
        agenda()
            .args([
                "plan",
                "--likes",
                likes,
                "-q",
                "--save",
                path.to_str().unwrap(),
            ])
            .assert()
            .success();
    }
    let v = json(&[
        "compare",
        pat.to_str().unwrap(),
        quinn.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let names: Vec<&str> = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["pat", "quinn"]);
}

#[test]
fn compare_tz_shows_the_same_agendas_in_another_zone() {
    // Berlin is UTC+2 in September, New York UTC−4: six hours earlier.
    let berlin = stdout(&["compare", "alice", "bob", "--format", "text"]);
    let new_york = stdout(&[
        "compare",
        "alice",
        "bob",
        "--format",
        "text",
        "--tz",
        "America/New_York",
    ]);
    assert_eq!(berlin.lines().count(), new_york.lines().count());
    assert!(
        berlin.contains("10:45–11:10 Loft · BPF Tokens in systemd"),
        "{berlin}"
    );
    assert!(
        new_york.contains("04:45–05:10 Loft · BPF Tokens in systemd"),
        "{new_york}"
    );
    assert!(new_york.contains("times in America/New_York"), "{new_york}");
    // JSON takes --tz too, and names the zone (see cli_output).
    let json = stdout(&["compare", "alice", "bob", "--format", "json", "--tz", "UTC"]);
    assert!(json.contains("\"times_in\": \"UTC\""), "{json}");
}

#[test]
fn together_reports_its_model_and_time_per_stage_like_plan() {
    common::agenda()
        .args(["together", "alice", "bob", "--verbose"])
        .assert()
        .success()
        .stderr(predicates::str::contains("joint model:"))
        .stderr(predicates::str::contains("time per stage:"))
        .stderr(predicates::str::contains("solve "));
}

#[test]
fn compare_and_together_fit_an_80_column_terminal() {
    for args in [
        &["compare", "alice", "bob"][..],
        &["compare", "alice", "bob", "carol"],
        &["together", "alice", "bob"],
    ] {
        let out = agenda().env("COLUMNS", "80").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(
                line.chars().count() <= 80,
                "{args:?}: a line of {} columns:\n{line}",
                line.chars().count()
            );
        }
    }
}

#[test]
fn width_sets_the_friends_tables_like_plan_and_is_refused_without_a_table() {
    for args in [
        &["compare", "alice", "bob", "--width", "80"][..],
        &["together", "alice", "bob", "--width", "80"],
    ] {
        let text = stdout(args);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert_eq!(widest, 80, "{args:?}:\n{text}");
    }
    common::fails_with(
        &[
            "compare", "alice", "bob", "--width", "80", "--format", "json",
        ],
        &["--width only applies to the table"],
    );
}
