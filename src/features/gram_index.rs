//! The n-gram table's lookup index: n-gram key → row of the table.
//!
//! Open addressing with linear probing, at most half full, in two flat arrays. The table is
//! megabytes and most probes miss the cache, so a line's keys are looked up in two passes: the
//! first loads every key's home slot with no branch on what it finds, which lets the processor
//! overlap those cache misses; the second settles each key from what was loaded, probing further
//! only on a collision.

/// Fibonacci hashing: n-gram keys are already FNV hashes, this only spreads their high bits.
const SPREAD: u64 = 0x9e37_79b9_7f4a_7c15;

/// Marks an empty slot. A real key of 0 is kept aside in [`GramIndex::zero`].
const EMPTY: u64 = 0;

#[derive(Clone, Debug, Default)]
pub struct GramIndex {
    /// `64 - log2(slots)`: a key's home slot is its spread hash shifted right by this.
    shift: u32,
    keys: Vec<u64>,
    rows: Vec<u32>,
    /// The row of the key 0, if the table has it.
    zero: Option<u32>,
}

impl GramIndex {
    /// Indexes `keys` (row `i` has key `keys[i]`); a key given twice keeps its first row.
    pub fn new(keys: impl ExactSizeIterator<Item = u64>) -> GramIndex {
        let slots = (2 * keys.len()).next_power_of_two().max(16);
        let mut index = GramIndex {
            shift: 64 - slots.trailing_zeros(),
            keys: vec![EMPTY; slots],
            rows: vec![0; slots],
            zero: None,
        };
        for (row, key) in keys.enumerate() {
            let row = row as u32;
            if key == EMPTY {
                index.zero.get_or_insert(row);
                continue;
            }
            let mut slot = index.home(key);
            while index.keys[slot] != EMPTY && index.keys[slot] != key {
                slot = (slot + 1) & (slots - 1);
            }
            if index.keys[slot] == EMPTY {
                index.keys[slot] = key;
                index.rows[slot] = row;
            }
        }
        index
    }

    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(SPREAD) >> self.shift) as usize
    }

    /// The row of `key`, if indexed.
    pub fn get(&self, key: u64) -> Option<u32> {
        if key == EMPTY {
            return self.zero;
        }
        let home = self.home(key);
        self.probe_from(key, home)
    }

    fn probe_from(&self, key: u64, mut slot: usize) -> Option<u32> {
        let mask = self.keys.len().checked_sub(1)?;
        loop {
            match *self.keys.get(slot)? {
                k if k == key => return self.rows.get(slot).copied(),
                EMPTY => return None,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Appends the rows of those of `keys` that are indexed, in the order of `keys`.
    /// `firsts` is a scratch buffer.
    pub fn get_all(&self, keys: &[u64], firsts: &mut Vec<(u64, u32)>, rows: &mut Vec<u32>) {
        if self.keys.is_empty() {
            return;
        }
        // Pass 1: every home slot's key and row, loaded without branching on them.
        firsts.clear();
        firsts.extend(keys.iter().map(|&k| {
            let home = self.home(k);
            (self.keys[home], self.rows[home])
        }));
        // Pass 2: most keys are settled by their home slot (found, or empty: not indexed).
        for (&key, &(first, row)) in keys.iter().zip(firsts.iter()) {
            let row = if key == EMPTY {
                self.zero
            } else if first == key {
                Some(row)
            } else if first == EMPTY {
                None
            } else {
                let mask = self.keys.len() - 1;
                self.probe_from(key, (self.home(key) + 1) & mask)
            };
            rows.extend(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    proptest! {
        /// Equal to a map on any keys, colliding home slots and the key 0 included.
        #[test]
        fn index_equals_a_map(
            stored in proptest::collection::vec(prop_oneof![0u64..64, any::<u64>()], 0..300),
            asked in proptest::collection::vec(prop_oneof![0u64..64, any::<u64>()], 0..300),
        ) {
            let index = GramIndex::new(stored.iter().copied());
            let mut map = HashMap::new();
            for (row, &key) in stored.iter().enumerate() {
                map.entry(key).or_insert(row as u32);
            }
            let asked: Vec<u64> = asked.into_iter().chain(stored.iter().copied()).collect();
            let mut rows = Vec::new();
            index.get_all(&asked, &mut Vec::new(), &mut rows);
            let want: Vec<u32> = asked.iter().filter_map(|k| map.get(k).copied()).collect();
            prop_assert_eq!(&rows, &want);
            for key in asked {
                prop_assert_eq!(index.get(key), map.get(&key).copied());
            }
        }
    }

    #[test]
    fn empty_index_finds_nothing() {
        let index = GramIndex::new(std::iter::empty());
        assert_eq!(index.get(0), None);
        assert_eq!(index.get(42), None);
        let mut rows = Vec::new();
        index.get_all(&[0, 42], &mut Vec::new(), &mut rows);
        assert!(rows.is_empty());
    }
}
