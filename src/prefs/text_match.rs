//! Where a like or dislike is found in a session: as a topic, in its text, or not at all.
//!
//! The schedule's titles and abstracts are tokenised once into [`Texts`] (see [`crate::words`]),
//! kept with the schedule ([`Schedule::texts`]) and shared by topic derivation, interest checking
//! and scoring. A term is compiled once into a [`Matcher`]: its
//! topic and the words that signal it. A term of the vocabulary stands for its whole family
//! (`ebpf` and `bpf` are the topic `bpf`, signalled by either word); any other term stands for
//! itself, as a word or phrase.
//!
//! - **topic** (full weight): the session carries the term, or its vocabulary topic, as a topic;
//! - **in the text** (half weight): else, a signalling word is in the title, or the abstract
//!   mentions it *not incidentally*: at least twice, or once in its first sentence;
//! - else no match.

use crate::import::vocabulary;
use crate::schedule::{Schedule, Session};
use crate::words::Phrases;
pub use crate::words::Texts;

/// How a term matches a session: as a topic (full weight), in the text (half weight), or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Match {
    Topic,
    Word,
    None,
}

/// For each session, the vocabulary topics it does not carry but mentions in its text in a way
/// a like counts at the lower weight (see the module docs); empty for breaks and social events.
pub fn text_topics(schedule: &Schedule) -> Vec<Vec<&'static str>> {
    let texts = &*schedule.texts();
    let matchers: Vec<Matcher> = vocabulary::TERMS
        .iter()
        .map(|t| Matcher::new(texts, t.topic))
        .collect();
    schedule
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if !s.kind.is_plannable() {
                return Vec::new();
            }
            matchers
                .iter()
                .filter(|m| m.how(texts, i, s) == Match::Word)
                .filter_map(|m| m.topic)
                .collect()
        })
        .collect()
}

/// A like or dislike, compiled for matching.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The term as given.
    term: String,
    /// Its vocabulary topic, when it belongs to one.
    topic: Option<&'static str>,
    /// The words that signal it in a text.
    phrases: Phrases,
}

impl Matcher {
    /// Compiles a (lowercase) like or dislike.
    pub fn new(texts: &Texts, term: &str) -> Self {
        // A vocabulary term is signalled by its family's words, each with its own capital rule
        // (every topic is one of its own words); any other term by itself.
        let family = vocabulary::family(term);
        let words: Vec<&str> = family.map_or_else(|| vec![term], |f| f.words.to_vec());
        let phrases = vocabulary::phrases(texts.lexicon(), &words);
        Matcher {
            term: term.to_string(),
            topic: family.map(|f| f.topic),
            phrases,
        }
    }

    /// How the term matches session `index` of the schedule the texts were made from.
    pub(super) fn how(&self, texts: &Texts, index: usize, session: &Session) -> Match {
        let topic = |t: &String| t == &self.term || self.topic.is_some_and(|v| t == v);
        if session.topics.iter().any(topic) {
            return Match::Topic;
        }
        if self.phrases.occur_in(texts.title(index)) {
            return Match::Word;
        }
        let (count, first) = self.phrases.mentions(texts.abstract_text(index));
        if count >= 2 || first {
            Match::Word
        } else {
            Match::None
        }
    }
}
