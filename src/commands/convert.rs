//! `agenda convert FILE -o schedule.ron`: an organiser's export as the native RON format.

use super::Global;
use crate::cli::ConvertArgs;
use crate::schedule::{Severity, ron_format};
use std::io::Write;

/// Runs `convert`.
pub fn run(global: &Global, args: &ConvertArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let source = crate::input::source_name(&args.file);
    global.refuse_clashes(
        &[("-o", Some(args.output.as_path()))],
        &[("convert", args.file.as_path())],
    )?;
    let crate::fetch::identity::Loaded {
        schedule,
        warnings: problems,
        ..
    } = crate::fetch::identity::load(Some(&args.file), &global.net, global.limit)?;
    let text = ron_format::write(&schedule)?;
    let wrote = crate::output::Target::of(Some(&args.output)).emit(
        text.as_bytes(),
        out,
        &global.write_options(),
    )?;
    global.note_warnings(&problems);
    let doubtful = problems
        .iter()
        // Warnings the RON format keeps as warnings are not for fixing.
        .filter(|p| {
            p.severity == Severity::Warning
                && !matches!(p.code, "skipped" | "time-zone" | "dst-fold")
        })
        .count();
    if doubtful > 0 {
        global.note(&format!(
            "note: the RON format treats doubtful entries as errors: fix the {doubtful} listed by `agenda check {source}` in the converted file"
        ));
    }
    if wrote {
        global.note(&format!(
            "wrote {} ({})",
            args.output.display(),
            schedule.summary()
        ));
    }
    Ok(())
}
