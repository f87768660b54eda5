//! Importing pretalx/frab JSON and frab/Pentabarf XML: the real exports in ../shared/data,
//! small fixtures for the rules, and the CLI around them (check, talks, convert, stdin).

use crate::common;

use agenda::import;
use agenda::schedule::{Kind, Schedule, Severity, ron_format};
use assert_cmd::cargo::cargo_bin_cmd;
use chrono::{NaiveDate, NaiveTime};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn load(path: &Path) -> (Schedule, Vec<agenda::schedule::Problem>) {
    let text = std::fs::read_to_string(path).unwrap();
    import::read(&text, &path.display().to_string()).unwrap()
}

/// Loads `../shared/data/<name>` and checks its days, rooms and events (from SOURCES.md).
fn imports_with_counts(name: &str, days: usize, rooms: usize, events: usize) -> Option<Schedule> {
    let path = common::shared_file(&format!("data/{name}"))?;
    let (schedule, problems) = load(&path);
    assert_eq!(schedule.days().len(), days, "{name}: days");
    assert_eq!(schedule.conference.rooms.len(), rooms, "{name}: rooms");
    assert_eq!(schedule.sessions.len(), events, "{name}: events");
    assert!(
        problems.iter().all(|p| p.severity == Severity::Warning),
        "{name}: imports never fail on doubtful data: {problems:?}"
    );
    Some(schedule)
}

#[test]
fn democon_json_imports_with_its_counts_and_zone() {
    if let Some(s) = imports_with_counts("democon-2022-pretalx-schedule.json", 3, 2, 35) {
        assert_eq!(s.conference.time_zone, "Europe/Berlin");
        assert_eq!(s.conference.name, "DemoCon");
    }
}

#[test]
fn democon_xml_imports_with_its_counts() {
    imports_with_counts("democon-2022-pretalx-schedule.xml", 3, 2, 35);
}

#[test]
fn ccc_json_and_xml_import_with_their_counts() {
    imports_with_counts("33c3-schedule.json", 4, 5, 150);
    imports_with_counts("33c3-schedule.xml", 4, 5, 150);
}

#[test]
fn fosdem_pentabarf_xml_imports_with_its_counts() {
    if let Some(s) = imports_with_counts("fosdem-2025-schedule.xml", 2, 35, 1105) {
        assert_eq!(s.conference.time_zone, "Europe/Brussels");
        // Lightning talks are recognised by type/track or length.
        assert!(s.sessions.iter().any(|x| x.kind == Kind::Lightning));
        // FOSDEM abstracts are escaped HTML: no tag survives.
        assert!(s.sessions.iter().all(|x| !x.abstract_text.contains("<p>")));
        let welcome = s.get("6712").unwrap();
        assert_eq!(
            welcome.speakers,
            ["FOSDEM Staff", "Richard \"RichiH\" Hartmann"]
        );
        assert_eq!(
            welcome.abstract_text,
            "FOSDEM welcome and opening talk.\n\nJoin us for the opening of our 25th event."
        );
    }
}

#[test]
fn democon_json_and_xml_agree_session_by_session() {
    let (Some(json), Some(xml)) = (
        common::shared_file("data/democon-2022-pretalx-schedule.json"),
        common::shared_file("data/democon-2022-pretalx-schedule.xml"),
    ) else {
        return;
    };
    let (json, _) = load(&json);
    let (xml, _) = load(&xml);
    assert_eq!(json.conference.rooms, xml.conference.rooms);
    assert_eq!(json.sessions.len(), xml.sessions.len());
    for (a, b) in json.sessions.iter().zip(&xml.sessions) {
        assert_eq!(
            (
                &a.id,
                &a.title,
                a.start_at(),
                a.end_at(),
                &a.room,
                &a.speakers
            ),
            (
                &b.id,
                &b.title,
                b.start_at(),
                b.end_at(),
                &b.room,
                &b.speakers
            ),
        );
        assert_eq!(
            (&a.topics, &a.abstract_text, a.kind),
            (&b.topics, &b.abstract_text, b.kind)
        );
    }
}

