//! `agenda bench --solver`: every solver on the same integer programs, in one table.
//!
//! A [`Solver`] is a good_lp backend built into this binary (microlp; HiGHS and CBC behind the
//! Cargo features `highs` and `cbc`), a solver binary on `PATH` handed the exact model through
//! its LP file ([`Binary`]: the files `--write-model` writes), or the reference dynamic
//! program. Each case's instance is solved by each, `repeat` times; a row says the median build
//! and solve times, the nodes and iterations the solver reports (binaries only: good_lp does not
//! pass them on), the optimum as a score and room switches, and whether it agrees with the
//! dynamic program's.
//!
//! A binary's optimum is read from its output: each day's file gives P·(half points) −
//! switches (see [`crate::solve::model_file`]), so the half points are ⌈optimum / P⌉ and the
//! switches the rest.

use super::{Case, Settings, instance, median};
use crate::export::bench::SolverRow;
use crate::solve::model_file::{self, Model};
use crate::solve::{self, Backend};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A solver binary that reads an LP file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binary {
    /// COIN-OR CBC (`cbc`; Debian: coinor-cbc).
    Cbc,
    /// HiGHS (`highs`).
    Highs,
    /// GLPK (`glpsol`; Debian: glpk-utils).
    Glpsol,
    /// SCIP (`scip`).
    Scip,
}

impl Binary {
    /// Every binary known, in table order.
    pub const ALL: [Binary; 4] = [Binary::Cbc, Binary::Highs, Binary::Glpsol, Binary::Scip];

    /// Its command name.
    pub fn command(self) -> &'static str {
        match self {
            Binary::Cbc => "cbc",
            Binary::Highs => "highs",
            Binary::Glpsol => "glpsol",
            Binary::Scip => "scip",
        }
    }

    /// Its arguments to solve `file` (an LP file) and print the optimum; `options` is a file
    /// it may use for settings (HiGHS: no relative MIP gap, which would stop it short of the
    /// optimum on large objectives).
    fn args(self, file: &Path, options: &Path) -> Vec<String> {
        let f = file.display().to_string();
        match self {
            Binary::Cbc => vec![f, "solve".into()],
            Binary::Highs => vec![
                "--model_file".into(),
                f,
                "--options_file".into(),
                options.display().to_string(),
            ],
            Binary::Glpsol => vec!["--lp".into(), f, "-o".into(), "/dev/stdout".into()],
            Binary::Scip => vec!["-c".into(), format!("read {f} optimize quit")],
        }
    }

    /// The optimum, nodes and iterations in its output, as far as it prints them.
    pub fn read(self, output: &str) -> Report {
        let value = |label: &str| -> Option<f64> {
            output
                .lines()
                .map(str::trim_start)
                .find_map(|l| l.strip_prefix(label))
                .and_then(|rest| {
                    rest.split(|c: char| c.is_whitespace() || c == ':' || c == '=' || c == '(')
                        .find_map(|t| t.parse::<f64>().ok())
                })
        };
        let count = |label: &str| value(label).map(|v| v as u64);
        match self {
            Binary::Cbc => Report {
                optimum: value("Objective value:"),
                nodes: count("Enumerated nodes:"),
                iterations: count("Total iterations:"),
            },
            Binary::Highs => Report {
                optimum: value("Primal bound").or_else(|| value("Objective value")),
                nodes: count("Nodes"),
                iterations: count("LP iterations"),
            },
            Binary::Glpsol => Report {
                optimum: value("Objective:  obj ="),
                nodes: None,
                iterations: None,
            },
            Binary::Scip => Report {
                optimum: value("Primal Bound"),
                nodes: count("Solving Nodes"),
                iterations: None,
            },
        }
    }

    /// Where the binary is on `PATH`, if it is.
    pub fn find(self) -> Option<PathBuf> {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|dir| dir.join(self.command()))
            .find(|p| p.is_file())
    }
}

/// What a binary printed about one model.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Report {
    /// The objective's optimum.
    pub optimum: Option<f64>,
    /// Branch-and-bound nodes.
    pub nodes: Option<u64>,
    /// Simplex iterations.
    pub iterations: Option<u64>,
}

/// One solver to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Solver {
    /// A good_lp backend built in.
    Backend(Backend),
    /// A binary on `PATH`, through the LP file.
    File(Binary, PathBuf),
    /// The reference dynamic program.
    Dp,
}

impl Solver {
    /// Its name in the table: `microlp`, `cbc (file)`, `dp`.
    pub fn name(&self) -> String {
        match self {
            Solver::Backend(b) => b.name().to_string(),
            Solver::File(b, _) => format!("{} (file)", b.command()),
            Solver::Dp => "dp".to_string(),
        }
    }

