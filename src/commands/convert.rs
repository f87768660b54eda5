//! `agenda convert FILE -o schedule.ron`: an organiser's export as the native RON format.

use super::Global;
use crate::cli::ConvertArgs;
use crate::schedule::{Severity, ron_format};
use std::io::Write;
use std::path::Path;

/// Runs `convert`.
pub fn run(global: &Global, args: &ConvertArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let source = if args.file == Path::new("-") {
        "<stdin>".to_string()
    } else {
        args.file.display().to_string()
    };
    let (schedule, problems, _) = crate::import::identity::load(Some(&args.file), &global.net)?;
    let text = ron_format::write(&schedule)?;
    if args.output == Path::new("-") {
        out.write_all(text.as_bytes())?;
    } else {
        crate::output::write_atomic(&args.output, text.as_bytes())?;
    }
    global.note_warnings(&problems);
    let doubtful = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning && p.code != "skipped" && p.code != "time-zone")
        .count();
    if doubtful > 0 {
        global.note(&format!(
            "note: the RON format treats doubtful entries as errors: fix the {doubtful} listed by `agenda check {source}` in the converted file"
        ));
    }
    if args.output != Path::new("-") {
        global.note(&format!(
            "wrote {} ({})",
            args.output.display(),
            schedule.summary()
        ));
    }
    Ok(())
}
