//! The `../shared/` helper: a missing file is skipped, unless `AGENDA_REQUIRE_SHARED=1` demands it.

use crate::common;

#[test]
fn a_missing_shared_file_skips_or_fails_as_the_environment_says() {
    let required = std::env::var("AGENDA_REQUIRE_SHARED").is_ok_and(|v| v == "1");
    let result = std::panic::catch_unwind(|| common::shared_file("asg2025/no-such-file.txt"));
    match result {
        Ok(found) => {
            assert!(
                !required,
                "AGENDA_REQUIRE_SHARED=1 must turn a missing file into a failure"
            );
            assert_eq!(found, None);
        }
        Err(panic) => {
            assert!(
                required,
                "a missing file must be skipped without AGENDA_REQUIRE_SHARED=1"
            );
            let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
            assert!(
                message.contains("../shared/asg2025/no-such-file.txt"),
                "{message}"
            );
        }
    }
}
