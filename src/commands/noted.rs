//! Which schedule versions' warnings were already noted: the one-line "the schedule has N
//! warnings" note is said once per version, not on every `now`. The versions are remembered as
//! one key a line in `noted-warnings` in agenda's cache folder.

use std::path::Path;

/// How many versions are remembered; the oldest are forgotten first.
const KEEP: usize = 500;

/// The key of a schedule version's warnings: a hash of their text (which names the schedule's
/// file and the entries), so another version with other warnings is noted again. The text is
/// hashed as it is written: a flood of warnings is not held a second time as text.
pub fn key(warnings: &[crate::schedule::Problem]) -> String {
    format!("{:016x}", crate::schedule::hash::fnv1a64_lines(warnings))
}

/// Whether `key` is new to the list in `file`, remembering it. A list that cannot be read or
/// written counts every key as new: the note is then said as before, on every run.
pub fn first_time(file: &Path, key: &str) -> bool {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let mut keys: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    if keys.contains(&key) {
        return false;
    }
    keys.push(key);
    let from = keys.len().saturating_sub(KEEP);
    let mut list = keys[from..].join("\n");
    list.push('\n');
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // A crash halfway leaves a shorter list: at worst a note said once more.
    let _ = std::fs::write(file, list);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_the_hash_of_the_warnings_text_one_a_line() {
        // The key of an earlier version (the text joined, then hashed) must stay the key, or
        // every schedule's note would be said once more.
        let schedule = crate::schedule::Schedule::embedded().unwrap();
        let mut warnings: Vec<_> = crate::schedule::validate::check(&schedule);
        let problem = |id: &str| crate::schedule::Problem {
            severity: crate::schedule::Severity::Warning,
            code: "room-overlap",
            source: "a.json".into(),
            line: Some(3),
            entry: Some(id.into()),
            message: format!("room A holds two entries at once: `{id}` ✓"),
            fix: "move one".into(),
        };
        warnings.extend(["1", "2", "3"].map(problem));
        for n in 0..=warnings.len() {
            let text: Vec<String> = warnings[..n].iter().map(ToString::to_string).collect();
            let joined = crate::schedule::hash::fnv1a64(text.join("\n").as_bytes());
            assert_eq!(key(&warnings[..n]), format!("{joined:016x}"));
        }
        assert_ne!(key(&warnings[..2]), key(&warnings[..3]));
    }

    #[test]
    fn a_key_is_new_once_and_the_list_keeps_the_latest() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("agenda/noted-warnings");
        assert!(first_time(&file, "a"));
        assert!(!first_time(&file, "a"));
        assert!(first_time(&file, "b"));
        assert!(!first_time(&file, "a"));
        for k in 0..KEEP {
            first_time(&file, &k.to_string());
        }
        let kept = std::fs::read_to_string(&file).unwrap();
        assert_eq!(kept.lines().count(), KEEP);
        assert!(first_time(&file, "a"), "the oldest were forgotten");
    }
}
