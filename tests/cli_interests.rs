//! Interests beyond topics from the command line: tracks, ratings, favourites and speakers by
//! part of a name, each with its bad inputs (a clear message and exit code 2).

use crate::common;

use common::{agenda, stdout};
use icalendar::{Calendar, Component, Event};
use serde_json::Value;
use std::path::PathBuf;

const SCHEDULE: &str = "tests/fixtures/tracks.ron";

fn plan(args: &[&str]) -> Value {
    let mut all = vec!["--schedule", SCHEDULE, "-q", "plan", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout(&all)).expect("valid JSON")
}

/// (id, score, reasons) of every chosen session.
fn chosen(v: &Value) -> Vec<(String, f64, Vec<String>)> {
    v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["chosen"].as_bool().unwrap() && s["score"].as_f64().unwrap() != 0.0)
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["score"].as_f64().unwrap(),
                s["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// `plan` on the test schedule with `args` fails with exit code 2 and says each of `needles`.
fn fails_with(args: &[&str], needles: &[&str]) {
    let mut all = vec!["--schedule", SCHEDULE, "plan"];
    all.extend_from_slice(args);
    common::fails_with(&all, needles);
}

fn temp_file(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn tracks_score_every_talk_of_the_track_at_their_weight() {
    let v = plan(&["--tracks", "ebpf=2,rust", "--max-switches", "none"]);
    assert_eq!(
        chosen(&v),
        [
            ("bpf-1".to_string(), 2.0, vec!["track eBPF +2".to_string()]),
            ("bpf-2".to_string(), 2.0, vec!["track eBPF +2".to_string()]),
            ("rust-2".to_string(), 1.0, vec!["track Rust +1".to_string()]),
        ]
    );
}

#[test]
fn an_unknown_track_is_refused_with_the_closest_one() {
    fails_with(
        &["--tracks", "Rusty"],
        &["no track `Rusty`", "did you mean `Rust`"],
    );
    fails_with(&["--tracks", "Rust=11"], &["weights go from 1 to 10"]);
}

#[test]
fn a_track_on_a_schedule_without_tracks_says_so() {
    let out = agenda()
        .args(["plan", "--tracks", "Rust"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("has no tracks"));
}

#[test]
fn a_rating_overrides_the_topic_score_and_says_so() {
    let v = plan(&[
        "--tracks",
        "eBPF=3",
        "--rate",
        "bpf-1=-2",
        "--rate",
        "Verifier deep=5",
    ]);
    let got = chosen(&v);
    assert!(
        got.contains(&("bpf-2".to_string(), 5.0, vec!["rated 5".to_string()])),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|c| c.0 == "bpf-1"),
        "a talk rated -2 is not chosen: {got:?}"
    );
}

#[test]
fn ratings_come_from_a_csv_file_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_file(&dir, "r.csv", "id,rating\nrust-1,4\nmisc-1,2\n");
    let v = plan(&["--ratings", file.to_str().unwrap(), "--rate", "misc-1=3"]);
    let got = chosen(&v);
    assert!(
        got.contains(&("rust-1".to_string(), 4.0, vec!["rated 4".to_string()])),
        "{got:?}"
    );
    assert!(
        got.contains(&("misc-1".to_string(), 3.0, vec!["rated 3".to_string()])),
        "{got:?}"
    );
}

#[test]
fn bad_ratings_files_are_refused_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let unknown = temp_file(&dir, "u.csv", "rust-1,4\nnope,2\n");
    fails_with(
        &["--ratings", unknown.to_str().unwrap()],
        &["u.csv:2", "no session has the id `nope`"],
    );
    let bad = temp_file(&dir, "b.csv", "rust-1,lots\n");
    fails_with(
        &["--ratings", bad.to_str().unwrap()],
        &["b.csv:1", "`lots` is not a whole number"],
    );
    let range = temp_file(&dir, "x.csv", "rust-1,11\n");
    fails_with(
        &["--ratings", range.to_str().unwrap()],
        &["x.csv:1", "from -10 to 10"],
    );
    let empty = temp_file(&dir, "e.csv", "");
    fails_with(&["--ratings", empty.to_str().unwrap()], &["rates no talk"]);
    fails_with(&["--rate", "rust-1"], &["has no rating"]);
    fails_with(
        &["--rate", "no-such-talk=3"],
        &["neither a session id nor part of a title"],
    );
    fails_with(
        &["--ratings", "/no/such/file.csv"],
        &["cannot read the ratings file"],
    );
}

