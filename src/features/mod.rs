//! Featurize: the lines of a page → the inputs of the two model stages.
//!
//! Stage 1 sees a line through its n-gram evidence (naive-Bayes log-odds per label), its own
//! statistics, the same for its neighbours (furniture comes in runs), and its place in the page.
//! Stage 2 ([`context`]) sees the stage-1 probabilities of a window of lines and page-level context.

pub mod context;
mod lexicon;
pub mod prices;
pub mod repetition;
pub mod stats;
pub mod title;
pub mod tokens;
mod unicode;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::label::Label;

/// Standardisation of dense columns: `(x - mean) / std`, fitted on training rows.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Scaler {
    /// Each column's mean.
    pub mean: Vec<f32>,
    /// Each column's standard deviation.
    pub std: Vec<f32>,
}

impl Scaler {
    /// The scaler that changes nothing, for `dim` columns.
    pub fn identity(dim: usize) -> Scaler {
        Scaler {
            mean: vec![0.0; dim],
            std: vec![1.0; dim],
        }
    }

    /// Fits mean and standard deviation per column; constant columns keep std 1.
    pub fn fit<'a>(rows: impl Iterator<Item = &'a [f32]>, dim: usize) -> Scaler {
        let mut sum = vec![0f64; dim];
        let mut sq = vec![0f64; dim];
        let mut n = 0f64;
        for row in rows {
            n += 1.0;
            for (j, &v) in row.iter().enumerate() {
                sum[j] += v as f64;
                sq[j] += (v as f64) * (v as f64);
            }
        }
        let n = n.max(1.0);
        let mean: Vec<f32> = sum.iter().map(|s| (s / n) as f32).collect();
        let std = sq
            .iter()
            .zip(&sum)
            .map(|(q, s)| {
                let var = (q / n - (s / n).powi(2)).max(0.0);
                if var < 1e-12 {
                    1.0
                } else {
                    var.sqrt() as f32
                }
            })
            .collect();
        Scaler { mean, std }
    }

    /// The number of columns.
    pub fn dim(&self) -> usize {
        self.mean.len()
    }

    /// Standardises `row` in place.
    pub fn apply(&self, row: &mut [f32]) {
        for ((v, m), s) in row.iter_mut().zip(&self.mean).zip(&self.std) {
            *v = (*v - m) / s;
        }
    }
}

/// Rows of equal width in one flat buffer: a stage's inputs for every line of a page, built
/// without an allocation per line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    width: usize,
    data: Vec<f32>,
}

