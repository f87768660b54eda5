//! Saved plans: an agenda written to a small RON or JSON file to share with friends.
//!
//! A saved plan names its person, the schedule it was made for (its name and a content hash,
//! see [`schedule_hash`]), the chosen session ids and the settings that chose them, so that
//! `compare` can score it again. The file is RON unless its name ends in `.json`.
//!
//! ```ron
//! (
//!     agenda_plan: 1,
//!     person: "Alice",
//!     schedule: (name: "All Systems Go! 2025", hash: "fnv1a64:3d0c…"),
//!     sessions: ["opening", "bpf-tokens", …],
//!     settings: (likes: ["bpf=3"], …, max_switches: Some(2), switch_minutes: 0, …),
//! )
//! ```

use crate::error::UserError;
use crate::plan::{Busy, Plan, Request, Weighted};
use crate::schedule::Schedule;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The format version written in every saved plan (`agenda_plan: 1`).
pub const VERSION: u32 = 1;

/// The schedule a plan was made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRef {
    /// The conference name.
    pub name: String,
    /// [`schedule_hash`] of the schedule.
    pub hash: String,
}

/// The settings a plan was made with, in the words of a profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Likes, `topic=w`.
    pub likes: Vec<String>,
    /// Dislikes, `topic=w`.
    pub dislikes: Vec<String>,
    /// Speakers, `Name=w`.
    pub speakers: Vec<String>,
    /// Must-see sessions as given.
    pub must: Vec<String>,
    /// Avoided sessions as given.
    pub avoid: Vec<String>,
    /// Room switches allowed per day (`None`: no limit).
    pub max_switches: Option<u32>,
    /// Minutes needed to change rooms.
    pub switch_minutes: u32,
    /// Busy windows, `YYYY-MM-DD HH:MM-HH:MM`.
    pub busy: Vec<String>,
    /// Free time left free.
    pub gaps: bool,
}

/// A saved plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedPlan {
    /// Format version, [`VERSION`].
    pub agenda_plan: u32,
    /// Whose agenda it is.
    pub person: String,
    /// The schedule it was made for.
    pub schedule: ScheduleRef,
    /// Chosen session ids, in time order.
    pub sessions: Vec<String>,
    /// The settings used.
    pub settings: Settings,
}

/// A stable hash of a schedule: FNV-1a (64 bit) of its canonical RON text, as
/// `fnv1a64:` and 16 hex digits. The text does not depend on where the schedule was read from
/// or on the platform, so the same schedule always has the same hash.
pub fn schedule_hash(schedule: &Schedule) -> anyhow::Result<String> {
    let text = crate::schedule::ron_format::write(schedule)?;
    Ok(format!("fnv1a64:{:016x}", fnv1a64(text.as_bytes())))
}

/// FNV-1a, 64 bit.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn weighted(list: &[Weighted]) -> Vec<String> {
    list.iter()
        .map(|w| format!("{}={}", w.term, w.weight))
        .collect()
}

impl Settings {
    /// The settings of a request.
    pub fn from_request(request: &Request) -> Self {
        let i = &request.interests;
        let l = &request.limits;
        Settings {
            likes: weighted(&i.likes),
            dislikes: weighted(&i.dislikes),
            speakers: weighted(&i.speakers),
            must: i.must.clone(),
            avoid: i.avoid.clone(),
            max_switches: l.max_switches,
            switch_minutes: l.switch_minutes,
            busy: l.busy.iter().map(Busy::to_arg).collect(),
            gaps: l.gaps,
        }
    }

    /// The request these settings describe, checked against the schedule like flags are.
    pub fn to_request(&self, schedule: &Schedule) -> anyhow::Result<Request> {
        let args = crate::cli::PlanArgs {
            likes: self.likes.clone(),
            dislikes: self.dislikes.clone(),
            speakers: self.speakers.clone(),
            must: self.must.clone(),
            avoid: self.avoid.clone(),
            max_switches: Some(
                self.max_switches
                    .map_or("none".to_string(), |k| k.to_string()),
            ),
            switch_minutes: Some(self.switch_minutes),
            busy: self
                .busy
                .iter()
                .flat_map(|b| {
                    let (day, range) = b.trim().split_once(' ').unwrap_or((b.as_str(), ""));
                    [day.to_string(), range.trim().to_string()]
                })
                .collect(),
            gaps: self.gaps,
            ..Default::default()
        };
        Ok(crate::commands::plan::build_request(schedule, &args)?.0)
    }
}

impl SavedPlan {
    /// The saved form of a plan.
    pub fn new(
        schedule: &Schedule,
        person: &str,
        request: &Request,
        plan: &Plan,
    ) -> anyhow::Result<Self> {
        Ok(SavedPlan {
            agenda_plan: VERSION,
            person: person.to_string(),
            schedule: ScheduleRef {
                name: schedule.conference.name.clone(),
                hash: schedule_hash(schedule)?,
            },
            sessions: plan
                .chosen
                .iter()
                .map(|&i| schedule.sessions[i].id.clone())
                .collect(),
            settings: Settings::from_request(request),
        })
    }

