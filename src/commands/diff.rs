//! `agenda diff OLD NEW`: what changed between two versions of a schedule.

use super::Global;
use crate::changes;
use crate::cli::DiffArgs;
use crate::export::{Format, json, table};
use std::io::Write;

/// What `diff` writes.
const WRITES: super::Writes = super::Writes {
    command: "diff",
    formats: crate::export::format::LISTING,
    times: false,
    widths: &[Format::Table],
};

/// Runs `diff`.
pub fn run(global: &Global, args: &DiffArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    global.refuse_clashes(
        &[("-o", args.out.output.as_deref())],
        &[("OLD", args.old.as_path()), ("NEW", args.new.as_path())],
    )?;
    let how = super::Output::from_flags(global, &args.out, &WRITES)?;
    let (old, old_id) = global.load_identified(Some(&args.old))?;
    let (new, new_id) = global.load_identified(Some(&args.new))?;
    let diff = changes::diff(&old, &new);
    let (old, new) = ((&old, &old_id), (&new, &new_id));
    how.emit_by(global, out, |to| match how.format {
        Format::Json => json::changes::write(to, old, new, &diff),
        _ => table::changes::write(to, old, new, &diff, how.options.width),
    })
}
