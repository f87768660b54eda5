//! Reading schedules: the format is chosen by content, not by extension.
//!
//! RON is the native, hand-kept format (see `crate::schedule::ron_format`), where every problem
//! is an error. Organisers' exports are read by one reader per format in this module:
//! [`pretalx_json`] (pretalx/frab `schedule.json`), [`frab_xml`] (frab/Pentabarf/pretalx
//! `schedule.xml`), [`schedule2`] (the c3voc schedule2 JSON of the CCC hub) and [`ical`] (a
//! schedule published as iCalendar). All go through [`build`],
//! which applies the same rules to each: the
//! file's own time zone, events past midnight on the right date, speakers, HTML stripped from
//! abstracts ([`html`]), tracks and [`vocabulary`] words as topics, unique ids. Real exports
//! contain doubtful data (overlaps in a room, duplicate ids, zero lengths): for imports these
//! are warnings, and what could not be used is counted in one `skipped` warning.

pub mod build;
pub mod frab_xml;
pub mod html;
pub mod ical;
pub mod links;
pub mod pretalx_json;
pub mod schedule2;
pub mod vocabulary;

use crate::schedule::{self, Problem, Schedule, validate};
use crate::timing::{Stage, Stages};
use std::path::Path;
use std::time::Instant;

/// A schedule file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The native RON format.
    Ron,
    /// pretalx/frab `schedule.json`.
    Json,
    /// frab/Pentabarf/pretalx `schedule.xml`.
    Xml,
    /// iCalendar (`BEGIN:VCALENDAR`).
    Calendar,
}

/// Guesses the format from the first non-blank, non-comment character.
pub fn sniff(text: &str) -> Format {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    if crate::input::is_calendar(rest.as_bytes()) {
        return Format::Calendar;
    }
    match rest.chars().next() {
        Some('{') | Some('[') => Format::Json,
        Some('<') => Format::Xml,
        _ => Format::Ron,
    }
}

/// `Some(title)` when `text` is an HTML page (a saved error page such as `404 Not Found`, or
/// a conference's web page instead of its export): it opens with `<!DOCTYPE html` or `<html`
/// (any case, after blanks and an XML declaration); the title is its `<title>`, cleaned of
/// controls (dropped), blanks collapsed, at most 80 characters (empty when it has none).
fn web_page_title(text: &str) -> Option<String> {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    if rest.starts_with("<?xml")
        && let Some((_, after)) = rest.split_once("?>")
    {
        rest = after.trim_start();
    }
    let head: String = rest
        .chars()
        .take(14)
        .collect::<String>()
        .to_ascii_lowercase();
    if !(head.starts_with("<!doctype html") || head.starts_with("<html")) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let title = lower
        .find("<title")
        .and_then(|at| Some(at + lower[at..].find('>')? + 1))
        .and_then(|from| Some(&text[from..from + lower[from..].find("</title")?]))
        .unwrap_or("");
    let safe: String = title
        .chars()
        .filter(|&c| !crate::output::sanitize::is_unsafe(c) || c.is_whitespace())
        .collect();
    let words: Vec<&str> = safe.split_whitespace().collect();
    Some(words.join(" ").chars().take(80).collect())
}

/// Reads a schedule file (`-` for standard input) as text, within the input size limit (see
/// [`crate::input`]).
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    read_text_within(path, crate::input::ReadLimit::default())
}

/// [`read_text`] within `limit`.
pub fn read_text_within(path: &Path, limit: crate::input::ReadLimit) -> anyhow::Result<String> {
    crate::input::read_text_within(path, "schedule", limit)
}

/// Parses schedule text of any supported format, returning every problem found.
///
/// For RON every problem is an error; for imported exports, doubtful data is a warning.
pub fn read(text: &str, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    read_timed(text, source).map(|(schedule, problems, _)| (schedule, problems))
}

/// [`read`], with the time it took: stage `read` for parsing, `topics` for deriving imported
/// talks' topics.
pub fn read_timed(text: &str, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>, Stages)> {
    read_versioned(text, source).map(|(schedule, problems, stages, _)| (schedule, problems, stages))
}

/// [`read_timed`], with the version the export publishes ([`Versioned`]), read in the same
/// pass: the file is parsed once.
pub fn read_versioned(text: &str, source: &str) -> anyhow::Result<Versioned> {
    read_versioned_for(text, source, Need::Schedule)
}

