//! The n-gram table's counts, kept per fold of sites, so that a table can be made from every
//! fold but one: in training, a line's n-gram evidence never comes from counts of its own site
//! (cross-fitting), while the shipped table is made from every fold.
//!
//! Counts are kept language by language. The data's Indonesian is almost all gambling promos and
//! comments, and its news almost all English: counted over every line, "yang" or "dan" would be
//! evidence of gambling and against news, and an Indonesian article would read as spam. So an
//! n-gram is ranked by its mutual information with the label given the language (the data's
//! `lang`), and its log-odds for a label is the mean of its log-odds within each language that
//! has enough lines of that label and of the others, weighted by how many of the language's lines
//! hold it. A language with no news says nothing of news: in Indonesian, "yang" is weighed only
//! against gambling, comments and product titles, and "slot" still tells gambling from comments.

use std::collections::HashMap;

use crate::corpus::{LabelledLine, LabelledPage};
use crate::features::{tokens, Featurizer, NgramTable};

use super::{Config, K, SYNTHETIC_GAMBLING_UNSEEN};

/// The featurizer of the shipped model (its table counted on every fold) and one per fold
/// (counted without that fold), the training stages' inputs.
pub(super) struct Featurizers {
    pub(super) all: Featurizer,
    pub(super) without: Vec<Featurizer>,
}

/// Counts the n-grams of the pages of each fold (their lines of certain label, unless
/// `config.drop_ambiguous` is off) and makes the featurizers from them.
pub(super) fn featurizers(fold_pages: &[Vec<LabelledPage>], config: &Config) -> Featurizers {
    let folds = fold_pages.len();
    let mut counts = NgramCounts::new(folds);
    for (f, pages) in fold_pages.iter().enumerate() {
        // Lines in made-up languages are not counted: their made-up words are no language's,
        // and the short ones that are real words elsewhere ("с", "и" in Russian) became
        // evidence of gambling in every article in that script. The trade's loanwords they
        // keep are counted in the English lines.
        let counted = pages
            .iter()
            .filter(|p| p.source != SYNTHETIC_GAMBLING_UNSEEN);
        for line in counted.flat_map(|p| &p.lines) {
            if !(config.drop_ambiguous && line.ambiguous) {
                counts.add(line, f);
            }
        }
    }
    let vocabulary = counts.vocabulary(config.vocab_size, config.min_count);
    let featurizer_of = |without| {
        Featurizer::new(
            counts.table(&vocabulary, without, config.smoothing),
            config.direct_ngrams,
            config.window,
        )
    };
    Featurizers {
        all: featurizer_of(None),
        without: (0..folds).map(|f| featurizer_of(Some(f))).collect(),
    }
}

/// A language's lines of a label, and its lines of the other labels, must each number this
/// many for the language to say anything of the label's n-grams (unless no language has that
/// many, as in small data sets).
const MIN_LANGUAGE_LINES: f64 = 100.0;

/// Per language and fold, how many lines of each label hold each n-gram (unigrams and bigrams).
pub(super) struct NgramCounts {
    folds: usize,
    languages: Vec<String>,
    /// Per language: n-gram → its slot in `counts`.
    slots: Vec<HashMap<String, u32>>,
    /// Per language: `folds * K` counts per slot, fold after fold.
    counts: Vec<Vec<u32>>,
    /// Per language: lines per label, `folds * K`, fold after fold.
    lines: Vec<Vec<f64>>,
    tokens: tokens::Tokens,
    grams: Vec<String>,
}

/// The counts of one language with one fold (or none) left out.
struct Language<'a> {
    totals: [f64; K],
    size: f64,
    counted: [bool; K],
    slots: &'a HashMap<String, u32>,
    counts: &'a [u32],
}

impl NgramCounts {
    pub(super) fn new(folds: usize) -> NgramCounts {
        NgramCounts {
            folds: folds.max(1),
            languages: Vec::new(),
            slots: Vec::new(),
            counts: Vec::new(),
            lines: Vec::new(),
            tokens: tokens::Tokens::default(),
            grams: Vec::new(),
        }
    }

