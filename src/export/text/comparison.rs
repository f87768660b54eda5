//! The comparison as compact text to paste into a chat: per conference day one line per talk
//! somebody attends (time, room, title, who; `★` when together) and one per meeting window.

use crate::friends::compare::Comparison;
use crate::friends::together::Joint;
use crate::schedule::ConferenceDay;
use std::io::Write;

/// Writes the compact text form.
pub fn write(
    out: &mut dyn Write,
    c: &Comparison,
    title: &str,
    joint: Option<&Joint>,
) -> anyhow::Result<()> {
    let schedule = c.schedule;
    writeln!(out, "{} — {title}", schedule.conference.name)?;
    for day in schedule.days() {
        let mut lines = talk_lines(c, day);
        lines.extend(meet_lines(c, day));
        if lines.is_empty() {
            continue;
        }
        lines.sort();
        writeln!(
            out,
            "\n{}",
            crate::export::times::day_heading(schedule, day)
        )?;
        for (_, _, line) in lines {
            writeln!(out, "{line}")?;
        }
    }
    if let Some(j) = joint {
        write_joint(out, j)?;
    }
    writeln!(
        out,
        "★ together · times in {}",
        schedule.conference.time_zone
    )?;
    Ok(())
}

/// A line with what it sorts by: its start, then meetings before talks.
type Line = (chrono::NaiveDateTime, u8, String);

/// One line per talk somebody attends on a day: time, room, title and who (`★` when together).
fn talk_lines(c: &Comparison, day: &ConferenceDay) -> Vec<Line> {
    let schedule = c.schedule;
    let mut talks: Vec<usize> = c
        .people
        .iter()
        .flat_map(|p| p.chosen.iter().copied())
        .filter(|&i| schedule.sessions[i].day == day.index)
        .collect();
    talks.sort_by_key(|&i| (schedule.sessions[i].start_at(), i));
    talks.dedup();
    talks
        .into_iter()
        .map(|i| {
            let s = &schedule.sessions[i];
            let who = c.attendees_of(i);
            let mark = if who.len() > 1 { "★ " } else { "" };
            (
                s.start_at(),
                1,
                format!(
                    "{}–{} {} · {} — {mark}{}",
                    day.clock(s.start_at()),
                    day.clock(s.end_at()),
                    s.room,
                    s.title,
                    c.names(&who)
                ),
            )
        })
        .collect()
}

/// One line per meeting option on a day: when, what, where, and how each person gets there.
fn meet_lines(c: &Comparison, day: &ConferenceDay) -> Vec<Line> {
    use crate::export::meetings;
    c.meetings
        .iter()
        .filter(|m| m.day == day.index)
        .map(|m| {
            let there: Vec<String> = (0..c.people.len())
                .map(|p| format!("{} {}", c.people[p].name, meetings::getting_there(c, m, p)))
                .collect();
            let line = format!(
                "{}–{} meet: {} ({} min) at {} — {}",
                day.clock(m.from),
                day.clock(m.until),
                meetings::what(m),
                m.minutes(),
                meetings::place(m),
                there.join("; ")
            );
            (m.from, 0, line)
        })
        .collect()
}

/// After a blank line, per person of a joint plan: their score together against alone, and the
/// time spent together.
fn write_joint(out: &mut dyn Write, j: &Joint) -> anyhow::Result<()> {
    writeln!(out)?;
    for m in &j.members {
        let price = m.best_alone - m.attendee.total;
        writeln!(
            out,
            "{}: {} of {} alone ({}), {} together",
            m.attendee.name,
            crate::prefs::interests::format_points(m.attendee.total),
            crate::prefs::interests::format_points(m.best_alone),
            if price == 0 {
                "nothing lost".to_string()
            } else {
                format!("{} less", crate::text::points(price))
            },
            crate::export::joint::hours(m.minutes_together)
        )?;
    }
    Ok(())
}
