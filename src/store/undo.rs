//! `undo`: takes back a user's last command, whole, from the history. Each event a command
//! recorded holds what its change replaced (`before`, see [`Before`]); undoing writes that back,
//! newest event first, and records each step as an event of its own under a new command that
//! names the one it undoes. So the history keeps both the change and its undoing.

use std::collections::HashSet;

use anyhow::{Context, Result, bail};

use super::Writer;
use super::rows::{Before, EVENT_COLUMNS, NewEvent, event_from_row};
use super::sql::{ToParam, Value, params};
use crate::model::{Actor, Event};

/// What `undo` took back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// Who ran the command, and when.
    pub actor: String,
    pub at: String,
    /// Its events, newest first: each was reverted.
    pub events: Vec<Event>,
}

/// The columns `undo` may write back, by table: a `before` is data, and only these names ever
/// reach the SQL.
const RESTORABLE: &[(&str, &[&str])] = &[
    (
        "recommendation",
        &[
            "status",
            "status_seq",
            "status_date",
            "asked_again_from",
            "owner",
            "supporting",
            "due_date",
            "assign_seq",
            "area",
            "action",
            "classified_by",
        ],
    ),
    ("note", &["text", "deleted"]),
    (
        "evidence",
        &[
            "report_year",
            "quote",
            "source",
            "action_date",
            "state",
            "assessment",
            "review_note",
            "deleted",
        ],
    ),
    ("narrative", &["tier", "tier_set_by", "removed"]),
];

/// Kinds whose undoing is told as the same kind of change, the other way round (a status set
/// back is a status change: reports and dossiers that follow statuses see it).
const SAME_KIND: &[&str] = &["status", "assign", "tier", "area", "action", "date"];

/// One event of the command to undo, with what undoing it needs.
struct Step {
    event: Event,
    recommendation_id: Option<i64>,
    narrative_id: i64,
    before: Option<String>,
}

