//! How [`Settings`] is written: the one shape of profiles and of a saved plan's settings, in
//! RON or JSON (docs/reference/file-formats.md).
//!
//! Every value is written in the form its flag takes and parses itself as that flag does, so a
//! typo in a file gets the flag's message: weighted lists as `"bpf=3"`, ratings as `"ID=W"`,
//! stars as `"ID"` or `"ID=W"`, busy windows as `"2 14:00-15:00"`, `max_switches` as a number
//! or `"none"`, `favourites_weight` as a number or `"must"`, `walk` as `"2,6"`, `venue` as a
//! file's path or the walking times whole. Fields not said are left out.
//!
//! Files written before this shape still read as they were meant ([`Written`]):
//! `unlimited_switches: true` (now `max_switches: "none"`); a saved plan's
//! `max_switches: None` (no limit), its `favourites: ["id=w"]` (now `stars`) and its
//! `walking: (…)` (now `venue`); and `Some(…)` around a value.

use super::{BusyWindow, Settings, Star, StarWeight, SwitchLimit, VenueSource};
use crate::error::Error;
use crate::prefs::interests::Weighted;
use crate::prefs::venue::{Venue, Walk};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::path::PathBuf;

/// A list written as its values' [`std::fmt::Display`] strings.
pub(super) fn strings<T: std::fmt::Display, S: Serializer>(
    list: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(list.iter().map(ToString::to_string))
}

/// A value said, written bare (`switch_minutes: 5`, not `Some(5)`); fields not said are
/// skipped before this is called.
pub(super) fn bare<T: Serialize, S: Serializer>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => v.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Serialises a value as its [`std::fmt::Display`] string and reads it back with its
/// [`std::str::FromStr`], refusing it with the flag's message.
macro_rules! as_string {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse()
                    .map_err(|e: anyhow::Error| de::Error::custom(format!("{e:#}")))
            }
        }
    )*};
}
as_string!(BusyWindow, Star, Walk);

/// A number or a word, read by one visitor: `max_switches` and `favourites_weight`.
struct NumberOrWord<T>(
    &'static str,
    fn(i64) -> Option<T>,
    fn(&str) -> anyhow::Result<T>,
);

impl<T> Visitor<'_> for NumberOrWord<T> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<T, E> {
        (self.1)(n).ok_or_else(|| E::custom(format!("`{n}` is not {}", self.0)))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
        let n = i64::try_from(n).map_err(|_| E::custom(format!("`{n}` is too large")))?;
        self.visit_i64(n)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        (self.2)(text).map_err(|e| E::custom(format!("{e:#}")))
    }
}

/// `2`, or `"none"` for no limit.
impl Serialize for SwitchLimit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            SwitchLimit::AtMost(k) => serializer.serialize_u32(*k),
            SwitchLimit::Unlimited => serializer.serialize_str("none"),
        }
    }
}

impl<'de> Deserialize<'de> for SwitchLimit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberOrWord(
            "a whole number of room switches ≥ 0, or \"none\"",
            |n| u32::try_from(n).ok().map(SwitchLimit::AtMost),
            SwitchLimit::parse,
        ))
    }
}

/// `3`, or `"must"`.
impl Serialize for StarWeight {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            StarWeight::Points(w) => serializer.serialize_i64(*w),
            StarWeight::Must => serializer.serialize_str("must"),
        }
    }
}

impl<'de> Deserialize<'de> for StarWeight {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberOrWord(
            "a whole number of points (1 to 10), or \"must\"",
            |n| Some(StarWeight::Points(n)),
            str::parse,
        ))
    }
}

/// A venue file's path, or the walking times whole.
impl Serialize for VenueSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            VenueSource::File(path) => path.serialize(serializer),
            VenueSource::Given(venue) => venue.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for VenueSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = VenueSource;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a venue file's path, or walking times (within: 2, between: 6, …)")
            }
            fn visit_str<E: de::Error>(self, path: &str) -> Result<VenueSource, E> {
                Ok(VenueSource::File(PathBuf::from(path)))
            }
            fn visit_map<M: de::MapAccess<'de>>(self, map: M) -> Result<VenueSource, M::Error> {
                Venue::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(VenueSource::Given)
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// A weighted list (likes, dislikes, speakers, ratings) read by the flag's parser.
fn read_with<'de, D: Deserializer<'de>>(
    deserializer: D,
    parse: fn(&[String]) -> anyhow::Result<Vec<Weighted>>,
) -> Result<Vec<Weighted>, D::Error> {
    let strings = Vec::<String>::deserialize(deserializer)?;
    parse(&strings).map_err(|e| de::Error::custom(format!("{e:#}")))
}

