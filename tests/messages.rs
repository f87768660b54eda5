//! One test per message that used to mislead (issue 14): each says what happened and what to do.

mod common;
use common::{agenda, shared_file, stdout};
use predicates::prelude::*;

#[test]
fn a_missing_profile_file_says_the_file_is_missing_and_never_doubles_the_extension() {
    agenda()
        .args(["compare", "alice", "nosuch.ron"])
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains("there is no file `nosuch.ron`")
                .and(predicates::str::contains(".ron.ron").not()),
        );
}

#[test]
fn posix_etc_zones_are_named_by_their_offset() {
    let text = stdout(&[
        "plan",
        "--likes",
        "bpf",
        "--tz",
        "Etc/GMT-1",
        "--width",
        "140",
    ]);
    assert!(text.contains("times in UTC+01:00 (Etc/GMT-1)"), "{text}");
}

#[test]
fn a_time_after_midnight_in_another_zone_is_marked_with_its_day() {
    let text = stdout(&[
        "plan",
        "--likes",
        "bpf",
        "--tz",
        "Asia/Tokyo",
        "--width",
        "140",
    ]);
    // The 16:15 Berlin talk is 23:15 in Tokyo; the 17:45 one is 00:45 on Wednesday.
    assert!(text.contains("(Wed)"), "{text}");
}

#[test]
fn one_point_and_one_switch_are_singular() {
    let text = stdout(&["together", "alice", "bob", "--bonus", "1"]);
    assert!(text.contains("Bonus 1 point per talk"), "{text}");
    assert!(!text.contains(" 1 points"), "{text}");
    let plan = stdout(&[
        "plan",
        "--likes",
        "bpf",
        "--max-switches",
        "1",
        "--width",
        "140",
    ]);
    assert!(plan.contains("at most 1 room switch a day"), "{plan}");
    assert!(!plan.contains(" 1 room switches"), "{plan}");
}

#[test]
fn errors_in_a_built_in_profile_do_not_point_to_a_file_the_user_lacks() {
    agenda()
        .current_dir(std::env::temp_dir())
        .args(["plan", "--profile", "alice", "--max-switches", "x"])
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains("with the profile `alice` (built in)")
                .and(predicates::str::contains("profiles/alice.ron").not()),
        );
}

#[test]
fn a_converted_ccc_export_passes_check() {
    let Some(input) = shared_file("data/33c3-schedule.json") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("33c3.ron");
    agenda()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    agenda()
        .arg("check")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "ok: 33. Chaos Communication Congress",
        ));
}