/// What a command needs of the schedule it reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Need {
    /// The schedule: its abstracts are tokenised on first use, if ever (`check` never).
    #[default]
    Schedule,
    /// Its texts too ([`Schedule::texts`], to match interests): an export's abstracts are
    /// tokenised on the second core while topics are derived on this one (a large frab XML
    /// export's from when its schedule is built: [`frab_xml::read_tokenising`]).
    Texts,
    /// Its problems and summary only (`check`): the same schedule and problems, except that
    /// imported talks' topics are not derived and a frab XML export's abstracts are not turned
    /// into text (both left empty).
    Problems,
}

/// [`read_versioned`] for a command that needs `need`.
pub fn read_versioned_for(text: &str, source: &str, need: Need) -> anyhow::Result<Versioned> {
    let started = Instant::now();
    let format = format_of(text);
    let mut version = None;
    let mut tokenising = None;
    let read = match format {
        Format::Ron => schedule::ron_format::read(text, source),
        Format::Json => pretalx_json::read_versioned(text, source).map(|(s, p, v)| {
            version = v;
            (s, p)
        }),
        Format::Xml => match web_page_title(text) {
            Some(title) => Err(crate::error::bad_input(format!(
                "{source}: this is a web page{}, not a schedule; download the conference's \
                 export itself (its address usually ends in schedule.xml, schedule.json or .ics)",
                if title.is_empty() {
                    String::new()
                } else {
                    format!(" (`{title}`)")
                }
            ))),
            None => {
                version = xml_version(text);
                match need {
                    Need::Problems => frab_xml::read_problems(text, source),
                    Need::Schedule => frab_xml::read(text, source),
                    Need::Texts => frab_xml::read_tokenising(text, source).map(|(s, p, t)| {
                        tokenising = t;
                        (s, p)
                    }),
                }
            }
        },
        Format::Calendar => ical::read(text, source),
    };
    with_topics(read, tokenising, format, started, need)
        .map(|(schedule, problems, stages)| (schedule, problems, stages, version))
}

/// A schedule as read, with its warnings, the time it took and the version its export
/// publishes: `<version>` right inside `<schedule>` in frab XML, `schedule.version` in
/// pretalx/frab JSON; `None` for RON and iCalendar, for an empty string, or when absent.
pub type Versioned = (Schedule, Vec<Problem>, Stages, Option<String>);

/// The version a frab XML export publishes: the first `<version>` before `<conference>` (the
/// schedule's own, not an event's). Only the head of the file is looked at.
fn xml_version(text: &str) -> Option<String> {
    let head = &text[..text.find("<conference").unwrap_or(text.len())];
    let start = head.find("<version>")? + "<version>".len();
    let end = head[start..].find("</version>")? + start;
    let version = head[start..end].trim();
    (!version.is_empty()).then(|| version.to_string())
}

/// [`read`] of text the caller has no more use for: a RON schedule's text is let go of as
/// soon as it is parsed, so the file is not held in memory beside the schedule made from it.
pub fn read_owned(text: String, source: &str) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    read_owned_versioned(text, source).map(|(schedule, problems, _, _)| (schedule, problems))
}

/// [`read_owned`], with the time it took and the published version, as in [`read_versioned`].
pub fn read_owned_versioned(text: String, source: &str) -> anyhow::Result<Versioned> {
    read_owned_versioned_for(text, source, Need::Schedule)
}

/// [`read_owned_versioned`] for a command that needs `need`.
pub fn read_owned_versioned_for(
    text: String,
    source: &str,
    need: Need,
) -> anyhow::Result<Versioned> {
    let started = Instant::now();
    match format_of(&text) {
        Format::Ron => with_topics(
            schedule::ron_format::read_owned(text, source),
            None,
            Format::Ron,
            started,
            need,
        )
        .map(|(schedule, problems, stages)| (schedule, problems, stages, None)),
        Format::Json => {
            let mut version = None;
            let read = pretalx_json::read_versioned_owned(text, source).map(|(s, p, v)| {
                version = v;
                (s, p)
            });
            with_topics(read, None, Format::Json, started, need)
                .map(|(schedule, problems, stages)| (schedule, problems, stages, version))
        }
        _ => read_versioned_for(&text, source, need),
    }
}

