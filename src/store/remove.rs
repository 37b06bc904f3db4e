//! `remove COUNTRY YEAR`: takes an imported narrative out, with its items. A soft removal: the
//! narrative is marked (`narrative.removed`) and every read leaves it out, its items lose their
//! positions and asks, its links and undecided suggestions go; all of that is kept in the
//! `remove` event, so that `undo`, or importing the narrative again, brings it back with
//! everything recorded about it.

use anyhow::{Context, Result, bail};

use super::sql::{Db, params};
use super::write::{Before, NewEvent, SavedLink};
use super::{Store, Writer};
use crate::model::Actor;

/// What a removal takes out (or took): shown before it asks for confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub country: String,
    pub iso3: String,
    pub year: i64,
    pub recommendations: i64,
    pub statuses: i64,
    pub notes: i64,
    pub evidence: i64,
    pub links: i64,
}

impl Removal {
    /// "8 recommendations, 2 statuses set, 1 note, 1 piece of evidence, 3 links".
    pub fn describe(&self) -> String {
        let count =
            |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        [
            count(self.recommendations, "recommendation", "recommendations"),
            count(self.statuses, "status set", "statuses set"),
            count(self.notes, "note", "notes"),
            count(self.evidence, "piece of evidence", "pieces of evidence"),
            count(self.links, "link", "links"),
        ]
        .join(", ")
    }
}

fn removal(db: Db<'_>, iso3: &str, year: i64) -> Result<(i64, Removal)> {
    let found: Option<(i64, String)> = db.optional(
        "the report to remove",
        "SELECT id, country FROM narrative WHERE iso3 = ?1 AND year = ?2 AND removed IS NULL",
        params![iso3, year],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let Some((id, country)) = found else {
        bail!("no {iso3} report for {year} is imported (see tiptrack report --country {iso3})");
    };
    let counts: (i64, i64, i64, i64, i64) = db.row(
        "counting what the narrative holds",
        "SELECT (SELECT count(*) FROM recommendation WHERE narrative_id = ?1), \
         (SELECT count(*) FROM recommendation WHERE narrative_id = ?1 \
          AND status_seq IS NOT NULL), \
         (SELECT count(*) FROM note t JOIN recommendation r ON r.id = t.recommendation_id \
          WHERE r.narrative_id = ?1 AND t.deleted IS NULL), \
         (SELECT count(*) FROM evidence e JOIN recommendation r ON r.id = e.recommendation_id \
          WHERE r.narrative_id = ?1 AND e.deleted IS NULL AND e.state <> 'suggested'), \
         (SELECT count(*) FROM link k WHERE \
          k.earlier_id IN (SELECT id FROM recommendation WHERE narrative_id = ?1) \
          OR k.later_id IN (SELECT id FROM recommendation WHERE narrative_id = ?1))",
        params![id],
        |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        },
    )?;
    Ok((
        id,
        Removal {
            country,
            iso3: iso3.to_string(),
            year,
            recommendations: counts.0,
            statuses: counts.1,
            notes: counts.2,
            evidence: counts.3,
            links: counts.4,
        },
    ))
}

impl Store {
    /// What removing a country's report of `year` would take out.
    pub fn removal(&self, iso3: &str, year: i64) -> Result<Removal> {
        Ok(removal(self.db(), iso3, year)?.1)
    }
}

