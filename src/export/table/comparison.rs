//! `compare` and `together` as tables: one per day with a column per person and a summary
//! ([`write()`]), the meeting points ([`write_meetings`]) and, together, what planning together
//! cost each person ([`write_price`]).

use super::new_table_width;
use crate::export::times::day_heading;
use crate::friends::compare::{Cell, Comparison, Row};
use crate::friends::meet::MIN_MINUTES;
use crate::friends::together::Joint;
use crate::prefs::interests::format_points;
use std::io::Write;

/// At most `max` characters of `text`, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The most characters of a person's name the tables show: a name is in the header, the
/// summaries and on every meeting row, so a longer one is cut (with `…`) instead of filling
/// screens. JSON, HTML and the text view keep it whole.
pub const NAME_CELL: usize = 40;

/// Copies of the comparison and the joint plan with every name cut to [`NAME_CELL`]
/// characters.
pub fn short_names<'a>(
    c: &Comparison<'a>,
    joint: Option<&Joint>,
) -> (Comparison<'a>, Option<Joint>) {
    let mut c = c.clone();
    for p in &mut c.people {
        p.name = shorten(&p.name, NAME_CELL);
    }
    let joint = joint.map(|j| {
        let mut j = j.clone();
        for m in &mut j.members {
            m.attendee.name = shorten(&m.attendee.name, NAME_CELL);
        }
        j
    });
    (c, joint)
}

/// The marker of a talk attended together.
pub const TOGETHER: &str = "★";

fn cell_text(c: &Comparison, row: &Row, p: usize) -> String {
    let schedule = c.schedule;
    match row.cells[p] {
        Cell::Starts(i) => {
            let s = &schedule.sessions[i];
            let with = row
                .shared
                .iter()
                .any(|(t, who)| *t == i && who.contains(&p));
            // Fit the title on one line of the person's column (the table is 100 wide).
            let width = (70 / c.people.len()).clamp(14, 60);
            let mark = if with { "★ " } else { "" };
            format!(
                "{mark}{}\n{} · {}",
                shorten(&s.title, width - mark.chars().count() - 3),
                s.room,
                schedule
                    .time_zone()
                    .map_or(s.end_at(), |tz| crate::output::tz::local_end(tz, s))
                    .format("–%H:%M")
            )
        }
        Cell::Continues(i) => format!("⋮ {}", shorten(&schedule.sessions[i].title, 20)),
        Cell::Free => "free".to_string(),
        Cell::Break => match row.break_session {
            Some(b) => format!("— {} —", schedule.sessions[b].title),
            None => String::new(),
        },
        Cell::Busy => "busy".to_string(),
        Cell::Meeting => "— meeting —".to_string(),
    }
}

fn together_text(c: &Comparison, row: &Row) -> String {
    let mut parts: Vec<String> = row
        .meeting
        .map(|m| {
            let m = &c.meetings[m];
            format!("{} ({} min)", crate::export::meetings::what(m), m.minutes())
        })
        .into_iter()
        .collect();
    parts.extend(
        row.shared
            .iter()
            .map(|(_, who)| format!("★ {}", c.names(who))),
    );
    if !row.meet.is_empty() {
        let word = if row.break_session.is_some() || row.meeting.is_some() {
            "meet"
        } else {
            "free"
        };
        parts.push(format!("{word}: {}", c.names(&row.meet)));
    }
    parts.join("\n")
}

