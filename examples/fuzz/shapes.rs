//! Schedules of the shapes whose cost or text once went wrong, generated at random sizes for the
//! fuzzer (`main.rs`): floods of talks in one slot, conference days listed on one date (read as
//! one day) or kept open at once by sessions listed under them on another date, start
//! times with seconds, very long words and names, and control, C1 and direction characters in
//! every text field. Each is a pretalx/frab `schedule.json`; the fuzzer runs the commands on it
//! through `robust::exercise_commands` (and, like every schedule, through the reader's promises).

// The regression tests use only part of it.
#![allow(dead_code)]

use crate::robust::Rng;
use serde_json::{Value, json};

/// The shapes, by name (the fuzzer counts its runs per shape).
pub const NAMES: [&str; 7] = [
    "flood",
    "overlapping-days",
    "open-days",
    "seconds",
    "long-word",
    "long-name",
    "payload",
];

/// Text a hostile export may carry: terminal escapes (colour, OSC 52 clipboard write, BEL), C1
/// controls (CSI U+009B, NEL U+0085), direction overrides and isolates, NUL, DEL, a CSV formula.
const PAYLOADS: &[&str] = &[
    "\u{1b}[31mred\u{1b}[0m",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{7}",
    "\u{9b}2J",
    "\u{85}",
    "\u{202e}txt.exe",
    "\u{2066}isolate\u{2069}",
    "\u{202a}\u{202b}\u{202c}\u{202d}",
    "\u{0}",
    "\u{7f}",
    "\r",
    "=HYPERLINK(\"http://evil.example/\",\"x\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
];

/// One talk on 2025-09-30: `start` is HH:MM or HH:MM:SS (its `date` carries the same time).
fn event(id: usize, room: &str, start: &str, minutes: u32, title: &str, person: &str) -> Value {
    let time = if start.len() == 5 {
        format!("{start}:00")
    } else {
        start.to_string()
    };
    json!({
        "id": id, "guid": null, "date": format!("2025-09-30T{time}+02:00"),
        "start": &start[..5], "duration": format!("{:02}:{:02}", minutes / 60, minutes % 60),
        "room": room, "title": title, "type": "Talk", "abstract": "", "description": "",
        "track": "Talks", "persons": [{"public_name": person}],
    })
}

fn day(index: usize, rooms: Vec<(String, Vec<Value>)>) -> Value {
    day_on(index, "2025-09-30", rooms)
}

/// A day listed on `date` (YYYY-MM-DD) from 08:00 to 23:00.
fn day_on(index: usize, date: &str, rooms: Vec<(String, Vec<Value>)>) -> Value {
    let rooms: serde_json::Map<String, Value> = rooms
        .into_iter()
        .map(|(name, events)| (name, Value::Array(events)))
        .collect();
    json!({"index": index, "date": date,
           "day_start": format!("{date}T08:00:00+02:00"), "day_end": format!("{date}T23:00:00+02:00"),
           "rooms": rooms})
}

/// An [`event`] moved to `date` (YYYY-MM-DD), at the same time of day.
fn moved(mut event: Value, date: &str) -> Value {
    let at = event["date"]
        .as_str()
        .unwrap_or_default()
        .get(10..)
        .unwrap_or_default()
        .to_string();
    event["date"] = json!(format!("{date}{at}"));
    event
}

fn document(title: &str, days: Vec<Value>) -> String {
    json!({"schedule": {"version": "1", "conference": {"title": title, "acronym": "shapes",
        "time_zone_name": "Europe/Berlin", "days": days}}})
    .to_string()
}

/// A size between 1 and `most`, small sizes as likely as large ones (log-uniform).
fn size(rng: &mut Rng, most: usize) -> usize {
    let bits = usize::BITS - most.leading_zeros();
    let cap = 1usize << rng.below(bits as usize + 1);
    1 + rng.below(cap.min(most))
}

/// A random shape: its name and the schedule's bytes.
pub fn generate(rng: &mut Rng) -> (&'static str, Vec<u8>) {
    let name = NAMES[rng.below(NAMES.len())];
    (name, generate_named(rng, name, 1))
}

/// A random schedule of the shape `name`, its sizes divided by `smaller` (the regression tests
/// run every shape small, in a debug build).
pub fn generate_named(rng: &mut Rng, name: &str, smaller: usize) -> Vec<u8> {
    let text = match name {
        "flood" => flood(rng, 4_000 / smaller),
        "overlapping-days" => overlapping_days(rng, 16 / smaller.min(4)),
        "open-days" => open_days(rng, 6 / smaller.min(3)),
        "seconds" => seconds(rng),
        "long-word" => long_text(rng, true, 70_000 / smaller),
        "long-name" => long_text(rng, false, 70_000 / smaller),
        _ => payload(rng),
    };
    text.into_bytes()
}

