//! `agenda bench`: every case is measured, both solvers agree, and everything but the measured
//! times is the same on every run.

use agenda::bench::{self, Settings};
use assert_cmd::Command;

fn agenda() -> Command {
    Command::cargo_bin("agenda").expect("the agenda binary is built")
}

fn settings(max_switches: Option<u32>) -> Settings {
    Settings {
        likes: bench::likes(&[]).expect("default likes parse"),
        max_switches,
        repeat: 1,
        solvers: Vec::new(),
        walking: None,
    }
}

/// CSV rows without the time columns (which are measured, so never identical).
fn csv_without_times(stdout: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8(stdout.to_vec()).expect("UTF-8");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    lines
        .map(|l| {
            l.split(',')
                .zip(&header)
                .filter(|(_, h)| !h.ends_with("_ms"))
                .map(|(v, _)| v.to_string())
                .collect()
        })
        .collect()
}

#[test]
fn integer_program_and_dynamic_program_find_the_same_optimum() {
    let cases = bench::ladder(&[100, 300], None, 7).expect("generates");
    for k in [None, Some(0), Some(2)] {
        for case in &cases {
            let row = bench::run_case(case, &settings(k), &mut || {}).expect("solves");
            assert!(
                row.same_optimum,
                "{} with K={k:?}: ILP {} vs DP {}",
                case.name, row.ilp_total, row.dp_total
            );
            assert!(
                row.ilp_total > 0,
                "the default likes match generated topics"
            );
            assert!(row.variables > 0 && row.constraints > 0);
            assert!(
                row.left_out > 0 && row.left_out < row.candidates,
                "{} with K={k:?}: the bound left out {} of {} candidates",
                case.name,
                row.left_out,
                row.candidates
            );
        }
    }
}

#[test]
fn a_tighter_switch_limit_never_raises_the_optimum() {
    let case = &bench::ladder(&[250], Some(6), 3).expect("generates")[0];
    let free = bench::run_case(case, &settings(None), &mut || {}).expect("solves");
    let two = bench::run_case(case, &settings(Some(2)), &mut || {}).expect("solves");
    let none = bench::run_case(case, &settings(Some(0)), &mut || {}).expect("solves");
    assert!(free.ilp_total >= two.ilp_total && two.ilp_total >= none.ilp_total);
}

#[test]
fn progress_is_ticked_once_per_run_of_each_method() {
    let cases = bench::ladder(&[100], None, 1).expect("generates");
    let mut ticks = 0;
    let s = Settings {
        repeat: 3,
        ..settings(None)
    };
    bench::run(&cases, &s, &mut || ticks += 1).expect("solves");
    // The whole pipeline (the integer program and the check after solving) and the DP.
    assert_eq!(ticks, 2 * 3);
}

