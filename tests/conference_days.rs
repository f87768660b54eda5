//! Real exports whose days run past midnight: every session belongs to the `<day>` it is listed
//! under (counted here straight from the file), and plans over their nights are feasible,
//! checked and optimal.

use crate::common;

use agenda::import;
use agenda::plan::{self, verify};
use agenda::prefs::{Interests, Limits, Request, Weighted};
use agenda::schedule::Schedule;
use std::collections::BTreeMap;
use std::path::Path;

fn load(path: &Path) -> Schedule {
    import::load(Some(path)).unwrap().0
}

/// Event id → 1-based position of the `<day …>` element it appears in, by scanning the text.
fn xml_days(text: &str) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    let mut day = 0;
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with("day ") || rest.starts_with("day>") {
            day += 1;
        } else if let Some(tag) = rest.strip_prefix("event ") {
            let tag = &tag[..tag.find('>').unwrap()];
            // ` id='8429'` or ` id="8429"` (not `guid=`).
            let at = tag.find(" id=").unwrap() + 4;
            let quote = &tag[at..at + 1];
            let id = tag[at + 1..].split(quote).next().unwrap();
            out.insert(id.to_string(), day);
        }
    }
    out
}

/// Event id → 1-based position in `schedule.conference.days` of the day that lists it.
fn json_days(text: &str) -> BTreeMap<String, u32> {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut out = BTreeMap::new();
    for (d, day) in v["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        for events in day["rooms"].as_object().unwrap().values() {
            for e in events.as_array().unwrap() {
                let id = match &e["id"] {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                out.insert(id, d as u32 + 1);
            }
        }
    }
    out
}

fn every_session_is_on_its_listed_day(file: &str, nights: bool) {
    let Some(path) = common::shared_file(&format!("data/{file}")) else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let listed = if file.ends_with(".xml") {
        xml_days(&text)
    } else {
        json_days(&text)
    };
    let schedule = load(&path);
    let mut night = 0;
    for s in &schedule.sessions {
        let want = listed[&s.id];
        assert_eq!(s.day, want, "{file}: {} listed under day {want}", s.id);
        let day = schedule.day(s.day).unwrap();
        if s.date > day.date {
            night += 1;
        }
    }
    assert_eq!(schedule.sessions.len(), listed.len(), "{file}: every event");
    assert_eq!(night > 0, nights, "{file}: sessions after midnight");
}

#[test]
fn sessions_of_33c3_xml_belong_to_the_day_they_are_listed_under() {
    every_session_is_on_its_listed_day("33c3-schedule.xml", true);
}

#[test]
fn sessions_of_33c3_json_belong_to_the_day_they_are_listed_under() {
    every_session_is_on_its_listed_day("33c3-schedule.json", true);
}

#[test]
fn sessions_of_democon_json_belong_to_the_day_they_are_listed_under() {
    every_session_is_on_its_listed_day("democon-2022-pretalx-schedule.json", false);
}

#[test]
fn sessions_of_democon_xml_belong_to_the_day_they_are_listed_under() {
    every_session_is_on_its_listed_day("democon-2022-pretalx-schedule.xml", false);
}

#[test]
fn a_33c3_plan_over_the_nights_is_feasible_checked_and_optimal() {
    let Some(path) = common::shared_file("data/33c3-schedule.xml") else {
        return;
    };
    let schedule = load(&path);
    assert_eq!(schedule.days().len(), 4);
    // The tracks of night talks (starting after midnight) liked: 33C3's track names hold no
    // vocabulary topic, so the tracks themselves are the interest.
    let mut night_tracks: Vec<String> = schedule
        .sessions
        .iter()
        .filter(|s| s.kind.is_plannable() && s.date > schedule.day(s.day).unwrap().date)
        .filter_map(|s| s.track.clone())
        .collect();
    night_tracks.sort();
    night_tracks.dedup();
    assert!(!night_tracks.is_empty());
    let tracks: Vec<Weighted> = night_tracks
        .iter()
        .take(3)
        .map(|t| Weighted {
            term: t.clone(),
            weight: 2,
        })
        .collect();
    for max_switches in [None, Some(1)] {
        let request = Request {
            interests: Interests {
                tracks: tracks.clone(),
                ..Interests::default()
            },
            limits: Limits {
                max_switches,
                switch_minutes: 5,
                ..Limits::default()
            },
        };
        let planned = plan::plan(&schedule, &request).unwrap();
        assert!(planned.verified.reference, "compared with the reference");
        assert!(verify::check_agenda(&schedule, &request, &planned.chosen).is_empty());
        let instance = plan::prepare(&schedule, &request).unwrap();
        let reference = agenda::solve::dp::solve(&instance).unwrap();
        assert_eq!(reference.total, planned.total);
        assert!(
            planned.chosen.iter().any(|&i| schedule.sessions[i].date
                > schedule.day(schedule.sessions[i].day).unwrap().date),
            "a night talk is planned"
        );
    }
}

