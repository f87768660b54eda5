//! Word forms: which other words a phrase word stands for (`encryption` for `encrypted`,
//! `cryptography` for `cryptographic`, `testing` for `tests`, `container` for
//! `containerised`).
//!
//! The rule is a few classes of English endings that make forms of one word, applied to
//! lowercase ASCII words only (a word with another letter, a digit, `+` or `#` stands for
//! itself and its plural with an `s`, as before). A **stem** is what is left when one ending
//! of a class is taken off; two words are forms of each other when they are one stem with two
//! endings of the same class:
//!
//! - **inflections**: nothing, `-s`, `-es`, `-ed`, `-ing` (and `-y`, `-ies`, `-ied`), with an
//!   `e` dropped (`encode`, `encoding`) or the last consonant doubled (`embed`, `embedded`) as
//!   English spells them; the stem has 4 letters or more (`test`: `tests`, `tested`,
//!   `testing`);
//! - **nouns of action**: the inflections and `-ion`, `-ions`, `-ation`, `-ations`, on a stem of
//!   6 letters or more (`encrypt`: `encryption`, `encrypted`; `attest`: `attestation`);
//! - **-y and -ic**: `-y`, `-ies`, `-ic`, `-ical`, `-ically`, on a stem of 6 letters or more
//!   (`cryptograph`: `cryptography`, `cryptographic`); the bare stem is not one of them;
//! - **-ise and -ize**: `-ise`, `-ize` and their inflections and nouns (`-ised`, `-izing`,
//!   `-isation`, `-izations`, …), in both spellings; the bare stem is not one of them, except
//!   that a word of 6 letters or more stands for its own `-ise` forms (`container`:
//!   `containerised`, `containerization`), never the other way (`organisation` is not
//!   `organ`, `modernisation` not `modern`);
//! - **a name with a plus**: a word of 3 letters or more stands for itself with `+` or `++`
//!   after it, as names are written (`gtk`: `GTK+`; `notepad`: `Notepad++`); `c` is not `c++`.
//!
//! The lengths keep short words whole, where endings are mostly letters of the word (`news` is
//! not `new`, `mission` not `miss`, `generic` not `generate` or `general`), and the classes
//! leave out the endings that make a word of another meaning from a stem: `-er` (`contain`,
//! `container`; `compute`, `computer`), `-ity` (`universe`, `university`), `-al` (`origin`,
//! `original`), `-ment`, `-ness`, `-ly`, and prefixes (`decrypt` is not `encrypt`). Some
//! nouns of action still drift from their verbs (`distribution`, `distributed`; `production`,
//! `product`): the vocabulary names such words as senses of their topic, matched exactly.
//!
//! Forms are made from the phrase's word and looked up in the lexicon, once per phrase, never
//! for each word of a text: matching still compares word ids.

/// Fewest letters of a stem that takes inflections.
const INFLECTED_STEM: usize = 4;
/// Fewest letters of a stem that takes the other classes' endings (nouns of action, -y and
/// -ic, and a whole word taking -ise).
const DERIVED_STEM: usize = 6;
/// Fewest letters of a stem of two -ise forms (`organise`, `organization`).
const ISE_STEM: usize = 4;

/// Fewest letters of a name that stands for itself with `+` or `++` after it.
const PLUS_NAME: usize = 3;

/// Endings of nouns of action.
const ACTION: &[&str] = &["ion", "ions", "ation", "ations"];
/// Endings of the -y and -ic class.
const ADJECTIVE: &[&str] = &["y", "ies", "ic", "ical", "ically"];
/// Endings of the -ise class, longest first within each spelling.
const ISE: &[&str] = &[
    "isations", "isation", "ising", "ised", "ises", "iser", "isers", "ise", "izations", "ization",
    "izing", "ized", "izes", "izer", "izers", "ize",
];

