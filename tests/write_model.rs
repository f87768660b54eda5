//! `--write-model FILE`: the integer programs of `plan` and `together` as LP and MPS files, read
//! by a standard solver when one is installed (CBC, GLPK: never required).

use crate::common::{agenda, fails_with};
use std::path::Path;
use std::process::Command;

const LIKES: &str = "security=3,kernel=2,containers=2,rust";

/// P from a written file's header (`… P = 4.` or `P = 5, W = 4.`).
fn switch_weight(text: &str) -> f64 {
    let after = text.split("P = ").nth(1).expect("P in the header");
    after
        .split(|c: char| c == ',' || c.is_whitespace())
        .next()
        .unwrap()
        .trim_end_matches('.')
        .parse()
        .unwrap()
}

/// The optimum a solver binary reports for a file, or `None` when the binary is not installed.
fn solve_with(binary: &str, args: &[&str], file: &Path, marker: &str) -> Option<f64> {
    let mut all: Vec<&str> = args.to_vec();
    let name = file.to_str().unwrap();
    all.iter_mut().for_each(|a| {
        if *a == "FILE" {
            *a = name;
        }
    });
    let out = Command::new(binary).args(&all).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let line = text
        .lines()
        .find(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("{binary} printed no `{marker}`:\n{text}"));
    let value = line
        .split(|c: char| c == '=' || c == ':' || c.is_whitespace())
        .filter_map(|t| t.parse::<f64>().ok())
        .next_back()
        .unwrap_or_else(|| panic!("no number in {line}"));
    Some(value)
}

fn plan_with_models(dir: &Path, file: &str) -> serde_json::Value {
    let out = agenda()
        .current_dir(dir)
        .args([
            "plan",
            "--likes",
            LIKES,
            "--max-switches",
            "2",
            "--format",
            "json",
        ])
        .args(["--write-model", file])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("wrote the integer program of day 1"),
        "{stderr}"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn plan_writes_one_lp_file_per_day_named_after_the_sessions_and_identical_every_run() {
    let dir = tempfile::tempdir().unwrap();
    plan_with_models(dir.path(), "m.lp");
    let day1 = std::fs::read_to_string(dir.path().join("m-day1.lp")).unwrap();
    assert!(dir.path().join("m-day2.lp").is_file());
    assert!(
        day1.starts_with("\\ agenda: the integer program of day 1 ("),
        "{day1}"
    );
    assert!(
        day1.contains("\nMaximize\n obj:") && day1.ends_with("End\n"),
        "{day1}"
    );
    // The embedded schedule's talk `bpf-tokens` on day 1.
    assert!(day1.contains(" x_d1_bpf_tokens"), "{day1}");
    let again = tempfile::tempdir().unwrap();
    plan_with_models(again.path(), "m.lp");
    let day1_again = std::fs::read_to_string(again.path().join("m-day1.lp")).unwrap();
    assert_eq!(day1, day1_again);
}

/// Σ over the day files of ⌈optimum / P⌉ half points, read by `solve`.
fn score_from(dir: &Path, files: &[&str], solve: impl Fn(&Path) -> Option<f64>) -> Option<f64> {
    let mut half_points = 0.0;
    for f in files {
        let path = dir.join(f);
        let p = switch_weight(&std::fs::read_to_string(&path).unwrap());
        let optimum = solve(&path)?;
        half_points += (optimum / p - 1e-9).ceil();
    }
    Some(half_points / 2.0)
}

#[test]
fn a_standard_solver_on_the_written_files_gives_the_plans_score() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_with_models(dir.path(), "m.lp");
    plan_with_models(dir.path(), "m.mps");
    let total = plan["total_score"].as_f64().unwrap();
    let lp = ["m-day1.lp", "m-day2.lp"];
    let mps = ["m-day1.mps", "m-day2.mps"];
    let mut tried = 0;
    let cbc = |f: &Path| solve_with("cbc", &["FILE", "solve"], f, "Objective value");
    if let Some(score) = score_from(dir.path(), &lp, cbc) {
        assert_eq!(score, total, "cbc on the LP files");
        // The MPS file minimises the negated objective.
        let score = score_from(dir.path(), &mps, |f| cbc(f).map(|v| -v)).unwrap();
        assert_eq!(score, total, "cbc on the MPS files");
        tried += 1;
    }
    let glpk = |args: &'static [&'static str]| {
        move |f: &Path| solve_with("glpsol", args, f, "Objective:  obj =")
    };
    if let Some(score) = score_from(
        dir.path(),
        &lp,
        glpk(&["--lp", "FILE", "-o", "/dev/stdout"]),
    ) {
        assert_eq!(score, total, "glpsol on the LP files");
        let mps_glpk = glpk(&["--freemps", "FILE", "-o", "/dev/stdout"]);
        let score = score_from(dir.path(), &mps, |f| mps_glpk(f).map(|v| -v)).unwrap();
        assert_eq!(score, total, "glpsol on the MPS files");
        tried += 1;
    }
    if tried == 0 {
        eprintln!(
            "skipped: neither cbc nor glpsol is installed (apt-get install coinor-cbc glpk-utils)"
        );
    }
}

#[test]
fn together_writes_the_joint_model_of_each_day() {
    let dir = tempfile::tempdir().unwrap();
    let friends = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/friends");
    agenda()
        .current_dir(dir.path())
        .arg("together")
        .arg(friends.join("pat.ron"))
        .arg(friends.join("quinn.ron"))
        .args(["--write-model", "j.mps", "--format", "json"])
        .assert()
        .success();
    let day1 = std::fs::read_to_string(dir.path().join("j-day1.mps")).unwrap();
    assert!(day1.contains("planning together, day 1"), "{day1}");
    assert!(day1.contains("\nNAME agenda-day1 FREE\n"), "{day1}");
    assert!(
        day1.contains(" x_p1_d1_") && day1.contains(" x_p2_d1_"),
        "{day1}"
    );
    assert!(day1.contains(" s_p1_"), "company variables: {day1}");
}

#[test]
fn a_model_file_without_lp_or_mps_is_refused_before_planning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.txt");
    fails_with(
        &[
            "plan",
            "--likes",
            "rust",
            "--write-model",
            file.to_str().unwrap(),
        ],
        &[
            "--write-model",
            "must end in .lp (CPLEX LP) or .mps (free MPS)",
        ],
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
