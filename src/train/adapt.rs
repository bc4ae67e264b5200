//! Adapting a trained model to a user's labelled pages, without the corpus it was trained on
//! (`chaff-train --from MODEL --data LABELS`).
//!
//! Each site of the user's pages gets an adapter (`SiteAdapter`): weights that judge only the
//! pages carrying the site's template (the furniture lines its labelled pages share), so
//! teaching one site changes no other site's verdicts. Each stage in turn (stage 1, then each
//! context stage on the probabilities of the stages already adapted) is refitted on the site's
//! lines by gradient descent from the base weights, on their mean loss plus an L2 pull toward
//! the base weights ([`AdaptConfig::pull`]), each label's lines weighing as the base's training
//! rows were shared out; stage 1 also weighs the n-grams the site's lines share. linfa-logistic can
//! neither start from nor shrink toward given weights, and a few hundred rows need no more than
//! plain descent with a backtracking step. The biases, the n-gram table, the feature scalings
//! and the news threshold stay the base model's.
//!
//! Tried on the dev protocol (training/README.md) and not kept: adding the user's n-gram
//! evidence to the table (the table holds log-odds, not counts, so each n-gram of the user's
//! lines got a mean of its shipped log-odds and the user's, and n-grams it lacked were added):
//! alone, it lowered the adapted sites' news character F1 by 0.17 on average, and with the
//! refit it cost other sites up to 0.39; stage 1 reads the evidence as the corpus counted it,
//! and a table counted on a few pages is not that. Refitting the biases changed nothing
//! measurable.

use std::path::Path;

use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use crate::classify::Verdict;
use crate::corpus::{site_memories, LabelledPage};
use crate::error::{Error, Result};
use crate::eval::Evaluation;
use crate::features::context::PageLayout;
use crate::features::repetition::line_key;
use crate::features::repetition::SiteMemories;
use crate::features::{line_ngram_keys, Scratch};
use crate::model::{
    softmax, Linear, Model, Options, SiteAdapter, TrainingMeta, MIN_TEMPLATE_LINES,
};

use super::K;

/// The site given to the user's pages that name none: `chaff filter` judges plain files of one
/// run as one site, so adaptation counts their repetition the same way.
const NO_SITE: &str = "(pages without a site)";

/// Adaptation settings (recorded in the adapted model's `config`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdaptConfig {
    /// L2 pull of each refitted stage toward its base weights (and of the site's n-gram
    /// weights toward zero), on the mean loss of the site's lines: larger keeps the adapter
    /// closer to the base. An adapter judges only its site's pages, so the pull need not
    /// protect other sites. On the protocol run on the training data's sites (not dev), 0.1 and
    /// 0.01 gained the same (+0.062 / +0.061 news character F1) and 1 and 10 less (+0.053,
    /// +0.022); 0.01 is the one that learns a site's teaser line (tests/adapt.rs).
    pub pull: f32,
    /// Gradient steps per stage.
    pub iterations: usize,
    /// Whether each label's lines weigh, in the refit, as the base model's training rows of that
    /// label were shared out (`stage1_rows`, `context_rows`), instead of as the user's pages
    /// happen to mix them: a few pages that are nearly all menu, or all article, would
    /// otherwise move every page's verdicts toward that label.
    pub balance_labels: bool,
}

impl Default for AdaptConfig {
    fn default() -> AdaptConfig {
        AdaptConfig {
            pull: 0.01,
            iterations: 100,
            balance_labels: true,
        }
    }
}

impl AdaptConfig {
    /// Reads adaptation settings (`chaff-train --adapt-settings`); an unknown key is an error.
    pub fn from_toml(text: &str) -> Result<AdaptConfig> {
        toml::from_str(text).map_err(|e| Error::config(format!("bad adaptation settings: {e}")))
    }
}

