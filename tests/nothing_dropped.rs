//! Nothing is dropped silently: what the importers cannot use is counted in the one `skipped`
//! warning (and listed by `check`); RON schedules refuse unknown fields, suggesting the right
//! one; room names are unique, also ignoring case.

use crate::common;

use common::agenda;
use predicates::str::contains;

fn write(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

const TINY_XML: &str = include_str!("fixtures/import/tiny.xml");
const DOUBTFUL_JSON: &str = include_str!("fixtures/import/doubtful.json");

/// The `skipped` line `agenda check` prints for a file.
fn skipped_line(path: &str) -> String {
    let out = agenda().args(["check", path]).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.contains("warning[skipped]"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn an_event_outside_a_room_is_counted() {
    let xml = TINY_XML.replace(
        "    <room name='Main Hall'>",
        "    <event guid='z' id='99'><start>10:00</start><duration>00:30</duration><title>Roomless</title></event>\n    <room name='Main Hall'>",
    );
    let (_dir, path) = write("roomless.xml", &xml);
    let line = skipped_line(&path);
    assert!(
        line.contains("1 events outside a <room> naming none"),
        "{line}"
    );
}

/// Pentabarf's exports before 2013 (FOSDEM 2007–2012) list events straight under `<day>`, each
/// naming its room: they are read, in that room, and nothing is counted as skipped.
#[test]
fn an_event_under_its_day_naming_its_room_is_read() {
    let xml = TINY_XML.replace(
        "    <room name='Main Hall'>",
        "    <event id='99'><start>10:00</start><duration>00:45</duration><room>Chavanne</room><title>AIGLX</title><track>Desktop</track><persons><person id='9'>Kristian</person></persons></event>\n    <room name='Main Hall'>",
    );
    let (_dir, path) = write("old-pentabarf.xml", &xml);
    let line = skipped_line(&path);
    assert!(!line.contains("outside"), "{line}");
    agenda()
        .args(["check", &path])
        .assert()
        .success()
        .stdout(contains("2 rooms, 3 talks"));
    agenda()
        .args(["talks", "--schedule", &path])
        .assert()
        .success()
        .stdout(contains("10:00–10:45"))
        .stdout(contains("Chavanne"))
        .stdout(contains("AIGLX"))
        .stdout(contains("Kristian"));
}

#[test]
fn an_event_outside_a_day_is_counted() {
    let xml = TINY_XML.replace(
        "</schedule>",
        "<event id='98'><title>Stray</title></event></schedule>",
    );
    let (_dir, path) = write("dayless.xml", &xml);
    assert!(skipped_line(&path).contains("1 events outside a <day> and <room>"));
}

#[test]
fn xml_persons_as_plain_text_or_other_elements_are_counted() {
    let xml = TINY_XML
        .replace("<persons></persons>", "<persons>Edgar Codd</persons>")
        .replace(
            "<person id='2'>Ken</person>",
            "<person id='2'>Ken</person><speaker>Dennis</speaker><person/>",
        );
    let (_dir, path) = write("persons.xml", &xml);
    let line = skipped_line(&path);
    assert!(line.contains("1 <persons> given as plain text"), "{line}");
    assert!(
        line.contains("1 <speaker> elements inside <persons>"),
        "{line}"
    );
    assert!(line.contains("1 persons without a name"), "{line}");
}

#[test]
fn json_persons_as_a_plain_string_and_fields_that_are_not_text_are_counted() {
    let json = DOUBTFUL_JSON
        .replace(
            r#""abstract": "Quick ones.", "persons": ["Owl"]"#,
            r#""abstract": "Quick ones.", "persons": "Owl""#,
        )
        .replace(
            r#""title": "Empty slot""#,
            r#""title": {"en": "Empty slot"}"#,
        )
        .replace(
            r#""persons": [{"public_name": "Ada Lovelace"}, {"public_name": "Grace Hopper"}]"#,
            r#""persons": [{"public_name": "Ada Lovelace"}, {"id": 7}]"#,
        );
    let (_dir, path) = write("persons.json", &json);
    let line = skipped_line(&path);
    assert!(
        line.contains("1 `persons` given as a plain string, not a list"),
        "{line}"
    );
    assert!(
        line.contains("1 `title` fields that are a list or object, not text"),
        "{line}"
    );
    assert!(line.contains("1 persons without a name"), "{line}");
    // The one-line note of other commands counts the same warning.
    agenda()
        .args(["--schedule", &path, "talks"])
        .assert()
        .success()
        .stderr(contains("skipped data"));
}

#[test]
fn a_typo_in_a_ron_field_is_an_error_naming_it_and_suggesting_the_right_one() {
    let text = agenda::schedule::EMBEDDED_RON.replacen("speakers:", "speaker:", 1);
    let (_dir, path) = write("typo.ron", &text);
    agenda()
        .args(["check", &path])
        .assert()
        .code(2)
        .stderr(contains("Unexpected field named `speaker`"))
        .stderr(contains("did you mean `speakers`?"));
    let text = agenda::schedule::EMBEDDED_RON.replacen("venue:", "venu:", 1);
    let (_dir, path) = write("typo2.ron", &text);
    agenda()
        .args(["check", &path])
        .assert()
        .code(2)
        .stderr(contains("did you mean `venue`?"));
}

#[test]
fn room_names_differing_only_in_case_are_an_error() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good.ron"
    ))
    .unwrap()
    .replace(
        r#"rooms: ["Loft", "Galerie"]"#,
        r#"rooms: ["Loft", "Galerie", "loft"]"#,
    );
    let (_dir, path) = write("rooms.ron", &text);
    agenda()
        .args(["check", &path])
        .assert()
        .code(2)
        .stdout(contains("error[duplicate-room]"))
        .stdout(contains("`Loft` and `loft` differ only in case"));
    let text = text.replace(r#""loft"]"#, r#""Loft"]"#);
    let (_dir, path) = write("rooms2.ron", &text);
    agenda()
        .args(["check", &path])
        .assert()
        .code(2)
        .stdout(contains("the room `Loft` is listed twice"));
}
