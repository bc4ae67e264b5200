//! Context-stage inputs: a line judged by its neighbours' probabilities (from the stage before)
//! and its place on the page.
//!
//! A lone "Follow" or a short headline is ambiguous; between two lines of prose it is not.
//! Besides a window of neighbours' probabilities, each line sees smoothed probabilities over wider
//! windows, whether a comments or related-links heading is above it, and
//! where it stands relative to the page's main blocks of text, found as maximum-sum runs of
//! (score - 0.5) weighted by length (the body-text-extraction idea of Finn et al.).

use serde::{Deserialize, Serialize};

use super::repetition::SiteMemory;
use super::stats;
use super::{ln_1p_count, push_window, window_names, PageFeatures, Rows, Scaler};
use crate::label::Label;

/// Probabilities below this are clamped before taking logs.
const MIN_PROB: f32 = 1e-4;
/// Half-widths of the windows whose mean probabilities a line sees.
const WIDE_WINDOWS: [usize; 2] = [5, 15];
const K: usize = Label::COUNT;
const FURNITURE: usize = 1;
/// The spam labels, whose share of the page the context stages read.
const SPAM: [Label; 2] = [Label::Gambling, Label::Marketplace];

/// Shape and scaling of the stage-2 inputs. Serialised inside the model.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Context {
    /// Neighbours on each side whose stage-1 log-probabilities a line sees.
    pub window: usize,
    /// Whether the stage sees how often a line recurs on other pages of its site
    /// ([`SiteMemory`]).
    pub repetition: bool,
    /// Scaling of the stage's columns.
    pub scaler: Scaler,
}

impl Context {
    /// A context stage's inputs for `window` neighbours each side, with or without repetition.
    pub fn new(window: usize, repetition: bool) -> Context {
        Context {
            window,
            repetition,
            scaler: Scaler::identity(Self::dim_for(window, repetition)),
        }
    }

    fn dim_for(window: usize, repetition: bool) -> usize {
        Self::base_dim(window) + if repetition { 2 } else { 0 }
    }

    fn base_dim(window: usize) -> usize {
        K * (2 * window + 1)
            + 2 * window
            + K * WIDE_WINDOWS.len()
            + SPAM.len()
            + 4
            + 4
            + 1
            + 1
            + 1
            + 1
            + 2 * MARKERS.len()
            + 3
            + stats::COUNT
    }

    /// The number of input columns.
    pub fn dim(&self) -> usize {
        Self::dim_for(self.window, self.repetition)
    }

    /// Readable names of the stage-2 columns, in order.
    pub fn column_names(&self) -> Vec<String> {
        let own: Vec<String> = Label::ALL
            .iter()
            .map(|l| format!("first-pass log P({l})"))
            .collect();
        let mut names = window_names(self.window, &own, K);
        for r in WIDE_WINDOWS {
            for l in Label::ALL {
                names.push(format!("mean P({l}) of the {r} lines either side"));
            }
        }
        for l in SPAM {
            names.push(format!("page's share of {l} (length-weighted)"));
        }
        for kind in ["news", "content"] {
            names.push(format!("inside the main {kind} block"));
            names.push(format!("log distance to the main {kind} block"));
            names.push(format!("main {kind} block's share of the page"));
            names.push(format!("inside one of the {kind} blocks"));
        }
        names.push("relative position".into());
        names.push("share of the page's text above".into());
        names.push("repeated on the page".into());
        names.push(super::TITLE_COLUMN.into());
        for (kind, _) in MARKERS {
            names.push(format!("below a {kind} heading"));
            names.push(format!("log lines below a {kind} heading"));
        }
        names.push("below a comment attribution".into());
        names.push("log lines below a comment attribution".into());
        names.push("log comment attributions above".into());
        names.extend(stats::NAMES.iter().map(|n| format!("own {n}")));
        if self.repetition {
            names.push("log other pages of the site with this line".into());
            names.push("share of the site's other pages with this line".into());
        }
        names
    }

