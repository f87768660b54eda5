//! The program of two or more people swept in time: the state is each person's *situation*
//! when the next talk starts, not the tuple of their last talks, so it is linear in the talks
//! (and exponential in the group: the product of everyone's situations and layers).
//!
//! The talks of all the people are taken in the order by (start, session); a session several
//! may attend is one step, where each of them may enter it or not. A person's situation before a step is
//! one of: before their first talk (the next talk is no switch); in or just after a talk t
//! (`Last(t)`: the next talk must fit after t, by the room rule or the walk); free in room r
//! (`Free(r)`: their last talk was in r and ended long enough ago for any walk, so only whether
//! the next talk is in r matters); or free with no talk left in their last room (`Gone`: any
//! next talk is a switch). `Last(t)` becomes `Free(room of t)` once every walk from t's
//! building is over by the step's start, and `Free(r)` becomes `Gone` once the person has no
//! talk left in r: in each case every later step sees the same choices at the same cost. So
//! the situations alive at a step are the talks still running or walked from, plus the rooms:
//! a count that does not grow with the day. With each person's switches used (a layer per
//! switch below a limit that can bind), the joint state is the tuple of situations and layers.
//!
//! At a step every nonempty set of the people with its talk who may enter it does, each of them
//! with a friend when two or more do (the joint model's company: a person is with a friend in a
//! talk when any friend attends it). Every tuple of agendas is one path of steps (each person
//! enters exactly their talks, and the company of a talk is counted on its step), and every
//! path is a tuple of agendas keeping each person's rules, so the best path is the best tuple.
//!
//! The value of a path is a weighted sum ([`Weights`]): the must-sees first (a weight above
//! any sum of the rest), then `value`·(P·joint value − switches) + Σ `score`·own score, with P
//! above any number of switches. With the score weights 0 this is the planner's order
//! (must-sees, joint value, fewest switches); with a weight on a person's own score it is the
//! Lagrangian relaxation of their floor, which `pair.rs` uses to keep a floor without a layer
//! per score unit.

use super::Side;

/// The weights of a path's value (see the module docs).
#[derive(Debug, Clone)]
pub(super) struct Weights {
    /// Of P·joint value − switches.
    pub value: i128,
    /// Of each person's own score (half points), one per person.
    pub score: Vec<i128>,
}

/// Above any sum of the weighted value: |value| < 2^44 with P, weights < 2^46, scores < 2^25.
pub(super) const MUST: i128 = 1 << 96;
const NONE: i128 = i128::MIN;

/// One best path: each person's talks (dense positions), and its weighted value.
pub(super) struct Path {
    pub chosen: Vec<Vec<usize>>,
    pub weighted: i128,
}

/// A person's situation codes: 0 before any talk, 1 `Gone`, 2 + r `Free(r)`, 2 + rooms + t
/// `Last(t)`.
const START: usize = 0;
const GONE: usize = 1;

/// One person's side of the sweep.
struct Person<'a> {
    side: &'a Side,
    rooms: usize,
    /// When `Last(t)` may become `Free(room of t)`: its end plus the longest walk from it.
    release: Vec<i64>,
    /// Per room, one past the last position of the person's talks in it.
    room_end: Vec<usize>,
    /// The talks entered so far (the sweep has passed positions below it).
    next: usize,
    /// The situations alive, and per situation code its slot (`u32::MAX` when not alive).
    live: Vec<usize>,
    slot: Vec<u32>,
    /// The tracked floor in score units (0 when not tracked).
    top: usize,
    /// Per position i, the most score units of talks at positions below i (`before`) and at
    /// i or after (`after`) without overlap: bounds of what a path has and can still get.
    before: Vec<usize>,
    after: Vec<usize>,
    /// The score units a state may have at this step: `lo` … `lo + width − 1` (those below
    /// cannot reach the floor any more, those above no path has yet); layer k·width + r − lo.
    lo: usize,
    width: usize,
    layers: usize,
}

