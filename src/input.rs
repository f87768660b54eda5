//! Reading input files with a bound: schedules, profiles and saved plans.
//!
//! Every input is read through [`read_text_within`], which stops at the size limit it is given
//! (a [`ReadLimit`]: 64 MB unless `--max-input-size` says otherwise) and at the first byte that cannot be text (a NUL, invalid
//! UTF-8), so `/dev/zero`, `/dev/urandom` or an endless pipe fail at once (exit code 2) and
//! never fill memory. A byte-order mark at the start is dropped.
//!
//! iCalendar files fold long lines every 75 bytes, and some writers fold in the middle of a
//! UTF-8 character (JRES 2022's schedule does). Folding is undone on the bytes, as RFC 5545
//! defines it, before the text is decoded: see `rejoin_folded_characters`.

use crate::error::bad_input;
use std::io::Read;
use std::path::Path;

/// The default limit on one input: 64 MB (FOSDEM's whole schedule is 3.4 MB).
pub(crate) const DEFAULT_MAX_INPUT: u64 = 64 * 1024 * 1024;

/// The limit on the size of one input, in bytes (`--max-input-size`), passed to every reader
/// that takes a file from the user. The default is 64 MB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadLimit(pub u64);

impl Default for ReadLimit {
    fn default() -> Self {
        ReadLimit(DEFAULT_MAX_INPUT)
    }
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
    read_text_within(path, what, ReadLimit::default())
}

/// [`read_text`] within `limit` instead of the default.
pub fn read_text_within(path: &Path, what: &str, limit: ReadLimit) -> anyhow::Result<String> {
    let limit = limit.0;
    let read = open(path, limit).and_then(|(opened, size)| read_opened(opened, limit, size));
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
fn open(path: &Path, limit: u64) -> Result<(Opened, u64), String> {
    if is_stdin(path) {
        return Ok((Opened::Stream(Box::new(std::io::stdin().lock())), 0));
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
    if meta.is_file() && meta.len() > 0 {
        Ok((Opened::File(file), meta.len()))
    } else {
        Ok((Opened::Stream(Box::new(file)), 0))
    }
}

/// An input [`open`] opened: read as a stream, or a regular file of a known size.
enum Opened {
    Stream(Box<dyn Read>),
    File(std::fs::File),
}

/// The text of what [`open`] opened (`size`: what it said the size is).
fn read_opened(opened: Opened, limit: u64, size: u64) -> Result<String, String> {
    match opened {
        Opened::Stream(reader) => read_utf8(reader, limit),
        Opened::File(file) => read_file_utf8(file, limit, size, READ_IN_TWO_FROM),
    }
}

/// Everything `reader` gives, as UTF-8 text without a byte-order mark, stopping at once at the
/// limit, at a NUL byte or at a byte that is not UTF-8 (so `/dev/zero` fails within a second).
fn read_utf8(mut reader: Box<dyn Read>, limit: u64) -> Result<String, String> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_failed(&e)),
        };
        if bytes.len() as u64 + n as u64 > limit {
            return Err(too_big(limit));
        }
        refuse_chunk(&chunk[..n], bytes.len())?;
        bytes.extend_from_slice(&chunk[..n]);
    }
    decode(bytes)
}

/// How much is read at a time from an input of unknown size, and how much of any input is
/// checked on its own before the rest (see [`refuse_chunk`]).
const CHUNK: usize = 64 * 1024;

/// From this size on, a regular file is read in two halves at once (see [`read_file_utf8`]).
const READ_IN_TWO_FROM: u64 = 1 << 20;

/// [`read_utf8`] for a regular file that says it has `size` bytes: read straight into one
/// allocation of that size (not through a chunk copied on), then refused for the same reasons
/// in the same order as a file read chunk by chunk (a regular file's first read is its first
/// [`CHUNK`]). A file that grows meanwhile is read whole, within the limit.
///
/// From `in_two_from` bytes on, its second half is read on a second thread while this one reads
/// the first: most of a read from the page cache is the system mapping the fresh allocation's
/// pages, a page at a time (FOSDEM 2025's 3.4 MB: 840 pages, about 1.5 ms), which two threads
/// do side by side. A file that turns out shorter than it said is read again in one piece.
fn read_file_utf8(
    mut file: std::fs::File,
    limit: u64,
    size: u64,
    in_two_from: u64,
) -> Result<String, String> {
    let known = size.min(limit);
    let mut bytes = if known >= in_two_from {
        // Zeroed by the allocator as the system gives them, not written here: the pages are
        // first touched by the reading threads.
        vec![0; known as usize]
    } else {
        Vec::with_capacity(known as usize)
    };
    if !bytes.is_empty() {
        match read_in_two(&file, &mut bytes) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => bytes.clear(),
            Err(e) => return Err(read_failed(&e)),
        }
        // On after what was read (reading at an offset leaves the file's position as it was).
        use std::io::Seek;
        file.seek(std::io::SeekFrom::Start(bytes.len() as u64))
            .map_err(|e| read_failed(&e))?;
    }
    // The rest (a file that grew), or all of it: one byte past the limit at most.
    file.take(limit.saturating_add(1) - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| read_failed(&e))?;
    refuse_chunk(&bytes[..bytes.len().min(CHUNK)], 0)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(limit));
    }
    // `decode` finds a NUL anywhere, at the same byte as the chunk by chunk check would.
    decode(bytes)
}

