//! The check after solving fails on agendas that break a rule or are not the optimum: each
//! corruption of a real plan is caught and named.

use agenda::plan::{self, verify};

use agenda::prefs::{Busy, Interests, Limits, Request, Weighted};
use agenda::schedule::Schedule;

fn request(limits: Limits) -> Request {
    Request {
        interests: Interests {
            likes: vec![Weighted {
                term: "alpha".into(),
                weight: 1,
            }],
            ..Interests::default()
        },
        limits,
    }
}

fn nights() -> Schedule {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/nights.ron"
    ))
    .unwrap();
    agenda::schedule::ron_format::parse(&text, "nights.ron").unwrap()
}

fn index(schedule: &Schedule, id: &str) -> usize {
    schedule.sessions.iter().position(|s| s.id == id).unwrap()
}

fn failure(schedule: &Schedule, request: &Request, plan: &plan::Plan) -> String {
    format!("{:#}", verify::verify(schedule, request, plan).unwrap_err())
}

#[test]
fn a_real_plan_passes_and_says_it_was_compared_with_the_reference() {
    let schedule = nights();
    let limits = Limits {
        max_switches: None,
        ..Limits::default()
    };
    let planned = plan::plan(&schedule, &request(limits.clone())).unwrap();
    let again = verify::verify(&schedule, &request(limits), &planned).unwrap();
    assert!(again.reference);
    assert_eq!(again.sessions, planned.chosen.len());
}

#[test]
fn a_plan_keeps_its_own_stage_times_beside_the_solvers() {
    use agenda::timing::Stage;
    let schedule = nights();
    let first = plan::plan(&schedule, &request(Limits::default())).unwrap();
    let second = plan::plan(&schedule, &request(Limits::default())).unwrap();
    assert_eq!(first.chosen, second.chosen);
    for planned in [&first, &second] {
        let s = planned.stages;
        // Build also counts preparing the instance, solve also filling free time.
        assert!(s.get(Stage::Build) >= planned.stats.build);
        assert!(s.get(Stage::Solve) >= planned.stats.solve);
        for stage in [Stage::Score, Stage::Verify] {
            assert!(s.get(stage) > std::time::Duration::ZERO, "{stage:?} timed");
        }
        // Reading and writing are the caller's, not the planner's.
        assert_eq!(
            s.get(Stage::Read) + s.get(Stage::Write),
            std::time::Duration::ZERO
        );
    }
}

#[test]
fn two_sessions_at_once_across_midnight_are_caught() {
    let schedule = nights();
    let r = request(Limits {
        max_switches: None,
        ..Limits::default()
    });
    let mut planned = plan::plan(&schedule, &r).unwrap();
    for id in ["late", "midnight"] {
        let i = index(&schedule, id);
        if !planned.chosen.contains(&i) {
            planned.chosen.push(i);
        }
    }
    let text = failure(&schedule, &r, &planned);
    assert!(text.contains("overlap"), "{text}");
    assert!(text.contains("This is a bug"), "{text}");
}

#[test]
fn a_talk_in_a_busy_window_across_midnight_is_caught() {
    let schedule = nights();
    let limits = Limits {
        max_switches: None,
        ..Limits::default()
    };
    let planned = plan::plan(&schedule, &request(limits.clone())).unwrap();
    let night = index(&schedule, "night");
    assert!(planned.chosen.contains(&night));
    // The same agenda, checked against a request that keeps 01:00–02:00 of day 1's night free.
    let day = &schedule.days()[0];
    let busy = Busy::on(
        day,
        chrono::NaiveTime::from_hms_opt(1, 0, 0).unwrap(),
        chrono::NaiveTime::from_hms_opt(2, 0, 0).unwrap(),
    )
    .unwrap();
    let r = request(Limits {
        busy: vec![busy],
        ..limits
    });
    let text = failure(&schedule, &r, &planned);
    assert!(text.contains("busy window day 1 01:00–02:00"), "{text}");
}

#[test]
fn too_many_switches_on_a_conference_day_are_caught() {
    let schedule = nights();
    let unlimited = request(Limits {
        max_switches: None,
        ..Limits::default()
    });
    let planned = plan::plan(&schedule, &unlimited).unwrap();
    assert!(planned.switches[&1] >= 1);
    let strict = request(Limits {
        max_switches: Some(0),
        ..Limits::default()
    });
    let text = failure(&schedule, &strict, &planned);
    assert!(
        text.contains("room switches on day 1, more than --max-switches 0"),
        "{text}"
    );
}

#[test]
fn a_plan_below_the_reference_optimum_is_caught() {
    let schedule = nights();
    let r = request(Limits {
        max_switches: None,
        ..Limits::default()
    });
    let mut planned = plan::plan(&schedule, &r).unwrap();
    // Drop the morning talk of day 2 and claim the lower score: feasible, but not optimal.
    let morning = index(&schedule, "morning");
    planned.chosen.retain(|&c| c != morning);
    planned.total -= planned.scores[morning].half_points;
    let text = failure(&schedule, &r, &planned);
    assert!(
        text.contains("the reference dynamic program finds score"),
        "{text}"
    );
}

#[test]
fn a_misreported_score_is_caught() {
    let schedule = nights();
    let r = request(Limits::default());
    let mut planned = plan::plan(&schedule, &r).unwrap();
    planned.total += 2;
    let text = failure(&schedule, &r, &planned);
    assert!(text.contains("the chosen sessions score"), "{text}");
}
