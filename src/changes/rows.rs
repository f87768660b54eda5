//! The rows of `agenda diff`, built once for the table and the JSON: every changed pair, then
//! every added session, then every removed one; with `--plan` or interests, only those that
//! touch your talks or talks that score for you ([`super::yours`]).

use super::yours::Yours;
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

/// The rows of `diff` from `old` to `new` that `yours` keeps (all of them without it), each
/// with whether it is one of your talks: your talks' changes first, then the others; each
/// changed pairs, added sessions, removed sessions, in the diff's order.
pub fn rows_for<'a>(
    diff: &'a Diff,
    old: &'a Schedule,
    new: &'a Schedule,
    yours: Option<&Yours>,
) -> Vec<(Row<'a>, bool)> {
    let keeps = |o: Option<usize>, n: Option<usize>| yours.is_none_or(|y| y.keeps(o, n));
    let mine = |o: usize| yours.is_some_and(|y| y.mine(o));
    let changed = diff
        .pairs
        .iter()
        .filter(|p| p.what.any() || p.matched_by.new_id())
        .filter(|p| keeps(Some(p.old), Some(p.new)))
        .map(|p| {
            let row = Row::Changed {
                pair: p,
                old: &old.sessions[p.old],
                new: &new.sessions[p.new],
            };
            (row, mine(p.old))
        });
    let added = diff
        .added
        .iter()
        .filter(|&&j| keeps(None, Some(j)))
        .map(|&j| (Row::Added(&new.sessions[j]), false));
    let removed = diff
        .removed
        .iter()
        .filter(|&&i| keeps(Some(i), None))
        .map(|&i| (Row::Removed(&old.sessions[i]), mine(i)));
    let mut rows: Vec<(Row, bool)> = changed.chain(added).chain(removed).collect();
    // Your talks first, each kind of change still in its order.
    rows.sort_by_key(|(_, mine)| !mine);
    rows
}
