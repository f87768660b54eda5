//! Saved plans: an agenda written to a small RON or JSON file to share with friends.
//!
//! A saved plan names its person, the schedule it was made for (its name, a content hash (see
//! [`schedule_hash`]), where it was read from (an absolute path or a URL), the export's
//! published version, when a URL was downloaded, the conference's time zone and days), the
//! chosen session ids and the settings that chose them, so that `compare` can score it again.
//! Each chosen session is also kept whole enough for `now` and `next` to work from the plan
//! alone, with the schedule gone and offline: its title, room, day, date, start and length. The
//! file is RON unless its name ends in `.json`.
//!
//! A saved plan is input like any other: [`SavedPlan::parse`] range-checks what it carries
//! (scores, calendar revisions, times), and nothing reads the schedule it records unless the
//! user asks (`replan`, `now --refresh`).
//!
//! ```ron
//! (
//!     agenda_plan: 1,
//!     person: "Alice",
//!     schedule: (name: "FOSDEM 2025", hash: "fnv1a64:3d0c…",
//!         source: Some("https://fosdem.org/2025/schedule/xml"), version: Some("latest"),
//!         fetched_at: Some("2025-01-11T09:30:00Z")),
//!     sessions: ["opening", "bpf-tokens", …],
//!     settings: (likes: ["bpf=3"], …, max_switches: Some(2), switch_minutes: 0, …),
//! )
//! ```

use crate::error::bad_input;
use crate::fetch::identity::Identity;
use crate::plan::Plan;
use crate::prefs::{Request, Settings};
use crate::schedule::Schedule;
use crate::schedule::hash::schedule_hash;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The format version written in every saved plan (`agenda_plan: 1`).
pub const VERSION: u32 = 1;

/// The largest score a saved talk may carry, in half points, either way (a billion: far beyond
/// any score the interests give, and small enough that no sum of a schedule's talks overflows).
pub const MAX_HALF_POINTS: i64 = 1_000_000_000;

/// The largest calendar revision a saved talk may carry: iCalendar's SEQUENCE is a signed
/// 32-bit integer (RFC 5545, 3.3.8). A re-plan never raises a revision past it.
pub const MAX_SEQUENCE: u32 = i32::MAX as u32;

/// How a plan records the schedule it was read from: a path made absolute (so that the plan
/// still names it when used from another folder), a URL, standard input or the embedded
/// schedule as they are.
fn recorded_source(source: &str) -> String {
    if crate::fetch::is_url(source)
        || source == crate::schedule::EMBEDDED_NAME
        || source == "<stdin>"
    {
        return source.to_string();
    }
    std::path::absolute(source).map_or_else(|_| source.to_string(), |p| p.display().to_string())
}

/// The schedule a plan was made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRef {
    /// The conference name.
    pub name: String,
    /// [`schedule_hash`] of the schedule.
    pub hash: String,
    /// Where it was read from: a path or a URL (absent in plans saved before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The version string the export publishes, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// When a URL's text was downloaded (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    /// The conference's time zone (IANA name; absent in plans saved before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The conference days (absent in plans saved before they were kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<SavedDay>,
}

/// A conference day as the schedule had it, so that `--at "sat 11:05"` is read without it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedDay {
    /// 1-based position among the days.
    pub index: u32,
    /// The date of its morning.
    pub date: chrono::NaiveDate,
    /// Its start, local time.
    pub start: chrono::NaiveDateTime,
    /// Its end, local time.
    pub end: chrono::NaiveDateTime,
}

impl SavedDay {
    fn of(day: &crate::schedule::ConferenceDay) -> Self {
        SavedDay {
            index: day.index,
            date: day.date,
            start: day.start,
            end: day.end,
        }
    }

    fn to_day(&self) -> crate::schedule::ConferenceDay {
        crate::schedule::ConferenceDay {
            index: self.index,
            date: self.date,
            start: self.start,
            end: self.end,
        }
    }
}

/// A chosen session as it was when the plan was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedTalk {
    /// Session id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The conference day it is listed under (0 in plans saved before it was kept).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub day: u32,
    /// Local date, `YYYY-MM-DD`.
    pub date: chrono::NaiveDate,
    /// Local start, `HH:MM`.
    pub start: String,
    /// Length in minutes.
    pub minutes: u32,
    /// Room.
    pub room: String,
    /// Speakers.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Its score in the plan, in half points.
    pub half_points: i64,
    /// How many times this talk changed in the plan's calendar (iCalendar SEQUENCE).
    #[serde(default)]
    pub sequence: u32,
    /// Its page, video and chat, as the schedule gave them (left out when it gave none).
    #[serde(default, skip_serializing_if = "crate::schedule::Links::is_empty")]
    pub links: crate::schedule::Links,
}

