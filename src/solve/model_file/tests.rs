//! The written files read back by a small reader of each format (here, not in the product), the
//! rows and objective compared with the model, and the LP file solved by brute force: its
//! optimum gives the reference dynamic program's score and switches.

use super::*;
use crate::solve::{Day, Instance, Item, dp, ilp};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A model as a file says: names, bounds, integrality, objective (maximised), rows by name.
#[derive(Debug, Default, PartialEq)]
struct Read {
    names: Vec<String>,
    bounds: BTreeMap<String, (f64, f64)>,
    integers: BTreeSet<String>,
    objective: BTreeMap<String, f64>,
    rows: BTreeMap<String, (BTreeMap<String, f64>, Sense, f64)>,
}

impl Read {
    fn column(&mut self, name: &str) {
        if !self.bounds.contains_key(name) {
            self.names.push(name.to_string());
            self.bounds.insert(name.to_string(), (0.0, f64::INFINITY));
        }
    }
}

/// `± c name ± c name …` of an LP file, terms added into `into`.
fn lp_terms(text: &str, into: &mut BTreeMap<String, f64>, read: &mut Read) {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut sign = 1.0;
    let mut coef = None;
    for t in tokens {
        match t {
            "+" => sign = 1.0,
            "-" => sign = -1.0,
            _ => match t.parse::<f64>() {
                Ok(c) => coef = Some(c),
                Err(_) => {
                    read.column(t);
                    *into.entry(t.to_string()).or_default() += sign * coef.unwrap_or(1.0);
                    sign = 1.0;
                    coef = None;
                }
            },
        }
    }
}

fn bound(text: &str) -> f64 {
    match text {
        "-inf" => f64::NEG_INFINITY,
        "inf" | "+inf" => f64::INFINITY,
        t => t.parse().unwrap(),
    }
}

/// Reads the CPLEX LP this module writes (statements may run over several lines).
fn read_lp(text: &str) -> Read {
    let mut read = Read::default();
    let mut section = "";
    let mut statement = String::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('\\')).collect();
    let mut statements: Vec<(String, String)> = Vec::new();
    for line in lines {
        let head = line.trim();
        if ["Maximize", "Subject To", "Bounds", "Generals", "End"].contains(&head) {
            if !statement.is_empty() {
                statements.push((section.to_string(), std::mem::take(&mut statement)));
            }
            section = match head {
                "Maximize" => "obj",
                "Subject To" => "rows",
                "Bounds" => "bounds",
                "Generals" => "int",
                _ => "",
            };
            continue;
        }
        let continues = line.starts_with("   ");
        if !continues && !statement.is_empty() {
            statements.push((section.to_string(), std::mem::take(&mut statement)));
        }
        statement.push(' ');
        statement.push_str(head);
    }
    for (section, s) in statements {
        match section.as_str() {
            "obj" => {
                let body = s.split_once(':').unwrap().1;
                let mut obj = BTreeMap::new();
                lp_terms(body, &mut obj, &mut read);
                read.objective = obj;
            }
            "rows" => {
                let (name, body) = s.split_once(':').unwrap();
                let (lhs, sense, rhs) = if let Some((l, r)) = body.split_once("<=") {
                    (l, Sense::AtMost, r)
                } else {
                    let (l, r) = body.split_once('=').unwrap();
                    (l, Sense::Equal, r)
                };
                let mut terms = BTreeMap::new();
                lp_terms(lhs, &mut terms, &mut read);
                let row = (terms, sense, rhs.trim().parse().unwrap());
                read.rows.insert(name.trim().to_string(), row);
            }
            "bounds" => {
                let t: Vec<&str> = s.split_whitespace().collect();
                let (name, b) = match t.as_slice() {
                    [lo, "<=", n, "<=", hi] => (*n, (bound(lo), bound(hi))),
                    [n, "=", v] => (*n, (bound(v), bound(v))),
                    [n, ">=", lo] => (*n, (bound(lo), f64::INFINITY)),
                    [n, "free"] => (*n, (f64::NEG_INFINITY, f64::INFINITY)),
                    other => panic!("bound {other:?}"),
                };
                read.column(name);
                read.bounds.insert(name.to_string(), b);
            }
            "int" => read.integers.extend(s.split_whitespace().map(String::from)),
            _ => {}
        }
    }
    read
}

