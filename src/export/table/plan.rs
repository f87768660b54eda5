//! The agenda as one table per day: what you attend, why, what you miss, and why free time is
//! free.
//!
//! What a day shows is decided here ([`day_rows`]: talks, breaks, busy windows, slots left free
//! on purpose, the best talk missed); how it is laid out for the width is [`super::layout`].

pub use super::layout::{Missed, Row, RowKind, link_list, render_compact, render_table, shorten};
use crate::plan::Plan;
use crate::prefs::Request;
use crate::prefs::interests::format_points;
use crate::schedule::{ConferenceDay, Kind, Schedule, Session};
use crate::text::{plural, wrap};
use chrono::NaiveDateTime;
use std::collections::{BTreeMap, BTreeSet};
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
    /// The settings the plan was made with, one `Label: value` line each, for the header
    /// (see [`crate::export::settings::settings_lines`]).
    pub settings: Vec<String>,
    /// Only this conference day (1-based index).
    pub day: Option<u32>,
    /// Show each talk's links (`--links`): under the talk in the compact view, under the
    /// day's table otherwise.
    pub links: bool,
    /// What was proven and checked, instead of the planner's own statement (`replan` states its
    /// own order: score, kept talks, switches).
    pub proof: Option<String>,
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
        // Cheapest tests first: this runs over the whole schedule for every attended talk.
        .filter(|(i, s)| {
            plan.scores[*i].half_points > 0
                && s.overlaps(a)
                && s.room != a.room
                && s.kind.is_plannable()
                && !s.cancelled
                && !plan.chosen.contains(i)
        })
        .max_by_key(|(i, _)| (plan.scores[*i].half_points, std::cmp::Reverse(*i)))
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

/// A row with what it sorts by: start, breaks and busy windows before talks, then session id.
type Keyed = (NaiveDateTime, u8, String, Row);

/// What the row builders of one day share.
struct DayView<'a> {
    schedule: &'a Schedule,
    request: &'a Request,
    plan: &'a Plan,
    day: u32,
    zone: Option<chrono_tz::Tz>,
    shown: &'a dyn Fn(NaiveDateTime, NaiveDateTime) -> String,
    /// The attended talks of the day, in plan order.
    attended: Vec<usize>,
}

impl<'a> DayView<'a> {
    /// A session's time as shown: exactly its length after its start, also on a night the
    /// clocks change.
    fn time_of(&self, s: &Session) -> String {
        let end = self
            .zone
            .map_or(s.end_at(), |tz| crate::output::tz::local_end(tz, s));
        (self.shown)(s.start_at(), end)
    }

    /// One row per break or social event (once when it runs in several rooms at once).
    fn break_rows(&self) -> Vec<Keyed> {
        let schedule = self.schedule;
        let mut rows = Vec::new();
        let blocks: Vec<&Session> = schedule
            .sessions
            .iter()
            .filter(|s| s.day == self.day && matches!(s.kind, Kind::Break | Kind::Social))
            .collect();
        // How many sessions share each block's start and title (one pass over the schedule,
        // not one per block: a generated week has thousands of per-room breaks).
        let mut sharing: BTreeMap<(NaiveDateTime, &str), usize> = blocks
            .iter()
            .map(|s| ((s.start_at(), s.title.as_str()), 0))
            .collect();
        for o in &schedule.sessions {
            if let Some(count) = sharing.get_mut(&(o.start_at(), o.title.as_str())) {
                *count += 1;
            }
        }
        let mut seen_blocks: BTreeSet<(NaiveDateTime, u32, &str)> = BTreeSet::new();
        for s in blocks {
            if !seen_blocks.insert((s.start_at(), s.minutes, s.title.as_str())) {
                continue;
            }
            let rooms_with_it = sharing[&(s.start_at(), s.title.as_str())];
            let room = if rooms_with_it > 1 && rooms_with_it == schedule.conference.rooms.len() {
                "all rooms".to_string()
            } else {
                s.room.clone()
            };
            rows.push((
                s.start_at(),
                0,
                s.id.clone(),
                Row {
                    kind: RowKind::Break,
                    time: self.time_of(s),
                    room,
                    switched: false,
                    title: format!("— {} —", s.title),
                    speakers: String::new(),
                    why: String::new(),
                    score: String::new(),
                    missed: None,
                    links: Vec::new(),
                },
            ));
        }
        rows
    }

    /// One row per busy window of the day.
    fn busy_rows(&self) -> Vec<Keyed> {
        let busy = self.request.limits.busy.iter();
        busy.filter(|b| b.day == self.day)
            .map(|b| {
                let (from, until) = (b.from, b.until);
                (
                    from,
                    0,
                    String::new(),
                    Row {
                        kind: RowKind::Busy,
                        time: (self.shown)(from, until),
                        room: String::new(),
                        switched: false,
                        title: "— busy —".into(),
                        speakers: String::new(),
                        why: "your busy window".into(),
                        score: String::new(),
                        missed: None,
                        links: Vec::new(),
                    },
                )
            })
            .collect()
    }

