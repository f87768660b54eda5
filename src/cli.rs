//! The command line, as clap derive types. Nothing here does work: `commands` turns these into
//! checked settings and calls the library.

pub mod completion_values;

use crate::export::Format;
use crate::export::format::{ALL, BENCH, FRIENDS, LISTING, ON, PLAN};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;
use completion_values::Suggest;
use std::path::PathBuf;

/// `--width N` as clap checks it.
fn parse_width(text: &str) -> Result<u16, String> {
    crate::output::width::parse_width(text).map_err(|e| e.to_string())
}

/// `--format` as clap checks it for a command that writes `formats`: their names are the
/// possible values `--help` and the shell completions list.
fn formats(formats: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(
        formats
            .iter()
            .map(|f| PossibleValue::new(f.name()).help(f.help())),
    )
    .map(|name| Format::from_name(&name).unwrap_or_default())
}

/// How and where a command writes its document: `--format`, `-o`, `--tz` and `--width`,
/// declared once here and flattened into every command that writes one. Each command lists its
/// own formats (`formats(…)` in its `mut_arg`), hides the flags that do not apply to it, and
/// `commands::Output::from_flags` checks them all in one place before any work.
#[derive(Debug, Args, Clone, Default)]
pub struct OutputArgs {
    /// Output format (default: the one `-o FILE`'s extension names, else the first listed).
    #[arg(long, value_name = "FORMAT", value_parser = formats(ALL))]
    pub format: Option<Format>,
    /// Write to FILE (atomically) instead of standard output; its extension (.txt, .json, .ics,
    /// .md, .csv, .html) picks the format unless --format is given. `-` is standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// `--tz`.
    #[command(flatten)]
    pub zone: ZoneArg,
    /// Table width in columns (default: the terminal's, else $COLUMNS, else 100).
    #[arg(long, value_name = "N", value_parser = parse_width)]
    pub width: Option<u16>,
}

/// `--tz`, on its own for `now` and `next`, which write no document.
#[derive(Debug, Args, Clone, Default)]
pub struct ZoneArg {
    /// Show times in another zone: an IANA name (Europe/London), `local`, or `conference`.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
}

/// Everyday commands with examples, at the end of `agenda --help` and the top man page.
pub const EXAMPLES: &str = "\
Everyday commands:
  agenda topics                          what the talks are about
  agenda plan --likes bpf,sysext         your best agenda, proven optimal
  agenda plan --likes rust=3 --dislikes gnome --max-switches 1
  agenda plan --profile alice --day 2    one day of a profile's agenda
  agenda plan --likes bpf --save         keep it for `now` and `next`
  agenda now                             what to attend now, and where
  agenda next                            what comes next, in how long
  agenda now --refresh                   the same, updated from the schedule
  agenda talks --day 1 --room Loft       the schedule itself
  agenda compare alice bob               two agendas side by side
  agenda plan --likes bpf --format ics -o agenda.ics
  agenda man --dir ~/.local/share/man/man1

Every subcommand has its own examples: `agenda plan --help`,
`man agenda-plan`.";

/// Examples of `agenda plan`.
const PLAN_EXAMPLES: &str = "\
Examples:
  agenda plan --likes bpf,sysext
      the talks about bpf and sysext, free time filled in the room you are in
  agenda plan --likes bpf=3 --dislikes gnome --speakers \"Lennart Poettering=3\"
      weights 1-10; disliked talks score negative and are left free
  agenda plan --likes bpf --must opening --avoid closing --busy 2 14:00-15:30
  agenda plan --likes bpf --max-switches 1 --switch-minutes 5
  agenda plan --profile alice --day 2 --width 120
  agenda plan --likes bpf --compact --no-missed
  agenda plan --likes bpf --format markdown -o agenda.md
  agenda plan --likes bpf --save             (then `agenda now`)
  agenda plan --likes bpf --save me.ron      (then `agenda now --plan me.ron`)

Free time from the day's first session to its last is filled with talks that
score 0: in the room you are in, or in another room when your switch limit has
a switch to spare and the move wins at least 20 minutes of talks. The score and
the switches between the talks that score never change.";

/// Examples of `agenda talks`.
const TALKS_EXAMPLES: &str = "\
Examples:
  agenda talks --day 1
  agenda talks --topic bpf --room Galerie
  agenda talks --day wed --room loft
  agenda talks --search poettering --tz Europe/London
  agenda talks --format json";

