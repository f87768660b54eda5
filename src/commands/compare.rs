//! `agenda compare A B …`: everyone's agenda side by side.

use super::Global;
use crate::cli::{CompareArgs, FriendsFormat};
use crate::friends::{self, compare::Comparison};
use std::io::Write;

/// Renders a comparison in a format, to `-o FILE` (atomically) or `out`.
pub fn emit(
    c: &Comparison,
    joint: Option<&friends::together::Joint>,
    title: &str,
    format: FriendsFormat,
    output: Option<&std::path::Path>,
    global: &Global,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut bytes = Vec::new();
    match format {
        FriendsFormat::Table => {
            friends::compare::write_table(&mut bytes, c, title)?;
            friends::meet::write_table(&mut bytes, c.schedule, &c.people, &c.windows)?;
            if let Some(j) = joint {
                friends::together::write_price(&mut bytes, j)?;
            }
            bytes = crate::output::sanitize::clean_bytes(bytes);
        }
        FriendsFormat::Json => friends::json::write(&mut bytes, c, joint)?,
        FriendsFormat::Html => bytes = friends::html::render(c, title, joint).into_bytes(),
        FriendsFormat::Text => friends::text::write(&mut bytes, c, title, joint)?,
    }
    match output {
        Some(path) if path.as_os_str() != "-" => {
            global.write(path, &bytes)?;
            global.note_written(path, &format!("wrote {}", path.display()));
            Ok(())
        }
        _ => Ok(out.write_all(&bytes)?),
    }
}

/// Runs `compare`.
pub fn run(global: &Global, args: &CompareArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    // The flags first, before any schedule is read or agenda planned.
    shown_zone(args.tz.as_deref(), args.format)?;
    global.refuse_clashes(
        &[("-o", args.output.as_deref())],
        &super::people_files(&args.people),
    )?;
    let schedule = global.load_schedule()?;
    let people = friends::resolve_all(&schedule, &args.people)?;
    for note in friends::older_version_notes(&schedule, &people)? {
        global.note(&note);
    }
    let attendees = friends::attendees(&schedule, &people)?;
    let (shown, attendees) = shown_in(&schedule, attendees, args.tz.as_deref(), args.format)?;
    let c = Comparison::new(&shown, attendees);
    emit(
        &c,
        None,
        "agendas compared",
        args.format,
        args.output.as_deref(),
        global,
        out,
    )
}

/// The schedule and people as `--tz` shows them; JSON always keeps the conference's time.
pub fn shown_in(
    schedule: &crate::schedule::Schedule,
    people: Vec<friends::Attendee>,
    tz: Option<&str>,
    format: FriendsFormat,
) -> anyhow::Result<(crate::schedule::Schedule, Vec<friends::Attendee>)> {
    friends::zone::shift(schedule, people, shown_zone(tz, format)?)
}

/// The zone `--tz` shows times in, for `format`.
pub fn shown_zone(
    tz: Option<&str>,
    format: FriendsFormat,
) -> anyhow::Result<crate::output::DisplayZone> {
    let zone = crate::output::DisplayZone::from_flag(tz)?;
    if format == FriendsFormat::Json && zone != crate::output::DisplayZone::Conference {
        return Err(crate::error::UserError::err(
            "--tz changes how times are shown, but JSON always gives them in the conference's time zone (its `time_zone` field); drop --tz or choose --format table, text or html",
        ));
    }
    Ok(zone)
}
