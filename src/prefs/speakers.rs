//! Speakers by part of a name: `--speakers poettering` finds Lennart Poettering.
//!
//! A speaker given is, in order: a speaker's whole name (ignoring case); else every word of it
//! is a word of exactly one speaker's name (ignoring case; words split at spaces, dashes and
//! other marks), which it then stands for. Several speakers fitting is an error listing them; no
//! speaker fitting is left to [`super::interests::check_known`], which suggests the closest.

use super::interests::Weighted;
use crate::error::bad_input;
use crate::schedule::Schedule;
use std::collections::BTreeSet;

fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Replaces each part of a name by the one speaker it fits.
pub fn resolve(schedule: &Schedule, speakers: Vec<Weighted>) -> anyhow::Result<Vec<Weighted>> {
    let names: BTreeSet<&str> = schedule
        .sessions
        .iter()
        .flat_map(|s| s.speakers.iter().map(String::as_str))
        .collect();
    let mut out: Vec<Weighted> = Vec::with_capacity(speakers.len());
    for w in speakers {
        let lower = w.term.to_lowercase();
        let resolved = if names.iter().any(|n| n.to_lowercase() == lower) {
            w
        } else {
            let wanted = words(&w.term);
            let fits: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| {
                    let have = words(n);
                    !wanted.is_empty() && wanted.iter().all(|x| have.contains(x))
                })
                .collect();
            match fits.as_slice() {
                [one] => Weighted {
                    term: (*one).to_string(),
                    weight: w.weight,
                },
                [] => w,
                many => {
                    return Err(bad_input(format!(
                        "the speaker `{}` fits {} speakers; give the whole name of one:\n  {}",
                        w.term,
                        many.len(),
                        many.join("\n  ")
                    )));
                }
            }
        };
        if out
            .iter()
            .any(|o| o.term.to_lowercase() == resolved.term.to_lowercase())
        {
            return Err(bad_input(format!(
                "the speaker `{}` is given twice; give them once with the weight you want",
                resolved.term
            )));
        }
        out.push(resolved);
    }
    Ok(out)
}
