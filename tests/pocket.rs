//! The plan in your pocket: a saved plan carries what `now` and `next` show, so they work from
//! it alone (the schedule gone, no network); `--schedule` and `--refresh` update it and say what
//! changed; `plan --save` with no file keeps the default plan in the data folder. Saved plans are
//! untrusted input: numbers are range-checked, the schedule they record is read only when asked
//! and only as a schedule, and nothing of another file is quoted.

use crate::common;
use common::{agenda, stderr_failing, stdout_of};
use std::path::{Path, PathBuf};

/// The embedded schedule as `sched.ron` in `dir`, and its text.
fn schedule_in(dir: &Path) -> (PathBuf, String) {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schedule.ron")).unwrap();
    let path = dir.join("sched.ron");
    std::fs::write(&path, &text).unwrap();
    (path, text)
}

/// The schedule's text with "A Security Model for systemd" (09:30) shortened from 40 to 20
/// minutes.
fn moved(text: &str) -> String {
    let edited = text.replacen(
        "id: \"security-model\",\n            date: \"2025-09-30\",\n            start: \"09:30\",\n            minutes: 40,",
        "id: \"security-model\",\n            date: \"2025-09-30\",\n            start: \"09:30\",\n            minutes: 20,",
        1,
    );
    assert_ne!(edited, text, "the fixture edit applies");
    edited
}

/// `agenda` run in `dir`, with `dir/data` as the data folder.
fn agenda_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = agenda();
    cmd.current_dir(dir).env("XDG_DATA_HOME", dir.join("data"));
    cmd
}

/// Saves a plan liking bpf and sysext (and security, so that the moved talk is in it) on
/// `sched.ron` to `p.ron`, named as typed (a relative path).
fn save_plan(dir: &Path) -> PathBuf {
    agenda_in(dir)
        .args(["--schedule", "sched.ron", "plan", "-q"])
        .args(["--likes", "bpf,sysext,security=3", "--save", "p.ron"])
        .assert()
        .success();
    dir.join("p.ron")
}

const AT: [&str; 2] = ["--at", "2025-09-30 10:20"];

#[test]
fn now_and_next_work_from_the_plan_alone_with_the_schedule_gone_and_no_network() {
    let dir = tempfile::tempdir().unwrap();
    let (schedule, _) = schedule_in(dir.path());
    let plan = save_plan(dir.path());
    let saved = agenda::saved::SavedPlan::load(&plan).unwrap();
    // The source is recorded whole, not as typed.
    let recorded = saved.schedule.source.clone().unwrap();
    assert!(Path::new(&recorded).is_absolute(), "{recorded}");
    assert_eq!(Path::new(&recorded), schedule.canonicalize().unwrap());
    assert_eq!(saved.schedule.time_zone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(saved.schedule.days.len(), 2);
    assert!(saved.talks.iter().all(|t| t.day >= 1), "{:?}", saved.talks);
    let before = stdout_of(
        agenda_in(dir.path())
            .args(["now", "--plan", "p.ron"])
            .args(AT),
    );
    assert!(before.contains("Now:  Tue 10:15–10:40 · "), "{before}");
    std::fs::remove_file(&schedule).unwrap();
    // The schedule is gone: the same answer. The recorded source now names a server that
    // counts connections: `now` and `next` never contact it.
    let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    server.set_nonblocking(true).unwrap();
    let text = std::fs::read_to_string(&plan).unwrap().replace(
        &format!("source: Some(\"{recorded}\")"),
        &format!(
            "source: Some(\"http://{}/schedule.xml\")",
            server.local_addr().unwrap()
        ),
    );
    assert!(text.contains("127.0.0.1"), "the edit applies");
    std::fs::write(&plan, text).unwrap();
    let after = stdout_of(
        agenda_in(dir.path())
            .args(["now", "--plan", "p.ron"])
            .args(AT),
    );
    assert_eq!(after, before);
    let bare = stdout_of(agenda_in(dir.path()).args(["now", "--plan", "p.ron", "--at", "10:20"]));
    assert_eq!(bare, before, "a bare time is on the plan's first day");
    assert!(
        server.accept().is_err(),
        "now/next connected to the plan's recorded source"
    );
}

#[test]
fn a_day_that_is_not_the_conferences_is_refused_from_the_plan_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (schedule, _) = schedule_in(dir.path());
    save_plan(dir.path());
    std::fs::remove_file(&schedule).unwrap();
    let err = stderr_failing(
        agenda_in(dir.path()).args(["next", "--plan", "p.ron", "--at", "sat 10:00"]),
        2,
    );
    assert!(
        err.contains("the days are 1 (Tue 2025-09-30), 2 (Wed 2025-10-01)"),
        "{err}"
    );
}