    /// One row per attended talk, with why, its score, a room switch mark and (if asked) the
    /// best talk missed.
    fn talk_rows(&self, missed: bool) -> Vec<Keyed> {
        let (schedule, plan) = (self.schedule, self.plan);
        let mut rows = Vec::new();
        let mut previous_room: Option<&str> = None;
        for &i in &self.attended {
            let s = &schedule.sessions[i];
            let scored = &plan.scores[i];
            let switched = previous_room.is_some_and(|r| r != s.room);
            previous_room = Some(&s.room);
            let why = crate::plan::why::why_chosen(plan, i).join(", ");
            let missed = if missed {
                best_missed(schedule, plan, i).map(|(m, other)| Missed {
                    title: other.title.clone(),
                    room: other.room.clone(),
                    score: format_points(plan.scores[m].half_points),
                })
            } else {
                None
            };
            rows.push((
                s.start_at(),
                1,
                s.id.clone(),
                Row {
                    kind: RowKind::Talk,
                    time: self.time_of(s),
                    room: s.room.clone(),
                    switched,
                    title: s.title.clone(),
                    speakers: s.speakers.join(", "),
                    why,
                    score: format_points(scored.half_points),
                    missed,
                    links: s
                        .links
                        .labelled()
                        .map(|(label, url)| (label, url.to_string()))
                        .collect(),
                },
            ));
        }
        rows
    }

    /// The room you are in at a time: that of the last talk attended before it, else the first.
    fn room_at(&self, t: NaiveDateTime) -> Option<&'a str> {
        let sessions = &self.schedule.sessions;
        let mut room = self.attended.first().map(|&i| sessions[i].room.as_str());
        for &i in &self.attended {
            if sessions[i].start_at() <= t {
                room = Some(&sessions[i].room);
            }
        }
        room
    }

    /// One row per talk in the room you are in that is left free on purpose (avoided,
    /// disliked, or kept free with `--gaps`).
    fn free_rows(&self) -> Vec<Keyed> {
        let (schedule, request, plan) = (self.schedule, self.request, self.plan);
        let avoided = crate::plan::resolve_lists(schedule, &request.interests)
            .map(|(_, avoid)| avoid)
            .unwrap_or_default();
        let clock = crate::schedule::clock::RealClock::of(schedule);
        let attended: Vec<_> = self
            .attended
            .iter()
            .map(|&a| clock.span(&schedule.sessions[a]))
            .collect();
        let mut rows = Vec::new();
        for (i, s) in schedule.sessions.iter().enumerate() {
            if s.day != self.day || !s.kind.is_plannable() || plan.chosen.contains(&i) {
                continue;
            }
            let span = clock.span(s);
            if attended
                .iter()
                .any(|&a| crate::schedule::spans_overlap(a, span))
                || self.room_at(s.start_at()) != Some(s.room.as_str())
                || request
                    .limits
                    .busy
                    .iter()
                    .any(|b| b.overlaps_session(clock, s))
            {
                continue;
            }
            let why = if s.cancelled {
                Some("cancelled".to_string())
            } else {
                left_free_because(request, plan, &avoided, i)
            };
            if let Some(why) = why {
                rows.push((
                    s.start_at(),
                    1,
                    s.id.clone(),
                    Row {
                        kind: RowKind::Free,
                        time: self.time_of(s),
                        room: s.room.clone(),
                        switched: false,
                        title: format!("(free) {}", s.title),
                        speakers: s.speakers.join(", "),
                        why,
                        score: format_points(plan.scores[i].half_points),
                        missed: None,
                        links: Vec::new(),
                    },
                ));
            }
        }
        rows
    }
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
    let attended = plan
        .chosen
        .iter()
        .copied()
        .filter(|&i| schedule.sessions[i].day == day)
        .collect();
    let view = DayView {
        schedule,
        request,
        plan,
        day,
        zone: schedule.time_zone().ok(),
        shown,
        attended,
    };
    let mut keyed = view.break_rows();
    keyed.extend(view.busy_rows());
    keyed.extend(view.talk_rows(missed));
    keyed.extend(view.free_rows());
    keyed.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    keyed.into_iter().map(|(_, _, _, row)| row).collect()
}

/// `HH:MM–HH:MM` of a window in the display zone, marked `(+1)` when it falls on a later date
/// than the conference day's morning (see [`crate::export::times::day_time_range`]).
fn window(
    day: &ConferenceDay,
    from: NaiveDateTime,
    until: NaiveDateTime,
    zone: crate::output::DisplayZone,
    tz: chrono_tz::Tz,
) -> String {
    crate::export::times::day_clock_range(
        day,
        zone.convert(tz, from),
        zone.convert(tz, until),
        zone,
        tz,
    )
}

/// What a day adds to the totals line.
#[derive(Default)]
struct Totals {
    talks: usize,
    score: i64,
    switches: u32,
}

