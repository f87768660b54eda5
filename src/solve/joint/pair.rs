//! Two people's joint day solved exactly without the integer program: a dynamic program over
//! both agendas at once, with each person's room switches (and, where needed, their own score)
//! in the state.
//!
//! The joint model's objective on a day of two people p and q is
//!
//! ```text
//! 60·Σ_{t∈A_p} score_{p,t} + 60·Σ_{t∈A_q} score_{q,t} + 2·W·Σ_{t∈A_p∩A_q∩I} minutes_t
//! ```
//!
//! first, and the fewest room switches second (the model's P·value − switches), over the
//! agendas A_p, A_q each of which keeps its own person's rules (no overlap, switch minutes or
//! walking, switch limit, every must-see) among that person's modelled talks, and their floor.
//! Each agenda is a path through its person's talks in time order; the state is the pair (p's
//! last talk, q's last talk) with a layer per person. The person whose last talk comes earlier
//! (in the order by start, then session; p on a tie) takes the next step: their next talk, or
//! the end of their agenda. A talk both attend is reached by one of them while the other
//! already sits in it (the one behind steps until they reach it), so its company is counted
//! exactly once, on that step. Every pair of agendas is one path of steps, and every path is
//! a pair of agendas, so the best path is the best pair.
//!
//! A person's layer (k, r) means: at most k switches so far (one layer when their limit cannot
//! bind), and, when their floor is *tracked*, an own score of at least r units so far (units:
//! the greatest common divisor g of their scores; r from 0 to ⌈F/g⌉, the floor F). A step into
//! talk t at (k, r) comes from (k, max(0, r − score_t/g)) in the same room, from k − 1 (from k
//! without a limit, one switch dearer) in another. Tracking needs every score of the person's
//! modelled talks ≥ 0 (the own score then never falls); the top layer is the floor kept.
//!
//! A step's predecessors in a row (the other person fixed) or a column are found as the
//! planner's sweeps find them: a running best per predecessor layer and room (same room, ends
//! by the start) and per pair of buildings (another room, ends a walk before the start), so the
//! program costs O(n_p·n_q·L_p·L_q·buildings) for L layers a person: polynomial in the talks
//! (the score layers grow with the floor, so a tracked floor adds a factor that grows with the
//! talks too). It is only run while the state stays within [`LIMIT`]; larger days keep the
//! model.
//!
//! On a large day it is swept in time instead ([`timed`]): the state is each person's
//! situation when the next talk starts (before their first talk, in or walking from a talk,
//! free in a room, free with no talk left in their last room) and their layers, so it is
//! linear in the talks. A floor is first kept there by its Lagrangian relaxation (the own
//! score weighed beside the value, a few runs without score layers), exact when its best path
//! lands on the floor; else the sweep runs once with the score layers above, each person's
//! kept to the scores that can still reach the floor and that some path can have by then
//! (about best alone − floor of them, not the floor). The sweep is taken when its work is
//! under a third of this program's and this program's is above 65,536 steps, so small days
//! and every real conference tried so far keep this program and its ties.
//!
//! A group of three to eight ([`best_group`]) has only the sweep: at a step, every set of the
//! people whose talk it is may enter it together, each with a friend when two or more do (the
//! group model's company: any friend there), so its state is the product of everyone's
//! situations and layers — linear in the talks, exponential in the group, and run only while
//! its work stays within 8·[`LIMIT`] for three, a sixteenth of that for each person more (else
//! the model decides, which is quick where friends like different talks), and while all its
//! runs of the day together stay within twice as much ([`Budget`]; with a time limit, within
//! what half the limit sweeps). Its floors are kept as for two: the relaxation first for a single
//! broken floor, else the score layers.
//!
//! `joint.rs` first runs it tracking no floor: its optimum is then a true upper bound on the
//! joint value (the floors only remove agendas), and when its best pair keeps both floors it
//! is a best joint agenda. Else it runs again tracking the floors that were broken (a tighter
//! relaxation, still without the others), at most twice more; when the floors it tracks are
//! all, or its best pair keeps the rest, that pair is a best joint agenda. Nothing here is
//! shared with the brute force of `tests/friends.rs`, which checks it.

mod timed;

use super::{Bounds, PairProgram, Person, Talks};
use crate::solve::{Day, ilp};
use std::collections::BTreeSet;

/// The most states (positions × layers) and running bests the program may keep (a state
/// takes 12 bytes).
pub(super) const LIMIT: usize = 1 << 22;

/// The state-steps the sweeps in time of one group's day may take in all, over every run (the
/// first, each of the floor's relaxation, the one with score layers): a run that would take
/// more than is left is not started, and the model decides. Counted in work, not time, so the
/// same day takes the same path on every machine.
pub(super) struct Budget(std::cell::Cell<usize>);

impl Budget {
    pub(super) fn new(work: usize) -> Self {
        Budget(std::cell::Cell::new(work))
    }

