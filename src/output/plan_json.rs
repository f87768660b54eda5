//! The agenda as one JSON object: every session with its score, reasons and whether it is chosen.

use crate::plan::{Plan, Request};
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
struct SessionOut {
    id: String,
    date: String,
    start: String,
    end: String,
    room: String,
    title: String,
    kind: &'static str,
    score: f64,
    chosen: bool,
    filled: bool,
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct PlanOut {
    conference: String,
    time_zone: String,
    settings: Settings,
    sessions: Vec<SessionOut>,
    total_score: f64,
    switches: BTreeMap<String, u32>,
    fill_switches: BTreeMap<String, u32>,
}

/// Writes the plan as JSON: every session (only those of conference day `day` when given),
/// the total score, and per day the switches between the talks that score (`switches`) and
/// those spent on filling free time (`fill_switches`).
pub fn write(
    out: &mut dyn Write,
    schedule: &Schedule,
    request: &Request,
    plan: &Plan,
    day: Option<u32>,
) -> anyhow::Result<()> {
    let weights = |list: &[crate::plan::Weighted]| {
        list.iter()
            .map(|w| (w.term.clone(), w.weight))
            .collect::<BTreeMap<_, _>>()
    };
    let i = &request.interests;
    let l = &request.limits;
    let value = PlanOut {
        conference: schedule.conference.name.clone(),
        time_zone: schedule.conference.time_zone.clone(),
        settings: Settings {
            max_switches_per_day: l.max_switches,
            switch_minutes: l.switch_minutes,
            likes: weights(&i.likes),
            dislikes: weights(&i.dislikes),
            speakers: weights(&i.speakers),
            must: i.must.clone(),
            avoid: i.avoid.clone(),
            busy: l.busy.iter().map(crate::plan::Busy::to_arg).collect(),
            gaps: l.gaps,
            tracks: weights(&i.tracks),
            ratings: weights(&i.ratings),
            favourites: weights(&i.favourites),
            walking: l.walking.as_ref().map(|v| Walking {
                within: v.within,
                between: v.between,
                buildings: v.buildings.clone(),
                walks: v.walks.clone(),
            }),
        },
        sessions: schedule
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| day.is_none_or(|d| s.day == d))
            .map(|(n, s)| SessionOut {
                id: s.id.clone(),
                date: s.date.format("%Y-%m-%d").to_string(),
                start: s.start.format("%H:%M").to_string(),
                end: s.end_at().time().format("%H:%M").to_string(),
                room: s.room.clone(),
                title: s.title.clone(),
                kind: s.kind.as_str(),
                score: plan.scores[n].half_points as f64 / 2.0,
                chosen: plan.chosen.contains(&n),
                filled: plan.filled.contains(&n),
                reasons: plan.scores[n].reasons.clone(),
            })
            .collect(),
        total_score: plan.total as f64 / 2.0,
        switches: plan
            .switches
            .iter()
            .map(|(d, n)| (d.to_string(), *n))
            .collect(),
        fill_switches: plan
            .fill_switches
            .iter()
            .map(|(d, n)| (d.to_string(), *n))
            .collect(),
    };
    super::write_json(out, &value)
}
