//! Recurring recommendations: how similar two recommendations of one country's successive
//! reports are, and which of a later report's items continue which of an earlier one's.
//!
//! Pure functions; `store` loads the texts, calls [`match_reports`] and keeps the links.
//!
//! Two measures, both from 0 to 1:
//! - **terms**: a weighted Dice coefficient over the sets of content words (lowercased, stopwords
//!   removed, Snowball-stemmed by `crate::text`, so "identify", "identified" and "identification"
//!   meet). Each word weighs its inverse document frequency among the two reports' items, so a
//!   shared rare term ("restitution", "Article 113") counts more than "trafficking", which every
//!   item has;
//! - **wording**: normalised Levenshtein similarity of the whole texts (case and spacing
//!   evened out), which tells a repeated ask from a rewritten one.
//!
//! A pair is linked when its terms similarity reaches [`LINK_MIN`] or its wording reaches
//! [`REPEATED_MIN`]; it is `repeated` when its wording reaches [`REPEATED_MIN`], else `reworded`.
//! The thresholds were chosen on the corpus pairs Georgia 2009/2010, Tonga 2022/2023 and
//! Mongolia 2015/2020 (see the README's "Recurring recommendations").

pub mod lineage;
pub mod walk;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use crate::parse::recommendations::{RUN_TOGETHER, asks_in, is_imperative_start, looks_cut};
use crate::text::Stemmer;
use serde::Serialize;

/// Wording similarity from which two items are the same ask repeated.
pub const REPEATED_MIN: f64 = 0.9;

/// Terms similarity from which two items are the same ask in other words.
pub const LINK_MIN: f64 = 0.3;

/// The least terms similarity at which an item of the nearest earlier report that the matching
/// left without a successor still joins a later item that continues another (a merge: "identify foreign
/// victims" and "assist foreign victims" asked again as one). Stricter than [`LINK_MIN`]: the
/// later item already has its closest predecessor.
pub const MERGE_MIN: f64 = 0.4;

/// A later item continuing an earlier one with at least this score merges no other: it is that
/// ask again, with no room for a second.
pub const MERGE_ROOM: f64 = 0.8;

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
    /// Normalised Levenshtein similarity of the texts; 0 where it cannot change the link's kind
    /// or score (terms below a floor, or lengths too far apart). 1 when the earlier text is a
    /// cut-off start of the later one ([`Comparison::continues`]): all of it is there, word for
    /// word.
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

/// Text as compared for wording: case and spacing do not make a different text.
fn comparable(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Words the reports use for one another's asks: an item holding the phrase is compared as if it
/// also held the words ("law enforcement means" is investigating and prosecuting; statistics are
/// data).
pub(crate) const THESAURUS: &[(&str, &[&str])] = &[
    ("law enforcement", &["investigate", "prosecute"]),
    ("statistic", &["data"]),
    ("data", &["statistics"]),
];

/// The reports' acronyms and what they stand for: one year asks for "standard operating
/// procedures", the next to "adopt the draft SOPs". A text holding either form is read as holding
/// both (also when suggesting evidence).
pub(crate) const ACRONYMS: &[(&str, &str)] = &[
    ("sop", "standard operating procedures"),
    ("nrm", "national referral mechanism"),
    ("nap", "national action plan"),
];

/// The words a lowercase text is read as also holding through [`ACRONYMS`]: the words of the
/// phrase when it writes the acronym (alone or plural, as a word: "kidnapping" holds no "nap"),
/// the acronym when it writes the phrase (or its singular).
pub(crate) fn acronym_words(lower: &str) -> Vec<&'static str> {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (acronym, phrase) in ACRONYMS {
        let written = words
            .iter()
            .any(|w| w == acronym || w.strip_suffix('s') == Some(acronym));
        if written {
            out.extend(phrase.split(' '));
        } else if lower.contains(phrase.trim_end_matches('s')) {
            out.push(*acronym);
        }
    }
    out
}

