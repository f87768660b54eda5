//! HTML to plain text for abstracts: tags removed, block elements turned into line breaks,
//! character references decoded, whitespace tidied.
//!
//! Text without any tag is taken as plain text (pretalx abstracts are Markdown): only its
//! character references are decoded and its ends trimmed, so its line breaks survive.

use std::borrow::Cow;

/// Plain text of an abstract that may be HTML.
pub fn to_text(input: &str) -> String {
    if !looks_like_html(input) {
        // Most abstracts have no carriage return and no reference: nothing to copy for them.
        let text = if memchr::memchr(b'\r', input.as_bytes()).is_some() {
            Cow::Owned(input.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(input)
        };
        return decoded(&text).trim().to_string();
    }
    let mut text = String::with_capacity(input.len());
    let mut rest = input;
    // In HTML a line break in the source is only a space; breaks come from the tags.
    let push_text = |text: &mut String, s: &str| {
        let mut rest = s;
        while let Some(at) = memchr::memchr2(b'\r', b'\n', rest.as_bytes()) {
            text.push_str(&rest[..at]);
            text.push(' ');
            rest = &rest[at + 1..];
        }
        text.push_str(rest);
    };
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        push_text(&mut text, &rest[..lt]);
        let after = &rest[lt..];
        if !starts_tag(after) {
            text.push('<');
            rest = &after[1..];
            continue;
        }
        if let Some(body) = after.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |end| &body[end + 3..]);
            continue;
        }
        let end = tag_end(after);
        let name = tag_name(&after[1..end]);
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(name.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(name)
        };
        rest = &after[end..];
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = find_ignore_case(rest, &close).map_or("", |i| &rest[i + tag_end(&rest[i..])..]);
            continue;
        }
        match &*name {
            "br" | "tr" | "/tr" => text.push('\n'),
            "p" | "/p" | "div" | "/div" | "ul" | "/ul" | "ol" | "/ol" | "blockquote"
            | "/blockquote" | "pre" | "/pre" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "/h1"
            | "/h2" | "/h3" | "/h4" | "/h5" | "/h6" => text.push_str("\n\n"),
            "li" => text.push_str("\n- "),
            "td" | "th" => text.push(' '),
            _ => {}
        }
    }
    push_text(&mut text, rest);
    tidy(&decoded(&text))
}

/// [`decode_entities`], without a copy when there is no `&`.
fn decoded(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', text.as_bytes()).is_some() {
        Cow::Owned(decode_entities(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether the text holds at least one tag, comment or closing tag.
fn looks_like_html(text: &str) -> bool {
    memchr::memchr_iter(b'<', text.as_bytes()).any(|i| starts_tag(&text[i..]))
}

/// Whether `s` (starting with `<`) opens a tag: `<a`, `</a`, `<!`.
fn starts_tag(s: &str) -> bool {
    let mut chars = s.chars().skip(1);
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '!' => true,
        Some('/') => chars.next().is_some_and(|c| c.is_ascii_alphabetic()),
        _ => false,
    }
}

/// The byte index just past the `>` closing the tag that starts `s`, skipping quoted values.
fn tag_end(s: &str) -> usize {
    // Byte by byte: quotes and `>` are ASCII, and no byte of another character is one.
    let mut quote = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The name of a tag from its inside, as written (`p class="x"` → `p`, `/p` → `/p`, `br/` →
/// `br`): ASCII letters, digits, `/` and `!`.
fn tag_name(inside: &str) -> &str {
    let end = inside
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'/' || b == b'!'))
        .unwrap_or(inside.len());
    inside[..end].trim_end_matches('/')
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .to_ascii_lowercase()
        .find(&needle.to_ascii_lowercase())
}

/// Collapses runs of blanks, trims each line, keeps at most one empty line in a row, and drops
/// empty lines at both ends.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Whether a line was written, and whether an empty line waits for a next non-empty one.
    let (mut written, mut empty_waits) = (false, false);
    let double_space = memchr::memmem::Finder::new("  ");
    let mut starts = 0;
    // `split('\n')`, by `memchr`.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for end in ends {
        let line = &text[starts..end];
        starts = end + 1;
        // Most lines have no blank but the space: their words are what lies between spaces,
        // and a line without a double space is its own words once trimmed.
        let spaced = only_spaces(line).then(|| line.trim_matches(' '));
        let empty = match spaced {
            Some(line) => line.is_empty(),
            None => Words::of(line).next().is_none(),
        };
        if empty {
            empty_waits = written;
            continue;
        }
        if written {
            out.push('\n');
        }
        if empty_waits {
            out.push('\n');
            empty_waits = false;
        }
        written = true;
        match spaced {
            Some(line) if double_space.find(line.as_bytes()).is_none() => {
                out.push_str(line);
            }
            Some(line) => push_words(&mut out, line.split(' ').filter(|w| !w.is_empty())),
            None => push_words(&mut out, Words::of(line)),
        }
    }
    out
}