    /// Takes `work` from what is left; `false` (taking nothing) when less is left.
    fn take(&self, work: usize) -> bool {
        let left = self.0.get();
        let enough = work <= left;
        if enough {
            self.0.set(left - work);
        }
        enough
    }
}

/// A value: must-sees attended, the joint value, minus the switches; compared in that order.
type Val = (i64, i64, i64);

/// One person's talks of the day in the order by (start, session), dense.
struct Side {
    start: Vec<i64>,
    end: Vec<i64>,
    session: Vec<usize>,
    room: Vec<usize>,
    building: Vec<usize>,
    /// Minutes from a talk's end in one building to a start in another room of another.
    walk: Vec<Vec<i64>>,
    own: Vec<i64>,
    must: Vec<bool>,
    minutes: Vec<i64>,
    meet: Vec<bool>,
    /// The talks (dense positions) by end, per room and per building.
    room_by_end: Vec<Vec<usize>>,
    building_by_end: Vec<Vec<usize>>,
    /// Per talk, its score in units of the tracked floor (0 when the floor is not tracked).
    units: Vec<usize>,
    /// Score layers: ⌈F/g⌉ + 1 with the floor tracked, else 1.
    scores: usize,
    /// Switch layers: K + 1 with a limit K that can bind, else 1.
    switches: usize,
    limited: bool,
    /// Whether the sweep in time waits out the walks from a talk before taking its person
    /// as free in its room (always, but in a test that shows a sweep that does not is caught).
    waits: bool,
}

impl Side {
    /// The person's modelled `talks` of `day`; with `floor`, their floor tracked (`None` when a
    /// talk scores below 0, so it cannot be).
    fn new(
        person: &Person,
        day: Option<&Day>,
        talks: &[usize],
        meet: &BTreeSet<usize>,
        floor: Option<i64>,
    ) -> Option<Side> {
        let instance = person.instance;
        let mut items: Vec<usize> = talks.to_vec();
        // Ordered by (start, session), the same order for both people.
        let day_items = day.map_or(&[][..], |d| d.items.as_slice());
        items.sort_by_key(|&k| (day_items[k].start, day_items[k].session));
        let its: Vec<_> = items.iter().map(|&k| &day_items[k]).collect();
        let dense = |v: Vec<usize>| {
            let mut d = v.clone();
            d.sort_unstable();
            d.dedup();
            (
                v.iter()
                    .map(|x| d.binary_search(x).unwrap_or(0))
                    .collect::<Vec<_>>(),
                d,
            )
        };
        let (room, rooms) = dense(its.iter().map(|it| it.room).collect());
        let (building, buildings) =
            dense(its.iter().map(|it| instance.building(it.room)).collect());
        let walk = buildings
            .iter()
            .map(|&x| {
                buildings
                    .iter()
                    .map(|&y| instance.building_gap(x, y))
                    .collect()
            })
            .collect();
        let end: Vec<i64> = its.iter().map(|it| it.end).collect();
        let mut by_end: Vec<usize> = (0..its.len()).collect();
        by_end.sort_by_key(|&t| (end[t], t));
        let group = |of: &[usize], count: usize| {
            let mut lists = vec![Vec::new(); count];
            for &t in &by_end {
                lists[of[t]].push(t);
            }
            lists
        };
        let most = day.map_or(0, |d| ilp::most_disjoint(&d.items, talks).saturating_sub(1));
        let limit = instance.max_switches.filter(|&k| (k as usize) < most);
        let (units, scores) = match floor {
            None => (vec![0; its.len()], 1),
            Some(_) if its.iter().any(|it| it.score < 0) => return None,
            // Scores of 0 and more keep a floor of 0 or less.
            Some(f) if f <= 0 => (vec![0; its.len()], 1),
            Some(f) => {
                let g = gcd_all(its.iter().map(|it| it.score));
                let units = its.iter().map(|it| (it.score / g) as usize).collect();
                (units, ((f + g - 1) / g) as usize + 1)
            }
        };
        Some(Side {
            start: its.iter().map(|it| it.start).collect(),
            session: its.iter().map(|it| it.session).collect(),
            own: its.iter().map(|it| 60 * it.score).collect(),
            must: its.iter().map(|it| it.must).collect(),
            minutes: its.iter().map(|it| it.end - it.start).collect(),
            meet: its.iter().map(|it| meet.contains(&it.session)).collect(),
            room_by_end: group(&room, rooms.len()),
            building_by_end: group(&building, buildings.len()),
            end,
            room,
            building,
            walk,
            units,
            scores,
            switches: limit.map_or(1, |k| k as usize + 1),
            limited: limit.is_some(),
            waits: true,
        })
    }

    fn len(&self) -> usize {
        self.start.len()
    }

    /// Layers: switch layers × score layers, layer = k·scores + r.
    fn layers(&self) -> usize {
        self.switches * self.scores
    }

