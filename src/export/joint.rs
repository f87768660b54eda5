//! How a joint plan (`together`) is worded in every format: time spent together and how close
//! to optimal it is.

use crate::friends::together::Joint;

/// `2 h 05 min`, `45 min`, `0 min`.
pub fn hours(minutes: i64) -> String {
    if minutes >= 60 {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    } else {
        format!("{minutes} min")
    }
}

/// How close to optimal: `proven optimal` or `within 1.5 % of optimal (time limit)`.
pub fn quality(joint: &Joint) -> String {
    if joint.optimal {
        "proven optimal".to_string()
    } else {
        format!(
            "within {:.1} % of optimal (stopped at the time limit)",
            joint.gap * 100.0
        )
    }
}