/// An item as compared: its content-word stems (as numbers its [`Preparer`] gave them, sorted)
/// and its comparable text.
pub struct Prepared {
    terms: Vec<u32>,
    /// Whether the item holds so many more content words than one ask does that it must be
    /// several read as one ([`OVERSIZED_TERMS`]).
    oversized: bool,
    text: String,
    /// The comparable text's length in characters.
    chars: usize,
}

/// Prepares items for comparison, stemming each distinct word once however many reports the
/// items come from. Items are compared only with items of the same preparer.
pub struct Preparer {
    stemmer: Stemmer,
    /// Each word seen, to its stem's number (None for a stopword).
    words: HashMap<String, Option<u32>>,
    /// Each stem, to its number.
    stems: HashMap<String, u32>,
}

impl Default for Preparer {
    fn default() -> Self {
        Preparer {
            stemmer: Stemmer::snowball_only(),
            words: HashMap::new(),
            stems: HashMap::new(),
        }
    }
}

impl Preparer {
    /// A report's items, prepared.
    pub fn prepare(&mut self, texts: &[&str]) -> Vec<Prepared> {
        let mut items: Vec<Prepared> = texts.iter().map(|t| self.item(t)).collect();
        let mut sizes: Vec<usize> = items.iter().map(|i| i.terms.len()).collect();
        sizes.sort_unstable();
        // The lower median: of two items, the smaller.
        let median = sizes
            .get(sizes.len().saturating_sub(1) / 2)
            .copied()
            .unwrap_or(0);
        for (item, text) in items.iter_mut().zip(texts) {
            let size = item.terms.len();
            item.oversized = asks_in(text) >= RUN_TOGETHER
                || (size >= OVERSIZED_TERMS
                    && (items_alone(texts) || size >= OVERSIZED_RATIO * median));
            // An oversized item that holds one ask, its last sentence, is the text before a
            // list run into its first item (a copy that lost the line between the introduction
            // and the list): it is compared as that ask.
            if item.oversized
                && let Some(ask) = last_ask(text)
            {
                let own = self.item(ask);
                if own.terms.len() < OVERSIZED_TERMS {
                    *item = own;
                }
            }
        }
        items
    }

    fn item(&mut self, text: &str) -> Prepared {
        let mut terms = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            let term = match self.words.get(word) {
                Some(term) => *term,
                None => {
                    let lower = word.to_lowercase();
                    let term = (!STOPWORDS.contains(&lower.as_str())).then(|| {
                        let stem = self.stemmer.stem(&lower).into_owned();
                        let next = self.stems.len() as u32;
                        *self.stems.entry(stem).or_insert(next)
                    });
                    self.words.insert(word.to_string(), term);
                    term
                }
            };
            terms.extend(term);
        }
        // The report's own equivalents: an ask worded one way one year is worded the other way
        // the next.
        let lower = text.to_lowercase();
        let same = THESAURUS
            .iter()
            .filter(|(phrase, _)| lower.contains(phrase))
            .flat_map(|(_, same)| same.iter().copied())
            .chain(acronym_words(&lower));
        for word in same {
            let stem = self.stemmer.stem(word).into_owned();
            let next = self.stems.len() as u32;
            terms.push(*self.stems.entry(stem).or_insert(next));
        }
        terms.sort_unstable();
        terms.dedup();
        let text = comparable(text);
        Prepared {
            terms,
            oversized: false,
            chars: text.chars().count(),
            text,
        }
    }
}

/// An item with at least this many distinct content words, and [`OVERSIZED_RATIO`] times as
/// many as its report's median item (or the report's only item), is several asks read as one (a
/// list whose separators a copy lost), as is one of [`RUN_TOGETHER`] clauses: it takes part in
/// no automatic link, which it would win on the number of words it shares and take from the
/// right item. The longest single asks in the corpus and the quality sets hold under 30.
pub const OVERSIZED_TERMS: usize = 40;
pub const OVERSIZED_RATIO: usize = 3;

