//! `report`: asks counted by status, by report year (each country's asks over all its reports
//! after its last year), or by area, kind of action or owner, with a total.

use anyhow::Result;

use super::{View, tier_change_cell};
use crate::model::Status;
use crate::render::document::Document;
use crate::render::grid::Grid;
use crate::report::{Report, ReportRow, RowKey};

/// The CSV columns a report can have, in order; a report has those its rows have.
const REPORT_FIELDS: &[&str] = &[
    "country",
    "iso3",
    "year",
    "tier",
    "previous_tier",
    "tier_change",
    "area",
    "action",
    "owner",
    "total",
    "open",
    "in_progress",
    "partially_addressed",
    "addressed",
    "not_addressed",
    "superseded",
    "addressed_pct",
    "asked_before",
    "asked_again",
    "overdue",
    "changed",
];

/// A report's rows and total.
pub(in crate::render) struct ReportView<'a>(pub(in crate::render) &'a Report);

impl View for ReportView<'_> {
    type Model = Report;

    fn model(&self) -> &Report {
        self.0
    }

    /// The report's rows under their JSON names (the fields its rows have), then each
    /// country's row over all years (`year` "all"), then a total row whose first cell is
    /// "Total".
    fn records(&self) -> Result<Grid> {
        let report = self.0;
        let mut values: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
        let object = |value: serde_json::Value| match value {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        for row in report.rows.iter().chain(&report.countries) {
            let mut map = object(serde_json::to_value(row)?);
            if matches!(row.key, RowKey::Country { .. }) {
                map.insert("year".into(), "all".into());
            }
            values.push(map);
        }
        let mut total = object(serde_json::to_value(&report.total)?);
        total.remove("rows");
        let first = values
            .first()
            .and_then(|v| v.keys().next().cloned())
            .unwrap_or_else(|| "country".into());
        total.insert(first, "Total".into());
        values.push(total);
        let fields: Vec<&str> = REPORT_FIELDS
            .iter()
            .copied()
            .filter(|f| values.iter().any(|v| v.contains_key(*f)))
            .collect();
        let rows = values
            .iter()
            .map(|v| {
                fields
                    .iter()
                    .map(|f| match v.get(*f) {
                        None | Some(serde_json::Value::Null) => String::new(),
                        Some(serde_json::Value::String(s)) => s.clone(),
                        Some(other) => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        Ok(Grid::with_rows(&fields, rows))
    }

    /// `report` ends its process: its 60,000 cells need not be freed one by one (12 million
    /// instructions at 3,920 rows).
    fn leave_to_exit(&self) -> bool {
        true
    }

    fn document(&self) -> Document {
        let report = self.0;
        let window = report.total.changed.is_some();
        let key_names: &[&str] = match report.rows.first().map(|r| &r.key) {
            Some(RowKey::Area { .. }) => &["Area"],
            Some(RowKey::Action { .. }) => &["Action"],
            Some(RowKey::Owner { .. }) => &["Owner"],
            _ => &["Country", "Year", "Tier", "Tier change"],
        };
        let mut names = key_names.to_vec();
        names.push("Asks");
        // Spaces, not the statuses' hyphens, so that a narrow terminal wraps headers at words.
        names.extend(Status::ALL.map(|s| match s {
            Status::Open => "open",
            Status::InProgress => "in progress",
            Status::PartiallyAddressed => "partially addressed",
            Status::Addressed => "addressed",
            Status::NotAddressed => "not addressed",
            Status::Superseded => "superseded",
        }));
        names.extend(["% addressed", "asked before", "asked again", "overdue"]);
        if window {
            names.push("changed");
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (index, row) in report.rows.iter().enumerate() {
            let mut cells = keys(&row.key);
            cells.extend(counts(row));
            rows.push(cells);
            // After a country's last year, its asks over all its reports, each once.
            let iso3 = |key: &RowKey| match key {
                RowKey::Year { iso3, .. } => Some(iso3.clone()),
                _ => None,
            };
            let this = iso3(&row.key);
            let next = report.rows.get(index + 1).and_then(|r| iso3(&r.key));
            let previous = index
                .checked_sub(1)
                .and_then(|i| report.rows.get(i))
                .and_then(|r| iso3(&r.key));
            // Where it says more than its one year row, or than the total.
            if this.is_some() && this != next && this == previous && report.countries.len() > 1 {
                let country = report.countries.iter().find(|c| {
                    matches!(&c.key, RowKey::Country { iso3, .. } if Some(iso3) == this.as_ref())
                });
                if let Some(country) = country {
                    let mut cells = keys(&country.key);
                    cells.extend(counts(country));
                    rows.push(cells);
                }
            }
        }
        let total = &report.total;
        let mut cells = vec![String::new(); key_names.len()];
        cells[0] = "Total".to_string();
        cells.extend(counts(&ReportRow {
            key: RowKey::Owner { owner: None },
            total: total.total,
            tally: total.tally,
            addressed_pct: total.addressed_pct,
            asked_before: total.asked_before,
            asked_again: total.asked_again,
            overdue: total.overdue,
            changed: total.changed,
        }));
        rows.push(cells);
        // Fifteen columns do not fit 80: a narrow table keeps the counts that say the most.
        Document::grid(
            Grid::with_rows(&names, rows)
                .dropping(&[
                    "asked before",
                    "asked again",
                    "overdue",
                    "Tier change",
                    "superseded",
                    "changed",
                    "Tier",
                    "not addressed",
                    "in progress",
                ])
                .whole(&["Country"]),
        )
    }
}

/// A row's key cells: country, year, tier and its move; or its area, action or owner.
fn keys(key: &RowKey) -> Vec<String> {
    match key {
        RowKey::Year {
            country,
            year,
            tier,
            previous_tier,
            tier_change,
            ..
        } => vec![
            country.clone(),
            year.to_string(),
            tier.map_or_else(String::new, |t| t.to_string()),
            tier_change_cell(*tier_change, *previous_tier),
        ],
        RowKey::Country { country, .. } => vec![
            country.clone(),
            "all years".to_string(),
            String::new(),
            String::new(),
        ],
        RowKey::Area { area } => vec![area.to_string()],
        RowKey::Action { action } => vec![action.to_string()],
        RowKey::Owner { owner } => vec![owner.clone().unwrap_or_else(|| "(none)".into())],
    }
}

/// A row's counts: asks, each status, the share addressed, asked before and again, overdue,
/// and (in a window of dates) how many changed.
fn counts(row: &ReportRow) -> Vec<String> {
    let pct = |p: Option<f64>| p.map_or_else(|| "-".to_string(), |p| format!("{p:.1}"));
    let mut cells = vec![row.total.to_string()];
    cells.extend(Status::ALL.map(|s| row.tally.get(s).to_string()));
    cells.push(pct(row.addressed_pct));
    cells.push(row.asked_before.to_string());
    cells.push(row.asked_again.to_string());
    cells.push(row.overdue.to_string());
    if let Some(changed) = row.changed {
        cells.push(changed.to_string());
    }
    cells
}
