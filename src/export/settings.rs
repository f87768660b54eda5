//! Every setting that shaped a plan, as short lines for the header of the table, Markdown and
//! text forms, so a reader can check their likes, limits and schedule were applied.

use crate::prefs::{Request, Weighted};
use crate::schedule::Schedule;

/// Where the schedule came from and which version it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleSource {
    /// `embedded`, a file path or an address.
    pub origin: String,
    /// A short content hash, the same for the same schedule wherever it was read from.
    pub version: String,
    /// The conference's time zone, set when the agenda shows times in another (`--tz`): busy
    /// windows are given on the conference's clock, so their line names it.
    pub other_clock: Option<String>,
}

/// How many entries of a list the header names before it counts the rest: a ratings file
/// rating every talk of a large conference would otherwise fill hundreds of lines.
const NAMED: usize = 12;

fn weighted(list: &[Weighted]) -> String {
    let mut shown: Vec<String> = list
        .iter()
        .take(NAMED)
        .map(|w| format!("{}={}", w.term, w.weight))
        .collect();
    if list.len() > NAMED {
        shown.push(format!("… and {} more", list.len() - NAMED));
    }
    shown.join(", ")
}

/// How many characters of a talk's title the header shows.
const TITLE_CHARS: usize = 32;

/// Talks named by id (ratings, stars) or by id or title fragment (must-see): each shown by its
/// title, shortened, when the schedule has a talk of that id, else as given.
struct Titles<'a> {
    schedule: Option<&'a Schedule>,
    /// Each id's first session, made when the first id is looked up: most settings name no
    /// talk, and an index of every session is large beside a large schedule.
    index: std::cell::OnceCell<rustc_hash::FxHashMap<&'a str, usize>>,
}

impl<'a> Titles<'a> {
    fn new(schedule: Option<&'a Schedule>) -> Self {
        Titles {
            schedule,
            index: std::cell::OnceCell::new(),
        }
    }

    /// `Opening keynote` for the id of that talk; anything else as it is.
    fn name(&self, term: &str) -> String {
        let Some(schedule) = self.schedule else {
            return term.to_string();
        };
        let index = self.index.get_or_init(|| schedule.id_index());
        match index.get(term) {
            Some(&i) => {
                crate::export::table::layout::shorten(&schedule.sessions[i].title, TITLE_CHARS)
            }
            None => term.to_string(),
        }
    }

    /// `Opening keynote (5), Kernel… (-2)`: talks with their points, the first [`NAMED`].
    fn weighted(&self, list: &[Weighted], sign: bool) -> String {
        let mut shown: Vec<String> = list
            .iter()
            .take(NAMED)
            .map(|w| {
                let points = if sign {
                    format!("{:+}", w.weight)
                } else {
                    w.weight.to_string()
                };
                format!("{} ({points})", self.name(&w.term))
            })
            .collect();
        if list.len() > NAMED {
            shown.push(format!("… and {} more", list.len() - NAMED));
        }
        shown.join(", ")
    }

    /// The talks as a list, the first [`NAMED`].
    fn list(&self, terms: &[String]) -> String {
        let mut shown: Vec<String> = terms.iter().take(NAMED).map(|t| self.name(t)).collect();
        if terms.len() > NAMED {
            shown.push(format!("… and {} more", terms.len() - NAMED));
        }
        shown.join(", ")
    }
}

/// The settings as `(label, value)` pairs, in a fixed order; empty lists are left out. Talks
/// (must-see, rated, starred, avoided) are named by their title, shortened, when `schedule`
/// has them; their ids otherwise.
pub fn settings(
    schedule: Option<&Schedule>,
    request: &Request,
    source: &ScheduleSource,
) -> Vec<(&'static str, String)> {
    let i = &request.interests;
    let l = &request.limits;
    let titles = Titles::new(schedule);
    let mut out = Vec::new();
    for (label, list) in [
        ("Likes", &i.likes),
        ("Dislikes", &i.dislikes),
        ("Speakers", &i.speakers),
        ("Tracks", &i.tracks),
    ] {
        if !list.is_empty() {
            out.push((label, weighted(list)));
        }
    }
    if !i.ratings.is_empty() {
        out.push(("Rated", titles.weighted(&i.ratings, false)));
    }
    if !i.favourites.is_empty() {
        out.push(("Starred", titles.weighted(&i.favourites, true)));
    }
    if !i.must.is_empty() {
        out.push(("Must-see", titles.list(&i.must)));
    }
    if !i.avoid.is_empty() {
        out.push(("Avoid", titles.list(&i.avoid)));
    }
    if !l.busy.is_empty() {
        let windows: Vec<String> = l.busy.iter().map(ToString::to_string).collect();
        let clock = source
            .other_clock
            .as_ref()
            .map_or(String::new(), |zone| format!(" ({zone} time)"));
        out.push(("Busy", format!("{}{clock}", windows.join(", "))));
    }
    out.push(("Limits", limits_line(request)));
    if !source.origin.is_empty() {
        let version = if source.version.is_empty() {
            String::new()
        } else {
            format!(", version {}", source.version)
        };
        out.push(("Schedule", format!("{}{version}", source.origin)));
    }
    out
}

