//! The friends page (`compare`/`together --format html`) as a phone shows it, in headless
//! Chromium: the meeting list first, links for each talk, the viewport tag and no sideways
//! scroll at 390 px, short talks' whole titles on a tap, cancelled talks marked. Skips without
//! Chromium (see CONTRIBUTING).

use crate::common::{self, browser};
use std::path::Path;

/// One morning in two rooms: talks with links, a ten-minute talk with a long title, a cancelled
/// talk, a lunch break.
const SCHEDULE: &str = r#"(
    conference: (name: "Page Conf", time_zone: "Europe/Brussels", rooms: ["Hall", "Side"]),
    sessions: [
        (id: "h1", date: "2025-06-14", start: "10:00", minutes: 30, room: "Hall", kind: Talk,
         title: "Rust in anger", speakers: ["Ana"], topics: ["rust"],
         url: Some("https://example.org/talk/h1"), video: Some("https://video.example.org/h1.mp4"),
         chat: Some("https://chat.example.org/h1")),
        (id: "s1", date: "2025-06-14", start: "10:00", minutes: 30, room: "Side", kind: Talk,
         title: "Gardening with cron", speakers: ["Ben"], topics: ["cron"],
         url: Some("https://example.org/talk/s1")),
        (id: "h2", date: "2025-06-14", start: "10:30", minutes: 10, room: "Hall", kind: Talk,
         title: "A lightning talk whose title is far too long for ten minutes of the grid",
         speakers: ["Cy"], topics: ["rust"], url: Some("https://example.org/talk/h2")),
        (id: "s2", date: "2025-06-14", start: "10:30", minutes: 30, room: "Side", kind: Talk,
         title: "Cron for the cautious", speakers: ["Di"], topics: ["cron"], cancelled: true),
        (id: "h3", date: "2025-06-14", start: "10:40", minutes: 20, room: "Hall", kind: Talk,
         title: "Rust after the lightning", speakers: ["Ed"], topics: ["rust"]),
        (id: "lunch", date: "2025-06-14", start: "11:00", minutes: 60, room: "Hall", kind: Break,
         title: "Lunch"),
        (id: "h4", date: "2025-06-14", start: "12:00", minutes: 30, room: "Hall", kind: Talk,
         title: "Rust in the afternoon", speakers: ["Gus"], topics: ["rust"]),
        (id: "s4", date: "2025-06-14", start: "12:00", minutes: 30, room: "Side", kind: Talk,
         title: "Cron in depth", speakers: ["Hal"], topics: ["cron"]),
        (id: "h5", date: "2025-06-14", start: "12:30", minutes: 30, room: "Hall", kind: Talk,
         title: "Rust at the end", speakers: ["Ida"], topics: ["rust"]),
        (id: "s5", date: "2025-06-14", start: "12:30", minutes: 30, room: "Side", kind: Talk,
         title: "Cron at the end", speakers: ["Jo"], topics: ["cron"]),
        (id: "h6", date: "2025-06-14", start: "13:00", minutes: 30, room: "Hall", kind: Talk,
         title: "Rust, finally", speakers: ["Kai"], topics: ["rust"]),
        (id: "s6", date: "2025-06-14", start: "13:00", minutes: 30, room: "Side", kind: Talk,
         title: "Cron, finally", speakers: ["Lu"], topics: ["cron"]),
    ],
)"#;

/// The page for Ana (rust) and Ben (cron) with a meeting at 12:30, written in `dir`.
fn page(dir: &Path) -> String {
    let schedule = dir.join("page-conf.ron");
    std::fs::write(&schedule, SCHEDULE).unwrap();
    for (name, likes) in [("ana", "\"rust\""), ("ben", "\"cron=2\"")] {
        std::fs::write(
            dir.join(format!("{name}.ron")),
            format!("(name: \"{name}\", likes: [{likes}])"),
        )
        .unwrap();
    }
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    common::stdout(&[
        "--schedule",
        &path("page-conf.ron"),
        "together",
        &path("ana.ron"),
        &path("ben.ron"),
        "--meet",
        "1 12:30-13:00",
        "--format",
        "html",
    ])
}

