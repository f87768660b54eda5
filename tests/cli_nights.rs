//! A small congress whose first day runs past midnight (`tests/fixtures/nights.ron`), as a
//! user sees it: one table per conference day with the night at its end, `--busy` across
//! midnight, `--tz`, `talks --day`, and the JSON's conference days.

use crate::common;

use common::{agenda, stdout};
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/nights.ron";

fn plan(extra: &[&str]) -> String {
    let mut args = vec!["plan", "--schedule", FIXTURE, "--likes", "alpha"];
    args.extend(extra);
    stdout(&args)
}

fn plan_json(extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json"];
    args.extend(extra);
    serde_json::from_str(&plan(&args)).unwrap()
}

#[test]
fn of_the_talks_either_side_of_midnight_in_two_rooms_exactly_one_is_planned() {
    for limit in ["none", "3", "0"] {
        let v = plan_json(&["--max-switches", limit]);
        let picked = common::chosen_ids(&v);
        let both = ["late", "midnight"]
            .iter()
            .filter(|id| picked.iter().any(|p| p == *id))
            .count();
        assert_eq!(both, 1, "--max-switches {limit}: {picked:?}");
    }
}

#[test]
fn the_night_is_the_end_of_the_day_before_with_times_marked_plus_one() {
    let text = plan(&["--max-switches", "none"]);
    let day1 = text
        .find("Day 1 · Friday 27 Dec, runs until 02:00")
        .unwrap();
    let night = text.find("01:30–02:00 (+1)").unwrap();
    let day2 = text.find("Day 2 · Saturday 28 Dec").unwrap();
    assert!(day1 < night && night < day2, "{text}");
    assert!(text.contains("23:55–00:35 (+1)") || text.contains("00:00–01:00 (+1)"));
    assert!(text.contains("Verified after solving"));
}

#[test]
fn json_gives_each_session_its_conference_day_and_lists_the_days() {
    let v = plan_json(&[]);
    let midnight = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "midnight")
        .unwrap();
    assert_eq!(midnight["day"], 1);
    assert_eq!(midnight["date"], "2030-12-28");
    let days = v["days"].as_array().unwrap();
    assert_eq!(days.len(), 2);
    assert_eq!(days[0]["index"], 1);
    assert_eq!(days[0]["date"], "2030-12-27");
    assert_eq!(days[0]["end"], "2030-12-28T02:00");
    assert_eq!(days[0]["score"], 3.0);
    assert_eq!(days[1]["score"], 1.0);
    assert_eq!(v["switches"]["1"], days[0]["switches"]);
    assert_eq!(v["switches"]["2"], 0);
}

#[test]
fn a_busy_window_across_midnight_keeps_the_night_free() {
    let v = plan_json(&["--max-switches", "none", "--busy", "1", "23:00-01:00"]);
    assert_eq!(common::chosen_ids(&v), ["opening", "night", "morning"]);
    // The date of the day's morning names the same day; 01:00 is its night.
    let v = plan_json(&["--busy", "2030-12-27", "01:00-02:00"]);
    assert!(!common::chosen_ids(&v).contains(&"night".to_string()));
    let text = plan(&["--busy", "1", "23:00-01:00"]);
    assert!(text.contains("day 1 23:00–01:00 (+1)"), "{text}");
}

#[test]
fn a_busy_window_that_would_last_most_of_a_day_is_refused() {
    agenda()
        .args(["plan", "--schedule", FIXTURE, "--likes", "alpha"])
        .args(["--busy", "1", "15:00-14:00"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "busy window `15:00-14:00` on day 1 ends before it starts",
        ));
}

#[test]
fn another_time_zone_shows_the_night_in_its_own_clock() {
    // New York is six hours behind Berlin: the night is that evening, no (+1).
    let text = plan(&["--tz", "America/New_York"]);
    assert!(text.contains("19:30–20:00"), "{text}");
    assert!(!text.contains("(+1)"), "{text}");
    // Tokyo is eight hours ahead: the night talk is the next morning there, marked.
    let text = plan(&["--tz", "Asia/Tokyo"]);
    assert!(text.contains("09:30–10:00 (+1)"), "{text}");
}

#[test]
fn talks_of_a_day_include_its_night() {
    let day1 = stdout(&["talks", "--schedule", FIXTURE, "--day", "1"]);
    assert!(day1.contains("Night talk") && day1.contains("01:30–02:00 (+1)"));
    assert!(!day1.contains("Morning talk"));
    let day2 = stdout(&["talks", "--schedule", FIXTURE, "--day", "2030-12-28"]);
    assert!(day2.contains("Morning talk") && !day2.contains("Night talk"));
}

#[test]
fn markdown_and_csv_follow_conference_days() {
    let md = plan(&["--format", "markdown"]);
    assert!(
        md.contains("## Day 1 · Friday 27 Dec, runs until 02:00"),
        "{md}"
    );
    assert!(md.contains("01:30–02:00 (+1)"), "{md}");
    let csv = plan(&["--format", "csv"]);
    assert!(csv.starts_with("day,date,start"), "{csv}");
    assert!(csv.contains("\n1,2030-12-28,01:30,"), "{csv}");
}

#[test]
fn a_busy_window_across_midnight_is_kept_by_the_plan_the_table_and_the_check() {
    // 23:50–00:10 covers the end of the late talk and the start of the midnight talk.
    for gaps in [&["--gaps"][..], &[][..]] {
        let mut flags = vec!["--max-switches", "none", "--busy", "1", "23:50-00:10"];
        flags.extend(gaps);
        let text = plan(&flags);
        assert!(
            !text.contains("Late talk") && !text.contains("Midnight talk"),
            "{gaps:?}: {text}"
        );
        assert!(text.contains("Night talk") && text.contains("Verified after solving"));
    }
}

#[test]
fn with_tz_a_nights_runs_until_is_on_the_clock_of_the_rows() {
    let headings = |zone: &str, format: &str| -> Vec<String> {
        common::stdout(&[
            "--schedule",
            "tests/fixtures/nights.ron",
            "plan",
            "-q",
            "--likes",
            "alpha",
            "--tz",
            zone,
            "--format",
            format,
        ])
        .lines()
        .filter(|l| l.trim_start_matches("## ").starts_with("Day ") && l.contains(" · "))
        .filter(|l| !l.starts_with("Day score"))
        .map(|l| l.trim_start_matches("## ").to_string())
        .collect()
    };
    // Day 1's last talk ends at 02:00 in Berlin: 20:00 the same evening in New York, 10:00 the
    // next morning in Tokyo.
    assert_eq!(
        headings("conference", "table"),
        [
            "Day 1 · Friday 27 Dec, runs until 02:00",
            "Day 2 · Saturday 28 Dec"
        ]
    );
    assert_eq!(
        headings("America/New_York", "table"),
        ["Day 1 · Friday 27 Dec", "Day 2 · Saturday 28 Dec"]
    );
    assert_eq!(
        headings("Asia/Tokyo", "table"),
        [
            "Day 1 · Friday 27 Dec, runs until 10:00",
            "Day 2 · Saturday 28 Dec"
        ]
    );
    assert_eq!(
        headings("Asia/Tokyo", "markdown"),
        headings("Asia/Tokyo", "table")
    );
}
