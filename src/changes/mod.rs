//! What changed between two versions of a schedule: [`diff`] matches sessions and classifies
//! the differences; [`table`] and [`json`] print them.
//!
//! Matching ([`diff`]; `agenda replan` matches a saved plan's talks with it too), in order:
//! 1. the same id (the export's event id, else its guid, as the importers assign them);
//! 2. for sessions left unmatched on both sides, the same normalised title (case, punctuation
//!    and a cancellation marker set aside: see [`crate::schedule::cancelled::title_words`]) and
//!    the same start or the same room, whoever the speakers are: an export that renumbers its
//!    talks (FOSDEM 2024's final one renumbered 43 that had gained or renamed a co-speaker)
//!    keeps them. Among several candidates the one with the same start and room comes first,
//!    then the same start, then the same room, then schedule order;
//! 3. for sessions still unmatched, the same normalised title and the same speakers (speakers
//!    in any order, case-insensitive): a talk that moved and was renumbered;
//!
//! each taken in schedule order, so a session whose id changed is not reported as one removal
//! and one addition.
//!
//! A matched pair is *cancelled* when the new version cancels it and the old did not (then
//! nothing else about it is reported); otherwise *moved* when its start (date and time), room
//! or length changed, *retitled* when its title changed, and *speakers changed* when its set of
//! speakers did; one pair can be all three. Unmatched old sessions are *removed*, unmatched new
//! ones *added*.

pub(crate) mod rows;
pub mod yours;

use crate::schedule::cancelled::title_words;
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
    /// The new version cancels it (the old did not); nothing else is then reported.
    pub cancelled: bool,
}

impl What {
    /// Moved: time, room or length changed.
    pub fn moved(&self) -> bool {
        self.time || self.room || self.length
    }

    /// Anything changed.
    pub fn any(&self) -> bool {
        self.moved() || self.title || self.speakers || self.cancelled
    }

    /// The changes as words: `cancelled`, `time`, `room`, `length`, `title`, `speakers`.
    pub fn words(&self) -> Vec<&'static str> {
        [
            (self.cancelled, "cancelled"),
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
    /// How it was matched: by id, or by title because the id changed.
    pub matched_by: MatchedBy,
    /// What changed.
    pub what: What,
}

/// How a session of the new version was found to be one of the old (see the module's
/// documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// The same id.
    Id,
    /// The id changed; the same title, and the same start or room.
    TitleAndSlot,
    /// The id changed; the same title and speakers.
    TitleAndSpeakers,
}

impl MatchedBy {
    /// Whether the id changed.
    pub fn new_id(self) -> bool {
        self != MatchedBy::Id
    }

    /// `id`, `title and time or room`, `title and speakers`, for JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Id => "id",
            MatchedBy::TitleAndSlot => "title and time or room",
            MatchedBy::TitleAndSpeakers => "title and speakers",
        }
    }
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
    /// Sessions the new version cancels.
    pub cancelled: usize,
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
            cancelled: count(|w| w.cancelled),
            unchanged: count(|w| !w.any()),
        }
    }

    /// The pair of an old session, if it is still there.
    pub fn pair_of_old(&self, old: usize) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.old == old)
    }
}

/// The key of the title + speakers fallback.
fn fallback_key(s: &Session) -> (Vec<String>, Vec<String>) {
    let mut speakers: Vec<String> = s.speakers.iter().map(|p| p.trim().to_lowercase()).collect();
    speakers.sort();
    (title_words(&s.title), speakers)
}

/// What changed between two versions of one session.
pub fn compare(old: &Session, new: &Session) -> What {
    if new.cancelled && !old.cancelled {
        return What {
            cancelled: true,
            ..What::default()
        };
    }
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
        cancelled: false,
    }
}

/// Which old session each new one is (index into the old schedule, and how it was matched),
/// by the rules of the module's documentation. Every old session is matched at most once.
pub fn match_sessions(old: &Schedule, new: &Schedule) -> Vec<Option<(usize, MatchedBy)>> {
    let old_by_id: BTreeMap<&str, usize> = old
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut old_taken = vec![false; old.sessions.len()];
    let mut matched: Vec<Option<(usize, MatchedBy)>> = vec![None; new.sessions.len()];
    for (j, s) in new.sessions.iter().enumerate() {
        if let Some(&i) = old_by_id.get(s.id.as_str())
            && !old_taken[i]
        {
            matched[j] = Some((i, MatchedBy::Id));
            old_taken[i] = true;
        }
    }
    match_by_title_and_slot(old, new, &mut old_taken, &mut matched);
    match_by_title_and_speakers(old, new, &mut old_taken, &mut matched);
    matched
}

/// Rule 2: the same title and the same start or room, the closest candidate first.
fn match_by_title_and_slot(
    old: &Schedule,
    new: &Schedule,
    old_taken: &mut [bool],
    matched: &mut [Option<(usize, MatchedBy)>],
) {
    let mut by_title: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for (i, s) in old.sessions.iter().enumerate() {
        if !old_taken[i] {
            by_title.entry(title_words(&s.title)).or_default().push(i);
        }
    }
    for (j, n) in new.sessions.iter().enumerate() {
        if matched[j].is_some() {
            continue;
        }
        let Some(candidates) = by_title.get(&title_words(&n.title)) else {
            continue;
        };
        // 0: same start and room, 1: same start, 2: same room; ties in schedule order.
        let rank = |o: &Session| match (o.start_at() == n.start_at(), o.room == n.room) {
            (true, true) => Some(0),
            (true, false) => Some(1),
            (false, true) => Some(2),
            (false, false) => None,
        };
        let best = candidates
            .iter()
            .filter(|&&i| !old_taken[i])
            .filter_map(|&i| rank(&old.sessions[i]).map(|r| (r, i)))
            .min();
        if let Some((_, i)) = best {
            matched[j] = Some((i, MatchedBy::TitleAndSlot));
            old_taken[i] = true;
        }
    }
}

