//! Where a like or dislike is found in a session: its track, its title, its topics, its text,
//! or nowhere.
//!
//! The schedule's titles and abstracts are tokenised once into [`Texts`] (see [`crate::words`]),
//! kept with the schedule ([`Schedule::texts`]) and shared by topic derivation, interest checking
//! and scoring. A term is compiled once into a [`Matcher`]: the topics it seeks and the words
//! that signal them. A term of the vocabulary stands for its whole family (`ebpf` and `bpf` are
//! the topic `bpf`) with the related words and narrower topics of the vocabulary (`security`
//! is also signalled by `cve` and `supply chain`, and seeks `attestation`); any other term
//! stands for itself, as a word or phrase. A signal inside a phrase of another sense (`gpu
//! kernel` for `kernel`) does not count.
//!
//! - **full weight**: a signal is in the session's *track* name, or in its *title*, or the
//!   session carries one of the topics (an organiser's tag, or a topic derived on import);
//! - **half weight**: else the abstract mentions signals *not incidentally*: for a topic of the
//!   vocabulary, twice or more (the same word or others) and at least once per 50 words of the
//!   abstract; for any other word, twice or more, or once in its first sentence;
//! - else no match.

use crate::import::vocabulary::{self, Term};
use crate::schedule::{Schedule, Session};
pub use crate::words::Texts;
use crate::words::{Phrases, Tokens};

/// Mentions an abstract needs, at least, to count for a like (see [`Matcher::how`]).
pub const MIN_MENTIONS: usize = 2;
/// For a topic of the vocabulary, an abstract needs a mention per this many of its words.
pub const WORDS_PER_MENTION: usize = 50;

/// Where a term matches a session, with the signalling word as the vocabulary writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match<'a> {
    /// A signal is in the track's name.
    Track,
    /// A signal is in the title.
    Title(&'a str),
    /// The session carries the topic (or a narrower one it seeks).
    Topic(&'a str),
    /// The abstract mentions a signal, not incidentally.
    Text(&'a str),
    /// Nowhere.
    None,
}

impl Match<'_> {
    /// Whether the match counts at full weight (else half, or nothing).
    pub fn is_full(self) -> bool {
        matches!(self, Match::Track | Match::Title(_) | Match::Topic(_))
    }
}

/// For each session, the vocabulary topics it does not carry but mentions in its title or
/// abstract in a way a like counts (see the module docs); empty for breaks and social events.
/// Each topic on its own: without its related narrower topics.
pub fn text_topics(schedule: &Schedule) -> Vec<Vec<&'static str>> {
    let texts = &*schedule.texts();
    let matchers: Vec<Matcher> = vocabulary::TERMS
        .iter()
        .map(|t| Matcher::compile(texts, t.topic, &[t], vec![t.topic]))
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
                .filter(|m| matches!(m.how(texts, i, s), Match::Title(_) | Match::Text(_)))
                .filter_map(|m| m.topics.first().copied())
                .collect()
        })
        .collect()
}

/// A like or dislike, compiled for matching.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The term as given.
    term: String,
    /// Its vocabulary topic and the narrower topics it seeks; empty for a term outside the
    /// vocabulary.
    topics: Vec<&'static str>,
    /// The words that name the term itself (its family's names, or the term).
    names: Vec<String>,
    /// The signals, compiled.
    phrases: Phrases,
    /// The signals as written, in the order of `phrases`.
    words: Vec<String>,
}

impl Matcher {
    /// Compiles a (lowercase) like or dislike.
    pub fn new(texts: &Texts, term: &str) -> Self {
        match vocabulary::family(term) {
            Some(family) => {
                let mut seeks: Vec<&Term> = vec![family];
                seeks.extend(
                    family
                        .includes
                        .iter()
                        .filter_map(|t| vocabulary::TERMS.iter().find(|v| v.topic == *t)),
                );
                let topics = seeks.iter().map(|t| t.topic).collect();
                Matcher::compile(texts, term, &seeks, topics)
            }
            None => {
                let phrases = vocabulary::phrases(texts.lexicon(), &[term]);
                Matcher {
                    term: term.to_string(),
                    topics: Vec::new(),
                    names: vec![term.to_string()],
                    phrases,
                    words: vec![term.to_string()],
                }
            }
        }
    }

    /// A term of the vocabulary seeking `seeks` (its family first).
    fn compile(texts: &Texts, term: &str, seeks: &[&Term], topics: Vec<&'static str>) -> Self {
        let (phrases, words) = vocabulary::signals(texts.lexicon(), seeks);
        let family = seeks[0];
        Matcher {
            term: term.to_string(),
            topics,
            names: std::iter::once(family.topic)
                .chain(family.words.iter().copied())
                .map(str::to_string)
                .collect(),
            phrases,
            words: words.into_iter().map(str::to_string).collect(),
        }
    }