#[test]
fn refresh_rereads_the_recorded_schedule_says_what_changed_and_saves_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (schedule, text) = schedule_in(dir.path());
    let plan = save_plan(dir.path());
    std::fs::write(&schedule, moved(&text)).unwrap();
    // Without --refresh the plan is what it was: the talk still ends at 10:10.
    let at = ["--plan", "p.ron", "--at", "09:45"];
    let stale = stdout_of(agenda_in(dir.path()).arg("now").args(at));
    assert!(
        stale.contains("Now:  Tue 09:30–10:10 · Loft · A Security Model"),
        "{stale}"
    );
    let out = stdout_of(agenda_in(dir.path()).arg("now").args(at).arg("--refresh"));
    assert!(out.contains("What changed for you:"), "{out}");
    let moved_line = out
        .lines()
        .position(|l| l.trim_start().starts_with("moved ") && l.contains("[security-model]"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        out.lines()
            .nth(moved_line + 1)
            .is_some_and(|l| l.contains("Tue 09:30–10:10 · Loft → Tue 09:30–09:50 · Loft")),
        "{out}"
    );
    assert!(
        out.contains("Now:  Tue 09:30–09:50 · Loft · A Security Model"),
        "{out}"
    );
    // The plan was saved: without --refresh, the new time, and the calendar revision raised.
    let saved = agenda::saved::SavedPlan::load(&plan).unwrap();
    let talk = saved
        .talks
        .iter()
        .find(|t| t.id == "security-model")
        .unwrap();
    assert_eq!((talk.minutes, talk.sequence), (20, 1));
    let fresh = stdout_of(agenda_in(dir.path()).arg("now").args(at));
    assert!(
        fresh.contains("Now:  Tue 09:30–09:50 · Loft · A Security Model"),
        "{fresh}"
    );
    // --schedule names another version: the same update from it.
    let other = dir.path().join("other.ron");
    std::fs::write(&other, &text).unwrap();
    let back = stdout_of(agenda_in(dir.path()).args([
        "--schedule",
        "other.ron",
        "now",
        "--plan",
        "p.ron",
        "--at",
        "09:00",
    ]));
    assert!(back.contains("→ Tue 09:30–10:10 · Loft"), "{back}");
    let err = stderr_failing(
        agenda_in(dir.path()).args([
            "--schedule",
            "other.ron",
            "now",
            "--plan",
            "p.ron",
            "--refresh",
        ]),
        2,
    );
    assert!(err.contains("give one of them"), "{err}");
}

#[test]
fn plan_save_without_a_file_keeps_the_default_plan_that_now_next_and_replan_read() {
    let dir = tempfile::tempdir().unwrap();
    schedule_in(dir.path());
    let err = stderr_failing(agenda_in(dir.path()).args(["now"]), 2);
    let default = dir.path().join("data").join("agenda").join("plan.ron");
    assert!(
        err.contains("there is no default plan yet")
            && err.contains(&default.display().to_string())
            && err.contains("--save")
            && err.contains("name a saved plan: `agenda now --plan FILE`"),
        "{err}"
    );
    // `replan` takes its plan as an argument, and says so.
    let err = stderr_failing(agenda_in(dir.path()).args(["replan"]), 2);
    assert!(
        err.contains("name a saved plan: `agenda replan FILE`"),
        "{err}"
    );
    let output = agenda_in(dir.path())
        .env("USER", "robin")
        .args([
            "--schedule",
            "sched.ron",
            "plan",
            "--likes",
            "bpf,sysext",
            "--save",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains(&format!("saved robin's plan to {}", default.display())),
        "{said}"
    );
    assert!(default.is_file());
    let now = stdout_of(agenda_in(dir.path()).args(["now"]).args(AT));
    assert!(
        now.starts_with("robin's agenda at Tue 2025-09-30 10:20"),
        "{now}"
    );
    assert!(now.contains("Container Networking"), "{now}");
    // `replan` with no plan re-plans the default one on its schedule and saves it again.
    let before = std::fs::read_to_string(&default).unwrap();
    let output = agenda_in(dir.path())
        .args(["replan", "--compact"])
        .assert()
        .success()
        .get_output()
        .clone();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains(&format!("to {}", default.display())),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&default).unwrap(), before);
}