#[test]
fn favourites_from_an_icalendar_export_become_must_see() {
    let mut calendar = Calendar::new();
    // FOSDEM-style: the id in the UID. pretalx-style: "Title - Speaker" at the right time.
    calendar.push(
        Event::new()
            .uid("cra-1@trackconf.example")
            .summary("Can security attestations help?")
            .done(),
    );
    calendar.push(
        Event::new()
            .uid("pretalx-conf-ABC123@example")
            .summary("Embedded drivers - Dan Driver")
            .add_property("DTSTART;TZID=Europe/Brussels", "20250201T110000")
            .done(),
    );
    calendar.push(
        Event::new()
            .uid("zzz@example")
            .summary("A talk elsewhere")
            .done(),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = temp_file(&dir, "fav.ics", &calendar.to_string());
    let out = agenda()
        .args([
            "--schedule",
            SCHEDULE,
            "plan",
            "--likes",
            "rust",
            "--format",
            "json",
        ])
        .arg("--favourites")
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("`A talk elsewhere`: no such talk"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = common::chosen_ids(&v);
    assert!(
        ids.iter().any(|i| i == "cra-1") && ids.iter().any(|i| i == "rust-2"),
        "{ids:?}"
    );
}

#[test]
fn favourites_from_a_plain_list_can_carry_a_weight() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_file(&dir, "fav.txt", "# mine\nbpf-1\nverifier deep dive\n\n");
    let v = plan(&[
        "--favourites",
        file.to_str().unwrap(),
        "--favourites-weight",
        "3",
    ]);
    let got = chosen(&v);
    assert!(
        got.contains(&("bpf-1".to_string(), 3.0, vec!["★ starred +3".to_string()])),
        "{got:?}"
    );
    assert!(
        got.contains(&("bpf-2".to_string(), 3.0, vec!["★ starred +3".to_string()])),
        "{got:?}"
    );
}

#[test]
fn an_empty_favourites_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = temp_file(&dir, "none.txt", "# nothing yet\n");
    fails_with(
        &["--favourites", empty.to_str().unwrap()],
        &["names no talk"],
    );
    fails_with(
        &["--likes", "rust", "--favourites-weight", "2"],
        &["needs --favourites"],
    );
}

#[test]
fn a_speaker_is_found_by_one_word_of_the_name() {
    let v = plan(&["--speakers", "poettering"]);
    assert_eq!(
        chosen(&v),
        [(
            "bpf-2".to_string(),
            2.0,
            vec!["Lennart Poettering +2".to_string()]
        )]
    );
}

#[test]
fn an_ambiguous_part_of_a_name_lists_the_candidates() {
    fails_with(
        &["--speakers", "dan"],
        &["fits 2 speakers", "Dan Driver", "Dan Other"],
    );
    fails_with(
        &["--speakers", "nobody"],
        &["no session has the speaker `nobody`"],
    );
}

#[test]
fn a_broken_icalendar_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_file(&dir, "bad.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY\n");
    fails_with(
        &["--favourites", file.to_str().unwrap()],
        &["bad.ics", "iCalendar"],
    );
}

#[test]
fn the_json_settings_show_tracks_ratings_and_favourites() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_file(&dir, "fav.txt", "bpf-1\n");
    let v = plan(&[
        "--tracks",
        "Rust=2",
        "--rate",
        "misc-1=4",
        "--favourites",
        file.to_str().unwrap(),
        "--favourites-weight",
        "3",
    ]);
    let s = &v["settings"];
    assert_eq!(s["tracks"]["Rust"], 2);
    assert_eq!(s["ratings"]["misc-1"], 4);
    assert_eq!(s["favourites"]["bpf-1"], 3);
}

#[test]
fn a_profile_carries_tracks_ratings_and_walking_times() {
    let dir = tempfile::tempdir().unwrap();
    let profile = temp_file(
        &dir,
        "me.ron",
        r#"(name: "Me", tracks: ["eBPF=2"], rate: ["rust-2=3"], walk: "0,45")"#,
    );
    let v = plan(&[
        "--profile",
        profile.to_str().unwrap(),
        "--max-switches",
        "none",
    ]);
    let got = chosen(&v);
    // H.1308 and UA2.114 are 45 minutes apart: the eBPF talks in UA2.114 (2 + 2) win over
    // rust-2 in H.1308 at 11:00 (rated 3), which cannot be reached in time after them.
    assert_eq!(
        got,
        [
            ("bpf-1".to_string(), 2.0, vec!["track eBPF +2".to_string()]),
            ("bpf-2".to_string(), 2.0, vec!["track eBPF +2".to_string()]),
        ]
    );
    assert_eq!(v["settings"]["walking"]["between"], 45);
}

#[test]
fn a_saved_plan_keeps_tracks_ratings_and_walking_times() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("me.ron");
    agenda()
        .args([
            "--schedule",
            SCHEDULE,
            "-q",
            "plan",
            "--tracks",
            "eBPF",
            "--rate",
            "rust-2=4",
            "--walk",
            "1,9",
            "--save",
        ])
        .arg(&saved)
        .assert()
        .success();
    let text = std::fs::read_to_string(&saved).unwrap();
    for needle in ["\"eBPF=1\"", "\"rust-2=4\"", "within: 1", "between: 9"] {
        assert!(text.contains(needle), "{needle} missing from {text}");
    }
}

