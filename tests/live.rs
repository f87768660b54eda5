//! A schedule that changes: the shared FOSDEM 2025 pair (the 2025-01-11 snapshot and the final
//! schedule). `diff` is checked against a count made here from the two XML files; `replan` of
//! several saved plans against the reference DP extended to the lexicographic objective (best
//! score, then most kept talks, then fewest switches); the calendar files against the
//! `icalendar` crate.

use crate::common;
use agenda::prefs;

use agenda::plan;
use agenda::saved::SavedPlan;
use agenda::schedule::Schedule;
use agenda::solve::dp;
use common::agenda;
use icalendar::{CalendarComponent, Component};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const OLD: &str = "data/fosdem-2025-schedule-presnapshot-2025-01-11.xml";
const NEW: &str = "data/fosdem-2025-schedule.xml";

fn pair() -> Option<(PathBuf, PathBuf)> {
    Some((common::shared_file(OLD)?, common::shared_file(NEW)?))
}

/// One event as the XML states it, read here without the importer.
#[derive(Debug, Clone, PartialEq)]
struct Raw {
    id: String,
    date: String,
    duration: String,
    room: String,
    title: String,
    persons: Vec<String>,
}

/// Every `<event>` of a frab XML file, with the room it sits in.
fn raw_events(path: &Path) -> Vec<Raw> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut events = Vec::new();
    let mut room = String::new();
    let mut current: Option<Raw> = None;
    let mut field = String::new();
    let mut value = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .map(|a| {
                            a.normalized_value_with(XmlVersion::Implicit1_0, 1, resolve_xml_entity)
                                .unwrap()
                                .to_string()
                        })
                };
                match name.as_str() {
                    "room" if current.is_none() => room = attr("name").unwrap_or_default(),
                    "event" => {
                        current = Some(Raw {
                            id: attr("id").unwrap(),
                            date: String::new(),
                            duration: String::new(),
                            room: room.clone(),
                            title: String::new(),
                            persons: Vec::new(),
                        })
                    }
                    _ => {}
                }
                field = name;
                value.clear();
            }
            Event::Text(t) => value.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref().unwrap() {
                Some(c) => value.push(c),
                None => value.push_str(resolve_xml_entity(&r.xml10_content()).unwrap()),
            },
            Event::CData(c) => value.push_str(&c.into_inner()),
            Event::End(e) => {
                let name = e.local_name().as_ref().to_string();
                if let Some(ev) = current.as_mut() {
                    match name.as_str() {
                        "date" => ev.date = value.trim().to_string(),
                        "duration" => ev.duration = value.trim().to_string(),
                        "title" => ev.title = value.trim().to_string(),
                        "person" => ev.persons.push(value.trim().to_string()),
                        "event" => events.push(current.take().unwrap()),
                        _ => {}
                    }
                }
                let _ = &field;
                value.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    events
}

fn key(e: &Raw) -> (String, Vec<String>) {
    let mut p: Vec<String> = e.persons.iter().map(|s| s.to_lowercase()).collect();
    p.sort();
    (e.title.to_lowercase(), p)
}

/// The changes counted from the raw events: (added, removed, moved, retitled, speakers changed),
/// plus, per old id, whether it moved and whether it vanished.
struct Count {
    added: usize,
    removed: BTreeSet<String>,
    moved: BTreeSet<String>,
    /// Moved, retitled or with other speakers (old ids).
    changed: BTreeSet<String>,
    /// Cancelled in the new file, not in the old (old ids); not counted as moved or changed.
    cancelled: BTreeSet<String>,
    /// Of those, the ones that also moved.
    cancelled_moved: usize,
    retitled: usize,
    speakers: usize,
}