/// Examples of `agenda now` / `agenda next`.
const NOW_EXAMPLES: &str = "\
Examples:
  agenda plan --likes bpf,sysext --save      (the default plan)
  agenda now
  agenda next --tz local
  agenda now --refresh                           (update it from its schedule first)
  agenda plan --likes bpf,sysext --save me.ron
  agenda next --plan me.ron
  agenda now --plan me.ron --at 10:20            (today, or the plan's first day)
  agenda now --plan me.ron --at \"wed 10:20\"      (also `wednesday 10:20`, `day 2 10:20`)
  agenda now --plan me.ron --at \"2025-09-30 10:20\"

Times are in the conference's zone. The plan is read alone (no schedule, no
network) unless --refresh or --schedule updates it.";

/// Examples of `agenda on`.
const ON_EXAMPLES: &str = "\
Examples:
  agenda on                                   every room, now and next
  agenda on --likes rust,security --at 11:05  (today, else the first day)
  agenda on --plan me.ron --at \"sat 11:05\"   your plan's talks marked ▶
  agenda on --profile alice --track Rust
  agenda on --building K --venue fosdem.ron --format text
  agenda --schedule fosdem-2025.xml on --likes rust --at \"day 1 11:05\"

Rooms with the best talk for you come first; scores and reasons are those of
`agenda plan` with the same interests (or the saved plan's).";

/// Plan your personal conference agenda, and prove it is the best one.
#[derive(Debug, Parser)]
#[command(name = "agenda", version, about, long_about = None, after_long_help = EXAMPLES)]
pub struct Cli {
    /// Schedule to use instead of the embedded All Systems Go! 2025 (RON, pretalx/frab or schedule2 JSON, XML or iCalendar; `-` for stdin; an http(s) URL is downloaded and cached).
    #[arg(
        long,
        global = true,
        value_name = "FILE|URL",
        help_heading = "Global options"
    )]
    pub schedule: Option<PathBuf>,
    /// Use only cached downloads of schedule URLs; never go online.
    #[arg(long, global = true, help_heading = "Global options")]
    pub offline: bool,
    /// Seconds a schedule download may take in all (default 60).
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        help_heading = "Global options"
    )]
    pub timeout: Option<f64>,
    /// Largest schedule download accepted, in MB (default 64).
    #[arg(
        long,
        global = true,
        value_name = "MB",
        help_heading = "Global options"
    )]
    pub max_download: Option<f64>,
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
    /// Largest input file read (schedule, profile, saved plan): bytes, or with K, M, G.
    #[arg(
        long,
        global = true,
        value_name = "SIZE",
        default_value = "64M",
        help_heading = "Global options"
    )]
    pub max_input_size: String,
    /// Replace read-only output files (`-o`, `--save`, …) too.
    #[arg(long, global = true, help_heading = "Global options")]
    pub force: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a schedule file and report every problem in it.
    #[command(
        after_long_help = "Examples:\n  agenda check                      the embedded schedule\n  agenda check my-conference.ron\n  agenda check fosdem-2025.xml      JSON, XML and iCalendar work too"
    )]
    Check(CheckArgs),
    /// List the schedule as a table per day.
    #[command(after_long_help = TALKS_EXAMPLES)]
    Talks(TalksArgs),
    /// List every topic with its number of talks.
    #[command(
        after_long_help = "Examples:\n  agenda topics\n  agenda topics --format json\n  agenda --schedule fosdem-2025.xml topics"
    )]
    Topics(TopicsArgs),
    /// Write a made-up conference of any size as a RON schedule (for benchmarks and tests).
    #[command(
        after_long_help = "Examples:\n  agenda generate --talks 500 --rooms 8 -o big.ron\n  agenda --schedule big.ron plan --likes rust"
    )]
    Generate(GenerateArgs),
    /// Plan the agenda that maximises your interest.
    #[command(after_long_help = PLAN_EXAMPLES)]
    Plan(Box<PlanArgs>),
    /// From a saved plan: what to attend now (and next), the room, minutes until it starts.
    #[command(after_long_help = NOW_EXAMPLES)]
    Now(NowArgs),
    /// From a saved plan: the next talk to attend, the room, minutes until it starts.
    #[command(after_long_help = NOW_EXAMPLES)]
    Next(NowArgs),
    /// What is on in every room now and next, with your score and why, best for you first.
    #[command(after_long_help = ON_EXAMPLES)]
    On(Box<OnArgs>),
    /// Time the integer program against the reference solver on the schedule and generated ones.
    #[command(
        after_long_help = "Examples:\n  agenda bench --sizes 100,500 --repeat 3\n  agenda bench --format csv --plot times.svg"
    )]
    Bench(BenchArgs),
    /// Convert an organiser's export (JSON, XML or iCalendar) to the native RON format, for editing by hand.
    #[command(
        after_long_help = "Examples:\n  agenda convert schedule.json -o conference.ron\n  agenda check conference.ron\n  agenda --schedule conference.ron plan --likes rust"
    )]
    Convert(ConvertArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_long_help = "Examples:\n  agenda completions bash > ~/.local/share/bash-completion/completions/agenda\n  agenda completions zsh > ~/.zfunc/_agenda\n  agenda completions fish > ~/.config/fish/completions/agenda.fish\n\nThe script asks `agenda` (on your PATH) at each TAB: topics, tracks and rooms\nof the schedule named by --schedule on the same line (else the embedded one)\nare completed after --likes, --dislikes, --tracks, --track, --topic and --room,\nand profiles after --profile."
    )]
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per subcommand into a folder.
    #[command(
        after_long_help = "Examples:\n  agenda man | man -l -\n  agenda man --dir ~/.local/share/man/man1 && man agenda-plan"
    )]
    Man(ManArgs),
    /// Compare agendas side by side: profiles (planned alone) or saved plans.
    #[command(
        after_long_help = "Examples:\n  agenda compare alice bob\n  agenda compare me.ron friend.ron --format html -o together.html"
    )]
    Compare(CompareArgs),
    /// Plan together: one agenda per person, chosen jointly, valuing time together within fair floors.
    #[command(
        after_long_help = "Examples:\n  agenda together alice bob\n  agenda together alice bob carol --bonus 3 --min-own 0.9\n  agenda --schedule fosdem-2025.xml together pat.ron quinn.ron --time-limit 10 --format html -o us.html"
    )]
    Together(TogetherArgs),
    /// What changed between two versions of a schedule (files or URLs).
    Diff(DiffArgs),
    /// Re-plan a saved plan on a new version of its schedule, keeping your choices where possible.
    #[command(
        after_long_help = "Examples:\n  agenda replan                                 the default plan, on its schedule read again\n  agenda replan --from 11:05 --without UD2.218A the room is full: the rest of the day without it\n  agenda replan --from \"sat 14:00\" --without 6507 --without \"Rust for Linux\"\n  agenda --schedule new.xml replan me.ron --save --format ics -o me.ics"
    )]
    Replan(ReplanArgs),
}

