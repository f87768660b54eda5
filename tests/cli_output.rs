//! Where output goes and in which format: `-o FILE` picks the format from the file's extension
//! and refuses one that does not match `--format`; `-o -` is standard output; `--tz` applies to
//! every format that prints times, JSON included (which names the zone it uses).

use crate::common;

use common::{agenda, stdout};
use serde_json::Value;
use std::path::Path;

/// `agenda ARGS` fails with exit code 2; its stderr.
fn refused(args: &[&str]) -> String {
    let out = agenda().args(args).assert().code(2).get_output().clone();
    String::from_utf8(out.stderr).unwrap()
}

/// A saved plan in `dir` (for `replan`).
fn saved_plan(dir: &Path) -> String {
    let path = dir.join("me.ron");
    agenda()
        .args(["plan", "--likes", "bpf,sysext", "-q", "--save"])
        .arg(&path)
        .assert()
        .success();
    path.to_str().unwrap().to_string()
}

fn session<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no session {id}"))
}

#[test]
fn plan_json_shows_times_in_the_zone_asked_for_and_names_it() {
    let berlin: Value =
        serde_json::from_str(&stdout(&["plan", "--likes", "bpf", "--format", "json"])).unwrap();
    let new_york: Value = serde_json::from_str(&stdout(&[
        "plan",
        "--likes",
        "bpf",
        "--format",
        "json",
        "--tz",
        "America/New_York",
    ]))
    .unwrap();
    // Berlin is UTC+2 at the end of September, New York UTC−4: six hours earlier.
    assert_eq!(berlin["times_in"], "Europe/Berlin");
    assert_eq!(new_york["times_in"], "America/New_York");
    assert_eq!(
        new_york["time_zone"], "Europe/Berlin",
        "the conference's own zone stays named"
    );
    let (b, n) = (
        session(&berlin, "netkit-bpf-network-device"),
        session(&new_york, "netkit-bpf-network-device"),
    );
    assert_eq!(
        (b["start"].as_str(), b["end"].as_str()),
        (Some("10:15"), Some("10:40"))
    );
    assert_eq!(
        (n["start"].as_str(), n["end"].as_str()),
        (Some("04:15"), Some("04:40"))
    );
    assert_eq!(b["start_at"], "2025-09-30T10:15:00+02:00");
    assert_eq!(n["start_at"], "2025-09-30T04:15:00-04:00");
    assert_eq!(n["end_at"], "2025-09-30T04:40:00-04:00");
    // The same instants, whichever zone they are written in.
    let instant = |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    assert_eq!(instant(&b["start_at"]), instant(&n["start_at"]));
    // Everything else is the same plan.
    assert_eq!(berlin["total_score"], new_york["total_score"]);
    assert_eq!(common::chosen_ids(&berlin), common::chosen_ids(&new_york));
}

/// For each `(ext, format)`: `command -o FILE.ext` writes what `command --format format` prints.
fn dash_o_writes_what_format_prints(command: &[&str], stem: &str, cases: &[(&str, &str)]) {
    let dir = tempfile::tempdir().unwrap();
    for (ext, format) in cases {
        let path = dir.path().join(format!("{stem}.{ext}"));
        agenda()
            .args(command)
            .args(["-q", "-o"])
            .arg(&path)
            .assert()
            .success();
        let written = std::fs::read_to_string(&path).unwrap();
        let mut printing = command.to_vec();
        printing.extend(["--format", format]);
        assert_eq!(
            written,
            stdout(&printing),
            "-o {stem}.{ext} is not --format {format}"
        );
    }
}

#[test]
fn dash_o_without_format_picks_the_format_from_the_extension() {
    dash_o_writes_what_format_prints(
        &["plan", "--likes", "bpf"],
        "plan",
        &[
            ("ics", "ics"),
            ("md", "markdown"),
            ("csv", "csv"),
            ("json", "json"),
            ("txt", "text"),
            ("ICS", "ics"),
        ],
    );
}

#[test]
fn dash_o_plan_ics_writes_a_calendar_not_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ics");
    agenda()
        .args(["plan", "--likes", "bpf", "-o"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
}

#[test]
fn a_format_that_does_not_match_the_file_name_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("x.ics");
    let err = refused(&[
        "plan",
        "--likes",
        "bpf",
        "--format",
        "csv",
        "-o",
        ics.to_str().unwrap(),
    ]);
    assert!(
        err.contains("x.ics") && err.contains("--format csv") && err.contains("iCalendar"),
        "{err}"
    );
    assert!(!ics.exists(), "a refused output was written");
    // A format the command cannot write at all.
    let csv = dir.path().join("talks.csv");
    let err = refused(&["talks", "-o", csv.to_str().unwrap()]);
    assert!(err.contains("talks.csv") && err.contains(".json"), "{err}");
    assert!(!csv.exists());
    let err = refused(&["compare", "alice", "bob", "-o", ics.to_str().unwrap()]);
    assert!(err.contains("x.ics") && err.contains(".html"), "{err}");
    assert!(!ics.exists());
    // Refused before any work: even with a schedule that does not exist.
    let err = refused(&[
        "--schedule",
        "/nonexistent/schedule.xml",
        "plan",
        "--likes",
        "bpf",
        "--format",
        "json",
        "-o",
        ics.to_str().unwrap(),
    ]);
    assert!(err.contains("x.ics"), "{err}");
}