#[test]
fn table_lists_the_schedule_and_every_generated_size() {
    let out = agenda()
        .args(["bench", "--sizes", "100,200", "--repeat", "1"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for expected in [
        "embedded",
        "gen-100",
        "gen-200",
        "Solve med",
        "times in ms",
        "switch limit none",
    ] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
    assert!(!text.contains(" NO "), "solvers disagree:\n{text}");
    assert!(out.stderr.is_empty(), "no progress bar off a terminal");
}

#[test]
fn csv_is_identical_between_runs_except_for_the_times() {
    let args = [
        "bench",
        "--sizes",
        "100",
        "--repeat",
        "1",
        "--format",
        "csv",
        "--max-switches",
        "2",
    ];
    let first = agenda().args(args).output().expect("runs");
    let second = agenda().args(args).output().expect("runs");
    assert!(first.status.success());
    let rows = csv_without_times(&first.stdout);
    assert_eq!(rows.len(), 2, "the embedded schedule and gen-100");
    assert_eq!(rows[0][0], "embedded");
    assert_eq!(rows[1][0], "gen-100");
    assert_eq!(rows[1][1], "100", "talks");
    assert_eq!(rows, csv_without_times(&second.stdout));
    assert!(
        rows.iter()
            .all(|r| r.last().map(String::as_str) == Some("true"))
    );
}

#[test]
fn json_has_one_object_per_case_with_times_in_ms() {
    let out = agenda()
        .args([
            "bench", "--sizes", "100", "--repeat", "2", "--format", "json",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 2);
    for r in rows {
        let min = r["solve_min_ms"].as_f64().expect("a number");
        let median = r["solve_median_ms"].as_f64().expect("a number");
        let max = r["solve_max_ms"].as_f64().expect("a number");
        assert!(min <= median && median <= max, "{r}");
        assert_eq!(r["ilp_total"], r["dp_total"]);
    }
}

#[test]
fn plot_draws_one_line_per_method_into_an_svg_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("times.svg");
    agenda()
        .args([
            "bench", "--sizes", "100,200", "--repeat", "1", "--quiet", "--plot",
        ])
        .arg(&file)
        .assert()
        .success()
        .stderr("");
    let svg = std::fs::read_to_string(&file).expect("written");
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("integer program: solve (median)"));
    assert!(svg.contains("dynamic program (median)"));
    assert!(svg.matches("<polyline").count() >= 3, "a line per method");
}

#[test]
fn a_schedule_file_replaces_the_embedded_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("small.ron");
    agenda()
        .args([
            "generate", "--talks", "60", "--rooms", "3", "--seed", "4", "-o",
        ])
        .arg(&file)
        .assert()
        .success();
    let out = agenda()
        .arg("--schedule")
        .arg(&file)
        .args(["bench", "--sizes", "0", "--repeat", "1", "--format", "csv"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = csv_without_times(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0..3], ["small", "60", "3"]);
}

#[test]
fn bad_likes_and_repeat_are_refused() {
    agenda()
        .args(["bench", "--sizes", "100", "--likes", "rust=99"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("weights go from 1 to"));
    agenda().args(["bench", "--repeat", "0"]).assert().code(2);
}

#[test]
fn solvers_share_one_table_with_the_dp_as_reference_and_agree() {
    let table = agenda()
        .args([
            "bench", "--sizes", "100", "--repeat", "1", "--solver", "microlp",
        ])
        .output()
        .expect("runs");
    assert!(
        table.status.success(),
        "{}",
        String::from_utf8_lossy(&table.stderr)
    );
    let text = String::from_utf8(table.stdout).expect("UTF-8");
    let header = text.lines().nth(1).expect("a header");
    for column in [
        "Solver", "Build", "Solve", "Nodes", "Iters", "Score", "Switch", "Same",
    ] {
        assert!(header.contains(column), "{text}");
    }
    // Two cases (embedded, gen-100), each with microlp and the DP.
    assert_eq!(text.matches(" microlp ").count(), 2, "{text}");
    assert_eq!(text.matches(" ref ").count(), 2, "{text}");
    assert!(!text.contains(" NO "), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");

    let csv = agenda()
        .args([
            "bench", "--sizes", "100", "--repeat", "1", "--solver", "microlp", "--format", "csv",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8(csv.stdout).expect("UTF-8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("case,candidates,solver,build_ms,solve_ms,nodes,iterations,score,switches,agrees")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 4);
    for pair in rows.chunks(2) {
        assert_eq!(pair[0][2], "microlp");
        assert_eq!(pair[1][2], "dp");
        assert_eq!(
            pair[0][7..9],
            pair[1][7..9],
            "same score and switches: {pair:?}"
        );
        assert!(pair.iter().all(|r| r[9] == "true"));
    }
}

#[cfg(not(feature = "highs"))]
#[test]
fn highs_without_the_feature_says_how_to_build_it() {
    agenda()
        .args(["bench", "--sizes", "100", "--solver", "highs"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--features highs"));
}

#[cfg(not(feature = "cbc"))]
#[test]
fn cbc_without_the_feature_says_how_to_build_it_or_use_the_binary() {
    agenda()
        .args(["bench", "--sizes", "100", "--solver", "cbc"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--features cbc"))
        .stderr(predicates::str::contains("file:cbc"));
}

#[cfg(any(feature = "highs", feature = "cbc"))]
#[test]
fn every_built_in_backend_finds_the_same_optimum_as_the_dp() {
    let cases = bench::ladder(&[100, 300], None, 7).expect("generates");
    let solvers = bench::solvers::parse_all(&["all".to_string()]).expect("parses");
    for k in [None, Some(0), Some(2)] {
        for case in &cases {
            let rows =
                bench::solvers::run_case(case, &solvers, &settings(k), &mut || {}).expect("solves");
            for row in rows {
                assert!(row.agrees, "{} with K={k:?}: {row:?}", case.name);
            }
        }
    }
}

#[test]
fn max_switches_none_is_accepted_like_plan_accepts_it() {
    let out = agenda()
        .args([
            "bench",
            "--sizes",
            "0",
            "--repeat",
            "1",
            "--max-switches",
            "none",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("switch limit none"), "{text}");
    agenda()
        .args(["bench", "--sizes", "0", "--max-switches", "few"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`none`"));
}

#[test]
fn the_table_shows_where_the_time_of_a_run_goes_stage_by_stage() {
    let out = agenda()
        .args(["bench", "--sizes", "100", "--repeat", "1"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let header = text
        .lines()
        .find(|l| l.contains("Read"))
        .unwrap_or_else(|| panic!("a stage table in\n{text}"));
    let columns: Vec<&str> = header
        .split(['│', '┆'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        columns,
        [
            "Case", "Read", "Topics", "Score", "Build", "Solve", "Verify", "Write", "Total",
            "ILP/DP"
        ]
    );
}

#[test]
fn stages_add_up_to_the_total_of_a_run() {
    let case = &bench::ladder(&[200], None, 5).expect("generates")[0];
    let run = bench::pipeline(case, &settings(Some(2)).request()).expect("plans");
    let s = run.stages;
    use agenda::timing::Stage;
    assert!(
        s.get(Stage::Read) > std::time::Duration::ZERO,
        "RON is read"
    );
    assert_eq!(
        s.get(Stage::Topics),
        std::time::Duration::ZERO,
        "a RON schedule's topics are written out, not derived"
    );
    for stage in [Stage::Score, Stage::Build, Stage::Solve, Stage::Write] {
        assert!(s.get(stage) > std::time::Duration::ZERO, "{stage:?} timed");
    }
    assert_eq!(s.total(), Stage::ALL.iter().map(|&x| s.get(x)).sum());
    assert!(run.plan.total > 0);
}

#[test]
fn an_imported_schedule_has_its_topic_derivation_timed_apart_from_reading() {
    let text = std::fs::read_to_string("tests/fixtures/import/tiny.xml").expect("the fixture");
    let case = bench::Case {
        name: "frab".into(),
        text,
    };
    let run = bench::pipeline(
        &case,
        &Settings {
            likes: bench::likes(&["rust".to_string()]).expect("parses"),
            ..settings(None)
        }
        .request(),
    )
    .expect("plans");
    assert!(run.stages.get(agenda::timing::Stage::Topics) > std::time::Duration::ZERO);
}

#[test]
fn bench_together_plans_two_and_three_friends_to_proven_optimality() {
    let out = agenda()
        .args([
            "bench",
            "--together",
            "3",
            "--repeat",
            "1",
            "--format",
            "json",
            "-q",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for (row, people) in rows.iter().zip([2, 3]) {
        assert_eq!(row["people"], people);
        assert_eq!(row["optimal"], true);
        // Two friends on the embedded schedule are proven best with company free
        // (`src/solve/joint/proof.rs`), three by the group's sweep in time
        // (`src/solve/joint/pair.rs`): neither builds a model.
        assert_eq!(row["variables"], 0, "{row}");
    }
}
