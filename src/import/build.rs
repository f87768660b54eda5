//! What the pretalx/frab readers share: the raw event both formats are read into, and the
//! rules that turn raw events into a [`Schedule`] (dates past midnight, durations, kinds,
//! topics, unique ids, the time zone) with every doubtful thing reported as a warning.

mod at_once;

use super::html;
pub use super::links::RawLink;
use super::vocabulary::Vocabulary;
use crate::schedule::{
    Conference, ConferenceDay, Kind, Problem, Schedule, Session, Severity, validate,
};
use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, Timelike,
};
use chrono_tz::Tz;
use std::collections::{BTreeMap, BTreeSet};

/// The conference header as found in an export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawConference {
    /// `title`.
    pub title: String,
    /// `acronym`, used when there is no title.
    pub acronym: String,
    /// `time_zone_name`, when given.
    pub time_zone: Option<String>,
    /// `venue` (FOSDEM), when given.
    pub venue: String,
    /// `city` (Pentabarf, frab), when given: names the time zone when no zone is given.
    pub city: String,
    /// `base_url`, when given.
    pub url: Option<String>,
    /// Room names in the order their containers appear, even rooms without events.
    pub rooms: Vec<String>,
    /// The export's days (`<day>` elements, `days[]`), in file order.
    pub days: Vec<RawDay>,
}

/// One day as listed in an export: `<day index date start end>` or `days[]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDay {
    /// `date`, the date of its morning.
    pub date: Option<String>,
    /// `start` / `day_start`: an RFC 3339 date-time or `HH:MM`.
    pub start: Option<String>,
    /// `end` / `day_end`: an RFC 3339 date-time or `HH:MM`.
    pub end: Option<String>,
}

/// One event as found in an export, every field still text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawEvent {
    /// The `id` attribute or field.
    pub id: Option<String>,
    /// The `guid`.
    pub guid: Option<String>,
    /// The event's own `date`: an RFC 3339 date-time (pretalx, frab) or a plain date.
    pub date: Option<String>,
    /// The position (0-based) in [`RawConference::days`] of the day it is listed under.
    pub day: Option<usize>,
    /// The enclosing day's date.
    pub day_date: Option<String>,
    /// The enclosing day's start (RFC 3339 date-time or `HH:MM`), for events past midnight.
    pub day_start: Option<String>,
    /// Local start, `HH:MM`.
    pub start: Option<String>,
    /// Length, `HH:MM`, `HH:MM:SS`, `D:HH:MM:SS` or minutes.
    pub duration: Option<String>,
    /// Room name.
    pub room: String,
    /// Title.
    pub title: String,
    /// Subtitle (frab and Pentabarf XML, frab and pretalx JSON, schedule2), empty when not
    /// given.
    pub subtitle: String,
    /// Track name, when given.
    pub track: Option<String>,
    /// Event type (`lecture`, `Talk`, `lightningtalk`, …), when given.
    pub kind: Option<String>,
    /// Speakers' public names.
    pub persons: Vec<String>,
    /// Abstract, possibly HTML.
    pub abstract_text: String,
    /// Longer description, possibly HTML.
    pub description: String,
    /// Line of the event in its file, when known.
    pub line: Option<usize>,
    /// Its status or state field (`CONFIRMED`, `CANCELED`, …), when the export has one: see
    /// [`crate::schedule::cancelled::status_says_cancelled`].
    pub status: Option<String>,
    /// The talk's page (`url`, iCalendar `URL`), when given.
    pub url: Option<String>,
    /// Its other links (`<links>`, `links[]`, `video_download_url`), in file order.
    pub links: Vec<RawLink>,
}

/// `links` with frab's `video_download_url` after them, as a link typed `MEDIA`.
pub fn with_video_download(mut links: Vec<RawLink>, video: Option<String>) -> Vec<RawLink> {
    if let Some(url) = video.filter(|v| !v.trim().is_empty()) {
        links.push(RawLink {
            url,
            title: "Video recording".into(),
            kind: Some("MEDIA".into()),
        });
    }
    links
}

/// What a reader could not use, counted by reason for the one "skipped" warning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skipped {
    reasons: BTreeMap<String, usize>,
}

impl Skipped {
    /// Counts one more thing skipped for `reason`.
    pub fn add(&mut self, reason: impl Into<String>) {
        *self.reasons.entry(reason.into()).or_insert(0) += 1;
    }

    /// Counts everything `other` counted too.
    pub fn absorb(&mut self, other: Skipped) {
        for (reason, count) in other.reasons {
            *self.reasons.entry(reason).or_insert(0) += count;
        }
    }

    /// How many things were skipped in all.
    pub fn total(&self) -> usize {
        self.reasons.values().sum()
    }
}

/// What of an event needs no other event: its abstract and description as plain text, its
/// links sorted, and how many links were not web addresses. Made beside the reading of the
/// file where a reader can ([`super::frab_xml`]), for each event on its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prepared {
    /// The session's text (see [`join_text`]).
    text: String,
    /// The session's links.
    links: crate::schedule::Links,
    /// How many of the event's links were left out (see [`super::links::sort_links`]).
    dropped: usize,
    /// The session's kind, when the event's length reads.
    kind: Option<Kind>,
}

impl Prepared {
    /// The text, links and kind of `event`; its abstract, description, address and links
    /// are let go of.
    pub fn of(event: &mut RawEvent) -> Prepared {
        Prepared::made(event, true)
    }

    /// The text, taken out (left empty).
    pub fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// Puts `text` back as the text.
    pub fn put_text(&mut self, text: String) {
        self.text = text;
    }

    /// [`Prepared::of`] for a reading that lists problems only (`agenda check`): the same
    /// links, counts and kind, but the abstract is not turned into text (nothing there reads
    /// it, and it is most of the work).
    pub fn without_text(event: &mut RawEvent) -> Prepared {
        Prepared::made(event, false)
    }

    /// [`Prepared::of`] when `with_text`, else [`Prepared::without_text`].
    pub fn made(event: &mut RawEvent, with_text: bool) -> Prepared {
        let (links, dropped) = super::links::sort_links(event.url.as_deref(), &event.links);
        let kind = event
            .duration
            .as_deref()
            .and_then(parse_duration)
            .map(|minutes| kind_of(event, event.title.trim(), minutes));
        let text = if with_text {
            join_text(&event.abstract_text, &event.description)
        } else {
            String::new()
        };
        // Nothing reads these again: they are freed here, beside the reading, rather than
        // after it with the rest of the event.
        event.abstract_text = String::new();
        event.description = String::new();
        event.links = Vec::new();
        event.url = None;
        Prepared {
            text,
            links,
            dropped,
            kind,
        }
    }
}

