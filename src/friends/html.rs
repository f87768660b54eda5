//! The comparison as one self-contained HTML page: inline CSS, no scripts, no network.
//!
//! Each day is a timetable: a CSS grid with the rooms as columns and one row per five minutes,
//! every session placed at its start and as tall as it is long. Each person has a colour (see
//! the legend); a session carries a coloured badge per person attending it, talks attended
//! together get a gold frame and `★ together`, and breaks say who can meet there.

use super::compare::{Cell, Comparison};
use crate::plan::interests::format_points;
use crate::schedule::{Kind, Session};
use std::fmt::Write as _;

/// Minutes per grid row.
const STEP: i64 = 5;
/// Person colours, in command-line order (then repeated).
const COLOURS: &[&str] = &[
    "#1f6fb4", "#c2362b", "#2a8a3a", "#7b4fb0", "#d9771a", "#128a96",
];

const STYLE: &str = "
body { font: 14px/1.35 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 24px; color: #1b1b1b; background: #fafafa; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; margin: 10px 0; align-items: center; }
.chip { display: inline-block; color: #fff; border-radius: 9px; padding: 0 7px; font-size: 11px; font-weight: 600; margin: 1px 2px 0 0; }
.key { display: inline-block; padding: 2px 8px; border-radius: 4px; font-size: 12px; }
.key.shared { border: 3px solid #e0a800; background: #fff8dc; }
.key.break { background: repeating-linear-gradient(45deg, #eee, #eee 6px, #e2e2e2 6px, #e2e2e2 12px); }
table.summary { border-collapse: collapse; margin: 8px 0; }
table.summary td, table.summary th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; font-size: 13px; }
.grid { display: grid; gap: 2px 4px; position: relative; }
.room { font-weight: 700; background: #333; color: #fff; padding: 4px 6px; border-radius: 4px; text-align: center; }
.time { font-size: 11px; color: #666; border-top: 1px solid #ddd; padding-right: 4px; text-align: right; }
.s { overflow: hidden; border-radius: 5px; padding: 2px 5px; font-size: 11.5px; background: #fff; border: 1px solid #d5d5d5; color: #555; }
.s .t { font-weight: 600; }
.s .h { font-size: 10.5px; color: #777; }
.s.chosen { color: #111; border-width: 1px 1px 1px 6px; }
.s.shared { border: 3px solid #e0a800; background: #fff8dc; }
.s.shared .star { color: #a87600; font-weight: 700; }
.s.break { background: repeating-linear-gradient(45deg, #eee, #eee 6px, #e2e2e2 6px, #e2e2e2 12px); text-align: center; color: #333; }
.s.break .meet { font-weight: 700; color: #1b1b1b; }
.s.short { white-space: nowrap; text-overflow: ellipsis; font-size: 10px; line-height: 12px; padding: 0 4px; }
.s.short .chip { font-size: 9px; line-height: 10px; margin-top: 0; }
.s.short.shared { border-width: 1px; box-shadow: inset 0 0 0 1px #e0a800; }
";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn colour(p: usize) -> &'static str {
    COLOURS[p % COLOURS.len()]
}

fn chip(c: &Comparison, p: usize) -> String {
    format!(
        "<span class=\"chip\" style=\"background:{}\">{}</span>",
        colour(p),
        escape(&c.people[p].name)
    )
}

/// Start of a session in minutes after midnight.
/// Minutes from midnight before the conference day's date to the session's start: a night
/// session after midnight counts on from 24:00, so it lands at the end of its day's grid.
fn minutes(day: &crate::schedule::ConferenceDay, s: &Session) -> i64 {
    (s.start_at() - day.date.and_time(chrono::NaiveTime::MIN)).num_minutes()
}

/// Renders the whole page.
pub fn render(c: &Comparison, title: &str, joint: Option<&super::together::Joint>) -> String {
    let schedule = c.schedule;
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{} — {}</h1>",
        escape(&schedule.conference.name),
        escape(title),
        escape(&schedule.conference.name),
        escape(title)
    );
    h.push_str("<div class=\"legend\">");
    for p in 0..c.people.len() {
        h.push_str(&chip(c, p));
    }
    h.push_str("<span class=\"key shared\">★ together</span><span class=\"key break\">break: who can meet</span>");
    let _ = writeln!(
        h,
        "<span class=\"key\">times in {}</span></div>",
        escape(&schedule.conference.time_zone)
    );
    h.push_str(
        "<table class=\"summary\"><tr><th>Person</th><th>Score</th><th>Talks</th><th>From</th>",
    );
    if joint.is_some() {
        h.push_str("<th>Best alone</th>");
    }
    h.push_str("</tr>");
    for (p, a) in c.people.iter().enumerate() {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            chip(c, p),
            format_points(a.total),
            a.chosen.len(),
            escape(&a.source)
        );
        if let Some(j) = joint {
            let _ = write!(h, "<td>{}</td>", format_points(j.members[p].best_alone));
        }
        h.push_str("</tr>");
    }
    h.push_str("</table>\n<table class=\"summary\"><tr><th>Pair</th><th>Talks together</th><th>Slots in different rooms</th></tr>");
    for pair in &c.pairs {
        let _ = write!(
            h,
            "<tr><td>{} {}</td><td>{}</td><td>{}</td></tr>",
            chip(c, pair.people.0),
            chip(c, pair.people.1),
            pair.together.len(),
            pair.apart.len()
        );
    }
    h.push_str("</table>\n");
    for day in &c.days {
        day_grid(&mut h, c, day);
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn day_grid(h: &mut String, c: &Comparison, day: &super::compare::DayView) {
    let schedule = c.schedule;
    let rooms = &schedule.conference.rooms;
    let sessions: Vec<(usize, &Session)> = schedule
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.day == day.day.index)
        .collect();
    let Some(first) = sessions.iter().map(|(_, s)| minutes(&day.day, s)).min() else {
        return;
    };
    let first = first - first % 30;
    let last = sessions
        .iter()
        .map(|(_, s)| minutes(&day.day, s) + i64::from(s.minutes))
        .max()
        .unwrap_or(first + 60);
    let row_of = |m: i64| (m - first) / STEP + 2;
    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<div class=\"grid\" style=\"grid-template-columns: 52px repeat({}, minmax(0, 1fr)); grid-template-rows: auto repeat({}, 14px);\">",
        escape(&crate::output::day_heading(&day.day)),
        rooms.len().max(1),
        (last - first + STEP - 1) / STEP
    );
    for (r, room) in rooms.iter().enumerate() {
        let _ = write!(
            h,
            "<div class=\"room\" style=\"grid-row:1;grid-column:{}\">{}</div>",
            r + 2,
            escape(room)
        );
    }
    h.push('\n');
    let mut m = first;
    while m < last {
        let _ = write!(
            h,
            "<div class=\"time\" style=\"grid-row:{} / span 6;grid-column:1\">{:02}:{:02}</div>",
            row_of(m),
            (m / 60) % 24,
            m % 60
        );
        m += 30;
    }
    h.push('\n');
    let mut done_breaks: Vec<(i64, &str)> = Vec::new();
    for (i, s) in sessions {
        let start = minutes(&day.day, s);
        let span = (i64::from(s.minutes).max(STEP) + STEP - 1) / STEP;
        let column = rooms.iter().position(|r| *r == s.room).map_or(2, |r| r + 2);
        if matches!(s.kind, Kind::Break | Kind::Social) {
            if done_breaks.contains(&(start, s.title.as_str())) {
                continue;
            }
            done_breaks.push((start, s.title.as_str()));
            let everywhere = schedule
                .sessions
                .iter()
                .filter(|o| o.start_at() == s.start_at() && o.title == s.title)
                .count()
                >= rooms.len();
            let columns = if everywhere {
                "2 / -1".to_string()
            } else {
                column.to_string()
            };
            let meet = day
                .rows
                .iter()
                .find(|r| {
                    r.break_session.is_some_and(|b| {
                        schedule.sessions[b].start_at() == s.start_at()
                            && schedule.sessions[b].title == s.title
                    })
                })
                .map(|r| {
                    let free: Vec<usize> = (0..c.people.len())
                        .filter(|&p| r.cells[p] == Cell::Break)
                        .collect();
                    free
                })
                .unwrap_or_default();
            let meet_text = if meet.len() > 1 {
                format!(
                    " · <span class=\"meet\">meet: {}</span>",
                    meet.iter().map(|&p| chip(c, p)).collect::<String>()
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                h,
                "<div class=\"s break\" style=\"grid-row:{} / span {span};grid-column:{columns}\"><span class=\"t\">{}</span> <span class=\"h\">{}</span>{meet_text}</div>",
                row_of(start),
                escape(&s.title),
                crate::output::time_range(s)
            );
            continue;
        }
        let who = c.attendees_of(i);
        let mut class = "s".to_string();
        if s.minutes <= 10 {
            class.push_str(" short");
        }
        let mut style = format!(
            "grid-row:{} / span {span};grid-column:{column}",
            row_of(start)
        );
        if who.len() > 1 {
            class.push_str(" chosen shared");
        } else if let Some(&p) = who.first() {
            class.push_str(" chosen");
            let _ = write!(
                style,
                ";border-color:{};background:{}1f",
                colour(p),
                colour(p)
            );
        }
        let star = if who.len() > 1 {
            "<span class=\"star\">★ together</span> "
        } else {
            ""
        };
        let _ = writeln!(
            h,
            "<div class=\"{class}\" style=\"{style}\" title=\"{}\">{}{star}<span class=\"h\">{}</span> <span class=\"t\">{}</span></div>",
            escape(&format!(
                "{} · {} · {}",
                s.title,
                s.room,
                s.speakers.join(", ")
            )),
            who.iter().map(|&p| chip(c, p)).collect::<String>(),
            crate::output::time_range(s),
            escape(&s.title)
        );
    }
    h.push_str("</div>\n");
}
