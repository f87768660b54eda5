//! The agenda as one JSON object (every session with its score, reasons and whether it is
//! chosen), written by [`plan`] in the options' time zone.

pub mod changes;
pub mod friends;
pub mod listing;
pub mod on;
pub mod plan;

use super::{Agenda, ExportOptions, Exporter, Format};
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::Write;

/// The JSON writer.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Json;

impl Exporter<Agenda<'_>> for Json {
    fn write(
        &self,
        agenda: &Agenda,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let view = agenda.plan_view(Format::Json)?;
        plan::write(
            out,
            agenda.schedule,
            view.request,
            view.plan,
            options.day,
            options.zone,
        )
    }
}

/// The JSON view of one session.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct SessionJson {
    /// Stable id.
    pub id: String,
    /// The conference day (1-based) it is listed under.
    pub day: u32,
    /// When it is, in the zone the times are shown in.
    #[serde(flatten)]
    pub when: When,
    /// Length in minutes.
    pub minutes: u32,
    /// Room.
    pub room: String,
    /// Title.
    pub title: String,
    /// Speakers.
    pub speakers: Vec<String>,
    /// talk, lightning, opening, closing, break or social.
    pub kind: &'static str,
    /// Topic tags.
    pub topics: Vec<String>,
    /// The organiser cancelled it (left out when false).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

impl SessionJson {
    /// A session of a schedule in zone `tz`, its times shown in `zone`.
    pub fn shown(
        s: &crate::schedule::Session,
        zone: crate::output::DisplayZone,
        tz: chrono_tz::Tz,
    ) -> Self {
        SessionJson {
            id: s.id.clone(),
            day: s.day,
            when: When::of(s, zone, tz),
            minutes: s.minutes,
            room: s.room.clone(),
            title: s.title.clone(),
            speakers: s.speakers.clone(),
            kind: s.kind.as_str(),
            topics: s.topics.clone(),
            cancelled: s.cancelled,
        }
    }
}

/// A session's date and times as every JSON writer gives them.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct When {
    /// Local date of its start, YYYY-MM-DD.
    pub date: String,
    /// Local start, HH:MM.
    pub start: String,
    /// Local end, HH:MM.
    pub end: String,
    /// Start as an RFC 3339 time with the offset of the zone the times are shown in.
    pub start_at: String,
    /// End as an RFC 3339 time with the offset of the zone the times are shown in.
    pub end_at: String,
}

impl When {
    /// The times of `s` (of a schedule in zone `tz`), shown in `zone`.
    pub fn of(
        s: &crate::schedule::Session,
        zone: crate::output::DisplayZone,
        tz: chrono_tz::Tz,
    ) -> Self {
        let (start, end) = zone.span(tz, s);
        let (from, until) = crate::output::tz::instants(tz, s);
        When {
            date: start.format("%Y-%m-%d").to_string(),
            start: start.format("%H:%M").to_string(),
            end: end.format("%H:%M").to_string(),
            start_at: zone.at(tz, from).to_rfc3339(),
            end_at: zone.at(tz, until).to_rfc3339(),
        }
    }
}

/// Writes a value as pretty JSON followed by a newline, with unsafe characters escaped
/// ([`Escaping`]).
pub(crate) fn write_json(
    out: &mut dyn std::io::Write,
    value: &impl serde::Serialize,
) -> anyhow::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut *out, Escaping(PrettyFormatter::new()));
    // As an io::Error, so that a closed pipe is recognised as one (`agenda talks --format json | head`).
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// serde_json's pretty layout, with every character [`crate::output::sanitize::is_unsafe`] names
/// inside strings written as a `\u` escape: serde_json escapes C0 controls itself but passes
/// C1 controls (U+009B, U+0085) and bidirectional overrides (U+202E) as they are, and a
/// script that prints a title would hand them to a terminal.
struct Escaping<'a>(PrettyFormatter<'a>);

impl Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest
            .char_indices()
            .find(|&(_, c)| crate::output::sanitize::is_unsafe(c))
        {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}