/// What an adapted model's `config` records: the base model and the settings.
#[derive(Serialize)]
struct AdaptedRecord<'a> {
    adapted_from: &'a str,
    base_created: u64,
    base_data_files: &'a [String],
    adapt: &'a AdaptConfig,
    base_config: &'a str,
}

/// The base model adapted to the labelled `pages` (read from `files`, named in the result's
/// metadata with `base_name`, the base model's file): one site adapter per site of the pages,
/// refitted on that site's lines alone and used only on pages that carry the site's template.
pub fn adapt(
    base: &Model,
    base_name: &str,
    mut pages: Vec<LabelledPage>,
    files: &[&Path],
    config: &AdaptConfig,
) -> Result<Model> {
    let start = std::time::Instant::now();
    keep_adaptable(&mut pages);
    if pages.is_empty() {
        return Err(Error::config("no labelled lines to adapt to"));
    }
    let mut by_site: std::collections::BTreeMap<&str, Vec<&LabelledPage>> = Default::default();
    for page in &pages {
        by_site.entry(page.site.as_str()).or_default().push(page);
    }
    let mut data = base.data().clone();
    // A base that was itself adapted keeps its other sites' adapters; a site adapted again is
    // refitted from the base weights, not from its old adapter.
    let new_sites: Vec<&str> = by_site.keys().copied().collect();
    data.adapters
        .retain(|a| !new_sites.contains(&a.site.as_str()));
    for (site, site_pages) in by_site {
        let adapter = adapt_site(base, site, &site_pages, config)?;
        data.adapters.push(adapter);
    }

    let base_meta = &base.data().meta;
    let record = AdaptedRecord {
        adapted_from: base_name,
        base_created: base_meta.created,
        base_data_files: &base_meta.data_files,
        adapt: config,
        base_config: &base_meta.config,
    };
    let mut counts = [0usize; K];
    for line in pages.iter().flat_map(|p| &p.lines) {
        counts[line.label.index()] += 1;
    }
    let record = toml::to_string(&record)
        .map_err(|e| Error::config(format!("recording the adaptation settings: {e}")))?;
    data.meta = TrainingMeta::now(
        files.iter().map(|f| f.display().to_string()).collect(),
        counts.to_vec(),
        counts.to_vec(),
        start.elapsed().as_secs_f64(),
        record,
    );
    Model::from_data(data)
}

/// What adapting reads of labelled pages: pages without a site put on one site ([`NO_SITE`]),
/// their uncertain lines left out (they say nothing to adapt to, as in training), and pages left
/// with no lines dropped.
fn keep_adaptable(pages: &mut Vec<LabelledPage>) {
    for page in pages.iter_mut() {
        if page.site.is_empty() {
            page.site = NO_SITE.to_string();
        }
        page.lines.retain(|l| !l.ambiguous);
    }
    pages.retain(|p| !p.lines.is_empty());
}

/// The template of a site's labelled pages: the keys of the lines labelled furniture or spam
/// that recur on at least two of them (on its one page, if it has one), sorted.
fn template(pages: &[&LabelledPage]) -> Vec<u64> {
    let on_pages = holders(pages.iter().map(|page| {
        page.lines
            .iter()
            .filter(|l| l.label.is_noise())
            .filter_map(|l| line_key(&l.text))
            .collect()
    }));
    let needed = pages.len().min(2);
    let mut template: Vec<u64> = on_pages
        .into_iter()
        .filter(|&(_, n)| n >= needed)
        .map(|(k, _)| k)
        .collect();
    template.sort_unstable();
    template
}

/// For each key, how many of the `holders` (each a list of keys) hold it.
fn holders(holders: impl Iterator<Item = Vec<u64>>) -> std::collections::HashMap<u64, usize> {
    let mut count: std::collections::HashMap<u64, usize> = Default::default();
    for mut keys in holders {
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            *count.entry(k).or_default() += 1;
        }
    }
    count
}

/// At most this many n-grams of a site's lines get weights of their own.
const MAX_SITE_GRAMS: usize = 20_000;

