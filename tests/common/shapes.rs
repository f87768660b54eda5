//! Schedules of the shapes whose cost once exploded, as pretalx/frab `schedule.json` text, sized
//! by `n`: shared by the regression tests (`tests/scale.rs`, small `n`) and the scale benchmark
//! (`benches/scale.rs`, which times `n` against `2n`).

use serde_json::{Value, json};

/// One talk: `id`, in `room`, on 2025-09-30 at `start` (HH:MM) for `minutes`, with `title` and
/// one speaker `person`.
fn event(id: Value, room: &str, start: &str, minutes: u32, title: &str, person: &str) -> Value {
    event_on("2025-09-30", id, room, start, minutes, title, person)
}

/// [`event`] on another `date` (YYYY-MM-DD).
fn event_on(
    date: &str,
    id: Value,
    room: &str,
    start: &str,
    minutes: u32,
    title: &str,
    person: &str,
) -> Value {
    json!({
        "id": id, "guid": null, "date": format!("{date}T{start}:00+02:00"), "start": start,
        "duration": format!("{:02}:{:02}", minutes / 60, minutes % 60), "room": room,
        "title": title, "type": "Talk", "abstract": "", "description": "",
        "persons": [{"public_name": person}],
    })
}

/// A day listed on 2025-09-30 with `rooms` (name → events).
fn day(index: usize, rooms: serde_json::Map<String, Value>) -> Value {
    day_on(index, "2025-09-30", rooms)
}

/// A day listed on `date` (YYYY-MM-DD) from 08:00 to 23:00 with `rooms`.
fn day_on(index: usize, date: &str, rooms: serde_json::Map<String, Value>) -> Value {
    json!({"index": index, "date": date,
           "day_start": format!("{date}T08:00:00+02:00"), "day_end": format!("{date}T23:00:00+02:00"),
           "rooms": rooms})
}

/// Day `d`'s rooms R0–R3 on `date`, each with ten 30-minute talks at `minute` past the hours
/// from 09:00, ids `d·1000 + r·100 + k`.
fn ten_talks_in_four_rooms(d: usize, date: &str, minute: usize) -> serde_json::Map<String, Value> {
    (0..4)
        .map(|r| {
            let events = (0..10)
                .map(|k| {
                    let id = d * 1000 + r * 100 + k;
                    let start = format!("{:02}:{minute:02}", 9 + k);
                    let title = format!("Talk {id}");
                    event_on(date, json!(id), &format!("R{r}"), &start, 30, &title, "P")
                })
                .collect();
            (format!("R{r}"), Value::Array(events))
        })
        .collect()
}

/// The document around `days`.
fn document(days: Vec<Value>) -> String {
    json!({"schedule": {"version": "1", "conference": {"title": "Shapes", "acronym": "shapes",
        "time_zone_name": "Europe/Berlin", "days": days}}})
    .to_string()
}

/// `n` talks in room A, all at 10:00–10:30.
pub fn same_slot(n: usize) -> String {
    let events = (0..n)
        .map(|i| {
            event(
                json!(i),
                "A",
                "10:00",
                30,
                &format!("Talk {i}"),
                &format!("P{i}"),
            )
        })
        .collect();
    document(vec![day(1, one_room(events))])
}

/// `n` conference days all listed on one date, each with ten talks in each of four rooms
/// (day d's talks start d·5 minutes past the hour): every day runs at the same time as every
/// other, so the schedule reads them as one day (`days-at-once`).
pub fn overlapping_days(n: usize) -> String {
    let days = (0..n)
        .map(|d| {
            day(
                d + 1,
                ten_talks_in_four_rooms(d, "2025-09-30", (d * 5) % 60),
            )
        })
        .collect();
    document(days)
}

/// `n` conference days on `n` dates from 2025-09-30, each listed from 08:00 to 23:00 with ten
/// talks in each of four rooms, and each day after the first with one more talk listed under it
/// that takes place on the first day at noon (outside its own hours, so the days stay apart):
/// every day has a talk during the first, so all `n` are open at once there, each counting
/// its own room switches.
pub fn misfiled_days(n: usize) -> String {
    let days = (0..n)
        .map(|d| {
            let date = (chrono::NaiveDate::from_ymd_opt(2025, 9, 30).unwrap()
                + chrono::Duration::days(d as i64))
            .to_string();
            let mut rooms = ten_talks_in_four_rooms(d, &date, 0);
            if d > 0 {
                let id = d * 1000 + 999;
                let start = format!("{:02}:{:02}", 12 + d / 12, (d % 12) * 5);
                let late = event(json!(id), "R0", &start, 30, &format!("Talk {id}"), "P");
                if let Some(Value::Array(events)) = rooms.get_mut("R0") {
                    events.push(late);
                }
            }
            day_on(d + 1, &date, rooms)
        })
        .collect();
    document(days)
}

