//! `diff OLD NEW --plan FILE` (or `--likes`, `--profile`): only the changes that touch the
//! plan's talks or talks that score for you, and a verdict that counts them.
//!
//! On `tests/fixtures/good.ron` and versions of it changed here by hand, so each expected count
//! follows from the change made; on the shared FOSDEM 2025 pre-snapshot and final export, the
//! verdict is checked against a count made from the whole diff (skipped without ../shared).

use crate::common;
use agenda::schedule::Schedule;
use chrono::NaiveTime;
use common::{agenda, stdout, write_schedule};
use predicates::str::contains;
use serde_json::Value;
use std::path::Path;

const OLD: &str = "tests/fixtures/good.ron";

fn old() -> Schedule {
    agenda::import::load(Some(Path::new(OLD))).unwrap().0
}

fn session<'a>(schedule: &'a mut Schedule, id: &str) -> &'a mut agenda::schedule::Session {
    schedule.sessions.iter_mut().find(|s| s.id == id).unwrap()
}

/// A plan on the old version liking bpf and kernel: `bpf-intro` (the one talk that scores),
/// with `opening` and `rust-deep-dive` filling free time.
fn saved_plan(dir: &Path) -> String {
    let path = dir.join("plan.ron");
    agenda()
        .args(["plan", "--schedule", OLD, "--likes", "bpf,kernel", "--save"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    for id in ["opening", "bpf-intro", "rust-deep-dive"] {
        assert!(text.contains(&format!("\"{id}\",")), "{text}");
    }
    path.display().to_string()
}

/// The old version with one change to an unrelated talk: `sysext-intro` retitled (it is in no
/// plan and scores nothing for bpf or kernel).
fn unrelated_change(dir: &Path) -> String {
    let mut new = old();
    session(&mut new, "sysext-intro").title = "Systemd extensions, renamed".into();
    write_schedule(&new, dir, "unrelated.ron")
        .display()
        .to_string()
}

/// The old version with the plan's `rust-deep-dive` moved an hour later, its `bpf-intro`
/// cancelled, a new bpf talk added and the unrelated retitle.
fn several_changes(dir: &Path) -> String {
    let mut new = old();
    session(&mut new, "rust-deep-dive").start = NaiveTime::from_hms_opt(11, 0, 0).unwrap();
    session(&mut new, "bpf-intro").cancelled = true;
    session(&mut new, "sysext-intro").title = "Systemd extensions, renamed".into();
    let mut added = session(&mut new, "bpf-intro").clone();
    added.id = "bpf-advanced".into();
    added.title = "Advanced bpf".into();
    added.cancelled = false;
    added.room = "Galerie".into();
    added.date = session(&mut new, "rust-deep-dive").date;
    added.start = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
    new.sessions.push(added);
    write_schedule(&new, dir, "several.ron")
        .display()
        .to_string()
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&all)).unwrap()
}

#[test]
fn a_plan_whose_talks_did_not_change_says_so_and_shows_no_other_change() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, new) = (saved_plan(dir.path()), unrelated_change(dir.path()));
    let table = stdout(&["diff", OLD, &new, "--plan", &plan, "--width", "80"]);
    assert!(
        table.contains("whole schedule: 0 added, 0 removed, 0 cancelled, 0 moved, 1 retitled"),
        "{table}"
    );
    assert!(
        table.contains("\nNone of your 3 talks changed; no new talk scores for you\n"),
        "{table}"
    );
    assert!(
        !table.contains("renamed"),
        "the unrelated change is left out:\n{table}"
    );
    // Without --plan the same diff shows it.
    assert!(stdout(&["diff", OLD, &new]).contains("renamed"));
    let report = json(&["diff", OLD, &new, "--plan", &plan]);
    let verdict = &report["verdict"];
    assert_eq!(verdict["your_talks"], 3);
    assert_eq!(verdict["unchanged"], 3);
    assert_eq!(verdict["your_talks_from"], "plan");
    assert_eq!(report["changed"].as_array().unwrap().len(), 0);
    assert_eq!(
        report["counts"]["retitled"], 1,
        "the counts stay the whole schedule's"
    );
}

