//! `agenda diff OLD NEW`: what changed between two versions of a schedule.

use super::Global;
use crate::changes;
use crate::cli::{DiffArgs, ListFormat};
use std::io::Write;

/// Runs `diff`.
pub fn run(global: &Global, args: &DiffArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let (old, old_id) = global.load_identified(Some(&args.old))?;
    let (new, new_id) = global.load_identified(Some(&args.new))?;
    let diff = changes::diff(&old, &new);
    match args.format {
        ListFormat::Table => {
            crate::export::table::changes::write(out, (&old, &old_id), (&new, &new_id), &diff)
        }
        ListFormat::Json => {
            crate::export::json::changes::write(out, (&old, &old_id), (&new, &new_id), &diff)
        }
    }
}
