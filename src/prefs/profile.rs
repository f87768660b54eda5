//! Profiles: an attendee's interests and limits kept in a RON file.
//!
//! `--profile NAME` looks, in order, for: NAME as a path (when it names an existing file),
//! `profiles/NAME.ron` in the current directory, `$XDG_CONFIG_HOME/agenda/profiles/NAME.ron`
//! (`~/.config/agenda/profiles/NAME.ron` when the variable is unset), and the example profiles
//! built into the binary. Every field is optional; flags on the command line override it.
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
//!     favourites_weight: 3,           // left out: 10 points each (--favourites-weight)
//!     must: ["bpf-tokens"],
//!     avoid: [],
//!     max_switches: 2,            // left out: the default; see also unlimited_switches
//!     unlimited_switches: false,
//!     switch_minutes: 5,
//!     walk: "2,6",                // minutes within, between buildings (replaces switch_minutes)
//!     venue: "ulb.ron",           // buildings and walks, see docs/guide/walking.md
//!     busy: ["2 12:00-13:00"],    // DAY HH:MM-HH:MM: a conference day (number or date of its
//!                                 // morning); "2 23:00-01:00" crosses midnight
//!     gaps: false,
//! )
//! ```

use crate::error::bad_input;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The example profiles shipped in `profiles/`, built in so they work from any directory.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("alice", include_str!("../../profiles/alice.ron")),
    ("bob", include_str!("../../profiles/bob.ron")),
    ("carol", include_str!("../../profiles/carol.ron")),
    ("dave", include_str!("../../profiles/dave.ron")),
];

/// A profile file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The person's name, shown when comparing agendas.
    #[serde(default)]
    pub name: Option<String>,
    /// Likes, as on the command line: `"bpf=3"`, `"rust"`.
    #[serde(default)]
    pub likes: Vec<String>,
    /// Dislikes, as on the command line.
    #[serde(default)]
    pub dislikes: Vec<String>,
    /// Tracks to seek, `"Rust=2"`.
    #[serde(default)]
    pub tracks: Vec<String>,
    /// Speakers to see, `"Name=w"`.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Talks rated directly, `"ID=W"` or `"TITLE=W"`, W from -10 to 10.
    #[serde(default)]
    pub rate: Vec<String>,
    /// A ratings CSV file (`id,rating`), relative to the current directory.
    #[serde(default)]
    pub ratings: Option<String>,
    /// A favourites file (iCalendar or a plain list), relative to the current directory.
    #[serde(default)]
    pub favourites: Option<String>,
    /// Points a favourite adds (1 to 10; 10 when left out).
    #[serde(default)]
    pub favourites_weight: Option<i64>,
    /// Must-see sessions: ids or title fragments.
    #[serde(default)]
    pub must: Vec<String>,
    /// Sessions to avoid: ids or title fragments.
    #[serde(default)]
    pub avoid: Vec<String>,
    /// Room switches allowed per day.
    #[serde(default)]
    pub max_switches: Option<u32>,
    /// No limit on room switches.
    #[serde(default)]
    pub unlimited_switches: bool,
    /// Minutes needed to change rooms.
    #[serde(default)]
    pub switch_minutes: Option<u32>,
    /// Walking minutes within and between buildings, `"2,6"`.
    #[serde(default)]
    pub walk: Option<String>,
    /// A venue file (RON) with buildings and walking times.
    #[serde(default)]
    pub venue: Option<String>,
    /// Busy windows, `"DAY HH:MM-HH:MM"`.
    #[serde(default)]
    pub busy: Vec<String>,
    /// Leave free time free.
    #[serde(default)]
    pub gaps: Option<bool>,
}

/// A loaded profile and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The profile.
    pub profile: Profile,
    /// Its name: the `name` field, else the file stem.
    pub name: String,
    /// Where it was found, for messages.
    pub source: String,
}

/// Parses profile text.
pub fn parse(text: &str, source: &str) -> anyhow::Result<Profile> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| {
            bad_input(format!(
                "{source}:{}:{}: not a valid profile: {}; see profiles/alice.ron for the format",
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
            let profile = parse(&text, &source)?;
            let name = profile.name.clone().unwrap_or_else(|| stem.clone());
            return Ok(Loaded {
                profile,
                name,
                source,
            });
        }
    }
    if let Some((_, text)) = EXAMPLES.iter().find(|(n, _)| *n == name) {
        let source = format!("`{name}` (built in)");
        let profile = parse(text, &source)?;
        let name = profile.name.clone().unwrap_or_else(|| name.to_string());
        return Ok(Loaded {
            profile,
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
