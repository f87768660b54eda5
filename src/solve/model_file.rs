//! The integer programs the solver is handed, as files any standard solver reads
//! (`--write-model FILE`): CPLEX LP (`.lp`) or free MPS (`.mps`).
//!
//! When the caller asks ([`super::ilp::solve_keeping_models`], [`super::joint::Settings`]'s
//! `keep_models`), every model the planner ([`super::ilp`]) or the joint planner
//! ([`super::joint`]) hands to its solver is kept as a [`Model`] in the answer's
//! [`super::Stats::models`]: the same variables with their
//! bounds and integrality, the same objective and the same rows, taken from the good_lp problem
//! just before it is solved. A day solved twice (first over its core of talks, then over every
//! talk its bound keeps, see `ilp/bound.rs`) keeps the model whose answer the plan uses.
//!
//! Written by hand (about a hundred lines per format) rather than through good_lp's `lp-solvers`
//! bridge: that bridge writes only LP, drops the objective's constant, and hands the text only
//! to an external binary it runs itself, not to a file of ours.
//!
//! Names: talk choices are `x_d<day>_<session id>` (and `z_d<day>_<session id>` for the
//! "arrive and attend" arcs of the planner's network), arrivals `a_d<day>_<n>`, every other arc
//! of the flow `f<n>`; in a joint model `x_p<person>_d<day>_<session id>`, and the company
//! variables `s_p<person>_d<day>_<session id>`. Session ids are reduced to letters, digits and
//! `_` (anything else becomes `_`), and a name that would repeat gets `_2`, `_3`, ….
//! Rows are `c1`, `c2`, ….

use good_lp::{Expression, IntoAffineExpression, ProblemVariables, Variable};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

/// The name of a variable, resolved to text when written (session ids come from the schedule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// `prefix` followed by the id of a session (schedule index).
    Session {
        /// `x_d1_`, `z_d2_`, `x_p1_d1_`, …
        prefix: String,
        /// Schedule index of the session.
        session: usize,
    },
    /// A name as it is.
    Plain(String),
}

/// One variable: its name, bounds and whether it is integer.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its name (see the module documentation).
    pub name: Name,
    /// Lower bound (may be −∞).
    pub lower: f64,
    /// Upper bound (may be +∞).
    pub upper: f64,
    /// Integer variable.
    pub integer: bool,
}

/// How a row compares its left side with its right side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// `=`
    Equal,
    /// `<=`
    AtMost,
}

/// One row: Σ coefficient·variable (sense) rhs.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// (column index, coefficient), by column index.
    pub terms: Vec<(usize, f64)>,
    /// `=` or `<=`.
    pub sense: Sense,
    /// Right-hand side.
    pub rhs: f64,
}

/// One integer program as solved: maximise the objective subject to the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// What it models in a file name: `day1`, `days1-2` (a group of days solved as one).
    pub key: String,
    /// What it models, for the file's header: `day 1 (2025-02-01)`.
    pub title: String,
    /// Lines for the header: how to read the objective.
    pub notes: Vec<String>,
    /// The variables, in the solver's order.
    pub columns: Vec<Column>,
    /// Objective terms (column index, coefficient), by column index; it is maximised.
    pub objective: Vec<(usize, f64)>,
    /// The objective's constant (written as a variable `obj_constant` fixed to 1).
    pub constant: f64,
    /// The rows.
    pub rows: Vec<Row>,
    /// P: the weight of a half point against one room switch (see [`super::ilp`]).
    pub switch_weight: f64,
    /// The optimum the product's solver found for it, when it is known.
    pub optimum: Option<f64>,
    /// A joint model of several people (`together`), not one person's.
    pub joint: bool,
}

impl Model {
    /// The model of a good_lp problem: its variables, named by `names` (the rest `f1`, `f2`, …),
    /// the objective to maximise and the rows.
    pub fn of(
        vars: &ProblemVariables,
        names: &HashMap<Variable, Name>,
        objective: &Expression,
        constraints: &[good_lp::Constraint],
    ) -> Model {
        let mut index: HashMap<Variable, usize> = HashMap::with_capacity(vars.len());
        let mut others = 0;
        let columns = vars
            .iter_variables_with_def()
            .enumerate()
            .map(|(i, (v, def))| {
                index.insert(v, i);
                let name = names.get(&v).cloned().unwrap_or_else(|| {
                    others += 1;
                    Name::Plain(format!("f{others}"))
                });
                Column {
                    name,
                    lower: def.get_min(),
                    upper: def.get_max(),
                    integer: def.is_integer(),
                }
            })
            .collect();
        let terms = |e: &Expression| -> Vec<(usize, f64)> {
            let mut t: Vec<(usize, f64)> = e
                .linear_coefficients()
                .filter(|&(_, c)| c != 0.0)
                .filter_map(|(v, c)| index.get(&v).map(|&i| (i, c)))
                .collect();
            t.sort_by_key(|&(i, _)| i);
            t
        };
        let rows = constraints
            .iter()
            .map(|c| Row {
                terms: terms(c.expression()),
                sense: if c.is_equality() {
                    Sense::Equal
                } else {
                    Sense::AtMost
                },
                rhs: -c.expression().constant(),
            })
            .collect();
        Model {
            key: String::new(),
            title: String::new(),
            notes: Vec::new(),
            columns,
            objective: terms(objective),
            constant: objective.constant(),
            rows,
            switch_weight: 1.0,
            optimum: None,
            joint: false,
        }
    }

