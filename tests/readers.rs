//! Every real export plans: rooms spelt two ways, iCalendar conference schedules and the c3voc
//! schedule2 JSON are read, with a warning for everything cosmetic and what was done about it.

use crate::common;

use agenda::import;
use agenda::schedule::{Problem, Schedule, Severity};
use chrono::NaiveDateTime;
use common::agenda;
use predicates::str::contains;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn path_of(name: &str) -> String {
    fixture(name).to_str().unwrap().to_string()
}

#[test]
fn rooms_differing_only_in_case_or_spacing_are_one_room_with_a_warning_and_plans_succeed() {
    let file = path_of("room-spellings.xml");
    agenda()
        .args(["check", &file])
        .assert()
        .success()
        .stdout(contains("warning[room-spelling]"))
        .stdout(contains(
            "the rooms `1Komona Boredome` (1 event) and `1komona  Boredome` (1 event) differ only in case or spacing; they are taken as one room, `1Komona Boredome`",
        ));
    let talks = common::stdout(&["talks", "--schedule", &file, "--format", "json"]);
    let talks: serde_json::Value = serde_json::from_str(&talks).unwrap();
    let rooms: std::collections::BTreeSet<&str> = talks
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["room"].as_str().unwrap())
        .collect();
    assert_eq!(
        rooms.into_iter().collect::<Vec<_>>(),
        ["1Komona Boredome", "Saal 1"]
    );
    agenda()
        .args(["plan", "--schedule", &file, "--likes", "kernel"])
        .assert()
        .success()
        .stdout(contains("Kernel hacking for everyone"))
        .stdout(contains("More kernel hacking"));
}

/// Reads a file as `agenda` does (through the same bounded reader) and imports it.
fn load(path: &Path) -> (Schedule, Vec<Problem>) {
    let text = agenda::input::read_text(path, "schedule").unwrap();
    import::read(&text, &path.display().to_string()).unwrap()
}

fn warnings_only(problems: &[Problem]) {
    assert!(
        problems.iter().all(|p| p.severity == Severity::Warning),
        "{problems:#?}"
    );
}

fn at(date: &str, time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap()
}

#[test]
fn icalendar_times_in_a_zone_in_utc_and_floating_land_on_the_conference_clock() {
    let (s, problems) = load(&fixture("edges.ics"));
    warnings_only(&problems);
    assert_eq!(s.conference.name, "Edge Conf 2024");
    assert_eq!(s.conference.time_zone, "Europe/Berlin");
    let zoned = s.get("zoned").unwrap();
    assert_eq!(
        (zoned.start_at(), zoned.minutes),
        (at("2024-10-03", "10:00"), 45)
    );
    // 09:00 UTC is 11:00 in Berlin (summer time); DURATION gives the length.
    let utc = s.get("utc").unwrap();
    assert_eq!(
        (utc.start_at(), utc.minutes),
        (at("2024-10-03", "11:00"), 30)
    );
    // Floating: the conference's own clock, past midnight, on the evening's day.
    let night = s.get("floating").unwrap();
    assert_eq!(
        (night.start_at(), night.minutes),
        (at("2024-10-03", "23:30"), 90)
    );
    assert_eq!(night.day, 1);
    assert_eq!(
        s.get("zoned-2").unwrap().day,
        2,
        "multi-day: the next date is day 2"
    );
    assert_eq!(s.days().len(), 2);
}

#[test]
fn icalendar_fields_map_to_sessions_and_what_is_skipped_is_counted() {
    let (s, problems) = load(&fixture("edges.ics"));
    let zoned = s.get("zoned").unwrap();
    assert_eq!(zoned.title, "Zoned talk about the kernel");
    // LOCATION with CHARSET and ENCODING parameters; CATEGORIES' first is the track.
    assert_eq!(zoned.room, "Salle Étoile");
    assert_eq!(zoned.track.as_deref(), Some("Kernel"));
    assert_eq!(zoned.abstract_text, "Schedulers & locks, explained.");
    // A fold inside the three bytes of ’ is undone before decoding.
    assert_eq!(s.get("utc").unwrap().title, "Systèmes d’exploitation");
    let night = s.get("floating").unwrap();
    assert_eq!(night.speakers, ["Ada Lovelace", "Grace Hopper"]);
    assert_eq!(night.abstract_text, "Late talk.");
    assert_eq!(night.room, "Salle Étoile", "rooms spelt two ways are one");
    let skipped = problems.iter().find(|p| p.code == "skipped").unwrap();
    for what in [
        "1 VTODO components (not events)",
        "1 all-day events (a date without a time)",
        "1 categories after the first (the first is the track)",
    ] {
        assert!(skipped.message.contains(what), "{}", skipped.message);
    }
    assert!(!skipped.message.contains("cancel"), "{}", skipped.message);
    // STATUS:CANCELLED: listed, marked cancelled, never planned.
    let gone = s.get("gone").unwrap();
    assert_eq!(gone.title, "Called off");
    assert!(gone.cancelled);
    assert!(
        s.sessions
            .iter()
            .filter(|x| x.id != "gone")
            .all(|x| !x.cancelled)
    );
}

