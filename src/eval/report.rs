//! The evaluation report a team reads before trusting a model: everything `eval` prints, plus
//! precision-recall curves, a threshold table, and the worst errors with their neighbours.
//! Written as JSON, Markdown and one self-contained HTML page (inline SVG and CSS, no script).

use std::fmt::Write as _;

use serde::Serialize;

use crate::classify::{Policy, Verdict};
use crate::corpus::LabelledPage;
use crate::error::{Error, Result};
use crate::eval::{Evaluation, Intervals, Judging, Prf, WorstPages};
use crate::label::Label;
use crate::model::Model;
use crate::write::html::{escape, style};

use super::table::{Cell, Table};

const K: usize = Label::COUNT;
/// Errors listed per kind.
pub const WORST: usize = 50;
/// Neighbours shown on each side of an error.
const CONTEXT: usize = 2;

/// The keep decision at one threshold.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ThresholdRow {
    /// The threshold on P(news).
    pub threshold: f64,
    /// Kept text on news pages, by line.
    pub line: Prf,
    /// Kept text on news pages, by character.
    pub char: Prf,
    /// Share of the lines of each gold label (all pages, [`Label::ALL`] order) that are kept.
    pub kept_share: [f64; K],
}

/// A precision-recall curve: (threshold, precision, recall) from the highest threshold down.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Curve {
    /// What the curve is of (the keep decision, or a label).
    pub name: String,
    /// (threshold, precision, recall), from the highest threshold down.
    pub points: Vec<(f64, f64, f64)>,
    /// The area under the curve, as average precision.
    pub average_precision: f64,
}

/// One misjudged line with its page around it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Example {
    /// The page's data source.
    pub source: String,
    /// The page's id.
    pub doc: String,
    /// 1-based position in the page.
    pub line: usize,
    /// The line's text.
    pub text: String,
    /// Its gold label.
    pub gold: Label,
    /// The model's label.
    pub predicted: Label,
    /// What the keep threshold was compared with (see [`crate::Policy::keep_score`]).
    pub keep_score: f32,
    /// The lines above it.
    pub before: Vec<String>,
    /// The lines below it.
    pub after: Vec<String>,
}

/// The worst errors of one kind, most confident first.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ErrorList {
    /// The kind of error: the kept labels dropped (`news dropped`), or a label kept (`furniture kept`).
    pub kind: String,
    /// How many errors of this kind there are.
    pub count: usize,
    /// The most confident of them.
    pub examples: Vec<Example>,
}

#[derive(Clone, Debug, Serialize)]
/// What `chaff eval --report` writes: the figures, curves, thresholds and worst errors.
pub struct Report {
    /// The model's path, or `embedded default model`.
    pub model: String,
    /// The data's path.
    pub data: String,
    #[serde(skip)]
    /// The figures.
    pub evaluation: Evaluation,
    /// Bootstrap intervals of the headline figures (see [`crate::eval::intervals`]), if drawn.
    #[serde(skip)]
    pub intervals: Option<Intervals>,
    /// The pages that lose the most news and keep the most noise (see
    /// [`crate::eval::worst_pages`]), if listed.
    #[serde(skip)]
    pub worst_pages: Option<WorstPages>,
    /// The keep decision from 0.05 to 0.95.
    pub thresholds: Vec<ThresholdRow>,
    /// Precision-recall curves of the keep decision and of each label.
    pub curves: Vec<Curve>,
    /// The worst errors of each kind.
    pub worst_errors: Vec<ErrorList>,
}

/// What the report needs of each line.
struct Scored {
    page: usize,
    index: usize,
    gold: Label,
    probs: [f32; K],
    keep: f32,
    chars: f64,
    news_page: bool,
}

impl Report {
    /// Runs `model` over `pages` and gathers everything the report shows.
    pub fn build(
        model: &Model,
        pages: &[LabelledPage],
        policy: &Policy,
        model_name: &str,
        data: &str,
    ) -> Report {
        Report::build_with(
            model,
            pages,
            policy,
            &Judging::default(),
            model_name,
            data,
            |_, _| {},
        )
    }

