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

/// The sheet's columns, in order: `ask`, `country`, `years` and `text` are there to be read, and
/// a sheet that comes back with one of them changed is refused (the row may have been pasted
/// into the wrong place); `status`, `owner`, `supporting`, `due` and `new_note` are filled in.
/// `version` is what the ask's record stood at when the sheet was made: a row whose ask changed
/// since is refused rather than applied over the later change.
pub const COLUMNS: &[&str] = &[
    "ask",
    "country",
    "years",
    "text",
    "status",
    "owner",
    "supporting",
    "due",
    "new_note",
    "version",
];

/// What a filled-in cell writes to clear an owner, the supporting institutions or a due date:
/// a blank cell keeps them, so that a cell emptied by accident loses nothing.
pub const CLEARED: &[&str] = &["none", "-"];

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
    for column in COLUMNS {
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
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let line = bytes[..err.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            bail!(
                "line {line} is not UTF-8 text; save the sheet as \"CSV UTF-8 (comma delimited)\""
            );
        }
    };
    // Excel in many locales saves CSV with semicolons: the header row tells which.
    let header = text.lines().next().unwrap_or("");
    let delimiter = if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
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
            // calamine knows the workbook's date system (1900 or 1904).
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
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
        let cell = |column: &str| plain(row.cells.get(column).map(String::as_str).unwrap_or(""));
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
        let years = ask
            .years
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        for (column, now) in [
            ("country", ask.country.as_str()),
            ("years", years.as_str()),
            ("text", ask.text.trim()),
        ] {
            if cell(column) != plain(now) {
                problem(
                    column,
                    format!(
                        "the {column} of {id} differs from the ask's (edited in the sheet, or a \
                         later report was imported since it was made); the {column} column is \
                         read-only: export a new sheet"
                    ),
                );
            }
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
        let status = cell("status");
        match status.parse::<Status>() {
            Ok(status) if status != ask.status => change.status = Some(status),
            Ok(_) => {}
            Err(_) if status.is_empty() => problem(
                "status",
                format!("no status (leave {} to keep it)", ask.status),
            ),
            Err(err) => problem("status", err.to_string()),
        }
        for column in ["owner", "supporting", "new_note"] {
            if let Some(c) = cell(column).chars().find(|c| invisible(*c)) {
                problem(
                    column,
                    format!(
                        "a control or invisible character (U+{:04X}); give plain text",
                        u32::from(c)
                    ),
                );
            }
        }
        // A blank cell keeps what the ask has; "none" or "-" clears it.
        let cleared = |value: &str| CLEARED.contains(&value.to_lowercase().as_str());
        let owner = cell("owner");
        if cleared(&owner) {
            if ask.owner.is_some() {
                change.owner = Some(None);
            }
        } else if !owner.is_empty() && Some(owner.as_str()) != ask.owner.as_deref() {
            change.owner = Some(Some(owner.clone()));
        }
        let supporting_cell = cell("supporting");
        if cleared(&supporting_cell) {
            if !ask.supporting.is_empty() {
                change.supporting = Some(Vec::new());
            }
        } else if !supporting_cell.is_empty() {
            let supporting: Vec<String> = supporting_cell
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if supporting != ask.supporting {
                change.supporting = Some(supporting);
            }
        }
        let due = cell("due");
        if cleared(&due) {
            if ask.due.is_some() {
                change.due = Some(None);
            }
        } else if !due.is_empty() && Some(due.as_str()) != ask.due.as_deref() {
            if crate::period::parse_date(&due).is_some() {
                change.due = Some(Some(due.clone()));
            } else {
                problem(
                    "due",
                    format!(
                        "invalid date '{due}': {} (a spreadsheet may have rewritten it in its \
                         own format: format the column as text)",
                        crate::period::DATE_FORM
                    ),
                );
            }
        }
        let note = cell("new_note");
        if !note.is_empty() {
            change.note = Some(note);
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

/// A cell as the user meant it: trimmed, no-break and other Unicode spaces made plain, and the
/// apostrophe that keeps a spreadsheet from running "=..." as a formula taken off again.
fn plain(cell: &str) -> String {
    let spaced: String = cell
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let text = spaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => text,
    }
}

/// Control and format characters (zero-width spaces, direction marks): invisible in a cell,
/// and not part of a name or a note.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}
