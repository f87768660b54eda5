//! Output files under attack: streams are written to and never replaced, outputs never
//! overwrite inputs, read-only and hard-linked targets are handled, interrupted runs leave
//! nothing behind.

use crate::common;

use common::agenda;
use std::path::Path;

fn plan_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["plan", "--likes", "bpf", "--format", "csv"];
    args.extend_from_slice(extra);
    args
}

#[test]
fn dash_o_dev_stdout_into_a_pipe_writes_the_output() {
    let out = agenda()
        .args(plan_args(&["-o", "/dev/stdout"]))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("bpf"));
}

#[test]
fn dash_o_dev_stderr_writes_to_standard_error() {
    let out = agenda()
        .args(plan_args(&["-o", "/dev/stderr", "--quiet"]))
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bpf"));
}

#[cfg(unix)]
#[test]
fn dash_o_dev_stdout_appends_to_the_file_the_shell_opened_and_never_replaces_it() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("log.txt");
    std::fs::write(&file, "before\n").unwrap();
    let inode = std::fs::metadata(&file).unwrap().ino();
    let csv = common::stdout(&plan_args(&[]));
    for flag in ["/dev/stdout", "-", "/dev/fd/1"] {
        let handle = std::fs::OpenOptions::new()
            .append(true)
            .open(&file)
            .unwrap();
        let status = std::process::Command::new(assert_cmd::cargo::cargo_bin!("agenda"))
            .args(plan_args(&["-o", flag]))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("NO_COLOR", "1")
            .stdout(handle)
            .status()
            .unwrap();
        assert!(status.success(), "{flag}");
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text, format!("before\n{csv}{csv}{csv}"));
    assert_eq!(
        std::fs::metadata(&file).unwrap().ino(),
        inode,
        "the file was replaced"
    );
}

#[cfg(unix)]
#[test]
fn dash_o_dev_fd_n_writes_to_that_descriptor() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fd3.txt");
    let bin = assert_cmd::cargo::cargo_bin!("agenda");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' plan --likes bpf --format csv -o /dev/fd/3 3>'{}'",
            bin.display(),
            file.display()
        ))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read_to_string(&file).unwrap().contains("bpf"));
}

fn copy_of_embedded(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("my.ron");
    std::fs::write(&path, agenda::schedule::EMBEDDED_RON).unwrap();
    path
}

#[test]
fn plan_output_onto_its_schedule_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let schedule = copy_of_embedded(dir.path());
    let spelled = dir.path().join(".").join("my.ron");
    let out = agenda()
        .args(["--schedule", schedule.to_str().unwrap()])
        .args(plan_args(&["-o", spelled.to_str().unwrap()]))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("same file as the input --schedule"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&schedule).unwrap(),
        agenda::schedule::EMBEDDED_RON
    );
}

#[test]
fn convert_onto_its_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.xml");
    let original = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/tiny.xml"
    ))
    .unwrap();
    std::fs::write(&input, &original).unwrap();
    let output = dir.path().join("sub").join("..").join("x.xml");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    agenda()
        .args([
            "convert",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&input).unwrap(), original);
}

#[test]
fn output_and_save_to_the_same_new_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("same");
    let b = dir.path().join(".").join("same");
    let out = agenda()
        .args(plan_args(&[
            "-o",
            a.to_str().unwrap(),
            "--save",
            b.to_str().unwrap(),
        ]))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("are the same file"));
    assert!(!a.exists());
}

#[test]
fn output_onto_a_profile_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("me.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/alice.ron"),
        &profile,
    )
    .unwrap();
    agenda()
        .args([
            "plan",
            "--profile",
            profile.to_str().unwrap(),
            "--save",
            profile.to_str().unwrap(),
        ])
        .assert()
        .code(2);
}

#[cfg(unix)]
#[test]
fn a_read_only_target_is_refused_unless_forced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.csv");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = agenda()
        .args(plan_args(&["-o", path.to_str().unwrap()]))
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&err).contains("read-only; pass --force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    agenda()
        .args(plan_args(&["-o", path.to_str().unwrap(), "--force"]))
        .assert()
        .success();
    assert!(std::fs::read_to_string(&path).unwrap().contains("bpf"));
}

