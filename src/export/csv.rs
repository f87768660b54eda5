//! CSV writer: a header row, then one row per chosen session, quoted where needed (by the
//! `csv` crate). Columns: day (the 1-based conference day), date, start, end, time_zone, room, id, title, speakers (joined by
//! `; `), kind, topics (joined by `; `), score, reasons (joined by `; `). Times are in the
//! chosen display zone, which the `time_zone` column names. Cells of the schedule's text go
//! through [`crate::output::sanitize::csv_cell`]: no control character, and no formula a
//! spreadsheet would run.
//!
//! [`write_rows`] writes any list of serde records the same way (the `bench` measurements):
//! a header of the field names, then one line per record.

use super::{Agenda, ExportOptions, Exporter};
use crate::output::sanitize::csv_cell;
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
                csv_cell(&s.room),
                csv_cell(&s.id),
                csv_cell(&s.title),
                csv_cell(&s.speakers.join("; ")),
                s.kind.as_str().to_string(),
                csv_cell(&s.topics.join("; ")),
                format!("{:.2}", entry.score.as_f64()),
                csv_cell(&entry.reason()),
            ])?;
        }
        writer.flush()?;
        Ok(())
    }
}

/// Writes records as CSV: a header line of their field names (as serde names them, so the
/// same as in the JSON), then one line per record, quoted where needed. A cell that is not a
/// number goes through [`csv_cell`] (a case's name comes from a file name).
pub fn write_rows<R: serde::Serialize>(out: &mut dyn Write, rows: &[R]) -> anyhow::Result<()> {
    let mut plain = ::csv::Writer::from_writer(Vec::new());
    for row in rows {
        plain.serialize(row)?;
    }
    let plain = plain.into_inner().map_err(|e| e.into_error())?;
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(plain.as_slice());
    let mut writer = ::csv::Writer::from_writer(out);
    for record in reader.records() {
        let record = record?;
        writer.write_record(record.iter().map(|cell| {
            let number = cell.parse::<f64>().is_ok()
                && cell
                    .trim_start_matches('-')
                    .starts_with(|c: char| c.is_ascii_digit());
            if number {
                cell.to_string()
            } else {
                csv_cell(cell)
            }
        }))?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::write_rows;

    #[test]
    fn rows_get_their_field_names_as_header_and_a_name_with_a_comma_is_quoted() {
        #[derive(serde::Serialize)]
        struct Case {
            case: &'static str,
            talks: usize,
        }
        let mut out = Vec::new();
        let rows = [
            Case {
                case: "a,b",
                talks: 1,
            },
            Case {
                case: "say \"hi\"",
                talks: 2,
            },
        ];
        write_rows(&mut out, &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "case,talks\n\"a,b\",1\n\"say \"\"hi\"\"\",2\n"
        );
    }

    #[test]
    fn a_name_a_spreadsheet_would_run_is_text_and_numbers_stay_numbers() {
        #[derive(serde::Serialize)]
        struct Case {
            case: &'static str,
            change: f64,
        }
        let mut out = Vec::new();
        let rows = [
            Case {
                case: "=HYPERLINK(\"http://evil.example/\")",
                change: -1.5,
            },
            Case {
                case: "-inf\u{1b}[2J",
                change: 2.0,
            },
        ];
        write_rows(&mut out, &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "case,change\n\"'=HYPERLINK(\"\"http://evil.example/\"\")\",-1.5\n'-inf\\u{1b}[2J,2.0\n"
        );
    }
}
