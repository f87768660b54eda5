//! Re-planning that keeps earlier choices: the integer program on scaled scores and the
//! extended DP against exhaustive enumeration on small random instances; `agenda replan`,
//! `compare` and `together` with a plan made for an earlier version of the schedule.

use crate::common;

use agenda::plan::keep::scaled;
use agenda::solve::{Day, Instance, Item, dp, ilp};
use chrono::NaiveDate;
use common::agenda;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The room switches of a one-day choice in time order, or why it is no agenda: two talks
/// overlap, too little time to change rooms, over the switch limit, a must-see missing.
fn feasible(instance: &Instance, day: &Day, chosen: &[&Item]) -> Result<u32, ()> {
    let mut switches = 0;
    for w in chosen.windows(2) {
        if w[1].start < w[0].end {
            return Err(());
        }
        if w[0].room != w[1].room {
            switches += 1;
            if w[1].start - w[0].end < instance.switch_minutes {
                return Err(());
            }
        }
    }
    if instance.max_switches.is_some_and(|k| switches > k) {
        return Err(());
    }
    let musts_present = day
        .items
        .iter()
        .filter(|i| i.must)
        .all(|m| chosen.iter().any(|c| c.session == m.session));
    if musts_present { Ok(switches) } else { Err(()) }
}

/// The lexicographic value (score + w·kept, kept, −switches) of the best feasible agenda, by
/// trying every subset of the day's items; `None` when no subset is feasible.
fn exhaustive(instance: &Instance, keep: &BTreeSet<usize>, w: i64) -> Option<(i64, i64, i64)> {
    let day = &instance.days[0];
    let n = day.items.len();
    let mut best: Option<(i64, i64, i64)> = None;
    for mask in 0u32..(1 << n) {
        let mut chosen: Vec<&Item> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| &day.items[i])
            .collect();
        chosen.sort_by_key(|i| (i.start, i.room));
        let Ok(switches) = feasible(instance, day, &chosen) else {
            continue;
        };
        let kept = chosen.iter().filter(|i| keep.contains(&i.session)).count() as i64;
        let score: i64 = chosen.iter().map(|i| i.score).sum();
        let value = (score + w * kept, kept, -i64::from(switches));
        if best.is_none_or(|b| value > b) {
            best = Some(value);
        }
    }
    best
}

/// The same value for a solver's answer.
fn value_of(
    instance: &Instance,
    chosen: &[usize],
    keep: &BTreeSet<usize>,
    w: i64,
) -> (i64, i64, i64) {
    let day = &instance.days[0];
    let mut items: Vec<&Item> = day
        .items
        .iter()
        .filter(|i| chosen.contains(&i.session))
        .collect();
    items.sort_by_key(|i| (i.start, i.room));
    let switches = feasible(instance, day, &items).expect("a feasible agenda");
    let kept = items.iter().filter(|i| keep.contains(&i.session)).count() as i64;
    let score: i64 = items.iter().map(|i| i.score).sum();
    (score + w * kept, kept, -i64::from(switches))
}

