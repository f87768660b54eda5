//! Words of talks, tokenised once: the shared ground of topic derivation, interest checking and
//! scoring.
//!
//! A **word** is a run of letters, digits, `+` and `#` (so `c++` and `c#` stay whole; `-`, `.`
//! and everything else split: `systemd-boot` is `systemd boot`, `node.js` is `node js`). Words
//! are case-folded and interned in a [`Lexicon`] as small integer ids, so matching a like
//! against thousands of abstracts compares integers and allocates nothing per word; only a word
//! the lexicon has not seen yet is copied once (a lowercase ASCII word, most of them, is looked
//! up as it stands in the text; others are folded into one reused buffer first). Each position
//! also keeps whether the word was written with a capital first letter (the vocabulary's `Go`
//! needs one).
//!
//! A **phrase** (`image-based`, `risc-v`) is a sequence of words. A word of the text matches a
//! word of a phrase when they are the same, or the text's word is the phrase word's plural with
//! an `s` (`systems` matches `system`), or another form of it by the rule of [`forms`]
//! (`encrypted` and `encrypt` match `encryption`, `cryptographic` matches `cryptography`,
//! `tests` and `tested` match `testing`, `containerised` matches `container`). A phrase is
//! compiled against a finished lexicon by looking its words' forms up, never adding them, so
//! one [`Texts`] can be shared read-only by everything that matches against it; a phrase word
//! is then the few ids of its forms, and matching a text word compares integers.
//! [`Lexicon::exact_phrase`] compiles a phrase of the word and its plural only, as the phrases
//! of other senses are.
//!
//! The **first sentence** of an abstract runs to the first `.`, `!` or `?` that is followed by
//! whitespace or ends the text.
//!
//! [`Heads`] holds every session's title and track as tokens: the importer makes it and derives
//! topics from it. [`Texts`] adds the abstracts for interest checks and scores: tokenised on
//! first use, so `check` never pays for them, or, for a command that will match interests,
//! on the second core while the importer derives topics ([`Tokenised::beside`]). The schedule
//! keeps both ([`TextCache`]).

pub mod forms;

use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// Id of an interned, case-folded word.
pub type WordId = u32;

/// Every distinct case-folded word seen, with its id.
///
/// A word of up to 8 bytes (most words) is kept as its bytes packed into a `u64` (padded with
/// zero bytes, which no word holds), so looking it up hashes and compares one integer; longer
/// words are kept as strings.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    short: FxHashMap<u64, WordId>,
    long: FxHashMap<Box<str>, WordId>,
    buffer: String,
}

/// A word of up to 8 bytes as one integer (see [`Lexicon`]).
#[inline]
fn packed(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 8).then(|| {
        let mut padded = [0u8; 8];
        padded[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(padded)
    })
}

/// How a [`Lexicon`] keeps a word: up to 8 bytes packed in an integer, or longer.
#[derive(Debug, Clone, Copy)]
enum Key<'a> {
    Short(u64),
    Long(&'a str),
}

/// One word of a text: its id and whether its first letter was a capital, in four bytes (the
/// capital is the top bit), so that the words of 100,000 abstracts take half the room. A
/// lexicon never reaches 2^31 words: each new word and the separator after it take two bytes
/// or more, so that would take a text of 4 GB, held in memory whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token(u32);

impl Token {
    const CAPITAL: u32 = 1 << 31;

    fn new(id: WordId, capital: bool) -> Token {
        debug_assert!(id < Token::CAPITAL, "a lexicon of 2^31 words");
        Token(id | if capital { Token::CAPITAL } else { 0 })
    }

    /// The case-folded word.
    pub fn id(self) -> WordId {
        self.0 & !Token::CAPITAL
    }

    /// Written with a capital first letter (`Go`, not `go`).
    pub fn capital(self) -> bool {
        self.0 & Token::CAPITAL != 0
    }
}

/// A text as tokens, with the end of its first sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    /// The words in order.
    pub words: Vec<Token>,
    /// How many of `words` belong to the first sentence.
    pub first_sentence: usize,
}

/// One word of a phrase as the lexicon knows it: the ids of the word itself, its plural with an
/// `s` and its other forms (see [`forms`]), those the lexicon has, in increasing order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Want {
    ids: Box<[WordId]>,
}

impl Want {
    /// Whether the text word `have` matches: the same word, its plural or another form.
    #[inline]
    pub fn is(&self, have: WordId) -> bool {
        self.ids.contains(&have)
    }

    /// The ids of the forms the lexicon has.
    pub fn ids(&self) -> &[WordId] {
        &self.ids
    }
}

/// A word or phrase compiled against a lexicon, for matching its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The words.
    pub words: Vec<Want>,
    /// The first word must be written with a capital.
    pub capital: bool,
}

/// Whether a byte, as an ASCII character, belongs to a word.
const fn ascii_word_bytes() -> [bool; 128] {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'+' as usize || b == b'#' as usize;
        b += 1;
    }
    table
}
const ASCII_WORD: [bool; 128] = ascii_word_bytes();