    /// Counts the n-grams of `line`, a line of a site in `fold`.
    pub(super) fn add(&mut self, line: &LabelledLine, fold: usize) {
        let stride = self.folds * K;
        let lang = match self.languages.iter().position(|l| *l == line.lang) {
            Some(i) => i,
            None => {
                self.languages.push(line.lang.clone());
                self.slots.push(HashMap::new());
                self.counts.push(Vec::new());
                self.lines.push(vec![0.0; stride]);
                self.languages.len() - 1
            }
        };
        let at = fold.min(self.folds - 1) * K + line.label.index();
        self.lines[lang][at] += 1.0;
        tokens::tokenize(&line.text, &mut self.tokens);
        self.grams.clear();
        for (j, t) in self.tokens.iter().enumerate() {
            self.grams.push(t.to_string());
            if let Some(next) = self.tokens.get(j + 1) {
                self.grams.push(format!("{t} {next}"));
            }
        }
        self.grams.sort_unstable();
        self.grams.dedup();
        let (slots, counts) = (&mut self.slots[lang], &mut self.counts[lang]);
        for g in self.grams.drain(..) {
            let next = (counts.len() / stride) as u32;
            let slot = *slots.entry(g).or_insert(next);
            if slot == next {
                counts.resize(counts.len() + stride, 0);
            }
            counts[slot as usize * stride + at] += 1;
        }
    }

