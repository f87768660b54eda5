//! `agenda topics`: every topic with its number of talks, and the tracks when there are any.

use super::Global;
use crate::cli::{ListFormat, TopicsArgs};
use crate::output;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct TopicJson<'a> {
    topic: &'a str,
    talks: usize,
}

#[derive(Serialize)]
struct TrackJson<'a> {
    track: &'a str,
    talks: usize,
}

#[derive(Serialize)]
struct ListingJson<'a> {
    topics: Vec<TopicJson<'a>>,
    tracks: Vec<TrackJson<'a>>,
}

/// Runs `topics`.
pub fn run(global: &Global, args: &TopicsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let schedule = global.load_schedule()?;
    let counts = schedule.topic_counts();
    let tracks = schedule.track_counts();
    match args.format {
        // Without tracks, the list of topics as before; with tracks, both lists.
        ListFormat::Json if tracks.is_empty() => {
            let list: Vec<TopicJson> = counts
                .iter()
                .map(|(topic, &talks)| TopicJson { topic, talks })
                .collect();
            output::write_json(out, &list)
        }
        ListFormat::Json => output::write_json(
            out,
            &ListingJson {
                topics: counts
                    .iter()
                    .map(|(topic, &talks)| TopicJson { topic, talks })
                    .collect(),
                tracks: tracks
                    .iter()
                    .map(|(track, &talks)| TrackJson { track, talks })
                    .collect(),
            },
        ),
        ListFormat::Table => {
            let mut table = output::new_table(&["Topic", "Talks"]);
            for (topic, talks) in &counts {
                table.add_row(vec![topic.clone(), talks.to_string()]);
            }
            writeln!(out, "{table}")?;
            writeln!(
                out,
                "{} topics in {}",
                counts.len(),
                schedule.conference.name
            )?;
            if !tracks.is_empty() {
                let mut table = output::new_table(&["Track", "Talks"]);
                for (track, talks) in &tracks {
                    table.add_row(vec![track.clone(), talks.to_string()]);
                }
                writeln!(out)?;
                writeln!(out, "{table}")?;
                writeln!(
                    out,
                    "{} tracks in {} (--tracks \"TRACK\")",
                    tracks.len(),
                    schedule.conference.name
                )?;
            }
            Ok(())
        }
    }
}
