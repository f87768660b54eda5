//! `agenda bench` as tables, times in milliseconds: the solvers side by side and where the
//! time of one run goes ([`write()`]), or the `--together N` cases ([`write_together`]).

use crate::export::bench::{Notes, Row, SolverRow, TogetherRow, ms};
use std::time::Duration;

/// Milliseconds with about four significant digits, so that columns stay narrow.
fn fmt_ms(d: Duration) -> String {
    let v = ms(d);
    match v {
        v if v < 10.0 => format!("{v:.3}"),
        v if v < 100.0 => format!("{v:.2}"),
        v if v < 1000.0 => format!("{v:.1}"),
        v => format!("{v:.0}"),
    }
}

/// Writes the rows as two tables, times in milliseconds: the solvers side by side, then where
/// the time of one whole run goes, stage by stage.
pub fn write(
    out: &mut dyn std::io::Write,
    rows: &[Row],
    notes: &Notes,
    width: u16,
) -> anyhow::Result<()> {
    writeln!(out, "{}", solver_table(rows, width))?;
    writeln!(out, "{}", stage_table(rows, width))?;
    write_notes(out, notes)
}

/// The solvers side by side: the model's size, build and solve times, the DP's time and whether
/// they found the same optimum.
fn solver_table(rows: &[Row], width: u16) -> comfy_table::Table {
    let header = vec![
        "Case",
        "Talks",
        "Rooms",
        "Vars",
        "Cons",
        "Build",
        "Solve min",
        "Solve med",
        "Solve max",
        "DP",
        "Same",
    ];
    let mut table = crate::export::table::new_table_width(&header, width);
    for r in rows {
        let cells = vec![
            r.case.clone(),
            r.talks.to_string(),
            r.rooms.to_string(),
            r.variables.to_string(),
            r.constraints.to_string(),
            fmt_ms(r.build),
            fmt_ms(r.solve_min),
            fmt_ms(r.solve_median),
            fmt_ms(r.solve_max),
            fmt_ms(r.dp),
            if r.same_optimum { "yes" } else { "NO" }.to_string(),
        ];
        table.add_row(cells);
    }
    table
}

/// Where the time of one whole run goes, stage by stage.
fn stage_table(rows: &[Row], width: u16) -> comfy_table::Table {
    let mut stages = crate::export::table::new_table_width(
        &[
            "Case", "Read", "Topics", "Score", "Build", "Solve", "Verify", "Write", "Total",
            "ILP/DP",
        ],
        width,
    );
    for r in rows {
        stages.add_row(vec![
            r.case.clone(),
            fmt_ms(r.read),
            fmt_ms(r.topics),
            fmt_ms(r.score),
            fmt_ms(r.build_stage),
            fmt_ms(r.solve_median),
            fmt_ms(r.verify),
            fmt_ms(r.write),
            fmt_ms(r.total),
            format!("{:.1}", r.ilp_over_dp()),
        ]);
    }
    stages
}

/// The notes under the tables: units, runs, what the columns mean and the settings measured.
fn write_notes(out: &mut dyn std::io::Write, settings: &Notes) -> anyhow::Result<()> {
    writeln!(
        out,
        "times in ms; {} run{} per method (medians); ILP/DP = integer program (build + solve) / DP; the stages' Build includes making the instance; Total = read to write in one run; switch limit {}; likes {}",
        settings.repeat,
        if settings.repeat == 1 { "" } else { "s" },
        settings
            .max_switches
            .map_or("none".to_string(), |k| k.to_string()),
        settings
            .likes
            .iter()
            .map(|w| format!("{}={}", w.term, w.weight))
            .collect::<Vec<_>>()
            .join(",")
    )?;
    if let Some(v) = &settings.walking {
        writeln!(
            out,
            "walking {} min within a building, {} min between buildings",
            v.within, v.between
        )?;
    }
    Ok(())
}

/// `bench --solver`: one row per case and solver, times in milliseconds, then the notes.
pub fn write_solvers(
    out: &mut dyn std::io::Write,
    rows: &[SolverRow],
    repeat: usize,
    width: u16,
) -> anyhow::Result<()> {
    let mut table = crate::export::table::new_table_width(
        &[
            "Case", "Solver", "Build", "Solve", "Nodes", "Iters", "Score", "Switch", "Same",
        ],
        width,
    );
    let count = |n: Option<u64>| n.map_or("-".to_string(), |n| n.to_string());
    for r in rows {
        table.add_row(vec![
            r.case.clone(),
            r.solver.clone(),
            fmt_ms(r.build),
            fmt_ms(r.solve),
            count(r.nodes),
            count(r.iterations),
            format!("{}", r.score),
            r.switches.to_string(),
            if r.solver == "dp" {
                "ref"
            } else if r.agrees {
                "yes"
            } else {
                "NO"
            }
            .to_string(),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "times in ms, median of {repeat} run{}; Same: the score and switches of the DP\n\
         (file): the binary solves the LP files of --write-model, whole process timed",
        if repeat == 1 { "" } else { "s" }
    )?;
    Ok(())
}

/// Writes the rows as a table `width` columns wide.
pub fn write_together(
    out: &mut dyn std::io::Write,
    rows: &[TogetherRow],
    width: u16,
) -> anyhow::Result<()> {
    let mut table = crate::export::table::new_table_width(
        &[
            "Friends",
            "Variables",
            "Constraints",
            "Fastest ms",
            "Median ms",
            "Result",
        ],
        width,
    );
    for r in rows {
        table.add_row(vec![
            r.people.to_string(),
            r.variables.to_string(),
            r.constraints.to_string(),
            format!("{:.0}", r.min.as_secs_f64() * 1000.0),
            format!("{:.0}", r.median.as_secs_f64() * 1000.0),
            if r.optimal {
                "optimal".to_string()
            } else {
                format!("within {:.1} %", r.gap * 100.0)
            },
        ]);
    }
    writeln!(out, "{table}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_keep_about_four_significant_digits() {
        let us = Duration::from_micros;
        assert_eq!(fmt_ms(us(312)), "0.312");
        assert_eq!(fmt_ms(us(44_846)), "44.85");
        assert_eq!(fmt_ms(us(292_884)), "292.9");
        assert_eq!(fmt_ms(us(1_824_882)), "1825");
    }
}
