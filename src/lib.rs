//! # agenda
//!
//! Plans a personal conference agenda and proves it is the best one: a schedule comes in
//! ([`schedule`], [`import`]), an attendee's interests are scored, an integer program picks the
//! agenda, and writers print it.
//!
//! The binary (`src/main.rs`) only parses flags and calls [`run`]; everything else is here, so
//! tests and benches call the same functions users do.

#![warn(missing_docs)]

pub mod bench;
pub(crate) mod changes;
pub mod cli;
pub(crate) mod commands;
pub mod error;
pub mod export;
pub(crate) mod fetch;
pub(crate) mod folders;
pub mod friends;
pub mod generate;
pub mod import;
pub mod input;
pub mod on;
pub mod output;
pub mod plan;
pub mod points;
pub mod prefs;
pub mod saved;
pub mod schedule;
pub mod solve;
pub mod text;
pub mod timing;
pub mod words;

use std::io::Write;

/// Runs one parsed command line, writing its normal output to `out`.
pub fn run(cli: cli::Cli, out: &mut dyn Write) -> anyhow::Result<()> {
    commands::dispatch(cli, out)
}

/// Whether an error is a closed pipe on output (`agenda talks | head`), which is not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
