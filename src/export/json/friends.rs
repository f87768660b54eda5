//! `compare` and `together` as JSON: per person their name, chosen session ids and score; for
//! `together` also their best score alone, their floor, their minutes together, the settings
//! used and how close to optimal the plan is. Times are in the zone `--tz` chose, which
//! `times_in` names; `time_zone` stays the conference's own.

use crate::friends::compare::Comparison;
use crate::friends::together::Joint;
use crate::points::Points;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct PersonOut {
    name: String,
    source: String,
    sessions: Vec<String>,
    score: Points,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_alone: Option<Points>,
    #[serde(skip_serializing_if = "Option::is_none")]
    floor: Option<Points>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minutes_together: Option<i64>,
}

#[derive(Serialize)]
struct ApartOut {
    /// The conference day (1-based).
    day: u32,
    /// The calendar date of the moment.
    date: String,
    time: String,
    sessions: [String; 2],
    rooms: [String; 2],
}

#[derive(Serialize)]
struct PairOut {
    people: [String; 2],
    together: Vec<String>,
    apart: Vec<ApartOut>,
}

#[derive(Serialize)]
struct TogetherOut {
    bonus_per_hour: Points,
    min_own: f64,
    min_shared: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_limit_s: Option<f64>,
    value: f64,
    optimal: bool,
    gap: f64,
    shared_talks: usize,
}

#[derive(Serialize)]
struct MeetOut {
    /// `true`: everyone sits in `place` all through it; `false`: everyone is out of talks.
    together: bool,
    day: u32,
    from: String,
    until: String,
    minutes: i64,
    place: Option<String>,
    breaks: Vec<String>,
    /// Per person, the id of the session they attend just before, if any.
    before: Vec<Option<String>>,
}

#[derive(Serialize)]
struct Out {
    conference: String,
    schedule_hash: String,
    /// The conference's own time zone.
    time_zone: String,
    /// The zone the dates and times below are in (`--tz`; the conference's by default).
    times_in: String,
    people: Vec<PersonOut>,
    pairs: Vec<PairOut>,
    meetings: Vec<MeetOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: Option<TogetherOut>,
}

fn points(half: i64) -> Points {
    Points::from_half(half)
}

/// Writes the comparison (and, for `together`, the joint plan's extras) as JSON. `published`
/// is the schedule as published, `c` may show it in another zone (see [`crate::friends::zone`]).
pub fn write(
    out: &mut dyn Write,
    c: &Comparison,
    joint: Option<&Joint>,
    published: &crate::schedule::Schedule,
) -> anyhow::Result<()> {
    let s = &c.schedule.sessions;
    let value = Out {
        conference: c.schedule.conference.name.clone(),
        schedule_hash: crate::schedule::hash::schedule_hash(published)?,
        time_zone: published.conference.time_zone.clone(),
        times_in: c.schedule.conference.time_zone.clone(),
        people: c
            .people
            .iter()
            .enumerate()
            .map(|(p, a)| PersonOut {
                name: a.name.clone(),
                source: a.source.clone(),
                sessions: a.chosen.iter().map(|&i| s[i].id.clone()).collect(),
                score: points(a.total),
                best_alone: joint.map(|j| points(j.members[p].best_alone)),
                floor: joint.map(|j| points(j.members[p].floor)),
                minutes_together: joint.map(|j| j.members[p].minutes_together),
            })
            .collect(),
        pairs: c
            .pairs
            .iter()
            .map(|pair| PairOut {
                people: [
                    c.people[pair.people.0].name.clone(),
                    c.people[pair.people.1].name.clone(),
                ],
                together: pair.together.iter().map(|&i| s[i].id.clone()).collect(),
                apart: pair
                    .apart
                    .iter()
                    .map(|a| ApartOut {
                        day: s[a.sessions.0].day,
                        date: a.at.format("%Y-%m-%d").to_string(),
                        time: a.at.format("%H:%M").to_string(),
                        sessions: [s[a.sessions.0].id.clone(), s[a.sessions.1].id.clone()],
                        rooms: [s[a.sessions.0].room.clone(), s[a.sessions.1].room.clone()],
                    })
                    .collect(),
            })
            .collect(),
        meetings: c
            .windows
            .iter()
            .map(|w| MeetOut {
                together: w.together,
                day: w.day,
                from: w.from.format("%Y-%m-%dT%H:%M").to_string(),
                until: w.until.format("%Y-%m-%dT%H:%M").to_string(),
                minutes: w.minutes(),
                place: w.place.clone(),
                breaks: w.breaks.clone(),
                before: w
                    .before
                    .iter()
                    .map(|b| b.map(|i| s[i].id.clone()))
                    .collect(),
            })
            .collect(),
        settings: joint.map(|j| TogetherOut {
            bonus_per_hour: points(j.settings.bonus),
            min_own: f64::from(j.settings.min_own) / 100.0,
            min_shared: j.settings.min_shared,
            time_limit_s: j.settings.time_limit.map(|t| t.as_secs_f64()),
            value: (j.value as f64 / 1.2).round() / 100.0,
            optimal: j.optimal,
            gap: (j.gap * 10_000.0).round() / 10_000.0,
            shared_talks: j.shared_talks,
        }),
    };
    crate::output::write_json(out, &value)
}