/// The character at byte `at` of `text` (a character boundary), whether it belongs to a word,
/// and its length in bytes.
#[inline]
fn char_at(text: &str, at: usize) -> (char, bool, usize) {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        (b as char, ASCII_WORD[b as usize], 1)
    } else {
        let c = text[at..].chars().next().unwrap_or(' ');
        (c, c.is_alphanumeric(), c.len_utf8())
    }
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        Lexicon::default()
    }

    /// How many distinct words it holds.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Whether it holds no word.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of a case-folded word, adding it when new.
    fn intern(&mut self, folded: &str) -> WordId {
        let next = self.len() as WordId;
        match packed(folded) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => {
                if let Some(&id) = self.long.get(folded) {
                    return id;
                }
                self.long.insert(folded.into(), next);
                next
            }
        }
    }

    /// The id of a word by its key (see [`Lexicon::keys`]), adding it when new.
    fn intern_key(&mut self, key: Key<'_>) -> WordId {
        let next = self.len() as WordId;
        match key {
            Key::Short(packed) => *self.short.entry(packed).or_insert(next),
            Key::Long(word) => {
                if let Some(&id) = self.long.get(word) {
                    return id;
                }
                self.long.insert(word.into(), next);
                next
            }
        }
    }

    /// Each word's key, by id.
    fn keys(&self) -> Vec<Key<'_>> {
        let mut keys = vec![Key::Short(0); self.len()];
        for (&packed, &id) in &self.short {
            keys[id as usize] = Key::Short(packed);
        }
        for (word, &id) in &self.long {
            keys[id as usize] = Key::Long(word);
        }
        keys
    }

    /// The id of a case-folded word, if the lexicon has it.
    fn id_of(&self, folded: &str) -> Option<WordId> {
        match packed(folded) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(folded).copied(),
        }
    }

    /// The id of `word` (case-folded first), if the lexicon has it; never adds.
    pub fn lookup(&self, word: &str) -> Option<WordId> {
        if is_folded(word) {
            return self.id_of(word);
        }
        let mut folded = String::with_capacity(word.len());
        fold_into(&mut folded, word);
        self.id_of(&folded)
    }

    /// Tokenises `text`, interning its words.
    ///
    /// Byte by byte: ASCII is classified by a table, and only a byte above ASCII is decoded to
    /// a character (its class is [`char::is_alphanumeric`]). A word of ASCII letters and digits
    /// (most words) of up to 8 bytes is looked up by its bytes loaded as one integer and folded
    /// in it eight at a time; a longer lowercase one as it stands in the text.
    pub fn tokenise(&mut self, text: &str) -> Tokens {
        let bytes = text.as_bytes();
        let mut tokens = Tokens {
            // About one word in seven bytes of English.
            words: Vec::with_capacity(text.len() / 7 + 1),
            first_sentence: 0,
        };
        let mut sentence_open = true;
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            if b < 0x80 && !ASCII_WORD[usize::from(b)] {
                // Blanks and other ASCII between words, the most common case after letters.
                at += 1;
                if sentence_open
                    && matches!(b, b'.' | b'!' | b'?')
                    && (at == bytes.len() || char_at(text, at).0.is_whitespace())
                    && !tokens.words.is_empty()
                {
                    sentence_open = false;
                    tokens.first_sentence = tokens.words.len();
                }
                continue;
            }
            let from = at;
            if b < 0x80 {
                // A word that starts in ASCII: its ASCII run first, eight letters and digits
                // at a time while they last, then byte by byte.
                let mut upper = false;
                while let Some(eight) = bytes.get(at..at + 8) {
                    let (run, capitals) = alphanumeric_run(eight);
                    upper |= capitals;
                    at += run;
                    if run < 8 {
                        break;
                    }
                }
                while let Some(&b) = bytes.get(at) {
                    if b >= 0x80 || !ASCII_WORD[usize::from(b)] {
                        break;
                    }
                    upper |= b.is_ascii_uppercase();
                    at += 1;
                }
                let goes_on = bytes
                    .get(at)
                    .is_some_and(|&b| b >= 0x80 && char_at(text, at).1);
                if !goes_on && !matches!(b, b'+' | b'#') {
                    self.push_ascii_word(text, from, at, upper, &mut tokens);
                    continue;
                }
                if !goes_on {
                    self.push_word(&text[from..at], !upper, &mut tokens);
                    continue;
                }
            } else {
                let (_, in_word, len) = char_at(text, at);
                at += len;
                if !in_word {
                    continue;
                }
            }
            // A word with a character above ASCII: runs to the first character that is not a
            // letter, digit, + or #.
            while let Some(&b) = bytes.get(at) {
                if b < 0x80 {
                    if !ASCII_WORD[usize::from(b)] {
                        break;
                    }
                    at += 1;
                } else {
                    let (_, in_word, len) = char_at(text, at);
                    if !in_word {
                        break;
                    }
                    at += len;
                }
            }
            self.push_word(&text[from..at], false, &mut tokens);
        }
        if sentence_open {
            tokens.first_sentence = tokens.words.len();
        }
        // Kept for the schedule's life: without the room the guess above may have left.
        tokens.words.shrink_to_fit();
        tokens
    }

    /// Interns the word `text[from..to]` of ASCII letters, digits, `+` and `#` that starts
    /// with a letter or digit (`upper`: it has a capital).
    #[inline]
    fn push_ascii_word(
        &mut self,
        text: &str,
        from: usize,
        to: usize,
        upper: bool,
        tokens: &mut Tokens,
    ) {
        let bytes = text.as_bytes();
        let capital = bytes[from].is_ascii_uppercase();
        let len = to - from;
        let id = if len <= 8 {
            // The word's bytes as one integer, padded with zeros as `packed` pads.
            let key = match bytes.get(from..from + 8) {
                Some(eight) => {
                    let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
                    word & (u64::MAX >> (8 * (8 - len)))
                }
                None => {
                    let mut padded = [0u8; 8];
                    padded[..len].copy_from_slice(&bytes[from..to]);
                    u64::from_le_bytes(padded)
                }
            };
            let next = self.len() as WordId;
            *self.short.entry(ascii_lowercase(key)).or_insert(next)
        } else if upper {
            let mut buffer = std::mem::take(&mut self.buffer);
            buffer.clear();
            buffer.push_str(&text[from..to]);
            buffer.make_ascii_lowercase();
            let id = self.intern(&buffer);
            self.buffer = buffer;
            id
        } else {
            self.intern(&text[from..to])
        };
        tokens.words.push(Token::new(id, capital));
    }

    /// Interns one word of a text (`folded`: it is lowercase ASCII already).
    fn push_word(&mut self, word: &str, folded: bool, tokens: &mut Tokens) {
        // `+` and `#` only belong to a word after a letter or digit (`c++`, not `+1`).
        let word = match word.as_bytes()[0] {
            b'+' | b'#' => word.trim_start_matches(['+', '#']),
            _ => word,
        };
        let capital = match word.as_bytes().first() {
            None => return,
            Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
            Some(_) => word.chars().next().is_some_and(char::is_uppercase),
        };
        let id = if folded {
            self.intern(word)
        } else {
            let mut buffer = std::mem::take(&mut self.buffer);
            fold_into(&mut buffer, word);
            let id = self.intern(&buffer);
            self.buffer = buffer;
            id
        };
        tokens.words.push(Token::new(id, capital));
    }

    /// A word or phrase (`image-based`, `Go`) compiled for matching, tokenised like a text; a
    /// capital first letter must match a capital in the text. Each word matches its forms (see
    /// [`forms`]). `None` when it has no word, or when one of its words is not in the lexicon
    /// in any form (then it occurs nowhere).
    pub fn phrase(&self, text: &str) -> Option<Phrase> {
        self.compile(text, true)
    }

    /// [`Lexicon::phrase`] with each word matching itself and its plural with an `s` only: for
    /// phrases in which a word means something else (`distributed` beside `distribution`).
    pub fn exact_phrase(&self, text: &str) -> Option<Phrase> {
        self.compile(text, false)
    }

    fn compile(&self, text: &str, all_forms: bool) -> Option<Phrase> {
        let mut words = Vec::new();
        let mut known = true;
        let mut folded = String::new();
        split_words(text, |w| {
            fold_into(&mut folded, w);
            let mut ids = Vec::new();
            let mut add = |form: &str| {
                if let Some(id) = self.id_of(form) {
                    ids.push(id);
                }
            };
            if all_forms {
                forms::each_form(&folded, add);
            } else {
                add(&folded);
                folded.push('s');
                add(&folded);
            }
            ids.sort_unstable();
            ids.dedup();
            known &= !ids.is_empty();
            words.push(Want { ids: ids.into() });
        });
        let capital = text.chars().next().is_some_and(char::is_uppercase);
        (known && !words.is_empty()).then_some(Phrase { words, capital })
    }
}