/// Saves a plan on the embedded schedule to `dir/p.ron` and returns its text.
fn embedded_plan(dir: &Path) -> (PathBuf, String) {
    let plan = dir.join("p.ron");
    agenda()
        .args(["plan", "-q", "--likes", "security=3", "--save"])
        .arg(&plan)
        .assert()
        .success();
    let text = std::fs::read_to_string(&plan).unwrap();
    (plan, text)
}

/// `text` with the saved talk `id`'s `field: …` line set to `value`.
fn set_field(text: &str, id: &str, field: &str, value: &str) -> String {
    let at = text
        .find(&format!("id: \"{id}\""))
        .expect("the talk is saved");
    let from = at + text[at..].find(&format!("{field}: ")).unwrap();
    let to = from + text[from..].find(',').unwrap();
    format!("{}{field}: {value}{}", &text[..from], &text[to..])
}

#[test]
fn a_calendar_revision_past_icalendars_range_is_refused_and_one_at_it_does_not_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, text) = embedded_plan(dir.path());
    std::fs::write(
        &plan,
        set_field(&text, "security-model", "sequence", "4294967295"),
    )
    .unwrap();
    let err = stderr_failing(agenda().arg("replan").arg(&plan), 2);
    assert!(
        err.contains("talk `security-model`: sequence 4294967295 is out of range")
            && err.contains(&plan.display().to_string()),
        "{err}"
    );
    // At the limit, a change keeps it there: never SEQUENCE:0, which calendars ignore.
    std::fs::write(
        &plan,
        set_field(&text, "security-model", "sequence", "2147483647"),
    )
    .unwrap();
    let new = dir.path().join("new.ron");
    std::fs::write(
        &new,
        moved(
            &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schedule.ron")).unwrap(),
        ),
    )
    .unwrap();
    let ics = stdout_of(
        agenda()
            .arg("--schedule")
            .arg(&new)
            .arg("replan")
            .arg(&plan)
            .args(["--format", "ics", "-q"]),
    );
    let event = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:security-model@"))
        .unwrap_or_else(|| panic!("{ics}"));
    assert!(event.contains("SEQUENCE:2147483647"), "{event}");
}

#[test]
fn a_score_out_of_range_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, text) = embedded_plan(dir.path());
    let tampered = set_field(
        &text,
        "security-model",
        "half_points",
        "9223372036854775807",
    );
    std::fs::write(&plan, tampered).unwrap();
    for args in [
        vec!["replan", plan.to_str().unwrap()],
        vec!["now", "--plan", plan.to_str().unwrap()],
    ] {
        let err = stderr_failing(agenda().args(&args), 2);
        assert!(
            err.contains(&format!(
                "{}: talk `security-model`: half_points 9223372036854775807 is out of range",
                plan.display()
            )),
            "{args:?}: {err}"
        );
        assert!(!err.contains("-4611686018427387904"), "{err}");
    }
}

