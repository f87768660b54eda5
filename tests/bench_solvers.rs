//! `agenda bench --solver` with solver binaries through the LP file, and `--suite real`.
//!
//! The binaries here are fakes this test writes (a shell script named `cbc` first on `PATH`):
//! they prove the table, the reading of a binary's output and the agreement logic, not the
//! model. The model file is solved by real solvers in `write_model.rs` (when installed) and by
//! brute force in the library's tests.

use crate::common::{self, agenda};
use std::path::Path;

/// A fake `cbc` in `dir` that prints, in CBC's format, the optimum the LP file's header states
/// plus `offset`, 2 nodes and 5 iterations (or nothing at all when `silent`).
fn fake_cbc(dir: &Path, offset: i64, silent: bool) {
    let body = if silent {
        "echo 'Welcome to the CBC MILP Solver'\n".to_string()
    } else {
        format!(
            "found=$(sed -n 's/^\\\\ The optimum agenda found: \\(-\\{{0,1\\}}[0-9]*\\)\\.$/\\1/p' \"$1\")\n\
             echo 'Result - Optimal solution found'\n\
             echo \"Objective value:                $((found + {offset})).00000000\"\n\
             echo 'Enumerated nodes:               2'\n\
             echo 'Total iterations:               5'\n"
        )
    };
    let path = dir.join("cbc");
    std::fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// `agenda bench` on the embedded schedule with `PATH` starting at `dir`.
fn bench_with(dir: &Path, extra: &[&str]) -> std::process::Output {
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    agenda()
        .env("PATH", path)
        .args([
            "bench",
            "--sizes",
            "0",
            "--repeat",
            "1",
            "--max-switches",
            "2",
        ])
        .args(extra)
        .output()
        .unwrap()
}

/// `agenda bench --solver file:cbc` with a fake `cbc` ([`fake_cbc`]) first on `PATH`.
fn bench_fake_cbc(offset: i64, silent: bool) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    fake_cbc(dir.path(), offset, silent);
    bench_with(dir.path(), &["--solver", "file:cbc"])
}

#[test]
fn a_binary_on_path_gets_its_row_with_nodes_iterations_and_agreement() {
    let dir = tempfile::tempdir().unwrap();
    fake_cbc(dir.path(), 0, false);
    let out = bench_with(
        dir.path(),
        &["--solver", "microlp,file:cbc", "--format", "csv"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let solvers: Vec<&str> = rows.iter().map(|r| r[2]).collect();
    assert_eq!(solvers, ["microlp", "cbc (file)", "dp"], "{text}");
    let cbc = &rows[1];
    // The embedded schedule has two days: one file, one run each, 2 nodes and 5 iterations.
    assert_eq!((cbc[5], cbc[6]), ("4", "10"), "{text}");
    assert_eq!(cbc[7..9], rows[2][7..9], "{text}");
    assert_eq!(cbc[9], "true", "{text}");
}

#[test]
fn a_binary_with_another_optimum_is_marked_no_and_warned_about() {
    // One less: the same score with one more room switch on each day.
    let out = bench_fake_cbc(-1, false);
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let row = table.lines().find(|l| l.contains("cbc (file)")).unwrap();
    assert!(row.contains(" NO "), "{table}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("differs from the dynamic program's"),
        "{stderr}"
    );
}

#[test]
fn a_binary_that_prints_no_optimum_fails_the_run_saying_so() {
    let out = bench_fake_cbc(0, true);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cbc printed no optimum for day 1"),
        "{stderr}"
    );
}

#[test]
fn a_binary_not_on_path_is_refused_before_any_work() {
    let empty = tempfile::tempdir().unwrap();
    let out = agenda()
        .env("PATH", empty.path())
        .args(["bench", "--sizes", "0", "--solver", "file:glpsol"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`glpsol` is not on PATH"), "{stderr}");
}

#[test]
fn a_real_cbc_or_glpk_agrees_with_the_dp_when_installed() {
    let mut tried = false;
    for binary in ["cbc", "glpsol"] {
        let found = std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(binary).is_file()));
        if !found {
            continue;
        }
        tried = true;
        let out = agenda()
            .args([
                "bench",
                "--sizes",
                "100",
                "--repeat",
                "1",
                "--max-switches",
                "1",
            ])
            .args(["--solver", &format!("file:{binary}"), "--format", "csv"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines().skip(1) {
            assert!(line.ends_with(",true"), "{binary}: {text}");
        }
    }
    if !tried {
        eprintln!("skipped: neither cbc nor glpsol is installed");
    }
}

#[test]
fn the_real_suite_without_the_shared_exports_skips_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("repo");
    std::fs::create_dir(&inner).unwrap();
    let out = agenda()
        .current_dir(&inner)
        .args(["bench", "--suite", "real", "--solver", "microlp"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("skipped, ../shared/data is not here"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&inner).unwrap().count(), 0);
}

#[test]
fn the_real_suite_writes_a_dated_run_of_every_shared_export() {
    let Some(data) = common::shared_file("data") else {
        return;
    };
    let runs = tempfile::tempdir().unwrap();
    let out = agenda()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "bench", "--suite", "real", "--solver", "microlp", "--repeat", "1",
        ])
        .args(["--label", "test", "--format", "csv", "--runs-dir"])
        .arg(runs.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folders: Vec<_> = std::fs::read_dir(runs.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let [folder] = folders.as_slice() else {
        panic!("{folders:?}")
    };
    let name = folder.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.ends_with("-test") && name.len() == "2026-12-06-1830-test".len(),
        "{name}"
    );
    let csv = std::fs::read_to_string(folder.join("solvers.csv")).unwrap();
    assert_eq!(csv, String::from_utf8(out.stdout).unwrap());
    let readme = std::fs::read_to_string(folder.join("README.md")).unwrap();
    // Every export the tool reads is a case, with and without a switch limit.
    let exports = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".xml") || n.ends_with(".json") || n.ends_with(".ics"));
    for export in exports {
        let as_case =
            csv.contains(&format!("{export} no limit,")) && csv.contains(&format!("{export} K=2,"));
        let skipped = readme.contains(&format!("Skipped `{export}`"));
        assert!(as_case || skipped, "{export}:\n{csv}");
    }
    assert!(csv.contains("fosdem-2025-schedule.xml K=2,"), "{csv}");
    assert!(!csv.contains(",false"), "{csv}");
    assert!(
        readme.contains("| case | candidates | solver |"),
        "{readme}"
    );
}
