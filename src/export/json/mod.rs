//! The agenda as one JSON object (every session with its score, reasons and whether it is
//! chosen), written by [`plan`] in the options' time zone.

pub mod changes;
pub mod friends;
pub mod on;
pub mod plan;

use super::{Agenda, ExportOptions, Exporter, Format};
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
