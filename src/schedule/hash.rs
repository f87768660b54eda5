//! A schedule's fingerprint: FNV-1a (64 bit) of its canonical RON text. Saved plans, `diff`
//! and plan JSON name the schedule they were made on by it; the download cache keys URLs by
//! the same hash.

use super::Schedule;

/// A stable hash of a schedule: FNV-1a (64 bit) of its canonical RON text, as
/// `fnv1a64:` and 16 hex digits. The text does not depend on where the schedule was read from
/// or on the platform, so the same schedule always has the same hash.
pub fn schedule_hash(schedule: &Schedule) -> anyhow::Result<String> {
    let text = super::ron_format::write(schedule)?;
    Ok(format!("fnv1a64:{:016x}", fnv1a64(text.as_bytes())))
}

/// FNV-1a, 64 bit.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
