//! A progress line on stderr for work that takes more than a second: a spinner with what is
//! being done and the time so far, shown only in a terminal and only once a second has passed
//! (so quick runs, pipes and `--quiet` print nothing), cleared when the work is done.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long work runs before the line appears.
pub(crate) const DELAY: Duration = Duration::from_secs(1);

/// A progress line that may appear; dropping it clears it.
pub(crate) struct Progress {
    bar: ProgressBar,
    /// Set when the work is done, so that a line that never appeared never will.
    done: Arc<Mutex<bool>>,
}

impl Progress {
    /// Starts timing `what`; the line shows after [`DELAY`] when stderr is a terminal and
    /// `enabled` (not `--quiet`).
    pub fn start(what: &str, enabled: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(crate::output::clean(what).into_owned());
        let done = Arc::new(Mutex::new(false));
        if enabled && std::io::stderr().is_terminal() {
            let (later, flag) = (bar.clone(), Arc::clone(&done));
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                if let Ok(done) = flag.lock()
                    && !*done
                {
                    later.set_draw_target(ProgressDrawTarget::stderr());
                    later.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Progress { bar, done }
    }

    /// Says what is being done now.
    pub fn stage(&self, what: &str) {
        self.bar
            .set_message(crate::output::clean(what).into_owned());
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Ok(mut done) = self.done.lock() {
            *done = true;
        }
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_off_a_terminal_or_when_quiet_is_never_drawn() {
        for enabled in [false, true] {
            let progress = Progress::start("planning", enabled);
            progress.stage("solving");
            // Tests run with stderr captured or piped: never a terminal.
            assert!(progress.bar.is_hidden());
            drop(progress);
        }
    }
}