/// How many of the eight bytes `eight` starts with are ASCII letters or digits, and whether
/// one of those is a capital; 0 when a byte above ASCII comes first among the eight (then the
/// bytes are read one by one).
#[inline]
fn alphanumeric_run(eight: &[u8]) -> (usize, bool) {
    const EACH: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = EACH * 0x80;
    let word = u64::from_le_bytes(eight.try_into().unwrap_or([0x80; 8]));
    if word & HIGH != 0 {
        return (0, false);
    }
    // Each byte is below 0x80, so adding up to 0x7f to it never carries into the next: the
    // high bit of `x + (0x80 - lo)` says `x >= lo`.
    let at_least = |lo: u8| word.wrapping_add(EACH * u64::from(0x80 - lo));
    let lower = word | (EACH * 0x20);
    let letters = lower.wrapping_add(EACH * u64::from(0x80 - b'a'))
        & !lower.wrapping_add(EACH * u64::from(0x80 - b'z' - 1));
    let digits = at_least(b'0') & !at_least(b'9' + 1);
    let capitals = at_least(b'A') & !at_least(b'Z' + 1);
    let other = !(letters | digits) & HIGH;
    // Bytes in memory order are the integer's bytes from the lowest.
    let run = (other.trailing_zeros() / 8) as usize;
    let in_run = if run == 8 {
        HIGH
    } else {
        HIGH & ((1u64 << (8 * run)) - 1)
    };
    (run, capitals & in_run != 0)
}

/// Eight ASCII bytes (or zeros) with every capital made lowercase, all at once: a byte from
/// `A` to `Z` gets the bit `0x20`. No byte is above `0x7f`, so no sum carries into the next.
#[inline]
fn ascii_lowercase(eight: u64) -> u64 {
    const EACH: u64 = 0x0101_0101_0101_0101;
    let from_a = eight.wrapping_add(EACH * (0x80 - u64::from(b'A')));
    let past_z = eight.wrapping_add(EACH * (0x80 - u64::from(b'Z') - 1));
    let capitals = from_a & !past_z & (EACH * 0x80);
    eight | (capitals >> 2)
}

/// Whether `word` is its own case fold: ASCII without capitals.
fn is_folded(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
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

impl Phrase {
    /// Whether the phrase (with its capital rule) starts at position `at` of `tokens`.
    pub fn starts_at(&self, tokens: &Tokens, at: usize) -> bool {
        let Some(words) = tokens.words.get(at..at + self.words.len()) else {
            return false;
        };
        (!self.capital || words[0].capital())
            && words.iter().zip(&self.words).all(|(t, w)| w.is(t.id()))
    }
}

impl Tokens {
    /// Positions where `phrase` starts (with its capital rule).
    pub fn find<'a>(&'a self, phrase: &'a Phrase) -> impl Iterator<Item = usize> + 'a {
        (0..self.words.len()).filter(move |&at| phrase.starts_at(self, at))
    }
}

/// Phrases to look for, with the set of word ids any of them can start with, so that a token
/// that starts none is passed over in one step; and phrases of *other senses* (`gpu kernel`
/// beside `kernel`): an occurrence inside one of those does not count.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    list: Vec<Phrase>,
    /// Bit `id` is set when some phrase's first word is `id` (itself or another form).
    starts: Vec<u64>,
    /// Phrases in which a word of `list` means something else.
    senses: Vec<Phrase>,
}

