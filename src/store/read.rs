//! Queries: recommendations, notes, evidence, history and status counts, as model types.

use anyhow::Result;

use super::rows::{
    self, CLOSED, EVENT_COLUMNS, EVIDENCE_COLUMNS, EVIDENCE_FROM, LISTED, RECOMMENDATION_COLUMNS,
    RECOMMENDATION_FROM,
};
use super::sql::params;
use super::{Store, Writer};
use crate::model::{
    Event, Evidence, Filter, NarrativeWarning, Recommendation, RecommendationDetail,
};

impl Store {
    /// Recommendations matching `filter`, by country, year and position.
    pub fn list_recommendations(&self, filter: &Filter) -> Result<Vec<Recommendation>> {
        let mut conditions = rows::Conditions::default();
        conditions.narrative(filter);
        conditions.any_of("coalesce(a.status, r.status)", &filter.statuses);
        conditions.classes(filter);
        if !filter.include_removed {
            conditions.clause("r.position IS NOT NULL");
        }
        if let Some(persistent) = filter.persistent {
            conditions.greater("r.ask_position", persistent);
        }
        if let Some(due_before) = &filter.due_before {
            conditions.less("a.due_date", due_before.clone());
        }
        let mut sql = format!("SELECT {RECOMMENDATION_COLUMNS} FROM {RECOMMENDATION_FROM}");
        sql.push_str(&conditions.where_sql());
        // A removed item (no position) after the others: `r.position IS NULL` sorts false
        // first on both databases.
        sql.push_str(" ORDER BY n.iso3, n.year, r.position IS NULL, r.position, r.seq");
        let mut items = self.db().rows(
            "the items",
            &sql,
            &conditions.params(),
            rows::recommendation_from_row,
        )?;
        // Searched here rather than in SQL, whose lower() folds only ASCII letters.
        if let Some(search) = &filter.search {
            let needle = search.to_lowercase();
            items.retain(|item| item.text.to_lowercase().contains(&needle));
        }
        if let Some(owner) = &filter.owner {
            items.retain(|item| {
                item.owner
                    .iter()
                    .chain(&item.supporting)
                    .any(|name| name.to_lowercase().contains(owner.as_str()))
            });
        }
        if filter.overdue {
            let today = crate::period::today();
            items.retain(|item| crate::ask::overdue(item.status, item.due.as_deref(), today));
        }
        Ok(items)
    }

    /// One recommendation by its ID (case-insensitive).
    pub fn recommendation(&self, id: &str) -> Result<Recommendation> {
        rows::find_recommendation(self.db(), id)
    }

    /// Everything recorded about one recommendation.
    pub fn recommendation_detail(&self, id: &str) -> Result<RecommendationDetail> {
        let recommendation = self.recommendation(id)?;
        let code = recommendation.id.as_str();
        let notes = self.db().rows(
            "the notes of an ask",
            "SELECT t.id, r.code, t.text, t.author, t.created_at FROM note t \
             JOIN recommendation r ON r.id = t.recommendation_id \
             WHERE r.ask_id = (SELECT ask_id FROM recommendation WHERE code = ?1) \
             AND t.deleted IS NULL ORDER BY t.id",
            params![code],
            rows::note_from_row,
        )?;
        let warnings = self.db().rows(
            "the importer's warnings about an item's narrative",
            "SELECT w.message FROM narrative_warning w \
             JOIN recommendation r ON r.narrative_id = w.narrative_id \
             WHERE r.code = ?1 ORDER BY w.position",
            params![code],
            |row| row.get(0),
        )?;
        Ok(RecommendationDetail {
            ask: self.ask_of(code)?,
            line: self.chain(code)?,
            warnings,
            notes,
            evidence: self.list_evidence(Some(code), "accepted", None)?,
            history: self.history(Some(code), None, None, None)?,
            recommendation,
        })
    }

