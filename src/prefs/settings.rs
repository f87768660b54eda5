//! Settings: what a person asks of a plan, typed and checked, before any schedule is read.
//!
//! A profile ([`super::profile`]) and a saved plan's settings ([`crate::saved`]) are one
//! [`Settings`] as written (serde, in the shape [`form`] describes), and the flags of `plan`
//! make one too; [`Settings::over`] lays the flags
//! over a profile (the one place "flags over profile" is decided), and
//! [`Settings::to_request`] turns the result into a [`Request`] against a schedule (topics,
//! speakers, tracks, talks and busy days are matched there). Everything that can be checked
//! without the schedule — weights, the switch limit, the busy windows' clock times, walking
//! times, the favourites weight — is checked when the settings are made, so a typo is reported
//! before a schedule is loaded or a solver runs.
//!
//! A field left `None` (or empty) was not said: the layer below, or the default, decides.

use super::interests::{self, Weighted};
use super::venue::{Venue, Walk};
use super::{Busy, Limits, Request, favourites, ratings, speakers, tracks};
use crate::error::{Error, bad_input};
use crate::schedule::Schedule;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub mod form;

/// Points a starred talk (a favourite or `--star`) adds to its score unless
/// `--favourites-weight` says otherwise: the most a weight can be, so a star outweighs what
/// interests alone give a talk (a topic liked at 3 is 3 points), and the optimiser chooses
/// among stars that clash.
pub const DEFAULT_STAR_POINTS: i64 = interests::MAX_WEIGHT;

/// The room-switch limit as said: a number per day, or none at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwitchLimit {
    /// At most this many room switches per conference day.
    AtMost(u32),
    /// No limit.
    Unlimited,
}

impl SwitchLimit {
    /// Parses `--max-switches`: a whole number, or `none` (`unlimited`) for no limit.
    pub fn parse(text: &str) -> anyhow::Result<SwitchLimit> {
        if text.eq_ignore_ascii_case("none") || text.eq_ignore_ascii_case("unlimited") {
            return Ok(SwitchLimit::Unlimited);
        }
        if let Ok(n) = text.trim().parse::<u128>() {
            return u32::try_from(n).map(SwitchLimit::AtMost).map_err(|_| {
                bad_input(format!(
                    "--max-switches `{text}` is too large (at most {}); for no limit say `none`",
                    u32::MAX
                ))
            });
        }
        Err(bad_input(format!(
            "--max-switches `{text}` is not a whole number ≥ 0 or `none`"
        )))
    }

    /// The limit as the solver takes it (`None`: no limit).
    pub(crate) fn per_day(self) -> Option<u32> {
        match self {
            SwitchLimit::AtMost(k) => Some(k),
            SwitchLimit::Unlimited => None,
        }
    }

    /// From the solver's form.
    pub(crate) fn from_per_day(limit: Option<u32>) -> SwitchLimit {
        limit.map_or(SwitchLimit::Unlimited, SwitchLimit::AtMost)
    }
}

impl std::str::FromStr for SwitchLimit {
    type Err = anyhow::Error;
    fn from_str(text: &str) -> anyhow::Result<SwitchLimit> {
        SwitchLimit::parse(text)
    }
}

/// `3`, or `none` for no limit: the form `--max-switches` takes.
impl std::fmt::Display for SwitchLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SwitchLimit::AtMost(k) => write!(f, "{k}"),
            SwitchLimit::Unlimited => f.write_str("none"),
        }
    }
}

/// A busy window as written, `DAY HH:MM-HH:MM`, with its clock times checked; its day is
/// matched to one of the schedule's conference days by [`BusyWindow::on`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyWindow {
    /// The day as given: a conference day's number or the date of its morning.
    pub day: String,
    /// The range as given, for messages.
    pub range: String,
    /// From (clock time).
    pub from: NaiveTime,
    /// Until (clock time; before `from` when the window crosses midnight).
    pub until: NaiveTime,
}

