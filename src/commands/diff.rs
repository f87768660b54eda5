//! `agenda diff OLD NEW`: what changed between two versions of a schedule; with `--plan` or
//! interests, only what touches your talks or talks that score for you, and a verdict.

use super::Global;
use super::plan::{interest_settings, over_profile};
use crate::changes::{self, Diff, yours::Yours};
use crate::cli::DiffArgs;
use crate::error::bad_input;
use crate::export::{Format, json, table};
use crate::prefs::Settings;
use crate::saved::SavedPlan;
use crate::schedule::Schedule;
use anyhow::Context;
use std::io::Write;

/// What `diff` writes.
const WRITES: super::Writes = super::Writes {
    command: "diff",
    formats: crate::export::format::LISTING,
    times: false,
    widths: &[Format::Table],
};

/// Runs `diff`.
pub fn run(global: &Global, args: &DiffArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut inputs = vec![("OLD", args.old.as_path()), ("NEW", args.new.as_path())];
    if let Some(plan) = &args.plan {
        inputs.push(("--plan", plan.as_path()));
    }
    global.refuse_clashes(&[("-o", args.out.output.as_deref())], &inputs)?;
    let how = super::Output::from_flags(global, &args.out, &WRITES)?;
    // The plan and the interests are read and checked before either schedule.
    let focus = Focus::from_args(global, args)?;
    let (old, old_id) = global.load_identified(Some(&args.old))?;
    let (new, new_id) = global.load_identified(Some(&args.new))?;
    let diff = changes::diff(&old, &new);
    let yours = focus
        .map(|f| f.yours(global, &old, &new, &diff))
        .transpose()?;
    let (old, new) = ((&old, &old_id), (&new, &new_id));
    how.emit_by(global, out, |to| match how.format {
        Format::Json => json::changes::write(to, old, new, &diff, yours.as_ref()),
        _ => table::changes::write(to, old, new, &diff, how.options.width, yours.as_ref()),
    })
}

/// Whose changes `diff` shows: a saved plan's talks, and the talks that score for the settings
/// (the interest flags over the plan's settings or a profile).
struct Focus {
    /// The saved plan and its path, for messages.
    plan: Option<(SavedPlan, String)>,
    /// The settings that score.
    settings: Settings,
    /// Where a profile was found, for messages.
    profile: Option<String>,
}

impl Focus {
    /// The focus the flags ask for, or `None` for every change.
    fn from_args(global: &Global, args: &DiffArgs) -> anyhow::Result<Option<Focus>> {
        let i = &args.interests;
        let interests = !(i.likes.is_empty()
            && i.dislikes.is_empty()
            && i.tracks.is_empty()
            && i.speakers.is_empty()
            && i.profile.is_none());
        if let Some(path) = &args.plan {
            let saved = SavedPlan::load_within(path, global.limit)?;
            let source = path.display().to_string();
            let settings = interest_settings(i)?
                .over(&saved.settings)
                .with_context(|| format!("with the settings of {source}"))?;
            return Ok(Some(Focus {
                plan: Some((saved, source)),
                settings,
                profile: None,
            }));
        }
        if !interests {
            return Ok(None);
        }
        let (settings, profile) = over_profile(i, global.limit, || interest_settings(i))?;
        Ok(Some(Focus {
            plan: None,
            settings,
            profile,
        }))
    }

    /// Your talks and what scores for you in `old` and `new`. The settings are matched to the
    /// old version, and score both with the same interests.
    fn yours(
        &self,
        global: &Global,
        old: &Schedule,
        new: &Schedule,
        diff: &Diff,
    ) -> anyhow::Result<Yours> {
        if let Some((saved, source)) = &self.plan
            && saved.schedule.name != old.conference.name
        {
            return Err(bad_input(format!(
                "{source} is {}'s plan for `{}`, but OLD is `{}`; give the schedule the plan was made for as OLD",
                saved.person, saved.schedule.name, old.conference.name
            )));
        }
        let (request, notes) = self
            .settings
            .to_request_within(old, global.limit)
            .with_context(|| match (&self.plan, &self.profile) {
                (Some((_, source)), _) => format!("with the settings of {source} on OLD"),
                (None, Some(profile)) => format!("with the profile {profile} on OLD"),
                (None, None) => "on OLD".to_string(),
            })?;
        for n in &notes {
            global.note(n);
        }
        let scores = |schedule: &Schedule| -> Vec<bool> {
            crate::prefs::interests::score_all(schedule, &request.interests)
                .iter()
                .zip(&schedule.sessions)
                .map(|(sc, s)| sc.half_points > 0 && s.kind.is_plannable())
                .collect()
        };
        let plan = self
            .plan
            .as_ref()
            .map(|(saved, source)| plan_talks(global, saved, source, old, new, diff));
        Ok(Yours {
            plan,
            old_scores: scores(old),
            new_scores: scores(new),
        })
    }
}

/// The plan's talks among the old sessions: by id in the old version, else by id in the new
/// version and its match in the old; a note names those in neither.
fn plan_talks(
    global: &Global,
    saved: &SavedPlan,
    source: &str,
    old: &Schedule,
    new: &Schedule,
    diff: &Diff,
) -> Vec<bool> {
    let mut mine = vec![false; old.sessions.len()];
    let mut lost = Vec::new();
    for id in &saved.sessions {
        let in_old = old.sessions.iter().position(|s| &s.id == id);
        let via_new = || {
            let j = new.sessions.iter().position(|s| &s.id == id)?;
            diff.pairs.iter().find(|p| p.new == j).map(|p| p.old)
        };
        match in_old.or_else(via_new) {
            Some(i) => mine[i] = true,
            None => lost.push(id.as_str()),
        }
    }
    if !lost.is_empty() {
        global.note(&format!(
            "note: {} of the talks of {source} are in neither version and are left out: {}",
            lost.len(),
            lost.join(", ")
        ));
    }
    mine
}