/// Reads the free MPS this module writes, turning its minimised negation back into the
/// maximised objective.
fn read_mps(text: &str) -> Read {
    let mut read = Read::default();
    let mut section = "";
    let mut senses: BTreeMap<String, Sense> = BTreeMap::new();
    let mut integer = false;
    for line in text.lines().filter(|l| !l.starts_with('*')) {
        if !line.starts_with(' ') {
            section = line.split_whitespace().next().unwrap_or("");
            continue;
        }
        let t: Vec<&str> = line.split_whitespace().collect();
        match (section, t.as_slice()) {
            ("ROWS", ["N", _]) => {}
            ("ROWS", [k, name]) => {
                let sense = if *k == "E" {
                    Sense::Equal
                } else {
                    Sense::AtMost
                };
                senses.insert(name.to_string(), sense);
                read.rows
                    .insert(name.to_string(), (BTreeMap::new(), sense, 0.0));
            }
            ("COLUMNS", ["MARKER", _, m]) => integer = m.contains("INTORG"),
            ("COLUMNS", [col, row, v]) => {
                read.column(col);
                if integer {
                    read.integers.insert(col.to_string());
                }
                let v: f64 = v.parse().unwrap();
                if *row == "obj" {
                    if v != 0.0 {
                        read.objective.insert(col.to_string(), -v);
                    }
                } else {
                    read.rows
                        .get_mut(*row)
                        .unwrap()
                        .0
                        .insert(col.to_string(), v);
                }
            }
            ("RHS", [_, row, v]) => read.rows.get_mut(*row).unwrap().2 = v.parse().unwrap(),
            ("BOUNDS", [kind, _, col, rest @ ..]) => {
                let b = read.bounds.get_mut(*col).unwrap();
                let v = rest.first().map(|v| v.parse::<f64>().unwrap());
                match *kind {
                    "FX" => *b = (v.unwrap(), v.unwrap()),
                    "FR" => *b = (f64::NEG_INFINITY, f64::INFINITY),
                    "LO" => b.0 = v.unwrap(),
                    "MI" => b.0 = f64::NEG_INFINITY,
                    "UP" => b.1 = v.unwrap(),
                    "PL" => b.1 = f64::INFINITY,
                    other => panic!("bound {other}"),
                }
            }
            other => panic!("line {other:?}"),
        }
    }
    read
}

/// What a file of `model` must say, from the model itself.
fn expected(model: &Model, ids: &dyn Fn(usize) -> String) -> Read {
    let names = model.names(ids);
    let mut e = Read::default();
    for (c, n) in model.columns.iter().zip(&names) {
        e.column(n);
        e.bounds.insert(n.clone(), (c.lower, c.upper));
        if c.integer {
            e.integers.insert(n.clone());
        }
    }
    if needs_constant(model) {
        e.column("obj_constant");
        e.bounds.insert("obj_constant".into(), (1.0, 1.0));
    }
    e.objective = model
        .objective
        .iter()
        .map(|&(i, c)| (names[i].clone(), c))
        .collect();
    if model.constant != 0.0 {
        e.objective.insert("obj_constant".into(), model.constant);
    }
    for (r, row) in model.rows.iter().enumerate() {
        let terms = row
            .terms
            .iter()
            .map(|&(i, c)| (names[i].clone(), c))
            .collect();
        e.rows
            .insert(format!("c{}", r + 1), (terms, row.sense, row.rhs));
    }
    e
}

/// Compares everything but the order of first appearance.
fn same(a: &Read, b: &Read) {
    assert_eq!(a.bounds, b.bounds);
    assert_eq!(a.integers, b.integers);
    let nonzero = |m: &BTreeMap<String, f64>| -> BTreeMap<String, f64> {
        m.iter()
            .filter(|(_, v)| **v != 0.0)
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    };
    assert_eq!(nonzero(&a.objective), nonzero(&b.objective));
    assert_eq!(a.rows.len(), b.rows.len());
    for (name, (terms, sense, rhs)) in &a.rows {
        let (t, s, r) = &b.rows[name];
        assert_eq!(
            (nonzero(terms), sense, rhs),
            (nonzero(t), s, r),
            "row {name}"
        );
    }
}

