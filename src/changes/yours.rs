//! `diff --plan FILE` (or `--likes`, `--profile`): only the changes that touch your talks or
//! talks that score for you, and a one-line verdict.
//!
//! *Your talks* are a saved plan's talks, or without a plan the talks of the old version that
//! score for you. A change is shown when it touches one of your talks or a talk that scores for
//! you in either version; a new talk is shown when it scores for you. Each of your talks is
//! counted once, by its most serious change: cancelled, then removed, then moved (time, room or
//! length), then retitled or with other speakers; a talk whose only change is its id is
//! unchanged. The verdict says it in one line:
//! `2 of your 12 talks moved, 1 cancelled, 9 unchanged; 3 new talks score for you`, or
//! `None of your 12 talks changed; no new talk scores for you`, or for a single talk
//! `Your one talk was cancelled; …`.

use super::Diff;
use serde::Serialize;

/// Which sessions are yours and which score for you, as the command found them (this module
/// knows neither plans nor interests).
#[derive(Debug, Clone)]
pub struct Yours {
    /// Per old session: in your plan (`None`: no plan, your talks are those that score).
    pub plan: Option<Vec<bool>>,
    /// Per old session: scores for you in the old version.
    pub old_scores: Vec<bool>,
    /// Per new session: scores for you in the new version.
    pub new_scores: Vec<bool>,
}

/// What happened to your talks, and to the talks that score for you besides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Your talks were a plan's (else the talks that scored for you).
    #[serde(skip)]
    pub from_plan: bool,
    /// How many talks are yours.
    pub your_talks: usize,
    /// Yours that moved (time, room or length).
    pub moved: usize,
    /// Yours the new version cancels.
    pub cancelled: usize,
    /// Yours the new version no longer has.
    pub removed: usize,
    /// Yours retitled or with other speakers, and nothing worse.
    pub changed: usize,
    /// Yours with no change (an id change aside).
    pub unchanged: usize,
    /// Talks added in the new version that score for you.
    pub new_scoring: usize,
    /// Other talks that score for you (in either version) and changed or left.
    pub other_changed: usize,
}

/// How one of your talks fared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Cancelled,
    Removed,
    Moved,
    Changed,
    Unchanged,
}

impl Yours {
    /// Whether the old session `old` is one of your talks.
    pub fn mine(&self, old: usize) -> bool {
        match &self.plan {
            Some(plan) => plan.get(old).copied().unwrap_or(false),
            None => self.old_scores.get(old).copied().unwrap_or(false),
        }
    }

    fn scores_old(&self, old: usize) -> bool {
        self.old_scores.get(old).copied().unwrap_or(false)
    }

    fn scores_new(&self, new: usize) -> bool {
        self.new_scores.get(new).copied().unwrap_or(false)
    }

    /// Whether a change between old session `old` and new session `new` (either may be absent)
    /// is shown: it touches your talk or a talk that scores for you.
    pub fn keeps(&self, old: Option<usize>, new: Option<usize>) -> bool {
        old.is_some_and(|o| self.mine(o) || self.scores_old(o))
            || new.is_some_and(|n| self.scores_new(n))
    }

    fn fate(&self, diff: &Diff, old: usize) -> Fate {
        match diff.pair_of_old(old) {
            None => Fate::Removed,
            Some(p) if p.what.cancelled => Fate::Cancelled,
            Some(p) if p.what.moved() => Fate::Moved,
            Some(p) if p.what.title || p.what.speakers => Fate::Changed,
            Some(_) => Fate::Unchanged,
        }
    }

    /// The verdict on `diff`, whose old version has `old_sessions` sessions.
    pub fn verdict(&self, diff: &Diff, old_sessions: usize) -> Verdict {
        let mut v = Verdict {
            from_plan: self.plan.is_some(),
            ..Verdict::default()
        };
        for old in (0..old_sessions).filter(|&o| self.mine(o)) {
            v.your_talks += 1;
            *match self.fate(diff, old) {
                Fate::Cancelled => &mut v.cancelled,
                Fate::Removed => &mut v.removed,
                Fate::Moved => &mut v.moved,
                Fate::Changed => &mut v.changed,
                Fate::Unchanged => &mut v.unchanged,
            } += 1;
        }
        v.new_scoring = diff.added.iter().filter(|&&n| self.scores_new(n)).count();
        v.other_changed = diff
            .pairs
            .iter()
            .filter(|p| p.what.any() && !self.mine(p.old))
            .filter(|p| self.keeps(Some(p.old), Some(p.new)))
            .count()
            + diff
                .removed
                .iter()
                .filter(|&&o| !self.mine(o) && self.scores_old(o))
                .count();
        v
    }
}

