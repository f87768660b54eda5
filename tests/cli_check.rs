//! `agenda check` and loading: every bad input is reported with its file, line and entry, and what
//! to do, with exit code 2; a good file gets a one-line summary.
//!
//! Each bad input has its own small fixture under `tests/fixtures/bad/`.

use assert_cmd::Command;
use predicates::prelude::*;

/// `agenda` run from the crate root, so fixture paths in messages read `tests/fixtures/…`.
fn agenda() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("agenda");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

/// Checks that `agenda check FIXTURE` exits with 2 and prints one problem with its place
/// (`file:line`), entry, what is wrong and what to do.
fn check_reports(fixture: &str, line: usize, entry: Option<&str>, what: &str, fix: &str) {
    let path = format!("tests/fixtures/bad/{fixture}");
    let output = agenda()
        .args(["check", &path])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let problems: Vec<&str> = stdout.lines().collect();
    assert_eq!(problems.len(), 1, "exactly one problem expected:\n{stdout}");
    let problem = problems[0];
    assert!(
        problem.starts_with(&format!("{path}:{line}: error[")),
        "place missing in: {problem}"
    );
    if let Some(entry) = entry {
        assert!(
            problem.contains(&format!("entry `{entry}`")),
            "entry missing in: {problem}"
        );
    }
    assert!(problem.contains(what), "`{what}` missing in: {problem}");
    assert!(problem.contains(fix), "fix `{fix}` missing in: {problem}");
    assert!(
        stderr.contains(&format!("error: {path}: 1 error")),
        "summary missing on stderr: {stderr}"
    );
}

#[test]
fn a_good_file_gets_a_one_line_summary() {
    agenda()
        .args(["check", "tests/fixtures/good.ron"])
        .assert()
        .success()
        .stdout("ok: Tiny Conf: 2 days, 2 rooms, 4 talks, 2 breaks, 0 social events\n")
        .stderr("");
}

#[test]
fn the_embedded_schedule_checks_clean() {
    agenda()
        .arg("check")
        .assert()
        .success()
        .stdout("ok: All Systems Go! 2025: 2 days, 2 rooms, 44 talks, 12 breaks, 1 social event\n");
}

#[test]
fn a_malformed_file_names_the_place_and_the_entry_and_how_to_fix_it() {
    agenda()
        .args(["check", "tests/fixtures/bad/malformed.ron"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("tests/fixtures/bad/malformed.ron:28:13:")
                .and(predicate::str::contains("not a valid RON schedule"))
                .and(predicate::str::contains("entry `broken` of line 23"))
                .and(predicate::str::contains("Expected comma"))
                .and(predicate::str::contains(
                    "correct it at or just before that place",
                )),
        );
}

#[test]
fn an_unknown_room_is_an_error() {
    check_reports(
        "unknown-room.ron",
        23,
        Some("lost-talk"),
        "room `Attic` is not one of the conference's rooms (Loft, Galerie)",
        "add it to `rooms` in the conference header",
    );
}

#[test]
fn two_overlapping_entries_in_one_room_are_an_error() {
    check_reports(
        "room-overlap.ron",
        23,
        Some("second"),
        "room Loft holds two entries at once: `first` (2025-09-30 09:00–09:30) and `second` (2025-09-30 09:15–09:45)",
        "move one of them to another time or room",
    );
}

#[test]
fn a_zero_length_is_an_error() {
    check_reports(
        "zero-length.ron",
        23,
        Some("empty-talk"),
        "the length is 0 minutes",
        "give the length in minutes as a number above 0",
    );
}

#[test]
fn a_negative_length_is_one_error() {
    check_reports(
        "negative-length.ron",
        23,
        Some("backwards-talk"),
        "length -20 minutes is not a positive number",
        "give the length in minutes as a number above 0",
    );
}

#[test]
fn a_duplicate_id_is_an_error_pointing_at_both_lines() {
    check_reports(
        "duplicate-id.ron",
        35,
        Some("twice"),
        "the id is used twice (first at line 11)",
        "give every entry its own id",
    );
}

#[test]
fn a_start_that_is_not_a_time_is_an_error() {
    check_reports(
        "bad-start.ron",
        23,
        Some("late-talk"),
        "start `25:61` is not a time",
        "write the start as HH:MM",
    );
}

#[test]
fn a_talk_over_a_break_in_its_room_is_an_error() {
    check_reports(
        "talk-over-break.ron",
        23,
        Some("coffee"),
        "room Loft holds a talk and a break at once: `long-talk`",
        "move one of them to another time or room",
    );
}

#[test]
fn an_unknown_time_zone_points_at_the_header() {
    check_reports(
        "unknown-time-zone.ron",
        5,
        None,
        "time zone `Europe/Atlantis` is unknown",
        "use an IANA time zone name such as \"Europe/Berlin\"",
    );
}

#[test]
fn check_reports_every_problem_at_once() {
    let path = "tests/fixtures/bad/several-problems.ron";
    let output = agenda()
        .args(["check", path])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let expected = [
        (23, "bad-date", "no-date"),
        (35, "unknown-room", "attic-talk"),
        (47, "duplicate-id", "ok-talk"),
        (59, "zero-length", "empty-talk"),
    ];
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{stdout}");
    for (line, (n, code, entry)) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(&format!("{path}:{n}: error[{code}] entry `{entry}`: ")),
            "{line}"
        );
    }
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("4 errors")
    );
}

#[test]
fn check_takes_the_file_from_schedule_too() {
    agenda()
        .args(["--schedule", "tests/fixtures/bad/zero-length.ron", "check"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("entry `empty-talk`"));
}

#[test]
fn other_commands_refuse_a_bad_schedule_and_list_its_errors() {
    agenda()
        .args([
            "--schedule",
            "tests/fixtures/bad/several-problems.ron",
            "talks",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("the schedule has 4 errors")
                .and(predicate::str::contains(
                    "several-problems.ron:35: error[unknown-room]",
                ))
                .and(predicate::str::contains("agenda check FILE")),
        );
}

#[test]
fn a_missing_file_is_an_error_saying_so() {
    agenda()
        .args(["check", "tests/fixtures/no-such-file.ron"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read schedule tests/fixtures/no-such-file.ron",
        ));
}

#[test]
fn an_entry_with_an_unreadable_date_still_has_its_other_problems_reported() {
    let path = "tests/fixtures/bad/unreadable-entries.ron";
    let output = agenda()
        .args(["check", path])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    for (line, code) in [
        (4, "bad-date"),
        (4, "unknown-room"),
        (4, "zero-length"),
        (5, "bad-time"),
        (5, "empty-id"),
        (5, "empty-title"),
        (6, "too-long"),
    ] {
        assert!(
            stdout.contains(&format!("{path}:{line}: error[{code}]")),
            "{code} at line {line} missing:\n{stdout}"
        );
    }
    assert_eq!(stdout.lines().count(), 7, "{stdout}");
}

#[test]
fn an_export_without_sessions_is_an_error() {
    agenda()
        .args(["check", "tests/fixtures/bad/empty.xml"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("error[no-sessions]"));
}

#[test]
fn a_saved_plan_given_as_the_schedule_is_named_as_a_saved_plan() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("me.ron");
    agenda()
        .args(["plan", "-q", "--likes", "bpf", "--save"])
        .arg(&saved)
        .assert()
        .success();
    agenda()
        .arg("--schedule")
        .arg(&saved)
        .arg("talks")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "is a saved plan (`agenda plan --save`), not a schedule",
        ));
}
