//! A narrative's suggestions, planned: for each recommendation ranked against the narrative, its
//! best sentences, skipping those a user already decided on. Pure (`store::suggest` reads what a
//! plan is made from and writes its rows), so that it can run on another thread
//! ([`super::ranker`]).

use std::collections::HashSet;

use super::{Query, SentenceIndex, choose, figures_in, is_commitment, sentences};
use crate::parse::figures::Figure;

/// A recommendation ranked against a narrative: its row id and text.
pub type Asked = (i64, String);

/// What one narrative's suggestions are a function of (see `store::suggest`'s module comment).
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The narrative's report year (figures are read against it).
    pub year: i64,
    pub full_text: String,
    /// Each section's kind and body, in order.
    pub sections: Vec<(String, String)>,
    /// The recommendations ranked against the narrative.
    pub earlier: Vec<Asked>,
    /// Sentences a user already accepted or rejected for an item, which are not suggested again.
    pub decided: HashSet<(i64, String)>,
}

/// One suggestion to store: a sentence of the narrative for a recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub recommendation: i64,
    pub section: String,
    /// 1-based, within the section.
    pub paragraph: i64,
    /// Byte offsets of the sentence in the narrative's text.
    pub start: i64,
    pub end: i64,
    pub score: f64,
    /// The matched words.
    pub reason: String,
    /// The sentence states a plan or pledge, not an action.
    pub commitment: bool,
}

/// The best sentences of the narrative for each recommendation ranked against it, best first
/// for each; a sentence the narrative says twice is suggested once (the first time).
pub fn rank(job: &Job) -> Vec<Planned> {
    let mut rows = Vec::new();
    if job.earlier.is_empty() {
        return rows;
    }
    let full_text = job.full_text.as_str();
    let sentences = sentences(full_text, &job.sections);
    let index = SentenceIndex::new(full_text, &sentences);
    let mut commitment: Vec<Option<bool>> = vec![None; sentences.len()];
    // The figures each sentence reports, found when an ask is measured by some.
    let mut figures: Option<Vec<Vec<Figure>>> = None;
    for (rowid, text) in &job.earlier {
        let query = Query::cached(text);
        if query.is_empty() {
            continue;
        }
        let mut quoted: Vec<&str> = Vec::new();
        let figures: &[Vec<Figure>] = if query.kinds.is_empty() {
            &[]
        } else {
            figures.get_or_insert_with(|| {
                sentences
                    .iter()
                    .map(|s| figures_in(&full_text[s.start..s.end], job.year))
                    .collect()
            })
        };
        for hit in choose(&index, &query, figures) {
            let sentence = &sentences[hit.sentence];
            let quote = &full_text[sentence.start..sentence.end];
            if quoted.contains(&quote) || job.decided.contains(&(*rowid, quote.to_string())) {
                continue;
            }
            quoted.push(quote);
            let commitment = *commitment[hit.sentence].get_or_insert_with(|| is_commitment(quote));
            rows.push(Planned {
                recommendation: *rowid,
                section: sentence.section.clone(),
                paragraph: sentence.paragraph,
                start: sentence.start as i64,
                end: sentence.end as i64,
                score: hit.score,
                reason: hit.matched,
                commitment,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::ranker::Ranker;
    use super::*;

    const TEXT: &str = "The government identified 12 foreign victims of forced labor. \
                        It opened a shelter for foreign victims in Almaty. \
                        It plans to open a second shelter for foreign victims in Astana.";

    fn job(ask: &str) -> Job {
        Job {
            year: 2012,
            full_text: TEXT.into(),
            sections: vec![("protection".into(), TEXT.into())],
            earlier: vec![(7, ask.into())],
            decided: HashSet::new(),
        }
    }

    const ASK: &str = "Open shelters for foreign victims.";

    fn sentences_of(rows: &[Planned]) -> Vec<&str> {
        rows.iter()
            .map(|row| &TEXT[row.start as usize..row.end as usize])
            .collect()
    }

    /// The shelter sentences answer the ask to open shelters, the plan marked as one; a
    /// sentence decided on is not suggested again.
    #[test]
    fn a_plan_suggests_the_sentences_on_the_ask_and_skips_those_decided_on() {
        let rows = rank(&job(ASK));
        let found = sentences_of(&rows);
        assert!(
            found.contains(&"It opened a shelter for foreign victims in Almaty."),
            "{found:?}"
        );
        let plan = rows
            .iter()
            .find(|row| TEXT[row.start as usize..].starts_with("It plans"));
        assert!(plan.is_some_and(|row| row.commitment), "{found:?}");
        assert!(
            rows.iter()
                .all(|row| row.recommendation == 7 && row.section == "protection")
        );
        let mut decided = job(ASK);
        decided.decided.insert((
            7,
            "It opened a shelter for foreign victims in Almaty.".into(),
        ));
        let found_after = sentences_of(&rank(&decided)).len();
        assert_eq!(found_after, found.len() - 1);
        assert!(
            rank(&Job {
                earlier: Vec::new(),
                ..job(ASK)
            })
            .is_empty()
        );
    }

    /// The ranker thread finds what ranking on this thread does, and a job started and not
    /// waited for (its transaction failed) is not taken for the next one's.
    #[test]
    fn the_ranker_thread_ranks_as_this_one_and_skips_a_job_not_waited_for() {
        let ranker = Ranker::default();
        let here = rank(&job(ASK));
        assert!(!here.is_empty());
        let abandoned = ranker
            .start(job("Screen migrants for forced labor."))
            .unwrap();
        let ticket = ranker.start(job(ASK)).unwrap();
        let (back, rows) = ranker.ranked(ticket).unwrap();
        assert_eq!(back.earlier[0].1, ASK);
        assert_eq!(rows, here);
        ranker.free(rows);
        // Waited for after a later one, or twice: an error, not a wait for ever.
        assert!(ranker.ranked(abandoned).is_err());
        assert!(ranker.ranked(ticket).is_err());
    }
}
