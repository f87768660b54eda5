//! Friends: share a plan ([`crate::saved`]), compare agendas ([`compare`]), plan together
//! ([`together`]); the comparison is written by [`crate::export::comparison`].
//!
//! Everyone is an [`Attendee`]: a name, the request (interests and limits) that scores their
//! sessions, and the sessions they attend. An attendee comes from a profile (planned alone with
//! [`crate::plan::plan`]), from a saved plan file, or from the joint plan of [`together`].

pub mod agreed;
pub mod compare;
pub mod meet;
pub mod mine;
pub mod together;
pub mod zone;

use crate::error::bad_input;
use crate::input::ReadLimit;
use crate::plan;
use crate::prefs;
use crate::prefs::settings::BusyWindow;
use crate::prefs::{Request, Scored, interests};
use crate::saved::SavedPlan;
use crate::schedule::Schedule;
use anyhow::Context;
use std::path::Path;

/// One person's agenda.
#[derive(Debug, Clone)]
pub struct Attendee {
    /// The name shown in columns and summaries.
    pub name: String,
    /// Where the agenda came from, for messages: `profile alice (built in)`, `saved plan a.ron`.
    pub source: String,
    /// The interests and limits that score the sessions.
    pub request: Request,
    /// Score of every session (parallel to `schedule.sessions`).
    pub scores: Vec<Scored>,
    /// Attended sessions (schedule indices) in time order.
    pub chosen: Vec<usize>,
    /// Total score of the attended sessions, in half points.
    pub total: i64,
}

impl Attendee {
    /// An attendee attending `chosen`, scored by `request`.
    pub fn new(
        schedule: &Schedule,
        name: String,
        source: String,
        request: Request,
        chosen: Vec<usize>,
    ) -> Self {
        let scores = interests::score_all(schedule, &request.interests);
        Attendee::scored(schedule, name, source, request, chosen, scores)
    }

    /// [`Attendee::new`] with the sessions already scored by `request`'s interests (`scores`
    /// as [`interests::score_all`] gives them), so that a plan's scores are not made twice.
    pub(crate) fn scored(
        schedule: &Schedule,
        name: String,
        source: String,
        request: Request,
        mut chosen: Vec<usize>,
        scores: Vec<Scored>,
    ) -> Self {
        chosen.sort_by_key(|&i| (schedule.sessions[i].start_at(), i));
        let total = chosen.iter().map(|&i| scores[i].half_points).sum();
        Attendee {
            name,
            source,
            request,
            scores,
            chosen,
            total,
        }
    }

    /// Whether the attendee attends session `i`.
    pub fn attends(&self, i: usize) -> bool {
        self.chosen.contains(&i)
    }
}

/// A person named on the command line, before planning.
#[derive(Debug, Clone)]
pub enum Who {
    /// A profile: plan it.
    Profile {
        /// Name to show.
        name: String,
        /// Where it was found.
        source: String,
        /// Its request.
        request: Box<Request>,
    },
    /// A saved plan: take its sessions as they are.
    Saved {
        /// Where it was read from.
        source: String,
        /// The plan.
        plan: Box<SavedPlan>,
    },
}

impl Who {
    /// The name shown for this person.
    pub fn name(&self) -> &str {
        match self {
            Who::Profile { name, .. } => name,
            Who::Saved { plan, .. } => &plan.person,
        }
    }

    /// The request (interests and limits) of this person.
    pub fn request(&self, schedule: &Schedule, limit: ReadLimit) -> anyhow::Result<Request> {
        match self {
            Who::Profile { request, .. } => Ok(Request::clone(request)),
            Who::Saved { plan, source } => plan
                .settings
                .to_request_within(schedule, limit)
                .map(|(request, _)| request)
                .map_err(|e| tag(e, source)),
        }
    }
}

/// A person named on the command line, read but not yet matched to a schedule: what can be
/// checked before the schedule is loaded (the file parses, the profile exists and is valid).
#[derive(Debug, Clone)]
pub enum Named {
    /// A profile and its settings.
    Profile {
        /// The loaded profile (its name and where it was found).
        loaded: Box<prefs::profile::Loaded>,
        /// Its settings.
        settings: Box<prefs::Settings>,
    },
    /// A saved plan.
    Saved {
        /// The word that named it (its path).
        word: String,
        /// The plan.
        plan: Box<SavedPlan>,
    },
}

