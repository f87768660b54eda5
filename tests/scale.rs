//! The shapes whose cost once exploded (`common::shapes`), on small sizes: what each command
//! says about them. How their time grows is measured by `benches/scale.rs`, never here.

use crate::common::{agenda, output, plan_liking_talks, shapes, stdout_of, temp_file};

#[test]
fn a_slot_of_many_talks_in_one_room_lists_the_first_clashes_and_counts_the_rest() {
    use agenda::schedule::validate::LISTED_PER_ROOM;
    let n = 300;
    let (_dir, path) = temp_file("slot.json", &shapes::same_slot(n));
    let (stdout, _) = output(&["check", path.to_str().unwrap()]);
    let overlaps: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("warning[room-overlap]"))
        .collect();
    // Pairwise there were n(n-1)/2 = 44,850 lines; one per talk, n - 1 = 299.
    assert_eq!(overlaps.len(), LISTED_PER_ROOM + 1, "{stdout}");
    assert!(!overlaps[0].contains("more earlier"), "{}", overlaps[0]);
    let last_listed = overlaps[LISTED_PER_ROOM - 1];
    assert!(
        last_listed.contains(&format!(
            "(and {} more earlier entries)",
            LISTED_PER_ROOM - 1
        )),
        "{last_listed}"
    );
    // The talks are in id order as text: 0, 1, 10, 100, 101, …; the listed clashes are those
    // of the first LISTED_PER_ROOM after `0`, the count covers the others up to `99`.
    let summary = overlaps[LISTED_PER_ROOM];
    let folded = n - 1 - LISTED_PER_ROOM;
    assert!(
        summary.contains(&format!(
            "room A holds {folded} more entries that clash with earlier ones, from `"
        )) && summary.contains("to `99` (2025-09-30 10:00–10:30)")
            && summary.contains("not listed one by one"),
        "{summary}"
    );
    assert!(
        stdout.contains(&format!("({} warnings)", LISTED_PER_ROOM + 1)),
        "{stdout}"
    );
}

#[test]
fn talks_over_a_break_are_listed_and_counted_apart_from_the_talks_clashes() {
    use agenda::schedule::validate::LISTED_PER_ROOM;
    let n = 250;
    let text = shapes::same_slot(n).replacen("\"type\":\"Talk\"", "\"type\":\"break\"", 1);
    let (_dir, path) = temp_file("break.json", &text);
    let (stdout, _) = output(&["check", path.to_str().unwrap()]);
    let lines = |code: &str| -> Vec<&str> { stdout.lines().filter(|l| l.contains(code)).collect() };
    let (over_break, overlaps) = (lines("[talk-over-break]"), lines("[room-overlap]"));
    assert_eq!(over_break.len(), LISTED_PER_ROOM + 1, "{stdout}");
    assert_eq!(overlaps.len(), LISTED_PER_ROOM + 1, "{stdout}");
    // Every talk but the first is over the break; every talk but the first two clashes with
    // an earlier talk.
    let summary = over_break[LISTED_PER_ROOM];
    let folded = n - 1 - LISTED_PER_ROOM;
    assert!(
        summary.contains(&format!("holds {folded} more talks and breaks that clash")),
        "{summary}"
    );
    let summary = overlaps[LISTED_PER_ROOM];
    let folded = n - 2 - LISTED_PER_ROOM;
    assert!(
        summary.contains(&format!("holds {folded} more entries that clash")),
        "{summary}"
    );
}

#[test]
fn the_warnings_held_for_a_slot_flood_do_not_grow_with_it() {
    // What `plan` and `check` hold beside the schedule: a fixed number of warnings for any
    // number of talks in one slot, each listing its entries by name.
    let held = |n: usize| {
        let (schedule, problems) = agenda::import::read(&shapes::same_slot(n), "slot").unwrap();
        assert_eq!(schedule.sessions.len(), n);
        problems
    };
    let (small, large) = (held(1_000), held(2_000));
    let limit = agenda::schedule::validate::LISTED_PER_ROOM + 1;
    assert_eq!(small.len(), limit, "{small:?}");
    assert_eq!(large.len(), limit);
    let summary = |problems: &[agenda::schedule::Problem]| problems[limit - 1].message.clone();
    assert!(summary(&small).contains(&format!("holds {} more", 1_000 - limit)));
    assert!(summary(&large).contains(&format!("holds {} more", 2_000 - limit)));
}

