//! One file per subcommand: glue that turns flags into library calls and prints the result.

mod bench;
mod check;
mod compare;
mod completions;
mod convert;
mod diff;
mod focus;
mod generate;
mod noted;
mod now;
mod on;
pub mod plan;
mod replan;
pub mod talks;
mod together;
mod topics;

use crate::cli::{Cli, Command};
use crate::schedule::{Problem, Schedule};
use std::io::Write;

/// Global settings every command sees.
#[derive(Debug, Clone)]
pub struct Global {
    /// `--schedule FILE`.
    pub schedule: Option<std::path::PathBuf>,
    /// `--quiet`.
    pub quiet: bool,
    /// `--verbose`.
    pub verbose: bool,
    /// `--force`: replace read-only output files.
    pub force: bool,
    /// Downloads: `--offline`, `--timeout`, `--max-download`, the cache folder.
    pub net: crate::fetch::Net,
    /// The file remembering which schedule versions' warnings were noted (`None`: note every
    /// time).
    pub noted: Option<std::path::PathBuf>,
    /// `--max-input-size`: the limit on each input file.
    pub limit: crate::input::ReadLimit,
}

impl Global {
    /// Loads the schedule and prints its warnings (one line each, or one summary line).
    pub fn load_schedule(&self) -> anyhow::Result<Schedule> {
        Ok(self.load_identified(self.schedule.as_deref())?.0)
    }

    /// Loads a schedule (a file, `-`, a URL, or the embedded one when `None`) with its identity,
    /// and prints its warnings.
    pub fn load_identified(
        &self,
        spec: Option<&std::path::Path>,
    ) -> anyhow::Result<(Schedule, crate::fetch::identity::Identity)> {
        let loaded = self.load_timed(spec, crate::import::Need::Schedule)?;
        Ok((loaded.schedule, loaded.identity))
    }

    /// [`Global::load_identified`] for a command that needs `need`, with the time reading
    /// took (for `--verbose`).
    pub fn load_timed(
        &self,
        spec: Option<&std::path::Path>,
        need: crate::import::Need,
    ) -> anyhow::Result<crate::fetch::identity::Loaded> {
        let loaded = crate::fetch::identity::load_for(spec, &self.net, self.limit, need)?;
        self.note_warnings(&loaded.warnings);
        Ok(loaded)
    }

    /// Shows warnings on stderr: all with `--verbose`, a one-line count otherwise (once per
    /// version of the schedule, see [`noted`]), none with `--quiet`.
    pub fn note_warnings(&self, warnings: &[Problem]) {
        if self.quiet || warnings.is_empty() {
            return;
        }
        if self.verbose {
            for w in warnings {
                crate::output::say(w);
            }
        } else if self
            .noted
            .as_deref()
            .is_none_or(|file| noted::first_time(file, &noted::key(warnings)))
        {
            crate::output::say(format_args!(
                "note: the schedule has {} warning{} (doubtful entries such as overlaps, duplicates, zero lengths, or skipped data); planning copes with them. `agenda check` lists them (said once for this version of the schedule; --verbose shows them every time)",
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" }
            ));
        }
    }

    /// The options of every file this run writes.
    pub fn write_options(&self) -> crate::output::WriteOptions {
        crate::output::WriteOptions {
            force: self.force,
            quiet: self.quiet,
        }
    }

    /// Refuses, before any work, outputs that are the same file as an input (the schedule, and
    /// `inputs`) or as each other (exit code 2), and outputs that cannot be written (a
    /// directory, a missing folder, a read-only file without `--force`: exit code 1), so that a
    /// command writing two files never writes the first and then fails on the second.
    pub fn refuse_clashes(
        &self,
        outputs: &[(&str, Option<&std::path::Path>)],
        inputs: &[(&str, &std::path::Path)],
    ) -> anyhow::Result<()> {
        // No `-o`: the output is standard output, which the shell may have opened on an input
        // (`agenda convert x.ron >>x.ron`); a stream on a regular file is that file.
        let outputs: Vec<(&str, &std::path::Path)> = outputs
            .iter()
            .filter_map(|(what, p)| match (*what, p) {
                (_, Some(p)) => Some((*what, *p)),
                ("-o", None) => Some(("standard output", std::path::Path::new("/dev/stdout"))),
                _ => None,
            })
            .collect();
        let mut all_inputs: Vec<(&str, &std::path::Path)> = inputs.to_vec();
        if let Some(s) = &self.schedule {
            all_inputs.push(("--schedule", s));
        }
        crate::output::atomic::refuse_clashes(&outputs, &all_inputs)?;
        for (_, path) in &outputs {
            crate::output::atomic::check_writable(path, &self.write_options())?;
        }
        Ok(())
    }