fn count(old: &[Raw], new: &[Raw]) -> Count {
    let old_ids: BTreeMap<&str, &Raw> = old.iter().map(|e| (e.id.as_str(), e)).collect();
    let new_ids: BTreeSet<&str> = new.iter().map(|e| e.id.as_str()).collect();
    let mut pairs: Vec<(&Raw, &Raw)> = Vec::new();
    let mut unmatched_new: Vec<&Raw> = Vec::new();
    for e in new {
        match old_ids.get(e.id.as_str()) {
            Some(o) => pairs.push((o, e)),
            None => unmatched_new.push(e),
        }
    }
    let mut unmatched_old: Vec<&Raw> = old
        .iter()
        .filter(|e| !new_ids.contains(e.id.as_str()))
        .collect();
    let mut added = 0;
    for e in unmatched_new {
        match unmatched_old.iter().position(|o| key(o) == key(e)) {
            Some(at) => pairs.push((unmatched_old.remove(at), e)),
            None => added += 1,
        }
    }
    let sorted = |p: &[String]| {
        let mut v = p.to_vec();
        v.sort();
        v
    };
    // FOSDEM's markers, as written in the final file.
    let marked = |e: &Raw| {
        ["[CANCELED]", "(CANCELLED)", "CANCELLED:"]
            .iter()
            .any(|m| e.title.starts_with(m))
    };
    let moved = |o: &Raw, n: &Raw| o.date != n.date || o.duration != n.duration || o.room != n.room;
    let (cancelled, pairs): (Vec<_>, Vec<_>) = pairs
        .into_iter()
        .partition(|(o, n)| marked(n) && !marked(o));
    Count {
        cancelled: cancelled.iter().map(|(o, _)| o.id.clone()).collect(),
        cancelled_moved: cancelled.iter().filter(|(o, n)| moved(o, n)).count(),
        added,
        removed: unmatched_old.iter().map(|e| e.id.clone()).collect(),
        moved: pairs
            .iter()
            .filter(|(o, n)| moved(o, n))
            .map(|(o, _)| o.id.clone())
            .collect(),
        changed: pairs
            .iter()
            .filter(|(o, n)| {
                o.date != n.date
                    || o.duration != n.duration
                    || o.room != n.room
                    || o.title != n.title
                    || sorted(&o.persons) != sorted(&n.persons)
            })
            .map(|(o, _)| o.id.clone())
            .collect(),
        retitled: pairs.iter().filter(|(o, n)| o.title != n.title).count(),
        speakers: pairs
            .iter()
            .filter(|(o, n)| sorted(&o.persons) != sorted(&n.persons))
            .count(),
    }
}