    /// Evidence in one state (`accepted`, `suggested`, `rejected`), for one recommendation or
    /// all, or one country's: in item order, then by report year (a user's own first), score
    /// (best first) and id.
    pub fn list_evidence(
        &self,
        id: Option<&str>,
        state: &str,
        iso3: Option<&str>,
    ) -> Result<Vec<Evidence>> {
        self.evidence_in(state, id, iso3, LISTED)
    }

    /// The suggestions awaiting review, for `review`: one recommendation's, one country's or all,
    /// by recommendation (country, report year, item order), then best score first.
    pub fn suggestions_to_review(
        &self,
        id: Option<&str>,
        iso3: Option<&str>,
    ) -> Result<Vec<Evidence>> {
        self.evidence_in(
            "suggested",
            id,
            iso3,
            "e.score DESC NULLS LAST, e.report_year, e.id",
        )
    }

    /// Evidence in one state, in item order then `order`; suggestions of addressed and
    /// superseded items left out.
    fn evidence_in(
        &self,
        state: &str,
        id: Option<&str>,
        iso3: Option<&str>,
        order: &str,
    ) -> Result<Vec<Evidence>> {
        let mut items = Vec::new();
        self.evidence_each(state, id, iso3, order, |e| {
            items.push(e);
            Ok(())
        })?;
        Ok(items)
    }

    /// [`Store::evidence_in`] row by row, as read.
    fn evidence_each(
        &self,
        state: &str,
        id: Option<&str>,
        iso3: Option<&str>,
        order: &str,
        mut f: impl FnMut(Evidence) -> Result<()>,
    ) -> Result<()> {
        let code = id
            .map(|id| self.recommendation(id))
            .transpose()?
            .map(|r| r.id);
        // Plans do not depend on the values bound (see `Store::prepare`): a country given is
        // a condition the planner can look up by, which "?3 IS NULL OR ..." is not. (The
        // CASTs give PostgreSQL the type of a parameter used nowhere else.)
        let country = if iso3.is_some() {
            "n.iso3 = ?3"
        } else {
            "CAST(?3 AS TEXT) IS NULL"
        };
        // One ask's evidence from its items down (recommendation_by_ask, then
        // evidence_by_recommendation); a condition "?2 IS NULL OR ..." would make SQLite scan
        // all the evidence, suggestions included (140 ms of `show` at 50,000 items).
        let ask = if code.is_some() {
            "r.ask_id = (SELECT ask_id FROM recommendation WHERE code = ?2)"
        } else {
            "CAST(?2 AS TEXT) IS NULL"
        };
        let sql = format!(
            "SELECT {EVIDENCE_COLUMNS} FROM {EVIDENCE_FROM} \
             JOIN narrative n ON n.id = r.narrative_id AND n.removed IS NULL \
             WHERE e.state = ?1 AND e.deleted IS NULL AND {country} \
             AND {ask} \
             AND (e.state <> 'suggested' OR coalesce(a.status, r.status) NOT IN {CLOSED}) \
             ORDER BY n.iso3, n.year, r.seq, {order}"
        );
        self.db()
            .each("the evidence", &sql, params![state, code, iso3], |row| {
                f(rows::evidence_from_row(row)?)
            })
    }

    /// [`Store::list_evidence`] row by row, as the rows are read: `f` is called with each, and
    /// no list is built, so that a listing of any size holds one row (and SQLite's sort of one
    /// country's).
    pub fn each_evidence(
        &self,
        id: Option<&str>,
        state: &str,
        iso3: Option<&str>,
        mut f: impl FnMut(Evidence) -> Result<()>,
    ) -> Result<()> {
        if id.is_some() || iso3.is_some() {
            return self.evidence_each(state, id, iso3, LISTED, f);
        }
        // Country by country, each sorted on its own: the first rows come at once, where one
        // query over everything sorts it all before its first row.
        let countries: Vec<String> = self.db().rows(
            "the countries",
            "SELECT DISTINCT iso3 FROM narrative ORDER BY iso3",
            params![],
            |row| row.get(0),
        )?;
        for country in &countries {
            self.evidence_each(state, None, Some(country), LISTED, &mut f)?;
        }
        Ok(())
    }

