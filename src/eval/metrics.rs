//! The counts an evaluation keeps and the figures made from them: precision, recall and F1, of
//! lines and of characters, and of each class from the confusion matrix.

use serde::Serialize;

use super::K;

/// Precision, recall and F1 from true-positive, false-positive and false-negative weights.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Prf {
    /// The share of what was predicted that is right.
    pub precision: f64,
    /// The share of what is right that was predicted.
    pub recall: f64,
    /// The harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    /// Precision, recall and F1 of keep decisions, one `(kept, positive, weight)` per item:
    /// the one sweep a threshold search and the report's threshold table both make.
    pub fn of_decisions(items: impl IntoIterator<Item = (bool, bool, f64)>) -> Prf {
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for (kept, positive, weight) in items {
            match (kept, positive) {
                (true, true) => tp += weight,
                (true, false) => fp += weight,
                (false, true) => fn_ += weight,
                (false, false) => {}
            }
        }
        Prf::from_counts(tp, fp, fn_)
    }

    /// The figures from true-positive, false-positive and false-negative weights (0 where undefined).
    pub fn from_counts(tp: f64, fp: f64, fn_: f64) -> Prf {
        let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// Counts of the keep decision against gold, in lines and in characters.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct KeepCounts {
    /// Pages counted.
    pub pages: u64,
    /// Lines counted.
    pub lines: u64,
    /// Characters counted.
    pub chars: u64,
    /// [tp, fp, fn] in lines.
    pub line_counts: [u64; 3],
    /// [tp, fp, fn] in characters.
    pub char_counts: [u64; 3],
    /// Lines kept.
    pub kept_lines: u64,
    /// Characters kept.
    pub kept_chars: u64,
}

impl KeepCounts {
    pub(super) fn add(&mut self, gold: bool, kept: bool, chars: u64) {
        self.lines += 1;
        self.chars += chars;
        if kept {
            self.kept_lines += 1;
            self.kept_chars += chars;
        }
        let slot = match (gold, kept) {
            (true, true) => 0,
            (false, true) => 1,
            (true, false) => 2,
            (false, false) => return,
        };
        self.line_counts[slot] += 1;
        self.char_counts[slot] += chars;
    }

    pub(super) fn merge(&mut self, other: &KeepCounts) {
        self.pages += other.pages;
        self.lines += other.lines;
        self.chars += other.chars;
        for i in 0..3 {
            self.line_counts[i] += other.line_counts[i];
            self.char_counts[i] += other.char_counts[i];
        }
        self.kept_lines += other.kept_lines;
        self.kept_chars += other.kept_chars;
    }

    /// Precision, recall and F1 of the kept lines.
    pub fn by_line(&self) -> Prf {
        let [tp, fp, fn_] = self.line_counts.map(|c| c as f64);
        Prf::from_counts(tp, fp, fn_)
    }

    /// The share of the characters that are kept.
    pub fn kept_share(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.kept_chars as f64 / self.chars as f64
        }
    }

    /// Precision, recall and F1 of the kept characters.
    pub fn by_char(&self) -> Prf {
        let [tp, fp, fn_] = self.char_counts.map(|c| c as f64);
        Prf::from_counts(tp, fp, fn_)
    }
}

/// What a bootstrap draws and sums: the keep view over news pages and over all pages, and the
/// confusion of the verdicts' labels, of one site's pages (or of all of them).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Tally {
    pub(super) news_pages: KeepCounts,
    pub(super) all_pages: KeepCounts,
    pub(super) confusion: [[u64; K]; K],
    /// Characters kept, per gold label ([`Label::ALL`] order): which noise a page lets through.
    pub(super) kept_chars_by_gold: [u64; K],
}

/// Adds one confusion matrix into another.
pub(super) fn add_confusion(into: &mut [[u64; K]; K], from: &[[u64; K]; K]) {
    for (row, other) in into.iter_mut().zip(from) {
        for (c, o) in row.iter_mut().zip(other) {
            *c += o;
        }
    }
}

impl Tally {
    pub(super) fn merge(&mut self, other: &Tally) {
        self.news_pages.merge(&other.news_pages);
        self.all_pages.merge(&other.all_pages);
        add_confusion(&mut self.confusion, &other.confusion);
        for (c, o) in self
            .kept_chars_by_gold
            .iter_mut()
            .zip(other.kept_chars_by_gold)
        {
            *c += o;
        }
    }

    /// The values of the figures `figure_names` names, in that order.
    pub(super) fn figures(&self) -> Vec<f64> {
        let mut v = Vec::with_capacity(8 + K);
        for c in [&self.news_pages, &self.all_pages] {
            let ch = c.by_char();
            v.extend([ch.f1, ch.precision, ch.recall, c.by_line().f1]);
        }
        v.extend(class_prfs(&self.confusion).iter().map(|prf| prf.f1));
        v
    }
}

/// Per-class precision / recall / F1 of the verdicts' labels from `confusion[gold][predicted]`.
pub(super) fn class_prfs(confusion: &[[u64; K]; K]) -> [Prf; K] {
    std::array::from_fn(|k| {
        let tp = confusion[k][k] as f64;
        let predicted: u64 = (0..K).map(|g| confusion[g][k]).sum();
        let support: u64 = confusion[k].iter().sum();
        Prf::from_counts(tp, predicted as f64 - tp, support as f64 - tp)
    })
}