impl BusyWindow {
    /// Parses a day and a range `HH:MM-HH:MM`. A window may cross midnight (`23:00-01:00`) but
    /// not be empty nor last more than 12 hours (`15:00-14:00` is a slip, not a night).
    pub fn parse(day: &str, range: &str) -> anyhow::Result<BusyWindow> {
        // Which conference day it names needs the schedule; whether it can name one does not.
        let day_text = day.trim();
        if crate::schedule::when::day_form(day_text).is_none() {
            return Err(bad_input(format!(
                "busy window day `{day_text}` is not a day; name one by {}, e.g. `--busy 1 14:00-15:30`",
                crate::schedule::when::day_forms(&[])
            )));
        }
        let bad = || {
            bad_input(format!(
                "busy window `{range}` is not HH:MM-HH:MM, e.g. `--busy 1 14:00-15:30`"
            ))
        };
        let (from, until) = range.split_once('-').ok_or_else(bad)?;
        let parse = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad());
        let (from, until) = (parse(from)?, parse(until)?);
        let length = (until - from).num_minutes().rem_euclid(24 * 60);
        if length == 0 || length > 12 * 60 {
            return Err(bad_input(format!(
                "busy window `{range}` on day {} ends before it starts; write it as HH:MM-HH:MM (a window across midnight such as 23:00-01:00 is fine, up to 12 hours)",
                day.trim()
            )));
        }
        Ok(BusyWindow {
            day: day.trim().to_string(),
            range: range.to_string(),
            from,
            until,
        })
    }

    /// Parses the one-string form of profiles and saved plans, `"2 14:00-15:00"`.
    pub(crate) fn parse_line(line: &str) -> anyhow::Result<BusyWindow> {
        // The range is the last word: the day may be two (`day 2 14:00-15:00`).
        let (day, range) = line.trim().rsplit_once(' ').unwrap_or((line.trim(), ""));
        Self::parse(day, range.trim())
    }

    /// The window as written for a window on a conference day.
    pub fn of(busy: &Busy) -> BusyWindow {
        BusyWindow {
            day: busy.day.to_string(),
            range: format!(
                "{}-{}",
                busy.from.format("%H:%M"),
                busy.until.format("%H:%M")
            ),
            from: busy.from.time(),
            until: busy.until.time(),
        }
    }

    /// The window on its conference day of `schedule`.
    pub fn on(&self, schedule: &Schedule) -> anyhow::Result<Busy> {
        let day = schedule.find_day(&self.day)?;
        Busy::on(&day, self.from, self.until).ok_or_else(|| {
            bad_input(format!(
                "busy window `{}` on day {} ends before it starts; write it as HH:MM-HH:MM",
                self.range, day.index
            ))
        })
    }
}

/// Parses the one-string form of profiles and saved plans, `"2 14:00-15:00"`.
impl std::str::FromStr for BusyWindow {
    type Err = anyhow::Error;
    fn from_str(line: &str) -> anyhow::Result<BusyWindow> {
        BusyWindow::parse_line(line)
    }
}

/// `1 23:00-01:00`: the window as written, the form profiles, saved plans and plan JSON keep.
impl std::fmt::Display for BusyWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.day, self.range)
    }
}

/// Where walking times come from besides `--walk`: written as the file's path (a profile,
/// `--venue`) or as the walking times whole (a saved plan keeps them so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VenueSource {
    /// A venue file (RON), read when the request is made.
    File(PathBuf),
    /// Walking times given whole.
    Given(Venue),
}

/// A starred talk: an id, a whole title or a fragment of one title, with the points it adds
/// when it says them (`"7068=3"`); without them it adds `favourites_weight` (the `--star`
/// flag, a profile's `"7068"`). A saved plan writes every star matched, with its points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Star {
    /// The talk as written: an id or a title.
    pub talk: String,
    /// Its own points (1 to 10), over `favourites_weight`.
    pub weight: Option<i64>,
}

impl Star {
    /// A star without points of its own (`--star ID|TITLE`).
    pub fn talk(talk: &str) -> Star {
        Star {
            talk: talk.trim().to_string(),
            weight: None,
        }
    }
}

