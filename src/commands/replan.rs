//! `agenda replan PLAN`: the saved plan's settings on the newest schedule, keeping every talk of
//! it that still fits (or, with `--reshuffle` / `--keep-weight`, trading them for score), with
//! a "what changed for you" report before the agenda and the swaps that would score more.

use super::Global;
use super::focus::Focus;
use super::plan::{Extras, Layout, PlanOutput, emit};
use crate::cli::ReplanArgs;
use crate::error::bad_input;
use crate::export::Cancelled;
use crate::export::text::replan::Left;
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
    let plan_path = crate::folders::plan_to_read(args.plan.as_deref(), "agenda replan FILE")?;
    // `--save` with no file, and the default plan always, are saved over the plan read.
    let save_to = match (&args.save, &args.plan) {
        (Some(Some(named)), _) => Some(named.clone()),
        (Some(None), _) | (None, None) => Some(plan_path.clone()),
        (None, Some(_)) => None,
    };
    // The output flags first, before the plan or any schedule is read.
    let how = output_flags(global, args, &plan_path, save_to.as_deref())?;
    let source = plan_path.display().to_string();
    let saved = SavedPlan::load_within(&plan_path, global.limit)?;
    let Replanned {
        schedule,
        identity,
        request,
        planned,
        weight,
        mine,
        mut report,
        extras: mut calendar,
        focus,
    } = replan_saved(
        global,
        &saved,
        &source,
        keeping,
        (args.from.is_some() || !args.without.is_empty())
            .then_some((args.from.as_deref(), args.without.as_slice())),
    )?;
    let suggested = if keeping == Keeping::All {
        suggest_swaps(&mut report, &schedule, &planned, &mine, weight)?
    } else {
        None
    };
    show_report(global, &how, &report, out)?;

    let mut proven = proof(&planned, keeping, suggested);
    if let Some(focus) = focus {
        // The claim holds on the sessions the re-plan could use: say which.
        proven = format!(
            "Re-planned{focus}: other days and your talks before then as planned.\n{proven}"
        );
    }
    calendar.proof = Some(proven);
    emit(
        global,
        &how,
        &schedule,
        &identity,
        &request,
        &planned,
        Some(saved.person.as_str()),
        &calendar,
        out,
    )?;
    if let Some(path) = &save_to {
        let new = new_plan(
            &schedule,
            &identity,
            &saved.person,
            &request,
            &planned,
            &calendar,
        )?;
        global.emit(
            &crate::output::Target::of(Some(path)),
            new.to_text(path)?.as_bytes(),
            out,
            |path| format!("saved {}'s new plan to {}", new.person, path.display()),
        )?;
    }
    Ok(())
}

/// A saved plan re-planned on a schedule, with its report and calendar revisions.
pub(crate) struct Replanned {
    /// The schedule re-planned on.
    pub schedule: crate::schedule::Schedule,
    /// Where it came from.
    pub identity: crate::fetch::identity::Identity,
    /// The plan's settings on it.
    pub request: prefs::Request,
    /// The new agenda.
    pub planned: plan::Plan,
    /// The weight per kept talk it was optimised with (half points).
    pub weight: i64,
    /// The plan's talks matched in the schedule.
    pub mine: Mine,
    /// "What changed for you".
    pub report: Vec<u8>,
    /// Calendar revisions and cancellations.
    pub extras: Extras,
    /// ` from Sat 11:05 without UD2.218A` after `--from`/`--without`.
    pub focus: Option<String>,
}

impl Replanned {
    /// The new saved plan, each talk carrying its calendar revision.
    pub(crate) fn saved_plan(&self, person: &str) -> anyhow::Result<SavedPlan> {
        new_plan(
            &self.schedule,
            &self.identity,
            person,
            &self.request,
            &self.planned,
            &self.extras,
        )
    }
}

