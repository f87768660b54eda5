//! Days and times as people say them, one parser for every command: `--day 2`, `--day sat`,
//! `--day saturday`, `--day "day 2"`, `--day 2025-02-01`; `--at 11:05`, `--at "sat 11:05"`,
//! `--at "day 2 11:05"`, `--at "2025-02-01 11:05"`.
//!
//! A bare time (`11:05`) is on *today* when the conference is on, else on a fallback day (the
//! plan's first day, or the schedule's). Today comes from a clock reading in the conference's
//! zone that the caller passes in ([`When::new`]), so that tests can set the clock.

use super::ConferenceDay;
use crate::error::bad_input;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// How a day is named, before the schedule is known (see [`day_form`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayForm {
    /// `2` or `day 2`.
    Number(u32),
    /// `sat` or `saturday`.
    Weekday(Weekday),
    /// `2025-02-01`.
    Date(NaiveDate),
}

/// Reads a day as written (case and surrounding spaces do not matter), or `None` when it is
/// none of the forms.
pub fn day_form(text: &str) -> Option<DayForm> {
    let t = text.trim().to_lowercase();
    let number = t.strip_prefix("day").map_or(t.as_str(), str::trim);
    if let Ok(n) = number.parse::<u32>() {
        return Some(DayForm::Number(n));
    }
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return Some(DayForm::Date(d));
    }
    // chrono reads exactly `sat` and `saturday`, in any case.
    t.parse::<Weekday>().ok().map(DayForm::Weekday)
}

/// The accepted ways to name a day, with examples from `days` (the second day if there is one).
pub fn day_forms(days: &[ConferenceDay]) -> String {
    let example = days.get(1).or(days.first());
    match example {
        Some(d) => format!(
            "a day's number (`{n}` or `day {n}`), its weekday (`{short}` or `{long}`) or the date of its morning (`{date}`)",
            n = d.index,
            short = d.date.format("%a").to_string().to_lowercase(),
            long = d.date.format("%A").to_string().to_lowercase(),
            date = d.date,
        ),
        None => "a day's number (`2` or `day 2`), its weekday (`sat` or `saturday`) or the date of its morning (`2025-02-01`)".to_string(),
    }
}

