//! `agenda generate`: a made-up conference of any size, as RON, on stdout or in a file.

use super::Global;
use crate::cli::GenerateArgs;
use crate::generate::{self, Params};
use crate::schedule::ron_format;
use std::io::Write;

/// Runs `generate`.
pub fn run(global: &Global, args: &GenerateArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let params = Params {
        talks: args.talks,
        rooms: args.rooms,
        days: args.days,
        seed: args.seed,
        nights: args.nights,
    };
    let schedule = generate::generate(&params)?;
    let text = ron_format::write(&schedule)?;
    let target = crate::output::Target::of(args.output.as_deref());
    global.emit(&target, text.as_bytes(), out, |path| {
        format!("wrote {}: {}", path.display(), schedule.summary())
    })
}
