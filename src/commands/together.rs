//! `agenda together A B …`: one joint plan, printed in the `compare` layout.

use super::Global;
use crate::cli::TogetherArgs;
use crate::friends::{self, compare::Comparison, together};
use std::io::Write;

/// Runs `together`.
pub fn run(global: &Global, args: &TogetherArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let settings = together::Settings {
        bonus: together::parse_bonus(&args.bonus)?,
        min_shared: args.min_shared,
    };
    let schedule = global.load_schedule()?;
    let people = friends::resolve_all(&schedule, &args.people)?;
    for note in friends::older_version_notes(&schedule, &people)? {
        global.note(&note);
    }
    let mut requests = Vec::new();
    for who in &people {
        let source = match who {
            friends::Who::Profile { source, .. } | friends::Who::Saved { source, .. } => {
                source.clone()
            }
        };
        requests.push((who.name().to_string(), source, who.request(&schedule)?));
    }
    let joint = together::plan_together(&schedule, &requests, settings)?;
    let c = Comparison::new(
        &schedule,
        joint.members.iter().map(|m| m.attendee.clone()).collect(),
    );
    super::compare::emit(
        &c,
        Some(&joint),
        "planned together",
        args.format,
        args.output.as_deref(),
        global,
        out,
    )
}