    /// This stage's rows (scaled) for a page, from its layout, its lines' raw statistics and the
    /// previous stage's probabilities.
    pub fn rows(&self, layout: &PageLayout, feats: &PageFeatures, probs: &[[f32; K]]) -> Rows {
        let n = layout.lens.len();
        let (lens, total_len) = (&layout.lens, layout.total_len);
        let log_probs: Vec<[f32; K]> = probs
            .iter()
            .map(|p| p.map(|v| v.max(MIN_PROB).ln()))
            .collect();

        // Prefix sums of the probabilities for the wide-window means.
        let mut prefix = vec![[0f32; K]; n + 1];
        for i in 0..n {
            for k in 0..K {
                prefix[i + 1][k] = prefix[i][k] + probs[i][k];
            }
        }
        // The page's share of each kind of spam: promo comment threads and product grids are
        // spam from top to bottom. No such sum for news, furniture or other, nor the page's
        // highest P(news): fed on the previous stage's own guess between news and other prose,
        // they turned every line of a page the same way, and a tag page of full articles
        // unsure at stage 1 became `other` from top to bottom.
        let mut spam_share = [0f32; SPAM.len()];
        for (p, l) in probs.iter().zip(lens) {
            for (share, label) in spam_share.iter_mut().zip(SPAM) {
                *share += p[label.index()] * l / total_len;
            }
        }
        let news_score: Vec<f32> = probs.iter().map(|p| p[0]).collect();
        let content_score: Vec<f32> = probs.iter().map(|p| 1.0 - p[FURNITURE]).collect();
        let blocks = [
            Block::find(&news_score, lens),
            Block::find(&content_score, lens),
        ];

        let mut above = 0f32;
        let mut rows = Rows::with_capacity(self.dim(), n);
        for i in 0..n {
            let row = rows.buffer();
            push_window(row, &log_probs, i, self.window, K);
            for r in WIDE_WINDOWS {
                let lo = i.saturating_sub(r);
                let hi = (i + r + 1).min(n);
                let count = (hi - lo - 1) as f32;
                for k in 0..K {
                    let s = prefix[hi][k] - prefix[lo][k] - probs[i][k];
                    row.push(if count > 0.0 { s / count } else { 0.0 });
                }
            }
            row.extend_from_slice(&spam_share);
            for b in &blocks {
                let dist = b.distance(i, n);
                row.push(if dist == 0 { 1.0 } else { 0.0 });
                row.push(ln_1p_count(dist));
                row.push(b.len / total_len);
                row.push(if b.in_any[i] { 1.0 } else { 0.0 });
            }
            row.push(if n > 1 {
                i as f32 / (n - 1) as f32
            } else {
                0.0
            });
            row.push(above / total_len);
            above += lens[i];
            row.push(if layout.repeated[i] { 1.0 } else { 0.0 });
            row.push(feats.title[i]);
            for m in layout.below_marker[i] {
                row.push(if m.is_some() { 1.0 } else { 0.0 });
                row.push(m.map_or(0.0, |m| ln_1p_count(i - m)));
            }
            let (last, count) = layout.attributions_above[i];
            row.push(if count > 0 { 1.0 } else { 0.0 });
            row.push(if count > 0 {
                ln_1p_count(i - last)
            } else {
                0.0
            });
            row.push(ln_1p_count(count as usize));
            row.extend_from_slice(&feats.stats[i]);
            if self.repetition {
                let (with, others) = layout.recurring.get(i).copied().unwrap_or((0, 0));
                row.push(ln_1p_count(with as usize));
                row.push(if others > 0 {
                    with as f32 / others as f32
                } else {
                    0.0
                });
            }
            self.scaler.apply(rows.end_row());
        }
        rows
    }
}

