//! `agenda compare A B …`: everyone's agenda side by side.

use super::{Global, Output};
use crate::cli::CompareArgs;
use crate::friends::{self, compare::Comparison};
use std::io::Write;

/// Writes a comparison as `how` says, to standard output or atomically to `-o FILE`.
pub fn emit(
    global: &Global,
    how: &Output,
    doc: &crate::export::comparison::Shown,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let bytes = crate::export::comparison::render(how.format, doc, &how.options)?;
    global.emit(&how.target, &bytes, out, |path| {
        format!("wrote {}", path.display())
    })
}

/// Runs `compare`.
pub fn run(global: &Global, args: &CompareArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    // The flags first, before any schedule is read or agenda planned.
    global.refuse_clashes(
        &[("-o", args.out.output.as_deref())],
        &super::people_files(&args.people),
    )?;
    let how = super::Output::from_flags(
        global,
        &args.out,
        &super::Writes {
            command: "compare",
            formats: crate::export::format::FRIENDS,
            times: true,
            widths: &[crate::export::Format::Table],
        },
    )?;
    // Everyone's profile or saved plan is read and checked before the schedule.
    let named = friends::read_all(&args.people, global.limit)?;
    let meet = friends::meetings_said(&args.meet, &named)?;
    let schedule = global.load_schedule()?;
    let people = named
        .into_iter()
        .map(|n| friends::resolve(&schedule, n, global.limit))
        .collect::<anyhow::Result<Vec<_>>>()?;
    for note in friends::older_version_notes(&schedule, &people)? {
        global.note(&note);
    }
    let meetings = friends::agreed::on_schedule(&schedule, &meet)?;
    let attendees = friends::attendees(&schedule, &people, global.limit, &meetings)?;
    let (shown, attendees) = friends::zone::shift(&schedule, attendees, how.options.zone)?;
    let meetings = friends::zone::shift_windows(&schedule, meetings, how.options.zone)?;
    let c = Comparison::new(&shown, attendees, &meetings);
    let doc = crate::export::comparison::Shown {
        comparison: &c,
        joint: None,
        title: "agendas compared",
        published: &schedule,
    };
    emit(global, &how, &doc, out)
}
