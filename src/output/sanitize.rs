//! Untrusted text (titles, names, rooms from an organiser's export or a friend's saved plan)
//! shown safely. One rule, [`is_unsafe`], decides which characters must never reach a terminal
//! or a spreadsheet as they are; every channel applies it here:
//!
//! - tables, text, Markdown, `compare`, `check` and every message: [`clean`] (a visible escape
//!   such as `\u{1b}`), table cells through [`clean_cell`];
//! - CSV: [`csv_cell`] ([`clean`], and a formula a spreadsheet would run made text);
//! - JSON: `\u001b`-style escapes (`crate::export::json`, asking [`is_unsafe`]);
//! - iCalendar: U+FFFD (`crate::export::ics::escape`, asking [`is_unsafe`]);
//! - HTML: [`clean`], then HTML's own escapes;
//! - standard error: [`say`], the one way a message is printed;
//! - standard output as a whole: [`Sanitizing`], the same rule on the byte stream, a last
//!   net under every writer.
//!
//! Control characters and terminal escape sequences would otherwise act: an ESC can recolour,
//! move the cursor, retitle the window, write the clipboard (OSC 52) or hide text; a carriage
//! return can overwrite a line; C1 controls (U+009B is a one-character CSI) act like ESC on many
//! terminals; bidirectional overrides and marks reorder what is read. They are replaced by a
//! visible escape, so nothing is lost and nothing acts. Line feeds are kept (cells and abstracts
//! have lines); a tab becomes a space (it breaks table layout).

use std::borrow::Cow;

/// Whether `c` must not reach a terminal or a document as it is: the one rule. C0 controls but
/// the line feed (tab and carriage return included; the writers that need them, iCalendar's
/// CRLF, keep them on their own), DEL, C1 controls (U+0080–U+009F), the bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the invisible
/// direction marks (U+200E, U+200F, U+061C), which can reorder the neutral characters around
/// them as much as an override.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Prints one message on standard error, cleaned ([`clean`]): every warning, note and error
/// `agenda` prints goes through here (`tests/sanitize.rs` checks that nothing else in the
/// source writes to standard error). A standard error that cannot be written is ignored (a
/// message is not worth a panic).
pub fn say(message: impl std::fmt::Display) {
    use std::io::Write;
    let text = message.to_string();
    let _ = writeln!(std::io::stderr().lock(), "{}", clean(&text));
}

/// `text` with every unsafe character replaced by its escape (`\u{1b}`), tabs by a space.
pub fn clean(text: &str) -> Cow<'_, str> {
    let Some(first) = first_unsafe(text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    let mut safe = first;
    for (at, c) in text[first..].char_indices().map(|(i, c)| (i + first, c)) {
        if c != '\t' && !is_unsafe(c) {
            continue;
        }
        out.push_str(&text[safe..at]);
        safe = at + c.len_utf8();
        match c {
            '\t' => out.push(' '),
            c => push_escape(&mut out, c),
        }
    }
    out.push_str(&text[safe..]);
    Cow::Owned(out)
}

/// Appends the visible escape of `c` (`\u{1b}`).
fn push_escape(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// The byte offset of the first character of UTF-8 `bytes` that [`clean`] changes (a tab or an
/// [`is_unsafe`] character), or of an encoding of one cut short by the end of `bytes`; `None`
/// when there is none. A scan of the bytes, not of the characters: the box drawing and the
/// dashes of a table share their first byte with the direction characters, so the scan looks
/// at the bytes after it.
fn first_unsafe(bytes: &[u8]) -> Option<usize> {
    let next = |i: usize| bytes.get(i).copied();
    (0..bytes.len()).find(|&i| match bytes[i] {
        b'\n' => false,
        b if b < 0x20 || b == 0x7f => true,
        // U+0080–U+009F: C2 80–C2 9F.
        0xc2 => next(i + 1).is_none_or(|b| (0x80..=0x9f).contains(&b)),
        // U+061C: D8 9C.
        0xd8 => next(i + 1).is_none_or(|b| b == 0x9c),
        // U+200E, U+200F, U+202A–U+202E: E2 80 8E/8F/AA–AE; U+2066–U+2069: E2 81 A6–A9.
        0xe2 => match (next(i + 1), next(i + 2)) {
            (None, _) | (Some(0x80 | 0x81), None) => true,
            (Some(0x80), Some(b)) => matches!(b, 0x8e | 0x8f | 0xaa..=0xae),
            (Some(0x81), Some(b)) => (0xa6..=0xa9).contains(&b),
            _ => false,
        },
        _ => false,
    })
}

/// Rendered text output (a table, Markdown, CSV) cleaned as a whole before it is written.
pub(crate) fn clean_bytes(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(text) => match clean(&text) {
            Cow::Borrowed(_) => text.into_bytes(),
            Cow::Owned(o) => o.into_bytes(),
        },
        Err(e) => clean(&String::from_utf8_lossy(e.as_bytes()))
            .into_owned()
            .into_bytes(),
    }
}

