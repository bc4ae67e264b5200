//! Repetition across a batch: a line whose normalised text recurs on many dumps of the same site
//! is furniture ("Subscribe to our newsletter", the site's menu, its footer), as CCNet found for
//! Common Crawl. A [`SiteMemory`] counts, for each normalised line, how many dumps of a site
//! hold it; the context stages read the count of the *other* dumps as a feature, so a dump
//! filtered alone (no memory) is judged as before.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

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
/// page, so no Unicode normalisation is needed, and the key stays cheap: every line is keyed
/// twice in a batch (counted, then judged). `None` for a line of white space only.
pub fn line_key(line: &str) -> Option<u64> {
    // Eight bytes at a time into an Fx-style mix, then a full avalanche for the hash map.
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    let (mut h, mut word, mut in_word, mut len) = (0u64, 0u64, 0u32, 0u64);
    for &b in line.as_bytes() {
        let c = match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => continue,
            b'A'..=b'Z' => b + 32,
            b'0'..=b'9' => b'0',
            _ => b,
        };
        word = (word << 8) | c as u64;
        in_word += 1;
        len += 1;
        if in_word == 8 {
            h = mix(h, word);
            (word, in_word) = (0, 0);
        }
    }
    if len == 0 {
        return None;
    }
    let mut z = mix(mix(h, word), len);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    Some(z ^ (z >> 31))
}

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
        self.dumps += 1;
        let mut keys: Vec<u64> = lines.iter().filter_map(|l| line_key(l)).collect();
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
        let others = self.dumps.saturating_sub(1);
        lines
            .iter()
            .map(|l| {
                let with = line_key(l)
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

    #[test]
    fn memory_is_capped() {
        let mut m = SiteMemory::with_cap(2);
        m.add(&["a", "b", "c", "d"]);
        assert_eq!(m.len(), 2);
        m.add(&["a", "b", "c", "d"]);
        assert_eq!(m.len(), 2, "no new lines past the cap");
    }
}
