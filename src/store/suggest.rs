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

use super::ranker::{Ranking, Ticket};
use super::rows::{CLOSED, EVIDENCE_COLUMNS, EVIDENCE_FROM, evidence_from_row};
use super::sql::{Backend, params};
use super::write::NewEvent;
use super::{Store, Writer};
use crate::model::{Actor, Evidence, NarrativeImport};
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
    year: i64,
    /// The narrative's undecided suggestions are replaced (the plan covers every item).
    replace: bool,
    /// What the ranking was made from, but for the narrative's text (its hash stands for it):
    /// on PostgreSQL, read again in the write transaction to tell whether it still holds.
    inputs: Inputs,
    rows: Vec<Planned>,
}

/// What a narrative's suggestions are a function of (see the module's comment).
#[derive(PartialEq)]
struct Inputs {
    iso3: String,
    year: i64,
    content_hash: String,
    updated_at: String,
    /// The recommendations ranked against the narrative.
    earlier: Vec<Asked>,
    /// Sentences a user already accepted or rejected for an item, which are not suggested again.
    decided: HashSet<(i64, String)>,
}

pub(super) struct Planned {
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

/// A narrative to rank: what its suggestions are a function of, and its text and sections.
pub(super) struct Job {
    inputs: Inputs,
    full_text: String,
    /// Each section's kind and body, in order.
    sections: Vec<(String, String)>,
}

impl Plan {
    fn new(narrative_id: i64, replace: bool, job: Job, rows: Vec<Planned>) -> Plan {
        Plan {
            narrative_id,
            year: job.inputs.year,
            replace,
            inputs: job.inputs,
            rows,
        }
    }
}

/// The best sentences of a narrative for each recommendation ranked against it: pure, so that
/// it can run on another thread (see `super::ranker`).
pub(super) fn rank(job: &Job) -> Vec<Planned> {
    let Job {
        inputs,
        full_text,
        sections,
    } = job;
    let mut rows = Vec::new();
    if inputs.earlier.is_empty() {
        return rows;
    }
    let year = inputs.year;
    let sentences = suggest::sentences(full_text, sections);
    let index = suggest::SentenceIndex::new(full_text, &sentences);
    let mut commitment: Vec<Option<bool>> = vec![None; sentences.len()];
    // The figures each sentence reports, found when an ask is measured by some.
    let mut figures: Option<Vec<Vec<Figure>>> = None;
    for (rowid, text) in &inputs.earlier {
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
            if quoted.contains(&quote) || inputs.decided.contains(&(*rowid, quote.to_string())) {
                continue;
            }
            quoted.push(quote);
            let commitment =
                *commitment[hit.sentence].get_or_insert_with(|| suggest::is_commitment(quote));
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
                let (job, mut rows) = self.ranker.ranked(ranking.ticket())?;
                if let Some(next) = next {
                    let hash = super::import::content_hash(&next.parsed.text);
                    let ticket = self.start_ranking(next, &hash, actor)?;
                    self.ranker.set_ahead(ticket);
                }
                let job =
                    if matches!(ranking, Ranking::Ahead(_)) && !self.still_holds(&job, import)? {
                        self.ranker.free(rows);
                        let hash = super::import::content_hash(&import.parsed.text);
                        let fresh = self.job_for(import, &hash, actor)?;
                        rows = rank(&fresh);
                        fresh
                    } else {
                        job
                    };
                let mut plan = Plan::new(narrative_id, true, job, rows);
                self.store_suggestions(&plan, actor)?;
                self.ranker.free(std::mem::take(&mut plan.rows));
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

    /// What the suggestions drawn from one narrative depend on: its country, year and text, the
    /// recommendations ranked (`only`, or every earlier open one of the country), and the
    /// sentences already decided on; and the narrative's text. None for a narrative that is not
    /// there.
    fn suggestion_inputs(
        &self,
        narrative_id: i64,
        only: Option<&[Asked]>,
    ) -> Result<Option<(Inputs, String)>> {
        let db = self.db();
        let Some((iso3, year, content_hash, updated_at, full_text)) = db.optional(
            "the narrative to rank",
            "SELECT n.iso3, n.year, n.content_hash, n.updated_at, t.full_text FROM narrative n \
             JOIN narrative_text t ON t.narrative_id = n.id WHERE n.id = ?1",
            params![narrative_id],
            |row| {
                Ok((
                    row.get::<String>(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get::<String>(4)?,
                ))
            },
        )?
        else {
            return Ok(None);
        };
        let earlier = match only {
            Some(asked) => asked.to_vec(),
            None => self.earlier_items(&iso3, year)?,
        };
        let mut decided = HashSet::new();
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
        }
        let inputs = Inputs {
            iso3,
            year,
            content_hash,
            updated_at,
            earlier,
            decided,
        };
        Ok(Some((inputs, full_text)))
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
        let Some((inputs, full_text)) = self.suggestion_inputs(narrative_id, only)? else {
            return Ok(None);
        };
        let sections = if inputs.earlier.is_empty() {
            Vec::new()
        } else {
            self.db().rows(
                "the narrative's sections, to rank",
                "SELECT kind, body FROM section WHERE narrative_id = ?1 ORDER BY position",
                params![narrative_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?
        };
        let job = Job {
            inputs,
            full_text,
            sections,
        };
        let rows = rank(&job);
        Ok(Some(Plan::new(narrative_id, only.is_none(), job, rows)))
    }

    /// Starts ranking a narrative this transaction is about to store (`import`, new) for the
    /// country's earlier items, on the ranker thread; [`Writer::suggest_after_import`] stores
    /// what it found. The ranking reads only the earlier reports' items and the narrative's own
    /// text and sections, none of which storing and linking the narrative changes, so it is
    /// what [`Writer::plan_suggestions`] would find once the narrative is stored.
    pub(super) fn start_ranking(
        &self,
        import: &NarrativeImport,
        content_hash: &str,
        actor: &Actor,
    ) -> Result<Ticket> {
        self.ranker
            .start(self.job_for(import, content_hash, actor)?)
    }

    /// What ranking a new narrative (`import`) is made from.
    fn job_for(&self, import: &NarrativeImport, content_hash: &str, actor: &Actor) -> Result<Job> {
        let earlier = self.earlier_items(&import.iso3, import.year)?;
        let parsed = &import.parsed;
        let sections = parsed
            .sections
            .iter()
            .map(|s| (s.kind.as_str().to_string(), parsed.body(s).to_string()))
            .collect();
        Ok(Job {
            inputs: Inputs {
                iso3: import.iso3.clone(),
                year: import.year,
                content_hash: content_hash.to_string(),
                updated_at: actor.at.clone(),
                earlier,
                // A new narrative: no sentence of it decided on yet.
                decided: HashSet::new(),
            },
            full_text: parsed.text.clone(),
            sections,
        })
    }

    /// Whether a ranking made in an earlier transaction ([`Ranking::Ahead`]) is what ranking the
    /// new narrative `import` in this one would find: made from the same text and sections, and
    /// the country's earlier items read the same (another process may have changed one between
    /// the two transactions).
    fn still_holds(&self, job: &Job, import: &NarrativeImport) -> Result<bool> {
        let parsed = &import.parsed;
        let same_narrative = job.inputs.iso3 == import.iso3
            && job.inputs.year == import.year
            && job.full_text == parsed.text
            && job.sections.len() == parsed.sections.len()
            && job
                .sections
                .iter()
                .zip(&parsed.sections)
                .all(|((kind, body), s)| kind == s.kind.as_str() && body == parsed.body(s));
        Ok(
            same_narrative
                && job.inputs.earlier == self.earlier_items(&import.iso3, import.year)?,
        )
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
                let only = (!plan.replace).then_some(plan.inputs.earlier.as_slice());
                let now = self.suggestion_inputs(plan.narrative_id, only)?;
                Ok(now.is_some_and(|(inputs, _)| inputs == plan.inputs))
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

#[cfg(test)]
mod tests {
    use super::super::ranker::Ranker;
    use super::*;

    fn job(text: &str, ask: &str) -> Job {
        Job {
            inputs: Inputs {
                iso3: "KAZ".into(),
                year: 2012,
                content_hash: String::new(),
                updated_at: String::new(),
                earlier: vec![(7, ask.into())],
                decided: HashSet::new(),
            },
            full_text: text.into(),
            sections: vec![("protection".into(), text.into())],
        }
    }

    const TEXT: &str = "The government identified 12 foreign victims of forced labor. \
                        It opened a shelter for foreign victims in Almaty.";

    /// The ranker thread finds what ranking on this thread does, and a job started and not
    /// waited for (its transaction failed) is not taken for the next one's.
    #[test]
    fn the_ranker_thread_ranks_as_this_one_and_skips_a_job_not_waited_for() {
        let ranker = Ranker::default();
        let ask = "Open shelters for foreign victims.";
        let here: Vec<(i64, i64)> = rank(&job(TEXT, ask))
            .iter()
            .map(|row| (row.start, row.end))
            .collect();
        assert!(!here.is_empty());
        let _abandoned = ranker
            .start(job(TEXT, "Screen migrants for forced labor."))
            .unwrap();
        let ticket = ranker.start(job(TEXT, ask)).unwrap();
        let (back, rows) = ranker.ranked(ticket).unwrap();
        assert_eq!(back.inputs.earlier[0].1, ask);
        let there: Vec<(i64, i64)> = rows.iter().map(|row| (row.start, row.end)).collect();
        assert_eq!(there, here);
        ranker.free(rows);
    }
}
