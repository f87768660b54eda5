//! `agenda plan` from the command line: the table, JSON, profiles, and every kind of bad input.

use crate::common;

use common::{agenda, fails_with, stdout};
use serde_json::Value;

fn plan_json(args: &[&str]) -> Value {
    let mut all = vec!["plan"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&stdout(&all)).expect("valid JSON")
}

#[test]
fn plan_bpf_sysext_table() {
    insta::assert_snapshot!(stdout(&["plan", "--likes", "bpf,sysext"]));
}

#[test]
fn two_runs_print_byte_identical_output() {
    for args in [
        vec![
            "plan",
            "--likes",
            "bpf=3,sysext=2,rust",
            "--max-switches",
            "2",
        ],
        vec!["plan", "--profile", "carol", "--format", "json"],
    ] {
        assert_eq!(stdout(&args), stdout(&args), "{args:?}");
    }
}

#[test]
fn json_has_settings_every_session_and_totals() {
    let v = plan_json(&[
        "--likes",
        "bpf=3,sysext=2,rust",
        "--max-switches",
        "2",
        "--switch-minutes",
        "5",
    ]);
    assert_eq!(v["conference"], "All Systems Go! 2025");
    assert_eq!(v["settings"]["max_switches_per_day"], 2);
    assert_eq!(v["settings"]["switch_minutes"], 5);
    let sessions = v["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 57, "every entry of the schedule is listed");
    for s in sessions {
        for key in [
            "id", "date", "start", "end", "room", "title", "kind", "score", "chosen", "reasons",
        ] {
            assert!(!s[key].is_null(), "{key} missing in {s}");
        }
    }
    let total: f64 = sessions
        .iter()
        .filter(|s| s["chosen"].as_bool().unwrap())
        .map(|s| s["score"].as_f64().unwrap())
        .sum();
    assert_eq!(v["total_score"].as_f64().unwrap(), total);
    for (_, n) in v["switches"].as_object().unwrap() {
        assert!(n.as_u64().unwrap() <= 2);
    }
    let unlimited = plan_json(&["--likes", "bpf", "--max-switches", "none"]);
    assert!(unlimited["settings"]["max_switches_per_day"].is_null());
}

#[test]
fn weights_change_the_choice() {
    // Day 2, 10:00: Flatpak on an image based system (Galerie) against unprivileged containers (Loft).
    let flatpak = plan_json(&["--likes", "flatpak=3,containers=1"]);
    assert!(common::chosen_ids(&flatpak).contains(&"flatpak-image-based".to_string()));
    let containers = plan_json(&["--likes", "flatpak=1,containers=3"]);
    assert!(common::chosen_ids(&containers).contains(&"unprivileged-containers".to_string()));
}

#[test]
fn must_and_avoid_are_obeyed() {
    let v = plan_json(&["--likes", "bpf", "--must", "isd", "--avoid", "bpf-tokens"]);
    let ids = common::chosen_ids(&v);
    assert!(ids.contains(&"isd-interactive-systemd".to_string()));
    assert!(!ids.contains(&"bpf-tokens".to_string()));
}

#[test]
fn dislikes_score_negative_and_are_not_chosen() {
    let v = plan_json(&["--likes", "desktop", "--dislikes", "gnome=3", "--gaps"]);
    for s in v["sessions"].as_array().unwrap() {
        if s["chosen"].as_bool().unwrap() {
            assert!(s["score"].as_f64().unwrap() > 0.0, "{s}");
        }
    }
    let gnome = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "modernizing-gnome")
        .unwrap();
    assert!(gnome["score"].as_f64().unwrap() < 0.0);
}

#[test]
fn speakers_add_to_the_score() {
    let v = plan_json(&["--speakers", "Christian Brauner=3"]);
    let ids = common::chosen_ids(&v);
    assert!(ids.contains(&"coredump".to_string()) && ids.contains(&"pidfd".to_string()));
}

#[test]
fn busy_windows_stay_free() {
    let v = plan_json(&["--likes", "sysext", "--busy", "1", "14:00-15:00"]);
    let ids = common::chosen_ids(&v);
    assert!(!ids.contains(&"sysext-fedora-atomic".to_string()));
    assert!(!ids.contains(&"sysext-update-stack".to_string()));
}

