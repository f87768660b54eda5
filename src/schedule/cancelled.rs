//! Cancelled sessions: how a schedule says a session will not take place.
//!
//! Organisers say it in one of two ways. Exports with a status field say it there (c3voc
//! schedule2 `state: "CANCELED"`, iCalendar `STATUS:CANCELLED`): [`status_says_cancelled`].
//! Most say it in the title, as FOSDEM does: "\[CANCELED\] The current state of debugging in
//! WebAssembly", "(CANCELLED) Funding the FOSS Ecosystem", "CANCELLED: openSUSE: …":
//! [`title_says_cancelled`].
//!
//! A title marker is one of the [`MARKERS`] (any case) standing alone at the start or the end
//! of the title: in brackets (`[…]`, `(…)`, `{…}`, `*…*`), or set off by a colon or a dash,
//! optionally followed by "talk", "session" or "event" ("Cancelled talk: …"), or the whole
//! title; or in capitals opening a title that goes on in lowercase ("CANCELLED gopy: extend
//! CPython with Go", FOSDEM 2016). A title that merely uses the word is not cancelled:
//! "Cancelling POSIX syscalls in Managarm", "Is Big DNS Taking Over? (REPLACES CANCELLED
//! TALK)", "… - CANCELLED, replaced by Retrocomputing panel discussion" (the slot holds the
//! panel).

/// The words that mark a session cancelled, lowercase: English in both spellings (FOSDEM, CCC,
/// pretalx events), and the usual words of the other languages conference schedules are
/// published in (German, French, Dutch, Spanish, Portuguese, Italian).
pub const MARKERS: &[&str] = &[
    "cancelled",
    "canceled",
    "abgesagt",
    "entfällt",
    "fällt aus",
    "annulé",
    "annulée",
    "annule",
    "annulee",
    "geannuleerd",
    "cancelado",
    "cancelada",
    "annullato",
    "cancellato",
];

/// Nouns that may follow a marker: "Cancelled talk: …".
const NOUNS: &[&str] = &["talk", "session", "event", "lecture", "workshop"];

/// Whether an export's status or state field says the session will not take place:
/// `CANCELLED` / `CANCELED` (iCalendar, schedule2), `WITHDRAWN`, `DELETED` or `REJECTED`
/// (schedule2), in any case.
pub fn status_says_cancelled(status: &str) -> bool {
    let status = status.trim().to_lowercase();
    matches!(
        status.as_str(),
        "cancelled" | "canceled" | "withdrawn" | "deleted" | "rejected"
    )
}

/// Whether a title carries a cancellation marker (see the module's documentation).
pub fn title_says_cancelled(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    without_marker(&lower).is_some() || shouted_marker(title.trim(), &lower).is_some()
}

