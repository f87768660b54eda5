//! Saved plans are re-checked on load: one whose sessions overlap, that breaks its own switch
//! limit or names a session the schedule does not have is refused with the reason (exit 2),
//! never shown as if it were an agenda.

use crate::common;

use common::agenda;
use predicates::str::contains;

/// Alice's saved plan of the embedded schedule, and Bob's, in a fresh folder.
fn saved_pair() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let alice = dir.path().join("alice.ron");
    let bob = dir.path().join("bob.ron");
    for (profile, path) in [("alice", &alice), ("bob", &bob)] {
        agenda()
            .args(["plan", "--profile", profile, "--quiet", "--save"])
            .arg(path)
            .assert()
            .success();
    }
    (dir, alice, bob)
}

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "the saved plan lacks {from:?}; update this test"
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn compare(a: &std::path::Path, b: &std::path::Path) -> assert_cmd::assert::Assert {
    agenda().arg("compare").arg(a).arg(b).assert()
}

#[test]
fn an_untouched_saved_plan_is_accepted() {
    let (_dir, alice, bob) = saved_pair();
    compare(&alice, &bob).success();
}

#[test]
fn a_saved_plan_with_overlapping_sessions_is_refused() {
    let (_dir, alice, bob) = saved_pair();
    // `systing` runs in the Galerie while Alice sits in `bpf-tokens` in the Loft.
    edit(
        &alice,
        "\"bpf-tokens\",",
        "\"bpf-tokens\",\n        \"systing\",",
    );
    compare(&alice, &bob)
        .code(2)
        .stderr(contains("is not a valid agenda for Alice"))
        .stderr(contains("overlap"));
}

#[test]
fn a_saved_plan_that_breaks_its_switch_limit_is_refused() {
    let (_dir, alice, bob) = saved_pair();
    edit(&alice, "max_switches: 2", "max_switches: 0");
    compare(&alice, &bob).code(2).stderr(contains(
        "room switches on day 1, more than --max-switches 0",
    ));
}

#[test]
fn a_saved_plan_naming_an_unknown_session_is_refused() {
    let (_dir, alice, bob) = saved_pair();
    edit(
        &alice,
        "\"bpf-tokens\",",
        "\"bpf-tokens\",\n        \"no-such-talk\",",
    );
    compare(&alice, &bob)
        .code(2)
        .stderr(contains("session `no-such-talk` is not in the schedule"));
}
