//! The values of iCalendar properties a session is made of: date-times in their zones,
//! durations, text lists and encodings, and speakers' names.

use super::super::build::Skipped;
use super::lines::{Calendar, Prop};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// The time zones `TZID` parameters name.
pub(super) struct Zones {
    /// `TZID` (as written) → the IANA zone it stands for.
    pub(super) known: BTreeMap<String, Tz>,
}

impl Zones {
    pub(super) fn new(calendar: &Calendar) -> Self {
        let mut known = BTreeMap::new();
        let names = calendar
            .events
            .iter()
            .flat_map(|(_, props)| props)
            .filter_map(|p| p.param("TZID"))
            .chain(calendar.zones.keys().map(String::as_str));
        for name in names {
            if known.contains_key(name) {
                continue;
            }
            let zone = zone_named(name).or_else(|| {
                calendar
                    .zones
                    .get(name)
                    .and_then(|location| zone_named(location))
            });
            if let Some(zone) = zone {
                known.insert(name.to_string(), zone);
            }
        }
        Zones { known }
    }

    /// The zone most `DTSTART`s are given in (the first in file order on a tie).
    pub(super) fn most_named(&self, events: &[(usize, Vec<Prop>)]) -> Option<String> {
        let mut counts: Vec<(Tz, usize)> = Vec::new();
        for (_, props) in events {
            let zone = props
                .iter()
                .find(|p| p.name == "DTSTART")
                .and_then(|p| p.param("TZID"))
                .and_then(|name| self.known.get(name));
            if let Some(&zone) = zone {
                match counts.iter_mut().find(|(z, _)| *z == zone) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((zone, 1)),
                }
            }
        }
        let most = counts.iter().map(|(_, n)| *n).max()?;
        counts
            .into_iter()
            .find(|(_, n)| *n == most)
            .map(|(z, _)| z.name().to_string())
    }
}

/// The IANA zone a `TZID` names: as written (without quotes), or its last two `/` parts
/// (`/mozilla.org/20050126_1/Europe/Berlin`), or its last part (`/citadel.org/…/UTC`).
fn zone_named(name: &str) -> Option<Tz> {
    let name = name.trim().trim_matches('"');
    if let Ok(zone) = name.parse() {
        return Some(zone);
    }
    let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
    [
        parts.len().saturating_sub(3),
        parts.len().saturating_sub(2),
        parts.len().saturating_sub(1),
    ]
    .into_iter()
    .filter_map(|from| parts.get(from..).map(|p| p.join("/")))
    .find_map(|candidate| candidate.parse().ok())
}

/// A `DTSTART` or `DTEND` as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum When {
    /// An instant (UTC, or in a known zone).
    Instant(DateTime<Utc>),
    /// A local time of no zone: the conference's (floating, or a zone not known).
    Floating(NaiveDateTime),
    /// A date without a time (an all-day event).
    Date(NaiveDate),
}

/// Reads a date-time property; `None` when its value cannot be read.
pub(super) fn when(prop: &Prop, zones: &Zones, unknown_zone: &mut Option<String>) -> Option<When> {
    let value = prop.value.trim();
    let is_date = prop
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()));
    if is_date {
        return NaiveDate::parse_from_str(value, "%Y%m%d")
            .ok()
            .map(When::Date);
    }
    let (local, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(v) => (v, true),
        None => (value, false),
    };
    let naive = NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S")
        .or_else(|_| NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M"))
        .ok()?;
    if utc {
        return Some(When::Instant(Utc.from_utc_datetime(&naive)));
    }
    let Some(name) = prop.param("TZID") else {
        return Some(When::Floating(naive));
    };
    match zones.known.get(name) {
        // A time the clocks skip is taken as if they had not yet changed (RFC 5545, 3.3.5).
        Some(zone) => zone
            .from_local_datetime(&naive)
            .earliest()
            .or_else(|| {
                zone.from_local_datetime(&(naive + Duration::hours(1)))
                    .earliest()
            })
            .map(|t| When::Instant(t.with_timezone(&Utc))),
        None => {
            unknown_zone.get_or_insert_with(|| name.to_string());
            Some(When::Floating(naive))
        }
    }
}