/// `3 talks` / `1 talk`.
fn talks(n: usize) -> String {
    if n == 1 {
        "1 talk".to_string()
    } else {
        format!("{n} talks")
    }
}

/// `talk that scores` / `talks that score`.
fn that_score(n: usize) -> &'static str {
    if n == 1 {
        "talk that scores"
    } else {
        "talks that score"
    }
}

impl Verdict {
    /// The verdict in one line (see the module docs).
    pub fn sentence(&self) -> String {
        let mut clauses = vec![self.your_clause()];
        clauses.push(match self.new_scoring {
            0 => "no new talk scores for you".to_string(),
            1 => "1 new talk scores for you".to_string(),
            n => format!("{n} new talks score for you"),
        });
        if self.other_changed > 0 {
            clauses.push(format!(
                "{} other {} for you changed",
                self.other_changed,
                that_score(self.other_changed)
            ));
        }
        let line = clauses.join("; ");
        let mut chars = line.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_uppercase().chain(chars).collect::<String>()
        })
    }

    /// What happened to your talks: `2 of your 12 talks moved, 1 cancelled, 9 unchanged`.
    fn your_clause(&self) -> String {
        let n = self.your_talks;
        if n == 0 {
            return if self.from_plan {
                "your plan has no talk in the old version".to_string()
            } else {
                "no talk scored for you in the old version".to_string()
            };
        }
        if n == 1 {
            let one = [
                (self.moved, "moved"),
                (self.cancelled, "was cancelled"),
                (self.removed, "was removed"),
                (self.changed, "was retitled or got other speakers"),
            ]
            .into_iter()
            .find(|(k, _)| *k > 0)
            .map_or("did not change", |(_, w)| w);
            let whose = if self.from_plan {
                "your one talk"
            } else {
                "the one talk that scores for you"
            };
            return format!("{whose} {one}");
        }
        let whose = if self.from_plan {
            format!("your {}", talks(n))
        } else {
            format!("the {n} {} for you", that_score(n))
        };
        let changes: Vec<(usize, &str)> = [
            (self.moved, "moved"),
            (self.cancelled, "cancelled"),
            (self.removed, "removed"),
            (self.changed, "retitled or with other speakers"),
        ]
        .into_iter()
        .filter(|(k, _)| *k > 0)
        .collect();
        let Some(((k, word), rest)) = changes.split_first() else {
            return format!("none of {whose} changed");
        };
        let mut clause = format!("{k} of {whose} {word}");
        for (k, word) in rest {
            clause.push_str(&format!(", {k} {word}"));
        }
        if self.unchanged > 0 {
            clause.push_str(&format!(", {} unchanged", self.unchanged));
        }
        clause
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(from_plan: bool, counts: [usize; 7]) -> String {
        let [
            moved,
            cancelled,
            removed,
            changed,
            unchanged,
            new_scoring,
            other_changed,
        ] = counts;
        Verdict {
            from_plan,
            your_talks: moved + cancelled + removed + changed + unchanged,
            moved,
            cancelled,
            removed,
            changed,
            unchanged,
            new_scoring,
            other_changed,
        }
        .sentence()
    }

    #[test]
    fn the_verdict_names_each_kind_of_change_once_and_says_when_nothing_changed() {
        assert_eq!(
            said(true, [2, 1, 0, 0, 9, 3, 0]),
            "2 of your 12 talks moved, 1 cancelled, 9 unchanged; 3 new talks score for you"
        );
        assert_eq!(
            said(true, [0, 0, 0, 0, 12, 0, 0]),
            "None of your 12 talks changed; no new talk scores for you"
        );
        assert_eq!(
            said(true, [0, 0, 1, 1, 0, 1, 2]),
            "1 of your 2 talks removed, 1 retitled or with other speakers; 1 new talk scores for you; 2 other talks that score for you changed"
        );
        assert_eq!(
            said(false, [0, 0, 0, 0, 1, 0, 1]),
            "The one talk that scores for you did not change; no new talk scores for you; 1 other talk that scores for you changed"
        );
        assert_eq!(
            said(true, [0, 1, 0, 0, 0, 0, 0]),
            "Your one talk was cancelled; no new talk scores for you"
        );
        assert_eq!(
            said(false, [0, 0, 0, 0, 0, 2, 0]),
            "No talk scored for you in the old version; 2 new talks score for you"
        );
    }
}
