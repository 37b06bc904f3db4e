//! Suggested evidence, the SQL half: which narratives are ranked against which recommendations
//! (the ranking itself is `crate::suggest`), storing the best sentences as `suggested`
//! evidence, and the user's accept/reject decisions.
//!
//! Suggestions still `suggested` are derived data: those drawn from narrative N for item R are
//! a function of N's text and R's, for every R of the same country from a year before N's that
//! is neither addressed nor superseded. An import of year Y recomputes exactly the pairs it can
//! change: Y's narrative against every earlier open item, and Y's items against every later
//! narrative. So the result does not depend on import order. Nor on statuses: an item addressed
//! or superseded keeps its suggestions, which are not shown (`read::CLOSED`) until it is reopened,
//! so a status change costs no recomputation. A decided suggestion (`accepted`, `rejected`) is
//! never deleted or re-suggested.

use std::collections::HashSet;

use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, params};

use super::read::{CLOSED, EVIDENCE_COLUMNS, EVIDENCE_FROM, evidence_from_row};
use super::write::NewEvent;
use super::{Store, Writer};
use crate::model::{Actor, Evidence};
use crate::parse::figures::Figure;
use crate::suggest;

/// What an `accept` or `reject` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Changed { id: i64, from: String, to: String },
    Unchanged { id: i64, state: String },
}

impl Store {
    /// Recomputes every suggestion, or one country's, one narrative per transaction, so that a
    /// command run meanwhile (a `status` in another terminal) waits for one narrative's
    /// writes, not for the whole run. Each narrative's sentences are ranked in a read
    /// transaction, which holds no lock, and its suggestions then replaced in a short write
    /// transaction; if another process committed in between, the ranking is done again inside
    /// it. A run cut short leaves each narrative's suggestions either old or new, and running
    /// it again finishes the work. The commits are synced once, at the end (as an import's).
    /// Returns how many suggestions await review.
    pub fn suggest_evidence(&mut self, iso3: Option<&str>, actor: &Actor) -> Result<i64> {
        let narratives = self.read(|r| r.narratives_to_suggest(iso3))?;
        self.begin_batch()?;
        for id in narratives {
            let planned = self.read(|r| Ok((r.data_version()?, r.plan_suggestions(id, None)?)));
            let planned = match planned {
                Ok(planned) => Some(planned),
                // Deleted meanwhile (no narrative row to rank).
                Err(err) if is_no_row(&err) => None,
                Err(err) => return Err(err),
            };
            let Some((version, plan)) = planned else {
                continue;
            };
            self.write(|w| {
                if w.data_version()? == version {
                    return w.store_suggestions(&plan, actor);
                }
                match w.plan_suggestions(id, None) {
                    Ok(plan) => w.store_suggestions(&plan, actor),
                    Err(err) if is_no_row(&err) => Ok(()),
                    Err(err) => Err(err),
                }
            })?;
        }
        self.end_batch()?;
        self.suggestions_awaiting(iso3)
    }

    /// How many suggestions await review, in all or for one country (those of addressed and
    /// superseded asks left out): what `evidence suggest` and an import's summary tell.
    pub fn suggestions_awaiting(&mut self, iso3: Option<&str>) -> Result<i64> {
        self.read(|r| r.suggestions_awaiting(iso3))
    }
}

fn is_no_row(err: &anyhow::Error) -> bool {
    matches!(
        err.downcast_ref::<rusqlite::Error>(),
        Some(rusqlite::Error::QueryReturnedNoRows)
    )
}

/// One narrative's suggestions, ranked, to be written.
struct Plan {
    narrative_id: i64,
    year: i64,
    /// The narrative's undecided suggestions are replaced (the plan covers every item).
    replace: bool,
    rows: Vec<Planned>,
}

struct Planned {
    recommendation: i64,
    section: String,
    paragraph: i64,
    start: i64,
    end: i64,
    score: f64,
    reason: String,
    commitment: bool,
}

/// A recommendation as a query: its row id and text.
type Asked = (i64, String);