    /// Like [`Report::build`], also handing each page and its verdicts to `inspect`.
    pub fn build_with(
        model: &Model,
        pages: &[LabelledPage],
        policy: &Policy,
        judging: &Judging,
        model_name: &str,
        data: &str,
        mut inspect: impl FnMut(&LabelledPage, &[Verdict]),
    ) -> Report {
        let mut scored = Vec::new();
        let mut page_no = 0;
        let evaluation = Evaluation::run_with(
            model,
            pages,
            policy,
            judging,
            |page, verdicts: &[Verdict]| {
                inspect(page, verdicts);
                let news_page = page.has_news();
                for (i, (line, v)) in page.lines.iter().zip(verdicts).enumerate() {
                    scored.push(Scored {
                        page: page_no,
                        index: i,
                        gold: line.label,
                        probs: v.probs,
                        keep: policy.keep_score(&v.probs),
                        chars: line.text.chars().count() as f64,
                        news_page,
                    });
                }
                page_no += 1;
            },
        );
        let keep_gold = |l: Label| policy.keep().contains(l);
        let thresholds = (1..=19)
            .map(|step| threshold_row(&scored, step as f64 * 0.05, keep_gold))
            .collect();
        let mut curves: Vec<Curve> = Vec::new();
        let news: Vec<(f64, bool, f64)> = scored
            .iter()
            .filter(|s| s.news_page)
            .map(|s| (s.keep as f64, keep_gold(s.gold), s.chars))
            .collect();
        curves.push(curve(
            format!("keep {} (news pages, by character)", policy.keep()),
            news,
        ));
        for l in Label::ALL {
            let points = scored
                .iter()
                .map(|s| (s.probs[l.index()] as f64, s.gold == l, 1.0))
                .collect();
            curves.push(curve(format!("{l} (all lines)"), points));
        }
        let worst_errors = worst_errors(&scored, pages, policy);
        Report {
            model: model_name.to_string(),
            data: data.to_string(),
            evaluation,
            intervals: None,
            worst_pages: None,
            thresholds,
            curves,
            worst_errors,
        }
    }

    /// The report as JSON (`report.json`).
    pub fn to_json(&self) -> Result<serde_json::Value> {
        let mut v = serde_json::to_value(self).map_err(|e| Error::serialize("the report", e))?;
        if let Some(m) = v.as_object_mut() {
            m.insert(
                "evaluation".into(),
                self.evaluation
                    .to_json_with(self.intervals.as_ref(), self.worst_pages.as_ref())?,
            );
        }
        Ok(v)
    }

    /// The report as Markdown (`report.md`).
    pub fn to_markdown(&self) -> String {
        let e = &self.evaluation;
        let mut md = format!(
            "# chaff evaluation report\n\nModel: `{}`. Data: `{}`, {} lines. Keep {} at P >= {:.3}.\n\n",
            self.model,
            self.data,
            e.lines(),
            e.keep,
            e.threshold
        );
        md += "## Kept text\n\nScores are 0 where a source has nothing to keep; its kept share (of characters) says how much leaks through.\n\n";
        md += &self.kept_text_table().markdown();
        if let Some(iv) = &self.intervals {
            let _ = write!(md, "\n{}.\n\n", iv.caption());
            md += &iv.table().markdown();
        }
        md += "\n## Per class (the verdicts' labels)\n\n";
        md += &self.per_class_table().markdown();
        md += "\n## Confusion (rows: gold, columns: predicted)\n\n";
        md += &self.confusion_table().markdown();
        md += "\n## Threshold table\n\nKept text on news pages; kept share of each gold label on all pages.\n\n";
        md += &self.threshold_table().markdown();
        md += "\n## Precision-recall curves\n\n";
        let mut curves = Table::new(["curve", "average precision"]);
        for c in &self.curves {
            curves.row(vec![Cell::new(&c.name), Cell::figure(c.average_precision)]);
        }
        md += &curves.markdown();
        md += "\n## Worst errors\n";
        for list in &self.worst_errors {
            let _ = writeln!(md, "\n### {} ({} in all)\n", list.kind, list.count);
            for x in &list.examples {
                let _ = writeln!(
                    md,
                    "- P(keep) {:.3}, gold {}, predicted {} — `{}` line {}: {}",
                    x.keep_score,
                    x.gold,
                    x.predicted,
                    x.doc,
                    x.line,
                    one_line(&x.text)
                );
            }
        }
        md
    }

