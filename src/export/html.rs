//! The comparison as one self-contained HTML page: inline CSS, no scripts, no network; a
//! viewport tag so a phone shows it at its own width.
//!
//! First, where and when to meet: per day the meeting options of [`crate::friends::meet`] (the
//! list every format prints), each with its time, length, place and how each person gets there.
//! Then the price of company (for `together`: each person's score together, best alone, the
//! price and the time together) and the pairs. Then one section per conference day, reached
//! from a row of day links: a timetable as a CSS grid with a column per room *somebody attends
//! that day* (a FOSDEM day has 37 rooms; a person attends a handful), each column wide enough
//! to read titles (the grid scrolls sideways in its own box rather than shrinking them, as do
//! the summary tables: at 390 pixels the page itself does not), one row per five
//! minutes from the first to the last attended talk. Each person has a colour (see the
//! legend); a session carries a badge per person attending it, talks attended together get a
//! gold frame and `★ together`, breaks say who can meet there, and the meeting options (but
//! talks sat in together, framed already) are green bands across the day with the suggested
//! place. A talk's title links to its page when the schedule gives one; a cancelled talk is
//! struck through and says so; a talk's block too small for its title shows it whole on
//! hover, and on a tap (each block can take focus, which unfolds it), besides its `title`
//! attribute; its `video` and `chat` links follow the title.

pub mod agenda;

use crate::friends::compare::{Cell, Comparison};
use crate::prefs::interests::format_points;
use crate::schedule::{Kind, Session};
use std::fmt::Write as _;

/// Minutes per grid row.
const STEP: i64 = 5;
/// Person colours, in command-line order (then repeated).
const COLOURS: &[&str] = &[
    "#1f6fb4", "#c2362b", "#2a8a3a", "#7b4fb0", "#d9771a", "#128a96",
];

