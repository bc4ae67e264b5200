//! Metrics: per-class precision / recall / F1 and the confusion matrix of the verdicts' labels, and
//! the keep view (by default the news view): precision / recall / F1 of the kept lines, counted
//! per line and weighted by characters, over all pages, over pages with news, and per source;
//! and the pages that lose the most news or keep the most noise ([`worst_pages`]).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use crate::classify::{Policy, Verdict};
use crate::corpus::SiteMemories;
use crate::error::{Error, Result};
use crate::label::{Label, LabelSet};
use crate::model::{Model, Options};
use crate::rng::Rng;

pub use crate::corpus::{
    labelled_files, per_document_spam, read_file, read_pages, site_memories, with_spam_spliced,
    with_spam_spliced_from, LabelledLine, Page, Splice, SPLICED_GAMBLING, SPLICED_LISTINGS,
};
pub use crate::report::{Curve, ErrorList, Example, Report, ThresholdRow};

const K: usize = Label::COUNT;

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
    fn add(&mut self, gold: bool, kept: bool, chars: u64) {
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

    fn merge(&mut self, other: &KeepCounts) {
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
struct Tally {
    news_pages: KeepCounts,
    all_pages: KeepCounts,
    confusion: [[u64; K]; K],
    /// Characters kept, per gold label ([`Label::ALL`] order): which noise a page lets through.
    kept_chars_by_gold: [u64; K],
}

/// Adds one confusion matrix into another.
fn add_confusion(into: &mut [[u64; K]; K], from: &[[u64; K]; K]) {
    for (row, other) in into.iter_mut().zip(from) {
        for (c, o) in row.iter_mut().zip(other) {
            *c += o;
        }
    }
}

impl Tally {
    fn merge(&mut self, other: &Tally) {
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

    /// The values of the figures [`figure_names`] names, in that order.
    fn figures(&self) -> Vec<f64> {
        let mut v = Vec::with_capacity(8 + K);
        for c in [&self.news_pages, &self.all_pages] {
            let ch = c.by_char();
            v.extend([ch.f1, ch.precision, ch.recall, c.by_line().f1]);
        }
        v.extend(class_prfs(&self.confusion).iter().map(|prf| prf.f1));
        v
    }
}

/// The figures that get bootstrap intervals: the kept text on news pages and on all pages, and
/// each class's F1 (named as in [`compare`]).
fn figure_names() -> Vec<String> {
    let mut names = Vec::with_capacity(8 + K);
    for view in ["news pages", "all pages"] {
        for f in ["char F1", "char precision", "char recall", "line F1"] {
            names.push(format!("{view}: {f}"));
        }
    }
    names.extend(Label::ALL.iter().map(|l| format!("class {l}: F1")));
    names
}

/// Per-class precision / recall / F1 of the verdicts' labels from `confusion[gold][predicted]`.
fn class_prfs(confusion: &[[u64; K]; K]) -> [Prf; K] {
    std::array::from_fn(|k| {
        let tp = confusion[k][k] as f64;
        let predicted: u64 = (0..K).map(|g| confusion[g][k]).sum();
        let support: u64 = confusion[k].iter().sum();
        Prf::from_counts(tp, predicted as f64 - tp, support as f64 - tp)
    })
}

/// How pages are judged in an evaluation (for ablations).
#[derive(Clone, Copy, Debug)]
pub struct Judging {
    /// Judge the pages of a site as one batch (repetition across pages is evidence).
    pub batch: bool,
    /// Use only stage 1 and the first `n` context stages (and no batch).
    pub stages: Option<usize>,
}

impl Default for Judging {
    fn default() -> Judging {
        Judging {
            batch: true,
            stages: None,
        }
    }
}

/// Running evaluation over pages.
#[derive(Clone, Debug, Serialize)]
pub struct Evaluation {
    /// The labels counted as "keep" in the gold data (the policy's keep set).
    pub keep: String,
    /// The policy's threshold.
    pub threshold: f32,
    /// `confusion[gold][predicted]`, in [`Label::ALL`] order.
    pub confusion: [[u64; K]; K],
    /// Lines kept, per gold label (all pages): how much of each kind of noise gets through.
    pub kept_by_gold: [u64; K],
    /// The keep view over every page.
    pub all_pages: KeepCounts,
    /// The keep view over pages with at least one news line.
    pub news_pages: KeepCounts,
    /// The keep view per `source`, over all its pages.
    pub per_source: BTreeMap<String, KeepCounts>,
    /// Per site (a page's `site`; its `doc` if it has none or one line): the counts of its
    /// pages, the units [`intervals`] draws.
    #[serde(skip)]
    sites: Vec<Tally>,
    #[serde(skip)]
    site_index: HashMap<String, usize>,
    /// The labels kept (whose lines are gold for the keep view).
    #[serde(skip)]
    keep_labels: LabelSet,
    /// Every page's counts, in the order added, for [`worst_pages`].
    #[serde(skip)]
    pages: Vec<PageTally>,
}

/// One page's counts, with what names it.
#[derive(Clone, Debug)]
struct PageTally {
    doc: String,
    source: String,
    tally: Tally,
}

impl Evaluation {
    /// An empty evaluation of `policy`'s keep decisions.
    pub fn new(policy: &Policy) -> Evaluation {
        Evaluation {
            keep: policy.keep().to_string(),
            threshold: policy.threshold(),
            confusion: [[0; K]; K],
            kept_by_gold: [0; K],
            all_pages: KeepCounts::default(),
            news_pages: KeepCounts::default(),
            per_source: BTreeMap::new(),
            sites: Vec::new(),
            site_index: HashMap::new(),
            keep_labels: policy.keep(),
            pages: Vec::new(),
        }
    }

    /// Counts one page given the model's verdicts on its lines (same order, same length).
    pub fn add_page(&mut self, page: &Page, verdicts: &[Verdict], policy: &Policy) {
        let has_news = page.has_news();
        let source = self.per_source.entry(page.source.clone()).or_default();
        source.pages += 1;
        let mut this = Tally::default();
        this.all_pages.pages = 1;
        for (line, v) in page.lines.iter().zip(verdicts) {
            this.confusion[line.label.index()][v.label.index()] += 1;
            self.kept_by_gold[line.label.index()] += u64::from(v.kept);
            let gold = policy.keep().contains(line.label);
            let chars = line.text.chars().count() as u64;
            source.add(gold, v.kept, chars);
            this.all_pages.add(gold, v.kept, chars);
            if v.kept {
                this.kept_chars_by_gold[line.label.index()] += chars;
            }
        }
        if has_news {
            this.news_pages = this.all_pages;
        }
        // One-line documents (comments, product titles) name a platform as their site: each
        // is drawn on its own, as training splits them.
        let key = if page.site.is_empty() || page.lines.len() == 1 {
            &page.doc
        } else {
            &page.site
        };
        let next = self.sites.len();
        let site = *self.site_index.entry(key.clone()).or_insert(next);
        if site == next {
            self.sites.push(Tally::default());
        }
        self.sites[site].merge(&this);
        self.all_pages.merge(&this.all_pages);
        self.news_pages.merge(&this.news_pages);
        add_confusion(&mut self.confusion, &this.confusion);
        self.pages.push(PageTally {
            doc: page.doc.clone(),
            source: page.source.clone(),
            tally: this,
        });
    }

    /// The counts of every page that [`Tally::figures`] reads, as [`intervals`] sums a draw of
    /// sites (kept characters by gold are only read per page, by [`worst_pages`]).
    fn tally(&self) -> Tally {
        Tally {
            news_pages: self.news_pages,
            all_pages: self.all_pages,
            confusion: self.confusion,
            ..Tally::default()
        }
    }

    /// Runs `model` over `pages` and counts everything. Pages of one site are judged as one
    /// batch (lines recurring across the site's pages count as evidence, if the model reads it).
    pub fn run(model: &Model, pages: &[Page], policy: &Policy) -> Evaluation {
        Evaluation::run_with(model, pages, policy, &Judging::default(), |_, _| {})
    }

    /// Like [`Evaluation::run`], judging as `judging` says and handing each page and its
    /// verdicts to `inspect` (to list errors, say).
    pub fn run_with(
        model: &Model,
        pages: &[Page],
        policy: &Policy,
        judging: &Judging,
        mut inspect: impl FnMut(&Page, &[Verdict]),
    ) -> Evaluation {
        let mut eval = Evaluation::new(policy);
        let memories = if judging.batch && model.uses_repetition() {
            site_memories(pages)
        } else {
            SiteMemories::new()
        };
        for page in pages {
            let texts = page.texts();
            let options = Options::new()
                .site(page.memory(&memories))
                .stages(judging.stages.unwrap_or(usize::MAX));
            let probs = model.probabilities(&texts, &options);
            let verdicts: Vec<Verdict> = probs
                .into_iter()
                .enumerate()
                .map(|(i, p)| Verdict::new(i + 1, p, policy))
                .collect();
            eval.add_page(page, &verdicts, policy);
            inspect(page, &verdicts);
        }
        eval
    }

    /// Lines evaluated.
    pub fn lines(&self) -> u64 {
        self.confusion.iter().flatten().sum()
    }

    /// Per gold label: the lines kept and the lines there are.
    pub fn kept_per_label(&self) -> Vec<(Label, u64, u64)> {
        Label::ALL
            .iter()
            .map(|&l| {
                let k = l.index();
                (l, self.kept_by_gold[k], self.confusion[k].iter().sum())
            })
            .collect()
    }

    /// Per-class precision / recall / F1 of the verdicts' labels, with support (gold count).
    pub fn per_class(&self) -> Vec<(Label, Prf, u64)> {
        let prfs = class_prfs(&self.confusion);
        Label::ALL
            .iter()
            .map(|&l| (l, prfs[l.index()], self.confusion[l.index()].iter().sum()))
            .collect()
    }

    /// [`Evaluation::to_json`], with the intervals of its headline figures if they were drawn
    /// and its worst pages if they were listed.
    pub fn to_json_with(
        &self,
        intervals: Option<&Intervals>,
        worst: Option<&WorstPages>,
    ) -> Result<serde_json::Value> {
        let mut json = self.to_json();
        let value = |v: serde_json::Result<serde_json::Value>| {
            v.map_err(|e| Error::serialize("the evaluation", e))
        };
        if let Some(iv) = intervals {
            json["intervals"] = value(serde_json::to_value(iv))?;
        }
        if let Some(w) = worst {
            json["worst_pages"] = value(serde_json::to_value(w))?;
        }
        Ok(json)
    }

    /// The figures as JSON: everything `report` prints, with the derived scores spelled out.
    pub fn to_json(&self) -> serde_json::Value {
        let view = |c: &KeepCounts| {
            serde_json::json!({
                "counts": c,
                "line": c.by_line(),
                "char": c.by_char(),
            })
        };
        serde_json::json!({
            "lines": self.lines(),
            "keep": self.keep,
            "threshold": self.threshold,
            "per_class": self.per_class().iter().map(|(l, prf, n)| serde_json::json!({
                "label": l, "precision": prf.precision, "recall": prf.recall, "f1": prf.f1, "support": n,
            })).collect::<Vec<_>>(),
            "confusion": { "labels": Label::ALL, "gold_by_predicted": self.confusion },
            "kept_by_gold": self.kept_per_label().into_iter().map(|(l, kept, lines)| (l.as_str().to_string(), serde_json::json!({
                "kept": kept, "lines": lines,
            }))).collect::<BTreeMap<_, _>>(),
            "keep_view": {
                "all_pages": view(&self.all_pages),
                "news_pages": view(&self.news_pages),
                "per_source": self.per_source.iter().map(|(s, c)| (s.clone(), view(c))).collect::<BTreeMap<_, _>>(),
            },
        })
    }

    /// A plain-text report, in the spirit of `fasttext test-label`.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "N\t{}", self.lines());
        let _ = writeln!(out, "\nper class (the verdicts' labels)");
        let _ = writeln!(
            out,
            "{:<12} {:>9} {:>9} {:>9} {:>9}",
            "label", "precision", "recall", "F1", "support"
        );
        for (l, prf, n) in self.per_class() {
            let _ = writeln!(
                out,
                "{:<12} {:>9.4} {:>9.4} {:>9.4} {:>9}",
                l.as_str(),
                prf.precision,
                prf.recall,
                prf.f1,
                n
            );
        }
        let _ = writeln!(out, "\nconfusion (rows: gold, columns: predicted)");
        let _ = write!(out, "{:<12}", "");
        for l in Label::ALL {
            let _ = write!(out, " {:>11}", l.as_str());
        }
        let _ = writeln!(out);
        for g in Label::ALL {
            let _ = write!(out, "{:<12}", g.as_str());
            for p in Label::ALL {
                let _ = write!(out, " {:>11}", self.confusion[g.index()][p.index()]);
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "\nkept lines by gold label (all pages)");
        let _ = writeln!(
            out,
            "{:<12} {:>9} {:>9} {:>9}",
            "label", "kept", "of", "share"
        );
        for (l, kept, lines) in self.kept_per_label() {
            let share = if lines == 0 {
                0.0
            } else {
                kept as f64 / lines as f64
            };
            let _ = writeln!(
                out,
                "{:<12} {:>9} {:>9} {:>9.4}",
                l.as_str(),
                kept,
                lines,
                share
            );
        }
        let _ = writeln!(
            out,
            "\nkept text (keep {} at P >= {:.3}): precision / recall / F1 by line and by character",
            self.keep, self.threshold
        );
        let _ = writeln!(
            out,
            "{:<24} {:>6} {:>8} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7} {:>7}",
            "pages", "n", "lines", "P", "R", "F1", "cP", "cR", "cF1", "kept"
        );
        let mut row = |name: &str, c: &KeepCounts| {
            let (l, ch) = (c.by_line(), c.by_char());
            let kept = c.kept_share();
            let _ = writeln!(
                out,
                "{:<24} {:>6} {:>8} {:>7.4} {:>7.4} {:>7.4}   {:>7.4} {:>7.4} {:>7.4} {:>7.4}",
                name,
                c.pages,
                c.lines,
                l.precision,
                l.recall,
                l.f1,
                ch.precision,
                ch.recall,
                ch.f1,
                kept
            );
        };
        row("news pages", &self.news_pages);
        row("all pages", &self.all_pages);
        for (s, c) in &self.per_source {
            row(&format!("  {s}"), c);
        }
        out
    }
}

/// Pages listed by [`worst_pages`] unless asked otherwise (`chaff eval --worst N`): enough that
/// a page-level collapse shows in every evaluation, few enough not to bury the figures.
pub const WORST_PAGES: usize = 5;

/// A page that loses text the policy keeps (news, by default).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LosingPage {
    /// The page's `doc` in the data.
    pub doc: String,
    /// The page's `source` in the data.
    pub source: String,
    /// Characters of the page's gold kept-label lines that were dropped.
    pub lost_chars: u64,
    /// Characters of the page's gold kept-label lines.
    pub chars: u64,
    /// How many such lines there are, and the share of them given each label that is not kept
    /// (the verdicts' labels): a collapse into furniture, or into other.
    pub lines: u64,
    /// The share of those lines given each label that is not kept (the verdicts' labels): a
    /// collapse into furniture, or into other.
    pub labelled: BTreeMap<Label, f64>,
}

/// A page that keeps noise: lines whose gold label is not kept.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LeakingPage {
    /// The page's `doc` in the data.
    pub doc: String,
    /// The page's `source` in the data.
    pub source: String,
    /// Characters of the page's noise lines that were kept.
    pub kept_chars: u64,
    /// Characters of the page's noise lines.
    pub chars: u64,
    /// The kept characters by gold label (labels that are not kept).
    pub by_gold: BTreeMap<Label, u64>,
}

/// The pages that lose the most kept-label characters and those that keep the most noise
/// characters, worst first: what the figures over all pages average away.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct WorstPages {
    /// The labels kept, as [`Evaluation::keep`].
    pub keep: String,
    /// How many pages lose any kept-label text.
    pub losing_pages: usize,
    /// The pages that lose the most of it, worst first.
    pub losing: Vec<LosingPage>,
    /// How many pages keep any noise.
    pub leaking_pages: usize,
    /// The pages that keep the most of it, worst first.
    pub leaking: Vec<LeakingPage>,
}

