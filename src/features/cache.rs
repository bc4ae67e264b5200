//! A small per-thread cache of what stage 1 reads off a line alone (its n-gram evidence, its
//! statistics and its direct n-grams), keyed by the line's exact text.
//!
//! Half the lines of a crawl are lines seen a moment before: the menus, share buttons and
//! footers of a site's pages, which sit next to each other in a WET file. Their statistics and
//! n-gram lookups were two fifths of the filtering time. A hit gives back the very values the
//! line would get (the text is compared, not only its hash), so filtering gives the same output
//! with or without it.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use super::PER_LINE;

/// Slots per thread (direct-mapped). 16k slots of at most [`MAX_LEN`] bytes each bound the
/// cache to a few MB per thread.
const SLOTS: usize = 1 << 14;
/// Longer lines are prose, which rarely recurs: they are not cached.
pub(super) const MAX_LEN: usize = 256;

/// What stage 1 reads off one line alone.
#[derive(Clone, Debug)]
pub(super) struct LineParts {
    /// Evidence columns, then statistics.
    pub per_line: [f32; PER_LINE],
    /// The line's n-grams that have a column of their own.
    pub direct: Vec<u32>,
    /// The value of those columns.
    pub value: f32,
}

impl Default for LineParts {
    fn default() -> LineParts {
        LineParts {
            per_line: [0.0; PER_LINE],
            direct: Vec::new(),
            value: 0.0,
        }
    }
}

#[derive(Default)]
struct Slot {
    /// The cache's epoch when this slot was written: older slots are empty.
    epoch: u64,
    hash: u64,
    text: String,
    parts: LineParts,
}

pub(super) struct LineCache {
    /// The n-gram table the cached values were read with ([`next_table_id`]).
    table: u64,
    /// Bumped to empty the cache at once, without touching its slots.
    epoch: u64,
    slots: Vec<Slot>,
}

thread_local! {
    static CACHE: RefCell<LineCache> = const {
        RefCell::new(LineCache { table: 0, epoch: 1, slots: Vec::new() })
    };
}

/// Empties this thread's cache of line features. Output never depends on it; benchmarks that
/// feed the same text again call it so that they measure lines seen for the first time.
pub fn forget_cached_lines() {
    CACHE.with_borrow_mut(|cache| cache.epoch += 1);
}

static NEXT_TABLE_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh identity for an n-gram table, so one thread filtering with two models never reads
/// one's values for the other.
pub(super) fn next_table_id() -> u64 {
    NEXT_TABLE_ID.fetch_add(1, Ordering::Relaxed)
}

impl LineCache {
    /// Runs `f` with this thread's cache, emptied first if it holds another table's values.
    pub(super) fn with<R>(table: u64, f: impl FnOnce(&mut LineCache) -> R) -> R {
        CACHE.with_borrow_mut(|cache| {
            if cache.slots.is_empty() {
                cache.slots.resize_with(SLOTS, Slot::default);
            }
            if cache.table != table {
                cache.table = table;
                cache.epoch += 1;
            }
            f(cache)
        })
    }

    /// The cached parts of `line`, if it was seen last in its slot.
    pub(super) fn get(&self, line: &str, hash: u64) -> Option<&LineParts> {
        let slot = &self.slots[slot_of(hash)];
        (slot.epoch == self.epoch && slot.hash == hash && slot.text == line).then_some(&slot.parts)
    }

    /// Remembers `parts` for `line`, in place of what its slot held (reusing its buffers).
    pub(super) fn put(
        &mut self,
        line: &str,
        hash: u64,
        per_line: &[f32; PER_LINE],
        direct: &[u32],
        value: f32,
    ) {
        let slot = &mut self.slots[slot_of(hash)];
        slot.epoch = self.epoch;
        slot.hash = hash;
        slot.text.clear();
        slot.text.push_str(line);
        slot.parts.per_line = *per_line;
        slot.parts.direct.clear();
        slot.parts.direct.extend_from_slice(direct);
        slot.parts.value = value;
    }
}

fn slot_of(hash: u64) -> usize {
    (hash >> (64 - SLOTS.trailing_zeros())) as usize
}

/// A fast hash of a line's bytes, eight at a time (FxHash's step, then a final mix so the
/// top bits, which pick the slot, depend on every byte).
pub(super) fn line_hash(text: &str) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let bytes = text.as_bytes();
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().unwrap_or_default());
        h = (h.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(SEED);
    (h ^ (h >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_found_only_under_its_own_text_and_table() {
        let line = "Read more";
        let hash = line_hash(line);
        let parts = [1.0; PER_LINE];
        let table = next_table_id();
        LineCache::with(table, |cache| {
            assert!(cache.get(line, hash).is_none());
            cache.put(line, hash, &parts, &[3, 7], 0.5);
            let hit = cache.get(line, hash).expect("just cached");
            assert_eq!((hit.direct.as_slice(), hit.value), (&[3, 7][..], 0.5));
            // Same hash, other text (a forged collision): no hit.
            assert!(cache.get("Read less", hash).is_none());
        });
        // Another table empties the cache, and so does forgetting.
        LineCache::with(next_table_id(), |cache| {
            assert!(cache.get(line, hash).is_none());
            cache.put(line, hash, &parts, &[], 0.0);
        });
        forget_cached_lines();
        LineCache::with(table, |cache| assert!(cache.get(line, hash).is_none()));
    }

    #[test]
    fn the_hash_sees_every_byte_and_the_length() {
        let a = line_hash("Share on Facebook");
        assert_ne!(a, line_hash("Share on Facebooc"));
        assert_ne!(a, line_hash("share on Facebook"));
        assert_ne!(line_hash("ab"), line_hash("ab\0"));
        assert_eq!(a, line_hash("Share on Facebook"));
    }
}
