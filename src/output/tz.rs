//! Time zones for display: a schedule's local times shown in another zone (`--tz`), and the
//! real instant of a local time (for iCalendar).

use crate::error::bad_input;
use chrono::{DateTime, Local, NaiveDateTime, Offset, Utc};
use chrono_tz::Tz;

pub use crate::schedule::clock::{instants, local_end, to_utc};

/// The zone times are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DisplayZone {
    /// The conference's own zone: local times as published (the default).
    #[default]
    Conference,
    /// An IANA zone, e.g. `Europe/London`.
    Named(Tz),
    /// The zone of this computer (`TZ`, else the system setting).
    Local,
}

impl DisplayZone {
    /// Parses `--tz`: `local`, `conference`, or an IANA name (case-insensitive), suggesting the
    /// closest name for a typo.
    pub fn parse(text: &str) -> anyhow::Result<DisplayZone> {
        let t = text.trim();
        if t.is_empty() {
            return Err(bad_input(
                "--tz is empty: give a zone such as Europe/London, `local` or `conference`",
            ));
        }
        if t.eq_ignore_ascii_case("local") {
            return Ok(DisplayZone::Local);
        }
        if t.eq_ignore_ascii_case("conference") {
            return Ok(DisplayZone::Conference);
        }
        if let Ok(tz) = t.parse::<Tz>() {
            return Ok(DisplayZone::Named(tz));
        }
        if let Some(tz) = chrono_tz::TZ_VARIANTS
            .iter()
            .find(|z| z.name().eq_ignore_ascii_case(t))
        {
            return Ok(DisplayZone::Named(*tz));
        }
        let hint = crate::text::closest(t, chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()))
            .map(|c| format!("did you mean `{c}`? "))
            .unwrap_or_default();
        Err(bad_input(format!(
            "unknown time zone `{t}`; {hint}use an IANA name such as Europe/London, `local` or `conference`"
        )))
    }

    /// The zone of an optional `--tz` flag: the conference's when it is not given.
    pub(crate) fn from_flag(flag: Option<&str>) -> anyhow::Result<DisplayZone> {
        flag.map(DisplayZone::parse)
            .transpose()
            .map(Option::unwrap_or_default)
    }

    /// A local time of a schedule in zone `conference`, shown in this zone.
    pub fn convert(&self, conference: Tz, local: NaiveDateTime) -> NaiveDateTime {
        let instant = to_utc(conference, local);
        match self {
            DisplayZone::Conference => local,
            DisplayZone::Named(tz) => instant.with_timezone(tz).naive_local(),
            DisplayZone::Local => instant.with_timezone(&Local).naive_local(),
        }
    }

    /// A session's start and end as shown in this zone; the end is exactly its length after
    /// the start (see [`instants`]), on the clock of the zone.
    pub(crate) fn span(
        &self,
        conference: Tz,
        s: &crate::schedule::Session,
    ) -> (NaiveDateTime, NaiveDateTime) {
        let (start, end) = instants(conference, s);
        match self {
            DisplayZone::Conference => (s.start_at(), end.with_timezone(&conference).naive_local()),
            DisplayZone::Named(tz) => (
                start.with_timezone(tz).naive_local(),
                end.with_timezone(tz).naive_local(),
            ),
            DisplayZone::Local => (
                start.with_timezone(&Local).naive_local(),
                end.with_timezone(&Local).naive_local(),
            ),
        }
    }

    /// An instant as a date and time with the offset of this zone (`conference`: the
    /// schedule's zone), e.g. for RFC 3339 output.
    pub fn at(&self, conference: Tz, instant: DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
        match self {
            DisplayZone::Conference => instant.with_timezone(&conference).fixed_offset(),
            DisplayZone::Named(tz) => instant.with_timezone(tz).fixed_offset(),
            DisplayZone::Local => instant.with_timezone(&Local).fixed_offset(),
        }
    }

    /// What to call this zone in output: `Europe/Berlin`, or `local time (UTC+09:00)` with the
    /// offset at `at` (a local time of the schedule in zone `conference`).
    pub fn label(&self, conference: Tz, at: NaiveDateTime) -> String {
        match self {
            DisplayZone::Conference => zone_name(conference, conference, at),
            DisplayZone::Named(tz) => zone_name(*tz, conference, at),
            DisplayZone::Local => {
                let offset = to_utc(conference, at).with_timezone(&Local).offset().fix();
                format!("local time (UTC{offset})")
            }
        }
    }
}

/// A zone's name for people. The POSIX-style `Etc/GMT-1` means UTC+1 (its sign is reversed),
/// so such zones are named by their offset: `UTC+01:00 (Etc/GMT-1)`.
fn zone_name(tz: Tz, conference: Tz, at: NaiveDateTime) -> String {
    let name = tz.name();
    if name.starts_with("Etc/") {
        let offset = to_utc(conference, at).with_timezone(&tz).offset().fix();
        format!("UTC{offset} ({name})")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn berlin_morning_is_an_hour_earlier_in_london() {
        let zone = DisplayZone::parse("europe/london").unwrap();
        assert_eq!(
            zone.convert(chrono_tz::Europe::Berlin, at(2025, 9, 30, 9, 30)),
            at(2025, 9, 30, 8, 30)
        );
        assert_eq!(
            zone.label(chrono_tz::Europe::Berlin, at(2025, 9, 30, 9, 30)),
            "Europe/London"
        );
    }

    #[test]
    fn times_in_the_spring_gap_land_after_it() {
        // 02:30 does not exist in Berlin on 2025-03-30; it is read as 01:30 UTC (03:30 CEST).
        assert_eq!(
            to_utc(chrono_tz::Europe::Berlin, at(2025, 3, 30, 2, 30)),
            Utc.from_utc_datetime(&at(2025, 3, 30, 1, 30))
        );
    }

    #[test]
    fn a_typo_gets_a_suggestion() {
        let err = DisplayZone::parse("Europe/Londn").unwrap_err().to_string();
        assert!(err.contains("Europe/London"), "{err}");
    }

    #[test]
    fn posix_etc_zones_are_named_by_their_real_offset() {
        let zone = DisplayZone::parse("Etc/GMT-1").unwrap();
        assert_eq!(
            zone.label(chrono_tz::Europe::Berlin, at(2025, 9, 30, 9, 30)),
            "UTC+01:00 (Etc/GMT-1)"
        );
    }
}
