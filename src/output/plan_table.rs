//! The agenda as one table per day: what you attend, why, what you miss, and why free time is
//! free.
//!
//! Two parts kept apart: [`day_rows`] decides *what* a day shows (talks, breaks, busy windows,
//! slots left free on purpose), the layout functions decide *how* (columns for the width, or the
//! compact one-line-per-talk view). Columns by width `w`:
//!
//! | width      | columns                                               |
//! |------------|-------------------------------------------------------|
//! | `w < 80`   | compact: `time  room  title · why`, one line per talk |
//! | `80..100`  | Time, Room, Session (title — speakers), Why           |
//! | `100..120` | Time, Room, Session, Speakers, Why                    |
//! | `w ≥ 120`  | Time, Room, Session, Speakers, Why, Score             |
//!
//! Time and room never wrap (they take their content's width); titles take what is left.

use super::settings::{ScheduleSource, settings_lines};
use super::{day_heading, new_table_width};
use crate::plan::interests::format_points;
use crate::plan::{Plan, Request};
use crate::schedule::{ConferenceDay, Kind, Schedule, Session};
use crate::text::{plural, wrap};
use chrono::NaiveDateTime;
use comfy_table::{ColumnConstraint, Width};
use std::io::Write;

/// How the table is drawn.
#[derive(Debug, Clone, Default)]
pub struct TableOptions {
    /// Columns to fit in.
    pub width: u16,
    /// One line per talk instead of a bordered table.
    pub compact: bool,
    /// Show the best talk missed (only when it scores above 0).
    pub missed: bool,
    /// Where the schedule came from, for the header.
    pub source: ScheduleSource,
    /// Only this conference day (1-based index).
    pub day: Option<u32>,
}

/// What one line of a day is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    /// A talk you attend.
    Talk,
    /// A break or the social event.
    Break,
    /// One of your busy windows.
    Busy,
    /// A talk in your room left out on purpose (disliked, avoided, `--gaps`).
    Free,
}

/// One line of a day, before layout.
#[derive(Debug, Clone)]
pub struct Row {
    /// What it is.
    pub kind: RowKind,
    /// `HH:MM–HH:MM` in the display zone.
    pub time: String,
    /// The room (`all rooms` for a break everywhere).
    pub room: String,
    /// Whether you change rooms to get here.
    pub switched: bool,
    /// Title.
    pub title: String,
    /// Speakers, comma-separated.
    pub speakers: String,
    /// Why it is attended or left free.
    pub why: String,
    /// Its score, as points.
    pub score: String,
    /// The best talk missed meanwhile (only when it scores above 0).
    pub missed: Option<Missed>,
}

/// A talk missed in another room, shown as `missed: X in Galerie, score 3`.
#[derive(Debug, Clone)]
pub struct Missed {
    /// Its title.
    pub title: String,
    /// Its room.
    pub room: String,
    /// Its score, as points.
    pub score: String,
}

impl Missed {
    /// `missed: X in Galerie, score 3`, the title cut to `max` characters.
    pub fn label(&self, max: usize) -> String {
        format!(
            "missed: {} in {}, score {}",
            shorten(&self.title, max),
            self.room,
            self.score
        )
    }
}

/// The best talk (highest score, then earliest, then room order) in another room that overlaps
/// an attended one and is not attended, if it scores above 0.
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
            s.kind.is_plannable()
                && s.room != a.room
                && s.overlaps(a)
                && !plan.chosen.contains(i)
                && plan.scores[*i].half_points > 0
        })
        .max_by_key(|(i, _)| (plan.scores[*i].half_points, std::cmp::Reverse(*i)))
}