    /// `--write-model FILE`: writes each integer program kept while planning (see
    /// [`crate::solve::model_file`]) to FILE with `-<day>` before its extension, in the format
    /// of its extension; every file is checked before any is written.
    pub fn write_models(
        &self,
        path: &std::path::Path,
        models: &[crate::solve::model_file::Model],
        schedule: &crate::schedule::Schedule,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        use crate::solve::model_file;
        let format = model_file::Format::of(path)?;
        if models.is_empty() {
            self.note(&format!(
                "--write-model {}: no integer program was solved (no talk can raise the score), so there is no model to write",
                path.display()
            ));
            return Ok(());
        }
        // In the order of their days, whatever order the parts were solved in.
        let mut models: Vec<&model_file::Model> = models.iter().collect();
        models.sort_by_key(|m| model_file::first_day(&m.key));
        let files: Vec<std::path::PathBuf> = models
            .iter()
            .map(|m| model_file::file_for(path, &m.key))
            .collect();
        let outputs: Vec<(&str, Option<&std::path::Path>)> = files
            .iter()
            .map(|f| ("--write-model", Some(f.as_path())))
            .collect();
        self.refuse_clashes(&outputs, &[])?;
        let ids = |i: usize| {
            schedule
                .sessions
                .get(i)
                .map_or_else(String::new, |s| s.id.clone())
        };
        for (model, file) in models.iter().zip(&files) {
            let text = model_file::write(model, format, &ids);
            self.emit(
                &crate::output::Target::of(Some(file)),
                text.as_bytes(),
                out,
                |p| {
                    format!(
                        "wrote the integer program of {} to {}",
                        model.title,
                        p.display()
                    )
                },
            )?;
        }
        Ok(())
    }

    /// Writes a command's output to its target (standard output, or a file atomically) and,
    /// for a regular file, says so on stderr: `wrote` makes the message from the file's name,
    /// e.g. `wrote out.ics`. Nothing is said for standard output, a stream or a device.
    pub fn emit(
        &self,
        target: &crate::output::Target,
        bytes: &[u8],
        out: &mut dyn Write,
        wrote: impl FnOnce(&std::path::Path) -> String,
    ) -> anyhow::Result<()> {
        self.emit_by(target, out, |to| Ok(to.write_all(bytes)?), wrote)
    }

    /// [`Global::emit`] of what `make` writes as it makes it, so that a large output (a JSON
    /// agenda of 100,000 talks) is never held in memory whole.
    pub fn emit_by(
        &self,
        target: &crate::output::Target,
        out: &mut dyn Write,
        make: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
        wrote: impl FnOnce(&std::path::Path) -> String,
    ) -> anyhow::Result<()> {
        if target.emit_by(out, &self.write_options(), make)?
            && let Some(path) = target.file_name()
        {
            self.note(&wrote(path));
        }
        Ok(())
    }

    /// Prints a note on stderr unless `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            crate::output::say(message);
        }
    }
}

/// What a command writes, for the one check of its output flags ([`Output::from_flags`]).
#[derive(Debug, Clone, Copy)]
pub struct Writes {
    /// Its name in messages: `plan`.
    pub command: &'static str,
    /// Its formats, the default first (see [`crate::export::format`]).
    pub formats: &'static [crate::export::Format],
    /// Whether it shows times, so that `--tz` applies.
    pub times: bool,
    /// The formats `--width` applies to: its tables.
    pub widths: &'static [crate::export::Format],
}

/// How and where a command writes its result, checked from the flags before any work: the
/// format (`--format`, else `-o FILE`'s extension, else the command's default; see
/// [`crate::export::format::choose`]), standard output or the file, and the options the
/// writers read (the `--tz` zone and `--width` here; each command adds its own).
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The format.
    pub format: crate::export::Format,
    /// Standard output or the file of `-o`.
    pub target: crate::output::Target,
    /// What the writers are told.
    pub options: crate::export::ExportOptions,
    /// `-o plan.md writes Markdown` when the file's name chose the format, for messages that
    /// should not suggest a `--format` contradicting it.
    pub named_by_file: Option<String>,
}

