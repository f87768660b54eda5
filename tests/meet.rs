//! Agreed meetings (`--meet`, a profile's `meet`), busy windows everyone shares read as
//! meetings, and the list of meeting options per day: the same in the table, the text, the JSON
//! and the HTML page, with the place most of the group leaves from and each person's walk.

use crate::common;

use common::{fails_with, stdout};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).expect("valid JSON")
}

/// `HH:MM` as minutes of the day.
fn minutes(t: &str) -> i64 {
    let (h, m) = t.split_once(':').unwrap();
    h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
}

/// Every session of the schedule `args` name (from a plan's JSON): id → (date, start, end).
fn session_times(schedule_args: &[&str]) -> BTreeMap<String, (String, i64, i64)> {
    let mut args = schedule_args.to_vec();
    args.extend(["plan", "--likes", "rust", "--format", "json"]);
    json(&args)["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                (
                    s["date"].as_str().unwrap().to_string(),
                    minutes(s["start"].as_str().unwrap()),
                    minutes(s["end"].as_str().unwrap()),
                ),
            )
        })
        .collect()
}

/// The ids a comparison's JSON lists for person `p`.
fn sessions_of(v: &Value, p: usize) -> Vec<String> {
    v["people"][p]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// A meeting option of the JSON as the words every writer prints: (when, place, titles).
fn json_meetings(v: &Value) -> Vec<(String, String, Vec<String>)> {
    v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let clock = |k: &str| m[k].as_str().unwrap()[11..16].to_string();
            (
                format!(
                    "{}–{} ({} min)",
                    clock("from"),
                    clock("until"),
                    m["minutes"].as_i64().unwrap()
                ),
                m["place"].as_str().unwrap_or("anywhere").to_string(),
                m["what"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// The meeting options of the HTML page's list, in order: (when, what, place).
fn html_meetings(html: &str) -> Vec<(String, String, String)> {
    let span = |item: &str, class: &str| {
        let open = format!("<span class=\"{class}\">");
        let start = item.find(&open).unwrap() + open.len();
        let len = item[start..].find("</span>").unwrap();
        unescape(&item[start..start + len])
    };
    html.split("<li class=\"meeting ")
        .skip(1)
        .map(|item| {
            (
                span(item, "when"),
                span(item, "what"),
                span(item, "where").trim_start_matches("at ").to_string(),
            )
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The meeting lines of `--format text`: (when, what, place).
fn text_meetings(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .filter_map(|line| {
            let (times, rest) = line.split_once(" meet: ")?;
            let (what, rest) = rest.rsplit_once(" min) at ")?;
            let (what, length) = what.rsplit_once(" (")?;
            let (place, _) = rest.split_once(" — ")?;
            Some((
                format!("{times} ({length} min)"),
                what.to_string(),
                place.to_string(),
            ))
        })
        .collect()
}

/// The rows of the table's meeting list (a wide table, so no cell wraps): (when, what, place).
fn table_meetings(table: &str) -> Vec<(String, String, String)> {
    let list = &table[table.find("Meeting points").expect("a meeting list")..];
    list.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim_matches(|c| c == '│' || c == ' ')
                .split('┆')
                .map(str::trim)
                .collect();
            let when = cells.first()?;
            (cells.len() == 4 && when.contains(" min)")).then(|| {
                (
                    (*when).to_string(),
                    cells[1].to_string(),
                    cells[2].to_string(),
                )
            })
        })
        .collect()
}

/// The meeting list of the JSON against another rendering's: same length, order, times,
/// places, and each option's talks or breaks named.
fn same_list(
    from_json: &[(String, String, Vec<String>)],
    other: &[(String, String, String)],
    name: &str,
) {
    assert_eq!(
        from_json.len(),
        other.len(),
        "{name}: {other:#?}\nJSON: {from_json:#?}"
    );
    for (j, o) in from_json.iter().zip(other) {
        assert_eq!(j.0, o.0, "{name}");
        assert_eq!(j.1, o.2, "{name} at {}", j.0);
        for title in &j.2 {
            assert!(o.1.contains(title.as_str()), "{name}: {title} in {}", o.1);
        }
    }
}

#[test]
fn an_agreed_meeting_keeps_everyone_free_and_is_shown_as_a_meeting() {
    let times = session_times(&[]);
    let alone = json(&["compare", "alice", "bob", "--format", "json"]);
    // Without the meeting Alice sits in a talk at 12:25–12:50: the meeting takes her time.
    let overlaps = |id: &String| {
        let (date, start, end) = &times[id];
        date == "2025-09-30" && *start < minutes("13:15") && *end > minutes("12:30")
    };
    assert!(sessions_of(&alone, 0).iter().any(overlaps));
    for command in ["together", "compare"] {
        let v = json(&[
            command,
            "alice",
            "bob",
            "--meet",
            "1 12:30-13:15",
            "--format",
            "json",
        ]);
        for p in 0..2 {
            let inside: Vec<String> = sessions_of(&v, p).into_iter().filter(overlaps).collect();
            assert!(
                inside.is_empty(),
                "{command}: person {p} attends {inside:?}"
            );
        }
        let agreed: Vec<&Value> = v["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["kind"] == "agreed")
            .collect();
        assert_eq!(agreed.len(), 1, "{command}: {:#}", v["meetings"]);
        assert_eq!(agreed[0]["from"], "2025-09-30T12:30");
        assert_eq!(agreed[0]["until"], "2025-09-30T13:15");
        assert_eq!(agreed[0]["minutes"], 45);
    }
    let table = stdout(&["together", "alice", "bob", "--meet", "1 12:30-13:15"]);
    assert!(
        table
            .lines()
            .any(|l| l.contains("12:30–13:15 (45 min)") && l.contains("agreed meeting")),
        "{table}"
    );
}

#[test]
fn a_meeting_in_a_profile_is_the_same_as_one_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("alice.ron");
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/alice.ron"))
            .unwrap()
            .replace("busy: [],", "busy: [],\n    meet: [\"1 12:30-13:15\"],");
    std::fs::write(&profile, text).unwrap();
    let by_profile = stdout(&[
        "together",
        profile.to_str().unwrap(),
        "bob",
        "--format",
        "json",
    ]);
    let by_flag = stdout(&[
        "together",
        "alice",
        "bob",
        "--meet",
        "1 12:30-13:15",
        "--format",
        "json",
    ]);
    let (a, b): (Value, Value) = (
        serde_json::from_str(&by_profile).unwrap(),
        serde_json::from_str(&by_flag).unwrap(),
    );
    assert_eq!(a["meetings"], b["meetings"]);
    assert_eq!(a["people"][1], b["people"][1]);
    assert_eq!(a["people"][0]["sessions"], b["people"][0]["sessions"]);
}

#[test]
fn a_meeting_somebody_cannot_make_names_them_and_why() {
    // A busy window in the way: Bob arrives at 10:45 on day 1.
    fails_with(
        &["together", "alice", "bob", "--meet", "1 10:00-10:45"],
        &[
            "Bob cannot make the meeting day 1 10:00–10:45",
            "they are busy day 1 09:00–10:45",
            "Move the meeting",
        ],
    );
    // A must-see talk in the way, for compare too; everyone in the way is named at once.
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("carla.ron");
    std::fs::write(
        &profile,
        "(name: \"Carla\", likes: [\"rust\"], must: [\"shadow-via-varlink\"])",
    )
    .unwrap();
    for command in ["together", "compare"] {
        fails_with(
            &[
                command,
                "bob",
                profile.to_str().unwrap(),
                "--meet",
                "1 12:30-13:15",
                "--meet",
                "1 10:00-10:30",
            ],
            &[
                "Carla cannot make the meeting day 1 12:30–13:15: they must see «Accessing shadow records via varlink» (12:25–12:50, Galerie)",
                "Bob cannot make the meeting day 1 10:00–10:30: they are busy",
            ],
        );
    }
    fails_with(
        &["together", "alice", "bob", "--meet", "12:30-13:15"],
        &["--meet `12:30-13:15`", "--meet \"1 12:30-13:15\""],
    );
}

#[test]
fn the_meeting_list_is_the_same_in_the_table_the_text_the_json_and_the_page() {
    let args = ["together", "alice", "bob", "--meet", "1 12:30-13:15"];
    let with = |format: &str| {
        let mut a = args.to_vec();
        a.extend(["--format", format, "--width", "400"]);
        if format != "table" {
            a.truncate(a.len() - 2);
        }
        stdout(&a)
    };
    let v: Value = serde_json::from_str(&with("json")).unwrap();
    let list = json_meetings(&v);
    assert!(list.len() > 5, "{list:#?}");
    same_list(&list, &text_meetings(&with("text")), "text");
    same_list(&list, &html_meetings(&with("html")), "html");
    same_list(&list, &table_meetings(&with("table")), "table");
}

/// Three FOSDEM 2025 profiles, each with the same busy window for lunch together, in `dir`.
fn three_lunching_friends(dir: &Path) -> Vec<String> {
    lunching_friends(dir, "")
}

/// [`three_lunching_friends`] with `extra` fields in each profile.
fn lunching_friends(dir: &Path, extra: &str) -> Vec<String> {
    ["pat", "quinn", "rosa"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("profiles/fosdem-2025/{name}.ron")),
            )
            .unwrap()
            .replace(
                "max_switches: 2)",
                &format!("max_switches: 2, busy: [\"1 12:30-13:15\"]{extra})"),
            );
            assert!(text.contains("busy"), "{name}'s profile changed shape");
            let path = dir.join(format!("{name}.ron"));
            std::fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn three_friends_with_a_shared_lunch_see_it_as_a_meeting_in_every_format() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let people = three_lunching_friends(dir.path());
    let run = |format: &str| {
        let mut a = vec!["--schedule", path.to_str().unwrap(), "compare"];
        a.extend(people.iter().map(String::as_str));
        a.extend(["--format", format]);
        if format == "table" {
            a.extend(["--width", "400"]);
        }
        stdout(&a)
    };
    let v: Value = serde_json::from_str(&run("json")).unwrap();
    let lunch: Vec<&Value> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["from"] == "2025-02-01T12:30")
        .collect();
    assert_eq!(lunch.len(), 1, "{:#}", v["meetings"]);
    assert_eq!(lunch[0]["kind"], "shared-busy");
    assert_eq!(lunch[0]["until"], "2025-02-01T13:15");
    let said = "everyone's busy window: a meeting";
    let list = json_meetings(&v);
    let (table, text, html) = (run("table"), run("text"), run("html"));
    for (name, shown) in [
        ("table", table_meetings(&table)),
        ("text", text_meetings(&text)),
        ("html", html_meetings(&html)),
    ] {
        same_list(&list, &shown, name);
        assert!(
            shown
                .iter()
                .any(|m| m.0 == "12:30–13:15 (45 min)" && m.1 == said),
            "{name}: {shown:#?}"
        );
    }
    // The day table has a row for the lunch, not a jump from 12:00 to 13:15.
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("│ 12:30") && l.contains("meeting")),
        "{table}"
    );
}

/// The modal value of `list` when one value is the most frequent, else `None`.
fn unique_mode(list: &[String]) -> Option<String> {
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for x in list {
        *counts.entry(x).or_default() += 1;
    }
    let top = counts.values().max()?;
    let tops: Vec<_> = counts.iter().filter(|(_, n)| *n == top).collect();
    (tops.len() == 1).then(|| tops[0].0.to_string())
}

#[test]
fn the_place_is_where_most_of_the_group_leaves_from_with_each_walk() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let venue = dir.path().join("venue.ron");
    std::fs::write(
        &venue,
        "(within: 2, between: 6, walks: [(\"U\", \"K\", 8)])",
    )
    .unwrap();
    let plain = three_lunching_friends(dir.path());
    let walking_dir = tempfile::tempdir().unwrap();
    let walking = lunching_friends(
        walking_dir.path(),
        &format!(", venue: {:?}", venue.to_str().unwrap()),
    );
    let mut checked = (0, 0);
    // Without a venue, on the built-in schedule (two rooms: three friends always have a
    // majority) and on FOSDEM's.
    let small = ["alice", "bob", "carol"].map(String::from).to_vec();
    for (with_venue, schedule, people) in [
        (false, None, small),
        (false, Some(&path), plain),
        (true, Some(&path), walking),
    ] {
        let mut a = vec![];
        if let Some(path) = schedule {
            a.extend(["--schedule", path.to_str().unwrap()]);
        }
        a.push("together");
        a.extend(people.iter().map(String::as_str));
        a.extend(["--format", "json"]);
        let v = json(&a);
        for m in v["meetings"].as_array().unwrap() {
            if m["kind"] == "together" {
                continue;
            }
            let rooms: Vec<String> = m["people"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|p| p["from_room"].as_str().map(String::from))
                .collect();
            let building_of = |room: &str| agenda::prefs::venue::building_of(room);
            let place = m["place"].as_str().unwrap();
            if with_venue {
                let buildings: Vec<String> = rooms.iter().map(|r| building_of(r)).collect();
                if let Some(most) = unique_mode(&buildings) {
                    assert_eq!(m["building"].as_str(), Some(most.as_str()), "{m:#}");
                    assert_eq!(building_of(place), most, "{m:#}");
                    checked.1 += 1;
                }
                // Everyone leaving a room has a walk: 0 in the same room, `within` in the same
                // building, 6 or 8 between buildings.
                for p in m["people"].as_array().unwrap() {
                    let Some(from) = p["from_room"].as_str() else {
                        continue;
                    };
                    let walk = p["walk_minutes"].as_i64().expect("a walk with a venue");
                    let mut ends = [building_of(from), building_of(place)];
                    ends.sort();
                    let expected = if from == place {
                        0
                    } else if ends[0] == ends[1] {
                        2
                    } else if ends == ["K", "U"] {
                        8
                    } else {
                        6
                    };
                    assert_eq!(walk, expected, "{p:#} to {place}");
                }
            } else if let Some(most) = unique_mode(&rooms) {
                assert_eq!(place, most, "{m:#}");
                checked.0 += 1;
            } else if !rooms.is_empty() {
                // A tie: one of the rooms they leave.
                assert!(rooms.iter().any(|r| r == place), "{m:#}");
            }
        }
    }
    assert!(checked.0 > 0 && checked.1 > 0, "{checked:?}");
}