/// Turns raw events into a schedule; doubtful data becomes warnings, never errors. The talks'
/// topics are left for [`super::read`] to derive.
pub fn build(
    conference: RawConference,
    events: Vec<RawEvent>,
    skipped: Skipped,
    source: &str,
) -> (Schedule, Vec<Problem>) {
    let zone = time_zone(&conference, events.iter().filter_map(|e| e.date.as_deref()));
    let mut builder = Builder::new(&conference, zone, events.len(), source);
    // Each event is prepared as it is built: a second list of every event beside the first
    // would hold the schedule twice at the peak of reading.
    for mut event in events {
        let prepared = Prepared::of(&mut event);
        builder.add(event, prepared);
    }
    builder.finish(&conference, skipped)
}

/// [`build`] of events whose [`Prepared`] parts are made already.
pub fn build_prepared(
    conference: RawConference,
    events: Vec<(RawEvent, Prepared)>,
    skipped: Skipped,
    source: &str,
    keep_origins: bool,
) -> Built {
    let zone = time_zone(
        &conference,
        events.iter().filter_map(|(e, _)| e.date.as_deref()),
    );
    let mut builder = Builder::new(&conference, zone, events.len(), source);
    if keep_origins {
        builder.keep_origins();
    }
    for (event, prepared) in events {
        builder.add(event, prepared);
    }
    builder.finish_built(&conference, skipped)
}

/// Builds a schedule one event at a time, so that a reader can hand each event over as it
/// reads it instead of holding a list of them all ([`build`] for a list).
pub struct Builder<'a> {
    source: &'a str,
    tz: Tz,
    problems: Vec<Problem>,
    rooms: RoomNames,
    ids: UniqueIds,
    sessions: Vec<Session>,
    /// Per session: the position of the day it is listed under.
    listed_under: Vec<Option<usize>>,
    skipped: Skipped,
    /// How many events were added, the unreadable ones too.
    added: usize,
    /// Per session, the position of its event among those added, when asked for
    /// ([`Builder::keep_origins`]).
    origins: Option<Vec<usize>>,
}

/// A schedule as [`Builder::finish_built`] makes it.
pub struct Built {
    /// The schedule.
    pub schedule: Schedule,
    /// Every problem found, in the order `agenda check` lists them.
    pub problems: Vec<Problem>,
    /// Per session of the schedule, the position of its event among those added, when the
    /// builder kept them ([`Builder::keep_origins`]).
    pub origins: Option<Vec<usize>>,
}

impl<'a> Builder<'a> {
    /// A builder for `conference`'s events (about `count` of them), read in the time zone
    /// `zone` (with the note on how it was chosen, if any: see [`time_zone`]).
    pub fn new(
        conference: &RawConference,
        zone: (Tz, Option<String>),
        count: usize,
        source: &'a str,
    ) -> Self {
        let (tz, zone_note) = zone;
        let problems = zone_note
            .into_iter()
            .map(|note| {
                warning(
                    source,
                    "time-zone",
                    None,
                    None,
                    note,
                    "convert the schedule (`agenda convert`) and set `time_zone` by hand if this is wrong",
                )
            })
            .collect();
        Builder {
            source,
            tz,
            problems,
            rooms: RoomNames::new(listed_rooms(conference)),
            ids: UniqueIds::default(),
            sessions: Vec::with_capacity(count),
            listed_under: Vec::with_capacity(count),
            skipped: Skipped::default(),
            added: 0,
            origins: None,
        }
    }

    /// Keeps, for each session, the position of its event among those added: the schedule
    /// puts its sessions in time order, and something made per event (its text's tokens, say)
    /// then finds its session ([`Built::origins`]).
    pub fn keep_origins(&mut self) {
        self.origins = Some(Vec::new());
    }

    /// Adds the next event in file order; one without a readable start or length is counted
    /// as skipped.
    pub fn add(&mut self, event: RawEvent, prepared: Prepared) {
        let index = self.added;
        self.added += 1;
        let Some((date, start, notes)) = local_start(&event, self.tz) else {
            self.skipped.add("events without a readable start");
            return;
        };
        let Some(minutes) = event.duration.as_deref().and_then(parse_duration) else {
            self.skipped.add("events without a readable duration");
            return;
        };
        let source = self.source;
        let id = self.ids.give(&event, index);
        self.problems.extend(notes.into_iter().map(|note| {
            warning(
                source,
                "start",
                event.line,
                Some(id.clone()),
                note,
                "check the entry's date and time in the export",
            )
        }));
        let room = self.rooms.spelling_of(&event.room);
        self.listed_under.push(event.day);
        let Prepared {
            text,
            links,
            dropped,
            kind,
        } = prepared;
        for _ in 0..dropped {
            self.skipped
                .add("links that are not web addresses (http:// or https://)");
        }
        if let Some(origins) = &mut self.origins {
            origins.push(index);
        }
        self.sessions.push(session_of(
            event,
            (text, kind),
            Placed {
                id,
                date,
                start,
                minutes,
                room,
                links,
            },
        ));
    }

    /// The schedule of every event added, placed on `conference`'s days, and every problem
    /// found (with what the reader `skipped`), in the order `agenda check` lists them.
    pub fn finish(self, conference: &RawConference, skipped: Skipped) -> (Schedule, Vec<Problem>) {
        let built = self.finish_built(conference, skipped);
        (built.schedule, built.problems)
    }

