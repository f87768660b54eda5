//! A schedule's fingerprint: FNV-1a (64 bit) of its canonical RON text. Saved plans, `diff`
//! and plan JSON name the schedule they were made on by it; the download cache keys URLs by
//! the same hash.
//!
//! The text is the one [`super::ron_format::write`] writes (through the `ron` crate), but the
//! hash writes it itself: `ron` escapes strings one character at a time, which made the hash a
//! sixth of `plan` on FOSDEM. The two texts are byte-identical; the tests compare them on
//! every schedule at hand and on generated ones. The hasher quotes a string in the same pass
//! that hashes it, and dates and times are written without a format string: the hash is a
//! serial chain of multiplications, one per byte, and runs beside the plan on a second core,
//! so every other instruction in it is time the plan may wait for.

use super::{Kind, Schedule, Session};
use chrono::{Datelike, Timelike};
use std::fmt::Write;

/// Where the canonical text goes: any [`Write`], with a way to write a quoted string that a
/// hasher does in one pass.
trait Canonical: Write {
    /// `value` in double quotes, escaped (see [`quoted`]).
    fn quoted(&mut self, value: &str) -> std::fmt::Result {
        quoted(self, value)
    }
}

impl Canonical for String {}

/// A stable hash of a schedule: FNV-1a (64 bit) of its canonical RON text, as
/// `fnv1a64:` and 16 hex digits. The text does not depend on where the schedule was read from
/// or on the platform, so the same schedule always has the same hash.
///
/// The text is hashed as it is written, never held whole (at 100,000 talks it is 59 MB).
pub fn schedule_hash(schedule: &Schedule) -> anyhow::Result<String> {
    let mut hasher = Fnv1a64::default();
    write_canonical(schedule, &mut hasher)?;
    Ok(format!("fnv1a64:{:016x}", hasher.0))
}

/// Writes exactly the text of [`super::ron_format::write`] (`ron`'s pretty layout: four-space
/// indent, no struct names, a comma after every field and element, `[]` for an empty list,
/// strings escaped as [`char::escape_debug`] does) without going through `serde`.
fn write_canonical(schedule: &Schedule, out: &mut impl Canonical) -> std::fmt::Result {
    let conference = &schedule.conference;
    out.write_str("(\n    conference: (\n")?;
    field_str(out, 2, "name", &conference.name)?;
    field_str(out, 2, "time_zone", &conference.time_zone)?;
    field_str(out, 2, "venue", &conference.venue)?;
    field_list(out, 2, "rooms", &conference.rooms)?;
    field_option(out, 2, "url", conference.url.as_deref(), true)?;
    out.write_str("    ),\n")?;
    let day_change = super::ron_format::day_change_for(schedule)
        .filter(|&t| t != super::DEFAULT_DAY_CHANGE)
        .map(|t| t.format("%H:%M").to_string());
    field_option(out, 1, "day_change", day_change.as_deref(), false)?;
    if schedule.sessions.is_empty() {
        out.write_str("    sessions: [],\n")?;
    } else {
        out.write_str("    sessions: [\n")?;
        for session in &schedule.sessions {
            write_session(out, session)?;
        }
        out.write_str("    ],\n")?;
    }
    out.write_str(")\n")
}

/// One session at depth 2, as `WrittenSession` is serialised.
fn write_session(out: &mut impl Canonical, s: &Session) -> std::fmt::Result {
    out.write_str("        (\n")?;
    field_str(out, 3, "id", &s.id)?;
    out.write_str("            date: \"")?;
    date(out, s.date)?;
    out.write_str("\",\n            start: \"")?;
    digits(out, s.start.hour(), 2)?;
    out.write_char(':')?;
    digits(out, s.start.minute(), 2)?;
    out.write_str("\",\n            minutes: ")?;
    digits(out, s.minutes, 1)?;
    out.write_str(",\n")?;
    field_str(out, 3, "room", &s.room)?;
    let kind = match s.kind {
        Kind::Talk => "Talk",
        Kind::Lightning => "Lightning",
        Kind::Opening => "Opening",
        Kind::Closing => "Closing",
        Kind::Break => "Break",
        Kind::Social => "Social",
    };
    writeln!(out, "            kind: {kind},")?;
    field_str(out, 3, "title", &s.title)?;
    if !s.subtitle.is_empty() {
        field_str(out, 3, "subtitle", &s.subtitle)?;
    }
    field_list(out, 3, "speakers", &s.speakers)?;
    if let Some(track) = s.track.as_deref().filter(|t| !t.is_empty()) {
        field_str(out, 3, "track", track)?;
    }
    field_list(out, 3, "topics", &s.topics)?;
    field_str(out, 3, "abstract", &s.abstract_text)?;
    if s.cancelled {
        out.write_str("            cancelled: true,\n")?;
    }
    field_option(out, 3, "url", s.links.page.as_deref(), false)?;
    field_option(out, 3, "video", s.links.video.as_deref(), false)?;
    field_option(out, 3, "chat", s.links.chat.as_deref(), false)?;
    out.write_str("        ),\n")
}