impl SavedTalk {
    /// The saved form of a session.
    pub fn of(session: &crate::schedule::Session, half_points: i64, sequence: u32) -> Self {
        SavedTalk {
            id: session.id.clone(),
            title: session.title.clone(),
            day: session.day,
            date: session.date,
            start: session.start.format("%H:%M").to_string(),
            minutes: session.minutes,
            room: session.room.clone(),
            speakers: session.speakers.clone(),
            half_points,
            sequence,
            links: session.links.clone(),
        }
    }

    /// What is wrong with its first link that is not a clean web address (a hand edit), if any.
    fn bad_link(&self) -> Option<String> {
        self.links
            .labelled()
            .find(|(_, url)| crate::schedule::links::web_address(url).as_deref() != Some(*url))
            .map(|(label, _)| {
                format!("its {label} link is not a web address (http:// or https://)")
            })
    }

    /// Its local start time, when `start` is a time (checked on load).
    fn start_time(&self) -> Option<chrono::NaiveTime> {
        chrono::NaiveTime::parse_from_str(&self.start, "%H:%M").ok()
    }

    /// The talk as a session (for comparing with a new schedule, and for `now`/`next`).
    pub(crate) fn to_session(&self) -> Option<crate::schedule::Session> {
        Some(crate::schedule::Session {
            id: self.id.clone(),
            date: self.date,
            // 0 in an older plan: matching and comparing never look at it.
            day: self.day,
            start: self.start_time()?,
            minutes: self.minutes,
            room: self.room.clone(),
            kind: crate::schedule::Kind::Talk,
            title: self.title.clone(),
            subtitle: String::new(),
            speakers: self.speakers.clone(),
            track: None,
            topics: Vec::new(),
            abstract_text: String::new(),
            line: None,
            cancelled: false,
            links: self.links.clone(),
        })
    }
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
    /// The chosen sessions as they were when the plan was saved (parallel to `sessions`), so
    /// that `replan` can say what moved or left even when the old schedule is gone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub talks: Vec<SavedTalk>,
    /// Ids of every session that matched the interests (scored above zero) when the plan was
    /// saved, so that `replan` can name the talks that match now and did not then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matching: Vec<String>,
    /// The settings used, matched to the schedule ([`Settings::of_request`]).
    pub settings: Settings,
}

