//! Talks rated directly: `--rate ID|TITLE=W` and `--ratings FILE` (CSV `id,rating`).
//!
//! A rating is a whole number from -10 to 10 and becomes the talk's score, overriding every
//! topic, track, speaker and favourite score (the reason shown is `rated W`). A ratings file has
//! one `id,rating` row per talk, as optimal-congress users keep it; a first row whose id is no
//! session and whose rating is not a number is a header; blank lines and lines starting with `#` are skipped. `--rate` flags
//! win over the file for the same talk; the same talk twice in one file is an error.

use super::interests::{self, Weighted};
use crate::error::bad_input;
use crate::schedule::Schedule;
use std::path::Path;

/// Lowest rating.
pub(crate) const MIN_RATING: i64 = -10;
/// Highest rating.
pub(crate) const MAX_RATING: i64 = 10;

fn parse_rating(text: &str, place: &str) -> anyhow::Result<i64> {
    let rating: i64 = text.trim().parse().map_err(|_| {
        bad_input(format!(
            "{place}: the rating `{}` is not a whole number; ratings go from {MIN_RATING} to {MAX_RATING}",
            text.trim()
        ))
    })?;
    if !(MIN_RATING..=MAX_RATING).contains(&rating) {
        return Err(bad_input(format!(
            "{place}: the rating {rating} is out of range; ratings go from {MIN_RATING} to {MAX_RATING}"
        )));
    }
    Ok(rating)
}

/// Parses one `--rate ID|TITLE=W` into the talk as written and its rating.
pub(crate) fn parse_rate(flag: &str) -> anyhow::Result<Weighted> {
    let Some((talk, rating)) = flag.rsplit_once('=') else {
        return Err(bad_input(format!(
            "--rate `{flag}` has no rating; write ID=W or TITLE=W, e.g. `--rate 6712=5`"
        )));
    };
    Ok(Weighted {
        term: talk.trim().to_string(),
        weight: parse_rating(rating, &format!("--rate `{flag}`"))?,
    })
}

/// Matches parsed `--rate` values to sessions: (session id, rating), each talk once.
pub(crate) fn resolve_rates(
    schedule: &Schedule,
    rates: &[Weighted],
) -> anyhow::Result<Vec<Weighted>> {
    let mut out: Vec<Weighted> = Vec::new();
    for rate in rates {
        let index = interests::resolve_session(schedule, &rate.term, "--rate")?;
        let id = schedule.sessions[index].id.clone();
        if out.iter().any(|w| w.term == id) {
            return Err(bad_input(format!(
                "--rate names `{id}` twice; rate each talk once"
            )));
        }
        out.push(Weighted {
            term: id,
            weight: rate.weight,
        });
    }
    Ok(out)
}

/// Reads a ratings CSV file (`id,rating` rows) into (session id, rating).
pub(crate) fn read_file(
    schedule: &Schedule,
    path: &Path,
    limit: crate::input::ReadLimit,
) -> anyhow::Result<Vec<Weighted>> {
    let name = path.display().to_string();
    let text = crate::input::read_text_within(path, "the ratings file", limit)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out: Vec<Weighted> = Vec::new();
    // Each id's first session, and the ids rated so far: a file rating every talk of a large
    // schedule is looked up once per row, not searched.
    let by_id = schedule.id_index();
    let mut rated: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (n, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| bad_input(format!("{name}: not a CSV file of `id,rating` rows: {e}")))?;
        let line = record.position().map_or(n + 1, |p| p.line() as usize);
        let place = format!("{name}:{line}");
        if record.iter().all(str::is_empty) {
            continue;
        }
        let (Some(id), Some(rating)) = (record.get(0), record.get(1)) else {
            return Err(bad_input(format!(
                "{place}: expected `id,rating`, found one field; write e.g. `6712,5`"
            )));
        };
        if n == 0 && rating.parse::<f64>().is_err() && !by_id.contains_key(id) {
            continue; // a header row
        }
        let rating = parse_rating(rating, &place)?;
        let Some(session) = by_id.get(id).map(|&i| &schedule.sessions[i]) else {
            let hint = crate::text::closest(id, schedule.sessions.iter().map(|s| s.id.as_str()))
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            return Err(bad_input(format!(
                "{place}: no session has the id `{id}` in {}; {hint}`agenda talks --format json` lists the ids",
                schedule.conference.name
            )));
        };
        if !session.kind.is_plannable() {
            return Err(bad_input(format!(
                "{place}: `{id}` is a {}, which is never planned; rate talks only",
                session.kind.as_str()
            )));
        }
        if !rated.insert(session.id.as_str()) {
            return Err(bad_input(format!(
                "{place}: `{id}` is rated twice in the file; keep one row"
            )));
        }
        out.push(Weighted {
            term: id.to_string(),
            weight: rating,
        });
    }
    if out.is_empty() {
        return Err(bad_input(format!(
            "the ratings file {name} rates no talk; write one `id,rating` row per talk, e.g. `6712,5`"
        )));
    }
    Ok(out)
}

/// Ratings from a file with the flags over them (a flag wins for the same talk).
pub(crate) fn merge(file: Vec<Weighted>, flags: Vec<Weighted>) -> Vec<Weighted> {
    let flagged: std::collections::HashSet<&str> = flags.iter().map(|g| g.term.as_str()).collect();
    let mut out: Vec<Weighted> = file
        .into_iter()
        .filter(|f| !flagged.contains(f.term.as_str()))
        .collect();
    out.extend(flags);
    out
}
