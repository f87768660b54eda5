//! The crate's layout, as docs/design/architecture.md's "Layout" draws it: the top-level modules
//! form a graph without cycles (each module uses only modules below it), so do the files inside
//! each top-level folder, preferences (`prefs`) never use planning, the saved-plan format
//! (`saved`) never uses `friends`, no module outside the command line (`cli`, `commands`, the
//! binary) sees a clap type, and every writer lives in `src/export/`: nothing outside it lays
//! out a table, JSON, CSV or a plot, and it does not reach back into the command line;
//! `src/output/` (the plumbing under the writers) does not use them; a command gathers what
//! to show and calls a writer, writing no lines itself.
//!
//! The graph is read from the source: every `crate::module` path and every `use crate::{…}`
//! list outside comments and test modules is an edge from the file's top-level module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The top-level module a file under `src/` belongs to (`src/plan/fill.rs` → `plan`).
fn top_module(path: &Path) -> String {
    let rel = path.strip_prefix("src").expect("under src/");
    let first = rel.iter().next().expect("a file name").to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without comment lines and without its `#[cfg(test)]` module.
fn code_of(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or_default();
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names through `crate::`.
fn modules_used(code: &str) -> BTreeSet<String> {
    names_after(code, "crate::")
}

/// The first name of every path a piece of code writes after `prefix` (`crate::`, `super::`,
/// `crate::plan::`), in paths and in `use` lists.
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices(prefix) {
        // `crate::plan::x` is not `plan::x` when looking for `plan::`.
        if code[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[i + prefix.len()..];
        if let Some(list) = rest.strip_prefix('{') {
            // The first word of every item at the list's own depth: `{a::{b, c}, d}` uses a, d.
            let mut depth = 0;
            let mut item_start = true;
            for (j, c) in list.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        let name = word(&list[j..]);
                        if !name.is_empty() {
                            used.insert(name);
                        }
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            used.insert(word(rest));
        }
    }
    used
}

/// The module graph: each top-level module and the other top-level modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(Path::new("src"));
    let modules: BTreeSet<String> = files.iter().map(|f| top_module(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = top_module(file);
        if from == "lib" || from == "main" {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("a readable source file");
        let edges = graph.entry(from.clone()).or_default();
        for to in modules_used(&code_of(&text)) {
            if to != from && modules.contains(&to) {
                edges.insert(to);
            }
        }
    }
    graph
}

/// The graph inside one top-level folder `src/<top>/`: each file directly in it (its
/// `mod.rs` aside: a parent may use its children and they its items) and the sibling files it
/// uses, through `super::` or `crate::<top>::`.
fn graph_inside(top: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new("src").join(top);
    let files: Vec<PathBuf> = rust_files(&dir)
        .into_iter()
        .filter(|f| f.parent() == Some(dir.as_path()) && !f.ends_with("mod.rs"))
        .collect();
    let stem = |f: &Path| {
        f.file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned()
    };
    let siblings: BTreeSet<String> = files.iter().map(|f| stem(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = stem(file);
        let code = code_of(&std::fs::read_to_string(file).expect("a readable source file"));
        let mut used = names_after(&code, "super::");
        used.extend(names_after(&code, &format!("crate::{top}::")));
        let edges = graph.entry(from.clone()).or_default();
        edges.extend(
            used.into_iter()
                .filter(|to| *to != from && siblings.contains(to)),
        );
    }
    graph
}

/// A cycle in `graph`, if there is one, as the modules along it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut marks, &mut Vec::new()))
}

#[test]
fn the_top_level_modules_form_a_graph_without_cycles() {
    let graph = graph();
    assert!(
        graph.len() > 10,
        "the graph should hold every top-level module, found {graph:?}"
    );
    assert_eq!(find_cycle(&graph), None, "the module graph: {graph:#?}");
}

#[test]
fn the_files_of_each_top_level_folder_form_a_graph_without_cycles() {
    let folders: Vec<String> = std::fs::read_dir("src")
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_dir())
        .map(|p| {
            p.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        folders.iter().any(|f| f == "prefs"),
        "the folders: {folders:?}"
    );
    for top in &folders {
        let graph = graph_inside(top);
        assert_eq!(find_cycle(&graph), None, "src/{top}/: {graph:#?}");
    }
}

#[test]
fn the_graph_inside_a_folder_sees_sibling_files() {
    // Text and interests once used each other (over the `Match` enum); the reader must see such
    // edges for the test above to mean anything.
    let graph = graph_inside("prefs");
    assert!(
        graph["interests"].contains("text_match"),
        "prefs: {graph:#?}"
    );
    assert!(graph["settings"].contains("interests"), "prefs: {graph:#?}");
    let code = code_of(
        "use super::{interests::{self, Weighted}, venue};\nfn f() { crate::prefs::tracks::resolve(); crate::plan::fill(); }",
    );
    let mut used = names_after(&code, "super::");
    used.extend(names_after(&code, "crate::prefs::"));
    let used: Vec<String> = used.into_iter().collect();
    assert_eq!(used, ["interests", "tracks", "venue"]);
}

#[test]
fn preferences_do_not_depend_on_planning_nor_saved_plans_on_friends() {
    let graph = graph();
    let uses = |from: &str| graph.get(from).cloned().unwrap_or_default();
    assert!(graph.contains_key("prefs"), "no prefs module: {graph:#?}");
    assert!(graph.contains_key("saved"), "no saved module: {graph:#?}");
    for below in ["plan", "saved", "friends", "commands", "cli"] {
        assert!(
            !uses("prefs").contains(below),
            "prefs uses {below}: {:?}",
            uses("prefs")
        );
    }
    for above in ["friends", "commands", "cli"] {
        assert!(
            !uses("saved").contains(above),
            "saved uses {above}: {:?}",
            uses("saved")
        );
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle_it_is_given() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph
        .entry("plan".into())
        .or_default()
        .insert("output".into());
    graph
        .entry("output".into())
        .or_default()
        .insert("text".into());
    assert_eq!(find_cycle(&graph), None);
    graph
        .entry("text".into())
        .or_default()
        .insert("plan".into());
    assert_eq!(
        find_cycle(&graph),
        Some(vec![
            "output".to_string(),
            "text".to_string(),
            "plan".to_string(),
            "output".to_string()
        ])
    );
}

#[test]
fn the_module_reader_sees_paths_and_use_lists_but_not_comments() {
    let code = code_of(
        "use crate::{error::Error, schedule::{self, Session}};\n// crate::friends in a comment\nfn f() { crate::text::plural(1, \"a\", \"b\"); }\n#[cfg(test)]\nmod tests { use crate::output; }",
    );
    let used: Vec<String> = modules_used(&code).into_iter().collect();
    assert_eq!(used, ["error", "schedule", "text"]);
}

#[test]
fn no_module_below_the_command_line_sees_a_clap_type() {
    let mut offenders = Vec::new();
    for file in rust_files(Path::new("src")) {
        let top = top_module(&file);
        if ["cli", "commands", "main"].contains(&top.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        let code = code_of(&text);
        if code.contains("clap::") || code.contains("use clap") {
            offenders.push(file.display().to_string());
        }
    }
    assert!(offenders.is_empty(), "clap types used in {offenders:?}");
}

/// What lays out a document: a table, JSON, CSV rows or a plot.
const RENDERING: [&str; 5] = [
    "comfy_table::",
    "serde_json::to_writer",
    "csv::Writer",
    "plotters::",
    "new_table_width(",
];

/// Where each [`RENDERING`] word is used outside `src/export/`, as `file: word`. The one
/// exception: `output/width.rs` asks comfy-table for the terminal's width, which lays out
/// nothing.
fn rendering_outside_export(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in files {
        let top = top_module(file);
        if top == "export" || file.ends_with("output/width.rs") {
            continue;
        }
        let code = code_of(text);
        for word in RENDERING {
            if code.contains(word) {
                found.push(format!("{}: {word}", file.display()));
            }
        }
    }
    found
}

#[test]
fn nothing_outside_the_writers_folder_lays_out_a_document() {
    let files: Vec<(PathBuf, String)> = rust_files(Path::new("src"))
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("a readable source file");
            (f, text)
        })
        .collect();
    let mut found = rendering_outside_export(&files);
    found.extend(lines_written_by_commands(&files));
    assert!(
        found.is_empty(),
        "writers outside src/export/ (move them there): {found:#?}"
    );
}

#[test]
fn the_rendering_check_finds_a_table_drawn_outside_the_writers_folder() {
    let files = vec![
        (
            PathBuf::from("src/friends/meet.rs"),
            "fn f() { let t = comfy_table::Table::new(); }".to_string(),
        ),
        (
            PathBuf::from("src/export/table/mod.rs"),
            "fn g() { new_table_width(&[], 80); }".to_string(),
        ),
        (
            PathBuf::from("src/bench/mod.rs"),
            "// csv::Writer in a comment\nfn h() {}".to_string(),
        ),
    ];
    assert_eq!(
        rendering_outside_export(&files),
        ["src/friends/meet.rs: comfy_table::"]
    );
}

/// The places in `src/commands/` that may write lines themselves, as (file, what they write
/// to), each for a reason; anything else a command writes is a document and belongs to a writer
/// in `src/export/`.
const COMMAND_WRITES_ALLOWED: [(&str, &str, &str); 2] = [
    (
        "src/commands/together.rs",
        "err",
        "the progress line on standard error, redrawn in place while the joint model solves",
    ),
    (
        "src/commands/together.rs",
        "std::io::stderr().lock()",
        "clears that progress line when the solve ends",
    ),
];

/// The first argument of a macro call, from just after its `(`: up to the first comma or
/// closing parenthesis outside nested parentheses (`std::io::stderr().lock()` whole).
fn first_argument(rest: &str) -> String {
    let mut depth = 0;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = i;
                break;
            }
            ')' => depth -= 1,
            ',' if depth == 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    rest[..end].trim().to_string()
}

/// Every `write!(DEST, …)` / `writeln!(DEST, …)` in a command file (`src/commands/`) whose
/// file and destination are not in [`COMMAND_WRITES_ALLOWED`], as `file: macro!(DEST`.
fn lines_written_by_commands(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in files {
        if top_module(file) != "commands" {
            continue;
        }
        let code = code_of(text);
        for mac in ["write!(", "writeln!("] {
            for (i, _) in code.match_indices(mac) {
                // `eprintln!(` and `self.write!(` are not this macro.
                if code[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = code[i + mac.len()..].trim_start();
                let dest = first_argument(rest);
                let name = file.display().to_string();
                let allowed = COMMAND_WRITES_ALLOWED
                    .iter()
                    .any(|(f, d, _)| name == *f && dest.as_str() == *d);
                if !allowed {
                    found.push(format!("{name}: {mac}{dest}"));
                }
            }
        }
    }
    found
}

#[test]
fn the_command_check_finds_a_command_writing_its_own_lines() {
    let files = vec![
        (
            PathBuf::from("src/commands/now.rs"),
            "fn f(out: &mut dyn Write) { writeln!(\n        out, \"Now: {}\", t)?; }".to_string(),
        ),
        (
            PathBuf::from("src/commands/check.rs"),
            "fn g(out: &mut dyn Write) { write!(out, \"ok\")?; }\n// writeln!(out, \"in a comment\")".to_string(),
        ),
        (
            PathBuf::from("src/commands/together.rs"),
            "fn h() { let _ = writeln!(err, \"{line}\"); let _ = writeln!(out, \"x\"); }".to_string(),
        ),
        (
            PathBuf::from("src/export/text/now.rs"),
            "fn i(out: &mut dyn Write) { writeln!(out, \"Now:\")?; }".to_string(),
        ),
    ];
    assert_eq!(
        lines_written_by_commands(&files),
        [
            "src/commands/now.rs: writeln!(out",
            "src/commands/check.rs: write!(out",
            "src/commands/together.rs: writeln!(out",
        ]
    );
}

#[test]
fn the_writers_use_neither_the_command_line_nor_are_used_by_their_plumbing() {
    let graph = graph();
    let export = graph.get("export").expect("src/export/ is a module");
    for above in ["cli", "commands"] {
        assert!(
            !export.contains(above),
            "src/export/ uses `{above}`: writers take documents and options, never flags"
        );
    }
    let output = graph.get("output").expect("src/output/ is a module");
    assert!(
        !output.contains("export"),
        "src/output/ (plumbing) uses the writers: {output:?}"
    );
}