/// The n-grams of a site's labelled lines that occur in at least two of them (a line's own
/// words teach nothing of the site), the most frequent [`MAX_SITE_GRAMS`], as sorted keys.
fn site_grams(texts: &[Vec<&str>]) -> Vec<u64> {
    let mut scratch = Scratch::default();
    let lines_with = holders(
        texts
            .iter()
            .flatten()
            .map(|line| line_ngram_keys(line, &mut scratch)),
    );
    let mut grams: Vec<(usize, u64)> = lines_with
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(k, n)| (n, k))
        .collect();
    grams.sort_unstable_by(|a, b| b.cmp(a));
    grams.truncate(MAX_SITE_GRAMS);
    let mut keys: Vec<u64> = grams.into_iter().map(|(_, k)| k).collect();
    keys.sort_unstable();
    keys
}

/// The base weights refitted to one site's labelled pages: each stage in turn, the context
/// stages on the probabilities of the stages already refitted.
fn adapt_site(
    base: &Model,
    site: &str,
    pages: &[&LabelledPage],
    config: &AdaptConfig,
) -> Result<SiteAdapter> {
    let template = template(pages);
    if template.len() < MIN_TEMPLATE_LINES {
        return Err(Error::config(format!(
            "site {site}: its labelled pages share {} furniture lines, and chaff needs {MIN_TEMPLATE_LINES} \
             (a menu, a footer) to tell the site's other pages by: label at least two pages of \
             the site, whole",
            template.len()
        )));
    }
    let data = base.data();
    let memories = site_memories(pages.iter().copied());
    let texts: Vec<Vec<&str>> = pages.iter().map(|p| p.texts()).collect();
    let layouts: Vec<PageLayout> = pages
        .iter()
        .zip(&texts)
        .map(|(p, t)| PageLayout::in_batch(t, p.memory(&memories)))
        .collect();
    let labels: Vec<usize> = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.label.index()))
        .collect();
    let feats: Vec<_> = texts.iter().map(|t| data.featurizer.featurize(t)).collect();

    // Stage 1: its rows as dense vectors: the direct n-gram columns, the dense part, then the
    // site's own n-grams, whose weights start (and are pulled back) at zero.
    let direct = data.featurizer.direct;
    let dim = data.featurizer.dim();
    let mut adapter = SiteAdapter {
        site: site.to_string(),
        template,
        stage1: data.stage1.clone(),
        grams: site_grams(&texts),
        gram_weights: Vec::new(),
        context: Vec::new(),
    };
    let n_grams = adapter.grams.len();
    let mut scratch = Scratch::default();
    let rows: Vec<Vec<f32>> = feats
        .iter()
        .flat_map(|f| f.stage1.iter())
        .zip(texts.iter().flatten())
        .map(|(r, line)| {
            let mut row = vec![0f32; dim + n_grams];
            for &g in r.grams {
                row[g as usize] = r.gram_value;
            }
            row[direct..dim].copy_from_slice(r.dense);
            let (found, value) = adapter.gram_columns(line, &mut scratch);
            for g in found {
                row[dim + g] = value;
            }
            row
        })
        .collect();
    let mut start = data.stage1.weights.clone();
    start
        .append(
            ndarray::Axis(0),
            ndarray::Array2::zeros((n_grams, K)).view(),
        )
        .map_err(|e| Error::config(format!("site n-grams: {e}")))?;
    let start = Linear::new(start, data.stage1.bias.clone());
    let weights = label_weights(&labels, &data.meta.stage1_rows, config);
    let fitted = refit(&start, &rows, &labels, &weights, config);
    let (base_rows, gram_rows) = fitted.weights.view().split_at(ndarray::Axis(0), dim);
    adapter.stage1 = Linear::new(base_rows.to_owned(), fitted.bias.clone());
    adapter.stage1.prepare();
    adapter.gram_weights = gram_rows.iter().copied().collect();
    // Each context stage is fitted on the probabilities of the stages already refitted, carried
    // from one stage to the next.
    let mut probs: Vec<Vec<[f32; K]>> = feats
        .iter()
        .zip(&texts)
        .map(|(f, t)| base.stage1_probs(f, Some(&adapter.on(t))))
        .collect();
    let weights = label_weights(&labels, &data.meta.context_rows, config);
    for stage in &data.context_stages {
        let mut rows = Vec::with_capacity(labels.len());
        for ((f, layout), prev) in feats.iter().zip(&layouts).zip(&probs) {
            rows.extend(
                stage
                    .context
                    .rows(layout, f, prev)
                    .iter()
                    .map(<[f32]>::to_vec),
            );
        }
        let mut linear = refit(&stage.linear, &rows, &labels, &weights, config);
        linear.prepare();
        for ((f, layout), prev) in feats.iter().zip(&layouts).zip(&mut probs) {
            *prev = stage.probs(&linear, layout, f, prev);
        }
        adapter.context.push(linear);
    }
    Ok(adapter)
}

