//! The conference's clock: the instant of a local time, and the instants a session occupies,
//! also on the nights the clocks change. Below every writer and check (`output::tz` re-exports
//! these), so the schedule's own checks need no writer.

use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// The instants a session occupies: its start (see [`to_utc`]) and exactly its length later,
/// so that a 30-minute talk lasts 30 minutes even when the clocks change during it.
pub fn instants(tz: Tz, s: &super::Session) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = to_utc(tz, s.start_at());
    (
        start,
        start + chrono::Duration::minutes(i64::from(s.minutes)),
    )
}

/// Where a session ends on the conference's clock: exactly its length after its start instant
/// (see [`instants`]), which differs from the start plus its minutes on a night the clocks change.
pub fn local_end(tz: Tz, s: &super::Session) -> NaiveDateTime {
    instants(tz, s).1.with_timezone(&tz).naive_local()
}

/// The instant of a local time in `tz`. An ambiguous time (the hour repeated when clocks go
/// back) is the earlier instant; a time that does not exist (skipped when clocks go forward)
/// is read with the offset in force just before the gap, so it lands after the gap.
pub fn to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        LocalResult::None => {
            let before = tz.offset_from_utc_datetime(&(local - chrono::Duration::hours(3)));
            let seconds = before.fix().local_minus_utc();
            Utc.from_utc_datetime(&(local - chrono::Duration::seconds(i64::from(seconds))))
        }
    }
}

/// The conference's clock in real time, for every comparison planning and its check make: a
/// local time is its instant, a session the instants it occupies ([`instants`]). On the nights
/// the clocks change, two talks can be apart on the wall clock and yet share real minutes (a
/// 90-minute talk from 01:30 on the spring-forward night runs until 04:00, not 03:00); compared
/// as instants they are not. Times are naive UTC, so they compare and subtract as usual.
#[derive(Debug, Clone, Copy)]
pub struct RealClock(Option<Tz>);

impl RealClock {
    /// The clock of `schedule`'s time zone (the local clock itself if the zone is unknown,
    /// which the schedule's check reports).
    pub fn of(schedule: &super::Schedule) -> RealClock {
        RealClock(schedule.time_zone().ok())
    }

    /// The wall clock itself, for tests of rules that do not involve a change of the clocks.
    #[cfg(test)]
    pub(crate) fn wall() -> RealClock {
        RealClock(None)
    }

    /// The instant of a local time, as naive UTC.
    pub fn at(self, local: NaiveDateTime) -> NaiveDateTime {
        match self.0 {
            Some(tz) => to_utc(tz, local).naive_utc(),
            None => local,
        }
    }

    /// The instants a session occupies, as naive UTC: its start and exactly its length later.
    pub fn span(self, s: &super::Session) -> (NaiveDateTime, NaiveDateTime) {
        let start = self.at(s.start_at());
        (
            start,
            start + chrono::Duration::minutes(i64::from(s.minutes)),
        )
    }

    /// Whether two sessions share a real minute.
    pub fn overlap(self, a: &super::Session, b: &super::Session) -> bool {
        super::spans_overlap(self.span(a), self.span(b))
    }
}
