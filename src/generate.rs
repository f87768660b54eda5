//! Generated conferences of any size, for benchmarks and tests: `agenda generate`.
//!
//! A generated schedule looks like a real one: every room-day has a morning coffee break, lunch
//! and an afternoon coffee break at the same time in every room; rooms open and close at
//! different times; talks last 5, 25, 40 or 50 minutes on a 5-minute grid, with short gaps
//! between them; topics come from a fixed vocabulary where a few tags are popular and most are
//! rare (Zipf-like, weight 1/rank). The same [`Params`] always give the same schedule: the only
//! randomness is [`SplitMix64`] seeded with [`Params::seed`], and all arithmetic is on integers.

use crate::error::bad_input;
use crate::schedule::{Conference, Kind, Schedule, Session};
use chrono::{Duration, NaiveDate, NaiveTime};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Number of talks (lightning talks included; breaks not).
    pub talks: usize,
    /// Number of rooms.
    pub rooms: usize,
    /// Number of days.
    pub days: usize,
    /// Seed of the random generator.
    pub seed: u64,
    /// Days run past midnight: rooms close between 02:00 and 04:00 the next morning, so some
    /// talks cross midnight and the nights belong to the conference day before.
    pub nights: bool,
}

/// Most rooms a generated conference may have.
pub const MAX_ROOMS: usize = 500;
/// Most days a generated conference may have.
pub const MAX_DAYS: usize = 31;

/// Talk lengths in minutes, shortest first, with their relative frequency.
pub const LENGTHS: [(u32, u64); 4] = [(5, 12), (25, 40), (40, 28), (50, 20)];

/// The fixed breaks of every day: (title, start minute of day, minutes).
const BREAKS: [(&str, u32, u32); 3] = [
    ("Coffee break", 10 * 60 + 30, 30),
    ("Lunch", 12 * 60 + 30, 60),
    ("Coffee break", 15 * 60 + 30, 30),
];
/// Earliest opening of a room (minute of day); each room opens up to an hour later.
const EARLIEST_OPEN: u32 = 9 * 60;
/// Earliest closing of a room (minute of day); each room closes up to two hours later.
const EARLIEST_CLOSE: u32 = 17 * 60;
/// With nights: earliest closing of a room, in minutes from the morning's midnight (02:00 the
/// next day); each room closes up to two hours later, by the 04:00 day change.
const NIGHT_CLOSE: u32 = 26 * 60;

/// Topic vocabulary, most popular first: the rank-k tag is drawn with weight 1/k.
pub const TOPICS: [&str; 96] = [
    "linux",
    "kernel",
    "security",
    "containers",
    "networking",
    "rust",
    "systemd",
    "storage",
    "performance",
    "testing",
    "packaging",
    "boot",
    "virtualization",
    "community",
    "bpf",
    "observability",
    "distributions",
    "embedded",
    "python",
    "go",
    "filesystems",
    "databases",
    "cloud",
    "desktop",
    "graphics",
    "firmware",
    "compilers",
    "debugging",
    "documentation",
    "tpm",
    "sandboxing",
    "scheduling",
    "memory",
    "web",
    "javascript",
    "accessibility",
    "legal",
    "licensing",
    "hardware",
    "risc-v",
    "arm",
    "audio",
    "video",
    "gaming",
    "science",
    "hpc",
    "ai",
    "machine-learning",
    "privacy",
    "cryptography",
    "identity",
    "email",
    "dns",
    "ipv6",
    "wireless",
    "bluetooth",
    "usb",
    "printing",
    "fonts",
    "i18n",
    "mobile",
    "android",
    "automotive",
    "robotics",
    "iot",
    "geospatial",
    "education",
    "design",
    "ux",
    "governance",
    "funding",
    "mentoring",
    "release-engineering",
    "ci",
    "reproducible-builds",
    "supply-chain",
    "sbom",
    "nix",
    "guix",
    "wasm",
    "erlang",
    "haskell",
    "ocaml",
    "julia",
    "llvm",
    "gcc",
    "perl",
    "ruby",
    "java",
    "kotlin",
    "swift",
    "tex",
    "music",
    "retrocomputing",
    "open-data",
    "open-hardware",
];