/// The words of a title, lowercase, without punctuation, and without its cancellation marker
/// when it has one: "\[CANCELED\] The Current State" and "The current state" give the same
/// words. For matching a session across versions of a schedule.
pub fn title_words(title: &str) -> Vec<String> {
    let lower = title.trim().to_lowercase();
    let shouted = shouted_marker(title.trim(), &lower).map(str::to_lowercase);
    without_marker(&lower)
        .or(shouted.as_deref())
        .unwrap_or(&lower)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The rest of a lowercase, trimmed title once its leading or trailing marker is taken away
/// (possibly empty), or `None` when it has no marker.
fn without_marker(title: &str) -> Option<&str> {
    if title.is_empty() {
        return None;
    }
    leading_marker(title).or_else(|| trailing_marker(title))
}

/// The length of a marker (with an optional noun after it) at the start of `text`, if one is
/// there and ends at a word boundary.
fn marker_at_start(text: &str) -> Option<usize> {
    let word = MARKERS
        .iter()
        .filter(|m| text.starts_with(*m))
        .map(|m| m.len())
        .max()?;
    if !ends_word(text, word) {
        return None;
    }
    let rest = &text[word..];
    let spaces = rest.len() - rest.trim_start().len();
    let noun = NOUNS
        .iter()
        .find(|n| rest.trim_start().starts_with(*n) && ends_word(&rest[spaces..], n.len()));
    Some(match noun {
        Some(n) if spaces > 0 => word + spaces + n.len(),
        _ => word,
    })
}

/// Whether `text[at..]` starts at a word boundary (the end, or a character that is not a
/// letter or digit).
fn ends_word(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The closing bracket of an opening one.
fn closing(open: char) -> Option<char> {
    match open {
        '[' => Some(']'),
        '(' => Some(')'),
        '{' => Some('}'),
        '*' => Some('*'),
        _ => None,
    }
}

/// Whether a separator starts `rest` (after spaces): a colon, a dash, a bar or an exclamation
/// mark; or nothing (the marker was the whole title).
fn separated(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with(SEPARATORS)
}

/// "[CANCELED] X", "(CANCELLED) X", "** CANCELLED ** X", "CANCELLED: X", "Canceled - X",
/// "Cancelled talk: X", "CANCELLED": the X.
fn leading_marker(title: &str) -> Option<&str> {
    let open = title.chars().next()?;
    if let Some(close) = closing(open) {
        let inner = title.trim_start_matches(open).trim_start();
        let after = inner[marker_at_start(inner)?..].trim_start();
        let rest = after.strip_prefix(close)?.trim_start_matches(close);
        // "[CANCELED] X" needs no separator after the bracket.
        return (rest.is_empty() || rest.starts_with(char::is_whitespace) || separated(rest))
            .then(|| rest.trim_start().trim_start_matches(SEPARATORS));
    }
    let rest = &title[marker_at_start(title)?..];
    separated(rest).then(|| rest.trim_start().trim_start_matches(SEPARATORS))
}

/// "CANCELLED gopy: extend CPython with Go" (FOSDEM 2016): a marker in capitals opening the
/// title, followed by a space and no separator, where the rest of the title is not in capitals
/// too (so "CANCELLED FLIGHTS" stays a title); the rest of the title. Takes the title as
/// written (trimmed) and its lowercase `lower`: a marker is looked for only where `lower`
/// starts with one, so most titles cost no more than that comparison.
fn shouted_marker<'a>(title: &'a str, lower: &str) -> Option<&'a str> {
    let word = MARKERS
        .iter()
        .filter(|m| lower.starts_with(*m))
        .filter(|m| title.starts_with(m.to_uppercase().as_str()))
        .map(|m| m.len())
        .max()?;
    let rest = &title[word..];
    (rest.starts_with(char::is_whitespace) && rest.chars().any(char::is_lowercase))
        .then(|| rest.trim_start())
}

/// The characters that set a marker off from the title.
const SEPARATORS: &[char] = &[':', '-', '–', '—', '|', '!'];

