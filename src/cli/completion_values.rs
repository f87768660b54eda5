//! Values shells complete but the command line does not restrict: topics, tracks and rooms of
//! the schedule named by `--schedule` on the command line being completed (the embedded one
//! without it), and profiles. Each is a clap value parser that accepts any text (weights such
//! as `bpf=3`, a topic only some talk's abstract names) and a completer that offers its list to
//! the shell, through clap_complete's dynamic completion (`agenda completions SHELL` prints the
//! script that asks `agenda` itself at each TAB).

use clap::builder::TypedValueParser;
use clap_complete::engine::{CompletionCandidate, ValueCompleter};
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// What to suggest.
#[derive(Debug, Clone, Copy)]
pub enum Suggest {
    /// Topics of the schedule.
    Topics,
    /// Built-in profiles and those in `profiles/` and `~/.config/agenda/profiles`.
    Profiles,
    /// Rooms of the schedule.
    Rooms,
    /// Tracks of the schedule.
    Tracks,
}

/// The value of `--schedule FILE|URL` (or `--schedule=FILE|URL`) among `args`, the command line
/// being completed (the last one given wins, as when parsing).
pub fn schedule_in(args: &[OsString]) -> Option<PathBuf> {
    let mut found = None;
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if word == "--" {
            continue;
        }
        if word == "--schedule" {
            found = words.next().map(PathBuf::from);
        } else if let Some(value) = word.to_str().and_then(|w| w.strip_prefix("--schedule=")) {
            found = Some(PathBuf::from(value));
        }
    }
    found
}

/// The schedule named on the command line being completed (`None`: the embedded one), read
/// without going online (a URL through its cached copy) and without a word on stderr.
fn schedule(spec: Option<&std::path::Path>) -> Option<crate::schedule::Schedule> {
    let net = crate::fetch::Net {
        offline: true,
        progress: false,
        warn: false,
        ..Default::default()
    };
    crate::fetch::identity::load(spec, &net, crate::input::ReadLimit::default())
        .ok()
        .map(|loaded| loaded.schedule)
}

impl Suggest {
    /// The values for the schedule `spec` names (the embedded one when `None`), sorted and
    /// without duplicates; none when that schedule cannot be read.
    pub fn values_for(self, spec: Option<&std::path::Path>) -> Vec<String> {
        let mut list: Vec<String> = match self {
            Suggest::Topics => schedule(spec)
                .map(|s| s.topic_counts().into_keys().collect())
                .unwrap_or_default(),
            Suggest::Rooms => schedule(spec)
                .map(|s| s.conference.rooms.clone())
                .unwrap_or_default(),
            Suggest::Tracks => schedule(spec)
                .map(|s| s.track_counts().into_keys().collect())
                .unwrap_or_default(),
            Suggest::Profiles => profiles(),
        };
        list.sort();
        list.dedup();
        list
    }

    /// The candidates for `current` (what is typed so far): the values it begins, ignoring
    /// case; in a list (`--likes bpf,sy`) the last item is completed and the rest kept.
    pub fn candidates(self, spec: Option<&std::path::Path>, current: &str) -> Vec<String> {
        let listed = matches!(self, Suggest::Topics | Suggest::Tracks);
        let (kept, typed) = match current.rfind(',') {
            Some(at) if listed => current.split_at(at + 1),
            _ => ("", current),
        };
        let typed = typed.to_lowercase();
        self.values_for(spec)
            .into_iter()
            .filter(|v| v.to_lowercase().starts_with(&typed))
            .map(|v| format!("{kept}{v}"))
            .collect()
    }
}

/// The built-in example profiles and the profiles in the folders searched by name.
fn profiles() -> Vec<String> {
    let mut names: Vec<String> = crate::prefs::profile::EXAMPLES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    let mut folders = vec![std::path::PathBuf::from("profiles")];
    if let Some(dir) = crate::prefs::profile::config_dir() {
        folders.push(dir.join("agenda/profiles"));
    }
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ron")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            {
                names.push(stem.to_string());
            }
        }
    }
    names
}

impl ValueCompleter for Suggest {
    fn complete(&self, current: &OsStr) -> Vec<CompletionCandidate> {
        // The completer gets only the word being completed; `--schedule` is read from the
        // whole command line the shell passed (clap_complete offers no parsed arguments).
        let args: Vec<OsString> = std::env::args_os().collect();
        let spec = schedule_in(&args);
        self.candidates(spec.as_deref(), &current.to_string_lossy())
            .into_iter()
            .map(CompletionCandidate::new)
            .collect()
    }
}

impl TypedValueParser for Suggest {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_string)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_is_read_from_the_command_line_being_completed() {
        let line = |words: &[&str]| -> Vec<OsString> { words.iter().map(OsString::from).collect() };
        assert_eq!(
            schedule_in(&line(&[
                "agenda",
                "--",
                "agenda",
                "--schedule",
                "f.xml",
                "plan"
            ])),
            Some(PathBuf::from("f.xml"))
        );
        assert_eq!(
            schedule_in(&line(&["agenda", "plan", "--schedule=a.json", "--likes"])),
            Some(PathBuf::from("a.json"))
        );
        assert_eq!(schedule_in(&line(&["agenda", "plan", "--likes"])), None);
    }

    #[test]
    fn the_last_item_of_a_list_is_completed() {
        let got = Suggest::Topics.candidates(None, "bpf,SYS");
        assert!(got.contains(&"bpf,sysext".to_string()), "{got:?}");
        assert!(got.iter().all(|c| c.starts_with("bpf,sys")), "{got:?}");
        assert_eq!(Suggest::Rooms.candidates(None, "gal"), vec!["Galerie"]);
    }
}
