//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The path of `../shared/<rel>` (files read where they lie, never copied into the repo).
///
/// Returns `None` and prints one "skipped" line when the file is absent, unless
/// `AGENDA_REQUIRE_SHARED=1`, which turns its absence into a failure.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel);
    if path.is_file() {
        return Some(path);
    }
    if std::env::var("AGENDA_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!(
            "../shared/{rel} not found at {} and AGENDA_REQUIRE_SHARED=1",
            path.display()
        );
    }
    eprintln!("skipped: ../shared/{rel} not found");
    None
}