const STYLE: &str = "
body { font: 14px/1.35 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 24px; color: #1b1b1b; background: #fafafa; }
@media (max-width: 600px) { body { margin: 10px; } h1 { font-size: 19px; } }
section.meet ol { list-style: none; padding: 0; margin: 0 0 10px; display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 6px; }
li.meeting { background: #fff; border: 1px solid #d5d5d5; border-left: 6px solid #2a8a3a; border-radius: 5px; padding: 5px 9px; margin: 0; }
li.meeting.agreed, li.meeting.shared-busy { border-left-color: #1f6fb4; background: #eef5fc; }
li.meeting.together { border-left-color: #e0a800; background: #fff8dc; }
li.meeting .when { font-weight: 700; margin-right: 6px; }
li.meeting .what { color: #333; }
li.meeting .where { display: block; font-weight: 600; }
li.meeting ul.there { list-style: none; padding: 0; margin: 2px 0 0; display: flex; flex-wrap: wrap; gap: 2px 12px; font-size: 12.5px; color: #444; }
h3 { font-size: 15px; margin: 12px 0 4px; }
a { color: #0b5394; }
.s a { color: inherit; text-decoration-color: #999; }
.s a.l { font-size: 10.5px; color: #0b5394; margin-left: 2px; }
.s.talk:focus-within { white-space: normal; overflow: visible; height: max-content; min-height: 100%; z-index: 8; background: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.3); font-size: 12px; line-height: 1.3; }
.s.cancelled .t { text-decoration: line-through; }
.s .gone { color: #b00020; font-weight: 700; }
.s:focus { outline: 2px solid #1f6fb4; }
.s.talk:hover, .s.talk:focus { white-space: normal; overflow: visible; height: max-content; min-height: 100%; z-index: 8; background: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.3); font-size: 12px; line-height: 1.3; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
nav.days { position: sticky; top: 0; background: #fafafa; padding: 6px 0; z-index: 5; border-bottom: 1px solid #ddd; }
nav.days a { display: inline-block; margin-right: 8px; padding: 3px 10px; border-radius: 12px; background: #333; color: #fff; text-decoration: none; font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; margin: 10px 0; align-items: center; }
.chip { display: inline-block; color: #fff; border-radius: 9px; padding: 0 7px; font-size: 11px; font-weight: 600; margin: 1px 2px 0 0; }
.key { display: inline-block; padding: 2px 8px; border-radius: 4px; font-size: 12px; }
.key.shared { border: 3px solid #e0a800; background: #fff8dc; }
.key.break { background: repeating-linear-gradient(45deg, #eee, #eee 6px, #e2e2e2 6px, #e2e2e2 12px); }
.key.meetband { background: #dff3e3; border: 1px dashed #2a8a3a; }
table.summary { border-collapse: collapse; margin: 8px 0; }
table.summary td, table.summary th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; font-size: 13px; }
table.summary td.num { text-align: right; }
.price { font-weight: 700; }
section.day { margin-top: 18px; }
.scroll { overflow-x: auto; padding-bottom: 6px; }
.grid { display: grid; gap: 2px 4px; position: relative; }
.room { font-weight: 700; background: #333; color: #fff; padding: 4px 6px; border-radius: 4px; text-align: center; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.time { font-size: 11px; color: #666; border-top: 1px solid #ddd; padding-right: 4px; text-align: right; }
.meetband { background: rgba(42, 138, 58, .13); border: 2px dashed #2a8a3a; border-radius: 5px; z-index: 2; pointer-events: none; font-size: 11.5px; font-weight: 700; color: #1d5e29; padding: 1px 6px; overflow: hidden; text-align: right; }
.s { overflow: hidden; border-radius: 5px; padding: 2px 5px; font-size: 12px; background: #fff; border: 1px solid #d5d5d5; color: #666; z-index: 1; }
.s:not(.chosen):not(.break) { opacity: .8; }
.s .t { font-weight: 600; }
.s .h { font-size: 10.5px; color: #777; }
.s.chosen { color: #111; border-width: 1px 1px 1px 6px; }
.s.shared { border: 3px solid #e0a800; background: #fff8dc; }
.s.shared .star { color: #a87600; font-weight: 700; }
.s.break { background: repeating-linear-gradient(45deg, #eee, #eee 6px, #e2e2e2 6px, #e2e2e2 12px); text-align: center; color: #333; }
.s.break .meet { font-weight: 700; color: #1b1b1b; }
.s.short { white-space: nowrap; text-overflow: ellipsis; font-size: 10.5px; line-height: 12px; padding: 0 4px; }
.s.short .chip { font-size: 9px; line-height: 10px; margin-top: 0; }
.s.short.shared { border-width: 1px; box-shadow: inset 0 0 0 1px #e0a800; }
";

/// HTML's escapes after the one rule for untrusted text (see [`crate::output::sanitize`]):
/// one for every HTML page (the comparisons' and the agenda's).
fn escape(text: &str) -> String {
    // The one rule for untrusted text first (controls and direction overrides made visible,
    // for `-o page.html` as for standard output), then HTML's own.
    crate::output::clean(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn colour(p: usize) -> &'static str {
    COLOURS[p % COLOURS.len()]
}

fn chip(c: &Comparison, p: usize) -> String {
    format!(
        "<span class=\"chip\" style=\"background:{}\">{}</span>",
        colour(p),
        escape(&c.people[p].name)
    )
}

/// Renders the whole page.
pub fn render(
    c: &Comparison,
    title: &str,
    joint: Option<&crate::friends::together::Joint>,
) -> String {
    let schedule = c.schedule;
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{} — {}</h1>",
        escape(&schedule.conference.name),
        escape(title),
        escape(&schedule.conference.name),
        escape(title)
    );
    meeting_list(&mut h, c);
    summary(&mut h, c, joint);
    h.push_str("<div class=\"legend\">");
    for p in 0..c.people.len() {
        h.push_str(&chip(c, p));
    }
    h.push_str("<span class=\"key shared\">★ together</span><span class=\"key meetband\">everyone free: meet</span><span class=\"key break\">break: who can meet</span>");
    let _ = writeln!(
        h,
        "<span class=\"key\">times in {}</span></div>",
        escape(&schedule.conference.time_zone)
    );
    h.push_str("<nav class=\"days\"><a href=\"#meet\">Meet</a>");
    for day in &c.days {
        let _ = write!(
            h,
            "<a href=\"#day-{}\">{}</a>",
            day.day.index,
            escape(&day.day.short())
        );
    }
    h.push_str("</nav>\n");
    for day in &c.days {
        day_grid(&mut h, c, day);
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// The price of company and the pairs, on top.
fn summary(h: &mut String, c: &Comparison, joint: Option<&crate::friends::together::Joint>) {
    h.push_str("<div class=\"scroll\"><table class=\"summary\"><tr><th>Person</th><th>Score</th>");
    if joint.is_some() {
        h.push_str("<th>Best alone</th><th>Price of company</th><th>Time together</th>");
    }
    h.push_str("<th>Talks</th><th>From</th></tr>");
    for (p, a) in c.people.iter().enumerate() {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td>",
            chip(c, p),
            format_points(a.total)
        );
        if let Some(j) = joint {
            let m = &j.members[p];
            let price = m.best_alone - a.total;
            let _ = write!(
                h,
                "<td class=\"num\">{}</td><td class=\"price\">{}</td><td>{}</td>",
                format_points(m.best_alone),
                if price == 0 {
                    "nothing".to_string()
                } else {
                    crate::text::points(price)
                },
                crate::export::joint::hours(m.minutes_together)
            );
        }
        let _ = write!(
            h,
            "<td class=\"num\">{}</td><td>{}</td></tr>",
            a.chosen.len(),
            escape(&a.source)
        );
    }
    h.push_str("</table></div>\n");
    if let Some(j) = joint {
        let _ = writeln!(
            h,
            "<p>An hour together is worth {} · everyone keeps at least {} % of their best score alone each day · {}</p>",
            crate::text::points(j.settings.bonus),
            j.settings.min_own,
            escape(&crate::export::joint::quality(j))
        );
    }
    h.push_str("<div class=\"scroll\"><table class=\"summary\"><tr><th>Pair</th><th>Talks together</th><th>Free together</th></tr>");
    for pair in &c.pairs {
        let free: Vec<String> = c
            .schedule
            .days()
            .iter()
            .filter_map(|day| {
                let list: Vec<String> = pair
                    .free
                    .iter()
                    .filter(|(d, _)| *d == day.index)
                    .map(|(_, (a, b))| format!("{}–{}", day.clock(*a), day.clock(*b)))
                    .collect();
                (!list.is_empty()).then(|| format!("{}: {}", day.short(), list.join(", ")))
            })
            .collect();
        let _ = write!(
            h,
            "<tr><td>{} {}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            chip(c, pair.people.0),
            chip(c, pair.people.1),
            pair.together.len(),
            if free.is_empty() {
                "none".to_string()
            } else {
                escape(&free.join("; "))
            }
        );
    }
    h.push_str("</table></div>\n");
}

/// Where and when to meet, first on the page: per day the meeting options, each with when,
/// what, where, and how each person gets there (the words of [`crate::export::meetings`]).
fn meeting_list(h: &mut String, c: &Comparison) {
    use crate::export::meetings;
    h.push_str("<section class=\"meet\" id=\"meet\">\n<h2>Where and when to meet</h2>\n");
    if c.meetings.is_empty() {
        h.push_str("<p>No time when everyone is free or in one room: somebody is in a talk or busy all day.</p>\n");
    }
    for day in c.schedule.days() {
        let list: Vec<_> = c.meetings.iter().filter(|m| m.day == day.index).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<ol>",
            escape(&crate::export::times::day_heading(c.schedule, day))
        );
        for m in list {
            let _ = write!(
                h,
                "<li class=\"meeting {}\"><span class=\"when\">{}</span><span class=\"what\">{}</span><span class=\"where\">at {}</span><ul class=\"there\">",
                m.kind.key(),
                escape(&meetings::when(day, m)),
                escape(&meetings::what(m)),
                escape(&meetings::place(m))
            );
            for p in 0..c.people.len() {
                let _ = write!(
                    h,
                    "<li>{} {}</li>",
                    chip(c, p),
                    escape(&meetings::getting_there(c, m, p))
                );
            }
            h.push_str("</ul></li>\n");
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n");
}

/// The rooms (conference order) somebody attends on a day.
pub fn rooms_attended(c: &Comparison, day: u32) -> Vec<String> {
    let schedule = c.schedule;
    schedule
        .conference
        .rooms
        .iter()
        .filter(|room| {
            c.people.iter().any(|p| {
                p.chosen.iter().any(|&i| {
                    let s = &schedule.sessions[i];
                    s.day == day && &s.room == *room
                })
            })
        })
        .cloned()
        .collect()
}

/// One day's grid: a column per room anybody attends, a row per five minutes, the talks and
/// breaks placed on it, and bands where everyone is free to meet.
fn day_grid(h: &mut String, c: &Comparison, day: &crate::friends::compare::DayView) {
    let schedule = c.schedule;
    let rooms = rooms_attended(c, day.day.index);
    let _ = writeln!(
        h,
        "<section class=\"day\" id=\"day-{}\">\n<h2>{}</h2>",
        day.day.index,
        escape(&crate::export::times::day_heading(schedule, &day.day))
    );
    if rooms.is_empty() {
        h.push_str("<p>Nobody attends a talk this day.</p>\n</section>\n");
        return;
    }
    let grid = Grid::new(c, day, rooms);
    grid.frame(h);
    grid.meet_bands(h);
    let mut done_breaks: Vec<(i64, &str)> = Vec::new();
    for (i, s) in schedule.sessions.iter().enumerate() {
        if s.day != day.day.index {
            continue;
        }
        let Some((start, span)) = grid.place(s) else {
            continue;
        };
        if matches!(s.kind, Kind::Break | Kind::Social) {
            if !done_breaks.contains(&(start, s.title.as_str())) {
                done_breaks.push((start, s.title.as_str()));
                grid.break_block(h, s, start, span);
            }
        } else {
            grid.talk_block(h, i, s, start, span);
        }
    }
    h.push_str("</div></div>\n</section>\n");
}

/// The grid of one day: its rooms and the minutes (after the day's start) it spans.
struct Grid<'a> {
    c: &'a Comparison<'a>,
    day: &'a crate::friends::compare::DayView,
    rooms: Vec<String>,
    /// The first minute shown, on a half hour of the clock.
    first: i64,
    /// The minute the last attended talk ends.
    last: i64,
}

impl<'a> Grid<'a> {
    /// The grid spanning every talk anybody attends this day.
    fn new(
        c: &'a Comparison<'a>,
        day: &'a crate::friends::compare::DayView,
        rooms: Vec<String>,
    ) -> Self {
        let schedule = c.schedule;
        let attended: Vec<&Session> = c
            .people
            .iter()
            .flat_map(|p| p.chosen.iter())
            .map(|&i| &schedule.sessions[i])
            .filter(|s| s.day == day.day.index)
            .collect();
        let at = |t: chrono::NaiveDateTime| (t - day.day.start).num_minutes();
        let first = attended.iter().map(|s| at(s.start_at())).min().unwrap_or(0);
        // Start on a half hour of the clock.
        let offset =
            i64::from(chrono::Timelike::num_seconds_from_midnight(&day.day.start.time()) / 60);
        let first = first - (first + offset).rem_euclid(30);
        let last = attended
            .iter()
            .map(|s| at(s.end_at()))
            .max()
            .unwrap_or(first + 60);
        Grid {
            c,
            day,
            rooms,
            first,
            last,
        }
    }

    /// Minutes after the day's start.
    fn at(&self, t: chrono::NaiveDateTime) -> i64 {
        (t - self.day.day.start).num_minutes()
    }

    /// The grid row of a minute (row 1 holds the room names).
    fn row_of(&self, m: i64) -> i64 {
        (m - self.first) / STEP + 2
    }

    /// Where a session starts on the grid and how many rows it spans, if it is on it at all.
    fn place(&self, s: &Session) -> Option<(i64, i64)> {
        let (start, end) = (self.at(s.start_at()), self.at(s.end_at()));
        if end <= self.first || start >= self.last {
            return None;
        }
        let start = start.max(self.first);
        let span = ((end.min(self.last) - start).max(STEP) + STEP - 1) / STEP;
        Some((start, span))
    }

    /// The grid's opening tag, the room names and a clock label every half hour.
    fn frame(&self, h: &mut String) {
        let (first, last) = (self.first, self.last);
        let _ = writeln!(
            h,
            "<div class=\"scroll\"><div class=\"grid\" style=\"grid-template-columns: 52px repeat({}, minmax(170px, 1fr)); grid-template-rows: auto repeat({}, 14px);\">",
            self.rooms.len(),
            (last - first + STEP - 1) / STEP
        );
        for (r, room) in self.rooms.iter().enumerate() {
            let _ = write!(
                h,
                "<div class=\"room\" style=\"grid-row:1;grid-column:{}\" title=\"{}\">{}</div>",
                r + 2,
                escape(room),
                escape(room)
            );
        }
        h.push('\n');
        let mut m = first;
        while m < last {
            let clock = self.day.day.start + chrono::Duration::minutes(m);
            let _ = write!(
                h,
                "<div class=\"time\" style=\"grid-row:{} / span 6;grid-column:1\">{}</div>",
                self.row_of(m),
                self.day.day.clock(clock)
            );
            m += 30;
        }
        h.push('\n');
    }

    /// Bands for the meeting options; talks they sit in together are framed in gold already,
    /// and a band over them would cover their titles.
    fn meet_bands(&self, h: &mut String) {
        for w in self.c.meetings.iter().filter(|w| {
            w.day == self.day.day.index && w.kind != crate::friends::meet::Kind::Together
        }) {
            let (a, b) = (
                self.at(w.from).max(self.first),
                self.at(w.until).min(self.last),
            );
            if b <= a {
                continue;
            }
            let _ = writeln!(
                h,
                "<div class=\"meetband\" style=\"grid-row:{} / span {};grid-column:2 / -1\">meet{} · {} min · {}</div>",
                self.row_of(a),
                ((b - a) / STEP).max(1),
                w.place
                    .as_ref()
                    .map_or(String::new(), |p| format!(" at {}", escape(&p.to_string()))),
                w.minutes(),
                escape(&crate::export::meetings::what(w))
            );
        }
    }

    /// A break across all columns, with who meets in it.
    fn break_block(&self, h: &mut String, s: &Session, start: i64, span: i64) {
        let c = self.c;
        let schedule = c.schedule;
        let meet = self
            .day
            .rows
            .iter()
            .find(|r| {
                r.break_session.is_some_and(|b| {
                    schedule.sessions[b].start_at() == s.start_at()
                        && schedule.sessions[b].title == s.title
                })
            })
            .map(|r| {
                (0..c.people.len())
                    .filter(|&p| r.cells[p] == Cell::Break)
                    .collect::<Vec<usize>>()
            })
            .unwrap_or_default();
        let meet_text = if meet.len() > 1 {
            format!(
                " · <span class=\"meet\">meet: {}</span>",
                meet.iter().map(|&p| chip(c, p)).collect::<String>()
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            h,
            "<div class=\"s break\" style=\"grid-row:{} / span {span};grid-column:2 / -1\"><span class=\"t\">{}</span> <span class=\"h\">{}</span>{meet_text}</div>",
            self.row_of(start),
            escape(&s.title),
            crate::export::times::exact_time_range(
                s,
                c.schedule.time_zone().unwrap_or(chrono_tz::UTC)
            )
        );
    }

    /// A talk in its room's column (if anybody attends that room), coloured by who attends it.
    fn talk_block(&self, h: &mut String, i: usize, s: &Session, start: i64, span: i64) {
        let c = self.c;
        let Some(column) = self.rooms.iter().position(|r| *r == s.room).map(|r| r + 2) else {
            return;
        };
        let who = c.attendees_of(i);
        let mut class = "s talk".to_string();
        if s.minutes <= 10 {
            class.push_str(" short");
        }
        if s.cancelled {
            class.push_str(" cancelled");
        }
        let mut style = format!(
            "grid-row:{} / span {span};grid-column:{column}",
            self.row_of(start)
        );
        if who.len() > 1 {
            class.push_str(" chosen shared");
        } else if let Some(&p) = who.first() {
            class.push_str(" chosen");
            let _ = write!(
                style,
                ";border-color:{};background:linear-gradient({}1f,{}1f),#fff",
                colour(p),
                colour(p),
                colour(p)
            );
        }
        let star = if who.len() > 1 {
            "<span class=\"star\">★ together</span> "
        } else {
            ""
        };
        let gone = if s.cancelled {
            "<span class=\"gone\">cancelled</span> "
        } else {
            ""
        };
        // tabindex: a tap focuses the block, and a focused short block unfolds its title.
        let _ = writeln!(
            h,
            "<div class=\"{class}\" style=\"{style}\" tabindex=\"0\" title=\"{}\">{}{star}{gone}<span class=\"h\">{}</span> {}</div>",
            escape(&format!(
                "{}{} · {} · {}",
                if s.cancelled { "CANCELLED: " } else { "" },
                s.title,
                s.room,
                s.speakers.join(", ")
            )),
            who.iter().map(|&p| chip(c, p)).collect::<String>(),
            crate::export::times::exact_time_range(
                s,
                c.schedule.time_zone().unwrap_or(chrono_tz::UTC)
            ),
            titled(s)
        );
    }
}

/// A talk's title, a link to its page when the schedule gives one, then its video and chat
/// links.
fn titled(s: &Session) -> String {
    let links = &s.links;
    let mut out = match &links.page {
        Some(page) => format!(
            "<a class=\"t\" href=\"{}\">{}</a>",
            escape(page),
            escape(&s.title)
        ),
        None => format!("<span class=\"t\">{}</span>", escape(&s.title)),
    };
    for (name, link) in [("video", &links.video), ("chat", &links.chat)] {
        if let Some(url) = link {
            let _ = write!(out, " <a class=\"l\" href=\"{}\">{name}</a>", escape(url));
        }
    }
    out
}
