//! Cancelled sessions: found by their status field or a marker in the title, never planned.
//!
//! The fixture `tests/fixtures/cancelled/schedule.ron` has a talk cancelled by `cancelled:
//! true`, two by title markers ("[CANCELED] …", "CANCELLED: …"), and two whose titles only use
//! the word ("Cancelling POSIX syscalls …", "… (REPLACES CANCELLED TALK)"). The real exports are
//! read from `../shared/` and skipped without it.

use crate::common;
use agenda::schedule::Schedule;

const FIXTURE: &str = "tests/fixtures/cancelled/schedule.ron";

/// The schedule of a file, read as the commands read it.
fn read(path: &std::path::Path) -> Schedule {
    let text = std::fs::read_to_string(path).unwrap();
    agenda::import::read(&text, &path.display().to_string())
        .unwrap()
        .0
}

fn fixture() -> Schedule {
    read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE))
}

/// The titles of the cancelled sessions, in schedule order.
fn cancelled_titles(schedule: &Schedule) -> Vec<&str> {
    schedule
        .sessions
        .iter()
        .filter(|s| s.cancelled)
        .map(|s| s.title.as_str())
        .collect()
}

#[test]
fn the_field_and_title_markers_cancel_but_the_word_alone_does_not() {
    let schedule = fixture();
    let cancelled: Vec<&str> = schedule
        .sessions
        .iter()
        .filter(|s| s.cancelled)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(cancelled, ["rust-field", "rust-title", "late"]);
}

#[test]
fn a_plan_never_picks_a_cancelled_talk_not_even_to_fill_free_time() {
    let cancelled = ["rust-field", "rust-title", "late"];
    // Liking what they are about, liking something else (the rest of the time is filled), and
    // with --gaps.
    for extra in [
        &["--likes", "rust"][..],
        &["--likes", "cron"],
        &["--likes", "rust", "--gaps"],
    ] {
        let mut args = vec!["--schedule", FIXTURE, "plan", "--format", "json"];
        args.extend_from_slice(extra);
        let plan: serde_json::Value = serde_json::from_str(&common::stdout(&args)).unwrap();
        let chosen = common::chosen_ids(&plan);
        for c in cancelled {
            assert!(
                !chosen.iter().any(|id| id == c),
                "{c} chosen with {extra:?}"
            );
        }
        if extra.contains(&"rust") {
            assert!(chosen.iter().any(|id| id == "posix"), "{chosen:?}");
            assert!(chosen.iter().any(|id| id == "replaces"), "{chosen:?}");
        }
    }
}

#[test]
fn the_flag_survives_conversion_to_ron_and_old_files_still_load() {
    let schedule = fixture();
    let text = agenda::schedule::ron_format::write(&schedule).unwrap();
    assert_eq!(text.matches("cancelled: true").count(), 3, "{text}");
    assert!(!text.contains("cancelled: false"));
    let again = agenda::schedule::ron_format::parse(&text, "again.ron").unwrap();
    assert_eq!(cancelled_titles(&again), cancelled_titles(&schedule));
    // A file written before the field existed has none cancelled.
    let good =
        read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good.ron"));
    assert!(good.sessions.iter().all(|s| !s.cancelled));
}

#[test]
fn fosdem_2025_has_three_cancelled_talks_and_its_presnapshot_none() {
    let (Some(final_), Some(early)) = (
        common::shared_file("data/fosdem-2025-schedule.xml"),
        common::shared_file("data/fosdem-2025-schedule-presnapshot-2025-01-11.xml"),
    ) else {
        return;
    };
    let schedule = read(&final_);
    // Read by eye in the file: every title with a cancellation marker, and no other.
    let mut titles = cancelled_titles(&schedule);
    titles.sort_unstable();
    assert_eq!(
        titles,
        [
            "(CANCELLED) Funding the FOSS Ecosystem - (AMA with Devroom Organisers Instead)",
            "CANCELLED: openSUSE: Engineering Stable Rolling Releases with OBS and openQA",
            "[CANCELED] The current state of debugging in WebAssembly",
        ]
    );
    // The titles that only use the word are talks that take place.
    for title in [
        "Cancelling POSIX syscalls in Managarm",
        "REPLACES CANCELLED TALK",
        "CANCELLED, replaced by Retrocomputing panel discussion",
    ] {
        let s = schedule
            .sessions
            .iter()
            .find(|s| s.title.contains(title))
            .unwrap_or_else(|| panic!("{title} is in the export"));
        assert!(!s.cancelled, "{}", s.title);
    }
    assert!(cancelled_titles(&read(&early)).is_empty());
}