/// What the context stages need to know of a page's lines, whatever the probabilities:
/// computed once per page and shared by every stage.
pub struct PageLayout {
    /// Length of each line in characters.
    lens: Vec<f32>,
    /// All lengths summed (at least 1).
    total_len: f32,
    /// The line's text occurs more than once on the page.
    repeated: Vec<bool>,
    /// The nearest comments / related-links heading above each line, per kind.
    below_marker: Vec<[Option<usize>; MARKERS.len()]>,
    /// The nearest comment attribution above each line and how many there are above it.
    attributions_above: Vec<(usize, u32)>,
    /// Per line: other pages of the site holding it, and other pages counted (zeros alone).
    recurring: Vec<(u32, u32)>,
}

impl PageLayout {
    /// The layout of a page filtered alone.
    pub fn new(lines: &[&str]) -> PageLayout {
        PageLayout::in_batch(lines, None)
    }

    /// The layout of a page that is part of a batch whose lines `memory` counted (this page
    /// among them).
    pub fn in_batch(lines: &[&str], memory: Option<&SiteMemory>) -> PageLayout {
        let recurring = match memory {
            Some(m) => m.others(lines),
            None => vec![(0, 0); lines.len()],
        };
        PageLayout::recurring(lines, recurring)
    }

    /// The layout of a page whose lines recur on `recurring[i].0` of the `recurring[i].1` other
    /// pages of its site ([`SiteMemory::others`]); missing entries count as zeros.
    pub fn recurring(lines: &[&str], mut recurring: Vec<(u32, u32)>) -> PageLayout {
        recurring.resize(lines.len(), (0, 0));
        let lens: Vec<f32> = lines.iter().map(|l| l.chars().count() as f32).collect();
        let total_len = lens.iter().sum::<f32>().max(1.0);
        // Lines sorted by the hash of their text: equal lines sit side by side. Texts are
        // compared only within a run of equal hashes, sorted so that a run of many identical
        // lines costs a sort, not a comparison of every pair (sorting all the texts spent a
        // twentieth of the filtering time in memcmp).
        let trimmed: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
        let mut order: Vec<(u64, usize)> = trimmed
            .iter()
            .map(|t| text_hash(t.as_bytes()))
            .zip(0..)
            .collect();
        order.sort_unstable();
        let mut repeated = vec![false; lines.len()];
        for run in order.chunk_by_mut(|a, b| a.0 == b.0) {
            if run.len() < 2 {
                continue;
            }
            run.sort_unstable_by_key(|&(_, i)| trimmed[i]);
            let same_text = |a: &(u64, usize), b: &(u64, usize)| trimmed[a.1] == trimmed[b.1];
            for equal in run.chunk_by(same_text).filter(|r| r.len() > 1) {
                for &(_, i) in equal {
                    repeated[i] = true;
                }
            }
        }
        let mut last_marker: [Option<usize>; MARKERS.len()] = [None; MARKERS.len()];
        let mut attribution = (0, 0u32);
        let mut below_marker = Vec::with_capacity(lines.len());
        let mut attributions_above = Vec::with_capacity(lines.len());
        let mut lower = String::new();
        // A heading opens the comments or a related-links list only once the page's prose has
        // begun: "12 comments" under a byline counts the comments and links to them, "Trending"
        // at the top heads a menu, and the article below either is not in its list.
        let mut prose_above = false;
        for (i, &line) in trimmed.iter().enumerate() {
            below_marker.push(last_marker);
            attributions_above.push(attribution);
            let is_prose_line = is_prose(line, lens[i]);
            // Lower-casing shrinks a text to a third at most: longer lines cannot be a
            // heading or an attribution, and are not lower-cased.
            if line.len() > 3 * MAX_ATTRIBUTION_BYTES {
                prose_above |= is_prose_line;
                continue;
            }
            lower.clear();
            if line.is_ascii() {
                lower.push_str(line);
                lower.make_ascii_lowercase();
            } else {
                lower.push_str(&line.to_lowercase());
            }
            for (m, (_, heads)) in MARKERS.iter().enumerate() {
                if prose_above && is_marker(&lower, heads) {
                    last_marker[m] = Some(i);
                }
            }
            if is_attribution(&lower) {
                attribution = (i, attribution.1 + 1);
            }
            prose_above |= is_prose_line;
        }
        PageLayout {
            lens,
            total_len,
            repeated,
            below_marker,
            attributions_above,
            recurring,
        }
    }
}