impl Phrases {
    /// The phrases of `list`.
    pub fn new(list: Vec<Phrase>) -> Self {
        let mut starts = Vec::new();
        for p in &list {
            for &id in p.words[0].ids() {
                let (word, bit) = (id as usize / 64, id % 64);
                if starts.len() <= word {
                    starts.resize(word + 1, 0);
                }
                starts[word] |= 1 << bit;
            }
        }
        Phrases {
            list,
            starts,
            senses: Vec::new(),
        }
    }

    /// The same phrases, none of which counts where it is part of one of `senses` (`gpu
    /// kernel`, `social network`: the word in another sense).
    pub fn except(mut self, senses: Vec<Phrase>) -> Self {
        self.senses = senses;
        self
    }

    /// Whether the word at `at` belongs to a phrase of another sense.
    fn other_sense(&self, tokens: &Tokens, at: usize) -> bool {
        self.senses.iter().any(|s| {
            let len = s.words.len();
            (at.saturating_sub(len - 1)..=at).any(|from| s.starts_at(tokens, from))
        })
    }

    /// Every word a phrase may start with (itself or another form), in increasing order.
    pub fn start_words(&self) -> impl Iterator<Item = WordId> + '_ {
        self.starts.iter().enumerate().flat_map(|(word, &bits)| {
            (0..64u32)
                .filter(move |bit| bits & (1 << bit) != 0)
                .map(move |bit| word as WordId * 64 + bit)
        })
    }

    /// The index in the list of the first phrase occurring at `at`, in this sense.
    pub fn at(&self, tokens: &Tokens, at: usize) -> Option<usize> {
        if !self.may_start(tokens.words[at].id()) {
            return None;
        }
        let hit = self.list.iter().position(|p| p.starts_at(tokens, at))?;
        (!self.other_sense(tokens, at)).then_some(hit)
    }

    /// The index in the list of the phrase found first in `tokens` (by position), if any.
    pub fn first_in(&self, tokens: &Tokens) -> Option<usize> {
        (0..tokens.words.len()).find_map(|at| self.at(tokens, at))
    }

    /// Whether there is no phrase at all.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn may_start(&self, id: WordId) -> bool {
        self.starts
            .get(id as usize / 64)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    /// How many places of `tokens` a phrase stands at (in this sense; overlapping phrases, as
    /// `linux kernel` and `kernel`, count once, the longest first), whether one is in the first
    /// sentence, and the index of the first one found.
    pub fn mentions(&self, tokens: &Tokens) -> (usize, bool, Option<usize>) {
        let mut count = 0;
        let mut first_sentence = false;
        let mut first = None;
        let mut covered = 0;
        for (at, t) in tokens.words.iter().enumerate() {
            if at < covered || !self.may_start(t.id()) {
                continue;
            }
            let longest = self
                .list
                .iter()
                .enumerate()
                .filter(|(_, p)| p.starts_at(tokens, at))
                .max_by_key(|(i, p)| (p.words.len(), std::cmp::Reverse(*i)));
            let Some((hit, phrase)) = longest else {
                continue;
            };
            if self.other_sense(tokens, at) {
                continue;
            }
            covered = at + phrase.words.len();
            count += 1;
            first_sentence |= at < tokens.first_sentence;
            first.get_or_insert(hit);
        }
        (count, first_sentence, first)
    }

    /// Whether one of the phrases occurs in `tokens` (in this sense).
    pub fn occur_in(&self, tokens: &Tokens) -> bool {
        self.first_in(tokens).is_some()
    }
}

/// Every session's title and track as tokens of one lexicon, by session index: what topic
/// derivation needs (the importer makes it; `check` needs no more).
#[derive(Debug, Clone, Default)]
pub struct Heads {
    lexicon: Lexicon,
    titles: Vec<Tokens>,
    /// Each session's track, as an index into `track_tokens` (each track tokenised once).
    tracks: Vec<Option<u32>>,
    track_tokens: Vec<Tokens>,
}

impl Heads {
    /// Tokenises each session's (title, subtitle, track), in session order.
    ///
    /// A session's subtitle (empty when none) is tokenised into its title, after the title's
    /// words: it is matched as the title is.
    pub fn new<'a>(
        sessions: impl IntoIterator<Item = (&'a str, &'a str, Option<&'a str>)>,
    ) -> Self {
        let mut heads = Heads::default();
        let mut track_index: FxHashMap<&str, u32> = FxHashMap::default();
        // One session each: room for all at once, not a list grown by doubling.
        let sessions = sessions.into_iter();
        heads.titles.reserve(sessions.size_hint().0);
        heads.tracks.reserve(sessions.size_hint().0);
        for (title, subtitle, track) in sessions {
            let mut tokens = heads.lexicon.tokenise(title);
            if !subtitle.is_empty() {
                let more = heads.lexicon.tokenise(subtitle);
                tokens.words.extend_from_slice(&more.words);
                tokens.words.shrink_to_fit();
            }
            heads.titles.push(tokens);
            let track = track.map(|t| {
                *track_index.entry(t).or_insert_with(|| {
                    heads.track_tokens.push(heads.lexicon.tokenise(t));
                    (heads.track_tokens.len() - 1) as u32
                })
            });
            heads.tracks.push(track);
        }
        heads
    }

    /// How many sessions it holds.
    pub fn len(&self) -> usize {
        self.titles.len()
    }

    /// Whether it holds no session.
    pub fn is_empty(&self) -> bool {
        self.titles.is_empty()
    }

    /// The lexicon of every word in it.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Session `index`'s title.
    pub fn title(&self, index: usize) -> &Tokens {
        &self.titles[index]
    }

    /// Session `index`'s track, when it has one.
    pub fn track(&self, index: usize) -> Option<&Tokens> {
        self.tracks[index].map(|t| &self.track_tokens[t as usize])
    }
}

/// Every session's title, track and abstract as tokens of one lexicon, by session index: what
/// interest checks and scores need. Made from the [`Heads`] by tokenising the abstracts only,
/// into a copy of their lexicon (which only grows, so the titles' ids stay valid); the titles
/// and tracks are shared with the heads, not copied.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    heads: Arc<Heads>,
    lexicon: Lexicon,
    abstracts: Vec<Tokens>,
}

