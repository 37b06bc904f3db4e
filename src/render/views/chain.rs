//! `chain ID`: a recommendation's lineage across report years.

use anyhow::Result;

use super::{View, score};
use crate::model::ChainEntry;
use crate::render::document::Document;
use crate::render::grid::Grid;

/// The JSON (and CSV) field names of a chain entry: a documented, stable interface.
pub const CHAIN_FIELDS: &[&str] = &[
    "id",
    "year",
    "status",
    "link",
    "score",
    "linked_by",
    "dropped",
    "unknown",
    "merged_into",
    "split_from",
    "text",
];

/// An item's chain, earliest year first.
pub(in crate::render) struct Chain<'a>(pub(in crate::render) &'a [ChainEntry]);

impl View for Chain<'_> {
    type Model = [ChainEntry];

    fn model(&self) -> &[ChainEntry] {
        self.0
    }

    fn records(&self) -> Result<Grid> {
        Grid::of_fields(self.0, CHAIN_FIELDS)
    }

    fn document(&self) -> Document {
        let rows = self
            .0
            .iter()
            .map(|e| {
                let mut status = e.status.to_string();
                if e.dropped {
                    status.push_str(" (dropped)");
                }
                if e.unknown {
                    status.push_str(" (unknown: no later recommendations block)");
                }
                if let Some(into) = &e.merged_into {
                    status.push_str(&format!(" (merged into {into})"));
                }
                let mut link = e.link.map_or_else(String::new, |k| k.to_string());
                if e.linked_by.as_deref() == Some("user") {
                    link.push_str(" (user)");
                }
                if let Some(from) = &e.split_from {
                    link = format!("split from {from}");
                }
                vec![
                    e.year.to_string(),
                    e.id.clone(),
                    status,
                    link,
                    score(e.score),
                    e.text.clone(),
                ]
            })
            .collect();
        Document::grid(Grid::with_rows(
            &["Year", "ID", "Status", "Link", "Score", "Recommendation"],
            rows,
        ))
    }
}