impl Named {
    /// The name shown for this person.
    pub fn name(&self) -> &str {
        match self {
            Named::Profile { loaded, .. } => &loaded.name,
            Named::Saved { plan, .. } => &plan.person,
        }
    }
}

/// The meetings everyone agreed on: `flags` (`--meet`), then the `meet` field of each person's
/// profile or saved plan, as written.
pub fn meetings_said(flags: &[String], named: &[Named]) -> anyhow::Result<Vec<BusyWindow>> {
    let mut said = flags
        .iter()
        .map(|m| agreed::parse(m))
        .collect::<anyhow::Result<Vec<_>>>()?;
    for person in named {
        said.extend(match person {
            Named::Profile { settings, .. } => settings.meet.iter().cloned(),
            Named::Saved { plan, .. } => plan.settings.meet.iter().cloned(),
        });
    }
    Ok(said)
}

/// Reads one command-line word: an existing file holding a saved plan, else a profile (a name
/// or a file, see [`crate::prefs::profile::load`]). Needs no schedule.
pub fn read(word: &str, limit: ReadLimit) -> anyhow::Result<Named> {
    let path = Path::new(word);
    if path.is_file() {
        let text = crate::input::read_text_within(path, "profile or saved plan", limit)?;
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json || SavedPlan::looks_like(&text) {
            // Its settings are checked as it is read, as flags are.
            let plan = SavedPlan::parse(&text, word)?;
            return Ok(Named::Saved {
                word: word.to_string(),
                plan: Box::new(plan),
            });
        }
    }
    let loaded = prefs::profile::load_within(word, limit)?;
    let settings = loaded.settings.clone();
    Ok(Named::Profile {
        loaded: Box::new(loaded),
        settings: Box::new(settings),
    })
}

/// Reads every word (see [`read`]), refusing fewer than two people and a person named twice.
pub fn read_all(words: &[String], limit: ReadLimit) -> anyhow::Result<Vec<Named>> {
    if words.len() < 2 {
        return Err(bad_input(
            "name at least two people: profiles (alice, profiles/bob.ron) or saved plans (alice.ron from `agenda plan --save`)",
        ));
    }
    let mut people: Vec<(String, Named)> = Vec::new();
    for word in words {
        let named = read(word, limit)?;
        if let Some((other, _)) = people
            .iter()
            .find(|(_, p)| p.name().eq_ignore_ascii_case(named.name()))
        {
            let how = if other == word {
                format!("`{word}` is named twice")
            } else {
                format!("`{other}` and `{word}` are both {}", named.name())
            };
            return Err(bad_input(format!(
                "{how}; name each person once (give a saved plan another person with `agenda plan --name NAME --save FILE`)"
            )));
        }
        people.push((word.clone(), named));
    }
    Ok(people.into_iter().map(|(_, n)| n).collect())
}

/// Matches a person read by [`read`] to `schedule`: a profile's request is made; a saved plan is
/// checked to be for this schedule (or an older version of this conference, re-planned in
/// [`attendees`]).
pub fn resolve(schedule: &Schedule, named: Named, limit: ReadLimit) -> anyhow::Result<Who> {
    match named {
        Named::Saved { word, plan } => {
            // A plan for another version of this conference is re-planned (see `attendees`);
            // one for another conference is refused.
            if !plan.is_older_version_of(schedule)? {
                plan.resolve_within(schedule, &word, limit)?;
            }
            Ok(Who::Saved {
                source: format!("saved plan {word}"),
                plan,
            })
        }
        Named::Profile { loaded, settings } => {
            let (request, notes) = settings
                .to_request_within(schedule, limit)
                .with_context(|| format!("with the profile {}", loaded.source))?;
            for n in notes {
                crate::output::say(n);
            }
            Ok(Who::Profile {
                name: loaded.name,
                source: format!("profile {}", loaded.source),
                request: Box::new(request),
            })
        }
    }
}

