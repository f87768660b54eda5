//! `agenda on`: what is on in every room now and next, scored for you (from `--likes`,
//! `--profile`, or a saved `--plan`'s settings, the default plan's when none is named),
//! narrowed by track, room or building.

use super::Global;
use super::plan::{interest_settings, over_profile};
use crate::cli::OnArgs;
use crate::error::bad_input;
use crate::export::Format;
use crate::on::{Ask, View};
use crate::plan;
use crate::prefs::Request;
use crate::saved::SavedPlan;
use crate::schedule::Schedule;
use std::io::Write;

/// What `on` writes.
const WRITES: super::Writes = super::Writes {
    command: "on",
    formats: crate::export::format::ON,
    times: true,
    widths: &[Format::Table],
};

/// Runs `on`.
pub fn run(global: &Global, args: &OnArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    // The flags first, before any schedule is read.
    global.refuse_clashes(&[("-o", args.out.output.as_deref())], &[])?;
    let how = super::Output::from_flags(global, &args.out, &WRITES)?;
    let (width, zone) = (how.options.width, how.options.zone);
    let (options, profile) = over_profile(&args.interests, global.limit, || {
        interest_settings(&args.interests)
    })?;
    // `--plan`'s, else with neither `--schedule` nor `--profile` the default plan when there is
    // one (`plan … --save`), as `now` and `next` read it.
    let plan_path = match (&args.plan, &global.schedule, &args.interests.profile) {
        (Some(path), _, _) => Some(path.clone()),
        (None, None, None) => crate::folders::default_plan()
            .ok()
            .filter(|path| path.exists()),
        _ => None,
    };
    let saved = plan_path
        .as_deref()
        .map(|p| SavedPlan::load_within(p, global.limit))
        .transpose()?;
    let venue = args
        .venue
        .as_deref()
        .map(|p| crate::prefs::venue::read_file(p, global.limit))
        .transpose()?;

    let schedule = schedule_of(global, saved.as_ref(), plan_path.as_deref())?;
    let (chosen, settings) = match (&saved, &plan_path) {
        (Some(saved), Some(path)) => {
            let source = path.display().to_string();
            let chosen = saved.resolve_within(&schedule, &source, global.limit)?;
            (
                chosen,
                interest_settings(&args.interests)?.over(&saved.settings)?,
            )
        }
        _ => (Vec::new(), options.clone()),
    };
    // Without interests nothing scores: every room in the schedule's order.
    let (request, notes) = if states_interests(&settings) {
        options_request(&schedule, &settings, profile.as_deref(), global.limit)?
    } else {
        (Request::default(), Vec::new())
    };
    for n in &notes {
        global.note(n);
    }
    let scored = says_anything(&request);
    let scores = scored.then(|| crate::prefs::interests::score_all(&schedule, &request.interests));
    let (must, _) = plan::resolve_lists(&schedule, &request.interests)?;
    let buildings = buildings(&schedule, venue.as_ref())?;
    let filters = Filters::resolve(&schedule, args, &buildings)?;
    let at = super::now::now_local(
        &schedule,
        args.at.as_deref(),
        chosen.iter().map(|&i| schedule.sessions[i].day).min(),
    )?;
    let ask = Ask {
        scores: scores.as_deref(),
        must: &must,
        plan: &chosen,
        track: filters.track.as_deref(),
        room: filters.room.as_deref(),
        buildings: &buildings,
        building: filters.building.as_deref(),
    };
    let on = crate::on::on(&schedule, at, &ask);
    let view = View {
        schedule: &schedule,
        on: &on,
        zone,
        tz: schedule.time_zone()?,
        scored,
        settings: interest_lines(&schedule, &request),
        narrowed: filters.words(),
        width,
    };
    how.emit_by(global, out, |to| match how.format {
        Format::Text => crate::export::text::on::write(&view, to),
        Format::Json => crate::export::json::on::write(&view, to),
        _ => crate::export::table::on::write(&view, to),
    })
}

/// The schedule `on` looks at: `--schedule`'s; else, for a saved plan made from a schedule's
/// address, that schedule's copy in the download cache, never the network (at the venue the
/// plan may be all there is); else, for one made from a file, an error giving the command with
/// that file (a plan's recorded file is read only when the user names it or asks for
/// `now --refresh`); else the embedded schedule.
fn schedule_of(
    global: &Global,
    saved: Option<&SavedPlan>,
    plan: Option<&std::path::Path>,
) -> anyhow::Result<Schedule> {
    let recorded = saved.and_then(|s| s.schedule.source.as_deref());
    let (Some(source), Some(plan), None) = (recorded, plan, &global.schedule) else {
        return global.load_schedule();
    };
    if source == crate::schedule::EMBEDDED_NAME || source == "<stdin>" {
        return global.load_schedule();
    }
    let plan = plan.display().to_string();
    if !crate::fetch::is_url(source) {
        return Err(bad_input(format!(
            "{} was made from the schedule {}: `on` reads it only when you name it: `agenda on --plan {} --schedule {}`",
            crate::output::clean(&plan),
            crate::output::clean(source),
            crate::output::shell_word(&plan),
            crate::output::shell_word(source),
        )));
    }
    let net = crate::fetch::Net {
        offline: true,
        ..global.net.clone()
    };
    let loaded = crate::fetch::identity::load_for(
        Some(std::path::Path::new(source)),
        &net,
        global.limit,
        crate::import::Need::Schedule,
    )
    .map_err(|e| {
        let said = format!(
            "{} was made from {}: `on` reads its copy in the download cache, never the network",
            crate::output::clean(&plan),
            crate::output::clean(source),
        );
        match e.downcast_ref::<crate::error::Error>() {
            Some(crate::error::Error::NotCached { .. }) => bad_input(format!(
                "{said}, and there is none; download it: `agenda on --plan {} --schedule {}`",
                crate::output::shell_word(&plan),
                crate::output::shell_word(source),
            )),
            _ => e.context(said),
        }
    })?;
    global.note_warnings(&loaded.warnings);
    Ok(loaded.schedule)
}