impl Rows {
    /// No rows yet, room for `rows` of `width` columns.
    pub fn with_capacity(width: usize, rows: usize) -> Rows {
        Rows {
            width,
            data: Vec::with_capacity(width * rows),
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.data.len().checked_div(self.width).unwrap_or(0)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Row `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&[f32]> {
        self.data.get(i * self.width..(i + 1) * self.width)
    }

    /// The rows in order.
    pub fn iter(&self) -> std::slice::ChunksExact<'_, f32> {
        self.data.chunks_exact(self.width.max(1))
    }

    /// The buffer to append the next row to; [`Rows::end_row`] closes it.
    pub fn buffer(&mut self) -> &mut Vec<f32> {
        &mut self.data
    }

    /// The row just appended, checked for width, for in-place scaling.
    pub fn end_row(&mut self) -> &mut [f32] {
        debug_assert_eq!(self.data.len() % self.width, 0, "row of the wrong width");
        let start = self.data.len().saturating_sub(self.width);
        &mut self.data[start..]
    }
}

impl std::ops::Index<usize> for Rows {
    type Output = [f32];

    fn index(&self, i: usize) -> &[f32] {
        &self.data[i * self.width..(i + 1) * self.width]
    }
}

/// The stage-1 input of one line: the most informative n-grams it contains, each a column of its
/// own, then dense columns (evidence, statistics, neighbours, position).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stage1Row<'a> {
    /// Indices of the line's n-grams that have their own column (below [`Featurizer::direct`]).
    pub grams: &'a [u32],
    /// The value of each of those columns: 1 / sqrt(number of known n-grams in the line).
    pub gram_value: f32,
    /// Scaled dense columns; they follow the direct n-gram columns.
    pub dense: &'a [f32],
}

/// Stage-1 rows of many lines in flat buffers: featurizing allocates nothing per line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stage1Rows {
    dense: Rows,
    grams: Vec<u32>,
    /// Per row: where its n-grams end in `grams`, and their column value.
    ends: Vec<(usize, f32)>,
}

impl Stage1Rows {
    /// No rows yet, room for `rows` with `dense_width` dense columns.
    pub fn with_capacity(dense_width: usize, rows: usize) -> Stage1Rows {
        Stage1Rows {
            dense: Rows::with_capacity(dense_width, rows),
            grams: Vec::new(),
            ends: Vec::with_capacity(rows),
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Row `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<Stage1Row<'_>> {
        let &(end, gram_value) = self.ends.get(i)?;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p].0);
        Some(Stage1Row {
            grams: &self.grams[start..end],
            gram_value,
            dense: self.dense.get(i)?,
        })
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = Stage1Row<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// Copies of rows (training gathers rows from many pages).
impl<'a> Extend<Stage1Row<'a>> for Stage1Rows {
    fn extend<I: IntoIterator<Item = Stage1Row<'a>>>(&mut self, rows: I) {
        for row in rows {
            self.grams.extend_from_slice(row.grams);
            self.ends.push((self.grams.len(), row.gram_value));
            self.dense.buffer().extend_from_slice(row.dense);
            self.dense.end_row();
        }
    }
}

/// What a page's lines look like to the model, computed once per page.
#[derive(Clone, Debug, Default)]
pub struct PageFeatures {
    /// Stage-1 inputs, one row per line.
    pub stage1: Stage1Rows,
    /// Raw (unscaled) statistics per line, reused by stage 2.
    pub stats: Vec<[f32; stats::COUNT]>,
    /// How far each line repeats the page's title ([`title::TitleWords`]), read by every stage.
    pub title: Vec<f32>,
}

/// N-gram evidence: for each n-gram, the log-odds of its presence in each label against the rest
/// (naive Bayes, counted on lines the linear stages never see). A line's evidence for a label is
/// a handful of dense numbers, so the vocabulary can be large while the logistic stages stay small
/// (NB-LR, as in Wang & Manning's NBSVM).
#[derive(Clone, Debug, Serialize, Deserialize, Default)]
pub struct NgramTable {
    /// N-grams, tokens joined by a space (`"read more"` is a bigram).
    pub grams: Vec<String>,
    /// `ratios[g * K + k]`: ln P(g present | label k) - ln P(g present | not k).
    pub ratios: Vec<f32>,
    #[serde(skip)]
    index: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    /// One bit per slot of a 2^FILTER_BITS bitmap, set for the table's keys: most n-grams of a
    /// line are not in the table, and this 128 KiB map (it stays in cache, the 2 MiB index
    /// does not) turns nine in ten of them away before the index is probed.
    #[serde(skip)]
    filter: Vec<u64>,
}

const FILTER_BITS: u32 = 20;

fn filter_slot(key: u64) -> (usize, u64) {
    let bit = key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FILTER_BITS);
    ((bit >> 6) as usize, 1 << (bit & 63))
}

/// N-gram keys are already FNV hashes: the index only spreads them (Fibonacci hashing) instead
/// of hashing them again with SipHash, which was a tenth of the filtering time.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Buffers reused from line to line while featurizing.
#[derive(Default)]
pub struct Scratch {
    tokens: tokens::Tokens,
    keys: Vec<u64>,
}

const K: usize = Label::COUNT;

