//! A full room: `replan --from TIME --without ROOM|TALK` plans the rest of that day again
//! without it, keeping the plan's earlier talks and other days. The re-plan is checked against
//! exhaustive enumeration of every agenda of the day (written here from the rule, not from the
//! planner), and the report and the refusals are checked on small schedules.

use crate::common;
use common::agenda;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

/// A talk of a generated schedule.
#[derive(Debug, Clone)]
struct Talk {
    id: String,
    day: u32,
    room: usize,
    /// Minutes after midnight.
    start: i64,
    end: i64,
    /// Topic index: `alpha` scores 1 point, `beta` 2, `gamma` 3.
    topic: usize,
}

const ROOMS: [&str; 3] = ["Loft", "Galerie", "Saal"];
const TOPICS: [&str; 3] = ["alpha", "beta", "gamma"];
const DATES: [&str; 2] = ["2030-05-06", "2030-05-07"];

/// The schedule as RON: two days, three rooms.
fn ron(talks: &[Talk]) -> String {
    let sessions: Vec<String> = talks
        .iter()
        .map(|t| {
            format!(
                "(id: \"{}\", date: \"{}\", start: \"{:02}:{:02}\", minutes: {}, room: \"{}\", kind: Talk, title: \"Talk {}\", speakers: [\"Ada\"], topics: [\"{}\"], abstract: \"\")",
                t.id,
                DATES[t.day as usize - 1],
                t.start / 60,
                t.start % 60,
                t.end - t.start,
                ROOMS[t.room],
                t.id,
                TOPICS[t.topic]
            )
        })
        .collect();
    format!(
        "(conference: (name: \"Tiny\", time_zone: \"Europe/Berlin\", venue: \"\", rooms: [\"Loft\", \"Galerie\", \"Saal\"]), sessions: [{}])",
        sessions.join(", ")
    )
}

/// Per day and room, two to four talks one after the other with random gaps and lengths.
fn schedule() -> impl Strategy<Value = Vec<Talk>> {
    prop::collection::vec(
        prop::collection::vec((0i64..3, 1i64..4, 0usize..3), 2..4),
        6,
    )
    .prop_map(|lanes| {
        let mut talks = Vec::new();
        for (lane, entries) in lanes.iter().enumerate() {
            let (day, room) = (lane as u32 / 3 + 1, lane % 3);
            let mut at = 10 * 60;
            for &(gap, length, topic) in entries {
                let start = at + gap * 15;
                let end = start + length * 15;
                talks.push(Talk {
                    id: format!("d{day}r{room}t{}", talks.len()),
                    day,
                    room,
                    start,
                    end,
                    topic,
                });
                at = end;
            }
        }
        talks
    })
}

/// The best (kept, score, −switches) of the day's agendas made of `allowed` talks, each kept
/// talk of `mine` counting first, by trying every subset; `None` when there is none.
fn exhaustive(
    day: &[&Talk],
    mine: &BTreeSet<String>,
    max_switches: Option<u32>,
    switch_minutes: i64,
) -> Option<(usize, i64, i64)> {
    let mut best = None;
    for mask in 0u32..(1 << day.len()) {
        let mut chosen: Vec<&Talk> = (0..day.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| day[i])
            .collect();
        chosen.sort_by_key(|t| (t.start, t.room));
        if let Some(value) = value(&chosen, mine, max_switches, switch_minutes)
            && best.is_none_or(|b| value > b)
        {
            best = Some(value);
        }
    }
    best
}

/// (kept, score, −switches) of a day's agenda in time order, or `None` when it is no agenda.
fn value(
    chosen: &[&Talk],
    mine: &BTreeSet<String>,
    max_switches: Option<u32>,
    switch_minutes: i64,
) -> Option<(usize, i64, i64)> {
    let mut switches = 0;
    for w in chosen.windows(2) {
        if w[1].start < w[0].end {
            return None;
        }
        if w[0].room != w[1].room {
            switches += 1;
            if w[1].start - w[0].end < switch_minutes {
                return None;
            }
        }
    }
    if max_switches.is_some_and(|k| switches > k) {
        return None;
    }
    let kept = chosen.iter().filter(|t| mine.contains(&t.id)).count();
    let score = chosen.iter().map(|t| t.topic as i64 + 1).sum();
    Some((kept, score, -i64::from(switches)))
}

