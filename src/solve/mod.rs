//! The optimisation problem in plain numbers, and two independent ways to solve it exactly.
//!
//! An [`Instance`] holds, per conference day, the sessions an attendee *may* attend (breaks, busy
//! windows and avoided talks are already taken out) with their score in half points, their room
//! and their times in minutes. Both solvers return the lexicographic optimum: the highest total
//! score, then the fewest room switches.
//!
//! The rules an agenda follows (both solvers and [`check`] implement them):
//!
//! 1. Times are minutes from one epoch across the whole conference, so sessions of different
//!    conference days are compared in real time: no two attended sessions share a minute,
//!    whatever days they are listed under (days may overlap in time; a session may be listed
//!    under a day it does not fall in).
//! 2. Between two consecutive attended sessions in different rooms there are at least the switch
//!    minutes, across a day boundary too. (Equivalently: any two attended sessions in different
//!    rooms are that far apart, since any session between them only widens the need.)
//! 3. A conference day's room switches are the room changes between consecutive sessions *of
//!    that day* (its own sequence); the first session of a day may be in any room. At most
//!    `max_switches` per conference day. Leaving a session out never adds a switch (a room
//!    sequence A B A without B has fewer changes), which the integer program relies on.
//! 4. Must-see sessions are attended.
//!
//! - [`ilp`]: the integer program (good_lp + microlp) the product uses;
//! - [`joint`]: the integer program for several people planning together;
//! - [`dp`]: a dynamic program over talks in time order, the independent reference for tests and
//!   benchmarks.
//!
//! [`run`] is the one way the product calls a solver: `plan` (and `replan`) with an
//! [`Instance`], `together` with a [`joint::Together`]. It picks the backend, records the build
//! and solve time in [`crate::timing`], and leaves the model's statistics in the answer; both
//! integer programs (and the DP, worded the same) report "no agenda exists" as
//! [`crate::error::Error::Infeasible`] (or [`crate::error::Error::JointInfeasible`]) and a
//! solver's own failure as [`crate::error::Error::Solver`].

pub mod dp;
pub mod ilp;
pub mod joint;
pub mod model_file;

pub use ilp::Backend;

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::time::Duration;

/// One session that may be attended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Index of the session in the schedule.
    pub session: usize,
    /// Room index (0-based, in the conference's room order).
    pub room: usize,
    /// Start, minutes after the instance's epoch (midnight before the first conference day): one
    /// clock for the whole conference, so items of different days compare in real time.
    pub start: i64,
    /// End, minutes after the epoch (after `start`).
    pub end: i64,
    /// Score in half points (may be zero or negative).
    pub score: i64,
    /// Must be attended.
    pub must: bool,
}

#[cfg(test)]
impl Item {
    /// A candidate that is not a must-see, for tests: session, room, start, end, score.
    pub(crate) fn test(session: usize, room: usize, start: i64, end: i64, score: i64) -> Item {
        Item {
            session,
            room,
            start,
            end,
            score,
            must: false,
        }
    }
}

/// One conference day's candidate sessions, sorted by (start, room, session).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The conference day's 1-based index in the schedule.
    pub index: u32,
    /// The date of its morning.
    pub date: NaiveDate,
    /// The sessions that may be attended that day.
    pub items: Vec<Item>,
}

/// A whole planning problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// The conference days with candidates, in order. They are *not* independent: items of
    /// different days may overlap in time (see the rules above).
    pub days: Vec<Day>,
    /// Number of rooms.
    pub rooms: usize,
    /// At most this many room switches per conference day (`None`: no limit).
    pub max_switches: Option<u32>,
    /// Minutes needed between two consecutive attended talks in different rooms, when there is
    /// no [`Walking`] (the uniform case).
    pub switch_minutes: i64,
    /// Minutes that depend on where you go: rooms grouped into buildings. `None`: every change
    /// of room takes `switch_minutes`.
    pub walking: Option<Walking>,
}

/// Walking times between rooms grouped into buildings.
///
/// `minutes[a][b]` is the time from any room of building `a` to any room of building `b`
/// (`minutes[a][a]`: between two rooms of one building). The matrix obeys the triangle
/// inequality (see [`Walking::new`]), so "consecutive talks far enough apart" and "any two talks
/// far enough apart" are the same rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walking {
    /// The building of each room, by room index.
    pub building: Vec<usize>,
    /// Minutes between buildings, closed under walking via other buildings.
    pub minutes: Vec<Vec<i64>>,
}