    /// The predecessor layers of a step into talk `t` at `layer`: from the same room (or the
    /// start), and from another room (`None` with the switch limit used up).
    fn before(&self, t: usize, layer: usize) -> (usize, Option<usize>) {
        let (k, r) = (layer / self.scores, layer % self.scores);
        let r = r.saturating_sub(self.units[t]);
        let other = match (self.limited, k) {
            (false, _) => Some(k),
            (true, 0) => None,
            (true, _) => Some(k - 1),
        };
        (k * self.scores + r, other.map(|k| k * self.scores + r))
    }

    /// The order key of position `i` (0: before the first talk, len + 1: after the last).
    fn key(&self, i: usize) -> (i64, usize) {
        match i {
            0 => (i64::MIN, 0),
            i if i > self.len() => (i64::MAX, usize::MAX),
            i => (self.start[i - 1], self.session[i - 1]),
        }
    }

    /// Running bests for `slots` sweeps side by side: per predecessor layer, per room, and
    /// per (building, building).
    fn runs(&self, slots: usize) -> Runs {
        let nb = self.walk.len();
        let layers = self.layers();
        Runs {
            slots,
            layers,
            room: vec![Run::EMPTY; self.room_by_end.len() * slots * layers],
            pair: vec![Run::EMPTY; nb * nb * slots * layers],
        }
    }

    /// How many running bests [`Side::runs`] keeps per sweep.
    fn runs_size(&self) -> usize {
        self.layers() * (self.room_by_end.len() + self.walk.len().pow(2))
    }