#[test]
fn diff_counts_match_a_count_made_from_the_xml_files() {
    let Some((old, new)) = pair() else { return };
    let expected = count(&raw_events(&old), &raw_events(&new));
    // The issue's own count of this pair, by id (3 talks are cancelled, 2 of them moved too).
    assert_eq!(
        (
            expected.added,
            expected.removed.len(),
            expected.moved.len() + expected.cancelled_moved,
            expected.cancelled.len()
        ),
        (192, 30, 97, 3)
    );
    let out = common::stdout(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &json["counts"];
    assert_eq!(c["added"], expected.added);
    assert_eq!(c["removed"], expected.removed.len());
    assert_eq!(c["moved"], expected.moved.len());
    assert_eq!(c["cancelled"], expected.cancelled.len());
    assert_eq!(c["retitled"], expected.retitled);
    assert_eq!(c["speakers_changed"], expected.speakers);
    let removed: BTreeSet<String> = json["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(removed, expected.removed);
    let table = common::stdout(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert!(table.contains(&format!(
        "{} added, {} removed, {} cancelled, {} moved",
        expected.added,
        expected.removed.len(),
        expected.cancelled.len(),
        expected.moved.len()
    )));
}

/// Settings of the saved plans re-planned below.
const PEOPLE: &[&[&str]] = &[
    &["--likes", "rust=3,security=2"],
    &["--likes", "python=2,ai,database", "--max-switches", "none"],
    &["--likes", "kernel=3,boot=2,embedded", "--max-switches", "1"],
    &[
        "--likes",
        "containers,kubernetes=2",
        "--switch-minutes",
        "5",
    ],
];

fn load(path: &Path) -> Schedule {
    agenda::import::load(Some(path)).unwrap().0
}

/// Room switches of an agenda (schedule indices in time order), day by day.
fn switches(schedule: &Schedule, chosen: &[usize]) -> u32 {
    chosen
        .windows(2)
        .filter(|w| {
            let (a, b) = (&schedule.sessions[w[0]], &schedule.sessions[w[1]]);
            a.date == b.date && a.room != b.room
        })
        .count() as u32
}

/// With a keep weight of one point (two half points) per kept talk, the agenda `replan`
/// makes from `saved_path` maximises score + 2·kept instead: again the DP's optimum, and it
/// never keeps fewer talks than `best_kept`.
fn check_keep_weight(
    new_schedule: &Schedule,
    new_path: &Path,
    saved_path: &Path,
    instance: &agenda::solve::Instance,
    scores: &[prefs::interests::Scored],
    keep: &BTreeSet<usize>,
    best_kept: usize,
) {
    let index = |id: &String| {
        new_schedule
            .sessions
            .iter()
            .position(|s| &s.id == id)
            .unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let weighted_path = dir.path().join("p0-weighted.ron");
    agenda()
        .args(["--schedule", new_path.to_str().unwrap(), "replan", "-q"])
        .arg(saved_path)
        .args(["--keep-weight", "1", "--save"])
        .arg(&weighted_path)
        .assert()
        .success();
    let weighted = SavedPlan::load(&weighted_path).unwrap();
    let chosen: Vec<usize> = weighted.sessions.iter().map(index).collect();
    let score: i64 = chosen.iter().map(|&i| scores[i].half_points).sum();
    let kept = chosen.iter().filter(|i| keep.contains(i)).count() as i64;
    let reference = dp::solve_keeping(instance, keep, 2).unwrap();
    let ref_kept = reference.chosen.iter().filter(|i| keep.contains(i)).count() as i64;
    assert_eq!(score + 2 * kept, reference.total + 2 * ref_kept);
    assert_eq!(kept, ref_kept);
    assert!(
        kept >= best_kept as i64,
        "a keep weight never keeps fewer talks"
    );
}

/// The report of plan `n` (saved with `sessions`) names exactly the plan's talks that moved
/// or vanished.
fn check_report(report: &str, sessions: &[String], raw: &Count, n: usize) {
    let tagged = |tag: &str| -> BTreeSet<String> {
        report
            .lines()
            .filter(|l| l.trim_start().starts_with(tag))
            .map(|l| {
                let open = l.rfind('[').unwrap();
                l[open + 1..l[open..].find(']').unwrap() + open].to_string()
            })
            .collect()
    };
    let mine: BTreeSet<String> = sessions.iter().cloned().collect();
    let moved: BTreeSet<String> = raw.moved.intersection(&mine).cloned().collect();
    let vanished: BTreeSet<String> = raw.removed.intersection(&mine).cloned().collect();
    assert_eq!(tagged("moved "), moved, "plan {n}: {report}");
    assert_eq!(tagged("cancelled "), vanished, "plan {n}: {report}");
    assert!(
        !moved.is_empty() || !vanished.is_empty() || n > 0,
        "the first plan is hit by the changes"
    );
}

/// A weight per kept talk above any score of these plans: the DP with it maximises the kept
/// talks first, then the score (independent of the weight `replan` computes for itself).
const KEEP_FIRST: i64 = 1_000_000;

/// `replan` by default: every earlier talk that fits is kept (as many as the DP can keep), the
/// rest of the time is planned for the best score, and what `--reshuffle` would gain is said.
fn check_default_keeps_every_talk_that_fits(
    new_path: &Path,
    saved_path: &Path,
    instance: &agenda::solve::Instance,
    scores: &[prefs::interests::Scored],
    keep: &BTreeSet<usize>,
    reshuffled: (i64, usize),
    n: usize,
) -> String {
    let new_schedule = load(new_path);
    let dir = tempfile::tempdir().unwrap();
    let kept_path = dir.path().join("kept.ron");
    let report = common::stdout(&[
        "--schedule",
        new_path.to_str().unwrap(),
        "replan",
        saved_path.to_str().unwrap(),
        "--save",
        kept_path.to_str().unwrap(),
    ]);
    let after = SavedPlan::load(&kept_path).unwrap();
    let chosen: Vec<usize> = after
        .sessions
        .iter()
        .map(|id| {
            new_schedule
                .sessions
                .iter()
                .position(|s| &s.id == id)
                .unwrap()
        })
        .collect();
    let score: i64 = chosen.iter().map(|&i| scores[i].half_points).sum();
    let kept = chosen.iter().filter(|i| keep.contains(i)).count();
    let best = dp::solve_keeping(instance, keep, KEEP_FIRST).unwrap();
    let best_kept = best.chosen.iter().filter(|i| keep.contains(i)).count();
    assert_eq!(kept, best_kept, "plan {n}: every earlier talk that fits");
    assert_eq!(score, best.total, "plan {n}: the best score given them");
    assert!(kept >= reshuffled.1 && score <= reshuffled.0, "plan {n}");
    let flat = report.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Proven optimal given the talks kept from your plan"),
        "{report}"
    );
    if score < reshuffled.0 {
        let says = format!(
            "`replan --reshuffle` would score {} (+{}), keeping {} of your",
            prefs::interests::format_points(reshuffled.0),
            prefs::interests::format_points(reshuffled.0 - score),
            reshuffled.1
        );
        assert!(flat.contains(&says), "plan {n}: {says}\n{report}");
    }
    report
}

/// `agenda --schedule OLD plan -q FLAGS --save TO`.
fn save_plan(old: &Path, flags: &[&str], to: &Path) {
    agenda()
        .args(["--schedule", old.to_str().unwrap(), "plan", "-q"])
        .args(flags)
        .arg("--save")
        .arg(to)
        .assert()
        .success();
}

#[test]
fn replan_keeps_what_fits_reshuffle_keeps_the_best_score_and_both_report_exactly_what_moved() {
    let Some((old_path, new_path)) = pair() else {
        return;
    };
    let new_schedule = load(&new_path);
    let raw = count(&raw_events(&old_path), &raw_events(&new_path));
    let dir = tempfile::tempdir().unwrap();
    for (n, flags) in PEOPLE.iter().enumerate() {
        let saved_path = dir.path().join(format!("p{n}.ron"));
        let replanned_path = dir.path().join(format!("p{n}-new.ron"));
        save_plan(&old_path, flags, &saved_path);
        let report = common::stdout(&[
            "--schedule",
            new_path.to_str().unwrap(),
            "replan",
            saved_path.to_str().unwrap(),
            "--reshuffle",
            "--save",
            replanned_path.to_str().unwrap(),
        ]);
        let before = SavedPlan::load(&saved_path).unwrap();
        let after = SavedPlan::load(&replanned_path).unwrap();
        let (request, _) = after.settings.to_request(&new_schedule).unwrap();
        let index = |id: &String| new_schedule.sessions.iter().position(|s| &s.id == id);
        let chosen: Vec<usize> = after.sessions.iter().map(|id| index(id).unwrap()).collect();
        let scores = prefs::interests::score_all(&new_schedule, &request.interests);
        let score: i64 = chosen.iter().map(|&i| scores[i].half_points).sum();
        // Earlier talks still in the schedule (by id: no id of these plans changed).
        let keep: BTreeSet<usize> = before.sessions.iter().filter_map(index).collect();
        let kept = chosen.iter().filter(|i| keep.contains(i)).count();
        // The reference: a fresh optimum, and the DP on (score, kept, −switches).
        let instance = plan::prepare(&new_schedule, &request).unwrap();
        let fresh = dp::solve(&instance).unwrap();
        let best = dp::solve_keeping(&instance, &keep, 0).unwrap();
        let best_kept = best.chosen.iter().filter(|i| keep.contains(i)).count();
        assert_eq!(score, fresh.total, "plan {n}: the fresh optimum");
        assert_eq!(best.total, fresh.total, "plan {n}: the DP keeps it");
        assert_eq!(kept, best_kept, "plan {n}: as many kept talks as possible");
        // Switches between the talks the solver chose (those that score or are kept), not
        // those spent on filling free time.
        let core = |i: &usize| scores[*i].half_points > 0 || keep.contains(i);
        let core: Vec<usize> = chosen.iter().copied().filter(core).collect();
        let fewest: u32 = best.switches.iter().sum();
        assert_eq!(
            switches(&new_schedule, &core),
            fewest,
            "plan {n}: then the fewest switches"
        );
        if n == 0 {
            check_keep_weight(
                &new_schedule,
                &new_path,
                &saved_path,
                &instance,
                &scores,
                &keep,
                best_kept,
            );
        }
        check_report(&report, &before.sessions, &raw, n);
        let report = check_default_keeps_every_talk_that_fits(
            &new_path,
            &saved_path,
            &instance,
            &scores,
            &keep,
            (score, kept),
            n,
        );
        check_report(&report, &before.sessions, &raw, n);
    }
}

/// The events of the calendar file `p` by UID: SEQUENCE, whether cancelled, and start, end and
/// location in one string.
fn ics_events(p: &Path) -> BTreeMap<String, (u32, bool, String)> {
    let text = std::fs::read_to_string(p).unwrap();
    let calendar: icalendar::Calendar = text.parse().unwrap();
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .map(|e| {
            let seq = e
                .property_value("SEQUENCE")
                .map_or(0, |s| s.parse().unwrap());
            let cancelled = e.property_value("STATUS") == Some("CANCELLED");
            let start = ["DTSTART", "DTEND", "LOCATION"]
                .map(|k| e.property_value(k).unwrap_or_default())
                .join(" ");
            (e.get_uid().unwrap().to_string(), (seq, cancelled, start))
        })
        .collect()
}

#[test]
fn the_new_calendar_keeps_uids_raises_sequence_and_cancels_what_left() {
    let Some((old_path, new_path)) = pair() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("ann.ron");
    let old_ics = dir.path().join("old.ics");
    let new_ics = dir.path().join("new.ics");
    agenda()
        .args(["--schedule", old_path.to_str().unwrap(), "plan", "-q"])
        .args(PEOPLE[0])
        .args(["--format", "ics", "-o"])
        .arg(&old_ics)
        .arg("--save")
        .arg(&saved)
        .assert()
        .success();
    agenda()
        .args(["--schedule", new_path.to_str().unwrap(), "replan", "-q"])
        .arg(&saved)
        .args(["--format", "ics", "-o"])
        .arg(&new_ics)
        .assert()
        .success();
    let old = ics_events(&old_ics);
    let new = ics_events(&new_ics);
    let before = SavedPlan::load(&saved).unwrap();
    let new_schedule = load(&new_path);
    let raw = count(&raw_events(&old_path), &raw_events(&new_path));
    let uid_id = |uid: &str| uid.split('@').next().unwrap().to_string();
    // Every event of the old file is still there under the same UID: updated or cancelled.
    for (uid, (seq, cancelled, start)) in &old {
        assert!(!cancelled);
        let (new_seq, new_cancelled, new_start) = new.get(uid).expect("the UID is kept");
        let id = uid_id(uid);
        let still_there = new_schedule.get(&id).is_some();
        if *new_cancelled {
            assert!(new_seq > seq, "{uid}: a cancellation has a higher SEQUENCE");
        } else if raw.changed.contains(&id) {
            assert!(new_seq > seq, "{uid} changed: a higher SEQUENCE");
            if raw.moved.contains(&id) {
                assert_ne!(new_start, start, "{uid} moved: new times or room");
            }
        } else {
            assert_eq!(new_seq, seq, "{uid} did not change");
        }
        if !still_there {
            assert!(*new_cancelled, "{uid} left the schedule: cancelled");
        }
    }
    // The talks the old plan had and the new agenda does not are exactly the cancelled ones.
    let after_ids: BTreeSet<String> = new
        .iter()
        .filter(|(_, v)| !v.1)
        .map(|(u, _)| uid_id(u))
        .collect();
    let cancelled: BTreeSet<String> = new
        .iter()
        .filter(|(_, v)| v.1)
        .map(|(u, _)| uid_id(u))
        .collect();
    let left: BTreeSet<String> = before
        .sessions
        .iter()
        .filter(|id| !after_ids.contains(*id))
        .cloned()
        .collect();
    assert_eq!(cancelled, left);
    assert!(!cancelled.is_empty(), "this plan loses talks");
}
