//! `agenda now` / `agenda next`: from a saved plan, what to attend now and next, where, and in
//! how many minutes, at the clock's time or `--at`.

use super::Global;
use crate::cli::NowArgs;
use crate::output::{DisplayZone, tz};
use crate::plan::keep::Keeping;
use crate::saved::SavedPlan;
use crate::schedule::when;
use crate::schedule::{Schedule, Session};
use chrono::NaiveDateTime;
use std::io::Write;

/// "now" in the conference's local time: `--at` read by [`when::When::at`] (a bare time falls on
/// `fallback_day` when the conference is not on), else the clock.
pub fn now_local(
    schedule: &Schedule,
    at: Option<&str>,
    fallback_day: Option<u32>,
) -> anyhow::Result<NaiveDateTime> {
    when::at_or_clock(
        schedule.days(),
        schedule.time_zone()?,
        "--at",
        at,
        fallback_day,
    )
}

/// `in 25 minutes`, `in 2 h 05 min`, `now`.
fn until(minutes: i64) -> String {
    match minutes {
        0 => "starting now".into(),
        m if m < 60 => format!("in {}", crate::text::plural(m, "minute", "minutes")),
        m => format!("in {} h {:02} min", m / 60, m % 60),
    }
}

/// Runs `now` (`next_only` false) or `next` (true), from the saved plan alone; with
/// `--schedule` or `--refresh`, the plan is first updated (re-planned keeping its talks, as
/// `replan` does), what changed is said, and the plan is saved.
pub fn run(
    global: &Global,
    args: &NowArgs,
    next_only: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if args.refresh && global.schedule.is_some() {
        return Err(crate::error::bad_input(
            "--refresh reads the plan's own schedule again and --schedule another one; give one of them",
        ));
    }
    let zone = DisplayZone::from_flag(args.zone.tz.as_deref())?;
    let path = crate::folders::plan_to_read(args.plan.as_deref())?;
    let source = path.display().to_string();
    let mut saved = SavedPlan::load_within(&path, global.limit)?;
    if args.refresh || global.schedule.is_some() {
        global.refuse_clashes(&[("--plan", Some(path.as_path()))], &[])?;
        let replanned = super::replan::replan_saved(global, &saved, &source, Keeping::All, None)?;
        out.write_all(&replanned.report)?;
        let new = replanned.saved_plan(&saved.person)?;
        global.emit(
            &crate::output::Target::of(Some(&path)),
            new.to_text(&path)?.as_bytes(),
            out,
            |path| format!("updated {}'s plan {}", new.person, path.display()),
        )?;
        saved = new;
    }
    let pocket = saved.pocket(&source)?;
    let clock = Clock {
        zone,
        conference_tz: pocket.time_zone,
        // A bare `--at 11:05` off the conference is on the plan's first day.
        now: when::at_or_clock(
            &pocket.days,
            pocket.time_zone,
            "--at",
            args.at.as_deref(),
            pocket.talks.iter().map(|s| s.day).min(),
        )?,
    };
    let now = clock.now;
    let sessions: Vec<&Session> = pocket.talks.iter().collect();
    let current = sessions
        .iter()
        .copied()
        .find(|s| s.start_at() <= now && now < s.end_at());
    let upcoming = sessions.iter().copied().find(|s| s.start_at() > now);
    writeln!(
        out,
        "{}'s agenda at {} ({})",
        crate::output::clean(&saved.person),
        clock
            .zone
            .convert(clock.conference_tz, now)
            .format("%a %Y-%m-%d %H:%M"),
        clock.zone.label(clock.conference_tz, now)
    )?;
    if !next_only {
        clock.write_now(out, current)?;
    }
    match upcoming {
        Some(s) => clock.write_next(out, s, current),
        None => clock.write_none_next(out, &sessions),
    }
}

/// The moment asked about, and the zones to read and show times in.
struct Clock {
    /// The zone times are shown in (`--tz`).
    zone: DisplayZone,
    /// The conference's zone.
    conference_tz: chrono_tz::Tz,
    /// "now" in the conference's local time.
    now: NaiveDateTime,
}

impl Clock {
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
                writeln!(
                    out,
                    "Now:  {} · {} · {} ({} left)",
                    self.shown(s),
                    s.room,
                    s.title,
                    crate::text::plural(left, "minute", "minutes")
                )?;
                write_links(out, s)?;
            }
            None => writeln!(out, "Now:  nothing on your agenda")?,
        }
        Ok(())
    }

    /// The `Next:` line for the next talk `s`: when, where, how soon, and a change of rooms.
    fn write_next(
        &self,
        out: &mut dyn Write,
        s: &Session,
        current: Option<&Session>,
    ) -> anyhow::Result<()> {
        let minutes = (s.start_at() - self.now).num_minutes();
        let moving = match current {
            Some(c) if c.room != s.room => format!(" (change rooms: {} → {})", c.room, s.room),
            _ => String::new(),
        };
        writeln!(
            out,
            "Next: {} · {} · {} · {}{moving}",
            self.shown(s),
            s.room,
            s.title,
            until(minutes)
        )?;
        write_links(out, s)?;
        Ok(())
    }

    /// The `Next:` line when no talk is left: the agenda is over, or this talk is its last.
    fn write_none_next(&self, out: &mut dyn Write, sessions: &[&Session]) -> anyhow::Result<()> {
        let conference = self.conference_tz;
        let last = sessions.last().map(|s| tz::to_utc(conference, s.end_at()));
        let over = last.is_some_and(|l| l <= tz::to_utc(conference, self.now));
        writeln!(
            out,
            "Next: {}",
            if over || sessions.is_empty() {
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