/// Rule 3: the same title and speakers, first come first served.
fn match_by_title_and_speakers(
    old: &Schedule,
    new: &Schedule,
    old_taken: &mut [bool],
    matched: &mut [Option<(usize, MatchedBy)>],
) {
    let mut by_key: BTreeMap<(Vec<String>, Vec<String>), Vec<usize>> = BTreeMap::new();
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
            matched[j] = Some((i, MatchedBy::TitleAndSpeakers));
            old_taken[i] = true;
        }
    }
}

/// Matches the sessions of two versions and classifies every difference.
pub fn diff(old: &Schedule, new: &Schedule) -> Diff {
    let matched = match_sessions(old, new);
    let mut old_taken = vec![false; old.sessions.len()];
    let mut result = Diff::default();
    for (j, m) in matched.iter().enumerate() {
        match *m {
            Some((i, matched_by)) => {
                old_taken[i] = true;
                result.pairs.push(Pair {
                    old: i,
                    new: j,
                    matched_by,
                    what: compare(&old.sessions[i], &new.sessions[j]),
                });
            }
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
                subtitle: String::new(),
                speakers: vec!["Ann".into()],
                track: None,
                topics: vec![],
                abstract_text: String::new(),
                line: None,
                cancelled: false,
                links: crate::schedule::Links::default(),
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
                .any(|p| p.matched_by.new_id() && new.sessions[p.new].id == "33")
        );
    }

    #[test]
    fn a_renumbered_talk_with_the_same_title_and_start_or_room_is_the_same_talk() {
        let old = schedule(&[
            ("1", "Same slot", "10:00", 30, "A"),
            ("2", "Same start", "11:00", 30, "A"),
            ("3", "Same room", "12:00", 30, "A"),
            ("4", "Moved away", "13:00", 30, "A"),
            ("5", "Moved, same speakers", "14:00", 30, "A"),
        ]);
        let mut new = schedule(&[
            ("11", "Same Slot!", "10:00", 30, "A"),
            ("12", "same start", "11:00", 30, "B"),
            ("13", "Same room", "12:30", 30, "A"),
            ("14", "Moved away", "15:00", 30, "B"),
            ("15", "Moved, same speakers", "16:00", 30, "B"),
        ]);
        // Speakers renamed or added: the same talk all the same, but for the last one.
        for s in &mut new.sessions {
            if s.id != "15" {
                s.speakers = vec!["Ann B.".into(), "Bob".into()];
            }
        }
        let d = diff(&old, &new);
        let pairs: Vec<(&str, &str, MatchedBy)> = d
            .pairs
            .iter()
            .map(|p| {
                let o = old.sessions[p.old].id.as_str();
                (o, new.sessions[p.new].id.as_str(), p.matched_by)
            })
            .collect();
        assert_eq!(
            pairs,
            [
                ("1", "11", MatchedBy::TitleAndSlot),
                ("2", "12", MatchedBy::TitleAndSlot),
                ("3", "13", MatchedBy::TitleAndSlot),
                ("5", "15", MatchedBy::TitleAndSpeakers),
            ]
        );
        assert_eq!(new.sessions[d.added[0]].id, "14");
        assert_eq!(old.sessions[d.removed[0]].id, "4");
    }

    #[test]
    fn among_talks_of_one_title_the_one_in_the_same_slot_is_taken() {
        // Three "Welcome" talks (one per room and hour), all renumbered.
        let old = schedule(&[
            ("1", "Welcome", "09:00", 10, "A"),
            ("2", "Welcome", "09:00", 10, "B"),
            ("3", "Welcome", "10:00", 10, "B"),
        ]);
        let new = schedule(&[
            ("21", "Welcome", "09:00", 10, "A"),
            ("22", "Welcome", "09:00", 10, "B"),
            ("23", "Welcome", "10:00", 10, "B"),
        ]);
        let d = diff(&old, &new);
        for p in &d.pairs {
            let (o, n) = (&old.sessions[p.old], &new.sessions[p.new]);
            assert_eq!((o.start, &o.room), (n.start, &n.room));
        }
        assert_eq!(d.pairs.len(), 3);
    }

    #[test]
    fn a_talk_the_new_version_cancels_is_reported_as_cancelled_only() {
        let old = schedule(&[("1", "Carving JSON", "10:00", 30, "A")]);
        let new = schedule(&[("1", "[CANCELED] Carving JSON", "11:00", 30, "B")]);
        assert!(new.sessions[0].cancelled);
        let d = diff(&old, &new);
        assert_eq!(d.pairs[0].what.words(), ["cancelled"]);
        let c = d.counts();
        assert_eq!((c.cancelled, c.moved, c.retitled), (1, 0, 0));
        // Renumbered as well: the marker is no part of the title it is matched by.
        let renumbered = schedule(&[("9", "Carving JSON (cancelled)", "10:00", 30, "A")]);
        let d = diff(&old, &renumbered);
        assert_eq!(d.pairs[0].matched_by, MatchedBy::TitleAndSlot);
        assert!(d.pairs[0].what.cancelled);
    }
}