/// Minutes of an RFC 5545 duration (`PT45M`, `PT1H30M`, `P1D`, `P1W`, `P1DT2H`); seconds are
/// rounded up. `None` when it is negative or unreadable.
pub(crate) fn duration_minutes(text: &str) -> Option<i64> {
    let text = text.trim().strip_prefix('+').unwrap_or(text.trim());
    let rest = text.strip_prefix(['P', 'p'])?;
    let mut seconds: i64 = 0;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            'T' if number.is_empty() => in_time = true,
            d if d.is_ascii_digit() => number.push(d),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                any = true;
                seconds += n * match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
            }
        }
    }
    (any && number.is_empty()).then_some((seconds + 59) / 60)
}

/// Text values split at unescaped commas (`CATEGORIES`), each unescaped.
pub(super) fn text_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => item.push('\n'),
                Some(other) => item.push(other),
                None => {}
            },
            ',' => items.push(std::mem::take(&mut item)),
            other => item.push(other),
        }
    }
    items.push(item);
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

/// A text value, decoded when its `ENCODING` is `QUOTED-PRINTABLE` (vCalendar 1.0 writers);
/// `None` (counted as skipped) for an encoding that is not text (`BASE64`).
pub(super) fn text_value(prop: &Prop, skipped: &mut Skipped) -> Option<String> {
    match prop
        .param("ENCODING")
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None | Some("8BIT") => Some(prop.value.clone()),
        Some("QUOTED-PRINTABLE") => Some(quoted_printable(&prop.value)),
        Some(other) => {
            skipped.add(format!("{} values in {other} encoding", prop.name));
            None
        }
    }
}

/// Decodes quoted-printable text (`=C3=A9` is é; a `=` at a line's end joins lines).
fn quoted_printable(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'=', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Names joined by `, `, ` and ` or ` & ` outside brackets (`Ann [Research Data and
/// Communication]` is one name).
pub(super) fn split_names(names: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut from = 0;
    let mut at = 0;
    while let Some((i, sep)) = next_outside_brackets(names, at, &[", ", " and ", " & "]) {
        found.push(&names[from..i]);
        from = i + sep.len();
        at = from;
    }
    found.push(&names[from..]);
    found
        .into_iter()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// The first of `separators` in `text` from byte `from` on that is outside `()`, `[]` and
/// `{}`: its position and which it is.
fn next_outside_brackets<'a>(
    text: &str,
    from: usize,
    separators: &[&'a str],
) -> Option<(usize, &'a str)> {
    let mut depth = 0usize;
    for (i, c) in text[from..].char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                if let Some(sep) = separators
                    .iter()
                    .find(|s| text[from + i..].starts_with(**s))
                {
                    return Some((from + i, sep));
                }
            }
            _ => {}
        }
    }
    None
}

/// A pretalx `SUMMARY` (`Title - Speaker, Speaker`, or `Title - ` with no speaker) as the title
/// and the speakers: split at the last ` - ` outside brackets, so a dash in the title (`Scaling
/// up OOD - a sysadmin's perspective - Ann`) or in a speaker's affiliation (`Ann [CSC - IT
/// Center]`) stays where it is. A summary without one is all title.
pub(super) fn pretalx_summary(summary: &str) -> (String, Vec<String>) {
    let summary = summary.trim();
    if let Some(title) = summary.strip_suffix(" -") {
        return (title.trim().to_string(), Vec::new());
    }
    let mut last = None;
    let mut at = 0;
    while let Some((i, sep)) = next_outside_brackets(summary, at, &[" - "]) {
        last = Some(i);
        at = i + sep.len();
    }
    match last {
        Some(i) => (
            summary[..i].trim().to_string(),
            split_names(&summary[i + 3..]),
        ),
        None => (summary.to_string(), Vec::new()),
    }
}

