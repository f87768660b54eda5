//! One file per subcommand: glue that turns flags into library calls and prints the result.

mod bench;
mod check;
mod compare;
mod completions;
mod convert;
mod generate;
mod now;
pub mod plan;
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
}

impl Global {
    /// Loads the schedule and prints its warnings (one line each, or one summary line).
    pub fn load_schedule(&self) -> anyhow::Result<Schedule> {
        let (schedule, warnings) = crate::import::load(self.schedule.as_deref())?;
        self.note_warnings(&warnings);
        Ok(schedule)
    }

    /// Shows warnings on stderr: all with `--verbose`, a one-line count otherwise, none with `--quiet`.
    pub fn note_warnings(&self, warnings: &[Problem]) {
        if self.quiet || warnings.is_empty() {
            return;
        }
        if self.verbose {
            for w in warnings {
                eprintln!("{w}");
            }
        } else {
            eprintln!(
                "note: the schedule has {} warning{} (doubtful entries such as overlaps, duplicates, zero lengths, or skipped data); planning copes with them. `agenda check` lists them",
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" }
            );
        }
    }

    /// Prints a note on stderr unless `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }
}

/// Runs the subcommand.
pub fn dispatch(cli: Cli, out: &mut dyn Write) -> anyhow::Result<()> {
    let global = Global {
        schedule: cli.schedule,
        quiet: cli.quiet,
        verbose: cli.verbose,
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
        Command::Man(args) => completions::man(&args, out),
        Command::Now(args) => now::run(&global, &args, false, out),
        Command::Next(args) => now::run(&global, &args, true, out),
        Command::Compare(args) => compare::run(&global, &args, out),
        Command::Together(args) => together::run(&global, &args, out),
    }
}
