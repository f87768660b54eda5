//! `agenda completions SHELL` and `agenda man`: generated from the clap definition.

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use clap::CommandFactory;
use std::io::Write;

/// Prints the completion script for a shell.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "agenda", out);
    Ok(())
}

/// Prints the man page, or writes it atomically to `--output`.
pub fn man(
    args: &ManArgs,
    options: &crate::output::WriteOptions,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    match &args.output {
        Some(path) => crate::output::write_atomic_with(path, &page, options),
        None => Ok(out.write_all(&page)?),
    }
}
