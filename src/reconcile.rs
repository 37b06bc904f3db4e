//! Reconciling a re-import: which stored item each new recommendation text continues, and what
//! the re-import changes, decided from the stored items and the new texts alone (no database:
//! `store/import.rs` reads the items and carries out the steps).
//!
//! The new texts are matched to the stored ones by text, not by position: first identical
//! texts, then the most similar pairs above a threshold (an edited clause). A matched item
//! keeps its ID; new clauses get the next free number; items the new text no longer has lose
//! their position.

use crate::model::ParsedRecommendation;

/// How similar (normalised Levenshtein, 0 to 1) an edited clause must be to the stored one to
/// count as the same recommendation.
const SAME_ITEM_SIMILARITY: f64 = 0.7;

/// The changes a re-import made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Items whose text changed (matched as edits of a stored item).
    pub reworded: Vec<String>,
    /// Items new in this text.
    pub added: Vec<String>,
    /// Items the text no longer contains (kept, with everything recorded about them).
    pub removed: Vec<String>,
    /// Items that only moved.
    pub moved: Vec<String>,
    /// Items an earlier re-import had found no longer in the text, back in it now.
    pub restored: Vec<String>,
}

/// A stored item of the narrative, as re-import matching needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stored {
    pub(crate) rowid: i64,
    pub(crate) code: String,
    pub(crate) seq: i64,
    pub(crate) position: Option<i64>,
    pub(crate) text: String,
    pub(crate) truncated: bool,
}

/// A recommendation's public ID: `KAZ-2011-3`.
pub(crate) fn item_code(iso3: &str, year: i64, seq: i64) -> String {
    format!("{iso3}-{year}-{seq}")
}

/// One change a re-import makes to a narrative's items. The steps come in the order they are
/// made, which is the order the history records them in.
#[derive(Debug, PartialEq)]
pub(crate) enum Step<'a> {
    /// A new text: a new item numbered `seq`, at `position`.
    Add {
        seq: i64,
        position: i64,
        item: &'a ParsedRecommendation,
    },
    /// A stored item that a new text continues, at `position`: its text is updated (and its
    /// classification, unless a user corrected it). `reworded`: the text changed; `moved`:
    /// the position did (from `old.position`, None for an item back in the text). Each is
    /// recorded in the history.
    Keep {
        old: &'a Stored,
        position: i64,
        item: &'a ParsedRecommendation,
        reworded: bool,
        moved: bool,
    },
    /// A current item the new text no longer has: it loses its position (recorded).
    Remove { old: &'a Stored },
}

/// What a re-import does to a narrative's items, decided from the stored items and the new
/// texts alone: the steps, and the summary shown.
#[derive(Debug)]
pub(crate) struct Reconciliation<'a> {
    pub(crate) steps: Vec<Step<'a>>,
    pub(crate) summary: ImportSummary,
}

/// The re-import of `new_items` over the `stored` items (all of the narrative's, current or
/// not, by number) of the country's (`iso3`) report of `year`. The new texts are paired with
/// stored items by [`match_items`]; a new text without one is a new item, numbered after every
/// number given so far, so no ID is ever given twice; a current item without one is removed.
pub(crate) fn reconciliation<'a>(
    iso3: &str,
    year: i64,
    stored: &'a [Stored],
    new_items: &'a [ParsedRecommendation],
) -> Reconciliation<'a> {
    let pairs = match_items(stored, new_items);
    let mut steps = Vec::new();
    let mut summary = ImportSummary::default();
    let last_seq = stored.iter().map(|s| s.seq).max().unwrap_or(0);
    for (index, item) in new_items.iter().enumerate() {
        let position = index as i64 + 1;
        let Some(old) = pairs[index].map(|i| &stored[i]) else {
            let seq = last_seq + summary.added.len() as i64 + 1;
            summary.added.push(item_code(iso3, year, seq));
            steps.push(Step::Add {
                seq,
                position,
                item,
            });
            continue;
        };
        let reworded = old.text != item.text;
        let moved = old.position != Some(position);
        if old.position.is_none() {
            summary.restored.push(old.code.clone());
        }
        if reworded {
            summary.reworded.push(old.code.clone());
        }
        if moved && !reworded && old.position.is_some() {
            summary.moved.push(old.code.clone());
        }
        steps.push(Step::Keep {
            old,
            position,
            item,
            reworded,
            moved,
        });
    }
    for (index, old) in stored.iter().enumerate() {
        if old.position.is_some() && !pairs.contains(&Some(index)) {
            summary.removed.push(old.code.clone());
            steps.push(Step::Remove { old });
        }
    }
    Reconciliation { steps, summary }
}

