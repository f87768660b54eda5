//! The `agenda` binary: parses the command line, runs it, and maps errors to exit codes.

use clap::Parser;
use std::io::Write;

fn main() {
    let cli = agenda::cli::Cli::parse();
    agenda::output::atomic::install_signal_cleanup();
    let mut stdout = agenda::output::Named::new(
        agenda::output::sanitize::Sanitizing::new(std::io::stdout().lock()),
        "standard output",
    );
    let result = agenda::run(cli, &mut stdout).and_then(|()| Ok(stdout.flush()?));
    if let Err(error) = result {
        if agenda::is_broken_pipe(&error) {
            std::process::exit(agenda::error::EXIT_OK);
        }
        eprintln!("error: {}", agenda::output::clean(&format!("{error:#}")));
        std::process::exit(agenda::error::exit_code(&error));
    }
}
