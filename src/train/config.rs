//! Training settings: `training/config.toml` as [`Config`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{unseen, K};
use crate::error::{Error, Result};

/// Training settings (`training/config.toml`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Folder or file of labelled JSONL (`.jsonl` / `.jsonl.gz`).
    pub train: PathBuf,
    /// Optional dev data, scored after training (never trained on).
    pub dev: Option<PathBuf>,
    /// Seeds the sampling, the folds and the augmentations: one config and seed train one model.
    pub seed: u64,
    /// Folds of sites for cross-fitting (see [`train`]): each stage is fitted once per fold on
    /// the other folds, and the shipped stage is the mean of those fits.
    ///
    /// [`train`]: super::train
    pub folds: usize,
    /// Models trained one after another, each with its own seed (the config's, then plus
    /// [`BAG_SEED_STRIDE`] each), so its own draw of folds, samples, copies and generated lines,
    /// and shipped as their mean ([`average`]): a draw's luck averages out.
    ///
    /// [`average`]: super::average
    /// [`BAG_SEED_STRIDE`]: super::BAG_SEED_STRIDE
    pub bag: usize,
    /// Leave out lines whose gold label is uncertain.
    pub drop_ambiguous: bool,
    /// Lines of English gambling spam generated from templates (`src/train/synthetic.rs`) and added to
    /// the training data, which has none.
    pub synthetic_gambling: usize,
    /// Lines of gambling spam in made-up languages (`src/train/synthetic.rs`: the
    /// templates' words swapped for made-up ones but the trade's loanwords, brands and amounts),
    /// for promos in languages the data has none of.
    pub synthetic_gambling_unseen: usize,
    /// Lines of gambling promos in real languages the data lacks (Vietnamese, Chinese, Korean,
    /// Khmer, Hindi, Portuguese, Spanish, Turkish, Russian, German, French, Polish:
    /// `src/train/promos.rs`), with brands of letters then digits.
    pub synthetic_gambling_languages: usize,
    /// Lines of listings generated in ten languages (`src/train/listings.rs`): product titles
    /// with sizes and variants, bare prices and price pairs, market-report headlines.
    pub synthetic_marketplace: usize,
    /// Stage-1 lines sampled per label, in `news, furniture, gambling, marketplace, other` order.
    pub stage1_per_label: [usize; K],
    /// Lines sampled per label for each context stage, same order.
    pub stage2_per_label: [usize; K],
    /// Share of news pages copied with a run of gambling or marketplace lines spliced in, so the
    /// model sees spam inside pages and not only as lone comments and titles.
    pub augment_share: f64,
    /// Share of news pages also copied as an extractor (trafilatura, Readability) would give
    /// them: the news lines alone. Without these, a page of prose with no furniture around it
    /// reads like the regrouped market-report blurbs or comments, the only such pages in the
    /// data, and an already-extracted article is dropped as marketplace or other.
    pub extracted_share: f64,
    /// Share of the pages also copied in a made-up language (`src/train/unseen.rs`): every word of the
    /// page swapped for a made-up one, so the stages learn to read a page whose words the
    /// n-gram table does not know (an article in German or Italian) from its shape.
    pub unseen_language_share: f64,
    /// How many of the made-up sound systems (`src/train/unseen.rs`) the languages of the
    /// made-up-language copies are drawn from: the first 8 are in Latin letters, Cyrillic and
    /// Greek (every model up to 7543605), 12 adds Arabic, Devanagari, Tamil and Hebrew.
    pub unseen_sound_systems: usize,
    /// Share of the news pages also made into a page of several articles (a tag page, a section
    /// front, an infinite-scroll page: `add_multi_article`). The data has few such pages, and
    /// without them a page of several full articles read as a forum or a blog.
    pub multi_article_share: f64,
    /// Share of the news pages of a site also given a duplicate on that site (the page as it
    /// is, or its news lines alone), counted among the site's pages. A shard of extracted
    /// articles with no URLs is one site to `chaff filter`, and the same article twice in it
    /// made every line repeat across the site: without duplicates in training, the stages had
    /// only seen template lines and product grids repeat that way, and dropped both copies.
    pub duplicate_share: f64,
    /// Share of the news pages also copied without their first line (the `<title>` every page
    /// of the data begins with): dumps that start with a page's menu have no title line, and a
    /// model that finds the headline by the title ([`crate::features::title`]) must also keep
    /// a headline it cannot find so.
    pub untitled_share: f64,
    /// Sources whose `other` lines are left out of training as if ambiguous (they stay on their
    /// pages, as context): CleanEval's gold is the main text of random web pages, news articles
    /// among them, all labelled `other`, so its lines teach that news prose is `other`.
    pub other_unknown_sources: Vec<String>,
    /// Sources whose pages are not read for training at all ([`SYNTHETIC_GAMBLING`] and
    /// [`SYNTHETIC_GAMBLING_UNSEEN`] turn their generated lines off): to measure a model on spam
    /// of a kind it has never seen (`training/leave-one-source-out.sh`). A name no page of the
    /// data carries is an error.
    ///
    /// [`SYNTHETIC_GAMBLING`]: super::SYNTHETIC_GAMBLING
    /// [`SYNTHETIC_GAMBLING_UNSEEN`]: super::SYNTHETIC_GAMBLING_UNSEEN
    pub exclude_sources: Vec<String>,
    /// Train a furniture line of a page as news when it repeats one of the page's news lines
    /// (or the headline of its news title line, "Headline | Site"): the benchmarks' labels align
    /// the gold text to one copy only, so the headline above an article was furniture when the
    /// `<title>` line took the gold title, and the model learnt to drop headlines.
    pub repeated_news_as_news: bool,
    /// Train a news page's headline as news when its labels call it furniture: the line nearest
    /// above the first line of news prose that repeats the page's title (its first line). The
    /// benchmarks disagree on headlines (most of Readability's, CleanPortalEval's and the
    /// newsfixtures' are furniture, most of L3S-GN1's and Dragnet's news), and a model taught
    /// both dropped the headline above every article.
    pub headline_as_news: bool,
    /// Train news lines that are a date or a byline and little more ("October 29, 2012", "By
    /// Ann Lee") as furniture, as this project labels them: Dragnet's gold includes bylines and
    /// dates (its rows flag them `suspect`), so the model kept "Updated <date>" lines between
    /// articles.
    pub dates_and_bylines_as_furniture: bool,
    /// Train furniture lines that end in a price ("Steel Bottle 1L - $18.95", "$129.99") as
    /// marketplace: by this project's labels a priced listing is marketplace wherever it sits,
    /// while the boilerplate benchmarks call the shop widgets and grids around a page's body
    /// furniture.
    pub listings_as_marketplace: bool,
    /// N-grams kept in the table (the most informative).
    pub vocab_size: usize,
    /// How many training lines an n-gram must appear in to be kept.
    pub min_count: usize,
    /// How many of the most informative n-grams get a stage-1 column of their own.
    pub direct_ngrams: usize,
    /// Add-alpha smoothing of the n-gram presence rates.
    pub smoothing: f32,
    /// Neighbours each side whose evidence and statistics stage 1 sees.
    pub window: usize,
    /// How many context stages follow stage 1.
    pub context_stages: usize,
    /// Neighbours each side whose probabilities a context stage sees.
    pub context_window: usize,
    /// Whether the context stages see how often a line recurs on the other pages of its site
    /// (in training, the site's pages in the data).
    pub repetition: bool,
    /// Stage 1's L2 penalty (on the mean loss).
    pub stage1_alpha: f32,
    /// Stage 1's iteration cap.
    pub stage1_iterations: u64,
    /// Each context stage's L2 penalty (on the mean loss).
    pub stage2_alpha: f32,
    /// Each context stage's iteration cap.
    pub stage2_iterations: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            train: PathBuf::from("../shared/data/train"),
            dev: None,
            seed: 7,
            folds: 5,
            bag: 1,
            drop_ambiguous: true,
            synthetic_gambling: 0,
            synthetic_gambling_unseen: 0,
            synthetic_gambling_languages: 0,
            synthetic_marketplace: 0,
            stage1_per_label: [16_000, 24_000, 8_000, 8_000, 12_000],
            stage2_per_label: [40_000, 120_000, 10_000, 10_000, 40_000],
            augment_share: 0.5,
            extracted_share: 0.0,
            unseen_language_share: 0.0,
            unseen_sound_systems: unseen::LATIN_GREEK_CYRILLIC,
            multi_article_share: 0.0,
            duplicate_share: 0.0,
            untitled_share: 0.0,
            other_unknown_sources: Vec::new(),
            exclude_sources: Vec::new(),
            repeated_news_as_news: false,
            headline_as_news: false,
            dates_and_bylines_as_furniture: false,
            listings_as_marketplace: false,
            vocab_size: 100_000,
            min_count: 3,
            direct_ngrams: 1_000,
            smoothing: 1.0,
            window: 2,
            context_stages: 2,
            context_window: 3,
            repetition: false,
            stage1_alpha: 1e-3,
            stage1_iterations: 150,
            stage2_alpha: 1e-3,
            stage2_iterations: 200,
        }
    }
}

impl Config {
    /// Reads a configuration; an unknown key or a bad value is an error naming it.
    pub fn from_toml(text: &str) -> Result<Config> {
        let config: Config =
            toml::from_str(text).map_err(|e| Error::config(format!("bad training config: {e}")))?;
        if !(1..=unseen::COUNT).contains(&config.unseen_sound_systems) {
            return Err(Error::config(format!(
                "bad training config: unseen_sound_systems is {}, it must be 1 to {}",
                config.unseen_sound_systems,
                unseen::COUNT
            )));
        }
        Ok(config)
    }

    /// The configuration as TOML, as the model file records it.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| Error::serialize("the training config", e))
    }
}

/// Reads a config file; relative data paths are taken relative to the current directory.
pub fn load_config(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(e, path))?;
    Config::from_toml(&text).map_err(|e| e.with_path(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_round_trips_and_rejects_unknown_keys() {
        let c = Config::default();
        let back = Config::from_toml(&c.to_toml().unwrap()).unwrap();
        assert_eq!(back.vocab_size, c.vocab_size);
        assert!(Config::from_toml("vocab_sise = 3").is_err());
    }
}
