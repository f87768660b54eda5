//! Walking times that depend on where you go: rooms grouped into buildings.
//!
//! `--walk W,B` says a change of room takes W minutes inside a building and B minutes between
//! buildings; `--venue FILE` (RON) says the same and more:
//!
//! ```ron
//! (
//!     within: 2,                           // minutes between rooms of one building
//!     between: 6,                          // minutes between buildings, unless listed below
//!     buildings: { "Janson": "J", "Lameere": "U" },   // a room's building, over the derived one
//!     walks: [("H", "K", 3), ("U", "K", 8)],          // minutes between two buildings, both ways
//! )
//! ```
//!
//! **Buildings from room codes** (FOSDEM's ULB campus): a room whose name starts with letters
//! followed by a digit or a dot is in the building those letters name — `H.1308` in H,
//! `K.3.401` in K, `AW1.120` in AW — except that `UA`, `UB` and `UD` are the wings of building
//! U; `Janson` is in J. Any other room is a building of its own, named after the room. A
//! venue file's `buildings` overrides this for any room. Every time is shortened to the
//! quickest way, through another building when that is quicker, so walking never takes longer
//! than a detour. Without `--walk` or `--venue`, every change of room takes `--switch-minutes`.

use crate::error::bad_input;
use crate::solve::Walking;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Walking times as the attendee gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    /// Minutes between two rooms of one building.
    pub within: u32,
    /// Minutes between two buildings, unless `walks` says otherwise.
    pub between: u32,
    /// Room → building, over the building derived from the room's code.
    #[serde(default)]
    pub buildings: BTreeMap<String, String>,
    /// (building, building, minutes): the walk between two buildings, both ways.
    #[serde(default)]
    pub walks: Vec<(String, String, u32)>,
}

/// The building a room's name says it is in (see the module docs).
pub fn building_of(room: &str) -> String {
    let room = room.trim();
    if room.eq_ignore_ascii_case("janson") {
        return "J".to_string();
    }
    let letters: String = room
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let next = room[letters.len()..].chars().next();
    let coded = !letters.is_empty()
        && letters.len() <= 3
        && letters.chars().all(|c| c.is_ascii_uppercase())
        && next.is_some_and(|c| c.is_ascii_digit() || c == '.');
    if !coded {
        return room.to_string();
    }
    if letters.len() == 2 && letters.starts_with('U') {
        return "U".to_string();
    }
    letters
}

/// `--walk W,B`: minutes within a building and between buildings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    /// Minutes between two rooms of one building.
    pub within: u32,
    /// Minutes between two buildings.
    pub between: u32,
}

/// Parses `W,B`.
impl std::str::FromStr for Walk {
    type Err = anyhow::Error;
    fn from_str(text: &str) -> anyhow::Result<Walk> {
        let bad = || {
            bad_input(format!(
                "--walk `{text}` is not WITHIN,BETWEEN in whole minutes, e.g. `--walk 2,6`"
            ))
        };
        let (w, b) = text.split_once(',').ok_or_else(bad)?;
        Ok(Walk {
            within: w.trim().parse().map_err(|_| bad())?,
            between: b.trim().parse().map_err(|_| bad())?,
        })
    }
}

/// `2,6`: the form `--walk` takes.
impl std::fmt::Display for Walk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{}", self.within, self.between)
    }
}

/// Parses `--walk W,B` into walking times with no buildings of their own.
pub(crate) fn parse_walk(text: &str) -> anyhow::Result<Venue> {
    let walk: Walk = text.parse()?;
    Ok(Venue {
        within: walk.within,
        between: walk.between,
        ..Venue::default()
    })
}

/// Reads a venue file (RON).
pub(crate) fn read_file(path: &Path, limit: crate::input::ReadLimit) -> anyhow::Result<Venue> {
    let name = path.display().to_string();
    let text = crate::input::read_text_within(path, "the venue file", limit)?;
    crate::schedule::ron_format::ron_options().from_str(&text).map_err(|e| {
        bad_input(format!(
            "{name}:{}:{}: not a valid venue file: {}; it reads `(within: 2, between: 6, buildings: {{\"Janson\": \"J\"}}, walks: [(\"H\", \"K\", 3)])`",
            e.span.start.line, e.span.start.col, e.code
        ))
    })
}

