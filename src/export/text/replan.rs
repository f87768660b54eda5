//! The report `agenda replan` prints before the new agenda: what changed for the talks of a
//! saved plan (`friends::mine::Mine`), new talks that match its interests, and the score before and after.

use crate::export::table::changes::when_where;
use crate::friends::mine::{Mine, Was};
use crate::plan::Plan;
use crate::prefs::interests::format_points;
use crate::saved::SavedPlan;
use crate::schedule::{Schedule, Session};
use chrono::NaiveDateTime;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// `Sat 10:30–10:55 · UD2.208` for a talk whose time is known.
fn place(w: &Was) -> String {
    if w.session.minutes == 0 {
        String::new()
    } else {
        format!(" (was {})", when_where(&w.session))
    }
}

/// What `replan --from … --without …` left out, for the report.
#[derive(Debug, Clone)]
pub(crate) struct Left {
    /// The plan's talks left out (schedule index → why).
    pub reasons: BTreeMap<usize, String>,
    /// Must-see talks given up because they are left out (schedule indices).
    pub given_up: Vec<usize>,
    /// The conference day planned again.
    pub day: u32,
    /// From when (conference local time).
    pub from: NaiveDateTime,
    /// ` from Sat 11:05 without UD2.218A`, for the first line.
    pub said: String,
}

/// The report's first line: which saved plan was re-planned on which schedule.
pub(crate) struct Heading<'a> {
    /// The plan as saved.
    pub saved: &'a SavedPlan,
    /// Where the new schedule came from.
    pub source: &'a str,
    /// The new schedule's version, when it says one.
    pub version: Option<&'a str>,
    /// Whether the new schedule is the one the plan was made on.
    pub same: bool,
}

/// Writes `Ana's plan from …, re-planned on …[ (version …)][, the same schedule][; from …].`
pub(crate) fn write_heading(
    out: &mut dyn Write,
    heading: &Heading,
    left: Option<&Left>,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "{}'s plan from {}, re-planned on {}{}{}{}.",
        heading.saved.person,
        describe_old(heading.saved),
        heading.source,
        heading
            .version
            .map(|v| format!(" (version {v})"))
            .unwrap_or_default(),
        if heading.same {
            ", the same schedule"
        } else {
            ""
        },
        left.map(|l| format!(";{}", l.said)).unwrap_or_default()
    )?;
    Ok(())
}

/// `FOSDEM 2025 (version latest, https://…, downloaded 2025-01-11T09:30:00Z)`.
fn describe_old(saved: &SavedPlan) -> String {
    let r = &saved.schedule;
    let mut parts = Vec::new();
    if let Some(v) = &r.version {
        parts.push(format!("version {v}"));
    }
    if let Some(s) = &r.source {
        parts.push(s.clone());
    }
    if let Some(t) = &r.fetched_at {
        parts.push(format!("downloaded {t}"));
    }
    if parts.is_empty() {
        r.name.clone()
    } else {
        format!("{} ({})", r.name, parts.join(", "))
    }
}

/// Writes the report: moved, changed, cancelled, clashing and dropped talks of the plan (and,
/// after `--from … --without …`, those left out and the talks taken from then on), new talks
/// that match the interests, and the score before and after.
pub(crate) fn write_report(
    out: &mut dyn Write,
    mine: &Mine,
    schedule: &Schedule,
    planned: &Plan,
    left: Option<&Left>,
) -> anyhow::Result<()> {
    let s = &schedule.sessions;
    let chosen: BTreeSet<usize> = planned.chosen.iter().copied().collect();
    let there: Vec<usize> = mine.still_there().into_iter().collect();
    let no_reasons = BTreeMap::new();
    let reasons = left.map_or(&no_reasons, |l| &l.reasons);
    let others: Vec<usize> = there
        .iter()
        .copied()
        .filter(|i| !reasons.contains_key(i))
        .collect();
    let entries = [
        moved(mine, s),
        changed(mine, s),
        cancelled(mine),
        clashes(s, &there),
        left.map(|l| left_out(s, l, &chosen, planned))
            .unwrap_or_default(),
        dropped(s, &others, &chosen, planned),
        left.map(|l| added(s, l, &there, planned))
            .unwrap_or_default(),
        new_matches(mine, s, &chosen, planned),
    ]
    .concat();
    writeln!(out, "What changed for you:")?;
    for entry in &entries {
        writeln!(out, "{entry}")?;
    }
    if entries.is_empty() {
        writeln!(out, "  nothing: every talk of your plan is where it was")?;
    }
    let kept = there.iter().filter(|i| chosen.contains(i)).count();
    let before = mine
        .score_before()
        .map_or("unknown".to_string(), format_points);
    writeln!(
        out,
        "Score {before} before, {} now; kept {kept} of your {} talks.\n",
        format_points(planned.total),
        mine.talks.len()
    )?;
    Ok(())
}

