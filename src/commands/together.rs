//! `agenda together A B …`: one joint plan, printed in the `compare` layout, with a progress
//! line on stderr while the solver works.

use super::Global;
use crate::cli::TogetherArgs;
use crate::friends::{self, compare::Comparison, together};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// Runs `together`.
pub fn run(global: &Global, args: &TogetherArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let settings = settings(args)?;
    global.refuse_clashes(
        &[("-o", args.out.output.as_deref())],
        &super::people_files(&args.people),
    )?;
    let how = super::Output::from_flags(
        global,
        &args.out,
        &super::Writes {
            command: "together",
            formats: crate::export::format::FRIENDS,
            times: true,
            widths: &[crate::export::Format::Table],
        },
    )?;
    // Everyone's profile or saved plan is read and checked before the schedule.
    let named = friends::read_all(&args.people, global.limit)?;
    let meet = friends::meetings_said(&args.meet, &named)?;
    // Everyone's interests are matched against the talks' words: tokenised while reading.
    let loaded = global.load_timed(global.schedule.as_deref(), crate::import::Need::Texts)?;
    let (schedule, reading) = (loaded.schedule, loaded.stages);
    let people = named
        .into_iter()
        .map(|n| friends::resolve(&schedule, n, global.limit))
        .collect::<anyhow::Result<Vec<_>>>()?;
    for note in friends::older_version_notes(&schedule, &people)? {
        global.note(&note);
    }
    let mut requests = requests_of(global, &schedule, &people)?;
    let meetings = friends::agreed::on_schedule(&schedule, &meet)?;
    keep_meetings_free(&schedule, &mut requests, &meetings)?;
    let joint = plan_with_progress(global, &schedule, &requests, settings)?;
    if global.verbose {
        let mut spent = reading;
        spent.add_all(&joint.stages);
        crate::output::say(format_args!("time per stage: {}", spent.summary()));
    }
    if !joint.optimal {
        global.note(&format!(
            "note: this joint agenda is {}",
            crate::export::joint::quality(&joint)
        ));
    }
    let (shown, attendees) = friends::zone::shift(
        &schedule,
        joint.members.iter().map(|m| m.attendee.clone()).collect(),
        how.options.zone,
    )?;
    let meetings = friends::zone::shift_windows(&schedule, meetings, how.options.zone)?;
    let c = Comparison::new(&shown, attendees, &meetings);
    let doc = crate::export::comparison::Shown {
        comparison: &c,
        joint: Some(&joint),
        title: "planned together",
        published: &schedule,
    };
    super::compare::emit(global, &how, &doc, out)?;
    if let Some(path) = &args.write_model {
        global.write_models(path, &joint.stats.models, &schedule, out)?;
    }
    Ok(())
}

/// The joint model's settings from the flags; `--write-model`'s format is refused here, before
/// planning, which may take long.
fn settings(args: &TogetherArgs) -> anyhow::Result<together::Settings> {
    if let Some(path) = &args.write_model {
        crate::solve::model_file::Format::of(path)?;
    }
    Ok(together::Settings {
        bonus: together::parse_bonus(&args.bonus)?,
        min_own: together::parse_min_own(&args.min_own)?,
        min_shared: args.min_shared,
        time_limit: args
            .time_limit
            .as_deref()
            .map(together::parse_time_limit)
            .transpose()?,
        keep_models: args.write_model.is_some(),
        ..together::Settings::default()
    })
}

/// Each person's name, where they come from, and request.
fn requests_of(
    global: &Global,
    schedule: &crate::schedule::Schedule,
    people: &[friends::Who],
) -> anyhow::Result<Vec<(String, String, crate::prefs::Request)>> {
    people
        .iter()
        .map(|who| {
            let source = match who {
                friends::Who::Profile { source, .. } | friends::Who::Saved { source, .. } => {
                    source.clone()
                }
            };
            Ok((
                who.name().to_string(),
                source,
                who.request(schedule, global.limit)?,
            ))
        })
        .collect()
}

/// Checks that everyone can make every agreed meeting, then adds the meetings to everyone's
/// busy windows (the joint plan keeps them free as it keeps busy windows free).
fn keep_meetings_free(
    schedule: &crate::schedule::Schedule,
    requests: &mut [(String, String, crate::prefs::Request)],
    meetings: &[crate::prefs::Busy],
) -> anyhow::Result<()> {
    let candidates: Vec<friends::agreed::Candidate> = requests
        .iter()
        .map(|(name, _, request)| friends::agreed::Candidate {
            name,
            request,
            fixed: None,
        })
        .collect();
    friends::agreed::check(schedule, &candidates, meetings)?;
    for (_, _, request) in requests.iter_mut() {
        friends::agreed::apply(request, meetings);
    }
    Ok(())
}

