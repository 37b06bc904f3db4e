//! Queries: recommendations, notes, evidence, history and status counts, as model types.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};

use super::{Store, StoreError, Writer};
use crate::model::{
    Action, Area, CountKey, Event, Evidence, Filter, Grouping, NarrativeWarning, Note,
    Recommendation, RecommendationDetail, Status, StatusCounts, Tier,
};

/// The columns [`recommendation_from_row`] reads, in its order.
pub(super) const RECOMMENDATION_COLUMNS: &str = "r.code, n.country, n.iso3, n.year, n.tier, \
     r.position, r.text, r.truncated, r.area, r.action, r.status, r.updated_at";

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
        area: row.get(8)?,
        action: row.get(9)?,
        status: row.get(10)?,
        updated_at: row.get(11)?,
        // Filled in from the links by `links::fill_repeats`.
        repeats: 0,
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

/// The columns [`evidence_from_row`] reads, from [`EVIDENCE_FROM`]. A suggestion awaiting review
/// stores neither its sentence nor its source: they are its narrative's (the sentence is the
/// text between its byte offsets, hence the BLOB casts).
pub(super) const EVIDENCE_COLUMNS: &str = "e.id, r.code, e.report_year, \
     coalesce(e.quote, CAST(substr(CAST(t.full_text AS BLOB), e.start_offset + 1, \
     e.end_offset - e.start_offset) AS TEXT)), coalesce(e.source, sn.source_name), \
     e.action_date, e.added_by, e.added_at, e.state, e.section, e.paragraph, e.start_offset, \
     e.end_offset, e.score, e.reason, e.commitment, e.assessment, e.review_note";

/// Statuses of the items whose suggestions are not shown: addressed or superseded, nothing is
/// left to look for. Their suggestions are kept (a suggestion depends on texts only), and come
/// back if the item is reopened.
pub(super) const CLOSED: &str = "('addressed', 'superseded')";

/// The tables [`EVIDENCE_COLUMNS`] come from: `e` the evidence, `r` its recommendation.
pub(super) const EVIDENCE_FROM: &str = "evidence e \
     JOIN recommendation r ON r.id = e.recommendation_id \
     LEFT JOIN narrative_text t ON e.quote IS NULL AND t.narrative_id = e.narrative_id \
     LEFT JOIN narrative sn ON e.source IS NULL AND sn.id = e.narrative_id";

pub(super) fn evidence_from_row(row: &Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: row.get(0)?,
        recommendation: row.get(1)?,
        year: row.get(2)?,
        text: row.get(3)?,
        source: row.get(4)?,
        date: row.get(5)?,
        added_by: row.get(6)?,
        added_at: row.get(7)?,
        state: row.get(8)?,
        section: row.get(9)?,
        paragraph: row.get(10)?,
        start: row.get(11)?,
        end: row.get(12)?,
        score: row.get(13)?,
        reason: row.get(14)?,
        commitment: row.get(15)?,
        assessment: row.get(16)?,
        note: row.get(17)?,
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

/// A WHERE clause built from filters: fixed SQL text chosen by which filters are set, with every
/// value bound as a parameter, never written into the SQL.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    values: Vec<Box<dyn ToSql>>,
}

impl Conditions {
    fn clause(&mut self, sql: &str) {
        self.clauses.push(sql.to_string());
    }

    fn equals(&mut self, column: &str, value: impl ToSql + 'static) {
        self.clauses.push(format!("{column} = ?"));
        self.values.push(Box::new(value));
    }

    /// `column IN (?, ...)`, when any values are given.
    fn any_of<T: ToSql + Copy + 'static>(&mut self, column: &str, values: &[T]) {
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.clauses.push(format!("{column} IN ({marks})"));
        self.values
            .extend(values.iter().map(|v| Box::new(*v) as Box<dyn ToSql>));
    }

    /// The filter's country and year (the narrative is `n`).
    fn narrative(&mut self, filter: &Filter) {
        if let Some(iso3) = &filter.iso3 {
            self.equals("n.iso3", iso3.clone());
        }
        if let Some(year) = filter.year {
            self.equals("n.year", year);
        }
    }

    /// The filter's areas and kinds of action (the recommendation is `r`).
    fn classes(&mut self, filter: &Filter) {
        self.any_of("r.area", &filter.areas);
        self.any_of("r.action", &filter.actions);
    }

    fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    fn params(&self) -> Vec<&dyn ToSql> {
        self.values.iter().map(|v| v.as_ref()).collect()
    }
}

