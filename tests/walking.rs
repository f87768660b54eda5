//! Walking time between buildings from the command line: FOSDEM's room codes, venue files and
//! their bad inputs.

use crate::common;

use agenda::prefs::venue::building_of;
use common::{fails_with, stdout};
use serde_json::Value;

/// (room, start minute, end minute) of the chosen sessions, in time order.
fn chosen(v: &Value) -> Vec<(String, i64, i64)> {
    let minutes = |t: &str| {
        let (h, m) = t.split_once(':').unwrap();
        h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
    };
    let mut out: Vec<(String, String, i64, i64)> = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["chosen"].as_bool().unwrap())
        .map(|s| {
            (
                s["date"].as_str().unwrap().to_string(),
                s["room"].as_str().unwrap().to_string(),
                minutes(s["start"].as_str().unwrap()),
                minutes(s["end"].as_str().unwrap()),
            )
        })
        .collect();
    out.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
    out.into_iter()
        .map(|(date, room, s, e)| (format!("{date} {room}"), s, e))
        .collect()
}

#[test]
fn a_fosdem_plan_never_crosses_buildings_faster_than_allowed() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let path = path.to_str().unwrap();
    let likes = "rust,bpf,kernel,security,containers,networking,python,database";
    let with = stdout(&[
        "-q",
        "--schedule",
        path,
        "plan",
        "--likes",
        likes,
        "--max-switches",
        "none",
        "--walk",
        "3,8",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&with).unwrap();
    let talks = chosen(&v);
    let mut crossings = 0;
    for pair in talks.windows(2) {
        let ((a, _, end), (b, start, _)) = (&pair[0], &pair[1]);
        let (day_a, room_a) = a.split_once(' ').unwrap();
        let (day_b, room_b) = b.split_once(' ').unwrap();
        if day_a != day_b || room_a == room_b {
            continue;
        }
        let need = if building_of(room_a) == building_of(room_b) {
            3
        } else {
            8
        };
        crossings += usize::from(need == 8);
        assert!(
            start - end >= need,
            "{a} → {b}: {} minutes, {need} needed",
            start - end
        );
    }
    assert!(crossings > 0, "the plan changes building at least once");
    // Without walking times the same interests cross buildings with no time at all.
    let without = stdout(&[
        "-q",
        "--schedule",
        path,
        "plan",
        "--likes",
        likes,
        "--max-switches",
        "none",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&without).unwrap();
    let talks = chosen(&v);
    assert!(talks.windows(2).any(|p| {
        let (ra, rb) = (
            p[0].0.split_once(' ').unwrap(),
            p[1].0.split_once(' ').unwrap(),
        );
        ra.0 == rb.0 && building_of(ra.1) != building_of(rb.1) && p[1].1 - p[0].2 < 8
    }));
}

#[test]
fn a_venue_file_groups_rooms_and_sets_walks() {
    let dir = tempfile::tempdir().unwrap();
    let venue = dir.path().join("venue.ron");
    std::fs::write(
        &venue,
        r#"(within: 0, between: 20, buildings: {"Loft": "North", "Galerie": "South"})"#,
    )
    .unwrap();
    let out = stdout(&[
        "plan",
        "--likes",
        "bpf,sysext",
        "--venue",
        venue.to_str().unwrap(),
        "--max-switches",
        "none",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    for pair in chosen(&v).windows(2) {
        if pair[0].0 != pair[1].0 && pair[0].0[..10] == pair[1].0[..10] {
            assert!(pair[1].1 - pair[0].2 >= 20, "{pair:?}");
        }
    }
    let table = stdout(&["plan", "--likes", "bpf", "--walk", "2,6"]);
    assert!(
        table.contains("walking 2 minutes within a building, 6 minutes")
            && table.contains("between buildings"),
        "{table}"
    );
}

#[test]
fn bad_walking_times_are_refused() {
    fails_with(
        &["plan", "--likes", "bpf", "--walk", "2"],
        &["not WITHIN,BETWEEN"],
    );
    fails_with(
        &[
            "plan",
            "--likes",
            "bpf",
            "--walk",
            "2,6",
            "--switch-minutes",
            "5",
        ],
        &["give one or the other"],
    );
    let dir = tempfile::tempdir().unwrap();
    let venue = dir.path().join("v.ron");
    std::fs::write(
        &venue,
        r#"(within: 1, between: 5, buildings: {"Attic": "A"})"#,
    )
    .unwrap();
    fails_with(
        &["plan", "--likes", "bpf", "--venue", venue.to_str().unwrap()],
        &["no such room", "`Attic`"],
    );
    std::fs::write(&venue, "(within: 1)").unwrap();
    fails_with(
        &["plan", "--likes", "bpf", "--venue", venue.to_str().unwrap()],
        &["v.ron:1", "not a valid venue file"],
    );
}