/// The request of `settings` on `schedule`, saying which profile a bad value came from.
fn options_request(
    schedule: &Schedule,
    settings: &crate::prefs::Settings,
    profile: Option<&str>,
    limit: crate::input::ReadLimit,
) -> anyhow::Result<(Request, Vec<String>)> {
    let result = settings.to_request_within(schedule, limit);
    match profile {
        Some(source) => {
            anyhow::Context::with_context(result, || format!("with the profile {source}"))
        }
        None => result,
    }
}

/// Whether the settings say what you care about (else the request would be refused).
fn states_interests(s: &crate::prefs::Settings) -> bool {
    !(s.likes.is_empty()
        && s.dislikes.is_empty()
        && s.speakers.is_empty()
        && s.tracks.is_empty()
        && s.rate.is_empty()
        && s.ratings.is_none()
        && s.favourites.is_none()
        && s.stars.is_empty()
        && s.must.is_empty())
}

/// Whether the request says what you care about (else no score is shown).
fn says_anything(request: &Request) -> bool {
    let i = &request.interests;
    !(i.likes.is_empty()
        && i.dislikes.is_empty()
        && i.speakers.is_empty()
        && i.tracks.is_empty()
        && i.ratings.is_empty()
        && i.favourites.is_empty()
        && i.must.is_empty())
}

/// The header lines of what scores: likes, dislikes, speakers, tracks, ratings, favourites and
/// must-see, as the plan's header says them (its limits and busy windows do not apply here).
fn interest_lines(schedule: &crate::schedule::Schedule, request: &Request) -> Vec<String> {
    let source = crate::export::settings::ScheduleSource::default();
    crate::export::settings::settings(Some(schedule), request, &source)
        .into_iter()
        .filter(|(label, _)| !matches!(*label, "Limits" | "Busy" | "Schedule"))
        .map(|(label, value)| format!("{label}: {value}"))
        .collect()
}

/// Each room's building: the venue file's, else the one its code names.
fn buildings(
    schedule: &Schedule,
    venue: Option<&crate::prefs::venue::Venue>,
) -> anyhow::Result<Vec<String>> {
    let rooms = &schedule.conference.rooms;
    Ok(match venue {
        Some(v) => {
            let (index, names) = v.buildings(rooms)?;
            index.into_iter().map(|b| names[b].clone()).collect()
        }
        None => rooms
            .iter()
            .map(|r| crate::prefs::venue::building_of(r))
            .collect(),
    })
}

/// `--track`, `--room` and `--building`, checked against the schedule.
struct Filters {
    track: Option<String>,
    room: Option<String>,
    building: Option<String>,
}

impl Filters {
    fn resolve(schedule: &Schedule, args: &OnArgs, buildings: &[String]) -> anyhow::Result<Self> {
        let building = match &args.building {
            None => None,
            Some(b) => {
                let mut names: Vec<&str> = buildings.iter().map(String::as_str).collect();
                names.sort_unstable();
                names.dedup();
                match names.iter().find(|n| n.eq_ignore_ascii_case(b)) {
                    Some(n) => Some(n.to_string()),
                    None => {
                        let hint = crate::text::closest(b, names.iter().copied())
                            .map(|c| format!("did you mean `{c}`? "))
                            .unwrap_or_default();
                        return Err(bad_input(format!(
                            "no room is in the building `{b}`; {hint}the buildings are {} (from {})",
                            names.join(", "),
                            if args.venue.is_some() {
                                "the venue file and room codes"
                            } else {
                                "room codes; --venue FILE names others"
                            }
                        )));
                    }
                }
            }
        };
        Ok(Filters {
            track: args
                .track
                .as_deref()
                .map(|t| super::talks::check_track(schedule, t))
                .transpose()?,
            room: args
                .room
                .as_deref()
                .map(|r| super::talks::parse_room(schedule, r))
                .transpose()?,
            building,
        })
    }

    /// `track Rust`, `room K.1.105`, `building K`.
    fn words(&self) -> Vec<String> {
        [
            ("track", &self.track),
            ("room", &self.room),
            ("building", &self.building),
        ]
        .into_iter()
        .filter_map(|(what, v)| v.as_ref().map(|v| format!("{what} {v}")))
        .collect()
    }
}
