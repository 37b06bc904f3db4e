//! Corrections to what a user recorded: a note edited or deleted, evidence edited or deleted.
//! Each appends its event, with the old value, to the history; a deletion only marks the row
//! (`deleted`), so nothing a user entered is lost and `undo` can bring it back.

use anyhow::{Result, bail};

use super::Writer;
use super::rows::NewEvent;
use super::sql::params;
use crate::model::Actor;

/// What `note edit` or `note delete` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteCorrection {
    pub id: i64,
    pub recommendation: String,
    /// The text before.
    pub old: String,
    /// The text after; None for a deletion.
    pub new: Option<String>,
    /// False when the note already said exactly that (nothing recorded).
    pub changed: bool,
}

/// The parts of a piece of evidence `evidence edit` changes; None leaves a part as it is, and
/// `Some(None)` clears the source or date.
#[derive(Debug, Clone, Default)]
pub struct EvidenceEdit {
    pub year: Option<i64>,
    pub text: Option<String>,
    pub source: Option<Option<String>>,
    pub date: Option<Option<String>>,
}

/// What `evidence edit` or `evidence delete` did: (part, old, new) for each change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceCorrection {
    pub id: i64,
    pub recommendation: String,
    pub changes: Vec<(&'static str, String, String)>,
    pub deleted: bool,
}

/// A note row as corrections need it.
struct NoteRow {
    recommendation_id: i64,
    narrative_id: i64,
    code: String,
    text: String,
}

/// An evidence row as corrections need it.
struct EvidenceRow {
    recommendation_id: i64,
    narrative_id: i64,
    code: String,
    state: String,
    year: i64,
    quote: Option<String>,
    source: Option<String>,
    date: Option<String>,
}

fn or_none(value: Option<&str>) -> String {
    value.unwrap_or("none").to_string()
}