/// The `n` pages of `eval` that lose the most characters of the labels it keeps, and the `n`
/// that keep the most characters of other labels; ties in input order. `None` for `n` = 0.
pub fn worst_pages(eval: &Evaluation, n: usize) -> Option<WorstPages> {
    if n == 0 {
        return None;
    }
    let keep = eval.keep_labels;
    let noise: Vec<Label> = Label::ALL
        .into_iter()
        .filter(|l| !keep.contains(*l))
        .collect();
    let mut losing: Vec<&PageTally> = eval
        .pages
        .iter()
        .filter(|p| p.tally.all_pages.char_counts[2] > 0)
        .collect();
    losing.sort_by_key(|p| std::cmp::Reverse(p.tally.all_pages.char_counts[2]));
    let mut leaking: Vec<&PageTally> = eval
        .pages
        .iter()
        .filter(|p| p.tally.all_pages.char_counts[1] > 0)
        .collect();
    leaking.sort_by_key(|p| std::cmp::Reverse(p.tally.all_pages.char_counts[1]));
    let losing_page = |p: &PageTally| {
        let counts = &p.tally.all_pages;
        // The confusion rows of the kept labels: how the page's gold kept lines were labelled.
        let mut labelled_as = [0u64; K];
        for gold in keep.iter() {
            for (n, c) in labelled_as.iter_mut().zip(p.tally.confusion[gold.index()]) {
                *n += c;
            }
        }
        let lines: u64 = labelled_as.iter().sum();
        LosingPage {
            doc: p.doc.clone(),
            source: p.source.clone(),
            lost_chars: counts.char_counts[2],
            chars: counts.char_counts[0] + counts.char_counts[2],
            lines,
            labelled: noise
                .iter()
                .map(|l| (*l, labelled_as[l.index()] as f64 / lines.max(1) as f64))
                .collect(),
        }
    };
    let leaking_page = |p: &PageTally| {
        let counts = &p.tally.all_pages;
        LeakingPage {
            doc: p.doc.clone(),
            source: p.source.clone(),
            kept_chars: counts.char_counts[1],
            chars: counts.chars - counts.char_counts[0] - counts.char_counts[2],
            by_gold: noise
                .iter()
                .map(|l| (*l, p.tally.kept_chars_by_gold[l.index()]))
                .collect(),
        }
    };
    Some(WorstPages {
        keep: eval.keep.clone(),
        losing_pages: losing.len(),
        losing: losing.into_iter().take(n).map(losing_page).collect(),
        leaking_pages: leaking.len(),
        leaking: leaking.into_iter().take(n).map(leaking_page).collect(),
    })
}

