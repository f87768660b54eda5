//! What changed between two versions of a schedule: [`diff`] matches sessions and classifies
//! the differences; [`table`] and [`json`] print them.
//!
//! Matching, in order:
//! 1. the same id (the export's event id, else its guid, as the importers assign them);
//! 2. for sessions left unmatched on both sides, the same title and the same speakers
//!    (case-insensitive, speakers in any order), taken in schedule order, so a session whose
//!    id changed is not reported as one removal and one addition.
//!
//! A matched pair is *moved* when its start (date and time), room or length changed, *retitled*
//! when its title changed, and *speakers changed* when its set of speakers did; one pair can be
//! all three. Unmatched old sessions are *removed*, unmatched new ones *added*.

pub(crate) mod rows;

use crate::schedule::{Schedule, Session};
use std::collections::BTreeMap;

/// How a matched session changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct What {
    /// Its start (date or time) changed.
    pub time: bool,
    /// Its room changed.
    pub room: bool,
    /// Its length changed.
    pub length: bool,
    /// Its title changed.
    pub title: bool,
    /// Its speakers changed.
    pub speakers: bool,
}

impl What {
    /// Moved: time, room or length changed.
    pub fn moved(&self) -> bool {
        self.time || self.room || self.length
    }

    /// Anything changed.
    pub fn any(&self) -> bool {
        self.moved() || self.title || self.speakers
    }

    /// The changes as words: `time`, `room`, `length`, `title`, `speakers`.
    pub fn words(&self) -> Vec<&'static str> {
        [
            (self.time, "time"),
            (self.room, "room"),
            (self.length, "length"),
            (self.title, "title"),
            (self.speakers, "speakers"),
        ]
        .into_iter()
        .filter(|(b, _)| *b)
        .map(|(_, w)| w)
        .collect()
    }
}

/// A session present in both versions (indices into the old and new schedules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// Index in the old schedule.
    pub old: usize,
    /// Index in the new schedule.
    pub new: usize,
    /// Matched by title and speakers because the id changed.
    pub by_title: bool,
    /// What changed.
    pub what: What,
}

/// The differences between two schedules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// New sessions (indices into the new schedule), in schedule order.
    pub added: Vec<usize>,
    /// Sessions gone (indices into the old schedule), in schedule order.
    pub removed: Vec<usize>,
    /// Every matched session, changed or not, in the new schedule's order.
    pub pairs: Vec<Pair>,
}

/// Counts per kind of change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Sessions added.
    pub added: usize,
    /// Sessions removed.
    pub removed: usize,
    /// Sessions moved in time, room or length.
    pub moved: usize,
    /// Sessions retitled.
    pub retitled: usize,
    /// Sessions whose speakers changed.
    pub speakers_changed: usize,
    /// Sessions matched with no change.
    pub unchanged: usize,
}

impl Diff {
    /// The matched sessions that changed.
    #[cfg(test)]
    pub fn changed(&self) -> impl Iterator<Item = &Pair> {
        self.pairs.iter().filter(|p| p.what.any())
    }

    /// The counts.
    pub fn counts(&self) -> Counts {
        let count = |f: fn(&What) -> bool| self.pairs.iter().filter(|p| f(&p.what)).count();
        Counts {
            added: self.added.len(),
            removed: self.removed.len(),
            moved: count(What::moved),
            retitled: count(|w| w.title),
            speakers_changed: count(|w| w.speakers),
            unchanged: count(|w| !w.any()),
        }
    }

    /// The pair of an old session, if it is still there.
    pub fn pair_of_old(&self, old: usize) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.old == old)
    }
}

/// The key of the title + speakers fallback.
fn fallback_key(s: &Session) -> (String, Vec<String>) {
    let mut speakers: Vec<String> = s.speakers.iter().map(|p| p.trim().to_lowercase()).collect();
    speakers.sort();
    (s.title.trim().to_lowercase(), speakers)
}

