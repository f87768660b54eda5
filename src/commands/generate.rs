//! `agenda generate`: a made-up conference of any size, as RON, on stdout or in a file.

use super::Global;
use crate::cli::GenerateArgs;
use crate::generate::{self, Params};
use crate::schedule::ron_format;
use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Runs `generate`.
pub fn run(global: &Global, args: &GenerateArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let params = Params {
        talks: args.talks,
        rooms: args.rooms,
        days: args.days,
        seed: args.seed,
    };
    let schedule = generate::generate(&params)?;
    let text = ron_format::write(&schedule)?;
    match &args.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            write_atomic(path, text.as_bytes())?;
            global.note(&format!("wrote {}: {}", path.display(), schedule.summary()));
        }
    }
    Ok(())
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over `path`, so that a
/// reader never sees half a file.
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}
