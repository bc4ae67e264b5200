//! The mean of models trained on the same data with different seeds (bagging): each stage's
//! weights averaged in the units of its raw columns, so the mean is a model of the same shape and
//! costs nothing more to run.
//!
//! A seed draws the folds of sites, the lines each stage is fitted on and the copies made of the
//! pages; a model fitted on one draw leans on it, and the mean of several draws leans on none.

use std::collections::HashMap;

use ndarray::{Array1, Array2};

use crate::error::{Error, Result};
use crate::features::Scaler;
use crate::model::{Linear, Model, ModelData};

const K: usize = crate::label::Label::COUNT;

/// The mean of `models`: their n-gram tables (an n-gram's log-odds averaged over the tables that
/// hold it; the table and the scaling are the first model's), their stage-1 and context stages'
/// weights, and their news thresholds. Every model must have the same shape: the same window,
/// direct n-gram columns and context stages.
pub fn average(models: &[Model]) -> Result<Model> {
    let Some(first) = models.first() else {
        return Err(Error::config("no models to average"));
    };
    let datas: Vec<&ModelData> = models.iter().map(Model::data).collect();
    let mut out = first.data().clone();
    for (i, d) in datas.iter().enumerate() {
        let f = &d.featurizer;
        if f.window != out.featurizer.window
            || f.direct != out.featurizer.direct
            || d.context_stages.len() != out.context_stages.len()
            || d.context_stages
                .iter()
                .zip(&out.context_stages)
                .any(|(a, b)| a.context.dim() != b.context.dim())
        {
            return Err(Error::model_invalid(format!(
                "model {} of the average has another shape than the first",
                i + 1
            )));
        }
        if !d.adapters.is_empty() {
            return Err(Error::model_invalid(format!(
                "model {} of the average is adapted to sites; average the models it was adapted from",
                i + 1
            )));
        }
    }
    let n = datas.len() as f32;
    let index: Vec<HashMap<&str, usize>> = datas
        .iter()
        .map(|d| {
            d.featurizer
                .ngrams
                .grams
                .iter()
                .enumerate()
                .map(|(i, g)| (g.as_str(), i))
                .collect()
        })
        .collect();

    // The n-gram table: each n-gram of the first table, its log-odds averaged over the tables
    // that hold it.
    let grams = first.data().featurizer.ngrams.grams.clone();
    let mut ratios = vec![0f32; grams.len() * K];
    for (g, gram) in grams.iter().enumerate() {
        let mut held = 0f32;
        for (d, idx) in datas.iter().zip(&index) {
            if let Some(&j) = idx.get(gram.as_str()) {
                held += 1.0;
                for k in 0..K {
                    ratios[g * K + k] += d.featurizer.ngrams.ratios[j * K + k];
                }
            }
        }
        for r in &mut ratios[g * K..(g + 1) * K] {
            *r /= held;
        }
    }
    out.featurizer.ngrams.ratios = ratios;

    // Stage 1: the direct n-gram columns by n-gram (a model in whose table the n-gram has no
    // column of its own gave it weight 0), the dense columns in their raw units.
    let direct = out.featurizer.direct;
    let target = &first.data().featurizer.scaler;
    let dense: Vec<(Array2<f32>, Array1<f32>, &Scaler)> = datas
        .iter()
        .map(|d| {
            let w = d.stage1.weights.slice(ndarray::s![direct.., ..]).to_owned();
            (w, d.stage1.bias.clone(), &d.featurizer.scaler)
        })
        .collect();
    let (dense_w, bias) = mean_in_raw_units(&dense, target);
    let mut weights = out.stage1.weights.clone();
    for (g, gram) in grams.iter().take(direct).enumerate() {
        let mut row = [0f32; K];
        for (d, idx) in datas.iter().zip(&index) {
            if let Some(&j) = idx.get(gram.as_str()).filter(|&&j| j < direct) {
                for (k, r) in row.iter_mut().enumerate() {
                    *r += d.stage1.weights[[j, k]];
                }
            }
        }
        for k in 0..K {
            weights[[g, k]] = row[k] / n;
        }
    }
    weights
        .slice_mut(ndarray::s![direct.., ..])
        .assign(&dense_w);
    out.stage1 = Linear::new(weights, bias);

    for s in 0..out.context_stages.len() {
        let layers: Vec<(Array2<f32>, Array1<f32>, &Scaler)> = datas
            .iter()
            .map(|d| {
                let stage = &d.context_stages[s];
                (
                    stage.linear.weights.clone(),
                    stage.linear.bias.clone(),
                    &stage.context.scaler,
                )
            })
            .collect();
        let target = first.data().context_stages[s].context.scaler.clone();
        let (w, b) = mean_in_raw_units(&layers, &target);
        out.context_stages[s].linear = Linear::new(w, b);
    }
    out.news_threshold = datas.iter().map(|d| d.news_threshold).sum::<f32>() / n;
    Model::from_data(out)
}

