//! `agenda now` / `agenda next`: from a saved plan, what to attend now and next, where, and in
//! how many minutes, at the clock's time or `--at`.

use super::Global;
use crate::cli::NowArgs;
use crate::output::DisplayZone;
use crate::plan::keep::Keeping;
use crate::saved::SavedPlan;
use crate::schedule::Schedule;
use crate::schedule::when;
use chrono::NaiveDateTime;
use std::io::Write;

/// "now" in the conference's local time: `--at` read by [`when::When::at`] (a bare time falls on
/// `fallback_day` when the conference is not on), else the clock.
pub fn now_local(
    schedule: &Schedule,
    at: Option<&str>,
    fallback_day: Option<u32>,
) -> anyhow::Result<NaiveDateTime> {
    when::at_or_clock(
        schedule.days(),
        schedule.time_zone()?,
        "--at",
        at,
        fallback_day,
    )
}

/// Runs `now` (`next_only` false) or `next` (true), from the saved plan alone; with
/// `--schedule` or `--refresh`, the plan is first updated (re-planned keeping its talks, as
/// `replan` does), what changed is said, and the plan is saved.
pub fn run(
    global: &Global,
    args: &NowArgs,
    next_only: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if args.refresh && global.schedule.is_some() {
        return Err(crate::error::bad_input(
            "--refresh reads the plan's own schedule again and --schedule another one; give one of them",
        ));
    }
    let zone = DisplayZone::from_flag(args.zone.tz.as_deref())?;
    let path = crate::folders::plan_to_read(
        args.plan.as_deref(),
        if next_only {
            "agenda next --plan FILE"
        } else {
            "agenda now --plan FILE"
        },
    )?;
    let source = path.display().to_string();
    let mut saved = SavedPlan::load_within(&path, global.limit)?;
    if args.refresh || global.schedule.is_some() {
        global.refuse_clashes(&[("--plan", Some(path.as_path()))], &[])?;
        let replanned = super::replan::replan_saved(global, &saved, &source, Keeping::All, None)?;
        out.write_all(&replanned.report)?;
        let new = replanned.saved_plan(&saved.person)?;
        global.emit(
            &crate::output::Target::of(Some(&path)),
            new.to_text(&path)?.as_bytes(),
            out,
            |path| format!("updated {}'s plan {}", new.person, path.display()),
        )?;
        saved = new;
    }
    let pocket = saved.pocket(&source)?;
    let moment = crate::export::text::now::Moment {
        person: &saved.person,
        talks: &pocket.talks,
        zone,
        conference_tz: pocket.time_zone,
        // A bare `--at 11:05` off the conference is on the plan's first day.
        now: when::at_or_clock(
            &pocket.days,
            pocket.time_zone,
            "--at",
            args.at.as_deref(),
            pocket.talks.iter().map(|s| s.day).min(),
        )?,
        width: usize::from(crate::output::width::resolve(None)),
        next_only,
    };
    crate::export::text::now::write(&moment, out)
}
