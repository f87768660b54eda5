//! How times are shown in the writers: `HH:MM–HH:MM` ranges (marked `(+1)` past midnight of
//! the conference day) and day headings, on the clock of the display zone.

/// `HH:MM–HH:MM` for a session in local time (its end on the wall clock: start + minutes).
pub(crate) fn time_range(s: &crate::schedule::Session) -> String {
    format!(
        "{}–{}",
        s.start.format("%H:%M"),
        s.end_at().time().format("%H:%M")
    )
}

/// `HH:MM–HH:MM` for a session in local time of zone `tz`, the end exactly its length after the
/// start (see [`crate::output::tz::local_end`]), also on a night the clocks change.
pub(crate) fn exact_time_range(s: &crate::schedule::Session, tz: chrono_tz::Tz) -> String {
    format!(
        "{}–{}",
        s.start.format("%H:%M"),
        crate::output::tz::local_end(tz, s).time().format("%H:%M")
    )
}

/// `HH:MM–HH:MM` for a session within its conference day, in the display zone: a time on a
/// later date than the day's start (in that zone) is marked `(+1)`, so a night reads
/// `23:55–00:35 (+1)` and a talk wholly after midnight `01:00–02:00 (+1)`.
pub(crate) fn day_time_range(
    day: &crate::schedule::ConferenceDay,
    s: &crate::schedule::Session,
    zone: crate::output::DisplayZone,
    tz: chrono_tz::Tz,
) -> String {
    let (start, end) = zone.span(tz, s);
    day_clock_range(day, start, end, zone, tz)
}

/// `HH:MM–HH:MM` for `start` and `end` already in the display zone, each marked `(+1)` (or
/// `+2`, `-1` …) when it falls on another date than the conference day's morning there.
pub(crate) fn day_clock_range(
    day: &crate::schedule::ConferenceDay,
    start: chrono::NaiveDateTime,
    end: chrono::NaiveDateTime,
    zone: crate::output::DisplayZone,
    tz: chrono_tz::Tz,
) -> String {
    // The day's date as seen in the display zone (its noon, which no zone moves by a day).
    let noon = day.date.and_hms_opt(12, 0, 0).unwrap_or_default();
    let morning = zone.convert(tz, noon).date();
    let later = |at: chrono::NaiveDateTime| (at.date() - morning).num_days();
    let mark = |n: i64| match n {
        0 => String::new(),
        n if n > 0 => format!(" (+{n})"),
        n => format!(" ({n})"),
    };
    let (a, b) = (later(start), later(end));
    if a == b {
        format!(
            "{}–{}{}",
            start.format("%H:%M"),
            end.format("%H:%M"),
            mark(a)
        )
    } else {
        format!(
            "{}{}–{}{}",
            start.format("%H:%M"),
            mark(a),
            end.format("%H:%M"),
            mark(b)
        )
    }
}

/// A day heading: `Day 2 · Wednesday 28 Dec 2016, runs until 04:00`.
pub(crate) fn day_heading(
    schedule: &crate::schedule::Schedule,
    day: &crate::schedule::ConferenceDay,
) -> String {
    schedule.day_heading(day)
}

/// A day heading whose `runs until` is on the clock the rows are shown in (`--tz`): the
/// organiser's day keeps its name and date, its last session's end is converted like the rows
/// (so a Berlin night ending at 01:15 runs until 19:15 in New York, which needs no mention).
pub(crate) fn day_heading_in(
    schedule: &crate::schedule::Schedule,
    day: &crate::schedule::ConferenceDay,
    zone: crate::output::DisplayZone,
    tz: chrono_tz::Tz,
) -> String {
    if zone == crate::output::DisplayZone::Conference {
        return schedule.day_heading(day);
    }
    schedule.day_heading_ending(day, |s| zone.span(tz, s).1)
}
