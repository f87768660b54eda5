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
    /// Write a made-up conference of any size as a RON schedule (for benchmarks and tests).
    Generate(GenerateArgs),
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
}

/// `agenda topics`.
#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// `agenda generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of talks (lightning talks included).
    #[arg(long)]
    pub talks: usize,
    /// Number of rooms.
    #[arg(long)]
    pub rooms: usize,
    /// Number of days.
    #[arg(long, default_value_t = 2)]
    pub days: usize,
    /// Seed: the same arguments always give the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
