//! The pages that lose the most news or keep the most noise: where to read first when a figure
//! falls short.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::{Evaluation, PageTally, K};
use crate::label::Label;

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
    // The pages with any characters in one slot of the keep view's counts, most first: [2] the
    // kept labels' characters dropped, [1] the other labels' characters kept.
    let most = |slot: usize| {
        let mut pages: Vec<&PageTally> = eval
            .pages
            .iter()
            .filter(|p| p.tally.all_pages.char_counts[slot] > 0)
            .collect();
        pages.sort_by_key(|p| std::cmp::Reverse(p.tally.all_pages.char_counts[slot]));
        pages
    };
    let losing = most(2);
    let leaking = most(1);
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
        // One row: the page, the characters lost (or kept) of how many, and one cell per label.
        let row = |out: &mut String,
                   doc: &str,
                   source: &str,
                   part: u64,
                   whole: u64,
                   cells: Vec<String>| {
            let share = share(part, whole);
            let _ = write!(
                out,
                "{doc:<doc_width$} {source:<source_width$} {part:>8} {whole:>8} {share:>7.4}"
            );
            for c in cells {
                let _ = write!(out, " {c:>11}");
            }
            let _ = writeln!(out);
        };
        if let Some(first) = self.losing.first() {
            header(&mut out, "lost", first.labelled.keys().collect());
        }
        for p in &self.losing {
            let cells = p.labelled.values().map(|s| format!("{s:.4}")).collect();
            row(&mut out, &p.doc, &p.source, p.lost_chars, p.chars, cells);
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
            let cells = p.by_gold.values().map(u64::to_string).collect();
            row(&mut out, &p.doc, &p.source, p.kept_chars, p.chars, cells);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{Policy, Verdict};
    use crate::eval::tests::{page, verdict};

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
}
