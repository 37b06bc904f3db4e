//! Changes a user makes to tracked items: statuses, notes, evidence. Each appends its event to
//! the history in the same transaction.

use anyhow::Result;

use super::rows::{RowIds, find_row, find_row_with};
use super::sql::params;
use super::{Writer, asks};
use crate::model::{Action, Actor, Area, Evidence, NewEvidence, Note, Recommendation, Status};
use crate::{ask, period};

/// What setting a status did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusChange {
    Changed {
        id: String,
        /// The item's ask, whose status this is.
        ask: String,
        from: Status,
        to: Status,
        /// Dated before the ask could be answered (see `period::status_outside`).
        outside_period: bool,
        /// Marked addressed while a report later than that judgement already makes the ask.
        asked_again: bool,
    },
    /// The item already had that status, and a new `--date` corrects the day it took effect:
    /// recorded as a `date` event, with the old day.
    Redated {
        id: String,
        ask: String,
        status: Status,
        from: Option<String>,
        to: String,
    },
    /// The item already had that status. The status change is not recorded; a note given with
    /// it is kept as a note (`noted`), so nothing the user wrote is lost.
    Unchanged {
        id: String,
        ask: String,
        status: Status,
        noted: bool,
    },
}

/// A change to an ask's assignment: each part given replaces the ask's, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct Assignment {
    pub owner: Option<Option<String>>,
    pub supporting: Option<Vec<String>>,
    pub due: Option<Option<String>>,
    /// Why, or where the change came from: the history event's note.
    pub note: Option<String>,
}

/// Who owns an ask and by when it is due.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assigned {
    pub owner: Option<String>,
    pub supporting: Vec<String>,
    pub due: Option<String>,
}

impl Assigned {
    /// As the history shows it: "owner: X; supporting: A, B; due: 2012-03-31", or None when
    /// nothing is assigned.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(owner) = &self.owner {
            parts.push(format!("owner: {owner}"));
        }
        if !self.supporting.is_empty() {
            parts.push(format!("supporting: {}", self.supporting.join(", ")));
        }
        if let Some(due) = &self.due {
            parts.push(format!("due: {due}"));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// What `assign` did to one item's ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignChange {
    pub id: String,
    pub ask: String,
    pub before: Assigned,
    /// None when the ask already had that assignment (nothing recorded).
    pub after: Option<Assigned>,
}

/// What a status change replaces: the columns `undo` puts back.
const STATUS_COLUMNS: &[&str] = &["status", "status_seq", "status_date", "asked_again_from"];

// transitional: removed once remove.rs, links.rs, suggest.rs and import.rs are ported (they
// name these from here, where they lived before rows.rs).
pub(super) use super::rows::{Before, NewEvent, SavedLink};