#[test]
fn ccc_events_past_midnight_land_on_the_next_date() {
    let Some(path) = common::shared_file("data/33c3-schedule.xml") else {
        return;
    };
    let (s, _) = load(&path);
    // 33c3 day 1 (2016-12-27) runs until 04:00 the next morning.
    let late: Vec<_> = s
        .sessions
        .iter()
        .filter(|x| x.start < NaiveTime::from_hms_opt(5, 0, 0).unwrap())
        .collect();
    assert!(!late.is_empty());
    assert!(
        late.iter()
            .all(|x| x.date > NaiveDate::from_ymd_opt(2016, 12, 27).unwrap())
    );
}

#[test]
fn xml_without_event_dates_uses_the_day_start_for_past_midnight() {
    let (s, problems) = load(&fixture("tiny.xml"));
    let late = s.get("1").unwrap();
    assert_eq!(late.start_at().to_string(), "2025-03-01 23:30:00");
    assert_eq!(late.title, "Late & great");
    assert_eq!(late.speakers, ["Rob", "Ken"]);
    assert_eq!(late.abstract_text, "Goroutines & channels.");
    assert_eq!(late.topics, ["go"]);
    assert_eq!(late.line, Some(11));
    let after = s.get("2").unwrap();
    assert_eq!(after.start_at().to_string(), "2025-03-02 01:00:00");
    assert_eq!(after.minutes, 30);
    assert_eq!(after.abstract_text, "Plain CDATA text about SQL");
    // The track is kept as the track; its name's vocabulary word is the topic.
    assert_eq!(after.track.as_deref(), Some("Databases"));
    assert_eq!(after.topics, ["database"]);
    // Unknown elements are skipped and counted in one warning.
    let skipped: Vec<_> = problems.iter().filter(|p| p.code == "skipped").collect();
    assert_eq!(skipped.len(), 1);
    let message = &skipped[0].message;
    assert!(message.contains("skipped 2 things"), "{message}");
    assert!(
        message.contains("<mood>") && message.contains("<sponsor>"),
        "{message}"
    );
}

#[test]
fn doubtful_json_becomes_warnings_with_every_rule_applied() {
    let (s, problems) = load(&fixture("doubtful.json"));
    assert!(problems.iter().all(|p| p.severity == Severity::Warning));
    let codes: Vec<&str> = problems.iter().map(|p| p.code).collect();
    for code in ["room-overlap", "duplicate-id", "zero-length", "skipped"] {
        assert!(codes.contains(&code), "missing {code} in {codes:?}");
    }
    assert_eq!(problems.iter().filter(|p| p.code == "skipped").count(), 1);
    // The advice speaks of the export, not of `schedule.ron`'s `minutes`.
    let zero = problems.iter().find(|p| p.code == "zero-length").unwrap();
    assert!(
        zero.fix.contains("where the export is made"),
        "{}",
        zero.fix
    );
    assert!(!zero.fix.contains("minutes"), "{}", zero.fix);
    let rust = s.get("1").unwrap();
    assert_eq!(rust.speakers, ["Ada Lovelace", "Grace Hopper"]);
    assert_eq!(
        rust.abstract_text,
        "Safe drivers & fast ones.\n\nSecond paragraph."
    );
    assert_eq!(rust.topics, ["rust", "kernel"]);
    let two = s.get("2").unwrap();
    assert_eq!(two.track.as_deref(), Some("Containers and Security"));
    assert_eq!(two.topics, ["security", "containers"]);
    // The duplicate id gets a suffix; the title says it is a break.
    assert_eq!(s.get("2-2").unwrap().kind, Kind::Break);
    // No date-time: day date + start, a day later as 01:15 is before the day's 09:00 start.
    let owl = s.get("4").unwrap();
    assert_eq!(owl.start_at().to_string(), "2025-03-02 01:15:00");
    assert_eq!(owl.kind, Kind::Lightning);
    assert!(s.get("6").is_none(), "an event without a start is skipped");
}

