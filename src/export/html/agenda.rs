//! The agenda as one self-contained page for the phone (`plan --format html`, `-o plan.html`).
//!
//! One file: inline CSS, no image, font or script fetched from anywhere (the only addresses
//! are the talks' own links, which open only when tapped), a viewport tag so a phone shows it
//! at its own width, and a layout of one column that never needs sideways scrolling at 390 CSS
//! pixels: long titles wrap, and links show as short labels (`page`, `video`, `chat`).
//!
//! One section per conference day; each chosen talk with its time, room (`»` after a room
//! switch), title, speakers, why it was chosen and its score, and its links. Each talk carries
//! its start and end as RFC 3339 instants with their offset (`data-start`, `data-end`), and a
//! few lines of script compare them with the device's clock when the page is opened: the first
//! talk not over gets the class `now` (it has started) or `next` (it has not), with a line on
//! top linking to it, and the talks before it `past` (dimmed); once every talk is over nothing
//! is marked. The script runs in the browser, so the file itself never depends on the clock:
//! the same plan gives the same bytes. A talk that only fills free time has a dashed frame.
//! From 60rem wide (a desktop) the days stand side by side.

use super::super::{Agenda, AgendaEntry, ExportOptions, Exporter};
use super::escape;
use crate::schedule::ConferenceDay;
use std::fmt::Write as _;
use std::io::Write;

/// The phone page writer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Page;

const STYLE: &str = "
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fafafa; --card: #fff; --line: #d8d8d8; --dim: #5f5f5f; --accent: #1f6fb4; --mark: #e0a800; --marktext: #805c00; --markbg: #fff6d6; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececec; --bg: #161616; --card: #222; --line: #3a3a3a; --dim: #a8a8a8; --accent: #6fb1ec; --mark: #e0a800; --marktext: #f0c040; --markbg: #3a3014; } }
* { box-sizing: border-box; }
body { font: 16px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0 auto; padding: 12px; max-width: 46rem; color: var(--fg); background: var(--bg); overflow-wrap: anywhere; }
h1 { font-size: 1.35rem; margin: 4px 0; }
h2 { font-size: 1.1rem; margin: 22px 0 8px; }
.sub, .settings, footer { color: var(--dim); font-size: .9rem; }
.settings { margin: 4px 0; padding-left: 1.1rem; }
nav.days { position: sticky; top: 0; z-index: 2; background: var(--bg); padding: 6px 0; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 6px; }
nav.days a { padding: 3px 10px; border-radius: 12px; background: var(--fg); color: var(--bg); text-decoration: none; font-size: .85rem; }
#status { margin: 10px 0 0; padding: 6px 10px; border-radius: 6px; background: var(--markbg); border-left: 5px solid var(--mark); }
#status a { color: inherit; }
ol.talks { list-style: none; margin: 0; padding: 0; }
li.talk { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; margin: 0 0 8px; scroll-margin-top: 56px; }
li.talk.past { opacity: .55; }
li.talk.now, li.talk.next { border: 2px solid var(--mark); background: var(--markbg); }
li.talk.now .when::after { content: ' · now'; color: var(--marktext); font-weight: 700; }
li.talk.next .when::after { content: ' · next'; color: var(--marktext); font-weight: 700; }
.when { font-variant-numeric: tabular-nums; font-weight: 600; }
.room { color: var(--dim); font-weight: 400; }
.title { font-weight: 700; margin: 2px 0; }
.who, .why { font-size: .9rem; color: var(--dim); }
.links { margin-top: 4px; display: flex; flex-wrap: wrap; gap: 6px; }
.links a { color: var(--accent); border: 1px solid var(--line); border-radius: 6px; padding: 2px 10px; text-decoration: none; font-size: .9rem; }
p.none { color: var(--dim); }
li.talk.fill { border-style: dashed; }
@media (min-width: 60rem) { body { max-width: 92rem; } main { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0 18px; align-items: start; } }
";

/// Marks the talks from the device's clock: the first talk not over gets `now` or `next`, the
/// line on top links to it, and the talks before it get `past`. After the conference (no talk
/// left) nothing is marked, so the page reads as it was written.
const SCRIPT: &str = "
(function () {
  var now = Date.now(), talks = document.querySelectorAll('li.talk'), mark = null;
  talks.forEach(function (t) { if (!mark && Date.parse(t.dataset.end) > now) { mark = t; } });
  if (!mark) { return; }
  talks.forEach(function (t) { if (Date.parse(t.dataset.end) <= now) { t.classList.add('past'); } });
  var on = Date.parse(mark.dataset.start) <= now, s = document.getElementById('status'), a = document.createElement('a');
  mark.classList.add(on ? 'now' : 'next');
  a.href = '#' + mark.id;
  a.textContent = [mark.closest('section').dataset.day, mark.querySelector('.when').textContent, mark.querySelector('.title').textContent].join(' · ');
  s.append(on ? 'Now: ' : 'Next: ', a);
  s.hidden = false;
})();
";

