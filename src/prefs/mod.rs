//! Preferences: what a person asks of a plan, before and after it meets a schedule.
//!
//! [`Settings`] is what a person says (flags, a profile, a saved plan's settings), typed and
//! checked without a schedule; [`Settings::to_request`] matches it to a schedule and gives the
//! [`Request`] planning ([`crate::plan`]) takes: the [`Interests`] that score each session
//! ([`interests`], [`text_match`], [`tracks`], [`speakers`], [`ratings`], [`favourites`]) and
//! the [`Limits`] (switches, walking times of the [`venue`], busy windows). Profiles
//! ([`profile`]) are RON files of settings. Nothing here plans: preferences do not depend on
//! planning.

pub mod favourites;
pub mod interests;
pub mod profile;
pub mod ratings;
pub mod request;
pub mod settings;
pub mod speakers;
pub mod text_match;
pub mod tracks;
pub mod venue;

pub use interests::{Interests, Scored, Weighted};
pub use request::{Busy, DEFAULT_MAX_SWITCHES, Limits, Request, cancelled_musts};
pub use settings::{BusyWindow, Settings, SwitchLimit};