/// Plans together with a progress line while it solves; with `--verbose`, the joint model's
/// size.
fn plan_with_progress(
    global: &Global,
    schedule: &crate::schedule::Schedule,
    requests: &[(String, String, crate::prefs::Request)],
    settings: together::Settings,
) -> anyhow::Result<together::Joint> {
    let ticker = Ticker::start(global, settings.time_limit);
    let part = ticker.part.clone();
    let joint = together::plan_together_with(schedule, requests, settings, &mut |p| {
        part.store(p.part * 1000 + p.parts, Ordering::Relaxed);
    });
    ticker.stop();
    let joint = joint?;
    if global.verbose {
        let s = &joint.stats;
        crate::output::say(format_args!(
            "joint model: {} variables, {} constraints; built in {} ms, solved in {} ms",
            s.variables,
            s.constraints,
            s.build.as_millis(),
            s.solve.as_millis()
        ));
        crate::output::say(format_args!(
            "bound: {} of {} talks left out of everyone's models (they cannot be in a best joint agenda)",
            s.left_out, s.scoring
        ));
    }
    Ok(joint)
}

/// The progress line after `secs` seconds on part `k` of `n` (0-based), with the `limit` given.
/// Without a limit, from ten seconds on it says how to stop sooner (the search goes on until
/// its plan is proven best, which on days of many equally liked talks can take minutes), and
/// stays within 80 columns.
fn progress_line(secs: u64, limit: Option<Duration>, (k, n): (usize, usize)) -> String {
    let hint = limit.is_none() && secs >= 10;
    let of = match (n > 1, hint) {
        (true, false) => format!(" (part {} of {n}: one per conference day)", k + 1),
        (true, true) => format!(" (part {} of {n})", k + 1),
        (false, _) => String::new(),
    };
    let limit = limit.map_or(String::new(), |l| {
        format!(", stops at {} s", l.as_secs_f64().ceil())
    });
    let hint = if hint {
        "; --time-limit N stops sooner"
    } else {
        ""
    };
    format!("planning together: {secs} s{limit}{of}{hint} …")
}

/// A progress line on stderr while the joint model is solved: after the first second, every
/// second on a terminal (rewritten in place), every ten seconds otherwise. Silent with --quiet.
struct Ticker {
    part: Arc<AtomicUsize>,
    done: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Ticker {
    fn start(global: &Global, limit: Option<Duration>) -> Ticker {
        let part = Arc::new(AtomicUsize::new(0));
        if global.quiet {
            return Ticker {
                part,
                done: None,
                thread: None,
            };
        }
        let (done, wait) = mpsc::channel::<()>();
        let shared = part.clone();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let terminal = std::io::stderr().is_terminal();
            let every = if terminal { 1 } else { 10 };
            let mut printed = false;
            let mut tick = 0u64;
            while let Err(mpsc::RecvTimeoutError::Timeout) =
                wait.recv_timeout(Duration::from_secs(1))
            {
                tick += 1;
                if !tick.is_multiple_of(every) {
                    continue;
                }
                let p = shared.load(Ordering::Relaxed);
                let line = progress_line(started.elapsed().as_secs(), limit, (p / 1000, p % 1000));
                let mut err = std::io::stderr().lock();
                if terminal {
                    let _ = write!(err, "\r\x1b[2K{line}");
                } else {
                    let _ = writeln!(err, "{line}");
                }
                let _ = err.flush();
                printed = true;
            }
            if printed && terminal {
                let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
            }
        });
        Ticker {
            part,
            done: Some(done),
            thread: Some(thread),
        }
    }

    fn stop(mut self) {
        drop(self.done.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_says_how_to_stop_sooner_only_without_a_limit_and_from_ten_seconds() {
        assert_eq!(progress_line(9, None, (0, 1)), "planning together: 9 s …");
        assert_eq!(
            progress_line(10, None, (0, 1)),
            "planning together: 10 s; --time-limit N stops sooner …"
        );
        let long = progress_line(1000, None, (9, 12));
        assert_eq!(
            long,
            "planning together: 1000 s (part 10 of 12); --time-limit N stops sooner …"
        );
        assert!(long.chars().count() <= 80);
        assert_eq!(
            progress_line(20, Some(Duration::from_secs(30)), (1, 2)),
            "planning together: 20 s, stops at 30 s (part 2 of 2: one per conference day) …"
        );
    }
}