/// `agenda check [FILE]`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The schedule to check (default: `--schedule`, else the embedded one).
    pub file: Option<PathBuf>,
}

/// `agenda talks`.
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| a.value_parser(formats(LISTING))))]
pub struct TalksArgs {
    /// Only this conference day: its number (`2`, `day 2`), its weekday (`wed`, `wednesday`) or
    /// the date of its morning (2025-10-01); a day's night after midnight belongs to it.
    #[arg(long, value_name = "DAY")]
    pub day: Option<String>,
    /// Only this room (case-insensitive).
    #[arg(long, value_parser = Suggest::Rooms, add = ArgValueCompleter::new(Suggest::Rooms), hide_possible_values = true)]
    pub room: Option<String>,
    /// Only sessions of this track (case-insensitive).
    #[arg(long, value_name = "TRACK", value_parser = Suggest::Tracks, add = ArgValueCompleter::new(Suggest::Tracks), hide_possible_values = true)]
    pub track: Option<String>,
    /// Only sessions with this topic.
    #[arg(long, value_parser = Suggest::Topics, add = ArgValueCompleter::new(Suggest::Topics), hide_possible_values = true)]
    pub topic: Option<String>,
    /// Only sessions whose title, subtitle, speakers or abstract contain WORD (case-insensitive).
    #[arg(long, value_name = "WORD")]
    pub search: Option<String>,
    /// `--format`, `-o`, `--tz`, `--width`.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `agenda convert FILE -o OUT`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The schedule to convert (RON, pretalx/frab or schedule2 JSON, XML or iCalendar; `-` for stdin).
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

/// `agenda man [-o FILE | --dir DIR]`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write the man page to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE", conflicts_with = "dir")]
    pub output: Option<PathBuf>,
    /// Write every page (agenda.1, agenda-plan.1, …) into this folder, created if missing.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
}