    /// The text of the file: JSON when `path` ends in `.json`, RON otherwise.
    pub fn to_text(&self, path: &Path) -> anyhow::Result<String> {
        let mut text = if is_json(path) {
            serde_json::to_string_pretty(self)?
        } else {
            let config = ron::ser::PrettyConfig::new()
                .indentor("    ".to_string())
                .struct_names(false);
            ron::ser::to_string_pretty(self, config)?
        };
        text.push('\n');
        Ok(text)
    }

    /// Writes the plan to `path` atomically.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        self.save_with(path, &crate::output::WriteOptions::default())
    }

    /// Writes the plan to `path` atomically, with `--force`/`--quiet` applied.
    pub fn save_with(
        &self,
        path: &Path,
        options: &crate::output::WriteOptions,
    ) -> anyhow::Result<()> {
        crate::output::write_atomic_with(path, self.to_text(path)?.as_bytes(), options)
    }

    /// Parses a saved plan (JSON when the text starts with `{`, RON otherwise).
    pub fn parse(text: &str, source: &str) -> anyhow::Result<Self> {
        let plan: SavedPlan = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| {
                UserError::err(format!(
                    "{source}:{}:{}: not a valid saved plan: {e}; write one with `agenda plan … --save FILE`",
                    e.line(),
                    e.column()
                ))
            })?
        } else {
            ron::from_str(text).map_err(|e| {
                UserError::err(format!(
                    "{source}:{}:{}: not a valid saved plan: {}; write one with `agenda plan … --save FILE`",
                    e.span.start.line, e.span.start.col, e.code
                ))
            })?
        };
        if plan.agenda_plan != VERSION {
            return Err(UserError::err(format!(
                "{source}: saved plan format {} is not known to this agenda (it reads format {VERSION}); save the plan again",
                plan.agenda_plan
            )));
        }
        Ok(plan)
    }

    /// Whether `text` claims to be a saved plan (it has the `agenda_plan` field).
    pub fn looks_like(text: &str) -> bool {
        text.contains("agenda_plan")
    }

    /// Reads a saved plan from a file.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let source = path.display().to_string();
        let text = crate::input::read_text(path, "saved plan")?;
        Self::parse(&text, &source)
    }

    /// The chosen sessions as schedule indices, after checking that the plan was made for
    /// this schedule, that every session exists, and that together they are an agenda its own
    /// settings allow (no overlaps, the switch limit, busy windows, must-see and avoid; see
    /// [`crate::plan::verify::check_agenda`]).
    pub fn resolve(&self, schedule: &Schedule, source: &str) -> anyhow::Result<Vec<usize>> {
        let hash = schedule_hash(schedule)?;
        if self.schedule.hash != hash {
            return Err(UserError::err(format!(
                "{source} is {}'s plan for another schedule: `{}` ({}), but this is `{}` ({hash}) from {}; plan again with this schedule, or pass the plan's schedule with --schedule",
                self.person,
                self.schedule.name,
                self.schedule.hash,
                schedule.conference.name,
                schedule.source
            )));
        }
        let mut chosen = Vec::new();
        for id in &self.sessions {
            let i = schedule
                .sessions
                .iter()
                .position(|s| &s.id == id)
                .ok_or_else(|| {
                    UserError::err(format!(
                        "{source}: session `{id}` is not in the schedule; save the plan again"
                    ))
                })?;
            chosen.push(i);
        }
        chosen.sort_by_key(|&i| (schedule.sessions[i].start_at(), i));
        chosen.dedup();
        // Re-checked on load: a plan edited by hand, or saved by a buggy or older agenda, is
        // refused with the reason instead of being shown inconsistently.
        let request = self
            .settings
            .to_request(schedule)
            .map_err(|e| UserError::err(format!("{source}: {e:#}")))?;
        let failures = crate::plan::verify::check_agenda(schedule, &request, &chosen);
        if !failures.is_empty() {
            return Err(UserError::err(format!(
                "{source} is not a valid agenda for {}: {}; plan again and save it with `agenda plan … --save FILE`",
                self.person,
                failures.join("; ")
            )));
        }
        Ok(chosen)
    }
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_plan_with_an_unknown_version_is_refused() {
        let text = r#"(agenda_plan: 9, person: "x", schedule: (name: "c", hash: "h"), sessions: [], settings: (likes: [], dislikes: [], speakers: [], must: [], avoid: [], max_switches: None, switch_minutes: 0, busy: [], gaps: false))"#;
        let err = SavedPlan::parse(text, "p.ron").unwrap_err();
        assert!(format!("{err}").contains("format 9"), "{err}");
    }
}
