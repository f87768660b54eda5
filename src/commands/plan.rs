//! `agenda plan`: flags and profile → a checked [`Request`] → the optimal agenda, printed.

use super::Global;
use crate::cli::{InterestArgs, PlanArgs};
use crate::error::bad_input;
use crate::export;
use crate::output;
use crate::plan;
use crate::prefs;
use crate::prefs::settings::Star;
use crate::prefs::settings::VenueSource;
use crate::prefs::{BusyWindow, Request, Settings, SwitchLimit, profile};
use crate::schedule::Schedule;
use crate::timing::Stage;
use anyhow::Context;
use std::io::Write;

/// The settings the flags of `plan` say: a layer over the profile (see
/// [`prefs::Settings::over`]), checked as far as it can be without the schedule.
pub fn flag_settings(args: &PlanArgs) -> anyhow::Result<Settings> {
    let interests = interest_settings(&args.interests)?;
    Ok(Settings {
        name: None,
        likes: interests.likes,
        dislikes: interests.dislikes,
        speakers: interests.speakers,
        tracks: interests.tracks,
        rate: Settings::parse_rates(&args.rate)?,
        ratings: args.ratings.clone(),
        favourites: args.favourites.clone(),
        favourites_weight: args
            .favourites_weight
            .as_deref()
            .map(str::parse)
            .transpose()?,
        stars: args.star.iter().map(|s| Star::talk(s)).collect(),
        must: args.must.clone(),
        avoid: args.avoid.clone(),
        max_switches: args
            .max_switches
            .as_deref()
            .map(SwitchLimit::parse)
            .transpose()?,
        switch_minutes: args.switch_minutes,
        walk: args.walk.as_deref().map(str::parse).transpose()?,
        venue: args.venue.clone().map(VenueSource::File),
        busy: args
            .busy
            .chunks(2)
            .map(|c| BusyWindow::parse(&c[0], c.get(1).map_or("", String::as_str)))
            .collect::<anyhow::Result<_>>()?,
        // Agreed meetings are for friends: `compare --meet`, `together --meet`, or a profile.
        meet: Vec::new(),
        gaps: args.gaps.then_some(true),
    })
}

/// The settings the shared interest flags say (`--likes`, `--dislikes`, `--speakers`,
/// `--tracks`), the rest unsaid: the layer `on` puts over a profile or a saved plan.
pub fn interest_settings(args: &InterestArgs) -> anyhow::Result<Settings> {
    Ok(Settings {
        likes: Settings::parse_likes(&args.likes)?,
        dislikes: Settings::parse_dislikes(&args.dislikes)?,
        speakers: Settings::parse_speakers(&args.speakers)?,
        tracks: args.tracks.clone(),
        ..Settings::default()
    })
}

/// `flags` over the profile `--profile` names (loaded once), or over the defaults without
/// one; with where the profile was found, for messages. `flags` runs after the profile is
/// read, so a missing profile is said before a bad flag.
pub fn over_profile(
    args: &InterestArgs,
    limit: crate::input::ReadLimit,
    flags: impl FnOnce() -> anyhow::Result<Settings>,
) -> anyhow::Result<(Settings, Option<String>)> {
    let loaded = args
        .profile
        .as_deref()
        .map(|p| profile::load_within(p, limit))
        .transpose()?;
    match &loaded {
        // Say where a value may have come from: the profile or the flags over it.
        Some(l) => {
            let base = l.settings.clone();
            let merged = flags()
                .and_then(|flags| flags.over(&base))
                .with_context(|| format!("with the profile {}", l.source))?;
            Ok((merged, Some(l.source.clone())))
        }
        None => Ok((flags()?.over(&Settings::default())?, None)),
    }
}

/// Everything `plan` was asked, checked before the schedule is read: the settings (flags over
/// the profile, loaded once) and how and where the plan is written ([`PlanOutput`]).
#[derive(Debug, Clone)]
pub struct PlanOptions {
    /// Flags over the profile.
    pub settings: Settings,
    /// Where the profile was found, for messages (`None`: no profile).
    pub profile: Option<String>,
    /// How and where the plan is written (`--format`, `-o`, `--tz`, `--remind`, the table's
    /// layout), checked.
    pub how: PlanOutput,
    /// `--max-input-size`: the limit on the files the settings name.
    pub limit: crate::input::ReadLimit,
}

