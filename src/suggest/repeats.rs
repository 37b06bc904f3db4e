//! A sentence once per ask. Narratives repeat sentences word for word from year to year ("Adult
//! victims were permitted to leave the shelters"), and an ask made in three reports has three
//! items that the same later sentence answers: listed as they are stored, one sentence would fill
//! a review queue several times over. [`group`] shows each sentence once per ask, the
//! best-scored of its suggestions, with the others as its repeats (and so the years it appears
//! in). Nothing stored changes: a decision on the shown suggestion is made on its repeats too.

use std::collections::HashMap;

use crate::model::{Evidence, Repeat};

/// The suggestions, each sentence once per ask: in the order of each group's first member, the
/// group's best-scored suggestion (on equal scores the earlier report, then the lower id) with
/// the others in its `repeats`, oldest report first. Sentences are the same when their words
/// are, whatever the case and spacing. Evidence that is not a suggestion is kept as it is.
pub fn group(items: Vec<Evidence>) -> Vec<Evidence> {
    let mut groups: Vec<Vec<Evidence>> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for evidence in items {
        if evidence.state != "suggested" {
            groups.push(vec![evidence]);
            continue;
        }
        let ask = evidence
            .ask
            .clone()
            .unwrap_or_else(|| evidence.recommendation.clone());
        let key = (ask, comparable(&evidence.text));
        match index.get(&key) {
            Some(&at) => groups[at].push(evidence),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![evidence]);
            }
        }
    }
    groups.into_iter().map(shown).collect()
}

/// A group's shown suggestion, the others its repeats.
fn shown(mut group: Vec<Evidence>) -> Evidence {
    group.sort_by(|a, b| {
        b.score
            .unwrap_or(0.0)
            .total_cmp(&a.score.unwrap_or(0.0))
            .then(a.year.cmp(&b.year))
            .then(a.id.cmp(&b.id))
    });
    let mut first = group.remove(0);
    let mut repeats: Vec<Repeat> = group
        .into_iter()
        .map(|e| Repeat {
            id: e.id,
            recommendation: e.recommendation,
            year: e.year,
        })
        .collect();
    repeats.sort_by_key(|r| (r.year, r.id));
    first.repeats = repeats;
    first
}

/// A sentence's words, lowercased, single-spaced.
fn comparable(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(
        id: i64,
        recommendation: &str,
        ask: &str,
        year: i64,
        score: f64,
        text: &str,
    ) -> Evidence {
        Evidence {
            id,
            recommendation: recommendation.into(),
            year,
            text: text.into(),
            source: None,
            date: None,
            added_by: "tiptrack".into(),
            added_at: "2026-01-01T00:00:00Z".into(),
            state: "suggested".into(),
            section: Some("protection".into()),
            paragraph: Some(1),
            start: Some(0),
            end: Some(text.len() as i64),
            score: Some(score),
            reason: None,
            commitment: false,
            assessment: None,
            note: None,
            outside_period: false,
            ask: Some(ask.into()),
            repeats: Vec::new(),
        }
    }

    #[test]
    fn a_sentence_is_shown_once_per_ask_with_the_years_it_appears_in() {
        let shelters = "Adult victims were permitted to leave the shelters.";
        let items = vec![
            suggestion(1, "KAZ-2011-2", "KAZ-2011-2", 2012, 0.6, shelters),
            suggestion(
                2,
                "KAZ-2011-2",
                "KAZ-2011-2",
                2012,
                0.9,
                "Police opened a shelter.",
            ),
            suggestion(3, "KAZ-2011-2", "KAZ-2011-2", 2013, 0.8, shelters),
            // The ask's 2012 item, answered by the same sentence of the 2013 report.
            suggestion(
                4,
                "KAZ-2012-1",
                "KAZ-2011-2",
                2013,
                0.7,
                "Adult  victims were permitted to leave the shelters.",
            ),
            // Another ask: shown for it too.
            suggestion(5, "KAZ-2011-6", "KAZ-2011-6", 2013, 0.5, shelters),
        ];
        let shown = group(items);
        let ids: Vec<i64> = shown.iter().map(|e| e.id).collect();
        assert_eq!(ids, [3, 2, 5]);
        assert_eq!(shown[0].years(), [2012, 2013]);
        let repeats: Vec<(i64, &str, i64)> = shown[0]
            .repeats
            .iter()
            .map(|r| (r.id, r.recommendation.as_str(), r.year))
            .collect();
        assert_eq!(repeats, [(1, "KAZ-2011-2", 2012), (4, "KAZ-2012-1", 2013)]);
        assert!(shown[1].repeats.is_empty() && shown[2].repeats.is_empty());
        assert_eq!(shown[2].years(), [2013]);
    }
}
