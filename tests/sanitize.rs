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
    // The plan's JSON has no speakers (the override and the C1 control are in the fixture's
    // speaker): the listing has them.
    let listing = run(&["--schedule", &schedule, "talks", "--format", "json"]);
    let listed = String::from_utf8(listing.stdout.clone()).unwrap();
    assert!(
        listed
            .chars()
            .all(|c| !agenda::output::sanitize::is_unsafe(c)),
        "{listed}"
    );
    assert!(
        listed.contains("\\u202e") && listed.contains("\\u009b"),
        "{listed}"
    );
    // Escaped, not lost: a JSON reader gets the speaker's name back as it was.
    let talks: serde_json::Value = serde_json::from_slice(&listing.stdout).unwrap();
    assert!(
        talks
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["speakers"][0] == EVIL_SPEAKER),
        "{listed}"
    );
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

/// One set of hostile text: a clipboard write (OSC 52) ended by BEL, a screen clear, NUL, the
/// one-character CSI (U+009B), NEXT LINE (U+0085), a right-to-left override, and two cells a
/// spreadsheet would run.
const CONTROLS: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{0}\u{9b}31m\u{85}\u{202e}";
const HYPERLINK: &str = "=HYPERLINK(\"http://evil.example/\",\"click\")";
const SUM: &str = "@SUM(1+1)*cmd|' /C calc'!A0";

/// The good fixture with the payloads in a talk's title, speaker and topic (written as RON
/// escapes, so the file itself holds no control byte), and its saved plan before the change.
fn payload_files() -> (tempfile::TempDir, String, String, String) {
    let escaped: String = CONTROLS
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c.to_string()
            } else {
                format!("\\u{{{:x}}}", c as u32)
            }
        })
        .collect();
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good.ron");
    let text = std::fs::read_to_string(good)
        .unwrap()
        .replacen(
            "\"Talk bpf-intro\"",
            &format!("{:?}", format!("{HYPERLINK} ESC")).replace("ESC", &escaped),
            1,
        )
        .replacen(
            "speakers: [\"Ada Lovelace\"],\n            topics: [\"bpf\", \"kernel\"]",
            &format!(
                "speakers: [{}],\n            topics: [\"bpf\", \"kernel{escaped}\"]",
                format!("{SUM:?}").replace(" /C", &format!(" {escaped}/C"))
            ),
            1,
        );
    // A room with the controls, listed (an unlisted one is an error, in the messages' test).
    let room = format!("Gal{escaped}erie");
    let text = text
        .replacen(
            "rooms: [\"Loft\", \"Galerie\"]",
            &format!("rooms: [\"Loft\", \"Galerie\", \"{room}\"]"),
            1,
        )
        .replacen(
            "room: \"Galerie\",\n            kind: Talk,\n            title: \"Talk sysext-intro\"",
            &format!("room: \"{room}\",\n            kind: Talk,\n            title: \"Talk sysext-intro\""),
            1,
        );
    assert!(
        text.contains("HYPERLINK") && text.contains("@SUM") && text.matches(&room).count() == 2,
        "the fixture changed"
    );
    let dir = tempfile::tempdir().unwrap();
    let schedule = dir.path().join("payloads.ron");
    std::fs::write(&schedule, &text).unwrap();
    let unlisted = dir.path().join("unlisted.ron");
    std::fs::write(&unlisted, text.replacen(&format!(", \"{room}\"]"), "]", 1)).unwrap();
    let schedule = schedule.to_str().unwrap().to_string();
    let saved = |file: &str, name: &str, from: &str| {
        let path = dir.path().join(file).to_str().unwrap().to_string();
        run(&[
            "--schedule",
            from,
            "plan",
            "--likes",
            "bpf",
            "--name",
            name,
            "--save",
            &path,
        ]);
        path
    };
    let before = saved("before.ron", "before", good);
    // A person's name is untrusted too (a friend's saved plan); an argument holds no NUL.
    let name = format!("Mal{}{SUM}", CONTROLS.replace('\0', ""));
    let after = saved("after.ron", &name, &schedule);
    (dir, schedule, before, after)
}

/// Fails when `bytes` (one output of `what`) carry a control or direction character raw, when
/// a CSV cell would run as a formula, or when the payload did not arrive at all (so that the
/// check cannot pass by showing nothing).
fn assert_clean(bytes: &[u8], what: &str, csv: bool) {
    let text = String::from_utf8(bytes.to_vec()).unwrap_or_else(|_| panic!("{what}: not UTF-8"));
    let raw: Vec<char> = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| agenda::output::sanitize::is_unsafe(c))
        .collect();
    assert!(raw.is_empty(), "{what}: raw {raw:?} in\n{text}");
    assert!(
        ["HYPERLINK", "SUM(1+1)", "kernel", "Mal", "Gal"]
            .iter()
            .any(|p| text.contains(p)),
        "{what}: the payload did not arrive\n{text}"
    );
    if csv {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let formula = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!formula, "{what}: the cell {cell:?} would run");
            }
        }
    }
}