    /// The report as one self-contained HTML page (`report.html`).
    pub fn to_html(&self) -> String {
        let e = &self.evaluation;
        let mut h = format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>chaff evaluation report</title>\
             <style>{}.cm td{{min-width:5em}}svg{{margin:.5em 1em .5em 0}}.ctx{{color:#777}}details{{margin:.3em 0}}</style></head><body>\n\
             <h1>chaff evaluation report</h1>\n<p>Model: <code>{}</code>. Data: <code>{}</code>, {} lines. Keep {} at P &ge; {:.3}.</p>\n",
            style(),
            escape(&self.model),
            escape(&self.data),
            e.lines(),
            escape(&e.keep),
            e.threshold
        );
        h += "<h2>Kept text</h2>\n<p>Scores are 0 where a source has nothing to keep; its kept share (of characters) says how much leaks through.</p>\n";
        h += &self.kept_text_table().html();
        if let Some(iv) = &self.intervals {
            let _ = writeln!(h, "<p>{}.</p>", escape(&iv.caption()));
            h += &iv.table().html();
        }
        h += "<h2>Per class (the verdicts' labels)</h2>\n";
        h += &self.per_class_table().html();
        h += "<h2>Confusion matrix</h2>\n<p>Rows: gold; columns: predicted. Shade: share of the gold row.</p>\n";
        h += &self.confusion_table().html();
        h += "<h2>Precision-recall curves</h2>\n";
        h += &svg_curves(
            &self.curves[..1],
            "Keep decision, news pages (by character)",
            e.threshold as f64,
        );
        h += &svg_curves(&self.curves[1..], "Per class, all lines", f64::NAN);
        h += "\n<h2>Threshold table</h2>\n<p>Kept text on news pages; kept share of each gold label's lines on all pages.</p>\n";
        h += &self.threshold_table().html();
        h += "<h2>Worst errors</h2>\n<p>The most confident mistakes of each kind, with two lines of context each side.</p>\n";
        for list in &self.worst_errors {
            let _ = writeln!(h, "<h3>{} ({} in all)</h3>", escape(&list.kind), list.count);
            for x in &list.examples {
                let _ = write!(
                    h,
                    "<details><summary>P(keep) {:.3} · gold <span class=\"{}\">{}</span> · predicted <span class=\"{}\">{}</span> · {}</summary><div class=\"doc\"><p>{} line {}</p>",
                    x.keep_score,
                    x.gold,
                    x.gold,
                    x.predicted,
                    x.predicted,
                    escape(&clip(&x.text, 160)),
                    escape(&x.doc),
                    x.line
                );
                for b in &x.before {
                    let _ = write!(h, "<div class=\"l ctx\">{}</div>", escape(b));
                }
                let _ = write!(
                    h,
                    "<div class=\"l {}\"><b>{}</b></div>",
                    x.gold,
                    escape(&x.text)
                );
                for a in &x.after {
                    let _ = write!(h, "<div class=\"l ctx\">{}</div>", escape(a));
                }
                h += "</div></details>\n";
            }
        }
        h += "</body></html>\n";
        h
    }
}

impl Report {
    /// The kept text per view: news pages, all pages, each source.
    fn kept_text_table(&self) -> Table {
        let mut t = Table::new([
            "pages", "n", "lines", "P", "R", "F1", "char P", "char R", "char F1", "kept",
        ]);
        for (name, c) in self.evaluation.keep_views("source ") {
            t.row(super::kept_text_row(name, c));
        }
        t
    }

    /// Precision, recall and F1 of each label as the verdicts give it.
    fn per_class_table(&self) -> Table {
        let mut t = Table::new(["label", "precision", "recall", "F1", "support"]);
        for (l, prf, n) in self.evaluation.per_class() {
            t.row(vec![
                Cell::new(l.as_str()).class(format!("t {l}")),
                Cell::figure(prf.precision),
                Cell::figure(prf.recall),
                Cell::figure(prf.f1).strong(),
                Cell::new(n.to_string()),
            ]);
        }
        t
    }