impl<'a> Person<'a> {
    fn new(side: &'a Side) -> Self {
        let rooms = side.room_by_end.len();
        let longest: Vec<i64> = side
            .walk
            .iter()
            .map(|row| row.iter().copied().max().unwrap_or(0).max(0) * i64::from(side.waits))
            .collect();
        let release = (0..side.len())
            .map(|t| side.end[t] + longest[side.building[t]])
            .collect();
        let mut room_end = vec![0; rooms];
        for t in 0..side.len() {
            room_end[side.room[t]] = t + 1;
        }
        let mut slot = vec![u32::MAX; 2 + rooms + side.len()];
        slot[START] = 0;
        let top = side.scores - 1;
        let (before, after) = if top == 0 {
            (vec![0; side.len() + 1], vec![0; side.len() + 1])
        } else {
            most_units(side)
        };
        let mut person = Person {
            side,
            rooms,
            release,
            room_end,
            next: 0,
            live: vec![START],
            slot,
            top,
            before,
            after,
            lo: 0,
            width: 1,
            layers: side.switches,
        };
        person.window(false);
        person
    }

    /// Sets the score window of the step at position `self.next` (`enter`: the person may
    /// enter its talk) and returns the old window's (lo, width).
    fn window(&mut self, enter: bool) -> (usize, usize) {
        let old = (self.lo, self.width);
        let lo = self.top.saturating_sub(self.after[self.next]);
        let hi = self.top.min(self.before[self.next + usize::from(enter)]);
        self.lo = lo;
        self.width = (hi + 1).saturating_sub(lo);
        self.layers = self.side.switches * self.width;
        old
    }

    /// The new layer of each layer of the old window `(lo, width)`, `None` for a score that
    /// can no longer reach the floor.
    fn relayer(&self, (lo, width): (usize, usize)) -> Vec<Option<usize>> {
        (0..self.side.switches * width)
            .map(|layer| {
                let (k, r) = (layer / width, layer % width + lo);
                let r = r.checked_sub(self.lo)?;
                debug_assert!(r < self.width, "a score above every path's");
                Some(k * self.width + r)
            })
            .collect()
    }

    /// The situation a code becomes at a step starting at `at`, before the person's talk at
    /// position `self.next` (if any).
    fn settle(&self, code: usize, at: i64) -> usize {
        let mut code = code;
        if code >= 2 + self.rooms {
            let t = code - 2 - self.rooms;
            if self.release[t] > at {
                return code;
            }
            code = 2 + self.side.room[t];
        }
        if code >= 2 && self.room_end[code - 2] <= self.next {
            code = GONE;
        }
        code
    }

    /// Settles every live situation at `at` and, with `enter`, adds `Last(enter)`; moves the
    /// score window to the step; returns the new slot of each old slot and the new layer of
    /// each old layer.
    fn advance(&mut self, at: i64, enter: Option<usize>) -> (Vec<usize>, Vec<Option<usize>>) {
        let old = self.window(enter.is_some());
        let layers = self.relayer(old);
        let old = std::mem::take(&mut self.live);
        for &c in &old {
            self.slot[c] = u32::MAX;
        }
        let mut map = Vec::with_capacity(old.len());
        for &c in &old {
            let s = self.settle(c, at);
            if self.slot[s] == u32::MAX {
                self.slot[s] = self.live.len() as u32;
                self.live.push(s);
            }
            map.push(self.slot[s] as usize);
        }
        if let Some(t) = enter {
            let c = 2 + self.rooms + t;
            self.slot[c] = self.live.len() as u32;
            self.live.push(c);
        }
        (map, layers)
    }