    /// [`Builder::finish`], with each session's origin when they were kept.
    pub fn finish_built(mut self, conference: &RawConference, skipped: Skipped) -> Built {
        // Sessions are put in time order below: each finds its origin again by its id, which
        // is unique by now (see `UniqueIds`).
        let by_id: Option<rustc_hash::FxHashMap<String, usize>> =
            self.origins.take().map(|origins| {
                self.sessions
                    .iter()
                    .map(|s| s.id.clone())
                    .zip(origins)
                    .collect()
            });
        let Builder {
            source,
            tz,
            mut problems,
            rooms,
            sessions,
            listed_under,
            skipped: mut own,
            ids,
            ..
        } = self;
        own.absorb(skipped);
        let skipped = own;
        problems.extend(rooms.merged(source));
        problems.extend(ids.warnings(source));
        let header = header(conference, tz, rooms.names);
        let schedule = on_days(
            header,
            conference,
            sessions,
            &listed_under,
            tz,
            source,
            &mut problems,
        );
        // The check's list (one problem per entry at most) takes the reader's in front, in
        // place: copying either into a new list would hold them twice at the peak.
        let mut all = imported_check(&schedule);
        all.splice(0..0, problems);
        all.extend(skipped_warning(&skipped, source));
        let key = |p: &Problem| (p.line.unwrap_or(0), p.code);
        // A stable sort takes a buffer of half the list; most lists are in order already.
        if !all.is_sorted_by_key(key) {
            all.sort_by_key(key);
        }
        let origins = by_id.and_then(|by_id| {
            let origins: Option<Vec<usize>> = schedule
                .sessions
                .iter()
                .map(|s| by_id.get(&s.id).copied())
                .collect();
            origins.filter(|o| o.len() == by_id.len())
        });
        Built {
            schedule,
            problems: all,
            origins,
        }
    }
}

/// A warning about `source` (at `line` and `entry` when it belongs to one).
fn warning(
    source: &str,
    code: &'static str,
    line: Option<usize>,
    entry: Option<String>,
    message: String,
    fix: &'static str,
) -> Problem {
    Problem {
        severity: Severity::Warning,
        code,
        source: source.to_string(),
        line,
        entry,
        message,
        fix: fix.into(),
    }
}

/// The rooms the export lists, trimmed, each once, in its order (events may add more).
fn listed_rooms(conference: &RawConference) -> Vec<String> {
    let mut rooms: Vec<String> = Vec::new();
    // A set beside the list: an export listing a million rooms is read in linear time.
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for room in &conference.rooms {
        let room = room.trim();
        if !room.is_empty() && seen.insert(room) {
            rooms.push(room.to_string());
        }
    }
    rooms
}

/// The schedule's rooms, each under one spelling: names that differ only in case or spacing
/// ("1Komona Boredome" and "1komona  Boredome") are one room, named as first written (the
/// export's room list first, then its events in file order).
struct RoomNames {
    /// The rooms, in order, each under its first spelling.
    names: Vec<String>,
    /// [`room_key`] → position in `names`.
    positions: BTreeMap<String, usize>,
    /// Per room: each spelling met and how many events used it, in order of appearance.
    spellings: Vec<Vec<(String, usize)>>,
}

impl RoomNames {
    fn new(listed: Vec<String>) -> Self {
        let mut rooms = RoomNames {
            names: Vec::new(),
            positions: BTreeMap::new(),
            spellings: Vec::new(),
        };
        for room in listed {
            rooms.position(&room);
        }
        rooms
    }

    /// The room's position, adding it (or its spelling) when new.
    fn position(&mut self, room: &str) -> usize {
        let key = room_key(room);
        let at = match self.positions.get(&key) {
            Some(&at) => at,
            None => {
                self.names.push(room.to_string());
                self.spellings.push(Vec::new());
                self.positions.insert(key, self.names.len() - 1);
                self.names.len() - 1
            }
        };
        if !self.spellings[at].iter().any(|(s, _)| s == room) {
            self.spellings[at].push((room.to_string(), 0));
        }
        at
    }

    /// The room an event is in, under the room's one spelling (`(no room)` when it names none).
    fn spelling_of(&mut self, room: &str) -> String {
        let room = match room.trim() {
            "" => "(no room)",
            trimmed => trimmed,
        };
        let at = self.position(room);
        if let Some(used) = self.spellings[at].iter_mut().find(|(s, _)| s == room) {
            used.1 += 1;
        }
        self.names[at].clone()
    }

    /// A `room-spelling` warning for each room written more than one way.
    fn merged(&self, source: &str) -> Vec<Problem> {
        self.spellings
            .iter()
            .zip(&self.names)
            .filter(|(spellings, _)| spellings.len() > 1)
            .map(|(spellings, name)| {
                let listed: Vec<String> = spellings
                    .iter()
                    .map(|(s, n)| format!("`{s}` ({})", crate::text::plural(*n, "event", "events")))
                    .collect();
                warning(
                    source,
                    "room-spelling",
                    None,
                    None,
                    format!(
                        "the rooms {} differ only in case or spacing; they are taken as one room, `{name}`",
                        listed.join(" and ")
                    ),
                    "nothing to do if they are one room; if they are not, convert the schedule (`agenda convert`) and rename one",
                )
            })
            .collect()
    }
}