/// An imported schedule with its talks' topics derived (a RON schedule keeps its own), and the
/// time since `started` split into reading, topic derivation and (for [`Need::Texts`]) what
/// tokenising the abstracts took beyond it (stage `score`).
fn with_topics(
    read: anyhow::Result<(Schedule, Vec<Problem>)>,
    tokenising: Option<frab_xml::Tokenising>,
    format: Format,
    started: Instant,
    need: Need,
) -> anyhow::Result<(Schedule, Vec<Problem>, Stages)> {
    let (mut schedule, problems) = read?;
    let mut stages = Stages::default();
    match (format, need) {
        (Format::Ron, _) => {}
        // Nothing `check` says reads a topic.
        (_, Need::Problems) => {}
        (_, Need::Schedule) => {
            stages.time(Stage::Topics, || build::derive_topics(&mut schedule));
        }
        (_, Need::Texts) => match tokenising {
            // Tokenised while the schedule was built: the topics meanwhile, then the tokens.
            Some(tokenising) => {
                stages.time(Stage::Topics, || build::derive_topics(&mut schedule));
                stages.time(Stage::Score, || {
                    if let Some(tokenised) = tokenising.finish(&mut schedule) {
                        schedule.keep_tokenised(tokenised);
                    }
                });
            }
            None => topics_beside_texts(&mut schedule, &mut stages),
        },
    }
    let beside = stages.get(Stage::Topics) + stages.get(Stage::Score);
    stages.set(Stage::Read, started.elapsed().saturating_sub(beside));
    Ok((schedule, problems, stages))
}

/// Derives the talks' topics on this thread while the abstracts are tokenised on a second one
/// (which this one helps when done), and keeps the texts with the schedule.
///
/// Topic derivation reads titles and tracks only: the abstracts are lent to the tokenising
/// meanwhile (moved out and back, not copied).
fn topics_beside_texts(schedule: &mut Schedule, stages: &mut Stages) {
    let started = Instant::now();
    let abstracts: Vec<String> = schedule
        .sessions
        .iter_mut()
        .map(|s| std::mem::take(&mut s.abstract_text))
        .collect();
    let texts: Vec<&str> = abstracts.iter().map(String::as_str).collect();
    let (tokenised, topics) = crate::words::Tokenised::beside(&texts, || {
        let topics = Instant::now();
        build::derive_topics(schedule);
        topics.elapsed()
    });
    drop(texts);
    for (session, text) in schedule.sessions.iter_mut().zip(abstracts) {
        session.abstract_text = text;
    }
    // The words get their ids on first use (`Schedule::texts`): while the schedule's hash is
    // made on the second core, say.
    schedule.keep_tokenised(tokenised);
    stages.add(Stage::Topics, topics);
    stages.add(Stage::Score, started.elapsed().saturating_sub(topics));
}

/// The format of schedule text.
fn format_of(text: &str) -> Format {
    match sniff(text) {
        // A bare JSON value (`null`, `true`, `3`, `"x"`) is JSON, not malformed RON.
        Format::Ron if serde_json::from_str::<serde_json::Value>(text).is_ok() => Format::Json,
        other => other,
    }
}

/// Loads the schedule to work on: `path` if given, else the embedded one; fails on errors.
///
/// Warnings (only imported files have them) are returned for the caller to show.
pub fn load(path: Option<&Path>) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    load_within(path, crate::input::ReadLimit::default())
}

/// [`load`] reading within `limit`.
pub fn load_within(
    path: Option<&Path>,
    limit: crate::input::ReadLimit,
) -> anyhow::Result<(Schedule, Vec<Problem>)> {
    let (schedule, problems) = match path {
        None => schedule::ron_format::read(schedule::EMBEDDED_RON, schedule::EMBEDDED_NAME)?,
        Some(p) => {
            let source = crate::input::source_name(p);
            read_owned(read_text_within(p, limit)?, &source)?
        }
    };
    validate::fail_on_errors(&problems)?;
    Ok((schedule, problems))
}

