//! Training (feature `train`): count n-gram evidence, fit stage 1 with linfa-logistic, then fit
//! the context stages, every stage on every site, cross-fitted by folds of sites (see [`train`]).
//!
//! linfa-logistic has no sample weights, so classes are balanced by sampling (caps per label).
//! The `stage2_*` settings apply to every context stage.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::corpus::{self, site_memories, LabelledLine, LabelledPage};
use crate::error::{Error, Result};
use crate::eval::Evaluation;
use crate::features::repetition::avalanche;
use crate::features::stats;
use crate::label::Label;
use crate::model::{Model, ModelData, TrainingMeta};
use crate::rng::Rng;

pub mod adapt;
mod augment;
mod average;
mod config;
mod fit;
mod listings;
mod ngrams;
mod promos;
mod synthetic;
mod unseen;

pub use average::average;
pub use config::{load_config, Config};

/// Source name of the generated English gambling lines ([`Config::synthetic_gambling`]).
pub const SYNTHETIC_GAMBLING: &str = "synthetic_gambling_en";
/// Source name of the generated gambling lines in made-up languages
/// ([`Config::synthetic_gambling_unseen`]).
pub const SYNTHETIC_GAMBLING_UNSEEN: &str = "synthetic_gambling_unseen";
/// Source name of the generated gambling promos in real languages the data lacks
/// ([`Config::synthetic_gambling_languages`]).
pub const SYNTHETIC_GAMBLING_LANGUAGES: &str = "synthetic_gambling_languages";
/// Source name of the generated listings ([`Config::synthetic_marketplace`]).
pub const SYNTHETIC_MARKETPLACE: &str = "synthetic_marketplace";
/// The generated sources: never in the data, always known to [`Config::exclude_sources`].
const SYNTHETIC_SOURCES: [&str; 4] = [
    SYNTHETIC_GAMBLING,
    SYNTHETIC_GAMBLING_UNSEEN,
    SYNTHETIC_GAMBLING_LANGUAGES,
    SYNTHETIC_MARKETPLACE,
];

const K: usize = Label::COUNT;

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
/// the mean is a model of the same shape, at no cost to inference). With [`Config::bag`] above
/// one, that is done again with other draws of the folds, samples and copies, and the models
/// are averaged the same way ([`average`]).
pub fn train(config: &Config) -> Result<Model> {
    let progress = Progress(Instant::now());
    let (mut data_pages, files) = read_training_pages(config, &progress)?;
    let chains = config.bag.max(1);
    let mut fitted = Vec::with_capacity(chains);
    let (mut stage1_rows, mut context_rows) = (vec![0; K], vec![0; K]);
    for chain in 0..chains {
        let chain_config = Config {
            seed: config.seed + BAG_SEED_STRIDE * chain as u64,
            ..config.clone()
        };
        if chains > 1 {
            progress.say(format!(
                "model {} of the bag of {chains}: seed {}",
                chain + 1,
                chain_config.seed
            ));
        }
        // The data is read once; the generated lines depend on the seed.
        let mut pages = if chain + 1 == chains {
            std::mem::take(&mut data_pages)
        } else {
            data_pages.clone()
        };
        let synthetic = synthetic_pages(&chain_config);
        if !synthetic.is_empty() {
            progress.say(format!(
                "generated {} lines of gambling spam and listings (see synthetic_pages)",
                synthetic.len()
            ));
            pages.extend(synthetic);
        }
        let (data, rows) = train_one(pages, &chain_config, &progress)?;
        for (total, n) in stage1_rows.iter_mut().zip(rows.0) {
            *total += n;
        }
        for (total, n) in context_rows.iter_mut().zip(rows.1) {
            *total += n;
        }
        fitted.push(data);
    }
    let mut data = match <[ModelData; 1]>::try_from(fitted) {
        Ok([data]) => data,
        Err(fitted) => {
            let models = fitted
                .into_iter()
                .map(Model::from_data)
                .collect::<Result<Vec<_>>>()?;
            average(&models)?.data().clone()
        }
    };
    data.meta = TrainingMeta::now(
        files.iter().map(|f| f.display().to_string()).collect(),
        stage1_rows,
        context_rows,
        progress.0.elapsed().as_secs_f64(),
        config.to_toml()?,
    );
    let model = Model::from_data(data)?;
    match &config.dev {
        Some(dev) => score_on_dev(model, dev, &progress),
        None => Ok(model),
    }
}

/// The seeds of a bag's models ([`Config::bag`]) are the config's seed, then that plus this, plus
/// twice this...: a bag is the mean of models anyone can train one by one (`chaff-train
/// --average`), and the bags of five consecutive seeds share no model.
pub const BAG_SEED_STRIDE: u64 = 1000;

/// Rows per label that stage 1 and the context stages were fitted on.
type RowsPerLabel = ([usize; K], [usize; K]);

/// One cross-fitted model of `pages` and its stages' rows per label (see [`train`]).
fn train_one(
    pages: Vec<LabelledPage>,
    config: &Config,
    progress: &Progress,
) -> Result<(ModelData, RowsPerLabel)> {
    let fold_pages = split_folds(pages, config);
    // The n-gram counts come from the data's lines, before any copy is made: a copy would only
    // count its lines again.
    let featurizers = ngrams::featurizers(&fold_pages, config);
    progress.say(format!(
        "n-gram table: {} n-grams",
        featurizers.all.ngrams.len()
    ));
    let folded = augment::add_fold_copies(fold_pages, config);
    progress.say(format!(
        "{} pages (with copies) in {} folds of sites: {:?}",
        folded.pages.len(),
        folded.folds,
        folded.pages_per_fold()
    ));
    let mut stages = fit::stage1(&folded, featurizers, config, progress)?;
    let memories = site_memories(&folded.pages);
    fit::context_stages(&folded, &memories, &mut stages, config, progress)?;
    let rows = (stages.stage1_rows, stages.context_rows);
    let data = fit::news_threshold(&folded, &memories, stages, progress)?;
    Ok((data, rows))
}

