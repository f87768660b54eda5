//! `agenda bench`: times the planner on the schedule and a ladder of generated conferences.

use super::Global;
use crate::bench::solvers::{self, Solver};
use crate::bench::{self, Case, Settings};
use crate::cli::{BenchArgs, Suite};
use crate::export::Format;
use crate::export::bench::SolverRow;
use crate::solve::model_file;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};

/// What `bench` writes.
const WRITES: super::Writes = super::Writes {
    command: "bench",
    formats: crate::export::format::BENCH,
    times: false,
    widths: &[Format::Table],
};

/// Runs `bench`.
pub fn run(global: &Global, args: &BenchArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let settings = settings(args)?;
    global.refuse_clashes(
        &[
            ("-o", args.out.output.as_deref()),
            ("--plot", args.plot.as_deref()),
        ],
        &[],
    )?;
    if let Some(path) = &args.write_model {
        model_file::Format::of(path)?;
    }
    let how = super::Output::from_flags(global, &args.out, &WRITES)?;
    if args.suite == Some(Suite::Real) {
        return suite_real(global, args, &how, &settings, out);
    }
    let first = first_case(global)?;
    // Read once up front, so that a broken file fails before any timing, warnings shown once.
    let (schedule, problems) = crate::import::read(&first.text, &first.name)?;
    crate::schedule::validate::fail_on_errors(&problems)?;
    global.note_warnings(&problems);
    if let Some(n) = args.together {
        return together(global, args, &how, &schedule, n as usize, out);
    }
    let mut cases = vec![first];
    let sizes: Vec<usize> = args.sizes.iter().copied().filter(|&n| n > 0).collect();
    cases.extend(bench::ladder_with(
        &sizes,
        args.rooms,
        args.seed,
        args.nights,
    )?);
    if !settings.solvers.is_empty() {
        let rows = measure_solvers(global, &cases, &settings, &[settings.max_switches])?;
        emit_solvers(global, &how, &rows, settings.repeat, out)?;
        return write_models(global, args, &cases, &settings, out);
    }
    let rows = measure(global, &cases, &settings)?;
    how.emit_by(global, out, |to| match how.format {
        Format::Json => crate::export::json::write_json(to, &rows),
        Format::Csv => crate::export::csv::write_rows(to, &rows),
        _ => crate::export::table::bench::write(to, &rows, &notes(&settings), how.options.width),
    })?;
    if let Some(path) = &args.plot {
        write_plot(global, path, &rows, &settings, out)?;
    }
    if rows.iter().any(|r| !r.same_optimum) {
        global.note("warning: the integer program and the dynamic program disagree on some optimum (marked NO)");
    }
    write_models(global, args, &cases, &settings, out)
}

/// `--write-model FILE`: each case's integer programs, solved once more with microlp (not
/// timed), as FILE with `-<case>-<day>` before the extension.
fn write_models(
    global: &Global,
    args: &BenchArgs,
    cases: &[Case],
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let Some(path) = &args.write_model else {
        return Ok(());
    };
    for case in cases {
        let schedule = case.schedule()?;
        let instance = bench::instance(&schedule, settings)?;
        let mut models = crate::solve::ilp::solve_keeping_models(&instance)?
            .stats
            .models;
        for m in &mut models {
            m.key = format!("{}-{}", model_file::clean(&case.name), m.key);
        }
        global.write_models(path, &models, &schedule, out)?;
    }
    Ok(())
}

/// Every solver on every case, for each switch limit in `limits`, with a progress bar on a
/// terminal; a limit other than `None` is said in the case's name (`… K=2`).
fn measure_solvers(
    global: &Global,
    cases: &[Case],
    settings: &Settings,
    limits: &[Option<u32>],
) -> anyhow::Result<Vec<SolverRow>> {
    let runs = (cases.len() * limits.len() * settings.repeat * settings.solvers.len()) as u64;
    let bar = progress_bar(global, runs);
    let mut rows = Vec::new();
    for &k in limits {
        let at_k = Settings {
            max_switches: k,
            ..settings.clone()
        };
        for case in cases {
            bar.set_message(crate::output::clean(&case.name).into_owned());
            let mut found = solvers::run_case(case, &settings.solvers, &at_k, &mut || bar.inc(1))?;
            if limits.len() > 1 {
                let said = k.map_or("no limit".to_string(), |k| format!("K={k}"));
                for r in &mut found {
                    r.case = format!("{} {said}", r.case);
                }
            }
            rows.extend(found);
        }
    }
    bar.finish_and_clear();
    Ok(rows)
}

/// The solver table (or its JSON or CSV), and a warning when some solver disagrees.
fn emit_solvers(
    global: &Global,
    how: &super::Output,
    rows: &[SolverRow],
    repeat: usize,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    how.emit_by(global, out, |to| match how.format {
        Format::Json => crate::export::json::write_json(to, &rows),
        Format::Csv => crate::export::csv::write_rows(to, rows),
        _ => crate::export::table::bench::write_solvers(to, rows, repeat, how.options.width),
    })?;
    if rows.iter().any(|r| !r.agrees) {
        global
            .note("warning: some solver's optimum differs from the dynamic program's (marked NO)");
    }
    Ok(())
}

