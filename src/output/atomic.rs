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
//!   random name (`TempName`: `.agenda-tmp-<pid>-<random>-<check>.<target>`), so a symbolic
//!   link planted at any name cannot redirect the write; it is flushed to disk and renamed over
//!   the target.
//! - On every error the temporary file is removed and the target is left as it was; on SIGINT,
//!   SIGTERM or SIGHUP (with [`install_signal_cleanup`] called once by the binary) too. Stale
//!   temporaries beside the target (left by `kill -9`) are removed only when they are provably
//!   `agenda`'s: see `remove_stale_temporaries`. A user's own `.agenda-notes.tmp` is never
//!   touched.
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
    let permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let cannot = |e: anyhow::Error| {
        let hint = write_hint(&e);
        e.context(format!("cannot write {}; {hint}", path.display()))
    };
    // On every early return the temporary file is dropped, which removes it.
    let (mut temp, _pending) = Pending::create(&dir, &target).map_err(|e| cannot(e.into()))?;
    // Swept after ours exists: its owner is who "we" are.
    remove_stale_temporaries(&dir, temp.as_file().metadata().ok().as_ref());
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
/// SIGHUP), then exits with code 130; and ignores SIGXFSZ, so that a write past the file size
/// limit (`ulimit -f`) fails with "File too large" and the temporary is removed like on any
/// other error, instead of the process being killed with it left behind. Call once, early,
/// from the binary.
pub fn install_signal_cleanup() {
    let _ = ctrlc::set_handler(|| {
        remove_pending();
        std::process::exit(130);
    });
    #[cfg(unix)]
    {
        use nix::sys::signal::{SigHandler, Signal, signal};
        // SAFETY: ignoring a signal installs no handler, so no code runs in signal context;
        // nothing else in the program sets the disposition of SIGXFSZ.
        let _ = unsafe { signal(Signal::SIGXFSZ, SigHandler::SigIgn) };
    }
}

/// What to do about a failed write, for its message: the disk is full, the file size limit is
/// too small, or (anything else) check the folder.
fn write_hint(error: &anyhow::Error) -> &'static str {
    let kind = error
        .chain()
        .find_map(|e| e.downcast_ref::<std::io::Error>())
        .map(std::io::Error::kind);
    match kind {
        Some(std::io::ErrorKind::StorageFull) => "the disk is full; free some space",
        Some(std::io::ErrorKind::FileTooLarge) => {
            "it is larger than the file size limit (`ulimit -f`); raise the limit"
        }
        _ => "check that its folder exists and is writable",
    }
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

    /// Creates the temporary file for `target` in `dir`, exclusively, under a new
    /// [`TempName`], and registers it while holding the registry's lock, so the signal handler
    /// (which takes the same lock) never runs between the two and misses it.
    fn create(dir: &Path, target: &Path) -> std::io::Result<(tempfile::NamedTempFile, Pending)> {
        let target_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        let mut tries = 0;
        let temp = loop {
            let name = TempName::new(&target_name).to_string();
            let mut builder = tempfile::Builder::new();
            builder.prefix(&name).suffix("").rand_bytes(0);
            // A new file gets the usual mode (0666 less the umask), not the temporary's 0600.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
            match builder.tempfile_in(dir) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 16 => {
                    tries += 1;
                }
                created => break created?,
            }
        };
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

/// The name of a temporary file `agenda` writes, beside its target:
/// `.agenda-tmp-<pid>-<random>-<check>.<target name>`, where `<random>` is 12 characters of
/// `a-z0-9` and `<check>` 8 hexadecimal digits of a hash of the rest. Nobody else names a file
/// this way by accident (a user's `.agenda-notes.tmp` is not one), and the sweep of stale
/// temporaries removes only names that parse back with the right check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TempName {
    pid: u32,
    random: String,
    target: String,
}

const TEMP_PREFIX: &str = ".agenda-tmp-";
/// Characters of the target's name kept in a temporary's name (file names hold 255 bytes).
const TEMP_TARGET_CHARS: usize = 80;

impl TempName {
    /// A new name for a temporary of `target` (its file name), with this process's id.
    fn new(target: &str) -> TempName {
        use std::hash::{BuildHasher, Hasher};
        // Seeded from the system's randomness once per thread, then different for every call.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        let mut n = hasher.finish();
        let random = (0..12)
            .map(|_| {
                let c = b"abcdefghijklmnopqrstuvwxyz0123456789"[(n % 36) as usize];
                n /= 36;
                char::from(c)
            })
            .collect();
        TempName {
            pid: std::process::id(),
            random,
            target: target.chars().take(TEMP_TARGET_CHARS).collect(),
        }
    }