    /// The best step of this person into their talk `t` at `layer`, from the positions u + 1
    /// that `behind` admits (dense talks u) and, with `from_start`, from before their first
    /// talk; `value(position, layer)` is a state's value and index. The running bests are
    /// sweep `slot` of `runs`.
    fn step(
        &self,
        t: usize,
        layer: usize,
        (runs, slot): (&mut Runs, usize),
        behind: impl Fn(usize) -> bool,
        from_start: bool,
        value: impl Fn(usize, usize) -> Option<(Val, u32)>,
    ) -> Option<(Val, u32)> {
        let mut best: Option<(Val, u32)> = None;
        let mut take = |c: Option<(Val, u32)>, cost: i64| {
            if let Some((v, s)) = c {
                let v = (v.0, v.1, v.2 - cost);
                if best.is_none_or(|(x, _)| v > x) {
                    best = Some((v, s));
                }
            }
        };
        let (same, other) = self.before(t, layer);
        if from_start {
            take(value(0, same), 0);
        }
        let start = self.start[t];
        let r = self.room[t];
        let run = runs.room(r, slot, same);
        run.advance(
            &self.room_by_end[r],
            |u| self.end[u] <= start,
            |u| behind(u).then(|| value(u + 1, same)).flatten(),
        );
        take(run.best(), 0);
        if let Some(from) = other {
            let nbld = self.walk.len();
            let y = self.building[t];
            for (x, list) in self.building_by_end.iter().enumerate() {
                let walk = self.walk[x][y];
                let run = runs.pair(x * nbld + y, slot, from);
                run.advance(
                    list,
                    |u| self.end[u] + walk <= start,
                    |u| behind(u).then(|| value(u + 1, from)).flatten(),
                );
                take(run.best(), 1);
            }
        }
        best
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// The best value (and the state it is at) among the talks a pointer into a list has passed;
/// packed in 16 bytes, since the columns keep many of them.
#[derive(Clone, Copy)]
struct Run {
    next: u32,
    state: u32,
    /// [`NONE`] before any talk could precede.
    best: Packed,
}

impl Run {
    const EMPTY: Run = Run {
        next: 0,
        state: NO_STATE,
        best: NONE,
    };

    fn best(&self) -> Option<(Val, u32)> {
        unpack(self.best).map(|v| (v, self.state))
    }

    /// Takes in the talks of `list` while `passed` holds; `value` gives a talk's value and
    /// state, `None` when it may not precede (it is still passed).
    fn advance(
        &mut self,
        list: &[usize],
        passed: impl Fn(usize) -> bool,
        value: impl Fn(usize) -> Option<(Val, u32)>,
    ) {
        while let Some(&t) = list.get(self.next as usize) {
            if !passed(t) {
                break;
            }
            // Packing keeps the order of values (see `pack`), so packed values compare as
            // the values do; NONE is below every value.
            if let Some((v, s)) = value(t)
                && pack(v) > self.best
            {
                (self.best, self.state) = (pack(v), s);
            }
            self.next += 1;
        }
    }
}

/// The running bests of many sweeps (the columns' (position, layer), or a row's layers), by
/// room (or pair of buildings), then sweep, then predecessor layer: the steps of one row all
/// look at one room of the second person, so the columns' runs they read lie side by side.
struct Runs {
    slots: usize,
    layers: usize,
    room: Vec<Run>,
    pair: Vec<Run>,
}

impl Runs {
    fn room(&mut self, room: usize, slot: usize, layer: usize) -> &mut Run {
        &mut self.room[(room * self.slots + slot) * self.layers + layer]
    }

    fn pair(&mut self, pair: usize, slot: usize, layer: usize) -> &mut Run {
        &mut self.pair[(pair * self.slots + slot) * self.layers + layer]
    }
}

fn add(a: Val, b: Val) -> Val {
    (a.0 + b.0, a.1 + b.1, a.2 + b.2)
}

/// The best joint pair of agendas of two people on one day, keeping the floors tracked.
pub(super) struct Best {
    /// Per person, the chosen sessions, sorted.
    pub chosen: Vec<Vec<usize>>,
}

/// The sweep in time's work ([`timed::work`]) on a pair's day when the sweep settles it: when
/// that work is below the program over positions' (or `program` asks for it) and within
/// 4·[`LIMIT`]; days small for the program over positions stay with it (their ties fall as
/// before).
fn timed_work_if_cheaper(a: &Side, b: &Side, program: PairProgram) -> Option<usize> {
    let positions = (a.len() + 2)
        .saturating_mul(b.len() + 2)
        .saturating_mul(a.layers() * b.layers())
        .saturating_mul(1 + a.walk.len() + b.walk.len());
    let work = timed::work(&[a, b]);
    let cheaper = positions >= 1 << 16 && 3 * work < positions;
    (work <= 4 * LIMIT && (program == PairProgram::Timed || cheaper)).then_some(work)
}

/// The best agendas of the people of `sides` by the sweep in time ([`timed`]): `Some(None)`
/// when no path attends every must-see and keeps the tracked floors, `None` when the sweep's
/// work on `sides` (`work`, [`timed::work`]) exceeds `cap` (another program decides). With one
/// tracked floor of several score units, its relaxation is tried first on the sides `plain()`
/// (no score layers); when that proves nothing, the sweep with the score layers of `sides`
/// decides. Every run takes its work from `budget`; one it cannot pay is not started (`None`).
fn sweep(
    sides: &[&Side],
    (bonus, cap, work): (i64, usize, usize),
    floors: &[Option<i64>],
    (bounds, budget): (Bounds, &Budget),
    plain: impl Fn() -> Option<Vec<Side>>,
) -> Option<Option<Best>> {
    let tracked = floors.iter().filter(|f| f.is_some()).count();
    let layered: usize = sides.iter().map(|s| s.scores).product();
    if tracked == 1
        && layered > 4
        && let Some(plain) = plain()
    {
        let plain: Vec<&Side> = plain.iter().collect();
        // Score layers only add states: within the cap with them, within it without.
        let plain_work = timed::work(&plain);
        if work <= cap || plain_work <= cap {
            match swept(&plain, (bonus, plain_work), floors, (bounds, budget)) {
                Swept::Best(best) => return Some(Some(best)),
                Swept::MissesMustSees => return Some(None),
                Swept::Unproven => {}
            }
        }
    }
    if work > cap || !budget.take(work) {
        return None;
    }
    let p = (sides.iter().map(|s| s.len()).sum::<usize>() + 1) as i64;
    let weights = timed::Weights {
        value: 1,
        score: vec![0; sides.len()],
    };
    let Some(path) = timed::best(sides, bonus, p, &weights) else {
        return Some(None);
    };
    let musts = sides.iter().flat_map(|s| &s.must).filter(|&&m| m).count();
    let attended: usize = sides
        .iter()
        .zip(&path.chosen)
        .map(|(s, chosen)| chosen.iter().filter(|&&t| s.must[t]).count())
        .sum();
    if attended < musts {
        return Some(None);
    }
    Some(Some(chosen_sessions(&path, sides)))
}

/// The pair of a path: each person's sessions, sorted.
fn chosen_sessions(path: &timed::Path, sides: &[&Side]) -> Best {
    let mut chosen: Vec<Vec<usize>> = path
        .chosen
        .iter()
        .zip(sides)
        .map(|(c, side)| c.iter().map(|&t| side.session[t]).collect())
        .collect();
    for c in &mut chosen {
        c.sort_unstable();
    }
    Best { chosen }
}

/// What the sweep in time ([`timed`]) found.
enum Swept {
    Best(Best),
    /// No agenda attends every must-see.
    MissesMustSees,
    /// The floor's relaxation left a gap: the program over positions must decide.
    Unproven,
}

/// The greatest common divisor of a person's scores (1 when all are 0).
fn gcd_of(side: &Side) -> i64 {
    gcd_all(side.own.iter().map(|&o| o / 60))
}

/// The greatest common divisor of `scores`, at least 1 (the unit a tracked floor counts in).
fn gcd_all(scores: impl Iterator<Item = i64>) -> i64 {
    scores.fold(0, gcd).max(1)
}

/// The best pair by the sweep in time ([`timed`]), keeping at most one floor (`floors`, the
/// other `None`) by its Lagrangian relaxation: the own score of the floor's person weighed λ
/// beside the value. A best path at λ ≥ 0 whose score is the floor exactly (or above it at
/// λ = 0) is a best pair keeping it: for any pair X keeping it,
/// V(X) ≤ V(X) + λ·(S(X) − F) ≤ V(best) + λ·(S(best) − F) = V(best) (V = P·value − switches,
/// so the fewest switches are kept too). λ is found by the intersections of the lines
/// V + λ·S of a path below the floor and one above (Dinkelbach's way); when the last λ has no
/// best path exactly on the floor, or `budget` cannot pay another run (each takes `work`), the
/// answer is [`Swept::Unproven`].
fn swept(
    sides: &[&Side],
    (bonus, work): (i64, usize),
    floors: &[Option<i64>],
    (bounds, budget): (Bounds, &Budget),
) -> Swept {
    let p = (sides.iter().map(|s| s.len()).sum::<usize>() + 1) as i64;
    let musts = sides.iter().flat_map(|s| &s.must).filter(|&&m| m).count() as i64;
    let count = |path: &timed::Path| tally(sides, bonus, p, path);
    let best = |path: timed::Path| Swept::Best(chosen_sessions(&path, sides));
    // `None` when the budget cannot pay the run, `Some(None)` when no path attends every
    // must-see.
    let run = |value: i128, score: i128, who: usize| {
        if !budget.take(work) {
            return None;
        }
        let mut weights = timed::Weights {
            value,
            score: vec![0; sides.len()],
        };
        weights.score[who] = score;
        Some(timed::best(sides, bonus, p, &weights))
    };
    let who = floors.iter().position(Option::is_some).unwrap_or(0);
    let Some(first) = run(1, 0, who) else {
        return Swept::Unproven;
    };
    let Some(path) = first else {
        return Swept::MissesMustSees;
    };
    let (must, v0, s0) = count(&path);
    if must < musts {
        return Swept::MissesMustSees;
    }
    let Some(mut floor) = floors[who] else {
        return best(path);
    };
    let g = gcd_of(sides[who]);
    if bounds == Bounds::HighFloorForTests && floor > 0 {
        // Test-only: the floor kept one unit too high.
        floor = (floor + g - 1) / g * g + g;
    }
    let mut lo = (v0, s0[who]);
    if lo.1 >= floor {
        return best(path);
    }
    // Above every |V| (< 2^44): the score first, then the value.
    let Some(Some(top)) = run(1, 1 << 46, who) else {
        return Swept::Unproven;
    };
    let (_, v1, s1) = count(&top);
    if s1[who] < floor {
        return Swept::Unproven;
    }
    if s1[who] == floor || bounds == Bounds::LooseFloorForTests {
        return best(top);
    }
    let mut hi = (v1, s1[who]);
    for _ in 0..64 {
        let (vh, sh) = hi;
        let (wv, ws) = (i128::from(sh - lo.1), i128::from(lo.0 - vh));
        if wv <= 0 || ws < 0 {
            break;
        }
        let line = wv * i128::from(lo.0) + ws * i128::from(lo.1);
        let Some(Some(path)) = run(wv, ws, who) else {
            break;
        };
        let (_, v, s) = count(&path);
        let at = wv * i128::from(v) + ws * i128::from(s[who]);
        debug_assert_eq!(
            at,
            path.weighted - timed_musts(musts),
            "the sweep's own value"
        );
        if s[who] == floor || (bounds == Bounds::LooseFloorForTests && s[who] > floor) {
            return best(path);
        }
        if at <= line {
            // λ is the breakpoint: the paths found are best there, none on the floor.
            return Swept::Unproven;
        }
        if s[who] > floor {
            hi = (v, s[who]);
        } else {
            lo = (v, s[who]);
        }
    }
    Swept::Unproven
}

/// (must-sees, V = P·value − switches, own scores) of a path, counted from its agendas: a
/// person in a talk worth meeting in is with a friend when any other person attends it.
fn tally(sides: &[&Side], bonus: i64, p: i64, path: &timed::Path) -> (i64, i64, Vec<i64>) {
    let mut value = 0;
    let mut switches = 0;
    let mut must = 0;
    let mut own = vec![0; sides.len()];
    let attended: Vec<BTreeSet<usize>> = sides
        .iter()
        .zip(&path.chosen)
        .map(|(side, chosen)| chosen.iter().map(|&t| side.session[t]).collect())
        .collect();
    for (w, side) in sides.iter().enumerate() {
        let chosen = &path.chosen[w];
        for (n, &t) in chosen.iter().enumerate() {
            value += side.own[t];
            own[w] += side.own[t] / 60;
            must += i64::from(side.must[t]);
            if n > 0 && side.room[chosen[n - 1]] != side.room[t] {
                switches += 1;
            }
            let friend = (0..sides.len()).any(|q| q != w && attended[q].contains(&side.session[t]));
            if side.meet[t] && friend {
                value += bonus * side.minutes[t];
            }
        }
    }
    (must, p * value - switches, own)
}

/// The must-sees' part of a weighted value.
fn timed_musts(musts: i64) -> i128 {
    timed::MUST * i128::from(musts)
}

/// The most talks, must-sees and |value| the packed values hold.
const MOST_TALKS: usize = 4000;
const MOST_VALUE: i64 = 1 << 31;

/// The two people's best joint agenda of day `d` over their modelled `talks` (see the module
/// docs), keeping the floors given in `floors` (`None`: not tracked); `None` when the state
/// would exceed [`LIMIT`], a tracked floor has a talk scoring below 0, or no agenda attends
/// every must-see.
pub(super) fn best_pair(
    people: &[Person],
    d: u32,
    meet: &BTreeSet<usize>,
    talks: &Talks,
    (bonus, floors): (i64, [Option<i64>; 2]),
    (bounds, program): (Bounds, PairProgram),
) -> Option<Best> {
    let [p, q] = people else { return None };
    fn day<'a>(x: &Person<'a>, d: u32) -> Option<&'a Day> {
        x.instance.days.iter().find(|day| day.index == d)
    }
    let list = |i: usize| talks[i].get(&d).map_or(&[][..], Vec::as_slice);
    let sides = |floors: [Option<i64>; 2]| -> Option<(Side, Side)> {
        let a = Side::new(p, day(p, d), list(0), meet, floors[0])?;
        let mut b = Side::new(q, day(q, d), list(1), meet, floors[1])?;
        if bounds == Bounds::WrongPairForTests {
            // Test-only: the second person's switch limit is forgotten.
            (b.switches, b.limited) = (1, false);
        }
        let mut a = a;
        if bounds == Bounds::NoWalkForTests {
            // Test-only (the sweep): free as soon as a talk ends.
            (a.waits, b.waits) = (false, false);
        }
        Some((a, b))
    };
    let (mut a, mut b) = sides(floors)?;

