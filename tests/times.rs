//! Times and dates of an export are read exactly or said: a start with seconds is planned from
//! its minute with a warning, never the internal-bug exit; a date that is no date is a warning
//! naming the entry, never a silent fallback.

use crate::common::{agenda, shapes};

/// A two-talk export whose first talk's date-time is `first`.
fn export_with(first: &str) -> (tempfile::TempDir, String) {
    let text = shapes::same_slot(1).replace("2025-09-30T10:00:00+02:00", first);
    assert!(text.contains(first));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("times.json");
    std::fs::write(&path, text).unwrap();
    (dir, path.to_str().unwrap().to_string())
}

#[test]
fn a_start_with_seconds_is_planned_from_its_minute_and_said() {
    let (_dir, path) = export_with("2025-09-30T10:00:30+02:00");
    let out = agenda()
        .args(["plan", "--schedule", &path, "--likes", "talk", "--verbose"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stdout.contains("10:00–10:30"), "{stdout}");
    assert!(
        stderr.contains(
            "warning[start] entry `0`: its start 10:00:30 has seconds; it is planned from 10:00"
        ),
        "{stderr}"
    );
}

#[test]
fn a_date_that_is_no_date_is_a_warning_naming_the_entry() {
    for bad in ["2025-02-30T10:00:00+02:00", "-2025-03-30T10:00:00+02:00"] {
        let (_dir, path) = export_with(bad);
        let out = agenda().args(["check", &path]).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.contains(&format!(
                "warning[start] entry `0`: its date `{bad}` is not a date"
            )),
            "{bad}: {stdout}"
        );
    }
}
