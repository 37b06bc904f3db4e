//! [`Grid`]: rows under a header, the shape that tables, CSV and Markdown share.

use std::borrow::Cow;

use anyhow::Result;
use serde::Serialize;

/// A cell's text: most are made for the grid, some (a report's counts) are constants.
pub(super) type Cell = Cow<'static, str>;

/// Rows with a header, the shape shared by table, CSV and Markdown output.
pub(super) struct Grid {
    pub(super) header: Vec<String>,
    pub(super) rows: Vec<Vec<Cell>>,
    /// The columns a table too narrow for all of them leaves out, in this order (CSV and
    /// Markdown have them all).
    pub(super) droppable: Vec<usize>,
    /// The columns a table never wraps (a country's name on one line), unless nothing else
    /// fits.
    pub(super) whole: Vec<usize>,
}

impl Grid {
    /// An empty grid under these column names.
    pub(super) fn new(names: &[&str]) -> Grid {
        Grid {
            header: names.iter().map(|name| name.to_string()).collect(),
            rows: Vec::new(),
            droppable: Vec::new(),
            whole: Vec::new(),
        }
    }

    /// The grid with these columns, by name, left out of a table too narrow for them, the first
    /// named first.
    pub(super) fn dropping(mut self, names: &[&str]) -> Grid {
        self.droppable = self.columns(names);
        self
    }

    /// The grid with these columns, by name, never wrapped in a table.
    pub(super) fn whole(mut self, names: &[&str]) -> Grid {
        self.whole = self.columns(names);
        self
    }

    fn columns(&self, names: &[&str]) -> Vec<usize> {
        names
            .iter()
            .filter_map(|name| self.header.iter().position(|h| h == name))
            .collect()
    }

    /// A grid under these column names, with these rows.
    pub(super) fn with_rows(names: &[&str], rows: Vec<Vec<String>>) -> Grid {
        let rows = rows
            .into_iter()
            .map(|row| row.into_iter().map(Cow::Owned).collect())
            .collect();
        Grid::with_cells(names, rows)
    }

    /// [`Grid::with_rows`] of cells that may be constants.
    pub(super) fn with_cells(names: &[&str], rows: Vec<Vec<Cell>>) -> Grid {
        Grid {
            rows,
            ..Grid::new(names)
        }
    }

    /// The values' fields as a grid: the JSON field names as header, one row per value, so
    /// that CSV and JSON cannot drift apart. `fields` names the columns when there are no
    /// values to take them from.
    pub(super) fn of_fields<T: Serialize>(values: &[T], fields: &[&str]) -> Result<Grid> {
        let mut grid = Grid::new(fields);
        for value in values {
            let serde_json::Value::Object(fields) = serde_json::to_value(value)? else {
                anyhow::bail!("internal error: a CSV row is not a JSON object");
            };
            grid.header = fields.keys().cloned().collect();
            grid.rows
                .push(fields.values().map(|v| Cow::Owned(cell_text(v))).collect());
        }
        Ok(grid)
    }
}

/// A JSON value as a CSV cell: strings as they are, lists joined by "; ".
fn cell_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(cell_text).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}