    /// Entering talk `t` from situation `code`: `None` when it does not fit, else whether it
    /// is a switch.
    fn enter(&self, code: usize, t: usize) -> Option<bool> {
        let side = self.side;
        match code {
            START => Some(false),
            GONE => Some(true),
            c if c < 2 + self.rooms => Some(c - 2 != side.room[t]),
            c => {
                let u = c - 2 - self.rooms;
                if side.room[u] == side.room[t] {
                    (side.end[u] <= side.start[t]).then_some(false)
                } else {
                    let walk = side.walk[side.building[u]][side.building[t]];
                    (side.end[u] + walk <= side.start[t]).then_some(true)
                }
            }
        }
    }

    /// The layer after entering talk `t` with `switch` from `layer` (switches k, score units
    /// r in the window): `None` past the switch limit, or above the window (no path has such
    /// a score: its talks and `t` are talks without overlap up to `t`, which `before` bounds).
    fn layer_after(&self, layer: usize, t: usize, switch: bool) -> Option<usize> {
        let side = self.side;
        let (k, r) = (layer / self.width, layer % self.width + self.lo);
        let r = (r + side.units[t]).min(self.top) - self.lo;
        let k = match (switch, side.limited) {
            (false, _) | (true, false) => k,
            (true, true) => k + 1,
        };
        (k < side.switches && r < self.width).then_some(k * self.width + r)
    }

    /// Whether `layer` keeps the tracked floor (the top score).
    fn keeps(&self, layer: usize) -> bool {
        layer % self.width + self.lo == self.top
    }
}

/// Per position i of `side`'s talks, the most score units of talks without overlap among the
/// positions below i, and among i and after (weighted interval scheduling both ways).
fn most_units(side: &Side) -> (Vec<usize>, Vec<usize>) {
    let n = side.len();
    // ending[j]: the most units of talks without overlap whose latest is j (by start, so
    // the others end by its start).
    let mut ending = vec![0; n];
    let mut before = vec![0; n + 1];
    for j in 0..n {
        let earlier = (0..j)
            .filter(|&i| side.end[i] <= side.start[j])
            .map(|i| ending[i])
            .max()
            .unwrap_or(0);
        ending[j] = side.units[j] + earlier;
        before[j + 1] = before[j].max(ending[j]);
    }
    let mut after = vec![0; n + 1];
    for i in (0..n).rev() {
        let next = side.start.partition_point(|&s| s < side.end[i]);
        after[i] = after[i + 1].max(side.units[i] + after[next]);
    }
    (before, after)
}

/// A step of the sweep: each person's talk at it (dense positions), of one session.
type Step = Vec<Option<usize>>;

/// The steps in the order by (start, session): a session several people may attend is one
/// step.
fn steps(sides: &[&Side]) -> Vec<Step> {
    let mut at = vec![0; sides.len()];
    let mut steps = Vec::with_capacity(sides.iter().map(|s| s.len()).sum());
    loop {
        let key = |w: usize| {
            let side = sides[w];
            (at[w] < side.len()).then(|| (side.start[at[w]], side.session[at[w]]))
        };
        let Some(first) = (0..sides.len()).filter_map(key).min() else {
            break;
        };
        let step: Step = (0..sides.len())
            .map(|w| (key(w) == Some(first)).then_some(at[w]))
            .collect();
        for (w, t) in step.iter().enumerate() {
            at[w] += usize::from(t.is_some());
        }
        steps.push(step);
    }
    steps
}

/// The start of a step's session.
fn start_of(sides: &[&Side], step: &[Option<usize>]) -> i64 {
    step.iter()
        .zip(sides)
        .find_map(|(t, side)| t.map(|t| side.start[t]))
        .unwrap_or(0)
}

/// Each person's states (situations alive × layers) at the step they are advanced to.
fn dims(people: &[Person]) -> Vec<usize> {
    people.iter().map(|x| x.live.len() * x.layers).collect()
}

/// The joint state's index strides: the first person's state most significant.
fn strides(dims: &[usize]) -> Vec<usize> {
    let mut strides = vec![1usize; dims.len()];
    for w in (0..dims.len().saturating_sub(1)).rev() {
        strides[w] = strides[w + 1].saturating_mul(dims[w + 1]);
    }
    strides
}

