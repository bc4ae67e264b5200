//! Training (feature `train`): count n-gram evidence, fit stage 1 with linfa-logistic, then fit
//! the context stages, every stage on every site, cross-fitted by folds of sites (see [`train`]).
//!
//! linfa-logistic has no sample weights, so classes are balanced by sampling (caps per label).
//! The `stage2_*` settings apply to every context stage.

use std::path::{Path, PathBuf};
use std::time::Instant;

use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2, ShapeBuilder};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::{self, site_memories, LabelledLine, Page};
use crate::error::{Error, Result};
use crate::eval::Evaluation;
use crate::features::context::{Context, PageLayout};
use crate::features::repetition::avalanche;
use crate::features::{stats, Featurizer, Scaler, Stage1Rows};
use crate::label::Label;
use crate::model::{ContextStage, Linear, Model, ModelData, Options, TrainingMeta};
use crate::rng::Rng;

pub mod adapt;
mod ngrams;
mod synthetic;
mod unseen;

use ngrams::NgramCounts;

/// Source name of the generated English gambling lines ([`Config::synthetic_gambling`]).
pub const SYNTHETIC_GAMBLING: &str = "synthetic_gambling_en";
/// Source name of the generated gambling lines in made-up languages
/// ([`Config::synthetic_gambling_unseen`]).
pub const SYNTHETIC_GAMBLING_UNSEEN: &str = "synthetic_gambling_unseen";
/// The generated sources: never in the data, always known to [`Config::exclude_sources`].
const SYNTHETIC_SOURCES: [&str; 2] = [SYNTHETIC_GAMBLING, SYNTHETIC_GAMBLING_UNSEEN];

const K: usize = Label::COUNT;

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
    pub folds: usize,
    /// Leave out lines whose gold label is uncertain.
    pub drop_ambiguous: bool,
    /// Lines of English gambling spam generated from templates (`src/train/synthetic.rs`) and added to
    /// the training data, which has none.
    pub synthetic_gambling: usize,
    /// Lines of gambling spam in made-up languages (`src/train/synthetic.rs`: the
    /// templates' words swapped for made-up ones but the trade's loanwords, brands and amounts),
    /// for promos in languages the data has none of.
    pub synthetic_gambling_unseen: usize,
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
    /// Sources whose `other` lines are left out of training as if ambiguous (they stay on their
    /// pages, as context): CleanEval's gold is the main text of random web pages, news articles
    /// among them, all labelled `other`, so its lines teach that news prose is `other`.
    pub other_unknown_sources: Vec<String>,
    /// Sources whose pages are not read for training at all ([`SYNTHETIC_GAMBLING`] and
    /// [`SYNTHETIC_GAMBLING_UNSEEN`] turn their generated lines off): to measure a model on spam
    /// of a kind it has never seen (`training/leave-one-source-out.sh`). A name no page of the
    /// data carries is an error.
    pub exclude_sources: Vec<String>,
    /// Train a furniture line of a page as news when it repeats one of the page's news lines
    /// (or the headline of its news title line, "Headline | Site"): the benchmarks' labels align
    /// the gold text to one copy only, so the headline above an article was furniture when the
    /// `<title>` line took the gold title, and the model learnt to drop headlines.
    pub repeated_news_as_news: bool,
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
            drop_ambiguous: true,
            synthetic_gambling: 0,
            synthetic_gambling_unseen: 0,
            stage1_per_label: [16_000, 24_000, 8_000, 8_000, 12_000],
            stage2_per_label: [40_000, 120_000, 10_000, 10_000, 40_000],
            augment_share: 0.5,
            extracted_share: 0.0,
            unseen_language_share: 0.0,
            multi_article_share: 0.0,
            duplicate_share: 0.0,
            other_unknown_sources: Vec::new(),
            exclude_sources: Vec::new(),
            repeated_news_as_news: false,
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
        toml::from_str(text).map_err(|e| Error::config(format!("bad training config: {e}")))
    }

    /// The configuration as TOML, as the model file records it.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| Error::serialize("the training config", e))
    }
}

fn hash_str(seed: u64, s: &str) -> u64 {
    s.bytes()
        .fold(avalanche(seed), |h, b| avalanche(h ^ b as u64))
}

/// Prints progress with the time since training started.
struct Progress(Instant);

impl Progress {
    fn say(&self, msg: impl AsRef<str>) {
        eprintln!(
            "[{:>7.1}s] {}",
            self.0.elapsed().as_secs_f64(),
            msg.as_ref()
        );
    }
}