/// Fills `bytes` from the start of `file`: its first half here, its second on another thread.
#[cfg(unix)]
fn read_in_two(file: &std::fs::File, bytes: &mut [u8]) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    let half = bytes.len() / 2;
    let (first, second) = bytes.split_at_mut(half);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| file.read_exact_at(second, half as u64));
        let earlier = file.read_exact_at(first, 0);
        let later = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        earlier.and(later)
    })
}

/// Fills `bytes` from the start of `file`, in one piece where reading at an offset is not
/// to hand.
#[cfg(not(unix))]
fn read_in_two(mut file: &std::fs::File, bytes: &mut [u8]) -> std::io::Result<()> {
    file.read_exact(bytes)
}

/// Why reading failed.
fn read_failed(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::IsADirectory => "it is a folder; give a file".to_string(),
        _ => e.to_string(),
    }
}

/// Refuses a chunk read at byte `at` of the input that holds a NUL, or, when it is the first,
/// a byte that is not UTF-8, so that binary data fails at once, however long.
fn refuse_chunk(chunk: &[u8], at: usize) -> Result<(), String> {
    if let Some(nul) = memchr::memchr(0, chunk) {
        return Err(nul_at(at + nul));
    }
    // An incomplete character at the chunk's end waits for the whole check in `decode`.
    if at == 0
        && !is_calendar(chunk)
        && let Err(e) = std::str::from_utf8(chunk)
        && e.error_len().is_some()
    {
        return Err(format!(
            "byte {} is not UTF-8 text; give a text file saved as UTF-8",
            e.valid_up_to()
        ));
    }
    Ok(())
}

/// Why a text with a NUL at byte `at` is refused.
fn nul_at(at: usize) -> String {
    format!("byte {at} is NUL: it is binary data, not UTF-8 text; give a text file")
}

/// `bytes` as text, by the one rule for every input, read from a file or downloaded: no NUL
/// byte, UTF-8 (an iCalendar fold inside a character undone first), a byte-order mark dropped.
/// The error says where the first bad byte is.
pub(crate) fn decode(mut bytes: Vec<u8>) -> Result<String, String> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(nul_at(at));
    }
    if is_calendar(&bytes) && std::str::from_utf8(&bytes).is_err() {
        bytes = rejoin_folded_characters(&bytes);
    }
    // Checked as UTF-8 once, whole (the size is bounded above).
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        if e.utf8_error().error_len().is_none() {
            format!("it ends in the middle of a UTF-8 character (byte {valid}); is it cut short?")
        } else {
            let line = memchr::memchr_iter(b'\n', &e.as_bytes()[..valid]).count() + 1;
            format!("byte {valid} is not UTF-8 text (line {line}); give a text file saved as UTF-8")
        }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Whether `bytes` start an iCalendar file: `BEGIN:VCALENDAR` (in any case) after an optional
/// byte-order mark and white space.
pub(crate) fn is_calendar(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..]
        .get(..15)
        .is_some_and(|head| head.eq_ignore_ascii_case(b"BEGIN:VCALENDAR"))
}

/// iCalendar bytes with every character that a fold cut in two put back together.
///
/// A fold is a line break followed by one space or tab; unfolding removes both (RFC 5545,
/// 3.1), on octets, so a writer may fold between the bytes of one UTF-8 character. Such a cut
/// character's first bytes are moved from before the line break to after the space, which
/// leaves the unfolded text the same and every line where it was (so line numbers in messages
/// still point into the file as written).
pub(crate) fn rejoin_folded_characters(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        out.push(b);
        i += 1;
        if b != b'\n' || !matches!(bytes.get(i), Some(b' ' | b'\t')) {
            continue;
        }
        // `out` ends with the line break (`\n`, after any `\r`s): the content before it may
        // end in a cut character.
        let newline = out.len() - 1;
        let content_end = out[..newline]
            .iter()
            .rposition(|&c| c != b'\r')
            .map_or(0, |p| p + 1);
        let cut = incomplete_tail(&out[..content_end]);
        if cut == 0 {
            continue;
        }
        let head: Vec<u8> = out.drain(content_end - cut..content_end).collect();
        out.push(bytes[i]);
        out.extend_from_slice(&head);
        i += 1;
    }
    out
}