fn small_case() -> impl Strategy<Value = (Instance, BTreeSet<usize>, i64)> {
    (
        prop::collection::vec(
            (
                0usize..3,
                0i64..12,
                1i64..5,
                -2i64..6,
                any::<bool>(),
                0u8..12,
            ),
            1..10,
        ),
        prop::option::of(0u32..3),
        0i64..3,
        0i64..3,
    )
        .prop_map(|(raw, k, m, w)| {
            let mut keep = BTreeSet::new();
            let mut items: Vec<Item> = raw
                .iter()
                .enumerate()
                .map(|(i, &(room, slot, len, score, kept, must))| {
                    if kept {
                        keep.insert(i);
                    }
                    Item {
                        session: i,
                        room,
                        start: slot * 10,
                        end: slot * 10 + len * 10,
                        score,
                        must: must == 0,
                    }
                })
                .collect();
            items.sort_by_key(|it| (it.start, it.room, it.session));
            let instance = Instance {
                days: vec![Day {
                    index: 1,
                    date: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                    items,
                }],
                rooms: 3,
                max_switches: k,
                switch_minutes: m * 5,
                walking: None,
            };
            (instance, keep, w)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn scaled_scores_and_the_extended_dp_find_the_lexicographic_optimum((instance, keep, w) in small_case()) {
        let best = exhaustive(&instance, &keep, w);
        let by_ilp = ilp::solve(&scaled(&instance, &keep, w));
        let by_dp = dp::solve_keeping(&instance, &keep, w);
        match best {
            None => {
                prop_assert!(common::is_infeasible(&by_ilp), "no agenda exists, yet the ILP found {:?}", by_ilp);
                prop_assert!(common::is_infeasible(&by_dp), "no agenda exists, yet the DP found {:?}", by_dp);
            }
            Some(best) => {
                let by_ilp = by_ilp.map_err(|e| TestCaseError::fail(format!("{e:#}")))?;
                let by_dp = by_dp.map_err(|e| TestCaseError::fail(format!("{e:#}")))?;
                prop_assert_eq!(value_of(&instance, &by_ilp.chosen, &keep, w), best);
                prop_assert_eq!(value_of(&instance, &by_dp.chosen, &keep, w), best);
            }
        }
    }
}

/// (kept, score, −switches) of the best feasible agenda when every earlier talk that fits is
/// kept first, by trying every subset of the day's items; `None` when no subset is feasible.
fn exhaustive_keeping_first(
    instance: &Instance,
    keep: &BTreeSet<usize>,
) -> Option<(i64, i64, i64)> {
    let day = &instance.days[0];
    let n = day.items.len();
    let mut best: Option<(i64, i64, i64)> = None;
    for mask in 0u32..(1 << n) {
        let mut chosen: Vec<&Item> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| &day.items[i])
            .collect();
        chosen.sort_by_key(|i| (i.start, i.room));
        let Ok(switches) = feasible(instance, day, &chosen) else {
            continue;
        };
        let kept = chosen.iter().filter(|i| keep.contains(&i.session)).count() as i64;
        let score: i64 = chosen.iter().map(|i| i.score).sum();
        let value = (kept, score, -i64::from(switches));
        if best.is_none_or(|b| value > b) {
            best = Some(value);
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn keeping_every_talk_that_fits_is_the_most_kept_then_the_best_score((instance, keep, _) in small_case()) {
        let w = agenda::plan::keep::lexicographic_weight(&instance);
        let best = exhaustive_keeping_first(&instance, &keep);
        let by_ilp = ilp::solve(&scaled(&instance, &keep, w));
        let by_dp = dp::solve_keeping(&instance, &keep, w);
        match best {
            None => {
                prop_assert!(common::is_infeasible(&by_ilp));
                prop_assert!(common::is_infeasible(&by_dp));
            }
            Some(best) => {
                for chosen in [by_ilp, by_dp] {
                    let chosen = chosen.map_err(|e| TestCaseError::fail(format!("{e:#}")))?.chosen;
                    let (with_w, kept, switches) = value_of(&instance, &chosen, &keep, w);
                    prop_assert_eq!((kept, with_w - w * kept, switches), best);
                }
            }
        }
    }
}

/// Plans on `schedule` with `args` and saves the plan to `to` (`plan -q … --save TO`).
fn save_plan(schedule: &std::path::Path, args: &[&str], to: &std::path::Path) {
    agenda()
        .arg("--schedule")
        .arg(schedule)
        .args(["plan", "-q"])
        .args(args)
        .arg("--save")
        .arg(to)
        .assert()
        .success();
}

/// The embedded schedule with one talk shortened, as a RON file, and the original.
fn two_versions(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schedule.ron")).unwrap();
    let old = dir.join("asg-old.ron");
    let new = dir.join("asg-new.ron");
    std::fs::write(&old, &text).unwrap();
    // "A Security Model for systemd" is shortened from 40 to 20 minutes (09:30–09:50).
    let moved = text.replacen(
        "id: \"security-model\",\n            date: \"2025-09-30\",\n            start: \"09:30\",\n            minutes: 40,",
        "id: \"security-model\",\n            date: \"2025-09-30\",\n            start: \"09:30\",\n            minutes: 20,",
        1,
    );
    assert_ne!(moved, text, "the fixture edit applies");
    std::fs::write(&new, moved).unwrap();
    (old, new)
}

#[test]
fn replan_on_the_same_schedule_changes_nothing_and_keeps_every_talk() {
    let dir = tempfile::tempdir().unwrap();
    let (old, _) = two_versions(dir.path());
    let plan = dir.path().join("alice.ron");
    save_plan(&old, &["--profile", "alice"], &plan);
    let out = common::stdout(&["replan", plan.to_str().unwrap()]);
    assert!(out.contains("the same schedule"), "{out}");
    // The footer is wrapped to the width: compare its words.
    let flat = |out: &str| out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat(&out).contains("Proven optimal given the talks kept from your plan")
            && flat(&out).contains("no agenda keeping them scores higher")
            && flat(&out).contains("(same score, kept talks and switches)"),
        "the footer states the re-planning order: {out}"
    );
    // Nothing better exists, and the footer says so instead of pointing to swaps not listed.
    assert!(
        flat(&out).contains("No agenda scores more, keeping your talks or not.")
            && !out.contains("listed above"),
        "{out}"
    );
    // The schedule read is the plan's own file, named as such, not the embedded one.
    assert!(
        out.contains("asg-old.ron, version") && !out.contains("Schedule: embedded"),
        "{out}"
    );
    let reshuffled = common::stdout(&["replan", plan.to_str().unwrap(), "--reshuffle"]);
    assert!(
        flat(&reshuffled).contains("none as good keeps more of your earlier talks"),
        "{reshuffled}"
    );
    assert!(
        out.contains("nothing: every talk of your plan is where it was"),
        "{out}"
    );
    let saved = agenda::saved::SavedPlan::load(&plan).unwrap();
    let n = saved.sessions.len();
    assert!(
        out.contains(&format!("kept {n} of your {n} talks")),
        "{out}"
    );
}

#[test]
fn replan_reports_the_moved_talk_and_raises_its_calendar_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_versions(dir.path());
    let plan = dir.path().join("alice.ron");
    save_plan(&old, &["--likes", "security=3"], &plan);
    let saved = agenda::saved::SavedPlan::load(&plan).unwrap();
    assert!(saved.sessions.contains(&"security-model".to_string()));
    let out = common::stdout(&[
        "--schedule",
        new.to_str().unwrap(),
        "replan",
        plan.to_str().unwrap(),
    ]);
    let moved: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("moved "))
        .collect();
    assert_eq!(moved.len(), 1, "{out}");
    assert!(moved[0].contains("[security-model]"), "{out}");
    let ics = common::stdout(&[
        "--schedule",
        new.to_str().unwrap(),
        "replan",
        plan.to_str().unwrap(),
        "--format",
        "ics",
    ]);
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    use icalendar::{CalendarComponent, Component};
    let event = calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e)
                if e.get_uid() == Some("security-model@all-systems-go-2025.agenda") =>
            {
                Some(e)
            }
            _ => None,
        })
        .expect("the moved talk has its old UID");
    assert_eq!(event.property_value("SEQUENCE"), Some("1"));
    assert!(event.property_value("LAST-MODIFIED").is_some());
}