    /// Every column's name as written: session ids from `ids`, reduced to the LP name rules,
    /// made unique.
    pub fn names(&self, ids: &dyn Fn(usize) -> String) -> Vec<String> {
        let mut seen: BTreeSet<String> = BTreeSet::from(["obj_constant".to_string()]);
        self.columns
            .iter()
            .map(|c| {
                let base = match &c.name {
                    Name::Session { prefix, session } => {
                        clean(&format!("{prefix}{}", ids(*session)))
                    }
                    Name::Plain(s) => clean(s),
                };
                let mut name = base.clone();
                let mut n = 1;
                while !seen.insert(name.clone()) {
                    n += 1;
                    name = format!("{base}_{n}");
                }
                name
            })
            .collect()
    }
}

/// A name within the rules of both formats: letters, digits and `_` (the rest becomes `_`), not
/// starting with a digit, at most 200 characters.
pub fn clean(text: &str) -> String {
    let mut name: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(200)
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'v');
    }
    name
}

/// The file formats, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CPLEX LP (`.lp`).
    Lp,
    /// Free MPS (`.mps`).
    Mps,
}

impl Format {
    /// The format a path's extension names, or an error saying which ones there are.
    pub fn of(path: &std::path::Path) -> anyhow::Result<Format> {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("lp") => Ok(Format::Lp),
            Some("mps") => Ok(Format::Mps),
            _ => Err(crate::error::bad_input(format!(
                "--write-model {}: the file name must end in .lp (CPLEX LP) or .mps (free MPS)",
                path.display()
            ))),
        }
    }
}

/// The file of each model: `FILE` with `-<key>` before its extension (`model.lp` →
/// `model-day1.lp`, `model-days1-2.lp`).
pub fn file_for(path: &std::path::Path, key: &str) -> std::path::PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map_or_else(String::new, |e| e.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}-{key}.{ext}"))
}

/// A number as both formats read it back exactly: whole numbers without a fraction, the rest
/// in Rust's shortest exact form.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A linear sum in LP syntax, a few terms a line.
fn lp_sum(out: &mut String, terms: &[(usize, f64)], names: &[String]) {
    if terms.is_empty() {
        out.push_str(" 0 obj_constant");
    }
    for (k, &(i, c)) in terms.iter().enumerate() {
        if k > 0 && k % 8 == 0 {
            out.push_str("\n   ");
        }
        let sign = if c < 0.0 { '-' } else { '+' };
        if k == 0 && c >= 0.0 {
            let _ = write!(out, " {} {}", num(c.abs()), names[i]);
        } else {
            let _ = write!(out, " {sign} {} {}", num(c.abs()), names[i]);
        }
    }
}

/// The header comment lines of a model, each prefixed with `mark`.
fn header(model: &Model, mark: &str) -> String {
    let mut h = format!("{mark} agenda: the integer program of {}\n", model.title);
    for line in &model.notes {
        let _ = writeln!(h, "{mark} {line}");
    }
    if let Some(o) = model.optimum {
        let _ = writeln!(h, "{mark} The optimum agenda found: {}.", num(o));
    }
    h
}

/// Whether the model needs the `obj_constant` column (a constant, or an empty row or objective).
fn needs_constant(model: &Model) -> bool {
    model.constant != 0.0
        || model.objective.is_empty()
        || model.rows.iter().any(|r| r.terms.is_empty())
}

/// The model in CPLEX LP format.
pub fn write_lp(model: &Model, ids: &dyn Fn(usize) -> String) -> String {
    let names = model.names(ids);
    let mut out = header(model, "\\");
    let constant = needs_constant(model);
    out.push_str("Maximize\n obj:");
    lp_sum(&mut out, &model.objective, &names);
    if model.constant != 0.0 {
        let sign = if model.constant < 0.0 { '-' } else { '+' };
        let _ = write!(out, " {sign} {} obj_constant", num(model.constant.abs()));
    }
    out.push_str("\nSubject To\n");
    for (r, row) in model.rows.iter().enumerate() {
        let _ = write!(out, " c{}:", r + 1);
        lp_sum(&mut out, &row.terms, &names);
        let op = match row.sense {
            Sense::Equal => "=",
            Sense::AtMost => "<=",
        };
        let _ = writeln!(out, " {op} {}", num(row.rhs));
    }
    out.push_str("Bounds\n");
    for (c, name) in model.columns.iter().zip(&names) {
        let _ = writeln!(out, " {}", lp_bound(c, name));
    }
    if constant {
        out.push_str(" obj_constant = 1\n");
    }
    let integers: Vec<&String> = model
        .columns
        .iter()
        .zip(&names)
        .filter(|(c, _)| c.integer)
        .map(|(_, n)| n)
        .collect();
    if !integers.is_empty() {
        out.push_str("Generals\n");
        for chunk in integers.chunks(8) {
            let line: Vec<&str> = chunk.iter().map(|s| s.as_str()).collect();
            let _ = writeln!(out, " {}", line.join(" "));
        }
    }
    out.push_str("End\n");
    out
}

