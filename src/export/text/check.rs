//! `agenda check` as plain text: every problem found in a schedule, one line each; when none is
//! an error, the sessions the organiser cancelled and the one-line summary (`ok: …`).

use crate::schedule::{Problem, Schedule, Session, Severity};
use std::io::Write;

/// A schedule and the problems its check found.
pub struct Checked<'a> {
    /// The schedule as read.
    pub schedule: &'a Schedule,
    /// Every problem found, in the order found.
    pub problems: &'a [Problem],
}

impl Checked<'_> {
    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// How many problems are warnings.
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// Writes every problem; then, when none is an error, the cancelled sessions and `ok: …`.
pub fn write(checked: &Checked, out: &mut dyn Write) -> anyhow::Result<()> {
    for p in checked.problems {
        writeln!(out, "{}", crate::output::clean(&p.to_string()))?;
    }
    if checked.errors() > 0 {
        return Ok(());
    }
    let warnings = checked.warnings();
    let tail = if warnings > 0 {
        format!(
            " ({warnings} warning{})",
            if warnings == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    write_cancelled(checked.schedule, out)?;
    writeln!(out, "ok: {}{tail}", checked.schedule.summary())?;
    Ok(())
}

/// A note listing the sessions the organiser cancelled: they are shown, never planned.
fn write_cancelled(schedule: &Schedule, out: &mut dyn Write) -> anyhow::Result<()> {
    let cancelled: Vec<&Session> = schedule.sessions.iter().filter(|s| s.cancelled).collect();
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