/// The last sentence of an item when it is the item's one ask (it opens as a recommendation does,
/// and no other clause of the item does): see [`Preparer::prepare`].
fn last_ask(text: &str) -> Option<&str> {
    if asks_in(text) != 1 {
        return None;
    }
    let options = &crate::text::sentences::Options::ITEMS;
    let last = crate::text::sentences::split(text, options).pop()?;
    let sentence = text[last].trim();
    (sentence.len() < text.trim().len() && is_imperative_start(sentence)).then_some(sentence)
}

/// Whether a report's items are one item alone (there is no median to compare it with).
fn items_alone(texts: &[&str]) -> bool {
    texts.len() == 1
}

impl Prepared {
    /// See [`OVERSIZED_TERMS`].
    pub fn is_oversized(&self) -> bool {
        self.oversized
    }
}

/// Prepares a report's items for comparison.
pub fn prepare(texts: &[&str]) -> Vec<Prepared> {
    Preparer::default().prepare(texts)
}

/// Compares every item of an earlier report with every item of a later one.
pub struct Comparison<'a> {
    earlier: &'a [Prepared],
    later: &'a [Prepared],
    /// Each stem's weight, by its number.
    weight: Vec<f64>,
    /// Each item's summed term weights, earlier then later items.
    earlier_total: Vec<f64>,
    later_total: Vec<f64>,
    /// For each earlier item, the one later item whose text starts with all of it, if there is
    /// exactly one ([`Comparison::continues`]).
    continued: Vec<Option<usize>>,
}

/// The fewest words of an earlier text that a later one must start with to continue it: "Train
/// or fund trainin" continues "Train or fund training for police ...", a lone "Amend" nothing.
pub const CONTINUED_WORDS: usize = 2;

/// The later item that starts with all of `earlier`'s text (its closing punctuation aside) and
/// is longer, when the earlier text was cut off, exactly one later item does and the text has
/// [`CONTINUED_WORDS`] or more.
fn continued_by(earlier: &Prepared, later: &[Prepared]) -> Option<usize> {
    let start = earlier.text.trim_end_matches([',', ';', ':', '.', ' ']);
    if start.split_whitespace().count() < CONTINUED_WORDS {
        return None;
    }
    // Cut, not complete: it ends on a comma or a word no ask ends on, or the later text goes on
    // inside its last word ("shel" + "ter"). A whole ask asked again with more ("... and ensure
    // that they receive assistance") is compared as any other pair, and may merge another ask.
    let cut = earlier.text.ends_with(',') || looks_cut(start);
    let mut found = later
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.text.len() > start.len()
                && l.text.starts_with(start)
                && (cut || l.text[start.len()..].starts_with(char::is_alphanumeric))
        })
        .map(|(i, _)| i);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// A sum of weights that does not depend on their order (nor so on how the stems were
/// numbered): smallest first.
fn sum(mut weights: Vec<f64>) -> f64 {
    weights.sort_by(f64::total_cmp);
    // Folded from +0.0: `sum()` of no floats is -0.0, which would print as "-0.00".
    weights.into_iter().fold(0.0, |sum, w| sum + w)
}

