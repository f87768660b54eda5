//! `schedule.ron` is a faithful transcription of the published All Systems Go! 2025 schedule page,
//! and its curated topics serve the people who look for them.
//!
//! The page (`../shared/asg2025/schedule-page.txt`) is parsed here by its own small reader, not
//! by the crate, so that a mistake in the crate cannot hide a mistake in the data.

use crate::common;

use agenda::schedule::{Kind, Schedule, Session};
use std::collections::BTreeSet;

/// One entry as the page shows it.
#[derive(Debug)]
struct PageEntry {
    /// Line of the entry's start time in the page, for messages.
    line: usize,
    date: &'static str,
    start: String,
    minutes: u32,
    title: String,
    speakers: Vec<String>,
    abstract_text: String,
    room: String,
}

fn is_time(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() == 5 && b[2] == b':' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit())
}

fn minutes_of(line: &str) -> Option<u32> {
    line.strip_suffix("min")?.parse().ok()
}

/// Whether an entry starts at line `i`: its start time followed by its length.
fn entry_starts(lines: &[&str], i: usize) -> bool {
    is_time(lines[i]) && lines.get(i + 1).is_some_and(|l| minutes_of(l).is_some())
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads the page: a time line opens each slot; each entry repeats its start, gives `Nmin`, the
/// title, the speakers (absent when the next line is blank or is the room), the abstract, and
/// the room as its last line. Day 2 starts where the times go back after the social event.
fn read_page(text: &str) -> Vec<PageEntry> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut entries = Vec::new();
    let mut date = "2025-09-30";
    let mut previous_start = String::new();
    let mut i = 0;
    while i < lines.len() {
        if !entry_starts(&lines, i) {
            i += 1; // the page header or a slot's time line
            continue;
        }
        let start = lines[i].to_string();
        if start < previous_start {
            assert_eq!(
                date,
                "2025-09-30",
                "times go back a second time at line {}",
                i + 1
            );
            date = "2025-10-01";
        }
        previous_start.clone_from(&start);
        let minutes = minutes_of(lines[i + 1]).unwrap();
        let title = lines[i + 2].to_string();
        // The entry runs until the next slot's time line or the next entry's start.
        let mut end = i + 3;
        while end < lines.len() && !is_time(lines[end]) {
            end += 1;
        }
        let body: Vec<&str> = lines[i + 3..end].to_vec();
        let room = body
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_else(|| panic!("entry at line {} has no room", i + 1))
            .to_string();
        let body = &body[..body.iter().rposition(|l| !l.trim().is_empty()).unwrap()];
        let (speakers, rest) = match body.first() {
            Some(first) if !first.trim().is_empty() => {
                (first.split(", ").map(str::to_string).collect(), &body[1..])
            }
            _ => (Vec::new(), body),
        };
        entries.push(PageEntry {
            line: i + 1,
            date,
            start,
            minutes,
            title,
            speakers,
            abstract_text: normalise(&rest.join("\n")),
            room,
        });
        i = end;
    }
    entries
}

fn page_entries() -> Option<Vec<PageEntry>> {
    let path = common::shared_file("asg2025/schedule-page.txt")?;
    let text = std::fs::read_to_string(&path).expect("the schedule page is readable");
    Some(read_page(&text))
}

fn embedded() -> Schedule {
    Schedule::embedded().expect("the embedded schedule loads without errors")
}

fn key(date: &str, start: &str, room: &str) -> String {
    format!("{date} {start} {room}")
}

#[test]
fn the_page_has_57_entries_over_two_days_and_two_rooms() {
    let Some(page) = page_entries() else { return };
    assert_eq!(page.len(), 57);
    let days: BTreeSet<_> = page.iter().map(|e| e.date).collect();
    assert_eq!(
        days.into_iter().collect::<Vec<_>>(),
        ["2025-09-30", "2025-10-01"]
    );
    let rooms: BTreeSet<_> = page.iter().map(|e| e.room.as_str()).collect();
    assert_eq!(rooms.into_iter().collect::<Vec<_>>(), ["Galerie", "Loft"]);
}

