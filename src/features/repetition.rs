//! Repetition across a batch: a line whose normalised text recurs on many dumps of the same site
//! is furniture ("Subscribe to our newsletter", the site's menu, its footer), as CCNet found for
//! Common Crawl. A [`SiteMemory`] counts, for each normalised line, how many dumps of a site
//! hold it; the context stages read the count of the *other* dumps as a feature, so a dump
//! filtered alone (no memory) is judged as before.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::tokens::{tokenize, Tokens};
use super::{ngram_key, KeyHasher};

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

/// The key of a line: its tokens (NFKC, lower case, digits folded), so "Posted 12 May" and
/// "Posted 3 June" differ but "Read more »" and "READ MORE »" do not. `None` for a line
/// without tokens.
pub fn line_key(line: &str, tokens: &mut Tokens) -> Option<u64> {
    tokenize(line, tokens);
    if tokens.is_empty() {
        return None;
    }
    let toks: Vec<&str> = tokens.iter().collect();
    Some(ngram_key(&toks))
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
        let mut tokens = Tokens::default();
        let mut keys: Vec<u64> = lines
            .iter()
            .filter_map(|l| line_key(l, &mut tokens))
            .collect();
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
        let mut tokens = Tokens::default();
        lines
            .iter()
            .map(|l| {
                let with = line_key(l, &mut tokens)
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
    fn memory_is_capped() {
        let mut m = SiteMemory::with_cap(2);
        m.add(&["a", "b", "c", "d"]);
        assert_eq!(m.len(), 2);
        m.add(&["a", "b", "c", "d"]);
        assert_eq!(m.len(), 2, "no new lines past the cap");
    }
}