#[test]
fn a_fosdem_plan_for_the_webassembly_track_skips_its_cancelled_talk() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let path = path.display().to_string();
    let args = [
        "--schedule",
        &path,
        "plan",
        "--tracks",
        "WebAssembly",
        "--format",
        "json",
    ];
    let plan: serde_json::Value = serde_json::from_str(&common::stdout(&args)).unwrap();
    let chosen = common::chosen_ids(&plan);
    assert!(chosen.len() > 5, "{chosen:?}");
    assert!(!chosen.iter().any(|id| id == "6415"), "{chosen:?}");
}

#[test]
fn ccc_and_pretalx_exports_have_no_cancelled_talk() {
    for file in [
        "33c3-schedule.json",
        "33c3-schedule.xml",
        "democon-2022-pretalx-schedule.json",
        "democon-2022-pretalx-schedule.xml",
    ] {
        let Some(path) = common::shared_file(&format!("data/{file}")) else {
            continue;
        };
        let schedule = read(&path);
        assert!(schedule.sessions.len() > 30, "{file}");
        assert!(cancelled_titles(&schedule).is_empty(), "{file}");
    }
}

#[test]
fn friends_are_never_together_in_a_cancelled_talk() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Two friends who like WebAssembly, the track of a talk FOSDEM cancelled.
    for name in ["ann", "ben"] {
        let profile = format!(
            "(name: \"{name}\", likes: [\"webassembly=3\", \"debugging=3\"], tracks: [\"WebAssembly\"])"
        );
        std::fs::write(dir.path().join(format!("{name}.ron")), profile).unwrap();
    }
    let track: Vec<String> = read(&path)
        .sessions
        .iter()
        .filter(|s| s.track.as_deref() == Some("WebAssembly"))
        .map(|s| s.id.clone())
        .collect();
    let path = path.display().to_string();
    let ann = dir.path().join("ann.ron").display().to_string();
    let ben = dir.path().join("ben.ron").display().to_string();
    let args = [
        "--schedule",
        &path,
        "together",
        &ann,
        &ben,
        "--format",
        "json",
    ];
    let joint: serde_json::Value = serde_json::from_str(&common::stdout(&args)).unwrap();
    for person in joint["people"].as_array().unwrap() {
        let ids: Vec<&str> = person["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(
            ids.iter().any(|id| track.iter().any(|t| t == id)),
            "{ids:?}"
        );
        assert!(!ids.contains(&"6415"), "{ids:?}");
    }
    assert!(!joint.to_string().contains("\"6415\""), "{joint}");
}

#[test]
fn check_lists_talks_marks_and_a_cancelled_must_see_is_a_note() {
    let check = common::stdout(&["check", FIXTURE]);
    assert!(
        check.contains("note: 3 sessions are cancelled (shown by `agenda talks`, never planned):"),
        "{check}"
    );
    for id in ["rust-field", "rust-title", "late"] {
        assert!(check.contains(&format!("  {id}  ")), "{id}: {check}");
    }
    assert!(check.lines().last().unwrap().starts_with("ok: "), "{check}");
    let talks = common::stdout(&["--schedule", FIXTURE, "talks"]);
    assert!(talks.contains("[cancelled] Rust in the kernel"), "{talks}");
    assert!(talks.contains("[CANCELED] Rust drivers"), "{talks}");
    assert!(!talks.contains("[cancelled] [CANCELED]"), "{talks}");
    let json = common::stdout(&["--schedule", FIXTURE, "talks", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    let flagged: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["cancelled"] == true)
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["rust-field", "rust-title", "late"]);
    // A must-see that is cancelled: a note, and the plan goes on without it.
    let out = common::agenda()
        .args(["--schedule", FIXTURE, "plan", "--likes", "rust"])
        .args(["--must", "rust-field", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("the must-see `Rust in the kernel` [rust-field] is cancelled by the organiser; it is left out"),
        "{err}"
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!common::chosen_ids(&plan).contains(&"rust-field".to_string()));
}