#[test]
fn a_talk_over_a_break_is_still_reported_when_talks_clash_too() {
    let text = shapes::same_slot(3).replacen("\"type\":\"Talk\"", "\"type\":\"break\"", 1);
    let (_dir, path) = temp_file("break.json", &text);
    let (stdout, _) = output(&["check", path.to_str().unwrap()]);
    let count = |code: &str| stdout.lines().filter(|l| l.contains(code)).count();
    assert_eq!(count("warning[talk-over-break]"), 2, "{stdout}");
    assert_eq!(count("warning[room-overlap]"), 1, "{stdout}");
}

#[test]
fn days_that_overlap_are_planned_and_checked_without_the_exponential_reference() {
    // Four days on four dates, each with a session listed under it on the first date: all four
    // are open at once there, and the reference dynamic program's state would hold every open
    // day's room (exponential in the days); the plan is still checked by every rule.
    let (_dir, path) = temp_file("days.json", &shapes::misfiled_days(4));
    let out = plan_liking_talks(&path, &["--format", "json"]);
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    let chosen = crate::common::chosen_ids(&plan);
    // Each day holds a talk every hour from 09:00 to 18:00 in every room.
    assert!(chosen.len() >= 40, "{chosen:?}");
    let stdout = plan_liking_talks(&path, &[]);
    assert!(stdout.contains("Verified after solving"), "{stdout}");
    assert!(!stdout.contains("reference dynamic program"), "{stdout}");
}