/// A hash of a line's text, to find equal lines: only texts of equal hashes are compared, so
/// any hash finds the same lines. Eight bytes at a time (Fx-style): a byte-wise FNV hash here
/// was 1.5% of the filtering time.
fn text_hash(text: &[u8]) -> u64 {
    use super::repetition::mix;
    let mut words = text.chunks_exact(8);
    let mut h = text.len() as u64;
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        h = mix(h, u64::from_le_bytes(w));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    mix(h, u64::from_le_bytes(last))
}

/// Short lines that open a page's comments or its related-links lists: prose below them is
/// usually not the article.
const MARKERS: [(&str, &[&str]); 2] = [
    (
        "comments",
        &[
            "comments",
            "comment",
            "leave a reply",
            "leave a comment",
            "post a comment",
            "add a comment",
            "responses",
            "replies",
            "reader comments",
            "join the discussion",
            "discussion",
            "comments are closed",
            "trackbacks",
            "what do you think",
            "your comment",
            "speak your mind",
            "thoughts on",
            "responses to",
            "reactions",
            "show comments",
            "view comments",
        ],
    ),
    (
        "related-links",
        &[
            "related",
            "related stories",
            "related articles",
            "related posts",
            "related content",
            "more from",
            "more stories",
            "you may also like",
            "you might also like",
            "recommended",
            "most popular",
            "most read",
            "popular",
            "trending",
            "read next",
            "more on this",
            "also read",
            "latest news",
            "top stories",
        ],
    ),
];

/// A marker line is short and is, or starts with a count and then is, one of the headings
/// ("12 comments", "Related stories:").
/// Comments and related-links headings are short.
const MAX_MARKER_BYTES: usize = 40;

fn is_marker(lower: &str, heads: &[&str]) -> bool {
    if lower.len() > MAX_MARKER_BYTES {
        return false;
    }
    // "29 Comments", "{ 167 comments }", "— Related posts:", "Comments (12)".
    let core = lower
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    // The heading itself, or a count or a few words after it. The first bytes are compared
    // first: most short lines share none with a heading, and are spared a `memcmp` for each of
    // the forty (headings are never empty, as a test checks).
    heads.iter().any(|h| {
        core.as_bytes().first() == h.as_bytes().first()
            && core.starts_with(h)
            && core.len() <= h.len() + 12
    })
}

/// A line of prose is at least this many characters long.
const MIN_PROSE_CHARS: f32 = 80.0;

/// Whether a (trimmed) line of `chars` characters is a sentence of prose: long, and ending as a
/// sentence does (before any closing quote or bracket). Titles, bylines and promos in capitals
/// ("... bonus new member 100%") are not.
pub(crate) fn is_prose(line: &str, chars: f32) -> bool {
    chars >= MIN_PROSE_CHARS
        && line
            .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']'])
            .ends_with(['.', '!', '?', '。', '！', '？', '…'])
}

/// Comment attributions are short.
const MAX_ATTRIBUTION_BYTES: usize = 100;

/// Whether a (lower-cased) line is the attribution line of a reader comment: "Finance Viking
/// said,", "Jane says:", "by ackthpt (218170) writes: on Tuesday July 24, @09:07AM", "March 5,
/// 2012 at 10:32 am", "Reply". Comments come as runs of these, so the context stages count them:
/// one timestamp above the article is a dateline, a dozen mean the prose around is comments.
fn is_attribution(lower: &str) -> bool {
    const WHOLE: [&str; 8] = [
        "reply",
        "reply ↓",
        "log in to reply",
        "reply to this",
        "reply to this comment",
        "permalink",
        "report abuse",
        "report comment",
    ];
    const ENDS: [&str; 8] = [
        "said,",
        "said:",
        "says,",
        "says:",
        "wrote:",
        "writes:",
        "commented:",
        "replied:",
    ];
    const INSIDE: [&str; 3] = ["writes: ", "wrote: ", "says: "];
    if lower.len() > MAX_ATTRIBUTION_BYTES {
        return false;
    }
    // Every pattern but WHOLE has a colon or ends with a comma or colon: most lines are turned
    // away by one scan for ':' instead of a dozen substring searches.
    let has_colon = lower.contains(':');
    WHOLE.contains(&lower)
        || ((has_colon || lower.ends_with(',')) && ENDS.iter().any(|e| lower.ends_with(e)))
        || (has_colon && (INSIDE.iter().any(|e| lower.contains(e)) || has_clock_time(lower)))
}