#[test]
fn the_pair_table_lists_free_windows_per_day_not_slots() {
    let v = json(&["compare", "alice", "bob", "--format", "json"]);
    let table = stdout(&["compare", "alice", "bob", "--width", "400"]);
    assert!(!table.contains("different rooms"), "{table}");
    let pair = table
        .lines()
        .skip_while(|l| !l.contains("Free together"))
        .take_while(|l| !l.starts_with('└'))
        .collect::<Vec<_>>()
        .join("\n");
    let free = v["pairs"][0]["free"].as_array().unwrap();
    assert!(!free.is_empty());
    let mut per_day: BTreeMap<i64, (i64, usize)> = BTreeMap::new();
    for w in free {
        let when = format!(
            "{}–{} ({} min)",
            &w["from"].as_str().unwrap()[11..16],
            &w["until"].as_str().unwrap()[11..16],
            w["minutes"]
        );
        assert!(pair.contains(&when), "{when} in\n{pair}");
        let day = per_day.entry(w["day"].as_i64().unwrap()).or_default();
        day.0 += w["minutes"].as_i64().unwrap();
        day.1 += 1;
    }
    for (day, (total, count)) in per_day {
        let windows = if count == 1 { "window" } else { "windows" };
        assert!(
            pair.contains(&format!("Day {day} "))
                && pair.contains(&format!("{total} min in {count} {windows}")),
            "day {day}: {total} min in {count} {windows}\n{pair}"
        );
    }
    // Each row is a window or a day's heading, never a lone time slot.
    for line in pair.lines().skip(2) {
        let cell = line
            .rsplit('┆')
            .next()
            .unwrap()
            .trim_end_matches('│')
            .trim();
        assert!(
            cell.is_empty() || cell.starts_with("Day ") || cell.contains(" min)") || cell == "none",
            "{cell}"
        );
    }
}
