//! The command line, as clap derive types. Nothing here does work: `commands` turns these into
//! checked settings and calls the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Plan your personal conference agenda, and prove it is the best one.
#[derive(Debug, Parser)]
#[command(name = "agenda", version, about, long_about = None)]
pub struct Cli {
    /// Schedule to use instead of the embedded All Systems Go! 2025 (RON, pretalx/frab JSON or XML; `-` for stdin).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub schedule: Option<PathBuf>,
    /// Print only what was asked for: no notes or warnings on stderr.
    #[arg(
        long,
        short,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Global options"
    )]
    pub quiet: bool,
    /// Explain more on stderr (model sizes, timings, skipped data).
    #[arg(long, short, global = true, help_heading = "Global options")]
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
    /// Plan the agenda that maximises your interest.
    Plan(PlanArgs),
    /// Time the integer program against the reference solver on the schedule and generated ones.
    Bench(BenchArgs),
    /// Convert a pretalx/frab JSON or XML export to the native RON format, for editing by hand.
    Convert(ConvertArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write it to a file.
    Man(ManArgs),
    /// Compare agendas side by side: profiles (planned alone) or saved plans.
    Compare(CompareArgs),
    /// Plan together: one agenda per person, chosen jointly, with a bonus for company.
    Together(TogetherArgs),
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

/// Output formats for a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PlanFormat {
    /// One table per day.
    #[default]
    Table,
    /// One JSON object with every session, its score and whether it was chosen.
    Json,
    /// RFC 5545 iCalendar, for calendar apps (use with -o FILE.ics).
    Ics,
    /// A Markdown agenda, to paste or share.
    Markdown,
    /// CSV, one row per attended session.
    Csv,
}

/// `agenda plan`.
#[derive(Debug, Args, Clone, Default)]
pub struct PlanArgs {
    /// Topics you like, with optional weights 1-10: `bpf=3,sysext=2,rust`.
    #[arg(long, value_name = "TOPIC[=W],…")]
    pub likes: Vec<String>,
    /// Topics you dislike, with optional weights: `gnome` (scores negative).
    #[arg(long, value_name = "TOPIC[=W],…")]
    pub dislikes: Vec<String>,
    /// Speakers you want to see, with optional weights: `"Lennart Poettering=3"` (default weight 2).
    #[arg(long, value_name = "NAME[=W],…")]
    pub speakers: Vec<String>,
    /// Sessions you must attend: an id or a fragment of exactly one title (repeatable).
    #[arg(long, value_name = "ID|TITLE")]
    pub must: Vec<String>,
    /// Sessions you will not attend: an id or a fragment of exactly one title (repeatable).
    #[arg(long, value_name = "ID|TITLE")]
    pub avoid: Vec<String>,
    /// A profile: a name in profiles/ or ~/.config/agenda/profiles, a path, or a built-in example.
    #[arg(long, value_name = "NAME|FILE")]
    pub profile: Option<String>,
    /// Room switches allowed per day, or `none` (default 3).
    #[arg(long, value_name = "K|none", allow_hyphen_values = true)]
    pub max_switches: Option<String>,
    /// Minutes needed between talks in different rooms (default 0).
    #[arg(long, value_name = "M")]
    pub switch_minutes: Option<u32>,
    /// Keep a window free: `--busy 1 14:00-15:30` (DAY is a date or a day number; repeatable).
    #[arg(long, num_args = 2, value_names = ["DAY", "HH:MM-HH:MM"], action = clap::ArgAction::Append)]
    pub busy: Vec<String>,
    /// Leave free time free instead of filling it with talks in the room you are in.
    #[arg(long)]
    pub gaps: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --format ics: a reminder before each talk, e.g. `5m`, `15m`, `1h`.
    #[arg(long, value_name = "TIME")]
    pub remind: Option<String>,
    /// Show times in another zone: an IANA name (Europe/London), `local`, or `conference`.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Your name in a saved plan (default: the profile's name, else "me").
    #[arg(long)]
    pub name: Option<String>,
    /// Also save the plan to share it (RON, or JSON when FILE ends in .json; written atomically).
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
}

/// Output formats of `agenda bench`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchFormat {
    /// A human-readable table, times in milliseconds.
    Table,
    /// JSON, times in milliseconds.
    Json,
    /// CSV with a header line, times in milliseconds.
    Csv,
}

/// `agenda bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Talk counts of the generated conferences (comma-separated; `--sizes 0` for none).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "100,250,500,1000,2000,4000"
    )]
    pub sizes: Vec<usize>,
    /// Rooms of every generated conference (default: about 16 talks per room and day).
    #[arg(long)]
    pub rooms: Option<usize>,
    /// Room switches allowed per day: a number, or `none` for no limit (the default).
    #[arg(long, value_name = "K")]
    pub max_switches: Option<String>,
    /// Timed runs per method and schedule.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub repeat: u32,
    /// Topics to like, `topic` or `topic=weight` (default: a fixed set of popular topics).
    #[arg(long, value_name = "TOPICS")]
    pub likes: Vec<String>,
    /// Seed of the generated conferences.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BenchFormat::Table)]
    pub format: BenchFormat,
    /// Also draw solve time against size (log-log) into this SVG file.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    /// Also solve with this integer-program backend and compare (`highs` needs the `highs` feature).
    #[arg(long, value_enum)]
    pub solver: Option<SolverChoice>,
}

/// Integer-program backends `agenda bench --solver` can compare with microlp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolverChoice {
    /// microlp, the default pure-Rust solver (compared with itself).
    Microlp,
    /// HiGHS, in builds with `--features highs`.
    Highs,
}

/// Output formats for `compare` and `together`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum FriendsFormat {
    /// One table per day, a column per person, and a summary.
    #[default]
    Table,
    /// JSON: per person the chosen session ids and score.
    Json,
    /// One self-contained HTML page: a timetable per day, everyone's choices coloured.
    Html,
}

/// `agenda compare A B [C …]`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// People: profile names or files (planned alone), or saved plans from `plan --save`.
    #[arg(required = true, num_args = 2.., value_name = "PERSON")]
    pub people: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FriendsFormat::Table)]
    pub format: FriendsFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `agenda together A B [C …]`.
#[derive(Debug, Args)]
pub struct TogetherArgs {
    /// People: profile names or files, or saved plans (their settings are used).
    #[arg(required = true, num_args = 2.., value_name = "PERSON")]
    pub people: Vec<String>,
    /// Points per talk a person attends with at least one friend (steps of 0.5; 0: plan alone).
    #[arg(long, value_name = "W", default_value = "1")]
    pub bonus: String,
    /// Attend at least N talks together (two or more of you in the same talk).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub min_shared: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FriendsFormat::Table)]
    pub format: FriendsFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
