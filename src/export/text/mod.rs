//! Plain text to paste into a chat or read in a terminal: `compare` and `together` as one line
//! per talk and meeting point ([`comparison`]), and `replan`'s report of what changed for you
//! ([`replan`]). The plan's own text is its table's compact view ([`super::table`]).

pub mod check;
pub mod comparison;
pub mod now;
pub mod on;
pub mod replan;
