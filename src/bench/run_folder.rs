//! A dated benchmark run of `bench --suite real`: a folder `<date>-<time>-<label>` in the runs
//! folder (`docs/benchmarks/runs/`), holding the raw CSV as `bench --format csv` prints it and
//! a README with the machine, the command, the settings and the table.

use super::Settings;
use crate::export::bench::SolverRow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What one suite run measured, and under what.
pub struct Run<'a> {
    /// When it started (UTC): the folder's date and time.
    pub started: chrono::DateTime<chrono::Utc>,
    /// The end of the folder's name.
    pub label: &'a str,
    /// One row per case and solver.
    pub rows: &'a [SolverRow],
    /// Exports that could not be read, with the reason.
    pub skipped: &'a [(String, String)],
    /// The settings measured under.
    pub settings: &'a Settings,
    /// The 1-minute load average before and after, where the system says it.
    pub load: (Option<String>, Option<String>),
}

impl Run<'_> {
    /// The folder's name: `2026-12-06-1830-real`.
    pub fn folder_name(&self) -> String {
        format!(
            "{}-{}",
            self.started.format("%Y-%m-%d-%H%M"),
            crate::solve::model_file::clean(self.label).replace('_', "-")
        )
    }

    /// Writes the folder into `runs` (refusing one that exists: a run is never overwritten);
    /// returns its path.
    pub fn write(&self, runs: &Path) -> anyhow::Result<PathBuf> {
        let folder = runs.join(self.folder_name());
        if folder.exists() {
            return Err(crate::error::bad_input(format!(
                "{} exists already: a run is never overwritten; wait a minute or give another --label",
                folder.display()
            )));
        }
        let mut csv = Vec::new();
        crate::export::csv::write_rows(&mut csv, self.rows)?;
        std::fs::create_dir(&folder)?;
        crate::output::atomic::write_atomic(&folder.join("solvers.csv"), &csv)?;
        crate::output::atomic::write_atomic(&folder.join("README.md"), self.readme().as_bytes())?;
        Ok(folder)
    }

    /// The README: machine, command, settings, the table, what was skipped.
    pub fn readme(&self) -> String {
        let mut r = format!(
            "# {} UTC — every solver on the shared real exports\n\n",
            self.started.format("%Y-%m-%d %H:%M")
        );
        let _ = writeln!(
            r,
            "**Machine:** {}. Load average {} before, {} after: a shared machine's wall-clock \
             times; compare the solvers within a case rather than with other runs.\n",
            machine(),
            self.load.0.as_deref().unwrap_or("unknown"),
            self.load.1.as_deref().unwrap_or("unknown")
        );
        let args: Vec<String> = std::env::args().skip(1).collect();
        let _ = writeln!(
            r,
            "Command, from the repository root (`../shared/data` holds the exports):\n\n```sh\nagenda {}\n```\n",
            args.join(" ")
        );
        let _ = writeln!(
            r,
            "Every export in `../shared/data` that `agenda` reads, each with no switch limit and \
             with K = 2, for the fixed interests `{}`; nothing is random, so no seed is needed. \
             {} timed runs per solver (medians). `solvers.csv` is the raw output of \
             `--format csv`, times in milliseconds. Build: making the model (for a binary, also \
             writing its LP files); solve: the solver (for a binary, its whole processes, one per \
             day). Nodes and iterations are what a binary prints (good_lp does not pass them on \
             for the built-in backends). Agrees: the same score and room switches as the \
             reference dynamic program.\n",
            self.settings
                .likes
                .iter()
                .map(|w| format!("{}={}", w.term, w.weight))
                .collect::<Vec<_>>()
                .join(","),
            self.settings.repeat
        );
        r.push_str(
            "| case | candidates | solver | build ms | solve ms | nodes | iterations | score | switches | agrees |\n\
             |---|---|---|---|---|---|---|---|---|---|\n",
        );
        let count = |n: Option<u64>| n.map_or("–".to_string(), |n| n.to_string());
        for row in self.rows {
            let _ = writeln!(
                r,
                "| {} | {} | {} | {:.3} | {:.3} | {} | {} | {} | {} | {} |",
                row.case,
                row.candidates,
                row.solver,
                crate::export::bench::ms(row.build),
                crate::export::bench::ms(row.solve),
                count(row.nodes),
                count(row.iterations),
                row.score,
                row.switches,
                if row.agrees { "yes" } else { "**NO**" }
            );
        }
        let all = self.rows.iter().all(|row| row.agrees);
        let _ = writeln!(
            r,
            "\n{}",
            if all {
                "Every solver found the dynamic program's optimum on every case."
            } else {
                "Some solver's optimum differs from the dynamic program's (marked NO)."
            }
        );
        for (name, why) in self.skipped {
            let _ = writeln!(r, "\nSkipped `{name}`: {why}");
        }
        r
    }
}

/// The processor, cores and kernel, as far as Linux says.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown processor".to_string());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map_or_else(|_| "unknown".to_string(), |k| k.trim().to_string());
    format!("{cores} × {cpu}, Linux {kernel}")
}
