//! `agenda on` as plain text: one line per session, to read on a phone or paste into a chat.

use crate::on::{Entry, View, left, until};
use std::io::Write;

/// Writes the lines above the rooms (title, settings, filters, breaks), or what to say when no
/// room has anything on; the table writes the same lines. Whether there are rooms to write.
pub(crate) fn write_preamble(view: &View, out: &mut dyn Write) -> anyhow::Result<bool> {
    writeln!(out, "{}", view.title())?;
    for line in &view.settings {
        writeln!(out, "{line}")?;
    }
    if !view.narrowed.is_empty() {
        writeln!(out, "Only: {}", view.narrowed.join(", "))?;
    }
    for b in view.breaks() {
        writeln!(out, "Break: {b}")?;
    }
    if view.on.rooms.is_empty() {
        writeln!(out, "{}", view.nothing())?;
        return Ok(false);
    }
    Ok(true)
}

/// Writes the header lines, then per room its talk on now and its next one.
pub fn write(view: &View, out: &mut dyn Write) -> anyhow::Result<()> {
    if !write_preamble(view, out)? {
        return Ok(());
    }
    for room in &view.on.rooms {
        if let Some(e) = &room.now {
            line(view, out, &room.room, "now ", e, &left(e.minutes))?;
        }
        if let Some(e) = &room.next {
            line(view, out, &room.room, "next", e, &until(e.minutes))?;
        }
    }
    Ok(())
}

/// `K.1.105 · now  11:00–11:25 (20 min left) · ▶ Title · 3 · rust +3`.
fn line(
    view: &View,
    out: &mut dyn Write,
    room: &str,
    which: &str,
    e: &Entry,
    when: &str,
) -> anyhow::Result<()> {
    let s = &view.schedule.sessions[e.session];
    let mark = if e.in_plan { "▶ " } else { "" };
    let mut text = format!(
        "{room} · {which} {} ({when}) · {mark}{}",
        view.times(e.session),
        s.title
    );
    let for_you = view.for_you(e);
    if !for_you.is_empty() {
        text.push_str(" · ");
        text.push_str(&for_you);
    }
    writeln!(out, "{}", crate::output::clean(&text))?;
    Ok(())
}
