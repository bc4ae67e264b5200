//! Why a line got its label: each stage is a linear model, so its logit for a label is a sum of
//! (feature value × weight). A feature *pushes toward* the label by
//! `value × (weight for the label − mean weight over labels)`; these pushes plus the bias gap add
//! up exactly to the label's logit minus the mean logit, so the list is the whole story of that
//! stage, not an approximation.

use serde::Serialize;

use crate::classify::Policy;
use crate::features::context::PageLayout;
use crate::features::Scaler;
use crate::label::Label;
use crate::model::{rule, softmax, Linear, Model};

const K: usize = Label::COUNT;

/// One feature's part in a stage's decision.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Contribution {
    /// What the feature is, in words (`n-gram "gacor"`, `line 1 above: first-pass log
    /// P(furniture)`, `ends with . ! or ?`).
    pub feature: String,
    /// Its value for this line, before scaling (1 for an n-gram the line contains).
    pub value: f32,
    /// How far it moves the label's logit above the mean logit (negative: away from the label).
    pub push: f32,
}

/// One stage's view of the line.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StageExplanation {
    /// The stage's name (`stage 1`, `stage 2`, ...).
    pub stage: String,
    /// This stage's probabilities, in [`Label::ALL`] order.
    pub probs: [f32; K],
    /// The label's logit minus the mean logit: the bias gap plus every push.
    pub margin: f32,
    /// The label's bias minus the mean bias.
    pub bias: f32,
    /// The features with the largest pushes, toward the label first, then away from it.
    pub toward: Vec<Contribution>,
    /// The features that pushed the line away from the label most.
    pub against: Vec<Contribution>,
}

/// Why one line of a page got its final label.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Explanation {
    /// 1-based position among the lines given.
    pub line: usize,
    /// The line's text.
    pub text: String,
    /// The final label (the most probable).
    pub label: Label,
    /// The final probabilities, in [`Label::ALL`] order.
    pub probs: [f32; K],
    /// The rule that gave the line its probabilities instead of the stages, if one did (a
    /// line of prices only is marketplace).
    pub rule: Option<&'static str>,
    /// Stage 1 first, the final context stage last; every push is toward `label`.
    pub stages: Vec<StageExplanation>,
}

/// Pushes of every column of `row` toward `label` in `linear`; `values` are what is shown.
fn pushes(linear: &Linear, row: &[(usize, f32)], label: Label) -> Vec<(usize, f32)> {
    let k = label.index();
    row.iter()
        .map(|&(j, x)| {
            let w = linear.weights.row(j);
            let mean = w.iter().sum::<f32>() / K as f32;
            (j, x * (w[k] - mean))
        })
        .collect()
}

/// One stage's explanation from its logits `z` (as the model computed them) and its input row.
#[allow(clippy::too_many_arguments)]
fn stage(
    name: String,
    linear: &Linear,
    z: [f32; K],
    row: &[(usize, f32)],
    names: &[String],
    raw: impl Fn(usize, f32) -> f32,
    label: Label,
    top: usize,
) -> StageExplanation {
    let k = label.index();
    let mean_z = z.iter().sum::<f32>() / K as f32;
    let bias = linear.bias[k] - linear.bias.sum() / K as f32;
    let mut all = pushes(linear, row, label);
    all.sort_by(|a, b| b.1.total_cmp(&a.1));
    let contribution = |&(j, push): &(usize, f32)| Contribution {
        feature: names
            .get(j)
            .cloned()
            .unwrap_or_else(|| format!("column {j}")),
        value: raw(j, row.iter().find(|r| r.0 == j).map_or(0.0, |r| r.1)),
        push,
    };
    StageExplanation {
        stage: name,
        probs: softmax(z),
        margin: z[k] - mean_z,
        bias,
        toward: all
            .iter()
            .take(top)
            .filter(|c| c.1 > 0.0)
            .map(contribution)
            .collect(),
        against: all
            .iter()
            .rev()
            .take(top)
            .filter(|c| c.1 < 0.0)
            .map(contribution)
            .collect(),
    }
}

fn unscale(scaler: &Scaler, j: usize, x: f32) -> f32 {
    match (scaler.mean.get(j), scaler.std.get(j)) {
        (Some(m), Some(s)) => x * s + m,
        _ => x,
    }
}

