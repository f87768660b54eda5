//! The agenda as one JSON object: every session with its score, reasons and whether it is chosen.
//!
//! Times are shown in the display zone (`--tz`), which `times_in` names; `time_zone` stays the
//! conference's own. Each session also carries its start and end as RFC 3339 times with the
//! offset of that zone (`start_at`: `2025-09-30T04:15:00-04:00`), so that a script never has to
//! guess which zone a clock time is in.

use crate::output::DisplayZone;
use crate::plan::Plan;
use crate::points::Points;
use crate::prefs::Request;
use crate::schedule::Schedule;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Serialize)]
struct Settings {
    max_switches_per_day: Option<u32>,
    switch_minutes: u32,
    likes: BTreeMap<String, i64>,
    dislikes: BTreeMap<String, i64>,
    speakers: BTreeMap<String, i64>,
    must: Vec<String>,
    avoid: Vec<String>,
    busy: Vec<String>,
    gaps: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    tracks: BTreeMap<String, i64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    ratings: BTreeMap<String, i64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    favourites: BTreeMap<String, i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    walking: Option<Walking>,
}

/// Walking times as given (`--walk`, `--venue`).
#[derive(Serialize)]
struct Walking {
    within: u32,
    between: u32,
    buildings: BTreeMap<String, String>,
    walks: Vec<(String, String, u32)>,
}

#[derive(Serialize)]
struct SessionOut<'a> {
    id: &'a str,
    /// The conference day (1-based) it is listed under.
    day: u32,
    /// Its date and times in the display zone.
    #[serde(flatten)]
    when: super::When,
    room: &'a str,
    title: &'a str,
    /// Its track (devroom), `null` when the schedule gives none.
    track: Option<&'a str>,
    /// Its page, video and chat addresses, each left out when the schedule has none.
    links: &'a crate::schedule::Links,
    kind: &'static str,
    score: Points,
    chosen: bool,
    filled: bool,
    reasons: &'a [String],
}

/// Every session (of `day` when given), each made as it is written: at 100,000 talks the
/// whole list would take more memory than the schedule.
struct SessionsOut<'a> {
    schedule: &'a Schedule,
    plan: &'a Plan,
    day: Option<u32>,
    zone: DisplayZone,
    tz: chrono_tz::Tz,
}

impl Serialize for SessionsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(sessions_out(
            self.schedule,
            self.plan,
            self.day,
            self.zone,
            self.tz,
        ))
    }
}

#[derive(Serialize)]
struct PlanOut<'a> {
    conference: String,
    /// The conference's own time zone.
    time_zone: String,
    /// The zone every time below is shown in (`--tz`; the conference's by default).
    times_in: String,
    settings: Settings,
    sessions: SessionsOut<'a>,
    total_score: Points,
    /// Room switches per conference day, keyed by the day's index.
    switches: BTreeMap<String, u32>,
    fill_switches: BTreeMap<String, u32>,
    /// The conference days with their score and switches.
    days: Vec<DayOut>,
    /// What the check after solving verified.
    verified: String,
}

#[derive(Serialize)]
struct DayOut {
    index: u32,
    /// The date of its morning.
    date: String,
    /// Start and end in the display zone, `YYYY-MM-DDTHH:MM`.
    start: String,
    end: String,
    score: Points,
    switches: u32,
}

/// Writes the plan as JSON: every session (only those of conference day `day` when given),
/// the total score, and per day the switches between the talks that score (`switches`) and
/// those spent on filling free time (`fill_switches`). Times are shown in `zone`.
pub fn write(
    out: &mut dyn Write,
    schedule: &Schedule,
    request: &Request,
    plan: &Plan,
    day: Option<u32>,
    zone: DisplayZone,
) -> anyhow::Result<()> {
    let tz = schedule.time_zone()?;
    let value = PlanOut {
        conference: schedule.conference.name.clone(),
        time_zone: schedule.conference.time_zone.clone(),
        times_in: schedule
            .sessions
            .first()
            .map_or_else(|| tz.name().to_string(), |s| zone.label(tz, s.start_at())),
        settings: settings_out(request),
        sessions: SessionsOut {
            schedule,
            plan,
            day,
            zone,
            tz,
        },
        total_score: Points::from_half(plan.total),
        switches: by_day_key(&plan.switches),
        fill_switches: by_day_key(&plan.fill_switches),
        days: days_out(schedule, plan, day, zone, tz),
        verified: plan.verified.summary().replace('\n', " "),
    };
    crate::export::json::write_json(out, &value)
}