#[test]
fn a_profile_plans_and_flags_override_it() {
    let text = stdout(&["plan", "--profile", "alice"]);
    assert!(text.contains("your agenda for Alice"), "{text}");
    assert!(text.contains("at most 2 room switches a day"));
    let overridden = stdout(&[
        "plan",
        "--profile",
        "alice",
        "--max-switches",
        "0",
        "--likes",
        "varlink",
    ]);
    assert!(overridden.contains("at most 0 room switches a day"));
    assert!(overridden.contains("Likes: varlink=1"));
}

#[test]
fn a_profile_is_found_by_path_and_in_the_config_folder() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("agenda/profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    std::fs::write(
        profiles.join("erin.ron"),
        "(name: \"Erin\", likes: [\"tpm=2\"])",
    )
    .unwrap();
    let out = agenda()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["plan", "--profile", "erin"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("for Erin"));
    let path = profiles.join("erin.ron");
    let out = agenda()
        .args(["plan", "--profile", path.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("for Erin"));
}

#[test]
fn without_an_absolute_xdg_config_home_profiles_are_found_under_home() {
    let home = tempfile::tempdir().unwrap();
    let profiles = home.path().join(".config/agenda/profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    std::fs::write(
        profiles.join("erin.ron"),
        "(name: \"Erin\", likes: [\"tpm=2\"])",
    )
    .unwrap();
    // Empty and relative values are ignored, as the XDG specification says (the cache too).
    for xdg in ["", "agenda-relative"] {
        let out = agenda()
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", xdg)
            .args(["plan", "--profile", "erin"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(
            String::from_utf8(out).unwrap().contains("for Erin"),
            "{xdg:?}"
        );
    }
}

#[test]
fn an_unknown_like_suggests_the_closest_topic() {
    fails_with(
        &["plan", "--likes", "bfp"],
        &["`bfp`", "did you mean `bpf`?"],
    );
}

#[test]
fn an_ambiguous_must_lists_the_candidates() {
    fails_with(
        &["plan", "--likes", "bpf", "--must", "systemd:"],
        &["fits 2 sessions", "systemd-state", "systemd-round-table"],
    );
}

#[test]
fn an_unknown_must_is_an_error() {
    fails_with(
        &["plan", "--likes", "bpf", "--must", "no such talk"],
        &["neither a session id"],
    );
}

#[test]
fn overlapping_must_see_talks_are_named() {
    fails_with(
        &[
            "plan",
            "--likes",
            "bpf",
            "--must",
            "bpf-tokens",
            "--must",
            "systing",
        ],
        &["BPF Tokens in systemd", "Systing", "overlap"],
    );
}

#[test]
fn a_must_see_in_a_busy_window_is_named() {
    fails_with(
        &[
            "plan",
            "--likes",
            "bpf",
            "--must",
            "bpfilter",
            "--busy",
            "1",
            "15:00-16:00",
        ],
        &["bpfilter", "busy window day 1 15:00–16:00"],
    );
}

#[test]
fn must_see_talks_needing_more_switches_than_allowed_are_named() {
    fails_with(
        &[
            "plan",
            "--likes",
            "bpf",
            "--max-switches",
            "1",
            "--must",
            "netkit-bpf-network-device",
            "--must",
            "bpf-tokens",
            "--must",
            "bpfilter",
        ],
        &[
            "need 2 room switches",
            "--max-switches is 1",
            "Netkit",
            "bpfilter",
        ],
    );
}

#[test]
fn must_see_talks_too_close_for_the_switch_minutes_are_named() {
    fails_with(
        &[
            "plan",
            "--likes",
            "bpf",
            "--switch-minutes",
            "10",
            "--must",
            "netkit-bpf-network-device",
            "--must",
            "bpf-tokens",
        ],
        &["5 minutes apart", "--switch-minutes is 10"],
    );
}

#[test]
fn must_and_avoid_of_one_talk_contradict() {
    fails_with(
        &[
            "plan", "--likes", "bpf", "--must", "bpfilter", "--avoid", "bpfilter",
        ],
        &["both a must-see and avoided"],
    );
}

#[test]
fn bad_weights_and_limits_are_refused() {
    fails_with(&["plan", "--likes", "bpf=lots"], &["not a whole number"]);
    fails_with(&["plan", "--likes", "bpf=0"], &["weights go from 1 to 10"]);
    fails_with(
        &["plan", "--likes", "bpf", "--max-switches", "-1"],
        &["--max-switches"],
    );
    fails_with(
        &["plan", "--likes", "bpf", "--busy", "1", "15:00"],
        &["HH:MM-HH:MM"],
    );
    fails_with(
        &["plan", "--likes", "bpf", "--busy", "7", "15:00-16:00"],
        &["no day 7"],
    );
    fails_with(
        &["plan", "--likes", "bpf", "--busy", "1", "16:00-15:00"],
        &["ends before it starts"],
    );
    fails_with(&["plan"], &["say what you care about"]);
    fails_with(
        &["plan", "--profile", "alcie"],
        &["no profile `alcie`", "did you mean `alice`?"],
    );
    fails_with(
        &["plan", "--speakers", "Lennart Potering"],
        &["did you mean `Lennart Poettering`?"],
    );
}

#[test]
fn a_malformed_profile_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "(\n  likes: [\"bpf\"],\n  colour: 1,\n)").unwrap();
    fails_with(
        &["plan", "--profile", path.to_str().unwrap()],
        &["bad.ron:3:"],
    );
}