const FIRST_NAMES: [&str; 24] = [
    "Ada", "Bram", "Chloé", "Dmitri", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal",
    "Lena", "Mateo", "Nadia", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tanvi", "Ugo", "Vera",
    "Wen", "Yara",
];
const LAST_NAMES: [&str; 24] = [
    "Almeida",
    "Berg",
    "Chen",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Weber",
    "Zhang",
];
const OPENERS: [&str; 10] = [
    "Scaling",
    "Debugging",
    "Rethinking",
    "Securing",
    "Testing",
    "Shipping",
    "Measuring",
    "Untangling",
    "Porting",
    "Automating",
];
const TAILS: [&str; 8] = [
    "lessons from production",
    "a field report",
    "what we learned",
    "the hard parts",
    "ten years on",
    "a status update",
    "from prototype to default",
    "a beginner's guide",
];

/// SplitMix64: a tiny, well-mixed generator, written here so that output never changes with a
/// dependency update.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0), by multiply-high: bias below 2^-32 for the sizes used here.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// An index drawn with the given integer weights (at least one positive).
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// A stretch of one room's day between breaks (or opening and closing) where talks go.
#[derive(Debug, Clone, Copy)]
struct Segment {
    day: usize,
    room: usize,
    start: u32,
    end: u32,
}

impl Segment {
    fn minutes(&self) -> u32 {
        self.end - self.start
    }
}

/// The room names: `Room 1`, `Room 2`, … (zero-padded so that they sort as they are numbered).
pub fn room_names(rooms: usize) -> Vec<String> {
    let width = rooms.to_string().len();
    (1..=rooms).map(|r| format!("Room {r:0width$}")).collect()
}

/// The first day of every generated conference.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 7).unwrap_or_default()
}

/// Generates a conference. Fails with a bad-input error ([`crate::error::Error::BadInput`]) saying what fits when the parameters make
/// no sense (no rooms, no days, no talks, more talks than the rooms and days can hold).
pub fn generate(params: &Params) -> anyhow::Result<Schedule> {
    check_params(params)?;
    let mut rng = SplitMix64::new(params.seed);
    let rooms = room_names(params.rooms);
    let (segments, breaks) = layout(params, &mut rng, &rooms);
    let capacity: usize = segments.iter().map(|s| (s.minutes() / 5) as usize).sum();
    if params.talks > capacity {
        return Err(bad_input(format!(
            "{} talks do not fit in {} room{} over {} day{}: at most {capacity} 5-minute talks fit with this seed; use fewer talks or more rooms or days",
            params.talks,
            params.rooms,
            if params.rooms == 1 { "" } else { "s" },
            params.days,
            if params.days == 1 { "" } else { "s" },
        )));
    }
    let counts = share(params.talks, &segments);
    let zipf: Vec<u64> = (1..=TOPICS.len() as u64).map(|k| 1_000_000 / k).collect();
    let width = params.talks.to_string().len();
    let mut sessions = breaks;
    let mut number = 0usize;
    for (segment, &count) in segments.iter().zip(&counts) {
        for (start, minutes) in place(segment, count, &mut rng) {
            number += 1;
            sessions.push(talk(
                number, width, segment, start, minutes, &rooms, &zipf, &mut rng,
            ));
        }
    }
    let conference = Conference {
        name: format!("Generated Conference (seed {})", params.seed),
        time_zone: "Europe/Brussels".into(),
        venue: "Generated Campus".into(),
        rooms,
        url: None,
    };
    Ok(Schedule::new(
        conference,
        sessions,
        format!(
            "generated: {}, {}, {}, seed {}",
            crate::text::plural(params.talks, "talk", "talks"),
            crate::text::plural(params.rooms, "room", "rooms"),
            crate::text::plural(params.days, "day", "days"),
            params.seed
        ),
    ))
}

