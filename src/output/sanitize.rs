//! Untrusted text (titles, names, rooms from an organiser's export or a friend's saved plan)
//! shown safely: one function, [`clean`], for every text output (tables, Markdown, CSV,
//! `compare`, messages), and [`Sanitizing`], the same rule on a byte stream for standard output.
//!
//! Control characters and terminal escape sequences would otherwise reach the terminal: an ESC
//! can recolour, move the cursor, retitle the window or hide text; a carriage return can
//! overwrite a line; bidirectional overrides can reorder what is read. They are replaced by a
//! visible escape (`\u{1b}`), so nothing is lost and nothing acts. Line feeds are kept (cells
//! and abstracts have lines); a tab becomes a space (it breaks table layout). JSON and
//! iCalendar escape per their own specs instead (serde_json; `crate::export::ics::escape`).

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character replaced by its escape (`\u{1b}`), tabs by a space.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Rendered text output (a table, Markdown, CSV) cleaned as a whole before it is written.
pub(crate) fn clean_bytes(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(text) => match clean(&text) {
            Cow::Borrowed(_) => text.into_bytes(),
            Cow::Owned(o) => o.into_bytes(),
        },
        Err(e) => e.into_bytes(),
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

/// A writer that escapes the ASCII control bytes of what passes through (all but line feed,
/// tab, and a carriage return directly before a line feed, which iCalendar needs), so that
/// no output on a terminal can carry an escape sequence. Multi-byte characters are left to
/// [`clean`], applied where the text is made.
pub struct Sanitizing<W> {
    inner: W,
}

impl<W> Sanitizing<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Sanitizing { inner }
    }
}

impl<W: std::io::Write> std::io::Write for Sanitizing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let unsafe_at = |i: usize| {
            let b = buf[i];
            (b < 0x20
                && b != b'\n'
                && b != b'\t'
                && !(b == b'\r' && buf.get(i + 1) == Some(&b'\n')))
                || b == 0x7f
        };
        if !(0..buf.len()).any(unsafe_at) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut out = Vec::with_capacity(buf.len() + 16);
        for (i, &b) in buf.iter().enumerate() {
            if unsafe_at(i) {
                out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes());
            } else {
                out.push(b);
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
