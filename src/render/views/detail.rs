//! `show ID`: one recommendation with its ask (the line of items, status, owner and due date),
//! the ask's notes and evidence, and the item's history.

use anyhow::Result;

use super::list::RECOMMENDATION_FIELDS;
use super::{View, ask_years, due_cell, history, or_none, owner_cell, score};
use crate::model::{Event, Evidence, Note, RecommendationDetail};
use crate::render::document::Document;
use crate::render::grid::Grid;

/// One item in full.
pub(in crate::render) struct Detail<'a>(pub(in crate::render) &'a RecommendationDetail);

impl View for Detail<'_> {
    type Model = RecommendationDetail;

    fn model(&self) -> &RecommendationDetail {
        self.0
    }

    /// CSV has one shape: the item's fields as key/value rows, then one row per item of the ask,
    /// import warning, note, piece of evidence and event.
    fn records(&self) -> Result<Grid> {
        let detail = self.0;
        // The item's fields are its JSON fields, so the two cannot drift apart.
        let fields = Grid::of_fields(
            std::slice::from_ref(&detail.recommendation),
            RECOMMENDATION_FIELDS,
        )?;
        let values = fields.rows.into_iter().next().unwrap_or_default();
        let mut rows: Vec<Vec<String>> = fields
            .header
            .into_iter()
            .zip(values)
            .map(|(field, value)| vec![field, value.into_owned()])
            .collect();
        rows.extend(detail.line.iter().map(|e| {
            vec![
                "ask_item".into(),
                format!("{} {}: {}", e.year, e.id, e.text),
            ]
        }));
        rows.extend(
            detail
                .warnings
                .iter()
                .map(|w| vec!["warning".into(), w.clone()]),
        );
        rows.extend(
            detail
                .notes
                .iter()
                .map(|n| vec!["note".into(), note_line(n)]),
        );
        rows.extend(
            detail
                .evidence
                .iter()
                .map(|e| vec!["evidence".into(), evidence_line(e)]),
        );
        rows.extend(
            detail
                .history
                .iter()
                .map(|e| vec!["history".into(), event_line(e)]),
        );
        Ok(Grid::with_rows(&["field", "value"], rows))
    }

    /// A card: a heading line (ID, country, year, status), the text as a paragraph, labelled
    /// fields, then the ask's items, notes, evidence and the item's history as indented lists.
    fn document(&self) -> Document {
        let detail = self.0;
        let r = &detail.recommendation;
        let ask = &detail.ask;
        let mut doc = Document::default();
        let removed = if r.position.is_none() {
            " (no longer in the narrative)"
        } else {
            ""
        };
        doc.heading(format!(
            "{}  {} {}  {}{removed}",
            r.id, r.country, r.year, r.status
        ));
        doc.blank();
        doc.line(format!("  {}", r.text));
        doc.blank();
        let field = |doc: &mut Document, label: &str, value: String| {
            doc.line(format!("{:<10}{value}", format!("{label}:")));
        };
        field(
            &mut doc,
            "Tier",
            r.tier
                .map_or_else(|| "not stated".to_string(), |t| t.to_string()),
        );
        let mut status = r.status.to_string();
        if let (Some(date), Some(on)) = (&ask.status_date, &ask.status_set_on) {
            status.push_str(&format!(" since {date} (set on {on})"));
        }
        if ask.asked_again {
            status.push_str(
                "; asked again after addressed: a later report made it again (the report does \
                 not count it done)",
            );
        }
        field(&mut doc, "Status", status);
        field(
            &mut doc,
            "Ask",
            format!(
                "{}, made in {} ({} report{}){}",
                ask.id,
                ask_years(&ask.years),
                ask.reports,
                if ask.reports == 1 { "" } else { "s" },
                match (&ask.merged_into, ask.still_made) {
                    (Some(into), _) => format!("; merged into {into}'s ask"),
                    (None, true) => "; the latest report still makes it".to_string(),
                    (None, false) => "; the latest report no longer makes it".to_string(),
                }
            ),
        );
        if let Some(from) = &ask.split_from {
            field(
                &mut doc,
                "Split",
                format!("from {from} (its ask goes on through another item)"),
            );
        }
        if ask.owner.is_some() || !ask.supporting.is_empty() {
            field(
                &mut doc,
                "Owner",
                or_none(&owner_cell(ask.owner.as_deref(), &ask.supporting)).to_string(),
            );
        }
        if let Some(due) = &ask.due {
            field(&mut doc, "Due", due_cell(Some(due), ask.overdue));
        }
        field(&mut doc, "Area", r.area.to_string());
        field(&mut doc, "Action", r.action.to_string());
        if r.truncated {
            field(
                &mut doc,
                "Cut off",
                "the imported copy ends inside this recommendation".to_string(),
            );
        }
        field(&mut doc, "Updated", r.updated_at.clone());
        for warning in &detail.warnings {
            field(&mut doc, "Warning", warning.clone());
        }
        let line = detail.line.iter().map(|e| {
            let mut how = Vec::new();
            if let Some(link) = e.link {
                how.push(link.to_string());
            }
            if e.score.is_some() {
                how.push(score(e.score));
            }
            let how = if how.is_empty() {
                String::new()
            } else {
                format!(" ({})", how.join(", "))
            };
            format!("{} {}{how}: {}", e.year, e.id, e.text)
        });
        let notes = detail.notes.iter().map(|n| {
            // The note's id is what `note edit` and `note delete` take.
            format!(
                "note {}, {} {} on {}: {}",
                n.id, n.created_at, n.author, n.recommendation, n.text
            )
        });
        let evidence = detail.evidence.iter().map(|e| {
            // The evidence id is what `evidence edit` and `evidence delete` take.
            let mut line = format!(
                "evidence {}, {} ({}, {})",
                e.id,
                evidence_line(e),
                e.recommendation,
                e.state
            );
            if e.outside_period {
                line.push_str(&format!("; dated outside the {} period", e.year));
            }
            if let Some(assessment) = &e.assessment {
                line.push_str(&format!("; {assessment}"));
            }
            line.push_str(&format!("; added by {} {}", e.added_by, e.added_at));
            line
        });
        let history = detail.history.iter().map(event_line);
        let parts: [(String, Vec<String>); 4] = [
            ("The ask, year by year".to_string(), line.collect()),
            ("Notes on the ask".to_string(), notes.collect()),
            ("Evidence on the ask".to_string(), evidence.collect()),
            (format!("History of {}", r.id), history.collect()),
        ];
        for (title, items) in parts {
            doc.blank();
            doc.heading(title);
            if items.is_empty() {
                doc.nothing();
            }
            for item in items {
                doc.line(format!("  - {item}"));
            }
        }
        doc
    }
}

fn note_line(n: &Note) -> String {
    format!("{} {}: {}", n.created_at, n.author, n.text)
}

fn evidence_line(e: &Evidence) -> String {
    let mut line = format!("[{}] {}", e.year, e.text);
    if let Some(date) = &e.date {
        line.push_str(&format!(" (action {date})"));
    }
    if let Some(source) = &e.source {
        line.push_str(&format!(" <{source}>"));
    }
    line
}

fn event_line(e: &Event) -> String {
    let mut line = format!("{} {} {}", e.at, e.actor, history::describe_change(e));
    if let Some(note) = &e.note {
        line.push_str(&format!(" ({note})"));
    }
    line
}