/// Re-plans `saved` (read from `source`) on `--schedule`, else on the schedule it records,
/// keeping its talks as `keeping` says: the new agenda, what changed, and the calendar
/// revisions. Shared by `replan` and `now`/`next --refresh`.
///
/// `focus` is `replan --from … --without …`: the rest of one day planned again without some
/// rooms or talks, the rest of the plan kept (see [`super::focus`]).
pub(crate) fn replan_saved(
    global: &Global,
    saved: &SavedPlan,
    source: &str,
    keeping: Keeping,
    focus: Option<(Option<&str>, &[String])>,
) -> anyhow::Result<Replanned> {
    let (schedule, identity, spec) = match &global.schedule {
        Some(p) => {
            let (schedule, identity) = global.load_identified(Some(p))?;
            (schedule, identity, Some(p.clone()))
        }
        None => load_recorded(global, saved, source)?,
    };
    let (mut request, _) = saved
        .settings
        .to_request_within(&schedule, global.limit)
        .map_err(|e| crate::friends::tag(e, source))?;
    let mine = Mine::new(saved, &schedule);
    let keep = mine.still_there();
    let focus = match focus {
        Some((from, without)) => {
            let first_day = keep.iter().map(|&i| schedule.sessions[i].day).min();
            Some(Focus::resolve(&schedule, from, without, first_day)?)
        }
        None => None,
    };
    let mut given_up = Vec::new();
    if let Some(focus) = &focus {
        // A must-see left out (its room is full) is given up, and said so.
        request.interests.must.retain(|m| {
            match crate::prefs::interests::resolve_session(&schedule, m, "must-see") {
                Ok(i) if !focus.allows(&schedule, &keep, i) => {
                    given_up.push(i);
                    false
                }
                _ => true,
            }
        });
    }
    let allows = |i: usize| focus.as_ref().is_none_or(|f| f.allows(&schedule, &keep, i));
    let only: Option<&dyn Fn(usize) -> bool> = focus.as_ref().map(|_| &allows as _);
    let (planned, weight) = plan::keep::plan_keeping(&schedule, &request, &keep, keeping, only)?;
    let left = focus.as_ref().map(|f| Left {
        reasons: f.reasons(&schedule, &keep),
        given_up,
        day: f.day,
        from: f.from,
        said: f.describe(&schedule),
    });
    let report = report(saved, &mine, &schedule, &identity, &planned, left.as_ref())?;
    let extras = calendar(&mine, &planned, &schedule, &identity, spec.as_deref());
    Ok(Replanned {
        schedule,
        identity,
        request,
        planned,
        weight,
        mine,
        report,
        extras,
        focus: left.map(|l| l.said),
    })
}

/// The new saved plan, each talk carrying the calendar SEQUENCE it was shown with.
fn new_plan(
    schedule: &crate::schedule::Schedule,
    identity: &crate::fetch::identity::Identity,
    person: &str,
    request: &prefs::Request,
    planned: &plan::Plan,
    extras: &Extras,
) -> anyhow::Result<SavedPlan> {
    let mut new = SavedPlan::new(schedule, identity, person, request, planned)?;
    for talk in &mut new.talks {
        talk.sequence = extras.sequence.get(&talk.id).copied().unwrap_or(0);
    }
    Ok(new)
}

/// Checks the output flags (`--format`, `-o`, `--remind`, `--tz`, `--width`, `--save`) before
/// the plan or any schedule is read.
fn output_flags(
    global: &Global,
    args: &ReplanArgs,
    plan_path: &std::path::Path,
    save_to: Option<&std::path::Path>,
) -> anyhow::Result<PlanOutput> {
    let layout = Layout {
        compact: args.compact,
        links: args.links,
        ..Layout::default()
    };
    let how = PlanOutput::from_flags(global, &args.out, args.remind.as_deref(), layout, "replan")?;
    // `--save` may replace the plan being re-planned (that is how a plan is kept up to date);
    // `-o` may not, and `-o` and `--save` may not name one file.
    global.refuse_clashes(
        &[("-o", args.out.output.as_deref()), ("--save", save_to)],
        &[],
    )?;
    global.refuse_clashes(
        &[("-o", args.out.output.as_deref())],
        &[("plan", plan_path)],
    )?;
    Ok(how)
}

/// The schedule a saved plan records, read again because the user asked (`replan` without
/// `--schedule`, `now --refresh`): the embedded schedule, a URL (through the cache), or a
/// regular file that reads as a schedule. The plan is untrusted input: a file that is not a
/// schedule is refused without showing anything of its content, and a source that cannot be
/// read again (standard input, an older plan that does not say) asks for `--schedule`.
pub(crate) fn load_recorded(
    global: &Global,
    saved: &SavedPlan,
    plan: &str,
) -> anyhow::Result<(
    crate::schedule::Schedule,
    crate::fetch::identity::Identity,
    Option<PathBuf>,
)> {
    let give = "give the schedule with --schedule FILE|URL";
    let Some(recorded) = &saved.schedule.source else {
        return Err(bad_input(format!(
            "{plan} does not say which schedule it was made for (it was saved by an older agenda); {give}"
        )));
    };
    if recorded == crate::schedule::EMBEDDED_NAME {
        let (schedule, identity) = global.load_identified(None)?;
        return Ok((schedule, identity, None));
    }
    let shown = crate::output::clean(recorded);
    if recorded == "<stdin>" {
        return Err(bad_input(format!(
            "{plan} was made from a schedule read from standard input, which cannot be read again; {give}"
        )));
    }
    let spec = PathBuf::from(recorded);
    if !crate::fetch::is_url(recorded) {
        let why = match std::fs::metadata(&spec) {
            Ok(m) if m.is_file() => None,
            Ok(_) => Some("it is not a regular file".to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Some("it is no longer there".to_string())
            }
            Err(e) => Some(format!("it cannot be read ({})", e.kind())),
        };
        if let Some(why) = why {
            return Err(bad_input(format!(
                "{plan} was made from the schedule {shown}, but {why}; {give}"
            )));
        }
    }
    match global.load_identified(Some(&spec)) {
        Ok((schedule, identity)) => Ok((schedule, identity, Some(spec))),
        // A download that failed, the cache that lacks it, a file that cannot be opened:
        // nothing of the content is said.
        Err(e)
            if matches!(
                e.downcast_ref::<crate::error::Error>(),
                Some(
                    crate::error::Error::Network { .. }
                        | crate::error::Error::NotCached { .. }
                        | crate::error::Error::Read { .. }
                )
            ) =>
        {
            Err(e.context(format!("{plan} was made from the schedule {shown}")))
        }
        // What a parser says may quote the file: the plan, not the user, named it.
        Err(_) => Err(bad_input(format!(
            "{plan} was made from the schedule {shown}, which is not a schedule agenda can read now (nothing of it is shown: the plan named it, not you); {give}, or see what is wrong with it: `agenda check --schedule {shown}`"
        ))),
    }
}

