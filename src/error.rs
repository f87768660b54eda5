//! Error kinds that decide the exit code.
//!
//! Everything that is the user's to fix (a malformed file, an unknown topic, contradictory
//! constraints, an infeasible plan) is a [`UserError`] and exits with code 2; anything else
//! (an unwritable output file, a solver failure) exits with code 1.

use thiserror::Error;

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for a failure that is not the input's fault (I/O, solver).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for bad input or a request that has no feasible answer.
pub const EXIT_BAD_INPUT: i32 = 2;

/// A problem the user can fix by changing their input; maps to exit code 2.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct UserError(pub String);

impl UserError {
    /// Wraps a message as a user error inside an [`anyhow::Error`].
    pub fn err(message: impl Into<String>) -> anyhow::Error {
        anyhow::Error::new(UserError(message.into()))
    }
}

/// The exit code for an error: 2 when any error in its chain is a [`UserError`], else 1.
pub fn exit_code(error: &anyhow::Error) -> i32 {
    if error
        .chain()
        .any(|e| e.downcast_ref::<UserError>().is_some())
    {
        EXIT_BAD_INPUT
    } else {
        EXIT_FAILURE
    }
}
