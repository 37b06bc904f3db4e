//! Queries: recommendations, notes, evidence, history and status counts, as model types.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};

use super::{Store, StoreError, Writer};
use crate::model::{
    Event, Evidence, Filter, Note, Recommendation, RecommendationDetail, Status, Tier,
};

/// The columns [`recommendation_from_row`] reads, in its order.
pub(super) const RECOMMENDATION_COLUMNS: &str = "r.code, n.country, n.iso3, n.year, n.tier, \
     r.position, r.text, r.truncated, r.status, r.updated_at";

pub(super) fn recommendation_from_row(row: &Row<'_>) -> rusqlite::Result<Recommendation> {
    Ok(Recommendation {
        id: row.get(0)?,
        country: row.get(1)?,
        iso3: row.get(2)?,
        year: row.get(3)?,
        tier: row.get::<_, Option<Tier>>(4)?,
        position: row.get(5)?,
        text: row.get(6)?,
        truncated: row.get(7)?,
        status: row.get(8)?,
        updated_at: row.get(9)?,
    })
}

fn note_from_row(row: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: row.get(0)?,
        recommendation: row.get(1)?,
        text: row.get(2)?,
        author: row.get(3)?,
        created_at: row.get(4)?,
    })
}

const EVIDENCE_COLUMNS: &str =
    "e.id, r.code, e.report_year, e.quote, e.source, e.action_date, e.added_by, e.added_at";

fn evidence_from_row(row: &Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: row.get(0)?,
        recommendation: row.get(1)?,
        year: row.get(2)?,
        text: row.get(3)?,
        source: row.get(4)?,
        date: row.get(5)?,
        added_by: row.get(6)?,
        added_at: row.get(7)?,
    })
}

const EVENT_COLUMNS: &str = "ev.id, r.code, n.iso3, n.year, ev.kind, ev.old_value, ev.new_value, \
     ev.note, ev.effective_date, ev.actor, ev.at";

fn event_from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        id: row.get(0)?,
        recommendation: row.get(1)?,
        iso3: row.get(2)?,
        year: row.get(3)?,
        kind: row.get(4)?,
        old_value: row.get(5)?,
        new_value: row.get(6)?,
        note: row.get(7)?,
        date: row.get(8)?,
        actor: row.get(9)?,
        at: row.get(10)?,
    })
}

/// Recommendations counted by status for one narrative, for the progress report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCounts {
    pub country: String,
    pub iso3: String,
    pub year: i64,
    pub tier: Option<Tier>,
    /// How many of the narrative's current recommendations have each status.
    pub counts: Vec<(Status, i64)>,
}