/// The longest run of characters without a space a table cell keeps on one line: a longer word
/// is broken into lines this long before the table is laid out. The table library splits an
/// overlong word in time quadratic in its length (a 32,000-character word took seconds and
/// gigabytes); pieces of this size keep it linear, and no table is this wide.
pub const CELL_WORD: usize = 256;

/// A table cell: [`clean`], then every word longer than [`CELL_WORD`] characters broken into
/// lines of that many.
pub fn clean_cell(text: String) -> String {
    let text = match clean(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(o) => o,
    };
    let mut run = 0;
    if !text.chars().any(|c| {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        run > CELL_WORD
    }) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / CELL_WORD + 1);
    let mut run = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
        } else if run == CELL_WORD {
            out.push('\n');
            run = 1;
        } else {
            run += 1;
        }
        out.push(c);
    }
    out
}

/// A CSV cell of untrusted text: [`clean`], and when a spreadsheet would run it as a formula
/// (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) prefixed with `'`, as the
/// OWASP guidance on CSV injection says, so that it shows as the text it is. Numbers the tool
/// writes itself (a score of `-1.00`) do not pass through here and stay numbers.
pub fn csv_cell(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = clean(text);
    if formula {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

/// Every cell of a table row, cleaned ([`clean_cell`]).
pub fn clean_row(cells: Vec<String>) -> Vec<String> {
    cells.into_iter().map(clean_cell).collect()
}

/// A writer that applies [`is_unsafe`] to the bytes passing through, keeping tabs and a carriage
/// return directly before a line feed (iCalendar's line end), so that nothing on standard
/// output can carry an escape sequence or a direction override whichever writer made it. A
/// character cut between two writes is held until the next one; bytes that are not UTF-8 become
/// U+FFFD. [`flush`](std::io::Write::flush) writes what is held.
pub struct Sanitizing<W> {
    inner: W,
    /// The end of the last write that may continue in the next: part of a character, or a
    /// carriage return that a line feed may follow.
    held: Vec<u8>,
}

impl<W> Sanitizing<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Sanitizing {
            inner,
            held: Vec::new(),
        }
    }
}

/// Whether `bytes` may hold something [`Sanitizing`] changes: a control byte (but line feed
/// and tab), DEL, a C1 control, U+061C or a direction character, or the start of one of
/// these cut short at the end. A quick scan of the bytes ([`first_unsafe`]), so that plain
/// output, tables with their box drawing included, is copied as it is.
fn may_be_unsafe(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = first_unsafe(&bytes[from..]).map(|i| i + from) {
        if bytes[at] != b'\t' {
            return true;
        }
        from = at + 1;
    }
    false
}

/// The length of `bytes` without a UTF-8 encoding cut short at its end.
fn complete_prefix(bytes: &[u8]) -> usize {
    for k in 1..=bytes.len().min(3) {
        let b = bytes[bytes.len() - k];
        if b & 0xc0 == 0x80 {
            continue;
        }
        let needs = match b {
            0xf0.. => 4,
            0xe0.. => 3,
            0xc0.. => 2,
            _ => 1,
        };
        return if needs > k {
            bytes.len() - k
        } else {
            bytes.len()
        };
    }
    bytes.len()
}

/// Appends `text` to `out` with every unsafe character escaped; a carriage return is kept
/// before a line feed, and a final one is returned as held (its next byte is not known yet).
fn escape_into(out: &mut String, text: &str, last: bool) -> bool {
    let mut safe = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\t' || !is_unsafe(c) {
            continue;
        }
        out.push_str(&text[safe..at]);
        safe = at + c.len_utf8();
        match c {
            '\r' if chars.peek().map(|&(_, n)| n) == Some('\n') => out.push(c),
            '\r' if chars.peek().is_none() && !last => return true,
            c => push_escape(out, c),
        }
    }
    out.push_str(&text[safe..]);
    false
}

