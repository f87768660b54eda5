//! Every reader keeps its promises (the fuzzer's `examples/fuzz/robust.rs`) on the inputs the fuzzer
//! (`examples/fuzz.rs`) once broke, kept in `tests/fixtures/fuzz/`, and on arbitrary and
//! mutated bytes: no panic, and what is accepted passes `check`, survives a RON round trip and
//! plans feasibly and optimally.

use crate::common;

use crate::robust::{self, Reader, Rng};
use proptest::prelude::*;

fn holds(reader: Reader, bytes: &[u8]) -> Result<(), String> {
    match std::panic::catch_unwind(|| robust::exercise(reader, bytes)) {
        Ok(result) => result,
        Err(_) => Err("panic".into()),
    }
}

#[test]
fn every_saved_fuzz_finding_now_keeps_the_promises() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in {dir}");
    for name in names {
        let reader = Reader::from_file_name(&name).unwrap_or_else(|| panic!("{name}: no reader"));
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        if let Err(why) = holds(reader, &bytes) {
            panic!("{name}: {why}");
        }
    }
}

/// Every shape the fuzzer generates (`examples/fuzz/shapes.rs`), small, a few times each,
/// through the commands: floods of one slot, days on one date, seconds, long words and names,
/// control and direction characters, and `-o /dev/fd/N` onto the open input
/// (`robust::exercise_commands`), besides the schedule reader's promises.
#[test]
fn every_fuzzer_shape_keeps_the_command_promises() {
    for name in crate::fuzz_shapes::NAMES {
        for n in 0..3 {
            let bytes = crate::fuzz_shapes::generate_named(&mut Rng::new(n), name, 20);
            if let Err(why) = holds(Reader::Commands, &bytes) {
                panic!("{name} {n}: {why}");
            }
        }
    }
}

/// The seed each reader's mutations start from.
fn seed(reader: Reader) -> Vec<u8> {
    match reader {
        Reader::Schedule | Reader::Commands => include_bytes!("fixtures/import/tiny.xml").to_vec(),
        Reader::Profile => include_bytes!("../profiles/alice.ron").to_vec(),
        Reader::SavedPlan => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.ron");
            common::agenda()
                .args(["plan", "--profile", "alice", "--quiet", "--save"])
                .arg(&path)
                .assert()
                .success();
            std::fs::read(&path).unwrap()
        }
    }
}

fn mutated(reader: Reader, seed_bytes: &[u8], n: u64) -> Vec<u8> {
    let _ = reader;
    robust::mutate(&mut Rng::new(n), seed_bytes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_schedule_reader_keeps_its_promises_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        prop_assert_eq!(holds(Reader::Schedule, &bytes), Ok(()));
    }

    #[test]
    fn the_schedule_reader_keeps_its_promises_on_mutated_exports(n in any::<u64>()) {
        let bytes = mutated(Reader::Schedule, &seed(Reader::Schedule), n);
        prop_assert_eq!(holds(Reader::Schedule, &bytes), Ok(()));
    }

    #[test]
    fn the_schedule_reader_keeps_its_promises_on_mutated_ron(n in any::<u64>()) {
        let bytes = robust::mutate(&mut Rng::new(n), include_bytes!("fixtures/good.ron"));
        prop_assert_eq!(holds(Reader::Schedule, &bytes), Ok(()));
    }

    #[test]
    fn the_profile_reader_keeps_its_promises(n in any::<u64>(), bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        prop_assert_eq!(holds(Reader::Profile, &bytes), Ok(()));
        let bytes = mutated(Reader::Profile, &seed(Reader::Profile), n);
        prop_assert_eq!(holds(Reader::Profile, &bytes), Ok(()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_saved_plan_reader_keeps_its_promises(n in any::<u64>(), bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        prop_assert_eq!(holds(Reader::SavedPlan, &bytes), Ok(()));
        let bytes = mutated(Reader::SavedPlan, &seed(Reader::SavedPlan), n);
        prop_assert_eq!(holds(Reader::SavedPlan, &bytes), Ok(()));
    }
}