impl Exporter<Agenda<'_>> for Page {
    fn write(
        &self,
        agenda: &Agenda,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let schedule = agenda.schedule;
        let tz = schedule.time_zone()?;
        let name = escape(&schedule.conference.name);
        let mut h = String::new();
        let _ = writeln!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{name} — my agenda</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{name}</h1>"
        );
        let who = options
            .name
            .as_deref()
            .map(|n| format!(" for {}", escape(n)))
            .unwrap_or_default();
        let zone = agenda.entries.first().map_or_else(
            || tz.name().to_string(),
            |e| options.zone.label(tz, e.session.start_at()),
        );
        let _ = writeln!(
            h,
            "<p class=\"sub\">Your agenda{who} · {} · times in {}</p>",
            crate::text::plural(agenda.entries.len(), "talk", "talks"),
            escape(&zone)
        );
        if !options.settings.is_empty() {
            h.push_str("<ul class=\"settings\">");
            for line in &options.settings {
                let _ = write!(h, "<li>{}</li>", escape(line));
            }
            h.push_str("</ul>\n");
        }
        let days: Vec<&ConferenceDay> = schedule
            .days()
            .iter()
            .filter(|d| options.day.is_none_or(|x| x == d.index))
            .collect();
        h.push_str("<nav class=\"days\">");
        for day in &days {
            let _ = write!(
                h,
                "<a href=\"#day-{}\">{}</a>",
                day.index,
                escape(&day.date.format("%a %-d %b").to_string())
            );
        }
        h.push_str("</nav>\n<p id=\"status\" hidden></p>\n</header>\n<main>\n");
        for day in days {
            day_section(&mut h, agenda, options, day, tz);
        }
        h.push_str("</main>\n");
        if let Some(view) = &agenda.plan {
            // What the table's footer says: the proof given (`replan`), else optimality.
            let proof = view.proof.clone().unwrap_or_else(|| {
                "Proven optimal: no agenda within these limits scores higher.".to_string()
            });
            let _ = writeln!(
                h,
                "<footer><p>Total score {}</p><p>{}</p></footer>",
                crate::prefs::interests::format_points(view.plan.total),
                escape(&proof).replace('\n', "<br>")
            );
        }
        let _ = write!(h, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
        out.write_all(h.as_bytes())?;
        Ok(())
    }
}

/// One conference day: its heading and its chosen talks in order.
fn day_section(
    h: &mut String,
    agenda: &Agenda,
    options: &ExportOptions,
    day: &ConferenceDay,
    tz: chrono_tz::Tz,
) {
    let schedule = agenda.schedule;
    let _ = writeln!(
        h,
        "<section class=\"day\" id=\"day-{}\" data-day=\"{}\">\n<h2>{}</h2>",
        day.index,
        day.date.format("%a %-d %b"),
        escape(&crate::export::times::day_heading_in(
            schedule,
            day,
            options.zone,
            tz
        ))
    );
    let talks: Vec<(usize, &AgendaEntry)> = agenda
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.session.day == day.index)
        .collect();
    if talks.is_empty() {
        h.push_str("<p class=\"none\">No talk chosen this day.</p>\n</section>\n");
        return;
    }
    h.push_str("<ol class=\"talks\">\n");
    let mut previous_room: Option<&str> = None;
    for (n, entry) in talks {
        let s = entry.session;
        let switched = previous_room.is_some_and(|r| r != s.room);
        previous_room = Some(&s.room);
        let (from, until) = crate::output::tz::instants(tz, s);
        let _ = write!(
            h,
            "<li class=\"talk{}\" id=\"talk-{}\" data-start=\"{}\" data-end=\"{}\">\n<div class=\"when\">{} <span class=\"room\">{}{}</span></div>\n<div class=\"title\">{}</div>\n",
            if entry.reasons == ["fills free time"] {
                " fill"
            } else {
                ""
            },
            n + 1,
            options.zone.at(tz, from).to_rfc3339(),
            options.zone.at(tz, until).to_rfc3339(),
            crate::export::times::day_time_range(day, s, options.zone, tz),
            if switched { "» " } else { "" },
            escape(&s.room),
            escape(&s.title)
        );
        if !s.speakers.is_empty() {
            let _ = writeln!(
                h,
                "<div class=\"who\">{}</div>",
                escape(&s.speakers.join(", "))
            );
        }
        if !entry.reasons.is_empty() {
            let _ = writeln!(
                h,
                "<div class=\"why\">Why: {} · score {}</div>",
                escape(&entry.reason()),
                entry.score
            );
        }
        if !s.links.is_empty() {
            h.push_str("<div class=\"links\">");
            for (label, url) in s.links.labelled() {
                // A checked web address (see `schedule::links`), escaped all the same.
                let _ = write!(
                    h,
                    "<a href=\"{}\" rel=\"noopener\">{label}</a>",
                    escape(url)
                );
            }
            h.push_str("</div>\n");
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ol>\n</section>\n");
}