impl SavedPlan {
    /// The saved form of a plan.
    pub fn new(
        schedule: &Schedule,
        identity: &Identity,
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
                source: Some(recorded_source(&identity.source)),
                version: identity.version.clone(),
                fetched_at: identity
                    .fetched_at
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                time_zone: Some(schedule.conference.time_zone.clone()),
                days: schedule.days().iter().map(SavedDay::of).collect(),
            },
            sessions: plan
                .chosen
                .iter()
                .map(|&i| schedule.sessions[i].id.clone())
                .collect(),
            talks: plan
                .chosen
                .iter()
                .map(|&i| SavedTalk::of(&schedule.sessions[i], plan.scores[i].half_points, 0))
                .collect(),
            matching: schedule
                .sessions
                .iter()
                .zip(&plan.scores)
                .filter(|(s, sc)| sc.half_points > 0 && s.kind.is_plannable())
                .map(|(s, _)| s.id.clone())
                .collect(),
            settings: Settings::of_request(request),
        })
    }

    /// Keeps the agreed meetings of the settings it was planned with (`meet` in a profile) as
    /// meetings, not as the busy windows the request made of them, so that `compare` and
    /// `together` still hold everyone to them.
    pub(crate) fn keep_meetings(
        &mut self,
        schedule: &Schedule,
        meet: &[crate::prefs::settings::BusyWindow],
    ) -> anyhow::Result<()> {
        let windows = meet
            .iter()
            .map(|m| m.on(schedule))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let mut busy = Vec::new();
        for b in std::mem::take(&mut self.settings.busy) {
            if !windows.contains(&b.on(schedule)?) {
                busy.push(b);
            }
        }
        self.settings.busy = busy;
        self.settings.meet = windows
            .iter()
            .map(crate::prefs::settings::BusyWindow::of)
            .collect();
        Ok(())
    }

    /// The text of the file: JSON when `path` ends in `.json`, RON otherwise.
    pub(crate) fn to_text(&self, path: &Path) -> anyhow::Result<String> {
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
    pub(crate) fn save_with(
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
                bad_input(format!(
                    "{source}:{}:{}: not a valid saved plan: {e}; write one with `agenda plan … --save FILE`",
                    e.line(),
                    e.column()
                ))
            })?
        } else {
            crate::schedule::ron_format::ron_options().from_str(text).map_err(|e| {
                bad_input(format!(
                    "{source}:{}:{}: not a valid saved plan: {}; write one with `agenda plan … --save FILE`",
                    e.span.start.line, e.span.start.col, e.code
                ))
            })?
        };
        if plan.agenda_plan != VERSION {
            return Err(bad_input(format!(
                "{source}: saved plan format {} is not known to this agenda (it reads format {VERSION}); save the plan again",
                plan.agenda_plan
            )));
        }
        plan.check_ranges(source)?;
        Ok(plan)
    }

    /// Refuses numbers and times no agenda writes, naming the talk: a score beyond
    /// [`MAX_HALF_POINTS`] (sums of them could overflow), a calendar revision beyond
    /// [`MAX_SEQUENCE`] (the largest iCalendar allows), a start that is not `HH:MM`, a length
    /// over a day, a date out of the years a schedule may use, a day that is not one of the
    /// plan's days.
    fn check_ranges(&self, source: &str) -> anyhow::Result<()> {
        let refuse = |talk: &SavedTalk, what: String| {
            Err(bad_input(format!(
                "{source}: talk `{}`: {what}; agenda never saves that (was the plan edited by hand?): plan again and save it with `agenda plan … --save`",
                crate::output::clean(&talk.id)
            )))
        };
        let years = 1900..=9999;
        for talk in &self.talks {
            if talk.half_points.unsigned_abs() > MAX_HALF_POINTS.unsigned_abs() {
                return refuse(
                    talk,
                    format!(
                        "half_points {} is out of range (at most {MAX_HALF_POINTS} either way)",
                        talk.half_points
                    ),
                );
            }
            if talk.sequence > MAX_SEQUENCE {
                return refuse(
                    talk,
                    format!(
                        "sequence {} is out of range (at most {MAX_SEQUENCE}, the largest iCalendar allows)",
                        talk.sequence
                    ),
                );
            }
            if let Some(what) = talk.bad_link() {
                return refuse(talk, what);
            }
            if talk.start_time().is_none() {
                return refuse(talk, "start is not a time like `10:30`".to_string());
            }
            if i64::from(talk.minutes) > crate::schedule::validate::MAX_MINUTES {
                return refuse(
                    talk,
                    format!(
                        "minutes {} is more than a day ({})",
                        talk.minutes,
                        crate::schedule::validate::MAX_MINUTES
                    ),
                );
            }
            if !years.contains(&chrono::Datelike::year(&talk.date)) {
                return refuse(
                    talk,
                    format!("date {} is not between the years 1900 and 9999", talk.date),
                );
            }
            if talk.day != 0
                && !self.schedule.days.is_empty()
                && !self.schedule.days.iter().any(|d| d.index == talk.day)
            {
                return refuse(
                    talk,
                    format!("day {} is not one of the plan's days", talk.day),
                );
            }
        }
        for day in &self.schedule.days {
            let within = |t: &chrono::NaiveDateTime| years.contains(&chrono::Datelike::year(t));
            if !years.contains(&chrono::Datelike::year(&day.date))
                || !within(&day.start)
                || !within(&day.end)
                || day.end < day.start
            {
                return Err(bad_input(format!(
                    "{source}: schedule day {} ({} to {}) is not a day between the years 1900 and 9999 that ends after it starts; plan again and save it with `agenda plan … --save`",
                    day.index, day.start, day.end
                )));
            }
        }
        if let Some(zone) = &self.schedule.time_zone
            && zone.parse::<chrono_tz::Tz>().is_err()
        {
            return Err(bad_input(format!(
                "{source}: schedule time_zone `{}` is not an IANA time zone name such as Europe/Brussels; plan again and save it with `agenda plan … --save`",
                crate::output::clean(zone)
            )));
        }
        Ok(())
    }

    /// What `now` and `next` show, from the plan alone: the conference's zone and days and the
    /// chosen talks in time order. A plan saved before these were kept is refused with how to
    /// update it from its schedule.
    pub(crate) fn pocket(&self, source: &str) -> anyhow::Result<Pocket> {
        let talks: Vec<crate::schedule::Session> = self
            .talks
            .iter()
            .filter_map(SavedTalk::to_session)
            .collect();
        let zone = self
            .schedule
            .time_zone
            .as_deref()
            .map(str::parse::<chrono_tz::Tz>);
        let (Some(Ok(time_zone)), false, true) = (
            zone,
            self.schedule.days.is_empty(),
            talks.len() == self.sessions.len() && self.talks.iter().all(|t| t.day != 0),
        ) else {
            return Err(bad_input(format!(
                "{source} was saved by an older agenda: it does not carry its talks' times and the conference's days; update it once from its schedule with `--schedule FILE|URL`{}",
                match &self.schedule.source {
                    Some(s) => format!(
                        " (it was made from {}), or `--refresh` to read that again",
                        crate::output::clean(s)
                    ),
                    None => String::new(),
                }
            )));
        };
        let mut talks = talks;
        talks.sort_by(|a, b| (a.start_at(), &a.id).cmp(&(b.start_at(), &b.id)));
        Ok(Pocket {
            time_zone,
            days: self.schedule.days.iter().map(SavedDay::to_day).collect(),
            talks,
        })
    }

    /// Whether `text` claims to be a saved plan (it has the `agenda_plan` field).
    pub fn looks_like(text: &str) -> bool {
        text.contains("agenda_plan")
    }

    /// Reads a saved plan from a file.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        Self::load_within(path, crate::input::ReadLimit::default())
    }

    /// [`SavedPlan::load`] within `limit`.
    pub fn load_within(path: &Path, limit: crate::input::ReadLimit) -> anyhow::Result<Self> {
        let source = path.display().to_string();
        let text = crate::input::read_text_within(path, "saved plan", limit)?;
        Self::parse(&text, &source)
    }

    /// Whether the plan was made for another version of this conference: the same conference
    /// name, another content hash.
    pub(crate) fn is_older_version_of(&self, schedule: &Schedule) -> anyhow::Result<bool> {
        Ok(self.schedule.name == schedule.conference.name
            && self.schedule.hash != schedule_hash(schedule)?)
    }

    /// The chosen sessions as schedule indices, after checking that the plan was made for
    /// this schedule, that every session exists, and that together they are an agenda its own
    /// settings allow (no overlaps, the switch limit, busy windows, must-see and avoid; see
    /// [`crate::plan::verify::check_agenda`]).
    pub fn resolve(&self, schedule: &Schedule, source: &str) -> anyhow::Result<Vec<usize>> {
        self.resolve_within(schedule, source, crate::input::ReadLimit::default())
    }

    /// [`SavedPlan::resolve`], reading any file its settings name within `limit`.
    pub fn resolve_within(
        &self,
        schedule: &Schedule,
        source: &str,
        limit: crate::input::ReadLimit,
    ) -> anyhow::Result<Vec<usize>> {
        let hash = schedule_hash(schedule)?;
        if self.schedule.hash != hash {
            return Err(bad_input(format!(
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
                    bad_input(format!(
                        "{source}: session `{id}` is not in the schedule; save the plan again"
                    ))
                })?;
            chosen.push(i);
        }
        chosen.sort_by_key(|&i| (schedule.sessions[i].start_at(), i));
        chosen.dedup();
        // Re-checked on load: a plan edited by hand, or saved by a buggy or older agenda, is
        // refused with the reason instead of being shown inconsistently.
        let (request, _) = self
            .settings
            .to_request_within(schedule, limit)
            .map_err(|e| e.context(source.to_string()))?;
        let failures = crate::plan::verify::check_agenda(schedule, &request, &chosen);
        if !failures.is_empty() {
            return Err(bad_input(format!(
                "{source} is not a valid agenda for {}: {}; plan again and save it with `agenda plan … --save FILE`",
                self.person,
                failures.join("; ")
            )));
        }
        Ok(chosen)
    }
}

/// A saved plan as `now` and `next` read it (see [`SavedPlan::pocket`]).
#[derive(Debug, Clone)]
pub(crate) struct Pocket {
    /// The conference's time zone.
    pub time_zone: chrono_tz::Tz,
    /// The conference days.
    pub days: Vec<crate::schedule::ConferenceDay>,
    /// The chosen talks, in time order.
    pub talks: Vec<crate::schedule::Session>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_with_an_unknown_version_is_refused() {
        let text = r#"(agenda_plan: 9, person: "x", schedule: (name: "c", hash: "h"), sessions: [], settings: (likes: [], dislikes: [], speakers: [], must: [], avoid: [], max_switches: None, switch_minutes: 0, busy: [], gaps: false))"#;
        let err = SavedPlan::parse(text, "p.ron").unwrap_err();
        assert!(format!("{err}").contains("format 9"), "{err}");
    }
}
