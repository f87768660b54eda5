//! The browser harness the HTML page tests stand on: it must run a page's script and measure a
//! page that is too wide, or those tests would prove nothing.

use crate::common::browser;

#[test]
fn the_browser_runs_the_pages_script_and_measures_a_page_wider_than_the_window() {
    let page = "<!doctype html><html><body><div style=\"width:1200px\">wide</div>\
                <script>document.body.insertAdjacentHTML('beforeend','<p id=\"ran\">yes</p>')\
                </script></body></html>";
    let Some(shown) = browser::render(page, 390, 800) else {
        return;
    };
    assert!(shown.dom.contains("<p id=\"ran\">yes</p>"), "{}", shown.dom);
    assert!(shown.scroll_width >= 1200, "width {}", shown.scroll_width);
    let narrow = "<!doctype html><html><head><meta name=\"viewport\" \
                  content=\"width=device-width\"></head><body><p>short</p></body></html>";
    let shown = browser::render(narrow, 390, 800).expect("the browser ran once already");
    assert!(shown.scroll_width <= 390, "width {}", shown.scroll_width);
}