/// Speakers from a description whose first line is `Speaker: A` or `Speakers: A, B` (as
/// linux.conf.au writes), and the description without that line.
pub(super) fn speaker_line(description: &str) -> Option<(Vec<String>, String)> {
    let (first, rest) = description.split_once('\n').unwrap_or((description, ""));
    let (label, names) = first.split_once(':')?;
    let label = label.trim().to_lowercase();
    if !["speaker", "speakers", "presenter", "presenters"].contains(&label.as_str()) {
        return None;
    }
    let names = split_names(names);
    (!names.is_empty()).then(|| (names, rest.trim_start().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pretalx_summary_splits_at_its_last_dash_outside_brackets() {
        let split = |s: &str| {
            let (title, names) = pretalx_summary(s);
            (title, names.join("|"))
        };
        let pair = |t: &str, n: &str| (t.to_string(), n.to_string());
        assert_eq!(
            split("Building a biological database with Python - Alan Rubin"),
            pair("Building a biological database with Python", "Alan Rubin")
        );
        // No speaker: pretalx still writes the dash.
        assert_eq!(
            split("Developer Forum (Breakout Sessions) - "),
            pair("Developer Forum (Breakout Sessions)", "")
        );
        assert_eq!(
            split("Governance Working Group - Technical - "),
            pair("Governance Working Group - Technical", "")
        );
        assert_eq!(
            split(
                "Scaling up OOD - a sysadmin's perspective - Simon Westersund [CSC - IT Center for Science]"
            ),
            pair(
                "Scaling up OOD - a sysadmin's perspective",
                "Simon Westersund [CSC - IT Center for Science]"
            )
        );
        assert_eq!(
            split(
                "SAML with OnDemand - Rodgers Kimera [Research Data and Communication Technologies], Ann Lee & Bo Chen"
            ),
            pair(
                "SAML with OnDemand",
                "Rodgers Kimera [Research Data and Communication Technologies]|Ann Lee|Bo Chen"
            )
        );
        assert_eq!(split("Keynote"), pair("Keynote", ""));
        assert_eq!(
            split("Re-thinking (a - b)"),
            pair("Re-thinking (a - b)", "")
        );
    }

    #[test]
    fn rfc_5545_durations_in_minutes() {
        assert_eq!(duration_minutes("PT45M"), Some(45));
        assert_eq!(duration_minutes("PT1H30M"), Some(90));
        assert_eq!(duration_minutes("P1DT2H"), Some(1560));
        assert_eq!(duration_minutes("P1W"), Some(10_080));
        assert_eq!(duration_minutes("PT30S"), Some(1));
        assert_eq!(duration_minutes("-PT5M"), None);
        assert_eq!(duration_minutes("PT"), None);
        assert_eq!(duration_minutes("45"), None);
    }

    #[test]
    fn categories_split_at_unescaped_commas_only() {
        assert_eq!(
            text_list(r"Security, Room A\, 2nd floor,,Talk"),
            ["Security", "Room A, 2nd floor", "Talk"]
        );
    }

    #[test]
    fn zones_by_iana_name_or_the_tail_of_a_vendor_path() {
        assert_eq!(
            zone_named("\"Europe/Paris\""),
            Some(chrono_tz::Europe::Paris)
        );
        assert_eq!(
            zone_named("/mozilla.org/20050126_1/Europe/Berlin"),
            Some(chrono_tz::Europe::Berlin)
        );
        assert_eq!(
            zone_named("/freeassociation.sourceforge.net/America/Argentina/Buenos_Aires"),
            Some(chrono_tz::America::Argentina::Buenos_Aires)
        );
        assert_eq!(zone_named("W. Europe Standard Time"), None);
    }

    #[test]
    fn quoted_printable_text_is_decoded() {
        assert_eq!(quoted_printable("Caf=C3=A9 =3D bar"), "Café = bar");
    }
}
