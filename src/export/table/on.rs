//! `agenda on` as a table: one row per session, each room's talk on now above its next one,
//! rooms best for you first.

use crate::on::{Entry, View, left, until};
use std::io::Write;

/// The widest the room column gets, borders and padding included.
const ROOM_WIDTH: u16 = 14;
/// The widest the score-and-why column gets: the titles come first.
const WHY_WIDTH: u16 = 20;

/// Writes the header lines, the table and a footer with the count and the zone.
pub fn write(view: &View, out: &mut dyn Write) -> anyhow::Result<()> {
    if !crate::export::text::on::write_preamble(view, out)? {
        return Ok(());
    }
    let mut header = vec!["Room", "Time", "Session"];
    if view.scored {
        header.push("For you");
    }
    let mut table = super::new_table_width(&header, view.width);
    // Times never wrap; a long room name (`UB2.252A (Lameere)`) wraps before the titles do.
    if let Some(time) = table.column_mut(1) {
        time.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    for (column, widest) in [(0, ROOM_WIDTH), (3, WHY_WIDTH)] {
        if let Some(c) = table.column_mut(column) {
            c.set_constraint(comfy_table::ColumnConstraint::UpperBoundary(
                comfy_table::Width::Fixed(widest),
            ));
        }
    }
    let planned = view
        .on
        .rooms
        .iter()
        .any(|r| [&r.now, &r.next].into_iter().flatten().any(|e| e.in_plan));
    for room in &view.on.rooms {
        let mut first = true;
        for (entry, when) in [
            (&room.now, room.now.as_ref().map(|e| left(e.minutes))),
            (&room.next, room.next.as_ref().map(|e| until(e.minutes))),
        ] {
            let (Some(e), Some(when)) = (entry, when) else {
                continue;
            };
            let name = if first {
                room.room.clone()
            } else {
                String::new()
            };
            first = false;
            table.add_row(crate::output::clean_row(row(view, e, name, &when)));
        }
    }
    writeln!(out, "{table}")?;
    let mut footer = vec![
        crate::text::plural(view.on.rooms.len(), "room", "rooms"),
        if view.scored {
            "best for you first".to_string()
        } else {
            "in the schedule's order".to_string()
        },
        format!("times in {}", view.zone.label(view.tz, view.on.at)),
    ];
    if planned {
        footer.push("▶ your plan".into());
    }
    writeln!(out, "{}", super::note(&footer.join(" · "), view.width))?;
    Ok(())
}

/// One session's cells: room (on the room's first row), time and how long, title, for you.
fn row(view: &View, e: &Entry, room: String, when: &str) -> Vec<String> {
    let s = &view.schedule.sessions[e.session];
    let mark = if e.in_plan { "▶ " } else { "" };
    let mut cells = vec![
        room,
        format!("{}\n{when}", view.times(e.session)),
        format!("{mark}{}", s.title),
    ];
    if view.scored {
        cells.push(view.for_you(e));
    }
    cells
}
