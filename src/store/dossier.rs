//! The facts a country dossier is made from (`dossier::build` puts them together).

use std::collections::HashMap;

use anyhow::{Context, Result};

use super::rows::note_from_row;
use super::sql::params;
use super::{Store, Window};
use crate::dossier::{Facts, Item, StatusEvent};
use crate::model::{AskFilter, Filter, Note, Status};
use crate::period::{self, Period};

impl Store {
    /// Everything the dossier of one country needs but its figures (which `parse::figures`
    /// reads from the narratives).
    pub fn dossier_facts(&self, iso3: &str) -> Result<Facts> {
        let asks = self.list_asks(&AskFilter {
            iso3: Some(iso3.to_string()),
            ..AskFilter::default()
        })?;
        let db = self.db();
        let items: Vec<Item> = db.rows(
            "the country's items",
            "SELECT r.code, ar.code, n.year, r.text FROM recommendation r \
             JOIN recommendation ar ON ar.id = r.ask_id \
             JOIN narrative n ON n.id = r.narrative_id AND n.removed IS NULL \
             WHERE n.iso3 = ?1 AND r.position IS NOT NULL ORDER BY n.year, r.position",
            params![iso3],
            |row| {
                Ok(Item {
                    id: row.get(0)?,
                    ask: row.get(1)?,
                    year: row.get(2)?,
                    text: row.get(3)?,
                })
            },
        )?;
        let notes: Vec<Note> = db.rows(
            "the country's notes",
            "SELECT t.id, r.code, t.text, t.author, t.created_at FROM note t \
             JOIN recommendation r ON r.id = t.recommendation_id \
             JOIN narrative n ON n.id = r.narrative_id AND n.removed IS NULL \
             WHERE n.iso3 = ?1 AND t.deleted IS NULL ORDER BY t.id",
            params![iso3],
            note_from_row,
        )?;
        // The day of a change without a date of its own: the day it was recorded (`at` is
        // RFC 3339, so its first ten characters; SQLite's date(), which PostgreSQL lacks).
        let status_events: Vec<StatusEvent> = db.rows(
            "the country's status changes",
            "SELECT ar.code, e.old_value, e.new_value, e.note, \
             coalesce(e.effective_date, substr(e.at, 1, 10)) FROM event e \
             JOIN recommendation r ON r.id = e.recommendation_id \
             JOIN recommendation ar ON ar.id = r.ask_id \
             JOIN narrative n ON n.id = r.narrative_id AND n.removed IS NULL \
             WHERE n.iso3 = ?1 AND e.kind = 'status' ORDER BY e.id",
            params![iso3],
            |row| {
                Ok(StatusEvent {
                    ask: row.get(0)?,
                    from: row.get(1)?,
                    to: row.get(2)?,
                    note: row.get(3)?,
                    date: row.get(4)?,
                })
            },
        )?;
        let tiers = self.tiers(iso3)?;
        // The statuses when each report came out (today for a report not out yet), per ask.
        let today = period::today();
        let filter = Filter {
            iso3: Some(iso3.to_string()),
            ..Filter::default()
        };
        let mut code_of: HashMap<i64, String> = HashMap::new();
        db.each(
            "the codes of the country's asks",
            "SELECT a.id, ar.code FROM ask a JOIN recommendation ar ON ar.id = a.id \
             WHERE a.iso3 = ?1",
            params![iso3],
            |row| {
                code_of.insert(row.get(0)?, row.get(1)?);
                Ok(())
            },
        )?;
        // One read of the history, replayed to each report's day.
        let history = self.status_history(Some(iso3))?;
        let now = self.report_facts(&filter, Window::default(), false)?;
        let mut status_over_time = Vec::new();
        for year in tiers.iter().map(|t| t.year) {
            let day = Period { year }.published().min(today);
            let mut asks = now.asks.clone();
            history.replay(day, &mut asks);
            let statuses: Vec<(String, Status)> = history
                .counted_on(day)
                .iter()
                .filter_map(|id| Some((code_of.get(id)?.clone(), asks.get(id)?.status)))
                .collect();
            status_over_time.push((year, statuses));
        }
        let country: String = db
            .optional(
                "the country's name",
                "SELECT country FROM narrative WHERE iso3 = ?1 AND removed IS NULL \
                 ORDER BY year DESC LIMIT 1",
                params![iso3],
                |row| row.get(0),
            )?
            .with_context(|| format!("no narrative of {iso3} is imported"))?;
        let database = match (&self.path, &self.server) {
            (Some(path), _) => path.display().to_string(),
            (None, Some(url)) => url.clone(),
            (None, None) => ":memory:".to_string(),
        };
        Ok(Facts {
            country,
            iso3: iso3.to_string(),
            database,
            as_of: today.to_string(),
            asks,
            items,
            notes,
            evidence: self.list_evidence(None, "accepted", Some(iso3))?,
            suggestions: self.list_evidence(None, "suggested", Some(iso3))?,
            status_events,
            tiers,
            status_over_time,
        })
    }
}