impl Scratch {
    /// The keys of a line's unigrams and bigrams, in order ([`ngram_keys`]; ASCII lines hashed
    /// as they are tokenized).
    fn ngram_keys(&mut self, line: &str) -> &[u64] {
        if line.is_ascii() {
            ascii_ngram_keys(line, &mut self.keys);
        } else {
            tokens::tokenize(line, &mut self.tokens);
            ngram_keys(&self.tokens, &mut self.keys);
        }
        &self.keys
    }
}

impl NgramTable {
    /// A table of n-grams and their log-odds ratios (`K` per n-gram, in [`Label::ALL`] order).
    pub fn new(grams: Vec<String>, ratios: Vec<f32>) -> NgramTable {
        let mut t = NgramTable {
            grams,
            ratios,
            index: HashMap::default(),
            filter: Vec::new(),
        };
        t.rebuild_index();
        t
    }

    /// Rebuilds the lookup table (it is not serialised).
    pub fn rebuild_index(&mut self) {
        self.index = self
            .grams
            .iter()
            .enumerate()
            .map(|(i, g)| (ngram_key_of_text(g), i as u32))
            .collect();
        self.filter = vec![0; 1 << (FILTER_BITS - 6)];
        for &key in self.index.keys() {
            let (word, bit) = filter_slot(key);
            self.filter[word] |= bit;
        }
    }

    /// Whether `key` may be in the table (false: it is not).
    fn may_hold(&self, key: u64) -> bool {
        let (word, bit) = filter_slot(key);
        self.filter.get(word).is_some_and(|w| w & bit != 0)
    }

    /// The number of n-grams.
    pub fn len(&self) -> usize {
        self.grams.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.grams.is_empty()
    }

    /// The log-odds ratios of n-gram `gram`, in [`Label::ALL`] order.
    pub fn ratios_of(&self, gram: usize) -> &[f32] {
        &self.ratios[gram * K..(gram + 1) * K]
    }

    /// Indices of the known n-grams of a line (each once), and how many n-grams it has in all.
    pub fn lookup(&self, line: &str, scratch: &mut Scratch, grams: &mut Vec<u32>) -> usize {
        let keys = scratch.ngram_keys(line);
        grams.clear();
        grams.extend(
            keys.iter()
                .filter(|&&k| self.may_hold(k))
                .filter_map(|k| self.index.get(k).copied()),
        );
        grams.sort_unstable();
        grams.dedup();
        keys.len()
    }

    /// The evidence columns of a line into `out` ([`EVIDENCE_COLUMNS`] long): per label, the
    /// summed log-odds over sqrt(count) and the strongest single n-gram; then the share of the
    /// line's n-grams that are known.
    fn evidence(&self, line: &str, scratch: &mut Scratch, grams: &mut Vec<u32>, out: &mut [f32]) {
        let total = self.lookup(line, scratch, grams);
        let mut sum = [0f32; K];
        let mut max = [0f32; K];
        for &g in grams.iter() {
            for (k, r) in self.ratios_of(g as usize).iter().enumerate() {
                sum[k] += r;
                max[k] = max[k].max(*r);
            }
        }
        let norm = ((grams.len() + 1) as f32).sqrt();
        for k in 0..K {
            out[k] = sum[k] / norm;
            out[K + k] = max[k];
        }
        out[2 * K] = if total == 0 {
            0.0
        } else {
            grams.len() as f32 / total as f32
        };
    }
}