impl Walking {
    /// Walking times from each room's building and the direct minutes between buildings
    /// (`direct[a][a]`: within a building). Every time is shortened to the quickest way, through
    /// other buildings when that is quicker (shortest paths), so the triangle inequality holds.
    pub fn new(building: Vec<usize>, direct: Vec<Vec<i64>>) -> Self {
        let n = direct.len();
        let mut minutes = direct;
        for k in 0..n {
            for a in 0..n {
                for b in 0..n {
                    let via = minutes[a][k].saturating_add(minutes[k][b]);
                    if via < minutes[a][b] {
                        minutes[a][b] = via;
                    }
                }
            }
        }
        Walking { building, minutes }
    }
}

impl Instance {
    /// The building of a room (0 without walking times).
    pub fn building(&self, room: usize) -> usize {
        self.walking
            .as_ref()
            .and_then(|w| w.building.get(room).copied())
            .unwrap_or(0)
    }

    /// Minutes from the end of a talk in room `from` to the start of one in room `to`: 0 in the
    /// same room, else the walking time or the uniform switch minutes.
    pub fn gap(&self, from: usize, to: usize) -> i64 {
        if from == to {
            return 0;
        }
        match &self.walking {
            Some(w) => w.minutes[self.building(from)][self.building(to)],
            None => self.switch_minutes,
        }
    }

    /// Minutes between the buildings `from` and `to` (both 0 without walking times).
    pub fn building_gap(&self, from: usize, to: usize) -> i64 {
        match &self.walking {
            Some(w) => w.minutes[from][to],
            None => self.switch_minutes,
        }
    }

    /// The longest walk between two different rooms.
    pub fn max_gap(&self) -> i64 {
        match &self.walking {
            Some(w) => w.minutes.iter().flatten().copied().max().unwrap_or(0),
            None => self.switch_minutes,
        }
    }
}

/// Size and timing of a solve, for `--verbose` and benchmarks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Model variables (summed over days).
    pub variables: usize,
    /// Model constraints (summed over days).
    pub constraints: usize,
    /// Time spent building the model.
    pub build: Duration,
    /// Time spent solving it.
    pub solve: Duration,
    /// Candidate talks the integer program's bound proved cannot be in a best agenda, so the
    /// model was built without them (see `ilp/bound.rs`).
    pub left_out: usize,
    /// Candidate talks that could raise the score (or must be attended), before the bound.
    pub scoring: usize,
    /// The integer programs whose answers were used, as handed to the solver, when the caller
    /// asked to keep them (`--write-model`; see [`model_file`]); empty otherwise.
    pub models: Vec<model_file::Model>,
}

impl Stats {
    /// Adds another solve's sizes, times and counts to these (models solved one after another:
    /// days, groups, parts of a joint model, a second look at a day).
    pub fn add(&mut self, other: &Stats) {
        self.variables += other.variables;
        self.constraints += other.constraints;
        self.build += other.build;
        self.solve += other.solve;
        self.left_out += other.left_out;
        self.scoring += other.scoring;
        self.models.extend(other.models.iter().cloned());
    }

    /// Adds the sizes, times and counts of a solve whose answer was not used (a day or part
    /// solved again over more talks), without its model.
    pub fn add_unused(&mut self, other: &Stats) {
        self.add(&Stats {
            models: Vec::new(),
            ..other.clone()
        });
    }

    /// The time spent building and solving, as the stages `build` and `solve`.
    pub fn stages(&self) -> crate::timing::Stages {
        let mut stages = crate::timing::Stages::default();
        stages.set(crate::timing::Stage::Build, self.build);
        stages.set(crate::timing::Stage::Solve, self.solve);
        stages
    }
}

/// An optimal agenda.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Solution {
    /// Total score in half points.
    pub total: i64,
    /// Chosen sessions (schedule indices), in time order.
    pub chosen: Vec<usize>,
    /// Room switches used per conference day, in the order of [`Instance::days`].
    pub switches: Vec<u32>,
    /// Model size and timing.
    pub stats: Stats,
}

/// A problem the solvers take (see [`run`]).
pub trait Problem {
    /// What solving it gives.
    type Answer;
    /// Solves it with `backend`; [`run`] does the rest.
    fn solve_with(self, backend: Backend) -> anyhow::Result<Self::Answer>;
    /// The model size and timing of an answer.
    fn stats(answer: &Self::Answer) -> &Stats;
}

impl Problem for &Instance {
    type Answer = Solution;