    /// Parses a `--solver` name: a backend (`microlp`, `highs`, `cbc`), `file:BINARY` (`cbc`,
    /// `highs`, `glpsol`, `scip` on `PATH`), `dp`, or `all` (every backend built in, every
    /// binary found, and the DP).
    pub fn parse(name: &str) -> anyhow::Result<Vec<Solver>> {
        let lower = name.to_ascii_lowercase();
        if lower == "all" {
            let mut all: Vec<Solver> = Backend::available()
                .into_iter()
                .map(Solver::Backend)
                .collect();
            all.extend(
                Binary::ALL
                    .iter()
                    .filter_map(|&b| b.find().map(|p| Solver::File(b, p))),
            );
            all.push(Solver::Dp);
            return Ok(all);
        }
        if lower == "dp" {
            return Ok(vec![Solver::Dp]);
        }
        if let Some(binary) = lower.strip_prefix("file:") {
            let Some(&b) = Binary::ALL.iter().find(|b| b.command() == binary) else {
                return Err(crate::error::bad_input(format!(
                    "--solver {name}: no known solver binary `{binary}`; choose file:cbc, file:highs, file:glpsol or file:scip"
                )));
            };
            let path = b.find().ok_or_else(|| {
                crate::error::bad_input(format!(
                    "--solver {name}: `{binary}` is not on PATH; install it (Debian: apt-get install coinor-cbc or glpk-utils) or leave it out"
                ))
            })?;
            return Ok(vec![Solver::File(b, path)]);
        }
        Ok(vec![Solver::Backend(Backend::parse(&lower)?)])
    }
}

/// Every solver named (in order, each once), with the DP added last when missing.
pub fn parse_all(names: &[String]) -> anyhow::Result<Vec<Solver>> {
    let mut all: Vec<Solver> = Vec::new();
    for name in names {
        for s in Solver::parse(name)? {
            if !all.contains(&s) {
                all.push(s);
            }
        }
    }
    if !all.contains(&Solver::Dp) {
        all.push(Solver::Dp);
    }
    Ok(all)
}

/// One measurement: median build and solve times, what the solver reported, and its optimum
/// as (half points, switches).
struct Measured {
    build: Duration,
    solve: Duration,
    report: Report,
    optimum: (i64, u64),
}

/// Solves `case` with every solver; one row per solver, the DP's optimum the reference.
/// `tick` is called after every run.
pub fn run_case(
    case: &Case,
    solvers: &[Solver],
    settings: &Settings,
    tick: &mut dyn FnMut(),
) -> anyhow::Result<Vec<SolverRow>> {
    let schedule = case.schedule()?;
    let instance = instance(&schedule, settings)?;
    let talks = instance.days.iter().map(|d| d.items.len()).sum();
    let reference = solve::dp::solve(&instance)?;
    let want = (
        reference.total,
        reference
            .switches
            .iter()
            .map(|&s| u64::from(s))
            .sum::<u64>(),
    );
    let mut rows = Vec::with_capacity(solvers.len());
    for solver in solvers {
        let m = measure(&instance, solver, settings.repeat.max(1), tick)?;
        rows.push(SolverRow {
            case: case.name.clone(),
            candidates: talks,
            solver: solver.name(),
            build: m.build,
            solve: m.solve,
            nodes: m.report.nodes,
            iterations: m.report.iterations,
            score: m.optimum.0 as f64 / 2.0,
            switches: m.optimum.1,
            agrees: m.optimum == want,
        });
    }
    Ok(rows)
}

/// `repeat` runs of one solver on an instance.
fn measure(
    instance: &solve::Instance,
    solver: &Solver,
    repeat: usize,
    tick: &mut dyn FnMut(),
) -> anyhow::Result<Measured> {
    let mut builds = Vec::with_capacity(repeat);
    let mut solves = Vec::with_capacity(repeat);
    let mut report = Report::default();
    let mut optimum = (0, 0);
    let switches = |s: &solve::Solution| s.switches.iter().map(|&n| u64::from(n)).sum::<u64>();
    for _ in 0..repeat {
        match solver {
            Solver::Backend(b) => {
                let s = solve::ilp::solve_with(instance, *b)?;
                builds.push(s.stats.build);
                solves.push(s.stats.solve);
                optimum = (s.total, switches(&s));
            }
            Solver::Dp => {
                let started = Instant::now();
                let s = solve::dp::solve(instance)?;
                solves.push(started.elapsed());
                builds.push(Duration::ZERO);
                optimum = (s.total, switches(&s));
            }
            Solver::File(binary, path) => {
                let (build, solve, r, o) = through_file(instance, *binary, path)?;
                builds.push(build);
                solves.push(solve);
                report = r;
                optimum = o;
            }
        }
        tick();
    }
    Ok(Measured {
        build: median(&mut builds),
        solve: median(&mut solves),
        report,
        optimum,
    })
}

