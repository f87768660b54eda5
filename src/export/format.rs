//! The one list of output formats, the formats each command writes, and how `--format` and
//! `-o FILE` decide which one a run writes.
//!
//! Every command that writes a document takes `--format` and `-o FILE` (declared once, in
//! `cli::OutputArgs`), and writes the formats of its list here: [`PLAN`] (`plan`, `replan`),
//! [`FRIENDS`] (`compare`, `together`), [`LISTING`] (`talks`, `topics`, `diff`), [`ON`] and
//! [`BENCH`].
//! `-o NAME.txt` writes what `--format text` prints where the command has a text format. Without `--format` the
//! file's extension decides (`-o plan.ics` writes iCalendar); with both, they must agree
//! (`--format csv -o plan.ics` is refused before any work, exit code 2, nothing written). A
//! name with no extension or one agenda does not know (`/dev/null`, `agenda.out`) gets the
//! command's default format, with a note for an unknown extension.

use crate::error::bad_input;
use crate::output::Target;

/// Every format `agenda` writes. Each command writes some of them (see [`PLAN`], [`FRIENDS`],
/// [`LISTING`], [`ON`] and [`BENCH`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Tables, one per day (the default).
    #[default]
    Table,
    /// Plain text, one line per talk, to paste into a chat.
    Text,
    /// JSON, for scripts.
    Json,
    /// RFC 5545 iCalendar, for calendar apps.
    Ics,
    /// A Markdown document.
    Markdown,
    /// CSV with a header row.
    Csv,
    /// One self-contained HTML page.
    Html,
}

/// The formats of `plan` and `replan`, the default first.
pub const PLAN: &[Format] = &[
    Format::Table,
    Format::Text,
    Format::Json,
    Format::Ics,
    Format::Markdown,
    Format::Csv,
    Format::Html,
];

/// The formats of `compare` and `together`, the default first.
pub const FRIENDS: &[Format] = &[Format::Table, Format::Json, Format::Html, Format::Text];

/// The formats of `talks`, `topics` and `diff`, the default first.
pub const LISTING: &[Format] = &[Format::Table, Format::Json];

/// The formats of `on`, the default first.
pub const ON: &[Format] = &[Format::Table, Format::Text, Format::Json];

/// The formats of `bench`, the default first.
pub const BENCH: &[Format] = &[Format::Table, Format::Json, Format::Csv];

/// Every format, in the order `--format`'s help lists them.
pub const ALL: &[Format] = &[
    Format::Table,
    Format::Text,
    Format::Json,
    Format::Ics,
    Format::Markdown,
    Format::Csv,
    Format::Html,
];

impl Format {
    /// The name `--format` takes: `table`, `ics`, ….
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Text => "text",
            Format::Json => "json",
            Format::Ics => "ics",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }

    /// The format `--format NAME` names.
    pub fn from_name(name: &str) -> Option<Format> {
        ALL.iter().copied().find(|f| f.name() == name)
    }

    /// One line of `--help` about the format.
    pub fn help(self) -> &'static str {
        match self {
            Format::Table => "A table, one per conference day where it has days (the default)",
            Format::Text => "Plain text, one line per talk, to paste into a chat",
            Format::Json => "JSON, for scripts",
            Format::Ics => "RFC 5545 iCalendar, for calendar apps (use with -o FILE.ics)",
            Format::Markdown => "A Markdown agenda, to paste or share",
            Format::Csv => "CSV with a header row",
            Format::Html => "One self-contained HTML page",
        }
    }

    /// What the format is called in messages: `iCalendar`, `a table`, ….
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Format::Table => "a table",
            Format::Text => "plain text",
            Format::Json => "JSON",
            Format::Ics => "iCalendar",
            Format::Markdown => "Markdown",
            Format::Csv => "CSV",
            Format::Html => "HTML",
        }
    }

    /// The file extensions that name this format, lower case, the usual one first. The table
    /// and plain text are both text files (`.txt`).
    pub(crate) fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Table | Format::Text => &["txt", "text"],
            Format::Json => &["json"],
            Format::Ics => &["ics", "ical", "icalendar"],
            Format::Markdown => &["md", "markdown"],
            Format::Csv => &["csv"],
            Format::Html => &["html", "htm"],
        }
    }

    /// Whether untrusted text (titles, names) is cleaned of control and direction characters
    /// before it is written (see [`crate::output::sanitize`]); iCalendar, JSON and HTML escape
    /// by their own rules.
    pub(crate) fn is_cleaned(self) -> bool {
        matches!(
            self,
            Format::Table | Format::Text | Format::Markdown | Format::Csv
        )
    }

    /// Whether the format shows a table's layout (`--width`, `--compact`, `--no-missed`).
    pub(crate) fn is_table(self) -> bool {
        matches!(self, Format::Table | Format::Text)
    }
}

/// The extension of a path, lower case, if it has one.
fn extension(path: &std::path::Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .filter(|e| !e.is_empty())
}

