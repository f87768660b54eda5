//! Words of talks, tokenised once: the shared ground of topic derivation, interest checking and
//! scoring.
//!
//! A **word** is a run of letters, digits, `+` and `#` (so `c++` and `c#` stay whole; `-`, `.`
//! and everything else split: `systemd-boot` is `systemd boot`, `node.js` is `node js`). Words
//! are case-folded and interned in a [`Lexicon`] as small integer ids, so matching a like
//! against thousands of abstracts compares integers and allocates nothing per word; only a word
//! the lexicon has not seen yet is copied once. Each position also keeps whether the word was
//! written with a capital first letter (the vocabulary's `Go` needs one).
//!
//! A **phrase** (`image-based`, `risc-v`) is a sequence of words. A word of the text matches a
//! word of a phrase when they are the same, or the text's word is the phrase word's plural with
//! an `s` (`systems` matches `system`).
//!
//! The **first sentence** of an abstract runs to the first `.`, `!` or `?` that is followed by
//! whitespace or ends the text.

use std::collections::HashMap;

/// Id of an interned, case-folded word.
pub type WordId = u32;

/// Every distinct case-folded word seen, with its id, and the id of its singular (the word
/// without a final `s`) when that word is known too.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    ids: HashMap<Box<str>, WordId>,
    words: Vec<Box<str>>,
    /// For each word, the id of the same word without its final `s`, when known.
    singular: Vec<Option<WordId>>,
    buffer: String,
}

/// One word of a text: its id and whether its first letter was a capital.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The case-folded word.
    pub id: WordId,
    /// Written with a capital first letter (`Go`, not `go`).
    pub capital: bool,
}

/// A text as tokens, with the end of its first sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    /// The words in order.
    pub words: Vec<Token>,
    /// How many of `words` belong to the first sentence.
    pub first_sentence: usize,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        Lexicon::default()
    }

    /// The id of a case-folded word, adding it when new.
    fn intern_buffer(&mut self) -> WordId {
        if let Some(&id) = self.ids.get(self.buffer.as_str()) {
            return id;
        }
        let id = self.words.len() as WordId;
        let word: Box<str> = self.buffer.as_str().into();
        let stem = word
            .strip_suffix('s')
            .and_then(|s| self.ids.get(s))
            .copied();
        self.singular.push(stem);
        // The plural may have come first: it learns its singular now.
        self.buffer.push('s');
        if let Some(&plural) = self.ids.get(self.buffer.as_str()) {
            self.singular[plural as usize] = Some(id);
        }
        self.buffer.pop();
        self.words.push(word.clone());
        self.ids.insert(word, id);
        id
    }

    /// The id of `word` (case-folded first), if the lexicon has it; never adds.
    pub fn lookup(&mut self, word: &str) -> Option<WordId> {
        fold_into(&mut self.buffer, word);
        self.ids.get(self.buffer.as_str()).copied()
    }

    /// The word behind an id.
    pub fn word(&self, id: WordId) -> &str {
        &self.words[id as usize]
    }

    /// Tokenises `text`, interning its words.
    pub fn tokenise(&mut self, text: &str) -> Tokens {
        let mut tokens = Tokens::default();
        let mut sentence_open = true;
        let mut chars = text.char_indices().peekable();
        let mut start: Option<usize> = None;
        while let Some((at, c)) = chars.next() {
            let in_word = c.is_alphanumeric() || matches!(c, '+' | '#');
            if in_word {
                start.get_or_insert(at);
                if chars.peek().is_some() {
                    continue;
                }
            }
            if let Some(from) = start.take() {
                let end = if in_word { text.len() } else { at };
                self.push_word(&text[from..end], &mut tokens);
            }
            if sentence_open
                && matches!(c, '.' | '!' | '?')
                && chars.peek().is_none_or(|(_, n)| n.is_whitespace())
                && !tokens.words.is_empty()
            {
                sentence_open = false;
                tokens.first_sentence = tokens.words.len();
            }
        }
        if sentence_open {
            tokens.first_sentence = tokens.words.len();
        }
        tokens
    }

    fn push_word(&mut self, word: &str, tokens: &mut Tokens) {
        // `+` and `#` only belong to a word after a letter or digit (`c++`, not `+1`).
        let word = word.trim_start_matches(['+', '#']);
        if word.is_empty() {
            return;
        }
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        fold_into(&mut self.buffer, word);
        let id = self.intern_buffer();
        tokens.words.push(Token { id, capital });
    }

    /// A phrase (`image-based`, `Rust`) as ids, tokenised like a text (its words are interned);
    /// `None` when it has no word at all.
    pub fn phrase(&mut self, text: &str) -> Option<Vec<WordId>> {
        let mut ids = Vec::new();
        split_words(text, |w| {
            fold_into(&mut self.buffer, w);
            ids.push(self.intern_buffer());
        });
        (!ids.is_empty()).then_some(ids)
    }

    /// Whether the text word `have` matches the phrase word `want`: the same word, or its
    /// plural with an `s`.
    pub fn same(&self, have: WordId, want: WordId) -> bool {
        have == want || self.singular[have as usize] == Some(want)
    }
}

