//! `agenda on`: what is on in every room now and next. Checked against the schedule as
//! `talks --format json` lists it (which talk is on and which is next in each room) and the
//! scores `plan --format json` gives the same interests; `talks --track` and `--room` filter.

use crate::common::{self, agenda, fails_with, stdout};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).expect("valid JSON")
}

/// The sessions of day 1 of `schedule` as `talks` lists them: (id, room, start, end, kind).
fn day_one(schedule: &str) -> Vec<(String, String, String, String, String)> {
    json(&[
        "--schedule",
        schedule,
        "-q",
        "talks",
        "--day",
        "1",
        "--format",
        "json",
    ])
    .as_array()
    .unwrap()
    .iter()
    .map(|s| {
        let text = |k: &str| s[k].as_str().unwrap().to_string();
        (
            text("id"),
            text("room"),
            text("start_at"),
            text("end_at"),
            text("kind"),
        )
    })
    .collect()
}

#[test]
fn each_room_shows_the_talk_on_now_and_the_next_one_as_the_schedule_says() {
    let Some(fosdem) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let fosdem = fosdem.to_str().unwrap();
    let at = "2025-02-01T11:05:00+01:00";
    let on = json(&[
        "--schedule",
        fosdem,
        "-q",
        "on",
        "--at",
        "2025-02-01 11:05",
        "--likes",
        "rust,security",
        "--format",
        "json",
    ]);
    assert_eq!(on["at"], at);
    // RFC 3339 times of one zone compare as text.
    let sessions = day_one(fosdem);
    let mut expected: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    let mut rooms: Vec<&String> = sessions.iter().map(|s| &s.1).collect();
    rooms.sort();
    rooms.dedup();
    for room in rooms {
        let here = || sessions.iter().filter(|s| &s.1 == room && s.4 != "break");
        let now = here().find(|s| s.2.as_str() <= at && at < s.3.as_str());
        let next = here()
            .filter(|s| s.2.as_str() > at)
            .min_by(|a, b| a.2.cmp(&b.2));
        if now.is_some() || next.is_some() {
            expected.push((
                room.clone(),
                now.map(|s| s.0.clone()),
                next.map(|s| s.0.clone()),
            ));
        }
    }
    let id = |v: &Value| v.as_object().map(|o| o["id"].as_str().unwrap().to_string());
    let mut shown: Vec<(String, Option<String>, Option<String>)> = on["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["room"].as_str().unwrap().to_string(),
                id(&r["now"]),
                id(&r["next"]),
            )
        })
        .collect();
    assert!(shown.len() > 20, "FOSDEM has dozens of rooms on at 11:05");
    shown.sort();
    assert_eq!(shown, expected);
}

