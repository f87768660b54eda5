//! Reader for frab/Pentabarf/pretalx `schedule.xml` (FOSDEM's Pentabarf export included):
//! `<schedule><conference/><day><room><event/></room></day></schedule>`.
//!
//! The file is read in one pass with quick-xml, straight into raw events (no element tree):
//! only the texts the planner uses are collected. Elements of the frab schema (and FOSDEM's
//! additions) that the planner does not use are ignored quietly; anything else is counted in
//! the one "skipped" warning: unknown elements, events outside a `<day>` or `<room>`, persons
//! given as plain text, other elements inside `<persons>`, persons without a name (and, in
//! [`build`], events without a start or length).
//!
//! The element-tree reader it replaced is kept for tests (`frab_xml/tree.rs`): both must read
//! every shared export and every generated document into the same raw events, counts and
//! errors.

#[cfg(test)]
mod tree;

use super::Need;
use super::build::{self, RawConference, RawEvent, RawLink, Skipped, line_col};
use crate::error::bad_input;
use crate::schedule::{Problem, Schedule};
use crate::words::{Taken, Texts, Tokenised};
use quick_xml::XmlVersion;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
// XML's five entities only: quick-xml's `escape-html` feature (for abstracts) would make
// `resolve_predefined_entity` accept every HTML5 name in XML too.
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;
use quick_xml::events::attributes::Attribute;
use quick_xml::name::QName;
use std::borrow::Cow;

/// Elements known from the frab schema and real exports, read or deliberately ignored.
const KNOWN: &[&str] = &[
    "schedule",
    "generator",
    "version",
    "conference",
    "acronym",
    "title",
    "subtitle",
    "venue",
    "city",
    "start",
    "end",
    "days",
    "day_change",
    "timeslot_duration",
    "base_url",
    "time_zone_name",
    "tracks",
    "track",
    "rooms",
    "room",
    "day",
    "event",
    "date",
    "duration",
    "slug",
    "url",
    "recording",
    "license",
    "optout",
    "type",
    "language",
    "abstract",
    "description",
    "logo",
    "persons",
    "person",
    "links",
    "link",
    "attachments",
    "attachment",
    "feedback_url",
    "origin_url",
    "video_download_url",
    "answers",
    "color",
    "uuid",
];

/// A field whose text is collected: the conference's and an event's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Subtitle,
    Acronym,
    TimeZone,
    Venue,
    City,
    BaseUrl,
    Date,
    Start,
    Duration,
    Room,
    Track,
    Type,
    Abstract,
    Description,
    Person,
    State,
    Url,
    VideoUrl,
}

impl Field {
    /// The conference's fields, by element name.
    fn of_conference(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::Title,
            "acronym" => Field::Acronym,
            "time_zone_name" => Field::TimeZone,
            "venue" => Field::Venue,
            "city" => Field::City,
            "base_url" => Field::BaseUrl,
            _ => return None,
        })
    }

    /// An event's fields, by element name.
    fn of_event(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::Title,
            "subtitle" => Field::Subtitle,
            "date" => Field::Date,
            "start" => Field::Start,
            "duration" => Field::Duration,
            "room" => Field::Room,
            "track" => Field::Track,
            "type" => Field::Type,
            "abstract" => Field::Abstract,
            "description" => Field::Description,
            // Not in the frab schema; some exports carry it (c3voc schedule2 calls it `state`).
            "state" | "status" => Field::State,
            "url" => Field::Url,
            "video_download_url" => Field::VideoUrl,
            _ => return None,
        })
    }
}

/// The texts of one element's fields: the first element of each name counts, as written.
#[derive(Debug, Default)]
struct Fields {
    values: Vec<(Field, String)>,
}

impl Fields {
    fn set(&mut self, field: Field, text: String) {
        if !self.has(field) {
            self.values.push((field, text));
        }
    }

    fn has(&self, field: Field) -> bool {
        self.values.iter().any(|(f, _)| *f == field)
    }

    fn text(&self, field: Field) -> Option<&str> {
        let (_, text) = self.values.iter().find(|(f, _)| *f == field)?;
        Some(text)
    }

    fn take(&mut self, field: Field) -> Option<String> {
        let at = self.values.iter().position(|(f, _)| *f == field)?;
        Some(self.values.swap_remove(at).1)
    }
}

/// What an open element is to the reader.
#[derive(Debug)]
enum Frame {
    /// The `<schedule>` root.
    Schedule,
    /// `<conference>`, its fields so far.
    Conference(Fields),
    /// A `<day>` under the root: its position in the conference's days, its `date` and
    /// `start` attributes.
    Day {
        position: usize,
        date: Option<String>,
        start: Option<String>,
    },
    /// A `<room>` of a day, with its name.
    Room(String),
    /// An `<event>` of a room.
    Event(Box<EventDraft>),
    /// An event's `<persons>`: only the first one is read; whether it has child elements and
    /// text other than whitespace.
    Persons {
        read: bool,
        children: bool,
        text: bool,
    },
    /// An event's `<links>`: only the first one is read.
    Links { read: bool },
    /// A `<link>` of a read `<links>`, with its `href`; its text (the title) is collected.
    Link(Option<String>),
    /// An element whose text is collected.
    Text(Field),
    /// Anything else: read for well-formedness, otherwise unused.
    Ignored,
}

/// An event being read.
#[derive(Debug, Default)]
struct EventDraft {
    id: Option<String>,
    guid: Option<String>,
    line: usize,
    fields: Fields,
    persons: Option<Vec<String>>,
    links: Option<Vec<RawLink>>,
}

/// An open element: what it is, where its start tag begins (for its name in messages) and its
/// line.
#[derive(Debug)]
struct Open {
    frame: Frame,
    at: usize,
    line: usize,
}

/// What the reader takes from a file, before the rules shared with JSON ([`build`]) apply.
#[derive(Debug, PartialEq)]
struct Raw {
    conference: RawConference,
    events: Vec<RawEvent>,
    skipped: Skipped,
}

/// How a half's reading ended (see [`Half`]).
#[derive(Debug, Clone, Copy)]
struct Ended {
    /// Whether it stopped at the cut.
    at_cut: bool,
    /// Whether a `<conference>` was read (a later one replaces an earlier one's fields).
    conference_seen: bool,
}

/// Reads a frab/Pentabarf/pretalx XML schedule; malformed XML is an error with line and column.
///
/// The file is read in one pass, straight into raw events: only the texts the planner uses are
/// collected, every other element is checked for well-formedness and skipped. The reading runs
/// on other threads, which turn each event's abstract into text and sort its links
/// ([`build::Prepared`]) and hand the events over in batches as they close. A large file is
/// read in two halves at once, cut at a `<day>` near its middle.
pub fn read(text: &str, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    read_cut(text, source, cut_point(text), Need::Schedule).map(|(s, p, _)| (s, p))
}

/// [`read`] for a command that matches interests ([`Need::Texts`]): in a file read in two
/// halves, from [`Texts::SPLIT_FROM`] events on, their texts are tokenised on a thread of their
/// own (started before the reading, waiting) while the schedule is built without them (and its
/// topics derived), on a core that would otherwise wait. The sessions' texts are then empty until [`Tokenising::finish`] puts them back: call
/// it before anything reads an abstract.
pub fn read_tokenising(
    text: &str,
    source: &str,
) -> anyhow::Result<(Schedule, Vec<Problem>, Option<Tokenising>)> {
    read_cut(text, source, cut_point(text), Need::Texts)
}

/// The sessions' texts being tokenised ([`read_tokenising`]), in event order, a chunk at a
/// time ([`Tokenised::take_chunks`]): by another thread from the start, and by the one that
/// finishes too once it gets there ([`Tokenising::finish`]).
pub struct Tokenising {
    texts: Arc<Chunks>,
    thread: std::thread::JoinHandle<Option<Taken>>,
    /// Per session, the position of its text among those tokenised.
    order: Vec<usize>,
}

