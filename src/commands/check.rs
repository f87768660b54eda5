//! `agenda check [FILE]`: every problem in a schedule file, or a one-line summary.

use super::Global;
use crate::cli::CheckArgs;
use crate::error::bad_input;
use crate::schedule::{self, Severity};
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
            crate::import::read_owned(crate::import::read_text_within(p, global.limit)?, &source)?
        }
    };
    for p in &problems {
        writeln!(out, "{}", crate::output::clean(&p.to_string()))?;
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    if errors > 0 {
        return Err(bad_input(format!(
            "{}: {errors} error{} and {warnings} warning{}; fix the entries listed above",
            schedule.source,
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        )));
    }
    let tail = if warnings > 0 {
        format!(
            " ({warnings} warning{})",
            if warnings == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    write_cancelled(&schedule, out)?;
    writeln!(out, "ok: {}{tail}", schedule.summary())?;
    Ok(())
}

/// A note listing the sessions the organiser cancelled: they are shown, never planned.
fn write_cancelled(schedule: &schedule::Schedule, out: &mut dyn Write) -> anyhow::Result<()> {
    let cancelled: Vec<&schedule::Session> =
        schedule.sessions.iter().filter(|s| s.cancelled).collect();
    if cancelled.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "note: {} cancelled (shown by `agenda talks`, never planned):",
        crate::text::plural(cancelled.len(), "session is", "sessions are")
    )?;
    for s in cancelled {
        let line = format!(
            "  {}  {} {} · {}  {}",
            s.id,
            s.date.format("%a %-d %b"),
            s.start.format("%H:%M"),
            s.room,
            s.title
        );
        writeln!(out, "{}", crate::output::clean(&line))?;
    }
    Ok(())
}
