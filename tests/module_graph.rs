//! The module graph: no top-level module of `src/` depends on itself through others, and no
//! module below `commands/` and `cli` sees a clap type (issue 13). Read from the source: every
//! `crate::NAME` path outside comments is an edge from the file's top-level module to NAME.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (line comments, and so doc comments).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every file under `src/` with its top-level module (`plan` for `src/plan/fill.rs`).
fn files() -> Vec<(String, PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    rust_files(&src, &mut all);
    all.sort();
    all.into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap();
            let first = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            (first.trim_end_matches(".rs").to_string(), p)
        })
        .collect()
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, path) in files() {
        if module == "main" || module == "lib" {
            continue;
        }
        let text = code(&std::fs::read_to_string(&path).unwrap());
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                edges.entry(module.clone()).or_default().insert(name);
            }
        }
    }
    edges
}

/// A path of modules from `from` back to itself, if there is one.
fn cycle_through(edges: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![from.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().unwrap().clone();
        for next in edges.get(&last).into_iter().flatten() {
            if next == from {
                let mut cycle = path.clone();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn no_top_level_module_depends_on_itself() {
    let edges = graph();
    assert!(edges.contains_key("commands") && edges["commands"].contains("plan"));
    for module in edges.keys() {
        if let Some(cycle) = cycle_through(&edges, module) {
            panic!("module cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn no_clap_type_below_the_commands() {
    for (module, path) in files() {
        if matches!(module.as_str(), "commands" | "cli" | "main") {
            continue;
        }
        let text = code(&std::fs::read_to_string(&path).unwrap());
        assert!(
            !text.contains("crate::cli") && !text.contains("clap::"),
            "{} sees a clap type",
            path.display()
        );
    }
}

#[test]
fn the_check_finds_a_cycle_when_there_is_one() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle_through(&edges, "a"), None);
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        cycle_through(&edges, "a"),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
