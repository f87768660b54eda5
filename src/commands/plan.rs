//! `agenda plan`: flags and profile → a checked [`Request`] → the optimal agenda, printed.

use super::Global;
use crate::cli::{PlanArgs, PlanFormat};
use crate::error::UserError;
use crate::export;
use crate::output;
use crate::plan::{
    self, Busy, Limits, Request, favourites, interests, profile, ratings, speakers, tracks,
};
use crate::schedule::Schedule;
use crate::timing::{self, Stage};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;

/// Parses `--max-switches`: a number, or `none` for no limit.
pub fn parse_max_switches(text: &str) -> anyhow::Result<Option<u32>> {
    if text.eq_ignore_ascii_case("none") || text.eq_ignore_ascii_case("unlimited") {
        return Ok(None);
    }
    if let Ok(n) = text.trim().parse::<u128>() {
        return u32::try_from(n).map(Some).map_err(|_| {
            UserError::err(format!(
                "--max-switches `{text}` is too large (at most {}); for no limit say `none`",
                u32::MAX
            ))
        });
    }
    Err(UserError::err(format!(
        "--max-switches `{text}` is not a whole number ≥ 0 or `none`"
    )))
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

/// Turns the profile (if any) and the flags into a request; flags override the profile. Notes
/// (favourites that matched no talk) go to stderr.
pub fn build_request(
    schedule: &Schedule,
    args: &PlanArgs,
) -> anyhow::Result<(Request, Option<String>)> {
    let (request, person, notes) = build_request_noting(schedule, args)?;
    for n in notes {
        eprintln!("{n}");
    }
    Ok((request, person))
}

/// [`build_request`], returning its notes instead of printing them.
pub fn build_request_noting(
    schedule: &Schedule,
    args: &PlanArgs,
) -> anyhow::Result<(Request, Option<String>, Vec<String>)> {
    let loaded = args.profile.as_deref().map(profile::load).transpose()?;
    let mut notes = Vec::new();
    let result = request_from(
        schedule,
        args,
        loaded.as_ref().map(|l| &l.profile),
        &mut notes,
    );
    match &loaded {
        // Say where a value may have come from: the profile or the flags over it.
        Some(l) => result
            .with_context(|| format!("with the profile {}", l.source))
            .map(|r| (r, Some(l.name.clone()), notes)),
        None => result.map(|r| (r, None, notes)),
    }
}

/// The request from the flags over an optional profile.
pub fn request_from(
    schedule: &Schedule,
    args: &PlanArgs,
    profile: Option<&profile::Profile>,
    notes: &mut Vec<String>,
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
    let mut interests = interests::Interests {
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
        speakers: speakers::resolve(
            schedule,
            interests::parse_weighted(
                &pick(&args.speakers, &p.speakers),
                interests::DEFAULT_SPEAKER_WEIGHT,
                false,
                "speaker",
            )?,
        )?,
        tracks: tracks::resolve(schedule, &pick(&args.tracks, &p.tracks))?,
        must: pick(&args.must, &p.must),
        avoid: pick(&args.avoid, &p.avoid),
        ..Default::default()
    };
    let ratings_file = args
        .ratings
        .clone()
        .or_else(|| p.ratings.as_ref().map(PathBuf::from));
    let from_file = match &ratings_file {
        Some(path) => ratings::read_file(schedule, path)?,
        None => Vec::new(),
    };
    let flags = ratings::parse_rate_flags(schedule, &pick(&args.rate, &p.rate))?;
    interests.ratings = ratings::merge(from_file, flags);
    let favourites_file = args
        .favourites
        .clone()
        .or_else(|| p.favourites.as_ref().map(PathBuf::from));
    let favourites_weight = args.favourites_weight.or(p.favourites_weight);
    if let Some(w) = favourites_weight
        && !(1..=interests::MAX_WEIGHT).contains(&w)
    {
        return Err(UserError::err(format!(
            "--favourites-weight {w}: weights go from 1 to {}",
            interests::MAX_WEIGHT
        )));
    }
    if favourites_weight.is_some() && favourites_file.is_none() {
        return Err(UserError::err(
            "--favourites-weight needs --favourites FILE",
        ));
    }
    if let Some(path) = &favourites_file {
        let found = favourites::read_file(schedule, path)?;
        if !found.unmatched.is_empty() {
            notes.push(format!(
                "note: {} of the favourites in {} match no single talk and are left out:\n  {}",
                found.unmatched.len(),
                path.display(),
                found.unmatched.join("\n  ")
            ));
        }
        for i in found.matched {
            let id = schedule.sessions[i].id.clone();
            match favourites_weight {
                Some(weight) => interests
                    .favourites
                    .push(interests::Weighted { term: id, weight }),
                None if !interests.avoid.contains(&id) => interests.must.push(id),
                None => {}
            }
        }
    }
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
    let venue_file = args
        .venue
        .clone()
        .or_else(|| p.venue.as_ref().map(PathBuf::from));
    let walk = args.walk.as_deref().or(p.walk.as_deref());
    let mut walking = venue_file
        .as_deref()
        .map(plan::venue::read_file)
        .transpose()?;
    if let Some(text) = walk {
        let w = plan::venue::parse_walk(text)?;
        let v = walking.get_or_insert_with(Default::default);
        v.within = w.within;
        v.between = w.between;
    }
    if walking.is_some() && args.switch_minutes.is_some() {
        return Err(UserError::err(
            "--switch-minutes is the same time for every change of room; with --walk or --venue the walking times replace it, so give one or the other",
        ));
    }
    if let Some(v) = &walking {
        v.walking(&schedule.conference.rooms)?;
    }
    let limits = Limits {
        max_switches,
        switch_minutes: args.switch_minutes.or(p.switch_minutes).unwrap_or_default(),
        busy,
        gaps: args.gaps || p.gaps.unwrap_or(false),
        walking,
    };
    if interests.likes.is_empty()
        && interests.speakers.is_empty()
        && interests.must.is_empty()
        && interests.tracks.is_empty()
        && interests.ratings.is_empty()
        && interests.favourites.is_empty()
    {
        return Err(UserError::err(
            "say what you care about: --likes TOPIC[=WEIGHT],… (see `agenda topics`), --tracks, --speakers, --rate, --ratings, --favourites, --must, or --profile NAME",
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
    let profile_file = args
        .profile
        .as_deref()
        .map(std::path::Path::new)
        .filter(|p| p.is_file());
    let inputs: Vec<(&str, &std::path::Path)> =
        profile_file.map(|p| ("--profile", p)).into_iter().collect();
    global.refuse_clashes(
        &[
            ("-o", args.output.as_deref()),
            ("--save", args.save.as_deref()),
        ],
        &inputs,
    )?;
    let progress = output::progress::Progress::start("reading the schedule", !global.quiet);
    let (schedule, identity) = timing::time_excluding(Stage::Read, Stage::Topics, || {
        global.load_identified(global.schedule.as_deref())
    })?;
    let (request, person, notes) = build_request_noting(&schedule, args)?;
    for n in &notes {
        global.note(n);
    }
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
    let writing = std::time::Instant::now();
    emit(
        global,
        args,
        &schedule,
        &identity,
        &request,
        &planned,
        person.as_deref(),
        &Extras::default(),
        out,
    )?;
    timing::record(Stage::Write, writing.elapsed());
    if global.verbose {
        eprintln!("time per stage: {}", timing::take().summary());
    }
    if let Some(path) = &args.save {
        let name = saved_name(args.name.as_deref(), person.as_deref(), path);
        let name = name.as_str();
        crate::friends::saved::SavedPlan::new(&schedule, &identity, name, &request, &planned)?
            .save_with(path, &global.write_options())?;
        global.note_written(path, &format!("saved {name}'s plan to {}", path.display()));
    }
    Ok(())
}

/// What `replan` adds to a plan's output: the calendar revisions that follow an earlier version
/// of the agenda, and its own statement of what was proven.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The table's statement of what was proven and checked (`None`: the planner's).
    pub proof: Option<String>,
    /// SEQUENCE per session id (absent: 0).
    pub sequence: std::collections::BTreeMap<String, u32>,
    /// Ids of the talks that changed since the earlier version.
    pub changed: std::collections::BTreeSet<String>,
    /// LAST-MODIFIED of the changed and cancelled talks.
    pub modified: Option<chrono::DateTime<chrono::Utc>>,
    /// Talks of the earlier version no longer in the agenda.
    pub cancelled: Vec<export::Cancelled>,
}

/// Writes a planned agenda in the format of `args` to `-o FILE` (atomically) or `out`.
#[allow(clippy::too_many_arguments)]
pub fn emit(
    global: &Global,
    args: &PlanArgs,
    schedule: &Schedule,
    identity: &crate::import::identity::Identity,
    request: &plan::Request,
    planned: &plan::Plan,
    person: Option<&str>,
    extras: &Extras,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
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
    if !args.format.is_table()
        && let Some(flag) = [
            (args.width.is_some(), "--width"),
            (args.compact, "--compact"),
            (args.no_missed, "--no-missed"),
        ]
        .iter()
        .find_map(|(set, name)| set.then_some(*name))
    {
        return Err(UserError::err(format!(
            "{flag} only applies to the table; drop it or use --format table"
        )));
    }
    let day = args
        .day
        .as_deref()
        .map(|d| super::talks::parse_day(schedule, d).map(|d| d.index))
        .transpose()?;
    // Only the table and the exports name the schedule's version; hashing it means writing
    // the whole schedule out (a seventh of `plan` on FOSDEM), so JSON does without.
    let source = || -> anyhow::Result<output::settings::ScheduleSource> {
        Ok(output::settings::ScheduleSource {
            origin: if global.schedule.is_some() {
                identity.source.clone()
            } else {
                "embedded".to_string()
            },
            version: crate::friends::saved::schedule_hash(schedule)?
                .trim_start_matches("fnv1a64:")
                .chars()
                .take(8)
                .collect(),
        })
    };
    let mut bytes = Vec::new();
    let sink: &mut dyn Write = if args.output.is_some() {
        &mut bytes
    } else {
        out
    };
    match args.format {
        PlanFormat::Table | PlanFormat::Text => {
            let width = output::width::resolve(args.width);
            let options = output::plan_table::TableOptions {
                width,
                compact: args.format == PlanFormat::Text
                    || args.compact
                    || width < output::width::COMPACT_BELOW,
                missed: !args.no_missed,
                source: source()?,
                day,
                proof: extras.proof.clone(),
            };
            output::plan_table::write(sink, schedule, request, planned, person, zone, &options)?
        }
        PlanFormat::Json => output::plan_json::write(sink, schedule, request, planned, day)?,
        PlanFormat::Ics | PlanFormat::Markdown | PlanFormat::Csv => {
            let format = match args.format {
                PlanFormat::Ics => export::ExportFormat::Ics,
                PlanFormat::Markdown => export::ExportFormat::Markdown,
                _ => export::ExportFormat::Csv,
            };
            let entries: Vec<export::AgendaEntry> = planned
                .chosen
                .iter()
                .filter(|&&i| day.is_none_or(|d| schedule.sessions[i].day == d))
                .map(|&i| {
                    let scored = &planned.scores[i];
                    let reasons = if planned.filled.contains(&i) {
                        vec!["fills free time".to_string()]
                    } else if scored.reasons.is_empty() {
                        vec!["must-see".to_string()]
                    } else {
                        scored.reasons.clone()
                    };
                    let session = &schedule.sessions[i];
                    let mut entry = export::AgendaEntry::new(
                        session,
                        crate::points::Points::from_half(scored.half_points).as_f64(),
                        reasons,
                    );
                    entry.sequence = extras.sequence.get(&session.id).copied().unwrap_or(0);
                    if extras.changed.contains(&session.id) {
                        entry.last_modified = extras.modified;
                    }
                    entry
                })
                .collect();
            let mut agenda = export::Agenda::new(schedule, entries);
            agenda.cancelled = extras.cancelled.clone();
            let options = export::ExportOptions {
                remind_minutes,
                zone,
                settings: output::settings::settings_lines(request, &source()?),
            };
            sink.write_all(&format.render(&agenda, &options)?)?;
        }
    }
    if let Some(path) = &args.output {
        if args.format.is_table() {
            bytes = output::sanitize::clean_bytes(bytes);
        }
        global.write(path, &bytes)?;
        if output::atomic::Stream::of(path).is_none() {
            global.note(&format!(
                "wrote {} ({}, total score {})",
                path.display(),
                crate::text::plural(planned.chosen.len(), "talk", "talks"),
                plan::interests::format_points(planned.total)
            ));
        }
    }
    Ok(())
}

/// The person a saved plan belongs to: `--name`, else the profile's name (its `name` field, else
/// its file name), else the saved file's name without extension (`pat.ron` is Pat's), so that
/// friends who save without `--name` still have different names. Never empty.
pub fn saved_name(flag: Option<&str>, profile: Option<&str>, path: &std::path::Path) -> String {
    let from_file = || {
        path.file_stem()
            .map(|s| s.to_string_lossy().trim().to_string())
            .filter(|s| !s.is_empty())
    };
    flag.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| profile.map(str::to_string))
        .or_else(from_file)
        .unwrap_or_else(|| "plan".to_string())
}