/// The texts to tokenise, and the next chunk of them to take.
struct Chunks {
    texts: Vec<String>,
    next: AtomicUsize,
}

impl Chunks {
    /// The texts, once no other thread holds them (the one that did has ended).
    fn into_texts(shared: Arc<Chunks>) -> Vec<String> {
        Arc::try_unwrap(shared)
            .map(|c| c.texts)
            .unwrap_or_else(|shared| shared.texts.clone())
    }
}

/// A thread started before the reading that waits for the texts to tokenise: one started
/// only once they are there could wait a millisecond for a core, while the schedule is built.
struct Waiting {
    texts: std::sync::mpsc::Sender<Arc<Chunks>>,
    /// What it tokenised; `None` when it was given no texts.
    thread: std::thread::JoinHandle<Option<Taken>>,
}

impl Waiting {
    /// The waiting thread, when one can be started.
    fn spawn() -> Option<Waiting> {
        let (texts, lent) = std::sync::mpsc::channel::<Arc<Chunks>>();
        let thread = std::thread::Builder::new()
            .spawn(move || {
                let chunks = lent.recv().ok()?;
                Some(Tokenised::take_chunks(&chunks.texts, &chunks.next))
            })
            .ok()?;
        Some(Waiting { texts, thread })
    }

    /// Starts tokenising `texts` (in event order) on the waiting thread; the texts back when it
    /// is gone.
    #[allow(clippy::type_complexity)] // the two halves of a `Tokenising`, named in the doc
    fn start(
        self,
        texts: Vec<String>,
    ) -> Result<(Arc<Chunks>, std::thread::JoinHandle<Option<Taken>>), Vec<String>> {
        let chunks = Arc::new(Chunks {
            texts,
            next: AtomicUsize::new(0),
        });
        match self.texts.send(Arc::clone(&chunks)) {
            Ok(()) => Ok((chunks, self.thread)),
            // Its share of the texts came back with the failed send.
            Err(_) => Err(Chunks::into_texts(chunks)),
        }
    }
}

impl Tokenising {
    /// Tokenises what is left beside the other thread, puts every session's text back into
    /// `schedule` (the one read with it), and gives the sessions' tokens in session order,
    /// ready for [`crate::words::Texts::from_tokenised`] (`None` should one be missing).
    pub fn finish(self, schedule: &mut Schedule) -> Option<Tokenised> {
        let own = Tokenised::take_chunks(&self.texts.texts, &self.texts.next);
        let helped = self
            .thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            .unwrap_or_default();
        let mut texts = Chunks::into_texts(self.texts);
        for (session, &at) in schedule.sessions.iter_mut().zip(&self.order) {
            if let Some(text) = texts.get_mut(at) {
                session.abstract_text = std::mem::take(text);
            }
        }
        Tokenised::gathered(vec![helped, own]).in_order(&self.order)
    }
}

/// [`read`] for a reading that lists problems only (`agenda check`): the same schedule and
/// problems, except that the sessions' abstracts are left empty (see
/// [`build::Prepared::without_text`]).
pub fn read_problems(text: &str, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    read_cut(text, source, cut_point(text), Need::Problems).map(|(s, p, _)| (s, p))
}

/// [`read`], in two halves when there is a `cut`, the abstracts turned into text unless for
/// [`Need::Problems`], and tokenised beside the building for [`Need::Texts`].
fn read_cut(
    text: &str,
    source: &str,
    cut: Option<usize>,
    need: Need,
) -> anyhow::Result<(Schedule, Vec<Problem>, Option<Tokenising>)> {
    let with_text = need != Need::Problems;
    // The texts of a file large enough to be cut are tokenised beside the building (below), by
    // a thread started now; a smaller file's beside its topics (`import::with_topics`).
    let waiting = (need == Need::Texts && cut.is_some())
        .then(Waiting::spawn)
        .flatten();
    let (raw, events) = std::thread::scope(|scope| {
        let gather = |events: &mut Vec<_>, batch: Vec<(RawEvent, build::Prepared)>, days| {
            events.extend(batch.into_iter().map(|(mut event, prepared)| {
                event.day = event.day.map(|d| d + days);
                (event, prepared)
            }));
        };
        let (send, batches) = std::sync::mpsc::channel();
        let sink = Sink { send, with_text };
        let first = scope.spawn(move || read_half(text, source, Half::Whole(cut), Some(sink)));
        let (send, second_batches) = std::sync::mpsc::channel();
        let sink = Sink { send, with_text };
        let second = cut
            .map(|cut| scope.spawn(move || read_half(text, source, Half::From(cut), Some(sink))));
        let mut events = Vec::new();
        for batch in batches {
            gather(&mut events, batch, 0);
        }
        let first = join(first);
        let Some(second) = second.filter(|_| first.as_ref().is_ok_and(|(_, end)| end.at_cut))
        else {
            // No cut, or the first half could not stop there: its reading is the whole file.
            // The second half stops at its next batch.
            drop(second_batches);
            return (first.map(|(raw, _)| raw), events);
        };
        let Ok((first, _)) = first else {
            unreachable!("filtered above")
        };
        let days = first.conference.days.len();
        for batch in second_batches {
            gather(&mut events, batch, days);
        }
        let second = join(second).map(|(raw, end)| joined(first, raw, end));
        (second, events)
    });
    let raw = raw?;
    let mut events = events;
    let started = match waiting.filter(|_| events.len() >= Texts::SPLIT_FROM) {
        // The texts are lent to the tokenising while the sessions are built without them
        // (nothing the building checks reads a text); they go back in `Tokenising::finish`.
        Some(waiting) => {
            let texts = events.iter_mut().map(|(_, p)| p.take_text()).collect();
            match waiting.start(texts) {
                Ok(started) => Some(started),
                Err(texts) => {
                    for ((_, prepared), text) in events.iter_mut().zip(texts) {
                        prepared.put_text(text);
                    }
                    None
                }
            }
        }
        // Not cut, or few texts (the waiting thread ends without any).
        None => None,
    };
    let built = build::build_prepared(
        raw.conference,
        events,
        raw.skipped,
        source,
        started.is_some(),
    );
    match (started, built.origins) {
        (Some((texts, thread)), Some(order)) => {
            let tokenising = Tokenising {
                texts,
                thread,
                order,
            };
            Ok((built.schedule, built.problems, Some(tokenising)))
        }
        // The texts were lent and their sessions are not known (which unique ids rule out):
        // read again, keeping them.
        (Some(_), None) => read_cut(text, source, cut, Need::Schedule),
        (None, _) => Ok((built.schedule, built.problems, None)),
    }
}

/// XML's five entity references, each with its text: `&lt;` and `&gt;` first (escaped HTML).
const FIVE: [(&str, &str); 5] = [
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&amp;", "&"),
    ("&quot;", "\""),
    ("&apos;", "'"),
];

/// What a reading thread gives back, its panic passed on.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The part of the file one reader reads.
///
/// A file is cut before a `<day>` start tag near its middle ([`cut_point`]). The first reader
/// reads from the start and stops at the cut when it is a boundary between two children of
/// `<schedule>`: every element before it is closed but the root, which is then all that the
/// reader (and quick-xml) keep open. The second reader reads the start of the file to the
/// root's start tag, then carries on at the cut: in the same state as the first reader there,
/// but for what it collected (its days and rooms come after the first reader's; its
/// `<conference>`, if any, is the later one; counts add up). When the cut is not such a
/// boundary (inside a comment, or inside another element), the first reader reads the whole
/// file on its own and the second reader's work is dropped: the result is the same either way.
#[derive(Debug, Clone, Copy)]
enum Half {
    /// From the start: to the cut when there is one and it is a boundary, else to the end.
    Whole(Option<usize>),
    /// The start tag of the root, then from the cut to the end.
    From(usize),
}

/// Below this size a file is read in one piece: a second thread would not pay for itself.
const SPLIT_FROM: usize = 256 * 1024;

