//! Interests and the scoring rule: how much an attendee wants each session, and why.
//!
//! Scores are kept in **half points** (an `i64`), so every score is exact and the integer program
//! and the reference solver compare them without rounding. For each session:
//!
//! - a **like** `topic=w` (weight 1 to 10, default 1) adds `w` points when the session's track
//!   or title signals the topic or the session carries it, otherwise `w/2` points when its
//!   abstract mentions it not incidentally (the words that signal a topic, and the rule, are in
//!   [`super::text_match`]);
//! - a **dislike** `topic=w` subtracts by the same rule;
//! - a **speaker** `"Name=w"` (default weight 2) adds `w` points per matching speaker (case-insensitive);
//! - must-see and avoid lists are hard constraints, not scores.
//!
//! Breaks and the social event score nothing: they are never planned.

use crate::error::bad_input;
use crate::schedule::{Schedule, Session};
use crate::text::closest;
use crate::text::slug;
use std::collections::{BTreeMap, BTreeSet};

pub use super::text_match::{Match, Matcher, Texts};

pub use crate::points::HALF_POINTS_PER_POINT;
use crate::points::Points;
/// Largest weight accepted for one interest.
pub const MAX_WEIGHT: i64 = 10;
/// Weight of a like or dislike written without `=w`.
pub const DEFAULT_WEIGHT: i64 = 1;
/// Weight of a speaker written without `=w`.
pub const DEFAULT_SPEAKER_WEIGHT: i64 = 2;

/// A term with its weight, e.g. `bpf=3`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weighted {
    /// The topic, keyword or speaker name as given (topics lowercased).
    pub term: String,
    /// Its weight, 1 to [`MAX_WEIGHT`].
    pub weight: i64,
}

/// `bpf=3`: the form flags, profiles and saved plans write.
impl std::fmt::Display for Weighted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.term, self.weight)
    }
}

/// Everything an attendee said they care about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interests {
    /// Topics (or words) to seek.
    pub likes: Vec<Weighted>,
    /// Topics (or words) to shun.
    pub dislikes: Vec<Weighted>,
    /// Speakers to see.
    pub speakers: Vec<Weighted>,
    /// Sessions that must be attended: ids or title fragments.
    pub must: Vec<String>,
    /// Sessions never to attend: ids or title fragments.
    pub avoid: Vec<String>,
    /// Tracks (devrooms) to seek, by name, with weights 1 to 10.
    pub tracks: Vec<Weighted>,
    /// Talks rated directly: session id and rating, -10 to 10; a rating is the talk's score.
    pub ratings: Vec<Weighted>,
    /// Favourites worth a weight: session id and points added (favourites that are must-see
    /// are in `must`).
    pub favourites: Vec<Weighted>,
}

/// The score of one session and the reasons behind it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scored {
    /// Score in half points.
    pub half_points: i64,
    /// Human-readable reasons, e.g. `bpf +3`, `"rust" in abstract +0.5`.
    pub reasons: Vec<String>,
}

/// Formats half points as points: `3`, `1.5`, `-0.5` (see [`Points`]).
pub fn format_points(half_points: i64) -> String {
    Points::from_half(half_points).to_string()
}

/// Parses `a,b=3,c` (or several flags) into weighted terms; topics are lowercased when `lower`.
pub fn parse_weighted(
    items: &[String],
    default_weight: i64,
    lower: bool,
    what: &str,
) -> anyhow::Result<Vec<Weighted>> {
    let mut out: Vec<Weighted> = Vec::new();
    for raw in items.iter().flat_map(|s| s.split(',')) {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let (term, weight) = match raw.rsplit_once('=') {
            Some((t, w)) => {
                let weight: i64 = w.trim().parse().map_err(|_| {
                    bad_input(format!(
                        "{what} `{raw}`: the weight `{w}` is not a whole number; write e.g. `{}=3`",
                        t.trim()
                    ))
                })?;
                (t.trim(), weight)
            }
            None => (raw, default_weight),
        };
        if !(1..=MAX_WEIGHT).contains(&weight) {
            return Err(bad_input(format!(
                "{what} `{raw}`: weights go from 1 to {MAX_WEIGHT}{}",
                if lower {
                    "; use --dislikes for topics you want to avoid"
                } else {
                    ""
                }
            )));
        }
        if lower && !is_plain_term(term) {
            return Err(bad_input(format!(
                "{what} `{term}`: a topic or word has two or more characters, a letter or digit among them, and only `-`, `_`, `+`, `.`, `#` or spaces besides; `agenda topics` lists the topics"
            )));
        }
        if !lower && term.chars().any(|c| c.is_control() || is_invisible(c)) {
            return Err(bad_input(format!(
                "{what} `{}` holds an invisible character; type the name again",
                term.escape_debug()
            )));
        }
        if term.is_empty() {
            return Err(bad_input(format!(
                "{what} `{raw}` names nothing; write e.g. `bpf=3`"
            )));
        }
        let term = if lower {
            term.to_lowercase()
        } else {
            term.to_string()
        };
        if let Some(existing) = out.iter().find(|w| w.term.eq_ignore_ascii_case(&term)) {
            return Err(bad_input(format!(
                "{what} `{}` is given twice; give it once with the weight you want",
                existing.term
            )));
        }
        out.push(Weighted { term, weight });
    }
    Ok(out)
}

