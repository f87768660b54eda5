//! `agenda now` / `agenda next` as plain text: whose agenda at which moment, the talk on now
//! and the next one (when, where, how soon), each with its links.

use crate::output::{DisplayZone, tz};
use crate::schedule::Session;
use chrono::NaiveDateTime;
use std::io::Write;

/// What `now` and `next` show: a saved plan's talks at one moment.
pub struct Moment<'a> {
    /// Whose plan it is.
    pub person: &'a str,
    /// The plan's talks, in time order.
    pub talks: &'a [Session],
    /// The zone times are shown in (`--tz`).
    pub zone: DisplayZone,
    /// The conference's zone.
    pub conference_tz: chrono_tz::Tz,
    /// "now" in the conference's local time.
    pub now: NaiveDateTime,
    /// `next` (true) leaves out the `Now:` line.
    pub next_only: bool,
    /// The width lines are wrapped at (the terminal's, `COLUMNS`, else 100), continuation
    /// lines indented under the talk.
    pub width: usize,
}

/// `in 25 minutes`, `in 2 h 05 min`, `now`.
fn until(minutes: i64) -> String {
    match minutes {
        0 => "starting now".into(),
        m if m < 60 => format!("in {}", crate::text::plural(m, "minute", "minutes")),
        m => format!("in {} h {:02} min", m / 60, m % 60),
    }
}

/// Writes the heading, the `Now:` line (unless `next`) and the `Next:` line.
pub fn write(moment: &Moment, out: &mut dyn Write) -> anyhow::Result<()> {
    let now = moment.now;
    let current = moment
        .talks
        .iter()
        .find(|s| s.start_at() <= now && now < s.end_at());
    let upcoming = moment.talks.iter().find(|s| s.start_at() > now);
    let heading = format!(
        "{}'s agenda at {} ({})",
        crate::output::clean(moment.person),
        moment
            .zone
            .convert(moment.conference_tz, now)
            .format("%a %Y-%m-%d %H:%M"),
        moment.zone.label(moment.conference_tz, now)
    );
    writeln!(out, "{}", crate::text::wrap(&heading, moment.width, 2))?;
    if !moment.next_only {
        moment.write_now(out, current)?;
    }
    // Where you are: the talk on now, else the day's last talk before now (its room is where
    // you left from, between talks too).
    let from = current.or_else(|| {
        let next = upcoming?;
        moment
            .talks
            .iter()
            .rev()
            .find(|s| s.end_at() <= now && s.day == next.day)
    });
    match upcoming {
        Some(s) => moment.write_next(out, s, from),
        None => moment.write_none_next(out),
    }
}

impl Moment<'_> {
    /// `Sat 10:30–10:55` in the shown zone.
    fn shown(&self, s: &Session) -> String {
        let (a, b) = (
            self.zone.convert(self.conference_tz, s.start_at()),
            self.zone.convert(self.conference_tz, s.end_at()),
        );
        format!("{}–{}", a.format("%a %H:%M"), b.format("%H:%M"))
    }

    /// The `Now:` line: the talk on now and the minutes left, or nothing.
    fn write_now(&self, out: &mut dyn Write, current: Option<&Session>) -> anyhow::Result<()> {
        match current {
            Some(s) => {
                let left = (s.end_at() - self.now).num_minutes();
                let line = format!(
                    "Now:  {} · {} · {} ({} left)",
                    self.shown(s),
                    s.room,
                    s.title,
                    crate::text::plural(left, "minute", "minutes")
                );
                writeln!(out, "{}", crate::text::wrap(&line, self.width, 6))?;
                write_links(out, s)?;
            }
            None => writeln!(out, "Now:  nothing on your agenda")?,
        }
        Ok(())
    }

    /// The `Next:` line for the next talk `s`: when, where, how soon, and a change of rooms from
    /// the talk you are in or last left (`from`).
    fn write_next(
        &self,
        out: &mut dyn Write,
        s: &Session,
        from: Option<&Session>,
    ) -> anyhow::Result<()> {
        let minutes = (s.start_at() - self.now).num_minutes();
        let moving = match from {
            Some(c) if c.room != s.room => format!(" (change rooms: {} → {})", c.room, s.room),
            _ => String::new(),
        };
        let line = format!(
            "Next: {} · {} · {} · {}{moving}",
            self.shown(s),
            s.room,
            s.title,
            until(minutes)
        );
        writeln!(out, "{}", crate::text::wrap(&line, self.width, 6))?;
        write_links(out, s)?;
        Ok(())
    }

    /// The `Next:` line when no talk is left: the agenda is over, or this talk is its last.
    fn write_none_next(&self, out: &mut dyn Write) -> anyhow::Result<()> {
        let conference = self.conference_tz;
        let last = self
            .talks
            .last()
            .map(|s| tz::to_utc(conference, s.end_at()));
        let over = last.is_some_and(|l| l <= tz::to_utc(conference, self.now));
        writeln!(
            out,
            "Next: {}",
            if over || self.talks.is_empty() {
                "nothing more: your agenda is over"
            } else {
                "nothing more after this talk"
            }
        )?;
        Ok(())
    }
}

/// The talk's links, one indented line each, when the schedule gave any (`page URL`).
fn write_links(out: &mut dyn Write, s: &Session) -> anyhow::Result<()> {
    for (label, url) in s.links.labelled() {
        writeln!(out, "      {label} {url}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_until_read_as_words() {
        assert_eq!(until(0), "starting now");
        assert_eq!(until(1), "in 1 minute");
        assert_eq!(until(125), "in 2 h 05 min");
    }
}