/// Parses `ID|TITLE` or `ID|TITLE=W`: a last `=` followed by a whole number gives the points,
/// from 1 to 10; anything else after `=` is part of the title.
impl std::str::FromStr for Star {
    type Err = anyhow::Error;
    fn from_str(text: &str) -> anyhow::Result<Star> {
        let text = text.trim();
        let Some((talk, w)) = text
            .rsplit_once('=')
            .and_then(|(t, w)| Some((t, w.trim().parse::<i64>().ok()?)))
        else {
            return Ok(Star::talk(text));
        };
        if !(1..=interests::MAX_WEIGHT).contains(&w) {
            return Err(bad_input(format!(
                "the star `{text}`: points go from 1 to {}",
                interests::MAX_WEIGHT
            )));
        }
        Ok(Star {
            talk: talk.trim().to_string(),
            weight: Some(w),
        })
    }
}

/// `7068=3`, or `7068` without points of its own.
impl std::fmt::Display for Star {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.weight {
            Some(w) => write!(f, "{}={w}", self.talk),
            None => f.write_str(&self.talk),
        }
    }
}

/// What a favourite or a star without points of its own is worth (`--favourites-weight`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StarWeight {
    /// This many points (1 to 10).
    Points(i64),
    /// Must-see.
    Must,
}

/// Parses `--favourites-weight`: a whole number of points or `must`.
impl std::str::FromStr for StarWeight {
    type Err = anyhow::Error;
    fn from_str(text: &str) -> anyhow::Result<StarWeight> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("must") {
            return Ok(StarWeight::Must);
        }
        text.parse().map(StarWeight::Points).map_err(|_| {
            bad_input(format!(
                "--favourites-weight `{text}` is neither a whole number of points (1 to {}) nor `must`",
                interests::MAX_WEIGHT
            ))
        })
    }
}

/// `3`, or `must`.
impl std::fmt::Display for StarWeight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StarWeight::Points(w) => write!(f, "{w}"),
            StarWeight::Must => f.write_str("must"),
        }
    }
}

/// What a person asks of a plan (see the module docs). `None` and empty lists: not said.
///
/// Profiles, saved plans and `plan --format json`'s neighbours all write this one shape (serde,
/// see [`form`] and docs/reference/file-formats.md): every value in the form its flag takes
/// (`"bpf=3"`, `"2 14:00-15:00"`, `max_switches: 2` or `"none"`, `walk: "2,6"`), fields not
/// said left out. A saved plan's settings are [`Settings::of_request`]: every limit said, the
/// files already read (stars with their points, the venue's walking times whole). Files
/// written before this shape (`unlimited_switches`, a saved plan's `favourites` list and
/// `walking`, `Some(…)` around values) are read as they were meant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "form::Written")]
pub struct Settings {
    /// The person's name (a profile's; a saved plan names its person outside the settings).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "form::bare")]
    pub name: Option<String>,
    /// Topics or words to seek.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "form::strings"
    )]
    pub likes: Vec<Weighted>,
    /// Topics or words to shun.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "form::strings"
    )]
    pub dislikes: Vec<Weighted>,
    /// Speakers as written (a whole name or a word of one), matched to the schedule's later.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "form::strings"
    )]
    pub speakers: Vec<Weighted>,
    /// Tracks as written, `Name=w`: which commas separate tracks and which belong to a name
    /// ("HPC, Big Data & Data Science") only the schedule can say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tracks: Vec<String>,
    /// Talks rated directly, `ID=W` or `TITLE=W` (W from -10 to 10), matched to the schedule's
    /// sessions later.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "form::strings"
    )]
    pub rate: Vec<Weighted>,
    /// A ratings CSV file.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "form::bare")]
    pub ratings: Option<PathBuf>,
    /// A favourites file (iCalendar or one id or title per line).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "form::bare")]
    pub favourites: Option<PathBuf>,
    /// What a favourite or a star without points is worth ([`DEFAULT_STAR_POINTS`] when not
    /// said).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "form::bare")]
    pub favourites_weight: Option<StarWeight>,
    /// Starred talks (`--star`; a saved plan's favourites and stars, matched, with points).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "form::strings"
    )]
    pub stars: Vec<Star>,
    /// Must-see sessions: ids or titles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub must: Vec<String>,
    /// Sessions to avoid: ids or titles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
    /// Room switches per day.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "form::bare")]
    pub max_switches: Option<SwitchLimit>,
    /// Minutes needed to change rooms.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "form::bare")]
    pub switch_minutes: Option<u32>,
    /// `--walk`: minutes within and between buildings, over the venue's.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "form::bare")]
    pub walk: Option<Walk>,
    /// Buildings and walking times: a venue file, or the times whole.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "form::bare")]
    pub venue: Option<VenueSource>,
    /// Windows to keep free.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "form::strings"
    )]
    pub busy: Vec<BusyWindow>,
    /// Meetings agreed with friends: kept free like busy windows, and by everyone `compare`
    /// and `together` name with this person (see [`crate::friends::agreed`]).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "form::strings"
    )]
    pub meet: Vec<BusyWindow>,
    /// Leave free time free.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "form::bare")]
    pub gaps: Option<bool>,
}
/// `a` unless it is empty, else `b`.
fn pick<T: Clone>(a: &[T], b: &[T]) -> Vec<T> {
    if a.is_empty() { b.to_vec() } else { a.to_vec() }
}

