//! "What changed for you": a saved plan's talks matched against a new version of its schedule,
//! and the report `agenda replan` prints before the new agenda.
//!
//! The saved plan keeps each chosen talk as it was (time, room, title, speakers), so the talks
//! are matched with the same rules as `agenda diff` (id, then title + speakers) even when the
//! old schedule itself is gone (a URL whose cache now holds the new version). Plans saved before
//! talks were kept are matched by id alone.

use crate::changes::What;
use crate::saved::SavedPlan;
use crate::schedule::{Schedule, Session};
use std::collections::BTreeSet;

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
                        subtitle: String::new(),
                        speakers: Vec::new(),
                        track: None,
                        topics: Vec::new(),
                        abstract_text: String::new(),
                        line: None,
                        cancelled: false,
                        links: crate::schedule::Links::default(),
                    },
                    |i| schedule.sessions[i].clone(),
                );
                Was {
                    session,
                    now,
                    what: What {
                        cancelled: now.is_some_and(|i| schedule.sessions[i].cancelled),
                        ..What::default()
                    },
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

    /// The schedule indices of the plan's talks that are still in the schedule and not
    /// cancelled.
    pub fn still_there(&self) -> BTreeSet<usize> {
        self.talks
            .iter()
            .filter(|w| !w.what.cancelled)
            .filter_map(|w| w.now)
            .collect()
    }

    /// The saved talks the organiser has cancelled since.
    pub fn cancelled(&self) -> impl Iterator<Item = &Was> {
        self.talks.iter().filter(|w| w.what.cancelled)
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
    pub(crate) fn unmatched(&self, i: usize) -> bool {
        !self.talks.iter().any(|w| w.now == Some(i))
    }

    /// The plan's old score, when it is known.
    pub(crate) fn score_before(&self) -> Option<i64> {
        self.talks.iter().map(|w| w.half_points).sum()
    }
}

fn matching(saved: &SavedPlan) -> Option<BTreeSet<String>> {
    (!saved.matching.is_empty() || !saved.talks.is_empty())
        .then(|| saved.matching.iter().cloned().collect())
}
