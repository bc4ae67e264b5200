//! Fitting: the linear stages with linfa-logistic (one per fold, then their mean), the samples
//! of lines they are fitted on, and the news threshold.

use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2, ShapeBuilder};
use rayon::prelude::*;

use super::ngrams::Featurizers;
use super::{hash_str, Config, Folded, Progress, K};
use crate::corpus::{LabelledPage, SiteMemories};
use crate::error::{Error, Result};
use crate::features::context::{Context, PageLayout};
use crate::features::repetition::avalanche;
use crate::features::{Featurizer, Scaler, Stage1Rows};
use crate::label::Label;
use crate::model::{ContextStage, Linear, Model, ModelData, Options, TrainingMeta};

/// The shipped model's parts and the fold models', stage by stage, with the rows per label each
/// kind of stage was fitted on.
pub(super) struct Stages {
    /// The shipped model: the n-gram table of every fold, each stage the mean of its fold fits.
    data: ModelData,
    /// The model fitted without each fold.
    fold_data: Vec<ModelData>,
    pub(super) stage1_rows: [usize; K],
    pub(super) context_rows: [usize; K],
}

/// Stage 1: samples lines, featurizes their pages with the table counted without their fold,
/// fits once per fold.
pub(super) fn stage1(
    folded: &Folded,
    featurizers: Featurizers,
    config: &Config,
    progress: &Progress,
) -> Result<Stages> {
    let Featurizers {
        all: mut featurizer,
        without: mut fold_featurizers,
    } = featurizers;
    let (pages, fold_of, folds) = (&folded.pages, &folded.fold_of, folded.folds);
    let picks = sample_lines(
        pages,
        &config.stage1_per_label,
        config.drop_ambiguous,
        config.seed,
    );
    let stage1_rows = count_labels(pages, &picks);
    let mut rows = Stage1Rows::with_capacity(featurizer.dense_dim(), picks.len());
    let mut labels = Vec::with_capacity(picks.len());
    let mut row_folds = Vec::with_capacity(picks.len());
    for (page_idx, line_idxs) in group_by_page(&picks) {
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
        stage1_rows
    ));
    let fits = fit_folds(
        folds,
        &row_folds,
        config.stage1_alpha,
        config.stage1_iterations,
        |keep| stage1_matrix(&rows, &labels, &featurizer, keep),
    )?;
    drop(rows);
    progress.say("stage 1: fitted");
    let data_of = |featurizer, stage1| ModelData {
        labels: Label::ALL.to_vec(),
        news_threshold: 0.5,
        featurizer,
        stage1,
        context_stages: Vec::new(),
        meta: TrainingMeta::default(),
        adapters: Vec::new(),
    };
    Ok(Stages {
        fold_data: fold_featurizers
            .into_iter()
            .zip(&fits)
            .map(|(featurizer, stage1)| data_of(featurizer, stage1.clone()))
            .collect(),
        data: data_of(featurizer, mean_linear(&fits)),
        stage1_rows,
        context_rows: [0; K],
    })
}

/// The context stages: each re-judges every line from the previous stage's probabilities, made
/// by the fold models that never saw the line's site.
pub(super) fn context_stages(
    folded: &Folded,
    memories: &SiteMemories,
    stages: &mut Stages,
    config: &Config,
    progress: &Progress,
) -> Result<()> {
    let (pages, fold_of, folds) = (&folded.pages, &folded.fold_of, folded.folds);
    for pass in 0..config.context_stages {
        let name = format!("stage {}", pass + 2);
        let picks = sample_lines(
            pages,
            &config.stage2_per_label,
            config.drop_ambiguous,
            config.seed ^ (0x5eed + pass as u64),
        );
        let counts = count_labels(pages, &picks);
        for (total, n) in stages.context_rows.iter_mut().zip(counts) {
            *total += n;
        }
        let models = stages
            .fold_data
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
                let layout = PageLayout::in_batch(&texts, page.memory(memories));
                let prev = model.probabilities_of(&feats, &layout, usize::MAX, None);
                let page_rows = context.rows(&layout, &feats, &prev);
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
        for (d, linear) in stages.fold_data.iter_mut().zip(&linears) {
            d.context_stages.push(ContextStage {
                context: context.clone(),
                linear: linear.clone(),
            });
        }
        stages.data.context_stages.push(ContextStage {
            context,
            linear: mean_linear(&linears),
        });
        progress.say(format!("{name}: fitted"));
    }
    Ok(())
}

/// The shipped model's parts with its news threshold, searched on every news page of the data
/// judged by the models that never saw it.
pub(super) fn news_threshold(
    folded: &Folded,
    memories: &SiteMemories,
    stages: Stages,
    progress: &Progress,
) -> Result<ModelData> {
    let Stages {
        mut data,
        fold_data,
        ..
    } = stages;
    let models = fold_data
        .into_iter()
        .map(Model::from_data)
        .collect::<Result<Vec<_>>>()?;
    let pages = &folded.pages;
    let news_pages: Vec<usize> = (0..pages.len())
        .filter(|&p| pages[p].has_news() && !pages[p].is_copy())
        .collect();
    let scored: Vec<(f32, bool, f64)> = news_pages
        .par_iter()
        .flat_map_iter(|&p| news_scores(&models[folded.fold_of[p]], &pages[p], memories))
        .collect();
    data.news_threshold = best_news_threshold(&scored);
    progress.say(format!(
        "news threshold {:.3} (best character-weighted news F1 on the {} news pages of the data, each judged by the models fitted without its fold)",
        data.news_threshold,
        news_pages.len()
    ));
    Ok(data)
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

/// Each line of `page` as the threshold search sees it: the score the news policy compares with
/// its threshold ([`Policy::keep_score`](crate::Policy::keep_score): the noise veto applies at
/// every threshold), whether it is news, and its characters.
fn news_scores(
    model: &Model,
    page: &LabelledPage,
    memories: &SiteMemories,
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
        let decisions = scored.iter().map(|&(p, gold, chars)| (p >= t, gold, chars));
        let f1 = crate::eval::Prf::of_decisions(decisions).f1;
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    best.1
}

/// Samples up to `per_label[k]` lines of each label, as (page, line) indices.
fn sample_lines(
    pool: &[LabelledPage],
    per_label: &[usize; K],
    drop_ambiguous: bool,
    seed: u64,
) -> Vec<(usize, usize)> {
    let mut by_label: Vec<Vec<(u64, usize, usize)>> = vec![Vec::new(); K];
    for (p, page) in pool.iter().enumerate() {
        let page_key = hash_str(seed, &page.sampling_key());
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

fn count_labels(pool: &[LabelledPage], picks: &[(usize, usize)]) -> [usize; K] {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::line;
    use crate::rng::Rng;

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
        let pool = vec![LabelledPage {
            doc: "d".into(),
            source: "s".into(),
            site: String::new(),
            lines,
            origin: Vec::new(),
        }];
        let a = sample_lines(&pool, &[5, 100, 0, 0, 0], true, 1);
        assert_eq!(count_labels(&pool, &a), [5, 25, 0, 0, 0]);
        assert_eq!(a, sample_lines(&pool, &[5, 100, 0, 0, 0], true, 1));
    }

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