/// Whether a like or dislike is a plain topic or word: two or more characters, a letter or digit
/// among them, and besides those only `-`, `_`, `+`, `.`, `#` and spaces (so `c++` and `go`
/// pass; invisible or combining marks and lone letters do not).
fn is_plain_term(term: &str) -> bool {
    term.chars().count() >= 2
        && term.chars().any(char::is_alphanumeric)
        && term
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '+' | '.' | '#' | ' '))
}

/// Zero-width and other format characters that look like nothing.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}')
}

/// Scores every session of the schedule (breaks and social events score 0), on its texts as
/// tokenised once ([`Schedule::texts`]).
pub fn score_all(schedule: &Schedule, interests: &Interests) -> Vec<Scored> {
    let texts = &*schedule.texts();
    let scorer = Scorer {
        interests,
        texts,
        likes: matchers(texts, &interests.likes),
        dislikes: matchers(texts, &interests.dislikes),
        ratings: interests
            .ratings
            .iter()
            .map(|r| (r.term.as_str(), r.weight))
            .collect(),
    };
    schedule
        .sessions
        .iter()
        .enumerate()
        .map(|(i, session)| {
            // Held for every session until the plan is written: its reasons without room
            // for more (316,000 talks in one slot held some 23 MB of spare room).
            let mut scored = scorer.score(i, session);
            scored.reasons.shrink_to_fit();
            scored
        })
        .collect()
}

/// One matcher per term of `list`, in order.
fn matchers(texts: &Texts, list: &[Weighted]) -> Vec<Matcher> {
    list.iter().map(|w| Matcher::new(texts, &w.term)).collect()
}

/// Everything [`score_all`] prepares once to score each session.
struct Scorer<'a> {
    /// The attendee's interests.
    interests: &'a Interests,
    /// The schedule's texts, tokenised once.
    texts: &'a Texts,
    /// A matcher per like, in order.
    likes: Vec<Matcher>,
    /// A matcher per dislike, in order.
    dislikes: Vec<Matcher>,
    /// Rated talks: session id to points.
    ratings: BTreeMap<&'a str, i64>,
}