impl Writer<'_> {
    /// Marks a note or evidence deleted by this command: kept, and left out of every read.
    /// `table` is the code's own name, never a user's.
    pub(super) fn mark_deleted(&self, table: &str, id: i64, actor: &Actor) -> Result<()> {
        let command = self.command(actor, None)?;
        self.db().exec(
            &format!("marking the {table} deleted"),
            &format!("UPDATE {table} SET deleted = ?1 WHERE id = ?2"),
            params![command, id],
        )?;
        Ok(())
    }

    fn note_row(&self, id: i64) -> Result<NoteRow> {
        let found = self.db().optional(
            "the note to correct",
            "SELECT t.recommendation_id, r.narrative_id, r.code, t.text FROM note t \
             JOIN recommendation r ON r.id = t.recommendation_id \
             JOIN narrative n ON n.id = r.narrative_id \
             WHERE t.id = ?1 AND t.deleted IS NULL AND n.removed IS NULL",
            params![id],
            |row| {
                Ok(NoteRow {
                    recommendation_id: row.get(0)?,
                    narrative_id: row.get(1)?,
                    code: row.get(2)?,
                    text: row.get(3)?,
                })
            },
        )?;
        match found {
            Some(row) => Ok(row),
            None => bail!("no note with id {id} (tiptrack show ID gives each note's id)"),
        }
    }

    /// Replaces a note's text; the old text stays in the history.
    pub fn edit_note(&self, id: i64, text: &str, actor: &Actor) -> Result<NoteCorrection> {
        let note = self.note_row(id)?;
        let mut correction = NoteCorrection {
            id,
            recommendation: note.code.clone(),
            old: note.text.clone(),
            new: Some(text.to_string()),
            changed: note.text != text,
        };
        if !correction.changed {
            return Ok(correction);
        }
        let before = self.before("note", id, &["text"])?;
        self.db().exec(
            "editing the note",
            "UPDATE note SET text = ?1 WHERE id = ?2",
            params![text, id],
        )?;
        self.note_event(&note, "note-edit", Some(text), before, actor)?;
        correction.changed = true;
        Ok(correction)
    }

    /// Deletes a note: it is kept, marked deleted, and its text stays in the history.
    pub fn delete_note(&self, id: i64, actor: &Actor) -> Result<NoteCorrection> {
        let note = self.note_row(id)?;
        let before = self.before("note", id, &["deleted"])?;
        self.note_event(&note, "note-delete", None, before, actor)?;
        self.mark_deleted("note", id, actor)?;
        Ok(NoteCorrection {
            id,
            recommendation: note.code,
            old: note.text,
            new: None,
            changed: true,
        })
    }

    fn note_event(
        &self,
        note: &NoteRow,
        kind: &str,
        new: Option<&str>,
        before: Option<String>,
        actor: &Actor,
    ) -> Result<i64> {
        self.record(
            Some(note.recommendation_id),
            &NewEvent {
                narrative_id: note.narrative_id,
                recommendation_id: Some(note.recommendation_id),
                kind,
                old_value: Some(&note.text),
                new_value: new,
                note: None,
                effective_date: None,
                before,
            },
            actor,
        )
    }

    fn evidence_row(&self, id: i64) -> Result<EvidenceRow> {
        let found = self.db().optional(
            "the evidence to correct",
            "SELECT e.recommendation_id, r.narrative_id, r.code, e.state, e.report_year, \
             e.quote, e.source, e.action_date FROM evidence e \
             JOIN recommendation r ON r.id = e.recommendation_id \
             JOIN narrative n ON n.id = r.narrative_id \
             WHERE e.id = ?1 AND e.deleted IS NULL AND n.removed IS NULL",
            params![id],
            |row| {
                Ok(EvidenceRow {
                    recommendation_id: row.get(0)?,
                    narrative_id: row.get(1)?,
                    code: row.get(2)?,
                    state: row.get(3)?,
                    year: row.get(4)?,
                    quote: row.get(5)?,
                    source: row.get(6)?,
                    date: row.get(7)?,
                })
            },
        )?;
        match found {
            None => bail!("no evidence with id {id} (see tiptrack evidence list)"),
            Some(row) if row.state == "suggested" => bail!(
                "evidence {id} is a suggestion awaiting review: accept or reject it (tiptrack \
                 evidence accept|reject {id}) rather than edit or delete it"
            ),
            Some(row) => Ok(row),
        }
    }

    /// Corrects a piece of evidence (its year, text, source or action date), one history event
    /// per part changed, each with the old value.
    pub fn edit_evidence(
        &self,
        id: i64,
        edit: &EvidenceEdit,
        actor: &Actor,
    ) -> Result<EvidenceCorrection> {
        let row = self.evidence_row(id)?;
        let mut changes: Vec<(&'static str, String, String)> = Vec::new();
        if let Some(year) = edit.year.filter(|y| *y != row.year) {
            changes.push(("year", row.year.to_string(), year.to_string()));
        }
        if let Some(text) = edit
            .text
            .as_deref()
            .filter(|t| Some(*t) != row.quote.as_deref())
        {
            changes.push(("text", or_none(row.quote.as_deref()), text.to_string()));
        }
        if let Some(source) = edit.source.as_ref().filter(|s| **s != row.source) {
            changes.push((
                "source",
                or_none(row.source.as_deref()),
                or_none(source.as_deref()),
            ));
        }
        if let Some(date) = edit.date.as_ref().filter(|d| **d != row.date) {
            changes.push((
                "date",
                or_none(row.date.as_deref()),
                or_none(date.as_deref()),
            ));
        }
        if changes.is_empty() {
            return Ok(EvidenceCorrection {
                id,
                recommendation: row.code,
                changes,
                deleted: false,
            });
        }
        let before = self.before(
            "evidence",
            id,
            &["report_year", "quote", "source", "action_date"],
        )?;
        self.db().exec(
            "editing the evidence",
            "UPDATE evidence SET report_year = ?1, quote = ?2, source = ?3, action_date = ?4 \
             WHERE id = ?5",
            params![
                edit.year.unwrap_or(row.year),
                edit.text.clone().or(row.quote.clone()),
                edit.source.clone().unwrap_or(row.source.clone()),
                edit.date.clone().unwrap_or(row.date.clone()),
                id
            ],
        )?;
        let date = edit.date.clone().unwrap_or(row.date.clone());
        for (part, old, new) in &changes {
            let old = format!("evidence {id} {part}: {old}");
            let event = NewEvent {
                before: before.clone(),
                ..evidence_event(&row, "evidence-edit", &old, Some(new), date.as_deref())
            };
            self.append_event(&event, actor)?;
        }
        self.touch(row.recommendation_id, actor)?;
        Ok(EvidenceCorrection {
            id,
            recommendation: row.code,
            changes,
            deleted: false,
        })
    }

    /// Deletes a piece of evidence: it is kept, marked deleted, and the history keeps what it
    /// said.
    pub fn delete_evidence(&self, id: i64, actor: &Actor) -> Result<EvidenceCorrection> {
        let row = self.evidence_row(id)?;
        let before = self.before("evidence", id, &["deleted"])?;
        let mut summary = format!(
            "evidence {id}: [{}] {}",
            row.year,
            row.quote.as_deref().unwrap_or("")
        );
        if let Some(source) = &row.source {
            summary.push_str(&format!(" (source: {source})"));
        }
        let event = NewEvent {
            before,
            ..evidence_event(&row, "evidence-delete", &summary, None, row.date.as_deref())
        };
        self.record(Some(row.recommendation_id), &event, actor)?;
        self.mark_deleted("evidence", id, actor)?;
        Ok(EvidenceCorrection {
            id,
            recommendation: row.code,
            changes: Vec::new(),
            deleted: true,
        })
    }
}

/// An event about a piece of evidence.
fn evidence_event<'a>(
    row: &EvidenceRow,
    kind: &'a str,
    old: &'a str,
    new: Option<&'a str>,
    date: Option<&'a str>,
) -> NewEvent<'a> {
    NewEvent {
        narrative_id: row.narrative_id,
        recommendation_id: Some(row.recommendation_id),
        kind,
        old_value: Some(old),
        new_value: new,
        note: None,
        effective_date: date,
        before: None,
    }
}