impl WorstPages {
    /// Two plain-text tables: the losing pages and the leaking pages.
    pub fn report(&self) -> String {
        // Columns as wide as the longest doc id and source listed.
        let names = self
            .losing
            .iter()
            .map(|p| (&p.doc, &p.source))
            .chain(self.leaking.iter().map(|p| (&p.doc, &p.source)));
        let (doc_width, source_width) = names.fold((3, 6), |(d, s), (doc, source)| {
            (d.max(doc.chars().count()), s.max(source.chars().count()))
        });
        let share = |part: u64, whole: u64| part as f64 / whole.max(1) as f64;
        let keep = &self.keep;
        let mut out = format!(
            "pages losing the most {keep} text ({} of the {} that lose any): {keep} characters \
             dropped of the page's {keep} characters, and the share of its {keep} lines labelled \
             each other label\n",
            self.losing.len(),
            self.losing_pages
        );
        let header = |out: &mut String, what: &str, labels: Vec<&Label>| {
            let _ = write!(
                out,
                "{:<doc_width$} {:<source_width$} {what:>8} {:>8} {:>7}",
                "doc", "source", "of", "share"
            );
            for l in labels {
                let _ = write!(out, " {:>11}", l.as_str());
            }
            let _ = writeln!(out);
        };
        if let Some(first) = self.losing.first() {
            header(&mut out, "lost", first.labelled.keys().collect());
        }
        for p in &self.losing {
            let _ = write!(
                out,
                "{:<doc_width$} {:<source_width$} {:>8} {:>8} {:>7.4}",
                p.doc,
                p.source,
                p.lost_chars,
                p.chars,
                share(p.lost_chars, p.chars)
            );
            for s in p.labelled.values() {
                let _ = write!(out, " {s:>11.4}");
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(
            out,
            "\npages keeping the most noise ({} of the {} that keep any): characters kept of the \
             page's lines not labelled {keep} in gold, of those there are, and by gold label",
            self.leaking.len(),
            self.leaking_pages
        );
        if let Some(first) = self.leaking.first() {
            header(&mut out, "kept", first.by_gold.keys().collect());
        }
        for p in &self.leaking {
            let _ = write!(
                out,
                "{:<doc_width$} {:<source_width$} {:>8} {:>8} {:>7.4}",
                p.doc,
                p.source,
                p.kept_chars,
                p.chars,
                share(p.kept_chars, p.chars)
            );
            for c in p.by_gold.values() {
                let _ = write!(out, " {c:>11}");
            }
            let _ = writeln!(out);
        }
        out
    }
}

/// The figures of two evaluations side by side (`chaff eval --compare`): kept text by
/// character and by line, per class F1, and per source character F1.
pub fn compare(old: &Evaluation, new: &Evaluation) -> Vec<(String, f64, f64)> {
    let (olds, news) = (old.tally().figures(), new.tally().figures());
    let mut rows: Vec<(String, f64, f64)> = figure_names()
        .into_iter()
        .zip(olds.into_iter().zip(news))
        .map(|(name, (o, n))| (name, o, n))
        .collect();
    for (source, n) in &new.per_source {
        if let Some(o) = old.per_source.get(source) {
            rows.push((
                format!("source {source}: char F1"),
                o.by_char().f1,
                n.by_char().f1,
            ));
        }
    }
    rows
}

/// Changes smaller than this are not flagged where no interval says more.
const NOTABLE_CHANGE: f64 = 0.005;

/// [`compare`] as a table. A change is flagged better or worse when its interval (from
/// [`intervals`] of the change, if given: the headline figures) leaves out zero, else (per
/// source) when it exceeds 0.005.
pub fn compare_report(old: &Evaluation, new: &Evaluation, intervals: Option<&Intervals>) -> String {
    let header = format!(
        "{:<40} {:>8} {:>8} {:>8}  {:>19}",
        "figure",
        "old",
        "new",
        "change",
        intervals.map_or(String::new(), |iv| format!(
            "{:.0}% interval",
            iv.level * 100.0
        ))
    );
    let mut out = format!("{}\n", header.trim_end());
    for (name, o, n) in compare(old, new) {
        let d = n - o;
        let interval = intervals.and_then(|iv| iv.figures.iter().find(|f| f.figure == name));
        let (low, high) = interval.map_or((d, d), |f| (f.low, f.high));
        let notable = interval.is_some() || d.abs() > NOTABLE_CHANGE;
        let flag = if notable && high < 0.0 {
            "  worse"
        } else if notable && low > 0.0 {
            "  better"
        } else {
            ""
        };
        let range = interval.map_or(String::new(), |f| {
            format!("[{:+.4}, {:+.4}]", f.low, f.high)
        });
        let row = format!("{name:<40} {o:>8.4} {n:>8.4} {d:>+8.4}  {range:>19}{flag}");
        let _ = writeln!(out, "{}", row.trim_end());
    }
    out
}

/// A figure, with the interval that holds the central share of its bootstrap distribution.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Interval {
    /// What the figure is (`news pages: char F1`).
    pub figure: String,
    /// Its value on the data itself.
    pub value: f64,
    /// The interval's lower end.
    pub low: f64,
    /// The interval's upper end.
    pub high: f64,
}

/// Bootstrap intervals of the headline figures: the kept text on news pages and on all pages,
/// and each class's F1.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Intervals {
    /// The share of the bootstrap distribution each interval holds.
    pub level: f64,
    /// How many times the sites were drawn.
    pub resamples: usize,
    /// Sites drawn each time (the data's sites).
    pub sites: usize,
    /// Whether the figures are changes from another model's (`--compare`).
    pub change: bool,
    /// One interval per headline figure.
    pub figures: Vec<Interval>,
}