#[test]
fn compare_and_together_replan_a_plan_for_an_older_version_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_versions(dir.path());
    let plan = dir.path().join("alice.ron");
    save_plan(&old, &["--profile", "alice"], &plan);
    for command in ["compare", "together"] {
        let output = agenda()
            .args([
                "--schedule",
                new.to_str().unwrap(),
                command,
                plan.to_str().unwrap(),
                "bob",
            ])
            .assert()
            .success()
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(
            err.contains("another version") && err.contains("re-planned"),
            "{command}: {err}"
        );
    }
}

#[test]
fn a_plan_saved_before_schedules_had_identities_replans_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_versions(dir.path());
    let plan = dir.path().join("alice.ron");
    save_plan(&old, &["--profile", "alice"], &plan);
    let mut saved = agenda::saved::SavedPlan::load(&plan).unwrap();
    saved.schedule.source = None;
    saved.schedule.version = None;
    saved.talks.clear();
    saved.matching.clear();
    saved.save(&plan).unwrap();
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(
        !text.contains("talks:") && !text.contains("source:"),
        "{text}"
    );
    // Without a source, the new schedule must be named.
    let output = agenda()
        .args(["replan", plan.to_str().unwrap()])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&output.stderr).contains("--schedule"));
    let out = common::stdout(&[
        "--schedule",
        new.to_str().unwrap(),
        "replan",
        plan.to_str().unwrap(),
    ]);
    assert!(out.contains("What changed for you"), "{out}");
    // With ids alone nothing is known to have moved, and every talk is still there.
    assert!(
        !out.contains("  moved ") && !out.contains("  cancelled "),
        "{out}"
    );
    let n = saved.sessions.len();
    let kept = out
        .lines()
        .find_map(|l| l.split("; kept ").nth(1))
        .expect("a kept line");
    assert!(kept.ends_with(&format!("of your {n} talks.")), "{out}");
}