/// What makes two room names the same room: lowercase, with runs of white space as one space.
fn room_key(room: &str) -> String {
    room.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The ids given so far, so that each event gets its own, and per base id the last suffix
/// tried: the 16,000th entry with one id takes its `-16000` at once instead of trying every
/// number before it. Renamed entries are kept per base id for one `duplicate-id` warning
/// each (an export giving every event one id is one line, not a line per event).
#[derive(Default)]
struct UniqueIds {
    given: BTreeSet<String>,
    last: BTreeMap<String, usize>,
    /// Per base id, its renamed entries: (line, new id), in file order.
    renamed: BTreeMap<String, Vec<(Option<usize>, String)>>,
}

/// How many renamed entries a `duplicate-id` warning lists before the last one.
const RENAMED_LISTED: usize = 3;

impl UniqueIds {
    /// The event's id (`id`, else `guid`, else `event-N`), with `-2`, `-3`… when it is taken
    /// (kept for [`UniqueIds::warnings`]).
    fn give(&mut self, event: &RawEvent, index: usize) -> String {
        let base = [&event.id, &event.guid]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .map_or_else(|| format!("event-{}", index + 1), str::to_string);
        let mut id = base.clone();
        if self.given.contains(&id) {
            let mut n = self.last.get(&base).copied().unwrap_or(1);
            while self.given.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            self.last.insert(base.clone(), n);
            self.renamed
                .entry(base)
                .or_default()
                .push((event.line, id.clone()));
        }
        self.given.insert(id.clone());
        id
    }

    /// One `duplicate-id` warning per id used more than once, at its first renamed entry,
    /// naming the new ids (the first few and the last).
    fn warnings(&self, source: &str) -> Vec<Problem> {
        self.renamed
            .iter()
            .map(|(base, renamed)| {
                let named = |(line, id): &(Option<usize>, String)| match line {
                    Some(line) => format!("`{id}` (line {line})"),
                    None => format!("`{id}`"),
                };
                let mut listed: Vec<String> =
                    renamed.iter().take(RENAMED_LISTED).map(named).collect();
                if renamed.len() > RENAMED_LISTED {
                    if renamed.len() > RENAMED_LISTED + 1 {
                        listed.push("…".to_string());
                    }
                    listed.extend(renamed.last().map(named));
                }
                let (message, entry) = match &renamed[..] {
                    [(_, id)] => (
                        format!("the id `{base}` is used more than once; this entry is now `{id}`"),
                        Some(id.clone()),
                    ),
                    _ => (
                        format!(
                            "the id `{base}` is used by {} entries; the first keeps it, the others are now, in file order, {}",
                            renamed.len() + 1,
                            listed.join(", ")
                        ),
                        None,
                    ),
                };
                warning(
                    source,
                    "duplicate-id",
                    renamed[0].0,
                    entry,
                    message,
                    "refer to an entry by its new id (`agenda talks --format json` lists them), or give the entries distinct ids in the source",
                )
            })
            .collect()
    }
}

/// Where and when an event is, as read and checked by [`build`].
struct Placed {
    id: String,
    date: NaiveDate,
    start: NaiveTime,
    minutes: u32,
    room: String,
    links: crate::schedule::Links,
}

/// The session of an event: its kind, track, speakers and text (its topics come later, from
/// the schedule's shared tokens: see [`derive_topics`]).
/// The speakers' names, trimmed, without empty ones: a list of just that size, not the four
/// places a collected list starts with (a schedule holds hundreds of thousands of them).
fn speakers(persons: &[String]) -> Vec<String> {
    let mut speakers = Vec::with_capacity(persons.len());
    speakers.extend(
        persons
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(str::to_string),
    );
    speakers
}

fn session_of(event: RawEvent, prepared: (String, Option<Kind>), at: Placed) -> Session {
    let (abstract_text, kind) = prepared;
    let title = event.title.trim().to_string();
    let subtitle = subtitle_of(&event.subtitle, &title);
    let kind = kind.unwrap_or_else(|| kind_of(&event, &title, at.minutes));
    let track = event
        .track
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    Session {
        id: at.id,
        date: at.date,
        day: 0,
        start: at.start,
        minutes: at.minutes,
        room: at.room,
        kind,
        title,
        subtitle,
        speakers: speakers(&event.persons),
        track,
        // Derived once the schedule is made (see `derive_topics`).
        topics: Vec::new(),
        abstract_text,
        line: event.line,
        // A marker in the title is read for every reader by `Schedule::with_days`.
        cancelled: event
            .status
            .as_deref()
            .is_some_and(crate::schedule::cancelled::status_says_cancelled),
        links: at.links,
    }
}

/// The conference header: its name (title, else acronym), zone, venue, rooms and address.
fn header(conference: &RawConference, tz: Tz, rooms: Vec<String>) -> Conference {
    let name = [&conference.title, &conference.acronym]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .unwrap_or("Imported conference")
        .to_string();
    Conference {
        name,
        time_zone: tz.name().to_string(),
        venue: conference.venue.trim().to_string(),
        rooms,
        url: conference.url.clone().filter(|u| !u.trim().is_empty()),
    }
}

/// The schedule on the export's own days when it lists them (events outside their day are
/// warned about), else on days that change at 04:00 (warned about too).
fn on_days(
    header: Conference,
    conference: &RawConference,
    mut sessions: Vec<Session>,
    listed_under: &[Option<usize>],
    tz: Tz,
    source: &str,
    problems: &mut Vec<Problem>,
) -> Schedule {
    match conference_days(&conference.days, &mut sessions, listed_under, tz) {
        Some(Days {
            days,
            outside,
            at_once,
            redated,
        }) => {
            if let Some(problem) = redated_warning(source, &redated, tz) {
                problems.push(problem);
            }
            for (line, id, message) in outside {
                problems.push(warning(
                    source,
                    "outside-day",
                    line,
                    Some(id),
                    message,
                    "nothing to do: it stays on the day it is listed under and is planned at its real time",
                ));
            }
            for group in at_once {
                problems.push(days_at_once(source, &group, &days));
            }
            Schedule::with_days(header, days, sessions, source)
        }
        None => {
            if !sessions.is_empty() {
                problems.push(warning(
                    source,
                    "no-days",
                    None,
                    None,
                    "the export does not say which day every event is listed under; days change at 04:00".into(),
                    "nothing to do unless a night session lands on the wrong day; then convert the schedule and set `day_change`",
                ));
            }
            Schedule::new(header, sessions, source)
        }
    }
}

/// The `day-date` warning of the days dated by their start ([`day_date`]): which days, by how
/// much, and the first one's dates.
fn redated_warning(
    source: &str,
    redated: &[(u32, NaiveDate, NaiveDate)],
    tz: Tz,
) -> Option<Problem> {
    let &(first, listed, date) = redated.first()?;
    let days: Vec<u32> = redated.iter().map(|r| r.0).collect();
    let contiguous = days.windows(2).all(|w| w[1] == w[0] + 1);
    let named = match &days[..] {
        [one] => format!("day {one}"),
        [a, .., b] if contiguous => format!("days {a}–{b}"),
        _ => format!(
            "days {}",
            crate::text::and_list(&days.iter().map(u32::to_string).collect::<Vec<_>>())
        ),
    };
    let shift = |r: &(u32, NaiveDate, NaiveDate)| (r.2 - r.1).num_days();
    let by = if redated.iter().all(|r| shift(r) == shift(&redated[0])) {
        match shift(&redated[0]) {
            1 => " a day earlier".to_string(),
            -1 => " a day later".to_string(),
            n if n > 0 => format!(" {n} days earlier"),
            n => format!(" {} days later", -n),
        }
    } else {
        String::new()
    };
    Some(warning(
        source,
        "day-date",
        None,
        None,
        format!(
            "the export dates {named}{by} than they start in {} (day {first}: dated {listed}, starts on {date}, as its first talk); each is read on the date it starts on",
            tz.name()
        ),
        "nothing to do if the days read right; else convert the schedule (`agenda convert`) and fix their dates",
    ))
}

/// The `days-at-once` warning of listed days read as one conference day: which days, when, and
/// the day they became.
fn days_at_once(source: &str, group: &at_once::Group, days: &[ConferenceDay]) -> Problem {
    let listed: Vec<String> = group.listed.iter().map(u32::to_string).collect();
    let became = days
        .iter()
        .find(|d| d.index == group.index)
        .map_or_else(String::new, |d| {
            let until = if d.end.date() == d.start.date() {
                d.end.format("%H:%M")
            } else {
                d.end.format("%Y-%m-%d %H:%M")
            };
            format!(" (on {}–{until})", d.start.format("%Y-%m-%d %H:%M"))
        });
    warning(
        source,
        "days-at-once",
        None,
        None,
        format!(
            "the export's days {} run at the same time{became}; they are read as one day, day {}",
            crate::text::and_list(&listed),
            group.index
        ),
        "nothing to do if they are one day's programme (room switches count across them as one day's); if the export's dates are wrong, fix them or export the schedule again",
    )
}

/// [`validate::check`]'s problems of an imported schedule: doubtful data real exports are known
/// to hold is a warning; an export with nothing to plan (no sessions, no rooms) or a start that
/// does not exist on the clock stays an error. (Rooms spelt two ways are already one room: see
/// [`RoomNames`].)
fn imported_check(schedule: &Schedule) -> Vec<Problem> {
    let mut problems = validate::check(schedule);
    for p in &mut problems {
        if !matches!(p.code, "no-sessions" | "no-rooms" | "dst-gap") {
            p.severity = Severity::Warning;
        }
        // The check's advice speaks of `schedule.ron`'s fields: an export is fixed in its own.
        match p.code {
            "zero-length" => {
                p.fix = "nothing to do if it only marks a moment; else give it an end after its start (or a duration) where the export is made".into();
            }
            "too-long" => {
                p.fix = "check its end or duration where the export is made".into();
            }
            _ => {}
        }
    }
    problems
}

/// One `skipped` warning counting what the importer could not use, if anything.
fn skipped_warning(skipped: &Skipped, source: &str) -> Option<Problem> {
    if skipped.total() == 0 {
        return None;
    }
    let parts: Vec<String> = skipped
        .reasons
        .iter()
        .map(|(reason, n)| format!("{n} {reason}"))
        .collect();
    Some(warning(
        source,
        "skipped",
        None,
        None,
        format!(
            "skipped {} the importer cannot use: {}",
            crate::text::plural(skipped.total(), "thing", "things"),
            parts.join(", ")
        ),
        "nothing to do unless something you need is missing; then convert the schedule (`agenda convert`) and add it by hand",
    ))
}

/// Tokenises every session's title and track once (the schedule keeps the tokens for interest
/// checks and scores, see [`Schedule::heads`]) and gives each talk its full-weight topics: the
/// vocabulary topics of its track's name (the eBPF devroom is `bpf`), then those of its title
/// not already there. The abstract adds none: see [`super::vocabulary`] for why and how likes
/// still find words there. [`super::read`] does it for every import, after the format's reader
/// (timed apart from it).
pub(crate) fn derive_topics(schedule: &mut Schedule) {
    let texts = schedule.heads();
    let vocabulary = Vocabulary::new(texts.lexicon());
    for (i, session) in schedule.sessions.iter_mut().enumerate() {
        if !session.kind.is_plannable() {
            continue;
        }
        let mut topics: Vec<String> = Vec::new();
        for tokens in texts.track(i).into_iter().chain([texts.title(i)]) {
            for topic in vocabulary.topics_in(tokens) {
                if !topics.iter().any(|t| t == topic) {
                    topics.push(topic.to_string());
                }
            }
        }
        session.topics = topics;
    }
}

/// The words of `text`: its runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether `word` lowercased is one of `list` (lowercase ASCII words): an ASCII word is
/// compared ignoring case, any other lowercased (the Kelvin sign lowercases to `k`).
fn lowered_in(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|l| word.eq_ignore_ascii_case(l))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// An export's conference days, and what its day list says that is worth a warning.
struct Days {
    /// The conference days, `index` = position + 1.
    days: Vec<ConferenceDay>,
    /// (line, id, message) of every session outside the listed start and end of its day.
    outside: Vec<(Option<usize>, String, String)>,
    /// The listed days read as one because they run at the same time ([`at_once`]).
    at_once: Vec<at_once::Group>,
    /// (day, date listed, date taken) of each day dated by its start instead ([`day_date`]).
    redated: Vec<(u32, NaiveDate, NaiveDate)>,
}

/// A listed day's date: its `date`, unless its `start` is an instant (with its offset) whose
/// date in the conference's zone is another and is the date its first session starts on too.
/// An export may write a day's date in UTC (wafer, DebConf 2023: `date="2023-09-09"` for a day
/// starting `2023-09-09T21:30:00+00:00`, 03:00 on the 10th in Kolkata, its talks on the 10th);
/// the first session keeps a day starting at 00:00 UTC west of Greenwich on its own date.
fn day_date(
    listed: NaiveDate,
    start: Option<&str>,
    first: Option<NaiveDateTime>,
    tz: Tz,
) -> NaiveDate {
    let local = start
        .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok())
        .map(|s| s.with_timezone(&tz).date_naive());
    match (local, first) {
        (Some(local), Some(first)) if local != listed && first.date() == local => local,
        _ => listed,
    }
}

