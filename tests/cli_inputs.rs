//! Bounded input: devices, endless pipes and oversized files fail at once with exit code 2,
//! naming the file; the limit is `--max-input-size`.

use crate::common;

use common::agenda;
use std::io::Write;

#[cfg(unix)]
#[test]
fn dev_zero_and_dev_urandom_as_a_schedule_fail_with_exit_2_naming_the_file() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        agenda()
            .args(["--schedule", dev, "talks"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "cannot read schedule {dev}"
            )));
    }
}

#[cfg(unix)]
#[test]
fn dev_zero_as_a_profile_names_the_file() {
    agenda()
        .args(["plan", "--profile", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot read profile /dev/zero"));
}

#[test]
fn an_endless_pipe_into_schedule_dash_stops_at_the_limit() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("agenda"))
        .args(["--schedule", "-", "--max-input-size", "1M", "check"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Endless as far as agenda can tell: we keep writing until it hangs up.
    let writer = std::thread::spawn(move || {
        let line = b"( this is not the end of the schedule yet )\n";
        while stdin.write_all(line).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("larger than 1 MB"), "{err}");
    assert!(err.contains("--max-input-size"), "{err}");
}

#[test]
fn a_file_over_the_limit_is_refused_and_the_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::write(&path, agenda::schedule::EMBEDDED_RON).unwrap();
    let path = path.to_str().unwrap();
    agenda()
        .args(["--schedule", path, "--max-input-size", "1K", "check"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("larger than 1024 bytes"));
    agenda()
        .args(["--schedule", path, "--max-input-size", "10M", "check"])
        .assert()
        .success();
}

#[test]
fn a_nonsense_limit_is_refused() {
    agenda()
        .args(["--max-input-size", "lots", "check"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--max-input-size `lots`"));
}

#[test]
fn a_ron_schedule_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    std::fs::write(&path, format!("\u{feff}{}", agenda::schedule::EMBEDDED_RON)).unwrap();
    agenda()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .success();
}
