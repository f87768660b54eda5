//! The `agenda` binary: parses the command line, runs it, and maps errors to exit codes.

use clap::{CommandFactory, Parser};
use std::io::Write;

/// mimalloc instead of the system's allocator: a schedule is many small strings, and reading
/// FOSDEM spent a tenth of its time in glibc's `malloc` and `free`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    small_pages();
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
            closed::Checked(std::io::stdout().lock()),
        )),
        "standard output",
    );
    let result = agenda::run(cli, &mut stdout);
    let flushed = stdout.flush();
    let result = result.and_then(|()| Ok(flushed?));
    let code = match result {
        Ok(()) => agenda::error::EXIT_OK,
        Err(error) if agenda::is_broken_pipe(&error) => agenda::error::EXIT_OK,
        Err(error) => {
            agenda::output::say(format_args!("error: {error:#}"));
            agenda::error::exit_code(&error)
        }
    };
    end(code)
}

/// Asks Linux for ordinary 4 KiB pages for this process, not transparent huge pages.
///
/// With huge pages every first touch of a 2 MiB stretch costs the kernel 2 MiB of zeroing, for
/// a heap a few threads each touch a little of. Reading FOSDEM 2025 (`plan`) took 44 MB of
/// memory that way, 21 MB without, and a millisecond or two less. The allocator is built not to
/// ask for them (mimalloc's `no_thp`: it would `madvise` its heap before `main`, where this
/// comes too late for its first 2 MiB); this is for a system that gives them unasked.
fn small_pages() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    // SAFETY: `prctl(PR_SET_THP_DISABLE)` only sets a flag of this process; no memory of it is
    // read or written. A failure (an old kernel) leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Ends the process with `code`, everything already written: standard output flushed above,
/// every file renamed into place (`output::write_atomic` returns only then), standard error
/// unbuffered.
///
/// On Unix, at once (`_exit`): what `exit` would still do is the allocator's work of giving
/// every page back to the system one by one (a hundred `madvise` calls after reading FOSDEM,
/// about a millisecond) before the system takes them all anyway. No handler of this program
/// runs at exit, and a file being written by a thread of it cannot be left half-written: the
/// atomic writer's temporary files are only renamed into place when complete.
fn end(code: i32) -> ! {
    #[cfg(unix)]
    // SAFETY: `_exit` ends the process without returning; it touches no memory of this program.
    unsafe {
        libc::_exit(code)
    }
    #[cfg(not(unix))]
    std::process::exit(code)
}

/// A standard output the shell closed (`agenda plan >&-`). The Rust runtime opens `/dev/null` in
/// its place before `main`, so what is written would be lost and the exit code 0: whether it
/// was closed is seen before that, by a function the loader runs before the runtime (Linux's
/// `.init_array`), and then the first write fails with a message instead.
mod closed {
    use std::sync::atomic::{AtomicBool, Ordering};

    static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[used]
    // SAFETY: an entry of `.init_array` is a function the loader calls once, before `main`,
    // with C's calling convention; this one only duplicates descriptor 1 and stores a flag.
    #[unsafe(link_section = ".init_array")]
    static SEE_IF_CLOSED: extern "C" fn() = see_if_closed;

    #[cfg(any(target_os = "linux", target_os = "android"))]
    extern "C" fn see_if_closed() {
        use std::os::fd::AsFd;
        // Duplicating fails (EBADF) only when descriptor 1 is not open.
        let closed = std::io::stdout().as_fd().try_clone_to_owned().is_err();
        STDOUT_CLOSED.store(closed, Ordering::Relaxed);
    }

    /// Standard output, refusing to write when the shell had closed it.
    pub struct Checked<W>(pub W);

    impl<W: std::io::Write> std::io::Write for Checked<W> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if STDOUT_CLOSED.load(Ordering::Relaxed) && !buf.is_empty() {
                return Err(std::io::Error::other(
                    "it is closed (`>&-`); give -o FILE, or send it to /dev/null to discard it",
                ));
            }
            self.0.write(buf)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            self.0.flush()
        }
    }
}
