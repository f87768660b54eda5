//! `agenda plan`: flags and profile → a checked [`Request`] → the optimal agenda, printed.

use super::Global;
use crate::cli::{PlanArgs, PlanFormat};
use crate::error::UserError;
use crate::export;
use crate::output;
use crate::plan::{self, Busy, Limits, Request, interests, profile};
use crate::schedule::Schedule;
use crate::timing::{self, Stage};
use anyhow::Context;
use std::io::Write;

/// Parses `--max-switches`: a number, or `none` for no limit.
pub fn parse_max_switches(text: &str) -> anyhow::Result<Option<u32>> {
    if text.eq_ignore_ascii_case("none") || text.eq_ignore_ascii_case("unlimited") {
        return Ok(None);
    }
    text.parse::<u32>().map(Some).map_err(|_| {
        UserError::err(format!(
            "--max-switches `{text}` is not a whole number ≥ 0 or `none`"
        ))
    })
}

/// Parses a busy window `DAY HH:MM-HH:MM`: DAY a conference day's number or the date of its
/// morning; a window may cross midnight (`2 23:00-01:00`), and a time before the day's start is
/// in the night after it.
pub fn parse_busy(schedule: &Schedule, day: &str, range: &str) -> anyhow::Result<Busy> {
    let conference_day = super::talks::parse_day(schedule, day)?;
    let bad = || {
        UserError::err(format!(
            "busy window `{range}` is not HH:MM-HH:MM, e.g. `--busy 1 14:00-15:30`"
        ))
    };
    let (from, until) = range.split_once('-').ok_or_else(bad)?;
    let parse = |t: &str| chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad());
    let (from, until) = (parse(from)?, parse(until)?);
    Busy::on(&conference_day, from, until).ok_or_else(|| {
        UserError::err(format!(
            "busy window `{range}` on day {} ends before it starts; write it as HH:MM-HH:MM (a window across midnight such as 23:00-01:00 is fine, up to 12 hours)",
            conference_day.index
        ))
    })
}

/// Turns the profile (if any) and the flags into a request; flags override the profile.
pub fn build_request(
    schedule: &Schedule,
    args: &PlanArgs,
) -> anyhow::Result<(Request, Option<String>)> {
    let loaded = args.profile.as_deref().map(profile::load).transpose()?;
    let result = request_from(schedule, args, loaded.as_ref().map(|l| &l.profile));
    match &loaded {
        // Say where a value may have come from: the profile or the flags over it.
        Some(l) => result
            .with_context(|| format!("with the profile {}", l.source))
            .map(|r| (r, Some(l.name.clone()))),
        None => result.map(|r| (r, None)),
    }
}

/// The request from the flags over an optional profile.
fn request_from(
    schedule: &Schedule,
    args: &PlanArgs,
    profile: Option<&profile::Profile>,
) -> anyhow::Result<Request> {
    let p = profile.cloned().unwrap_or_default();
    if p.unlimited_switches && p.max_switches.is_some() {
        return Err(UserError::err(
            "the profile sets both max_switches and unlimited_switches; keep one of them",
        ));
    }
    let pick = |flag: &Vec<String>, from_profile: &Vec<String>| {
        if flag.is_empty() {
            from_profile.clone()
        } else {
            flag.clone()
        }
    };
    let interests = interests::Interests {
        likes: interests::parse_weighted(
            &pick(&args.likes, &p.likes),
            interests::DEFAULT_WEIGHT,
            true,
            "like",
        )?,
        dislikes: interests::parse_weighted(
            &pick(&args.dislikes, &p.dislikes),
            interests::DEFAULT_WEIGHT,
            true,
            "dislike",
        )?,
        speakers: interests::parse_weighted(
            &pick(&args.speakers, &p.speakers),
            interests::DEFAULT_SPEAKER_WEIGHT,
            false,
            "speaker",
        )?,
        must: pick(&args.must, &p.must),
        avoid: pick(&args.avoid, &p.avoid),
    };
    let max_switches = match &args.max_switches {
        Some(text) => parse_max_switches(text)?,
        None if p.unlimited_switches => None,
        None => Some(p.max_switches.unwrap_or(plan::DEFAULT_MAX_SWITCHES)),
    };
    let busy_args: Vec<(String, String)> = if args.busy.is_empty() {
        p.busy
            .iter()
            .map(|b| {
                let (day, range) = b.trim().split_once(' ').unwrap_or((b.as_str(), ""));
                (day.to_string(), range.trim().to_string())
            })
            .collect()
    } else {
        args.busy
            .chunks(2)
            .map(|c| (c[0].clone(), c.get(1).cloned().unwrap_or_default()))
            .collect()
    };
    let busy = busy_args
        .iter()
        .map(|(d, r)| parse_busy(schedule, d, r))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let limits = Limits {
        max_switches,
        switch_minutes: args.switch_minutes.or(p.switch_minutes).unwrap_or_default(),
        busy,
        gaps: args.gaps || p.gaps.unwrap_or(false),
    };
    if interests.likes.is_empty() && interests.speakers.is_empty() && interests.must.is_empty() {
        return Err(UserError::err(
            "say what you care about: --likes TOPIC[=WEIGHT],… (see `agenda topics`), --speakers, --must, or --profile NAME",
        ));
    }
    if let Some(both) = interests
        .likes
        .iter()
        .find(|l| interests.dislikes.iter().any(|d| d.term == l.term))
    {
        return Err(UserError::err(format!(
            "`{}` is both liked and disliked; keep it in one of --likes and --dislikes",
            both.term
        )));
    }
    Ok(Request { interests, limits })
}