impl Texts {
    /// Tokenises each session's (title, abstract, track), in session order.
    pub fn new<'a>(
        sessions: impl IntoIterator<Item = (&'a str, &'a str, Option<&'a str>)>,
    ) -> Self {
        let sessions: Vec<_> = sessions.into_iter().collect();
        let heads = Heads::new(sessions.iter().map(|&(title, _, track)| (title, "", track)));
        Texts::from_heads(&Arc::new(heads), sessions.iter().map(|&(_, text, _)| text))
    }

    /// The heads already tokenised, with each session's abstract (in session order), tokenised
    /// on two threads from [`Texts::SPLIT_FROM`] abstracts on (see [`Tokenised::beside`]).
    pub fn from_heads<'a>(
        heads: &Arc<Heads>,
        abstracts: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let abstracts: Vec<&str> = abstracts.into_iter().collect();
        Texts::from_tokenised(heads, Tokenised::beside(&abstracts, || ()).0)
    }

    /// Abstracts from which they are tokenised on two threads.
    pub const SPLIT_FROM: usize = 256;

    /// The heads already tokenised, with the abstracts tokenised (before the heads, or beside
    /// them) into lexicons of their own: each word gets its id in the heads' lexicon in the
    /// order the words occur, so the ids are the ones tokenising all in one go gives.
    pub fn from_tokenised(heads: &Arc<Heads>, tokenised: Tokenised) -> Self {
        let mut lexicon = heads.lexicon.clone();
        let Tokenised { lexicons, chunks } = tokenised;
        // Room for every word at once: no growing by steps while ids are given.
        lexicon
            .short
            .reserve(lexicons.iter().map(|l| l.short.len()).sum());
        lexicon
            .long
            .reserve(lexicons.iter().map(|l| l.long.len()).sum());
        let mut adopters: Vec<Adopter<'_>> = lexicons.iter().map(Adopter::new).collect();
        let mut abstracts = Vec::with_capacity(chunks.iter().map(|(_, c)| c.len()).sum());
        for (from, mut chunk) in chunks {
            adopters[from].adopt(&mut lexicon, &mut chunk);
            abstracts.append(&mut chunk);
        }
        Texts {
            heads: Arc::clone(heads),
            lexicon,
            abstracts,
        }
    }

    /// How many sessions it holds.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    /// Whether it holds no session.
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The lexicon of every word in it.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Session `index`'s title.
    pub fn title(&self, index: usize) -> &Tokens {
        self.heads.title(index)
    }

    /// Session `index`'s abstract.
    pub fn abstract_text(&self, index: usize) -> &Tokens {
        &self.abstracts[index]
    }

    /// Session `index`'s track, when it has one.
    pub fn track(&self, index: usize) -> Option<&Tokens> {
        self.heads.track(index)
    }
}

/// Abstracts tokenised before the heads they go with (while topics are derived from the
/// titles, say): in chunks, each into the lexicon of the thread that took it, waiting for
/// [`Texts::from_tokenised`] to give their words the ids of the heads' lexicon.
#[derive(Debug, Default)]
pub struct Tokenised {
    /// One lexicon per thread that tokenised.
    lexicons: Vec<Lexicon>,
    /// Each chunk's tokens, in abstract order, with the index of its lexicon.
    chunks: Vec<(usize, Vec<Tokens>)>,
}

impl Tokenised {
    /// Abstracts a chunk holds: small enough that the two threads end together.
    pub const CHUNK: usize = 16;

    /// Tokenises `abstracts` while this thread runs `first`: from [`Texts::SPLIT_FROM`]
    /// abstracts on, a second thread starts on them at once and this one joins in when `first`
    /// is done, each taking the next chunk in turn; below, this thread tokenises them after
    /// `first`.
    pub fn beside<R>(abstracts: &[&str], first: impl FnOnce() -> R) -> (Tokenised, R) {
        if abstracts.len() < Texts::SPLIT_FROM {
            let done = first();
            let mut lexicon = Lexicon::new();
            let tokens = abstracts.iter().map(|t| lexicon.tokenise(t)).collect();
            let tokenised = Tokenised {
                lexicons: vec![lexicon],
                chunks: vec![(0, tokens)],
            };
            return (tokenised, done);
        }
        let next = AtomicUsize::new(0);
        let take = || Tokenised::take_chunks(abstracts, &next);
        let (done, helped, own) = std::thread::scope(|scope| {
            let helper = scope.spawn(take);
            let done = first();
            let own = take();
            let helped = helper
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (done, helped, own)
        });
        (Tokenised::gathered(vec![helped, own]), done)
    }