/// Reads and resolves every word (see [`read_all`] and [`resolve`]).
pub fn resolve_all(
    schedule: &Schedule,
    words: &[String],
    limit: ReadLimit,
) -> anyhow::Result<Vec<Who>> {
    read_all(words, limit)?
        .into_iter()
        .map(|named| resolve(schedule, named, limit))
        .collect()
}

/// Each person's agenda as it stands: a profile planned alone, a saved plan as saved; every
/// agreed meeting ([`agreed`]) kept free, after checking that everyone can make it.
pub fn attendees(
    schedule: &Schedule,
    people: &[Who],
    limit: ReadLimit,
    meetings: &[crate::prefs::Busy],
) -> anyhow::Result<Vec<Attendee>> {
    let mut requests = Vec::new();
    let mut fixed = Vec::new();
    for who in people {
        requests.push(who.request(schedule, limit)?);
        fixed.push(match who {
            Who::Saved { source, plan } if !plan.is_older_version_of(schedule)? => {
                Some(plan.resolve_within(schedule, source, limit)?)
            }
            _ => None,
        });
    }
    let candidates: Vec<agreed::Candidate> = people
        .iter()
        .zip(&requests)
        .zip(&fixed)
        .map(|((who, request), fixed)| agreed::Candidate {
            name: who.name(),
            request,
            fixed: fixed.as_deref(),
        })
        .collect();
    agreed::check(schedule, &candidates, meetings)?;
    people
        .iter()
        .zip(requests)
        .zip(fixed)
        .map(|((who, mut request), fixed)| {
            agreed::apply(&mut request, meetings);
            attendee(schedule, who, request, fixed)
        })
        .collect()
}

/// One person's agenda: `fixed` talks (a saved plan for this schedule) as they are, else
/// planned (a profile alone, a saved plan for an older version re-planned keeping its talks).
fn attendee(
    schedule: &Schedule,
    who: &Who,
    request: Request,
    fixed: Option<Vec<usize>>,
) -> anyhow::Result<Attendee> {
    match who {
        Who::Profile { name, source, .. } => {
            let planned = plan::plan(schedule, &request).map_err(|e| tag(e, name))?;
            Ok(Attendee::new(
                schedule,
                name.clone(),
                source.clone(),
                request,
                planned.chosen,
            ))
        }
        Who::Saved { source, plan } => match fixed {
            Some(chosen) => Ok(Attendee::new(
                schedule,
                plan.person.clone(),
                source.clone(),
                request,
                chosen,
            )),
            None => {
                // Made for another version of this schedule: re-planned on this one as
                // `replan` does, keeping every talk of it that still fits.
                let keep = crate::friends::mine::Mine::new(plan, schedule).still_there();
                let keeping = plan::keep::Keeping::All;
                let (planned, _) =
                    plan::keep::plan_keeping(schedule, &request, &keep, keeping, None)
                        .map_err(|e| tag(e, &plan.person))?;
                Ok(Attendee::new(
                    schedule,
                    plan.person.clone(),
                    format!("{source}, re-planned on this version"),
                    request,
                    planned.chosen,
                ))
            }
        },
    }
}

/// Prefixes an error's message with the person it is about (`alice: …`). Context, not a new
/// error: its kind, and so its exit code, stay those of `error`.
pub fn tag(error: anyhow::Error, name: &str) -> anyhow::Error {
    error.context(name.to_string())
}

/// The notes `compare` and `together` print for saved plans made against another version of the
/// schedule (they are re-planned on this one instead of refused).
pub(crate) fn older_version_notes(
    schedule: &Schedule,
    people: &[Who],
) -> anyhow::Result<Vec<String>> {
    let mut notes = Vec::new();
    for who in people {
        if let Who::Saved { source, plan } = who
            && plan.is_older_version_of(schedule)?
        {
            notes.push(format!(
                "note: {source} was made for another version of {} ({}); re-planned on this one with its settings, keeping as many of its talks as the best score allows (`agenda replan` shows what changed)",
                schedule.conference.name,
                plan.schedule.version.as_deref().map_or_else(
                    || plan.schedule.hash.clone(),
                    |v| format!("version {v}, {}", plan.schedule.hash)
                )
            ));
        }
    }
    Ok(notes)
}
