//! `show ID`: one recommendation with its ask (the line of items, status, owner and due date),
//! the ask's notes and evidence, and the item's history.

use anyhow::Result;

use super::list::RECOMMENDATION_FIELDS;
use super::{View, ask_years, due_cell, evidence, history, or_none, owner_cell, score};
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
            .map(|(field, value)| vec![field, value])
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

    fn document(&self) -> Document {
        let detail = self.0;
        let r = &detail.recommendation;
        let ask = &detail.ask;
        let mut doc = Document::default();
        let tier = r
            .tier
            .map_or_else(|| "tier not stated".to_string(), |t| t.to_string());
        doc.heading(format!("{} ({} {}, {tier})", r.id, r.country, r.year));
        doc.blank();
        doc.line(r.text.clone());
        doc.blank();
        doc.line(format!(
            "Ask: {}, made in {} ({} report{}){}",
            ask.id,
            ask_years(&ask.years),
            ask.reports,
            if ask.reports == 1 { "" } else { "s" },
            match (&ask.merged_into, ask.still_made) {
                (Some(into), _) => format!("; merged into {into}'s ask"),
                (None, true) => "; the latest report still makes it".to_string(),
                (None, false) => "; the latest report no longer makes it".to_string(),
            }
        ));
        if let Some(from) = &ask.split_from {
            doc.line(format!(
                "Split from: {from} (its ask goes on through another item)"
            ));
        }
        let removed = if r.position.is_none() {
            " (no longer in the narrative)"
        } else {
            ""
        };
        let mut status = format!("Status: {}{removed}", r.status);
        if let (Some(date), Some(on)) = (&ask.status_date, &ask.status_set_on) {
            status.push_str(&format!(" since {date} (set on {on})"));
        }
        doc.line(status);
        if ask.asked_again {
            doc.line(
                "Asked again after addressed: a later report made it again (the report does not \
                 count it done)",
            );
        }
        if ask.owner.is_some() || !ask.supporting.is_empty() || ask.due.is_some() {
            let mut line = format!(
                "Owner: {}",
                or_none(&owner_cell(ask.owner.as_deref(), &ask.supporting))
            );
            if let Some(due) = &ask.due {
                line.push_str(&format!("; due {}", due_cell(Some(due), ask.overdue)));
            }
            doc.line(line);
        }
        doc.line(format!("Area: {}; action: {}", r.area, r.action));
        if r.truncated {
            doc.line("Cut off: the imported copy ends inside this recommendation");
        }
        doc.line(format!("Updated: {}", r.updated_at));
        for warning in &detail.warnings {
            doc.line(format!("Import warning: {warning}"));
        }
        let line = Grid::with_rows(
            &["Year", "ID", "Link", "Score", "Recommendation"],
            detail
                .line
                .iter()
                .map(|e| {
                    vec![
                        e.year.to_string(),
                        e.id.clone(),
                        e.link.map(|l| l.to_string()).unwrap_or_default(),
                        score(e.score),
                        e.text.clone(),
                    ]
                })
                .collect(),
        );
        let notes = Grid::with_rows(
            &["When", "On", "By", "Note"],
            detail
                .notes
                .iter()
                .map(|n| {
                    vec![
                        n.created_at.clone(),
                        n.recommendation.clone(),
                        n.author.clone(),
                        n.text.clone(),
                    ]
                })
                .collect(),
        );
        let parts = [
            ("The ask, year by year".to_string(), line),
            ("Notes on the ask".to_string(), notes),
            (
                "Evidence on the ask".to_string(),
                evidence::grid(&detail.evidence),
            ),
            (
                format!("History of {}", r.id),
                history::grid(&detail.history),
            ),
        ];
        for (title, grid) in parts {
            doc.blank();
            doc.heading(title);
            doc.grid_or_nothing(grid);
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
