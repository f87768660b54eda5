//! `talks` and `topics` as tables: the schedule's sessions one table per day, and every topic
//! (and track) with its number of talks.

use crate::output::{self, DisplayZone};
use crate::schedule::{ConferenceDay, Kind, Schedule, Session};
use std::collections::BTreeMap;
use std::io::Write;

/// Writes the chosen sessions as one table per day, then a count and the time zone.
pub fn write_talks(
    out: &mut dyn Write,
    schedule: &Schedule,
    chosen: &[&Session],
    width: u16,
    zone: DisplayZone,
    tz: chrono_tz::Tz,
) -> anyhow::Result<()> {
    if chosen.is_empty() {
        writeln!(out, "No session matches these filters.")?;
        return Ok(());
    }
    writeln!(out, "{}", schedule.conference.name)?;
    for conference_day in schedule.days() {
        let of_day: Vec<&Session> = chosen
            .iter()
            .copied()
            .filter(|s| s.day == conference_day.index)
            .collect();
        if of_day.is_empty() {
            continue;
        }
        writeln!(
            out,
            "\n{}",
            crate::export::times::day_heading(schedule, conference_day)
        )?;
        let table = day_table(conference_day, &of_day, width, zone, tz);
        writeln!(out, "{table}")?;
    }
    writeln!(
        out,
        "\n{} session{} · times in {}",
        chosen.len(),
        if chosen.len() == 1 { "" } else { "s" },
        chosen
            .first()
            .map_or_else(|| tz.name().to_string(), |s| zone.label(tz, s.start_at()))
    )?;
    Ok(())
}

/// One day's table: time, room, title (breaks and socials between dashes), speakers, topics.
fn day_table(
    conference_day: &ConferenceDay,
    of_day: &[&Session],
    width: u16,
    zone: DisplayZone,
    tz: chrono_tz::Tz,
) -> comfy_table::Table {
    let mut table = super::new_table_width(&["Time", "Room", "Title", "Speakers", "Topics"], width);
    // Times are never broken across lines, however narrow the table.
    if let Some(time) = table.column_mut(0) {
        time.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    for s in of_day {
        let title = match s.kind {
            Kind::Break | Kind::Social => format!("— {} —", s.title),
            _ => s.title.clone(),
        };
        // Cancelled by a status field: said in the title as the organisers who use titles do.
        let title = if s.cancelled && !crate::schedule::cancelled::title_says_cancelled(&title) {
            format!("[cancelled] {title}")
        } else {
            title
        };
        table.add_row(output::clean_row(vec![
            crate::export::times::day_time_range(conference_day, s, zone, tz),
            s.room.clone(),
            title,
            s.speakers.join(", "),
            s.topics.join(", "),
        ]));
    }
    table
}

/// Writes every topic with its number of talks and, when the schedule has tracks, a second
/// table of the tracks.
pub fn write_topics(
    out: &mut dyn Write,
    schedule: &Schedule,
    topics: &BTreeMap<String, usize>,
    tracks: &BTreeMap<String, usize>,
    width: u16,
) -> anyhow::Result<()> {
    let mut table = super::new_table_width(&["Topic", "Talks"], width);
    for (topic, talks) in topics {
        table.add_row(output::clean_row(vec![topic.clone(), talks.to_string()]));
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{} topics in {}",
        topics.len(),
        schedule.conference.name
    )?;
    if !tracks.is_empty() {
        let mut table = super::new_table_width(&["Track", "Talks"], width);
        for (track, talks) in tracks {
            table.add_row(output::clean_row(vec![track.clone(), talks.to_string()]));
        }
        writeln!(out)?;
        writeln!(out, "{table}")?;
        writeln!(
            out,
            "{} tracks in {} (--tracks \"TRACK\")",
            tracks.len(),
            schedule.conference.name
        )?;
    }
    Ok(())
}
