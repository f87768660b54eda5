//! The two people's program swept in time: the state is each person's *situation* when the
//! next talk starts, not the pair of their last talks, so it is linear in the talks.
//!
//! The talks of both people are taken in the order by (start, session); a session both may
//! attend is one step, where each may enter it or not. A person's situation before a step is
//! one of: before their first talk (the next talk is no switch); in or just after a talk t
//! (`Last(t)`: the next talk must fit after t, by the room rule or the walk); free in room r
//! (`Free(r)`: their last talk was in r and ended long enough ago for any walk, so only whether
//! the next talk is in r matters); or free with no talk left in their last room (`Gone`: any
//! next talk is a switch). `Last(t)` becomes `Free(room of t)` once every walk from t's
//! building is over by the step's start, and `Free(r)` becomes `Gone` once the person has no
//! talk left in r: in each case every later step sees the same choices at the same cost. So
//! the situations alive at a step are the talks still running or walked from, plus the rooms:
//! a count that does not grow with the day. With each person's switches used (a layer per
//! switch below a limit that can bind), the joint state is the pair of situations and layers.
//!
//! Every pair of agendas is one path of steps (each person enters exactly their talks, and the
//! company of a talk both attend is counted on its step), and every path is a pair of agendas
//! keeping both people's rules, so the best path is the best pair.
//!
//! The value of a path is a weighted sum ([`Weights`]): the must-sees first (a weight above
//! any sum of the rest), then `value`·(P·joint value − switches) + Σ `score`·own score, with P
//! above any number of switches. With the score weights 0 this is the planner's order
//! (must-sees, joint value, fewest switches); with a weight on a person's own score it is the
//! Lagrangian relaxation of their floor, which `pair.rs` uses to keep a floor without a layer
//! per score unit.

use super::Side;

/// The weights of a path's value (see the module docs).
#[derive(Debug, Clone, Copy)]
pub(super) struct Weights {
    /// Of P·joint value − switches.
    pub value: i128,
    /// Of each person's own score (half points).
    pub score: [i128; 2],
}

/// Above any sum of the weighted value: |value| < 2^44 with P, weights < 2^46, scores < 2^25.
pub(super) const MUST: i128 = 1 << 96;
const NONE: i128 = i128::MIN;

/// One best path: each person's talks (dense positions), and its weighted value.
pub(super) struct Path {
    pub chosen: [Vec<usize>; 2],
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
type Step = [Option<usize>; 2];

/// The steps in the order by (start, session).
fn steps(a: &Side, b: &Side) -> Vec<Step> {
    let mut steps = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let ka = (i < a.len()).then(|| (a.start[i], a.session[i]));
        let kb = (j < b.len()).then(|| (b.start[j], b.session[j]));
        match (ka, kb) {
            (Some(x), Some(y)) if x == y => {
                steps.push([Some(i), Some(j)]);
                (i, j) = (i + 1, j + 1);
            }
            (Some(x), Some(y)) if x < y => {
                steps.push([Some(i), None]);
                i += 1;
            }
            (Some(_), None) => {
                steps.push([Some(i), None]);
                i += 1;
            }
            _ => {
                steps.push([None, Some(j)]);
                j += 1;
            }
        }
    }
    steps
}

/// The sum over the steps of the joint states alive (the sweep's work per run, for choosing
/// between this program and the one over pairs of talks).
pub(super) fn work(a: &Side, b: &Side) -> usize {
    let (mut x, mut y) = (Person::new(a), Person::new(b));
    let mut total = 0usize;
    for [ta, tb] in steps(a, b) {
        let at = ta.map_or_else(|| b.start[tb.unwrap_or(0)], |t| a.start[t]);
        x.advance(at, ta);
        y.advance(at, tb);
        x.next += usize::from(ta.is_some());
        y.next += usize::from(tb.is_some());
        total = total.saturating_add(x.live.len() * x.layers * y.live.len() * y.layers);
    }
    total
}

/// A back pointer: the node before, the step, and who entered its talk (bit 0: the first
/// person, bit 1: the second).
#[derive(Clone, Copy)]
struct Node {
    before: u32,
    step: u32,
    who: u8,
}

const ROOT: u32 = u32::MAX;