    /// Takes chunks of `texts` ([`Tokenised::CHUNK`] texts each, the next chunk's number from
    /// `next`, which every thread taking them shares) until none is left, tokenising them into
    /// a lexicon of its own: that lexicon, and (chunk number, tokens) in the order taken. Put
    /// what the threads took together with [`Tokenised::gathered`].
    pub fn take_chunks<T: AsRef<str>>(texts: &[T], next: &AtomicUsize) -> Taken {
        let mut lexicon = Lexicon::new();
        let mut taken = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(chunk) = texts.chunks(Tokenised::CHUNK).nth(at) else {
                break;
            };
            let tokens: Vec<Tokens> = chunk.iter().map(|t| lexicon.tokenise(t.as_ref())).collect();
            taken.push((at, tokens));
        }
        (lexicon, taken)
    }

    /// The same texts' tokens in another order: text `order[i]` becomes text `i` (`None`
    /// should `order` name a text that is not there, or one twice).
    pub fn in_order(self, order: &[usize]) -> Option<Tokenised> {
        let Tokenised { lexicons, chunks } = self;
        let mut texts: Vec<Option<(usize, Tokens)>> = chunks
            .into_iter()
            .flat_map(|(from, tokens)| tokens.into_iter().map(move |t| Some((from, t))))
            .collect();
        let mut chunks: Vec<(usize, Vec<Tokens>)> = Vec::new();
        for &at in order {
            let (from, tokens) = texts.get_mut(at).and_then(Option::take)?;
            match chunks.last_mut() {
                Some((last, chunk)) if *last == from => chunk.push(tokens),
                _ => chunks.push((from, vec![tokens])),
            }
        }
        Some(Tokenised { lexicons, chunks })
    }

    /// The chunks each lexicon's thread took (with their indices, each thread's in increasing
    /// order), put back in order.
    pub fn gathered(threads: Vec<Taken>) -> Tokenised {
        let mut lexicons = Vec::with_capacity(threads.len());
        let mut chunks = Vec::new();
        for (from, (lexicon, taken)) in threads.into_iter().enumerate() {
            lexicons.push(lexicon);
            chunks.extend(taken.into_iter().map(|(at, tokens)| (at, from, tokens)));
        }
        chunks.sort_unstable_by_key(|&(at, _, _)| at);
        Tokenised {
            lexicons,
            chunks: chunks
                .into_iter()
                .map(|(_, from, tokens)| (from, tokens))
                .collect(),
        }
    }
}

/// What one thread of [`Tokenised::take_chunks`] tokenised: its lexicon, and each chunk it took
/// (its index, its tokens) in the order taken.
pub type Taken = (Lexicon, Vec<(usize, Vec<Tokens>)>);

/// Gives the words of texts tokenised into another lexicon their ids in a lexicon being built,
/// in the order they occur (a word new there gets the next id), as tokenising the texts into
/// it in that order would have.
struct Adopter<'a> {
    /// Each word of the other lexicon, by its id there.
    keys: Vec<Key<'a>>,
    /// Its id in the lexicon being built, once given ([`Adopter::NONE`] before).
    ids: Vec<WordId>,
}

impl<'a> Adopter<'a> {
    /// No id given yet: above every id (see [`Token`]).
    const NONE: WordId = WordId::MAX;

    fn new(own: &'a Lexicon) -> Self {
        let keys = own.keys();
        Adopter {
            ids: vec![Adopter::NONE; keys.len()],
            keys,
        }
    }

    /// Gives the words of `tokens` (the next texts in order) their ids in `into`.
    fn adopt(&mut self, into: &mut Lexicon, tokens: &mut [Tokens]) {
        for text in tokens {
            for token in &mut text.words {
                let theirs = token.id() as usize;
                let mut id = self.ids[theirs];
                if id == Adopter::NONE {
                    id = into.intern_key(self.keys[theirs]);
                    self.ids[theirs] = id;
                }
                *token = Token::new(id, token.capital());
            }
        }
    }
}

/// A schedule's [`Heads`] and [`Texts`], each made once and kept with it: the heads by the
/// importer (or on first use), the texts from them on first use, from abstracts the importer
/// tokenised already when it left them here ([`TextCache::keep_tokenised`]). A cache, not
/// content: two caches always compare equal, and a clone shares the tokens (abstracts
/// tokenised but not yet made into texts stay with the original; a clone tokenises afresh,
/// to the same texts).
#[derive(Debug, Default)]
pub struct TextCache {
    heads: OnceLock<Arc<Heads>>,
    texts: OnceLock<Arc<Texts>>,
    tokenised: std::sync::Mutex<Option<Tokenised>>,
}

impl Clone for TextCache {
    fn clone(&self) -> Self {
        TextCache {
            heads: self.heads.clone(),
            texts: self.texts.clone(),
            tokenised: std::sync::Mutex::new(None),
        }
    }
}

impl TextCache {
    /// Keeps abstracts tokenised already (in session order), for the texts to be made from on
    /// first use: giving their words the heads' ids ([`Texts::from_tokenised`]) then runs on
    /// the thread that needs them, while another may do other work.
    pub fn keep_tokenised(&self, tokenised: Tokenised) {
        if self.texts.get().is_none() {
            *self.tokenised.lock().unwrap_or_else(|p| p.into_inner()) = Some(tokenised);
        }
    }

    /// Whether abstracts tokenised already are kept, not taken yet.
    pub fn holds_tokenised(&self) -> bool {
        self.tokenised
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    }

    /// The abstracts tokenised already, if kept and not taken yet.
    pub fn take_tokenised(&self) -> Option<Tokenised> {
        self.tokenised
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }

    /// The heads, made by `make` when there are none yet.
    pub fn heads(&self, make: impl FnOnce() -> Heads) -> &Arc<Heads> {
        self.heads.get_or_init(|| Arc::new(make()))
    }

    /// The texts, made by `make` when there are none yet.
    pub fn texts(&self, make: impl FnOnce() -> Texts) -> &Arc<Texts> {
        self.texts.get_or_init(|| Arc::new(make()))
    }
}

impl PartialEq for TextCache {
    fn eq(&self, _: &TextCache) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The word behind an id (a search: for tests).
    fn word(lexicon: &Lexicon, id: WordId) -> String {
        let short = lexicon.short.iter().find(|(_, i)| **i == id).map(|(k, _)| {
            let bytes: Vec<u8> = k
                .to_le_bytes()
                .into_iter()
                .take_while(|&b| b != 0)
                .collect();
            String::from_utf8(bytes).unwrap()
        });
        let long = || {
            lexicon
                .long
                .iter()
                .find(|(_, i)| **i == id)
                .map(|(w, _)| w.to_string())
        };
        short.or_else(long).unwrap()
    }