impl Writer<'_> {
    /// Recomputes what an import of the country's narrative `narrative_id` changes: the
    /// suggestions drawn from it for the country's earlier open recommendations, and those drawn
    /// from the country's later narratives for its own recommendations.
    pub(super) fn suggest_after_import(&self, narrative_id: i64, actor: &Actor) -> Result<()> {
        self.suggest_from(narrative_id, None, actor)?;
        let (iso3, year): (String, i64) = self.row(
            "SELECT iso3, year FROM narrative WHERE id = ?1",
            [narrative_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        self.exec(
            "DELETE FROM evidence WHERE state = 'suggested' AND recommendation_id IN \
             (SELECT id FROM recommendation WHERE narrative_id = ?1)",
            [narrative_id],
        )?;
        let own = self.asked(
            "SELECT id, text FROM recommendation WHERE narrative_id = ?1 \
             AND position IS NOT NULL ORDER BY seq",
            params![narrative_id],
        )?;
        if own.is_empty() {
            return Ok(());
        }
        for later in self.narratives_after(&iso3, year)? {
            self.suggest_from(later, Some(&own), actor)?;
        }
        Ok(())
    }

    /// The narratives whose suggestions [`Store::suggest_evidence`] recomputes: every one, or
    /// one country's.
    pub(super) fn narratives_to_suggest(&self, iso3: Option<&str>) -> Result<Vec<i64>> {
        let mut stmt = self.legacy()?.prepare(
            "SELECT id FROM narrative WHERE (?1 IS NULL OR iso3 = ?1) AND removed IS NULL \
             ORDER BY iso3, year",
        )?;
        let rows = stmt.query_map([iso3], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many suggestions await review, in all or for one country.
    pub(super) fn suggestions_awaiting(&self, iso3: Option<&str>) -> Result<i64> {
        Ok(self.row(
            &format!(
                "SELECT count(*) FROM evidence e JOIN narrative n ON n.id = e.narrative_id \
                 JOIN recommendation r ON r.id = e.recommendation_id \
                 LEFT JOIN ask a ON a.id = r.ask_id \
                 WHERE e.state = 'suggested' AND coalesce(a.status, r.status) NOT IN {CLOSED} \
                 AND (?1 IS NULL OR n.iso3 = ?1)"
            ),
            [iso3],
            |row| row.get(0),
        )?)
    }

    /// The country's narratives after `year`, oldest first.
    fn narratives_after(&self, iso3: &str, year: i64) -> Result<Vec<i64>> {
        let mut stmt = self.legacy()?.prepare_cached(
            "SELECT id FROM narrative WHERE iso3 = ?1 AND year > ?2 AND removed IS NULL \
             ORDER BY year",
        )?;
        let rows = stmt.query_map(params![iso3, year], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn asked(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Asked>> {
        let mut stmt = self.legacy()?.prepare_cached(sql)?;
        let rows = stmt.query_map(params, |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Suggests sentences of one narrative as evidence. With `only`, for those recommendations
    /// (whose earlier suggestions from it the caller removed); without, for every earlier open
    /// recommendation of the country, replacing the narrative's undecided suggestions.
    fn suggest_from(&self, narrative_id: i64, only: Option<&[Asked]>, actor: &Actor) -> Result<()> {
        let plan = self.plan_suggestions(narrative_id, only)?;
        self.store_suggestions(&plan, actor)
    }

    /// Ranks one narrative's sentences for the recommendations (`only`, or every earlier open
    /// one of the country), reading only: what [`Writer::store_suggestions`] writes.
    fn plan_suggestions(&self, narrative_id: i64, only: Option<&[Asked]>) -> Result<Plan> {
        let (iso3, year, full_text): (String, i64, String) = self.row(
            "SELECT n.iso3, n.year, t.full_text FROM narrative n \
             JOIN narrative_text t ON t.narrative_id = n.id WHERE n.id = ?1",
            [narrative_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        let mut plan = Plan {
            narrative_id,
            year,
            replace: only.is_none(),
            rows: Vec::new(),
        };
        let earlier = match only {
            Some(asked) => asked.to_vec(),
            None => self.asked(
                "SELECT r.id, r.text FROM recommendation r \
                 JOIN narrative n ON n.id = r.narrative_id \
                 WHERE n.iso3 = ?1 AND n.year < ?2 AND r.position IS NOT NULL \
                 AND n.removed IS NULL ORDER BY n.year, r.seq",
                params![iso3, year],
            )?,
        };
        if earlier.is_empty() {
            return Ok(plan);
        }
        let sections: Vec<(String, String)> = {
            let mut stmt = self.legacy()?.prepare_cached(
                "SELECT kind, body FROM section WHERE narrative_id = ?1 ORDER BY position",
            )?;
            let rows = stmt.query_map([narrative_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let sentences = suggest::sentences(&full_text, &sections);
        let index = suggest::SentenceIndex::new(&full_text, &sentences);
        // Sentences a user already accepted or rejected for an item are not suggested again.
        let decided: HashSet<(i64, String)> = {
            let mut stmt = self.legacy()?.prepare_cached(
                "SELECT recommendation_id, quote FROM evidence \
                 WHERE narrative_id = ?1 AND state <> 'suggested'",
            )?;
            let rows = stmt.query_map([narrative_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut commitment: Vec<Option<bool>> = vec![None; sentences.len()];
        // The figures each sentence reports, found when an ask is measured by some.
        let mut figures: Option<Vec<Vec<Figure>>> = None;
        for (rowid, text) in &earlier {
            let query = suggest::Query::cached(text);
            if query.is_empty() {
                continue;
            }
            // A sentence a narrative says twice is suggested once (the first time).
            let mut quoted: Vec<&str> = Vec::new();
            let figures: &[Vec<Figure>] = if query.kinds.is_empty() {
                &[]
            } else {
                figures.get_or_insert_with(|| {
                    sentences
                        .iter()
                        .map(|s| suggest::figures_in(&full_text[s.start..s.end], year))
                        .collect()
                })
            };
            let hits = suggest::choose(&index, &query, figures);
            for hit in hits {
                let sentence = &sentences[hit.sentence];
                let quote = &full_text[sentence.start..sentence.end];
                if quoted.contains(&quote) || decided.contains(&(*rowid, quote.to_string())) {
                    continue;
                }
                quoted.push(quote);
                let commitment =
                    *commitment[hit.sentence].get_or_insert_with(|| suggest::is_commitment(quote));
                plan.rows.push(Planned {
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
        Ok(plan)
    }

    /// Writes a narrative's planned suggestions (replacing its undecided ones, for a plan of
    /// every recommendation).
    fn store_suggestions(&self, plan: &Plan, actor: &Actor) -> Result<()> {
        if plan.replace {
            self.exec(
                "DELETE FROM evidence WHERE narrative_id = ?1 AND state = 'suggested'",
                [plan.narrative_id],
            )?;
        }
        // The sentence and source are the narrative's, not stored twice (see schema.sql).
        let mut insert = self.legacy()?.prepare_cached(
            "INSERT INTO evidence (recommendation_id, report_year, added_by, added_at, state, \
             narrative_id, section, paragraph, start_offset, end_offset, score, reason, \
             commitment) \
             VALUES (?1, ?2, ?3, ?4, 'suggested', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for row in &plan.rows {
            insert.execute(params![
                row.recommendation,
                plan.year,
                actor.name,
                actor.at,
                plan.narrative_id,
                row.section,
                row.paragraph,
                row.start,
                row.end,
                row.score,
                row.reason,
                row.commitment,
            ])?;
        }
        Ok(())
    }

    /// A number that changes whenever another connection commits (SQLite's `data_version`).
    fn data_version(&self) -> Result<i64> {
        Ok(self.row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    /// The state of a piece of evidence (`suggested`, `accepted`, `rejected`), if it exists.
    pub fn evidence_state(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .row("SELECT state FROM evidence WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?)
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
        let found: Option<(i64, i64)> = self
            .row(
                "SELECT e.recommendation_id, r.narrative_id \
                 FROM evidence e JOIN recommendation r ON r.id = e.recommendation_id \
                 WHERE e.id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let Some((rowid, narrative_id)) = found else {
            bail!("no evidence with id {id} (see tiptrack evidence list)");
        };
        // The sentence and source as shown, a suggestion's read from its narrative.
        let shown = self.row(
            &format!("SELECT {EVIDENCE_COLUMNS} FROM {EVIDENCE_FROM} WHERE e.id = ?1"),
            [id],
            evidence_from_row,
        )?;
        let (from, year, quote) = (shown.state.clone(), shown.year, shown.text.clone());
        let to = if accept { "accepted" } else { "rejected" };
        let decision = if from == to {
            Decision::Unchanged {
                id,
                state: from.clone(),
            }
        } else {
            // Undone, a decision leaves the sentence and source written in: the narrative's
            // text may have been imported again since, and the offsets no longer find them.
            let before = self.before("evidence", id, &["state", "assessment", "review_note"])?;
            // Decided evidence keeps its words: a suggestion's sentence and source are written in.
            self.exec(
                "UPDATE evidence SET state = ?1, assessment = ?2, review_note = ?3, quote = ?5, \
                 source = ?6 WHERE id = ?4",
                params![to, assessment, note, id, quote, shown.source],
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
                    before,
                },
                actor,
            )?;
            Decision::Changed {
                id,
                from,
                to: to.to_string(),
            }
        };
        let evidence = self.row(
            &format!("SELECT {EVIDENCE_COLUMNS} FROM {EVIDENCE_FROM} WHERE e.id = ?1"),
            [id],
            evidence_from_row,
        )?;
        Ok((decision, evidence))
    }
}
