//! "What changed for you": a saved plan's talks matched against a new version of its schedule,
//! and the report `agenda replan` prints before the new agenda.
//!
//! The saved plan keeps each chosen talk as it was (time, room, title, speakers), so the talks
//! are matched with the same rules as `agenda diff` (id, then title + speakers) even when the
//! old schedule itself is gone (a URL whose cache now holds the new version). Plans saved before
//! talks were kept are matched by id alone.

use crate::changes::{What, table::when_where};
use crate::plan::Plan;
use crate::prefs::interests::format_points;
use crate::saved::SavedPlan;
use crate::schedule::{Schedule, Session};
use std::collections::BTreeSet;
use std::io::Write;

/// One talk of the saved plan, and where it is now.
#[derive(Debug, Clone)]
pub(crate) struct Was {
    /// The talk as it was saved (or, for an old plan without details, as it is now).
    pub session: Session,
    /// Its index in the new schedule, if it is still there.
    pub now: Option<usize>,
    /// What changed.
    pub what: What,
    /// Its calendar revision in the saved plan.
    pub sequence: u32,
    /// Its score when saved, in half points (`None` for an old plan without details).
    pub half_points: Option<i64>,
}

/// A saved plan matched against a schedule.
#[derive(Debug, Clone)]
pub(crate) struct Mine {
    /// The saved talks, in the plan's order.
    pub talks: Vec<Was>,
    /// Ids of the talks that matched the interests when the plan was saved (`None`: an older
    /// plan that does not say).
    pub matching: Option<BTreeSet<String>>,
}

impl Mine {
    /// Matches the plan's talks in `schedule`.
    pub fn new(saved: &SavedPlan, schedule: &Schedule) -> Self {
        let old: Vec<Session> = if saved.talks.len() == saved.sessions.len() {
            saved.talks.iter().filter_map(|t| t.to_session()).collect()
        } else {
            Vec::new()
        };
        if old.len() == saved.sessions.len() && !old.is_empty() {
            let pseudo = Schedule {
                conference: schedule.conference.clone(),
                conference_days: schedule.conference_days.clone(),
                sessions: old.clone(),
                source: String::new(),
                texts: Default::default(),
            };
            let diff = crate::changes::diff(&pseudo, schedule);
            let talks = old
                .into_iter()
                .enumerate()
                .map(|(i, session)| {
                    let pair = diff.pair_of_old(i);
                    Was {
                        session,
                        now: pair.map(|p| p.new),
                        what: pair.map(|p| p.what).unwrap_or_default(),
                        sequence: saved.talks[i].sequence,
                        half_points: Some(saved.talks[i].half_points),
                    }
                })
                .collect();
            return Mine {
                talks,
                matching: matching(saved),
            };
        }
        // An older plan: ids only.
        let talks = saved
            .sessions
            .iter()
            .map(|id| {
                let now = schedule.sessions.iter().position(|s| &s.id == id);
                let session = now.map_or_else(
                    || Session {
                        id: id.clone(),
                        date: chrono::NaiveDate::MIN,
                        day: 0,
                        start: chrono::NaiveTime::MIN,
                        minutes: 0,
                        room: String::new(),
                        kind: crate::schedule::Kind::Talk,
                        title: format!("session {id}"),
                        speakers: Vec::new(),
                        track: None,
                        topics: Vec::new(),
                        abstract_text: String::new(),
                        line: None,
                    },
                    |i| schedule.sessions[i].clone(),
                );
                Was {
                    session,
                    now,
                    what: What::default(),
                    sequence: 0,
                    half_points: None,
                }
            })
            .collect();
        Mine {
            talks,
            matching: matching(saved),
        }
    }

    /// The schedule indices of the plan's talks that are still in the schedule.
    pub fn still_there(&self) -> BTreeSet<usize> {
        self.talks.iter().filter_map(|w| w.now).collect()
    }

    /// The saved talks no longer in the schedule.
    pub fn vanished(&self) -> impl Iterator<Item = &Was> {
        self.talks.iter().filter(|w| w.now.is_none())
    }

    /// The saved talks that moved in time, room or length.
    pub fn moved(&self) -> impl Iterator<Item = &Was> {
        self.talks.iter().filter(|w| w.what.moved())
    }

    /// Whether a session of the new schedule matched none of the plan's talks (so it may be new).
    fn unmatched(&self, i: usize) -> bool {
        !self.talks.iter().any(|w| w.now == Some(i))
    }

    /// The plan's old score, when it is known.
    pub(crate) fn score_before(&self) -> Option<i64> {
        self.talks.iter().map(|w| w.half_points).sum()
    }
}

/// `Sat 10:30–10:55 · UD2.208` for a talk whose time is known.
fn place(w: &Was) -> String {
    if w.session.minutes == 0 {
        String::new()
    } else {
        format!(" (was {})", when_where(&w.session))
    }
}