/// The "what changed for you" report: which plan was re-planned on which schedule, then the
/// changes to the person's talks.
fn report(
    saved: &SavedPlan,
    mine: &Mine,
    schedule: &crate::schedule::Schedule,
    identity: &crate::fetch::identity::Identity,
    planned: &plan::Plan,
    left: Option<&Left>,
) -> anyhow::Result<Vec<u8>> {
    let mut report = Vec::new();
    let heading = crate::export::text::replan::Heading {
        saved,
        source: &identity.source,
        version: identity.version.as_deref(),
        same: crate::schedule::hash::schedule_hash(schedule)? == saved.schedule.hash,
    };
    crate::export::text::replan::write_heading(&mut report, &heading, left)?;
    crate::export::text::replan::write_report(&mut report, mine, schedule, planned, left)?;
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
        let text = String::from_utf8_lossy(&report);
        crate::output::say(text.trim_end_matches('\n'));
    }
    Ok(())
}

/// Lists in `report` the swaps of your talks that would score more, and what `--reshuffle`
/// gives; whether any are listed, or (`Some(false)`) that no agenda scores more, keeping your
/// talks or not (`None`: not known, the reference program's work being over its budget).
fn suggest_swaps(
    report: &mut Vec<u8>,
    schedule: &crate::schedule::Schedule,
    planned: &plan::Plan,
    mine: &Mine,
    weight: i64,
) -> anyhow::Result<Option<bool>> {
    let keep = mine.still_there();
    let swaps = plan::keep::swaps(planned, &keep, weight);
    let reshuffled = plan::keep::reshuffled(planned, &keep);
    crate::export::text::replan::write_swaps(
        report,
        schedule,
        planned,
        &swaps,
        reshuffled,
        mine.talks.len(),
    )?;
    Ok(match reshuffled {
        _ if !swaps.is_empty() => Some(true),
        Some((total, _)) => Some(total > planned.total),
        None => None,
    })
}

/// What the table says was proven and checked, in the re-planning order; `suggested`: whether
/// swaps that would score more are listed above it (`None`: not known).
fn proof(planned: &plan::Plan, keeping: Keeping, suggested: Option<bool>) -> String {
    let claim = match keeping {
        Keeping::All => format!(
            "Proven optimal given the talks kept from your plan: every earlier talk that still fits is kept (no agenda keeps more), no agenda keeping them scores higher, and none of those has fewer switches between the talks that score.{}",
            match suggested {
                Some(true) =>
                    " Swaps that would score more are listed above (--reshuffle takes them).",
                Some(false) => " No agenda scores more, keeping your talks or not.",
                None => "",
            }
        ),
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
                        sequence: revised(w.sequence),
                        last_modified: modified,
                    });
                    continue;
                }
                let changed = w.what.any();
                calendar.sequence.insert(
                    id.clone(),
                    if changed {
                        revised(w.sequence)
                    } else {
                        w.sequence
                    },
                );
                if changed {
                    calendar.changed.insert(id);
                }
            }
            None if w.session.minutes > 0 => calendar.cancelled.push(Cancelled {
                session: w.session.clone(),
                sequence: revised(w.sequence),
                last_modified: modified,
            }),
            None => {}
        }
    }
    calendar
}

/// One more calendar revision, never past the largest iCalendar allows (a saved plan refuses
/// more on load; this keeps a revision at the limit there instead of wrapping to 0).
fn revised(sequence: u32) -> u32 {
    sequence.saturating_add(1).min(crate::saved::MAX_SEQUENCE)
}
