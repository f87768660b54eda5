//! Reading the agenda: tables that fit the width asked for, whole days, missed talks that
//! score, every setting in the header, one day at a time.

use crate::common;
use common::{agenda, stdout};
use predicates::prelude::*;

fn plan_at(width: &str) -> String {
    stdout(&["plan", "--likes", "bpf,sysext", "--width", width])
}

#[test]
fn table_at_80_columns() {
    insta::assert_snapshot!(plan_at("80"));
}

#[test]
fn table_at_100_columns() {
    insta::assert_snapshot!(plan_at("100"));
}

#[test]
fn table_at_140_columns() {
    insta::assert_snapshot!(plan_at("140"));
}

#[test]
fn compact_view_has_one_line_per_row_within_the_width() {
    let text = stdout(&[
        "plan",
        "--likes",
        "bpf,sysext",
        "--compact",
        "--width",
        "80",
    ]);
    insta::assert_snapshot!(text.clone());
    assert!(!text.contains('┆'), "no table borders");
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80 || line.starts_with("Limits"),
            "too wide: {line}"
        );
    }
}

/// Every line of a table is exactly as wide as asked, and no time or room is broken.
fn assert_fits(text: &str, width: usize) {
    for line in text.lines().filter(|l| l.starts_with('┌')) {
        assert_eq!(line.chars().count(), width, "{line}");
    }
    for line in text.lines().filter(|l| l.starts_with('│')) {
        assert_eq!(line.chars().count(), width, "{line}");
        let cells: Vec<&str> = line.split(['│', '┆']).collect();
        // Time and room are the first two cells: on a continuation line both are empty.
        let (time, room) = (cells[1].trim(), cells[2].trim());
        assert!(
            time.is_empty() || time == "Time" || time.chars().count() == 11,
            "time broken: {line}"
        );
        let room = room.trim_start_matches("» ");
        assert!(
            ["", "Room", "all rooms", "Loft", "Galerie"].contains(&room),
            "room broken: {line}"
        );
    }
}

#[test]
fn tables_fill_the_width_asked_for_and_never_break_times_or_rooms() {
    for width in [80, 100, 120, 140] {
        assert_fits(&plan_at(&width.to_string()), width);
    }
}

#[test]
fn columns_from_the_environment_are_used_when_no_width_is_given() {
    let out = agenda()
        .args(["plan", "--likes", "bpf,sysext"])
        .env("COLUMNS", "120")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_fits(&text, 120);
    assert!(text.contains("┆ Score │"), "a score column at 120");
    // Below 80 columns the plan is compact unless asked otherwise.
    let out = agenda()
        .args(["plan", "--likes", "bpf,sysext"])
        .env("COLUMNS", "60")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8(out).unwrap().contains('┆'));
}

#[test]
fn a_width_below_forty_is_refused_with_the_range() {
    agenda()
        .args(["plan", "--likes", "bpf", "--width", "20"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--width `20`").and(predicates::str::contains("40")));
}

#[test]
fn missed_talks_are_shown_only_when_they_score_and_are_labelled() {
    let text = stdout(&["plan", "--likes", "bpf=2,tracing", "--width", "180"]);
    assert!(
        text.contains("↳ missed: Systing: tracing for the lazy in Galerie, score 1"),
        "{text}"
    );
    for line in text.lines().filter(|l| l.contains("missed:")) {
        assert!(!line.contains("score 0"), "a missed talk scoring 0: {line}");
    }
    let hidden = stdout(&[
        "plan",
        "--likes",
        "bpf=2,tracing",
        "--width",
        "140",
        "--no-missed",
    ]);
    assert!(!hidden.contains("missed:"));
}

#[test]
fn the_header_names_every_setting() {
    let text = stdout(&[
        "plan",
        "--likes",
        "bpf=2",
        "--dislikes",
        "gnome",
        "--speakers",
        "Lennart Poettering",
        "--must",
        "opening",
        "--avoid",
        "closing",
        "--busy",
        "2",
        "14:00-15:00",
        "--max-switches",
        "2",
        "--switch-minutes",
        "5",
    ]);
    for needle in [
        "Likes: bpf=2",
        "Dislikes: gnome=1",
        "Speakers: Lennart Poettering=2",
        // Talks by their title, shortened: `opening` and `closing` are ids.
        "Must-see: Opening Session of All Systems…",
        "Avoid: Closing session of All Systems…",
        "Busy: day 2 14:00–15:00",
        "Limits: at most 2 room switches a day · 5 minutes to change rooms · free time filled",
        "Schedule: embedded, version ",
    ] {
        assert!(text.contains(needle), "missing {needle}:\n{text}");
    }
    let md = stdout(&[
        "plan",
        "--likes",
        "bpf=2",
        "--dislikes",
        "gnome",
        "--avoid",
        "closing",
        "--format",
        "markdown",
    ]);
    for needle in [
        "- **Likes:** bpf=2",
        "- **Dislikes:** gnome=1",
        "- **Avoid:** Closing session of All Systems…",
        "- **Limits:** at most 3 room switches",
    ] {
        assert!(md.contains(needle), "missing {needle}:\n{md}");
    }
}

#[test]
fn a_day_with_no_match_is_filled_and_says_why() {
    let text = stdout(&[
        "plan",
        "--likes",
        "bpf,sysext",
        "--day",
        "2",
        "--width",
        "100",
    ]);
    assert!(text.contains("Day 2 · Wednesday 1 Oct"));
    assert!(!text.contains("Tuesday"), "only the day asked for");
    assert!(text.contains("Nothing on this day matches your interests: staying in Loft."));
    assert!(text.contains("Closing session"), "filled up to the closing");
    assert!(text.contains("Shown score 0"));
}

#[test]
fn slots_left_free_on_purpose_say_why() {
    let text = stdout(&[
        "plan",
        "--likes",
        "bpf,sysext,containers=2",
        "--dislikes",
        "gnome",
        "--width",
        "140",
    ]);
    assert!(text.contains("(free) oo7-daemon"), "{text}");
    assert!(text.contains("disliked: gnome -1"), "{text}");
    let busy = stdout(&[
        "plan",
        "--likes",
        "bpf",
        "--busy",
        "1",
        "14:00-15:00",
        "--width",
        "140",
    ]);
    assert!(
        busy.contains("— busy —") && busy.contains("your busy window"),
        "{busy}"
    );
    let gaps = stdout(&["plan", "--likes", "bpf", "--gaps", "--width", "140"]);
    assert!(gaps.contains("kept free (--gaps)"), "{gaps}");
}

#[test]
fn day_filters_every_format() {
    let md = stdout(&[
        "plan",
        "--likes",
        "bpf,sysext",
        "--day",
        "2025-09-30",
        "--format",
        "markdown",
    ]);
    assert!(md.contains("Day 1 · Tuesday 30 Sep") && !md.contains("Wednesday"));
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "plan",
        "--likes",
        "bpf,sysext",
        "--day",
        "2",
        "--format",
        "json",
    ]))
    .unwrap();
    let sessions = json["sessions"].as_array().unwrap();
    assert!(!sessions.is_empty());
    assert!(
        sessions.iter().all(|s| s["date"] == "2025-10-01"),
        "only day 2"
    );
    assert_eq!(json["fill_switches"]["1"], 1, "{}", json["fill_switches"]);
    agenda()
        .args(["plan", "--likes", "bpf", "--day", "9"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("there is no day 9"));
}