/// Runs agenda in `dir`, returning standard output.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = agenda()
        .current_dir(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_replan_without_a_room_is_the_best_rest_of_the_day_that_keeps_the_plan_first(
        talks in schedule(),
        (focus_day, from, full) in (1u32..3, 10 * 60i64..13 * 60, 0usize..3),
        (max_switches, switch_minutes) in (prop::option::of(0u32..3), prop::sample::select(vec![0i64, 15])),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("s.ron"), ron(&talks)).unwrap();
        let k = max_switches.map_or("none".to_string(), |k| k.to_string());
        let minutes = switch_minutes.to_string();
        // Only the topics the schedule has (a like that matches nothing is refused).
        let likes: Vec<String> = (0..3)
            .filter(|&k| talks.iter().any(|t| t.topic == k))
            .map(|k| format!("{}={}", TOPICS[k], k + 1))
            .collect();
        let likes = likes.join(",");
        run(dir.path(), &[
            "--schedule", "s.ron", "plan", "-q", "--likes", &likes, "--gaps",
            "--max-switches", &k, "--switch-minutes", &minutes, "--save", "p.ron",
        ]);
        let saved = agenda::saved::SavedPlan::load(&dir.path().join("p.ron")).unwrap();
        let mine: BTreeSet<String> = saved.sessions.iter().cloned().collect();
        let at = format!("day {focus_day} {:02}:{:02}", from / 60, from % 60);
        let json = run(dir.path(), &[
            "replan", "p.ron", "--from", &at, "--without", ROOMS[full], "--format", "json", "-q",
        ]);
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let chosen: BTreeSet<String> = common::chosen_ids(&json).into_iter().collect();
        // The rule, stated on its own: other days keep the plan's talks only; before `from`,
        // the plan's talks less one under way in the full room; from `from` on, every talk
        // outside the full room.
        let allowed = |t: &Talk| {
            if t.day != focus_day {
                mine.contains(&t.id)
            } else if t.start < from {
                mine.contains(&t.id) && !(t.room == full && t.end > from)
            } else {
                t.room != full
            }
        };
        for t in &talks {
            prop_assert!(!chosen.contains(&t.id) || allowed(t), "{} is not allowed: {chosen:?}", t.id);
            if t.day != focus_day || (t.start < from && allowed(t)) {
                // The plan's talks of other days and before `from` were an agenda together:
                // each stays.
                prop_assert_eq!(chosen.contains(&t.id), mine.contains(&t.id), "{}", t.id);
            }
        }
        let day: Vec<&Talk> = talks.iter().filter(|t| t.day == focus_day && allowed(t)).collect();
        let mut ours: Vec<&Talk> = day.iter().copied().filter(|t| chosen.contains(&t.id)).collect();
        ours.sort_by_key(|t| (t.start, t.room));
        let best = exhaustive(&day, &mine, max_switches, switch_minutes);
        prop_assert_eq!(value(&ours, &mine, max_switches, switch_minutes), best, "chosen {:?}", chosen);
    }
}

/// A RON schedule on one day: (id, room, start, minutes, topic).
fn day(talks: &[(&str, &str, &str, u32, &str)]) -> String {
    let sessions: Vec<String> = talks
        .iter()
        .map(|(id, room, start, minutes, topic)| {
            format!(
                "(id: \"{id}\", date: \"2030-05-06\", start: \"{start}\", minutes: {minutes}, room: \"{room}\", kind: Talk, title: \"Talk {id}\", speakers: [\"Ada\"], topics: [\"{topic}\"], abstract: \"\")"
            )
        })
        .collect();
    format!(
        "(conference: (name: \"Tiny\", time_zone: \"Europe/Berlin\", venue: \"\", rooms: [\"UD2.218A\", \"Galerie\"]), sessions: [{}])",
        sessions.join(", ")
    )
}

/// A day where the plan is all in UD2.218A, with a worse talk beside each in Galerie.
fn full_room_day(dir: &Path) {
    std::fs::write(
        dir.join("s.ron"),
        day(&[
            ("first", "UD2.218A", "10:00", 60, "rust"),
            ("side1", "Galerie", "10:00", 60, "go"),
            ("second", "UD2.218A", "11:00", 60, "rust"),
            ("side2", "Galerie", "11:00", 30, "go"),
            ("side3", "Galerie", "11:30", 30, "go"),
            ("third", "UD2.218A", "12:00", 60, "rust"),
            ("side4", "Galerie", "12:00", 60, "go"),
        ]),
    )
    .unwrap();
    save_plan(dir);
}

/// Plans `s.ron` in `dir` liking rust (3) and go, saved as `p.ron`.
fn save_plan(dir: &Path) {
    run(
        dir,
        &[
            "--schedule",
            "s.ron",
            "plan",
            "-q",
            "--likes",
            "rust=3,go",
            "--save",
            "p.ron",
        ],
    );
}

