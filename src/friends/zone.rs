//! `--tz` for `compare` and `together`: the agendas are chosen in the conference's time, then
//! shown in another zone by shifting a display copy of the schedule (same sessions, same order,
//! so attendees' session indices stay valid) and everyone's busy windows.

use super::Attendee;
use crate::output::DisplayZone;
use crate::schedule::Schedule;

/// The schedule and attendees as seen from `zone` (unchanged for the conference's own zone).
pub fn shift(
    schedule: &Schedule,
    people: Vec<Attendee>,
    zone: DisplayZone,
) -> anyhow::Result<(Schedule, Vec<Attendee>)> {
    let mut shown = schedule.clone();
    if zone == DisplayZone::Conference {
        return Ok((shown, people));
    }
    let tz = schedule.time_zone()?;
    let first = schedule
        .sessions
        .first()
        .map_or(chrono::NaiveDateTime::MIN, |s| s.start_at());
    for s in &mut shown.sessions {
        let at = zone.convert(tz, s.start_at());
        s.date = at.date();
        s.start = at.time();
    }
    for d in &mut shown.conference_days {
        d.start = zone.convert(tz, d.start);
        d.end = zone.convert(tz, d.end);
    }
    shown.conference.time_zone = zone.label(tz, first);
    let people = people
        .into_iter()
        .map(|mut p| {
            for b in &mut p.request.limits.busy {
                b.from = zone.convert(tz, b.from);
                b.until = zone.convert(tz, b.until);
            }
            p
        })
        .collect();
    Ok((shown, people))
}

/// Windows (agreed meetings) as seen from `zone`, shifted as [`shift`] shifts busy windows.
pub fn shift_windows(
    schedule: &Schedule,
    mut windows: Vec<crate::prefs::Busy>,
    zone: DisplayZone,
) -> anyhow::Result<Vec<crate::prefs::Busy>> {
    if zone == DisplayZone::Conference {
        return Ok(windows);
    }
    let tz = schedule.time_zone()?;
    for b in &mut windows {
        b.from = zone.convert(tz, b.from);
        b.until = zone.convert(tz, b.until);
    }
    Ok(windows)
}