/// The keys of a line's unigrams and bigrams as the n-gram table keys them, sorted, each once.
pub(crate) fn line_ngram_keys(line: &str, scratch: &mut Scratch) -> Vec<u64> {
    let mut keys = scratch.ngram_keys(line).to_vec();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The name of the column both stages give [`title::TitleWords::matching`].
pub(crate) const TITLE_COLUMN: &str = "repeats the page's title (first line)";

/// Evidence columns per line: K sums, K maxima, coverage.
pub const EVIDENCE_COLUMNS: usize = 2 * K + 1;
/// Columns describing a line itself.
const PER_LINE: usize = EVIDENCE_COLUMNS + stats::COUNT;
/// Columns describing a neighbour: the first of a line's own ([`stats::NEIGHBOUR_COUNT`]).
const PER_NEIGHBOUR: usize = EVIDENCE_COLUMNS + stats::NEIGHBOUR_COUNT;
/// Page columns: relative position, log lines before, log lines after, how far the line
/// repeats the page's title ([`title`]).
const POSITION_COLUMNS: usize = 4;

/// Turns lines into stage-1 rows. Serialised inside the model.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Featurizer {
    /// The n-gram table the evidence is looked up in.
    pub ngrams: NgramTable,
    /// The first `direct` n-grams of the table (the most informative) also get a column of their
    /// own, so stage 1 can weigh them discriminatively, beyond their naive-Bayes evidence.
    pub direct: usize,
    /// Neighbours on each side whose evidence and statistics a line sees.
    pub window: usize,
    /// Scaling of the stage-1 columns.
    pub scaler: Scaler,
}

impl Featurizer {
    /// A featurizer over `ngrams`, with `direct` n-gram columns and `window` neighbours each side.
    pub fn new(ngrams: NgramTable, direct: usize, window: usize) -> Featurizer {
        Featurizer {
            direct: direct.min(ngrams.len()),
            ngrams,
            window,
            scaler: Scaler::identity(Self::dense_dim_for(window)),
        }
    }

    /// Rebuilds lookup tables after deserialising.
    pub fn rebuild_index(&mut self) {
        self.ngrams.rebuild_index();
    }

    fn dense_dim_for(window: usize) -> usize {
        PER_LINE + PER_NEIGHBOUR * 2 * window + 2 * window + POSITION_COLUMNS
    }

    /// Dense columns of a stage-1 row.
    pub fn dense_dim(&self) -> usize {
        Self::dense_dim_for(self.window)
    }

    /// All stage-1 columns: direct n-grams, then dense.
    pub fn dim(&self) -> usize {
        self.direct + self.dense_dim()
    }

    /// Readable names of the stage-1 columns, in order.
    pub fn column_names(&self) -> Vec<String> {
        let mut per_line: Vec<String> = Label::ALL
            .iter()
            .map(|l| format!("n-gram evidence for {l}"))
            .collect();
        per_line.extend(
            Label::ALL
                .iter()
                .map(|l| format!("strongest n-gram for {l}")),
        );
        per_line.push("share of known n-grams".into());
        per_line.extend(stats::NAMES.iter().map(|n| n.to_string()));
        let mut names = Vec::with_capacity(self.dim());
        names.extend(
            self.ngrams.grams[..self.direct]
                .iter()
                .map(|g| format!("n-gram {g:?}")),
        );
        names.extend(window_names(self.window, &per_line, PER_NEIGHBOUR));
        names.extend(
            [
                "relative position",
                "log lines before",
                "log lines after",
                TITLE_COLUMN,
            ]
            .map(String::from),
        );
        names
    }