impl Intervals {
    /// What the intervals are, in a sentence.
    pub fn caption(&self) -> String {
        let level = self.level * 100.0;
        format!(
            "{level:.0}% bootstrap intervals{}: the data's {} sites drawn \
             with replacement {} times, {level:.0}% of the draws of each figure fall inside",
            if self.change { " (changes)" } else { "" },
            self.sites,
            self.resamples
        )
    }

    /// A plain-text table of the intervals.
    pub fn report(&self) -> String {
        let mut out = format!("{}\n", self.caption());
        let _ = writeln!(
            out,
            "{:<32} {:>8} {:>8} {:>8}",
            "figure", "value", "low", "high"
        );
        for f in &self.figures {
            let _ = writeln!(
                out,
                "{:<32} {:>8.4} {:>8.4} {:>8.4}",
                f.figure, f.value, f.low, f.high
            );
        }
        out
    }
}

/// The share of the bootstrap distribution an interval holds.
pub const INTERVAL_LEVEL: f64 = 0.9;

/// Bootstrap intervals of the headline figures (`figure_names`) of `new`, or of their change
/// from `old` (the same data judged by another model: both are drawn with the same sites, a
/// paired bootstrap). Sites, not pages or lines, are drawn: a site's pages share their menus
/// and their repeats, so they stand or fall together. `None` with no resamples, no pages, or an `old`
/// whose sites differ from `new`'s. The same inputs always give the same intervals.
pub fn intervals(
    new: &Evaluation,
    old: Option<&Evaluation>,
    resamples: usize,
) -> Option<Intervals> {
    let n = new.sites.len();
    if resamples == 0 || n == 0 || old.is_some_and(|o| o.site_index != new.site_index) {
        return None;
    }
    let values = |e: &Evaluation, picks: &[usize]| {
        let mut drawn = Tally::default();
        for &i in picks {
            drawn.merge(&e.sites[i]);
        }
        drawn.figures()
    };
    // The figures of `new` as `of` reads them, less those of `old` if given.
    let change = |of: &dyn Fn(&Evaluation) -> Vec<f64>| {
        let mut v = of(new);
        if let Some(o) = old {
            for (v, o) in v.iter_mut().zip(of(o)) {
                *v -= o;
            }
        }
        v
    };
    let point = change(&|e| e.tally().figures());
    // A fixed seed: the same report every run.
    let mut rng = Rng(0x0b00_75a7);
    let mut picks = vec![0; n];
    let mut drawn: Vec<Vec<f64>> = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        for p in picks.iter_mut() {
            *p = rng.below(n);
        }
        drawn.push(change(&|e| values(e, &picks)));
    }
    let tail = (1.0 - INTERVAL_LEVEL) / 2.0;
    let low_at = ((tail * resamples as f64).floor() as usize).min(resamples - 1);
    let high_at = (((1.0 - tail) * resamples as f64).ceil() as usize).clamp(1, resamples) - 1;
    let figures = figure_names()
        .into_iter()
        .enumerate()
        .map(|(k, figure)| {
            let mut v: Vec<f64> = drawn.iter().map(|d| d[k]).collect();
            v.sort_by(f64::total_cmp);
            Interval {
                figure,
                value: point[k],
                low: v[low_at],
                high: v[high_at],
            }
        })
        .collect();
    Some(Intervals {
        level: INTERVAL_LEVEL,
        resamples,
        sites: n,
        change: old.is_some(),
        figures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LabelledLine;

    fn page(source: &str, lines: &[(&str, Label)]) -> Page {
        Page {
            doc: "d".into(),
            source: source.into(),
            site: String::new(),
            lines: lines
                .iter()
                .map(|(t, l)| LabelledLine {
                    text: t.to_string(),
                    label: *l,
                    ambiguous: false,
                    suspect: false,
                    weak: false,
                    lang: String::new(),
                })
                .collect(),
            origin: Vec::new(),
        }
    }

    fn verdict(label: Label) -> Verdict {
        let mut probs = [0.0; K];
        probs[label.index()] = 1.0;
        Verdict::new(1, probs, &Policy::default())
    }

    #[test]
    fn counts_lines_and_characters() {
        let p = page(
            "s",
            &[
                ("aaaa", Label::News),
                ("bb", Label::Furniture),
                ("cccccc", Label::News),
            ],
        );
        let v = [
            verdict(Label::News),
            verdict(Label::News),
            verdict(Label::Furniture),
        ];
        let mut e = Evaluation::new(&Policy::default());
        e.add_page(&p, &v, &Policy::default());
        // tp: line 1 (4 chars); fp: line 2 (2 chars); fn: line 3 (6 chars)
        assert_eq!(e.news_pages.line_counts, [1, 1, 1]);
        assert_eq!(e.news_pages.char_counts, [4, 2, 6]);
        let c = e.news_pages.by_char();
        assert!((c.precision - 4.0 / 6.0).abs() < 1e-12);
        assert!((c.recall - 0.4).abs() < 1e-12);
        let news = e.per_class()[0];
        assert_eq!(news.2, 2);
        assert!((news.1.precision - 0.5).abs() < 1e-12);
        assert_eq!(
            e.confusion[Label::News.index()][Label::Furniture.index()],
            1
        );
    }

    #[test]
    fn pages_without_news_count_only_in_all_pages() {
        let p = page("spam", &[("slot", Label::Gambling)]);
        let mut e = Evaluation::new(&Policy::default());
        e.add_page(&p, &[verdict(Label::News)], &Policy::default());
        assert_eq!(
            e.kept_by_gold[Label::Gambling.index()],
            1,
            "a kept spam line"
        );
        assert_eq!(e.to_json()["kept_by_gold"]["gambling"]["lines"], 1);
        assert!(e
            .report()
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["gambling", "1", "1", "1.0000"]));
        assert_eq!(e.news_pages.lines, 0);
        assert_eq!(e.all_pages.line_counts, [0, 1, 0]);
        assert_eq!(e.per_source["spam"].kept_lines, 1);
    }

    #[test]
    fn json_and_report_agree() {
        let p = page("s", &[("aaaa", Label::News), ("bb", Label::Furniture)]);
        let mut e = Evaluation::new(&Policy::default());
        e.add_page(
            &p,
            &[verdict(Label::News), verdict(Label::Furniture)],
            &Policy::default(),
        );
        let j = e.to_json();
        assert_eq!(j["keep_view"]["news_pages"]["char"]["f1"], 1.0);
        assert!(e.report().contains("news pages"));
    }

    #[test]
    fn compare_shows_what_changed() {
        let p = page("s", &[("aaaa", Label::News), ("bb", Label::Furniture)]);
        let mut good = Evaluation::new(&Policy::default());
        good.add_page(
            &p,
            &[verdict(Label::News), verdict(Label::Furniture)],
            &Policy::default(),
        );
        let mut bad = Evaluation::new(&Policy::default());
        bad.add_page(
            &p,
            &[verdict(Label::News), verdict(Label::News)],
            &Policy::default(),
        );
        let rows = compare(&good, &bad);
        let char_f1 = rows.iter().find(|r| r.0 == "news pages: char F1").unwrap();
        assert_eq!(char_f1.1, 1.0);
        assert!((char_f1.2 - 0.8).abs() < 1e-12, "P 4/6, R 1");
        assert!(compare_report(&good, &bad, None).contains("worse"));
        assert!(!compare_report(&good, &good, None).contains("worse"));
    }

    #[test]
    fn worst_pages_are_those_losing_most_news_and_keeping_most_noise() {
        let policy = Policy::default();
        let mut e = Evaluation::new(&policy);
        let mut add = |doc: &str, lines: &[(&str, Label, Label)]| {
            let mut p = page("s", &lines.iter().map(|l| (l.0, l.1)).collect::<Vec<_>>());
            p.doc = doc.into();
            let verdicts: Vec<Verdict> = lines.iter().map(|l| verdict(l.2)).collect();
            e.add_page(&p, &verdicts, &policy);
        };
        // Loses one news line of two (10 of 20 characters), read as furniture.
        add(
            "half",
            &[
                ("aaaaaaaaaa", Label::News, Label::News),
                ("bbbbbbbbbb", Label::News, Label::Furniture),
            ],
        );
        // Loses its whole article (30 characters), read as other: a collapse.
        add(
            "collapsed",
            &[
                ("cccccccccccccccccccc", Label::News, Label::Other),
                ("dddddddddd", Label::News, Label::Other),
                ("Home", Label::Furniture, Label::Furniture),
            ],
        );
        // Keeps a menu line and a promo (4 + 12 characters), loses nothing.
        add(
            "leaky",
            &[
                ("eeeeeeeeee", Label::News, Label::News),
                ("Menu", Label::Furniture, Label::News),
                ("slot gacor 1", Label::Gambling, Label::News),
                ("Share", Label::Furniture, Label::Furniture),
            ],
        );
        let worst = worst_pages(&e, 1).unwrap();
        assert_eq!((worst.losing_pages, worst.leaking_pages), (2, 1));
        let collapsed = &worst.losing[..];
        assert_eq!(collapsed.len(), 1);
        let c = &collapsed[0];
        assert_eq!(
            (c.doc.as_str(), c.lost_chars, c.chars, c.lines),
            ("collapsed", 30, 30, 2)
        );
        assert_eq!(c.labelled[&Label::Other], 1.0);
        assert_eq!(c.labelled[&Label::Furniture], 0.0);
        assert!(
            !c.labelled.contains_key(&Label::News),
            "only labels not kept"
        );
        let l = &worst.leaking[0];
        assert_eq!((l.doc.as_str(), l.kept_chars, l.chars), ("leaky", 16, 21));
        assert_eq!(
            (l.by_gold[&Label::Furniture], l.by_gold[&Label::Gambling]),
            (4, 12)
        );

        let both = worst_pages(&e, 5).unwrap();
        let docs: Vec<&str> = both.losing.iter().map(|p| p.doc.as_str()).collect();
        assert_eq!(docs, ["collapsed", "half"], "most characters lost first");
        assert_eq!(both.losing[1].labelled[&Label::Furniture], 0.5);
        // The pages' counts add up to the evaluation's.
        let lost: u64 = both.losing.iter().map(|p| p.lost_chars).sum();
        assert_eq!(lost, e.all_pages.char_counts[2]);
        assert_eq!(both.leaking[0].kept_chars, e.all_pages.char_counts[1]);

        let report = both.report();
        let row = report.lines().find(|l| l.starts_with("collapsed")).unwrap();
        assert_eq!(
            row.split_whitespace().collect::<Vec<_>>(),
            [
                "collapsed",
                "s",
                "30",
                "30",
                "1.0000",
                "0.0000",
                "0.0000",
                "0.0000",
                "1.0000"
            ]
        );
        assert!(report.contains("(2 of the 2 that lose any)"), "{report}");
        let json = e.to_json_with(None, Some(&both)).unwrap();
        assert_eq!(json["worst_pages"]["losing"][0]["labelled"]["other"], 1.0);
        assert_eq!(json["worst_pages"]["leaking"][0]["by_gold"]["gambling"], 12);
        assert!(worst_pages(&e, 0).is_none());
        assert!(e
            .to_json_with(None, None)
            .unwrap()
            .get("worst_pages")
            .is_none());
    }

    /// An evaluation of `sites` two-line pages, one per site: a news line and a furniture
    /// line, judged right on the sites `right` says and with the furniture line kept as news
    /// on the others.
    fn sites_judged(right: &[bool]) -> Evaluation {
        let policy = Policy::default();
        let mut eval = Evaluation::new(&policy);
        for (i, &ok) in right.iter().enumerate() {
            let mut p = page(
                "s",
                &[
                    ("a paragraph of news", Label::News),
                    ("Share", Label::Furniture),
                ],
            );
            p.site = format!("site{i}.example");
            p.doc = format!("{}/1", p.site);
            let second = if ok { Label::Furniture } else { Label::News };
            eval.add_page(&p, &[verdict(Label::News), verdict(second)], &policy);
        }
        eval
    }

    fn figure<'a>(iv: &'a Intervals, name: &str) -> &'a Interval {
        iv.figures.iter().find(|f| f.figure == name).unwrap()
    }

    #[test]
    fn intervals_hold_the_figure_and_widen_with_disagreeing_sites() {
        let same = intervals(&sites_judged(&[true; 20]), None, 200).unwrap();
        let f1 = figure(&same, "news pages: char F1");
        assert_eq!((f1.value, f1.low, f1.high), (1.0, 1.0, 1.0));
        assert_eq!(same.sites, 20);

        let mixed_eval = sites_judged(&[true, false, true, true, false, true, true, true]);
        let mixed = intervals(&mixed_eval, None, 500).unwrap();
        let f1 = figure(&mixed, "news pages: char F1");
        assert_eq!(f1.value, mixed_eval.news_pages.by_char().f1);
        assert!(f1.low < f1.value && f1.value < f1.high, "{f1:?}");
        assert!(f1.high <= 1.0);
        // The furniture line is read as news on two sites: its class F1 spreads as well.
        let furniture = figure(&mixed, "class furniture: F1");
        assert_eq!(furniture.value, mixed_eval.per_class()[1].1.f1);
        assert!(furniture.low < furniture.value && furniture.value < furniture.high);
        // Recall is 1 on every site, so every draw gives 1.
        let recall = figure(&mixed, "news pages: char recall");
        assert_eq!((recall.low, recall.high), (1.0, 1.0));
        assert_eq!(
            intervals(&mixed_eval, None, 500),
            Some(mixed),
            "the same draws every run"
        );
        assert!(intervals(&mixed_eval, None, 0).is_none());
        assert!(intervals(&Evaluation::new(&Policy::default()), None, 100).is_none());
    }

    #[test]
    fn a_change_is_flagged_only_when_its_paired_interval_leaves_out_zero() {
        let good = sites_judged(&[true; 12]);
        let itself = intervals(&good, Some(&good), 300).unwrap();
        assert!(itself.change);
        assert!(itself
            .figures
            .iter()
            .all(|f| (f.value, f.low, f.high) == (0.0, 0.0, 0.0)));

        // Worse on every site: the whole interval is below zero.
        let bad = sites_judged(&[false; 12]);
        let worse = intervals(&bad, Some(&good), 300).unwrap();
        assert!(figure(&worse, "news pages: char F1").high < 0.0);
        let table = compare_report(&good, &bad, Some(&worse));
        let row = table
            .lines()
            .find(|l| l.starts_with("news pages: char F1"))
            .unwrap();
        assert!(row.ends_with("worse"), "{row}");

        // Better on one site, worse on another: a change larger than 0.005 whose interval
        // holds zero is not flagged.
        let mut one_way = vec![true; 12];
        one_way[0] = false;
        let mut other_way = vec![true; 12];
        other_way[1] = false;
        other_way[2] = false;
        let (a, b) = (sites_judged(&one_way), sites_judged(&other_way));
        let mixed = intervals(&b, Some(&a), 300).unwrap();
        let f1 = figure(&mixed, "news pages: char F1");
        assert!(f1.value < -0.005 && f1.low < 0.0 && f1.high > 0.0, "{f1:?}");
        let table = compare_report(&a, &b, Some(&mixed));
        let row = table
            .lines()
            .find(|l| l.starts_with("news pages: char F1"))
            .unwrap();
        assert!(!row.contains("worse") && !row.contains("better"), "{row}");

        // Other data (other sites): no paired interval.
        assert!(intervals(&sites_judged(&[true; 5]), Some(&good), 300).is_none());
    }
}