    proptest! {
        /// Abstracts tokenised in chunks into lexicons of their own, whichever lexicon each
        /// chunk went to, give every word the id and every text the tokens that tokenising
        /// them in one go after the heads gives.
        #[test]
        fn chunked_tokenising_gives_the_ids_of_one_pass(
            titles in prop::collection::vec("[a-cA-C ]{0,12}", 0..6),
            abstracts in prop::collection::vec("[a-dA-D ßé.]{0,40}|abcdefghij[a-b]{0,3}", 0..12),
            chunk in 1usize..5,
            owners in prop::collection::vec(0usize..3, 1..6),
        ) {
            let heads = Arc::new(Heads::new(titles.iter().map(|t| (t.as_str(), "", None))));
            let texts: Vec<&str> = abstracts.iter().map(String::as_str).collect();
            let mut lexicon = heads.lexicon.clone();
            let one_pass: Vec<Tokens> = texts.iter().map(|t| lexicon.tokenise(t)).collect();
            // Chunk `at` goes to the lexicon `owners[at % owners.len()]`, in order.
            let mut threads: Vec<Taken> =
                (0..3).map(|_| (Lexicon::new(), Vec::new())).collect();
            for (at, part) in texts.chunks(chunk).enumerate() {
                let (own, taken) = &mut threads[owners[at % owners.len()]];
                taken.push((at, part.iter().map(|t| own.tokenise(t)).collect()));
            }
            let chunked = Texts::from_tokenised(&heads, Tokenised::gathered(threads));
            prop_assert_eq!(&chunked.abstracts, &one_pass);
            prop_assert_eq!(&chunked.lexicon.short, &lexicon.short);
            prop_assert_eq!(&chunked.lexicon.long, &lexicon.long);
        }
    }

