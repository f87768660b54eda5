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

/// A window two people are both free.
#[derive(Serialize)]
struct FreeOut {
    day: u32,
    from: String,
    until: String,
    minutes: i64,
}

#[derive(Serialize)]
struct PairOut {
    people: [String; 2],
    together: Vec<String>,
    /// Per day, the windows both are free (15 minutes or more, or holding a break).
    free: Vec<FreeOut>,
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

/// How one person gets to a meeting.
#[derive(Serialize)]
struct GettingThereOut {
    name: String,
    /// The session they attend just before, if any that day (else they arrive).
    before: Option<String>,
    /// The room they leave from.
    from_room: Option<String>,
    /// Minutes of walking to the place.
    walk_minutes: Option<i64>,
}

#[derive(Serialize)]
struct MeetOut {
    /// `agreed`, `shared-busy`, `break`, `free` or `together` (see the friends guide).
    kind: &'static str,
    day: u32,
    from: String,
    until: String,
    minutes: i64,
    /// The suggested room.
    place: Option<String>,
    /// Its building, when walking times group rooms into buildings.
    building: Option<String>,
    /// The breaks in it, or the talks everyone sits in.
    what: Vec<String>,
    people: Vec<GettingThereOut>,
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
                free: pair
                    .free
                    .iter()
                    .map(|(day, (from, until))| FreeOut {
                        day: *day,
                        from: from.format("%Y-%m-%dT%H:%M").to_string(),
                        until: until.format("%Y-%m-%dT%H:%M").to_string(),
                        minutes: (*until - *from).num_minutes(),
                    })
                    .collect(),
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
        meetings: meetings_out(c),
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
    crate::export::json::write_json(out, &value)
}

/// The meeting options, as every format lists them.
fn meetings_out(c: &Comparison) -> Vec<MeetOut> {
    let s = &c.schedule.sessions;
    c.meetings
        .iter()
        .map(|m| MeetOut {
            kind: m.kind.key(),
            day: m.day,
            from: m.from.format("%Y-%m-%dT%H:%M").to_string(),
            until: m.until.format("%Y-%m-%dT%H:%M").to_string(),
            minutes: m.minutes(),
            place: m.place.as_ref().map(|p| p.room.clone()),
            building: m.place.as_ref().and_then(|p| p.building.clone()),
            what: m.what.clone(),
            people: c
                .people
                .iter()
                .enumerate()
                .map(|(p, a)| GettingThereOut {
                    name: a.name.clone(),
                    before: m.before[p].map(|i| s[i].id.clone()),
                    from_room: m.before[p].map(|i| s[i].room.clone()),
                    walk_minutes: m.walk[p],
                })
                .collect(),
        })
        .collect()
}
