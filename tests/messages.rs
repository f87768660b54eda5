//! One test per message that used to mislead (issue 14): each says what happened and what to do.

use crate::common;
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
    // The 17:15 Berlin talk ends at 00:40 in Tokyo, on the next date.
    assert!(text.contains("00:15–00:40 (+1)"), "{text}");
}

#[test]
fn one_point_and_one_switch_are_singular() {
    let text = stdout(&["together", "alice", "bob", "--bonus", "1"]);
    assert!(
        text.contains("An hour together is worth 1 point "),
        "{text}"
    );
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

#[test]
fn help_teaches_the_everyday_commands_with_examples() {
    let help = stdout(&["--help"]);
    for needle in [
        "agenda plan --likes bpf,sysext",
        "agenda now ",
        "agenda now --refresh",
        "man agenda-plan",
    ] {
        assert!(help.contains(needle), "missing {needle}:\n{help}");
    }
    let plan = stdout(&["plan", "--help"]);
    assert!(plan.contains("Examples:") && plan.contains("--likes bpf=3 --dislikes gnome"));
}

#[test]
fn man_writes_one_page_per_subcommand_with_examples() {
    let dir = tempfile::tempdir().unwrap();
    agenda()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    for sub in [
        "check",
        "talks",
        "topics",
        "generate",
        "plan",
        "now",
        "next",
        "bench",
        "convert",
        "completions",
        "man",
        "compare",
        "together",
    ] {
        let page = std::fs::read_to_string(dir.path().join(format!("agenda-{sub}.1")))
            .unwrap_or_else(|e| panic!("agenda-{sub}.1: {e}"));
        assert!(
            page.contains(".SH EXAMPLES"),
            "agenda-{sub}.1 has no examples"
        );
        assert!(
            page.contains(&format!("agenda {sub}")),
            "agenda-{sub}.1 never shows the command"
        );
    }
    let top = std::fs::read_to_string(dir.path().join("agenda.1")).unwrap();
    assert!(top.contains("agenda plan \\-\\-likes bpf,sysext"), "{top}");
    assert!(
        !dir.path().join("agenda-help.1").exists(),
        "no page for `help`"
    );
}

/// What the completion script gets from `agenda` when TAB is pressed after `line` (bash's
/// protocol: the words, and the index of the one being completed, the last).
fn completed(line: &[&str]) -> Vec<String> {
    let out = agenda()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (line.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(line)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn completions_offer_the_values_of_the_schedule_on_the_line() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&["completions", shell]);
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
    }
    // The embedded schedule's topics, rooms and the profiles, as before.
    assert!(completed(&["agenda", "plan", "--likes", "sys"]).contains(&"sysext".to_string()));
    assert_eq!(
        completed(&["agenda", "talks", "--room", "gal"]),
        vec!["Galerie"]
    );
    assert!(completed(&["agenda", "plan", "--profile", "al"]).contains(&"alice".to_string()));
    // Another schedule's: its tracks (not file names), rooms and topics; the last item of a list.
    let tracks = "tests/fixtures/tracks.ron";
    assert_eq!(
        completed(&["agenda", "--schedule", tracks, "plan", "--tracks", ""]),
        vec!["Legal and Policy", "Rust", "eBPF"]
    );
    assert_eq!(
        completed(&["agenda", "--schedule", tracks, "plan", "--tracks", "Rust,e"]),
        vec!["Rust,eBPF"]
    );
    assert_eq!(
        completed(&["agenda", "talks", "--schedule", tracks, "--room", "u"]),
        vec!["UA2.114"]
    );
    // Topics: as `topics` lists them for that schedule, and none of the embedded one's.
    let good = "tests/fixtures/good.ron";
    let listed: serde_json::Value =
        serde_json::from_str(&stdout(&["--schedule", good, "topics", "--format", "json"])).unwrap();
    // One object: the topics, and the tracks (none here).
    let topics: Vec<String> = listed["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["topic"].as_str().unwrap().to_string())
        .collect();
    assert!(topics.len() > 1, "{topics:?}");
    assert_eq!(
        completed(&["agenda", "--schedule", good, "on", "--likes", ""]),
        topics
    );
    let sys: Vec<String> = topics
        .iter()
        .filter(|t| t.starts_with("sys"))
        .cloned()
        .collect();
    assert_eq!(
        completed(&["agenda", "--schedule", good, "plan", "--likes", "sys"]),
        sys
    );
    assert!(
        !completed(&["agenda", "plan", "--likes", "sys"])
            .iter()
            .eq(sys.iter())
    );
    // Offering values never restricts what is accepted: weights and unknown words still parse.
    let text = stdout(&["plan", "--likes", "bpf=3,sysext", "--width", "100"]);
    assert!(text.contains("Likes: bpf=3, sysext=1"));
}

/// A plan liking bpf and sysext on the embedded schedule, saved as `me.ron` in a new folder.
fn saved_bpf_plan() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("me.ron");
    agenda()
        .args(["plan", "--likes", "bpf,sysext", "--save"])
        .arg(&saved)
        .assert()
        .success();
    (dir, saved)
}

