//! `report`: asks counted by status, by report year (each country's asks over all its reports
//! after its last year), or by area, kind of action or owner, with a total.

use anyhow::Result;

use super::{View, tier_change_cell};
use crate::model::Status;
use crate::render::document::Document;
use std::sync::OnceLock;

use crate::render::grid::{Cell, Grid};
use crate::report::{Report, ReportRow, RowKey, TierChange};

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
        let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(report.rows.len() + 200);
        let width = names.len();
        // The countries' rows come in the order of their years' rows: found by walking along.
        let mut countries = report.countries.iter();
        for (index, row) in report.rows.iter().enumerate() {
            rows.push(cells(row, width));
            // After a country's last year, its asks over all its reports, each once.
            let this = iso3(&row.key);
            let next = report.rows.get(index + 1).and_then(|r| iso3(&r.key));
            let previous = index
                .checked_sub(1)
                .and_then(|i| report.rows.get(i))
                .and_then(|r| iso3(&r.key));
            // Where it says more than its one year row, or than the total.
            if this.is_some() && this != next && this == previous && report.countries.len() > 1 {
                let country = countries.by_ref().find(|c| {
                    matches!(&c.key, RowKey::Country { iso3, .. } if Some(iso3.as_str()) == this)
                });
                if let Some(country) = country {
                    rows.push(cells(country, width));
                }
            }
        }
        let total = &report.total;
        let mut cells = vec![Cell::Borrowed(""); key_names.len()];
        cells[0] = Cell::Borrowed("Total");
        counts(
            &mut cells,
            &ReportRow {
                key: RowKey::Owner { owner: None },
                total: total.total,
                tally: total.tally,
                addressed_pct: total.addressed_pct,
                asked_before: total.asked_before,
                asked_again: total.asked_again,
                overdue: total.overdue,
                changed: total.changed,
            },
        );
        rows.push(cells);
        // Fifteen columns do not fit 80: a narrow table keeps the counts that say the most.
        Document::grid(
            Grid::with_cells(&names, rows)
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

/// The country of a year's row.
fn iso3(key: &RowKey) -> Option<&str> {
    match key {
        RowKey::Year { iso3, .. } => Some(iso3.as_str()),
        _ => None,
    }
}

/// A row's cells, `width` of them: its keys, then its counts.
fn cells(row: &ReportRow, width: usize) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(width);
    keys(&mut cells, &row.key);
    counts(&mut cells, row);
    cells
}

/// A row's key cells: country, year, tier and its move; or its area, action or owner.
fn keys(cells: &mut Vec<Cell>, key: &RowKey) {
    let keys = match key {
        RowKey::Year {
            country,
            year,
            tier,
            previous_tier,
            tier_change,
            ..
        } => [
            Cell::Owned(country.clone()),
            count_cell(*year),
            Cell::Borrowed(tier.map_or("", |t| t.as_str())),
            match tier_change {
                // The common cells, constants.
                None => Cell::Borrowed(""),
                Some(TierChange::Unchanged) => Cell::Borrowed(TierChange::Unchanged.as_str()),
                _ => Cell::Owned(tier_change_cell(*tier_change, *previous_tier)),
            },
        ],
        RowKey::Country { country, .. } => [
            Cell::Owned(country.clone()),
            Cell::Borrowed("all years"),
            Cell::Borrowed(""),
            Cell::Borrowed(""),
        ],
        RowKey::Area { area } => return cells.push(Cell::Owned(area.to_string())),
        RowKey::Action { action } => return cells.push(Cell::Owned(action.to_string())),
        RowKey::Owner { owner } => {
            return cells.push(owner.clone().map_or(Cell::Borrowed("(none)"), Cell::Owned));
        }
    };
    cells.extend(keys);
}

/// A row's counts: asks, each status, the share addressed, asked before and again, overdue,
/// and (in a window of dates) how many changed.
fn counts(cells: &mut Vec<Cell>, row: &ReportRow) {
    cells.push(count_cell(row.total));
    cells.extend(Status::ALL.map(|s| count_cell(row.tally.get(s))));
    cells.push(row.addressed_pct.map_or(Cell::Borrowed("-"), pct_cell));
    cells.push(count_cell(row.asked_before));
    cells.push(count_cell(row.asked_again));
    cells.push(count_cell(row.overdue));
    if let Some(changed) = row.changed {
        cells.push(count_cell(changed));
    }
}