#[test]
fn a_whole_title_names_its_session_even_when_a_longer_title_contains_it() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let path = path.to_str().unwrap();
    // "Rust for Linux" (6507) is also the start of "Rust for Linux: an overview" (5875).
    let json = common::stdout(&[
        "--schedule",
        path,
        "plan",
        "--likes",
        "rust",
        "--must",
        "Rust for Linux",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let chosen = common::chosen_ids(&v);
    assert!(chosen.iter().any(|i| i == "6507"), "{chosen:?}");
    // A fragment of both titles is still ambiguous and lists them.
    common::agenda()
        .args([
            "--schedule",
            path,
            "plan",
            "--likes",
            "rust",
            "--must",
            "Rust for",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("fits 2 sessions"))
        .stderr(predicates::str::contains("5875"));
}

/// A frab XML schedule of talks one after another in one room: `(id, title, subtitle)`.
fn frab_xml(talks: &[(&str, &str, &str)]) -> String {
    let events: String = talks
        .iter()
        .enumerate()
        .map(|(i, (id, title, subtitle))| {
            format!(
                "<event guid='g{id}' id='{id}'><start>{:02}:00</start><duration>00:30</duration>\
                 <room>Hall</room><title>{title}</title><subtitle>{subtitle}</subtitle>\
                 <type>lecture</type><abstract>A talk.</abstract><persons/></event>",
                9 + i
            )
        })
        .collect();
    format!(
        "<schedule><conference><title>Forms</title><time_zone_name>Europe/Berlin</time_zone_name>\
         </conference><day index='1' date='2025-03-01'><room name='Hall'>{events}</room></day>\
         </schedule>"
    )
}

/// Each session's score for `--likes like` on the schedule at `path`.
fn scores(path: &str, like: &str) -> Vec<(String, f64)> {
    let v: Value = serde_json::from_str(&stdout(&[
        "--schedule",
        path,
        "-q",
        "plan",
        "--format",
        "json",
        "--likes",
        like,
    ]))
    .expect("valid JSON");
    v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let id = s["id"].as_str().unwrap().to_string();
            (id, s["score"].as_f64().unwrap())
        })
        .collect()
}

/// The ids that score above zero for `--likes like`.
fn found(path: &str, like: &str) -> Vec<String> {
    scores(path, like)
        .into_iter()
        .filter(|(_, score)| *score > 0.0)
        .map(|(id, _)| id)
        .collect()
}

#[test]
fn a_like_finds_the_forms_of_its_word_but_not_words_that_only_look_alike() {
    let xml = frab_xml(&[
        ("1", "Encrypted DNS for everyone", ""),
        ("2", "Cryptographic agility", ""),
        ("3", "Flaky tests, tested again", ""),
        ("4", "Containerised builds", ""),
        ("5", "Distributed systems in practice", ""),
        ("6", "The organ of the university", ""),
        ("7", "Decrypting old archives", ""),
        ("8", "Theming GTK+ apps", ""),
        ("9", "C++ modules at last", ""),
    ]);
    let (_dir, path) = common::temp_file("forms.xml", &xml);
    let path = path.to_str().unwrap();
    assert_eq!(found(path, "encryption"), ["1", "2"]);
    assert_eq!(found(path, "cryptography"), ["1", "2"]);
    assert_eq!(found(path, "testing"), ["3"]);
    assert_eq!(found(path, "containers"), ["4"]);
    assert_eq!(found(path, "gtk"), ["8"]);
    assert_eq!(found(path, "c++"), ["9"]);
    // `distributed`, an organ, a university: no like finds them, so each says so.
    for like in ["distributions", "organisation", "universe"] {
        common::fails_with(
            &["--schedule", path, "plan", "--likes", like],
            &[&format!(
                "the like `{like}` matches no topic, title or abstract"
            )],
        );
    }
}

#[test]
fn a_subtitle_counts_as_the_title_does_and_survives_conversion() {
    let xml = frab_xml(&[
        ("1", "Deploying TLS 1.3", "Improving the encrypted web"),
        ("2", "Keys of Fury", "Type In Beyond the Scrolling Horizon"),
    ]);
    let (dir, path) = common::temp_file("subtitled.xml", &xml);
    let path = path.to_str().unwrap();
    assert_eq!(
        scores(path, "encryption"),
        [("1".to_string(), 1.0), ("2".to_string(), 0.0)],
        "full weight, as the title"
    );
    let talks = stdout(&["--schedule", path, "talks", "--search", "scrolling"]);
    assert!(talks.contains("Keys of Fury"), "{talks}");
    assert!(
        !talks.contains("Scrolling Horizon"),
        "tables show the title alone: {talks}"
    );
    let ron = dir.path().join("subtitled.ron");
    let ron_path = ron.to_str().unwrap();
    stdout(&["convert", path, "-o", ron_path]);
    let text = std::fs::read_to_string(&ron).unwrap();
    assert!(
        text.contains("subtitle: \"Improving the encrypted web\""),
        "{text}"
    );
    assert_eq!(scores(ron_path, "encryption"), scores(path, "encryption"));
}