/// Test support: every real export in `../shared/data` whose name ends in one of `extensions`,
/// as (file name, text), sorted by name. Exports added there later are read too. Without the
/// folder the list is empty (a clone without `../shared` passes) unless
/// `AGENDA_REQUIRE_SHARED=1`, which makes its absence a failure.
#[cfg(test)]
pub(crate) fn shared_exports(extensions: &[&str]) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        assert_ne!(
            std::env::var("AGENDA_REQUIRE_SHARED").as_deref(),
            Ok("1"),
            "../shared/data not found but AGENDA_REQUIRE_SHARED=1 requires it"
        );
        // Nothing printed: the library's code writes to stderr only through `output::say`
        // (tests/sanitize.rs), and this is not inside a test module.
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| extensions.iter().any(|x| n.ends_with(&format!(".{x}"))))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = read_text(&dir.join(&n)).unwrap_or_else(|e| panic!("{n}: {e:#}"));
            (n, text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Need, xml_version};

    #[test]
    fn a_saved_web_page_is_named_as_such_not_as_broken_xml() {
        let page = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center>\
                    <h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>";
        let xhtml = "<?xml version=\"1.0\"?>\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">\
                     <html><head><title>\n  Schedule \u{1b}[31m of\tFOSS \n</title>";
        for (text, said) in [
            (page, "this is a web page (`404 Not Found`), not a schedule"),
            (
                xhtml,
                "this is a web page (`Schedule [31m of FOSS`), not a schedule",
            ),
            ("<!doctype html><p>hi", "this is a web page, not a schedule"),
        ] {
            let error = super::read(text, "page.xml").unwrap_err().to_string();
            assert!(error.starts_with("page.xml: "), "{error}");
            assert!(error.contains(said), "{error}");
            assert!(!error.contains('\u{1b}'), "{error}");
        }
        // A schedule is still read as one, whatever its texts say.
        let schedule = "<schedule><conference><title>html</title></conference></schedule>";
        assert!(super::web_page_title(schedule).is_none());
    }

    #[test]
    fn the_shared_exports_are_listed_by_extension_and_sorted() {
        let xml = super::shared_exports(&["xml"]);
        let names: Vec<&str> = xml.iter().map(|(n, _)| n.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        assert!(names.iter().all(|n| n.ends_with(".xml")), "{names:?}");
        if std::env::var("AGENDA_REQUIRE_SHARED").as_deref() == Ok("1") {
            assert!(names.contains(&"fosdem-2025-schedule.xml"), "{names:?}");
        }
    }

    /// Reading for a command that matches interests gives the same schedule (abstracts and
    /// topics included), and texts with the tokens that tokenising on first use gives.
    #[test]
    fn texts_tokenised_beside_the_topics_are_the_ones_made_on_first_use() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut exports = super::shared_exports(&["xml", "json", "ics"]);
        for name in [
            "tests/fixtures/import/likes.xml",
            "tests/fixtures/import/edges.ics",
        ] {
            exports.push((name.into(), super::read_text(&root.join(name)).unwrap()));
        }
        for (name, text) in exports {
            let (plain, ..) = super::read_versioned_for(&text, &name, Need::Schedule).unwrap();
            let (ahead, ..) = super::read_versioned_for(&text, &name, Need::Texts).unwrap();
            assert_eq!(plain, ahead, "{name}");
            // The abstracts tokenised while reading wait for their first use; a copy made
            // before it tokenises afresh, to the same texts.
            assert!(ahead.texts.holds_tokenised(), "{name}");
            let copy = ahead.clone();
            let (first_use, kept) = (plain.texts(), ahead.texts());
            assert!(!ahead.texts.holds_tokenised(), "{name}: taken on first use");
            let copied = copy.texts();
            assert_eq!(copied.lexicon().len(), kept.lexicon().len(), "{name}");
            assert_eq!(first_use.lexicon().len(), kept.lexicon().len(), "{name}");
            for (i, (p, a)) in plain.sessions.iter().zip(&ahead.sessions).enumerate() {
                assert_eq!((&p.abstract_text, &p.topics), (&a.abstract_text, &a.topics));
                assert_eq!(
                    first_use.abstract_text(i),
                    kept.abstract_text(i),
                    "{name} {i}"
                );
                assert_eq!(copied.abstract_text(i), kept.abstract_text(i), "{name} {i}");
            }
        }
    }

    #[test]
    fn the_xml_version_is_the_one_before_the_conference() {
        assert_eq!(
            xml_version("<schedule>\n <version>latest</version>\n <conference>"),
            Some("latest".to_string())
        );
        assert_eq!(
            xml_version("<schedule><conference></conference><version>x</version>"),
            None
        );
        assert_eq!(
            xml_version("<schedule><version> </version><conference>"),
            None
        );
    }
}