impl Output {
    /// Checks `--format`, `-o`, `--tz` and `--width` of a command that `writes` as it says. A
    /// note about an extension agenda does not know is shown now.
    pub fn from_flags(
        global: &Global,
        flags: &crate::cli::OutputArgs,
        writes: &Writes,
    ) -> anyhow::Result<Output> {
        let target = crate::output::Target::of(flags.output.as_deref());
        let (format, note) =
            crate::export::format::choose(flags.format, &target, writes.formats, writes.command)?;
        if !writes.times && flags.zone.tz.is_some() {
            return Err(crate::error::bad_input(format!(
                "--tz does not apply to `agenda {}`, which shows no times; drop --tz",
                writes.command
            )));
        }
        let zone = crate::output::DisplayZone::from_flag(flags.zone.tz.as_deref())?;
        if let Some(note) = note {
            global.note(&note);
        }
        let named_by_file = match (flags.format, target.file_name()) {
            (None, Some(path)) if path.extension().is_some() => Some(format!(
                "-o {} writes {}",
                path.display(),
                format.describe()
            )),
            _ => None,
        };
        let output = Output {
            format,
            target,
            options: crate::export::ExportOptions {
                zone,
                width: crate::output::width::resolve(flags.width),
                ..Default::default()
            },
            named_by_file,
        };
        if flags.width.is_some() && !writes.widths.contains(&format) {
            return Err(output.not_a_table("--width"));
        }
        Ok(output)
    }

    /// The error for a table's flag (`--width`, `--compact`, …) with a format that has no table.
    pub fn not_a_table(&self, flag: &str) -> anyhow::Error {
        crate::error::bad_input(match &self.named_by_file {
            Some(written) => format!(
                "{flag} only applies to the table, and {written}; drop {flag} or write to a .txt file"
            ),
            None => format!(
                "{flag} only applies to the table, and this writes {}; drop {flag} or use --format table",
                self.format.describe()
            ),
        })
    }

    /// Writes what `make` writes to the target (standard output, or `-o FILE` atomically),
    /// saying `wrote FILE` for a regular file.
    pub fn emit_by(
        &self,
        global: &Global,
        out: &mut dyn Write,
        make: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        global.emit_by(&self.target, out, make, |path| {
            format!("wrote {}", path.display())
        })
    }
}

/// Runs the subcommand.
pub fn dispatch(cli: Cli, out: &mut dyn Write) -> anyhow::Result<()> {
    let limit = crate::input::ReadLimit(crate::input::parse_size(&cli.max_input_size)?);
    let net = net_settings(&cli)?;
    let global = Global {
        schedule: cli.schedule,
        quiet: cli.quiet,
        verbose: cli.verbose,
        force: cli.force,
        net,
        noted: crate::folders::cache().map(|d| d.join("noted-warnings")),
        limit,
    };
    match cli.command {
        Command::Check(args) => check::run(&global, &args, out),
        Command::Talks(args) => talks::run(&global, &args, out),
        Command::Topics(args) => topics::run(&global, &args, out),
        Command::Generate(args) => generate::run(&global, &args, out),
        Command::Plan(args) => plan::run(&global, &args, out),
        Command::Bench(args) => bench::run(&global, &args, out),
        Command::Convert(args) => convert::run(&global, &args, out),
        Command::Completions(args) => completions::completions(&args, out),
        Command::Man(args) => completions::man(&args, &global.write_options(), out),
        Command::Now(args) => now::run(&global, &args, false, out),
        Command::Next(args) => now::run(&global, &args, true, out),
        Command::On(args) => on::run(&global, &args, out),
        Command::Compare(args) => compare::run(&global, &args, out),
        Command::Together(args) => together::run(&global, &args, out),
        Command::Diff(args) => diff::run(&global, &args, out),
        Command::Replan(args) => replan::run(&global, &args, out),
    }
}

/// The people given as files (profiles or saved plans), as inputs an output must not replace.
pub fn people_files(people: &[String]) -> Vec<(&'static str, &std::path::Path)> {
    people
        .iter()
        .map(std::path::Path::new)
        .filter(|p| p.is_file())
        .map(|p| ("person", p))
        .collect()
}

/// The checked download settings of the global flags.
fn net_settings(cli: &Cli) -> anyhow::Result<crate::fetch::Net> {
    use std::io::IsTerminal;
    let mut net = crate::fetch::Net {
        offline: cli.offline,
        progress: !cli.quiet && std::io::stderr().is_terminal(),
        warn: !cli.quiet,
        ..Default::default()
    };
    if let Some(t) = cli.timeout {
        if !(t.is_finite() && t > 0.0 && t <= 86_400.0) {
            return Err(crate::error::bad_input(format!(
                "--timeout {t} is not a number of seconds between 0 and 86400, e.g. `--timeout 30`"
            )));
        }
        net.timeout = std::time::Duration::from_secs_f64(t);
    }
    if let Some(mb) = cli.max_download {
        if !(mb.is_finite() && mb > 0.0 && mb <= 4096.0) {
            return Err(crate::error::bad_input(format!(
                "--max-download {mb} is not a size in MB between 0 and 4096, e.g. `--max-download 100`"
            )));
        }
        net.max_bytes = (mb * 1e6) as u64;
    }
    Ok(net)
}