/// `1 (Sat 2025-02-01), 2 (Sun 2025-02-02)`: the days, for messages.
pub fn listing(days: &[ConferenceDay]) -> String {
    if days.is_empty() {
        return "none: the schedule has no sessions".into();
    }
    days.iter()
        .map(|d| format!("{} ({})", d.index, d.date.format("%a %Y-%m-%d")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The conference day `text` names (see [`day_form`]); an error shows the accepted forms and
/// the days.
pub fn find_day(days: &[ConferenceDay], text: &str) -> anyhow::Result<ConferenceDay> {
    let text = text.trim();
    let Some(form) = day_form(text) else {
        return Err(bad_input(format!(
            "`{text}` is not a day; name one by {}; the days are {}",
            day_forms(days),
            listing(days)
        )));
    };
    let missing = |what: String| {
        bad_input(format!(
            "{what}; the days are {} (a night after midnight belongs to the day before)",
            listing(days)
        ))
    };
    match form {
        DayForm::Number(n) => days
            .iter()
            .find(|d| d.index == n)
            .cloned()
            .ok_or_else(|| missing(format!("there is no day {n}"))),
        DayForm::Date(date) => days
            .iter()
            .find(|d| d.date == date)
            .cloned()
            .ok_or_else(|| missing(format!("no conference day starts on {date}"))),
        DayForm::Weekday(w) => {
            let on: Vec<&ConferenceDay> = days.iter().filter(|d| d.date.weekday() == w).collect();
            match on.as_slice() {
                [one] => Ok((*one).clone()),
                [] => Err(missing(format!("no conference day is a {}", long_name(w)))),
                more => Err(bad_input(format!(
                    "`{text}` names {} days ({}); name one by its number or date instead",
                    more.len(),
                    listing(&more.iter().map(|d| (*d).clone()).collect::<Vec<_>>())
                ))),
            }
        }
    }
}

/// `Saturday`.
fn long_name(w: Weekday) -> String {
    NaiveDate::from_isoywd_opt(2025, 10, w)
        .map_or_else(|| format!("{w:?}"), |d| d.format("%A").to_string())
}

/// Reads times on a schedule's days: the days, the clock's reading, and the day a bare time
/// falls on when the conference is not on.
#[derive(Debug, Clone)]
pub struct When<'a> {
    /// The schedule's conference days.
    days: &'a [ConferenceDay],
    /// The clock's reading in the conference's zone.
    clock: NaiveDateTime,
    /// The day a bare time falls on when the conference is not on (1-based index).
    fallback: Option<u32>,
}

impl<'a> When<'a> {
    /// Times on `days`, with the clock reading `clock` in the conference's zone. A bare time
    /// falls on the schedule's first day when the conference is not on, unless
    /// [`When::falling_back_to`] names another.
    pub fn new(days: &'a [ConferenceDay], clock: NaiveDateTime) -> When<'a> {
        When {
            days,
            clock,
            fallback: None,
        }
    }

    /// A bare time falls on day `index` when the conference is not on (a plan's first day).
    pub fn falling_back_to(mut self, index: Option<u32>) -> When<'a> {
        self.fallback = index;
        self
    }

    /// The clock's reading.
    pub fn clock(&self) -> NaiveDateTime {
        self.clock
    }

    /// The conference day the clock is in, if the conference is on: the day whose span holds
    /// the clock (so 01:30 in a night after day 1 is day 1), else the day whose date is the
    /// clock's (before its first or after its last session).
    pub fn today(&self) -> Option<&'a ConferenceDay> {
        self.days
            .iter()
            .find(|d| d.start <= self.clock && self.clock < d.end)
            .or_else(|| self.days.iter().find(|d| d.date == self.clock.date()))
    }

    /// The day a bare time falls on: today, else the fallback day, else the first day.
    fn bare_day(&self) -> Option<&'a ConferenceDay> {
        self.today().or_else(|| {
            self.fallback
                .and_then(|i| self.days.iter().find(|d| d.index == i))
                .or(self.days.first())
        })
    }

    /// The local date-time `text` says (`flag` names it in messages): a date and a time, a
    /// day and a time, or a bare time; see the module's header. A time of a day that runs past
    /// midnight falls in its night when it is before the day's end (`day 1 01:30` on a day
    /// until 04:00 is the night after day 1).
    pub fn at(&self, flag: &str, text: &str) -> anyhow::Result<NaiveDateTime> {
        let t = text.trim();
        let refuse = || {
            bad_input(format!(
                "{flag} `{text}` is not a time agenda can read; say {}",
                self.time_forms()
            ))
        };
        // `2025-02-01 11:05` and `2025-02-01T11:05`: a date, as given.
        if let Ok(at) = NaiveDateTime::parse_from_str(&t.replacen('T', " ", 1), "%Y-%m-%d %H:%M") {
            return Ok(at);
        }
        let (day, time) = match t.rsplit_once(' ') {
            Some((day, time)) => (Some(day.trim()), time),
            None => (None, t),
        };
        let time = clock_time(time).ok_or_else(refuse)?;
        let day = match day {
            Some(day) => {
                if day_form(day).is_none() {
                    return Err(refuse());
                }
                find_day(self.days, day).map_err(|e| e.context(format!("{flag} `{text}`")))?
            }
            None => self.bare_day().cloned().ok_or_else(|| {
                bad_input(format!(
                    "{flag} `{text}` needs a day, and the schedule has none"
                ))
            })?,
        };
        Ok(day.at(time))
    }

    /// The accepted forms of a time, with examples from the schedule's days.
    pub fn time_forms(&self) -> String {
        let d = self.days.get(1).or(self.days.first());
        let (n, short, long, date) = match d {
            Some(d) => (
                d.index.to_string(),
                d.date.format("%a").to_string().to_lowercase(),
                d.date.format("%A").to_string().to_lowercase(),
                d.date.to_string(),
            ),
            None => (
                "2".into(),
                "sat".into(),
                "saturday".into(),
                "2025-02-01".into(),
            ),
        };
        format!(
            "`11:05` (today while the conference is on, else its first day), `{short} 11:05`, `{long} 11:05`, `day {n} 11:05` or `{date} 11:05` (times in the conference's zone); the days are {}",
            listing(self.days)
        )
    }
}