impl<'a> Comparison<'a> {
    /// Term weights come from both reports' items together, so the result does not depend on
    /// which report was imported first.
    pub fn new(earlier: &'a [Prepared], later: &'a [Prepared]) -> Comparison<'a> {
        let items = || earlier.iter().chain(later);
        let size = items()
            .filter_map(|item| item.terms.last())
            .max()
            .map_or(0, |&t| t as usize + 1);
        let mut frequency = vec![0usize; size];
        for item in items() {
            for &term in &item.terms {
                frequency[term as usize] += 1;
            }
        }
        let documents = (earlier.len() + later.len()) as f64;
        let weight: Vec<f64> = frequency
            .into_iter()
            .map(|df| {
                if df == 0 {
                    0.0
                } else {
                    (1.0 + documents / df as f64).ln()
                }
            })
            .collect();
        let totals = |items: &[Prepared]| -> Vec<f64> {
            items
                .iter()
                .map(|item| sum(item.terms.iter().map(|&t| weight[t as usize]).collect()))
                .collect()
        };
        Comparison {
            earlier,
            later,
            earlier_total: totals(earlier),
            later_total: totals(later),
            weight,
            continued: earlier.iter().map(|e| continued_by(e, later)).collect(),
        }
    }

    /// Whether later item `l` starts with all of earlier item `e`'s text, and is the only later
    /// item that does: `e` is the start of that ask, cut off (a corpus excerpt ends in it, "Increase
    /// e"), or that ask's start asked again with more. Its wording counts as 1 (repeated), however
    /// few of the later item's words the cut text holds.
    pub fn continues(&self, e: usize, l: usize) -> bool {
        self.continued[e] == Some(l)
    }

    /// The terms similarity of earlier item `e` and later item `l`.
    fn terms(&self, e: usize, l: usize) -> f64 {
        let (a, b) = (&self.earlier[e].terms, &self.later[l].terms);
        let total = self.earlier_total[e] + self.later_total[l];
        if total <= 0.0 {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, Vec::new());
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared.push(self.weight[a[i] as usize]);
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * sum(shared) / total
    }

    /// The most the wording of `e` and `l` can be, when it is worth computing: None when it
    /// cannot change the pair's kind or score, and is taken as 0. Near-identical wording shares
    /// most terms, so the quadratic edit distance is only computed for pairs whose terms
    /// similarity reaches [`WORDING_FLOOR`]; nor when the texts' lengths differ so much (the
    /// edit distance is at least the difference) that the wording stays below
    /// [`REPEATED_MIN`] (no repeat) and cannot raise the score above the terms similarity or
    /// link a pair whose terms do not.
    fn wording_bound(&self, e: usize, l: usize, terms: f64) -> Option<f64> {
        if self.continues(e, l) {
            return Some(1.0);
        }
        let (a, b) = (self.earlier[e].chars, self.later[l].chars);
        let bound = 1.0 - a.abs_diff(b) as f64 / a.max(b).max(1) as f64;
        let matters = bound >= REPEATED_MIN || (terms >= LINK_MIN && bound > terms);
        (terms >= WORDING_FLOOR && matters).then_some(bound)
    }

    fn wording(&self, e: usize, l: usize) -> f64 {
        if self.continues(e, l) {
            return 1.0;
        }
        // Bit-parallel (Hyyrö): the same distance as the textbook one, tens of times faster on
        // texts of a recommendation's length; normalised by the longer text's characters.
        rapidfuzz::distance::levenshtein::normalized_similarity(
            self.earlier[e].text.chars(),
            self.later[l].text.chars(),
        )
    }

    /// How alike earlier item `e` and later item `l` are.
    pub fn similarity(&self, e: usize, l: usize) -> Similarity {
        let terms = self.terms(e, l);
        let wording = match self.wording_bound(e, l, terms) {
            Some(_) => self.wording(e, l),
            None => 0.0,
        };
        Similarity { terms, wording }
    }
}

/// Two texts compared on their own (a user's link): term weights from the two alone.
pub fn compare(earlier: &str, later: &str) -> Similarity {
    let mut preparer = Preparer::default();
    let (earlier, later) = (preparer.prepare(&[earlier]), preparer.prepare(&[later]));
    Comparison::new(&earlier, &later).similarity(0, 0)
}

/// A link found: indexes into the earlier reports (nearest first), that report's items and the
/// later report's items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub report: usize,
    pub earlier: usize,
    pub later: usize,
    pub kind: LinkKind,
    pub score: f64,
}

/// A pair waiting in [`match_reports`]: its score, or while its wording is not computed yet,
/// the most its score can be.
struct Candidate {
    score: f64,
    report: usize,
    later: usize,
    earlier: usize,
    /// The pair's similarity once known in full.
    known: Option<Similarity>,
}

impl Candidate {
    /// Best first: higher score, then the nearer report, then the earlier positions.
    fn key(&self) -> (f64, std::cmp::Reverse<(usize, usize, usize)>) {
        (
            self.score,
            std::cmp::Reverse((self.report, self.later, self.earlier)),
        )
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a, b) = (self.key(), other.key());
        a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
    }
}

