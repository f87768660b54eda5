//! Planning together against exhaustive enumeration (time together, floors, --min-shared),
//! `--bonus 0` against planning alone, and
//! saved plans (round trip, another schedule, atomic writes).

use agenda::friends::together::{self, Settings};
use agenda::plan;
use agenda::prefs::{Busy, Interests, Limits, Request, Weighted, profile};
use agenda::saved::SavedPlan;
use agenda::schedule::hash::schedule_hash;
use agenda::schedule::{Conference, Kind, Schedule, Session};
use agenda::solve::joint::{Bounds, PairProgram};
use agenda::solve::{self, Item};
use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;

const TOPICS: [&str; 3] = ["alpha", "beta", "gamma"];

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2030, 5, 6).unwrap()
}

fn at(slot: u8) -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).unwrap() + chrono::Duration::minutes(10 * i64::from(slot))
}

/// A talk: (room, start slot of 10 minutes, length in slots, topic).
type TalkSpec = (usize, u8, u8, usize);
/// A person: (weights of the three topics, negative = dislike; switch limit; switch minutes;
/// busy window (slot, length); must-see talk; avoided talk).
type PersonSpec = (
    [i64; 3],
    Option<u32>,
    u32,
    Option<(u8, u8)>,
    Option<usize>,
    Option<usize>,
);

fn schedule(rooms: usize, talks: &[TalkSpec], coffee: Option<u8>) -> Schedule {
    let names: Vec<String> = (0..rooms).map(|r| format!("R{r}")).collect();
    let mut sessions: Vec<Session> = talks
        .iter()
        .enumerate()
        .map(|(n, &(room, start, len, topic))| Session {
            id: format!("t{n}"),
            date: day(),
            day: 0,
            start: at(start),
            minutes: 10 * u32::from(len),
            room: names[room % rooms].clone(),
            kind: Kind::Talk,
            title: format!("Talk {n}"),
            subtitle: String::new(),
            speakers: vec![],
            track: None,
            topics: vec![TOPICS[topic].to_string()],
            abstract_text: String::new(),
            line: None,
            cancelled: false,
            links: agenda::schedule::Links::default(),
        })
        .collect();
    if let Some(slot) = coffee {
        for (r, room) in names.iter().enumerate() {
            sessions.push(Session {
                id: format!("coffee-{r}"),
                date: day(),
                day: 0,
                start: at(slot),
                minutes: 10,
                room: room.clone(),
                kind: Kind::Break,
                title: "Coffee".into(),
                subtitle: String::new(),
                speakers: vec![],
                track: None,
                topics: vec![],
                abstract_text: String::new(),
                line: None,
                cancelled: false,
                links: agenda::schedule::Links::default(),
            });
        }
    }
    let conference = Conference {
        name: "Test".into(),
        time_zone: "Europe/Berlin".into(),
        venue: String::new(),
        rooms: names,
        url: None,
    };
    Schedule::new(conference, sessions, "test")
}

/// The request of a person; interests only in topics the schedule has (others are refused).
fn request(schedule: &Schedule, talks: usize, spec: &PersonSpec) -> Request {
    let (weights, k, minutes, busy, must, avoid) = spec;
    let mut interests = Interests::default();
    for (t, &w) in weights.iter().enumerate() {
        let term = TOPICS[t].to_string();
        if !schedule.sessions.iter().any(|s| s.topics.contains(&term)) {
            continue;
        }
        if w > 0 {
            interests.likes.push(Weighted { term, weight: w });
        } else if w < 0 {
            interests.dislikes.push(Weighted { term, weight: -w });
        }
    }
    interests.must = must.iter().map(|m| format!("t{}", m % talks)).collect();
    interests.avoid = avoid.iter().map(|a| format!("t{}", a % talks)).collect();
    Request {
        interests,
        limits: Limits {
            max_switches: *k,
            switch_minutes: *minutes,
            busy: busy
                .iter()
                .map(|&(s, l)| Busy {
                    day: 1,
                    from: day().and_time(at(s)),
                    until: day().and_time(at(s + l)),
                })
                .collect(),
            gaps: false,
            walking: None,
        },
    }
}

/// Every feasible agenda of one person as (bit mask of schedule indices, score), by trying
/// every subset of the talks they may attend.
fn every_agenda(schedule: &Schedule, request: &Request) -> Option<Vec<(u64, i64)>> {
    let instance = plan::prepare(schedule, request).ok()?;
    let items: Vec<&Item> = instance.days.iter().flat_map(|d| &d.items).collect();
    let mut out = Vec::new();
    for subset in 0u64..(1 << items.len()) {
        let chosen: Vec<usize> = (0..items.len())
            .filter(|k| subset & (1 << k) != 0)
            .map(|k| items[k].session)
            .collect();
        if solve::check(&instance, &chosen).is_ok() {
            let mask = chosen.iter().fold(0u64, |m, &s| m | 1 << s);
            let score = (0..items.len())
                .filter(|k| subset & (1 << k) != 0)
                .map(|k| items[k].score)
                .sum();
            out.push((mask, score));
        }
    }
    Some(out)
}

/// The talks worth meeting in: scored above 0, or must-see, by someone.
fn worth_meeting(schedule: &Schedule, people: &[Request]) -> u64 {
    let mut mask = 0u64;
    for r in people {
        if let Ok(instance) = plan::prepare(schedule, r) {
            for it in instance.days.iter().flat_map(|d| &d.items) {
                if it.score > 0 || it.must {
                    mask |= 1 << it.session;
                }
            }
        }
    }
    mask
}