    /// The check of a name: 8 hexadecimal digits of FNV-1a over what the name says.
    fn check(pid: u32, random: &str, target: &str) -> String {
        let text = format!("agenda temporary file\0{pid}\0{random}\0{target}");
        format!(
            "{:08x}",
            crate::schedule::hash::fnv1a64(text.as_bytes()) as u32
        )
    }

    /// The name read back, when it is one `agenda` made: the pattern, and the right check.
    pub(crate) fn parse(name: &str) -> Option<TempName> {
        let rest = name.strip_prefix(TEMP_PREFIX)?;
        let (pid, rest) = rest.split_once('-')?;
        let (random, rest) = rest.split_once('-')?;
        let (check, target) = rest.split_once('.')?;
        let well_formed = !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && random.len() == 12
            && random
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let pid: u32 = pid.parse().ok().filter(|_| well_formed)?;
        (check == Self::check(pid, random, target)).then(|| TempName {
            pid,
            random: random.to_string(),
            target: target.to_string(),
        })
    }
}

impl std::fmt::Display for TempName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{TEMP_PREFIX}{}-{}-{}.{}",
            self.pid,
            self.random,
            Self::check(self.pid, &self.random, &self.target),
            self.target
        )
    }
}

/// Whether the process that wrote a temporary may still be running (Linux: its `/proc`
/// entry exists; elsewhere nothing is known and only the age decides).
fn may_be_running(pid: u32) -> bool {
    Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists()
}

