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

/// The fuzzer judges each step against its own budget: a `together` is allowed what a joint
/// program costs, a `check` only what reading costs, and the finding names the step furthest
/// over its budget.
#[test]
fn a_slow_step_is_judged_against_its_own_kind() {
    use robust::{Step, Timings};
    use std::time::Duration;
    let plan = Duration::from_secs(40);
    let secs = Duration::from_secs;
    let budget = |s: Step| s.budget(plan);
    assert_eq!(budget(Step::Read), secs(10));
    assert_eq!(budget(Step::Check), secs(10));
    assert_eq!(budget(Step::Plan), secs(40));
    assert_eq!(budget(Step::Compare), secs(80));
    assert_eq!(budget(Step::Together), secs(160));
    // 60 s is within together's budget and compare's, over check's and plan's.
    let one = |step| Timings(vec![(Step::Read, secs(1)), (step, secs(60))]);
    assert_eq!(one(Step::Together).over_budget(plan), None);
    assert_eq!(one(Step::Compare).over_budget(plan), None);
    let check = one(Step::Check).over_budget(plan).expect("a slow check");
    assert!(check.starts_with("check took 60"), "{check}");
    assert!(check.ends_with("over its budget of 10s"), "{check}");
    assert!(one(Step::Plan).over_budget(plan).is_some());
    // Several over budget: the one furthest over (check at 3×, not plan at 1.25×) is named.
    let both = Timings(vec![
        (Step::Plan, secs(50)),
        (Step::Check, secs(30)),
        (Step::Together, secs(100)),
    ]);
    let named = both.over_budget(plan).expect("two steps over budget");
    assert!(named.starts_with("check took 30"), "{named}");
    assert_eq!(Timings::default().over_budget(plan), None);
}
