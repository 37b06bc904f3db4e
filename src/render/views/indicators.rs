//! `indicators COUNTRY`: a country's reported figures, year by year. A figure another report
//! gave differently shows the other values: "88 (49 in 2012 report)".

use anyhow::Result;

use super::View;
use crate::indicators::{Cell, Indicators};
use crate::render::document::Document;
use crate::render::grid::Grid;

/// A country's figures, one year a row.
pub(in crate::render) struct IndicatorsView<'a>(pub(in crate::render) &'a Indicators);

impl View for IndicatorsView<'_> {
    type Model = Indicators;

    fn model(&self) -> &Indicators {
        self.0
    }

    /// CSV has the table's columns and cells.
    fn records(&self) -> Result<Grid> {
        Ok(self.grid())
    }

    fn document(&self) -> Document {
        Document::grid(self.grid())
    }
}

impl IndicatorsView<'_> {
    fn grid(&self) -> Grid {
        let cell = |c: &Option<Cell>| {
            let Some(c) = c else { return String::new() };
            let mut text = c.value.to_string();
            if !c.conflicts.is_empty() {
                let others: Vec<String> = c
                    .conflicts
                    .iter()
                    .map(|o| format!("{} in {} report", o.value, o.report_year))
                    .collect();
                text.push_str(&format!(" ({})", others.join("; ")));
            }
            text
        };
        Grid::with_rows(
            &[
                "Year",
                "Investigations",
                "Prosecutions",
                "Convictions",
                "Victims identified",
                "Victims assisted",
                "Funding",
            ],
            self.0
                .years
                .iter()
                .map(|r| {
                    vec![
                        r.year.to_string(),
                        cell(&r.investigations),
                        cell(&r.prosecutions),
                        cell(&r.convictions),
                        cell(&r.victims_identified),
                        cell(&r.victims_assisted),
                        cell(&r.funding),
                    ]
                })
                .collect(),
        )
    }
}