#[cfg(unix)]
#[test]
fn a_hard_linked_target_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.csv");
    std::fs::write(&path, "old").unwrap();
    std::fs::hard_link(&path, dir.path().join("other-name.csv")).unwrap();
    let err = agenda()
        .args(plan_args(&["-o", path.to_str().unwrap()]))
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8_lossy(&err).contains("has 1 other hard link"),
        "{}",
        String::from_utf8_lossy(&err)
    );
}

#[test]
fn onto_a_directory_is_an_io_failure() {
    let dir = tempfile::tempdir().unwrap();
    agenda()
        .args(plan_args(&["-o", dir.path().to_str().unwrap()]))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("is a directory"));
}

#[cfg(unix)]
#[test]
fn a_writer_terminated_while_writing_removes_its_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big.ron");
    let bin = assert_cmd::cargo::cargo_bin!("agenda");
    let temporaries = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".agenda-tmp-"))
            .collect()
    };
    let signal = |sig: &str, pid: u32| {
        std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .unwrap();
    };
    // Catch the run while its temporary file exists (writing 12 MB and syncing it takes a
    // while), stop it there, send SIGTERM, let it go on.
    let mut caught = 0;
    for _ in 0..5 {
        let mut child = std::process::Command::new(bin)
            .args([
                "generate", "--talks", "20000", "--rooms", "200", "--days", "3", "-o",
            ])
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut seen = false;
        while child.try_wait().unwrap().is_none() {
            if !temporaries().is_empty() {
                signal("-STOP", child.id());
                seen = !temporaries().is_empty();
                signal("-TERM", child.id());
                signal("-CONT", child.id());
                break;
            }
        }
        let status = child.wait().unwrap();
        assert!(temporaries().is_empty(), "left behind: {:?}", temporaries());
        if seen {
            caught += 1;
            assert_eq!(status.code(), Some(130), "{status:?}");
            break;
        }
    }
    assert!(
        caught > 0,
        "never caught a run while it was writing; make the output bigger"
    );
}

#[test]
fn replan_output_onto_the_plan_it_reads_is_refused_and_the_plan_kept() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("pat.ron");
    agenda()
        .args(plan_args(&["--save", plan.to_str().unwrap(), "-q"]))
        .assert()
        .success();
    let before = std::fs::read(&plan).unwrap();
    let err = agenda()
        .args([
            "replan",
            plan.to_str().unwrap(),
            "-o",
            plan.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&err);
    assert!(err.contains("same file as the input plan"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    // Saving the re-planned agenda over the plan itself is how a plan is kept up to date.
    agenda()
        .args([
            "replan",
            plan.to_str().unwrap(),
            "--save",
            plan.to_str().unwrap(),
            "-q",
        ])
        .assert()
        .success();
}

#[test]
fn an_unwritable_save_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.ics");
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    agenda()
        .args(["plan", "--likes", "bpf", "-o"])
        .arg(&out)
        .arg("--save")
        .arg(&folder)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("it is a directory"));
    assert!(!out.exists(), "-o was written although --save failed");
}

#[test]
fn an_output_in_a_missing_folder_is_refused_before_the_schedule_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing").join("plan.csv");
    agenda()
        .args([
            "--schedule",
            "/nonexistent/schedule.xml",
            "plan",
            "--likes",
            "bpf",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("does not exist; create it"))
        .stderr(predicates::prelude::PredicateBooleanExt::not(
            predicates::str::contains(".agenda-"),
        ));
}