/// How many bytes at the end of `bytes` begin a UTF-8 character that is not complete (0 to 3).
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=3.min(bytes.len()) {
        let b = bytes[bytes.len() - back];
        if b & 0xC0 == 0x80 {
            continue; // a continuation byte: look further back for the lead byte
        }
        let length = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return 0,
        };
        return if back < length { back } else { 0 };
    }
    0
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
    fn an_icalendar_fold_inside_a_character_is_undone_before_decoding() {
        // "d’exploitation" folded between the first and second byte of ’ (E2 80 99), with a
        // stray CR before the CRLF as in JRES 2022's file; and é (C3 A9) folded after C3.
        let mut bytes = b"BEGIN:VCALENDAR\r\nDESCRIPTION:d\xE2\r\r\n \x80\x99exploitation".to_vec();
        bytes.extend_from_slice(b" caf\xC3\r\n\t\xA9\r\nEND:VCALENDAR\r\n");
        let fixed = rejoin_folded_characters(&bytes);
        let text = String::from_utf8(fixed).unwrap();
        assert_eq!(
            text,
            "BEGIN:VCALENDAR\r\nDESCRIPTION:d\r\r\n ’exploitation caf\r\n\té\r\nEND:VCALENDAR\r\n"
        );
        // Same number of lines, and the same text once unfolded.
        let unfold = |t: &str| t.replace("\r", "").replace("\n ", "").replace("\n\t", "");
        assert_eq!(
            unfold(&text),
            "BEGIN:VCALENDAR\nDESCRIPTION:d’exploitation café\nEND:VCALENDAR\n"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("folded.ics");
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read_text(&path, "schedule").unwrap(), text);
        // Bytes that are not UTF-8 once unfolded are still refused, with their line.
        std::fs::write(&path, b"BEGIN:VCALENDAR\r\nSUMMARY:caf\xE9\r\n").unwrap();
        let err = format!("{:#}", read_text(&path, "schedule").unwrap_err());
        assert!(err.contains("byte 28 is not UTF-8 text (line 2)"), "{err}");
    }

    #[test]
    fn a_file_read_whole_is_refused_or_read_as_chunk_by_chunk() {
        // Inputs of unknown size are read chunk by chunk; a regular file of known size whole.
        // Both give the same text or the same reason, whatever comes first.
        let far = 3 * CHUNK + 17;
        let with = |at: usize, bad: &[u8]| {
            let mut bytes = "aé".repeat(far / 3 + 1).into_bytes();
            bytes.splice(at..at, bad.iter().copied());
            bytes
        };
        let mut cases = vec![
            Vec::new(),
            b"\xef\xbb\xbfplain".to_vec(),
            "aé".repeat(far).into_bytes(),
        ];
        for at in [0, 10, CHUNK - 1, CHUNK, CHUNK + 1, far] {
            cases.push(with(at, b"\0"));
            cases.push(with(at, b"\xff"));
            cases.push(with(at, b"\xff\0"));
            cases.push(with(at, b"\0\xff"));
        }
        cases.push(with(2, b"\xe2"));
        let mut nul_late = with(10, b"\xff");
        nul_late.push(0);
        cases.push(nul_late);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("input.txt");
        for bytes in cases {
            let chunked = read_utf8(Box::new(std::io::Cursor::new(bytes.clone())), 1 << 30);
            std::fs::write(&path, &bytes).unwrap();
            let (opened, size) = open(&path, 1 << 30).unwrap();
            assert_eq!(size, bytes.len() as u64);
            assert_eq!(
                read_opened(opened, 1 << 30, size),
                chunked,
                "{} bytes",
                bytes.len()
            );
            // Read in two halves at once, however small.
            let file = std::fs::File::open(&path).unwrap();
            assert_eq!(
                read_file_utf8(file, 1 << 30, size, 1),
                chunked,
                "{} bytes in two",
                bytes.len()
            );
        }
        // A file that grew past the limit after it was opened.
        let bytes = "aé".repeat(far).into_bytes();
        std::fs::write(&path, &bytes).unwrap();
        let (opened, size) = open(&path, 1 << 30).unwrap();
        let limit = size - 1;
        assert_eq!(read_opened(opened, limit, size), Err(too_big(limit)));
        let chunked = read_utf8(Box::new(std::io::Cursor::new(bytes)), limit);
        assert_eq!(chunked, Err(too_big(limit)));
    }

    #[test]
    fn a_file_longer_or_shorter_than_it_said_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("input.txt");
        let text = "aé".repeat(40_000);
        std::fs::write(&path, &text).unwrap();
        let said = text.len() as u64;
        for (size, in_two_from) in [(said / 2, 1), (said / 2, u64::MAX), (said * 2, 1), (1, 1)] {
            let file = std::fs::File::open(&path).unwrap();
            assert_eq!(
                read_file_utf8(file, 1 << 30, size, in_two_from),
                Ok(text.clone()),
                "said {size}, in two from {in_two_from}"
            );
        }
        // Grown past the limit: refused, read in two or not.
        for in_two_from in [1, u64::MAX] {
            let file = std::fs::File::open(&path).unwrap();
            let limit = said - 1;
            assert_eq!(
                read_file_utf8(file, limit, said / 2, in_two_from),
                Err(too_big(limit))
            );
        }
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
