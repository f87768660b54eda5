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
        writeln!(out, "\n{}", crate::output::day_heading(schedule, day))?;
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

/// One line per meeting window on a day: when, where, how long, and in which breaks.
fn meet_lines(c: &Comparison, day: &ConferenceDay) -> Vec<Line> {
    c.windows
        .iter()
        .filter(|w| w.day == day.index)
        .map(|w| {
            let mut line = format!(
                "{}–{} meet{} ({} min",
                day.clock(w.from),
                day.clock(w.until),
                w.place.as_ref().map_or(String::new(), |p| if w.together {
                    format!(" together in {p}")
                } else {
                    format!(" at {p}")
                }),
                w.minutes()
            );
            if !w.breaks.is_empty() {
                line.push_str(&format!(", {}", w.breaks.join(", ")));
            }
            line.push(')');
            (w.from, 0, line)
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
                format!("{} less", crate::friends::together::points(price))
            },
            crate::friends::together::hours(m.minutes_together)
        )?;
    }
    Ok(())
}