    if bounds == Bounds::HighFloorForTests {
        // Test-only: a tracked floor is kept one unit too high.
        for side in [&mut a, &mut b] {
            if side.scores > 1 {
                side.scores += 1;
            }
        }
    }
    let (na, nb) = (a.len() + 2, b.len() + 2);
    let most: i64 = [&a, &b]
        .iter()
        .flat_map(|s| s.own.iter().zip(&s.minutes))
        .map(|(o, m)| o.abs() + 2 * bonus * m)
        .sum();
    if na + nb > MOST_TALKS || most >= MOST_VALUE {
        return None;
    }
    if program != PairProgram::Positions
        && let Some(work) = timed_work_if_cheaper(&a, &b, program)
        && let Some(found) = sweep(
            &[&a, &b],
            (bonus, 4 * LIMIT, work),
            &floors,
            (bounds, &Budget::new(usize::MAX)),
            || sides([None, None]).map(|(a, b)| vec![a, b]),
        )
    {
        return found;
    }
    let states = na.checked_mul(nb)?.checked_mul(a.layers() * b.layers())?;
    if states > LIMIT || na * a.layers() * b.runs_size() > LIMIT {
        return None;
    }
    let (f, pred) = Program::new(&a, &b, bonus).run();
    let musts = a.must.iter().chain(&b.must).filter(|&&m| m).count() as i64;
    let last = f.len() - 1;
    let best = unpack(f[last])?;
    if best.0 < musts {
        return None;
    }
    // Walk back: each step to a new talk of a person is one of their talks.
    let mut chosen = vec![Vec::new(), Vec::new()];
    let mut at = last;
    let layers = a.layers() * b.layers();
    let pos = |s: usize| (s / layers / nb, s / layers % nb);
    while pred[at] != NO_STATE {
        let before = pred[at] as usize;
        let (i, j) = pos(at);
        let (i0, j0) = pos(before);
        if i != i0 && (1..=a.len()).contains(&i) {
            chosen[0].push(a.session[i - 1]);
        }
        if j != j0 && (1..=b.len()).contains(&j) {
            chosen[1].push(b.session[j - 1]);
        }
        at = before;
    }
    for c in &mut chosen {
        c.sort_unstable();
    }
    Some(Best { chosen })
}

