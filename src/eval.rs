//! Metrics: per-class precision / recall / F1 and the confusion matrix of the argmax label, and
//! the keep view (by default the news view): precision / recall / F1 of the kept lines, counted
//! per line and weighted by characters, over all pages, over pages with news, and per source.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::classify::{Policy, Verdict};
use crate::corpus::{site_memories, Page, SiteMemories};
use crate::label::Label;
use crate::model::Model;

const K: usize = Label::COUNT;

/// Precision, recall and F1 from true-positive, false-positive and false-negative weights.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
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
    pub pages: u64,
    pub lines: u64,
    pub chars: u64,
    /// [tp, fp, fn] in lines and in characters.
    pub line_counts: [u64; 3],
    pub char_counts: [u64; 3],
    pub kept_lines: u64,
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

    pub fn by_char(&self) -> Prf {
        let [tp, fp, fn_] = self.char_counts.map(|c| c as f64);
        Prf::from_counts(tp, fp, fn_)
    }
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
    pub threshold: f32,
    /// confusion[gold][predicted], in [`Label::ALL`] order.
    pub confusion: [[u64; K]; K],
    /// Lines kept, per gold label (all pages): how much of each kind of noise gets through.
    pub kept_by_gold: [u64; K],
    /// The keep view over every page.
    pub all_pages: KeepCounts,
    /// The keep view over pages with at least one news line.
    pub news_pages: KeepCounts,
    /// The keep view per `source`, over all its pages.
    pub per_source: BTreeMap<String, KeepCounts>,
}

impl Evaluation {
    pub fn new(policy: &Policy) -> Evaluation {
        Evaluation {
            keep: policy.keep().to_string(),
            threshold: policy.threshold(),
            confusion: [[0; K]; K],
            kept_by_gold: [0; K],
            all_pages: KeepCounts::default(),
            news_pages: KeepCounts::default(),
            per_source: BTreeMap::new(),
        }
    }

    /// Counts one page given the model's verdicts on its lines (same order, same length).
    pub fn add_page(&mut self, page: &Page, verdicts: &[Verdict], policy: &Policy) {
        let has_news = page.has_news();
        let source = self.per_source.entry(page.source.clone()).or_default();
        source.pages += 1;
        self.all_pages.pages += 1;
        if has_news {
            self.news_pages.pages += 1;
        }
        for (line, v) in page.lines.iter().zip(verdicts) {
            self.confusion[line.label.index()][v.label.index()] += 1;
            self.kept_by_gold[line.label.index()] += u64::from(v.kept);
            let gold = policy.keep().contains(line.label);
            let chars = line.text.chars().count() as u64;
            source.add(gold, v.kept, chars);
            self.all_pages.add(gold, v.kept, chars);
            if has_news {
                self.news_pages.add(gold, v.kept, chars);
            }
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
        let memories = if judging.batch && model.uses_repetition() && judging.stages.is_none() {
            site_memories(pages)
        } else {
            SiteMemories::new()
        };
        for page in pages {
            let texts = page.texts();
            let probs = match judging.stages {
                Some(n) => model.probabilities_after(&texts, n),
                None => model.probabilities_in(&texts, page.memory(&memories)),
            };
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

    /// Per-class precision / recall / F1 of the argmax label, with support (gold count).
    pub fn per_class(&self) -> Vec<(Label, Prf, u64)> {
        Label::ALL
            .iter()
            .map(|&l| {
                let k = l.index();
                let tp = self.confusion[k][k] as f64;
                let predicted: u64 = (0..K).map(|g| self.confusion[g][k]).sum();
                let support: u64 = self.confusion[k].iter().sum();
                let prf = Prf::from_counts(tp, predicted as f64 - tp, support as f64 - tp);
                (l, prf, support)
            })
            .collect()
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
        let _ = writeln!(out, "\nper class (argmax label)");
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

/// The figures of two evaluations side by side (`chaff eval --compare`): kept text by
/// character and by line, per class F1, and per source character F1.
pub fn compare(old: &Evaluation, new: &Evaluation) -> Vec<(String, f64, f64)> {
    let mut rows = Vec::new();
    for (name, o, n) in [
        ("news pages", &old.news_pages, &new.news_pages),
        ("all pages", &old.all_pages, &new.all_pages),
    ] {
        rows.push((format!("{name}: char F1"), o.by_char().f1, n.by_char().f1));
        rows.push((
            format!("{name}: char precision"),
            o.by_char().precision,
            n.by_char().precision,
        ));
        rows.push((
            format!("{name}: char recall"),
            o.by_char().recall,
            n.by_char().recall,
        ));
        rows.push((format!("{name}: line F1"), o.by_line().f1, n.by_line().f1));
    }
    for ((l, o, _), (_, n, _)) in old.per_class().into_iter().zip(new.per_class()) {
        rows.push((format!("class {l}: F1"), o.f1, n.f1));
    }
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

/// [`compare`] as a table; changes of more than 0.005 are flagged.
pub fn compare_report(old: &Evaluation, new: &Evaluation) -> String {
    let mut out = format!(
        "{:<40} {:>8} {:>8} {:>8}\n",
        "figure", "old", "new", "change"
    );
    for (name, o, n) in compare(old, new) {
        let d = n - o;
        let flag = if d < -0.005 {
            "  worse"
        } else if d > 0.005 {
            "  better"
        } else {
            ""
        };
        let _ = writeln!(out, "{name:<40} {o:>8.4} {n:>8.4} {d:>+8.4}{flag}");
    }
    out
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
        assert!(compare_report(&good, &bad).contains("worse"));
        assert!(!compare_report(&good, &good).contains("worse"));
    }
}
