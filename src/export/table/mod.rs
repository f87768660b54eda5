//! The agenda as tables, one per day ([`Table`]), or as plain text with one line per talk
//! ([`Text`], the table's compact view): both drawn by [`plan`].

pub mod bench;
pub mod changes;
pub mod comparison;
pub mod layout;
pub mod listing;
pub mod on;
pub mod plan;

use super::{Agenda, ExportOptions, Exporter, Format};
use crate::output::width::COMPACT_BELOW;
use comfy_table::{ContentArrangement, Table as Grid, presets};
use plan::TableOptions;
use std::io::Write;

/// Tables, one per day; compact below [`COMPACT_BELOW`] columns or with `--compact`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Table;

/// Plain text, one line per talk under the settings it was planned with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Text;

fn write(
    agenda: &Agenda,
    options: &ExportOptions,
    compact: bool,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let view = agenda.plan_view(format)?;
    let table = TableOptions {
        width: options.width,
        compact: compact || options.compact || options.width < COMPACT_BELOW,
        missed: !options.no_missed,
        settings: options.settings.clone(),
        day: options.day,
        links: options.links,
        proof: view.proof.clone(),
    };
    plan::write(
        out,
        agenda.schedule,
        view.request,
        view.plan,
        options.name.as_deref(),
        options.zone,
        &table,
    )
}

impl Exporter<Agenda<'_>> for Table {
    fn write(
        &self,
        agenda: &Agenda,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        write(agenda, options, false, Format::Table, out)
    }
}

impl Exporter<Agenda<'_>> for Text {
    fn write(
        &self,
        agenda: &Agenda,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        write(agenda, options, true, Format::Text, out)
    }
}

/// Width tables are laid out for when nothing else says (see [`crate::output::width`]).
pub const TABLE_WIDTH: u16 = crate::output::width::DEFAULT_WIDTH;

/// Whether colour is allowed: never when `NO_COLOR` is set (to anything non-empty) or `TERM=dumb`.
pub(crate) fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// A line of notes under a table, wrapped at spaces to the width the tables get (an 80-column
/// terminal shows a friends' legend on two lines instead of running it off the edge).
pub(crate) fn note(line: &str, width: u16) -> String {
    crate::text::wrap(line, usize::from(width), 0)
}

/// A table in the house style, wrapped to `width` columns.
pub(crate) fn new_table_width(header: &[&str], width: u16) -> Grid {
    let mut table = Grid::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(
            header
                .iter()
                .map(|h| crate::output::clean_cell((*h).to_string()))
                .collect::<Vec<_>>(),
        );
    if !color_enabled() {
        table.force_no_tty();
    }
    table
}
