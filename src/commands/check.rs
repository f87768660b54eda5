//! `agenda check [FILE]`: every problem in a schedule file, or a one-line summary.

use super::Global;
use crate::cli::CheckArgs;
use crate::error::bad_input;
use crate::schedule;
use std::io::Write;

/// Runs `check`.
pub fn run(global: &Global, args: &CheckArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let path = args.file.as_deref().or(global.schedule.as_deref());
    let (schedule, problems) = match path {
        Some(p) if p.to_str().is_some_and(crate::fetch::is_url) => {
            let loaded = crate::fetch::identity::load(Some(p), &global.net, global.limit)?;
            (loaded.schedule, loaded.warnings)
        }
        None => schedule::ron_format::read(schedule::EMBEDDED_RON, schedule::EMBEDDED_NAME)?,
        Some(p) => {
            let source = crate::input::source_name(p);
            let text = crate::import::read_text_within(p, global.limit)?;
            let need = crate::import::Need::Problems;
            let (schedule, problems, _, _) =
                crate::import::read_owned_versioned_for(text, &source, need)?;
            (schedule, problems)
        }
    };
    let checked = crate::export::text::check::Checked {
        schedule: &schedule,
        problems: &problems,
    };
    crate::export::text::check::write(&checked, out)?;
    let (errors, warnings) = (checked.errors(), checked.warnings());
    if errors > 0 {
        return Err(bad_input(format!(
            "{}: {errors} error{} and {warnings} warning{}; fix the entries listed above",
            schedule.source,
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        )));
    }
    Ok(())
}