    /// Computes stage-1 rows (scaled) and raw statistics for the lines of one page.
    pub fn featurize(&self, lines: &[&str]) -> PageFeatures {
        let n = lines.len();
        let stats: Vec<[f32; stats::COUNT]> = lines.iter().map(|l| stats::line_stats(l)).collect();
        let title = title::TitleWords::of_lines(lines);
        let mut grams = Vec::new();
        let mut scratch = Scratch::default();
        let mut stage1 = Stage1Rows::with_capacity(self.dense_dim(), n);
        let per_line: Vec<[f32; PER_LINE]> = lines
            .iter()
            .zip(&stats)
            .map(|(line, st)| {
                let mut v = [0f32; PER_LINE];
                let (evidence, own_stats) = v.split_at_mut(EVIDENCE_COLUMNS);
                self.ngrams
                    .evidence(line, &mut scratch, &mut grams, evidence);
                own_stats.copy_from_slice(st);
                let value = if grams.is_empty() {
                    0.0
                } else {
                    1.0 / (grams.len() as f32).sqrt()
                };
                let direct = grams.iter().filter(|&&g| (g as usize) < self.direct);
                stage1.grams.extend(direct);
                stage1.ends.push((stage1.grams.len(), value));
                v
            })
            .collect();
        for (i, &repeats_title) in title.iter().enumerate() {
            let row = stage1.dense.buffer();
            push_window(row, &per_line, i, self.window, PER_NEIGHBOUR);
            row.push(if n > 1 {
                i as f32 / (n - 1) as f32
            } else {
                0.0
            });
            row.push(ln_1p_count(i));
            row.push(ln_1p_count(n - 1 - i));
            row.push(repeats_title);
            self.scaler.apply(stage1.dense.end_row());
        }
        PageFeatures {
            stage1,
            stats,
            title,
        }
    }
}

/// `ln(1 + n)`, the damped count many columns hold, read from a table for small counts (the
/// logarithm was a twentieth of the filtering time). The table holds what `(n as f32).ln_1p()`
/// gives, so the columns are the same either way.
pub fn ln_1p_count(n: usize) -> f32 {
    const SMALL: usize = 4096;
    static TABLE: OnceLock<Vec<f32>> = OnceLock::new();
    let table = TABLE.get_or_init(|| (0..SMALL).map(|n| (n as f32).ln_1p()).collect());
    table.get(n).copied().unwrap_or_else(|| (n as f32).ln_1p())
}

/// Appends the columns of each line from `i - window` to `i + window` (zeros past the ends of
/// the page): all of line `i`'s, the first `neighbour_width` of a neighbour's; then one flag per
/// neighbour saying whether it exists.
pub(crate) fn push_window<T: AsRef<[f32]>>(
    row: &mut Vec<f32>,
    per_line: &[T],
    i: usize,
    window: usize,
    neighbour_width: usize,
) {
    let (n, w) = (per_line.len() as isize, window as isize);
    let exists = |o: isize| (0..n).contains(&(i as isize + o));
    for o in -w..=w {
        let width = if o == 0 {
            per_line[i].as_ref().len()
        } else {
            neighbour_width
        };
        if exists(o) {
            row.extend_from_slice(&per_line[(i as isize + o) as usize].as_ref()[..width]);
        } else {
            row.extend(std::iter::repeat_n(0.0, width));
        }
    }
    for o in (-w..=w).filter(|o| *o != 0) {
        row.push(if exists(o) { 1.0 } else { 0.0 });
    }
}

/// Names of the columns [`push_window`] writes, given the names of one line's columns.
pub(crate) fn window_names(
    window: usize,
    per_line: &[String],
    neighbour_width: usize,
) -> Vec<String> {
    let w = window as isize;
    let mut names = Vec::new();
    for o in -w..=w {
        let width = if o == 0 {
            per_line.len()
        } else {
            neighbour_width
        };
        for n in &per_line[..width] {
            names.push(match o {
                0 => n.clone(),
                o if o < 0 => format!("line {} above: {n}", -o),
                o => format!("line {o} below: {n}"),
            });
        }
    }
    for o in (-w..=w).filter(|o| *o != 0) {
        names.push(if o < 0 {
            format!("line {} above exists", -o)
        } else {
            format!("line {o} below exists")
        });
    }
    names
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// A stable 64-bit key for an n-gram (FNV-1a over its tokens, 0x01 between them), so lookups
/// need no joined string.
pub fn ngram_key<S: AsRef<str>>(tokens: &[S]) -> u64 {
    let mut h = FNV_OFFSET;
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            h = fnv(h, &[0x01]);
        }
        h = fnv(h, t.as_ref().as_bytes());
    }
    h
}

