//! Every exit code and message docs/reference/exit-codes.md lists, one test each: 0 ok, 1 I/O, 2 bad input.

use crate::common;

use common::agenda;
use predicates::prelude::*;
use predicates::str::contains;

fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn output_onto_a_directory_is_1_like_other_unwritable_targets() {
    let dir = tempfile::tempdir().unwrap();
    agenda()
        .args(["plan", "--likes", "bpf", "-o", dir.path().to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(contains("is a directory"));
    agenda()
        .args(["plan", "--likes", "bpf", "-o", "/nonexistent-folder/x.ics"])
        .assert()
        .code(1)
        .stderr(contains("cannot write /nonexistent-folder/x.ics"));
}

#[test]
fn a_ron_file_with_a_byte_order_mark_is_read() {
    let (_dir, path) = temp_file(
        "bom.ron",
        &format!("\u{feff}{}", agenda::schedule::EMBEDDED_RON),
    );
    agenda().args(["check", &path]).assert().code(0);
}

#[test]
fn another_json_schedule_format_says_so() {
    let (_dir, path) = temp_file("v2.json", r#"{"version": 2, "talks": [], "rooms": []}"#);
    agenda()
        .args(["check", &path])
        .assert()
        .code(2)
        .stderr(contains("a format agenda does not read (version 2)"));
}

#[test]
fn max_switches_beyond_range_says_too_large() {
    agenda()
        .args(["plan", "--likes", "bpf", "--max-switches", "99999999999999"])
        .assert()
        .code(2)
        .stderr(contains("too large"));
}

#[test]
fn bench_sizes_explain_the_derived_rooms() {
    agenda()
        .args(["bench", "--sizes", "20000", "--repeat", "1"])
        .assert()
        .code(2)
        .stderr(contains(
            "--sizes 20000: the generated conference gets 625 rooms",
        ))
        .stderr(contains("give --rooms"));
}

#[cfg(unix)]
#[test]
fn profile_dev_zero_names_the_file() {
    agenda()
        .args(["plan", "--profile", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(contains("/dev/zero"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_says_standard_output() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("agenda"))
        .arg("talks")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot write standard output"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_empty_tz_says_the_zone_is_empty() {
    agenda()
        .args(["talks", "--tz", ""])
        .assert()
        .code(2)
        .stderr(contains("--tz is empty"));
}

#[test]
fn json_null_is_not_a_schedule_rather_than_not_ron() {
    let (_dir, path) = temp_file("null.json", "null\n");
    agenda()
        .args(["check", &path])
        .assert()
        .code(2)
        .stderr(contains("is JSON holding `null`, not a schedule"))
        .stderr(contains("RON").not());
}

#[test]
fn the_overlap_warning_for_a_multi_day_session_shows_both_dates() {
    let xml = r#"<?xml version="1.0"?>
<schedule><conference><title>T</title><time_zone_name>Europe/Berlin</time_zone_name></conference>
<day date="2025-03-01" index="1"><room name="Hall">
<event id="1"><date>2025-03-01T23:30:00+01:00</date><start>23:30</start><duration>02:00</duration><room>Hall</room><title>Night</title></event>
</room></day>
<day date="2025-03-02" index="2"><room name="Hall">
<event id="2"><date>2025-03-02T01:00:00+01:00</date><start>01:00</start><duration>00:30</duration><room>Hall</room><title>Early</title></event>
</room></day></schedule>"#;
    let (_dir, path) = temp_file("night.xml", xml);
    agenda()
        .args(["check", &path])
        .assert()
        .code(0)
        .stdout(contains("`1` (2025-03-01 23:30–2025-03-02 01:30)"));
}

#[test]
fn one_talk_and_one_point_are_singular() {
    assert_eq!(agenda::text::plural(1u32, "talk", "talks"), "1 talk");
    assert_eq!(agenda::text::plural(0u32, "talk", "talks"), "0 talks");
    assert_eq!(agenda::text::points(2), "1 point");
    assert_eq!(agenda::text::points(3), "1.5 points");
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.ron");
    agenda()
        .args([
            "generate", "--talks", "1", "--rooms", "1", "--days", "1", "-o",
        ])
        .arg(&one)
        .assert()
        .success()
        .stderr(contains("1 day, 1 room, 1 talk,"));
    let out = agenda()
        .args([
            "--schedule",
            one.to_str().unwrap(),
            "plan",
            "--likes",
            "kernel",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("· 1 talk ·"), "{text}");
    assert!(!text.contains("1 talks"), "{text}");
}
