//! Writing output files safely: a reader sees the old file or the new one, never half, and
//! nobody else can make us write somewhere else.
//!
//! Every file `agenda` writes (`-o`, `--save`, `convert -o`, `generate -o`, `man -o`,
//! `bench --plot`) goes through [`write_atomic`] (or [`write_atomic_with`] for `--force` and
//! `--quiet`). Other modules that write files (a cache, say) should use it too:
//!
//! ```no_run
//! agenda::output::write_atomic("out.ics".as_ref(), b"BEGIN:VCALENDAR\r\n")?;
//! # Ok::<(), anyhow::Error>(())
//! ```
//!
//! The guarantees:
//! - The new content goes to a temporary file beside the target, created exclusively with a
//!   random name (`.agenda-XXXXXX.tmp`, by the `tempfile` crate), so a symbolic link planted at
//!   any name cannot redirect the write; it is flushed to disk and renamed over the target.
//! - On every error the temporary file is removed and the target is left as it was; on SIGINT,
//!   SIGTERM or SIGHUP (with [`install_signal_cleanup`] called once by the binary) too. Stale
//!   `.agenda-*.tmp` files older than an hour beside the target (left by `kill -9`) are removed.
//! - `-`, `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` are streams: written to, appending to what
//!   the shell opened, never replaced. Other non-regular files (`/dev/null`, a named pipe) are
//!   written to directly.
//! - A symbolic link as the target is followed: the file it points to is replaced, the link stays.
//! - A replaced file keeps its permissions. A read-only target is refused unless `force`; a
//!   target with other hard links is replaced (the other names keep the old content), with a note.
//! - A directory or an unwritable folder is an error (exit code 1).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// How [`write_atomic_with`] treats targets that need a decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Replace a read-only target (`--force`).
    pub force: bool,
    /// Do not print notes (such as a hard-linked target) on stderr.
    pub quiet: bool,
}

/// Temporary files `agenda` is writing right now, removed by the signal handler.
// Global because the SIGINT/SIGTERM/SIGHUP handler (a plain `fn` run on ctrlc's thread) can
// reach nothing else; no setting travels through it.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Temporary files left beside a target for longer than this are stale and removed.
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// Writes `bytes` to `path` atomically with the default options: read-only targets refused,
/// notes printed. See the module documentation for every guarantee.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic_with(path, bytes, &WriteOptions::default())
}

/// Writes `bytes` to `path` atomically (see the module documentation).
pub fn write_atomic_with(path: &Path, bytes: &[u8], options: &WriteOptions) -> anyhow::Result<()> {
    write_atomic_by(path, options, |out| Ok(out.write_all(bytes)?))
}