impl Store {
    /// Recommendations matching `filter`, by country, year and position.
    pub fn list_recommendations(&self, filter: &Filter) -> Result<Vec<Recommendation>> {
        // Clauses are fixed strings chosen by which filters are set; values are always bound.
        let mut clauses: Vec<String> = Vec::new();
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(iso3) = &filter.iso3 {
            clauses.push("n.iso3 = ?".into());
            values.push(Box::new(iso3.clone()));
        }
        if let Some(year) = filter.year {
            clauses.push("n.year = ?".into());
            values.push(Box::new(year));
        }
        if !filter.statuses.is_empty() {
            let marks = vec!["?"; filter.statuses.len()].join(", ");
            clauses.push(format!("r.status IN ({marks})"));
            for status in &filter.statuses {
                values.push(Box::new(*status));
            }
        }
        if let Some(search) = &filter.search {
            clauses.push("instr(lower(r.text), lower(?)) > 0".into());
            values.push(Box::new(search.clone()));
        }
        if !filter.include_removed {
            clauses.push("r.position IS NOT NULL".into());
        }
        let mut sql = format!(
            "SELECT {RECOMMENDATION_COLUMNS} FROM recommendation r \
             JOIN narrative n ON n.id = r.narrative_id"
        );
        if !clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&clauses.join(" AND "));
        }
        sql.push_str(" ORDER BY n.iso3, n.year, r.position IS NULL, r.position, r.seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v.as_ref()).collect();
        let rows = stmt.query_map(params.as_slice(), recommendation_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One recommendation by its ID (case-insensitive).
    pub fn recommendation(&self, id: &str) -> Result<Recommendation> {
        find_recommendation(&self.conn, id)
    }

    /// Everything recorded about one recommendation.
    pub fn recommendation_detail(&self, id: &str) -> Result<RecommendationDetail> {
        let recommendation = self.recommendation(id)?;
        let code = recommendation.id.as_str();
        let mut stmt = self.conn.prepare(
            "SELECT t.id, r.code, t.text, t.author, t.created_at FROM note t \
             JOIN recommendation r ON r.id = t.recommendation_id WHERE r.code = ?1 ORDER BY t.id",
        )?;
        let notes = stmt
            .query_map([code], note_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(RecommendationDetail {
            notes,
            evidence: self.list_evidence(Some(code))?,
            history: self.history(Some(code), None)?,
            recommendation,
        })
    }

    /// Evidence for one recommendation, or for all, oldest first.
    pub fn list_evidence(&self, id: Option<&str>) -> Result<Vec<Evidence>> {
        let base = format!(
            "SELECT {EVIDENCE_COLUMNS} FROM evidence e JOIN recommendation r ON r.id = e.recommendation_id"
        );
        let rows = match id {
            Some(id) => {
                let code = self.recommendation(id)?.id;
                let mut stmt = self
                    .conn
                    .prepare(&format!("{base} WHERE r.code = ?1 ORDER BY e.id"))?;
                stmt.query_map([code], evidence_from_row)?
                    .collect::<rusqlite::Result<_>>()?
            }
            None => {
                let mut stmt = self.conn.prepare(&format!(
                    "{base} JOIN narrative n ON n.id = r.narrative_id \
                     ORDER BY n.iso3, n.year, r.seq, e.id"
                ))?;
                stmt.query_map([], evidence_from_row)?
                    .collect::<rusqlite::Result<_>>()?
            }
        };
        Ok(rows)
    }

    /// The change log of one recommendation, or of everything, newest first.
    pub fn history(&self, id: Option<&str>, limit: Option<i64>) -> Result<Vec<Event>> {
        let base = format!(
            "SELECT {EVENT_COLUMNS} FROM event ev JOIN narrative n ON n.id = ev.narrative_id \
             LEFT JOIN recommendation r ON r.id = ev.recommendation_id"
        );
        // A negative LIMIT means no limit in SQLite.
        let limit = limit.unwrap_or(-1);
        let rows = match id {
            Some(id) => {
                let code = self.recommendation(id)?.id;
                let mut stmt = self.conn.prepare(&format!(
                    "{base} WHERE r.code = ?1 ORDER BY ev.id DESC LIMIT ?2"
                ))?;
                stmt.query_map(params![code, limit], event_from_row)?
                    .collect::<rusqlite::Result<_>>()?
            }
            None => {
                let mut stmt = self
                    .conn
                    .prepare(&format!("{base} ORDER BY ev.id DESC LIMIT ?1"))?;
                stmt.query_map([limit], event_from_row)?
                    .collect::<rusqlite::Result<_>>()?
            }
        };
        Ok(rows)
    }

    /// Per narrative, how many of its current recommendations have each status.
    pub fn status_counts(
        &self,
        iso3: Option<&str>,
        year: Option<i64>,
    ) -> Result<Vec<StatusCounts>> {
        // Two plain scans merged here beat one join: the counts come from a covering index
        // alone, and narratives with no recommendations still get their row.
        let mut counts: HashMap<i64, Vec<(Status, i64)>> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT narrative_id, status, count(*) FROM recommendation \
             WHERE position IS NOT NULL GROUP BY narrative_id, status",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            counts
                .entry(row.get(0)?)
                .or_default()
                .push((row.get(1)?, row.get(2)?));
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, country, iso3, year, tier FROM narrative \
             WHERE (?1 IS NULL OR iso3 = ?1) AND (?2 IS NULL OR year = ?2) ORDER BY iso3, year",
        )?;
        let narratives = stmt.query_map(params![iso3, year], |row| {
            Ok(StatusCounts {
                counts: counts.remove(&row.get::<_, i64>(0)?).unwrap_or_default(),
                country: row.get(1)?,
                iso3: row.get(2)?,
                year: row.get(3)?,
                tier: row.get(4)?,
            })
        })?;
        Ok(narratives.collect::<rusqlite::Result<_>>()?)
    }

    /// The report years for which a narrative of this country is stored, newest first.
    pub fn narrative_years(&self, iso3: &str) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT year FROM narrative WHERE iso3 = ?1 ORDER BY year DESC")?;
        let years = stmt
            .query_map([iso3], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(years)
    }
}

impl Writer<'_> {
    /// One recommendation by its ID (case-insensitive), inside this transaction.
    pub fn recommendation(&self, id: &str) -> Result<Recommendation> {
        find_recommendation(&self.tx, id)
    }
}

pub(super) fn find_recommendation(conn: &Connection, id: &str) -> Result<Recommendation> {
    let code = id.trim().to_uppercase();
    let found = conn
        .query_row(
            &format!(
                "SELECT {RECOMMENDATION_COLUMNS} FROM recommendation r \
                 JOIN narrative n ON n.id = r.narrative_id WHERE r.code = ?1"
            ),
            [&code],
            recommendation_from_row,
        )
        .optional()?;
    match found {
        Some(recommendation) => Ok(recommendation),
        None => Err(StoreError::UnknownId {
            id: id.to_string(),
            suggestions: similar_codes(conn, &code)?,
        }
        .into()),
    }
}

/// Up to three existing IDs closest to a mistyped one.
fn similar_codes(conn: &Connection, code: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT code FROM recommendation")?;
    let mut scored: Vec<(f64, String)> = stmt
        .query_map([], |row| row.get::<_, String>(0))?
        .filter_map(|c| c.ok())
        .map(|candidate| (strsim::jaro_winkler(code, &candidate), candidate))
        .filter(|(score, _)| *score >= 0.85)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(scored.into_iter().take(3).map(|(_, c)| c).collect())
}