impl Settings {
    /// Likes as written on the command line or in a profile (`bpf=3,rust`).
    pub(crate) fn parse_likes(items: &[String]) -> anyhow::Result<Vec<Weighted>> {
        interests::parse_weighted(items, interests::DEFAULT_WEIGHT, true, "like")
    }

    /// Dislikes as written.
    pub(crate) fn parse_dislikes(items: &[String]) -> anyhow::Result<Vec<Weighted>> {
        interests::parse_weighted(items, interests::DEFAULT_WEIGHT, true, "dislike")
    }

    /// Speakers as written.
    pub(crate) fn parse_speakers(items: &[String]) -> anyhow::Result<Vec<Weighted>> {
        interests::parse_weighted(items, interests::DEFAULT_SPEAKER_WEIGHT, false, "speaker")
    }

    /// Ratings as written (`ID=W` or `TITLE=W`, W from -10 to 10).
    pub(crate) fn parse_rates(items: &[String]) -> anyhow::Result<Vec<Weighted>> {
        items.iter().map(|r| ratings::parse_rate(r)).collect()
    }

    /// These settings (the flags) over `base` (a profile): a list or value said here replaces
    /// the base's; `--gaps` adds to it. `--switch-minutes` here with walking times anywhere is
    /// refused: the walking times would replace it.
    pub fn over(&self, base: &Settings) -> anyhow::Result<Settings> {
        let merged = Settings {
            name: self.name.clone().or_else(|| base.name.clone()),
            likes: pick(&self.likes, &base.likes),
            dislikes: pick(&self.dislikes, &base.dislikes),
            speakers: pick(&self.speakers, &base.speakers),
            tracks: pick(&self.tracks, &base.tracks),
            rate: pick(&self.rate, &base.rate),
            ratings: self.ratings.clone().or_else(|| base.ratings.clone()),
            favourites: self.favourites.clone().or_else(|| base.favourites.clone()),
            favourites_weight: self.favourites_weight.or(base.favourites_weight),
            stars: pick(&self.stars, &base.stars),
            must: pick(&self.must, &base.must),
            avoid: pick(&self.avoid, &base.avoid),
            max_switches: self.max_switches.or(base.max_switches),
            switch_minutes: self.switch_minutes.or(base.switch_minutes),
            walk: self.walk.or(base.walk),
            venue: self.venue.clone().or_else(|| base.venue.clone()),
            busy: pick(&self.busy, &base.busy),
            meet: pick(&self.meet, &base.meet),
            gaps: match (self.gaps, base.gaps) {
                (Some(true), _) => Some(true),
                (a, b) => b.or(a),
            },
        };
        if self.switch_minutes.is_some() && (merged.walk.is_some() || merged.venue.is_some()) {
            return Err(bad_input(
                "--switch-minutes is the same time for every change of room; with --walk or --venue the walking times replace it, so give one or the other",
            ));
        }
        merged.check()?;
        Ok(merged)
    }