/// [`write_atomic_with`], the content written by `make` as it is made, so that it is never
/// held in memory whole (a JSON agenda of 100,000 talks is 47 MB); every guarantee holds. An
/// error of `make` itself (not of writing) is returned as it is, and the target is left as it
/// was.
pub fn write_atomic_by(
    path: &Path,
    options: &WriteOptions,
    make: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let target = match resolve_links(path) {
        Resolved::Stream(stream) => return stream.write_by(path, make),
        Resolved::File(target) => target,
    };
    check_target(path, &target, options)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        if !meta.is_file() {
            let cannot = |e: anyhow::Error| e.context(format!("cannot write {}", path.display()));
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| cannot(e.into()))?;
            return fill(&mut file, make).map_err(|failed| failed.told(cannot));
        }
        if let Some(links) = other_hard_links(&meta)
            && !options.quiet
        {
            crate::output::say(format_args!(
                "note: {} has {links} other hard link{}; they keep the old content (the file is replaced, not rewritten in place)",
                path.display(),
                if links == 1 { "" } else { "s" }
            ));
        }
    }
    let dir = folder_of(&target);
    remove_stale_temporaries(&dir);
    let permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let cannot = |e: anyhow::Error| {
        e.context(format!(
            "cannot write {}; check that its folder exists and is writable",
            path.display()
        ))
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".agenda-").suffix(".tmp");
    // A new file gets the usual mode (0666 less the umask), not the temporary's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // On every early return the temporary file is dropped, which removes it.
    let (mut temp, _pending) = Pending::create(&builder, &dir).map_err(|e| cannot(e.into()))?;
    fill(temp.as_file_mut(), make).map_err(|failed| failed.told(cannot))?;
    let finished = (|| -> std::io::Result<()> {
        if let Some(p) = permissions {
            temp.as_file().set_permissions(p)?;
        }
        temp.as_file().sync_all()?;
        // On failure `persist` hands the file back inside the error, whose drop removes it.
        temp.persist(&target).map_err(|e| e.error)?;
        // Make the rename itself durable where the platform allows syncing a directory.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    finished.map_err(|e| cannot(e.into()))
}

/// Why [`fill`] failed: writing (the output's fault, said with the output's name) or making
/// the content (said as it is).
enum Failed {
    Writing(anyhow::Error),
    Making(anyhow::Error),
}

impl Failed {
    /// The error to report: a writing error with `context` applied.
    fn told(self, context: impl FnOnce(anyhow::Error) -> anyhow::Error) -> anyhow::Error {
        match self {
            Failed::Writing(e) => context(e),
            Failed::Making(e) => e,
        }
    }
}

/// Runs `make` into `out` through a buffer and flushes it, telling a failed write from a
/// failure of `make` itself.
fn fill(
    out: &mut dyn Write,
    make: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> Result<(), Failed> {
    let mut watched = Watched {
        inner: std::io::BufWriter::with_capacity(1 << 16, out),
        failed: false,
    };
    match make(&mut watched) {
        Ok(()) => watched.flush().map_err(|e| Failed::Writing(e.into())),
        Err(e) if watched.failed => Err(Failed::Writing(e)),
        Err(e) => Err(Failed::Making(e)),
    }
}

/// A writer that remembers whether a write to it failed.
struct Watched<W> {
    inner: W,
    failed: bool,
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf);
        self.failed |= written.is_err();
        written
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.inner.flush();
        self.failed |= flushed.is_err();
        flushed
    }
}

/// Whether `path` can be written as [`write_atomic_with`] would write it, checked without
/// writing anything: a command that writes two files (`-o` and `--save`) checks both first, so
/// that a refusal of the second does not leave the first written.
pub(crate) fn check_writable(path: &Path, options: &WriteOptions) -> anyhow::Result<()> {
    match resolve_links(path) {
        Resolved::Stream(_) => Ok(()),
        Resolved::File(target) => check_target(path, &target, options),
    }
}

/// The refusals of a file target (`path` as given, `target` with links resolved): a directory,
/// a read-only file without `--force`, a folder that does not exist.
fn check_target(path: &Path, target: &Path, options: &WriteOptions) -> anyhow::Result<()> {
    let refuse = |reason: String| -> anyhow::Error {
        crate::error::Error::Write {
            path: path.display().to_string(),
            reason,
        }
        .into()
    };
    match std::fs::metadata(target) {
        Ok(meta) if meta.is_dir() => Err(refuse("it is a directory; give a file name".into())),
        Ok(meta) if meta.is_file() && meta.permissions().readonly() && !options.force => {
            Err(refuse(
                "it is read-only; pass --force to replace it anyway, or choose another file".into(),
            ))
        }
        Ok(_) => Ok(()),
        Err(_) => {
            let dir = folder_of(target);
            if dir.is_dir() {
                Ok(())
            } else {
                Err(refuse(format!(
                    "its folder {} does not exist; create it or choose another file",
                    dir.display()
                )))
            }
        }
    }
}

/// The folder a file is written in (`.` for a bare file name).
fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Removes the temporary files being written when the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP), then exits with code 130. Call once, early, from the binary.
pub fn install_signal_cleanup() {
    let _ = ctrlc::set_handler(|| {
        remove_pending();
        std::process::exit(130);
    });
}

/// Removes every temporary file being written now (what the signal handler does).
pub(crate) fn remove_pending() {
    remove_all(&PENDING.lock().unwrap_or_else(|e| e.into_inner()));
}