/// The sum over the steps of the joint states alive (the sweep's work per run, for choosing
/// between this program and another).
pub(super) fn work(sides: &[&Side]) -> usize {
    let mut people: Vec<Person> = sides.iter().map(|s| Person::new(s)).collect();
    let mut total = 0usize;
    for step in steps(sides) {
        let at = start_of(sides, &step);
        for (x, &t) in people.iter_mut().zip(&step) {
            x.advance(at, t);
            x.next += usize::from(t.is_some());
        }
        let states = dims(&people)
            .into_iter()
            .fold(1usize, usize::saturating_mul);
        total = total.saturating_add(states);
    }
    total
}

/// A back pointer: the node before, the step, and who entered their talk (bit w: person w).
#[derive(Clone, Copy)]
struct Node {
    before: u32,
    step: u32,
    who: u8,
}

const ROOT: u32 = u32::MAX;

/// The most people one sweep takes (who entered a step is a byte).
pub(super) const MOST_PEOPLE: usize = 8;

/// The sweep's tables: per joint state (each person's situation alive and layer, the first
/// person's most significant, see [`strides`]), (weighted value, node), before a step and
/// after it (`next`), with the step into each state that won it (`won`: node before, who; who
/// 0 for none) and the back pointers.
struct Tables {
    table: Vec<Entry>,
    next: Vec<Entry>,
    won: Vec<Won>,
    nodes: Vec<Node>,
}

/// A state's (weighted value, node).
type Entry = (i128, u32);
/// Per person, the new slot of each old slot and the new layer of each old layer.
type Maps = Vec<(Vec<usize>, Vec<Option<usize>>)>;
/// The entry that won a state in a step: (node before, who), who 0 for none.
type Won = (u32, u8);

/// Counts through every joint state in index order: each person's state (slot·layers + layer)
/// is a digit of `dims`, the last person's the fastest.
struct Odometer {
    digits: Vec<usize>,
}

impl Odometer {
    fn new(people: usize) -> Self {
        Odometer {
            digits: vec![0; people],
        }
    }

    /// The digits of the next index.
    fn tick(&mut self, dims: &[usize]) {
        for w in (0..dims.len()).rev() {
            self.digits[w] += 1;
            if self.digits[w] < dims[w] {
                return;
            }
            self.digits[w] = 0;
        }
    }
}

/// What a step's entries gain: per person with a talk at it, their (must-see, P·own, own
/// score), weighted; the company of one person in a talk with a friend; the weight of one
/// switch.
struct Gains {
    own: Vec<Option<i128>>,
    company: i128,
    switch: i128,
}

impl Tables {
    /// Carries every state over a step where nobody enters: each person's old slot and layer
    /// go to the new ones `maps` gives (a layer to none: the state is dropped); `people` are
    /// already advanced (`old`: their states before).
    fn carry(&mut self, people: &[Person], old: &[usize], maps: &Maps) {
        let new = dims(people);
        let strides = strides(&new);
        // Per person, per old state: the new state's part of the index.
        let to: Vec<Vec<Option<usize>>> = people
            .iter()
            .zip(maps)
            .zip(old)
            .zip(&strides)
            .map(|(((x, (slots, layers)), &states), &stride)| {
                let per = layers.len().max(1);
                (0..states)
                    .map(|c| {
                        let layer = layers[c % per]?;
                        Some((slots[c / per] * x.layers + layer) * stride)
                    })
                    .collect()
            })
            .collect();
        self.next.clear();
        self.next.resize(new.iter().product(), (NONE, ROOT));
        self.won.clear();
        self.won.resize(self.next.len(), (ROOT, 0));
        let mut odometer = Odometer::new(people.len());
        for &e in &self.table {
            if e.0 != NONE {
                let at = odometer
                    .digits
                    .iter()
                    .zip(&to)
                    .try_fold(0, |sum, (&c, to)| Some(sum + to[c]?));
                if let Some(at) = at
                    && e.0 > self.next[at].0
                {
                    self.next[at] = e;
                }
            }
            odometer.tick(old);
        }
    }