/// Calls `each` with every form of the lowercase word `word` (see the module docs), itself
/// and its plural with an `s` first; a form may be given more than once, and most are no
/// word at all (only those the lexicon has count).
pub fn each_form(word: &str, mut each: impl FnMut(&str)) {
    let mut buffer = String::with_capacity(word.len() + 8);
    let mut emit = |stem: &str, ending: &str| {
        buffer.clear();
        buffer.push_str(stem);
        buffer.push_str(ending);
        each(&buffer);
    };
    emit(word, "");
    emit(word, "s");
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    // A name written with a plus after it (`GTK+`, `Notepad++`) is the name; a short one is
    // not (`C` is no `C++`).
    if word.len() >= PLUS_NAME {
        emit(word, "+");
        emit(word, "++");
    }
    // The stems the word is an inflection of (itself among them).
    let mut stems: Vec<String> = Vec::with_capacity(4);
    inflection_stems(word, &mut stems);
    for stem in &stems {
        inflections(stem, &mut emit);
        if stem.len() >= DERIVED_STEM && ISE.iter().all(|e| !stem.ends_with(e)) {
            for ending in ACTION {
                emit(stem, ending);
            }
            for ending in ISE {
                emit(stem, ending);
            }
        }
    }
    // A noun of action: its stem and the stem's inflections.
    for ending in ACTION {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.len() >= DERIVED_STEM
        {
            inflections(stem, &mut emit);
            for ending in ACTION {
                emit(stem, ending);
            }
        }
    }
    for ending in ADJECTIVE {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.len() >= DERIVED_STEM
        {
            for ending in ADJECTIVE {
                emit(stem, ending);
            }
        }
    }
    for ending in ISE {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.len() >= ISE_STEM
        {
            for ending in ISE {
                emit(stem, ending);
            }
        }
    }
}