/// Pushes `words` with one space between each two.
fn push_words<'a>(out: &mut String, mut words: impl Iterator<Item = &'a str>) {
    if let Some(first) = words.next() {
        out.push_str(first);
    }
    for w in words {
        out.push(' ');
        out.push_str(w);
    }
}

/// Whether the only blank (`char::is_whitespace`) in `line` is the space: no tab, carriage
/// return, vertical tab or form feed, and none of the blanks beyond ASCII (each begins with the
/// byte 0xC2, 0xE1, 0xE2 or 0xE3; most such bytes begin other characters, which are looked at).
fn only_spaces(line: &str) -> bool {
    let bytes = line.as_bytes();
    if memchr::memchr3(b'\t', b'\r', 0x0b, bytes).is_some() || memchr::memchr(0x0c, bytes).is_some()
    {
        return false;
    }
    let unicode_blank = |at: usize| line[at..].chars().next().is_some_and(char::is_whitespace);
    !(memchr::memchr3_iter(0xc2, 0xe1, 0xe2, bytes).any(unicode_blank)
        || memchr::memchr_iter(0xe3, bytes).any(unicode_blank))
}

/// The words of a line as [`str::split_whitespace`] gives them, an ASCII line byte by byte
/// (most lines: no character to decode).
enum Words<'a> {
    Ascii { line: &'a str, at: usize },
    Unicode(std::str::SplitWhitespace<'a>),
}

impl<'a> Words<'a> {
    fn of(line: &'a str) -> Self {
        if line.is_ascii() {
            Words::Ascii { line, at: 0 }
        } else {
            Words::Unicode(line.split_whitespace())
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Unicode(words) => words.next(),
            Words::Ascii { line, at } => {
                // ASCII whitespace as `char::is_whitespace` has it (vertical tab included).
                let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
                let bytes = line.as_bytes();
                while *at < bytes.len() && blank(bytes[*at]) {
                    *at += 1;
                }
                let start = *at;
                while *at < bytes.len() && !blank(bytes[*at]) {
                    *at += 1;
                }
                (start < *at).then(|| &line[start..*at])
            }
        }
    }
}

/// Decodes numeric (`&#233;`, `&#xE9;`) and named (`&amp;`, `&eacute;`, every HTML5 name)
/// references; anything else is kept as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after
            .find(';')
            .filter(|&semi| semi > 0 && semi <= LONGEST_NAME)
            .and_then(|semi| entity(&after[..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                match c {
                    Decoded::Char(c) => out.push(c),
                    Decoded::Text(t) => out.push_str(t),
                }
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The longest reference name looked up, `#` included (HTML5's longest has 31 characters).
const LONGEST_NAME: usize = 32;

/// What a character reference stands for.
enum Decoded {
    Char(char),
    Text(&'static str),
}

fn entity(name: &str) -> Option<Decoded> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).map(Decoded::Char);
    }
    // Plain text has no use for a no-break space or a soft hyphen: a space, and nothing.
    match name {
        "nbsp" => Some(Decoded::Text(" ")),
        "shy" => Some(Decoded::Text("")),
        _ => quick_xml::escape::resolve_html5_entity(name).map(Decoded::Text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A tag ends at the first `>` outside quotes, counted in characters as in bytes.
        #[test]
        fn a_tag_ends_at_its_first_unquoted_closing_bracket(
            inside in "[a>\"'é€ =]{0,16}",
        ) {
            let tag = format!("<{inside}");
            let mut quote = None;
            let mut end = tag.len();
            for (i, c) in tag.char_indices().skip(1) {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, '>') => {
                        end = i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(tag_end(&tag), end);
        }

        /// Plain text (no tag) is copied only where it must be, to the same text: line ends
        /// made `\n`, references decoded, ends trimmed.
        #[test]
        fn plain_text_reads_as_with_every_copy_made(
            input in "[a \r\n&;#x3eampé<]{0,24}",
        ) {
            proptest::prop_assume!(!looks_like_html(&input));
            let every_copy = decode_entities(&input.replace("\r\n", "\n").replace('\r', "\n"))
                .trim()
                .to_string();
            proptest::prop_assert_eq!(to_text(&input), every_copy);
            proptest::prop_assert_eq!(decoded(&input), decode_entities(&input));
        }

        /// Tidying keeps the words of each line as `split_whitespace` has them, lines with
        /// spaces only (the quick way) and lines with other blanks alike.
        #[test]
        fn tidy_keeps_the_words_split_whitespace_finds(
            text in "[a \t\r\n\x0b\x0c\u{85}\u{a0}\u{1680}\u{2003}\u{2019}\u{2028}\u{3000}\u{3001}é.]{0,40}",
        ) {
            proptest::prop_assert_eq!(tidy(&text), tidy_by_split_whitespace(&text));
        }

        #[test]
        fn ascii_lines_split_into_words_as_split_whitespace_does(
            line in "[a-z \t\r\x0b\x0c\u{a0}\u{2003}é.]{0,30}",
        ) {
            let words: Vec<&str> = Words::of(&line).collect();
            let reference: Vec<&str> = line.split_whitespace().collect();
            proptest::prop_assert_eq!(words, reference);
        }
    }

    /// [`tidy`] by its rule alone: each line's words (`split_whitespace`) joined by a space,
    /// at most one empty line in a row, none at either end.
    fn tidy_by_split_whitespace(text: &str) -> String {
        let lines: Vec<String> = text
            .split('\n')
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        let mut out: Vec<&str> = Vec::new();
        for line in &lines {
            if !line.is_empty() || out.last().is_some_and(|l| !l.is_empty()) {
                out.push(line);
            }
        }
        while out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        out.join("\n")
    }

    #[test]
    fn paragraphs_become_lines_and_tags_vanish() {
        assert_eq!(
            to_text("<p>FOSDEM <b>welcome</b> talk.</p>\n<p>Join us &amp; enjoy.</p>"),
            "FOSDEM welcome talk.\n\nJoin us & enjoy."
        );
    }

    #[test]
    fn lists_links_and_comments() {
        assert_eq!(
            to_text("<ul><li>one</li><li><a href=\"x?a>b\">two</a></li></ul><!-- hidden -->"),
            "- one\n- two"
        );
    }

    #[test]
    fn scripts_are_dropped_and_a_lone_less_than_is_kept() {
        assert_eq!(
            to_text("<div>a < b<script>alert(1)</script></div>"),
            "a < b"
        );
    }

    #[test]
    fn blank_runs_collapse_and_empty_lines_keep_at_most_one_in_a_row() {
        assert_eq!(tidy("\n \n  a \t b  \n\n\n\n c\n \n\n"), "a b\n\nc");
        assert_eq!(tidy(" \n\n "), "");
        assert_eq!(tidy("x\ny"), "x\ny");
    }

    #[test]
    fn named_references_are_html5s_with_a_plain_space_and_no_soft_hyphen() {
        // The names the reader has always known, each with what it stands for.
        let known = [
            ("amp", "&"),
            ("lt", "<"),
            ("gt", ">"),
            ("quot", "\""),
            ("apos", "'"),
            ("nbsp", " "),
            ("ndash", "\u{2013}"),
            ("mdash", "\u{2014}"),
            ("hellip", "\u{2026}"),
            ("lsquo", "\u{2018}"),
            ("rsquo", "\u{2019}"),
            ("ldquo", "\u{201C}"),
            ("rdquo", "\u{201D}"),
            ("laquo", "\u{AB}"),
            ("raquo", "\u{BB}"),
            ("bull", "\u{2022}"),
            ("middot", "\u{B7}"),
            ("copy", "\u{A9}"),
            ("reg", "\u{AE}"),
            ("trade", "\u{2122}"),
            ("euro", "\u{20AC}"),
            ("times", "\u{D7}"),
            ("shy", ""),
        ];
        for (name, text) in known {
            assert_eq!(
                decode_entities(&format!("a&{name};b")),
                format!("a{text}b"),
                "{name}"
            );
        }
        // Any other HTML5 name, the longest included; unknown or unfinished ones stay.
        assert_eq!(
            decode_entities("caf&eacute; &hearts; &CounterClockwiseContourIntegral;"),
            "caf\u{E9} \u{2665} \u{2233}"
        );
        assert_eq!(
            decode_entities("&bogus; &amp &eacute &#xZZ; &;"),
            "&bogus; &amp &eacute &#xZZ; &;"
        );
    }

    #[test]
    fn plain_text_keeps_its_line_breaks() {
        assert_eq!(
            to_text("one\n\ntwo &#233;&#xE9; &bogus; AT&T"),
            "one\n\ntwo éé &bogus; AT&T"
        );
    }
}