/// Per label, the weight of a user's line in the refit: 1, or with
/// [`AdaptConfig::balance_labels`] the base model's share of training rows of the label over
/// the user's share (within 1/4 and 4, so a label with a handful of lines cannot outweigh the
/// rest), scaled to a mean of 1 over the user's lines.
fn label_weights(labels: &[usize], base_rows: &[usize], config: &AdaptConfig) -> [f32; K] {
    let mut user = [0f32; K];
    for &y in labels {
        user[y] += 1.0;
    }
    let base_total = base_rows.iter().sum::<usize>() as f32;
    if !config.balance_labels || base_rows.len() != K || base_total == 0.0 {
        return [1.0; K];
    }
    let n = labels.len().max(1) as f32;
    let mut w: [f32; K] = std::array::from_fn(|k| {
        if user[k] == 0.0 {
            return 0.0;
        }
        ((base_rows[k] as f32 / base_total) / (user[k] / n)).clamp(0.25, 4.0)
    });
    let mean = (0..K).map(|k| w[k] * user[k]).sum::<f32>() / n;
    if mean > 0.0 {
        for v in &mut w {
            *v /= mean;
        }
    }
    w
}

/// The weighted mean cross-entropy of `linear` on `rows` plus the pull toward `base`, and its
/// gradient. The bias gets none but the pull's: it moves every line of every page.
fn loss_and_gradient(
    linear: &Linear,
    base: &Linear,
    rows: &[Vec<f32>],
    labels: &[usize],
    weights: &[f32; K],
    config: &AdaptConfig,
) -> (f64, Linear) {
    let total: f32 = labels.iter().map(|&y| weights[y]).sum::<f32>().max(1e-6);
    let mut gw = ndarray::Array2::<f32>::zeros(linear.weights.dim());
    let mut gb = ndarray::Array1::<f32>::zeros(K);
    let mut loss = 0f64;
    for (x, &y) in rows.iter().zip(labels) {
        let w = weights[y] / total;
        let p = softmax(linear.logits(x, 0));
        loss -= w as f64 * (p[y].max(1e-12) as f64).ln();
        let mut err = p;
        err[y] -= 1.0;
        let err = err.map(|e| e * w);
        for (j, &v) in x.iter().enumerate() {
            if v != 0.0 {
                let mut row = gw.row_mut(j);
                for k in 0..K {
                    row[k] += v * err[k];
                }
            }
        }
    }
    let pull = config.pull;
    let dw = &linear.weights - &base.weights;
    let db = &linear.bias - &base.bias;
    loss += 0.5 * pull as f64 * (dw.iter().chain(db.iter()).map(|v| (v * v) as f64)).sum::<f64>();
    gw.scaled_add(pull, &dw);
    gb.scaled_add(pull, &db);
    (loss, Linear::new(gw, gb))
}