/// The keys of a line's unigrams and bigrams, in order (`t0`, `t0 t1`, `t1`, `t1 t2`, ...):
/// each bigram's hash goes on from its first token's, so every byte is hashed at most twice.
pub fn ngram_keys(tokens: &tokens::Tokens, out: &mut Vec<u64>) {
    out.clear();
    for i in 0..tokens.len() {
        let Some(t) = tokens.get(i) else { break };
        let uni = fnv(FNV_OFFSET, t.as_bytes());
        out.push(uni);
        if let Some(next) = tokens.get(i + 1) {
            out.push(fnv(fnv(uni, &[0x01]), next.as_bytes()));
        }
    }
}

/// [`ngram_keys`] of an ASCII line's [`tokens::tokenize`] tokens, hashed as the tokens are found
/// instead of written out and read back (the bulk of the input is ASCII). The property test
/// `ascii_keys_equal_the_keys_of_the_tokens` holds the two equal.
fn ascii_ngram_keys(line: &str, out: &mut Vec<u64>) {
    /// A token is complete: its bigram with the previous token, then its unigram.
    fn finish(out: &mut Vec<u64>, prev: &mut Option<u64>, uni: u64, bi: u64) {
        if prev.is_some() {
            out.push(bi);
        }
        out.push(uni);
        *prev = Some(uni);
    }
    out.clear();
    let mut tokens = 0;
    // The previous token's unigram key; the current token's unigram and bigram hashes so far
    // (the bigram's goes on from the previous unigram's, as in `ngram_keys`); its length.
    let mut prev: Option<u64> = None;
    let (mut uni, mut bi, mut len) = (FNV_OFFSET, 0u64, 0usize);
    for b in line.bytes() {
        if tokens >= tokens::MAX_TOKENS {
            return;
        }
        let space = b.is_ascii_whitespace() || b == 0x0b;
        if space || b.is_ascii_punctuation() {
            if len > 0 {
                finish(out, &mut prev, uni, bi);
                tokens += 1;
                len = 0;
            }
            if b.is_ascii_punctuation() && tokens < tokens::MAX_TOKENS {
                let bi = prev.map_or(0, |p| fnv(fnv(p, &[0x01]), &[b]));
                finish(out, &mut prev, fnv(FNV_OFFSET, &[b]), bi);
                tokens += 1;
            }
        } else {
            if len == 0 {
                uni = FNV_OFFSET;
                bi = prev.map_or(0, |p| fnv(p, &[0x01]));
            }
            if len < tokens::MAX_TOKEN_BYTES {
                let c = if b.is_ascii_digit() {
                    b'0'
                } else {
                    b.to_ascii_lowercase()
                };
                uni = fnv(uni, &[c]);
                bi = fnv(bi, &[c]);
            }
            len += 1;
        }
    }
    if len > 0 && tokens < tokens::MAX_TOKENS {
        finish(out, &mut prev, uni, bi);
    }
}