#[test]
fn converting_an_export_to_ron_keeps_every_session_on_its_day() {
    for file in ["33c3-schedule.xml", "democon-2022-pretalx-schedule.json"] {
        let Some(path) = common::shared_file(&format!("data/{file}")) else {
            return;
        };
        let schedule = load(&path);
        let text = agenda::schedule::ron_format::write(&schedule).unwrap();
        // Doubtful entries of the export become RON errors; the days are what matters here.
        let (again, _) = agenda::schedule::ron_format::read(&text, "converted").unwrap();
        for s in &schedule.sessions {
            let back = again.get(&s.id).unwrap();
            assert_eq!(
                again.day_of(back).unwrap().date,
                schedule.day_of(s).unwrap().date,
                "{file}: {}",
                s.id
            );
        }
    }
}

#[test]
fn a_session_outside_the_day_it_is_listed_under_stays_there_with_a_warning() {
    let Some(path) = common::shared_file("data/democon-2022-pretalx-schedule.json") else {
        return;
    };
    let (schedule, problems) = import::load(Some(&path)).unwrap();
    let outside: Vec<&str> = problems
        .iter()
        .filter(|p| p.code == "outside-day")
        .filter_map(|p| p.entry.as_deref())
        .collect();
    // Day 1 runs from 04:00; events 1 (01:50) and 7 (02:40) are listed under it.
    assert_eq!(outside, ["1", "7"]);
    for id in outside {
        assert_eq!(schedule.get(id).unwrap().day, 1);
    }
}

#[test]
fn sessions_of_fosdem_belong_to_the_day_they_are_listed_under() {
    every_session_is_on_its_listed_day("fosdem-2025-schedule.xml", false);
}

#[test]
fn listed_days_at_the_same_time_are_one_day_and_the_later_days_are_renumbered() {
    // Days 1 and 2 listed on one date with the same hours, day 3 on the next date.
    let talk = |id: u32, date: &str, start: &str, room: &str| {
        serde_json::json!({"id": id, "guid": null, "date": format!("{date}T{start}:00+02:00"),
            "start": start, "duration": "00:30", "room": room, "title": format!("Talk {id}"),
            "type": "Talk", "abstract": "", "description": "", "persons": []})
    };
    let day = |index: u32, date: &str, talks: Vec<serde_json::Value>| {
        serde_json::json!({"index": index, "date": date,
            "day_start": format!("{date}T08:00:00+02:00"), "day_end": format!("{date}T20:00:00+02:00"),
            "rooms": {"A": talks}})
    };
    let text = serde_json::json!({"schedule": {"version": "1", "conference": {
        "title": "Twice", "acronym": "twice", "time_zone_name": "Europe/Berlin", "days": [
            day(1, "2025-09-30", vec![talk(1, "2025-09-30", "09:00", "A"), talk(2, "2025-09-30", "11:00", "A")]),
            day(2, "2025-09-30", vec![talk(3, "2025-09-30", "09:40", "A"), talk(4, "2025-09-30", "11:40", "A")]),
            day(3, "2025-10-01", vec![talk(5, "2025-10-01", "09:00", "A")]),
        ]}}})
    .to_string();
    let (schedule, problems) = import::read(&text, "twice.json").unwrap();
    let days: Vec<(u32, String)> = schedule
        .days()
        .iter()
        .map(|d| (d.index, d.date.to_string()))
        .collect();
    assert_eq!(days, [(1, "2025-09-30".into()), (2, "2025-10-01".into())]);
    let day_of = |id: &str| schedule.get(id).unwrap().day;
    assert_eq!(
        ["1", "2", "3", "4", "5"].map(day_of),
        [1, 1, 1, 1, 2],
        "sessions of listed days 1 and 2 on day 1, of listed day 3 on day 2"
    );
    let warned: Vec<&str> = problems
        .iter()
        .filter(|p| p.code == "days-at-once")
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        warned,
        [
            "the export's days 1 and 2 run at the same time (on 2025-09-30 08:00–20:00); they are read as one day, day 1"
        ]
    );
}