#[test]
fn check_lists_warnings_and_exits_zero_for_doubtful_data() {
    cargo_bin_cmd!("agenda")
        .arg("check")
        .arg(fixture("doubtful.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("warning[room-overlap]"))
        .stdout(predicate::str::contains("warning[skipped]"))
        .stdout(predicate::str::contains("ok: TinyConf 2025"));
}

#[test]
fn malformed_json_is_exit_2_with_line_and_column() {
    cargo_bin_cmd!("agenda")
        .arg("check")
        .arg(fixture("malformed.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("malformed.json:3:"))
        .stderr(predicate::str::contains("not valid JSON"));
}

#[test]
fn malformed_xml_is_exit_2_with_line_and_column() {
    cargo_bin_cmd!("agenda")
        .args(["talks", "--schedule"])
        .arg(fixture("malformed.xml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("malformed.xml:4:"))
        .stderr(predicate::str::contains("not well-formed XML"));
}

#[test]
fn talks_lists_an_imported_json_schedule() {
    cargo_bin_cmd!("agenda")
        .args(["talks", "--topic", "rust", "--format", "json", "--schedule"])
        .arg(fixture("doubtful.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            r#""title": "Writing a kernel driver in Rust""#,
        ))
        .stdout(predicate::str::contains(r#""start": "10:00""#));
}

#[test]
fn talks_shows_another_zone_and_says_so() {
    cargo_bin_cmd!("agenda")
        .args([
            "talks",
            "--topic",
            "rust",
            "--tz",
            "Europe/London",
            "--schedule",
        ])
        .arg(fixture("doubtful.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("09:00–09:45"))
        .stdout(predicate::str::contains("times in Europe/London"));
}

#[test]
fn a_dash_reads_the_schedule_from_stdin() {
    cargo_bin_cmd!("agenda")
        .args(["check", "-"])
        .write_stdin(std::fs::read_to_string(fixture("tiny.xml")).unwrap())
        .assert()
        .success()
        .stdout(predicate::str::contains("<stdin>"))
        .stdout(predicate::str::contains("ok: TinyConf 2025"));
}

/// Import → RON → parse gives the same sessions (all the planner uses) and header.
fn round_trips(path: &Path) {
    let (imported, _) = load(path);
    let ron = ron_format::write(&imported).unwrap();
    let (back, _) = ron_format::read(&ron, "converted.ron").unwrap();
    assert_eq!(back.conference, imported.conference);
    let strip = |s: &Schedule| {
        s.sessions
            .iter()
            .map(|x| agenda::schedule::Session {
                line: None,
                cancelled: false,
                ..x.clone()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&back), strip(&imported));
}

#[test]
fn converting_to_ron_and_back_loses_nothing() {
    round_trips(&fixture("doubtful.json"));
    round_trips(&fixture("tiny.xml"));
    if let Some(p) = common::shared_file("data/fosdem-2025-schedule.xml") {
        round_trips(&p);
    }
}

#[test]
fn convert_writes_a_ron_file_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schedule.ron");
    cargo_bin_cmd!("agenda")
        .arg("convert")
        .arg(fixture("tiny.xml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    cargo_bin_cmd!("agenda")
        .arg("check")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: TinyConf 2025"));
    // Nothing but the output is left in the directory.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn real_exports_carry_each_talks_page_video_and_chat() {
    if let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") {
        let (s, _) = load(&path);
        let welcome = &s.get("6712").unwrap().links;
        assert_eq!(
            welcome.page.as_deref(),
            Some("https://fosdem.org/2025/schedule/event/fosdem-2025-6712-welcome-to-fosdem-2025/")
        );
        // The MP4 (which phones play), not the AV1/WebM listed first nor the subtitles.
        assert_eq!(
            welcome.video.as_deref(),
            Some(
                "https://video.fosdem.org/2025/janson/fosdem-2025-6712-welcome-to-fosdem-2025.mp4"
            )
        );
        assert_eq!(
            welcome.chat.as_deref(),
            Some("https://chat.fosdem.org/#/room/#2025-keynote:fosdem.org")
        );
        let with_page = s.sessions.iter().filter(|x| x.links.page.is_some()).count();
        assert_eq!(with_page, 1105, "every FOSDEM event has its <url>");
    }
    for name in [
        "democon-2022-pretalx-schedule.json",
        "democon-2022-pretalx-schedule.xml",
        "democon-2022-pretalx-schedule.ics",
    ] {
        if let Some(path) = common::shared_file(&format!("data/{name}")) {
            let (s, _) = load(&path);
            assert!(
                s.sessions.iter().all(|x| x
                    .links
                    .page
                    .as_deref()
                    .is_some_and(|p| p.starts_with("http://localhost/democon/talk/"))),
                "{name}: every pretalx talk has its page"
            );
        }
    }
    if let Some(path) = common::shared_file("data/38c3-hub-schedule2-example.json") {
        let (s, _) = load(&path);
        let opening = s
            .sessions
            .iter()
            .find(|x| x.title == "38C3: Opening Ceremony")
            .unwrap();
        assert_eq!(
            opening.links.page.as_deref(),
            Some("https://events.ccc.de/congress/2024/hub/event/38c3-opening-ceremony/")
        );
    }
    if let Some(path) = common::shared_file("data/lca2020-schedule.ics") {
        let (s, _) = load(&path);
        assert!(s.sessions.iter().all(|x| x.links.page.is_some()));
    }
}

#[test]
fn a_link_that_is_not_a_web_address_is_left_out_and_counted() {
    let xml = r#"<schedule><conference><title>T</title><time_zone_name>Europe/Berlin</time_zone_name></conference>
<day index="1" date="2025-03-01"><room name="A">
<event id="1"><date>2025-03-01T10:00:00+01:00</date><start>10:00</start><duration>00:30</duration><room>A</room><title>One</title>
<url>javascript:alert(1)</url>
<links><link href="https://example.org/one.mp4">Video recording (MP4)</link><link href="data:text/html,x">Chat room</link></links>
</event></room></day></schedule>"#;
    let (s, problems) = import::read(xml, "bad-links.xml").unwrap();
    let links = &s.sessions[0].links;
    assert_eq!(links.page, None);
    assert_eq!(links.video.as_deref(), Some("https://example.org/one.mp4"));
    assert_eq!(links.chat, None);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("2 links that are not web addresses")),
        "{problems:?}"
    );
}

#[test]
fn a_ron_link_that_is_not_a_web_address_stops_the_reading_at_its_place() {
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good.ron"),
    )
    .unwrap();
    let with = |link: &str| {
        good.replacen(
            "abstract: \"About opening.\",",
            &format!("abstract: \"About opening.\",\n            url: Some(\"{link}\"),"),
            1,
        )
    };
    let (s, _) = ron_format::read(&with("https://example.org/opening"), "links.ron").unwrap();
    assert_eq!(
        s.get("opening").unwrap().links.page.as_deref(),
        Some("https://example.org/opening")
    );
    let err = ron_format::read(&with("javascript:alert(1)"), "links.ron").unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains("links.ron:"), "{message}");
    assert!(
        message.contains("`javascript:alert(1)` is not a web address"),
        "{message}"
    );
}

/// A Pentabarf export without `time_zone_name` (FOSDEM's up to 2020) but with its `city`.
const BRUSSELS_NO_ZONE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Brussels Meeting</title><city>Brussels</city></conference>
  <day index="1" date="2020-02-01">
    <room name="Janson">
      <event id="1"><start>10:30</start><duration>00:25</duration><room>Janson</room>
        <title>Morning keynote</title><persons><person id="1">A. Speaker</person></persons>
      </event>
    </room>
  </day>
</schedule>"#;

#[test]
fn an_export_without_a_zone_is_read_in_its_city_s_zone_and_says_so() {
    let (schedule, problems) = import::read(BRUSSELS_NO_ZONE, "brussels.xml").unwrap();
    assert_eq!(schedule.conference.time_zone, "Europe/Brussels");
    let said: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        said.iter()
            .any(|m| m.contains("no time zone given") && m.contains("Europe/Brussels")),
        "{said:?}"
    );
    // 10:30 in Brussels in February is 09:30 UTC in the calendar a plan writes.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brussels.xml");
    std::fs::write(&file, BRUSSELS_NO_ZONE).unwrap();
    cargo_bin_cmd!("agenda")
        .args(["-q", "--schedule"])
        .arg(&file)
        .args(["plan", "--likes", "keynote", "--format", "ics"])
        .assert()
        .success()
        .stdout(predicate::str::contains("DTSTART:20200201T093000Z"));
}