/// Writes the comparison as one table per day and a summary.
pub fn write(out: &mut dyn Write, c: &Comparison, title: &str, width: u16) -> anyhow::Result<()> {
    let schedule = c.schedule;
    writeln!(out, "{} — {title}", schedule.conference.name)?;
    for person in &c.people {
        writeln!(out, "{}: {}", person.name, person.source)?;
    }
    for day in &c.days {
        writeln!(out, "\n{}", day_heading(schedule, &day.day))?;
        let mut header = vec!["Time"];
        header.extend(c.people.iter().map(|p| p.name.as_str()));
        header.push("Together");
        let mut table = new_table_width(&header, width);
        for row in &day.rows {
            let mut cells = vec![day.day.clock(row.at)];
            cells.extend((0..c.people.len()).map(|p| cell_text(c, row, p)));
            cells.push(together_text(c, row));
            table.add_row(crate::output::clean_row(cells));
        }
        writeln!(out, "{table}")?;
    }
    writeln!(out)?;
    let mut summary = new_table_width(&["Person", "Score", "Talks"], width);
    for p in &c.people {
        summary.add_row(crate::output::clean_row(vec![
            p.name.clone(),
            format_points(p.total),
            p.chosen.len().to_string(),
        ]));
    }
    writeln!(out, "{summary}")?;
    let mut pairs = new_table_width(&["Pair", "Talks together", "Free together"], width);
    for pair in &c.pairs {
        let (a, b) = pair.people;
        let together: Vec<String> = pair
            .together
            .iter()
            .map(|&i| shorten(&schedule.sessions[i].title, 30))
            .collect();
        pairs.add_row(crate::output::clean_row(vec![
            format!("{} & {}", c.people[a].name, c.people[b].name),
            counted_list(&together),
            free_lines(c, pair),
        ]));
    }
    writeln!(out, "{pairs}")?;
    let legend = format!(
        "★ a talk you sit in together · meet: who is free at a break or a meeting · free: who is between talks · ⋮ still in the talk above · times in {}",
        schedule.conference.time_zone
    );
    writeln!(out, "{}", crate::export::table::note(&legend, width))?;
    Ok(())
}

/// A pair's free windows, per day: the day, then each window, the longest marked `best`.
fn free_lines(c: &Comparison, pair: &crate::friends::compare::Pair) -> String {
    let mut lines = Vec::new();
    for day in c.schedule.days() {
        let windows: Vec<_> = pair.free.iter().filter(|(d, _)| *d == day.index).collect();
        let Some(best) = windows.iter().map(|(_, (a, b))| *b - *a).max() else {
            continue;
        };
        let total: i64 = windows
            .iter()
            .map(|(_, (a, b))| (*b - *a).num_minutes())
            .sum();
        lines.push(format!(
            "{}: {} min in {}",
            day.short(),
            total,
            crate::text::plural(windows.len(), "window", "windows")
        ));
        let mut marked = false;
        for (_, (a, b)) in &windows {
            let is_best = !marked && *b - *a == best;
            marked |= is_best;
            lines.push(format!(
                "{}–{} ({} min){}",
                day.clock(*a),
                day.clock(*b),
                (*b - *a).num_minutes(),
                if is_best { " best" } else { "" }
            ));
        }
    }
    if lines.is_empty() {
        return "none".to_string();
    }
    lines.join("\n")
}

/// How many lines a pair's list shows in the table before it is cut (JSON and HTML list all).
const PAIR_LIST_LINES: usize = 12;

/// A count, then the items, at most [`PAIR_LIST_LINES`] of them and a line saying how many
/// more there are: at FOSDEM two friends are in different rooms for some 70 slots.
fn counted_list(items: &[String]) -> String {
    let mut lines = vec![items.len().to_string()];
    if items.len() > PAIR_LIST_LINES {
        lines.extend(items[..PAIR_LIST_LINES - 1].iter().cloned());
        lines.push(format!(
            "… {} more (--format json or html lists all)",
            items.len() - (PAIR_LIST_LINES - 1)
        ));
    } else {
        lines.extend(items.iter().cloned());
    }
    lines.join("\n")
}