/// At most `max` characters of `text`, with `…` when cut; the cut falls between words when a
/// space is near enough (in the last third), so no word is broken for a few characters.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = text.chars().nth(cut.chars().count()) == Some(' ');
    let cut = match cut.rfind(' ') {
        Some(space) if !at_word && cut[..space].chars().count() * 3 >= max * 2 => {
            cut[..space].to_string()
        }
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// Why a session not attended was left out on purpose, if it was.
fn left_free_because(
    request: &Request,
    plan: &Plan,
    avoided: &[usize],
    i: usize,
) -> Option<String> {
    let scored = &plan.scores[i];
    if avoided.contains(&i) {
        return Some("avoided".into());
    }
    if scored.half_points < 0 {
        return Some(format!("disliked: {}", scored.reasons.join(", ")));
    }
    if request.limits.gaps && scored.half_points == 0 {
        return Some("kept free (--gaps)".into());
    }
    None
}

/// The rows of one day: attended talks, breaks, busy windows and slots left free on purpose,
/// in time order.
pub fn day_rows(
    schedule: &Schedule,
    request: &Request,
    plan: &Plan,
    day: u32,
    missed: bool,
    shown: &dyn Fn(NaiveDateTime, NaiveDateTime) -> String,
) -> Vec<Row> {
    let attended: Vec<usize> = plan
        .chosen
        .iter()
        .copied()
        .filter(|&i| schedule.sessions[i].day == day)
        .collect();
    let avoided = crate::plan::resolve_lists(schedule, &request.interests)
        .map(|(_, avoid)| avoid)
        .unwrap_or_default();
    let mut keyed: Vec<(NaiveDateTime, u8, String, Row)> = Vec::new();
    let mut seen_blocks: Vec<(NaiveDateTime, u32, &str)> = Vec::new();
    for s in schedule.sessions.iter().filter(|s| s.day == day) {
        if !matches!(s.kind, Kind::Break | Kind::Social) {
            continue;
        }
        let key = (s.start_at(), s.minutes, s.title.as_str());
        if seen_blocks.contains(&key) {
            continue;
        }
        seen_blocks.push(key);
        let rooms_with_it = schedule
            .sessions
            .iter()
            .filter(|o| o.start_at() == s.start_at() && o.title == s.title)
            .count();
        let room = if rooms_with_it > 1 && rooms_with_it == schedule.conference.rooms.len() {
            "all rooms".to_string()
        } else {
            s.room.clone()
        };
        keyed.push((
            s.start_at(),
            0,
            s.id.clone(),
            Row {
                kind: RowKind::Break,
                time: shown(s.start_at(), s.end_at()),
                room,
                switched: false,
                title: format!("— {} —", s.title),
                speakers: String::new(),
                why: String::new(),
                score: String::new(),
                missed: None,
            },
        ));
    }
    for b in request.limits.busy.iter().filter(|b| b.day == day) {
        let (from, until) = (b.from, b.until);
        keyed.push((
            from,
            0,
            String::new(),
            Row {
                kind: RowKind::Busy,
                time: shown(from, until),
                room: String::new(),
                switched: false,
                title: "— busy —".into(),
                speakers: String::new(),
                why: "your busy window".into(),
                score: String::new(),
                missed: None,
            },
        ));
    }
    // The room you are in at a time: that of the last talk attended before it, else the first.
    let room_at = |t: NaiveDateTime| -> Option<&str> {
        let mut room = attended
            .first()
            .map(|&i| schedule.sessions[i].room.as_str());
        for &i in &attended {
            if schedule.sessions[i].start_at() <= t {
                room = Some(&schedule.sessions[i].room);
            }
        }
        room
    };
    let mut previous_room: Option<&str> = None;
    for &i in &attended {
        let s = &schedule.sessions[i];
        let scored = &plan.scores[i];
        let switched = previous_room.is_some_and(|r| r != s.room);
        previous_room = Some(&s.room);
        let why = if plan.filled.contains(&i) {
            "fills free time".to_string()
        } else if scored.reasons.is_empty() {
            "must-see".to_string()
        } else {
            scored.reasons.join(", ")
        };
        let missed = if missed {
            best_missed(schedule, plan, i).map(|(m, other)| Missed {
                title: other.title.clone(),
                room: other.room.clone(),
                score: format_points(plan.scores[m].half_points),
            })
        } else {
            None
        };
        keyed.push((
            s.start_at(),
            1,
            s.id.clone(),
            Row {
                kind: RowKind::Talk,
                time: shown(s.start_at(), s.end_at()),
                room: s.room.clone(),
                switched,
                title: s.title.clone(),
                speakers: s.speakers.join(", "),
                why,
                score: format_points(scored.half_points),
                missed,
            },
        ));
    }
    for (i, s) in schedule.sessions.iter().enumerate() {
        if s.day != day
            || !s.kind.is_plannable()
            || plan.chosen.contains(&i)
            || attended.iter().any(|&a| schedule.sessions[a].overlaps(s))
            || room_at(s.start_at()) != Some(s.room.as_str())
            || request
                .limits
                .busy
                .iter()
                .any(|b| s.start_at() < b.until && b.from < s.end_at())
        {
            continue;
        }
        if let Some(why) = left_free_because(request, plan, &avoided, i) {
            keyed.push((
                s.start_at(),
                1,
                s.id.clone(),
                Row {
                    kind: RowKind::Free,
                    time: shown(s.start_at(), s.end_at()),
                    room: s.room.clone(),
                    switched: false,
                    title: format!("(free) {}", s.title),
                    speakers: s.speakers.join(", "),
                    why,
                    score: format_points(plan.scores[i].half_points),
                    missed: None,
                },
            ));
        }
    }
    keyed.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    keyed.into_iter().map(|(_, _, _, row)| row).collect()
}

/// The room as shown: `» Loft` after a switch.
fn room_cell(row: &Row) -> String {
    if row.switched {
        format!("» {}", row.room)
    } else {
        row.room.clone()
    }
}

/// A bordered table of rows, with the columns the width allows (see the module docs).
pub fn render_table(rows: &[Row], width: u16) -> String {
    let speakers_column = width >= 100;
    let score_column = width >= 120;
    let mut header = vec!["Time", "Room", "Session"];
    if speakers_column {
        header.push("Speakers");
    }
    header.push("Why");
    if score_column {
        header.push("Score");
    }
    let mut table = new_table_width(&header, width);
    for row in rows {
        let mut title = row.title.clone();
        if !speakers_column && !row.speakers.is_empty() {
            // Narrow: the first two names and how many more.
            let names: Vec<&str> = row.speakers.split(", ").collect();
            let shown = if names.len() > 2 {
                format!("{} +{}", names[..2].join(", "), names.len() - 2)
            } else {
                row.speakers.clone()
            };
            title.push_str(&format!(" — {shown}"));
        }
        if let Some(m) = &row.missed {
            // Narrow tables cut the missed title to a few words.
            let max = if width < 100 { 24 } else { 50 };
            title.push_str(&format!("\n↳ {}", m.label(max)));
        }
        let mut cells = vec![row.time.clone(), room_cell(row), title];
        if speakers_column {
            cells.push(row.speakers.clone());
        }
        cells.push(row.why.clone());
        if score_column {
            cells.push(row.score.clone());
        }
        table.add_row(cells);
    }
    // Time and room never wrap: they take their content's width, unless a room name is so long
    // that the title would be squeezed below a third of the table; then the room wraps at spaces.
    let room_width = rows
        .iter()
        .map(|r| room_cell(r).chars().count())
        .max()
        .unwrap_or(4) as u16;
    if let Some(col) = table.column_mut(0) {
        col.set_constraint(ColumnConstraint::ContentWidth);
    }
    // The room takes its content's width when that is at most a sixth of the table; longer
    // names (FOSDEM's `UB2.252A (Lameere)`) wrap at spaces, never inside a word.
    let room_word = rows
        .iter()
        .flat_map(|r| r.room.split_whitespace().map(|w| w.chars().count() + 2))
        .max()
        .unwrap_or(4) as u16;
    if let Some(col) = table.column_mut(1) {
        if room_width <= width / 6 {
            col.set_constraint(ColumnConstraint::ContentWidth);
        } else {
            col.set_constraint(ColumnConstraint::Boundaries {
                lower: Width::Fixed(room_word),
                upper: Width::Fixed((width / 6).max(room_word)),
            });
        }
    }
    let why = header.iter().position(|h| *h == "Why").unwrap_or(3);
    if let Some(col) = table.column_mut(why) {
        col.set_constraint(ColumnConstraint::UpperBoundary(Width::Percentage(
            if width >= 120 { 20 } else { 25 },
        )));
    }
    if speakers_column && let Some(col) = table.column_mut(3) {
        // Names never break inside: at least as wide as the longest word of any name.
        let longest = rows
            .iter()
            .flat_map(|r| r.speakers.split_whitespace())
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(8) as u16;
        let upper = (width * 22 / 100).max(longest);
        col.set_constraint(ColumnConstraint::Boundaries {
            lower: Width::Fixed(longest),
            upper: Width::Fixed(upper),
        });
    }
    if score_column && let Some(col) = table.column_mut(header.len() - 1) {
        col.set_constraint(ColumnConstraint::ContentWidth);
    }
    table.to_string()
}

/// One line per row: `10:15–10:40  » Galerie  Container Networking With Net… · bpf +1` (the
/// title cut so the line fits `width`; `fill` for a talk that fills free time); a missed talk on
/// its own indented line.
pub fn render_compact(rows: &[Row], width: u16) -> String {
    let room_width = rows
        .iter()
        .map(|r| room_cell(r).chars().count())
        .max()
        .unwrap_or(0)
        .min(usize::from(width) / 4);
    let time_width = rows
        .iter()
        .map(|r| r.time.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for row in rows {
        let room = shorten(&room_cell(row), room_width);
        let lead = format!("{:<time_width$}  {room:<room_width$}  ", row.time);
        let why = match row.why.as_str() {
            "" => String::new(),
            "fills free time" => " · fill".to_string(),
            other => format!(" · {}", shorten(other, 24)),
        };
        let room_left = usize::from(width)
            .saturating_sub(lead.chars().count() + why.chars().count())
            .max(10);
        let rest = format!("{}{why}", shorten(&row.title, room_left));
        out.push_str(&format!("{lead}{rest}\n"));
        if let Some(m) = &row.missed {
            let indent = " ".repeat(time_width + 2);
            let left = usize::from(width).saturating_sub(indent.len() + 2);
            out.push_str(&format!(
                "{indent}↳ {}\n",
                shorten(&m.label(left), left.max(10))
            ));
        }
    }
    out
}

/// `HH:MM–HH:MM` of a window in the display zone, marked `(+1)` when it falls on a later date
/// than the conference day's morning (see [`super::day_time_range`]).
fn window(
    day: &ConferenceDay,
    from: NaiveDateTime,
    until: NaiveDateTime,
    zone: super::DisplayZone,
    tz: chrono_tz::Tz,
) -> String {
    let morning = zone.convert(tz, day.start).date();
    let (start, end) = (zone.convert(tz, from), zone.convert(tz, until));
    let later = |at: NaiveDateTime| (at.date() - morning).num_days();
    let mark = |n: i64| match n {
        0 => String::new(),
        n if n > 0 => format!(" (+{n})"),
        n => format!(" ({n})"),
    };
    let (a, b) = (later(start), later(end));
    if a == b {
        format!(
            "{}–{}{}",
            start.format("%H:%M"),
            end.format("%H:%M"),
            mark(a)
        )
    } else {
        format!(
            "{}{}–{}{}",
            start.format("%H:%M"),
            mark(a),
            end.format("%H:%M"),
            mark(b)
        )
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
    options: &TableOptions,
) -> anyhow::Result<()> {
    let tz = schedule.time_zone()?;
    let who = person.map(|p| format!(" for {p}")).unwrap_or_default();
    writeln!(out, "{} — your agenda{who}", schedule.conference.name)?;
    let width = usize::from(options.width);
    for line in settings_lines(request, &options.source) {
        writeln!(out, "{}", wrap(&line, width, 2))?;
    }
    let mut talks_total = 0;
    let mut score_total = 0;
    let mut switches_total = 0;
    for day in schedule.days() {
        if options.day.is_some_and(|d| d != day.index) {
            continue;
        }
        writeln!(out, "\n{}", day_heading(day))?;
        let shown = |from: NaiveDateTime, until: NaiveDateTime| window(day, from, until, zone, tz);
        let rows = day_rows(schedule, request, plan, day.index, options.missed, &shown);
        if options.compact {
            write!(out, "{}", render_compact(&rows, options.width))?;
        } else {
            writeln!(out, "{}", render_table(&rows, options.width))?;
        }
        let talks: Vec<usize> = plan
            .chosen
            .iter()
            .copied()
            .filter(|&i| schedule.sessions[i].day == day.index)
            .collect();
        let filled = talks.iter().filter(|i| plan.filled.contains(i)).count();
        let day_score: i64 = talks.iter().map(|&i| plan.scores[i].half_points).sum();
        if talks.len() == filled {
            let mut rooms: Vec<&str> = Vec::new();
            for &i in &talks {
                let room = schedule.sessions[i].room.as_str();
                if !rooms.contains(&room) {
                    rooms.push(room);
                }
            }
            let reason = if request.limits.gaps || talks.is_empty() {
                "Nothing on this day matches your interests.".to_string()
            } else {
                format!(
                    "Nothing on this day matches your interests: staying in {}.",
                    rooms.join(", then ")
                )
            };
            writeln!(out, "{reason}")?;
        }
        let used = plan.switches.get(&day.index).copied().unwrap_or(0);
        let for_filling = plan.fill_switches.get(&day.index).copied().unwrap_or(0);
        let switch_text = match request.limits.max_switches {
            Some(k) => format!(
                "{} of {k} allowed",
                plural(used + for_filling, "room switch", "room switches")
            ),
            None => format!(
                "{} (no limit)",
                plural(used + for_filling, "room switch", "room switches")
            ),
        };
        let switch_text = if for_filling == 0 {
            switch_text
        } else {
            format!("{switch_text} ({for_filling} to fill free time)")
        };
        let filled_text = if filled == 0 {
            String::new()
        } else {
            format!(" ({filled} fill free time)")
        };
        let summary = format!(
            "Day score {} · {}{filled_text} · {switch_text}",
            format_points(day_score),
            plural(talks.len(), "talk", "talks"),
        );
        writeln!(out, "{}", wrap(&summary, width, 2))?;
        talks_total += talks.len();
        score_total += day_score;
        switches_total += used + for_filling;
    }
    let zone_label = schedule
        .sessions
        .first()
        .map_or_else(|| tz.name().to_string(), |s| zone.label(tz, s.start_at()));
    let scope = if options.day.is_some() {
        "Shown"
    } else {
        "Total"
    };
    let total = format!(
        "{scope} score {} · {} · {} · » marks a room switch · times in {zone_label}",
        format_points(score_total),
        plural(talks_total, "talk", "talks"),
        plural(switches_total, "room switch", "room switches"),
    );
    writeln!(out, "\n{}", wrap(&total, width, 2))?;
    writeln!(
        out,
        "{}",
        wrap(
            "Proven optimal: no agenda within these limits scores higher, and none as good has fewer switches between the talks that score.",
            width,
            0
        )
    )?;
    let verified = plan.verified.summary().replace('\n', " ");
    writeln!(out, "{}", wrap(&verified, width, 0))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shortening_cuts_between_words_when_it_can() {
        assert_eq!(
            shorten("Systing: tracing for the lazy", 24),
            "Systing: tracing for…"
        );
        assert_eq!(shorten("short", 24), "short");
        assert_eq!(shorten("Supercalifragilistic", 8), "Superca…");
    }
}