/// The plan's talks that moved, with where and when before and now.
fn moved(mine: &Mine, s: &[Session]) -> Vec<String> {
    mine.moved()
        .map(|w| {
            let now = &s[w.now.expect("a moved talk is still there")];
            format!(
                "  moved      {} [{}]\n             {} → {}",
                now.title,
                now.id,
                when_where(&w.session),
                when_where(now)
            )
        })
        .collect()
}

/// The plan's talks retitled or with other speakers, in place.
fn changed(mine: &Mine, s: &[Session]) -> Vec<String> {
    mine.talks
        .iter()
        .filter(|w| !w.what.moved() && !w.what.cancelled && w.what.any())
        .map(|w| {
            let now = &s[w.now.expect("a changed talk is still there")];
            let mut how: Vec<String> = Vec::new();
            if w.what.title {
                how.push(format!("retitled, was \"{}\"", w.session.title));
            }
            if w.what.speakers {
                how.push(format!("speakers now {}", now.speakers.join(", ")));
            }
            format!(
                "  changed    {} [{}]\n             {}",
                now.title,
                now.id,
                how.join("; ")
            )
        })
        .collect()
}

/// The plan's talks no longer in the schedule, and those the organiser cancelled (dropped from
/// the plan: a cancelled talk is never planned).
fn cancelled(mine: &Mine) -> Vec<String> {
    let gone = mine.vanished().map(|w| {
        format!(
            "  cancelled  {} [{}]\n             no longer in the schedule{}",
            w.session.title,
            w.session.id,
            place(w)
        )
    });
    let marked = mine.cancelled().map(|w| {
        format!(
            "  cancelled  {} [{}]\n             cancelled by the organiser, dropped from your plan{}",
            w.session.title,
            w.session.id,
            place(w)
        )
    });
    gone.chain(marked).collect()
}

/// Pairs of the plan's talks (still there) that now overlap.
fn clashes(s: &[Session], there: &[usize]) -> Vec<String> {
    let mut lines = Vec::new();
    for (a, &i) in there.iter().enumerate() {
        for &j in &there[a + 1..] {
            if s[i].overlaps(&s[j]) {
                lines.push(format!(
                    "  clash      {} [{}]\n             now overlaps {} [{}]",
                    s[i].title, s[i].id, s[j].title, s[j].id
                ));
            }
        }
    }
    lines
}

/// The plan's talks (still there) the new agenda leaves out, and what it takes instead.
fn dropped(
    s: &[Session],
    there: &[usize],
    chosen: &BTreeSet<usize>,
    planned: &Plan,
) -> Vec<String> {
    there
        .iter()
        .filter(|i| !chosen.contains(i))
        .map(|&i| {
            let instead = taking_its_time(s, planned, i);
            let why = if instead.is_empty() {
                "keeping it would lower the score or drop more of your talks (room switches, switch minutes)".to_string()
            } else {
                format!("the best agenda now takes {} instead", instead.join(", "))
            };
            format!(
                "  dropped    {} [{}]\n             {why}",
                s[i].title, s[i].id
            )
        })
        .collect()
}

/// The talks of the new agenda that overlap session `i`, as `title [id]`.
fn taking_its_time(s: &[Session], planned: &Plan, i: usize) -> Vec<String> {
    planned
        .chosen
        .iter()
        .filter(|&&c| s[c].overlaps(&s[i]))
        .map(|&c| format!("{} [{}]", s[c].title, s[c].id))
        .collect()
}

/// After `--without`: the plan's talks left out, and what the agenda takes in their time; the
/// must-see talks given up.
fn left_out(s: &[Session], left: &Left, chosen: &BTreeSet<usize>, planned: &Plan) -> Vec<String> {
    let talks = left.reasons.iter().map(|(&i, why)| {
        let instead = taking_its_time(s, planned, i);
        let then = if instead.is_empty() {
            "nothing better fits its time".to_string()
        } else {
            format!("the agenda takes {} instead", instead.join(", "))
        };
        format!(
            "  left out   {} [{}]\n             {why}; {then}",
            s[i].title, s[i].id
        )
    });
    let musts = left
        .given_up
        .iter()
        .filter(|i| !chosen.contains(i))
        .map(|&i| {
            format!(
                "  must-see   {} [{}]\n             given up: it is left out from {}",
                s[i].title,
                s[i].id,
                left.from.format("%a %H:%M")
            )
        });
    talks.chain(musts).collect()
}

