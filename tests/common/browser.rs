//! A real browser for the tests of the HTML pages: headless Chromium loads a page, runs its
//! script, and hands back the document as it stands afterwards.
//!
//! Where no Chromium is installed the tests that need one skip with one line on stderr (see
//! CONTRIBUTING.md for how to install it), unless `AGENDA_REQUIRE_BROWSER=1` demands it.
//! `AGENDA_CHROMIUM` names the browser binary when it is not on `PATH` as `chromium`,
//! `chromium-browser`, `google-chrome` or `google-chrome-stable`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the browser made of a page at one window size.
pub struct Rendered {
    /// The document after its script ran (`--dump-dom`).
    pub dom: String,
    /// The page's full width in CSS pixels (`document.documentElement.scrollWidth`): wider than
    /// the window means the reader has to scroll sideways.
    pub scroll_width: u32,
}

/// The Chromium binary, or `None` (with a `skipped:` line) when there is none.
pub fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("AGENDA_CHROMIUM").map(PathBuf::from);
    let found = named.into_iter().chain(
        [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .iter()
        .filter_map(|name| on_path(name)),
    );
    for candidate in found {
        let works = Command::new(&candidate)
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success());
        if works {
            return Some(candidate);
        }
    }
    if std::env::var("AGENDA_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!(
            "no Chromium found but AGENDA_REQUIRE_BROWSER=1 requires one; install it \
             (`apt-get install chromium`) or name it with AGENDA_CHROMIUM"
        );
    }
    let _ = writeln!(
        std::io::stderr(),
        "skipped: no Chromium to load the page in (apt-get install chromium)"
    );
    None
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// The flags every run needs: no sandbox (tests may run as root), no network of its own, a
/// profile folder of its own.
fn headless(browser: &Path, profile: &Path, width: u32, height: u32) -> Command {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--window-size={width},{height}"));
    cmd
}

/// Loads `html` in a frame `width`×`height` CSS pixels large and returns the document after its
/// script ran (and half a second of the page's own timers), or `None` when there is no browser.
///
/// Headless Chromium will not make its window narrower than 500 pixels, so the page is shown in
/// an `<iframe>` of the asked size inside a wrapper page, which reads the frame's document once
/// it has loaded, records its width on `<body data-test-scroll-width>` and takes its place for
/// `--dump-dom`. The page itself is not changed.
pub fn render(html: &str, width: u32, height: u32) -> Option<Rendered> {
    let browser = chromium()?;
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("page.html"), html).expect("the page written");
    let wrapper = format!(
        "<!doctype html><html><body style=\"margin:0\"><iframe id=\"f\" src=\"page.html\" \
         style=\"width:{width}px;height:{height}px;border:0\"></iframe><script>\
         const f=document.getElementById('f');\
         f.addEventListener('load',()=>setTimeout(()=>{{const d=f.contentDocument;\
         d.body.setAttribute('data-test-scroll-width',d.documentElement.scrollWidth);\
         document.replaceChild(document.importNode(d.documentElement,true),\
         document.documentElement);}},500));</script></body></html>"
    );
    let page = dir.path().join("wrapper.html");
    std::fs::write(&page, wrapper).expect("the wrapper written");
    let window = width.max(500) + 100;
    let out = headless(&browser, &dir.path().join("profile"), window, height + 100)
        .arg("--allow-file-access-from-files")
        .arg("--virtual-time-budget=3000")
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed on the page: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8(out.stdout).expect("the DOM is UTF-8");
    let scroll_width = attribute(&dom, "data-test-scroll-width")
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("the page did not load in its frame; the DOM was:\n{dom}"));
    Some(Rendered { dom, scroll_width })
}

/// Saves a picture of the page file at `width`×`height` to `png`; `false` when there is no
/// browser.
pub fn screenshot(page: &Path, png: &Path, width: u32, height: u32) -> bool {
    let Some(browser) = chromium() else {
        return false;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let status = headless(&browser, &dir.path().join("profile"), width, height)
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "chromium failed to take the picture"
    );
    true
}

/// The value of the first `NAME="…"` attribute in `dom`.
pub fn attribute<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let start = dom.find(&format!("{name}=\""))? + name.len() + 2;
    let len = dom[start..].find('"')?;
    Some(&dom[start..start + len])
}