/// One day of four rooms with `n` talks each, all titled alike: 15 minutes every 20 from 08:00,
/// room r's starting 5·r minutes later. Someone liking `talk` likes them all equally, and
/// changing rooms in the order 0, 3, 2, 1, 0 … fits a talk every 15 minutes instead of 20, so
/// where to spend a switch limit is a choice among countless equal agendas.
pub fn equal_talks(n: usize) -> String {
    alike_talks(4, n, (20, 5, 15), 1000)
}

/// One day of `n` rooms with six talks each, all titled alike: 45 minutes every hour from 08:00,
/// room r's starting r minutes later. Someone liking `talk` likes them all equally, and every
/// room with talks ahead is a place a friend may be.
pub fn equal_rooms(n: usize) -> String {
    alike_talks(n, 6, (60, 1, 45), 100)
}

/// One day of `rooms` rooms with `talks` talks each titled `Talk <id>`, id = r·`ids` + k: talk k
/// of room r starts at 08:00 + k·`every` + r·`stagger` minutes and lasts `minutes`.
fn alike_talks(
    rooms: usize,
    talks: usize,
    (every, stagger, minutes): (usize, usize, u32),
    ids: usize,
) -> String {
    let rooms = (0..rooms)
        .map(|r| {
            let events = (0..talks)
                .map(|k| {
                    let minute = 8 * 60 + every * k + stagger * r;
                    let start = format!("{:02}:{:02}", minute / 60, minute % 60);
                    let id = r * ids + k;
                    event(
                        json!(id),
                        &format!("R{r}"),
                        &start,
                        minutes,
                        &format!("Talk {id}"),
                        "P",
                    )
                })
                .collect();
            (format!("R{r}"), Value::Array(events))
        })
        .collect();
    document(vec![day(1, rooms)])
}

/// Two talks, the first titled with one word of `n` characters.
pub fn long_word(n: usize) -> String {
    let events = vec![
        event(json!(0), "A", "10:00", 30, &"x".repeat(n), "P0"),
        event(json!(1), "A", "11:00", 30, "Talk 1", "P1"),
    ];
    document(vec![day(1, one_room(events))])
}

/// Two talks in one room named `R ` and a word of `n` characters, the first by a speaker named
/// with such a word too.
pub fn long_room_and_speaker(n: usize) -> String {
    let room = format!("R {}", "x".repeat(n));
    let events = vec![
        event(json!(0), &room, "10:00", 30, "Talk 0", &"y".repeat(n)),
        event(json!(1), &room, "11:00", 30, "Talk 1", "P1"),
    ];
    document(vec![day(
        1,
        std::iter::once((room, Value::Array(events))).collect(),
    )])
}

/// `n` rooms, all empty but the first, which holds one talk.
pub fn empty_rooms(n: usize) -> String {
    let rooms = (0..n)
        .map(|i| {
            let events = if i == 0 {
                vec![event(json!(0), "Room 0", "10:00", 30, "Talk", "P")]
            } else {
                Vec::new()
            };
            (format!("Room {i}"), Value::Array(events))
        })
        .collect();
    document(vec![day(1, rooms)])
}

/// `n` one-minute talks in room A from 08:00 (a minute apart, the same 840 minutes again after
/// 840 talks), all with the id 7.
pub fn duplicate_ids(n: usize) -> String {
    let events = (0..n)
        .map(|i| {
            let start = format!("{:02}:{:02}", 8 + (i / 60) % 14, i % 60);
            event(json!(7), "A", &start, 1, &format!("Talk {i}"), "P")
        })
        .collect();
    document(vec![day(1, one_room(events))])
}

/// A profile liking talks, named with `n` characters.
pub fn long_name_profile(n: usize) -> String {
    format!(
        "(name: \"{}\", likes: [\"talk\"], dislikes: [], speakers: [], must: [], avoid: [], max_switches: 2, switch_minutes: 0, busy: [])",
        "N".repeat(n)
    )
}

/// Room A with `events`.
fn one_room(events: Vec<Value>) -> serde_json::Map<String, Value> {
    std::iter::once(("A".to_string(), Value::Array(events))).collect()
}