impl Writer<'_> {
    /// Refreshes an ask after a change recorded through one of its items, and returns it.
    pub(super) fn refresh_ask(&self, ask: i64) -> Result<ask::State> {
        asks::refresh(self.db(), ask)
    }

    /// A recommendation and its row ids (its own and its narrative's), from its public ID.
    fn ids(&self, id: &str) -> Result<(Recommendation, i64, i64)> {
        let (recommendation, ids) = find_row(self.db(), id)?;
        Ok((recommendation, ids.recommendation, ids.narrative))
    }

    /// Sets the status of a recommendation's ask, with an optional note and the date the change
    /// took effect. It is recorded through this item (see `ask`), and the history event is the
    /// item's. Setting the status the ask already has records nothing, except to confirm an
    /// `addressed` that a later report asked again, or to give it another date: that is a new
    /// judgement, recorded as one.
    pub fn set_status(
        &self,
        id: &str,
        status: Status,
        note: Option<&str>,
        effective_date: Option<&str>,
        actor: &Actor,
    ) -> Result<StatusChange> {
        let db = self.db();
        // The item, its ask's years and status date, and the columns a change replaces (for
        // `undo`), in one query.
        let extra = format!(
            ", a.first_year, a.latest_year, a.status_date, {}",
            STATUS_COLUMNS
                .iter()
                .map(|column| format!("r.{column}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let (current, ids, (years, before)) = find_row_with(db, id, &extra, |row, first, ids| {
            let years: (Option<i64>, Option<i64>, Option<String>) =
                (row.get(first)?, row.get(first + 1)?, row.get(first + 2)?);
            let before = Before::from_row(
                row,
                first + 3,
                "recommendation",
                ids.recommendation,
                STATUS_COLUMNS,
            )?;
            Ok((years, before))
        })?;
        // The ask row is missing only in the middle of an import (see RECOMMENDATION_FROM).
        let (first, latest, date) = match years {
            (Some(first), Some(latest), date) => (first, latest, date),
            _ => (current.year, current.year, None),
        };
        let confirms = current.status == status
            && status == Status::Addressed
            && (current.asked_again || effective_date.is_some_and(|d| Some(d) != date.as_deref()));
        if current.status == status && !confirms {
            if let Some(redated) =
                self.correct_status_date(&current, &ids, effective_date, note, actor)?
            {
                return Ok(redated);
            }
            if let Some(note) = note {
                self.add_note(&current.id, note, actor)?;
            }
            return Ok(StatusChange::Unchanged {
                id: current.id,
                ask: current.ask,
                status,
                noted: note.is_some(),
            });
        }
        let before = Some(before.json()?);
        // No touch: the status's own UPDATE below marks the item changed.
        let seq = self.record(
            None,
            &NewEvent {
                narrative_id: ids.narrative,
                recommendation_id: Some(ids.recommendation),
                kind: "status",
                old_value: Some(current.status.as_str()),
                new_value: Some(status.as_str()),
                note,
                effective_date,
                before,
            },
            actor,
        )?;
        let day = effective_date
            .and_then(period::parse_date)
            .unwrap_or_else(period::today);
        let asked_again_from = (status == Status::Addressed)
            .then(|| ask::asked_again_from(effective_date.and_then(period::parse_date), latest));
        db.exec(
            "setting the status",
            "UPDATE recommendation SET status = ?1, status_seq = ?2, status_date = ?3, \
             asked_again_from = ?4, updated_at = ?5 WHERE id = ?6",
            params![
                status,
                seq,
                day.to_string(),
                asked_again_from,
                actor.at,
                ids.recommendation
            ],
        )?;
        let asked_again = self.refresh_ask(ids.ask)?.asked_again;
        Ok(StatusChange::Changed {
            id: current.id,
            ask: current.ask,
            from: current.status,
            to: status,
            outside_period: period::status_outside(first, effective_date),
            asked_again,
        })
    }

    /// Corrects the day the ask's status took effect, when `date` is given and differs from
    /// the recorded one: on the item the status was set through, with a `date` event (the old
    /// day its old value). None when there is nothing to correct (no status was ever set, or
    /// the day is the same).
    fn correct_status_date(
        &self,
        current: &Recommendation,
        ids: &RowIds,
        date: Option<&str>,
        note: Option<&str>,
        actor: &Actor,
    ) -> Result<Option<StatusChange>> {
        let Some(date) = date else { return Ok(None) };
        let set_through: Option<(i64, i64, Option<String>)> = self.db().optional(
            "the item the ask's status was set through",
            "SELECT r.id, r.narrative_id, r.status_date FROM ask a \
             JOIN recommendation r ON r.id = a.status_item \
             WHERE a.id = ?1 AND r.status_seq IS NOT NULL",
            params![ids.ask],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        let Some((rowid, narrative_id, old)) = set_through else {
            return Ok(None);
        };
        if old.as_deref() == Some(date) {
            return Ok(None);
        }
        let before = self.before("recommendation", rowid, STATUS_COLUMNS)?;
        // No touch: the UPDATE below marks the item changed.
        self.record(
            None,
            &NewEvent {
                narrative_id,
                recommendation_id: Some(rowid),
                kind: "date",
                old_value: old.as_deref(),
                new_value: Some(date),
                note,
                effective_date: Some(date),
                before,
            },
            actor,
        )?;
        self.db().exec(
            "correcting the status's date",
            "UPDATE recommendation SET status_date = ?1, updated_at = ?2 WHERE id = ?3",
            params![date, actor.at, rowid],
        )?;
        self.refresh_ask(ids.ask)?;
        Ok(Some(StatusChange::Redated {
            id: current.id.clone(),
            ask: current.ask.clone(),
            status: current.status,
            from: old,
            to: date.to_string(),
        }))
    }

    /// Sets who owns a recommendation's ask and by when it is due. Each part given replaces
    /// the ask's (an empty owner or due date clears it); the others stay. Recorded through this
    /// item, with an `assign` event in its history.
    pub fn assign(&self, id: &str, change: &Assignment, actor: &Actor) -> Result<AssignChange> {
        let db = self.db();
        let (current, ids) = find_row(db, id)?;
        let (owner, supporting, due): (Option<String>, Option<String>, Option<String>) = db
            .optional(
                "the ask's assignment",
                "SELECT owner, supporting, due_date FROM ask WHERE id = ?1",
                params![ids.ask],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?
            .unwrap_or_default();
        let before = Assigned {
            owner,
            supporting: crate::ask::institutions(supporting.as_deref()),
            due,
        };
        let after = Assigned {
            owner: change.owner.clone().unwrap_or_else(|| before.owner.clone()),
            supporting: change
                .supporting
                .clone()
                .unwrap_or_else(|| before.supporting.clone()),
            due: change.due.clone().unwrap_or_else(|| before.due.clone()),
        };
        if after == before {
            return Ok(AssignChange {
                id: current.id,
                ask: current.ask,
                before,
                after: None,
            });
        }
        let image = self.before(
            "recommendation",
            ids.recommendation,
            &["owner", "supporting", "due_date", "assign_seq"],
        )?;
        // No touch: the assignment's own UPDATE below marks the item changed.
        let seq = self.record(
            None,
            &NewEvent {
                narrative_id: ids.narrative,
                recommendation_id: Some(ids.recommendation),
                kind: "assign",
                old_value: before.describe().as_deref(),
                new_value: after.describe().as_deref(),
                note: change.note.as_deref(),
                effective_date: None,
                before: image,
            },
            actor,
        )?;
        let supporting = (!after.supporting.is_empty())
            .then(|| serde_json::to_string(&after.supporting))
            .transpose()?;
        db.exec(
            "assigning the ask",
            "UPDATE recommendation SET owner = ?1, supporting = ?2, due_date = ?3, \
             assign_seq = ?4, updated_at = ?5 WHERE id = ?6",
            params![
                after.owner,
                supporting,
                after.due,
                seq,
                actor.at,
                ids.recommendation
            ],
        )?;
        self.refresh_ask(ids.ask)?;
        Ok(AssignChange {
            id: current.id,
            ask: current.ask,
            before,
            after: Some(after),
        })
    }

    /// Adds a note to a recommendation.
    pub fn add_note(&self, id: &str, text: &str, actor: &Actor) -> Result<Note> {
        self.add_note_from(id, text, None, actor)
    }

    /// Adds a note to a recommendation, saying in its history event where it came from (a
    /// sheet, say).
    pub fn add_note_from(
        &self,
        id: &str,
        text: &str,
        source: Option<&str>,
        actor: &Actor,
    ) -> Result<Note> {
        let (current, rowid, narrative_id) = self.ids(id)?;
        let code = current.id;
        // The author as stored: on PostgreSQL the server's session user, the column's default
        // (an analyst may not name another).
        let (note_id, author): (i64, String) = self.insert_by(
            "adding the note",
            "note",
            &["recommendation_id", "text", "created_at"],
            params![rowid, text, actor.at],
            actor,
            "id, author",
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        self.record(
            Some(rowid),
            &NewEvent {
                narrative_id,
                recommendation_id: Some(rowid),
                kind: "note",
                old_value: None,
                new_value: Some(text),
                note: source,
                effective_date: None,
                // A new row: undo deletes it.
                before: self.before("note", note_id, &[])?,
            },
            actor,
        )?;
        Ok(Note {
            id: note_id,
            recommendation: code,
            text: text.to_string(),
            author,
            created_at: actor.at.clone(),
        })
    }

    /// Records a piece of evidence about a recommendation.
    pub fn add_evidence(
        &self,
        id: &str,
        evidence: &NewEvidence,
        actor: &Actor,
    ) -> Result<Evidence> {
        let (current, rowid, narrative_id) = self.ids(id)?;
        let code = current.id;
        // Who added it as stored: on PostgreSQL the server's session user, the column's
        // default (an analyst may not name another).
        let (evidence_id, added_by): (i64, String) = self.insert_by(
            "adding the evidence",
            "evidence",
            &[
                "recommendation_id",
                "report_year",
                "quote",
                "source",
                "action_date",
                "added_at",
            ],
            params![
                rowid,
                evidence.year,
                evidence.text,
                evidence.source,
                evidence.date,
                actor.at
            ],
            actor,
            "id, added_by",
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let before = self.before("evidence", evidence_id, &[])?;
        let mut summary = format!("[{}] {}", evidence.year, evidence.text);
        if let Some(source) = &evidence.source {
            summary.push_str(&format!(" (source: {source})"));
        }
        self.record(
            Some(rowid),
            &NewEvent {
                narrative_id,
                recommendation_id: Some(rowid),
                kind: "evidence",
                old_value: None,
                new_value: Some(&summary),
                note: None,
                effective_date: evidence.date.as_deref(),
                before,
            },
            actor,
        )?;
        Ok(Evidence {
            id: evidence_id,
            recommendation: code,
            year: evidence.year,
            text: evidence.text.clone(),
            source: evidence.source.clone(),
            date: evidence.date.clone(),
            added_by,
            added_at: actor.at.clone(),
            state: "accepted".to_string(),
            section: None,
            paragraph: None,
            start: None,
            end: None,
            score: None,
            reason: None,
            commitment: false,
            assessment: None,
            note: None,
            outside_period: period::evidence_outside(evidence.year, evidence.date.as_deref()),
            ask: self.db().value(
                "the item's ask",
                "SELECT a.code FROM recommendation r \
                 LEFT JOIN recommendation a ON a.id = r.ask_id WHERE r.id = ?1",
                params![rowid],
            )?,
            repeats: Vec::new(),
        })
    }

    /// Corrects a recommendation's classification; the importer will not change it again.
    /// Returns the changes made, as (what, old, new).
    pub fn classify(
        &self,
        id: &str,
        area: Option<Area>,
        action: Option<Action>,
        actor: &Actor,
    ) -> Result<Vec<(&'static str, String, String)>> {
        let (current, rowid, narrative_id) = self.ids(id)?;
        let mut changes = Vec::new();
        if let Some(area) = area.filter(|a| *a != current.area) {
            changes.push(("area", current.area.to_string(), area.to_string()));
        }
        if let Some(action) = action.filter(|a| *a != current.action) {
            changes.push(("action", current.action.to_string(), action.to_string()));
        }
        // Nothing to correct: the importer's classification stands, free to follow rewordings.
        if changes.is_empty() {
            return Ok(changes);
        }
        let before = self.before(
            "recommendation",
            rowid,
            &["area", "action", "classified_by"],
        )?;
        self.db().exec(
            "correcting the classification",
            "UPDATE recommendation SET area = ?1, action = ?2, classified_by = 'user' WHERE id = ?3",
            params![
                area.unwrap_or(current.area),
                action.unwrap_or(current.action),
                rowid
            ],
        )?;
        for (kind, old, new) in &changes {
            self.record(
                Some(rowid),
                &NewEvent {
                    narrative_id,
                    recommendation_id: Some(rowid),
                    kind,
                    old_value: Some(old),
                    new_value: Some(new),
                    note: None,
                    effective_date: None,
                    before: before.clone(),
                },
                actor,
            )?;
        }
        Ok(changes)
    }
}