/// The format a run writes, and a note to show when the file's extension was not understood.
///
/// `flag` is `--format` if given; `supported` the command's formats, its default first;
/// `command` its name for messages. Refused (exit code 2): a known extension that `--format`
/// contradicts, or one of a format the command does not write.
pub fn choose(
    flag: Option<Format>,
    target: &Target,
    supported: &[Format],
    command: &str,
) -> anyhow::Result<(Format, Option<String>)> {
    let default = supported.first().copied().unwrap_or_default();
    let Some(path) = target.file_name() else {
        return Ok((flag.unwrap_or(default), None));
    };
    let known = |ext: &str| -> Vec<Format> {
        supported
            .iter()
            .copied()
            .filter(|f| f.extensions().contains(&ext))
            .collect()
    };
    // `text (.txt), JSON (.json), iCalendar (.ics), …`: the table and plain text share `.txt`.
    let listing = || {
        let mut all: Vec<String> = Vec::new();
        for f in supported {
            let what = if f.is_table() { "text" } else { f.describe() };
            let item = format!("{what} (.{})", f.extensions()[0]);
            if !all.contains(&item) {
                all.push(item);
            }
        }
        all.join(", ")
    };
    let shown = path.display();
    let Some(ext) = extension(path) else {
        return Ok((flag.unwrap_or(default), None));
    };
    let named = [
        Format::Table,
        Format::Json,
        Format::Ics,
        Format::Markdown,
        Format::Csv,
        Format::Html,
    ]
    .into_iter()
    .find(|f| f.extensions().contains(&ext.as_str()));
    match (flag, named) {
        (Some(f), Some(n)) if !f.extensions().contains(&ext.as_str()) => {
            let instead = if known(&ext).is_empty() {
                String::new()
            } else {
                format!(", or drop --format to write {}", n.describe())
            };
            Err(bad_input(format!(
                "-o {shown} names {} file, but --format {} writes {}; name the file .{}{instead}",
                article(n),
                f.name(),
                f.describe(),
                f.extensions()[0],
            )))
        }
        (Some(f), _) => Ok((f, None)),
        // `.txt` is plain text where the command writes it, else the table.
        (None, Some(n)) => {
            let fits = known(&ext);
            match fits.iter().find(|f| **f == Format::Text).or(fits.first()) {
                Some(f) => Ok((*f, None)),
                None => Err(bad_input(format!(
                    "-o {shown} names {} file, which `agenda {command}` does not write; it writes {}: name the file for one of them",
                    article(n),
                    listing()
                ))),
            }
        }
        (None, None) => Ok((
            default,
            Some(format!(
                "note: agenda does not know the extension .{ext} of {shown}, so it writes {} there; for another format give --format or one of the names it knows: {}",
                default.describe(),
                listing()
            )),
        )),
    }
}

/// `an iCalendar`, `a CSV`, `a text`: the format named by an extension, with its article.
fn article(f: Format) -> String {
    let what = match f {
        Format::Table | Format::Text => "text",
        other => other.describe(),
    };
    // "an HTML", "an iCalendar", but "a JSON", "a Markdown", "a CSV", "a text".
    let an = matches!(f, Format::Html | Format::Ics);
    format!("{} {what}", if an { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(name: &str) -> Target {
        Target::File(PathBuf::from(name))
    }

    #[test]
    fn the_extension_picks_the_format_when_format_is_not_given() {
        for (name, want) in [
            ("a.ics", Format::Ics),
            ("a.ICS", Format::Ics),
            ("a.md", Format::Markdown),
            ("a.csv", Format::Csv),
            ("a.json", Format::Json),
            ("a.txt", Format::Text),
            ("dir.d/agenda", Format::Table),
        ] {
            assert_eq!(
                choose(None, &file(name), PLAN, "plan").unwrap().0,
                want,
                "{name}"
            );
        }
        assert_eq!(
            choose(None, &file("us.html"), FRIENDS, "compare")
                .unwrap()
                .0,
            Format::Html
        );
        assert_eq!(
            choose(None, &Target::Stdout, FRIENDS, "compare").unwrap(),
            (Format::Table, None)
        );
    }

    #[test]
    fn a_contradicting_extension_is_refused_with_exit_code_2() {
        let err = choose(Some(Format::Csv), &file("x.ics"), PLAN, "plan").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("an iCalendar file") && text.contains("--format csv writes CSV"),
            "{text}"
        );
        assert!(text.contains("name the file .csv"), "{text}");
        assert_eq!(crate::error::exit_code(&err), crate::error::EXIT_BAD_INPUT);
        let err = choose(None, &file("x.ics"), FRIENDS, "compare").unwrap_err();
        assert!(err.to_string().contains("does not write"), "{err}");
        // Both text formats go in a .txt file.
        assert!(choose(Some(Format::Text), &file("x.txt"), PLAN, "plan").is_ok());
        // An extension agenda does not know is the user's business when --format says.
        assert!(choose(Some(Format::Csv), &file("x.out"), PLAN, "plan").is_ok());
    }

    #[test]
    fn every_format_a_command_writes_has_a_writer_and_a_file_name_that_picks_it() {
        for (formats, command) in [(PLAN, "plan"), (FRIENDS, "compare")] {
            for &f in formats {
                let has_writer = if formats == PLAN {
                    f.agenda_exporter().is_ok()
                } else {
                    crate::export::comparison::exporter(f).is_ok()
                };
                assert!(has_writer, "{command} has no writer for {f:?}");
                let name = format!("out.{}", f.extensions()[0]);
                let (picked, note) = choose(None, &file(&name), formats, command).unwrap();
                assert!(note.is_none(), "{name}");
                // The table and plain text share `.txt`, which picks plain text.
                assert_eq!(
                    picked,
                    if f == Format::Table { Format::Text } else { f },
                    "{name}"
                );
            }
        }
        assert!(crate::export::comparison::exporter(Format::Ics).is_err());
    }

    #[test]
    fn an_unknown_extension_gets_the_default_and_a_note() {
        let (f, note) = choose(None, &file("plan.icss"), PLAN, "plan").unwrap();
        assert_eq!(f, Format::Table);
        let note = note.unwrap();
        assert!(
            note.contains(".icss") && note.contains("iCalendar (.ics), Markdown (.md)"),
            "{note}"
        );
    }
}
