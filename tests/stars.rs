//! Stars are preferences: favourites and `--star` add a strong weight, clashing stars are
//! resolved by the optimiser and each lost star is named with what it lost to; `--must` (and
//! `--favourites-weight must`) stay hard, and a contradiction names every clashing pair.

use crate::common;

const FIXTURE: &str = "tests/fixtures/stars/schedule.ron";

/// `agenda --schedule FIXTURE plan --format json ARGS`: the chosen ids and stderr.
fn plan(args: &[&str]) -> (Vec<String>, String) {
    let out = common::agenda()
        .args(["--schedule", FIXTURE, "plan", "--format", "json"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        common::chosen_ids(&json),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn clashing_stars_are_resolved_and_each_lost_star_names_its_winner() {
    let (chosen, err) = plan(&[
        "--likes", "rust", "--star", "a", "--star", "b", "--star", "c",
    ]);
    // b is starred and about rust: 11 points against 10.
    assert_eq!(chosen, ["b", "d"]);
    let lost: Vec<&str> = err.lines().filter(|l| l.starts_with('★')).collect();
    assert_eq!(
        lost,
        [
            "★ `Talk a` [a] lost to ★ `Talk b` [b] (scores 11 against 10)",
            "★ `Talk c` [c] lost to ★ `Talk b` [b] (scores 11 against 10)",
        ],
        "{err}"
    );
    // A tie says how it was broken.
    let (chosen, err) = plan(&["--likes", "rust", "--star", "a", "--star", "c"]);
    assert_eq!(chosen.len(), 2, "{chosen:?}");
    assert!(
        err.contains("a tie, broken by fewer room switches"),
        "{err}"
    );
}

#[test]
fn favourites_from_a_file_are_weighted_by_default_and_must_see_on_request() {
    let file = "tests/fixtures/stars/favourites.txt";
    let (chosen, err) = plan(&["--likes", "rust", "--favourites", file]);
    assert_eq!(
        chosen.len(),
        2,
        "one of the clashing favourites: {chosen:?}"
    );
    assert!(chosen.contains(&"d".to_string()));
    assert_eq!(
        err.lines().filter(|l| l.starts_with('★')).count(),
        1,
        "{err}"
    );
    let json = common::stdout(&[
        "--schedule",
        FIXTURE,
        "plan",
        "--likes",
        "rust",
        "--favourites",
        file,
        "--format",
        "json",
    ]);
    assert!(
        json.contains("\"★ starred +10\""),
        "the documented weight: {json}"
    );
    // The old behaviour, asked for: must-see, and the clash is refused naming both.
    common::fails_with(
        &[
            "--schedule",
            FIXTURE,
            "plan",
            "--likes",
            "rust",
            "--favourites",
            file,
            "--favourites-weight",
            "must",
        ],
        &["`Talk a`", "`Talk c`", "--favourites-weight must", "--star"],
    );
    common::fails_with(
        &[
            "--schedule",
            FIXTURE,
            "plan",
            "--star",
            "a",
            "--favourites-weight",
            "0.5",
        ],
        &["--favourites-weight `0.5`", "`must`"],
    );
    common::fails_with(
        &[
            "--schedule",
            FIXTURE,
            "plan",
            "--star",
            "a",
            "--favourites-weight",
            "11",
        ],
        &["--favourites-weight 11"],
    );
}

#[test]
fn a_must_see_contradiction_names_every_clashing_pair_at_once() {
    let err = common::fails(&[
        "--schedule",
        FIXTURE,
        "plan",
        "--must",
        "a",
        "--must",
        "b",
        "--must",
        "c",
    ]);
    assert!(err.contains("3 pairs of must-see talks overlap"), "{err}");
    for pair in [
        ("`Talk a`", "`Talk b`"),
        ("`Talk a`", "`Talk c`"),
        ("`Talk b`", "`Talk c`"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(pair.0) && l.contains(pair.1)),
            "{pair:?}: {err}"
        );
    }
    assert!(!err.contains("in --must"), "{err}");
}

#[test]
fn three_clashing_fosdem_stars_plan_with_two_lost() {
    let Some(path) = common::shared_file("data/fosdem-2025-schedule.xml") else {
        return;
    };
    let path = path.display().to_string();
    // Three talks FOSDEM 2025 runs at 10:30 on Saturday, all starred.
    let out = common::agenda()
        .args([
            "--schedule",
            &path,
            "plan",
            "--likes",
            "rust",
            "--format",
            "json",
        ])
        .args(["--star", "4862", "--star", "5139", "--star", "6024"])
        .assert()
        .success()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let chosen = common::chosen_ids(&json);
    let stars: Vec<&str> = ["4862", "5139", "6024"]
        .into_iter()
        .filter(|s| chosen.iter().any(|c| c == s))
        .collect();
    assert_eq!(stars.len(), 1, "{chosen:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    let lost: Vec<&str> = err.lines().filter(|l| l.starts_with('★')).collect();
    assert_eq!(lost.len(), 2, "{err}");
    for line in lost {
        assert!(line.contains("lost to ★ `"), "{line}");
        assert!(line.contains(&format!("[{}]", stars[0])), "{line}");
    }
}
