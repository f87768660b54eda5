//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The file `../shared/<rel>` (relative to the crate root), if present.
///
/// When it is absent, prints one line `skipped: ../shared/<rel> not found` on stderr and returns
/// `None`, so the calling test can skip itself; with `AGENDA_REQUIRE_SHARED=1` it panics instead.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel);
    if path.is_file() {
        return Some(path);
    }
    if std::env::var("AGENDA_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("../shared/{rel} not found at {} but AGENDA_REQUIRE_SHARED=1", path.display());
    }
    eprintln!("skipped: ../shared/{rel} not found");
    None
}
