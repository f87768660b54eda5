//! `agenda compare A B …`: everyone's agenda side by side.

use super::Global;
use crate::cli::{CompareArgs, FriendsFormat};
use crate::export::{self, Format};
use crate::friends::{self, compare::Comparison};
use crate::output::{DisplayZone, Target};
use std::io::Write;

/// How and where a comparison is written: `--format`, `-o` and `--tz`, checked before any
/// schedule is read.
#[derive(Debug, Clone)]
pub struct FriendsOutput {
    /// The format (`--format`, else `-o FILE`'s extension, else the table).
    pub format: Format,
    /// Standard output or the file of `-o`.
    pub target: Target,
    /// The zone times are shown in.
    pub zone: DisplayZone,
}

impl FriendsOutput {
    /// Checks `--format`, `-o` and `--tz` of `command` (`compare`, `together`).
    pub fn from_flags(
        global: &Global,
        format: Option<FriendsFormat>,
        output: Option<&std::path::Path>,
        tz: Option<&str>,
        command: &str,
    ) -> anyhow::Result<Self> {
        let target = Target::of(output);
        let (format, note) = export::format::choose(
            format.map(Format::from),
            &target,
            export::format::FRIENDS,
            command,
        )?;
        let zone = DisplayZone::from_flag(tz)?;
        if let Some(note) = note {
            global.note(&note);
        }
        Ok(FriendsOutput {
            format,
            target,
            zone,
        })
    }
}

/// Writes a comparison as `how` says, to standard output or atomically to `-o FILE`.
/// `published` is the schedule as read (the comparison's may be shown in another zone).
pub fn emit(
    global: &Global,
    how: &FriendsOutput,
    doc: &friends::export::Shown,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let options = export::ExportOptions {
        zone: how.zone,
        ..Default::default()
    };
    let bytes = friends::export::render(how.format, doc, &options)?;
    global.emit(&how.target, &bytes, out, |path| {
        format!("wrote {}", path.display())
    })
}

/// Runs `compare`.
pub fn run(global: &Global, args: &CompareArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    // The flags first, before any schedule is read or agenda planned.
    global.refuse_clashes(
        &[("-o", args.output.as_deref())],
        &super::people_files(&args.people),
    )?;
    let how = FriendsOutput::from_flags(
        global,
        args.format,
        args.output.as_deref(),
        args.tz.as_deref(),
        "compare",
    )?;
    let schedule = global.load_schedule()?;
    let people = friends::resolve_all(&schedule, &args.people)?;
    for note in friends::older_version_notes(&schedule, &people)? {
        global.note(&note);
    }
    let attendees = friends::attendees(&schedule, &people)?;
    let (shown, attendees) = friends::zone::shift(&schedule, attendees, how.zone)?;
    let c = Comparison::new(&shown, attendees);
    let doc = friends::export::Shown {
        comparison: &c,
        joint: None,
        title: "agendas compared",
        published: &schedule,
    };
    emit(global, &how, &doc, out)
}
