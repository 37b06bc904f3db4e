//! `tier COUNTRY`: a country's tier, report year by report year.

use anyhow::Result;

use super::{View, tier_change_cell};
use crate::model::TierYear;
use crate::render::document::Document;
use crate::render::grid::Grid;

/// The JSON (and CSV) field names of a tier year: a documented, stable interface.
pub const TIER_FIELDS: &[&str] = &["year", "tier", "previous_tier", "change", "set_by"];

/// A country's tiers, one year a row.
pub(in crate::render) struct Tiers<'a>(pub(in crate::render) &'a [TierYear]);

impl View for Tiers<'_> {
    type Model = [TierYear];

    fn model(&self) -> &[TierYear] {
        self.0
    }

    fn records(&self) -> Result<Grid> {
        Grid::of_fields(self.0, TIER_FIELDS)
    }

    fn document(&self) -> Document {
        let rows = self
            .0
            .iter()
            .map(|t| {
                vec![
                    t.year.to_string(),
                    t.tier
                        .map_or_else(|| "(not stated)".to_string(), |t| t.to_string()),
                    tier_change_cell(t.change, t.previous_tier),
                    if t.set_by == "user" {
                        "user".to_string()
                    } else {
                        "report".to_string()
                    },
                ]
            })
            .collect();
        Document::grid(Grid::with_rows(&["Year", "Tier", "Change", "From"], rows))
    }
}