    /// The checks that need no schedule and span fields.
    fn check(&self) -> anyhow::Result<()> {
        if let Some(StarWeight::Points(w)) = self.favourites_weight
            && !(1..=interests::MAX_WEIGHT).contains(&w)
        {
            return Err(bad_input(format!(
                "--favourites-weight {w}: weights go from 1 to {}",
                interests::MAX_WEIGHT
            )));
        }
        Ok(())
    }

    /// The settings that describe a request whole (as a saved plan keeps them): every list
    /// matched to the schedule, every limit said.
    pub fn of_request(request: &Request) -> Settings {
        let i = &request.interests;
        let l = &request.limits;
        Settings {
            name: None,
            likes: i.likes.clone(),
            dislikes: i.dislikes.clone(),
            speakers: i.speakers.clone(),
            tracks: i.tracks.iter().map(ToString::to_string).collect(),
            rate: i.ratings.clone(),
            ratings: None,
            favourites: None,
            favourites_weight: None,
            stars: i
                .favourites
                .iter()
                .map(|f| Star {
                    talk: f.term.clone(),
                    weight: Some(f.weight),
                })
                .collect(),
            must: i.must.clone(),
            avoid: i.avoid.clone(),
            max_switches: Some(SwitchLimit::from_per_day(l.max_switches)),
            switch_minutes: Some(l.switch_minutes),
            walk: None,
            venue: l.walking.clone().map(VenueSource::Given),
            busy: l.busy.iter().map(BusyWindow::of).collect(),
            meet: Vec::new(),
            gaps: Some(l.gaps),
        }
    }

    /// The request these settings describe on `schedule`, with notes for the user (favourites
    /// that matched no talk). Unsaid limits take their defaults.
    pub fn to_request(&self, schedule: &Schedule) -> anyhow::Result<(Request, Vec<String>)> {
        self.to_request_within(schedule, crate::input::ReadLimit::default())
    }

    /// [`Settings::to_request`], reading the files it names within `limit`.
    pub fn to_request_within(
        &self,
        schedule: &Schedule,
        limit: crate::input::ReadLimit,
    ) -> anyhow::Result<(Request, Vec<String>)> {
        let mut interests = self.stated_interests(schedule, limit)?;
        let mut notes = self.add_favourites(schedule, &mut interests, limit)?;
        for i in super::cancelled_musts(schedule, &interests) {
            let s = &schedule.sessions[i];
            notes.push(format!(
                "note: the must-see `{}` [{}] is cancelled by the organiser; it is left out of the plan",
                s.title, s.id
            ));
        }
        let limits = self.limits(schedule, limit)?;
        check_interests(&interests)?;
        Ok((Request { interests, limits }, notes))
    }

    /// The interests as said: likes, dislikes, speakers, tracks, must, avoid and ratings (the
    /// `--ratings` file merged with the `--rate` flags), each resolved on `schedule`.
    fn stated_interests(
        &self,
        schedule: &Schedule,
        limit: crate::input::ReadLimit,
    ) -> anyhow::Result<interests::Interests> {
        let mut interests = interests::Interests {
            likes: self.likes.clone(),
            dislikes: self.dislikes.clone(),
            speakers: speakers::resolve(schedule, self.speakers.clone())?,
            tracks: tracks::resolve(schedule, &self.tracks)?,
            must: self.must.clone(),
            avoid: self.avoid.clone(),
            ..Default::default()
        };
        let from_file = match &self.ratings {
            Some(path) => ratings::read_file(schedule, path, limit)?,
            None => Vec::new(),
        };
        let flags = ratings::resolve_rates(schedule, &self.rate)?;
        interests.ratings = ratings::merge(from_file, flags);
        Ok(interests)
    }