impl Model {
    /// Explains line `i` (0-based) of a page given as its non-blank lines, showing the `top`
    /// strongest features each way in every stage, toward the label `policy` gives the line
    /// ([`Policy::label`]). `None` if `i` is out of range.
    pub fn explain(
        &self,
        lines: &[&str],
        i: usize,
        top: usize,
        policy: &Policy,
    ) -> Option<Explanation> {
        let text = lines.get(i)?;
        let data = self.data();
        let featurizer = &data.featurizer;
        let feats = featurizer.featurize(lines);
        let layout = PageLayout::new(lines);
        let adapter = self.adapter_for(lines);
        let adapted_page = adapter.map(|a| a.on(lines));
        let ruled = rule(text);
        let final_probs = match ruled {
            Some(r) => r.probs,
            None => *self
                .probabilities_of(&feats, &layout, usize::MAX, adapted_page.as_ref())
                .get(i)?,
        };
        // A page of a site the model was adapted to is judged by the site's weights.
        let adapted = adapter.map_or(String::new(), |a| format!(" (adapted to {})", a.site));
        let stage1 = adapter.map_or(&data.stage1, |a| &a.stage1);
        let label = policy.label(&final_probs, policy.keeps(&final_probs));

        let s1 = feats.stage1.get(i)?;
        let direct = featurizer.direct;
        let mut row: Vec<(usize, f32)> = s1
            .grams
            .iter()
            .map(|&g| (g as usize, s1.gram_value))
            .collect();
        row.extend(s1.dense.iter().enumerate().map(|(j, &x)| (direct + j, x)));
        let names = featurizer.column_names();
        let gram_value = s1.gram_value;
        // A site adapter's own n-grams add to stage 1's margin ("the rest").
        let mut stages = vec![stage(
            format!("stage 1{adapted}: the line and its neighbours"),
            stage1,
            self.stage1_logits(s1, i, adapted_page.as_ref()),
            &row,
            &names,
            |j, x| {
                if j < direct {
                    if gram_value > 0.0 {
                        1.0
                    } else {
                        0.0
                    }
                } else {
                    unscale(&featurizer.scaler, j - direct, x)
                }
            },
            label,
            top,
        )];

        let mut probs = self.stage1_probs(&feats, adapted_page.as_ref());
        for (n, cs) in data.context_stages.iter().enumerate() {
            let linear = adapter.map_or(&cs.linear, |a| &a.context[n]);
            let rows = cs.context.rows(&layout, &feats, &probs);
            let dense = rows.get(i)?;
            let row: Vec<(usize, f32)> = dense.iter().copied().enumerate().collect();
            stages.push(stage(
                format!("stage {}{adapted}: context", n + 2),
                linear,
                linear.logits(dense, 0),
                &row,
                &cs.context.column_names(),
                |j, x| unscale(&cs.context.scaler, j, x),
                label,
                top,
            ));
            probs = cs.probs(linear, &layout, &feats, &probs);
        }
        Some(Explanation {
            line: i + 1,
            text: text.to_string(),
            label,
            probs: final_probs,
            rule: ruled.map(|r| r.reason),
            stages,
        })
    }
}

impl Explanation {
    /// A plain-text account: label, probabilities, and per stage the strongest pushes.
    pub fn report(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(out, "line {}: {}", self.line, self.text);
        let probs: Vec<String> = Label::ALL
            .iter()
            .map(|l| format!("{l} {:.3}", self.probs[l.index()]))
            .collect();
        let _ = writeln!(out, "label {}  ({})", self.label, probs.join(", "));
        if let Some(rule) = self.rule {
            let _ = writeln!(out, "rule: {rule}; the stages below were overruled");
        }
        for s in &self.stages {
            let _ = writeln!(
                out,
                "\n{}: P({}) {:.3}, margin {:+.2} = bias {:+.2} + the features below and the rest",
                s.stage,
                self.label,
                s.probs[self.label.index()],
                s.margin,
                s.bias
            );
            for (title, list) in [("toward", &s.toward), ("away from", &s.against)] {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "  pushing {title} {}:", self.label);
                for c in list {
                    let _ = writeln!(
                        out,
                        "    {:+7.3}  {} = {}",
                        c.push,
                        c.feature,
                        short(c.value)
                    );
                }
            }
        }
        out
    }
}

fn short(v: f32) -> String {
    if v.fract() == 0.0 && v.abs() < 1e6 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: [&str; 5] = [
        "Home | News | Sport",
        "The council voted on Tuesday to build a footbridge across the river, ending a long debate.",
        "SLOT GACOR HARI INI GAMPANG MAXWIN, daftar situs judi online terpercaya",
        "Construction is due to start next spring, the council said.",
        "Share this article",
    ];

    #[test]
    fn pushes_add_up_to_the_margin_in_every_stage() {
        let model = Model::embedded().unwrap();
        for i in 0..PAGE.len() {
            let e = model
                .explain(&PAGE, i, usize::MAX, &model.default_policy())
                .unwrap();
            assert_eq!(
                e.probs,
                model.probabilities(&PAGE, &crate::Options::new())[i]
            );
            for s in &e.stages {
                let sum: f32 = s.toward.iter().chain(&s.against).map(|c| c.push).sum();
                assert!(
                    (s.bias + sum - s.margin).abs() < 1e-3 * (1.0 + s.margin.abs()),
                    "line {i}, {}: bias {} + pushes {sum} != margin {}",
                    s.stage,
                    s.bias,
                    s.margin
                );
            }
            let last = e.stages.last().unwrap();
            assert_eq!(
                last.probs, e.probs,
                "the last stage gives the final probabilities"
            );
        }
    }

    #[test]
    fn a_spam_line_is_explained_by_its_words() {
        let model = Model::embedded().unwrap();
        let e = model
            .explain(&PAGE, 2, 10, &model.default_policy())
            .unwrap();
        assert_eq!(e.label, Label::Gambling);
        let words: Vec<&str> = e.stages[0]
            .toward
            .iter()
            .map(|c| c.feature.as_str())
            .filter(|f| f.starts_with("n-gram") || f.contains("n-gram evidence for gambling"))
            .collect();
        assert!(!words.is_empty(), "{}", e.report());
        assert!(model
            .explain(&PAGE, 9, 5, &model.default_policy())
            .is_none());
    }
}
