//! Recurring recommendations: how similar two recommendations of one country's successive
//! reports are, and which of a later report's items continue which of an earlier one's.
//!
//! Pure functions; `store` loads the texts, calls [`match_reports`] and keeps the links.
//!
//! Two measures, both from 0 to 1:
//! - **terms**: a weighted Dice coefficient over the sets of content words (lowercased, stopwords
//!   removed, Snowball-stemmed, so "identify", "identified" and "identification" meet). Each word
//!   weighs its inverse document frequency among the two reports' items, so a shared rare term
//!   ("restitution", "Article 113") counts more than "trafficking", which every item has;
//! - **wording**: normalised Levenshtein similarity of the whole texts (case and spacing
//!   evened out), which tells a repeated ask from a rewritten one.
//!
//! A pair is linked when its terms similarity reaches [`LINK_MIN`] or its wording reaches
//! [`REPEATED_MIN`]; it is `repeated` when its wording reaches [`REPEATED_MIN`], else `reworded`.
//! The thresholds were chosen on the corpus pairs Georgia 2009/2010, Tonga 2022/2023 and
//! Mongolia 2015/2020 (see the README's "Recurring recommendations").

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

/// Wording similarity from which two items are the same ask repeated.
pub const REPEATED_MIN: f64 = 0.9;

/// Terms similarity from which two items are the same ask in other words.
pub const LINK_MIN: f64 = 0.3;

/// Terms similarity below which the wording is not compared (taken as 0).
const WORDING_FLOOR: f64 = 0.15;

/// How a later recommendation continues an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// Near-identical wording.
    Repeated,
    /// The same ask in other words.
    Reworded,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Repeated => "repeated",
            LinkKind::Reworded => "reworded",
        }
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown link kind '{0}'")]
pub struct UnknownLinkKind(pub String);

impl FromStr for LinkKind {
    type Err = UnknownLinkKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "repeated" => Ok(LinkKind::Repeated),
            "reworded" => Ok(LinkKind::Reworded),
            other => Err(UnknownLinkKind(other.to_string())),
        }
    }
}

/// How alike two recommendations are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    /// Weighted Dice coefficient of the content-word stems.
    pub terms: f64,
    /// Normalised Levenshtein similarity of the texts.
    pub wording: f64,
}

impl Similarity {
    /// The score stored with a link: the stronger of the two measures.
    pub fn score(&self) -> f64 {
        // Summed weights may round a perfect match a hair above 1.
        self.terms.max(self.wording).clamp(0.0, 1.0)
    }

    /// The link these two items make, if they are alike enough.
    pub fn kind(&self) -> Option<LinkKind> {
        if self.wording >= REPEATED_MIN {
            Some(LinkKind::Repeated)
        } else if self.terms >= LINK_MIN {
            Some(LinkKind::Reworded)
        } else {
            None
        }
    }

    /// The kind of a link a user made, whatever the score: the wording still tells a repeat.
    pub fn user_kind(&self) -> LinkKind {
        self.kind().unwrap_or(LinkKind::Reworded)
    }
}

/// Words that say nothing about what is asked (also used by `suggest`).
pub(crate) const STOPWORDS: &[&str] = &[
    "a",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "both",
    "by",
    "for",
    "from",
    "had",
    "has",
    "have",
    "in",
    "into",
    "is",
    "it",
    "its",
    "may",
    "more",
    "of",
    "on",
    "or",
    "other",
    "otherwise",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "these",
    "they",
    "this",
    "those",
    "to",
    "under",
    "was",
    "were",
    "which",
    "who",
    "whom",
    "with",
    "within",
];

/// The content-word stems of a text.
fn terms(stemmer: &Stemmer, text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect()
}