#[test]
fn counts_are_singular_for_one() {
    let text = stdout(&[
        "plan",
        "--likes",
        "bpf",
        "--max-switches",
        "1",
        "--width",
        "100",
    ]);
    assert!(
        text.contains("1 room switch ")
            || text.contains("1 room switch (")
            || text.contains("at most 1 room switch a day"),
        "{text}"
    );
    assert!(!text.contains(" 1 room switches"), "{text}");
    assert!(!text.contains(" 1 talks"), "{text}");
}

#[test]
fn long_fosdem_room_names_wrap_only_between_words_at_80_columns() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let (schedule, _) = agenda::import::load(Some(path.as_path())).unwrap();
    let words: Vec<&str> = schedule
        .conference
        .rooms
        .iter()
        .flat_map(|r| r.split_whitespace())
        .collect();
    let out = agenda()
        .arg("--schedule")
        .arg(&path)
        .args(["plan", "--likes", "rust,kernel", "--width", "80"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut rows = 0;
    for line in text.lines().filter(|l| l.starts_with('│')) {
        assert_eq!(line.chars().count(), 80, "{line}");
        let cells: Vec<&str> = line.split(['│', '┆']).collect();
        let (time, room) = (cells[1].trim(), cells[2].trim());
        assert!(
            time.is_empty() || time == "Time" || time.starts_with(|c: char| c.is_ascii_digit()),
            "{line}"
        );
        for word in room.trim_start_matches("» ").split_whitespace() {
            assert!(
                ["Room", "all", "rooms"].contains(&word) || words.contains(&word),
                "room broken inside a word: {line}"
            );
        }
        rows += 1;
    }
    assert!(rows > 20, "a real agenda: {text}");
}

#[test]
fn layout_flags_with_another_format_are_refused() {
    for flag in ["--compact", "--no-missed"] {
        agenda()
            .args(["plan", "--likes", "bpf", "--format", "json", flag])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "{flag} only applies to the table"
            )));
    }
    agenda()
        .args([
            "plan", "--likes", "bpf", "--format", "markdown", "--width", "80",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--width only applies to the table",
        ));
}

#[test]
fn the_text_form_is_one_line_per_session_under_every_setting() {
    let text = stdout(&[
        "plan",
        "--likes",
        "bpf",
        "--dislikes",
        "gnome",
        "--avoid",
        "closing",
        "--format",
        "text",
    ]);
    for needle in [
        "Likes: bpf=1",
        "Dislikes: gnome=1",
        "Avoid: Closing session of All Systems…",
        "Limits: ",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    // No table frame, and each attended talk on one line with its time, room and title.
    assert!(!text.contains('│') && !text.contains('┌'), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("10:45–11:10") && l.contains("BPF Tokens in systemd")),
        "{text}"
    );
}