#[test]
fn a_full_room_is_left_from_then_on_with_what_changed_and_the_plan_saved() {
    let dir = tempfile::tempdir().unwrap();
    full_room_day(dir.path());
    let out = run(
        dir.path(),
        &[
            "replan",
            "p.ron",
            "--from",
            "11:00",
            "--without",
            "ud2.218a",
            "--save",
            "--compact",
        ],
    );
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.ends_with(" from Mon 11:00 without UD2.218A.")),
        "{out}"
    );
    let after = |label: &str, id: &str| -> String {
        let mut lines = out.lines();
        lines
            .find(|l| l.trim_start().starts_with(label) && l.contains(&format!("[{id}]")))
            .unwrap_or_else(|| panic!("{label} {id} in {out}"));
        lines.next().unwrap_or_default().trim().to_string()
    };
    assert_eq!(
        after("left out", "second"),
        "you left out its room, UD2.218A, from Mon 11:00; the agenda takes Talk side2 [side2], Talk side3 [side3] instead"
    );
    assert!(
        after("left out", "third").contains("Talk side4 [side4] instead"),
        "{out}"
    );
    assert_eq!(after("added", "side3"), "Mon 11:30–12:00 · Galerie");
    assert!(
        !out.contains("[first]\n"),
        "the first talk is not a change: {out}"
    );
    // The plan was saved over: `first` (until 11:00) stays, the rest is in Galerie.
    let saved = agenda::saved::SavedPlan::load(&dir.path().join("p.ron")).unwrap();
    assert_eq!(saved.sessions, ["first", "side2", "side3", "side4"]);
    // `now` at 11:05 reads it alone.
    let now = run(dir.path(), &["now", "--plan", "p.ron", "--at", "11:05"]);
    assert!(
        now.contains("Now:  Mon 11:00–11:30 · Galerie · Talk side2"),
        "{now}"
    );
}

#[test]
fn a_talk_under_way_in_the_full_room_is_left_and_a_talk_can_be_left_out_by_title() {
    let dir = tempfile::tempdir().unwrap();
    full_room_day(dir.path());
    // At 11:05 `second` is under way: the room is full, so it goes too; nothing else starts
    // then but side3 at 11:30.
    let json = run(
        dir.path(),
        &[
            "replan",
            "p.ron",
            "--from",
            "11:05",
            "--without",
            "UD2.218A",
            "--format",
            "json",
            "-q",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(common::chosen_ids(&json), ["first", "side3", "side4"]);
    // One talk left out by its title: the others stay.
    let json = run(
        dir.path(),
        &[
            "replan",
            "p.ron",
            "--from",
            "10:55",
            "--without",
            "Talk third",
            "--format",
            "json",
            "-q",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(common::chosen_ids(&json), ["first", "second", "side4"]);
}

#[test]
fn a_must_see_in_the_full_room_is_given_up_and_said() {
    let dir = tempfile::tempdir().unwrap();
    full_room_day(dir.path());
    run(
        dir.path(),
        &[
            "--schedule",
            "s.ron",
            "plan",
            "-q",
            "--likes",
            "go",
            "--must",
            "third",
            "--save",
            "m.ron",
        ],
    );
    let out = run(
        dir.path(),
        &[
            "replan",
            "m.ron",
            "--from",
            "10:55",
            "--without",
            "UD2.218A",
        ],
    );
    assert!(out.contains("  must-see   Talk third [third]"), "{out}");
    assert!(
        out.contains("given up: it is left out from Mon 10:55"),
        "{out}"
    );
}

#[test]
fn what_cannot_be_left_out_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    full_room_day(dir.path());
    for (args, said) in [
        (
            &["--from", "10:55", "--without", "Nowhere"][..],
            "--without `Nowhere` is not a room",
        ),
        (
            &["--from", "tea time", "--without", "Galerie"],
            "--from `tea time` is not a time",
        ),
        (
            &["--from", "2030-05-09 10:00"],
            "is on none of the conference's days",
        ),
    ] {
        let output = agenda()
            .current_dir(dir.path())
            .args(["replan", "p.ron"])
            .args(args)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(err.contains(said), "{args:?}: {err}");
    }
}

/// `--without` names a room as people type it: without its dots (`ud2218a`) or by the name in
/// its brackets (`Lameere` for `UB2.252A (Lameere)`); a name that fits two rooms is refused
/// with both.
#[test]
fn a_room_is_found_without_its_punctuation_or_by_its_name_in_brackets() {
    let dir = tempfile::tempdir().unwrap();
    full_room_day(dir.path());
    let first_line = |without: &str| {
        let out = run(
            dir.path(),
            &["replan", "p.ron", "--from", "11:00", "--without", without],
        );
        out.lines().next().unwrap_or_default().to_string()
    };
    for typed in ["ud2218a", "UD2 218A", "UD2.218A"] {
        assert!(
            first_line(typed).ends_with(" without UD2.218A."),
            "{typed}: {}",
            first_line(typed)
        );
    }
    let text = std::fs::read_to_string(dir.path().join("s.ron"))
        .unwrap()
        .replace("UD2.218A", "UB2.252A (Lameere)")
        .replace("\"Galerie\"", "\"UB2.252A\"");
    std::fs::write(dir.path().join("s.ron"), text).unwrap();
    save_plan(dir.path());
    assert!(
        first_line("lameere").ends_with(" without UB2.252A (Lameere)."),
        "{}",
        first_line("lameere")
    );
    // `UB2.252A` is a room's whole name: that room, not the one named after it in brackets.
    assert!(first_line("ub2.252a").ends_with(" without UB2.252A."));
    let err = String::from_utf8(
        agenda()
            .current_dir(dir.path())
            .args(["replan", "p.ron", "--from", "11:00", "--without", "ub2252a"])
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone(),
    )
    .unwrap();
    assert!(
        err.contains("names 2 rooms (`UB2.252A (Lameere)`, `UB2.252A`)"),
        "{err}"
    );
}
