//! A talk's links (page, video, chat) in every format of `plan`: JSON (with the track),
//! iCalendar (read back by the `icalendar` crate: `URL` is the page), Markdown, and the table
//! with `--links`; the header names must-see, rated and starred talks by title, and a starred
//! talk's Why says ★. Checked on a small fixture and on FOSDEM 2025's real export.

use crate::common::{self, stdout};
use icalendar::{CalendarComponent, Component};

const FIXTURE: &str = "tests/fixtures/links.ron";
const PAGE: &str = "https://linkconf.example/2099/talk/rust-1/";
const VIDEO: &str = "https://video.linkconf.example/2099/rust-1.mp4";
const CHAT: &str = "https://chat.linkconf.example/#/room/#rust:linkconf.example";
const WIKI: &str = "https://wiki.linkconf.example/Rust_(embedded)";

fn plan(extra: &[&str]) -> String {
    let mut args = vec!["--schedule", FIXTURE, "plan", "--likes", "rust"];
    args.extend_from_slice(extra);
    stdout(&args)
}

#[test]
fn plan_json_gives_each_talk_its_links_and_track() {
    let json: serde_json::Value = serde_json::from_str(&plan(&["--format", "json"])).unwrap();
    let session = |id: &str| {
        json["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
            .clone()
    };
    let rust1 = session("rust-1");
    assert_eq!(rust1["track"], "Rust");
    assert_eq!(
        rust1["links"],
        serde_json::json!({"page": PAGE, "video": VIDEO, "chat": CHAT})
    );
    assert_eq!(
        session("rust-2")["links"],
        serde_json::json!({"page": WIKI})
    );
    // No link: an empty object, so that a script reads `links.page` the same way everywhere.
    assert_eq!(session("bpf-1")["links"], serde_json::json!({}));
    assert_eq!(session("bpf-1")["track"], "eBPF");
}

#[test]
fn icalendar_puts_the_page_in_url_and_video_and_chat_in_the_description() {
    let text = plan(&["--format", "ics"]);
    let calendar: icalendar::Calendar = text.parse().expect("an independent parser reads it");
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let event = |uid: &str| {
        *events
            .iter()
            .find(|e| e.get_uid() == Some(uid))
            .unwrap_or_else(|| panic!("no event {uid}:\n{text}"))
    };
    let rust1 = event("rust-1@link-conf.agenda");
    assert_eq!(rust1.property_value("URL"), Some(PAGE));
    let description = rust1.get_description().unwrap();
    for line in [
        format!("Page: {PAGE}"),
        format!("Video: {VIDEO}"),
        format!("Chat: {CHAT}"),
    ] {
        assert!(description.contains(&line), "{line} in {description}");
    }
    assert_eq!(
        event("rust-2@link-conf.agenda").property_value("URL"),
        Some(WIKI)
    );
    // A talk without a page has no URL at all, not an empty one.
    assert_eq!(event("rust-3@link-conf.agenda").property_value("URL"), None);
}

#[test]
fn markdown_puts_the_links_after_the_title() {
    let md = plan(&["--format", "markdown"]);
    assert!(
        md.contains(&format!(
            "Async Rust in practice ([page](<{PAGE}>), [video](<{VIDEO}>), [chat](<{CHAT}>)) — Alice Rustacean"
        )),
        "{md}"
    );
    // The parentheses of the address stay inside its angle brackets.
    assert!(
        md.contains(&format!(
            "Rust (the language) on small boards ([page](<{WIKI}>))"
        )),
        "{md}"
    );
    let closing = md
        .lines()
        .find(|l| l.contains("Closing the Rust track"))
        .unwrap();
    assert!(
        !closing.contains("]("),
        "no link where there is none: {closing}"
    );
}

#[test]
fn the_table_shows_links_only_with_the_flag() {
    let without = plan(&["--width", "80"]);
    assert!(!without.contains("https://"), "{without}");
    let table = plan(&["--width", "80", "--links"]);
    for url in [PAGE, VIDEO, CHAT, WIKI] {
        assert_eq!(table.matches(url).count(), 1, "{url} once in\n{table}");
        // Whole, on a line of its own with its label: never cut or wrapped.
        assert!(
            table.lines().any(|l| l.trim_start().ends_with(url)),
            "{url}\n{table}"
        );
    }
    // At 80 columns every line but the addresses' fits.
    for line in table.lines().filter(|l| !l.contains("https://")) {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let compact = plan(&["--width", "80", "--links", "--compact"]);
    let lines: Vec<&str> = compact.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Async Rust in practice"))
        .unwrap();
    assert_eq!(
        lines[at + 1..at + 4]
            .iter()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>(),
        [
            format!("↗ page {PAGE}"),
            format!("↗ video {VIDEO}"),
            format!("↗ chat {CHAT}")
        ],
        "{compact}"
    );
    // Only the table shows layout flags.
    common::fails_with(
        &[
            "--schedule",
            FIXTURE,
            "plan",
            "--likes",
            "rust",
            "--links",
            "--format",
            "json",
        ],
        &["--links"],
    );
}

#[test]
fn the_header_names_talks_by_title_and_a_starred_talk_says_so() {
    let args = [
        "--must",
        "rust-3",
        "--rate",
        "bpf-1=4",
        "--star",
        "rust-2",
        "--favourites-weight",
        "3",
        "--width",
        "120",
    ];
    let table = plan(&args);
    for line in [
        "Rated: Tracing with eBPF (4)",
        "Starred: Rust (the language) on small… (+3)",
        "Must-see: Closing the Rust track",
    ] {
        assert!(table.lines().any(|l| l == line), "{line} in\n{table}");
    }
    assert!(!table.contains("rust-3"), "no bare id: {table}");
    let md = plan(&[&args[..8], &["--format", "markdown"]].concat());
    assert!(md.contains("★ starred +3"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&plan(&[&args[..8], &["--format", "json"]].concat())).unwrap();
    let starred = json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "rust-2")
        .unwrap();
    assert_eq!(
        starred["reasons"],
        serde_json::json!(["rust (track) +1", "★ starred +3"])
    );
}

#[test]
fn fosdem_talks_carry_their_page_video_and_chat_in_every_format() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let path = path.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["--schedule", path, "plan", "--likes", "rust", "--day", "1"];
        args.extend_from_slice(extra);
        stdout(&args)
    };
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    let chosen: Vec<&serde_json::Value> = json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["chosen"] == true)
        .collect();
    assert!(chosen.len() >= 5, "{} chosen", chosen.len());
    let ics = run(&["--format", "ics"]);
    let unfolded = ics.replace("\r\n ", "");
    let md = run(&["--format", "markdown"]);
    let table = run(&["--links", "--width", "80"]);
    for s in chosen {
        let page = s["links"]["page"]
            .as_str()
            .expect("every FOSDEM talk has a page");
        assert!(
            page.starts_with("https://fosdem.org/2025/schedule/event/"),
            "{page}"
        );
        assert!(s["track"].is_string(), "{s}");
        assert!(unfolded.contains(&format!("\r\nURL:{page}\r\n")), "{page}");
        assert!(md.contains(&format!("[page](<{page}>)")), "{page}");
        assert!(table.contains(page), "{page}");
        if let Some(video) = s["links"]["video"].as_str() {
            assert!(unfolded.contains(&format!("Video: {video}")), "{video}");
            assert!(md.contains(&format!("[video](<{video}>)")), "{video}");
            assert!(table.contains(video), "{video}");
        }
    }
}

#[test]
fn replan_shows_the_links_and_writes_the_phone_page_too() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("me.ron");
    common::agenda()
        .args([
            "--schedule",
            FIXTURE,
            "plan",
            "-q",
            "--likes",
            "rust",
            "--save",
        ])
        .arg(&plan)
        .assert()
        .success();
    let plan = plan.to_str().unwrap();
    let text = stdout(&[
        "--schedule",
        FIXTURE,
        "replan",
        plan,
        "--links",
        "--compact",
        "--width",
        "80",
    ]);
    assert!(text.contains(&format!("↗ video {VIDEO}")), "{text}");
    let html = stdout(&["--schedule", FIXTURE, "replan", plan, "--format", "html"]);
    assert!(
        html.contains(&format!("<a href=\"{WIKI}\" rel=\"noopener\">page</a>")),
        "{html}"
    );
}
