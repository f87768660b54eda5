//! Untrusted text is shown safely: escape sequences and control characters in titles, names,
//! rooms and saved plans never reach the terminal raw in any text output; JSON and iCalendar
//! escape them per their specs.

use crate::common;

use common::agenda;

const EVIL_TITLE: &str = "Evil \u{1b}]0;pwned\u{7}\u{1b}[2J talk\rover";
const EVIL_SPEAKER: &str = "Mallory \u{202e}reversed\u{9b}31m";

/// The good fixture with an attacker's title, speaker and room.
fn evil_schedule() -> (tempfile::TempDir, String) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good.ron"
    ))
    .unwrap()
    .replacen("\"Talk bpf-intro\"", &format!("{EVIL_TITLE:?}"), 1)
    .replacen(
        "speakers: [\"Ada Lovelace\"],\n            topics: [\"bpf\"",
        &format!("speakers: [{EVIL_SPEAKER:?}],\n            topics: [\"bpf\""),
        1,
    );
    assert!(
        text.contains("pwned"),
        "the fixture changed; update this test"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.ron");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

fn raw_controls(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .filter(|&c| agenda::output::sanitize::is_unsafe(c) && c != '\r')
        .map(|c| c as u8)
        .collect()
}

fn run(args: &[&str]) -> std::process::Output {
    let out = agenda().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn tables_markdown_and_csv_show_escapes_instead_of_acting_on_them() {
    let (_dir, schedule) = evil_schedule();
    for args in [
        vec!["talks"],
        vec!["plan", "--likes", "bpf"],
        vec!["plan", "--likes", "bpf", "--format", "markdown"],
        vec!["plan", "--likes", "bpf", "--format", "csv"],
    ] {
        let mut all = vec!["--schedule", schedule.as_str()];
        all.extend(args.iter().copied());
        let out = run(&all);
        assert_eq!(raw_controls(&out.stdout), Vec::<u8>::new(), "{args:?}");
        assert!(raw_controls(&out.stdout).is_empty());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("\\u{1b}"), "{args:?}: {text}");
        assert!(!text.contains('\r'), "{args:?}");
    }
}

#[test]
fn files_written_with_dash_o_are_cleaned_too() {
    let (dir, schedule) = evil_schedule();
    for format in ["table", "markdown", "csv"] {
        let path = dir.path().join(format!("out.{format}"));
        run(&[
            "--schedule",
            &schedule,
            "plan",
            "--likes",
            "bpf",
            "--format",
            format,
            "-o",
            path.to_str().unwrap(),
        ]);
        let bytes = std::fs::read(&path).unwrap();
        assert!(raw_controls(&bytes).is_empty(), "{format}");
        assert!(
            String::from_utf8_lossy(&bytes).contains("\\u{202e}"),
            "{format}"
        );
    }
}

#[test]
fn json_escapes_per_spec_and_keeps_the_text() {
    let (_dir, schedule) = evil_schedule();
    let out = run(&[
        "--schedule",
        &schedule,
        "plan",
        "--likes",
        "bpf",
        "--format",
        "json",
    ]);
    assert!(!out.stdout.contains(&0x1b));
    // C1 controls and direction overrides as `\u` escapes too, not only C0 (the text is kept).
    let raw = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        raw.chars().all(|c| !agenda::output::sanitize::is_unsafe(c)),
        "{raw}"
    );
    assert!(raw.contains("\\u202e") && raw.contains("\\u009b"), "{raw}");
    let speakers =
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["sessions"].to_string();
    assert!(speakers.contains(EVIL_SPEAKER), "{speakers}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&EVIL_TITLE), "{titles:?}");
}

#[test]
fn icalendar_holds_no_control_characters() {
    let (_dir, schedule) = evil_schedule();
    let out = run(&[
        "--schedule",
        &schedule,
        "plan",
        "--likes",
        "bpf",
        "--format",
        "ics",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.split("\r\n") {
        assert!(
            !line
                .chars()
                .any(|c| agenda::output::sanitize::is_unsafe(c) && c != '\t'),
            "{line:?}"
        );
    }
    let parsed: icalendar::Calendar = text.parse().unwrap();
    assert!(!parsed.components.is_empty());
}

#[test]
fn messages_and_saved_plans_are_cleaned() {
    let (dir, schedule) = evil_schedule();
    let saved = dir.path().join("mallory.ron");
    run(&[
        "--schedule",
        &schedule,
        "plan",
        "--likes",
        "bpf",
        "--name",
        "Mal\u{1b}[8mlory",
        "--save",
        saved.to_str().unwrap(),
    ]);
    let other = dir.path().join("bob.ron");
    run(&[
        "--schedule",
        &schedule,
        "plan",
        "--likes",
        "kernel",
        "--name",
        "bob",
        "--save",
        other.to_str().unwrap(),
    ]);
    let out = run(&[
        "--schedule",
        &schedule,
        "compare",
        saved.to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    assert!(raw_controls(&out.stdout).is_empty());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mal\\u{1b}[8mlory"));
    // An error naming an untrusted value.
    let out = agenda()
        .args([
            "--schedule",
            &schedule,
            "plan",
            "--must",
            "\u{1b}[31mnothing",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        raw_controls(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_written_as_text() {
    let (dir, schedule) = evil_schedule();
    let formula = "=HYPERLINK(\"http://evil.example/\",\"click\")";
    let text = std::fs::read_to_string(&schedule)
        .unwrap()
        .replacen(&format!("{EVIL_TITLE:?}"), &format!("{formula:?}"), 1)
        .replacen(
            &format!("{EVIL_SPEAKER:?}"),
            "\"@SUM(1+1)*cmd|' /C calc'!A0\"",
            1,
        );
    let path = dir.path().join("formula.ron");
    std::fs::write(&path, text).unwrap();
    let out = run(&[
        "--schedule",
        path.to_str().unwrap(),
        "plan",
        "--likes",
        "bpf",
        "--format",
        "csv",
    ]);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells: Vec<&str> = rows.iter().flat_map(|r| r.iter()).collect();
    assert!(cells.contains(&format!("'{formula}").as_str()), "{csv}");
    assert!(cells.contains(&"'@SUM(1+1)*cmd|' /C calc'!A0"), "{csv}");
    for cell in cells {
        assert!(!cell.starts_with(['=', '+', '@']), "{cell} in {csv}");
        // The tool's own numbers (scores) stay numbers, negative ones too.
        if cell.starts_with('-') {
            assert!(cell.parse::<f64>().is_ok(), "{cell} in {csv}");
        }
    }
}