    proptest! {
        /// Texts taken in chunks by two threads ([`Tokenised::take_chunks`]) and put in
        /// another order give the ids and tokens of tokenising them in that order in one go.
        #[test]
        fn chunks_put_in_another_order_give_the_ids_of_one_pass_in_that_order(
            abstracts in prop::collection::vec("[a-dA-D ßé.]{0,30}", 0..40),
            shuffle in any::<u64>(),
        ) {
            let heads = Arc::new(Heads::new(std::iter::empty::<(&str, &str, Option<&str>)>()));
            let mut order: Vec<usize> = (0..abstracts.len()).collect();
            // A permutation from `shuffle` (a linear congruential walk of swaps).
            let mut r = shuffle;
            for i in (1..order.len()).rev() {
                r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                order.swap(i, (r >> 33) as usize % (i + 1));
            }
            // Two threads take the chunks, however they happen to share them.
            let next = AtomicUsize::new(0);
            let threads = std::thread::scope(|scope| {
                let helper = scope.spawn(|| Tokenised::take_chunks(&abstracts, &next));
                let own = Tokenised::take_chunks(&abstracts, &next);
                vec![helper.join().unwrap(), own]
            });
            let reordered = Tokenised::gathered(threads).in_order(&order);
            let texts = Texts::from_tokenised(&heads, reordered.unwrap());
            let mut lexicon = heads.lexicon.clone();
            let one_pass: Vec<Tokens> =
                order.iter().map(|&i| lexicon.tokenise(&abstracts[i])).collect();
            prop_assert_eq!(&texts.abstracts, &one_pass);
            prop_assert_eq!(&texts.lexicon.short, &lexicon.short);
            prop_assert_eq!(&texts.lexicon.long, &lexicon.long);
            // An order naming a text twice, or one that is not there, gives none.
            let again = || {
                Tokenised::gathered(vec![Tokenised::take_chunks(&abstracts, &AtomicUsize::new(0))])
            };
            prop_assert!(again().in_order(&[abstracts.len()]).is_none());
            if let Some(&first) = order.first() {
                let twice: Vec<usize> = order.iter().copied().chain([first]).collect();
                prop_assert!(again().in_order(&twice).is_none());
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Tokenising on two threads beside other work gives the ids of one pass, and the
        /// other work's result.
        #[test]
        fn tokenising_beside_other_work_gives_the_ids_of_one_pass(
            abstracts in prop::collection::vec("[a-dA-D ßé.]{0,30}", Texts::SPLIT_FROM..Texts::SPLIT_FROM + 80),
        ) {
            let heads = Arc::new(Heads::new([("A title", "", Some("a track"))]));
            let texts: Vec<&str> = abstracts.iter().map(String::as_str).collect();
            let mut lexicon = heads.lexicon.clone();
            let one_pass: Vec<Tokens> = texts.iter().map(|t| lexicon.tokenise(t)).collect();
            let (tokenised, done) = Tokenised::beside(&texts, || texts.len());
            prop_assert_eq!(done, texts.len());
            let beside = Texts::from_tokenised(&heads, tokenised);
            prop_assert_eq!(&beside.abstracts, &one_pass);
            prop_assert_eq!(&beside.lexicon.short, &lexicon.short);
            prop_assert_eq!(&beside.lexicon.long, &lexicon.long);
        }
    }

    proptest! {
        /// The run of letters and digits found eight bytes at once is the one found byte by
        /// byte, and so is whether it has a capital.
        #[test]
        fn eight_bytes_at_once_find_the_run_byte_by_byte_does(
            eight in prop::array::uniform8(prop::sample::select(
                b"aAzZ09@[`{/:+# .\x7f\x80\xc3\x00mM".to_vec(),
            )),
        ) {
            let (run, capitals) = alphanumeric_run(&eight);
            if eight.iter().any(|&b| b >= 0x80) {
                prop_assert_eq!((run, capitals), (0, false));
            } else {
                let want = eight.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                prop_assert_eq!(run, want);
                prop_assert_eq!(capitals, eight[..want].iter().any(u8::is_ascii_uppercase));
            }
        }

        /// Folding eight bytes at once folds each as [`u8::to_ascii_lowercase`] does.
        #[test]
        fn eight_bytes_fold_as_each_does(eight in prop::array::uniform8(0u8..0x80)) {
            let folded = ascii_lowercase(u64::from_le_bytes(eight)).to_le_bytes();
            prop_assert_eq!(folded, eight.map(|b| b.to_ascii_lowercase()));
        }
    }

    #[test]
    fn short_and_long_words_get_distinct_ids_and_are_found_again() {
        let mut lx = Lexicon::new();
        let t = lx.tokenise("a ab abcdefgh abcdefghi Abcdefghi straße STRASSE a");
        let ids: Vec<WordId> = t.words.iter().map(|t| t.id()).collect();
        assert_eq!(ids, [0, 1, 2, 3, 3, 4, 5, 0]);
        assert_eq!(lx.len(), 6);
        for w in ["a", "ab", "abcdefgh", "abcdefghi", "straße", "strasse"] {
            assert_eq!(word(&lx, lx.lookup(w).unwrap()), w);
        }
        assert_eq!(lx.lookup("ABCDEFGHI"), Some(3));
        assert_eq!(lx.lookup("abcdefg"), None);
    }

    fn words(lexicon: &Lexicon, tokens: &Tokens) -> Vec<String> {
        tokens.words.iter().map(|t| word(lexicon, t.id())).collect()
    }

    /// The rule of the module docs written plainly, character by character, with a new
    /// lowercase string per word: (words, capitals, first sentence), the reference for
    /// [`Lexicon::tokenise`].
    fn reference(text: &str) -> (Vec<String>, Vec<bool>, usize) {
        let mut words = Vec::new();
        let mut capitals = Vec::new();
        let mut first = None;
        let mut current = String::new();
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c.is_alphanumeric() || c == '+' || c == '#' {
                current.push(c);
                if i + 1 < chars.len() {
                    continue;
                }
            }
            let word = current.trim_start_matches(['+', '#']).to_string();
            current.clear();
            if !word.is_empty() {
                capitals.push(word.chars().next().unwrap().is_uppercase());
                words.push(word.chars().flat_map(char::to_lowercase).collect());
            }
            let ends =
                matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if first.is_none() && ends && !words.is_empty() {
                first = Some(words.len());
            }
        }
        let n = words.len();
        (words, capitals, first.unwrap_or(n))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn tokenising_follows_the_plain_rule(
            text in "[a-zA-Z0-9 +#.!?,;:\\-\\n\t\u{a0}ÄäßİıΣσς日本\u{301}]{0,40}|([a-zA-Z0-9+#]{1,11}[ .!,é+#-]){0,8}",
        ) {
            let mut lexicon = Lexicon::new();
            let tokens = lexicon.tokenise(&text);
            let (want, capitals, first) = reference(&text);
            prop_assert_eq!(words(&lexicon, &tokens), want);
            let got: Vec<bool> = tokens.words.iter().map(|t| t.capital()).collect();
            prop_assert_eq!(got, capitals);
            prop_assert_eq!(tokens.first_sentence, first);
        }
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
        assert!(t.words[0].capital() && !t.words[1].capital());
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
        let found = |p: &str| lx.phrase(p).is_some_and(|p| t.find(&p).next().is_some());
        assert!(found("image-based"));
        assert!(found("rust"));
        assert!(found("system"), "the plural matches");
        assert!(!found("systemss"));
        assert!(!found("trust"));
        assert!(!found("based image"));
        assert!(
            lx.phrase("unheard-of").is_none(),
            "unknown words occur nowhere"
        );
    }

    #[test]
    fn a_capital_in_a_phrase_needs_a_capital_in_the_text() {
        let mut lx = Lexicon::new();
        let t = lx.tokenise("where do we go from here");
        assert!(lx.phrase("Go").is_some_and(|p| t.find(&p).next().is_none()));
        let t = lx.tokenise("Profiling Go services");
        assert!(
            lx.phrase("Go")
                .is_some_and(|p| t.find(&p).next() == Some(1))
        );
    }

    #[test]
    fn mentions_count_each_place_a_phrase_stands_at_once() {
        let mut lx = Lexicon::new();
        let t = lx.tokenise("Containers. A container of containers, in a Container runtime");
        let list: Vec<Phrase> = ["container", "containers", "container runtime", "Container"]
            .iter()
            .filter_map(|p| lx.phrase(p))
            .collect();
        // Counted by hand: `Containers`, `container`, `containers`, `Container runtime`.
        let phrases = Phrases::new(list);
        assert_eq!(phrases.mentions(&t), (4, true, Some(0)));
        assert!(phrases.occur_in(&t));
        assert!(!phrases.occur_in(&lx.tokenise("A runtime")));
    }

    #[test]
    fn a_word_in_a_phrase_of_another_sense_does_not_count() {
        let mut lx = Lexicon::new();
        let t = lx.tokenise("Fast GPU kernels, then the Linux kernel. Jupyter kernel");
        let kernel = Phrases::new(lx.phrase("kernel").into_iter().collect());
        assert_eq!(kernel.mentions(&t).0, 3);
        let senses = ["gpu kernel", "jupyter kernel"];
        let kernel = kernel.except(senses.iter().filter_map(|p| lx.phrase(p)).collect());
        // Only `Linux kernel`, in the first sentence.
        assert_eq!(kernel.mentions(&t), (1, true, Some(0)));
        assert_eq!(kernel.first_in(&t), Some(0));
        assert!(!kernel.occur_in(&lx.tokenise("GPU kernels for everyone")));
    }

    #[test]
    fn each_track_is_tokenised_once_and_shared() {
        let texts = Texts::new([
            ("A", "", Some("Rust devroom")),
            ("B", "", None),
            ("C", "", Some("Rust devroom")),
        ]);
        assert_eq!(texts.len(), 3);
        assert!(texts.track(1).is_none());
        assert_eq!(texts.heads.tracks[0], texts.heads.tracks[2]);
        assert_eq!(texts.heads.track_tokens.len(), 1);
    }
}
