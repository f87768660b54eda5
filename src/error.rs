//! The kinds of failure, each with its message written once and its exit code decided once.
//!
//! Functions return [`anyhow::Result`] so that callers can add context ("planning with the
//! profile alice.ron"); the kind travels inside as an [`Error`](enum@Error), found again with
//! [`anyhow::Error::downcast_ref`] by [`exit_code`] and by tests that check what went wrong
//! rather than how it is worded. The codes are those of `docs/reference/exit-codes.md`: 0
//! success, 1 a failure that is not the input's fault (an unwritable output, the network, a
//! solver failure, a bug), 2 bad input or a request that has no feasible answer.

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for a failure that is not the input's fault (I/O, network, solver).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for bad input or a request that has no feasible answer.
pub const EXIT_BAD_INPUT: i32 = 2;

/// What went wrong, by kind; [`Error::exit_code`] maps each kind to its exit code (docs/reference/exit-codes.md).
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    /// Input the user can fix: a malformed file, an unknown name, a flag value out of range. The
    /// message says where and what to do.
    #[error("{0}")]
    BadInput(String),
    /// The user's own settings contradict each other before any solving (two must-see talks
    /// that overlap, a talk both must-see and avoided, a must-see inside a busy window); the
    /// message names both sides and what to drop.
    #[error("{0}")]
    Contradiction(String),
    /// A solver proved that no agenda on `days` (day names; empty when not known) meets every
    /// must-see talk and limit.
    #[error("no agenda{} satisfies every must-see talk and limit", on_days(.days))]
    Infeasible {
        /// The days of the part that has no agenda, as [`crate::solve::Day::name`] gives them.
        days: Vec<String>,
    },
    /// No joint agenda meets everyone's must-see talks and limits, the `--min-own` floors, and,
    /// when `min_shared` is above 0, that many talks attended together.
    #[error("{}", joint_infeasible(*.min_shared, *.shareable))]
    JointInfeasible {
        /// The `--min-shared` asked for (0: none).
        min_shared: u32,
        /// When known before solving: how many talks two or more of them may attend at all
        /// (fewer than `min_shared`).
        shareable: Option<usize>,
    },
    /// A schedule with errors (every one listed, as `agenda check` lists them).
    #[error(
        "the schedule has {}:\n{}\n(run `agenda check FILE` to see every problem)",
        crate::text::plural(.errors.len(), "error", "errors"),
        .errors.join("\n")
    )]
    Schedule {
        /// Each error, as [`crate::schedule::validate::Problem`] displays it.
        errors: Vec<String>,
    },
    /// An input file (or standard input) that cannot be read as given: missing, a folder, too
    /// large, binary. The user's to fix, so exit code 2.
    #[error("cannot read {what} {path}: {reason}")]
    Read {
        /// What the input is ("schedule", "profile", "saved plan").
        what: String,
        /// The path as given, or "standard input".
        path: String,
        /// Why, and what to do.
        reason: String,
    },
    /// An output that cannot be written (a folder, a read-only file without `--force`).
    #[error("cannot write {path}: {reason}")]
    Write {
        /// The path as given.
        path: String,
        /// Why, and what to do.
        reason: String,
    },
    /// `--offline` and the address is not in the cache.
    #[error("--offline: {url} is not in the cache{}; run once without --offline to download it", .cache.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    NotCached {
        /// The address asked for.
        url: String,
        /// The cache folder, when there is one.
        cache: Option<String>,
    },
    /// A download that failed (unreachable, cut off, too large) with nothing cached to fall
    /// back on.
    #[error("cannot download {url}: {reason}")]
    Network {
        /// The address asked for.
        url: String,
        /// Why, and what to do.
        reason: String,
    },
    /// The solver failed for another reason than infeasibility (a bug or a solver limit).
    #[error("the solver failed on {on}: {reason}")]
    Solver {
        /// What was being solved ("Saturday", "the joint plan").
        on: String,
        /// The solver's own words.
        reason: String,
    },
}

impl Error {
    /// The process exit code for this kind of failure (docs/reference/exit-codes.md).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::BadInput(_)
            | Error::Contradiction(_)
            | Error::Infeasible { .. }
            | Error::JointInfeasible { .. }
            | Error::Schedule { .. }
            | Error::Read { .. } => EXIT_BAD_INPUT,
            Error::Write { .. }
            | Error::NotCached { .. }
            | Error::Network { .. }
            | Error::Solver { .. } => EXIT_FAILURE,
        }
    }
}

/// " on Saturday and Sunday", or nothing without days.
fn on_days(days: &[String]) -> String {
    if days.is_empty() {
        String::new()
    } else {
        format!(" on {}", days.join(" and "))
    }
}

fn joint_infeasible(min_shared: u32, shareable: Option<usize>) -> String {
    if let Some(shareable) = shareable {
        format!(
            "--min-shared {min_shared} asks for more talks together than there are talks two of you may attend ({shareable}); lower --min-shared"
        )
    } else if min_shared == 0 {
        "no joint agenda satisfies everyone's must-see talks, limits and --min-own floors"
            .to_string()
    } else {
        format!(
            "no joint agenda has {} attended together (--min-shared {min_shared}) within everyone's must-see talks and limits; lower --min-shared",
            crate::text::plural(min_shared, "talk", "talks"),
        )
    }
}

/// A bad-input error ([`Error::BadInput`]) inside an [`anyhow::Error`], the form most call sites
/// return: `bad_input(format!("unknown topic `{t}`; …"))`.
pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    Error::BadInput(message.into()).into()
}

/// The kind of an error: the outermost [`Error`](enum@Error) in its chain (context added on the way up,
/// such as "alice: …", does not change it), or `None` for a failure that has no kind (an
/// unexpected I/O error, a bug).
pub fn kind(error: &anyhow::Error) -> Option<&Error> {
    error.chain().find_map(|e| e.downcast_ref::<Error>())
}

/// The exit code for an error: its kind's [`Error::exit_code`], or 1 when it has none.
pub fn exit_code(error: &anyhow::Error) -> i32 {
    kind(error).map_or(EXIT_FAILURE, Error::exit_code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn context_keeps_the_kind_and_its_exit_code() {
        let e = anyhow::Error::from(Error::Contradiction("x".into())).context("alice");
        assert_eq!(format!("{e:#}"), "alice: x");
        assert_eq!(kind(&e), Some(&Error::Contradiction("x".into())));
        assert_eq!(exit_code(&e), EXIT_BAD_INPUT);
        let net: anyhow::Result<()> = Err(Error::Network {
            url: "http://x".into(),
            reason: "refused".into(),
        }
        .into());
        let net = net.context("bob").unwrap_err();
        assert_eq!(exit_code(&net), EXIT_FAILURE);
        assert_eq!(exit_code(&anyhow::anyhow!("a bug")), EXIT_FAILURE);
    }

    #[test]
    fn infeasible_is_worded_once_with_its_days() {
        assert_eq!(
            Error::Infeasible {
                days: vec!["Sat 1 Mar".into(), "Sun 2 Mar".into()]
            }
            .to_string(),
            "no agenda on Sat 1 Mar and Sun 2 Mar satisfies every must-see talk and limit"
        );
        assert_eq!(
            Error::Infeasible { days: vec![] }.to_string(),
            "no agenda satisfies every must-see talk and limit"
        );
        assert!(
            Error::JointInfeasible {
                min_shared: 1,
                shareable: None
            }
            .to_string()
            .contains("has 1 talk attended together (--min-shared 1)")
        );
    }
}