/// Where a large file is cut for reading in two halves: before the `<day` of a start tag on a
/// line of its own nearest the middle of the file, the first `<day` excepted.
fn cut_point(text: &str) -> Option<usize> {
    if text.len() < SPLIT_FROM {
        return None;
    }
    nearest_day_start(text, text.len() / 2)
}

/// The [`day_starts`] nearest `middle` (the earlier of two as near), the first excepted: found
/// from `middle` outwards, not by a search of the whole file.
fn nearest_day_start(text: &str, middle: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = day_starts(text).next()?;
    // The last wholly before `middle`, then those from 3 bytes before it (a `<day` across it,
    // at most one) to the first at or after it.
    let mut near: Vec<usize> =
        memchr::memmem::rfind_iter(&bytes[..middle.min(bytes.len())], b"<day")
            .filter(|&at| at != first && is_day_start(bytes, at))
            .take(1)
            .collect();
    let from = middle.saturating_sub(3).min(bytes.len());
    for at in memchr::memmem::find_iter(&bytes[from..], b"<day").map(|at| from + at) {
        if at != first && is_day_start(bytes, at) {
            near.push(at);
            if at >= middle {
                break;
            }
        }
    }
    near.into_iter().min_by_key(|&at| at.abs_diff(middle))
}

/// Where the start tags `<day …>` that begin a line (after blanks) are, in file order.
fn day_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"<day").filter(move |&at| is_day_start(bytes, at))
}