#[test]
fn a_duplicate_icalendar_uid_keeps_both_events_with_a_warning() {
    let (s, problems) = load(&fixture("edges.ics"));
    assert_eq!(s.get("zoned").unwrap().title, "Zoned talk about the kernel");
    assert_eq!(s.get("zoned-2").unwrap().title, "Same UID, another talk");
    let warning = problems.iter().find(|p| p.code == "duplicate-id").unwrap();
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.line, Some(34));
    assert!(warning.message.contains("this entry is now `zoned-2`"));
}

/// A calendar giving many events one `UID` (a generator's fault, seen in a real export):
/// every event is kept, renamed in file order, and the warning is one for the id, naming the
/// lines of the first renamed ones and of the last, not one per event.
#[test]
fn many_events_with_one_uid_are_one_warning_naming_their_new_ids_and_lines() {
    let event = |day: u32| {
        format!(
            "BEGIN:VEVENT\r\nUID:same@gen.example\r\nDTSTART:202410{day:02}T090000Z\r\nDTEND:202410{day:02}T093000Z\r\nSUMMARY:Talk {day}\r\nEND:VEVENT\r\n"
        )
    };
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gen//EN\r\n{}END:VCALENDAR\r\n",
        (1..=6).map(event).collect::<String>()
    );
    let (s, problems) = import::read(&text, "same.ics").unwrap();
    assert_eq!(s.sessions.len(), 6);
    for id in ["same", "same-2", "same-6"] {
        assert!(s.get(id).is_some(), "{id}");
    }
    let renamed: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.code == "duplicate-id")
        .collect();
    assert_eq!(renamed.len(), 1, "{problems:#?}");
    // Each event is 6 lines from line 4: the second starts on line 10.
    assert_eq!(renamed[0].line, Some(10));
    assert_eq!(
        renamed[0].message,
        "the id `same` is used by 6 entries; the first keeps it, the others are now, in file \
         order, `same-2` (line 10), `same-3` (line 16), `same-4` (line 22), …, `same-6` (line 34)"
    );
}

/// A frab XML day with its `date` and `start`, one event at `at` (an instant) in zone `tz`.
fn one_day(tz: &str, date: &str, start: &str, at: &str) -> String {
    format!(
        "<?xml version='1.0'?><schedule><conference><title>Z</title><time_zone_name>{tz}</time_zone_name></conference>\
         <day index='1' date='{date}' start='{start}'><room name='Hall'>\
         <event id='1'><date>{at}</date><start>x</start><duration>00:30</duration><title>T</title></event>\
         </room></day></schedule>"
    )
}

/// The day's date, and the `day-date` warning if any.
fn day_read(xml: &str) -> (chrono::NaiveDate, Option<String>) {
    let (s, problems) = import::read(xml, "day.xml").unwrap();
    let warning = problems
        .iter()
        .find(|p| p.code == "day-date")
        .map(|p| p.message.clone());
    (s.days()[0].date, warning)
}