/// Writes the plan as tables.
pub fn write(
    out: &mut dyn Write,
    schedule: &Schedule,
    request: &Request,
    plan: &Plan,
    person: Option<&str>,
    zone: crate::output::DisplayZone,
    options: &TableOptions,
) -> anyhow::Result<()> {
    let tz = schedule.time_zone()?;
    write_header(out, schedule, person, options)?;
    let mut totals = Totals::default();
    for day in schedule.days() {
        if options.day.is_some_and(|d| d != day.index) {
            continue;
        }
        let shown = |from: NaiveDateTime, until: NaiveDateTime| window(day, from, until, zone, tz);
        let rows = day_rows(schedule, request, plan, day.index, options.missed, &shown);
        writeln!(
            out,
            "\n{}",
            crate::export::times::day_heading_in(schedule, day, zone, tz)
        )?;
        let day_totals = write_day(out, schedule, request, plan, day, &rows, options)?;
        totals.talks += day_totals.talks;
        totals.score += day_totals.score;
        totals.switches += day_totals.switches;
    }
    write_footer(out, schedule, plan, zone, tz, options, &totals)
}

/// The conference name, whose agenda it is, and the settings lines.
fn write_header(
    out: &mut dyn Write,
    schedule: &Schedule,
    person: Option<&str>,
    options: &TableOptions,
) -> anyhow::Result<()> {
    let who = person.map(|p| format!(" for {p}")).unwrap_or_default();
    writeln!(out, "{} — your agenda{who}", schedule.conference.name)?;
    for line in &options.settings {
        writeln!(out, "{}", wrap(line, usize::from(options.width), 2))?;
    }
    Ok(())
}

/// One day (its heading is written by the caller): its rows drawn for the width, and its
/// summary line.
fn write_day(
    out: &mut dyn Write,
    schedule: &Schedule,
    request: &Request,
    plan: &Plan,
    day: &ConferenceDay,
    rows: &[Row],
    options: &TableOptions,
) -> anyhow::Result<Totals> {
    if options.compact {
        write!(
            out,
            "{}",
            render_compact(rows, options.width, options.links)
        )?;
    } else {
        writeln!(out, "{}", render_table(rows, options.width))?;
        if options.links {
            write!(out, "{}", link_list(rows, options.width))?;
        }
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
        let note = nothing_matches(schedule, request, &talks);
        writeln!(out, "{}", wrap(&note, usize::from(options.width), 2))?;
    }
    let used = plan.switches.get(&day.index).copied().unwrap_or(0);
    let for_filling = plan.fill_switches.get(&day.index).copied().unwrap_or(0);
    let filled_text = if filled == 0 {
        String::new()
    } else {
        format!(" ({filled} fill free time)")
    };
    let summary = format!(
        "Day score {} · {}{filled_text} · {}",
        format_points(day_score),
        plural(talks.len(), "talk", "talks"),
        switch_text(request, used, for_filling),
    );
    writeln!(out, "{}", wrap(&summary, usize::from(options.width), 2))?;
    Ok(Totals {
        talks: talks.len(),
        score: day_score,
        switches: used + for_filling,
    })
}

/// Why a day has only talks that fill free time: nothing matches, and (unless `--gaps` or no
/// talks) the rooms it stays in.
fn nothing_matches(schedule: &Schedule, request: &Request, talks: &[usize]) -> String {
    let mut rooms: Vec<&str> = Vec::new();
    for &i in talks {
        let room = schedule.sessions[i].room.as_str();
        if !rooms.contains(&room) {
            rooms.push(room);
        }
    }
    if request.limits.gaps || talks.is_empty() {
        "Nothing on this day matches your interests.".to_string()
    } else {
        format!(
            "Nothing on this day matches your interests: staying in {}.",
            rooms.join(", then ")
        )
    }
}

/// The room switches of a day against the limit, and how many of them fill free time.
fn switch_text(request: &Request, used: u32, for_filling: u32) -> String {
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
    if for_filling == 0 {
        switch_text
    } else {
        format!("{switch_text} ({for_filling} to fill free time)")
    }
}

/// The totals line, then the proof: the one given, else optimality and the verifier's summary.
fn write_footer(
    out: &mut dyn Write,
    schedule: &Schedule,
    plan: &Plan,
    zone: crate::output::DisplayZone,
    tz: chrono_tz::Tz,
    options: &TableOptions,
    totals: &Totals,
) -> anyhow::Result<()> {
    let width = usize::from(options.width);
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
        format_points(totals.score),
        plural(totals.talks, "talk", "talks"),
        plural(totals.switches, "room switch", "room switches"),
    );
    writeln!(out, "\n{}", wrap(&total, width, 2))?;
    if let Some(proof) = &options.proof {
        for paragraph in proof.lines() {
            writeln!(out, "{}", wrap(paragraph, width, 0))?;
        }
        return Ok(());
    }
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
