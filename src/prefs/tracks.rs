//! Tracks as interests: `--tracks "Rust,eBPF=2"`, every talk of a track at a weight.
//!
//! A track is named as the schedule spells it, ignoring case, or by its slug
//! (`hpc-big-data-data-science`). A flag value that names one track whole is that track even
//! with commas in its name ("HPC, Big Data & Data Science"); otherwise it is a comma-separated
//! list. Weights go from 1 to 10, default 1; the reason shown is `track Rust +1`.

use super::interests::{DEFAULT_WEIGHT, MAX_WEIGHT, Weighted};
use crate::error::bad_input;
use crate::schedule::Schedule;
use crate::text::slug;

/// The track a name stands for, as the schedule spells it.
fn find<'a>(tracks: &'a [String], name: &str) -> Option<&'a String> {
    let name = name.trim();
    tracks
        .iter()
        .find(|t| t.eq_ignore_ascii_case(name) || t.to_lowercase() == name.to_lowercase())
        .or_else(|| tracks.iter().find(|t| slug(t) == name.to_lowercase()))
}

/// Splits `NAME=W` into the name and its weight.
fn weighted(raw: &str) -> anyhow::Result<(&str, i64)> {
    match raw.rsplit_once('=') {
        Some((name, w)) => {
            let weight: i64 = w.trim().parse().map_err(|_| {
                bad_input(format!(
                    "track `{raw}`: the weight `{}` is not a whole number; write e.g. `{}=3`",
                    w.trim(),
                    name.trim()
                ))
            })?;
            if !(1..=MAX_WEIGHT).contains(&weight) {
                return Err(bad_input(format!(
                    "track `{raw}`: weights go from 1 to {MAX_WEIGHT}"
                )));
            }
            Ok((name.trim(), weight))
        }
        None => Ok((raw.trim(), DEFAULT_WEIGHT)),
    }
}

/// Parses `--tracks` values into tracks as the schedule spells them, with weights.
pub fn resolve(schedule: &Schedule, items: &[String]) -> anyhow::Result<Vec<Weighted>> {
    if items.iter().all(|i| i.trim().is_empty()) {
        return Ok(Vec::new());
    }
    let tracks: Vec<String> = schedule.track_counts().into_keys().collect();
    if tracks.is_empty() {
        return Err(bad_input(format!(
            "{} has no tracks; use --likes with a topic instead (`agenda topics` lists them)",
            schedule.conference.name
        )));
    }
    let mut out: Vec<Weighted> = Vec::new();
    for item in items {
        let whole = weighted(item)
            .ok()
            .and_then(|(n, w)| find(&tracks, n).map(|t| (t, w)));
        let pieces: Vec<(String, i64)> = match whole {
            Some((t, w)) => vec![(t.clone(), w)],
            None => item
                .split(',')
                .filter(|p| !p.trim().is_empty())
                .map(|p| {
                    let (name, w) = weighted(p)?;
                    let track = find(&tracks, name).ok_or_else(|| {
                        let hint = crate::text::closest(name, tracks.iter().map(String::as_str))
                            .map(|c| format!("did you mean `{c}`? "))
                            .unwrap_or_default();
                        bad_input(format!(
                            "no track `{name}` in {}; {hint}`agenda topics` lists the tracks",
                            schedule.conference.name
                        ))
                    })?;
                    Ok((track.clone(), w))
                })
                .collect::<anyhow::Result<_>>()?,
        };
        for (term, weight) in pieces {
            if out.iter().any(|o| o.term == term) {
                return Err(bad_input(format!(
                    "the track `{term}` is given twice; give it once with the weight you want"
                )));
            }
            out.push(Weighted { term, weight });
        }
    }
    Ok(out)
}