/// A model with every kind of bound, a constant and odd names, built through good_lp.
fn odd_model() -> Model {
    use good_lp::variable;
    let mut vars = ProblemVariables::new();
    let a = vars.add(variable().binary());
    let b = vars.add(variable().integer().min(-3).max(4));
    let c = vars.add(variable());
    let d = vars.add(variable().min(2.5).max(2.5));
    let e = vars.add(variable().max(-1.5));
    let mut names = HashMap::new();
    names.insert(
        a,
        Name::Session {
            prefix: "x_d1_".into(),
            session: 0,
        },
    );
    names.insert(
        b,
        Name::Session {
            prefix: "x_d1_".into(),
            session: 1,
        },
    );
    let objective = Expression::from(a) * 3.0 - b + c * 0.25 + 7.5;
    let rows = vec![
        (Expression::from(a) + b + c).leq(10.0),
        (Expression::from(c) - d * 2.0 + e).eq(-1.0),
        (Expression::from(b) * 1.5).geq(-2.0),
    ];
    let mut m = Model::of(&vars, &names, &objective, &rows);
    m.key = "day1".into();
    m.title = "a test".into();
    m
}

#[test]
fn both_formats_read_back_as_the_model_with_its_constant_bounds_and_names() {
    let model = odd_model();
    let ids = |i: usize| ["12 a/b", "12 a.b"][i].to_string();
    let names = model.names(&ids);
    // Both ids clean to `12_a_b`: the second gets a suffix.
    assert_eq!(
        names[..2],
        ["x_d1_12_a_b".to_string(), "x_d1_12_a_b_2".to_string()]
    );
    assert_eq!(names[2..], ["f1", "f2", "f3"].map(String::from));
    assert_eq!(clean("7 talks"), "v7_talks");
    let want = expected(&model, &ids);
    assert_eq!(want.objective["obj_constant"], 7.5);
    same(&read_lp(&write_lp(&model, &ids)), &want);
    same(&read_mps(&write_mps(&model, &ids)), &want);
}

/// A small pseudo-random day: `n` talks in two or three rooms.
fn day(state: &mut u64, n: usize, index: u32) -> Day {
    let mut next = |m: u64| {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        (*state % m) as i64
    };
    let base = i64::from(index) * 1440;
    let mut items: Vec<Item> = (0..n)
        .map(|k| {
            let start = base + 540 + next(8) * 15;
            Item {
                session: (index as usize) * 100 + k,
                room: next(3) as usize,
                start,
                end: start + 15 + next(4) * 15,
                score: next(6) - 1,
                must: next(12) == 0,
            }
        })
        .collect();
    items.sort_by_key(|it| (it.start, it.room, it.session));
    Day {
        index,
        date: NaiveDate::from_ymd_opt(2025, 2, index).unwrap(),
        items,
    }
}

/// A row by column numbers: terms, sense, right-hand side.
type Numbered = (Vec<(usize, f64)>, Sense, f64);

/// The best value of a read file over assignments of every variable to 0 or 1 (within its
/// bounds), by depth-first search with row-activity pruning; `None` when none is feasible.
///
/// 0/1 is enough: for fixed talk choices the rest of the planner's model is one unit of flow
/// through time, and a path is an optimum of it with every arc at 0 or 1.
fn brute_force(read: &Read) -> Option<(f64, BTreeMap<String, f64>)> {
    let names = &read.names;
    let col: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let rows: Vec<Numbered> = read
        .rows
        .values()
        .map(|(t, s, r)| {
            (
                t.iter().map(|(n, c)| (col[n.as_str()], *c)).collect(),
                *s,
                *r,
            )
        })
        .collect();
    let obj: Vec<f64> = names
        .iter()
        .map(|n| read.objective.get(n).copied().unwrap_or(0.0))
        .collect();
    let domain: Vec<Vec<f64>> = names
        .iter()
        .map(|n| {
            let (lo, hi) = read.bounds[n];
            [0.0, 1.0]
                .into_iter()
                .filter(|v| *v >= lo && *v <= hi)
                .collect()
        })
        .collect();
    let mut best: Option<(f64, Vec<f64>)> = None;
    let mut value = vec![0.0; names.len()];
    // The rows each column is in, to check only those after assigning it.
    let mut in_rows: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for (r, (terms, _, _)) in rows.iter().enumerate() {
        for &(i, _) in terms {
            in_rows[i].push(r);
        }
    }
    fn feasible(row: &Numbered, value: &[f64], assigned: usize) -> bool {
        let (mut lo, mut hi) = (0.0, 0.0);
        for &(i, c) in &row.0 {
            if i < assigned {
                lo += c * value[i];
                hi += c * value[i];
            } else {
                lo += c.min(0.0);
                hi += c.max(0.0);
            }
        }
        lo <= row.2 + 1e-9 && (row.1 == Sense::AtMost || hi >= row.2 - 1e-9)
    }
    #[allow(clippy::too_many_arguments)]
    fn search(
        k: usize,
        value: &mut Vec<f64>,
        domain: &[Vec<f64>],
        rows: &[Numbered],
        in_rows: &[Vec<usize>],
        obj: &[f64],
        best: &mut Option<(f64, Vec<f64>)>,
    ) {
        if k == value.len() {
            let v: f64 = value.iter().zip(obj).map(|(x, c)| x * c).sum();
            if best.as_ref().is_none_or(|(b, _)| v > *b) {
                *best = Some((v, value.clone()));
            }
            return;
        }
        for &v in &domain[k] {
            value[k] = v;
            if in_rows[k].iter().all(|&r| feasible(&rows[r], value, k + 1)) {
                search(k + 1, value, domain, rows, in_rows, obj, best);
            }
        }
        value[k] = 0.0;
    }
    search(0, &mut value, &domain, &rows, &in_rows, &obj, &mut best);
    best.map(|(v, x)| (v, names.iter().cloned().zip(x).collect()))
}