/// `sh -c SCRIPT` with `$0` the built `agenda` and `$1` the good fixture, in `dir`: for the
/// redirections a test cannot make with `Command` (`>&-`, `3>>file`, `ulimit -f`).
#[cfg(unix)]
fn shell(dir: &Path, script: &str) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin!("agenda"))
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/good.ron"
        ))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_users_own_temporary_looking_file_survives_the_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join(".agenda-notes.tmp");
    std::fs::write(&notes, "my notes").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&notes)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    agenda()
        .current_dir(dir.path())
        .args([
            "--schedule",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good.ron"),
            "plan",
            "--likes",
            "bpf",
            "-o",
            "plan2.md",
        ])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
    assert!(dir.path().join("plan2.md").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_through_a_descriptor_open_on_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let schedule = dir.path().join("s.ron");
    let good = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good.ron"
    ));
    std::fs::write(&schedule, good.as_ref().unwrap()).unwrap();
    for script in [
        // The input by name, the output through a descriptor open on it for appending.
        r#"cp "$1" s.ron && "$0" --schedule s.ron plan --likes bpf -o /dev/fd/3 3>>s.ron"#,
        r#""$0" --schedule s.ron plan --likes bpf -o /proc/self/fd/3 3>>s.ron"#,
        // Both through the descriptor.
        r#""$0" --schedule /dev/fd/3 plan --likes bpf -o /dev/fd/3 3<>s.ron"#,
        // Standard output, named or not, appended to the input.
        r#""$0" --schedule s.ron plan --likes bpf -o /dev/stdout >>s.ron"#,
        r#""$0" --schedule s.ron plan --likes bpf >>s.ron"#,
    ] {
        let out = shell(dir.path(), script);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{script}: {err}");
        assert!(
            err.contains("is the same file as the input --schedule"),
            "{script}: {err}"
        );
        assert_eq!(
            std::fs::read(&schedule).unwrap(),
            good.as_ref().unwrap().as_slice()
        );
    }
    // A descriptor open on another file is written, appended to.
    let out = shell(
        dir.path(),
        r#""$0" --schedule s.ron plan --likes bpf --format csv -o /dev/fd/3 3>>other.csv"#,
    );
    assert!(out.status.success(), "{out:?}");
    let other = std::fs::read_to_string(dir.path().join("other.csv")).unwrap();
    assert!(other.starts_with("day,date,start"), "{other}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_standard_output_is_an_error_and_a_closed_pipe_is_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let out = shell(dir.path(), r#""$0" --schedule "$1" plan --likes bpf >&-"#);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot write standard output: it is closed"),
        "{err}"
    );
    // With -o there is nothing for standard output, and nothing to say.
    let out = shell(
        dir.path(),
        r#""$0" --schedule "$1" plan --likes bpf -o p.txt >&-"#,
    );
    assert!(out.status.success(), "{out:?}");
    assert!(dir.path().join("p.txt").exists());
    // /dev/null on purpose is not closed.
    let out = shell(dir.path(), r#""$0" --schedule "$1" talks >/dev/null"#);
    assert!(out.status.success(), "{out:?}");
    // A reader that stops early (`| head -1`): exit 0 and not a word on standard error, however
    // much was left to write.
    agenda()
        .current_dir(dir.path())
        .args([
            "generate", "--talks", "3000", "--rooms", "30", "-o", "big.ron",
        ])
        .assert()
        .success();
    for format in ["table", "json"] {
        let out = shell(
            dir.path(),
            &format!(r#""$0" --schedule big.ron talks --format {format} 2>err.txt | head -1"#),
        );
        assert!(out.status.success(), "{out:?}");
        assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
        let err = std::fs::read_to_string(dir.path().join("err.txt")).unwrap();
        assert_eq!(err, "", "{format}");
    }
}

#[cfg(unix)]
#[test]
fn the_file_size_limit_leaves_no_temporary_and_the_target_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("out.json"), "old").unwrap();
    // 1 block of 512 or 1024 bytes; the JSON agenda is several kilobytes.
    let out = shell(
        dir.path(),
        r#"ulimit -f 1 && "$0" --schedule "$1" plan --likes bpf --format json -o out.json"#,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write out.json"), "{err}");
    assert!(err.contains("ulimit -f"), "{err}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["out.json"], "left behind");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.json")).unwrap(),
        "old"
    );
    // On standard output: an error, not a kill by SIGXFSZ.
    let out = shell(
        dir.path(),
        r#"ulimit -f 1 && "$0" --schedule "$1" plan --likes bpf --format json > piped.json"#,
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("File too large"));
}