#[test]
fn rooms_come_best_for_you_first_with_the_scores_plan_gives() {
    let Some(fosdem) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let fosdem = fosdem.to_str().unwrap();
    let on = json(&[
        "--schedule",
        fosdem,
        "-q",
        "on",
        "--at",
        "sat 11:05",
        "--likes",
        "rust,security",
        "--format",
        "json",
    ]);
    let plan = json(&[
        "--schedule",
        fosdem,
        "-q",
        "plan",
        "--likes",
        "rust,security",
        "--format",
        "json",
    ]);
    let score_of = |id: &str| {
        plan["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .map(|s| s["score"].as_f64().unwrap())
            .unwrap()
    };
    let mut best = Vec::new();
    for room in on["rooms"].as_array().unwrap() {
        let mut room_best = f64::MIN;
        for which in ["now", "next"] {
            let e = &room[which];
            if e.is_null() {
                continue;
            }
            let score = e["score"].as_f64().unwrap();
            assert_eq!(score, score_of(e["id"].as_str().unwrap()), "{e}");
            assert_eq!(
                score != 0.0,
                !e["why"].as_array().unwrap().is_empty(),
                "{e}"
            );
            room_best = room_best.max(score);
        }
        best.push(room_best);
    }
    assert!(
        best[0] > 0.0,
        "some talk on at 11:05 is about rust or security"
    );
    assert!(best.windows(2).all(|w| w[0] >= w[1]), "{best:?}");
}

#[test]
fn a_saved_plans_talks_are_marked_and_its_interests_score() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("me.ron");
    agenda()
        .args(["plan", "--likes", "bpf,sysext", "-q", "--save"])
        .arg(&saved)
        .assert()
        .success();
    let chosen = common::chosen_ids(&json(&[
        "plan",
        "--likes",
        "bpf,sysext",
        "--format",
        "json",
    ]));
    let saved = saved.to_str().unwrap();
    // A bare time off the conference is on the plan's first day.
    let on = json(&["on", "--plan", saved, "--at", "10:20", "--format", "json"]);
    assert_eq!(on["at"], "2025-09-30T10:20:00+02:00");
    let mut marked = 0;
    for room in on["rooms"].as_array().unwrap() {
        for which in ["now", "next"] {
            let e = &room[which];
            let id = e["id"].as_str().unwrap().to_string();
            assert_eq!(
                e["in_plan"].as_bool().unwrap(),
                chosen.contains(&id),
                "{id}"
            );
            marked += usize::from(e["in_plan"].as_bool().unwrap());
        }
    }
    assert!(marked >= 2, "{on}");
    let table = stdout(&["on", "--plan", saved, "--at", "10:20", "--width", "80"]);
    assert!(table.contains("▶ Container Networking"), "{table}");
    assert!(table.contains("1 · bpf +1"), "{table}");
    assert!(table.contains("▶ your plan"), "{table}");
}

/// A plan made from a schedule file: `on --plan` does not read the file the plan records (saved
/// plans are untrusted input) but says which it is and gives the command naming it, which works.
#[test]
fn a_plan_made_from_a_file_names_the_file_and_the_command_that_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let schedule = dir.path().join("my schedule.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/schedule.ron"),
        &schedule,
    )
    .unwrap();
    let saved = dir.path().join("me.ron");
    agenda()
        .arg("--schedule")
        .arg(&schedule)
        .args(["plan", "--likes", "bpf,sysext", "-q", "--save"])
        .arg(&saved)
        .assert()
        .success();
    let recorded = schedule.canonicalize().unwrap();
    let saved = saved.to_str().unwrap();
    let err = common::stderr_failing(agenda().args(["on", "--plan", saved, "--at", "10:20"]), 2);
    let command = format!(
        "`agenda on --plan {saved} --schedule '{}'`",
        recorded.display()
    );
    assert!(err.contains(&command), "{err}");
    let table = common::stdout_of(
        agenda()
            .args(["on", "--plan", saved, "--at", "10:20", "--schedule"])
            .arg(&recorded),
    );
    assert!(table.contains("▶ your plan"), "{table}");
}

/// With no plan named, `on` marks the default plan's talks, as `now` and `next` read it; with
/// `--schedule` or `--profile` it does not.
#[test]
fn the_default_plan_is_marked_when_no_plan_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let run =
        |args: &[&str]| common::stdout_of(agenda().env("XDG_DATA_HOME", dir.path()).args(args));
    let before = run(&["on", "--at", "10:20", "--width", "80"]);
    assert!(!before.contains("▶"), "no plan yet: {before}");
    run(&["plan", "--likes", "bpf,sysext", "-q", "--save"]);
    let marked = run(&["on", "--at", "10:20", "--width", "80"]);
    assert!(marked.contains("▶ Container Networking"), "{marked}");
    assert!(
        marked.contains("1 · bpf +1"),
        "its interests score: {marked}"
    );
    let profiled = run(&["on", "--profile", "bob", "--at", "10:20", "--width", "80"]);
    assert!(!profiled.contains("▶"), "{profiled}");
}