impl Scorer<'_> {
    /// The score of session `i` and its reasons: 0 when unplannable, its rating when rated,
    /// else its likes, dislikes, tracks, speakers and favourite added up.
    fn score(&self, i: usize, session: &Session) -> Scored {
        let mut scored = Scored::default();
        if !session.kind.is_plannable() {
            return scored;
        }
        if let Some(&rating) = self.ratings.get(session.id.as_str()) {
            // A rating is the talk's score: it overrides every other interest.
            scored.half_points = HALF_POINTS_PER_POINT * rating;
            scored.reasons.push(format!("rated {rating}"));
            return scored;
        }
        self.add_terms(i, session, &mut scored);
        self.add_tracks(session, &mut scored);
        self.add_speakers(session, &mut scored);
        self.add_favourite(session, &mut scored);
        scored
    }

    /// Likes add and dislikes subtract: full weight in the track, title or topics, half weight
    /// in the abstract (see [`super::text_match`]).
    fn add_terms(&self, i: usize, session: &Session, scored: &mut Scored) {
        let interests = self.interests;
        for (list, matchers, sign) in [
            (&interests.likes, &self.likes, 1),
            (&interests.dislikes, &self.dislikes, -1),
        ] {
            for (w, m) in list.iter().zip(matchers) {
                let how = m.how(self.texts, i, session);
                let half = match how {
                    Match::None => continue,
                    full if full.is_full() => sign * HALF_POINTS_PER_POINT * w.weight,
                    _ => sign * w.weight,
                };
                let points = format!("{:+}", Points::from_half(half));
                scored.half_points += half;
                scored.reasons.push(m.reason(how, session, &points));
            }
        }
    }

    /// Each track interest naming the session's track (case-insensitive) adds its weight.
    fn add_tracks(&self, session: &Session, scored: &mut Scored) {
        for w in &self.interests.tracks {
            if session
                .track
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(&w.term))
            {
                let half = HALF_POINTS_PER_POINT * w.weight;
                scored.half_points += half;
                scored
                    .reasons
                    .push(format!("track {} {:+}", w.term, Points::from_half(half)));
            }
        }
    }

    /// Each speaker interest adds its weight per matching speaker (case-insensitive).
    fn add_speakers(&self, session: &Session, scored: &mut Scored) {
        for w in &self.interests.speakers {
            let hits = session
                .speakers
                .iter()
                .filter(|s| s.eq_ignore_ascii_case(&w.term))
                .count() as i64;
            if hits > 0 {
                let half = HALF_POINTS_PER_POINT * w.weight * hits;
                scored.half_points += half;
                scored
                    .reasons
                    .push(format!("{} {:+}", w.term, Points::from_half(half)));
            }
        }
    }

    /// A favourite adds its weight in half points.
    fn add_favourite(&self, session: &Session, scored: &mut Scored) {
        if let Some(f) = self
            .interests
            .favourites
            .iter()
            .find(|f| f.term == session.id)
        {
            let half = 2 * f.weight;
            scored.half_points += half;
            scored
                .reasons
                .push(format!("★ starred {:+}", Points::from_half(half)));
        }
    }
}

/// Scores one session (scoring the whole schedule: use [`score_all`] for many).
pub fn score(schedule: &Schedule, index: usize, interests: &Interests) -> Scored {
    score_all(schedule, interests).swap_remove(index)
}

/// Checks that every like, dislike, track and speaker matches at least one session; an unknown
/// one is an error suggesting the closest topic, track or speaker.
pub fn check_known(schedule: &Schedule, interests: &Interests) -> anyhow::Result<()> {
    let texts = &*schedule.texts();
    // The counts only make hints and check tracks: made when one is needed.
    let tracks = std::cell::OnceCell::new();
    let tracks = || tracks.get_or_init(|| schedule.track_counts());
    for (list, what) in [(&interests.likes, "like"), (&interests.dislikes, "dislike")] {
        for w in list {
            let m = Matcher::new(texts, &w.term);
            let matched = schedule
                .sessions
                .iter()
                .enumerate()
                .any(|(i, s)| s.kind.is_plannable() && m.occurs(texts, i, s));
            if !matched {
                let track = tracks()
                    .keys()
                    .find(|t| t.eq_ignore_ascii_case(&w.term) || slug(t) == w.term);
                let topics = schedule.topic_counts();
                let hint = match track {
                    Some(t) => format!("it is a track: use --tracks \"{t}\"; "),
                    None => closest(&w.term, topics.keys().map(String::as_str))
                        .map(|c| format!("did you mean `{c}`? "))
                        .unwrap_or_default(),
                };
                return Err(bad_input(format!(
                    "the {what} `{}` matches no topic, title or abstract in {}; {hint}`agenda topics` lists the topics",
                    w.term, schedule.conference.name
                )));
            }
        }
    }
    for w in &interests.tracks {
        let tracks = tracks();
        if !tracks.keys().any(|t| t.eq_ignore_ascii_case(&w.term)) {
            let hint = closest(&w.term, tracks.keys().map(String::as_str))
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            let listing = if tracks.is_empty() {
                format!("{} has no tracks", schedule.conference.name)
            } else {
                "`agenda topics` lists the tracks".to_string()
            };
            return Err(bad_input(format!(
                "no session is in the track `{}`; {hint}{listing}",
                w.term
            )));
        }
    }
    if interests.speakers.is_empty() {
        return Ok(());
    }
    let speakers: BTreeSet<&str> = schedule
        .sessions
        .iter()
        .flat_map(|s| s.speakers.iter().map(String::as_str))
        .collect();
    for w in &interests.speakers {
        if !speakers.iter().any(|s| s.eq_ignore_ascii_case(&w.term)) {
            let hint = closest(&w.term, speakers.iter().copied())
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            return Err(bad_input(format!(
                "no session has the speaker `{}`; {hint}`agenda talks --search NAME` finds speakers",
                w.term
            )));
        }
    }
    Ok(())
}