#[test]
fn the_written_files_solved_by_brute_force_give_the_reference_programs_score_and_switches() {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut compared = 0;
    for case in 0..24 {
        let days = vec![day(&mut state, 5, 1), day(&mut state, 4, 2)];
        let instance = Instance {
            days,
            rooms: 3,
            max_switches: [None, Some(0), Some(1)][case % 3],
            switch_minutes: [0, 15][case / 3 % 2],
            walking: None,
        };
        let Ok(reference) = dp::solve(&instance) else {
            // Clashing must-see talks: the product refuses it too.
            assert!(ilp::solve(&instance).is_err());
            continue;
        };
        let models = ilp::solve_keeping_models(&instance).unwrap().stats.models;
        let ids = |i: usize| format!("s{i}");
        let (mut score, mut switches) = (0_i64, 0_i64);
        for model in &models {
            let text = write_lp(model, &ids);
            let read = read_lp(&text);
            same(&read, &expected(model, &ids));
            same(&read_mps(&write_mps(model, &ids)), &read);
            // P from the file's own header.
            let p: f64 = text
                .split("P = ")
                .nth(1)
                .and_then(|t| t.split('.').next())
                .unwrap()
                .parse()
                .unwrap();
            let (best, _) = brute_force(&read).expect("a feasible agenda");
            assert_eq!(Some(best), model.optimum, "{text}");
            let half_points = (best / p).ceil();
            score += half_points as i64;
            switches += (p * half_points - best) as i64;
        }
        assert_eq!(score, reference.total, "case {case}");
        assert_eq!(
            switches,
            i64::from(reference.switches.iter().sum::<u32>()),
            "case {case}"
        );
        compared += models.len();
    }
    assert!(compared > 20, "only {compared} models compared");
}

/// One generated day (day 3, three rooms) with at most one switch: both tests below plan it.
fn one_day_three() -> Instance {
    let mut state = 7;
    Instance {
        days: vec![day(&mut state, 6, 3)],
        rooms: 3,
        max_switches: Some(1),
        switch_minutes: 0,
        walking: None,
    }
}

#[test]
fn a_talk_variable_is_named_after_its_day_and_session_and_weighs_its_score() {
    let instance = one_day_three();
    let models = ilp::solve_keeping_models(&instance).unwrap().stats.models;
    let [model] = models.as_slice() else {
        panic!("{} models", models.len())
    };
    assert_eq!(model.key, "day3");
    let read = read_lp(&write_lp(model, &|i| format!("id{i}")));
    for it in &instance.days[0].items {
        if let Some(c) = read.objective.get(&format!("x_d3_id{}", it.session)) {
            assert_eq!(*c, model.switch_weight * it.score as f64);
        } else {
            // Only talks that cannot raise the score, or that the bound rules out, are left out.
            assert!(!it.must, "{it:?}");
        }
    }
}

#[test]
fn nothing_is_kept_unless_asked_and_file_names_carry_the_day() {
    let instance = one_day_three();
    assert!(ilp::solve(&instance).unwrap().stats.models.is_empty());
    assert_eq!(
        ilp::solve_keeping_models(&instance)
            .unwrap()
            .stats
            .models
            .len(),
        1
    );
    let p = std::path::Path::new("out/m.lp");
    assert_eq!(file_for(p, "day2"), std::path::Path::new("out/m-day2.lp"));
    assert_eq!(key_of(&[1, 2]), "days1-2");
    assert!(Format::of(std::path::Path::new("m.txt")).is_err());
    assert_eq!(
        Format::of(std::path::Path::new("m.MPS")).unwrap(),
        Format::Mps
    );
}
