//! The rows of `agenda diff`, built once for the table and the JSON: every changed pair, then
//! every added session, then every removed one.

use super::{Diff, Pair};
use crate::schedule::{Schedule, Session};

/// One change between two versions of a schedule.
pub enum Row<'a> {
    /// A session in both versions that changed, or that was matched by title and speakers
    /// because its id changed.
    Changed {
        /// The match, with what changed.
        pair: &'a Pair,
        /// The session as it was.
        old: &'a Session,
        /// The session as it is.
        new: &'a Session,
    },
    /// A session only in the new version.
    Added(&'a Session),
    /// A session only in the old version.
    Removed(&'a Session),
}

/// The rows of `diff` from `old` to `new`: changed pairs, added sessions, removed sessions,
/// each in the diff's order.
pub fn rows<'a>(diff: &'a Diff, old: &'a Schedule, new: &'a Schedule) -> Vec<Row<'a>> {
    let changed = diff
        .pairs
        .iter()
        .filter(|p| p.what.any() || p.matched_by.new_id())
        .map(|p| Row::Changed {
            pair: p,
            old: &old.sessions[p.old],
            new: &new.sessions[p.new],
        });
    let added = diff.added.iter().map(|&j| Row::Added(&new.sessions[j]));
    let removed = diff.removed.iter().map(|&i| Row::Removed(&old.sessions[i]));
    changed.chain(added).chain(removed).collect()
}
