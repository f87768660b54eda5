//! `plan --format html`: one self-contained page for the phone, loaded in headless Chromium at
//! 390 CSS pixels (skipped with a line where no Chromium is installed).
//!
//! The page's script marks the next talk from the device's real clock, which a test cannot set.
//! So the marking is checked on two schedules whose place in time is known whatever the day
//! the tests run: the fixture's talks lie in 2099 (all still to come: the first is `next`), and
//! All Systems Go! 2025 is over (nothing is marked, nothing dimmed).

use crate::common::{self, browser, stdout};

const FIXTURE: &str = "tests/fixtures/links.ron";

fn page(schedule: Option<&str>, extra: &[&str]) -> String {
    let mut args = Vec::new();
    if let Some(s) = schedule {
        args.extend(["--schedule", s]);
    }
    args.extend(["plan", "--format", "html"]);
    args.extend_from_slice(extra);
    stdout(&args)
}

/// The chosen talks of the same plan, from its JSON: (start, end, room, title, reasons, links).
fn chosen(schedule: Option<&str>, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = Vec::new();
    if let Some(s) = schedule {
        args.extend(["--schedule", s]);
    }
    args.extend(["plan", "--format", "json"]);
    args.extend_from_slice(extra);
    let json: serde_json::Value = serde_json::from_str(&stdout(&args)).unwrap();
    json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["chosen"] == true)
        .cloned()
        .collect()
}

/// Every `src=`, `href=` and CSS `url(` of the page, with what is allowed: `href`s of `<a>`
/// that are the talks' own links or `#` anchors. Nothing is fetched when the page opens.
fn assert_nothing_fetched(html: &str, talk_links: &[String]) {
    for banned in ["src=", "<link", "@import", "url(", "<img", "<iframe"] {
        assert!(!html.contains(banned), "{banned} in the page");
    }
    let mut rest = html;
    while let Some(at) = rest.find("href=\"") {
        let before = &rest[..at];
        let value = &rest[at + 6..];
        let value = &value[..value.find('"').unwrap()];
        assert!(
            before
                .rfind('<')
                .is_some_and(|tag| rest[tag..].starts_with("<a ")),
            "href outside a link: {value}"
        );
        assert!(
            value.starts_with('#') || talk_links.iter().any(|l| l == value),
            "an address that is no talk's link: {value}"
        );
        rest = &rest[at + 6..];
    }
}