/// What a script in the page measures once it has run, on `<body data-measured="…">`: the short
/// block's title clipped before a tap and whole after it (a focus, as a tap gives), and the
/// cancelled title's decoration.
const MEASURE: &str = "<script>\
const s=document.querySelector('.s.short');\
const clipped=e=>e.scrollWidth>e.clientWidth+1||e.scrollHeight>e.clientHeight+1;\
const before=clipped(s);s.focus();\
const after=clipped(s);\
const gone=getComputedStyle(document.querySelector('.s.cancelled .t')).textDecorationLine;\
document.body.setAttribute('data-measured',[before,document.activeElement===s,after,gone].join(' '));\
</script></body>";

#[test]
fn the_friends_page_puts_meetings_first_links_talks_fits_a_phone_and_marks_cancelled_talks() {
    let dir = tempfile::tempdir().unwrap();
    let html = page(dir.path());
    // Without a browser: the page as written.
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
        "{html}"
    );
    let Some(shown) = browser::render(&html.replace("</body>", MEASURE), 390, 844) else {
        return;
    };
    let dom = &shown.dom;
    assert!(
        shown.scroll_width <= 390,
        "the page scrolls sideways: {} px",
        shown.scroll_width
    );
    // The meeting list is the first section, and holds the agreed meeting.
    let body = &dom[dom.find("<body").unwrap()..];
    let first = &body[body.find("<section").unwrap()..];
    assert!(
        first.starts_with("<section class=\"meet\""),
        "{}",
        &first[..80]
    );
    let list = &first[..first.find("</section>").unwrap()];
    assert!(
        list.contains("12:30–13:00 (30 min)") && list.contains("agreed meeting"),
        "{list}"
    );
    assert!(list.contains("break, everyone free: Lunch"), "{list}");
    // Links: the title to the talk's page, then its video and chat.
    for needle in [
        "<a class=\"t\" href=\"https://example.org/talk/h1\">Rust in anger</a>",
        "<a class=\"l\" href=\"https://video.example.org/h1.mp4\">video</a>",
        "<a class=\"l\" href=\"https://chat.example.org/h1\">chat</a>",
        "<a class=\"t\" href=\"https://example.org/talk/s1\">Gardening with cron</a>",
    ] {
        assert!(dom.contains(needle), "{needle}");
    }
    // The short talk: its whole title in the title attribute and, after a tap, on the page.
    let short = block(dom, "A lightning talk");
    assert!(short.contains("class=\"s talk short"), "{short}");
    assert!(
        short.contains("title=\"A lightning talk whose title is far too long for ten minutes of the grid · Hall · Cy\""),
        "{short}"
    );
    assert!(short.contains("tabindex=\"0\""), "{short}");
    let measured = browser::attribute(dom, "data-measured").expect("the script ran");
    assert_eq!(
        measured, "true true false line-through",
        "clipped before, focused, whole after, cancelled struck"
    );
    // The cancelled talk says so in words as well.
    let cancelled = block(dom, "Cron for the cautious");
    assert!(
        cancelled.contains("class=\"s talk cancelled"),
        "{cancelled}"
    );
    assert!(
        cancelled.contains("<span class=\"gone\">cancelled</span>"),
        "{cancelled}"
    );
    assert!(
        cancelled.contains("title=\"CANCELLED: Cron for the cautious"),
        "{cancelled}"
    );
}

/// The grid block (`<div class="s …">…</div>`, which holds no other `div`) holding `text`.
fn block<'a>(dom: &'a str, text: &str) -> &'a str {
    dom.match_indices("<div class=\"s ")
        .map(|(at, _)| &dom[at..at + dom[at..].find("</div>").unwrap()])
        .find(|b| b.contains(text))
        .unwrap_or_else(|| panic!("no block holds {text}"))
}