/// A day dated in UTC while it starts on the next date where the conference is (wafer's export
/// of DebConf 2023: `date='2023-09-09'`, `start='2023-09-09T21:30:00+00:00'`, 03:00 on the 10th
/// in Kolkata, its talks on the 10th) is read on the date it starts on, with a warning. A day
/// listed from 00:00 UTC west of Greenwich (the evening before, locally) whose talks are on
/// its date keeps its date.
#[test]
fn a_day_dated_in_another_zone_is_read_on_the_date_it_starts_on() {
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let (day, warning) = day_read(&one_day(
        "Asia/Kolkata",
        "2023-09-09",
        "2023-09-09T21:30:00+00:00",
        "2023-09-10T05:00:00+00:00",
    ));
    assert_eq!(day, date("2023-09-10"));
    let warning = warning.expect("a day-date warning");
    assert!(
        warning.contains("dates day 1 a day earlier than they start in Asia/Kolkata"),
        "{warning}"
    );
    assert!(
        warning.contains("dated 2023-09-09, starts on 2023-09-10"),
        "{warning}"
    );
    let (day, warning) = day_read(&one_day(
        "America/New_York",
        "2025-03-01",
        "2025-03-01T00:00:00+00:00",
        "2025-03-01T14:00:00+00:00",
    ));
    assert_eq!((day, warning), (date("2025-03-01"), None));
    // FOSDEM's way: the date and the start agree.
    let (day, warning) = day_read(&one_day(
        "Europe/Brussels",
        "2025-02-01",
        "2025-02-01T09:00:00+01:00",
        "2025-02-01T10:00:00+01:00",
    ));
    assert_eq!((day, warning), (date("2025-02-01"), None));
}

#[test]
fn a_line_without_a_name_after_event_text_continues_it_with_a_warning() {
    let (s, problems) = load(&fixture("edges.ics"));
    warnings_only(&problems);
    assert_eq!(
        s.get("zoned-2").unwrap().abstract_text,
        "First line of the text.\nA second line its writer forgot to fold"
    );
    let fold = problems.iter().find(|p| p.code == "ical-fold").unwrap();
    assert_eq!(fold.line, Some(41));
    assert!(
        fold.message.starts_with("1 line without `NAME:`"),
        "{}",
        fold.message
    );
}

#[test]
fn malformed_icalendar_lines_are_errors_at_their_line_numbers() {
    let file = path_of("malformed.ics");
    agenda()
        .args(["check", &file])
        .assert()
        .code(2)
        .stdout(contains(format!(
            "{file}:8: error[ical-syntax]: `this line has no colon` is not an iCalendar content line"
        )))
        .stdout(contains(format!(
            "{file}:10: error[ical-syntax]: BEGIN:VEVENT is not ended before END:VCALENDAR on line 13"
        )));
    agenda()
        .args(["plan", "--schedule", &file])
        .assert()
        .code(2)
        .stderr(contains("2 errors"));
}

