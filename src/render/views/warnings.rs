//! `list --warnings`: what the importer found odd in the narratives it stored.

use anyhow::Result;

use super::View;
use crate::model::NarrativeWarning;
use crate::render::document::Document;
use crate::render::grid::Grid;

/// The JSON (and CSV) field names of an import warning: a documented, stable interface.
pub const WARNING_FIELDS: &[&str] = &["country", "iso3", "year", "source", "message"];

/// Import warnings, one a row.
pub(in crate::render) struct Warnings<'a>(pub(in crate::render) &'a [NarrativeWarning]);

impl View for Warnings<'_> {
    type Model = [NarrativeWarning];

    fn model(&self) -> &[NarrativeWarning] {
        self.0
    }

    fn records(&self) -> Result<Grid> {
        Grid::of_fields(self.0, WARNING_FIELDS)
    }

    fn document(&self) -> Document {
        let rows = self
            .0
            .iter()
            .map(|w| {
                vec![
                    w.country.clone(),
                    w.year.to_string(),
                    w.source.clone(),
                    w.message.clone(),
                ]
            })
            .collect();
        Document::grid(Grid::with_rows(
            &["Country", "Year", "Source", "Warning"],
            rows,
        ))
    }
}
