//! `db copy`: what was copied, table by table, with the rows and checksums read back from both
//! databases.

use anyhow::Result;

use super::View;
use crate::render::document::Document;
use crate::render::grid::Grid;
use crate::store::CopiedTable;

/// The JSON (and CSV) field names of a copied table: a documented, stable interface.
pub const COPIED_FIELDS: &[&str] = &["table", "rows_from", "rows_to", "sha256_from", "sha256_to"];

pub(in crate::render) struct Copied<'a>(pub(in crate::render) &'a [CopiedTable]);

impl View for Copied<'_> {
    type Model = [CopiedTable];

    fn model(&self) -> &[CopiedTable] {
        self.0
    }

    fn records(&self) -> Result<Grid> {
        Grid::of_fields(self.0, COPIED_FIELDS)
    }

    fn document(&self) -> Document {
        let rows = self
            .0
            .iter()
            .map(|t| {
                vec![
                    t.table.to_string(),
                    t.rows_to.to_string(),
                    t.sha256_to.clone(),
                    if t.matches() { "yes" } else { "NO" }.to_string(),
                ]
            })
            .collect();
        Document::grid(Grid::with_rows(
            &["Table", "Rows", "SHA-256", "Same on both"],
            rows,
        ))
    }
}
