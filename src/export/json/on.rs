//! `agenda on --format json`: the moment, the breaks on now, and per room its session on now
//! and its next one, each with its score for you, why, and whether it is on your plan.

use super::SessionJson;
use crate::on::{Entry, View};
use crate::points::Points;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct OnJson {
    conference: String,
    /// The moment, RFC 3339 in the zone shown.
    at: String,
    zone: String,
    /// The conference day looked at (`null`: the conference is over).
    day: Option<u32>,
    /// Whether scores come from interests (else every score is 0).
    scored: bool,
    breaks: Vec<SessionJson>,
    rooms: Vec<RoomJson>,
}

#[derive(Serialize)]
struct RoomJson {
    room: String,
    building: String,
    now: Option<EntryJson>,
    next: Option<EntryJson>,
}

#[derive(Serialize)]
struct EntryJson {
    #[serde(flatten)]
    session: SessionJson,
    track: Option<String>,
    score: Points,
    why: Vec<String>,
    in_plan: bool,
    /// Minutes left (the session on now) or until it starts (the next one).
    #[serde(skip_serializing_if = "Option::is_none")]
    minutes_left: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    starts_in_minutes: Option<i64>,
}

fn entry(view: &View, e: &Entry, now: bool) -> EntryJson {
    let s = &view.schedule.sessions[e.session];
    EntryJson {
        session: SessionJson::shown(s, view.zone, view.tz),
        track: s.track.clone(),
        score: Points::from_half(e.half_points),
        why: e.why.clone(),
        in_plan: e.in_plan,
        minutes_left: now.then_some(e.minutes),
        starts_in_minutes: (!now).then_some(e.minutes),
    }
}

/// Writes the view as one JSON object.
pub fn write(view: &View, out: &mut dyn Write) -> anyhow::Result<()> {
    let at = crate::output::tz::to_utc(view.tz, view.on.at);
    let json = OnJson {
        conference: view.schedule.conference.name.clone(),
        at: view.zone.at(view.tz, at).to_rfc3339(),
        zone: view.zone.label(view.tz, view.on.at),
        day: view.on.day.as_ref().map(|d| d.index),
        scored: view.scored,
        breaks: view
            .on
            .breaks
            .iter()
            .map(|&i| SessionJson::shown(&view.schedule.sessions[i], view.zone, view.tz))
            .collect(),
        rooms: view
            .on
            .rooms
            .iter()
            .map(|r| RoomJson {
                room: r.room.clone(),
                building: r.building.clone(),
                now: r.now.as_ref().map(|e| entry(view, e, true)),
                next: r.next.as_ref().map(|e| entry(view, e, false)),
            })
            .collect(),
    };
    super::write_json(out, &json)
}