/// Resolves a must/avoid entry (an id, a whole title, or a fragment of exactly one title) to a
/// session index.
pub fn resolve_session(schedule: &Schedule, wanted: &str, list: &str) -> anyhow::Result<usize> {
    if wanted.trim().is_empty() {
        return Err(bad_input(format!(
            "an empty {list} names no session; give an id or a fragment of a title"
        )));
    }
    if let Some(i) = schedule.sessions.iter().position(|s| s.id == wanted) {
        return check_plannable(schedule, i, list);
    }
    let needle = wanted.to_lowercase();
    let hits: Vec<usize> = schedule
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.title.to_lowercase().contains(&needle))
        .map(|(i, _)| i)
        .collect();
    // A title given whole names that session even when it is part of longer titles too
    // ("Rust for Linux" beside "Rust for Linux: an overview").
    let exact: Vec<usize> = hits
        .iter()
        .copied()
        .filter(|&i| schedule.sessions[i].title.to_lowercase() == needle)
        .collect();
    let hits = if exact.len() == 1 { exact } else { hits };
    match hits.as_slice() {
        [one] => check_plannable(schedule, *one, list),
        [] => {
            let hint = closest(wanted, schedule.sessions.iter().map(|s| s.id.as_str()))
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            Err(bad_input(format!(
                "{list} `{wanted}` is neither a session id nor part of a title; {hint}`agenda talks --search WORD` finds sessions"
            )))
        }
        many => {
            let listing: Vec<String> = many
                .iter()
                .map(|&i| {
                    let s = &schedule.sessions[i];
                    format!(
                        "  {} — {} ({} {} {})",
                        s.id,
                        s.title,
                        s.date,
                        s.start.format("%H:%M"),
                        s.room
                    )
                })
                .collect();
            Err(bad_input(format!(
                "{list} `{wanted}` fits {} sessions; give one of these ids instead:\n{}",
                many.len(),
                listing.join("\n")
            )))
        }
    }
}

fn check_plannable(schedule: &Schedule, index: usize, list: &str) -> anyhow::Result<usize> {
    let s = &schedule.sessions[index];
    if s.kind.is_plannable() {
        Ok(index)
    } else {
        Err(bad_input(format!(
            "{list} `{}` is a {}, which is never planned; name a talk instead",
            s.id,
            s.kind.as_str()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_with_defaults_and_reject_nonsense() {
        let w = parse_weighted(&["bpf=3,Sysext".into(), "rust".into()], 1, true, "like").unwrap();
        assert_eq!(
            w,
            vec![
                Weighted {
                    term: "bpf".into(),
                    weight: 3
                },
                Weighted {
                    term: "sysext".into(),
                    weight: 1
                },
                Weighted {
                    term: "rust".into(),
                    weight: 1
                },
            ]
        );
        assert!(parse_weighted(&["bpf=x".into()], 1, true, "like").is_err());
        assert!(parse_weighted(&["bpf=0".into()], 1, true, "like").is_err());
        assert!(parse_weighted(&["bpf=11".into()], 1, true, "like").is_err());
        assert!(parse_weighted(&["bpf,bpf=2".into()], 1, true, "like").is_err());
        assert!(parse_weighted(&["bpf\u{200b}".into()], 1, true, "like").is_err());
        assert!(parse_weighted(&["İ".into()], 1, true, "like").is_err());
        assert!(parse_weighted(&["x".into()], 1, true, "like").is_err());
        assert!(parse_weighted(&["c++,image-based,node.js".into()], 1, true, "like").is_ok());
        assert!(parse_weighted(&["Dan Čermák".into()], 2, false, "speaker").is_ok());
        assert!(parse_weighted(&["Dan\u{200b}".into()], 2, false, "speaker").is_err());
    }

    #[test]
    fn points_print_as_halves() {
        assert_eq!(format_points(3), "1.5");
        assert_eq!(format_points(-4), "-2");
    }
}
