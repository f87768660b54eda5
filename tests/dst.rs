//! Daylight saving: a start in the spring gap is an error naming the entry, one in the autumn
//! fold a warning naming the instant taken, and every export keeps every length exact (so
//! iCalendar never ends an event before it starts). Fixtures on both 2025 transition days of
//! Europe/Berlin, and a property over every session of every shared export.

use crate::common;

use agenda::export::{Agenda, AgendaEntry, ExportOptions, Format};
use agenda::output::DisplayZone;
use agenda::schedule::Schedule;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use common::agenda;
use predicates::str::contains;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dst");

fn load(name: &str) -> Schedule {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap();
    let (schedule, problems) = agenda::import::read(&text, name).unwrap();
    agenda::schedule::validate::fail_on_errors(&problems).unwrap();
    schedule
}

/// Every session of the schedule, exported in `format` with times in `zone`.
fn export(schedule: &Schedule, format: Format, zone: DisplayZone) -> String {
    let entries = schedule
        .sessions
        .iter()
        .map(|s| AgendaEntry::new(s, agenda::points::Points::default(), Vec::new()))
        .collect();
    let agenda = Agenda::new(schedule, entries);
    let options = ExportOptions {
        remind_minutes: None,
        zone,
        ..Default::default()
    };
    String::from_utf8(format.render(&agenda, &options).unwrap()).unwrap()
}