/// The conference days of an export: one per listed day, in file order, each running from its
/// listed start to its listed end, widened to cover its sessions (a day without a readable date
/// takes the date of its first session's start); listed days that run at the same time are one
/// ([`at_once`]). Sets every session's `day`. `None` when some session is not listed under a
/// usable day.
fn conference_days(
    raw: &[RawDay],
    sessions: &mut [Session],
    listed_under: &[Option<usize>],
    tz: Tz,
) -> Option<Days> {
    let instant = |text: Option<&str>, date: NaiveDate| -> Option<NaiveDateTime> {
        let text = text?.trim();
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|d| d.with_timezone(&tz).naive_local())
            .or_else(|| parse_time(text).map(|t| date.and_time(t)))
    };
    let mut days = Vec::with_capacity(raw.len());
    let mut spans = Vec::with_capacity(raw.len());
    let mut outside = Vec::new();
    let mut redated = Vec::new();
    for (position, day) in raw.iter().enumerate() {
        let mine: Vec<&Session> = sessions
            .iter()
            .zip(listed_under)
            .filter(|(_, d)| **d == Some(position))
            .map(|(s, _)| s)
            .collect();
        let first = mine.iter().map(|s| s.start_at()).min();
        let last = mine.iter().map(|s| s.end_at()).max();
        let listed = day
            .date
            .as_deref()
            .and_then(parse_date)
            .or(first.map(|f| f.date()))?;
        let date = day_date(listed, day.start.as_deref(), first, tz);
        if date != listed {
            redated.push((position as u32 + 1, listed, date));
        }
        let listed_start = instant(day.start.as_deref(), date);
        let start = [listed_start, first].into_iter().flatten().min()?;
        let mut listed_end = instant(day.end.as_deref(), date);
        // `end` as a bare time before the start means the next morning.
        if let Some(end) = listed_end
            && end <= start
            && day.end.as_deref().is_some_and(|e| parse_time(e).is_some())
        {
            listed_end = Some(end + Duration::days(1));
        }
        spans.push(span_within(&mine, listed_start.zip(listed_end)));
        if let (Some(from), Some(until)) = (listed_start, listed_end) {
            outside.extend(outside_of_day(&mine, position + 1, from, until));
        }
        let end = [listed_end, last]
            .into_iter()
            .flatten()
            .max()
            .filter(|&e| e > start)
            .unwrap_or(start + Duration::minutes(1));
        days.push(ConferenceDay {
            index: position as u32 + 1,
            date,
            start,
            end,
        });
    }
    let indices: Vec<usize> = listed_under
        .iter()
        .map(|d| d.filter(|&p| p < days.len()))
        .collect::<Option<_>>()?;
    let merged = at_once::merge(days, &spans);
    for (s, position) in sessions.iter_mut().zip(indices) {
        s.day = merged.index_of[position];
    }
    Some(Days {
        days: merged.days,
        outside,
        at_once: merged.groups,
        redated,
    })
}