#[test]
fn one_payload_set_arrives_raw_on_no_standard_output_or_error() {
    let (_dir, schedule, before, after) = payload_files();
    let s = schedule.as_str();
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good.ron");
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "text", "markdown", "csv", "json", "ics"] {
        runs.push(vec![
            "--schedule",
            s,
            "plan",
            "--likes",
            "bpf",
            "--format",
            format,
        ]);
    }
    for format in ["table", "json"] {
        runs.push(vec!["--schedule", s, "talks", "--format", format]);
        runs.push(vec!["--schedule", s, "topics", "--format", format]);
        runs.push(vec!["diff", good, s, "--format", format]);
    }
    for format in ["table", "text", "json", "html"] {
        runs.push(vec![
            "--schedule",
            s,
            "compare",
            &after,
            &before,
            "--format",
            format,
        ]);
    }
    // The change report: before the table on standard output, on standard error before JSON.
    runs.push(vec![
        "--schedule",
        s,
        "replan",
        &before,
        "--format",
        "table",
    ]);
    runs.push(vec!["--schedule", s, "replan", &before, "--format", "json"]);
    runs.push(vec!["--schedule", s, "-v", "plan", "--likes", "bpf"]);
    for args in &runs {
        let out = run(args);
        let csv = args.contains(&"csv");
        assert_clean(&out.stdout, &format!("{args:?} stdout"), csv);
        if !out.stderr.is_empty() {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                !err.chars().any(agenda::output::sanitize::is_unsafe),
                "{args:?} stderr: {err}"
            );
        }
    }
}

#[test]
fn one_payload_set_arrives_raw_in_no_file_written() {
    let (dir, schedule, before, after) = payload_files();
    let s = schedule.as_str();
    // The same writers into files (`-o`), which no stream cleaning passes through.
    for (format, ext) in [
        ("table", "txt"),
        ("text", "txt"),
        ("markdown", "md"),
        ("csv", "csv"),
        ("json", "json"),
        ("ics", "ics"),
    ] {
        let path = dir.path().join(format!("plan-{format}.{ext}"));
        let p = path.to_str().unwrap();
        run(&[
            "--schedule",
            s,
            "plan",
            "--likes",
            "bpf",
            "--format",
            format,
            "-o",
            p,
        ]);
        assert_clean(&std::fs::read(&path).unwrap(), p, format == "csv");
    }
    let page = dir.path().join("compare.html");
    let p = page.to_str().unwrap();
    run(&[
        "--schedule",
        s,
        "compare",
        &after,
        &before,
        "--format",
        "html",
        "-o",
        p,
    ]);
    assert_clean(&std::fs::read(&page).unwrap(), p, false);
}

#[test]
fn one_payload_set_arrives_raw_in_no_message_and_readers_get_it_back() {
    let (dir, schedule, _before, _after) = payload_files();
    let s = schedule.as_str();
    // Errors that quote the untrusted text (a --must that names no talk, a profile's name).
    let out = agenda()
        .args([
            "--schedule",
            s,
            "plan",
            "--must",
            &format!("x{}{HYPERLINK}", CONTROLS.replace('\0', "")),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_clean(&out.stderr, "an error", false);
    let unlisted = dir.path().join("unlisted.ron");
    let out = agenda().arg("check").arg(&unlisted).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_clean(
        &[out.stdout, out.stderr].concat(),
        "check's problems",
        false,
    );
    // The JSON and CSV readers get the text back as it was (escaped, not dropped), the formula
    // behind its quote.
    let json = run(&["--schedule", s, "talks", "--format", "json"]);
    let talks: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let title = talks[1]["title"].as_str().unwrap();
    assert_eq!(title, format!("{HYPERLINK} {CONTROLS}"));
    let csv = run(&["--schedule", s, "plan", "--likes", "bpf", "--format", "csv"]);
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(
        text.contains(&format!("\"'{}", &HYPERLINK.replace('"', "\"\"")[..12])),
        "{text}"
    );
    assert!(text.contains("'@SUM(1+1)*cmd|'"), "{text}");
}

/// Every message on standard error goes through `output::say` (which cleans it): no other
/// place in the program's source writes to standard error, but the progress lines that the
/// program draws itself (numbers and its own escape to clear the line), and the writer of
/// `-o /dev/stderr`, which cleans what passes.
#[test]
fn nothing_else_writes_to_standard_error() {
    let allowed = [
        "src/output/sanitize.rs",
        "src/output/progress.rs",
        "src/output/atomic.rs",
        "src/commands/together.rs",
        "src/commands/bench.rs",
        "src/commands/mod.rs",
    ];
    let mut found = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // The code, not its unit tests (which may print what they skipped).
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
            let relative = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            for (n, line) in code.lines().enumerate() {
                let writes = line.contains("eprintln!") || line.contains("eprint!(");
                let stderr = line.contains("stderr()");
                if writes || (stderr && !allowed.contains(&relative.as_str())) {
                    found.push(format!("{relative}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "write messages with agenda::output::say instead:\n{}",
        found.join("\n")
    );
}