    /// Lines per gold label (rows) and verdict label (columns), shaded in HTML by the share of
    /// the gold row.
    fn confusion_table(&self) -> Table {
        let mut t =
            Table::new(std::iter::once(String::new()).chain(Label::ALL.map(|l| l.to_string())))
                .class("cm");
        for g in Label::ALL {
            let row = self.evaluation.confusion[g.index()];
            let total: u64 = row.iter().sum::<u64>().max(1);
            let mut cells = vec![Cell::new(g.as_str()).heading()];
            for n in row {
                let share = n as f64 / total as f64;
                cells.push(Cell::new(n.to_string()).attributes(format!(
                    "style=\"background:rgba(200,40,40,{:.3})\" title=\"{:.1}% of gold {g}\"",
                    share * 0.85,
                    share * 100.0
                )));
            }
            t.row(cells);
        }
        t
    }

    /// The kept text on news pages and the kept share of each gold label at each threshold.
    fn threshold_table(&self) -> Table {
        let header = ["threshold", "P", "R", "F1", "char P", "char R", "char F1"]
            .map(String::from)
            .into_iter()
            .chain(Label::ALL.map(|l| format!("kept {l}")));
        let mut t = Table::new(header);
        for r in &self.thresholds {
            let mut cells = vec![
                Cell::new(format!("{:.2}", r.threshold)),
                Cell::figure(r.line.precision),
                Cell::figure(r.line.recall),
                Cell::figure(r.line.f1),
                Cell::figure(r.char.precision),
                Cell::figure(r.char.recall),
                Cell::figure(r.char.f1),
            ];
            cells.extend(r.kept_share.iter().map(|&s| Cell::figure(s)));
            t.row(cells);
        }
        t
    }
}

impl Report {
    /// The two curve plots of the HTML report, as standalone SVG files (for a README, say).
    pub fn plots(&self) -> [(&'static str, String); 2] {
        [
            (
                "pr-keep.svg",
                svg_curves(
                    &self.curves[..1],
                    "Keep decision, news pages (by character)",
                    self.evaluation.threshold as f64,
                ),
            ),
            (
                "pr-classes.svg",
                svg_curves(&self.curves[1..], "Per class, all lines", f64::NAN),
            ),
        ]
    }
}

fn threshold_row(scored: &[Scored], t: f64, keep_gold: impl Fn(Label) -> bool) -> ThresholdRow {
    let mut kept = [0f64; K];
    let mut total = [0f64; K];
    for s in scored {
        total[s.gold.index()] += 1.0;
        if s.keep as f64 >= t {
            kept[s.gold.index()] += 1.0;
        }
    }
    let news_pages = || scored.iter().filter(|s| s.news_page);
    let decision = |s: &Scored, weight: f64| (s.keep as f64 >= t, keep_gold(s.gold), weight);
    ThresholdRow {
        threshold: (t * 100.0).round() / 100.0,
        line: Prf::of_decisions(news_pages().map(|s| decision(s, 1.0))),
        char: Prf::of_decisions(news_pages().map(|s| decision(s, s.chars))),
        kept_share: std::array::from_fn(|k| {
            if total[k] > 0.0 {
                kept[k] / total[k]
            } else {
                0.0
            }
        }),
    }
}

/// A curve from (score, positive, weight) triples, sampled to about 200 points.
fn curve(name: String, mut items: Vec<(f64, bool, f64)>) -> Curve {
    items.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives: f64 = items.iter().filter(|i| i.1).map(|i| i.2).sum();
    let (mut tp, mut fp, mut ap) = (0.0, 0.0, 0.0);
    let mut points = Vec::new();
    let step = (items.len() / 200).max(1);
    for (n, &(score, pos, w)) in items.iter().enumerate() {
        if pos {
            tp += w;
        } else {
            fp += w;
        }
        let precision = tp / (tp + fp);
        if pos && positives > 0.0 {
            ap += w / positives * precision;
        }
        // A point where the score changes, every `step` items and at the end.
        let last = n + 1 == items.len() || items[n + 1].0 < score;
        if last && (n % step == 0 || n + 1 == items.len()) {
            let recall = if positives > 0.0 { tp / positives } else { 0.0 };
            points.push((score, precision, recall));
        }
    }
    Curve {
        name,
        points,
        average_precision: ap,
    }
}

fn worst_errors(scored: &[Scored], pages: &[LabelledPage], policy: &Policy) -> Vec<ErrorList> {
    let example = |s: &Scored| {
        let page = &pages[s.page];
        let text = |i: usize| page.lines[i].text.clone();
        let predicted = Label::argmax(&s.probs);
        Example {
            source: page.source.clone(),
            doc: page.doc.clone(),
            line: s.index + 1,
            text: text(s.index),
            gold: s.gold,
            predicted,
            keep_score: s.keep,
            before: (s.index.saturating_sub(CONTEXT)..s.index)
                .map(text)
                .collect(),
            after: (s.index + 1..(s.index + 1 + CONTEXT).min(page.lines.len()))
                .map(text)
                .collect(),
        }
    };
    let threshold = policy.threshold();
    let mut lists = Vec::new();
    let mut dropped: Vec<&Scored> = scored
        .iter()
        .filter(|s| policy.keep().contains(s.gold) && s.keep < threshold)
        .collect();
    dropped.sort_by(|a, b| a.keep.total_cmp(&b.keep));
    lists.push(ErrorList {
        kind: format!("{} dropped", policy.keep()),
        count: dropped.len(),
        examples: dropped.iter().take(WORST).map(|s| example(s)).collect(),
    });
    for l in Label::ALL
        .into_iter()
        .filter(|l| !policy.keep().contains(*l))
    {
        let mut kept: Vec<&Scored> = scored
            .iter()
            .filter(|s| s.gold == l && s.keep >= threshold)
            .collect();
        kept.sort_by(|a, b| b.keep.total_cmp(&a.keep));
        lists.push(ErrorList {
            kind: format!("{l} kept"),
            count: kept.len(),
            examples: kept.iter().take(WORST).map(|s| example(s)).collect(),
        });
    }
    lists
}

const CURVE_COLORS: [&str; 6] = [
    "#1b7f3b", "#555555", "#c0392b", "#d68910", "#2e6fb7", "#8e44ad",
];

/// Precision (y) against recall (x) as inline SVG; `mark` is a threshold to dot on each curve.
fn svg_curves(curves: &[Curve], title: &str, mark: f64) -> String {
    let (w, h, m) = (440.0, 340.0, 48.0);
    let x = |r: f64| m + r * (w - 1.6 * m);
    let y = |p: f64| h - m - p * (h - 1.8 * m);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><text x=\"{}\" y=\"20\" font-size=\"14\" text-anchor=\"middle\">{}</text>",
        escape(title),
        w / 2.0,
        escape(title)
    );
    for i in 0..=5 {
        let v = i as f64 / 5.0;
        let _ = write!(
            s,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#e6e6e6\"/><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#e6e6e6\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{v:.1}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{v:.1}</text>",
            x(v), y(0.0), x(v), y(1.0), x(0.0), y(v), x(1.0), y(v),
            x(v), y(0.0) + 16.0, x(0.0) - 6.0, y(v) + 4.0
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">recall</text>\
         <text x=\"14\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {:.1})\">precision</text>",
        x(0.5),
        h - 10.0,
        y(0.5),
        y(0.5)
    );
    for (n, c) in curves.iter().enumerate() {
        let color = CURVE_COLORS[n % CURVE_COLORS.len()];
        let pts: Vec<String> = c
            .points
            .iter()
            .map(|&(_, p, r)| format!("{:.1},{:.1}", x(r), y(p)))
            .collect();
        let _ = write!(
            s,
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>",
            pts.join(" ")
        );
        if mark.is_finite() {
            if let Some(&(_, p, r)) = c.points.iter().rev().find(|pt| pt.0 >= mark) {
                let _ = write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{color}\"><title>threshold {mark:.3}: precision {p:.3}, recall {r:.3}</title></circle>",
                    x(r),
                    y(p)
                );
            }
        }
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"3\" fill=\"{color}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{} (AP {:.3})</text>",
            x(0.03),
            y(0.04) - 16.0 * (curves.len() - 1 - n) as f64 - 4.0,
            x(0.03) + 16.0,
            y(0.04) - 16.0 * (curves.len() - 1 - n) as f64,
            escape(&c.name),
            c.average_precision
        );
    }
    s + "</svg>"
}