/// One variable's bounds in LP syntax.
fn lp_bound(c: &Column, name: &str) -> String {
    match (c.lower.is_finite(), c.upper.is_finite()) {
        _ if c.lower == c.upper => format!("{name} = {}", num(c.lower)),
        (true, true) => format!("{} <= {name} <= {}", num(c.lower), num(c.upper)),
        (true, false) => format!("{name} >= {}", num(c.lower)),
        (false, true) => format!("-inf <= {name} <= {}", num(c.upper)),
        (false, false) => format!("{name} free"),
    }
}

/// The model in free MPS format, minimising the negated objective (readers disagree on
/// `OBJSENSE`: CBC ignores it, GLPK refuses it).
pub fn write_mps(model: &Model, ids: &dyn Fn(usize) -> String) -> String {
    let names = model.names(ids);
    let mut out = header(model, "*");
    out.push_str(
        "* MPS has no maximise that every reader honours: this file MINIMISES the objective's\n\
         * negation (minus the objective above), so a solver reports minus the optimum.\n",
    );
    // `FREE` after the name: CBC reads free MPS only when the NAME line says so; GLPK and
    // HiGHS accept it.
    let _ = writeln!(out, "NAME agenda-{} FREE\nROWS\n N obj", clean(&model.key));
    for (r, row) in model.rows.iter().enumerate() {
        let kind = match row.sense {
            Sense::Equal => 'E',
            Sense::AtMost => 'L',
        };
        let _ = writeln!(out, " {kind} c{}", r + 1);
    }
    out.push_str("COLUMNS\n");
    let mut entries: Vec<Vec<(String, f64)>> = vec![Vec::new(); model.columns.len()];
    for &(i, c) in &model.objective {
        entries[i].push(("obj".to_string(), -c));
    }
    for (r, row) in model.rows.iter().enumerate() {
        for &(i, c) in &row.terms {
            entries[i].push((format!("c{}", r + 1), c));
        }
    }
    let mut integer = false;
    for (k, (column, name)) in model.columns.iter().zip(&names).enumerate() {
        if column.integer != integer {
            let marker = if column.integer { "INTORG" } else { "INTEND" };
            let _ = writeln!(out, "    MARKER 'MARKER' '{marker}'");
            integer = column.integer;
        }
        if entries[k].is_empty() {
            let _ = writeln!(out, "    {name} obj 0");
        }
        for (row, c) in &entries[k] {
            let _ = writeln!(out, "    {name} {row} {}", num(*c));
        }
    }
    if integer {
        out.push_str("    MARKER 'MARKER' 'INTEND'\n");
    }
    let constant = needs_constant(model);
    if constant {
        let _ = writeln!(out, "    obj_constant obj {}", num(-model.constant));
    }
    out.push_str("RHS\n");
    for (r, row) in model.rows.iter().enumerate() {
        if row.rhs != 0.0 {
            let _ = writeln!(out, "    rhs c{} {}", r + 1, num(row.rhs));
        }
    }
    out.push_str("BOUNDS\n");
    for (c, name) in model.columns.iter().zip(&names) {
        out.push_str(&mps_bounds(c, name));
    }
    if constant {
        out.push_str(" FX bnd obj_constant 1\n");
    }
    out.push_str("ENDATA\n");
    out
}

/// One variable's bounds in MPS: every bound said, so no reader's default (an integer's upper
/// bound of 1 in some) applies.
fn mps_bounds(c: &Column, name: &str) -> String {
    if c.lower == c.upper {
        return format!(" FX bnd {name} {}\n", num(c.lower));
    }
    if !c.lower.is_finite() && !c.upper.is_finite() {
        return format!(" FR bnd {name}\n");
    }
    let lower = if c.lower.is_finite() {
        format!(" LO bnd {name} {}\n", num(c.lower))
    } else {
        format!(" MI bnd {name}\n")
    };
    let upper = if c.upper.is_finite() {
        format!(" UP bnd {name} {}\n", num(c.upper))
    } else {
        format!(" PL bnd {name}\n")
    };
    lower + &upper
}

/// The model in the format of `format`.
pub fn write(model: &Model, format: Format, ids: &dyn Fn(usize) -> String) -> String {
    match format {
        Format::Lp => write_lp(model, ids),
        Format::Mps => write_mps(model, ids),
    }
}

/// The first day number in a key (`days3-4` → 3), for ordering.
pub(crate) fn first_day(key: &str) -> (u32, String) {
    let digits: String = key
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.parse().unwrap_or(0), key.to_string())
}

/// The key of a group of days (1-based day indices): `day1`, or `days1-2`.
pub fn key_of(days: &[u32]) -> String {
    match days {
        [d] => format!("day{d}"),
        _ => format!(
            "days{}",
            days.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("-")
        ),
    }
}

#[cfg(test)]
mod tests;
