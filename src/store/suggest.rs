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

use super::rows::{CLOSED, EVIDENCE_COLUMNS, EVIDENCE_FROM, evidence_from_row};
use super::sql::{Backend, params};
use super::write::NewEvent;
use super::{Store, Writer};
use crate::model::{Actor, Evidence, NarrativeImport};
use crate::suggest::plan::{Asked, Job, Planned, rank};
use crate::suggest::ranker::Ticket;

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
            // Deleted meanwhile (no narrative row to rank): nothing to do.
            let Some((mark, plan)) = self.read(|r| {
                let mark = r.data_version()?;
                Ok(r.plan_suggestions(id, None)?.map(|plan| (mark, plan)))
            })?
            else {
                continue;
            };
            self.write(|w| {
                if w.unchanged_since(mark, &plan)? {
                    return w.store_suggestions(&plan, actor);
                }
                match w.plan_suggestions(id, None)? {
                    Some(plan) => w.store_suggestions(&plan, actor),
                    None => Ok(()),
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

/// One narrative's suggestions, ranked, to be written.
struct Plan {
    narrative_id: i64,
    /// The narrative's undecided suggestions are replaced (the plan covers every item).
    replace: bool,
    /// Which narrative, as it read when the ranking was made: on PostgreSQL, read again with
    /// what the ranking was made from in the write transaction, to tell whether it still holds.
    stamp: Stamp,
    job: Job,
    rows: Vec<Planned>,
}

/// A narrative's country, and what tells its text has changed.
#[derive(PartialEq)]
struct Stamp {
    iso3: String,
    content_hash: String,
    updated_at: String,
}

/// A ranking started on the ranker thread for a new narrative an import stores.
#[derive(Debug, Clone, Copy)]
pub(super) enum Ranking {
    /// Started in the transaction that stores the narrative, from what it reads.
    Started(Ticket),
    /// Started in the transaction before, which stored the narrative before it: taken only if
    /// what it was made from reads the same in this one.
    Ahead(Ticket),
}

impl Ranking {
    fn ticket(self) -> Ticket {
        match self {
            Ranking::Started(ticket) | Ranking::Ahead(ticket) => ticket,
        }
    }
}

impl Writer<'_> {
    /// Recomputes what an import of the country's narrative `narrative_id` changes: the
    /// suggestions drawn from it for the country's earlier open recommendations, and those drawn
    /// from the country's later narratives for its own recommendations.
    ///
    /// With `new`, the narrative was new, and a ranking of it started on the ranker thread: its
    /// own suggestions are what that found. Once they are known, the ranking of the `next`
    /// narrative the import stores starts (every write of this transaction that it reads is
    /// done), so that the ranker works while this one's suggestions are stored and committed.
    pub(super) fn suggest_after_import(
        &self,
        narrative_id: i64,
        new: Option<(Ranking, &NarrativeImport)>,
        next: Option<&NarrativeImport>,
        actor: &Actor,
    ) -> Result<()> {
        match new {
            Some((ranking, import)) => {
                let (job, rows) = self.ranker.ranked(ranking.ticket())?;
                if let Some(next) = next {
                    self.rank_ahead(import, next)?;
                }
                // A ranking made in the transaction before is taken only if what it was made
                // from reads the same in this one: another process may have changed one of the
                // country's earlier items in between. The ranker's rows go back to it to be
                // freed; rows ranked here are freed here.
                let (job, rows, ranked_there) = match ranking {
                    Ranking::Ahead(_) => {
                        let now = self.job_for(import)?;
                        if now == job {
                            (job, rows, true)
                        } else {
                            self.ranker.free(rows);
                            let rows = rank(&now);
                            (now, rows, false)
                        }
                    }
                    Ranking::Started(_) => (job, rows, true),
                };
                let stamp = Stamp {
                    iso3: import.iso3.clone(),
                    content_hash: super::import::content_hash(&import.parsed.text),
                    updated_at: actor.at.clone(),
                };
                let mut plan = Plan {
                    narrative_id,
                    replace: true,
                    stamp,
                    job,
                    rows,
                };
                self.store_suggestions(&plan, actor)?;
                if ranked_there {
                    self.ranker.free(std::mem::take(&mut plan.rows));
                }
            }
            None => self.suggest_from(narrative_id, None, actor)?,
        }
        let db = self.db();
        let (iso3, year): (String, i64) = db.row(
            "the imported narrative's country and year",
            "SELECT iso3, year FROM narrative WHERE id = ?1",
            params![narrative_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        db.exec(
            "removing the suggestions for the narrative's items",
            "DELETE FROM evidence WHERE state = 'suggested' AND recommendation_id IN \
             (SELECT id FROM recommendation WHERE narrative_id = ?1)",
            params![narrative_id],
        )?;
        let own = db.rows(
            "the narrative's items, to rank later narratives against",
            "SELECT id, text FROM recommendation WHERE narrative_id = ?1 \
             AND position IS NOT NULL ORDER BY seq",
            params![narrative_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
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
        self.db().rows(
            "the narratives to suggest evidence from",
            "SELECT id FROM narrative WHERE (CAST(?1 AS TEXT) IS NULL OR iso3 = ?1) \
             AND removed IS NULL ORDER BY iso3, year",
            params![iso3],
            |row| row.get(0),
        )
    }

    /// How many suggestions await review, in all or for one country.
    pub(super) fn suggestions_awaiting(&self, iso3: Option<&str>) -> Result<i64> {
        if iso3.is_none() {
            // Every suggestion, counted from the narrative index alone (no row read), less
            // those of the few closed items, found from the items: at a million suggestions,
            // 0.04 s where joining each suggestion to its item took 0.3 s (an import's summary).
            return self.db().value(
                "counting the suggestions awaiting review",
                &format!(
                    "SELECT (SELECT count(*) FROM evidence \
                     WHERE narrative_id IS NOT NULL AND state = 'suggested') - \
                     (SELECT count(*) FROM evidence WHERE state = 'suggested' \
                     AND recommendation_id IN (SELECT r.id FROM recommendation r \
                     LEFT JOIN ask a ON a.id = r.ask_id \
                     WHERE coalesce(a.status, r.status) IN {CLOSED}))"
                ),
                params![],
            );
        }
        self.db().value(
            "counting the suggestions awaiting review",
            &format!(
                "SELECT count(*) FROM evidence e JOIN narrative n ON n.id = e.narrative_id \
                 JOIN recommendation r ON r.id = e.recommendation_id \
                 LEFT JOIN ask a ON a.id = r.ask_id \
                 WHERE e.state = 'suggested' AND coalesce(a.status, r.status) NOT IN {CLOSED} \
                 AND (CAST(?1 AS TEXT) IS NULL OR n.iso3 = ?1)"
            ),
            params![iso3],
        )
    }

    /// The country's narratives after `year`, oldest first.
    fn narratives_after(&self, iso3: &str, year: i64) -> Result<Vec<i64>> {
        self.db().rows(
            "the country's later narratives",
            "SELECT id FROM narrative WHERE iso3 = ?1 AND year > ?2 AND removed IS NULL \
             ORDER BY year",
            params![iso3, year],
            |row| row.get(0),
        )
    }

    /// Suggests sentences of one narrative as evidence. With `only`, for those recommendations
    /// (whose earlier suggestions from it the caller removed); without, for every earlier open
    /// recommendation of the country, replacing the narrative's undecided suggestions.
    fn suggest_from(&self, narrative_id: i64, only: Option<&[Asked]>, actor: &Actor) -> Result<()> {
        let Some(plan) = self.plan_suggestions(narrative_id, only)? else {
            bail!("no narrative {narrative_id} to suggest evidence from");
        };
        self.store_suggestions(&plan, actor)
    }

    /// What the suggestions drawn from one narrative are a function of: its country, year, text
    /// and sections, the recommendations ranked (`only`, or every earlier open one of the
    /// country), and the sentences already decided on. None for a narrative that is not there.
    fn suggestion_inputs(
        &self,
        narrative_id: i64,
        only: Option<&[Asked]>,
    ) -> Result<Option<(Stamp, Job)>> {
        let db = self.db();
        let Some((stamp, year, full_text)) = db.optional(
            "the narrative to rank",
            "SELECT n.iso3, n.year, n.content_hash, n.updated_at, t.full_text FROM narrative n \
             JOIN narrative_text t ON t.narrative_id = n.id WHERE n.id = ?1",
            params![narrative_id],
            |row| {
                let stamp = Stamp {
                    iso3: row.get(0)?,
                    content_hash: row.get(2)?,
                    updated_at: row.get(3)?,
                };
                Ok((stamp, row.get(1)?, row.get::<String>(4)?))
            },
        )?
        else {
            return Ok(None);
        };
        let earlier = match only {
            Some(asked) => asked.to_vec(),
            None => self.earlier_items(&stamp.iso3, year)?,
        };
        let mut decided = HashSet::new();
        let mut sections = Vec::new();
        if !earlier.is_empty() {
            db.each(
                "the sentences of the narrative already decided on",
                "SELECT recommendation_id, quote FROM evidence \
                 WHERE narrative_id = ?1 AND state <> 'suggested'",
                params![narrative_id],
                |row| {
                    decided.insert((row.get(0)?, row.get(1)?));
                    Ok(())
                },
            )?;
            sections = db.rows(
                "the narrative's sections, to rank",
                "SELECT kind, body FROM section WHERE narrative_id = ?1 ORDER BY position",
                params![narrative_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
        }
        let job = Job {
            year,
            full_text,
            sections,
            earlier,
            decided,
        };
        Ok(Some((stamp, job)))
    }

    /// The country's items of reports before `year`, which its narrative of `year` is ranked
    /// against.
    fn earlier_items(&self, iso3: &str, year: i64) -> Result<Vec<Asked>> {
        self.db().rows(
            "the country's earlier items, to rank the narrative against",
            "SELECT r.id, r.text FROM recommendation r \
             JOIN narrative n ON n.id = r.narrative_id \
             WHERE n.iso3 = ?1 AND n.year < ?2 AND r.position IS NOT NULL \
             AND n.removed IS NULL ORDER BY n.year, r.seq",
            params![iso3, year],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// Ranks one narrative's sentences for the recommendations (`only`, or every earlier open
    /// one of the country), reading only: what [`Writer::store_suggestions`] writes. None for a
    /// narrative that is not there.
    fn plan_suggestions(&self, narrative_id: i64, only: Option<&[Asked]>) -> Result<Option<Plan>> {
        let Some((stamp, job)) = self.suggestion_inputs(narrative_id, only)? else {
            return Ok(None);
        };
        let rows = rank(&job);
        Ok(Some(Plan {
            narrative_id,
            replace: only.is_none(),
            stamp,
            job,
            rows,
        }))
    }

    /// Starts ranking a narrative this transaction is about to store (`import`, new) for the
    /// country's earlier items, on the ranker thread; [`Writer::suggest_after_import`] stores
    /// what it found. The ranking reads only the earlier reports' items and the narrative's own
    /// text and sections, none of which storing and linking the narrative changes, so it is
    /// what [`Writer::plan_suggestions`] would find once the narrative is stored.
    /// None if the ranker cannot start (no thread to be had): the narrative is then ranked on
    /// this thread, after it is stored.
    pub(super) fn start_ranking(&self, import: &NarrativeImport) -> Result<Option<Ticket>> {
        Ok(self.ranker.start(self.job_for(import)?).ok())
    }

    /// Starts ranking `next`, the narrative an import stores after `import`, if it will be new
    /// (not stored yet, and not `import` again); [`Writer::import_narrative`] takes it. A ranker
    /// that cannot start (no thread to be had) leaves it to be ranked in its own transaction.
    fn rank_ahead(&self, import: &NarrativeImport, next: &NarrativeImport) -> Result<()> {
        if (next.iso3.as_str(), next.year) == (import.iso3.as_str(), import.year) {
            return Ok(());
        }
        let stored: Option<i64> = self.db().optional(
            "whether the next narrative is stored already",
            "SELECT id FROM narrative WHERE iso3 = ?1 AND year = ?2",
            params![next.iso3, next.year],
            |row| row.get(0),
        )?;
        if stored.is_none()
            && let Ok(ticket) = self.ranker.start(self.job_for(next)?)
        {
            self.ranker.set_ahead(ticket);
        }
        Ok(())
    }

    /// What ranking a new narrative (`import`) is made from.
    fn job_for(&self, import: &NarrativeImport) -> Result<Job> {
        let parsed = &import.parsed;
        Ok(Job {
            year: import.year,
            full_text: parsed.text.clone(),
            sections: parsed
                .sections
                .iter()
                .map(|s| (s.kind.as_str().to_string(), parsed.body(s).to_string()))
                .collect(),
            earlier: self.earlier_items(&import.iso3, import.year)?,
            // A new narrative: no sentence of it decided on yet.
            decided: HashSet::new(),
        })
    }

    /// Writes a narrative's planned suggestions (replacing its undecided ones, for a plan of
    /// every recommendation).
    fn store_suggestions(&self, plan: &Plan, actor: &Actor) -> Result<()> {
        let db = self.db();
        if plan.replace {
            db.exec(
                "removing the narrative's suggestions",
                "DELETE FROM evidence WHERE narrative_id = ?1 AND state = 'suggested'",
                params![plan.narrative_id],
            )?;
        }
        // The sentence and source are the narrative's, not stored twice (see schema.sql).
        for row in &plan.rows {
            db.exec(
                "storing a suggestion",
                "INSERT INTO evidence (recommendation_id, report_year, added_by, added_at, \
                 state, narrative_id, section, paragraph, start_offset, end_offset, score, \
                 reason, commitment) \
                 VALUES (?1, ?2, ?3, ?4, 'suggested', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    row.recommendation,
                    plan.job.year,
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
                ],
            )?;
        }
        Ok(())
    }

    /// On SQLite, a number that changes whenever another connection commits (its
    /// `data_version`); on PostgreSQL, which has no such number, None (see
    /// [`Writer::unchanged_since`]).
    fn data_version(&self) -> Result<Option<i64>> {
        match self.db().backend() {
            Backend::Sqlite => self
                .db()
                .value(
                    "whether another connection wrote",
                    "PRAGMA data_version",
                    params![],
                )
                .map(Some),
            Backend::Postgres => Ok(None),
        }
    }

    /// Whether `plan`, made in an earlier read transaction, still holds in this one: on SQLite,
    /// no other connection committed since `mark` (its `data_version` then); on PostgreSQL,
    /// what the ranking was made from reads the same again (a cheap fraction of ranking again).
    fn unchanged_since(&self, mark: Option<i64>, plan: &Plan) -> Result<bool> {
        match mark {
            Some(version) => Ok(self.data_version()? == Some(version)),
            None => {
                let only = (!plan.replace).then_some(plan.job.earlier.as_slice());
                let now = self.suggestion_inputs(plan.narrative_id, only)?;
                Ok(now.is_some_and(|(stamp, job)| stamp == plan.stamp && job == plan.job))
            }
        }
    }

    /// The state of a piece of evidence (`suggested`, `accepted`, `rejected`), if it exists.
    pub fn evidence_state(&self, id: i64) -> Result<Option<String>> {
        self.db().optional(
            "the state of a piece of evidence",
            "SELECT state FROM evidence WHERE id = ?1",
            params![id],
            |row| row.get(0),
        )
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
        let db = self.db();
        let found: Option<(i64, i64)> = db.optional(
            "the evidence to decide on",
            "SELECT e.recommendation_id, r.narrative_id \
             FROM evidence e JOIN recommendation r ON r.id = e.recommendation_id \
             WHERE e.id = ?1",
            params![id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let Some((rowid, narrative_id)) = found else {
            bail!("no evidence with id {id} (see tiptrack evidence list)");
        };
        let evidence_sql =
            format!("SELECT {EVIDENCE_COLUMNS} FROM {EVIDENCE_FROM} WHERE e.id = ?1");
        // The sentence and source as shown, a suggestion's read from its narrative.
        let shown = db.row(
            "the evidence as shown",
            &evidence_sql,
            params![id],
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
            db.exec(
                "recording the decision on the evidence",
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
        let evidence = db.row(
            "the evidence decided on",
            &evidence_sql,
            params![id],
            evidence_from_row,
        )?;
        Ok((decision, evidence))
    }
}
