//! Suggested evidence, the SQL half: ranking a narrative's sentences against a country's earlier
//! open recommendations with FTS5 (porter tokenizer, BM25), storing the best as `suggested`
//! evidence, and the user's accept/reject decisions.
//!
//! Suggestions still `suggested` are derived data. Those drawn from narrative N are a function of
//! N's text and of the country's recommendations from years before N's that are neither addressed
//! nor superseded; importing year Y recomputes them for Y's narrative and every later one of the
//! country, so the result does not depend on import order. A decided suggestion (`accepted`,
//! `rejected`) is never deleted or re-suggested: a recomputation skips its sentence.
//!
//! The sentences go into a TEMP fts5 table, filled afresh for each narrative: BM25's term
//! weights are then those of the one narrative's sentences, the database file carries no index
//! to keep in step with re-imports, and no migration is needed for it.

use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, params};

use super::Writer;
use super::read::{EVIDENCE_COLUMNS, evidence_from_row};
use super::write::NewEvent;
use crate::model::{Actor, Evidence};
use crate::suggest;

/// Marks around matched words in FTS5's `highlight()`, characters no narrative contains.
const OPEN: &str = "\u{2}";
const CLOSE: &str = "\u{3}";

/// What an `accept` or `reject` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Changed { id: i64, from: String, to: String },
    Unchanged { id: i64, state: String },
}