/// Writes the report: moved, changed, cancelled, clashing and dropped talks of the plan, new
/// talks that match the interests, and the score before and after.
pub(crate) fn write_report(
    out: &mut dyn Write,
    mine: &Mine,
    schedule: &Schedule,
    planned: &Plan,
) -> anyhow::Result<()> {
    let s = &schedule.sessions;
    let chosen: BTreeSet<usize> = planned.chosen.iter().copied().collect();
    let there: Vec<usize> = mine.still_there().into_iter().collect();
    let entries = [
        moved(mine, s),
        changed(mine, s),
        cancelled(mine),
        clashes(s, &there),
        dropped(s, &there, &chosen, planned),
        new_matches(mine, s, &chosen, planned),
    ]
    .concat();
    writeln!(out, "What changed for you:")?;
    for entry in &entries {
        writeln!(out, "{entry}")?;
    }
    if entries.is_empty() {
        writeln!(out, "  nothing: every talk of your plan is where it was")?;
    }
    let kept = there.iter().filter(|i| chosen.contains(i)).count();
    let before = mine
        .score_before()
        .map_or("unknown".to_string(), format_points);
    writeln!(
        out,
        "Score {before} before, {} now; kept {kept} of your {} talks.\n",
        format_points(planned.total),
        mine.talks.len()
    )?;
    Ok(())
}

/// The plan's talks that moved, with where and when before and now.
fn moved(mine: &Mine, s: &[Session]) -> Vec<String> {
    mine.moved()
        .map(|w| {
            let now = &s[w.now.expect("a moved talk is still there")];
            format!(
                "  moved      {} [{}]\n             {} → {}",
                now.title,
                now.id,
                when_where(&w.session),
                when_where(now)
            )
        })
        .collect()
}

/// The plan's talks retitled or with other speakers, in place.
fn changed(mine: &Mine, s: &[Session]) -> Vec<String> {
    mine.talks
        .iter()
        .filter(|w| !w.what.moved() && w.what.any())
        .map(|w| {
            let now = &s[w.now.expect("a changed talk is still there")];
            let mut how: Vec<String> = Vec::new();
            if w.what.title {
                how.push(format!("retitled, was \"{}\"", w.session.title));
            }
            if w.what.speakers {
                how.push(format!("speakers now {}", now.speakers.join(", ")));
            }
            format!(
                "  changed    {} [{}]\n             {}",
                now.title,
                now.id,
                how.join("; ")
            )
        })
        .collect()
}

/// The plan's talks no longer in the schedule.
fn cancelled(mine: &Mine) -> Vec<String> {
    mine.vanished()
        .map(|w| {
            format!(
                "  cancelled  {} [{}]\n             no longer in the schedule{}",
                w.session.title,
                w.session.id,
                place(w)
            )
        })
        .collect()
}

/// Pairs of the plan's talks (still there) that now overlap.
fn clashes(s: &[Session], there: &[usize]) -> Vec<String> {
    let mut lines = Vec::new();
    for (a, &i) in there.iter().enumerate() {
        for &j in &there[a + 1..] {
            if s[i].overlaps(&s[j]) {
                lines.push(format!(
                    "  clash      {} [{}]\n             now overlaps {} [{}]",
                    s[i].title, s[i].id, s[j].title, s[j].id
                ));
            }
        }
    }
    lines
}

/// The plan's talks (still there) the new agenda leaves out, and what it takes instead.
fn dropped(
    s: &[Session],
    there: &[usize],
    chosen: &BTreeSet<usize>,
    planned: &Plan,
) -> Vec<String> {
    there
        .iter()
        .filter(|i| !chosen.contains(i))
        .map(|&i| {
            let instead: Vec<String> = planned
                .chosen
                .iter()
                .filter(|&&c| s[c].overlaps(&s[i]))
                .map(|&c| format!("{} [{}]", s[c].title, s[c].id))
                .collect();
            let why = if instead.is_empty() {
                "keeping it would lower the score or drop more of your talks (room switches, switch minutes)".to_string()
            } else {
                format!("the best agenda now takes {} instead", instead.join(", "))
            };
            format!(
                "  dropped    {} [{}]\n             {why}",
                s[i].title, s[i].id
            )
        })
        .collect()
}

/// Talks that match the interests now and did not when the plan was saved: new sessions, or
/// sessions whose topics changed. Needs the plan's list of matching talks (`matching`).
fn new_matches(
    mine: &Mine,
    s: &[Session],
    chosen: &BTreeSet<usize>,
    planned: &Plan,
) -> Vec<String> {
    let Some(before) = &mine.matching else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (i, session) in s.iter().enumerate() {
        let score = planned.scores[i].half_points;
        if score <= 0
            || !session.kind.is_plannable()
            || !mine.unmatched(i)
            || before.contains(&session.id)
        {
            continue;
        }
        let fate = if chosen.contains(&i) {
            "chosen".to_string()
        } else {
            let over: Vec<String> = planned
                .chosen
                .iter()
                .filter(|&&c| s[c].overlaps(session))
                .map(|&c| format!("[{}]", s[c].id))
                .collect();
            if over.is_empty() {
                "not chosen: room switches or limits".to_string()
            } else {
                format!("not chosen: overlaps {}", over.join(", "))
            }
        };
        lines.push(format!(
            "  new        {} [{}]\n             scores {} ({}); {fate}",
            session.title,
            session.id,
            format_points(score),
            planned.scores[i].reasons.join(", "),
        ));
    }
    lines
}

fn matching(saved: &SavedPlan) -> Option<BTreeSet<String>> {
    (!saved.matching.is_empty() || !saved.talks.is_empty())
        .then(|| saved.matching.iter().cloned().collect())
}