/// Terms and their weights, keyed by term.
fn weights(list: &[crate::prefs::Weighted]) -> BTreeMap<String, i64> {
    list.iter().map(|w| (w.term.clone(), w.weight)).collect()
}

/// A per-day count keyed by the day's index as a string (JSON object keys are strings).
fn by_day_key(per_day: &BTreeMap<u32, u32>) -> BTreeMap<String, u32> {
    per_day.iter().map(|(d, n)| (d.to_string(), *n)).collect()
}

/// The settings block: the request's settings, the one type profiles and saved plans also
/// write (`prefs::Settings`).
fn settings_out(request: &Request) -> Settings {
    let asked = crate::prefs::Settings::of_request(request);
    let i = &request.interests;
    Settings {
        max_switches_per_day: asked.max_switches.and_then(|m| m.per_day()),
        switch_minutes: asked.switch_minutes.unwrap_or_default(),
        likes: weights(&asked.likes),
        dislikes: weights(&asked.dislikes),
        speakers: weights(&asked.speakers),
        must: asked.must.clone(),
        avoid: asked.avoid.clone(),
        busy: asked.busy.iter().map(ToString::to_string).collect(),
        gaps: asked.gaps.unwrap_or_default(),
        // Tracks and ratings as the request resolved them (the settings keep them as written).
        tracks: weights(&i.tracks),
        ratings: weights(&i.ratings),
        favourites: weights(&i.favourites),
        walking: match &asked.venue {
            Some(crate::prefs::settings::VenueSource::Given(v)) => Some(Walking {
                within: v.within,
                between: v.between,
                buildings: v.buildings.clone(),
                walks: v.walks.clone(),
            }),
            _ => None,
        },
    }
}

/// Every session (of `day` when given) with its times in `zone`, score and reasons.
fn sessions_out<'a>(
    schedule: &'a Schedule,
    plan: &'a Plan,
    day: Option<u32>,
    zone: DisplayZone,
    tz: chrono_tz::Tz,
) -> impl Iterator<Item = SessionOut<'a>> + 'a {
    // Whether each session is chosen (bit 1) or fills free time (bit 2), looked up in one step.
    let mut marks = vec![0u8; schedule.sessions.len()];
    for (list, bit) in [(&plan.chosen, 1), (&plan.filled, 2)] {
        for &n in list {
            if let Some(mark) = marks.get_mut(n) {
                *mark |= bit;
            }
        }
    }
    schedule
        .sessions
        .iter()
        .enumerate()
        .filter(move |(_, s)| day.is_none_or(|d| s.day == d))
        .map(move |(n, s)| SessionOut {
            id: &s.id,
            day: s.day,
            when: super::When::of(s, zone, tz),
            room: &s.room,
            title: &s.title,
            track: s.track.as_deref(),
            links: &s.links,
            kind: s.kind.as_str(),
            score: Points::from_half(plan.scores[n].half_points),
            chosen: marks[n] & 1 != 0,
            filled: marks[n] & 2 != 0,
            reasons: &plan.scores[n].reasons,
        })
}

/// The conference days (only `day` when given) with their span in `zone`, score and switches.
fn days_out(
    schedule: &Schedule,
    plan: &Plan,
    day: Option<u32>,
    zone: DisplayZone,
    tz: chrono_tz::Tz,
) -> Vec<DayOut> {
    schedule
        .days()
        .iter()
        .filter(|d| day.is_none_or(|x| d.index == x))
        .map(|d| DayOut {
            index: d.index,
            date: d.date.format("%Y-%m-%d").to_string(),
            start: zone
                .convert(tz, d.start)
                .format("%Y-%m-%dT%H:%M")
                .to_string(),
            end: zone.convert(tz, d.end).format("%Y-%m-%dT%H:%M").to_string(),
            score: Points::from_half(
                plan.chosen
                    .iter()
                    .filter(|&&c| schedule.sessions[c].day == d.index)
                    .map(|&c| plan.scores[c].half_points)
                    .sum::<i64>(),
            ),
            switches: plan.switches.get(&d.index).copied().unwrap_or(0),
        })
        .collect()
}