/// `date` as `%Y-%m-%d` formats it: a year of 0 to 9999 in four digits (any other through
/// `chrono` itself), the month and day in two.
fn date(out: &mut impl Write, date: chrono::NaiveDate) -> std::fmt::Result {
    match u32::try_from(date.year()) {
        Ok(year) if year <= 9999 => digits(out, year, 4)?,
        _ => write!(out, "{}", date.format("%Y"))?,
    }
    out.write_char('-')?;
    digits(out, date.month(), 2)?;
    out.write_char('-')?;
    digits(out, date.day(), 2)
}

/// `n` in decimal, padded with zeros to `width` digits at least.
fn digits(out: &mut impl Write, mut n: u32, width: usize) -> std::fmt::Result {
    let mut buffer = [b'0'; 10];
    let mut at = buffer.len();
    while n > 0 || buffer.len() - at < width {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    // Only ASCII digits were written.
    out.write_str(std::str::from_utf8(&buffer[at..]).map_err(|_| std::fmt::Error)?)
}

/// Four spaces per level.
fn indent(out: &mut impl Write, depth: usize) -> std::fmt::Result {
    for _ in 0..depth {
        out.write_str("    ")?;
    }
    Ok(())
}

/// `name: "value",` on its own line.
fn field_str(out: &mut impl Canonical, depth: usize, name: &str, value: &str) -> std::fmt::Result {
    indent(out, depth)?;
    out.write_str(name)?;
    out.write_str(": ")?;
    out.quoted(value)?;
    out.write_str(",\n")
}

/// `name: Some("value"),`; `name: None,` when `value` is `None` and `none_too`, else nothing.
fn field_option(
    out: &mut impl Canonical,
    depth: usize,
    name: &str,
    value: Option<&str>,
    none_too: bool,
) -> std::fmt::Result {
    match value {
        Some(value) => {
            indent(out, depth)?;
            out.write_str(name)?;
            out.write_str(": Some(")?;
            out.quoted(value)?;
            out.write_str("),\n")
        }
        None if none_too => {
            indent(out, depth)?;
            out.write_str(name)?;
            out.write_str(": None,\n")
        }
        None => Ok(()),
    }
}

/// `name: [],`, or the list with one string per line, one level deeper.
fn field_list(
    out: &mut impl Canonical,
    depth: usize,
    name: &str,
    items: &[String],
) -> std::fmt::Result {
    indent(out, depth)?;
    out.write_str(name)?;
    if items.is_empty() {
        return out.write_str(": [],\n");
    }
    out.write_str(": [\n")?;
    for item in items {
        indent(out, depth + 1)?;
        out.quoted(item)?;
        out.write_str(",\n")?;
    }
    indent(out, depth)?;
    out.write_str("],\n")
}

/// `value` in double quotes, every character escaped as [`char::escape_debug`] escapes it.
/// Printable ASCII other than quotes and backslash is never escaped, so runs of it are written
/// whole; every other character goes through `escape_debug` itself.
fn quoted(out: &mut (impl Write + ?Sized), value: &str) -> std::fmt::Result {
    out.write_char('"')?;
    let mut rest = value;
    while !rest.is_empty() {
        let plain = rest
            .bytes()
            .position(|b| !PLAIN[usize::from(b)])
            .unwrap_or(rest.len());
        out.write_str(&rest[..plain])?;
        rest = &rest[plain..];
        if let Some(c) = rest.chars().next() {
            for escaped in c.escape_debug() {
                out.write_char(escaped)?;
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out.write_char('"')
}

/// Whether a byte stands for itself in a quoted string: printable ASCII other than `"`, `'`
/// and `\\` (every byte of a multi-byte character is above ASCII, so not plain).
const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = b' ';
    while b <= b'~' {
        table[b as usize] = !matches!(b, b'"' | b'\'' | b'\\');
        b += 1;
    }
    table
};

/// FNV-1a, 64 bit.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hasher = Fnv1a64::default();
    hasher.add(bytes);
    hasher.0
}

/// FNV-1a (64 bit) of `items` as text, one a line: [`fnv1a64`] of their texts joined by
/// `\n`, hashed as each is written, so no text of them is held.
pub fn fnv1a64_lines<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> u64 {
    use std::fmt::Write;
    let mut hasher = Fnv1a64::default();
    for (k, item) in items.into_iter().enumerate() {
        if k > 0 {
            hasher.add(b"\n");
        }
        // Writing into the hasher cannot fail.
        let _ = write!(hasher, "{item}");
    }
    hasher.0
}

/// FNV-1a (64 bit) of everything written to it.
struct Fnv1a64(u64);

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64(0xcbf2_9ce4_8422_2325)
    }
}