/// The joint optimum by brute force over every combination of feasible agendas, in 1/60 half
/// point: 60·Σ scores + bonus·minutes each person spends in a talk worth meeting in with a
/// friend, among the combinations where everyone keeps their floor (`floors`) and at least
/// `min_shared` talks are attended together.
fn brute_force(
    agendas: &[Vec<(u64, i64)>],
    minutes: &[i64],
    meet: u64,
    floors: &[i64],
    bonus: i64,
    min_shared: u32,
) -> Option<i64> {
    let mut best: Option<i64> = None;
    let mut pick = vec![0usize; agendas.len()];
    loop {
        let masks: Vec<u64> = pick.iter().zip(agendas).map(|(&i, a)| a[i].0).collect();
        let mut together = 0u64;
        for a in 0..masks.len() {
            for b in a + 1..masks.len() {
                together |= masks[a] & masks[b];
            }
        }
        let fair = pick
            .iter()
            .zip(agendas)
            .zip(floors)
            .all(|((&i, a), &f)| a[i].1 >= f);
        if fair && together.count_ones() >= min_shared {
            let mut value = 0;
            for (p, (&i, a)) in pick.iter().zip(agendas).enumerate() {
                let others = masks
                    .iter()
                    .enumerate()
                    .filter(|(q, _)| *q != p)
                    .fold(0, |acc, (_, m)| acc | m);
                let with_friend = masks[p] & others & meet;
                let mins: i64 = (0..64)
                    .filter(|t| with_friend & (1 << t) != 0)
                    .map(|t| minutes[t])
                    .sum();
                value += 60 * a[i].1 + bonus * mins;
            }
            best = Some(best.map_or(value, |b: i64| b.max(value)));
        }
        // Next combination.
        let mut p = 0;
        loop {
            if p == pick.len() {
                return best;
            }
            pick[p] += 1;
            if pick[p] < agendas[p].len() {
                break;
            }
            pick[p] = 0;
            p += 1;
        }
    }
}

/// The floor of a best score alone at `share` percent, as docs/guide/friends.md states it: keep ⌈share·b⌉
/// of a positive best, 0 of a zero best, lose at most (1 − share)·|b| of a negative one.
fn floor_of(best: i64, share: u32) -> i64 {
    if best >= 0 {
        (best * i64::from(share) + 99) / 100
    } else {
        best - (-best * i64::from(100 - share)) / 100
    }
}

/// Checks the joint plan against brute force and checks every agenda's rules.
fn check_together(
    schedule: &Schedule,
    people: &[Request],
    settings: Settings,
) -> Result<(), TestCaseError> {
    let named: Vec<(String, String, Request)> = people
        .iter()
        .enumerate()
        .map(|(p, r)| (format!("P{p}"), "test".to_string(), r.clone()))
        .collect();
    let joint = together::plan_together(schedule, &named, settings);
    let best = best_by_brute_force(schedule, people, settings);
    let (joint, best) = match (joint, best) {
        (Ok(j), Some(b)) => (j, b),
        (Err(e), None) => {
            prop_assert!(
                matches!(
                    agenda::error::kind(&e),
                    Some(
                        agenda::error::Error::JointInfeasible { .. }
                            | agenda::error::Error::Infeasible { .. }
                            | agenda::error::Error::Contradiction(_)
                    )
                ),
                "{:#}",
                e
            );
            prop_assert_eq!(agenda::error::exit_code(&e), 2, "{:#}", e);
            return Ok(());
        }
        (j, b) => {
            return Err(TestCaseError::fail(format!(
                "joint plan {:?} but brute force {b:?}",
                j.map(|j| j.value)
            )));
        }
    };
    prop_assert!(joint.optimal);
    prop_assert_eq!(joint.value, best, "not the joint optimum");
    check_members(schedule, people, &joint, settings)?;
    prop_assert!(joint.shared_talks >= settings.min_shared as usize);
    Ok(())
}

/// The joint optimum by enumerating every agenda of every person, or `None` when a person
/// has none or no combination keeps the floors and the shared minimum.
fn best_by_brute_force(schedule: &Schedule, people: &[Request], settings: Settings) -> Option<i64> {
    best_by_brute_force_where(schedule, people, settings, |_| true)
}

/// [`best_by_brute_force`] among the agendas (bit masks of schedule indices) `allowed` keeps,
/// for everyone and for the floors alike.
fn best_by_brute_force_where(
    schedule: &Schedule,
    people: &[Request],
    settings: Settings,
    allowed: impl Fn(u64) -> bool,
) -> Option<i64> {
    let agendas: Option<Vec<Vec<(u64, i64)>>> = people
        .iter()
        .map(|r| {
            every_agenda(schedule, r)
                .map(|list| list.into_iter().filter(|a| allowed(a.0)).collect())
        })
        .collect();
    if agendas
        .as_ref()
        .is_some_and(|a| a.iter().any(Vec::is_empty))
    {
        return None;
    }
    let minutes: Vec<i64> = schedule
        .sessions
        .iter()
        .map(|s| i64::from(s.minutes))
        .collect();
    let meet = worth_meeting(schedule, people);
    agendas.as_ref().and_then(|a| {
        // Best alone, by enumeration too (the planner is not asked).
        let floors: Vec<i64> = a
            .iter()
            .map(|list| {
                floor_of(
                    list.iter().map(|x| x.1).max().unwrap_or(0),
                    settings.min_own,
                )
            })
            .collect();
        brute_force(
            a,
            &minutes,
            meet,
            &floors,
            settings.bonus,
            settings.min_shared,
        )
    })
}

/// Every person's agenda (free time filled) keeps their own rules and their floor.
fn check_members(
    schedule: &Schedule,
    people: &[Request],
    joint: &together::Joint,
    settings: Settings,
) -> Result<(), TestCaseError> {
    for (member, request) in joint.members.iter().zip(people) {
        let instance = plan::prepare(schedule, request).unwrap();
        let chosen: Vec<usize> = instance
            .days
            .iter()
            .flat_map(|d| &d.items)
            .filter(|i| member.attendee.attends(i.session))
            .map(|i| i.session)
            .collect();
        solve::check(&instance, &chosen).map_err(TestCaseError::fail)?;
        for &i in &member.attendee.chosen {
            prop_assert!(
                instance
                    .days
                    .iter()
                    .any(|d| d.items.iter().any(|it| it.session == i)),
                "{} attends a session they may not",
                member.attendee.name
            );
        }
        let alone = plan::plan(schedule, request).unwrap().total;
        prop_assert_eq!(member.best_alone, alone);
        prop_assert_eq!(member.floor, floor_of(alone, settings.min_own));
        prop_assert!(
            member.attendee.total >= member.floor,
            "{} keeps {} below the floor {}",
            member.attendee.name,
            member.attendee.total,
            member.floor
        );
        if settings.bonus == 0 && settings.min_shared == 0 {
            prop_assert_eq!(member.attendee.total, alone, "bonus 0 is planning alone");
        }
    }
    Ok(())
}

