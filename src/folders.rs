//! The user's folders, by one rule for all of them: the XDG base directories
//! (`$XDG_CONFIG_HOME`, else `~/.config`; `$XDG_CACHE_HOME`, else `~/.cache`), on every
//! platform, so the documented paths hold on macOS too. A variable that is empty or not an
//! absolute path is ignored, as the XDG specification says; the rule is the `etcetera` crate's.

use etcetera::base_strategy::{BaseStrategy, Xdg};
use std::path::PathBuf;

/// The configuration folder (`$XDG_CONFIG_HOME`, else `~/.config`); profiles live in
/// `agenda/profiles` inside it. `None` without a home folder.
pub(crate) fn config_home() -> Option<PathBuf> {
    Xdg::new().ok().map(|x| x.config_dir())
}

/// `agenda`'s cache folder: `$XDG_CACHE_HOME/agenda`, else `~/.cache/agenda`. `None` without a
/// home folder.
pub(crate) fn cache() -> Option<PathBuf> {
    Xdg::new().ok().map(|x| x.cache_dir().join("agenda"))
}
