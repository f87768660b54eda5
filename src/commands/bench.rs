//! `agenda bench`: times the planner on the schedule and a ladder of generated conferences.

use super::Global;
use crate::bench::{self, Case, Settings};
use crate::cli::{BenchArgs, BenchFormat, SolverChoice};
use crate::solve::ilp::Backend;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};

/// Runs `bench`.
pub fn run(global: &Global, args: &BenchArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let settings = settings(args)?;
    global.refuse_clashes(&[("--plot", args.plot.as_deref())], &[])?;
    let first = first_case(global)?;
    // Read once up front, so that a broken file fails before any timing, warnings shown once.
    let (schedule, problems) = crate::import::read(&first.text, &first.name)?;
    crate::schedule::validate::fail_on_errors(&problems)?;
    global.note_warnings(&problems);
    if let Some(n) = args.together {
        return together(global, args, &schedule, n as usize, out);
    }
    let mut cases = vec![first];
    let sizes: Vec<usize> = args.sizes.iter().copied().filter(|&n| n > 0).collect();
    cases.extend(bench::ladder_with(
        &sizes,
        args.rooms,
        args.seed,
        args.nights,
    )?);
    let rows = measure(global, &cases, &settings)?;
    match args.format {
        BenchFormat::Table => bench::write_table(out, &rows, &settings)?,
        BenchFormat::Json => bench::write_json(out, &rows)?,
        BenchFormat::Csv => bench::write_csv(out, &rows)?,
    }
    if let Some(path) = &args.plot {
        write_plot(global, path, &rows, &settings, out)?;
    }
    if rows.iter().any(|r| !r.same_optimum) {
        global.note("warning: the integer program and the dynamic program disagree on some optimum (marked NO)");
    }
    Ok(())
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
        second: args.solver.map(backend).transpose()?,
        walking: args
            .walk
            .as_deref()
            .map(crate::prefs::venue::parse_walk)
            .transpose()?,
    })
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
            text: crate::import::read_text(p)?,
        },
    })
}

/// Times every case, with a progress bar on a terminal (unless `--quiet`).
fn measure(
    global: &Global,
    cases: &[Case],
    settings: &Settings,
) -> anyhow::Result<Vec<bench::Row>> {
    let methods = 2 + usize::from(settings.second.is_some());
    let runs = (cases.len() * settings.repeat * methods) as u64;
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
    let mut rows = Vec::with_capacity(cases.len());
    for case in cases {
        bar.set_message(case.name.clone());
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
    let svg = bench::plot::svg(rows, &format!("agenda bench: time against size ({k})"))?;
    global.emit(
        &crate::output::Target::of(Some(path)),
        svg.as_bytes(),
        out,
        |path| format!("wrote {}", path.display()),
    )
}

/// The backend behind a `--solver` choice; HiGHS in a build without it says how to get it.
fn backend(choice: SolverChoice) -> anyhow::Result<Backend> {
    Backend::parse(match choice {
        SolverChoice::Microlp => "microlp",
        SolverChoice::Highs => "highs",
    })
}

/// `bench --together N`: 2, 3, … N friends planned together, each `--repeat` times.
fn together(
    global: &Global,
    args: &BenchArgs,
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
    match args.format {
        BenchFormat::Table => bench::together::write_table(out, &rows),
        BenchFormat::Json => crate::output::write_json(out, &rows),
        BenchFormat::Csv => {
            writeln!(
                out,
                "friends,variables,constraints,min_ms,median_ms,optimal,gap"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{},{},{},{:.1},{:.1},{},{:.4}",
                    r.people,
                    r.variables,
                    r.constraints,
                    r.min.as_secs_f64() * 1000.0,
                    r.median.as_secs_f64() * 1000.0,
                    r.optimal,
                    r.gap
                )?;
            }
            Ok(())
        }
    }
}