/// The people whose must-see talk or own busy window overlaps `meeting`, found from the
/// requests as written.
fn who_cannot_make(schedule: &Schedule, people: &[Request], meeting: &Busy) -> Vec<usize> {
    let inside = |s: &Session| s.start_at() < meeting.until && meeting.from < s.end_at();
    (0..people.len())
        .filter(|&p| {
            let r = &people[p];
            // (A must-see also avoided is the planner's own contradiction.)
            let must = r.interests.must.iter().any(|id| {
                !r.interests.avoid.contains(id)
                    && schedule.sessions.iter().any(|s| s.id == *id && inside(s))
            });
            let busy = r
                .limits
                .busy
                .iter()
                .any(|b| b != meeting && b.from < meeting.until && meeting.from < b.until);
            must || busy
        })
        .collect()
}

/// With an agreed meeting at `slot` for `len` slots: a person whose must-see talk or own busy
/// window overlaps it cannot make it (an error naming them, exit 2); otherwise the joint plan
/// keeps everyone out of talks in the window and is the exhaustive optimum among the agendas
/// that leave it free (the floors too are the best alone that leaves it free).
fn check_meeting(
    schedule: &Schedule,
    people: &[Request],
    settings: Settings,
    (slot, len): (u8, u8),
) -> Result<(), TestCaseError> {
    use agenda::friends::agreed;
    let meeting = Busy {
        day: 1,
        from: day().and_time(at(slot)),
        until: day().and_time(at(slot + len)),
    };
    let inside = |s: &Session| s.start_at() < meeting.until && meeting.from < s.end_at();
    let cannot = who_cannot_make(schedule, people, &meeting);
    let names: Vec<String> = (0..people.len()).map(|p| format!("P{p}")).collect();
    let candidates: Vec<agreed::Candidate> = people
        .iter()
        .zip(&names)
        .map(|(request, name)| agreed::Candidate {
            name,
            request,
            fixed: None,
        })
        .collect();
    let checked = agreed::check(schedule, &candidates, std::slice::from_ref(&meeting));
    if !cannot.is_empty() {
        let e = checked.expect_err("somebody cannot make the meeting");
        prop_assert_eq!(agenda::error::exit_code(&e), 2);
        let text = format!("{e:#}");
        for p in &cannot {
            let needle = format!("P{p} cannot make the meeting");
            prop_assert!(text.contains(&needle), "{}", text);
        }
        return Ok(());
    }
    prop_assert!(checked.is_ok(), "{:?}", checked);
    let mut kept: Vec<Request> = people.to_vec();
    for r in &mut kept {
        agreed::apply(r, std::slice::from_ref(&meeting));
    }
    // The oracle: every agenda of the people as they are, those with a talk in the window
    // dropped.
    let blocked: u64 = schedule
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| inside(s))
        .fold(0, |m, (i, _)| m | 1 << i);
    let best = best_by_brute_force_where(schedule, people, settings, |mask| mask & blocked == 0);
    let named: Vec<(String, String, Request)> = kept
        .iter()
        .zip(&names)
        .map(|(r, n)| (n.clone(), "test".to_string(), r.clone()))
        .collect();
    match (together::plan_together(schedule, &named, settings), best) {
        (Ok(joint), Some(best)) => {
            prop_assert!(joint.optimal);
            prop_assert_eq!(joint.value, best, "not the joint optimum with the meeting");
            for m in &joint.members {
                for &i in &m.attendee.chosen {
                    prop_assert!(
                        !inside(&schedule.sessions[i]),
                        "{} attends t{} in the meeting",
                        m.attendee.name,
                        i
                    );
                }
            }
            check_members(schedule, &kept, &joint, settings)
        }
        (Err(e), None) => {
            prop_assert_eq!(agenda::error::exit_code(&e), 2, "{:#}", e);
            Ok(())
        }
        (j, b) => Err(TestCaseError::fail(format!(
            "joint plan {:?} but brute force {b:?}",
            j.map(|j| j.value)
        ))),
    }
}

fn talk_spec(rooms: usize) -> impl Strategy<Value = TalkSpec> {
    (0..rooms, 0u8..10, 1u8..=3, 0usize..3)
}

fn person_spec() -> impl Strategy<Value = PersonSpec> {
    (
        [-2i64..=3, -2i64..=3, -2i64..=3],
        prop_oneof![Just(None), (0u32..=2).prop_map(Some)],
        prop_oneof![Just(0u32), Just(10u32)],
        proptest::option::weighted(0.3, (0u8..10, 1u8..=3)),
        proptest::option::weighted(0.3, 0usize..8),
        proptest::option::weighted(0.2, 0usize..8),
    )
}

fn case(
    people: usize,
    max_talks: usize,
) -> impl Strategy<Value = (Schedule, Vec<Request>, Settings)> {
    (2usize..=3)
        .prop_flat_map(move |rooms| {
            (
                Just(rooms),
                proptest::collection::vec(talk_spec(rooms), 2..=max_talks),
                proptest::option::weighted(0.4, 2u8..8),
                proptest::collection::vec(person_spec(), people),
                0i64..=12,
                prop_oneof![Just(0u32), Just(50u32), Just(80u32), Just(100u32)],
                prop_oneof![3 => Just(0u32), 1 => 1u32..=3],
            )
        })
        .prop_map(
            |(rooms, talks, coffee, specs, bonus, min_own, min_shared)| {
                let schedule = schedule(rooms, &talks, coffee);
                let requests = specs
                    .iter()
                    .map(|s| request(&schedule, talks.len(), s))
                    .collect();
                (
                    schedule,
                    requests,
                    Settings {
                        bonus,
                        min_own,
                        min_shared,
                        ..Settings::default()
                    },
                )
            },
        )
}