#[test]
fn a_bad_keep_weight_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (old, _) = two_versions(dir.path());
    let plan = dir.path().join("alice.ron");
    save_plan(&old, &["--profile", "alice"], &plan);
    let output = agenda()
        .args(["replan", plan.to_str().unwrap(), "--keep-weight", "0.3"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&output.stderr).contains("--keep-weight"));
}

/// A RON schedule with one room per entry of `talks`: (id, room, start, topic).
fn tiny(talks: &[(&str, &str, &str, &str)]) -> String {
    let sessions: Vec<String> = talks
        .iter()
        .map(|(id, room, start, topic)| {
            format!(
                "(id: \"{id}\", date: \"2030-05-06\", start: \"{start}\", minutes: 30, room: \"{room}\", kind: Talk, title: \"Talk {id}\", speakers: [\"Ada\"], topics: [\"{topic}\"], abstract: \"\")"
            )
        })
        .collect();
    format!(
        "(conference: (name: \"Tiny\", time_zone: \"Europe/Berlin\", venue: \"\", rooms: [\"Loft\", \"Galerie\"]), sessions: [{}])",
        sessions.join(", ")
    )
}

#[test]
fn replan_reports_talks_of_the_plan_that_now_clash_and_new_talks_that_match() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    std::fs::write(
        &old,
        tiny(&[
            ("first", "Loft", "10:00", "bpf"),
            ("second", "Loft", "10:30", "bpf"),
            ("other", "Galerie", "10:00", "rust"),
        ]),
    )
    .unwrap();
    // `second` moves to 10:15 in the other room (now overlapping `first`); `late` is new.
    std::fs::write(
        &new,
        tiny(&[
            ("first", "Loft", "10:00", "bpf"),
            ("second", "Galerie", "10:15", "bpf"),
            ("other", "Galerie", "11:00", "rust"),
            ("late", "Loft", "12:00", "bpf"),
        ]),
    )
    .unwrap();
    let plan = dir.path().join("me.ron");
    save_plan(&old, &["--likes", "bpf", "--max-switches", "none"], &plan);
    let out = common::stdout(&[
        "--schedule",
        new.to_str().unwrap(),
        "replan",
        plan.to_str().unwrap(),
    ]);
    let line_after = |label: &str| -> String {
        let mut lines = out.lines();
        lines.find(|l| l.trim_start().starts_with(label));
        lines.next().unwrap_or_default().trim().to_string()
    };
    let clash = out
        .lines()
        .find(|l| l.trim_start().starts_with("clash "))
        .unwrap_or_else(|| panic!("a clash line in {out}"));
    assert!(clash.contains("[first]"), "{out}");
    assert_eq!(line_after("clash "), "now overlaps Talk second [second]");
    let new_line = out
        .lines()
        .find(|l| l.trim_start().starts_with("new "))
        .unwrap_or_else(|| panic!("a new line in {out}"));
    assert!(new_line.contains("Talk late [late]"), "{out}");
    assert!(line_after("new ").ends_with("; chosen"), "{out}");
    // Only one new talk: `other` moved but is no talk of the plan and matches nothing.
    assert_eq!(out.matches("  new ").count(), 1, "{out}");
}