/// Removes the temporaries `agenda` left in `dir` when it was killed (`kill -9`), and nothing
/// else: a file is removed only when its name is a [`TempName`] with the right check, it is a
/// regular file (not a link) with one name, owned by the owner of `ours` (the temporary this
/// run just created there), last modified more than [`STALE_AFTER`] ago, and the process
/// named in it is not running.
pub(crate) fn remove_stale_temporaries(dir: &Path, ours: Option<&std::fs::Metadata>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(temp) = name.to_str().and_then(TempName::parse) else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        let same_owner = ours.is_some_and(|ours| same_owner(&meta, ours));
        let one_name = other_hard_links(&meta).is_none();
        if meta.is_file() && old && same_owner && one_name && !may_be_running(temp.pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn same_owner(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.uid() == b.uid()
}

#[cfg(not(unix))]
fn same_owner(_a: &std::fs::Metadata, _b: &std::fs::Metadata) -> bool {
    true
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
    if let Resolved::Stream(stream) = resolve_links(path) {
        return stream_identity(&stream);
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

/// The file behind a stream, when it is a regular file (`-o /dev/fd/3` with `3>>plan.ron`,
/// `-o /dev/stdout` with `>>plan.ron`): writing it appends to that file, so it must not be an
/// input. A terminal, a pipe or a device has none: streams of those never clash.
fn stream_identity(stream: &Stream) -> Option<Identity> {
    // Standard output and error through a duplicate of their descriptor, so that nothing
    // here can close them.
    #[cfg(unix)]
    let duplicate = |fd: std::os::fd::BorrowedFd<'_>| {
        fd.try_clone_to_owned()
            .and_then(|owned| same_file::Handle::from_file(std::fs::File::from(owned)))
    };
    #[cfg(unix)]
    let handle = {
        use std::os::fd::AsFd;
        match stream {
            Stream::Stdout => duplicate(std::io::stdout().as_fd()),
            Stream::Stderr => duplicate(std::io::stderr().as_fd()),
            Stream::Fd(path) => same_file::Handle::from_path(path),
        }
    };
    #[cfg(not(unix))]
    let handle = match stream {
        Stream::Fd(path) => same_file::Handle::from_path(path),
        _ => return None,
    };
    let handle = handle.ok()?;
    let regular = handle.as_file().metadata().is_ok_and(|m| m.is_file());
    regular.then_some(Identity::File(handle))
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
/// comes with what it is for in messages (`--schedule`, `-o`, `--save`, …). Devices, and
/// streams on a terminal or a pipe, never clash; a stream (`/dev/fd/N`, `/proc/self/fd/N`,
/// `/dev/stdout`) that is open on a regular file is that file. Exit code 2.
pub(crate) fn refuse_clashes(
    outputs: &[(&str, &Path)],
    inputs: &[(&str, &Path)],
) -> anyhow::Result<()> {
    for (i, (what, out)) in outputs.iter().enumerate() {
        for (input_what, input) in inputs {
            if same_file(out, input) {
                // Standard output has no name of its own worth showing (`/dev/stdout`).
                let output = if *what == "standard output" {
                    (*what).to_string()
                } else {
                    format!("{what} {}", out.display())
                };
                return Err(crate::error::bad_input(format!(
                    "{output} is the same file as the input {input_what} {}; writing it would destroy the input: choose another output file",
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
            planted.push(temp_name(
                std::process::id(),
                &format!("{n:012}"),
                "out.txt",
            ));
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

    /// A temporary's name as a run with process id `pid` would have made it for `target`.
    fn temp_name(pid: u32, random: &str, target: &str) -> String {
        TempName {
            pid,
            random: random.to_string(),
            target: target.to_string(),
        }
        .to_string()
    }

    #[test]
    fn temporary_names_read_back_only_with_their_check() {
        let name = TempName::new("plan2.md");
        let text = name.to_string();
        assert!(text.starts_with(".agenda-tmp-"), "{text}");
        assert!(text.ends_with(".plan2.md"), "{text}");
        assert_eq!(TempName::parse(&text), Some(name.clone()));
        assert_ne!(TempName::new("plan2.md"), name, "the random part repeats");
        let dotted = temp_name(7, "abcdefghij01", "my-plan.v2.md");
        assert!(TempName::parse(&dotted).is_some(), "{dotted}");
        // A changed character anywhere, or another tool's name, is not ours.
        for other in [
            ".agenda-notes.tmp",
            ".agenda-abc123.tmp",
            &dotted.replace("my-plan", "my_plan"),
            &dotted.replace("-7-", "-8-"),
            &dotted.replace("abcdefghij01", "abcdefghij02"),
        ] {
            assert_eq!(TempName::parse(other), None, "{other}");
        }
        // A long target's name is cut so that the whole name fits a file system's 255 bytes.
        assert!(TempName::new(&"é".repeat(200)).to_string().len() < 255);
    }

    #[cfg(unix)]
    #[test]
    fn the_sweep_removes_only_stale_temporaries_agenda_made() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        // A process id no process has (above the kernel's maximum of 2^22).
        let gone = 999_999_999;
        let stale = at(&temp_name(gone, "abcdefghijkl", "out.txt"));
        let fresh = at(&temp_name(gone, "bcdefghijklm", "out.txt"));
        let running = at(&temp_name(std::process::id(), "cdefghijklmn", "out.txt"));
        let link = at(&temp_name(gone, "defghijklmno", "out.txt"));
        let linked = at(&temp_name(gone, "efghijklmnop", "out.txt"));
        let forged = at(&temp_name(gone, "fghijklmnopq", "out.txt").replace("out.txt", "o.txt"));
        let notes = at(".agenda-notes.tmp");
        let old_scheme = at(".agenda-old123.tmp");
        let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 3600);
        for path in [
            &stale,
            &fresh,
            &running,
            &linked,
            &forged,
            &notes,
            &old_scheme,
        ] {
            std::fs::write(path, "x").unwrap();
            if path != &fresh {
                std::fs::File::options()
                    .write(true)
                    .open(path)
                    .unwrap()
                    .set_modified(two_hours_ago)
                    .unwrap();
            }
        }
        std::os::unix::fs::symlink(&stale, &link).unwrap();
        std::fs::hard_link(&linked, at("keep.txt")).unwrap();
        write_atomic(&at("out.txt"), b"new").unwrap();
        assert!(
            !stale.exists(),
            "a stale temporary of agenda is still there"
        );
        for kept in [&fresh, &running, &linked, &forged, &notes, &old_scheme] {
            assert!(kept.exists(), "{} was removed", kept.display());
        }
        assert!(
            std::fs::symlink_metadata(&link).is_ok(),
            "a link was removed"
        );
        assert_eq!(std::fs::read_to_string(at("out.txt")).unwrap(), "new");
    }

    #[test]
    fn the_signal_cleanup_removes_a_temporary_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let temp = dir.path().join(temp_name(1, "abcdefghijkl", "x"));
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
