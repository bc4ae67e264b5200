//! Training (feature `train`): count n-gram evidence, fit stage 1 with linfa-logistic, then fit
//! the context stages, each on its own share of the sites.
//!
//! Pages are split by site into pools: the n-gram table is counted on the first, stage 1 learns
//! from the second and each context stage from one of its own, so each stage learns from inputs
//! that are as unsure as they will be on sites never seen. linfa-logistic has no sample weights,
//! so classes are balanced by sampling (caps per label). The `stage2_*` settings apply to every
//! context stage.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2, ShapeBuilder};
use serde::{Deserialize, Serialize};

use crate::corpus::{self, site_memories, LabelledLine, Page};
use crate::error::{Error, Result};
use crate::eval::Evaluation;
use crate::features::context::{Context, PageLayout};
use crate::features::repetition::avalanche;
use crate::features::{stats, tokens, Featurizer, NgramTable, Scaler, Stage1Rows};
use crate::label::Label;
use crate::model::{ContextStage, Linear, Model, ModelData, TrainingMeta};
use crate::rng::Rng;

mod synthetic;
mod unseen;

/// Source name of the generated English gambling lines.
const SYNTHETIC_GAMBLING: &str = "synthetic_gambling_en";

const K: usize = Label::COUNT;

/// Training settings (`training/config.toml`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Folder or file of labelled JSONL (`.jsonl` / `.jsonl.gz`).
    pub train: PathBuf,
    /// Optional dev data, scored after training (never trained on).
    pub dev: Option<PathBuf>,
    pub seed: u64,
    /// Shares of sites for the n-gram table, stage 1 and the context stages (they sum to 1; the
    /// context stages split the last share equally).
    pub pool_shares: [f64; 3],
    /// Leave out lines whose gold label is uncertain.
    pub drop_ambiguous: bool,
    /// Lines of English gambling spam generated from templates ([`synthetic`]) and added to
    /// the training data, which has none.
    pub synthetic_gambling: usize,
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
    /// Share of the pages also copied in a made-up language ([`unseen`]): every word of the
    /// page swapped for a made-up one, so the stages learn to read a page whose words the
    /// n-gram table does not know (an article in German or Italian) from its shape.
    pub unseen_language_share: f64,
    /// Train furniture lines that end in a price ("Steel Bottle 1L - $18.95", "$129.99") as
    /// marketplace: by this project's labels a priced listing is marketplace wherever it sits,
    /// while the boilerplate benchmarks call the shop widgets and grids around a page's body
    /// furniture.
    pub listings_as_marketplace: bool,
    /// N-grams kept in the table (the most informative), and how many lines one must appear in.
    pub vocab_size: usize,
    pub min_count: usize,
    /// How many of the most informative n-grams get a stage-1 column of their own.
    pub direct_ngrams: usize,
    /// Add-alpha smoothing of the n-gram presence rates.
    pub smoothing: f32,
    /// Neighbours each side whose evidence and statistics stage 1 sees.
    pub window: usize,
    /// How many context stages follow stage 1 (each fitted on its own pool of sites).
    pub context_stages: usize,
    /// Neighbours each side whose probabilities a context stage sees.
    pub context_window: usize,
    /// Whether the context stages see how often a line recurs on the other pages of its site
    /// (in training, the pages of the site in the stage's pool).
    pub repetition: bool,
    /// L2 penalty (on the mean loss) and iteration cap for each stage.
    pub stage1_alpha: f32,
    pub stage1_iterations: u64,
    pub stage2_alpha: f32,
    pub stage2_iterations: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            train: PathBuf::from("../shared/data/train"),
            dev: None,
            seed: 7,
            pool_shares: [0.5, 0.2, 0.3],
            drop_ambiguous: true,
            synthetic_gambling: 0,
            stage1_per_label: [16_000, 24_000, 8_000, 8_000, 12_000],
            stage2_per_label: [40_000, 120_000, 10_000, 10_000, 40_000],
            augment_share: 0.5,
            extracted_share: 0.0,
            unseen_language_share: 0.0,
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
    pub fn from_toml(text: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e| Error::config(format!("bad training config: {e}")))
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
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
pub fn train(config: &Config) -> Result<Model> {
    let progress = Progress(Instant::now());
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
    if config.synthetic_gambling > 0 {
        let lines =
            synthetic::gambling_lines(config.synthetic_gambling, &mut Rng(config.seed ^ 0x6a3b));
        progress.say(format!(
            "generated {} lines of English gambling spam",
            lines.len()
        ));
        pages.extend(lines.into_iter().enumerate().map(|(i, text)| Page {
            doc: format!("{SYNTHETIC_GAMBLING}/{i}"),
            source: SYNTHETIC_GAMBLING.to_string(),
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
    let (nb_pool, pool1, context_pools) = split_pools(pages, config);
    progress.say(format!(
        "pools (pages, with spliced spam pages): n-grams {}, stage 1 {}, context stages {:?}",
        nb_pool.len(),
        pool1.len(),
        context_pools.iter().map(Vec::len).collect::<Vec<_>>()
    ));

    // The n-gram table: counted on every line of its pool.
    let ngrams = count_ngrams(&nb_pool, config);
    progress.say(format!("n-gram table: {} n-grams", ngrams.len()));
    drop(nb_pool);

    // Stage 1: sample lines, featurize their pages, fit.
    let picks1 = sample_lines(
        &pool1,
        &config.stage1_per_label,
        config.drop_ambiguous,
        config.seed,
    );
    let stage1_counts = count_labels(&pool1, &picks1);
    let mut featurizer = Featurizer::new(ngrams, config.direct_ngrams, config.window);
    let mut rows = Stage1Rows::with_capacity(featurizer.dense_dim(), picks1.len());
    let mut labels = Vec::with_capacity(picks1.len());
    for (page_idx, line_idxs) in group_by_page(&picks1) {
        let page = &pool1[page_idx];
        let feats = featurizer.featurize(&page.texts());
        for i in line_idxs {
            rows.extend(feats.stage1.get(i));
            labels.push(page.lines[i].label);
        }
    }
    featurizer.scaler = Scaler::fit(rows.iter().map(|r| r.dense), featurizer.dense_dim());
    let (x, y) = stage1_matrix(&rows, &labels, &featurizer);
    progress.say(format!(
        "stage 1: fitting {} x {} {:?}",
        x.nrows(),
        x.ncols(),
        stage1_counts
    ));
    let stage1 = fit(x, y, config.stage1_alpha, config.stage1_iterations)?;
    progress.say("stage 1: fitted");

    // Context stages: each re-judges the lines of its own pool's pages from the previous stage's
    // probabilities (no earlier stage saw these sites).
    let mut data = ModelData {
        labels: Label::ALL.to_vec(),
        news_threshold: 0.5,
        featurizer,
        stage1,
        context_stages: Vec::new(),
        meta: TrainingMeta::default(),
    };
    let mut context_counts = [0; K];
    for (pass, pool) in context_pools.iter().enumerate().take(config.context_stages) {
        let name = format!("stage {}", pass + 2);
        let picks = sample_lines(
            pool,
            &config.stage2_per_label,
            config.drop_ambiguous,
            config.seed ^ 0x5eed,
        );
        let counts = count_labels(pool, &picks);
        for k in 0..K {
            context_counts[k] += counts[k];
        }
        let model = Model::from_data(data.clone())?;
        let memories = site_memories(pool);
        let mut context = Context::new(config.context_window, config.repetition);
        let mut rows = Vec::with_capacity(picks.len());
        for (page_idx, line_idxs) in group_by_page(&picks) {
            let page = &pool[page_idx];
            let texts = page.texts();
            // One featurization and layout per page, for the previous stages and this one.
            let feats = data.featurizer.featurize(&texts);
            let layout = PageLayout::in_batch(&texts, page.memory(&memories));
            let prev = model.probabilities_of(&feats, &layout, usize::MAX);
            let page_rows = context.rows(&layout, &feats.stats, &prev);
            for i in line_idxs {
                rows.push((page_rows[i].to_vec(), page.lines[i].label));
            }
        }
        context.scaler = Scaler::fit(rows.iter().map(|(r, _)| r.as_slice()), context.dim());
        let (x, y) = matrix(&mut rows, &context.scaler);
        drop(rows);
        progress.say(format!(
            "{name}: fitting {} x {} {:?}",
            x.nrows(),
            x.ncols(),
            counts
        ));
        let linear = fit(x, y, config.stage2_alpha, config.stage2_iterations)?;
        data.context_stages.push(ContextStage { context, linear });
        progress.say(format!("{name}: fitted"));
    }
    let staged = Model::from_data(data.clone())?;
    let news_pages: Vec<Page> = context_pools
        .last()
        .map(|pool| {
            pool.iter()
                .filter(|p| p.has_news() && !p.is_copy())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let last_pool_memories = context_pools
        .last()
        .map(|pool| site_memories(pool))
        .unwrap_or_default();
    data.news_threshold = best_news_threshold(&staged, &news_pages, &last_pool_memories);
    progress.say(format!(
        "news threshold {:.3} (best character-weighted news F1 on {} news pages of the last stage's pool)",
        data.news_threshold,
        news_pages.len()
    ));

    data.meta = TrainingMeta {
        chaff_version: env!("CARGO_PKG_VERSION").to_string(),
        created: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        data_files: files.iter().map(|f| f.display().to_string()).collect(),
        stage1_rows: stage1_counts.to_vec(),
        context_rows: context_counts.to_vec(),
        training_seconds: progress.0.elapsed().as_secs_f64(),
        config: config.to_toml(),
        dev_scores: Vec::new(),
    };
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

/// Splits pages by site into the n-gram pool, the stage-1 pool and one pool per context stage,
/// then regroups lone spam lines and splices spam into news pages in each.
fn split_pools(pages: Vec<Page>, config: &Config) -> (Vec<Page>, Vec<Page>, Vec<Vec<Page>>) {
    let stages = config.context_stages.max(1);
    let mut pools: Vec<Vec<Page>> = vec![Vec::new(); 2 + stages];
    let [nb_share, s1_share, _] = config.pool_shares;
    for page in pages {
        // Split by site, so each stage learns from sites the one before never saw; one-line
        // documents (comments, product titles) share a platform "site" and are split one by one.
        let key = if page.site.is_empty() || page.lines.len() == 1 {
            &page.doc
        } else {
            &page.site
        };
        let u = hash_str(config.seed, key) as f64 / u64::MAX as f64;
        let pool = if u < nb_share {
            0
        } else if u < nb_share + s1_share {
            1
        } else {
            // The context stages share the rest equally.
            let share = (1.0 - nb_share - s1_share) / stages as f64;
            2 + (((u - nb_share - s1_share) / share) as usize).min(stages - 1)
        };
        pools[pool].push(page);
    }
    let mut rng = Rng(config.seed);
    for (i, pool) in pools.iter_mut().enumerate() {
        group_single_lines(pool, &mut rng);
        // Not in the n-gram pool: a copy of a page's news lines tells nothing new of n-grams,
        // it would only count them again.
        if i > 0 {
            add_extracted(pool, config.extracted_share, &mut rng);
            add_unseen_language(pool, config.unseen_language_share, &mut rng);
        }
        augment(pool, config.augment_share, &mut rng);
    }
    let context_pools = pools.split_off(2);
    let pool1 = pools.pop().unwrap_or_default();
    let nb_pool = pools.pop().unwrap_or_default();
    (nb_pool, pool1, context_pools)
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

/// The P(news) threshold with the best character-weighted news F1 on `pages`, from 0.2 to 0.8.
/// Not lower: these are news pages only, where keeping every line that is not noise wins, while
/// on other pages it keeps their prose (README, weak spots).
fn best_news_threshold(model: &Model, pages: &[Page], memories: &corpus::SiteMemories) -> f32 {
    let scored: Vec<(f32, bool, f64)> = pages
        .iter()
        .flat_map(|p| {
            let probs = model.probabilities_in(&p.texts(), p.memory(memories));
            p.lines
                .iter()
                .zip(probs)
                .map(|(l, pr)| {
                    (
                        // The noise veto applies at every threshold (Policy::keep_score).
                        crate::Policy::news(1.0).keep_score(&pr),
                        l.label == Label::News,
                        l.text.chars().count() as f64,
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut best = (0.0, 0.5f32);
    for step in 0..=24 {
        let t = 0.2 + step as f32 * 0.025;
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for &(p, gold, chars) in &scored {
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

/// Splices a run of 2-8 gambling or marketplace lines into copies of some news pages: at the top,
/// the bottom or between paragraphs, as ads and product grids sit on real pages.
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
        let len = 2 + rng.below(7);
        let run: Vec<LabelledLine> = (0..len)
            .map(|_| {
                let mut line = source[rng.below(source.len())].clone();
                line.text = as_listing(&line.text, rng);
                line
            })
            .collect();
        let at = match rng.below(5) {
            0 | 1 => 0,
            2 | 3 => page.lines.len(),
            _ => rng.below(page.lines.len() + 1),
        };
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

/// Scales the dense part of stage-1 rows and packs them, after their direct n-gram columns, into
/// a column-major matrix (linfa fits those fastest).
fn stage1_matrix(
    rows: &Stage1Rows,
    labels: &[Label],
    featurizer: &Featurizer,
) -> (Array2<f32>, Array1<usize>) {
    let direct = featurizer.direct;
    let mut x = Array2::<f32>::zeros((rows.len(), featurizer.dim()).f());
    let mut y = Array1::<usize>::zeros(rows.len());
    let mut dense = Vec::with_capacity(featurizer.dense_dim());
    for (n, (row, label)) in rows.iter().zip(labels).enumerate() {
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

/// Scales rows in place and packs them into a column-major matrix (linfa fits those fastest).
fn matrix(rows: &mut [(Vec<f32>, Label)], scaler: &Scaler) -> (Array2<f32>, Array1<usize>) {
    let dim = scaler.dim();
    let mut x = Array2::<f32>::zeros((rows.len(), dim).f());
    let mut y = Array1::<usize>::zeros(rows.len());
    for (n, (row, label)) in rows.iter_mut().enumerate() {
        scaler.apply(row);
        for (j, &val) in row.iter().enumerate() {
            x[[n, j]] = val;
        }
        y[n] = label.index();
    }
    (x, y)
}

/// A language's lines of a label, and its lines of the other labels, must each number this
/// many for the language to say anything of the label's n-grams (unless no language has that
/// many, as in small data sets).
const MIN_LANGUAGE_LINES: f64 = 100.0;

/// The n-gram table, counted on every line of its pool, language by language.
///
/// The data's Indonesian is almost all gambling promos and comments, and its news almost all
/// English: counted over every line, "yang" or "dan" would be evidence of gambling and against
/// news, and an Indonesian article would read as spam. So an n-gram is ranked by its mutual
/// information with the label given the language (the data's `lang`), and its log-odds for a
/// label is the mean of its log-odds within each language that has enough lines of that label
/// and of the others, weighted by how many of the language's lines hold it. A language with no
/// news says nothing of news: in Indonesian, "yang" is weighed only against gambling, comments
/// and product titles, and "slot" still tells gambling from comments.
fn count_ngrams(pool: &[Page], config: &Config) -> NgramTable {
    let mut languages: Vec<&str> = Vec::new();
    let mut counts: Vec<HashMap<String, [u32; K]>> = Vec::new();
    let mut totals: Vec<[f64; K]> = Vec::new();
    let mut toks = tokens::Tokens::default();
    let mut grams: Vec<String> = Vec::new();
    for line in pool.iter().flat_map(|p| &p.lines) {
        if config.drop_ambiguous && line.ambiguous {
            continue;
        }
        let lang = match languages.iter().position(|l| *l == line.lang) {
            Some(i) => i,
            None => {
                languages.push(&line.lang);
                counts.push(HashMap::new());
                totals.push([0.0; K]);
                languages.len() - 1
            }
        };
        totals[lang][line.label.index()] += 1.0;
        tokens::tokenize(&line.text, &mut toks);
        grams.clear();
        for (j, t) in toks.iter().enumerate() {
            grams.push(t.to_string());
            if let Some(next) = toks.get(j + 1) {
                grams.push(format!("{t} {next}"));
            }
        }
        grams.sort_unstable();
        grams.dedup();
        for g in grams.drain(..) {
            counts[lang].entry(g).or_default()[line.label.index()] += 1;
        }
    }
    let sizes: Vec<f64> = totals.iter().map(|t| t.iter().sum::<f64>()).collect();
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
    let n: f64 = sizes.iter().sum::<f64>().max(1.0);
    let a = config.smoothing as f64;
    // Each n-gram once, with its counts in every language.
    let mut scored: Vec<(f64, &str, Vec<f32>)> = Vec::new();
    for (first, map) in counts.iter().enumerate() {
        for gram in map.keys() {
            if counts[..first].iter().any(|m| m.contains_key(gram)) {
                continue;
            }
            let per_lang: Vec<(usize, &[u32; K])> = counts
                .iter()
                .enumerate()
                .filter_map(|(l, m)| m.get(gram).map(|c| (l, c)))
                .collect();
            let present_all: u32 = per_lang.iter().flat_map(|(_, c)| c.iter()).sum();
            if (present_all as usize) < config.min_count {
                continue;
            }
            let mut mi = 0.0;
            let mut sums = [0f64; K];
            let mut weights = [0f64; K];
            for &(l, c) in &per_lang {
                let (tot, size) = (&totals[l], sizes[l]);
                let present: f64 = c.iter().map(|&v| v as f64).sum();
                for k in 0..K {
                    let both = c[k] as f64;
                    // Mutual information within the language, weighted by its share of lines.
                    for (joint, marginal) in [(both, present), (tot[k] - both, size - present)] {
                        if joint > 0.0 && marginal > 0.0 {
                            mi += joint / n * ((joint * size) / (marginal * tot[k])).ln();
                        }
                    }
                    if counted[l][k] {
                        let in_k = (both + a) / (tot[k] + 2.0 * a);
                        let rest = (present - both + a) / (size - tot[k] + 2.0 * a);
                        sums[k] += present * (in_k / rest).ln();
                        weights[k] += present;
                    }
                }
            }
            let ratios = (0..K)
                .map(|k| {
                    if weights[k] > 0.0 {
                        (sums[k] / weights[k]) as f32
                    } else {
                        0.0
                    }
                })
                .collect();
            scored.push((mi, gram.as_str(), ratios));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.truncate(config.vocab_size);
    let mut names = Vec::with_capacity(scored.len());
    let mut ratios = Vec::with_capacity(scored.len() * K);
    for (_, g, r) in scored {
        names.push(g.to_string());
        ratios.extend(r);
    }
    NgramTable::new(names, ratios)
}

/// Reads a config file; relative data paths are taken relative to the current directory.
pub fn load_config(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(e, path))?;
    Config::from_toml(&text).map_err(|e| e.with_path(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, label: Label) -> LabelledLine {
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
        let pool = vec![Page {
            doc: "d".into(),
            source: "s".into(),
            site: String::new(),
            lines,
        }];
        let config = Config {
            vocab_size,
            min_count: 3,
            ..Config::default()
        };
        count_ngrams(&pool, &config)
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
    fn config_round_trips_and_rejects_unknown_keys() {
        let c = Config::default();
        let back = Config::from_toml(&c.to_toml()).unwrap();
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