fn likes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Weighted>, D::Error> {
    read_with(d, Settings::parse_likes)
}

fn dislikes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Weighted>, D::Error> {
    read_with(d, Settings::parse_dislikes)
}

fn speakers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Weighted>, D::Error> {
    read_with(d, Settings::parse_speakers)
}

fn rates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Weighted>, D::Error> {
    read_with(d, Settings::parse_rates)
}

/// `max_switches` as said; `None` (JSON `null`) is a saved plan's old way to say no limit.
fn max_switches<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SwitchLimit>, D::Error> {
    Ok(Some(
        Option::<SwitchLimit>::deserialize(d)?.unwrap_or(SwitchLimit::Unlimited),
    ))
}

/// `favourites`: a file's path; in a saved plan written before `stars`, the favourites
/// matched, `"id=w"` (`"id"` alone: 1 point).
enum Favourites {
    File(PathBuf),
    Matched(Vec<Star>),
}

impl<'de> Deserialize<'de> for Favourites {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = Favourites;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a favourites file's path")
            }
            fn visit_str<E: de::Error>(self, path: &str) -> Result<Favourites, E> {
                Ok(Favourites::File(PathBuf::from(path)))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Favourites, A::Error> {
                let mut stars = Vec::new();
                while let Some(text) = seq.next_element::<String>()? {
                    let star = if text.contains('=') {
                        text.parse::<Star>()
                            .map_err(|e| de::Error::custom(format!("{e:#}")))?
                    } else {
                        Star {
                            talk: text,
                            weight: Some(1),
                        }
                    };
                    if star.weight.is_none() {
                        return Err(de::Error::custom(format!(
                            "the saved favourite `{star}` has no whole-number weight"
                        )));
                    }
                    stars.push(star);
                }
                Ok(Favourites::Matched(stars))
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// Settings as a file holds them, the old spellings included; [`Settings`] is read through it
/// and checked ([`TryFrom`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Written {
    #[serde(default)]
    name: Option<String>,
    #[serde(default, deserialize_with = "likes")]
    likes: Vec<Weighted>,
    #[serde(default, deserialize_with = "dislikes")]
    dislikes: Vec<Weighted>,
    #[serde(default, deserialize_with = "speakers")]
    speakers: Vec<Weighted>,
    #[serde(default)]
    tracks: Vec<String>,
    #[serde(default, deserialize_with = "rates")]
    rate: Vec<Weighted>,
    #[serde(default)]
    ratings: Option<PathBuf>,
    #[serde(default)]
    favourites: Option<Favourites>,
    #[serde(default)]
    favourites_weight: Option<StarWeight>,
    #[serde(default)]
    stars: Vec<Star>,
    #[serde(default)]
    must: Vec<String>,
    #[serde(default)]
    avoid: Vec<String>,
    #[serde(default, deserialize_with = "max_switches")]
    max_switches: Option<SwitchLimit>,
    #[serde(default)]
    unlimited_switches: bool,
    #[serde(default)]
    switch_minutes: Option<u32>,
    #[serde(default)]
    walk: Option<Walk>,
    #[serde(default, alias = "walking")]
    venue: Option<VenueSource>,
    #[serde(default)]
    busy: Vec<BusyWindow>,
    #[serde(default)]
    meet: Vec<BusyWindow>,
    #[serde(default)]
    gaps: Option<bool>,
}

impl TryFrom<Written> for Settings {
    type Error = String;
    fn try_from(w: Written) -> Result<Settings, String> {
        let max_switches = match (w.unlimited_switches, w.max_switches) {
            (true, Some(_)) => {
                return Err(Error::Contradiction(
                    "the settings say both max_switches and unlimited_switches; keep one of them (max_switches: \"none\" is no limit)".to_string(),
                ).to_string());
            }
            (true, None) => Some(SwitchLimit::Unlimited),
            (false, limit) => limit,
        };
        let (favourites, mut stars) = match w.favourites {
            None => (None, Vec::new()),
            Some(Favourites::File(path)) => (Some(path), Vec::new()),
            Some(Favourites::Matched(stars)) => (None, stars),
        };
        stars.extend(w.stars);
        let settings = Settings {
            name: w.name,
            likes: w.likes,
            dislikes: w.dislikes,
            speakers: w.speakers,
            tracks: w.tracks,
            rate: w.rate,
            ratings: w.ratings,
            favourites,
            favourites_weight: w.favourites_weight,
            stars,
            must: w.must,
            avoid: w.avoid,
            max_switches,
            switch_minutes: w.switch_minutes,
            walk: w.walk,
            venue: w.venue,
            busy: w.busy,
            meet: w.meet,
            gaps: w.gaps,
        };
        settings.check().map_err(|e| format!("{e:#}"))?;
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ron(text: &str) -> Result<Settings, String> {
        crate::schedule::ron_format::ron_options()
            .from_str(text)
            .map_err(|e| e.to_string())
    }

    fn write_ron(settings: &Settings) -> String {
        ron::ser::to_string(settings).unwrap()
    }

    #[test]
    fn every_value_is_written_as_its_flag_takes_it_and_reads_back() {
        let text = r#"(name:"Ann",likes:["bpf=3","rust=1"],tracks:["Rust, Go=2"],rate:["Opening=-3"],favourites:"stars.ics",favourites_weight:"must",stars:["7068","Some talk=4"],max_switches:"none",walk:"2,6",venue:"ulb.ron",busy:["day 2 23:00-01:00"],gaps:true)"#;
        let settings = ron(text).unwrap();
        assert_eq!(settings.max_switches, Some(SwitchLimit::Unlimited));
        assert_eq!(settings.favourites_weight, Some(StarWeight::Must));
        assert_eq!(
            settings.stars,
            [
                Star::talk("7068"),
                Star {
                    talk: "Some talk".into(),
                    weight: Some(4)
                }
            ]
        );
        assert_eq!(
            settings.venue,
            Some(VenueSource::File(PathBuf::from("ulb.ron")))
        );
        assert_eq!(write_ron(&settings), text);
        let json = serde_json::to_string(&settings).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), settings);
    }

    #[test]
    fn the_old_spellings_read_as_they_were_meant() {
        let profile = ron("(likes: [\"ab\"], unlimited_switches: true, max_switches: None)");
        let err = profile.unwrap_err();
        assert!(err.contains("keep one of them"), "`None` is said: {err}");
        let old = ron("(likes: [\"ab\"], unlimited_switches: true)").unwrap();
        assert_eq!(old.max_switches, Some(SwitchLimit::Unlimited));
        let saved = ron(
            "(likes: [\"ab\"], max_switches: None, switch_minutes: 0, favourites: [\"x=2\", \"y\"], walking: Some((within: 2, between: 6, buildings: {}, walks: [])))",
        )
        .unwrap();
        assert_eq!(saved.max_switches, Some(SwitchLimit::Unlimited));
        assert_eq!(saved.favourites, None);
        assert_eq!(
            saved
                .stars
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["x=2", "y=1"]
        );
        let Some(VenueSource::Given(venue)) = &saved.venue else {
            panic!("{saved:?}");
        };
        assert_eq!((venue.within, venue.between), (2, 6));
        assert_eq!(
            write_ron(&saved),
            r#"(likes:["ab=1"],stars:["x=2","y=1"],max_switches:"none",switch_minutes:0,venue:(within:2,between:6,buildings:{},walks:[]))"#
        );
        let json: Settings =
            serde_json::from_str(r#"{"likes": ["ab"], "max_switches": 1, "gaps": true}"#).unwrap();
        assert_eq!(json.max_switches, Some(SwitchLimit::AtMost(1)));
        assert_eq!(
            ron("(max_switches: Some(2))").unwrap().max_switches,
            Some(SwitchLimit::AtMost(2))
        );
    }

    #[test]
    fn a_bad_value_gets_its_flags_message() {
        for (text, message) in [
            ("(likes: [\"bpf=99\"])", "weights go from 1 to 10"),
            ("(max_switches: \"many\")", "--max-switches `many`"),
            ("(max_switches: -1)", "a whole number of room switches"),
            ("(walk: \"2\")", "--walk `2`"),
            ("(busy: [\"1 15:00-14:00\"])", "ends before it starts"),
            ("(rate: [\"opening\"])", "has no rating"),
            ("(rate: [\"opening=11\"])", "out of range"),
            ("(stars: [\"x=0\"])", "points go from 1 to 10"),
            ("(favourites_weight: 11)", "--favourites-weight 11"),
            (
                "(favourites_weight: \"some\")",
                "--favourites-weight `some`",
            ),
            ("(colour: 3)", "colour"),
        ] {
            let err = ron(text).unwrap_err();
            assert!(err.contains(message), "{text}: {err}");
        }
    }
}