/// The span of the sessions of `mine` that lie within `listed` (the day's listed start and end;
/// all of them when it lists none): from the first start to the last end.
fn span_within(
    mine: &[&Session],
    listed: Option<(NaiveDateTime, NaiveDateTime)>,
) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let within = mine
        .iter()
        .filter(|s| listed.is_none_or(|hours| within_hours(s, hours)));
    let from = within.clone().map(|s| s.start_at()).min();
    let until = within.map(|s| s.end_at()).max();
    from.zip(until)
}

/// Whether `session` lies within a day's listed `hours` (start, end): it starts no earlier and
/// ends no later.
fn within_hours(session: &Session, (from, until): (NaiveDateTime, NaiveDateTime)) -> bool {
    session.start_at() >= from && session.end_at() <= until
}

/// (line, id, message) of each of a day's sessions that lies outside the day's listed start
/// and end (`index` is the day's, from 1).
fn outside_of_day(
    mine: &[&Session],
    index: usize,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Vec<(Option<usize>, String, String)> {
    mine.iter()
        .filter(|s| !within_hours(s, (from, until)))
        .map(|s| {
            (
                s.line,
                s.id.clone(),
                format!(
                    "`{}` ({} {}–{}) is listed under day {index}, which runs {} to {}",
                    s.id,
                    s.date,
                    s.start.format("%H:%M"),
                    s.end_at().format("%H:%M"),
                    from.format("%Y-%m-%d %H:%M"),
                    until.format("%Y-%m-%d %H:%M")
                ),
            )
        })
        .collect()
}

/// The schedule's time zone, and a note when it had to be guessed.
///
/// A missing or unknown `time_zone_name` falls back to the zone named after the conference's
/// `city` (`Brussels`: Europe/Brussels, see [`zone_of_city`]) when the first event's
/// date-time, if it has one, is at that zone's offset; else to the fixed offset of that
/// date-time (as `Etc/GMT-1` for +01:00; `dates` are the events' `date` fields in file order);
/// else to UTC.
pub fn time_zone<'a>(
    conference: &RawConference,
    mut dates: impl Iterator<Item = &'a str>,
) -> (Tz, Option<String>) {
    let named = conference.time_zone.as_deref().map(str::trim);
    if let Some(tz) = named.and_then(|n| n.parse::<Tz>().ok()) {
        return (tz, None);
    }
    let what = match named {
        Some(n) if !n.is_empty() => format!("unknown time zone `{n}`"),
        _ => "no time zone given".to_string(),
    };
    let first = dates.find_map(|d| DateTime::parse_from_rfc3339(d.trim()).ok());
    if let Some(tz) = zone_of_city(&conference.city)
        && first.is_none_or(|d| d.with_timezone(&tz).offset().fix() == *d.offset())
    {
        return (
            tz,
            Some(format!(
                "{what}; times are taken in {} from the city `{}`",
                tz.name(),
                conference.city.trim()
            )),
        );
    }
    let offset = first.map(|d| d.offset().fix().local_minus_utc());
    if let Some(seconds) = offset.filter(|s| s % 3600 == 0) {
        let hours = seconds / 3600;
        // The Etc zones count the other way: Etc/GMT-1 is UTC+01:00.
        let name = if hours == 0 {
            "UTC".to_string()
        } else {
            format!("Etc/GMT{:+}", -hours)
        };
        if let Ok(tz) = name.parse::<Tz>() {
            return (
                tz,
                Some(format!(
                    "{what}; using the event times' fixed offset UTC{:+03}:00 ({name}), without daylight saving",
                    hours
                )),
            );
        }
    }
    (Tz::UTC, Some(format!("{what}; times are taken as UTC")))
}

/// The time zone named after `city` (its first part before a comma): the zone of the IANA
/// database whose last part is the city's name, compared ignoring case with spaces as
/// underscores (`Brussels`, `brussels, Belgium`: Europe/Brussels; `New York`:
/// America/New_York); `None` for a city no zone is named after.
pub fn zone_of_city(city: &str) -> Option<Tz> {
    let name = city.split(',').next()?.trim().replace(' ', "_");
    if name.is_empty() {
        return None;
    }
    chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| {
        let full = tz.name();
        full.contains('/')
            && !full.starts_with("Etc/")
            && full
                .rsplit('/')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(&name))
    })
}

/// The local date and start of an event, in the schedule's zone, and what was doubtful about
/// them (for a warning naming the entry).
///
/// The event's own date-time wins; else its date (or its day's) with `start`, a day later
/// when the start is earlier than the day's start (an event past midnight). Seconds are
/// dropped (the planner counts whole minutes), and an own date that is no date (`2025-02-30`,
/// `-2025-03-30`) is said, not passed over in silence.
fn local_start(event: &RawEvent, tz: Tz) -> Option<(NaiveDate, NaiveTime, Vec<String>)> {
    let mut notes = Vec::new();
    let (date, start) = local_start_exact(event, tz, &mut notes)?;
    let minute = start.with_second(0).and_then(|t| t.with_nanosecond(0))?;
    if minute != start {
        notes.push(format!(
            "its start {} has seconds; it is planned from {}",
            start.format("%H:%M:%S"),
            minute.format("%H:%M")
        ));
    }
    Some((date, minute, notes))
}