/// The best joint agendas of a group of three or more people on day `d` over their modelled
/// `talks` by the sweep in time ([`timed`]), keeping the floors given in `floors` (`None`: not
/// tracked) by score layers; `None` when the sweep's work would exceed its cap ([`GROUP_CAP`]
/// for three, a sixteenth of it for each more), the group is larger than [`timed::MOST_PEOPLE`], a tracked floor has a talk scoring below 0, or no
/// agenda attends every must-see (the model then decides).
///
/// The sweep's steps let every set of the people with a talk at a step enter it together, each
/// of them with a friend when two or more do: the group model's company (a person is with a
/// friend when any friend attends). So, as for two, every path is a tuple of agendas keeping
/// each person's rules, and every such tuple is a path.
pub(super) fn best_group(
    people: &[Person],
    d: u32,
    meet: &BTreeSet<usize>,
    talks: &Talks,
    (bonus, floors): (i64, &[Option<i64>]),
    (bounds, budget): (Bounds, &Budget),
) -> Option<Best> {
    if people.len() < 3 || people.len() > timed::MOST_PEOPLE || floors.len() != people.len() {
        return None;
    }
    let sides = |floors: &[Option<i64>]| -> Option<Vec<Side>> {
        people
            .iter()
            .zip(talks)
            .zip(floors)
            .map(|((person, talks), &floor)| {
                let day = person.instance.days.iter().find(|day| day.index == d);
                let list = talks.get(&d).map_or(&[][..], Vec::as_slice);
                let mut side = Side::new(person, day, list, meet, floor)?;
                if bounds == Bounds::WrongPairForTests {
                    // Test-only: the switch limits forgotten.
                    (side.switches, side.limited) = (1, false);
                }
                if bounds == Bounds::NoWalkForTests {
                    // Test-only: free as soon as a talk ends.
                    side.waits = false;
                }
                Some(side)
            })
            .collect()
    };
    let mut layered = sides(floors)?;
    if bounds == Bounds::HighFloorForTests {
        // Test-only: a tracked floor is kept one unit too high.
        for side in &mut layered {
            if side.scores > 1 {
                side.scores += 1;
            }
        }
    }
    let layered: Vec<&Side> = layered.iter().collect();
    let most: i64 = layered
        .iter()
        .flat_map(|s| s.own.iter().zip(&s.minutes))
        .map(|(o, m)| o.abs() + layered.len() as i64 * bonus * m)
        .sum();
    let talks: usize = layered.iter().map(|s| s.len()).sum();
    if talks > MOST_TALKS || most >= MOST_VALUE {
        return None;
    }
    // 25 to 50 ns and 5 bytes a state-step: three friends may take 34 million in one run
    // (about 1.5 s and 170 MB), which the model's branch and bound exceeds by far on days of
    // equal talks (one of 201 talks in four rooms: 25 million state-steps, 0.8 s, against 79 s
    // in the model; thirteen listed days at once: 19 million, 0.6 s, against 93 s) but not
    // where friends like different talks: three friends at FOSDEM 2025 under different switch
    // limits took 13 s in six runs of 51 to 63 million (the cap was twice this), and 0.5 s in
    // the model. Each person more divides the work the sweep may take by sixteen (2 million
    // for four, 131,072 for five).
    let cap = GROUP_CAP >> (4 * (layered.len() - 3));
    let work = timed::work(&layered);
    sweep(
        &layered,
        (bonus, cap, work),
        floors,
        (bounds, budget),
        || sides(&vec![None; floors.len()]),
    )?
}

