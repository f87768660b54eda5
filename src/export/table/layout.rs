//! How the rows of a plan's day are laid out for a width: a bordered table whose columns depend
//! on the width, or the compact one-line-per-talk view. Knows nothing of days or plans; the rows
//! come from [`super::plan::day_rows`]. Columns by width `w`:
//!
//! | width      | columns                                               |
//! |------------|-------------------------------------------------------|
//! | `w < 80`   | compact: `time  room  title · why`, one line per talk |
//! | `80..100`  | Time, Room, Session (title — speakers), Why           |
//! | `100..120` | Time, Room, Session, Speakers, Why                    |
//! | `w ≥ 120`  | Time, Room, Session, Speakers, Why, Score             |
//!
//! Time never wraps; a room takes its content's width unless that is over a sixth of the
//! table, then it wraps between words; titles take what is left.

use crate::export::table::new_table_width;
use comfy_table::{ColumnConstraint, Width};

/// What one line of a day is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    /// A talk you attend.
    Talk,
    /// A break or the social event.
    Break,
    /// One of your busy windows.
    Busy,
    /// A talk in your room left out on purpose (disliked, avoided, `--gaps`).
    Free,
}

/// One line of a day, before layout.
#[derive(Debug, Clone)]
pub struct Row {
    /// What it is.
    pub kind: RowKind,
    /// `HH:MM–HH:MM` in the display zone.
    pub time: String,
    /// The room (`all rooms` for a break everywhere).
    pub room: String,
    /// Whether you change rooms to get here.
    pub switched: bool,
    /// Title.
    pub title: String,
    /// Speakers, comma-separated.
    pub speakers: String,
    /// Why it is attended or left free.
    pub why: String,
    /// Its score, as points.
    pub score: String,
    /// The best talk missed meanwhile (only when it scores above 0).
    pub missed: Option<Missed>,
    /// The talk's links, labelled (`page`, `video`, `chat`), shown with `--links`.
    pub links: Vec<(&'static str, String)>,
}

/// A talk missed in another room, shown as `missed: X in Galerie, score 3`.
#[derive(Debug, Clone)]
pub struct Missed {
    /// Its title.
    pub title: String,
    /// Its room.
    pub room: String,
    /// Its score, as points.
    pub score: String,
}

impl Missed {
    /// `missed: X in Galerie, score 3`, the title cut to `max` characters.
    pub fn label(&self, max: usize) -> String {
        format!(
            "missed: {} in {}, score {}",
            shorten(&self.title, max),
            self.room,
            self.score
        )
    }
}

/// At most `max` characters of `text`, with `…` when cut; the cut falls between words when a
/// space is near enough (in the last third), so no word is broken for a few characters.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = text.chars().nth(cut.chars().count()) == Some(' ');
    let cut = match cut.rfind(' ') {
        Some(space) if !at_word && cut[..space].chars().count() * 3 >= max * 2 => {
            cut[..space].to_string()
        }
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// The room as shown: `» Loft` after a switch.
fn room_cell(row: &Row) -> String {
    if row.switched {
        format!("» {}", row.room)
    } else {
        row.room.clone()
    }
}

/// A bordered table of rows, with the columns the width allows (see the module docs).
pub fn render_table(rows: &[Row], width: u16) -> String {
    let columns = Columns::for_width(width);
    let header = columns.header();
    let mut table = new_table_width(&header, width);
    for row in rows {
        table.add_row(crate::output::clean_row(columns.cells(row, width)));
    }
    constrain_time_and_room(&mut table, rows, width);
    constrain_why_speakers_score(&mut table, rows, &header, &columns, width);
    table.to_string()
}

/// Which optional columns the width allows.
struct Columns {
    /// Speakers in their own column (from 100 columns; narrower, after the title).
    speakers: bool,
    /// A score column (from 120 columns).
    score: bool,
}

impl Columns {
    /// The columns for a table `width` wide.
    fn for_width(width: u16) -> Self {
        Columns {
            speakers: width >= 100,
            score: width >= 120,
        }
    }

    /// The header names, in column order.
    fn header(&self) -> Vec<&'static str> {
        let mut header = vec!["Time", "Room", "Session"];
        if self.speakers {
            header.push("Speakers");
        }
        header.push("Why");
        if self.score {
            header.push("Score");
        }
        header
    }

    /// One row's cells: narrow tables put the speakers after the title; a missed talk goes
    /// under it.
    fn cells(&self, row: &Row, width: u16) -> Vec<String> {
        let mut title = row.title.clone();
        if !self.speakers && !row.speakers.is_empty() {
            // Narrow: the first two names and how many more.
            let names: Vec<&str> = row.speakers.split(", ").collect();
            let shown = if names.len() > 2 {
                format!("{} +{}", names[..2].join(", "), names.len() - 2)
            } else {
                row.speakers.clone()
            };
            title.push_str(&format!(" — {shown}"));
        }
        if let Some(m) = &row.missed {
            // Narrow tables cut the missed title to a few words.
            let max = if width < 100 { 24 } else { 50 };
            title.push_str(&format!("\n↳ {}", m.label(max)));
        }
        let mut cells = vec![row.time.clone(), room_cell(row), title];
        if self.speakers {
            cells.push(row.speakers.clone());
        }
        cells.push(row.why.clone());
        if self.score {
            cells.push(row.score.clone());
        }
        cells
    }
}

/// The width a word keeps on one line in a cell: its length, but a word longer than
/// [`crate::output::sanitize::CELL_WORD`] is broken into pieces that long before the table is laid
/// out (a room or a name of 64,000 characters made a column that wide: output quadratic in it).
fn unbroken_width(word: &str) -> u16 {
    let n = word
        .chars()
        .take(crate::output::sanitize::CELL_WORD + 1)
        .count();
    u16::try_from(n.min(crate::output::sanitize::CELL_WORD)).unwrap_or(u16::MAX)
}

/// Time and room never wrap: they take their content's width, unless a room name is so long
/// that the title would be squeezed below a third of the table; then the room wraps at spaces.
fn constrain_time_and_room(table: &mut comfy_table::Table, rows: &[Row], width: u16) {
    let room_width = rows
        .iter()
        .map(|r| room_cell(r).chars().count())
        .max()
        .unwrap_or(4) as u16;
    if let Some(col) = table.column_mut(0) {
        col.set_constraint(ColumnConstraint::ContentWidth);
    }
    // The room takes its content's width when that is at most a sixth of the table; longer
    // names (FOSDEM's `UB2.252A (Lameere)`) wrap at spaces, never inside a word.
    let room_word = rows
        .iter()
        .flat_map(|r| r.room.split_whitespace().map(unbroken_width))
        .max()
        .map_or(4, |w| w + 2)
        .min(width / 3);
    if let Some(col) = table.column_mut(1) {
        if room_width <= width / 6 {
            col.set_constraint(ColumnConstraint::ContentWidth);
        } else {
            col.set_constraint(ColumnConstraint::Boundaries {
                lower: Width::Fixed(room_word),
                upper: Width::Fixed((width / 6).max(room_word)),
            });
        }
    }
}

/// Why takes at most a quarter of the table (a fifth from 120 columns); speakers never break
/// inside a name; the score takes its content's width.
fn constrain_why_speakers_score(
    table: &mut comfy_table::Table,
    rows: &[Row],
    header: &[&str],
    columns: &Columns,
    width: u16,
) {
    let why = header.iter().position(|h| *h == "Why").unwrap_or(3);
    if let Some(col) = table.column_mut(why) {
        col.set_constraint(ColumnConstraint::UpperBoundary(Width::Percentage(
            if width >= 120 { 20 } else { 25 },
        )));
    }
    if columns.speakers
        && let Some(col) = table.column_mut(3)
    {
        // Names never break inside: at least as wide as the longest word of any name.
        let longest = rows
            .iter()
            .flat_map(|r| r.speakers.split_whitespace())
            .map(unbroken_width)
            .max()
            .unwrap_or(8)
            .min(width / 3);
        let upper = (width * 22 / 100).max(longest);
        col.set_constraint(ColumnConstraint::Boundaries {
            lower: Width::Fixed(longest),
            upper: Width::Fixed(upper),
        });
    }
    if columns.score
        && let Some(col) = table.column_mut(header.len() - 1)
    {
        col.set_constraint(ColumnConstraint::ContentWidth);
    }
}

/// The links of a day's talks, under its bordered table: the talk's start and title (cut to
/// the width), then one indented line per link. Addresses are never cut (a cut address does
/// not open), so a long one runs past the width. Empty when no talk has a link.
pub fn link_list(rows: &[Row], width: u16) -> String {
    let mut out = String::new();
    for row in rows.iter().filter(|r| !r.links.is_empty()) {
        if out.is_empty() {
            out.push_str("Links:\n");
        }
        let start = row.time.split('–').next().unwrap_or(&row.time);
        let left = usize::from(width).saturating_sub(start.chars().count() + 3);
        out.push_str(&format!(
            "  {start} {}\n",
            shorten(&row.title, left.max(10))
        ));
        for (label, url) in &row.links {
            out.push_str(&format!("    {label:<5} {url}\n"));
        }
    }
    out
}

/// One line per row: `10:15–10:40  » Galerie  Container Networking With Net… · bpf +1` (the
/// title cut so the line fits `width`; `fill` for a talk that fills free time); a missed talk on
/// its own indented line, and with `links` each link of the talk on one (the address never
/// cut, so a long one runs past the width).
pub fn render_compact(rows: &[Row], width: u16, links: bool) -> String {
    let room_width = rows
        .iter()
        .map(|r| room_cell(r).chars().count())
        .max()
        .unwrap_or(0)
        .min(usize::from(width) / 4);
    let time_width = rows
        .iter()
        .map(|r| r.time.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for row in rows {
        let room = shorten(&room_cell(row), room_width);
        let lead = format!("{:<time_width$}  {room:<room_width$}  ", row.time);
        // What is left after the time and room goes to the title (ten columns at least when
        // there are) and then the reason, which is cut first: the line never runs over.
        let left = usize::from(width).saturating_sub(lead.chars().count());
        let why_room = left.saturating_sub(10).min(24 + 3);
        let why = match row.why.as_str() {
            "" => String::new(),
            "fills free time" => " · fill".to_string(),
            other => format!(" · {}", shorten(other, 24)),
        };
        // A reason cut to a stub says nothing: below ten columns it is left out.
        let why = if why.chars().count() <= why_room {
            why
        } else if why_room >= 10 {
            format!(" · {}", shorten(&row.why, why_room - 3))
        } else {
            String::new()
        };
        let title_room = left.saturating_sub(why.chars().count()).max(1);
        let rest = format!("{}{why}", shorten(&row.title, title_room));
        out.push_str(&format!("{lead}{rest}\n"));
        if let Some(m) = &row.missed {
            let indent = " ".repeat(time_width + 2);
            let left = usize::from(width).saturating_sub(indent.len() + 2);
            out.push_str(&format!(
                "{indent}↳ {}\n",
                shorten(&m.label(left), left.max(10))
            ));
        }
        if links {
            let indent = " ".repeat(time_width + 2);
            for (label, url) in &row.links {
                out.push_str(&format!("{indent}↗ {label:<5} {url}\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Missed, Row, RowKind, render_compact, shorten};

    #[test]
    fn a_compact_line_never_runs_over_the_width() {
        let row = |room: &str, why: &str| Row {
            kind: RowKind::Talk,
            time: "23:55–00:40 (+1)".into(),
            room: room.into(),
            switched: true,
            title: "Supercalifragilistic expialidocious kernel tracing for everyone".into(),
            speakers: String::new(),
            why: why.into(),
            score: "3".into(),
            missed: Some(Missed {
                title: "Another very long title of a talk in another room".into(),
                room: "Auditorium Maximum".into(),
                score: "2.5".into(),
            }),
            links: Vec::new(),
        };
        let rows = vec![
            row(
                "Auditorium Maximum of the University",
                "kernel +2, tracing +1, bpf +1",
            ),
            row("Loft", "fills free time"),
            row("Galerie", ""),
        ];
        for width in 40..=120 {
            for line in render_compact(&rows, width, true).lines() {
                assert!(
                    line.chars().count() <= usize::from(width),
                    "{width}: {line}"
                );
            }
        }
    }

    #[test]
    fn shortening_cuts_between_words_when_it_can() {
        assert_eq!(
            shorten("Systing: tracing for the lazy", 24),
            "Systing: tracing for…"
        );
        assert_eq!(shorten("short", 24), "short");
        assert_eq!(shorten("Supercalifragilistic", 8), "Superca…");
    }
}