/// Splits `text` into words as [`Lexicon::tokenise`] does, without interning.
pub fn split_words(text: &str, mut each: impl FnMut(&str)) {
    for word in text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '+' | '#'))) {
        let word = word.trim_start_matches(['+', '#']);
        if !word.is_empty() {
            each(word);
        }
    }
}

/// Case-folds `word` into `buffer` (cleared first), reusing its allocation.
fn fold_into(buffer: &mut String, word: &str) {
    buffer.clear();
    for c in word.chars() {
        if c.is_ascii() {
            buffer.push(c.to_ascii_lowercase());
        } else {
            buffer.extend(c.to_lowercase());
        }
    }
}

impl Tokens {
    /// Positions where `phrase` starts; with `capital`, only where its first word has a capital.
    pub fn find<'a>(
        &'a self,
        lexicon: &'a Lexicon,
        phrase: &'a [WordId],
        capital: bool,
    ) -> impl Iterator<Item = usize> + 'a {
        let n = phrase.len();
        (0..(self.words.len() + 1).saturating_sub(n)).filter(move |&at| {
            (!capital || self.words[at].capital)
                && self.words[at..at + n]
                    .iter()
                    .zip(phrase)
                    .all(|(t, &w)| lexicon.same(t.id, w))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(lexicon: &Lexicon, tokens: &Tokens) -> Vec<String> {
        tokens
            .words
            .iter()
            .map(|t| lexicon.word(t.id).to_string())
            .collect()
    }

    #[test]
    fn words_keep_plus_and_hash_and_split_at_dashes_and_dots() {
        let mut lx = Lexicon::new();
        let t = lx.tokenise("C++ and C# on systemd-boot, node.js +1");
        assert_eq!(
            words(&lx, &t),
            [
                "c++", "and", "c#", "on", "systemd", "boot", "node", "js", "1"
            ]
        );
        assert!(t.words[0].capital && !t.words[1].capital);
    }

    #[test]
    fn the_first_sentence_ends_at_a_full_stop_before_a_space() {
        let mut lx = Lexicon::new();
        let t = lx.tokenise("Rust 1.80 is out. Python too! More");
        assert_eq!(t.first_sentence, 5, "rust 1 80 is out");
        let whole = lx.tokenise("No full stop at all");
        assert_eq!(whole.first_sentence, 5);
    }

    #[test]
    fn phrases_match_whole_words_and_plurals() {
        let mut lx = Lexicon::new();
        let t = lx.tokenise("Image-based systems and Rust; trusty crates");
        let found = |lx: &mut Lexicon, p: &str| {
            lx.phrase(p)
                .is_some_and(|ids| t.find(lx, &ids, false).next().is_some())
        };
        assert!(found(&mut lx, "image-based"));
        assert!(found(&mut lx, "rust"));
        assert!(found(&mut lx, "system"));
        assert!(!found(&mut lx, "trust"));
        assert!(!found(&mut lx, "based image"));
    }
}