/// As [`case`], but everyone likes the same talks under the same rules: the joint plan is then
/// often everyone's best agenda with company free (proven without the integer program, see
/// `src/solve/joint/proof.rs`), which these cases check against brute force too.
fn alike(
    people: usize,
    max_talks: usize,
) -> impl Strategy<Value = (Schedule, Vec<Request>, Settings)> {
    case(1, max_talks).prop_map(move |(schedule, requests, mut settings)| {
        settings.min_shared = 0;
        (schedule, vec![requests[0].clone(); people], settings)
    })
}

/// As [`case`], but everyone likes the talks person 0 likes, each under their own rules (switch
/// limit, switch minutes, busy window, must-see and avoided talk): the days of equally liked
/// talks where friends' rules differ, which the two-person program settles
/// (`src/solve/joint/pair.rs`) and these cases check against brute force.
fn unlike(
    people: usize,
    max_talks: usize,
) -> impl Strategy<Value = (Schedule, Vec<Request>, Settings)> {
    case(people, max_talks).prop_map(|(schedule, mut requests, mut settings)| {
        settings.min_shared = 0;
        let interests = requests[0].interests.clone();
        for r in &mut requests[1..] {
            let (must, avoid) = (r.interests.must.clone(), r.interests.avoid.clone());
            r.interests = interests.clone();
            r.interests.must = must;
            r.interests.avoid = avoid;
        }
        (schedule, requests, settings)
    })
}

/// A day of liked talks, staggered: in each of 2–3 rooms 3–4 talks of 20 minutes, every 30
/// minutes, each room 10 minutes after the one before, of two topics in turn. Two people like
/// them the same;
/// the first may switch rooms at most once, the second freely, each with their own switch
/// minutes, and company is worth much: the first's limit keeps the pair from following the
/// second's best day, so the floors bind (the two-person program's state tracks them).
fn staggered() -> impl Strategy<Value = (Schedule, Vec<Request>, Settings)> {
    staggered_for(2)
}

/// [`staggered`] for `people` (2 or 3): a third person likes the talks the same too, under a
/// third rule (the switch limit the first does not have, 0 or 1, and no switch minutes), so
/// that three friends' floors bind (the group's sweep tracks them).
fn staggered_for(people: usize) -> impl Strategy<Value = (Schedule, Vec<Request>, Settings)> {
    (
        2usize..=3,
        3u8..=4,
        (1i64..=3, 1i64..=3),
        (0u32..=1, prop_oneof![Just(0u32), Just(10u32)]),
        prop_oneof![Just(0u32), Just(10u32)],
        6i64..=12,
        prop_oneof![Just(80u32), Just(90u32)],
    )
        .prop_map(
            move |(
                rooms,
                per_room,
                weight,
                (limit, first_minutes),
                second_minutes,
                bonus,
                min_own,
            )| {
                let talks: Vec<TalkSpec> = (0..rooms)
                    .flat_map(|r| {
                        (0..per_room).map(move |k| (r, 3 * k + r as u8, 2, (r + k as usize) % 2))
                    })
                    .collect();
                let schedule = schedule(rooms, &talks, None);
                let weights = [weight.0, weight.1, 0];
                let first: PersonSpec = (weights, Some(limit), first_minutes, None, None, None);
                let second: PersonSpec = (weights, None, second_minutes, None, None, None);
                let third: PersonSpec = (weights, Some(1 - limit), 0, None, None, None);
                let people = [first, second, third][..people]
                    .iter()
                    .map(|spec| request(&schedule, talks.len(), spec))
                    .collect();
                let settings = Settings {
                    bonus,
                    min_own,
                    ..Settings::default()
                };
                (schedule, people, settings)
            },
        )
}

/// As [`unlike`] for two people, each also walking between buildings: rooms R0 and R2 in one
/// building, R1 in another, with their own minutes within a building and between the two.
/// The two-person sweep in time frees a person only once every walk from their last talk is
/// over, which these cases check.
fn walking() -> impl Strategy<Value = (Schedule, Vec<Request>, Settings)> {
    walking_for(2, 9)
}

/// [`walking`] for `people`, with at most `max_talks` talks.
fn walking_for(
    people: usize,
    max_talks: usize,
) -> impl Strategy<Value = (Schedule, Vec<Request>, Settings)> {
    let venue = (prop_oneof![Just(0u32), Just(10u32)], 1u32..=3).prop_map(|(within, between)| {
        agenda::prefs::venue::Venue {
            within,
            between: 10 * between,
            buildings: [("R0", "A"), ("R1", "B"), ("R2", "A")]
                .iter()
                .map(|(r, b)| (r.to_string(), b.to_string()))
                .collect(),
            walks: Vec::new(),
        }
    });
    let venues = proptest::collection::vec(venue, people);
    (unlike(people, max_talks), venues).prop_map(|((schedule, mut people, settings), venues)| {
        // The venue names only the schedule's rooms.
        let rooms = &schedule.conference.rooms;
        for (person, mut venue) in people.iter_mut().zip(venues) {
            venue.buildings.retain(|room, _| rooms.contains(room));
            person.limits.walking = Some(venue);
        }
        (schedule, people, settings)
    })
}