/// [`local_start`] before its seconds are dropped.
fn local_start_exact(
    event: &RawEvent,
    tz: Tz,
    notes: &mut Vec<String>,
) -> Option<(NaiveDate, NaiveTime)> {
    if let Some(dt) = event
        .date
        .as_deref()
        .and_then(|d| DateTime::parse_from_rfc3339(d.trim()).ok())
    {
        let local = dt.with_timezone(&tz).naive_local();
        return Some((local.date(), local.time()));
    }
    let start = parse_time(event.start.as_deref()?)?;
    let own = event
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if let Some(text) = own {
        match parse_date(text) {
            Some(date) => return Some((date, start)),
            None => notes.push(format!(
                "its date `{text}` is not a date (YYYY-MM-DD); the date of the day it is listed under is used"
            )),
        }
    }
    let day = parse_date(event.day_date.as_deref()?)?;
    let day_start = event.day_start.as_deref().and_then(|s| {
        DateTime::<FixedOffset>::parse_from_rfc3339(s.trim())
            .ok()
            .map(|d| d.with_timezone(&tz).naive_local().time())
            .or_else(|| parse_time(s))
    });
    let date = if day_start.is_some_and(|ds| start < ds) {
        day + Duration::days(1)
    } else {
        day
    };
    Some((date, start))
}

/// A date written `YYYY-MM-DD`, alone or at the head of a date-time (`2025-09-30T10:00…`):
/// exactly four digits of year, two of month, two of day, and a day that exists.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let head = text.split(['T', 't', ' ']).next().unwrap_or(text);
    let shape = head.len() == 10
        && head.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

/// Minutes of a duration: `HH:MM`, `HH:MM:SS`, `D:HH:MM:SS` or a plain number of minutes.
/// Seconds are rounded up to a whole minute.
pub fn parse_duration(text: &str) -> Option<u32> {
    let parts: Vec<u32> = text
        .trim()
        .split(':')
        .map(|p| p.trim().parse::<u32>().ok())
        .collect::<Option<_>>()?;
    let (days, hours, minutes, seconds) = match parts[..] {
        [m] => (0, 0, m, 0),
        [h, m] => (0, h, m, 0),
        [h, m, s] => (0, h, m, s),
        [d, h, m, s] => (d, h, m, s),
        _ => return None,
    };
    if minutes >= 60 && parts.len() > 1 || seconds >= 60 {
        return None;
    }
    let total = u64::from(days) * 1440 + u64::from(hours) * 60 + u64::from(minutes);
    u32::try_from(total + u64::from(seconds > 0)).ok()
}

/// The kind of an imported event.
///
/// Break: its type is a break word, or its title (or the part of it after its last colon, as
/// in linux.conf.au's "Main Conference: morning tea") is made only of break words (coffee,
/// lunch, tea, break, changeover, …) and filler. Social: its type says social, party or reception
/// (pretalx's session type `Reception`, GOOD 2025), or its track is just "social (events)"
/// or "party" (not FOSDEM's "Social Web"). Lightning: its type or track says lightning
/// (FOSDEM's `lightningtalk`, the track `Lightning Talks`), or it lasts 1 to 10 minutes.
/// Else a talk.
fn kind_of(event: &RawEvent, title: &str, minutes: u32) -> Kind {
    const BREAK_WORDS: &[&str] = &[
        "break",
        "lunch",
        "coffee",
        "tea",
        "pause",
        "breakfast",
        "dinner",
        "changeover",
    ];
    const FILLER: &[&str] = &[
        "and",
        "time",
        "snacks",
        "the",
        "long",
        "short",
        "morning",
        "afternoon",
        "room",
    ];
    let kind = event.kind.as_deref().unwrap_or("").to_lowercase();
    let track = event.track.as_deref().unwrap_or("").to_lowercase();
    let only_break_words = |text: &str| {
        // Stops at the first other word (a talk's first), without a copy of any.
        words(text).all(|w| lowered_in(w, BREAK_WORDS) || lowered_in(w, FILLER))
            && words(text).any(|w| lowered_in(w, BREAK_WORDS))
    };
    let is_break = words(&kind).any(|w| lowered_in(w, BREAK_WORDS))
        || only_break_words(title)
        || title
            .rsplit_once(':')
            .is_some_and(|(_, tail)| only_break_words(tail));
    if is_break {
        Kind::Break
    } else if kind.contains("social")
        || kind.contains("party")
        || kind.contains("reception")
        || ["social", "social event", "social events", "party"].contains(&track.trim())
    {
        Kind::Social
    } else if kind.contains("lightning")
        || track.contains("lightning")
        || (1..=10).contains(&minutes)
    {
        Kind::Lightning
    } else {
        Kind::Talk
    }
}

/// Abstract and description as one plain text (the description only when it adds something).
fn join_text(abstract_html: &str, description_html: &str) -> String {
    let a = html::to_text(abstract_html);
    let d = html::to_text(description_html);
    match (a.is_empty(), d.is_empty()) {
        (_, true) => a,
        (true, false) => d,
        (false, false) if d.contains(&a) => d,
        (false, false) => format!("{a}\n\n{d}"),
    }
}

/// The session's subtitle: the event's, its blanks made single spaces; empty when the title
/// holds it already (case aside).
fn subtitle_of(subtitle: &str, title: &str) -> String {
    let subtitle = subtitle.split_whitespace().collect::<Vec<_>>().join(" ");
    if subtitle.is_empty() || title.to_lowercase().contains(&subtitle.to_lowercase()) {
        return String::new();
    }
    subtitle
}