/// The counts that are cells made once, shared by every cell that shows them: up to 2,100, so
/// that the years are too (a report's 50,000 count cells were as many strings allocated).
const SHARED: usize = 2100;

/// `0123...99100...2100`: every count up to [`SHARED`], written once.
static COUNTS: OnceLock<String> = OnceLock::new();

/// The shares from 0.0 to 100.0, a tenth apart, written once: `0.00.10.2...100.0`.
static SHARES: OnceLock<String> = OnceLock::new();

/// A count as a cell: shared up to [`SHARED`], else its digits.
fn count_cell(count: i64) -> Cell {
    match usize::try_from(count) {
        Ok(n) if n <= SHARED => {
            let all = COUNTS.get_or_init(|| (0..=SHARED).map(|n| n.to_string()).collect());
            // Where n starts: after the shorter numbers, then after those of its own length.
            let (start, len) = match n {
                0..=9 => (n, 1),
                10..=99 => (10 + (n - 10) * 2, 2),
                100..=999 => (190 + (n - 100) * 3, 3),
                _ => (2890 + (n - 1000) * 4, 4),
            };
            Cell::Borrowed(&all[start..start + len])
        }
        _ => Cell::Owned(digits(count)),
    }
}

/// A count's digits written straight into a string of their size, without `to_string`'s
/// formatting machinery.
fn digits(count: i64) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = count.unsigned_abs();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut cell = String::with_capacity(digits.len() - start + 1);
    if count < 0 {
        cell.push('-');
    }
    cell.extend(digits[start..].iter().map(|&d| char::from(d)));
    cell
}

/// A share in percent, one decimal, as `format!("{pct:.1}")` writes it: a report's shares are
/// whole tenths (`Tally::addressed_pct`), shared cells; anything else formatted.
fn pct_cell(pct: f64) -> Cell {
    let tenths = (pct * 10.0).round();
    if !(0.0..=1000.0).contains(&tenths) || (tenths / 10.0 - pct).abs() > 1e-9 {
        return Cell::Owned(format!("{pct:.1}"));
    }
    let n = tenths as usize;
    let all = SHARES.get_or_init(|| {
        (0..=1000)
            .map(|n| format!("{}.{}", n / 10, n % 10))
            .collect()
    });
    // "0.0" to "9.9" three characters each, then four, then "100.0".
    let (start, len) = match n {
        0..=99 => (n * 3, 3),
        100..=999 => (300 + (n - 100) * 4, 4),
        _ => (3900, 5),
    };
    Cell::Borrowed(&all[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::{SHARED, count_cell, digits, pct_cell};

    #[test]
    fn a_share_cell_is_the_share_as_rust_writes_it() {
        for addressed in 0..=300 {
            for in_force in [1, 3, 7, 12, 300] {
                if addressed > in_force {
                    continue;
                }
                let pct = (addressed as f64 * 1000.0 / in_force as f64).round() / 10.0;
                assert_eq!(pct_cell(pct), format!("{pct:.1}"), "{addressed}/{in_force}");
            }
        }
        // Every share a tally gives: a whole number of tenths, divided by ten.
        for tenths in 0..=1000 {
            let pct = f64::from(tenths) / 10.0;
            assert_eq!(pct_cell(pct), format!("{pct:.1}"), "{tenths}");
        }
        for pct in [0.05, 33.35, 99.99, 100.05, -1.0, f64::NAN, 1e300] {
            assert_eq!(pct_cell(pct), format!("{pct:.1}"), "{pct}");
        }
    }

    #[test]
    fn a_count_cell_is_the_number_as_rust_writes_it() {
        for n in [50_000, -1, -250, i64::MAX, i64::MIN]
            .into_iter()
            .chain(0..=SHARED as i64 + 10)
        {
            assert_eq!(count_cell(n), n.to_string());
            assert_eq!(digits(n), n.to_string());
        }
    }
}