/// `settings` with the two-person program `pair`.
fn by(settings: Settings, pair: PairProgram) -> Settings {
    Settings { pair, ..settings }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn two_people_on_a_staggered_day_reach_the_exhaustive_joint_optimum_by_either_pair_program((schedule, people, settings) in staggered()) {
        check_together(&schedule, &people, by(settings, PairProgram::Timed))?;
        check_together(&schedule, &people, by(settings, PairProgram::Positions))?;
    }

    #[test]
    fn two_people_under_different_rules_reach_the_exhaustive_joint_optimum_by_either_pair_program((schedule, people, settings) in unlike(2, 9)) {
        check_together(&schedule, &people, by(settings, PairProgram::Timed))?;
        check_together(&schedule, &people, by(settings, PairProgram::Positions))?;
    }

    #[test]
    fn two_people_walking_between_buildings_reach_the_exhaustive_joint_optimum_by_either_pair_program((schedule, people, settings) in walking()) {
        check_together(&schedule, &people, settings)?;
        check_together(&schedule, &people, by(settings, PairProgram::Timed))?;
        check_together(&schedule, &people, by(settings, PairProgram::Positions))?;
    }

    #[test]
    fn two_people_on_a_staggered_day_under_different_rules_reach_the_exhaustive_joint_optimum((schedule, people, settings) in staggered()) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn three_people_on_a_staggered_day_under_different_rules_reach_the_exhaustive_joint_optimum((schedule, people, settings) in staggered_for(3)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn three_people_walking_between_buildings_reach_the_exhaustive_joint_optimum((schedule, people, settings) in walking_for(3, 7)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn two_people_alike_under_different_rules_reach_the_exhaustive_joint_optimum((schedule, people, settings) in unlike(2, 9)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn three_people_alike_under_different_rules_reach_the_exhaustive_joint_optimum((schedule, people, settings) in unlike(3, 7)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn two_people_alike_reach_the_exhaustive_joint_optimum((schedule, people, settings) in alike(2, 9)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn three_people_alike_reach_the_exhaustive_joint_optimum((schedule, people, settings) in alike(3, 7)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn two_people_together_reach_the_exhaustive_joint_optimum((schedule, people, settings) in case(2, 9)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn three_people_together_reach_the_exhaustive_joint_optimum((schedule, people, settings) in case(3, 7)) {
        check_together(&schedule, &people, settings)?;
    }

    #[test]
    fn two_people_with_an_agreed_meeting_reach_the_exhaustive_joint_optimum_that_keeps_it_free(
        (schedule, people, settings) in case(2, 8),
        meeting in (0u8..10, 1u8..=4),
    ) {
        check_meeting(&schedule, &people, settings, meeting)?;
    }

    #[test]
    fn three_people_with_an_agreed_meeting_reach_the_exhaustive_joint_optimum_that_keeps_it_free(
        (schedule, people, settings) in case(3, 7),
        meeting in (0u8..10, 1u8..=4),
    ) {
        check_meeting(&schedule, &people, settings, meeting)?;
    }

    #[test]
    fn with_no_bonus_everyone_scores_what_they_would_alone((schedule, people, mut settings) in case(3, 8)) {
        settings.bonus = 0;
        settings.min_shared = 0;
        check_together(&schedule, &people, settings)?;
    }
}

proptest! {
    // Four people's brute force takes every combination of four agendas: fewer, smaller days.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn four_people_alike_under_different_rules_reach_the_exhaustive_joint_optimum((schedule, people, settings) in unlike(4, 5)) {
        check_together(&schedule, &people, settings)?;
    }
}

/// A test runner whose draws are the same on every run.
fn deterministic_runner() -> proptest::test_runner::TestRunner {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    )
}

/// `n` cases drawn from `strategy` by `runner`, in order.
fn sampled<S: proptest::strategy::Strategy>(
    strategy: S,
    n: usize,
    runner: &mut proptest::test_runner::TestRunner,
) -> Vec<S::Value> {
    use proptest::strategy::ValueTree;
    (0..n)
        .map(|_| strategy.new_tree(runner).unwrap().current())
        .collect()
}

/// The exhaustive cross-check can fail: with the joint model's bounds deliberately broken
/// (each drops one talk it must keep), some of the same generated cases the tests above pass
/// now miss the joint optimum, and `check_together` says so.
#[test]
fn a_deliberately_broken_bound_makes_the_exhaustive_cross_check_fail() {
    let mut runner = deterministic_runner();
    let cases = sampled(case(2, 9), 60, &mut runner);
    let failures = |bounds: Bounds| {
        cases
            .iter()
            .filter(|(schedule, people, settings)| {
                check_together(
                    schedule,
                    people,
                    Settings {
                        bounds,
                        ..*settings
                    },
                )
                .is_err()
            })
            .count()
    };
    assert_eq!(
        failures(Bounds::Sound),
        0,
        "the sound bounds pass every case"
    );
    let broken = failures(Bounds::BrokenForTests);
    assert!(broken > 0, "a broken bound went unnoticed in 60 cases");
}

/// The exhaustive cross-check catches a wrong two-person program: when it forgets the second
/// person's switch limit, or keeps a floor it tracks one half point too high, some generated
/// cases of friends who like the same talks under different rules now get an agenda that
/// breaks a rule or misses the joint optimum.
#[test]
fn a_deliberately_wrong_pair_program_makes_the_exhaustive_cross_check_fail() {
    let mut runner = deterministic_runner();
    let cases = sampled(unlike(2, 9), 60, &mut runner);
    // Floors that bind: a staggered day (the program tracks a floor there).
    let binding = sampled(staggered(), 300, &mut runner);
    for pair in [PairProgram::Positions, PairProgram::Timed] {
        // `caught` asserts that the sound program passes every case.
        assert!(
            caught(&cases, Bounds::WrongPairForTests, pair) > 0,
            "a wrong pair program went unnoticed in 60 cases ({pair:?})"
        );
        assert!(
            caught(&binding, Bounds::HighFloorForTests, pair) > 0,
            "a floor tracked too high went unnoticed in 300 cases ({pair:?})"
        );
    }
}

/// A schedule, its people and the settings they plan with.
type Case = (Schedule, Vec<Request>, Settings);

/// How many of `cases` the exhaustive cross-check fails with the deliberately wrong `bounds`,
/// with the two-person program `pair`; each passes with the sound one.
fn caught(cases: &[Case], bounds: Bounds, pair: PairProgram) -> usize {
    cases
        .iter()
        .filter(|(schedule, people, settings)| {
            let sound = check_together(schedule, people, by(*settings, pair));
            assert!(sound.is_ok(), "{sound:?}");
            let settings = Settings {
                bounds,
                ..by(*settings, pair)
            };
            check_together(schedule, people, settings).is_err()
        })
        .count()
}

/// The exhaustive cross-check catches a wrong sweep in time (the two-person program whose
/// state is each person's situation at a talk's start): one that takes a person as free when
/// their talk ends, forgetting the walk to another building, on days of walking friends; and
/// one that takes its floor's relaxation as proven when its best path is above the floor
/// rather than on it, on staggered days where the floors bind.
#[test]
fn a_deliberately_wrong_sweep_makes_the_exhaustive_cross_check_fail() {
    let mut runner = deterministic_runner();
    let failing = |cases: &[Case], bounds: Bounds| caught(cases, bounds, PairProgram::Timed);
    let walks = sampled(walking(), 100, &mut runner);
    assert!(
        failing(&walks, Bounds::NoWalkForTests) > 0,
        "a sweep forgetting the walks went unnoticed in 100 cases"
    );
    let binding = sampled(staggered(), 300, &mut runner);
    assert!(
        failing(&binding, Bounds::LooseFloorForTests) > 0,
        "a relaxation taken as proven above the floor went unnoticed in 300 cases"
    );
}

/// The exhaustive cross-check catches a wrong sweep of a group (three friends or more, whose
/// sweep lets every set of them enter a talk together): one that forgets the switch limits,
/// on days of friends under different rules; one that frees a person when their talk ends,
/// on days of walking friends; one that keeps a tracked floor a unit too high, on staggered
/// days where the floors bind.
#[test]
fn a_deliberately_wrong_group_sweep_makes_the_exhaustive_cross_check_fail() {
    let mut runner = deterministic_runner();
    let failing = |cases: &[Case], bounds: Bounds| caught(cases, bounds, PairProgram::Cheaper);
    let rules = sampled(unlike(3, 7), 60, &mut runner);
    assert!(
        failing(&rules, Bounds::WrongPairForTests) > 0,
        "a group sweep forgetting the switch limits went unnoticed in 60 cases"
    );
    let four = sampled(unlike(4, 5), 60, &mut runner);
    assert!(
        failing(&four, Bounds::WrongPairForTests) > 0,
        "a sweep of four forgetting the switch limits went unnoticed in 60 cases"
    );
    let walks = sampled(walking_for(3, 7), 100, &mut runner);
    assert!(
        failing(&walks, Bounds::NoWalkForTests) > 0,
        "a group sweep forgetting the walks went unnoticed in 100 cases"
    );
    let binding = sampled(staggered_for(3), 100, &mut runner);
    assert!(
        failing(&binding, Bounds::HighFloorForTests) > 0,
        "a group's floor tracked too high went unnoticed in 100 cases"
    );
}

fn example(name: &str) -> (String, String, Request) {
    let schedule = Schedule::embedded().unwrap();
    let loaded = agenda::prefs::profile::load(name).unwrap();
    let settings = loaded.settings.clone();
    let (request, _) = settings.to_request(&schedule).unwrap();
    (settings.name.unwrap(), name.into(), request)
}

#[test]
fn with_no_bonus_the_example_profiles_score_what_they_would_alone() {
    let schedule = Schedule::embedded().unwrap();
    let people: Vec<_> = profile::EXAMPLES.iter().map(|(n, _)| example(n)).collect();
    let settings = Settings {
        bonus: 0,
        ..Settings::default()
    };
    let joint = together::plan_together(&schedule, &people, settings).unwrap();
    for (m, (name, _, request)) in joint.members.iter().zip(&people) {
        let alone = plan::plan(&schedule, request).unwrap().total;
        assert_eq!(m.attendee.total, alone, "{name}");
        assert_eq!(m.best_alone, alone, "{name}");
    }
}

#[test]
fn an_hour_together_brings_alice_and_bob_together_within_their_floors() {
    let schedule = Schedule::embedded().unwrap();
    let people = vec![example("alice"), example("bob")];
    let no_bonus = Settings {
        bonus: 0,
        ..Settings::default()
    };
    let apart = together::plan_together(&schedule, &people, no_bonus).unwrap();
    let close = together::plan_together(&schedule, &people, Settings::default()).unwrap();
    let minutes = |j: &together::Joint| j.members.iter().map(|m| m.minutes_together).sum::<i64>();
    assert!(
        minutes(&close) > minutes(&apart),
        "company is worth time together"
    );
    // The time together shown is the time the joint value counts: the value is the scores and
    // the bonus for those minutes, nothing else.
    let scores: i64 = close.members.iter().map(|m| m.attendee.total).sum();
    assert_eq!(
        close.value,
        60 * scores + close.settings.bonus * minutes(&close),
        "value = 60·scores + W·minutes together"
    );
    for m in &close.members {
        assert!(
            m.attendee.total >= m.floor,
            "{} keeps the floor",
            m.attendee.name
        );
        assert!(
            m.floor * 100 >= m.best_alone * 80,
            "the floor is 80 % of the best alone"
        );
    }
    let lost: i64 = close
        .members
        .iter()
        .map(|m| m.best_alone - m.attendee.total)
        .sum();
    assert!(lost > 0, "company costs interest here");
}

#[test]
fn a_floor_of_one_keeps_everyone_at_their_best_alone() {
    let schedule = Schedule::embedded().unwrap();
    let people = vec![example("alice"), example("bob"), example("carol")];
    let strict = Settings {
        min_own: 100,
        bonus: 20,
        ..Settings::default()
    };
    let joint = together::plan_together(&schedule, &people, strict).unwrap();
    for m in &joint.members {
        assert_eq!(m.attendee.total, m.best_alone, "{}", m.attendee.name);
    }
}

#[test]
fn an_impossible_min_shared_says_so_and_names_n() {
    let schedule = Schedule::embedded().unwrap();
    let people = vec![example("alice"), example("bob")];
    let err = together::plan_together(
        &schedule,
        &people,
        Settings {
            bonus: 0,
            min_shared: 500,
            ..Settings::default()
        },
    )
    .unwrap_err();
    assert!(
        matches!(
            agenda::error::kind(&err),
            Some(agenda::error::Error::JointInfeasible {
                min_shared: 500,
                ..
            })
        ),
        "{err:#}"
    );
    assert_eq!(agenda::error::exit_code(&err), 2);
    assert!(format!("{err:#}").contains("--min-shared 500"), "{err:#}");
}

#[test]
fn the_schedule_hash_is_stable_and_changes_with_the_schedule() {
    let a = Schedule::embedded().unwrap();
    let hash = schedule_hash(&a).unwrap();
    // Pinned: the hash must be the same on every run and platform for this schedule text.
    assert_eq!(hash, schedule_hash(&Schedule::embedded().unwrap()).unwrap());
    assert!(
        hash.starts_with("fnv1a64:") && hash.len() == 8 + 16,
        "{hash}"
    );
    let mut b = a.clone();
    b.sessions[0].title.push('!');
    assert_ne!(hash, schedule_hash(&b).unwrap());
    // Where it was read from does not count.
    let mut c = a.clone();
    c.source = "elsewhere.ron".into();
    assert_eq!(hash, schedule_hash(&c).unwrap());
}

#[test]
fn a_saved_plan_round_trips_in_ron_and_json() {
    let schedule = Schedule::embedded().unwrap();
    let (name, _, request) = example("carol");
    let planned = plan::plan(&schedule, &request).unwrap();
    let saved = SavedPlan::new(&schedule, &Default::default(), &name, &request, &planned).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for file in ["carol.ron", "carol.json"] {
        let path = dir.path().join(file);
        saved.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.trim_start().starts_with('{'), file.ends_with(".json"));
        let back = SavedPlan::load(&path).unwrap();
        assert_eq!(back, saved);
        assert_eq!(back.resolve(&schedule, file).unwrap(), planned.chosen);
        assert_eq!(back.settings.to_request(&schedule).unwrap().0, request);
    }
}

#[test]
fn a_saved_plan_for_another_schedule_is_refused() {
    let schedule = Schedule::embedded().unwrap();
    let (name, _, request) = example("alice");
    let planned = plan::plan(&schedule, &request).unwrap();
    let saved = SavedPlan::new(&schedule, &Default::default(), &name, &request, &planned).unwrap();
    let mut other = schedule.clone();
    other.sessions[3].minutes += 5;
    let err = saved.resolve(&other, "alice.ron").unwrap_err();
    assert_eq!(agenda::error::exit_code(&err), 2);
    let text = format!("{err}");
    assert!(text.contains("another schedule"), "{text}");
}

#[test]
fn saving_replaces_a_file_only_with_a_complete_one_and_leaves_no_temporary() {
    let schedule = Schedule::embedded().unwrap();
    let (name, _, request) = example("bob");
    let planned = plan::plan(&schedule, &request).unwrap();
    let saved = SavedPlan::new(&schedule, &Default::default(), &name, &request, &planned).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bob.ron");
    std::fs::write(&path, "old contents").unwrap();
    saved.save(&path).unwrap();
    assert_eq!(SavedPlan::load(&path).unwrap(), saved);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["bob.ron".to_string()]);
    // A failed write (the directory is gone) leaves nothing behind and reports the path.
    let missing = dir.path().join("gone").join("bob.ron");
    let err = saved.save(&missing).unwrap_err();
    assert!(format!("{err:#}").contains("bob.ron"));
    assert!(!missing.exists());
}

/// The free runs of at least `meet::MIN_MINUTES` (or of 5 minutes holding a break or social
/// event), found minute by minute: a minute is free when nobody sits in a talk that keeps them
/// (one they score above 0 or share with a friend; a talk that only fills time alone does not)
/// and nobody is busy. (The example profiles' must-see talks all score above 0.)
fn free_runs_minute_by_minute(
    schedule: &Schedule,
    attendees: &[agenda::friends::Attendee],
) -> Vec<(chrono::NaiveDateTime, chrono::NaiveDateTime)> {
    use agenda::friends::meet;
    let mut expected = Vec::new();
    for day in schedule.days() {
        let on_day: Vec<&Session> = attendees
            .iter()
            .flat_map(|a| {
                a.chosen.iter().copied().filter(|&i| {
                    a.scores[i].half_points > 0
                        || attendees.iter().filter(|b| b.attends(i)).count() > 1
                })
            })
            .map(|i| &schedule.sessions[i])
            .filter(|s| s.day == day.index)
            .collect();
        let Some(first) = on_day.iter().map(|s| s.start_at()).min() else {
            continue;
        };
        let last = on_day.iter().map(|s| s.end_at()).max().unwrap();
        let free = |t: chrono::NaiveDateTime| {
            on_day
                .iter()
                .all(|s| !(s.start_at() <= t && t < s.end_at()))
                && attendees.iter().all(|a| {
                    a.request
                        .limits
                        .busy
                        .iter()
                        .all(|b| !(b.from <= t && t < b.until))
                })
        };
        let mut t = first;
        let mut run: Option<chrono::NaiveDateTime> = None;
        while t <= last {
            match (free(t) && t < last, run) {
                (true, None) => run = Some(t),
                (false, Some(from)) => {
                    let holds_break = schedule.sessions.iter().any(|s| {
                        matches!(s.kind, Kind::Break | Kind::Social)
                            && s.start_at() < t
                            && from < s.end_at()
                    });
                    let long = (t - from).num_minutes();
                    if long >= meet::MIN_MINUTES || (long >= 5 && holds_break) {
                        expected.push((from, t));
                    }
                    run = None;
                }
                _ => {}
            }
            t += chrono::Duration::minutes(1);
        }
    }
    expected.extend(free_breaks_minute_by_minute(schedule, attendees, &expected));
    expected.sort();
    expected
}

/// The breaks and social events of 5 minutes or more in which, minute by minute, nobody sits
/// in a talk that keeps them and nobody is busy, that no run in `runs` overlaps (the evening's
/// social event after the last talk), each once.
fn free_breaks_minute_by_minute(
    schedule: &Schedule,
    attendees: &[agenda::friends::Attendee],
    runs: &[(chrono::NaiveDateTime, chrono::NaiveDateTime)],
) -> Vec<(chrono::NaiveDateTime, chrono::NaiveDateTime)> {
    let keeps = |a: &agenda::friends::Attendee, i: usize| {
        a.scores[i].half_points > 0 || attendees.iter().filter(|b| b.attends(i)).count() > 1
    };
    let free = |t: chrono::NaiveDateTime| {
        attendees.iter().all(|a| {
            a.chosen.iter().all(|&i| {
                let s = &schedule.sessions[i];
                !(keeps(a, i) && s.start_at() <= t && t < s.end_at())
            }) && a
                .request
                .limits
                .busy
                .iter()
                .all(|b| !(b.from <= t && t < b.until))
        })
    };
    let mut found: Vec<(chrono::NaiveDateTime, chrono::NaiveDateTime)> = Vec::new();
    for s in &schedule.sessions {
        if !matches!(s.kind, Kind::Break | Kind::Social) || s.minutes < 5 {
            continue;
        }
        let (from, until) = (s.start_at(), s.end_at());
        let mut t = from;
        let mut all_free = true;
        while t < until {
            all_free &= free(t);
            t += chrono::Duration::minutes(1);
        }
        let held = runs.iter().any(|&(a, b)| a < until && from < b);
        if all_free && !held && !found.contains(&(from, until)) {
            found.push((from, until));
        }
    }
    found
}

#[test]
fn meeting_windows_are_exactly_the_free_runs_of_fifteen_minutes_found_minute_by_minute() {
    use agenda::friends::{Attendee, meet};
    let schedule = Schedule::embedded().unwrap();
    let mut people = vec![example("alice"), example("bob"), example("carol")];
    // Bob is busy over the first lunch: the lunch window shrinks.
    people[1].2.limits.busy.push(Busy {
        day: 1,
        from: NaiveDate::from_ymd_opt(2025, 9, 30)
            .unwrap()
            .and_hms_opt(13, 0, 0)
            .unwrap(),
        until: NaiveDate::from_ymd_opt(2025, 9, 30)
            .unwrap()
            .and_hms_opt(13, 40, 0)
            .unwrap(),
    });
    let joint = together::plan_together(&schedule, &people, Settings::default()).unwrap();
    let attendees: Vec<Attendee> = joint.members.iter().map(|m| m.attendee.clone()).collect();
    let windows = meet::meetings(&schedule, &attendees, &[]);
    let expected = free_runs_minute_by_minute(&schedule, &attendees);
    // The free windows (those in one room are checked in the test below).
    let found: Vec<_> = windows
        .iter()
        .filter(|w| matches!(w.kind, meet::Kind::Free | meet::Kind::Break))
        .map(|w| (w.from, w.until))
        .collect();
    assert_eq!(found, expected);
    assert!(!windows.is_empty());
    let lunch = windows
        .iter()
        .find(|w| w.kind == meet::Kind::Break && w.what.iter().any(|b| b.contains("Lunch")))
        .unwrap();
    assert!(lunch.place.is_some(), "a room is suggested");
    assert!(
        windows.iter().all(
            |w| w.from.time() != chrono::NaiveTime::from_hms_opt(13, 0, 0).unwrap()
                || w.until.time() <= chrono::NaiveTime::from_hms_opt(13, 0, 0).unwrap()
        ),
        "Bob's busy window is not a meeting time"
    );
}

#[test]
fn windows_in_one_room_are_exactly_the_runs_everyone_sits_there_found_minute_by_minute() {
    use agenda::friends::{Attendee, meet};
    let schedule = Schedule::embedded().unwrap();
    let people = vec![example("alice"), example("bob")];
    let joint = together::plan_together(&schedule, &people, Settings::default()).unwrap();
    let attendees: Vec<Attendee> = joint.members.iter().map(|m| m.attendee.clone()).collect();
    let windows = meet::meetings(&schedule, &attendees, &[]);
    // Minute by minute, without the module's interval arithmetic: a minute is "together in R"
    // when every person sits in a talk in room R that keeps them (each person's talks here are
    // attended together or scored; a shared talk always keeps).
    let keeping: Vec<Vec<usize>> = (0..attendees.len())
        .map(|p| meet::keeping(&schedule, &attendees, p))
        .collect();
    let mut expected = Vec::new();
    for day in schedule.days() {
        let minutes_of = |t: chrono::NaiveDateTime| -> Option<String> {
            let mut rooms = keeping.iter().map(|k| {
                k.iter()
                    .map(|&i| &schedule.sessions[i])
                    .find(|s| s.day == day.index && s.start_at() <= t && t < s.end_at())
                    .map(|s| s.room.clone())
            });
            let first = rooms.next()??;
            rooms
                .all(|r| r.as_deref() == Some(first.as_str()))
                .then_some(first)
        };
        let (start, end) = (day.start, day.end);
        let mut t = start;
        let mut run: Option<(chrono::NaiveDateTime, String)> = None;
        while t <= end {
            let now = if t < end { minutes_of(t) } else { None };
            if run.as_ref().map(|(_, r)| Some(r)) != Some(now.as_ref()) {
                if let Some((from, room)) = run.take()
                    && (t - from).num_minutes() >= meet::MIN_MINUTES
                {
                    expected.push((from, t, room));
                }
                run = now.map(|r| (t, r));
            }
            t += chrono::Duration::minutes(1);
        }
    }
    let found: Vec<_> = windows
        .iter()
        .filter(|w| w.kind == meet::Kind::Together)
        .map(|w| (w.from, w.until, w.place.clone().unwrap().room))
        .collect();
    assert!(!expected.is_empty(), "alice and bob share talks");
    assert_eq!(found, expected);
}

#[test]
fn naming_the_person_keeps_the_kind_of_error_and_its_exit_code() {
    use agenda::error::{Error, exit_code, kind};
    let network = Error::Network {
        url: "http://127.0.0.1:9/x".into(),
        reason: "connection refused".into(),
    };
    let tagged = agenda::friends::tag(network.clone().into(), "alice");
    assert_eq!(kind(&tagged), Some(&network));
    assert_eq!(exit_code(&tagged), 1);
    assert_eq!(
        format!("{tagged:#}"),
        "alice: cannot download http://127.0.0.1:9/x: connection refused"
    );
    let contradiction = Error::Contradiction("two must-see talks overlap".into());
    let tagged = agenda::friends::tag(contradiction.clone().into(), "bob");
    assert_eq!(kind(&tagged), Some(&contradiction));
    assert_eq!(exit_code(&tagged), 2);
}
