//! A schedule's fingerprint: FNV-1a (64 bit) of its canonical RON text. Saved plans, `diff`
//! and plan JSON name the schedule they were made on by it; the download cache keys URLs by
//! the same hash.

use super::Schedule;

/// A stable hash of a schedule: FNV-1a (64 bit) of its canonical RON text, as
/// `fnv1a64:` and 16 hex digits. The text does not depend on where the schedule was read from
/// or on the platform, so the same schedule always has the same hash.
///
/// The text is hashed as it is written, never held whole (at 100,000 talks it is 59 MB).
pub fn schedule_hash(schedule: &Schedule) -> anyhow::Result<String> {
    let mut hasher = Fnv1a64::default();
    super::ron_format::write_into(schedule, &mut hasher)?;
    Ok(format!("fnv1a64:{:016x}", hasher.0))
}

/// FNV-1a, 64 bit.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hasher = Fnv1a64::default();
    hasher.add(bytes);
    hasher.0
}

/// FNV-1a (64 bit) of everything written to it.
struct Fnv1a64(u64);

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a64 {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

impl std::fmt::Write for Fnv1a64 {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.add(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_written_piece_by_piece_is_the_hash_of_the_whole_text() {
        let schedule = crate::schedule::Schedule::embedded().unwrap();
        let text = super::super::ron_format::write(&schedule).unwrap();
        assert_eq!(
            schedule_hash(&schedule).unwrap(),
            format!("fnv1a64:{:016x}", fnv1a64(text.as_bytes()))
        );
    }

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