/// `base` refitted on `rows` (dense, already scaled) by gradient descent from its own weights,
/// with an L2 pull toward them; a step that raises the loss is halved and retried.
fn refit(
    base: &Linear,
    rows: &[Vec<f32>],
    labels: &[usize],
    weights: &[f32; K],
    config: &AdaptConfig,
) -> Linear {
    let mut base = base.clone();
    // `logits` reads the weights laid out by label, which `prepare` builds.
    base.prepare();
    let mut current = base.clone();
    let (mut loss, mut grad) = loss_and_gradient(&current, &base, rows, labels, weights, config);
    let mut step = 1.0f32;
    for _ in 0..config.iterations {
        let mut tried = Linear::new(
            &current.weights - &(&grad.weights * step),
            &current.bias - &(&grad.bias * step),
        );
        tried.prepare();
        let (l, g) = loss_and_gradient(&tried, &base, rows, labels, weights, config);
        if l < loss {
            (current, loss, grad) = (tried, l, g);
            step *= 1.5;
        } else {
            step *= 0.5;
            if step < 1e-6 {
                break;
            }
        }
    }
    current
}

/// Reads the labelled pages of the user's files, refusing a file with none.
pub fn read_labels(path: &Path) -> Result<(Vec<LabelledPage>, Vec<std::path::PathBuf>)> {
    let files = crate::corpus::labelled_files(path)?;
    let mut pages = Vec::new();
    for f in &files {
        let read = crate::corpus::read_file(f)?;
        if read.is_empty() {
            return Err(Error::config("no labelled lines in this file").with_path(f));
        }
        pages.extend(read);
    }
    Ok((pages, files))
}

/// Dev sites with at least this many pages are adapted to in [`protocol`].
pub const PROTOCOL_MIN_PAGES: usize = 8;
/// Pages of a site the user labels in [`protocol`].
pub const PROTOCOL_LABELLED_PAGES: usize = 3;

/// One site's figures in [`protocol`]: the news character F1 of its other pages (or, on a site
/// with no news, the share of their characters kept) before and after adapting to three of its
/// pages, and the news-page character F1 of every other page before and after.
pub struct SiteResult {
    /// The site.
    pub site: String,
    /// Its pages.
    pub pages: usize,
    /// Whether any of its pages has news (else `before` and `after` are shares kept).
    pub has_news: bool,
    /// Lines in the site's template, or `None` when its three pages share too few to adapt to.
    pub template: Option<usize>,
    /// The site's other pages that carry the template (and so are judged by the adapter).
    pub recognised: usize,
    /// The site's other pages, with the base model.
    pub before: f64,
    /// The site's other pages, with the model adapted to three of its pages.
    pub after: f64,
    /// Pages of the other sites taken for the site's (judged by its adapter).
    pub mistaken: usize,
    /// Every other page's news-page character F1, with the base model.
    pub rest_before: f64,
    /// The same, with the adapted model.
    pub rest_after: f64,
}

/// The figure a site is judged by: news character F1 on its pages with news, else the share of
/// characters kept (which should be none).
fn site_figure(eval: &Evaluation) -> (bool, f64) {
    if eval.news_pages.pages > 0 {
        (true, eval.news_pages.by_char().f1)
    } else {
        (false, eval.all_pages.kept_share())
    }
}

/// The verdicts of `model` on `pages`, each judged in the batch of its site's pages that
/// `memories` counted, as `chaff eval` does; the pages in parallel.
fn verdicts(model: &Model, pages: &[&LabelledPage], memories: &SiteMemories) -> Vec<Vec<Verdict>> {
    let policy = model.default_policy();
    pages
        .par_iter()
        .map(|page| {
            model
                .probabilities(&page.texts(), &Options::new().site(page.memory(memories)))
                .into_iter()
                .enumerate()
                .map(|(i, p)| Verdict::new(i + 1, p, &policy))
                .collect()
        })
        .collect()
}

