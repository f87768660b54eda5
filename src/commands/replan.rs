//! `agenda replan PLAN`: the saved plan's settings on the newest schedule, keeping every talk of
//! it that still fits (or, with `--reshuffle` / `--keep-weight`, trading them for score), with
//! a "what changed for you" report before the agenda and the swaps that would score more.

use super::Global;
use super::plan::{Extras, Layout, PlanOutput, emit};
use crate::cli::ReplanArgs;
use crate::error::bad_input;
use crate::export::Cancelled;
use crate::friends::mine::Mine;
use crate::plan;
use crate::plan::keep::Keeping;
use crate::prefs;
use crate::saved::SavedPlan;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

/// Parses `--keep-weight`: points ≥ 0 in steps of 0.5, as half points.
pub fn parse_keep_weight(text: &str) -> anyhow::Result<i64> {
    crate::friends::together::parse_bonus(text).map_err(|_| {
        bad_input(format!(
            "--keep-weight `{text}` is not a number of points ≥ 0 in steps of 0.5, e.g. `--keep-weight 1` or `--keep-weight 0.5`"
        ))
    })
}

/// How the flags say to treat the saved plan's talks: all kept by default, `--reshuffle` is
/// weight 0, `--keep-weight W` weight W.
fn keeping(args: &ReplanArgs) -> anyhow::Result<Keeping> {
    Ok(match (&args.keep_weight, args.reshuffle) {
        (Some(w), _) => Keeping::Weighted(parse_keep_weight(w)?),
        (None, true) => Keeping::Weighted(0),
        (None, false) => Keeping::All,
    })
}

/// Runs `replan`.
pub fn run(global: &Global, args: &ReplanArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let keeping = keeping(args)?;
    // The output flags first, before the plan or any schedule is read.
    let how = output_flags(global, args)?;
    let source = args.plan.display().to_string();
    let saved = SavedPlan::load_within(&args.plan, global.limit)?;
    let spec = schedule_spec(global, &saved, &source)?;
    let (schedule, identity) = global.load_identified(spec.as_deref())?;
    let (request, _) = saved
        .settings
        .to_request_within(&schedule, global.limit)
        .map_err(|e| crate::friends::tag(e, &source))?;
    let mine = Mine::new(&saved, &schedule);
    let keep = mine.still_there();
    let (planned, weight) = plan::keep::plan_keeping(&schedule, &request, &keep, keeping)?;
    let mut report = report(&saved, &mine, &schedule, &identity, &planned)?;
    if keeping == Keeping::All {
        let swaps = plan::keep::swaps(&planned, &keep, weight);
        let reshuffled = plan::keep::reshuffled(&planned, &keep);
        crate::export::text::replan::write_swaps(
            &mut report,
            &schedule,
            &planned,
            &swaps,
            reshuffled,
            mine.talks.len(),
        )?;
    }
    show_report(global, &how, &report, out)?;

    let mut extras = calendar(&mine, &planned, &schedule, &identity, spec.as_deref());
    extras.proof = Some(proof(&planned, keeping));
    emit(
        global,
        &how,
        &schedule,
        &identity,
        &request,
        &planned,
        Some(saved.person.as_str()),
        &extras,
        out,
    )?;
    if let Some(path) = &args.save {
        let new = SavedPlan::new(&schedule, &identity, &saved.person, &request, &planned)?;
        save(global, path, new, &extras, out)?;
    }
    Ok(())
}

/// Checks the output flags (`--format`, `-o`, `--remind`, `--tz`, `--width`, `--save`) before
/// the plan or any schedule is read.
fn output_flags(global: &Global, args: &ReplanArgs) -> anyhow::Result<PlanOutput> {
    let layout = Layout {
        compact: args.compact,
        ..Layout::default()
    };
    let how = PlanOutput::from_flags(global, &args.out, args.remind.as_deref(), layout, "replan")?;
    // `--save` may replace the plan being re-planned (that is how a plan is kept up to date);
    // `-o` may not, and `-o` and `--save` may not name one file.
    global.refuse_clashes(
        &[
            ("-o", args.out.output.as_deref()),
            ("--save", args.save.as_deref()),
        ],
        &[],
    )?;
    global.refuse_clashes(
        &[("-o", args.out.output.as_deref())],
        &[("plan", args.plan.as_path())],
    )?;
    Ok(how)
}

/// The schedule to re-plan on: `--schedule` if given, else the one the plan was saved for
/// (`None` is the embedded schedule).
fn schedule_spec(
    global: &Global,
    saved: &SavedPlan,
    source: &str,
) -> anyhow::Result<Option<PathBuf>> {
    Ok(match (&global.schedule, &saved.schedule.source) {
        (Some(p), _) => Some(p.clone()),
        // A plan made on the embedded schedule is re-planned on the embedded schedule.
        (None, Some(s)) if s == crate::schedule::EMBEDDED_NAME => None,
        (None, Some(s)) => Some(PathBuf::from(s)),
        (None, None) => {
            return Err(bad_input(format!(
                "{source} does not say which schedule it was made for (it was saved by an older agenda); give the new one with --schedule FILE|URL"
            )));
        }
    })
}