impl Writer<'_> {
    /// Recomputes the suggestions drawn from the country's narrative of `year` and from its
    /// later narratives (whose earlier recommendations now include `year`'s).
    pub(super) fn suggest_after_import(&self, iso3: &str, year: i64, actor: &Actor) -> Result<()> {
        let narratives: Vec<i64> = {
            let mut stmt = self.tx.prepare_cached(
                "SELECT id FROM narrative WHERE iso3 = ?1 AND year >= ?2 ORDER BY year",
            )?;
            let rows = stmt.query_map(params![iso3, year], |row| row.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in narratives {
            self.suggest_from(id, actor)?;
        }
        Ok(())
    }

    /// Recomputes every suggestion, or one country's. Returns how many are now suggested.
    pub fn suggest_evidence(&self, iso3: Option<&str>, actor: &Actor) -> Result<i64> {
        let narratives: Vec<i64> = {
            let mut stmt = self.tx.prepare(
                "SELECT id FROM narrative WHERE ?1 IS NULL OR iso3 = ?1 ORDER BY iso3, year",
            )?;
            let rows = stmt.query_map([iso3], |row| row.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in narratives {
            self.suggest_from(id, actor)?;
        }
        Ok(self.tx.query_row(
            "SELECT count(*) FROM evidence e JOIN narrative n ON n.id = e.narrative_id \
             WHERE e.state = 'suggested' AND (?1 IS NULL OR n.iso3 = ?1)",
            [iso3],
            |row| row.get(0),
        )?)
    }

    /// Replaces the suggestions drawn from one narrative.
    fn suggest_from(&self, narrative_id: i64, actor: &Actor) -> Result<()> {
        self.tx.execute(
            "DELETE FROM evidence WHERE narrative_id = ?1 AND state = 'suggested'",
            [narrative_id],
        )?;
        let (iso3, year, source, full_text): (String, i64, String, String) = self.tx.query_row(
            "SELECT n.iso3, n.year, n.source_name, t.full_text FROM narrative n \
             JOIN narrative_text t ON t.narrative_id = n.id WHERE n.id = ?1",
            [narrative_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;
        let earlier: Vec<(i64, String)> = {
            let mut stmt = self.tx.prepare_cached(
                "SELECT r.id, r.text FROM recommendation r JOIN narrative n ON n.id = r.narrative_id \
                 WHERE n.iso3 = ?1 AND n.year < ?2 AND r.position IS NOT NULL \
                 AND r.status NOT IN ('addressed', 'superseded') ORDER BY n.year, r.seq",
            )?;
            let rows = stmt.query_map(params![iso3, year], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if earlier.is_empty() {
            return Ok(());
        }
        let sections: Vec<(String, String)> = {
            let mut stmt = self.tx.prepare_cached(
                "SELECT kind, body FROM section WHERE narrative_id = ?1 ORDER BY position",
            )?;
            let rows = stmt.query_map([narrative_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let sentences = suggest::sentences(&full_text, &sections);

        // Made anew for each narrative: emptied with DELETE, an FTS5 index keeps the deleted
        // rows' entries until a merge, and a whole report's worth of them slows every query.
        self.tx.execute_batch(
            "DROP TABLE IF EXISTS temp.suggest_sentence;
             CREATE VIRTUAL TABLE temp.suggest_sentence \
             USING fts5(body, tokenize = 'porter unicode61');",
        )?;
        {
            let mut insert = self.tx.prepare_cached(
                "INSERT INTO temp.suggest_sentence (rowid, body) VALUES (?1, ?2)",
            )?;
            for (index, s) in sentences.iter().enumerate() {
                insert.execute(params![index as i64, &full_text[s.start..s.end]])?;
            }
        }
        // `rank` is bm25() here; the matched words are highlighted only for the few rows kept,
        // since SQLite would compute a result column for every matching row before sorting.
        let mut rank = self.tx.prepare_cached(
            "SELECT rowid, -rank FROM temp.suggest_sentence WHERE suggest_sentence MATCH ?1 \
             ORDER BY rank, rowid LIMIT ?2",
        )?;
        let mut highlight = self.tx.prepare_cached(
            "SELECT highlight(suggest_sentence, 0, ?3, ?4) FROM temp.suggest_sentence \
             WHERE suggest_sentence MATCH ?1 AND rowid = ?2",
        )?;
        let mut decided = self.tx.prepare_cached(
            "SELECT 1 FROM evidence WHERE recommendation_id = ?1 AND narrative_id = ?2 AND quote = ?3",
        )?;
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO evidence (recommendation_id, report_year, quote, source, added_by, \
             added_at, state, narrative_id, section, paragraph, start_offset, end_offset, score, \
             reason, commitment) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'suggested', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        for (rowid, text) in &earlier {
            let terms = suggest::query_terms(text);
            if terms.is_empty() {
                continue;
            }
            let query = suggest::fts_query(&terms, &suggest::query_pairs(text));
            let hits: Vec<(i64, f64)> = rank
                .query_map(params![query, suggest::PER_RECOMMENDATION as i64], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (index, score) in hits {
                if score < suggest::THRESHOLD {
                    break;
                }
                let Some(sentence) = usize::try_from(index).ok().and_then(|i| sentences.get(i))
                else {
                    continue;
                };
                let quote = &full_text[sentence.start..sentence.end];
                if decided.exists(params![rowid, narrative_id, quote])? {
                    continue;
                }
                let highlighted: String =
                    highlight.query_row(params![query, index, OPEN, CLOSE], |row| row.get(0))?;
                insert.execute(params![
                    rowid,
                    year,
                    quote,
                    source,
                    actor.name,
                    actor.at,
                    narrative_id,
                    sentence.section,
                    sentence.paragraph,
                    sentence.start as i64,
                    sentence.end as i64,
                    score,
                    matched_words(&highlighted),
                    suggest::is_commitment(quote),
                ])?;
            }
        }
        Ok(())
    }

    /// Accepts or rejects a piece of evidence, recording the decision in the history. Never
    /// changes the recommendation's status.
    pub fn decide_evidence(
        &self,
        id: i64,
        accept: bool,
        assessment: Option<&str>,
        note: Option<&str>,
        actor: &Actor,
    ) -> Result<(Decision, Evidence)> {
        let found: Option<(String, i64, i64, i64, String)> = self
            .tx
            .query_row(
                "SELECT e.state, e.recommendation_id, r.narrative_id, e.report_year, e.quote \
                 FROM evidence e JOIN recommendation r ON r.id = e.recommendation_id \
                 WHERE e.id = ?1",
                [id],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                },
            )
            .optional()?;
        let Some((from, rowid, narrative_id, year, quote)) = found else {
            bail!("no evidence with id {id} (see tiptrack evidence list)");
        };
        let to = if accept { "accepted" } else { "rejected" };
        let decision = if from == to {
            Decision::Unchanged {
                id,
                state: from.clone(),
            }
        } else {
            self.tx.execute(
                "UPDATE evidence SET state = ?1, assessment = ?2, review_note = ?3 WHERE id = ?4",
                params![to, assessment, note, id],
            )?;
            let mut summary = format!("evidence {id}: [{year}] {quote}");
            if let Some(assessment) = assessment {
                summary.push_str(&format!(" (assessment: {assessment})"));
            }
            self.append_event(
                &NewEvent {
                    narrative_id,
                    recommendation_id: Some(rowid),
                    kind: if accept { "accept" } else { "reject" },
                    old_value: Some(&from),
                    new_value: Some(&summary),
                    note,
                    effective_date: None,
                },
                actor,
            )?;
            Decision::Changed {
                id,
                from,
                to: to.to_string(),
            }
        };
        let evidence = self.tx.query_row(
            &format!(
                "SELECT {EVIDENCE_COLUMNS} FROM evidence e \
                 JOIN recommendation r ON r.id = e.recommendation_id WHERE e.id = ?1"
            ),
            [id],
            evidence_from_row,
        )?;
        Ok((decision, evidence))
    }
}

/// The distinct words FTS5 marked as matches, lowercased, in order, comma-separated.
fn matched_words(highlighted: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for piece in highlighted.split(OPEN).skip(1) {
        if let Some((word, _)) = piece.split_once(CLOSE) {
            let word = word.to_lowercase();
            if !words.contains(&word) {
                words.push(word);
            }
        }
    }
    words.join(", ")
}