/// Whether the `<day` at byte `at` of `bytes` is a start tag that begins a line (after blanks).
fn is_day_start(bytes: &[u8], at: usize) -> bool {
    let after = bytes.get(at + 4).copied();
    let before = bytes[..at]
        .iter()
        .rev()
        .find(|b| !matches!(b, b' ' | b'\t'))
        .copied();
    matches!(after, Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
        && matches!(before, Some(b'\n') | None)
}

/// The two halves' readings as the one reading of the whole file (see [`Half`]).
fn joined(first: Raw, second: Raw, second_ended: Ended) -> Raw {
    let days = first.conference.days.len();
    let (mut conference, mut skipped, mut events) = (first.conference, first.skipped, first.events);
    let later = second.conference;
    if second_ended.conference_seen {
        conference.title = later.title;
        conference.acronym = later.acronym;
        conference.time_zone = later.time_zone;
        conference.venue = later.venue;
        conference.city = later.city;
        conference.url = later.url;
    }
    conference.rooms.extend(later.rooms);
    conference.days.extend(later.days);
    skipped.absorb(second.skipped);
    events.extend(second.events.into_iter().map(|mut event| {
        event.day = event.day.map(|d| d + days);
        event
    }));
    Raw {
        conference,
        events,
        skipped,
    }
}

/// Reads the file into raw events and what was skipped.
#[cfg(test)]
fn read_raw(text: &str, source: &str) -> anyhow::Result<Raw> {
    read_half(text, source, Half::Whole(None), None).map(|(raw, _)| raw)
}

/// [`read_raw`] in two halves cut at `cut`, one after the other (see [`Half`]).
#[cfg(test)]
fn read_raw_cut(text: &str, source: &str, cut: usize) -> anyhow::Result<Raw> {
    let (first, end) = read_half(text, source, Half::Whole(Some(cut)), None)?;
    if !end.at_cut {
        return Ok(first);
    }
    let (second, end) = read_half(text, source, Half::From(cut), None)?;
    Ok(joined(first, second, end))
}

/// Events handed over at a time by [`read`]'s reading thread.
const BATCH: usize = 32;

/// What an event listed straight under a `<day>` without a `<room>` of its own is counted as
/// in the `skipped` warning.
const ROOMLESS: &str = "events outside a <room> naming none";

/// Reads `half` of the file into raw events and what was skipped, and whether it stopped at
/// the cut and whether it read a `<conference>`; with `sink`, the events are sent there in batches as they close, in file order,
/// and not kept.
fn read_half(
    text: &str,
    source: &str,
    half: Half,
    sink: Option<Sink>,
) -> anyhow::Result<(Raw, Ended)> {
    let mut reader = Reader::new(text, source);
    reader.sink = sink;
    match half {
        Half::Whole(cut) => reader.stop_at = cut,
        Half::From(cut) => reader.go_on_at = Some(cut),
    }
    reader.run()?;
    if let Some((name, line)) = reader.wrong_root {
        return Err(bad_input(format!(
            "{source}:{line}:1: the root element is <{name}>, not <schedule>: this is not a frab/pretalx schedule.xml"
        )));
    }
    reader.hand_over();
    Ok((
        Raw {
            conference: reader.raw,
            events: reader.events,
            skipped: reader.skipped,
        },
        Ended {
            at_cut: reader.at_cut,
            conference_seen: reader.conference_seen,
        },
    ))
}

/// Where a reading thread hands over the events it read, in batches, each with its
/// [`build::Prepared`] parts (the abstract turned into text when `with_text`).
struct Sink {
    send: std::sync::mpsc::Sender<Vec<(RawEvent, build::Prepared)>>,
    with_text: bool,
}

/// The one-pass reader's state.
struct Reader<'a> {
    text: &'a str,
    source: &'a str,
    stack: Vec<Open>,
    /// Text of the innermost collected field.
    collected: String,
    /// Whether a first element was seen, and the root's name and line when it is not `schedule`.
    seen_root: bool,
    wrong_root: Option<(String, usize)>,
    raw: RawConference,
    events: Vec<RawEvent>,
    /// Where closed events go in batches, prepared, when somewhere (see [`read`]).
    sink: Option<Sink>,
    /// Whether the sink stopped listening (the events are not wanted any more).
    sink_gone: bool,
    skipped: Skipped,
    conference_seen: bool,
    /// Where to stop when the reading gets there with only the root open (see [`Half`]).
    stop_at: Option<usize>,
    /// Whether the reading stopped there.
    at_cut: bool,
    /// Where to carry on once the root's start tag is read (see [`Half`]).
    go_on_at: Option<usize>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, source: &'a str) -> Self {
        Reader {
            text,
            source,
            stack: Vec::new(),
            collected: String::new(),
            seen_root: false,
            wrong_root: None,
            raw: RawConference::default(),
            events: Vec::new(),
            sink: None,
            sink_gone: false,
            skipped: Skipped::default(),
            conference_seen: false,
            stop_at: None,
            at_cut: false,
            go_on_at: None,
        }
    }

    /// Sends the events read so far to the sink, when there is one.
    fn hand_over(&mut self) {
        if let Some(sink) = &self.sink
            && !self.events.is_empty()
        {
            // Each event is prepared here, on the reading thread, beside the other half's
            // reading: the thread that gathers the events has nothing else to do.
            let batch = std::mem::take(&mut self.events)
                .into_iter()
                .map(|mut event| {
                    let prepared = build::Prepared::made(&mut event, sink.with_text);
                    (event, prepared)
                })
                .collect();
            // The receiver stops listening when it panicked (that panic is what counts) or
            // when this half is not wanted.
            self.sink_gone |= sink.send.send(batch).is_err();
        }
    }

    /// An error at byte `offset`, with line and column.
    fn fail(&self, offset: u64, what: String) -> anyhow::Error {
        let (line, col) = line_col(self.text, usize::try_from(offset).unwrap_or(usize::MAX));
        bad_input(format!(
            "{}:{line}:{col}: the file is not well-formed XML: {what}; fix it there or export the schedule again",
            self.source
        ))
    }

    /// Text (or CDATA, or an entity) inside the innermost element: collected in a field, noted
    /// in a `<persons>` that is read (persons as plain text are counted as skipped).
    fn text(&mut self, text: &str) {
        match self.stack.last_mut().map(|o| &mut o.frame) {
            Some(Frame::Text(_) | Frame::Link(_)) => self.collected.push_str(text),
            Some(Frame::Persons {
                read: true,
                text: seen,
                ..
            }) => *seen |= !text.trim().is_empty(),
            _ => {}
        }
    }

    /// The plain text at byte `at` (just after a start tag) to the next `<`, collected when the
    /// innermost element collects text and the text holds no reference but XML's five entities
    /// and no carriage return; how many bytes were taken (0: none, the reader reads on).
    ///
    /// An escaped HTML abstract (`&lt;p&gt;…`) is a text and two references per tag to
    /// quick-xml, each an event of its own: taken here it is one search for `<` and `&`. What
    /// is collected is what those events would collect; anything else (a character reference,
    /// another entity, a lone `&`, a line end to normalise, no `<` to end it) is left to
    /// quick-xml, which collects it or fails on it as before.
    fn plain_text(&mut self, at: u64) -> usize {
        if !matches!(
            self.stack.last().map(|o| &o.frame),
            Some(Frame::Text(_) | Frame::Link(_))
        ) {
            return 0;
        }
        let Some(rest) = usize::try_from(at).ok().and_then(|at| self.text.get(at..)) else {
            return 0;
        };
        let Some(end) = memchr::memchr2(b'<', b'\r', rest.as_bytes()) else {
            return 0;
        };
        if rest.as_bytes()[end] != b'<' {
            return 0;
        }
        let text = &rest[..end];
        let before = self.collected.len();
        let mut from = 0;
        // No reference of the five holds a `&` of its own: each `&` found begins one.
        for amp in memchr::memchr_iter(b'&', text.as_bytes()) {
            let Some((reference, entity)) = FIVE
                .iter()
                .find(|(reference, _)| text[amp..].starts_with(reference))
            else {
                self.collected.truncate(before);
                return 0;
            };
            self.collected.push_str(&text[from..amp]);
            self.collected.push_str(entity);
            from = amp + reference.len();
        }
        self.collected.push_str(&text[from..]);
        end
    }

    /// The text collected, at its size; the buffer is kept for the next field (no growing
    /// from nothing for each abstract).
    fn take_collected(&mut self) -> String {
        let text = self.collected.clone();
        self.collected.clear();
        text
    }

    /// A character or entity reference at byte `position`: its text.
    fn reference(
        &mut self,
        r: &quick_xml::events::BytesRef<'_>,
        position: u64,
    ) -> anyhow::Result<()> {
        // The five XML entities (nearly every reference, in escaped HTML abstracts) are looked
        // up by name as written: a name that holds a line end is none of them, and takes the
        // long way below.
        if let Some(entity) = resolve_xml_entity(r) {
            self.text(entity);
            return Ok(());
        }
        // Resolved everywhere, so that an unknown entity is an error wherever it is.
        let resolved = match r.resolve_char_ref() {
            Ok(Some(c)) => Some(c),
            Ok(None) => None,
            Err(e) => return Err(self.fail(position, e.to_string())),
        };
        let name = r.xml10_content();
        let entity = match resolved {
            Some(_) => None,
            None => Some(
                resolve_xml_entity(&name)
                    .ok_or_else(|| self.fail(position, format!("unknown entity &{name};")))?,
            ),
        };
        match (resolved, entity) {
            (Some(c), _) => self.text(c.encode_utf8(&mut [0; 4])),
            (None, Some(e)) => self.text(e),
            (None, None) => {}
        }
        Ok(())
    }

    /// Whether the root `<schedule>` is the one open element.
    fn only_the_root_is_open(&self) -> bool {
        matches!(
            &self.stack[..],
            [Open {
                frame: Frame::Schedule,
                ..
            }]
        )
    }

    /// Whether text inside the innermost element is looked at ([`Reader::text`]).
    fn collects_text(&self) -> bool {
        matches!(
            self.stack.last().map(|o| &o.frame),
            Some(Frame::Text(_) | Frame::Link(_) | Frame::Persons { read: true, .. })
        )
    }

    fn run(&mut self) -> anyhow::Result<()> {
        let mut reader = quick_xml::Reader::from_str(self.text);
        reader.config_mut().check_end_names = true;
        // Lines are counted incrementally: positions only grow while reading.
        let (mut counted_to, mut line) = (0usize, 1usize);
        // What to add to quick-xml's positions for positions in the file: the bytes passed
        // over by a second half (see [`Half`]).
        let mut shift = 0u64;
        loop {
            let position = reader.buffer_position() + shift;
            if let Some(cut) = self.stop_at
                && position >= cut as u64
            {
                if position == cut as u64 && self.only_the_root_is_open() {
                    self.at_cut = true;
                    return Ok(());
                }
                self.stop_at = None;
            }
            if self.sink_gone {
                return Ok(());
            }
            let event = reader
                .read_event()
                .map_err(|e| self.fail(reader.error_position() + shift, e.to_string()))?;
            match event {
                Event::Start(ref start) | Event::Empty(ref start) => {
                    let offset = usize::try_from(position).unwrap_or(0).min(self.text.len());
                    // `matches` with a char searches with memchr; offsets are at a `<`.
                    line += self
                        .text
                        .as_bytes()
                        .get(counted_to..offset)
                        .map_or(0, count_lines);
                    counted_to = offset;
                    self.open(start, offset, line)?;
                    if matches!(event, Event::Empty(_)) {
                        self.close_then_pass_blanks(&mut reader, &mut shift);
                    } else if let Some(cut) = self.go_on_at.take() {
                        // The second half: on at the cut, if this is the root and the cut
                        // lies after it; else this half has nothing to read.
                        let here = reader.buffer_position();
                        if !self.only_the_root_is_open() || here > cut as u64 {
                            self.sink_gone = true;
                            return Ok(());
                        }
                        *reader.get_mut() = &self.text.as_bytes()[cut..];
                        shift = cut as u64 - here;
                        line += self
                            .text
                            .as_bytes()
                            .get(counted_to..cut)
                            .map_or(0, count_lines);
                        counted_to = cut;
                    } else {
                        // Text the field collects, taken here when it is plain: passed over.
                        let taken = self.plain_text(reader.buffer_position() + shift);
                        let rest: &[u8] = reader.get_ref();
                        *reader.get_mut() = &rest[taken..];
                        shift += taken as u64;
                        pass_blanks(&mut reader, &mut shift, self.collects_text());
                    }
                }
                Event::End(_) => self.close_then_pass_blanks(&mut reader, &mut shift),
                // Text nothing collects (the blanks between elements, most of it) is passed
                // over without its line ends normalised: that cannot fail.
                Event::Text(t) if self.collects_text() => self.text(&t.xml10_content()),
                Event::CData(c) if self.collects_text() => self.text(&c.into_inner()),
                Event::GeneralRef(r) => self.reference(&r, position)?,
                Event::Eof => break,
                _ => {}
            }
        }
        if let Some(open) = self.stack.last() {
            return Err(self.fail(
                self.text.len() as u64,
                format!(
                    "<{}> opened on line {} is never closed",
                    local_name_at(self.text, open.at),
                    open.line
                ),
            ));
        }
        if !self.seen_root {
            return Err(self.fail(0, "there is no element at all".into()));
        }
        Ok(())
    }

    /// The innermost open element closes ([`Reader::close`]); the blanks after it are passed
    /// over ([`pass_blanks`]).
    fn close_then_pass_blanks(&mut self, reader: &mut quick_xml::Reader<&[u8]>, shift: &mut u64) {
        self.close();
        pass_blanks(reader, shift, self.collects_text());
    }

    /// An element opens: reads its attributes and decides what it is from its parent.
    fn open(
        &mut self,
        start: &quick_xml::events::BytesStart<'_>,
        at: usize,
        line: usize,
    ) -> anyhow::Result<()> {
        let local = start.local_name();
        let name = local.as_ref();
        let wanted = self.attributes(start, name, at)?;
        let frame = self.frame(name, wanted, line);
        if matches!(frame, Frame::Text(_) | Frame::Link(_)) {
            self.collected.clear();
        }
        self.stack.push(Open { frame, at, line });
        Ok(())
    }

    /// Checks every attribute of the element starting at byte `at`, and returns the few the
    /// planner uses: a `<day>`'s date, start and end, a `<room>`'s name, an `<event>`'s id and
    /// guid (the first of each).
    fn attributes(
        &self,
        start: &quick_xml::events::BytesStart<'_>,
        name: &str,
        at: usize,
    ) -> anyhow::Result<[Option<String>; 3]> {
        let position = at as u64;
        let mut wanted: [Option<String>; 3] = [None, None, None];
        let keys: &[&str] = match name {
            "day" => &["date", "start", "end"],
            "room" => &["name"],
            "event" => &["id", "guid"],
            "link" => &["href"],
            _ => &[],
        };
        let mut take = |attr: Attribute<'_>| -> anyhow::Result<()> {
            let key = attr.key.local_name();
            let wanted_at = keys
                .iter()
                .position(|k| *k == key.as_ref())
                .filter(|&k| wanted[k].is_none());
            let bytes = attr.value.as_bytes();
            let reference = memchr::memchr(b'&', bytes).is_some();
            // Only a reference can make a value fail to normalise: a value nobody reads that
            // holds none is passed over.
            if wanted_at.is_none() && !reference {
                return Ok(());
            }
            // Normalising (XML 1.0, 3.3.3) changes only references, tabs and line ends: a
            // value without any (nearly every one) is kept as it is, found with `memchr`
            // instead of byte by byte.
            let value = if !reference && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none() {
                attr.value
            } else {
                attr.normalized_value_with(XmlVersion::Implicit1_0, 1, resolve_xml_entity)
                    .map_err(|e| self.fail(position, e.to_string()))?
            };
            if let Some(k) = wanted_at {
                wanted[k] = Some(value.into_owned());
            }
            Ok(())
        };
        let content: &str = start;
        match plain_attributes(content, start.name().0.len()) {
            Some((plain, count)) => {
                for &(key, value) in &plain[..count] {
                    take(Attribute {
                        key: QName(key),
                        value: Cow::Borrowed(value),
                    })?;
                }
            }
            None => {
                for attr in start.attributes() {
                    take(attr.map_err(|e| self.fail(position, e.to_string()))?)?;
                }
            }
        }
        Ok(wanted)
    }

    /// What an element named `name` is, from its parent (the innermost open element), with
    /// its wanted attributes; counts what is skipped.
    fn frame(&mut self, name: &str, wanted: [Option<String>; 3], line: usize) -> Frame {
        let [first, second, third] = wanted;
        match self.stack.last_mut().map(|o| &mut o.frame) {
            None => self.root(name, line),
            Some(Frame::Schedule) => self.in_schedule(name, [first, second, third]),
            Some(Frame::Conference(fields)) => match Field::of_conference(name) {
                Some(f) if !fields.has(f) => Frame::Text(f),
                Some(_) => Frame::Ignored,
                None => self.other(name),
            },
            Some(Frame::Day { .. }) => match name {
                "room" => {
                    let room = first.unwrap_or_default();
                    self.raw.rooms.push(room.clone());
                    Frame::Room(room)
                }
                // Old Pentabarf exports (FOSDEM before 2013) list events straight under the
                // day, each naming its room (one naming none is counted when it closes).
                "event" => Frame::Event(Box::new(EventDraft {
                    id: first,
                    guid: second,
                    line,
                    ..EventDraft::default()
                })),
                _ => self.other(name),
            },
            Some(Frame::Room(_)) if name == "event" => Frame::Event(Box::new(EventDraft {
                id: first,
                guid: second,
                line,
                ..EventDraft::default()
            })),
            Some(Frame::Room(_)) => self.other(name),
            Some(Frame::Event(draft)) => match in_event(draft, name) {
                Some(frame) => frame,
                None => self.other(name),
            },
            Some(Frame::Persons {
                read: true,
                children,
                ..
            }) => {
                *children = true;
                if name == "person" {
                    Frame::Text(Field::Person)
                } else {
                    self.skipped
                        .add(format!("<{name}> elements inside <persons>"));
                    Frame::Ignored
                }
            }
            Some(Frame::Links { read: true }) if name == "link" => Frame::Link(first),
            Some(_) => Frame::Ignored,
        }
    }

    /// The outermost element: it must be `<schedule>` (a second root is ignored).
    fn root(&mut self, name: &str, line: usize) -> Frame {
        if self.seen_root {
            return Frame::Ignored;
        }
        self.seen_root = true;
        if name == "schedule" {
            Frame::Schedule
        } else {
            self.wrong_root = Some((name.to_string(), line));
            Frame::Ignored
        }
    }

    /// A child of `<schedule>`: the conference, or a day with its date, start and end.
    fn in_schedule(&mut self, name: &str, wanted: [Option<String>; 3]) -> Frame {
        let [date, start, end] = wanted;
        match name {
            "conference" => Frame::Conference(Fields::default()),
            "event" => {
                self.skipped.add("events outside a <day> and <room>");
                Frame::Ignored
            }
            "day" => {
                let position = self.raw.days.len();
                self.raw.days.push(build::RawDay {
                    date: date.clone(),
                    start: start.clone(),
                    end,
                });
                Frame::Day {
                    position,
                    date,
                    start,
                }
            }
            _ => self.other(name),
        }
    }

    /// An element the planner does not read here: ignored, and counted when no known export
    /// uses it.
    fn other(&mut self, name: &str) -> Frame {
        if !KNOWN.contains(&name) {
            self.skip(name);
        }
        Frame::Ignored
    }

    /// Counts an element no known export uses.
    fn skip(&mut self, name: &str) {
        self.skipped.add(format!("unknown <{name}> elements"));
    }

    /// The innermost open element closes: its text or event goes to its parent.
    fn close(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        match open.frame {
            Frame::Text(field) => self.close_text(field),
            Frame::Persons {
                read: true,
                children: false,
                text: true,
            } => self
                .skipped
                .add("<persons> given as plain text, not <person> elements"),
            Frame::Conference(fields) => self.close_conference(fields),
            Frame::Event(draft) => self.close_event(*draft),
            Frame::Link(href) => {
                let title = self.take_collected();
                if let Some(Open {
                    frame: Frame::Event(draft),
                    ..
                }) = self.stack.iter_mut().rev().nth(1)
                    && let (Some(links), Some(url)) = (&mut draft.links, href)
                {
                    links.push(RawLink {
                        url,
                        title,
                        kind: None,
                    });
                }
            }
            _ => {}
        }
    }

    /// A text element closes: its text goes to the conference's or event's field, or is one
    /// more person of the event (a blank name is counted as skipped).
    fn close_text(&mut self, field: Field) {
        let text = self.take_collected();
        match self.stack.last_mut().map(|o| &mut o.frame) {
            Some(Frame::Conference(fields)) => fields.set(field, text),
            Some(Frame::Event(draft)) => draft.fields.set(field, text),
            Some(Frame::Persons { .. }) if text.trim().is_empty() => {
                self.skipped.add("persons without a name");
            }
            Some(Frame::Persons { .. }) => {
                if let Some(Open {
                    frame: Frame::Event(draft),
                    ..
                }) = self.stack.iter_mut().rev().nth(1)
                    && let Some(persons) = &mut draft.persons
                {
                    persons.push(text);
                }
            }
            _ => {}
        }
    }

    /// `<conference>` closes: its fields become the schedule's title, acronym, zone, venue,
    /// city and base URL.
    fn close_conference(&mut self, mut fields: Fields) {
        self.conference_seen = true;
        self.raw.title = fields.take(Field::Title).unwrap_or_default();
        self.raw.acronym = fields.take(Field::Acronym).unwrap_or_default();
        self.raw.time_zone = fields.take(Field::TimeZone);
        self.raw.venue = fields.take(Field::Venue).unwrap_or_default();
        self.raw.city = fields.take(Field::City).unwrap_or_default();
        self.raw.url = fields.take(Field::BaseUrl);
    }

    /// Where a closing `<event>` is: its `<room>`'s name (empty straight under a `<day>`), its
    /// day's position, `date` and `start`, and whether it is inside a `<room>`.
    fn place(&self) -> (String, Option<usize>, Option<String>, Option<String>, bool) {
        let (room, outer) = match self.stack.split_last() {
            Some((
                Open {
                    frame: Frame::Room(room),
                    ..
                },
                outer,
            )) => (Some(room), outer),
            _ => (None, &self.stack[..]),
        };
        match outer.last() {
            Some(Open {
                frame:
                    Frame::Day {
                        position,
                        date,
                        start,
                    },
                ..
            }) => (
                room.cloned().unwrap_or_default(),
                Some(*position),
                date.clone(),
                start.clone(),
                room.is_some(),
            ),
            _ => (String::new(), None, None, None, true),
        }
    }

    /// `<event>` closes: it becomes a raw event, with the day and room it is inside.
    fn close_event(&mut self, draft: EventDraft) {
        let EventDraft {
            id,
            guid,
            line,
            mut fields,
            persons,
            links,
        } = draft;
        let (room_name, day, day_date, day_start, in_room) = self.place();
        if !in_room && fields.text(Field::Room).is_none_or(|r| r.trim().is_empty()) {
            self.skipped.add(ROOMLESS);
            return;
        }
        self.events.push(RawEvent {
            id,
            guid,
            date: fields.take(Field::Date),
            day,
            day_date,
            day_start,
            start: fields.take(Field::Start),
            duration: fields.take(Field::Duration),
            room: fields
                .take(Field::Room)
                .filter(|r| !r.trim().is_empty())
                .unwrap_or(room_name),
            title: fields.take(Field::Title).unwrap_or_default(),
            subtitle: fields.take(Field::Subtitle).unwrap_or_default(),
            track: fields.take(Field::Track).filter(|t| !t.trim().is_empty()),
            kind: fields.take(Field::Type),
            persons: persons.unwrap_or_default(),
            abstract_text: fields.take(Field::Abstract).unwrap_or_default(),
            description: fields.take(Field::Description).unwrap_or_default(),
            status: fields.take(Field::State),
            line: Some(line),
            url: fields.take(Field::Url),
            links: build::with_video_download(
                links.unwrap_or_default(),
                fields.take(Field::VideoUrl),
            ),
        });
        if self.events.len() >= BATCH {
            self.hand_over();
        }
    }
}