fn check_params(params: &Params) -> anyhow::Result<()> {
    if params.rooms == 0 || params.rooms > MAX_ROOMS {
        return Err(bad_input(format!(
            "--rooms {}: give between 1 and {MAX_ROOMS} rooms",
            params.rooms
        )));
    }
    if params.days == 0 || params.days > MAX_DAYS {
        return Err(bad_input(format!(
            "--days {}: give between 1 and {MAX_DAYS} days",
            params.days
        )));
    }
    if params.talks == 0 {
        return Err(bad_input(
            "--talks 0: give at least 1 talk (a room-day holds between 50 and 90 five-minute talks)",
        ));
    }
    Ok(())
}

fn minute(m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap_or_default()
}

/// Opening and closing times of every room-day, the talk segments between breaks, and the
/// break sessions themselves (one per break per room-day).
fn layout(params: &Params, rng: &mut SplitMix64, rooms: &[String]) -> (Vec<Segment>, Vec<Session>) {
    let mut segments = Vec::new();
    let mut breaks = Vec::new();
    for day in 0..params.days {
        let date = first_day() + Duration::days(day as i64);
        for (room, name) in rooms.iter().enumerate() {
            let open = EARLIEST_OPEN + 5 * rng.below(13) as u32;
            let base = if params.nights {
                NIGHT_CLOSE
            } else {
                EARLIEST_CLOSE
            };
            let close = base + 5 * rng.below(25) as u32;
            let mut start = open;
            for (b, &(title, at, minutes)) in BREAKS.iter().enumerate() {
                segments.push(Segment {
                    day,
                    room,
                    start,
                    end: at,
                });
                breaks.push(Session {
                    id: format!("d{}-break{}-r{}", day + 1, b + 1, room + 1),
                    date,
                    day: day as u32 + 1,
                    start: minute(at),
                    minutes,
                    room: name.clone(),
                    kind: Kind::Break,
                    title: title.into(),
                    subtitle: String::new(),
                    speakers: Vec::new(),
                    track: None,
                    topics: Vec::new(),
                    abstract_text: String::new(),
                    line: None,
                    cancelled: false,
                    links: crate::schedule::Links::default(),
                });
                start = at + minutes;
            }
            segments.push(Segment {
                day,
                room,
                start,
                end: close,
            });
        }
    }
    (segments, breaks)
}

/// Shares `talks` among segments in proportion to their length (largest remainder, ties to the
/// earlier segment), never above what a segment holds in 5-minute talks.
fn share(talks: usize, segments: &[Segment]) -> Vec<usize> {
    let total: u64 = segments.iter().map(|s| u64::from(s.minutes())).sum();
    let talks64 = talks as u64;
    let mut counts: Vec<usize> = Vec::with_capacity(segments.len());
    let mut remainders: Vec<(u64, usize)> = Vec::with_capacity(segments.len());
    for (i, s) in segments.iter().enumerate() {
        let exact = talks64 * u64::from(s.minutes());
        counts.push((exact / total) as usize);
        remainders.push((exact % total, i));
    }
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = talks - counts.iter().sum::<usize>();
    // Hand out the rest by largest remainder; a full segment passes its turn on.
    while left > 0 {
        let before = left;
        for &(_, i) in &remainders {
            if left == 0 {
                break;
            }
            if counts[i] < (segments[i].minutes() / 5) as usize {
                counts[i] += 1;
                left -= 1;
            }
        }
        if before == left {
            break; // cannot happen: the caller checked the capacity
        }
    }
    counts
}

/// Start minute and length of `count` talks in a segment: lengths drawn from [`LENGTHS`], the
/// talks shortened one step at a time at random until they fit, and the slack spread as 0–10 minute gaps
/// between talks with the rest before the first and after the last.
fn place(segment: &Segment, count: usize, rng: &mut SplitMix64) -> Vec<(u32, u32)> {
    let weights: Vec<u64> = LENGTHS.iter().map(|l| l.1).collect();
    let mut steps: Vec<usize> = (0..count).map(|_| rng.weighted(&weights)).collect();
    let length = |steps: &[usize]| -> u32 { steps.iter().map(|&s| LENGTHS[s].0).sum() };
    while length(&steps) > segment.minutes() {
        // Shorten a random talk that can still be shortened by one step (shortening the longest
        // would make every talk the same length in a busy room); 5 × count fits, so this ends.
        let shrinkable: Vec<usize> = (0..count).filter(|&i| steps[i] > 0).collect();
        if shrinkable.is_empty() {
            break;
        }
        let i = shrinkable[rng.below(shrinkable.len() as u64) as usize];
        steps[i] -= 1;
    }
    let mut slack = (segment.minutes() - length(&steps)) / 5;
    let mut gaps: Vec<u32> = vec![0; count + 1];
    for gap in gaps.iter_mut().take(count).skip(1) {
        let g = (rng.below(3) as u32).min(slack);
        *gap = g;
        slack -= g;
    }
    let lead = rng.below(u64::from(slack) + 1) as u32;
    gaps[0] = lead;
    let mut at = segment.start;
    let mut placed = Vec::with_capacity(count);
    for (i, &s) in steps.iter().enumerate() {
        at += 5 * gaps[i];
        placed.push((at, LENGTHS[s].0));
        at += LENGTHS[s].0;
    }
    placed
}