/// The key of an n-gram as stored in the vocabulary (tokens joined by a space; tokens never
/// contain white space).
pub fn ngram_key_of_text(ngram: &str) -> u64 {
    let parts: Vec<&str> = ngram.split(' ').collect();
    ngram_key(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngram_key_of_text_matches_token_keys() {
        let mut toks = tokens::Tokens::default();
        tokens::tokenize("Read MORE", &mut toks);
        let mut keys = Vec::new();
        ngram_keys(&toks, &mut keys);
        assert_eq!(
            keys,
            vec![
                ngram_key_of_text("read"),
                ngram_key_of_text("read more"),
                ngram_key_of_text("more")
            ]
        );
    }

    proptest::proptest! {
        /// The keys hashed while tokenizing an ASCII line are those of its tokens, in order,
        /// including past the token and token-length caps.
        #[test]
        fn ascii_keys_equal_the_keys_of_the_tokens(
            line in "([a-zA-Z0-9]{1,40}|[ \t\x0b\x0c\r\n]{1,3}|[!-/:-@\\[-`{-~]){0,60}|[\x00-\x7f]{0,200}|(a, ){150,250}"
        ) {
            let mut toks = tokens::Tokens::default();
            tokens::tokenize(&line, &mut toks);
            let (mut want, mut got) = (Vec::new(), Vec::new());
            ngram_keys(&toks, &mut want);
            ascii_ngram_keys(&line, &mut got);
            proptest::prop_assert_eq!(got, want);
        }
    }

    fn table() -> NgramTable {
        // "slot" speaks for gambling, "read more" for furniture.
        let mut ratios = vec![0.0; 3 * K];
        ratios[Label::Gambling.index()] = 3.0;
        ratios[K + Label::Furniture.index()] = 2.0;
        ratios[2 * K + Label::Furniture.index()] = 1.0;
        NgramTable::new(
            vec!["slot".into(), "read more".into(), "read".into()],
            ratios,
        )
    }

    #[test]
    fn evidence_sums_known_ngrams() {
        let t = table();
        let mut grams = Vec::new();
        let mut scratch = Scratch::default();
        assert_eq!(t.lookup("Read more", &mut scratch, &mut grams), 3);
        assert_eq!(grams, vec![1, 2]);
        let mut ev = [f32::NAN; EVIDENCE_COLUMNS];
        t.evidence("Read more", &mut scratch, &mut grams, &mut ev);
        assert!(ev.iter().all(|v| v.is_finite()), "every column is written");
        let f = Label::Furniture.index();
        assert!((ev[f] - 3.0 / 3f32.sqrt()).abs() < 1e-6);
        assert_eq!(ev[K + f], 2.0);
        assert!((ev[2 * K] - 2.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn featurize_sees_neighbours() {
        let f = Featurizer::new(table(), 2, 1);
        let feats = f.featurize(&["Read more", "Slot gacor"]);
        let names = f.column_names();
        assert_eq!(names.len(), f.dim());
        assert_eq!(&names[..2], ["n-gram \"slot\"", "n-gram \"read more\""]);
        assert_eq!(feats.stage1.len(), 2);
        assert!(feats.stage1.iter().all(|r| r.dense.len() == f.dense_dim()));
        let row = |i: usize| feats.stage1.get(i).unwrap();
        // "read more" (index 1) has a column of its own; "read" (index 2) only adds evidence.
        assert_eq!(row(0).grams, [1]);
        assert!((row(0).gram_value - 1.0 / 2f32.sqrt()).abs() < 1e-6);
        assert_eq!(row(1).grams, [0]);
        let col = |name: &str| names.iter().position(|n| n == name).unwrap() - f.direct;
        assert_eq!(row(1).dense[col("line 1 above exists")], 1.0);
        assert_eq!(row(1).dense[col("line 1 below exists")], 0.0);
        assert_eq!(
            row(0).dense[col("line 1 below: strongest n-gram for gambling")],
            3.0
        );
        assert_eq!(row(1).dense[col("strongest n-gram for gambling")], 3.0);
    }

    #[test]
    fn ln_1p_count_is_ln_1p() {
        for n in [0, 1, 2, 17, 4095, 4096, 4097, 1 << 20, usize::MAX] {
            assert_eq!(ln_1p_count(n), (n as f32).ln_1p(), "{n}");
        }
    }

    #[test]
    fn scaler_standardises() {
        let rows = [vec![1.0f32, 5.0], vec![3.0, 5.0]];
        let s = Scaler::fit(rows.iter().map(|r| r.as_slice()), 2);
        let mut r = vec![3.0f32, 5.0];
        s.apply(&mut r);
        assert!((r[0] - 1.0).abs() < 1e-6);
        assert_eq!(r[1], 0.0);
    }
}