/// `agenda now` and `agenda next`.
#[derive(Debug, Args)]
pub struct NowArgs {
    /// The saved plan (`agenda plan … --save FILE`; default: the plan `plan --save` keeps in
    /// the data folder). It is read alone: no schedule, no network, unless --schedule or
    /// --refresh updates it.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub plan: Option<PathBuf>,
    /// Update the plan from the schedule it records (its file or URL) first, say what changed
    /// and save it; `--schedule FILE|URL` updates it from another.
    #[arg(long)]
    pub refresh: bool,
    /// The time to take as now, in the conference's zone (default: the clock): `11:05` (today
    /// while the conference is on, else the plan's first day), `sat 11:05`, `saturday 11:05`,
    /// `day 2 11:05` or `2025-02-01 11:05`.
    #[arg(long, value_name = "[DAY] HH:MM")]
    pub at: Option<String>,
    /// `--tz`.
    #[command(flatten)]
    pub zone: ZoneArg,
}

/// `agenda on`.
#[derive(Debug, Args, Clone)]
#[command(mut_arg("format", |a| a.value_parser(formats(ON))))]
pub struct OnArgs {
    /// The time to look at, in the conference's zone (default: the clock): `11:05` (today while
    /// the conference is on, else the plan's first day), `sat 11:05`, `day 2 11:05` or a date.
    #[arg(long, value_name = "[DAY] HH:MM")]
    pub at: Option<String>,
    /// A saved plan (`plan … --save FILE`): its talks are marked, its interests score the rest
    /// (default: the plan `plan --save` keeps, if any, unless --schedule or --profile is given).
    /// Without --schedule: one made from a URL reads that schedule's cached copy (never the
    /// network); one made from a file asks for it with --schedule.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath, conflicts_with = "profile")]
    pub plan: Option<PathBuf>,
    /// `--likes`, `--dislikes`, `--tracks`, `--speakers`, `--profile`.
    #[command(flatten)]
    pub interests: InterestArgs,
    /// Only talks of this track (case-insensitive).
    #[arg(long, value_name = "TRACK", value_parser = Suggest::Tracks, add = ArgValueCompleter::new(Suggest::Tracks), hide_possible_values = true)]
    pub track: Option<String>,
    /// Only this room (case-insensitive).
    #[arg(long, value_parser = Suggest::Rooms, add = ArgValueCompleter::new(Suggest::Rooms), hide_possible_values = true)]
    pub room: Option<String>,
    /// Only rooms in this building: from `--venue`, else from room codes (H.1308 is in H).
    #[arg(long, value_name = "NAME")]
    pub building: Option<String>,
    /// The venue file (RON) whose `buildings` place rooms in buildings.
    #[arg(long, value_name = "FILE")]
    pub venue: Option<PathBuf>,
    /// `--format`, `-o`, `--tz`, `--width`.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `agenda topics`.
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| a.value_parser(formats(LISTING))))]
#[command(mut_arg("tz", |a| a.hide(true)))]
pub struct TopicsArgs {
    /// `--format`, `-o`, `--tz`, `--width`.
    #[command(flatten)]
    pub out: OutputArgs,
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
    /// Days run past midnight (rooms close between 02:00 and 04:00; some talks cross midnight).
    #[arg(long)]
    pub nights: bool,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The interests `plan`, `on` and the commands like them share: what you like and the profile
/// they go over (turned into settings by `commands::plan::interest_settings`).
#[derive(Debug, Args, Clone)]
pub struct InterestArgs {
    /// Topics you like, with optional weights 1-10: `bpf=3,sysext=2,rust`.
    #[arg(long, value_name = "TOPIC[=W],…", value_parser = Suggest::Topics, add = ArgValueCompleter::new(Suggest::Topics), hide_possible_values = true)]
    pub likes: Vec<String>,
    /// Topics you dislike, with optional weights: `gnome` (scores negative).
    #[arg(long, value_name = "TOPIC[=W],…", value_parser = Suggest::Topics, add = ArgValueCompleter::new(Suggest::Topics), hide_possible_values = true)]
    pub dislikes: Vec<String>,
    /// Tracks (devrooms) you like, with optional weights 1-10: `"Rust,eBPF=2"` (`agenda topics` lists them).
    #[arg(long, value_name = "TRACK[=W],…", value_parser = Suggest::Tracks, add = ArgValueCompleter::new(Suggest::Tracks), hide_possible_values = true)]
    pub tracks: Vec<String>,
    /// Speakers you want to see, with optional weights: `"Lennart Poettering=3"`, or a word of the name: `poettering` (default weight 2).
    #[arg(long, value_name = "NAME[=W],…")]
    pub speakers: Vec<String>,
    /// A profile: a name in profiles/ or ~/.config/agenda/profiles, a path, or a built-in example.
    #[arg(long, value_name = "NAME|FILE", value_parser = Suggest::Profiles, add = ArgValueCompleter::new(Suggest::Profiles), hide_possible_values = true)]
    pub profile: Option<String>,
}

/// `agenda plan`.
#[derive(Debug, Args, Clone)]
#[command(mut_arg("format", |a| a.value_parser(formats(PLAN))))]
pub struct PlanArgs {
    /// `--likes`, `--dislikes`, `--tracks`, `--speakers`, `--profile`.
    #[command(flatten)]
    pub interests: InterestArgs,
    /// Rate a talk directly, -10 to 10; the rating is its score (repeatable): `--rate 6712=5`.
    #[arg(long, value_name = "ID|TITLE=W", allow_hyphen_values = true)]
    pub rate: Vec<String>,
    /// Ratings from a CSV file of `id,rating` rows (as optimal-congress keeps them); --rate wins.
    #[arg(long, value_name = "FILE")]
    pub ratings: Option<PathBuf>,
    /// Talks you starred elsewhere: an iCalendar bookmark export, or one id or title per line; each adds 10 points (see --favourites-weight).
    #[arg(long, value_name = "FILE")]
    pub favourites: Option<PathBuf>,
    /// Star a talk: an id, a whole title, or a fragment of exactly one title (repeatable); counts like a favourite.
    #[arg(long, value_name = "ID|TITLE")]
    pub star: Vec<String>,
    /// Points each favourite and star adds (1-10, default 10), or `must` to make them must-see (clashing stars are then refused).
    #[arg(long, value_name = "W|must")]
    pub favourites_weight: Option<String>,
    /// Sessions you must attend: an id, a whole title, or a fragment of exactly one title (repeatable).
    #[arg(long, value_name = "ID|TITLE")]
    pub must: Vec<String>,
    /// Sessions you will not attend: an id, a whole title, or a fragment of exactly one title (repeatable).
    #[arg(long, value_name = "ID|TITLE")]
    pub avoid: Vec<String>,
    /// Room switches allowed per day, or `none` (default 3).
    #[arg(long, value_name = "K|none", allow_hyphen_values = true)]
    pub max_switches: Option<String>,
    /// Minutes needed between talks in different rooms (default 0).
    #[arg(long, value_name = "M")]
    pub switch_minutes: Option<u32>,
    /// Walking minutes within a building and between buildings, e.g. `2,6`; buildings come from room codes (H.1308 is in H).
    #[arg(long, value_name = "WITHIN,BETWEEN")]
    pub walk: Option<String>,
    /// Buildings and walking times from a venue file (RON; see docs/guide/walking.md)
    #[arg(long, value_name = "FILE")]
    pub venue: Option<PathBuf>,
    /// Keep a window free: `--busy 1 14:00-15:30` (DAY is a conference day's number, weekday
    /// or the date of its morning; `2 23:00-01:00` crosses midnight; repeatable).
    #[arg(long, num_args = 2, value_names = ["DAY", "HH:MM-HH:MM"], action = clap::ArgAction::Append)]
    pub busy: Vec<String>,
    /// Leave free time free instead of filling it with talks in the room you are in.
    #[arg(long)]
    pub gaps: bool,
    /// Only this day in the output: its number (`2`, `day 2`), its weekday (`wed`,
    /// `wednesday`) or the date of its morning (2025-10-01).
    #[arg(long, value_name = "DAY")]
    pub day: Option<String>,
    /// One line per talk instead of a bordered table (the default below 80 columns).
    #[arg(long)]
    pub compact: bool,
    /// Don't show the best talk missed in another room under each talk.
    #[arg(long)]
    pub no_missed: bool,
    /// Show each talk's links (its page, video, chat) in the table: under the day's table, or
    /// under each talk with --compact. JSON, iCalendar and Markdown always carry them.
    #[arg(long)]
    pub links: bool,
    /// With iCalendar output (--format ics, or -o FILE.ics): a reminder before each talk, e.g.
    /// `5m`, `15m`, `1h`.
    #[arg(long, value_name = "TIME")]
    pub remind: Option<String>,
    /// `--format`, `-o`, `--tz`, `--width`.
    #[command(flatten)]
    pub out: OutputArgs,
    /// Your name in a saved plan (default: the profile's name, else the saved file's name).
    #[arg(long)]
    pub name: Option<String>,
    /// Also save the plan (RON, or JSON when FILE ends in .json; written atomically). With no
    /// FILE: the default plan in the data folder, which `now`, `next` and `replan` read.
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub save: Option<Option<PathBuf>>,
    /// Also write the integer program solved, one file per day: `--write-model m.lp` writes
    /// m-day1.lp, m-day2.lp, … (CPLEX LP for .lp, free MPS for .mps).
    #[arg(long, value_name = "FILE")]
    pub write_model: Option<PathBuf>,
}

/// `agenda bench`.
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| a.value_parser(formats(BENCH))))]
#[command(mut_arg("tz", |a| a.hide(true)))]
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
    #[arg(long, value_name = "TOPICS", value_parser = Suggest::Topics, add = ArgValueCompleter::new(Suggest::Topics), hide_possible_values = true)]
    pub likes: Vec<String>,
    /// Seed of the generated conferences.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Generated conferences with nights (days running past midnight, as `generate --nights`).
    #[arg(long)]
    pub nights: bool,
    /// `--format`, `-o`, `--tz`, `--width`.
    #[command(flatten)]
    pub out: OutputArgs,
    /// Also draw solve time against size (log-log) into this SVG file.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    /// Walking minutes within and between buildings, e.g. `3,8` (buildings from room codes).
    #[arg(long, value_name = "WITHIN,BETWEEN")]
    pub walk: Option<String>,
    /// Compare solvers in one table (comma-separated or repeated): microlp, highs, cbc (Cargo
    /// features), file:cbc, file:highs, file:glpsol, file:scip (a binary on PATH, given the LP
    /// file), dp, or all; the DP is always the reference.
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub solver: Vec<String>,
    /// `real`: every shared real export in ../shared/data (no limit and K = 2), written as a
    /// dated run (raw CSV + README) into docs/benchmarks/runs/.
    #[arg(long, value_enum)]
    pub suite: Option<Suite>,
    /// The end of the run folder's name with `--suite` (`<date>-<time>-<label>`).
    #[arg(long, default_value = "real")]
    pub label: String,
    /// Where `--suite` writes its run folder.
    #[arg(long, value_name = "DIR", default_value = "docs/benchmarks/runs")]
    pub runs_dir: PathBuf,
    /// Also write each case's integer programs: `--write-model m.lp` writes
    /// `m-<case>-day1.lp`, … (CPLEX LP for .lp, free MPS for .mps).
    #[arg(long, value_name = "FILE")]
    pub write_model: Option<PathBuf>,
    /// Instead, time planning together for 2 to N built-in friends (K = 2) on the schedule.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=5))]
    pub together: Option<u32>,
}

