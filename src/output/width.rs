//! How wide tables are drawn: `--width N`, else `COLUMNS`, else the terminal's width when
//! standard output is a terminal, else [`DEFAULT_WIDTH`] (so pipes and files get the same bytes
//! on every machine).

use crate::error::bad_input;

/// Width used when output is not a terminal and neither `--width` nor `COLUMNS` is given.
pub const DEFAULT_WIDTH: u16 = 100;

/// Narrowest width a table is drawn at; narrower asks get [`DEFAULT_WIDTH`]'s compact view.
pub(crate) const MIN_WIDTH: u16 = 40;

/// Below this width the plan is shown compact (one line per talk) unless asked otherwise.
pub const COMPACT_BELOW: u16 = 80;

/// Parses `--width`: a whole number of columns, at least [`MIN_WIDTH`].
pub(crate) fn parse_width(text: &str) -> anyhow::Result<u16> {
    match text.trim().parse::<u16>() {
        Ok(n) if n >= MIN_WIDTH => Ok(n),
        _ => Err(bad_input(format!(
            "--width `{text}` is not a number of columns from {MIN_WIDTH} to 65535, e.g. `--width 80`"
        ))),
    }
}

/// The width to lay tables out for (see the module docs for the order).
pub fn resolve(flag: Option<u16>) -> u16 {
    if let Some(n) = flag {
        return n;
    }
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|n| *n >= MIN_WIDTH)
    {
        return n;
    }
    // comfy-table asks the terminal only when standard output is one.
    comfy_table::Table::new()
        .width()
        .filter(|n| *n >= MIN_WIDTH)
        .unwrap_or(DEFAULT_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_flag_takes_numbers_from_forty() {
        assert_eq!(parse_width("80").unwrap(), 80);
        let err = parse_width("20").unwrap_err().to_string();
        assert!(err.contains("--width `20`") && err.contains("40"), "{err}");
        assert!(parse_width("wide").is_err());
    }

    #[test]
    fn the_flag_wins_over_everything() {
        assert_eq!(resolve(Some(132)), 132);
    }
}