#[test]
fn now_and_next_read_a_saved_plan_at_a_given_time() {
    let (_dir, saved) = saved_bpf_plan();
    let now = agenda()
        .args(["now", "--at", "2025-09-30 10:20", "--plan"])
        .arg(&saved)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let now = String::from_utf8(now).unwrap();
    assert!(
        now.contains("Now:  Tue 10:15–10:40 · Galerie · Container Networking"),
        "{now}"
    );
    assert!(now.contains("(20 minutes left)"), "{now}");
    assert!(
        now.contains("Next: Tue 10:45–11:10 · Loft · BPF Tokens in systemd · in 25 minutes (change rooms: Galerie → Loft)"),
        "{now}"
    );
    let next = agenda()
        .args([
            "next",
            "--at",
            "2025-09-30 11:12",
            "--tz",
            "Asia/Tokyo",
            "--plan",
        ])
        .arg(&saved)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let next = String::from_utf8(next).unwrap();
    assert!(!next.contains("Now:"), "{next}");
    assert!(
        next.contains(
            "Next: Tue 18:25–18:50 · Loft · systemd: state of the project · in 13 minutes"
        ),
        "{next}"
    );
    // A time as people say it: with the day's weekday or number, or bare (the conference is
    // not on by any clock after 2025, so a bare time is on the plan's first day).
    for at in [
        "10:20",
        "tue 10:20",
        "Tuesday 10:20",
        "day 1 10:20",
        "1 10:20",
    ] {
        let said = agenda()
            .args(["now", "--at", at, "--plan"])
            .arg(&saved)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(String::from_utf8(said).unwrap(), now, "--at {at}");
    }
    for at in ["10h20", "tuesday", "fri 10:20", "day 3 10:20"] {
        agenda()
            .args(["now", "--at", at, "--plan"])
            .arg(&saved)
            .assert()
            .code(2)
            .stderr(
                predicates::str::contains("2025-09-30").and(predicates::str::contains(
                    "the days are 1 (Tue 2025-09-30), 2 (Wed 2025-10-01)",
                )),
            );
    }
}

#[test]
fn next_between_two_talks_says_the_change_of_rooms_from_the_one_left() {
    let (_dir, saved) = saved_bpf_plan();
    let next_at =
        |at: &str| common::stdout_of(agenda().args(["next", "--at", at, "--plan"]).arg(&saved));
    // Container Networking (Galerie) ends 10:40, BPF Tokens in systemd (Loft) starts 10:45:
    // between them, when the walk is due, the change of rooms is still said.
    let between = next_at("2025-09-30 10:42");
    assert!(
        between.contains("BPF Tokens in systemd · in 3 minutes (change rooms: Galerie → Loft)"),
        "{between}"
    );
    // Before the day's first talk there is no room to leave from.
    let morning = next_at("2025-10-01 07:00");
    assert!(
        morning.contains("Next: Wed ") && !morning.contains("change rooms"),
        "{morning}"
    );
}

/// Splits a shell line on spaces, keeping "double-quoted words" together.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[test]
fn every_plan_and_talks_example_in_the_help_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut ran = 0;
    for help in [
        stdout(&["--help"]),
        stdout(&["plan", "--help"]),
        stdout(&["talks", "--help"]),
    ] {
        for line in help.lines().map(str::trim_start) {
            let command = line.split("  ").next().unwrap_or("");
            if !(command.starts_with("agenda plan") || command.starts_with("agenda talks")) {
                continue;
            }
            let args = words(command);
            // Every example runs in an empty folder, so files it writes land there, the
            // default plan (`plan … --save`) too: not in the folder every other test shares.
            agenda()
                .current_dir(dir.path())
                .env("XDG_DATA_HOME", dir.path().join("data"))
                .args(&args[1..])
                .assert()
                .success();
            ran += 1;
        }
    }
    assert!(ran >= 10, "only {ran} examples found");
}

#[test]
fn the_warnings_note_is_said_once_per_schedule_version() {
    let cache = tempfile::tempdir().unwrap();
    let run = |schedule: &str, extra: &[&str]| {
        let out = agenda()
            .env("XDG_CACHE_HOME", cache.path())
            .args(["--schedule", schedule])
            .args(extra)
            .arg("topics")
            .assert()
            .success()
            .get_output()
            .stderr
            .clone();
        String::from_utf8(out).unwrap()
    };
    let doubtful = "tests/fixtures/import/doubtful.json";
    let note = "note: the schedule has";
    assert!(run(doubtful, &[]).contains(note));
    assert!(!run(doubtful, &[]).contains(note), "said once");
    // --verbose lists the warnings every time; another schedule is noted on its own.
    let listed = run(doubtful, &["--verbose"]);
    assert!(
        listed.lines().count() >= 2 && !listed.contains(note),
        "{listed}"
    );
    assert!(run("tests/fixtures/import/tiny.xml", &[]).contains(note));
    // Another file (another version, as far as agenda can tell) is noted on its own.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("doubtful.json");
    std::fs::copy(doubtful, &copy).unwrap();
    let copy = copy.to_str().unwrap();
    assert!(
        run(copy, &[]).contains(note),
        "its file's name is in the warnings"
    );
    assert!(!run(copy, &[]).contains(note));
}

/// `now` and `next` wrap their lines at the terminal's width (`COLUMNS` here), continuing under
/// the talk; only a web address, which cannot break, may be longer.
#[test]
fn now_and_next_wrap_at_the_width() {
    let (_dir, saved) = saved_bpf_plan();
    for command in ["now", "next"] {
        let out = common::stdout_of(
            agenda()
                .env("COLUMNS", "50")
                .args([command, "--at", "2025-09-30 10:20", "--plan"])
                .arg(&saved),
        );
        assert!(out.contains("\n      "), "{out}");
        for line in out.lines().filter(|l| !l.contains("https://")) {
            assert!(line.chars().count() <= 50, "{command}: {line:?} in\n{out}");
        }
        let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Next: Tue 10:45–11:10 · Loft · BPF Tokens in systemd · in 25 minutes (change rooms: Galerie → Loft)"),
            "{out}"
        );
    }
}
