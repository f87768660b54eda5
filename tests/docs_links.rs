//! The documentation's links resolve: every relative link in README.md, CHANGELOG.md,
//! CONTRIBUTING.md and the Markdown pages under docs/ names a file or folder that exists, and a
//! `#anchor` into a Markdown page names one of its headings (slugged as GitHub and mdBook slug
//! them). And docs/SUMMARY.md, the book's table of contents, lists every page under docs/.
//!
//! Links are Markdown's inline links and images (`[text](target)`, `![alt](target)`) and
//! reference definitions (`[name]: target`), outside fenced code blocks and inline code.
//! Links with a scheme (`https:`, `mailto:`) are not followed: tests use no network.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// The crate's root, where README.md is.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every Markdown file under `dir`, sorted.
fn markdown_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("docs/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The documentation files whose links are checked.
fn documents() -> Vec<PathBuf> {
    let root = root();
    let mut docs: Vec<PathBuf> = ["README.md", "CHANGELOG.md", "CONTRIBUTING.md"]
        .iter()
        .map(|f| root.join(f))
        .collect();
    docs.extend(markdown_under(&root.join("docs")));
    docs
}

/// The lines of a Markdown text outside fenced code blocks (``` or ~~~), with their numbers.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut fence: Option<&str> = None;
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match fence {
            Some(f) if trimmed.starts_with(f) => fence = None,
            Some(_) => {}
            None if trimmed.starts_with("```") => fence = Some("```"),
            None if trimmed.starts_with("~~~") => fence = Some("~~~"),
            None => lines.push((i + 1, line)),
        }
    }
    lines
}

/// A line with its inline code spans blanked out, so that `[a](b)` inside backticks is no link.
fn without_code_spans(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        let ticks = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        let opener = &rest[start..start + ticks];
        out.push_str(&rest[..start]);
        match rest[start + ticks..].find(opener) {
            Some(end) => rest = &rest[start + ticks + end + ticks..],
            None => {
                // An unclosed backtick is literal text.
                out.push_str(opener);
                rest = &rest[start + ticks..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The link targets of one line of prose: inline links and images, and a reference definition.
fn targets_of(line: &str) -> Vec<String> {
    let line = without_code_spans(line);
    let mut targets = Vec::new();
    let trimmed = line.trim_start();
    if trimmed.starts_with('[')
        && let Some(close) = trimmed.find("]:")
    {
        let target = trimmed[close + 2..].split_whitespace().next();
        targets.extend(target.map(str::to_string));
        return targets;
    }
    let mut rest = line.as_str();
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let target = if let Some(angled) = after.strip_prefix('<') {
            angled.split('>').next().unwrap_or_default()
        } else {
            // Up to the closing parenthesis (balanced) or a title after a space.
            let mut depth = 0;
            let mut end = after.len();
            for (j, c) in after.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' if depth == 0 => {
                        end = j;
                        break;
                    }
                    ')' => depth -= 1,
                    c if c.is_whitespace() => {
                        end = j;
                        break;
                    }
                    _ => {}
                }
            }
            &after[..end]
        };
        targets.push(target.to_string());
        rest = after;
    }
    targets
}

/// A heading's anchor as GitHub and mdBook make it: lower case, letters, digits, `-` and `_`
/// kept, spaces to `-`, everything else dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown file's headings (a repeated heading gets `-1`, `-2`, …).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut anchors = BTreeSet::new();
    for (_, line) in prose_lines(text) {
        let hashes = line.len() - line.trim_start_matches('#').len();
        if !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        let text = line[hashes..].trim().trim_end_matches('#').trim();
        // Inline code and emphasis markers are not part of the anchor; the text inside is.
        let base = slug(&text.replace(['`', '*'], ""));
        let n = seen.entry(base.clone()).or_insert(0);
        anchors.insert(if *n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        });
        *n += 1;
    }
    anchors
}

/// A path with `.` and `..` resolved without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Why a link from `file` to `target` does not resolve, if it does not.
fn broken(file: &Path, target: &str) -> Option<String> {
    let has_scheme = target
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '#', '.']));
    if target.is_empty() || has_scheme {
        return None;
    }
    let (path, anchor) = match target.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (target, None),
    };
    let dest = if path.is_empty() {
        file.to_path_buf()
    } else {
        normalise(&file.parent().expect("a file has a folder").join(path))
    };
    if !dest.exists() {
        return Some(format!("{} does not exist", dest.display()));
    }
    let anchor = anchor.filter(|a| !a.is_empty())?;
    if dest.extension().is_none_or(|e| e != "md") {
        return None;
    }
    let text = std::fs::read_to_string(&dest).expect("a Markdown file is UTF-8");
    let known = anchors(&text);
    (!known.contains(anchor)).then(|| {
        format!(
            "{} has no heading with the anchor #{anchor} (its anchors: {})",
            dest.display(),
            known.into_iter().collect::<Vec<_>>().join(", ")
        )
    })
}

