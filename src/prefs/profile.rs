//! Profiles: an attendee's interests and limits kept in a RON file.
//!
//! `--profile NAME` looks, in order, for: NAME as a path (when it names an existing file),
//! `profiles/NAME.ron` in the current directory, `$XDG_CONFIG_HOME/agenda/profiles/NAME.ron`
//! (`~/.config/agenda/profiles/NAME.ron` when the variable is unset), and the example profiles
//! built into the binary. Every field is optional; flags on the command line override it.
//!
//! A profile is [`Settings`] as written (see [`crate::prefs::settings::form`] and
//! docs/reference/file-formats.md): the same shape a saved plan keeps its settings in.
//!
//! ```ron
//! (
//!     name: "Alice",
//!     likes: ["bpf=3", "networking=2", "security"],
//!     dislikes: ["gnome"],
//!     tracks: ["Rust", "eBPF=2"],    // imported schedules with tracks
//!     speakers: ["Christian Brauner=2"],
//!     rate: ["bpf-tokens=5"],         // ID or TITLE = -10..10, the talk's score
//!     ratings: "ratings.csv",         // id,rating rows
//!     favourites: "bookmarks.ics",    // iCalendar or one id/title per line
//!     favourites_weight: 3,           // left out: 10 points each; or "must"
//!     stars: ["systing", "bpf-tokens=5"],  // talks starred, with their own points or not
//!     must: ["bpf-tokens"],
//!     avoid: [],
//!     max_switches: 2,            // left out: the default; "none": no limit
//!     switch_minutes: 5,
//!     walk: "2,6",                // minutes within, between buildings (replaces switch_minutes)
//!     venue: "ulb.ron",           // buildings and walks, see docs/guide/walking.md
//!     busy: ["2 12:00-13:00"],    // DAY HH:MM-HH:MM: a conference day (number or date of its
//!                                 // morning); "2 23:00-01:00" crosses midnight
//!     gaps: false,
//! )
//! ```

use super::Settings;
use crate::error::bad_input;
use std::path::{Path, PathBuf};

/// The example profiles shipped in `profiles/`, built in so they work from any directory.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("alice", include_str!("../../profiles/alice.ron")),
    ("bob", include_str!("../../profiles/bob.ron")),
    ("carol", include_str!("../../profiles/carol.ron")),
    ("dave", include_str!("../../profiles/dave.ron")),
];

/// A loaded profile and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The profile's settings, named: the `name` field, else the file stem.
    pub settings: Settings,
    /// Its name: the `name` field, else the file stem.
    pub name: String,
    /// Where it was found, for messages.
    pub source: String,
}

/// Parses profile text: the settings, checked.
pub fn parse(text: &str, source: &str) -> anyhow::Result<Settings> {
    crate::schedule::ron_format::ron_options().from_str(text).map_err(|e| {
        bad_input(format!(
            "{source}:{}:{}: not a valid profile: {}; see docs/reference/file-formats.md for the format",
            e.span.start.line, e.span.start.col, e.code
        ))
    })
}

/// The user's configuration folder: `$XDG_CONFIG_HOME`, else `~/.config` (see
/// [`crate::folders`]).
pub(crate) fn config_dir() -> Option<PathBuf> {
    crate::folders::config_home()
}

/// Finds and loads a profile by name or path (see the module docs for the search order).
pub fn load(name: &str) -> anyhow::Result<Loaded> {
    load_within(name, crate::input::ReadLimit::default())
}

/// [`load`] reading within `limit`.
pub fn load_within(name: &str, limit: crate::input::ReadLimit) -> anyhow::Result<Loaded> {
    let as_path = Path::new(name);
    let stem = as_path
        .file_stem()
        .map_or(name.to_string(), |s| s.to_string_lossy().into_owned());
    if as_path.is_dir() {
        return Err(bad_input(format!(
            "profile `{name}` is a folder; give a profile file or a profile name"
        )));
    }
    let mut candidates = Vec::new();
    if as_path.exists() {
        candidates.push(as_path.to_path_buf());
    }
    // A name given as a file (`bob.ron`, `dir/bob`) is also looked for by its stem, never as
    // `bob.ron.ron`.
    let looks_like_path = name.ends_with(".ron") || name.contains(std::path::MAIN_SEPARATOR);
    let bare = if looks_like_path { stem.as_str() } else { name };
    candidates.push(Path::new("profiles").join(format!("{bare}.ron")));
    if let Some(dir) = config_dir() {
        candidates.push(dir.join("agenda/profiles").join(format!("{bare}.ron")));
    }
    for path in &candidates {
        if path.exists() {
            let source = path.display().to_string();
            let text = crate::input::read_text_within(path, "profile", limit)?;
            let mut settings = parse(&text, &source)?;
            let name = settings.name.get_or_insert_with(|| stem.clone()).clone();
            return Ok(Loaded {
                settings,
                name,
                source,
            });
        }
    }
    if let Some((_, text)) = EXAMPLES.iter().find(|(n, _)| *n == name) {
        let source = format!("`{name}` (built in)");
        let mut settings = parse(text, &source)?;
        let name = settings
            .name
            .get_or_insert_with(|| name.to_string())
            .clone();
        return Ok(Loaded {
            settings,
            name,
            source,
        });
    }
    let examples: Vec<&str> = EXAMPLES.iter().map(|(n, _)| *n).collect();
    let hint = crate::text::closest(name, examples.iter().copied())
        .map(|c| format!("did you mean `{c}`? "))
        .unwrap_or_default();
    let missing_file = if looks_like_path {
        format!("there is no file `{name}`, and ")
    } else {
        String::new()
    };
    Err(bad_input(format!(
        "no profile `{name}`: {missing_file}no profile of that name (looked for {}); {hint}the built-in examples are {}",
        candidates
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        examples.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_profile_parses() {
        for (name, text) in EXAMPLES {
            let p = parse(text, name).unwrap();
            assert!(!p.likes.is_empty(), "{name} likes nothing");
        }
    }

    #[test]
    fn unknown_fields_are_errors_with_a_line() {
        let err = parse("(\n likes: [],\n colour: 3,\n)", "x.ron").unwrap_err();
        assert!(format!("{err}").starts_with("x.ron:3:"), "{err}");
    }
}