/// The mean of linear layers over columns each scaled its own way (`(x - mean) / std`),
/// expressed in the `target` scaling: in raw units a layer is `v = w / std` and
/// `c = b - v · mean`, and those average.
fn mean_in_raw_units(
    layers: &[(Array2<f32>, Array1<f32>, &Scaler)],
    target: &Scaler,
) -> (Array2<f32>, Array1<f32>) {
    let n = layers.len() as f32;
    let (rows, _) = layers[0].0.dim();
    let mut v = Array2::<f32>::zeros((rows, K));
    let mut c = Array1::<f32>::zeros(K);
    for (w, b, scaler) in layers {
        for k in 0..K {
            let mut shift = 0f32;
            for j in 0..rows {
                let raw = w[[j, k]] / scaler.std[j];
                v[[j, k]] += raw / n;
                shift += raw * scaler.mean[j];
            }
            c[k] += (b[k] - shift) / n;
        }
    }
    let mut w = Array2::<f32>::zeros((rows, K));
    let mut b = c;
    for k in 0..K {
        for j in 0..rows {
            w[[j, k]] = v[[j, k]] * target.std[j];
            b[k] += v[[j, k]] * target.mean[j];
        }
    }
    (w, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn logits(w: &Array2<f32>, b: &Array1<f32>, scaler: &Scaler, raw: &[f32]) -> Vec<f32> {
        let mut x = raw.to_vec();
        scaler.apply(&mut x);
        (0..K)
            .map(|k| {
                b[k] + x
                    .iter()
                    .enumerate()
                    .map(|(j, v)| v * w[[j, k]])
                    .sum::<f32>()
            })
            .collect()
    }

    /// A linear stage is linear in its raw columns, so the mean layer's logits are the mean of
    /// the layers' logits on any row, whatever scaling each layer and the target had.
    #[test]
    fn the_mean_layer_gives_the_mean_logits() {
        let mut rng = Rng(7);
        let mut uniform = |lo: f32, hi: f32| lo + (hi - lo) * rng.unit() as f32;
        let rows = 6;
        let mut layer = || {
            let w = Array2::from_shape_fn((rows, K), |_| uniform(-2.0, 2.0));
            let b = Array1::from_shape_fn(K, |_| uniform(-1.0, 1.0));
            let scaler = Scaler {
                mean: (0..rows).map(|_| uniform(-3.0, 3.0)).collect(),
                std: (0..rows).map(|_| uniform(0.2, 4.0)).collect(),
            };
            (w, b, scaler)
        };
        let layers = [layer(), layer(), layer()];
        let target = layer().2;
        let borrowed: Vec<_> = layers
            .iter()
            .map(|(w, b, s)| (w.clone(), b.clone(), s))
            .collect();
        let (w, b) = mean_in_raw_units(&borrowed, &target);
        for row in 0..5 {
            let raw: Vec<f32> = (0..rows)
                .map(|j| (row * rows + j) as f32 * 0.37 - 4.0)
                .collect();
            let got = logits(&w, &b, &target, &raw);
            for (k, got) in got.iter().enumerate() {
                let want = layers
                    .iter()
                    .map(|(w, b, s)| logits(w, b, s, &raw)[k])
                    .sum::<f32>()
                    / 3.0;
                assert!(
                    (got - want).abs() < 1e-3,
                    "row {row} label {k}: {got} against {want}"
                );
            }
        }
    }

    #[test]
    fn a_model_averaged_with_itself_judges_as_it_does() {
        let model = crate::model::tests::toy_model();
        let mean = average(&[model.clone(), model.clone()]).unwrap();
        let lines = [
            "Read more",
            "The council voted on Tuesday to close the bridge.",
            "Slot gacor",
        ];
        let (a, b) = (
            model.probabilities(&lines, &Default::default()),
            mean.probabilities(&lines, &Default::default()),
        );
        for (x, y) in a.iter().zip(&b) {
            for k in 0..K {
                assert!((x[k] - y[k]).abs() < 1e-4);
            }
        }
    }

    #[test]
    fn models_of_another_shape_are_refused() {
        let model = crate::model::tests::toy_model();
        let mut other = model.data().clone();
        other.context_stages.pop();
        let other = Model::from_data(other).unwrap();
        assert!(average(&[model, other]).is_err());
        assert!(average(&[]).is_err());
    }
}