#[test]
fn a_plan_sees_its_moved_and_cancelled_talks_and_the_new_one_that_scores() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, new) = (saved_plan(dir.path()), several_changes(dir.path()));
    let table = stdout(&["diff", OLD, &new, "--plan", &plan, "--width", "80"]);
    assert!(
        table.contains(
            "\n1 of your 3 talks moved, 1 cancelled, 1 unchanged; 1 new talk scores for you\n"
        ),
        "{table}"
    );
    assert!(table.contains("your talk"), "{table}");
    assert!(table.contains("Advanced bpf"), "{table}");
    assert!(!table.contains("renamed"), "{table}");
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let report = json(&["diff", OLD, &new, "--plan", &plan]);
    let v = &report["verdict"];
    let counts: Vec<i64> = [
        "your_talks",
        "moved",
        "cancelled",
        "removed",
        "changed",
        "unchanged",
        "new_scoring",
        "other_changed",
    ]
    .iter()
    .map(|k| v[k].as_i64().unwrap())
    .collect();
    assert_eq!(counts, [3, 1, 1, 0, 0, 1, 1, 0]);
    assert_eq!(
        v["text"],
        "1 of your 3 talks moved, 1 cancelled, 1 unchanged; 1 new talk scores for you"
    );
    // Your talks first, each marked; the added talk is not yours.
    let changed: Vec<(&str, bool)> = report["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["new"]["id"].as_str().unwrap(),
                c["yours"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(changed, [("bpf-intro", true), ("rust-deep-dive", true)]);
    assert_eq!(report["added"][0]["id"], "bpf-advanced");
    assert_eq!(report["added"][0]["yours"], false);
}

#[test]
fn likes_alone_take_the_talks_that_scored_as_yours() {
    let dir = tempfile::tempdir().unwrap();
    let new = several_changes(dir.path());
    let report = json(&["diff", OLD, &new, "--likes", "bpf"]);
    let v = &report["verdict"];
    assert_eq!(v["your_talks_from"], "interests");
    assert_eq!(
        v["text"],
        "The one talk that scores for you was cancelled; 1 new talk scores for you"
    );
    // No plan, so nothing is marked yours; the moved rust talk scores nothing and is left out.
    let changed = report["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].get("yours").is_none());
    let unrelated = unrelated_change(dir.path());
    let table = stdout(&["diff", OLD, &unrelated, "--likes", "rust,bpf"]);
    assert!(
        table
            .contains("None of the 2 talks that score for you changed; no new talk scores for you"),
        "{table}"
    );
}

#[test]
fn a_plan_for_another_conference_or_with_a_profile_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = saved_plan(dir.path());
    agenda()
        .args([
            "diff",
            "tests/fixtures/nights.ron",
            "tests/fixtures/nights.ron",
            "--plan",
            &plan,
        ])
        .assert()
        .code(2)
        .stderr(contains(
            "plan for `Tiny Conf`, but OLD is `Night Congress`",
        ));
    agenda()
        .args(["diff", OLD, OLD, "--plan", &plan, "--profile", "alice"])
        .assert()
        .code(2)
        .stderr(contains("cannot be used with"));
    agenda()
        .args(["diff", OLD, OLD, "--plan", "/nonexistent/plan.ron"])
        .assert()
        .code(2)
        .stderr(contains("/nonexistent/plan.ron"));
}

/// On FOSDEM 2025's pre-snapshot and final export: a plan's verdict is what the whole diff
/// says about the plan's talks, counted here from the unfiltered JSON.
#[test]
fn fosdem_2025_the_verdict_counts_what_the_whole_diff_says_of_the_plans_talks() {
    let (Some(early), Some(final_)) = (
        common::shared_file("data/fosdem-2025-schedule-presnapshot-2025-01-11.xml"),
        common::shared_file("data/fosdem-2025-schedule.xml"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("fosdem.ron");
    let early = early.display().to_string();
    let final_ = final_.display().to_string();
    agenda()
        .args([
            "plan",
            "--schedule",
            &early,
            "--likes",
            "rust=3,bpf,kernel",
            "--save",
        ])
        .arg(&plan)
        .assert()
        .success();
    let saved = agenda::saved::SavedPlan::load(&plan).unwrap();
    let mine: std::collections::BTreeSet<&str> =
        saved.sessions.iter().map(String::as_str).collect();
    let whole = json(&["diff", &early, &final_]);
    let [moved, cancelled, removed, changed] = fates(&whole, &mine);
    let plan = plan.display().to_string();
    let focused = json(&["diff", &early, &final_, "--plan", &plan]);
    let v = &focused["verdict"];
    let n = mine.len();
    assert_eq!(v["your_talks"], n);
    assert_eq!(
        [
            &v["moved"],
            &v["cancelled"],
            &v["removed"],
            &v["changed"],
            &v["unchanged"]
        ],
        [
            moved,
            cancelled,
            removed,
            changed,
            n - moved - cancelled - removed - changed
        ]
    );
    // Every change to a plan talk is shown and marked, and nothing shown is outside the whole.
    let yours = focused["changed"]
        .as_array()
        .unwrap()
        .iter()
        .chain(focused["removed"].as_array().unwrap())
        .filter(|c| c["yours"] == true)
        .count();
    assert_eq!(yours, moved + cancelled + removed + changed);
    for list in ["changed", "added", "removed"] {
        assert!(focused[list].as_array().unwrap().len() <= whole[list].as_array().unwrap().len());
    }
    // Far fewer lines than the whole diff, which is what the flag is for.
    let table = stdout(&["diff", &early, &final_, "--plan", &plan]);
    let all = stdout(&["diff", &early, &final_]);
    assert!(table.lines().count() * 5 < all.lines().count(), "{table}");
}

/// How many of `mine` (old ids) the whole diff reports moved, cancelled, removed, and retitled
/// or with other speakers, each talk once by its worst change.
fn fates(whole: &Value, mine: &std::collections::BTreeSet<&str>) -> [usize; 4] {
    let (mut moved, mut cancelled, mut removed, mut changed) = (0, 0, 0, 0);
    for c in whole["changed"].as_array().unwrap() {
        if !mine.contains(c["old"]["id"].as_str().unwrap()) {
            continue;
        }
        let words: Vec<&str> = c["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        if words.contains(&"cancelled") {
            cancelled += 1;
        } else if ["time", "room", "length"].iter().any(|w| words.contains(w)) {
            moved += 1;
        } else if words.contains(&"title") || words.contains(&"speakers") {
            changed += 1;
        }
    }
    for r in whole["removed"].as_array().unwrap() {
        removed += usize::from(mine.contains(r["id"].as_str().unwrap()));
    }
    [moved, cancelled, removed, changed]
}
