//! `agenda bench`: times the planner on the schedule and a ladder of generated conferences.

use super::Global;
use crate::bench::{self, Case, Settings};
use crate::cli::{BenchArgs, SolverChoice};
use crate::export::Format;
use crate::solve::ilp::Backend;
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
    let how = super::Output::from_flags(global, &args.out, &WRITES)?;
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

/// What the run measured under, for the notes under the table.
fn notes(settings: &Settings) -> crate::export::bench::Notes<'_> {
    crate::export::bench::Notes {
        repeat: settings.repeat,
        max_switches: settings.max_switches,
        likes: &settings.likes,
        walking: settings.walking.as_ref(),
        second: settings.second,
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
    let svg = crate::export::svg::svg(rows, &format!("agenda bench: time against size ({k})"))?;
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
