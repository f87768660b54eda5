//! CSV writer: a header row, then one row per chosen session, quoted where needed (by the
//! `csv` crate). Columns: day (the 1-based conference day), date, start, end, time_zone, room, id, title, speakers (joined by
//! `; `), kind, topics (joined by `; `), score, reasons (joined by `; `). Times are in the
//! chosen display zone, which the `time_zone` column names.

use super::{Agenda, ExportOptions, Exporter};
use std::io::Write;

/// The CSV writer (times in the options' zone).
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

/// The header row.
pub(crate) const HEADER: [&str; 13] = [
    "day",
    "date",
    "start",
    "end",
    "time_zone",
    "room",
    "id",
    "title",
    "speakers",
    "kind",
    "topics",
    "score",
    "reasons",
];

impl Exporter<Agenda<'_>> for Csv {
    fn write(
        &self,
        agenda: &Agenda,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let tz = agenda.schedule.time_zone()?;
        let mut writer = ::csv::Writer::from_writer(out);
        writer.write_record(HEADER)?;
        for entry in &agenda.entries {
            let s = entry.session;
            let (start, end) = options.zone.span(tz, s);
            writer.write_record([
                s.day.to_string(),
                start.format("%Y-%m-%d").to_string(),
                start.format("%H:%M").to_string(),
                end.format("%H:%M").to_string(),
                options.zone.label(tz, s.start_at()),
                s.room.clone(),
                s.id.clone(),
                s.title.clone(),
                s.speakers.join("; "),
                s.kind.as_str().to_string(),
                s.topics.join("; "),
                format!("{:.2}", entry.score.as_f64()),
                entry.reason(),
            ])?;
        }
        writer.flush()?;
        Ok(())
    }
}