    /// Adds the favourites (the `--favourites` file) and the stars, in that order: each worth
    /// its own points when it says them, else `--favourites-weight` points
    /// ([`DEFAULT_STAR_POINTS`] when not said) or must-see with `--favourites-weight must`; a
    /// talk already a must-see, avoided or starred is not starred again. Returns a note for the
    /// favourites that match no single talk.
    fn add_favourites(
        &self,
        schedule: &Schedule,
        interests: &mut interests::Interests,
        limit: crate::input::ReadLimit,
    ) -> anyhow::Result<Vec<String>> {
        let mut notes = Vec::new();
        if self.favourites_weight.is_some()
            && self.favourites.is_none()
            && self.stars.iter().all(|s| s.weight.is_some())
        {
            return Err(bad_input(
                "--favourites-weight needs --favourites FILE or --star ID|TITLE",
            ));
        }
        let mut starred: Vec<(usize, Option<i64>)> = Vec::new();
        if let Some(path) = &self.favourites {
            let found = favourites::read_file(schedule, path, limit)?;
            if !found.unmatched.is_empty() {
                notes.push(format!(
                    "note: {} of the favourites in {} match no single talk and are left out:\n  {}",
                    found.unmatched.len(),
                    path.display(),
                    found.unmatched.join("\n  ")
                ));
            }
            starred.extend(found.matched.into_iter().map(|i| (i, None)));
        }
        for star in &self.stars {
            let flag = if star.weight.is_some() {
                "star"
            } else {
                "--star"
            };
            let index = interests::resolve_session(schedule, &star.talk, flag)?;
            starred.push((index, star.weight));
        }
        let default = match self.favourites_weight {
            Some(StarWeight::Points(w)) => StarWeight::Points(w),
            Some(StarWeight::Must) => StarWeight::Must,
            None => StarWeight::Points(DEFAULT_STAR_POINTS),
        };
        for (i, own) in starred {
            let id = schedule.sessions[i].id.clone();
            if interests.avoid.contains(&id)
                || interests.must.contains(&id)
                || interests.favourites.iter().any(|f| f.term == id)
            {
                continue;
            }
            match own.map_or(default, StarWeight::Points) {
                StarWeight::Must => interests.must.push(id),
                StarWeight::Points(weight) => {
                    interests.favourites.push(Weighted { term: id, weight });
                }
            }
        }
        Ok(notes)
    }

    /// The limits on `schedule`: switches, switch minutes, busy windows, gaps and walking
    /// times (the venue file or saved venue, with `--walk` over it, checked against the rooms).
    fn limits(
        &self,
        schedule: &Schedule,
        limit: crate::input::ReadLimit,
    ) -> anyhow::Result<Limits> {
        let mut busy = self
            .busy
            .iter()
            .map(|b| b.on(schedule))
            .collect::<anyhow::Result<Vec<_>>>()?;
        // An agreed meeting is kept free as a busy window is.
        for m in &self.meet {
            let window = m
                .on(schedule)
                .map_err(|e| e.context(format!("meeting `{m}`")))?;
            if !busy.contains(&window) {
                busy.push(window);
            }
        }
        let mut walking = match &self.venue {
            Some(VenueSource::File(path)) => Some(super::venue::read_file(path, limit)?),
            Some(VenueSource::Given(v)) => Some(v.clone()),
            None => None,
        };
        if let Some(w) = &self.walk {
            let v = walking.get_or_insert_with(Default::default);
            v.within = w.within;
            v.between = w.between;
        }
        if let Some(v) = &walking {
            v.walking(&schedule.conference.rooms)?;
        }
        Ok(Limits {
            max_switches: self
                .max_switches
                .map_or(Some(super::DEFAULT_MAX_SWITCHES), SwitchLimit::per_day),
            switch_minutes: self.switch_minutes.unwrap_or_default(),
            busy,
            gaps: self.gaps.unwrap_or(false),
            walking,
        })
    }
}

