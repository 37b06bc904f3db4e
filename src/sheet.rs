//! The sheet that goes out to ministries and comes back filled in: one row per ask still to
//! do, with columns for its status, owner, supporting institutions, due date and a new note.
//!
//! Pure: the layout ([`COLUMNS`]), reading a returned sheet (CSV with or without a byte-order
//! mark, or `.xlsx` through calamine) into rows, and checking those rows against the asks as
//! they are now into a plan of changes ([`plan`]). A sheet with any bad row yields no plan,
//! only the problems, one per bad cell, each naming its row and column. The commands write
//! the sheet (`render::xlsx`, `csv`) and apply the plan (`store`).

use std::collections::HashMap;
use std::io::Cursor;

use anyhow::{Context, Result, bail};
use calamine::{Data, Reader, Xlsx};

use crate::model::{Ask, Status};

/// The sheet's columns, in order. Those marked read-only are there to be read; a sheet that
/// comes back with one of them changed is refused (the row may have been pasted into the wrong
/// place).
pub const COLUMNS: &[(&str, bool)] = &[
    ("ask", false),
    ("country", false),
    ("years", false),
    ("text", false),
    ("status", true),
    ("owner", true),
    ("supporting", true),
    ("due", true),
    ("new_note", true),
    // What the ask's record stood at when the sheet was made: a row whose ask changed since
    // is refused rather than applied over the later change.
    ("version", false),
];

/// One row of a returned sheet: its number as a spreadsheet shows it (the header is row 1),
/// and its cells by column name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    pub cells: HashMap<String, String>,
}

/// Reads a returned sheet: `.xlsx` (its first sheet) or CSV.
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<Row>> {
    let grid = if name.to_lowercase().ends_with(".xlsx") {
        read_xlsx(bytes).with_context(|| format!("cannot read {name} as a workbook"))?
    } else {
        read_csv(bytes).with_context(|| format!("cannot read {name} as CSV"))?
    };
    let mut lines = grid.into_iter();
    let Some(header) = lines.next() else {
        bail!("{name} is empty: it has no header row");
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    for (column, _) in COLUMNS {
        if !header.iter().any(|h| h == column) {
            bail!(
                "{name}: the header row has no '{column}' column; the sheet must keep the \
                 columns tiptrack export-sheet wrote"
            );
        }
    }
    Ok(lines
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(index, cells)| Row {
            number: index + 2,
            cells: header
                .iter()
                .cloned()
                .zip(cells.into_iter().chain(std::iter::repeat(String::new())))
                .collect(),
        })
        .collect())
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    // Excel writes a byte-order mark; it is not part of the first column's name.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).context("the file is not UTF-8 text")?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        rows.push(record?.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))?;
    let range = book
        .worksheet_range_at(0)
        .context("the workbook has no sheet")??;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

/// A workbook cell as the text a user sees: dates as YYYY-MM-DD, whole numbers without ".0".
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            // Days since 1899-12-30, the epoch spreadsheets count from.
            let days = d.as_f64().floor() as i64;
            chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::days(days)))
                .map(|day| day.to_string())
                .unwrap_or_default()
        }
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// What one row changes on its ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub row: usize,
    pub ask: String,
    pub status: Option<Status>,
    /// `Some(None)` clears.
    pub owner: Option<Option<String>>,
    pub supporting: Option<Vec<String>>,
    pub due: Option<Option<String>>,
    pub note: Option<String>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.owner.is_none()
            && self.supporting.is_none()
            && self.due.is_none()
            && self.note.is_none()
    }
}

/// The ask's `version` as the sheet carries it: the last history event recorded about it.
pub fn version(ask: &Ask) -> String {
    ask.version.to_string()
}

/// Checks the rows against the asks as they are now. Returns the changes of the rows that
/// change something, or every problem found (row, column, what is wrong).
pub fn plan(rows: &[Row], asks: &[Ask]) -> std::result::Result<Vec<Change>, Vec<String>> {
    let by_id: HashMap<&str, &Ask> = asks.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut changes = Vec::new();
    for row in rows {
        let cell = |column: &str| row.cells.get(column).map(|c| c.trim()).unwrap_or("");
        let mut problem = |column: &str, message: String| {
            problems.push(format!("row {}, column {column}: {message}", row.number));
        };
        let id = cell("ask").to_uppercase();
        if id.is_empty() {
            problem("ask", "no ask ID".into());
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), row.number) {
            problem("ask", format!("{id} is already on row {first}"));
            continue;
        }
        let Some(ask) = by_id.get(id.as_str()) else {
            problem(
                "ask",
                format!("unknown ask {id} (not an ask of this database, or no longer to do)"),
            );
            continue;
        };
        if cell("text") != ask.text.trim() {
            problem(
                "text",
                format!("the text of {id} was changed; the text columns are read-only"),
            );
        }
        if cell("version") != version(ask) {
            problem(
                "version",
                format!(
                    "{id} changed in the database since the sheet was exported; export a new \
                     sheet and enter this row again"
                ),
            );
        }
        let mut change = Change {
            row: row.number,
            ask: id.clone(),
            status: None,
            owner: None,
            supporting: None,
            due: None,
            note: None,
        };
        match cell("status").parse::<Status>() {
            Ok(status) if status != ask.status => change.status = Some(status),
            Ok(_) => {}
            Err(_) if cell("status").is_empty() => problem(
                "status",
                format!("no status (leave {} to keep it)", ask.status),
            ),
            Err(err) => problem("status", err.to_string()),
        }
        let owner = cell("owner");
        if owner != ask.owner.as_deref().unwrap_or("") {
            change.owner = Some((!owner.is_empty()).then(|| owner.to_string()));
        }
        let supporting: Vec<String> = cell("supporting")
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if supporting != ask.supporting {
            change.supporting = Some(supporting);
        }
        for (column, name) in [("owner", owner), ("supporting", cell("supporting"))] {
            if let Some(c) = name.chars().find(|c| c.is_control()) {
                problem(
                    column,
                    format!("a control character (U+{:04X}) in the name", u32::from(c)),
                );
            }
        }
        let due = cell("due");
        if due != ask.due.as_deref().unwrap_or("") {
            if due.is_empty() {
                change.due = Some(None);
            } else if crate::period::parse_date(due).is_some() {
                change.due = Some(Some(due.to_string()));
            } else {
                problem(
                    "due",
                    format!("invalid date '{due}': use YYYY-MM-DD, e.g. 2012-03-31"),
                );
            }
        }
        let note = cell("new_note");
        if !note.is_empty() {
            change.note = Some(note.to_string());
        }
        if !change.is_empty() {
            changes.push(change);
        }
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems)
    }
}
