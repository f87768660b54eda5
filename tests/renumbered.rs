//! Renumbered talks: when an export gives its talks new ids, a talk with the same title and the
//! same start or room is the same talk, whoever its speakers are; `diff` and `replan` agree.
//!
//! On the shared FOSDEM 2025 pair: the final export renumbered (every id changed) and given a
//! co-speaker on every talk, against the export three weeks earlier. Skipped without ../shared.

use crate::common;
use agenda::schedule::Schedule;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A schedule file read as the commands read it.
fn read(path: &Path) -> Schedule {
    let text = std::fs::read_to_string(path).unwrap();
    agenda::import::read(&text, &path.display().to_string())
        .unwrap()
        .0
}

/// `schedule` with every id changed (`r<id>`) and a co-speaker added to every talk, written as
/// RON to `dir`.
fn renumbered(schedule: &Schedule, dir: &Path) -> std::path::PathBuf {
    let mut changed = schedule.clone();
    for s in &mut changed.sessions {
        s.id = format!("r{}", s.id);
        s.speakers.push("A. Co-Speaker".into());
    }
    common::write_schedule(&changed, dir, "renumbered.ron")
}

/// `agenda diff OLD NEW --format json`.
fn diff(old: &Path, new: &Path) -> Value {
    let (old, new) = (old.display().to_string(), new.display().to_string());
    let text = common::stdout(&["diff", &old, &new, "--format", "json"]);
    serde_json::from_str(&text).unwrap()
}

/// The old id of every new id the diff pairs (changed pairs only: JSON lists no others).
fn paired(diff: &Value) -> BTreeMap<String, String> {
    diff["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let id = |side: &str| c[side]["id"].as_str().unwrap().to_string();
            (id("new"), id("old"))
        })
        .collect()
}

#[test]
fn fosdem_2025_renumbered_keeps_every_talk_still_at_its_time_or_in_its_room() {
    let (Some(early), Some(final_)) = (
        common::shared_file("data/fosdem-2025-schedule-presnapshot-2025-01-11.xml"),
        common::shared_file("data/fosdem-2025-schedule.xml"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let final_schedule = read(&final_);
    let early_schedule = read(&early);
    let new = renumbered(&final_schedule, dir.path());
    let by_id = diff(&early, &final_);
    let by_title = diff(&early, &new);
    // Matched by id, the export itself: which talks are the same.
    assert_eq!(by_id["counts"]["removed"], 30);
    let early_index: BTreeMap<&str, &agenda::schedule::Session> = early_schedule
        .sessions
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let pairs = paired(&by_title);
    // The talks the id pairs that the titles cannot: another title, or moved in time and
    // room both (their speakers differ now, so rule 3 cannot take them either).
    let mut lost = 0;
    for s in &final_schedule.sessions {
        let Some(was) = early_index.get(s.id.as_str()) else {
            continue;
        };
        let same_title = agenda::schedule::cancelled::title_words(&was.title)
            == agenda::schedule::cancelled::title_words(&s.title);
        let same_slot = was.start_at() == s.start_at() || was.room == s.room;
        if same_title && same_slot {
            assert_eq!(
                pairs.get(&format!("r{}", s.id)).map(String::as_str),
                Some(s.id.as_str()),
                "{} `{}` is the same talk",
                s.id,
                s.title
            );
        } else {
            lost += 1;
        }
    }
    assert!(lost < 40, "{lost} talks lost");
    // And no talk is taken for another: every pair the titles make, the ids make too.
    for (new_id, old_id) in &pairs {
        assert_eq!(&new_id[1..], old_id, "{new_id} matched {old_id}");
    }
    let counted = |d: &Value, k: &str| d["counts"][k].as_u64().unwrap();
    assert_eq!(
        counted(&by_title, "removed"),
        counted(&by_id, "removed") + lost
    );
    assert_eq!(counted(&by_title, "added"), counted(&by_id, "added") + lost);
}

#[test]
fn replan_on_the_renumbered_fosdem_export_keeps_every_talk_as_diff_matches_it() {
    let Some(final_) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let new = renumbered(&read(&final_), dir.path());
    let saved = dir.path().join("me.ron");
    let (final_, new_s) = (final_.display().to_string(), new.display().to_string());
    common::stdout(&[
        "--schedule",
        &final_,
        "plan",
        "-q",
        "--likes",
        "rust=3,security=2",
        "--save",
        saved.to_str().unwrap(),
    ]);
    let n = agenda::saved::SavedPlan::load(&saved)
        .unwrap()
        .sessions
        .len();
    let out = common::stdout(&["--schedule", &new_s, "replan", saved.to_str().unwrap()]);
    // Every talk is the same talk under a new id, in its slot: nothing vanished, all kept.
    assert!(
        out.contains(&format!("kept {n} of your {n} talks")),
        "{out}"
    );
    assert!(!out.contains("no longer in the schedule"), "{out}");
    // And diff pairs every session of the plan the same way.
    let d = diff(Path::new(&final_), &new);
    assert_eq!(d["counts"]["removed"], 0, "{}", d["counts"]);
}