/// The training pages, the copies made of them included, each with the fold of its site.
struct Folded {
    pages: Vec<LabelledPage>,
    fold_of: Vec<usize>,
    folds: usize,
}

impl Folded {
    fn pages_per_fold(&self) -> Vec<usize> {
        (0..self.folds)
            .map(|f| self.fold_of.iter().filter(|&&g| g == f).count())
            .collect()
    }
}

/// Scores `model` on the dev data, prints the figures, and stores the headline ones in the model.
fn score_on_dev(model: Model, dev: &Path, progress: &Progress) -> Result<Model> {
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
    Model::from_data(data)
}

/// The labelled pages of `config.train` and the files read. The generated lines
/// ([`synthetic_pages`]) are added per model of a bag, as they depend on its seed; none of the
/// relabelling here touches a generated line.
fn read_training_pages(
    config: &Config,
    progress: &Progress,
) -> Result<(Vec<LabelledPage>, Vec<PathBuf>)> {
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
        let n: usize = pages.iter_mut().map(augment::relabel_repeated_news).sum();
        progress.say(format!(
            "{n} furniture lines that repeat a news line of their page trained as news"
        ));
    }
    if config.headline_as_news {
        let n: usize = pages.iter_mut().map(augment::relabel_headline).sum();
        progress.say(format!(
            "{n} headlines (lines above an article repeating the page's title) trained as news"
        ));
    }
    if config.dates_and_bylines_as_furniture {
        let n: usize = pages
            .iter_mut()
            .map(augment::relabel_dates_and_bylines)
            .sum();
        progress.say(format!(
            "{n} news lines that are a date or a byline trained as furniture"
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

/// The lines `config` generates, one page of one line each, labelled for the whole page
/// as the spam sources are: [`Config::synthetic_gambling`] English gambling lines (source
/// [`SYNTHETIC_GAMBLING`]), [`Config::synthetic_gambling_unseen`] in made-up languages
/// ([`SYNTHETIC_GAMBLING_UNSEEN`]), [`Config::synthetic_gambling_languages`] promos in real
/// languages the data lacks ([`SYNTHETIC_GAMBLING_LANGUAGES`]) and
/// [`Config::synthetic_marketplace`] listings ([`SYNTHETIC_MARKETPLACE`]), but none of a source
/// in [`Config::exclude_sources`]. The same config gives the same lines (`chaff-train
/// --write-synthetic` writes them out).
pub fn synthetic_pages(config: &Config) -> Vec<LabelledPage> {
    /// `n` distinct lines, each with its language code.
    type Generator = fn(usize, &mut Rng) -> Vec<(String, &'static str)>;
    let generators: [(&str, usize, Label, Generator, u64); 4] = [
        (
            SYNTHETIC_GAMBLING,
            config.synthetic_gambling,
            Label::Gambling,
            synthetic::gambling_lines,
            0x6a3b,
        ),
        (
            SYNTHETIC_GAMBLING_UNSEEN,
            config.synthetic_gambling_unseen,
            Label::Gambling,
            synthetic::unseen_gambling_lines,
            0x7c51,
        ),
        (
            SYNTHETIC_GAMBLING_LANGUAGES,
            config.synthetic_gambling_languages,
            Label::Gambling,
            promos::promo_lines,
            0x3e91,
        ),
        (
            SYNTHETIC_MARKETPLACE,
            config.synthetic_marketplace,
            Label::Marketplace,
            listings::listing_lines,
            0x51d7,
        ),
    ];
    let mut pages = Vec::new();
    for (source, n, label, generate, salt) in generators {
        if n == 0 || config.exclude_sources.iter().any(|s| s == source) {
            continue;
        }
        let lines = generate(n, &mut Rng(config.seed ^ salt));
        pages.extend(
            lines
                .into_iter()
                .enumerate()
                .map(|(i, (text, lang))| LabelledPage {
                    doc: format!("{source}/{i}"),
                    source: source.to_string(),
                    site: String::new(),
                    lines: vec![LabelledLine {
                        text,
                        label,
                        ambiguous: false,
                        suspect: false,
                        weak: true,
                        lang: lang.to_string(),
                    }],
                    origin: Vec::new(),
                }),
        );
    }
    pages
}

/// Removes the pages of the sources in `exclude` from `pages`; returns how many. Every name must
/// be a source of `pages` or generated ([`SYNTHETIC_SOURCES`]): a misspelt name would silently
/// train on the very source a leave-one-source-out run means to hold out.
fn exclude_sources(pages: &mut Vec<LabelledPage>, exclude: &[String]) -> Result<usize> {
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

/// Splits pages by site into `config.folds` folds, so that no stage learns from a site that the
/// inputs it is fitted on were counted or fitted on. One-line pages (comments, product
/// titles) share a platform "site" and are split one by one.
fn split_folds(pages: Vec<LabelledPage>, config: &Config) -> Vec<Vec<LabelledPage>> {
    let folds = config.folds.max(2);
    let mut out: Vec<Vec<LabelledPage>> = vec![Vec::new(); folds];
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::line;

    #[test]
    fn excluded_sources_are_not_read_and_unknown_names_are_errors() {
        let page = |doc: &str, source: &str| LabelledPage {
            doc: doc.into(),
            source: source.into(),
            site: String::new(),
            lines: vec![line("Slot gacor 88", Label::Gambling)],
            origin: Vec::new(),
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
}