/// Links each later item to at most one item of the earlier reports (`earlier`, nearest year
/// first), and each earlier item to at most one later item: best-scored pairs first, whatever
/// the year; on equal scores the nearer report, then the earlier positions (so the result is
/// deterministic). Each earlier report is compared with the later one on term weights from the
/// two; all items must come from one [`Preparer`]. `allowed(r, e, l)` leaves out items that
/// already have a successor, pairs a user rejected and items a user already linked. With
/// `merges`, a later item may also continue a second earlier item, of any of the reports (see
/// [`MERGE_MIN`]).
///
/// The edit distance is computed only for the pairs that come up: a pair waits with the most
/// its score can be, and is scored in full when it comes first while both its items are free.
pub fn match_reports(
    earlier: &[&[Prepared]],
    later: &[Prepared],
    merges: bool,
    allowed: impl Fn(usize, usize, usize) -> bool,
) -> Vec<Match> {
    let comparisons: Vec<Comparison> = earlier
        .iter()
        .map(|items| Comparison::new(items, later))
        .collect();
    let mut heap = std::collections::BinaryHeap::new();
    for (report, comparison) in comparisons.iter().enumerate() {
        for (e, earlier_item) in earlier[report].iter().enumerate() {
            for (l, later_item) in later.iter().enumerate() {
                if !allowed(report, e, l) || earlier_item.oversized || later_item.oversized {
                    continue;
                }
                let terms = comparison.terms(e, l);
                let (score, known) = match comparison.wording_bound(e, l, terms) {
                    Some(bound) => (terms.max(bound).clamp(0.0, 1.0), None),
                    None => {
                        let similarity = Similarity {
                            terms,
                            wording: 0.0,
                        };
                        if similarity.kind().is_none() {
                            continue;
                        }
                        (similarity.score(), Some(similarity))
                    }
                };
                heap.push(Candidate {
                    score,
                    report,
                    later: l,
                    earlier: e,
                    known,
                });
            }
        }
    }
    let mut earlier_taken: HashSet<(usize, usize)> = HashSet::new();
    let mut later_taken = vec![false; later.len()];
    let mut matches = Vec::new();
    while let Some(candidate) = heap.pop() {
        let (report, e, l) = (candidate.report, candidate.earlier, candidate.later);
        if later_taken[l] || earlier_taken.contains(&(report, e)) {
            continue;
        }
        let Some(similarity) = candidate.known else {
            let comparison = &comparisons[report];
            let similarity = Similarity {
                terms: comparison.terms(e, l),
                wording: comparison.wording(e, l),
            };
            if similarity.kind().is_some() {
                heap.push(Candidate {
                    score: similarity.score(),
                    known: Some(similarity),
                    ..candidate
                });
            }
            continue;
        };
        let Some(kind) = similarity.kind() else {
            continue;
        };
        earlier_taken.insert((report, e));
        later_taken[l] = true;
        matches.push(Match {
            report,
            earlier: e,
            later: l,
            kind,
            score: similarity.score(),
        });
    }
    // Merges: a later item that continues an earlier item may also continue one more, of any
    // earlier report, still without a successor: the one most like it, if the pair scores at
    // least MERGE_MIN (two asks made one; three into one is not told apart from a broad new
    // ask). An ask dropped for some years and then merged into another counts as much as one
    // of the report right before.
    if merges {
        // An item that already says one earlier ask nearly word for word has no second in it.
        let continuing: Vec<usize> = matches
            .iter()
            .filter(|m| m.score < MERGE_ROOM)
            .map(|m| m.later)
            .collect();
        for l in continuing {
            // On the content words: two texts of a length are often 40% alike letter by letter.
            // The edit distance is computed only for the few pairs that qualify. On equal
            // scores, the nearer report, then the earlier position.
            let best = comparisons
                .iter()
                .enumerate()
                .flat_map(|(r, comparison)| {
                    (0..earlier[r].len())
                        .filter(move |&e| comparison.terms(e, l) >= MERGE_MIN)
                        .map(move |e| (r, e))
                })
                .filter(|&(r, e)| {
                    !earlier_taken.contains(&(r, e)) && !earlier[r][e].oversized && allowed(r, e, l)
                })
                .map(|(r, e)| (r, e, comparisons[r].similarity(e, l)))
                .max_by(|a, b| {
                    a.2.score()
                        .total_cmp(&b.2.score())
                        .then((b.0, b.1).cmp(&(a.0, a.1)))
                });
            if let Some((r, e, similarity)) = best {
                earlier_taken.insert((r, e));
                matches.push(Match {
                    report: r,
                    earlier: e,
                    later: l,
                    kind: similarity.kind().unwrap_or(LinkKind::Reworded),
                    score: similarity.score(),
                });
            }
        }
    }
    matches.sort_by_key(|m| (m.later, m.report, m.earlier));
    matches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_meet_and_stopwords_do_not_count() {
        let similarity = compare(
            "increase the number of victims identified and assisted",
            "Increase identification of victims, and assistance to them",
        );
        // "identified"/"identification" and "assisted"/"assistance" share their stems.
        assert!(similarity.terms >= LINK_MIN, "{similarity:?}");
    }

    #[test]
    fn statistics_are_data_to_the_comparison() {
        // Georgia 2005's ask and Georgia 2011's (tests/fixtures/quality), one ask in two wordings.
        let earlier = "In addition, the government should ensure that up-to-date, comprehensive law \
                       enforcement statistics are collected and disseminated, perhaps via the \
                       interagency commission on trafficking";
        let later = "improve the collection of data on trafficking investigations and prosecutions";
        let similarity = compare(earlier, later);
        assert!(similarity.kind().is_some(), "{similarity:?}");
        // Worded without either word, the two share less.
        let without = compare(
            &earlier.replace("statistics", "reports"),
            &later.replace("data", "records"),
        );
        assert!(without.terms < similarity.terms, "{without:?}");
    }

    #[test]
    fn identical_items_repeat_and_unrelated_ones_do_not_link() {
        let earlier = ["Develop and conduct anti-trafficking information and education campaigns"];
        let later = [
            "Accede to the 2000 UN TIP Protocol",
            "Develop and conduct anti-trafficking information and education campaigns",
        ];
        let (earlier, later) = (prepare(&earlier), prepare(&later));
        let found = match_reports(&[&earlier], &later, true, |_, _, _| true);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].report, found[0].earlier, found[0].later),
            (0, 0, 1)
        );
        assert_eq!(found[0].kind, LinkKind::Repeated);
    }

    #[test]
    fn two_asks_made_one_are_both_continued_and_a_repeat_merges_nothing() {
        // Kazakhstan 2011 and the 2012 test narrative: 2012's first ask joins 2011's first two.
        let mut preparer = Preparer::default();
        let earlier = preparer.prepare(&[
            "Increase efforts to identify foreign victims of both forced prostitution and forced \
             labor, including through expanded training of police officers and government \
             officials in victim identification and assistance",
            "work to ensure that foreign victims of trafficking receive assistance",
            "increase efforts to identify labor trafficking victims, including by ensuring that \
             authorities screen for potential victims of forced labor among those detained during \
             immigration raids and refer those identified as victims for assistance",
            "investigate and prosecute government officials suspected of being complicit in \
             trafficking and convict and punish any complicit officials",
            "continue efforts to prevent the use of forced labor during the cotton and tobacco \
             harvests",
            "continue to increase the number of victims who receive government-funded assistance \
             by increasing funding to anti-trafficking NGOs",
            "conduct trafficking awareness campaigns aimed at reducing the demand for both labor \
             trafficking and commercial sexual exploitation",
            "continue to strengthen the capacity of police, prosecutors and judges to investigate, \
             prosecute, and adjudicate trafficking cases",
        ]);
        let later = preparer.prepare(&[
            "Increase efforts to identify foreign victims of forced labor and ensure that foreign \
             victims of trafficking receive assistance",
            "investigate and prosecute government officials complicit in trafficking",
            "increase funding to anti-trafficking NGOs",
        ]);
        let found = match_reports(&[&earlier], &later, true, |_, _, _| true);
        let pairs: Vec<(usize, usize)> = found.iter().map(|m| (m.earlier, m.later)).collect();
        assert_eq!(pairs, [(0, 0), (1, 0), (3, 1), (5, 2)]);

        // An ask said again word for word has no second ask in it.
        let mut preparer = Preparer::default();
        let earlier = preparer.prepare(&[
            "Develop and fully implement procedures for proactive identification of trafficking \
             victims among vulnerable groups",
            "Utilize the Asian liaison position to facilitate proactive identification of foreign \
             victims and their referral to care",
        ]);
        let later = preparer.prepare(&[
            "Fully implement procedures for proactive identification of trafficking victims among \
             vulnerable groups",
        ]);
        let found = match_reports(&[&earlier], &later, true, |_, _, _| true);
        let pairs: Vec<(usize, usize)> = found.iter().map(|m| (m.earlier, m.later)).collect();
        assert_eq!(pairs, [(0, 0)]);
    }

    #[test]
    fn a_merge_may_take_an_ask_of_any_earlier_report() {
        // 2016 asked to identify foreign victims; 2011's assistance ask was not made in 2016.
        // 2023 asks both at once: it continues 2016's and takes up 2011's again.
        let mut preparer = Preparer::default();
        let nearest = preparer.prepare(&[
            "Increase efforts to identify foreign victims of forced labor",
            "Amend the criminal code to prohibit suspended sentences for convicted traffickers",
        ]);
        let older = preparer.prepare(&[
            "work to ensure that foreign victims of trafficking receive assistance",
            "conduct awareness campaigns aimed at reducing the demand for commercial sex",
        ]);
        let later = preparer.prepare(&[
            "Increase efforts to identify foreign victims of forced labor and ensure that foreign \
             victims receive assistance",
        ]);
        let found = match_reports(&[&nearest, &older], &later, true, |_, _, _| true);
        let pairs: Vec<(usize, usize, usize)> = found
            .iter()
            .map(|m| (m.report, m.earlier, m.later))
            .collect();
        assert_eq!(pairs, [(0, 0, 0), (1, 0, 0)]);
    }

    #[test]
    fn an_item_that_is_a_whole_list_claims_no_link() {
        // A copy whose list was read as one item (its separators lost): that item holds every
        // ask's words, and would otherwise continue one of them and take a later item's link
        // from the right one.
        let mut preparer = Preparer::default();
        let asks = [
            "Increase efforts to identify foreign victims of forced labor",
            "investigate and prosecute government officials complicit in trafficking",
            "increase funding to anti-trafficking NGOs that assist victims",
            "conduct awareness campaigns aimed at reducing the demand for forced labor",
            "strengthen the capacity of police, prosecutors and judges to investigate trafficking",
        ];
        let earlier = preparer.prepare(&asks);
        let whole = asks.join(" * ");
        let later = preparer.prepare(&[
            whole.as_str(),
            "increase funding to NGOs that assist victims",
        ]);
        let found = match_reports(&[&earlier], &later, true, |_, _, _| true);
        let pairs: Vec<(usize, usize)> = found.iter().map(|m| (m.earlier, m.later)).collect();
        assert_eq!(pairs, [(2, 1)]);
        assert!(later[0].is_oversized() && !later[1].is_oversized());
        assert!(earlier.iter().all(|item| !item.is_oversized()));
    }

    #[test]
    fn an_introduction_run_into_the_first_ask_links_as_that_ask() {
        // A copy that lost the line between the introduction and the list: the first item is the
        // whole introduction with the first ask as its last sentence.
        let mut preparer = Preparer::default();
        let earlier = preparer.prepare(&[
            "Increase efforts to prosecute labor traffickers and convict complicit police officers",
            "Open a shelter for adult male victims",
        ]);
        let introduction = "The government of the island does not fully meet the minimum \
            standards for the elimination of trafficking but is making significant efforts to do \
            so. These efforts included opening a hotline, training harbour masters, adopting a \
            national plan for fisheries inspections, and funding a charity that runs a refuge in \
            the northern district. However, the government did not meet the minimum standards in \
            several key areas. Courts acquitted both defendants tried for recruitment fraud, and \
            ministries still lacked written rules for referring seafarers, domestic workers and \
            children found begging to social welfare officers or clinics. Increase efforts to \
            prosecute labor traffickers and convict complicit police officers.";
        let later = preparer.prepare(&[
            introduction,
            "Open a shelter for adult male victims",
            "Amend the penal code to criminalize all forms of trafficking",
        ]);
        assert!(!later[0].is_oversized());
        let found = match_reports(&[&earlier], &later, true, |_, _, _| true);
        let pairs: Vec<(usize, usize, LinkKind)> =
            found.iter().map(|m| (m.earlier, m.later, m.kind)).collect();
        assert_eq!(
            pairs,
            [(0, 0, LinkKind::Repeated), (1, 1, LinkKind::Repeated)]
        );
    }

    #[test]
    fn a_cut_off_ask_is_continued_by_the_one_later_ask_that_starts_with_it() {
        // An earlier copy that ends inside its last ask ("Establish a shel"): the later ask that
        // starts with all of it is that ask again.
        let mut preparer = Preparer::default();
        let earlier = preparer.prepare(&[
            "Provide legal aid to victims who testify",
            "Establish a shel",
        ]);
        let later = preparer.prepare(&[
            "Provide legal aid to all victims who testify in court",
            "Establish a shelter for adult male victims, with psychological care",
            "Ratify the convention on domestic workers",
        ]);
        let found = match_reports(&[&earlier], &later, true, |_, _, _| true);
        let pairs: Vec<(usize, usize, LinkKind)> =
            found.iter().map(|m| (m.earlier, m.later, m.kind)).collect();
        assert_eq!(pairs[1], (1, 1, LinkKind::Repeated));
        assert_eq!(pairs.len(), 2);
        // Two later asks start so: which one continues it is not told.
        let two = preparer.prepare(&[
            "Establish a shelter for adult male victims",
            "Establish a shelter for children",
        ]);
        let comparison = Comparison::new(&earlier, &two);
        assert!(!comparison.continues(1, 0) && !comparison.continues(1, 1));
        // Nor does a single word continue anything.
        let one = preparer.prepare(&["Amend"]);
        let later = preparer.prepare(&["Amend the labor code to cover domestic workers"]);
        assert!(!Comparison::new(&one, &later).continues(0, 0));
    }

    #[test]
    fn an_acronym_and_its_phrase_meet() {
        let earlier =
            "Develop and disseminate standard operating procedures for identifying victims";
        let later = "Formally adopt the draft SOPs for identifying victims and referring them";
        let similarity = compare(earlier, later);
        assert!(similarity.kind().is_some(), "{similarity:?}");
        let without = compare(earlier, &later.replace("SOPs", "rules"));
        assert!(without.terms < similarity.terms, "{without:?}");
        // Only the word: "kidnapping" holds no national action plan.
        assert_eq!(
            acronym_words("a nap for the victims"),
            ["national", "action", "plan"]
        );
        assert!(acronym_words("kidnapping and snapping").is_empty());
        assert_eq!(acronym_words("adopt a national action plan"), ["nap"]);
    }

    #[test]
    fn the_fast_edit_distance_is_the_textbook_one() {
        let texts = [
            "Increase efforts to identify foreign victims of forced labor",
            "increase efforts to identify foreign victims of forced labour",
            "Accede to the 2000 UN TIP Protocol",
            "Côte d’Ivoire: amend the law — and fund shelters",
            "",
            "Develop and conduct anti-trafficking information and education campaigns",
        ];
        for a in texts {
            for b in texts {
                let fast =
                    rapidfuzz::distance::levenshtein::normalized_similarity(a.chars(), b.chars());
                assert_eq!(fast, strsim::normalized_levenshtein(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_rejected_pair_is_not_linked() {
        let texts = prepare(&["Amend the law"]);
        assert!(match_reports(&[&texts], &texts, true, |_, _, _| false).is_empty());
    }
}