#[test]
fn replan_keeps_a_talk_a_better_one_now_clashes_with_and_suggests_the_swap() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    std::fs::write(
        &old,
        tiny(&[
            ("mine", "Loft", "10:00", "bpf"),
            ("later", "Loft", "11:00", "rust"),
            ("gone", "Loft", "12:00", "rust"),
        ]),
    )
    .unwrap();
    // `hot` is new at the time of `mine` and scores more; `gone` is cancelled.
    let text = tiny(&[
        ("mine", "Loft", "10:00", "bpf"),
        ("hot", "Galerie", "10:00", "rust"),
        ("later", "Loft", "11:00", "rust"),
        ("gone", "Loft", "12:00", "rust"),
    ])
    .replace("\"Talk gone\"", "\"[CANCELED] Talk gone\"");
    std::fs::write(&new, text).unwrap();
    let plan = dir.path().join("me.ron");
    save_plan(&old, &["--likes", "bpf,rust=3"], &plan);
    let replan = |extra: &[&str]| {
        let mut args = vec!["--schedule", new.to_str().unwrap(), "replan"];
        args.push(plan.to_str().unwrap());
        args.extend_from_slice(extra);
        common::stdout(&args)
    };
    let kept = replan(&["--format", "json", "-q"]);
    let out = replan(&[]);
    // By default the earlier talk stays; the swap that gains 2 points is offered.
    let json: serde_json::Value = serde_json::from_str(&kept).unwrap();
    assert_eq!(common::chosen_ids(&json), ["mine", "later"], "{out}");
    assert!(
        out.contains("+2: Mon take Talk hot [hot] instead of Talk mine [mine]"),
        "{out}"
    );
    assert!(out.contains("kept 2 of your 3 talks"), "{out}");
    assert!(
        !out.lines().any(|l| l.trim_start().starts_with("changed ")),
        "a cancelled talk is not also changed: {out}"
    );
    let cancelled = out
        .lines()
        .skip_while(|l| !l.contains("cancelled  Talk gone [gone]"))
        .nth(1)
        .unwrap_or_else(|| panic!("a cancelled line in {out}"));
    assert!(
        cancelled.contains("cancelled by the organiser, dropped from your plan"),
        "{out}"
    );
    // --reshuffle and --keep-weight 1.5 take the swap; --keep-weight 2 does not (the gain is
    // not more than the weight).
    for (flags, chosen) in [
        (&["--reshuffle"][..], &["hot", "later"]),
        (&["--keep-weight", "1.5"], &["hot", "later"]),
        (&["--keep-weight", "2"], &["mine", "later"]),
    ] {
        let mut args = flags.to_vec();
        args.extend(["--format", "json", "-q"]);
        let json: serde_json::Value = serde_json::from_str(&replan(&args)).unwrap();
        assert_eq!(common::chosen_ids(&json), chosen, "{flags:?}");
    }
}