#[test]
fn schedule_ron_holds_every_entry_of_the_page_exactly() {
    let Some(page) = page_entries() else { return };
    let schedule = embedded();
    assert_eq!(schedule.sessions.len(), page.len(), "number of entries");
    let mut unmatched: Vec<&Session> = schedule.sessions.iter().collect();
    for entry in &page {
        let position = unmatched
            .iter()
            .position(|s| {
                key(
                    &s.date.to_string(),
                    &s.start.format("%H:%M").to_string(),
                    &s.room,
                ) == key(entry.date, &entry.start, &entry.room)
            })
            .unwrap_or_else(|| {
                panic!(
                    "page line {}: no entry in schedule.ron on {} at {} in {} ({:?})",
                    entry.line, entry.date, entry.start, entry.room, entry.title
                )
            });
        let s = unmatched.remove(position);
        let place = format!("page line {} / schedule.ron `{}`", entry.line, s.id);
        assert_eq!(s.minutes, entry.minutes, "{place}: length");
        assert_eq!(s.title, entry.title, "{place}: title");
        assert_eq!(s.speakers, entry.speakers, "{place}: speakers");
        assert_eq!(
            normalise(&s.abstract_text),
            entry.abstract_text,
            "{place}: abstract"
        );
    }
    assert!(
        unmatched.is_empty(),
        "entries not on the page: {unmatched:?}"
    );
}

#[test]
fn schedule_ron_counts_44_sessions_12_breaks_and_1_social_event() {
    let schedule = embedded();
    let count =
        |pred: &dyn Fn(&Session) -> bool| schedule.sessions.iter().filter(|s| pred(s)).count();
    assert_eq!(schedule.sessions.len(), 57);
    assert_eq!(count(&|s| s.kind.is_plannable()), 44);
    assert_eq!(count(&|s| s.kind == Kind::Break), 12);
    assert_eq!(count(&|s| s.kind == Kind::Social), 1);
    assert_eq!(count(&|s| s.kind == Kind::Opening), 1);
    assert_eq!(count(&|s| s.kind == Kind::Closing), 1);
    assert_eq!(count(&|s| s.kind == Kind::Lightning), 2);
    assert_eq!(schedule.conference.time_zone, "Europe/Berlin");
    assert_eq!(schedule.conference.rooms, ["Loft", "Galerie"]);
}

#[test]
fn breaks_on_the_page_are_breaks_in_schedule_ron() {
    let schedule = embedded();
    for s in &schedule.sessions {
        let looks_like_break = s.title.ends_with(" break") && s.speakers.is_empty();
        assert_eq!(
            s.kind == Kind::Break,
            looks_like_break,
            "`{}` ({}) has kind {:?}",
            s.id,
            s.title,
            s.kind
        );
    }
}

#[test]
fn every_talk_has_a_short_lowercase_topic() {
    let schedule = embedded();
    for s in schedule.sessions.iter().filter(|s| s.kind.is_plannable()) {
        assert!(!s.topics.is_empty(), "`{}` has no topic", s.id);
        for t in &s.topics {
            assert!(
                !t.is_empty()
                    && t.len() <= 16
                    && t.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "`{}` has topic `{t}`: topics are short, lowercase, letters, digits and `-`",
                s.id
            );
        }
        let unique: BTreeSet<_> = s.topics.iter().collect();
        assert_eq!(unique.len(), s.topics.len(), "`{}` repeats a topic", s.id);
    }
}

fn mentions(s: &Session, words: &[&str]) -> bool {
    let text = format!("{} {}", s.title, s.abstract_text).to_lowercase();
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .flat_map(|w| std::iter::once(w).chain(w.split('-')))
        .any(|w| words.contains(&w))
}

#[test]
fn every_bpf_talk_is_found_under_bpf() {
    let schedule = embedded();
    let bpf: Vec<&str> = schedule
        .sessions
        .iter()
        .filter(|s| mentions(s, &["bpf", "ebpf", "bpfilter"]))
        .map(|s| s.id.as_str())
        .collect();
    for id in ["netkit-bpf-network-device", "bpf-tokens", "bpfilter"] {
        assert!(
            bpf.contains(&id),
            "`{id}` should be recognised as a BPF talk"
        );
    }
    for id in &bpf {
        let s = schedule.get(id).unwrap();
        assert!(
            s.topics.iter().any(|t| t == "bpf"),
            "`{id}` lacks the topic bpf"
        );
    }
}

#[test]
fn every_sysext_and_confext_talk_is_found_under_sysext() {
    let schedule = embedded();
    let ext: Vec<&Session> = schedule
        .sessions
        .iter()
        .filter(|s| mentions(s, &["sysext", "sysexts", "confext", "confexts"]))
        .collect();
    assert!(
        ext.len() >= 3,
        "only {} sysext/confext talks found",
        ext.len()
    );
    for s in ext {
        assert!(
            s.topics.iter().any(|t| t == "sysext"),
            "`{}` lacks the topic sysext",
            s.id
        );
        if mentions(s, &["confext"]) {
            assert!(
                s.topics.iter().any(|t| t == "confext"),
                "`{}` lacks the topic confext",
                s.id
            );
        }
    }
}
