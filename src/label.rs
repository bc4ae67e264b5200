//! The classes a line can belong to, and sets of them (what `--keep` keeps).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// The class of one line of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// The article: what a news corpus wants.
    News,
    /// Page furniture: navigation, bylines, share counts, teasers, footers.
    Furniture,
    /// Gambling spam (judi online, slot, togel, casino affiliate text).
    Gambling,
    /// Product listings, prices, market-report spam.
    Marketplace,
    /// Real prose that is not news (forums, documentation, shops' own text, comments).
    Other,
}

impl Label {
    /// Every label, in the order of a model's probability vector.
    pub const ALL: [Label; 5] = [
        Label::News,
        Label::Furniture,
        Label::Gambling,
        Label::Marketplace,
        Label::Other,
    ];
    /// How many labels there are.
    pub const COUNT: usize = 5;

    /// The label's name, as in the data and the outputs (`news`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::News => "news",
            Label::Furniture => "furniture",
            Label::Gambling => "gambling",
            Label::Marketplace => "marketplace",
            Label::Other => "other",
        }
    }

    /// Position of this label in [`Label::ALL`] and in probability vectors.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Noise: spam someone planted to sell something, or the page's furniture; a corpus must
    /// never keep it on a split vote (see [`Policy::keep_score`](crate::Policy::keep_score)).
    pub fn is_noise(self) -> bool {
        matches!(
            self,
            Label::Furniture | Label::Gambling | Label::Marketplace
        )
    }

    /// The most probable label of probabilities in [`Label::ALL`] order (of equals, the later).
    pub fn argmax(probs: &[f32; Label::COUNT]) -> Label {
        let best = (0..Label::COUNT)
            .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
            .unwrap_or(0);
        Label::ALL[best]
    }

    /// The label at `i` in [`Label::ALL`] order.
    pub fn from_index(i: usize) -> Option<Label> {
        Label::ALL.get(i).copied()
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = Error;

    fn from_str(s: &str) -> Result<Label, Error> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::new(ErrorKind::UnknownLabel(s.to_string())))
    }
}

/// A set of labels, e.g. the labels whose lines are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct LabelSet(u8);

impl LabelSet {
    /// No labels.
    pub fn empty() -> LabelSet {
        LabelSet(0)
    }

    /// One label.
    pub fn only(label: Label) -> LabelSet {
        LabelSet(1 << label.index())
    }

    /// Adds `label`.
    pub fn insert(&mut self, label: Label) {
        self.0 |= 1 << label.index();
    }

    /// Whether `label` is in the set.
    pub fn contains(self, label: Label) -> bool {
        self.0 & (1 << label.index()) != 0
    }

    /// Whether the set has no label.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The labels in the set, in [`Label::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Label> {
        Label::ALL.into_iter().filter(move |l| self.contains(*l))
    }
}

impl FromIterator<Label> for LabelSet {
    fn from_iter<I: IntoIterator<Item = Label>>(iter: I) -> LabelSet {
        let mut set = LabelSet::empty();
        for l in iter {
            set.insert(l);
        }
        set
    }
}

impl FromStr for LabelSet {
    type Err = Error;

    /// Parses a comma-separated list such as `news,other`.
    fn from_str(s: &str) -> Result<LabelSet, Error> {
        let set = s
            .split(',')
            .filter(|p| !p.trim().is_empty())
            .map(Label::from_str)
            .collect::<Result<LabelSet, Error>>()?;
        if set.is_empty() {
            return Err(Error::config(
                "the keep set is empty: name at least one label",
            ));
        }
        Ok(set)
    }
}

impl fmt::Display for LabelSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Label::as_str).collect();
        f.write_str(&names.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_names_and_indices() {
        for (i, l) in Label::ALL.into_iter().enumerate() {
            assert_eq!(l.index(), i);
            assert_eq!(Label::from_index(i), Some(l));
            assert_eq!(l.as_str().parse::<Label>().unwrap(), l);
        }
        assert!("spam".parse::<Label>().is_err());
    }

    #[test]
    fn label_set_parses_lists() {
        let set: LabelSet = "news, Other".parse().unwrap();
        assert!(set.contains(Label::News) && set.contains(Label::Other));
        assert!(!set.contains(Label::Furniture));
        assert_eq!(set.to_string(), "news,other");
        assert!(",".parse::<LabelSet>().is_err());
        assert!("news,ads".parse::<LabelSet>().is_err());
    }
}
