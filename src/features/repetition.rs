//! Repetition across a batch: a line whose normalised text recurs on many pages of the same site
//! is furniture ("Subscribe to our newsletter", the site's menu, its footer), as CCNet found for
//! Common Crawl. A [`SiteMemory`] counts, for each normalised line, how many pages of a site
//! hold it; the context stages read the count of the *other* pages as a feature, so a page
//! filtered alone (no memory) is judged as before.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::stats::is_ascii_space;
use super::KeyHasher;
use crate::error::{Error, ErrorKind, Result};
use crate::framed::{self, FrameError};

/// Distinct lines a memory holds at most; past it, new lines are not counted (memory stays
/// bounded whatever the batch).
pub const DEFAULT_CAP: usize = 4 << 20;

/// How many pages of one site (or batch) hold each normalised line.
#[derive(Clone, Debug)]
pub struct SiteMemory {
    counts: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    pages: u32,
    cap: usize,
    /// The keys ([`page_key`]) of the pages counted with [`SiteMemory::add_page`]: a memory kept
    /// between runs knows the pages it holds, so a page filtered again is not its own repeat.
    page_keys: HashSet<u64, BuildHasherDefault<KeyHasher>>,
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

/// Mixes eight bytes `w` into the hash `h` (Fx-style: a rotation, an xor, a multiplication).
pub(crate) fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// SplitMix64's finaliser: every input bit moves every output bit, so close inputs (counters,
/// keys mixed Fx-style) spread over a table or a pool.
pub(crate) fn avalanche(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A page's key: its lines' keys in order, mixed. A page fetched twice has one key.
pub fn page_key(keys: &[Option<u64>]) -> u64 {
    keys.iter().fold(avalanche(keys.len() as u64), |h, k| {
        avalanche(h ^ k.unwrap_or(u64::MAX))
    })
}

/// The keys of a page's lines, in order.
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
    /// An empty memory holding at most `cap` distinct lines.
    pub(crate) fn with_cap(cap: usize) -> SiteMemory {
        SiteMemory {
            counts: HashMap::default(),
            pages: 0,
            cap,
            page_keys: HashSet::default(),
        }
    }

    /// Counts a page, by its lines' keys, unless a page of the same [`page_key`] was counted
    /// this way before.
    pub(crate) fn add_page(&mut self, page: u64, keys: &[Option<u64>]) {
        if self.page_keys.insert(page) {
            self.add_keys(keys);
        }
    }

    /// Whether a page of this [`page_key`] was counted with [`SiteMemory::add_page`].
    pub(crate) fn holds_page(&self, page: u64) -> bool {
        self.page_keys.contains(&page)
    }

    /// Counts one page: each distinct line once.
    pub fn add(&mut self, lines: &[&str]) {
        self.add_keys(&line_keys(lines));
    }

    /// Like [`SiteMemory::add`], for a page's lines already keyed ([`line_keys`]).
    pub(crate) fn add_keys(&mut self, keys: &[Option<u64>]) {
        self.pages += 1;
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

    /// Pages counted.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Distinct lines held.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether no line is held.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Adds the counts of `other` (pages counted elsewhere) to this memory's; lines past the
    /// cap are not added. Lines are taken in key order, so which ones fit does not depend on
    /// the order of a hash map.
    pub fn merge(&mut self, other: &SiteMemory) {
        self.pages = self.pages.saturating_add(other.pages);
        self.page_keys.extend(&other.page_keys);
        let mut lines: Vec<(u64, u32)> = other.counts.iter().map(|(&k, &c)| (k, c)).collect();
        lines.sort_unstable();
        for (k, c) in lines {
            if let Some(n) = self.counts.get_mut(&k) {
                *n = n.saturating_add(c);
            } else if self.counts.len() < self.cap {
                self.counts.insert(k, c);
            }
        }
    }

    /// For each of a page's lines (the page itself not among those counted): in how many pages
    /// of this memory it occurs.
    pub(crate) fn counts_of_keys(&self, keys: &[Option<u64>]) -> Vec<u32> {
        keys.iter()
            .map(|k| k.and_then(|k| self.counts.get(&k)).copied().unwrap_or(0))
            .collect()
    }

    /// For each of a page's lines (the page itself among those counted): in how many *other*
    /// pages it occurs, and how many other pages there are.
    pub fn others(&self, lines: &[&str]) -> Vec<(u32, u32)> {
        self.others_of_keys(&line_keys(lines))
    }

    /// Like [`SiteMemory::others`], for a page's lines already keyed ([`line_keys`]).
    pub(crate) fn others_of_keys(&self, keys: &[Option<u64>]) -> Vec<(u32, u32)> {
        let others = self.pages.saturating_sub(1);
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

/// A [`SiteMemory`] per site.
pub type SiteMemories = HashMap<String, SiteMemory>;

/// The first bytes of a site-memory file.
const MEMORY_MAGIC: &[u8; 8] = b"CHAFFMEM";
/// The site-memory format this build reads and writes.
pub const MEMORY_VERSION: u16 = 1;

/// One site of a memory file: its name, its pages counted, and its lines' keys and counts.
#[derive(Serialize, Deserialize)]
struct StoredSite {
    site: String,
    pages: u32,
    lines: Vec<(u64, u32)>,
    page_keys: Vec<u64>,
}

/// Reads the site memories that [`save_memories`] wrote, each capped at `DEFAULT_CAP` lines.
pub fn load_memories(path: &Path) -> Result<SiteMemories> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(e, path))?;
    memories_from_bytes(&bytes).map_err(|e| e.with_path(path))
}

/// Parses a site-memory file's bytes (see [`load_memories`]).
pub fn memories_from_bytes(bytes: &[u8]) -> Result<SiteMemories> {
    let corrupt = |m: String| Error::new(ErrorKind::SiteMemoryCorrupt(m));
    let payload = framed::unframe(bytes, MEMORY_MAGIC, MEMORY_VERSION).map_err(|e| match e {
        FrameError::BadMagic => corrupt("bad magic bytes, not a site-memory file".into()),
        FrameError::Version(v) => corrupt(format!(
            "site memory format version {v} (this chaff reads version {MEMORY_VERSION})"
        )),
        e => corrupt(e.to_string()),
    })?;
    let sites: Vec<StoredSite> =
        framed::decode(payload).map_err(|e| corrupt(format!("cannot decode: {e}")))?;
    Ok(sites
        .into_iter()
        .map(|s| {
            let mut memory = SiteMemory {
                pages: s.pages,
                page_keys: s.page_keys.into_iter().collect(),
                ..SiteMemory::default()
            };
            memory.counts.extend(s.lines.into_iter().take(memory.cap));
            (s.site, memory)
        })
        .collect())
}

/// Writes site memories (to a temporary file first, then renamed into place, so an interrupted
/// run leaves the previous file whole). Sites and lines are written in order: the same
/// memories give the same bytes. A site whose lines fill half its cap or more is written
/// without the lines seen on one page only (mostly article text, no evidence of furniture yet),
/// so that over many runs the lines new to a site can still be counted.
pub fn save_memories(memories: &SiteMemories, path: &Path) -> Result<()> {
    framed::write_replacing(
        path,
        &memories_to_bytes(memories).map_err(|e| e.with_path(path))?,
    )
}

fn memories_to_bytes(memories: &SiteMemories) -> Result<Vec<u8>> {
    let mut sites: Vec<StoredSite> = memories
        .iter()
        .map(|(site, m)| {
            let full = m.counts.len() >= m.cap / 2;
            let mut lines: Vec<(u64, u32)> = m
                .counts
                .iter()
                .filter(|&(_, &c)| !full || c > 1)
                .map(|(&k, &c)| (k, c))
                .collect();
            lines.sort_unstable();
            let mut page_keys: Vec<u64> = m.page_keys.iter().copied().collect();
            page_keys.sort_unstable();
            StoredSite {
                site: site.clone(),
                pages: m.pages,
                lines,
                page_keys,
            }
        })
        .collect();
    sites.sort_by(|a, b| a.site.cmp(&b.site));
    let payload = bincode::serialize(&sites).map_err(|e| Error::serialize("the site memory", e))?;
    Ok(framed::frame(MEMORY_MAGIC, MEMORY_VERSION, &payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_other_pages_per_normalised_line() {
        let mut m = SiteMemory::default();
        m.add(&["Home", "Story one.", "Read MORE »", "Home"]);
        m.add(&["home", "Story two.", "Read more »"]);
        m.add(&["HOME", "Story three."]);
        assert_eq!(m.pages(), 3);
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
    fn merged_memories_add_up_and_round_trip_through_a_file() {
        let mut a = SiteMemory::default();
        a.add(&["Home", "Story one."]);
        let mut b = SiteMemory::default();
        b.add(&["home", "Story two."]);
        b.add(&["HOME", "Story three."]);
        a.merge(&b);
        assert_eq!(a.pages(), 3);
        let keys = line_keys(&["Home", "Story two.", "never seen"]);
        assert_eq!(a.counts_of_keys(&keys), [3, 1, 0]);

        let memories: SiteMemories =
            [("a.example".to_string(), a), ("b.example".to_string(), b)].into();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.bin");
        save_memories(&memories, &path).unwrap();
        let back = load_memories(&path).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back["a.example"].pages(), 3);
        assert_eq!(back["a.example"].counts_of_keys(&keys), [3, 1, 0]);
        assert_eq!(back["b.example"].counts_of_keys(&keys), [2, 1, 0]);
        assert_eq!(
            memories_to_bytes(&back).unwrap(),
            memories_to_bytes(&memories).unwrap()
        );
    }

    #[test]
    fn a_site_half_full_forgets_its_lines_seen_once_when_written() {
        let mut m = SiteMemory::with_cap(8);
        m.add(&["Home", "Story one.", "Story two."]);
        m.add(&["Home", "Story three."]);
        let back = memories_from_bytes(&memories_to_bytes(&[("x".to_string(), m)].into()).unwrap())
            .unwrap();
        let keys = line_keys(&["Home", "Story one."]);
        assert_eq!(back["x"].counts_of_keys(&keys), [2, 0]);
        assert_eq!((back["x"].len(), back["x"].pages()), (1, 2));
    }

    #[test]
    fn a_damaged_memory_file_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.bin");
        let mut m = SiteMemory::default();
        m.add(&["Home"]);
        save_memories(&[("x".to_string(), m)].into(), &path).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() - 3);
        std::fs::write(&path, &bytes).unwrap();
        let e = load_memories(&path).unwrap_err().to_string();
        assert!(e.starts_with(&path.display().to_string()), "{e}");
        assert!(
            e.contains("not a usable site memory") && e.contains("truncated"),
            "{e}"
        );
        std::fs::write(&path, b"CHAFFMDL and so on, a model").unwrap();
        let e = load_memories(&path).unwrap_err().to_string();
        assert!(e.contains("bad magic"), "{e}");
    }

    #[test]
    fn memory_is_capped() {
        let mut m = SiteMemory::with_cap(2);
        m.add(&["a", "b", "c", "d"]);
        assert_eq!(m.len(), 2);
        m.add(&["a", "b", "c", "d"]);
        assert_eq!(m.len(), 2, "no new lines past the cap");
        let mut other = SiteMemory::default();
        other.add(&["e", "f"]);
        m.merge(&other);
        assert_eq!((m.len(), m.pages()), (2, 3), "nor when merging");
    }
}