#[test]
fn more_overlapping_days_than_planned_at_once_are_refused_naming_them() {
    // Five days kept open at once by sessions listed under them on the first date: each counts
    // its own room switches, and the exact work grows exponentially with the days open at once;
    // refused with what to do, not minutes of work.
    let (dir, path) = temp_file("days.json", &shapes::misfiled_days(5));
    let schedule = path.to_str().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::fs::write(&a, shapes::long_name_profile(1)).unwrap();
    std::fs::write(&b, shapes::long_name_profile(2)).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    for args in [
        vec!["plan", "--schedule", schedule, "--likes", "talk"],
        vec!["--schedule", schedule, "together", a, b],
        vec!["--schedule", schedule, "compare", a, b],
    ] {
        let out = agenda().args(&args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(
                "conference days 1, 2, 3, 4 and 5 (listed from 2025-09-30 to 2025-10-04) all overlap in time"
            ),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("(outside-day); move them"), "{stderr}");
    }
    // Many such days: the first few, how many, the last — not every number.
    let (_dir, path) = temp_file("many.json", &shapes::misfiled_days(12));
    let out = agenda()
        .args([
            "plan",
            "--schedule",
            path.to_str().unwrap(),
            "--likes",
            "talk",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("conference days 1, 2, 3, 4, 5, … (12 days in all) and 12 (listed from"),
        "{stderr}"
    );
}

#[test]
fn days_listed_at_the_same_time_are_one_day_planned_alone_and_together() {
    // Five days on one date with the same hours (the shape that once took minutes together and
    // was refused alone): one conference day, whose room switches count as one day's.
    let (dir, path) = temp_file("days.json", &shapes::overlapping_days(5));
    let schedule = path.to_str().unwrap();
    let check = stdout_of(agenda().args(["check", schedule]));
    assert!(
        check.contains(
            "warning[days-at-once]: the export's days 1, 2, 3, 4 and 5 run at the same time (on 2025-09-30 08:00–23:00); they are read as one day, day 1"
        ),
        "{check}"
    );
    assert!(
        check.contains("Shapes: 1 day, 4 rooms, 200 talks"),
        "{check}"
    );
    let plan = plan_liking_talks(&path, &["--max-switches", "1", "--format", "json"]);
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    assert_eq!(plan["days"].as_array().unwrap().len(), 1, "{plan}");
    assert!(plan["switches"]["1"].as_u64().unwrap() <= 1, "{plan}");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::fs::write(&a, shapes::long_name_profile(1)).unwrap();
    std::fs::write(&b, shapes::long_name_profile(2)).unwrap();
    for command in ["together", "compare"] {
        let out = stdout_of(agenda().args([
            "--schedule",
            schedule,
            command,
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ]));
        assert!(out.contains("Day 1"), "{command}: {out}");
        assert!(!out.contains("Day 2"), "{command}: {out}");
    }
}

#[test]
fn a_very_long_word_keeps_the_table_within_its_width_and_its_size_linear() {
    let n = 20_000;
    let (_dir, path) = temp_file("word.json", &shapes::long_word(n));
    let text = plan_liking_talks(&path, &["--width", "100"]);
    assert!(
        text.lines().all(|l| l.chars().count() <= 100),
        "a line is wider than 100"
    );
    // The word's characters, each drawn once with its share of borders: about n·100/width cells.
    assert!(
        text.len() < 8 * n,
        "{} bytes for a {n}-character word",
        text.len()
    );
    // Every character of the word is printed once in the table's rows (the header above the
    // table names the schedule's temporary path, whose random name may hold x's of its own).
    let in_rows: usize = text
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(|l| l.matches('x').count())
        .sum();
    assert_eq!(in_rows, n);
}

#[test]
fn a_very_long_room_and_speaker_name_keep_the_plan_table_within_its_width() {
    let n = 20_000;
    let (_dir, path) = temp_file("room.json", &shapes::long_room_and_speaker(n));
    for width in ["100", "130"] {
        let text = plan_liking_talks(&path, &["--width", width]);
        let width: usize = width.parse().unwrap();
        let table: Vec<&str> = text.lines().filter(|l| l.starts_with(['│', '┌'])).collect();
        assert!(
            table.iter().all(|l| l.chars().count() <= width),
            "a table line is wider than {width}"
        );
        // The room's and the name's characters, each drawn about once: linear, not n·n/width
        // (a column as wide as the room name, as before).
        assert!(
            text.len() < 20 * n,
            "{} bytes for {n}-character names",
            text.len()
        );
    }
}

#[test]
fn a_very_long_person_name_is_compared_within_the_width() {
    let n = 5_000;
    let (dir, p1) = temp_file("p1.ron", &shapes::long_name_profile(n));
    let p2 = dir.path().join("p2.ron");
    std::fs::write(&p2, shapes::long_name_profile(3)).unwrap();
    let (_sdir, schedule) = temp_file("s.json", &shapes::overlapping_days(1));
    let text = stdout_of(
        agenda()
            .args([
                "--schedule",
                schedule.to_str().unwrap(),
                "compare",
                "--width",
                "90",
            ])
            .args([p1.to_str().unwrap(), p2.to_str().unwrap()]),
    );
    let table: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(['│', '┌', '└', '╞', '├']))
        .collect();
    assert!(!table.is_empty(), "{text}");
    assert!(
        table.iter().all(|l| l.chars().count() <= 90),
        "a table line is wider than 90"
    );
    // The tables show the name cut to 40 characters wherever it is (header, summaries, every
    // meeting row), so their size does not grow with it; JSON keeps it whole.
    let longest = |text: &str| text.split(|c| c != 'N').map(str::len).max().unwrap_or(0);
    for command in ["compare", "together"] {
        let run = |format: &str| {
            stdout_of(
                agenda()
                    .args(["--schedule", schedule.to_str().unwrap(), command])
                    .args(["--format", format])
                    .args([p1.to_str().unwrap(), p2.to_str().unwrap()]),
            )
        };
        let text = run("table");
        assert_eq!(longest(&text), 39, "{command}: {text}");
        assert!(text.contains(&format!("{}…", "N".repeat(39))), "{text}");
        assert!(text.len() < 40_000, "{command}: {} bytes", text.len());
        assert_eq!(longest(&run("json")), n, "{command}");
    }
}

#[test]
fn many_entries_with_one_id_get_the_next_free_numbers_in_one_warning() {
    let n = 1_000;
    let (_dir, path) = temp_file("ids.json", &shapes::duplicate_ids(n));
    let (stdout, _) = output(&["check", path.to_str().unwrap()]);
    let renamed: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("warning[duplicate-id]"))
        .collect();
    assert_eq!(renamed.len(), 1, "{stdout}");
    let line = renamed[0];
    assert!(
        line.contains(&format!("the id `7` is used by {n} entries")),
        "{line}"
    );
    // JSON gives no lines: the new ids alone, the first few and the last.
    assert!(
        line.contains("now, in file order, `7-2`, `7-3`, `7-4`, …, `7-1000`;"),
        "{line}"
    );
    // The renamed entries are there under their new ids.
    let talks = crate::common::stdout(&[
        "--schedule",
        path.to_str().unwrap(),
        "-q",
        "talks",
        "--format",
        "json",
    ]);
    let ids: Vec<String> = serde_json::from_str::<serde_json::Value>(&talks)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), n);
    for k in [2, 3, 500, n] {
        assert!(ids.contains(&format!("7-{k}")), "7-{k}");
    }
}

