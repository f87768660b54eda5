//! The plumbing under the writers of [`crate::export`]: where output goes ([`target`]), atomic
//! file output ([`atomic`]), cleaning untrusted text ([`sanitize`]), the terminal's width
//! ([`width`]), display time zones ([`tz`]), the progress line ([`progress`]) and labelled
//! write errors ([`Named`]). Nothing here lays out a document.

pub mod atomic;
pub mod sanitize;
pub mod target;
pub mod tz;
pub mod width;

pub use atomic::{WriteOptions, write_atomic, write_atomic_by, write_atomic_with};
pub use sanitize::{clean, clean_cell, clean_row, say, shell_word};
pub use target::Target;
pub use tz::DisplayZone;

pub mod progress;

/// A writer whose errors say what was being written (`cannot write standard output: No space
/// left on device`), keeping the error kind (a closed pipe is still recognised as one).
pub struct Named<W> {
    inner: W,
    name: &'static str,
}

impl<W> Named<W> {
    /// Wraps `inner`, called `name` in messages.
    pub fn new(inner: W, name: &'static str) -> Self {
        Named { inner, name }
    }

    fn label(&self, e: std::io::Error) -> std::io::Error {
        std::io::Error::new(e.kind(), format!("cannot write {}: {e}", self.name))
    }
}

impl<W: std::io::Write> std::io::Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.label(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().map_err(|e| self.label(e))
    }
}