/// Writes the meeting options as one table per conference day: when, what, where, and how
/// each person gets there.
pub fn write_meetings(
    out: &mut dyn std::io::Write,
    c: &Comparison,
    width: u16,
) -> anyhow::Result<()> {
    use crate::export::meetings;
    if c.people.len() < 2 {
        return Ok(());
    }
    let heading = format!(
        "Meeting points: agreed meetings, breaks and free windows of {MIN_MINUTES} minutes or more for everyone, talks you all sit in"
    );
    writeln!(out, "\n{}", crate::export::table::note(&heading, width))?;
    if c.meetings.is_empty() {
        writeln!(out, "none: somebody is in a talk or busy all day")?;
        return Ok(());
    }
    for day in c.schedule.days() {
        let list: Vec<_> = c.meetings.iter().filter(|m| m.day == day.index).collect();
        if list.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{}",
            crate::export::times::day_heading(c.schedule, day)
        )?;
        let mut table = crate::export::table::new_table_width(
            &["When", "What", "Where", "Getting there"],
            width,
        );
        for m in list {
            let there: Vec<String> = (0..c.people.len())
                .map(|p| format!("{}: {}", c.people[p].name, meetings::getting_there(c, m, p)))
                .collect();
            table.add_row(crate::output::clean_row(vec![
                meetings::when(day, m),
                meetings::what(m),
                meetings::place(m),
                there.join("\n"),
            ]));
        }
        writeln!(out, "{table}")?;
    }
    Ok(())
}

/// Writes the price of company: each person's score together against their best alone.
pub fn write_price(out: &mut dyn std::io::Write, joint: &Joint, width: u16) -> anyhow::Result<()> {
    use crate::prefs::interests::format_points;
    let mut table = crate::export::table::new_table_width(
        &[
            "Person",
            "Together",
            "Best alone",
            "Price of company",
            "Time together",
        ],
        width,
    );
    for m in &joint.members {
        let price = m.best_alone - m.attendee.total;
        table.add_row(crate::output::clean_row(vec![
            m.attendee.name.clone(),
            format_points(m.attendee.total),
            format_points(m.best_alone),
            if price == 0 {
                "nothing".to_string()
            } else {
                crate::text::points(price)
            },
            crate::export::joint::hours(m.minutes_together),
        ]));
    }
    writeln!(out, "\n{table}")?;
    let s = &joint.settings;
    let mut rules = format!(
        "An hour together is worth {} · everyone keeps at least {} % of their best alone each day (--min-own)",
        crate::text::points(s.bonus),
        s.min_own
    );
    if s.min_shared > 0 {
        rules.push_str(&format!(
            " · at least {} together asked, {} planned",
            crate::text::plural(s.min_shared, "talk", "talks"),
            joint.shared_talks
        ));
    }
    writeln!(out, "{}", crate::export::table::note(&rules, width))?;
    writeln!(
        out,
        "Joint value {:.1} points ({})",
        joint.value as f64 / 120.0,
        crate::export::joint::quality(joint)
    )?;
    let verified = "Verified after solving: every agenda against the schedule's own times (no overlaps, breaks and busy windows kept, must-see and avoid, switches per conference day, switch minutes), and each plan alone against the reference dynamic program.";
    writeln!(out, "{}", crate::export::table::note(verified, width))?;
    Ok(())
}

#[cfg(test)]
mod pair_list_tests {
    use super::*;

    #[test]
    fn a_long_pair_list_is_cut_with_a_count_of_what_is_left() {
        let items: Vec<String> = (1..=20).map(|n| format!("slot {n}")).collect();
        let text = counted_list(&items);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + PAIR_LIST_LINES);
        assert_eq!(lines[0], "20");
        assert_eq!(lines[1], "slot 1");
        assert_eq!(
            lines[PAIR_LIST_LINES],
            "… 9 more (--format json or html lists all)"
        );
        let short: Vec<String> = items[..PAIR_LIST_LINES].to_vec();
        assert_eq!(counted_list(&short).lines().count(), 1 + PAIR_LIST_LINES);
        assert!(!counted_list(&short).contains("more"));
    }
}
