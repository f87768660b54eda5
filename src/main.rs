//! The `agenda` binary: parses the command line, runs it, and maps errors to exit codes.

use clap::{CommandFactory, Parser};
use std::io::Write;

fn main() {
    // A shell asking for completions (`COMPLETE=bash agenda -- agenda plan --likes b`) is
    // answered here, and the program ends; see `agenda completions`.
    clap_complete::CompleteEnv::with_factory(agenda::cli::Cli::command).complete();
    let cli = agenda::cli::Cli::parse();
    agenda::output::atomic::install_signal_cleanup();
    // Buffered: a JSON agenda of thousands of talks is thousands of lines, and the standard
    // output flushes each line. Flushed before exiting either way, so nothing written is lost.
    let mut stdout = agenda::output::Named::new(
        agenda::output::sanitize::Sanitizing::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        )),
        "standard output",
    );
    let result = agenda::run(cli, &mut stdout);
    let flushed = stdout.flush();
    let result = result.and_then(|()| Ok(flushed?));
    if let Err(error) = result {
        if agenda::is_broken_pipe(&error) {
            std::process::exit(agenda::error::EXIT_OK);
        }
        agenda::output::say(format_args!("error: {error:#}"));
        std::process::exit(agenda::error::exit_code(&error));
    }
}
