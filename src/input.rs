//! Reading input files with a bound: schedules, profiles and saved plans.
//!
//! Every input is read through [`read_text`], which stops at the size limit (64 MB unless
//! `--max-input-size` says otherwise) and at the first byte that cannot be text (a NUL, invalid
//! UTF-8), so `/dev/zero`, `/dev/urandom` or an endless pipe fail at once (exit code 2) and
//! never fill memory. A byte-order mark at the start is dropped.

use crate::error::bad_input;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The default limit on one input: 64 MB (FOSDEM's whole schedule is 3.4 MB).
pub(crate) const DEFAULT_MAX_INPUT: u64 = 64 * 1024 * 1024;

static MAX_INPUT: AtomicU64 = AtomicU64::new(DEFAULT_MAX_INPUT);

/// Sets the limit for this process (`--max-input-size`).
pub(crate) fn set_max_input_size(bytes: u64) {
    MAX_INPUT.store(bytes, Ordering::Relaxed);
}

/// The limit in force.
pub(crate) fn max_input_size() -> u64 {
    MAX_INPUT.load(Ordering::Relaxed)
}

/// Parses a size: a whole number of bytes with an optional `K`, `M` or `G` (powers of 1024).
pub(crate) fn parse_size(text: &str) -> anyhow::Result<u64> {
    let t = text.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let factor: u64 = match unit.trim().to_ascii_uppercase().trim_end_matches('B') {
        "" => 1,
        "K" | "KI" => 1 << 10,
        "M" | "MI" => 1 << 20,
        "G" | "GI" => 1 << 30,
        _ => 0,
    };
    digits
        .parse::<u64>()
        .ok()
        .filter(|_| factor > 0)
        .and_then(|n| n.checked_mul(factor))
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            bad_input(format!(
                "--max-input-size `{text}` is not a size such as 64M, 200M or 1G"
            ))
        })
}

/// Whether `path` names standard input (`-`).
pub(crate) fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// What an input is called in messages and as a schedule's source: `<stdin>` for `-`, else
/// the path.
pub(crate) fn source_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads `path` (`-` for standard input) as text, within the size limit. `what` names the
/// input in messages ("schedule", "profile", "saved plan"); every failure is an
/// [`crate::error::Error::Read`] saying why and what to do.
pub fn read_text(path: &Path, what: &str) -> anyhow::Result<String> {
    let limit = max_input_size();
    let read = open(path, limit).and_then(|(reader, size)| read_utf8(reader, limit, size));
    read.map_err(|reason| {
        crate::error::Error::Read {
            what: what.to_string(),
            path: if is_stdin(path) {
                "standard input".to_string()
            } else {
                path.display().to_string()
            },
            reason,
        }
        .into()
    })
}

/// Why an input is refused for its size.
fn too_big(limit: u64) -> String {
    format!(
        "it is larger than {}; raise the limit with --max-input-size if it is the right file",
        human(limit)
    )
}

/// Standard input, or the file at `path` when it is no folder and not over `limit` bytes; with
/// the size a regular file says it has (0 for anything else), so that its text is read into
/// one allocation of the right size (a 59 MB schedule in 59 MB, not in a 64 MB buffer grown by
/// doubling).
fn open(path: &Path, limit: u64) -> Result<(Box<dyn Read>, u64), String> {
    if is_stdin(path) {
        return Ok((Box::new(std::io::stdin().lock()), 0));
    }
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::IsADirectory => "it is a folder; give a file".to_string(),
        _ => format!("{e}; check the path"),
    })?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("it is a folder; give a file".into());
    }
    if meta.is_file() && meta.len() > limit {
        return Err(too_big(limit));
    }
    let size = if meta.is_file() { meta.len() } else { 0 };
    Ok((Box::new(file), size))
}

