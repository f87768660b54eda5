//! The writers: iCalendar read back by an independent parser (the `icalendar` crate), its
//! folding and escaping checked line by line; Markdown and CSV snapshots from a fixed fixture;
//! completions and the man page.

use crate::common;

use agenda::export::{Agenda, AgendaEntry, ExportOptions, Format};
use agenda::output::DisplayZone;
use agenda::schedule::{Schedule, ron_format};
use assert_cmd::cargo::cargo_bin_cmd;
use chrono::{DateTime, TimeZone, Utc};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};

fn fixture_schedule() -> Schedule {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/agenda.ron"
    );
    ron_format::parse(&std::fs::read_to_string(path).unwrap(), "agenda.ron").unwrap()
}

fn agenda(schedule: &Schedule) -> Agenda<'_> {
    let entries = schedule
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            AgendaEntry::new(
                s,
                agenda::points::Points::from_half(6 - 2 * i as i64),
                vec![format!("likes {}", s.id), "must-see".into()],
            )
        })
        .collect();
    Agenda::new(schedule, entries)
}

fn render(format: Format, options: &ExportOptions) -> String {
    let schedule = fixture_schedule();
    String::from_utf8(format.render(&agenda(&schedule), options).unwrap()).unwrap()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn instant(value: Option<DatePerhapsTime>) -> DateTime<Utc> {
    match value {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
        other => panic!("expected a UTC date-time, got {other:?}"),
    }
}

#[test]
fn ics_reads_back_with_the_same_instants_uids_and_text() {
    let text = render(
        Format::Ics,
        &ExportOptions {
            remind_minutes: Some(5),
            ..Default::default()
        },
    );
    let calendar: icalendar::Calendar = text.parse().expect("an independent parser reads it");
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 3);
    // Berlin is UTC+1 on Saturday 29 March 2025 and UTC+2 from Sunday 02:00.
    let expected = [
        (utc(2025, 3, 29, 8, 0), utc(2025, 3, 29, 8, 45)),
        (utc(2025, 3, 29, 22, 30), utc(2025, 3, 29, 23, 30)),
        (utc(2025, 3, 30, 8, 0), utc(2025, 3, 30, 8, 30)),
    ];
    for (event, (start, end)) in events.iter().zip(expected) {
        assert_eq!(instant(event.get_start()), start);
        assert_eq!(instant(event.get_end()), end);
    }
    let keynote = events[0];
    assert_eq!(keynote.get_uid(), Some("keynote@snapshot-conf-2025.agenda"));
    assert_eq!(
        keynote.get_summary(),
        Some("Keynote: Rust, C; and \\ everything")
    );
    assert_eq!(keynote.get_location(), Some("Hall A"));
    let description = keynote.get_description().unwrap();
    assert!(
        description.starts_with("Speakers: Zoë Müller, Ørjan Ås\nWhy: likes keynote; must-see\n"),
        "{description}"
    );
    assert!(
        description.ends_with("semicolons; and backslashes \\ too."),
        "{description}"
    );
    assert_eq!(events[1].get_location(), Some("Room; B"));
    assert!(text.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"));
    assert!(text.contains("TRIGGER:-PT5M\r\n"));
}

#[test]
fn ics_lines_obey_crlf_folding_and_escaping() {
    let text = render(Format::Ics, &ExportOptions::default());
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    let mut folded = 0;
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        folded += usize::from(line.starts_with(' '));
    }
    assert!(folded >= 2, "the long description is folded");
    let unfolded = text.replace("\r\n ", "");
    let summary = unfolded
        .lines()
        .find(|l| l.starts_with("SUMMARY:Keynote"))
        .unwrap();
    assert_eq!(summary, "SUMMARY:Keynote: Rust\\, C\\; and \\\\ everything");
    let description = unfolded
        .lines()
        .find(|l| l.starts_with("DESCRIPTION:Speakers"))
        .unwrap();
    assert!(description.contains("\\nWhy: likes keynote\\; must-see\\n"));
    // No unescaped comma or semicolon in any TEXT value.
    for line in unfolded.lines() {
        if let Some(value) = ["SUMMARY:", "LOCATION:", "DESCRIPTION:"]
            .iter()
            .find_map(|p| line.strip_prefix(p))
        {
            let bytes = value.as_bytes();
            for (i, b) in bytes.iter().enumerate() {
                if matches!(b, b',' | b';') {
                    let backslashes = bytes[..i].iter().rev().take_while(|&&c| c == b'\\').count();
                    assert!(backslashes % 2 == 1, "unescaped {} in {line}", *b as char);
                }
            }
        }
    }
}

#[test]
fn ics_output_is_byte_identical_on_every_run() {
    let options = ExportOptions::default();
    assert_eq!(render(Format::Ics, &options), render(Format::Ics, &options));
}

#[test]
fn the_parser_reads_democon_pretalx_ics() {
    let Some(path) = common::shared_file("data/democon-2022-pretalx-schedule.ics") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let calendar: icalendar::Calendar = text.parse().expect("parses real pretalx output");
    let events = calendar
        .components
        .iter()
        .filter(|c| matches!(c, CalendarComponent::Event(_)))
        .count();
    assert_eq!(events, 36, "SOURCES.md: 36 events");
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(render(Format::Markdown, &ExportOptions::default()));
}

#[test]
fn markdown_in_another_zone_says_so() {
    let london = DisplayZone::parse("Europe/London").unwrap();
    let text = render(
        Format::Markdown,
        &ExportOptions {
            zone: london,
            ..Default::default()
        },
    );
    assert!(text.contains("times in Europe/London"));
    assert!(text.contains("**08:00–08:45**"));
}

#[test]
fn csv_snapshot() {
    insta::assert_snapshot!(render(Format::Csv, &ExportOptions::default()));
}

#[test]
fn csv_reads_back_with_quoted_fields_intact() {
    let text = render(Format::Csv, &ExportOptions::default());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][7], "Keynote: Rust, C; and \\ everything");
    assert_eq!(&rows[0][8], "Zoë Müller; Ørjan Ås");
    assert_eq!(&rows[1][5], "Room; B");
}

#[test]
fn completions_are_printed_for_each_shell() {
    // Each script registers `agenda` and asks it (COMPLETE=SHELL) at each TAB; what it then
    // offers is tested in `messages::completions_offer_the_values_of_the_schedule_on_the_line`.
    for (shell, marker) in [
        (
            "bash",
            "complete -o nospace -o bashdefault -o nosort -F _clap_complete_agenda agenda",
        ),
        ("zsh", "#compdef agenda"),
        ("fish", "complete --keep-order --exclusive --command agenda"),
    ] {
        cargo_bin_cmd!("agenda")
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicates::str::contains(marker))
            .stdout(predicates::str::contains("COMPLETE"));
    }
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.1");
    cargo_bin_cmd!("agenda")
        .args(["man", "-o"])
        .arg(&path)
        .assert()
        .success();
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(page.starts_with(".ie"), "{}", &page[..40]);
    assert!(page.contains(".TH agenda"));
    assert!(page.contains("convert"));
}