impl<W: std::io::Write> Sanitizing<W> {
    /// Cleans `bytes` (after what was held) and writes them; `last` when nothing follows.
    fn pass(&mut self, buf: &[u8], last: bool) -> std::io::Result<()> {
        if self.held.is_empty() && !may_be_unsafe(buf) {
            // A character cut by the end of this write waits for the rest, so that a write
            // that must be cleaned never starts in the middle of one.
            let whole = complete_prefix(buf);
            self.held.extend_from_slice(&buf[whole..]);
            return self.inner.write_all(&buf[..whole]);
        }
        let mut bytes = std::mem::take(&mut self.held);
        bytes.extend_from_slice(buf);
        let mut out = String::with_capacity(bytes.len() + 16);
        let mut rest = bytes.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    if escape_into(&mut out, text, last) {
                        self.held.push(b'\r');
                    }
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // `good` is UTF-8 up to `valid_up_to`, so this cannot fail.
                    let good = std::str::from_utf8(good).unwrap_or_default();
                    escape_into(&mut out, good, true);
                    match e.error_len() {
                        None if !last => {
                            self.held.extend_from_slice(bad);
                            break;
                        }
                        None => {
                            out.push('\u{fffd}');
                            break;
                        }
                        Some(n) => {
                            out.push('\u{fffd}');
                            rest = &bad[n..];
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: std::io::Write> std::io::Write for Sanitizing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pass(buf, false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.held.is_empty() {
            self.pass(&[], true)?;
        }
        self.inner.flush()
    }
}

/// `word` as one word of a POSIX shell command to copy: as it stands when it holds only
/// letters, digits and `/._-:~+=@,%`, else in single quotes (a `'` inside as `'\''`); cleaned
/// of control characters either way.
pub fn shell_word(word: &str) -> String {
    let word = clean(word);
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-:~+=@,%".contains(c));
    if plain {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_a_shell_would_split_or_expand_them() {
        assert_eq!(shell_word("plans/me.ron"), "plans/me.ron");
        assert_eq!(
            shell_word("https://fosdem.org/2025/schedule/xml"),
            "https://fosdem.org/2025/schedule/xml"
        );
        assert_eq!(shell_word("My Plans/me.ron"), "'My Plans/me.ron'");
        assert_eq!(
            shell_word("https://x.org/s?a=1&b=2"),
            "'https://x.org/s?a=1&b=2'"
        );
        assert_eq!(shell_word("it's.ron"), "'it'\\''s.ron'");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
        assert_eq!(shell_word(""), "''");
    }

    use std::io::Write;

    #[test]
    fn escapes_and_controls_become_visible_and_plain_text_is_untouched() {
        assert_eq!(clean("\u{1b}[31mred\u{7}"), "\\u{1b}[31mred\\u{7}");
        assert_eq!(clean("over\rwrite"), "over\\u{d}write");
        assert_eq!(clean("a\u{9b}b"), "a\\u{9b}b");
        assert_eq!(clean("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(clean("two\nlines\tand tab"), "two\nlines and tab");
        assert!(matches!(clean("Grüße, 東京"), Cow::Borrowed(_)));
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_text() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://evil.example/\",\"click\")"),
            "'=HYPERLINK(\"http://evil.example/\",\"click\")"
        );
        assert_eq!(
            csv_cell("@SUM(1+1)*cmd|' /C calc'!A0"),
            "'@SUM(1+1)*cmd|' /C calc'!A0"
        );
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("\tx"), "' x");
        assert_eq!(csv_cell("\rx"), "'\\u{d}x");
        assert_eq!(csv_cell("a = b"), "a = b");
        assert_eq!(csv_cell("a\u{9b}"), "a\\u{9b}");
    }

    #[test]
    fn a_table_cell_breaks_overlong_words_only() {
        let word = "x".repeat(CELL_WORD * 3 + 5);
        let cell = clean_cell(format!("a {word} b"));
        let lines: Vec<&str> = cell.split('\n').collect();
        assert_eq!(lines.len(), 4, "{cell}");
        assert!(lines.iter().all(|l| l.chars().count() <= CELL_WORD + 2));
        assert_eq!(cell.replace('\n', ""), format!("a {word} b"));
        let short = format!("{} {}", "y".repeat(CELL_WORD), "z".repeat(CELL_WORD));
        assert_eq!(clean_cell(short.clone()), short);
        assert_eq!(clean_cell("\u{9b}x".into()), "\\u{9b}x");
    }

    #[test]
    fn the_stream_escapes_control_bytes_and_keeps_crlf() {
        let mut out = Sanitizing::new(Vec::new());
        out.write_all(b"A\x1b]0;title\x07B\r\nC\rD\n").unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            "A\\u{1b}]0;title\\u{7}B\r\nC\\u{d}D\n"
        );
    }

    #[test]
    fn the_stream_escapes_c1_and_direction_characters_even_cut_between_writes() {
        let text = "a\u{9b}31m b\u{202e}c \u{85}d — é\r\n";
        let whole = {
            let mut out = Sanitizing::new(Vec::new());
            out.write_all(text.as_bytes()).unwrap();
            out.flush().unwrap();
            String::from_utf8(out.inner).unwrap()
        };
        assert_eq!(whole, "a\\u{9b}31m b\\u{202e}c \\u{85}d — é\r\n");
        // Every way of cutting the bytes in two writes gives the same output.
        for cut in 0..=text.len() {
            let mut out = Sanitizing::new(Vec::new());
            out.write_all(&text.as_bytes()[..cut]).unwrap();
            out.write_all(&text.as_bytes()[cut..]).unwrap();
            out.flush().unwrap();
            assert_eq!(String::from_utf8(out.inner).unwrap(), whole, "cut at {cut}");
        }
        // Bytes that are not UTF-8 (a lone 8-bit CSI) and a carriage return at the very end.
        let mut out = Sanitizing::new(Vec::new());
        out.write_all(b"x\x9b[2Jy\r").unwrap();
        out.flush().unwrap();
        assert_eq!(String::from_utf8(out.inner).unwrap(), "x\u{fffd}[2Jy\\u{d}");
    }

    #[test]
    fn the_quick_scan_finds_exactly_what_the_rule_names() {
        // Every character sharing a first byte with one the rule names, and the rule's own.
        let near = (0x80..0x800)
            .chain(0x600..0x640)
            .chain(0x2000..0x2100)
            .filter_map(char::from_u32)
            .chain(['\0', '\t', '\n', '\r', '\u{1b}', '\u{7f}', 'a', '東']);
        for c in near {
            let text = format!("ab{c}cd");
            let changed = c == '\t' || is_unsafe(c);
            assert_eq!(first_unsafe(text.as_bytes()), changed.then_some(2), "{c:?}");
            assert_eq!(matches!(clean(&text), Cow::Owned(_)), changed, "{c:?}");
            let mut out = Sanitizing::new(Vec::new());
            out.write_all(text.as_bytes()).unwrap();
            out.flush().unwrap();
            let expected = if c == '\t' {
                text.clone()
            } else {
                clean(&text).into_owned()
            };
            assert_eq!(String::from_utf8(out.inner).unwrap(), expected, "{c:?}");
        }
    }

    #[test]
    fn a_table_cut_inside_a_character_between_writes_is_written_whole() {
        let text = "┌─┐ 東京 Grüße \u{1b}[2J │\n";
        for cut in 0..=text.len() {
            let mut out = Sanitizing::new(Vec::new());
            out.write_all(&text.as_bytes()[..cut]).unwrap();
            out.write_all(&text.as_bytes()[cut..]).unwrap();
            out.flush().unwrap();
            assert_eq!(
                String::from_utf8(out.inner).unwrap(),
                "┌─┐ 東京 Grüße \\u{1b}[2J │\n",
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn the_rule_names_controls_and_direction_characters_only() {
        for c in [
            '\0', '\u{7}', '\u{1b}', '\r', '\t', '\u{7f}', '\u{85}', '\u{9b}', '\u{61c}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in [
            '\u{200e}', '\u{200f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in ['\n', ' ', 'a', 'é', '—', '東', '\u{200d}', '\u{a0}', 'ا'] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }
}