    fn solve_with(self, backend: Backend) -> anyhow::Result<Solution> {
        ilp::solve_with(self, backend)
    }

    fn stats(answer: &Solution) -> &Stats {
        &answer.stats
    }
}

/// `work(0)`, …, `work(n - 1)`, in that order, computed side by side on up to as many threads
/// as the machine has cores: this thread takes items 0, t, 2t, … (telling `starting` as it
/// starts each), thread `j` items j, j + t, …. Each item is computed on its own, so the results
/// do not depend on the threads; a panic in one is passed on.
pub(crate) fn side_by_side<T: Send>(
    n: usize,
    work: impl Fn(usize) -> T + Sync,
    mut starting: impl FnMut(usize),
) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(n);
    let work = &work;
    let mine = |from: usize, step: usize, starting: &mut dyn FnMut(usize)| {
        (from..n)
            .step_by(step)
            .map(|i| {
                starting(i);
                work(i)
            })
            .collect::<Vec<T>>()
    };
    if threads <= 1 {
        return mine(0, 1, &mut starting);
    }
    let each: Vec<Vec<T>> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads)
            .map(|t| scope.spawn(move || (t..n).step_by(threads).map(work).collect::<Vec<T>>()))
            .collect();
        let mut each = vec![mine(0, threads, &mut starting)];
        for other in others {
            match other.join() {
                Ok(done) => each.push(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        each
    });
    let mut lists: Vec<std::vec::IntoIter<T>> = each.into_iter().map(Vec::into_iter).collect();
    (0..n).filter_map(|i| lists[i % threads].next()).collect()
}

/// Solves `problem` with `backend`; the model's size and the time spent building and solving it
/// are in the answer's [`Stats`] (see [`Stats::stages`]).
pub fn run<P: Problem>(problem: P, backend: Backend) -> anyhow::Result<P::Answer> {
    problem.solve_with(backend)
}

impl Day {
    /// `Day 2 (2016-12-28)`, for messages.
    pub fn name(&self) -> String {
        format!("day {} ({})", self.index, self.date)
    }
}

impl Instance {
    /// Every item with the position of its day in [`Instance::days`], in time order
    /// (start, end, room, session).
    pub fn all_items(&self) -> Vec<(usize, &Item)> {
        let mut all: Vec<(usize, &Item)> = self
            .days
            .iter()
            .enumerate()
            .flat_map(|(d, day)| day.items.iter().map(move |it| (d, it)))
            .collect();
        all.sort_by_key(|(_, it)| (it.start, it.end, it.room, it.session));
        all
    }

    /// Groups of days (positions in [`Instance::days`]) that must be solved together: days whose
    /// candidates, each day's span widened by the switch minutes, chain-overlap in time. Any two
    /// candidates of different groups are apart by at least the switch minutes, so no rule links
    /// them and each group can be solved on its own. `keep` says which items count (the ones a
    /// solver models).
    pub fn components(&self, keep: impl Fn(&Item) -> bool) -> Vec<Vec<usize>> {
        let mut spans: Vec<(i64, i64, usize)> = self
            .days
            .iter()
            .enumerate()
            .filter_map(|(d, day)| {
                let kept = day.items.iter().filter(|it| keep(it));
                let first = kept.clone().map(|it| it.start).min()?;
                let last = kept.map(|it| it.end).max()?;
                Some((first, last, d))
            })
            .collect();
        spans.sort_unstable();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut reach = i64::MIN;
        for (first, last, d) in spans {
            match groups.last_mut() {
                Some(group) if first < reach => group.push(d),
                _ => groups.push(vec![d]),
            }
            reach = reach.max(last.saturating_add(self.max_gap()));
        }
        for g in &mut groups {
            g.sort_unstable();
        }
        groups
    }
}

/// Counts the room switches of a sequence of items in time order.
pub fn count_switches(items: &[&Item]) -> u32 {
    items.windows(2).filter(|w| w[0].room != w[1].room).count() as u32
}