#[test]
fn plan_writes_a_calendar_file_that_an_independent_parser_reads() {
    use icalendar::{CalendarComponent, Component};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-agenda.ics");
    agenda()
        .args([
            "plan",
            "--likes",
            "bpf,sysext",
            "--format",
            "ics",
            "--remind",
            "5m",
            "-o",
        ])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    let calendar: icalendar::Calendar = text.parse().expect("valid iCalendar");
    let uids: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => e.get_uid().map(str::to_string),
            _ => None,
        })
        .collect();
    let json = plan_json(&["--likes", "bpf,sysext"]);
    let wanted: Vec<String> = common::chosen_ids(&json)
        .into_iter()
        .map(|id| format!("{id}@all-systems-go-2025.agenda"))
        .collect();
    assert_eq!(
        uids, wanted,
        "one event per chosen session, with stable UIDs"
    );
    assert!(text.contains("TRIGGER:-PT5M"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn plan_prints_markdown_and_csv_in_the_zone_asked_for() {
    let md = stdout(&[
        "plan",
        "--likes",
        "bpf",
        "--format",
        "markdown",
        "--tz",
        "Europe/London",
    ]);
    assert!(md.contains("times in Europe/London"), "{md}");
    assert!(md.contains("**09:15–09:40** · Galerie · Container Networking With Netkit"));
    let csv = stdout(&["plan", "--likes", "bpf", "--format", "csv"]);
    assert!(csv.starts_with("day,date,start,end"));
    assert!(
        csv.contains("1,2025-09-30,10:15,10:40,Europe/Berlin,Galerie,netkit-bpf-network-device")
    );
    let table = stdout(&["plan", "--likes", "bpf", "--tz", "UTC"]);
    assert!(
        table.contains("08:15–08:40") && table.contains("times in UTC"),
        "{table}"
    );
}

#[test]
fn a_reminder_needs_calendar_output_and_a_valid_time() {
    fails_with(
        &["plan", "--likes", "bpf", "--remind", "5m"],
        &["--format ics"],
    );
    fails_with(
        &[
            "plan", "--likes", "bpf", "--format", "ics", "--remind", "soon",
        ],
        &["not a reminder time"],
    );
    fails_with(
        &["plan", "--likes", "bpf", "--tz", "Europe/Londn"],
        &["did you mean `Europe/London`?"],
    );
}

#[test]
fn a_value_from_a_profile_is_reported_with_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.ron");
    std::fs::write(&path, "(likes: [\"bfp\"], busy: [\"9 10:00-11:00\"])").unwrap();
    let p = path.to_str().unwrap();
    fails_with(
        &["plan", "--profile", p],
        &["with the profile", "busy.ron", "no day 9"],
    );
    fails_with(
        &["plan", "--profile", p, "--busy", "1", "10:00-11:00"],
        &["planning with the profile", "did you mean `bpf`?"],
    );
    std::fs::write(
        &path,
        "(likes: [\"bpf\"], max_switches: 2, unlimited_switches: true)",
    )
    .unwrap();
    fails_with(
        &["plan", "--profile", p],
        &["both max_switches and unlimited_switches"],
    );
}

#[test]
fn contradictory_or_invisible_interests_are_refused() {
    fails_with(
        &["plan", "--likes", "bpf", "--dislikes", "bpf"],
        &["both liked and disliked"],
    );
    fails_with(
        &["plan", "--likes", "bpf\u{200b}"],
        &["two or more characters"],
    );
    fails_with(
        &["plan", "--likes", "bpf", "--must", ""],
        &["empty must-see"],
    );
}

#[test]
fn a_calendar_without_events_or_a_binary_file_is_not_taken_for_a_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("x.ics");
    std::fs::write(&ics, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap();
    fails_with(
        &["--schedule", ics.to_str().unwrap(), "talks"],
        &[
            "the schedule has no sessions",
            "check that this is the file you meant",
        ],
    );
    let junk = dir.path().join("junk");
    std::fs::write(&junk, [0xffu8, 0xfe, 0x00, 0x81]).unwrap();
    fails_with(
        &["--schedule", junk.to_str().unwrap(), "talks"],
        &["not UTF-8 text"],
    );
}

#[test]
fn dash_writes_to_standard_output() {
    let text = stdout(&["plan", "--likes", "bpf", "--format", "csv", "-o", "-"]);
    assert!(text.starts_with("day,date,start,end"), "{text}");
    assert!(
        !std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("-")
            .exists()
    );
}

#[test]
fn verbose_names_the_model_and_how_many_talks_its_bound_left_out() {
    let out = agenda()
        .args(["-v", "plan", "--max-switches", "1", "--likes"])
        .arg("bpf,sysext,systemd,rust,boot,security,containers")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("model: "), "{stderr}");
    let left_out: usize = stderr
        .lines()
        .find_map(|l| l.strip_prefix("bound: "))
        .and_then(|rest| rest.split_once(" of "))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of talks left out in {stderr}"));
    // Most of All Systems Go!'s talks score for one of these, and a day holds few of them.
    assert!(left_out > 0, "{stderr}");
}

