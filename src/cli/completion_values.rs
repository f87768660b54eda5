//! Values shells complete but the command line does not restrict: topics, profiles and room
//! names of the embedded schedule. Each is a clap value parser that accepts any text (weights
//! such as `bpf=3`, another schedule's topics) and offers its list only to completion scripts.

use clap::builder::{PossibleValue, TypedValueParser};

/// What to suggest.
#[derive(Debug, Clone, Copy)]
pub enum Suggest {
    /// Topics of the embedded schedule.
    Topics,
    /// Built-in profiles and those in `profiles/` and `~/.config/agenda/profiles`.
    Profiles,
    /// Rooms of the embedded schedule.
    Rooms,
    /// Tracks of the embedded schedule.
    Tracks,
}

impl Suggest {
    /// The values, sorted and without duplicates.
    pub fn values(self) -> Vec<String> {
        let mut list: Vec<String> = match self {
            Suggest::Topics => crate::schedule::Schedule::embedded()
                .map(|s| s.sessions.iter().flat_map(|x| x.topics.clone()).collect())
                .unwrap_or_default(),
            Suggest::Rooms => crate::schedule::Schedule::embedded()
                .map(|s| s.conference.rooms.clone())
                .unwrap_or_default(),
            Suggest::Tracks => crate::schedule::Schedule::embedded()
                .map(|s| s.sessions.iter().filter_map(|x| x.track.clone()).collect())
                .unwrap_or_default(),
            Suggest::Profiles => {
                // The built-in examples, and the profiles in the folders searched by name (as
                // they are when the completion script is generated).
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
        };
        list.sort();
        list.dedup();
        list
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

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        // Only completion scripts ask for these; the strings live as long as the program.
        let values: Vec<&'static str> = self
            .values()
            .into_iter()
            .map(|v| &*Box::leak(v.into_boxed_str()))
            .collect();
        Some(Box::new(values.into_iter().map(PossibleValue::new)))
    }
}