/// The most state-steps a group of three's sweep in time may take in one run, and in all runs
/// of a day ([`Budget`]).
pub(super) const GROUP_CAP: usize = 8 * LIMIT;

/// A value packed in one number, ordered as the value: musts, the joint value (offset by
/// [`MOST_VALUE`]), switches (at most [`MOST_TALKS`]); [`NONE`] for no agenda.
type Packed = i64;
const NONE: Packed = i64::MIN;
const NO_STATE: u32 = u32::MAX;

fn pack(v: Val) -> Packed {
    (v.0 << 44) | ((v.1 + MOST_VALUE) << 12) | (v.2 + 4095)
}

fn unpack(x: Packed) -> Option<Val> {
    (x != NONE).then(|| {
        (
            x >> 44,
            ((x >> 12) & 0xffff_ffff) - MOST_VALUE,
            (x & 4095) - 4095,
        )
    })
}

/// The program's tables: values and predecessors per state, state = ((i·nb + j)·La + k)·Lb + l
/// for positions i of the first person, j of the second, layers k and l.
struct Program<'a> {
    a: &'a Side,
    b: &'a Side,
    bonus: i64,
    nb: usize,
    f: Vec<Packed>,
    pred: Vec<u32>,
}

/// Per layer pair, the best state (value, index) seen so far.
type Bests = Vec<Option<(Val, u32)>>;

impl<'a> Program<'a> {
    fn new(a: &'a Side, b: &'a Side, bonus: i64) -> Self {
        let (na, nb) = (a.len() + 2, b.len() + 2);
        let n = na * nb * a.layers() * b.layers();
        Program {
            a,
            b,
            bonus,
            nb,
            f: vec![NONE; n],
            pred: vec![NO_STATE; n],
        }
    }

    fn state(&self, i: usize, j: usize, k: usize, l: usize) -> usize {
        ((i * self.nb + j) * self.a.layers() + k) * self.b.layers() + l
    }

    fn value(&self, s: usize) -> Option<(Val, u32)> {
        unpack(self.f[s]).map(|v| (v, s as u32))
    }

    /// The gain of stepping into talk `t` (dense) of `side` while the other sits at `other`'s
    /// position `o`.
    fn gain(&self, side: &Side, t: usize, other: &Side, o: usize) -> Val {
        let shared = (1..=other.len()).contains(&o)
            && other.session[o - 1] == side.session[t]
            && side.meet[t];
        let company = if shared {
            2 * self.bonus * side.minutes[t]
        } else {
            0
        };
        (i64::from(side.must[t]), side.own[t] + company, 0)
    }