/// "10:32 am", "@09:07am", "9:04 p.m.": a time of day with am or pm.
fn has_clock_time(lower: &str) -> bool {
    let b = lower.as_bytes();
    b.windows(3).enumerate().any(|(i, w)| {
        if !(w[0] == b':' && w[1].is_ascii_digit() && w[2].is_ascii_digit()) {
            return false;
        }
        if i == 0 || !b[i - 1].is_ascii_digit() {
            return false;
        }
        let rest = lower[i + 3..].trim_start();
        ["am", "pm", "a.m", "p.m"].iter().any(|m| {
            rest.starts_with(m) && !rest[m.len()..].starts_with(|c: char| c.is_alphabetic())
        })
    })
}

/// A block must weigh this share of the page's main block to count as one of its blocks.
const BLOCK_SHARE: f32 = 0.25;

/// The page's blocks of one kind of text: runs of lines whose summed `(score - 0.5) * ln(1 +
/// length)` stays positive (Kadane's scan), each cut at its highest sum. The main block is the
/// run of the highest sum, as a half-open range of line indices (empty when no line scores above
/// 0.5); the others count when they weigh at least [`BLOCK_SHARE`] of it. A tag page or an
/// infinite-scroll page holds several articles with furniture between them, and a line of its
/// third article is as much a line of the page's text as one of its first.
struct Block {
    start: usize,
    end: usize,
    /// Characters in the main block.
    len: f32,
    /// Per line: inside the main block or another block that counts.
    in_any: Vec<bool>,
}

impl Block {
    fn find(scores: &[f32], lens: &[f32]) -> Block {
        // Every run: (its highest sum, start, end at that sum).
        let mut runs: Vec<(f32, usize, usize)> = Vec::new();
        let mut sum = 0f32;
        for (i, (s, l)) in scores.iter().zip(lens).enumerate() {
            if sum <= 0.0 {
                sum = 0.0;
                runs.push((0.0, i, i));
            }
            // Lengths are whole numbers of characters.
            sum += (s - 0.5) * ln_1p_count(*l as usize);
            if let Some(run) = runs.last_mut().filter(|r| sum > r.0) {
                *run = (sum, run.1, i + 1);
            }
        }
        // The first run of the highest sum.
        let best = runs.iter().fold(
            (0f32, 0usize, 0usize),
            |b, r| if r.0 > b.0 { *r } else { b },
        );
        let mut in_any = vec![false; scores.len()];
        for &(weight, start, end) in &runs {
            if weight > 0.0 && weight >= BLOCK_SHARE * best.0 {
                in_any[start..end].fill(true);
            }
        }
        let (start, end) = (best.1, best.2);
        Block {
            start,
            end,
            len: lens[start..end].iter().sum(),
            in_any,
        }
    }