/// Trains a model as `config` says. Prints progress on stderr.
///
/// Cross-fitted (stacking): the sites are split into [`Config::folds`] folds, and every stage
/// learns from every fold. A stage is fitted once per fold on the other folds' rows, and the rows
/// it is fitted on were themselves made by the models fitted without their own fold: a line's
/// n-gram evidence is counted on the other folds' sites, and the probabilities a context stage
/// reads come from stages that never saw the line's site, so they are as unsure as they will be
/// on a site nobody has seen. The shipped model holds the n-gram table counted on every fold and,
/// for each stage, the mean of its fold models' weights (the folds share one feature scaling, so
/// the mean is a model of the same shape, at no cost to inference).
pub fn train(config: &Config) -> Result<Model> {
    let progress = Progress(Instant::now());
    let (pages, files) = read_training_pages(config, &progress)?;
    let folds = config.folds.max(2);
    let mut fold_pages = split_folds(pages, config);

    // The n-gram counts, per fold, on the data's lines (before any copy is made: a copy would
    // only count its lines again).
    let mut counts = NgramCounts::new(folds);
    for (f, pages) in fold_pages.iter().enumerate() {
        for line in pages.iter().flat_map(|p| &p.lines) {
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
    let mut featurizer = featurizer_of(None);
    let mut fold_featurizers: Vec<Featurizer> =
        (0..folds).map(|f| featurizer_of(Some(f))).collect();
    drop(counts);
    progress.say(format!("n-gram table: {} n-grams", vocabulary.len()));

    let mut rng = Rng(config.seed);
    for pages in &mut fold_pages {
        add_copies(pages, config, &mut rng);
    }
    let (pages, fold_of): (Vec<Page>, Vec<usize>) = fold_pages
        .into_iter()
        .enumerate()
        .flat_map(|(f, pages)| pages.into_iter().map(move |p| (p, f)))
        .unzip();
    progress.say(format!(
        "{} pages (with copies) in {folds} folds of sites: {:?}",
        pages.len(),
        (0..folds)
            .map(|f| fold_of.iter().filter(|&&g| g == f).count())
            .collect::<Vec<_>>()
    ));

    // Stage 1: sample lines, featurize their pages with the table counted without their fold,
    // fit once per fold.
    let picks1 = sample_lines(
        &pages,
        &config.stage1_per_label,
        config.drop_ambiguous,
        config.seed,
    );
    let stage1_counts = count_labels(&pages, &picks1);
    let mut rows = Stage1Rows::with_capacity(featurizer.dense_dim(), picks1.len());
    let mut labels = Vec::with_capacity(picks1.len());
    let mut row_folds = Vec::with_capacity(picks1.len());
    for (page_idx, line_idxs) in group_by_page(&picks1) {
        let page = &pages[page_idx];
        let feats = fold_featurizers[fold_of[page_idx]].featurize(&page.texts());
        for i in line_idxs {
            rows.extend(feats.stage1.get(i));
            labels.push(page.lines[i].label);
            row_folds.push(fold_of[page_idx]);
        }
    }
    featurizer.scaler = Scaler::fit(rows.iter().map(|r| r.dense), featurizer.dense_dim());
    for f in &mut fold_featurizers {
        f.scaler = featurizer.scaler.clone();
    }
    progress.say(format!(
        "stage 1: fitting {folds} folds of {} x {} {:?}",
        rows.len(),
        featurizer.dim(),
        stage1_counts
    ));
    let stage1_folds = fit_folds(
        folds,
        &row_folds,
        config.stage1_alpha,
        config.stage1_iterations,
        |keep| stage1_matrix(&rows, &labels, &featurizer, keep),
    )?;
    drop(rows);
    progress.say("stage 1: fitted");

    // The models fitted without each fold, stage by stage, and the shipped model.
    let mut fold_data: Vec<ModelData> = fold_featurizers
        .into_iter()
        .zip(&stage1_folds)
        .map(|(featurizer, stage1)| ModelData {
            labels: Label::ALL.to_vec(),
            news_threshold: 0.5,
            featurizer,
            stage1: stage1.clone(),
            context_stages: Vec::new(),
            meta: TrainingMeta::default(),
        })
        .collect();
    let mut data = ModelData {
        labels: Label::ALL.to_vec(),
        news_threshold: 0.5,
        featurizer,
        stage1: mean_linear(&stage1_folds),
        context_stages: Vec::new(),
        meta: TrainingMeta::default(),
    };

    // Context stages: each re-judges every line from the previous stage's probabilities, made
    // by the fold models that never saw the line's site.
    let memories = site_memories(&pages);
    let mut context_counts = [0; K];
    for pass in 0..config.context_stages {
        let name = format!("stage {}", pass + 2);
        let picks = sample_lines(
            &pages,
            &config.stage2_per_label,
            config.drop_ambiguous,
            config.seed ^ (0x5eed + pass as u64),
        );
        let counts = count_labels(&pages, &picks);
        for k in 0..K {
            context_counts[k] += counts[k];
        }
        let models = fold_data
            .iter()
            .map(|d| Model::from_data(d.clone()))
            .collect::<Result<Vec<_>>>()?;
        let mut context = Context::new(config.context_window, config.repetition);
        let by_page = group_by_page(&picks);
        let mut rows: Vec<(Vec<f32>, Label, usize)> = by_page
            .par_iter()
            .flat_map_iter(|(page_idx, line_idxs)| {
                let (page, fold) = (&pages[*page_idx], fold_of[*page_idx]);
                let model = &models[fold];
                let texts = page.texts();
                // One featurization and layout per page, for the previous stages and this one.
                let feats = model.data().featurizer.featurize(&texts);
                let layout = PageLayout::in_batch(&texts, page.memory(&memories));
                let prev = model.probabilities_of(&feats, &layout, usize::MAX);
                let page_rows = context.rows(&layout, &feats.stats, &prev);
                line_idxs
                    .iter()
                    .map(|&i| (page_rows[i].to_vec(), page.lines[i].label, fold))
                    .collect::<Vec<_>>()
            })
            .collect();
        context.scaler = Scaler::fit(rows.iter().map(|(r, _, _)| r.as_slice()), context.dim());
        for (row, _, _) in &mut rows {
            context.scaler.apply(row);
        }
        let row_folds: Vec<usize> = rows.iter().map(|r| r.2).collect();
        progress.say(format!(
            "{name}: fitting {folds} folds of {} x {} {:?}",
            rows.len(),
            context.dim(),
            counts
        ));
        let linears = fit_folds(
            folds,
            &row_folds,
            config.stage2_alpha,
            config.stage2_iterations,
            |keep| matrix(&rows, context.dim(), keep),
        )?;
        drop(rows);
        for (d, linear) in fold_data.iter_mut().zip(&linears) {
            d.context_stages.push(ContextStage {
                context: context.clone(),
                linear: linear.clone(),
            });
        }
        data.context_stages.push(ContextStage {
            context,
            linear: mean_linear(&linears),
        });
        progress.say(format!("{name}: fitted"));
    }

    // The threshold, from every news page of the data judged by the models that never saw it.
    let models = fold_data
        .into_iter()
        .map(Model::from_data)
        .collect::<Result<Vec<_>>>()?;
    let news_pages: Vec<usize> = (0..pages.len())
        .filter(|&p| pages[p].has_news() && !pages[p].is_copy())
        .collect();
    let scored: Vec<(f32, bool, f64)> = news_pages
        .par_iter()
        .flat_map_iter(|&p| news_scores(&models[fold_of[p]], &pages[p], &memories))
        .collect();
    data.news_threshold = best_news_threshold(&scored);
    progress.say(format!(
        "news threshold {:.3} (best character-weighted news F1 on the {} news pages of the data, each judged by the models fitted without its fold)",
        data.news_threshold,
        news_pages.len()
    ));

    data.meta = TrainingMeta::now(
        files.iter().map(|f| f.display().to_string()).collect(),
        stage1_counts.to_vec(),
        context_counts.to_vec(),
        progress.0.elapsed().as_secs_f64(),
        config.to_toml()?,
    );
    let mut model = Model::from_data(data)?;

    if let Some(dev) = &config.dev {
        let pages = corpus::read_pages(dev)?;
        let eval = Evaluation::run(&model, &pages, &model.default_policy());
        let intervals = crate::eval::intervals(&eval, None, 1000)
            .map_or(String::new(), |iv| format!("\n{}", iv.report()));
        let worst = crate::eval::worst_pages(&eval, crate::eval::WORST_PAGES)
            .map_or(String::new(), |w| format!("\n{}", w.report()));
        progress.say(format!(
            "dev ({}):\n{}{intervals}{worst}",
            dev.display(),
            eval.report()
        ));
        let mut data = model.data().clone();
        data.meta.dev_scores = dev_scores(&eval);
        model = Model::from_data(data)?;
    }
    Ok(model)
}

/// The labelled pages of `config.train`, with the generated gambling lines, and the files read.
fn read_training_pages(config: &Config, progress: &Progress) -> Result<(Vec<Page>, Vec<PathBuf>)> {
    let files = corpus::labelled_files(&config.train)?;
    let mut pages = Vec::new();
    for f in &files {
        pages.extend(corpus::read_file(f)?);
        progress.say(format!(
            "read {} ({} pages so far)",
            f.display(),
            pages.len()
        ));
    }
    if !config.exclude_sources.is_empty() {
        let left_out = exclude_sources(&mut pages, &config.exclude_sources)?;
        progress.say(format!(
            "{left_out} pages of {:?} left out of training",
            config.exclude_sources
        ));
    }
    let synthetic = synthetic_pages(config);
    if !synthetic.is_empty() {
        progress.say(format!(
            "generated {} lines of gambling spam (English, and made-up languages)",
            synthetic.len()
        ));
        pages.extend(synthetic);
    }
    if !config.other_unknown_sources.is_empty() {
        let mut n = 0;
        for page in pages
            .iter_mut()
            .filter(|p| config.other_unknown_sources.contains(&p.source))
        {
            for line in page.lines.iter_mut().filter(|l| l.label == Label::Other) {
                line.ambiguous = true;
                n += 1;
            }
        }
        progress.say(format!(
            "{n} other lines of {:?} left out of training",
            config.other_unknown_sources
        ));
    }
    if config.repeated_news_as_news {
        let n: usize = pages.iter_mut().map(relabel_repeated_news).sum();
        progress.say(format!(
            "{n} furniture lines that repeat a news line of their page trained as news"
        ));
    }
    if config.listings_as_marketplace {
        let mut n = 0;
        for line in pages.iter_mut().flat_map(|p| p.lines.iter_mut()) {
            if line.label == Label::Furniture && stats::ends_with_price(&line.text) {
                line.label = Label::Marketplace;
                n += 1;
            }
        }
        progress.say(format!(
            "{n} furniture lines that end in a price trained as marketplace"
        ));
    }
    Ok((pages, files))
}

/// The gambling lines `config` generates, one page of one line each, labelled for the whole
/// document as the spam sources are: [`Config::synthetic_gambling`] English lines (source
/// [`SYNTHETIC_GAMBLING`]) and [`Config::synthetic_gambling_unseen`] lines in made-up languages
/// (source [`SYNTHETIC_GAMBLING_UNSEEN`]), but none of a source in [`Config::exclude_sources`].
/// The same config gives the same lines (`chaff-train --write-synthetic` writes them out).
pub fn synthetic_pages(config: &Config) -> Vec<Page> {
    type Generator = fn(usize, &mut Rng) -> Vec<String>;
    let generators: [(&str, usize, Generator, u64); 2] = [
        (
            SYNTHETIC_GAMBLING,
            config.synthetic_gambling,
            synthetic::gambling_lines,
            0x6a3b,
        ),
        (
            SYNTHETIC_GAMBLING_UNSEEN,
            config.synthetic_gambling_unseen,
            synthetic::unseen_gambling_lines,
            0x7c51,
        ),
    ];
    let mut pages = Vec::new();
    for (source, n, generate, salt) in generators {
        if n == 0 || config.exclude_sources.iter().any(|s| s == source) {
            continue;
        }
        let lines = generate(n, &mut Rng(config.seed ^ salt));
        pages.extend(lines.into_iter().enumerate().map(|(i, text)| Page {
            doc: format!("{source}/{i}"),
            source: source.to_string(),
            site: String::new(),
            lines: vec![LabelledLine {
                text,
                label: Label::Gambling,
                ambiguous: false,
                suspect: false,
                weak: true,
                lang: "en".to_string(),
            }],
        }));
    }
    pages
}

/// Removes the pages of the sources in `exclude` from `pages`; returns how many. Every name must
/// be a source of `pages` or generated ([`SYNTHETIC_SOURCES`]): a misspelt name would silently
/// train on the very source a leave-one-source-out run means to hold out.
fn exclude_sources(pages: &mut Vec<Page>, exclude: &[String]) -> Result<usize> {
    let found: std::collections::BTreeSet<&str> = pages.iter().map(|p| p.source.as_str()).collect();
    let unknown: Vec<&str> = exclude
        .iter()
        .map(String::as_str)
        .filter(|s| !SYNTHETIC_SOURCES.contains(s) && !found.contains(s))
        .collect();
    if !unknown.is_empty() {
        let mut known: Vec<&str> = found.into_iter().collect();
        known.extend(SYNTHETIC_SOURCES);
        return Err(Error::config(format!(
            "exclude_sources: no page of the training data has source {} (its sources: {})",
            unknown
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        )));
    }
    let before = pages.len();
    pages.retain(|p| !exclude.contains(&p.source));
    Ok(before - pages.len())
}

/// Lines shorter than this many words are left as labelled by [`relabel_repeated_news`]: a
/// short news line ("Photo", a name) can recur as furniture.
const MIN_REPEATED_NEWS_WORDS: usize = 4;

/// Relabels as news the furniture lines of `page` that repeat one of its news lines, or the
/// headline of its news title line (see [`Config::repeated_news_as_news`]); returns how many.
fn relabel_repeated_news(page: &mut Page) -> usize {
    let key = |t: &str| t.trim().to_lowercase();
    let mut news: Vec<String> = Vec::new();
    for (i, line) in page.lines.iter().enumerate() {
        if line.label != Label::News {
            continue;
        }
        news.push(key(&line.text));
        if i == 0 {
            // "Headline | Site", "Headline - Site": the headline alone.
            for sep in [" | ", " - ", " – ", " — "] {
                if let Some((head, _)) = line.text.rsplit_once(sep) {
                    news.push(key(head));
                }
            }
        }
    }
    let mut n = 0;
    for line in &mut page.lines {
        if line.label == Label::Furniture
            && line.text.split_whitespace().count() >= MIN_REPEATED_NEWS_WORDS
            && news.contains(&key(&line.text))
        {
            line.label = Label::News;
            n += 1;
        }
    }
    n
}

/// Splits pages by site into `config.folds` folds, so that no stage learns from a site that the
/// inputs it is fitted on were counted or fitted on. One-line documents (comments, product
/// titles) share a platform "site" and are split one by one.
fn split_folds(pages: Vec<Page>, config: &Config) -> Vec<Vec<Page>> {
    let folds = config.folds.max(2);
    let mut out: Vec<Vec<Page>> = vec![Vec::new(); folds];
    for page in pages {
        let key = if page.site.is_empty() || page.lines.len() == 1 {
            &page.doc
        } else {
            &page.site
        };
        let u = hash_str(config.seed, key) as f64 / u64::MAX as f64;
        out[((u * folds as f64) as usize).min(folds - 1)].push(page);
    }
    out
}

/// Regroups a fold's lone spam lines and adds its training copies: extracted articles, made-up
/// languages, spam spliced into news pages. Copies are made within the fold, so a copy is judged
/// by the same fold models as its page.
fn add_copies(pages: &mut Vec<Page>, config: &Config, rng: &mut Rng) {
    group_single_lines(pages, rng);
    add_extracted(pages, config.extracted_share, rng);
    add_multi_article(pages, config.multi_article_share, rng);
    add_unseen_language(pages, config.unseen_language_share, rng);
    augment(pages, config.augment_share, rng);
    add_duplicates(pages, config.duplicate_share, rng);
}

/// Fits one linear stage per fold, each on the rows of the other folds (`matrix(keep)` packs the
/// rows for which `keep(row)` holds), two folds at a time.
fn fit_folds(
    folds: usize,
    row_folds: &[usize],
    alpha: f32,
    iterations: u64,
    matrix: impl Fn(&dyn Fn(usize) -> bool) -> (Array2<f32>, Array1<usize>) + Sync,
) -> Result<Vec<Linear>> {
    (0..folds)
        .into_par_iter()
        .map(|f| {
            let (x, y) = matrix(&|row| row_folds[row] != f);
            fit(x, y, alpha, iterations)
        })
        .collect()
}

/// The mean of linear layers of one shape.
fn mean_linear(layers: &[Linear]) -> Linear {
    let n = layers.len().max(1) as f32;
    let mut weights = layers[0].weights.clone();
    let mut bias = layers[0].bias.clone();
    for l in &layers[1..] {
        weights += &l.weights;
        bias += &l.bias;
    }
    Linear::new(weights / n, bias / n)
}

/// The headline dev figures stored in the model.
pub fn dev_scores(eval: &Evaluation) -> Vec<(String, f64)> {
    let mut scores = vec![
        (
            "news_pages_char_f1".to_string(),
            eval.news_pages.by_char().f1,
        ),
        (
            "news_pages_line_f1".to_string(),
            eval.news_pages.by_line().f1,
        ),
    ];
    for (l, prf, _) in eval.per_class() {
        scores.push((format!("{l}_f1"), prf.f1));
    }
    scores
}

/// Fits a multinomial logistic regression with linfa-logistic.
///
/// linfa minimises the summed loss, so its gradient grows with the row count and the first L-BFGS
/// step overshoots into overflow on large samples. Dividing every column (and a constant column
/// standing in for the intercept) by sqrt(n) keeps the first step's logits O(1); the weights are
/// scaled back afterwards. With that scaling `alpha` is the L2 penalty on the mean loss.
fn fit(x: Array2<f32>, y: Array1<usize>, alpha: f32, iterations: u64) -> Result<Linear> {
    let present: Vec<bool> = (0..K).map(|k| y.iter().any(|&l| l == k)).collect();
    if let Some(k) = present.iter().position(|p| !p) {
        return Err(Error::config(format!(
            "no training lines labelled {}",
            Label::ALL[k]
        )));
    }
    let (n, d) = x.dim();
    let s = (n as f32).sqrt();
    let mut scaled = Array2::<f32>::from_elem((n, d + 1).f(), 1.0 / s);
    scaled.slice_mut(ndarray::s![.., ..d]).assign(&(x / s));
    let dataset = Dataset::new(scaled, y);
    let fitted = MultiLogisticRegression::default()
        .alpha(alpha)
        .with_intercept(false)
        .max_iterations(iterations)
        .fit(&dataset)
        .map_err(|e| Error::config(format!("linfa-logistic failed: {e}")))?;
    let params = fitted.params();
    if params.iter().all(|w| *w == 0.0) {
        return Err(Error::config(
            "linfa-logistic did not move from its starting point",
        ));
    }
    // linfa orders its classes by value; ours are label indices, so this is Label::ALL order.
    let mut weights = Array2::zeros((d, K));
    let mut bias = Array1::zeros(K);
    for (col, &class) in fitted.classes().iter().enumerate() {
        weights
            .column_mut(class)
            .assign(&(&params.slice(ndarray::s![..d, col]) / s));
        bias[class] = params[[d, col]] / s;
    }
    Ok(Linear::new(weights, bias))
}

/// The product titles in the data are all lower case; on a page, a product grid is title-cased
/// and priced. Lower-case lines get title case and, three times in four, a price.
fn as_listing(text: &str, rng: &mut Rng) -> String {
    if text.chars().any(char::is_uppercase) {
        return text.to_string();
    }
    let mut out: String = text
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    if rng.below(4) != 0 {
        let price = 5 + rng.below(400);
        match rng.below(3) {
            0 => out.push_str(&format!(" - ${price}.99")),
            1 => out.push_str(&format!(" £{price}.00")),
            _ => out.push_str(&format!(" Rp {}.000", price * 10)),
        }
    }
    out
}

/// The spam and product sources are one line per document; on the web such lines come in runs
/// (comment threads, product grids). Lone lines of one source are regrouped into pages of 1-12,
/// so "this line has no neighbours" does not become a sign of spam.
fn group_single_lines(pool: &mut Vec<Page>, rng: &mut Rng) {
    let (singles, mut pages): (Vec<Page>, Vec<Page>) =
        pool.drain(..).partition(|p| p.lines.len() == 1);
    let mut by_source: Vec<(String, Vec<Page>)> = Vec::new();
    for page in singles {
        match by_source.iter_mut().find(|(s, _)| *s == page.source) {
            Some((_, v)) => v.push(page),
            None => by_source.push((page.source.clone(), vec![page])),
        }
    }
    for (_, group) in by_source {
        let mut rest = group.into_iter().peekable();
        while let Some(mut page) = rest.next() {
            let size = 1 + rng.below(12);
            for _ in 1..size {
                match rest.next() {
                    Some(p) => page.lines.extend(p.lines),
                    None => break,
                }
            }
            page.doc.push_str("#grouped");
            pages.push(page);
        }
    }
    *pool = pages;
}

/// Marks the doc name of a page copied with spam spliced in.
const SPLICED: &str = "#spliced";
/// Marks the doc name of a news page copied as its news lines alone.
const EXTRACTED: &str = "#extracted";

/// Copies a `share` of the news pages as their news lines alone, in order (see
/// [`Config::extracted_share`]).
fn add_extracted(pool: &mut Vec<Page>, share: f64, rng: &mut Rng) {
    if share <= 0.0 {
        return;
    }
    let mut extra = Vec::new();
    for page in pool.iter().filter(|p| p.has_news()) {
        if rng.unit() >= share {
            continue;
        }
        let mut copy = page.news_only();
        copy.doc.push_str(EXTRACTED);
        extra.push(copy);
    }
    pool.extend(extra);
}

/// Gives a `share` of the news pages of a site a duplicate on that site, half of them as their
/// news lines alone (see [`Config::duplicate_share`]).
fn add_duplicates(pool: &mut Vec<Page>, share: f64, rng: &mut Rng) {
    if share <= 0.0 {
        return;
    }
    let mut extra = Vec::new();
    for page in pool
        .iter()
        .filter(|p| p.has_news() && !p.is_copy() && !p.site.is_empty())
    {
        if rng.unit() >= share {
            continue;
        }
        let mut copy = if rng.unit() < 0.5 {
            page.news_only()
        } else {
            page.clone()
        };
        copy.doc.push_str(corpus::DUPLICATE);
        extra.push(copy);
    }
    pool.extend(extra);
}

/// Marks the doc name of a page made of several pages' articles.
const MULTI_ARTICLE: &str = "#articles";

/// The range of a page's lines from its first news line to its last.
fn news_span(page: &Page) -> Option<(usize, usize)> {
    let first = page.lines.iter().position(|l| l.label == Label::News)?;
    let last = page.lines.iter().rposition(|l| l.label == Label::News)?;
    Some((first, last))
}

/// Makes a page of several articles for a `share` of the news pages (see
/// [`Config::multi_article_share`]), as tag pages, section fronts and infinite-scroll pages
/// show them: the page's head (its lines above its first news line), then 2-4 articles of the
/// fold's news pages, this one first, each after the furniture lines that stood right above it
/// on its own page (a byline, a date, a section), its paragraphs one in three times run together
/// into one as a tag page prints them, then the page's tail.
fn add_multi_article(pool: &mut Vec<Page>, share: f64, rng: &mut Rng) {
    if share <= 0.0 {
        return;
    }
    let news: Vec<usize> = (0..pool.len())
        .filter(|&i| pool[i].has_news() && !pool[i].is_copy())
        .collect();
    if news.len() < 2 {
        return;
    }
    let mut extra = Vec::new();
    for &host in &news {
        if rng.unit() >= share {
            continue;
        }
        let page = &pool[host];
        let Some((first, last)) = news_span(page) else {
            continue;
        };
        let mut copy = Page {
            doc: format!("{}{MULTI_ARTICLE}", page.doc),
            lines: page.lines[..first].to_vec(),
            ..page.clone()
        };
        let articles = 2 + rng.below(3);
        for j in 0..articles {
            let from = &pool[if j == 0 {
                host
            } else {
                news[rng.below(news.len())]
            }];
            let Some((start, end)) = news_span(from) else {
                continue;
            };
            let lead = start.saturating_sub(1 + rng.below(3));
            copy.lines.extend(
                from.lines[lead..start]
                    .iter()
                    .filter(|l| l.label == Label::Furniture)
                    .cloned(),
            );
            let article: Vec<&LabelledLine> = from.lines[start..=end]
                .iter()
                .filter(|l| l.label == Label::News)
                .collect();
            if article.len() > 1 && rng.below(3) == 0 {
                let mut joined = article[0].clone();
                joined.text = article
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                copy.lines.push(joined);
            } else {
                copy.lines.extend(article.into_iter().cloned());
            }
        }
        copy.lines.extend(page.lines[last + 1..].iter().cloned());
        extra.push(copy);
    }
    pool.extend(extra);
}

/// Marks the doc name of a page copied in a made-up language.
const UNSEEN: &str = "#unseen";

/// Copies a `share` of the pages (and of the extracted copies) in made-up languages (see
/// [`Config::unseen_language_share`]). Copying pages that are not news too keeps "words
/// unknown" from meaning "news": the shape of the page has to tell. Spam lines stay as they
/// are: spam has a vocabulary of its own in any language, and the spam spliced in later is
/// real spam too.
fn add_unseen_language(pool: &mut Vec<Page>, share: f64, rng: &mut Rng) {
    if share <= 0.0 {
        return;
    }
    let mut extra = Vec::new();
    // Pages of the boilerplate benchmarks, news or not (the spam and comment sources are
    // labelled per document, and a made-up language would leave their labels nothing to go by).
    for page in pool.iter().filter(|p| !p.lines.iter().any(|l| l.weak)) {
        if rng.unit() >= share {
            continue;
        }
        let lang = unseen::Language::new(rng.below(unseen::COUNT), rng.next());
        let mut copy = page.clone();
        for line in &mut copy.lines {
            if matches!(line.label, Label::News | Label::Furniture | Label::Other) {
                line.text = lang.translate(&line.text);
            }
        }
        copy.doc.push_str(UNSEEN);
        extra.push(copy);
    }
    pool.extend(extra);
}

/// Each line of `page` as the threshold search sees it: the score the news policy compares with
/// its threshold ([`Policy::keep_score`](crate::Policy::keep_score): the noise veto applies at
/// every threshold), whether it is news, and its characters.
fn news_scores(
    model: &Model,
    page: &Page,
    memories: &corpus::SiteMemories,
) -> Vec<(f32, bool, f64)> {
    let probs = model.probabilities(&page.texts(), &Options::new().site(page.memory(memories)));
    page.lines
        .iter()
        .zip(probs)
        .map(|(l, pr)| {
            (
                crate::Policy::news(1.0).keep_score(&pr),
                l.label == Label::News,
                l.text.chars().count() as f64,
            )
        })
        .collect()
}

/// The P(news) threshold with the best character-weighted news F1 over `scored` lines (see
/// [`news_scores`]), from 0.2 to 0.8. Not lower: these are news pages only, where keeping every
/// line that is not noise wins, while on other pages it keeps their prose (README, weak spots).
fn best_news_threshold(scored: &[(f32, bool, f64)]) -> f32 {
    let mut best = (0.0, 0.5f32);
    for step in 0..=24 {
        let t = 0.2 + step as f32 * 0.025;
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for &(p, gold, chars) in scored {
            match (p >= t, gold) {
                (true, true) => tp += chars,
                (true, false) => fp += chars,
                (false, true) => fn_ += chars,
                _ => {}
            }
        }
        let f1 = crate::eval::Prf::from_counts(tp, fp, fn_).f1;
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    best.1
}

/// Splices gambling or marketplace lines into copies of some news pages, as ads, product grids
/// and the promos of a hacked site sit on real pages: a run of 2-8 lines at the top or the
/// bottom, or 1-3 lines inside the article, after one of its news lines. (With runs of 2-8 lines
/// anywhere, a spam line between two paragraphs was rare in training, and a French casino line
/// pasted into an article was kept as news because it sat inside the news block.)
fn augment(pool: &mut Vec<Page>, share: f64, rng: &mut Rng) {
    let spam = |label: Label| -> Vec<LabelledLine> {
        corpus::per_document_spam(pool, label)
            .into_iter()
            .cloned()
            .collect()
    };
    let runs = [spam(Label::Gambling), spam(Label::Marketplace)];
    if runs.iter().any(Vec::is_empty) {
        return;
    }
    let mut extra = Vec::new();
    for page in pool.iter().filter(|p| p.has_news()) {
        if rng.unit() >= share {
            continue;
        }
        let source = &runs[rng.below(2)];
        let (len, at) = match (rng.below(3), news_span(page)) {
            (0, _) | (_, None) => (2 + rng.below(7), 0),
            (1, _) => (2 + rng.below(7), page.lines.len()),
            (_, Some((first, last))) => (1 + rng.below(3), first + 1 + rng.below(last - first + 1)),
        };
        let run: Vec<LabelledLine> = (0..len)
            .map(|_| {
                let mut line = source[rng.below(source.len())].clone();
                line.text = as_listing(&line.text, rng);
                line
            })
            .collect();
        let mut copy = page.clone();
        copy.doc.push_str(SPLICED);
        copy.lines.splice(at..at, run);
        extra.push(copy);
    }
    pool.extend(extra);
}

/// Samples up to `per_label[k]` lines of each label, as (page, line) indices.
fn sample_lines(
    pool: &[Page],
    per_label: &[usize; K],
    drop_ambiguous: bool,
    seed: u64,
) -> Vec<(usize, usize)> {
    let mut by_label: Vec<Vec<(u64, usize, usize)>> = vec![Vec::new(); K];
    for (p, page) in pool.iter().enumerate() {
        let page_key = hash_str(seed, &page.doc);
        for (i, line) in page.lines.iter().enumerate() {
            if drop_ambiguous && line.ambiguous {
                continue;
            }
            by_label[line.label.index()].push((avalanche(page_key ^ i as u64), p, i));
        }
    }
    let mut picks = Vec::new();
    for (k, mut cands) in by_label.into_iter().enumerate() {
        cands.sort_unstable();
        picks.extend(cands.into_iter().take(per_label[k]).map(|(_, p, i)| (p, i)));
    }
    picks.sort_unstable();
    picks
}

fn group_by_page(picks: &[(usize, usize)]) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for &(p, i) in picks {
        match out.last_mut() {
            Some((last, lines)) if *last == p => lines.push(i),
            _ => out.push((p, vec![i])),
        }
    }
    out
}

fn count_labels(pool: &[Page], picks: &[(usize, usize)]) -> [usize; K] {
    let mut counts = [0; K];
    for &(p, i) in picks {
        counts[pool[p].lines[i].label.index()] += 1;
    }
    counts
}

/// Scales the dense part of the stage-1 rows for which `keep(row)` holds and packs them, after
/// their direct n-gram columns, into a column-major matrix (linfa fits those fastest).
fn stage1_matrix(
    rows: &Stage1Rows,
    labels: &[Label],
    featurizer: &Featurizer,
    keep: &dyn Fn(usize) -> bool,
) -> (Array2<f32>, Array1<usize>) {
    let direct = featurizer.direct;
    let kept: Vec<usize> = (0..rows.len()).filter(|&i| keep(i)).collect();
    let mut x = Array2::<f32>::zeros((kept.len(), featurizer.dim()).f());
    let mut y = Array1::<usize>::zeros(kept.len());
    let mut dense = Vec::with_capacity(featurizer.dense_dim());
    for (n, (row, label)) in kept
        .iter()
        .filter_map(|&i| Some((rows.get(i)?, labels[i])))
        .enumerate()
    {
        dense.clear();
        dense.extend_from_slice(row.dense);
        featurizer.scaler.apply(&mut dense);
        for &g in row.grams {
            x[[n, g as usize]] = row.gram_value;
        }
        for (j, &val) in dense.iter().enumerate() {
            x[[n, direct + j]] = val;
        }
        y[n] = label.index();
    }
    (x, y)
}

/// Packs the (already scaled) rows for which `keep(row)` holds into a column-major matrix
/// (linfa fits those fastest).
fn matrix(
    rows: &[(Vec<f32>, Label, usize)],
    dim: usize,
    keep: &dyn Fn(usize) -> bool,
) -> (Array2<f32>, Array1<usize>) {
    let kept: Vec<usize> = (0..rows.len()).filter(|&i| keep(i)).collect();
    let mut x = Array2::<f32>::zeros((kept.len(), dim).f());
    let mut y = Array1::<usize>::zeros(kept.len());
    for (n, &i) in kept.iter().enumerate() {
        let (row, label, _) = &rows[i];
        for (j, &val) in row.iter().enumerate() {
            x[[n, j]] = val;
        }
        y[n] = label.index();
    }
    (x, y)
}

/// Reads a config file; relative data paths are taken relative to the current directory.
pub fn load_config(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(e, path))?;
    Config::from_toml(&text).map_err(|e| e.with_path(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A labelled line with no flags.
    pub(super) fn line(text: &str, label: Label) -> LabelledLine {
        LabelledLine {
            text: text.into(),
            label,
            ambiguous: false,
            suspect: false,
            weak: false,
            lang: String::new(),
        }
    }

    #[test]
    fn extracted_copies_hold_the_news_lines_alone_in_order() {
        let page = |doc: &str, labels: &[Label]| Page {
            doc: doc.into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: labels
                .iter()
                .enumerate()
                .map(|(i, &l)| line(&format!("line {i}"), l))
                .collect(),
        };
        use Label::*;
        let mut pool = vec![
            page("a", &[Furniture, News, Furniture, News, News, Other]),
            page("b", &[Furniture, Other]),
        ];
        add_extracted(&mut pool, 1.0, &mut Rng(3));
        assert_eq!(pool.len(), 3, "one copy of the one news page");
        let copy = &pool[2];
        assert_eq!(copy.doc, "a#extracted");
        assert!(copy.is_copy() && !pool[0].is_copy());
        let texts: Vec<&str> = copy.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["line 1", "line 3", "line 4"]);
        // No memory for copies: they would count their site's lines twice.
        assert!(copy.memory(&corpus::site_memories(&pool)).is_none());

        add_extracted(&mut pool, 0.0, &mut Rng(3));
        assert_eq!(pool.len(), 3, "share 0 copies nothing");
    }

    #[test]
    fn spam_is_spliced_above_below_and_inside_articles() {
        use Label::*;
        let spam = |doc: &str, label: Label| Page {
            doc: doc.into(),
            source: "spam".into(),
            site: String::new(),
            lines: vec![LabelledLine {
                weak: true,
                ..line(doc, label)
            }],
        };
        let article = |doc: &str| Page {
            doc: doc.into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: [Furniture, News, News, News, News, Furniture]
                .iter()
                .enumerate()
                .map(|(i, &l)| line(&format!("{doc} {i}"), l))
                .collect(),
        };
        let mut pool: Vec<Page> = (0..300).map(|i| article(&format!("a{i}"))).collect();
        pool.push(spam("promo", Gambling));
        pool.push(spam("listing", Marketplace));
        augment(&mut pool, 1.0, &mut Rng(11));
        let copies: Vec<&Page> = pool.iter().filter(|p| p.doc.ends_with(SPLICED)).collect();
        assert_eq!(copies.len(), 300);
        let (mut top, mut bottom, mut inside) = (0, 0, 0);
        for copy in copies {
            let is_spam = |l: &LabelledLine| matches!(l.label, Gambling | Marketplace);
            let at: Vec<usize> = (0..copy.lines.len())
                .filter(|&i| is_spam(&copy.lines[i]))
                .collect();
            let (first, last) = (at[0], at[at.len() - 1]);
            assert_eq!(last - first + 1, at.len(), "one run: {at:?}");
            if first == 0 {
                top += 1;
            } else if last == copy.lines.len() - 1 {
                bottom += 1;
            } else {
                // After a news line, before a news line or the page's last furniture line.
                assert_eq!(copy.lines[first - 1].label, News);
                assert!((1..=3).contains(&at.len()), "{at:?}");
                inside += 1;
            }
        }
        assert!(
            top > 60 && bottom > 60 && inside > 60,
            "{top} {bottom} {inside}"
        );
    }

    #[test]
    fn duplicates_are_counted_among_their_sites_pages() {
        let page = |doc: &str, site: &str, labels: &[Label]| Page {
            doc: doc.into(),
            source: "s".into(),
            site: site.into(),
            lines: labels
                .iter()
                .enumerate()
                .map(|(i, &l)| line(&format!("{doc} line {i}"), l))
                .collect(),
        };
        use Label::*;
        let mut pool = vec![
            page("a", "example.com", &[Furniture, News, News]),
            page("b", "example.com", &[Furniture, Other]),
            page("c", "", &[News]),
        ];
        add_duplicates(&mut pool, 1.0, &mut Rng(5));
        assert_eq!(
            pool.len(),
            4,
            "one duplicate, of the one news page with a site"
        );
        let duplicate = &pool[3];
        assert_eq!(duplicate.doc, format!("a{}", corpus::DUPLICATE));
        let memories = corpus::site_memories(&pool);
        let memory = duplicate
            .memory(&memories)
            .expect("a duplicate has its site's memory");
        assert_eq!(memory.dumps(), 3, "the site's two pages and the duplicate");
        // Every line of the duplicate is on the page it copies.
        for (with, others) in memory.others(&duplicate.texts()) {
            assert_eq!((with, others), (1, 2));
        }
        add_duplicates(&mut pool, 0.0, &mut Rng(5));
        assert_eq!(pool.len(), 4, "share 0 copies nothing");
    }

    #[test]
    fn unseen_language_copies_swap_the_words_of_benchmark_pages_only() {
        let page = |doc: &str, lines: &[(&str, Label, bool)]| Page {
            doc: doc.into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: lines
                .iter()
                .map(|&(t, l, weak)| LabelledLine { weak, ..line(t, l) })
                .collect(),
        };
        use Label::*;
        let article = page(
            "a",
            &[
                ("Home", Furniture, false),
                ("The council voted on Tuesday.", News, false),
                ("Slot gacor maxwin", Gambling, false),
            ],
        );
        let forum = page("b", &[("I think the same, thanks.", Other, false)]);
        let spam = page("c", &[("Daftar slot gacor", Gambling, true)]);
        let mut pool = vec![article.clone(), forum.clone(), spam.clone()];
        add_unseen_language(&mut pool, 1.0, &mut Rng(5));
        assert_eq!(pool.len(), 5, "every page but the spam document is copied");
        let copy = &pool[3];
        assert_eq!(copy.doc, "a#unseen");
        assert!(copy.is_copy());
        let labels: Vec<Label> = copy.lines.iter().map(|l| l.label).collect();
        assert_eq!(labels, [Furniture, News, Gambling]);
        assert_ne!(copy.lines[0].text, "Home");
        assert!(!copy.lines[1].text.contains("council"));
        assert!(copy.lines[1].text.ends_with('.'));
        assert_eq!(
            copy.lines[2].text, "Slot gacor maxwin",
            "spam keeps its words"
        );
        assert_eq!(pool[4].doc, "b#unseen");

        let mut pool = vec![article, forum, spam];
        add_unseen_language(&mut pool, 0.0, &mut Rng(5));
        assert_eq!(pool.len(), 3, "share 0 copies nothing");
    }

    #[test]
    fn furniture_copies_of_a_news_line_or_the_headline_become_news() {
        use Label::*;
        let mut page = Page {
            doc: "d".into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: [
                ("Council backs the new night bus plan | Daily Courier", News),
                ("Home", Furniture),
                ("Council backs the new night bus plan", Furniture),
                (
                    "The council voted on Tuesday to expand the night bus network.",
                    News,
                ),
                (
                    "the council voted on Tuesday to expand the night bus network. ",
                    Furniture,
                ),
                ("Daily Courier", Furniture),
                ("Share this article now", Furniture),
            ]
            .iter()
            .map(|&(t, l)| line(t, l))
            .collect(),
        };
        assert_eq!(relabel_repeated_news(&mut page), 2);
        let labels: Vec<Label> = page.lines.iter().map(|l| l.label).collect();
        assert_eq!(
            labels,
            [News, Furniture, News, News, News, Furniture, Furniture]
        );
    }

    #[test]
    fn listings_get_title_case_and_sometimes_a_price() {
        let mut rng = Rng(1);
        let outs: Vec<String> = (0..20)
            .map(|_| as_listing("steel water bottle 750ml", &mut rng))
            .collect();
        assert!(outs
            .iter()
            .all(|o| o.starts_with("Steel Water Bottle 750ml")));
        assert!(outs
            .iter()
            .any(|o| o.len() > "Steel Water Bottle 750ml".len()));
        assert_eq!(as_listing("Already Cased", &mut rng), "Already Cased");
    }

    #[test]
    fn sampling_caps_labels_and_is_deterministic() {
        let lines = (0..50)
            .map(|i| {
                line(
                    &format!("l{i}"),
                    if i % 2 == 0 {
                        Label::News
                    } else {
                        Label::Furniture
                    },
                )
            })
            .collect();
        let pool = vec![Page {
            doc: "d".into(),
            source: "s".into(),
            site: String::new(),
            lines,
        }];
        let a = sample_lines(&pool, &[5, 100, 0, 0, 0], true, 1);
        assert_eq!(count_labels(&pool, &a), [5, 25, 0, 0, 0]);
        assert_eq!(a, sample_lines(&pool, &[5, 100, 0, 0, 0], true, 1));
    }

    #[test]
    fn excluded_sources_are_not_read_and_unknown_names_are_errors() {
        let page = |doc: &str, source: &str| Page {
            doc: doc.into(),
            source: source.into(),
            site: String::new(),
            lines: vec![line("Slot gacor 88", Label::Gambling)],
        };
        let pool = vec![page("a", "yt"), page("b", "tiktok"), page("c", "yt")];
        let mut pages = pool.clone();
        assert_eq!(exclude_sources(&mut pages, &["yt".into()]).unwrap(), 2);
        assert_eq!(pages, [page("b", "tiktok")]);

        let mut pages = pool.clone();
        let e = exclude_sources(&mut pages, &["tiktok".into(), "youtube".into()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"youtube\""), "names the unknown source: {e}");
        assert!(!e.contains("\"tiktok\""), "only the unknown one: {e}");
        assert!(
            e.contains("its sources: tiktok, yt, synthetic_gambling_en"),
            "lists the sources found: {e}"
        );
        assert_eq!(pages, pool, "nothing left out on an error");

        // The generator is a source of its own, known even before its lines are made.
        let mut pages = pool.clone();
        assert_eq!(
            exclude_sources(&mut pages, &[SYNTHETIC_GAMBLING.into()]).unwrap(),
            0
        );
        let mut config = Config {
            synthetic_gambling: 20,
            ..Config::default()
        };
        let generated = synthetic_pages(&config);
        assert_eq!(generated.len(), 20);
        assert!(generated.iter().all(|p| p.source == SYNTHETIC_GAMBLING
            && p.lines.iter().all(|l| l.label == Label::Gambling && l.weak)));
        assert_eq!(
            synthetic_pages(&config),
            generated,
            "the same lines every time"
        );
        config.exclude_sources = vec![SYNTHETIC_GAMBLING.into()];
        assert!(
            synthetic_pages(&config).is_empty(),
            "excluded: not generated"
        );

        let c = Config::from_toml("exclude_sources = [\"yt\"]").unwrap();
        assert_eq!(c.exclude_sources, ["yt"]);
    }

    #[test]
    fn config_round_trips_and_rejects_unknown_keys() {
        let c = Config::default();
        let back = Config::from_toml(&c.to_toml().unwrap()).unwrap();
        assert_eq!(back.vocab_size, c.vocab_size);
        assert!(Config::from_toml("vocab_sise = 3").is_err());
    }
}

#[cfg(test)]
mod fit_tests {
    use super::*;

    #[test]
    fn fit_separates_a_simple_problem() {
        // Label k is the column that is largest. Enough rows that an unscaled summed-loss
        // gradient would overshoot.
        let n = 50_000;
        let mut x = Array2::<f32>::zeros((n, 6).f());
        let mut y = Array1::<usize>::zeros(n);
        let mut rng = Rng(3);
        for i in 0..n {
            let k = i % K;
            for j in 0..6 {
                x[[i, j]] = rng.unit() as f32 - 0.5;
            }
            x[[i, k]] += 2.0;
            y[i] = k;
        }
        let lin = fit(x.clone(), y.clone(), 1.0, 100).unwrap();
        let mut correct = 0;
        for i in 0..n {
            let z: Vec<f32> = (0..K)
                .map(|k| lin.bias[k] + (0..6).map(|j| x[[i, j]] * lin.weights[[j, k]]).sum::<f32>())
                .collect();
            let best = (0..K).max_by(|&a, &b| z[a].total_cmp(&z[b])).unwrap();
            correct += usize::from(best == y[i]);
        }
        assert!(correct > n * 9 / 10, "{correct} of {n}");
    }
}