impl Writer<'_> {
    /// Takes back the last command of `actor` not yet undone (and not itself an undo). Refused,
    /// changing nothing, when there is none, when the command cannot be undone (a re-import or
    /// a link), or when someone else changed one of its items since.
    pub fn undo(&self, actor: &Actor) -> Result<Undone> {
        let target: Option<(i64, String)> = self.db().optional(
            "the last command to undo",
            "SELECT c.id, c.at FROM command c WHERE c.actor = ?1 AND c.undoes IS NULL \
             AND NOT EXISTS (SELECT 1 FROM command u WHERE u.undoes = c.id) \
             ORDER BY c.id DESC LIMIT 1",
            params![actor.name],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let Some((command, at)) = target else {
            bail!(
                "nothing to undo: {} has no command left to undo (commands recorded before \
                 schema version 6 cannot be undone)",
                actor.name
            );
        };
        let steps = self.steps(command)?;
        let what = format!("{}'s command of {at}", actor.name);
        // An import of new narratives is undone by removing them (as `remove` does): their
        // items' `created` events go with them. A re-import cannot be undone.
        let imported: HashSet<i64> = steps
            .iter()
            .filter(|s| s.event.kind == "import")
            .map(|s| s.narrative_id)
            .collect();
        let with_import = |step: &Step| {
            step.event.kind == "import"
                || (step.event.kind == "created" && imported.contains(&step.narrative_id))
        };
        for step in &steps {
            let undoable = step.before.is_some() && step.event.kind != "restore";
            if !undoable && !with_import(step) {
                bail!(
                    "cannot undo {what}: {} cannot be undone (only imports of new narratives, \
                     statuses, notes, evidence, decisions on suggestions, assignments, tiers, \
                     classifications and removals can; `remove COUNTRY YEAR` takes an imported \
                     narrative out)",
                    what_kind(&step.event.kind)
                );
            }
        }
        let last = steps.first().map(|s| s.event.id).unwrap_or(0);
        for step in &steps {
            self.refuse_if_changed_since(step, last, &actor.name, &what)?;
        }
        self.command(actor, Some(command))?;
        for step in &steps {
            match step.event.kind.as_str() {
                "import" => {
                    self.remove_narrative(&step.event.iso3, step.event.year, actor)?;
                }
                _ if with_import(step) => {}
                _ => self.revert(step, &what, actor)?,
            }
        }
        Ok(Undone {
            actor: actor.name.clone(),
            at,
            events: steps.into_iter().map(|s| s.event).collect(),
        })
    }

    /// A command's events, newest first.
    fn steps(&self, command: i64) -> Result<Vec<Step>> {
        let width = 12;
        self.db().rows(
            "reading the command's events",
            &format!(
                "SELECT {EVENT_COLUMNS}, ev.recommendation_id, ev.narrative_id, ev.before \
                 FROM event ev JOIN narrative n ON n.id = ev.narrative_id \
                 LEFT JOIN recommendation r ON r.id = ev.recommendation_id \
                 WHERE ev.command = ?1 ORDER BY ev.id DESC"
            ),
            params![command],
            |row| {
                Ok(Step {
                    event: event_from_row(row)?,
                    recommendation_id: row.get(width)?,
                    narrative_id: row.get(width + 1)?,
                    before: row.get(width + 2)?,
                })
            },
        )
    }

    /// Refuses when someone else changed the step's item (or, for a narrative's own event, the
    /// narrative) after the command, in a command that still stands.
    fn refuse_if_changed_since(&self, step: &Step, last: i64, me: &str, what: &str) -> Result<()> {
        let later = self.db().optional(
            "a later change by someone else",
            &format!(
                "SELECT {EVENT_COLUMNS} FROM event ev JOIN narrative n ON n.id = ev.narrative_id \
                     LEFT JOIN recommendation r ON r.id = ev.recommendation_id \
                     LEFT JOIN command c ON c.id = ev.command \
                     WHERE ev.id > ?1 AND ev.actor <> ?2 \
                     AND (ev.recommendation_id = ?3 OR (ev.recommendation_id IS NULL \
                          AND ev.narrative_id = ?4 \
                          AND (CAST(?3 AS BIGINT) IS NULL \
                               OR ev.kind IN ('remove', 'restore', 'reimport')))) \
                     AND (c.id IS NULL OR (c.undoes IS NULL \
                          AND NOT EXISTS (SELECT 1 FROM command u WHERE u.undoes = c.id))) \
                     ORDER BY ev.id LIMIT 1"
            ),
            params![last, me, step.recommendation_id, step.narrative_id],
            event_from_row,
        )?;
        if let Some(later) = later {
            let item = later
                .recommendation
                .clone()
                .unwrap_or_else(|| format!("{} {}", later.iso3, later.year));
            bail!(
                "cannot undo {what}: {item} was changed since by {} at {} ({}: {} -> {}); \
                 undoing would overwrite that change",
                later.actor,
                later.at,
                later.kind,
                later.old_value.as_deref().unwrap_or("none"),
                later.new_value.as_deref().unwrap_or("none"),
            );
        }
        Ok(())
    }

    /// Writes back what one event replaced, and records that as an event.
    fn revert(&self, step: &Step, what: &str, actor: &Actor) -> Result<()> {
        let json = step.before.as_deref().unwrap_or("{}");
        let before: Before = serde_json::from_str(json)
            .with_context(|| format!("event {} records an unreadable before", step.event.id))?;
        let Some((table, allowed)) = RESTORABLE.iter().find(|(t, _)| *t == before.table) else {
            bail!(
                "event {} cannot be undone: table {}",
                step.event.id,
                before.table
            );
        };
        let kind = step.event.kind.as_str();
        if kind == "remove" {
            return self.undo_remove(step, &before, what, actor);
        }
        // A note or evidence the command added: undoing deletes it (it is kept, marked).
        let mut set: Vec<(&str, Value)> = if matches!(kind, "note" | "evidence") {
            let command = self.command(actor, None)?;
            vec![("deleted", Value::Int(command))]
        } else {
            before
                .set
                .iter()
                .map(|(column, value)| {
                    let Some(name) = allowed.iter().find(|c| **c == column.as_str()) else {
                        bail!("event {} cannot be undone: column {column}", step.event.id);
                    };
                    Ok((*name, sql_value(value)))
                })
                .collect::<Result<_>>()?
        };
        set.sort_by_key(|(name, _)| *name);
        let columns: Vec<&str> = set.iter().map(|(name, _)| *name).collect();
        // What this undo replaces, so that it too is data.
        let replaced = self.before(table, before.id, &columns)?;
        let assignments: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, name)| format!("{name} = ?{}", i + 1))
            .collect();
        let sql = format!(
            "UPDATE {table} SET {} WHERE id = ?{}",
            assignments.join(", "),
            set.len() + 1
        );
        let mut values: Vec<Value> = set.into_iter().map(|(_, v)| v).collect();
        values.push(Value::Int(before.id));
        let values: Vec<&dyn ToParam> = values.iter().map(|v| v as &dyn ToParam).collect();
        self.db()
            .exec("writing back what it replaced", &sql, &values)
            .with_context(|| format!("undoing event {}", step.event.id))?;

        let event = &step.event;
        let (kind, old, new) = if SAME_KIND.contains(&kind) {
            (kind, event.new_value.as_deref(), event.old_value.as_deref())
        } else {
            (
                "undo",
                Some(event.kind.as_str()),
                event.new_value.as_deref().or(event.old_value.as_deref()),
            )
        };
        let note = format!("undo of {what}");
        self.append_event(
            &NewEvent {
                narrative_id: step.narrative_id,
                recommendation_id: step.recommendation_id,
                kind,
                old_value: old,
                new_value: new,
                note: Some(&note),
                effective_date: None,
                before: replaced,
            },
            actor,
        )?;
        if *table == "recommendation" {
            let ask: i64 = self.db().value(
                "the item's ask",
                "SELECT ask_id FROM recommendation WHERE id = ?1",
                params![before.id],
            )?;
            self.refresh_ask(ask)?;
        }
        Ok(())
    }
}

impl Writer<'_> {
    /// Brings back a removed narrative, recorded as a `restore`.
    fn undo_remove(&self, step: &Step, before: &Before, what: &str, actor: &Actor) -> Result<()> {
        let replaced = Before::read(self.db(), "narrative", before.id, &["removed"])?.json()?;
        let note = format!("undo of {what}");
        self.append_event(
            &NewEvent {
                narrative_id: step.narrative_id,
                recommendation_id: None,
                kind: "restore",
                old_value: step.event.new_value.as_deref(),
                new_value: step.event.old_value.as_deref(),
                note: Some(&note),
                effective_date: None,
                before: Some(replaced),
            },
            actor,
        )?;
        self.bring_back(before.id, before, actor)
    }
}

/// A kind of event in words, for the refusal.
fn what_kind(kind: &str) -> String {
    match kind {
        "import" | "reimport" | "created" | "text" | "position" | "removed" | "restore" => {
            "a re-import".to_string()
        }
        "link" | "unlink" => "a link or unlink".to_string(),
        other => format!("a '{other}' change"),
    }
}

fn sql_value(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Int(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}