/// `--suite real`: every shared real export, no limit and K = 2, every solver asked for (all
/// there are by default); the table as usual, and a dated run folder with the raw CSV and a
/// README.
fn suite_real(
    global: &Global,
    args: &BenchArgs,
    how: &super::Output,
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let dir = std::path::Path::new(SHARED_DATA);
    if !dir.is_dir() {
        global.note(&format!(
            "bench --suite real: skipped, {SHARED_DATA} is not here (the shared real exports lie beside the repository; run from its root)"
        ));
        return Ok(());
    }
    if !args.runs_dir.is_dir() {
        return Err(crate::error::bad_input(format!(
            "--runs-dir {}: no such folder; run from the repository root or give --runs-dir",
            args.runs_dir.display()
        )));
    }
    let (cases, skipped) = solvers::real_cases(dir)?;
    for (name, why) in &skipped {
        global.note(&format!("skipped {name}: {why}"));
    }
    let mut settings = settings.clone();
    if settings.solvers.is_empty() {
        settings.solvers = Solver::parse("all")?;
    }
    let limits = match args.max_switches {
        Some(_) => vec![settings.max_switches],
        None => vec![None, Some(2)],
    };
    let started = chrono::Utc::now();
    let load_before = load_average();
    let rows = measure_solvers(global, &cases, &settings, &limits)?;
    let run = crate::bench::run_folder::Run {
        started,
        label: &args.label,
        rows: &rows,
        skipped: &skipped,
        settings: &settings,
        load: (load_before, load_average()),
    };
    let folder = run.write(&args.runs_dir)?;
    emit_solvers(global, how, &rows, settings.repeat, out)?;
    global.note(&format!("wrote {}", folder.display()));
    Ok(())
}

/// The shared real exports, from the repository root.
const SHARED_DATA: &str = "../shared/data";

/// The 1-minute load average, where the system says it.
fn load_average() -> Option<String> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(String::from))
}

/// A progress bar of `runs` steps on a terminal (unless `--quiet`), hidden otherwise.
fn progress_bar(global: &Global, runs: u64) -> ProgressBar {
    let bar = if global.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::with_draw_target(Some(runs), ProgressDrawTarget::stderr())
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} runs {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}

/// The measurement settings from the flags, checked.
fn settings(args: &BenchArgs) -> anyhow::Result<Settings> {
    Ok(Settings {
        likes: bench::likes(&args.likes)?,
        max_switches: match &args.max_switches {
            Some(text) => crate::prefs::SwitchLimit::parse(text)?.per_day(),
            None => None,
        },
        repeat: args.repeat as usize,
        solvers: if args.solver.is_empty() {
            Vec::new()
        } else {
            solvers::parse_all(&args.solver)?
        },
        walking: args
            .walk
            .as_deref()
            .map(crate::prefs::venue::parse_walk)
            .transpose()?,
    })
}

/// What the run measured under, for the notes under the table.
fn notes(settings: &Settings) -> crate::export::bench::Notes<'_> {
    crate::export::bench::Notes {
        repeat: settings.repeat,
        max_switches: settings.max_switches,
        likes: &settings.likes,
        walking: settings.walking.as_ref(),
    }
}

/// The first case: the `--schedule` file, named by its stem, or the embedded schedule.
fn first_case(global: &Global) -> anyhow::Result<Case> {
    Ok(match &global.schedule {
        None => Case {
            name: "embedded".to_string(),
            text: crate::schedule::EMBEDDED_RON.to_string(),
        },
        Some(p) => Case {
            name: p
                .file_stem()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into()),
            text: crate::import::read_text_within(p, global.limit)?,
        },
    })
}

/// Times every case, with a progress bar on a terminal (unless `--quiet`).
fn measure(
    global: &Global,
    cases: &[Case],
    settings: &Settings,
) -> anyhow::Result<Vec<bench::Row>> {
    let bar = progress_bar(global, (cases.len() * settings.repeat * 2) as u64);
    let mut rows = Vec::with_capacity(cases.len());
    for case in cases {
        bar.set_message(crate::output::clean(&case.name).into_owned());
        rows.push(bench::run_case(case, settings, &mut || bar.inc(1))?);
    }
    bar.finish_and_clear();
    Ok(rows)
}

/// `--plot FILE`: the times against size as an SVG chart.
fn write_plot(
    global: &Global,
    path: &std::path::Path,
    rows: &[bench::Row],
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let k = settings
        .max_switches
        .map_or("no switch limit".to_string(), |k| format!("K = {k}"));
    let svg = crate::export::svg::svg(rows, &format!("agenda bench: time against size ({k})"))?;
    global.emit(
        &crate::output::Target::of(Some(path)),
        svg.as_bytes(),
        out,
        |path| format!("wrote {}", path.display()),
    )
}

/// `bench --together N`: 2, 3, … N friends planned together, each `--repeat` times.
fn together(
    global: &Global,
    args: &BenchArgs,
    how: &super::Output,
    schedule: &crate::schedule::Schedule,
    n: usize,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut rows = Vec::new();
    for people in 2..=n {
        global.note(&format!("planning {people} friends together …"));
        rows.push(bench::together::run(
            schedule,
            people,
            args.repeat as usize,
            None,
        )?);
    }
    how.emit_by(global, out, |to| match how.format {
        Format::Json => crate::export::json::write_json(to, &rows),
        Format::Csv => crate::export::csv::write_rows(to, &rows),
        _ => crate::export::table::bench::write_together(to, &rows, how.options.width),
    })
}
