//! Verdicts on lines and the policy that turns probabilities into keep/drop.

use crate::error::{Error, Result};
use crate::label::{Label, LabelSet};

/// Which labels are kept, and how sure the model must be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    keep: LabelSet,
    threshold: f32,
}

impl Default for Policy {
    /// Keep news when P(news) >= 0.5.
    fn default() -> Policy {
        Policy::news(0.5)
    }
}

impl Policy {
    /// Keep news when P(news) >= `threshold` (a model's default policy; see
    /// [`Model::default_policy`](crate::Model::default_policy)). Out-of-range thresholds are clamped.
    pub fn news(threshold: f32) -> Policy {
        Policy {
            keep: LabelSet::only(Label::News),
            threshold: if threshold.is_finite() {
                threshold.clamp(f32::EPSILON, 1.0)
            } else {
                0.5
            },
        }
    }

    /// A line is kept when the summed probability of the `keep` labels reaches `threshold`.
    pub fn new(keep: LabelSet, threshold: f32) -> Result<Policy> {
        if keep.is_empty() {
            return Err(Error::config(
                "the keep set is empty: name at least one label",
            ));
        }
        if !(threshold > 0.0 && threshold <= 1.0) {
            return Err(Error::config(format!(
                "threshold {threshold} is out of range: it must be in (0, 1]"
            )));
        }
        Ok(Policy { keep, threshold })
    }

    /// The labels whose lines are kept.
    pub fn keep(&self) -> LabelSet {
        self.keep
    }

    /// The probability the kept labels must reach together.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// What the threshold is compared with: the summed probability of the kept labels, or 0
    /// when the line's most probable label is noise (furniture, gambling, marketplace) that is
    /// not kept. A low news threshold buys recall on short lines; it must not also let
    /// through a casino ad that the model calls gambling, or a byline it calls
    /// furniture, because they get P(news) 0.2.
    pub fn keep_score(&self, probs: &[f32; Label::COUNT]) -> f32 {
        let best = Label::argmax(probs);
        if best.is_noise() && !self.keep.contains(best) {
            return 0.0;
        }
        self.keep.iter().map(|l| probs[l.index()]).sum()
    }

    /// Whether a line with these probabilities is kept.
    pub fn keeps(&self, probs: &[f32; Label::COUNT]) -> bool {
        self.keep_score(probs) >= self.threshold
    }

    /// The label a line is given under this policy: a kept line the most probable of the kept
    /// labels, a dropped line the most probable of the others. The probabilities come from
    /// stages trained on samples balanced by label, and the threshold is where the model's
    /// training put the line between news and the rest; a label taken from the probabilities
    /// alone would call "other" a line kept as news at P(news) 0.3.
    pub fn label(&self, probs: &[f32; Label::COUNT], kept: bool) -> Label {
        let within = |l: Label| self.keep.contains(l) == kept;
        Label::ALL
            .into_iter()
            .filter(|&l| within(l))
            .max_by(|a, b| probs[a.index()].total_cmp(&probs[b.index()]))
            .unwrap_or_else(|| Label::argmax(probs))
    }
}

/// The model's decision on one line of a page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    /// 1-based line number in the page, blank lines counted.
    pub line: usize,
    /// The label the policy gives the line ([`Policy::label`]): a kept line's most probable
    /// kept label, a dropped line's most probable other label.
    pub label: Label,
    /// Probabilities in [`Label::ALL`] order.
    pub probs: [f32; Label::COUNT],
    /// Whether the policy keeps the line.
    pub kept: bool,
}

impl Verdict {
    /// The verdict on line `line` (1-based) with these probabilities under `policy`.
    pub fn new(line: usize, probs: [f32; Label::COUNT], policy: &Policy) -> Verdict {
        let kept = policy.keeps(&probs);
        Verdict {
            line,
            label: policy.label(&probs, kept),
            probs,
            kept,
        }
    }

    /// The probability of `label`.
    pub fn prob(&self, label: Label) -> f32 {
        self.probs[label.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_sums_the_kept_labels() {
        let probs = [0.4, 0.2, 0.0, 0.0, 0.4];
        assert!(!Policy::default().keeps(&probs));
        let both = Policy::new("news,other".parse().unwrap(), 0.7).unwrap();
        assert!(both.keeps(&probs));
        let strict = Policy::new(LabelSet::only(Label::News), 0.3).unwrap();
        assert!(strict.keeps(&probs));
    }

    #[test]
    fn noise_is_not_kept_on_a_split_vote_unless_asked_for() {
        // P(news) clears the threshold, but the line is most likely gambling.
        let probs = [0.3, 0.1, 0.5, 0.05, 0.05];
        let news = Policy::news(0.25);
        assert_eq!(news.keep_score(&probs), 0.0);
        assert!(!news.keeps(&probs));
        let with_gambling = Policy::new("news,gambling".parse().unwrap(), 0.25).unwrap();
        assert!(with_gambling.keeps(&probs));
        // Nor is a byline the model calls furniture, unless furniture is kept.
        let byline = [0.3, 0.5, 0.0, 0.1, 0.1];
        assert!(!news.keeps(&byline));
        let with_furniture = Policy::new("news,furniture".parse().unwrap(), 0.25).unwrap();
        assert!(with_furniture.keeps(&byline));
        // Other prose is not noise: a news line the model leans to call other is kept.
        let prose = [0.3, 0.1, 0.0, 0.1, 0.5];
        assert!(news.keeps(&prose));
    }

    #[test]
    fn policy_rejects_bad_settings() {
        assert!(Policy::new(LabelSet::empty(), 0.5).is_err());
        assert!(Policy::new(LabelSet::only(Label::News), 0.0).is_err());
        assert!(Policy::new(LabelSet::only(Label::News), 1.5).is_err());
        assert!(Policy::new(LabelSet::only(Label::News), f32::NAN).is_err());
    }

    #[test]
    fn verdict_label_is_the_most_probable_on_its_side_of_the_policy() {
        let v = Verdict::new(3, [0.1, 0.2, 0.6, 0.05, 0.05], &Policy::default());
        assert_eq!((v.line, v.label, v.kept), (3, Label::Gambling, false));
        // Kept as news at P(news) 0.3 although "other" is more probable: labelled news.
        let news = Policy::news(0.25);
        let prose = [0.3, 0.1, 0.0, 0.1, 0.5];
        assert_eq!(Verdict::new(1, prose, &news).label, Label::News);
        // Dropped below the threshold although news is the most probable: labelled by the rest.
        let unsure = [0.4, 0.35, 0.0, 0.0, 0.25];
        let strict = Policy::news(0.5);
        let v = Verdict::new(1, unsure, &strict);
        assert_eq!((v.kept, v.label), (false, Label::Furniture));
        // With several labels kept, a kept line gets the most probable of them.
        let both = Policy::new("news,other".parse().unwrap(), 0.5).unwrap();
        assert_eq!(Verdict::new(1, prose, &both).label, Label::Other);
    }
}
