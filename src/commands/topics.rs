//! `agenda topics`: every topic with its number of talks.

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

/// Runs `topics`.
pub fn run(global: &Global, args: &TopicsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let schedule = global.load_schedule()?;
    let counts = schedule.topic_counts();
    match args.format {
        ListFormat::Json => {
            let list: Vec<TopicJson> = counts
                .iter()
                .map(|(topic, &talks)| TopicJson { topic, talks })
                .collect();
            output::write_json(out, &list)
        }
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
            Ok(())
        }
    }
}