/// Up to `most` talks at one time, in one to three rooms.
fn flood(rng: &mut Rng, most: usize) -> String {
    let n = size(rng, most);
    let rooms = 1 + rng.below(3);
    let minutes = 5 + 5 * rng.below(12) as u32;
    let mut by_room = vec![Vec::new(); rooms];
    for i in 0..n {
        let r = rng.below(rooms);
        let title = if rng.below(3) == 0 { "Other" } else { "Talk" };
        by_room[r].push(event(i, &format!("R{r}"), "10:00", minutes, title, "P"));
    }
    let rooms = (0..rooms).map(|r| format!("R{r}")).zip(by_room).collect();
    document("Flood", vec![day(1, rooms)])
}

/// Two to `most` conference days all listed on one date, each with a few talks in a few rooms
/// at times that interleave with the other days'.
fn overlapping_days(rng: &mut Rng, most: usize) -> String {
    let days = 2 + rng.below(most.max(2) - 1);
    let mut id = 0;
    let list = (0..days)
        .map(|d| {
            let rooms = (0..1 + rng.below(4))
                .map(|r| {
                    let events = (0..1 + rng.below(8))
                        .map(|k| {
                            id += 1;
                            let start = format!("{:02}:{:02}", 9 + k, (d * 5 + rng.below(3)) % 60);
                            event(
                                id,
                                &format!("R{r}"),
                                &start,
                                20 + 10 * rng.below(4) as u32,
                                "Talk",
                                "P",
                            )
                        })
                        .collect();
                    (format!("R{r}"), events)
                })
                .collect();
            day(d + 1, rooms)
        })
        .collect();
    document("Days", list)
}

/// Two to `most` conference days on consecutive dates from 2025-10-01, each with a few talks in
/// a few rooms, and each day after the first with one or two talks listed under it that take
/// place during the first day, outside its own hours: the days stay apart (each counts its own
/// switches) and are all open at once on the first day; more than four are refused.
fn open_days(rng: &mut Rng, most: usize) -> String {
    let days = 2 + rng.below(most.max(2) - 1);
    let mut id = 0;
    let list = (0..days)
        .map(|d| {
            let date = format!("2025-10-{:02}", d + 1);
            let mut rooms: Vec<(String, Vec<Value>)> = (0..1 + rng.below(4))
                .map(|r| {
                    let events = (0..1 + rng.below(8))
                        .map(|k| {
                            id += 1;
                            let start = format!("{:02}:{:02}", 9 + k, 5 * rng.below(4));
                            let minutes = 20 + 10 * rng.below(4) as u32;
                            moved(
                                event(id, &format!("R{r}"), &start, minutes, "Talk", "P"),
                                &date,
                            )
                        })
                        .collect();
                    (format!("R{r}"), events)
                })
                .collect();
            for _ in 0..usize::from(d > 0) * (1 + rng.below(2)) {
                id += 1;
                let start = format!("{:02}:{:02}", 9 + rng.below(8), 5 * rng.below(12));
                let late = moved(event(id, "R0", &start, 30, "Talk", "P"), "2025-10-01");
                rooms[0].1.push(late);
            }
            day_on(d + 1, &date, rooms)
        })
        .collect();
    document("Open days", list)
}

/// A day whose talks start at times with seconds (some of them :00).
fn seconds(rng: &mut Rng) -> String {
    let events = (0..1 + rng.below(12))
        .map(|k| {
            let start = format!("{:02}:{:02}:{:02}", 9 + k, rng.below(60), rng.below(60));
            event(k, &format!("R{}", k % 2), &start, 30, "Talk", "P")
        })
        .collect::<Vec<_>>();
    let (a, b): (Vec<Value>, Vec<Value>) =
        events.into_iter().partition(|e| e["room"] == json!("R0"));
    document(
        "Seconds",
        vec![day(1, vec![("R0".into(), a), ("R1".into(), b)])],
    )
}

/// A talk titled with one word of up to `most` characters (`word`), or a speaker, room and
/// conference named with that many.
fn long_text(rng: &mut Rng, word: bool, most: usize) -> String {
    let n = size(rng, most);
    let long: String = std::iter::repeat_n(['x', 'é', '語'][rng.below(3)], n).collect();
    let (title, person, room) = if word {
        (format!("Talk {long}"), "P".to_string(), "R0".to_string())
    } else {
        ("Talk".to_string(), long.clone(), format!("R {long}"))
    };
    let events = vec![
        event(0, &room, "10:00", 30, &title, &person),
        event(1, &room, "11:00", 30, "Talk two", "Q"),
    ];
    let conference = if word { "Long" } else { long.as_str() };
    document(conference, vec![day(1, vec![(room, events)])])
}

/// Payloads in the title, speaker, room, track, abstract and conference title.
fn payload(rng: &mut Rng) -> String {
    let mut pick = || PAYLOADS[rng.below(PAYLOADS.len())];
    let room = format!("Room {}", pick());
    let mut first = event(0, &room, "10:00", 30, &format!("Talk {} x", pick()), pick());
    first["abstract"] = json!(pick());
    first["track"] = json!(format!("Talks {}", pick()));
    let second = event(1, &room, "11:00", 30, &format!("{} talk", pick()), "Q");
    document(
        &format!("Conf {}", pick()),
        vec![day(1, vec![(room, vec![first, second])])],
    )
}