    /// The entries of step `n` from every carried state: each nonempty set of the people with
    /// a talk at it who may enter it enters together. The sources are never a `Last` of this
    /// step, and the entries write only into those, so one pass over `next` reads no state it
    /// wrote.
    fn enter(&mut self, people: &[Person], n: usize, step: &[Option<usize>], gains: &Gains) {
        let states = dims(people);
        let strides = strides(&states);
        let (holders, ways) = ways(people, step, &states);
        let lasts: Vec<usize> = holders.iter().map(|&w| people[w].live.len() - 1).collect();
        let mut odometer = Odometer::new(people.len());
        let mut entries: Vec<Option<(usize, i128)>> = vec![None; holders.len()];
        for i in 0..self.next.len() {
            let digits = &odometer.digits;
            let (v, node) = self.next[i];
            if v != NONE
                && holders
                    .iter()
                    .zip(&lasts)
                    .all(|(&w, &last)| digits[w] / people[w].layers != last)
            {
                // Per holder: (how far the index moves to their new state, their gain less
                // the switch).
                for (h, &w) in holders.iter().enumerate() {
                    let c = digits[w];
                    entries[h] = ways[h][c].and_then(|(to, switch)| {
                        let g = gains.own[w]?;
                        Some(((to - c) * strides[w], g - gains.switch * i128::from(switch)))
                    });
                }
                if entries.iter().any(Option::is_some) {
                    self.offer_sets((i, v, node), &holders, &entries, gains.company);
                }
            }
            odometer.tick(&states);
        }
        self.record(n);
    }

    /// From state `i` worth `v` (its node `node`), offers every set of the holders whose
    /// `entries` (index shift, gain) exist, each member with a friend when two or more enter.
    fn offer_sets(
        &mut self,
        (i, v, node): (usize, i128, u32),
        holders: &[usize],
        entries: &[Option<(usize, i128)>],
        company: i128,
    ) {
        'sets: for mask in 1..(1usize << holders.len()) {
            let (mut at, mut value, mut who, mut count) = (i, v, 0u8, 0u32);
            for (h, &w) in holders.iter().enumerate() {
                if mask & (1 << h) == 0 {
                    continue;
                }
                let Some((shift, gain)) = entries[h] else {
                    continue 'sets;
                };
                at += shift;
                value += gain;
                who |= 1 << w;
                count += 1;
            }
            if count > 1 {
                value += company * i128::from(count);
            }
            if value > self.next[at].0 {
                self.next[at].0 = value;
                self.won[at] = (node, who);
            }
        }
    }

    /// Gives every state won by an entry of step `n` its back pointer, and makes the new
    /// states the table.
    fn record(&mut self, n: usize) {
        for (slot, &(before, who)) in self.next.iter_mut().zip(&self.won) {
            if who != 0 {
                self.nodes.push(Node {
                    before,
                    step: n as u32,
                    who,
                });
                slot.1 = (self.nodes.len() - 1) as u32;
            }
        }
        std::mem::swap(&mut self.table, &mut self.next);
    }
}

/// The people with a talk at `step` (`holders`), and per such person and state (of `states`)
/// the state entering the talk leads to (`None` when it does not fit or breaks a limit, or
/// from their `Last` of this step, their newest situation) and whether it is a switch.
type Ways = (Vec<usize>, Vec<Vec<Option<(usize, bool)>>>);

