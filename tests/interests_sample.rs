//! What `--likes X` finds, measured against a person: 300 FOSDEM 2025 talks labelled by hand.
//!
//! The fixture `tests/fixtures/interests/fosdem-2025-labels.csv` says, for each talk and each of
//! eight interests, whether the talk is *about* the interest (central), one a person who likes it
//! would want (relevant), or neither; it was drawn at random and labelled from the talk's text
//! before any score was looked at (its header says how). A talk is *found* for an interest when
//! `--likes X` gives it a score above zero. Precision: found talks that are central or relevant;
//! recall: central or relevant talks found; central recall: central talks found. The floors
//! below sit a little under what was measured when the scoring rule was written
//! (docs/guide/interests.md): a guard against regressions, not a target.

use crate::common;

use agenda::import;
use agenda::plan::interests::{score_all, Interests, Weighted};
use std::collections::{BTreeMap, BTreeSet};

/// The eight interests of the sample, as given to `--likes`.
const INTERESTS: [&str; 8] = [
    "security",
    "containers",
    "networking",
    "kernel",
    "rust",
    "database",
    "embedded",
    "ai",
];

/// One labelled talk: the interests it is about, and those it is relevant to.
struct Label {
    central: BTreeSet<String>,
    relevant: BTreeSet<String>,
}

/// The labels by event id, from the fixture.
fn labels() -> BTreeMap<String, Label> {
    let text = include_str!("fixtures/interests/fosdem-2025-labels.csv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id,") && !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.splitn(4, ',');
            let mut next = || parts.next().expect("id,central,relevant,title");
            let id = next().to_string();
            let set = |s: &str| s.split_whitespace().map(str::to_string).collect();
            let central = set(next());
            let relevant = set(next());
            (id, Label { central, relevant })
        })
        .collect()
}

/// Counts for one interest over the sample.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// Talks found that are central or relevant.
    found_wanted: usize,
    /// Talks found.
    found: usize,
    /// Talks central or relevant.
    wanted: usize,
    /// Central talks.
    central: usize,
    /// Central talks found.
    central_found: usize,
}

impl Tally {
    fn precision(self) -> f64 {
        ratio(self.found_wanted, self.found)
    }
    fn recall(self) -> f64 {
        ratio(self.found_wanted, self.wanted)
    }
    fn central_recall(self) -> f64 {
        ratio(self.central_found, self.central)
    }
}

/// `a / b`, and 1 when there is nothing to count (`b == 0`).
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn the_labels_name_only_the_eight_interests_and_three_hundred_talks() {
    let labels = labels();
    assert_eq!(labels.len(), 300);
    for (id, label) in &labels {
        for i in label.central.iter().chain(&label.relevant) {
            assert!(INTERESTS.contains(&i.as_str()), "{id}: `{i}` is no interest");
        }
        assert!(
            label.central.is_disjoint(&label.relevant),
            "{id}: an interest is both central and relevant"
        );
    }
}

/// The tally of every interest on the shared FOSDEM 2025 export, or `None` when it is missing.
fn measure() -> Option<Vec<(&'static str, Tally)>> {
    let path = common::shared_file("data/fosdem-2025-schedule.xml")?;
    let text = std::fs::read_to_string(&path).unwrap();
    let (schedule, _) = import::read(&text, "fosdem").unwrap();
    let labels = labels();
    let index: BTreeMap<&str, usize> = schedule
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let tallies = INTERESTS
        .iter()
        .map(|&interest| {
            let interests = Interests {
                likes: vec![Weighted {
                    term: interest.to_string(),
                    weight: 1,
                }],
                ..Interests::default()
            };
            let scores = score_all(&schedule, &interests);
            let mut t = Tally::default();
            for (id, label) in &labels {
                let i = *index
                    .get(id.as_str())
                    .unwrap_or_else(|| panic!("no event {id}"));
                let found = scores[i].half_points > 0;
                let central = label.central.contains(interest);
                let wanted = central || label.relevant.contains(interest);
                t.found += usize::from(found);
                t.wanted += usize::from(wanted);
                t.found_wanted += usize::from(found && wanted);
                t.central += usize::from(central);
                t.central_found += usize::from(found && central);
                if std::env::var_os("AGENDA_SAMPLE_DUMP").is_some() && found {
                    eprintln!("DUMP\t{interest}\t{id}\t{}\t{}", u8::from(wanted), scores[i].reasons.join("; "));
                }
                if found != wanted {
                    let s = &schedule.sessions[i];
                    let why = scores[i].reasons.join(", ");
                    let what = if found { "not wanted" } else { "missed" };
                    eprintln!("{interest}: {what}: {id} {} [{why}]", s.title);
                }
            }
            (interest, t)
        })
        .collect();
    Some(tallies)
}

#[test]
fn likes_find_the_labelled_talks_at_least_as_measured() {
    let Some(tallies) = measure() else {
        return;
    };
    let mut macro_ = [0.0; 3];
    eprintln!("interest     precision  recall  central recall  (found/wanted/central)");
    for &(interest, t) in &tallies {
        eprintln!(
            "{interest:<12} {:>9.2} {:>7.2} {:>15.2}  ({}/{}/{})",
            t.precision(),
            t.recall(),
            t.central_recall(),
            t.found,
            t.wanted,
            t.central
        );
        macro_[0] += t.precision() / tallies.len() as f64;
        macro_[1] += t.recall() / tallies.len() as f64;
        macro_[2] += t.central_recall() / tallies.len() as f64;
    }
    eprintln!(
        "macro        {:>9.2} {:>7.2} {:>15.2}",
        macro_[0], macro_[1], macro_[2]
    );
    assert!(macro_[0] >= 0.75, "macro precision fell to {:.2}", macro_[0]);
    assert!(macro_[1] >= 0.70, "macro recall fell to {:.2}", macro_[1]);
    assert!(
        macro_[2] >= 0.85,
        "macro central recall fell to {:.2}",
        macro_[2]
    );
}