    /// Lines between `i` and the block (0 inside it; `n` when there is no block).
    fn distance(&self, i: usize, n: usize) -> usize {
        if self.end <= self.start {
            n
        } else if i < self.start {
            self.start - i
        } else if i >= self.end {
            i + 1 - self.end
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Lines found repeated by their hashes are those whose trimmed text another line of
        /// the page has.
        #[test]
        fn repeated_lines_are_lines_of_equal_text(
            lines in proptest::collection::vec("( ?[ab]{0,3} ?|[a-c ]{0,20}|x{7,9}|y{15,17})", 0..30)
        ) {
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let layout = PageLayout::recurring(&lines, Vec::new());
            for (i, line) in lines.iter().enumerate() {
                let equal = |(j, other): (usize, &&str)| j != i && other.trim() == line.trim();
                let want = lines.iter().enumerate().any(equal);
                proptest::prop_assert_eq!(layout.repeated[i], want, "{:?}", lines);
            }
        }
    }

    #[test]
    fn headings_are_not_empty() {
        // `is_marker` compares first bytes first: an empty heading would match no line.
        for (_, heads) in MARKERS {
            assert!(heads.iter().all(|h| !h.is_empty()));
        }
    }

    fn p(news: f32) -> [f32; K] {
        [news, 1.0 - news, 0.0, 0.0, 0.0]
    }

    #[test]
    fn main_block_spans_the_prose_run() {
        let scores = [0.1, 0.9, 0.4, 0.9, 0.1, 0.1];
        let lens = [10.0, 300.0, 20.0, 300.0, 10.0, 10.0];
        let b = Block::find(&scores, &lens);
        assert_eq!((b.start, b.end, b.len), (1, 4, 620.0));
        assert_eq!(
            (b.distance(0, 6), b.distance(2, 6), b.distance(5, 6)),
            (1, 0, 2)
        );
        let none = Block::find(&[0.1], &[10.0]);
        assert_eq!((none.start, none.end), (0, 0));
        assert_eq!(none.distance(0, 1), 1);
    }

    /// Two articles with a run of menu lines between them: the first is the main block, the
    /// second one of the page's blocks too; a lone line of prose among the menus is not.
    #[test]
    fn a_second_article_is_one_of_the_blocks() {
        let mut scores = vec![0.9, 0.9];
        let mut lens = vec![300.0, 300.0];
        for _ in 0..6 {
            scores.push(0.05);
            lens.push(10.0);
        }
        scores.extend([0.9, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.6]);
        lens.extend([300.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 40.0]);
        let b = Block::find(&scores, &lens);
        assert_eq!((b.start, b.end), (0, 2));
        let inside: Vec<usize> = (0..scores.len()).filter(|&i| b.in_any[i]).collect();
        assert_eq!(inside, [0, 1, 8]);
    }

    #[test]
    fn markers_are_short_headings() {
        let comments = MARKERS[0].1;
        assert!(is_marker("12 comments", comments));
        assert!(is_marker("leave a reply", comments));
        assert!(is_marker("comments (3)", comments));
        assert!(!is_marker(
            "comments from the minister angered the opposition",
            comments
        ));
        assert!(is_marker("related stories:", MARKERS[1].1));
    }

    #[test]
    fn attributions_are_comment_bylines_and_timestamps() {
        for yes in [
            "finance viking said,",
            "jane says:",
            "by ackthpt (218170) writes: on tuesday july 24, @09:07am (#40748091) homepage",
            "march 5, 2012 at 10:32 am",
            "posted at 9:04 p.m.",
            "reply",
        ] {
            assert!(is_attribution(yes), "{yes}");
        }
        for no in [
            "the minister said the plan would cost more than expected.",
            "he said.",
            "replying to critics, the minister resigned",
            "10:32",
            "the 1:00 amendment",
            "ratio 3:15 ampere",
        ] {
            assert!(!is_attribution(no), "{no}");
        }
    }

    /// The context-stage rows of a page of `lines` whose previous-stage P(news) is `news`.
    fn rows_of(ctx: &Context, lines: &[&str], news: &[f32]) -> Rows {
        let feats = PageFeatures {
            stats: lines.iter().map(|l| stats::line_stats(l)).collect(),
            title: crate::features::title::TitleWords::of_lines(lines),
            ..PageFeatures::default()
        };
        let probs: Vec<[f32; K]> = news.iter().map(|&n| p(n)).collect();
        ctx.rows(&PageLayout::new(lines), &feats, &probs)
    }

    /// The index of the column named `name`.
    fn column(ctx: &Context, name: &str) -> usize {
        ctx.column_names().iter().position(|n| n == name).unwrap()
    }

    #[test]
    fn lines_below_comment_attributions_count_them() {
        let ctx = Context::new(1, false);
        let lines = [
            "Story text, posted at 9:00 am.",
            "More story text.",
            "Jane said,",
            "I disagree with this.",
            "Bob said,",
            "Me too.",
        ];
        let rows = rows_of(&ctx, &lines, &[0.9; 6]);
        let count_col = column(&ctx, "log comment attributions above");
        let count: Vec<f32> = rows.iter().map(|r| r[count_col].exp_m1().round()).collect();
        assert_eq!(count, [0.0, 1.0, 1.0, 2.0, 2.0, 3.0]);
        let dist = column(&ctx, "log lines below a comment attribution");
        assert_eq!(rows[5][dist], 2f32.ln());
    }

    #[test]
    fn lines_below_a_comment_heading_know_it() {
        let ctx = Context::new(1, false);
        let lines = [
            "Councillors voted on Thursday to rebuild the flood wall, which was overtopped twice.",
            "{ 3 Comments }",
            "I disagree with this.",
            "Me too.",
        ];
        let rows = rows_of(&ctx, &lines, &[0.9, 0.1, 0.6, 0.6]);
        let col = column(&ctx, "below a comments heading");
        let got: Vec<f32> = rows.iter().map(|r| r[col]).collect();
        assert_eq!(got, [0.0, 0.0, 1.0, 1.0]);
    }

    #[test]
    fn a_comment_count_or_a_heading_above_the_prose_opens_no_list() {
        let ctx = Context::new(1, false);
        let lines = [
            "Harbour town votes to rebuild its flood wall",
            "SLOT GACOR HARI INI GAMPANG MAXWIN!!! Daftar sekarang di situs judi online, bonus 100%",
            "Trending",
            "12 comments",
            "Councillors voted on Thursday to rebuild the flood wall, which was overtopped twice.",
            "The work is expected to begin in the autumn and to take about eighteen months.",
            "Related stories",
            "Harbour fees to rise",
        ];
        let rows = rows_of(&ctx, &lines, &[0.5; 8]);
        let below = |kind: &str| -> Vec<f32> {
            let col = column(&ctx, &format!("below a {kind} heading"));
            rows.iter().map(|r| r[col]).collect()
        };
        assert_eq!(below("comments"), [0.0; 8]);
        assert_eq!(below("related-links"), [0., 0., 0., 0., 0., 0., 0., 1.]);
    }

    #[test]
    fn prose_is_a_long_line_ending_a_sentence() {
        let long = "Councillors voted on Thursday to rebuild the flood wall, which was overtopped";
        let chars = |s: &str| s.chars().count() as f32;
        for yes in [
            format!("{long} twice."),
            format!("\"{long} twice,\" she said."),
        ] {
            assert!(is_prose(&yes, chars(&yes)), "{yes}");
        }
        let capitals =
            "SLOT GACOR HARI INI GAMPANG MAXWIN!!! Daftar sekarang, situs judi online bonus 100%";
        for no in [long, "He said.", capitals] {
            assert!(!is_prose(no, chars(no)), "{no}");
        }
    }

    #[test]
    fn rows_have_the_named_width_and_see_repeats() {
        let ctx = Context::new(2, false);
        assert_eq!(ctx.column_names().len(), ctx.dim());
        let lines = ["Follow", "Body text of the story.", "Follow"];
        let rows = rows_of(&ctx, &lines, &[0.2, 0.9, 0.2]);
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.len() == ctx.dim()));
        let rep = column(&ctx, "repeated on the page");
        assert_eq!(rows[0][rep], 1.0);
        assert_eq!(rows[1][rep], 0.0);
        let inside = column(&ctx, "inside the main news block");
        assert_eq!((rows[0][inside], rows[1][inside]), (0.0, 1.0));
    }
}