/// The evaluation of `verdicts` on `pages` with `model`'s policy.
fn tally(model: &Model, pages: &[&LabelledPage], verdicts: &[&Vec<Verdict>]) -> Evaluation {
    let policy = model.default_policy();
    let mut eval = Evaluation::new(&policy);
    for (page, v) in pages.iter().zip(verdicts) {
        eval.add_page(page, v, &policy);
    }
    eval
}

/// The adaptation protocol on labelled pages (dev): for each site with at least
/// [`PROTOCOL_MIN_PAGES`] pages of more than one line (one-line pages name a platform, not a
/// site), adapt `base` to [`PROTOCOL_LABELLED_PAGES`] of them (picked by a hash of their names)
/// with their gold labels, and score the site's other pages and every page of the other sites,
/// before and after. Only the pages an adapter recognises can change, so only they are judged
/// again.
pub fn protocol(
    base: &Model,
    dev: &[LabelledPage],
    config: &AdaptConfig,
    mut say: impl FnMut(&str),
) -> Result<Vec<SiteResult>> {
    let mut by_site: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, p) in dev.iter().enumerate() {
        if !p.site.is_empty() && p.lines.len() > 1 {
            by_site.entry(p.site.as_str()).or_default().push(i);
        }
    }
    // The base model's verdicts on every page, once: a site's batch holds only its pages, so
    // leaving one site out changes no other page's verdicts.
    let all: Vec<&LabelledPage> = dev.iter().collect();
    let memories = site_memories(all.iter().copied());
    let base_verdicts = verdicts(base, &all, &memories);
    let mut out = Vec::new();
    for (site, mut idx) in by_site {
        if idx.len() < PROTOCOL_MIN_PAGES {
            continue;
        }
        idx.sort_by_key(|&i| {
            crate::features::repetition::avalanche(super::hash_str(0, &dev[i].doc))
        });
        let mut labelled: Vec<LabelledPage> = idx[..PROTOCOL_LABELLED_PAGES]
            .iter()
            .map(|&i| dev[i].clone())
            .collect();
        keep_adaptable(&mut labelled);
        let scored = &idx[PROTOCOL_LABELLED_PAGES..];
        let rest: Vec<usize> = (0..dev.len()).filter(|&i| dev[i].site != site).collect();
        // A site whose three pages share too few furniture lines is not adapted (`adapt`
        // refuses it); its figures stay the base model's.
        let lines = template(&labelled.iter().collect::<Vec<_>>()).len();
        let (adapted, template) = if lines < MIN_TEMPLATE_LINES {
            (None, None)
        } else {
            (
                Some(adapt(base, "base", labelled, &[], config)?),
                Some(lines),
            )
        };
        // Per page: judged again by the adapted model when one of its adapters recognises it.
        let judged = |pages: &[usize]| -> (Vec<Vec<Verdict>>, usize) {
            let mut recognised = 0;
            let v = pages
                .iter()
                .map(|&i| match &adapted {
                    Some(m) if m.adapter_for(&dev[i].texts()).is_some() => {
                        recognised += 1;
                        verdicts(m, &[&dev[i]], &memories).pop().unwrap_or_default()
                    }
                    _ => base_verdicts[i].clone(),
                })
                .collect();
            (v, recognised)
        };
        let pages_of =
            |pages: &[usize]| -> Vec<&LabelledPage> { pages.iter().map(|&i| &dev[i]).collect() };
        let base_of = |pages: &[usize]| -> Vec<&Vec<Verdict>> {
            pages.iter().map(|&i| &base_verdicts[i]).collect()
        };
        let (scored_after, recognised) = judged(scored);
        let (rest_after, mistaken) = judged(&rest);
        let figure = |v: Vec<&Vec<Verdict>>| site_figure(&tally(base, &pages_of(scored), &v));
        let (has_news, before) = figure(base_of(scored));
        let (_, after) = figure(scored_after.iter().collect());
        let rest_figure =
            |v: Vec<&Vec<Verdict>>| tally(base, &pages_of(&rest), &v).news_pages.by_char().f1;
        let rest_before = rest_figure(base_of(&rest));
        let rest_after = rest_figure(rest_after.iter().collect());
        say(&format!(
            "{site}: {before:.4} -> {after:.4} ({recognised} of {} pages recognised); \
             other pages {rest_before:.4} -> {rest_after:.4} ({mistaken} taken for the site's)",
            scored.len()
        ));
        out.push(SiteResult {
            site: site.to_string(),
            pages: idx.len(),
            has_news,
            template,
            recognised,
            before,
            after,
            mistaken,
            rest_before,
            rest_after,
        });
    }
    Ok(out)
}