/// Refuses interests that say nothing to score, or a topic both liked and disliked.
fn check_interests(interests: &interests::Interests) -> anyhow::Result<()> {
    if interests.likes.is_empty()
        && interests.speakers.is_empty()
        && interests.must.is_empty()
        && interests.tracks.is_empty()
        && interests.ratings.is_empty()
        && interests.favourites.is_empty()
    {
        return Err(bad_input(
            "say what you care about: --likes TOPIC[=WEIGHT],… (see `agenda topics`), --tracks, --speakers, --rate, --ratings, --favourites, --must, or --profile NAME",
        ));
    }
    if let Some(both) = interests
        .likes
        .iter()
        .find(|l| interests.dislikes.iter().any(|d| d.term == l.term))
    {
        return Err(Error::Contradiction(format!(
            "`{}` is both liked and disliked; keep it in one of --likes and --dislikes",
            both.term
        ))
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_switch_limit_is_a_number_or_none() {
        assert_eq!(SwitchLimit::parse("2").unwrap(), SwitchLimit::AtMost(2));
        assert_eq!(SwitchLimit::parse("None").unwrap(), SwitchLimit::Unlimited);
        assert!(SwitchLimit::parse("-1").is_err());
        assert!(SwitchLimit::parse("99999999999").is_err());
    }

    #[test]
    fn a_busy_window_may_cross_midnight_but_not_last_most_of_a_day() {
        let w = BusyWindow::parse("1", "23:00-01:00").unwrap();
        assert_eq!(
            (w.from.to_string(), w.until.to_string()),
            ("23:00:00".into(), "01:00:00".into())
        );
        let err = BusyWindow::parse("1", "15:00-14:00").unwrap_err();
        assert!(
            format!("{err}").contains("on day 1 ends before it starts"),
            "{err}"
        );
        assert!(BusyWindow::parse("1", "14:00-14:00").is_err());
        assert!(BusyWindow::parse("1", "14:00").is_err());
        let err = BusyWindow::parse("fri day", "14:00-15:00").unwrap_err();
        assert!(
            format!("{err}").contains("busy window day `fri day`"),
            "{err}"
        );
        for day in ["2025-09-30", "friday", "fri", "day 2"] {
            assert!(BusyWindow::parse(day, "14:00-15:00").is_ok(), "{day}");
        }
        // The one-string form of profiles and saved plans reads a day of two words.
        assert_eq!(
            BusyWindow::parse_line("day 2 14:00-15:00").unwrap().day,
            "day 2"
        );
    }

    #[test]
    fn flags_replace_the_profiles_lists_and_limits() {
        let profile = Settings {
            likes: Settings::parse_likes(&["bpf=3".into()]).unwrap(),
            max_switches: Some(SwitchLimit::AtMost(1)),
            switch_minutes: Some(5),
            gaps: Some(true),
            ..Default::default()
        };
        let flags = Settings {
            likes: Settings::parse_likes(&["rust".into()]).unwrap(),
            max_switches: Some(SwitchLimit::Unlimited),
            ..Default::default()
        };
        let merged = flags.over(&profile).unwrap();
        assert_eq!(merged.likes, flags.likes);
        assert_eq!(merged.max_switches, Some(SwitchLimit::Unlimited));
        assert_eq!(merged.switch_minutes, Some(5));
        assert_eq!(merged.gaps, Some(true));
    }

    #[test]
    fn switch_minutes_on_the_command_line_refuse_walking_times_of_the_profile() {
        let profile = Settings {
            walk: Some("2,6".parse().unwrap()),
            ..Default::default()
        };
        let flags = Settings {
            switch_minutes: Some(3),
            ..Default::default()
        };
        let err = flags.over(&profile).unwrap_err();
        assert!(format!("{err}").contains("give one or the other"), "{err}");
    }
}