#[test]
fn every_relative_link_in_the_documentation_resolves() {
    let root = root();
    let mut problems = Vec::new();
    let mut links = 0;
    for file in documents() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            problems.push(format!("{} cannot be read", file.display()));
            continue;
        };
        for (number, line) in prose_lines(&text) {
            for target in targets_of(line) {
                links += 1;
                if let Some(why) = broken(&file, &target) {
                    let shown = file.strip_prefix(&root).unwrap_or(&file).display();
                    problems.push(format!("{shown}:{number}: ({target}): {why}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {links} links do not resolve:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The documentation links to itself a great deal; finding none would mean the parser broke.
    assert!(links > 100, "only {links} links found");
}

#[test]
fn the_book_lists_every_page_under_docs() {
    let docs = root().join("docs");
    let summary = std::fs::read_to_string(docs.join("SUMMARY.md")).expect("docs/SUMMARY.md");
    let listed: BTreeSet<PathBuf> = prose_lines(&summary)
        .into_iter()
        .flat_map(|(_, line)| targets_of(line))
        .map(|t| normalise(&docs.join(t)))
        .collect();
    let missing: Vec<String> = markdown_under(&docs)
        .into_iter()
        .filter(|page| !page.ends_with("SUMMARY.md") && !listed.contains(page))
        .map(|page| {
            page.strip_prefix(&docs)
                .unwrap_or(&page)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/SUMMARY.md does not list these pages; add a line `- [Title](path)` for each \
         under its part (Guide, Reference, Design, Benchmarks):\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_link_reader_finds_links_and_headings_as_markdown_means_them() {
    // Inline links, images, titles and balanced parentheses; none inside inline code.
    assert_eq!(
        targets_of("See [a](a.md#x), ![b](img.png \"t\") and `[c](c.md)` or [d](f(1).md)."),
        vec!["a.md#x", "img.png", "f(1).md"]
    );
    assert_eq!(targets_of("[ref]: ../x.md#y"), vec!["../x.md#y"]);
    assert_eq!(targets_of("``a `[x](y)` b`` [z](w)"), vec!["w"]);
    // Headings slug as GitHub does; repeats are numbered; headings in code blocks are none.
    let text = "# `agenda plan`\n## Files: what agenda reads & writes\n## Ties\n## Ties\n\
                ```\n# not a heading\n```\n";
    let found = anchors(text);
    let expected: BTreeSet<String> = [
        "agenda-plan",
        "files-what-agenda-reads--writes",
        "ties",
        "ties-1",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(found, expected);
    // A link with a scheme is not followed; a missing file and a missing anchor are reported.
    let readme = root().join("README.md");
    assert_eq!(broken(&readme, "https://example.org/x"), None);
    assert_eq!(broken(&readme, "mailto:a@b"), None);
    assert!(broken(&readme, "no-such-file.md").is_some());
    assert!(broken(&readme, "#no-such-heading").is_some());
    assert_eq!(broken(&readme, "#install"), None);
}

/// The top-level modules of `src/`: every `.rs` file and folder but the binary and the crate root.
fn top_level_modules() -> BTreeSet<String> {
    std::fs::read_dir(root().join("src"))
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            if p.is_dir() {
                Some(name)
            } else {
                name.strip_suffix(".rs").map(str::to_string)
            }
        })
        .filter(|m| m != "main" && m != "lib")
        .collect()
}

#[test]
fn the_architecture_page_names_every_top_level_module() {
    let page = root().join("docs/design/architecture.md");
    let text = std::fs::read_to_string(&page).expect("docs/design/architecture.md");
    // The first cell of each row of its module table: `cli`, `commands/`, …
    let named: BTreeSet<String> = prose_lines(&text)
        .into_iter()
        .filter_map(|(_, line)| line.strip_prefix('|')?.split('|').next())
        .flat_map(|cell| {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(|m| m.trim_end_matches('/').to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let modules = top_level_modules();
    let missing: Vec<&String> = modules.difference(&named).collect();
    let stale: Vec<&String> = named
        .difference(&modules)
        .filter(|m| *m != "module")
        .collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/design/architecture.md's module table must name every top-level module of src/ \
         (a row `| \\`name\\` | what it holds |`): missing {missing:?}; named but not in src/ \
         {stale:?}"
    );
}

/// A merge that was committed half-resolved leaves its markers in a page, which then shows both
/// versions to the reader; no documentation line starts with one.
#[test]
fn no_page_holds_a_merge_conflict_marker() {
    let mut found = Vec::new();
    for file in documents() {
        let text = std::fs::read_to_string(&file).expect("a documentation page is readable");
        for (n, line) in text.lines().enumerate() {
            if ["<<<<<<< ", ">>>>>>> "].iter().any(|m| line.starts_with(m)) || line == "=======" {
                found.push(format!("{}:{}: {line}", file.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "merge conflict markers:\n{}",
        found.join("\n")
    );
}
