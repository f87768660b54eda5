//! Helpers shared by the integration tests.
//!
//! Files under `../shared/` are read where they lie and never copied into the repository. A
//! fresh clone has no `../shared/`: tests that need it skip with one line on stderr, unless
//! `AGENDA_REQUIRE_SHARED=1` (set by `.ci/run`) demands it, in which case they fail.

#![allow(dead_code)]

pub mod browser;
pub mod shapes;

use std::io::Write;
use std::path::PathBuf;

/// The path of `../shared/<rel>` (relative to the crate root) if it exists.
///
/// When it does not, prints `skipped: ../shared/<rel> not found` on stderr and returns `None`,
/// or panics when the environment variable `AGENDA_REQUIRE_SHARED` is `1`.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("AGENDA_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!(
            "../shared/{rel} not found at {} but AGENDA_REQUIRE_SHARED=1 requires it; \
             run the tests from a checkout that has ../shared/ beside it, or unset the variable",
            path.display()
        );
    }
    // Straight to the process's stderr: `eprintln!` would be captured by the test harness and
    // never shown for a passing test.
    let _ = writeln!(std::io::stderr(), "skipped: ../shared/{rel} not found");
    None
}

/// `agenda` run from the crate root (so `profiles/` is found), without colour, without the
/// user's own profile and cache folders and without the caller's `COLUMNS` (tables get the default width).
pub fn agenda() -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("agenda");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("agenda-no-config"),
        )
        // Not the user's cache: it remembers which schedules' warnings were noted.
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("agenda-test-cache"),
        )
        // Not the user's default plan: a test that uses one sets its own folder.
        .env("XDG_DATA_HOME", std::env::temp_dir().join("agenda-no-data"));
    cmd
}

/// What `agenda ARGS` prints on success.
pub fn stdout(args: &[&str]) -> String {
    let out = agenda()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// `text` written to a fresh file `name` in a temporary folder, which lives as long as the
/// returned guard.
pub fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// What `agenda ARGS` printed (stdout, stderr), whatever its exit code.
pub fn output(args: &[&str]) -> (String, String) {
    let out = agenda().args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// What `agenda plan --schedule SCHEDULE --likes talk EXTRA…` prints; it must succeed.
pub fn plan_liking_talks(schedule: &std::path::Path, extra: &[&str]) -> String {
    let schedule = schedule.to_str().unwrap();
    let mut args = vec!["plan", "--schedule", schedule, "--likes", "talk"];
    args.extend_from_slice(extra);
    stdout(&args)
}

/// What a command prints on standard output; it must succeed.
pub fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// What a command says on standard error; it must fail with exit code `code`.
pub fn stderr_failing(cmd: &mut assert_cmd::Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stderr.clone()).unwrap()
}

/// `schedule` written as RON to `dir/name`, as a user's edited schedule file.
pub fn write_schedule(
    schedule: &agenda::schedule::Schedule,
    dir: &std::path::Path,
    name: &str,
) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        agenda::schedule::ron_format::write(schedule).unwrap(),
    )
    .unwrap();
    path
}

/// Whether a solver's answer is the typed "no agenda meets every must-see talk and limit"
/// ([`agenda::error::Error::Infeasible`]), not some other failure.
pub fn is_infeasible<T>(result: &anyhow::Result<T>) -> bool {
    result.as_ref().is_err_and(|e| {
        matches!(
            agenda::error::kind(e),
            Some(agenda::error::Error::Infeasible { .. })
        )
    })
}

/// Runs `agenda` with `args`, which must fail with exit code 2 (bad input); returns its stderr.
pub fn fails(args: &[&str]) -> String {
    let out = agenda()
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

/// Runs `agenda` with `args`, which must fail with exit code 2 (bad input) and say each of
/// `needles` on stderr.
pub fn fails_with(args: &[&str], needles: &[&str]) {
    let text = fails(args);
    for n in needles {
        assert!(text.contains(n), "stderr lacks `{n}`:\n{text}");
    }
}

/// The ids of the sessions a plan's JSON (`plan --format json`) marks as chosen, in its order.
pub fn chosen_ids(plan: &serde_json::Value) -> Vec<String> {
    plan["sessions"]
        .as_array()
        .expect("a sessions array")
        .iter()
        .filter(|s| s["chosen"].as_bool().expect("a chosen flag"))
        .map(|s| s["id"].as_str().expect("an id").to_string())
        .collect()
}
