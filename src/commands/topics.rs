//! `agenda topics`: every topic with its number of talks, and the tracks when there are any.

use super::Global;
use crate::cli::TopicsArgs;
use crate::export::{Format, json, table};
use std::io::Write;

/// What `topics` writes.
const WRITES: super::Writes = super::Writes {
    command: "topics",
    formats: crate::export::format::LISTING,
    times: false,
    widths: &[Format::Table],
};

/// Runs `topics`.
pub fn run(global: &Global, args: &TopicsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    global.refuse_clashes(&[("-o", args.out.output.as_deref())], &[])?;
    let how = super::Output::from_flags(global, &args.out, &WRITES)?;
    let schedule = global.load_schedule()?;
    let topics = schedule.topic_counts();
    let tracks = schedule.track_counts();
    how.emit_by(global, out, |to| match how.format {
        Format::Json => json::listing::write_topics(to, &topics, &tracks),
        _ => table::listing::write_topics(to, &schedule, &topics, &tracks, how.options.width),
    })
}