/// After `--from`: the talks the agenda takes on that day from then on that were not in the
/// plan.
fn added(s: &[Session], left: &Left, there: &[usize], planned: &Plan) -> Vec<String> {
    planned
        .chosen
        .iter()
        .copied()
        .filter(|&i| s[i].day == left.day && s[i].start_at() >= left.from && !there.contains(&i))
        .map(|i| {
            format!(
                "  added      {} [{}]\n             {}",
                s[i].title,
                s[i].id,
                when_where(&s[i])
            )
        })
        .collect()
}

/// Talks that match the interests now and did not when the plan was saved: new sessions, or
/// sessions whose topics changed. Needs the plan's list of matching talks (`matching`).
fn new_matches(
    mine: &Mine,
    s: &[Session],
    chosen: &BTreeSet<usize>,
    planned: &Plan,
) -> Vec<String> {
    let Some(before) = &mine.matching else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (i, session) in s.iter().enumerate() {
        let score = planned.scores[i].half_points;
        if score <= 0
            || !session.kind.is_plannable()
            || session.cancelled
            || !mine.unmatched(i)
            || before.contains(&session.id)
        {
            continue;
        }
        let fate = if chosen.contains(&i) {
            "chosen".to_string()
        } else {
            let over: Vec<String> = planned
                .chosen
                .iter()
                .filter(|&&c| s[c].overlaps(session))
                .map(|&c| format!("[{}]", s[c].id))
                .collect();
            if over.is_empty() {
                "not chosen: room switches or limits".to_string()
            } else {
                format!("not chosen: overlaps {}", over.join(", "))
            }
        };
        lines.push(format!(
            "  new        {} [{}]\n             scores {} ({}); {fate}",
            session.title,
            session.id,
            format_points(score),
            planned.scores[i].reasons.join(", "),
        ));
    }
    lines
}

/// Most swaps listed; the rest are counted.
const SHOWN_SWAPS: usize = 10;

/// After the report, when the agenda keeps your talks: the swaps that would score more, one
/// line each (`+1.5: Sat take X [id] instead of Y [id]`), best first; and what `--reshuffle`
/// would score and keep (`reshuffled`: its score and kept talks, when known).
pub(crate) fn write_swaps(
    out: &mut Vec<u8>,
    schedule: &Schedule,
    planned: &Plan,
    swaps: &[crate::plan::keep::Swap],
    reshuffled: Option<(i64, usize)>,
    earlier: usize,
) -> anyhow::Result<()> {
    let better = reshuffled.filter(|&(total, _)| total > planned.total);
    if swaps.is_empty() && better.is_none() {
        return Ok(());
    }
    // The report ends with a blank line; the suggestions go before it.
    if out.ends_with(b"\n\n") {
        out.pop();
    }
    let s = &schedule.sessions;
    let talks = |list: &[usize]| {
        list.iter()
            .map(|&i| format!("{} [{}]", s[i].title, s[i].id))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    if !swaps.is_empty() {
        writeln!(
            out,
            "Swaps that would score more (your talks are kept unless you take one):"
        )?;
    }
    for swap in swaps.iter().take(SHOWN_SWAPS) {
        let day = s[swap.take[0]].date.format("%a");
        let instead = if swap.instead_of.is_empty() {
            String::new()
        } else {
            format!(" instead of {}", talks(&swap.instead_of))
        };
        writeln!(
            out,
            "  +{}: {day} take {}{instead}",
            format_points(swap.gain),
            talks(&swap.take),
        )?;
    }
    if swaps.len() > SHOWN_SWAPS {
        writeln!(out, "  … and {} more", swaps.len() - SHOWN_SWAPS)?;
    }
    if let Some((total, kept)) = better {
        let lead = if swaps.is_empty() {
            "No single swap scores more; "
        } else {
            "  "
        };
        writeln!(
            out,
            "{lead}`replan --reshuffle` would score {} (+{}), keeping {kept} of your {earlier} talks.",
            format_points(total),
            format_points(total - planned.total)
        )?;
    }
    writeln!(out)?;
    Ok(())
}