impl PlanOptions {
    /// Checks every flag of `plan` that needs no schedule; loads the profile.
    pub fn from_args(global: &Global, args: &PlanArgs) -> anyhow::Result<PlanOptions> {
        let layout = Layout {
            compact: args.compact,
            no_missed: args.no_missed,
            links: args.links,
            day: args.day.as_deref(),
        };
        let how =
            PlanOutput::from_flags(global, &args.out, args.remind.as_deref(), layout, "plan")?;
        let (settings, source) =
            over_profile(&args.interests, global.limit, || flag_settings(args))?;
        Ok(PlanOptions {
            settings,
            profile: source,
            how,
            limit: global.limit,
        })
    }

    /// The request on `schedule`, and notes for the user.
    pub fn request(&self, schedule: &Schedule) -> anyhow::Result<(Request, Vec<String>)> {
        let result = self.settings.to_request_within(schedule, self.limit);
        match &self.profile {
            // Say where a value may have come from: the profile or the flags over it.
            Some(source) => result.with_context(|| format!("with the profile {source}")),
            None => result,
        }
    }
}

/// Runs `plan`.
pub fn run(global: &Global, args: &PlanArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let options = PlanOptions::from_args(global, args)?;
    let save_to = match &args.save {
        Some(named) => Some(crate::folders::plan_to_save(named.as_deref())?),
        None => None,
    };
    refuse_clashes(global, args, save_to.as_deref())?;
    let progress = output::progress::Progress::start("reading the schedule", !global.quiet);
    // The schedule once read, lent to a thread that hashes it beside the planning (see
    // `plan_and_write`). The thread is started before the reading and waits: one started only
    // once the schedule is read could wait a millisecond or more for a core, the plan waiting
    // for its hash in turn.
    let read = std::sync::OnceLock::new();
    std::thread::scope(|scope| {
        let (lend, lent) = std::sync::mpsc::channel::<&Schedule>();
        let hashing = names_version(options.how.output.format).then(|| {
            scope.spawn(move || lent.recv().ok().map(crate::schedule::hash::schedule_hash))
        });
        let crate::fetch::identity::Loaded {
            schedule,
            identity,
            stages: mut spent,
            ..
        } = global.load_timed(global.schedule.as_deref(), crate::import::Need::Texts)?;
        let schedule: &Schedule = read.get_or_init(|| schedule);
        // Not hashed when the thread is gone: only its panic is, which the join passes on.
        let _ = lend.send(schedule);
        let beside = Read {
            schedule,
            identity: &identity,
            hashing,
        };
        let (request, planned, writing) =
            plan_and_write(global, args, &options, beside, progress, out)?;
        if global.verbose {
            spent.add_all(&planned.stages);
            spent.add(Stage::Write, writing);
            crate::output::say(format_args!("time per stage: {}", spent.summary()));
        }
        if let Some(path) = &save_to {
            // The default plan's file name says nothing about whose it is.
            let file = args.save.as_ref().and_then(|named| named.as_deref());
            let person = options.settings.name.as_deref();
            let name = saved_name(args.name.as_deref(), person, file);
            let mut saved =
                crate::saved::SavedPlan::new(schedule, &identity, &name, &request, &planned)?;
            saved.keep_meetings(schedule, &options.settings.meet)?;
            save(global, path, file.is_none(), &saved, out)?;
        }
        if let Some(path) = &args.write_model {
            global.write_models(path, &planned.stats.models, schedule, out)?;
        }
        Ok(())
    })
}

/// The schedule as read, where it came from, and the thread making its hash (when the format
/// names the schedule's version).
struct Read<'a, 'scope> {
    schedule: &'a Schedule,
    identity: &'a crate::fetch::identity::Identity,
    /// The hash, `None` when the thread had no schedule to hash.
    hashing: Option<std::thread::ScopedJoinHandle<'scope, Option<anyhow::Result<String>>>>,
}