    /// How the term matches session `index` of the schedule the texts were made from.
    pub fn how(&self, texts: &Texts, index: usize, session: &Session) -> Match<'_> {
        if texts.track(index).is_some_and(|t| self.phrases.occur_in(t)) {
            return Match::Track;
        }
        let carried = |t: &str| session.topics.iter().any(|c| c == t);
        if self.topics.is_empty() && carried(&self.term) {
            // A word outside the vocabulary that the organisers tagged the talk with.
            return Match::Topic(&self.term);
        }
        if let Some(i) = self.phrases.first_in(texts.title(index)) {
            return Match::Title(&self.words[i]);
        }
        if carried(&self.term) {
            return Match::Topic(&self.term);
        }
        if let Some(topic) = self.topics.iter().find(|t| carried(t)) {
            return Match::Topic(topic);
        }
        let text = texts.abstract_text(index);
        match self.phrases.mentions(text) {
            (count, first_sentence, Some(i))
                if self.not_incidental(count, first_sentence, text) =>
            {
                Match::Text(&self.words[i])
            }
            _ => Match::None,
        }
    }

    /// Whether `count` mentions in an abstract are more than incidental: for a topic of the
    /// vocabulary, at least [`MIN_MENTIONS`] and one per [`WORDS_PER_MENTION`] words of the
    /// abstract or more (a topic has many signals, and long abstracts touch many fields in
    /// passing); for any other word, two mentions or one in the first sentence.
    fn not_incidental(&self, count: usize, first_sentence: bool, text: &Tokens) -> bool {
        if self.topics.is_empty() {
            count >= MIN_MENTIONS || first_sentence
        } else {
            count >= MIN_MENTIONS && count * WORDS_PER_MENTION >= text.words.len()
        }
    }

    /// Whether the term occurs in session `index` at all, even incidentally: in its track,
    /// title, topics or anywhere in its abstract.
    pub fn occurs(&self, texts: &Texts, index: usize, session: &Session) -> bool {
        self.how(texts, index, session) != Match::None
            || self.phrases.occur_in(texts.abstract_text(index))
    }

    /// Why the match scores, for the Why column: `security (track) +1`, `security +1` (the
    /// title names it, or the talk carries it), `security: “CVE” in title +1`, `security:
    /// attestation +1` (a narrower topic), `“rust” in text +0.5`, `security: “TLS” in text
    /// +0.5`; `points` is the signed score it adds, as printed.
    pub fn reason(&self, m: Match<'_>, session: &Session, points: &str) -> String {
        let term = &self.term;
        // The signal names the term when one of its words is a name (`Linux kernel`).
        let names = |w: &str| {
            w.split([' ', '-', '.'])
                .any(|part| self.names.iter().any(|n| n.eq_ignore_ascii_case(part)))
        };
        let outside = self.topics.is_empty();
        match m {
            Match::Track => format!("{term} (track) {points}"),
            Match::Title(_) if outside => format!("“{term}” in title {points}"),
            Match::Title(w) if names(w) => format!("{term} {points}"),
            Match::Title(w) => {
                let w = written_in(&session.title, w)
                    .or_else(|| written_in(&session.subtitle, w))
                    .unwrap_or(w);
                format!("{term}: “{w}” in title {points}")
            }
            Match::Topic(t) if names(t) || t == term => format!("{term} {points}"),
            Match::Topic(t) => format!("{term}: {t} {points}"),
            Match::Text(w) if outside || names(w) => format!("“{term}” in text {points}"),
            Match::Text(w) => {
                let w = as_written(&session.abstract_text, w);
                format!("{term}: “{w}” in text {points}")
            }
            Match::None => String::new(),
        }
    }
}

/// `word` as `text` writes it (`CVEs` for `cve`, `Machine Learning` for `machine-learning`,
/// `Sandboxing` for `sandbox`), when it stands there as a whole word, or its plural with an
/// `s`, in letters of either case and with a space or a dash between its words, or, for one
/// word, as another of its forms ([`crate::words::forms`]); else `word` itself.
fn as_written<'a>(text: &'a str, word: &'a str) -> &'a str {
    written_in(text, word).unwrap_or(word)
}

/// [`as_written`], `None` when `text` does not have the word.
fn written_in<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let found = [' ', '-']
        .into_iter()
        .find_map(|between| found_as(text, &word.replace([' ', '-'], &between.to_string())));
    if found.is_some() || word.contains([' ', '-']) {
        return found;
    }
    let mut form = None;
    crate::words::forms::each_form(&word.to_ascii_lowercase(), |f| {
        if form.is_none() {
            form = found_as(text, f);
        }
    });
    form
}

/// Where `text` has `word` (lowercase ASCII compared), as a whole word or its plural.
fn found_as<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    // ASCII lowercasing keeps every byte offset, so a place in `lower` is one in `text`.
    let lower = text.to_ascii_lowercase();
    let wanted = word.to_ascii_lowercase();
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    lower
        .match_indices(&wanted)
        .filter(|&(at, _)| boundary(lower[..at].chars().next_back()))
        .find_map(|(at, _)| {
            let end = at + wanted.len();
            let end = if lower[end..].starts_with('s') {
                end + 1
            } else {
                end
            };
            boundary(lower[end..].chars().next()).then(|| &text[at..end])
        })
}

#[cfg(test)]
mod tests {
    use super::as_written;

    #[test]
    fn a_signal_is_shown_as_the_text_writes_it() {
        assert_eq!(as_written("Fixing CVEs on Debian", "cve"), "CVEs");
        assert_eq!(
            as_written("Bringing Machine Learning to the grid", "machine-learning"),
            "Machine Learning"
        );
        assert_eq!(
            as_written("Post-Quantum Cryptography", "post-quantum"),
            "Post-Quantum"
        );
        assert_eq!(as_written("Sandboxing for all", "sandbox"), "Sandboxing");
        assert_eq!(as_written("Encrypted DNS", "encryption"), "Encrypted");
        // Not as a whole word: the vocabulary's spelling.
        assert_eq!(as_written("Cvent and more", "cve"), "cve");
    }
}
