//! `asks`: one row per ask, the line of linked items across a country's reports.

use anyhow::Result;

use super::{View, ask_years, due_cell, owner_cell};
use crate::model::Ask;
use crate::render::document::Document;
use crate::render::grid::Grid;

/// The JSON (and CSV) field names of an ask: a documented, stable interface.
pub const ASK_FIELDS: &[&str] = &[
    "id",
    "country",
    "iso3",
    "first_year",
    "latest_year",
    "reports",
    "years",
    "tiers",
    "latest",
    "text",
    "area",
    "status",
    "status_date",
    "status_set_on",
    "asked_again",
    "owner",
    "supporting",
    "due",
    "overdue",
    "still_made",
    "merged_into",
    "split_from",
];

/// Asks, one row each.
pub(in crate::render) struct Asks<'a>(pub(in crate::render) &'a [Ask]);

impl View for Asks<'_> {
    type Model = [Ask];

    fn model(&self) -> &[Ask] {
        self.0
    }

    fn records(&self) -> Result<Grid> {
        Grid::of_fields(self.0, ASK_FIELDS)
    }

    fn document(&self) -> Document {
        let asks = self.0;
        let with_country = asks.windows(2).any(|w| w[0].iso3 != w[1].iso3);
        let mut names = vec!["Ask"];
        if with_country {
            names.push("Country");
        }
        names.extend([
            "Years",
            "Status",
            "Owner",
            "Due",
            "Still made",
            "Latest",
            "Recommendation (latest)",
        ]);
        let rows = asks
            .iter()
            .map(|a| {
                let mut row = vec![a.id.clone()];
                if with_country {
                    row.push(a.country.clone());
                }
                row.push(ask_years(&a.years));
                row.push(status(a));
                row.push(owner_cell(a.owner.as_deref(), &a.supporting));
                row.push(due_cell(a.due.as_deref(), a.overdue));
                row.push(match (&a.merged_into, a.still_made) {
                    (Some(into), _) => format!("no (merged into {into})"),
                    (None, true) => "yes".to_string(),
                    (None, false) => "no".to_string(),
                });
                row.push(a.latest.clone());
                row.push(a.text.clone());
                row
            })
            .collect();
        Document::grid(
            Grid::with_rows(&names, rows)
                .dropping(&["Still made", "Latest", "Due"])
                .whole(&["Country"]),
        )
    }
}

/// An ask's status, with "(asked again)" when a later report made it again after it was marked
/// addressed.
fn status(ask: &Ask) -> String {
    if ask.asked_again {
        format!("{} (asked again)", ask.status)
    } else {
        ask.status.to_string()
    }
}