impl Writer<'_> {
    /// Removes a country's report of `year` and its items (see the module).
    pub fn remove_narrative(&self, iso3: &str, year: i64, actor: &Actor) -> Result<Removal> {
        let db = self.db();
        let (id, what) = removal(db, iso3, year)?;
        let mut before = narrative_before(db, id)?;
        // In item order (their numbers): the order SQLite read them in without an ORDER BY.
        before.positions = db.rows(
            "the positions of a report's items",
            "SELECT id, position FROM recommendation WHERE narrative_id = ?1 ORDER BY seq",
            params![id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        before.links = db.rows(
            "the links of a report's items",
            "SELECT earlier_id, later_id, kind, score, made_by FROM link k WHERE \
             k.earlier_id IN (SELECT id FROM recommendation WHERE narrative_id = ?1) \
             OR k.later_id IN (SELECT id FROM recommendation WHERE narrative_id = ?1) \
             ORDER BY earlier_id, later_id",
            params![id],
            |row| {
                Ok(SavedLink {
                    earlier: row.get(0)?,
                    later: row.get(1)?,
                    kind: row.get(2)?,
                    score: row.get(3)?,
                    made_by: row.get(4)?,
                })
            },
        )?;
        let old = format!("{} {year}", what.country);
        let new = what.describe();
        self.append_event(
            &NewEvent {
                narrative_id: id,
                recommendation_id: None,
                kind: "remove",
                old_value: Some(&old),
                new_value: Some(&new),
                note: None,
                effective_date: None,
                before: Some(before.json()?),
            },
            actor,
        )?;
        let command = self.command(actor, None)?;
        db.exec(
            "marking the report removed",
            "UPDATE narrative SET removed = ?1 WHERE id = ?2",
            params![command, id],
        )?;
        db.exec(
            "deleting the links of a removed report's items",
            "DELETE FROM link WHERE \
             earlier_id IN (SELECT id FROM recommendation WHERE narrative_id = ?1) \
             OR later_id IN (SELECT id FROM recommendation WHERE narrative_id = ?1)",
            params![id],
        )?;
        // Undecided suggestions are derived data: recomputed when the narrative comes back.
        db.exec(
            "deleting a removed report's suggestions",
            "DELETE FROM evidence WHERE state = 'suggested' AND (narrative_id = ?1 \
             OR recommendation_id IN (SELECT id FROM recommendation WHERE narrative_id = ?1))",
            params![id],
        )?;
        db.exec(
            "taking a removed report's items out of their asks",
            "UPDATE recommendation SET position = NULL, ask_id = id, ask_position = 1 \
             WHERE narrative_id = ?1",
            params![id],
        )?;
        // The later reports' automatic links into it are matched again, and the asks regrouped.
        self.relink_after_import(iso3, year)?;
        Ok(what)
    }

    /// Brings a removed narrative back as it was (`before` is its `remove` event's), for undo
    /// and for an import of it again; then relinks the country and suggests again.
    pub(super) fn bring_back(&self, id: i64, before: &Before, actor: &Actor) -> Result<()> {
        let db = self.db();
        db.exec(
            "bringing a removed report back",
            "UPDATE narrative SET removed = NULL WHERE id = ?1",
            params![id],
        )?;
        for (item, position) in &before.positions {
            db.exec(
                "putting an item back in its place",
                "UPDATE recommendation SET position = ?1 WHERE id = ?2",
                params![position, item],
            )?;
        }
        for link in &before.links {
            db.exec(
                "putting a link back",
                "INSERT INTO link (earlier_id, later_id, kind, score, made_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
                params![
                    link.earlier,
                    link.later,
                    link.kind,
                    link.score,
                    link.made_by
                ],
            )?;
        }
        let (iso3, year): (String, i64) = db.row(
            "the country and year of a report",
            "SELECT iso3, year FROM narrative WHERE id = ?1",
            params![id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        self.relink_after_import(&iso3, year)?;
        if self.suggest {
            self.suggest_after_import(id, None, None, actor)?;
        }
        Ok(())
    }

    /// An import of a removed narrative: brings it back first, from its last `remove` event,
    /// recorded as a `restore`.
    pub(super) fn revive(&self, id: i64, source: &str, actor: &Actor) -> Result<()> {
        let db = self.db();
        let json: String = db.value(
            "the removal of a report",
            "SELECT before FROM event WHERE narrative_id = ?1 AND kind = 'remove' \
             AND before IS NOT NULL ORDER BY id DESC LIMIT 1",
            params![id],
        )?;
        let before: Before = serde_json::from_str(&json).context("reading the removal")?;
        let replaced = narrative_before(db, id)?.json()?;
        self.append_event(
            &NewEvent {
                narrative_id: id,
                recommendation_id: None,
                kind: "restore",
                old_value: None,
                new_value: Some(source),
                note: Some("imported again after a remove"),
                effective_date: None,
                before: Some(replaced),
            },
            actor,
        )?;
        self.bring_back(id, &before, actor)
    }
}

/// What `Before::read(conn, "narrative", id, &["removed"])` gives (write.rs): the narrative's
/// `removed`, read through the layer. Here until `Before::read` takes a `Db`; then this is
/// `Before::read(db, "narrative", id, &["removed"])` again.
fn narrative_before(db: Db<'_>, id: i64) -> Result<Before> {
    let removed: Option<i64> = db
        .value(
            "what a removal replaces",
            "SELECT removed FROM narrative WHERE id = ?1",
            params![id],
        )
        .with_context(|| format!("reading narrative {id} before changing it"))?;
    let mut set = serde_json::Map::new();
    set.insert("removed".to_string(), removed.into());
    Ok(Before {
        table: "narrative".to_string(),
        id,
        set,
        positions: Vec::new(),
        links: Vec::new(),
    })
}