/// Passes over the blanks after a tag up to the next `<`, when the element they are in does
/// not look at its text (`collects` false): nearly every text of an export is the indentation
/// between its tags, which quick-xml would give as an event of its own, checked as UTF-8 a
/// second time, only for it to be dropped. Anything else (a text that is not only blanks, or
/// blanks to the end of the file) is left to quick-xml. Nothing is passed over after a `<`, so
/// a reading still stops at the cut (a `<day`, see [`Half`]), and blanks cannot fail.
fn pass_blanks(reader: &mut quick_xml::Reader<&[u8]>, shift: &mut u64, collects: bool) {
    if collects {
        return;
    }
    let rest: &[u8] = reader.get_ref();
    let blanks = blanks_to_markup(rest);
    if blanks > 0 {
        *reader.get_mut() = &rest[blanks..];
        *shift += blanks as u64;
    }
}

/// Whether `b` is one of XML's blanks (its `S`: space, tab, carriage return, line feed; not a
/// form feed, unlike [`u8::is_ascii_whitespace`]).
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// How many blanks (space, tab, carriage return, line feed) `bytes` starts with when a `<`
/// follows them; 0 when anything else does, or nothing.
fn blanks_to_markup(bytes: &[u8]) -> usize {
    let blanks = bytes
        .iter()
        .position(|&b| !is_blank(b))
        .unwrap_or(bytes.len());
    if bytes.get(blanks) == Some(&b'<') {
        blanks
    } else {
        0
    }
}