/// The settings as lines: `Likes: bpf=1, sysext=1`, `Must-see: Opening keynote`.
pub fn settings_lines(
    schedule: Option<&Schedule>,
    request: &Request,
    source: &ScheduleSource,
) -> Vec<String> {
    settings(schedule, request, source)
        .into_iter()
        .map(|(label, value)| format!("{label}: {value}"))
        .collect()
}

/// The limits in one line: switches, minutes to change rooms, whether free time is filled.
pub(crate) fn limits_line(request: &Request) -> String {
    let l = &request.limits;
    let switches = match l.max_switches {
        Some(k) if k == crate::prefs::DEFAULT_MAX_SWITCHES => format!(
            "at most {} a day (default)",
            crate::text::plural(k, "room switch", "room switches")
        ),
        Some(k) => format!(
            "at most {} a day",
            crate::text::plural(k, "room switch", "room switches")
        ),
        None => "no limit on room switches".to_string(),
    };
    let minutes = if let Some(v) = &l.walking {
        format!(
            "walking {} within a building, {} between buildings",
            crate::text::plural(v.within, "minute", "minutes"),
            crate::text::plural(v.between, "minute", "minutes")
        )
    } else if l.switch_minutes == 0 {
        "no time needed to change rooms".to_string()
    } else {
        format!(
            "{} to change rooms",
            crate::text::plural(l.switch_minutes, "minute", "minutes")
        )
    };
    let filling = if l.gaps {
        "free time left free (--gaps)"
    } else {
        "free time filled"
    };
    format!("{switches} · {minutes} · {filling}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefs::{Busy, Interests, Limits};

    #[test]
    fn a_long_list_names_its_first_entries_and_counts_the_rest() {
        let list: Vec<Weighted> = (1..=20)
            .map(|n| Weighted {
                term: format!("t{n}"),
                weight: 1,
            })
            .collect();
        let line = weighted(&list);
        assert!(line.starts_with("t1=1, t2=1, "), "{line}");
        assert!(line.ends_with("t12=1, … and 8 more"), "{line}");
        assert_eq!(weighted(&list[..12]).matches('=').count(), 12);
    }

    #[test]
    fn every_setting_is_named() {
        let w = |t: &str| Weighted {
            term: t.into(),
            weight: 2,
        };
        let request = Request {
            interests: Interests {
                likes: vec![w("bpf")],
                dislikes: vec![w("gnome")],
                speakers: vec![w("Lennart Poettering")],
                must: vec!["opening".into()],
                avoid: vec!["closing".into()],
                ..Interests::default()
            },
            limits: Limits {
                walking: None,
                max_switches: Some(1),
                switch_minutes: 5,
                busy: vec![Busy {
                    day: 1,
                    from: chrono::NaiveDate::from_ymd_opt(2025, 9, 30)
                        .unwrap()
                        .and_hms_opt(14, 0, 0)
                        .unwrap(),
                    until: chrono::NaiveDate::from_ymd_opt(2025, 9, 30)
                        .unwrap()
                        .and_hms_opt(15, 0, 0)
                        .unwrap(),
                }],
                gaps: true,
            },
        };
        let source = ScheduleSource {
            origin: "asg.ron".into(),
            version: "3d0c1234".into(),
            other_clock: None,
        };
        assert_eq!(
            settings_lines(None, &request, &source),
            vec![
                "Likes: bpf=2",
                "Dislikes: gnome=2",
                "Speakers: Lennart Poettering=2",
                "Must-see: opening",
                "Avoid: closing",
                "Busy: day 1 14:00–15:00",
                "Limits: at most 1 room switch a day · 5 minutes to change rooms · free time left free (--gaps)",
                "Schedule: asg.ron, version 3d0c1234",
            ]
        );
    }
}