/// Everything `reader` gives, as UTF-8 text without a byte-order mark, stopping at once at the
/// limit, at a NUL byte or at a byte that is not UTF-8 (so `/dev/zero` fails within a second).
/// `size` is how long the input says it is (0: unknown); a file that grows meanwhile is still
/// read whole, within the limit.
fn read_utf8(mut reader: Box<dyn Read>, limit: u64, size: u64) -> Result<String, String> {
    let mut bytes = Vec::with_capacity(size.min(limit) as usize);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(match e.kind() {
                    std::io::ErrorKind::IsADirectory => "it is a folder; give a file".to_string(),
                    _ => e.to_string(),
                });
            }
        };
        if bytes.len() as u64 + n as u64 > limit {
            return Err(too_big(limit));
        }
        // A NUL ends the read at once: binary data, however long.
        if let Some(at) = memchr::memchr(0, &chunk[..n]) {
            return Err(format!(
                "byte {} is NUL: it is binary data, not UTF-8 text; give a text file",
                bytes.len() + at
            ));
        }
        // Binary data without a NUL fails at once too: the first chunk is checked on its own
        // (an incomplete character at its end waits for the whole check below).
        if bytes.is_empty()
            && let Err(e) = std::str::from_utf8(&chunk[..n])
            && e.error_len().is_some()
        {
            return Err(format!(
                "byte {} is not UTF-8 text; give a text file saved as UTF-8",
                e.valid_up_to()
            ));
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    // Checked as UTF-8 once, whole (the size is bounded above).
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let e = e.utf8_error();
        if e.error_len().is_none() {
            format!(
                "it ends in the middle of a UTF-8 character (byte {}); is the file cut short?",
                e.valid_up_to()
            )
        } else {
            format!(
                "byte {} is not UTF-8 text; give a text file saved as UTF-8",
                e.valid_up_to()
            )
        }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// `64 MB`, `1.5 GB`, `512 bytes`.
fn human(bytes: u64) -> String {
    const MB: u64 = 1 << 20;
    if bytes >= 1 << 30 {
        format!("{:.1} GB", bytes as f64 / (1u64 << 30) as f64)
    } else if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units_and_nonsense_is_refused() {
        assert_eq!(parse_size("64M").unwrap(), 64 << 20);
        assert_eq!(parse_size("1G").unwrap(), 1 << 30);
        assert_eq!(parse_size("512").unwrap(), 512);
        assert_eq!(parse_size("10kb").unwrap(), 10 << 10);
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bom.ron");
        std::fs::write(&path, "\u{feff}(x: 1)").unwrap();
        assert_eq!(read_text(&path, "schedule").unwrap(), "(x: 1)");
    }

    #[cfg(unix)]
    #[test]
    fn dev_zero_and_dev_urandom_fail_at_once_naming_the_file() {
        for dev in ["/dev/zero", "/dev/urandom"] {
            let err = read_text(Path::new(dev), "profile").unwrap_err();
            let text = format!("{err:#}");
            assert!(text.contains(dev), "{text}");
            assert!(
                matches!(crate::error::kind(&err), Some(crate::error::Error::Read { path, .. }) if path == dev),
                "{text}"
            );
            assert_eq!(crate::error::exit_code(&err), crate::error::EXIT_BAD_INPUT);
        }
    }

    #[test]
    fn nul_bytes_bad_bytes_and_a_cut_character_are_refused_at_their_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.txt");
        let message = |bytes: &[u8]| {
            std::fs::write(&path, bytes).unwrap();
            format!("{:#}", read_text(&path, "schedule").unwrap_err())
        };
        let far = 200_000;
        let mut long = "a".repeat(far).into_bytes();
        long.push(0xff);
        long.extend_from_slice(b"bc");
        assert!(message(&long).contains(&format!("byte {far} is not UTF-8")));
        assert!(message(b"ab\xffcd").contains("byte 2 is not UTF-8"));
        let mut nul = "a".repeat(far).into_bytes();
        nul.push(0);
        assert!(message(&nul).contains(&format!("byte {far} is NUL")));
        let cut = &"é".as_bytes()[..1];
        let mut short = b"abc".to_vec();
        short.extend_from_slice(cut);
        assert!(message(&short).contains("ends in the middle of a UTF-8 character (byte 3)"));
    }

    #[test]
    fn a_multibyte_character_split_across_chunks_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let text = "é".repeat(100_000);
        std::fs::write(&path, &text).unwrap();
        assert_eq!(read_text(&path, "schedule").unwrap(), text);
    }
}