    /// Every language's counts, with fold `without` left out.
    fn languages(&self, without: Option<usize>) -> Vec<Language<'_>> {
        let stride = self.folds * K;
        let totals: Vec<[f64; K]> = self
            .lines
            .iter()
            .map(|l| self.sum(l, 0, without).map(f64::from))
            .collect();
        let sizes: Vec<f64> = totals.iter().map(|t| t.iter().sum()).collect();
        let enough = |min: f64| -> Vec<[bool; K]> {
            totals
                .iter()
                .zip(&sizes)
                .map(|(t, size)| std::array::from_fn(|k| t[k] >= min && size - t[k] >= min))
                .collect()
        };
        let mut counted = enough(MIN_LANGUAGE_LINES);
        let small = enough(1.0);
        for k in 0..K {
            if !counted.iter().any(|c| c[k]) {
                for (c, s) in counted.iter_mut().zip(&small) {
                    c[k] = s[k];
                }
            }
        }
        debug_assert!(self.counts.iter().all(|c| c.len() % stride == 0));
        (0..self.languages.len())
            .map(|l| Language {
                totals: totals[l],
                size: sizes[l],
                counted: counted[l],
                slots: &self.slots[l],
                counts: &self.counts[l],
            })
            .collect()
    }

    /// The counts per label at `slot` of a language's `counts`, summed over the folds but
    /// `without`.
    fn sum<T: Copy + Into<f64>>(
        &self,
        counts: &[T],
        slot: usize,
        without: Option<usize>,
    ) -> [f32; K] {
        let stride = self.folds * K;
        let mut out = [0f32; K];
        for f in (0..self.folds).filter(|&f| Some(f) != without) {
            for (k, o) in out.iter_mut().enumerate() {
                *o += counts[slot * stride + f * K + k].into() as f32;
            }
        }
        out
    }

    /// The `size` n-grams (in at least `min_count` lines) with the highest mutual information
    /// with the label given the language, over every fold; ties in name order.
    pub(super) fn vocabulary(&self, size: usize, min_count: usize) -> Vec<String> {
        let languages = self.languages(None);
        let n: f64 = languages.iter().map(|l| l.size).sum::<f64>().max(1.0);
        let mut scored: Vec<(f64, &str)> = Vec::new();
        for (first, lang) in languages.iter().enumerate() {
            for gram in lang.slots.keys() {
                // Each n-gram once, with its counts in every language.
                if languages[..first]
                    .iter()
                    .any(|l| l.slots.contains_key(gram))
                {
                    continue;
                }
                let per_lang = self.per_language(&languages, gram, None);
                let present_all: f64 = per_lang
                    .iter()
                    .flat_map(|(_, c)| c)
                    .map(|&v| v as f64)
                    .sum();
                if present_all < min_count as f64 {
                    continue;
                }
                let mut mi = 0.0;
                for (lang, c) in &per_lang {
                    let present: f64 = c.iter().map(|&v| v as f64).sum();
                    for (k, &count) in c.iter().enumerate() {
                        let both = count as f64;
                        for (joint, marginal) in [
                            (both, present),
                            (lang.totals[k] - both, lang.size - present),
                        ] {
                            if joint > 0.0 && marginal > 0.0 {
                                mi += joint / n
                                    * ((joint * lang.size) / (marginal * lang.totals[k])).ln();
                            }
                        }
                    }
                }
                scored.push((mi, gram.as_str()));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored.truncate(size);
        scored.into_iter().map(|(_, g)| g.to_string()).collect()
    }

    /// The counts of `gram` in each language that has it, with fold `without` left out.
    fn per_language<'a>(
        &self,
        languages: &'a [Language<'a>],
        gram: &str,
        without: Option<usize>,
    ) -> Vec<(&'a Language<'a>, [f32; K])> {
        languages
            .iter()
            .filter_map(|l| {
                let slot = *l.slots.get(gram)? as usize;
                Some((l, self.sum(l.counts, slot, without)))
            })
            .collect()
    }

    /// The table of `vocabulary`'s n-grams, their log-odds counted on every fold but `without`
    /// with add-`smoothing`. An n-gram seen only in the fold left out weighs nothing.
    pub(super) fn table(
        &self,
        vocabulary: &[String],
        without: Option<usize>,
        smoothing: f32,
    ) -> NgramTable {
        let languages = self.languages(without);
        let a = smoothing as f64;
        let mut ratios = Vec::with_capacity(vocabulary.len() * K);
        for gram in vocabulary {
            let mut sums = [0f64; K];
            let mut weights = [0f64; K];
            for (lang, c) in self.per_language(&languages, gram, without) {
                let present: f64 = c.iter().map(|&v| v as f64).sum();
                for k in (0..K).filter(|&k| lang.counted[k]) {
                    let both = c[k] as f64;
                    let in_k = (both + a) / (lang.totals[k] + 2.0 * a);
                    let rest = (present - both + a) / (lang.size - lang.totals[k] + 2.0 * a);
                    sums[k] += present * (in_k / rest).ln();
                    weights[k] += present;
                }
            }
            ratios.extend((0..K).map(|k| {
                if weights[k] > 0.0 {
                    (sums[k] / weights[k]) as f32
                } else {
                    0.0
                }
            }));
        }
        NgramTable::new(vocabulary.to_vec(), ratios)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::line;
    use crate::corpus::LabelledPage;
    use crate::label::Label;
    use crate::train::Config;

    #[test]
    fn ngram_table_keeps_telling_ngrams_with_the_right_sign() {
        let mut lines = Vec::new();
        for i in 0..20 {
            lines.push(line(&format!("slot gacor hari ini {i}"), Label::Gambling));
            lines.push(line(&format!("the council said today {i}"), Label::News));
        }
        let table = table_of(lines.clone(), 3);
        assert_eq!(table.len(), 3);
        assert!(!table.grams.contains(&"0".to_string()), "{:?}", table.grams);
        let table = table_of(lines, 100);
        let slot = table.grams.iter().position(|g| g == "slot").unwrap();
        assert!(table.ratios_of(slot)[Label::Gambling.index()] > 2.0);
        assert!(table.ratios_of(slot)[Label::News.index()] < -2.0);
    }

    /// The n-gram table of one page of `lines` (n-grams in at least 3 lines).
    fn table_of(lines: Vec<LabelledLine>, vocab_size: usize) -> NgramTable {
        let pool = [LabelledPage {
            doc: "d".into(),
            source: "s".into(),
            site: String::new(),
            lines,
            origin: Vec::new(),
        }];
        let config = Config {
            vocab_size,
            min_count: 3,
            ..Config::default()
        };
        let mut counts = NgramCounts::new(1);
        for line in pool.iter().flat_map(|p| &p.lines) {
            counts.add(line, 0);
        }
        counts.table(
            &counts.vocabulary(config.vocab_size, config.min_count),
            None,
            config.smoothing,
        )
    }

    /// All the Indonesian is spam and comments, all the news English: "yang" must not become
    /// evidence against news (the language has no news to weigh it against), while "slot"
    /// still tells Indonesian spam from Indonesian comments, and English words keep theirs.
    #[test]
    fn ngram_evidence_is_weighed_within_each_language() {
        let lang_line = |text: String, label, lang: &str| LabelledLine {
            lang: lang.into(),
            ..line(&text, label)
        };
        let mut lines = Vec::new();
        for i in 0..200 {
            lines.push(lang_line(
                format!("slot yang gacor {i}"),
                Label::Gambling,
                "id",
            ));
            lines.push(lang_line(
                format!("lagu yang bagus {i}"),
                Label::Other,
                "id",
            ));
            lines.push(lang_line(
                format!("the council said {i}"),
                Label::News,
                "en",
            ));
            lines.push(lang_line(format!("read more {i}"), Label::Furniture, "en"));
        }
        let table = table_of(lines.clone(), 100);
        let ratios = |g: &str| table.ratios_of(table.grams.iter().position(|x| x == g).unwrap());
        let (news, gambling) = (Label::News.index(), Label::Gambling.index());
        assert_eq!(ratios("yang")[news], 0.0);
        assert!(ratios("yang")[gambling].abs() < 0.1, "{:?}", ratios("yang"));
        assert!(ratios("slot")[gambling] > 2.0, "{:?}", ratios("slot"));
        assert_eq!(ratios("slot")[news], 0.0);
        assert!(ratios("council")[news] > 2.0, "{:?}", ratios("council"));
        // Counted over every line at once, as before, "yang" was evidence against news.
        let one_language = lines
            .into_iter()
            .map(|l| LabelledLine {
                lang: String::new(),
                ..l
            })
            .collect();
        let table = table_of(one_language, 100);
        let yang = table.grams.iter().position(|x| x == "yang").unwrap();
        assert!(table.ratios_of(yang)[news] < -2.0);
    }

    /// A table made without a fold counts none of its lines: an n-gram seen only there weighs
    /// nothing, one seen in both folds weighs only the other fold's lines, and the table of
    /// every fold has both.
    #[test]
    fn a_fold_left_out_counts_none_of_its_lines() {
        let mut counts = NgramCounts::new(2);
        for i in 0..20 {
            counts.add(&line(&format!("slot gacor {i}"), Label::Gambling), 0);
            counts.add(&line(&format!("council said {i}"), Label::News), 0);
            counts.add(&line(&format!("council voted {i}"), Label::News), 1);
            counts.add(&line(&format!("read more {i}"), Label::Furniture), 1);
        }
        let vocabulary = counts.vocabulary(100, 3);
        let ratios = |table: &NgramTable, g: &str| {
            table
                .ratios_of(table.grams.iter().position(|x| x == g).unwrap())
                .to_vec()
        };
        let (news, gambling) = (Label::News.index(), Label::Gambling.index());
        let all = counts.table(&vocabulary, None, 1.0);
        assert!(ratios(&all, "slot")[gambling] > 2.0);
        let without_0 = counts.table(&vocabulary, Some(0), 1.0);
        assert_eq!(without_0.grams, all.grams, "one vocabulary for every table");
        assert!(ratios(&without_0, "slot").iter().all(|&r| r == 0.0));
        // In fold 1 alone "council" is in every news line; over both folds, in every one too.
        assert!(ratios(&without_0, "council")[news] > 2.0);
        let without_1 = counts.table(&vocabulary, Some(1), 1.0);
        assert!(ratios(&without_1, "read").iter().all(|&r| r == 0.0));
        assert!(ratios(&without_1, "slot")[gambling] > 2.0);
    }

    /// Lines in made-up languages are left out of the counts: their made-up words ("с", "и"
    /// are real Russian words) must not become evidence of gambling, while the data's lines
    /// are counted.
    #[test]
    fn lines_in_made_up_languages_are_not_counted() {
        let page = |source: &str, lines: Vec<LabelledLine>| LabelledPage {
            doc: format!("{source}/0"),
            source: source.into(),
            site: String::new(),
            lines,
            origin: Vec::new(),
        };
        let made_up = (0..20)
            .map(|i| line(&format!("ка с бонус casino {i}"), Label::Gambling))
            .collect();
        let data = (0..20)
            .map(|i| line(&format!("the council said {i}"), Label::News))
            .collect();
        let fold_pages = vec![vec![
            page(SYNTHETIC_GAMBLING_UNSEEN, made_up),
            page("dragnet", data),
        ]];
        let featurizers = featurizers(&fold_pages, &Config::default());
        let grams = &featurizers.all.ngrams.grams;
        assert!(grams.iter().any(|g| g == "council"), "{grams:?}");
        assert!(
            !grams.iter().any(|g| g == "с" || g == "casino"),
            "{grams:?}"
        );
    }
}