/// The classes of each talk on the page, in order: `["talk", "next"]`, `["talk", "fill"]`.
fn talk_classes(dom: &str) -> Vec<Vec<&str>> {
    dom.split("<li class=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].split(' ').collect())
        .collect()
}

/// How many talks have the class `mark`.
fn marked(dom: &str, mark: &str) -> usize {
    talk_classes(dom)
        .iter()
        .filter(|c| c.contains(&mark))
        .count()
}

#[test]
fn the_page_is_self_contained_byte_identical_and_written_by_extension() {
    let html = page(Some(FIXTURE), &["--likes", "rust"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    let links: Vec<String> = chosen(Some(FIXTURE), &["--likes", "rust"])
        .iter()
        .flat_map(|s| {
            s["links"]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(links.len(), 4, "{links:?}");
    assert_nothing_fetched(&html, &links);
    // A few lines of script at most.
    let script = &html[html.find("<script>").unwrap()..html.find("</script>").unwrap()];
    assert!(script.lines().count() <= 16, "{script}");
    assert_eq!(page(Some(FIXTURE), &["--likes", "rust"]), html);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.html");
    common::agenda()
        .args(["--schedule", FIXTURE, "plan", "--likes", "rust", "-o"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), html);
}

#[test]
fn at_390_pixels_the_page_shows_each_day_and_talk_and_marks_the_next_one() {
    let args = ["--likes", "rust", "--star", "rust-2"];
    let html = page(Some(FIXTURE), &args);
    let Some(shown) = browser::render(&html, 390, 844) else {
        return;
    };
    let dom = &shown.dom;
    assert!(shown.scroll_width <= 390, "width {}", shown.scroll_width);
    assert!(dom.contains("name=\"viewport\""), "{dom}");
    assert_eq!(dom.matches("<section class=\"day\"").count(), 2, "{dom}");
    let talks = chosen(Some(FIXTURE), &args);
    assert_eq!(talks.len(), 3);
    for t in &talks {
        let title = t["title"].as_str().unwrap();
        let at = dom
            .find(&format!("<div class=\"title\">{}</div>", title))
            .unwrap_or_else(|| panic!("{title} not on the page:\n{dom}"));
        let item = &dom[dom[..at].rfind("<li").unwrap()..at + dom[at..].find("</li>").unwrap()];
        let time = format!(
            "{}–{}",
            t["start"].as_str().unwrap(),
            t["end"].as_str().unwrap()
        );
        assert!(item.contains(&time), "{time} in {item}");
        assert!(item.contains(t["room"].as_str().unwrap()), "{item}");
        let why: Vec<&str> = t["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert!(
            item.contains(&format!("Why: {}", why.join("; "))),
            "{why:?} in {item}"
        );
        for (label, url) in t["links"].as_object().unwrap() {
            assert!(
                item.contains(&format!(
                    "href=\"{}\" rel=\"noopener\">{label}</a>",
                    url.as_str().unwrap()
                )),
                "{label} in {item}"
            );
        }
    }
    assert!(dom.contains("★ starred +10"), "{dom}");
    // Every talk lies in 2099: the first is next, none is now or past.
    assert_eq!(talk_classes(dom).len(), 3, "{dom}");
    assert_eq!(marked(dom, "next"), 1, "{dom}");
    assert_eq!(marked(dom, "now") + marked(dom, "past"), 0, "{dom}");
    assert_eq!(talk_classes(dom)[0], ["talk", "next"], "{dom}");
    let next = &dom[dom.find("<li class=\"talk next\"").unwrap()..];
    assert!(
        next[..next.find("</li>").unwrap()].contains("Async Rust in practice"),
        "{next}"
    );
    assert!(
        dom.contains("<p id=\"status\">Next: <a href=\"#talk-1\">Mon 1 Jun · 10:00–10:30 Main Hall · Async Rust in practice</a></p>"),
        "{dom}"
    );
}

#[test]
fn after_the_conference_nothing_is_marked() {
    let html = page(None, &["--likes", "bpf,sysext"]);
    let Some(shown) = browser::render(&html, 390, 844) else {
        return;
    };
    let dom = &shown.dom;
    assert!(shown.scroll_width <= 390, "width {}", shown.scroll_width);
    assert_eq!(dom.matches("<section class=\"day\"").count(), 2, "{dom}");
    let talks = chosen(None, &["--likes", "bpf,sysext"]);
    assert_eq!(talk_classes(dom).len(), talks.len());
    for mark in ["next", "now", "past"] {
        assert_eq!(marked(dom, mark), 0, "{mark} in {dom}");
    }
    assert!(dom.contains("<p id=\"status\" hidden=\"\"></p>"), "{dom}");
}

#[test]
fn fosdem_s_long_titles_and_rooms_fit_a_phone() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let path = path.to_str().unwrap();
    let html = page(Some(path), &["--likes", "rust,security"]);
    let links: Vec<String> = chosen(Some(path), &["--likes", "rust,security"])
        .iter()
        .flat_map(|s| {
            s["links"]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(links.len() > 20, "{}", links.len());
    assert_nothing_fetched(&html, &links);
    let Some(shown) = browser::render(&html, 390, 844) else {
        return;
    };
    assert!(shown.scroll_width <= 390, "width {}", shown.scroll_width);
    for url in &links {
        assert!(shown.dom.contains(&format!("href=\"{url}\"")), "{url}");
    }
}