/// Byte offset → (1-based line, 1-based column in characters) of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A word is found in a list of lowercase words as its lowercase is.
        #[test]
        fn words_are_found_as_their_lowercase_is(
            word in "[a-zA-Z\u{212a}\u{130}é]{0,8}",
            pick in proptest::sample::select(vec!["break", "tea", "ok", "i̇", "k"]),
        ) {
            let list = ["break", "breakfast", "tea", pick];
            proptest::prop_assert_eq!(
                lowered_in(&word, &list),
                list.contains(&word.to_lowercase().as_str())
            );
        }
    }

    #[test]
    fn a_subtitle_is_kept_once_with_single_spaces() {
        assert_eq!(subtitle_of(" Encrypted\n DNS ", "Talk"), "Encrypted DNS");
        assert_eq!(subtitle_of(" ", "Talk"), "", "blank");
        assert_eq!(
            subtitle_of("encrypted dns", "Encrypted DNS: a survey"),
            "",
            "the title holds it"
        );
    }

    #[test]
    fn a_city_names_its_zone_when_no_zone_is_given() {
        let zone = |city: &str| zone_of_city(city).map(|tz| tz.name());
        assert_eq!(zone("Brussels"), Some("Europe/Brussels"));
        assert_eq!(zone(" brussels, Belgium "), Some("Europe/Brussels"));
        assert_eq!(zone("New York"), Some("America/New_York"));
        for none in ["", "Karlsruhe", "UTC", "GMT-1", ", Belgium"] {
            assert_eq!(zone(none), None, "{none}");
        }
        let conference = |zone: Option<&str>| RawConference {
            time_zone: zone.map(String::from),
            city: "Brussels".into(),
            ..RawConference::default()
        };
        // Bare times: the city's zone, said.
        let (tz, note) = time_zone(&conference(None), std::iter::empty());
        assert_eq!(tz.name(), "Europe/Brussels");
        assert!(note.is_some_and(|n| n.contains("from the city `Brussels`")));
        // A named zone wins, with nothing to say.
        let (tz, note) = time_zone(&conference(Some("Europe/Berlin")), std::iter::empty());
        assert_eq!((tz.name(), note), ("Europe/Berlin", None));
        // Times at the city's offset (winter, then summer) keep its zone; times at another
        // offset keep their own.
        for date in ["2020-02-01T10:30:00+01:00", "2020-07-01T10:30:00+02:00"] {
            let (tz, _) = time_zone(&conference(None), [date].into_iter());
            assert_eq!(tz.name(), "Europe/Brussels", "{date}");
        }
        let (tz, _) = time_zone(&conference(None), ["2020-02-01T10:30:00+05:00"].into_iter());
        assert_eq!(tz.name(), "Etc/GMT-5");
    }

    #[test]
    fn durations_in_every_spelling() {
        assert_eq!(parse_duration("01:30"), Some(90));
        assert_eq!(parse_duration("00:05:00"), Some(5));
        assert_eq!(parse_duration("0:00:30"), Some(1));
        assert_eq!(parse_duration("1:02:00:00"), Some(1560));
        assert_eq!(parse_duration("45"), Some(45));
        assert_eq!(parse_duration("1:75"), None);
        assert_eq!(parse_duration("soon"), None);
    }

    #[test]
    fn dates_are_read_whole_or_not_at_all() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("2025-09-30"), day(2025, 9, 30));
        assert_eq!(parse_date(" 2025-09-30T10:00:00+02:00"), day(2025, 9, 30));
        for bad in [
            "2025-02-30",
            "-2025-03-30T10:00:00+02:00",
            "2025-9-30",
            "20250930",
            "2025-09-3x",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn seconds_and_impossible_dates_are_said_with_the_start_used() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let at = |date: &str| RawEvent {
            date: Some(date.into()),
            day_date: Some("2025-09-30".into()),
            start: Some("10:00".into()),
            ..RawEvent::default()
        };
        let (date, start, notes) = local_start(&at("2025-09-30T10:00:30+02:00"), tz).unwrap();
        assert_eq!(
            (date.to_string(), start.to_string()),
            ("2025-09-30".into(), "10:00:00".into())
        );
        assert_eq!(
            notes,
            ["its start 10:00:30 has seconds; it is planned from 10:00"]
        );
        for bad in ["2025-02-30T10:00:00+02:00", "-2025-03-30T10:00:00+02:00"] {
            let (date, _, notes) = local_start(&at(bad), tz).unwrap();
            assert_eq!(date.to_string(), "2025-09-30");
            assert_eq!(notes.len(), 1, "{bad}: {notes:?}");
            assert!(
                notes[0].contains(&format!("its date `{bad}` is not a date")),
                "{notes:?}"
            );
        }
    }

    #[test]
    fn past_midnight_without_a_date_time_moves_to_the_next_day() {
        let event = RawEvent {
            day_date: Some("2016-12-27".into()),
            day_start: Some("2016-12-27T10:00:00+01:00".into()),
            start: Some("01:30".into()),
            ..RawEvent::default()
        };
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(
            local_start(&event, tz),
            Some((
                NaiveDate::from_ymd_opt(2016, 12, 28).unwrap(),
                NaiveTime::from_hms_opt(1, 30, 0).unwrap(),
                Vec::new()
            ))
        );
    }

    #[test]
    fn kinds_from_type_title_and_length() {
        let ev = |title: &str, kind: &str| RawEvent {
            title: title.into(),
            kind: Some(kind.into()),
            ..RawEvent::default()
        };
        assert_eq!(
            kind_of(&ev("Coffee Break", "Talk"), "Coffee Break", 30),
            Kind::Break
        );
        assert_eq!(
            kind_of(&ev("How to break TLS", "Talk"), "How to break TLS", 30),
            Kind::Talk
        );
        for title in [
            "Main Conference: morning tea",
            "Main Conference: lunch",
            "Main Conference: room changeover",
            "Afternoon Tea",
        ] {
            assert_eq!(kind_of(&ev(title, ""), title, 5), Kind::Break, "{title}");
        }
        let title = "Tea: brewing with Rust";
        assert_eq!(kind_of(&ev(title, ""), title, 30), Kind::Talk);
        assert_eq!(kind_of(&ev("x", "lightningtalk"), "x", 15), Kind::Lightning);
        assert_eq!(kind_of(&ev("x", "lecture"), "x", 10), Kind::Lightning);
        assert_eq!(kind_of(&ev("x", "Social Event"), "x", 120), Kind::Social);
        let title = "Idea Marketplace and Reception (Hors D'oeuvres)";
        assert_eq!(kind_of(&ev(title, "Reception"), title, 120), Kind::Social);
        // A title is not a type: a talk may speak of a reception.
        let title = "Reception of Rust in the kernel";
        assert_eq!(kind_of(&ev(title, "Talk"), title, 30), Kind::Talk);
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
    }
}