/// Text as compared for wording: case and spacing do not make a different text.
fn comparable(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Compares every item of an earlier report with every item of a later one.
pub struct Comparison {
    earlier: Vec<(HashSet<String>, String)>,
    later: Vec<(HashSet<String>, String)>,
    weight: HashMap<String, f64>,
}

impl Comparison {
    /// Term weights come from both reports' items together, so the result does not depend on
    /// which report was imported first.
    pub fn new(earlier: &[&str], later: &[&str]) -> Comparison {
        let stemmer = Stemmer::create(Algorithm::English);
        let prepare = |texts: &[&str]| -> Vec<(HashSet<String>, String)> {
            texts
                .iter()
                .map(|t| (terms(&stemmer, t), comparable(t)))
                .collect()
        };
        let earlier = prepare(earlier);
        let later = prepare(later);
        let mut frequency: HashMap<String, usize> = HashMap::new();
        for (set, _) in earlier.iter().chain(&later) {
            for term in set {
                *frequency.entry(term.clone()).or_default() += 1;
            }
        }
        let documents = (earlier.len() + later.len()) as f64;
        let weight = frequency
            .into_iter()
            .map(|(term, df)| (term, (1.0 + documents / df as f64).ln()))
            .collect();
        Comparison {
            earlier,
            later,
            weight,
        }
    }

    /// How alike earlier item `e` and later item `l` are.
    pub fn similarity(&self, e: usize, l: usize) -> Similarity {
        let (a, a_text) = &self.earlier[e];
        let (b, b_text) = &self.later[l];
        // Folded from +0.0: `sum()` of no floats is -0.0, which would print as "-0.00".
        let weigh = |terms: &mut dyn Iterator<Item = &String>| -> f64 {
            terms
                .map(|t| self.weight.get(t).copied().unwrap_or(0.0))
                .fold(0.0, |sum, w| sum + w)
        };
        let shared = weigh(&mut a.intersection(b));
        let total = weigh(&mut a.iter()) + weigh(&mut b.iter());
        let terms = if total > 0.0 {
            2.0 * shared / total
        } else {
            0.0
        };
        // Near-identical wording shares most terms: the quadratic edit distance is only worth
        // computing for pairs that already share some (an import compares every item pair of
        // two reports).
        let wording = if terms >= WORDING_FLOOR {
            strsim::normalized_levenshtein(a_text, b_text)
        } else {
            0.0
        };
        Similarity { terms, wording }
    }
}

/// A link found between two reports: indexes into the earlier and later texts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub earlier: usize,
    pub later: usize,
    pub kind: LinkKind,
    pub score: f64,
}

/// Links each later item to at most one earlier item and back, best pairs first (ties go to
/// the earlier positions, so the result is deterministic). `allowed(e, l)` leaves out pairs a
/// user rejected and items a user already linked.
pub fn match_reports(
    earlier: &[&str],
    later: &[&str],
    allowed: impl Fn(usize, usize) -> bool,
) -> Vec<Match> {
    let comparison = Comparison::new(earlier, later);
    let mut candidates = Vec::new();
    for e in 0..earlier.len() {
        for l in 0..later.len() {
            if !allowed(e, l) {
                continue;
            }
            let similarity = comparison.similarity(e, l);
            if let Some(kind) = similarity.kind() {
                candidates.push(Match {
                    earlier: e,
                    later: l,
                    kind,
                    score: similarity.score(),
                });
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.later.cmp(&b.later))
            .then(a.earlier.cmp(&b.earlier))
    });
    let mut earlier_taken = vec![false; earlier.len()];
    let mut later_taken = vec![false; later.len()];
    let mut matches = Vec::new();
    for candidate in candidates {
        if earlier_taken[candidate.earlier] || later_taken[candidate.later] {
            continue;
        }
        earlier_taken[candidate.earlier] = true;
        later_taken[candidate.later] = true;
        matches.push(candidate);
    }
    matches.sort_by_key(|m| m.later);
    matches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_meet_and_stopwords_do_not_count() {
        let c = Comparison::new(
            &["increase the number of victims identified and assisted"],
            &["Increase identification of victims, and assistance to them"],
        );
        // "identified"/"identification" and "assisted"/"assistance" share their stems.
        assert!(
            c.similarity(0, 0).terms >= LINK_MIN,
            "{:?}",
            c.similarity(0, 0)
        );
    }

    #[test]
    fn identical_items_repeat_and_unrelated_ones_do_not_link() {
        let earlier = ["Develop and conduct anti-trafficking information and education campaigns"];
        let later = [
            "Accede to the 2000 UN TIP Protocol",
            "Develop and conduct anti-trafficking information and education campaigns",
        ];
        let found = match_reports(&earlier, &later, |_, _| true);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].earlier, found[0].later), (0, 1));
        assert_eq!(found[0].kind, LinkKind::Repeated);
    }

    #[test]
    fn a_rejected_pair_is_not_linked() {
        let texts = ["Amend the law"];
        assert!(match_reports(&texts, &texts, |_, _| false).is_empty());
    }
}