/// Checks that a choice of sessions (schedule indices) is a feasible agenda for the whole
/// instance under the rules above: every chosen session is a candidate, no two overlap, the
/// switch minutes hold between consecutive ones in different rooms, each conference day keeps
/// to the switch limit, every must-see is present. Returns the switches used per day (in the
/// order of [`Instance::days`]).
pub fn check(instance: &Instance, chosen: &[usize]) -> Result<Vec<u32>, String> {
    let mut picked: Vec<(usize, &Item)> = Vec::new();
    for &c in chosen {
        let found = instance
            .days
            .iter()
            .enumerate()
            .find_map(|(d, day)| day.items.iter().find(|i| i.session == c).map(|i| (d, i)));
        match found {
            Some(p) => picked.push(p),
            None => return Err(format!("session {c} is not a candidate")),
        }
    }
    picked.sort_by_key(|(_, it)| (it.start, it.end, it.room, it.session));
    for w in picked.windows(2) {
        let (a, b) = (w[0].1, w[1].1);
        if b.start < a.end {
            return Err(format!("sessions {} and {} overlap", a.session, b.session));
        }
        if a.room != b.room && b.start - a.end < instance.gap(a.room, b.room) {
            return Err(format!(
                "only {} minutes to change rooms between {} and {}",
                b.start - a.end,
                a.session,
                b.session
            ));
        }
    }
    let mut per_day: BTreeMap<usize, Vec<&Item>> = BTreeMap::new();
    for &(d, it) in &picked {
        per_day.entry(d).or_default().push(it);
    }
    let mut switches = vec![0; instance.days.len()];
    for (d, items) in per_day {
        switches[d] = count_switches(&items);
        if let Some(k) = instance.max_switches
            && switches[d] > k
        {
            return Err(format!(
                "{} switches on {}, more than {k}",
                switches[d],
                instance.days[d].name()
            ));
        }
    }
    for day in &instance.days {
        for item in day.items.iter().filter(|i| i.must) {
            if !chosen.contains(&item.session) {
                return Err(format!("must-see session {} is missing", item.session));
            }
        }
    }
    Ok(switches)
}

#[cfg(test)]
mod run_tests {
    use super::*;

    #[test]
    fn side_by_side_gives_every_result_in_order_whatever_the_threads() {
        for n in [0, 1, 2, 3, 7] {
            let mut started = Vec::new();
            let got = side_by_side(n, |i| i * 10 + 1, |i| started.push(i));
            assert_eq!(
                got,
                (0..n).map(|i| i * 10 + 1).collect::<Vec<_>>(),
                "{n} items"
            );
            // This thread tells the items it starts, in order, the first among them.
            assert!(started.windows(2).all(|w| w[0] < w[1]), "{started:?}");
            assert_eq!(started.first().copied(), (n > 0).then_some(0));
        }
    }

    /// Two rooms, two overlapping talks and a later one in the other room.
    fn instance() -> Instance {
        let item = Item::test;
        Instance {
            days: vec![Day {
                index: 1,
                date: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                items: vec![
                    item(0, 0, 600, 660, 4),
                    item(1, 1, 630, 690, 6),
                    item(2, 0, 700, 730, 2),
                ],
            }],
            rooms: 2,
            max_switches: Some(0),
            switch_minutes: 0,
            walking: None,
        }
    }

    #[test]
    fn run_solves_one_attendee_as_the_reference_does_and_keeps_its_times() {
        let solved = run(&instance(), Backend::default()).unwrap();
        let reference = dp::solve(&instance()).unwrap();
        assert_eq!(solved.total, reference.total);
        assert_eq!(solved.chosen, reference.chosen);
        let spent = solved.stats.stages();
        assert_eq!(spent.get(crate::timing::Stage::Build), solved.stats.build);
        assert_eq!(spent.get(crate::timing::Stage::Solve), solved.stats.solve);
        assert_eq!(spent.total(), solved.stats.build + solved.stats.solve);
        assert!(solved.stats.variables > 0 && solved.stats.constraints > 0);
    }

    #[test]
    fn run_plans_together_through_the_same_entry() {
        let alone = dp::solve(&instance()).unwrap();
        let one = instance();
        let people = [
            joint::Person {
                instance: &one,
                alone: &alone,
            },
            joint::Person {
                instance: &one,
                alone: &alone,
            },
        ];
        let together = run(
            joint::Together {
                people: &people,
                settings: joint::Settings::default(),
                progress: &mut |_| {},
            },
            Backend::default(),
        )
        .unwrap();
        // Two people with the same interests lose nothing by sitting together, and do.
        assert!(together.optimal);
        let items = &one.days[0].items;
        for chosen in &together.chosen {
            let score: i64 = chosen.iter().map(|&s| items[s].score).sum();
            assert_eq!(score, alone.total);
        }
        assert_eq!(together.chosen[0], together.chosen[1]);
        // Alike, they are proven best without a model (`joint::proof`); the talks still count.
        assert_eq!(together.stats.variables, 0);
        assert!(together.stats.scoring > 0);
    }
}