/// At most this many attributes of an element are split by [`plain_attributes`].
const PLAIN_ATTRIBUTES: usize = 8;

/// The attributes of a start tag's `content` (the tag without its `<` and `>`, its name the
/// first `name_len` bytes), as quick-xml's iterator gives them, when every one is
/// `key="value"` or `key='value'` (blanks allowed around `=`, none needed between two) and no
/// key is repeated: each value's closing quote is found with memchr, not byte by byte (a link's
/// address is most of its tag). `None` for anything else (a key without `=` or value, an
/// unquoted or unclosed value, a repeated key, more than [`PLAIN_ATTRIBUTES`]): quick-xml
/// reads those, and says what is wrong.
fn plain_attributes(
    content: &str,
    name_len: usize,
) -> Option<([(&str, &str); PLAIN_ATTRIBUTES], usize)> {
    let bytes = content.as_bytes();
    let blanks = |from: usize| bytes[from..].iter().take_while(|&&b| is_blank(b)).count();
    let mut found = [("", ""); PLAIN_ATTRIBUTES];
    let mut count = 0;
    let mut at = name_len.min(bytes.len());
    loop {
        at += blanks(at);
        if at == bytes.len() {
            return Some((found, count));
        }
        // A key is its first byte whatever it is (quick-xml's), then up to `=` or a blank.
        let key_start = at;
        at += 1;
        at += bytes[at..]
            .iter()
            .take_while(|&&b| b != b'=' && !is_blank(b))
            .count();
        let key = content.get(key_start..at)?;
        at += blanks(at);
        if bytes.get(at) != Some(&b'=') {
            return None;
        }
        at += 1;
        at += blanks(at);
        let quote = *bytes.get(at).filter(|q| matches!(q, b'"' | b'\''))?;
        let value_start = at + 1;
        let end = value_start + memchr::memchr(quote, &bytes[value_start..])?;
        if count == PLAIN_ATTRIBUTES || found[..count].iter().any(|&(k, _)| k == key) {
            return None;
        }
        found[count] = (key, &content[value_start..end]);
        count += 1;
        at = end + 1;
    }
}

/// How many line feeds `bytes` holds: counted in a byte per block of 255, which the compiler
/// turns into vector instructions.
fn count_lines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            let feeds = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
            usize::from(feeds)
        })
        .sum()
}