/// The FNV-1a 64-bit prime.
const PRIME: u64 = 0x0000_0100_0000_01b3;

impl Fnv1a64 {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }
}

/// Hashes the quoted string as it goes, byte by byte: a plain byte is hashed as it is, any
/// other character is escaped by [`char::escape_debug`] as [`quoted`] does.
impl Canonical for Fnv1a64 {
    fn quoted(&mut self, value: &str) -> std::fmt::Result {
        let bytes = value.as_bytes();
        let mut hash = (self.0 ^ u64::from(b'"')).wrapping_mul(PRIME);
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            if PLAIN[usize::from(b)] {
                hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
                at += 1;
                continue;
            }
            // `at` is a character boundary: only whole characters were stepped over.
            let c = value[at..].chars().next().unwrap_or_default();
            let mut utf8 = [0; 4];
            for escaped in c.escape_debug() {
                for &e in escaped.encode_utf8(&mut utf8).as_bytes() {
                    hash = (hash ^ u64::from(e)).wrapping_mul(PRIME);
                }
            }
            at += c.len_utf8();
        }
        self.0 = (hash ^ u64::from(b'"')).wrapping_mul(PRIME);
        Ok(())
    }
}

impl std::fmt::Write for Fnv1a64 {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.add(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_written_piece_by_piece_is_the_hash_of_the_whole_text() {
        let schedule = crate::schedule::Schedule::embedded().unwrap();
        let text = super::super::ron_format::write(&schedule).unwrap();
        assert_eq!(
            schedule_hash(&schedule).unwrap(),
            format!("fnv1a64:{:016x}", fnv1a64(text.as_bytes()))
        );
    }

    /// The hash's own writer and `ron` write the same text for `schedule`, and the hash is
    /// that text's.
    fn same_text_as_ron(schedule: &Schedule, what: &str) {
        let mut own = String::new();
        write_canonical(schedule, &mut own).unwrap();
        let reference = super::super::ron_format::write(schedule).unwrap();
        if own != reference {
            let at = own
                .bytes()
                .zip(reference.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(own.len().min(reference.len()));
            let from = at.saturating_sub(80);
            panic!(
                "{what}: texts differ at byte {at}:\nown: {:?}\nron: {:?}",
                own.get(from..(at + 80).min(own.len())),
                reference.get(from..(at + 80).min(reference.len()))
            );
        }
        assert_eq!(
            schedule_hash(schedule).unwrap(),
            format!("fnv1a64:{:016x}", fnv1a64(reference.as_bytes())),
            "{what}"
        );
    }

    #[test]
    fn the_hash_writes_the_text_ron_writes_for_every_fixture() {
        same_text_as_ron(&crate::schedule::Schedule::embedded().unwrap(), "embedded");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let fixtures = [
            "tests/fixtures/good.ron",
            "tests/fixtures/nights.ron",
            "tests/fixtures/tracks.ron",
            "tests/fixtures/cancelled/schedule.ron",
            "tests/fixtures/dst/autumn-fold.ron",
            "tests/fixtures/dst/spring-across.ron",
            "tests/fixtures/import/agenda.ron",
            "tests/fixtures/import/likes.xml",
            "tests/fixtures/import/room-spellings.xml",
            "tests/fixtures/import/tiny.xml",
            "tests/fixtures/import/schedule2.json",
            "tests/fixtures/import/edges.ics",
        ];
        for name in fixtures {
            let text = crate::import::read_text(&root.join(name)).unwrap();
            let (schedule, _) = crate::import::read(&text, name).unwrap();
            same_text_as_ron(&schedule, name);
        }
    }

    #[test]
    fn the_hash_writes_the_text_ron_writes_for_every_shared_export() {
        for (name, text) in crate::import::shared_exports(&["xml", "json", "ics"]) {
            let (schedule, _) = crate::import::read(&text, &name).unwrap();
            same_text_as_ron(&schedule, &name);
        }
    }

    #[test]
    fn the_hash_writes_the_text_ron_writes_for_the_edge_cases() {
        let mut schedule = crate::schedule::Schedule::embedded().unwrap();
        schedule.conference.url = None;
        schedule.conference.venue = String::new();
        schedule.conference.name = "quote \" apostrophe ' backslash \\ tab \t nul \0".into();
        let first = &mut schedule.sessions[0];
        first.title = "e\u{301} combining, \u{200b} zero width, \u{a0} nbsp, \u{7f} del".into();
        first.abstract_text =
            "line\nreturn\r\u{1b}[0m \u{fe0f}\u{1F600} \u{10FFFF} \u{e000}".into();
        first.speakers = vec![];
        first.topics = vec!["a".into(), "\u{301}".into()];
        first.track = Some(String::new());
        first.cancelled = true;
        first.links.page = Some("https://example.org/?a='b'".into());
        schedule.sessions[1].track = Some("Rust \"devroom\"".into());
        same_text_as_ron(&schedule, "edge cases");
        schedule.sessions.clear();
        same_text_as_ron(&schedule, "no sessions");
    }

    proptest::proptest! {
        #[test]
        fn the_hash_writes_the_text_ron_writes_for_any_text(
            title in "\\PC*",
            abstract_text in ".*",
            speaker in proptest::collection::vec(proptest::prelude::any::<String>(), 0..3),
            room in proptest::prelude::any::<String>(),
        ) {
            let mut schedule = crate::schedule::Schedule::embedded().unwrap();
            schedule.sessions.truncate(3);
            schedule.sessions[0].title = title;
            schedule.sessions[1].abstract_text = abstract_text;
            schedule.sessions[2].speakers = speaker;
            schedule.sessions[2].room = room.clone();
            schedule.conference.rooms.push(room);
            same_text_as_ron(&schedule, "generated");
        }

        /// The hasher's one-pass quoting hashes the text [`quoted`] writes.
        #[test]
        fn the_hasher_quotes_as_the_text_is_quoted(value in ".*|\\PC*|[\"'\\\\\n\t a\u{301}\u{7f}]*") {
            let mut text = String::new();
            quoted(&mut text, &value).unwrap();
            let mut hasher = Fnv1a64::default();
            Canonical::quoted(&mut hasher, &value).unwrap();
            proptest::prop_assert_eq!(hasher.0, fnv1a64(text.as_bytes()));
        }
    }

    #[test]
    fn dates_and_times_are_written_as_chrono_formats_them() {
        let mut out = String::new();
        for (y, m, d) in [
            (2025, 2, 1),
            (1, 12, 31),
            (0, 1, 1),
            (9999, 9, 9),
            (10000, 1, 1),
            (-5, 3, 4),
            (-12345, 6, 7),
        ] {
            let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            out.clear();
            date(&mut out, day).unwrap();
            assert_eq!(out, day.format("%Y-%m-%d").to_string());
        }
        for n in [0, 7, 10, 99, 1234, u32::MAX] {
            out.clear();
            digits(&mut out, n, 2).unwrap();
            assert_eq!(out, format!("{n:02}"));
        }
    }

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
