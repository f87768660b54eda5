//! The command line, as clap derive types. Nothing here does work: `commands` turns these into
//! checked settings and calls the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Plan your personal conference agenda, and prove it is the best one.
#[derive(Debug, Parser)]
#[command(name = "agenda", version, about, long_about = None)]
pub struct Cli {
    /// Schedule to use instead of the embedded All Systems Go! 2025 (RON, pretalx/frab JSON or XML; `-` for stdin).
    #[arg(long, global = true, value_name = "FILE")]
    pub schedule: Option<PathBuf>,
    /// Print only what was asked for: no notes or warnings on stderr.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Explain more on stderr (model sizes, timings, skipped data).
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a schedule file and report every problem in it.
    Check(CheckArgs),
    /// List the schedule as a table per day.
    Talks(TalksArgs),
    /// List every topic with its number of talks.
    Topics(TopicsArgs),
    /// Convert a pretalx/frab JSON or XML export to the native RON format, for editing by hand.
    Convert(ConvertArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write it to a file.
    Man(ManArgs),
}

/// Output formats for listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A human-readable table.
    Table,
    /// JSON, for scripts.
    Json,
}

/// `agenda check [FILE]`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The schedule to check (default: `--schedule`, else the embedded one).
    pub file: Option<PathBuf>,
}

/// `agenda talks`.
#[derive(Debug, Args)]
pub struct TalksArgs {
    /// Only this day: a date (2025-09-30) or a day number (1, 2, …).
    #[arg(long)]
    pub day: Option<String>,
    /// Only this room (case-insensitive).
    #[arg(long)]
    pub room: Option<String>,
    /// Only sessions with this topic.
    #[arg(long)]
    pub topic: Option<String>,
    /// Only sessions whose title, speakers or abstract contain WORD (case-insensitive).
    #[arg(long, value_name = "WORD")]
    pub search: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Show times in this zone: an IANA name (Europe/London), `local`, or `conference` (default).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
}

/// `agenda convert FILE -o OUT`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The schedule to convert (RON, pretalx/frab JSON or XML; `-` for stdin).
    pub file: PathBuf,
    /// Where to write the RON schedule (written atomically); `-` for stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
}

/// `agenda completions SHELL`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `agenda man [-o FILE]`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write the man page to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `agenda topics`.
#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}