/// (UID, DTSTART, DTEND) of every event in an iCalendar text (lines unfolded first).
fn ics_events(text: &str) -> Vec<(String, DateTime<Utc>, DateTime<Utc>)> {
    let unfolded = text.replace("\r\n ", "");
    let instant = |v: &str| {
        Utc.from_utc_datetime(&NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%SZ").unwrap())
    };
    let mut events = Vec::new();
    let (mut uid, mut start) = (String::new(), None);
    for line in unfolded.split("\r\n") {
        if let Some(v) = line.strip_prefix("UID:") {
            uid = v
                .replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\\\", "\\");
        } else if let Some(v) = line.strip_prefix("DTSTART:") {
            start = Some(instant(v));
        } else if let Some(v) = line.strip_prefix("DTEND:") {
            events.push((uid.clone(), start.take().unwrap(), instant(v)));
        }
    }
    events
}

/// Minutes from `start` to `end` as a CSV row shows them (HH:MM on a 24-hour clock).
fn csv_minutes(start: &str, end: &str) -> i64 {
    let m = |t: &str| {
        let (h, m) = t.split_once(':').unwrap();
        h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
    };
    (m(end) - m(start)).rem_euclid(24 * 60)
}

#[test]
fn a_start_in_the_spring_gap_is_an_error_naming_the_entry() {
    agenda()
        .args(["check", &format!("{FIXTURES}/spring-gap.ron")])
        .assert()
        .code(2)
        .stdout(contains("error[dst-gap] entry `in-the-gap`"))
        .stdout(contains(
            "02:30 on 2025-03-30, a time that does not exist in Europe/Berlin",
        ));
    agenda()
        .args([
            "--schedule",
            &format!("{FIXTURES}/spring-gap.ron"),
            "plan",
            "--likes",
            "kernel",
        ])
        .assert()
        .code(2)
        .stderr(contains("in-the-gap"));
}

#[test]
fn a_start_in_the_autumn_fold_is_a_warning_naming_the_instant_taken() {
    agenda()
        .args(["check", &format!("{FIXTURES}/autumn-fold.ron")])
        .assert()
        .code(0)
        .stdout(contains("warning[dst-fold] entry `in-the-fold`"))
        .stdout(contains(
            "the first is taken: 02:45 CEST (00:45 UTC), not 02:45 CET (01:45 UTC)",
        ));
}

#[test]
fn talks_across_the_spring_change_keep_their_length_in_every_export() {
    let schedule = load("spring-across.ron");
    let events = ics_events(&export(&schedule, Format::Ics, DisplayZone::Conference));
    for s in &schedule.sessions {
        let (_, start, end) = events
            .iter()
            .find(|(uid, ..)| uid.starts_with(&format!("{}@", s.id)))
            .unwrap();
        assert_eq!(
            (*end - *start).num_minutes(),
            i64::from(s.minutes),
            "{}",
            s.id
        );
    }
    // 01:45 CET + 30 minutes is 03:15 CEST on the wall clock; 01:30 + 90 minutes is 04:00.
    let csv = export(&schedule, Format::Csv, DisplayZone::Conference);
    assert!(csv.contains("2025-03-30,01:45,03:15,"), "{csv}");
    assert!(csv.contains("2025-03-30,01:30,04:00,"), "{csv}");
    let md = export(&schedule, Format::Markdown, DisplayZone::Conference);
    // 01:45 on Sunday belongs to Saturday's conference day (the day changes at 04:00): `(+1)`.
    assert!(md.contains("**01:45–03:15 (+1)**"), "{md}");
    let table = common::stdout(&[
        "--schedule",
        &format!("{FIXTURES}/spring-across.ron"),
        "plan",
        "--likes",
        "kernel",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&table).unwrap();
    let across = json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "across")
        .unwrap();
    assert_eq!(across["end"], "03:15");
}

#[test]
fn talks_in_the_autumn_fold_keep_their_length_and_never_end_before_they_start() {
    let schedule = load("autumn-fold.ron");
    let events = ics_events(&export(&schedule, Format::Ics, DisplayZone::Conference));
    assert_eq!(events.len(), 3);
    for (uid, start, end) in &events {
        assert!(end > start, "{uid} ends before it starts");
    }
    let fold = events
        .iter()
        .find(|(u, ..)| u.starts_with("in-the-fold@"))
        .unwrap();
    assert_eq!(
        fold.1,
        Utc.with_ymd_and_hms(2025, 10, 26, 0, 45, 0).unwrap()
    );
    assert_eq!(
        fold.2,
        Utc.with_ymd_and_hms(2025, 10, 26, 1, 15, 0).unwrap()
    );
    // 01:30 CEST + 60 minutes is 02:30 CEST, the first 02:30.
    let before = events
        .iter()
        .find(|(u, ..)| u.starts_with("before-the-fold@"))
        .unwrap();
    assert_eq!((before.2 - before.1).num_minutes(), 60);
}

#[test]
fn every_session_of_every_shared_export_keeps_its_length_in_every_export() {
    let names = [
        "data/33c3-schedule.json",
        "data/33c3-schedule.xml",
        "data/democon-2022-pretalx-schedule.json",
        "data/democon-2022-pretalx-schedule.xml",
        "data/fosdem-2025-schedule.xml",
        "data/fosdem-2025-schedule-presnapshot-2025-01-11.xml",
    ];
    let mut checked = 0;
    for name in names {
        let Some(path) = common::shared_file(name) else {
            continue;
        };
        let text = agenda::import::read_text(&path).unwrap();
        let (schedule, _) = agenda::import::read(&text, name).unwrap();
        let events = ics_events(&export(&schedule, Format::Ics, DisplayZone::Conference));
        assert_eq!(events.len(), schedule.sessions.len(), "{name}");
        for (s, (uid, start, end)) in schedule.sessions.iter().zip(&events) {
            assert!(uid.starts_with(&format!("{}@", s.id)), "{name}: {uid}");
            assert_eq!(
                (*end - *start).num_minutes(),
                i64::from(s.minutes),
                "{name}: {uid}"
            );
        }
        for zone in [DisplayZone::Conference, DisplayZone::parse("UTC").unwrap()] {
            let csv = export(&schedule, Format::Csv, zone);
            let mut rows = csv::Reader::from_reader(csv.as_bytes());
            let headers = rows.headers().unwrap().clone();
            let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
            let (start, end) = (column("start"), column("end"));
            for (s, row) in schedule.sessions.iter().zip(rows.records()) {
                let row = row.unwrap();
                let minutes = csv_minutes(&row[start], &row[end]);
                assert_eq!(
                    minutes,
                    i64::from(s.minutes) % (24 * 60),
                    "{name}: {}",
                    s.id
                );
            }
        }
        checked += schedule.sessions.len();
    }
    if checked > 0 {
        eprintln!("checked {checked} sessions");
    }
}

#[test]
fn tables_show_the_exact_end_on_the_spring_forward_night() {
    let schedule = format!("{FIXTURES}/spring-across.ron");
    let talks = common::stdout(&["--schedule", &schedule, "talks"]);
    assert!(talks.contains("01:45–03:15"), "{talks}");
    let plan = common::stdout(&["--schedule", &schedule, "plan", "--likes", "kernel"]);
    assert!(plan.contains("01:45–03:15"), "{plan}");
}

#[test]
fn a_session_during_which_the_clocks_change_is_a_warning_with_its_real_end() {
    agenda()
        .args(["check", &format!("{FIXTURES}/spring-across.ron")])
        .assert()
        .code(0)
        .stdout(contains(
            "warning[dst-change] entry `long-across`: the clocks change during it: it runs 90 minutes from 01:30 to 04:00 on the clock, not to 03:00",
        ));
}

/// A night of Europe/Berlin with two liked talks in two rooms: `first` from `first_start` for
/// `first_minutes`, `second` at `second_start` for 30 minutes (dates are the night's).
fn night(date: &str, first_start: &str, first_minutes: u32, second_start: &str) -> String {
    format!(
        r#"(
    day_change: Some("05:00"),
    conference: (name: "Night", time_zone: "Europe/Berlin", venue: "V", rooms: ["Loft", "Galerie"]),
    sessions: [
        (id: "first", date: "{date}", start: "{first_start}", minutes: {first_minutes}, room: "Loft", kind: Talk, title: "First", topics: ["bpf"]),
        (id: "second", date: "{date}", start: "{second_start}", minutes: 30, room: "Galerie", kind: Talk, title: "Second", topics: ["bpf"]),
    ],
)"#
    )
}

/// The ids `plan --likes bpf --max-switches none` chooses on a schedule given as RON text.
fn chosen_on(ron: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("night.ron");
    std::fs::write(&file, ron).unwrap();
    let out = agenda()
        .arg("--schedule")
        .arg(&file)
        .args(["-q", "plan", "--likes", "bpf", "--max-switches", "none"])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::chosen_ids(&serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn on_the_spring_forward_night_talks_that_share_real_minutes_are_never_both_planned() {
    // 01:30 + 90 real minutes is 04:00 on the clock (02:00–03:00 does not exist), so the talk
    // at 03:15 starts while the first still runs, though 01:30 + 90 on the wall clock is 03:00.
    let chosen = chosen_on(&night("2025-03-30", "01:30", 90, "03:15"));
    assert_eq!(chosen.len(), 1, "{chosen:?}");
}

#[test]
fn on_the_autumn_night_talks_apart_in_real_time_are_both_planned() {
    // 02:30 (the first of the two, summer time) + 60 real minutes is 02:30 winter time; the talk
    // at 03:00 winter time starts half an hour later, though 02:30 + 60 on the wall clock is 03:30.
    let chosen = chosen_on(&night("2025-10-26", "02:30", 60, "03:00"));
    assert_eq!(chosen, ["first", "second"]);
}