/// Writes the instance's models as LP files into a temporary folder (timed as the build, the
/// model built as the product builds it) and runs the binary on each (timed as the solve, the
/// whole process); sums the optima, nodes and iterations over the days.
fn through_file(
    instance: &solve::Instance,
    binary: Binary,
    path: &Path,
) -> anyhow::Result<(Duration, Duration, Report, (i64, u64))> {
    let started = Instant::now();
    let models = solve::ilp::solve_keeping_models(instance)?.stats.models;
    let dir = tempfile::tempdir()?;
    let options = dir.path().join("options.txt");
    std::fs::write(&options, "mip_rel_gap = 0\nmip_abs_gap = 0.5\n")?;
    let mut files = Vec::with_capacity(models.len());
    for m in &models {
        let file = dir.path().join(format!("{}.lp", m.key));
        std::fs::write(&file, model_file::write_lp(m, &|i| format!("s{i}")))?;
        files.push(file);
    }
    let build = started.elapsed();
    let solving = Instant::now();
    let mut total = Report {
        optimum: None,
        nodes: Some(0),
        iterations: Some(0),
    };
    let mut optimum = (0_i64, 0_u64);
    for (m, file) in models.iter().zip(&files) {
        let out = std::process::Command::new(path)
            .args(binary.args(file, &options))
            .output()
            .map_err(|e| anyhow::anyhow!("could not run {}: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let r = binary.read(&text);
        let (half, switches) = from_optimum(m, r.optimum).ok_or_else(|| {
            anyhow::anyhow!(
                "{} printed no optimum for {} (exit {}); its output ends:\n{}",
                binary.command(),
                m.title,
                out.status,
                text.lines()
                    .rev()
                    .take(8)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })?;
        optimum.0 += half;
        optimum.1 += switches;
        total.nodes = add(total.nodes, r.nodes);
        total.iterations = add(total.iterations, r.iterations);
    }
    Ok((build, solving.elapsed(), total, optimum))
}

/// A sum of counts over days; `None` as soon as one day's is unknown.
fn add(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    Some(a? + b?)
}

/// (half points, switches) of a model's optimum P·h − s with 0 ≤ s < P.
pub fn from_optimum(model: &Model, optimum: Option<f64>) -> Option<(i64, u64)> {
    let o = optimum?.round();
    let p = model.switch_weight;
    let half = (o / p).ceil();
    Some((half as i64, (p * half - o) as u64))
}

/// An export the suite could not read: its file name and why.
pub type Skipped = (String, String);

/// The shared real exports in `dir` that `agenda` reads (XML, JSON and iCalendar files), in
/// name order, as cases; files it cannot read are returned apart with the reason.
pub fn real_cases(dir: &Path) -> anyhow::Result<(Vec<Case>, Vec<Skipped>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| ["xml", "json", "ics"].contains(&e.to_string_lossy().as_ref()))
        })
        .collect();
    files.sort();
    let mut cases = Vec::new();
    let mut skipped = Vec::new();
    for f in files {
        let name = f
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let case = crate::import::read_text_within(&f, crate::input::ReadLimit::default())
            .map(|text| Case {
                name: name.clone(),
                text,
            })
            .and_then(|c| c.schedule().map(|_| c));
        match case {
            Ok(c) => cases.push(c),
            Err(e) => skipped.push((name, format!("{e:#}"))),
        }
    }
    Ok((cases, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_binarys_summary_is_read_for_optimum_nodes_and_iterations() {
        let cbc = "Result - Optimal solution found\n\nObjective value:                270.00000000\nEnumerated nodes:               3\nTotal iterations:               41\n";
        assert_eq!(
            Binary::Cbc.read(cbc),
            Report {
                optimum: Some(270.0),
                nodes: Some(3),
                iterations: Some(41)
            }
        );
        let glpk = "Problem:    \nRows:       35\nObjective:  obj = 174 (MAXimum)\n";
        assert_eq!(Binary::Glpsol.read(glpk).optimum, Some(174.0));
        let highs = "  Status            Optimal\n  Primal bound      270\n  Dual bound        270\n  Nodes             1\n  LP iterations     12 (total)\n";
        assert_eq!(
            Binary::Highs.read(highs),
            Report {
                optimum: Some(270.0),
                nodes: Some(1),
                iterations: Some(12)
            }
        );
        let scip =
            "Solving Nodes      : 5\nPrimal Bound       : +2.70000000000000e+02 (3 solutions)\n";
        assert_eq!(Binary::Scip.read(scip).optimum, Some(270.0));
        assert_eq!(Binary::Scip.read(scip).nodes, Some(5));
        assert_eq!(Binary::Cbc.read("Problem is infeasible").optimum, None);
    }

    #[test]
    fn an_optimum_splits_into_half_points_and_switches_below_p() {
        let mut m = Model::of(
            &good_lp::ProblemVariables::new(),
            &Default::default(),
            &good_lp::Expression::default(),
            &[],
        );
        m.switch_weight = 4.0;
        // 68 half points with 2 switches: 4·68 − 2.
        assert_eq!(from_optimum(&m, Some(270.0)), Some((68, 2)));
        assert_eq!(from_optimum(&m, Some(272.0)), Some((68, 0)));
        assert_eq!(from_optimum(&m, Some(0.0)), Some((0, 0)));
        assert_eq!(from_optimum(&m, None), None);
    }

    #[test]
    fn unknown_or_missing_solvers_are_refused_and_the_dp_always_comes_last() {
        assert!(Solver::parse("file:gurobi").is_err());
        assert!(Solver::parse("nonsense").is_err());
        let all = parse_all(&["microlp".into(), "microlp".into()]).unwrap();
        assert_eq!(all, vec![Solver::Backend(Backend::Microlp), Solver::Dp]);
    }
}