/// The "what changed for you" report: which plan was re-planned on which schedule, then the
/// changes to the person's talks.
fn report(
    saved: &SavedPlan,
    mine: &Mine,
    schedule: &crate::schedule::Schedule,
    identity: &crate::fetch::identity::Identity,
    planned: &plan::Plan,
) -> anyhow::Result<Vec<u8>> {
    let mut report = Vec::new();
    let same = crate::schedule::hash::schedule_hash(schedule)? == saved.schedule.hash;
    writeln!(
        report,
        "{}'s plan from {}, re-planned on {}{}{}.",
        saved.person,
        describe_old(saved),
        identity.source,
        identity
            .version
            .as_deref()
            .map(|v| format!(" (version {v})"))
            .unwrap_or_default(),
        if same { ", the same schedule" } else { "" }
    )?;
    crate::export::text::replan::write_report(&mut report, mine, schedule, planned)?;
    Ok(report)
}

/// Writes the report before the agenda on standard output, unless the agenda itself is a file
/// format on standard output (then it goes to stderr, and not at all with `--quiet`). Either
/// way it is cleaned first (`output::clean`): titles in it come from the schedule, and an
/// escape sequence or bidirectional override in one must not reach the terminal.
fn show_report(
    global: &Global,
    how: &PlanOutput,
    report: &[u8],
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let report = crate::output::sanitize::clean_bytes(report.to_vec());
    if how.output.format.is_table() || !how.output.target.is_stdout() {
        out.write_all(&report)?;
    } else if !global.quiet {
        std::io::stderr().write_all(&report)?;
    }
    Ok(())
}

/// Saves the new plan to `--save`, each talk carrying the calendar SEQUENCE it was shown with.
fn save(
    global: &Global,
    path: &std::path::Path,
    mut new: SavedPlan,
    extras: &Extras,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    for talk in &mut new.talks {
        talk.sequence = extras.sequence.get(&talk.id).copied().unwrap_or(0);
    }
    global.emit(
        &crate::output::Target::of(Some(path)),
        new.to_text(path)?.as_bytes(),
        out,
        |path| format!("saved {}'s new plan to {}", new.person, path.display()),
    )
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

/// What the table says was proven and checked, in the re-planning order.
fn proof(planned: &plan::Plan, keeping: Keeping) -> String {
    let claim = match keeping {
        Keeping::All => "Proven optimal given the talks kept from your plan: every earlier talk that still fits is kept (no agenda keeps more), no agenda keeping them scores higher, and none of those has fewer switches between the talks that score. Swaps that would score more are listed above (--reshuffle takes them).".to_string(),
        Keeping::Weighted(weight) => {
            let counting = if weight > 0 {
                format!(
                    " counting {} point{} per kept talk (--keep-weight)",
                    prefs::interests::format_points(weight),
                    if weight == 2 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            format!(
                "Proven optimal: no agenda within these limits scores higher{counting}; none as good keeps more of your earlier talks, and none of those has fewer switches between the talks that score."
            )
        }
    };
    format!(
        "{claim}\n{}",
        planned.verified.summary().replace('\n', " ").replace(
            "(same score, same switches)",
            "(same score, kept talks and switches)"
        )
    )
}

/// SEQUENCE and cancellations for the calendar: a kept talk that changed gets one more than it
/// had, a talk of the old plan that is not in the new agenda is cancelled with one more.
fn calendar(
    mine: &Mine,
    planned: &plan::Plan,
    schedule: &crate::schedule::Schedule,
    identity: &crate::fetch::identity::Identity,
    spec: Option<&std::path::Path>,
) -> Extras {
    // The embedded schedule has no file to date it: no LAST-MODIFIED then.
    let modified = identity.fetched_at.or_else(|| {
        std::fs::metadata(spec?)
            .and_then(|m| m.modified())
            .ok()
            .map(chrono::DateTime::<chrono::Utc>::from)
    });
    let chosen: BTreeSet<usize> = planned.chosen.iter().copied().collect();
    let mut calendar = Extras {
        modified,
        ..Extras::default()
    };
    for w in &mine.talks {
        match w.now.filter(|i| chosen.contains(i)) {
            Some(i) => {
                let id = schedule.sessions[i].id.clone();
                // A changed id is a new event for the calendar: cancel the old one.
                if id != w.session.id {
                    calendar.cancelled.push(Cancelled {
                        session: w.session.clone(),
                        sequence: w.sequence + 1,
                        last_modified: modified,
                    });
                    continue;
                }
                let changed = w.what.any();
                calendar
                    .sequence
                    .insert(id.clone(), w.sequence + u32::from(changed));
                if changed {
                    calendar.changed.insert(id);
                }
            }
            None if w.session.minutes > 0 => calendar.cancelled.push(Cancelled {
                session: w.session.clone(),
                sequence: w.sequence + 1,
                last_modified: modified,
            }),
            None => {}
        }
    }
    calendar
}