/// The [`Ways`] of `step`.
fn ways(people: &[Person], step: &[Option<usize>], states: &[usize]) -> Ways {
    let holders: Vec<usize> = (0..people.len()).filter(|&w| step[w].is_some()).collect();
    let ways = holders
        .iter()
        .map(|&w| {
            let (x, t) = (&people[w], step[w].unwrap_or(0));
            let last = x.live.len() - 1;
            (0..states[w])
                .map(|c| {
                    let (slot, layer) = (c / x.layers, c % x.layers);
                    if slot == last {
                        return None;
                    }
                    let switch = x.enter(x.live[slot], t)?;
                    let layer = x.layer_after(layer, t, switch)?;
                    Some((last * x.layers + layer, switch))
                })
                .collect()
        })
        .collect();
    (holders, ways)
}

/// The best path of the people of `sides` (company worth `bonus` a person, P = `p`) under
/// `weights`, keeping the floors the sides track (their score layers, as the program over
/// positions keeps them); `None` when no path keeps them, or for more than [`MOST_PEOPLE`].
pub(super) fn best(sides: &[&Side], bonus: i64, p: i64, weights: &Weights) -> Option<Path> {
    if sides.len() > MOST_PEOPLE || weights.score.len() != sides.len() {
        return None;
    }
    let steps = steps(sides);
    let mut people: Vec<Person> = sides.iter().map(|s| Person::new(s)).collect();
    let mut tables = Tables {
        table: vec![(NONE, ROOT); people.iter().map(|x| x.layers).product()],
        next: Vec::new(),
        won: Vec::new(),
        nodes: Vec::new(),
    };
    // Before anyone's first talk: no switch, nothing gained, at layer 0 (none when a floor
    // is out of reach).
    *tables.table.first_mut()? = (0, ROOT);
    let gain = |side: &Side, t: usize, who: usize| -> i128 {
        MUST * i128::from(side.must[t])
            + weights.value * i128::from(p) * i128::from(side.own[t])
            + weights.score[who] * i128::from(side.own[t] / 60)
    };
    for (n, step) in steps.iter().enumerate() {
        let at = start_of(sides, step);
        let old = dims(&people);
        let maps: Maps = people
            .iter_mut()
            .zip(step)
            .map(|(x, &t)| x.advance(at, t))
            .collect();
        tables.carry(&people, &old, &maps);
        let meets = step
            .iter()
            .zip(sides)
            .find_map(|(t, side)| t.map(|t| (side.meet[t], side.minutes[t])));
        let company = match meets {
            Some((true, minutes)) => weights.value * i128::from(p) * i128::from(bonus * minutes),
            _ => 0,
        };
        let gains = Gains {
            own: step
                .iter()
                .enumerate()
                .map(|(w, t)| t.map(|t| gain(sides[w], t, w)))
                .collect(),
            company,
            switch: weights.value,
        };
        tables.enter(&people, n, step, &gains);
        for (x, t) in people.iter_mut().zip(step) {
            x.next += usize::from(t.is_some());
        }
    }
    // The paths keeping the tracked floors (the top score layers).
    let states = dims(&people);
    let strides = strides(&states);
    let &(weighted, node) = tables
        .table
        .iter()
        .enumerate()
        .filter(|&(i, _)| {
            people.iter().enumerate().all(|(w, x)| {
                let c = i / strides[w] % states[w];
                x.keeps(c % x.layers)
            })
        })
        .map(|(_, e)| e)
        .max_by_key(|e| e.0)?;
    if weighted == NONE {
        return None;
    }
    let chosen = trace(&tables.nodes, &steps, node, sides.len());
    Some(Path { chosen, weighted })
}

/// Each person's talks on the path ending at `node`, in time order.
fn trace(nodes: &[Node], steps: &[Step], mut node: u32, people: usize) -> Vec<Vec<usize>> {
    let mut chosen = vec![Vec::new(); people];
    while node != ROOT {
        let Node { before, step, who } = nodes[node as usize];
        for (w, c) in chosen.iter_mut().enumerate() {
            if who & (1 << w) != 0 {
                c.extend(steps[step as usize][w]);
            }
        }
        node = before;
    }
    for c in &mut chosen {
        c.reverse();
    }
    chosen
}
