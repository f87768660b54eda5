//! The user's folders, by one rule for all of them: the XDG base directories
//! (`$XDG_CONFIG_HOME`, else `~/.config`; `$XDG_CACHE_HOME`, else `~/.cache`; `$XDG_DATA_HOME`,
//! else `~/.local/share`), on every
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

/// `agenda`'s data folder: `$XDG_DATA_HOME/agenda`, else `~/.local/share/agenda`. `None`
/// without a home folder.
pub(crate) fn data() -> Option<PathBuf> {
    Xdg::new().ok().map(|x| x.data_dir().join("agenda"))
}

/// The default plan, `plan.ron` in the data folder: `plan --save` with no file writes it,
/// `now`, `next` and `replan` without a plan read it. An error without a home folder.
pub(crate) fn default_plan() -> anyhow::Result<PathBuf> {
    data().map(|d| d.join("plan.ron")).ok_or_else(|| {
        crate::error::bad_input(
            "there is no home folder to keep the default plan in (neither $XDG_DATA_HOME nor $HOME is set); name a file: `--save FILE`, `--plan FILE`",
        )
    })
}

/// The plan `now`, `next` and `replan` read: the one named, else the default plan, which must
/// exist; `naming` says how the command names one (`--plan FILE`, `agenda replan FILE`).
pub(crate) fn plan_to_read(
    named: Option<&std::path::Path>,
    naming: &str,
) -> anyhow::Result<PathBuf> {
    if let Some(path) = named {
        return Ok(path.to_path_buf());
    }
    let path = default_plan()?;
    if !path.exists() {
        return Err(crate::error::bad_input(format!(
            "there is no default plan yet ({} does not exist); make one with `agenda --schedule FILE|URL plan … --save`, or name a saved plan: `{naming}`",
            path.display()
        )));
    }
    Ok(path)
}

/// The file `--save` names, or, for `--save` with no file, the default plan (its folder made
/// if missing).
pub(crate) fn plan_to_save(named: Option<&std::path::Path>) -> anyhow::Result<PathBuf> {
    if let Some(path) = named {
        return Ok(path.to_path_buf());
    }
    let path = default_plan()?;
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|e| crate::error::Error::Write {
            path: folder.display().to_string(),
            reason: format!("cannot make the data folder ({e}); name a file: `--save FILE`"),
        })?;
    }
    Ok(path)
}