fn remove_all(paths: &[PathBuf]) {
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

/// A temporary file registered for the signal handler while it exists.
struct Pending(PathBuf);

impl Pending {
    #[cfg(test)]
    fn new(path: &Path) -> Self {
        PENDING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_path_buf());
        Pending(path.to_path_buf())
    }

    /// Creates the temporary file and registers it while holding the registry's lock, so the
    /// signal handler (which takes the same lock) never runs between the two and misses it.
    fn create(
        builder: &tempfile::Builder,
        dir: &Path,
    ) -> std::io::Result<(tempfile::NamedTempFile, Pending)> {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        let temp = builder.tempfile_in(dir)?;
        pending.push(temp.path().to_path_buf());
        let path = temp.path().to_path_buf();
        Ok((temp, Pending(path)))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        PENDING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|p| p != &self.0);
    }
}

/// Removes `.agenda-*.tmp` files in `dir` last modified more than [`STALE_AFTER`] ago: what a
/// killed run (`kill -9`) left behind. Symbolic links of that name are left alone.
pub(crate) fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".agenda-") && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn other_hard_links(meta: &std::fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    (meta.nlink() > 1).then(|| meta.nlink() - 1)
}

#[cfg(not(unix))]
fn other_hard_links(_meta: &std::fs::Metadata) -> Option<u64> {
    None
}

/// An output that is a stream the shell opened, not a file to replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stream {
    /// Standard output (`-`, `/dev/stdout`, `/dev/fd/1`).
    Stdout,
    /// Standard error (`/dev/stderr`, `/dev/fd/2`).
    Stderr,
    /// Another open descriptor (`/dev/fd/N`), reopened for appending.
    Fd(PathBuf),
}

impl Stream {
    /// The stream a path names, if it names one.
    pub fn of(path: &Path) -> Option<Stream> {
        if path == Path::new("-") || path == Path::new("/dev/stdout") {
            return Some(Stream::Stdout);
        }
        if path == Path::new("/dev/stderr") {
            return Some(Stream::Stderr);
        }
        let text = path.to_str()?;
        let n = text
            .strip_prefix("/dev/fd/")
            .or_else(|| text.strip_prefix("/proc/self/fd/"))?;
        match n.parse::<u32>().ok()? {
            1 => Some(Stream::Stdout),
            2 => Some(Stream::Stderr),
            _ => Some(Stream::Fd(path.to_path_buf())),
        }
    }

    /// Writes what `make` makes to the stream, flushed (see [`write_atomic_by`]).
    fn write_by(
        &self,
        shown: &Path,
        make: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let cannot = |e: anyhow::Error| {
            e.context(match self {
                Stream::Stdout => "cannot write to standard output".to_string(),
                Stream::Stderr => "cannot write to standard error".to_string(),
                Stream::Fd(_) => format!("cannot write {}", shown.display()),
            })
        };
        let filled = match self {
            Stream::Stdout => fill(
                &mut super::sanitize::Sanitizing::new(std::io::stdout().lock()),
                make,
            ),
            Stream::Stderr => fill(
                &mut super::sanitize::Sanitizing::new(std::io::stderr().lock()),
                make,
            ),
            Stream::Fd(path) => {
                let mut file = std::fs::OpenOptions::new()
                    .append(true)
                    .open(path)
                    .map_err(|e| cannot(e.into()))?;
                fill(&mut file, make)
            }
        };
        filled.map_err(|failed| failed.told(cannot))
    }
}

enum Resolved {
    Stream(Stream),
    File(PathBuf),
}

/// The file a path finally names, following symbolic links (at most 40, like the kernel), or
/// the stream it names on the way (`/dev/stdout` is a link to `/proc/self/fd/1`).
fn resolve_links(path: &Path) -> Resolved {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        if let Some(stream) = Stream::of(&current) {
            return Resolved::Stream(stream);
        }
        match std::fs::read_link(&current) {
            Ok(next) => {
                current = if next.is_absolute() {
                    next
                } else {
                    current.parent().unwrap_or(Path::new(".")).join(next)
                };
            }
            Err(_) => break,
        }
    }
    Resolved::File(current)
}

/// What makes a file the same file: the file itself when it exists and can be opened (device
/// and inode, by the `same-file` crate), else its folder's real path and its name (so
/// `out.ics` and `./out.ics` are one file before either exists).
#[derive(Debug, PartialEq, Eq)]
enum Identity {
    File(same_file::Handle),
    Path(PathBuf),
}