/// The request, the optimal agenda, written as `options` say; with the time writing took.
///
/// The table, Markdown and the page name the schedule's version: its hash, a pass over the
/// whole schedule, made on a second core while the plan is scored and solved (`read.hashing`;
/// the talks' words were tokenised while the schedule was read, see
/// [`crate::import::Need::Texts`]).
fn plan_and_write(
    global: &Global,
    args: &PlanArgs,
    options: &PlanOptions,
    read: Read<'_, '_>,
    progress: output::progress::Progress,
    out: &mut dyn Write,
) -> anyhow::Result<(Request, plan::Plan, std::time::Duration)> {
    let Read {
        schedule,
        identity,
        hashing,
    } = read;
    let (request, notes) = options.request(schedule)?;
    for n in &notes {
        global.note(n);
    }
    progress.stage("planning");
    let planned = plan::plan_keeping_models(schedule, &request, args.write_model.is_some());
    let planned = planned.map_err(|e| match &args.interests.profile {
        Some(p) => e.context(format!("planning with the profile {p}")),
        None => e,
    })?;
    drop(progress);
    for lost in plan::stars::lost_stars(schedule, &request, &planned) {
        global.note(&lost);
    }
    if global.verbose {
        describe_solve(&planned);
    }
    let writing = std::time::Instant::now();
    let hash = hashing
        .and_then(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
        .transpose()?;
    let extras = Extras {
        hash,
        ..Extras::default()
    };
    let person = options.settings.name.as_deref();
    let how = &options.how;
    emit(
        global, how, schedule, identity, &request, &planned, person, &extras, out,
    )?;
    Ok((request, planned, writing.elapsed()))
}

/// Refuses `-o` and `--save` naming one file, or either naming the `--profile` read.
fn refuse_clashes(
    global: &Global,
    args: &PlanArgs,
    save_to: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let profile_file = args
        .interests
        .profile
        .as_deref()
        .map(std::path::Path::new)
        .filter(|p| p.is_file());
    let inputs: Vec<(&str, &std::path::Path)> =
        profile_file.map(|p| ("--profile", p)).into_iter().collect();
    if let Some(path) = &args.write_model {
        crate::solve::model_file::Format::of(path)?;
    }
    global.refuse_clashes(
        &[("-o", args.out.output.as_deref()), ("--save", save_to)],
        &inputs,
    )
}

/// With `--verbose`: the model's size and times, and how the agenda was verified.
fn describe_solve(planned: &plan::Plan) {
    crate::output::say(format_args!(
        "model: {} variables, {} constraints; built in {:.2?}, solved in {:.2?}",
        planned.stats.variables,
        planned.stats.constraints,
        planned.stats.build,
        planned.stats.solve
    ));
    crate::output::say(format_args!(
        "bound: {} of {} scoring talks left out (they cannot be in a best agenda)",
        planned.stats.left_out, planned.stats.scoring
    ));
    crate::output::say(format_args!(
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
    ));
}

/// Writes the plan to `--save` for `now`, `replan`, `together` and `changes`; the default
/// plan (`default`) is said to be one.
fn save(
    global: &Global,
    path: &std::path::Path,
    default: bool,
    saved: &crate::saved::SavedPlan,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    global.emit(
        &output::Target::of(Some(path)),
        saved.to_text(path)?.as_bytes(),
        out,
        |path| {
            if default {
                format!(
                    "saved {}'s plan to {}, the default plan: `agenda now` and `agenda next` read it",
                    saved.person,
                    path.display()
                )
            } else {
                format!("saved {}'s plan to {}", saved.person, path.display())
            }
        },
    )
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
    /// The schedule's [`crate::schedule::hash::schedule_hash`], when already made (`None`:
    /// made when the format needs it).
    pub hash: Option<String>,
}

/// Whether `format` names the schedule's version (its hash) in what it writes.
pub fn names_version(format: export::Format) -> bool {
    matches!(
        format,
        export::Format::Table
            | export::Format::Text
            | export::Format::Markdown
            | export::Format::Html
    )
}

/// How and where a plan is written: `--format`, `-o`, `--tz`, `--remind` and the table's
/// layout flags, checked before any schedule is read.
#[derive(Debug, Clone, Default)]
pub struct PlanOutput {
    /// Format, target, and the options (zone, reminder, width, layout); the settings lines,
    /// name and day are added once the plan is known.
    pub output: super::Output,
    /// `--day`, resolved against the schedule when it is read.
    pub day: Option<String>,
}

/// The layout flags of `plan`: `--compact`, `--no-missed`, `--links`, `--day`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout<'a> {
    /// `--compact`.
    pub compact: bool,
    /// `--no-missed`.
    pub no_missed: bool,
    /// `--links`.
    pub links: bool,
    /// `--day`.
    pub day: Option<&'a str>,
}