#[test]
fn with_tz_the_busy_line_names_the_clock_it_was_given_on() {
    let busy = ["plan", "--likes", "bpf", "--busy", "1", "14:00-15:00"];
    let mut shifted = busy.to_vec();
    shifted.extend(["--tz", "America/New_York"]);
    assert!(stdout(&shifted).contains("Busy: day 1 14:00–15:00 (Europe/Berlin time)\n"));
    assert!(stdout(&busy).contains("Busy: day 1 14:00–15:00\n"));
}

/// A frab XML export whose talk `1` lasts 0 minutes (imports warn about it and go on).
const ZERO_LENGTH_XML: &str = r#"<?xml version='1.0' encoding='utf-8' ?>
<schedule><version>t1</version>
<conference><acronym>zl</acronym><title>ZeroLen</title><start>2025-03-01</start><end>2025-03-01</end><days>1</days><time_zone_name>Europe/Berlin</time_zone_name></conference>
<day index='1' date='2025-03-01' start='2025-03-01T04:00:00+01:00' end='2025-03-02T03:59:00+01:00'>
<room name='Room A'>
<event guid='g1' id='1'><date>2025-03-01T10:00:00+01:00</date><start>10:00</start><duration>00:00</duration><room>Room A</room><slug>s1</slug><title>Zero talk</title><track>T</track><type>Talk</type><persons><person id='1'>P 1</person></persons></event>
<event guid='g2' id='2'><date>2025-03-01T10:00:00+01:00</date><start>10:00</start><duration>00:30</duration><room>Room A</room><slug>s2</slug><title>Follow talk</title><track>T</track><type>Talk</type><persons><person id='2'>P 2</person></persons></event>
</room></day></schedule>
"#;

#[test]
fn a_must_see_without_a_length_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("zero.xml");
    std::fs::write(&file, ZERO_LENGTH_XML).unwrap();
    for must in ["1", "Zero talk"] {
        agenda()
            .arg("--schedule")
            .arg(&file)
            .args(["plan", "--tracks", "T", "--must", must])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "the must-see `Zero talk` (2025-03-01 Room A 10:00–10:00) lasts 0 minutes in the schedule",
            ))
            .stderr(predicates::str::contains("drop it from your must-see list"));
    }
}
