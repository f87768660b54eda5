//! Which schedule, which version: where a schedule came from (a path or a URL), the version
//! string its export publishes (frab/pretalx `version`), and when it was downloaded. Saved plans
//! keep this next to the content hash, and `replan`/`diff` report it.

use super::{Net, Origin};
use crate::import;
use crate::schedule::{Problem, Schedule, validate};
use crate::timing::{Stage, Stages};
use chrono::{DateTime, Utc};
use std::path::Path;
use std::time::Instant;

/// A schedule's identity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// A path, a URL, `<stdin>` or the embedded schedule's name.
    pub source: String,
    /// The export's published version (`<version>` in XML, `schedule.version` in JSON), if any.
    pub version: Option<String>,
    /// When it was downloaded (URLs only).
    pub fetched_at: Option<DateTime<Utc>>,
    /// How a URL was obtained this time (downloaded, confirmed unchanged, from the cache).
    pub via: Option<super::Via>,
}

/// A schedule as loaded, with its warnings, its identity and the time it took.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The schedule.
    pub schedule: Schedule,
    /// Its warnings (only imported files have them).
    pub warnings: Vec<Problem>,
    /// Where it came from and which version it is.
    pub identity: Identity,
    /// Time spent per stage: `read` (downloading or reading the file, and parsing it),
    /// `topics` (deriving imported talks' topics) and, for [`import::Need::Texts`], `score`
    /// (what tokenising the abstracts took beyond the topics).
    pub stages: Stages,
}

/// Loads the schedule to work on from a file, `-`, a URL (through the cache) or, with no
/// argument, the embedded one; fails on errors. Returns the warnings and the identity.
pub fn load(
    spec: Option<&Path>,
    net: &Net,
    limit: crate::input::ReadLimit,
) -> anyhow::Result<Loaded> {
    load_for(spec, net, limit, import::Need::Schedule)
}

/// [`load`] for a command that needs `need` (see [`import::Need`]).
pub fn load_for(
    spec: Option<&Path>,
    net: &Net,
    limit: crate::input::ReadLimit,
    need: import::Need,
) -> anyhow::Result<Loaded> {
    let started = Instant::now();
    let mut loaded = load_untimed(spec, net, limit, need)?;
    let beside = loaded.stages.get(Stage::Topics) + loaded.stages.get(Stage::Score);
    loaded
        .stages
        .set(Stage::Read, started.elapsed().saturating_sub(beside));
    Ok(loaded)
}

/// [`load_for`], with only the topic derivation (and the tokenising beside it) timed.
fn load_untimed(
    spec: Option<&Path>,
    net: &Net,
    limit: crate::input::ReadLimit,
    need: import::Need,
) -> anyhow::Result<Loaded> {
    let url = spec.and_then(|p| p.to_str()).filter(|s| super::is_url(s));
    if let Some(url) = url {
        let parse =
            |body: &[u8]| -> anyhow::Result<(Schedule, Vec<Problem>, Stages, Option<String>)> {
                if super::is_html(body) {
                    anyhow::bail!("an HTML page is a web page, not a schedule export");
                }
                // The same rule as for a file (`crate::input::decode`): no NUL, UTF-8, a fold
                // inside a character undone on the bytes, a byte-order mark dropped.
                let text = crate::input::decode(body.to_vec()).map_err(anyhow::Error::msg)?;
                let (schedule, problems, stages, version) =
                    import::read_versioned_for(&text, url, need)?;
                validate::fail_on_errors(&problems)?;
                Ok((schedule, problems, stages, version))
            };
        let ((schedule, warnings, stages, version), origin): (_, Origin) =
            super::load(url, net, parse)?;
        return Ok(Loaded {
            schedule,
            warnings,
            identity: Identity {
                source: url.to_string(),
                version,
                fetched_at: Some(origin.fetched_at),
                via: Some(origin.via),
            },
            stages,
        });
    }
    match spec {
        None => {
            let (schedule, warnings) = import::load_within(None, limit)?;
            let source = schedule.source.clone();
            Ok(Loaded {
                schedule,
                warnings,
                identity: Identity {
                    source,
                    ..Identity::default()
                },
                stages: Stages::default(),
            })
        }
        Some(p) => {
            let source = crate::input::source_name(p);
            let text = import::read_text_within(p, limit)?;
            let (schedule, warnings, stages, version) =
                import::read_owned_versioned_for(text, &source, need)?;
            validate::fail_on_errors(&warnings)?;
            Ok(Loaded {
                schedule,
                warnings,
                identity: Identity {
                    source,
                    version,
                    fetched_at: None,
                    via: None,
                },
                stages,
            })
        }
    }
}
