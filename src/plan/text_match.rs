//! Where a like or dislike is found in a session: as a topic, in its text, or not at all.
//!
//! The schedule's titles and abstracts are tokenised once into [`Texts`] (see [`crate::words`])
//! and shared by interest checking and scoring. A term is compiled once into a [`Matcher`]: its
//! topic and the words that signal it. A term of the vocabulary stands for its whole family
//! (`ebpf` and `bpf` are the topic `bpf`, signalled by either word); any other term stands for
//! itself, as a word or phrase.
//!
//! - **topic** (full weight): the session carries the term, or its vocabulary topic, as a topic;
//! - **in the text** (half weight): else, a signalling word is in the title, or the abstract
//!   mentions it *not incidentally*: at least twice, or once in its first sentence;
//! - else no match.

use super::interests::Match;
use crate::import::vocabulary::{self, Phrase};
use crate::schedule::{Schedule, Session};
use crate::words::{Lexicon, Tokens};

/// Every session's title and abstract, tokenised once.
#[derive(Debug, Clone)]
pub struct Texts {
    lexicon: Lexicon,
    titles: Vec<Tokens>,
    abstracts: Vec<Tokens>,
}

impl Texts {
    /// Tokenises every session's title and abstract.
    pub fn new(schedule: &Schedule) -> Self {
        let mut lexicon = Lexicon::new();
        let mut titles = Vec::with_capacity(schedule.sessions.len());
        let mut abstracts = Vec::with_capacity(schedule.sessions.len());
        for s in &schedule.sessions {
            titles.push(lexicon.tokenise(&s.title));
            abstracts.push(lexicon.tokenise(&s.abstract_text));
        }
        Texts {
            lexicon,
            titles,
            abstracts,
        }
    }
}

/// For each session, the vocabulary topics it does not carry but mentions in its text in a way
/// a like counts at the lower weight (see the module docs); empty for breaks and social events.
pub fn text_topics(schedule: &Schedule, texts: &mut Texts) -> Vec<Vec<&'static str>> {
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
    phrases: Vec<Phrase>,
}

impl Matcher {
    /// Compiles a (lowercase) like or dislike.
    pub fn new(texts: &mut Texts, term: &str) -> Self {
        // A vocabulary term is signalled by its family's words, each with its own capital rule
        // (every topic is one of its own words); any other term by itself.
        let family = vocabulary::family(term);
        let words: Vec<&str> = family.map_or_else(|| vec![term], |f| f.words.to_vec());
        let phrases = vocabulary::phrases(&mut texts.lexicon, &words);
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
        let lexicon = &texts.lexicon;
        let (in_title, _) = vocabulary::mentions(lexicon, &texts.titles[index], &self.phrases);
        let (count, first) = vocabulary::mentions(lexicon, &texts.abstracts[index], &self.phrases);
        if in_title > 0 || count >= 2 || first {
            Match::Word
        } else {
            Match::None
        }
    }
}
