//! `list` and `import`: recommendations, one row each.

use anyhow::Result;

use super::{View, due_cell, owner_cell};
use crate::model::Recommendation;
use crate::render::document::Document;
use crate::render::grid::Grid;

/// The JSON (and CSV) field names of a recommendation: a documented, stable interface.
pub const RECOMMENDATION_FIELDS: &[&str] = &[
    "id",
    "country",
    "iso3",
    "year",
    "tier",
    "position",
    "text",
    "truncated",
    "area",
    "action",
    "status",
    "updated_at",
    "repeats",
    "ask",
    "owner",
    "supporting",
    "due",
    "asked_again",
];

/// Recommendations, one row each.
pub(in crate::render) struct List<'a>(pub(in crate::render) &'a [Recommendation]);

impl View for List<'_> {
    type Model = [Recommendation];

    fn model(&self) -> &[Recommendation] {
        self.0
    }

    fn records(&self) -> Result<Grid> {
        Grid::of_fields(self.0, RECOMMENDATION_FIELDS)
    }

    fn document(&self) -> Document {
        let items = self.0;
        let with_country = items
            .windows(2)
            .any(|w| (&w[0].iso3, w[0].year) != (&w[1].iso3, w[1].year));
        let mut names = vec!["ID"];
        if with_country {
            names.push("Country");
        }
        // The repeat count and the ask only where some ask recurs, the owner only where some
        // ask has one, so that plain lists stay narrow.
        let with_repeats = items.iter().any(|r| r.repeats > 0 || r.ask != r.id);
        let with_owner = items.iter().any(|r| r.owner.is_some() || r.due.is_some());
        names.push("Status");
        if with_repeats {
            names.extend(["Ask", "Repeats"]);
        }
        if with_owner {
            names.extend(["Owner", "Due"]);
        }
        names.extend(["Area", "Action", "Recommendation"]);
        let today = crate::period::today();
        let rows = items
            .iter()
            .map(|r| {
                let mut row = vec![r.id.clone()];
                if with_country {
                    row.push(r.country.clone());
                }
                let mut status = r.status.to_string();
                if r.asked_again {
                    status.push_str(" (asked again)");
                }
                if r.position.is_none() {
                    status.push_str(" (removed)");
                }
                if r.truncated {
                    status.push_str(" (cut off)");
                }
                row.push(status);
                if with_repeats {
                    row.extend([r.ask.clone(), r.repeats.to_string()]);
                }
                if with_owner {
                    let overdue = crate::ask::overdue(r.status, r.due.as_deref(), today);
                    row.extend([
                        owner_cell(r.owner.as_deref(), &r.supporting),
                        due_cell(r.due.as_deref(), overdue),
                    ]);
                }
                row.extend([r.area.to_string(), r.action.to_string(), r.text.clone()]);
                row
            })
            .collect();
        // A narrow terminal loses the classification before the text gets too narrow to read.
        Document::grid(
            Grid::with_rows(&names, rows)
                .dropping(&["Action", "Area", "Repeats"])
                .whole(&["Country"]),
        )
    }
}