#[test]
fn many_empty_rooms_are_each_listed_once() {
    let n = 5_000;
    let (_dir, path) = temp_file("rooms.json", &shapes::empty_rooms(n));
    let (stdout, stderr) = output(&["check", path.to_str().unwrap()]);
    assert!(
        stdout.contains(&format!("{n} rooms")) || stderr.contains(&format!("{n} rooms")),
        "{stdout}{stderr}"
    );
}

/// A person liking `talk` (weight 1) under `limits`.
fn liking_talk(limits: agenda::prefs::Limits) -> agenda::prefs::Request {
    use agenda::prefs::{Interests, Request, Weighted};
    Request {
        interests: Interests {
            likes: vec![Weighted {
                term: "talk".into(),
                weight: 1,
            }],
            ..Interests::default()
        },
        limits,
    }
}

/// Two people alike (liking `talk`, at most two switches a day) planning together on
/// `schedule`: their joint value, and the most any joint agenda can have — twice one person's
/// best with company counted in every talk, by the reference dynamic program.
fn together_and_the_most_with_company_free(schedule: &str) -> (i64, i64) {
    use agenda::friends::together::{self, Settings};
    use agenda::prefs::{Limits, Request};
    let (schedule, _) = agenda::import::read(schedule, "shape").unwrap();
    let request = liking_talk(Limits {
        max_switches: Some(2),
        switch_minutes: 0,
        busy: Vec::new(),
        gaps: false,
        walking: None,
    });
    let people: Vec<(String, String, Request)> = ["A", "B"]
        .iter()
        .map(|n| (n.to_string(), "shape".to_string(), request.clone()))
        .collect();
    let settings = Settings::default();
    let joint = together::plan_together(&schedule, &people, settings).unwrap();
    assert!(joint.optimal);
    // Each of the two is at best in every talk they like with the other: value 60·score +
    // bonus·minutes per talk, for an agenda of their own rules.
    let mut free = agenda::plan::prepare(&schedule, &request).unwrap();
    for it in free.days.iter_mut().flat_map(|d| &mut d.items) {
        if it.score > 0 {
            it.score = 60 * it.score + settings.bonus * (it.end - it.start);
        }
    }
    let most = 2 * agenda::solve::dp::solve(&free).unwrap().total;
    (joint.value, most)
}

#[test]
fn days_that_overlap_are_planned_together_at_the_most_any_joint_agenda_can_have() {
    let (value, most) = together_and_the_most_with_company_free(&shapes::misfiled_days(2));
    assert_eq!(value, most);
}

#[test]
fn a_day_of_equal_talks_is_planned_together_at_the_most_any_joint_agenda_can_have() {
    // Where the joint integer program met countless equal agendas (the switch limit lets its
    // relaxation take fractional routes), the plan is still the best there is.
    let (value, most) = together_and_the_most_with_company_free(&shapes::equal_talks(8));
    assert_eq!(value, most);
}

#[test]
fn a_day_of_equal_talks_is_planned_as_the_reference_plans_it_without_branch_and_bound() {
    use agenda::prefs::Limits;
    let (schedule, _) = agenda::import::read(&shapes::equal_talks(8), "shape").unwrap();
    for max_switches in [Some(1), Some(2), Some(3), None] {
        let request = liking_talk(Limits {
            max_switches,
            ..Limits::default()
        });
        let instance = agenda::plan::prepare(&schedule, &request).unwrap();
        let planned = agenda::solve::ilp::solve(&instance).unwrap();
        let reference = agenda::solve::dp::solve(&instance).unwrap();
        assert_eq!(planned.total, reference.total, "K = {max_switches:?}");
        assert_eq!(planned.switches, reference.switches, "K = {max_switches:?}");
        agenda::solve::check(&instance, &planned.chosen).unwrap();
        if max_switches == Some(2) {
            // The relaxation takes fractional routes here: the longest paths answered.
            assert_eq!(planned.stats.variables, 0, "K = {max_switches:?}");
        }
    }
}