#[test]
fn on_fits_80_columns_and_reads_as_a_table() {
    insta::assert_snapshot!(stdout(&[
        "on",
        "--at",
        "tue 10:20",
        "--likes",
        "bpf",
        "--width",
        "80"
    ]));
    if let Some(fosdem) = common::shared_file("data/fosdem-2025-schedule.xml") {
        let table = stdout(&[
            "--schedule",
            fosdem.to_str().unwrap(),
            "-q",
            "on",
            "--at",
            "2025-02-01 11:05",
            "--likes",
            "rust",
            "--width",
            "80",
        ]);
        assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
        // The title may wrap, depending on how wide the reasons are.
        assert!(table.contains("Augurs: a time series"), "{table}");
    }
}

#[test]
fn the_text_form_has_one_line_per_talk_and_says_the_break() {
    let text = stdout(&["on", "--at", "tue 11:15", "--format", "text"]);
    assert_eq!(
        text,
        "All Systems Go! 2025 — on at Tue 30 Sep 11:15 (Europe/Berlin)\n\
         Break: Coffee break until 11:25\n\
         Loft · next 11:25–11:50 (in 10 min) · systemd: state of the project\n\
         Galerie · next 11:25–11:50 (in 10 min) · Linux IPC: Lost between Threading and Networking\n"
    );
    let over = stdout(&["on", "--at", "2025-10-02 10:00"]);
    assert!(
        over.contains("Nothing more is on: All Systems Go! 2025 is over."),
        "{over}"
    );
}

#[test]
fn track_room_and_building_narrow_and_unknown_ones_suggest_the_closest() {
    let Some(fosdem) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let f = fosdem.to_str().unwrap();
    let on = |extra: &[&str]| {
        let mut args = vec![
            "--schedule",
            f,
            "-q",
            "on",
            "--at",
            "sat 11:05",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        json(&args)
    };
    let rooms = |v: &Value| -> Vec<String> {
        v["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["room"].as_str().unwrap().to_string())
            .collect()
    };
    let rust = on(&["--track", "rust"]);
    for room in rust["rooms"].as_array().unwrap() {
        for which in ["now", "next"] {
            if !room[which].is_null() {
                assert_eq!(room[which]["track"], "Rust");
            }
        }
    }
    assert!(!rooms(&rust).is_empty());
    assert_eq!(rooms(&on(&["--room", "janson"])), vec!["Janson"]);
    let k = rooms(&on(&["--building", "k"]));
    assert!(
        k.len() > 3 && k.iter().all(|r| r.starts_with("K.")),
        "{k:?}"
    );
    fails_with(
        &["--schedule", f, "on", "--track", "rsut"],
        &["no session is in the track `rsut`; did you mean `Rust`?"],
    );
    fails_with(
        &["--schedule", f, "on", "--room", "jansen"],
        &["unknown room `jansen`; did you mean `Janson`?"],
    );
    fails_with(
        &["--schedule", f, "on", "--building", "Q"],
        &["no room is in the building `Q`"],
    );
}

#[test]
fn talks_filter_by_track_and_room() {
    let Some(fosdem) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let f = fosdem.to_str().unwrap();
    let all = json(&["--schedule", f, "-q", "talks", "--format", "json"]);
    let all = all.as_array().unwrap();
    let rust = json(&[
        "--schedule",
        f,
        "-q",
        "talks",
        "--track",
        "RUST",
        "--format",
        "json",
    ]);
    // Counted in the export itself: each event names its track as `<track slug="rust">`
    // (the list of tracks in its header carries more attributes).
    let xml = std::fs::read_to_string(&fosdem).unwrap();
    let in_export = xml.matches(r#"<track slug="rust">Rust</track>"#).count();
    assert!(in_export > 10, "{in_export}");
    assert_eq!(rust.as_array().unwrap().len(), in_export);
    let in_janson = json(&[
        "--schedule",
        f,
        "-q",
        "talks",
        "--room",
        "janson",
        "--format",
        "json",
    ]);
    let counted = all.iter().filter(|s| s["room"] == "Janson").count();
    assert_eq!(in_janson.as_array().unwrap().len(), counted);
    fails_with(
        &["--schedule", f, "talks", "--track", "rsut"],
        &["did you mean `Rust`?", "`agenda topics` lists the tracks"],
    );
}