fn identity(path: &Path) -> Option<Identity> {
    if Stream::of(path).is_some() {
        return None;
    }
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => None,
        Ok(_) => same_file::Handle::from_path(path)
            .ok()
            .map(Identity::File)
            .or_else(|| named(path)),
        Err(_) => named(path),
    }
}

/// The identity of a file by its name: its folder's real path (links resolved) and its name.
fn named(path: &Path) -> Option<Identity> {
    let Resolved::File(target) = resolve_links(path) else {
        return None;
    };
    let parent = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(Identity::Path(
        parent.canonicalize().ok()?.join(target.file_name()?),
    ))
}

/// Whether two paths name the same regular file (by identity, not by spelling).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (identity(a), identity(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Refuses, before any work, outputs that would overwrite an input or each other. Each path
/// comes with what it is for in messages (`--schedule`, `-o`, `--save`, …). Streams and devices
/// never clash. Exit code 2.
pub(crate) fn refuse_clashes(
    outputs: &[(&str, &Path)],
    inputs: &[(&str, &Path)],
) -> anyhow::Result<()> {
    for (i, (what, out)) in outputs.iter().enumerate() {
        for (input_what, input) in inputs {
            if same_file(out, input) {
                return Err(crate::error::bad_input(format!(
                    "{what} {} is the same file as the input {input_what} {}; writing it would destroy the input: choose another output file",
                    out.display(),
                    input.display()
                )));
            }
        }
        for (other_what, other) in &outputs[i + 1..] {
            if same_file(out, other) {
                return Err(crate::error::bad_input(format!(
                    "{what} {} and {other_what} {} are the same file; give them different names",
                    out.display(),
                    other.display()
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_mode_not_the_temporary_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.txt");
        write_atomic(&path, b"x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "mode {mode:o}: readable only by the owner");
    }

    #[test]
    fn a_missing_directory_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("out.txt");
        let err = write_atomic(&path, b"x").unwrap_err();
        assert!(format!("{err:#}").contains("cannot write"));
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_kept_and_permissions_survive() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_to_not_replaced() {
        let null = std::path::Path::new("/dev/null");
        write_atomic(null, b"discarded").unwrap();
        let meta = std::fs::metadata(null).unwrap();
        assert!(!meta.is_file(), "/dev/null must stay a device");
    }

    #[test]
    fn a_directory_is_refused_as_an_io_failure() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(format!("{err:#}").contains("is a directory"));
        assert!(matches!(
            crate::error::kind(&err),
            Some(crate::error::Error::Write { .. })
        ));
        assert_eq!(crate::error::exit_code(&err), crate::error::EXIT_FAILURE);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_planted_at_the_old_and_random_temporary_names_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, "old").unwrap();
        // Every name the old scheme used (`.<name>.<pid>.tmp`, for pids around ours) and a few
        // random ones in the new scheme's pattern.
        let pid = std::process::id();
        let mut planted = Vec::new();
        for p in pid.saturating_sub(50)..pid + 50 {
            planted.push(format!(".out.txt.{p}.tmp"));
        }
        for n in 0..20 {
            planted.push(format!(".agenda-{n:06}.tmp"));
        }
        for name in &planted {
            std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
        }
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        for name in &planted {
            let meta = std::fs::symlink_metadata(dir.path().join(name)).unwrap();
            assert!(meta.file_type().is_symlink(), "{name} was replaced");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_target_is_refused_unless_forced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ro.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomic(&path, b"new").unwrap_err();
        assert!(format!("{err:#}").contains("read-only"), "{err:#}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let force = WriteOptions {
            force: true,
            quiet: true,
        };
        write_atomic_with(&path, b"new", &force).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn content_made_while_writing_replaces_the_file_and_a_maker_failing_halfway_leaves_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        std::fs::write(&path, "old").unwrap();
        let options = WriteOptions::default();
        write_atomic_by(&path, &options, |out| {
            for n in 0..100_000 {
                write!(out, "{n},")?;
            }
            Ok(())
        })
        .unwrap();
        let expected: String = (0..100_000).map(|n| format!("{n},")).collect();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        // 200 KB written, then the maker fails: its error as it is, the file as it was.
        let err = write_atomic_by(&path, &options, |out| {
            out.write_all(&[b'x'; 200_000])?;
            Err(crate::error::bad_input("no such talk"))
        })
        .unwrap_err();
        assert_eq!(format!("{err:#}"), "no such talk");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no temporary left: {names:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_write_while_making_names_the_file() {
        let err = write_atomic_by(Path::new("/dev/full"), &WriteOptions::default(), |out| {
            out.write_all(&[b'x'; 200_000])?;
            Ok(())
        })
        .unwrap_err();
        let text = format!("{err:#}");
        assert!(text.starts_with("cannot write /dev/full: "), "{text}");
        assert!(err.downcast_ref::<std::io::Error>().is_some(), "{text}");
    }

    #[cfg(unix)]
    #[test]
    fn stale_temporaries_are_removed_and_fresh_ones_and_links_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".agenda-old123.tmp");
        let fresh = dir.path().join(".agenda-new123.tmp");
        let link = dir.path().join(".agenda-link12.tmp");
        std::fs::write(&stale, "x").unwrap();
        std::fs::write(&fresh, "x").unwrap();
        std::os::unix::fs::symlink(&stale, &link).unwrap();
        let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 3600);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        write_atomic(&dir.path().join("out.txt"), b"new").unwrap();
        assert!(!stale.exists(), "the stale temporary is still there");
        assert!(
            fresh.exists(),
            "a fresh temporary (another run's) was removed"
        );
        assert!(
            std::fs::symlink_metadata(&link).is_ok(),
            "a link was removed"
        );
    }

    #[test]
    fn the_signal_cleanup_removes_a_temporary_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let temp = dir.path().join(".agenda-abcdef.tmp");
        std::fs::write(&temp, "half").unwrap();
        let pending = Pending::new(&temp);
        // What the handler removes (other tests' temporaries are left alone here).
        let listed: Vec<PathBuf> = PENDING
            .lock()
            .unwrap()
            .iter()
            .filter(|p| **p == temp)
            .cloned()
            .collect();
        assert_eq!(listed, vec![temp.clone()]);
        remove_all(&listed);
        assert!(!temp.exists());
        drop(pending);
        assert!(!PENDING.lock().unwrap().contains(&temp));
    }

    #[test]
    fn streams_are_recognised_by_name() {
        assert_eq!(Stream::of(Path::new("-")), Some(Stream::Stdout));
        assert_eq!(Stream::of(Path::new("/dev/stdout")), Some(Stream::Stdout));
        assert_eq!(Stream::of(Path::new("/dev/fd/1")), Some(Stream::Stdout));
        assert_eq!(Stream::of(Path::new("/dev/stderr")), Some(Stream::Stderr));
        assert_eq!(
            Stream::of(Path::new("/dev/fd/7")),
            Some(Stream::Fd(PathBuf::from("/dev/fd/7")))
        );
        assert_eq!(Stream::of(Path::new("/dev/fdx")), None);
        assert_eq!(Stream::of(Path::new("out.txt")), None);
    }

    #[test]
    fn the_same_file_is_found_by_identity_not_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ron");
        std::fs::write(&a, "x").unwrap();
        let spelled = dir.path().join(".").join("a.ron");
        assert!(same_file(&a, &spelled));
        let missing = dir.path().join("new.ics");
        let missing_again = dir.path().join("sub").join("..").join("new.ics");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(same_file(&missing, &missing_again));
        assert!(!same_file(&a, &missing));
        // A hard link is the same file under another name; a copy is not.
        let linked = dir.path().join("linked.ron");
        std::fs::hard_link(&a, &linked).unwrap();
        assert!(same_file(&linked, &a));
        let copy = dir.path().join("copy.ron");
        std::fs::copy(&a, &copy).unwrap();
        assert!(!same_file(&copy, &a));
        let err = refuse_clashes(&[("-o", &spelled)], &[("--schedule", &a)]).unwrap_err();
        assert_eq!(crate::error::exit_code(&err), crate::error::EXIT_BAD_INPUT);
        assert!(
            refuse_clashes(
                &[("-o", Path::new("/dev/null"))],
                &[("--schedule", Path::new("/dev/null"))]
            )
            .is_ok()
        );
    }
}
