//! The facts the progress report is built from (`report::build` counts them): the narratives,
//! the asks each made, and what each ask shows, now or as of an earlier day.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use super::read::Conditions;
use crate::ask;
use crate::model::{Filter, Status, Tier};
use crate::period::{self, Period};
use crate::report::{AskFacts, Counted, Facts, Narrative};

/// When the report looks: now, or as of a day; and the days between which status changes are
/// counted.
#[derive(Debug, Clone, Copy, Default)]
pub struct Window {
    pub as_of: Option<NaiveDate>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// A status event, as replayed for `--as-of`.
struct StatusEvent {
    ask: i64,
    status: Status,
    effective: Option<String>,
    at: String,
    /// For the event that set the item's current status, the year `set_status` stored.
    asked_again_from: Option<i64>,
}

impl Store {
    /// The facts for a report over the narratives `filter` selects.
    pub fn report_facts(&self, filter: &Filter, window: Window) -> Result<Facts> {
        let as_of = window.as_of.map(|d| d.to_string());
        let mut stmt = self.conn.prepare(&format!(
            "SELECT n.id, n.country, n.iso3, n.year, n.tier FROM narrative n \
             WHERE (?1 IS NULL OR n.iso3 = ?1) AND (?2 IS NULL OR n.year = ?2) AND {} \
             ORDER BY n.iso3, n.year",
            published("?3")
        ))?;
        let narratives: Vec<Narrative> = stmt
            .query_map(params![filter.iso3, filter.year, as_of], |row| {
                Ok(Narrative {
                    id: row.get(0)?,
                    country: row.get(1)?,
                    iso3: row.get(2)?,
                    year: row.get(3)?,
                    tier: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut tiers: HashMap<String, BTreeMap<i64, Option<Tier>>> = HashMap::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT n.iso3, n.year, n.tier FROM narrative n WHERE (?1 IS NULL OR n.iso3 = ?1) AND {}",
            published("?2")
        ))?;
        let mut rows = stmt.query(params![filter.iso3, as_of])?;
        while let Some(row) = rows.next()? {
            tiers
                .entry(row.get(0)?)
                .or_default()
                .insert(row.get(1)?, row.get(2)?);
        }
        drop(rows);

        let mut conditions = Conditions::default();
        conditions.clause("r.position IS NOT NULL");
        conditions.narrative(filter);
        conditions.classes(filter);
        let sql = format!(
            "SELECT r.narrative_id, r.ask_id, r.area, r.action, r.ask_position > 1 \
             FROM recommendation r JOIN narrative n ON n.id = r.narrative_id{}",
            conditions.where_sql()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut counted: Vec<Counted> = stmt
            .query_map(conditions.params().as_slice(), |row| {
                Ok(Counted {
                    narrative: row.get(0)?,
                    ask: row.get(1)?,
                    area: row.get(2)?,
                    action: row.get(3)?,
                    asked_before: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        if as_of.is_some() {
            let shown: std::collections::HashSet<i64> = narratives.iter().map(|n| n.id).collect();
            counted.retain(|c| shown.contains(&c.narrative));
        }

        let today = window.as_of.unwrap_or_else(period::today);
        let mut asks: HashMap<i64, AskFacts> = HashMap::new();
        let mut due: HashMap<i64, String> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, status, asked_again, owner, due_date FROM ask WHERE ?1 IS NULL OR iso3 = ?1",
        )?;
        let mut rows = stmt.query([&filter.iso3])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            if let Some(date) = row.get::<_, Option<String>>(4)? {
                due.insert(id, date);
            }
            asks.insert(
                id,
                AskFacts {
                    status: row.get(1)?,
                    asked_again: row.get(2)?,
                    owner: row.get(3)?,
                    overdue: false,
                    changed: false,
                },
            );
        }
        drop(rows);
        if let Some(day) = window.as_of {
            self.replay_statuses(filter.iso3.as_deref(), day, &mut asks)?;
        }
        // Owners and due dates are today's; overdue is judged on the report's day.
        for (id, facts) in asks.iter_mut() {
            facts.overdue = ask::overdue(facts.status, due.get(id).map(String::as_str), today);
        }
        if window.since.is_some() || window.until.is_some() {
            let since = window.since.map(|d| d.to_string());
            let until = window.until.map(|d| d.to_string());
            let mut stmt = self.conn.prepare(
                "SELECT DISTINCT r.ask_id FROM event e \
                 JOIN recommendation r ON r.id = e.recommendation_id \
                 JOIN narrative n ON n.id = r.narrative_id \
                 WHERE e.kind = 'status' AND (?1 IS NULL OR n.iso3 = ?1) \
                 AND (?2 IS NULL OR coalesce(e.effective_date, date(e.at)) >= ?2) \
                 AND (?3 IS NULL OR coalesce(e.effective_date, date(e.at)) <= ?3)",
            )?;
            let changed = stmt.query_map(params![filter.iso3, since, until], |row| row.get(0))?;
            for id in changed {
                if let Some(facts) = asks.get_mut(&id?) {
                    facts.changed = true;
                }
            }
        }
        Ok(Facts {
            narratives,
            tiers,
            counted,
            asks,
            as_of,
            since: window.since.map(|d| d.to_string()),
            until: window.until.map(|d| d.to_string()),
        })
    }

    /// Sets each ask's status (and whether it was asked again after addressed) to what the
    /// history says it was on `day`: the history replayed in the order it was recorded, leaving
    /// out the changes that took effect after `day` (on their --date, else the day they were
    /// recorded) and the reports not yet out.
    fn replay_statuses(
        &self,
        iso3: Option<&str>,
        day: NaiveDate,
        asks: &mut HashMap<i64, AskFacts>,
    ) -> Result<()> {
        let as_of = day.to_string();
        let mut stmt = self.conn.prepare(
            "SELECT r.ask_id, e.new_value, e.effective_date, e.at, \
             CASE WHEN e.id = r.status_seq THEN r.asked_again_from END FROM event e \
             JOIN recommendation r ON r.id = e.recommendation_id \
             JOIN narrative n ON n.id = r.narrative_id \
             WHERE e.kind = 'status' AND (?1 IS NULL OR n.iso3 = ?1) \
             AND coalesce(e.effective_date, date(e.at)) <= ?2 ORDER BY e.id",
        )?;
        let events: Vec<StatusEvent> = stmt
            .query_map(params![iso3, as_of], |row| {
                Ok(StatusEvent {
                    ask: row.get(0)?,
                    status: row
                        .get::<_, Option<String>>(1)?
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(Status::Open),
                    effective: row.get(2)?,
                    at: row.get(3)?,
                    asked_again_from: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut last: HashMap<i64, &StatusEvent> = HashMap::new();
        for event in &events {
            last.insert(event.ask, event);
        }
        // The asks' items as of the day: report year and when it was imported.
        let mut members: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.ask_id, n.year, n.imported_at FROM recommendation r \
                 JOIN narrative n ON n.id = r.narrative_id \
                 WHERE r.position IS NOT NULL AND (?1 IS NULL OR n.iso3 = ?1) AND {}",
            published("?2")
        ))?;
        let mut rows = stmt.query(params![iso3, as_of])?;
        while let Some(row) = rows.next()? {
            members
                .entry(row.get(0)?)
                .or_default()
                .push((row.get(1)?, row.get(2)?));
        }
        drop(rows);
        for (id, facts) in asks.iter_mut() {
            let event = last.get(id);
            facts.status = event.map_or(Status::Open, |e| e.status);
            facts.asked_again = event.is_some_and(|e| {
                let items = members.get(id).map(Vec::as_slice).unwrap_or_default();
                // The current judgement as stored; an earlier one as set_status would have
                // judged it.
                let from = match e.effective.as_deref().and_then(period::parse_date) {
                    _ if e.asked_again_from.is_some() => e.asked_again_from.unwrap_or_default(),
                    Some(date) => Period::of(date).year,
                    None => {
                        items
                            .iter()
                            .filter(|(_, imported)| imported <= &e.at)
                            .map(|(year, _)| *year)
                            .max()
                            .unwrap_or(i64::MAX - 1)
                            + 1
                    }
                };
                e.status == Status::Addressed && items.iter().any(|(year, _)| *year >= from)
            });
        }
        Ok(())
    }
}

/// The condition that a narrative `n` is out by the day in parameter `day`: a report of year
/// Y exists from the day it was imported or, for one imported later, from June 30 of Y
/// (reports come out in June).
fn published(day: &str) -> String {
    format!("({day} IS NULL OR min(date(n.imported_at), printf('%04d-06-30', n.year)) <= {day})")
}