    /// One piece of evidence by its id, in whatever state, or None if there is none (a
    /// suggestion awaiting review goes when the suggestions are recomputed).
    pub fn evidence(&self, id: i64) -> Result<Option<Evidence>> {
        self.db().optional(
            "a piece of evidence",
            &format!(
                "SELECT {EVIDENCE_COLUMNS} FROM {EVIDENCE_FROM} \
                 WHERE e.id = ?1 AND e.deleted IS NULL"
            ),
            params![id],
            rows::evidence_from_row,
        )
    }

    /// The change log of one recommendation, or of everything, newest first; with `since` or
    /// `until`, only the changes dated within them (on the date they took effect, when one
    /// was given, else the day they were recorded).
    pub fn history(
        &self,
        id: Option<&str>,
        limit: Option<i64>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Vec<Event>> {
        let db = self.db();
        let rowid = id.map(|id| rows::find_row(db, id)).transpose()?;
        // No limit: the largest there is (PostgreSQL refuses SQLite's negative one).
        let limit = limit.unwrap_or(i64::MAX);
        // One item's events through event_by_recommendation; the whole log by id. (A condition
        // "?1 IS NULL OR ..." would make SQLite scan the whole log for one item.)
        let which = if rowid.is_some() {
            "ev.recommendation_id = ?1"
        } else {
            "CAST(?1 AS BIGINT) IS NULL"
        };
        // The day a change was recorded: the date part of its RFC 3339 time. (A parameter that
        // PostgreSQL first meets in IS NULL needs its type given.)
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM event ev JOIN narrative n ON n.id = ev.narrative_id \
             LEFT JOIN recommendation r ON r.id = ev.recommendation_id \
             WHERE {which} \
             AND (CAST(?2 AS TEXT) IS NULL \
                  OR coalesce(ev.effective_date, substr(ev.at, 1, 10)) >= ?2) \
             AND (CAST(?3 AS TEXT) IS NULL \
                  OR coalesce(ev.effective_date, substr(ev.at, 1, 10)) <= ?3) \
             ORDER BY ev.id DESC LIMIT ?4"
        );
        let rowid = rowid.map(|(_, ids)| ids.recommendation);
        db.rows(
            "the history",
            &sql,
            params![rowid, since, until, limit],
            rows::event_from_row,
        )
    }

    /// A country's narratives as (report year, full text), earliest first.
    pub fn narrative_texts(&self, iso3: &str) -> Result<Vec<(i64, String)>> {
        self.db().rows(
            "a country's narratives",
            "SELECT n.year, t.full_text \
             FROM narrative n JOIN narrative_text t ON t.narrative_id = n.id \
             WHERE n.iso3 = ?1 AND n.removed IS NULL ORDER BY n.year",
            params![iso3],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// The importer's warnings, by country and year.
    pub fn list_warnings(
        &self,
        iso3: Option<&str>,
        year: Option<i64>,
    ) -> Result<Vec<NarrativeWarning>> {
        self.db().rows(
            "the importer's warnings",
            "SELECT n.country, n.iso3, n.year, n.source_name, w.message \
             FROM narrative_warning w JOIN narrative n ON n.id = w.narrative_id \
             WHERE (CAST(?1 AS TEXT) IS NULL OR n.iso3 = ?1) \
             AND (CAST(?2 AS BIGINT) IS NULL OR n.year = ?2) \
             AND n.removed IS NULL ORDER BY n.iso3, n.year, w.position",
            params![iso3, year],
            |row| {
                Ok(NarrativeWarning {
                    country: row.get(0)?,
                    iso3: row.get(1)?,
                    year: row.get(2)?,
                    source: row.get(3)?,
                    message: row.get(4)?,
                })
            },
        )
    }
}

impl Writer<'_> {
    /// One recommendation by its ID (case-insensitive), inside this transaction.
    pub fn recommendation(&self, id: &str) -> Result<Recommendation> {
        rows::find_recommendation(self.db(), id)
    }
}