/// One talk with a title, speakers, topics and an abstract made from the vocabularies.
#[allow(clippy::too_many_arguments)]
fn talk(
    number: usize,
    width: usize,
    segment: &Segment,
    start: u32,
    minutes: u32,
    rooms: &[String],
    zipf: &[u64],
    rng: &mut SplitMix64,
) -> Session {
    let wanted = 1 + rng.below(4) as usize;
    let mut topics: Vec<String> = Vec::with_capacity(wanted);
    for _ in 0..wanted * 3 {
        if topics.len() == wanted {
            break;
        }
        let t = TOPICS[rng.weighted(zipf)];
        if !topics.iter().any(|x| x == t) {
            topics.push(t.to_string());
        }
    }
    let speakers: Vec<String> = (0..1 + usize::from(rng.below(4) == 0))
        .map(|_| {
            format!(
                "{} {}",
                FIRST_NAMES[rng.below(FIRST_NAMES.len() as u64) as usize],
                LAST_NAMES[rng.below(LAST_NAMES.len() as u64) as usize]
            )
        })
        .collect();
    let opener = OPENERS[rng.below(OPENERS.len() as u64) as usize];
    let tail = TAILS[rng.below(TAILS.len() as u64) as usize];
    let title = match topics.get(1) {
        Some(second) => format!("{opener} {} with {second}: {tail}", topics[0]),
        None => format!("{opener} {}: {tail}", topics[0]),
    };
    let abstract_text = format!(
        "A {minutes}-minute session on {}. Generated for benchmarks; not a real talk.",
        topics.join(", ")
    );
    Session {
        id: format!("talk-{number:0width$}"),
        date: first_day() + Duration::days(segment.day as i64 + i64::from(start / 1440)),
        day: segment.day as u32 + 1,
        start: minute(start % 1440),
        minutes,
        room: rooms[segment.room].clone(),
        kind: if minutes == 5 {
            Kind::Lightning
        } else {
            Kind::Talk
        },
        title,
        subtitle: String::new(),
        speakers,
        track: None,
        topics,
        abstract_text,
        line: None,
        cancelled: false,
        links: crate::schedule::Links::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_published_reference_sequence() {
        // First outputs for seed 1234567 from the reference implementation (Vigna, 2015).
        let mut rng = SplitMix64::new(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn share_hands_out_every_talk_in_proportion_to_length() {
        let seg = |start, end| Segment {
            day: 0,
            room: 0,
            start,
            end,
        };
        let segments = [seg(0, 30), seg(100, 190), seg(200, 230)];
        let counts = share(10, &segments);
        assert_eq!(counts.iter().sum::<usize>(), 10);
        assert_eq!(counts, vec![2, 6, 2]);
    }

    #[test]
    fn place_keeps_talks_inside_the_segment_without_overlap() {
        let segment = Segment {
            day: 0,
            room: 0,
            start: 600,
            end: 690,
        };
        for count in [1, 3, 10, 18] {
            let mut rng = SplitMix64::new(count as u64);
            let placed = place(&segment, count, &mut rng);
            assert_eq!(placed.len(), count);
            let mut at = segment.start;
            for &(start, minutes) in &placed {
                assert!(start >= at, "{placed:?}");
                at = start + minutes;
            }
            assert!(at <= segment.end, "{placed:?}");
        }
    }
}