    /// Fills every state, rows (the second person's position) in order, and returns the
    /// values and predecessors.
    fn run(mut self) -> (Vec<Packed>, Vec<u32>) {
        let (a, b) = (self.a, self.b);
        let (na, nb) = (a.len() + 2, b.len() + 2);
        let (la, lb) = (a.layers(), b.layers());
        // Per column i and layer k: the running bests over the second person's earlier rows.
        let mut columns = b.runs(na * la);
        // Per column and layers: the best over the rows behind it (for the second person's end).
        let mut column_all: Bests = vec![None; na * la * lb];
        for j in 0..nb {
            let mut rows = a.runs(lb);
            let mut row_all: Bests = vec![None; la * lb];
            for i in 0..na {
                for k in 0..la {
                    for l in 0..lb {
                        let (row, column) = ((&mut rows, l), (&mut columns, i * la + k));
                        self.cell(i, j, k, l, (row, &row_all), (column, &column_all));
                    }
                }
                // The first person may end after i in this row when i is not ahead.
                if i < na - 1 && a.key(i) <= b.key(j) {
                    self.keep_best(i, j, &mut row_all, 0);
                }
            }
            // The second person may end after j in the columns it is behind.
            if j < nb - 1 {
                for i in (0..na).filter(|&i| b.key(j) < a.key(i)) {
                    self.keep_best(i, j, &mut column_all, i * la * lb);
                }
            }
        }
        (self.f, self.pred)
    }

    /// Fills state (i, j, k, l) from the best step into it.
    fn cell(
        &mut self,
        i: usize,
        j: usize,
        k: usize,
        l: usize,
        (row, row_all): ((&mut Runs, usize), &Bests),
        (column, column_all): ((&mut Runs, usize), &Bests),
    ) {
        let (a, b) = (self.a, self.b);
        let found = if i == 0 && j == 0 {
            // Before anyone's first talk: no switch made, no score yet.
            (k.is_multiple_of(a.scores) && l.is_multiple_of(b.scores))
                .then_some(((0, 0, 0), NO_STATE))
        } else {
            let first = self.first_steps(i, j, k, l, row, row_all);
            let second = self.second_steps(i, j, k, l, column, column_all);
            match (first, second) {
                (Some(x), Some(y)) => Some(if y.0 > x.0 { y } else { x }),
                (x, y) => x.or(y),
            }
        };
        if let Some((v, from)) = found {
            let s = self.state(i, j, k, l);
            self.f[s] = pack(v);
            self.pred[s] = from;
        }
    }

    /// Takes state (i, j, ·, ·) into the bests `slots[offset + k·Lb + l]`.
    fn keep_best(&self, i: usize, j: usize, slots: &mut Bests, offset: usize) {
        for k in 0..self.a.layers() {
            for l in 0..self.b.layers() {
                let s = self.state(i, j, k, l);
                if let Some((v, _)) = self.value(s) {
                    let slot = &mut slots[offset + k * self.b.layers() + l];
                    if slot.is_none_or(|(x, _)| v > x) {
                        *slot = Some((v, s as u32));
                    }
                }
            }
        }
    }

    /// The best step of the first person into position `i` of row `j` (layers k, l), from a
    /// position of the same row not ahead of `j`.
    fn first_steps(
        &self,
        i: usize,
        j: usize,
        k: usize,
        l: usize,
        runs: (&mut Runs, usize),
        row_all: &Bests,
    ) -> Option<(Val, u32)> {
        let (a, b) = (self.a, self.b);
        if i == 0 {
            return None;
        }
        if i == a.len() + 1 {
            return row_all[k * b.layers() + l];
        }
        let t = i - 1;
        let best = a.step(
            t,
            k,
            runs,
            |u| a.key(u + 1) <= b.key(j),
            true,
            |u, k| self.value(self.state(u, j, k, l)),
        )?;
        Some((add(best.0, self.gain(a, t, b, j)), best.1))
    }

    /// The best step of the second person into position `j` of column `i` (layers k, l), from
    /// a position of the same column behind `i`.
    fn second_steps(
        &self,
        i: usize,
        j: usize,
        k: usize,
        l: usize,
        runs: (&mut Runs, usize),
        column_all: &Bests,
    ) -> Option<(Val, u32)> {
        let (a, b) = (self.a, self.b);
        if j == 0 {
            return None;
        }
        if j == b.len() + 1 {
            return column_all[(i * a.layers() + k) * b.layers() + l];
        }
        let t = j - 1;
        let best = b.step(
            t,
            l,
            runs,
            |u| b.key(u + 1) < a.key(i),
            b.key(0) < a.key(i),
            |u, l| self.value(self.state(i, u, k, l)),
        )?;
        Some((add(best.0, self.gain(b, t, a, i)), best.1))
    }
}