/// The protocol's table (Markdown) and its averages, with the bar of issue 28.
pub fn protocol_report(results: &[SiteResult]) -> String {
    let mut out = String::from(
        "| site | pages | template lines | recognised | figure | before | after | change | \
         other pages taken for it | other pages: before | after | change |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in results {
        out.push_str(&format!(
            "| {} | {} | {} | {} of {} | {} | {:.4} | {:.4} | {:+.4} | {} | {:.4} | {:.4} | {:+.4} |\n",
            r.site,
            r.pages,
            r.template
                .map_or("too few: not adapted".to_string(), |n| n.to_string()),
            r.recognised,
            r.pages - PROTOCOL_LABELLED_PAGES,
            if r.has_news {
                "news char F1"
            } else {
                "share kept"
            },
            r.before,
            r.after,
            r.after - r.before,
            r.mistaken,
            r.rest_before,
            r.rest_after,
            r.rest_after - r.rest_before
        ));
    }
    let mean = |rs: &[&SiteResult], f: &dyn Fn(&SiteResult) -> f64| {
        rs.iter().map(|r| f(r)).sum::<f64>() / rs.len().max(1) as f64
    };
    let news: Vec<&SiteResult> = results.iter().filter(|r| r.has_news).collect();
    let low: Vec<&SiteResult> = news.iter().copied().filter(|r| r.before < 0.85).collect();
    let high: Vec<&SiteResult> = news.iter().copied().filter(|r| r.before >= 0.85).collect();
    let all: Vec<&SiteResult> = results.iter().collect();
    for (name, rs) in [
        ("sites with news", &news),
        ("sites with news below 0.85", &low),
        ("sites with news at 0.85 or above", &high),
    ] {
        if rs.is_empty() {
            out.push_str(&format!("\n{name}: none"));
            continue;
        }
        out.push_str(&format!(
            "\n{name} ({}): before {:.4}, after {:.4}, change {:+.4}",
            rs.len(),
            mean(rs, &|r| r.before),
            mean(rs, &|r| r.after),
            mean(rs, &|r| r.after - r.before)
        ));
    }
    out.push_str(&format!(
        "\nother pages, mean over the {} adaptations: change {:+.4} (worst {:+.4}); {} pages of other sites taken for an adapted site's\n",
        all.len(),
        mean(&all, &|r| r.rest_after - r.rest_before),
        all.iter()
            .map(|r| r.rest_after - r.rest_before)
            .fold(f64::INFINITY, f64::min),
        all.iter().map(|r| r.mistaken).sum::<usize>()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::line;
    use crate::label::Label;

    fn page(doc: &str, lines: &[(&str, Label)]) -> LabelledPage {
        LabelledPage {
            doc: doc.into(),
            source: "user".into(),
            site: "example.org".into(),
            lines: lines.iter().map(|&(t, l)| line(t, l)).collect(),
            origin: Vec::new(),
        }
    }

    #[test]
    fn a_sites_template_is_its_recurring_furniture() {
        use Label::{Furniture, News};
        let a = page(
            "a",
            &[
                ("Home", Furniture),
                ("Sport", Furniture),
                ("Story one.", News),
                ("Footer", Furniture),
            ],
        );
        let b = page(
            "b",
            &[
                ("Home", Furniture),
                ("Sport", Furniture),
                ("Story two.", News),
                ("Ad", Furniture),
            ],
        );
        let keys = |texts: &[&str]| {
            let mut k: Vec<u64> = texts.iter().filter_map(|t| line_key(t)).collect();
            k.sort_unstable();
            k
        };
        assert_eq!(template(&[&a, &b]), keys(&["Home", "Sport"]));
        // One page: its furniture is all the site shows of itself.
        assert_eq!(template(&[&a]), keys(&["Home", "Sport", "Footer"]));
    }

    #[test]
    fn a_site_whose_pages_share_too_little_is_refused_by_name() {
        let base = crate::model::tests::toy_model();
        let pages = vec![
            page("a", &[("Home", Label::Furniture), ("Story.", Label::News)]),
            page(
                "b",
                &[("Home", Label::Furniture), ("Other story.", Label::News)],
            ),
        ];
        let e = adapt(&base, "toy", pages, &[], &AdaptConfig::default()).unwrap_err();
        assert!(e.to_string().contains("site example.org"), "{e}");
    }

    #[test]
    fn an_adapter_judges_only_the_pages_of_its_site() {
        use Label::{Furniture, News};
        let base = crate::model::tests::toy_model();
        let menu = [
            ("Home", Furniture),
            ("World", Furniture),
            ("Sport", Furniture),
        ];
        let site_page = |doc: &str, story: &str| {
            let mut lines = menu.to_vec();
            lines.push((story, News));
            lines.push(("Also read: more stories", Furniture));
            page(doc, &lines)
        };
        let pages = vec![
            site_page("a", "The council met on Monday."),
            site_page("b", "The mayor resigned on Friday."),
        ];
        let adapted = adapt(&base, "toy", pages, &[], &AdaptConfig::default()).unwrap();
        let of_site = [
            "Home",
            "World",
            "Sport",
            "A new story.",
            "Also read: more stories",
        ];
        let elsewhere = ["Home", "Weather", "A new story.", "Also read: more stories"];
        assert!(adapted.adapter_for(&of_site).is_some());
        assert!(adapted.adapter_for(&elsewhere).is_none());
        let options = Options::new();
        assert_eq!(
            adapted.probabilities(&elsewhere, &options),
            base.probabilities(&elsewhere, &options),
            "a page of another site is judged by the base weights"
        );
        let teaser = |m: &Model| m.probabilities(&of_site, &options)[4][Furniture.index()];
        assert!(
            teaser(&adapted) > teaser(&base) + 0.2,
            "{} vs {}",
            teaser(&adapted),
            teaser(&base)
        );
    }

    #[test]
    fn refit_learns_the_rows_and_the_pull_holds_it_back() {
        let base = Linear::new(ndarray::Array2::zeros((2, K)), ndarray::Array1::zeros(K));
        let rows = vec![vec![1.0, 0.0], vec![0.0, 1.0]];
        let labels = vec![Label::Furniture.index(), Label::News.index()];
        let loose = AdaptConfig {
            pull: 0.01,
            ..AdaptConfig::default()
        };
        let fitted = refit(&base, &rows, &labels, &[1.0; K], &loose);
        let p = softmax(fitted.logits(&rows[0], 0));
        assert!(p[Label::Furniture.index()] > 0.6, "{p:?}");
        let tight = AdaptConfig {
            pull: 100.0,
            ..AdaptConfig::default()
        };
        let held = refit(&base, &rows, &labels, &[1.0; K], &tight);
        let q = softmax(held.logits(&rows[0], 0));
        assert!(q[Label::Furniture.index()] < 0.25, "{q:?}");
    }
}
