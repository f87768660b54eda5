//! Scores in half points, the one place they become points.
//!
//! Every score is kept as a whole number of half points (an `i64`: a text match is worth half
//! an interest's weight), so sums are exact and the integer program's objective is integral.
//! [`Points`] is the only conversion to what people and JSON see: `1.5`, `3`, `-0.5`.

use std::fmt;

/// Half points per point.
pub const HALF_POINTS_PER_POINT: i64 = 2;

/// A score, stored exactly as half points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(i64);

impl Points {
    /// The score of `half` half points.
    pub const fn from_half(half: i64) -> Self {
        Points(half)
    }

    /// The score in half points, as the solvers count it.
    pub const fn half(self) -> i64 {
        self.0
    }

    /// The score in points as a number (`3` half points is `1.5`), for JSON and calendars.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / HALF_POINTS_PER_POINT as f64
    }
}

/// `3`, `1.5`, `-0.5`; with `{:+}` a sign also before zero and positive scores (`+1.5`).
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if f.sign_plus() && self.0 >= 0 {
            "+"
        } else {
            ""
        };
        if self.0 % HALF_POINTS_PER_POINT == 0 {
            write!(f, "{sign}{}", self.0 / HALF_POINTS_PER_POINT)
        } else {
            write!(f, "{sign}{:.1}", self.as_f64())
        }
    }
}

/// In JSON a score is a number of points (`1.5`): the one place a score becomes a float.
impl serde::Serialize for Points {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_points_print_as_points_with_one_decimal_only_for_a_half() {
        let shown = |h| Points::from_half(h).to_string();
        assert_eq!(shown(3), "1.5");
        assert_eq!(shown(-4), "-2");
        assert_eq!(shown(-1), "-0.5");
        assert_eq!(shown(0), "0");
        assert_eq!(format!("{:+}", Points::from_half(1)), "+0.5");
        assert_eq!(format!("{:+}", Points::from_half(-3)), "-1.5");
        assert_eq!(format!("{:+}", Points::from_half(4)), "+2");
    }

    #[test]
    fn as_a_number_it_is_half_the_half_points() {
        assert_eq!(Points::from_half(3).as_f64(), 1.5);
        assert_eq!(Points::from_half(-4).as_f64(), -2.0);
        assert_eq!(Points::from_half(7).half(), 7);
    }

    #[test]
    fn in_json_it_is_the_number_of_points() {
        let json = |h| serde_json::to_string(&Points::from_half(h)).unwrap();
        assert_eq!(json(3), "1.5");
        assert_eq!(json(-4), "-2.0");
        assert_eq!(json(0), "0.0");
        assert_eq!(json(-1), "-0.5");
    }
}
