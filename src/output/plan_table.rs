//! The agenda as one table per day: what you attend, why, and what you miss.

use super::{day_heading, new_table};
use crate::plan::interests::format_points;
use crate::plan::{Plan, Request};
use crate::schedule::{Kind, Schedule, Session};
use std::io::Write;

/// Describes the settings in one line: likes, limits.
pub fn settings_line(request: &Request) -> String {
    let l = &request.limits;
    let switches = match l.max_switches {
        Some(k) if k == crate::plan::DEFAULT_MAX_SWITCHES => {
            format!("at most {k} room switches a day (default)")
        }
        Some(k) => format!("at most {k} room switches a day"),
        None => "no limit on room switches".to_string(),
    };
    let mut parts = vec![
        switches,
        format!("{} min to change rooms", l.switch_minutes),
    ];
    if !l.busy.is_empty() {
        let windows: Vec<String> = l.busy.iter().map(ToString::to_string).collect();
        parts.push(format!("busy {}", windows.join(", ")));
    }
    if l.gaps {
        parts.push("free time left free".into());
    }
    parts.join(" · ")
}

/// The best talk (highest score, then earliest, then room order) in another room that overlaps
/// an attended one and is not attended.
fn best_missed<'a>(
    schedule: &'a Schedule,
    plan: &Plan,
    attended: usize,
) -> Option<(usize, &'a Session)> {
    let a = &schedule.sessions[attended];
    schedule
        .sessions
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            s.kind.is_plannable() && s.room != a.room && s.overlaps(a) && !plan.chosen.contains(i)
        })
        .max_by_key(|(i, _)| (plan.scores[*i].half_points, std::cmp::Reverse(*i)))
}

/// At most `max` characters of `text`, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Writes the plan as tables.
pub fn write(
    out: &mut dyn Write,
    schedule: &Schedule,
    request: &Request,
    plan: &Plan,
    person: Option<&str>,
    zone: super::DisplayZone,
) -> anyhow::Result<()> {
    let tz = schedule.time_zone()?;
    let who = person.map(|p| format!(" for {p}")).unwrap_or_default();
    writeln!(out, "{} — your agenda{who}", schedule.conference.name)?;
    let likes: Vec<String> = request
        .interests
        .likes
        .iter()
        .map(|w| format!("{}={}", w.term, w.weight))
        .collect();
    if !likes.is_empty() {
        writeln!(out, "Likes: {}", likes.join(", "))?;
    }
    writeln!(out, "{}", settings_line(request))?;
    let mut talks_total = 0;
    for day in schedule.days() {
        let shown = |s: &Session| super::day_time_range(day, s, zone, tz);
        writeln!(out, "\n{}", day_heading(day))?;
        let mut table = new_table(&["Time", "Room", "Session", "Speakers", "Why", "Score"]);
        let mut rows: Vec<(chrono::NaiveDateTime, usize)> = Vec::new();
        let mut seen_blocks: Vec<(chrono::NaiveDateTime, u32, &str)> = Vec::new();
        for (i, s) in schedule.sessions.iter().enumerate() {
            if s.day != day.index {
                continue;
            }
            if plan.chosen.contains(&i) {
                rows.push((s.start_at(), i));
            } else if matches!(s.kind, Kind::Break | Kind::Social) {
                let key = (s.start_at(), s.minutes, s.title.as_str());
                if !seen_blocks.contains(&key) {
                    seen_blocks.push(key);
                    rows.push((s.start_at(), i));
                }
            }
        }
        rows.sort();
        let mut previous_room: Option<&str> = None;
        let mut day_score = 0;
        let mut day_talks = 0;
        for (_, i) in rows {
            let s = &schedule.sessions[i];
            if !s.kind.is_plannable() {
                let rooms_with_it = schedule
                    .sessions
                    .iter()
                    .filter(|o| o.start_at() == s.start_at() && o.title == s.title)
                    .count();
                let room = if rooms_with_it > 1 && rooms_with_it == schedule.conference.rooms.len()
                {
                    "all rooms".to_string()
                } else {
                    s.room.clone()
                };
                table.add_row(vec![
                    shown(s),
                    room,
                    format!("— {} —", s.title),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
                continue;
            }
            let switched = previous_room.is_some_and(|r| r != s.room);
            previous_room = Some(&s.room);
            let room = if switched {
                format!("» {}", s.room)
            } else {
                s.room.clone()
            };
            let scored = &plan.scores[i];
            day_score += scored.half_points;
            day_talks += 1;
            let mut title = s.title.clone();
            if let Some((m, missed)) = best_missed(schedule, plan, i) {
                title.push_str(&format!(
                    "\n↳ missed: {} ({} {})",
                    shorten(&missed.title, 40),
                    missed.room,
                    format_points(plan.scores[m].half_points)
                ));
            }
            let why = if plan.filled.contains(&i) {
                "fills free time".to_string()
            } else if scored.reasons.is_empty() {
                "must-see".to_string()
            } else {
                scored.reasons.join(", ")
            };
            table.add_row(vec![
                shown(s),
                room,
                title,
                s.speakers.join(", "),
                why,
                format_points(scored.half_points),
            ]);
        }
        writeln!(out, "{table}")?;
        if day_talks == 0 {
            writeln!(out, "Nothing on this day matches your interests.")?;
        }
        let used = plan.switches.get(&day.index).copied().unwrap_or(0);
        let allowed = request
            .limits
            .max_switches
            .map_or("no limit".to_string(), |k| format!("of {k} allowed"));
        writeln!(
            out,
            "Day score {} · {day_talks} talk{} · {used} room switch{} ({allowed})",
            format_points(day_score),
            if day_talks == 1 { "" } else { "s" },
            if used == 1 { "" } else { "es" },
        )?;
        talks_total += day_talks;
    }
    let switches: u32 = plan.switches.values().sum();
    let zone_label = schedule
        .sessions
        .first()
        .map_or_else(|| tz.name().to_string(), |s| zone.label(tz, s.start_at()));
    writeln!(
        out,
        "\nTotal score {} · {talks_total} talks · {switches} room switch{} · » marks a room switch · times in {zone_label}",
        format_points(plan.total),
        if switches == 1 { "" } else { "es" },
    )?;
    writeln!(
        out,
        "Proven optimal: no agenda within these limits scores higher, and none as good has fewer switches."
    )?;
    writeln!(out, "{}", plan.verified.summary())?;
    Ok(())
}