impl Store {
    /// Recommendations matching `filter`, by country, year and position.
    pub fn list_recommendations(&self, filter: &Filter) -> Result<Vec<Recommendation>> {
        let mut conditions = Conditions::default();
        conditions.narrative(filter);
        conditions.any_of("r.status", &filter.statuses);
        conditions.classes(filter);
        if !filter.include_removed {
            conditions.clause("r.position IS NOT NULL");
        }
        let mut sql = format!(
            "SELECT {RECOMMENDATION_COLUMNS} FROM recommendation r \
             JOIN narrative n ON n.id = r.narrative_id"
        );
        sql.push_str(&conditions.where_sql());
        sql.push_str(" ORDER BY n.iso3, n.year, r.position IS NULL, r.position, r.seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(conditions.params().as_slice(), recommendation_from_row)?;
        let mut items: Vec<Recommendation> = rows.collect::<rusqlite::Result<_>>()?;
        // Searched here rather than in SQL, whose lower() folds only ASCII letters.
        if let Some(search) = &filter.search {
            let needle = search.to_lowercase();
            items.retain(|item| item.text.to_lowercase().contains(&needle));
        }
        super::links::fill_repeats(&self.conn, &mut items)?;
        if let Some(persistent) = filter.persistent {
            items.retain(|item| item.repeats >= persistent);
        }
        Ok(items)
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
        let mut stmt = self.conn.prepare(
            "SELECT w.message FROM narrative_warning w \
             JOIN recommendation r ON r.narrative_id = w.narrative_id \
             WHERE r.code = ?1 ORDER BY w.position",
        )?;
        let warnings = stmt
            .query_map([code], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(RecommendationDetail {
            warnings,
            notes,
            evidence: self.list_evidence(Some(code), "accepted", None)?,
            history: self.history(Some(code), None)?,
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
        self.evidence_in(
            state,
            id,
            iso3,
            "CASE WHEN e.narrative_id IS NULL THEN 0 ELSE e.report_year END, e.score DESC, e.id",
        )
    }

    /// The suggestions awaiting review, for `review`: one recommendation's, one country's or all,
    /// by recommendation (country, report year, item order), then best score first.
    pub fn suggestions_to_review(
        &self,
        id: Option<&str>,
        iso3: Option<&str>,
    ) -> Result<Vec<Evidence>> {
        self.evidence_in("suggested", id, iso3, "e.score DESC, e.report_year, e.id")
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
        let code = id
            .map(|id| self.recommendation(id))
            .transpose()?
            .map(|r| r.id);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {EVIDENCE_COLUMNS} FROM {EVIDENCE_FROM} \
             JOIN narrative n ON n.id = r.narrative_id \
             WHERE e.state = ?1 AND (?2 IS NULL OR r.code = ?2) AND (?3 IS NULL OR n.iso3 = ?3) \
             AND (e.state <> 'suggested' OR r.status NOT IN {CLOSED}) \
             ORDER BY n.iso3, n.year, r.seq, {order}"
        ))?;
        let rows = stmt
            .query_map(params![state, code, iso3], evidence_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One piece of evidence by its id, in whatever state, or None if there is none (a
    /// suggestion awaiting review goes when the suggestions are recomputed).
    pub fn evidence(&self, id: i64) -> Result<Option<Evidence>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {EVIDENCE_COLUMNS} FROM {EVIDENCE_FROM} WHERE e.id = ?1"),
                [id],
                evidence_from_row,
            )
            .optional()?)
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

    /// Status counts of current recommendations: per narrative (every stored narrative gets
    /// its row, even with no recommendations), per 3P area or per kind of action.
    pub fn status_counts(&self, filter: &Filter, by: Grouping) -> Result<Vec<StatusCounts>> {
        let mut conditions = Conditions::default();
        conditions.clause("r.position IS NOT NULL");
        conditions.classes(filter);
        if by != Grouping::Narrative {
            conditions.narrative(filter);
        }
        let key = match by {
            Grouping::Narrative => "r.narrative_id",
            Grouping::Area => "r.area",
            Grouping::Action => "r.action",
        };
        // Per narrative, the counts come from the covering index alone and are merged with the
        // narratives below: two plain scans beat one join of 50,000 rows.
        let from = if by == Grouping::Narrative {
            "recommendation r"
        } else {
            "recommendation r JOIN narrative n ON n.id = r.narrative_id"
        };
        let sql = format!(
            "SELECT {key}, r.status, count(*) FROM {from}{} GROUP BY {key}, r.status",
            conditions.where_sql()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(conditions.params().as_slice())?;
        let mut counts: HashMap<String, Vec<(Status, i64)>> = HashMap::new();
        while let Some(row) = rows.next()? {
            let key = match row.get_ref(0)? {
                rusqlite::types::ValueRef::Integer(id) => id.to_string(),
                other => other.as_str()?.to_string(),
            };
            counts
                .entry(key)
                .or_default()
                .push((row.get(1)?, row.get(2)?));
        }
        // The same rows again, counting only items an earlier report already made.
        // (An item merging several earlier asks counts once.)
        let linked = "EXISTS (SELECT 1 FROM link l WHERE l.later_id = r.id)";
        let sql = match conditions.where_sql() {
            w if w.is_empty() => {
                format!("SELECT {key}, count(*) FROM {from} WHERE {linked} GROUP BY {key}")
            }
            w => format!("SELECT {key}, count(*) FROM {from}{w} AND {linked} GROUP BY {key}"),
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(conditions.params().as_slice())?;
        let mut asked_before: HashMap<String, i64> = HashMap::new();
        while let Some(row) = rows.next()? {
            let key = match row.get_ref(0)? {
                rusqlite::types::ValueRef::Integer(id) => id.to_string(),
                other => other.as_str()?.to_string(),
            };
            asked_before.insert(key, row.get(1)?);
        }
        let mut take = |key: &str| {
            (
                counts.remove(key).unwrap_or_default(),
                asked_before.remove(key).unwrap_or(0),
            )
        };
        match by {
            Grouping::Area => Ok(Area::ALL
                .into_iter()
                .map(|area| {
                    let (counts, asked_before) = take(area.as_str());
                    StatusCounts {
                        counts,
                        asked_before,
                        key: CountKey::Area { area },
                    }
                })
                .collect()),
            Grouping::Action => Ok(Action::ALL
                .into_iter()
                .map(|action| {
                    let (counts, asked_before) = take(action.as_str());
                    StatusCounts {
                        counts,
                        asked_before,
                        key: CountKey::Action { action },
                    }
                })
                .collect()),
            Grouping::Narrative => {
                let mut stmt = self.conn.prepare(
                    "SELECT id, country, iso3, year, tier FROM narrative \
                     WHERE (?1 IS NULL OR iso3 = ?1) AND (?2 IS NULL OR year = ?2) \
                     ORDER BY iso3, year",
                )?;
                let narratives = stmt.query_map(params![filter.iso3, filter.year], |row| {
                    let (counts, asked_before) = take(&row.get::<_, i64>(0)?.to_string());
                    Ok(StatusCounts {
                        counts,
                        asked_before,
                        key: CountKey::Narrative {
                            country: row.get(1)?,
                            iso3: row.get(2)?,
                            year: row.get(3)?,
                            tier: row.get(4)?,
                        },
                    })
                })?;
                Ok(narratives.collect::<rusqlite::Result<_>>()?)
            }
        }
    }

    /// A country's narratives as (report year, full text), earliest first.
    pub fn narrative_texts(&self, iso3: &str) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT n.year, t.full_text \
             FROM narrative n JOIN narrative_text t ON t.narrative_id = n.id \
             WHERE n.iso3 = ?1 ORDER BY n.year",
        )?;
        let rows = stmt.query_map(params![iso3], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The importer's warnings, by country and year.
    pub fn list_warnings(
        &self,
        iso3: Option<&str>,
        year: Option<i64>,
    ) -> Result<Vec<NarrativeWarning>> {
        let mut stmt = self.conn.prepare(
            "SELECT n.country, n.iso3, n.year, n.source_name, w.message \
             FROM narrative_warning w JOIN narrative n ON n.id = w.narrative_id \
             WHERE (?1 IS NULL OR n.iso3 = ?1) AND (?2 IS NULL OR n.year = ?2) \
             ORDER BY n.iso3, n.year, w.position",
        )?;
        let rows = stmt.query_map(params![iso3, year], |row| {
            Ok(NarrativeWarning {
                country: row.get(0)?,
                iso3: row.get(1)?,
                year: row.get(2)?,
                source: row.get(3)?,
                message: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Writer<'_> {
    /// One recommendation by its ID (case-insensitive), inside this transaction.
    pub fn recommendation(&self, id: &str) -> Result<Recommendation> {
        find_recommendation(&self.tx, id)
    }
}

pub(super) fn find_recommendation(conn: &Connection, id: &str) -> Result<Recommendation> {
    find_row(conn, id).map(|(recommendation, _)| recommendation)
}

/// Row ids behind a public ID, for writers: the recommendation's and its narrative's.
pub(super) struct RowIds {
    pub recommendation: i64,
    pub narrative: i64,
}

/// A recommendation by its public ID (case-insensitive), with its row ids; an unknown ID is an
/// error that suggests close ones.
pub(super) fn find_row(conn: &Connection, id: &str) -> Result<(Recommendation, RowIds)> {
    let code = id.trim().to_uppercase();
    let found = conn
        .query_row(
            &format!(
                "SELECT {RECOMMENDATION_COLUMNS}, r.id, r.narrative_id FROM recommendation r \
                 JOIN narrative n ON n.id = r.narrative_id WHERE r.code = ?1"
            ),
            [&code],
            |row| {
                let ids = RowIds {
                    recommendation: row.get(12)?,
                    narrative: row.get(13)?,
                };
                Ok((recommendation_from_row(row)?, ids))
            },
        )
        .optional()?;
    match found {
        Some((mut recommendation, ids)) => {
            super::links::fill_repeats(conn, std::slice::from_mut(&mut recommendation))?;
            Ok((recommendation, ids))
        }
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