/// Benchmark suites of `agenda bench --suite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Suite {
    /// The shared real exports in ../shared/data, every one.
    Real,
}

/// `agenda compare A B [C …]`.
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| a.value_parser(formats(FRIENDS))))]
pub struct CompareArgs {
    /// People: profile names or files (planned alone), or saved plans from `plan --save`.
    #[arg(required = true, num_args = 2.., value_name = "PERSON")]
    pub people: Vec<String>,
    /// A meeting everyone keeps free: `--meet "1 12:30-13:15"` (one string: a conference day
    /// as `--busy` takes it, then HH:MM-HH:MM; repeatable).
    #[arg(long, value_name = "DAY HH:MM-HH:MM", action = clap::ArgAction::Append)]
    pub meet: Vec<String>,
    /// `--format`, `-o`, `--tz`, `--width`.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `agenda together A B [C …]`.
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| a.value_parser(formats(FRIENDS))))]
pub struct TogetherArgs {
    /// People: profile names or files, or saved plans (their settings are used).
    #[arg(required = true, num_args = 2.., value_name = "PERSON")]
    pub people: Vec<String>,
    /// Points per hour a person spends in a talk with a friend (steps of 0.5; 0: plan alone).
    #[arg(long, value_name = "W", default_value = "2")]
    pub bonus: String,
    /// Everyone keeps at least this share of their best score alone, every day (0 to 1, or 80%).
    #[arg(
        long,
        value_name = "SHARE",
        default_value = "0.8",
        allow_hyphen_values = true
    )]
    pub min_own: String,
    /// Stop after SECONDS with the best joint agenda found and its proven gap to the optimum.
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    pub time_limit: Option<String>,
    /// Attend at least N talks together (two or more of you in the same talk).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub min_shared: u32,
    /// A meeting everyone keeps free: `--meet "1 12:30-13:15"` (one string: a conference day
    /// as `--busy` takes it, then HH:MM-HH:MM; repeatable).
    #[arg(long, value_name = "DAY HH:MM-HH:MM", action = clap::ArgAction::Append)]
    pub meet: Vec<String>,
    /// Also write the joint integer program solved, one file per day: `--write-model m.lp`
    /// writes m-day1.lp, … (CPLEX LP for .lp, free MPS for .mps).
    #[arg(long, value_name = "FILE")]
    pub write_model: Option<PathBuf>,
    /// `--format`, `-o`, `--tz`, `--width`.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `agenda diff OLD NEW`.
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| a.value_parser(formats(LISTING))))]
#[command(mut_arg("tz", |a| a.hide(true)))]
pub struct DiffArgs {
    /// The older version: a schedule file or URL.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer version: a schedule file or URL.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Only the changes to this saved plan's talks (`plan … --save FILE`, made on OLD) and to talks that score for its settings, with a verdict.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath, conflicts_with = "profile")]
    pub plan: Option<PathBuf>,
    /// `--likes`, `--dislikes`, `--tracks`, `--speakers`, `--profile`: only the changes to talks that score for them (over `--plan`'s settings when given).
    #[command(flatten)]
    pub interests: InterestArgs,
    /// `--format`, `-o`, `--tz`, `--width`.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `agenda replan PLAN`.
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| a.value_parser(formats(PLAN))))]
pub struct ReplanArgs {
    /// A saved plan (from `plan --save`; default: the default plan, which is then updated);
    /// the new schedule is `--schedule`, else the plan's own source read again.
    #[arg(value_name = "PLAN", value_hint = clap::ValueHint::FilePath)]
    pub plan: Option<PathBuf>,
    /// Re-plan only from this time on (a room was full, a talk was skipped): the same forms as
    /// `now --at` (`11:05`, `sat 11:05`, `day 2 11:05`, a date). Earlier talks and other days
    /// stay as they are. Default with --without: the clock.
    #[arg(long, value_name = "[DAY] HH:MM")]
    pub from: Option<String>,
    /// Leave out a room, or a talk (its id, whole title or a fragment of one title), from
    /// --from on (repeatable).
    #[arg(long, value_name = "ROOM|TALK")]
    pub without: Vec<String>,
    /// Let the optimiser trade your earlier talks for score: the best score first, then as
    /// many earlier talks as that allows (by default every earlier talk that still fits stays).
    #[arg(long, conflicts_with = "keep_weight")]
    pub reshuffle: bool,
    /// Like --reshuffle, but a kept talk is worth W points beyond its score (steps of 0.5): a
    /// swap is taken only when it gains more than W points per earlier talk given up.
    #[arg(long, value_name = "W")]
    pub keep_weight: Option<String>,
    /// One line per talk instead of a bordered table (the default below 80 columns).
    #[arg(long)]
    pub compact: bool,
    /// Show each talk's links (its page, video, chat) in the table, as `plan --links` does.
    #[arg(long)]
    pub links: bool,
    /// With iCalendar output (--format ics, or -o FILE.ics): a reminder before each talk, e.g.
    /// `5m`, `15m`, `1h`.
    #[arg(long, value_name = "TIME")]
    pub remind: Option<String>,
    /// `--format`, `-o`, `--tz`, `--width`.
    #[command(flatten)]
    pub out: OutputArgs,
    /// Save the new plan (RON, or JSON when FILE ends in .json); may be PLAN itself, which is
    /// what `--save` with no FILE does. The default plan is always saved over.
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub save: Option<Option<PathBuf>>,
}
