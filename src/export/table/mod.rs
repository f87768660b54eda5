//! The agenda as tables, one per day ([`Table`]), or as plain text with one line per talk
//! ([`Text`], the table's compact view): both drawn by [`plan`].

pub mod changes;
pub mod layout;
pub mod on;
pub mod plan;

use super::{Agenda, ExportOptions, Exporter, Format};
use crate::output::width::COMPACT_BELOW;
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
