//! Changes a user makes to tracked items: statuses, notes, evidence. Each appends its event to
//! the history in the same transaction.

use anyhow::Result;
use rusqlite::params;

use super::Writer;
use super::read::find_row;
use crate::model::{Action, Actor, Area, Evidence, NewEvidence, Note, Recommendation, Status};

/// What setting a status did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusChange {
    Changed {
        id: String,
        from: Status,
        to: Status,
    },
    /// The item already had that status. The status change is not recorded; a note given with
    /// it is kept as a note (`noted`), so nothing the user wrote is lost.
    Unchanged {
        id: String,
        status: Status,
        noted: bool,
    },
}

/// An event to append to the history.
pub(super) struct NewEvent<'a> {
    pub narrative_id: i64,
    pub recommendation_id: Option<i64>,
    pub kind: &'a str,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
    pub note: Option<&'a str>,
    pub effective_date: Option<&'a str>,
}

impl Writer<'_> {
    pub(super) fn append_event(&self, event: &NewEvent<'_>, actor: &Actor) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO event (narrative_id, recommendation_id, kind, old_value, new_value, \
                 note, effective_date, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                event.narrative_id,
                event.recommendation_id,
                event.kind,
                event.old_value,
                event.new_value,
                event.note,
                event.effective_date,
                actor.name,
                actor.at,
            ])?;
        Ok(())
    }

    /// A recommendation and its row ids, from its public ID.
    fn ids(&self, id: &str) -> Result<(Recommendation, i64, i64)> {
        let (recommendation, ids) = find_row(&self.tx, id)?;
        Ok((recommendation, ids.recommendation, ids.narrative))
    }

    /// Sets a recommendation's status, with an optional note and the date the change took effect.
    pub fn set_status(
        &self,
        id: &str,
        status: Status,
        note: Option<&str>,
        effective_date: Option<&str>,
        actor: &Actor,
    ) -> Result<StatusChange> {
        let (current, rowid, narrative_id) = self.ids(id)?;
        if current.status == status {
            if let Some(note) = note {
                self.add_note(&current.id, note, actor)?;
            }
            return Ok(StatusChange::Unchanged {
                id: current.id,
                status,
                noted: note.is_some(),
            });
        }
        let code = current.id.clone();
        self.tx.execute(
            "UPDATE recommendation SET status = ?1, updated_at = ?2 WHERE id = ?3",
            params![status, actor.at, rowid],
        )?;
        self.append_event(
            &NewEvent {
                narrative_id,
                recommendation_id: Some(rowid),
                kind: "status",
                old_value: Some(current.status.as_str()),
                new_value: Some(status.as_str()),
                note,
                effective_date,
            },
            actor,
        )?;
        Ok(StatusChange::Changed {
            id: code,
            from: current.status,
            to: status,
        })
    }

    /// Adds a note to a recommendation.
    pub fn add_note(&self, id: &str, text: &str, actor: &Actor) -> Result<Note> {
        let (current, rowid, narrative_id) = self.ids(id)?;
        let code = current.id;
        self.tx.execute(
            "INSERT INTO note (recommendation_id, text, author, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![rowid, text, actor.name, actor.at],
        )?;
        let note_id = self.tx.last_insert_rowid();
        self.touch(rowid, actor)?;
        self.append_event(
            &NewEvent {
                narrative_id,
                recommendation_id: Some(rowid),
                kind: "note",
                old_value: None,
                new_value: Some(text),
                note: None,
                effective_date: None,
            },
            actor,
        )?;
        Ok(Note {
            id: note_id,
            recommendation: code,
            text: text.to_string(),
            author: actor.name.clone(),
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
        self.tx.execute(
            "INSERT INTO evidence (recommendation_id, report_year, quote, source, action_date, \
             added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                rowid,
                evidence.year,
                evidence.text,
                evidence.source,
                evidence.date,
                actor.name,
                actor.at
            ],
        )?;
        let evidence_id = self.tx.last_insert_rowid();
        self.touch(rowid, actor)?;
        let mut summary = format!("[{}] {}", evidence.year, evidence.text);
        if let Some(source) = &evidence.source {
            summary.push_str(&format!(" (source: {source})"));
        }
        self.append_event(
            &NewEvent {
                narrative_id,
                recommendation_id: Some(rowid),
                kind: "evidence",
                old_value: None,
                new_value: Some(&summary),
                note: None,
                effective_date: evidence.date.as_deref(),
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
            added_by: actor.name.clone(),
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
        self.tx.execute(
            "UPDATE recommendation SET area = ?1, action = ?2, classified_by = 'user' WHERE id = ?3",
            params![area.unwrap_or(current.area), action.unwrap_or(current.action), rowid],
        )?;
        for (kind, old, new) in &changes {
            self.touch(rowid, actor)?;
            self.append_event(
                &NewEvent {
                    narrative_id,
                    recommendation_id: Some(rowid),
                    kind,
                    old_value: Some(old),
                    new_value: Some(new),
                    note: None,
                    effective_date: None,
                },
                actor,
            )?;
        }
        Ok(changes)
    }

    fn touch(&self, rowid: i64, actor: &Actor) -> Result<()> {
        self.tx.execute(
            "UPDATE recommendation SET updated_at = ?1 WHERE id = ?2",
            params![actor.at, rowid],
        )?;
        Ok(())
    }
}