/// `11:05` or `9:05`.
fn clock_time(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.split_once(':')?;
    if m.len() != 2 || h.is_empty() || h.len() > 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// "now" in the conference's local time: `at` (the value of `flag`) read by [`When::at`] on
/// `days` (a bare time falls on day `fallback` when the conference is not on), else the clock
/// read in `zone`.
pub fn at_or_clock(
    days: &[ConferenceDay],
    zone: chrono_tz::Tz,
    flag: &str,
    at: Option<&str>,
    fallback: Option<u32>,
) -> anyhow::Result<NaiveDateTime> {
    let clock = chrono::Utc::now().with_timezone(&zone).naive_local();
    match at {
        Some(text) => When::new(days, clock)
            .falling_back_to(fallback)
            .at(flag, text),
        None => Ok(clock),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FOSDEM 2025's two days, Saturday and Sunday, 09:00 to 19:00; and a congress day 3 of
    /// Monday 10:00 until Tuesday 04:00.
    fn days() -> Vec<ConferenceDay> {
        let day = |index, d: u32, from: u32, until: (u32, u32)| {
            let date = NaiveDate::from_ymd_opt(2025, 2, d).unwrap();
            ConferenceDay {
                index,
                date,
                start: date.and_hms_opt(from, 0, 0).unwrap(),
                end: NaiveDate::from_ymd_opt(2025, 2, until.0)
                    .unwrap()
                    .and_hms_opt(until.1, 0, 0)
                    .unwrap(),
            }
        };
        vec![
            day(1, 1, 9, (1, 19)),
            day(2, 2, 9, (2, 19)),
            day(3, 3, 10, (4, 4)),
        ]
    }

    fn at(date: (u32, u32), hm: (u32, u32)) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, date.0, date.1)
            .unwrap()
            .and_hms_opt(hm.0, hm.1, 0)
            .unwrap()
    }

    /// A clock long after the conference.
    fn later() -> NaiveDateTime {
        at((12, 6), (4, 20))
    }

    #[test]
    fn a_day_is_named_by_number_weekday_or_date() {
        let days = days();
        for text in [
            "2",
            "day 2",
            "Day 2",
            "day2",
            "sun",
            "Sunday",
            " SUN ",
            "2025-02-02",
        ] {
            assert_eq!(find_day(&days, text).unwrap().index, 2, "{text}");
        }
        assert_eq!(find_day(&days, "sat").unwrap().index, 1);
        assert_eq!(find_day(&days, "monday").unwrap().index, 3);
    }

    #[test]
    fn a_day_that_is_not_one_lists_the_forms_and_the_days() {
        let days = days();
        let err = find_day(&days, "someday").unwrap_err().to_string();
        for needle in [
            "`2` or `day 2`",
            "`sun` or `sunday`",
            "`2025-02-02`",
            "1 (Sat 2025-02-01)",
        ] {
            assert!(err.contains(needle), "{err}");
        }
        let err = find_day(&days, "friday").unwrap_err().to_string();
        assert!(err.contains("no conference day is a Friday"), "{err}");
        assert!(err.contains("3 (Mon 2025-02-03)"), "{err}");
        let err = find_day(&days, "day 4").unwrap_err().to_string();
        assert!(err.contains("there is no day 4"), "{err}");
        // Other spellings chrono would read are not among the forms offered, so not taken.
        assert!(find_day(&days, "satur").is_err());
    }

    #[test]
    fn a_weekday_that_names_two_days_asks_for_one() {
        let mut days = days();
        let mut next = days[0].clone();
        next.index = 4;
        next.date = NaiveDate::from_ymd_opt(2025, 2, 8).unwrap();
        days.push(next);
        let err = find_day(&days, "sat").unwrap_err().to_string();
        assert!(err.contains("names 2 days"), "{err}");
    }

    #[test]
    fn a_time_with_a_day_is_on_that_day() {
        let days = days();
        let when = When::new(&days, later());
        for text in [
            "sun 11:05",
            "sunday 11:05",
            "day 2 11:05",
            "2 11:05",
            "2025-02-02 11:05",
            "2025-02-02T11:05",
        ] {
            assert_eq!(
                when.at("--at", text).unwrap(),
                at((2, 2), (11, 5)),
                "{text}"
            );
        }
        // 01:30 of day 3, which runs until 04:00, is the night after it.
        assert_eq!(when.at("--at", "mon 1:30").unwrap(), at((2, 4), (1, 30)));
        // A full date is taken as given, on a conference day or not.
        assert_eq!(
            when.at("--at", "2025-02-04 01:30").unwrap(),
            at((2, 4), (1, 30))
        );
    }

    #[test]
    fn a_bare_time_is_today_while_the_conference_is_on() {
        let days = days();
        // Sunday morning, before the first talk: today is Sunday.
        let sunday = When::new(&days, at((2, 2), (7, 0)));
        assert_eq!(sunday.at("--at", "11:05").unwrap(), at((2, 2), (11, 5)));
        // 01:00 in the night after day 3 is still day 3: 02:00 is that night, 11:05 its morning.
        let night = When::new(&days, at((2, 4), (1, 0)));
        assert_eq!(night.today().unwrap().index, 3);
        assert_eq!(night.at("--at", "02:00").unwrap(), at((2, 4), (2, 0)));
        assert_eq!(night.at("--at", "11:05").unwrap(), at((2, 3), (11, 5)));
    }

    #[test]
    fn a_bare_time_off_the_conference_is_on_the_fallback_day() {
        let days = days();
        let before = When::new(&days, at((1, 20), (9, 0)));
        assert!(before.today().is_none());
        assert_eq!(before.at("--at", "11:05").unwrap(), at((2, 1), (11, 5)));
        let plan = When::new(&days, later()).falling_back_to(Some(2));
        assert_eq!(plan.at("--at", "11:05").unwrap(), at((2, 2), (11, 5)));
        // While the conference is on, today wins over the plan's first day.
        let on = When::new(&days, at((2, 1), (12, 0))).falling_back_to(Some(2));
        assert_eq!(on.at("--at", "11:05").unwrap(), at((2, 1), (11, 5)));
    }

    #[test]
    fn each_refused_time_shows_the_accepted_forms() {
        let days = days();
        let when = When::new(&days, later());
        for text in [
            "11",
            "11:5",
            "25:00",
            "lunch",
            "someday 11:05",
            "11:05 sun",
            "",
        ] {
            let err = when.at("--at", text).unwrap_err().to_string();
            for needle in [
                "`11:05` (today",
                "`sun 11:05`",
                "`sunday 11:05`",
                "`day 2 11:05`",
                "`2025-02-02 11:05`",
            ] {
                assert!(err.contains(needle), "{text}: {err}");
            }
        }
        // A day of the right form that the schedule lacks says so.
        let err = format!("{:#}", when.at("--at", "fri 11:05").unwrap_err());
        assert!(err.contains("no conference day is a Friday"), "{err}");
        assert!(err.contains("--at `fri 11:05`"), "{err}");
    }
}