impl PlanOutput {
    /// Checks the output flags of `plan` (and of `replan`, which names itself as `command`):
    /// a format that contradicts `-o`'s extension, a bad `--tz` or `--remind`, a table flag
    /// with another format.
    pub fn from_flags(
        global: &Global,
        flags: &crate::cli::OutputArgs,
        remind: Option<&str>,
        layout: Layout,
        command: &'static str,
    ) -> anyhow::Result<Self> {
        let mut output = super::Output::from_flags(
            global,
            flags,
            &super::Writes {
                command,
                formats: export::format::PLAN,
                times: true,
                widths: &[export::Format::Table, export::Format::Text],
            },
        )?;
        let format = output.format;
        let remind_minutes = remind.map(export::parse_remind).transpose()?;
        if remind_minutes.is_some() && format != export::Format::Ics {
            return Err(bad_input(match &output.named_by_file {
                Some(written) => format!(
                    "--remind only applies to calendar output, and {written}; write to a .ics file or drop --remind"
                ),
                None => "--remind only applies to calendar output; add --format ics (or write to a FILE.ics)".to_string(),
            }));
        }
        if !format.is_table()
            && let Some(flag) = [
                (layout.compact, "--compact"),
                (layout.no_missed, "--no-missed"),
                (layout.links, "--links"),
            ]
            .iter()
            .find_map(|(set, name)| set.then_some(*name))
        {
            return Err(output.not_a_table(flag));
        }
        let options = &mut output.options;
        options.remind_minutes = remind_minutes;
        options.compact = layout.compact;
        options.no_missed = layout.no_missed;
        options.links = layout.links;
        Ok(PlanOutput {
            output,
            day: layout.day.map(str::to_string),
        })
    }
}

/// Writes a planned agenda as `how` says, to standard output or atomically to `-o FILE`.
#[allow(clippy::too_many_arguments)]
pub fn emit(
    global: &Global,
    how: &PlanOutput,
    schedule: &Schedule,
    identity: &crate::fetch::identity::Identity,
    request: &prefs::Request,
    planned: &plan::Plan,
    person: Option<&str>,
    extras: &Extras,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let day = how
        .day
        .as_deref()
        .map(|d| super::talks::parse_day(schedule, d).map(|d| d.index))
        .transpose()?;
    let mut options = how.output.options.clone();
    options.day = day;
    options.name = person.map(str::to_string);
    // Only the table, Markdown and the page name the schedule's version; hashing it means writing the
    // whole schedule out (a seventh of `plan` on FOSDEM), so the other formats do without.
    if names_version(how.output.format) {
        let source = crate::export::settings::ScheduleSource {
            // The schedule read, `--schedule`'s or (for `replan`) the one the plan records.
            origin: if identity.source == crate::schedule::EMBEDDED_NAME {
                "embedded".to_string()
            } else {
                identity.source.clone()
            },
            version: match &extras.hash {
                Some(hash) => hash.clone(),
                None => crate::schedule::hash::schedule_hash(schedule)?,
            }
            .trim_start_matches("fnv1a64:")
            .chars()
            .take(8)
            .collect(),
            other_clock: match options.zone {
                output::DisplayZone::Conference => None,
                output::DisplayZone::Named(tz) if tz.name() == schedule.conference.time_zone => {
                    None
                }
                _ => Some(schedule.conference.time_zone.clone()),
            },
        };
        options.settings =
            crate::export::settings::settings_lines(Some(schedule), request, &source);
    }
    let mut agenda = export::Agenda::of_plan(schedule, request, planned, day);
    for entry in &mut agenda.entries {
        let id = &entry.session.id;
        entry.sequence = extras.sequence.get(id).copied().unwrap_or(0);
        if extras.changed.contains(id) {
            entry.last_modified = extras.modified;
        }
    }
    agenda.cancelled = extras.cancelled.clone();
    if let Some(view) = &mut agenda.plan {
        view.proof = extras.proof.clone();
    }
    let format = how.output.format;
    let make = |to: &mut dyn Write| format.write_to(&agenda, &options, to);
    global.emit_by(&how.output.target, out, make, |path| {
        format!(
            "wrote {} ({}, total score {})",
            path.display(),
            crate::text::plural(planned.chosen.len(), "talk", "talks"),
            prefs::interests::format_points(planned.total)
        )
    })
}

/// The person a saved plan belongs to: `--name`, else the profile's name (its `name` field, else
/// its file name), else the saved file's name without extension (`pat.ron` is Pat's), so that
/// friends who save without `--name` still have different names; for the default plan (`path`
/// `None`), the login name (`$USER`). Never empty.
pub fn saved_name(
    flag: Option<&str>,
    profile: Option<&str>,
    path: Option<&std::path::Path>,
) -> String {
    let from_file = || match path {
        Some(path) => path
            .file_stem()
            .map(|s| s.to_string_lossy().trim().to_string())
            .filter(|s| !s.is_empty()),
        None => std::env::var("USER")
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
    };
    flag.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| profile.map(str::to_string))
        .or_else(from_file)
        .unwrap_or_else(|| if path.is_some() { "plan" } else { "me" }.to_string())
}