/// What changed between two versions of one session.
pub fn compare(old: &Session, new: &Session) -> What {
    let mut old_speakers: Vec<&str> = old.speakers.iter().map(|s| s.trim()).collect();
    let mut new_speakers: Vec<&str> = new.speakers.iter().map(|s| s.trim()).collect();
    old_speakers.sort_unstable();
    new_speakers.sort_unstable();
    What {
        time: old.start_at() != new.start_at(),
        room: old.room != new.room,
        length: old.minutes != new.minutes,
        title: old.title.trim() != new.title.trim(),
        speakers: old_speakers != new_speakers,
    }
}

/// Matches the sessions of two versions and classifies every difference.
pub fn diff(old: &Schedule, new: &Schedule) -> Diff {
    let old_by_id: BTreeMap<&str, usize> = old
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut old_taken = vec![false; old.sessions.len()];
    let mut matched: Vec<Option<(usize, bool)>> = vec![None; new.sessions.len()];
    for (j, s) in new.sessions.iter().enumerate() {
        if let Some(&i) = old_by_id.get(s.id.as_str()) {
            matched[j] = Some((i, false));
            old_taken[i] = true;
        }
    }
    // Fallback: title + speakers, among the sessions still unmatched, first come first served.
    let mut by_key: BTreeMap<(String, Vec<String>), Vec<usize>> = BTreeMap::new();
    for (i, s) in old.sessions.iter().enumerate() {
        if !old_taken[i] {
            by_key.entry(fallback_key(s)).or_default().push(i);
        }
    }
    for queue in by_key.values_mut() {
        queue.reverse();
    }
    for (j, s) in new.sessions.iter().enumerate() {
        if matched[j].is_none()
            && let Some(i) = by_key.get_mut(&fallback_key(s)).and_then(Vec::pop)
        {
            matched[j] = Some((i, true));
            old_taken[i] = true;
        }
    }
    let mut result = Diff::default();
    for (j, m) in matched.iter().enumerate() {
        match m {
            Some((i, by_title)) => result.pairs.push(Pair {
                old: *i,
                new: j,
                by_title: *by_title,
                what: compare(&old.sessions[*i], &new.sessions[j]),
            }),
            None => result.added.push(j),
        }
    }
    result.removed = (0..old.sessions.len()).filter(|&i| !old_taken[i]).collect();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(sessions: &[(&str, &str, &str, u32, &str)]) -> Schedule {
        let conference = crate::schedule::Conference {
            name: "C".into(),
            time_zone: "UTC".into(),
            venue: String::new(),
            rooms: vec!["A".into(), "B".into()],
            url: None,
        };
        let date = chrono::NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
        let list = sessions
            .iter()
            .map(|&(id, title, start, minutes, room)| Session {
                id: id.into(),
                date,
                day: 1,
                start: chrono::NaiveTime::parse_from_str(start, "%H:%M").unwrap(),
                minutes,
                room: room.into(),
                kind: crate::schedule::Kind::Talk,
                title: title.into(),
                speakers: vec!["Ann".into()],
                track: None,
                topics: vec![],
                abstract_text: String::new(),
                line: None,
                cancelled: false,
            })
            .collect();
        Schedule::new(conference, list, "test")
    }

    #[test]
    fn ids_match_first_then_title_and_speakers() {
        let old = schedule(&[
            ("1", "Same", "10:00", 30, "A"),
            ("2", "Moves", "11:00", 30, "A"),
            ("3", "Id changes", "12:00", 30, "A"),
            ("4", "Leaves", "13:00", 30, "A"),
        ]);
        let new = schedule(&[
            ("1", "Same", "10:00", 30, "A"),
            ("2", "Moves", "11:30", 45, "B"),
            ("33", "Id changes", "12:00", 30, "A"),
            ("5", "Arrives", "14:00", 30, "A"),
        ]);
        let d = diff(&old, &new);
        let c = d.counts();
        assert_eq!((c.added, c.removed, c.moved, c.unchanged), (1, 1, 1, 2));
        assert_eq!(new.sessions[d.added[0]].id, "5");
        assert_eq!(old.sessions[d.removed[0]].id, "4");
        let moved = d.changed().next().unwrap();
        assert_eq!(moved.what.words(), ["time", "room", "length"]);
        assert!(
            d.pairs
                .iter()
                .any(|p| p.by_title && new.sessions[p.new].id == "33")
        );
    }
}