/// Runs `plan`.
pub fn run(global: &Global, args: &PlanArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let progress = output::progress::Progress::start("reading the schedule", !global.quiet);
    let schedule = global.load_schedule()?;
    let (request, person) = build_request(&schedule, args)?;
    progress.stage("planning");
    let planned = plan::plan(&schedule, &request).map_err(|e| match &args.profile {
        Some(p) => e.context(format!("planning with the profile {p}")),
        None => e,
    })?;
    drop(progress);
    if global.verbose {
        eprintln!(
            "model: {} variables, {} constraints; built in {:.2?}, solved in {:.2?}",
            planned.stats.variables,
            planned.stats.constraints,
            planned.stats.build,
            planned.stats.solve
        );
        eprintln!(
            "verified after solving ({}) in {:.2?}",
            if planned.verified.reference {
                "with the reference dynamic program".to_string()
            } else {
                format!(
                    "without the reference dynamic program: its work {} is over {}",
                    plan::verify::reference_work(&planned.instance),
                    plan::verify::REFERENCE_BUDGET
                )
            },
            planned.verified.elapsed
        );
    }
    let zone = output::DisplayZone::from_flag(args.tz.as_deref())?;
    let remind_minutes = args
        .remind
        .as_deref()
        .map(export::parse_remind)
        .transpose()?;
    if remind_minutes.is_some() && args.format != PlanFormat::Ics {
        return Err(UserError::err(
            "--remind only applies to calendar output; add --format ics",
        ));
    }
    let writing = std::time::Instant::now();
    let mut bytes = Vec::new();
    let sink: &mut dyn Write = if args.output.is_some() {
        &mut bytes
    } else {
        out
    };
    match args.format {
        PlanFormat::Table => {
            output::plan_table::write(sink, &schedule, &request, &planned, person.as_deref(), zone)?
        }
        PlanFormat::Json => output::plan_json::write(sink, &schedule, &request, &planned)?,
        PlanFormat::Ics | PlanFormat::Markdown | PlanFormat::Csv => {
            let format = match args.format {
                PlanFormat::Ics => export::ExportFormat::Ics,
                PlanFormat::Markdown => export::ExportFormat::Markdown,
                _ => export::ExportFormat::Csv,
            };
            let entries = planned
                .chosen
                .iter()
                .map(|&i| {
                    let scored = &planned.scores[i];
                    let reasons = if planned.filled.contains(&i) {
                        vec!["fills free time".to_string()]
                    } else if scored.reasons.is_empty() {
                        vec!["must-see".to_string()]
                    } else {
                        scored.reasons.clone()
                    };
                    export::AgendaEntry::new(
                        &schedule.sessions[i],
                        scored.half_points as f64 / 2.0,
                        reasons,
                    )
                })
                .collect();
            let agenda = export::Agenda::new(&schedule, entries);
            let options = export::ExportOptions {
                remind_minutes,
                zone,
            };
            sink.write_all(&format.render(&agenda, &options)?)?;
        }
    }
    if let Some(path) = &args.output {
        output::write_atomic(path, &bytes)?;
        global.note(&format!(
            "wrote {} ({} talks, total score {})",
            path.display(),
            planned.chosen.len(),
            plan::interests::format_points(planned.total)
        ));
    }
    timing::record(Stage::Write, writing.elapsed());
    if global.verbose {
        eprintln!("time per stage: {}", timing::take().summary());
    }
    if let Some(path) = &args.save {
        let name = args.name.as_deref().or(person.as_deref()).unwrap_or("me");
        crate::friends::saved::SavedPlan::new(&schedule, name, &request, &planned)?.save(path)?;
        global.note(&format!("saved {name}'s plan to {}", path.display()));
    }
    Ok(())
}
