//! Two models on the same data ([`compare`]), and how sure a figure is: bootstrap intervals over
//! sites, paired when comparing ([`intervals`]).

use std::fmt::Write as _;

use serde::Serialize;

use super::metrics::Tally;
use super::table::{Cell, Column, Table};
use super::{Evaluation, K};
use crate::label::Label;
use crate::rng::Rng;

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
        let columns = [
            Column::name(32),
            Column::figure(8),
            Column::figure(8),
            Column::figure(8),
        ];
        format!("{}\n{}", self.caption(), self.table().text(&columns))
    }

    /// Each figure with its interval.
    pub(super) fn table(&self) -> Table {
        let mut t = Table::new(["figure", "value", "low", "high"]);
        for f in &self.figures {
            t.row(vec![
                Cell::new(&f.figure).class("t"),
                Cell::figure(f.value),
                Cell::figure(f.low),
                Cell::figure(f.high),
            ]);
        }
        t
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
    use crate::classify::Policy;
    use crate::eval::tests::{page, verdict};

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
