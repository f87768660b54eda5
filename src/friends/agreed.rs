//! Agreed meetings: windows in which everyone keeps free to meet, from `--meet "1 12:30-13:15"`
//! on `compare` and `together` and from the `meet` field of each person's profile or saved
//! plan. Every person keeps every agreed meeting free (it joins their busy windows before
//! anybody is planned), so one person's lunch date is everyone's.
//!
//! Before planning, [`check`] makes sure each person can make each meeting: a must-see talk,
//! an own busy window (other than the meeting itself) or, for a saved plan `compare` keeps as
//! it is, an attended talk in the window is a contradiction, reported with every person and
//! reason at once.

use crate::error::Error;
use crate::prefs::settings::BusyWindow;
use crate::prefs::{Busy, Request};
use crate::schedule::Schedule;

/// Parses one `--meet` value, `DAY HH:MM-HH:MM` as one string (`"1 12:30-13:15"`, `"sat
/// 12:30-13:15"`, `"day 2 09:00-09:30"`): the forms of a busy window.
pub fn parse(text: &str) -> anyhow::Result<BusyWindow> {
    BusyWindow::parse_line(text).map_err(|e| {
        crate::error::bad_input(format!(
            "--meet `{text}`: {e}; write it as one string, e.g. --meet \"1 12:30-13:15\""
        ))
    })
}

/// The agreed meetings on `schedule`, each once, in time order.
pub fn on_schedule(schedule: &Schedule, windows: &[BusyWindow]) -> anyhow::Result<Vec<Busy>> {
    let mut agreed = Vec::new();
    for w in windows {
        let busy = w
            .on(schedule)
            .map_err(|e| e.context(format!("meeting `{w}`")))?;
        if !agreed.contains(&busy) {
            agreed.push(busy);
        }
    }
    agreed.sort_by_key(|b: &Busy| (b.from, b.until));
    Ok(agreed)
}

/// Adds every agreed meeting to `request`'s busy windows (each once), so it is kept free.
pub fn apply(request: &mut Request, agreed: &[Busy]) {
    for meeting in agreed {
        if !request.limits.busy.contains(meeting) {
            request.limits.busy.push(meeting.clone());
        }
    }
}

/// One person as [`check`] sees them: name, request, and the talks they attend when those are
/// fixed (a saved plan `compare` keeps as saved), `None` when they are still to be planned.
pub struct Candidate<'a> {
    /// The name shown.
    pub name: &'a str,
    /// Their interests and limits (the meetings not yet added).
    pub request: &'a Request,
    /// Talks already chosen, when they will not be re-planned.
    pub fixed: Option<&'a [usize]>,
}

/// Why each person cannot make each agreed meeting; `Ok` when everyone can.
pub fn check(schedule: &Schedule, people: &[Candidate], agreed: &[Busy]) -> anyhow::Result<()> {
    let mut reasons = Vec::new();
    for meeting in agreed {
        for person in people {
            for why in conflicts(schedule, person, meeting) {
                reasons.push(format!(
                    "{} cannot make the meeting {meeting}: {why}",
                    person.name
                ));
            }
        }
    }
    if reasons.is_empty() {
        return Ok(());
    }
    Err(Error::Contradiction(format!(
        "{}\nMove the meeting (--meet, or `meet` in a profile or saved plan), or drop what is in its way.",
        reasons.join("\n")
    ))
    .into())
}

/// What keeps one person from one meeting.
fn conflicts(schedule: &Schedule, person: &Candidate, meeting: &Busy) -> Vec<String> {
    let mut why = Vec::new();
    let talk = |i: usize| {
        let s = &schedule.sessions[i];
        format!(
            "«{}» ({}–{}, {})",
            s.title,
            s.start.format("%H:%M"),
            s.end_at().format("%H:%M"),
            s.room
        )
    };
    let overlaps = |i: usize| {
        let s = &schedule.sessions[i];
        meeting.overlaps(s.start_at(), s.end_at())
    };
    // A must-see that cannot be resolved is reported by the planner with its own message.
    let must = crate::plan::resolve_lists(schedule, &person.request.interests)
        .map(|(must, _)| must)
        .unwrap_or_default();
    for i in must.into_iter().filter(|&i| overlaps(i)) {
        why.push(format!("they must see {}", talk(i)));
    }
    for b in &person.request.limits.busy {
        if b != meeting && b.overlaps(meeting.from, meeting.until) {
            why.push(format!("they are busy {b}"));
        }
    }
    if let Some(fixed) = person.fixed {
        for &i in fixed.iter().filter(|&&i| overlaps(i)) {
            why.push(format!(
                "their saved plan attends {} (re-plan it with the meeting: `agenda together` plans everyone around it)",
                talk(i)
            ));
        }
    }
    why
}