#[test]
fn friends_commands_pick_their_format_from_the_extension_too() {
    dash_o_writes_what_format_prints(
        &["compare", "alice", "bob"],
        "us",
        &[("html", "html"), ("json", "json"), ("txt", "text")],
    );
}

#[test]
fn listings_diff_and_bench_write_to_a_file_with_dash_o_too() {
    dash_o_writes_what_format_prints(
        &["talks", "--day", "1"],
        "talks",
        &[("json", "json"), ("txt", "table")],
    );
    dash_o_writes_what_format_prints(&["topics"], "topics", &[("json", "json"), ("txt", "table")]);
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good.ron");
    let tracks = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tracks.ron");
    dash_o_writes_what_format_prints(
        &["diff", good, tracks],
        "diff",
        &[("json", "json"), ("txt", "table")],
    );
}

#[test]
fn tz_is_refused_where_no_time_is_shown() {
    for command in [&["topics"][..], &["bench", "--sizes", "0", "--repeat", "1"]] {
        let mut args = command.to_vec();
        args.extend(["--tz", "UTC"]);
        let err = refused(&args);
        assert!(err.contains("--tz does not apply"), "{err}");
    }
}

#[test]
fn an_unknown_extension_gets_the_table_and_a_note_naming_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.icss");
    let out = agenda()
        .args(["plan", "--likes", "bpf", "-o"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(".icss") && err.contains(".ics"), "{err}");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, stdout(&["plan", "--likes", "bpf"]));
    // No extension (a device, a pipe, a plain name): the table, without a note.
    let out = agenda()
        .args(["plan", "--likes", "bpf", "-o", "/dev/null"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn dash_o_dash_is_standard_output_and_reports_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = saved_plan(dir.path());
    let runs: [(&[&str], &[&str]); 4] = [
        (
            &["plan", "--likes", "bpf", "-o", "-"],
            &["plan", "--likes", "bpf"],
        ),
        (
            &["compare", "alice", "bob", "-o", "-"],
            &["compare", "alice", "bob"],
        ),
        (
            &["together", "alice", "bob", "--format", "json", "-o", "-"],
            &["together", "alice", "bob", "--format", "json"],
        ),
        (
            &["replan", plan.as_str(), "--format", "csv", "-o", "-"],
            &["replan", plan.as_str(), "--format", "csv"],
        ),
    ];
    for (with_dash, without) in runs {
        let out = agenda()
            .args(with_dash)
            .assert()
            .success()
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!err.contains("wrote"), "{with_dash:?}: {err}");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            stdout(without),
            "{with_dash:?}"
        );
    }
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR")).join("-").exists());
}

#[test]
fn replan_to_dev_stdout_is_the_same_as_standard_output() {
    // The report goes to stderr when the agenda is a file format on standard output, however
    // standard output is spelled; and nothing overtakes what was printed before it.
    let dir = tempfile::tempdir().unwrap();
    let plan = saved_plan(dir.path());
    let plain = stdout(&["replan", &plan, "--format", "csv"]);
    assert!(plain.starts_with("day,date,start,end"), "{plain}");
    assert_eq!(
        stdout(&["replan", &plan, "--format", "csv", "-o", "/dev/stdout"]),
        plain
    );
}

#[test]
fn friends_json_takes_tz_and_names_the_zone() {
    let berlin: Value =
        serde_json::from_str(&stdout(&["compare", "alice", "bob", "--format", "json"])).unwrap();
    let utc: Value = serde_json::from_str(&stdout(&[
        "compare", "alice", "bob", "--format", "json", "--tz", "UTC",
    ]))
    .unwrap();
    assert_eq!(berlin["times_in"], "Europe/Berlin");
    assert_eq!(utc["times_in"], "UTC");
    assert_eq!(utc["time_zone"], "Europe/Berlin");
    assert_eq!(
        berlin["schedule_hash"], utc["schedule_hash"],
        "the schedule is the same, only shown in another zone"
    );
    assert_eq!(berlin["people"], utc["people"]);
    let first = |v: &Value| v["meetings"][0]["from"].as_str().unwrap().to_string();
    let berlin_from = chrono::NaiveDateTime::parse_from_str(&first(&berlin), "%Y-%m-%dT%H:%M");
    let utc_from = chrono::NaiveDateTime::parse_from_str(&first(&utc), "%Y-%m-%dT%H:%M");
    assert_eq!(
        berlin_from.unwrap() - utc_from.unwrap(),
        chrono::Duration::hours(2)
    );
}

