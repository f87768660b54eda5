//! The meeting options of a comparison ([`crate::friends::meet`]) in words, shared by the
//! table, the text and the HTML page so that all of them say the same thing.

use crate::friends::compare::Comparison;
use crate::friends::meet::{Kind, Meeting};
use crate::schedule::ConferenceDay;

/// `12:30–13:15 (45 min)`.
pub fn when(day: &ConferenceDay, m: &Meeting) -> String {
    format!(
        "{}–{} ({} min)",
        day.clock(m.from),
        day.clock(m.until),
        m.minutes()
    )
}

/// What kind of meeting it is, with the breaks or talks it holds: `break, everyone free: Lunch`.
pub fn what(m: &Meeting) -> String {
    if m.what.is_empty() {
        m.kind.label().to_string()
    } else {
        format!("{}: {}", m.kind.label(), m.what.join(", "))
    }
}

/// Where to meet: `K.4.401`, `building K (K.4.401)`, or `anywhere` when nobody is in a room
/// that day.
pub fn place(m: &Meeting) -> String {
    m.place
        .as_ref()
        .map_or_else(|| "anywhere".to_string(), ToString::to_string)
}

/// How person `p` gets there: `from K.3.201, 4 min walk` (`from K.3.201` when no walking
/// times are known), `already there`, `arriving` (no talk before it that day).
pub fn getting_there(c: &Comparison, m: &Meeting, p: usize) -> String {
    if m.kind == Kind::Together {
        return format!("in {}", place(m));
    }
    let Some(i) = m.before[p] else {
        return "arriving".to_string();
    };
    let room = &c.schedule.sessions[i].room;
    if m.place.as_ref().is_some_and(|place| place.room == *room) {
        return "already there".to_string();
    }
    match m.walk[p] {
        Some(walk) => format!("from {room}, {walk} min walk"),
        None => format!("from {room}"),
    }
}

/// The day a meeting is on.
pub fn day_of<'a>(c: &'a Comparison, m: &Meeting) -> Option<&'a ConferenceDay> {
    c.schedule.days().iter().find(|d| d.index == m.day)
}