impl Venue {
    /// Each room's building (by room index) and the building names, sorted.
    pub fn buildings(&self, rooms: &[String]) -> anyhow::Result<(Vec<usize>, Vec<String>)> {
        for room in self.buildings.keys() {
            if !rooms.iter().any(|r| r == room) {
                let hint = crate::text::closest(room, rooms.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                return Err(bad_input(format!(
                    "the venue puts the room `{room}` in a building, but the schedule has no such room; {hint}"
                )));
            }
        }
        let named: Vec<String> = rooms
            .iter()
            .map(|r| {
                self.buildings
                    .get(r)
                    .cloned()
                    .unwrap_or_else(|| building_of(r))
            })
            .collect();
        let mut names = named.clone();
        names.sort();
        names.dedup();
        let index = named
            .iter()
            .map(|n| names.binary_search(n).unwrap_or(0))
            .collect();
        Ok((index, names))
    }

    /// The solver's walking times for these rooms.
    pub fn walking(&self, rooms: &[String]) -> anyhow::Result<Walking> {
        let (building, names) = self.buildings(rooms)?;
        let n = names.len();
        let mut direct = vec![vec![i64::from(self.between); n]; n];
        for (b, row) in direct.iter_mut().enumerate() {
            row[b] = i64::from(self.within);
        }
        for (a, b, minutes) in &self.walks {
            let find = |x: &str| {
                names.iter().position(|n| n == x).ok_or_else(|| {
                    bad_input(format!(
                        "the venue's walk ({a}, {b}, {minutes}) names the building `{x}`, which has no room here; the buildings are {}",
                        names.join(", ")
                    ))
                })
            };
            let (i, j) = (find(a)?, find(b)?);
            direct[i][j] = i64::from(*minutes);
            direct[j][i] = i64::from(*minutes);
        }
        Ok(Walking::new(building, direct))
    }
}

/// Minutes between two rooms by name, for checks outside the solver: 0 in the same room, the
/// walking time with a venue, else the uniform switch minutes.
#[derive(Debug, Clone)]
pub(crate) struct RoomMinutes {
    rooms: Vec<String>,
    walking: Option<Walking>,
    uniform: i64,
}

impl RoomMinutes {
    /// The minutes of a request's limits for a schedule's rooms.
    pub fn new(
        schedule: &crate::schedule::Schedule,
        limits: &super::Limits,
    ) -> anyhow::Result<Self> {
        Ok(RoomMinutes {
            rooms: schedule.conference.rooms.clone(),
            walking: limits
                .walking
                .as_ref()
                .map(|v| v.walking(&schedule.conference.rooms))
                .transpose()?,
            uniform: i64::from(limits.switch_minutes),
        })
    }

    /// Minutes from room `a` to room `b`.
    pub fn between(&self, a: &str, b: &str) -> i64 {
        if a == b {
            return 0;
        }
        match &self.walking {
            Some(w) => {
                let building = |r: &str| {
                    self.rooms
                        .iter()
                        .position(|x| x == r)
                        .map_or(0, |i| w.building[i])
                };
                w.minutes[building(a)][building(b)]
            }
            None => self.uniform,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fosdem_room_codes_name_their_building() {
        for (room, building) in [
            ("H.1308 (Rolin)", "H"),
            ("UA2.114 (Baudoux)", "U"),
            ("UB5.230", "U"),
            ("UD2.218A", "U"),
            ("K.3.401", "K"),
            ("AW1.120", "AW"),
            ("Janson", "J"),
            ("Loft", "Loft"),
        ] {
            assert_eq!(building_of(room), building, "{room}");
        }
    }

    #[test]
    fn walks_are_shortened_through_other_buildings() {
        let rooms: Vec<String> = ["H.1", "K.1", "U1.1"].map(String::from).to_vec();
        let venue = Venue {
            within: 1,
            between: 10,
            walks: vec![("H".into(), "K".into(), 2), ("K".into(), "U".into(), 3)],
            ..Venue::default()
        };
        let w = venue.walking(&rooms).unwrap();
        let (h, k, u) = (w.building[0], w.building[1], w.building[2]);
        assert_eq!(w.minutes[h][k], 2);
        assert_eq!(w.minutes[h][u], 5, "via K");
        assert_eq!(w.minutes[u][u], 1);
    }

    #[test]
    fn a_walk_to_an_unknown_building_is_an_error() {
        let rooms = vec!["H.1".to_string()];
        let venue = Venue {
            walks: vec![("H".into(), "Q".into(), 2)],
            ..Venue::default()
        };
        assert!(venue.walking(&rooms).is_err());
    }
}
