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

mod compare;
mod metrics;
mod report;
mod table;
mod worst;

pub use crate::corpus::{
    labelled_files, read_file, read_pages, site_memories, LabelledLine, LabelledPage, Origin,
};
pub use crate::splice::{
    per_page_spam, with_spam_spliced, with_spam_spliced_from, Splice, SPLICED_GAMBLING,
    SPLICED_LISTINGS,
};
pub use compare::{compare, compare_report, intervals, Interval, Intervals, INTERVAL_LEVEL};
use metrics::{add_confusion, class_prfs, Tally};
pub use metrics::{KeepCounts, Prf};
pub use report::{Curve, ErrorList, Example, Report, ThresholdRow};
use table::{Cell, Column, Table};
pub use worst::{worst_pages, LeakingPage, LosingPage, WorstPages, WORST_PAGES};

const K: usize = Label::COUNT;

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
    pub fn add_page(&mut self, page: &LabelledPage, verdicts: &[Verdict], policy: &Policy) {
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
        // One-line pages (comments, product titles) name a platform as their site: each
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
    pub fn run(model: &Model, pages: &[LabelledPage], policy: &Policy) -> Evaluation {
        Evaluation::run_with(model, pages, policy, &Judging::default(), |_, _| {})
    }

    /// Like [`Evaluation::run`], judging as `judging` says and handing each page and its
    /// verdicts to `inspect` (to list errors, say).
    pub fn run_with(
        model: &Model,
        pages: &[LabelledPage],
        policy: &Policy,
        judging: &Judging,
        mut inspect: impl FnMut(&LabelledPage, &[Verdict]),
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
        let mut out = format!("N\t{}\n", self.lines());
        out += "\nper class (the verdicts' labels)\n";
        let mut per_class = Table::new(["label", "precision", "recall", "F1", "support"]);
        for (l, prf, n) in self.per_class() {
            per_class.row(vec![
                Cell::new(l.as_str()),
                Cell::figure(prf.precision),
                Cell::figure(prf.recall),
                Cell::figure(prf.f1),
                Cell::new(n.to_string()),
            ]);
        }
        out += &per_class.text(&Column::name_then_figures(12, 9, 4));
        out += "\nconfusion (rows: gold, columns: predicted)\n";
        let labels = Label::ALL.map(|l| l.to_string());
        let mut confusion = Table::new(std::iter::once(String::new()).chain(labels));
        for g in Label::ALL {
            let counts = self.confusion[g.index()].map(|n| Cell::new(n.to_string()));
            confusion.row(
                std::iter::once(Cell::new(g.as_str()))
                    .chain(counts)
                    .collect(),
            );
        }
        out += &confusion.text(&Column::name_then_figures(12, 11, K));
        out += "\nkept lines by gold label (all pages)\n";
        let mut kept = Table::new(["label", "kept", "of", "share"]);
        for (l, kept_lines, lines) in self.kept_per_label() {
            let share = if lines == 0 {
                0.0
            } else {
                kept_lines as f64 / lines as f64
            };
            kept.row(vec![
                Cell::new(l.as_str()),
                Cell::new(kept_lines.to_string()),
                Cell::new(lines.to_string()),
                Cell::figure(share),
            ]);
        }
        out += &kept.text(&Column::name_then_figures(12, 9, 3));
        let _ = writeln!(
            out,
            "\nkept text (keep {} at P >= {:.3}): precision / recall / F1 by line and by character",
            self.keep, self.threshold
        );
        let mut text = Table::new([
            "pages", "n", "lines", "P", "R", "F1", "cP", "cR", "cF1", "kept",
        ]);
        for (name, c) in self.keep_views("  ") {
            text.row(kept_text_row(name, c));
        }
        let columns = [
            Column::name(24),
            Column::figure(6),
            Column::figure(8),
            Column::figure(7),
            Column::figure(7),
            Column::figure(7),
            // Three spaces part the line figures from the character figures.
            Column::figure(7).after(3),
            Column::figure(7),
            Column::figure(7),
            Column::figure(7),
        ];
        out += &text.text(&columns);
        out
    }
}

impl Evaluation {
    /// The rows of a kept-text table, in order: news pages, all pages, then each source, its
    /// name after `source_prefix`.
    fn keep_views(&self, source_prefix: &str) -> Vec<(String, &KeepCounts)> {
        let mut views = vec![
            ("news pages".to_string(), &self.news_pages),
            ("all pages".to_string(), &self.all_pages),
        ];
        let sources = self.per_source.iter();
        views.extend(sources.map(|(s, c)| (format!("{source_prefix}{s}"), c)));
        views
    }
}

/// One row of a kept-text table: the pages' name, their count and lines, the line and character
/// figures and the share kept (the character F1 in bold in HTML).
fn kept_text_row(name: String, c: &KeepCounts) -> Vec<Cell> {
    let (l, ch) = (c.by_line(), c.by_char());
    vec![
        Cell::new(name).class("t"),
        Cell::new(c.pages.to_string()),
        Cell::new(c.lines.to_string()),
        Cell::figure(l.precision),
        Cell::figure(l.recall),
        Cell::figure(l.f1),
        Cell::figure(ch.precision),
        Cell::figure(ch.recall),
        Cell::figure(ch.f1).strong(),
        Cell::figure(c.kept_share()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::line;

    pub(super) fn page(source: &str, lines: &[(&str, Label)]) -> LabelledPage {
        LabelledPage {
            doc: "d".into(),
            source: source.into(),
            site: String::new(),
            lines: lines.iter().map(|&(t, l)| line(t, l)).collect(),
            origin: Vec::new(),
        }
    }

    pub(super) fn verdict(label: Label) -> Verdict {
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
}
