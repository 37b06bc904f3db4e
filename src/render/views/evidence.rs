//! `evidence list`: a user's evidence, or the suggestions drawn from narratives, with the columns
//! a reviewer needs. `show` lists an ask's evidence the same way.

use anyhow::Result;

use super::View;
use crate::model::Evidence;
use crate::render::document::Document;
use crate::render::grid::Grid;

/// The JSON (and CSV) field names of a piece of evidence: a documented, stable interface.
pub const EVIDENCE_FIELDS: &[&str] = &[
    "id",
    "recommendation",
    "year",
    "text",
    "source",
    "date",
    "added_by",
    "added_at",
    "state",
    "section",
    "paragraph",
    "start",
    "end",
    "score",
    "reason",
    "commitment",
    "assessment",
    "note",
    "outside_period",
    "ask",
    "repeats",
];

/// Evidence, one piece a row.
pub(in crate::render) struct EvidenceList<'a>(pub(in crate::render) &'a [Evidence]);

impl View for EvidenceList<'_> {
    type Model = [Evidence];

    fn model(&self) -> &[Evidence] {
        self.0
    }

    fn records(&self) -> Result<Grid> {
        Grid::of_fields(self.0, EVIDENCE_FIELDS)
    }

    fn document(&self) -> Document {
        Document::grid(grid(self.0))
    }
}

/// Evidence as a table shows it.
pub(super) fn grid(items: &[Evidence]) -> Grid {
    // Sentences drawn from narratives get the columns a reviewer needs instead.
    if items.iter().any(|e| e.start.is_some()) {
        return suggestions(items);
    }
    Grid::with_rows(
        &[
            "EID",
            "ID",
            "Year",
            "Evidence",
            "Source",
            "Action date",
            "Added by",
            "Added at",
        ],
        items
            .iter()
            .map(|e| {
                vec![
                    e.id.to_string(),
                    e.recommendation.clone(),
                    e.year.to_string(),
                    e.text.clone(),
                    e.source.clone().unwrap_or_default(),
                    match &e.date {
                        Some(date) if e.outside_period => {
                            format!("{date} (outside the {} period)", e.year)
                        }
                        date => date.clone().unwrap_or_default(),
                    },
                    e.added_by.clone(),
                    e.added_at.clone(),
                ]
            })
            .collect(),
    )
    .dropping(&["Added at", "Source", "Added by", "Action date"])
}

fn suggestions(items: &[Evidence]) -> Grid {
    Grid::with_rows(
        &[
            "EID", "ID", "Years", "State", "Section", "Para", "Score", "Matched", "Sentence",
        ],
        items
            .iter()
            .map(|e| {
                let mut sentence = e.text.clone();
                if e.commitment {
                    sentence.insert_str(0, "(commitment) ");
                }
                // A sentence shown once for its ask: its repeats' ids, items and years too.
                let mut eid = e.id.to_string();
                let mut ids = vec![e.recommendation.clone()];
                if !e.repeats.is_empty() {
                    let also: Vec<String> = e.repeats.iter().map(|r| r.id.to_string()).collect();
                    eid.push_str(&format!(" (also {})", also.join(", ")));
                    for r in &e.repeats {
                        if !ids.contains(&r.recommendation) {
                            ids.push(r.recommendation.clone());
                        }
                    }
                }
                let years: Vec<String> = e.years().iter().map(i64::to_string).collect();
                vec![
                    eid,
                    ids.join(", "),
                    years.join(", "),
                    e.state.clone(),
                    e.section.clone().unwrap_or_default(),
                    e.paragraph.map_or_else(String::new, |p| p.to_string()),
                    e.score.map_or_else(String::new, |s| format!("{s:.2}")),
                    e.reason.clone().unwrap_or_default(),
                    sentence,
                ]
            })
            .collect(),
    )
    .dropping(&["Matched", "Para", "Section", "State", "Years", "Score"])
}