fn one_line(text: &str) -> String {
    clip(text, 200).replace(['\n', '|'], " ")
}

fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        text.chars().take(n).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{line, LabelledLine};

    fn pages() -> Vec<LabelledPage> {
        let lines = |v: &[(&str, Label)]| -> Vec<LabelledLine> {
            v.iter().map(|&(t, l)| line(t, l)).collect()
        };
        let news = [
            ("Home | World | Sport", Label::Furniture),
            ("The council voted on Tuesday to build a footbridge across the river, ending a decade of debate.", Label::News),
            ("SLOT GACOR HARI INI GAMPANG MAXWIN daftar situs judi online", Label::Gambling),
            ("Work starts next spring and should take eighteen months, the council said.", Label::News),
            ("Wireless Earbuds with Charging Case - $24.99", Label::Marketplace),
            ("Share this article", Label::Furniture),
            ("I have been to this town twice and loved the old bridge.", Label::Other),
        ];
        (0..6)
            .map(|i| LabelledPage {
                doc: format!("p{i}"),
                source: if i % 2 == 0 { "a".into() } else { "b".into() },
                site: String::new(),
                lines: lines(&news[..news.len() - i % 3]),
                origin: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn threshold_table_is_monotone_where_it_must_be() {
        let model = Model::embedded().unwrap();
        let r = Report::build(model, &pages(), &model.default_policy(), "embedded", "test");
        assert_eq!(r.thresholds.len(), 19);
        for pair in r.thresholds.windows(2) {
            let (lo, hi) = (&pair[0], &pair[1]);
            assert!(hi.threshold > lo.threshold);
            // Raising the threshold can only keep fewer lines: recall and kept shares never grow.
            assert!(hi.line.recall <= lo.line.recall + 1e-12);
            assert!(hi.char.recall <= lo.char.recall + 1e-12);
            for k in 0..K {
                assert!(hi.kept_share[k] <= lo.kept_share[k] + 1e-12, "{k}");
            }
        }
    }

    #[test]
    fn curves_run_from_high_threshold_to_full_recall() {
        let model = Model::embedded().unwrap();
        let r = Report::build(model, &pages(), &model.default_policy(), "embedded", "test");
        assert_eq!(r.curves.len(), 1 + K);
        for c in &r.curves {
            let Some(last) = c.points.last() else {
                continue;
            };
            assert!(c
                .points
                .windows(2)
                .all(|w| w[1].0 <= w[0].0 && w[1].2 >= w[0].2));
            assert!(
                (last.2 - 1.0).abs() < 1e-9 || last.2 == 0.0,
                "{}: {last:?}",
                c.name
            );
            assert!((0.0..=1.0).contains(&c.average_precision));
        }
    }

    #[test]
    fn report_carries_the_evaluation_and_is_self_contained() {
        let model = Model::embedded().unwrap();
        let policy = model.default_policy();
        let r = Report::build(model, &pages(), &policy, "embedded", "test");
        let plain = Evaluation::run(model, &pages(), &policy);
        assert_eq!(r.to_json().unwrap()["evaluation"], plain.to_json());
        let html = r.to_html();
        assert!(html.contains("<svg") && html.contains("<polyline"));
        assert!(!html.contains("<script"), "no script");
        assert!(
            !html.contains("src=") && !html.contains("href="),
            "nothing loaded from elsewhere"
        );
        let dropped: usize = r.worst_errors.iter().map(|l| l.count).sum();
        let e = &r.evaluation.all_pages;
        assert_eq!(
            dropped as u64,
            e.line_counts[1] + e.line_counts[2],
            "every error is counted once"
        );
        assert!(r.to_markdown().contains("## Threshold table"));
    }
}