/// Whether `b` is a vowel letter.
fn vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The stems `word` is an inflection of, itself first, each of [`INFLECTED_STEM`] letters or
/// more, into `stems`.
fn inflection_stems(word: &str, stems: &mut Vec<String>) {
    let mut add = |stem: String| {
        if stem.len() >= INFLECTED_STEM && !stems.contains(&stem) {
            stems.push(stem);
        }
    };
    add(word.to_string());
    for ending in ["ing", "ed"] {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        let bytes = stem.as_bytes();
        let Some(&last) = bytes.last() else {
            continue;
        };
        if ending == "ed" && last == b'i' {
            // `applied`: `apply`.
            add(format!("{}y", &stem[..stem.len() - 1]));
            continue;
        }
        if !vowel(last) {
            add(stem.to_string());
            // `encoding`: `encode`, where English drops an `e`: after c, g, s, v or z
            // (`producing`, `parsing`), or after one consonant after a vowel (`encoding`,
            // `automated`); not after two consonants (`testing` is no form of `teste`).
            let before = bytes.len().checked_sub(2).map(|i| bytes[i]);
            if matches!(last, b'c' | b'g' | b's' | b'v' | b'z')
                || (before.is_some_and(vowel) && !matches!(last, b'w' | b'x' | b'y'))
            {
                add(format!("{stem}e"));
            }
        }
        // `embedded`: `embed` (not `install` from `installed`, nor `access`).
        if bytes.len() >= 2
            && last == bytes[bytes.len() - 2]
            && !vowel(last)
            && !matches!(last, b'l' | b's' | b'z' | b'f')
        {
            add(stem[..stem.len() - 1].to_string());
        }
    }
    if let Some(stem) = word.strip_suffix("ies") {
        add(format!("{stem}y"));
    } else if let Some(stem) = word.strip_suffix("es")
        && (stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh"))
    {
        add(stem.to_string());
    }
    if let Some(stem) = word.strip_suffix('s')
        && !stem.ends_with(['s', 'u', 'i'])
    {
        add(stem.to_string());
    }
}

/// Calls `emit(stem, ending)` for the inflections of `stem`: the stem itself, its `-s` (or
/// `-es`, `-ies`), `-ed` and `-ing`, as English spells them.
fn inflections(stem: &str, emit: &mut impl FnMut(&str, &str)) {
    let bytes = stem.as_bytes();
    let Some(&last) = bytes.last() else {
        return;
    };
    emit(stem, "");
    emit(stem, "s");
    if stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh") {
        emit(stem, "es");
    }
    match last {
        b'e' => {
            let bare = &stem[..stem.len() - 1];
            emit(bare, "ed");
            emit(bare, "ing");
            emit(stem, "d");
        }
        b'y' if bytes.len() >= 2 && !vowel(bytes[bytes.len() - 2]) => {
            let bare = &stem[..stem.len() - 1];
            emit(bare, "ies");
            emit(bare, "ied");
            emit(stem, "ing");
        }
        _ => {
            emit(stem, "ed");
            emit(stem, "ing");
            // `embed`: `embedded`; a consonant after one vowel after a consonant.
            if !vowel(last)
                && !matches!(last, b'w' | b'x' | b'y')
                && bytes.len() >= 3
                && vowel(bytes[bytes.len() - 2])
                && !vowel(bytes[bytes.len() - 3])
            {
                let mut doubled = String::with_capacity(stem.len() + 1);
                doubled.push_str(stem);
                doubled.push(last as char);
                emit(&doubled, "ed");
                emit(&doubled, "ing");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `a` (a phrase word) stands for `b` (a text word).
    fn stands_for(a: &str, b: &str) -> bool {
        let mut found = false;
        each_form(a, |f| found |= f == b);
        found
    }

    #[test]
    fn forms_of_one_word_match() {
        for (a, b) in [
            ("encryption", "encrypted"),
            ("encryption", "encrypt"),
            ("encryption", "encrypts"),
            ("encryption", "encrypting"),
            ("encrypted", "encryption"),
            ("cryptography", "cryptographic"),
            ("cryptographic", "cryptography"),
            ("cryptography", "cryptographically"),
            ("testing", "tests"),
            ("testing", "tested"),
            ("testing", "test"),
            ("tests", "testing"),
            ("test", "testing"),
            ("container", "containers"),
            ("container", "containerised"),
            ("containers", "containerized"),
            ("containers", "containerisation"),
            ("containerised", "containerized"),
            ("attestation", "attested"),
            ("attest", "attestation"),
            ("virtualization", "virtualisation"),
            ("optimise", "optimization"),
            ("encode", "encoding"),
            ("encoding", "encoded"),
            ("embed", "embedded"),
            ("library", "libraries"),
            ("dependencies", "dependency"),
            ("caches", "caching"),
            ("parsing", "parse"),
            ("patch", "patches"),
            ("sandbox", "sandboxing"),
            ("automation", "automated"),
            ("planning", "plans"),
            ("system", "systems"),
            ("gtk", "gtk+"),
            ("notepad", "notepad++"),
        ] {
            assert!(stands_for(a, b), "{a} stands for {b}");
        }
    }

    #[test]
    fn words_that_only_look_alike_do_not() {
        for (a, b) in [
            ("university", "universe"),
            ("universe", "university"),
            ("organisation", "organ"),
            ("organ", "organisation"),
            ("organ", "organise"),
            ("generic", "generate"),
            ("generic", "general"),
            ("general", "generation"),
            ("generation", "general"),
            ("news", "new"),
            ("art", "article"),
            ("article", "art"),
            ("contain", "container"),
            ("container", "contains"),
            ("containers", "contain"),
            ("computer", "compute"),
            ("mission", "missing"),
            ("session", "sess"),
            ("modernisation", "modern"),
            ("graph", "graphic"),
            ("graphics", "graphy"),
            ("trust", "trusty"),
            ("encryption", "decrypt"),
            ("install", "instal"),
            ("access", "acces"),
            ("go", "going"),
            ("rust", "rusty"),
            ("testing", "testes"),
            ("c++", "c++ed"),
            ("c", "c++"),
            ("go", "go+"),
            ("gtk+", "gtk"),
        ] {
            assert!(!stands_for(a, b), "{a} does not stand for {b}");
        }
    }

    #[test]
    fn other_words_stand_for_themselves_and_their_plural() {
        let mut forms = Vec::new();
        each_form("c++", |f| forms.push(f.to_string()));
        assert_eq!(forms, ["c++", "c++s"]);
        forms.clear();
        each_form("café", |f| forms.push(f.to_string()));
        assert_eq!(forms, ["café", "cafés"]);
    }
}
