//! Small helpers for text shown to people, shared by every writer and message: counts in
//! words, wrapping, the closest name for a typo, and a name as a slug.

/// `n` and the word in the right number: `plural(1, "talk", "talks")` is `1 talk`,
/// `plural(2, "room switch", "room switches")` is `2 room switches`.
pub fn plural<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    let word = if n == N::from(1) { one } else { many };
    format!("{n} {word}")
}

/// Points as words: `1 point`, `1.5 points`, `3 points` (from half points).
pub fn points(half_points: i64) -> String {
    let text = crate::points::Points::from_half(half_points);
    format!(
        "{text} {}",
        if half_points == 2 { "point" } else { "points" }
    )
}

/// "1, 2 and 3".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `line` broken at spaces into lines of at most `width` characters (a longer word stays
/// whole); continuation lines start with `indent` spaces.
pub(crate) fn wrap(line: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut current = String::new();
    for word in line.split(' ') {
        let extra = usize::from(!current.is_empty());
        if !current.trim().is_empty()
            && current.chars().count() + extra + word.chars().count() > width
        {
            out.push_str(current.trim_end());
            out.push('\n');
            current = " ".repeat(indent);
            current.push_str(word);
        } else {
            if extra == 1 {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    out.push_str(current.trim_end());
    out
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&word, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, c)| *score >= 0.5 || c.to_lowercase().contains(&word))
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A track name as a topic: lowercase, every run of other characters one `-`
/// ("Containers and Security" → `containers-and-security`, "Ethics, Society & Politics" →
/// `ethics-society-politics`).
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '+' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_indents() {
        assert_eq!(wrap("Likes: a, b, c", 10, 2), "Likes: a,\n  b, c");
        assert_eq!(wrap("short", 80, 2), "short");
        assert_eq!(
            wrap("averyveryverylongword x", 5, 1),
            "averyveryverylongword\n x"
        );
    }

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(
            plural(1u32, "room switch", "room switches"),
            "1 room switch"
        );
        assert_eq!(
            plural(0u32, "room switch", "room switches"),
            "0 room switches"
        );
        assert_eq!(plural(2usize, "talk", "talks"), "2 talks");
        assert_eq!(plural(-1i64, "point", "points"), "-1 points");
    }

    #[test]
    fn points_are_singular_only_for_exactly_one() {
        assert_eq!(points(2), "1 point");
        assert_eq!(points(3), "1.5 points");
        assert_eq!(points(1), "0.5 points");
        assert_eq!(points(6), "3 points");
    }

    #[test]
    fn tracks_become_slugs() {
        assert_eq!(slug("Rust"), "rust");
        assert_eq!(slug("Containers and Security"), "containers-and-security");
        assert_eq!(
            slug("Ethics, Society & Politics"),
            "ethics-society-politics"
        );
    }

    #[test]
    fn a_likely_typo_finds_its_word_and_nonsense_finds_nothing() {
        assert_eq!(
            closest("Fronted", ["frontend", "backend"]),
            Some("frontend")
        );
        assert_eq!(closest("front", ["frontend", "backend"]), Some("frontend"));
        assert_eq!(closest("zzzzzz", ["frontend", "backend"]), None);
    }
}