/// The local name (without a namespace prefix) of the element whose start tag begins at byte
/// `at` of `text`, for messages.
fn local_name_at(text: &str, at: usize) -> &str {
    let tag = text.get(at..).unwrap_or_default().trim_start_matches('<');
    let end = tag
        .find(|c: char| c.is_whitespace() || matches!(c, '/' | '>'))
        .unwrap_or(tag.len());
    let name = &tag[..end];
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// A child of an `<event>`: one of its text fields (the first of each), or its `<persons>`;
/// `None` for anything else.
fn in_event(draft: &mut EventDraft, name: &str) -> Option<Frame> {
    match Field::of_event(name) {
        Some(f) if !draft.fields.has(f) => Some(Frame::Text(f)),
        Some(_) => Some(Frame::Ignored),
        None if name == "links" => {
            let read = draft.links.is_none();
            if read {
                draft.links = Some(Vec::new());
            }
            Some(Frame::Links { read })
        }
        None if name == "persons" => {
            let read = draft.persons.is_none();
            if read {
                draft.persons = Some(Vec::new());
            }
            Some(Frame::Persons {
                read,
                children: false,
                text: false,
            })
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{
        PLAIN_ATTRIBUTES, blanks_to_markup, day_starts, plain_attributes, read_cut, read_raw,
        read_raw_cut, tree,
    };
    use proptest::prelude::*;

    /// Both readers give the same raw events, counts and errors for `text`, and so does the
    /// one-pass reader in two halves, cut before any `<` or `&` of a small `text`.
    fn same_as_the_tree_reader(text: &str) {
        let one_pass = read_raw(text, "t.xml").map_err(|e| e.to_string());
        let reference = tree::read_raw(text, "t.xml").map_err(|e| e.to_string());
        assert_eq!(one_pass, reference, "{text}");
        if text.len() > 4096 {
            // A shared export: cut at its days (`every_shared_export_reads_alike_in_two_halves`).
            return;
        }
        for (cut, _) in text.match_indices(['<', '&']) {
            let halves = read_raw_cut(text, "t.xml", cut).map_err(|e| e.to_string());
            assert_eq!(halves, reference, "cut at {cut}: {text}");
        }
    }

    /// The schedule and warnings (or the error) [`super::read`] makes of `text`.
    fn schedule_read(text: &str, cut: Option<usize>) -> String {
        format!(
            "{:?}",
            read_cut(text, "t.xml", cut, super::Need::Schedule)
                .map(|(schedule, problems, _)| (schedule, problems))
                .map_err(|e| e.to_string())
        )
    }

    proptest! {
        /// Attributes split in one pass are those quick-xml's iterator gives, without an error;
        /// and every list it gives without an error (of up to eight) is split so.
        #[test]
        fn plain_attributes_are_quick_xmls_whenever_it_finds_no_fault(
            content in "e( |\t|\r|\n|a|b|c:d|=|\"|'|x|&|;|<|\u{e9}|\"v\"|'w'| a=\"u\"|b='t'){0,14}",
        ) {
            let start = quick_xml::events::BytesStart::from_content(content.as_str(), 1);
            let theirs: Result<Vec<(String, String)>, _> = start
                .attributes()
                .map(|a| a.map(|a| (a.key.0.to_string(), a.value.to_string())))
                .collect();
            let ours = plain_attributes(&content, 1).map(|(found, count)| {
                found[..count]
                    .iter()
                    .map(|&(k, v)| (k.to_string(), v.to_string()))
                    .collect::<Vec<_>>()
            });
            match (&ours, &theirs) {
                (Some(ours), Ok(theirs)) => prop_assert_eq!(ours, theirs),
                (Some(_), Err(e)) => prop_assert!(false, "split, but quick-xml finds {e}"),
                (None, Ok(theirs)) => prop_assert!(theirs.len() > PLAIN_ATTRIBUTES),
                (None, Err(_)) => {}
            }
        }

        /// The blanks passed over after a tag are a text quick-xml would give whole up to a
        /// `<`, holding nothing but XML's blanks (a form feed or a no-break space is none).
        #[test]
        fn blanks_are_passed_over_only_when_markup_follows_them(
            text in "[ \t\r\n\x0ca<&\u{a0}]{0,12}",
        ) {
            let bytes = text.as_bytes();
            let expected = match memchr::memchr2(b'<', b'&', bytes) {
                Some(at) if bytes[at] == b'<'
                    && text[..at].trim_matches([' ', '\t', '\r', '\n']).is_empty() => at,
                _ => 0,
            };
            prop_assert_eq!(blanks_to_markup(bytes), expected);
        }

        /// The day start nearest a point, found from it outwards, is the one a search of the
        /// whole file finds (the first excepted, the earlier of two as near).
        #[test]
        fn the_nearest_day_start_is_found_from_the_middle_outwards(
            pieces in prop::collection::vec(
                prop::sample::select(vec!["<day ", "<day>", "<days", "\n", "  ", "x", "<day\n", "\n<day/"]),
                0..24,
            ),
        ) {
            let text: String = pieces.concat();
            for middle in 0..=text.len() {
                let whole = day_starts(&text).skip(1).min_by_key(|&at| at.abs_diff(middle));
                prop_assert_eq!(super::nearest_day_start(&text, middle), whole, "{:?} at {}", text, middle);
            }
        }
    }

    #[test]
    fn a_large_export_is_cut_before_the_day_nearest_its_middle() {
        let day = "  <day date='2025-02-01'>\n    <room name='A'/>\n  </day>\n";
        let filler = format!("<!--{}-->\n", "x".repeat(super::SPLIT_FROM));
        let text = format!("<schedule>\n{day}{filler}{day}{day}<!-- <day x --></schedule>\n");
        let starts: Vec<usize> = day_starts(&text).collect();
        assert_eq!(
            starts.len(),
            3,
            "the one inside the comment is not on a line of its own"
        );
        assert_eq!(super::cut_point(&text), Some(starts[1]));
        assert_eq!(
            super::cut_point(&text[..1000]),
            None,
            "a small file is read whole"
        );
    }

    #[test]
    fn every_shared_export_reads_alike_in_two_halves() {
        for (name, text) in crate::import::shared_exports(&["xml"]) {
            let whole = schedule_read(&text, None);
            for cut in day_starts(&text) {
                let halves = read_raw_cut(&text, &name, cut).unwrap();
                assert_eq!(
                    halves,
                    read_raw(&text, &name).unwrap(),
                    "{name} cut at {cut}"
                );
                assert_eq!(
                    schedule_read(&text, Some(cut)),
                    whole,
                    "{name} cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn reading_for_problems_only_gives_the_same_schedule_and_problems_without_abstracts() {
        let tiny = include_str!("../../tests/fixtures/import/tiny.xml");
        let malformed = include_str!("../../tests/fixtures/import/malformed.xml");
        let mut texts = vec![("tiny".to_string(), tiny.to_string())];
        texts.push(("malformed".into(), malformed.into()));
        texts.extend(crate::import::shared_exports(&["xml"]));
        let mut abstracts = 0;
        for (name, text) in texts {
            let full = super::read(&text, &name).map_err(|e| e.to_string());
            let problems_only = super::read_problems(&text, &name).map_err(|e| e.to_string());
            let (full, problems_only) = match (full, problems_only) {
                (Ok(full), Ok(problems_only)) => (full, problems_only),
                (full, problems_only) => {
                    assert_eq!(full.map(|_| ()), problems_only.map(|_| ()), "{name}");
                    continue;
                }
            };
            assert_eq!(full.1, problems_only.1, "{name}: the problems");
            let mut emptied = full.0.clone();
            for session in &mut emptied.sessions {
                abstracts += usize::from(!session.abstract_text.is_empty());
                session.abstract_text.clear();
            }
            assert_eq!(emptied, problems_only.0, "{name}: all but the abstracts");
        }
        assert!(
            abstracts > 0,
            "some abstract was read, so leaving them out was tried"
        );
    }

    #[test]
    fn the_fixtures_read_alike_in_two_halves_wherever_they_are_cut() {
        let tiny = include_str!("../../tests/fixtures/import/tiny.xml");
        let malformed = include_str!("../../tests/fixtures/import/malformed.xml");
        let two_conferences = tiny.replace(
            "</schedule>",
            "<conference><title>Later</title></conference></schedule>",
        );
        let two_days = tiny.replace(
            "</schedule>",
            "  <day date='2025-03-02'><room name='Side'><event id='3'><start>10:00</start>\
             <duration>00:30</duration><title>Second</title></event></room></day>\n\
             <mood/></schedule>",
        );
        for text in [tiny, malformed, &two_conferences, &two_days] {
            let whole = schedule_read(text, None);
            for cut in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                assert_eq!(
                    schedule_read(text, Some(cut)),
                    whole,
                    "cut at {cut}: {text}"
                );
            }
        }
    }

    #[test]
    fn every_shared_export_reads_as_the_tree_reader_reads_it() {
        for (name, text) in crate::import::shared_exports(&["xml"]) {
            let raw = read_raw(&text, &name).unwrap();
            assert!(!raw.events.is_empty(), "{name}");
            same_as_the_tree_reader(&text);
        }
    }

    #[test]
    fn only_the_five_xml_entities_are_known_in_text_and_attributes() {
        let in_text =
            "<schedule><conference><title>A &amp; B &eacute;</title></conference></schedule>";
        let in_attribute = "<schedule><day date=\"&nbsp;\"/></schedule>";
        for text in [in_text, in_attribute] {
            let err = read_raw(text, "t.xml").unwrap_err().to_string();
            assert!(err.contains("t.xml:1:"), "{err}");
            same_as_the_tree_reader(text);
        }
        let err = read_raw(in_text, "t.xml").unwrap_err().to_string();
        assert!(err.contains("unknown entity &eacute;"), "{err}");
        same_as_the_tree_reader("<schedule><day date=\"&lt;&amp;&gt;&quot;&apos;\"/></schedule>");
    }

    /// Text taken at once ([`Reader::plain_text`]) and text left to quick-xml read alike:
    /// plain, with the five entities, then each thing that leaves it to quick-xml.
    #[test]
    fn texts_read_alike_taken_at_once_or_event_by_event() {
        let tiny = include_str!("../../tests/fixtures/import/tiny.xml");
        let abstracts = [
            "",
            "plain",
            " &lt;p&gt;a &amp;amp; &quot;b&apos; &gt;&lt;/p&gt; ",
            "&lt;p&gt;a&#10;b&#x41;&lt;/p&gt;",
            "a\r\nb &lt;i&gt;\rc",
            "a &nbsp; b",
            "a & b",
            "a &amp b",
            "a &lt;<![CDATA[<b>]]>&gt; <b>bold</b> &lt;",
            "&lt;p&gt;runs to the end of the file",
        ];
        for text in abstracts {
            let document = tiny.replace("Goroutines &amp;amp; channels.", text);
            same_as_the_tree_reader(&document);
            let cut = document.find("&lt;p&gt;runs").map(|at| &document[..at]);
            if let Some(cut) = cut {
                same_as_the_tree_reader(&format!("{cut}&lt;p&gt;runs"));
            }
        }
    }

    /// An event's `<subtitle>` is read by both readers and kept with the session, its blanks
    /// single spaces; an empty one, or one the title already holds, is none.
    #[test]
    fn a_subtitle_is_read_and_kept_with_its_session() {
        let tiny = include_str!("../../tests/fixtures/import/tiny.xml");
        let with = |first: &str, second: &str| {
            tiny.replace(
                "<title>Late &amp; great</title>",
                &format!("<title>Late &amp; great</title><subtitle>{first}</subtitle>"),
            )
            .replace(
                "<title>After midnight</title>",
                &format!("<title>After midnight</title><subtitle>{second}</subtitle>"),
            )
        };
        let document = with("Encrypted  channels, &amp; more", "  ");
        same_as_the_tree_reader(&document);
        let raw = read_raw(&document, "t.xml").unwrap();
        assert_eq!(raw.events[0].subtitle, "Encrypted  channels, & more");
        let (schedule, _) = super::read(&document, "t.xml").unwrap();
        let session = |id: &str| schedule.get(id).unwrap();
        assert_eq!(session("1").subtitle, "Encrypted channels, & more");
        assert_eq!(session("1").title, "Late & great");
        assert_eq!(session("1").abstract_text, "Goroutines & channels.");
        assert_eq!(session("2").subtitle, "", "a blank subtitle");
        let (schedule, _) = super::read(&with("late &amp; GREAT", "x"), "t.xml").unwrap();
        assert_eq!(
            schedule.get("1").unwrap().subtitle,
            "",
            "the title holds it already"
        );
    }

    #[test]
    fn the_fixtures_and_their_doubtful_variants_read_alike() {
        let tiny = include_str!("../../tests/fixtures/import/tiny.xml");
        let malformed = include_str!("../../tests/fixtures/import/malformed.xml");
        let variants = [
            tiny.to_string(),
            malformed.to_string(),
            tiny.replace("<persons></persons>", "<persons>Edgar Codd</persons>"),
            tiny.replace(
                "<person id='2'>Ken</person>",
                "<person id='2'>Ken</person><speaker>Dennis</speaker><person/>",
            ),
            tiny.replace(
                "    <room name='Main Hall'>",
                "    <event id='99'><title>Roomless</title></event>\n    <room name='Main Hall'>",
            ),
            tiny.replace(
                "</schedule>",
                "<event id='98'><title>Stray</title></event></schedule>",
            ),
            tiny.replace("</schedule>", ""),
            tiny.replace("<schedule>", "<timetable>")
                .replace("</schedule>", "</timetable>"),
            tiny.replace("&amp;", "&nbsp;"),
        ];
        for text in &variants {
            same_as_the_tree_reader(text);
        }
        let raw = read_raw(&variants[3], "t.xml").unwrap();
        assert_eq!(
            raw.skipped.total(),
            4,
            "sponsor, mood, speaker and the empty person"
        );
    }

    /// An element of a generated document: name, attributes, and content (text or elements).
    #[derive(Debug, Clone)]
    struct Node {
        name: &'static str,
        attributes: Vec<(&'static str, &'static str)>,
        content: Vec<Content>,
    }

    #[derive(Debug, Clone)]
    enum Content {
        Text(&'static str),
        Element(Node),
    }

    /// Element names by nesting level below the root, as exports nest them, with strays
    /// (unknown names, events in the wrong place, elements inside `<persons>`) mixed in.
    const LEVELS: &[&[&str]] = &[
        &["conference", "day", "day", "event", "mood", "version"],
        &["room", "room", "event", "title", "mood", "acronym"],
        &["event", "event", "title", "mood"],
        &[
            "title", "start", "duration", "persons", "abstract", "track", "mood", "links",
        ],
        &["person", "person", "speaker", "link", "b"],
        &["b", "title", "person"],
    ];
    const ATTRIBUTES: &[(&str, &str)] = &[
        ("name", "Hall"),
        // Values that normalise to something else (tabs and line ends become blanks,
        // references are resolved) or fail to.
        ("name", "Main\tHall\r\n"),
        ("name", "Main\rHall\n"),
        ("name", "A&amp;B&#10;C"),
        ("guid", "g&unknown;"),
        ("id", "7"),
        ("guid", "g"),
        ("date", "2025-02-01"),
        ("start", "09:00"),
        ("end", "18:00"),
    ];
    const TEXTS: &[&str] = &[
        "",
        " ",
        "\n  ",
        "Ada",
        "10:00",
        "&amp;",
        "&#32;",
        "&#x41;",
        "<![CDATA[Grace]]>",
        "<![CDATA[ ]]>",
        "a &lt; b",
        // Escaped HTML, as abstracts are, plain and with what plain text must not hold.
        "&lt;p&gt;Ada &amp;amp; &quot;Grace&apos;&lt;/p&gt;",
        "&lt;p&gt;a&#10;b&lt;/p&gt;",
        "a\r\nb &gt;",
    ];

    /// An element at `level` below the root.
    fn node(level: usize) -> BoxedStrategy<Node> {
        let names = LEVELS[level.min(LEVELS.len() - 1)];
        let text = || prop::sample::select(TEXTS).prop_map(Content::Text);
        let content = if level + 1 < LEVELS.len() {
            prop::collection::vec(
                prop_oneof![text(), node(level + 1).prop_map(Content::Element)],
                0..5,
            )
            .boxed()
        } else {
            prop::collection::vec(text(), 0..2).boxed()
        };
        (
            prop::sample::select(names),
            prop::collection::vec(prop::sample::select(ATTRIBUTES), 0..3),
            content,
        )
            .prop_map(|(name, attributes, content)| Node {
                name,
                attributes,
                content,
            })
            .boxed()
    }

    fn render(node: &Node, out: &mut String) {
        out.push('<');
        out.push_str(node.name);
        let mut seen = Vec::new();
        for (k, v) in &node.attributes {
            // A repeated attribute is malformed XML: both readers refuse it alike, but a
            // document is more useful when it reads.
            if !seen.contains(k) {
                seen.push(*k);
                out.push_str(&format!(" {k}='{v}'"));
            }
        }
        if node.content.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for c in &node.content {
            match c {
                Content::Text(t) => out.push_str(t),
                Content::Element(e) => render(e, out),
            }
        }
        out.push_str(&format!("</{}>", node.name));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn generated_documents_read_as_the_tree_reader_reads_them(
            body in prop::collection::vec(node(0), 0..5),
            root_is_schedule in prop::bool::weighted(0.9),
        ) {
            let root = if root_is_schedule { "schedule" } else { "timetable" };
            let mut text = format!("<?xml version='1.0'?>\n<{root}>\n");
            for n in &body {
                render(n, &mut text);
                text.push('\n');
            }
            text.push_str(&format!("</{root}>\n"));
            same_as_the_tree_reader(&text);
        }
    }
}
