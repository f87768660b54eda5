//! Every real export plans: rooms spelt two ways, iCalendar conference schedules and the c3voc
//! schedule2 JSON are read, with a warning for everything cosmetic and what was done about it.

use crate::common;

use common::agenda;
use predicates::str::contains;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn path_of(name: &str) -> String {
    fixture(name).to_str().unwrap().to_string()
}

#[test]
fn rooms_differing_only_in_case_or_spacing_are_one_room_with_a_warning_and_plans_succeed() {
    let file = path_of("room-spellings.xml");
    agenda()
        .args(["check", &file])
        .assert()
        .success()
        .stdout(contains("warning[room-spelling]"))
        .stdout(contains(
            "the rooms `1Komona Boredome` (1 event) and `1komona  Boredome` (1 event) differ only in case or spacing; they are taken as one room, `1Komona Boredome`",
        ));
    let talks = common::stdout(&["talks", "--schedule", &file, "--format", "json"]);
    let talks: serde_json::Value = serde_json::from_str(&talks).unwrap();
    let rooms: std::collections::BTreeSet<&str> = talks
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["room"].as_str().unwrap())
        .collect();
    assert_eq!(
        rooms.into_iter().collect::<Vec<_>>(),
        ["1Komona Boredome", "Saal 1"]
    );
    agenda()
        .args(["plan", "--schedule", &file, "--likes", "kernel"])
        .assert()
        .success()
        .stdout(contains("Kernel hacking for everyone"))
        .stdout(contains("More kernel hacking"));
}