#[test]
fn a_recorded_source_that_is_not_a_schedule_is_refused_without_quoting_it() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, text) = embedded_plan(dir.path());
    let secret = dir.path().join("passwd");
    std::fs::write(&secret, "rootsecret:x:0:0:root:/root:/bin/bash\n").unwrap();
    let tampered = text.replace(
        "source: Some(\"schedule.ron (embedded)\")",
        &format!("source: Some(\"{}\")", secret.display()),
    );
    assert_ne!(tampered, text, "the edit applies");
    std::fs::write(&plan, tampered).unwrap();
    // now/next never read it.
    stdout_of(
        agenda()
            .args(["now", "--plan", plan.to_str().unwrap()])
            .args(AT),
    );
    // replan reads it because it was asked to, finds no schedule, and shows nothing of it.
    for args in [
        vec!["replan", plan.to_str().unwrap()],
        vec!["now", "--refresh", "--plan", plan.to_str().unwrap()],
    ] {
        let err = stderr_failing(agenda().args(&args), 2);
        assert!(
            err.contains("which is not a schedule agenda can read") && err.contains("--schedule"),
            "{err}"
        );
        assert!(
            !err.contains("rootsecret") && !err.contains("/bin/bash"),
            "{err}"
        );
    }
    // A folder or a device is not read at all.
    for path in [dir.path().to_str().unwrap(), "/dev/zero"] {
        std::fs::write(
            &plan,
            text.replace(
                "source: Some(\"schedule.ron (embedded)\")",
                &format!("source: Some(\"{path}\")"),
            ),
        )
        .unwrap();
        let err = stderr_failing(agenda().arg("replan").arg(&plan), 2);
        assert!(err.contains("it is not a regular file"), "{err}");
    }
}

#[test]
fn an_older_plan_without_times_asks_to_be_updated_once_and_then_works_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (schedule, _) = schedule_in(dir.path());
    let plan = save_plan(dir.path());
    let mut saved = agenda::saved::SavedPlan::load(&plan).unwrap();
    saved.schedule.time_zone = None;
    saved.schedule.days.clear();
    saved.save(&plan).unwrap();
    let err = stderr_failing(agenda_in(dir.path()).args(["now", "--plan", "p.ron"]), 2);
    assert!(
        err.contains("saved by an older agenda") && err.contains("--refresh"),
        "{err}"
    );
    stdout_of(
        agenda_in(dir.path())
            .args(["now", "--plan", "p.ron", "--refresh"])
            .args(AT),
    );
    std::fs::remove_file(&schedule).unwrap();
    let now = stdout_of(
        agenda_in(dir.path())
            .args(["now", "--plan", "p.ron"])
            .args(AT),
    );
    assert!(now.contains("Now:  Tue 10:15–10:40 · "), "{now}");
}

#[test]
fn the_saved_plan_carries_each_talks_links_and_now_shows_them_without_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let (path, text) = schedule_in(dir.path());
    let linked = text.replacen(
        "id: \"security-model\",\n",
        "id: \"security-model\",\n            url: Some(\"https://example.org/talk/security-model\"),\n            chat: Some(\"https://chat.example.org/#security\"),\n",
        1,
    );
    assert_ne!(linked, text, "the fixture edit applies");
    std::fs::write(&path, linked).unwrap();
    let plan = save_plan(dir.path());
    let saved = std::fs::read_to_string(&plan).unwrap();
    assert!(
        saved.contains("page: Some(\"https://example.org/talk/security-model\")"),
        "{saved}"
    );
    std::fs::remove_file(&path).unwrap();
    let out = stdout_of(agenda_in(dir.path()).args([
        "now",
        "--plan",
        "p.ron",
        "--at",
        "2025-09-30 09:40",
    ]));
    assert!(out.contains("A Security Model for systemd"), "{out}");
    assert!(
        out.contains("      page https://example.org/talk/security-model\n      chat https://chat.example.org/#security\n"),
        "{out}"
    );
    // A link a hand edit made into something else is refused with its place.
    std::fs::write(
        &plan,
        saved.replace(
            "https://example.org/talk/security-model",
            "javascript:alert(1)",
        ),
    )
    .unwrap();
    let err = stderr_failing(
        agenda_in(dir.path()).args(["now", "--plan", "p.ron", "--at", "2025-09-30 09:40"]),
        2,
    );
    assert!(err.contains("security-model"), "{err}");
    assert!(err.contains("page link is not a web address"), "{err}");
    assert!(!err.contains("javascript"), "{err}");
}
