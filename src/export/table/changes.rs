//! `agenda diff` as text: a summary line, then one table row per change.

use crate::changes::rows::{Row, rows_for};
use crate::changes::yours::Yours;
use crate::changes::{Diff, What};
use crate::fetch::identity::Identity;
use crate::schedule::{Schedule, Session};
use std::io::Write;

/// `Sat 10:00–10:30 · K.1.105`: when and where, for a table cell.
pub fn when_where(s: &Session) -> String {
    format!(
        "{} {} · {}",
        s.date.format("%a"),
        crate::export::times::time_range(s),
        s.room
    )
}

/// `FOSDEM 2025 (version latest, from path)`.
pub fn describe(schedule: &Schedule, identity: &Identity) -> String {
    let version = identity
        .version
        .as_deref()
        .map(|v| format!("version {v}, "))
        .unwrap_or_default();
    format!(
        "{} ({version}{})",
        schedule.conference.name, identity.source
    )
}

/// The summary: `192 added, 30 removed, 3 cancelled, 97 moved, 2 retitled, 5 with other
/// speakers, 800 unchanged`.
pub fn summary(diff: &Diff) -> String {
    let c = diff.counts();
    format!(
        "{} added, {} removed, {} cancelled, {} moved, {} retitled, {} with other speakers, {} unchanged",
        c.added, c.removed, c.cancelled, c.moved, c.retitled, c.speakers_changed, c.unchanged
    )
}

fn change_words(what: &What, new_id: bool) -> String {
    let mut words: Vec<String> = Vec::new();
    if what.cancelled {
        words.push("cancelled".into());
    }
    if what.moved() {
        let how: Vec<&str> = [
            (what.time, "time"),
            (what.room, "room"),
            (what.length, "length"),
        ]
        .into_iter()
        .filter(|(b, _)| *b)
        .map(|(_, w)| w)
        .collect();
        words.push(format!("moved ({})", how.join(", ")));
    }
    if what.title {
        words.push("retitled".into());
    }
    if what.speakers {
        words.push("speakers".into());
    }
    if new_id {
        words.push("new id".into());
    }
    words.join(", ")
}

/// Writes the diff as a summary and a table `width` columns wide; with `yours`, the whole
/// schedule's summary, the verdict, and only the rows that touch your talks or talks that
/// score for you (a plan's talks marked `your talk`).
pub fn write(
    out: &mut dyn Write,
    old: (&Schedule, &Identity),
    new: (&Schedule, &Identity),
    diff: &Diff,
    width: u16,
    yours: Option<&Yours>,
) -> anyhow::Result<()> {
    writeln!(out, "old: {}", describe(old.0, old.1))?;
    writeln!(out, "new: {}", describe(new.0, new.1))?;
    match yours {
        Some(y) => {
            let wrap = |line: &str| crate::text::wrap(line, usize::from(width), 2);
            writeln!(
                out,
                "{}",
                wrap(&format!("whole schedule: {}", summary(diff)))
            )?;
            writeln!(
                out,
                "{}",
                wrap(&y.verdict(diff, old.0.sessions.len()).sentence())
            )?;
        }
        None => writeln!(out, "{}", summary(diff))?,
    }
    let rows = rows_for(diff, old.0, new.0, yours);
    if rows.is_empty() {
        if yours.is_none() {
            writeln!(out, "no changes")?;
        }
        return Ok(());
    }
    let marked = yours.is_some_and(|y| y.plan.is_some());
    let mut table =
        crate::export::table::new_table_width(&["Change", "Session", "Was", "Now"], width);
    for (row, mine) in &rows {
        let mut cells = crate::output::clean_row(cells(row));
        if marked && *mine {
            cells[0].push_str("\nyour talk");
        }
        table.add_row(cells);
    }
    writeln!(out, "{table}")?;
    Ok(())
}

/// A row's cells: the change, the session's title, when and where it was and is (with the
/// speakers when they changed).
fn cells(row: &Row) -> Vec<String> {
    match *row {
        Row::Changed {
            pair,
            old: o,
            new: n,
        } => {
            let title = if pair.what.title {
                format!("{} (was: {})", n.title, o.title)
            } else {
                n.title.clone()
            };
            let (was, now) = if pair.what.speakers {
                (
                    format!("{}\n{}", when_where(o), o.speakers.join(", ")),
                    format!("{}\n{}", when_where(n), n.speakers.join(", ")),
                )
            } else {
                (when_where(o), when_where(n))
            };
            vec![
                change_words(&pair.what, pair.matched_by.new_id()),
                title,
                was,
                now,
            ]
        }
        Row::Added(n) => vec![
            "added".to_string(),
            n.title.clone(),
            String::new(),
            when_where(n),
        ],
        Row::Removed(o) => vec![
            "removed".to_string(),
            o.title.clone(),
            when_where(o),
            String::new(),
        ],
    }
}