/// "X (CANCELLED)", "X [canceled]", "X - CANCELLED", "X: cancelled", "X – Cancelled!": the X.
fn trailing_marker(title: &str) -> Option<&str> {
    let body = title.trim_end_matches(['.', '!', ' ']);
    let last = body.chars().last()?;
    let opening = match last {
        ']' => Some('['),
        ')' => Some('('),
        '}' => Some('{'),
        '*' => Some('*'),
        _ => None,
    };
    if let Some(open) = opening {
        let inner = body.trim_end_matches(last);
        let at = inner.rfind(open)?;
        let inside = inner[at..].trim_start_matches(open).trim();
        let whole = marker_at_start(inside).is_some_and(|n| n == inside.len());
        let before = inner[..at].trim_end_matches(open);
        return (whole && !before.trim().is_empty()).then_some(before);
    }
    // "X - CANCELLED": the marker is the last word(s), after a separator and a space.
    MARKERS.iter().find_map(|m| {
        let before = body.strip_suffix(m)?;
        let trimmed = before.trim_end();
        let spaced = trimmed.len() < before.len();
        let rest = trimmed.strip_suffix(['-', '–', '—', ':', '|'])?;
        (spaced && !rest.trim().is_empty()).then_some(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fosdem_markers_in_every_bracket_style_are_cancelled() {
        for title in [
            "[CANCELED] The current state of debugging in WebAssembly",
            "(CANCELLED) Funding the FOSS Ecosystem - (AMA with Devroom Organisers)",
            "CANCELLED: openSUSE: Engineering Stable Rolling Releases with OBS",
            "Canceled - Carving JSON in heap dumps",
            "Cancelled – Carving JSON in heap dumps",
            "[ Cancelled ] Carving JSON",
            "** CANCELLED ** Carving JSON",
            "CANCELLED gopy: extend CPython with Go",
            "ABGESAGT Wie klimafreundlich ist Software?",
            "*CANCELLED* Carving JSON",
            "{cancelled} Carving JSON",
            "Cancelled talk: Carving JSON",
            "CANCELLED",
            "[CANCELLED]",
            "Carving JSON in heap dumps (CANCELLED)",
            "Carving JSON in heap dumps [canceled]",
            "Carving JSON in heap dumps - CANCELLED",
            "Carving JSON in heap dumps: cancelled!",
            "[ABGESAGT] Wie man Bäume pflanzt",
            "Entfällt: Wie man Bäume pflanzt",
            "Fällt aus: Wie man Bäume pflanzt",
            "[ANNULÉ] La sécurité des réseaux",
            "Annulé : La sécurité des réseaux",
            "(geannuleerd) Open source in Nederland",
            "Software libre (cancelado)",
        ] {
            assert!(title_says_cancelled(title), "{title}");
        }
    }

    #[test]
    fn titles_that_only_use_the_word_are_not_cancelled() {
        for title in [
            "Cancelling POSIX syscalls in Managarm - an asynchronous microkernel",
            "Is Big DNS Taking Over? (REPLACES CANCELLED TALK)",
            "Catz in the PowerDNS Recursor (TALK REPLACES CANCELLED TALK)",
            "A PID control system based on the MOS 6502 - CANCELLED, replaced by Retrocomputing panel discussion",
            "Cancelled flights: what airline data tells us",
            "Cancelled flights what airline data tells us",
            "CANCELLED FLIGHTS: WHAT AIRLINE DATA TELLS US",
            "CANCELLEDNESS in practice",
            "Cancellation tokens in async Rust",
            "Why the Commodore 900 was canceled",
            "Canceledness",
            "The cancelled-talk problem",
            "",
            "()",
            "Abgesagte Konferenzen",
            "Annulering van contracten",
        ] {
            assert!(!title_says_cancelled(title), "{title}");
        }
    }

    #[test]
    fn title_words_leave_out_the_marker_and_nothing_else() {
        let plain = title_words("The current state of debugging in WebAssembly");
        assert_eq!(plain.len(), 7);
        for title in [
            "[CANCELED] The current state of debugging in WebAssembly",
            "Cancelled talk: The Current State of Debugging in WebAssembly",
            "CANCELLED The current state of debugging in WebAssembly",
            "The current state of debugging in WebAssembly (cancelled)",
            "The current state of debugging in WebAssembly - fällt aus",
            "  the current state of debugging, in WebAssembly! ",
        ] {
            assert_eq!(title_words(title), plain, "{title}");
        }
        // The word stays where it is part of the title.
        assert_eq!(title_words("Cancelling POSIX syscalls")[0], "cancelling");
        assert_eq!(
            title_words("Is Big DNS Taking Over? (REPLACES CANCELLED TALK)").len(),
            8
        );
    }

    #[test]
    fn status_fields_that_mean_no_session() {
        for s in [
            "CANCELLED",
            "canceled",
            " Withdrawn ",
            "DELETED",
            "rejected",
        ] {
            assert!(status_says_cancelled(s), "{s}");
        }
        for s in [
            "CONFIRMED",
            "ACCEPTED",
            "DELAYED",
            "TENTATIVE",
            "",
            "cancel",
        ] {
            assert!(!status_says_cancelled(s), "{s}");
        }
    }
}