#[test]
fn an_icalendar_schedule_is_read_by_check_talks_plan_and_convert() {
    let file = path_of("edges.ics");
    agenda().args(["check", &file]).assert().success();
    let talks = common::stdout(&["talks", "--schedule", &file]);
    assert!(talks.contains("Systèmes d’exploitation"), "{talks}");
    let plan = common::stdout(&[
        "plan",
        "--schedule",
        &file,
        "--likes",
        "kernel",
        "--format",
        "json",
    ]);
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    let chosen = common::chosen_ids(&plan);
    assert!(chosen.contains(&"zoned".to_string()), "{chosen:?}");
    assert!(
        !chosen.contains(&"gone".to_string()),
        "cancelled: {chosen:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("edges.ron");
    agenda()
        .args(["convert", &file, "-o", ron.to_str().unwrap()])
        .assert()
        .success();
    // The converted file is a schedule of its own, with the same sessions.
    let (again, _) = load(&ron);
    let (first, _) = load(&fixture("edges.ics"));
    let key = |s: &Schedule| -> Vec<(String, NaiveDateTime, u32, String)> {
        s.sessions
            .iter()
            .map(|x| (x.title.clone(), x.start_at(), x.minutes, x.room.clone()))
            .collect()
    };
    assert_eq!(key(&again), key(&first));
}

#[test]
fn favourites_from_an_icalendar_file_still_star_talks() {
    let file = path_of("edges.ics");
    let dir = tempfile::tempdir().unwrap();
    let stars = dir.path().join("stars.ics");
    std::fs::write(
        &stars,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:utc@edge.example\r\nSUMMARY:Systèmes d’exploitation\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let plan = common::stdout(&[
        "plan",
        "--schedule",
        &file,
        "--favourites",
        stars.to_str().unwrap(),
        "--gaps",
        "--format",
        "json",
    ]);
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    assert_eq!(common::chosen_ids(&plan), ["utc"]);
}

#[test]
fn linux_conf_au_2020_icalendar_reads_with_its_days_rooms_and_speakers() {
    let Some(path) = common::shared_file("data/lca2020-schedule.ics") else {
        return;
    };
    let (s, problems) = load(&path);
    warnings_only(&problems);
    assert_eq!(s.sessions.len(), 262, "every VEVENT is a session");
    assert_eq!(s.conference.name, "linux.conf.au 2020");
    assert_eq!(s.conference.time_zone, "Australia/Brisbane");
    let dates: Vec<String> = s.days().iter().map(|d| d.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2020-01-12",
            "2020-01-13",
            "2020-01-14",
            "2020-01-15",
            "2020-01-16",
            "2020-01-17"
        ]
    );
    // Seven LOCATIONs, and the events without one.
    assert_eq!(s.conference.rooms.len(), 8, "{:?}", s.conference.rooms);
    assert!(s.conference.rooms.iter().any(|r| r == "(no room)"));
    let welcome = s.get("94").unwrap();
    assert_eq!(welcome.title, "Wednesday Welcome");
    assert_eq!(
        (welcome.start_at(), welcome.minutes),
        (at("2020-01-15", "09:00"), 10)
    );
    assert_eq!(welcome.room, "Arena");
    assert_eq!(welcome.speakers, ["Joel Addison"]);
    assert_eq!(welcome.abstract_text, "Opening Remarks and Housekeeping");
    // HTML in DESCRIPTION is text.
    let breakfast = s.get("201").unwrap();
    assert!(
        breakfast
            .abstract_text
            .starts_with("Women of Open Technology Breakfast, Presented by ThoughtWorks")
    );
    assert!(s.sessions.iter().all(|x| !x.abstract_text.contains("<p>")));
    agenda()
        .args([
            "plan",
            "--schedule",
            path.to_str().unwrap(),
            "--likes",
            "kernel",
        ])
        .assert()
        .success();
}

#[test]
fn jres_2022_icalendar_with_a_fold_inside_a_character_reads() {
    let Some(path) = common::shared_file("data/jres2022-schedule.ics") else {
        return;
    };
    let (s, problems) = load(&path);
    warnings_only(&problems);
    assert_eq!(s.sessions.len(), 120);
    assert_eq!(s.conference.time_zone, "Europe/Paris");
    assert_eq!(s.days().len(), 4);
    assert_eq!(s.conference.rooms.len(), 15);
    assert!(s.conference.rooms.iter().any(|r| r == "Amphithéâtre 1600"));
    // The character folded in two at byte 101940 of the file.
    assert!(s.sessions.iter().any(|x| {
        x.abstract_text
            .contains("différents systèmes d’exploitation")
    }),);
    let first = s.get("presentation_129").unwrap();
    assert_eq!(
        (first.start_at(), first.minutes),
        (at("2022-05-17", "14:00"), 120)
    );
    agenda()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .success();
}

#[test]
fn democon_icalendar_has_the_same_talks_times_and_rooms_as_its_json() {
    let (Some(ics), Some(json)) = (
        common::shared_file("data/democon-2022-pretalx-schedule.ics"),
        common::shared_file("data/democon-2022-pretalx-schedule.json"),
    ) else {
        return;
    };
    let (from_ics, problems) = load(&ics);
    warnings_only(&problems);
    let (from_json, _) = load(&json);
    let key = |x: &agenda::schedule::Session| {
        (
            x.title.clone(),
            x.start_at(),
            x.minutes,
            x.room.clone(),
            x.speakers.clone(),
        )
    };
    let mut ics_keys: Vec<_> = from_ics.sessions.iter().map(key).collect();
    for session in &from_json.sessions {
        let k = key(session);
        let at = ics_keys.iter().position(|x| *x == k);
        assert!(at.is_some(), "{k:?} is not in the iCalendar file");
        ics_keys.remove(at.unwrap());
    }
    // The one more event the iCalendar file has lies outside the conference's dates.
    assert_eq!(ics_keys.len(), 1, "{ics_keys:?}");
    let last_json_day = from_json.days().last().unwrap().end;
    assert!(ics_keys[0].1 > last_json_day, "{ics_keys:?}");
}

#[test]
fn schedule2_json_maps_rooms_tracks_languages_kinds_states_and_nights() {
    let (s, problems) = load(&fixture("schedule2.json"));
    warnings_only(&problems);
    assert_eq!(s.conference.name, "Edge Congress");
    assert_eq!(s.conference.rooms, ["Saal 1", "Stage"]);
    assert_eq!(s.sessions.len(), 4);
    let tls = s.get("AAA111").unwrap();
    assert_eq!(tls.room, "Stage", "the room found by its guid");
    assert_eq!(
        tls.track.as_deref(),
        Some("Security"),
        "the track found by its slug"
    );
    assert_eq!(
        tls.abstract_text, "Auf Deutsch.",
        "the conference's default language"
    );
    assert_eq!(tls.speakers, ["Ada", "Bob"]);
    assert_eq!(
        (tls.start_at(), tls.minutes),
        (at("2024-12-27", "11:00"), 40)
    );
    // 01:30 the next morning belongs to day 1, which runs until 06:00; `duration` is ISO 8601.
    let night = s.get("BBB222").unwrap();
    assert_eq!((night.day, night.minutes), (1, 15));
    assert_eq!(night.title, "Night lightning: five minutes each");
    assert_eq!(night.kind, agenda::schedule::Kind::Lightning);
    assert!(s.get("CCC333").unwrap().cancelled, "state CANCELED");
    let lunch = s.sessions.iter().find(|x| x.title == "Lunch").unwrap();
    assert_eq!(lunch.kind, agenda::schedule::Kind::Break);
    assert_eq!(lunch.day, 2);
    let skipped = problems.iter().find(|p| p.code == "skipped").unwrap();
    assert!(
        skipped
            .message
            .contains("1 entries of `events` that are not events"),
        "{}",
        skipped.message
    );
}

#[test]
fn a_schedule2_subtitle_is_kept_unless_it_ends_the_title() {
    let text = std::fs::read_to_string(fixture("schedule2.json"))
        .unwrap()
        .replace(
            r#""title": "Breaking TLS for fun", "subtitle": null"#,
            r#""title": "Breaking TLS for fun", "subtitle": " Encrypted  traffic ""#,
        );
    let (s, _) = import::read(&text, "schedule2.json").unwrap();
    let tls = s.get("AAA111").unwrap();
    assert_eq!(
        (tls.title.as_str(), tls.subtitle.as_str()),
        ("Breaking TLS for fun", "Encrypted traffic")
    );
    let night = s.get("BBB222").unwrap();
    assert_eq!(
        (night.title.as_str(), night.subtitle.as_str()),
        ("Night lightning: five minutes each", ""),
        "a title ending in `:` takes the subtitle"
    );
}

#[test]
fn the_38c3_hub_schedule2_example_reads_and_plans() {
    let Some(path) = common::shared_file("data/38c3-hub-schedule2-example.json") else {
        return;
    };
    let (s, problems) = load(&path);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(s.conference.name, "38C3");
    assert_eq!(s.conference.time_zone, "Europe/Berlin");
    assert_eq!(s.days().len(), 4);
    assert_eq!(
        s.conference.rooms,
        [
            "Saal 1",
            "Saal GLITCH",
            "Saal ZIGZAG",
            "Stage HUFF",
            "Stage YELL"
        ]
    );
    assert_eq!(s.sessions.len(), 2);
    let opening = s.get("HQCCYH").unwrap();
    assert_eq!(opening.title, "38C3: Opening Ceremony");
    assert_eq!(
        (opening.start_at(), opening.minutes),
        (at("2024-12-27", "10:30"), 30)
    );
    assert_eq!(opening.track.as_deref(), Some("CCC"));
    assert_eq!(opening.speakers.len(), 3);
    // After midnight, on the first day (which runs until 06:00).
    let ai = s.get("TPGRNN").unwrap();
    assert_eq!((ai.start_at(), ai.day), (at("2024-12-28", "00:15"), 1));
    assert_eq!(ai.room, "Saal ZIGZAG");
    assert_eq!(ai.track.as_deref(), Some("Hardware & Making"));
    let path = path.to_str().unwrap();
    agenda().args(["check", path]).assert().success();
    agenda()
        .args(["plan", "--schedule", path, "--likes", "ai"])
        .assert()
        .success();
}

#[test]
fn the_new_formats_are_recognised_by_content_not_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("schedule.txt");
    std::fs::copy(fixture("edges.ics"), &ics).unwrap();
    agenda()
        .args(["check", ics.to_str().unwrap()])
        .assert()
        .success()
        .stdout(contains("Edge Conf 2024: 2 days"));
    let json = std::fs::read(fixture("schedule2.json")).unwrap();
    agenda()
        .args(["check", "-"])
        .write_stdin(json)
        .assert()
        .success()
        .stdout(contains("Edge Congress: 2 days"));
}