/// For each new text, the index of the stored item it continues, if any. Identical texts pair
/// first (in order, so repeated clauses pair up one to one); then the remaining texts pair with
/// the most similar remaining item, best pairs first.
pub(crate) fn match_items(
    stored: &[Stored],
    new_items: &[ParsedRecommendation],
) -> Vec<Option<usize>> {
    let mut pairs: Vec<Option<usize>> = vec![None; new_items.len()];
    let mut taken = vec![false; stored.len()];
    for (n, item) in new_items.iter().enumerate() {
        let key = comparable(&item.text);
        if let Some(s) =
            (0..stored.len()).find(|&s| !taken[s] && comparable(&stored[s].text) == key)
        {
            pairs[n] = Some(s);
            taken[s] = true;
        }
    }
    // An item cut off in one copy is the same item as its whole text in another.
    for (n, item) in new_items.iter().enumerate() {
        if pairs[n].is_some() {
            continue;
        }
        let key = comparable(&item.text);
        let found = (0..stored.len()).find(|&s| {
            let old = comparable(&stored[s].text);
            !taken[s]
                && ((item.truncated && old.starts_with(&key))
                    || (stored[s].truncated && key.starts_with(&old)))
        });
        if let Some(s) = found {
            pairs[n] = Some(s);
            taken[s] = true;
        }
    }
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (n, item) in new_items
        .iter()
        .enumerate()
        .filter(|(n, _)| pairs[*n].is_none())
    {
        let key = comparable(&item.text);
        for (s, old) in stored.iter().enumerate().filter(|(s, _)| !taken[*s]) {
            let score = strsim::normalized_levenshtein(&key, &comparable(&old.text));
            if score >= SAME_ITEM_SIMILARITY {
                candidates.push((score, n, s));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, n, s) in candidates {
        if pairs[n].is_none() && !taken[s] {
            pairs[n] = Some(s);
            taken[s] = true;
        }
    }
    pairs
}

/// Whether a new copy is only a cut-off copy of what is stored: it has no recommendations where
/// the stored text has some, or its items are the stored items' first ones, the last of them
/// cut off. Such a copy must not replace the whole one, nor mark the rest as gone.
pub(crate) fn is_excerpt_of(stored: &[Stored], new_items: &[ParsedRecommendation]) -> bool {
    let mut current: Vec<&Stored> = stored.iter().filter(|s| s.position.is_some()).collect();
    current.sort_by_key(|s| s.position);
    let Some(last) = new_items.last() else {
        return !current.is_empty();
    };
    if !last.truncated || new_items.len() > current.len() {
        return false;
    }
    let k = new_items.len() - 1;
    let whole = new_items[..k]
        .iter()
        .zip(&current)
        .all(|(new, old)| comparable(&new.text) == comparable(&old.text));
    let cut = &current[k];
    whole
        && comparable(&cut.text).starts_with(&comparable(&last.text))
        && (current.len() > new_items.len() || !cut.truncated)
}

/// Text as compared for matching: case and spacing do not make a different recommendation.
pub(crate) fn comparable(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Area};

    fn new(text: &str) -> ParsedRecommendation {
        ParsedRecommendation {
            text: text.to_string(),
            truncated: false,
            area: Area::Prosecution,
            action: Action::General,
        }
    }

    fn cut(text: &str) -> ParsedRecommendation {
        ParsedRecommendation {
            truncated: true,
            ..new(text)
        }
    }

    /// Stored items numbered from 1, current at their number, with these texts.
    fn stored(texts: &[&str]) -> Vec<Stored> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let seq = i as i64 + 1;
                Stored {
                    rowid: 100 + seq,
                    code: item_code("KAZ", 2011, seq),
                    seq,
                    position: Some(seq),
                    text: text.to_string(),
                    truncated: false,
                }
            })
            .collect()
    }

    #[test]
    fn identical_texts_pair_first_in_order_then_the_most_similar() {
        let old = stored(&[
            "Increase efforts to prosecute traffickers",
            "Train judges",
            "Train judges",
            "Adopt a national action plan against trafficking in persons",
        ]);
        let items = [
            new("train   JUDGES"),
            new("Adopt a national action plan against trafficking of persons"),
            new("Something else entirely"),
            new("Train judges"),
        ];
        // Case and spacing do not count; repeated clauses pair one to one; an edit pairs by
        // similarity; nothing like any stored item pairs with none.
        assert_eq!(match_items(&old, &items), [Some(1), Some(3), None, Some(2)]);
    }

    #[test]
    fn the_best_similar_pair_wins_and_a_weak_one_is_no_pair() {
        let old = stored(&["Provide shelter for victims of trafficking", "abc"]);
        let items = [
            new("Provide shelters for all victims of trafficking"),
            new("Provide shelter for victims of trafficking."),
            new("xyz"),
        ];
        assert_eq!(match_items(&old, &items), [None, Some(0), None]);
    }

    #[test]
    fn a_cut_off_text_pairs_with_the_whole_one_it_begins() {
        let mut old = stored(&[
            "Investigate and prosecute trafficking offenses",
            "Fund NGOs",
        ]);
        assert_eq!(match_items(&old, &[cut("Investigate and pro")]), [Some(0)]);
        // And a whole text with a stored copy cut off inside it.
        old[1].text = "Fund".to_string();
        old[1].truncated = true;
        assert_eq!(
            match_items(&old, &[new("Fund NGOs that shelter victims")]),
            [Some(1)]
        );
    }

    #[test]
    fn an_excerpt_is_a_copy_cut_off_inside_what_is_stored() {
        let old = stored(&["First ask", "Second ask in full", "Third ask"]);
        assert!(is_excerpt_of(&old, &[]));
        assert!(is_excerpt_of(&old, &[new("first ask"), cut("Second ask")]));
        // Cut inside the stored last item, when that one is whole.
        assert!(is_excerpt_of(
            &old,
            &[new("First ask"), new("Second ask in full"), cut("Third")]
        ));
        // Not cut off, or not the stored items' first ones: a real change.
        assert!(!is_excerpt_of(&old, &[new("First ask")]));
        assert!(!is_excerpt_of(&old, &[new("Other ask"), cut("Second")]));
        assert!(!is_excerpt_of(&old, &[cut("Second")]));
        // Nothing stored is current: a copy without recommendations changes nothing.
        assert!(!is_excerpt_of(&[], &[]));
    }

    fn kinds(plan: &Reconciliation<'_>) -> Vec<String> {
        plan.steps
            .iter()
            .map(|step| match step {
                Step::Add { seq, position, .. } => format!("add {seq} at {position}"),
                Step::Keep {
                    old,
                    position,
                    reworded,
                    moved,
                    ..
                } => format!(
                    "keep {} at {position}{}{}",
                    old.seq,
                    if *reworded { " reworded" } else { "" },
                    if *moved { " moved" } else { "" }
                ),
                Step::Remove { old } => format!("remove {}", old.seq),
            })
            .collect()
    }

    #[test]
    fn a_reimport_keeps_moves_rewords_adds_and_removes_items() {
        let mut old = stored(&[
            "Prosecute traffickers",
            "Protect victims of forced labor",
            "Raise awareness",
            "Gone from the new text",
        ]);
        // An item an earlier re-import had found gone, numbered 5, comes back.
        old.push(Stored {
            rowid: 105,
            code: item_code("KAZ", 2011, 5),
            seq: 5,
            position: None,
            text: "Back again".to_string(),
            truncated: false,
        });
        let items = [
            new("Raise awareness"),
            new("Prosecute traffickers"),
            new("Protect the victims of forced labor"),
            new("A new ask"),
            new("Back again"),
            new("Another new ask"),
        ];
        let plan = reconciliation("KAZ", 2011, &old, &items);
        assert_eq!(
            kinds(&plan),
            [
                "keep 3 at 1 moved",
                "keep 1 at 2 moved",
                "keep 2 at 3 reworded moved",
                "add 6 at 4",
                "keep 5 at 5 moved",
                "add 7 at 6",
                "remove 4",
            ]
        );
        // Renumbered items are only moved when their text stayed; reworded otherwise.
        assert_eq!(
            plan.summary,
            ImportSummary {
                reworded: vec!["KAZ-2011-2".to_string()],
                added: vec!["KAZ-2011-6".to_string(), "KAZ-2011-7".to_string()],
                removed: vec!["KAZ-2011-4".to_string()],
                moved: vec!["KAZ-2011-3".to_string(), "KAZ-2011-1".to_string()],
                restored: vec!["KAZ-2011-5".to_string()],
            }
        );
    }

    #[test]
    fn a_reimport_of_the_same_items_changes_nothing() {
        let old = stored(&["One", "Two"]);
        let items = [new("One"), new("Two")];
        let plan = reconciliation("KAZ", 2011, &old, &items);
        assert_eq!(kinds(&plan), ["keep 1 at 1", "keep 2 at 2"]);
        assert_eq!(plan.summary, ImportSummary::default());
    }

    #[test]
    fn a_new_item_is_numbered_after_every_number_given_even_to_a_removed_item() {
        let mut old = stored(&["One", "Two", "Three"]);
        old[2].position = None;
        let items = [new("One"), new("New")];
        let plan = reconciliation("KAZ", 2011, &old, &items);
        assert_eq!(kinds(&plan), ["keep 1 at 1", "add 4 at 2", "remove 2"]);
        assert_eq!(plan.summary.added, ["KAZ-2011-4"]);
    }

    #[test]
    fn texts_compare_without_case_or_spacing() {
        assert_eq!(comparable("  Train\n JUDGES\tnow "), "train judges now");
    }
}