/// The sweep's tables: per joint state (the situations alive and layers of both people),
/// `table[((ia·Ka + ka)·Lb + ib)·Kb + kb]` = (weighted value, node), before a step and after
/// it (`next`), with the step into each state that won it (`won`: node before, who; who 0
/// for none) and the back pointers.
struct Tables {
    table: Vec<Entry>,
    next: Vec<Entry>,
    won: Vec<Won>,
    nodes: Vec<Node>,
}

/// A state's (weighted value, node).
type Entry = (i128, u32);
/// Each person's new slot per old slot, and new layer per old layer.
type Maps<'m> = ([&'m [usize]; 2], [&'m [Option<usize>]; 2]);
/// The entry that won a state in a step: (node before, who), who 0 for none.
type Won = (u32, u8);

/// What a step's entries gain: each person's (must-see, P·own, own score), weighted, and the
/// company of a talk both enter.
struct Gains {
    a: Option<i128>,
    b: Option<i128>,
    company: i128,
    /// The weight of one switch.
    switch: i128,
}

impl Tables {
    /// Carries every state over a step where nobody enters: each person's old slot and layer
    /// go to the new ones `slots` and `layers` give (a layer to none: the state is dropped);
    /// `x`, `y` are already advanced (`old`: their live counts before).
    fn carry(&mut self, (x, y): (&Person, &Person), old: (usize, usize), maps: Maps) {
        let ([slots_a, slots_b], [layers_a, layers_b]) = maps;
        let (ka, kb) = (x.layers, y.layers);
        let lb = y.live.len();
        self.next.clear();
        self.next.resize(x.live.len() * ka * lb * kb, (NONE, ROOT));
        self.won.clear();
        self.won.resize(self.next.len(), (ROOT, 0));
        let (oka, okb) = (layers_a.len(), layers_b.len());
        for (ia, &na) in slots_a.iter().enumerate().take(old.0) {
            for (k, &nk) in layers_a.iter().enumerate() {
                let Some(nk) = nk else { continue };
                for (ib, &nb) in slots_b.iter().enumerate().take(old.1) {
                    for (l, &nl) in layers_b.iter().enumerate() {
                        let Some(nl) = nl else { continue };
                        let e = self.table[((ia * oka + k) * old.1 + ib) * okb + l];
                        let to = ((na * ka + nk) * lb + nb) * kb + nl;
                        if e.0 > self.next[to].0 {
                            self.next[to] = e;
                        }
                    }
                }
            }
        }
    }

    /// The entries of step `n` (talks `ta`, `tb`) from every carried state: the sources are
    /// never a `Last` of this step, and the entries write only into those, so one pass over
    /// `next` reads no state it wrote.
    fn enter(&mut self, (x, y): (&Person, &Person), n: usize, [ta, tb]: Step, gains: &Gains) {
        let (ka, kb) = (x.layers, y.layers);
        let (la, lb) = (x.live.len(), y.live.len());
        let index = |ia: usize, k: usize, ib: usize, l: usize| ((ia * ka + k) * lb + ib) * kb + l;
        // Each person's way into their talk from a situation: (their `Last` slot, talk,
        // switch); the carried situations come first, a `Last` of this step last.
        let way = |who: &Person, t: Option<usize>, ix: usize| -> Option<(usize, usize, bool)> {
            let t = t?;
            let switch = who.enter(who.live[ix], t)?;
            Some((who.slot[2 + who.rooms + t] as usize, t, switch))
        };
        let ways_a: Vec<_> = (0..la - usize::from(ta.is_some()))
            .map(|ia| way(x, ta, ia))
            .collect();
        let ways_b: Vec<_> = (0..lb - usize::from(tb.is_some()))
            .map(|ib| way(y, tb, ib))
            .collect();
        let cost = |s: bool| gains.switch * i128::from(s);
        let (next, won) = (&mut self.next, &mut self.won);
        for (ia, &way_a) in ways_a.iter().enumerate() {
            for k in 0..ka {
                let ea = way_a.and_then(|(s, t, sw)| Some((s, x.layer_after(k, t, sw)?, sw)));
                for (ib, &way_b) in ways_b.iter().enumerate() {
                    if ea.is_none() && way_b.is_none() {
                        continue;
                    }
                    for l in 0..kb {
                        let (v, node) = next[index(ia, k, ib, l)];
                        if v == NONE {
                            continue;
                        }
                        let eb =
                            way_b.and_then(|(s, t, sw)| Some((s, y.layer_after(l, t, sw)?, sw)));
                        if let (Some((sa, k2, s)), Some(g)) = (ea, gains.a) {
                            offer(
                                (next, won),
                                index(sa, k2, ib, l),
                                v + g - cost(s),
                                (node, 1),
                            );
                        }
                        if let (Some((sb, l2, s)), Some(g)) = (eb, gains.b) {
                            offer(
                                (next, won),
                                index(ia, k, sb, l2),
                                v + g - cost(s),
                                (node, 2),
                            );
                        }
                        if let (Some((sa, k2, s)), Some((sb, l2, r)), Some(g), Some(h)) =
                            (ea, eb, gains.a, gains.b)
                        {
                            let w = v + g + h + gains.company - cost(s) - cost(r);
                            offer((next, won), index(sa, k2, sb, l2), w, (node, 3));
                        }
                    }
                }
            }
        }
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

/// Takes an entry worth `w` into state `at` when it beats what the state holds.
fn offer((next, won): (&mut [Entry], &mut [Won]), at: usize, w: i128, by: Won) {
    if w > next[at].0 {
        next[at].0 = w;
        won[at] = by;
    }
}

/// The best path of the two people `a` and `b` (company worth `bonus`, P = `p`) under
/// `weights`, keeping the floors the sides track (their score layers, as the program over
/// positions keeps them); `None` when no path keeps them.
pub(super) fn best(a: &Side, b: &Side, bonus: i64, p: i64, weights: Weights) -> Option<Path> {
    let steps = steps(a, b);
    let (mut x, mut y) = (Person::new(a), Person::new(b));
    let mut tables = Tables {
        table: vec![(NONE, ROOT); x.layers * y.layers],
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
    for (n, &[ta, tb]) in steps.iter().enumerate() {
        let at = ta.map_or_else(|| b.start[tb.unwrap_or(0)], |t| a.start[t]);
        let old = (x.live.len(), y.live.len());
        let ((slots_a, layers_a), (slots_b, layers_b)) = (x.advance(at, ta), y.advance(at, tb));
        let maps = ([&slots_a[..], &slots_b[..]], [&layers_a[..], &layers_b[..]]);
        tables.carry((&x, &y), old, maps);
        let company = match (ta, tb) {
            (Some(t), Some(_)) if a.meet[t] => {
                weights.value * i128::from(p) * i128::from(2 * bonus * a.minutes[t])
            }
            _ => 0,
        };
        let gains = Gains {
            a: ta.map(|t| gain(a, t, 0)),
            b: tb.map(|t| gain(b, t, 1)),
            company,
            switch: weights.value,
        };
        tables.enter((&x, &y), n, [ta, tb], &gains);
        x.next += usize::from(ta.is_some());
        y.next += usize::from(tb.is_some());
    }
    // The paths keeping the tracked floors (the top score layers).
    let (lb, kb) = (y.live.len(), y.layers);
    let &(weighted, node) = tables
        .table
        .iter()
        .enumerate()
        .filter(|&(i, _)| x.keeps(i / (lb * kb) % x.layers) && y.keeps(i % kb))
        .map(|(_, e)| e)
        .max_by_key(|e| e.0)?;
    if weighted == NONE {
        return None;
    }
    let chosen = trace(&tables.nodes, &steps, node);
    Some(Path { chosen, weighted })
}

/// Each person's talks on the path ending at `node`, in time order.
fn trace(nodes: &[Node], steps: &[Step], mut node: u32) -> [Vec<usize>; 2] {
    let mut chosen = [Vec::new(), Vec::new()];
    while node != ROOT {
        let Node { before, step, who } = nodes[node as usize];
        let [ta, tb] = steps[step as usize];
        if who & 1 != 0 {
            chosen[0].extend(ta);
        }
        if who & 2 != 0 {
            chosen[1].extend(tb);
        }
        node = before;
    }
    for c in &mut chosen {
        c.reverse();
    }
    chosen
}
