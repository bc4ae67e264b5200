//! Repetition across a batch: a line whose normalised text recurs on many dumps of the same site
//! is furniture ("Subscribe to our newsletter", the site's menu, its footer), as CCNet found for
//! Common Crawl. A [`SiteMemory`] counts, for each normalised line, how many dumps of a site
//! hold it; the context stages read the count of the *other* dumps as a feature, so a dump
//! filtered alone (no memory) is judged as before.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::stats::is_ascii_space;
use super::KeyHasher;

/// Distinct lines a memory holds at most; past it, new lines are not counted (memory stays
/// bounded whatever the batch).
pub const DEFAULT_CAP: usize = 4 << 20;

/// How many dumps of one site (or batch) hold each normalised line.
#[derive(Clone, Debug)]
pub struct SiteMemory {
    counts: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    dumps: u32,
    cap: usize,
}

impl Default for SiteMemory {
    fn default() -> SiteMemory {
        SiteMemory::with_cap(DEFAULT_CAP)
    }
}

/// The key of a line: its bytes with ASCII letters lower-cased, ASCII digits folded to `0` and
/// white space left out, so "Posted 12 May" and "Posted 3 June" differ but "Read more »",
/// "READ MORE »" and "Read  more »" do not. A site prints its furniture the same way on every
/// page, so no Unicode normalisation is needed, and the key stays cheap: every line of a batch
/// is keyed. `None` for a line of white space only.
pub fn line_key(line: &str) -> Option<u64> {
    // The folded bytes, white space left out, are packed into a buffer without a branch per
    // byte (a space is written and then overwritten), then mixed eight at a time (Fx-style)
    // and given a full avalanche for the hash map. Bytes left over from one block are carried
    // into the next, so the key depends on the folded bytes only, not on where spaces fall.
    const BLOCK: usize = 64;
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    let mut buf = [0u8; 128];
    let (mut h, mut fill, mut len) = (0u64, 0usize, 0u64);
    for block in line.as_bytes().chunks(BLOCK) {
        for &b in block {
            // `fill` stays below 8 + BLOCK: the mask only spares the bounds check.
            buf[fill & 127] = FOLD[usize::from(b)];
            fill += usize::from(!is_ascii_space(b));
        }
        let whole = fill / 8 * 8;
        for word in buf[..whole].chunks_exact(8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            h = mix(h, u64::from_le_bytes(w));
        }
        buf.copy_within(whole..fill, 0);
        len += whole as u64;
        fill -= whole;
    }
    len += fill as u64;
    if len == 0 {
        return None;
    }
    let mut last = [0u8; 8];
    last[..fill].copy_from_slice(&buf[..fill]);
    Some(avalanche(mix(mix(h, u64::from_le_bytes(last)), len)))
}

/// SplitMix64's finaliser: every input bit moves every output bit, so close inputs (counters,
/// keys mixed Fx-style) spread over a table or a pool.
pub(crate) fn avalanche(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The keys of a dump's lines, in order.
pub fn line_keys(lines: &[&str]) -> Vec<Option<u64>> {
    lines.iter().map(|l| line_key(l)).collect()
}

/// Each byte as a line key reads it: ASCII letters lower-cased, ASCII digits as `0`.
const FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b'A'..=b'Z' => c + 32,
            b'0'..=b'9' => b'0',
            _ => c,
        };
        b += 1;
    }
    t
};

impl SiteMemory {
    pub fn with_cap(cap: usize) -> SiteMemory {
        SiteMemory {
            counts: HashMap::default(),
            dumps: 0,
            cap,
        }
    }

    /// Counts one dump: each distinct line once.
    pub fn add(&mut self, lines: &[&str]) {
        self.add_keys(&line_keys(lines));
    }

    /// Like [`SiteMemory::add`], for a dump's lines already keyed ([`line_keys`]).
    pub fn add_keys(&mut self, keys: &[Option<u64>]) {
        self.dumps += 1;
        let mut keys: Vec<u64> = keys.iter().flatten().copied().collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            if let Some(c) = self.counts.get_mut(&k) {
                *c += 1;
            } else if self.counts.len() < self.cap {
                self.counts.insert(k, 1);
            }
        }
    }

    /// Dumps counted.
    pub fn dumps(&self) -> u32 {
        self.dumps
    }

    /// Distinct lines held.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// For each of a dump's lines (the dump itself among those counted): in how many *other*
    /// dumps it occurs, and how many other dumps there are.
    pub fn others(&self, lines: &[&str]) -> Vec<(u32, u32)> {
        self.others_of_keys(&line_keys(lines))
    }

    /// Like [`SiteMemory::others`], for a dump's lines already keyed ([`line_keys`]).
    pub fn others_of_keys(&self, keys: &[Option<u64>]) -> Vec<(u32, u32)> {
        let others = self.dumps.saturating_sub(1);
        keys.iter()
            .map(|k| {
                let with = k
                    .and_then(|k| self.counts.get(&k))
                    .map_or(0, |c| c.saturating_sub(1));
                (with, others)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_other_dumps_per_normalised_line() {
        let mut m = SiteMemory::default();
        m.add(&["Home", "Story one.", "Read MORE »", "Home"]);
        m.add(&["home", "Story two.", "Read more »"]);
        m.add(&["HOME", "Story three."]);
        assert_eq!(m.dumps(), 3);
        let o = m.others(&["Home", "Story one.", "read more »", "never seen"]);
        assert_eq!(o, [(2, 2), (0, 2), (1, 2), (0, 2)]);
    }

    #[test]
    fn keys_ignore_case_digits_and_white_space_only() {
        let key = |l: &str| line_key(l).unwrap();
        assert_eq!(key("Read more »"), key("READ  MORE\t»"));
        assert_eq!(key("Posted 12 May 2024"), key("posted 99 may 1999"));
        assert_ne!(key("Posted 12 May"), key("Posted 12 June"));
        assert_ne!(key("Read more"), key("Read more."));
        // Past eight bytes, and lines that differ only in their last bytes.
        assert_ne!(
            key("Subscribe to our newsletter today"),
            key("Subscribe to our newsletter todaz")
        );
        assert_ne!(key("ab"), key("ab\u{0}"));
        assert_eq!(line_key(" \t "), None);
        assert_eq!(line_key(""), None);
    }

    /// The bytes a key stands for: folded, white space left out.
    fn folded(line: &str) -> Vec<u8> {
        line.bytes()
            .filter(|&b| !is_ascii_space(b))
            .map(|b| FOLD[usize::from(b)])
            .collect()
    }

    proptest::proptest! {
        /// White space anywhere (across the 64-byte blocks too), case and digits leave the key
        /// alone; other bytes change it.
        #[test]
        fn keys_are_equal_exactly_when_the_folded_bytes_are(
            line in "[ -~\t]{0,300}",
            spaces in proptest::collection::vec((0usize..300, "[ \t\n]{1,3}"), 0..12),
            other in "[ -~\t]{0,300}",
        ) {
            let mut spaced = line.to_uppercase();
            for (at, ws) in spaces {
                spaced.insert_str(at.min(spaced.len()), &ws);
            }
            proptest::prop_assert_eq!(line_key(&line), line_key(&spaced));
            proptest::prop_assert_eq!(
                line_key(&line) == line_key(&other),
                folded(&line) == folded(&other)
            );
        }
    }

    #[test]
    fn memory_is_capped() {
        let mut m = SiteMemory::with_cap(2);
        m.add(&["a", "b", "c", "d"]);
        assert_eq!(m.len(), 2);
        m.add(&["a", "b", "c", "d"]);
        assert_eq!(m.len(), 2, "no new lines past the cap");
    }
}
