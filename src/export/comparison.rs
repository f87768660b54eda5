//! `compare` and `together` written in their formats, each an [`Exporter`] of a [`Shown`]
//! comparison: the table ([`super::table::comparison`] with the meeting points and, together, the
//! price of each person), plain text ([`super::text::comparison`]), JSON ([`super::json::friends`]) and one HTML
//! page ([`super::html`]).

use crate::export::{ExportOptions, Exporter, Format, render_with};
use crate::friends::compare::Comparison;
use crate::friends::together::Joint;
use crate::schedule::Schedule;
use std::io::Write;

/// A comparison as it is written: everyone's agendas (in the display zone), the joint plan's
/// extras for `together`, the page's title, and the schedule as published (for its hash).
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    /// The agendas side by side, in the zone they are shown in.
    pub comparison: &'a Comparison<'a>,
    /// The joint plan, for `together`.
    pub joint: Option<&'a Joint>,
    /// `agendas compared`, `planned together`.
    pub title: &'a str,
    /// The schedule as published (the comparison's may be shifted to another zone).
    pub published: &'a Schedule,
}

/// The table: one per day, a column per person, then the meeting points (and, together, what
/// planning together cost each person).
#[derive(Debug, Clone, Copy, Default)]
pub struct Table;

/// Compact text to paste into a chat.
#[derive(Debug, Clone, Copy, Default)]
pub struct Text;

/// JSON, for scripts.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Json;

/// One self-contained HTML page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

impl Exporter<Shown<'_>> for Table {
    fn write(
        &self,
        doc: &Shown,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        use super::table::comparison::{short_names, write, write_meetings, write_price};
        let (c, joint) = short_names(doc.comparison, doc.joint);
        write(out, &c, doc.title, options.width)?;
        write_meetings(out, &c, options.width)?;
        if let Some(j) = &joint {
            write_price(out, j, options.width)?;
        }
        Ok(())
    }
}

impl Exporter<Shown<'_>> for Text {
    fn write(&self, doc: &Shown, _: &ExportOptions, out: &mut dyn Write) -> anyhow::Result<()> {
        super::text::comparison::write(out, doc.comparison, doc.title, doc.joint)
    }
}

impl Exporter<Shown<'_>> for Json {
    fn write(&self, doc: &Shown, _: &ExportOptions, out: &mut dyn Write) -> anyhow::Result<()> {
        super::json::friends::write(out, doc.comparison, doc.joint, doc.published)
    }
}

impl Exporter<Shown<'_>> for Html {
    fn write(&self, doc: &Shown, _: &ExportOptions, out: &mut dyn Write) -> anyhow::Result<()> {
        let page = super::html::render(doc.comparison, doc.title, doc.joint);
        Ok(out.write_all(page.as_bytes())?)
    }
}

/// The writer of a comparison in `format`: one of [`crate::export::format::FRIENDS`].
pub(crate) fn exporter(format: Format) -> anyhow::Result<Box<dyn for<'a> Exporter<Shown<'a>>>> {
    Ok(match format {
        Format::Table => Box::new(Table),
        Format::Text => Box::new(Text),
        Format::Json => Box::new(Json),
        Format::Html => Box::new(Html),
        other => {
            return Err(crate::error::bad_input(format!(
                "a comparison is not written as {}; use a table, text, JSON or HTML",
                other.describe()
            )));
        }
    })
}

/// The comparison written in `format`, as bytes.
pub fn render(format: Format, doc: &Shown, options: &ExportOptions) -> anyhow::Result<Vec<u8>> {
    render_with(exporter(format)?.as_ref(), format, doc, options)
}
