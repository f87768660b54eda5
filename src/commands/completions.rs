//! `agenda completions SHELL` and `agenda man`: generated from the clap definition.

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use clap::CommandFactory;
use std::io::Write;

/// Prints the completion script for a shell: clap_complete's dynamic registration, which
/// calls `agenda` with `COMPLETE=SHELL` at each TAB, so that values can depend on the rest of
/// the line (the topics of the schedule named by `--schedule`).
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let name = args.shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let shell = shells
        .completer(&name)
        .ok_or_else(|| crate::error::bad_input(format!("no completions for the shell {name}")))?;
    let command = Cli::command();
    let bin = command.get_name();
    shell.write_registration("COMPLETE", bin, bin, bin, out)?;
    Ok(())
}

/// Every man page: `agenda.1` first, then `agenda-<subcommand>.1` for each subcommand, as
/// (file name, roff).
pub fn man_pages() -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let mut pages = vec![page(&command)?];
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(page(sub)?);
    }
    Ok(pages)
}

/// One page: clap_mangen's, with the command's examples as an EXAMPLES section set as written
/// (`.nf`), before VERSION, instead of the filled "EXTRA" section.
fn page(command: &clap::Command) -> anyhow::Result<(String, Vec<u8>)> {
    let examples = command
        .get_after_long_help()
        .map(ToString::to_string)
        .unwrap_or_default();
    let man = clap_mangen::Man::new(command.clone().after_long_help(None::<&str>));
    let mut roff = Vec::new();
    man.render(&mut roff)?;
    let mut text = String::from_utf8(roff)?;
    if !examples.is_empty() {
        let mut section = String::from(".SH EXAMPLES\n.nf\n");
        for line in examples.lines() {
            let escaped = line.replace('\\', "\\e").replace('-', "\\-");
            if escaped.starts_with('.') || escaped.starts_with('\'') {
                section.push_str("\\&");
            }
            section.push_str(&escaped);
            section.push('\n');
        }
        section.push_str(".fi\n");
        match text.find(".SH VERSION") {
            Some(at) => text.insert_str(at, &section),
            None => text.push_str(&section),
        }
    }
    Ok((man.get_filename(), text.into_bytes()))
}

/// Prints the top man page, writes it atomically to `--output`, or writes every page into
/// `--dir`.
pub fn man(
    args: &ManArgs,
    options: &crate::output::WriteOptions,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let pages = man_pages()?;
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).map_err(|e| {
            crate::error::bad_input(format!(
                "cannot create the folder {} for the man pages: {e}",
                dir.display()
            ))
        })?;
        for (name, page) in &pages {
            crate::output::write_atomic_with(&dir.join(name), page, options)?;
        }
        crate::output::say(format_args!(
            "wrote {} to {} (try `man -l {}`)",
            crate::text::plural(pages.len(), "man page", "man pages"),
            dir.display(),
            dir.join("agenda-plan.1").display()
        ));
        return Ok(());
    }
    let top = &pages[0].1;
    crate::output::Target::of(args.output.as_deref()).emit(top, out, options)?;
    Ok(())
}
