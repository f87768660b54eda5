//! A schedule's fingerprint: FNV-1a (64 bit) of its canonical RON text. Saved plans, `diff`
//! and plan JSON name the schedule they were made on by it; the download cache keys URLs by
//! the same hash.
//!
//! The text is the one [`super::ron_format::write`] writes (through the `ron` crate), but the
//! hash writes it itself: `ron` escapes strings one character at a time, which made the hash a
//! sixth of `plan` on FOSDEM. The two texts are byte-identical; the tests compare them on
//! every schedule at hand and on generated ones.

use super::{Kind, Schedule, Session};
use std::fmt::Write;

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
fn write_canonical(schedule: &Schedule, out: &mut impl Write) -> std::fmt::Result {
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
fn write_session(out: &mut impl Write, s: &Session) -> std::fmt::Result {
    out.write_str("        (\n")?;
    field_str(out, 3, "id", &s.id)?;
    writeln!(out, "            date: \"{}\",", s.date.format("%Y-%m-%d"))?;
    writeln!(out, "            start: \"{}\",", s.start.format("%H:%M"))?;
    writeln!(out, "            minutes: {},", s.minutes)?;
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

/// Four spaces per level.
fn indent(out: &mut impl Write, depth: usize) -> std::fmt::Result {
    for _ in 0..depth {
        out.write_str("    ")?;
    }
    Ok(())
}

/// `name: "value",` on its own line.
fn field_str(out: &mut impl Write, depth: usize, name: &str, value: &str) -> std::fmt::Result {
    indent(out, depth)?;
    out.write_str(name)?;
    out.write_str(": ")?;
    quoted(out, value)?;
    out.write_str(",\n")
}

/// `name: Some("value"),`; `name: None,` when `value` is `None` and `none_too`, else nothing.
fn field_option(
    out: &mut impl Write,
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
            quoted(out, value)?;
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
    out: &mut impl Write,
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
        quoted(out, item)?;
        out.write_str(",\n")?;
    }
    indent(out, depth)?;
    out.write_str("],\n")
}

/// `value` in double quotes, every character escaped as [`char::escape_debug`] escapes it.
/// Printable ASCII other than quotes and backslash is never escaped, so runs of it are written
/// whole; every other character goes through `escape_debug` itself.
fn quoted(out: &mut impl Write, value: &str) -> std::fmt::Result {
    out.write_char('"')?;
    let mut rest = value;
    while !rest.is_empty() {
        let plain = rest
            .bytes()
            .position(|b| !(b' '..=b'~').contains(&b) || matches!(b, b'"' | b'\'' | b'\\'))
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

/// FNV-1a, 64 bit.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hasher = Fnv1a64::default();
    hasher.add(bytes);
    hasher.0
}

/// FNV-1a (64 bit) of everything written to it.
struct Fnv1a64(u64);

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a64 {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
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

    /// The hash's own writer and `ron` write the same text for `schedule`.
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
    }

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
