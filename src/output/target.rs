//! Where a command's output goes: standard output or a file, decided once from `-o`.
//!
//! `-o -`, `-o /dev/stdout` and `-o /dev/fd/1` are standard output: the bytes go to the same
//! writer as without `-o`, in order with what was printed before, and no "wrote …" note is
//! shown. Every other name is a file written by [`super::atomic`] (which also writes to
//! `/dev/stderr`, other descriptors and devices instead of replacing them).

use super::atomic::{Stream, WriteOptions, write_atomic_by};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The output of a run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Target {
    /// Standard output (no `-o`, or `-o -`).
    #[default]
    Stdout,
    /// A file (or a stream other than standard output, such as `/dev/stderr`).
    File(PathBuf),
}

impl Target {
    /// The target of an optional `-o`.
    pub fn of(output: Option<&Path>) -> Target {
        match output {
            None => Target::Stdout,
            Some(p) if Stream::of(p) == Some(Stream::Stdout) => Target::Stdout,
            Some(p) => Target::File(p.to_path_buf()),
        }
    }

    /// The name of the file, if the output is one.
    pub fn file_name(&self) -> Option<&Path> {
        match self {
            Target::Stdout => None,
            Target::File(p) => Some(p),
        }
    }

    /// Whether the output is standard output.
    pub(crate) fn is_stdout(&self) -> bool {
        *self == Target::Stdout
    }

    /// Writes `bytes`: to `out` for standard output, else atomically to the file. Returns
    /// whether a file was written that deserves a "wrote …" note (not a stream or device).
    pub(crate) fn emit(
        &self,
        bytes: &[u8],
        out: &mut dyn Write,
        options: &WriteOptions,
    ) -> anyhow::Result<bool> {
        self.emit_by(out, options, |to| Ok(to.write_all(bytes)?))
    }

    /// [`Target::emit`] of what `make` writes as it makes it (see
    /// [`super::atomic::write_atomic_by`]), so that a large output is never held whole.
    pub(crate) fn emit_by(
        &self,
        out: &mut dyn Write,
        options: &WriteOptions,
        make: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<bool> {
        match self {
            Target::Stdout => {
                make(out)?;
                Ok(false)
            }
            Target::File(path) => {
                write_atomic_by(path, options, make)?;
                Ok(
                    Stream::of(path).is_none()
                        && std::fs::metadata(path).is_ok_and(|m| m.is_file()),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_and_dev_stdout_are_standard_output() {
        for name in ["-", "/dev/stdout", "/dev/fd/1"] {
            assert_eq!(Target::of(Some(Path::new(name))), Target::Stdout, "{name}");
        }
        assert_eq!(Target::of(None), Target::Stdout);
        assert_eq!(
            Target::of(Some(Path::new("/dev/stderr"))),
            Target::File(PathBuf::from("/dev/stderr"))
        );
    }

    #[test]
    fn standard_output_goes_to_the_writer_and_a_file_is_written_and_reported() {
        let mut out = Vec::new();
        let written = Target::Stdout
            .emit(b"x", &mut out, &WriteOptions::default())
            .unwrap();
        assert_eq!((out.as_slice(), written), (b"x".as_slice(), false));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        let mut out = Vec::new();
        let written = Target::File(path.clone())
            .emit(b"y", &mut out, &WriteOptions::default())
            .unwrap();
        assert!(written && out.is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), b"y");
        let null = Target::File(PathBuf::from("/dev/null"));
        assert!(!null.emit(b"z", &mut out, &WriteOptions::default()).unwrap());
    }
}