#[test]
fn the_table_and_every_export_say_why_a_talk_was_chosen_in_the_same_words() {
    // A must-see that matches no interest, a talk that only fills free time, and talks liked.
    let plan = |more: &[&str]| {
        let mut args = vec!["plan", "--likes", "bpf", "--must", "linux-ipc"];
        args.extend(more);
        stdout(&args)
    };
    let csv = plan(&["--format", "csv"]);
    let mut reasons = Vec::new();
    let mut rows = ::csv::Reader::from_reader(csv.as_bytes());
    for row in rows.records() {
        let row = row.unwrap();
        reasons.push((row[7].to_string(), row[12].to_string()));
    }
    assert!(reasons.iter().any(|(_, r)| r == "must-see"), "{csv}");
    assert!(reasons.iter().any(|(_, r)| r == "fills free time"), "{csv}");
    let markdown = plan(&["--format", "markdown"]);
    let table = plan(&["--width", "250"]);
    for (title, why) in &reasons {
        assert!(
            markdown.contains(why.as_str()),
            "markdown lacks `{why}` for {title}"
        );
        // The table joins several reasons with `, `.
        assert!(
            table.contains(&why.replace("; ", ", ")),
            "the table lacks `{why}` for {title}"
        );
    }
}

#[test]
fn talks_and_replan_take_width_like_plan() {
    let talks = stdout(&["talks", "--day", "1", "--width", "70"]);
    assert!(talks.lines().all(|l| l.chars().count() <= 70), "{talks}");
    assert_ne!(talks, stdout(&["talks", "--day", "1"]));
    let dir = tempfile::tempdir().unwrap();
    let plan = saved_plan(dir.path());
    let narrow = stdout(&["replan", &plan, "--width", "70"]);
    // The agenda after the report of what changed (whose lines are not wrapped).
    let agenda = &narrow[narrow.find("— your agenda").unwrap()..];
    assert!(agenda.lines().all(|l| l.chars().count() <= 70), "{agenda}");
    assert_ne!(narrow, stdout(&["replan", &plan]));
}

#[test]
fn replan_takes_compact_like_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = saved_plan(dir.path());
    let compact = stdout(&["replan", &plan, "--compact"]);
    // On the same schedule the re-planned agenda is the plan's: its compact lines are plan's.
    let agenda = &compact[compact.find("— your agenda").unwrap()..];
    let planned = stdout(&["plan", "--likes", "bpf,sysext", "--compact"]);
    let talk_lines = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("BPF Tokens in systemd"))
            .map(str::to_string)
            .collect()
    };
    assert!(!talk_lines(agenda).is_empty(), "{agenda}");
    assert_eq!(talk_lines(agenda), talk_lines(&planned));
    assert!(!agenda.contains('┌'), "--compact draws no table:\n{agenda}");
    assert!(stdout(&["replan", &plan]).contains('┌'));
    common::fails_with(
        &["replan", &plan, "--compact", "--format", "json"],
        &["--compact only applies to the table"],
    );
}

#[test]
fn talks_json_gives_each_time_with_the_offset_of_the_zone_shown() {
    let list: Value = serde_json::from_str(&stdout(&[
        "talks",
        "--search",
        "netkit",
        "--format",
        "json",
        "--tz",
        "America/New_York",
    ]))
    .unwrap();
    let talk = &list[0];
    assert_eq!(talk["id"], "netkit-bpf-network-device");
    assert_eq!(
        (talk["start"].as_str(), talk["end"].as_str()),
        (Some("04:15"), Some("04:40"))
    );
    assert_eq!(talk["start_at"], "2025-09-30T04:15:00-04:00");
    assert_eq!(talk["end_at"], "2025-09-30T04:40:00-04:00");
}

#[test]
fn a_table_or_calendar_flag_with_a_file_of_another_format_says_what_the_file_writes() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("plan.md");
    let md = md.to_str().unwrap();
    let err = refused(&["plan", "--likes", "bpf", "-o", md, "--width", "80"]);
    assert!(
        err.contains("--width only applies to the table")
            && err.contains("plan.md writes Markdown")
            && !err.contains("--format table"),
        "{err}"
    );
    let err = refused(&["plan", "--likes", "bpf", "-o", md, "--remind", "5m"]);
    assert!(
        err.contains("plan.md writes Markdown")
            && err.contains(".ics")
            && !err.contains("add --format"),
        "{err}"
    );
    assert!(!Path::new(md).exists());
    // The reminder is fine when the file's name says iCalendar.
    let ics = dir.path().join("plan.ics");
    agenda()
        .args(["plan", "--likes", "bpf", "-q", "--remind", "5m", "-o"])
        .arg(&ics)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&ics)
            .unwrap()
            .contains("TRIGGER:-PT5M")
    );
}
